"""Who acts on whom: actors at parse tokens, and the source/target of a trigger.

Actors come from the actors stage (``doc.actors`` mentions, indexed once per document by token);
where it has nothing, a NER span, a proper noun or a group noun ("police", "protesters") stands
in with country unknown."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Any

from spacy.tokens import Token

from ..model import Actor, Document, Mention
from . import deps
from .patterns import Rule, lists, load as load_patterns

# word classes of lists.yaml (see there): group nouns that act politically even when the actors stage
# did not resolve them; military craft that act for their forces ("Israeli warplanes struck ...");
# actors only when their nationality is given ("two Iraqi youths", "Iranian banks", "his Greek
# counterpart"), with the sector they then have
GROUP_NOUNS = lists()["group_nouns"]
MILITARY_CRAFT = lists()["military_craft"]
NATIONAL_NOUNS = lists()["national_nouns"]
PEOPLE_NOUNS = lists()["people_nouns"] | frozenset(NATIONAL_NOUNS)


def demonym(word) -> str | None:
    """ISO3 of a country name or demonym adjective (a word, or a token: then not the second word of a
    region such as "Latin American"), from the actors knowledge base."""
    if not isinstance(word, str):
        if word.i > 0 and _is_region(f"{word.doc[word.i - 1].text} {word.text}"):
            return None
        word = word.text
    if not word[:1].isupper():
        return None
    return _country_of(word)


@functools.lru_cache(maxsize=1024)
def _is_region(phrase: str) -> bool:
    from ..actors import load_kb
    from ..actors.kb import norm
    return norm(phrase) in load_kb().attributes


@functools.lru_cache(maxsize=4096)
def _country_of(word: str) -> str | None:
    from ..actors import load_kb
    return load_kb().country_of(word)


@dataclass(slots=True)
class Ref:
    """An actor found at a token: the summary used in events, and a key for comparing."""
    summary: dict[str, Any]
    key: str
    tok: Token
    kind: str = ""


_PURPOSE_VERBS = frozenset(lists()["purpose_verbs"])
_PAIR_NOUNS = frozenset(("men", "women", "leaders", "ministers", "presidents", "officials", "envoys"))


class ActorIndex:
    """Token index -> actor mention, built once per document."""

    def __init__(self, doc: Document):
        self.doc = doc
        sdoc = doc.nlp
        self.by_tok: dict[int, tuple[Actor, Mention]] = {}
        for actor in doc.actors:
            for m in actor.mentions:
                span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
                if span is None:
                    continue
                for t in span:
                    old = self.by_tok.get(t.i)
                    if old is None or (m.end - m.start) > (old[1].end - old[1].start):
                        self.by_tok[t.i] = (actor, m)
        self.ent_by_tok = {}
        for ent in sdoc.ents:
            for t in ent:
                self.ent_by_tok[t.i] = ent
        self.has_actors = bool(doc.actors)

    # -- single tokens -------------------------------------------------------------------------
    def at(self, tok: Token, fallback: bool = True) -> Ref | None:
        hit = self.by_tok.get(tok.i) or self._titled(tok)
        if hit is not None:
            actor, _ = hit
            return Ref(actor.summary(), actor.id or actor.name.lower(), tok, actor.kind)
        if not fallback:
            return None
        ent = self.ent_by_tok.get(tok.i)
        if ent is not None and (not self.has_actors or ent.label_ in ("PER", "PERSON", "ORG", "NORP", "GPE", "LOC")):
            if ent.label_ in ("DATE", "TIME", "MONEY", "PERCENT", "CARDINAL", "ORDINAL", "QUANTITY"):
                return None
            if ent.label_ in ("LOC", "GPE") and (ent[-1].lower_ in WATERS or ent[0].lower_ in WATERS or (
                    len(ent) > 1 and ent[0].lower_ == "the" and ent[1].lower_ in WATERS)):
                return None  # "fired missiles into the Yellow Sea", "in the Gulf of Oman": a place, no party
            ref = _pseudo(ent.text, tok, "place" if ent.label_ in ("LOC", "GPE") else "")
            if deps.lemma(tok) in MILITARY_CRAFT and ent.root.i == tok.i:  # "an Israeli tank" tagged as a name
                country = next((iso for w in ent if w.i < tok.i and (iso := demonym(w))), None)
                if country:
                    ref.summary.update(country=country, sector="MIL")
            return ref
        if tok.pos_ == "PROPN" and not self.has_actors:
            left = tok
            while left.i > 0 and left.nbor(-1).pos_ == "PROPN" and left.nbor(-1).head == tok:
                left = left.nbor(-1)
            return _pseudo(tok.doc[left.i:tok.i + 1].text, tok, "")
        lem = deps.lemma(tok)
        if lem in MILITARY_CRAFT and tok.pos_ == "NOUN":
            mods = [c for c in tok.lefts if c.dep_ in deps.MODS and c.i >= tok.i - 3]
            country = next((iso for c in mods for k in [c] + [x for x in c.children if x.dep_ == "conj"]
                            if (iso := demonym(k))), None)
            if country is None:
                return None  # an actor only when it is said whose it is ("French warships")
            lo = _phrase_start(mods, tok)
            ref = _pseudo(tok.doc[lo:tok.i + 1].text, tok, "group")
            ref.summary.update(country=country, sector="MIL")
            return ref
        if tok.tag_ == "NN" and lem == "force" and not any(c.dep_ in ("det", "nmod:poss", "poss") for c in tok.children):
            return None  # "use force", "by force": the mass noun, not "the force" or "a UN force"
        if (lem in GROUP_NOUNS or lem in PEOPLE_NOUNS) and (tok.pos_ in ("NOUN", "PROPN") or (
                tok.pos_ == "ADJ" and tok.dep_ in _ARG_DEPS)):
            # (an argument head tagged as an adjective is a noun: "arrested a Pakistani national")
            mods = [c for c in tok.lefts if c.dep_ in deps.MODS and c.i >= tok.i - 3]
            lo = _phrase_start(mods, tok)
            country = next((iso for c in mods if (iso := demonym(c))), None)
            if deps.lemma(tok) in PEOPLE_NOUNS and country is None:
                return None  # "people", "youths": an actor only with a nationality ("Iraqi youths")
            ref = _pseudo(tok.doc[lo:tok.i + 1].text, tok, "group")
            ref.summary["country"] = country
            if country and lem in PEOPLE_NOUNS:
                ref.summary["sector"] = NATIONAL_NOUNS.get(lem, "CVL")
            return ref
        return None

    def _titled(self, tok: Token):
        """A title word the parse hung on (or over) a named person is that person: "President" in
        "said President Nicolas Maduro had won" (a modifier of the name), "Secretary" in "U.S.
        Secretary of State Antony Blinken welcomed" (the name parsed as its modifier)."""
        if tok.pos_ not in ("PROPN", "NOUN") or not tok.text[:1].isupper():
            return None
        head = tok.head
        if tok.dep_ in ("nmod:desc", "compound", "flat", "appos") and 0 < head.i - tok.i <= 3:
            hit = self.by_tok.get(head.i)
            if hit is not None and hit[0].kind == "person":
                return hit
        for c in tok.rights:
            if c.dep_ in ("nmod", "appos", "flat", "flat:name") and c.i <= tok.i + 4:
                hit = self.by_tok.get(c.i)
                # "of" may belong to the title ("Secretary of State X"), not lead to the person
                if hit is not None and hit[0].kind == "person" and not any(
                        k.dep_ == "case" and not tok.i < k.i < c.i - 1 for k in c.children):
                    return hit
        return None

    def resolve(self, tok: Token, depth: int = 0) -> Ref | None:
        """The actor a noun phrase headed by ``tok`` refers to (its head, modifiers, "of" part)."""
        if depth > 3:
            return None
        if tok.lower_ in deps.RELPRON and tok.head.dep_ in ("acl:relcl", "relcl", "acl"):
            return self.resolve(tok.head.head, depth + 1)
        words = lists()
        if deps.lemma(tok) in words["quantity"] or tok.pos_ == "NUM":
            for p, n in deps.preps(tok):
                if p == "of":
                    return self.resolve(n, depth + 1)
        ref = self.at(tok, fallback=False)
        if ref is not None and ref.kind == "state" and tok.i > 0:
            prev = self.by_tok.get(tok.i - 1)  # "Amnesty International Kenya": the organisation's branch
            if prev is not None and prev[0].kind == "organization" and tok.doc[tok.i - 1].head.i == tok.i \
                    and (prev[0].country in ("NGO", "IGO") or prev[0].sector in ("NGO", "IGO")):
                return self.at(tok.doc[tok.i - 1], fallback=False) or ref
        if ref is not None:
            return ref
        if tok.pos_ == "PRON":
            return self.pronoun(tok)
        nxt = self.by_tok.get(tok.i + 1) if tok.i + 1 < len(tok.doc) else None
        if nxt is not None and nxt[0].kind == "person" and (
                tok.doc[tok.i + 1].head == tok.head and tok.doc[tok.i + 1].dep_ == tok.dep_
                or tok.pos_ == "NOUN" and tok.doc[tok.i + 1].head.i != tok.i and self.at(tok, fallback=False) is None
                and tok.doc[tok.i + 1].idx == nxt[1].start):
            # "Spokesman Lin Jian urged ..." parsed as two subjects, "detained opposition leader Aung San
            # Suu Kyi" with the name hung elsewhere: the title is the person's
            return self.at(tok.doc[tok.i + 1], fallback=False)
        if tok.pos_ == "NOUN":  # "the US commander in Iraq, General David Petraeus": the person
            for c in tok.rights:
                if c.dep_ == "appos":
                    ref = self.at(c, fallback=False)
                    if ref is not None:
                        return Ref(ref.summary, ref.key, tok, ref.kind)
        # modifiers naming the actor: "US troops", "Iranian operatives", "the U.S.-led invasion"
        for c in tok.lefts:
            if c.dep_ in deps.MODS or c.dep_ in ("amod", "compound"):
                ref = self.at(c, fallback=False)
                if ref is not None:
                    return Ref(ref.summary, ref.key, tok, ref.kind)
                for cc in c.children:
                    r2 = self.at(cc, fallback=False)
                    if r2 is not None:
                        return Ref(r2.summary, r2.key, tok, r2.kind)
        iso = demonym(tok) if tok.pos_ in ("PROPN", "ADJ", "NOUN") else None
        for c in (tok.children if iso else ()):
            # "Qatari and Egyptian mediators" parsed with "Qatari" a conjunct of "mediators": the
            # Qatari ones
            if c.dep_ == "conj" and c.tag_ in ("NNS", "NNPS") and c.i <= tok.i + 4:
                other = self.resolve(c, depth + 1)
                if other is not None:
                    return _per_country(other, tok, [(iso, f"{tok.text} {c.text}")])[0]
        ref = self.at(tok, fallback=True)
        if ref is not None:
            return ref
        for c in tok.lefts:  # "the Cambodian refugee camp": the refugees
            if c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") and deps.lemma(c) in GROUP_NOUNS:
                ref = self.at(c, fallback=True)
                if ref is not None:
                    if ref.summary.get("country") is None:
                        ref.summary["country"] = next((iso for m in tok.lefts if m.dep_ in deps.MODS and m.i < c.i
                                                       and (iso := demonym(m))), None)
                    return ref
        for c in tok.rights:  # "the organization Amnesty International", "his rival, Elias Hrawi"
            if c.dep_ in ("appos", "flat", "flat:name") and c.i <= tok.i + 4:
                ref = self.at(c, fallback=False)
                if ref is not None:
                    return Ref(ref.summary, ref.key, tok, ref.kind)
        for p, n in deps.preps(tok):
            if p == "of":
                return self.resolve(n, depth + 1)
        if tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in deps.SUBJ and tok.tag_ in ("NNS", "NNPS"):
            # a plural subject named by its nationality: "Kurdish tribesmen attacked ...", "Iraqi Kurds"
            mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound") and c.i >= tok.i - 3]
            country = next((iso for c in mods if (iso := demonym(c))), None)
            if country:
                lo = _phrase_start(mods, tok)
                ref = _pseudo(tok.doc[lo:tok.i + 1].text, tok, "group")
                ref.summary["country"] = country
                return ref
        for c in tok.children:  # "Belarus's rulers": the possessor stands for them
            if c.dep_ in deps.POSS and c.pos_ == "PROPN":
                ref = self.at(c, fallback=False)
                if ref is not None:
                    return Ref(ref.summary, ref.key, tok, ref.kind)
        return None

    def pronoun(self, tok: Token) -> Ref | None:
        """An unlinked pronoun subject in what someone says is the speaker ("Israel announced it
        would free ...", "Zebari told Reuters he was pressing ...")."""
        if tok.lower_ not in ("he", "she", "it", "they", "we", "i", "its", "their", "our", "his", "her"):
            return None  # possessives too: "the military said its aircraft struck ..."
        if tok.lower_ == "it" and tok.dep_ not in deps.SUBJ:
            return None  # "gunmen stormed it, a commander said": an object "it" is a thing, not the speaker
        if tok.lower_ in ("their", "its") and self._own_subject(tok):
            return None  # "said both sides had broken their commitments": theirs, the sides', not the speaker's
        cur = tok.head
        for _ in range(4):
            if cur.head.i == cur.i and cur.dep_ != "ccomp":
                return None
            if cur.dep_ in ("ccomp", "parataxis") and deps.is_verbal(cur.head) and deps.lemma(cur.head) in lists()["say_verbs"]:
                said = cur.head
                subjects = deps.subjects(said)
                if not subjects and (said.dep_ in ("advcl", "conj", "xcomp") or said.dep_ == "ccomp" and said.tag_ == "VBG") \
                        and deps.is_verbal(said.head):
                    subjects = deps.subjects(said.head)  # "X said, warning Israel that it ...": X warns
                if not subjects and said.i > 0:
                    # the speaker misparsed ("Uganda said ..." with "Uganda" as an adverb): the
                    # nearest actor right before the speech verb
                    j = said.i - 1
                    while j >= max(0, said.i - 4) and j not in self.by_tok:
                        j -= 1
                    if j >= 0 and j in self.by_tok and tok.doc[j].sent == said.sent:
                        subjects = [tok.doc[j]]
                for s in subjects:
                    if s.i == tok.i:
                        continue
                    r = self.resolve(s, 2)
                    if r is None:
                        return None
                    person = tok.lower_ in ("he", "she", "i", "his", "her")
                    if person == (r.kind == "person") or tok.lower_ in ("they", "we", "their", "our"):
                        return r
                return None
            cur = cur.head
        return None

    def _own_subject(self, tok: Token) -> bool:
        """The possessive's own clause has a noun subject of its number that is no actor."""
        verb = tok.head.head if tok.head.head.i != tok.head.i else None
        if verb is None or not deps.is_verbal(verb) or tok.head.dep_ not in deps.OBJ:
            return False
        plural = tok.lower_ == "their"
        subj = deps.subjects(verb) + [k for a in verb.children if a.dep_.startswith("aux") for k in a.children
                                      if k.dep_ in deps.SUBJ]  # "sides" hung on "had" of "had broken"
        return any(s.pos_ == "NOUN" and (s.tag_ == "NNS") == plural and self.resolve(s, 2) is None for s in subj)

    def speakers(self, tok: Token) -> list[Ref]:
        """"Egypt and Qatar said they would host ...": a plural pronoun subject of what a coordination
        says is every conjunct (coreference links the pronoun to the first one only)."""
        if tok.lower_ not in ("they", "we") or tok.dep_ not in deps.SUBJ:
            return []
        cur = tok.head
        while cur.dep_ == "conj" and cur.head.i != cur.i:
            cur = cur.head
        if cur.dep_ not in ("ccomp", "parataxis") or deps.lemma(cur.head) not in lists()["say_verbs"]:
            return []
        subjects = [s for s in deps.subjects(cur.head) if s.i < tok.i]
        if len(subjects) != 1 or not any(c.dep_ == "conj" for c in subjects[0].children):
            return []
        out = self.resolve_all(subjects[0])
        return out if len(out) > 1 else []

    def pair(self, tok: Token) -> list[Ref]:
        """"the two", "both men", "the two leaders" as a subject: the last two distinct persons named
        before, in this sentence or the one before. ("both sides", "the two countries" are left alone:
        the parties of a conflict are often not the last two named.)"""
        if tok.dep_ not in deps.SUBJ:
            return []
        low = tok.lower_
        if low == "two":
            ok = any(c.lower_ == "the" for c in tok.children)
        else:
            ok = low == "both" or low in _PAIR_NOUNS and any(
                c.lower_ in ("two", "both") and c.i < tok.i for c in tok.children)
        if not ok:
            return []
        lo = tok.sent.start
        if lo > 0:
            lo = tok.doc[lo - 1].sent.start
        seen: list[Actor] = []
        for i in range(tok.i - 1, lo - 1, -1):
            hit = self.by_tok.get(i)
            if hit is not None and hit[0].kind == "person" and all(hit[0] is not a for a in seen):
                seen.append(hit[0])
                if len(seen) == 2:
                    return [Ref(a.summary(), a.id or a.name.lower(), tok, a.kind) for a in reversed(seen)]
        return []

    def resolve_all(self, tok: Token) -> list[Ref]:
        both = self.pair(tok) or self.speakers(tok)
        if both:
            return both
        if tok.lower_ in deps.RELPRON and tok.head.dep_ in ("acl:relcl", "relcl") and tok.head.head.i < tok.i:
            conj = deps.conjuncts(tok.head.head)
            if len(conj) > 1 and conj[-1].i < tok.head.i:  # "Saudi Arabia and the United States, which
                return self.resolve_all(tok.head.head)  # brokered the truce": both of them
        out = []
        for t in deps.conjuncts(tok):
            r = self.resolve(t)
            for x in (self._by_origin(t, r) or _by_nationality(t, r) if r is not None else ()):
                if all(x.key != o.key for o in out):
                    out.append(x)
        return out

    def _by_origin(self, tok: Token, ref: Ref) -> list[Ref]:
        """One actor per state of a group named by coordinated states after "from"/"of" ("diplomats
        from Armenia and Azerbaijan", "the foreign ministers of Japan and South Korea"): the actors
        stage gives the phrase one actor, with the country of one of them. [] when it is no such phrase."""
        if ref.kind == "state" or ref.summary.get("actor") is None:
            return []
        for c in tok.children:
            if c.dep_ != "nmod" or c.i < tok.i or not any(k.dep_ == "case" and k.lower_ in ("from", "of") for k in c.children):
                continue
            states: list[Ref] = []
            for k in [c] + deps.conjuncts(c)[1:]:
                r = self.at(k, fallback=False)
                if r is not None and r.kind == "state" and r.summary.get("country") \
                        and all(r.summary["country"] != o.summary["country"] for o in states):
                    states.append(r)
            old = ref.summary.get("country")
            if len(states) < 2 or old is not None and all(old != o.summary["country"] for o in states):
                continue
            base = ref.summary.get("name") or tok.text
            return _per_country(ref, tok, [(o.summary["country"], f"{base} of {o.summary['name']}") for o in states])
        return []

    def owner(self, tok: Token) -> list[Ref]:
        """The actor a noun belongs to: possessor, "by X", or an actor modifier."""
        for c in tok.children:
            if c.dep_ in deps.POSS:
                return self.resolve_all(c)
        for p, n in deps.preps(tok):
            if p == "by":
                return self.resolve_all(n)
        itself = self.at(tok, fallback=False)
        for c in tok.lefts:
            if c.dep_ in ("det", "case", "punct", "nummod"):
                continue
            r = self.at(c, fallback=c.pos_ in ("NOUN", "PROPN") and c.dep_ == "compound")
            if r is not None and itself is not None and r.key == itself.key and not demonym(c):
                continue  # "air" of "air strikes": the noun's own mention, not an owner
            if r is not None:
                return [r]
            for cc in c.children:
                r = self.at(cc, fallback=False)
                if r is not None:
                    return [r]
            if c.dep_ == "amod" and c.i >= tok.i - 3 and (iso := demonym(c)):
                return [self.country(iso, c)]  # "the Israeli air strikes": Israel's
        return []

    def holder(self, tok: Token) -> list[Ref]:
        """The actor holding a position, base or area: "positions held by the RSF", "towns controlled
        by rebels" (lists.yaml ``holding_verbs``), "Pakistani territory" (``territory_nouns``)."""
        held = lists()["holding_verbs"]
        for c in tok.children:
            if c.dep_ == "acl" and c.tag_ == "VBN" and deps.lemma(c) in held:
                for n in deps.prep_objects(c, ("by",)):
                    found = self.resolve_all(n)
                    if found:
                        return found
        if deps.lemma(tok) in lists()["territory_nouns"]:  # "attacks on Pakistani territory": Pakistan's
            for c in tok.children:
                if c.dep_ == "amod" and c.i < tok.i and (iso := demonym(c)):
                    return [self.country(iso, c)]
        return []

    def country(self, iso: str, tok: Token) -> Ref:
        """The state ``iso`` (the document's actor for it when there is one) at ``tok``."""
        for a in self.doc.actors:
            if a.kind == "state" and a.country == iso:
                return Ref(a.summary(), a.id or a.name.lower(), tok, a.kind)
        ref = _pseudo(tok.text, tok, "state")
        ref.summary.update(country=iso, code=iso)
        ref.key = "~" + iso.lower()
        return ref

    def first_in(self, tokens, exclude: set[str]) -> list[Ref]:
        for t in tokens:
            if t.pos_ in ("PRON",) and t.lower_ not in deps.PRON_PERSON:
                continue
            r = self.at(t, fallback=True)
            if r is not None and r.key not in exclude:
                return [r]
        return []


