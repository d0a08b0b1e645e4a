"""Lemma repairs after the shipped pipeline's trainable lemmatizer.

The trainable lemmatizer learns edit trees from the treebanks and now and then cuts a verb wrong
("blamed" -> "blam", "convened" -> "conven", "capturing" -> "captur", "ruling" -> "ruling"): about one in
twenty inflected event verbs in our example articles. The event patterns still find such a verb
through their index of inflected forms, but every other reader of ``token.lemma_`` (role rules,
quote cues, lists of lemmas) would miss it. This component sets the lemma of a verb whose form is an
inflection of a pattern verb (``data/events/verbs.yaml`` plus its irregular forms) and that one lemma
alone, so adding a verb to the patterns also teaches the repair. ``dossier.nlp.load()`` adds it at the
end of a pipeline that has a lemmatizer.
"""
from __future__ import annotations

import functools

from spacy.language import Language
from spacy.tokens import Doc


@functools.lru_cache(maxsize=1)
def table() -> dict[str, str]:
    """form -> lemma for the unambiguous inflections of the pattern verbs."""
    from .events.patterns import _inflections, load
    verbs = load().verbs
    owners: dict[str, set[str]] = {}
    for lem in verbs:
        for form in _inflections(lem):
            owners.setdefault(form, set()).add(lem)
    # a form of two pattern verbs, or one that is a pattern verb itself, is left to the lemmatizer
    return {f: next(iter(ls)) for f, ls in owners.items()
            if len(ls) == 1 and (f not in verbs or f in ls) and f != next(iter(ls))}


@Language.component("dossier_lemma_fixes")
def lemma_fixes(doc: Doc) -> Doc:
    fixes = table()
    for tok in doc:
        lem = fixes.get(tok.lower_)
        if lem is not None and tok.tag_[:2] == "VB" and tok.lemma_ != lem:
            tok.lemma_ = lem
    return doc


def add_lemma_fixes(nlp: Language) -> Language:
    if "dossier_lemma_fixes" not in nlp.pipe_names and any("lemmatizer" in n for n in nlp.pipe_names):
        nlp.add_pipe("dossier_lemma_fixes", last=True)
    return nlp
