"""The event coder: per sentence, find triggers (verb and noun patterns), let frames recode what
they govern ("plans to send advisers" -> 0332), find source and target through the parse, then
status, reporting source, date and place; one Event per source/target pair."""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Span as SpacySpan, Token

from ..actors.kb import lexicon
from ..model import Document, Event, Span
from . import codebook, dates, deps, speech
from .modality import Modality, modality
from .patterns import DEFAULT_NOUN_TARGETS, Patterns, Rule, lists, load, lookup, word_set
from .roles import (WATERS, GROUP_NOUNS, MILITARY_CRAFT, NATIONAL_NOUNS, PEOPLE_NOUNS, SUBORDINATORS, ActorIndex, Ref,
                    controller_of_noun, demonym, object_words, hazard_controlled, targets_for, verb_objects, verb_sources)

# roots whose events stand without a named target (statements, appeals, intents, yielding,
# investigations, disapproval, rejections, threats, protests, mobilization); others need one
_TARGETLESS = frozenset(("01", "02", "03", "08", "09", "10", "11", "12", "13", "14", "15"))
_BLAME_WORDS = lists()["pejorative"] | lists()["reckoning_verbs"] | {"do"}
# roots a stated future ("said it will ...") turns into an intention (03x) or a threat (13x)
_INTENDABLE = frozenset(("04", "05", "06", "07", "08", "14", "15", "16", "17", "18", "19", "20"))
_FORCE = frozenset(("18", "19", "20"))
_COERCE = _FORCE | {"17"}
_COMMENT_VERBS = frozenset(lists()["comment_verbs"])
_ARMS = frozenset(lists()["weapons"]) | frozenset(lists()["military_craft"]) | {"shell", "strike", "airstrike"}
_ARMED_ROOTS = frozenset(("15", "18", "19", "20"))
_READY = frozenset(("ready", "willing", "prepared", "determined", "poised", "eager", "keen"))
_VERBAL_CONFLICT = frozenset(("09", "10", "11", "12", "13"))
_WHEN_MARKS = frozenset(("when", "while", "as", "during"))
_DATE_NULLING = frozenset(("previously", "formerly", "once"))
_STATUS_RANK = {"negated": 0, "denied": 1, "hypothetical": 2, "threatened": 3, "intended": 4,
                "alleged": 5, "fact": 6}


@dataclass(slots=True)
class Cand:
    tok: Token
    rule: Rule
    code: str | None
    frame: str | None = None
    weak: bool = False  # matched, but only usable as what a frame governs
    absorbed: bool = False
    embedded: list["Cand"] = field(default_factory=list)
    start: int = 0
    end: int = 0


# -- matching -----------------------------------------------------------------------------------
def _gov(tok: Token) -> Token | None:
    m = deps.modifier_governor(tok)
    if m is not None:
        return m  # "Vietnam proposed talks" read as one noun phrase: "proposed" governs "talks"
    cur = tok
    quantity = lists()["quantity"]
    for _ in range(3):
        d = cur.dep_.lower()
        if d == "conj":
            cur = cur.head
            continue
        if d == "nmod" and deps.lemma(cur.head) in quantity and any(k.lower_ == "of" for k in cur.children):
            cur = cur.head  # "launched 10 days of war games": the games are what is launched
            continue
        if d in deps.OBJ or d in deps.PASS_SUBJ or d in ("obl", "pobj", "attr", "oprd", "xcomp"):
            h = cur.head
            if d == "pobj":
                h = h.head
            return h if deps.is_verbal(h) else None
        return None
    return None


def _mods(tok: Token) -> set[str]:
    out = set()
    for c in tok.children:
        if c.dep_ in ("compound", "amod", "nmod", "nmod:npmod", "npadvmod") and c.i < tok.i:
            out |= word_set(c)
            if c.dep_ == "compound":  # "a joint missile defence exercise": modifiers of the compound too
                out |= {k.lower_ for k in c.subtree if k.dep_ in ("amod", "compound") and k.i < c.i}
    if tok.i > 0:
        out |= word_set(tok.nbor(-1))
    return out


def _not_sent(emb, targets: list[Ref]) -> list[Ref]:
    """Targets less the object of an embedded event whose rule does not take its object as target
    ("pledged to send 1,000 officers": what is sent is not whom the pledge is for)."""
    if emb is None or not emb.rule.target or "obj" in emb.rule.target:
        return targets
    sent = {o.i for o in verb_objects(emb.tok)}
    return [t for t in targets if t.tok is None or t.tok.i not in sent]


def _verdict_words(tok: Token) -> set[str]:
    """Words of what a verb of naming says its object is: the object complement ("called the move
    a provocation", "called the sanctions illegal", "described it as interference"), its head and
    modifiers; a second object counts (the parse often reads the complement so)."""
    out: set[str] = set()
    objs = [c for c in tok.children if c.dep_ in deps.OBJ and c.i > tok.i]
    comps = [c for c in tok.children if c.i > tok.i and (
        c.dep_ in ("xcomp", "oprd", "acomp") or c in objs[1:]
        or c.dep_ in ("obl", "advcl", "prep") and any(k.lower_ == "as" for k in c.children if k.dep_ in ("case", "mark"))
        or c.dep_ == "prep" and c.lower_ == "as")]
    if objs:  # 'called the expulsions "an unfriendly step"' read as an apposition of the object
        comps += [c for c in objs[0].children if c.dep_ == "appos" and c.i > objs[0].i]
        # "called the storming of parliament treasonous" read with the adjective on the last noun:
        # an adjective that ends the object phrase after its noun is the complement
        last = objs[0].right_edge
        if last.pos_ == "ADJ" and last.dep_ == "amod" and last.i > last.head.i:
            comps.append(last)
    comps += [k for c in comps for k in c.children if k.dep_ == "conj" and k.i > c.i]  # "an act and a violation"
    for c in comps:
        for t in [c] + [k for k in c.children if k.dep_ in ("amod", "compound", "pobj", "advmod", "nmod")]:
            out |= word_set(t)
    return out


def _right_words(tok: Token) -> set[str]:
    out = set()
    for t in tok.subtree:
        if t.i > tok.i:
            out |= word_set(t)
    return out


_NP_INNER = frozenset(("DET", "ADJ", "NOUN", "PROPN", "NUM", "ADV", "X", "PRON"))


def _np_after(tok: Token) -> set[str]:
    """Word forms of the noun phrase right after a verb, read on the surface: a tolerant check for
    an object the parse lost or mislabelled ("imposed an arms embargo" with "embargo" tagged as an
    adverb). Stops at the first word that cannot be inside a noun phrase (preposition, verb, punctuation)."""
    out: set[str] = set()
    doc = tok.doc
    for j in range(tok.i + 1, min(tok.i + 6, len(doc))):
        t = doc[j]
        if t.pos_ not in _NP_INNER or t.tag_ in ("IN", "TO", "WDT", "WP") or t.lower_ in ("that", "which", "who"):
            break
        out |= word_set(t)
    return out


def match(tok: Token, rule: Rule) -> tuple[bool, bool]:
    """(matches, weak) for one rule."""
    if rule.pos == "verb":
        if rule.obj is not None:
            words = set()
            for o in verb_objects(tok):
                words |= object_words(o)
            if not words & rule.obj and not (deps.is_verbal(tok) and _np_after(tok) & rule.obj):
                return False, False
        # a phrase with a required noun may hang on the object ("transferred the suspect to the court");
        # read only when the verb's own phrases lack that noun
        on_obj = [n for o in verb_objects(tok) for n in deps.prep_objects(o, rule.prep)] \
            if rule.pobj and rule.prep and not any(object_words(n) & rule.pobj for n in deps.prep_objects(tok, rule.prep)) \
            else []
        if rule.prep and not any(p in rule.prep for p, n in deps.preps(tok) if n.i > tok.i or p == "by") \
                and not any(object_words(n) & rule.pobj for n in on_obj):
            # a phrase fronted before the verb is an adjunct ("On Tuesday night Ruto called ..." is no "call on")
            if not (rule.prt and deps.particles(tok) & rule.prt):
                return False, False
        if rule.prt and not deps.particles(tok) & rule.prt and not rule.prep:
            return False, False
        if rule.has is not None and not (_right_words(tok) & rule.has):
            return False, False
        if rule.pobj is not None and not any(object_words(n) & rule.pobj for n in deps.prep_objects(tok, rule.prep) + on_obj):
            return False, False
        if rule.verdict is not None and not (_verdict_words(tok) & rule.verdict):
            return False, False
        return True, False
    # nouns
    if rule.mod is not None and not (_mods(tok) & rule.mod):
        return False, False
    if rule.prep and rule.pobj is None and not any(p in rule.prep for p, _ in deps.preps(tok)):
        return False, False  # "calls for talks", not "a close call"
    if rule.pobj is not None:
        # "cooperation in energy", not "cooperation in Geneva"; the phrase may hang on the verb
        # that governs the noun ("deepen their partnership in trade")
        g = _gov(tok)
        phrases = deps.prep_objects(tok, rule.prep) + (deps.prep_objects(g, rule.prep) if g is not None else [])
        if not any(object_words(n) & rule.pobj for n in phrases):
            return False, False
    if rule.has is not None and not (_right_words(tok) & rule.has):
        return False, False  # "a halt to the fighting", not "a halt to imports"
    if rule.embedded_only:
        return True, True
    if rule.gov is not None:
        g = _gov(tok)
        if g is None or not (word_set(g) & rule.gov):
            # a governing verb misattached as a modifier ("fomenting violence" as amod)
            if not any(c.dep_ in ("amod", "acl") and c.i < tok.i and word_set(c) & rule.gov
                       for c in tok.children):
                return True, True
    return True, False


