"""Benchmark the quotes stage on PolNeAR (political news attribution relations).

Two views, both on data read from ``../shared/benchmarks/polnear/`` (never copied here):

1. Span view, the setting of the published PolNeAR numbers (CofeNet, COLING 2022): the CofeNet
   instances (``cofenet-processed/res/polnear/{valid,test}.txt``: tokens + BIO labels for source,
   cue and content). Our finder runs on each instance's tokens (same tokenisation, so spans compare
   token for token). Per component, separately (links are not scored):
   - exact match: a predicted span counts when a gold span has the same [start, end);
     P = correct/predicted, R = correct/gold.
   - token overlap (partial credit, the CofeNet "Jaccard"-style view): for each predicted span its best
     token overlap |p∩g|/|p| with a gold span, averaged = P; for each gold span |p∩g|/|g| with its best
     predicted span, averaged = R.
2. Record view (``data/<split>/``: raw articles + BRAT attributions), as in Gender Gap Tracker's
   evaluation: a predicted quote matches a gold attribution when its content covers >= 0.3 of the gold
   content characters (one-to-one, greedy); P/R/F1 over quotes; among matches, speaker accuracy
   (predicted speaker span overlaps the gold source) and cue accuracy (predicted cue overlaps the gold cue).

Usage: OMP_NUM_THREADS=1 python bench/quotes_bench.py [--split dev|test] [--pipeline NAME] [--write]
``--write`` writes bench/results/quotes.md (use with --split test, for the report).
"""
from __future__ import annotations

import argparse
import copy
import json
import platform
import re
import sys
import time
from collections import defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from spacy.tokens import Doc  # noqa: E402

from dossier import nlp as dnlp  # noqa: E402
from dossier.quotes import find_all, rules, tagger  # noqa: E402
from dossier.quotes.lexicon import load as load_lexicon  # noqa: E402
from report import kept_section  # noqa: E402

POLNEAR = ROOT.parent / "shared" / "benchmarks" / "polnear"
COMPONENTS = ("source", "cue", "content")
PTB_QUOTES = {"``": "“", "''": "”", "`": "‘", "'": "’"}

ANCHORS = [  # PolNeAR test, exact-match F1 source / cue / content (CofeNet paper, COLING 2022)
    ("rule baseline (CofeNet paper)", 10.7, 22.8, 5.6),
    ("CoreNLP (CofeNet paper)", 13.9, None, 17.5),
    ("CRF", 50.6, 53.4, 28.6),
    ("BiLSTM-CRF", 69.6, 66.7, 59.0),
    ("BERT-CRF", 82.2, 74.9, 71.0),
    ("BERT-CofeNet", 83.2, 75.3, 72.9),
]


# -- span view --------------------------------------------------------------------------------------

def bio_spans(labels: list[str]) -> dict[str, set[tuple[int, int]]]:
    out: dict[str, set[tuple[int, int]]] = {c: set() for c in COMPONENTS}
    start, typ = None, None
    for i, lab in enumerate(labels + ["O"]):
        t = lab[2:] if lab != "O" else None
        if start is not None and (lab.startswith("B-") or t != typ):
            out[typ].add((start, i))
            start, typ = None, None
        if t is not None and start is None:
            start, typ = i, t
    return out


