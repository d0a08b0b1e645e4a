"""``dossier serve``: a small read-only web UI over the store (standard library WSGI, no JS framework).

The UI reads, the pipeline writes: every request opens the database read-only
(``Store(path, readonly=True)``) and calls the same functions as the CLI (``query.events``,
``query.actors``, ``merge.merge``, ``Store.get``/``search``). Nothing here writes.
"""
from __future__ import annotations

import json
import math
import os
import re
import sys
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from socketserver import ThreadingMixIn
from typing import Any, Callable
from urllib.parse import parse_qs
from wsgiref.simple_server import WSGIServer, make_server

from .. import query
from ..claims import ledger
from ..merge import actor_key, document_index, merge
from ..model import STATUSES
from .highlight import render_body
from .html import (Markup, date_cell, dl, doc_href, field as input_field, form, goldstein_cell, h, join,
                   layout, link, plural, safe_href, select, status_badge, table, tag, url, who)

STATIC = Path(__file__).with_name("static")
PAGE = 200
EVENT_FILTERS = ("actor", "country", "dyad", "cameo", "plover", "status", "since", "until", "doc")
ACTOR_FILTERS = ("name", "country", "sector", "kind", "doc")
SECURITY_HEADERS = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "no-referrer"),
    ("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; "
                                "form-action 'self'; base-uri 'none'; frame-ancestors 'none'"),
]


# -- request / response ------------------------------------------------------------------------
@dataclass
class Request:
    method: str
    path: str
    params: dict[str, str]
    query_string: str = ""

    @classmethod
    def from_environ(cls, environ: dict[str, Any]) -> "Request":
        raw = environ.get("PATH_INFO") or "/"
        try:  # wsgiref hands PATH_INFO over as latin-1 decoded bytes
            raw = raw.encode("latin-1").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
        qs = environ.get("QUERY_STRING") or ""
        params = {k: v[0].strip() for k, v in parse_qs(qs, keep_blank_values=False).items() if v and v[0].strip()}
        return cls(environ.get("REQUEST_METHOD", "GET").upper(), raw, params, qs)

    def get(self, name: str, default: str | None = None) -> str | None:
        return self.params.get(name, default)

    def page(self) -> int:
        try:
            return max(1, int(self.params.get("page", "1")))
        except ValueError:
            return 1


@dataclass
class Response:
    body: bytes | str
    status: str = "200 OK"
    content_type: str = "text/html; charset=utf-8"
    headers: list[tuple[str, str]] = field(default_factory=list)


class NotFound(Exception):
    pass


def html_page(title: Any, body: Any, active: str = "", q: str = "") -> Response:
    return Response(layout(title, body, active, q))


def not_found(what: str = "") -> Response:
    body = tag("p", f"Nothing at this address{': ' + what if what else ''}.") + Markup(
        '<p><a href="/">Back to the overview</a></p>')
    return Response(layout("Not found", body), "404 Not Found")


# -- the app -----------------------------------------------------------------------------------
Handler = Callable[..., Response]


class App:
    """A WSGI application over one SQLite store, opened read-only per request."""

    def __init__(self, db_path: str):
        if not os.path.exists(db_path):
            raise FileNotFoundError(f"no database at {db_path}")
        self.db_path = db_path
        self.routes: list[tuple[re.Pattern, Handler]] = [
            (re.compile(p + r"\Z"), fn) for p, fn in [
                (r"/", overview),
                (r"/doc/(?P<ref>[^/]+)", doc_page),
                (r"/events", events_page),
                (r"/events\.csv", events_csv),
                (r"/events\.json", events_json),
                (r"/facts", facts_page),
                (r"/facts\.json", facts_json),
                (r"/timeline", timeline_page),
                (r"/actors", actors_page),
                (r"/actors\.csv", actors_csv),
                (r"/network", network_page),
                (r"/network\.json", network_json),
                (r"/claims", claims_page),
                (r"/search", search_page),
            ]]
        with self.open():  # fail now, not on the first request, if it is not a dossier store
            pass

    def open(self):
        from ..store import Store
        store = Store(self.db_path, readonly=True)
        return store

    def __call__(self, environ, start_response):
        req = Request.from_environ(environ)
        try:
            resp = self.dispatch(req)
        except Exception as exc:  # pragma: no cover - shown to the user, logged for the developer
            traceback.print_exc(file=sys.stderr)
            resp = Response(layout("Error", tag("p", f"{type(exc).__name__}: {exc}", class_="error")),
                            "500 Internal Server Error")
        body = resp.body.encode("utf-8") if isinstance(resp.body, str) else resp.body
        headers = [("Content-Type", resp.content_type), ("Content-Length", str(len(body)))]
        headers += SECURITY_HEADERS + resp.headers
        start_response(resp.status, headers)
        return [b"" if req.method == "HEAD" else body]

    def dispatch(self, req: Request) -> Response:
        if req.method not in ("GET", "HEAD"):
            return Response("read-only: GET only\n", "405 Method Not Allowed", "text/plain; charset=utf-8",
                            [("Allow", "GET, HEAD")])
        if req.path.startswith("/static/"):
            return static(req.path[len("/static/"):])
        for pattern, fn in self.routes:
            m = pattern.match(req.path)
            if m:
                store = self.open()
                try:
                    return fn(req, store, **m.groupdict())
                except NotFound as exc:
                    return not_found(str(exc))
                finally:
                    store.close()
        return not_found(req.path)