_ARG_DEPS = deps.SUBJ | deps.PASS_SUBJ | deps.OBJ | deps.IOBJ


def _by_nationality(tok: Token, ref: Ref) -> list[Ref]:
    """One actor per nationality of a noun with coordinated nationality modifiers ("Ethiopian and
    Eritrean officials", "US and British activists"): each country's group acts (the actors stage
    gives the phrase one actor, with one of the countries)."""
    mods = [c for c in tok.lefts if c.dep_ in ("amod", "compound", "nmod") and demonym(c)]
    for c in tok.lefts:
        if c.dep_ not in ("amod", "compound", "nmod"):
            continue
        if any(k.dep_ == "conj" for k in c.children):
            members = deps.conjuncts(c) + [k for k in c.children if k.dep_ == "conj"]
        elif mods and c.i == mods[0].i:
            # "Chinese and Indian commanders" parsed as two modifiers of the noun, "and" on the noun
            members = [m for m in mods if any(x.lower_ in ("and", "or") for x in tok.doc[c.i:m.i])] + [c]
        else:
            continue
        isos: list[tuple[str, Token]] = []
        for k in sorted(members, key=lambda k: k.i):
            iso = demonym(k)
            if iso and all(iso != i for i, _ in isos):
                isos.append((iso, k))
        old = ref.summary.get("country")
        if len(isos) < 2 or (old is not None and all(old != i for i, _ in isos)):
            continue
        return _per_country(ref, tok, [(iso, f"{k.text} {tok.text}") for iso, k in isos])
    return [ref]


