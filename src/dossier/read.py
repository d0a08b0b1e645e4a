"""Read: turn paths, globs, directories, jsonl records and stdin into raw inputs.

Nothing here raises for a bad file: a file that cannot be read becomes a :class:`RawInput` with
``error`` set, so a batch always goes on. Decoding detects the encoding (BOM, UTF-8, then
charset-normalizer) and never fails.
"""
from __future__ import annotations

import glob
import gzip
import io
import json
import os
import sys
import zlib
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator

TEXT_EXT = (".txt", ".text", ".md")
HTML_EXT = (".html", ".htm", ".xhtml")
JSONL_EXT = (".jsonl", ".ndjson")
KNOWN_EXT = TEXT_EXT + HTML_EXT + JSONL_EXT
MAX_BYTES = 64 * 1024 * 1024  # larger inputs are refused with a clear error
META_KEYS = ("id", "url", "title", "published", "outlet")


@dataclass(slots=True)
class RawInput:
    source: str  # path, "path#N" for the Nth jsonl record, "<stdin>", "<string>"
    content: str = ""
    kind: str = "text"  # text | html
    meta: dict[str, Any] = field(default_factory=dict)
    error: str | None = None


class InputError(ValueError):
    """A document that cannot be read or analysed; the message says why."""


def decode(data: bytes) -> str:
    """Bytes -> str, detecting the encoding. Raises InputError for binary data."""
    if not data:
        return ""
    for bom, enc in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(enc, errors="replace")
    head = data[:65536]
    if b"\x00" in head and head.count(b"\x00") > len(head) // 100:
        raise InputError("binary content (NUL bytes), not text or HTML")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    enc = None
    try:
        from charset_normalizer import from_bytes
        best = from_bytes(data[:262144]).best()
        enc = best.encoding if best else None
    except Exception:  # pragma: no cover - detector failure is not fatal
        enc = None
    text = data.decode(enc or "cp1252", errors="replace")
    if _looks_binary(text):
        raise InputError("binary content, not text or HTML")
    return text


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    if not sample:
        return False
    bad = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\n\r\t\f") or ch == "\ufffd")
    return bad > len(sample) * 0.05


def sniff_kind(text: str, name: str = "") -> str:
    low = name.lower().removesuffix(".gz")
    if low.endswith(HTML_EXT):
        return "html"
    if low.endswith(TEXT_EXT):
        return "text"
    head = text[:2048].lstrip().lower()
    if head.startswith(("<!doctype html", "<html", "<?xml")) or ("<body" in head and "</" in head):
        return "html"
    return "text"


def read_bytes(path: str) -> bytes:
    size = os.path.getsize(path)
    if size > MAX_BYTES and not path.endswith(".gz"):
        raise InputError(f"file too large ({size} bytes > {MAX_BYTES})")
    with open(path, "rb") as fh:
        data = fh.read(MAX_BYTES + 1)
    if path.lower().endswith(".gz"):
        data = gunzip(data)
    if len(data) > MAX_BYTES:
        raise InputError(f"content too large (> {MAX_BYTES} bytes)")
    return data


def gunzip(data: bytes) -> bytes:
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as gz:
            out = gz.read(MAX_BYTES + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(f"corrupt or truncated gzip: {exc}") from None
    return out


def expand(paths: Iterable[str]) -> Iterator[str]:
    """Files named by paths, directories (recursive, known extensions) and globs, in order."""
    seen: set[str] = set()
    for p in paths:
        if p == "-":
            yield p
            continue
        if os.path.isdir(p):
            found = []
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for f in files:
                    if f.lower().removesuffix(".gz").endswith(KNOWN_EXT):
                        found.append(os.path.join(root, f))
            candidates = sorted(found)
        elif any(ch in p for ch in "*?["):
            candidates = sorted(f for f in glob.glob(p, recursive=True) if os.path.isfile(f))
        else:
            candidates = [p]
        for c in candidates:
            if c not in seen:
                seen.add(c)
                yield c


def read_paths(paths: Iterable[str], meta: dict[str, Any] | None = None,
               stdin: io.BufferedReader | None = None) -> Iterator[RawInput]:
    """Yield one RawInput per document (one per record for jsonl), errors included."""
    meta = {k: v for k, v in (meta or {}).items() if v is not None}
    for path in expand(paths):
        try:
            if path == "-":
                data = (stdin or sys.stdin.buffer).read(MAX_BYTES + 1)
                if data[:2] == b"\x1f\x8b":
                    data = gunzip(data)
                name = "<stdin>"
            else:
                if not os.path.exists(path):
                    raise InputError("no such file")
                data = read_bytes(path)
                name = path
            if name.lower().removesuffix(".gz").endswith(JSONL_EXT):
                yield from read_jsonl(decode(data), name, meta)
                continue
            text = decode(data)
            yield RawInput(source=name, content=text, kind=sniff_kind(text, name), meta=dict(meta))
        except InputError as exc:
            yield RawInput(source=path, meta=dict(meta), error=str(exc))
        except OSError as exc:
            yield RawInput(source=path, meta=dict(meta), error=f"cannot read: {exc.strerror or exc}")


def read_jsonl(text: str, name: str, meta: dict[str, Any]) -> Iterator[RawInput]:
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        source = f"{name}#{n}"
        try:
            rec = json.loads(line)
        except ValueError as exc:
            yield RawInput(source=source, meta=dict(meta), error=f"invalid JSON: {exc}")
            continue
        if not isinstance(rec, dict):
            yield RawInput(source=source, meta=dict(meta), error="record is not a JSON object")
            continue
        rec_meta = dict(meta)
        # a record's own fields are more specific than options given for the whole batch
        for k in META_KEYS:
            if rec.get(k) not in (None, ""):
                rec_meta[k] = str(rec[k])
        if isinstance(rec.get("html"), str) and rec["html"].strip():
            yield RawInput(source=source, content=rec["html"], kind="html", meta=rec_meta)
        elif isinstance(rec.get("text"), str):
            yield RawInput(source=source, content=rec["text"], kind="text", meta=rec_meta)
        else:
            yield RawInput(source=source, meta=rec_meta, error="record has neither 'text' nor 'html'")


def from_string(text_or_html: str, meta: dict[str, Any] | None = None, source: str = "<string>") -> RawInput:
    return RawInput(source=source, content=text_or_html, kind=sniff_kind(text_or_html),
                    meta={k: v for k, v in (meta or {}).items() if v is not None})
