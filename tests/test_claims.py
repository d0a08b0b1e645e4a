"""Claims ledger: asserts/denies inside a document (hand-built documents), the cross-document ledger
(hand-built rows) and, when the events stage is installed, the two seeds end to end through the CLI."""
from __future__ import annotations

import csv
import importlib
import io
import json
from pathlib import Path

import pytest

from dossier.claims import (annotate, answer_for, denial_of, event_family, format_csv, format_json,
                            format_table, ledger, proposition_key)
from dossier.model import Actor, Document, Event, Mention, Quote, Span

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT.parent / "shared" / "seeds"

US = {"actor": "A1", "name": "U.S. military", "country": "USA", "sector": "MIL", "code": "USAMIL"}
IRAN = {"actor": "A2", "name": "Iran", "country": "IRN", "sector": "GOV", "code": "IRNGOV"}
MINISTER = {"actor": "A3", "name": "Ahmad Vahidi", "country": "IRN", "sector": "GOV", "code": "IRNGOV"}


def span(body: str, text: str, start_at: int = 0) -> Span:
    i = body.index(text, start_at)
    return Span(i, i + len(text), text)


def build() -> Document:
    """A hand-built document: an accusation, the accused event, and two denials."""
    body = ("The U.S. military accused Iran of arming militants in Iraq. "
            "Iran's defence minister Ahmad Vahidi rejected as baseless U.S. accusations that Iran armed militants, "
            "state television reported. Officials opened a new border crossing.")
    doc = Document(id="d1", body=body, agency="Reuters")
    doc.actors = [
        Actor("A1", "U.S. military", "organization", "USA", "MIL", "USAMIL",
              mentions=[Mention(*_m(body, "U.S. military")), Mention(*_m(body, "U.S.", body.index("rejected")))]),
        Actor("A2", "Iran", "state", "IRN", "GOV", "IRNGOV", mentions=[Mention(*_m(body, "Iran"))]),
        Actor("A3", "Ahmad Vahidi", "person", "IRN", "GOV", "IRNGOV", mentions=[Mention(*_m(body, "Ahmad Vahidi"))]),
    ]
    doc.events = [
        Event("e1", 0, span(body, "accused"), "112", plover="ACCUSE", source=US, target=IRAN),
        Event("e2", 0, span(body, "arming"), "070", plover="AID", source=IRAN, target=None, asserted_by=US),
        # inside the denial: the events stage gave it the denier as asserter
        Event("e3", 1, span(body, "armed"), "070", plover="AID", source=IRAN, target=None, asserted_by=MINISTER),
        Event("e4", 2, span(body, "opened"), "0", plover=None, source=None, target=None),
    ]
    content = span(body, "as baseless U.S. accusations that Iran armed militants")
    doc.quotes = [Quote("q1", MINISTER, span(body, "Iran's defence minister Ahmad Vahidi"), span(body, "rejected"),
                        content, "indirect", reported_by={"actor": None, "name": "state television", "country": None,
                                                          "sector": "JRN", "code": None}, rule="pre")]
    return doc


def _m(body: str, text: str, start_at: int = 0):
    i = body.index(text, start_at)
    return i, i + len(text), text


def test_asserted_by_filled_from_agency_and_claims():
    doc = annotate(build())
    by_id = {e.id: e for e in doc.events}
    assert by_id["e1"].asserted_by == {"actor": None, "name": "Reuters", "country": None, "sector": "JRN", "code": None}
    assert by_id["e2"].asserted_by == US  # kept
    # the event inside the denial is asserted by the accuser the denial names, not by the denier
    assert by_id["e3"].asserted_by["country"] == "USA"
    asserts = [c for c in doc.claims if c.stance == "asserts"]
    assert {c.event for c in asserts} == {"e1", "e2", "e3", "e4"}
    denies = [c for c in doc.claims if c.stance == "denies"]
    assert len(denies) == 1
    d = denies[0]
    assert d.speaker == MINISTER and d.quote == "q1" and d.rule == "deny-cue"
    assert d.event == "e1"  # the accusation against Iran
    assert d.answers == next(c.id for c in asserts if c.event == "e1")
    assert "baseless" in d.evidence.text


