"""Read the words around a head: titles, nationality, organisation, descriptors.

``left_chain`` walks left from a name or a head noun over "Iran's Defense Minister",
"U.S. Ambassador to Iraq", "senior Iraqi", "the Iranian-backed Lebanese Shi'ite"; ``apposition``
reads ", commander of the Quds Force," after a name. Both return a :class:`Role`.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from spacy.attrs import LOWER, ORTH, SENT_START, SPACY

from .kb import Entry, Title, lexicon, norm

DETERMINERS = {"the", "a", "an", "some", "many", "several", "few", "other", "two", "three", "four", "five",
               "dozens", "scores", "hundreds", "thousands", "tens", "millions", "most", "all", "both", "its", "their", "his", "her", "our",
               "these", "those", "various", "numerous", "more", "than"}
# lowercase words that may sit inside a title or descriptor chain when no tagger is available
CHAIN_WORDS = frozenset(lexicon()["chain_words"])  # data/actors/lexicon.yaml
# sectors of ranks and offices ("Major", "officer"): as a weak title before a group noun they are no modifier
_RANKED = frozenset((None, "-", "MIL", "GOV", "COP", "JUD", "LEG", "SPY"))
HYPHEN_ONLY = {"declared", "backed", "led"}  # chain words only as the end of a hyphenated word
SECTOR_WORDS = lexicon()["sector_words"]  # "separatist officials": REB (data/actors/lexicon.yaml)
# "<X>-led" gives the group X's country; "<X>-backed" only says who supports it
LED_WORDS = {"led": "led", "backed": "backed", "supported": "backed", "sponsored": "backed",
             "funded": "backed", "armed": "backed", "allied": "backed", "aligned": "backed"}
STOP_POS = {"VERB", "AUX", "PRON", "ADP", "CCONJ", "SCONJ", "PUNCT", "NUM", "PART"}


@dataclass
class Role:
    titles: list[Title] = field(default_factory=list)  # nearest first
    title_spans: list[tuple[int, int]] = field(default_factory=list)
    country: str | None = None
    country_via: str = ""  # evidence
    posting: str | None = None  # "Ambassador to Iraq"
    org: Entry | None = None
    org_span: tuple[int, int] | None = None
    person_key: Any = None  # "the Maliki government": the person's candidate
    attributes: list[str] = field(default_factory=list)
    sector_words: list[str] = field(default_factory=list)  # sector adjectives ("military", "police")
    start: int = -1  # first token of the chain (for spans)
    evidence: list[str] = field(default_factory=list)

    def add_attr(self, a: str) -> None:
        if a and a not in self.attributes:
            self.attributes.append(a)


def _name_like(txt: str) -> bool:
    """Capitalised, with a letter, not an all-caps acronym (hits and NOT_NAME are checked apart)."""
    return txt[:1].isupper() and any(c.isalpha() for c in txt) and not (txt.isupper() and len(txt) > 1)


class Context:
    """Per-document token view: the hits by token, persons by token, POS availability."""

    def __init__(self, spdoc, hits, kb) -> None:
        self.doc = spdoc
        self.kb = kb
        self.hit_at: list[Any] = [None] * len(spdoc)
        for h in hits:
            for i in range(h.start, h.end):
                self.hit_at[i] = h
        self.hits = hits
        self.person_at: dict[int, Any] = {}  # token -> person candidate key
        self.used: set[int] = set()  # title tokens read as part of a person's chain
        self.consumed: list[tuple[int, int]] = []  # modifier tokens inside a body/group mention
        self.places: list[tuple[int, int, str | None]] = []  # toponyms: token span, country hint
        self.tagged = spdoc.has_annotation("TAG") and spdoc.has_annotation("POS")
        self.parsed = spdoc.has_annotation("DEP")
        # plain per-token lists, read by the hot loops instead of creating spaCy Token objects
        arr = spdoc.to_array([ORTH, LOWER, SPACY, SENT_START]).tolist() if len(spdoc) else []
        strings = spdoc.vocab.strings
        self.text = [strings[a[0]] for a in arr]
        self.lower = [strings[a[1]] for a in arr]
        self.ws = [" " if a[2] else "" for a in arr]
        self.sent_start = [a[3] == 1 for a in arr]
        self.name_like = [_name_like(x) for x in self.text]
        self._country_counts: dict[str, int] | None = None

    @property
    def country_counts(self) -> dict[str, int]:
        """How often the document names each country (by name, demonym or capital)."""
        if self._country_counts is None:
            counts: dict[str, int] = {}
            for h in self.hits:
                if h.cat in ("country", "demonym", "capital", "plural") and isinstance(h.value, str):
                    counts[h.value] = counts.get(h.value, 0) + 1
            self._country_counts = counts
        return self._country_counts

    def foreign_generic(self, entry, text: str) -> bool:
        """A generic alias of a KB organ ("Treasury", "the Senate") in a story that names other
        countries but never the organ's own: that story's organ, not the KB one."""
        counts = self.country_counts
        return bool(entry.generic) and entry.country is not None and norm(text) in entry.generic \
            and bool(counts) and not counts.get(entry.country)

    def consume(self, s: int, e: int) -> None:
        if e > s:
            self.consumed.append((s, e))


def _set_country(role: Role, iso: str, via: str) -> None:
    if role.country is None:
        role.country = iso
        role.country_via = via


def _led_by(ctx: Context, role: Role, h, how: str) -> bool:
    """"Saudi-led coalition": the leader's country is the group's; "Iran-backed militia": the backer
    is an attribute only (the militia is not Iranian). False when the leader is not a collective."""
    text = ctx.doc[h.start:h.end].text
    if h.cat == "org":
        if h.value.kind == "person":
            return False
        iso, who = h.value.country, h.value.name
        if how == "led" and role.org is None:
            role.org, role.org_span = h.value, (h.start, h.end)
    else:
        iso, who = h.value, text
    if how == "led":
        if iso:
            _set_country(role, iso, f"led:{text}")
        role.add_attr(f"led-by:{iso or who}")
    else:
        role.add_attr(f"backed-by:{iso or who}")
    role.start = h.start
    return True


def left_chain(ctx: Context, i: int, limit: int = 10, for_person: bool = False) -> Role:
    """Analyse tokens left of token ``i`` (exclusive)."""
    doc, role = ctx.doc, Role(start=i)
    country_at = i  # where the words that gave the country start
    j = i - 1
    sent_start = 0  # parsed sentence starts can be wrong inside names; stop at punctuation instead
    steps = 0
    after_det = False
    while j >= sent_start and steps < limit:
        steps += 1
        tok = doc[j]
        low = tok.lower_
        h = ctx.hit_at[j]
        if "\n" in tok.whitespace_ or after_det and low not in DETERMINERS:
            break
        if low in ("'s", "\u2019s", "'"):
            j -= 1
            continue
        if j in ctx.person_at and tok.text[:1].isupper():
            if role.person_key is not None or role.titles:
                break
            role.person_key = ctx.person_at[j]
            k = j
            while k - 1 >= sent_start and ctx.person_at.get(k - 1) == role.person_key:
                k -= 1
            role.start = k
            j = k - 1
            continue
        if h is not None:
            cat = h.cat
            if cat == "title":
                t = h.value
                if t.kind in ("body", "group") and role.titles == [] and t.sector:
                    role.sector_words.append(t.sector)  # "police units", "government officials"
                elif not for_person and t.kind in ("person", "honorific"):
                    if not ("weak" in t.flags and t.sector not in _RANKED and role.titles == []
                            and not role.sector_words):
                        break  # "major units": a title does not describe a group
                    role.sector_words.append(t.sector)  # "student leaders": a people noun as a modifier
                else:
                    role.titles.append(t)
                    role.title_spans.append((h.start, h.end))
            elif cat in ("country", "demonym", "capital"):
                if cat == "country" and h.start - 2 >= sent_start and doc[h.start - 1].lower_ == "to" \
                        and ctx.hit_at[h.start - 2] is not None and ctx.hit_at[h.start - 2].cat == "title":
                    role.posting = h.value  # "Ambassador to Iraq": skip the posting, go on left
                    j = h.start - 2
                    role.start = j + 1
                    continue
                if role.country is not None and role.country != h.value and doc[h.end].text != "-":
                    role.start = country_at  # "the Philippines summoned China's ambassador": stop at China
                    break
                if role.country is None:
                    country_at = h.start
                _set_country(role, h.value, f"{cat}:{doc[h.start:h.end].text}")
            elif cat == "plural":
                if not (role.country is None and "demonym" in h.alts):
                    break
                _set_country(role, h.alts["demonym"], f"demonym:{doc[h.start:h.end].text}")
            elif cat == "org":
                if h.value.kind == "person":
                    break
                if role.org is None:
                    role.org, role.org_span = h.value, (h.start, h.end)
            elif cat == "attr":
                role.add_attr(h.value)
                if low in SECTOR_WORDS and not role.titles:  # "separatist officials": REB, and an attribute
                    role.sector_words.append(SECTOR_WORDS[low])
            role.start = h.start
            j = h.start - 1
            continue
        if low in LED_WORDS and j >= 2 and ctx.text[j - 1] == "-" and ctx.hit_at[j - 2] is not None \
                and ctx.hit_at[j - 2].cat in ("country", "demonym", "capital", "org") \
                and ctx.hit_at[j - 2].end == j - 1:
            if not _led_by(ctx, role, ctx.hit_at[j - 2], LED_WORDS[low]):  # "Saudi-led", "Iran-backed"
                break
            j = role.start - 1
            continue
        if low in SECTOR_WORDS and not role.titles:
            role.sector_words.append(SECTOR_WORDS[low])
            role.start = j
            j -= 1
            continue
        if low in DETERMINERS:
            j -= 1  # not part of the span, and it opens the phrase: only more determiners stand left of
            after_det = True  # it ("pull back its troops": not "back")
            continue
        if tok.is_space or (tok.is_punct and tok.text != "-"):
            break
        if not for_person and ctx.tagged and tok.pos_ == "NOUN" and tok.dep_ == "compound" and tok.text.islower() \
                and j < tok.head.i < i + 3:
            j -= 1  # "Nigerian oil workers", "Greek public sector workers": a trade or branch, skipped;
            continue  # the span grows only if a country, an organisation or a title lies further left
        if low in CHAIN_WORDS or (ctx.tagged and tok.pos_ in ("ADJ", "ADV") and tok.text[:1].islower()
                                  and not tok.tag_.startswith("W")):  # "Tehran where militants ...": a clause
            if low == "-" and (tok.whitespace_ or j == 0 or doc[j - 1].whitespace_):
                break  # a spaced dash ends the phrase ("(Reuters) - Chile's government"); "self-declared" goes on
            if low in HYPHEN_ONLY and not (j > 0 and doc[j - 1].text == "-" and not doc[j - 1].whitespace_):
                break  # "declared a state": a verb, not "self-declared"
            if low.endswith("ed") and low not in CHAIN_WORDS and j + 2 < len(doc) and (
                    doc[j + 1].tag_ in ("DT", "PRP$") or doc[j + 2].lower_ in ("'s", "\u2019s")):
                break  # "the ministry summoned Pakistan's acting envoy": a verb the tagger read as an adjective
            if low in ("senior", "top"):
                role.add_attr("senior")
            elif low in ("exiled", "former", "armed"):
                role.add_attr(low)
            role.start = j
            j -= 1
            continue
        break
    return role


APPOS_PREPS = {"of", "for", "at", "in", "to", "with"}


def apposition(ctx: Context, j: int, limit: int = 12) -> Role | None:
    """Read ", [the] Iran's foreign minister," / ", commander of the Quds Force," from token ``j``."""
    doc = ctx.doc
    if j >= len(doc) or doc[j].text not in (",", "\u2014", "(", "-", "\u2013"):
        return None
    if j + 1 < len(doc) and doc[j + 1].lower_ in ("and", "or", "but", "while", "who", "which"):
        return None  # "X, and EU foreign policy chief Y": a new conjunct or clause, not an apposition
    return read_role(ctx, j + 1, min(len(doc), j + 1 + limit), Role(start=j))


# "X was sworn in as president", "X, who was elected prime minister": a title the predicate gives
INSTALLED = {"elected", "appointed", "named", "installed"}  # in the passive only
BECOME = {"became", "becomes", "become"}


def installed_title(ctx: Context, j: int) -> Role | None:
    """Read "was sworn in as the island's president" / "was elected prime minister" from token ``j``."""
    low, n = ctx.lower, len(ctx.doc)
    k = j
    if k < n and low[k] == ",":
        k += 1 + (k + 1 < n and low[k + 1] == "who")  # ", who was elected president,"
    verb = k
    while k < n and low[k] in ("was", "is", "has", "had", "been", "be", "will", "would", "later", "then", "newly"):
        k += 1
    passive = any(low[i] in ("was", "is", "been", "be") for i in range(verb, k))
    if k + 2 < n and low[k] == "sworn" and low[k + 1] == "in":
        k += 2
    elif k < n and (low[k] in BECOME or passive and low[k] in INSTALLED):
        k += 1  # ("Macron named Barnier prime minister": the one named is not Macron)
    else:
        return None
    if k < n and low[k] == "as":
        k += 1
    return read_role(ctx, k, min(n, k + 6), Role(start=k))


def read_role(ctx: Context, k: int, end: int, role: Role) -> Role | None:
    """Read a title phrase from token ``k`` up to punctuation or ``end``: the titles before any
    preposition, and the country, organisation, sector words and attributes anywhere in it
    ("spokesperson for the Chinese foreign ministry"). None without a title."""
    doc = ctx.doc
    start = k
    after_prep = False
    found_title = False
    while k < end:
        tok = doc[k]
        h = ctx.hit_at[k]
        if tok.text in (",", ".", ";", ")", "\u2014") or tok.is_sent_start and k > start:
            break
        if h is not None:
            if h.cat == "title" and h.value.kind in ("person", "honorific") and not after_prep:
                role.titles.append(h.value)
                found_title = True
            elif h.cat == "title" and h.value.kind == "body" and h.value.sector:
                role.sector_words.append(h.value.sector)
            elif h.cat in ("country", "demonym", "capital"):
                _set_country(role, h.value, f"apposition {h.cat}:{doc[h.start:h.end].text}")
            elif h.cat == "org" and h.value.kind != "person" and role.org is None:
                role.org, role.org_span = h.value, (h.start, h.end)
            elif h.cat == "attr":
                role.add_attr(h.value)
            k = h.end
            continue
        low = tok.lower_
        if low in APPOS_PREPS:
            after_prep = True
        elif low in ("who", "which", "that", "said", "says", "told") or (ctx.tagged and tok.pos_ in ("VERB", "AUX")):
            break
        k += 1
    if not found_title:
        return None
    return role
