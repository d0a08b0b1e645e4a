"""Events stage: data and helpers (no model needed), seed acceptance (../shared/seeds, skipped when
absent or without the parser model), and articles of our own (our words, other regions).

Seed items the current parser cannot yet support are marked ``xfail(strict=False)`` with the
reason, so that they show up as XPASS once a better parse makes them pass."""
from __future__ import annotations

from pathlib import Path

import pytest

from dossier.events import cameo_info, load_patterns
from dossier.events import codebook, dates
from dossier.model import Published

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
MODEL = ROOT / "src" / "dossier" / "models" / "en_dossier" / "meta.json"


# -- data and helpers ---------------------------------------------------------------------------
def test_codebook_facts():
    e = cameo_info("0332")
    assert e["plover"] == "AGREE" and e["quad"] == 1 and e["goldstein"] == 5.2
    assert cameo_info("173")["plover"] == "COERCE"
    assert cameo_info("195")["plover"] == "ASSAULT" and cameo_info("195")["quad"] == 4
    assert cameo_info("010")["plover"] is None  # MAKE STATEMENT has no PLOVER type
    assert cameo_info("026")["plover"] == "REQUEST"


@pytest.mark.parametrize("frame,embedded,expected", [
    ("intend", "072", "0332"), ("appeal", "046", "026"), ("appeal", "0841", "0253"),
    ("demand", "0841", "1053"), ("threaten", "163", "1312"), ("threaten", "190", "1384"),
    ("reject", "040", "125"), ("intend", None, "030"), ("appeal", None, "020"),
])
def test_frames_recode(frame, embedded, expected):
    assert codebook.recode(frame, embedded) == expected


def test_frame_tables_from_data_file():
    """The frame tables live in data/events/frames.yaml; recoding is pinned (every codebook code under
    every frame, and the frame status) so that moving or reformatting the data changes nothing."""
    import hashlib
    import json
    tables = codebook.frame_tables()
    assert set(tables) == {"intend", "appeal", "demand", "threaten", "reject"} and tables is codebook.RECODE
    # every target is a codebook code or falls back to one (reject 063/064 -> 1213/1214 -> 121)
    assert all(codebook.valid(v) in (v, v[:3]) for t in tables.values() for v in t.values())
    assert all(k == "*" or codebook.valid(k) == k for t in tables.values() for k in t)
    book = sorted(codebook.codebook())
    out = {f: {**{c: codebook.recode(f, c) for c in book}, "None": codebook.recode(f, None)} for f in tables}
    status = {f: {c: codebook.frame_status(f, c) for c in book} for f in tables}
    digest = lambda x: hashlib.sha256(json.dumps(x, sort_keys=True).encode()).hexdigest()  # noqa: E731
    assert digest(out) == "de6354f3a9f1897f4ac9b1f7089e60821d277ffaf5d0a13d506604c3a62c0e12"
    assert digest(status) == "183026c7bcb2c3fcbe63102f6ee340e78550277517a26b3dd711846168ed4167"
    assert codebook.recode("intend", "190") == "1384" and codebook.recode("intend", "010") == "030"


def test_patterns_compile_once():
    p = load_patterns()
    assert p is load_patterns()
    c = p.counts
    assert c["verb_rules"] > 200 and c["noun_rules"] > 60
    assert p.verb_forms["sent"] == "send" and p.verb_forms["overran"] == "overrun"


def test_ontology_map_codes_are_cameo():
    """The AIDA/KAIROS -> CAMEO table of training/events_lexicon.py names only codebook codes."""
    from dossier.events.patterns import read_yaml
    table = read_yaml(Path(__file__).resolve().parent.parent / "training" / "events_ontology_map.yaml")
    for onto in ("aida", "kairos"):
        codes = {k: v for k, v in table[onto].items() if v is not None}
        assert codes and all(codebook.valid(v) == v for v in codes.values()), onto
    assert table["aida"]["justice.arrestjaildetain"] == "173" and table["aida"]["life"] is None
    assert "email" in table["exclude"]


@pytest.mark.parametrize("text,pub,value,precision", [
    ("the military said on Monday", "2007-07-02", "2007-07-02", "day"),  # a Monday
    ("Obama announced Thursday", "2014-06-20", "2014-06-19", "day"),
    ("a landmark meeting on May 28", "2007-07-02", "2007-05-28", "day"),
    ("dismissed on Sunday", "2007-07-02", "2007-07-01", "day"),
    ("talks last month", "2014-06-20", "2014-05", "month"),
    ("occupied Iraq between 2003 and 2011", "2014-06-20", "2003", "year"),
    ("three days ago", "2014-06-20", "2014-06-17", "day"),
    ("in December", "2014-06-20", "2013-12", "month"),
])
def test_dates_resolve(text, pub, value, precision):
    found = dates.find(text, 0, Published(pub, "day", "user"))
    assert found and found[0].value == value and found[0].precision == precision


def test_dates_unresolved_without_publication():
    found = dates.find("the army said on Monday", 0, Published())
    assert found[0].value is None and found[0].precision == "unknown" and found[0].text == "on Monday"
    rng = dates.find("between 2003 and 2011", 0, Published())[0]
    assert rng.value == "2003" and rng.end_value == "2011"  # absolute dates need no reference


# -- with the parser ----------------------------------------------------------------------------
def _need_model():
    if not MODEL.exists():
        pytest.skip("the shipped parser model (en_dossier) is not built yet")


def _extract(text: str, published: str | None):
    _need_model()
    from dossier.pipeline import extract
    kw = {"published": published} if published else {}
    doc = extract(text, **kw)
    assert doc.error is None, doc.error
    return doc


def _seed(prefix: str, published: str):
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not available")
    path = next(iter(sorted(SEEDS.glob(prefix + "_*.txt"))), None)
    if path is None:
        pytest.skip(f"seed {prefix} not available")
    return _extract(path.read_text(encoding="utf-8"), published)


def _name(actor) -> str:
    if not actor:
        return ""
    return " ".join(str(actor.get(k) or "") for k in ("name", "code", "country")).lower()


def find(doc, *, types=(), roots=(), src=(), tgt=(), status=None, by=None):
    """Events matching: PLOVER type in ``types`` or CAMEO root in ``roots``; source/target whose
    name/code/country contains one of the strings; optional status and asserter."""
    out = []
    for e in doc.events:
        if (types or roots) and not (e.plover in types or e.cameo[:2] in roots):
            continue
        if src and not any(s.lower() in _name(e.source) for s in src):
            continue
        if tgt and not any(t.lower() in _name(e.target) for t in tgt):
            continue
        if status and e.status not in (status if isinstance(status, tuple) else (status,)):
            continue
        if by and not any(b.lower() in _name(e.asserted_by) for b in by):
            continue
        out.append(e)
    return out


@pytest.fixture(scope="module")
def pentagon():
    return _seed("000", "2014-06-20")


@pytest.fixture(scope="module")
def qods():
    return _seed("004", "2007-07-02")


WEAK_PARSE = "needs a better dependency parse than the current en_dossier model"


def test_000_iran_aids_iraq_alleged(pentagon):
    assert find(pentagon, types=("AID",), src=("iran", "irn"), tgt=("iraq", "irq"), status="alleged",
                by=("pentagon", "kirby", "usa"))


def test_000_washington_accused_tehran_historical(pentagon):
    ev = find(pentagon, types=("ACCUSE",), src=("washington", "usa"), tgt=("tehran", "iran", "irn"))
    assert ev and ev[0].date["text"] == "between 2003 and 2011" and "historical" in ev[0].context


def test_000_kirby_interference(pentagon):
    assert find(pentagon, types=("ACCUSE",), src=("kirby", "usa"), tgt=("iran", "irn", "tehran"))