def _per_country(ref: Ref, tok: Token, countries: list[tuple[str, str]]) -> list[Ref]:
    """The actor ``ref`` once per (country, name): its own country keeps the actor, the others become
    a group of that country with the same sector (code rebuilt from the country)."""
    old = ref.summary.get("country")
    out = []
    for iso, name in countries:
        summ = dict(ref.summary)
        if iso != old:
            code = summ.get("code") or ""
            code = iso + code[len(old):] if old and code.startswith(old) else iso + (summ.get("sector") or "")
            summ.update(actor=None, country=iso, name=name, code=code)
        out.append(Ref(summ, ref.key if iso == old else f"{ref.key}:{iso}", tok, ref.kind))
    return out


def _phrase_start(mods: list[Token], tok: Token) -> int:
    """The first word of a group's name from its modifiers: not an adverb or a conjunction the
    parse hung on the noun ("Meanwhile Israeli aircraft struck ...")."""
    return min((c.i for c in mods if c.pos_ not in ("ADV", "CCONJ", "SCONJ", "INTJ", "PUNCT")), default=tok.i)


def _pseudo(name: str, tok: Token, kind: str) -> Ref:
    name = name.strip()
    return Ref({"actor": None, "name": name, "country": None, "sector": None, "code": None},
               "~" + name.lower(), tok, kind)


