#!/usr/bin/env python
"""Build a learned event-trigger lexicon (lemma, pos -> CAMEO code) from annotated event data.

  OMP_NUM_THREADS=1 python training/events_lexicon.py [--min-count 3] [--min-share 0.8] [--out FILE]

An experiment for issue 4, NOT used by the product: used as a fallback of the events coder (a verb
or noun without a hand-written pattern coded from this lexicon, rule "learned:<lemma>") it changed
no PLOVER or PETR-2 figure (dev or check half) and lowered MUC-4 perpetrator/target precision
slightly (see README, "Measured"). Kept so the experiment can be repeated, e.g. when a larger
annotated set (RAMS train) is available. Output goes to training/output/ (git-ignored).

Reads annotated event triggers from ../shared/benchmarks/ (RAMS 1.0 dev+test, AIDA types;
WikiEvents dev+test, KAIROS types), parses the sentence of each trigger with the shipped spaCy
pipeline (dossier.nlp.load) and takes the trigger's head token: its lemma and whether it is a verb
or a noun (the way the coder sees it). Types become CAMEO codes through the hand-written table
training/events_ontology_map.yaml (non-political types map to null and only count against
a lemma's share).

Per (lemma, pos, particle): n = annotated triggers with that lemma and pos; per PLOVER type (CAMEO root when
the code has none): count and share = count / n; the code written is the type's most frequent CAMEO
code. Kept: count >= --min-count and share >= --min-share. Only counts are written: no text of the
corpora goes into the repository.
"""
from __future__ import annotations

import argparse
import collections
import datetime
import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "benchmarks"
sys.path.insert(0, str(ROOT / "src"))

from dossier import nlp as dnlp  # noqa: E402
from dossier.events import codebook, deps  # noqa: E402
from dossier.events.patterns import read_yaml  # noqa: E402


def _code_for(typ: str, table: dict[str, str | None]) -> tuple[bool, str | None]:
    """(known, code) of an annotated type: the longest matching prefix of the table."""
    parts = typ.lower().split(".")
    for n in range(len(parts), 0, -1):
        key = ".".join(parts[:n])
        if key in table:
            return True, table[key]
    return False, None


def rams_items() -> list[tuple[list[str], int, int, str]]:
    """(sentence tokens, trigger start, trigger end (inclusive), type) per RAMS trigger."""
    out = []
    for split in ("dev", "test"):
        path = SHARED / "rams_1.0" / f"{split}.jsonlines"
        for line in open(path, encoding="utf-8"):
            d = json.loads(line)
            offs, flat = [], 0
            for s in d["sentences"]:
                offs.append(flat)
                flat += len(s)
            for start, end, types in d["evt_triggers"]:
                si = max(i for i, o in enumerate(offs) if o <= start)
                sent = d["sentences"][si]
                out.append((sent, start - offs[si], end - offs[si], types[0][0]))
    return out


def wikievents_items() -> list[tuple[list[str], int, int, str]]:
    out = []
    for split in ("dev", "test"):
        path = SHARED / "wikievents" / f"{split}.jsonl"
        for line in open(path, encoding="utf-8"):
            d = json.loads(line)
            starts = []
            flat = 0
            for toks, _text in d["sentences"]:
                starts.append(flat)
                flat += len(toks)
            for m in d["event_mentions"]:
                t = m["trigger"]
                si = t["sent_idx"]
                sent = [w for w, _s, _e in d["sentences"][si][0]]
                out.append((sent, t["start"] - starts[si], t["end"] - 1 - starts[si], m["event_type"]))
    return out


def head_token(doc, tokens: list[str], start: int, end: int):
    """The parsed token heading the trigger span (tokens joined by single spaces)."""
    if not (0 <= start <= end < len(tokens)):
        return None
    cstart = sum(len(w) + 1 for w in tokens[:start])
    cend = cstart + len(" ".join(tokens[start:end + 1]))
    span = doc.char_span(cstart, cend, alignment_mode="expand")
    if span is None or not len(span):
        return None
    return span.root


def particle(tok) -> str:
    """The verb particle of a phrasal trigger ("went off", "blew up"), or ""."""
    for c in tok.children:
        if c.dep_.lower() in deps.PRT and c.i == tok.i + 1:
            return c.lower_
    return ""


def canonical(n: dict, lemma: str, pos: str, prt: str) -> str:
    """Undo a lemmatizer slip ("detonat", "conferr") by merging a lemma into a spelling variant
    (+e, -e, undoubled final consonant) seen more often as a trigger; else the lemma itself."""
    cands = [lemma + "e"]
    if len(lemma) > 3 and lemma[-1] == lemma[-2]:
        cands.append(lemma[:-1])
    if lemma.endswith("e"):
        cands.append(lemma[:-1])
    best = max(cands, key=lambda c: n.get((c, pos, prt), 0))
    return best if n.get((best, pos, prt), 0) > n[(lemma, pos, prt)] else lemma