def make_app(db_path: str) -> App:
    return App(db_path)


class _ThreadingServer(ThreadingMixIn, WSGIServer):
    daemon_threads = True


def serve(db_path: str, host: str = "127.0.0.1", port: int = 8765, quiet: bool = False) -> None:
    """Serve the UI until interrupted."""
    app = make_app(db_path)
    with make_server(host, port, app, server_class=_ThreadingServer) as httpd:
        if not quiet:
            print(f"dossier: serving {db_path} (read-only) on http://{host}:{httpd.server_port}/ "
                  "(Ctrl-C to stop)", file=sys.stderr)
        try:
            httpd.serve_forever()
        except KeyboardInterrupt:
            pass


def static(name: str) -> Response:
    types = {".css": "text/css; charset=utf-8", ".svg": "image/svg+xml", ".png": "image/png"}
    path = STATIC / name
    if "/" in name or name.startswith(".") or path.suffix not in types or not path.is_file():
        return not_found(name)
    return Response(path.read_bytes(), content_type=types[path.suffix],
                    headers=[("Cache-Control", "max-age=300")])


# -- shared bits -------------------------------------------------------------------------------
def event_filters(req: Request) -> dict[str, str]:
    return {k: req.params[k] for k in EVENT_FILTERS if k in req.params}


def filtered_events(req: Request, store) -> list[dict]:
    return query.events(store, **event_filters(req))


def distinct(store, column: str, table_name: str = "events") -> list[str]:
    return [r[0] for r in store.db.execute(
        f"SELECT DISTINCT {column} FROM {table_name} WHERE {column} IS NOT NULL ORDER BY 1")]


def event_form(req: Request, store, action: str, extra: Any = "") -> Markup:
    p = req.params
    return form(action, [
        input_field("actor", "actor", p.get("actor", ""), "name or code"),
        input_field("country", "country", p.get("country", ""), "ISO3", 5),
        input_field("dyad", "dyad", p.get("dyad", ""), "SRC-TGT", 8),
        input_field("cameo", "CAMEO", p.get("cameo", ""), "prefix", 5),
        select("plover", "PLOVER", distinct(store, "plover"), p.get("plover", "")),
        select("status", "status", STATUSES, p.get("status", "")),
        input_field("since", "since", p.get("since", ""), "YYYY-MM-DD", 10),
        input_field("until", "until", p.get("until", ""), "YYYY-MM-DD", 10),
        input_field("doc", "doc", p.get("doc", ""), "id / #", 8),
    ], extra)


def titles(store) -> dict[str, dict]:
    return document_index(store)


def doc_label(docs: dict[str, dict], doc_id: str) -> str:
    d = docs.get(doc_id) or {}
    return d.get("title") or d.get("source") or doc_id


def evidence_link(docs: dict, doc_id: str, sentence: Any, trigger: dict | None = None) -> Markup:
    label = doc_label(docs, doc_id)
    if len(label) > 60:
        label = label[:59] + "…"
    sent = f" §{sentence}" if isinstance(sentence, int) and sentence >= 0 else ""
    trig = (trigger or {}).get("text")
    return Markup(link(doc_href(doc_id, sentence), f"{label}{sent}")
                  + (Markup(f' <q class="trig">{h(trig)}</q>') if trig else ""))


def event_code(e: dict) -> Markup:
    code = e.get("cameo") or "?"
    return Markup(f'<span class="code" title="{h(e.get("cameo_name") or "")}">{h(code)}</span> '
                  f'{h(e.get("cameo_name") or "")}'
                  + (f' <span class="plover">{h(e["plover"])}</span>' if e.get("plover") else ""))


def pager(req: Request, path: str, total: int, size: int = PAGE) -> tuple[slice, Markup]:
    page = req.page()
    pages = max(1, math.ceil(total / size))
    page = min(page, pages)
    sl = slice((page - 1) * size, page * size)
    if pages == 1:
        return sl, Markup("")
    params = dict(req.params)
    parts = []
    if page > 1:
        parts.append(link(url(path, {**params, "page": page - 1}), "← previous"))
    parts.append(h(f"page {page} of {pages}"))
    if page < pages:
        parts.append(link(url(path, {**params, "page": page + 1}), "next →"))
    return sl, Markup('<p class="pager">') + join(parts, " · ") + Markup("</p>")