def predicted_spans(sdoc, found: list[rules.Found], orphans: bool = True) -> dict[str, set[tuple[int, int]]]:
    out: dict[str, set[tuple[int, int]]] = {c: set() for c in COMPONENTS}
    covered = set()
    words = [t.text for t in sdoc]
    for f in found:
        if f.inherit is None and f.speaker:
            s0, s1 = f.speaker
            # PolNeAR convention: an appositive source keeps the comma (or dash) that closes it
            # ("Quina Jones , 25 , said"); dossier's speaker spans leave it out
            if s1 < len(words) and s1 == f.cue[0] - 1 and words[s1] in (",", "--", "—") and any(
                    words[t] in (",", "--", "—") for t in range(s0, s1)):
                s1 += 1
            # and a possessor's "'s" ("Trump 's claim that ...": dossier's speaker is "Trump")
            if s1 < len(words) and s1 == f.cue[0] - 1 and words[s1] in ("'s", "’s", "'"):
                s1 += 1
            out["source"].add((s0, s1))
        if f.rule != "continuation":
            out["cue"].add(f.cue)
        for c in f.content:
            out["content"].add(c)
            covered.update(range(*c))
    if orphans:  # bare quotations continue an attribution made before the instance starts
        ctx = rules._Ctx(sdoc, load_lexicon())
        for qi, (o, c) in enumerate(ctx.quotes):
            if o not in covered and ctx.substantial(qi):
                out["content"].add((o, c + 1))
    # a token has one label: drop spans that overlap a higher-priority component
    return out


class Scores:
    def __init__(self):
        self.n = defaultdict(lambda: [0, 0, 0, 0.0, 0.0])  # correct, pred, gold, sum-prec, sum-rec

    def add(self, comp: str, pred: set, gold: set):
        s = self.n[comp]
        s[0] += len(pred & gold)
        s[1] += len(pred)
        s[2] += len(gold)
        for p in pred:
            s[3] += max((_ov(p, g) / (p[1] - p[0]) for g in gold), default=0.0)
        for g in gold:
            s[4] += max((_ov(p, g) / (g[1] - g[0]) for p in pred), default=0.0)

    def table(self, comp: str) -> dict[str, float]:
        c, p, g, sp, sr = self.n[comp]
        P, R = (c / p if p else 0.0), (c / g if g else 0.0)
        oP, oR = (sp / p if p else 0.0), (sr / g if g else 0.0)
        return {"P": P, "R": R, "F1": _f1(P, R), "oP": oP, "oR": oR, "oF1": _f1(oP, oR), "pred": p, "gold": g}


def _ov(a, b) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def _f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def _parse_cached(nlp, docs, cache: str | None, name: str):
    """Parse (or read parses from ``cache``, a folder: development runs only, parses do not change)."""
    if not cache:
        return nlp.pipe(docs, batch_size=64)
    from spacy.tokens import DocBin
    path = Path(cache) / f"polnear-{name}-{nlp.meta.get('name')}-{nlp.meta.get('version')}-{len(docs)}.spacy"
    if path.exists():
        return list(DocBin().from_disk(path).get_docs(nlp.vocab))
    out = list(nlp.pipe(docs, batch_size=64))
    path.parent.mkdir(parents=True, exist_ok=True)
    DocBin(store_user_data=False, docs=out).to_disk(path)
    return out


def model_spans(fdoc) -> dict[str, set[tuple[int, int]]]:
    """The tagger's own spans, straight from its entities (the "model alone" row)."""
    out: dict[str, set[tuple[int, int]]] = {c: set() for c in COMPONENTS}
    for e in fdoc.ents:
        out[e.label_.lower()].add((e.start, e.end))
    return out


