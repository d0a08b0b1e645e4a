"""Reported speech: who asserts the events of a sentence ("the U.S. military said X's Qods Force
foments violence": the Qods Force event is alleged, asserted by the U.S. military).

Reports come from the quotes stage (``doc.quotes``: speaker, cue, content spans) and, for speech
verbs it did not cover, from the parse (a speech verb's ccomp, or the clause it is a parataxis of).

Statement events: a report is not coded 010 MAKE STATEMENT (that would add one uninformative
event per "said"). It becomes an event only when its content accuses someone: the content states
a conflictual event (quad class 3 or 4) by an actor, or blames an actor with a pejorative noun
("their interference", "Iran's meddling") or a failure ("had done little to help"): then the
speaker -> that actor is coded 112 (accuse) or 111 (criticize)."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Token

from ..model import Document
from . import deps
from .patterns import lists
from .roles import ActorIndex, Ref


@dataclass(slots=True)
class Report:
    speaker: list[Ref]
    speaker_summary: dict[str, Any] | None
    cue: Token | None  # the speech verb (parse) or the first cue token (quotes stage)
    cue_span: tuple[int, int]
    content: tuple[int, int]  # char range of the content
    sentence: int
    rule: str
    tokens: set[int] = field(default_factory=set)  # content token ids (parse reports)


def _speaker_summary(ref: Ref | None) -> dict[str, Any] | None:
    if ref is None:
        return None
    s = ref.summary
    return {"actor": s.get("actor"), "name": s.get("name"), "country": s.get("country"),
            "sector": s.get("sector")}


@functools.lru_cache(maxsize=1)
def _say_hashes() -> frozenset:
    from spacy.strings import hash_string
    from .patterns import _inflections
    return frozenset(hash_string(f) for w in lists()["say_verbs"] for f in _inflections(w)) | {hash_string("according")}


def from_parse(sent, index: ActorIndex, sentence: int) -> list[Report]:
    words = lists()
    keys = _say_hashes()
    out = []
    toks = [t for t in sent if t.lemma in keys or t.lower in keys]
    lower: list[str] = []
    for tok in toks:
        lem = deps.lemma(tok)
        if not deps.is_verbal(tok) or lem not in words["say_verbs"]:
            continue
        content: set[int] = set()
        for c in tok.children:
            if c.dep_ in ("ccomp", "parataxis") and deps.is_verbal(c) or c.dep_ == "ccomp":
                content |= {t.i for t in c.subtree}
        trailing = tok.left_edge.text == "," or (tok.left_edge.i > sent.start
                                                 and sent.doc[tok.left_edge.i - 1].text == ",")
        if not content and tok.dep_ in ("parataxis", "ccomp", "advcl") and deps.is_verbal(tok.head) \
                and (tok.head.dep_ == "ROOT" or trailing) and (tok.i > tok.head.i or tok.dep_ == "parataxis") \
                and (deps.subjects(tok) or tok.dep_ == "parataxis"):
            own = {t.i for t in tok.subtree}
            content = {t.i for t in tok.head.subtree} - own
        lower = lower or [t.lower_ for t in sent]
        cut = next((sent.start + k for k in range(len(lower)) if sent.start + k in content and lower[k] == ","
                    and deps.timing_after_comma(lower, k)), None)
        if cut is not None:  # ", a day after police opened fire": the reporter's timing, not the speaker's words
            content = {i for i in content if i < cut}
        if not content:
            continue
        subj = deps.subjects(tok)
        speaker = index.resolve_all(subj[0]) if subj else []
        if not speaker:
            agents = deps.prep_objects(tok, ("by",))
            speaker = index.resolve_all(agents[0]) if agents else []
        lo, hi = min(content), max(content)
        doc = sent.doc
        out.append(Report(speaker, _speaker_summary(speaker[0]) if speaker else None, tok,
                          (tok.idx, tok.idx + len(tok)), (doc[lo].idx, doc[hi].idx + len(doc[hi])),
                          sentence, f"parse:{lem}", content))
    # "according to X"
    for tok in toks:
        if tok.lower_ == "according" and tok.i + 2 < len(sent.doc) and sent.doc[tok.i + 1].lower_ == "to":
            # the phrase after "to" up to its head noun
            head = None
            for t in sent.doc[tok.i + 2:min(sent.end, tok.i + 10)]:
                if t.pos_ in ("NOUN", "PROPN"):
                    head = t
                    while head.head.pos_ in ("NOUN", "PROPN") and head.head.i > head.i and head.head.i < tok.i + 10:
                        head = head.head
                    break
            if head is None:
                continue
            speaker = index.resolve_all(head)
            content = {t.i for t in sent} - {t.i for t in sent.doc[tok.i:head.i + 1]}
            out.append(Report(speaker, _speaker_summary(speaker[0]) if speaker else None, tok,
                              (tok.idx, tok.idx + 9), (sent.start_char, sent.end_char), sentence,
                              "parse:according_to", content))
    return out


def from_quotes(doc: Document, index: ActorIndex) -> list[dict[str, Any]]:
    out = []
    for q in doc.quotes:
        if q.content is None or q.rule == "charge":
            continue  # "..., a charge Tehran denies": the accusation is not Tehran's report
        speaker = q.speaker
        if q.speaker_span is not None and (not speaker or not speaker.get("actor")):
            span = doc.nlp.char_span(q.speaker_span.start, q.speaker_span.end, alignment_mode="expand")
            ref = index.resolve(span.root) if span is not None else None
            if ref is not None and ref.summary.get("actor"):
                speaker = ref.summary
        out.append({"speaker": speaker, "content": (q.content.start, q.content.end),
                    "cue": (q.cue.start, q.cue.end) if q.cue else None, "id": q.id,
                    "reported_by": q.reported_by})
    return out


def _norm(name: str | None) -> str:
    name = (name or "").lower().strip(" ,;:.\"'“”‘’")
    return name[4:] if name.startswith("the ") else name


def same_actor(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if not a or not b:
        return False
    if a.get("actor") and b.get("actor"):
        return a["actor"] == b["actor"]
    na, nb = _norm(a.get("name")), _norm(b.get("name"))
    if na and nb and (na == nb or na.endswith(" " + nb) or nb.endswith(" " + na)):
        return True
    return False


def accused_in(content_tokens: list[Token], index: ActorIndex) -> list[tuple[Ref, Token, str]]:
    """Actors a content blames without a coded event: pejorative nouns and failures; and actors it
    threatens with a reckoning ("Israel will pay a heavy price", "they would regret it")."""
    words = lists()
    out = []
    for t in content_tokens:
        lem = deps.lemma(t)
        if lem in words["reckoning_verbs"] and deps.is_verbal(t) and _future(t) and (lem != "pay" or _reckoning(t)):
            subj = deps.subjects(t)
            for r in (index.resolve_all(subj[0]) if subj else []):
                out.append((r, t, "reckoning"))
            continue
        if deps.is_nominal(t) and lem in words["pejorative"]:
            for r in index.owner(t):
                out.append((r, t, "pejorative"))
        elif lem == "do" and any(c.dep_ in ("obj", "dobj", "advmod", "npadvmod", "obl:npmod") and c.lower_ in ("little", "nothing") for c in t.children):
            subj = deps.subjects(t)
            if subj:
                for r in index.resolve_all(subj[0]):
                    out.append((r, t, "failure"))
    return out


def _future(t: Token) -> bool:
    """A verb stated as what will come: "will/would/shall pay", or what someone is made to do
    ("make them pay")."""
    if any(c.dep_ == "aux" and c.lower_ in ("will", "would", "shall", "'ll") for c in t.children):
        return True
    return t.dep_ in ("ccomp", "xcomp") and deps.lemma(t.head) == "make"


def _reckoning(pay: Token) -> bool:
    """"pay a heavy price", "pay the price", "pay dearly"; not "pay a higher price for fuel"."""
    if any(c.dep_ == "advmod" and c.lower_ == "dearly" for c in pay.children):
        return True
    for c in pay.children:
        if c.dep_ in ("obj", "dobj") and deps.lemma(c) == "price":
            adjs = [a.lower_ for a in c.children if a.dep_ == "amod"]
            return all(a in lists()["reckoning_prices"] for a in adjs)
    return False