# -- pages -------------------------------------------------------------------------------------
def overview(req: Request, store) -> Response:
    c = store.counts()
    stats = "".join(f'<div class="stat"><b>{c[k]}</b><span>{h(k)}</span></div>'
                    for k in ("documents", "sentences", "actors", "events", "quotes", "claims", "removed",
                              "errors"))
    docs = store.documents(1000)
    rows = []
    for i, d in enumerate(docs, 1):
        pub = d.get("published")
        rows.append([
            link(doc_href(d["id"]), d.get("title") or d.get("source") or d["id"]),
            join([x for x in (d.get("outlet"), d.get("agency")) if x], " / "),
            Markup(f'{h(pub)} <span class="prec">{h(d.get("published_precision"))}</span>') if pub
            else Markup('<span class="none">unknown</span>'),
            d["events"], d["actors"], d["quotes"],
        ])
    body = Markup(f'<div class="stats">{stats}</div>') + Markup(
        '<form class="bigsearch" method="get" action="/search"><input type="search" name="q" '
        'placeholder="search the articles (words, &quot;phrases&quot;, OR, NOT, prefix*)" size="50">'
        '<button type="submit">Search</button></form>')
    body += tag("h2", "Documents") + table(["title", "outlet / agency", "published", "events", "actors",
                                            "quotes"], rows, empty="No documents yet: run dossier ingest.")
    if c["documents"] > len(docs):
        body += tag("p", f"Showing the first {len(docs)} of {c['documents']} documents.", class_="note")
    errors = store.errors()
    if errors:
        body += tag("h2", f"Ingest errors ({len(errors)})") + table(
            ["source", "error", "at"], [[e["source"], e["error"], e["at"]] for e in errors[-100:]])
    return html_page("Overview", body, "/")


