"""Metadata with evidence: byline, dateline, agency, outlet, copyright, publication date."""
from __future__ import annotations

import datetime as _dt
import re

from .patterns import AGENCY_ALIASES, AGENCY_RE, MONTHS, PUBLISHED_CUES, WEEKDAYS, agency_of

_MON = "|".join(sorted(MONTHS, key=len, reverse=True))
_YEAR = r"((?:19|20)\d{2})"
_DATE_RES = [  # (regex, order of groups: y m d, precision)
    (re.compile(rf"\b{_YEAR}-(\d{{1,2}})-(\d{{1,2}})\b"), "ymd", "day"),
    (re.compile(rf"\b(\d{{1,2}})(?:st|nd|rd|th)?\s+({_MON})\.?,?\s+{_YEAR}\b", re.I), "dmy", "day"),
    (re.compile(rf"\b({_MON})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+{_YEAR}\b", re.I), "mdy", "day"),
    (re.compile(rf"\b(\d{{1,2}})[/.](\d{{1,2}})[/.]{_YEAR}\b"), "dmy-num", "day"),
    (re.compile(rf"\b({_MON})\.?,?\s+{_YEAR}\b", re.I), "my", "month"),
]
_NAME_TOKEN = r"(?:[A-Z][\w'’.-]*|(?:de|da|del|der|van|von|al|el|bin|ibn|la|le|du|dos|di)(?=\s))"
_NAME = rf"{_NAME_TOKEN}(?:\s+{_NAME_TOKEN}){{0,4}}"
_BYLINE = re.compile(
    rf"(?:^|\s)(?:[Bb]y|BY|[Ww]ritten by|[Rr]eporting by|[Ww]ords by|[Ss]tory by|[Pp]osted by)\s+"
    rf"(?P<names>{_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)")
_SPLIT_NAMES = re.compile(r"\s*(?:,|\band\b|&)\s*")
_ROLE = re.compile(r"\b(?:staff|writer|reporter|correspondent|editor|contributor|columnist|bureau|"
                   r"news|desk|team|updated|published|posted|in|at|for|with)\b.*$", re.I)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z'’.\-]+(?:(?: |\s?/\s?)[A-Z][A-Z'’.\-]+){0,3})"
    r"(?P<region>(?:,\s*(?!(?i:" + _MON + r")\.? \d)[A-Z][\w.'’\-]+(?: [A-Z][\w.'’\-]+){0,2}){0,2})"
    r"(?P<date>,?\s*(?i:" + _MON + r")\.? \d{1,2}(?:,? \d{4})?)?"
    r"\s*(?:\((?P<src>[^()]{1,40})\))?\s*(?P<dash>[-–—:]|--)\s+\S")
_COPYRIGHT_OWNER = re.compile(r"(?:©|\(c\)|copyright)\s*(?:©|\(c\))?\s*(?P<rest>.{0,80})", re.I)
_YEARS = re.compile(r"\b((?:19|20)\d{2})\b")


def find_date(text: str) -> tuple[str, str] | None:
    """First calendar date in ``text`` as (value, precision), e.g. ("2019-11-19", "day")."""
    head = text[:400]
    for rx, order, prec in _DATE_RES:
        for m in rx.finditer(head):
            g = m.groups()
            try:
                if order == "ymd":
                    y, mo, d = int(g[0]), int(g[1]), int(g[2])
                elif order == "dmy":
                    d, mo, y = int(g[0]), MONTHS[g[1].lower()], int(g[2])
                elif order == "mdy":
                    mo, d, y = MONTHS[g[0].lower()], int(g[1]), int(g[2])
                elif order == "dmy-num":
                    a, b, y = int(g[0]), int(g[1]), int(g[2])
                    if a <= 12 and b <= 12:
                        continue  # 03/04/2020: ambiguous, not evidence
                    d, mo = (a, b) if a > 12 else (b, a)
                else:
                    mo, y = MONTHS[g[0].lower()], int(g[1])
                    if g[0].lower() in ("may", "mar") and g[0][0].islower():
                        continue  # "may 2020" in prose is not a month
                    return f"{y:04d}-{mo:02d}", "month"
                _dt.date(y, mo, d)
            except (ValueError, KeyError):
                continue
            return f"{y:04d}-{mo:02d}-{d:02d}", prec
    return None