def span_view(split: str, pipeline: str | None, limit: int | None = None, cache: str | None = None,
              quote_model: str | None = None):
    name = {"dev": "valid", "valid": "valid", "test": "test"}[split]
    path = POLNEAR / "cofenet-processed" / "res" / "polnear" / f"{name}.txt"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    if limit:
        rows = rows[:limit]
    nlp = dnlp.load(pipeline)
    lex = load_lexicon()
    docs = [Doc(nlp.vocab, words=[PTB_QUOTES.get(w, w) for w in r["tokens"]]) for r in rows]
    scores = Scores()
    extra = {"rules alone": Scores(), "tagger alone": Scores()} if quote_model else {}
    model = tagger.load(quote_model) if quote_model else None
    t0 = time.perf_counter()
    t_find = 0.0
    parsed = _parse_cached(nlp, docs, cache, name)
    for r, sdoc in zip(rows, parsed):
        gold = bio_spans(r["labels"])
        t1 = time.perf_counter()
        found = rules.find(sdoc, lex)
        if model is not None:
            fdoc = tagger.tag(tagger.feature_doc(sdoc, found, lex, model.vocab), model)
            both = tagger.records(sdoc, fdoc, [copy.copy(f) for f in found], lex)
            pred = predicted_spans(sdoc, both)
        else:
            pred = predicted_spans(sdoc, found)
        t_find += time.perf_counter() - t1
        if model is not None:
            for key, p in (("rules alone", predicted_spans(sdoc, found)), ("tagger alone", model_spans(fdoc))):
                for comp in COMPONENTS:
                    extra[key].add(comp, p[comp], gold[comp])
        for comp in COMPONENTS:
            scores.add(comp, pred[comp], gold[comp])
    elapsed = time.perf_counter() - t0
    ntok = sum(len(r["tokens"]) for r in rows)
    return scores, {"instances": len(rows), "tokens": ntok, "seconds_total": elapsed, "seconds_quotes": t_find,
                    "extra": extra}


# -- record view ------------------------------------------------------------------------------------

_T = re.compile(r"^(T\d+)\t(\w+) ([\d; ]+)\t")
_E = re.compile(r"^(E\d+)\t(.*)$")


def read_ann(path: Path) -> list[dict]:
    spans, rels = {}, []
    for line in path.read_text(encoding="utf-8").splitlines():
        m = _T.match(line)
        if m:
            tid, typ, offs = m.groups()
            parts = [tuple(map(int, p.split())) for p in offs.split(";")]
            spans[tid] = (typ, parts)
            continue
        m = _E.match(line)
        if m:
            args = dict(a.split(":") for a in m.group(2).split() if ":" in a)
            rels.append({k.lower(): spans.get(v, (None, []))[1] for k, v in args.items()})
    return rels


def record_view(split: str, pipeline: str | None, limit: int | None = None, quote_model: str | None = None):
    base = POLNEAR / "data" / split
    texts = sorted((base / "text").glob("*.txt"))
    if limit:
        texts = texts[:limit]
    nlp = dnlp.load(pipeline)
    lex = load_lexicon()
    tp = npred = ngold = spk_ok = cue_ok = 0
    for tpath in texts:
        anns = sorted((base / "attributions").glob(tpath.stem + "_*.ann"))
        if not anns:
            continue
        gold = [g for g in read_ann(anns[0]) if g.get("content")]  # first annotator only
        text = tpath.read_text(encoding="utf-8")
        sdoc = nlp(text)
        found = find_all(sdoc, lex, quote_model)
        preds = []
        for f in found:
            if f.rule == "continuation":
                continue
            cont = [(sdoc[a].idx, sdoc[b - 1].idx + len(sdoc[b - 1])) for a, b in f.content]
            spk = None
            if f.speaker:
                a, b = f.speaker
                spk = (sdoc[a].idx, sdoc[b - 1].idx + len(sdoc[b - 1]))
            cue = (sdoc[f.cue[0]].idx, sdoc[f.cue[1] - 1].idx + len(sdoc[f.cue[1] - 1]))
            preds.append((cont, spk, cue))
        npred += len(preds)
        ngold += len(gold)
        used = set()
        for g in gold:
            glen = sum(b - a for a, b in g["content"]) or 1
            best, bi = 0.0, None
            for k, (cont, spk, cue) in enumerate(preds):
                if k in used:
                    continue
                ov = sum(_ov(p, q) for p in cont for q in g["content"]) / glen
                if ov > best:
                    best, bi = ov, k
            if bi is not None and best >= 0.3:
                used.add(bi)
                tp += 1
                cont, spk, cue = preds[bi]
                if spk and any(_ov(spk, s) for s in g.get("source", [])):
                    spk_ok += 1
                elif not spk and not g.get("source"):
                    spk_ok += 1
                if any(_ov(cue, c) for c in g.get("cue", [])):
                    cue_ok += 1
    P, R = (tp / npred if npred else 0), (tp / ngold if ngold else 0)
    return {"P": P, "R": R, "F1": _f1(P, R), "matched": tp, "pred": npred, "gold": ngold,
            "speaker_acc": spk_ok / tp if tp else 0, "cue_acc": cue_ok / tp if tp else 0, "docs": len(texts)}