def pos_of(tok) -> str | None:
    if deps.is_verbal(tok) and tok.pos_ != "AUX":
        return "verb"
    if tok.pos_ == "NOUN" or tok.tag_ in ("NN", "NNS"):
        return "noun"
    return None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-count", type=int, default=3)
    ap.add_argument("--min-share", type=float, default=0.8)
    ap.add_argument("--out", default=str(ROOT / "training" / "output" / "learned_triggers.yaml"))
    args = ap.parse_args()

    table = read_yaml(ROOT / "training" / "events_ontology_map.yaml")
    exclude = frozenset(table.get("exclude") or ())
    items = [("aida", *x) for x in rams_items()] + [("kairos", *x) for x in wikievents_items()]
    nlp = dnlp.load()
    unknown = collections.Counter()
    n = collections.Counter()
    per = collections.defaultdict(collections.Counter)  # (lemma, pos) -> Counter(group)
    codes = collections.defaultdict(collections.Counter)  # (lemma, pos, group) -> Counter(code)
    sources = collections.Counter()
    texts = (" ".join(toks) for _o, toks, _s, _e, _t in items)
    skipped = 0
    for (onto, toks, start, end, typ), doc in zip(items, nlp.pipe(texts, batch_size=64)):
        tok = head_token(doc, toks, start, end)
        pos = pos_of(tok) if tok is not None else None
        if pos is None:
            skipped += 1
            continue
        known, code = _code_for(typ, table[onto])
        if not known:
            unknown[f"{onto}:{typ}"] += 1
        lemma = deps.lemma(tok)
        prt = particle(tok) if pos == "verb" else ""
        if (lemma in exclude or tok.lower_ in exclude) and not prt:
            continue  # a light verb counts only with its particle ("go off")
        key = (lemma, pos, prt)
        n[key] += 1
        sources[onto] += 1
        if code is None:
            continue
        group = codebook.info(code).get("plover") or f"root {code[:2]}"
        per[key][group] += 1
        codes[key + (group,)][code] += 1
    if unknown:
        print("types missing from events_ontology_map.yaml:", dict(unknown), file=sys.stderr)

    # merge lemmatizer slips into the corrected lemma
    for key in sorted(n, key=lambda k: (n[k], k)):
        canon = (canonical(n, *key), *key[1:])
        if canon != key:
            n[canon] += n.pop(key)
            per[canon].update(per.pop(key, {}))
            for g in list(codes):
                if g[:3] == key:
                    codes[canon + g[3:]].update(codes.pop(g))

    rows = []
    for key, groups in per.items():
        if not groups:
            continue
        group, count = groups.most_common(1)[0]
        share = count / n[key]
        if count < args.min_count or share < args.min_share:
            continue
        code = codes[key + (group,)].most_common(1)[0][0]
        rows.append((key[0], key[1], key[2], code, count, n[key], share))
    rows.sort(key=lambda r: (r[1], r[0], r[2]))

    today = datetime.date.today().isoformat()
    head = f"""# Learned event-trigger lexicon (lemma, part of speech -> CAMEO code); meant as a fallback for
# verbs and nouns without a hand-written pattern (verbs.yaml, nouns.yaml).
# Generated by training/events_lexicon.py on {today} (do not edit by hand; rebuild with
#   OMP_NUM_THREADS=1 python training/events_lexicon.py --min-count {args.min_count} --min-share {args.min_share}).
# Derived statistics only (lemma, part of speech, counts): no text of the sources is included.
# Sources (annotated event triggers, parsed with the shipped en_dossier pipeline):
#   RAMS 1.0 dev+test (Ebner et al., ACL 2020; AIDA ontology types; news text); licence CC BY-SA 4.0
#     per the official JHU release, as ../shared's README states it, unverified ({sources['aida']} triggers used);
#   WikiEvents dev+test (Li, Ji & Han, NAACL 2021; KAIROS types); repository licence MIT, no separate
#     data licence stated ({sources['kairos']} triggers used).
#   As a derivative of RAMS this file is distributed under CC BY-SA 4.0.
# Types -> CAMEO through the hand-written table events_ontology_map.yaml.
# Fields: prt (a verb's particle that must follow it: "blow up"), code (CAMEO), count (triggers
# of this lemma/pos annotated with a type of this code's PLOVER type), n (triggers of this
# lemma/pos annotated with any type), share = count / n ("when annotated": RAMS marks one event
# per passage, so unannotated uses of a word are not counted; this is not a precision).
# Kept: count >= {args.min_count}, share >= {args.min_share}.
"""
    lines = [head.rstrip("\n")]
    for lemma, pos, prt, code, count, total, share in rows:
        lines.append(f'- {{lemma: "{lemma}", pos: {pos}, ' + (f'prt: {prt}, ' if prt else '')
                     + f'code: "{code}", count: {count}, n: {total}, share: {share:.2f}}}')
    Path(args.out).parent.mkdir(parents=True, exist_ok=True)
    Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(items)} triggers ({skipped} not a verb or noun); {len(rows)} lexicon entries -> {args.out}")


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    main()
