"""The read-only web UI, called in-process as a WSGI app (no sockets)."""
from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from wsgiref.util import setup_testing_defaults

import pytest

from dossier.model import (Actor, Claim, Document, Event, Mention, Published, Quote, Removed, Sentence,
                           Span)
from dossier.store import Store
from dossier.web import make_app
from dossier.web.highlight import render_body


def _span(body: str, text: str, start_at: int = 0) -> Span:
    i = body.index(text, start_at)
    return Span(i, i + len(text), text)


def doc_one() -> Document:
    body = ("Iranian forces attacked a border post on Monday, officials said.\n\n"
            "\"We did not fire a single shot,\" Tehran's foreign ministry said. "
            "The United States condemned the attack.")
    s1 = body.index("\"We")
    s2 = body.index("The United")
    doc = Document(id="doc1aaaaaaaaaaaa", source="one.html", url="https://example.org/one", title="Border clash",
                   outlet="Example Times", agency="AFP", byline=["Jane Roe"], dateline="TEHRAN",
                   published=Published("2020-05-04", "day", "meta:article:published_time"), body=body,
                   removed=[Removed("Accept cookies", "cookie"), Removed("Read more: other story", "related"),
                            Removed("Subscribe now", "cookie")],
                   sentences=[Sentence(0, s1 - 2), Sentence(s1, s2 - 1), Sentence(s2, len(body))])
    doc.metadata = {"content_hash": "doc1aaaaaaaaaaaa", "copyright": "© AFP 2020"}
    irn = Actor("A1", "Iranian forces", "group", "IRN", "MIL", "IRNMIL",
                mentions=[Mention(0, 14, "Iranian forces", 0, "kb")], evidence=["kb: Iranian forces"])
    mfa = Actor("A2", "Iranian foreign ministry", "organization", "IRN", "GOV", "IRNGOV",
                mentions=[Mention(body.index("Tehran's"), body.index("Tehran's") + len("Tehran's foreign ministry"),
                                  "Tehran's foreign ministry", 1, "ner")])
    usa = Actor("A3", "United States", "state", "USA", "GOV", "USAGOV",
                mentions=[Mention(body.index("The United States"), body.index("The United States") + 17,
                                  "The United States", 2, "kb")])
    doc.actors = [irn, mfa, usa]
    attack = Event("E1", 0, _span(body, "attacked"), "190", "Use conventional military force", plover="ASSAULT",
                   goldstein=-10.0, quad_class=4, source=irn.summary(), target=None,
                   date={"value": "2020-05-04", "precision": "day", "text": "Monday"}, status="alleged",
                   asserted_by={"name": "officials"}, rule="verb:attack")
    condemn = Event("E2", 2, _span(body, "condemned"), "122", "Criticize or denounce", plover="ACCUSE",
                    goldstein=-2.0, quad_class=3, source=usa.summary(), target=irn.summary(),
                    date={"value": "2020-05", "precision": "month", "text": None}, rule="verb:condemn")
    doc.events = [attack, condemn]
    doc.quotes = [Quote("Q1", mfa.summary(), _span(body, "Tehran's foreign ministry"), _span(body, "said", s1),
                        _span(body, "We did not fire a single shot"), "direct", sentence=1, rule="quote-said")]
    doc.claims = [Claim("C1", "denies", mfa.summary(), "E1", quote="Q1",
                        evidence=_span(body, "We did not fire a single shot"), rule="denial"),
                  Claim("C2", "asserts", {"name": "officials"}, "E1", evidence=_span(body, "officials said"))]
    return doc


def doc_evil() -> Document:
    body = "Police <script>alert(1)</script> arrested two men & \"others\"."
    doc = Document(id="doc2bbbbbbbbbbbb", source="evil.txt", title="<b>bold</b> title", outlet="<i>Outlet</i>",
                   url="javascript:alert(2)", published=Published(None, "unknown", None), body=body,
                   removed=[Removed("<img src=x onerror=alert(3)>", "advertisement")],
                   sentences=[Sentence(0, len(body))])
    doc.metadata = {"content_hash": "doc2bbbbbbbbbbbb"}
    police = Actor("P1", "Police <x>", "organization", "GBR", "COP", "GBRCOP",
                   mentions=[Mention(0, 6, "Police", 0, "ner")])
    doc.actors = [police]
    doc.events = [Event("E1", 0, _span(body, "arrested"), "173", "Arrest, detain", plover="COERCE", goldstein=-5.0,
                        quad_class=4, source=police.summary(), target={"name": "two men", "country": None},
                        rule="verb:arrest")]
    return doc


