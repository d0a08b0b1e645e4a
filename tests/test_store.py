import sqlite3

import pytest

from dossier.migrations import MIGRATIONS, migrate
from dossier.model import Actor, Document, Event, Mention, Published, Removed, Sentence, Span
from dossier.store import Store


def make_doc(doc_id="d1", body="Rebels attacked the town. Police arrested two men.") -> Document:
    doc = Document(id=doc_id, source=f"{doc_id}.txt", title="A headline", agency="AFP", body=body,
                   published=Published("2020-05-01", "day", "user"),
                   removed=[Removed("Advertisement", "advertisement")],
                   sentences=[Sentence(0, 25), Sentence(26, len(body))])
    doc.metadata["content_hash"] = doc_id
    rebels = Actor("A1", "Rebels", "group", "SDN", "REB", "SDNREB",
                   mentions=[Mention(0, 6, "Rebels", 0, "title")], evidence=["title: rebels"])
    doc.actors = [rebels]
    doc.events = [Event("E1", 0, Span(7, 15, "attacked"), "190", "Use conventional military force",
                        plover="ASSAULT", goldstein=-10.0, quad_class=4, source=rebels.summary())]
    return doc


def test_add_is_idempotent_and_roundtrips(db_path):
    with Store(db_path) as store:
        assert store.add(make_doc()) is True
        assert store.add(make_doc()) is False
        c = store.counts()
        assert (c["documents"], c["events"], c["actors"], c["mentions"], c["removed"]) == (1, 1, 1, 1, 1)
        d = store.get("d1")
        assert d["events"][0]["cameo"] == "190" and d["events"][0]["source"]["code"] == "SDNREB"
        assert d["removed"] == [{"text": "Advertisement", "kind": "advertisement"}]
        assert d["published"] == {"value": "2020-05-01", "precision": "day", "evidence": "user"}
        assert store.find("1") == "d1" and store.find("d1.txt") == "d1"


def test_fts_search(db_path):
    with Store(db_path) as store:
        store.add(make_doc("d1"))
        store.add(make_doc("d2", body="Ministers met in Geneva to discuss a truce."))
        hits = store.search("truce")
        assert [h["id"] for h in hits] == ["d2"]
        assert "[truce]" in hits[0]["snippet"]
        assert store.search('unbalanced "quote') == []  # invalid FTS syntax falls back to a phrase


def test_failed_write_leaves_nothing(db_path):
    doc = make_doc()
    doc.events.append(doc.events[0])  # duplicate primary key inside one document: the write fails
    with Store(db_path) as store:
        with pytest.raises(sqlite3.IntegrityError):
            store.add(doc)
        assert store.counts()["documents"] == 0 and store.counts()["actors"] == 0
        assert store.add(make_doc()) is True  # the store is still usable


def test_migrations_versioned_and_rerunnable(db_path):
    with Store(db_path) as store:
        assert store.schema_version() == len(MIGRATIONS)
    db = sqlite3.connect(db_path, isolation_level=None)
    assert migrate(db) == []  # nothing applied twice
    names = [r[0] for r in db.execute("SELECT name FROM _migrations ORDER BY rowid")]
    assert names == [name for name, _ in MIGRATIONS]


def test_readonly_store_refuses_writes(db_path):
    Store(db_path).close()
    ro = Store(db_path, readonly=True)
    with pytest.raises(sqlite3.OperationalError):
        ro.add(make_doc())


def test_delete_removes_everything(db_path):
    with Store(db_path) as store:
        store.add(make_doc())
        assert store.delete("d1")
        assert all(v == 0 for k, v in store.counts().items() if k != "errors")
        assert store.search("Rebels") == []


def test_ingest_with_worker_processes_matches_single_process(tmp_path):
    from dossier.pipeline import Options
    texts = [f"Officials in town {i} said the council approved a new water plan on Monday.\n\n"
             f"The mayor of town {i} welcomed the decision." for i in range(6)]
    for i, t in enumerate(texts):
        (tmp_path / f"{i}.txt").write_text(t)
    (tmp_path / "dup.txt").write_text(texts[0])
    (tmp_path / "empty.txt").write_text("")
    opts = Options(pipeline="blank", stages=("clean", "segment"), batch_size=2)
    results = []
    for workers in (1, 2):
        with Store(str(tmp_path / f"w{workers}.db")) as store:
            rep = store.ingest([str(tmp_path)], opts, workers=workers)
            bodies = [r[0] for r in store.db.execute("SELECT body FROM documents ORDER BY rowid")]
            results.append((rep.stored, rep.skipped, len(rep.failed), bodies))
    assert results[0] == results[1]
    assert results[0][:3] == (6, 1, 1)


def test_readonly_path_with_uri_characters(tmp_path):
    path = str(tmp_path / "odd?name#1.db")
    with Store(path) as store:
        store.add(make_doc())
    with Store(path, readonly=True) as ro:
        assert ro.find("d1") == "d1"
