#!/usr/bin/env python
"""Evaluate the shipped pipeline on the TEST splits and write bench/results/pipeline.md.

Needs the DocBins from training/convert.py (training/corpus/*.spacy).

  python training/evaluate.py [--model src/dossier/models/en_dossier] [--out bench/results/pipeline.md]
                              [--kb-entities]

--kb-entities adds dossier's knowledge-base entity ruler (src/dossier/kb_entities.py) after the
NER, as dossier.nlp.load() does for the shipped pipeline.

Reports: UPOS/XPOS accuracy, morph and lemma accuracy, UAS/LAS, sentence P/R/F (sentence
boundaries predicted by the parser over 10-sentence documents) on UD EWT test; NER P/R/F per
label on UNER EWT test, UNER English PUD test and wikigold (MISC ignored, i.e. read as O);
throughput (words/s, nlp.pipe, batch_size 256) with 1 thread and with the default threads.
All scoring uses the gold tokenisation (as `spacy evaluate` does).
"""
from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "training" / "corpus"
DEFAULT_MODEL = ROOT / "src" / "dossier" / "models" / "en_dossier"


def load_examples(nlp, path, raw=False, per_sentence=False):
    """Gold tokenisation (raw=False) or spaCy's tokenizer on the raw text, aligned to the
    gold tokens as `spacy evaluate` does (raw=True). per_sentence: one doc per gold
    sentence (gold segmentation, the classic CoNLL parsing setting)."""
    from spacy.tokens import DocBin, Doc
    from spacy.training import Example
    egs = []
    golds = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    if per_sentence:
        golds = [sent.as_doc() for g in golds for sent in g.sents]
    for gold in golds:
        if raw:
            pred = nlp.make_doc(gold.text)
        else:
            pred = Doc(nlp.vocab, words=[t.text for t in gold],
                       spaces=[bool(t.whitespace_) for t in gold])
        egs.append(Example(pred, gold))
    return egs


def add_kb(nlp):
    sys.path.insert(0, str(ROOT / "src"))
    from dossier.kb_entities import add_kb_entities
    return add_kb_entities(nlp)


def speed(model, threads, kb=False):
    """Run the throughput benchmark in a fresh process so that thread settings apply."""
    env = dict(os.environ)
    for k in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
        if threads is None:
            env.pop(k, None)
        else:
            env[k] = str(threads)
    code = (
        "import sys,time,json,spacy\n"
        "from spacy.tokens import DocBin\n"
        "nlp=spacy.load(sys.argv[1])\n"
        "if sys.argv[3]=='1':\n"
        "    sys.path.insert(0,sys.argv[4]); from dossier.kb_entities import add_kb_entities; add_kb_entities(nlp)\n"
        "texts=[d.text for d in DocBin().from_disk(sys.argv[2]).get_docs(nlp.vocab)]\n"
        "list(nlp.pipe(texts[:50],batch_size=256))\n"
        "best=None\n"
        "for _ in range(2):\n"
        "    t=time.perf_counter(); n=sum(len(d) for d in nlp.pipe(texts,batch_size=256))\n"
        "    dt=time.perf_counter()-t; best=dt if best is None else min(best,dt)\n"
        "print(json.dumps({'words':n,'seconds':best}))\n"
    )
    out = subprocess.run([sys.executable, "-c", code, str(model), str(CORPUS / "ewt-test.spacy"),
                          "1" if kb else "0", str(ROOT / "src")],
                         env=env, capture_output=True, text=True, check=True)
    r = json.loads(out.stdout.strip().splitlines()[-1])
    return r["words"], r["seconds"]


def prf_table(scores, title):
    lines = [f"| {title} | P | R | F |", "|---|---:|---:|---:|"]
    per = scores.get("ents_per_type") or {}
    for lab in ("PER", "ORG", "LOC"):
        s = per.get(lab, {"p": 0.0, "r": 0.0, "f": 0.0})
        lines.append(f"| {lab} | {s['p']:.3f} | {s['r']:.3f} | {s['f']:.3f} |")
    lines.append(f"| **all** | {scores['ents_p']:.3f} | {scores['ents_r']:.3f} | **{scores['ents_f']:.3f}** |")
    return lines


