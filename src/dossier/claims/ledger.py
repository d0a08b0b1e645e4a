"""The claims ledger across documents: events grouped into propositions with who asserts and who denies.

Input rows (what the store gives; plain dicts, one per event)::

    {"doc_id": str, "event": <Event.to_dict()>, "claims": [<Claim dicts>],
     "document": {"id", "title", "outlet", "published"}}

``published`` may be a string or the ``Published`` dict. Claims are taken from the row when their
``event`` is the row's event id (a row whose claims name no event id keeps them all).

**Proposition key** — ``(source, target, type)`` plus a time window:
- ``source``/``target``: the event's source/target *country* (ISO3, ``IGO``…) when known, else its actor
  id, else its lower-cased name, else ``"?"``; so "the U.S. military" and "Washington" both count as USA;
- ``type``: the event *family* (:data:`FAMILY`): the PLOVER type when the event has one, else its CAMEO
  root, mapped to one of CONSULT, AID, INVESTIGATE, DEMAND, ACCUSE, REJECT, THREATEN, PROTEST, MOBILIZE,
  SANCTION, ASSAULT — so "fight", "attack" and "coerce" are one proposition, "accuse" another;
- time: events with the same triple belong together while they fall within ``window_days`` (31 by
  default) of the first dated one; an undated event joins the first window of its triple.
The printed key is ``SOURCE>TARGET:TYPE@FIRST-DATE`` (e.g. ``USA>IRN:ACCUSE@2007-07-02``).
A proposition is *contested* when at least one ``denies`` claim stands against it.
"""
from __future__ import annotations

import csv
import io
import json
from datetime import date
from typing import Any, Iterable

# PLOVER event types and CAMEO roots -> proposition family
FAMILY: dict[str, str] = {
    "AGREE": "CONSULT", "CONSULT": "CONSULT", "SUPPORT": "AID", "COOPERATE": "AID", "AID": "AID",
    "RETREAT": "AID", "REQUEST": "DEMAND", "ACCUSE": "ACCUSE", "REJECT": "REJECT", "THREATEN": "THREATEN",
    "PROTEST": "PROTEST", "SANCTION": "SANCTION", "MOBILIZE": "MOBILIZE", "COERCE": "ASSAULT",
    "ASSAULT": "ASSAULT", "INVESTIGATE": "INVESTIGATE", "DEMAND": "DEMAND",
    "01": "CONSULT", "02": "DEMAND", "03": "CONSULT", "04": "CONSULT", "05": "CONSULT", "06": "AID",
    "07": "AID", "08": "AID", "09": "INVESTIGATE", "10": "DEMAND", "11": "ACCUSE", "12": "REJECT",
    "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "ASSAULT", "18": "ASSAULT",
    "19": "ASSAULT", "20": "ASSAULT",
}
_COLUMNS = ("proposition", "stance", "role", "speaker", "speaker_country", "doc_id", "date", "title", "outlet", "evidence")


def _get(obj: Any, name: str, default: Any = None) -> Any:
    if isinstance(obj, dict):
        return obj.get(name, default)
    return getattr(obj, name, default)


def event_family(event: Any) -> str:
    """The proposition family of an event (an ``Event`` or its dict)."""
    plover = (_get(event, "plover") or "").upper()
    if plover in FAMILY:
        return FAMILY[plover]
    cameo = str(_get(event, "cameo") or "")
    return FAMILY.get(cameo[:2], cameo[:2] or "?")


def _party_key(party: dict | None) -> str:
    if not party:
        return "?"
    return party.get("country") or party.get("actor") or (party.get("name") or "?").lower()


def proposition_key(event: Any) -> tuple[str, str, str]:
    """``(source, target, type)`` of an event; see the module docstring."""
    return _party_key(_get(event, "source")), _party_key(_get(event, "target")), event_family(event)


def _to_date(value: Any) -> date | None:
    if isinstance(value, dict):
        value = value.get("value")
    if not value or not isinstance(value, str):
        return None
    try:
        y = int(value[:4])
        m = int(value[5:7]) if len(value) >= 7 else 7
        d = int(value[8:10]) if len(value) >= 10 else (15 if len(value) >= 7 else 1)
        return date(y, m, d)
    except ValueError:
        return None