def doc_page(req: Request, store, ref: str) -> Response:
    d = store.get(ref)
    if d is None:
        raise NotFound(f"no document {ref}")
    pub = d["published"] or {}
    src_href = safe_href(d.get("url"))
    meta = [
        ("id", d["id"]), ("source", d.get("source")),
        ("url", link(src_href, d["url"], rel="noreferrer noopener") if src_href else d.get("url") or "—"),
        ("outlet", d.get("outlet") or "—"), ("agency", d.get("agency") or "—"),
        ("byline", ", ".join(d.get("byline") or []) or "—"), ("dateline", d.get("dateline") or "—"),
        ("published", Markup(
            (f'{h(pub.get("value"))} ' if pub.get("value") else '<span class="none">unknown</span> ')
            + f'<span class="prec">{h(pub.get("precision") or "unknown")}</span>'
            + (f' <span class="evid">evidence: {h(pub.get("evidence"))}</span>' if pub.get("evidence")
               else ' <span class="none">no evidence</span>'))),
    ]
    for k, v in (d.get("metadata") or {}).items():
        if v in (None, "", [], {}):
            continue
        if isinstance(v, dict):  # e.g. {"title": "headline line before the article", ...}: one line each
            v = Markup("<br>").join(Markup(f'<span class="small">{h(kk)}:</span> ') + h(vv) for kk, vv in v.items())
        elif isinstance(v, list):
            v = ", ".join(x if isinstance(x, str) else json.dumps(x, ensure_ascii=False) for x in v)
        meta.append((k, v))
    counts = " · ".join(plural(len(d[k]), w) for k, w in (
        ("sentences", "sentence"), ("actors", "actor"), ("events", "event"), ("quotes", "quote"),
        ("claims", "claim"), ("removed", "removed block")))
    legend = Markup('<p class="legend"><span class="ev q4">event trigger</span> '
                    '<span class="ev nf">not a plain fact (denied, alleged…)</span> '
                    '<span class="m m0">actor mention</span> <span class="qt">quoted content</span> '
                    '<span class="cue">quote cue</span> · hover for the coding</p>')
    body = dl(meta) + tag("p", counts, class_="note") + tag("h2", "Article") + legend + render_body(d)

    # events
    ev_rows = []
    for e in d["events"]:
        ev_rows.append([
            link(f"#t-{e.get('id')}", e.get("id")), link(f"#s{e.get('sentence')}", f"§{e.get('sentence')}"),
            tag("q", (e.get("trigger") or {}).get("text"), class_="trig"), event_code(e),
            who(e.get("source")), who(e.get("target")), status_badge(e.get("status")),
            who(e.get("asserted_by")) if e.get("asserted_by") else "", date_cell(e.get("date")),
            goldstein_cell(e.get("goldstein")), e.get("rule") or "",
        ])
    body += tag("h2", f"Events ({len(d['events'])})") + table(
        ["id", "sentence", "trigger", "event", "source", "target", "status", "asserted by", "date",
         "goldstein", "rule"], ev_rows, empty="No events coded.")

    # actors
    ac_rows = []
    for i, a in enumerate(d["actors"]):
        ments = a.get("mentions") or []
        first = ments[0].get("sentence") if ments else None
        ac_rows.append([
            Markup(f'<span class="m m{i % 8}">{h(a.get("name"))}</span>'), a.get("kind"), a.get("country"),
            a.get("sector"), a.get("code"),
            link(f"#s{first}", f"{len(ments)} ×") if isinstance(first, int) and first >= 0 else len(ments),
            ", ".join(sorted({m.get("rule") or "" for m in ments} - {""})),
            "; ".join(a.get("evidence") or []), ", ".join(a.get("attributes") or []),
        ])
    body += tag("h2", f"Actors ({len(d['actors'])})") + table(
        ["name", "kind", "country", "sector", "code", "mentions", "rules", "evidence", "attributes"], ac_rows,
        empty="No actors found.")

    # quotes
    text = d["body"]

    def span_text(sp: dict | None) -> str:
        if not sp:
            return ""
        if sp.get("text"):
            return sp["text"]
        st, en = sp.get("start"), sp.get("end")
        return text[st:en] if isinstance(st, int) and isinstance(en, int) else ""

    qrows = []
    for q in d["quotes"]:
        s = q.get("sentence")
        qrows.append([
            link(f"#s{s}", f"§{s}") if isinstance(s, int) and s >= 0 else "",
            who(q.get("speaker")) if q.get("speaker") else span_text(q.get("speaker_span")) or "—",
            span_text(q.get("cue")), tag("q", span_text(q.get("content")), class_="content"), q.get("kind"),
            who(q.get("reported_by")) if q.get("reported_by") else "", q.get("medium") or "", q.get("rule") or "",
        ])
    body += tag("h2", f"Quotes ({len(d['quotes'])})") + table(
        ["sentence", "speaker", "cue", "content", "kind", "reported by", "medium", "rule"], qrows,
        empty="No quotes found.")

    # claims
    evmap = {e.get("id"): e for e in d["events"]}
    crow = []
    for c in d["claims"]:
        ev = evmap.get(c.get("event"))
        crow.append([
            c.get("id"), Markup(f'<span class="stance {h(c.get("stance"))}">{h(c.get("stance"))}</span>'),
            who(c.get("speaker")),
            Markup(link(f"#t-{ev['id']}", ev["id"]) + " " + event_code(ev) + " " + who(ev.get("source"))
                   + " → " + who(ev.get("target"))) if ev else c.get("event") or "—",
            c.get("answers") or "", span_text(c.get("evidence")), c.get("quote") or "", c.get("rule") or "",
        ])
    body += tag("h2", f"Claims ({len(d['claims'])})") + table(
        ["id", "stance", "speaker", "event", "answers", "evidence", "quote", "rule"], crow,
        empty="No claims.")

    # removed blocks, grouped by kind
    groups: dict[str, list[str]] = defaultdict(list)
    for r in d["removed"]:
        groups[r.get("kind") or "?"].append(r.get("text") or "")
    rem = Markup("")
    for kind, texts in sorted(groups.items(), key=lambda kv: -len(kv[1])):
        items = join(tag("li", t) for t in texts)
        rem += Markup(f'<details class="removed"><summary><b>{h(kind)}</b> · {len(texts)} block'
                      f'{"s" if len(texts) != 1 else ""}</summary><ul>{items}</ul></details>')
    body += tag("h2", f"Removed by the cleaner ({len(d['removed'])})") + (
        rem or tag("p", "Nothing was removed.", class_="empty"))
    body += Markup(f'<p class="note"><a href="{h(url("/events", {"doc": d["id"]}))}">this document\'s events '
                   f'as a table</a> · <a href="{h(url("/events.json", {"doc": d["id"]}))}">JSON</a></p>')
    return html_page(d.get("title") or d.get("source") or d["id"], body)


def events_page(req: Request, store) -> Response:
    evts = filtered_events(req, store)
    docs = titles(store)
    sl, pages = pager(req, "/events", len(evts))
    rows = []
    for e in evts[sl]:
        rows.append([date_cell(e.get("date")), who(e.get("source")), event_code(e), who(e.get("target")),
                     status_badge(e.get("status")), goldstein_cell(e.get("goldstein")),
                     evidence_link(docs, e["doc_id"], e.get("sentence"), e.get("trigger"))])
    filt = {k: v for k, v in event_filters(req).items()}
    downloads = Markup(f' · download <a href="{h(url("/events.csv", filt))}">CSV</a> '
                       f'<a href="{h(url("/events.json", filt))}">JSON</a>')
    body = event_form(req, store, "/events") + tag("p", Markup(plural(len(evts), "event")) + downloads, class_="note")
    body += table(["date", "source", "event", "target", "status", "goldstein", "evidence"], rows,
                  empty="No events match.") + pages
    return html_page("Events", body, "/events")


