"""The actor knowledge base: countries, seats of government, organisations, people, titles, attributes.

Everything is read from the data files in ``dossier/data/actors/`` plus any user files
(``Options.actors_files``, YAML or CSV, see that folder's README); user entries win.
``load_kb(extra_files)`` is cached per set of files; ``lexicon()`` (the word classes of
``lexicon.yaml`` used by the mention, coreference and sector rules) is read once.
"""
from __future__ import annotations

import csv
import functools
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "actors"
ORG_FILES = ("seats.yaml", "igos.yaml", "armed_groups.yaml", "state_organs.yaml", "media.yaml", "people.yaml")
KINDS = ("person", "organization", "state", "group", "place")


@dataclass(slots=True)
class Entry:
    """One named actor of the knowledge base."""
    name: str
    kind: str  # person | organization | state | group | place | person_role
    country: str | None = None
    sector: str | None = None
    aliases: list[str] = field(default_factory=list)
    attributes: list[str] = field(default_factory=list)
    part_of: str | None = None
    reports_to: str | None = None
    operates_in: list[str] = field(default_factory=list)
    role: str | None = None  # people: their title
    source: str = ""  # file it came from
    metonym_only: bool = False  # a place name that is an actor only when used as one ("Langley")
    generic: frozenset = frozenset()  # norm'd aliases that are this entry only in its country's news

    @property
    def code(self) -> str | None:
        return code_of(self.country, self.sector)


@dataclass(slots=True)
class Country:
    iso3: str
    name: str
    aliases: list[str]
    demonyms: list[str]
    plurals: list[str]
    capital: str
    geonameid: int | None
    seats: list[str] = field(default_factory=list)  # other seats of government ("La Paz" beside "Sucre")


@dataclass(slots=True)
class Title:
    phrase: str
    kind: str  # person | honorific | group | body
    sector: str | None  # None = inherit
    attributes: list[str]
    flags: frozenset[str]

    @property
    def weak(self) -> bool:
        return "weak" in self.flags


def code_of(country: str | None, sector: str | None) -> str | None:
    """CAMEO-style code: country + sector ("IRNMIL"); IGO/NGO entries give "IGO"/"NGO" alone."""
    if country and sector and country not in (sector,):
        return f"{country}{sector}"
    return country or sector


@functools.lru_cache(maxsize=65536)
def norm(text: str) -> str:
    """Lookup key: case-folded, curly quotes straightened, accents and a leading "the" dropped."""
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u2010", "-").replace("\u2013", "-")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold().strip()
    if text.startswith("the "):
        text = text[4:]
    return " ".join(text.split())


class KB:
    """Lookup tables built from the data files; immutable once loaded."""

    def __init__(self) -> None:
        self.entries: dict[str, Entry] = {}  # canonical name -> entry
        self.aliases: dict[str, Entry] = {}  # norm(alias) -> entry (organisations, people, seats)
        self.countries: dict[str, Country] = {}  # iso3 -> country
        self.country_names: dict[str, str] = {}  # norm(name/alias) -> iso3
        self.demonyms: dict[str, str] = {}  # norm(adjective) -> iso3
        self.plurals: dict[str, str] = {}  # norm(plural demonym) -> iso3
        self.capitals: dict[str, str] = {}  # norm(capital) -> iso3
        self.titles: dict[str, Title] = {}  # norm(phrase, hyphens as spaces) -> title
        self.attributes: dict[str, str] = {}  # norm(word) -> canonical attribute
        self.centroids: dict[tuple[str, str], tuple[float, float]] = {}
        self.org_heads: frozenset[str] = frozenset()  # last words of organisation names (org_heads.txt)
        self.files: list[str] = []

    # -- lookups -------------------------------------------------------------------------------
    def lookup(self, name: str) -> Entry | None:
        """The entry named or aliased ``name`` (organisations, seats, people, countries, capitals)."""
        key = norm(name)
        if key in self.aliases:
            return self.aliases[key]
        iso = self.country_names.get(key)
        if iso:
            return self.country_entry(iso)
        iso = self.capitals.get(key)
        if iso:
            c = self.countries[iso]
            return Entry(c.capital, "state", iso, "GOV", source="countries.tsv:capital")
        return None

    def country_entry(self, iso3: str) -> Entry:
        c = self.countries[iso3]
        return Entry(c.name, "state", iso3, None, aliases=list(c.aliases), source="countries.tsv")

    def title(self, phrase: str) -> Title | None:
        return self.titles.get(title_key(phrase))

    def country_of(self, word: str) -> str | None:
        """ISO3 for a country name, alias or demonym adjective."""
        key = norm(word)
        return self.country_names.get(key) or self.demonyms.get(key)

    # -- loading -------------------------------------------------------------------------------
    def add_entry(self, e: Entry) -> None:
        old = self.entries.get(e.name)
        if old is not None:  # a later file (the user's) wins; drop the old aliases
            for a in [old.name, *old.aliases]:
                if self.aliases.get(norm(a)) is old:
                    del self.aliases[norm(a)]
        self.entries[e.name] = e
        if e.kind == "person_role":
            return
        for a in [e.name, *e.aliases]:
            self.aliases[norm(a)] = e


def title_key(phrase: str) -> str:
    return norm(phrase).replace("-", " ").replace(" .", ".")


