#!/usr/bin/env python
"""Replace the NER of one checkpoint by the NER (with its own tok2vec) of another.

  python training/combine_ner.py SYNTAX_MODEL NER_MODEL OUT [--dev training/corpus/dev.spacy]

Used to compare/assemble "stage-2 syntax + stage-1 NER (own ner_tok2vec)" against the
stage-2 NER on the shared tok2vec; prints dev NER scores of both so the choice is made on
dev, never on test.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import spacy
from spacy.tokens import DocBin
from spacy.training import Example


def dev_ner(nlp, path):
    egs = [Example(nlp.make_doc(d.text), d) for d in DocBin().from_disk(path).get_docs(nlp.vocab)]
    with nlp.select_pipes(enable=[p for p in nlp.pipe_names if "ner" in p or p == "tok2vec"]):
        sc = nlp.evaluate(egs)
    return sc["ents_f"], sc["ents_p"], sc["ents_r"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("syntax", type=Path)
    ap.add_argument("ner", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--dev", type=Path, default=Path("training/corpus/dev.spacy"))
    args = ap.parse_args()
    nlp = spacy.load(args.syntax)
    print("syntax model NER on dev  F/P/R", dev_ner(nlp, args.dev))
    src = spacy.load(args.ner)
    for name in ("ner", "ner_tok2vec"):  # a model with its own NER tok2vec gives both up
        if name in nlp.pipe_names:
            nlp.remove_pipe(name)
    nlp.add_pipe("ner_tok2vec", source=src)
    nlp.add_pipe("ner", source=src)
    print("combined NER on dev       F/P/R", dev_ner(nlp, args.dev))
    nlp.to_disk(args.out)
    print("wrote", args.out, nlp.pipe_names)


if __name__ == "__main__":
    main()
