import json

from click.testing import CliRunner

from dossier.cli import main
from dossier.export import GDELT_COLUMNS

ARTICLE = """Accept all cookies to continue reading this site.

Ministers meet in Addis Ababa over border dispute

ADDIS ABABA (Reuters) - Ethiopia's foreign minister met his Eritrean counterpart on Tuesday to discuss the \
disputed border, the ministry said in a statement.

The two governments agreed to resume talks next month, according to officials from both sides.

Share on Facebook

Latest news

Floods hit the capital as rains continue
Heavy rains caused damage in several districts...
"""

KEYS = {"id", "source", "title", "outlet", "agency", "byline", "dateline", "published", "body", "removed",
        "sentences", "actors", "events", "quotes", "claims", "error"}


def write(tmp_path, name="a.txt", text=ARTICLE):
    p = tmp_path / name
    p.write_text(text, encoding="utf-8")
    return str(p)


def test_extract_json_contract(tmp_path):
    res = CliRunner().invoke(main, ["extract", write(tmp_path), "--published", "2021-03-02",
                                    "--pipeline", "blank"])
    assert res.exit_code == 0, res.output
    d = json.loads(res.output)
    assert KEYS <= set(d)
    assert d["published"] == {"value": "2021-03-02", "precision": "day", "evidence": "user"}
    assert d["body"].startswith("ADDIS ABABA") and "cookies" not in d["body"]
    assert all(0 <= s["start"] < s["end"] <= len(d["body"]) for s in d["sentences"])
    assert {r["kind"] for r in d["removed"]}  # what was dropped is kept, with its kind


def test_extract_jsonl_keeps_failed_documents_in_order(tmp_path):
    empty = write(tmp_path, "b.txt", "")
    res = CliRunner().invoke(main, ["extract", write(tmp_path), empty, "--format", "jsonl",
                                    "--pipeline", "blank"])
    assert res.exit_code == 1
    lines = [json.loads(x) for x in res.output.splitlines()]
    assert [bool(x["error"]) for x in lines] == [False, True]


def test_ingest_show_search_export(tmp_path):
    db = str(tmp_path / "x.db")
    r = CliRunner()
    res = r.invoke(main, ["ingest", write(tmp_path), "--db", db, "--pipeline", "blank", "-q"])
    assert res.exit_code == 0, res.output
    assert "1 stored" in res.output
    res = r.invoke(main, ["ingest", write(tmp_path), "--db", db, "--pipeline", "blank", "-q"])
    assert "0 stored, 1 already stored" in res.output
    res = r.invoke(main, ["show", "1", "--db", db])
    assert res.exit_code == 0 and "== removed" in res.output and "[headline-list]" in res.output
    res = r.invoke(main, ["search", "border", "--db", db, "--format", "json"])
    assert json.loads(res.output)[0]["title"].startswith("Ministers meet")
    res = r.invoke(main, ["export", "--db", db, "--format", "gdelt"])
    assert res.exit_code == 0 and res.output.splitlines()[0].split("\t") == list(GDELT_COLUMNS)
    for cmd in (["docs"], ["events"], ["actors"], ["facts"], ["timeline"], ["network"]):
        res = r.invoke(main, cmd + ["--db", db])
        assert res.exit_code == 0, (cmd, res.output)


def test_missing_database_is_a_clear_error(tmp_path):
    res = CliRunner().invoke(main, ["events", "--db", str(tmp_path / "none.db")])
    assert res.exit_code != 0 and "no database" in res.output


def test_ingest_reports_failures_with_exit_code(tmp_path):
    db = str(tmp_path / "x.db")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(bytes(range(256)) * 20)
    res = CliRunner().invoke(main, ["ingest", str(bad), write(tmp_path), "--db", db, "--pipeline", "blank"])
    assert res.exit_code == 1
    assert "binary" in res.output and "1 stored" in res.output and "1 failed" in res.output


def test_csv_output_defuses_spreadsheet_formulas():
    from dossier.query import render
    out = render([{"name": "=HYPERLINK(1)", "goldstein": -10, "note": "@cmd"}], "csv").splitlines()
    assert out[1].startswith("'=HYPERLINK") and ",-10," in out[1] and out[1].endswith("'@cmd")
