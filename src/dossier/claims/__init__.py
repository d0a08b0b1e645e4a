"""Claims ledger: who asserts an event, who denies it — in one document and across documents.

In a document (``annotate``, the last stage, after events):
- every event gets ``asserted_by``: the events stage fills it from the quote whose content holds the
  event; events still without one take the document's agency (else outlet) as
  ``{"actor": None, "name": <agency>, "country": None, "sector": "JRN", "code": None}``;
- each event gets an ``asserts`` claim by its ``asserted_by``;
- each denial ("denied", "dismissed as a sheer lie", "rejected as baseless", "called it sabotage by the
  other side") becomes a ``denies`` claim by the quote's speaker, with ``event`` the event it is about
  and ``answers`` the ``asserts`` claim of that event (see :func:`answer_for`). Events that sit inside a
  denial's content are asserted by the accuser the denial names ("U.S. accusations that …"), not by
  the one denying them.

Across documents (``ledger``, used by ``dossier claims``): event rows from the store are grouped into
propositions; see :func:`proposition_key` for the key.
"""
from __future__ import annotations

from typing import Any

from ..events.coder import head_at, own_clause_of, trails_request
from ..model import Claim, Document, Quote, Span
from .ledger import (FAMILY, event_family, format_csv, format_json, format_table, ledger,
                     proposition_key)
from .stance import answer_for, denial_of

__all__ = ["annotate", "same_speaker", "ledger", "format_table", "format_csv", "format_json", "proposition_key",
           "event_family", "FAMILY", "answer_for", "denial_of"]


def _outlet_speaker(doc: Document) -> dict[str, Any] | None:
    name = doc.agency or doc.outlet
    if not name:
        return None
    return {"actor": None, "name": name, "country": None, "sector": "JRN", "code": None}


def _quote_holding(doc: Document, start: int, end: int) -> Quote | None:
    best = None
    tok = head_at(doc.nlp, start, end) if doc.nlp is not None else None
    tail = own_clause_of(tok) if tok is not None else None
    for q in doc.quotes:
        if q.rule == "charge":
            continue  # "X accused Y, a charge Y denies": X's accusation is not Y's words
        if tail is not None and q.cue is not None \
                and trails_request(tail, q.content.start, head_at(doc.nlp, q.cue.start, q.cue.end)):
            continue  # "called a cabinet meeting after Addis Ababa signed a deal": the signing is no one's words
        if q.content.start <= start and end <= q.content.end:
            if best is None or (q.content.end - q.content.start) < (best.content.end - best.content.start):
                best = q
    return best


def same_speaker(a: dict | None, b: dict | None) -> bool:
    """Two speaker dicts name the same speaker (same actor id, else same name)."""
    if not a or not b:
        return False
    if a.get("actor") and b.get("actor"):
        return a["actor"] == b["actor"]
    return bool(a.get("name")) and (a.get("name") or "").lower() == (b.get("name") or "").lower()


def _reporter_of_cue(doc: Document, start: int, end: int) -> dict[str, Any] | None:
    """Who reports the statement whose cue is at [start, end) (None if nobody is named)."""
    for q in doc.quotes:
        if q.reported_by is not None and q.cue.start < end and start < q.cue.end:
            return q.reported_by
    return None


def annotate(doc: Document, options: Any = None) -> Document:
    claims: list[Claim] = []
    outlet = _outlet_speaker(doc)
    denials = [(q, denial_of(doc, q)) for q in doc.quotes]
    denials = [(q, d) for q, d in denials if d is not None]
    denial_quotes = {q.id for q, _ in denials}
    asserts_by_event: dict[str, Claim] = {}
    for ev in doc.events:
        q = _quote_holding(doc, ev.trigger.start, ev.trigger.end)
        rule = "asserted_by"
        if q is not None and q.id in denial_quotes:
            # "X dismissed U.S. accusations that Iran intervened": the accuser asserts, X denies
            info = next(d for qq, d in denials if qq is q)
            if ev.asserted_by is None or same_speaker(ev.asserted_by, q.speaker):
                ev.asserted_by = info.get("accuser")
                rule = "denied-content"
        if ev.asserted_by is None:
            reporter = _reporter_of_cue(doc, ev.trigger.start, ev.trigger.end)
            if reporter is not None:  # "X dismissed ..., IRNA reported": the speech act is IRNA's report
                ev.asserted_by = reporter
                rule = "reported_by"
            elif q is not None and q.speaker is not None and q.id not in denial_quotes:
                ev.asserted_by = q.speaker
                rule = "quote"
            elif outlet is not None:
                ev.asserted_by = dict(outlet)
                rule = "outlet"
        c = Claim(id=f"c{len(claims) + 1}", stance="asserts", speaker=ev.asserted_by, event=ev.id,
                  quote=q.id if q is not None and q.id not in denial_quotes else None,
                  evidence=Span(ev.trigger.start, ev.trigger.end, ev.trigger.text), rule=rule)
        claims.append(c)
        asserts_by_event[ev.id] = c
    last: tuple[Quote, Any] | None = None
    for q, info in denials:
        ev = answer_for(doc, q, info)
        if info.get("accuser") is None and last is not None and same_speaker(last[0].speaker, q.speaker) \
                and q.sentence - last[0].sentence <= 2:
            ev = last[1]  # "He said such charges were …" goes on answering what he denied just before
        last = (q, ev)
        claims.append(Claim(id=f"c{len(claims) + 1}", stance="denies", speaker=q.speaker,
                            event=ev.id if ev is not None else None,
                            answers=asserts_by_event[ev.id].id if ev is not None and ev.id in asserts_by_event else None,
                            quote=q.id, evidence=Span(q.content.start, q.content.end, q.content.text),
                            rule=info["rule"]))
    # events the events stage marked as denied but no quote denial covered
    covered = {c.event for c in claims if c.stance == "denies"}
    for ev in doc.events:
        if ev.status == "denied" and ev.id not in covered:
            claims.append(Claim(id=f"c{len(claims) + 1}", stance="denies", speaker=ev.asserted_by, event=ev.id,
                                answers=asserts_by_event[ev.id].id, quote=None,
                                evidence=Span(ev.trigger.start, ev.trigger.end, ev.trigger.text),
                                rule="event-status"))
    doc.claims = claims
    return doc

