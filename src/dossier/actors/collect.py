"""Walk a parsed document once and produce every candidate mention (see mentions.py)."""
from __future__ import annotations

from .kb import KB, lexicon, norm
from .mentions import (BODY_CANON, GENERIC_HEADS, LOC_PREPS, MEMBER_PREPS, PARTICLES, SPEECH, Cand, inner_honorific,
                       is_salient, name_at, owner_before, person_from_role, report_subject, span_cand, surname_he)
from .titles import CHAIN_WORDS, DETERMINERS, Context, Role, apposition, installed_title, left_chain, read_role

PER_LABELS = {"PER", "PERSON"}
NON_STATE = {"REB", "OPP"}  # a modifier that makes state-like roles non-state: "rebel negotiators"
STATE_SECTORS = {"GOV", "MIL", "LEG"}
# the parse's labels of a noun phrase's head that is an argument, not a modifier
_NOMINAL_DEPS = frozenset("nsubj nsubj:pass nsubjpass obj dobj iobj obl pobj conj appos nmod".split())
PLACE_PREPS = {"in", "near", "at", "outside", "around", "into", "across", "towards", "toward", "inside"}


def _person(ctx: Context, kb: KB, s: int, e: int, rule: str, entry=None) -> Cand:
    doc = ctx.doc
    last = doc[e - 1].text
    key = ("person", norm(last))
    c = span_cand(ctx, s, e, key=key, kind="person", rule=rule)
    role = left_chain(ctx, s, for_person=True)
    appos = apposition(ctx, e)
    if appos is None and not role.titles and s >= 2 and doc[s - 1].text == ",":
        before = left_chain(ctx, s - 1, for_person=True)  # "A ministry spokeswoman, He Yadong, told"
        if before.titles and before.person_key is None and _opens_phrase(ctx, before.start):
            appos = before
        elif (not before.titles or before.person_key is not None) and e < len(doc) and doc[e].text == ",":
            appos = _front_title(ctx, s - 1)
    if appos is None and not role.titles:
        appos = installed_title(ctx, e)  # "X was sworn in as the island's president"
    person_from_role(c, role, appos, kb, entry)
    for i in range(s, e):
        ctx.person_at[i] = key
    for span in role.title_spans:
        for i in range(*span):
            ctx.used.add(i)
    return c


def _front_title(ctx: Context, comma: int) -> Role | None:
    """"A spokesperson for the Chinese foreign ministry, Mao Ning, told": a title phrase that opens
    the sentence, with a preposition in it, set off by commas before and after the name."""
    p = comma - 1
    while p > comma - 14 and p > 0 and not ctx.sent_start[p]:
        p -= 1
    if p > 0 and not ctx.sent_start[p]:
        return None
    k = p
    while k < comma and ctx.lower[k] in DETERMINERS:
        k += 1
    h = ctx.hit_at[k]
    if h is None or h.cat != "title" or h.value.kind != "person":
        return None
    return read_role(ctx, p, comma, Role(start=p))


# word classes from data/actors/lexicon.yaml (see there)
# "a district of Kharkiv", "the outskirts of Kherson": nouns whose "of" introduces a place
_PLACE_OF = lexicon()["place_of_nouns"]
# "Krasnodar region": words after a place name
_PLACE_AFTER = lexicon()["place_after_words"]


def _place_context(ctx: Context, s: int, e: int) -> bool:
    """Whether the words around tokens s..e say they name a place: a place preposition before
    ("near Raqqa"), "of" after a place noun ("a district of Kharkiv"), a country's "'s" before
    ("Russia's Krasnodar region") or an administrative word after ("Krasnodar region")."""
    low = ctx.lower
    prev = _word_before_area(ctx.doc, s) if s > 0 else ""
    if prev in PLACE_PREPS or (e < len(low) and low[e] in _PLACE_AFTER):
        return True
    if prev == "of" and s > 1 and low[s - 2] in _PLACE_OF:
        return True
    if prev in ("'s", "\u2019s") and s > 1:
        h = ctx.hit_at[s - 2]
        return h is not None and h.cat == "country"
    return False


def _opens_phrase(ctx: Context, i: int) -> bool:
    """Token ``i`` (after its determiner) opens a noun phrase of its own: at a sentence start or
    after a verb, a preposition or punctuation ("said a ministry spokeswoman, ...")."""
    j = i - 1
    while j >= 0 and (ctx.lower[j] in DETERMINERS or ctx.doc[j].pos_ in ("NOUN", "ADJ") and ctx.text[j].islower()):
        j -= 1  # "a commerce ministry spokeswoman": the chain stopped at "ministry"
    if j < 0 or ctx.sent_start[j + 1]:
        return True
    t = ctx.doc[j]
    return t.is_punct or t.pos_ in ("VERB", "AUX", "ADP", "SCONJ")


def _known_place(text: str, population: int = 100_000) -> bool:
    """A country, US state or continent, or a town of 100,000 people (or ``population``) or more in
    the gazetteer."""
    from .places import gazetteer
    return any(r["type"] != "city" or r["population"] >= population for r, _ in gazetteer().candidates(text))


def _listed_with_place(ctx: Context, s: int, e: int) -> bool:
    """Tokens s..e are coordinated with a place ("in Nairobi and Mombasa", "near Sanaa, Hodeidah and
    Saada"): the first conjunct of their list is a town or country of the gazetteer."""
    if not ctx.parsed:
        return False
    root = ctx.doc[s:e].root
    if root.dep_ != "conj":
        return False
    first = root
    while first.dep_ == "conj" and first.head.i != first.i:
        first = first.head
    if first.i in range(s, e) or first.pos_ != "PROPN":
        return False
    name = ctx.doc[first.left_edge.i if first.left_edge.pos_ == "PROPN" else first.i:first.i + 1].text
    return _known_place(name)


