"""Rule-based resolution inside a document: pronouns, a person's country from context, and
relations between organisations stated in the text ("a wing of X", "reports directly to Y").
"""
from __future__ import annotations

import bisect

from .kb import lexicon, load_kb, title_key
from .mentions import LOC_PREPS, OWNER_WORDS, SPEECH, Cand, owner_before, report_subject, span_cand
from .titles import DETERMINERS, Context

PERSON_PRONOUNS = {"he": "m", "him": "m", "his": "m", "himself": "m", "she": "f", "her": "f", "hers": "f",
                   "herself": "f"}
PLURAL_PRONOUNS = {"they", "them", "their", "themselves"}
# word classes from data/actors/lexicon.yaml (see there)
RELATION_NOUNS = lexicon()["relation_nouns"]


def _sent(doc, char: int) -> int:
    from ..nlp import sentence_index
    return sentence_index(doc, char)


def pronouns(ctx: Context, doc, cands: list[Cand]) -> list[Cand]:
    """he/she/his -> the nearest earlier person in the sentence, else the subject/speaker of the
    closest earlier sentence with a person; they/their -> the last group or organisation."""
    sp = ctx.doc
    persons = sorted((c for c in cands if c.kind == "person"), key=lambda c: c.start)
    collectives = sorted((c for c in cands if c.kind in ("group", "organization")), key=lambda c: c.start)
    gender = {}
    for c in persons:
        if c.gender:
            gender[c.key] = c.gender
    out = []
    bodies = sorted((c for c in cands if c.kind in ("organization", "state") and c.salient), key=lambda c: c.start)
    for i, low in enumerate(ctx.lower):
        if low not in PERSON_PRONOUNS and low not in PLURAL_PRONOUNS and low != "it":
            continue
        tok = sp[i]
        if low == "it":
            ante = _body_antecedent(doc, sp, tok, bodies)
            if ante is not None:
                c = span_cand(ctx, tok.i, tok.i + 1, strip=False, key=ante.key, kind=ante.kind, rule="pronoun")
                c.salient = True
                out.append(c)
        elif low in PERSON_PRONOUNS:
            g = PERSON_PRONOUNS[low]
            s = _sent(doc, tok.idx)
            speaking = sp.has_annotation("DEP") and tok.dep_ == "nsubj" and tok.head.lemma_.lower() in SAY_LEMMAS
            ante = _person_antecedent(doc, persons, tok.idx, s, lambda c: gender.get(c.key) in (None, g),
                                      prefer=(lambda c: _is_speaker(sp, c)) if speaking else None)
            if ante is not None:
                c = span_cand(ctx, tok.i, tok.i + 1, strip=False, key=ante.key, kind="person", rule="pronoun")
                c.salient = tok.dep_ in ("nsubj", "nsubjpass") if sp.has_annotation("DEP") else (
                    low in ("he", "she"))
                out.append(c)
                bisect.insort(persons, c, key=lambda x: x.start)
        elif low in PLURAL_PRONOUNS:
            s = _sent(doc, tok.idx)
            ante = _speaker_of(sp, tok, cands)
            for c in reversed(collectives if ante is None else ()):
                if c.start >= tok.idx:
                    continue
                if _sent(doc, c.start) < s - 1:
                    break
                if c.kind == "group" or ante is None:
                    ante = c
                    if c.kind == "group":
                        break
            if ante is not None:
                out.append(span_cand(ctx, tok.i, tok.i + 1, strip=False, key=ante.key, kind=ante.kind, rule="pronoun"))
    return out


def _body_antecedent(doc, sp, tok, bodies: list[Cand]) -> Cand | None:
    """"Pakistan's foreign ministry said ... It condemned the strike": a sentence-opening "It" that is
    the subject of an action verb (not "It is unclear", "It was not known") is the organisation or
    state that was the subject or speaker of the sentence before."""
    if not sp.has_annotation("DEP") or tok.dep_ != "nsubj" or not tok.is_sent_start and not (
            tok.i > 0 and sp[tok.i - 1].lower_ in ("but", "and", "yet") and sp[tok.i - 1].is_sent_start):
        return None
    head = tok.head
    lemma = head.lemma_.lower()
    if head.pos_ != "VERB" or lemma in _IT_VERBS or any(c.dep_ in ("expl", "csubj") for c in head.children) \
            or lemma not in SAY_LEMMAS and any(c.dep_ == "ccomp" and c.i > head.i for c in head.children):
        return None  # "It is unclear", "It seems that ...": no organisation (but "It said that ..." is one)
    s = _sent(doc, tok.idx)
    prev = [c for c in bodies if _sent(doc, c.start) == s - 1]
    return prev[0] if prev else None


# verbs of which "it" is mostly no organisation ("it takes", "it seems", "it remains to be seen")
_IT_VERBS = frozenset(("be", "seem", "appear", "remain", "take", "happen", "mean", "matter", "become", "come",
                       "go", "rain", "cost", "look", "sound", "make", "help", "follow", "begin", "start"))


