"""The optional trained quote tagger (dossier.quotes.tagger): features, loading, decoding.

A tiny tagger is trained here, in seconds, on two sentences of our own with the same config as the
real recipe (training/quotes/config.cfg), so the whole path runs without ../shared or a shipped model.
"""
from __future__ import annotations

import runpy
from pathlib import Path

import numpy
import pytest
import spacy
from spacy.tokens import Span
from spacy.training import Example
from spacy.vectors import Vectors

from dossier import nlp as dnlp
from dossier import pipeline
from dossier.quotes import find_all, rules, tagger
from dossier.quotes.lexicon import load as load_lexicon
from dossier.read import from_string

ROOT = Path(__file__).resolve().parents[1]
TEXT = ("The senator ridiculed the plan as a gift to donors. "
        "Officials said the vote on the budget was delayed again.")


def _gold(sdoc, fdoc, marks):
    spans = []
    for text, label in marks:
        start = sdoc.text.index(text)
        sp = sdoc.char_span(start, start + len(text))
        spans.append(Span(fdoc, sp.start, sp.end, label=label))
    fdoc.ents = spans
    return fdoc


def _tiny_vectors(path, sdoc):
    words = sorted({t.lower_ for t in sdoc})
    rows = numpy.random.default_rng(0).normal(size=(len(words), 8)).astype("float32")
    vnlp = spacy.blank("en")
    vnlp.vocab.vectors = Vectors(strings=vnlp.vocab.strings, data=rows, attr="LOWER",
                                 keys=[vnlp.vocab.strings.add(w) for w in words])
    vnlp.to_disk(path)
    return path


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    runpy.run_path(str(ROOT / "training" / "quotes" / "reader.py"))  # registers the corpus reader
    nlp = dnlp.load(None)
    lex = load_lexicon()
    sdoc = nlp(TEXT)
    found = rules.find(sdoc, lex)
    gold = _gold(sdoc, tagger.feature_doc(sdoc, found, lex), [
        ("The senator", "SOURCE"), ("ridiculed", "CUE"), ("the plan as a gift to donors", "CONTENT"),
        ("Officials", "SOURCE"), ("said", "CUE"), ("the vote on the budget was delayed again", "CONTENT")])
    spacy.util.fix_random_seed(0)  # the same tiny model on every run
    config = spacy.util.load_config(ROOT / "training" / "quotes" / "config.cfg")
    # the recipe's vectors (training/quotes/vectors.py) are built, not shipped: a tiny table of our own
    config["paths"]["vectors"] = str(_tiny_vectors(tmp_path_factory.mktemp("vectors"), sdoc))
    qnlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    pred = tagger.feature_doc(sdoc, found, lex, qnlp.vocab)
    examples = [Example(pred, gold)]
    opt = qnlp.initialize(lambda: examples)
    for _ in range(60):
        qnlp.update(examples, sgd=opt, drop=0.0)
    path = tmp_path_factory.mktemp("quote_model") / "model"
    qnlp.to_disk(path)
    return str(path), sdoc, found, lex


def test_features_carry_rules_quotes_and_cue_paths():
    nlp = dnlp.load(None)
    lex = load_lexicon()
    sdoc = nlp('“We will not pay,” the minister said, adding that talks went on.')
    found = rules.find(sdoc, lex)
    fdoc = tagger.feature_doc(sdoc, found, lex)
    assert [t.text for t in fdoc] == [t.text for t in sdoc]
    said = next(t for t in fdoc if t.text == "said")
    assert said.lemma_ == "self" and "Rule=Bcue" in str(said.morph)
    assert "Rule=Bcon" in str(fdoc[0].morph)  # the rules' content starts at the opening mark
    assert "Inq=Yes" in str(fdoc[1].morph) and "Rule=Icon" in str(fdoc[1].morph)
    assert "Inq=No" in str(said.morph)
    minister = next(t for t in fdoc if t.text == "minister")
    assert minister.lemma_.startswith("say>") and "Rule=Isrc" in str(minister.morph)
    assert fdoc[1].is_sent_start is None  # a quotation may run across sentences


def test_tagger_adds_a_cue_the_rules_do_not_know(trained):
    path, sdoc, found, lex = trained
    assert not any(sdoc[f.cue[0]].lower_ == "ridiculed" for f in found)
    both = find_all(sdoc, lex, path)
    added = [f for f in both if f.rule == "tagger"]
    assert len(added) == 1
    f = added[0]
    assert sdoc[f.cue[0]:f.cue[1]].text == "ridiculed"
    assert sdoc[f.speaker[0]:f.speaker[1]].text == "The senator"
    assert [sdoc[a:b].text for a, b in f.content] == ["the plan as a gift to donors"]
    # the rule record is kept as the rules made it, not duplicated
    assert sum(sdoc[g.cue[0]].lower_ == "said" for g in both) == 1