def events_csv(req: Request, store) -> Response:
    text = query.render(query.event_rows(filtered_events(req, store)), "csv", query.EVENT_COLUMNS)
    return Response(text, content_type="text/csv; charset=utf-8",
                    headers=[("Content-Disposition", 'attachment; filename="events.csv"')])


def events_json(req: Request, store) -> Response:
    return Response(query.render(filtered_events(req, store), "json"), content_type="application/json; charset=utf-8")


def _facts(req: Request, store) -> list[dict]:
    facts = merge(filtered_events(req, store), document_index(store))
    facts.sort(key=lambda f: (-f["num_sources"], -f["num_articles"], -f["num_mentions"]))
    return facts


def facts_page(req: Request, store) -> Response:
    facts = _facts(req, store)
    docs = titles(store)
    sl, pages = pager(req, "/facts", len(facts))
    rows = []
    for f in facts[sl]:
        ev = join((Markup(tag("li", evidence_link(docs, x["doc_id"], x.get("sentence"), x.get("trigger"))))
                   for x in f["evidence"][:8]))
        more = f["num_mentions"] - min(8, len(f["evidence"]))
        rows.append([date_cell(f.get("date")), who(f.get("source")), event_code(f), who(f.get("target")),
                     status_badge(f.get("status")), f["num_mentions"], f["num_articles"],
                     Markup(f'{f["num_sources"]} <span class="small">{h(", ".join(f["sources"]))}</span>'),
                     Markup(f'<ul class="evlist">{ev}</ul>' + (f'<span class="note">+{more} more</span>' if more > 0
                                                          else ""))])
    filt = event_filters(req)
    body = event_form(req, store, "/facts") + tag(
        "p", Markup(f"{plural(len(facts), 'fact')} merged from the matching events (same source, CAMEO code, target, "
                    "date and status) · ") + link(url("/facts.json", filt), "JSON"), class_="note")
    body += table(["date", "source", "event", "target", "status", "mentions", "articles", "sources",
                   "evidence"], rows, empty="No facts.") + pages
    return html_page("Facts across documents", body, "/facts")


def facts_json(req: Request, store) -> Response:
    return Response(json.dumps(_facts(req, store), ensure_ascii=False, indent=2),
                    content_type="application/json; charset=utf-8")


def timeline_page(req: Request, store) -> Response:
    evts = filtered_events(req, store)
    docs = titles(store)
    by = req.get("by", "day")
    groups: dict[tuple, list[dict]] = defaultdict(list)
    undated = []
    for e in evts:
        date = e.get("date") or {}
        value = date.get("value")
        if not value:
            undated.append(e)
            continue
        if by == "month":
            groups[(value[:7], "month" if len(value) >= 7 else date.get("precision") or "year")].append(e)
        else:
            groups[(value, date.get("precision") or "unknown")].append(e)
    out = Markup("")

    def item(e: dict) -> Markup:
        return tag("li", Markup(
            status_badge(e.get("status")) + " " + who(e.get("source")) + " " + event_code(e) + " → "
            + who(e.get("target")) + Markup(' <span class="evl">') + evidence_link(
                docs, e["doc_id"], e.get("sentence"), e.get("trigger")) + Markup("</span>")))

    for (value, prec), items in sorted(groups.items()):
        out += Markup(f'<section class="day"><h3>{h(value)} <span class="prec">{h(prec)}</span> '
                      f'<span class="n">{len(items)}</span></h3><ul>{join(item(e) for e in items)}</ul></section>')
    if undated:
        out += Markup(f'<section class="day undated"><h3>date not resolved <span class="n">{len(undated)}</span>'
                      f'</h3><ul>{join(item(e) for e in undated)}</ul></section>')
    switch = Markup(" · group by ") + (Markup("<b>day</b>") if by != "month" else link(
        url("/timeline", {**req.params, "by": "day"}), "day")) + " / " + (
        Markup("<b>month</b>") if by == "month" else link(url("/timeline", {**req.params, "by": "month"}), "month"))
    body = event_form(req, store, "/timeline", Markup(f'<input type="hidden" name="by" value="{h(by)}">'))
    body += tag("p", Markup(f"{plural(len(evts), 'event')}, {plural(len(groups), 'date')}, {len(undated)} undated") + switch,
                class_="note")
    body += out or tag("p", "No events match.", class_="empty")
    return html_page("Timeline", body, "/timeline")