def _row_date(row: dict) -> tuple[date | None, str | None]:
    ev = row.get("event") or {}
    for value in ((ev.get("date") or {}).get("value"), (row.get("document") or {}).get("published")):
        d = _to_date(value)
        if d is not None:
            text = value.get("value") if isinstance(value, dict) else value
            return d, text
    return None, None


def _row_claims(row: dict) -> list[dict]:
    claims = row.get("claims") or []
    eid = (row.get("event") or {}).get("id")
    own = [c for c in claims if c.get("event") == eid]
    return own if own or any(c.get("event") for c in claims) else claims


def _party_entry(speaker: dict | None, row: dict, when: str | None, claim: dict) -> dict:
    doc = row.get("document") or {}
    published = doc.get("published")
    if isinstance(published, dict):
        published = published.get("value")
    ev = claim.get("evidence") or {}
    return {"name": (speaker or {}).get("name"), "actor": (speaker or {}).get("actor"),
            "country": (speaker or {}).get("country"), "sector": (speaker or {}).get("sector"),
            "doc_id": row.get("doc_id"), "date": when or published, "title": doc.get("title"),
            "outlet": doc.get("outlet"), "claim": claim.get("id"), "quote": claim.get("quote"),
            "evidence": ev.get("text") if isinstance(ev, dict) else None}


def ledger(rows: Iterable[dict], actor: str | None = None, country: str | None = None,
           contested: bool = False, window_days: int = 31) -> list[dict]:
    """Group event rows into propositions (see the module docstring); filter by ``actor`` (a name or
    actor id, case-insensitive substring), ``country`` (ISO3 of either party, an asserter or a denier)
    and ``contested`` (only propositions somebody denies)."""
    by_key: dict[tuple[str, str, str], list[tuple[date | None, str | None, dict]]] = {}
    for row in rows:
        ev = row.get("event") or {}
        d, text = _row_date(row)
        by_key.setdefault(proposition_key(ev), []).append((d, text, row))
    props: list[dict] = []
    for key, items in by_key.items():
        dated = sorted((x for x in items if x[0] is not None), key=lambda x: x[0])
        groups: list[list] = []
        for item in dated:
            if groups and (item[0] - groups[-1][0][0]).days <= window_days:
                groups[-1].append(item)
            else:
                groups.append([item])
        undated = [x for x in items if x[0] is None]
        if undated:
            if groups:
                groups[0].extend(undated)
            else:
                groups.append(undated)
        for group in groups:
            props.append(_proposition(key, group))
    out = [p for p in props if _keep(p, actor, country, contested)]
    out.sort(key=lambda p: (p["from"] or "9999", p["key"]))
    return out


def _proposition(key: tuple[str, str, str], group: list) -> dict:
    dates = [x[1] for x in group if x[1]]
    first = min(dates) if dates else None
    src_names, tgt_names, events, asserted, denied, docs = [], [], [], [], [], {}
    seen: set[tuple] = set()
    for d, when, row in group:
        ev = row.get("event") or {}
        for party, names in ((ev.get("source"), src_names), (ev.get("target"), tgt_names)):
            n = (party or {}).get("name")
            if n and n not in names:
                names.append(n)
        trig = ev.get("trigger") or {}
        events.append({"doc_id": row.get("doc_id"), "event": ev.get("id"), "cameo": ev.get("cameo"),
                       "plover": ev.get("plover"), "trigger": trig.get("text"), "date": when,
                       "status": ev.get("status")})
        doc = row.get("document") or {}
        docs.setdefault(row.get("doc_id"), {"id": row.get("doc_id"), "title": doc.get("title"),
                                            "outlet": doc.get("outlet"), "published": doc.get("published")})
        claims = _row_claims(row)
        if not any(c.get("stance") == "asserts" for c in claims) and ev.get("asserted_by"):
            claims = [{"stance": "asserts", "speaker": ev.get("asserted_by"), "id": None}] + claims
        if event_family(ev) == "ACCUSE" and ev.get("source"):
            # the accuser asserts the accusation's substance; whoever reports it asserts that it was made
            claims = claims + [{"stance": "asserts", "speaker": ev["source"], "id": None, "role": "accuses"}]
        for c in claims:
            entry = _party_entry(c.get("speaker"), row, when, c)
            sig = (c.get("stance"), c.get("role"), entry["name"], entry["actor"], entry["doc_id"])
            if sig in seen:
                continue
            seen.add(sig)
            if c.get("stance") == "denies":
                entry["role"] = "denies"
                denied.append(entry)
            else:
                entry["role"] = c.get("role") or ("reports" if (c.get("speaker") or {}).get("sector") == "JRN"
                                                  and not (c.get("speaker") or {}).get("actor") else "asserts")
                asserted.append(entry)
    src, tgt, fam = key
    return {"key": f"{src}>{tgt}:{fam}@{first or 'undated'}", "source": src, "target": tgt, "type": fam,
            "source_names": src_names, "target_names": tgt_names, "from": first,
            "to": max(dates) if dates else None, "events": events, "asserted_by": asserted,
            "denied_by": denied, "contested": bool(denied), "documents": list(docs.values())}


