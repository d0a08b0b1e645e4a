from dossier import nlp
from dossier.model import Document


def tokens(text):
    return [t.text for t in nlp.load("blank")(text)]


def test_news_abbreviations_stay_whole():
    toks = tokens("Brig.-Gen. Ann Lee of the U.S. Army spoke in Jan. to Sen. Ruiz.")
    assert "Brig.-Gen." in toks and "U.S." in toks and "Jan." in toks and "Sen." in toks


def test_hyphen_after_abbreviation_splits():
    assert tokens("the U.S.-led force")[1:4] == ["U.S.", "-", "led"]


def test_sentences_respect_abbreviations_quotes_and_paragraphs():
    body = ('Lt.-Col. Sara Okafor said the U.S. team left. "It was over," she said.\n\n'
            "A new paragraph without a final stop\nAnother line")
    doc = Document(id="x", body=body)
    nlp.segment([doc], "blank")
    sents = [body[s.start:s.end] for s in doc.sentences]
    assert sents[0] == "Lt.-Col. Sara Okafor said the U.S. team left."
    assert sents[1].startswith('"It was over,"')
    assert any(s.startswith("A new paragraph") for s in sents)
    assert sents[-1] == "Another line"
    assert nlp.sentence_index(doc, body.index("Another")) == len(doc.sentences) - 1
    assert nlp.sentence_index(doc, len(body) + 5) == -1


def test_too_long_body_is_an_error_for_that_document_only():
    big = Document(id="big", body="word " * (nlp.MAX_BODY_CHARS // 4))
    ok = Document(id="ok", body="A short text.")
    nlp.segment([big, ok], "blank")
    assert big.error and "too long" in big.error and ok.error is None and ok.sentences
