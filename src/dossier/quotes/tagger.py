"""An optional trained attribution tagger that adds what the rules miss.

The rules in :mod:`dossier.quotes.rules` are precise but keep to a closed list of cues. A small
spaCy pipeline (``tok2vec`` + ``ner`` with the labels ``SOURCE``, ``CUE`` and ``CONTENT``), trained by
``training/quotes/`` on an attribution corpus (PolNeAR), marks source, cue and content spans.
Where it marks a cue a rule also found, its spans refine that rule record; its other cues become
extra :class:`~dossier.quotes.rules.Found` records (see :func:`records`), so speakers are resolved
exactly as for rule records. Its cue spans follow the corpus's convention and may take in adjuncts
("dismissed on Sunday").

The tagger does not read raw text: it reads a *feature doc* built from the parsed spaCy Doc, one
token per token, carrying
- the words (hashed NORM/PREFIX/SUFFIX/SHAPE features),
- the parser's fine tag (TAG) and dependency label (DEP),
- in MORPH, a feature bundle: what the rules said of the token (``Rule=Bcue`` ...) and whether it
  stands inside quotation marks (``Inq=Yes``),
- in LEMMA, the nearest cue-verb ancestor in the parse and the label of the path's first step
  (``say>ccomp`` for a word of a clause that "said" governs, ``say>nsubj`` for its subject).
Sentence starts are left unset, so a quotation may run across sentences. The recipe's tagger also
carries static word vectors keyed by the lower-cased word (``training/quotes/vectors.py``), looked
up in the tagger's own vocabulary, which is why the feature doc is built on it.

No model is shipped (the corpus it is trained on carries no licence for redistribution): give a
trained one with ``Options(quote_model=PATH)``, ``--quote-model PATH`` or ``DOSSIER_QUOTE_MODEL``.
"""
from __future__ import annotations

import functools
from pathlib import Path

import numpy

from .lexicon import Lexicon
from .rules import Found, _content_end, _Ctx, _kind, _skip_adjuncts

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


def _columns(sdoc, ctx: _Ctx | None = None) -> dict:
    """The token attributes the features need, as arrays read in one go (no Token objects: this runs
    on every token of every document). TAG/DEP are the parse's hash ids (0: unset); ``orth`` and
    ``lower`` are taken from ``ctx`` when one is given (it has read them already)."""
    from spacy.attrs import DEP, HEAD, LOWER, ORTH, POS, SPACY, TAG
    n = len(sdoc)
    arr = sdoc.to_array([ORTH, SPACY, TAG, DEP, HEAD, LOWER, POS]) if n else numpy.zeros((0, 7), "uint64")
    strings = sdoc.vocab.strings
    if ctx is not None:
        orth, lower = ctx.words, ctx.lower
    else:
        orth = [strings[x] for x in arr[:, 0].tolist()]
        lower = [strings[x] for x in arr[:, 5].tolist()]
    return {"orth": orth, "lower": lower, "space": arr[:, 1].astype(bool).tolist(),
            "tag": arr[:, 2], "dep": arr[:, 3], "pos": arr[:, 6],
            "head": numpy.arange(n) + arr[:, 4].astype("int64")}


def _cue_path_ids(sdoc, lex: Lexicon, cols: dict) -> tuple[numpy.ndarray, numpy.ndarray, list[str]]:
    """For each token: -2 when it is a cue verb itself, the index of the nearest cue-verb ancestor
    (within 8 steps) otherwise, -1 for none; the child on the path just below that ancestor; and
    each token's cue lemma ("" where it is no cue verb)."""
    from spacy.parts_of_speech import AUX, VERB
    n = len(sdoc)
    verb = lex.verb
    lower = cols["lower"]
    pos = cols["pos"]
    verbal = numpy.flatnonzero((pos == 0) | (pos == VERB) | (pos == AUX))
    lemma = [""] * n
    is_cue = numpy.zeros(n, dtype=bool)
    for i in verbal.tolist():
        v = verb(lower[i])
        if v:
            lemma[i] = v[0]
            is_cue[i] = True
    heads = cols["head"]
    at = numpy.full(n, -1, dtype="int64")
    child = numpy.arange(n)
    k = numpy.arange(n)
    live = ~is_cue  # still walking up
    for _ in range(_MAX_UP):
        h = heads[k]
        live &= h != k  # reached a root
        if not live.any():
            break
        child = numpy.where(live, k, child)
        k = numpy.where(live, h, k)
        hit = live & is_cue[k]
        at[hit] = k[hit]
        live &= ~hit
    at[is_cue] = -2
    return at, child, lemma