def _keep(p: dict, actor: str | None, country: str | None, contested: bool) -> bool:
    if contested and not p["contested"]:
        return False
    parties = p["asserted_by"] + p["denied_by"]
    if country:
        c = country.upper()
        if c not in (p["source"], p["target"]) and not any((x.get("country") or "") == c for x in parties):
            return False
    if actor:
        a = actor.lower()
        names = p["source_names"] + p["target_names"] + [p["source"], p["target"]]
        names += [x.get("name") or "" for x in parties] + [x.get("actor") or "" for x in parties]
        if not any(a in (n or "").lower() for n in names):
            return False
    return True


# -- output ------------------------------------------------------------------------------------------

def _who(x: dict) -> str:
    name = x.get("name") or "?"
    where = x.get("outlet") or x.get("doc_id") or ""
    return f"{name} ({x.get('date') or 'undated'}, {where})"


def format_table(propositions: list[dict], width: int = 100) -> str:
    """A plain-text table: one block per proposition, asserters and deniers one per line."""
    if not propositions:
        return "no propositions\n"
    lines = []
    for p in propositions:
        who = f"{', '.join(p['source_names'][:3]) or p['source']} -> {', '.join(p['target_names'][:3]) or p['target']}"
        flag = "CONTESTED " if p["contested"] else ""
        lines.append(f"{flag}{p['key']}  [{who}]")
        triggers = sorted({e['trigger'] for e in p['events'] if e.get('trigger')})
        lines.append(f"  events: {len(p['events'])} ({', '.join(triggers)[:width]}) in {len(p['documents'])} document(s)")
        for x in p["asserted_by"]:
            lines.append(f"  {x.get('role', 'asserts'):8s} {_who(x)}"[:width + 20])
        for x in p["denied_by"]:
            ev = (x.get("evidence") or "").replace("\n", " ")
            lines.append(f"  DENIES   {_who(x)}: {ev}"[:width + 40])
        lines.append("")
    return "\n".join(lines)


def _flat(propositions: list[dict]) -> list[dict]:
    out = []
    for p in propositions:
        for stance, xs in (("asserts", p["asserted_by"]), ("denies", p["denied_by"])):
            for x in xs:
                out.append({"proposition": p["key"], "stance": stance, "role": x.get("role"), "speaker": x.get("name"),
                            "speaker_country": x.get("country"), "doc_id": x.get("doc_id"), "date": x.get("date"),
                            "title": x.get("title"), "outlet": x.get("outlet"), "evidence": x.get("evidence")})
    return out


def format_csv(propositions: list[dict]) -> str:
    """One CSV row per (proposition, stance, speaker, document)."""
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=_COLUMNS)
    w.writeheader()
    for r in _flat(propositions):
        w.writerow(r)
    return buf.getvalue()


def format_json(propositions: list[dict]) -> str:
    return json.dumps(propositions, indent=2, ensure_ascii=False, default=str)
