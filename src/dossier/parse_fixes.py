"""Parse repairs after the dependency parser, for one misparse of wire sentences.

"Russian forces retreated from Kherson on Friday, the defence ministry said": the shipped parser now
and then reads the main verb as a reduced relative clause ("forces [that were] retreated", ``acl``,
tagged VBN) and hangs the subject on the speech verb, which is then left with two subjects, or
takes the subject noun as the speech verb's clausal complement. Every later stage (events, quotes,
actors) then finds no verb with a subject and misses the sentence's main event: five in a hundred of
our own wire-style test sentences.

The signal is the impossible tree, not a word list: a speech verb (``data/events/lists.yaml``,
``say_verbs``) with two nominal subjects, or with a noun as its clausal complement, where inside the
first subject (or that noun) a past-tense verb of its own stands as a relative clause with no
auxiliary and no "by" agent. That verb becomes the head of the reported clause (``ccomp`` of the
speech verb, tagged VBD) and the noun its subject.

A second slip: an unfamiliar past tense after a name is tagged as an adjective ("Jordan airdropped
food to Gaza" as "Jordan [airdropped food]"), yet the parser gives it a subject. A lower-case "-ed"
word with a subject to its left and no copula or auxiliary is a verb: it is tagged VBD, and when it
hangs on a noun to its right as a modifier, it takes that noun's place, the noun becomes its object,
and the phrases after the noun become the verb's. The same word with no subject, in a sentence
parsed with no verb at all ("The World Food Programme airdropped food rations to ..." read as one noun
phrase), takes the name right before it as its subject. A verb the tagger read right but the parser
hung on its object as a modifier, with a subject ("Japan and Australia also voiced concern"), is
repaired the same way. And an "-ed" word read as a clause on a name that modifies the sentence's
root noun ("President Marcos summoned [his advisers]" with "advisers" as the root) becomes the root,
the name its subject and the noun its object. A perfect read with "had" as the verb and the participle
as a modifier of its object ("the army had [bombed districts]") makes the participle the verb and "had"
its auxiliary. A sentence whose root is its subject noun, with the main verb hung inside the relative
clause on that noun ("Saudi Arabia, which has held talks with the rebels, called for restraint"), gets
that verb as its root; a name whose apposition was read as the subject, with the name as the
apposition's own subject ("Iran, the main backer of the Houthis, condemned"), is the subject again.
``dossier.nlp.load()`` adds this component after the
parser, before the lemma repairs.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Token


def say_lemmas() -> frozenset:
    """Hashes of the speech verbs and their forms (compared with ``Token.lemma``, an integer): the
    set the events stage reads reports with."""
    from .events.speech import _say_hashes
    return _say_hashes()


def _own_verb(t: Token) -> bool:
    """A past-tense verb read as a bare relative clause: no auxiliary, copula or "by" agent."""
    if t.dep_ != "acl" or t.tag_ not in ("VBN", "VBD"):
        return False
    for c in t.children:
        if c.dep_.startswith("aux") or c.dep_ == "cop":
            return False
        if c.dep_.startswith("obl") and any(k.dep_ == "case" and k.lower_ == "by" for k in c.children):
            return False
    return True


def _clause_verb(noun: Token) -> Token | None:
    return next((t for t in noun.subtree if t.i > noun.i and _own_verb(t)), None)


def _promote(verb: Token, subject: Token, speech: Token) -> None:
    verb.head = speech
    verb.dep_ = "ccomp"
    verb.tag_ = "VBD"
    verb.pos_ = "VERB"
    subject.head = verb
    subject.dep_ = "nsubj"


def _ed_word(t: Token) -> bool:
    """A lower-case "-ed" word the tagger did not read as a verb."""
    return t.lower_.endswith("ed") and len(t) >= 5 and t.text.islower() and t.tag_[:2] not in ("VB", "MD")


def _past_as_adjective(t: Token) -> bool:
    # "Japan and Australia also voiced concern": a verb the tagger read right but the parser hung
    # on its object as a modifier counts as well
    if not (_ed_word(t) or t.tag_ in ("VBD", "VBN") and t.dep_ in ("amod", "compound") and t.text.islower()):
        return False
    if t.i > 0 and (not t.doc[t.i - 1].whitespace_ or t.doc[t.i - 1].text == "-"):
        return False  # "Iran-backed", "U.S.-led"
    kids = list(t.children)
    return any(c.dep_ == "nsubj" and c.i < t.i for c in kids) and not any(
        c.dep_ in ("cop", "aux", "aux:pass") for c in kids)


def _name_before_past(t: Token, says: frozenset) -> Token | None:
    """"The World Food Programme airdropped food rations to ...": a sentence parsed with no verb at
    all, a noun phrase whose head is the object, with the "-ed" word and the name before it as
    modifiers of that head. The name right before the word is its subject; None if it is not so."""
    noun = t.head
    if not _ed_word(t) or t.dep_ not in ("amod", "compound") or noun.i <= t.i or noun.pos_ not in ("NOUN", "PROPN") \
            or t.i == 0:
        return None
    # the noun phrase is the whole sentence, or what a speech verb after it reports ("Pakistan blamed
    # Indian intelligence ..., the minister said" with "intelligence" as the clause of "said")
    reported = noun.dep_ == "ccomp" and noun.head.i > noun.i and noun.head.lemma in says
    if noun.dep_ != "ROOT" and not reported:
        return None
    subject = t.doc[t.i - 1]
    if subject.pos_ != "PROPN" or subject.head.i != noun.i or not subject.whitespace_:
        return None
    if not reported and any(w.pos_ in ("VERB", "AUX") for w in noun.sent if w.i != t.i):
        return None
    return subject


def _past_after_name(t: Token) -> Token | None:
    """"Philippine President Ferdinand Marcos Jr. summoned his security advisers": a sentence parsed
    with the object as its root, the name as a modifier of it and the "-ed" word as a clause on the
    name. The name is the word's subject; None if it is not so."""
    name, noun = t.head, t.head.head
    if not _ed_word(t) or t.dep_ != "acl" or name.pos_ != "PROPN" or name.i >= t.i:
        return None
    if noun.dep_ != "ROOT" or noun.pos_ not in ("NOUN", "PROPN") or noun.i <= t.i or name.dep_ == "appos":
        return None
    if any(c.dep_.startswith("aux") or c.dep_ == "cop" for c in t.children) or any(
            w.pos_ in ("VERB", "AUX") and w.i < t.i for w in noun.sent):
        return None
    return name