def cue_paths(sdoc, lex: Lexicon, cols: dict | None = None) -> list[str]:
    """Per token, "<cue lemma>><dep>" for the nearest ancestor that is a cue verb (within 8 steps),
    "self" for a cue verb itself, "-" otherwise."""
    if not sdoc.has_annotation("DEP"):
        return ["-"] * len(sdoc)
    cols = cols or _columns(sdoc)
    at, child, lemma = _cue_path_ids(sdoc, lex, cols)
    strings = sdoc.vocab.strings
    dep = cols["dep"]
    return ["self" if a == -2 else "-" if a < 0 else f"{lemma[a]}>{strings[int(dep[c])] if dep[c] else ''}"
            for a, c in zip(at.tolist(), child.tolist())]


def feature_doc(sdoc, found: list[Found], lex: Lexicon, vocab=None, ctx: _Ctx | None = None):
    """The tagger's input for a parsed spaCy Doc and the rules' records on it (see the module doc)."""
    from spacy.attrs import DEP, LEMMA, MORPH, SENT_START, TAG
    from spacy.tokens import Doc

    vocab = vocab or sdoc.vocab
    n = len(sdoc)
    ctx = ctx or _Ctx(sdoc, lex)
    cols = _columns(sdoc, ctx)
    fdoc = Doc(vocab, words=cols["orth"], spaces=cols["space"])
    if not n:
        return fdoc
    # the other attributes as hash ids through from_array; each distinct string is added to the
    # tagger's vocabulary once (a string's hash id is the same in every StringStore)
    add = vocab.strings.add
    sstrings = sdoc.vocab.strings

    def hashed(ids: numpy.ndarray, unset: str) -> numpy.ndarray:
        seen = set(ids.tolist())
        for x in seen:
            add(sstrings[x] if x else unset)  # a string's hash id is the same in both stores
        return numpy.where(ids == 0, numpy.uint64(add(unset)), ids) if 0 in seen else ids

    has_dep = sdoc.has_annotation("DEP")
    if has_dep:
        at, child, lemma = _cue_path_ids(sdoc, lex, cols)
        # one string per distinct (cue lemma, dependency label of the path's first step)
        found_at = numpy.flatnonzero(at >= 0)
        pairs = zip([lemma[a] for a in at[found_at].tolist()], cols["dep"][child[found_at]].tolist())
        path_id: dict[tuple[str, int], int] = {}
        hs = []
        for kk in pairs:
            h = path_id.get(kk)
            if h is None:
                h = path_id[kk] = add(f"{kk[0]}>{sstrings[kk[1]] if kk[1] else ''}")
            hs.append(h)
        paths = numpy.where(at == -2, numpy.uint64(add("self")), numpy.uint64(add("-")))
        paths[found_at] = numpy.array(hs, dtype="uint64")
    else:
        paths = numpy.full(n, add("-"), dtype="uint64")
    # MORPH: the rules' label and the inside-quotation flag (at most 2 x 7 distinct bundles)
    bundles = [(q >= 0, r) for q, r in zip(ctx.quote_at, rule_labels(n, found))]
    morph_id = {kk: vocab.morphology.add(f"Inq={'Yes' if kk[0] else 'No'}|Rule={kk[1]}") for kk in set(bundles)}
    morph = numpy.array([morph_id[kk] for kk in bundles], dtype="uint64")
    sent = numpy.zeros(n, dtype="uint64")
    sent[0] = 1
    cols_out = [hashed(cols["tag"], "_"), paths, morph, sent]
    attrs = [TAG, LEMMA, MORPH, SENT_START]
    if has_dep:
        cols_out.append(hashed(cols["dep"], "dep"))
        attrs.append(DEP)
    fdoc.from_array(attrs, numpy.stack(cols_out, axis=1).astype("uint64"))
    return fdoc


