"""Segment/parse: the spaCy pipeline behind sentences, tokens, tags, parse and NER.

``load(name)`` gives the pipeline used by every later stage:
- ``None`` or ``"default"``: the pipeline trained by dossier and shipped in ``dossier/models/en_dossier``,
  with the knowledge-base entity ruler ``kb_entities`` after its NER, then the parse repairs of
  ``parse_fixes`` and the verb lemma repairs of ``lemma_fixes`` at the end (falls back to ``"blank"``
  with a warning when the package was installed without it);
- ``"blank"``: a blank English pipeline with news tokenizer rules and a rule-based sentencizer;
- any other name or path: an installed spaCy pipeline (``en_core_web_trf``, ``/path/to/model``).
Every pipeline gets the same news tokenizer rules and paragraph boundaries.
"""
from __future__ import annotations

import functools
import logging
import os
from pathlib import Path
from typing import Iterable

import numpy
import spacy
from spacy.language import Language
from spacy.pipeline import Tok2Vec
from spacy.attrs import SENT_START
from spacy.symbols import ORTH

from .model import Document, Sentence
from .lemma_fixes import add_lemma_fixes
from .parse_fixes import add_parse_fixes

log = logging.getLogger(__name__)

SHIPPED = Path(__file__).parent / "models" / "en_dossier"

# Abbreviations with internal periods or hyphens that news text uses and the default English
# tokenizer would split ("Brig.-Gen." must stay one token; "U.S.-led" keeps "U.S.").
NEWS_SPECIAL_CASES = (
    "Brig.-Gen.", "Maj.-Gen.", "Lt.-Gen.", "Lt.-Col.", "Lt.-Cmdr.", "Rear-Adm.", "Vice-Adm.",
    "Brig.", "Gen.", "Lt.", "Col.", "Maj.", "Capt.", "Cmdr.", "Adm.", "Sgt.", "Cpl.", "Pvt.",
    "Sen.", "Rep.", "Gov.", "Amb.", "Pres.", "Sec.", "Dept.", "Insp.", "Supt.", "Prof.", "Rev.",
    "U.S.", "U.K.", "U.N.", "E.U.", "U.S.A.", "U.A.E.", "D.C.", "Jan.", "Feb.", "Aug.",
    "Sept.", "Oct.", "Nov.", "Dec.", "No.", "Nos.", "St.", "Mt.", "Ft.", "Inc.", "Corp.", "Ltd.", "Co.",
)


def add_news_rules(nlp: Language) -> Language:
    # "U.S.-led", "U.N.-backed": split the hyphen after an abbreviation, as the treebanks do
    infixes = list(nlp.Defaults.infixes) + [r"(?<=[A-Z]\.)-(?=[a-z])"]
    nlp.tokenizer.infix_finditer = spacy.util.compile_infix_regex(infixes).finditer
    for case in NEWS_SPECIAL_CASES:
        nlp.tokenizer.add_special_case(case, [{ORTH: case}])
    from .events.patterns import lists  # "cease-fire", "sit-in": event nouns stay one token
    for word in lists()["hyphenated_event_nouns"]:
        for form in (word, word + "s", word.capitalize(), word.capitalize() + "s"):
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    if "paragraph_boundaries" not in nlp.pipe_names:
        # before a parser (which respects preset starts); after a sentencizer (which would reset them)
        if "parser" in nlp.pipe_names:
            nlp.add_pipe("paragraph_boundaries", before="parser")
        else:
            nlp.add_pipe("paragraph_boundaries", last=True)
    return nlp


_OPENING_QUOTES = {'"', "\u201c", "'", "\u2018", "\u00ab"}
_FINAL_PUNCT = {".", "!", "?", "...", "\u2026"}


_DASHES = {"-", "\u2013", "\u2014", "--"}


def _dateline_end(doc, start: int) -> int | None:
    """Index of the first token after a dateline ("BAGHDAD (Reuters) -", "NEW YORK, May 3 (AP) --")
    opening the paragraph at ``start``, or None. The dateline is not part of the first sentence."""
    i, n, caps = start, len(doc), 0
    while i < n and i - start < 12:
        t = doc[i]
        if t.text in _DASHES:
            return i + 1 if caps and i + 1 < n else None
        if t.is_upper and t.is_alpha:
            caps += 1
        elif t.text == "(":
            close = next((j for j in range(i + 1, min(n, i + 6)) if doc[j].text == ")"), None)
            if close is None:
                return None
            i = close
        elif not (t.text in {",", ".", "/"} or t.like_num or (t.is_title and caps)):
            return None
        i += 1
    return None


_CLOSERS = {'"', "'", "\u201d", "\u2019", "\u00bb", ")", "]"}


def _may_end_sentence(words: list[str], i: int) -> bool:
    """Whether a sentence of edited prose can end with token ``i``: a stop ("." "!" "?", or a
    token ending in "." such as "U.S."), a colon, or a closing mark after one of those."""
    text = words[i]
    while text in _CLOSERS and i > 0:
        i -= 1
        text = words[i]
    return text in _FINAL_PUNCT or text == ":" or text.endswith(".")


