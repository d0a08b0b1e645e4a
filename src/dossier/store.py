"""The embedded store: one SQLite file, the single writer of every analysis result.

Ingest is idempotent (a document's id is the hash of its content; a known id is skipped before any
analysis), transactional (each document is written in one ``BEGIN IMMEDIATE`` transaction, so a crash
or Ctrl-C never leaves half a document) and resumable (run it again: what is stored is skipped).
Readers use the same class; the web UI opens the file read-only.
"""
from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Iterator

from .migrations import migrate
from .model import Document
from .pipeline import DEFAULT, Options, new_document, process, warm
from .read import RawInput, read_paths

DEFAULT_DB = "dossier.db"


@dataclass(slots=True)
class IngestReport:
    stored: int = 0
    skipped: int = 0  # already in the store (same content)
    failed: list[tuple[str, str]] = field(default_factory=list)  # (source, error)

    @property
    def total(self) -> int:
        return self.stored + self.skipped + len(self.failed)


def _j(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Store:
    """``Store("dossier.db")``: ingest documents, then query them."""

    def __init__(self, path: str = DEFAULT_DB, readonly: bool = False):
        self.path = path
        if readonly:
            uri = Path(path).resolve().as_uri() + "?mode=ro"  # percent-encodes '?' and '#' in the path
            self.db = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
            self.db.execute("PRAGMA query_only = 1")
        else:
            self.db = sqlite3.connect(path, isolation_level=None, timeout=30)
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = NORMAL")
            self.db.execute("PRAGMA foreign_keys = ON")
            migrate(self.db)
        self.db.row_factory = sqlite3.Row

    # -- context manager -------------------------------------------------------------------
    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        self.db.close()

    # -- writing ---------------------------------------------------------------------------
    def has(self, doc_id: str) -> bool:
        return self.db.execute("SELECT 1 FROM documents WHERE id=?", (doc_id,)).fetchone() is not None

    def ingest(self, paths: Iterable[str], options: Options = DEFAULT, meta: dict[str, Any] | None = None,
               progress: Callable[[Document | None, str], None] | None = None,
               workers: int = 1) -> IngestReport:
        """Read, analyse and store every document under ``paths``; never stops on a bad one."""
        return self.ingest_raw(read_paths(paths, meta), options, progress, workers)

    def ingest_raw(self, raws: Iterable[RawInput], options: Options = DEFAULT,
                   progress: Callable[[Document | None, str], None] | None = None,
                   workers: int = 1) -> IngestReport:
        """Analyse in batches (in ``workers`` processes when > 1) and write here, the single writer."""
        report = IngestReport()
        seen: set[str] = set()

        def batches() -> Iterator[list[RawInput]]:
            batch: list[RawInput] = []
            for raw in raws:
                probe = new_document(raw)  # cheap: the id is the content hash (or the user's id)
                if probe.error is not None:
                    self._record(probe, report, progress)
                elif probe.id in seen or self.has(probe.id):
                    report.skipped += 1
                    if progress:
                        progress(probe, "skipped")
                else:
                    seen.add(probe.id)
                    batch.append(raw)
                    if len(batch) >= options.batch_size:
                        yield batch
                        batch = []
            if batch:
                yield batch

        for docs in _analysed(batches(), options, workers):
            for doc in docs:
                self._record(doc, report, progress)
        return report

    def _record(self, doc: Document, report: IngestReport, progress) -> None:
        if doc.error is None:
            try:
                added = self.add(doc)
            except (sqlite3.IntegrityError, sqlite3.InterfaceError, sqlite3.DataError,
                    ValueError, TypeError) as exc:  # this document's data is bad, not the store
                doc.error = f"store: {type(exc).__name__}: {exc}"
        if doc.error is not None:
            report.failed.append((doc.source, doc.error))
            self.db.execute("INSERT INTO errors VALUES (?, ?, ?)", (doc.source, doc.error, _now()))
            status = "failed"
        elif added:
            report.stored += 1
            status = "stored"
        else:
            report.skipped += 1
            status = "skipped"
        if progress:
            progress(doc, status)

    def add(self, doc: Document) -> bool:
        """Write one analysed document in one transaction; False if its id is already stored."""
        d = doc.to_dict()
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            if db.execute("SELECT 1 FROM documents WHERE id=?", (doc.id,)).fetchone():
                db.execute("ROLLBACK")
                return False
            pub = d["published"]
            cur = db.execute(
                "INSERT INTO documents (id, content_hash, source, url, title, outlet, agency, byline,"
                " dateline, published, published_precision, published_evidence, body, metadata,"
                " ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (doc.id, d["metadata"].get("content_hash", doc.id), doc.source, doc.url, doc.title,
                 doc.outlet, doc.agency, _j(doc.byline), doc.dateline, pub["value"], pub["precision"],
                 pub["evidence"], doc.body, _j(d["metadata"]), _now()))
            db.execute("INSERT INTO documents_fts (rowid, title, body) VALUES (?,?,?)",
                       (cur.lastrowid, doc.title or "", doc.body))
            db.executemany("INSERT INTO removed VALUES (?,?,?,?)",
                           [(doc.id, i, r["kind"], r["text"]) for i, r in enumerate(d["removed"])])
            db.executemany("INSERT INTO sentences VALUES (?,?,?,?)",
                           [(doc.id, i, s["start"], s["end"]) for i, s in enumerate(d["sentences"])])
            self._add_analysis(doc.id, d)
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return True

    def _add_analysis(self, doc_id: str, d: dict[str, Any]) -> None:
        db = self.db
        for a in d["actors"]:
            db.execute("INSERT INTO actors VALUES (?,?,?,?,?,?,?,?)",
                       (doc_id, a["id"], a["name"], a["kind"], a["country"], a["sector"], a["code"], _j(a)))
            db.executemany("INSERT INTO mentions VALUES (?,?,?,?,?,?,?)",
                           [(doc_id, a["id"], m["start"], m["end"], m["text"], m["sentence"], m["rule"])
                            for m in a["mentions"]])
        for e in d["events"]:
            src, tgt = e.get("source") or {}, e.get("target") or {}
            date = e.get("date") or {}
            db.execute("INSERT INTO events VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                       (doc_id, e["id"], e["sentence"], e["cameo"], (e["cameo"] or "")[:2], e["plover"],
                        e["quad_class"], e["goldstein"], e["status"],
                        src.get("actor"), src.get("name"), src.get("country"), src.get("code"),
                        tgt.get("actor"), tgt.get("name"), tgt.get("country"), tgt.get("code"),
                        date.get("value"), date.get("precision"),
                        (e.get("asserted_by") or {}).get("name"), _j(e)))
        for q in d["quotes"]:
            sp = q.get("speaker") or {}
            db.execute("INSERT INTO quotes VALUES (?,?,?,?,?,?)",
                       (doc_id, q["id"], sp.get("name"), sp.get("country"), q["kind"], _j(q)))
        for c in d["claims"]:
            db.execute("INSERT INTO claims VALUES (?,?,?,?,?,?)",
                       (doc_id, c["id"], c["stance"], c["event"], c["answers"], _j(c)))

    def delete(self, doc_id: str) -> bool:
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            row = db.execute("SELECT rowid FROM documents WHERE id=?", (doc_id,)).fetchone()
            if row:
                db.execute("DELETE FROM documents_fts WHERE rowid=?", (row[0],))
                db.execute("DELETE FROM documents WHERE id=?", (doc_id,))
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return row is not None

    # -- reading ---------------------------------------------------------------------------
    def documents(self, limit: int | None = None) -> list[dict[str, Any]]:
        sql = ("SELECT d.id, d.source, d.title, d.outlet, d.agency, d.published, d.published_precision,"
               " (SELECT COUNT(*) FROM events e WHERE e.doc_id = d.id) AS events,"
               " (SELECT COUNT(*) FROM actors a WHERE a.doc_id = d.id) AS actors,"
               " (SELECT COUNT(*) FROM quotes q WHERE q.doc_id = d.id) AS quotes"
               " FROM documents d ORDER BY d.rowid")
        if limit:
            sql += f" LIMIT {int(limit)}"
        return [dict(r) for r in self.db.execute(sql)]

    def find(self, doc_ref: str) -> str | None:
        """A document id from an id, an id prefix, a row number or a source path."""
        row = self.db.execute(
            "SELECT id FROM documents WHERE id=? OR source=? OR CAST(rowid AS TEXT)=? LIMIT 1",
            (doc_ref, doc_ref, doc_ref)).fetchone()
        if row is None and len(doc_ref) >= 4:
            rows = self.db.execute(
                "SELECT id FROM documents WHERE id LIKE ? OR source LIKE ? OR source LIKE ? LIMIT 2",
                (doc_ref + "%", "%/" + doc_ref, "%/" + doc_ref + ".%")).fetchall()
            row = rows[0] if len(rows) == 1 else None  # an ambiguous prefix finds nothing
        return row[0] if row else None

    def get(self, doc_ref: str) -> dict[str, Any] | None:
        """A stored document as the same dict ``extract`` prints."""
        doc_id = self.find(doc_ref)
        if doc_id is None:
            return None
        r = dict(self.db.execute("SELECT * FROM documents WHERE id=?", (doc_id,)).fetchone())
        q = lambda sql: [json.loads(x[0]) for x in self.db.execute(sql, (doc_id,))]  # noqa: E731
        return {
            "id": r["id"], "source": r["source"], "url": r["url"], "title": r["title"],
            "outlet": r["outlet"], "agency": r["agency"], "byline": json.loads(r["byline"] or "[]"),
            "dateline": r["dateline"],
            "published": {"value": r["published"], "precision": r["published_precision"],
                          "evidence": r["published_evidence"]},
            "body": r["body"],
            "removed": [{"text": t, "kind": k} for k, t in self.db.execute(
                "SELECT kind, text FROM removed WHERE doc_id=? ORDER BY seq", (doc_id,))],
            "sentences": [{"start": s, "end": e} for s, e in self.db.execute(
                'SELECT start, "end" FROM sentences WHERE doc_id=? ORDER BY idx', (doc_id,))],
            "actors": q("SELECT json FROM actors WHERE doc_id=? ORDER BY rowid"),
            "events": q("SELECT json FROM events WHERE doc_id=? ORDER BY rowid"),
            "quotes": q("SELECT json FROM quotes WHERE doc_id=? ORDER BY rowid"),
            "claims": q("SELECT json FROM claims WHERE doc_id=? ORDER BY rowid"),
            "metadata": json.loads(r["metadata"] or "{}"),
            "error": None,
        }

    def search(self, query: str, limit: int = 20, marks: tuple[str, str] = ("[", "]"),
               snippet_tokens: int = 12) -> list[dict[str, Any]]:
        """Full-text search (FTS5 syntax: words, "phrases", AND/OR/NOT, prefix*); each hit has a
        snippet with the matches between ``marks``. Invalid FTS syntax is searched as a phrase."""
        sql = ("SELECT d.id, d.title, d.source, d.outlet, d.agency, d.published,"
               " snippet(documents_fts, 1, ?, ?, ' … ', ?) AS snippet"
               " FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid"
               " WHERE documents_fts MATCH ? ORDER BY rank LIMIT ?")
        try:
            rows = self.db.execute(sql, (*marks, snippet_tokens, query, limit)).fetchall()
        except sqlite3.OperationalError:  # a stray quote or operator
            phrase = '"' + query.replace('"', '""') + '"'
            rows = self.db.execute(sql, (*marks, snippet_tokens, phrase, limit)).fetchall()
        return [dict(r) for r in rows]

    def errors(self) -> list[dict[str, Any]]:
        return [dict(r) for r in self.db.execute("SELECT source, error, at FROM errors ORDER BY rowid")]

    def counts(self) -> dict[str, int]:
        tables = ("documents", "sentences", "removed", "actors", "mentions", "events", "quotes",
                  "claims", "errors")
        return {t: self.db.execute(f"SELECT COUNT(*) FROM {t}").fetchone()[0] for t in tables}

    def rows(self, table: str) -> Iterator[dict[str, Any]]:
        """Every stored object of ``actors|events|quotes|claims`` as its JSON dict plus ``doc_id``."""
        if table not in ("actors", "events", "quotes", "claims"):
            raise ValueError(f"unknown table {table!r}")
        for doc_id, js in self.db.execute(f"SELECT doc_id, json FROM {table} ORDER BY rowid"):
            obj = json.loads(js)
            obj["doc_id"] = doc_id
            yield obj

    def schema_version(self) -> int:
        return self.db.execute("PRAGMA user_version").fetchone()[0]


