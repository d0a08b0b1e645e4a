"""Fast quality gate for the cleaner on a fixed sample of the Scrapinghub article-extraction
benchmark (runs only when ../shared/benchmarks is present; full figures: bench/clean_bench.py).
Floors are pinned a little under the figures measured on this sample when the gate was set."""
from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from dossier.clean import clean_document
from dossier.model import Document

BASE = Path(__file__).resolve().parent.parent.parent / "shared" / "benchmarks" / "scrapinghub-article-extraction-benchmark"
SAMPLE = 40  # the first N pages by id
TOKEN = re.compile(r"\w+")

pytestmark = pytest.mark.skipif(not BASE.exists(), reason="../shared benchmark data not available")


def _shingles(text: str) -> Counter:
    t = TOKEN.findall(text or "")
    return Counter(" ".join(t[i:i + 4]) for i in range(max(1, len(t) - 3)) if t[i:i + 4])


def _f1(pairs: list[tuple[str, str]]) -> float:
    ps, rs = [], []
    for true, pred in pairs:
        a, b = _shingles(true), _shingles(pred)
        tp = sum((a & b).values())
        fp, fn = sum(b.values()) - tp, sum(a.values()) - tp
        ps.append(1.0 if fp == fn == 0 else 0.0 if tp == fp == 0 else tp / (tp + fp))
        rs.append(1.0 if fp == fn == 0 else 0.0 if tp == fn == 0 else tp / (tp + fn))
    p, r = sum(ps) / len(ps), sum(rs) / len(rs)
    return 2 * p * r / (p + r) if p + r else 0.0


def _sample():
    gt = json.loads((BASE / "ground-truth.json").read_text(encoding="utf-8"))
    return {k: gt[k]["articleBody"] for k in sorted(gt)[:SAMPLE]}


def _body(raw: str, kind: str) -> str:
    try:
        return clean_document(Document(id="g", raw=raw, raw_kind=kind)).body
    except ValueError:
        return ""


def test_gate_text_dump():
    gt = _sample()
    dump = json.loads((BASE / "output" / "html-text.json").read_text(encoding="utf-8"))["output"]
    f1 = _f1([(gt[k], _body(dump[k]["articleBody"], "text")) for k in gt])
    assert f1 >= 0.89, f1  # measured 0.910


def test_gate_html():
    gt = _sample()
    pairs = []
    for k in gt:
        html = gzip.decompress((BASE / "html" / f"{k}.html.gz").read_bytes()).decode("utf-8", "replace")
        pairs.append((gt[k], _body(html, "html")))
    f1 = _f1(pairs)
    assert f1 >= 0.95, f1  # measured 0.967
