"""Candidate mentions: people (titles, NER, appositions, surnames), organisations, states,
collective bodies ("the U.S. military"), groups ("Iraqi Shi'ite militants") and places.

Each candidate carries an identity ``key``; candidates with the same key become one actor.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .kb import KB, Entry, lexicon
from .titles import DETERMINERS, Context, Role

# word classes from data/actors/lexicon.yaml (see there)
PARTICLES = lexicon()["name_particles"]
NOT_NAME = lexicon()["not_names"]
MONTH_SURNAMES = lexicon()["month_surnames"]
SPEECH = lexicon()["speech_forms"]
LOC_PREPS = {"in", "at", "near", "from", "into", "to", "outside", "inside", "across", "around", "within",
             "towards", "toward", "via", "through", "throughout", "between", "of", "nearby", "onto", "off"}
BODY_CANON = {"government": "government", "administration": "government", "regime": "government",
              "cabinet": "government", "presidency": "government", "state": "government",
              "military": "military", "army": "military", "armed forces": "military"}
GENERIC_HEADS = {"units", "forces", "officers", "commanders", "agents", "operatives", "leaders", "officials",
                 "senior officials", "advisers", "advisors", "authorities", "leadership", "sources"}
MEMBER_PREPS = {"from", "of", "with", "belonging", "loyal", "linked", "allied"}


@dataclass
class Cand:
    start: int  # char offsets into the body
    end: int
    tok: tuple[int, int]
    key: Any
    kind: str
    name: str
    rule: str
    country: str | None = None
    sector: str | None = None
    attributes: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    part_of: str | None = None
    gender: str | None = None
    titles: list[str] = field(default_factory=list)
    salient: bool = False
    geo: dict | None = None
    context_country: bool = False  # a person whose country must come from the context
    kb_country: str | None = None  # a namesake's country in people.yaml: used when the context gives none

    @property
    def info(self) -> int:
        return (self.country is not None) * 2 + (self.sector is not None) * 2 + len(self.evidence)


def span_cand(ctx: Context, s: int, e: int, strip: bool = True, **kw) -> Cand:
    doc = ctx.doc
    while strip and s < e - 1 and doc[s].lower_ in DETERMINERS:
        s += 1
    sp = doc[s:e]
    kw.setdefault("name", sp.text)
    c = Cand(sp.start_char, sp.end_char, (s, e), **kw)
    c.salient = is_salient(ctx, s, e)
    return c


def is_salient(ctx: Context, s: int, e: int) -> bool:
    """A subject or a speaker: nsubj in the parse; otherwise followed by a speech verb."""
    doc = ctx.doc
    if ctx.parsed:
        if any(t.dep_ in ("nsubj", "nsubjpass") for t in doc[s:e]):
            return True
    for t in doc[e:min(len(doc), e + 3)]:
        if t.lower_ in SPEECH:
            return True
        if t.is_punct and t.text not in (",",):
            break
    return doc[s].is_sent_start or (s > 0 and doc[s - 1].lower_ in ("the",) and doc[s - 1].is_sent_start)


# -- names --------------------------------------------------------------------------------------
def _name_token(ctx: Context, i: int) -> bool:
    h = ctx.hit_at[i]
    if h is not None and h.cat != "attr":
        return False
    return ctx.name_like[i] and ctx.text[i] not in NOT_NAME


def surname_he(ctx: Context, i: int) -> bool:
    """Token ``i`` is "He" as a Chinese surname ("Vice Premier He Lifeng"), not the pronoun: a
    proper-noun name follows, and then no capitalised word (a title-case headline: "He Says Iran ...")."""
    n = len(ctx.text)
    if ctx.text[i] != "He" or i + 1 >= n or not _name_token(ctx, i + 1) or ctx.text[i + 1] in NOT_NAME:
        return False
    if ctx.tagged and ctx.doc[i + 1].tag_ != "NNP":
        return False
    return i + 2 >= n or not ctx.name_like[i + 2]


def inner_honorific(ctx: Context, j: int) -> bool:
    """A one-word capitalised honorific followed by a name: the "Sheikh" of "Hassan Sheikh Mohamud"."""
    h = ctx.hit_at[j]
    return h is not None and h.cat == "title" and h.value.kind == "honorific" and h.end == j + 1 \
        and ctx.text[j][:1].isupper() and j + 1 < len(ctx.text) and _name_token(ctx, j + 1)


def _syllable(word: str) -> bool:
    """A lower-case part of a hyphenated given name ("myung" in "Jae-myung"), not of a compound
    adjective ("Kremlin-backed", "Biden-era", "Tehran-based")."""
    return word.isalpha() and word.islower() and len(word) <= 5 and not word.endswith(("ed", "ing")) \
        and word not in _COMPOUND_TAILS


_COMPOUND_TAILS = frozenset(("era", "style", "born", "made", "like", "run", "wide", "free", "type", "class",
                             "level", "year", "old", "led", "held", "owned", "bound", "based", "proof",
                             "long", "day", "week", "month", "time", "term", "scale", "side", "one", "two"))


def name_at(ctx: Context, i: int, max_len: int = 6) -> int:
    """End (exclusive) of a personal name starting at token ``i``; ``i`` if none."""
    text, n = ctx.text, len(ctx.text)
    j = i
    last_good = i
    if surname_he(ctx, i):
        j = i + 1
    while j < n and j - i < max_len:
        if j > i and ("\n" in ctx.ws[j - 1] or text[j - 1] in (".", "!", "?", ":", ";")):
            break
        h = ctx.hit_at[j]
        if (j > i and h is not None and h.cat == "title" and h.start == j and h.end == j + 1
                and text[j][:1].isupper() and not (j + 1 < n and _name_token(ctx, j + 1))):
            j += 1  # "Julie Bishop", "John Major": a title word as a surname
            last_good = j
            break
        if _name_token(ctx, j):
            j += 1
            last_good = j
        elif j == last_good and j > i and text[j] in MONTH_SURNAMES and not (j + 1 < n and (
                text[j + 1][:1].isdigit() or ctx.tagged and ctx.doc[j + 1].tag_ in ("VB", "RB"))):
            j += 1  # "Theresa May said": a month after a given name, with no day after it, is the surname
            last_good = j
            break
        elif j > i and inner_honorific(ctx, j):
            j += 1  # "Hassan Sheikh Mohamud": an honorific inside the name
        elif ctx.lower[j] in PARTICLES and j + 1 < n and (text[j + 1] == "-" or _name_token(ctx, j + 1) or (
                ctx.lower[j + 1] in PARTICLES and j + 2 < n and _name_token(ctx, j + 2))):
            j += 1  # ("von der Leyen": two particles)
        elif text[j] == "-" and j > i and not ctx.ws[j - 1] and j + 1 < n and \
                (_name_token(ctx, j + 1) or ctx.lower[j + 1] in PARTICLES):
            j += 1
        elif text[j] == "-" and j == last_good and not ctx.ws[j - 1] and not ctx.ws[j] and j + 1 < n \
                and _syllable(text[j + 1]):
            j += 2  # "Lee Jae-myung", "Han Dong-hoon": a hyphenated given name
            last_good = j
        elif text[j] == "." and j == last_good and j - i == 1 and len(text[j - 1]) == 1:
            j += 1  # "George W. Bush" initials come as "W."
        else:
            break
    return last_good


def _office(phrase: str) -> str:
    return " ".join(phrase.lower().replace("defence", "defense").replace("-", " ").split())


_TOP_OFFICES = lexicon()["top_offices"]


def _other_office(text_title: str, kb_role: str) -> bool:
    """The text gives a person of the knowledge base a different office ("Defence Minister Pedro
    Sanchez" for a prime minister of that name), not a variant ("opposition leader" / "leader") nor a
    top office he may have risen to."""
    return text_title != kb_role and not text_title.endswith(" " + kb_role) and not kb_role.endswith(" " + text_title) \
        and text_title not in _TOP_OFFICES


def person_from_role(c: Cand, role: Role, appos: Role | None, kb: KB, entry: Entry | None) -> None:
    """Fill country, sector, attributes and evidence of a person from titles and context words."""
    titles = list(role.titles) + (list(appos.titles) if appos else [])
    org = role.org or (appos.org if appos else None)
    country = role.country or (appos.country if appos else None)
    via = role.country_via or (appos.country_via if appos else "")
    for r in (role, appos):
        if r:
            for a in r.attributes:
                if a not in c.attributes:
                    c.attributes.append(a)
    strong = [t for t in titles if not t.weak and t.kind == "person"]
    chosen = strong[0] if strong else (titles[0] if titles else None)
    sector = None
    if chosen is not None:
        c.titles = [t.phrase for t in titles]
        c.evidence.append(f"title:{chosen.phrase}")
        sector = chosen.sector
        for a in chosen.attributes:
            if a not in c.attributes:
                c.attributes.append(a)
        for t in titles:
            if "female" in t.flags:
                c.gender = "f"
            elif "male" in t.flags:
                c.gender = "m"
            for a in t.attributes:  # honorifics: Ayatollah -> Shi'ite
                if t.kind == "honorific" and a not in c.attributes:
                    c.attributes.append(a)
        if sector is None or chosen.weak:
            # "opposition candidate X": a collective word before the title gives the sector
            sw = role.sector_words + (appos.sector_words if appos else []) + [
                t.sector for t in titles if t.kind in ("body", "group") and t.sector]
            if sw:
                sector = sw[0]
                c.evidence.append(f"modifier:{sw[0]}")
    if org is not None:
        c.evidence.append(f"kb:{org.name}")
        c.part_of = org.name
        if org.country in ("IGO", "NGO"):
            if sector and sector not in c.attributes and sector != org.sector:
                c.attributes.append(sector)
            country, sector = org.country, org.sector
        else:
            country = country or org.country
            if sector is None or (chosen is not None and chosen.weak):
                sector = org.sector
            elif org.sector == "REB" and sector in ("MIL", "GOV"):
                sector = "REB"
            if not via:
                via = f"org:{org.name}"
    if entry is not None and country is None and chosen is not None and chosen.kind == "person" \
            and not chosen.weak and entry.role and _other_office(_office(chosen.phrase), _office(entry.role)):
        # "Defence Minister Pedro Sanchez" where the knowledge base has a prime minister of that name:
        # perhaps a namesake, so the context speaks first
        c.kb_country = entry.country
        entry = None
    if entry is not None:
        c.evidence.append(f"kb:{entry.name}")
        country = country or entry.country
        sector = sector or entry.sector
        if entry.part_of and not c.part_of:
            c.part_of = entry.part_of
        if not via:
            via = f"kb:{entry.name}"
    office = next((f.split(":", 1)[1] for f in chosen.flags if f.startswith("office:")), None) if chosen else None
    if country is None and office:  # "Pope Leo": the office says whose
        country, via = office, f"office:{chosen.phrase}"
    c.country, c.sector = country, sector
    if via and country:
        c.evidence.append(f"country:{via}")
    if role.posting:
        c.attributes.append(f"posted:{role.posting}")
    c.context_country = country is None
    if c.sector is None and chosen is not None and chosen.sector is None:
        c.evidence.append("sector:context")


def report_subject(tok):
    """The subject token of the speech verb whose report (ccomp/parataxis) holds ``tok``, else None:
    "Aliyev said [the army had struck ...]" -> Aliyev."""
    t = tok
    for _ in range(8):
        if t.head.i == t.i:
            return None
        if t.dep_ in ("ccomp", "parataxis") and t.head.lower_ in SPEECH:
            return next((k for k in t.head.children if k.dep_ == "nsubj"), None)
        t = t.head
    return None


OWNER_WORDS = ("its", "his", "her", "whose")


def owner_before(ctx: Context, i: int) -> int | None:
    """The token of an owner word ("its", "his", "her", "whose") before token i, over at most three
    modifiers ("its peacekeeping force", "his two sons"), else None."""
    j, doc = i - 1, ctx.doc
    while j > i - 4 and j >= 0 and doc[j].pos_ in ("ADJ", "NUM", "NOUN") and ctx.lower[j] not in OWNER_WORDS:
        j -= 1
    return j if j >= 0 and ctx.lower[j] in OWNER_WORDS else None
