"""The same facts merged across articles and outlets, with counts of sources.

Two coded events are one *fact* when they share source actor, target actor, CAMEO code and date
(the GDELT notion of an event record): the actor key is the actor's code when it has one (country +
sector, e.g. ``IRNMIL``) refined by the name for persons, so two articles calling the same man
"Kirby" and "Admiral John Kirby" fall together. Each fact counts its mentions (events), articles
(documents) and sources (distinct outlets/agencies), and keeps every piece of evidence.
"""
from __future__ import annotations

from collections import OrderedDict
from typing import Any, Iterable


def actor_key(actor: dict[str, Any] | None) -> str:
    if not actor:
        return ""
    name = (actor.get("name") or "").strip()
    code = actor.get("code") or actor.get("country") or ""
    # persons: the surname keeps "Kirby" and "Admiral John Kirby" together
    last = name.split()[-1].lower() if name else ""
    if actor.get("kind") == "person":
        return f"{code}:{last}"
    return code or name.lower()


def fact_key(event: dict[str, Any]) -> tuple:
    date = (event.get("date") or {}).get("value") or ""
    return (actor_key(event.get("source")), event.get("cameo") or "", actor_key(event.get("target")),
            date, event.get("status") or "fact")


def merge(events: Iterable[dict[str, Any]], documents: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Group events (store rows with ``doc_id``) into facts; ``documents`` maps doc id -> its row."""
    facts: "OrderedDict[tuple, dict[str, Any]]" = OrderedDict()
    for e in events:
        key = fact_key(e)
        f = facts.get(key)
        if f is None:
            f = facts[key] = {
                "key": "|".join(key), "cameo": e.get("cameo"), "cameo_name": e.get("cameo_name"),
                "plover": e.get("plover"), "quad_class": e.get("quad_class"), "goldstein": e.get("goldstein"),
                "status": e.get("status"), "source": e.get("source"), "target": e.get("target"),
                "date": e.get("date"), "location": e.get("location"),
                "num_mentions": 0, "documents": [], "sources": [], "evidence": [],
            }
        doc = documents.get(e["doc_id"], {})
        f["num_mentions"] += 1
        if e["doc_id"] not in f["documents"]:
            f["documents"].append(e["doc_id"])
        outlet = doc.get("agency") or doc.get("outlet") or doc.get("source")
        if outlet and outlet not in f["sources"]:
            f["sources"].append(outlet)
        if f["location"] is None and e.get("location"):
            f["location"] = e["location"]
        f["evidence"].append({"doc_id": e["doc_id"], "event": e["id"], "sentence": e.get("sentence"),
                              "trigger": e.get("trigger"), "url": doc.get("url"),
                              "asserted_by": e.get("asserted_by"), "rule": e.get("rule")})
    for f in facts.values():
        f["num_articles"] = len(f["documents"])
        f["num_sources"] = len(f["sources"])
    return list(facts.values())


def document_index(store) -> dict[str, dict[str, Any]]:
    return {d["id"]: dict(d) for d in store.db.execute(
        "SELECT id, source, url, outlet, agency, title, published FROM documents")}
