"""Compose the stages: read -> clean -> segment/parse -> actors -> quotes -> events -> claims.

Every stage is a plain function over :class:`~dossier.model.Document` (pure and picklable, so a
batch runs the same in a process pool). A stage that fails on one document marks that document
with an error naming the stage; the rest of the batch goes on.
"""
from __future__ import annotations

import importlib
import logging
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from . import nlp
from .model import Document, Published, content_id
from .read import RawInput, from_string

log = logging.getLogger(__name__)

# name -> "module:function"; each function takes (doc, options) and returns the doc.
# The order is the pipeline order; stages after "segment" need doc.nlp.
STAGES: dict[str, str] = {
    "clean": "dossier.pipeline:clean",
    "actors": "dossier.actors:annotate",
    "quotes": "dossier.quotes:annotate",  # attribution first: events take asserted_by from it
    "events": "dossier.events:annotate",
    "claims": "dossier.claims:annotate",
}
DOC_STAGES = ("actors", "quotes", "events", "claims")


@dataclass(frozen=True)
class Options:
    """Everything a run can be told; frozen so it pickles and hashes."""
    pipeline: str | None = None  # spaCy pipeline: None/"default" (shipped), "blank", name or path
    actors_files: tuple[str, ...] = ()  # user actor files (YAML or CSV) added to the knowledge base
    stages: tuple[str, ...] = ("clean", "segment") + DOC_STAGES
    batch_size: int = 32
    quote_model: str | None = None  # a trained quote tagger folder (training/quotes/); None: rules only


DEFAULT = Options()

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def parse_user_date(value: str) -> Published:
    """'2007-07-02' -> day precision, '2007-07' -> month, '2007' -> year; ISO datetimes accepted."""
    m = _DATE.match(value.strip())
    if not m:
        raise ValueError(f"cannot read the date {value!r}: use YYYY-MM-DD, YYYY-MM or YYYY")
    y, mo, d = m.groups()
    if d:
        return Published(f"{y}-{mo}-{d}", "day", "user")
    if mo:
        return Published(f"{y}-{mo}", "month", "user")
    return Published(y, "year", "user")


def new_document(raw: RawInput) -> Document:
    """A Document for a raw input, with the user's metadata applied (it wins over inference)."""
    meta = raw.meta
    doc = Document(id=str(meta.get("id") or content_id(raw.content)), source=raw.source,
                   raw=raw.content, raw_kind=raw.kind, error=raw.error)
    given = []
    for key in ("url", "title", "outlet"):
        if meta.get(key):
            setattr(doc, key, str(meta[key]))
            given.append(key)
    if meta.get("published"):
        try:
            doc.published = parse_user_date(str(meta["published"]))
            given.append("published")
        except ValueError as exc:
            doc.error = doc.error or str(exc)
    doc.metadata["given"] = given
    doc.metadata["content_hash"] = content_id(raw.content)
    if doc.error is None and not raw.content.strip():
        doc.error = "empty document"
    return doc


def clean(doc: Document, options: Options) -> Document:
    """The clean stage (it needs no options)."""
    from .clean import clean_document
    return clean_document(doc)


_RESOLVED: dict[str, Callable[[Document, Options], Document]] = {}


def stage_function(name: str) -> Callable[[Document, Options], Document]:
    fn = _RESOLVED.get(name)
    if fn is None:
        module, _, attr = STAGES[name].partition(":")
        fn = _RESOLVED[name] = getattr(importlib.import_module(module), attr)
    return fn


def run_stage(name: str, doc: Document, options: Options) -> Document:
    if doc.error is not None:
        return doc
    fn = stage_function(name)
    try:
        return fn(doc, options)
    except Exception as exc:  # one document's failure must never stop the batch
        log.debug("stage %s failed on %s", name, doc.source, exc_info=True)
        doc.error = f"{name}: {type(exc).__name__}: {exc}"
        return doc


def process(raws: Iterable[RawInput], options: Options = DEFAULT) -> list[Document]:
    """Analyse one batch of raw inputs; returns one Document per input, in order."""
    docs = [new_document(r) for r in raws]
    for name in options.stages:
        if name == "segment":
            nlp.segment(docs, options.pipeline, options.batch_size)
            continue
        docs = [run_stage(name, d, options) for d in docs]
    return docs


def process_stream(raws: Iterable[RawInput], options: Options = DEFAULT) -> Iterator[Document]:
    """Analyse an input stream in batches of ``options.batch_size`` (memory stays flat)."""
    batch: list[RawInput] = []
    for raw in raws:
        batch.append(raw)
        if len(batch) >= options.batch_size:
            yield from process(batch, options)
            batch = []
    if batch:
        yield from process(batch, options)


def extract(text_or_html: str, options: Options = DEFAULT, **metadata: Any) -> Document:
    """Analyse one text or HTML page. Metadata (url, title, published, outlet, id) wins over inference."""
    source = str(metadata.pop("source", "<string>"))
    return process([from_string(text_or_html, metadata, source)], options)[0]


WARM_TEXT = ("NAIROBI, Kenya (AP) — Kenya's foreign minister said on Monday that the army had attacked "
             "rebel camps near the border, and he urged the United Nations to send observers.")


def warm(options: Options = DEFAULT) -> None:
    """Load everything the stages load lazily (pipeline, knowledge base, matchers, gazetteer) by
    analysing one short text. Called before worker processes are forked, so that each worker
    inherits the loaded state instead of building it again."""
    process([RawInput(source="<warm-up>", content=WARM_TEXT)], options)
