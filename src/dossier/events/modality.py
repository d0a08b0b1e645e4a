"""Negation and modality: is a coded event a fact, negated, denied, alleged, intended, threatened
or hypothetical? Read from the trigger's own modifiers, then from the words that govern it
(nearest first): "stopped short of ordering air strikes" (negated), "no sign of a deployment"
(negated), "denied sending troops" (denied), "accused X of arming" (alleged), "plans to send"
(intended), "if ... could" (hypothetical). Reported speech is handled by :mod:`.speech`."""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Token

from . import deps
from .patterns import lists

_NEG_DEPS = frozenset(("neg",))
_STOP_AT = frozenset(("parataxis",))
# a clause these mark states its event as given, whatever governs it: "talks aimed at halting the
# fighting, a day after air strikes killed 30 people" (the killing is no less a fact)
_FACTIVE_MARKS = frozenset(("after", "since", "when", "while", "as"))


def _factive_clause(tok: Token) -> bool:
    """A past-tense clause opened by a factive mark ("after air strikes killed 30 people"); in the
    present or future ("when Israel attacks", "after talks will resume") it may not happen at all."""
    if not deps.is_verbal(tok) or tok.tag_ in ("VB", "VBZ", "VBP", "MD"):
        return False
    if any(c.dep_.startswith("aux") and c.lower_ in ("will", "would", "could", "may", "might", "shall")
           for c in tok.children):
        return False
    return any(c.dep_ == "mark" and c.lower_ in _FACTIVE_MARKS for c in tok.children)


@dataclass(slots=True)
class Modality:
    status: str = "fact"
    marker: Token | None = None  # the word that decided it
    by: Token | None = None  # for denied/alleged: the governing word whose subject asserts it
    historical: bool = False


def _negated_here(tok: Token, words: dict) -> Token | None:
    if deps.lemma(tok) in words["reluctance_verbs"]:
        # "would not hesitate to use force" affirms what "hesitated to use force" leaves undone
        return tok if _negation_child(tok, words) is None else None
    return _negation_child(tok, words)


def _negation_child(tok: Token, words: dict) -> Token | None:
    neg = words["negative_words"]
    for c in tok.children:
        d = c.dep_.lower()
        if d in _NEG_DEPS:
            return c
        if d in ("advmod", "det", "case", "cc:preconj", "mark") and c.lower_ in neg and c.lower_ not in ("little", "nothing"):
            return c
        if d in ("obj", "dobj") and c.lower_ in ("nothing",) and deps.lemma(tok) not in ("say", "do"):
            return c
    return None


_NEG_BEFORE = (("short", "of"), ("refrain", "from"), ("refrained", "from"), ("refraining", "from"),
               ("instead", "of"), ("rather", "than"), ("failed", "to"), ("fail", "to"), ("fails", "to"))
_SKIP = frozenset(("DET", "ADJ", "NUM", "ADV"))


def _negated_before(tok: Token) -> Token | None:
    """Surface check, robust to a wrong attachment: "stopped short of ordering air strikes",
    "refrained from attacking", "no deployment", "without consulting"."""
    doc = tok.doc
    i = tok.i - 1
    # skip the trigger's own modifiers ("air" in "air strikes") and one governing gerund
    hops, gerund = 0, False
    while i >= 0 and hops < 4:
        if doc[i].head.i == tok.i and doc[i].pos_ in _SKIP | {"NOUN", "PROPN"} and doc[i].dep_ != "case":
            pass
        elif doc[i].tag_ == "VBG" and not gerund:
            gerund = True
        else:
            break
        i -= 1
        hops += 1
    if i >= 0 and doc[i].lower_ in ("no", "without", "never") and doc[i].pos_ != "INTJ":
        return doc[i]
    if i >= 1 and (doc[i - 1].lower_, doc[i].lower_) in _NEG_BEFORE:
        return doc[i - 1]
    return None


def _modal_here(tok: Token, words: dict, in_report: bool) -> tuple[str, Token] | None:
    for c in tok.children:
        d = c.dep_.lower()
        if d in ("aux", "aux:pass", "auxpass"):
            w = c.lower_
            if w in words["future_aux"]:
                return "intended", c
            if w in words["hypothetical_aux"]:
                if w == "would" and in_report:
                    return "intended", c
                if w in ("must", "should"):
                    continue
                return "hypothetical", c
        if d == "mark" and c.lower_ in words["hypothetical_marks"]:
            return "hypothetical", c
    # "going to", "is to send"
    return None


