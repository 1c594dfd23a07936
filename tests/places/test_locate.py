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