@functools.lru_cache(maxsize=4)
def load(path: str):
    """The trained tagger at ``path`` (a spaCy pipeline folder), loaded once per process, with the
    same fast matrix products as the main pipeline (:func:`dossier.nlp.use_fast_cpu_ops`: about
    three times faster on one core, same output)."""
    import spacy

    from ..nlp import use_fast_cpu_ops
    p = Path(path)
    if not (p / "config.cfg").exists():
        raise FileNotFoundError(f"no trained quote tagger at {path} (see training/quotes/README.md)")
    return use_fast_cpu_ops(spacy.load(p))


def tag(fdoc, model):
    for _, proc in model.pipeline:
        fdoc = proc(fdoc)
    return fdoc


def _clause_after(ctx: _Ctx, c: tuple[int, int]) -> list[tuple[int, int]]:
    """Content for a speech verb the tagger marked without any: the clause that follows it in its
    sentence ("…, Justin Bamberg, said the videos show …"), past time and medium adjuncts."""
    hi = ctx.sent_hi[c[0]]
    p, _ = _skip_adjuncts(ctx, c[1], hi)
    e = _content_end(ctx, p, hi)
    if e - p < 3 or ctx.punct(p) or ctx.lower[p] in ("to", "by", "as", "for", "about", "of", "with"):
        return []
    return [(p, e)]


def records(sdoc, fdoc, found: list[Found], lex: Lexicon, keep_rules: bool = True,
            ctx: _Ctx | None = None) -> list[Found]:
    """The rules' records and the tagger's, merged; the tagger's spans win where both mark a cue.

    - A tagger cue that overlaps a rule record's cue refines that record in place: its cue, content
      and source spans become the tagger's (each only where the tagger marked one), while what the
      rules know (speaker resolution, medium, reported-by, the cue's class) is kept.
    - A tagger cue no rule found becomes a new record (rule ``tagger``) when some content is
      assigned to it.
    - Rule records the tagger left unmarked stay when ``keep_rules``.

    CONTENT and SOURCE spans go to the nearest cue of their paragraph (SOURCE: the nearest one)."""
    ents = list(fdoc.ents)
    ctx = ctx or _Ctx(sdoc, lex)
    t_cues = [(e.start, e.end) for e in ents if e.label_ == "CUE"]
    by_cue: dict[tuple[int, int], Found] = {}
    used: set[int] = set()  # ids of matched rule records
    for c in t_cues:
        for f in found:
            if f.cue[0] < c[1] and c[0] < f.cue[1] and id(f) not in used:
                by_cue[c] = f
                used.add(id(f))
                break
    unmatched = [f for f in found if id(f) not in used]
    anchors = t_cues + ([f.cue for f in unmatched] if keep_rules else [])

    def nearest(a: int, b: int) -> tuple[int, int] | None:
        best, bd = None, None
        for c in anchors:
            if ctx.para[c[0]] != ctx.para[a]:
                continue
            d = a - c[1] if a >= c[1] else (c[0] - b if c[0] >= b else 0)
            if bd is None or d < bd:
                best, bd = c, d
        return best

    contents: dict[tuple[int, int], list[tuple[int, int]]] = {}
    sources: dict[tuple[int, int], tuple[int, int]] = {}
    for e in ents:
        if e.label_ == "CUE":
            continue
        c = nearest(e.start, e.end)
        if c is None:
            continue
        if e.label_ == "CONTENT":
            contents.setdefault(c, []).append((e.start, e.end))
        else:
            prev = sources.get(c)
            dist = lambda r: min(abs(r[0] - c[1]), abs(c[0] - r[1]))  # noqa: E731
            if prev is None or dist((e.start, e.end)) < dist(prev):
                sources[c] = (e.start, e.end)
    out = list(unmatched) if keep_rules else []
    for c in t_cues:
        cont = sorted(contents.get(c, []))
        f = by_cue.get(c)
        if f is not None:
            f.cue = c
            if cont:
                f.content = cont
            if c in sources and f.inherit is None:
                f.speaker = sources[c]
            f.kind = _kind(ctx, f)
            out.append(f)
            continue
        head = sdoc[fdoc[c[0]:c[1]].root.i]
        v = lex.verb(head.lower_)
        if not cont:
            cont = _clause_after(ctx, c) if v else []
            if not cont:
                continue
        lemma, cls = (v[0], v[1]) if v else (head.lemma_.lower(), "model")
        rec = Found(c, cont, sources.get(c), "tagger", lemma, cls)
        rec.kind = _kind(ctx, rec)
        out.append(rec)
    return sorted(out, key=lambda f: f.cue[0])
