"""The places stage on texts written for the tests: context, cues and bad input."""

from __future__ import annotations

import pytest

from storyline.model import Article
from storyline.registry import Results
from tests.conftest import make_article, run_stages

pytestmark = pytest.mark.slow


def _locate(*texts: str) -> Results:
    articles: list[Article] = [make_article(f"a{n}", [t]) for n, t in enumerate(texts)]
    return run_stages(articles, "places", "unresolved")


def test_karak_in_a_report_on_jordan_is_the_jordanian_town() -> None:
    located = _locate(
        "Jordanian police said two people were hurt in the city of Karak on Sunday. "
        "Officials in Amman said the Jordanian government would send help to Karak."
    )
    karak = [p for p in located.places if p.name == "Karak"]
    assert karak and karak[0].country_code == "JO"


def test_cue_words_make_a_place_of_a_name_the_model_mislabels() -> None:
    located = _locate(
        "Syrian troops shelled the town of Tafas, north of Daraa, and fighting spread "
        "across Daraa province on Tuesday."
    )
    found = {(p.name, p.feature, p.country_code) for p in located.places}
    assert ("Tafas", "city", "SY") in found
    assert ("Daraa", "admin1", "SY") in found
    assert ("Daraa", "city", "SY") in found


def test_an_unknown_village_is_unresolved_not_matched_elsewhere() -> None:
    located = _locate(
        "Syrian government forces entered the village of Qarfa al-Sharqiya near Daraa, "
        "residents in Daraa said."
    )
    assert [u.name for u in located.unresolved] == ["Qarfa al-Sharqiya"]
    assert all(p.country_code == "SY" for p in located.places)


def test_person_names_holding_a_place_name_are_not_places() -> None:
    located = _locate("Bashar al-Assad met Hamza al-Hourani and Jordan Peterson in Damascus.")
    assert [p.name for p in located.places] == ["Damascus"]


def test_bad_input_no_crash() -> None:
    """Shouting, common words and a 2,000-sentence paragraph (its cost is guarded in
    tests/test_scaling.py by counting work, not by a clock)."""
    shouting = "REGIME FORCES SHELLED DARAA AL-BALAD AND TAFAS. " * 20
    common = "Police said the reading was normal. Split the bill, it was nice. " * 20
    long = "Fighting near Daraa and Tafas continued as officials in Amman met. " * 2000
    located = _locate(shouting, common, long, "", "!!! ??? 12345")
    mentions = {m.text for p in located.places for m in p.mentions}
    assert not {"Split", "Police", "reading", "normal", "nice"} & mentions
    assert {"Daraa", "Tafas", "Amman"} <= {p.name for p in located.places}


def _where(text: str, name: str) -> tuple[str | None, str | None] | None:
    located = _locate(text)
    start = text.find(name)
    for place in located.places or []:
        if any(m.start <= start < m.end for m in place.mentions):
            return place.country_code, place.admin1
    return None


def test_a_place_followed_by_its_state_or_country_lies_there() -> None:
    assert _where("Police in Dublin, Ohio, said a man was arrested.", "Dublin") == ("US", "Ohio")
    assert _where("Crews in Alexandria, Minn., cleared snow.", "Alexandria") == (
        "US",
        "Minnesota",
    )
    assert _where("Floods hit Gaza, Mozambique, on Monday.", "Gaza") == ("MZ", "Gaza")
    assert _where("Snow closed schools in Elbow Lake, Minn.", "Elbow Lake") == ("US", "Minnesota")


def test_news_abbreviations_of_states_only_after_a_town() -> None:
    assert _where("Marchers gathered in Washington, D.C., on Friday.", "D.C.") == (
        "US",
        "District of Columbia",
    )
    assert _where("Miss. Reyes said the Ind. candidate would win.", "Miss.") is None


def test_a_neighbouring_country_of_the_story_beats_a_namesake_far_away() -> None:
    text = "Israeli aircraft struck targets in Gaza overnight, Israel's army said."
    assert _where(text, "Gaza") is not None and _where(text, "Gaza")[0] == "PS"  # type: ignore[index]


def test_an_old_spelling_of_a_far_town_does_not_make_an_organisation_a_place() -> None:
    # "Hamas" is filed as an old name of Hamm, Germany: only its own name counts
    assert _where("Hamas said on Tuesday it would join the talks in Cairo.", "Hamas") is None


