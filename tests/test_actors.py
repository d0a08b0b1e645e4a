"""Actors stage: knowledge base, user files, titles, coreference, geocoding, seed acceptance."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")

from dossier import nlp  # noqa: E402
from dossier.actors import annotate, load_kb  # noqa: E402
from dossier.actors.kb import read_actor_file  # noqa: E402
from dossier.model import Document  # noqa: E402
from dossier.pipeline import Options, new_document  # noqa: E402
from dossier.read import from_string  # noqa: E402

SEEDS = Path(__file__).resolve().parents[1] / ".." / "shared" / "seeds"


def analyse(text: str, options: Options = Options()) -> Document:
    doc = Document(id="t", body=text)
    nlp.segment([doc], options.pipeline)
    return annotate(doc, options)


def seed(name: str) -> Document:
    path = SEEDS / name
    if not path.exists():
        pytest.skip("seed pages not available")
    raw = path.read_text(encoding="utf-8")
    doc = new_document(from_string(raw, {}, str(path)))
    try:
        from dossier.clean import clean_document
        doc = clean_document(doc)
    except ImportError:
        doc.body = raw
    nlp.segment([doc])
    return annotate(doc, Options())


def actor(doc: Document, text: str):
    """The actor with a mention whose text contains ``text`` (persons first)."""
    found = [a for a in doc.actors for m in a.mentions if text in m.text]
    assert found, f"no actor mentioned as {text!r}: {[a.name for a in doc.actors]}"
    found.sort(key=lambda a: a.kind != "person")
    return found[0]


def mention_actor(doc: Document, text: str, after: str = ""):
    start = doc.body.index(text, doc.body.index(after) if after else 0)
    hit = doc.mention_at(start, start + len(text))
    assert hit is not None, f"no mention at {text!r}"
    return hit[0]


# -- seeds ---------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def seed0():
    return seed("000_6c9959ce99e36192.txt")


@pytest.fixture(scope="module")
def seed4():
    return seed("004_d77acdd0b6e89bf3.txt")


@pytest.mark.parametrize("name,code", [("Kirby", "USAMIL"), ("Suleimani", "IRNMIL"), ("Obama", "USAGOV"),
                                       ("Maliki", "IRQGOV"), ("Bashar al-Assad", "SYRGOV"),
                                       ("Abdollahian", "IRNGOV")])
def test_seed0_people(seed0, name, code):
    assert actor(seed0, name).code == code


def test_seed0_groups(seed0):
    isis = actor(seed0, "ISIS")
    assert isis.kind == "organization" and isis.sector in ("REB", "INS")
    quds = actor(seed0, "Quds")
    assert quds.code == "IRNMIL"
    parent = seed0.actor(quds.part_of) if quds.part_of and quds.part_of.startswith("A") else None
    assert (parent.name if parent else quds.part_of) == "Islamic Revolutionary Guard Corps"
    assert mention_actor(seed0, "Tehran", after="Washington accused").code == "IRNGOV"
    assert mention_actor(seed0, "Pentagon").code == "USAMIL"


@pytest.mark.parametrize("name,code", [("Bergner", "USAMIL"), ("Khamenei", "IRNGOV"), ("Zebari", "IRQGOV"),
                                       ("Crocker", "USAGOV"), ("Kazemi-Qomi", "IRNGOV")])
def test_seed4_people(seed4, name, code):
    assert actor(seed4, name).code == code


def test_seed4_najjar_and_pronoun(seed4):
    najjar = actor(seed4, "Najjar")
    assert najjar.country == "IRN"
    assert {najjar.sector, *najjar.attributes} >= {"GOV", "MIL"}
    assert mention_actor(seed4, "He", after="Najjar dismissed").id == najjar.id


def test_seed4_organisations(seed4):
    hez = actor(seed4, "Hezbollah")
    assert hez.country == "LBN" and hez.sector == "REB"
    irna = actor(seed4, "IRNA")
    assert irna.country == "IRN" and irna.sector in ("MED", "JRN")
    quds = actor(seed4, "Qods Force")
    assert quds.code == "IRNMIL" and quds.part_of
    militants = mention_actor(seed4, "Iraqi Shi\u2019ite militants")
    assert militants.code == "IRQREB" and "Shi'ite" in militants.attributes
    assert mention_actor(seed4, "U.S. military").code == "USAMIL"
    assert mention_actor(seed4, "senior Iraqi leaders").code == "IRQGOV"
    rels = seed4.metadata.get("relations", [])
    assert any(r["child"] == quds.id and r["relation"] == "part_of" for r in rels)


def test_mentions_have_sentences_and_rules(seed4):
    for a in seed4.actors:
        assert a.id.startswith("A") and a.evidence
        for m in a.mentions:
            assert seed4.body[m.start:m.end] == m.text and m.sentence >= 0 and m.rule
    starts = [a.mentions[0].start for a in seed4.actors]
    assert starts == sorted(starts)


# -- articles of our own (other regions) --------------------------------------------------------
SUDAN = ("The Rapid Support Forces shelled a market in El Fasher on Tuesday, killing at least 12 civilians, "
         "local activists said. Sudanese army spokesman Brigadier General Nabil Abdallah accused the RSF of "
         "targeting hospitals. He said the paramilitary group had ignored a ceasefire brokered by Saudi Arabia. "
         "Mohamed Hamdan Dagalo, commander of the RSF, denied the charge.")
UKRAINE = ("Russian forces launched drones at Kyiv overnight, Ukraine's air force said. Ukrainian Foreign "
           "Minister Andrii Sybiha called on NATO to send more air defence systems. The Kremlin did not "
           "comment. Russia's Defence Ministry said its troops had captured a village in the Donetsk region. "
           "Kremlin spokesman Dmitry Peskov said Moscow was open to talks.")
COLOMBIA = ("ELN rebels attacked a military base in Arauca, the Colombian army said on Sunday. Defence Minister "
            "Pedro Sanchez said three soldiers were wounded. The National Liberation Army has been in talks "
            "with the government of Gustavo Petro. Human Rights Watch urged both sides to protect civilians.")
MYANMAR = ("Myanmar's military junta carried out air strikes on villages in Sagaing, residents said. The "
           "Arakan Army said it had seized a town in Rakhine state. UN envoy Julie Bishop met junta leader "
           "Senior General Min Aung Hlaing in Naypyidaw. Rohingya refugees fled to Bangladesh.")


def test_sudan():
    d = analyse(SUDAN)
    assert actor(d, "Rapid Support Forces").code == "SDNREB"
    assert actor(d, "RSF").id == actor(d, "Rapid Support Forces").id
    nabil = actor(d, "Nabil Abdallah")
    assert nabil.code == "SDNMIL"
    assert mention_actor(d, "He", after="hospitals").id == nabil.id
    dagalo = actor(d, "Dagalo")
    assert dagalo.country == "SDN" and dagalo.sector == "REB"
    assert actor(d, "Saudi Arabia").code == "SAU"


def test_ukraine():
    d = analyse(UKRAINE)
    assert mention_actor(d, "Russian forces").code == "RUSMIL"
    assert actor(d, "Sybiha").code == "UKRGOV"
    assert mention_actor(d, "Kremlin").code == "RUSGOV"
    assert mention_actor(d, "Defence Ministry").country == "RUS"
    assert actor(d, "Peskov").code == "RUSGOV"
    assert actor(d, "NATO").country == "IGO"
    assert mention_actor(d, "air force").code == "UKRMIL"


def test_colombia():
    d = analyse(COLOMBIA)
    eln = actor(d, "ELN")
    assert eln.code == "COLREB"
    assert actor(d, "National Liberation Army").id == eln.id
    assert mention_actor(d, "Colombian army").code == "COLMIL"
    assert actor(d, "Pedro Sanchez").country == "COL"
    assert actor(d, "Human Rights Watch").country == "NGO"


def test_myanmar():
    d = analyse(MYANMAR)
    assert mention_actor(d, "military junta").code == "MMRMIL"
    assert actor(d, "Arakan Army").code == "MMRREB"
    bishop = actor(d, "Julie Bishop")
    assert bishop.country == "IGO"
    assert actor(d, "Min Aung Hlaing").code == "MMRMIL"
    refugees = mention_actor(d, "Rohingya refugees")
    assert refugees.kind == "group" and "Rohingya" in refugees.attributes


# -- units ---------------------------------------------------------------------------------------
def test_kb_loader():
    kb = load_kb()
    assert len(kb.countries) >= 195
    assert kb.lookup("Hezbollah").country == "LBN"
    assert kb.lookup("Daesh").name == "Islamic State"
    assert kb.lookup("the Pentagon").code == "USAMIL"
    assert kb.lookup("Qods Force").part_of == "Islamic Revolutionary Guard Corps"
    assert kb.lookup("Tehran").code == "IRNGOV"
    assert kb.lookup("Iraq").country == "IRQ"
    assert kb.country_of("Iraqi") == "IRQ" and kb.plurals["iranians"] == "IRN"
    assert kb.lookup("nothing of the sort") is None
    assert load_kb() is kb  # cached


def test_user_files(tmp_path):
    y = tmp_path / "mine.yaml"
    y.write_text("- {name: Free Cascadia Front, aliases: [FCF], country: USA, sector: REB}\n"
                 "- {name: Hezbollah, country: LBN, sector: PTY}\n", encoding="utf-8")
    c = tmp_path / "mine.csv"
    c.write_text("name,aliases,country,sector,kind\nNorthwind Mining,Northwind;NWM,CAN,BUS,organization\n",
                 encoding="utf-8")
    assert read_actor_file(c)[0].aliases == ["Northwind", "NWM"]
    kb = load_kb([str(y), str(c)])
    assert kb.lookup("FCF").code == "USAREB"
    assert kb.lookup("Hezbollah").sector == "PTY"  # user entries win
    assert kb.lookup("NWM").code == "CANBUS"
    d = analyse("The FCF blamed Northwind for the spill.", Options(actors_files=(str(y), str(c))))
    assert actor(d, "FCF").code == "USAREB" and actor(d, "Northwind").code == "CANBUS"


def test_titles():
    kb = load_kb()
    assert kb.title("Brigadier-General").sector == "MIL"
    assert kb.title("brigadier general").sector == "MIL"
    assert kb.title("defence minister").attributes == ["MIL"]
    assert kb.title("spokesman").sector is None  # inherits
    d = analyse("Pakistani Interior Minister Ali Khan met Iraqi Prime Minister Omar Saleh in Islamabad.")
    assert actor(d, "Ali Khan").code == "PAKGOV"
    assert actor(d, "Omar Saleh").code == "IRQGOV"
    d = analyse("Hamas commander Yahya Nour said the IDF spokesman Daniel Hagar lied.")
    assert actor(d, "Yahya Nour").code == "PSEREB"
    assert actor(d, "Hagar").code == "ISRMIL"


def test_coreference():
    d = analyse("Kenyan Foreign Minister Grace Wanjiru met the French ambassador on Monday. "
                "She said the talks were useful. Wanjiru later left for Addis Ababa. "
                "The Kenyan government said the minister would return on Friday.")
    g = actor(d, "Grace Wanjiru")
    assert g.code == "KENGOV"
    assert mention_actor(d, "She").id == g.id
    assert mention_actor(d, "Wanjiru", after="useful").id == g.id
    assert mention_actor(d, "minister", after="government said").id == g.id
    gov = mention_actor(d, "Kenyan government")
    assert gov.code == "KENGOV"


def test_geocoding():
    from dossier.actors.places import gazetteer, haversine
    from collections import Counter
    gaz = gazetteer()
    paris = gaz.geocode("Paris")
    assert paris["country"] == "FRA"
    assert gaz.geocode("Paris", Counter({"USA": 3}), Counter({"TX": 2}))["admin1"] == "TX"
    mosul = gaz.geocode("Mosul", Counter({"IRQ": 1}))
    assert haversine(mosul["lat"], mosul["lon"], 36.34, 43.13) < 20
    assert gaz.geocode("Texas")["country"] == "USA"
    d = analyse("Clashes broke out near Mosul and in Kirkuk, the Iraqi army said.")
    place = actor(d, "Mosul")
    assert place.kind == "place" and place.geo["country"] == "IRQ"


def test_counterpart_with_demonym_and_weapons_platforms():
    d = analyse("Chile's foreign minister flew to Lima to meet his Peruvian counterpart on Monday. "
                "Peruvian helicopters later patrolled the border.")
    assert mention_actor(d, "Peruvian counterpart").code == "PERGOV"
    assert mention_actor(d, "Peruvian helicopters").code == "PERMIL"


def test_abbreviated_title_matches_whatever_the_variant_order(monkeypatch):
    """"Sen." is one token (a tokenizer special case) but "sen." is two; both patterns must be in the
    matcher, or which one survives depends on the hash seed (set order) and "Sen. X" loses its title."""
    from dossier.actors import matcher as m

    base = m._variants
    for order in (sorted, lambda vs: sorted(vs, reverse=True)):
        monkeypatch.setattr(m, "_variants", lambda p, title, order=order: order(base(p, title)))
        m._CACHE.clear()
        doc = analyse("Sen. Maria Cantwell said the bill would pass. Rep. Ro Khanna disagreed.")
        codes = {a.name: a.sector for a in doc.actors if a.kind == "person"}
        assert codes.get("Maria Cantwell") == "LEG", (order, codes)
        assert codes.get("Ro Khanna") == "LEG", (order, codes)
    m._CACHE.clear()


def _codes(text: str) -> dict[str, str | None]:
    return {a.name: a.code for a in analyse(text).actors}


def test_led_and_backed_modifiers():
    codes = _codes("The Saudi-led coalition bombed a port held by the Houthis. Iran-backed militias "
                   "later shelled a border post.")
    assert codes.get("Saudi-led coalition") == "SAUMIL"
    # a backer is not the group's country: "Rwanda-backed rebels" are not Rwanda's
    rebels = next(a for a in analyse("Rwanda-backed rebels seized the town of Bunagana.").actors
                  if "rebels" in a.name)
    assert rebels.country is None and rebels.sector == "REB" and "backed-by:RWA" in rebels.attributes


def test_non_state_modifier_wins_over_a_state_role():
    codes = _codes("Colombian President Gustavo Petro received rebel negotiators at his office.")
    assert codes.get("rebel negotiators") == "REB"


def test_bare_state_organ_takes_its_country_from_the_context():
    doc = analyse("Kenya's interior minister said the army had cleared two rebel camps. "
                  "In Sudan, the army shelled positions held by a paramilitary force.")
    armies = [a for a in doc.actors if a.name == "army"]
    assert {a.code for a in armies} == {"KENMIL"}, [(a.name, a.code, a.evidence) for a in doc.actors]
    assert any(e.startswith("country:context:") for e in armies[0].evidence)
    doc = analyse("In Sudan, the army shelled positions held by a paramilitary force.")
    assert [a.code for a in doc.actors if a.name == "army"] == ["SDNMIL"]


def test_the_north_and_the_south_of_a_divided_country():
    codes = _codes("The North launched a missile over the sea on Sunday, the South Korean military said.")
    assert codes.get("North Korea") == "PRK"
    codes = _codes("Officials in Pyongyang said the South had sent leaflets across the border.")
    assert codes.get("South Korea") == "KOR"
    assert "North Korea" not in _codes("The North of England voted differently from London.")


def test_a_known_town_after_a_place_preposition_is_not_a_person():
    doc = analyse("Coalition aircraft struck an arms depot near Raqqa.")
    place = next(a for a in doc.actors if a.name == "Raqqa")
    assert place.kind == "place" and place.country == "SYR"


def test_equal_length_overlap_prefers_the_leftmost_phrase():
    codes = _codes("The South Sudanese army denied the charge.")
    assert codes.get("South Sudanese army") == "SSDMIL"


def test_group_takes_the_country_of_the_place_it_is_in():
    codes = _codes("Police in Lagos detained dozens of traders on Friday.")
    assert codes.get("Lagos") == "NGA"  # a large town after "in", found without NER
    assert codes.get("Police") == "NGACOP"
    assert _codes("Students from the Philippines staged a sit-in.").get("Students") == "PHLEDU"


@pytest.mark.parametrize("text,name,code", [
    # the place hangs on the clause, not right after the group
    ("Riot police fired tear gas at students in the northern city of Mosul on Monday.", "students", "IRQEDU"),
    ("Scores of opposition activists were detained by security forces in Minsk.", "opposition activists", "BLROPP"),
    ("A gunman opened fire at a police post in central Kabul.", "police", "AFGCOP"),
    ("Striking workers blocked the port outside Durban for a third day.", "workers", "ZAFLAB"),
])
def test_a_domestic_group_takes_the_country_of_the_scene_of_its_clause(text, name, code):
    codes = _codes(text)
    assert codes.get(name) == code, codes


@pytest.mark.parametrize("text,name,code", [
    # a trade or branch between the nationality and the group noun
    ("Chilean copper miners walked out on Monday.", "Chilean copper miners", "CHLLAB"),
    ("Portuguese public sector workers struck for a day.", "Portuguese public sector workers", "PRTLAB"),
    ("Peruvian coca growers blocked a road.", "Peruvian coca growers", "PERAGR"),
    # members of a body of a named country ("fighters of Colombia's ... federation")
    ("Hundreds of fighters of Uganda's rebel alliance surrendered.", "fighters", "UGAREB"),
    # a capitalised court name is a court of that country
    ("Egypt's Constitutional Court dissolved the assembly.", "Egypt's Constitutional Court", "EGYJUD"),
])
def test_group_and_body_phrases_keep_their_country(text, name, code):
    assert _codes(text).get(name) == code, _codes(text)


def test_a_month_after_a_given_name_is_a_surname_but_not_before_a_day_or_a_verb():
    assert "Theresa May" in _codes("Prime Minister Theresa May flew to Brussels on Tuesday.")
    assert "John Kerr" in _codes("Senator John Kerr May 4 voted against the bill.")
    assert "John Kerr" in _codes("Senator John Kerr May have to resign.")


def test_posted_groups_and_places_reached_otherwise_give_no_country():
    # diplomats are posted abroad; a place of origin or a possessor is not the scene of the clause
    codes = _codes("Western diplomats in Beijing said the talks had stalled.")
    assert codes.get("Western diplomats") in ("GOV", None), codes
    codes = _codes("Police questioned students who had returned from Kenya.")
    assert codes.get("students") in ("EDU", None), codes


def test_ethnic_and_religious_communities_are_groups():
    doc = analyse("Iraqi Kurds rallied in Erbil on Sunday.")
    kurds = next(a for a in doc.actors if a.name == "Iraqi Kurds")
    assert kurds.kind == "group" and kurds.country == "IRQ" and "Kurdish" in kurds.attributes


def test_one_holder_office_and_civil_society_groups():
    codes = _codes("The Pope appealed for a truce. Rights groups said hundreds had been detained.")
    assert codes.get("Pope") == "VATREL"
    assert codes.get("Rights groups") == "NGO"
    doc = analyse("Pope Leo received the delegation. The pope then spoke of reconciliation.")
    leo = next(a for a in doc.actors if a.kind == "person")
    assert leo.name == "Leo" and leo.code == "VATREL" and len(leo.mentions) == 2


def test_the_south_is_left_alone_when_two_countries_could_be_meant():
    doc = analyse("South Africa and South Korea signed a trade pact; the South will export more cars.")
    south = [a for a in doc.actors if any(m.text == "South" for m in a.mentions)]
    assert south == [], [(a.name, a.code) for a in south]


def test_a_known_one_word_name_at_the_end_of_a_longer_name_is_not_that_name():
    codes = _codes
    # "Congress" of another country's union or party is not the US Congress
    assert "United States Congress" not in codes("The Nigerian Labour Congress called a strike over fuel prices.")
    assert "United States Congress" not in codes("Leaders of the Indian National Congress met in Delhi.")
    assert codes("Congress passed the spending bill late on Friday.").get("United States Congress") == "USALEG"
    # a known word before the name, or a weekday, leaves it alone
    assert codes("Lebanese Hezbollah fighters crossed the border.").get("Hezbollah") == "LBNREB"
    assert codes("On Monday Hezbollah said it fired rockets.").get("Hezbollah") == "LBNREB"


def test_a_spaced_dash_and_a_verb_end_a_body_phrase():
    # the dateline's dash and "declared" are no part of who acts ("self-declared" still is)
    doc = analyse("LIMA, March 2 (Reuters) - Peru's government declared a state of emergency in the south.")
    names = [a.name for a in doc.actors]
    assert "Peru's government" in names, names
    assert not [n for n in names if n.startswith("-") or "declared" in n], names


def test_a_capital_after_in_and_an_area_word_is_a_place():
    doc = analyse("Thousands of people marched in central Nairobi on Sunday.")
    nairobi = [a for a in doc.actors if a.name == "Nairobi"]
    assert nairobi and nairobi[0].kind == "place", [(a.name, a.kind) for a in doc.actors]


def test_a_dateline_counts_for_the_country_of_an_unnamed_ministry():
    # Russia named as a place and the Kremlin once; the story is datelined in Peru and names Peru's congress
    doc = analyse("LIMA, March 2 (Reuters) - Peru's congress passed a media law on Tuesday. Critics said it "
                  "resembled a law used in Russia to muzzle critics of the Kremlin.\n\n"
                  "The interior ministry said it had detained 12 people.")
    ministry = [a for a in doc.actors if a.name.lower() == "interior ministry"]
    assert ministry and ministry[0].country == "PER", [(a.name, a.country) for a in doc.actors]


def test_a_name_ending_in_an_organisation_word_is_no_person():
    doc = analyse("Several rights groups criticised the raid, and the Bar Association said dozens had been held.")
    assert not [a for a in doc.actors if a.kind == "person" and "Association" in a.name], \
        [(a.name, a.kind) for a in doc.actors]


@pytest.mark.parametrize("text,country", [
    ("Treasury officials in Kenya said the new taxes would stay.", "KEN"),
    ("Treasury officials said the sanctions on Iran would stay, and the United States would not ease them.", "USA"),
])
def test_a_generic_organ_name_belongs_to_the_story_country_unless_its_own_is_named(text, country):
    doc = analyse(text)
    treasury = [a for a in doc.actors if "Treasury" in a.name]
    assert treasury and treasury[0].country == country, [(a.name, a.country, a.evidence) for a in doc.actors]


def _group(doc: Document, word: str):
    found = [a for a in doc.actors if a.kind == "group" and word in a.name.lower()]
    assert found, [(a.name, a.kind, a.country) for a in doc.actors]
    return found[0]


def test_domestic_groups_take_the_story_country_and_foreign_facing_ones_do_not():
    # no dateline: Peru is the story's country by its located mentions (Lima, Peru's congress, Peru)
    doc = analyse("Peru's congress met in Lima on Tuesday as police blocked the road to the building.\n\n"
                  "Protesters threw stones, and diplomats watched from a hotel. Peru has seen three such "
                  "weeks this year, while troops stayed in their barracks.")
    police, protesters = _group(doc, "police"), _group(doc, "protesters")
    assert (police.country, police.sector) == ("PER", "COP") and protesters.country == "PER"
    assert any(e.startswith("country:story:") for e in police.evidence)
    assert _group(doc, "diplomats").country is None  # flagged 'abroad' in titles.tsv
    assert _group(doc, "troops").country is None  # MIL is not a domestic sector: troops may be foreign


def test_no_story_country_when_no_country_dominates():
    doc = analyse("Bolivia and Chile traded charges, Chile's navy said, while Bolivian officials met "
                  "in La Paz. Police in neither capital commented.")
    assert _group(doc, "police").country is None


def test_a_dateline_after_a_standfirst_line_still_counts():
    doc = analyse("The vote was the first since the coup.\n\nQUITO (AP) - Lawmakers voted on Monday "
                  "to dismiss the minister. Students marched to the building.")
    assert _group(doc, "students").country == "ECU"


def test_a_collective_word_before_a_person_title_gives_the_sector():
    doc = analyse("Ghana's opposition candidate Kwame Mensah won the most votes in the capital.")
    a = actor(doc, "Kwame Mensah")
    assert (a.country, a.sector) == ("GHA", "OPP"), (a.country, a.sector, a.evidence)


def test_a_title_followed_by_a_named_apposition_is_not_a_nominal():
    doc = analyse("Opposition candidate Kwame Mensah beat the ruling party's candidate, former finance "
                  "minister Ama Owusu, in the capital.")
    mensah = actor(doc, "Kwame Mensah")
    assert all(m.text != "candidate" for m in mensah.mentions), mensah.mentions


def test_a_wh_word_ends_a_group_phrase():
    doc = analyse("He flew to Tehran where Iraqi militants are trained, the report said.")
    assert _group(doc, "militants").name.lower().startswith("iraqi"), [a.name for a in doc.actors]


def test_opposition_activists_politicians_and_a_policy_chief():
    doc = analyse("Police detained opposition activists on Monday. The arrests angered opposition politician "
                  "Lena Marsh, and EU foreign policy chief Kaja Kallas called for calm.")
    assert _group(doc, "activists").sector == "OPP"
    assert actor(doc, "Lena Marsh").sector == "OPP"
    assert actor(doc, "Kaja Kallas").country == "IGO"


def test_a_visited_capital_is_not_the_visitor_s_country_and_the_dateline_comes_first():
    doc = analyse("JAKARTA (AP) - Beijing protested on Monday. President Prabowo Subianto is expected to visit "
                  "Canberra next month to meet Prime Minister Anthony Albanese.")
    assert actor(doc, "Prabowo Subianto").country == "IDN", actor(doc, "Prabowo Subianto").evidence


def test_a_second_country_ends_a_title_phrase():
    doc = analyse("The Philippines summoned China's ambassador on Monday.")
    amb = [a for a in doc.actors if a.kind == "person"]
    assert amb and amb[0].country == "CHN" and "Philippines" not in amb[0].name, [(a.name, a.country) for a in amb]


def test_a_city_in_a_place_phrase_is_a_place_even_when_tagged_as_a_person():
    # the shipped NER tags both cities PER; "a district of", "'s ... region" say they are places
    doc = analyse("Missiles hit a residential district of Kharkiv overnight. Drones also attacked a depot "
                  "in Russia's Krasnodar region.")
    for name, iso in (("Kharkiv", "UKR"), ("Krasnodar", "RUS")):
        a = actor(doc, name)
        assert a.kind == "place" and a.country == iso, (a.name, a.kind, a.country, a.evidence)


def test_munitions_act_for_the_country_that_fires_them():
    doc = analyse("Russian missiles struck an apartment block in Odesa on Friday.")
    a = actor(doc, "Russian missiles")
    assert a.country == "RUS" and a.sector == "MIL"


def test_he_as_a_chinese_surname_and_a_title_before_the_name():
    doc = analyse("Finance Minister Ana Ruiz met Chinese Vice Premier He Lifeng in Beijing. A commerce ministry "
                  "spokeswoman, He Yadong, said the talks went well. He said nothing more.")
    he = actor(doc, "He Lifeng")
    assert he.kind == "person" and he.code == "CHNGOV", (he.name, he.code, he.evidence)
    assert actor(doc, "He Yadong").sector == "GOV"
    assert not any(m.text == "He Lifeng" for m in actor(doc, "Ana Ruiz").mentions)


def test_a_capitalised_organ_takes_the_dateline_country():
    doc = analyse("HANOI (AP) - The Foreign Ministry said on Monday that Chinese ships had entered its waters.")
    m = actor(doc, "Foreign Ministry")
    assert m.country == "VNM" and m.sector == "GOV", (m.name, m.code, m.evidence)


def test_a_dateline_of_two_capitals_gives_no_story_country():
    doc = analyse("BEIJING/WASHINGTON (Reuters) - Police detained two people, officials said.")
    assert actor(doc, "Police").country is None
    assert doc.body[doc.sentences[1].start:].startswith("Police")


def test_its_gives_a_group_its_owner_s_country():
    doc = analyse("NAIROBI (Reuters) - Ethiopia's army said its drones struck rebel camps. France condemned the "
                  "raid and said it would protect its citizens.")
    assert actor(doc, "drones").code == "ETHMIL", actor(doc, "drones").evidence
    assert actor(doc, "citizens").country == "FRA", actor(doc, "citizens").evidence
    # the owner is the subject, not a country in a place phrase or a modifier
    doc = analyse("Pakistan, a key U.S. ally, has refused to send troops to Iraq and has urged its citizens to "
                  "leave.")
    assert actor(doc, "citizens").country == "PAK", actor(doc, "citizens").evidence


def test_the_group_and_the_bloc_name_the_last_organisation_of_their_kind():
    doc = analyse("Hezbollah fired rockets at northern Israel on Monday. Israel accused the group of acting for "
                  "Iran.\n\nThe African Union suspended Gabon. Leaders of the 55-nation bloc met in Addis Ababa.")
    hz = actor(doc, "Hezbollah")
    assert any(m.text == "group" for m in hz.mentions), [m.text for m in hz.mentions]
    au = actor(doc, "African Union")
    assert any("bloc" in m.text for m in au.mentions), [m.text for m in au.mentions]
    assert actor(doc, "Leaders").country == "IGO"


def test_an_organ_adjective_before_an_act_noun_is_no_mention():
    doc = analyse("The military seized power in Gabon. Chad said any military intervention would be a mistake.")
    mil = actor(doc, "military")
    assert [m.text for m in mil.mentions] == ["military"], [m.text for m in mil.mentions]


def test_supporters_are_civilians_of_the_story_country():
    doc = analyse("DHAKA (AFP) - Thousands of supporters of the former prime minister marched through the capital.")
    a = actor(doc, "supporters")
    assert a.code == "BGDCVL", (a.code, a.evidence)


def test_a_context_organ_with_a_country_named_only_as_a_place_does_not_crash():
    # a KeyError: the counted countries left out "India" (a place here) but the choice still read it
    doc = analyse("The New York Times and CNN reported it. Many people live in India. The air has worsened "
                  "since Diwali, despite the Supreme Court ban on fireworks.")
    assert actor(doc, "Supreme Court").country is not None, actor(doc, "Supreme Court").evidence


def test_a_foreign_organ_does_not_take_the_context_country():
    doc = analyse("Polish prosecutors charged three men with sabotage on behalf of a foreign intelligence service.")
    spy = [a for a in doc.actors if a.sector == "SPY"]
    assert spy and spy[0].country is None, [(a.name, a.country) for a in doc.actors]
    doc = analyse("Polish prosecutors said the intelligence service had recruited the men.")
    assert [a for a in doc.actors if a.sector == "SPY" and a.country == "POL"]


def test_an_indefinite_person_is_coded_by_the_words_before_it():
    doc = analyse("A Russian soldier shot a Ukrainian teenager near Kharkiv. Police later detained a "
                  "Belarusian student and a Hamas fighter.")
    assert actor(doc, "soldier").code == "RUSMIL", [(a.name, a.code) for a in doc.actors]
    assert actor(doc, "teenager").code == "UKRCVL"
    assert actor(doc, "student").code == "BLREDU"
    assert actor(doc, "fighter").country == "PSE" and actor(doc, "fighter").sector == "REB"


def test_bare_people_nouns_name_no_actor():
    # "a man", "two men", "a woman" say nothing an event coder could use
    doc = analyse("A man was stabbed on Tuesday. Two men were later detained, and a woman was questioned.")
    assert not doc.actors, [(a.name, a.code) for a in doc.actors]
    doc = analyse("Three Ukrainian men were detained. Armed men attacked a checkpoint.")
    assert actor(doc, "Ukrainian men").code == "UKRCVL"
    assert actor(doc, "Armed men").sector == "REB"


def test_a_singular_demonym_noun_is_one_of_that_countrys_people():
    doc = analyse("A Palestinian was killed by Israeli troops, and an Iraqi was wounded.")
    assert actor(doc, "Palestinian").code == "PSECVL", [(a.name, a.code) for a in doc.actors]
    assert actor(doc, "Iraqi").code == "IRQCVL"
    doc = analyse("The talks were an Iraqi initiative.")
    assert not doc.actors, [(a.name, a.code) for a in doc.actors]


def test_an_organ_that_speaks_for_a_sentence_belongs_to_its_acting_state():
    # the diplomats ("them") stand nearer the ministry, but the ministry speaks for Poland's act
    doc = analyse("Poland expelled two Belarusian diplomats on Tuesday, accusing them of spying, "
                  "the foreign ministry said.")
    assert actor(doc, "foreign ministry").country == "POL", actor(doc, "foreign ministry").evidence


def _mentioned(doc, word: str):
    """The actor one of whose mentions is exactly ``word`` (a pronoun)."""
    return next((a for a in doc.actors for m in a.mentions if m.text == word), None)


def test_a_speaking_organ_belongs_to_the_acting_state_not_to_the_accused_capital():
    doc = analyse("Bamako's military government told the Swedish ambassador to leave within three days, "
                  "accusing Stockholm of meddling, the foreign ministry said on state radio.")
    assert actor(doc, "foreign ministry").country == "MLI", [(a.name, a.code) for a in doc.actors]


def test_members_from_an_organisation_take_its_code():
    doc = analyse("The African Union suspended Gabon. Ministers from the African Union met in Addis Ababa, "
                  "and army chiefs from the bloc met a day later.")
    assert actor(doc, "Ministers").country == "IGO", [(a.name, a.code) for a in doc.actors]
    assert actor(doc, "army chiefs").country == "IGO"
    assert actor(doc, "army chiefs").sector == "MIL"


def test_a_plural_pronoun_in_what_a_subject_says_is_that_subject():
    doc = analyse("Chad and Sudan, both ruled by generals who came to power in coups, said they would "
                  "close the border.")
    they = _mentioned(doc, "they")
    assert they is not None and they.country in ("TCD", "SDN"), [(a.name, a.code) for a in doc.actors]
    doc = analyse("Police said rioters burned cars and that they had arrested twenty people.")
    assert _mentioned(doc, "they").sector == "COP", [(a.name, a.code) for a in doc.actors]


def test_a_speaker_after_the_report_takes_the_dateline_country_not_the_reported_actor():
    doc = analyse("HANOI, May 3 (Reuters) - Chinese sailors rammed a Vietnamese fishing boat and seized its "
                  "catch, the navy commander, Admiral Tran Van Minh, told reporters. He described the "
                  "ramming as an act of piracy.")
    minh = actor(doc, "Tran Van Minh")
    assert minh.country == "VNM", [(a.name, a.code, a.evidence) for a in doc.actors]
    assert _mentioned(doc, "He") is minh



def test_separatists_are_rebels_and_a_town_of_an_unknown_region_is_no_person():
    doc = analyse("Separatist officials said troops shelled the main town of Nagorno-Karabakh.")
    assert actor(doc, "Separatist officials").sector == "REB", [(a.name, a.code) for a in doc.actors]
    assert "separatist" in actor(doc, "Separatist officials").attributes
    assert not [a for a in doc.actors if a.kind == "person"], [(a.name, a.kind) for a in doc.actors]


def test_a_verb_read_as_an_adjective_ends_a_title_phrase():
    doc = analyse("Kenya's foreign ministry summoned Uganda's acting high commissioner on Monday.")
    envoy = actor(doc, "high commissioner")
    assert envoy.code == "UGAGOV" and "summoned" not in envoy.name, [(a.name, a.code) for a in doc.actors]


def test_a_people_noun_before_a_group_gives_its_sector_but_a_rank_does_not():
    doc = analyse("The student leaders demanded new elections. Major units moved north.")
    assert actor(doc, "student leaders").sector == "EDU", [(a.name, a.code) for a in doc.actors]
    assert not [a for a in doc.actors if a.name.startswith("Major")], [a.name for a in doc.actors]


def test_a_big_city_the_ner_calls_a_person_is_a_place():
    doc = analyse("Russian missiles struck Kharkiv on Friday. The rockets fell on a market.")
    assert actor(doc, "Kharkiv").kind == "place" and actor(doc, "Kharkiv").country == "UKR", \
        [(a.name, a.kind, a.code) for a in doc.actors]
    assert not [a for a in doc.actors if a.name == "rockets"]  # bare munitions name no actor


def test_an_honorific_inside_a_name_and_his_government():
    doc = analyse("Addis Ababa signed the port deal. Somali President Hassan Sheikh Mohamud said the deal was void. "
                  "His government accused Ethiopia of violating its sovereignty.")
    assert actor(doc, "Hassan Sheikh Mohamud").code == "SOMGOV", [(a.name, a.code) for a in doc.actors]
    assert actor(doc, "government").country == "SOM", [(a.name, a.code, a.evidence) for a in doc.actors]


def test_an_organ_modifying_an_object_is_the_subjects():
    doc = analyse("Somalia recalled its ambassador and called an emergency cabinet meeting after Addis Ababa "
                  "signed an agreement with Somaliland.")
    assert actor(doc, "cabinet").country == "SOM", [(a.name, a.code, a.evidence) for a in doc.actors]


def test_hyphenated_given_names_and_family_names_written_first():
    doc = analyse("South Korean President Yoon Suk Yeol declared martial law on Tuesday. Opposition leader "
                  "Lee Jae-myung called the decree illegal. Yoon accused the opposition of sedition. Lee said "
                  "lawmakers would vote. Kremlin-backed forces shelled the town.")
    lee = actor(doc, "Lee Jae-myung")
    assert lee.name == "Lee Jae-myung", lee.name
    assert mention_actor(doc, "Lee", "Yoon accused") is lee
    assert mention_actor(doc, "Yoon", "Jae-myung") is actor(doc, "Yoon Suk Yeol")
    assert not [a for a in doc.actors if a.kind == "person" and "Kremlin" in a.name]


def test_it_that_opens_a_sentence_is_the_body_that_acted_before():
    doc = analyse("Pakistan recalled its ambassador on Wednesday. It also condemned the strike as a violation "
                  "of its airspace. Iran fired missiles at the camp. It is unclear how many people died.")
    assert mention_actor(doc, "It", "Wednesday") is actor(doc, "Pakistan")
    assert doc.mention_at(doc.body.index("It is"), doc.body.index("It is") + 2) is None


def test_a_town_listed_with_places_is_a_place():
    doc = analyse("Police arrested dozens of demonstrators in Nairobi and Mombasa. Jets struck depots near Sanaa, "
                  "Hodeidah and Saada.")
    for name in ("Mombasa", "Hodeidah"):
        assert actor(doc, name).kind == "place", [(a.name, a.kind) for a in doc.actors]


def test_a_speaker_takes_no_country_from_what_he_reports():
    doc = analyse("Omid Farhadi, a spokesman, said the United States would regret the raid.")
    assert actor(doc, "Omid Farhadi").country is None, actor(doc, "Omid Farhadi").evidence
    doc = analyse("Canadian spokesman Omid Farhadi said the United States would regret the raid.")
    assert actor(doc, "Omid Farhadi").country == "CAN"


def test_a_title_phrase_with_a_preposition_before_the_name_gives_country_and_sector():
    # (before, the spokesperson took the army that spoke in the sentence before for hers)
    doc = analyse("Somalia's army said it had retaken the town. A spokesperson for the Kenyan foreign ministry, "
                  "Wanjiru Kamau, told reporters the talks would resume.")
    a = actor(doc, "Wanjiru Kamau")
    assert (a.country, a.sector) == ("KEN", "GOV"), a.evidence


def test_an_aide_takes_the_country_of_the_person_served_but_an_envoy_does_not():
    doc = analyse("ADDIS ABABA - Tesfaye Bekele, the security adviser to Prime Minister Abiy Ahmed, said the "
                  "road to Mekelle would reopen.")
    a = actor(doc, "Tesfaye Bekele")
    assert a.country == "ETH" and any(e.startswith("country:principal") for e in a.evidence), a.evidence
    doc = analyse("Gustavo Lira, the Chilean envoy to President Nicolas Maduro, said the vote was fair. "
                  "Marta Ruiz, the envoy to President Nicolas Maduro, said the same.")
    assert actor(doc, "Gustavo Lira").country == "CHL"
    assert not any(e.startswith("country:principal") for e in actor(doc, "Marta Ruiz").evidence)


def test_groups_owned_by_his_her_or_whose_take_the_owners_country():
    doc = analyse("Neighbouring Eritrea, whose troops fought in the war, was not at the talks. Kenyan President "
                  "William Ruto met his security advisers on Monday.")
    assert actor(doc, "troops").country == "ERI", actor(doc, "troops").evidence
    advisers = next(a for a in doc.actors if "advisers" in a.name)
    assert advisers.country == "KEN", advisers.evidence


def test_a_given_name_the_ner_left_out_before_a_tagged_surname_is_part_of_the_name():
    doc = analyse("Jorge Rodriguez, a spokesman for the government, said the vote was fair.")
    assert [a.name for a in doc.actors if a.kind == "person"] == ["Jorge Rodriguez"], doc.actors


def test_a_title_phrase_set_off_before_a_name_is_that_person():
    doc = analyse("Japan's defence minister, Minoru Kihara, told reporters the launch was a threat. The AU's envoy, "
                  "former Nigerian president Olusegun Obasanjo, said both sides had agreed.")
    persons = sorted(a.name for a in doc.actors if a.kind == "person")
    assert persons == ["Minoru Kihara", "Olusegun Obasanjo"], persons
    import dossier
    doc = dossier.extract(doc.body)  # and they are who speaks
    assert [q.speaker["name"] for q in doc.quotes][:2] == ["Minoru Kihara", "Olusegun Obasanjo"], doc.quotes


def test_a_body_named_in_what_a_speaker_reports_is_the_speakers_own():
    # (before, "the army" took the nearest country in the sentence: Rwanda's)
    doc = analyse("KINSHASA - Government spokesman Patrick Muyaya said Rwandan soldiers were fighting near Goma and "
                  "that the army had shot down two drones.")
    a = actor(doc, "army")
    assert a.country == "COD", a.evidence


def test_its_in_an_infinitive_belongs_to_whom_the_verb_above_addresses():
    doc = analyse("The United States called on Rwanda to withdraw its forces from eastern Congo.")
    assert actor(doc, "forces").country == "RWA", actor(doc, "forces").evidence
    doc = analyse("The EU urged Serbia to pull back its troops.")  # and "back" is no part of the group
    assert [(a.name, a.country) for a in doc.actors if a.kind == "group"] == [("troops", "SRB")], doc.actors


def test_an_untitled_speaker_serves_no_one_named_before_him():
    doc = analyse("The talks were a victory for President Vladimir Putin, Ivan Petrenko said.")
    assert not any(e.startswith("country:principal") for e in actor(doc, "Ivan Petrenko").evidence)


def test_a_country_after_of_is_in_the_sentence_of_a_president():
    # (before, "of" counted as a place preposition: "the interests of Niger" lost to "Paris")
    doc = analyse("The junta accused Paris of acting against the interests of Niger after the coup that "
                  "toppled President Mohamed Bazoum.")
    assert actor(doc, "Mohamed Bazoum").country == "NER", actor(doc, "Mohamed Bazoum").evidence


def test_a_speaking_organ_is_not_a_state_named_as_an_object_before():
    doc = analyse("NIAMEY - The junta gave the envoy two days to leave, accusing Paris of meddling. "
                  "The foreign ministry said in a statement that he had ignored a summons.")
    a = actor(doc, "foreign ministry")
    assert a.country == "NER", a.evidence


def test_a_diplomat_takes_the_country_of_the_same_post_named_before():
    doc = analyse("NIAMEY - The junta told the French ambassador to leave within two days. It said "
                  "ambassador Sylvain Itte had turned down a meeting.")
    assert actor(doc, "Sylvain Itte").country == "FRA", actor(doc, "Sylvain Itte").evidence
    doc = analyse("NIAMEY - The junta said ambassador Sylvain Itte had turned down a meeting.")
    assert actor(doc, "Sylvain Itte").country is None  # not the host country of the dateline


def test_a_name_set_off_after_a_title_phrase_is_a_person_whatever_the_ner_says():
    doc = analyse("Azerbaijan's president, Ilham Aliyev, said the talks would go on.")
    a = actor(doc, "Ilham Aliyev")
    assert a.kind == "person" and a.country == "AZE", a.evidence


def test_the_army_in_a_speakers_report_is_the_speakers_not_the_last_army_named():
    doc = analyse("Armenia's army was not involved, Pashinyan said. Azerbaijan's president, Ilham Aliyev, said "
                  "the army had struck only military positions.")
    armies = sorted((a.name, a.country) for a in doc.actors if "army" in a.name.lower())
    assert ("army", "AZE") in armies, armies


def test_a_rebel_leaders_forces_are_rebels_and_a_leaders_envoy_his_country():
    doc = analyse("RSF commander Mohamed Hamdan Dagalo said his forces were ready to talk. Egypt's foreign minister "
                  "met Dagalo's envoy in Cairo.")
    forces = actor(doc, "forces")
    assert (forces.country, forces.sector) == ("SDN", "REB"), forces.evidence
    assert actor(doc, "envoy").country == "SDN", actor(doc, "envoy").evidence


def test_an_adjective_after_a_possessive_is_no_aide():
    doc = analyse("Prime Minister Sheikh Hasina fled. Crowds stormed Hasina's official residence in Dhaka.")
    assert not any(a.name == "official" for a in doc.actors), [a.name for a in doc.actors]


def test_a_dateline_of_a_country_named_nowhere_else_is_a_bureau():
    doc = analyse("BANGKOK - A Myanmar army jet bombed a village in Myanmar's Sagaing region, residents said. "
                  "Myanmar's junta said the strike hit fighters.")
    assert actor(doc, "residents").country == "MMR", actor(doc, "residents").evidence
    doc = analyse("CAIRO - Egyptian and Qatari mediators met Israeli and Palestinian envoys. Israel and Palestine "
                  "sent teams. Officials said the talks would go on.")  # Egypt is named: the dateline counts
    assert actor(doc, "Officials").country == "EGY", actor(doc, "Officials").evidence


def test_a_front_title_with_a_preposition_makes_a_person_of_the_name_after_it():
    doc = analyse("A spokesman for the NUG, Kyaw Zaw, called the attack a war crime.")
    a = actor(doc, "Kyaw Zaw")
    assert a.kind == "person" and a.country == "MMR", a.evidence


def test_portfolio_words_do_not_break_a_title_chain():
    doc = analyse("The U.N. human rights chief Volker Turk said he was horrified.")
    assert actor(doc, "Volker Turk").country == "IGO", actor(doc, "Volker Turk").evidence


def test_a_body_a_speaker_addresses_is_the_speakers_and_a_known_person_takes_no_context():
    doc = analyse("NEW DELHI - India rejected Canadian Prime Minister Justin Trudeau's claim. Trudeau told "
                  "parliament that agencies were pursuing credible allegations.")
    assert actor(doc, "parliament").country == "CAN", actor(doc, "parliament").evidence
    assert not any("context" in e for e in actor(doc, "Justin Trudeau").evidence), actor(doc, "Justin Trudeau").evidence


def test_a_sector_word_in_a_persons_title_chain_gives_the_sector():
    doc = analyse("Ottawa expelled an Indian intelligence official.")
    a = actor(doc, "Indian intelligence official")
    assert (a.country, a.sector) == ("IND", "SPY"), a.evidence


def test_a_dateline_country_named_once_in_a_story_of_another_is_a_bureau():
    doc = analyse("HAVANA - Colombia's government and the ELN signed a truce at talks in the Cuban capital, "
                  "President Gustavo Petro said. ELN commander Antonio Garcia said the group would halt attacks. "
                  "Colombia's defence minister said troops would protect civilians.")
    assert actor(doc, "civilians").country == "COL", actor(doc, "civilians").evidence


def test_a_plural_noun_opening_a_sentence_is_no_person():
    import dossier
    from pages import SWAP
    doc = dossier.extract(SWAP)
    assert not any(a.name == "Hours" for a in doc.actors), [a.name for a in doc.actors]


def test_a_common_noun_opening_a_sentence_is_no_person():
    import dossier
    from pages import KENYA
    doc = dossier.extract(KENYA)
    assert not any(a.name == "Part" for a in doc.actors), [a.name for a in doc.actors]


def test_an_indefinite_apposition_to_a_person_is_no_second_actor():
    doc = analyse("Petro, a former guerrilla himself, called the deal a step toward peace.")
    assert [a.name for a in doc.actors] == ["Petro"], [a.name for a in doc.actors]


def test_a_definite_title_of_an_organisation_is_its_office_holder():
    doc = analyse("The head of the U.N. nuclear watchdog said Iran had barred several inspectors.")
    a = next(x for x in doc.actors if x.name == "head of the U.N. nuclear watchdog")
    assert (a.kind, a.country) == ("person", "IGO"), a.evidence
    doc = analyse("The head of the agency, Rafael Grossi, said Iran had barred inspectors.")
    assert not any(x.name.startswith("head of") for x in doc.actors), [x.name for x in doc.actors]


def test_an_owner_before_the_title_a_name_is_set_off_after_gives_the_country():
    doc = analyse("Mali's leader, Colonel Assimi Goita, said the bloc had become a tool of France.")
    a = actor(doc, "Goita")
    assert (a.country, a.sector) == ("MLI", "MIL"), a.evidence


def test_a_titled_speaker_set_off_after_a_title_does_not_take_a_country_he_reports():
    doc = analyse("A spokesman, Colonel Assimi Goita, said the bloc had become a tool of France.")
    assert actor(doc, "Goita").country != "FRA", actor(doc, "Goita").evidence


def test_a_family_name_first_with_a_hyphenated_given_name():
    doc = analyse("Taiwan's President Lai Ching-te spoke on Monday. Lai said the island would not bow to pressure.")
    people = [a for a in doc.actors if a.kind == "person"]
    assert len(people) == 1 and {m.text for m in people[0].mentions} >= {"Lai Ching-te", "Lai"}, \
        [(a.name, [m.text for m in a.mentions]) for a in people]


def test_a_title_given_by_the_predicate():
    doc = analyse("Bassirou Diomaye Faye, who was elected president in March, met Macron.")
    assert actor(doc, "Faye").sector == "GOV", [a.name for a in doc.actors]
    doc = analyse("Amadou Ba became prime minister in 2022.")
    assert actor(doc, "Amadou Ba").sector == "GOV"
    doc = analyse("Grace Okafor named Tom Reed prime minister on Friday.")  # the one who names is not named
    assert not any(a.name == "Grace Okafor" and a.sector for a in doc.actors), [(a.name, a.sector) for a in doc.actors]


def test_what_a_titled_person_acts_on_is_not_his_country():
    doc = analyse("The United States, which is paying for much of the mission, said it would not send troops. "
                  "Secretary of State Antony Blinken praised Kenya for taking the lead.")
    assert actor(doc, "Blinken").country == "USA", actor(doc, "Blinken").evidence


def test_a_titled_person_with_no_country_nearby_takes_the_dateline_before_a_state_sentences_away():
    doc = analyse("PORT-AU-PRINCE, June 26 (Reuters) - Kenyan police landed in Haiti on Tuesday. "
                  "Benin and Chad have also promised personnel. "
                  "The gangs, led by former police officer Jimmy Cherizier, have attacked police stations.")
    assert actor(doc, "Cherizier").country == "HTI", actor(doc, "Cherizier").evidence


def test_a_bare_group_noun_repeats_an_earlier_group_it_ends():
    doc = analyse("The first Kenyan police officers landed in Haiti on Tuesday. About 400 officers arrived on a "
                  "chartered flight, and the officers were driven to a base.")
    a = next(x for x in doc.actors if any(m.text == "officers" for m in x.mentions))
    assert (a.country, a.sector) == ("KEN", "COP"), (a.name, a.evidence)


def test_a_seat_of_government_that_is_not_the_capital_opens_a_dateline():
    import dossier
    doc = dossier.extract("LA PAZ (AFP) - Troops stormed the government palace on Wednesday. General Juan Jose "
                          "Zuniga told reporters that the armed forces wanted to restructure democracy.")
    assert actor(doc, "Zuniga").country == "BOL", actor(doc, "Zuniga").evidence


def test_the_wire_agency_gives_no_one_its_country():
    doc = analyse("(AFP) - General Juan Jose Zuniga told reporters that the armed forces wanted to restructure democracy.")
    assert actor(doc, "armed forces").country is None, actor(doc, "armed forces").evidence


def test_an_organ_word_as_the_first_half_of_an_adjective_is_no_actor():
    doc = analyse("Putin said Russia did not rule out military-technical cooperation with Pyongyang.")
    assert not any(a.name == "military" for a in doc.actors), [a.name for a in doc.actors]
    doc = analyse("India and China reached a deal, ending a four-year military standoff that followed a clash in 2020.")
    assert not any(a.name == "military" for a in doc.actors), [a.name for a in doc.actors]


def test_a_state_agency_title_before_its_name_is_that_agency():
    doc = analyse("The North's state news agency KCNA said Kim had inspected an artillery unit.")
    assert [a.name for a in doc.actors if a.sector == "MED"] == ["KCNA"], [(a.name, a.sector) for a in doc.actors]


def test_a_compound_title_is_read_whole():
    doc = analyse("Japan's chief cabinet secretary, Yoshimasa Hayashi, said Tokyo was seriously concerned.")
    people = [a for a in doc.actors if a.kind == "person"]
    assert [(a.name, a.country, a.sector) for a in people] == [("Yoshimasa Hayashi", "JPN", "GOV")], \
        [(a.name, a.country) for a in people]


def test_a_middle_name_alone_is_the_same_person():
    doc = analyse("Officers said they had seized power after the commission declared President Ali Bongo Ondimba the "
                  "winner. They said Bongo was under house arrest.")
    people = [a for a in doc.actors if a.kind == "person"]
    assert [(a.name, len(a.mentions)) for a in people] == [("Ali Bongo Ondimba", 2)], \
        [(a.name, [m.text for m in a.mentions]) for a in people]


def test_a_known_leader_keeps_his_country_and_a_namesake_with_another_office_takes_the_context():
    doc = analyse("MALE, Jan 14 (AFP) - The Maldives asked India to withdraw its soldiers by March, days after "
                  "President Mohamed Muizzu returned from China.")
    assert actor(doc, "Muizzu").country == "MDV", actor(doc, "Muizzu").evidence
    doc = analyse("BOGOTA, March 3 (Reuters) - Colombia's army said rebels attacked a base. Defence Minister Pedro "
                  "Sanchez said three soldiers were wounded.")
    assert actor(doc, "Pedro Sanchez").country == "COL", actor(doc, "Pedro Sanchez").evidence


def test_a_group_word_inside_a_name_is_no_group_and_an_al_name_is_its_family_name():
    doc = analyse("Putin's own People Power Party criticised the decision.")
    assert not any(a.kind == "group" for a in doc.actors), [(a.name, a.kind) for a in doc.actors]
    doc = analyse("Hamas sent a delegation led by its deputy chief Khalil al-Hayya to Cairo. \"We are ready,\" "
                  "Hayya told reporters.")
    people = [a for a in doc.actors if a.kind == "person"]
    assert [(a.name, len(a.mentions)) for a in people] == [("Khalil al-Hayya", 2)], [a.name for a in people]


@pytest.mark.parametrize("text, name, country", [
    # a state modifying the object of the speaker's verb (or of a participle hung on it) is not his
    ("AMMAN, Jan 28 (Reuters) - A drone struck a base in Jordan. Iran denied any role. \"The groups do not take "
     "orders from us,\" foreign ministry spokesman Nasser Kanaani told reporters in Tehran, calling the U.S. "
     "accusations baseless.", "Kanaani", "IRN"),
    # what his second verb reports is not his country; a state that "rejected" spoke before him
    ("PARIS, May 16 (AFP) - France accused Azerbaijan of meddling. Azerbaijan rejected the accusation. \"We deny "
     "these baseless allegations,\" foreign ministry spokesman Aykhan Hajizada said, adding that Paris should stop "
     "blaming others.", "Hajizada", "AZE"),
])
def test_a_spokesmans_country_is_not_what_he_answers_or_reports(text, name, country):
    import dossier
    doc = dossier.extract(text)
    assert actor(doc, name).country == country, actor(doc, name).evidence


def test_a_described_state_is_the_last_state_named():
    doc = analyse("Sudan's government accused the United Arab Emirates of arming the RSF, a charge the Gulf state has "
                  "repeatedly rejected.")
    assert any(m.text == "Gulf state" for m in actor(doc, "United Arab Emirates").mentions), \
        [(a.name, [m.text for m in a.mentions]) for a in doc.actors]
    doc = analyse("Iran said the Islamic State was to blame. Police in the state of Texas arrested him.")
    assert not any(m.text.lower().endswith("state") for a in doc.actors if a.kind == "state" for m in a.mentions)


def test_a_name_with_two_particles_is_one_name():
    doc = analyse("European Commission President Ursula von der Leyen said the bloc would widen sanctions.")
    people = [a for a in doc.actors if a.kind == "person"]
    assert [(a.name, a.country) for a in people] == [("Ursula von der Leyen", "IGO")], [a.name for a in people]


def test_a_party_the_knowledge_base_lacks_is_named_by_its_head_word():
    doc = analyse("TUNIS - A court sentenced Rached Ghannouchi, the leader of the Ennahda party, to a year in prison. "
                  "Ennahda said the verdict was unjust. The party accused the president of using the courts.")
    party = actor(doc, "Ennahda")
    assert (party.kind, party.country, party.sector, len(party.mentions)) == ("organization", "TUN", "PTY", 3), \
        (party.kind, party.country, [m.text for m in party.mentions])
    doc = analyse("The Bangladesh Nationalist Party called a strike. Srpska Lista, the main Kosovo Serb party, "
                  "boycotted the vote.")
    parties = {(a.name, a.country) for a in doc.actors if a.sector == "PTY"}
    assert ("Bangladesh Nationalist Party", "BGD") in parties and not any("Serb" in p for p, _ in parties), parties
    assert not any(a.kind == "state" and a.name == "Bangladesh" for a in doc.actors)  # a word of the party's name
    doc = analyse("The Black Lives Matter movement organised protests across the country.")
    assert not any(a.sector == "PTY" for a in doc.actors), [(a.name, a.sector) for a in doc.actors]