def _speaker_of(sp, tok, cands: list[Cand]) -> Cand | None:
    """"Mali and Burkina Faso, run by soldiers ..., said they would ...": a plural pronoun subject of
    what a verb says is that verb's plural subject (a coordination, a group or an organisation),
    whatever stands nearer (the first conjunct speaks for a coordination)."""
    if not sp.has_annotation("DEP") or not tok.dep_.startswith("nsubj"):
        return None
    clause = tok.head
    while clause.dep_ == "conj" and clause.head.i != clause.i:
        clause = clause.head
    if clause.dep_ != "ccomp":
        return None
    subj = next((c for c in clause.head.children if c.dep_ == "nsubj" and c.i < tok.i), None)
    if subj is None:
        return None
    plural = subj.tag_ in ("NNS", "NNPS") or any(c.dep_ == "conj" for c in subj.children)
    for c in cands:
        if c.tok[0] <= subj.i < c.tok[1] and c.kind in ("state", "organization", "group") and (
                plural or c.kind != "state"):
            return c
    return None


def _person_antecedent(doc, persons: list[Cand], char: int, sent: int, ok, prefer=None):
    """The nearest earlier person in the sentence; else, in the closest earlier sentence with one,
    the first subject or speaker (the first speaker when ``prefer`` says so: "He added ...")."""
    same = [c for c in persons if c.start < char and _sent(doc, c.start) == sent and ok(c)]
    if same:
        return same[-1]
    for back in range(1, 4):
        ss = sent - back
        if ss < 0:
            break
        inside = [c for c in persons if _sent(doc, c.start) == ss and ok(c)]
        if inside:
            salient = [c for c in inside if c.salient]
            speakers = [c for c in salient if prefer(c)] if prefer is not None else []
            return (speakers or salient or inside)[0]
    return None


# a pronoun that goes on speaking is, first, the last sentence's speaker ("..., General X told reporters.
# He described the acts as piracy"), not the subject of what the speaker reported
SAY_LEMMAS = lexicon()["say_lemmas"]


def _speech_follows(sp, c) -> bool:
    """A speech verb right after the mention, past any commas ("X, told", "X said")."""
    k = c.tok[1]
    while k < len(sp) and sp[k].text == ",":
        k += 1
    return k < len(sp) and sp[k].lower_ in SPEECH


def _is_speaker(sp, c) -> bool:
    """A mention followed by a speech verb ("X, a spokesman, said", "X told") or subject of one."""
    if _speech_follows(sp, c):
        return True
    root = sp[c.tok[0]:c.tok[1]].root
    return root.dep_ == "nsubj" and root.head.lower_ in SPEECH


MIL_LIKE = {"MIL", "COP", "SPY", None}


def context_countries(doc, cands: list[Cand], kb, datelines: list[Cand]) -> None:
    """A person's country from its surroundings when its own words give none.

    The person whose aide the title says it is ("X, adviser to Prime Minister Y", "a spokesman for
    President Y, X,"): Y's country. Military/police/spokesman titles: the last earlier organisation
    of the same sector that was a subject or speaker ("the Pentagon said ... spokesman Admiral X");
    other titles: the nearest country in the same sentence (not one he reports, visits or acts on),
    then a state that spoke in the sentence before, the dateline, then that rule.
    """
    located = [c for c in cands if c.country and c.kind in ("state", "organization")
               and c.country not in ("IGO", "NGO") and c.sector != "MED"]  # (not the wire: "(AFP)" is no context)
    groups = [c for c in cands if c.kind == "group" and c.country and c.country not in ("IGO", "NGO")]
    known = {c.key for c in cands if c.kind == "person" and c.country and not c.context_country}
    for c in cands:
        if c.kind != "person" or not c.context_country or c.country or c.key in known:
            continue  # (a later "Trudeau" of "Canadian Prime Minister Justin Trudeau" is known already)
        principal = _principal(doc, kb, cands, c)
        if principal is not None:
            c.country = principal.country
            c.evidence.append(f"country:principal:{principal.name}")
            if c.sector is None and principal.sector:  # "a spokesman for President X" speaks for a government
                c.sector = principal.sector
                c.evidence.append(f"sector:principal:{principal.name}")
            continue
        if _posted_abroad(kb, c):
            same = _same_post(cands, c)
            if same is not None:  # "the French ambassador ... ambassador Sylvain Itte": the one post
                c.country = same.country
                c.evidence.append(f"country:same post:{same.name}")
            continue  # otherwise a diplomat's country is not where he serves nor whom he meets
        sent = _sent(doc, c.start)
        via = None
        by_org = _org_rule(doc, located, c, sent)
        by_sent = _sentence_rule(doc, located + groups, c, sent)
        if by_sent is not None and datelines and c.salient and by_sent.end <= c.start \
                and by_sent.country != datelines[0].country and _speaks_last(doc, c, by_sent):
            # "MANILA - Chinese personnel seized rifles, the armed forces chief, General X, told
            # reporters": who is named in what the speaker reports does not say whose he is
            by_sent = datelines[0]
        if c.sector in MIL_LIKE:
            via = by_org or by_sent
        else:  # a titled civilian official in a datelined story: the dateline before the last speaker,
            # unless the sentence before has a state speak and he speaks next ("The United States said ...
            # Secretary of State X said")
            speakers = [o for o in located if o.kind == "state" and _speech_of(doc.nlp, o) is not None] \
                if c.sector and by_sent is None and _subject_phrase(doc.nlp, c) else []
            via = by_sent or _org_rule(doc, speakers, c, sent, any_sector=True, window=1) \
                or (datelines[0] if datelines and c.sector is not None else None) or by_org
        if via is None and c.sector is not None and datelines:
            via = datelines[0]  # a titled official in a story datelined "TBILISI": most likely Georgian
        if via is None:  # the last located subject/speaker nearby, whatever its sector
            via = _org_rule(doc, located, c, sent, any_sector=True, window=3)
        if via is None and c.kb_country:
            c.country = c.kb_country
            c.evidence.append("country:kb namesake")
            continue
        if via is not None:
            c.country = via.country
            c.evidence.append(f"country:context:{via.name}")
            if c.sector is None and via.sector and via.kind == "organization":
                c.sector = via.sector
                c.evidence.append(f"sector:context:{via.name}")


