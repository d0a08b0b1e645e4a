"""Quotes stage: who says what, in which words, through which medium.

``annotate(doc, options)`` fills ``doc.quotes`` with :class:`~dossier.model.Quote` records:
- direct ("“…,” Kirby said"), indirect ("Bergner said the Qods Force was …") and mixed quotations;
- the speaker span and the speaker actor (resolved through ``doc.mention_at`` / the actors stage;
  pronouns and short names take the actor the actors stage linked them to, else the speaker of the
  nearest earlier quote of the same number);
- anonymous and group sources ("officials said", "military experts and some exiled Iranians say")
  as group speakers (``actor`` None, ``name`` the phrase);
- "both envoys described …": one quote per member when the two are named just before;
- nested attribution: "X denied …, the official IRNA news agency reported" is X's quote with
  ``reported_by`` IRNA;
- quote continuation: a paragraph that is only a quotation, after a quote whose speaker is known,
  gets that speaker (rule ``continuation``).

The word lists live in ``dossier/data/quotes/*.yaml``; the finding half is :mod:`dossier.quotes.rules`.
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

import yaml

from ..model import Document, Quote, Span
from . import rules
from .lexicon import load as load_lexicon

__all__ = ["annotate", "quote_to_dict", "find", "find_all"]

find = rules.find


def find_all(sd, lex=None, quote_model: str | None = None, ctx: rules._Ctx | None = None) -> list[rules.Found]:
    """The rules' records; with a trained tagger (see :mod:`dossier.quotes.tagger`) its spans refine
    the rule records it agrees with and its other cues become records of their own. ``ctx``: the
    doc's token arrays, when the caller has them."""
    lex = lex or load_lexicon()
    ctx = ctx or rules._Ctx(sd, lex)  # one pass over the tokens, shared by the rules, features and merge
    if not quote_model:
        return rules.find(sd, lex, ctx)
    from . import tagger
    found = rules.find(sd, lex, ctx)
    model = tagger.load(str(quote_model))
    fdoc = tagger.tag(tagger.feature_doc(sd, found, lex, model.vocab, ctx), model)
    return tagger.records(sd, fdoc, found, lex, ctx=ctx)

_AGENCIES = Path(__file__).resolve().parent.parent / "data" / "agencies.yaml"
_PLURAL_PRON = frozenset(("they", "we"))
_SINGULAR_PRON = frozenset(("he", "she", "i"))
_DET_RE = re.compile(r"^(?:the|a|an|his|her|their|its|our)\s+", re.I)


@functools.lru_cache(maxsize=1)
def _agency_patterns() -> list[tuple[str, re.Pattern]]:
    try:
        data = yaml.safe_load(_AGENCIES.read_text(encoding="utf-8")) or {}
    except OSError:
        return []
    out = []
    for name, aliases in data.items():
        for alias in aliases or [name]:
            flags = 0 if (alias.isupper() and len(alias) <= 4) else re.I
            out.append((str(name), re.compile(r"(?<!\w)" + re.escape(str(alias)) + r"(?!\w)", flags)))
    return out


def agency_in(text: str) -> str | None:
    for name, pat in _agency_patterns():
        if pat.search(text):
            return name
    return None


def quote_to_dict(q: Quote) -> dict[str, Any]:
    """The JSON form of a quote (the same as inside ``Document.to_dict()``)."""
    return {
        "id": q.id, "speaker": q.speaker,
        "speaker_span": None if q.speaker_span is None else
        {"start": q.speaker_span.start, "end": q.speaker_span.end, "text": q.speaker_span.text},
        "cue": {"start": q.cue.start, "end": q.cue.end, "text": q.cue.text},
        "content": {"start": q.content.start, "end": q.content.end, "text": q.content.text},
        "kind": q.kind, "reported_by": q.reported_by, "medium": q.medium, "sentence": q.sentence,
        "rule": q.rule,
    }


