"""Find every knowledge-base phrase in a parsed document with one spaCy PhraseMatcher.

The matcher is built once per (pipeline, knowledge base) and cached. A hit is a token span with a
category (org, country, demonym, plural, capital, title, attr) and its value; overlaps resolve to
the longest span, then by category priority.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from spacy.matcher import PhraseMatcher

from ..clean.patterns import MONTHS, WEEKDAYS
from .kb import KB, norm, title_key

PRIORITY = {"org": 0, "country": 1, "capital": 2, "demonym": 3, "plural": 4, "title": 5, "attr": 6}
_ACRONYM = re.compile(r"^[A-Z][A-Z0-9.&\-]{0,6}$")


@dataclass(slots=True)
class Hit:
    start: int  # token index
    end: int  # token index, exclusive
    cat: str
    value: Any
    alts: dict[str, Any] = field(default_factory=dict)  # other categories for the same span


def _variants(phrase: str, title: bool) -> list[str]:
    """Spelling variants of a phrase, in a fixed order (the matcher's patterns must not depend on
    the interpreter's hash seed)."""
    out = {phrase, phrase.replace("'", "\u2019"), phrase.replace("\u2019", "'")}
    if title:
        out |= {p.replace("-", " ") for p in out} | {p.replace(" ", "-") for p in out}
        out |= {p.title() for p in out} | {p.lower() for p in out}
    return sorted(v for v in out if v.strip())


class KBMatcher:
    def __init__(self, nlp, kb: KB) -> None:
        self.kb = kb
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.exact: dict[str, set[str]] = {}  # norm(alias) -> surface forms that must match exactly
        tables: dict[str, list[str]] = {"org": [], "country": [], "demonym": [], "plural": [], "capital": [],
                                        "title": [], "attr": []}
        for e in kb.entries.values():
            if e.kind != "person_role":
                tables["org"] += [e.name, *e.aliases]
        for c in kb.countries.values():
            tables["country"] += [c.name, *c.aliases]
            tables["demonym"] += c.demonyms
            tables["plural"] += c.plurals
            tables["capital"] += [a for a in (c.capital, *c.seats) if a]
        tables["title"] = [t.phrase for t in kb.titles.values()]
        tables["attr"] = list(kb.attributes)
        forms: dict[str, set[str]] = {}
        for cat, phrases in tables.items():
            docs = []
            seen = set()
            for p in phrases:
                if cat not in ("title", "attr"):
                    forms.setdefault(norm(p), set()).add(p)
                for v in _variants(p, cat in ("title", "attr")):
                    if v.lower().startswith("the "):
                        v = v[4:]
                    d = nlp.make_doc(v)
                    # one pattern per token sequence: "Rep." (one token, a tokenizer special case) and
                    # "rep." ("rep" + ".") are different patterns although they match the same words
                    key = tuple(t.lower_ for t in d)
                    if key in seen:
                        continue
                    seen.add(key)
                    docs.append(d)
            self.matcher.add(cat, docs)
        self.cat_of = {nlp.vocab.strings[c]: c for c in tables}
        # acronyms match exactly ("WHO" is not "Who"), in any of the forms the data gives ("NATO", "Nato")
        self.exact = {k: v for k, v in forms.items()
                      if any(_ACRONYM.match(f.replace(" ", "")) and len(f) <= 6 for f in v)}

    def _value(self, cat: str, text: str) -> Any:
        kb = self.kb
        key = norm(text)
        if cat == "org":
            return kb.aliases.get(key)
        if cat == "country":
            return kb.country_names.get(key)
        if cat == "demonym":
            return kb.demonyms.get(key)
        if cat == "plural":
            return kb.plurals.get(key)
        if cat == "capital":
            return kb.capitals.get(key)
        if cat == "title":
            return kb.titles.get(title_key(text))
        return kb.attributes.get(key)

    def hits(self, doc) -> list[Hit]:
        by_span: dict[tuple[int, int], Hit] = {}
        for match_id, s, e in self.matcher(doc):
            cat = self.cat_of[match_id]
            text = doc[s:e].text
            if cat not in ("title", "attr"):
                if not any(ch.isupper() for ch in text):
                    continue  # "turkey", "us", "chad": names are capitalised
                forms = self.exact.get(norm(text))
                if forms and text.replace("\u2019", "'") not in forms:
                    continue
            value = self._value(cat, text)
            if value is None:
                continue
            h = by_span.get((s, e))
            if h is None:
                by_span[(s, e)] = Hit(s, e, cat, value)
            elif PRIORITY[cat] < PRIORITY[h.cat]:
                h.alts[h.cat] = h.value
                h.cat, h.value = cat, value
            else:
                h.alts.setdefault(cat, value)
        # a one-word name at the end of a longer unknown name is not that name: "Congress" of "the Nigerian
        # Labour Congress" or "the Indian National Congress" is not the US Congress ("Lebanese Hezbollah",
        # a known word before it, stays Hezbollah)
        covered = {i for s, e in by_span for i in range(s, e)}
        for (s, e), h in list(by_span.items()):
            if h.cat == "org" and e - s == 1 and s > 0 and s - 1 not in covered:
                prev = doc[s - 1]
                if prev.is_title and prev.is_alpha and not prev.is_sent_start and prev.ent_type_ != "PER" \
                        and prev.lower_ not in MONTHS and prev.lower_ not in WEEKDAYS:
                    del by_span[(s, e)]
        # longest first, then leftmost ("South Sudanese army": the demonym, not "Sudanese army"); drop overlapped
        ordered = sorted(by_span.values(), key=lambda h: (-(h.end - h.start), h.start, PRIORITY[h.cat]))
        taken = [False] * (len(doc) + 1)
        out = []
        for h in ordered:
            if any(taken[i] for i in range(h.start, h.end)):
                continue
            for i in range(h.start, h.end):
                taken[i] = True
            out.append(h)
        out.sort(key=lambda h: h.start)
        return out


_CACHE: dict[tuple[int, int], KBMatcher] = {}


def get_matcher(nlp, kb: KB) -> KBMatcher:
    key = (id(nlp), id(kb))
    m = _CACHE.get(key)
    if m is None:
        m = _CACHE[key] = KBMatcher(nlp, kb)
    return m