def _abroad(kb, phrase: str) -> bool:
    """The title is flagged ``abroad`` in titles.tsv (ambassador, envoy, diplomats, experts): often
    posted or working in a country not its holder's."""
    t = kb.titles.get(title_key(phrase))
    return t is not None and "abroad" in t.flags


def _posted_abroad(kb, c: Cand) -> bool:
    """A person whose every title is flagged ``abroad`` (ambassador, envoy)."""
    return bool(c.titles) and all(_abroad(kb, p) for p in c.titles)


def _same_post(cands: list[Cand], c: Cand) -> Cand | None:
    """An earlier unnamed holder of the same post with a country ("the French ambassador"), if
    exactly one country holds it before ``c``."""
    heads = {p.lower().split()[-1] for p in c.titles}
    found = [o for o in cands if o.kind == "person" and o.key[0] == "role" and o.country and o.start < c.start
             and o.country not in ("IGO", "NGO") and any(p.lower().split()[-1] in heads for p in o.titles)]
    return found[-1] if len({o.country for o in found}) == 1 else None


def _principal(doc, kb, cands: list[Cand], c: Cand) -> Cand | None:
    """The person with a country that the title phrase next to ``c`` (after it, or opening the
    sentence before it) serves: "to", "for" or "of" a person ("adviser to Prime Minister Y").
    Titles posted abroad (``abroad`` in titles.tsv: "envoy to President Y") serve no one at home."""
    sp = doc.nlp
    if not c.titles:
        return None  # "a victory for Putin, Zelensky said": only a title serves someone
    if any(_abroad(kb, p) for p in c.titles):
        return None
    a, b = c.tok
    phrases = []
    if b < len(sp) and sp[b].text == ",":
        phrases.append((b + 1, min(len(sp), b + 15)))
    if a >= 2 and sp[a - 1].text == ",":
        phrases.append((max(sp[a - 1].sent.start, a - 15), a - 1))
    for lo, hi in phrases:
        for k in range(lo, hi):
            t = sp[k]
            if t.is_punct and t.text != "-" or k > lo and t.is_sent_start:
                break
            if t.lower_ not in ("to", "for", "of"):
                continue
            for p in cands:
                if p.kind == "person" and p.country and p.key != c.key and k < p.tok[0] <= k + 4 and p.tok[1] <= hi:
                    return p
    return None


def _seat_after(doc, cands: list[Cand], c: Cand) -> Cand | None:
    """"the new government in Kabul", "the authorities in Tehran": a place right after the organ, after
    "in", is its seat."""
    sp = doc.nlp
    k = c.tok[1]
    if k + 1 >= len(sp) or sp[k].lower_ != "in":
        return None
    return next((o for o in cands if o.tok[0] == k + 1 and o.kind in ("place", "state") and o.country
                 and o.country not in ("IGO", "NGO")), None)


def context_bodies(doc, cands: list[Cand], datelines: list[Cand]) -> None:
    """"the army", "the government" with no country of their own: the nearest located actor in the
    sentence, else the country the document has named most up to there (evidence says which)."""
    located = [c for c in cands if c.country and c.country not in ("IGO", "NGO") and c.kind != "place"
               and not c.context_country and c.sector != "MED"]
    rekey = {}
    persons = sorted((p for p in cands if p.kind == "person" and p.country), key=lambda p: p.start)
    for c in cands:
        if c.kind == "person" or not c.context_country or c.country:
            continue
        if c.tok[0] > 0 and doc.nlp[c.tok[0] - 1].lower_ in ("foreign", "overseas", "outside"):
            continue  # "on behalf of a foreign intelligence service": explicitly not the context's
        sent = _sent(doc, c.start)
        via = None
        if c.tok[0] > 0 and doc.nlp[c.tok[0] - 1].lower_ in ("his", "her"):  # "His government accused ...":
            # the person's, the one the pronoun points at (the same rule as for "he")
            via = _person_antecedent(doc, persons, c.start, sent, lambda p: True)
        if via is None:
            via = _seat_after(doc, cands, c)
        if via is None:
            via = _object_owner(doc, located, c)
        if via is None:
            via = _reporter(doc, cands, c)
        if via is None:
            via = _addressee(doc, cands, c)
        if via is None and c.salient:  # "Poland expelled two Belarusian diplomats ..., the foreign ministry said":
            # the organ that speaks for a sentence belongs to its acting state, not to the nearest name
            via = _sentence_rule(doc, [o for o in located if o.salient and o.kind in ("state", "organization")],
                                 c, sent)
        if via is None:  # "The junta accused France of ...": what an acting organ's clause names after it
            # (its objects) is not whose it is; the story decides below
            via = _sentence_rule(doc, [o for o in located if not (c.salient and o.start > c.end and not o.salient)],
                                 c, sent)
        if via is None:  # (with none before it, not what its own verb acts on: "The junta expelled the French
            # ambassador")
            verb = _subject_of(doc.nlp, c)
            before = [o for o in located if o.start < c.start] or [
                o for o in located if not _same_token(_argument_of(doc.nlp, o), verb)]
            # states named as places do not count ("a law used in Russia"), a dateline place does
            # ("TBILISI, May 14 (Reuters) -": the story's own country); if that leaves none, all count
            counted = [o for o in before if not _as_place(doc, o)] + datelines
            counts: dict[str, int] = {}
            for o in counted or before:
                counts[o.country] = counts.get(o.country, 0) + 1
            if counts:  # ties: a subject or speaker first, then the earliest (the lede's actor)
                top = max(counts.values())
                via = min((o for o in before + datelines if counts.get(o.country) == top),
                          key=lambda o: (not o.salient, _as_place(doc, o), o.start))
        if via is None:
            continue
        c.country = via.country
        c.evidence.append(f"country:context:{via.name}")
        rekey[c.key] = (c.key[0], via.country, *c.key[2:])
        located.append(c)
    _rekey(cands, rekey)