def actors_page(req: Request, store) -> Response:
    p = {k: req.params[k] for k in ACTOR_FILTERS if k in req.params}
    items = query.actors(store, **p)
    docs = titles(store)
    sl, pages = pager(req, "/actors", len(items))
    rows = []
    for a in items[sl]:
        ments = a.get("mentions") or []
        first = ments[0].get("sentence") if ments else None
        rows.append([a.get("name"), a.get("kind"), a.get("country") or "", a.get("sector") or "", a.get("code") or "",
                     len(ments), "; ".join(a.get("evidence") or []),
                     evidence_link(docs, a["doc_id"], first)])
    fields = [
        input_field("name", "name", p.get("name", ""), "name or code"),
        input_field("country", "country", p.get("country", ""), "ISO3", 5),
        select("sector", "sector", distinct(store, "sector", "actors"), p.get("sector", "")),
        select("kind", "kind", distinct(store, "kind", "actors"), p.get("kind", "")),
        input_field("doc", "doc", p.get("doc", ""), "id / #", 8),
    ]
    body = form("/actors", fields) + tag("p", Markup(f"{plural(len(items), 'actor')} (one row per document) · ")
                                         + link(url("/actors.csv", p), "CSV") + " · "
                                         + link("/network", "network of events"), class_="note")
    body += table(["name", "kind", "country", "sector", "code", "mentions", "evidence", "document"], rows,
                  empty="No actors match.") + pages
    return html_page("Actors", body, "/actors")


def actors_csv(req: Request, store) -> Response:
    p = {k: req.params[k] for k in ACTOR_FILTERS if k in req.params}
    text = query.render(query.actor_rows(query.actors(store, **p)), "csv",
                        ["doc_id", "id", "name", "kind", "country", "sector", "code", "mentions", "attributes",
                         "evidence"])
    return Response(text, content_type="text/csv; charset=utf-8",
                    headers=[("Content-Disposition", 'attachment; filename="actors.csv"')])


# -- network -----------------------------------------------------------------------------------
def network(evts: list[dict]) -> dict[str, Any]:
    """Nodes (actors, merged by ``merge.actor_key``) and directed edges source -> target."""
    names: dict[str, Counter] = defaultdict(Counter)
    info: dict[str, dict] = {}
    edges: dict[tuple[str, str], dict] = {}
    for e in evts:
        src, tgt = e.get("source"), e.get("target")
        if not src or not tgt:
            continue
        ks, kt = actor_key(src), actor_key(tgt)
        if not ks or not kt:
            continue
        for k, a in ((ks, src), (kt, tgt)):
            names[k][a.get("name") or k] += 1
            info.setdefault(k, {"code": a.get("code"), "country": a.get("country"), "kind": a.get("kind")})
        edge = edges.setdefault((ks, kt), {"source": ks, "target": kt, "count": 0, "_g": [], "cameo": Counter(),
                                           "documents": set()})
        edge["count"] += 1
        if e.get("goldstein") is not None:
            edge["_g"].append(float(e["goldstein"]))
        edge["cameo"][e.get("cameo") or "?"] += 1
        edge["documents"].add(e["doc_id"])
    degree: Counter = Counter()
    out_edges = []
    for edge in edges.values():
        g = edge.pop("_g")
        edge["goldstein"] = round(sum(g) / len(g), 2) if g else None
        edge["cameo"] = dict(edge["cameo"].most_common())
        edge["documents"] = sorted(edge["documents"])
        degree[edge["source"]] += edge["count"]
        degree[edge["target"]] += edge["count"]
        out_edges.append(edge)
    out_edges.sort(key=lambda x: -x["count"])
    nodes = [{"id": k, "label": names[k].most_common(1)[0][0], **info[k], "weight": degree[k]}
             for k in sorted(names, key=lambda k: -degree[k])]
    return {"nodes": nodes, "edges": out_edges}


def _color(g: float | None) -> str:
    if g is None:
        return "#8a8a8a"
    t = max(-10.0, min(10.0, g)) / 10.0
    if t < 0:  # grey -> red
        return f"rgb({int(140 + 80 * -t)},{int(140 - 100 * -t)},{int(140 - 100 * -t)})"
    return f"rgb({int(140 - 100 * t)},{int(140 + 30 * t)},{int(140 - 60 * t)})"