# -- roles of a trigger -----------------------------------------------------------------------------
_OBJ_CONTROL = lists()["object_control_verbs"]
# verbs whose object did the act named after "for"/"of": "blamed the army for the raid"
_BLAME = lists()["blame_verbs"]


_ANSWER_NOUNS = lists()["answer_nouns"]
WATERS = lists()["water_words"]
ATTACK_NOUNS = lists()["attack_nouns"]
_INQUIRY_NOUNS = lists()["inquiry_nouns"]
_RESPOND_VERBS = lists()["respond_verbs"]
_REACTION = lists()["reaction_words"]
_MODALS = frozenset(("would", "will", "could", "can", "may", "might", "should", "shall", "must"))
SUBORDINATORS = frozenset(("after", "before", "when", "since", "until", "till", "as", "while", "because",
                            "once", "unless", "though", "although", "whereas"))


def misparsed_clause_subject(tok: Token) -> Token | None:
    """The subject of a finite verb that the parser left without one because it read the
    subordinating word as a preposition: "residents fled after [the army] shelled the town", with
    "the army" an oblique of "fled" ("after" its case) and "shelled" a bare clause."""
    if tok.i == 0 or tok.tag_ not in ("VBD", "VBZ", "VBP") and not (
            tok.tag_ == "VBN" and deps.objects(tok) and not deps.has_aux(tok)):
        return None  # a bare participle with an object is a past tense read wrong ("after jets bombed what")
    n = tok.doc[tok.i - 1]
    if not deps.is_nominal(n) or n.dep_ not in ("obl", "nmod", "obj", "dobj", "pobj") or n.head.i == tok.i:
        return None
    if not any(c.dep_ in ("case", "mark") and c.lower_ in SUBORDINATORS and c.i < n.i for c in n.children):
        return None
    return n