def candidates(sent: SpacySpan, pats: Patterns) -> list[Cand]:
    out = []
    for tok in sent:
        hit = lookup(tok, pats)
        if hit is None:
            continue
        pos, lem = hit
        if pos == "noun" and tok.dep_ == "compound" and tok.head.pos_ == "NOUN" and tok.head.i > tok.i \
                and lookup(tok.head, pats) is None:
            continue  # "a border meeting point", "attack helicopters": a modifier of a thing, no event
        if pos == "noun" and _named_as(tok):
            continue  # "a vote Guyana called an existential threat": what something is called, no event
        if pos == "verb" and tok.tag_ in ("VBN", "VBG") and tok.i - 2 >= sent.start and sent.doc[tok.i - 1].text == "-" \
                and (tok.dep_ in ("amod", "compound", "acl") or sent.doc[tok.i - 2].text[:1].isupper()) \
                and not sent.doc[tok.i - 2].whitespace_ and not sent.doc[tok.i - 1].whitespace_:
            continue  # "Iran-backed militants", "Saudi-led coalition": a description of the actor, no event
        weak_first = None
        for rule in (pats.verbs if pos == "verb" else pats.nouns)[lem] + (None,):
            if rule is None:  # no strong match: keep the first weak one (usable under a frame)
                if weak_first is None:
                    break
                rule, weak = weak_first, True
            else:
                ok, weak = match(tok, rule)
                if not ok:
                    continue
                if weak and weak_first is None:
                    weak_first = rule
                    continue
                if weak:
                    continue
            start, end = tok.idx, tok.idx + len(tok)
            if pos == "noun":
                mods = [c for c in tok.lefts if c.dep_ in ("compound", "amod") and rule.mod and word_set(c) & rule.mod]
                if mods:
                    start = min(c.idx for c in mods)
            else:
                for c in tok.children:
                    if c.dep_.lower() in deps.PRT and c.i == tok.i + 1:
                        end = c.idx + len(c)
            out.append(Cand(tok, rule, rule.code, rule.frame, weak, start=start, end=end))
            break
    # "recalled its ambassador in protest at ...": the motive of an act coded on its own, no protest held
    # ("banged pots and pans in protest" is the protest)
    coded = {c.tok.i for c in out if c.rule.pos == "verb" and c.code}
    out = [c for c in out if not (c.rule.pos == "noun" and deps.lemma(c.tok) == "protest" and c.tok.head.i in coded
                                  and any(k.dep_ == "case" and k.lower_ == "in" for k in c.tok.children)
                                  and not any(k.dep_ in ("det", "nmod:poss", "amod") for k in c.tok.children))]
    # a noun that is the object of a coded verb is part of that verb's event ("send aid")
    verbs = {c.tok.i: c.rule for c in out if c.rule.pos == "verb" and c.code and not c.frame and c.rule.obj}
    return [c for c in out if not (c.rule.pos == "noun" and not c.frame and (g := _gov(c.tok)) is not None
                                   and g.i in verbs and object_words(c.tok) & verbs[g.i].obj)]


NAMING_VERBS = frozenset(("call", "describe", "label", "brand", "term", "dub", "deem", "consider", "regard"))
CALLED_EVENTS = frozenset(lists()["protests"]) | frozenset(lists()["talks"]) | frozenset(
    ("election", "vote", "referendum", "ceasefire", "truce", "halt", "session", "boycott", "strike"))


def _named_as(tok: Token) -> bool:
    """The noun is the complement or object of a verb of naming in a clause on the thing named ("a
    vote Guyana called an existential threat", "the deal, which Kyiv called a betrayal")."""
    head = tok.head
    if head.i == tok.i or deps.lemma(head) not in NAMING_VERBS:
        return False
    if any(c.dep_ in ("obj", "dobj") for c in head.children if c.i != tok.i):
        return False  # ("called the raid an act of war": the verb's own event, left as it was)
    if head.dep_ not in ("acl:relcl", "relcl", "acl", "parataxis"):
        return False  # (a main clause: "the union called a general strike" calls one)
    return tok.dep_ in ("xcomp", "oprd", "obj", "dobj") and deps.lemma(tok) not in CALLED_EVENTS


_EMBED_DEPS = frozenset(("xcomp", "ccomp", "acl", "obj", "dobj", "obl", "nmod", "pcomp", "prep", "pobj",
                         "advcl", "conj", "nsubj:pass", "nsubjpass", "compound", "mark"))


def attach_frames(cands: list[Cand]) -> None:
    """Link each event to the frame that governs it; recoding frames absorb it."""
    frames = {c.tok.i: c for c in cands if c.frame}
    if not frames:
        return
    words = lists()
    acting = {x.tok.i for x in cands if not x.frame and not x.weak}
    for c in cands:
        # a frame verb read as a modifier of the event noun it governs ("Vietnam proposed talks")
        m = deps.modifier_governor(c.tok) if c.rule.pos == "noun" else None
        f = frames.get(m.i) if m is not None else None
        if f is not None and f is not c and f.frame in codebook.RECODE and c.code:
            f.embedded.append(c)
            c.absorbed = True
            continue
        # surface fallback: "plans to send", "ready to attack" (whatever the parser attached)
        t = c.tok
        if t.i >= 2 and t.doc[t.i - 1].lower_ == "to" and (deps.is_verbal(t) or c.rule.pos == "verb"):
            f = frames.get(t.i - 2)
            if f is not None and f is not c and f.frame in codebook.RECODE and c.code:
                f.embedded.append(c)
                c.absorbed = True
                continue
        cur, hops = c.tok, 0
        while cur.head.i != cur.i and hops < 5:
            d = cur.dep_.lower()
            if d not in _EMBED_DEPS:
                break
            if deps.own_clause(cur) or deps.condition_clause(cur):
                break  # "urged the council to publish the results, while Russia congratulated Maduro": a
                # clause with its own subject after "while", "because", "after" is nobody's request;
                # nor is a condition what is sought ("would seek to impeach him if he did not resign")
            if d == "conj" and cur.head.i in frames and frames[cur.head.i] is not c \
                    and not (_infinitive(cur) and not _infinitive(cur.head)):
                break  # coordinated with the frame, not governed by it (but "called on them to free X
                # and to allow Y" parsed with "allow" on "called" is the frame's second request)
            cur, hops = cur.head, hops + 1
            if deps.lemma(cur) in words["negators"] and deps.is_verbal(cur):
                break  # "talks aimed at halting the fighting": no one aims to fight
            f = frames.get(cur.i)
            if f is not None and f is not c:
                if f.frame in codebook.RECODE and c.code:
                    f.embedded.append(c)
                    c.absorbed = True
                break
            if deps.lemma(cur) in words["say_verbs"] and deps.is_verbal(cur) and d not in deps.OBJ:
                break  # what is said is not what a frame above asks for ("show restraint" is)
            if cur.i in acting and not (d == "conj" and hops == 1):
                break  # governed by another event first (a conjunct shares its head's governor: "called on
                # them to release the activists and to allow protests")


def _infinitive(tok) -> bool:
    return any(k.dep_ == "mark" and k.lower_ == "to" for k in tok.children)