def doc_three() -> Document:
    """A second report of the US condemnation (another agency), for merged facts."""
    body = "Washington condemned Iran's military on Tuesday."
    doc = Document(id="doc3cccccccccccc", source="three.txt", title="US condemns", agency="Reuters", body=body,
                   published=Published("2020-05-05", "day", "user"), sentences=[Sentence(0, len(body))])
    doc.metadata = {"content_hash": "doc3cccccccccccc"}
    usa = Actor("A1", "United States", "state", "USA", "GOV", "USAGOV", mentions=[Mention(0, 10, "Washington", 0, "kb")])
    irn = Actor("A2", "Iranian military", "group", "IRN", "MIL", "IRNMIL", mentions=[Mention(21, 36, "Iran's military", 0, "kb")])
    doc.actors = [usa, irn]
    doc.events = [Event("E1", 0, _span(body, "condemned"), "122", "Criticize or denounce", plover="ACCUSE",
                        goldstein=-2.0, quad_class=3, source=usa.summary(), target=irn.summary(),
                        date={"value": "2020-05", "precision": "month", "text": None}, rule="verb:condemn")]
    return doc


def build(path: str) -> str:
    with Store(path) as store:
        for d in (doc_one(), doc_evil(), doc_three()):
            assert store.add(d)
    return path


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    path = build(str(tmp_path_factory.mktemp("web") / "web.db"))
    return make_app(path)


def call(app, path: str, query: str = "", method: str = "GET"):
    environ: dict = {"PATH_INFO": path, "QUERY_STRING": query, "REQUEST_METHOD": method}
    setup_testing_defaults(environ)
    got = {}

    def start_response(status, headers):
        got["status"], got["headers"] = status, dict(headers)

    body = b"".join(app(environ, start_response)).decode("utf-8")
    return int(got["status"].split()[0]), got["headers"], body


def test_overview_lists_documents_and_counts(app):
    status, headers, body = call(app, "/")
    assert status == 200 and headers["Content-Type"] == "text/html; charset=utf-8"
    assert "Border clash" in body and 'href="/doc/doc1aaaaaaaaaaaa"' in body
    assert "2020-05-04" in body and "Example Times / AFP" in body
    assert 'action="/search"' in body
    assert "&lt;b&gt;bold&lt;/b&gt; title" in body and "<b>bold</b>" not in body


def test_document_page_escapes_untrusted_text(app):
    status, _, body = call(app, "/doc/doc2bbbbbbbbbbbb")
    assert status == 200
    assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body
    assert "<img" not in body and "&lt;img src=x onerror=alert(3)&gt;" in body
    assert 'href="javascript:' not in body  # a javascript: url is shown as text, not linked
    assert "&lt;i&gt;Outlet&lt;/i&gt;" in body and "Police &lt;x&gt;" in body


def test_document_page_highlights_spans_and_shows_evidence(app):
    status, _, body = call(app, "/doc/doc1aaaaaaaaaaaa")
    assert status == 200
    # the trigger is wrapped, carries its anchor, and the hover text has code, dyad, status and rule
    assert 'id="t-E1">attacked</span>' in body
    assert "190 Use conventional military force · ASSAULT" in body
    assert "Iranian forces [IRNMIL] → —" in body and "status: alleged" in body and "rule: verb:attack" in body
    assert 'class="ev q4 nf"' in body  # an alleged event is marked as not a plain fact
    assert '<span class="m m0" title="actor A1' in body
    assert 'id="s0"' in body and 'id="s2"' in body
    # metadata with evidence, quotes, claims, removed blocks grouped by kind
    assert "meta:article:published_time" in body and "Jane Roe" in body and "TEHRAN" in body
    assert "We did not fire a single shot" in body and "direct" in body
    assert 'class="stance denies"' in body
    assert "<b>cookie</b> · 2 blocks" in body and "<b>related</b> · 1 block<" in body
    assert 'href="https://example.org/one"' in body


