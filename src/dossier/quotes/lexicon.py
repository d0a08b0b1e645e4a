"""Cue and source word lists for attribution, read once from ``dossier/data/quotes/*.yaml``."""
from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data" / "quotes"

DAYS = frozenset("monday tuesday wednesday thursday friday saturday sunday".split())
MONTHS = frozenset("january february march april may june july august september october november "
                   "december jan. feb. mar. apr. jun. jul. aug. sep. sept. oct. nov. dec.".split())
TIME_WORDS = frozenset("yesterday today tonight earlier later recently again afterwards afterward "
                       "separately privately publicly".split()) | DAYS
QUOTE_OPEN = frozenset(["“", "``", "‘‘", "«"])
QUOTE_CLOSE = frozenset(["”", "''", "’’", "»"])
QUOTE_BOTH = frozenset(['"'])
QUOTE_MARKS = QUOTE_OPEN | QUOTE_CLOSE | QUOTE_BOTH
# Words that end a speaker noun phrase when scanning leftwards from a cue.
SPEAKER_STOP = frozenset("""amid against despite over under about into like among through without within
that which when while because as but if although though since after before where
so whether whom whose what why how than unless until once nor yet then there here it this these those
however meanwhile also still instead""".split())
PRONOUN_ONLY = frozenset("he she they we i it you".split())
OBJECT_PRONOUNS = frozenset("him her them us me you it".split())


def _inflect(lemma: str) -> list[str]:
    """Regular inflections of an English verb lemma: say -> says, sayed, saying (good enough for lookup)."""
    out = [lemma]
    if lemma.endswith("e"):
        out += [lemma + "s", lemma + "d", lemma[:-1] + "ing"]
    elif lemma.endswith("y") and lemma[-2:-1] not in "aeiou":
        out += [lemma[:-1] + "ies", lemma[:-1] + "ied", lemma + "ing"]
    elif lemma.endswith(("s", "sh", "ch", "x", "z")):
        out += [lemma + "es", lemma + "ed", lemma + "ing"]
    else:
        out += [lemma + "s", lemma + "ed", lemma + "ing"]
    return out


@dataclass(frozen=True)
class Lexicon:
    verb_forms: dict[str, tuple[str, str]]  # form -> (lemma, class)
    deny: frozenset[str]
    accuse: frozenset[str]
    as_complement: frozenset[str]
    phrases: tuple[tuple[tuple[str, ...], str], ...]
    cue_prefix: frozenset[str]
    pronouns_sg: frozenset[str]
    pronouns_pl: frozenset[str]
    group_nouns: frozenset[str]
    both: tuple[str, ...]
    media_nouns: tuple[str, ...]
    medium_nouns: tuple[str, ...]
    particles: dict
    particle_only: frozenset[str] = frozenset()
    intent: frozenset[str] = frozenset()
    evidence_verbs: frozenset[str] = frozenset()
    evidence_nouns: frozenset[str] = frozenset()
    noun_cues: frozenset[str] = frozenset()
    quote_only: frozenset[str] = frozenset()
    framed_only: frozenset[str] = frozenset()
    framed_nouns: frozenset[str] = frozenset()
    act_objects: dict = field(default_factory=dict)  # speech lemma -> word tuples of objects that make it an act

    def verb(self, lower: str) -> tuple[str, str] | None:
        return self.verb_forms.get(lower)


@functools.lru_cache(maxsize=1)
def load() -> Lexicon:
    cues = yaml.safe_load((DATA / "cues.yaml").read_text(encoding="utf-8"))
    src = yaml.safe_load((DATA / "sources.yaml").read_text(encoding="utf-8"))
    irregular = {k: list(v) for k, v in (cues.get("irregular") or {}).items()}
    forms: dict[str, tuple[str, str]] = {}
    # later classes never override earlier ones: speech-like classes win over clausal
    for cls in ("deny", "accuse", "speech", "clausal", "intent", "object"):
        for lemma in cues.get(cls) or ():
            for form in irregular.get(lemma) or _inflect(lemma):
                forms.setdefault(form.lower(), (lemma, cls))
    phrases = tuple((tuple(w.lower() for w in p["words"]), p["speaker"]) for p in cues.get("phrases") or ())
    return Lexicon(
        verb_forms=forms,
        deny=frozenset(cues.get("deny") or ()),
        accuse=frozenset(cues.get("accuse") or ()),
        as_complement=frozenset(cues.get("as_complement") or ()),
        phrases=phrases,
        cue_prefix=frozenset(w.lower() for w in cues.get("cue_prefix") or ()),
        pronouns_sg=frozenset(src["pronouns"]["singular"]),
        pronouns_pl=frozenset(src["pronouns"]["plural"]),
        group_nouns=frozenset(w.lower() for w in src.get("group_nouns") or ()),
        both=tuple(src.get("both") or ()),
        media_nouns=tuple(src.get("media_nouns") or ()),
        medium_nouns=tuple(src.get("medium_nouns") or ()),
        particles={k: frozenset(v) for k, v in (cues.get("particles") or {}).items()},
        intent=frozenset(cues.get("intent") or ()),
        particle_only=frozenset(cues.get("particle_only") or ()),
        evidence_verbs=frozenset((cues.get("evidence") or {}).get("verbs") or ()),
        evidence_nouns=frozenset(w.lower() for w in (cues.get("evidence") or {}).get("nouns") or ()),
        noun_cues=frozenset(w.lower() for w in cues.get("noun_cues") or ()),
        quote_only=frozenset(cues.get("quote_only") or ()),
        framed_only=frozenset(cues.get("framed_only") or ()),
        framed_nouns=frozenset(w.lower() for w in cues.get("framed_nouns") or ()),
        act_objects={k: tuple(tuple(str(p).lower().split()) for p in v)
                     for k, v in (cues.get("act_objects") or {}).items()},
    )