def stage_times(split: str, limit: int = 30, quote_model: str | None = None) -> dict[str, float]:
    """Seconds per pipeline stage over ``limit`` raw PolNeAR articles run end to end (clean -> claims)."""
    from dossier import pipeline
    from dossier.read import from_string
    texts = sorted((POLNEAR / "data" / split / "text").glob("*.txt"))[:limit]
    opts = pipeline.Options(quote_model=quote_model)
    pipeline.warm(opts)  # loading the pipeline, gazetteer and tagger is start-up, not per-article cost
    docs = [pipeline.new_document(from_string(t.read_text(encoding="utf-8"), {}, t.name)) for t in texts]
    times: dict[str, float] = {}
    for name in opts.stages:
        t0 = time.perf_counter()
        if name == "segment":
            dnlp.segment(docs, opts.pipeline, opts.batch_size)
        else:
            docs = [pipeline.run_stage(name, d, opts) for d in docs]
        times[name] = time.perf_counter() - t0
    times["_docs"] = len(docs)
    times["_errors"] = sum(d.error is not None for d in docs)
    return times


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--split", default="dev", choices=("dev", "test"))
    ap.add_argument("--pipeline", default=None)
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--no-records", action="store_true")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--cache", default=None, help="folder to keep parses in between development runs")
    ap.add_argument("--quote-model", default=None,
                    help="a trained quote tagger (training/quotes/): scores rules + tagger, and each alone")
    args = ap.parse_args(argv)
    if not POLNEAR.exists():
        print("PolNeAR not found at", POLNEAR)
        return 1
    scores, info = span_view(args.split, args.pipeline, args.limit, args.cache, args.quote_model)
    nlp = dnlp.load(args.pipeline)
    print(f"pipeline: {nlp.meta.get('name')} {nlp.pipe_names}; {info}")
    for comp in COMPONENTS:
        t = scores.table(comp)
        print(f"{comp:8s} exact P {t['P']:.3f} R {t['R']:.3f} F1 {t['F1']:.3f} | overlap P {t['oP']:.3f} "
              f"R {t['oR']:.3f} F1 {t['oF1']:.3f} | pred {t['pred']} gold {t['gold']}")
    for key, sc in info["extra"].items():
        print(key + ": " + "  ".join(f"{c} {100 * sc.table(c)['P']:.1f}/{100 * sc.table(c)['R']:.1f}/"
                                     f"{100 * sc.table(c)['F1']:.1f}" for c in COMPONENTS))
    rec = None
    if not args.no_records:
        rec = record_view(args.split, args.pipeline, args.limit, args.quote_model)
        print("records:", {k: (round(v, 3) if isinstance(v, float) else v) for k, v in rec.items()})
    times = stage_times(args.split, 10 if args.limit else 30, args.quote_model)
    total = sum(v for k, v in times.items() if not k.startswith("_"))
    print("stage seconds:", {k: round(v, 3) for k, v in times.items()},
          f"quotes+claims share {100 * (times.get('quotes', 0) + times.get('claims', 0)) / total:.1f}%")
    if args.write:
        write_report(args, scores, info, rec, nlp, times)
    return 0


def _commit() -> str:
    import subprocess
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
        dirty = subprocess.run(["git", "status", "--porcelain", "--", "src/dossier/quotes", "src/dossier/data/quotes"],
                               cwd=ROOT, capture_output=True, text=True).stdout.strip()
        return out.stdout.strip() + (" (quotes code modified)" if dirty else "")
    except OSError:
        return "unknown"


def _model_name(path: str) -> str:
    try:
        return str(Path(path).resolve().relative_to(ROOT))
    except ValueError:
        return path


