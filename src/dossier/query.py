"""Read-side helpers shared by the CLI, the Python API and the web UI: filters and renderings."""
from __future__ import annotations

import csv
import io
import json
from typing import Any, Iterable

FORMATS = ("table", "json", "jsonl", "csv")


def documents(store, limit: int | None = None) -> list[dict[str, Any]]:
    return store.documents(limit)


def render(rows: Iterable[dict[str, Any]], fmt: str, columns: list[str] | None = None) -> str:
    """Rows as an aligned text table, JSON, JSON lines or CSV."""
    rows = list(rows)
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    if fmt == "jsonl":
        return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    columns = columns or (list(rows[0].keys()) if rows else [])
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.DictWriter(buf, columns, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            w.writerow({k: _csv_safe(_cell(r.get(k), 10**6)) for k in columns})
        return buf.getvalue()
    if not rows:
        return "(nothing)\n"
    cells = [[_cell(r.get(c), 48) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(out) + "\n"


def _csv_safe(text: str) -> str:
    """Text from documents that a spreadsheet would run as a formula gets a leading quote
    (numbers such as -10 are left alone)."""
    if text[:1] in ("=", "@", "\t", "\r") or (text[:1] in ("+", "-") and not text[1:2].isdigit()):
        return "'" + text
    return text


def _cell(value: Any, width: int) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        value = json.dumps(value, ensure_ascii=False)
    text = " ".join(str(value).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def show_text(d: dict[str, Any]) -> str:
    """A stored document for reading: metadata, the clean article, then what was removed and why."""
    pub = d["published"]
    head = [
        f"id:        {d['id']}",
        f"source:    {d['source']}",
        f"title:     {d.get('title') or ''}",
        f"outlet:    {d.get('outlet') or ''}    agency: {d.get('agency') or ''}",
        f"byline:    {', '.join(d.get('byline') or [])}",
        f"dateline:  {d.get('dateline') or ''}",
        f"published: {pub['value'] or 'unknown'} ({pub['precision']}; {pub['evidence'] or 'no evidence'})",
        f"counts:    {len(d['sentences'])} sentences, {len(d['actors'])} actors, {len(d['events'])} events, "
        f"{len(d['quotes'])} quotes, {len(d['claims'])} claims",
        "",
        "== article ==",
        d["body"],
        "",
        f"== removed ({len(d['removed'])} blocks) ==",
    ]
    for r in d["removed"]:
        text = " ".join(r["text"].split())
        head.append(f"[{r['kind']}] {text[:160]}{'…' if len(text) > 160 else ''}")
    return "\n".join(head)


def summary(store) -> str:
    c = store.counts()
    return (f"{c['documents']} documents, {c['sentences']} sentences, {c['actors']} actors, "
            f"{c['events']} events, {c['quotes']} quotes, {c['claims']} claims, "
            f"{c['removed']} removed blocks, {c['errors']} errors")


# -- events ------------------------------------------------------------------------------------
EVENT_COLUMNS = ["doc_id", "id", "date", "source", "cameo", "plover", "target", "status",
                 "asserted_by", "trigger"]


def _who(actor: dict | None) -> str:
    if not actor:
        return ""
    code = actor.get("code") or actor.get("country") or ""
    return f"{actor.get('name') or ''} [{code}]" if code else (actor.get("name") or "")


def events(store, actor: str | None = None, country: str | None = None, dyad: str | None = None,
           cameo: str | None = None, plover: str | None = None, status: str | None = None,
           since: str | None = None, until: str | None = None, doc: str | None = None) -> list[dict]:
    """Stored events (their full JSON plus ``doc_id``) matching every filter given.

    ``dyad`` is ``SRC-TGT`` country codes (``USA-IRN``; ``*`` for either side); ``cameo`` a code
    prefix (``19`` = all fights); dates compare as ISO prefixes, so ``--since 2014`` works.
    """
    doc_id = store.find(doc) if doc else None
    if doc and doc_id is None:
        return []
    where, params = [], []  # the flat, indexed columns of the events table do the filtering

    def add(sql: str, *values) -> None:
        where.append(sql)
        params.extend(values)

    if doc_id:
        add("doc_id = ?", doc_id)
    if actor:
        cols = [f"{side}_{k}" for side in ("source", "target") for k in ("name", "code", "country")]
        add("(" + " OR ".join(f"instr(lower(coalesce({c}, '')), ?) > 0" for c in cols) + ")",
            *[actor.lower()] * len(cols))
    if country:
        add("(source_country = ? OR target_country = ?)", country.upper(), country.upper())
    if dyad:
        a, _, b = dyad.upper().partition("-")
        if a not in ("*", ""):
            add("source_country = ?", a)
        if b not in ("*", ""):
            add("target_country = ?", b)
    if cameo:
        add("substr(cameo, 1, ?) = ?", len(cameo), cameo)
    if plover:
        add("upper(plover) = ?", plover.upper())
    if status:
        add("status = ?", status)
    if since:
        add("date >= ?", since)
    if until:
        add("substr(date, 1, ?) <= ?", len(until), until)
    sql = "SELECT doc_id, json FROM events" + (" WHERE " + " AND ".join(where) if where else "")
    out = []
    for d_id, js in store.db.execute(sql + " ORDER BY rowid", params):
        e = json.loads(js)
        e["doc_id"] = d_id
        out.append(e)
    return out


def event_rows(evts: Iterable[dict]) -> list[dict]:
    """Flat rows for table/CSV output; JSON output keeps the full objects."""
    rows = []
    for e in evts:
        rows.append({
            "doc_id": e["doc_id"], "id": e["id"], "date": (e.get("date") or {}).get("value"),
            "source": _who(e.get("source")), "cameo": f"{e.get('cameo')} {e.get('cameo_name') or ''}".strip(),
            "plover": e.get("plover"), "target": _who(e.get("target")), "status": e.get("status"),
            "asserted_by": (e.get("asserted_by") or {}).get("name"),
            "trigger": (e.get("trigger") or {}).get("text"),
        })
    return rows


def actors(store, name: str | None = None, country: str | None = None, sector: str | None = None,
           kind: str | None = None, doc: str | None = None) -> list[dict]:
    doc_id = store.find(doc) if doc else None
    if doc and doc_id is None:
        return []
    out = []
    for a in store.rows("actors"):
        if doc_id and a["doc_id"] != doc_id:
            continue
        if name and name.lower() not in (a.get("name") or "").lower() and name.upper() != (a.get("code") or ""):
            continue
        if country and (a.get("country") or "") != country.upper():
            continue
        if sector and (a.get("sector") or "") != sector.upper():
            continue
        if kind and a.get("kind") != kind:
            continue
        out.append(a)
    return out


def actor_rows(items: Iterable[dict]) -> list[dict]:
    return [{"doc_id": a["doc_id"], "id": a["id"], "name": a["name"], "kind": a["kind"],
             "country": a.get("country"), "sector": a.get("sector"), "code": a.get("code"),
             "mentions": len(a.get("mentions") or []), "attributes": ",".join(a.get("attributes") or []),
             "evidence": "; ".join(a.get("evidence") or [])} for a in items]


def write_parquet(rows: list[dict], path: str) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise RuntimeError("parquet output needs pyarrow: pip install 'dossier[parquet]'") from None
    flat = [{k: (json.dumps(v, ensure_ascii=False) if isinstance(v, (dict, list)) else v)
             for k, v in r.items()} for r in rows]
    pq.write_table(pa.Table.from_pylist(flat), path)


# -- claims ------------------------------------------------------------------------------------
def claim_rows(store) -> list[dict]:
    """The ``rows`` argument of ``dossier.claims.ledger``: one per stored event, with its claims."""
    from collections import defaultdict

    from .merge import document_index
    idx = document_index(store)
    by_event: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for c in store.rows("claims"):
        by_event[(c["doc_id"], c.get("event"))].append(c)
    rows = []
    for e in store.rows("events"):
        d = idx.get(e["doc_id"], {})
        rows.append({"doc_id": e["doc_id"], "event": e, "claims": by_event.get((e["doc_id"], e["id"]), []),
                     "document": {"id": e["doc_id"], "title": d.get("title"), "outlet": d.get("outlet") or
                                  d.get("agency"), "published": d.get("published")}})
    return rows