def test_pipeline_option_uses_the_tagger(trained):
    path = trained[0]
    opts = pipeline.Options(stages=("clean", "segment", "actors", "quotes"), quote_model=path)
    doc = pipeline.process([from_string(TEXT, {}, "<t>")], opts)[0]
    assert doc.error is None
    cues = {q.cue.text: q for q in doc.quotes}
    assert "ridiculed" in cues and cues["ridiculed"].rule == "tagger"
    assert cues["ridiculed"].speaker["name"] == "The senator"


def test_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(FileNotFoundError, match="training/quotes"):
        tagger.load(str(tmp_path / "nowhere"))


def test_tagger_spans_refine_the_rule_record_they_agree_with():
    nlp = dnlp.load(None)
    lex = load_lexicon()
    sdoc = nlp("Officials said on Friday that the vote was delayed, according to the minutes.")
    found = rules.find(sdoc, lex)
    said = next(f for f in found if sdoc[f.cue[0]].text == "said")
    fdoc = _gold(sdoc, tagger.feature_doc(sdoc, found, lex), [
        ("Officials", "SOURCE"), ("said on Friday", "CUE"), ("the vote was delayed", "CONTENT")])
    merged = tagger.records(sdoc, fdoc, found, lex)
    assert said in merged and said.rule != "tagger"  # the rule record, refined in place
    assert sdoc[said.cue[0]:said.cue[1]].text == "said on Friday"
    assert [sdoc[a:b].text for a, b in said.content] == ["the vote was delayed"]
    # a rule record the tagger left unmarked is kept; without keep_rules it goes
    others = [f for f in found if f is not said]
    assert all(f in merged for f in others)
    assert not any(f in tagger.records(sdoc, fdoc, rules.find(sdoc, lex), lex, keep_rules=False)
                   for f in others)


def _cue_paths_by_tokens(sdoc, lex):
    """cue_paths written plainly over Token objects: the reference the array version must match."""
    out = []
    for t in sdoc:
        def cue(x):
            v = lex.verb(x.lower_) if x.pos_ in ("", "VERB", "AUX") else None
            return v[0] if v else None
        if cue(t):
            out.append("self")
            continue
        k, found = t, "-"
        for _ in range(8):
            if k.head.i == k.i:
                break
            child, k = k, k.head
            if cue(k):
                found = f"{cue(k)}>{child.dep_}"
                break
        out.append(found)
    return out


def test_cue_paths_match_a_plain_walk_up_the_parse():
    nlp = dnlp.load(None)
    lex = load_lexicon()
    sdoc = nlp("The minister, who told reporters that talks had stalled, said on Friday the deal was dead. "
               "“We will not pay,” she added, and officials warned that the union had threatened to strike. "
               "Nobody spoke.")
    paths = tagger.cue_paths(sdoc, lex)
    assert paths == _cue_paths_by_tokens(sdoc, lex)
    assert "self" in paths and any(p.startswith("say>") for p in paths)
    fdoc = tagger.feature_doc(sdoc, rules.find(sdoc, lex), lex)
    assert [t.lemma_ for t in fdoc] == paths
    assert [t.tag_ for t in fdoc] == [t.tag_ or "_" for t in sdoc]
    assert [t.dep_ for t in fdoc] == [t.dep_ or "dep" for t in sdoc]


def test_a_speech_verb_the_tagger_marks_without_content_takes_the_clause_after_it():
    nlp = dnlp.load(None)
    lex = load_lexicon()
    sdoc = nlp("In a filing on Tuesday, a lawyer for the port workers, Maria Lopez, said the contract had expired.")
    fdoc = _gold(sdoc, tagger.feature_doc(sdoc, [], lex), [("Maria Lopez", "SOURCE"), ("said", "CUE")])
    merged = tagger.records(sdoc, fdoc, [], lex)
    assert len(merged) == 1 and merged[0].rule == "tagger"
    assert [sdoc[a:b].text for a, b in merged[0].content] == ["the contract had expired"]
    assert sdoc[merged[0].speaker[0]:merged[0].speaker[1]].text == "Maria Lopez"
    # a cue that is no speech verb, or one with nothing after it, still needs the tagger's content
    fdoc = _gold(sdoc, tagger.feature_doc(sdoc, [], lex), [("filing", "CUE")])
    assert tagger.records(sdoc, fdoc, [], lex) == []
    short = nlp("“It is over,” Lopez said.")
    fdoc = _gold(short, tagger.feature_doc(short, [], lex), [("said", "CUE")])
    assert tagger.records(short, fdoc, [], lex) == []