def _analyse_for_store(batch: list[RawInput], options: Options) -> list[Document]:
    """Worker side: analyse a batch and drop what need not travel back (raw text, spaCy Doc)."""
    docs = process(batch, options)
    for d in docs:
        d.nlp = None
        d.raw = None
    return docs


def _one_blas_thread() -> None:
    """Each worker process uses one BLAS thread: ``workers`` processes already fill the cores, and
    threads on top of them only compete (measured: bench/results/speed.md)."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # the limit is a speed-up, not a requirement
        return
    threadpool_limits(1)


def _analysed(batches: Iterator[list[RawInput]], options: Options, workers: int) -> Iterator[list[Document]]:
    """Analysed batches in input order; with workers > 1, a bounded window of batches in flight."""
    if workers <= 1:
        for b in batches:
            yield process(b, options)
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    import gc

    warm(options)  # forked workers inherit the loaded pipeline and knowledge
    gc.freeze()  # keep the garbage collector off those objects so forked pages stay shared
    try:
        with ProcessPoolExecutor(workers, initializer=_one_blas_thread) as pool:
            window: deque = deque()
            for b in batches:
                window.append(pool.submit(_analyse_for_store, b, options))
                if len(window) >= 2 * workers:
                    yield window.popleft().result()
            while window:
                yield window.popleft().result()
    finally:
        gc.unfreeze()


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime())
