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
            w.writerow({k: _cell(r.get(k), 10**6) for k in columns})
        return buf.getvalue()
    if not rows:
        return "(nothing)\n"
    cells = [[_cell(r.get(c), 48) for c in columns] for r in rows]
    widths = [max(len(c), *(len(row[i]) for row in cells)) for i, c in enumerate(columns)]
    line = lambda vals: "  ".join(v.ljust(w) for v, w in zip(vals, widths)).rstrip()  # noqa: E731
    out = [line(columns), line(["-" * w for w in widths])] + [line(r) for r in cells]
    return "\n".join(out) + "\n"


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