def test_a_name_whose_last_word_is_a_kind_of_place_stays_whole() -> None:
    located = _locate("Fans filled the stadium in Kansas City, and the mayor of Mexico City came.")
    assert {"Kansas City", "Mexico City"} <= {p.name for p in located.places}


def test_every_ambiguous_name_of_our_set_is_read_right() -> None:
    """benchmarks/data/ambiguous_places.tsv: the Gazas, Georgias, Dublins, Springfields."""
    import sys

    from tests.conftest import REPO

    sys.path.insert(0, str(REPO / "benchmarks"))
    try:
        import ambiguity_eval
    finally:
        sys.path.remove(str(REPO / "benchmarks"))
    rows = ambiguity_eval.load()
    assert len(rows) >= 50
    wrong = [
        (r["name"], reading, r["country"], r["admin1"])
        for n, r in enumerate(rows)
        if not ambiguity_eval.right(r, reading := ambiguity_eval.storyline_reading(r, n))
    ]
    assert wrong == []


def test_country_abbreviations_and_provinces_after_a_town() -> None:
    assert _where("Officials in the U.S. and the UK said so.", "U.S.") == ("US", None)
    assert _where("Crews in Kingston, Ont., cleared snow.", "Kingston") == ("CA", "Ontario")


def test_people_of_a_country_and_pieces_of_organisation_names_are_not_places() -> None:
    located = _locate("Mexicans and Canadians met the Centre for Disease Control in Atlanta.")
    assert {p.name for p in located.places} == {"Atlanta"}
    assert _where("The University of Cambridge said its colleges would reopen.", "Cambridge")


def test_british_columbia_alone_and_not_after_a_year() -> None:
    located = _locate("The B.C. premier flew to Vancouver. The temple dates to 300 B.C.")
    bc = [p for p in located.places if p.name == "B.C."]
    assert bc and bc[0].admin1 == "British Columbia" and len(bc[0].mentions) == 1


def test_bc_without_stops_is_british_columbia_but_not_after_a_year() -> None:
    from storyline.places import gazetteer_for

    found = gazetteer_for().lookup("BC")
    assert [(e.name, e.country_code) for e in found] == [("British Columbia", "CA")]
    located = _locate("The museum holds coins from 300 BC and a helmet from 120 BC.")
    assert not [p for p in located.places if p.name == "BC"]


def test_a_city_in_an_organisations_name_is_still_the_city() -> None:
    assert _where("Edmonton Police said two men were held.", "Edmonton") == ("CA", "Alberta")


def _features(text: str) -> dict[str, tuple[str, str | None, int | None]]:
    """name -> (feature, country, geonames_id) of every place the text names."""
    return {p.name: (p.feature, p.country_code, p.geonames_id) for p in _locate(text).places}


def test_world_regions_and_seas_are_regions_not_namesake_villages() -> None:
    found = _features(
        "Shipping in the Red Sea slowed as tension in the Middle East grew, and a storm "
        "crossed the Atlantic towards Lisbon."
    )
    assert found["Middle East"] == ("region", None, None)  # no GeoNames id is claimed
    assert found["Red Sea"][0] == "region" and found["Atlantic"][0] == "region"
    casinos = _features("Casinos in Atlantic City stayed open through the storm.")
    assert casinos["Atlantic City"][:2] == ("city", "US")


def test_a_region_named_by_a_common_word_only_when_called_a_region() -> None:
    plain = _locate("The state government said the Centre had refused to release the funds.")
    assert not [p for p in plain.places if p.name == "Centre"]
    cued = _features("Troops moved into the Centre region of Burkina Faso near Kaya.")
    assert cued["Centre"][:2] == ("admin1", "BF") and cued["Burkina Faso"][:2] == ("country", "BF")


def test_country_initials_head_an_organisation_but_a_currency_is_no_place() -> None:
    found = _features("The US State Department said the talks in Cairo would resume.")
    assert found["US"][:2] == ("country", "US")
    money = _features("The deal is worth 59 billion US dollars, officials in Astana said.")
    assert "US" not in money and "Astana" in money


def test_a_region_the_model_calls_a_person_is_still_the_region() -> None:
    found = _features("Tamil Nadu said it had written to the federal government twice.")
    assert found["Tamil Nadu"][:2] == ("admin1", "IN")