def controller(tok: Token, index: ActorIndex, depth: int = 0) -> list[Ref]:
    """Subject of a verb without one: from the verb it depends on (xcomp, conj, advcl, acl, pcomp)."""
    if depth > 6:
        return []
    head = tok.head
    if head.i == tok.i:
        return []
    if depth == 0:
        n = misparsed_clause_subject(tok)
        if n is not None:
            return index.resolve_all(n)
    dep = tok.dep_.lower()
    if dep in ("acl:relcl", "relcl"):
        return index.resolve_all(head)
    if deps.second_charge(tok, _BLAME) and deps.objects(head):
        # "accused Belarus of escorting migrants ... and helping them cut through": the one accused
        return index.resolve_all(deps.objects(head)[0])
    if depth == 0 and dep == "advcl" and tok.tag_ == "VBG" and head.dep_ == "advcl" and tok.i > 0 \
            and tok.doc[tok.i - 1].text == "," and any(k.dep_ == "mark" and k.lower_ in _WHILE for k in head.children):
        # "police opened fire on protesters as lawmakers passed a bill, killing five": the
        # participle after the comma goes with the main clause, not with the "as" clause (nor with
        # a relative clause the "as" clause hangs on)
        v = head.head
        for _ in range(6):
            if v.head.i == v.i or v.dep_ not in ("acl:relcl", "relcl", "acl", "advcl", "obl", "obj", "nmod"):
                break
            v = v.head
        subj = deps.subjects(v) if deps.is_verbal(v) else []
        if subj and (deps.lemma(v) in _VIOLENT or any(deps.lemma(o) == "fire" for o in deps.objects(v))):
            return index.resolve_all(subj[0])
        # (a main clause of no violence leaves it to the "as" clause: "declared an emergency as
        # bushfires moved towards Melbourne, destroying homes")
    if deps.is_nominal(head) and (dep == "conj" or tok.tag_ in ("VBD", "VBZ", "VBP") and dep in ("acl", "amod")):
        # a finite verb hanging on a noun is that noun's predicate: "Peru and Bolivia signed" parsed
        # as a conjunct of "Peru", "Chile's foreign minister urged" as a modifier of "minister"
        found = index.resolve_all(head)
        if found:
            return found
    if deps.is_nominal(head) and dep in ("nmod", "acl", "obl") and (tok.tag_ == "VBG" or tok.lower_.endswith("ing")) \
            and any(k.lower_ in ("of", "for", "in") for k in tok.children if k.dep_ in ("case", "mark")):
        found = index.resolve_all(head)
        if found:
            return found  # "accused the Qods Force of arming ..." with "arming" attached to the noun
        if deps.is_verbal(head.head) and deps.lemma(head.head) in _OBJ_CONTROL and head.dep_ in ("obj", "dobj"):
            return []  # "accusing both sides of violating the truce": the sides, no actor, did it
    if dep == "acl" and deps.is_nominal(head):
        if tok.tag_ == "VBG":
            found = index.resolve_all(head)  # "militias attacking soldiers"
            if found:
                return found
            return index.owner(head) or controller_of_noun(head, index, depth + 1, act=tok)
        if deps.subordinate_past(tok):
            return index.resolve_all(head)  # "a day after Indian warplanes bombed ...": a clause, not a modifier
        if tok.tag_ == "VBN" and not deps.objects(tok):
            return []  # "troops sent to Iraq": the noun is the patient
        if tok.tag_ == "VBN":
            return index.resolve_all(head)  # misattached active verb: "Najjar dismissed ... accusations"
        if tok.tag_ == "VB" and head.dep_ in ("obj", "dobj") and deps.lemma(head.head) in _PURPOSE_VERBS \
                and deps.subjects(head.head):
            # "summoned the Russian ambassador to protest against the deal": the summoner's purpose
            return index.resolve_all(deps.subjects(head.head)[0])
        if tok.tag_ == "VB" and head.dep_ in ("obj", "dobj", "iobj") and (
                deps.lemma(head) in GROUP_NOUNS or deps.lemma(head) in PEOPLE_NOUNS):
            # "recruited a Ukrainian teenager to set fire": the people named act, not the recruiter
            return index.resolve_all(head)
        own = index.owner(head)  # "Iran's plans to send", "plans ... announced by X"
        return own or controller_of_noun(head, index, depth + 1)
    if deps.is_nominal(head) and dep in ("obl", "nmod", "acl", "pcomp", "prep", "advcl"):
        own = index.owner(head)
        if own:
            return own
        for p, n in deps.preps(head):
            if p == "of" and n.i != tok.i:
                r = index.resolve_all(n)
                if r:
                    return r
        return controller_of_noun(head, index, depth + 1)
    if deps.is_verbal(head) and dep == "conj" and tok.tag_ == "VBD" and head.tag_ == "VB" and head.dep_ == "ccomp" \
            and any(k.dep_ == "aux" and k.lower_ in _MODALS for k in head.children) and deps.subjects(head.head):
        # "X said the military would form a government and urged protesters to go home": a past tense
        # is no conjunct of what "would" happen; it is the speaker's second act
        return index.resolve_all(deps.subjects(head.head)[0])
    if deps.is_verbal(head) and dep == "conj" and tok.tag_ in ("VBD", "VBZ", "VBP") and head.tag_ in ("VBG", "VB") \
            and not deps.has_aux(head):
        # "accused Washington of plotting a coup and vowed to crush ...": a finite verb is no conjunct
        # of a gerund or an infinitive; it goes with the finite clause above them
        up = head
        for _ in range(4):
            if up.head.i == up.i:
                break
            up = up.head
            if up.tag_ in ("VBD", "VBZ", "VBP") or deps.has_aux(up):
                subj = deps.subjects(up)
                if subj:
                    return index.resolve_all(subj[0])
                break
    if deps.is_verbal(head):
        # a participle set off by a comma ("..., accusing them of spying") is no controlled complement
        aside = dep == "advcl" and tok.tag_ == "VBG" and tok.i > 0 and tok.doc[tok.i - 1].text == ","
        if aside and head.dep_ in ("xcomp", "advcl", "acl") and not deps.subjects(head) \
                and any(k.dep_ == "mark" and k.lower_ == "to" for k in head.children):
            # "ordered the diplomats to leave within 72 hours, accusing them of ...": a participle set
            # off by a comma after an infinitive is the main clause's, not the infinitive's
            main = head.head
            if head.dep_ == "acl" and main.dep_ in ("obj", "dobj", "iobj"):
                main = main.head  # "urged the rebels to lay down their arms, promising an amnesty"
            subj = deps.subjects(main) if deps.is_verbal(main) else []
            if subj:
                return index.resolve_all(subj[0])
        if dep in ("xcomp", "advcl", "obl", "pcomp", "prep", "ccomp") and deps.lemma(head) in _OBJ_CONTROL \
                and not aside:
            objs = deps.objects(head)
            if objs:
                return index.resolve_all(objs[0])
        if hazard_controlled(tok):
            return []  # "declared an emergency as fires swept the hills, destroying homes": the fires did
        if dep == "xcomp" and deps.is_passive(head):
            ps = deps.pass_subjects(head)  # "Marcos is expected to visit Tokyo", "he was forced to resign"
            if ps:
                return index.resolve_all(ps[0])
        subj = deps.subjects(head)
        if subj and dep != "ccomp":
            return index.resolve_all(subj[0])
        if subj and dep == "ccomp" and tok.tag_ == "VBG" and tok.i > 0 and tok.doc[tok.i - 1].text == "," \
                and deps.lemma(head) in lists()["say_verbs"] and tok.i > head.i:
            return index.resolve_all(subj[0])  # "X said, warning Israel that ...": a participle misread as what was said
        if deps.is_passive(head):
            active = deps.objects(tok) or any(k.dep_ == "xcomp" for k in tok.children) \
                or deps.prep_objects(tok, ("on", "for"))
            if dep == "conj" and head.dep_ == "ccomp" and active and not deps.is_passive(tok) \
                    and deps.is_verbal(head.head) and deps.subjects(head.head):
                # "officials said 27 people were killed ... and accused Baku of ...", "said demonstrators
                # had been beaten by masked men and called on the government to ...": an active verb
                # coordinated with a reported passive is the speaker's second act
                return index.resolve_all(deps.subjects(head.head)[0])
            agents = deps.prep_objects(head, ("by",))
            if agents and dep in ("xcomp", "advcl", "conj"):
                return index.resolve_all(agents[0])
        if dep == "ccomp":
            return []
        return controller(head, index, depth + 1)
    if head.pos_ == "ADJ":
        # the subject of an adjective predicate: "France is ready to contribute troops", "both
        # sides are guilty of violating the ceasefire"
        subj = deps.subjects(head)
        if subj:
            return index.resolve_all(subj[0])
    # adjectives/adverbs/prepositions between ("stopped short of ordering")
    return controller(head, index, depth + 1)