# -- assembling events ------------------------------------------------------------------------
@dataclass(slots=True)
class SentenceContext:
    doc: Document
    index: ActorIndex
    sent: SpacySpan
    number: int
    reports: list[speech.Report]
    quotes: list[dict[str, Any]]
    date_at: dict[int, dates.DateExpr]
    noun_dates: dict[str, dict[str, Any]]
    acts: frozenset[int] = frozenset()  # verbs coded as events of their own ("condemned", "denied")


def _sources(c: Cand, ctx: SentenceContext) -> list[Ref]:
    tok = c.tok
    if c.rule.swap:
        return [r for n in deps.prep_objects(tok, (c.rule.swap,)) for r in ctx.index.resolve_all(n)]
    if c.rule.pos == "verb":
        found = verb_sources(tok, ctx.index)
        if not found and _root_participle(c):
            found = ctx.index.resolve_all(tok.head)
        if not found and (c.code or "")[:2] == "15" and deps.is_passive(tok) and not deps.prep_objects(tok, ("by",)):
            # "Venezuelan troops were moved to the border", "the military was placed on alert": with no
            # agent named, the forces mobilized stand for their side
            found = [r for n in deps.pass_subjects(tok) for r in ctx.index.resolve_all(n)]
        return found
    drawn = _drawn_from(tok)
    if drawn is not None:
        return ctx.index.resolve_all(drawn)
    if any(k.dep_ in deps.POSS and k.lower_ == "their" for k in tok.children):
        g = _gov(tok)
        for s in (deps.subjects(g) if g is not None and tok.dep_ in deps.OBJ else []):
            both = ctx.index.resolve_all(s)  # (every subject: "days after A and B began" has two)
            if len(both) > 1:
                return both  # "NATO and Russia held their first talks": "their" is the pair
    own = ctx.index.owner(tok)
    if own:
        return own
    if c.rule.of == "source":
        for p, n in deps.preps(tok):
            if p == "of":
                r = ctx.index.resolve_all(n)
                if r:
                    return r
    if tok.dep_ in ("obj", "dobj") and deps.lemma(tok.head) in lists()["uptake_verbs"] \
            and deps.lemma(tok) in lists()["uptake_nouns"]:
        return []  # "Moscow would consider the request": the request is someone else's
    if tok.dep_ in ("obj", "dobj") and (tok.head.i in ctx.acts or deps.lemma(tok.head) in lists()["negators"]):
        return []  # "France condemned the attack", "Iran denied the accusations": someone else's act;
        # "talks aimed at halting the fighting": the talkers are not the fighters
    return controller_of_noun(tok, ctx.index)


def _drawn_from(tok: Token) -> Token | None:
    """The "from" actor of an act a drawing verb governs: "drew condemnation from Egypt" -> Egypt."""
    g = _gov(tok)
    if g is None or tok.dep_ not in deps.OBJ or deps.lemma(g) not in lists()["drawing_verbs"]:
        return None
    found = deps.prep_objects(g, ("from",)) or deps.prep_objects(tok, ("from",))
    return found[0] if found else None


def _targets(c: Cand, ctx: SentenceContext, exclude: set[str]) -> list[Ref]:
    if c.rule.pos == "noun" and _drawn_from(c.tok) is not None:
        subj = deps.subjects(_gov(c.tok))
        if subj:  # "the Israeli strikes drew condemnation from Egypt": the strikes' owner is the target
            found = ctx.index.owner(subj[0]) or ctx.index.resolve_all(subj[0])
            return [r for r in found if r.key not in exclude]
    if c.rule.swap:
        subj = deps.subjects(c.tok)
        return ctx.index.resolve_all(subj[0]) if subj else []
    found = targets_for(c.tok, c.rule, ctx.index, exclude)
    if found or c.rule.pos == "verb":
        return found
    # a noun event takes the to/with/against phrase of the verb that governs it
    g = _gov(c.tok)
    if g is not None:
        roles = ("to", "with", "against", "on", "toward", "about", "over", "between", "for")
        if c.rule.target != DEFAULT_NOUN_TARGETS:
            # a rule that names its prepositions keeps to them on the verb too: "held talks on
            # Kashmir" (talks take with/between) is no meeting with Kashmir
            roles = tuple(r for r in roles if r in c.rule.target)
        found = targets_for(g, c.rule, ctx.index, exclude,
                            roles=roles + (("obj",) if c.tok.dep_ not in deps.OBJ else ()))
    return found


def _location(tok: Token, ctx: SentenceContext, material: bool = False) -> tuple[dict[str, Any] | None, Ref | None]:
    """The place of the event: a locative phrase on the trigger (or, for a noun, on the words it
    hangs from); for a material act ("arrested protesters in Nairobi", "raided a house in Mosul") also
    one on the verb's object, where the parser often attaches it; else the dateline, for the first
    sentence."""
    cur = tok
    for _ in range(3):
        found = _place_phrase(cur, ctx)
        if found is not None:
            return found
        if not deps.is_verbal(cur) and cur.head.i != cur.i:
            cur = cur.head
            continue
        break
    if material and deps.is_verbal(tok):
        for o in verb_objects(tok):
            # "arrested dozens of protesters in Nairobi": the place may hang on the of-complement
            for head in [o] + [k for p, k in deps.preps(o) if p == "of"]:
                found = _place_phrase(head, ctx)
                if found is not None:
                    return found
    if ctx.number == 0 and ctx.doc.dateline:
        line = ctx.doc.dateline.strip().lower()
        for a in ctx.doc.actors:
            if a.kind in ("place", "state") and a.name.lower() == line:
                return ({"actor": a.id, "name": a.name, "country": a.country, "text": ctx.doc.dateline,
                         "geo": a.geo}, None)
        return ({"actor": None, "name": ctx.doc.dateline.strip().title(), "country": None,
                 "text": ctx.doc.dateline, "geo": None}, None)
    return None, None


def _place_phrase(head: Token, ctx: SentenceContext) -> tuple[dict[str, Any], Ref] | None:
    words = lists()["locative_preps"]
    for p, n in deps.preps(head):
        if p in words:
            for cand in deps.conjuncts(n):
                r = ctx.index.at(cand, fallback=True)
                if r is None:
                    continue
                actor = ctx.doc.actor(r.summary["actor"]) if r.summary.get("actor") else None
                kind = actor.kind if actor else r.kind
                if kind in ("place", "state"):
                    return ({"actor": r.summary.get("actor"), "name": r.summary.get("name"),
                             "country": r.summary.get("country"), "text": n.text,
                             "geo": actor.geo if actor else None}, r)
    return None


def _date(toks: list[Token], ctx: SentenceContext) -> tuple[dict[str, Any], bool]:
    """(date, historical) for an event triggered by ``toks`` (trigger first)."""
    pub = ctx.doc.published
    hist_words = lists()["historical_words"]
    historical = False
    scope = list(toks) + [t.head for t in toks if t.dep_ in ("advcl", "xcomp", "conj")]
    for tok in scope:
        for c in tok.children:
            if c.dep_ in ("advmod",) and c.lower_ in hist_words:
                historical = True
                if c.lower_ in _DATE_NULLING:
                    return {"value": None, "precision": "unknown", "text": c.text}, True
    for tok in toks:
        chain = [tok] + list(deps.ancestors_in(tok, ctx.sent.start, ctx.sent.end))
        for t in chain:
            expr = ctx.date_at.get(t.i)
            if expr is None:
                for c in t.children:
                    if c.dep_ == "advcl" and any(m.lower_ in _WHEN_MARKS for m in c.children if m.dep_ in ("mark", "advmod")):
                        expr = ctx.date_at.get(c.i)
                        if expr is not None:
                            break
            if expr is not None:
                return expr.as_dict(), historical or dates.is_past(expr, pub)
    # a sentence-initial date ("On Sunday, X told ...") scopes over the whole sentence
    first = ctx.date_at.get(-1)
    if first is not None:
        return first.as_dict(), historical or dates.is_past(first, pub)
    # "That meeting" after "a meeting on May 28"
    tok = toks[0]
    if deps.is_nominal(tok) and any(c.lower_ in ("that", "this", "the") for c in tok.children if c.dep_ == "det"):
        d = ctx.noun_dates.get(deps.lemma(tok))
        if d is not None:
            return dict(d), historical
    return dates.default(pub), historical


