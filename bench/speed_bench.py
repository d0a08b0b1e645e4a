"""End-to-end speed and memory: read -> clean -> parse -> actors -> quotes -> events -> claims -> store.

    python bench/speed_bench.py [--n 200] [--workers 1]

Corpus: the plain-text page dumps of ../shared/benchmarks/scrapinghub-article-extraction-benchmark
(real news pages, boilerplate included; we keep pages whose gold article has 300-1,200 words, median
about 600), cycled to --n documents, each made unique so nothing is skipped as a duplicate.
Writes bench/results/speed.md (date, machine, articles/s, per-stage ms/article, peak RSS).
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT.parent / "shared" / "benchmarks" / "scrapinghub-article-extraction-benchmark"
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from dossier import nlp  # noqa: E402
from dossier.pipeline import DOC_STAGES, DEFAULT, new_document, run_stage, warm  # noqa: E402
from dossier.read import RawInput  # noqa: E402
from dossier.store import Store  # noqa: E402
from report import kept_section  # noqa: E402


def corpus(n: int) -> list[RawInput]:
    dumps = json.loads((BENCH / "output" / "html-text.json").read_text())["output"]
    gold = json.loads((BENCH / "ground-truth.json").read_text())
    keep = [k for k, v in dumps.items()
            if 300 <= len((gold.get(k) or {}).get("articleBody", "").split()) <= 1200]
    texts = [dumps[k]["articleBody"] for k in sorted(keep)]
    return [RawInput(source=f"page{i}.txt", content=f"{texts[i % len(texts)]}\n\n(copy {i})")
            for i in range(n)], statistics.median(len(gold[k]["articleBody"].split()) for k in keep)


def stage_times(raws: list[RawInput]) -> dict[str, float]:
    """ms per article for each stage, run separately over the whole set (warm pipeline, one BLAS
    thread: what each worker process does)."""
    from threadpoolctl import threadpool_limits
    limit = threadpool_limits(1)
    docs = [new_document(r) for r in raws]
    out = {}
    t = time.perf_counter()
    docs = [run_stage("clean", d, DEFAULT) for d in docs]
    out["clean"] = time.perf_counter() - t
    t = time.perf_counter()
    nlp.segment(docs, None, DEFAULT.batch_size)
    out["segment/parse"] = time.perf_counter() - t
    for name in DOC_STAGES:
        t = time.perf_counter()
        docs = [run_stage(name, d, DEFAULT) for d in docs]
        out[name] = time.perf_counter() - t
    limit.restore_original_limits()
    return {k: 1000 * v / len(raws) for k, v in out.items()}


NOTES = "## Notes"


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--out", default=str(ROOT / "bench" / "results" / "speed.md"))
    args = ap.parse_args()
    if not BENCH.is_dir():
        sys.exit(f"benchmark data not found at {BENCH}")
    raws, median_words = corpus(args.n)
    t = time.perf_counter()
    warm(DEFAULT)  # load the pipeline and knowledge once, outside the timing (workers inherit them)
    startup = time.perf_counter() - t
    words = sum(len(r.content.split()) for r in raws)
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        with Store(os.path.join(tmp, "speed.db")) as store:
            report = store.ingest_raw(raws, DEFAULT, workers=args.workers)
            counts = store.counts()
        wall = time.perf_counter() - t
    rss_mb = max(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                 resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    per_stage = stage_times(raws[: min(100, len(raws))])
    lines = [
        "# End-to-end speed and memory",
        "",
        f"- date: {datetime.date.today().isoformat()}",
        f"- machine: {platform.machine()}, {os.cpu_count()} CPU cores, Python {platform.python_version()},"
        f" {platform.platform()}",
        f"- command: `python bench/speed_bench.py --n {args.n} --workers {args.workers}`",
        f"- pipeline: {nlp.load(None).meta.get('name')} {nlp.load(None).meta.get('version')} "
        f"({', '.join(nlp.load(None).pipe_names)})",
        f"- corpus: {len(raws)} scraped page dumps (median gold article {median_words:.0f} words; "
        f"{words / len(raws):.0f} words per page with boilerplate)",
        "",
        "| measure | dossier | anchor |",
        "|---|---|---|",
        f"| articles/s end-to-end (read → events in the store) | **{len(raws) / wall:.1f}** | floor ≥ 20; "
        f"PETRARCH2 + CoreNLP ≈ 0.7 (2,500 stories/hour) |",
        f"| words/s end-to-end | {words / wall:,.0f} | |",
        f"| peak RSS | {rss_mb:,.0f} MB | |",
        f"| start-up (load pipeline and knowledge, once per run) | {startup:.1f} s | |",
        f"| stored | {report.stored} docs, {counts['events']} events, {counts['actors']} actors, "
        f"{counts['quotes']} quotes ({len(report.failed)} failed) | |",
        "",
        "Per stage, ms per article (stages run one after another over the first 100 pages, one process, "
        "one BLAS thread, after the start-up):",
        "",
        "| stage | ms/article | share |",
        "|---|---|---|",
    ]
    total = sum(per_stage.values())
    for k, v in per_stage.items():
        lines.append(f"| {k} | {v:.1f} | {100 * v / total:.0f}% |")
    print("\n".join(lines))
    Path(args.out).write_text("\n".join(lines) + "\n" + kept_section(Path(args.out), NOTES))


if __name__ == "__main__":
    main()
