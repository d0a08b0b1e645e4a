"""``dossier serve``: registered in dossier.cli with ``main.add_command(serve)``."""
from __future__ import annotations

import os

import click


@click.command()
@click.option("--db", default="dossier.db", show_default=True, envvar="DOSSIER_DB", help="SQLite database file.")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (the default is this machine only).")
@click.option("--port", default=8765, show_default=True, type=click.IntRange(0, 65535),
              help="Port (0 picks a free one).")
def serve(db, host, port):
    """Browse a store in the web browser: articles with their coded evidence, events, facts, timeline,
    actors, network, claims and search. Read-only: the database is never written.

    Example: dossier serve --db news.db   (then open http://127.0.0.1:8765/)
    """
    if not os.path.exists(db):
        raise click.ClickException(f"no database at {db} (run: dossier ingest PATH --db {db})")
    from .app import serve as run
    try:
        run(db, host, port)
    except OSError as exc:
        raise click.ClickException(f"cannot listen on {host}:{port}: {exc}") from None