def _verb_over_root(verb: Token, name: Token) -> None:
    """The word heads the sentence, the name is its subject and the old root its object; what was
    coordinated with or said after the old root ("... and said ...") goes with the verb."""
    noun = name.head
    verb.tag_, verb.pos_ = "VBD", "VERB"
    verb.head, verb.dep_ = verb, "ROOT"
    noun.head, noun.dep_ = verb, "obj"
    name.head, name.dep_ = verb, "nsubj"
    for c in [c for c in noun.children if c.i > noun.i]:
        if c.dep_ in ("conj", "punct", "parataxis") or c.dep_ in ("nmod", "obl") and c.i > noun.i + 1:
            c.head = verb
            if c.dep_ == "nmod":
                c.dep_ = "obl"


def _verb_over_phrase(verb: Token, subject: Token) -> None:
    """The name becomes the subject (with what led it: "The" of "The World Food Programme"), then
    the verb takes the noun's place as for a modifier with a subject."""
    noun = verb.head
    for c in [c for c in noun.children if c.i < subject.i]:
        c.head = subject
    subject.head, subject.dep_ = verb, "nsubj"
    _verb_from_modifier(verb)


def _verb_from_modifier(verb: Token) -> None:
    verb.tag_ = "VBD"
    verb.pos_ = "VERB"
    noun = verb.head
    if verb.dep_ not in ("amod", "compound") or noun.i <= verb.i or noun.pos_ not in ("NOUN", "PROPN"):
        return
    if noun.head.i != noun.i and verb.left_edge.i <= noun.head.i <= verb.right_edge.i:
        return  # the noun hangs on the verb's own subject: moving it would make a cycle
    later = [c for c in noun.children if c.i > noun.i and c.dep_ in ("nmod", "obl")]
    root = noun.head.i == noun.i
    verb.head = verb if root else noun.head
    verb.dep_ = "ROOT" if root else noun.dep_
    noun.head = verb
    noun.dep_ = "obj"
    for c in later:
        c.head = verb
        c.dep_ = "obl"