# sectors of collectives that are, unless the text says otherwise, the story's own people
DOMESTIC = lexicon()["domestic_sectors"]


def story_country(doc, cands: list[Cand], datelines: list[Cand]) -> tuple[str | None, str]:
    """The story's own country: its dateline's, else the country of more than half of the located
    mentions (two at least). (None, "") when the story has no clear country."""
    if datelines:
        return datelines[0].country, f"dateline {datelines[0].name}"
    counts: dict[str, int] = {}
    for c in cands:
        if c.country and c.country not in ("IGO", "NGO") and not c.context_country and c.kind != "group":
            counts[c.country] = counts.get(c.country, 0) + 1
    if not counts:
        return None, ""
    top = max(counts, key=lambda k: (counts[k], k))
    if counts[top] < 2 or 2 * counts[top] <= sum(counts.values()):
        return None, ""
    return top, f"{counts[top]} of {sum(counts.values())} located mentions"


def story_groups(doc, kb, cands: list[Cand], datelines: list[Cand]) -> None:
    """"police", "protesters", "lawmakers" with no country of their own take the story's country
    (ICEWS's "Police (Kenya)"). Groups that are often foreign do not: troops, militants, refugees,
    aid groups (their sectors are not in DOMESTIC) and titles flagged ``abroad`` (diplomats, experts)."""
    country, via = story_country(doc, cands, datelines)
    if country is None:
        return
    rekey = {}
    for c in cands:
        if c.kind != "group" or c.country or c.key[0] != "group" or c.sector not in DOMESTIC or c.rule == "nominal":
            continue
        if _posted(kb, c):
            continue
        c.country = country
        c.evidence.append(f"country:story:{via}")
        rekey[c.key] = (c.key[0], country, *c.key[2:])
    _rekey(cands, rekey)


def _posted(kb, c: Cand) -> bool:
    """The group's title is flagged ``abroad`` (diplomats, experts)."""
    return _abroad(kb, c.key[3])


def _rekey(cands: list[Cand], rekey: dict) -> None:
    """Give every mention of a re-keyed actor (the same key) the new key and its country."""
    for c in cands:
        if c.key in rekey:
            c.key = rekey[c.key]
            if c.country is None:
                c.country = c.key[1]


def located_groups(ctx, cands: list[Cand]) -> None:
    """"police in Lagos", "protesters from Minsk": a group with no country takes the country of the
    place (or state) right after "in"/"from", or of the organisation right after "from"."""
    by_tok = {c.tok[0]: c for c in cands if c.kind in ("place", "state") and c.country
              and c.country not in ("IGO", "NGO")}
    # "ministers from the African Union", "army chiefs from the bloc": members of an organisation
    members = {**{c.tok[0]: c for c in cands if c.kind == "organization" and c.country}, **by_tok}
    for c in cands:
        if c.kind != "group" or c.country or c.key[0] != "group":
            continue
        j = c.tok[1]
        if j + 1 >= len(ctx.lower) or ctx.lower[j] not in ("in", "from"):
            continue
        if ctx.lower[j] == "in" and _posted(ctx.kb, c):
            continue  # "diplomats in Beijing" are posted there, "diplomats from China" are Chinese
        where = by_tok if ctx.lower[j] == "in" else members
        place = where.get(j + 1) or (where.get(j + 2) if ctx.lower[j + 1] == "the" else None)
        if place is None:
            continue
        c.country = place.country
        c.evidence.append(f"country:{ctx.lower[j]} {place.name}")
        c.key = (c.key[0], place.country, *c.key[2:])