@pytest.mark.xfail(strict=False, reason=WEAK_PARSE + " (relative clause 'which has overrun')")
def test_000_isis_assaults_iraq(pentagon):
    assert find(pentagon, types=("ASSAULT",), src=("isis", "islamic state", "sunni"), tgt=("iraq", "irq"))


@pytest.mark.xfail(strict=False, reason=WEAK_PARSE + " (sentence split after 'Suleimani')")
def test_000_suleimani_visits(pentagon):
    assert find(pentagon, types=("CONSULT",), src=("suleimani",), tgt=("iraq", "irq", "maliki", "baghdad"),
                by=("diplomat",))


def test_000_iran_aids_syria_historical(pentagon):
    ev = find(pentagon, types=("AID",), src=("iran", "irn"), tgt=("syria", "syr", "assad"))
    assert ev and any("historical" in e.context for e in ev)


def test_000_obama_intends_military_aid(pentagon):
    ev = find(pentagon, roots=("03",), src=("obama", "usa"), tgt=("iraq", "irq"))
    assert ev and ev[0].cameo == "0332" and ev[0].plover == "AGREE"
    assert ev[0].status == "intended" and ev[0].date["value"] == "2014-06-19"


def test_000_air_strikes_negated(pentagon):
    ev = find(pentagon, types=("ASSAULT",), src=("obama", "usa"), tgt=("isis", "islamic state"))
    assert ev and all(e.status == "negated" for e in ev)
    assert not find(pentagon, types=("ASSAULT",), src=("obama", "usa"), status="fact")


def test_000_abdollahian_disapproves(pentagon):
    assert find(pentagon, types=("ACCUSE",), src=("abdollahian",), tgt=("obama", "usa"))


def test_004_us_military_accuses_iranian_leaders(qods):
    ev = find(qods, types=("ACCUSE",), src=("u.s. military", "usa"), tgt=("leader", "iran", "irn"))
    assert ev and any(e.date["value"] == "2007-07-02" for e in ev)


def test_004_qods_force_accused_and_arming_alleged(qods):
    assert find(qods, types=("ACCUSE",), src=("u.s. military", "usa"), tgt=("qods", "quds"))
    assert find(qods, types=("AID", "COOPERATE"), src=("qods", "quds"), tgt=("militant", "irq"), status="alleged")


def test_004_iran_denies_and_blames(qods):
    assert find(qods, types=("REJECT",), src=("iran", "irn"))
    assert find(qods, types=("ACCUSE",), src=("iran", "irn"), tgt=("u.s", "usa", "united states"))


def test_004_iraqi_leaders_concerns_asserted_by_bergner(qods):
    assert find(qods, types=("ACCUSE",), src=("iraqi", "irq"), tgt=("iran", "irn"), by=("bergner",))


def test_004_qods_hezbollah_cooperate(qods):
    assert find(qods, types=("COOPERATE",), src=("qods", "quds"), tgt=("hezbollah", "hizbullah"), status="alleged")


@pytest.mark.xfail(strict=False, reason=WEAK_PARSE + " (en_dossier 0.1.0 reads 'dismissed' as a reduced relative"
                   " of the name and makes 'accusations' the root)")
def test_004_najjar_rejects(qods):
    ev = find(qods, types=("REJECT",), src=("najjar",), tgt=("u.s", "usa", "united states"))
    assert ev and ev[0].date["value"] == "2007-07-01"
    assert ev[0].asserted_by and "irna" in _name(ev[0].asserted_by)


def test_004_zebari_requests_meeting(qods):
    ev = find(qods, types=("REQUEST",), src=("zebari",))
    targets = {_name(e.target) for e in ev}
    assert any("usa" in t or "united states" in t for t in targets) and any("irn" in t for t in targets)
    assert all(e.cameo == "026" for e in ev)


def test_004_zebari_dated_sunday(qods):
    assert all(e.date["value"] == "2007-07-01" for e in find(qods, types=("REQUEST",), src=("zebari",)))


@pytest.mark.xfail(strict=False, reason=WEAK_PARSE + " / NER for Crocker and Kazemi-Qomi")
def test_004_crocker_meets_kazemi_qomi(qods):
    ev = find(qods, types=("CONSULT",), src=("crocker", "kazemi"), tgt=("crocker", "kazemi"))
    assert ev and ev[0].date["value"] == "2007-05-28"


def test_004_bergner_criticizes_iran(qods):
    assert find(qods, types=("ACCUSE",), src=("bergner",), tgt=("iran", "irn"))


def test_no_events_from_boilerplate(pentagon, qods):
    assert not find(qods, types=("SANCTION", "COERCE"), roots=("16",), src=("usa", "u.s"))
    for doc in (pentagon, qods):
        for e in doc.events:
            assert doc.body[e.trigger.start:e.trigger.end] == e.trigger.text


def test_to_dict_shape(qods):
    d = qods.to_dict()
    assert d["events"]
    e = d["events"][0]
    assert set(e) >= {"id", "sentence", "trigger", "cameo", "cameo_name", "plover", "mode", "context",
                      "goldstein", "quad_class", "source", "target", "date", "location", "status",
                      "asserted_by", "rule"}
    assert set(e["trigger"]) == {"start", "end", "text"} and e["rule"]
    assert e["status"] in ("fact", "alleged", "denied", "negated", "intended", "threatened", "hypothetical")


# -- articles of our own ------------------------------------------------------------------------
KENYA = """Police arrest opposition supporters in Nairobi

Kenyan police arrested dozens of opposition supporters in Nairobi on Tuesday, a police spokesman said.

The opposition leader condemned the arrests and accused the government of silencing its critics.

Interior officials denied that officers had beaten the detainees.

The government did not impose a curfew on the city.
"""

ANDES = """Peru and Bolivia sign a water agreement

Peru and Bolivia signed an agreement on Lake Titicaca on Friday.

Chile's foreign minister urged both countries to resume talks on the border.

Ecuador plans to send humanitarian aid to Bolivia, its president announced.

If the talks fail, Bolivia could recall its ambassador from Lima.
"""


@pytest.fixture(scope="module")
def kenya():
    return _extract(KENYA, "2021-03-12")  # a Friday


@pytest.fixture(scope="module")
def andes():
    return _extract(ANDES, None)


def test_own_arrest(kenya):
    ev = find(kenya, types=("COERCE",), src=("police", "ken"), tgt=("supporter", "opposition"))
    assert ev and ev[0].cameo == "173" and ev[0].date["value"] == "2021-03-09"


def test_own_condemn_and_accuse(kenya):
    assert find(kenya, types=("ACCUSE",), src=("opposition", "leader"))


def test_own_denied_beating_is_not_fact(kenya):
    assert not find(kenya, types=("ASSAULT",), status="fact")


def test_own_negated_curfew(kenya):
    assert not find(kenya, roots=("17",), tgt=("city", "nairobi"), status="fact")


def test_own_agreement_both_ways(andes):
    ev = find(andes, types=("SUPPORT",), src=("peru", "bolivia"), tgt=("peru", "bolivia"))
    assert len({(_name(e.source), _name(e.target)) for e in ev}) >= 2


def test_own_appeal_to_meet(andes):
    assert find(andes, types=("REQUEST",), src=("chile", "minister"))


def test_own_intent_without_publication_date(andes):
    ev = find(andes, roots=("03",), src=("ecuador",), tgt=("bolivia",))
    assert ev and ev[0].status == "intended" and ev[0].date["precision"] == "unknown"


def test_own_hypothetical(andes):
    assert not find(andes, roots=("16",), status="fact")


def test_pattern_words_are_not_yaml_booleans():
    # YAML 1.1 reads on/off as booleans; "call on" and "call off" must stay words
    p = load_patterns()
    for rules in list(p.verbs.values()) + list(p.nouns.values()):
        for r in rules:
            assert all(isinstance(x, str) for x in r.target + r.prep), r.id
    assert any("on" in r.prt for r in p.verbs["call"] if r.prt) and "on" in p.verbs["fire"][-1].target


