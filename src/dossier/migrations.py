"""Schema migrations for the SQLite store.

Each migration is a registered function applied once, inside the same transaction as its record in
``_migrations``; ``PRAGMA user_version`` holds the schema version. An applied migration is never
edited: a change to the schema is a new migration at the end of the list.
"""
from __future__ import annotations

import sqlite3
import time
from typing import Callable

MIGRATIONS: list[tuple[str, Callable[[sqlite3.Connection], None]]] = []


def migration(fn: Callable[[sqlite3.Connection], None]):
    MIGRATIONS.append((fn.__name__, fn))
    return fn


def run_script(db: sqlite3.Connection, sql: str) -> None:
    """Run ';'-separated statements inside the current transaction (executescript would commit)."""
    for stmt in sql.split(";"):
        lines = [ln.split("--", 1)[0] for ln in stmt.splitlines()]
        stmt = "\n".join(lines).strip()
        if stmt:
            db.execute(stmt)


@migration
def m001_documents(db: sqlite3.Connection) -> None:
    run_script(db, """
    CREATE TABLE documents (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        content_hash TEXT NOT NULL,
        source TEXT, url TEXT, title TEXT, outlet TEXT, agency TEXT,
        byline TEXT,              -- JSON list of names
        dateline TEXT,
        published TEXT, published_precision TEXT, published_evidence TEXT,
        body TEXT NOT NULL,
        metadata TEXT,            -- JSON: copyright, additional reporting, given fields, ...
        ingested_at TEXT NOT NULL
    );
    CREATE INDEX documents_hash ON documents(content_hash);
    CREATE TABLE removed (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL, kind TEXT NOT NULL, text TEXT NOT NULL,
        PRIMARY KEY (doc_id, seq)
    );
    CREATE TABLE sentences (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        idx INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
        PRIMARY KEY (doc_id, idx)
    );
    CREATE TABLE errors (
        source TEXT NOT NULL, error TEXT NOT NULL, at TEXT NOT NULL
    );
    CREATE VIRTUAL TABLE documents_fts USING fts5(title, body, tokenize='unicode61');
    """)


@migration
def m002_analysis(db: sqlite3.Connection) -> None:
    run_script(db, """
    CREATE TABLE actors (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        id TEXT NOT NULL, name TEXT, kind TEXT, country TEXT, sector TEXT, code TEXT,
        json TEXT NOT NULL,
        PRIMARY KEY (doc_id, id)
    );
    CREATE INDEX actors_country ON actors(country, sector);
    CREATE TABLE mentions (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        actor_id TEXT NOT NULL, start INTEGER, "end" INTEGER, text TEXT, sentence INTEGER, rule TEXT
    );
    CREATE INDEX mentions_doc ON mentions(doc_id, actor_id);
    CREATE TABLE events (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        id TEXT NOT NULL, sentence INTEGER,
        cameo TEXT, root TEXT, plover TEXT, quad_class INTEGER, goldstein REAL, status TEXT,
        source_actor TEXT, source_name TEXT, source_country TEXT, source_code TEXT,
        target_actor TEXT, target_name TEXT, target_country TEXT, target_code TEXT,
        date TEXT, date_precision TEXT,
        asserted_by TEXT,
        json TEXT NOT NULL,
        PRIMARY KEY (doc_id, id)
    );
    CREATE INDEX events_type ON events(cameo, plover);
    CREATE INDEX events_dyad ON events(source_country, target_country);
    CREATE INDEX events_date ON events(date);
    CREATE TABLE quotes (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        id TEXT NOT NULL, speaker_name TEXT, speaker_country TEXT, kind TEXT,
        json TEXT NOT NULL,
        PRIMARY KEY (doc_id, id)
    );
    CREATE TABLE claims (
        doc_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
        id TEXT NOT NULL, stance TEXT, event_id TEXT, answers TEXT,
        json TEXT NOT NULL,
        PRIMARY KEY (doc_id, id)
    );
    """)


def migrate(db: sqlite3.Connection) -> list[str]:
    """Apply every migration not yet applied; returns the names applied now."""
    db.execute("CREATE TABLE IF NOT EXISTS _migrations (name TEXT PRIMARY KEY, applied_at REAL)")
    done = {row[0] for row in db.execute("SELECT name FROM _migrations")}
    applied = []
    for version, (name, fn) in enumerate(MIGRATIONS, 1):
        if name in done:
            continue
        db.execute("BEGIN IMMEDIATE")
        try:
            # re-check inside the write lock: another process may have migrated meanwhile
            if db.execute("SELECT 1 FROM _migrations WHERE name=?", (name,)).fetchone():
                db.execute("ROLLBACK")
                continue
            fn(db)
            db.execute("INSERT INTO _migrations VALUES (?, ?)", (name, time.time()))
            db.execute(f"PRAGMA user_version = {version}")
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        applied.append(name)
    return applied