HOME_ORGANS = lexicon()["domestic_organs"]
_OFFICIAL_SECTORS = frozenset(("GOV", "ELI", "JUD", "LEG"))
_SCENE_PREPS = ("in", "at", "near", "outside", "across", "throughout", "inside")
_PATH_DEPS = ("nmod", "obl", "obl:agent", "appos", "obj", "dobj", "iobj", "nsubj", "nsubj:pass")


def placed_groups(doc, kb, cands: list[Cand]) -> None:
    """"protesters in the southern city of Deraa", "rounded up by security forces in Minsk", "a
    police checkpoint in central Baghdad": a domestic group (police, protesters, the opposition: the
    sectors of ``domestic_sectors``) with no country takes the country of the place where the clause
    it takes part in is set: a place reached from the group's verb through noun phrases only, one of
    them after a preposition of place (the nearest such place). Groups that are often foreign
    (troops, militants), titles flagged ``abroad`` ("diplomats in Beijing") and officials other than
    the organs of ``domestic_organs`` are left to the other rules."""
    sp = doc.nlp
    if sp is None or not sp.has_annotation("DEP"):
        return
    places = [c for c in cands if c.kind in ("place", "state") and c.country and c.country not in ("IGO", "NGO")]
    rekey = {}
    for c in cands:
        if c.kind != "group" or c.country or c.key[0] != "group" or c.sector not in DOMESTIC:
            continue
        if _posted(kb, c):
            continue
        root = sp[c.tok[0]:c.tok[1]].root
        if c.sector in _OFFICIAL_SECTORS and root.lemma_.lower() not in HOME_ORGANS and root.lower_ not in HOME_ORGANS:
            continue  # "officials met rebel leaders in Doha": officials travel; "police", "a court" act at home
        while root.head.i != root.i and (root.dep_ in ("compound", "amod") or root.dep_ == "nmod" and (
                root.head.pos_ == "NUM" or root.head.lower_ in DETERMINERS)):
            root = root.head  # "a police checkpoint", "dozens of activists": the phrase of the head
        host = root.head if root.dep_ in _PATH_DEPS else root
        best = None
        for p in places:
            w = sp[p.tok[0]:p.tok[1]].root  # walk up from the place to the group's phrase or verb
            if w.sent.start != root.sent.start:
                continue
            scene = False
            for _ in range(8):
                scene = scene or any(x.dep_ == "case" and x.lower_ in _SCENE_PREPS for x in w.children)
                if w.i in (host.i, root.i) or w.dep_ not in _PATH_DEPS or w.head.i == w.i:
                    break
                w = w.head
            if scene and w.i in (host.i, root.i) and (best is None or abs(p.start - c.start) < abs(best.start - c.start)):
                best = p
        if best is None:
            continue
        c.country = best.country
        c.evidence.append(f"country:scene:{best.name}")
        rekey[c.key] = (c.key[0], best.country, *c.key[2:])
    _rekey(cands, rekey)


def _root(sp, o):
    span = sp.char_span(o.start, o.end, alignment_mode="expand")
    return span.root if span is not None else None


def _in_place_phrase(root) -> bool:
    """The mention heads a phrase after a place preposition ("in Iraq", "from Kabul")."""
    return any(c.dep_ == "case" and c.lower_ in LOC_PREPS for c in root.children)


def owned_groups(ctx, doc, cands: list[Cand]) -> None:
    """"its citizens", "his security advisers", "Eritrea, whose troops": a group with no country
    takes the country of its owner: for "its" a state or organisation (``_its_owner``), for "his"/"her"
    the person the pronoun points at, for "whose" the noun of the relative clause. "their" is left
    alone: its owner is as often a group ("soldiers ... their commander")."""
    owners = [c for c in cands if c.kind in ("state", "organization") and c.country]  # "NATO said its force": IGO
    sp = doc.nlp
    persons = sorted((p for p in cands if p.kind == "person" and p.country), key=lambda p: p.start)
    for c in cands:
        if c.kind != "group" or c.country or c.key[0] != "group":
            continue
        j = c.tok[0] if ctx.lower[c.tok[0]] in OWNER_WORDS else owner_before(ctx, c.tok[0])
        if j is None:
            continue
        word = ctx.lower[j]
        sent = _sent(doc, c.start)
        if word == "its":
            owner = _its_owner(doc, owners, sp[j], sent)
        elif word == "whose":
            owner = _relative_owner(sp[j], owners + persons)
        else:  # "his security advisers", "her coalition": the person the pronoun points at
            gender = PERSON_PRONOUNS[word]
            owner = _person_antecedent(doc, persons, sp[j].idx, sent, lambda p: p.gender in (None, gender))
        if owner is None:
            continue
        c.country = owner.country
        c.evidence.append(f"country:owner:{word} -> {owner.name}")
        if owner.sector in NON_STATE_SECTORS and c.sector in (None, "MIL"):
            c.sector = owner.sector  # "RSF commander Dagalo said his forces": a rebel's forces are rebels
            c.evidence.append(f"sector:owner:{owner.name}")
        new = (c.key[0], owner.country, c.sector, *c.key[3:])
        for o in cands:  # later nominals ("the drones") point at the same key
            if o is not c and o.key == c.key and o.rule == "nominal" and o.start > c.start:
                o.key, o.country, o.sector = new, owner.country, c.sector
        c.key = new


