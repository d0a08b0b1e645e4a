"""Bad input never stops a batch: every good document is stored once, every bad one reported."""
import gzip
import os
import random

from dossier.pipeline import Options
from dossier.store import Store

GOOD = ("The council of ministers in {city} met on Tuesday to discuss the drought, officials said.\n\n"
        "Farmers from {n} villages asked the government for emergency water deliveries before the "
        "harvest. The agriculture minister promised a plan within two weeks, according to a statement.\n\n"
        "Opposition lawmakers criticised the delay and said relief should have arrived a month ago.\n")
CITIES = ["Nairobi", "Lima", "Hanoi", "Tbilisi", "Dakar", "Quito", "Amman", "Tunis", "Manila", "Accra"]


def build_corpus(root, n_total: int, big: bool) -> tuple[int, int]:
    """Write n_total files, about a third bad in six ways; returns (good, bad) counts."""
    rnd = random.Random(7)
    good = bad = 0
    for i in range(n_total):
        kind = i % 9
        p = os.path.join(root, f"doc{i:04d}")
        if kind == 0:
            open(p + ".txt", "wb").close(); bad += 1  # empty
        elif kind == 1:
            with open(p + ".txt", "wb") as fh:  # binary
                fh.write(bytes(rnd.randrange(256) for _ in range(4096)))
            bad += 1
        elif kind == 2:
            data = gzip.compress(GOOD.format(city="X", n=i).encode())
            with open(p + ".txt.gz", "wb") as fh:  # truncated gzip
                fh.write(data[: len(data) // 2])
            bad += 1
        elif kind == 3:  # wrong encoding (cp1252 bytes, no declaration): must still be read
            with open(p + ".txt", "wb") as fh:
                fh.write((GOOD.format(city="Bogotá", n=i) + "Señor Pérez said “enough”.\n").encode("cp1252"))
            good += 1
        elif kind == 4:  # deeply nested HTML around a real article
            depth = 20000
            html = ("<html><body>" + "<div>" * depth + "<p>" + GOOD.format(city="Kyiv", n=i)
                    .replace("\n\n", "</p><p>") + "</p>" + "</div>" * depth + "</body></html>")
            with open(p + ".html", "w", encoding="utf-8") as fh:
                fh.write(html)
            good += 1  # either cleaned or reported: counted below from the report
        else:
            with open(p + ".txt", "w", encoding="utf-8") as fh:
                fh.write(GOOD.format(city=CITIES[i % len(CITIES)], n=i))
            good += 1
    if big:  # a 50 MB single line
        with open(os.path.join(root, "huge.txt"), "w") as fh:
            fh.write("word " * (10 * 1024 * 1024))
    return good, bad


def run(tmp_path, n_total, big):
    root = tmp_path / "in"
    root.mkdir()
    build_corpus(str(root), n_total, big)
    db = str(tmp_path / "r.db")
    opts = Options(stages=("clean", "segment"))  # reading/cleaning/storing are under test here
    with Store(db) as store:
        rep = store.ingest([str(root)], opts)
        c = store.counts()
        n_files = n_total + (1 if big else 0)
        assert rep.total == n_files
        assert c["documents"] == rep.stored and c["errors"] == len(rep.failed)
        failed = {os.path.basename(s) for s, _ in rep.failed}
        # every empty, binary and truncated file is reported with a reason
        for i in range(n_total):
            if i % 9 in (0, 1, 2):
                assert any(f.startswith(f"doc{i:04d}") for f in failed), i
        for _, why in rep.failed:
            assert why and len(why) < 500
        # good plain/cp1252 documents are stored (identical texts are stored once: same content)
        stored_sources = {os.path.basename(r[0]) for r in store.db.execute("SELECT source FROM documents")}
        assert "doc0003.txt" in stored_sources and "doc0005.txt" in stored_sources
        assert "Bogotá" in store.get(str(root / "doc0003.txt"))["body"]
        # a second run stores nothing new and loses nothing
        rep2 = store.ingest([str(root)], opts)
        assert rep2.stored == 0 and store.counts()["documents"] == c["documents"]
        assert rep2.skipped == rep.stored + rep.skipped


def test_bad_inputs_small(tmp_path):
    run(tmp_path, 60, big=False)


def test_thousand_bad_inputs_with_50mb_line(tmp_path):
    run(tmp_path, 1000, big=True)