def _lone_city(ctx: Context, s: int, people: list[Cand]) -> bool:
    """A one-word "person" with nothing of a person about it: no title before, no speech verb or
    apposition after, the object of a verb or preposition, and no earlier person of that surname."""
    doc = ctx.doc
    if s > 0 and ctx.hit_at[s - 1] is not None and ctx.hit_at[s - 1].cat == "title":
        return False
    nxt = ctx.lower[s + 1] if s + 1 < len(doc) else ""
    if nxt in SPEECH or nxt in (",", "'s", "\u2019s"):
        return False
    if not ctx.parsed or doc[s].dep_ not in ("obj", "dobj", "obl", "pobj", "nmod"):
        return False
    return not any(c.kind == "person" and c.key[1] == norm(doc[s].text) for c in people)


def find_people(ctx: Context, kb: KB) -> list[Cand]:
    doc, out = ctx.doc, []
    taken: set[int] = set()

    def add(c: Cand) -> None:
        out.append(c)
        taken.update(range(*c.tok))

    # 1. a name right after a person title ("Admiral John Kirby"), or a KB person
    for h in ctx.hits:
        if h.cat == "title" and h.value.kind in ("person", "honorific") and h.end < len(doc):
            s = h.end
            nh = ctx.hit_at[s + 1] if s + 1 < len(doc) else None
            if doc[s].lower_ == "to" and nh is not None and nh.cat == "country" and nh.start == s + 1:
                s = nh.end  # "Ambassador to Iraq Ryan Crocker"
            e = name_at(ctx, s) if s < len(doc) else s
            if e > s and s not in taken and not (e - s > 1 and ctx.lower[e - 1] in kb.org_heads):
                add(_person(ctx, kb, s, e, "title"))  # (not "the National Salvation Front")
        elif h.cat == "org" and h.value.kind == "person" and h.start not in taken:
            c = _person(ctx, kb, h.start, h.end, "kb", h.value)
            last = h.value.name.split()[-1]  # ("al-Hayya" is the family name "Hayya", as a later mention has it)
            c.key = ("person", norm(last.split("-", 1)[1] if last[:1].islower() and "-" in last[:4] else last))
            for i in range(h.start, h.end):
                ctx.person_at[i] = c.key
            add(c)
    # 2. NER persons
    for ent in doc.ents:
        if ent.label_ in PER_LABELS and not any(i in taken for i in range(ent.start, ent.end)):
            s, e = ent.start, ent.end
            while s < e and ctx.hit_at[s] is not None and ctx.hit_at[s].cat == "title":
                s += 1
            if s > 0 and s == ent.start and surname_he(ctx, s - 1) and (s - 1) not in taken:
                s -= 1  # "He Yadong" with only "Yadong" tagged
            elif s > 0 and s == ent.start and e - s <= 2 and (s - 1) not in taken and ctx.hit_at[s - 1] is None \
                    and doc[s - 1].tag_ == "NNP" and not ctx.text[s - 1].isupper() and name_at(ctx, s - 1) >= e:
                s -= 1  # "Jorge Rodriguez, a spokesman, said" with only "Rodriguez" tagged
            if e < len(doc) and ctx.text[e] == "-" and not ctx.ws[e - 1] and e > s:
                e = max(e, name_at(ctx, s))  # "Lee Jae-myung" tagged up to "Jae"
            if e > s and _place_context(ctx, s, e) and _known_place(doc[s:e].text):
                ctx.places.append((s, e, None))  # "strikes near Raqqa" tagged PER: a place
                continue
            if e > s and _listed_with_place(ctx, s, e) and _known_place(doc[s:e].text):
                ctx.places.append((s, e, None))  # "near Sanaa, Hodeidah and Saada" tagged PER: places
                continue
            if e - s == 1 and s == ent.start and _lone_city(ctx, s, out) and _known_place(doc[s].text, 500_000):
                ctx.places.append((s, e, None))  # "Russian missiles struck Kharkiv" tagged PER: a city
                continue
            if e - s == 1 and ctx.sent_start[s] and doc[s].tag_ in ("NN", "NNS") and (
                    s + 1 >= len(doc) or not ctx.name_like[s + 1]):
                continue  # "Hours before the exchange", "Part of the building": a common noun opening a sentence
            if e > s and s > 1 and ctx.lower[s - 1] == "of" and ctx.lower[s - 2] in _PLACE_OF:
                continue  # "the main town of Nagorno-Karabakh": a place the gazetteer lacks, no person
            if e > s and all(ctx.hit_at[i] is None or s < i < e - 1 and inner_honorific(ctx, i) for i in range(s, e)) \
                    and name_at(ctx, s) >= e \
                    and not (e - s > 1 and ctx.lower[e - 1] in kb.org_heads):  # "the Law Society": no person
                add(_person(ctx, kb, s, e, "ner"))
    # 3. capitalised names with an apposition title or a speech verb next to them
    n = len(doc)
    low, text = ctx.lower, ctx.text
    i = 0
    while i < n:
        if i in taken or ctx.hit_at[i] is not None or not (ctx.name_like[i] or low[i] in PARTICLES):
            i += 1  # name_at(i) == i: no name starts here
            continue
        e = name_at(ctx, i)
        if e - i >= 2 and not any(k in taken for k in range(i, e)):
            nxt = low[e] if e < n else ""
            prev = low[i - 1] if i > 0 else ""
            if (apposition(ctx, e) is not None or nxt in SPEECH or prev in SPEECH or _set_off_after_title(ctx, i, e)
                    or installed_title(ctx, e) is not None) \
                    and low[e - 1] not in kb.org_heads:
                add(_person(ctx, kb, i, e, "name"))
                i = e
                continue
        i = max(e, i + 1)
    # 4. later surnames and repeated names
    lasts = {c.key[1]: c.key for c in out}
    family: dict[str, tuple] = {}
    for c in out:  # "President Yoon Suk Yeol ... Yoon said": a family name written first
        first = norm(text[c.tok[0]])
        if c.kind == "person" and c.tok[1] - c.tok[0] > 1 and (first in FAMILY_FIRST or _given_hyphenated(text, *c.tok)):
            family.setdefault(first, c.key)
    full = {c.key[1] for c in out if c.kind == "person" and c.tok[1] - c.tok[0] > 1}
    for c in out:  # "President Ali Bongo Ondimba ... Bongo said": a middle name used as the family name
        if c.kind == "person" and c.key[0] == "person" and c.tok[1] - c.tok[0] >= 3:
            for k in range(c.tok[0] + 1, c.tok[1] - 1):
                w = text[k]
                if len(w) > 2 and w[:1].isupper() and w[1:].islower() and w.isalpha() and norm(w) not in full:
                    family.setdefault(norm(w), c.key)
    for c in out:
        key = family.get(norm(text[c.tok[0]])) if c.kind == "person" and c.tok[1] - c.tok[0] == 1 else None
        if key is not None and key != c.key:
            c.key = key  # the same name tagged alone ("Lee said") before this step
            for k in range(*c.tok):
                ctx.person_at[k] = key
    lasts.update(family)
    for i in range(n):
        if i in taken or ctx.hit_at[i] is not None or not text[i][:1].isupper():
            continue
        key = lasts.get(norm(text[i]))
        if key is not None:
            s = i
            while s - 1 >= 0 and text[s - 1][:1].isupper() and ctx.hit_at[s - 1] is None \
                    and (s - 1) not in taken and ctx.ws[s - 1] and not ctx.sent_start[s - 1]:
                s -= 1  # "John Kirby" again
            c = span_cand(ctx, s, i + 1, key=key, kind="person", rule="surname")
            for k in range(s, i + 1):
                ctx.person_at[k] = key
            add(c)
    return out