def test_a_name_the_report_shows_is_a_persons_is_no_place_in_it() -> None:
    girl = _features(
        "Georgia began skating at four in Red Deer. Georgia's father said she now trains "
        "in Edmonton, and Georgia herself hopes to compete in Calgary."
    )
    assert "Georgia" not in girl and "Edmonton" in girl
    country = _features("Georgia's president met officials in Tbilisi on Monday.")
    assert country["Georgia"][:2] == ("country", "GE")


def test_seats_of_government_named_for_governments_are_no_places() -> None:
    found = _features("The White House said talks in Geneva would go on; the Kremlin agreed.")
    assert "White House" not in found and "Kremlin" not in found and "Geneva" in found


def test_offices_speakers_and_initials_the_tagger_took_for_places() -> None:
    found = _features(
        "The Ministry of Commerce said tariffs on steel from Ohio were unfair. The MoD named "
        "the soldier killed near Raqqa. Nomvula said she had left Mosul, and Tavish and his "
        "family fled Tikrit."
    )
    assert {"Commerce", "MoD", "Nomvula", "Tavish"}.isdisjoint(found)
    assert {"Ohio", "Raqqa", "Mosul", "Tikrit"} <= set(found)
    assert "Cambridge" in _features("Students at the University of Cambridge marched.")


def test_a_province_written_without_stops_after_a_town() -> None:
    found = _features("Crews fought fires near Kamloops, BC, and Lismore, NSW, on Monday.")
    assert found["BC"][:2] == ("admin1", "CA") and found["NSW"][:2] == ("admin1", "AU")


def test_an_adjective_of_a_country_after_a_speech_verb_stays() -> None:
    found = _features("He told French media in Bayonne that the talks had failed.")
    assert found.get("France", ("",))[:2] == ("country", "FR")  # listed under the country


def test_the_cues_that_make_a_name_a_persons() -> None:
    from storyline.places.recognise import _ACRONYM, _people_named, _speakers

    text = (
        'Nomvula said she left. "It was hard," said Tavish. Zinhle and her family fled. '
        "Officials said Cape Town was calm. Georgia's coach and Georgia herself agreed."
    )
    assert {"Nomvula", "Tavish", "Zinhle"} <= _speakers(text)
    assert "Cape" not in _speakers(text)  # a two-word name after "said" is not taken
    assert "French" not in _speakers("He told French media the talks had failed.")
    assert _people_named(text) == {"Georgia"}
    assert _ACRONYM.fullmatch("MoD") and _ACRONYM.fullmatch("P.A.")
    assert not _ACRONYM.fullmatch("Mosul") and not _ACRONYM.fullmatch("Ohio")


def test_the_dateline_says_where_the_story_is() -> None:
    from storyline.model import Dateline

    text = "Firefighters in Springfield said the blaze at the old mill was out by noon."
    plain = run_stages([make_article("a", [text])], "places", "unresolved")
    filed = Dateline(text="SPRINGFIELD, Ore. (AP)", place="SPRINGFIELD", outlet="AP")
    dated = run_stages([make_article("a", [text], dateline=filed)], "places", "unresolved")
    assert [p.admin1 for p in dated.places] == ["Oregon"]
    assert [p.admin1 for p in plain.places] != ["Oregon"]
    # the dateline is context, never a place of the briefing: it is not in the text
    assert all(m.article == "a" and m.end <= len(text) for p in dated.places for m in p.mentions)


def test_a_news_agency_is_no_place_but_a_county_of_its_name_is() -> None:
    found = _features(
        "State news agency SANA said troops had entered Tafas, in Syria. The Xinhua news "
        "agency said floods hit Sichuan province."
    )
    assert "SANA" not in found and "Xinhua" not in found and "Sichuan" in found
    from storyline.places.recognise import _OUTLETS

    assert {"sana", "xinhua", "reuters"} <= _OUTLETS and "pool" not in _OUTLETS


def test_a_countrys_name_in_french_is_no_place_in_an_english_report() -> None:
    # "Le Petit Cambodge" is a restaurant; French country names are read in French reports
    found = _features("Gunmen attacked diners outside the Petit Cambodge restaurant in Paris.")
    assert "Cambodia" not in found and "Cambodge" not in found