NON_STATE_SECTORS = ("REB", "OPP")


def _its_owner(doc, owners: list[Cand], its, sent: int) -> Cand | None:
    """The state or organisation "its" points at: the nearest subject before it in the sentence,
    else the nearest outside a place phrase or a modifier, else the nearest; else the first one in
    the sentence before."""
    sp = doc.nlp
    controller = _controller(its, owners)
    if controller is not None:
        return controller
    here = [(o, _root(sp, o)) for o in owners if o.start < its.idx and _sent(doc, o.start) == sent]
    here = [(o, r) for o, r in here if r is not None]
    subjects = [o for o, r in here if r.dep_.startswith("nsubj")]
    free = [o for o, r in here if not _in_place_phrase(r) and r.dep_ not in ("amod", "compound")]
    # "Pakistan, a key U.S. ally, has refused to deploy peacekeepers in Iraq and urged its citizens"
    here = subjects or free or [o for o, _ in here]
    prev = [o for o in owners if _sent(doc, o.start) == sent - 1]
    return here[-1] if here else (prev[0] if prev else None)


def _controller(its, owners: list[Cand]) -> Cand | None:
    """"called on Rwanda to withdraw its forces", "urged Serbia to pull back its troops": "its" in an
    infinitive with no subject of its own belongs to whom the verb above addresses (its object, or
    the noun after "on"), not to that verb's subject."""
    t = its.head
    for _ in range(4):
        if t.dep_ == "xcomp" and any(k.dep_ == "mark" and k.lower_ == "to" for k in t.children):
            break
        if t.head.i == t.i or t.dep_ not in ("obj", "dobj", "nmod", "obl", "conj", "compound"):
            return None
        t = t.head
    else:
        return None
    if any(k.dep_.startswith("nsubj") for k in t.children):
        return None
    for k in t.head.children:
        if k.i < t.i and (k.dep_ in ("obj", "dobj", "iobj") or k.dep_ == "obl" and any(
                c.dep_ == "case" and c.lower_ == "on" for c in k.children)):
            owner = next((o for o in owners if o.tok[0] <= k.i < o.tok[1]), None)
            if owner is not None:
                return owner
    return None


def _relative_owner(whose, owners: list[Cand]) -> Cand | None:
    """"Eritrea, whose troops fought ...": the noun the relative clause hangs on owns the group."""
    t = whose
    for _ in range(4):
        if t.dep_ in ("acl:relcl", "relcl") or t.head.i == t.i:
            break
        t = t.head
    if t.dep_ not in ("acl:relcl", "relcl"):
        return None
    noun = t.head
    return next((o for o in owners if o.tok[0] <= noun.i < o.tok[1]), None)


def _reporter(doc, cands: list[Cand], c: Cand) -> Cand | None:
    """"Spokesman Patrick Muyaya said Rwandan soldiers were fighting alongside the rebels and that the
    army had shot down two drones": a body with no country named in what a speaker with a country
    reports is the speaker's own ("the army" is ours), whoever else the report names."""
    sp = doc.nlp
    subj = report_subject(sp[c.tok[0]:c.tok[1]].root)
    if subj is None:
        return None
    return next((o for o in cands if o.tok[0] <= subj.i < o.tok[1] and o.country and o.country not in ("IGO", "NGO")
                 and o.kind in ("person", "organization", "state") and o is not c), None)


def _addressee(doc, cands: list[Cand], c: Cand) -> Cand | None:
    """"Trudeau told parliament", "the minister briefed the cabinet": a body a speaker with a country
    addresses is of the speaker's country."""
    root = doc.nlp[c.tok[0]:c.tok[1]].root
    if root.dep_ not in ("obj", "dobj", "iobj") or root.head.lemma_.lower() not in _ADDRESS_VERBS:
        return None
    subj = next((k for k in root.head.children if k.dep_ == "nsubj"), None)
    if subj is None:
        return None
    who = next((o for o in cands if o.tok[0] <= subj.i < o.tok[1] and o.kind in ("person", "organization", "state")
                and o is not c), None)
    if who is None:
        return None  # the first mention of the same actor says its country ("Canadian Prime Minister Justin Trudeau")
    return next((o for o in cands if o.key == who.key and o.country and o.country not in ("IGO", "NGO")
                 and not o.context_country), None)


_ADDRESS_VERBS = frozenset(lexicon()["address_verbs"])


def _object_owner(doc, located: list[Cand], c: Cand) -> Cand | None:
    """"Somalia called an emergency cabinet meeting": an organ that modifies the object of a verb is
    the organ of that verb's subject."""
    sp = doc.nlp
    root = sp[c.tok[0]:c.tok[1]].root
    if root.dep_ not in ("compound", "amod") or root.head.dep_ not in ("obj", "dobj", "xcomp"):
        return None
    verb = root.head.head
    while not any(k.dep_ == "nsubj" for k in verb.children) and verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head  # "recalled its envoy and called an emergency cabinet meeting"
    for k in verb.children:
        if k.dep_ == "nsubj":
            return next((o for o in located if o.tok[0] <= k.i < o.tok[1] and o.kind in ("state", "organization")), None)
    return None