def _set_off_after_title(ctx: Context, i: int, e: int) -> bool:
    """", Ilham Aliyev," right after a person's title phrase ("Azerbaijan's president"): the name
    of the title's holder, whatever the NER called it."""
    if i < 2 or ctx.text[i - 1] != "," or e >= len(ctx.text) or ctx.text[e] != ",":
        return False
    h = ctx.hit_at[i - 2]
    if h is not None and h.cat == "title" and h.value.kind == "person" and h.end == i - 1:
        return True
    front = _front_title(ctx, i - 1)  # "A spokesman for the NUG, Kyaw Zaw, called"
    return front is not None and bool(front.titles)


# "the group", "the militant group", "the 15-nation bloc": a definite noun that names again the last
# organisation of a kind: head word -> the sectors its antecedent may have ("IGO": an IGO)
ORG_NOMINALS = lexicon()["org_nominals"]
FAMILY_FIRST = lexicon()["family_name_first"]


def _given_hyphenated(text: list[str], s: int, e: int) -> bool:
    """A name ending in a two-part given name with a lower-case second part ("Lai Ching-te", "Moon
    Jae-in"): East Asian order, the family name first."""
    return e - s >= 4 and text[e - 2] == "-" and text[e - 1][:1].islower() and text[e - 3][:1].isupper()


def _likened(ctx: Context, j: int) -> bool:
    """Token j is part of a name that a hyphenated likeness word follows ("al Qaeda-linked")."""
    h = ctx.hit_at[j]
    if h is None or h.cat != "org":
        return False
    e = h.end
    return e + 1 < len(ctx.text) and ctx.text[e] == "-" and not ctx.ws[e - 1] and ctx.lower[e + 1] in _LIKENESS


def find_org_nominals(ctx: Context, cands: list[Cand]) -> list[Cand]:
    """"He accused the group of stalling": "the group" is the last armed group, party or NGO of the
    knowledge base named in the 1,500 characters before ("the bloc", "the alliance": the last IGO)."""
    doc, low, out = ctx.doc, ctx.lower, []
    covered = {i for c in cands for i in range(*c.tok)}
    orgs = [c for c in cands if c.key[0] in ("kb", "party") and c.kind != "person"]
    if not orgs:
        return out
    for i, w in enumerate(low):
        want = ORG_NOMINALS.get(w)
        if want is None or i in covered or ctx.hit_at[i] is not None:
            continue
        if i + 2 < len(low) and low[i + 1] == "of" and doc[i + 2].pos_ != "VERB":
            continue  # "the group of seven": a name; "accused the group of stalling" is the nominal
        j = i - 1
        while j >= 0 and i - j <= 6 and low[j] != "the" and (
                (doc[j].pos_ in ("ADJ", "NUM", "NOUN") or low[j] == "-" and not ctx.ws[j - 1])
                and j not in covered and ctx.hit_at[j] is None or _likened(ctx, j)
                or low[j] in _LIKENESS and j > 0 and low[j - 1] == "-"):
            j -= 1  # "the militant group", "the 15-nation bloc", "the al Qaeda-linked group"
        if j < 0 or low[j] != "the":
            continue
        ante = _antecedent(orgs, doc[i].idx, lambda c: (c.country == "IGO") if want == ("IGO",) else (
            c.sector in want or "IGO" in want and c.country == "IGO"), window=1500)
        if ante is None:
            continue
        c = span_cand(ctx, j + 1, i + 1, key=ante.key, kind=ante.kind, rule="nominal",
                      evidence=[f"nominal:the {w}->{ante.name}"])
        out.append(c)
        if j >= 2 and low[j - 1] in MEMBER_PREPS:  # "Leaders of the bloc": the bloc's
            for g in cands:
                if g.kind == "group" and g.tok[1] == j - 1 and g.country is None and g.key[0] == "group":
                    g.country = ante.country
                    g.evidence.append(f"country:{low[j - 1]} the {w} -> {ante.name}")
                    g.key = (g.key[0], ante.country, *g.key[2:])
    return out


_LIKENESS = lexicon()["likeness_words"]
STATE_NOUNS = lexicon()["state_nouns"]