def _report_for(tok: Token, ctx: SentenceContext) -> tuple[dict[str, Any] | None, str]:
    """(speaker summary, rule) of the innermost report whose content holds ``tok``."""
    best = None
    tail = own_clause_of(tok)
    for r in ctx.reports:
        if r.tokens and trails_request(tail, tok.doc[min(r.tokens)].idx, r.cue):
            continue  # "urged X to publish the results, while Russia congratulated Y": not the request
        if tok.i in r.tokens and (r.cue is None or tok.i != r.cue.i):
            if best is None or len(r.tokens) < len(best.tokens):
                best = r
    if best is not None and best.speaker_summary is not None:
        return best.speaker_summary, best.rule
    for q in ctx.quotes:
        s, e = q["content"]
        if tail is not None and q["cue"] and trails_request(tail, s, head_at(tok.doc, *q["cue"])):
            continue  # "urged X to publish the results, while Russia congratulated Y": not the request
        if s <= tok.idx < e and q["speaker"]:
            sp = q["speaker"]
            return {"actor": sp.get("actor"), "name": sp.get("name"), "country": sp.get("country"),
                    "sector": sp.get("sector")}, f"quote:{q['id']}"
    return None, ""


_OFFICIAL = frozenset(("GOV", "MIL", "IGO", "JUD", "LEG"))
_MASSES = frozenset(("thousand", "thousands", "hundred", "hundreds", "dozen", "dozens", "scores"))


def _crowd(tok: Token) -> bool:
    """A crowd: "protesters", "a mob", "thousands of people"."""
    if deps.lemma(tok) in lists()["protesters"]:
        return True
    if tok.lower_ in _MASSES:
        return any(deps.lemma(n) in ("people", "person", "resident", "student") for p, n in deps.preps(tok) if p == "of")
    return deps.lemma(tok) in ("people", "person") and any(k.lower_ in _MASSES for k in tok.children)


def trails_request(tail: Token | None, content_start: int, cue: Token | None) -> bool:
    """Does a content that starts at character ``content_start``, after a cue that is no speech verb,
    only trail into ``tail``, a subordinate clause with its own subject (:func:`own_clause_of`)? Then
    what happens in that clause is not what the cue asks or says: "urged the council to publish the
    results, while Russia congratulated Maduro", "called a cabinet meeting after Addis Ababa signed a
    deal" (the claims stage asks the same of its quotes)."""
    return tail is not None and cue is not None and content_start < tail.left_edge.idx \
        and deps.lemma(cue) not in lists()["say_verbs"]


def head_at(doc, start: int, end: int) -> Token | None:
    """The head token of the words at character offsets [start, end) (a cue, a trigger)."""
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None else None


def own_clause_of(tok: Token) -> Token | None:
    """The subordinate clause with its own subject that holds ``tok`` ("..., while Russia and China
    congratulated Maduro"), if any."""
    cur = tok
    for _ in range(6):
        if deps.own_clause(cur):
            return cur
        if cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _summary(ref: Ref | None) -> dict[str, Any] | None:
    return _coded(ref.summary) if ref is not None else None


def _coded(summary: dict[str, Any]) -> dict[str, Any]:
    """A copy of an actor summary; one the roles made up from words ("an Israeli tank") gets its code."""
    out = dict(summary)
    if not out.get("code") and out.get("actor") is None and (out.get("country") or out.get("sector")):
        out["code"] = (out.get("country") or "") + (out.get("sector") or "")  # ISRMIL
    return out


def _assert_summary(ref: Ref) -> dict[str, Any]:
    s = ref.summary
    return {"actor": s.get("actor"), "name": s.get("name"), "country": s.get("country"), "sector": s.get("sector")}


def _warned(tok: Token) -> list[Token]:
    """Who a warning is addressed to: the object, or the indirect object ("warned Israel against
    attacking" is parsed both ways)."""
    return verb_objects(tok) + deps.children(tok, deps.IOBJ)


