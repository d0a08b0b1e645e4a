#!/usr/bin/env python
"""Convert the shared corpora (read-only, ../shared/training) into spaCy DocBin files.

Nothing from the corpora is copied into the repository: this script reads them at
training time and writes binary DocBins to training/corpus/ (gitignored).

Outputs (training/corpus/):
  train.spacy     UD EWT train + UD GUM train (redistributable genres only) with
                  UNER EWT NER merged into EWT (draft train file, cleaned) and a
                  PER/ORG/LOC layer derived from GUM's entity annotation
                  (see gum_ner()); all tokens without a trustworthy NER label are
                  marked *missing*, never "O".
  dev.spacy       UD EWT dev (+ UNER EWT dev) + UD GUM dev (allowed genres, NER missing
                  so that the dev NER score is a pure UNER-EWT score)
  ewt-test.spacy  UD EWT test + UNER EWT test (report only)
  pud-test.spacy  UNER English PUD test (NER only; report only)
  wikigold.spacy  wikigold (IOB1 -> spans, MISC -> O; report only)

Usage: python training/convert.py [--shared ../shared/training] [--out training/corpus]
       [--n-sents 10] [--no-gum-ner]
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin

HERE = Path(__file__).resolve().parent
DEFAULT_SHARED = HERE.parent.parent / "shared" / "training"

# GUM genres whose texts are NOT licensed for (commercial) redistribution
# (CC BY-NC-SA): leave them out entirely.
GUM_EXCLUDED_GENRES = {"essay", "fiction", "letter", "podcast", "whow"}
NER_LABELS = {"PER", "ORG", "LOC"}
GUM_ETYPE2LABEL = {"person": "PER", "organization": "ORG", "place": "LOC"}


# --------------------------------------------------------------------------- CoNLL-U
class Sent:
    __slots__ = ("sent_id", "doc_id", "text", "words", "spaces", "lemmas", "upos",
                 "xpos", "feats", "heads", "deps", "misc", "ner")

    def __init__(self):
        self.sent_id = self.doc_id = self.text = None
        self.words, self.spaces, self.lemmas, self.upos, self.xpos = [], [], [], [], []
        self.feats, self.heads, self.deps, self.misc = [], [], [], []
        self.ner = None  # list of IOB2 strings / None (missing) per token, or None


def read_conllu(path: Path):
    """Yield Sent objects. Multiword-token ranges and empty nodes are skipped; the
    syntactic words become spaCy tokens (as `spacy convert` does). SpaceAfter=No is
    taken from the word or from its enclosing multiword range."""
    doc_id = None
    sent = Sent()
    mwt_end, mwt_nospace = -1, False
    with open(path, encoding="utf8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                if sent.words:
                    sent.doc_id = doc_id
                    yield sent
                sent = Sent()
                mwt_end, mwt_nospace = -1, False
                continue
            if line.startswith("#"):
                m = re.match(r"# newdoc id = (\S+)", line)
                if m:
                    doc_id = m.group(1)
                m = re.match(r"# sent_id = (\S+)", line)
                if m:
                    sent.sent_id = m.group(1)
                if line.startswith("# text = "):
                    sent.text = line[len("# text = "):]
                continue
            cols = line.split("\t")
            tid = cols[0]
            if "." in tid:
                continue
            if "-" in tid:
                _, end = tid.split("-")
                mwt_end = int(end)
                mwt_nospace = "SpaceAfter=No" in cols[9]
                continue
            i = int(tid)
            sent.words.append(cols[1])
            sent.lemmas.append(cols[2])
            sent.upos.append(cols[3])
            sent.xpos.append(cols[4])
            sent.feats.append("" if cols[5] == "_" else cols[5])
            sent.heads.append(int(cols[6]))
            sent.deps.append(cols[7])
            sent.misc.append(cols[9])
            if i < mwt_end:
                space = False  # inside a multiword token: no space between parts
            elif i == mwt_end:
                space = not mwt_nospace
            else:
                space = "SpaceAfter=No" not in cols[9]
            sent.spaces.append(space)
    if sent.words:
        sent.doc_id = doc_id
        yield sent


def gum_genre(sent: Sent) -> str:
    doc_id = sent.doc_id or sent.sent_id
    return doc_id.split("_")[1]


# --------------------------------------------------------------------------- IOB
def read_iob2(path: Path):
    """UNER .iob2: comments + 'ID FORM TAG [misc annot]'. Returns {sent_id: (words, tags, text)}.
    Draft clean-up: OTH -> O, stray B-O/I-O -> O, 2-column lines accepted."""
    out = {}
    order = []
    sid, text, words, tags = None, None, [], []
    with open(path, encoding="utf8") as f:
        for line in list(f) + [""]:
            line = line.rstrip("\n")
            if not line.strip():
                if words:
                    key = sid or f"_sent{len(order)}"
                    out[key] = (words, clean_iob2(tags), text)
                    order.append(key)
                sid, text, words, tags = None, None, [], []
                continue
            if line.startswith("#"):
                m = re.match(r"# sent_id = (\S+)", line)
                if m:
                    sid = m.group(1)
                if line.startswith("# text = "):
                    text = line[len("# text = "):]
                continue
            cols = line.split("\t")
            words.append(cols[1])
            tags.append(cols[2] if len(cols) > 2 else "O")
    return out, order


def clean_iob2(tags):
    out = []
    for t in tags:
        if t in ("O", "B-O", "I-O", "") or t[2:] not in NER_LABELS:
            out.append("O")
        else:
            out.append(t)
    # repair I- without a preceding entity of the same type
    for i, t in enumerate(out):
        if t.startswith("I-") and (i == 0 or out[i - 1] == "O" or out[i - 1][2:] != t[2:]):
            out[i] = "B-" + t[2:]
    return out


def read_conll_iob1(path: Path):
    """wikigold: 'token label' lines, -DOCSTART- separators, IOB1. MISC -> O."""
    sents, words, tags = [], [], []
    with open(path, encoding="utf8") as f:
        for line in list(f) + [""]:
            line = line.strip()
            if not line:
                if words:
                    sents.append((words, tags))
                words, tags = [], []
                continue
            tok, tag = line.rsplit(" ", 1)
            if tok == "-DOCSTART-":
                continue
            words.append(tok)
            tags.append(tag)
    out = []
    for words, tags in sents:
        iob2, prev = [], "O"
        for t in tags:
            if t == "O" or t.endswith("MISC"):
                iob2.append("O")
                prev = "O"
                continue
            pre, lab = t.split("-", 1)
            if pre == "B" or prev != lab:
                iob2.append("B-" + lab)
            else:
                iob2.append("I-" + lab)
            prev = lab
        out.append((words, iob2))
    return out


def spaces_from_text(words, text):
    """Recover SpaceAfter flags by aligning tokens to the raw sentence text."""
    spaces, pos = [], 0
    if not text:
        return [True] * len(words)
    for w in words:
        j = text.find(w, pos)
        if j < 0:
            spaces.append(True)
            continue
        pos = j + len(w)
        spaces.append(pos < len(text) and text[pos] == " ")
    return spaces


# --------------------------------------------------------------------------- GUM NER
def parse_gum_entities(sent: Sent):
    """Return list of (start, end_exclusive, etype, identity) mentions of a sentence,
    from MISC Entity=... (CorefUD bracket notation; fields eid-etype-infstat-salience-
    centering-minspan-link[-identity]). Mentions crossing sentence boundaries are dropped."""
    stack = {}
    mentions = []
    for i, misc in enumerate(sent.misc):
        ent = None
        for part in misc.split("|"):
            if part.startswith("Entity="):
                ent = part[len("Entity="):]
        if not ent:
            continue
        pos = 0
        while pos < len(ent):
            if ent[pos] == "(":
                # opening bracket: up to next '(' or ')' that closes this one
                j = pos + 1
                while j < len(ent) and ent[j] not in "()":
                    j += 1
                body = ent[pos + 1:j]
                fields = body.split("-", 7)
                eid = fields[0]
                etype = fields[1] if len(fields) > 1 else ""
                identity = fields[7] if len(fields) > 7 else ""
                if j < len(ent) and ent[j] == ")":
                    mentions.append((i, i + 1, etype, identity))
                    j += 1
                else:
                    stack.setdefault(eid, []).append((i, etype, identity))
                pos = j
            else:
                j = pos
                while j < len(ent) and ent[j] not in "()":
                    j += 1
                eid = ent[pos:j]
                if j < len(ent) and ent[j] == ")":
                    if stack.get(eid):
                        s, etype, identity = stack[eid].pop()
                        mentions.append((s, i + 1, etype, identity))
                    j += 1
                pos = j
    return mentions


# UNER does not include titles/honorifics in PER spans ("Dr. [Vincent Kaminski]")
TITLES = {"mr", "mrs", "ms", "miss", "dr", "prof", "professor", "sir", "dame", "lord",
          "lady", "president", "senator", "sen", "rep", "governor", "gov", "king", "queen",
          "prince", "princess", "saint", "st", "pope", "bishop", "rev", "reverend", "father",
          "captain", "capt", "general", "gen", "colonel", "col", "lieutenant", "sergeant",
          "judge", "justice", "chair", "chairman", "chairwoman", "minister", "mayor",
          "fellow", "member", "uncle", "aunt", "emperor", "empress", "chief", "officer",
          "commissioner", "secretary", "vice", "prime", "coach", "mister", "madam",
          "former", "late", "then", "new"}
NAME_LINKS = {"of", "de", "del", "du", "la", "le", "von", "van", "for", "on", "and", "&"}


def _name_span(sent, s, e, h, label):
    """Proper-name core of mention [s, e) around its PROPN head h, or None."""
    def is_name(k):
        if sent.upos[k] == "PROPN":
            return True
        if sent.words[k] in ("-", ".") and s < k < e - 1 and sent.upos[k + 1] == "PROPN":
            return True
        # capitalised adjective/noun inside the name: "the United Nations", "Royal Society"
        return (sent.upos[k] in ("ADJ", "NOUN", "VERB", "NUM") and sent.words[k][:1].isupper()
                and k > 0)
    a = h
    while a - 1 >= s and is_name(a - 1):
        a -= 1
    b = h + 1
    while b < e and is_name(b):
        b += 1
    # "University of Portsmouth", "Gulf of Mexico", "Bank of America": extend ORG/LOC names
    # over a linking word (+ optional "the") followed by more proper nouns in the mention
    while label != "PER" and b < e and sent.words[b].lower() in NAME_LINKS:
        c = b + 1
        if c < e and sent.words[c].lower() == "the":
            c += 1
        if c < e and sent.upos[c] == "PROPN":
            b = c
            while b < e and is_name(b):
                b += 1
        else:
            break
    if label == "PER":
        while a < b and sent.words[a].lower().rstrip(".") in TITLES:
            a += 1
    while a < b and not sent.words[a][:1].isalnum():
        a += 1
    while b > a and not sent.words[b - 1][:1].isalnum():
        b -= 1
    if a >= b or b - a > 8:
        return None
    return a, b


def gum_ner(sent: Sent):
    """Derive a PER/ORG/LOC layer in UNER style from GUM entity mentions.
    Positive: person/organization/place mentions whose syntactic head is a PROPN,
    trimmed to the proper-name core around the head (determiners, titles, possessive
    and modifiers removed; see _name_span). O: every token that is not a PROPN and not
    inside an unresolvable mention. Missing (None): PROPN tokens not covered by a
    derived entity, and all tokens of PROPN-headed person/org/place mentions whose
    name core could not be determined."""
    n = len(sent.words)
    tags = ["O"] * n
    missing = [False] * n
    cands = []
    for s, e, etype, ident in parse_gum_entities(sent):
        if etype not in GUM_ETYPE2LABEL:
            continue
        # syntactic head(s) of the mention: tokens whose head is outside it
        heads = [k for k in range(s, e) if not (s < sent.heads[k] <= e)]
        if len(heads) != 1 or sent.upos[heads[0]] != "PROPN":
            continue
        label = GUM_ETYPE2LABEL[etype]
        cands.append((s, e, _name_span(sent, s, e, heads[0], label), label))
    # outermost mentions first; a nested mention may still contribute a name that does
    # not overlap the outer one ("Fellow of [the Royal Society]")
    cands.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    for s, e, span, label in cands:
        if span is None:
            for k in range(s, e):
                missing[k] = True
            continue
        a, b = span
        if any(tags[k] != "O" for k in range(a, b)):
            continue
        for k in range(a, b):
            tags[k] = ("B-" if k == a else "I-") + label
    out = []
    for k in range(n):
        if tags[k] != "O":
            out.append(tags[k])
        elif missing[k] or sent.upos[k] == "PROPN":
            out.append(None)
        else:
            out.append("O")
    return out


# --------------------------------------------------------------------------- Docs
def sents_to_docs(vocab, sents, n_sents):
    docs, buf, cur_doc = [], [], object()
    for s in sents:
        if buf and (len(buf) >= n_sents or s.doc_id != cur_doc):
            docs.append(make_doc(vocab, buf))
            buf = []
        cur_doc = s.doc_id
        buf.append(s)
    if buf:
        docs.append(make_doc(vocab, buf))
    return docs


def make_doc(vocab, sents):
    words, spaces, lemmas, tags, pos, morphs, heads, deps, starts, ents = ([] for _ in range(10))
    has_parse = all(s.heads for s in sents)
    for s in sents:
        off = len(words)
        for k in range(len(s.words)):
            words.append(s.words[k])
            spaces.append(s.spaces[k])
            if s.lemmas:
                lemmas.append(s.lemmas[k])
                tags.append(s.xpos[k])
                pos.append(s.upos[k])
                morphs.append(s.feats[k])
                h = s.heads[k]
                heads.append(off + h - 1 if h > 0 else off + k)
                deps.append(s.deps[k])
            starts.append(k == 0)
            ents.append(s.ner[k] if s.ner is not None else None)
    kw = {}
    if lemmas:
        kw = dict(lemmas=lemmas, tags=tags, pos=pos, morphs=morphs, heads=heads, deps=deps)
    else:
        kw = dict(sent_starts=starts)
    return Doc(vocab, words=words, spaces=spaces, ents=ents, **kw)


def merge_uner(sents, uner, stats, name):
    for s in sents:
        u = uner.get(s.sent_id)
        if u is not None and u[0] == s.words:
            s.ner = u[1]
            stats[name + " NER merged"] += 1
        else:
            stats[name + " NER missing"] += 1
    return sents


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=DEFAULT_SHARED)
    ap.add_argument("--out", type=Path, default=HERE / "corpus")
    ap.add_argument("--n-sents", type=int, default=10)
    ap.add_argument("--no-gum-ner", action="store_true",
                    help="mark all GUM NER as missing instead of deriving PER/ORG/LOC")
    args = ap.parse_args(argv)
    sh = args.shared
    args.out.mkdir(parents=True, exist_ok=True)
    nlp = spacy.blank("en")
    stats = Counter()

    ewt = sh / "UD_English-EWT"
    gum = sh / "UD_English-GUM"
    uner = sh / "UNER_English-EWT"
    uner_files = {
        "train": uner / "draft-0c7ce0d" / "en_ewt-ud-train.iob2",
        "dev": uner / "en_ewt-ud-dev.iob2",
        "test": uner / "en_ewt-ud-test.iob2",
    }

    for split in ("train", "dev", "test"):
        u, _ = read_iob2(uner_files[split])
        e_sents = merge_uner(list(read_conllu(ewt / f"en_ewt-ud-{split}.conllu")), u, stats,
                             f"ewt-{split}")
        docs = sents_to_docs(nlp.vocab, e_sents, args.n_sents)
        stats[f"ewt-{split} sents"] = len(e_sents)
        if split == "test":
            DocBin(store_user_data=False, docs=docs).to_disk(args.out / "ewt-test.spacy")
            continue
        g_sents = []
        for s in read_conllu(gum / f"en_gum-ud-{split}.conllu"):
            if gum_genre(s) in GUM_EXCLUDED_GENRES:
                stats[f"gum-{split} sents excluded (NC genre)"] += 1
                continue
            if split == "train" and not args.no_gum_ner:
                s.ner = gum_ner(s)
                for t in s.ner:
                    if t and t.startswith("B-"):
                        stats[f"gum-{split} derived {t[2:]}"] += 1
            g_sents.append(s)
        stats[f"gum-{split} sents"] = len(g_sents)
        docs += sents_to_docs(nlp.vocab, g_sents, args.n_sents)
        DocBin(store_user_data=False, docs=docs).to_disk(args.out / f"{split}.spacy")
        stats[f"{split} docs"] = len(docs)
        stats[f"{split} tokens"] = sum(len(d) for d in docs)

    # NER-only evaluation sets
    pud, order = read_iob2(sh / "UNER_English-PUD" / "en_pud-ud-test.iob2")
    docs = []
    for key in order:
        words, tags, text = pud[key]
        docs.append(Doc(nlp.vocab, words=words, spaces=spaces_from_text(words, text),
                        ents=tags, sent_starts=[i == 0 for i in range(len(words))]))
    DocBin(docs=docs).to_disk(args.out / "pud-test.spacy")
    stats["pud sents"] = len(docs)
    docs = []
    for words, tags in read_conll_iob1(sh / "wikigold" / "wikigold.conll.txt"):
        docs.append(Doc(nlp.vocab, words=words, ents=tags,
                        sent_starts=[i == 0 for i in range(len(words))]))
    DocBin(docs=docs).to_disk(args.out / "wikigold.spacy")
    stats["wikigold sents"] = len(docs)

    for k in sorted(stats):
        print(f"{k:40s} {stats[k]}")


if __name__ == "__main__":
    sys.exit(main())