def find_state_nominals(ctx: Context, cands: list[Cand]) -> list[Cand]:
    """"a charge the Gulf state has rejected": "the <descriptor> state/nation/kingdom" is the last
    state named in the 600 characters before (a descriptor is needed: "the state" alone is often
    the government or a province)."""
    doc, low, out = ctx.doc, ctx.lower, []
    covered = {i for c in cands for i in range(*c.tok)}
    states = [c for c in cands if c.kind == "state" and c.key[0] == "state" and c.country]
    if not states:
        return out
    for i, w in enumerate(low):
        if w not in STATE_NOUNS or i in covered or i < 2 or doc[i].pos_ != "NOUN" \
                or ctx.hit_at[i] is not None and ctx.hit_at[i].cat != "title":
            continue
        if i + 1 < len(low) and (low[i + 1] in ("of", "-") or ctx.name_like[i + 1]):
            continue  # "the Islamic State", "the state of emergency", "the state-run ..."
        j = i - 1
        while j >= 0 and i - j <= 4 and low[j] != "the" and j not in covered \
                and (ctx.hit_at[j] is None or ctx.hit_at[j].cat not in ("country", "demonym", "plural", "org", "title")) \
                and (doc[j].pos_ in ("ADJ", "PROPN", "NOUN") or low[j] == "-" and not ctx.ws[j - 1]):
            j -= 1  # "the Gulf state", "the oil-rich kingdom", "the Himalayan nation"
        if j < 0 or low[j] != "the" or j == i - 1:
            continue
        ante = _antecedent(states, doc[i].idx, lambda c: True, window=600)
        if ante is None:
            continue
        out.append(span_cand(ctx, j + 1, i + 1, key=ante.key, kind="state", rule="nominal",
                             evidence=[f"nominal:the {doc[j + 1:i + 1].text}->{ante.name}"]))
    return out


PARTY_HEADS = lexicon()["party_heads"]


def find_parties(ctx: Context, cands: list[Cand]) -> tuple[list[Cand], set[str]]:
    """Political parties the knowledge base lacks, by their head word: "the Ennahda party", "his Seed
    Movement party", "the People Power Party" (a capitalised name before "party"/"movement"), and later
    mentions of the same name alone ("Ennahda said"). Their country comes from the context, as for an
    organ. Returns the candidates and the names (lower-cased) taken, so no person is made of them."""
    doc, low, text, out = ctx.doc, ctx.lower, ctx.text, []
    covered = {i for c in cands for i in range(*c.tok) if c.kind != "person"}
    names: dict[str, tuple] = {}
    for i, w in enumerate(low):
        if w not in PARTY_HEADS or i in covered or i == 0 or (ctx.hit_at[i] is not None and ctx.hit_at[i].cat == "org") \
                or i + 1 < len(low) and low[i + 1] in PARTY_HEADS:
            continue  # (of "the Seed Movement party", the outer head)
        j = i
        while j - 1 >= 0 and ctx.name_like[j - 1] and not ctx.sent_start[j - 1] and i - j < 4 \
                and (j - 1 not in covered and (ctx.hit_at[j - 1] is None or ctx.hit_at[j - 1].cat in ("title", "attr"))
                     or ctx.hit_at[j - 1] is not None and ctx.hit_at[j - 1].cat in ("country", "demonym")
                     and ctx.hit_at[j - 1].start == j - 1):
            j -= 1  # the capitalised name before the head word ("Georgian Dream", "Bangladesh Nationalist")
        first = ctx.hit_at[j]
        home = first.value if first is not None and first.cat in ("country", "demonym") and first.end < i else None
        if j == i or (text[i][:1].islower() and i - j > 3) or first is not None and first.cat not in ("title", "attr") \
                and home is None:
            continue  # (not "the Georgian party": a demonym alone names no party)
        if text[i][:1].islower() and all(ctx.hit_at[k] is not None for k in range(j, i)):
            continue  # "the main Kosovo Serb party": descriptors before a common noun, no name
        if text[i][:1].islower() and w != "party":
            continue  # "the Black Lives Matter movement": a social movement, no party unless named one
        core = doc[j:i].text if text[i][:1].islower() else doc[j:i + 1].text
        key = ("party", norm(doc[j:i].text))
        names[norm(doc[j:i].text)] = (key, home)
        c = span_cand(ctx, j, i + 1, key=key, kind="organization", name=core, rule="party", sector="PTY",
                      evidence=[f"party:{doc[j:i + 1].text}"], context_country=home is None, country=home)
        if home is not None:
            c.evidence.append(f"country:name:{text[j]}")
        out.append(c)
    if not names:
        return out, set()
    taken = {k for c in out for k in range(*c.tok)}
    for i in range(len(low)):
        found = names.get(low[i]) if i not in taken and i not in covered and text[i][:1].isupper() else None
        if found is not None and not (i + 1 < len(low) and ctx.name_like[i + 1]):
            key, home = found  # (a later "Ennahda" alone: the same party, with the country its name gave)
            out.append(span_cand(ctx, i, i + 1, key=key, kind="organization", name=text[i], rule="party",
                                 sector="PTY", evidence=[f"party:{text[i]}"], context_country=home is None,
                                 country=home))
    return out, set(names)


def _org_after(ctx: Context, j: int):
    """An organisation hit at token j, or after "the"."""
    doc = ctx.doc
    while j < len(doc) and doc[j].lower_ in ("the", "a"):
        j += 1
    h = ctx.hit_at[j] if j < len(doc) else None
    if h is not None and h.cat == "org" and h.start == j and h.value.kind != "person":
        return h
    return None


