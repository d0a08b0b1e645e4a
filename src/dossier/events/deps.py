"""Reading the dependency parse the same way for UD labels (dossier's own pipeline, trained on
UD treebanks) and ClearNLP labels (spaCy's en_core_web_* pipelines)."""
from __future__ import annotations

from typing import Iterator

from spacy.tokens import Token

SUBJ = frozenset(("nsubj", "csubj", "expl"))
PASS_SUBJ = frozenset(("nsubj:pass", "nsubjpass", "csubj:pass", "csubjpass"))
OBJ = frozenset(("obj", "dobj"))
IOBJ = frozenset(("iobj", "dative"))
PASS_AUX = frozenset(("aux:pass", "auxpass"))
PRT = frozenset(("compound:prt", "prt"))
POSS = frozenset(("nmod:poss", "poss"))
MODS = frozenset(("compound", "amod", "nmod:npmod", "npadvmod", "flat", "flat:name", "nmod:desc"))
CLAUSE = frozenset(("ccomp", "xcomp", "advcl", "acl", "acl:relcl", "relcl", "parataxis", "csubj",
                    "pcomp", "conj"))
PP_DEPS = frozenset(("obl", "nmod", "obl:agent", "obl:npmod", "obl:tmod", "nmod:tmod", "prep",
                     "agent", "advcl", "acl", "nmod:unmarked", "obl:unmarked"))
RELPRON = frozenset(("who", "which", "that", "whom", "whose"))
PRON_PERSON = frozenset(("he", "she", "him", "her", "his", "hers", "himself", "herself"))


def lemma(tok: Token) -> str:
    lem = tok.lemma_.lower() if tok.lemma_ else ""
    return lem or tok.lower_


def base_dep(tok: Token) -> str:
    return tok.dep_.lower()


def is_verbal(tok: Token) -> bool:
    return tok.pos_ in ("VERB", "AUX") or tok.tag_.startswith("VB")


def is_nominal(tok: Token) -> bool:
    return tok.pos_ in ("NOUN", "PROPN", "PRON", "NUM") or tok.tag_.startswith("NN")


def children(tok: Token, deps: frozenset) -> list[Token]:
    return [c for c in tok.children if c.dep_.lower() in deps]


def conjuncts(tok: Token) -> list[Token]:
    """tok and the tokens coordinated with it ("Japan and the Philippines")."""
    out = [tok]
    conj = [c for c in tok.children if c.dep_ == "conj" and is_nominal(c) == is_nominal(tok)]
    if len(conj) == 1 and is_nominal(tok) and _bare_conj(conj[0]):
        return out  # "China, Myanmar's largest neighbour, declined": an apposition read as a conjunct
    for c in conj:
        out.extend(conjuncts(c))
    return out


def _bare_conj(c: Token) -> bool:
    """A lone nominal conjunct with no "and"/"or" before it and no conjunct of its own, set off by a
    comma, with a determiner, possessive or adjective of its own: an apposition."""
    if any(k.dep_ in ("cc", "conj") for k in c.children) or c.i < 1:
        return False
    start = min(k.i for k in c.subtree if not k.is_punct)
    if start < 1 or c.doc[start - 1].text != "," or c.pos_ != "NOUN":
        return False
    return any(k.dep_ in ("det", "nmod:poss", "amod") and k.i < c.i for k in c.children)


def preps(tok: Token) -> Iterator[tuple[str, Token]]:
    """(preposition, noun) for every prepositional phrase hanging on tok, in both schemes.

    UD: obl/nmod noun with a ``case`` child; ClearNLP: ``prep`` child with a ``pobj``."""
    for c in tok.children:
        dep = c.dep_.lower()
        if dep in ("prep", "agent"):
            for p in c.children:
                if p.dep_ in ("pobj", "pcomp"):
                    yield ("by" if dep == "agent" else c.lower_), p
        elif dep in PP_DEPS:
            case = [k for k in c.children if k.dep_ in ("case", "mark") and k.i < c.i]
            if not case and c.left_edge.i < c.i and c.left_edge.dep_ == "case":
                case = [c.left_edge]  # case attached inside the phrase ("of Iran's Qods Force")
            if case:
                yield " ".join(k.lower_ for k in case[-2:]) if len(case) > 1 and case[-2].lower_ in ("out", "close", "next", "ahead", "because", "instead") else case[-1].lower_, c
            elif dep == "obl:agent":
                yield "by", c
        elif dep == "advmod" and c.lower_ in PARTICLE_WORDS and c.i > tok.i:
            yield from preps(c)  # "handed the sailors over [to Britain]" with the phrase on the particle


def prep_objects(tok: Token, words) -> list[Token]:
    return [n for p, n in preps(tok) if p in words]