SAHEL = """Niger and Mali talks

Mali said it would send food aid to Niger after floods in the south of the country this month.

A roadside explosion killed two Malian farmers near the border town on Sunday, local officials said.

Niger announced that it will withdraw its troops from Mali unless the rebels agree to a ceasefire.

Senior officials of both countries are due to meet again in Niamey later this month to discuss the crisis.
"""


@pytest.fixture(scope="module")
def sahel():
    return _extract(SAHEL, "2022-05-03")


def test_own_stated_future_is_intent(sahel):
    ev = find(sahel, roots=("03",), src=("mali",), tgt=("niger",))
    assert ev and ev[0].plover == "AGREE" and ev[0].status == "intended"
    assert not find(sahel, roots=("07",), src=("mali",), tgt=("niger",))


def test_own_conditional_future_is_threat(sahel):
    assert find(sahel, types=("THREATEN",), src=("niger",), tgt=("mali",))


def test_own_victims_without_named_attacker(sahel):
    ev = find(sahel, types=("ASSAULT",), tgt=("mali", "mli"))
    assert ev and ev[0].source is None


# -- single sentences of our own: generic gaps (one behaviour each) ------------------------------
@pytest.mark.parametrize("text,cameo,src,tgt", [
    # summoning a foreign diplomat is an official protest (114)
    ("Tehran summoned the British ambassador.", "114", "irn", "gbr"),
    ("Bangladesh summoned the Indian high commissioner on Sunday.", "114", "bgd", "ind"),
    # a bare verb after "to" tagged as a noun still codes under its frame
    ("Qatar offered to mediate between the two sides.", "039", "qat", None),
    # request frames read as a participle on the subject ("The X called for ..." as a noun phrase)
    ("The United Nations called for a ceasefire.", "0256", "united nations", None),
    ("The Arab League called for an immediate halt to the fighting.", "0256", "arab league", None),
    ("The Vatican called on both sides to show restraint.", "0256", "vatican", None),
    # coordinated nationalities: one actor per country
    ("Ethiopian and Eritrean officials negotiated a border deal in Nairobi.", "046", "eth", "eri"),
    ("Indian and Chinese troops clashed in the valley.", "190", "chn", "ind"),
    # coordinated states after "from"/"of": one actor per state
    ("Envoys from Serbia and Kosovo met in Brussels on Thursday.", "040", "srb", "kos"),
    ("The defence ministers of Greece and Turkey held talks in Athens.", "046", "grc", "tur"),
    # an argument head tagged as an adjective ("a Pakistani national")
    ("Indian police arrested a Pakistani national near the border.", "173", "ind", "pak"),
    # vocabulary: suspension of a member, leaving a treaty, recalling an envoy posted to X, closures
    ("The African Union suspended Niger after the coup.", "160", "african union", "ner"),
    ("Peru recalled its ambassador to Mexico for consultations.", "161", "per", "mex"),
    ("Hungary closed its border with Serbia.", "191", "hun", "srb"),
    ("Algeria closed its embassy in Mali.", "161", "dza", "mli"),
    ("Qatar brokered a truce between Israel and Hamas.", "045", "qat", "isr"),
    ("The European Union urged Serbia and Kosovo to resume dialogue.", "026", "eu", "srb"),
    ("Ghana appealed for international help after the floods.", "023", "gha", None),
    ("The African Union appealed for calm in Sudan.", "0252", "african union", None),
    ("The Sri Lankan government lifted the state of emergency.", "0814", "lka", None),
    ("Sudanese troops pulled out of the disputed town.", "087", "sdn", None),
    ("Hungary blocked the new sanctions package.", "120", "hun", None),
    # a modifier naming the state is the owner ("the Israeli air strikes")
    ("Lebanon condemned the Israeli air strikes.", "111", "lbn", "isr"),
    # coercion of a patient who is no actor still stands
    ("Egyptian authorities detained a prominent blogger.", "173", "egy", None),
    # military craft named by nationality act for their state, even when the verb is misread
    ("Israeli aircraft bombed targets in southern Lebanon.", "195", "isr", None),
    # "attacked ... positions" is force, not criticism of a position
    ("Nigerian troops attacked rebel positions in the north.", "190", "nga", None),
    # "allowed UN inspectors to visit" with the inspectors read as an indirect object
    ("Cuba allowed UN inspectors to visit its prisons.", "0862", "cub", None),
    # a particle read as the preposition of the object ("handed [over the suspects]")
    ("The Congolese army handed over the suspects to Rwandan authorities.", "063", "cod", "rwa"),
    # "$100 million in aid to X": the recipient hangs on the object's "in" phrase
    ("Saudi Arabia provided $100 million in aid to Yemen.", "071", "sau", "yem"),
    # seizing a person is an abduction, not taking territory
    ("Rebels seized a French aid worker in northern Mali.", "181", "reb", "fra"),
    ("Zimbabwe's opposition charged that the election had been rigged.", "112", "zwe", None),
    ("Iran warned it would close the Strait of Hormuz.", "1381", "irn", None),
    ("The junta vowed to crush the protests.", "137", "junta", None),
    # sending inspectors is an investigation (09), a mediation mission is mediation, an indictment
    # is a formal accusation of a crime (1121)
    ("The IAEA dispatched inspectors to Iran.", "090", "igo", "irn"),
    ("The Arab League envoy undertook a mediation mission between Syria and Lebanon.", "045", "igo", "syr"),
    ("The war crimes tribunal indicted the former Serbian president.", "1121", "tribunal", "srb"),
    # wanting another actor to act is a request of that actor
    ("Obama wants Putin to attack Georgia.", "020", "usa", "rus"),
    # a noun event takes the governing verb's "for" phrase as target
    ("The president expressed gratitude for Japan's help.", "051", "president", "jpn"),
    # a finite verb read as a modifier of the event noun it governs (the noun made the predicate)
    ("Germany voiced support for the Ukrainian government's reform plan.", "051", "deu", None),
    ("Vietnam proposed talks with China.", "036", "vnm", "chn"),
    # light verbs that express support; support stands without a named target
    ("Canada reaffirmed its support for Ukraine.", "051", "can", "ukr"),
    ("Argentina threw its support behind Brazil.", "051", "arg", "bra"),
    ("The Kenyan president expressed strong support for the peace deal.", "051", "ken", None),
    # an object noun the tagger misread (an adverb): the noun phrase after the verb, on the surface
    ("The United Nations Security Council voted to impose an arms embargo on South Sudan.", "163", "igo", "ssd"),
    # striking a deal is an agreement, not an attack
    ("Chad struck a deal with the rebels.", "057", "tcd", "rebel"),
    # CAMEO depth: cooperation in a named material field is material cooperation (06x -> 031x)
    ("Japan and India agreed to boost economic cooperation.", "0311", "jpn", "ind"),
    ("Kenya and Ethiopia are seeking to deepen their partnership in trade.", "031", "ken", "eth"),
    # a noun event takes the governing verb's object as target ("engaged X in a firefight")
    ("Syrian rebels engaged Filipino peacekeepers in a firefight near the border.", "193", "syr", "phl"),
    # "agreed" with a direct object: the agreement is concluded, not intended
    ("Armenia and Azerbaijan agreed a ceasefire in the disputed region.", "0871", "arm", "aze"),
    # a nuclear strike is force, not a labour strike
    ("North Korea threatened South Korea with a nuclear strike.", "1384", "prk", "kor"),
    # round 3 families from the CAMEO code definitions: laying down arms (0873), agreeing to a truce
    # (0871), giving in to demands (080), ruling out talks (125), breaking a truce (196), calling up
    # reservists (154), establishing diplomatic relations (054), sending doctors (073), withdrawing
    # peacekeepers (1661), convening (040), walkouts (143), and protesters burning property (145)
    ("The Tamil rebels laid down their weapons.", "0873", "rebel", None),
    ("Ethiopia and Eritrea agreed to a truce.", "0871", "eth", "eri"),
    ("The Bolivian government gave in to the demands of the miners.", "080", "bol", None),
    ("Pakistan ruled out talks with India.", "125", "pak", "ind"),
    ("Rebels in Chad broke the truce.", "196", "reb", None),
    ("Serbia called up thousands of reservists.", "154", "srb", None),
    ("Israel and Morocco established diplomatic relations.", "054", "isr", "mar"),
    ("Cuba sent doctors to Haiti after the hurricane.", "073", "cub", "hti"),
    ("Ireland withdrew its peacekeepers from the Golan Heights.", "1661", "irl", None),
    ("Delegates from Sudan and Chad convened in Khartoum.", "040", "sdn", None),
    ("Kenyan nurses walked out of public hospitals.", "143", "ken", None),
    ("Protesters burned a police station in Dhaka.", "145", "protester", None),
    # round 4 verbs and nouns (session 9)
    ("Government artillery hit rebel positions outside Aleppo on Sunday.", "190", "government", "rebel"),
    ("Russia amassed troops along the Ukrainian border.", "154", "rus", None),
    ("Germany withheld aid to Mali after the coup.", "162", "deu", "mli"),
    ("Washington blacklisted three Iranian banks.", "163", "usa", None),
    ("The junta barred opposition candidates from the election.", "1722", "junta", "opp"),
    ("Protesters threw stones at police outside parliament.", "145", "protester", "police"),
    ("Sudanese soldiers overthrew the president on Thursday.", "170", "sdn", None),
    ("Lawmakers voted against the trade agreement with Canada.", "120", "lawmakers", None),
    ("Pakistan and India resumed talks on Kashmir last week.", "046", "pak", "ind"),
    ("The rebels dropped their demand for a new constitution.", "080", "rebel", None),
    ("Rebels disengaged from the front line near Goma.", "087", "rebel", None),
    ("France disagreed with Britain over fishing rights.", "110", "fra", "gbr"),
    ("Greece and Cyprus formed a defence alliance.", "062", "grc", "cyp"),
    ("Japan made a donation of $5 million to the Red Cross.", "071", "jpn", "red cross"),
    ("Pakistan and India held talks on Kashmir last week.", "046", "pak", "ind"),
    # munitions with a nationality are that country's force; a strike noun is not its own owner
    ("Russian missiles struck a residential district of Kharkiv on Friday.", "190", "rus", "ukr"),
    ("Turkey launched air strikes against Kurdish militants in northern Iraq.", "195", "tur", "militants"),
    # "the two": the last two persons named (not the place or capital mentioned after)
    # raising tariffs on a country's goods sanctions that country
    ("The United States doubled tariffs on Chinese steel on Tuesday.", "163", "usa", "chn"),
    ("The European Union imposed a ban on Russian oil.", "163", "igo", "rus"),
    # hosting talks between others is mediation; mediators are officials of their countries
    ("Norwegian mediators hosted talks between the Colombian government and the ELN rebels.", "045", "nor",
     "col"),
    # a deadline to act is an ultimatum
    ("The African Union gave the Gabonese junta two weeks to restore civilian rule.", "139", "igo", "gab"),
    # "its aircraft": the owner of an unknown instrument subject acts
    ("The Turkish army said its aircraft struck more than 20 PKK targets in northern Iraq overnight.", "195", "tur", None),
    ("Foreign Minister Penny Wong met Chinese Foreign Minister Wang Yi in Canberra, where the two agreed to "
     "resume talks on what Beijing calls trade barriers.", "036", "penny wong", "wang yi"),
])
def test_own_sentence(text, cameo, src, tgt):
    doc = _extract(text, "2024-05-01")
    got = [(e.cameo, _name(e.source), _name(e.target)) for e in doc.events]
    assert any(c == cameo and src in s and (tgt is None or tgt in t) for c, s, t in got), got


