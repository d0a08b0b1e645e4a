"""Exports: GDELT 2.0 event table rows, actor networks and timelines, from merged facts."""
from __future__ import annotations

import datetime as _dt
import zlib
from collections import defaultdict
from typing import Any, Iterable

ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{f}" for f in ACTOR_FIELDS] + [f"Actor2{f}" for f in ACTOR_FIELDS]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
       "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{f}" for f in GEO_FIELDS] + [f"Actor2Geo_{f}" for f in GEO_FIELDS]
    + [f"ActionGeo_{f}" for f in GEO_FIELDS] + ["DATEADDED", "SOURCEURL"]
)
# GDELT's type codes for the PLOVER sectors dossier assigns (same three-letter vocabulary, mostly)
_SECTOR_TO_CAMEO_TYPE = {"GOV": "GOV", "MIL": "MIL", "COP": "COP", "JUD": "JUD", "LEG": "LEG",
                         "REB": "REB", "INS": "INS", "OPP": "OPP", "PTY": "PTY", "SPY": "SPY",
                         "CVL": "CVL", "JRN": "MED", "MED": "MED", "REL": "REL", "BUS": "BUS",
                         "NGO": "NGO", "IGO": "IGO", "EDU": "EDU", "REF": "REF", "LAB": "LAB"}


def _actor_cols(prefix: str, actor: dict[str, Any] | None) -> dict[str, Any]:
    cols = {f"{prefix}{f}": "" for f in ACTOR_FIELDS}
    if not actor:
        return cols
    country = actor.get("country") or ""
    cols[f"{prefix}Code"] = actor.get("code") or country
    cols[f"{prefix}Name"] = (actor.get("name") or "").upper()
    cols[f"{prefix}CountryCode"] = country if len(country) == 3 and country not in ("IGO", "NGO") else ""
    cols[f"{prefix}Type1Code"] = _SECTOR_TO_CAMEO_TYPE.get(actor.get("sector") or "", "")
    if country in ("IGO", "NGO"):
        cols[f"{prefix}KnownGroupCode"] = actor.get("code") or country
    return cols


def _geo_cols(prefix: str, loc: dict[str, Any] | None) -> dict[str, Any]:
    cols = {f"{prefix}_{f}": "" for f in GEO_FIELDS}
    if not loc:
        return cols
    geo = loc.get("geo") or loc
    feature = str(geo.get("feature") or geo.get("kind") or "").lower()
    gtype = 1 if feature == "country" else (2 if feature in ("admin1", "state") else 4)
    if geo.get("lat") is None:
        gtype = 1 if geo.get("country") else 0
    cols.update({
        f"{prefix}_Type": gtype, f"{prefix}_FullName": geo.get("name") or loc.get("name") or "",
        f"{prefix}_CountryCode": geo.get("country") or "", f"{prefix}_ADM1Code": geo.get("admin1") or "",
        f"{prefix}_Lat": geo.get("lat") if geo.get("lat") is not None else "",
        f"{prefix}_Long": geo.get("lon") if geo.get("lon") is not None else "",
        f"{prefix}_FeatureID": geo.get("geonameid") or "",
    })
    return cols


def _dates(value: str | None) -> dict[str, Any]:
    """GDELT date columns; a month- or year-precision date is padded with 00 as GDELT does."""
    if not value:
        return {"SQLDATE": "", "MonthYear": "", "Year": "", "FractionDate": ""}
    y, m, d = (value.split("-") + ["00", "00"])[:3]
    frac = int(y) + ((int(m) or 1) - 1) / 12 + ((int(d) or 1) - 1) / 365
    return {"SQLDATE": f"{y}{m}{d}", "MonthYear": f"{y}{m}", "Year": y, "FractionDate": f"{frac:.4f}"}