PARTICLE_WORDS = frozenset(("up", "down", "out", "off", "back", "aside", "over"))


def particles(tok: Token) -> set[str]:
    out = {c.lower_ for c in tok.children if c.dep_.lower() in PRT}
    # UD sometimes attaches "short" (stopped short), "up" as advmod
    out |= {c.lower_ for c in tok.children if c.dep_ == "advmod" and c.lower_ in PARTICLE_WORDS}
    p = _particle_as_case(tok)
    if p is not None:
        out.add(p[0].lower_)
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.head.i != tok.i and (nxt.tag_ == "RP" or nxt.tag_ == "RB" and nxt.lower_ in PARTICLE_WORDS):
        out.add(nxt.lower_)  # "called up 60,000 reservists", "handed back 15 sailors" with the particle on the number
    return out


def _particle_as_case(tok: Token) -> tuple[Token, Token] | None:
    """(particle, object) of a phrasal verb whose particle the parser read as the preposition of
    its object ("handed over the suspects" as "handed [over the suspects]")."""
    if tok.i + 2 >= len(tok.doc) or not tok.pos_ == "VERB":
        return None
    prt = tok.nbor(1)
    if prt.lower_ not in PARTICLE_WORDS or prt.dep_ != "case" or prt.head.head.i != tok.i:
        return None
    noun = prt.head
    if noun.dep_ not in ("obl", "nmod", "obj", "dobj") or noun.pos_ not in ("NOUN", "PROPN", "NUM", "PRON"):
        # (an object with the particle as its "case": "ruled [out talks]")
        return None
    if any(k.dep_ == "case" and k.i != prt.i for k in noun.children):
        return None  # "pulled out of the town": a real preposition follows
    return prt, noun


def misparsed_modifier(tok: Token) -> bool:
    """A finite verb the parser took for a modifier of the noun after it, with its subject in the
    same noun phrase ("Serbia eased emergency measures" parsed as one noun phrase "Serbia eased
    measures"): the word before it is a noun or name, not a determiner ("the eased measures")."""
    if tok.i == 0 or tok.dep_ not in ("amod", "compound", "nmod", "nmod:desc") or tok.head.i <= tok.i:
        return False
    if tok.pos_ == "ADJ" and tok.lower_.endswith("ed"):
        # "The Philippines summoned China's ambassador" with "summoned" read as an adjective: no
        # adjective stands before a determiner or a possessor of its own noun
        if not any(t.dep_ in ("det", "nmod:poss", "poss") and t.head.i == tok.head.i
                   for t in tok.doc[tok.i + 1:tok.head.i]):
            return False
    elif tok.pos_ != "VERB" or tok.tag_ not in ("VBD", "VBN", "VBZ", "VBP"):
        return False
    before = tok.nbor(-1)
    return before.pos_ in ("NOUN", "PROPN") or (before.pos_ == "PRON" and before.tag_ == "PRP")


def modifier_governor(noun: Token) -> Token | None:
    """The finite verb the parser hung on ``noun`` as a modifier although it governs it ("Germany
    voiced support for ..." read as the noun phrase "Germany voiced support", "Vietnam proposed
    talks"): the verb is the noun's governor and the noun its object."""
    for c in noun.children:
        if c.i < noun.i and misparsed_modifier(c):
            return c
    return None


def nominal_subject(noun: Token) -> Token | None:
    """The subject the parser gave a noun it made the predicate of the clause (its verb read as a
    modifier, or lost): "Germany [voiced] support" with Germany as the noun's nsubj. Not a copular
    predicate ("the raid was an attack")."""
    if not is_nominal(noun) or any(c.dep_ == "cop" for c in noun.children):
        return None
    subj = children(noun, SUBJ)
    return subj[0] if subj else None


def is_passive(tok: Token) -> bool:
    if any(c.dep_.lower() in PASS_SUBJ or c.dep_.lower() in PASS_AUX for c in tok.children):
        return True
    if misparsed_modifier(tok):
        return False
    # reduced passive participle modifying a noun: "soldiers killed in the attack"
    # (not with an object behind a particle read as its preposition: "The union called [off the
    # strike]" is a sentence whose verb the parser took for a participle)
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and not any(
        c.dep_.lower() in OBJ for c in tok.children) and _particle_as_case(tok) is None \
        and not subordinate_past(tok)


_SUBORDINATE = frozenset(("after", "before", "when", "since", "until", "as", "while", "once"))
# marks of a subordinate clause that is an act of its own subject, not part of the main verb's roles
OWN_CLAUSE_MARKS = frozenset(("while", "whereas", "although", "though", "because", "after", "before", "since",
                              "when", "as"))
CONDITION_MARKS = frozenset(("if", "unless", "until", "till"))