def _perfect_read_as_have(t: Token) -> Token | None:
    """"the army had bombed residential districts": "had" read as the verb, its object "districts"
    and the participle a modifier of that object. Returns "had" when it is so, else None."""
    if t.i == 0 or t.tag_ != "VBN" or t.dep_ not in ("amod", "compound") or not t.text.islower():
        return None
    have, noun = t.doc[t.i - 1], t.head
    if have.lower_ not in ("had", "has", "have") or noun.i <= t.i or noun.head.i != have.i \
            or noun.dep_ not in ("obj", "dobj"):
        return None
    if not any(c.dep_ == "nsubj" for c in have.children):
        return None
    return have


def _verb_over_have(verb: Token, have: Token) -> None:
    """The participle heads the clause in place of "had", which becomes its auxiliary."""
    noun = verb.head
    root = have.head.i == have.i
    verb.head = verb if root else have.head
    verb.dep_ = have.dep_
    verb.tag_, verb.pos_ = "VBN", "VERB"
    for c in list(have.children):
        c.head = verb
    have.head, have.dep_, have.pos_ = verb, "aux", "AUX"
    noun.head, noun.dep_ = verb, "obj"
    for c in [c for c in noun.children if c.i > noun.i and c.dep_ in ("nmod", "obl") and c.i > noun.i + 1]:
        if any(k.dep_ == "case" and k.lower_ in ("with", "in", "on", "at", "from") for k in c.children):
            c.head, c.dep_ = verb, "obl"  # "with warplanes" is how it was done, not part of the districts


def _verb_after_relative(t: Token) -> Token | None:
    """"Saudi Arabia, which has held talks with the rebels, called for restraint": a sentence parsed
    with the subject noun as its root and the main verb as a clause on a noun inside the relative
    clause. ``t`` is that verb (past tense, no auxiliary, right after the comma that closes a
    relative clause on the root noun); returns the root noun when it is so, else None."""
    if t.tag_ not in ("VBD", "VBN") or t.dep_ not in ("acl", "acl:relcl", "conj") or t.i < 2 or t.doc[t.i - 1].text != ",":
        return None
    root = t.sent.root
    if root.pos_ not in ("NOUN", "PROPN") or root.i >= t.i or any(w.pos_ in ("VERB", "AUX") and w.dep_ == "ROOT"
                                                                  for w in t.sent):
        return None
    rel = next((c for c in root.children if c.dep_ in ("acl:relcl", "relcl") and c.i < t.i), None)
    if rel is None or rel.right_edge.i < t.i - 2 or not (rel.left_edge.i <= t.head.i <= rel.right_edge.i):
        return None
    if any(c.dep_.startswith("aux") or c.dep_ == "cop" for c in t.children):
        return None
    return root


def _verb_over_subject(verb: Token, noun: Token) -> None:
    """The verb heads the sentence and the old root noun is its subject."""
    verb.tag_, verb.pos_ = "VBD", "VERB"
    verb.head, verb.dep_ = verb, "ROOT"
    noun.head, noun.dep_ = verb, "nsubj"
    for c in [c for c in noun.children if c.i > verb.i]:
        c.head = verb  # the final full stop