def find_collectives(ctx: Context, kb: KB, cands: list[Cand]) -> list[Cand]:
    """Organisations, states, metonyms, bodies, groups, plural demonyms and title nominals."""
    doc, out = ctx.doc, []
    hits = ctx.hits
    for n, h in enumerate(hits):
        nxt = hits[n + 1] if n + 1 < len(hits) else None
        prev_tok = _word_before_area(doc, h.start)
        text = doc[h.start:h.end].text
        if h.cat == "org" and h.value.kind != "person":
            e = h.value
            if e.metonym_only and prev_tok in LOC_PREPS:
                ctx.places.append((h.start, h.end, e.country))
                continue
            if h.end + 1 < len(doc) and doc[h.end].text == "-" and not doc[h.end - 1].whitespace_ \
                    and doc[h.end + 1].lower_ in _LIKENESS:
                continue  # "the al Qaeda-linked group": a description of another group, not al Qaeda
            if ctx.foreign_generic(e, text):
                # "Treasury officials" in a story about Kenya: that country's treasury, not the U.S. one
                c = span_cand(ctx, h.start, h.end, key=("body", None, norm(text)), kind="organization",
                              name=text, rule="title", sector=e.sector, evidence=[f"generic:{text} (not {e.name})"])
                c.context_country = True
                out.append(c)
                continue
            c = span_cand(ctx, h.start, h.end, key=("kb", e.name), kind=_kind(e.kind), name=e.name, rule="kb",
                          country=e.country, sector=e.sector, attributes=list(e.attributes),
                          evidence=[f"kb:{e.name} ({e.source})"], part_of=e.part_of)
            out.append(c)
        elif h.cat == "country":
            c = span_cand(ctx, h.start, h.end, key=("state", h.value), kind="state",
                          name=kb.countries[h.value].name, rule="kb", country=h.value,
                          evidence=[f"country:{text}"])
            out.append(c)
        elif h.cat == "capital":
            after = doc[h.end].lower_ if h.end < len(doc) else ""
            dateline = text.isupper() or after in ("(", ":", "\u2014", "\u2013")
            named = prev_tok in ("capital", "city") or prev_tok == "," and h.start > 1 and doc[h.start - 2].lower_ == "capital"
            if after not in ("'s", "\u2019s") and (dateline or named or prev_tok in LOC_PREPS
                                                   or after in ("-", "bureau", "province", "governorate")) and \
                    not (nxt and nxt.start == h.end and nxt.cat == "title"):
                ctx.places.append((h.start, h.end, h.value))
                continue
            c = span_cand(ctx, h.start, h.end, key=("body", h.value, "government"), kind="state",
                          name=text, rule="metonym", country=h.value, sector="GOV",
                          evidence=[f"capital metonym:{text}->{h.value}"])
            out.append(c)
        elif h.cat in ("demonym", "plural"):
            iso = h.value if h.cat == "plural" else h.alts.get("plural")
            after = doc[h.end] if h.end < len(doc) else None
            if iso is None:
                # "a Palestinian was killed": a singular demonym as a noun is one of that country's people
                if h.end - h.start == 1 and h.start > 0 and doc[h.start - 1].lower_ in ("a", "an", "another") \
                        and ctx.parsed and doc[h.start].dep_ in _NOMINAL_DEPS:
                    out.append(span_cand(ctx, h.start, h.end, key=("role", h.value, "national"), kind="person",
                                         rule="demonym", country=h.value, sector="CVL",
                                         evidence=[f"demonym:{text}"]))
                continue
            if after is not None and h.cat == "demonym" and (after.text[:1].isupper() or
                                                             (ctx.tagged and after.pos_ in ("NOUN", "PROPN", "ADJ"))):
                continue
            role = left_chain(ctx, h.start)
            c = span_cand(ctx, role.start, h.end, key=("group", iso, None, "people", _akey(role.attributes)),
                          kind="group", rule="demonym", country=iso, attributes=list(role.attributes),
                          evidence=[f"demonym:{text}"])
            out.append(c)
            ctx.consume(role.start, h.start)
        elif h.cat == "title" and h.value.kind == "body":
            if nxt and nxt.start == h.end and nxt.cat == "title" and nxt.value.kind in ("person", "group"):
                continue  # a modifier: "military spokesman", "government officials"
            c = _body(ctx, kb, h, out + cands)
            if c is not None:
                out.append(c)
        elif h.cat == "title" and h.value.kind == "group":
            if nxt and nxt.start == h.end and nxt.cat == "title" and nxt.value.kind in ("person", "group"):
                continue  # "police units"
            if ctx.text[h.end - 1][:1].isupper() and not ctx.sent_start[h.start] and h.end < len(ctx.text) \
                    and ctx.name_like[h.end] and not ctx.sent_start[h.end]:
                continue  # a word of a name: "Yoon's own People Power Party"
            c = _group(ctx, kb, h, out + cands)
            if c is not None:
                out.append(c)
        elif h.cat == "title" and h.value.kind == "person" and h.start not in ctx.used:
            c = _role_nominal(ctx, h, out + cands)
            if c is not None:
                out.append(c)
    return out


def find_halves(ctx: Context, kb: KB) -> list[Cand]:
    """"the North" / "the South" in a document that names a divided country ("South Korea" -> "the
    North" is North Korea): the names decide, so any pair in the country table works."""
    sides: dict[str, set[str]] = {"north": set(), "south": set()}
    for iso in {h.value for h in ctx.hits if h.cat in ("country", "demonym", "capital", "plural")}:
        c = kb.countries.get(iso)
        for name in ([c.name, *c.aliases] if c else ()):
            first, _, rest = name.partition(" ")
            if first.lower() in sides and rest:
                sides[first.lower()].add(iso)
                other = "south" if first.lower() == "north" else "north"
                iso2 = kb.country_names.get(norm(f"{other} {rest}"))
                if iso2:
                    sides[other].add(iso2)
    # only an unambiguous half ("South Korea" and "South Africa" in one text: "the South" is left alone)
    side = {k: next(iter(v)) for k, v in sides.items() if len(v) == 1}
    out = []
    if not side:
        return out
    for i in range(1, len(ctx.text)):
        low = ctx.lower[i]
        if low in side and ctx.text[i][:1].isupper() and ctx.lower[i - 1] == "the" and ctx.hit_at[i] is None \
                and not (i + 1 < len(ctx.text) and ctx.name_like[i + 1]):
            iso = side[low]
            c = span_cand(ctx, i, i + 1, key=("state", iso), kind="state", name=kb.countries[iso].name,
                          rule="metonym", country=iso, evidence=[f"metonym:the {ctx.text[i]}->{iso}"])
            out.append(c)
    return out