def has_aux(tok: Token) -> bool:
    """An auxiliary hangs on the verb ("had been", "would", "is")."""
    return any(c.dep_.startswith("aux") for c in tok.children)


def _clause_with_subject(tok: Token, marks: frozenset) -> bool:
    return tok.dep_ == "advcl" and bool(subjects(tok)) and any(
        k.dep_ == "mark" and k.lower_ in marks for k in tok.children)


def own_clause(tok: Token) -> bool:
    """``tok`` heads a subordinate clause with its own subject ("..., while Russia congratulated Maduro")."""
    return _clause_with_subject(tok, OWN_CLAUSE_MARKS)


_MEASURE = frozenset(("a", "an", "one", "two", "three", "four", "five", "six", "several", "few", "just", "only",
                      "barely", "some", "about", "nearly", "almost", "less", "more", "than", "the"))
_SOON = frozenset(("shortly", "soon", "hours", "days", "weeks", "months", "moments", "minutes", "years"))


def condition_clause(tok: Token) -> bool:
    """``tok`` heads a condition with its own subject ("... if he did not resign"): no part of a
    frame's act (but who must meet a threat's condition is its target, so target searches keep it)."""
    return _clause_with_subject(tok, CONDITION_MARKS)


def timing_after_comma(lower, t: int) -> int | None:
    """``lower[t]`` is a comma that opens the reporter's timing of a statement: ", a day after ...",
    ", two weeks before ...", ", shortly after ...". The index of "after"/"before", else None.
    ("Ruto said he would not sign the bill, a day after police opened fire": the shooting is no part
    of what Ruto said.)"""
    if lower[t] != ",":
        return None
    j = t + 1
    while j < len(lower) and j < t + 5 and (lower[j] in _MEASURE or lower[j].isdigit()):
        j += 1
    if j + 1 >= len(lower) or lower[j + 1] not in ("after", "before"):
        return None
    unit = lower[j]
    if unit in _SOON or (j > t + 1 and unit.rstrip("s") in ("day", "hour", "week", "month", "year", "minute",
                                                             "moment")):
        return j + 1
    return None


def subordinate_past(tok: Token) -> bool:
    """A participle right after a noun that a subordinator opens is that clause's past-tense verb:
    "a day after Indian warplanes bombed what ..." parsed as "warplanes [that were] bombed"."""
    head = tok.head
    return tok.tag_ == "VBN" and tok.dep_ in ("acl", "amod") and tok.i == head.i + 1 and any(
        k.dep_ in ("case", "mark") and k.lower_ in _SUBORDINATE for k in head.children) \
        and not prep_objects(tok, ("by",))  # "after a ceasefire brokered by Saudi Arabia expired": passive


def explicit_passive(tok: Token) -> bool:
    """Passive marked in the clause itself: a passive auxiliary or subject, or a "by" agent."""
    return any(c.dep_.lower() in PASS_SUBJ or c.dep_.lower() in PASS_AUX for c in tok.children) \
        or bool(prep_objects(tok, ("by",)))


_TIME_NOUNS = frozenset(("day", "week", "month", "year", "time", "night", "morning", "evening",
                         "afternoon", "weekend", "decade", "hour", "today", "yesterday", "tomorrow"))


def second_charge(tok: Token, verbs) -> bool:
    """``tok`` is a gerund coordinated with the charge of a verb in ``verbs`` ("accused Somalia of arming
    rebels and sheltering their leaders": "sheltering" is charged too)."""
    head = tok.head
    return tok.dep_ == "conj" and tok.tag_ == "VBG" and lemma(head) in verbs and any(
        k.lower_ == "of" and k.dep_ in ("case", "mark") for k in head.subtree if k.i < tok.i)


def objects(tok: Token) -> list[Token]:
    """Direct objects; failing those, a bare common-noun oblique (no preposition, not a time word),
    which is how a parser often attaches an object pushed after an adverbial
    ("dismissed on Sunday as a lie U.S. accusations that ...")."""
    found = children(tok, OBJ)
    if found:
        return found
    p = _particle_as_case(tok)
    if p is not None:
        return [p[1]]
    return [c for c in tok.children if c.dep_ == "obl" and c.pos_ == "NOUN" and c.i > tok.i
            and c.lemma_.lower() not in _TIME_NOUNS and not any(g.dep_ == "case" for g in c.children)]


def subjects(tok: Token) -> list[Token]:
    return children(tok, SUBJ)


def pass_subjects(tok: Token) -> list[Token]:
    return children(tok, PASS_SUBJ)


def ancestors_in(tok: Token, sent_start: int, sent_end: int) -> Iterator[Token]:
    cur = tok
    seen = 0
    while cur.head.i != cur.i and seen < 40:
        cur = cur.head
        seen += 1
        if not (sent_start <= cur.i < sent_end):
            return
        yield cur
