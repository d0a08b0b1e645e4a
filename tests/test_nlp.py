from dossier import nlp
from dossier.model import Document


def tokens(text):
    return [t.text for t in nlp.load("blank")(text)]


def test_news_abbreviations_stay_whole():
    toks = tokens("Brig.-Gen. Ann Lee of the U.S. Army spoke in Jan. to Sen. Ruiz.")
    assert "Brig.-Gen." in toks and "U.S." in toks and "Jan." in toks and "Sen." in toks


def test_hyphen_after_abbreviation_splits():
    assert tokens("the U.S.-led force")[1:4] == ["U.S.", "-", "led"]


def test_hyphenated_event_nouns_stay_whole_and_other_hyphens_split():
    toks = tokens("After the cease-fire he won re-election; a Russian-made tank was seen.")
    assert "cease-fire" in toks and "re-election" in toks
    assert "Russian-made" not in toks


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


def test_a_sentence_starts_only_after_a_stop_inside_a_paragraph():
    # the shipped parser split this after the unknown "KYIV" and again after "Russia"
    body = ("KYIV (Reuters) - Russia and Ukraine swapped 40 captured soldiers each on Monday, a "
            "day after drones hit a fuel depot in the port of Odesa.\n\nThe governor (a former "
            "general.) spoke later. The U.S. said nothing.")
    doc = Document(id="kyiv", body=body)
    nlp.segment([doc])
    sents = [body[s.start:s.end] for s in doc.sentences]
    assert sents[0] == "KYIV (Reuters) -"
    assert sents[1].startswith("Russia and Ukraine swapped") and sents[1].endswith("Odesa.")
    assert sents[-1] == "The U.S. said nothing."