def gdelt_rows(facts: Iterable[dict[str, Any]], factual_only: bool = True) -> list[dict[str, Any]]:
    """One GDELT 2.0 event row per merged fact.

    GDELT records what was reported to happen, so by default negated, hypothetical and merely
    intended events are left out (``factual_only=False`` keeps them; GDELT has no column for status).
    """
    added = _dt.datetime.now(_dt.timezone.utc).strftime("%Y%m%d%H%M%S")
    rows = []
    for f in facts:
        if factual_only and f.get("status") not in ("fact", "alleged", "denied"):
            continue
        code = str(f.get("cameo") or "")
        ev = f["evidence"][0] if f.get("evidence") else {}
        row: dict[str, Any] = {"GLOBALEVENTID": zlib.crc32(f["key"].encode()) & 0x7FFFFFFF}
        row.update(_dates((f.get("date") or {}).get("value")))
        row.update(_actor_cols("Actor1", f.get("source")))
        row.update(_actor_cols("Actor2", f.get("target")))
        row.update({
            "IsRootEvent": 1 if ev.get("sentence") == 0 else 0, "EventCode": code,
            "EventBaseCode": code[:3], "EventRootCode": code[:2], "QuadClass": f.get("quad_class") or "",
            "GoldsteinScale": f.get("goldstein") if f.get("goldstein") is not None else "",
            "NumMentions": f["num_mentions"], "NumSources": f["num_sources"],
            "NumArticles": f["num_articles"], "AvgTone": "",
        })
        row.update(_geo_cols("Actor1Geo", None))
        row.update(_geo_cols("Actor2Geo", None))
        row.update(_geo_cols("ActionGeo", f.get("location")))
        row["DATEADDED"] = added
        row["SOURCEURL"] = ev.get("url") or ""
        rows.append(row)
    return rows


def gdelt_tsv(rows: list[dict[str, Any]], header: bool = False) -> str:
    lines = ["\t".join(GDELT_COLUMNS)] if header else []
    for r in rows:
        lines.append("\t".join(str(r.get(c, "")).replace("\t", " ") for c in GDELT_COLUMNS))
    return "\n".join(lines) + ("\n" if lines else "")


def network(events: Iterable[dict[str, Any]]) -> dict[str, Any]:
    """Actor network: nodes are actors (keyed like merged facts), edges source -> target with the
    number of events, their mean Goldstein score and the CAMEO root codes seen."""
    from .merge import actor_key
    nodes: dict[str, dict[str, Any]] = {}
    edges: dict[tuple[str, str], dict[str, Any]] = defaultdict(
        lambda: {"count": 0, "goldstein_sum": 0.0, "goldstein_n": 0, "roots": set(), "events": []})
    for e in events:
        src, tgt = e.get("source"), e.get("target")
        if not src or not tgt:
            continue
        ks, kt = actor_key(src), actor_key(tgt)
        for k, a in ((ks, src), (kt, tgt)):
            n = nodes.setdefault(k, {"id": k, "name": a.get("name"), "country": a.get("country"),
                                     "sector": a.get("sector"), "degree": 0})
            n["degree"] += 1
        edge = edges[(ks, kt)]
        edge["count"] += 1
        if e.get("goldstein") is not None:
            edge["goldstein_sum"] += float(e["goldstein"])
            edge["goldstein_n"] += 1
        edge["roots"].add(str(e.get("cameo") or "")[:2])
        edge["events"].append(f"{e.get('doc_id')}/{e.get('id')}")
    out_edges = [{"source": s, "target": t, "count": v["count"],
                  "goldstein": round(v["goldstein_sum"] / v["goldstein_n"], 2) if v["goldstein_n"] else None,
                  "cameo_roots": sorted(v["roots"]), "events": v["events"]}
                 for (s, t), v in sorted(edges.items(), key=lambda kv: -kv[1]["count"])]
    return {"nodes": list(nodes.values()), "edges": out_edges}


def network_dot(net: dict[str, Any]) -> str:
    def q(s: Any) -> str:
        return '"' + str(s).replace("\\", "\\\\").replace('"', '\\"') + '"'
    lines = ["digraph dossier {"]
    for n in net["nodes"]:
        lines.append(f"  {q(n['id'])} [label={q(n['name'] or n['id'])}];")
    for e in net["edges"]:
        lines.append(f"  {q(e['source'])} -> {q(e['target'])} [label={q(e['count'])}, "
                     f"weight={e['count']}, goldstein={q(e['goldstein'])}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


def timeline(events: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events ordered by date; unresolved dates last (their relative expression is kept)."""
    def key(e: dict[str, Any]) -> tuple:
        v = (e.get("date") or {}).get("value")
        return (v is None, v or "", e.get("doc_id") or "", e.get("sentence") or 0)
    return sorted(events, key=key)
