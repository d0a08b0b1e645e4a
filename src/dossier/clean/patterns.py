"""Knowledge the cleaner uses, loaded once from ``dossier/data`` and compiled once.

Nothing here is specific to one site: cue phrases, agency names and month names live in
readable YAML files (``boilerplate.yaml``, ``agencies.yaml``, ``dates.yaml``, ``stopwords_en.txt``).
"""
from __future__ import annotations

import re
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
MAX_CUE_CHARS = 600  # cue regexes only ever see this much of a line (keeps them linear and fast)


def _load(name: str):
    with open(DATA / name, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


_BP = _load("boilerplate.yaml")
_AG = _load("agencies.yaml")
_DT = _load("dates.yaml")

def _cue_regex(patterns: list[str]) -> re.Pattern:
    """One kind's patterns as one regex, searched in the lower-cased line (see ``cue_kind``).
    Patterns written in lower case then need no IGNORECASE, which makes Python's matcher about a
    fifth faster on these lines; a pattern with a capital letter keeps it."""
    rx = "|".join(f"(?:{p})" for p in patterns)
    return re.compile(rx, re.I if re.search(r"(?<!\\)[A-Z]", rx) else 0)


# kind -> (max_words, is_heading, compiled regex)
KINDS: list[tuple[str, int, bool, re.Pattern]] = [
    (kind, int(spec.get("max_words", 12)), bool(spec.get("heading", False)), _cue_regex(spec["patterns"]))
    for kind, spec in _BP["kinds"].items()
]
HEADING_KINDS = {k for k, _, h, _ in KINDS if h}
INLINE_RELATED = re.compile("|".join(f"(?:{p})" for p in _BP["inline_related"]), re.I)
SIGNATURES = {k: re.compile(p, re.I) for k, p in _BP["signatures"].items()}
CAPTION_VERBS = re.compile(r"\b(?:" + "|".join(re.escape(v) for v in
                                                sorted(_BP["caption_verbs"], key=len, reverse=True)) + r")\b")

STOPWORDS = frozenset(
    w for line in (DATA / "stopwords_en.txt").read_text(encoding="utf-8").splitlines()
    if not line.startswith("#") for w in line.lower().split())

# agency alias -> canonical name; longest aliases first so "Associated Press" beats "AP"
AGENCY_ALIASES: dict[str, str] = {}
for _canon, _aliases in _AG.items():
    for _a in [_canon, *_aliases]:
        AGENCY_ALIASES.setdefault(str(_a), str(_canon))
_alias_alt = "|".join(re.escape(a) for a in sorted(AGENCY_ALIASES, key=len, reverse=True))
AGENCY_RE = re.compile(rf"(?<![\w-])(?:{_alias_alt})(?![\w-])")

MONTHS: dict[str, int] = {name: int(num) for num, names in _DT["months"].items() for name in names}
WEEKDAYS = frozenset(_DT["weekdays"])
PUBLISHED_CUES = tuple(_DT["published_cues"])


_APPEAL_KINDS = {"cookie", "subscription", "newsletter"}
_QUOTED = re.compile(r"[“”\"«»]")
_ADDRESS = re.compile(r"\b(?:you|your|we|our|us)\b", re.I)


def cue_kind(text: str, n_words: int) -> str | None:
    """The boilerplate kind whose cue phrases match this (normalised) line, if any.
    A longer line (> 15 words) is an appeal only if it addresses the reader (you/your/we/our)
    and quotes no one."""
    head = text[:MAX_CUE_CHARS].lower()
    for kind, max_words, _, rx in KINDS:
        if n_words <= max_words and rx.search(head):
            if kind in _APPEAL_KINDS and n_words > 15 and (not _ADDRESS.search(head) or (
                    kind != "cookie" and _QUOTED.search(head))):
                continue  # prose about subscriptions, or someone quoted, is not an appeal
            return kind
    return None


def agency_of(name: str) -> str | None:
    """Canonical agency for an alias ("Agence France-Presse" -> "AFP"), else None."""
    return AGENCY_ALIASES.get(name.strip())