def hazard_controlled(tok: Token) -> bool:
    """Is the participle ``tok`` ("..., destroying homes") what a natural or social hazard (lists.yaml
    ``hazards``) did: the subject of the verb it hangs on, or of a clause of that verb between the two
    ("declared an emergency as fires swept the hills, destroying homes")?"""
    head = tok.head
    if tok.tag_ not in ("VBG", "VBN") or tok.dep_ not in ("advcl", "conj", "xcomp") or head.i == tok.i \
            or not deps.is_verbal(head):
        return False
    hazards = lists()["hazards"]
    if any(deps.lemma(s) in hazards for s in deps.subjects(head)):
        return True
    return tok.dep_ == "advcl" and any(
        k.dep_ == "advcl" and head.i < k.i < tok.i and any(deps.lemma(s) in hazards for s in deps.subjects(k))
        for k in head.children)


# prepositions of a noun that sets the scene of a clause, not an act of its subject
_CIRCUMSTANCE = lists()["circumstance_preps"]
_REASON_PREPS = _CIRCUMSTANCE | {"over"}
_WHILE = frozenset(("as", "while", "when", "whilst"))
_VIOLENT = frozenset(lists()["violent_verbs"])


def _mutual(noun: Token) -> bool:
    """An act whose parties act on each other (fighting, clashes, talks), by its patterns."""
    pats = load_patterns()
    rules = [r for lem in {deps.lemma(noun), noun.lower_}
             for r in pats.nouns.get(pats.noun_forms.get(lem, lem), ()) + pats.verbs.get(pats.verb_forms.get(lem, lem), ())]
    return any(r.symmetric for r in rules)