def _speaks_last(doc, c, said) -> bool:
    """The person speaks after what it reports: "..., [the chief,] General X, told reporters" (a
    comma between the reported actor ``said`` and the person, a speech verb right after the person)."""
    sp = doc.nlp
    return _speech_follows(sp, c) and any(t.text == "," for t in sp[said.tok[1]:c.tok[0]])


def _org_rule(doc, located, c, sent, any_sector: bool = False, window: int = 6):
    best = None
    for o in located:
        if o.start >= c.start or o.kind == "state" and o.sector is None and not any_sector:
            continue
        if sent - _sent(doc, o.start) > window:
            continue
        if c.sector is not None and o.sector != c.sector and not any_sector:
            continue
        if o.salient and (best is None or o.start > best.start):
            best = o
    return best


def datelines_of(doc, cands: list[Cand]) -> list[Cand]:
    """The place of a dateline opening the body ("TBILISI, May 14 (Reuters) -"): the story's country."""
    body = doc.body
    found = [c for c in cands if c.kind == "place" and c.country and c.country not in ("IGO", "NGO")
             and body[c.start:c.end].isupper() and (c.start < 60 or c.start < 600 and body[c.start - 1] == "\n")]
    if len({c.country for c in found}) > 1:
        return []  # "BEIJING/WASHINGTON (AP) -": a story of two countries has no one country
    if found and _bureau(doc, cands, found):
        return []  # "BANGKOK -" over a story of Myanmar: where the reporter files from, not the story's country
    return found


def _bureau(doc, cands: list[Cand], found: list[Cand]) -> bool:
    """States, organisations or people of another country are named at least three times, and four
    times as often as the dateline's country is named in any way (an actor of it, or a name or demonym
    of it in the text: "Egyptian and Qatari mediators"). "HAVANA -" over a story of Colombia's talks
    that names Cuba once as a guarantor: the reporter's place, not the story's country."""
    home = found[0].country
    named: set[int] = set()
    counts: dict[str, int] = {}
    for c in cands:
        if c in found or not c.country or c.country in ("IGO", "NGO") or c.context_country:
            continue
        if c.country != home and c.kind in ("place", "group"):
            continue  # "Students rallied in Kampala" under "NAIROBI -": a scene, not who the story is about
        if c.country == home:
            named |= set(range(*c.tok))  # (a name counted once, as a word or as an actor)
            continue
        counts[c.country] = counts.get(c.country, 0) + 1
    top = max(counts.values(), default=0)
    if top < 3:
        return False  # (most stories: no need to read the words)
    kb = load_kb()
    named |= {t.i for t in doc.nlp if t.idx >= found[0].end and t.is_title and kb.country_of(t.text) == home}
    return 4 * len({_sent(doc, doc.nlp[i].idx) for i in named}) <= top


def _as_place(doc, o) -> bool:
    """A state named after a place preposition ("legislation used in Russia") stands for a place."""
    return o.kind == "state" and o.sector is None and o.tok[0] > 0 and doc.nlp[o.tok[0] - 1].lower_ in LOC_PREPS


VISIT_VERBS = lexicon()["visit_verbs"]


def _visited(sp, o):
    """The visit-like verb whose object the actor is (a place someone goes to), else None."""
    if not sp.has_annotation("DEP"):
        return None
    root = sp[o.tok[0]:o.tok[1]].root
    if root.dep_ in ("obj", "dobj") and root.head.lemma_.lower() in VISIT_VERBS:
        return root.head
    return None


def _speech_of(sp, c):
    """The speech verb whose subject the mention is ("X, a spokesman, said"), else None."""
    if not sp.has_annotation("DEP"):
        return None
    root = sp[c.tok[0]:c.tok[1]].root
    while root.dep_ == "flat" and root.head.i < root.i:  # ("Colonel Assimi Goita": the name hangs on its title)
        root = root.head
    if root.dep_ == "appos":  # "Mali's leader, Colonel X, said": the subject is the title X is set off after
        root = root.head
    if root.dep_ == "nsubj" and root.head.lower_ in SPEECH:
        return root.head
    return None


def _says(tok) -> bool:
    """A verb of saying in any form ("adding", "saying", "said")."""
    return tok.lower_ in SPEECH or tok.lemma_.lower() in SAY_LEMMAS


def _reported(sp, verb, o) -> bool:
    """The actor is named inside what ``verb`` reports (its clausal complement)."""
    t = sp[o.tok[0]:o.tok[1]].root
    while t.head.i != t.i and t.head.i != verb.i:
        if t.dep_ in ("ccomp", "parataxis") and _says(t.head) and t.head.dep_ in ("advcl", "conj") \
                and t.head.head.i == verb.i and not any(k.dep_.startswith("nsubj") for k in t.head.children):
            return True  # "X said, adding that Paris should ...": what his second verb reports
        t = t.head
    return t.head.i == verb.i and t.i != verb.i and t.dep_ in ("ccomp", "parataxis")


def _subject_of(sp, c):
    """The verb whose subject phrase the mention is, or ends ("Secretary of State X praised ..."), else None."""
    root = sp[c.tok[0]:c.tok[1]].root
    while root.dep_ in ("flat", "nmod", "appos", "compound") and root.head.i < root.i:
        root = root.head
    return root.head if root.dep_ in ("nsubj", "nsubj:pass", "nsubjpass") else None


