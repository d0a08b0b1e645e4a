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
        click.option("--quote-model", default=None, envvar="DOSSIER_QUOTE_MODEL",
                     type=click.Path(exists=True, file_okay=False),
                     help="A trained quote tagger (training/quotes/) added to the quote rules "
                          "[env DOSSIER_QUOTE_MODEL]."),
    ]):
        fn = opt(fn)
    return fn


def _options(pipeline, actors_files, batch_size, quote_model=None) -> Options:
    return Options(pipeline=pipeline, actors_files=tuple(actors_files), batch_size=batch_size,
                   quote_model=quote_model)


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
@click.option("--workers", "-j", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Analyse in this many processes (the store stays the single writer).")
@click.option("--quiet", "-q", is_flag=True, help="No progress line.")
def ingest(paths, db, published, outlet, url, title, pipeline, actors_files, batch_size, quote_model, workers, quiet):
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
        report = store.ingest(paths, _options(pipeline, actors_files, batch_size, quote_model),
                              _meta(published, outlet, url, title), progress, workers)
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
def extract(paths, fmt, published, outlet, url, title, pipeline, actors_files, batch_size, quote_model):
    """Analyse documents without a database and print them as JSON, in input order.

    A document that fails still gets its entry, with "error" set.

    Example: dossier extract article.html --published 2024-05-01 --format jsonl
    """
    raws = read_paths(paths, _meta(published, outlet, url, title))
    docs = process_stream(raws, _options(pipeline, actors_files, batch_size, quote_model))
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
def demo(db, pipeline, actors_files, batch_size, quote_model):
    """Ingest the bundled example articles into a fresh database and print a summary."""
    from .store import Store
    from .examples_path import examples_dir
    path = db or os.path.join(tempfile.mkdtemp(prefix="dossier-demo-"), "demo.db")
    if os.path.exists(path):
        raise click.ClickException(f"{path} exists; demo writes a fresh database")
    with Store(path) as store:
        report = store.ingest([str(examples_dir())], _options(pipeline, actors_files, batch_size, quote_model))
        click.echo(f"Ingested {report.stored} example articles into {path} "
                   f"({len(report.failed)} failed)\n")
        click.echo(query.render(query.documents(store, None), "table"))
        click.echo(query.summary(store))
    click.echo(f"\nNext: dossier events --db {path}   dossier show 1 --db {path}")


def event_filters(fn):
    for opt in reversed([
        click.option("--actor", help="Actor name, code or country (substring) on either side."),
        click.option("--country", help="ISO3 country code on either side."),
        click.option("--dyad", help="SRC-TGT country codes, e.g. USA-IRN ('*' for any side)."),
        click.option("--cameo", help="CAMEO code prefix (19 = all fights, 036 = express intent to meet)."),
        click.option("--plover", help="PLOVER event type, e.g. ACCUSE."),
        click.option("--status", type=click.Choice(["fact", "alleged", "denied", "negated", "intended",
                                                    "threatened", "hypothetical"])),
        click.option("--since", help="Earliest date (ISO prefix: 2014, 2014-06, 2014-06-19)."),
        click.option("--until", help="Latest date (ISO prefix)."),
        click.option("--doc", help="Only this document (id, prefix, row number or source)."),
    ]):
        fn = opt(fn)
    return fn


def _events(db, **filters):
    return query.events(_open(db), **filters)


@main.command()
@DB_OPTION
@event_filters
@click.option("--format", "fmt", type=click.Choice(query.FORMATS + ("parquet",)), default="table",
              show_default=True)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to a file (required for parquet).")
def events(db, fmt, output, **filters):
    """List coded events with filters.

    Example: dossier events --dyad USA-IRN --cameo 11 --since 2007 --format csv
    """
    evts = _events(db, **filters)
    if fmt == "parquet":
        if not output:
            raise click.UsageError("--format parquet needs --output FILE")
        try:
            query.write_parquet(evts, output)
        except RuntimeError as exc:
            raise click.ClickException(str(exc))
        click.echo(f"{len(evts)} events -> {output}")
        return
    rows = evts if fmt in ("json", "jsonl") else query.event_rows(evts)
    _emit(query.render(rows, fmt, None if fmt in ("json", "jsonl") else query.EVENT_COLUMNS), output)


@main.command()
@DB_OPTION
@click.option("--name", help="Name substring or exact actor code.")
@click.option("--country", help="ISO3 country code (or IGO/NGO).")
@click.option("--sector", help="PLOVER sector code: GOV, MIL, REB, ...")
@click.option("--kind", type=click.Choice(["person", "organization", "state", "group", "place"]))
@click.option("--doc", help="Only this document.")
@click.option("--format", "fmt", type=click.Choice(query.FORMATS), default="table", show_default=True)
def actors(db, name, country, sector, kind, doc, fmt):
    """List resolved actors with their codes and evidence.

    Example: dossier actors --country IRN --sector MIL --format csv
    """
    items = query.actors(_open(db), name=name, country=country, sector=sector, kind=kind, doc=doc)
    click.echo(query.render(items if fmt in ("json", "jsonl") else query.actor_rows(items), fmt), nl=False)


@main.command()
@DB_OPTION
@event_filters
@click.option("--format", "fmt", type=click.Choice(query.FORMATS), default="table", show_default=True)
def facts(db, fmt, **filters):
    """Events merged across articles and outlets: one row per fact with counts of sources."""
    from .merge import document_index, merge
    store = _open(db)
    merged = merge(query.events(store, **filters), document_index(store))
    if fmt not in ("json", "jsonl"):
        merged = [{"date": (f["date"] or {}).get("value"), "source": query._who(f["source"]),
                   "cameo": f"{f['cameo']} {f['cameo_name'] or ''}".strip(), "target": query._who(f["target"]),
                   "status": f["status"], "mentions": f["num_mentions"], "articles": f["num_articles"],
                   "sources": ", ".join(f["sources"])} for f in merged]
    click.echo(query.render(merged, fmt), nl=False)


@main.command()
@DB_OPTION
@event_filters
@click.option("--format", "fmt", type=click.Choice(["gdelt", "jsonl", "csv"]), default="gdelt",
              show_default=True)
@click.option("--header/--no-header", default=True, show_default=True, help="GDELT: first line names the columns.")
@click.option("--all-statuses", is_flag=True, help="GDELT: keep negated/hypothetical/intended events too.")
@click.option("--output", "-o", type=click.Path(dir_okay=False))
def export(db, fmt, header, all_statuses, output, **filters):
    """Export merged facts as GDELT 2.0 event rows (tab-separated), JSONL or CSV.

    Example: dossier export --format gdelt -o events.tsv
    """
    from .export import GDELT_COLUMNS, gdelt_rows, gdelt_tsv
    from .merge import document_index, merge
    store = _open(db)
    rows = gdelt_rows(merge(query.events(store, **filters), document_index(store)), not all_statuses)
    if fmt == "gdelt":
        text = gdelt_tsv(rows, header)
    else:
        text = query.render(rows, fmt, list(GDELT_COLUMNS))
    _emit(text, output)


@main.command()
@DB_OPTION
@event_filters
@click.option("--format", "fmt", type=click.Choice(query.FORMATS), default="table", show_default=True)
def timeline(db, fmt, **filters):
    """Events in date order (unresolved dates last, with their relative expression)."""
    from .export import timeline as order
    evts = order(_events(db, **filters))
    rows = evts if fmt in ("json", "jsonl") else [
        dict(r, precision=(e.get("date") or {}).get("precision"), when=(e.get("date") or {}).get("text"))
        for r, e in zip(query.event_rows(evts), evts)]
    cols = None if fmt in ("json", "jsonl") else ["date", "precision", "when"] + query.EVENT_COLUMNS[3:]
    click.echo(query.render(rows, fmt, cols), nl=False)


@main.command()
@DB_OPTION
@event_filters
@click.option("--format", "fmt", type=click.Choice(["table", "json", "dot", "csv"]), default="table",
              show_default=True)
def network(db, fmt, **filters):
    """Actor network: who acts on whom, how often, how cooperatively (mean Goldstein).

    Example: dossier network --format dot | dot -Tsvg > net.svg
    """
    from .export import network as build, network_dot
    net = build(_events(db, **filters))
    if fmt == "json":
        click.echo(json.dumps(net, ensure_ascii=False, indent=2))
    elif fmt == "dot":
        click.echo(network_dot(net), nl=False)
    else:
        names = {n["id"]: n["name"] for n in net["nodes"]}
        rows = [{"source": names.get(e["source"]) or e["source"], "target": names.get(e["target"]) or e["target"],
                 "events": e["count"], "goldstein": e["goldstein"], "cameo_roots": " ".join(e["cameo_roots"])}
                for e in net["edges"]]
        click.echo(query.render(rows, fmt), nl=False)


@main.command()
@DB_OPTION
@click.option("--actor", help="Name or actor id (substring) of a party, asserter or denier.")
@click.option("--country", help="ISO3 country of a party, asserter or denier.")
@click.option("--contested", is_flag=True, help="Only propositions that somebody denies.")
@click.option("--window-days", default=31, show_default=True, help="Events this close in time are one proposition.")
@click.option("--format", "fmt", type=click.Choice(["table", "json", "csv"]), default="table", show_default=True)
def claims(db, actor, country, contested, window_days, fmt):
    """The claims ledger: per proposition, who asserts it and who denies it, when, from which documents.

    Example: dossier claims --contested --country IRN
    """
    from .claims import format_csv, format_json, format_table, ledger
    props = ledger(query.claim_rows(_open(db)), actor=actor, country=country, contested=contested,
                   window_days=window_days)
    render = {"table": format_table, "json": format_json, "csv": format_csv}[fmt]
    out = render(props)
    click.echo(out, nl=not out.endswith("\n"))


def _emit(text: str, output: str | None) -> None:
    if output:
        with open(output, "w", encoding="utf-8") as fh:
            fh.write(text)
    else:
        click.echo(text, nl=False)


def _open(db: str):
    from .store import Store
    if not os.path.exists(db):
        raise click.ClickException(f"no database at {db} (run: dossier ingest PATH --db {db})")
    return Store(db, readonly=True)


from .web.cli import serve  # noqa: E402  (the web UI's command lives with the web UI)

main.add_command(serve)

if __name__ == "__main__":  # pragma: no cover
    main()