@pytest.mark.parametrize("text", [
    "The ceasefire called for by the United Nations collapsed.",  # a real reduced passive
    "Three soldiers killed in the attack were buried on Monday.",
])
def test_own_sentence_no_request_from_passive(text):
    doc = _extract(text, "2024-05-01")
    assert not [e for e in doc.events if e.cameo[:2] == "02"]


def test_withdrawal_from_a_treaty_is_not_a_retreat():
    doc = _extract("The United States withdrew from the nuclear agreement.", "2024-05-01")
    assert [e.cameo for e in doc.events] == ["160"]
    doc = _extract("Russian troops withdrew from the town under the agreement.", "2024-05-01")
    assert [e.cameo for e in doc.events][:1] == ["087"]


@pytest.mark.parametrize("text,verb,attacker", [
    # the parser reads "after"/"before" as the preposition of the next noun and leaves the verb
    # without a subject: the attacker is that noun, not the subject of the main clause
    ("Residents fled the town after the army shelled it.", "shelled", "army"),
    ("Dozens of families left the valley before the rebels attacked it.", "attacked", "rebels"),
])
def test_subject_of_a_clause_after_a_subordinating_word(text, verb, attacker):
    doc = _extract(text, None)
    ev = [e for e in doc.events if e.trigger.text == verb]
    assert ev, [(e.trigger, e.cameo) for e in doc.events]
    assert all(attacker in _name(e.source) for e in ev), [(e.source, e.cameo) for e in ev]


def test_topic_of_talks_is_no_party_to_them():
    doc = _extract("Pakistan and India held talks on Kashmir last week.", "2024-05-01")
    assert doc.events and all("kashmir" not in _name(e.target) for e in doc.events), \
        [(e.cameo, _name(e.source), _name(e.target)) for e in doc.events]


def test_a_past_time_clause_keeps_its_own_status():
    # "a day after" hangs on "halting" in the parse; the killing is not negated by the halting
    doc = _extract("Turkish diplomats held talks on Tuesday aimed at halting the fighting in Gaza, a day after "
                   "Israeli air strikes killed at least 25 people in the north of the enclave.", "2024-05-01")
    kills = [e for e in doc.events if e.trigger.text == "killed"]
    assert kills and all(e.status == "fact" for e in kills), [(e.cameo, e.status) for e in kills]
    # no one aims to fight, and the talkers are not the fighters
    assert not [e for e in doc.events if e.cameo.startswith("13")]
    assert not [e for e in doc.events if e.trigger.text == "fighting" and e.source], doc.events
    # a present-tense "when" clause may never happen: it is not made a fact by this rule
    doc = _extract("Egypt urged Israel to stop the offensive before it attacks Rafah.", "2024-05-01")
    assert all(e.status != "fact" for e in doc.events if e.trigger.text == "attacks")


def test_warning_against_an_act_is_no_threat_of_it():
    doc = _extract("Chancellor Olaf Scholz, whose country sells many cars in China, warned against a trade war.",
                   "2024-05-01")
    assert not [e for e in doc.events if e.cameo.startswith("13")], doc.events
    q = [q for q in doc.quotes if q.cue.text.startswith("warned")]
    assert q and "Scholz" in q[0].speaker["name"] and q[0].content.text == "a trade war", q
    doc = _extract("Iran warned Israel of war.", "2024-05-01")
    assert [e for e in doc.events if e.cameo.startswith("13")]


def test_a_capital_named_as_the_meeting_place_is_no_party():
    doc = _extract("Leaders of the bloc, meeting in the Nigerian capital Abuja on Sunday, imposed sanctions on "
                   "Niger.", "2024-05-01")
    assert not [e for e in doc.events if "abuja" in _name(e.target) + _name(e.source)], doc.events
    assert [e for e in doc.events if e.cameo == "163" and "ner" in _name(e.target)]


