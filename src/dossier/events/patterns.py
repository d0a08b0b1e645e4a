"""Verb and noun patterns (``dossier/data/events/{verbs,nouns,lists}.yaml``): loading, compiling
once per process, and matching a parsed token against them.

A token is looked up by lemma (lower case); when the lemmatizer gives nothing usable (a blank
pipeline, "IRAN HAS SENT") its lower-cased form is looked up in an index of inflected forms
generated from the pattern lemmas."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from spacy.tokens import Token

from . import deps

DATA = Path(__file__).resolve().parent.parent / "data" / "events"

# irregular inflections of pattern lemmas (the regular ones are generated)
_IRREGULAR = {
    "send": ["sent"], "meet": ["met"], "give": ["gave", "given"], "fight": ["fought"],
    "shoot": ["shot"], "strike": ["struck", "stricken"], "beat": ["beaten"], "break": ["broke", "broken"],
    "fly": ["flew", "flown"], "lead": ["led"], "hold": ["held"], "seek": ["sought"], "sell": ["sold"],
    "tell": ["told"], "say": ["said"], "withdraw": ["withdrew", "withdrawn"], "lend": ["lent"],
    "take": ["took", "taken"], "make": ["made"], "pay": ["paid"], "begin": ["began", "begun"],
    "overrun": ["overran"], "run": ["ran"], "go": ["went", "gone"], "bring": ["brought"],
    "forgive": ["forgave", "forgiven"], "undertake": ["undertook", "undertaken"], "cut": ["cut"],
    "put": ["put"], "set": ["set"], "hit": ["hit"], "shut": ["shut"], "slay": ["slew", "slain"],
    "win": ["won"], "seize": ["seized"], "freeze": ["froze", "frozen"], "lay": ["laid"],
    "arise": ["arose", "arisen"], "know": ["knew", "known"], "think": ["thought"],
    "understand": ["understood"], "write": ["wrote", "written"], "show": ["shown"],
    "swear": ["swore", "sworn"], "blow": ["blew", "blown"], "retake": ["retook", "retaken"],
    "overtake": ["overtook", "overtaken"], "stand": ["stood"], "feel": ["felt"], "bid": ["bid"],
    "withhold": ["withheld"], "overthrow": ["overthrew", "overthrown"], "build": ["built"],
    "sink": ["sank", "sunk"], "throw": ["threw", "thrown"], "speak": ["spoke", "spoken"], "find": ["found"],
}


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    lemma: str
    pos: str  # verb | noun
    code: str | None
    obj: frozenset | None = None
    prep: tuple[str, ...] = ()
    has: frozenset | None = None
    prt: frozenset | None = None
    gov: frozenset | None = None
    mod: frozenset | None = None
    target: tuple[str, ...] = ()
    alone: bool = False
    symmetric: bool = False
    swap: str | None = None
    frame: str | None = None
    ctl: str = "subj"
    of: str = "target"
    embedded_only: bool = False
    pobj: frozenset | None = None
    verdict: frozenset | None = None
    untargeted: str | None = None


_DEFAULT_VERB_TARGETS = ("obj", "iobj", "against", "on", "upon", "with", "to", "into", "toward", "at")
DEFAULT_NOUN_TARGETS = ("against", "on", "upon", "with", "between", "to", "into", "toward", "at", "of")


class _Loader(yaml.SafeLoader):
    """YAML without the 1.1 booleans on/off/yes/no: in pattern files they are words ("prt: [on]",
    "target: [on, against]"); only true/false are booleans."""


_Loader.yaml_implicit_resolvers = {
    k: [r for r in v if r[0] != "tag:yaml.org,2002:bool"] for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()}
_Loader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                              list("tTfF"))


def read_yaml(path: Path) -> Any:
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_Loader)


@functools.lru_cache(maxsize=1)
def lists() -> dict[str, Any]:
    """The word classes of ``lists.yaml``: a list gives a frozenset of its lower-cased words, a mapping
    a dict (lower-cased word -> its value as written)."""
    raw = read_yaml(DATA / "lists.yaml")
    return {k: {str(w).lower(): x for w, x in v.items()} if isinstance(v, dict) else frozenset(str(w).lower() for w in v)
            for k, v in raw.items()}


def _words(value: Any) -> frozenset | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = [value]
    out: set[str] = set()
    for v in value:
        v = str(v).lower()
        if v.startswith("@"):
            out |= lists()[v[1:]]
        else:
            out.add(v)
    return frozenset(out)


def _rule(lemma: str, pos: str, spec: dict[str, Any]) -> Rule:
    code = str(spec["code"]) if spec.get("code") is not None else None
    obj, prep, has = spec.get("obj"), spec.get("prep"), spec.get("has")
    prt, gov, mod = spec.get("prt"), spec.get("gov"), spec.get("mod")
    detail = []
    for key, val in (("", obj), ("", prep), ("", prt), ("", has), ("", mod), ("", spec.get("pobj")),
                     ("", spec.get("verdict"))):
        if val:
            detail.append(val if isinstance(val, str) else "/".join(map(str, val[:2])))
    if spec.get("frame"):
        detail.insert(0, f"[{spec['frame']}]")
    rid = f"{pos}:{lemma}" + ("+" + "+".join(detail) if detail else "") + f"→{code or '?'}"
    target = spec.get("target")
    if target is None:
        target = _DEFAULT_VERB_TARGETS if pos == "verb" else DEFAULT_NOUN_TARGETS
    elif target == "none":
        target = ()
    return Rule(
        id=rid, lemma=lemma, pos=pos, code=code, obj=_words(obj) if obj else None,
        prep=tuple(prep) if isinstance(prep, list) else ((prep,) if prep else ()),
        has=_words(has), prt=_words(prt), gov=_words(gov), mod=_words(mod), target=tuple(target),
        alone=bool(spec.get("alone")), symmetric=bool(spec.get("symmetric")), swap=spec.get("swap"),
        frame=spec.get("frame"), ctl=spec.get("ctl", "subj"), of=spec.get("of", "target"),
        embedded_only=bool(spec.get("embedded_only")), pobj=_words(spec.get("pobj")) if spec.get("pobj") else None,
        verdict=_words(spec.get("verdict")) if spec.get("verdict") else None,
        untargeted=str(spec["untargeted"]) if spec.get("untargeted") is not None else None)


def _inflections(lemma: str) -> set[str]:
    forms = {lemma}
    if lemma.endswith("e"):
        forms |= {lemma + "s", lemma + "d", lemma[:-1] + "ing"}
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        forms |= {lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"}
    else:
        suffix_s = "es" if lemma.endswith(("s", "sh", "ch", "x", "z")) else "s"
        forms |= {lemma + suffix_s, lemma + "ed", lemma + "ing"}
        if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
            forms |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    forms |= set(_IRREGULAR.get(lemma, ()))
    return forms


@dataclass(frozen=True, slots=True)
class Patterns:
    verbs: dict[str, tuple[Rule, ...]]
    nouns: dict[str, tuple[Rule, ...]]
    verb_forms: dict[str, str]
    noun_forms: dict[str, str]

    keys: frozenset = frozenset()  # hashes of every lemma/form a trigger can have (fast pre-filter)

    @property
    def counts(self) -> dict[str, int]:
        return {"verb_lemmas": len(self.verbs), "verb_rules": sum(map(len, self.verbs.values())),
                "noun_lemmas": len(self.nouns), "noun_rules": sum(map(len, self.nouns.values()))}


@functools.lru_cache(maxsize=1)
def load() -> Patterns:
    """All patterns, compiled once per process."""
    out = {}
    for pos in ("verb", "noun"):
        raw = read_yaml(DATA / f"{pos}s.yaml") or {}
        out[pos] = {str(k).lower(): tuple(_rule(str(k).lower(), pos, s) for s in v) for k, v in raw.items()}
        for k in list(out[pos]):  # British spellings: "mobilisation", "legalise", "criticised"
            alt = re.sub(r"iz(e|ation)$", r"is\1", k)
            out[pos].setdefault(alt, out[pos][k])
        for k in lists()["hyphenated_event_nouns"]:  # "cease-fire" codes as "ceasefire"
            if k.replace("-", "") in out[pos]:
                out[pos].setdefault(k, out[pos][k.replace("-", "")])
    vforms = {}
    for lem in out["verb"]:
        for form in _inflections(lem):
            vforms.setdefault(form, lem)
    nforms = {}
    for lem in out["noun"]:
        for form in (lem, lem + "s", lem + "es", lem[:-1] + "ies" if lem.endswith("y") else lem):
            nforms.setdefault(form, lem)
    from spacy.strings import hash_string
    keys = frozenset(hash_string(w) for w in set(out["verb"]) | set(out["noun"]) | set(vforms) | set(nforms))
    return Patterns(out["verb"], out["noun"], vforms, nforms, keys)


def lookup(tok: Token, pats: Patterns) -> tuple[str, str] | None:
    """(pos, lemma) of the pattern group for this token, or None."""
    if tok.lower not in pats.keys and tok.lemma not in pats.keys and tok.norm not in pats.keys:
        return None
    if deps.is_verbal(tok) and tok.pos_ != "AUX":
        lem = deps.lemma(tok)
        if lem in pats.verbs:
            return "verb", lem
        lem = pats.verb_forms.get(tok.lower_)
        if lem:
            return "verb", lem
        return None
    if tok.pos_ in ("NOUN", "PROPN") or tok.tag_.startswith("NN"):
        lem = deps.lemma(tok)
        if lem in pats.nouns:
            return "noun", lem
        lem = pats.noun_forms.get(tok.lower_)
        if lem:
            return "noun", lem
        lem = _past_form_as_name(tok, pats) or _infinitive_as_noun(tok, pats)
        if lem:
            return "verb", lem
        return None
    if tok.pos_ in ("ADJ", "ADV", "X", "") and tok.lower_ in pats.verb_forms and tok.i + 1 < len(tok.doc) \
            and tok.nbor(1).pos_ in ("DET", "PROPN", "NOUN", "PRON") \
            and not (tok.i > 0 and (tok.nbor(-1).pos_ == "DET" or tok.nbor(-1).pos_ in ("NOUN", "CCONJ", "ADP", "SCONJ")
                                    and tok.dep_ == "amod" and tok.nbor(-1).lower_ != "to")):
        # tagger slips on a verb ("IRAN HAS SENT a ..."); after a determiner it is a modifier
        # ("the protest leaders"), after a noun the second half of a compound ("a violence free
        # march"), and after "and" or a preposition the start of a noun phrase ("between police and
        # armed Serbs"; but "an intervention to free Bazoum" read as "to [free Bazoum]" is a verb)
        return "verb", pats.verb_forms[tok.lower_]
    return None


def _past_form_as_name(tok: Token, pats: Patterns) -> str | None:
    """A lower-case past form tagged as a name or noun ("The United States vetoed a resolution"
    with "vetoed" as PROPN): the verb's lemma."""
    w = tok.lower_
    lem = pats.verb_forms.get(w)
    if lem is None or w == lem or not tok.text[:1].islower() or w.endswith(("ing", "s")) or w in pats.noun_forms:
        return None
    if tok.i + 1 < len(tok.doc) and tok.nbor(1).pos_ in ("DET", "PROPN", "NOUN", "PRON", "NUM", "ADJ"):
        return lem
    return None


