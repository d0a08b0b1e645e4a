"""Event dates: time expressions in a sentence ("on Monday", "May 28", "last month", "between 2003
and 2011", "three days ago"), resolved against the publication date, and attached to the event
whose trigger they modify (through the parse).

A date is ``{"value", "precision", "text"}`` (plus ``"end"`` for a range): value YYYY-MM-DD,
YYYY-MM or YYYY; precision day | month | year | unknown. Without a publication date a relative
expression stays unresolved: value None, precision "unknown", the text kept."""
from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from ..model import Published

_DATA = Path(__file__).resolve().parent.parent / "data" / "dates.yaml"


@functools.lru_cache(maxsize=1)
def _names() -> tuple[dict[str, int], dict[str, int]]:
    data = yaml.safe_load(_DATA.read_text(encoding="utf-8"))
    months = {str(a).lower(): int(n) for n, names in data["months"].items() for a in names}
    wd_full = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
    return months, {d: i for i, d in enumerate(wd_full)}


def is_time_word(word: str) -> bool:
    """A month or weekday name, or a part of a day ("on Thursday", "at night")."""
    months, weekdays = _names()
    w = word.lower()
    return w in months or w in weekdays or w in ("day", "night", "morning", "afternoon", "evening", "weekend", "dawn")


_MONTH = (r"(?:January|February|March|April|May|June|July|August|September|October|November|December|"
          r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMWORD = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
            "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": None, "few": None}
_PATTERNS = [
    ("range", re.compile(r"\b(?:between|from)\s+((?:19|20)\d\d)\s+(?:and|to|until|till|through)\s+((?:19|20)\d\d)\b")),
    ("range", re.compile(r"\b((?:19|20)\d\d)\s*[-–]\s*((?:19|20)\d\d)\b")),
    ("mdy", re.compile(rf"\b(?:on\s+)?({_MONTH})\s+(\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+((?:19|20)\d\d))?\b")),
    ("dmy", re.compile(rf"\b(?:on\s+)?(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTH})(?:,?\s+((?:19|20)\d\d))?\b")),
    ("weekday", re.compile(rf"\b(?:(?:on|last|this|next|early|late)\s+)?({_WEEKDAY})(?:\s+(?:morning|afternoon|evening|night))?\b")),
    ("my", re.compile(rf"\b(?:(?:in|since|during|until|by|early|late|mid-?|last|next|this)\s+)({_MONTH})(?:,?\s+((?:19|20)\d\d))?\b")),
    ("my", re.compile(rf"\b({_MONTH})\s+((?:19|20)\d\d)\b")),
    ("ago", re.compile(r"\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten)\s+(day|week|month|year)s?\s+ago\b", re.I)),
    ("rel", re.compile(r"\b(yesterday|today|tonight|(?:earlier|later)\s+this\s+(?:week|month|year)|"
                       r"(?:last|this|next|past)\s+(?:week|month|year|weekend))\b", re.I)),
    ("year", re.compile(r"\b(?:in|since|during|until|by|of|early|late|mid-?)\s+((?:19|20)\d\d)\b")),
]


@dataclass(slots=True)
class DateExpr:
    start: int  # char offsets into the body
    end: int
    text: str
    value: str | None
    precision: str
    end_value: str | None = None

    def as_dict(self) -> dict[str, Any]:
        d = {"value": self.value, "precision": self.precision, "text": self.text}
        if self.end_value:
            d["end"] = self.end_value
        return d


def published_date(pub: Published) -> dt.date | None:
    if pub.value and pub.precision == "day":
        try:
            return dt.date.fromisoformat(pub.value[:10])
        except ValueError:
            return None
    return None


def _pub_year(pub: Published) -> int | None:
    if pub.value and pub.precision in ("day", "month", "year"):
        try:
            return int(pub.value[:4])
        except ValueError:
            return None
    return None


def _month_shift(d: dt.date, months: int) -> tuple[int, int]:
    m = d.month - 1 + months
    return d.year + m // 12, m % 12 + 1


_QUICK = re.compile(rf"\d|{_WEEKDAY}|{_MONTH}|(?i:\b(?:today|tonight|yesterday|week|month|year|ago)\b)")