def controller_of_noun(noun: Token, index: ActorIndex, depth: int = 0, act: Token | None = None) -> list[Ref]:
    """Source of an action noun from the verb that governs it ("Obama ordered air strikes"); ``act``
    is the event word when the noun only holds it ("five weeks of fighting")."""
    subj = deps.nominal_subject(noun)
    if subj is not None:
        return index.resolve_all(subj)  # "Germany voiced support" parsed with support as the predicate
    cur = noun
    for _ in range(5):
        head = cur.head
        if head.i == cur.i:
            return []
        dep = cur.dep_.lower()
        if (deps.lemma(head) in _REACTION or head.lower_ in _REACTION) and dep not in ("obj", "dobj") \
                and dep not in deps.SUBJ:
            return []  # "was deeply concerned by the arrests": what the one who feels it reacts to
        if deps.is_verbal(head):
            if dep in deps.SUBJ:
                return []
            if dep in deps.PASS_SUBJ:
                agents = deps.prep_objects(head, ("by",))
                return index.resolve_all(agents[0]) if agents else []
            if deps.lemma(head) in lists()["foreign_act_verbs"]:
                return []  # "police foiled a plot to kill the president": not the police's act
            if deps.lemma(head) in _RESPOND_VERBS and any(k.dep_ == "case" and k.lower_ in ("to", "against", "for")
                                                         for k in cur.children):
                return []  # "would respond to any assault on its citizens": the other side's act
            if dep in ("obl", "nmod", "advcl", "prep", "pobj") and deps.lemma(head) in lists()["say_verbs"]:
                # "X and Y agreed to a truce, mediators announced, after five weeks of fighting": not the
                # speakers' act; a mutual one is the reported parties'
                said = [c for c in head.children if c.dep_ == "ccomp" and deps.subjects(c)]
                if not said and head.dep_ in ("conj", "parataxis") and deps.subjects(head.head):
                    said = [head.head]  # "X agreed to a truce, mediators announced" parsed as a conjunct
                if said and _mutual(act if act is not None else noun):
                    return index.resolve_all(deps.subjects(said[0])[0])
            if dep in ("obl", "nmod", "advcl", "prep", "pobj") and any(
                    k.dep_ in ("case", "mark") and k.lower_ in _CIRCUMSTANCE for k in cur.children) \
                    and not _mutual(act if act is not None else noun):
                # "the government ordered patrols after violent protests": someone else's act; but
                # "agreed to a truce after five weeks of fighting" (a mutual act): the subject took part
                return []
            if deps.lemma(head) in _BLAME and dep in ("obl", "nmod", "prep", "pobj") and deps.objects(head) \
                    and any(k.dep_ == "case" and k.lower_ in ("for", "of") for k in cur.children):
                return index.resolve_all(deps.objects(head)[0])  # "blamed the army for the raid": the army's
            subj = deps.subjects(head)
            if subj:
                return index.resolve_all(subj[0])
            return controller(head, index, depth + 1)
        if deps.is_nominal(head) and deps.lemma(head) in _INQUIRY_NOUNS and any(
                k.dep_ == "case" and k.lower_ in ("into", "of", "on", "over") for k in cur.children):
            return []  # "launched an investigation into the killing": not the investigators' act
        if deps.is_nominal(head) and deps.lemma(head) in _ANSWER_NOUNS and any(
                k.dep_ == "case" and k.lower_ in ("to", "for") for k in cur.children):
            return []  # "fired rockets in response to the killing of its commanders": the killing is the other side's
        if deps.is_nominal(head) and head.pos_ != "PRON" and any(
                k.dep_ == "case" and k.lower_ in _REASON_PREPS for k in cur.children) and not _mutual(act if act is not None else noun):
            return []  # "expelled an Indian official over the killing of a Sikh leader": the reason, not his act
        if deps.is_nominal(head) and head.pos_ != "PRON":
            own = index.owner(head)
            if own:
                return own
            for p, n in deps.preps(head):
                if p == "of" and n.i != cur.i and n.i not in {t.i for t in cur.subtree}:
                    r = index.resolve_all(n)
                    if r:
                        return r  # "the operations of Iran's Qods Force in fomenting violence"
        cur = head
    return []


def object_words(tok: Token) -> set[str]:
    """Lemmas standing for an object: its head, compounds, and the "of" part of a quantity."""
    words = lists()
    out = set()
    for t in deps.conjuncts(tok):
        out |= {deps.lemma(t), t.lower_}
        for c in t.children:
            if c.dep_ in ("compound", "amod") or (c.dep_ == "nummod" and t.tag_ == "$"):
                out |= {deps.lemma(c), c.lower_, f"{c.lower_} {t.lower_}"}  # "$100 million": million
        if deps.lemma(t) in words["quantity"] or t.pos_ == "NUM":
            for p, n in deps.preps(t):
                if p == "of":
                    out |= object_words(n)
    return out


def verb_objects(tok: Token) -> list[Token]:
    if deps.misparsed_modifier(tok):
        return [tok.head]  # "Serbia eased emergency measures" read as one noun phrase
    if deps.is_passive(tok):
        out = deps.pass_subjects(tok)
        if not out and tok.dep_ in ("acl", "amod") and deps.is_nominal(tok.head):
            out = [tok.head]
        return out
    found = deps.objects(tok)
    if not found and any(c.dep_ == "xcomp" for c in tok.children):
        found = deps.children(tok, deps.IOBJ)  # "allowed UN inspectors to visit" read with an iobj
    return found