def network_svg(net: dict[str, Any], max_nodes: int = 40, size: int = 640) -> Markup:
    nodes = net["nodes"][:max_nodes]
    if not nodes:
        return Markup("")
    keep = {n["id"] for n in nodes}
    cx = cy = size / 2
    r = size / 2 - 110
    pos = {}
    for i, n in enumerate(nodes):
        a = 2 * math.pi * i / len(nodes) - math.pi / 2
        pos[n["id"]] = (cx + r * math.cos(a), cy + r * math.sin(a), a)
    maxc = max((e["count"] for e in net["edges"]), default=1)
    degree = {n["id"]: n["weight"] for n in nodes}
    parts = [f'<svg class="net" viewBox="0 0 {size} {size}" width="{size}" height="{size}" role="img" '
             'aria-label="actor network" xmlns="http://www.w3.org/2000/svg">',
             '<defs><marker id="arr" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="9" markerHeight="9" '
             'markerUnits="userSpaceOnUse" orient="auto"><path d="M0,0 L10,5 L0,10 z" fill="#666"/></marker></defs>']
    for e in net["edges"]:
        if e["source"] not in keep or e["target"] not in keep:
            continue
        x1, y1, _ = pos[e["source"]]
        x2, y2, _ = pos[e["target"]]
        w = 1 + 4 * math.log1p(e["count"]) / math.log1p(maxc)
        tip = f'{e["source"]} → {e["target"]}: {e["count"]} events, mean Goldstein {e["goldstein"]}'
        if e["source"] == e["target"]:  # a loop: a small circle outside the node
            _, _, a = pos[e["source"]]
            lx, ly = x1 + 16 * math.cos(a), y1 + 16 * math.sin(a)
            parts.append(f'<circle cx="{lx:.1f}" cy="{ly:.1f}" r="10" fill="none" stroke="{_color(e["goldstein"])}" '
                         f'stroke-width="{w:.1f}"><title>{h(tip)}</title></circle>')
            continue
        dx, dy = x2 - x1, y2 - y1
        dist = math.hypot(dx, dy) or 1
        # stop short of the target circle and bend a little, so A->B and B->A do not overlap
        gap = 6 + min(6, math.sqrt(degree.get(e["target"], 1)))
        ex, ey = x2 - dx / dist * gap, y2 - dy / dist * gap
        mx, my = (x1 + x2) / 2 - dy * 0.08, (y1 + y2) / 2 + dx * 0.08
        parts.append(f'<path d="M{x1:.1f},{y1:.1f} Q{mx:.1f},{my:.1f} {ex:.1f},{ey:.1f}" fill="none" '
                     f'stroke="{_color(e["goldstein"])}" stroke-width="{w:.1f}" stroke-opacity="0.8" '
                     f'marker-end="url(#arr)"><title>{h(tip)}</title></path>')
    for n in nodes:
        x, y, a = pos[n["id"]]
        label = n["label"] if len(n["label"]) <= 22 else n["label"][:21] + "…"
        anchor = "start" if math.cos(a) > 0.2 else "end" if math.cos(a) < -0.2 else "middle"
        lx, ly = x + 12 * math.cos(a), y + 12 * math.sin(a) + 4
        parts.append(f'<g><circle cx="{x:.1f}" cy="{y:.1f}" r="{4 + min(6, math.sqrt(n["weight"])):.1f}" '
                     f'fill="#2f5d8a"><title>{h(n["label"])} ({h(n["id"])}): {n["weight"]} events</title></circle>'
                     f'<text x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}">{h(label)}</text></g>')
    parts.append("</svg>")
    return Markup("".join(parts))


def network_page(req: Request, store) -> Response:
    net = network(filtered_events(req, store))
    docs = titles(store)
    labels = {n["id"]: n["label"] for n in net["nodes"]}
    rows = []
    for e in net["edges"][:500]:
        rows.append([labels.get(e["source"], e["source"]), labels.get(e["target"], e["target"]), e["count"],
                     goldstein_cell(e["goldstein"]),
                     ", ".join(f"{k}×{v}" for k, v in list(e["cameo"].items())[:6]),
                     join((link(doc_href(x), doc_label(docs, x)[:40]) for x in e["documents"][:5]), ", ")
                     + (f" +{len(e['documents']) - 5}" if len(e["documents"]) > 5 else "")])
    filt = event_filters(req)
    note = f"{plural(len(net['nodes']), 'actor')}, {plural(len(net['edges']), 'directed edge')}"
    if len(net["nodes"]) > 40:
        note += " (the drawing shows the 40 busiest actors)"
    body = event_form(req, store, "/network") + tag("p", Markup(h(note) + " · ") + link(url("/network.json", filt),
                                                                                       "JSON"), class_="note")
    if net["nodes"]:
        body += Markup('<div class="netwrap">') + network_svg(net) + Markup(
            '<p class="legend small">edge colour: mean Goldstein (red conflict, green cooperation, grey none); '
            'width: number of events</p></div>')
    body += table(["source", "target", "events", "mean Goldstein", "CAMEO codes", "documents"], rows,
                  empty="No events with both a source and a target.")
    return html_page("Actor network", body, "/network")


def network_json(req: Request, store) -> Response:
    return Response(json.dumps(network(filtered_events(req, store)), ensure_ascii=False, indent=2),
                    content_type="application/json; charset=utf-8")