def _span(sd, body: str, r: tuple[int, int]) -> Span:
    start = sd[r[0]].idx
    last = sd[r[1] - 1]
    end = last.idx + len(last.text)
    return Span(start, end, body[start:end])


def _head_token(sd, r: tuple[int, int]) -> int:
    """The syntactic head of a token span (the parse's root inside it), else its last noun-ish token
    before a comma, parenthesis or relative pronoun."""
    lo, hi = r
    cut = hi
    for k in range(lo, hi):
        if sd[k].text in (",", "(", "--") or (k > lo and sd[k].lower_ in ("who", "which")):
            cut = k
            break
    if sd.has_annotation("DEP"):
        for k in range(lo, cut):
            h = sd[k].head.i
            if h == k or not (lo <= h < cut):
                return k
    return max(lo, cut - 1)


def _summary_for(doc: Document, sd, r: tuple[int, int]) -> tuple[dict | None, str]:
    """(speaker dict, how) for a token span: the actor mention at its head, else None."""
    head = _head_token(sd, r)
    tok = sd[head]
    hit = doc.mention_at(tok.idx, tok.idx + len(tok.text))
    if hit is not None:
        actor, mention = hit
        return actor.summary(), mention.rule or "mention"
    lo, hi = r
    comma = next((k for k in range(lo + 1, hi - 1) if sd[k].text == ","), None)
    if comma is not None and head < comma and sd[comma + 1].pos_ == "PROPN" \
            and not any(t.lower_ in ("and", "or", ",") for t in sd[comma + 1:hi]):
        who, how = _summary_for(doc, sd, (comma + 1, hi))
        if who is not None and who.get("kind") == "person":
            return who, how  # "the president's secretary, Abdulla Ibrahim": the name
    return None, ""


_RELATIVES = frozenset(("who", "that", "which"))


def _antecedent(sd, r: tuple[int, int]) -> tuple[int, int]:
    """A relative pronoun that speaks ("Ruto, who said ...", "countries that had questioned the
    result") stands for the noun its clause hangs on: that noun's phrase; else ``r`` itself."""
    a, b = r
    tok = sd[a]
    if b - a != 1 or tok.lower_ not in _RELATIVES:
        return r
    if tok.head.dep_ in ("acl:relcl", "relcl"):
        noun, last = tok.head.head, tok.head.head.i
    elif a >= 2 and sd[a - 1].text == "," and tok.lower_ != "that":
        # "met President William Ruto, who said ...", the clause misread as a second verb: the
        # phrase before the comma
        last = a - 2
        noun = sd[last]
        while noun.dep_ in ("flat", "flat:name", "compound") and noun.head.i > noun.i - 4 and noun.head.i < noun.i:
            noun = noun.head
    else:
        return r
    if noun.i >= a or noun.pos_ not in ("NOUN", "PROPN"):
        return r
    lo = noun.left_edge.i
    while lo < noun.i and (sd[lo].dep_ in ("case", "punct", "cc", "fixed") or sd[lo].pos_ == "ADP"):
        lo += 1  # "diplomats from [seven countries] that ...", "according to [a group], which ...": not the preposition
    return (lo, max(noun.i, last) + 1)


def _plain_speaker(name: str, sector: str | None = None) -> dict[str, Any]:
    return {"actor": None, "name": name, "country": None, "sector": sector, "code": None}


def _is_group_phrase(text: str, lex) -> bool:
    words = text.lower().replace(",", " ").split()
    return bool(words) and (words[-1] in lex.group_nouns or any(w in lex.group_nouns for w in words)
                            and ("and" in words or words[0] in ("some", "many", "several", "other", "two")))