def _subject_of_apposition(t: Token) -> Token | None:
    """"Iran, the main backer of the Houthis, condemned ...": the apposition ``t`` read as the subject
    and the name before it as the apposition's own subject. Returns the name when it is so."""
    if t.dep_ != "nsubj" or t.pos_ != "NOUN" or t.head.pos_ not in ("VERB", "AUX"):
        return None
    name = next((k for k in t.children if k.dep_ == "nsubj" and k.i < t.i), None)
    if name is None:
        return None
    end = max(k.i for k in name.subtree if not k.is_punct)
    if end + 1 >= t.i or t.doc[end + 1].text != ",":
        return None
    if any(k.dep_ == "cop" for k in t.children):
        return None
    return name


def _name_over_apposition(t: Token, name: Token) -> None:
    """The name is the subject again and ``t`` its apposition."""
    name.head, name.dep_ = t.head, "nsubj"
    t.head, t.dep_ = name, "appos"


_NOMINAL_DEPS = frozenset(("obj", "nsubj", "nsubj:pass", "obl", "nmod"))
_NOUN_MODIFIERS = frozenset(("det", "amod", "compound", "nummod", "nmod:poss"))


def _plural_read_as_verb(t: Token) -> bool:
    """"hold joint flight exercises" with "exercises" tagged VBZ though the parse makes it an object
    with modifiers: a plural noun."""
    return t.tag_ == "VBZ" and t.dep_ in _NOMINAL_DEPS and any(c.dep_ in _NOUN_MODIFIERS for c in t.children) \
        and not any(c.dep_ in ("nsubj", "nsubj:pass", "aux", "obj") for c in t.children)


def _noun_read_as_auxiliary(t: Token) -> Token | None:
    """"The bloc suspended all three": the subject noun read as a passive auxiliary of the verb after
    it. Returns the verb when it is so."""
    if t.dep_ not in ("aux", "aux:pass") or t.pos_ not in ("NOUN", "PROPN") or t.head.i <= t.i:
        return None
    verb = t.head
    if verb.tag_ not in ("VBN", "VBD") or any(c.dep_ in ("nsubj", "nsubj:pass") and not _its_determiner(c, t)
                                              for c in verb.children):
        return None
    return verb


def _its_determiner(d: Token, t: Token) -> bool:
    return d.i == t.i - 1 and d.tag_ == "DT"


def _noun_as_subject(t: Token, verb: Token) -> None:
    """The noun is the verb's subject (its determiner, read as the subject, goes back to it) and the
    verb, with no auxiliary left, a past tense."""
    for d in [c for c in verb.children if _its_determiner(c, t)]:
        d.head, d.dep_ = t, "det"
    t.dep_ = "nsubj"
    if not any(c.dep_.startswith("aux") for c in verb.children if c.i != t.i):
        verb.tag_, verb.pos_ = "VBD", "VERB"


SUBORDINATORS = frozenset(("after", "before", "until", "since", "as", "while", "when", "once"))
FINITE = frozenset(("VBD", "VBZ", "VBP"))


def _clause_read_as_phrase(t: Token) -> Token | None:
    """"Mexico cut ties after Ecuadorean police forced their way in": a subordinator read as a
    preposition of the noun after it, and that noun's verb hung elsewhere with no subject. ``t`` is the
    verb; returns the noun when it is so."""
    if t.tag_ not in FINITE or t.dep_ not in ("conj", "advcl", "parataxis") or t.i < 2 or any(
            c.dep_ in ("nsubj", "nsubj:pass", "expl") for c in t.children):
        return None
    noun = next((k for k in reversed(t.doc[t.sent.start:t.i]) if k.right_edge.i == t.i - 1 and k.head.i != k.i
                 and k.dep_ in ("obl", "nmod") and k.pos_ in ("NOUN", "PROPN")), None)
    if noun is None or not any(c.dep_ == "case" and c.lower_ in SUBORDINATORS and c.i < noun.i for c in noun.children):
        return None
    if noun.head.i >= noun.i or not noun.head.pos_ in ("VERB", "AUX") or t.head.i != noun.head.i:
        return None
    return noun