def published_cue(text: str) -> str | None:
    low = text[:80].lower()
    for cue in PUBLISHED_CUES:
        if re.search(rf"\b{re.escape(cue)}\b", low):
            return cue
    return None


def parse_byline(text: str) -> list[str]:
    """"By Alister Bull and Dean Yates" -> ["Alister Bull", "Dean Yates"]."""
    m = _BYLINE.search(text[:600])
    if not m:
        return []
    names = []
    for part in _SPLIT_NAMES.split(m.group("names")):
        part = _ROLE.sub("", part).strip(" .,;|-")
        if not part or agency_of(part) or part.lower() in WEEKDAYS or part.lower() in MONTHS:
            continue
        toks = part.split()
        if 1 <= len(toks) <= 5 and toks[0][0].isupper():
            names.append(part)
    return names


def parse_dateline(text: str) -> dict | None:
    """"BAGHDAD (Reuters) – ..." -> {"place": "BAGHDAD", "agency": "Reuters", "evidence": ...}."""
    m = _DATELINE.match(text[:200])
    if not m:
        return None
    place = m.group("place").strip(" ,.")
    if len(place) < 3 or agency_of(place) or place.lower() in WEEKDAYS:
        return None
    if m.group("dash") == ":" and not m.group("src") and len(place.split()) > 2:
        return None
    src = (m.group("src") or "").strip()
    region = m.group("region").strip(" ,")
    out = {"place": place, "region": region or None, "source": src or None,
           "agency": agency_of(src) if src else None, "evidence": text[:m.end() - 1].strip()}
    if m.group("date"):
        out["date"] = m.group("date").strip(" ,")
    return out


_SIGN_PART = re.compile(r"^\(?\s*(?P<role>[A-Za-z][A-Za-z ]{1,30}?) (?:by|from)\s+(?P<who>.+?)\)?\.?$")


def parse_signature(text: str) -> dict[str, str]:
    """"(Reporting by A; Additional reporting by B; Editing by C)" ->
    {"reporting": "A", "additional_reporting": "B", "editing": "C"}."""
    out: dict[str, str] = {}
    for part in re.split(r"\s*[;|]\s*", text.strip().strip("()")[:400]):
        m = _SIGN_PART.match(part.strip())
        if m:
            key = re.sub(r"\s+", "_", m.group("role").strip().lower())
            out[key] = m.group("who").strip(" .)")
        elif part.strip() and " contributed" in part:
            out["contributed"] = part.split(" contributed")[0].strip()
    return out


def parse_copyright(text: str) -> dict | None:
    """"© AFP 2014" -> {"year": "2014", "owner": "AFP", "agency": "AFP"}."""
    m = _COPYRIGHT_OWNER.search(text[:300])
    if not m:
        return None
    years = _YEARS.findall(text[:300])
    owner = _YEARS.sub("", m.group("rest"))
    owner = re.sub(r"(?i)\b(all rights reserved|copyright|ltd|inc|llc|plc)\b\.?|[-–—,.|]", " ", owner)
    owner = re.sub(r"\s+", " ", owner).strip()
    agency = None
    am = AGENCY_RE.search(owner)
    if am:
        agency = AGENCY_ALIASES[am.group(0)]
    return {"year": max(years) if years else None, "owner": owner or None, "agency": agency,
            "evidence": text[:200]}


def agency_in(text: str) -> str | None:
    """An agency named in a short line (an author box "AFP", a sign-off "— Reuters")."""
    m = AGENCY_RE.search(text[:200])
    return AGENCY_ALIASES[m.group(0)] if m else None