def _kind(kind: str) -> str:
    return kind if kind in ("person", "organization", "state", "group", "place") else "organization"


# words that may stand between a place preposition and a place: "in central Tbilisi", "across northern Iraq"
_AREA_WORDS = lexicon()["area_words"]


def _word_before_area(doc, i: int) -> str:
    """The lower-cased word before token i, skipping area adjectives ("in central Tbilisi" -> "in")."""
    j = i - 1
    while j >= 0 and doc[j].lower_ in _AREA_WORDS and i - j <= 2:
        j -= 1
    return doc[j].lower_ if j >= 0 else ""


def _akey(attrs) -> tuple:
    return tuple(sorted(a for a in attrs if a not in ("senior", "local", "foreign", "former", "armed")))


def _antecedent(cands: list[Cand], before: int, pred, window: int = 4000):
    best = None
    for c in cands:
        if c.start < before and before - c.start <= window and pred(c):
            if best is None or c.start > best.start:
                best = c
    return best


def _other_speakers(ctx: Context, i: int, ante: Cand, prior: list[Cand]) -> bool:
    """Token i is in the report of a speaker with a country other than the antecedent's."""
    subj = report_subject(ctx.doc[i])
    if subj is None or not ante.country:
        return False
    heads = [subj] + [k for k in subj.children if k.dep_ == "appos"]  # "Azerbaijan's president, Ilham Aliyev,"
    who = next((c for c in prior for t in heads if c.tok[0] <= t.i < c.tok[1] and c.country), None)
    return who is not None and who.country not in (ante.country, "IGO", "NGO")


def _definite_organ(ctx: Context, h) -> bool:
    """"the Foreign Ministry" mid-sentence (news style capitalises organs), not a title-case line
    ("The Foreign Ministry Says ...")."""
    after = h.end < len(ctx.text) and ctx.name_like[h.end] and not ctx.sent_start[h.end]
    return h.start > 0 and ctx.lower[h.start - 1] == "the" and not after


# nouns of acts that an organ adjective only qualifies: "a military intervention" names no military
_ACT_NOUNS = lexicon()["act_nouns"]


def _body(ctx: Context, kb: KB, h, prior: list[Cand]) -> Cand | None:
    doc, t = ctx.doc, h.value
    last = doc[h.end - 1]
    if ctx.tagged and last.tag_ in ("JJ", "NN") and last.dep_ in ("amod", "compound") and last.head.i > last.i \
            and last.head.lemma_.lower() in _ACT_NOUNS and (h.start == 0 or ctx.hit_at[h.start - 1] is None):
        return None  # "any military intervention": an adjective, not "the military" ("military officials",
        # "a military base", "the Syrian military's intervention" stay)
    if h.end + 1 < len(doc) and doc[h.end].text == "-" and doc[h.end].idx == last.idx + len(last.text) \
            and doc[h.end + 1].is_lower and not ctx.lower[h.end + 1] in ("run", "led", "backed", "controlled"):
        return None  # "military-technical cooperation": the first half of an adjective ("army-led" stays)
    if h.end < len(doc) and ctx.hit_at[h.end] is not None and ctx.hit_at[h.end].cat == "org" \
            and ctx.hit_at[h.end].start == h.end:
        return None  # "the state television CCTV": the name that follows says who
    if t.weak and ctx.tagged and last.dep_ in ("amod", "compound") and last.head.i > last.i:
        return None  # "North Korea's state news agency": a weak organ word modifying a noun is no organ
    role = left_chain(ctx, h.start)
    country, via = role.country, role.country_via
    j = h.end
    if j + 1 < len(doc) and doc[j].lower_ == "of":
        k = j + 1 + (doc[j + 1].lower_ == "the")
        nh = ctx.hit_at[k] if k < len(doc) else None
        if nh is not None and nh.cat in ("country", "capital"):
            country, via = country or nh.value, f"of {doc[nh.start:nh.end].text}"
            j = nh.end
    if country is None and role.person_key is not None:
        p = next((c for c in prior if c.key == role.person_key and c.country), None)
        if p is not None:
            country, via = p.country, f"person:{p.name}"
    if country is None and role.org is not None:
        country, via = role.org.country, f"org:{role.org.name}"
    canon = BODY_CANON.get(t.phrase.lower(), t.phrase.lower())
    text = doc[role.start:j].text
    if country is None:
        if t.weak or not doc[h.start].is_lower and doc[h.start].i != doc[h.start].sent.start \
                and not _definite_organ(ctx, h):
            return None
        owner = role.start > 0 and ctx.lower[role.start - 1] in ("his", "her")  # "his government": whose, later
        ante = None if owner else _antecedent(prior, doc[h.start].idx, lambda c: c.key[0] == "body" and (
            c.key[2] == canon or c.sector == t.sector) and c.rule != "nominal")
        if ante is not None and ctx.parsed and not ante.salient and is_salient(ctx, h.start, h.end) and (
                ante.kind == "state" or doc[ante.tok[0]].sent.start == doc[h.start].sent.start):
            ante = None  # "X ordered ..., accusing Paris of ..., the foreign ministry said": the organ
            # that speaks is its acting state's, not an object's, nor a state named as an object in an
            # earlier sentence (coref.context_bodies)
        if ante is not None and ctx.parsed and _other_speakers(ctx, h.start, ante, prior):
            ante = None  # "Aliyev said the army had struck only military targets": the speaker's own army
            # (coref.context_bodies), not the last army named
        if ante is None:  # "the army": whose, the context decides (coref.context_bodies)
            c = span_cand(ctx, h.start, h.end, key=("body", None, canon), rule="title",
                          kind="state" if canon == "government" else "organization", sector=t.sector,
                          attributes=list(t.attributes), evidence=[f"body:{t.phrase}"])
            c.context_country = True
            return c
        c = span_cand(ctx, h.start, h.end, key=ante.key, kind=ante.kind, rule="nominal",
                      evidence=[f"nominal:{t.phrase}->{ante.name}"])
        return c
    ctx.consume(role.start, h.start)
    sector = t.sector
    c = span_cand(ctx, role.start, j, key=("body", country, canon), kind="state" if canon == "government"
                  else "organization", rule="title", country=country, sector=sector,
                  attributes=list(role.attributes) + list(t.attributes),
                  evidence=[f"body:{t.phrase}", f"country:{via}"])
    c.name = text if not text.lower().startswith("the ") else text[4:]
    return c