def find(text: str, offset: int, pub: Published, future: bool = False) -> list[DateExpr]:
    """All time expressions of one sentence (``offset``: char offset of ``text`` in the body)."""
    if not _QUICK.search(text):
        return []
    months, weekdays = _names()
    ref = published_date(pub)
    year = _pub_year(pub)
    taken: list[tuple[int, int]] = []
    out: list[DateExpr] = []
    for kind, pat in _PATTERNS:
        for m in pat.finditer(text):
            s, e = m.span()
            if any(s < b and a < e for a, b in taken):
                continue
            value, precision, end = None, "unknown", None
            g = m.groups()
            if kind == "range":
                value, end, precision = g[0], g[1], "year"
            elif kind in ("mdy", "dmy"):
                mon_s, day_s, y_s = (g[0], g[1], g[2]) if kind == "mdy" else (g[1], g[0], g[2])
                mon = months.get(mon_s.lower().rstrip("."))
                day = int(day_s)
                if mon is None or not 1 <= day <= 31:
                    continue
                y = int(y_s) if y_s else None
                if y is None and ref is not None:
                    y = ref.year
                    try:
                        if dt.date(y, mon, day) > ref + dt.timedelta(days=0 if not future else 366):
                            y -= 1
                    except ValueError:
                        continue
                elif y is None and year is not None and pub.precision != "day":
                    y = None
                if y is not None:
                    value, precision = f"{y:04d}-{mon:02d}-{day:02d}", "day"
            elif kind == "weekday":
                if ref is not None:
                    target = weekdays[g[0].lower()]
                    word = m.group(0).split()[0].lower()
                    if word == "next" or (future and word != "last"):
                        delta = (target - ref.weekday()) % 7 or 7
                        d = ref + dt.timedelta(days=delta)
                    else:
                        delta = (ref.weekday() - target) % 7
                        if word == "last" and delta == 0:
                            delta = 7
                        d = ref - dt.timedelta(days=delta)
                    value, precision = d.isoformat(), "day"
            elif kind == "my":
                mon = months.get(g[0].lower().rstrip("."))
                if mon is None or (g[0] == "May" and not g[1] and not m.group(0).lower().startswith(("in", "since", "during", "until", "early", "late", "mid", "last", "next", "this"))):
                    continue
                y = int(g[1]) if g[1] else None
                if y is None and ref is not None:
                    y = ref.year if (mon <= ref.month or future) else ref.year - 1
                if y is not None:
                    value, precision = f"{y:04d}-{mon:02d}", "month"
            elif kind == "ago":
                n = _NUMWORD.get(g[0].lower(), None) if not g[0].isdigit() else int(g[0])
                unit = g[1].lower()
                if ref is not None and n:
                    if unit == "day":
                        value, precision = (ref - dt.timedelta(days=n)).isoformat(), "day"
                    elif unit == "week":
                        d = ref - dt.timedelta(weeks=n)
                        value, precision = f"{d.year:04d}-{d.month:02d}", "month"
                    elif unit == "month":
                        y, mo = _month_shift(ref, -n)
                        value, precision = f"{y:04d}-{mo:02d}", "month"
                    else:
                        value, precision = f"{ref.year - n:04d}", "year"
                elif year is not None and n and unit == "year":
                    value, precision = f"{year - n:04d}", "year"
            elif kind == "rel":
                w = " ".join(g[0].lower().split())
                if ref is not None:
                    if w in ("today", "tonight"):
                        value, precision = ref.isoformat(), "day"
                    elif w == "yesterday":
                        value, precision = (ref - dt.timedelta(days=1)).isoformat(), "day"
                    elif w.endswith("week") or w.endswith("weekend"):
                        shift = {"last": -7, "past": -7, "next": 7}.get(w.split()[0], 0)
                        d = ref + dt.timedelta(days=shift)
                        value, precision = f"{d.year:04d}-{d.month:02d}", "month"
                    elif w.endswith("month"):
                        shift = {"last": -1, "past": -1, "next": 1}.get(w.split()[0], 0)
                        y, mo = _month_shift(ref, shift)
                        value, precision = f"{y:04d}-{mo:02d}", "month"
                    elif w.endswith("year"):
                        shift = {"last": -1, "past": -1, "next": 1}.get(w.split()[0], 0)
                        value, precision = f"{ref.year + shift:04d}", "year"
                elif year is not None and w.endswith("year"):
                    shift = {"last": -1, "past": -1, "next": 1}.get(w.split()[0], 0)
                    value, precision = f"{year + shift:04d}", "year"
            elif kind == "year":
                value, precision = g[0], "year"
            taken.append((s, e))
            out.append(DateExpr(offset + s, offset + e, m.group(0), value, precision, end))
    out.sort(key=lambda d: d.start)
    return out


def default(pub: Published) -> dict[str, Any]:
    return {"value": pub.value, "precision": pub.precision if pub.value else "unknown", "text": None}


def is_past(expr: DateExpr, pub: Published) -> bool:
    """Does the expression name a period that ended well before publication (a historical date)?"""
    year = _pub_year(pub)
    if year is None or not expr.value:
        return False
    last = int((expr.end_value or expr.value)[:4])
    return last < year