def build(c: Cand, ctx: SentenceContext) -> list[dict[str, Any]]:
    """The events of one (non-absorbed) candidate, as plain dicts (one per source/target pair)."""
    frame_status = None
    code, rule_id, emb = c.code, c.rule.id, None
    warning = False
    frame = c.frame
    if frame == "intend" and c.embedded and _wants_other(c, c.embedded[0], ctx):
        frame = "appeal"  # "Obama wants Putin to attack": Putin is asked to act
    if frame in codebook.RECODE:
        if c.embedded:
            emb = c.embedded[0]
            code = codebook.recode(frame, emb.code)
            if frame == "threaten" and _warned(c.tok) and any(
                    k.dep_ in ("case", "mark") and k.lower_ == "against" for k in emb.tok.children):
                # "warned Beijing against an attack on Taiwan": a warning to Beijing, not a threat
                # to attack; the act warned against is the warned party's
                code, warning = c.rule.code or code, True
            rule_id = f"{c.rule.id.split('→')[0]}{'[appeal]' if frame != c.frame else ''}>{emb.rule.id.split('→')[0]}→{code}"
            frame_status = codebook.frame_status(frame, emb.code)
        elif c.weak:
            return []
        elif frame == "reject" and any(k.dep_ == "xcomp" and deps.lemma(k) in _COMMENT_VERBS for k in c.tok.children):
            code = "011"  # "declined to comment": CAMEO's own code, no rejection of anyone
            rule_id = f"{rule_id.split('→')[0]}>comment→011"
    code = codebook.valid(code)
    if code is None or (c.weak and not c.frame):
        return []
    if deps.is_nominal(c.tok):
        d0, _ = _date([c.tok], ctx)
        if d0.get("text"):
            ctx.noun_dates[deps.lemma(c.tok)] = d0
    sources = _sources(c, ctx)
    between: list[Ref] = []
    if c.rule.pos == "noun" and "between" in c.rule.target:
        for n in deps.prep_objects(c.tok, ("between",)):
            between = ctx.index.resolve_all(n)
    if len(between) > 1 and c.rule.symmetric and (not sources or all(b.key != s.key for b in between for s in sources)):
        sources = between  # "a meeting between A and B": they meet each other
    elif between:
        between = []  # "mediation between A and B": A and B are targets (found with the other roles)
    keys = {r.key for r in sources}
    targets: list[Ref] = []
    if emb is not None:
        if c.rule.ctl == "obj" or frame != c.frame or warning:
            targets = [r for o in (_warned(c.tok) if warning else verb_objects(c.tok))
                       for r in ctx.index.resolve_all(o)]
            targets += [r for n in deps.prep_objects(c.tok, ("on", "upon")) for r in ctx.index.resolve_all(n)]
            if frame != c.frame:
                targets += [r for n in deps.subjects(emb.tok) for r in ctx.index.resolve_all(n)]
        elif frame in ("demand", "appeal") and emb.tok.dep_ == "ccomp" and emb.tok.head.i == c.tok.i:
            # "demanded that the EU impose sanctions on Serbia": who is asked to act is the clause's subject
            targets = [r for n in deps.subjects(emb.tok) for r in ctx.index.resolve_all(n)]
        if not targets:
            targets = _targets(emb, ctx, keys)
    if not targets and not (between and sources is between):
        targets = _targets(c, ctx, keys)
    mutual = emb is not None and emb.rule.symmetric and len(sources) > 1  # "A and B seek to deepen ties"
    if not targets and not mutual and (c.frame in codebook.RECODE or (code[:2] in _VERBAL_CONFLICT and c.rule.pos == "verb")):
        # the first actor named after the trigger, in its own phrase ("threatened to ban voting in
        # East Jerusalem", "demanded that the Sudanese government end curbs")
        targets = targets_for(c.tok, c.rule, ctx.index, keys, roles=("comp_subj", "subtree"))
        targets = _not_sent(emb, targets)
    targets = [t for t in targets if t.key not in keys]
    info = codebook.info(code)
    location, place = _location(c.tok, ctx, material=info.get("quad") in (2, 4))
    if not targets and place is not None and info.get("quad") == 4 and code[:2] != "16" and place.key not in keys \
            and (code[:2] != "17" or code[:3] == "171"):
        # "bombed Gaza", "exercises in Alaska"; not "suspended talks in Jeddah" (where, not whom) nor
        # "arrested two men in Lodz" (people are arrested, a place is where)
        targets = [place]
    surface = ""
    if not sources and c.rule.pos == "verb" and not _passive(c) and not hazard_controlled(c.tok) and (
            c.tok.tag_ in ("VBD", "VBZ", "VBP") or deps.misparsed_modifier(c.tok)
            or deps.has_aux(c.tok)
            or (c.tok.tag_ in ("VBN", "VBG", "NN", "NNP", "JJ") and c.tok.i > ctx.sent.start
                and c.tok.nbor(-1).lower_ not in ("to", "of", "for", "by", "in", "after", "before", "without"))):
        # finite verbs, and tokens that read as one though the tagger says otherwise; an infinitive
        # or a gerund after a preposition has no subject of its own
        sources = _surface(c.tok, ctx, -1, set())  # finite verbs only: an infinitive has no subject of its own
        if code[:2] not in _ARMED_ROOTS:  # "supplying artillery shells ..., a charge both countries deny":
            sources = [r for r in sources if deps.lemma(r.tok) not in _ARMS]  # arms only fire, never deny
        if any(k.dep_ in ("nsubj", "nsubj:pass") and k.lower_ in deps.RELPRON for k in c.tok.children):
            # "people who burn police stations", "a plan that would free hostages": the subject is the
            # relative's noun; an actor named before it is not
            noun = {t.i for t in c.tok.head.subtree} if c.tok.dep_ in ("acl:relcl", "relcl", "acl") else set()
            sources = [r for r in sources if r.tok.i in noun and r.tok.i < c.tok.i]
        surface = "~left" if sources else ""
        keys = {r.key for r in sources}
        targets = [t for t in targets if t.key not in keys]
    if not targets and c.rule.pos == "verb" and not c.rule.swap and (set(c.rule.target) & {"obj", "obj_owner", "subtree"}):
        targets = _not_sent(emb, _surface(c.tok, ctx, 1, keys, skip_obj="obj" not in c.rule.target))
        surface += "~right" if targets else ""
    located = location.get("country") if location else None
    if located and located not in ("IGO", "NGO") and not _passive(c):
        # "thousands of people protested in Caracas", "students rallied in Nairobi": a civilian
        # crowd with no country of its own takes the country of the place of the event
        moved = _located_crowds(c.tok, sources, located, ctx.doc)
        if [r.key for r in moved] != [r.key for r in sources]:
            rule_id = f"{rule_id}>[located:{located}]"
        sources = moved
        keys = {r.key for r in sources}
        targets = [t for t in targets if t.key not in keys]
    force = code[:2] in _FORCE and c.rule.pos == "verb" and not c.frame
    coerce = code[:2] in _COERCE and c.rule.pos == "verb" and not c.frame
    if not sources and not (force and targets and (deps.is_passive(c.tok) or _non_actor_subject(c.tok, ctx))):
        # no source: only force whose victims are named, by a passive ("civilians were killed") or
        # an agent that is no actor ("an explosion killed two youths")
        return []
    if c.frame and not targets and deps.lemma(c.tok) in lists()["needs_party"] and (
            emb is None or any(k.dep_ == "case" and k.lower_ == "against" for k in emb.tok.children)):
        return []  # "warned that hospitals were running out of fuel": a warning of no act against anyone;
        # "warned against a trade war": no threat of war either
    symmetric = c.rule.symmetric or (emb is not None and emb.rule.symmetric and c.frame == "intend")
    if not targets and c.rule.untargeted and not c.frame and emb is None \
            and not any(not dates.is_time_word(n.text) and not n.like_num and deps.lemma(n) not in WATERS for n in
                        deps.prep_objects(c.tok, ("at", "on", "upon", "against"))):  # "at a cargo vessel": aimed
        # "fired a ballistic missile into the sea": a weapon fired at no one is a show of force (150)
        code = codebook.valid(c.rule.untargeted) or code
        rule_id = f"{rule_id}>[no target]→{code}"
        info = codebook.info(code)
        force = coerce = False
    if not targets and not c.rule.alone and not (emb is not None and emb.rule.alone) \
            and not (symmetric and len(sources) > 1) and not c.frame and code[:2] not in _TARGETLESS \
            and not ((force or coerce) and verb_objects(c.tok)) and not _carried_out_force(c, code) \
            and not (code[:2] == "16" and c.rule.pos == "verb" and deps.prep_objects(c.tok, ("on", "against", "upon"))) \
            and not (c.rule.symmetric and code[:2] == "04" and sources and _ready(c.tok)):
        # force or coercion against a patient that is no actor ("attacked a refugee camp", "detained
        # a blogger"), sanctions on one ("imposed sanctions on four companies") still stand, and so
        # does talking with no one named when one is ready to ("ready to return to negotiations": 036)
        return []
    if code == "141" and c.rule.pos == "verb" and verb_objects(c.tok) and sources and all(
            r.summary.get("kind") == "state" or (r.summary.get("sector") or "") in _OFFICIAL for r in sources):
        # "Manila protested the presence of Chinese vessels": a government that protests something complains
        # officially (114); crowds that protest demonstrate (141)
        code = "114"
        rule_id = f"{rule_id}>[official]→114"
        info = codebook.info(code)
    if code[:3] == "171" and not c.frame and not c.rule.symmetric and sources and all(_crowd(r.tok) for r in sources):
        # demonstrators who destroy, burn or loot property are rioting: violent protest (145). (A crowd
        # that attacks or storms stays 190: coding it 145 cost a MUC-4 test incident type in session 15,
        # and a PETR-2 check-half triple in session 13.)
        code = "145"
        rule_id = f"{rule_id}>[protesters]→145"
        info = codebook.info(code)
    if code == "190" and c.rule.pos == "verb" and not c.frame and any(
            word_set(k) & lists()["aerial_weapons"] for s in deps.subjects(c.tok) for k in deps.conjuncts(s)):
        # "fighter jets and cruise missiles hit radar sites", "drones struck a depot": an air attack
        code = "195"
        rule_id = f"{rule_id}>[aerial]→195"
        info = codebook.info(code)
    # status
    in_report = any(c.tok.i in r.tokens for r in ctx.reports)
    mod: Modality = modality(c.tok, ctx.sent.start, ctx.sent.end, in_report)
    status = mod.status
    if frame_status and _STATUS_RANK[frame_status] < _STATUS_RANK[status]:
        status = frame_status
    asserted = None
    rule_note = ""
    if status == "negated" and c.frame is None and _future(c.tok):
        # "said he would not provide support": declining to cooperate is coded as a rejection
        rejected = codebook.valid(codebook.recode("reject", code))
        if rejected and code[:2] in ("03", "04", "05", "06", "07", "08"):
            code, status = rejected, "fact"
            rule_id = f"{rule_id}>[negated-future]→{code}"
            info = codebook.info(code)
            context = None
    elif status == "intended" and c.frame is None and emb is None and mod.marker is not None \
            and code[:2] in _INTENDABLE and (targets or code[:2] != "15") and (
                (mod.marker.lower_ in lists()["future_aux"] | {"would"}
                 and (in_report or _report_for(c.tok, ctx)[0] is not None))
                or deps.lemma(mod.marker) in _READY):
        # "said it will provide aid", "announced it would withdraw", "is ready to send troops": a
        # stated intention (03x), or, for force and sanctions, a threat (13x); a show of force aimed at
        # no one ("would increase patrols") threatens no one: it stays 15x, intended
        conditional = any(k.dep_ == "advcl" and any(m.lower_ in ("unless", "if") for m in k.children if m.dep_ == "mark")
                          for k in c.tok.children)
        # "will withdraw unless ..." / "would strike if ...": a conditional promise is a threat
        recoded = codebook.valid(codebook.recode("threaten" if conditional else "intend", code))
        if recoded:
            code = recoded
            status = "threatened" if conditional else (codebook.frame_status("intend", code) or status)
            rule_id = f"{rule_id}>[stated-intent]→{code}"
            info = codebook.info(code)
    if status in ("denied", "alleged") and mod.by is not None:
        by = (verb_sources(mod.by, ctx.index) if deps.is_verbal(mod.by)
              else (ctx.index.owner(mod.by) or controller_of_noun(mod.by, ctx.index)))
        if by:
            asserted = _assert_summary(by[0])
    if asserted is None:
        speaker, rule_note = _report_for(c.tok, ctx)
        if speaker is not None:
            asserted = speaker
            if status == "fact" and not any(speech.same_actor(speaker, s.summary) or _affiliated(speaker, s.summary)
                                            for s in sources):
                status = "alleged"  # (what a speaker says its own forces did is a claim of its own act: a fact)
    date, historical = _date([c.tok] + ([emb.tok] if emb is not None else []), ctx)
    context = list(info.get("context") or [])  # noqa: F841 (reset above when recoded)
    if historical:
        context.append("historical")
    pairs: list[tuple[Ref | None, Ref | None]] = []
    if not targets and symmetric and len(sources) > 1:
        for a in sources:
            for b in sources:
                if a.key != b.key:
                    pairs.append((a, b))
    elif targets:
        for a in sources:
            for b in targets:
                if a.key != b.key:
                    pairs.append((a, b))
                    if symmetric and not (c.frame and code[:2] in ("13", "17")):
                        pairs.append((b, a))  # (not a threat: "vowed to fight the rebels" is the army's alone)
    else:
        pairs = [(a, None) for a in sources]
    if not sources:
        pairs = [(None, b) for b in targets]
    out = []
    for a, b in pairs:
        pcode, pinfo, prule = code, info, rule_id
        if symmetric and code[:2] == "19" and a is not None and b is not None:
            # a clash between security forces and demonstrators: the forces' side is violent
            # repression (175), the demonstrators' side a violent protest (145)
            recoded = _crowd_clash(a, b)
            if recoded:
                pcode, pinfo, prule = recoded, codebook.info(recoded), f"{rule_id}>[crowd-clash]→{recoded}"
        out.append({
            "sentence": ctx.number, "trigger": (c.start, c.end), "cameo": pcode,
            "cameo_name": pinfo.get("name") or "", "plover": pinfo.get("plover"), "mode": pinfo.get("mode"),
            "context": context, "goldstein": pinfo.get("goldstein"), "quad_class": pinfo.get("quad"),
            "source": _summary(a), "target": _summary(b), "date": date, "location": location,
            "status": status, "asserted_by": asserted,
            "rule": prule + surface + (f" @{rule_note}" if rule_note else "") + (f" [{mod.status}:{mod.marker.lower_}]" if mod.marker is not None else ""),
            "_keys": (a.key if a else None, b.key if b else None), "_tok": c.tok.i,
        })
    return out