def _subject_phrase(sp, c) -> bool:
    return c.salient or _subject_of(sp, c) is not None


def _same_token(a, b) -> bool:
    return a is not None and b is not None and a.i == b.i


def _argument_of(sp, o):
    """The verb the mention is an object or oblique of ("praised Kenya"), else None."""
    root = sp[o.tok[0]:o.tok[1]].root
    while root.dep_ == "conj" and root.head.i < root.i:  # ("between the Emirates and Saudi Arabia")
        root = root.head
    if root.dep_ in ("compound", "nmod:poss", "amod") and root.head.pos_ in ("NOUN", "PROPN"):
        root = root.head  # "calling the U.S. accusations baseless": the state modifies the object
    if root.dep_ not in ("obj", "dobj", "iobj", "obl") or root.head.pos_ != "VERB":
        return None
    verb = root.head
    while verb.dep_ in ("advcl", "xcomp", "conj") and verb.head.pos_ == "VERB" \
            and not any(t.dep_.startswith("nsubj") or t.dep_ == "mark" and verb.dep_ == "advcl" for t in verb.children):
        verb = verb.head  # "..., calling X baseless" shares the subject of the verb it hangs on (not a purpose:
        # "resigned to allow Haiti's first elections" is for his own country)
    return verb


def _sentence_rule(doc, located, c, sent):
    best, dist = None, None
    verb = _speech_of(doc.nlp, c)
    acting = _subject_of(doc.nlp, c) if c.kind == "person" else None
    for o in located:
        if _sent(doc, o.start) != sent or o.key == c.key:
            continue
        if verb is not None and _reported(doc.nlp, verb, o):
            continue  # "Kanaani said the United States would pay": whom a speaker names is not his country
        d = c.start - o.end if o.end <= c.start else o.start - c.end
        sp = doc.nlp
        visit = _visited(sp, o)
        if visit is not None and c.tok[0] < visit.i:
            continue  # "Marcos is expected to visit Tokyo": where the visitor goes is not his country
        if o.tok[0] > 0 and sp[o.tok[0] - 1].lower_ in LOC_PREPS and sp[o.tok[0] - 1].lower_ != "of":
            d += 1000  # "advisers to Iraq": a destination is not the person's country
        if acting is not None and o.kind == "state" and not o.salient and o.tok[0] >= c.tok[1] \
                and _same_token(_argument_of(sp, o), acting):
            continue  # "Secretary of State X praised Kenya": what the person acts on is not whose he is
        if dist is None or d < dist:
            best, dist = o, d
    return best


def relations(ctx: Context, doc, cands: list[Cand]) -> list[dict]:
    """"X, the covert arm of Y", "it is a wing of Y", "X reports directly to Y" -> relation dicts."""
    sp = ctx.doc
    ordered = sorted((c for c in cands if c.kind in ("organization", "person", "state", "group")),
                     key=lambda c: c.start)
    starts = [c.start for c in ordered]
    orgs = [c for c in ordered if c.kind == "organization"]
    out = []
    last_it = None
    lower = ctx.lower
    for i, low in enumerate(lower):
        if low not in RELATION_NOUNS and low not in ("reports", "reported", "answers", "answerable"):
            continue
        tok = sp[i]
        rel = None
        if low in RELATION_NOUNS and tok.i + 1 < len(sp) and sp[tok.i + 1].lower_ == "of":
            rel, after = ("part_of" if low not in ("proxy", "affiliate") else low), tok.i + 2
        elif low in ("reports", "reported", "answers", "answerable") and tok.i + 1 < len(sp):
            k = tok.i + 1 + (sp[tok.i + 1].lower_ == "directly")
            if k < len(sp) and sp[k].lower_ == "to":
                rel, after = "reports_to", k + 1
        if rel is None:
            continue
        s = tok.sent
        i = bisect.bisect_left(starts, sp[after].idx if after < len(sp) else tok.idx)
        parent = None
        for c in ordered[i:]:
            if c.start >= s.end_char:
                break
            if doc.body[c.end:c.end + 2] in ("'s", "\u2019s"):
                continue  # "Iran's ... Revolutionary Guards": the possessor is not the parent
            parent = c
            break
        child = None
        for c in reversed(ordered[:bisect.bisect_left(starts, tok.idx)]):
            if c.start < s.start_char:
                break
            if c.kind == "organization" or c.kind == "person" and rel == "reports_to":
                child = c
                break
        if child is None:  # "it is a wing of ..." -> the last organisation (or the last "it")
            it = [t for t in s if t.lower_ == "it" and t.i < tok.i]
            if it:
                if last_it is not None and last_it[0] >= _sent(doc, s.start_char) - 1:
                    child = last_it[1]
                else:
                    prev = [o for o in orgs if o.start < it[0].idx]
                    child = prev[-1] if prev else None
                if child is not None:
                    last_it = (_sent(doc, s.start_char), child)
        if parent is None or child is None or parent.key == child.key:
            continue
        out.append({"child": child.key, "parent": parent.key, "relation": rel,
                    "evidence": {"start": s.start_char, "end": s.end_char, "sentence": _sent(doc, s.start_char),
                                 "text": sp[tok.i:min(after, len(sp))].text}})
    return out