def _verb_of_clause(verb: Token, noun: Token) -> None:
    """The noun is the verb's subject, the subordinator its mark, and the clause hangs where the noun
    did, as an adverbial clause."""
    mark = next(c for c in noun.children if c.dep_ == "case" and c.lower_ in SUBORDINATORS)
    main = noun.head
    verb.head, verb.dep_ = main, "advcl"
    noun.head, noun.dep_ = verb, "nsubj"
    mark.head, mark.dep_, mark.pos_ = verb, "mark", "SCONJ"
    for c in [c for c in main.children if c.dep_ == "conj" and c.i > verb.i]:
        cc = next((k for k in c.children if k.dep_ == "cc"), None)
        if cc is not None and cc.i > 0 and c.doc[cc.i - 1].text != "," and not any(
                k.dep_ in ("nsubj", "nsubj:pass") for k in c.children):
            c.head = verb  # "... after police forced their way in and arrested him": the clause's own second verb


def _perfects_together(speech: Token) -> int:
    """"They said ECOWAS had failed to help and had imposed sanctions": a second past perfect read as
    coordinated with the speech verb goes with the first, inside what is said. Returns 1 if repaired."""
    if any(c.dep_.startswith("aux") for c in speech.children):
        return 0
    said = next((c for c in speech.children if c.dep_ == "ccomp" and c.i > speech.i and _has_had(c)), None)
    if said is None:
        return 0
    for c in speech.children:
        if c.dep_ == "conj" and c.i > said.i and _has_had(c) and not any(k.dep_ in ("nsubj", "nsubj:pass") for k in c.children):
            c.head = said
            return 1
    return 0


def _has_had(verb: Token) -> bool:
    return any(c.dep_ == "aux" and c.lower_ == "had" for c in verb.children)


# (finder, repair) pairs: a finder takes a token and the speech lemmas and returns the other token
# its repair needs, or None
def _main_verb_read_as_modifier(t: Token) -> Token | None:
    """"The Saudi-led coalition struck Sanaa.": a sentence whose only verb, right after the subject
    noun, the parser hung on that noun as a participle clause, making the noun the root. Returns the
    noun when it is so."""
    noun = t.head
    if noun.dep_ == "conj" and noun.head.dep_ == "ROOT" and noun.head.i < noun.i:
        noun = noun.head  # "Colombia's government and the rebels signed ...": the whole coordination
    if t.dep_ != "acl" or t.tag_ not in ("VBN", "VBD") or not t.text.islower() or t.head.i != t.i - 1 \
            or noun.dep_ != "ROOT" or noun.pos_ not in ("NOUN", "PROPN") or t.i + 1 >= len(t.doc):
        return None
    kids = list(t.children)
    if any(c.dep_.startswith("aux") or c.dep_ in ("obl:agent", "cop") for c in kids) \
            or not any(c.dep_ in ("obj", "xcomp", "dobj") and c.i > t.i and c.pos_ in ("NOUN", "PROPN") for c in kids):
        return None
    sent = noun.sent
    if sent[-1].text not in (".", "!") or any(
            w.pos_ in ("VERB", "AUX") and w.i != t.i and not (w.i > 0 and w.doc[w.i - 1].text == "-") for w in sent):
        return None
    return noun


def _verb_read_as_object_modifier(t: Token) -> Token | None:
    """"The Chinese premier praised Pakistan for ...": the sentence's verb read as a modifier of its
    object, which the parser made the root with the real subject as its subject. Returns the object."""
    obj = t.head
    if t.dep_ not in ("amod", "compound") or t.tag_ not in ("VBN", "VBD") or not t.text.islower() \
            or obj.i != t.i + 1 or obj.dep_ != "ROOT" or obj.pos_ not in ("NOUN", "PROPN"):
        return None
    subj = [c for c in obj.children if c.dep_ in ("nsubj", "nsubj:pass") and c.i < t.i]
    if len(subj) != 1 or any(w.pos_ in ("VERB", "AUX") and w.i != t.i and not (w.i > 0 and w.doc[w.i - 1].text == "-")
                             for w in obj.sent if w.i < obj.i or w.dep_ in ("cop", "aux")):
        return None
    return obj