_CROWD_SECTORS = frozenset(s.upper() for s in lists()["crowd_sectors"])
_DOMESTIC_SECTORS = frozenset(("GOV", "COP", "JUD", "LEG"))


def _located_crowds(tok: Token, sources: list[Ref], country: str, doc: Document | None = None) -> list[Ref]:
    """Sources with the country of the event's place where they are civilian collectives without one:
    a group in a civilian sector ("protesters", "students"), a word of the ``crowds`` list or, when
    the clause has no source, a bare subject such as "people" or "thousands of people" (which is no
    actor on its own). A domestic organ named without a country (a word of ``domestic_organs``:
    "the government", "police", "a court") acting in a place is that place's; troops and officials
    are not (they may be foreign). A country the actors stage took only from the story (its dateline
    or its main country) gives way to the place of the event: students of a story datelined Nairobi
    who rally in Kampala are Ugandan."""
    crowds = lists()["crowds"]
    organs = lexicon()["domestic_organs"]

    def located(ref: Ref, sector: str | None) -> Ref:
        summary = dict(ref.summary, country=country, sector=sector)
        summary["code"] = country + (sector or "")
        return Ref(summary, f"{ref.key}@{country}", ref.tok, ref.kind or "group")

    out = []
    for r in sources:
        sector = r.summary.get("sector")
        lem = deps.lemma(r.tok)
        if r.summary.get("country") is not None and (r.summary["country"] == country or not _story_country(doc, r)):
            out.append(r)
        elif (sector in _CROWD_SECTORS) if sector else (lem in crowds):
            out.append(located(r, sector or "CVL"))
        elif sector in _DOMESTIC_SECTORS and lem in organs:
            out.append(located(r, sector))  # "the government imposed a curfew in Bishkek"
        else:
            out.append(r)
    if sources:
        return out
    quantity = lists()["quantity"]
    subjects = deps.subjects(tok)
    if not subjects and tok.dep_ == "acl" and tok.tag_ == "VBD" and not deps.is_verbal(tok.sent.root):
        subjects = [tok.head]  # "Thousands of people protested …" read as a noun phrase with a relative clause
    for n in subjects:
        head = n
        if deps.lemma(n) in quantity or n.pos_ == "NUM":
            head = next((k for p, k in deps.preps(n) if p == "of"), n)
        elif n.dep_ == "nmod" and (deps.lemma(n.head) in quantity or n.head.pos_ == "NUM"):
            n = n.head  # the phrase starts at "thousands"
        lem = deps.lemma(head)
        if head.pos_ == "NOUN" and lem in crowds:
            ref = Ref({"actor": None, "name": tok.doc[n.left_edge.i:head.i + 1].text, "country": None,
                       "sector": None, "code": None}, "~" + head.lower_, head, "group")
            out.append(located(ref, NATIONAL_NOUNS.get(lem, "CVL")))
    return out


def _story_country(doc: Document | None, ref: Ref) -> bool:
    """Did the actor get its country only from the story (actors stage evidence ``country:story:``)?"""
    a = doc.actor(ref.summary["actor"]) if doc is not None and ref.summary.get("actor") else None
    return a is not None and any(e.startswith("country:story:") for e in a.evidence)


_SECURITY = frozenset(("COP", "MIL", "SPY"))
_SECURITY_NOUNS = lists()["security_nouns"]


def _is_crowd(ref: Ref) -> bool:
    return bool(word_set(ref.tok) & (lists()["protesters"] | {"protester", "protestor"}))


def _is_security(ref: Ref) -> bool:
    return (ref.summary.get("sector") or "")[:3] in _SECURITY or bool(word_set(ref.tok) & _SECURITY_NOUNS)


def _crowd_clash(a: Ref, b: Ref) -> str | None:
    """175 (forces against demonstrators) or 145 (demonstrators against forces), else None."""
    if _is_security(a) and _is_crowd(b):
        return "175"
    if _is_security(b) and _is_crowd(a):
        return "145"
    return None


