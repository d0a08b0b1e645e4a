"""An optional trained attribution tagger that adds what the rules miss.

The rules in :mod:`dossier.quotes.rules` are precise but keep to a closed list of cues. A small
spaCy pipeline (``tok2vec`` + ``ner`` with the labels ``SOURCE``, ``CUE`` and ``CONTENT``), trained by
``training/quotes/`` on an attribution corpus (PolNeAR), marks source, cue and content spans; its
cue spans that no rule found become extra :class:`~dossier.quotes.rules.Found` records, so speakers
are resolved exactly as for rule records.

The tagger does not read raw text: it reads a *feature doc* built from the parsed spaCy Doc, one
token per token, carrying
- the words (hashed NORM/PREFIX/SUFFIX/SHAPE features),
- the parser's fine tag (TAG) and dependency label (DEP),
- in MORPH, a feature bundle: what the rules said of the token (``Rule=Bcue`` ...) and whether it
  stands inside quotation marks (``Inq=Yes``),
- in LEMMA, the nearest cue-verb ancestor in the parse and the label of the path's first step
  (``say>ccomp`` for a word of a clause that "said" governs, ``say>nsubj`` for its subject).
Sentence starts are left unset, so a quotation may run across sentences.

No model is shipped (the corpus it is trained on carries no licence for redistribution): give a
trained one with ``Options(quote_model=PATH)``, ``--quote-model PATH`` or ``DOSSIER_QUOTE_MODEL``.
"""
from __future__ import annotations

import functools
from pathlib import Path

import numpy

from .lexicon import Lexicon
from .rules import Found, _Ctx

LABELS = ("SOURCE", "CUE", "CONTENT")
_RULE_TAG = {"source": "src", "cue": "cue", "content": "con"}
_MAX_UP = 8


def rule_labels(n: int, found: list[Found]) -> list[str]:
    """Per token, the rules' label: "O", or B/I + src/cue/con."""
    out = ["O"] * n

    def mark(r, tag):
        a, b = r
        for k in range(a, b):
            if out[k] == "O":
                out[k] = ("B" if k == a else "I") + tag

    for f in found:
        if f.speaker:
            mark(f.speaker, "src")
        mark(f.cue, "cue")
        for c in f.content:
            mark(c, "con")
    return out


def cue_paths(sdoc, lex: Lexicon) -> list[str]:
    """Per token, "<cue lemma>><dep>" for the nearest ancestor that is a cue verb (within 8 steps),
    "self" for a cue verb itself, "-" otherwise."""
    if not sdoc.has_annotation("DEP"):
        return ["-"] * len(sdoc)
    verb = lex.verb
    cue_at = [None] * len(sdoc)
    heads = [0] * len(sdoc)
    deps = [""] * len(sdoc)
    for t in sdoc:
        v = verb(t.lower_)
        if v and t.pos_ in ("VERB", "AUX", ""):
            cue_at[t.i] = v[0]
        heads[t.i] = t.head.i
        deps[t.i] = t.dep_
    out = []
    for i in range(len(sdoc)):
        if cue_at[i]:
            out.append("self")
            continue
        k, child, found = i, i, "-"
        for _ in range(_MAX_UP):
            h = heads[k]
            if h == k:
                break
            child, k = k, h
            if cue_at[k]:
                found = f"{cue_at[k]}>{deps[child]}"
                break
        out.append(found)
    return out


def feature_doc(sdoc, found: list[Found], lex: Lexicon, vocab=None):
    """The tagger's input for a parsed spaCy Doc and the rules' records on it (see the module doc)."""
    from spacy.attrs import DEP
    from spacy.tokens import Doc

    vocab = vocab or sdoc.vocab
    n = len(sdoc)
    ctx = _Ctx(sdoc, lex)
    rl = rule_labels(n, found)
    paths = cue_paths(sdoc, lex)
    morphs = [f"Inq={'Yes' if ctx.quote_at[i] >= 0 else 'No'}|Rule={rl[i]}" for i in range(n)]
    words = [t.text for t in sdoc]
    spaces = [bool(t.whitespace_) for t in sdoc]
    tags = [t.tag_ or "_" for t in sdoc]
    fdoc = Doc(vocab, words=words, spaces=spaces, tags=tags, lemmas=paths, morphs=morphs,
               sent_starts=[True] + [None] * (n - 1) if n else [])
    if n and sdoc.has_annotation("DEP"):
        arr = numpy.array([vocab.strings.add(t.dep_ or "dep") for t in sdoc], dtype="uint64").reshape(-1, 1)
        fdoc.from_array([DEP], arr)
    return fdoc


@functools.lru_cache(maxsize=4)
def load(path: str):
    """The trained tagger at ``path`` (a spaCy pipeline folder), loaded once per process."""
    import spacy
    p = Path(path)
    if not (p / "config.cfg").exists():
        raise FileNotFoundError(f"no trained quote tagger at {path} (see training/quotes/README.md)")
    return spacy.load(p)


def tag(fdoc, model):
    for _, proc in model.pipeline:
        fdoc = proc(fdoc)
    return fdoc


def records(sdoc, fdoc, found: list[Found], lex: Lexicon) -> list[Found]:
    """Found records for the tagger's cues that no rule record covers.

    Each new cue takes the CONTENT spans nearest to it (same paragraph, not nearer another cue, not
    already a rule record's) and the nearest SOURCE span of its sentence region."""
    ents = list(fdoc.ents)
    if not ents:
        return []
    ctx = _Ctx(sdoc, lex)
    taken: set[int] = set()
    for f in found:
        taken.update(f.tokens())
        for c in f.content:
            taken.update(range(*c))
    cues = [e for e in ents if e.label_ == "CUE"]
    all_cues = [(e.start, e.end) for e in cues] + [f.cue for f in found]
    new = [e for e in cues if not any(k in taken for k in range(e.start, e.end))]
    if not new:
        return []

    def nearest_cue(a: int, b: int) -> tuple[int, int] | None:
        best, bd = None, None
        for c in all_cues:
            if ctx.para[c[0]] != ctx.para[a]:
                continue
            d = a - c[1] if a >= c[1] else (c[0] - b if c[0] >= b else 0)
            if bd is None or d < bd:
                best, bd = c, d
        return best

    contents: dict[tuple[int, int], list[tuple[int, int]]] = {}
    sources: dict[tuple[int, int], tuple[int, int]] = {}
    for e in ents:
        if e.label_ == "CUE" or any(k in taken for k in range(e.start, e.end)):
            continue
        c = nearest_cue(e.start, e.end)
        if c is None:
            continue
        if e.label_ == "CONTENT":
            contents.setdefault(c, []).append((e.start, e.end))
        elif e.label_ == "SOURCE":
            prev = sources.get(c)
            dist = lambda r: min(abs(r[0] - c[1]), abs(c[0] - r[1]))  # noqa: E731
            if prev is None or dist((e.start, e.end)) < dist(prev):
                sources[c] = (e.start, e.end)
    out = []
    for e in new:
        key = (e.start, e.end)
        cont = sorted(contents.get(key, []))
        if not cont:
            continue
        head = sdoc[e.root.i]
        v = lex.verb(head.lower_)
        lemma, cls = (v[0], v[1]) if v else (head.lemma_.lower(), "model")
        out.append(Found(key, cont, sources.get(key), "tagger", lemma, cls,
                         kind="direct" if all(ctx.quote_at[a] >= 0 for a, _ in cont) else "indirect"))
    return out
