"""The ``dossier`` command: argument parsing, one library call, output. No logic lives here."""
from __future__ import annotations

import json
import os
import sys
import tempfile

import click

from . import __version__
from . import query
from .pipeline import Options, process_stream
from .read import read_paths

DB_OPTION = click.option("--db", default="dossier.db", show_default=True, envvar="DOSSIER_DB",
                         help="SQLite database file.")


def meta_options(fn):
    for opt in reversed([
        click.option("--published", help="Publication date YYYY-MM-DD|YYYY-MM|YYYY (wins over inference)."),
        click.option("--outlet", help="Outlet name (wins over inference)."),
        click.option("--url", help="Source URL."),
        click.option("--title", help="Headline (wins over inference)."),
    ]):
        fn = opt(fn)
    return fn


def analysis_options(fn):
    for opt in reversed([
        click.option("--pipeline", default=None,
                     help="spaCy pipeline: 'default' (shipped), 'blank', or any installed name/path."),
        click.option("--actors", "actors_files", multiple=True, type=click.Path(exists=True, dir_okay=False),
                     help="Extra actors file (YAML or CSV); repeatable."),
        click.option("--batch-size", default=32, show_default=True, type=click.IntRange(1, 10000)),
    ]):
        fn = opt(fn)
    return fn


def _options(pipeline, actors_files, batch_size) -> Options:
    return Options(pipeline=pipeline, actors_files=tuple(actors_files), batch_size=batch_size)


def _meta(published, outlet, url, title) -> dict:
    return {"published": published, "outlet": outlet, "url": url, "title": title}


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="dossier")
def main():
    """dossier: who did what to whom, when, where, who says so and who denies it, from news pages.

    Example: dossier ingest articles/ --db news.db && dossier events --db news.db
    """


@main.command()
@click.argument("paths", nargs=-1, required=True)
@DB_OPTION
@meta_options
@analysis_options
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
def ingest(paths, db, published, outlet, url, title, pipeline, actors_files, batch_size, quiet):
    """Read, analyse and store documents (files, directories, globs, .jsonl, .gz, '-' for stdin).

    Same content twice is stored once; a failed document is reported and the batch goes on.
    Exit code: 0 when nothing failed, 1 when some documents failed.

    Example: dossier ingest pages/ feed.jsonl.gz --db news.db --outlet Reuters
    """
    from .store import Store
    counts = {"stored": 0, "skipped": 0, "failed": 0}
    tty = sys.stderr.isatty() and not quiet

    def progress(doc, status):
        counts[status] += 1
        if status == "failed":
            click.echo(f"\rerror: {doc.source}: {doc.error}", err=True)
        if tty:
            click.echo(f"\r{sum(counts.values())} documents: {counts['stored']} stored, "
                       f"{counts['skipped']} already stored, {counts['failed']} failed", err=True, nl=False)

    with Store(db) as store:
        report = store.ingest(paths, _options(pipeline, actors_files, batch_size),
                              _meta(published, outlet, url, title), progress)
    if tty:
        click.echo("", err=True)
    click.echo(f"{report.total} documents: {report.stored} stored, {report.skipped} already stored, "
               f"{len(report.failed)} failed -> {db}")
    sys.exit(1 if report.failed else 0)


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default="json", show_default=True)
@meta_options
@analysis_options
def extract(paths, fmt, published, outlet, url, title, pipeline, actors_files, batch_size):
    """Analyse documents without a database and print them as JSON, in input order.

    A document that fails still gets its entry, with "error" set.

    Example: dossier extract article.html --published 2024-05-01 --format jsonl
    """
    raws = read_paths(paths, _meta(published, outlet, url, title))
    docs = process_stream(raws, _options(pipeline, actors_files, batch_size))
    failed = False
    if fmt == "jsonl":
        for doc in docs:
            failed |= doc.error is not None
            click.echo(json.dumps(doc.to_dict(), ensure_ascii=False))
    else:
        out = [d.to_dict() for d in docs]
        failed = any(d["error"] for d in out)
        click.echo(json.dumps(out if len(out) != 1 else out[0], ensure_ascii=False, indent=2))
    sys.exit(1 if failed else 0)


@main.command()
@DB_OPTION
@click.option("--limit", type=int, default=None)
@click.option("--format", "fmt", type=click.Choice(query.FORMATS), default="table", show_default=True)
def docs(db, limit, fmt):
    """List stored documents with counts of actors, events and quotes."""
    click.echo(query.render(query.documents(_open(db), limit), fmt), nl=False)


@main.command()
@click.argument("doc")
@DB_OPTION
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
def show(doc, db, fmt):
    """Show one document (id, id prefix, row number or source path): the clean article and what was removed."""
    d = _open(db).get(doc)
    if d is None:
        raise click.ClickException(f"no document {doc!r} in {db}")
    click.echo(json.dumps(d, ensure_ascii=False, indent=2) if fmt == "json" else query.show_text(d))


@main.command()
@click.argument("text")
@DB_OPTION
@click.option("--limit", type=int, default=20, show_default=True)
@click.option("--format", "fmt", type=click.Choice(query.FORMATS), default="table", show_default=True)
def search(text, db, limit, fmt):
    """Full-text search over stored articles (FTS5: words, "phrases", OR, NOT, prefix*)."""
    click.echo(query.render(_open(db).search(text, limit), fmt), nl=False)


@main.command()
@click.option("--db", default=None, help="Database to create (default: a new temporary file).")
@analysis_options
def demo(db, pipeline, actors_files, batch_size):
    """Ingest the bundled example articles into a fresh database and print a summary."""
    from .store import Store
    from .examples_path import examples_dir
    path = db or os.path.join(tempfile.mkdtemp(prefix="dossier-demo-"), "demo.db")
    if os.path.exists(path):
        raise click.ClickException(f"{path} exists; demo writes a fresh database")
    with Store(path) as store:
        report = store.ingest([str(examples_dir())], _options(pipeline, actors_files, batch_size))
        click.echo(f"Ingested {report.stored} example articles into {path} "
                   f"({len(report.failed)} failed)\n")
        click.echo(query.render(query.documents(store, None), "table"))
        click.echo(query.summary(store))
    click.echo(f"\nNext: dossier events --db {path}   dossier show 1 --db {path}")


def _open(db: str):
    from .store import Store
    if not os.path.exists(db):
        raise click.ClickException(f"no database at {db} (run: dossier ingest PATH --db {db})")
    return Store(db, readonly=True)


if __name__ == "__main__":  # pragma: no cover
    main()