def _speech_events(ctx: SentenceContext, coded: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Speaker -> accused actor for reports whose content accuses (see :mod:`.speech`)."""
    out = []
    doc = ctx.sent.doc
    for r in ctx.reports:
        if not r.speaker or r.cue is None:
            continue
        accused: list[tuple[Ref | dict, str, str]] = []
        for e in coded:
            if e["cameo"][:2] in ("18", "19", "20") and e["status"] in ("alleged", "fact") and e["source"] and \
                    e.get("_tok") in r.tokens and not _affiliated(r.speaker[0].summary, e["source"]) \
                    and not _own_people(doc[e["_tok"]]):
                accused.append((e["source"], "112", e["rule"].split(" ")[0]))
        if accused:
            # the subject of the content clause is accused with them ("Iranian leaders know about ...")
            roots = [t for t in (doc[i] for i in sorted(r.tokens)) if t.head.i not in r.tokens or t.head.i == t.i]
            for root in roots[:1]:
                for s in deps.subjects(root):
                    for ref in ctx.index.resolve_all(s):
                        if not _affiliated(r.speaker[0].summary, ref.summary):  # not "its air force"
                            accused.append((ref.summary, "112", "content-subject"))
        content = [doc[i] for i in sorted(r.tokens)] if r.tokens else []
        if not content or not any(deps.lemma(t) in _BLAME_WORDS for t in content):
            content = []
        for ref, tok, why in speech.accused_in(content, ctx.index):  # a reckoning promised is a threat
            accused.append((ref.summary, "130" if why == "reckoning" else "111", f"{why}:{deps.lemma(tok)}"))
        seen = set()
        for summ, code, why in accused:
            key = summ.get("actor") or (summ.get("name") or "").lower()
            if key in seen or speech.same_actor(summ, r.speaker[0].summary):
                continue
            seen.add(key)
            info = codebook.info(code)
            mod = modality(r.cue, ctx.sent.start, ctx.sent.end)
            status = "threatened" if code[:2] == "13" and mod.status == "fact" else mod.status
            asserted, note = _report_for(r.cue, ctx)
            if asserted is not None and status == "fact" and not speech.same_actor(asserted, r.speaker[0].summary):
                status = "alleged"
            date, historical = _date([r.cue], ctx)
            out.append({
                "sentence": ctx.number, "trigger": r.cue_span, "cameo": code,
                "cameo_name": info.get("name") or "", "plover": info.get("plover"), "mode": info.get("mode"),
                "context": list(info.get("context") or []) + (["historical"] if historical else []),
                "goldstein": info.get("goldstein"), "quad_class": info.get("quad"),
                "source": _summary(r.speaker[0]), "target": _coded(summ), "date": date,
                "location": None, "status": status, "asserted_by": asserted,
                "rule": f"report:{deps.lemma(r.cue)}+{why}→{code}",
                "_keys": (r.speaker[0].key, key),
            })
    return out


def _own_people(trigger: Token) -> bool:
    """"The RSF said its fighters had shot down ...": a subject owned by a pronoun (its, their, our)
    in reported speech is the speaker's own side, so the report is a claim, not an accusation."""
    return any(k.dep_ in deps.POSS and k.lower_ in ("its", "their", "our", "my")
               for sj in deps.subjects(trigger) for k in sj.children)


_NOT_ROLE_PREPS = frozenset(("in", "at", "near", "from", "of", "on", "during", "across", "inside", "outside"))
_ALLY_PREPS = frozenset(("alongside", "beside"))


_CLAUSES = frozenset(("ccomp", "acl:relcl", "relcl", "advcl", "parataxis"))


def _in_other_clause(t: Token, tok: Token) -> bool:
    """``t`` sits in a subordinate clause (a report, a relative clause) of the verb ``tok`` is
    coordinated with, one that neither holds ``tok`` nor is held by it."""
    v = t
    for _ in range(12):
        if deps.is_verbal(v) or v.head.i == v.i:
            break
        v = v.head
    if v.i == tok.i or v.dep_ not in _CLAUSES or not deps.is_verbal(v):
        return False
    return tok.head.is_ancestor(v) and not v.is_ancestor(tok) and not tok.is_ancestor(v)


def _surface(tok: Token, ctx: SentenceContext, step: int, exclude: set[str], skip_obj: bool = False) -> list[Ref]:
    """Fallback when the parse gives no role (a parser slip): the nearest actor mention before
    (step -1) or after (step +1) the trigger in its clause, not inside a place/source phrase.
    ``skip_obj``: the verb's own object is no target ("deploy troops to the border": what is moved).
    Events found this way carry "~left"/"~right" in their rule."""
    words = lists()["say_verbs"]
    doc = tok.doc
    i = tok.i + step
    lo, hi = ctx.sent.start, ctx.sent.end
    limit = 12
    while lo <= i < hi and limit > 0:
        t = doc[i]
        if t.text in (";", ":") or (t.text == "," and step > 0) or (deps.is_verbal(t) and deps.lemma(t) in words):
            return []
        if step < 0 and t.text in ("\u2014", "\u2013", "--", "-") and t.whitespace_ and i > lo and doc[i - 1].whitespace_:
            return []  # "GAZA, Oct 18 (AP) — An explosion ... killed": the dateline is no party
        if step > 0 and t.dep_ == "conj" and deps.is_verbal(t) and t.head.i == tok.i:
            return []  # "condemned the strikes ... and asked the Security Council to act": another act
        if step < 0 and tok.dep_ == "conj" and deps.lemma(tok.head) in words and _in_other_clause(t, tok):
            return []  # "said that Iran had expanded its stock and urged Tehran": Iran is in what was said
        if t.lower_ in ("that", "whether", "if") and (t.dep_ == "mark" or step > 0 and t.i == tok.i + 1):
            return []  # left of "that" is the clause that reports this one ("told reporters that ..."); right
            # of it the content ("denied that Russian forces target civilians": no target in there)
        if step > 0 and t.i > tok.i + 1 and t.dep_ in ("mark", "case") and t.lower_ in SUBORDINATORS \
                and t.head.i != tok.i and deps.is_verbal(t.head):
            return []  # "closed its border post for a day after protesters blocked the highway": the
            # protesters are in another clause
        if step > 0 and t.head.i == tok.i and t.dep_ in ("obj", "dobj", "obl", "nmod") \
                and i not in ctx.index.by_tok \
                and (deps.lemma(t) in PEOPLE_NOUNS or deps.lemma(t) in GROUP_NOUNS):
            return []  # the parse gives the object, people who are no actor ("executed two men convicted
            # of spying for Israel", "negotiate with people who ..."): what follows is not the target
        hit = ctx.index.by_tok.get(i)
        if hit is not None:
            actor, m = hit
            first = ctx.doc.nlp.char_span(m.start, m.end, alignment_mode="expand")
            start = first.start if first is not None else i
            before = doc[start - 1] if start > lo else None
            ref = ctx.index.at(t, fallback=False)
            blocked = before is not None and (before.lower_ in _NOT_ROLE_PREPS or (step < 0 and before.pos_ == "ADP"))
            head = first.root if first is not None else t
            appos = head.dep_ == "appos"
            if head.dep_ in ("appos", "flat") and head.head.i < head.i:
                head = head.head
            blocked = blocked or actor.kind == "place" and any(
                k.dep_ == "case" and k.lower_ in _NOT_ROLE_PREPS for k in head.children)
            # "troops fought alongside the Ethiopian army": an ally, not the one fought
            blocked = blocked or any(k.dep_ == "case" and k.lower_ in _ALLY_PREPS for k in head.children) \
                or before is not None and before.lower_ in _ALLY_PREPS
            # "bombed what New Delhi described as a camp": the subject of another clause is no target
            blocked = blocked or skip_obj and head.dep_ in ("obj", "dobj") and head.head.i == tok.i
            blocked = blocked or step > 0 and head.dep_.startswith("nsubj") and head.head.i != tok.i \
                and not head.head.is_ancestor(tok)  # (but "Police detained [20 protesters], the ministry said"
            # with the protesters read as the subject of "said": a parser slip over the trigger's own clause)
            if ref is not None and ref.key not in exclude and not blocked:  # not "in the Nigerian capital Abuja"
                out = [ref]
                while step < 0 and not appos:  # ("its force in Kosovo, KFOR,": a name for the force, no list)
                    # coordinated actors to the left: "Gaddafi and Bulgarian President Zhivkov signed"
                    j = start - 1
                    while j > lo and j >= start - 4 and j not in ctx.index.by_tok and doc[j].is_title \
                            and doc[j].pos_ in ("PROPN", "ADJ", "NOUN"):
                        j -= 1  # the title before a mention ("Bulgarian President")
                    if not (j - 1 >= lo and doc[j].lower_ in ("and", ",")):
                        break
                    prev = ctx.index.by_tok.get(j - 1)
                    r2 = ctx.index.at(doc[j - 1], fallback=False) if prev is not None else None
                    if r2 is None or r2.key in exclude or any(r2.key == o.key for o in out):
                        break
                    out.append(r2)
                    sp = ctx.doc.nlp.char_span(prev[1].start, prev[1].end, alignment_mode="expand")
                    start = sp.start if sp is not None else j - 1
                return out
            i = (start - 1) if step < 0 else (first.end if first is not None else i + 1)
            limit -= 1
            continue
        if t.pos_ == "NOUN" and (deps.lemma(t) in GROUP_NOUNS or deps.lemma(t) in PEOPLE_NOUNS
                                 or deps.lemma(t) in MILITARY_CRAFT):
            # a group noun the actors stage did not resolve ("A Russian official offered ...")
            ref = ctx.index.at(t, fallback=True)
            before = doc[i - 1] if i > lo else None
            blocked = before is not None and (before.lower_ in _NOT_ROLE_PREPS or (step < 0 and before.pos_ == "ADP"))
            if ref is not None and ref.key not in exclude and not blocked and (
                    step > 0 or not (i + 1 < hi and doc[i + 1].pos_ in ("NOUN", "PROPN"))):
                if step < 0 and ref.summary.get("country") is None:
                    for k in range(i - 1, max(lo, i - 3) - 1, -1):
                        iso = demonym(doc[k])
                        if iso:  # the parse lost the modifier: "A Russian official"
                            ref.summary["country"] = iso
                            break
                return [ref]
        i += step
        limit -= 1
    return []


_WANT = frozenset(("want", "wish", "expect", "need", "prefer"))


def _wants_other(c: Cand, emb: Cand, ctx: SentenceContext) -> bool:
    """An intention verb with an actor as its object and the embedded event as that object's
    infinitive ("wants Putin to attack", "expects Iran to negotiate") is a request of that actor."""
    tok = c.tok
    if deps.lemma(tok) not in _WANT or not deps.is_verbal(tok):
        return False
    if emb.tok.head.i != tok.i or emb.tok.dep_ not in ("xcomp", "ccomp"):
        return False
    objs = [o for o in verb_objects(tok) if o.i < emb.tok.i] + [s for s in deps.subjects(emb.tok) if s.i < emb.tok.i]
    return any(ctx.index.resolve(o) is not None for o in objs)


def _root_participle(c: Cand) -> bool:
    """The sentence's main verb read as a participle modifying the subject, which the parser made
    the root ("Indian and Chinese troops clashed in the valley" as a noun phrase): for verbs that
    need no object (clash, march, withdraw, protest) and request frames with their complement, a
    sentence has no other predicate, so the verb is active and the noun its subject. A transitive
    verb without its object stays passive ("Three soldiers killed in Mali.")."""
    tok, head = c.tok, c.tok.head
    if tok.dep_ not in ("acl", "amod") or head.dep_ != "ROOT" or head.i > tok.i or not deps.is_nominal(head):
        return False
    if deps.explicit_passive(tok) or deps.objects(tok):
        return False
    if c.frame in ("appeal", "demand"):
        return not c.rule.prep or bool(deps.prep_objects(tok, c.rule.prep))
    return c.rule.symmetric or c.rule.alone or bool(c.rule.prep) or bool(c.rule.prt)


def _passive(c: Cand) -> bool:
    """Is the trigger verb passive? A request frame with its own complement ("called for a
    ceasefire", "appealed for aid") that the parser read as a reduced relative on the noun before it
    ("The United Nations called for ..." as "the Nations [that were] called ...") is active: a
    reduced passive of these verbs strands its preposition ("the truce called for by X"). Only an
    explicit passive (auxiliary, passive subject, "by" agent) counts for them."""
    tok = c.tok
    if not deps.is_passive(tok):
        return False
    if c.frame in ("appeal", "demand") and not deps.explicit_passive(tok) and (
            not c.rule.prep or deps.prep_objects(tok, c.rule.prep)):
        return False
    return not _root_participle(c)


def _ready(tok: Token) -> bool:
    """The verb is the infinitive of "ready", "willing", ... ("were ready to resume talks")."""
    return tok.dep_ == "xcomp" and tok.head.lower_ in _READY


def _carried_out_force(c, code: str) -> bool:
    """A force noun that the verb governing it carries out ("the army launched air strikes on
    positions"): an event of that verb's subject even when what it hit is no actor."""
    tok = c.tok
    return code[:2] in _FORCE and c.rule.pos == "noun" and tok.dep_ in ("obj", "dobj") \
        and deps.lemma(tok.head) in lists()["force_light_verbs"]


def _non_actor_subject(tok: Token, ctx: SentenceContext) -> bool:
    """The verb's subject is a thing or an event, not an actor ("a minefield explosion killed")."""
    subj = deps.subjects(tok)
    return bool(subj) and subj[0].pos_ == "NOUN" and ctx.index.resolve(subj[0]) is None


def _future(tok: Token) -> bool:
    """Is the (negated) event stated for the future or as something its actor cannot do ("will not
    provide", "would not allow", "cannot accept", "could not agree"): a refusal."""
    cur = tok
    for _ in range(3):
        if any(c.dep_.startswith("aux") and c.lower_ in ("will", "would", "wo", "shall", "'ll", "can", "ca", "could")
               for c in cur.children):
            return True
        if cur.dep_ not in ("xcomp", "obj", "dobj") or cur.head.i == cur.i:
            return False
        cur = cur.head
    return False


def _affiliated(speaker: dict[str, Any], actor: dict[str, Any]) -> bool:
    """Does the speaker speak for the actor ("a police spokesman" for "Kenyan police")?"""
    if speech.same_actor(speaker, actor):
        return True
    sw = set((speaker.get("name") or "").lower().split())
    aw = set((actor.get("name") or "").lower().split())
    if sw & aw - {"the", "of", "a", "and"}:
        return True
    if not speaker.get("country"):
        return False
    if actor.get("sector") in _STATE_ORGANS and actor.get("country") in (None, speaker.get("country")) \
            and _state_voice(speaker):
        # "Pakistan said its air force had shot down ...", "U.S. officials said fighter jets hit radar
        # sites", "Iranian state media said the Guards destroyed two bases": a state, its officials and
        # its state media speak for its own forces (and for forces no one else is named as owning)
        return True
    return speaker.get("country") == actor.get("country") and speaker.get("sector") == actor.get("sector")


def _state_voice(speaker: dict[str, Any]) -> bool:
    """A state, one of its organs, or its state media."""
    sector = speaker.get("sector")
    if sector is None:
        return speaker.get("kind") == "state"
    return sector in _STATE_ORGANS or sector == "MED" and "state" in (speaker.get("name") or "").lower().split()


_STATE_ORGANS = frozenset(("GOV", "MIL", "COP", "SPY"))


_FINAL = tuple('.!?:;"\'\u201d\u2019)]}\u00bb\u2026')


def _units(doc: Document) -> list[tuple[int, tuple[int, int]]]:
    """Sentences to code: a sentence that does not end in final punctuation and is followed by
    another in the same paragraph is one sentence the parser cut in two ("Prime Minister Robert
    Mugabe | today accused ..."), so they are coded together (the number is the first part's; each
    event keeps the number of the part its trigger is in)."""
    out: list[tuple[int, tuple[int, int]]] = []
    body = doc.body
    for number, s in enumerate(doc.sentences):
        if out:
            pn, (ps, pe) = out[-1]
            prev = body[ps:pe].rstrip()
            gap = body[pe:s.start]
            if prev and not prev.endswith(_FINAL) and "\n" not in gap and pe - ps < 400:
                out[-1] = (pn, (ps, s.end))
                continue
        out.append((number, (s.start, s.end)))
    return out


def code_document(doc: Document) -> list[Event]:
    sdoc = doc.nlp
    pats = load()
    index = ActorIndex(doc)
    quotes = speech.from_quotes(doc, index)
    noun_dates: dict[str, dict[str, Any]] = {}
    events: list[Event] = []
    starts = [s.start for s in doc.sentences]
    for number, (start, end) in _units(doc):
        sent = sdoc.char_span(start, end, alignment_mode="expand")
        if sent is None or not len(sent):
            continue
        cands = candidates(sent, pats)
        if not cands and _BLAME_WORDS.isdisjoint(t.lemma_ for t in sent):
            continue  # nothing to code, and no blame or reckoning a report could carry
        attach_frames(cands)
        reports = speech.from_parse(sent, index, number)
        date_at: dict[int, dates.DateExpr] = {}
        triggers = {c.tok.i for c in cands}
        for expr in dates.find(sent.text, sent.start_char, doc.published):
            span = sdoc.char_span(expr.start, expr.end, alignment_mode="expand")
            if span is None:
                continue
            anchor = span.root
            for _ in range(4):
                if anchor.i in triggers or (deps.is_verbal(anchor) and anchor.i not in {t.i for t in span}):
                    break
                if anchor.head.i == anchor.i:
                    break
                anchor = anchor.head
            date_at.setdefault(anchor.i, expr)
            if span.start - sent.start <= 2:
                date_at.setdefault(-1, expr)
        acts = frozenset(c.tok.i for c in cands if c.rule.pos == "verb" and c.code and not c.weak
                         and c.frame not in codebook.RECODE)
        ctx = SentenceContext(doc, index, sent, number, reports, quotes, date_at, noun_dates, acts)
        coded: list[dict[str, Any]] = []
        for c in cands:
            if c.absorbed or (c.frame and c.frame not in codebook.RECODE and not c.code):
                continue
            coded.extend(build(c, ctx))
        coded.extend(_speech_events(ctx, coded))
        seen = set()
        for e in coded:
            key = (e["_keys"], e["cameo"][:3])
            if key in seen:
                continue
            seen.add(key)
            st, en = e["trigger"]
            events.append(Event(
                id=f"e{len(events) + 1}", sentence=max(bisect.bisect_right(starts, st) - 1, number), trigger=Span(st, en, doc.body[st:en]),
                cameo=e["cameo"], cameo_name=e["cameo_name"], plover=e["plover"], mode=e["mode"],
                context=e["context"], goldstein=e["goldstein"], quad_class=e["quad_class"],
                source=e["source"], target=e["target"], date=e["date"], location=e["location"],
                status=e["status"], asserted_by=e["asserted_by"], rule=e["rule"]))
    return events