def modality(trigger: Token, sent_start: int, sent_end: int, in_report: bool = False,
             stop: Token | None = None) -> Modality:
    """The status of the event whose trigger is ``trigger`` (``stop``: a governing token at which
    the search ends, e.g. the frame that absorbed it or the speech verb of its report)."""
    words = lists()
    m = Modality()
    neg = _negated_here(trigger, words) or _negated_before(trigger)
    if neg is not None:
        return Modality("negated", neg)
    for c in trigger.children:
        if c.dep_ == "amod" and c.lower_ in ("alleged", "suspected", "reported", "purported", "claimed"):
            return Modality("alleged", c)
        if c.dep_ == "det" and c.lower_ == "any" and deps.is_nominal(trigger):
            return Modality("hypothetical", c)  # "would respond to any assault on its citizens"
    modal = _modal_here(trigger, words, in_report)
    if trigger.dep_ in ("advcl",):
        for c in trigger.children:
            if c.dep_ == "mark" and c.lower_ in words["hypothetical_marks"]:
                return Modality("hypothetical", c)
    child = trigger
    hops = 0
    for anc in deps.ancestors_in(trigger, sent_start, sent_end):
        hops += 1
        if stop is not None and anc.i == stop.i:
            break
        dep = child.dep_.lower()
        if _factive_clause(child):
            break
        if dep in _STOP_AT or dep in deps.SUBJ:
            break  # a subject phrase does not take its verb's modality; parataxis is another clause
        lem = deps.lemma(anc)
        if dep in ("acl:relcl", "relcl"):
            break  # a relative clause states its own event
        if deps.is_verbal(child) and child.head.i == anc.i and deps.second_charge(child, words["allege_verbs"]):
            if m.status == "fact":  # "accused Belarus of escorting migrants ... and helping them": alleged too
                return Modality("alleged", anc, anc, m.historical)
        if dep == "conj" and deps.is_verbal(child):
            child = anc  # a coordinated predicate: the words of its first conjunct do not govern it
            continue
        if lem in words["negators"] and not (lem == "stop" and "short" not in {c.lower_ for c in anc.children}
                                             and dep not in ("xcomp", "advcl", "obl", "prep", "pcomp")):
            return Modality("negated", anc)
        if lem == "short" or (lem in words["negator_nouns"]):
            return Modality("negated", anc)
        if deps.is_nominal(anc) and any(c.lower_ in ("no", "without") and c.dep_ in ("det", "case", "advmod")
                                        for c in anc.children):
            return Modality("negated", anc)
        if lem in words["deny_words"]:
            return Modality("denied", anc, anc)
        if lem in words["allege_verbs"] or (deps.is_nominal(anc) and lem in words["allege_nouns"]):
            if m.status == "fact":
                return Modality("alleged", anc, anc, m.historical)
        if lem in words["threat_words"]:
            return Modality("threatened", anc)
        if lem in words["hypothetical_words"]:
            return Modality("hypothetical", anc)
        if lem in words["intent_words"] and dep in ("xcomp", "acl", "ccomp", "obj", "dobj", "advcl", "obl", "nmod", "prep", "pcomp"):
            return Modality("intended", anc)
        if lem in words["say_verbs"] and dep in ("ccomp",):
            break  # the content of a report: its own clause from here on
        if deps.is_verbal(anc):
            n = _negated_here(anc, words)
            if n is not None and dep in ("xcomp", "obj", "dobj", "ccomp", "conj") and dep != "conj":
                return Modality("negated", n)
            mm = _modal_here(anc, words, in_report)
            if mm is not None and modal is None and dep in ("xcomp", "obj", "dobj", "conj"):
                modal = mm
            for c in anc.children:
                if c.dep_ == "mark" and c.lower_ in words["hypothetical_marks"] and anc.dep_ == "advcl":
                    return Modality("hypothetical", c)
        child = anc
        if hops > 8:
            break
    if modal is not None:
        return Modality(modal[0], modal[1])
    return m


def historical(trigger: Token, words_in_clause) -> bool:
    hist = lists()["historical_words"]
    for c in trigger.children:
        if c.dep_ in ("advmod",) and c.lower_ in hist:
            return True
    return False
