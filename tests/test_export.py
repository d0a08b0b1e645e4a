from dossier.export import GDELT_COLUMNS, gdelt_rows, gdelt_tsv, network, timeline
from dossier.merge import merge

OBAMA = {"actor": "A1", "name": "Barack Obama", "kind": "person", "country": "USA", "sector": "GOV",
         "code": "USAGOV"}
IRAQ = {"actor": "A2", "name": "Iraq", "kind": "state", "country": "IRQ", "sector": None, "code": "IRQ"}


def event(doc_id, eid, name="Barack Obama", status="intended", date="2014-06-19"):
    return {"doc_id": doc_id, "id": eid, "sentence": 0, "cameo": "0332", "cameo_name": "x", "plover": "AGREE",
            "quad_class": 1, "goldstein": 5.2, "status": status, "source": dict(OBAMA, name=name),
            "target": IRAQ, "date": {"value": date, "precision": "day", "text": "Thursday"},
            "trigger": {"start": 0, "end": 5, "text": "plans"},
            "location": {"name": "Baghdad", "country": "IRQ", "geo": {"name": "Baghdad", "country": "IRQ",
                                                                      "lat": 33.3, "lon": 44.4}}}


DOCS = {"d1": {"url": "http://a.example/1", "agency": "AFP"}, "d2": {"url": "http://b.example/2", "agency": "AFP"},
        "d3": {"url": "http://c.example/3", "outlet": "Daily"}}


def test_same_fact_merges_across_articles_and_counts_sources():
    facts = merge([event("d1", "e1"), event("d2", "e4", name="Obama"), event("d3", "e2"),
                   event("d3", "e9", date="2014-06-20")], DOCS)
    assert len(facts) == 2
    f = facts[0]
    assert (f["num_mentions"], f["num_articles"], f["num_sources"]) == (3, 3, 2)
    assert [e["doc_id"] for e in f["evidence"]] == ["d1", "d2", "d3"]


def test_gdelt_rows_have_the_columns_and_keep_only_reported_facts():
    facts = merge([event("d1", "e1", status="fact"), event("d2", "e2", status="negated", date="2014-06-21")], DOCS)
    rows = gdelt_rows(facts)
    assert len(rows) == 1  # a negated event is not a GDELT event
    r = rows[0]
    assert r["SQLDATE"] == "20140619" and r["EventRootCode"] == "03" and r["EventBaseCode"] == "033"
    assert r["Actor1Code"] == "USAGOV" and r["Actor2CountryCode"] == "IRQ" and r["IsRootEvent"] == 1
    assert r["ActionGeo_CountryCode"] == "IRQ" and r["ActionGeo_Lat"] == 33.3
    assert r["SOURCEURL"] == "http://a.example/1" and r["NumArticles"] == 1
    assert len(gdelt_rows(facts, factual_only=False)) == 2
    tsv = gdelt_tsv(rows, header=True).splitlines()
    assert tsv[0].split("\t") == list(GDELT_COLUMNS) and len(tsv[1].split("\t")) == len(GDELT_COLUMNS)


def test_network_and_timeline():
    evts = [event("d1", "e1"), event("d2", "e2", date=None), event("d3", "e3", date="2010-01-01")]
    net = network(evts)
    assert len(net["edges"]) == 1 and net["edges"][0]["count"] == 3 and net["edges"][0]["goldstein"] == 5.2
    assert [e["id"] for e in timeline(evts)] == ["e3", "e1", "e2"]