def test_using_force_makes_no_actor_of_force():
    doc = _extract("The bloc gave the junta a week to step down, warning that it could use force if they refused.",
                   "2024-05-01")
    assert not [e for e in doc.events if _name(e.target).startswith("force")], doc.events


def test_both_sides_are_not_the_last_two_named():
    doc = _extract("Qatar's foreign ministry said the gaps had narrowed. Washington urged both sides to accept a "
                   "phased plan.", "2024-05-01")
    assert not [e for e in doc.events if e.cameo.startswith("02") and "qat" in _name(e.target)], doc.events


def test_an_adjective_after_a_noun_is_no_verb():
    doc = _extract("The governor allowed the opposition to hold a violence free march in the city.", "2024-05-01")
    assert not [e for e in doc.events if e.trigger.text == "free"], doc.events


def test_a_coordinated_clause_gives_no_target_and_any_assault_is_hypothetical():
    doc = _extract("Spain condemned the raid and said it would answer any attack on its diplomats.", "2024-05-01")
    condemn = [e for e in doc.events if e.trigger.text == "condemned"]
    assert condemn and not condemn[0].target, condemn
    assert all(e.status == "hypothetical" for e in doc.events if e.trigger.text == "attack")


def test_an_act_drawn_from_someone_is_theirs():
    doc = _extract("The Russian strikes have drawn condemnation from Germany.", "2024-05-01")
    got = [(e.cameo, _name(e.source), _name(e.target)) for e in doc.events if e.cameo == "111"]
    assert got and "deu" in got[0][1] and "rus" in got[0][2], got


def test_a_denial_takes_no_target_from_the_clause_it_denies():
    doc = _extract("Kremlin spokesman Dmitry Peskov denied that Russian troops shell residential areas.", "2024-05-01")
    deny = [e for e in doc.events if e.trigger.text == "denied"]
    assert deny and not deny[0].target, deny


def test_a_plot_foiled_by_police_is_not_the_polices_act():
    doc = _extract("Police uncovered a plot to assassinate the opposition leader.", "2024-05-01")
    assert not [e for e in doc.events if e.cameo.startswith("18") and _name(e.source).startswith("police")], \
        doc.events
    doc = _extract("The gang plotted to attack the prison.", "2024-05-01")
    assert all(e.status != "fact" for e in doc.events if e.trigger.text == "attack"), doc.events


def test_an_act_that_sets_the_scene_is_not_the_subjects():
    doc = _extract("The government of the province ordered patrols after violent protests.", "2024-05-01")
    assert not [e for e in doc.events if e.cameo.startswith("14") and _name(e.source).startswith("government")], \
        doc.events
    # a mutual act: the subject took part in it
    doc = _extract("The army and the rebels agreed to a truce on Friday after three weeks of fighting in the port city.",
                   "2024-05-01")
    assert [e for e in doc.events if e.trigger.text == "fighting"], doc.events


def test_a_coordination_that_says_they_will_act_acts_together():
    doc = _extract("Kenya and Tanzania said they would send troops to Mozambique.", "2024-05-01")
    got = {_name(e.source) for e in doc.events if e.trigger.text == "send"}
    assert any("kenya" in g for g in got) and any("tanzania" in g for g in got), doc.events


def test_the_reporters_timing_is_no_accusation():
    doc = _extract("The Kenyan president said on Wednesday he would not sign the bill, two days after police "
                   "opened fire on protesters.", "2024-06-26")
    fire = [e for e in doc.events if e.trigger.text == "opened"]
    assert fire and fire[0].status == "fact" and not fire[0].asserted_by, fire
    assert not [e for e in doc.events if e.cameo == "112"], doc.events


def test_officials_reporting_their_own_forces_accuse_no_one():
    doc = _extract("Fighter jets and missiles launched from warships hit radar sites near the port, U.S. officials said.",
                   "2024-01-12")
    assert not [e for e in doc.events if e.cameo == "112"], doc.events
    doc = _extract("Iranian state media said the Revolutionary Guards destroyed two militant bases.", "2024-01-17")
    assert not [e for e in doc.events if e.cameo == "112" and "guard" in _name(e.target)], doc.events
    # the opposition reporting what the police did does accuse them
    doc = _extract("Opposition leaders said police shot dead three protesters in the capital.", "2024-01-17")
    assert [e for e in doc.events if e.cameo == "112" and "police" in _name(e.target)], doc.events


def test_air_attacks_are_aerial_weapons():
    doc = _extract("Russian drones struck an energy facility in Odesa overnight.", "2024-05-01")
    assert [e.cameo for e in doc.events if e.trigger.text == "struck"] == ["195"], doc.events
    doc = _extract("The United States and Britain launched air strikes on Houthi targets in Yemen.", "2024-01-12")
    assert {e.cameo for e in doc.events} == {"195"}, doc.events
    doc = _extract("Hamas fighters attacked an army post near the border.", "2024-05-01")
    assert "195" not in {e.cameo for e in doc.events}, doc.events


def test_not_hesitating_to_strike_is_a_threat():
    doc = _extract("The minister said Washington would not hesitate to strike the militants again.", "2024-01-12")
    got = [(e.cameo[:2], e.status) for e in doc.events if e.trigger.text == "hesitate"]
    assert got == [("13", "threatened")], doc.events
    doc = _extract("The army hesitated to attack the town.", "2024-01-12")
    assert all(e.status == "negated" for e in doc.events), doc.events
    doc = _extract("Pakistan reserves the right to respond to this illegal act.", "2024-01-18")
    assert [e.cameo for e in doc.events] == ["130"], doc.events


def test_the_state_whose_sovereignty_was_violated_is_not_condemned():
    doc = _extract("Iran condemned the strikes as a violation of Yemen's sovereignty.", "2024-01-12")
    assert [e for e in doc.events if e.cameo == "111"], doc.events
    assert not [e for e in doc.events if "yem" in _name(e.target)], doc.events


def test_a_demand_that_someone_act_targets_who_is_asked():
    doc = _extract("The prime minister demanded that the EU impose sanctions on Serbia.", "2023-09-25")
    got = [_name(e.target) for e in doc.events if e.trigger.text == "demanded"]
    assert got and "european" in got[0], doc.events


def test_a_condition_is_not_what_is_sought():
    doc = _extract("The opposition said it would seek to impeach the president if he did not resign.", "2024-12-04")
    assert not [e for e in doc.events if e.cameo.startswith("034")], doc.events


def test_a_title_the_parse_hung_on_a_name_is_that_person():
    # "Secretary" parsed as the subject with the name as its modifier: the person acts, not "U.S."
    doc = _extract("U.S. Secretary of State Antony Blinken welcomed the agreement and urged both parties "
                   "to carry it out.", "2022-11-02")
    got = [_name(e.source) for e in doc.events if e.trigger.text == "urged"]
    assert got and "blinken" in got[0], doc.events
    # "President" parsed as a modifier of the name is the president, not a group called "President"
    doc = _extract("Venezuela's opposition on Monday rejected the official result of the election, which the "
                   "electoral council said President Nicolas Maduro had won.", "2024-07-29")
    got = [_name(e.target) for e in doc.events if e.trigger.text == "rejected"]
    assert got and "maduro" in got[0], doc.events


def test_an_ally_fought_alongside_is_not_fought():
    doc = _extract("Eritrean troops fought alongside the Ethiopian army in Tigray.", "2022-11-02")
    assert not [e for e in doc.events if "eth" in _name(e.target) and e.cameo[:2] == "19"], doc.events
    assert {e.cameo for e in doc.events} == {"062"}, doc.events  # military cooperation, both ways