def _split(value: Any) -> list[str]:
    if value is None or value == "":
        return []
    if isinstance(value, (list, tuple)):
        return [str(v).strip() for v in value if str(v).strip()]
    return [v.strip() for v in str(value).replace("|", ";").split(";") if v.strip()]


def _tsv(path: Path) -> Iterable[list[str]]:
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            yield line.rstrip("\n").split("\t")


def entry_from_dict(d: dict[str, Any], source: str) -> Entry:
    if not d.get("name"):
        raise ValueError(f"{source}: an actor entry needs a name: {d!r}")
    kind = str(d.get("kind") or ("person" if d.get("role") else "organization")).strip().lower()
    sector = str(d["sector"]).strip().upper() if d.get("sector") else None
    country = str(d["country"]).strip().upper() if d.get("country") else None
    return Entry(name=str(d["name"]).strip(), kind=kind, country=country, sector=sector,
                 aliases=_split(d.get("aliases")), attributes=_split(d.get("attributes")),
                 part_of=(str(d["part_of"]).strip() or None) if d.get("part_of") else None,
                 reports_to=str(d["reports_to"]).strip() if d.get("reports_to") else None,
                 operates_in=[c.upper() for c in _split(d.get("operates_in"))],
                 role=str(d["role"]).strip() if d.get("role") else None, source=source,
                 metonym_only=bool(d.get("metonym_only", False)),
                 generic=frozenset(norm(a) for a in _split(d.get("generic"))))


def read_actor_file(path: str | Path) -> list[Entry]:
    """Entries of a YAML (a list of mappings) or CSV (header row) actor file."""
    path = Path(path)
    if path.suffix.lower() in (".csv", ".tsv"):
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh, delimiter="\t" if path.suffix.lower() == ".tsv" else ","))
        return [entry_from_dict({k.strip(): v for k, v in r.items() if k}, path.name) for r in rows]
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if isinstance(data, dict):  # {name: {fields}} form
        data = [{"name": k, **(v or {})} for k, v in data.items()]
    return [entry_from_dict(d, path.name) for d in data]


def _load_countries(kb: KB) -> None:
    for row in _tsv(DATA / "countries.tsv"):
        row += [""] * (7 - len(row))
        iso, name, aliases, dem, plur, cap, gid = row[:7]
        caps = _split(cap)  # "Sucre;La Paz": the capital, then other seats of government
        c = Country(iso, name, _split(aliases), _split(dem), _split(plur), caps[0] if caps else "", int(gid) if gid else None,
                    caps[1:])
        kb.countries[iso] = c
        for a in [name, *c.aliases]:
            kb.country_names.setdefault(norm(a), iso)
        for d in c.demonyms:
            kb.demonyms.setdefault(norm(d), iso)
        for p in c.plurals:
            kb.plurals.setdefault(norm(p), iso)
        for a in caps:
            kb.capitals.setdefault(norm(a), iso)


def _load_titles(kb: KB) -> None:
    for row in _tsv(DATA / "titles.tsv"):
        row += [""] * (5 - len(row))
        phrase, kind, sector, attrs, flags = row[:5]
        sector = None if sector in ("-", "") else sector
        kb.titles[title_key(phrase)] = Title(phrase, kind, sector, _split(attrs), frozenset(_split(flags)))
    for row in _tsv(DATA / "attributes.tsv"):
        kb.attributes[norm(row[0])] = row[1] if len(row) > 1 else row[0]
    for row in _tsv(DATA / "centroids.tsv"):
        kb.centroids[(row[0], row[1])] = (float(row[2]), float(row[3]))
    kb.org_heads = frozenset(w.strip().lower() for w in (DATA / "org_heads.txt").read_text(encoding="utf-8").splitlines()
                             if w.strip() and not w.startswith("#"))


@functools.lru_cache(maxsize=8)
def _load(extra_files: tuple[str, ...]) -> KB:
    kb = KB()
    _load_countries(kb)
    _load_titles(kb)
    for name in ORG_FILES:
        for e in read_actor_file(DATA / name):
            kb.add_entry(e)
        kb.files.append(name)
    for f in extra_files:
        for e in read_actor_file(f):
            kb.add_entry(e)
        kb.files.append(str(f))
    return kb


def load_kb(extra_files: Iterable[str] = ()) -> KB:
    """The knowledge base with the user's actor files merged in (cached per tuple of files)."""
    return _load(tuple(str(f) for f in extra_files))


def _lexicon_word(key: str, w: Any) -> str:
    if not isinstance(w, str):
        raise ValueError(f"lexicon.yaml, {key}: {w!r} is not a word (quote it)")
    return w


@functools.cache
def lexicon() -> dict[str, Any]:
    """The word classes of ``lexicon.yaml``, read once: a list gives a frozenset of its words, a
    mapping a dict (word -> a string, or a tuple of the strings of a list). Words are kept as written."""
    raw = yaml.safe_load((DATA / "lexicon.yaml").read_text(encoding="utf-8"))
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if isinstance(value, dict):
            out[key] = {_lexicon_word(key, k): tuple(_lexicon_word(key, x) for x in v) if isinstance(v, list)
                        else _lexicon_word(key, v) for k, v in value.items()}
        else:
            out[key] = frozenset(_lexicon_word(key, w) for w in value)
    return out
