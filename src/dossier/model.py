"""The one document model every stage reads and writes.

A stage is a function ``Document -> Document`` (or a batch of them) that fills some of these
fields; :meth:`Document.to_dict` is the stable JSON contract documented in the README
(``dossier extract --format json``). Character offsets are always into ``Document.body``.
"""
from __future__ import annotations

import dataclasses
import hashlib
from dataclasses import dataclass, field
from typing import Any

PRECISIONS = ("day", "month", "year", "unknown")
STATUSES = ("fact", "alleged", "denied", "negated", "intended", "threatened", "hypothetical")


def content_id(text: str) -> str:
    """Stable id of a document: a hash of its raw content (same content -> same id)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(slots=True)
class Removed:
    """A block the cleaner dropped, with why (``kind``: cookie, caption, related, ...)."""
    text: str
    kind: str


@dataclass(slots=True)
class Published:
    value: str | None = None  # YYYY-MM-DD | YYYY-MM | YYYY
    precision: str = "unknown"  # day | month | year | unknown
    evidence: str | None = None  # e.g. "user", "meta:article:published_time", "copyright: © AFP 2014"


@dataclass(slots=True)
class Sentence:
    start: int
    end: int


@dataclass(slots=True)
class Mention:
    start: int
    end: int
    text: str
    sentence: int = -1
    rule: str = ""  # what linked this mention to its actor: "ner", "kb", "title", "pronoun", "surname", ...


@dataclass(slots=True)
class Actor:
    id: str
    name: str
    kind: str  # person | organization | state | group | place
    country: str | None = None  # ISO3 | IGO | NGO | None
    sector: str | None = None  # PLOVER sector code: GOV, MIL, REB, ...
    code: str | None = None  # e.g. IRNMIL
    attributes: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)  # which title / KB entry produced the code
    part_of: str | None = None  # id or KB name of the parent organisation
    geo: dict[str, Any] | None = None  # places: {"name", "country", "admin1", "lat", "lon", "geonameid", "feature"}

    def summary(self) -> dict[str, Any]:
        """The compact form used inside events, quotes and claims."""
        return {"actor": self.id, "name": self.name, "kind": self.kind, "country": self.country,
                "sector": self.sector, "code": self.code}


@dataclass(slots=True)
class Event:
    id: str
    sentence: int
    trigger: Span
    cameo: str
    cameo_name: str = ""
    plover: str | None = None
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    goldstein: float | None = None
    quad_class: int | None = None
    source: dict[str, Any] | None = None
    target: dict[str, Any] | None = None
    date: dict[str, Any] = field(default_factory=lambda: {"value": None, "precision": "unknown", "text": None})
    location: dict[str, Any] | None = None
    status: str = "fact"
    asserted_by: dict[str, Any] | None = None
    rule: str = ""


@dataclass(slots=True)
class Quote:
    id: str
    speaker: dict[str, Any] | None
    speaker_span: Span | None
    cue: Span
    content: Span
    kind: str  # direct | indirect | mixed
    reported_by: dict[str, Any] | None = None
    medium: str | None = None
    sentence: int = -1
    rule: str = ""


@dataclass(slots=True)
class Claim:
    """A stance of a speaker towards a proposition (an event): asserts or denies it."""
    id: str
    stance: str  # asserts | denies
    speaker: dict[str, Any] | None
    event: str | None  # event id in this document
    answers: str | None = None  # id of the event/claim this denial answers
    quote: str | None = None
    evidence: Span | None = None
    rule: str = ""


@dataclass(slots=True)
class Document:
    id: str
    source: str = "<string>"
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    agency: str | None = None
    byline: list[str] = field(default_factory=list)
    dateline: str | None = None
    published: Published = field(default_factory=Published)
    body: str = ""
    removed: list[Removed] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    actors: list[Actor] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    metadata: dict[str, Any] = field(default_factory=dict)  # extra evidence: copyright, additional reporting
    error: str | None = None
    # transient, never serialised: the raw input and the parsed spaCy Doc of ``body``
    raw: str | None = field(default=None, repr=False)
    raw_kind: str = "text"  # text | html
    nlp: Any = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        out = {f.name: _plain(getattr(self, f.name)) for f in dataclasses.fields(self)
               if f.name not in _TRANSIENT}
        return out

    def actor(self, actor_id: str) -> Actor | None:
        for a in self.actors:
            if a.id == actor_id:
                return a
        return None

    def mention_at(self, start: int, end: int) -> tuple[Actor, Mention] | None:
        """The actor mention overlapping body[start:end] (the longest, if several)."""
        best = None
        for a in self.actors:
            for m in a.mentions:
                if m.start < end and start < m.end:
                    if best is None or (m.end - m.start) > (best[1].end - best[1].start):
                        best = (a, m)
        return best


_TRANSIENT = {"raw", "raw_kind", "nlp"}


_LEAF = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}  # dataclass -> its field names, read once


def _plain(value: Any) -> Any:
    """Dataclasses, lists, tuples and dicts -> plain dicts and lists (the store's parent process
    runs this on every analysed document, so the common types are dispatched on first)."""
    t = type(value)
    if t in _LEAF:
        return value
    if t is list or t is tuple:
        return [_plain(v) for v in value]
    if t is dict:
        return {k: _plain(v) for k, v in value.items()}
    names = _FIELD_NAMES.get(t)
    if names is None:
        if not dataclasses.is_dataclass(value) or isinstance(value, type):
            if isinstance(value, (list, tuple)):
                return [_plain(v) for v in value]
            if isinstance(value, dict):
                return {k: _plain(v) for k, v in value.items()}
            return value
        names = _FIELD_NAMES[t] = tuple(f.name for f in dataclasses.fields(value))
    return {n: _plain(getattr(value, n)) for n in names}