def verb_sources(tok: Token, index: ActorIndex) -> list[Ref]:
    if deps.misparsed_modifier(tok):
        return []  # its subject is to its left in the phrase: the coder's surface fallback finds it
    if deps.is_passive(tok):
        agents = deps.prep_objects(tok, ("by",))
        return index.resolve_all(agents[0]) if agents else []
    subj = deps.subjects(tok)
    if len(subj) > 1 and subj[0].tag_ in ("WDT", "WP") and subj[1].pos_ in ("NOUN", "PROPN", "PRON"):
        # "told reporters that gunmen had attacked" read as a relative clause of "reporters" whose
        # subject is "that": a relative clause has no second subject, so "that" is a complementizer
        subj = subj[1:]
    if subj:
        out = index.resolve_all(subj[0])
        for extra in subj[1:]:
            # a coordinated subject the parser attached as a second subject ("Armenia and
            # Azerbaijan agreed" with both as nsubj): "and" right before it
            if extra.i > subj[0].i and extra.left_edge.i > 0 and extra.doc[extra.left_edge.i - 1].lower_ in ("and", "&") \
                    or any(c.dep_ == "cc" for c in extra.children):
                out += [r for r in index.resolve_all(extra) if all(r.key != o.key for o in out)]
        if not out and subj[0].pos_ == "NOUN" and any(c.dep_ in deps.POSS and c.pos_ == "PRON" for c in subj[0].children):
            out = index.owner(subj[0])  # "its aircraft struck 50 targets": the owner acts
        if not out and subj[0].pos_ == "NOUN" and deps.lemma(subj[0]) in ATTACK_NOUNS:
            out = index.owner(subj[0])  # "an Israeli strike hit the embassy": whose strike it was
        return out
    return controller(tok, index)


def _goods_country(n: Token, rule: Rule, index: ActorIndex) -> list[Ref]:
    """A sanction on goods hits their country: "tariffs on Chinese electric vehicles", "a ban on
    Russian oil" (sanction and reduce-relations codes, 16x, only)."""
    return index.owner(n) if (rule.code or "").startswith("16") else []


def targets_for(tok: Token, rule: Rule, index: ActorIndex, exclude: set[str],
                roles: tuple[str, ...] | None = None) -> list[Ref]:
    """Targets of a trigger from the roles the rule names, in order; the first role with actors wins."""
    # a noun rule read on the verb that governs the noun ("engaged X in a firefight") reads that
    # verb's roles as a verb's
    noun = rule.pos == "noun" and not deps.is_verbal(tok)
    for role in roles or rule.target:
        found: list[Ref] = []
        if role == "obj":
            for o in (verb_objects(tok) if not noun else []):
                found = index.resolve_all(o)
        elif role == "iobj":
            for o in deps.children(tok, deps.IOBJ):
                found = index.resolve_all(o)
        elif role == "obj_owner":
            for o in verb_objects(tok):
                found = index.owner(o) or index.resolve_all(o)
        elif role == "obj_of":
            for o in verb_objects(tok):
                found = [r for p, n in deps.preps(o) if p == "of" for r in index.resolve_all(n)]
        elif role == "subtree":
            say = lists()["say_verbs"]
            speech = {t.i for c in tok.children if c.dep_ in ("parataxis", "ccomp") and deps.lemma(c) in say
                      or c.dep_ == "conj" and deps.is_verbal(c)
                      for t in c.subtree}  # not the speaker of a trailing "X said", nor a coordinated clause
            # nor a subordinate clause with its own subject ("..., while Russia congratulated Maduro")
            speech |= {t.i for d in tok.subtree if d.i != tok.i and deps.own_clause(d) for t in d.subtree}

            sovereign = lists()["sovereignty_nouns"]
            right = [t for t in tok.subtree if t.i > tok.i and t.i not in speech and not any(
                k.dep_ == "case" and k.lower_ == "from" for k in t.children)  # "agreed to return from Paris"
                and not (deps.lemma(t.head) in sovereign and t.head.i != t.i)]
            # "condemned the strikes as a violation of Yemen's sovereignty": the victim, not who is condemned
            found = index.first_in(right, exclude)
        elif role == "of_actor":
            found = [r for p, n in deps.preps(tok) if p == "of" for r in index.resolve_all(n)]
        elif role == "that_subj":
            for c in tok.children:
                if c.dep_ in ("acl", "ccomp") and deps.is_verbal(c):
                    for s in deps.subjects(c) + deps.pass_subjects(c):
                        found = index.resolve_all(s)
        elif role == "in_place":
            continue  # handled with the location
        elif role == "comp_subj":
            for c in tok.children:
                if c.dep_ in ("ccomp", "xcomp") and deps.is_verbal(c):
                    for sj in deps.subjects(c) + deps.objects(c):
                        found = index.resolve_all(sj)
                        if found:
                            break
        else:
            if role == "of" and noun and rule.of != "target":
                continue
            for n in deps.prep_objects(tok, (role,)):
                found = index.resolve_all(n) or index.holder(n) or _goods_country(n, rule, index)
                if found:
                    break
            if not found and noun and role != "of":
                # "a suspension of air links with Serbia": the phrase may hang on the "of" part
                for o in (n for p, n in deps.preps(tok) if p == "of"):
                    for n in deps.prep_objects(o, (role,)):
                        found = index.resolve_all(n)
                        if found:
                            break
            if not found and not noun:
                # "sent advisers to Syria": the phrase may hang on the object, or on the "of" part
                # of a quantity object ("25,000 tons of food aid to refugees")
                for o in verb_objects(tok):
                    # "$5 million in aid to X"; "medicine and tents to Gaza": on the last conjunct
                    heads = deps.conjuncts(o) + [n for p, n in deps.preps(o) if p in ("of", "in")]
                    for h in heads:
                        for n in deps.prep_objects(h, (role,)):
                            # (a held place or a country's territory too, as on the verb: "launched
                            # attacks [on Pakistani territory]" with the phrase hung on the noun)
                            found = index.resolve_all(n) or index.holder(n) or _goods_country(n, rule, index)
                            if found:
                                break
                        if found:
                            break
                    if found:
                        break
        found = [r for r in found if r.key not in exclude]
        if found:
            return found
    return []