def test_too_long_body_is_an_error_for_that_document_only():
    big = Document(id="big", body="word " * (nlp.MAX_BODY_CHARS // 4))
    ok = Document(id="ok", body="A short text.")
    nlp.segment([big, ok], "blank")
    assert big.error and "too long" in big.error and ok.error is None and ok.sentences


# -- knowledge-base entity ruler (dossier.kb_entities) -------------------------------------------

import functools

import spacy
from spacy.tokens import Span

from dossier.kb_entities import KBEntities


@functools.lru_cache(maxsize=1)
def _kb():
    vocab_nlp = spacy.blank("en")
    return vocab_nlp, KBEntities(vocab_nlp)


def _ents(text, preset=()):
    """Entities after the ruler on a tokenised text with ``preset`` (word index, end, label) NER spans."""
    vocab_nlp, kb = _kb()
    doc = vocab_nlp.make_doc(text)
    doc.ents = [Span(doc, s, e, label=lab) for s, e, lab in preset]
    return [(e.text, e.label_) for e in kb(doc).ents]


def test_shipped_pipeline_has_the_kb_ruler_after_ner_and_others_do_not():
    names = nlp.load().pipe_names
    if "ner" in names:  # the shipped model is present
        assert names.index("kb_entities") == names.index("ner") + 1
    assert "kb_entities" not in nlp.load("blank").pipe_names


def test_kb_ruler_adds_names_the_ner_missed():
    ents = _ents("Fighters of Hezbollah crossed into Syria, the IAEA said.")
    assert ("Hezbollah", "ORG") in ents and ("Syria", "LOC") in ents and ("IAEA", "ORG") in ents


def test_kb_ruler_keeps_ner_spans_but_fixes_a_country_labelled_as_a_person():
    # "Okonkwo Tamsin" stays a person; "Fiji" (a country in countries.tsv) becomes LOC
    ents = _ents("Okonkwo Tamsin flew to Fiji on Monday.", preset=[(0, 2, "PER"), (4, 5, "PER")])
    assert ents == [("Okonkwo Tamsin", "PER"), ("Fiji", "LOC")]


def test_kb_ruler_does_not_turn_a_person_into_a_city():
    # "Mary" is a city in geonames; a city name never relabels the NER's person
    assert _ents("Mary said no.", preset=[(0, 1, "PER")]) == [("Mary", "PER")]


def test_kb_ruler_extends_a_partial_ner_span_to_the_full_name():
    ents = _ents("The Islamic Revolutionary Guard Corps denied it.", preset=[(3, 5, "ORG")])
    assert ents == [("Islamic Revolutionary Guard Corps", "ORG")]


def test_kb_ruler_knows_provinces_but_not_short_names_or_initials():
    assert ("Helmand", "LOC") in _ents("Troops moved into Helmand after the vote.")
    assert ("Northern Bahr el Ghazal", "LOC") in _ents("Aid reached Northern Bahr el Ghazal in May.")
    # "Edo" (a Nigerian state) is also a period's name, "KP" an initialism: neither is taken from admin1
    admin1 = {n for n, (_, source) in _kb()[1].names.items() if source == "admin1"}
    assert "Helmand" in admin1 and "Edo" not in admin1 and "KP" not in admin1
    assert _ents("KP said so.") == []


def test_kb_ruler_needs_capitals_and_skips_shouted_words():
    assert _ents("we drove through syria and iraq.") == []
    assert _ents("THE IAEA SAID THE SITE WAS CLOSED") == []  # an all-caps line is shouting, not acronyms
    assert _ents("The IAEA said the site was closed.") == [("IAEA", "ORG")]
    assert _ents("Attacks near Kabul rose.") == [("Kabul", "LOC")]


def test_kb_ruler_skips_common_word_city_names_in_the_shipped_pipeline():
    p = nlp.load()
    if "ner" not in p.pipe_names:
        return
    doc = p("Mobile phones were banned at the meeting, and reading the report took an hour.")
    assert not any(e.text in ("Mobile", "reading") for e in doc.ents)


def test_tok2vec_components_get_a_small_batch_and_the_same_output():
    pipe = nlp.load(None)
    cfg = nlp.pipe_config(pipe, 32)
    assert "tok2vec" in cfg and all(v["batch_size"] == min(32, nlp.TOK2VEC_BATCH) for v in cfg.values())
    assert "parser" not in cfg and "ner" not in cfg
    assert nlp.pipe_config(pipe, 1)["tok2vec"]["batch_size"] == 1
    texts = [f"Report {i}. The mayor of Lyon met union leaders on Tuesday, officials said. "
             f"Talks will resume in {i + 2} days." * (1 + i % 3) for i in range(11)]
    plain = list(pipe.pipe(texts, batch_size=8))
    small = list(pipe.pipe(texts, batch_size=8, component_cfg=cfg))
    for a, b in zip(plain, small):
        assert [(t.tag_, t.dep_, t.head.i, t.lemma_) for t in a] == [(t.tag_, t.dep_, t.head.i, t.lemma_) for t in b]
        assert [(e.start, e.end, e.label_) for e in a.ents] == [(e.start, e.end, e.label_) for e in b.ents]


def test_verb_lemmas_the_trainable_lemmatizer_cuts_wrong_are_repaired():
    from spacy.tokens import Doc
    from dossier.lemma_fixes import lemma_fixes, table
    assert table()["blamed"] == "blame" and "blame" not in table()
    words = ["Officials", "blamed", "the", "army", ",", "ruling", "out", "talks", "."]
    doc = Doc(spacy.blank("en").vocab, words=words, tags=["NNS", "VBD", "DT", "NN", ",", "VBG", "RP", "NNS", "."],
              lemmas=["official", "blam", "the", "army", ",", "ruling", "out", "talk", "."])
    assert [t.lemma_ for t in lemma_fixes(doc)][:6] == ["official", "blame", "the", "army", ",", "rule"]
    if "trainable_lemmatizer" in nlp.load().pipe_names:
        assert nlp.load().pipe_names[-1] == "dossier_lemma_fixes"
        assert [t.lemma_ for t in nlp.load()("The rebels blamed the army and convened a meeting.")][2] == "blame"


def _parsed(words, heads, deps, tags, pos, lemmas):
    from spacy.tokens import Doc
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps, tags=tags, pos=pos, lemmas=lemmas)


def test_a_main_verb_misread_as_a_relative_clause_under_a_speech_verb_is_repaired():
    from dossier.parse_fixes import repair
    # "Rebels disarmed Sunday , the army said ." parsed with "disarmed" as a relative clause of
    # "Rebels" and both nouns as subjects of "said"
    words = ["Rebels", "disarmed", "Sunday", ",", "the", "army", "said", "."]
    doc = _parsed(words, heads=[6, 0, 1, 0, 5, 6, 6, 6],
                  deps=["nsubj", "acl", "obl", "punct", "det", "nsubj", "ROOT", "punct"],
                  tags=["NNS", "VBN", "NNP", ",", "DT", "NN", "VBD", "."],
                  pos=["NOUN", "VERB", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"],
                  lemmas=["rebel", "disarm", "Sunday", ",", "the", "army", "say", "."])
    assert repair(doc) == 1
    assert (doc[1].dep_, doc[1].head.i, doc[1].tag_) == ("ccomp", 6, "VBD")
    assert (doc[0].dep_, doc[0].head.i) == ("nsubj", 1)
    assert [c.i for c in doc[6].children if c.dep_ == "nsubj"] == [5]
    # a participle with an auxiliary or a "by" agent is a real relative clause: left alone
    doc = _parsed(["Rebels", "trained", "by", "Iran", ",", "the", "army", "said", "."],
                  heads=[7, 0, 3, 1, 0, 6, 7, 7, 7],
                  deps=["nsubj", "acl", "case", "obl", "punct", "det", "nsubj", "ROOT", "punct"],
                  tags=["NNS", "VBN", "IN", "NNP", ",", "DT", "NN", "VBD", "."],
                  pos=["NOUN", "VERB", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "VERB", "PUNCT"],
                  lemmas=["rebel", "train", "by", "Iran", ",", "the", "army", "say", "."])
    assert repair(doc) == 0 and doc[1].dep_ == "acl"


def test_a_subject_noun_misread_as_a_passive_auxiliary_is_repaired():
    from dossier.parse_fixes import repair
    # "The bloc suspended all three ." parsed with "The" as the passive subject and "bloc" as an auxiliary
    doc = _parsed(["The", "bloc", "suspended", "all", "three", "."], heads=[2, 2, 2, 4, 2, 2],
                  deps=["nsubj:pass", "aux:pass", "ROOT", "det", "obj", "punct"],
                  tags=["DT", "NN", "VBN", "DT", "CD", "."], pos=["DET", "NOUN", "VERB", "DET", "NUM", "PUNCT"],
                  lemmas=["the", "bloc", "suspend", "all", "three", "."])
    assert repair(doc) == 1
    assert (doc[1].dep_, doc[1].head.i, doc[0].dep_, doc[0].head.i, doc[2].tag_) == ("nsubj", 2, "det", 1, "VBD")
    # a real auxiliary is left alone
    doc = _parsed(["Troops", "were", "deployed", "."], heads=[2, 2, 2, 2], deps=["nsubj:pass", "aux:pass", "ROOT", "punct"],
                  tags=["NNS", "VBD", "VBN", "."], pos=["NOUN", "AUX", "VERB", "PUNCT"], lemmas=["troop", "be", "deploy", "."])
    assert repair(doc) == 0


def test_the_shipped_pipeline_repairs_parses_before_the_lemmas():
    names = nlp.load(None).pipe_names
    assert names.index("dossier_parse_fixes") > names.index("parser")
    assert names.index("dossier_parse_fixes") < names.index("dossier_lemma_fixes")


def test_a_past_tense_tagged_as_an_adjective_with_a_subject_becomes_the_verb():
    from dossier.parse_fixes import repair
    # "Jordan airdropped food to Gaza ." parsed as "Jordan [airdropped food]" with a subject on the adjective
    doc = _parsed(["Jordan", "airdropped", "food", "to", "Gaza", "."], heads=[1, 2, 2, 4, 2, 2],
                  deps=["nsubj", "amod", "ROOT", "case", "nmod", "punct"],
                  tags=["NNP", "JJ", "NN", "IN", "NNP", "."], pos=["PROPN", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"],
                  lemmas=["Jordan", "airdropped", "food", "to", "Gaza", "."])
    assert repair(doc) == 1
    assert (doc[1].dep_, doc[1].tag_, doc[1].head.i) == ("ROOT", "VBD", 1)
    assert (doc[2].dep_, doc[2].head.i) == ("obj", 1) and (doc[4].dep_, doc[4].head.i) == ("obl", 1)
    # a predicative adjective with a copula is left alone ("they were frustrated")
    doc = _parsed(["They", "were", "frustrated", "."], heads=[2, 2, 2, 2], deps=["nsubj", "cop", "ROOT", "punct"],
                  tags=["PRP", "VBD", "JJ", "."], pos=["PRON", "AUX", "ADJ", "PUNCT"],
                  lemmas=["they", "be", "frustrated", "."])
    assert repair(doc) == 0 and doc[2].tag_ == "JJ"


def test_a_verb_hung_on_its_object_as_a_modifier_with_a_subject_becomes_the_verb():
    from dossier.parse_fixes import repair
    # "Japan and Australia also voiced concern ." with "voiced" (VBN) an amod of the root "concern"
    doc = _parsed(["Japan", "and", "Australia", "also", "voiced", "concern", "."], heads=[4, 2, 0, 4, 5, 5, 5],
                  deps=["nsubj", "cc", "conj", "advmod", "amod", "ROOT", "punct"],
                  tags=["NNP", "CC", "NNP", "RB", "VBN", "NN", "."],
                  pos=["PROPN", "CCONJ", "PROPN", "ADV", "VERB", "NOUN", "PUNCT"],
                  lemmas=["Japan", "and", "Australia", "also", "voice", "concern", "."])
    assert repair(doc) == 1
    assert (doc[4].dep_, doc[4].head.i) == ("ROOT", 4) and (doc[5].dep_, doc[5].head.i) == ("obj", 4)
    assert (doc[0].dep_, doc[0].head.i) == ("nsubj", 4)


def test_a_past_tense_read_as_a_clause_on_the_name_before_the_root_noun_becomes_the_verb():
    from dossier.parse_fixes import repair
    # "President Marcos summoned his advisers and said ..." with "advisers" as the root, "Marcos" a
    # modifier of it and "summoned" (tagged RB) a clause on the name
    words = ["President", "Marcos", "summoned", "his", "advisers", "and", "said", "so", "."]
    doc = _parsed(words, heads=[1, 4, 1, 4, 4, 6, 4, 6, 4],
                  deps=["nmod:desc", "compound", "acl", "nmod:poss", "ROOT", "cc", "conj", "advmod", "punct"],
                  tags=["NNP", "NNP", "RB", "PRP$", "NNS", "CC", "VBD", "RB", "."],
                  pos=["PROPN", "PROPN", "ADV", "PRON", "NOUN", "CCONJ", "VERB", "ADV", "PUNCT"],
                  lemmas=["President", "Marcos", "summoned", "his", "adviser", "and", "say", "so", "."])
    assert repair(doc) == 1
    assert (doc[2].dep_, doc[2].tag_, doc[2].head.i) == ("ROOT", "VBD", 2)
    assert (doc[1].dep_, doc[1].head.i) == ("nsubj", 2) and (doc[4].dep_, doc[4].head.i) == ("obj", 2)
    assert (doc[6].dep_, doc[6].head.i) == ("conj", 2) and doc[8].head.i == 2
    # a real reduced relative clause in a sentence with a verb before it is left alone
    words = ["Police", "found", "Jones", "injured", "near", "the", "house", "."]
    doc = _parsed(words, heads=[1, 1, 1, 2, 6, 6, 3, 1],
                  deps=["nsubj", "ROOT", "obj", "acl", "case", "det", "obl", "punct"],
                  tags=["NNS", "VBD", "NNP", "JJ", "IN", "DT", "NN", "."],
                  pos=["NOUN", "VERB", "PROPN", "ADJ", "ADP", "DET", "NOUN", "PUNCT"],
                  lemmas=["police", "find", "Jones", "injured", "near", "the", "house", "."])
    assert repair(doc) == 0 and doc[3].dep_ == "acl"


def test_a_past_tense_in_a_sentence_with_no_verb_takes_the_name_before_it_as_subject():
    from dossier.parse_fixes import repair
    # "The Red Cross airlifted tents to Goma ." parsed as one noun phrase headed by "tents"
    doc = _parsed(["The", "Red", "Cross", "airlifted", "tents", "to", "Goma", "."], heads=[4, 2, 4, 4, 4, 6, 4, 4],
                  deps=["det", "compound", "compound", "amod", "ROOT", "case", "nmod", "punct"],
                  tags=["DT", "NNP", "NNP", "JJ", "NNS", "IN", "NNP", "."],
                  pos=["DET", "PROPN", "PROPN", "ADJ", "NOUN", "ADP", "PROPN", "PUNCT"],
                  lemmas=["the", "Red", "Cross", "airlifted", "tent", "to", "Goma", "."])
    assert repair(doc) == 1
    assert (doc[3].dep_, doc[3].tag_, doc[3].head.i) == ("ROOT", "VBD", 3)
    assert (doc[2].dep_, doc[2].head.i) == ("nsubj", 3) and (doc[4].dep_, doc[4].head.i) == ("obj", 3)
    assert doc[0].head.i == 2 and (doc[6].dep_, doc[6].head.i) == ("obl", 3)
    # a title with an "-ed" modifier and a real verb elsewhere is left alone
    doc = _parsed(["The", "UN", "delayed", "vote", "failed", "."], heads=[3, 3, 3, 4, 4, 4],
                  deps=["det", "compound", "amod", "nsubj", "ROOT", "punct"],
                  tags=["DT", "NNP", "JJ", "NN", "VBD", "."], pos=["DET", "PROPN", "ADJ", "NOUN", "VERB", "PUNCT"],
                  lemmas=["the", "UN", "delayed", "vote", "fail", "."])
    assert repair(doc) == 0 and doc[2].dep_ == "amod"


def test_a_past_tense_in_a_noun_phrase_reported_by_a_speech_verb_becomes_the_reported_verb():
    from dossier.parse_fixes import repair
    # "Peru blamed rebel leaders , police said ." with "leaders" as the clause "said" reports
    doc = _parsed(["Peru", "blamed", "rebel", "leaders", ",", "police", "said", "."], heads=[3, 3, 3, 6, 3, 6, 6, 6],
                  deps=["compound", "amod", "compound", "ccomp", "punct", "nsubj", "ROOT", "punct"],
                  tags=["NNP", "JJ", "NN", "NNS", ",", "NNS", "VBD", "."],
                  pos=["PROPN", "ADJ", "NOUN", "NOUN", "PUNCT", "NOUN", "VERB", "PUNCT"],
                  lemmas=["Peru", "blamed", "rebel", "leader", ",", "police", "say", "."])
    assert repair(doc) == 1
    assert (doc[1].dep_, doc[1].head.i, doc[1].tag_) == ("ccomp", 6, "VBD")
    assert (doc[0].dep_, doc[0].head.i) == ("nsubj", 1) and (doc[3].dep_, doc[3].head.i) == ("obj", 1)