def test_an_expulsion_of_diplomats_is_a_diplomatic_sanction():
    doc = _extract("New Zealand announced the expulsion of two Russian diplomats on Friday.", "2022-03-25")
    got = [(e.cameo, e.plover, _name(e.target)) for e in doc.events if e.trigger.text == "expulsion"]
    assert got and got[0][:2] == ("166", "SANCTION") and "rus" in got[0][2], doc.events


def test_an_adjective_after_and_is_no_verb_and_a_gunfight_between_two_sides_is_theirs():
    doc = _extract("Four people died in a gunfight between Kosovo police and armed Serbs at a monastery.", "2023-09-25")
    assert not [e for e in doc.events if e.trigger.text == "armed"], doc.events
    got = {(_name(e.source).split()[0], e.cameo) for e in doc.events if e.trigger.text == "gunfight"}
    assert got == {("kosovo", "193"), ("armed", "193")}, doc.events


def test_a_nationality_coordinated_with_a_group_is_a_group_of_that_nation():
    doc = _extract("Negotiators resumed talks in Cairo on Sunday, with Qatari and Egyptian mediators pressing both "
                   "sides to agree to a truce.", "2024-03-03")
    got = sorted(e.source["name"] for e in doc.events if e.trigger.text == "pressing")
    assert got == ["Egyptian mediators", "Qatari mediators"], doc.events
    assert {e.source["country"] for e in doc.events if e.trigger.text == "pressing"} == {"EGY", "QAT"}


def test_an_adverb_before_a_group_is_no_part_of_its_name():
    # "Meanwhile Israeli aircraft struck ..." with "Meanwhile" hung on the noun as a compound
    import spacy
    from spacy.tokens import Doc
    from dossier.events.roles import _phrase_start
    doc = Doc(spacy.blank("en").vocab, words=["Meanwhile", "Israeli", "aircraft", "struck"], heads=[2, 2, 3, 3],
              deps=["compound", "amod", "nsubj", "ROOT"], pos=["ADV", "ADJ", "NOUN", "VERB"])
    assert _phrase_start([doc[0], doc[1]], doc[2]) == 1


def test_seizing_a_quantity_of_weapons_is_confiscation_not_occupation():
    doc = _extract("Kosovo police seized a large quantity of weapons, including rocket launchers.", "2023-09-25")
    assert [e.cameo for e in doc.events if e.trigger.text == "seized"] == ["1711"], doc.events


def _coded(doc):
    return [(e.cameo, (e.source or {}).get("name"), (e.target or {}).get("name"), e.trigger.text) for e in doc.events]


def test_a_missile_fired_at_no_one_is_a_show_of_force():
    doc = _extract("North Korea fired a ballistic missile off its east coast on Thursday.", "2024-03-14")
    assert [e[0] for e in _coded(doc)] == ["150"], _coded(doc)
    doc = _extract("Iran launched missiles at Israel on Saturday.", "2024-04-14")
    assert [e[:3] for e in _coded(doc)] == [("194", "Iran", "Israel")], _coded(doc)


def test_a_leader_inspecting_troops_investigates_no_one():
    doc = _extract("Kim Jong Un inspected an artillery unit on Wednesday.", "2024-03-13")
    assert not doc.events, _coded(doc)


def test_their_drills_belong_to_the_pair_among_several_subjects():
    doc = _extract("Pyongyang fired a missile on Thursday, Seoul's military said, days after Washington and Seoul "
                   "began their largest joint drills in five years.", "2024-03-14")
    got = sorted((s, t) for c, s, t, w in _coded(doc) if w == "joint drills")
    assert got == [("Seoul", "Washington"), ("Washington", "Seoul")], _coded(doc)


def test_a_stated_show_of_force_at_no_one_is_no_threat():
    doc = _extract("NATO said its peacekeeping force in Kosovo would increase patrols in the north.", "2023-09-25")
    ev = [e for e in doc.events if e.trigger.text == "increase"]
    assert [(e.cameo, e.status) for e in ev] == [("150", "intended")], _coded(doc)
    assert ev[0].source["country"] == "IGO"  # its owner is NATO, not Kosovo where it serves


def test_troops_deployed_are_not_the_target_of_the_deployment():
    doc = _extract("Kenya's president deployed the army to the capital on Tuesday.", "2024-06-25")
    assert [e.cameo for e in doc.events] == ["154"], _coded(doc)
    assert all((e.target or {}).get("name") != "army" for e in doc.events), _coded(doc)


def test_a_perfect_read_as_had_with_an_object_is_repaired():
    doc = _extract("A rebel spokesman said the army had bombed residential districts of Omdurman with warplanes.",
                   "2023-06-02")
    ev = [e for e in doc.events if e.trigger.text == "bombed"]
    assert [(e.cameo, e.source["name"]) for e in ev] == [("195", "army")], _coded(doc)


def test_a_relative_clause_after_a_coordination_has_every_conjunct_as_subject():
    doc = _extract("Saudi Arabia and the United States, which brokered the truce, said both sides had broken "
                   "their commitments.", "2023-06-02")
    assert sorted(e[1] for e in _coded(doc) if e[3] == "brokered") == ["Saudi Arabia", "United States"], _coded(doc)
    assert not [e for e in _coded(doc) if e[3] == "commitments"], _coded(doc)  # the sides', not the speakers'


def test_sanctions_on_non_actors_and_visa_bans_are_coded():
    doc = _extract("Washington imposed sanctions on four companies. The United States also restricted visas for "
                   "Sudanese officials.", "2023-06-02")
    assert [(e[0], e[1]) for e in _coded(doc)] == [("163", "Washington"), ("163", "United States")], _coded(doc)


def test_ready_to_resume_talks_is_an_intent_to_negotiate():
    doc = _extract("The rebels said they were ready to return to negotiations.", "2023-06-02")
    assert [(e.cameo, e.status) for e in doc.events] == [("036", "intended")], _coded(doc)


def test_declining_to_comment_is_cameo_011_and_an_apposition_is_no_second_subject():
    doc = _extract("China, Myanmar's largest neighbour, declined to comment.", "2023-04-12")
    assert [(e[0], e[1]) for e in _coded(doc)] == [("011", "China")], _coded(doc)


def test_an_apposition_read_as_the_subject_gives_the_name_back():
    doc = _extract("Iran, the main backer of the Houthis, condemned the strikes.", "2024-01-12")
    assert [(e[0], e[1]) for e in _coded(doc)] == [("111", "Iran")], _coded(doc)


def test_a_main_verb_hung_inside_a_relative_clause_is_the_root():
    doc = _extract("Saudi Arabia, which has held talks with the rebels, called for restraint.", "2024-01-12")
    assert [e[1] for e in _coded(doc) if e[3] == "called"] == ["Saudi Arabia"], _coded(doc)


def test_a_missile_fired_at_a_ship_is_an_attack_even_with_no_actor_hit():
    doc = _extract("The Houthis fired an anti-ship missile at a cargo vessel in the Red Sea on Friday.", "2024-01-12")
    assert [e[0] for e in _coded(doc)] == ["194"], _coded(doc)
    doc = _extract("North Korea fired a missile off its east coast on Thursday.", "2024-03-14")
    assert [e[0] for e in _coded(doc)] == ["150"], _coded(doc)  # "on Thursday" aims at no one


def test_a_title_before_a_name_hung_elsewhere_is_the_person():
    doc = _extract("The junta has detained opposition leader Aung San Suu Kyi since the coup.", "2023-04-12")
    assert [(e[0], e[2]) for e in _coded(doc)] == [("173", "Aung San Suu Kyi")], _coded(doc)