def main(argv=None):
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", type=Path, default=DEFAULT_MODEL)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "results" / "pipeline.md")
    ap.add_argument("--no-speed", action="store_true")
    ap.add_argument("--kb-entities", action="store_true", help="add the knowledge-base entity ruler after the NER")
    args = ap.parse_args(argv)

    import spacy
    nlp = spacy.load(args.model)
    if args.kb_entities:
        add_kb(nlp)
    res = {}
    for name in ("ewt-test", "ewt-test-raw", "ewt-test-sent", "pud-test", "wikigold"):
        egs = load_examples(nlp, CORPUS / f"{name.replace('-raw', '').replace('-sent', '')}.spacy",
                            raw=name.endswith("-raw"), per_sentence=name.endswith("-sent"))
        sc = nlp.evaluate(egs, batch_size=256)
        res[name] = sc
        print(name, json.dumps({k: v for k, v in sc.items() if isinstance(v, float)}, indent=None))

    sp = {}
    if not args.no_speed:
        for label, th in (("1 thread", 1), ("default threads", None)):
            n, dt = speed(args.model, th, args.kb_entities)
            sp[label] = (n, dt, n / dt)
            print("speed", label, n, f"{dt:.2f}s", f"{n / dt:.0f} words/s")

    e = res["ewt-test"]
    er = res["ewt-test-raw"]
    es = res["ewt-test-sent"]
    meta = nlp.meta
    size = sum(f.stat().st_size for f in Path(args.model).rglob("*") if f.is_file())
    L = []
    L.append("# en_dossier pipeline benchmark")
    L.append("")
    L.append(f"- date: {datetime.datetime.now().strftime('%Y-%m-%d %H:%M')}")
    L.append(f"- model: `{meta.get('name')}` {meta.get('version')} ({args.model.relative_to(ROOT) if args.model.is_absolute() and ROOT in args.model.parents else args.model}), "
             f"{size / 1e6:.1f} MB on disk, spaCy {spacy.__version__}")
    L.append(f"- pipeline: {', '.join(nlp.pipe_names)}")
    L.append(f"- machine: {platform.platform()}, {platform.processor() or platform.machine()}, "
             f"{os.cpu_count()} CPU cores (shared), Python {platform.python_version()}")
    L.append("- scoring: test splits only, `nlp.evaluate`, gold tokenisation unless noted (the "
             "raw-text column runs spaCy's tokenizer and aligns, as `spacy evaluate` does); "
             "sentence boundaries predicted by the parser inside 10-sentence documents")
    L.append("")
    L.append("## Syntax, UD English EWT test (25,094 words)")
    L.append("")
    L.append("| metric | gold tokens, predicted sentences | raw text (spaCy tokenizer, aligned) "
             "| gold tokens + gold sentences |")
    L.append("|---|---:|---:|---:|")
    for key, name in (("pos_acc", "UPOS acc (morphologizer)"), ("tag_acc", "XPOS acc (tagger)"),
                      ("morph_acc", "FEATS acc"), ("lemma_acc", "lemma acc"),
                      ("dep_uas", "UAS"), ("dep_las", "LAS"),
                      ("sents_p", "sentence P"), ("sents_r", "sentence R"), ("sents_f", "sentence F")):
        fmt = lambda v: "n/a" if v is None else f"{v:.4f}"
        gs = "" if key.startswith("sents") else fmt(es.get(key))
        L.append(f"| {name} | {fmt(e.get(key))} | {fmt(er.get(key))} | {gs} |")
    L.append(f"| token F | 1.0000 | {er['token_f']:.4f} | 1.0000 |")
    L.append("")
    L.append("## NER (PER / ORG / LOC)")
    L.append("")
    L += prf_table(e, "UNER EWT test")
    L.append("")
    L += prf_table(er, "UNER EWT test, raw text (spaCy tokenizer)")
    L.append("")
    L += prf_table(res["pud-test"], "UNER English PUD test (news/wiki, out of domain)")
    L.append("")
    L += prf_table(res["wikigold"], "wikigold (Wikipedia, MISC ignored)")
    L.append("")
    if sp:
        L.append("## Speed (full pipeline, nlp.pipe, batch_size=256, EWT test raw text, best of 2)")
        L.append("")
        L.append("| threads | words | seconds | words/s |")
        L.append("|---|---:|---:|---:|")
        for label, (n, dt, wps) in sp.items():
            L.append(f"| {label} | {n} | {dt:.2f} | {wps:,.0f} |")
        L.append("")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(L))
    print("wrote", args.out)


if __name__ == "__main__":
    main()