def test_document_by_row_number_and_404(app):
    assert call(app, "/doc/1")[0] == 200
    status, headers, body = call(app, "/doc/nope-<x>")
    assert status == 404 and "nope-&lt;x&gt;" in body and "<x>" not in body
    assert call(app, "/no/such/page")[0] == 404
    assert call(app, "/static/../app.py")[0] == 404


def test_static_and_methods(app):
    status, headers, body = call(app, "/static/style.css")
    assert status == 200 and headers["Content-Type"].startswith("text/css")
    assert call(app, "/", method="POST")[0] == 405
    status, _, body = call(app, "/", method="HEAD")
    assert status == 200 and body == ""


def test_events_filters_and_links(app):
    status, _, body = call(app, "/events")
    assert status == 200 and "4 events" in body
    status, _, body = call(app, "/events", "dyad=USA-IRN")
    assert "2 events" in body and 'href="/doc/doc1aaaaaaaaaaaa#s2"' in body
    assert 'href="/events.csv?dyad=USA-IRN"' in body
    assert "1 event " in call(app, "/events", "cameo=19")[2]
    assert "1 event " in call(app, "/events", "status=alleged")[2]
    assert "0 events" in call(app, "/events", "since=2021")[2]
    assert "1 event " in call(app, "/events", "doc=doc2bbbbbbbbbbbb")[2]
    assert "1 event " in call(app, "/events", "actor=police&plover=COERCE")[2]