def test_denial_detection_words():
    doc = build()
    info = denial_of(doc, doc.quotes[0])
    assert info["verdict"] == "baseless" and info["accuser"]["country"] == "USA"
    # a characterising cue needs a verdict: "called it sabotage by the other side" is a denial ...
    body = "The minister called it sabotage by the other side."
    d2 = Document(id="d2", body=body)
    q = Quote("q1", MINISTER, span(body, "The minister"), span(body, "called"), span(body, "it sabotage by the other side"),
              "indirect")
    assert denial_of(d2, q)["rule"] == "deny-verdict"
    # ... "called for talks" is not; nor is "dismissed the move as evidence of weakness" (no proposition)
    body = "The minister called for talks. He dismissed the move as evidence of weakness."
    d3 = Document(id="d3", body=body)
    q1 = Quote("q1", MINISTER, span(body, "The minister"), span(body, "called"), span(body, "for talks"), "indirect")
    q2 = Quote("q2", MINISTER, span(body, "He"), span(body, "dismissed"), span(body, "the move as evidence of weakness"),
               "indirect")
    assert denial_of(d3, q1) is None and denial_of(d3, q2) is None


def test_answer_prefers_accusation_against_denier():
    doc = build()
    assert answer_for(doc, doc.quotes[0]).id == "e1"
    doc.events = [e for e in doc.events if e.id != "e1"]
    assert answer_for(doc, doc.quotes[0]).id == "e2"  # same type as the one inside, by the denier's side


# -- the cross-document ledger -----------------------------------------------------------------------

def row(doc_id, eid, cameo, plover, src, tgt, claims, published=None, date=None, title="t"):
    ev = {"id": eid, "cameo": cameo, "plover": plover, "source": src, "target": tgt, "trigger": {"text": "x"},
          "date": {"value": date, "precision": "day" if date else "unknown", "text": None}, "status": "fact",
          "asserted_by": claims[0]["speaker"] if claims else None}
    return {"doc_id": doc_id, "event": ev, "claims": claims,
            "document": {"id": doc_id, "title": title, "outlet": "Wire", "published": published}}


def claim(cid, stance, speaker, event, text="evidence"):
    return {"id": cid, "stance": stance, "speaker": speaker, "event": event, "answers": None, "quote": None,
            "evidence": {"start": 0, "end": 1, "text": text}, "rule": "t"}


WASHINGTON = {"actor": "B1", "name": "Washington", "country": "USA", "sector": "GOV", "code": "USAGOV"}
TEHRAN = {"actor": "B2", "name": "Tehran", "country": "IRN", "sector": "GOV", "code": "IRNGOV"}
QODS = {"actor": "A9", "name": "Qods Force", "country": "IRN", "sector": "MIL", "code": "IRNMIL"}
KENYA = {"actor": "K1", "name": "Kenya", "country": "KEN", "sector": "GOV", "code": "KENGOV"}
SOMALIA = {"actor": "S1", "name": "Somalia", "country": "SOM", "sector": "GOV", "code": "SOMGOV"}

ROWS = [
    row("d1", "e1", "112", "ACCUSE", US, QODS, [claim("c1", "asserts", US, "e1"),
                                               claim("c9", "denies", IRAN, "e1", "denied involvement"),
                                               claim("c10", "denies", MINISTER, "e1", "a sheer lie")],
        published="2007-07-02"),
    row("d2", "e2", "112", "ACCUSE", WASHINGTON, TEHRAN, [claim("c2", "asserts", WASHINGTON, "e2")],
        published="2007-07-20"),
    row("d3", "e1", "112", "ACCUSE", US, TEHRAN, [claim("c1", "asserts", US, "e1")], published="2008-03-01"),
    row("d4", "e5", "190", "ASSAULT", KENYA, SOMALIA, [claim("c1", "asserts", SOMALIA, "e5")], date="2024-05-06"),
    row("d4", "e6", "195", None, KENYA, SOMALIA, [claim("c2", "denies", KENYA, "e6")], date="2024-05-07"),
]


def test_proposition_key_and_family():
    assert proposition_key(ROWS[0]["event"]) == ("USA", "IRN", "ACCUSE")
    assert event_family({"cameo": "195"}) == event_family({"plover": "ASSAULT"}) == "ASSAULT"
    assert event_family({"cameo": "0332"}) == "CONSULT"


def test_ledger_groups_by_key_and_window():
    props = ledger(ROWS)
    keys = [p["key"] for p in props]
    assert keys == ["USA>IRN:ACCUSE@2007-07-02", "USA>IRN:ACCUSE@2008-03-01", "KEN>SOM:ASSAULT@2024-05-06"]
    first = props[0]
    assert {x["name"] for x in first["asserted_by"]} == {"U.S. military", "Washington"}
    assert {x["name"] for x in first["denied_by"]} == {"Iran", "Ahmad Vahidi"}
    assert first["contested"] and {d["id"] for d in first["documents"]} == {"d1", "d2"}
    assert not props[1]["contested"]
    assert props[2]["contested"] and props[2]["denied_by"][0]["name"] == "Kenya"