def _group(ctx: Context, kb: KB, h, prior: list[Cand]) -> Cand | None:
    doc, t = ctx.doc, h.value
    phrase = t.phrase.lower()
    # "ISIS fighters", "Hezbollah militants": members of the organisation just before
    if h.start > 0 and ctx.hit_at[h.start - 1] is not None and ctx.hit_at[h.start - 1].cat == "org":
        oh = ctx.hit_at[h.start - 1]
        e = oh.value
        org_text = doc[oh.start:oh.end].text
        if e.kind != "person" and ctx.foreign_generic(e, org_text):  # "Treasury officials" in Kenya's news
            return span_cand(ctx, h.start, h.end, key=("body", None, norm(org_text)), kind="organization",
                             name=org_text, rule="member", sector=e.sector,
                             evidence=[f"member:{phrase} of {org_text} (not {e.name})"])
        if e.kind != "person":
            return span_cand(ctx, h.start, h.end, key=("kb", e.name), kind="organization", name=e.name,
                             rule="member", evidence=[f"member:{phrase} of {e.name}"])
    role = left_chain(ctx, h.start)
    a = role.start
    if a >= 3 and ctx.lower[a - 1] in ("a", "an") and ctx.text[a - 2] == "," and (a - 3) in ctx.person_at:
        return None  # "Petro, a former guerrilla himself,": what the person is, no second actor
    # "militia group Hezbollah", "gunmen from al-Mahdi army", "militants of the Islamic State"
    org_h = _org_after(ctx, h.end)
    if org_h is None and h.end < len(doc) and doc[h.end].lower_ in MEMBER_PREPS:
        k = h.end + 1 + (h.end + 1 < len(doc) and doc[h.end + 1].lower_ in ("to", "with"))
        org_h = _org_after(ctx, k)
    if org_h is not None and org_h.value.sector in ("REB", "MIL", "OPP", "PTY"):
        e = org_h.value
        ctx.consume(role.start, h.start)
        return span_cand(ctx, role.start, h.end, key=("kb", e.name), kind="organization", name=e.name,
                         rule="apposition", attributes=list(role.attributes),
                         evidence=[f"member:{phrase} of {e.name}"])
    sector = t.sector
    evidence = [f"group:{t.phrase}"]
    if role.sector_words and (sector is None or phrase in GENERIC_HEADS or (
            role.sector_words[0] in NON_STATE and sector in STATE_SECTORS | {"CVL"})):  # "opposition activists"
        if sector is not None and sector != role.sector_words[0]:
            role.add_attr(sector)  # "rebel negotiators": REB, negotiators kept as GOV-like attribute
        sector = role.sector_words[0]
        evidence.append(f"modifier:{sector}")
    elif role.sector_words:
        role.add_attr({"MIL": "military"}.get(role.sector_words[0], role.sector_words[0]))
    if sector is None and role.country_via.startswith("led:"):
        sector = "MIL"  # "the Saudi-led coalition": a coalition a state leads is a military one
        evidence.append("led-coalition:MIL")
    country = role.country
    if country is None and role.org is not None:
        country = role.org.country
        sector = sector or role.org.sector
        evidence.append(f"kb:{role.org.name}")
    if country is None and role.person_key is not None:
        p = next((c for c in prior if c.key == role.person_key and c.country), None)
        country = p.country if p else None
    if country is None and h.end + 2 < len(doc) and doc[h.end].lower_ == "of":
        ch = ctx.hit_at[h.end + 1]  # "fighters of Colombia's AUC federation": members of that country's body
        if ch is not None and ch.cat == "country" and ch.start == h.end + 1 and ch.end < len(doc) \
                and doc[ch.end].lower_ in ("'s", "\u2019s"):
            country = ch.value
            evidence.append(f"country:of {doc[ch.start:ch.end].text}'s")
    # coordinated: "Iraqi army and police units" takes the country of the first conjunct
    if country is None and role.start >= 2 and doc[role.start - 1].lower_ in ("and", "or"):
        left = next((c for c in reversed(prior) if c.tok[1] == role.start - 1 and c.country), None)
        if left is not None:
            country = left.country
    if role.country_via:
        evidence.append(f"country:{role.country_via}")
    bare = country is None and not role.attributes and not role.sector_words and role.org is None
    if bare:
        k = owner_before(ctx, role.start)  # "its drones", "its peacekeeping force": coref.owned_groups says whose
        owned = k is not None and ctx.lower[k] == "its"
        if "weak" in t.flags and not owned:
            return None
        ante = _antecedent(prior, doc[h.start].idx, lambda c: c.kind == "group" and c.key[0] == "group"
                           and (c.key[3] == phrase or c.key[3].endswith(" " + phrase))  # ("police officers")
                           and c.rule != "nominal", window=2500)
        if ante is not None:
            return span_cand(ctx, h.start, h.end, key=ante.key, kind="group", rule="nominal",
                             evidence=[f"nominal:{phrase}->{ante.name}"])
    ctx.consume(role.start, h.start)
    key = ("group", country, sector, phrase, _akey(role.attributes))
    return span_cand(ctx, role.start, h.end, key=key, kind="group", rule="title", country=country, sector=sector,
                     attributes=list(role.attributes) + list(t.attributes), evidence=evidence)


def _name_follows(ctx: Context, j: int, limit: int = 6) -> bool:
    """A comma at token j, then a person's name after at most a few title or modifier words."""
    return _name_after(ctx, j, limit) is not None


