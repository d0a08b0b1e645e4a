"""Denials inside one document: which quotes deny, who they accuse, which event they answer."""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from ..model import Document, Event, Quote
from ..quotes.lexicon import load as load_lexicon
from .ledger import event_family

_PROPOSITIONAL = frozenset(("deny", "refute", "rebut", "disavow", "repudiate", "contradict", "dispute"))
DATA = Path(__file__).resolve().parent.parent / "data" / "quotes" / "denials.yaml"


@functools.lru_cache(maxsize=1)
def _data() -> tuple[re.Pattern, frozenset[str], re.Pattern]:
    d = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    verdicts = sorted(d["verdicts"], key=len, reverse=True)
    vre = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in verdicts) + r")(?!\w)", re.I)
    nouns = sorted(d["accusation_nouns"], key=len, reverse=True)
    nre = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in nouns) + r")(?!\w)", re.I)
    return vre, frozenset(d["characterising"]), nre


def _cue_lemma(q: Quote) -> str:
    lex = load_lexicon()
    for w in reversed(q.cue.text.lower().split()):
        v = lex.verb(w)
        if v:
            return v[0]
    return ""


def denial_of(doc: Document, q: Quote) -> dict[str, Any] | None:
    """``{"rule", "accuser", "verdict"}`` when quote ``q`` denies something, else None."""
    lex = load_lexicon()
    verdict_re, characterising, noun_re = _data()
    lemma = _cue_lemma(q)
    # the words between cue and content ("dismissed on Sunday as a 'sheer lie'") count as the verdict too
    lo, hi = sorted((q.cue.end, q.content.start))
    around = doc.body[lo:hi] + " " + q.content.text
    m = verdict_re.search(around)
    rule = None
    if lemma in lex.deny and (lemma in _PROPOSITIONAL or m or noun_re.search(around)):
        # "denied involvement", "dismissed as a sheer lie …", "rejected accusations …" — but not
        # "dismissed the move as evidence that …" (an action dismissed, no proposition denied)
        rule = "deny-cue"
    elif lemma in characterising and m and (noun_re.search(around) or re.match(r"\s*(it|this|that|them|the)\b",
                                                                               around, re.I)):
        rule = "deny-verdict"
    if rule is None:
        return None
    return {"rule": rule, "verdict": m.group(0) if m else None, "accuser": _accuser(doc, q, noun_re)}


def _accuser(doc: Document, q: Quote, noun_re: re.Pattern) -> dict | None:
    """Who made the accusation a denial answers: "U.S. accusations", "accusations by Washington"."""
    text = q.content.text
    base = q.content.start
    for m in noun_re.finditer(text):
        # a name just before the noun ("U.S. accusations") ...
        window_lo = max(0, m.start() - 30)
        hit = None
        for a in doc.actors:
            for men in a.mentions:
                if base + window_lo <= men.start and men.end <= base + m.start():
                    if hit is None or men.end > hit[1].end:
                        hit = (a, men)
        if hit is not None:
            return hit[0].summary()
        pre = text[window_lo:m.start()].split()
        if pre and pre[-1][:1].isupper():
            return {"actor": None, "name": pre[-1].rstrip("'’s").rstrip("'’"), "country": None, "sector": None,
                    "code": None}
        # ... or "accusations by/from X"
        after = re.match(r"\s+(?:by|from)\s+((?:the\s+)?[A-Z][\w.\-]*(?:\s+[A-Z][\w.\-]*)*)", text[m.end():])
        if after:
            s = base + m.end() + after.start(1)
            hit = doc.mention_at(s, s + len(after.group(1)))
            if hit is not None:
                return hit[0].summary()
            return {"actor": None, "name": after.group(1), "country": None, "sector": None, "code": None}
    return None


def _country(d: dict | None) -> str | None:
    return (d or {}).get("country")


def _same_party(a: dict | None, b: dict | None) -> bool:
    if not a or not b:
        return False
    if a.get("actor") and a.get("actor") == b.get("actor"):
        return True
    return bool(a.get("country")) and a.get("country") == b.get("country")


def _backers(doc: Document, party: dict | None) -> set[str]:
    """Countries an actor is said to be backed by ("Iran-backed militants": IRN), from its
    alignment attributes."""
    aid = (party or {}).get("actor")
    actor = next((a for a in doc.actors if a.id == aid), None) if aid else None
    if actor is None:
        return set()
    from ..actors import load_kb
    kb = load_kb()
    out = set()
    for attr in actor.attributes:
        if attr.lower().endswith("-backed"):
            iso = kb.country_of(attr[: -len("-backed")])
            if iso:
                out.add(iso)
    return out


def _answers_to(doc: Document, accused: dict | None, denier: dict | None) -> bool:
    """The accused is the denier's side: the same actor or country, or a force the denier's country is
    said to back ("Iran denied any role" answers an accusation against "Iran-backed militants")."""
    return _same_party(accused, denier) or bool(_country(denier)) and _country(denier) in _backers(doc, accused)


def answer_for(doc: Document, q: Quote, info: dict | None = None) -> Event | None:
    """The event a denial answers, in order of preference:
    0. an accusation against the denier's side by the accuser the denial names ("U.S. accusations");
    1. an accusation (ACCUSE) against the denier's side made elsewhere in the document, nearest first;
    2. an accusation inside the denial's own words ("dismissed U.S. accusations that …");
    3. an event by the denier's side elsewhere of the same type as one inside the denial;
    4. the first event inside the denial's words;
    5. an event by the denier's side elsewhere before the denial (what they are said to have done)."""
    speaker = q.speaker
    inside = [e for e in doc.events if q.content.start <= e.trigger.start < q.content.end]
    outside = [e for e in doc.events if e not in inside]

    def dist(e: Event) -> int:
        return abs(q.content.start - e.trigger.start) + (0 if e.trigger.start < q.content.start else 10_000)

    accusations = [e for e in outside if event_family(e) == "ACCUSE" and _answers_to(doc, e.target, speaker)]
    accuser = (info or {}).get("accuser")
    if accuser:
        named = [e for e in accusations if _same_party(e.source, accuser) or (
            accuser.get("name") and (e.source or {}).get("name", "").lower().startswith(accuser["name"].lower()))]
        if named:
            return min(named, key=dist)
    if accusations:
        return min(accusations, key=dist)
    acc_in = [e for e in inside if event_family(e) == "ACCUSE"]
    if acc_in:
        return acc_in[0]
    fams = {event_family(e) for e in inside}
    same = [e for e in outside if event_family(e) in fams and _answers_to(doc, e.source, speaker)]
    if same:
        return min(same, key=dist)
    if inside:
        return inside[0]
    theirs = [e for e in outside if _answers_to(doc, e.source, speaker) and e.trigger.start < q.content.start]
    if theirs:
        return min(theirs, key=dist)
    return None