def test_an_act_named_as_the_reason_is_not_the_act_of_the_noun_it_hangs_on():
    doc = _extract("Ottawa expelled an Indian intelligence official over the killing of a Sikh separatist leader.",
                   "2023-09-19")
    assert [(e[0], e[1]) for e in _coded(doc)] == [("166", "Ottawa")], _coded(doc)


def test_insisting_that_something_is_so_demands_nothing():
    doc = _extract("Iran insists its nuclear programme is peaceful.", "2023-09-16")
    assert not doc.events, _coded(doc)


def test_a_speaker_coordinated_after_a_report_is_not_someone_in_the_report():
    doc = _extract("The three European countries said in a joint statement that Iran had expanded its stock of "
                   "enriched uranium and urged Tehran to reverse course.", "2023-09-16")
    assert all(e[1] != "Iran" for e in _coded(doc)), _coded(doc)


def test_launching_missile_attacks_is_an_attack():
    doc = _extract("Tehran launched missile and drone attacks on Pakistani territory.", "2024-01-16")
    assert [e[0] for e in _coded(doc)] == ["190"], _coded(doc)


def test_a_participle_after_an_as_clause_goes_with_the_main_clause():
    doc = _extract("Police opened fire on protesters who stormed parliament on Tuesday as lawmakers passed a tax "
                   "bill, killing at least five people.", "2024-06-25")
    assert [e[1] for e in _coded(doc) if e[3] == "killing"] == ["Police"], _coded(doc)


def test_an_ngo_with_a_country_branch_name_is_the_ngo():
    doc = _extract("Amnesty International Kenya accused police of using live ammunition.", "2024-06-25")
    assert [e[1] for e in _coded(doc) if e[3] == "accused"] == ["Amnesty International"], _coded(doc)


def test_hiring_a_groups_fighters_is_military_cooperation_with_it():
    doc = _extract("Mali hired fighters from the Wagner Group.", "2023-06-17")
    assert [(e[0], e[1], e[2]) for e in _coded(doc)] == [("062", "Mali", "Wagner Group")], _coded(doc)
    assert not _extract("The company hired new staff.", "2023-06-17").events


def test_an_attack_on_a_countrys_territory_targets_that_country():
    doc = _extract("Pakistan said Iran had launched missile and drone attacks on Pakistani territory.", "2024-01-17")
    ev = [e for e in doc.events if e.trigger.text == "launched"]
    assert [(e.cameo, e.source["country"], e.target["country"]) for e in ev] == [("190", "IRN", "PAK")], _coded(doc)


def test_a_name_in_apposition_is_no_list_for_the_left_fallback():
    doc = _extract("NATO said its peacekeeping force in Kosovo, KFOR, would increase patrols in the north.", "2023-09-25")
    assert [(e[0], e[1]) for e in _coded(doc)] == [("150", "KFOR")], _coded(doc)


def test_a_vow_to_defeat_or_pursue_armed_enemies_is_a_threat_of_force():
    for text in ("President Hassan Sheikh Mohamud has vowed to defeat the insurgents.",
                 "President Tayyip Erdogan vowed to pursue the militants wherever they were."):
        doc = _extract(text, "2024-03-14")
        assert [e[0] for e in _coded(doc)] == ["1384"], _coded(doc)
    assert not _extract("The opposition defeated the bill in parliament.", "2024-03-14").events


def test_an_object_it_in_a_report_is_not_the_speaker():
    doc = _extract("The fighters rammed a car bomb into the gate of the base before dozens of gunmen stormed it, "
                   "a military commander told AFP by telephone.", "2024-03-14")
    assert not any(e.target and "commander" in e.target["name"] for e in doc.events), _coded(doc)


def test_drills_staged_around_a_country_are_a_show_of_force():
    doc = _extract("China's military began two days of large-scale drills around Taiwan on Thursday.", "2024-05-23")
    assert [(e[0], e[1], e[2]) for e in _coded(doc)] == [("150", "China's military", "Taiwan")], _coded(doc)


def test_a_second_past_perfect_after_a_report_stays_in_what_is_said():
    doc = _extract("In a joint statement, the juntas said ECOWAS had failed to help them fight jihadist insurgencies "
                   "and had imposed illegal and inhumane sanctions on them.", "2024-01-28")
    ev = [e for e in doc.events if e.trigger.text == "imposed"]
    assert [(e.source["name"], e.status) for e in ev] == [("ECOWAS", "alleged")], _coded(doc)


def test_an_acting_body_with_no_one_before_it_does_not_take_its_objects_country():
    doc = _extract("The junta expelled the French ambassador.", "2023-08-26")
    assert [e.source["country"] for e in doc.events] == [None], [e.source for e in doc.events]


def test_a_clause_after_a_subordinator_read_as_a_phrase_keeps_its_own_subject():
    doc = _extract("Mexico suspended diplomatic relations with Ecuador on Saturday after Ecuadorean police forced their "
                   "way into the Mexican embassy in Quito and arrested a former vice president.", "2024-04-06")
    ev = [e for e in doc.events if e.trigger.text == "arrested"]
    assert [e.source["name"] for e in ev] == ["Ecuadorean police"], _coded(doc)


def test_calling_an_act_a_damning_thing_counts_every_complement():
    doc = _extract("Mexican President Andres Manuel Lopez Obrador called the raid an authoritarian act and a "
                   "violation of international law.", "2024-04-06")
    assert [(e[0], e[1]) for e in _coded(doc)] == [("111", "Andres Manuel Lopez Obrador")], _coded(doc)


def test_what_a_pledge_sends_is_not_its_target():
    doc = _extract("Kenyan President William Ruto has pledged to send 1,000 officers.", "2024-06-26")
    assert [(e.cameo, e.target) for e in doc.events] == [("0332", None)], _coded(doc)


def test_a_region_ending_in_a_demonym_is_no_country():
    doc = _extract("Several Latin American governments condemned the attempt.", "2024-06-27")
    assert [e.source["country"] for e in doc.events] == [None], _coded(doc)


def test_a_plural_noun_tagged_as_a_verb_is_still_an_event_noun():
    doc = _extract("The U.S. Southern Command announced that it would hold joint flight exercises with Guyana's "
                   "military on Thursday.", "2023-12-05")
    assert {(e.source["name"], e.target["name"]) for e in doc.events} == {
        ("SOUTHCOM", "Guyana's military"), ("Guyana's military", "SOUTHCOM")}, _coded(doc)


def test_what_a_clause_calls_the_thing_named_is_no_event():
    doc = _extract("Maduro's order followed a weekend referendum in which Venezuelan voters backed creating a new "
                   "state in the territory, a vote Guyana called an existential threat.", "2023-12-05")
    assert [e[0] for e in _coded(doc)] == ["111"], _coded(doc)
    assert [e[0] for e in _coded(_extract("The country's largest labour union called an indefinite general strike.",
                                          "2024-12-04"))] == ["143"]


def test_the_purpose_of_summoning_an_envoy_is_the_summoners():
    doc = _extract("Seoul later summoned the Russian ambassador to protest against the deal, the foreign ministry said.",
                   "2024-06-20")
    assert [e[1] for e in _coded(doc) if e[3] == "protest"] == ["Seoul"], _coded(doc)


def test_arms_named_before_a_denial_do_not_deny():
    doc = _extract("The United States and South Korea have accused North Korea of supplying artillery shells and "
                   "ballistic missiles to Russia, a charge both countries deny.", "2024-06-20")
    assert not any(e.source and "shells" in e.source["name"] for e in doc.events), _coded(doc)


def test_what_a_speaker_is_concerned_by_or_considers_is_not_its_act():
    doc = _extract("The U.S. State Department said it was deeply concerned by the arrests of opposition figures.",
                   "2023-05-16")
    assert not any(e.source and "State" in e.source["name"] for e in doc.events), _coded(doc)
    doc = _extract("Russia's foreign ministry said Moscow would consider the request carefully.", "2024-02-28")
    assert not any(e.source and e.source["name"] == "Moscow" for e in doc.events), _coded(doc)