@Language.component("paragraph_boundaries")
def paragraph_boundaries(doc):
    """A line break always ends a sentence: paragraphs of a clean body never share one.
    An opening quotation mark after a sentence-final stop opens the next sentence, and a
    dateline opening a paragraph stands apart from the sentence after it. Inside a paragraph a
    sentence starts only after a stop (news is edited prose), so the parser cannot split
    "KYIV (Reuters) - Russia | and Ukraine exchanged ..." at a word it does not know.
    The starts are written in one array (setting ``is_sent_start`` token by token costs ~8 ms
    per article)."""
    n = len(doc)
    if n == 0:
        return doc
    words = [t.text for t in doc]
    ws = [t.whitespace_ for t in doc]
    space = [t.is_space for t in doc]
    # 1 starts a sentence, -1 does not, 0 unknown (spaCy's arrays are uint64: -1 wraps around)
    starts = doc.to_array([SENT_START]).astype("int64").ravel().tolist()
    for st in [0] + [i + 1 for i in range(n - 1) if "\n" in ws[i] or "\n" in words[i]]:
        end = _dateline_end(doc, st) if st < n else None
        if end is not None:
            starts[end] = 1
    for i in range(n - 1):
        w = words[i]
        if "\n" in ws[i] and not space[i]:
            starts[i + 1] = 1
        elif space[i] and "\n" in w:
            starts[i + 1] = 1
        elif (w in _OPENING_QUOTES and i > 0 and words[i - 1] in _FINAL_PUNCT and ws[i - 1] and not ws[i]
              and not doc[i + 1].is_punct):
            starts[i] = 1
            starts[i + 1] = -1
        elif starts[i + 1] == 0 and not space[i + 1] and not space[i] and not _may_end_sentence(words, i):
            starts[i + 1] = -1
    doc.from_array([SENT_START], numpy.array(starts, dtype="int64").astype("uint64").reshape(n, 1))
    return doc


def use_fast_cpu_ops(nlp: Language) -> Language:
    """Run the pipeline's matrix products through numpy's BLAS instead of thinc's default (blis).

    The numpy wheels bundle OpenBLAS, which on machines with AVX-512 multiplies the tok2vec's matrices
    about three times faster than blis: the shipped pipeline parses 1.8x faster on one core with the
    same output (bench/results/speed.md). Only plain ``NumpyOps`` are swapped (a GPU or Apple ops
    stays as it is); ``DOSSIER_BLAS=blis`` keeps blis.
    """
    if os.environ.get("DOSSIER_BLAS", "numpy").lower() == "blis":
        return nlp
    from thinc.api import NumpyOps
    fast = NumpyOps(use_blis=False)
    for _, proc in nlp.pipeline:
        model = getattr(proc, "model", None)
        if model is None or not hasattr(model, "walk"):
            continue
        for node in model.walk():
            if type(node.ops) is NumpyOps:
                node.ops = fast
    return nlp


def blank() -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    return add_news_rules(nlp)


@functools.lru_cache(maxsize=4)
def load(name: str | None = None) -> Language:
    """The pipeline for ``name`` (see module doc), loaded once per process."""
    name = name or os.environ.get("DOSSIER_PIPELINE") or "default"
    if name == "blank":
        return blank()
    if name == "default":
        if (SHIPPED / "meta.json").exists():
            from .kb_entities import add_kb_entities  # names from dossier's data files lift NER recall
            return add_lemma_fixes(add_parse_fixes(add_kb_entities(use_fast_cpu_ops(add_news_rules(spacy.load(SHIPPED))))))
        log.warning("shipped pipeline missing at %s; using the blank pipeline", SHIPPED)
        return blank()
    return add_lemma_fixes(add_parse_fixes(use_fast_cpu_ops(add_news_rules(spacy.load(name)))))


def has_parser(nlp: Language) -> bool:
    return "parser" in nlp.pipe_names


MAX_BODY_CHARS = 1_000_000  # a clean article longer than this is not an article

# The token-to-vector components run their CNN over a few documents at a time: their activations
# (tokens x width x 3 window columns) then stay in the CPU cache, which made the shipped tok2vec
# about 40% faster on the speed corpus (45 -> 26 ms per article, one core). The parser keeps the
# larger batch, where its per-step cost is shared by more documents. The outputs are the same.
TOK2VEC_BATCH = int(os.environ.get("DOSSIER_TOK2VEC_BATCH", "4"))


def pipe_config(nlp: Language, batch_size: int) -> dict:
    """``component_cfg`` for ``nlp.pipe``: a smaller batch for the tok2vec components."""
    small = max(1, min(batch_size, TOK2VEC_BATCH))
    return {name: {"batch_size": small} for name, proc in nlp.pipeline if isinstance(proc, Tok2Vec)}


def segment(docs: Iterable[Document], pipeline: str | None = None, batch_size: int = 32) -> list[Document]:
    """Parse each document's body (in batches) and fill ``doc.nlp`` and ``doc.sentences``.

    A document the pipeline cannot take gets its own error; the rest of the batch is parsed.
    """
    docs = list(docs)
    nlp = load(pipeline)
    for d in docs:
        if d.error is None and len(d.body) > MAX_BODY_CHARS:
            d.error = f"segment: clean text too long ({len(d.body)} characters > {MAX_BODY_CHARS})"
    todo = [d for d in docs if d.error is None]
    try:
        parsed = list(nlp.pipe((d.body for d in todo), batch_size=batch_size,
                               component_cfg=pipe_config(nlp, batch_size)))
    except Exception:  # isolate the document that broke the batch
        parsed = []
        for d in todo:
            try:
                parsed.append(nlp(d.body))
            except Exception as exc:
                d.error = f"segment: {type(exc).__name__}: {exc}"
                parsed.append(None)
    for doc, p in zip(todo, parsed):
        if p is None:
            continue
        doc.nlp = p
        doc.sentences = [Sentence(s.start_char, s.end_char) for s in p.sents if s.text.strip()]
    return docs


def sentence_index(doc: Document, char: int) -> int:
    """Index in ``doc.sentences`` of the sentence holding character ``char`` (-1 if none)."""
    lo, hi = 0, len(doc.sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = doc.sentences[mid]
        if char < s.start:
            hi = mid - 1
        elif char >= s.end:
            lo = mid + 1
        else:
            return mid
    return -1
