"""PolNeAR articles -> feature docs with gold SOURCE/CUE/CONTENT entities (spaCy DocBin).

Reads ``../shared/benchmarks/polnear/data/{train,dev}/`` (text + BRAT attributions, the first
annotator's file per article), parses each article with the shipped pipeline, runs the quote rules,
builds the tagger's feature doc (:func:`dossier.quotes.tagger.feature_doc`) and sets the gold spans
as its entities. Writes ``training/output/quotes/<split>.spacy`` (gitignored; nothing from the
corpus is kept in the repository).

Usage: OMP_NUM_THREADS=1 python training/quotes/build.py [--splits train dev] [--limit N] [--extra-annotators]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from spacy.tokens import DocBin, Span  # noqa: E402

from dossier import nlp as dnlp  # noqa: E402
from dossier.quotes import rules, tagger  # noqa: E402
from dossier.quotes.lexicon import load as load_lexicon  # noqa: E402
from quotes_bench import read_ann  # noqa: E402  (the BRAT reader the benchmark scores with)

POLNEAR = ROOT.parent / "shared" / "benchmarks" / "polnear" / "data"
OUT = ROOT / "training" / "output" / "quotes"
_ATTRS = ["ORTH", "SPACY", "TAG", "DEP", "LEMMA", "MORPH", "SENT_START", "ENT_IOB", "ENT_TYPE"]


def gold_spans(sdoc, rels) -> list[tuple[int, int, str]]:
    """Non-overlapping token spans (start, end, label); whitespace tokens split and trim them."""
    owner = [None] * len(sdoc)
    out = []
    for ri, rel in enumerate(rels):
        for comp, label in (("source", "SOURCE"), ("cue", "CUE"), ("content", "CONTENT")):
            for pi, (a, b) in enumerate(rel.get(comp, [])):
                sp = sdoc.char_span(a, b, alignment_mode="expand")
                if sp is None:
                    continue
                run = []
                for t in list(sp) + [None]:
                    if t is None or t.is_space or owner[t.i] is not None:
                        if run:
                            out.append((run[0], run[-1] + 1, label))
                            for k in run:
                                owner[k] = (ri, comp, pi)
                        run = []
                        continue
                    run.append(t.i)
    return sorted(out)


def build(split: str, limit: int | None, nlp, lex, extra: bool = False) -> DocBin:
    """One doc per article from its first annotator's file; with ``extra``, one doc per *other*
    annotator's file instead (the same article read by a second annotator: more, noisier labels)."""
    base = POLNEAR / split
    texts = sorted((base / "text").glob("*.txt"))[:limit]
    items = []
    for tpath in texts:
        anns = sorted((base / "attributions").glob(tpath.stem + "_*.ann"))
        for ann in (anns[1:] if extra else anns[:1]):
            items.append((tpath.read_text(encoding="utf-8"), read_ann(ann)))
    db = DocBin(attrs=_ATTRS, store_user_data=False)
    t0 = time.time()
    nspans = 0
    for (text, rels), sdoc in zip(items, nlp.pipe((t for t, _ in items), batch_size=16)):
        found = rules.find(sdoc, lex)
        fdoc = tagger.feature_doc(sdoc, found, lex)
        spans = gold_spans(sdoc, rels)
        fdoc.ents = [Span(fdoc, a, b, label=lab) for a, b, lab in spans]
        nspans += len(spans)
        db.add(fdoc)
    print(f"{split}{' (other annotators)' if extra else ''}: {len(items)} articles, {nspans} gold spans, {time.time() - t0:.0f} s")
    return db


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--splits", nargs="+", default=["train", "dev"])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--extra-annotators", action="store_true",
                    help="write <split>_extra.spacy from the second and later annotators' files")
    args = ap.parse_args(argv)
    if not POLNEAR.exists():
        print("PolNeAR not found at", POLNEAR)
        return 1
    nlp = dnlp.load(None)
    lex = load_lexicon()
    OUT.mkdir(parents=True, exist_ok=True)
    for split in args.splits:
        name = f"{split}_extra.spacy" if args.extra_annotators else f"{split}.spacy"
        build(split, args.limit, nlp, lex, args.extra_annotators).to_disk(OUT / name)
    return 0


if __name__ == "__main__":
    sys.exit(main())