def _persons_before(doc: Document, char: int, sentences_back: int = 3) -> list[dict]:
    """Two people named together just before ``char`` ("… between Crocker and his counterpart
    Kazemi-Qomi. Both envoys …"): the nearest earlier sentence naming two persons (actors, else
    PERSON entities of the parse)."""
    from ..nlp import sentence_index
    si = sentence_index(doc, char)
    if si < 0:
        return []
    ents = [e for e in getattr(doc.nlp, "ents", ()) if e.label_ in ("PERSON", "PER")]
    for k in range(si - 1, max(-1, si - 1 - sentences_back), -1):
        s = doc.sentences[k]
        found: list[tuple[int, dict]] = []
        ids: set[str] = set()
        for a in doc.actors:
            if a.kind != "person":
                continue
            ms = [m.start for m in a.mentions if s.start <= m.start < s.end and m.rule != "pronoun"]
            if ms and a.id not in ids:
                ids.add(a.id)
                found.append((min(ms), a.summary()))
        for e in ents:
            if s.start <= e.start_char < s.end and doc.mention_at(e.start_char, e.end_char) is None:
                found.append((e.start_char, _plain_speaker(e.text)))
        if len(found) == 2:
            return [d for _, d in sorted(found, key=lambda x: x[0])]
        if len(found) > 2:
            return []
    return []


def _members(doc: Document, span: Span) -> list[dict]:
    """"Obama and Putin said": one speaker per person named in a coordinated speaker phrase."""
    if " and " not in span.text:
        return []
    out, ids = [], set()
    for a in doc.actors:
        for m in a.mentions:
            if span.start <= m.start and m.end <= span.end and a.id not in ids:
                if a.kind != "person":
                    return []
                ids.add(a.id)
                out.append((m.start, a.summary()))
    return [d for _, d in sorted(out, key=lambda x: x[0])] if len(out) >= 2 else []


def annotate(doc: Document, options: Any = None) -> Document:
    sd = doc.nlp
    if sd is None or not len(sd):
        return doc
    lex = load_lexicon()
    body = doc.body
    ctx = rules._Ctx(sd, lex)
    found = find_all(sd, lex, getattr(options, "quote_model", None), ctx)
    found.sort(key=lambda f: f.content[0][0])
    ctx_quotes = _continuations(sd, found, ctx)
    from ..nlp import sentence_index

    quotes: list[Quote] = []
    by_record: dict[int, dict | None] = {}
    history: list[tuple[int, dict]] = []  # (char, speaker) of quotes so far, for pronoun fallback
    for k, rec in enumerate(ctx_quotes):
        speaker = None
        sspan = None
        rule = rec.rule
        members: list[dict] = []
        if rec.inherit is not None and id(rec.inherit) in by_record:
            speaker = by_record[id(rec.inherit)]
            sspan = _span(sd, body, rec.speaker) if rec.speaker else None
        elif rec.speaker is not None:
            sspan = _span(sd, body, rec.speaker)
            ante = _antecedent(sd, rec.speaker)
            named = _span(sd, body, ante).text  # the words that name the speaker
            speaker, how = _summary_for(doc, sd, ante)
            low = sspan.text.lower()
            first = low.split()[0] if low.split() else ""
            coordinated = " and " in low.split(",")[0]
            if coordinated:
                members = _members(doc, sspan)
                if members:
                    rule += "+members"
                elif speaker is not None:
                    speaker = None  # "Military experts and some exiled Iranians": the whole phrase speaks
            if low in _PLURAL_PRON and history and history[-1][1].get("group") and \
                    _near(doc, history[-1][0], sspan.start):
                speaker = history[-1][1]  # "They say …" right after a group source
                rule += "+pronoun"
            elif members:
                pass
            elif speaker is None and low in _SINGULAR_PRON | _PLURAL_PRON:
                speaker = _pronoun_fallback(history, low in _PLURAL_PRON, lex)
                if speaker is not None:
                    rule += "+pronoun"
            elif first in ("both",) or low.startswith("the two "):
                members = _persons_before(doc, sspan.start)
                if len(members) == 2:
                    rule += "+both"
                else:
                    members = []
            if speaker is None and not members:
                if coordinated or _is_group_phrase(named, lex):
                    speaker = _plain_speaker(_DET_RE.sub("", named).strip())
                    speaker["group"] = True
                elif low not in _SINGULAR_PRON | _PLURAL_PRON:
                    speaker = _plain_speaker(named)
        by_record[id(rec)] = speaker if not members else (members[0] if members else None)
        cue = _span(sd, body, rec.cue)
        c0 = rec.content[0][0]
        c1 = rec.content[-1][1]
        content = _span(sd, body, (c0, c1))
        reported = None
        if rec.reported_by is not None:
            rspan = _span(sd, body, rec.reported_by)
            reported, _ = _summary_for(doc, sd, rec.reported_by)
            if reported is None:
                name = agency_in(rspan.text) or _DET_RE.sub("", rspan.text).strip()
                media = any(m in rspan.text.lower() for m in lex.media_nouns) or agency_in(rspan.text)
                reported = _plain_speaker(name, "JRN" if media else None)
        medium = None
        if rec.medium is not None:
            medium = _DET_RE.sub("", _span(sd, body, rec.medium).text).strip()
        sent = sentence_index(doc, content.start)
        for who in (members or [speaker]):
            q = Quote(id=f"q{len(quotes) + 1}", speaker=who, speaker_span=sspan, cue=cue, content=content,
                      kind=rec.kind, reported_by=reported, medium=medium, sentence=sent, rule=rule)
            quotes.append(q)
            if who is not None:
                history.append((content.start, who))
    doc.quotes = quotes
    return doc


