"""Word classes live in data files (``data/actors/lexicon.yaml``, ``data/events/lists.yaml``), not in
code: every class the rules read is there, non-empty, written as it is matched, and is what the code uses."""
from __future__ import annotations

import pytest

from dossier.actors import collect, coref, mentions, titles
from dossier.actors.kb import _lexicon_word, lexicon
from dossier.events import coder, roles
from dossier.events.patterns import lists

ACTOR_CLASSES = {  # lexicon.yaml key -> (module, constant)
    "say_lemmas": (coref, "SAY_LEMMAS"), "domestic_sectors": (coref, "DOMESTIC"),
    "visit_verbs": (coref, "VISIT_VERBS"), "relation_nouns": (coref, "RELATION_NOUNS"),
    "org_nominals": (collect, "ORG_NOMINALS"), "act_nouns": (collect, "_ACT_NOUNS"),
    "place_of_nouns": (collect, "_PLACE_OF"), "place_after_words": (collect, "_PLACE_AFTER"),
    "area_words": (collect, "_AREA_WORDS"), "sector_words": (titles, "SECTOR_WORDS"),
    "name_particles": (mentions, "PARTICLES"), "not_names": (mentions, "NOT_NAME"),
    "speech_forms": (mentions, "SPEECH"), "month_surnames": (mentions, "MONTH_SURNAMES"),
    "domestic_organs": (coref, "HOME_ORGANS"), "likeness_words": (collect, "_LIKENESS"),
    "state_nouns": (collect, "STATE_NOUNS"), "top_offices": (mentions, "_TOP_OFFICES"),
    "party_heads": (collect, "PARTY_HEADS"),
}
EVENT_CLASSES = {  # lists.yaml key -> (module, constant)
    "group_nouns": (roles, "GROUP_NOUNS"), "military_craft": (roles, "MILITARY_CRAFT"),
    "national_nouns": (roles, "NATIONAL_NOUNS"), "object_control_verbs": (roles, "_OBJ_CONTROL"),
    "blame_verbs": (roles, "_BLAME"), "answer_nouns": (roles, "_ANSWER_NOUNS"),
    "circumstance_preps": (roles, "_CIRCUMSTANCE"), "security_nouns": (coder, "_SECURITY_NOUNS"),
    "reaction_words": (roles, "_REACTION"), "water_words": (roles, "WATERS"), "attack_nouns": (roles, "ATTACK_NOUNS"),
    "inquiry_nouns": (roles, "_INQUIRY_NOUNS"), "respond_verbs": (roles, "_RESPOND_VERBS"),
    "people_nouns": None, "crowd_sectors": None,  # combined or upper-cased in code: checked below
}
CODES = {"domestic_sectors"}  # PLOVER sector codes, upper case
CASED = {"not_names", "month_surnames"}  # matched against the text as written


@pytest.mark.parametrize("key", sorted(ACTOR_CLASSES))
def test_actor_word_classes_come_from_the_lexicon(key):
    value = lexicon()[key]
    assert value, f"lexicon.yaml: {key} is empty"
    module, name = ACTOR_CLASSES[key]
    assert getattr(module, name) is value
    words = value.keys() if isinstance(value, dict) else value
    if key in CODES:
        assert all(w.isupper() and len(w) == 3 for w in words)
    elif key not in CASED:
        assert all(w == w.lower() for w in words), f"lexicon.yaml: {key} has words that are not lower case"


def test_lexicon_mappings_keep_their_shape():
    # the sectors of a nominal are a tuple ("the bloc" is compared with ("IGO",)); a sector word gives one code
    assert collect.ORG_NOMINALS["bloc"] == ("IGO",)
    assert all(isinstance(v, tuple) and v for v in lexicon()["org_nominals"].values())
    assert titles.SECTOR_WORDS["separatist"] == "REB"
    assert "No" in mentions.NOT_NAME and "On" in mentions.NOT_NAME  # quoted in YAML: words, not booleans


def test_lexicon_entries_must_be_words():
    with pytest.raises(ValueError, match="quote it"):
        _lexicon_word("not_names", False)  # an unquoted "No" in lexicon.yaml


@pytest.mark.parametrize("key", sorted(EVENT_CLASSES))
def test_event_word_classes_come_from_the_lists(key):
    value = lists()[key]
    assert value, f"lists.yaml: {key} is empty"
    if EVENT_CLASSES[key] is not None:
        module, name = EVENT_CLASSES[key]
        assert getattr(module, name) is value


def test_event_lists_combined_in_code():
    assert roles.PEOPLE_NOUNS == lists()["people_nouns"] | set(lists()["national_nouns"])
    assert roles.NATIONAL_NOUNS["embassy"] == "GOV" and roles.NATIONAL_NOUNS["ship"] is None
    assert coder._CROWD_SECTORS == {s.upper() for s in lists()["crowd_sectors"]} and "CVL" in coder._CROWD_SECTORS
