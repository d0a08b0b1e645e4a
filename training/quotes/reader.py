"""spaCy training reader for the quote tagger: feature docs with gold entities -> Examples.

The predicted side keeps every feature (words, TAG, DEP, LEMMA, MORPH) and drops the entities;
the reference side is the same doc with its gold entities. Used with ``--code`` by ``spacy train``.
"""
from __future__ import annotations

from pathlib import Path

import spacy
from spacy.tokens import Doc, DocBin
from spacy.training import Example

_KEEP = ["ORTH", "SPACY", "TAG", "DEP", "LEMMA", "MORPH", "SENT_START"]


@spacy.registry.readers("dossier.QuoteCorpus.v1")
def quote_corpus(path: str, limit: int = 0):
    def read(nlp):
        docs = DocBin().from_disk(Path(path)).get_docs(nlp.vocab)
        for k, doc in enumerate(docs):
            if limit and k >= limit:
                break
            pred = Doc(nlp.vocab, words=[t.text for t in doc], spaces=[bool(t.whitespace_) for t in doc])
            pred.from_array(_KEEP, doc.to_array(_KEEP))
            yield Example(pred, doc)
    return read