def _near(doc: Document, a: int, b: int, sentences: int = 2) -> bool:
    from ..nlp import sentence_index
    return 0 <= sentence_index(doc, b) - sentence_index(doc, a) <= sentences


def _pronoun_fallback(history: list[tuple[int, dict]], plural: bool, lex) -> dict | None:
    for _, who in reversed(history[-6:]):
        is_group = bool(who.get("group")) or _is_group_phrase(who.get("name") or "", lex)
        if is_group == plural:
            return who
    return None


def _continuations(sd, found: list[rules.Found], ctx: rules._Ctx) -> list[rules.Found]:
    """Add a record for each bare quotation paragraph that follows an attributed quote."""
    covered = set()
    for f in found:
        for c0, c1 in f.content:
            covered.update(range(c0, c1))
    extra: list[rules.Found] = []
    records = sorted(found, key=lambda f: f.content[-1][1])
    for qi, (o, c) in enumerate(ctx.quotes):
        if o in covered or not ctx.substantial(qi):
            continue
        # the latest attributed record ending before this quotation
        prev = None
        for f in records + extra:
            if f.content[-1][1] <= o and (prev is None or f.content[-1][1] >= prev.content[-1][1]):
                prev = f
        if prev is None:
            continue
        gap_para = ctx.para[o] - ctx.para[prev.content[-1][1] - 1]
        para_start = o == 0 or ctx.para[o - 1] != ctx.para[o]
        # the paragraph must be only this quotation (give or take a closing full stop)
        end = c + 1
        while end < ctx.n and ctx.para[end] == ctx.para[o] and ctx.punct(end):
            end += 1
        para_only = end >= ctx.n or ctx.para[end] != ctx.para[o]
        same_para_next = gap_para == 0 and ctx.sent_lo[o] >= prev.content[-1][1]
        if not ((gap_para == 1 and para_start and para_only) or same_para_next):
            continue
        if prev.speaker is None and prev.inherit is None:
            continue
        rec = rules.Found(prev.cue, [(o, c + 1)], prev.speaker, "continuation", prev.lemma, prev.cue_class,
                          kind="direct", inherit=None)
        rec.extras["from"] = prev
        extra.append(rec)
    if not extra:
        return found
    for f in extra:  # continuations take the (resolved) speaker of the record they follow
        f.inherit = f.extras["from"]
    return sorted(found + extra, key=lambda f: f.content[0][0])