def _verb_over_object(verb: Token, obj: Token) -> None:
    verb.tag_, verb.pos_ = "VBD", "VERB"
    verb.head, verb.dep_ = verb, "ROOT"
    for c in list(obj.children):
        if c.i < verb.i:
            c.head = verb  # the subject (and what led it) goes to the verb
        elif c.dep_ in ("nmod", "obl", "punct", "advcl", "conj", "cc", "parataxis") and c.i > obj.i:
            c.head = verb
            if c.dep_ == "nmod":
                c.dep_ = "obl"
    obj.head, obj.dep_ = verb, "obj"


def _verb_over_noun(verb: Token, noun: Token) -> None:
    verb.tag_, verb.pos_ = "VBD", "VERB"
    verb.head, verb.dep_ = verb, "ROOT"
    for c in [c for c in noun.subtree if c.head.i != verb.i and c.head.i < verb.i < c.i]:
        c.head = verb  # what the clause had hung after the verb on a noun before it
    for c in [c for c in noun.children if c.i > verb.i]:
        c.head = verb
    noun.head, noun.dep_ = verb, "nsubj"
    for c in verb.children:
        if c.dep_ == "xcomp" and c.pos_ in ("NOUN", "PROPN"):
            c.dep_ = "obj"


_WORD_REPAIRS = (
    (_name_before_past, _verb_over_phrase),
    (lambda t, says: _past_after_name(t), _verb_over_root),
    (lambda t, says: _perfect_read_as_have(t), _verb_over_have),
    (lambda t, says: _verb_after_relative(t), _verb_over_subject),
    (lambda t, says: _subject_of_apposition(t), _name_over_apposition),
    (lambda t, says: _noun_read_as_auxiliary(t), _noun_as_subject),
    (lambda t, says: _clause_read_as_phrase(t), _verb_of_clause),
    (lambda t, says: _main_verb_read_as_modifier(t), _verb_over_noun),
    (lambda t, says: _verb_read_as_object_modifier(t), _verb_over_object),
)


def repair(doc: Doc) -> int:
    """Repair ``doc`` in place; returns the number of clauses repaired."""
    if not doc.has_annotation("DEP"):
        return 0
    says = say_lemmas()
    fixed = 0
    for t in doc:
        if _plural_read_as_verb(t):
            t.tag_, t.pos_ = "NNS", "NOUN"
            fixed += 1
            continue
        if _past_as_adjective(t):
            _verb_from_modifier(t)
            fixed += 1
            continue
        for find, fix in _WORD_REPAIRS:  # (the first that finds its slip repairs it)
            other = find(t, says)
            if other is not None:
                fix(t, other)
                fixed += 1
                break
    for speech in doc:
        if speech.lemma not in says or speech.pos_ != "VERB":
            continue
        fixed += _perfects_together(speech)
        kids = list(speech.children)
        subjects = [c for c in kids if c.dep_ == "nsubj"]
        nominal = [c for c in kids if c.dep_ == "ccomp" and c.pos_ in ("NOUN", "PROPN") and c.i < speech.i]
        first = subjects[0] if len(subjects) >= 2 else (nominal[0] if nominal else None)
        verb = _clause_verb(first) if first is not None else None
        if verb is not None:
            _promote(verb, first, speech)
            fixed += 1
    return fixed


@Language.component("dossier_parse_fixes")
def parse_fixes(doc: Doc) -> Doc:
    repair(doc)
    return doc


def add_parse_fixes(nlp: Language) -> Language:
    if "dossier_parse_fixes" not in nlp.pipe_names and "parser" in nlp.pipe_names:
        nlp.add_pipe("dossier_parse_fixes", last=True)
    return nlp