def _meta_date() -> str:
    from datetime import datetime, timezone
    meta = ROOT / "src" / "dossier" / "models" / "en_dossier" / "meta.json"
    try:
        return datetime.fromtimestamp(meta.stat().st_mtime, timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    except OSError:
        return "unknown"


def write_report(args, scores, info, rec, nlp, times):
    out = ROOT / "bench" / "results" / "quotes.md"
    out.parent.mkdir(parents=True, exist_ok=True)
    t = {c: scores.table(c) for c in COMPONENTS}
    lines = [
        "# Quotes stage on PolNeAR", "",
        f"Date: {date.today().isoformat()}; machine: {platform.machine()} {platform.processor() or ''} "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}, OMP_NUM_THREADS=1.",
        f"Split: {args.split} (CofeNet instances: {info['instances']}, {info['tokens']} tokens); "
        f"spaCy pipeline: {nlp.meta.get('name')} {nlp.meta.get('version')} {nlp.pipe_names} "
        f"(meta.json dated {_meta_date()}).",
        f"Produced by `OMP_NUM_THREADS=1 python bench/quotes_bench.py --split {args.split} --write"
        + (f" --quote-model {_model_name(args.quote_model)}" if args.quote_model else "") + "` at commit "
        f"{_commit()}.", "",
        "## Span view (exact-match F1, as in the CofeNet paper; components scored separately)", "",
        "| system | source | cue | content |", "|---|---|---|---|",
    ]
    for name, s, c, q in ANCHORS:
        fmt = lambda v: "-" if v is None else f"{v:.1f}"  # noqa: E731
        lines.append(f"| {name} | {fmt(s)} | {fmt(c)} | {fmt(q)} |")
    system = "dossier rules + trained tagger" if args.quote_model else "dossier rules"
    for key, sc in info.get("extra", {}).items():
        lines.append(f"| dossier, {key} (diagnostic) | " + " | ".join(
            f"{100 * sc.table(c)['F1']:.1f}" for c in COMPONENTS) + " |")
    lines.append(f"| **{system} (this run)** | **{100 * t['source']['F1']:.1f}** | "
                 f"**{100 * t['cue']['F1']:.1f}** | **{100 * t['content']['F1']:.1f}** |")
    lines += ["", "Floors asked for without a transformer: source >= 70, cue >= 70, content >= 55.", "",
              "### dossier in detail", "", "| component | exact P | exact R | exact F1 | overlap P | overlap R | "
              "overlap F1 | predicted | gold |", "|---|---|---|---|---|---|---|---|---|"]
    for c in COMPONENTS:
        x = t[c]
        lines.append(f"| {c} | {100 * x['P']:.1f} | {100 * x['R']:.1f} | {100 * x['F1']:.1f} | {100 * x['oP']:.1f} | "
                     f"{100 * x['oR']:.1f} | {100 * x['oF1']:.1f} | {x['pred']} | {x['gold']} |")
    if rec:
        lines += ["", "## Record view (a quote matches when it covers >= 0.3 of the gold content)", "",
                  f"On `data/{args.split}/` ({rec['docs']} articles, first annotator's file per article).", "",
                  "| system | quote P | quote R | quote F1 | speaker acc. | cue acc. |", "|---|---|---|---|---|---|",
                  "| Gender Gap Tracker (published, own corpus; indicative only) | - | - | 83.7 | 86.5 | - |",
                  f"| {system} (this run) | {100 * rec['P']:.1f} | {100 * rec['R']:.1f} | {100 * rec['F1']:.1f} | "
                  f"{100 * rec['speaker_acc']:.1f} | {100 * rec['cue_acc']:.1f} |"]
    per_k = 1000 * info["seconds_quotes"] / max(1, info["tokens"]) * 1000
    total = sum(v for k, v in times.items() if not k.startswith("_"))
    lines += ["", "## Speed", "",
              f"Quote finding alone on the span-view instances: {info['seconds_quotes']:.2f} s for {info['tokens']} "
              f"tokens ({per_k:.2f} ms per 1,000 tokens).", "",
              f"End to end on {times['_docs']} raw `data/{args.split}` articles (clean -> claims, "
              f"{times['_errors']} failed), seconds per stage:", "",
              "| " + " | ".join(k for k in times if not k.startswith("_")) + " | total | quotes share |",
              "|" + "---|" * (len([k for k in times if not k.startswith("_")]) + 2),
              "| " + " | ".join(f"{v:.2f}" for k, v in times.items() if not k.startswith("_")) +
              f" | {total:.2f} | {100 * times.get('quotes', 0) / total:.1f}% |", "",
              f"The quotes stage adds {100 * times.get('quotes', 0) / max(1e-9, total - times.get('quotes', 0)):.1f}% "
              "to the time of the other stages (budget: 20%).", ""]
    if args.quote_model:
        first = ["- This run is the rules plus the optional trained tagger (`src/dossier/quotes/tagger.py`, recipe "
                 "`training/quotes/`): a spaCy tok2vec + transition-based span tagger over the parse and the rules' "
                 "own labels, with static word vectors from all-MiniLM-L6-v2's word-piece table; configuration and "
                 "step count chosen on PolNeAR `dev` with a model trained on `train` alone, the model scored here "
                 "then trained on `train` + `dev` (see `training/quotes/README.md`; the model path above says which). "
                 "Where the tagger and a rule mark the same cue, the tagger's spans are used with the rule's speaker "
                 "resolution; its other cues become records of their own; rule records it leaves unmarked stay. "
                 "The `rules alone` and `tagger alone` rows score the two halves on their own.",
                 "- PolNeAR states no licence for its data (research use, no redistribution), so the trained tagger "
                 "is not shipped: the product's default is the rules alone (the `rules alone` row); a user with the "
                 "corpus builds the tagger with `training/quotes/README.md` and turns it on with `--quote-model`."]
    else:
        first = ["- dossier's quotes stage is rules over the shipped spaCy parse (cue lexicon in "
                 "`src/dossier/data/quotes/cues.yaml`); nothing is trained on PolNeAR. PolNeAR states no licence for "
                 "its data (research use, no redistribution), so no weights derived from it are shipped."]
    lines += ["## Notes", ""] + first + [
              "- Rules and tagger were developed on PolNeAR dev (`valid.txt`); test was scored for this report only.",
              "- PolNeAR annotates attribution broadly (belief, intention, perception, evaluation: \"seems\", "
              "\"attacked X\", \"support X\", nouns such as \"an answer about\"). dossier keeps to speech verbs, "
              "clause-taking cognition verbs, intention verbs with an infinitive (\"wants to\"), evaluative verbs "
              "with an object (\"denounced X as Y\", \"endorsed X\"), particle cues (\"spoke about X\", "
              "\"pointed to X\"), findings of polls and studies (\"the poll showed X\"), colon headlines, "
              "transcript turns and dash sign-offs, hence precision well above recall.",
              "- Span convention: PolNeAR's source span keeps the comma (or dash) that closes an appositive "
              "(\"Quina Jones , 25 , said\"); dossier's speaker spans leave it out, and the span view adds it back "
              "(`predicted_spans`). Cue spans are left as dossier makes them (PolNeAR annotators are inconsistent "
              "about adjuncts such as \"said Friday\" / \"said in an interview\").",
              "- The span view scores each CofeNet instance (a few sentences cut from an article) on its own, so "
              "quotations that open or close outside the instance leave stray marks; the record view runs on whole "
              "articles.",
              "- Gender Gap Tracker's figures are on its own corpus and matching rules: indicative only.", ""]
    out.write_text("\n".join(lines) + "\n" + kept_section(out, "## History"), encoding="utf-8")
    print("wrote", out)


if __name__ == "__main__":
    sys.exit(main())