def test_events_csv_and_json_downloads(app):
    status, headers, body = call(app, "/events.csv", "cameo=12")
    assert status == 200 and headers["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in headers["Content-Disposition"]
    rows = list(csv.DictReader(io.StringIO(body)))
    assert len(rows) == 2 and {r["doc_id"] for r in rows} == {"doc1aaaaaaaaaaaa", "doc3cccccccccccc"}
    status, headers, body = call(app, "/events.json", "country=GBR")
    assert headers["Content-Type"].startswith("application/json")
    data = json.loads(body)
    assert [e["cameo"] for e in data] == ["173"] and data[0]["doc_id"] == "doc2bbbbbbbbbbbb"


def test_facts_merge_across_documents(app):
    status, _, body = call(app, "/facts", "cameo=122")
    assert status == 200 and "1 fact " in body
    assert "AFP, Reuters" in body
    facts = json.loads(call(app, "/facts.json", "cameo=122")[2])
    assert facts[0]["num_articles"] == 2 and facts[0]["num_sources"] == 2


def test_timeline_orders_dates_and_puts_undated_last(app):
    status, _, body = call(app, "/timeline")
    assert status == 200
    i_month, i_day, i_undated = body.index(">2020-05 <"), body.index(">2020-05-04 <"), body.index("date not resolved")
    assert i_month < i_day < i_undated
    assert "2020-05 <span class=\"prec\">month</span>" in body
    assert ">2020-05 <span" in call(app, "/timeline", "by=month")[2]


def test_actors_and_network(app):
    status, _, body = call(app, "/actors", "country=IRN")
    assert status == 200 and "3 actors" in body and "Iranian foreign ministry" in body
    assert "2 actors" in call(app, "/actors", "kind=state")[2]
    status, _, body = call(app, "/network")
    assert status == 200 and "<svg" in body and "<title>" in body
    net = json.loads(call(app, "/network.json")[2])
    edge = next(e for e in net["edges"] if e["source"] == "USAGOV")
    assert edge["target"] == "IRNMIL" and edge["count"] == 2 and edge["goldstein"] == -2.0
    assert call(app, "/actors.csv")[1]["Content-Type"].startswith("text/csv")


def test_claims_page(app):
    status, _, body = call(app, "/claims")
    assert status == 200 and "Iranian foreign ministry" in body
    status, _, body = call(app, "/claims", "contested=1")
    assert status == 200 and "1 proposition" in body and "contested" in body


def test_search_snippets_are_escaped_and_marked(app):
    status, _, body = call(app, "/search", "q=arrested")
    assert status == 200 and "1 document " in body
    assert "<mark>arrested</mark>" in body and "<script>" not in body
    assert call(app, "/search", "q=%22unbalanced")[0] == 200  # bad FTS syntax falls back to a phrase
    assert call(app, "/search")[0] == 200


PAGES = ["/", "/doc/1", "/doc/2", "/doc/3", "/events", "/facts", "/timeline", "/timeline?by=month", "/actors",
         "/network", "/claims", "/claims?contested=1", "/search?q=police", "/events?page=2"]


@pytest.mark.parametrize("page", PAGES)
def test_no_page_escapes_its_own_markup(app, page):
    path, _, qs = page.partition("?")
    status, _, body = call(app, path, qs)
    assert status == 200
    for t in ("ul", "li", "span", "a", "p", "div", "q", "mark", "table", "td", "svg"):
        assert f"&lt;{t} " not in body and f"&lt;{t}&gt;" not in body and f"&lt;/{t}&gt;" not in body, (page, t)


def test_pager_links(tmp_path, monkeypatch):
    import dossier.web.app as web_app
    app = make_app(build(str(tmp_path / "p.db")))
    monkeypatch.setattr(web_app.pager, "__defaults__", (1,))
    status, _, body = call(app, "/events", "cameo=1&page=2")
    assert status == 200 and "page 2 of 4" in body
    assert 'href="/events?cameo=1&amp;page=1"' in body and 'href="/events?cameo=1&amp;page=3"' in body


def test_never_writes(tmp_path):
    path = build(str(tmp_path / "ro.db"))
    before = os.path.getmtime(path), os.path.getsize(path)
    app = make_app(path)
    for p in ("/", "/doc/1", "/events", "/facts", "/timeline", "/actors", "/network", "/claims"):
        assert call(app, p)[0] == 200
    assert (os.path.getmtime(path), os.path.getsize(path)) == before
    store = app.open()
    with pytest.raises(sqlite3.OperationalError):
        store.db.execute("DELETE FROM documents")
    store.close()
    with pytest.raises(FileNotFoundError):
        make_app(str(tmp_path / "missing.db"))


def test_render_body_tolerates_overlaps_and_bad_offsets():
    d = {"body": "abcdef", "sentences": [{"start": 0, "end": 6}],
         "actors": [{"id": "X", "name": "X", "mentions": [{"start": 1, "end": 4}, {"start": 5, "end": 99}]}],
         "events": [{"id": "E", "trigger": {"start": 3, "end": 5}, "cameo": "010"},
                    {"id": "F", "trigger": {"start": 9, "end": 2}, "cameo": "010"}],
         "quotes": []}
    html = render_body(d)
    text = "".join(part.split(">")[-1] for part in html.split("<"))
    assert text.replace("0", "", 1) == "abcdef"  # every character once (minus the sentence number)
    assert 'id="t-E">d</span>' in html


def test_claims_page_passes_filters_to_the_ledger(app, monkeypatch):
    import dossier.web.app as web_app
    seen = {}

    def spy(rows, actor=None, country=None, contested=False):
        seen.update(rows=rows, actor=actor, country=country, contested=contested)
        return []

    monkeypatch.setattr(web_app, "ledger", spy)
    status, _, body = call(app, "/claims", "actor=iran&contested=1")
    assert status == 200 and "No claims match." in body
    assert seen["actor"] == "iran" and seen["contested"] is True and seen["country"] is None
    row = next(r for r in seen["rows"] if r["doc_id"] == "doc1aaaaaaaaaaaa" and r["event"]["id"] == "E1")
    assert [c["id"] for c in row["claims"]] == ["C1", "C2"]
    assert row["document"] == {"id": "doc1aaaaaaaaaaaa", "title": "Border clash", "outlet": "Example Times",
                               "published": "2020-05-04"}
