import gzip
import io
import json

import pytest

from dossier.read import InputError, decode, expand, read_paths, sniff_kind


def test_decode_utf8_bom_and_legacy_encodings():
    assert decode("Café".encode("utf-8")) == "Café"
    assert decode("\ufeffCafé".encode("utf-8")) == "Café"
    assert decode("Café à Genève, señor".encode("utf-16")) == "Café à Genève, señor"
    # a cp1252 page with curly quotes must not come back as mojibake or crash
    text = decode("The minister said \u201cno\u201d to the plan, again and again.".encode("cp1252"))
    assert "minister said" in text and "no" in text


def test_decode_refuses_binary():
    with pytest.raises(InputError, match="binary"):
        decode(bytes(range(256)) * 50)


def test_sniff_kind():
    assert sniff_kind("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff_kind("Plain words.\n\nMore words.") == "text"
    assert sniff_kind("<p>x</p>", "page.html") == "html"
    assert sniff_kind("<p>x</p>", "dump.txt") == "text"


def test_paths_dirs_globs_gzip_jsonl(tmp_path):
    (tmp_path / "a.txt").write_text("First story body.", encoding="utf-8")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "b.html").write_text("<html><body><p>Second</p></body></html>", encoding="utf-8")
    with gzip.open(sub / "c.txt.gz", "wt", encoding="utf-8") as fh:
        fh.write("Third, compressed.")
    recs = [{"id": "r1", "text": "Record one.", "published": "2020-01-02", "outlet": "Wire"},
            {"html": "<html><body><p>Record two</p></body></html>", "url": "http://x.test/2"},
            {"nothing": 1}]
    (tmp_path / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in recs) + "\nnot json\n")
    (tmp_path / "ignored.bin").write_bytes(b"\x00\x01")
    raws = list(read_paths([str(tmp_path)], {"outlet": "CLI"}))
    by_src = {r.source.rsplit("/", 1)[-1]: r for r in raws}
    assert set(by_src) == {"a.txt", "b.html", "c.txt.gz", "feed.jsonl#1", "feed.jsonl#2",
                           "feed.jsonl#3", "feed.jsonl#4"}
    assert by_src["b.html"].kind == "html"
    assert by_src["c.txt.gz"].content == "Third, compressed."
    r1 = by_src["feed.jsonl#1"]
    assert r1.meta["id"] == "r1" and r1.meta["published"] == "2020-01-02"
    assert r1.meta["outlet"] == "Wire"  # the record's own field is more specific
    assert by_src["a.txt"].meta["outlet"] == "CLI"
    assert by_src["feed.jsonl#2"].kind == "html" and by_src["feed.jsonl#2"].meta["url"].endswith("/2")
    assert "neither" in by_src["feed.jsonl#3"].error
    assert "invalid JSON" in by_src["feed.jsonl#4"].error
    globbed = list(expand([str(tmp_path / "**" / "*.txt*")]))
    assert sorted(p.rsplit("/", 1)[-1] for p in globbed) == ["a.txt", "c.txt.gz"]


def test_bad_files_become_errors(tmp_path):
    (tmp_path / "trunc.txt.gz").write_bytes(gzip.compress(b"hello world " * 1000)[:40])
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 10)
    raws = list(read_paths([str(tmp_path / "trunc.txt.gz"), str(tmp_path / "bin.txt"),
                            str(tmp_path / "missing.txt")]))
    assert [bool(r.error) for r in raws] == [True, True, True]
    assert "gzip" in raws[0].error and "binary" in raws[1].error and "no such file" in raws[2].error


def test_stdin():
    raws = list(read_paths(["-"], stdin=io.BytesIO(b"From standard input.")))
    assert raws[0].source == "<stdin>" and raws[0].content == "From standard input."
