"""Cleaning stage: raw scraped page -> article body, removed boilerplate, metadata with evidence.

    from dossier.clean import clean_document
    doc = clean_document(doc)   # reads doc.raw / doc.raw_kind, returns a new Document

Plain-text dumps go through the line classifier (:mod:`.lines`); HTML goes through trafilatura
(:mod:`.html`) and then the same text-level cleaning. Fields named in ``doc.metadata["given"]``
were supplied by the user and are never overwritten. Bad input raises ``ValueError`` with a message.
"""
from __future__ import annotations

import dataclasses
import re

from ..model import Document
from . import html as _html
from .assemble import assemble
from .lines import classify

MAX_TEXT_CHARS = 8_000_000  # about 1,500 pages of prose; larger "articles" are refused
_NONBLANK_LINE = re.compile(r"^[^\S\n]*\S", re.M)
# control characters other than tab, newline, form feed and carriage return; the replacement character
_BINARY_CHAR = re.compile("[\x00-\x08\x0b\x0e-\x1f\ufffd]")
MAX_LINES = 100_000  # a news page has a few thousand lines at most
MAX_REMOVED_CHARS = 2_000  # removed blocks are kept as evidence, truncated to this

__all__ = ["clean_document", "clean_text", "MAX_TEXT_CHARS"]


def clean_document(doc: Document) -> Document:
    """Return a copy of ``doc`` with title, body, removed, byline, dateline, agency, outlet, url,
    published and metadata filled from ``doc.raw``."""
    raw = doc.raw
    if raw is None:
        raise ValueError("document has no raw content to clean")
    if not isinstance(raw, str):
        raise ValueError(f"raw content must be str, not {type(raw).__name__}")
    out = dataclasses.replace(doc, removed=[], byline=list(doc.byline), metadata=dict(doc.metadata),
                              published=dataclasses.replace(doc.published))
    page = None
    if doc.raw_kind == "html":
        page = _html.extract(raw)
        text = page.text
    else:
        text = raw
    _check_text(text)
    blocks = classify(text, mode="page" if page is not None and page.method == "trafilatura" else "dump",
                      title=page.title if page is not None else None,
                      captions=page.captions if page is not None else None)
    assemble(out, blocks, page, max_removed=MAX_REMOVED_CHARS)
    return out


def clean_text(text: str, kind: str = "text", **meta) -> Document:
    """Convenience: clean a string (text dump or HTML) without building a Document first."""
    doc = Document(id="<string>", raw=text, raw_kind=kind, metadata=dict(meta))
    return clean_document(doc)


def _check_text(text: str) -> None:
    if len(text) > MAX_TEXT_CHARS:
        raise ValueError(f"text too large to clean ({len(text)} characters > {MAX_TEXT_CHARS})")
    sample = text[:65536]
    if sample:
        bad = len(_BINARY_CHAR.findall(sample))
        if bad > len(sample) * 0.05:
            raise ValueError("content looks binary (control or undecodable characters), not text")
    n_lines = len(_NONBLANK_LINE.findall(text))
    if n_lines > MAX_LINES:
        raise ValueError(f"too many lines to clean ({n_lines} > {MAX_LINES}): not an article page")