_OBJECT_START = frozenset(("DET", "PROPN", "PRON", "NUM", "NOUN", "ADJ"))


def _infinitive_as_noun(tok: Token, pats: Patterns) -> str | None:
    """A bare verb after infinitival "to" tagged as a noun ("Qatar offered to mediate", "plans to
    negotiate" with the verb read as the object of "to"): the verb, when "to" follows a verb, an
    adjective ("ready to") or a word of intent ("plans to"). A word that is also an event noun
    ("to aid") counts only when something that can be its object follows it."""
    w = tok.lower_
    if w not in pats.verbs or tok.i < 2 or not tok.text[:1].islower():
        return None
    to, gov = tok.nbor(-1), tok.nbor(-2)
    if to.lower_ != "to" or not (deps.is_verbal(gov) or gov.pos_ == "ADJ" or deps.lemma(gov) in lists()["intent_words"]):
        return None
    if w in pats.nouns and not (tok.i + 1 < len(tok.doc) and tok.nbor(1).pos_ in _OBJECT_START):
        return None
    return w


def stems(word: str) -> set[str]:
    """Candidate base forms of an inflected word (a safety net for lemmatizer slips:
    "expresse", "occupie")."""
    w = word.lower()
    out = {w}
    if len(w) < 4:
        return out
    if w.endswith("ies") or w.endswith("ied"):
        out.add(w[:-3] + "y")
    if w.endswith("ing"):
        out |= {w[:-3], w[:-3] + "e"}
        if len(w) > 5 and w[-4] == w[-5]:
            out.add(w[:-4])
    if w.endswith("ed"):
        out |= {w[:-2], w[:-1]}
        if len(w) > 4 and w[-3] == w[-4]:
            out.add(w[:-3])
    if w.endswith("es"):
        out |= {w[:-2], w[:-1]}
    elif w.endswith("s"):
        out.add(w[:-1])
    if w.endswith("e"):
        out.add(w[:-1])
    return out


def word_set(tok: Token) -> set[str]:
    return {deps.lemma(tok)} | stems(tok.lower_)