def test_ledger_filters():
    assert [p["key"] for p in ledger(ROWS, contested=True)] == ["USA>IRN:ACCUSE@2007-07-02",
                                                                "KEN>SOM:ASSAULT@2024-05-06"]
    assert [p["type"] for p in ledger(ROWS, country="ken")] == ["ASSAULT"]
    assert len(ledger(ROWS, actor="vahidi")) == 1
    assert len(ledger(ROWS, actor="qods")) == 1
    assert ledger(ROWS, country="FRA") == []
    assert len(ledger(ROWS, window_days=400)) == 2


def test_formats():
    props = ledger(ROWS, contested=True)
    table = format_table(props)
    assert "CONTESTED USA>IRN:ACCUSE@2007-07-02" in table and "DENIES   Ahmad Vahidi" in table
    rows = list(csv.DictReader(io.StringIO(format_csv(props))))
    assert {r["stance"] for r in rows} == {"asserts", "denies"} and rows[0]["proposition"]
    assert json.loads(format_json(props))[0]["key"] == props[0]["key"]
    assert format_table([]) == "no propositions\n"


# -- end to end: both seeds, ingest, `dossier claims --contested` ------------------------------------

def _events_ready() -> bool:
    try:
        return hasattr(importlib.import_module("dossier.events"), "annotate")
    except ImportError:
        return False


@pytest.mark.skipif(not _events_ready(), reason="dossier.events not available yet")
def test_seeds_contested_qods_force(tmp_path):
    if not SEEDS.exists():
        pytest.skip("shared seeds not available")
    from click.testing import CliRunner

    from dossier.cli import main
    db = str(tmp_path / "d.db")
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", "--db", db, *map(str, sorted(SEEDS.glob("*.txt")))])
    assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["claims", "--db", db, "--contested", "--format", "json"])
    assert res.exit_code == 0, res.output
    props = json.loads(res.output)
    hits = [p for p in props if p["type"] == "ACCUSE" and p["source"] == "USA" and p["target"] == "IRN"]
    assert hits, [p["key"] for p in props]
    p = hits[0]
    assert any("Qods" in n or "Quds" in n or "Tehran" in n for n in p["target_names"])
    deniers = {x["name"] for x in p["denied_by"]}
    assert "Iran" in deniers and any("Najjar" in n for n in deniers)
    assert {d["id"] for d in p["documents"]} and len(p["asserted_by"]) >= 1
    res = runner.invoke(main, ["claims", "--db", db, "--contested"])
    assert res.exit_code == 0 and "CONTESTED USA>IRN:ACCUSE" in res.output


@pytest.mark.parametrize("text,denier", [
    ("Washington accuses Tehran of arming militias in Syria, a charge Iran denies.", "IRN"),
    ("The army accused Rwanda of backing the rebels, an accusation that Kigali has repeatedly rejected.", "RWA"),
    ("The junta accused France of plotting an invasion, a charge the French foreign ministry called false.", "FRA"),
])
def test_an_appositive_charge_is_denied_by_the_one_who_answers_it(text, denier):
    from dossier import extract
    doc = extract(text, published="2024-05-01")
    denial = [c for c in doc.claims if c.stance == "denies"]
    assert denial and (denial[0].speaker or {}).get("country") == denier, doc.claims
    accusation = next(e for e in doc.events if e.id == denial[0].event)
    assert accusation.cameo.startswith("11") and accusation.status == "fact"
    assert (accusation.asserted_by or {}).get("country") != denier


def test_a_denial_answers_the_accusation_against_a_force_its_country_is_said_to_back():
    import dossier
    doc = dossier.extract("AMMAN, Jan 28 (Reuters) - President Joe Biden blamed Iran-backed militant groups for the "
                          "drone strike on the base. Iran denied any role.")
    events = {e.id: e for e in doc.events}
    claims = {c.id: c for c in doc.claims}
    denial = next(c for c in doc.claims if c.stance == "denies")
    answered = events[claims[denial.answers].event]
    assert (answered.cameo[:2], answered.source["name"]) == ("11", "Joe Biden"), answered