def test_a_main_verb_hung_on_its_subject_as_a_participle_is_repaired():
    doc = _extract("The Saudi-led coalition struck Sanaa.", "2019-05-16")
    assert [e[:3] for e in _coded(doc)] == [("190", "Saudi-led coalition", "Sanaa")], _coded(doc)


def test_a_hyphenated_participle_describes_an_actor_and_an_envoy_withdrawn_to_a_country_is_its_target():
    doc = _extract("Biden blamed Iran-backed militant groups operating in Syria and Iraq.", "2024-01-28")
    assert not any(e.trigger.text == "backed" for e in doc.events), _coded(doc)
    doc = _extract("Spain withdrew its ambassador to Argentina on Tuesday.", "2024-05-21")
    assert [e[:3] for e in _coded(doc)] == [("161", "Spain", "Argentina")], _coded(doc)


def test_a_sea_is_no_target_and_a_coordinated_subject_keeps_its_verb():
    doc = _extract("North Korea test-fired two cruise missiles into the Yellow Sea.", "2024-01-24")
    assert [e[:3] for e in _coded(doc)] == [("150", "North Korea", None)], _coded(doc)
    doc = _extract("Colombia's government and the rebels signed a peace accord in Havana.", "2016-09-26")
    assert {e[0] for e in _coded(doc)} == {"057"} and len(doc.events) == 2, _coded(doc)
    doc = _extract("Turkey lifted its veto on Sweden's membership of NATO.", "2024-01-23")
    assert [e[:2] for e in _coded(doc)] == [("080", "Turkey")], _coded(doc)


def test_an_attack_noun_as_subject_acts_for_its_owner_and_a_vow_is_one_sided():
    doc = _extract("An Israeli strike hit Iran's embassy in Damascus.", "2024-04-01")
    assert [e[:3] for e in _coded(doc)] == [("190", "Israeli", "Iran's embassy")], _coded(doc)
    doc = _extract("The army vowed to fight the rebels until they were defeated.", "2024-05-14")
    assert [(e[0], e[1]) for e in _coded(doc) if e[3] == "vowed"] == [("1384", "army")], _coded(doc)


def test_pressing_a_siege_is_no_appeal():
    doc = _extract("The RSF pressed its siege of El Fasher, the last city in Darfur held by the army.", "2024-05-14")
    assert not any(e.cameo.startswith("02") for e in doc.events), _coded(doc)


def test_what_a_speaker_will_respond_to_is_not_its_act_and_disarming_others_coerces():
    doc = _extract("France condemned the attack and said it would respond immediately to any assault on its citizens.",
                   "2023-07-30")
    assert [e[0] for e in _coded(doc)] == ["111"], _coded(doc)
    doc = _extract("Azerbaijan's army said it had begun measures to disarm ethnic Armenian forces.", "2023-09-19")
    assert [e[0] for e in _coded(doc) if e[3] == "disarm"] == ["170"], _coded(doc)


def test_praise_misparsed_as_a_modifier_fighting_terrorism_an_inquiry_a_protest_motive_and_a_dismissed_minister():
    doc = _extract("The Chinese premier praised Pakistan for its cooperation in fighting terrorism.", "2001-01-01")
    assert [e[:3] for e in _coded(doc)] == [("051", "Chinese premier", "Pakistan")], _coded(doc)
    doc = _extract("The Nigerian government launched an investigation into the killing of the journalist.", "2001-01-01")
    assert not any(e[3] == "killing" and e[1] for e in _coded(doc)), _coded(doc)
    doc = _extract("Algeria recalled its ambassador to Madrid in protest at Spain's shift on Western Sahara.", "2022-03-19")
    assert [e[0] for e in _coded(doc)] == ["161"], _coded(doc)
    doc = _extract("The king dismissed the prime minister and dissolved parliament.", "2001-01-01")
    assert not any(e.cameo.startswith("12") for e in doc.events), _coded(doc)


def test_a_group_likened_to_another_is_the_last_group_and_missiles_at_the_sea_are_a_show_of_force():
    doc = _extract("Al-Shabaab fighters attacked the base. The al Qaeda-linked group said it had killed 30 soldiers.",
                   "2024-01-01")
    assert {e[1] for e in _coded(doc)} == {"Al-Shabaab"}, _coded(doc)
    doc = _extract("North Korea fired two missiles at the sea, according to Japan's defence ministry.", "2024-01-01")
    assert [e[0] for e in _coded(doc)] == ["150"], _coded(doc)
    doc = _extract("The Indonesian army sent 2,000 additional troops to the province of Aceh.", "2001-01-01")
    assert [e[0] for e in _coded(doc)] == ["154"], _coded(doc)


def test_a_second_charge_after_and_is_the_accused_parties_alleged_act():
    doc = _extract("Kenya accused Somalia of arming rebels and sheltering their leaders.", "2024-01-01")
    got = {(e.cameo, e.source["name"], e.status) for e in doc.events if e.trigger.text == "sheltering"}
    assert got == {("075", "Somalia", "alleged")}, _coded(doc)


def test_intercepting_aircraft_sending_a_fact_finding_mission_and_the_oau():
    doc = _extract("Chinese fighter jets intercepted a U.S. surveillance plane over the South China Sea.", "2023-06-01")
    assert [e[:3] for e in _coded(doc)] == [("150", "Chinese fighter jets", "United States")], _coded(doc)
    assert not _extract("Israel intercepted most of the missiles.", "2024-04-14").events
    doc = _extract("The Organisation of African Unity sent a fact-finding mission to Burundi.", "1996-07-30")
    assert [e[:3] for e in _coded(doc)] == [("090", "Organisation of African Unity", "Burundi")], _coded(doc)


def test_regained_ground_brokered_talks_and_a_government_seated_in_a_capital():
    doc = _extract("The army regained control of the town from the militants.", "2001-01-01")
    assert [e[0] for e in _coded(doc)] == ["192"], _coded(doc)
    doc = _extract("Norway brokered talks between the government and the rebels.", "2001-01-01")
    assert {e[0] for e in _coded(doc)} == {"045"}, _coded(doc)
    doc = _extract("Britain recognised the new government in Kabul.", "2001-01-01")
    assert [(e.cameo, e.target["country"]) for e in doc.events] == [("054", "AFG")], _coded(doc)


def test_ordering_patrols_is_a_show_of_force():
    doc = _extract("The government ordered patrols by police and soldiers after violent protests.", "2001-01-01")
    assert [e[0] for e in _coded(doc)] == ["150"], _coded(doc)


def test_mobilizing_lobbies_is_no_military_posture():
    doc = _extract("Saudi Arabia has mobilized pressure groups in the United States to help support the rights of "
                   "Palestinians, a minister said.", "2001-01-01")
    assert not any(e.cameo == "154" for e in doc.events), _coded(doc)
    assert [e[0] for e in _coded(_extract("Russia mobilized 300,000 reservists.", "2022-09-21"))] == ["154"]


def test_people_sent_to_investigate_are_an_investigation():
    doc = _extract("The United Nations sent 21 military and civilian personnel to Bosnia to investigate the "
                   "feasibility of a peacekeeping force.", "1995-01-01")
    assert [e[:3] for e in _coded(doc) if e[3] == "sent"] == [("090", "United Nations", "Bosnia and Herzegovina")], \
        _coded(doc)


def test_a_participle_misread_as_what_was_said_acts_for_the_speaker():
    doc = _extract("Iran's mission to the United Nations said, warning Israel that it would face a severe response if "
                   "it retaliated.", "2024-04-14")
    assert [(e[0], e[2]) for e in _coded(doc) if e[3] == "warning"] == [("130", "Israel")], _coded(doc)