def sentence_of(store, doc_id: str, offset: Any, default: Any = None) -> Any:
    """The index of the sentence holding character ``offset`` of a document's body."""
    if not isinstance(offset, int):
        return default
    row = store.db.execute('SELECT idx FROM sentences WHERE doc_id=? AND start<=? AND "end">? LIMIT 1',
                           (doc_id, offset, offset)).fetchone()
    return row[0] if row else default


# -- claims ------------------------------------------------------------------------------------
def _party(x: dict, docs: dict) -> Markup:
    who_ = who({"name": x.get("name") or "?", "country": x.get("country")})
    ev = x.get("evidence")
    where = link(doc_href(x["doc_id"]), (x.get("outlet") or doc_label(docs, x["doc_id"]))[:40]) if x.get(
        "doc_id") else ""
    return Markup(tag("li", Markup(who_ + " · " + where + (Markup(" ") + tag("q", ev, class_="small") if ev else "")
                                   + (Markup(f' <span class="small">{h(x.get("date"))}</span>')
                                      if x.get("date") else ""))))


def proposition_row(p: dict, docs: dict) -> list:
    names = lambda ns, code: Markup(h(", ".join(ns[:3]) or code) + (  # noqa: E731
        Markup(f' <span class="code">{h(code)}</span>') if code and code != "?" and code not in ns else ""))
    contested = Markup(' <span class="st st-denied">contested</span>') if p.get("contested") else ""
    evs = join((tag("li", Markup(link(f"{doc_href(e['doc_id'])}#t-{e.get('event')}", e.get("trigger") or e.get("event"))
                                 + f" {e.get('cameo') or ''} " + status_badge(e.get("status"))))
                for e in (p.get("events") or [])[:8]))
    more = len(p.get("events") or []) - 8
    when = p.get("from") or "undated"
    if p.get("to") and p.get("to") != p.get("from"):
        when = f"{when} – {p['to']}"
    return [
        Markup(f'<span class="code">{h(p.get("key"))}</span>') + contested,
        Markup(names(p.get("source_names") or [], p.get("source")) + " → " + tag("b", p.get("type"))
               + " → " + names(p.get("target_names") or [], p.get("target"))),
        when,
        Markup(f'<ul class="evlist">{join(_party(x, docs) for x in p.get("asserted_by") or [])}</ul>'),
        Markup(f'<ul class="evlist">{join(_party(x, docs) for x in p.get("denied_by") or [])}</ul>'),
        Markup(f'<ul class="evlist">{evs}</ul>' + (f'<span class="note">+{more} more</span>' if more > 0 else "")),
    ]


def claims_page(req: Request, store) -> Response:
    docs = titles(store)
    actor, country = req.get("actor"), req.get("country")
    contested = req.get("contested") in ("1", "on", "true", "yes")
    fields = [input_field("actor", "actor", actor or "", "name or code"),
              input_field("country", "country", country or "", "ISO3", 5),
              Markup(f'<label><input type="checkbox" name="contested" value="1"{" checked" if contested else ""}>'
                     ' contested only</label>')]
    body = form("/claims", fields)
    result = ledger(query.claim_rows(store), actor=actor, country=country, contested=contested)
    sl, pages = pager(req, "/claims", len(result))
    rows = [proposition_row(p, docs) for p in result[sl]]
    body += tag("p", plural(len(result), "proposition") + " (events grouped by source, target, type and a "
                "time window; contested = somebody denies it)", class_="note")
    body += table(["proposition", "who did what to whom", "when", "asserted by", "denied by", "events"],
                  rows, cls="grid ledger", empty="No claims match.") + pages
    return html_page("Claims ledger", body, "/claims")


# -- search ------------------------------------------------------------------------------------
_HI, _LO = "\x02", "\x03"


def search_page(req: Request, store) -> Response:
    q = req.get("q", "")
    if not q:
        return html_page("Search", tag("p", "Type words in the search box (FTS5: words, \"phrases\", OR, NOT, "
                                            "prefix*).", class_="note"), q=q)
    hits = store.search(q, 50, marks=(_HI, _LO), snippet_tokens=24)
    items = Markup("")
    for r in hits:
        snip = str(h(r["snippet"] or "")).replace(_HI, "<mark>").replace(_LO, "</mark>")
        items += Markup('<li class="hit">') + link(doc_href(r["id"]), r.get("title") or r.get("source") or r["id"]) \
            + Markup(f' <span class="small">{h(" / ".join(x for x in (r.get("outlet"), r.get("agency")) if x))} '
                     f'{h(r.get("published") or "")}</span><p class="snip">{snip}</p></li>')
    body = tag("p", f"{plural(len(hits), 'document')} match “{q}”" + (" (first 50)" if len(hits) >= 50 else ""),
               class_="note") + Markup(f'<ol class="hits">{items}</ol>')
    return html_page(f"Search: {q}", body, q=q)