def _name_after(ctx: Context, j: int, limit: int = 6) -> int | None:
    """The first token of the name in ``_name_follows``, else None."""
    doc = ctx.doc
    if j >= len(doc) or doc[j].text != ",":
        return None
    for k in range(j + 1, min(j + 1 + limit, len(doc))):
        if k in ctx.person_at:
            return k
        h = ctx.hit_at[k]
        tok = doc[k]
        if not (h is not None and h.cat in ("title", "country", "demonym", "attr") or tok.lower_ in DETERMINERS
                or tok.lower_ in CHAIN_WORDS or tok.text[:1].islower() and tok.is_alpha):
            return None
    return None


def _head_of(ctx: Context, h) -> Cand | None:
    """"The head of the U.N. nuclear watchdog said": a definite title "of" an organisation or a
    country, with no name after it, is that body's office holder (its country, and its sector when
    the title has none)."""
    doc, t = ctx.doc, h.value
    k = h.end + 1 + (h.end + 1 < len(doc) and ctx.lower[h.end + 1] == "the")
    oh = ctx.hit_at[k] if k < len(doc) else None
    if h.start == 0 or ctx.lower[h.start - 1] != "the" or oh is None or oh.start != k:
        return None
    if oh.cat == "org" and oh.value.kind != "person" and oh.value.country:
        country, sector, whose = oh.value.country, t.sector or oh.value.sector, oh.value.name
    elif oh.cat == "country":
        country, sector, whose = oh.value, t.sector, oh.value
    else:
        return None
    if _name_follows(ctx, oh.end):
        return None  # "the head of the agency, Rafael Grossi,": the name says who
    return span_cand(ctx, h.start, h.end, key=("role", country, t.phrase.lower(), whose), kind="person",
                     name=doc[h.start:oh.end].text, rule="title", country=country, sector=sector, titles=[t.phrase],
                     evidence=[f"title:{t.phrase}", f"of:{whose}"], attributes=list(t.attributes))


def _role_nominal(ctx: Context, h, prior: list[Cand]) -> Cand | None:
    """A person title without a name: "the spokesman" -> the last person with that title."""
    doc, t = ctx.doc, h.value
    if h.end < len(doc) and doc[h.end].lower_ == "of":
        return _head_of(ctx, h)
    role = left_chain(ctx, h.start)
    # the determiner may sit before the role words: "his Omani counterpart", "the Iraqi minister"
    if not any(i > 0 and doc[i - 1].lower_ in ("the", "'s", "\u2019s", "his", "her", "their", "its")
               for i in (h.start, role.start)):
        # an indefinite one is coded by what the words say of it, as event coders do ("a Ukrainian
        # teenager", "a Hamas fighter"), never by an antecedent; with nothing to say, it is no actor
        if (role.country is None and role.org is None) or _name_follows(ctx, h.end):
            return None
    boss = next((c for c in prior if c.key == role.person_key and c.country), None) \
        if role.person_key is not None and role.country is None and role.org is None else None
    last = doc[h.end - 1]
    if boss is not None and not _name_follows(ctx, h.end) and not (
            ctx.tagged and last.dep_ in ("amod", "compound") and last.head.i > last.i):  # "Hasina's official residence"
        # "Burhan's envoy": the aide of a person with a country, of that country (and not that person)
        ctx.consume(role.start, h.start)
        return span_cand(ctx, h.start, h.end, key=("role", boss.country, t.phrase.lower(), boss.key), kind="person",
                         rule="title", country=boss.country, sector=t.sector, titles=[t.phrase],
                         evidence=[f"title:{t.phrase}", f"country:principal:{boss.name}"],
                         attributes=list(t.attributes))
    if role.country is None and role.org is None:
        if _name_follows(ctx, h.end):
            return None  # "the coalition's candidate, former prime minister Amadou Ba": the name says who
        head = t.phrase.lower().split()[-1]
        ante = _antecedent(prior, doc[h.start].idx, lambda c: c.kind == "person" and any(
            x.lower().split()[-1] == head for x in c.titles))
        office = next((f.split(":", 1)[1] for f in t.flags if f.startswith("office:")), None)
        if ante is None and office:  # "the Pope": an office with one holder
            return span_cand(ctx, h.start, h.end, key=("role", office, t.phrase.lower()), kind="person",
                             rule="title", country=office, sector=t.sector, titles=[t.phrase],
                             evidence=[f"title:{t.phrase}", f"office:{office}"])
        if ante is None:
            return None
        return span_cand(ctx, h.start, h.end, key=ante.key, kind="person", rule="nominal",
                         evidence=[f"nominal:{t.phrase}->{ante.name}"])
    k = _name_after(ctx, h.end)
    if k is not None and all(ctx.hit_at[i] is not None or ctx.lower[i] in DETERMINERS or ctx.lower[i] in CHAIN_WORDS
                             for i in range(h.end + 1, k)):
        # "Japan's defence minister, Minoru Kihara, told ...", "The AU's envoy, former Nigerian
        # president Olusegun Obasanjo, said": the title phrase is the named person
        who = next((c for c in prior if c.kind == "person" and c.tok[0] == k), None)
        if who is not None:
            ctx.consume(role.start, h.start)
            evidence, found = [f"nominal:{t.phrase}->{who.name}"], {}
            if who.country is None:  # "Mali's leader, Colonel Assimi Goita,": the owner says whose he is
                found = {"country": role.country or role.org.country, "sector": None if who.sector else t.sector}
                evidence.append(f"country:title:{t.phrase}")
            return span_cand(ctx, role.start, h.end, key=who.key, kind="person", rule="nominal", evidence=evidence,
                             **found)
    country = role.country or role.org.country
    sector = t.sector or (role.org.sector if role.org else None) or (role.sector_words[0] if role.sector_words else None)
    # ("an Indian intelligence official": SPY from the chain)
    ctx.consume(role.start, h.start)
    return span_cand(ctx, role.start, h.end, key=("role", country, t.phrase.lower()), kind="person", rule="title",
                     country=country, sector=sector, titles=[t.phrase], evidence=[f"title:{t.phrase}"],
                     attributes=list(role.attributes) + list(t.attributes))
