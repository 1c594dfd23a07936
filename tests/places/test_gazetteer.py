"""The bundled gazetteer index and user GeoNames files. Builds the index once if needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.errors import StorylineError
from storyline.places.gazetteer import Gazetteer, feature_of

pytestmark = pytest.mark.slow

DARAA_CITY = 170905  # GeoNames id of Dar‘ā, the city


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer()


def test_spellings_of_daraa_find_the_city(gazetteer: Gazetteer) -> None:
    for spelling in ("Daraa", "Deraa", "Dar'a", "Dar‘ā", "Dara"):
        ids = {e.geonames_id for e in gazetteer.lookup(spelling)}
        assert DARAA_CITY in ids, spelling


def test_governorate_by_alias_with_its_admin1_code(gazetteer: Gazetteer) -> None:
    found = [e for e in gazetteer.lookup("Daraa Governorate") if e.feature == "admin1"]
    assert [(e.country_code, e.admin1) for e in found] == [("SY", "06")]
    assert gazetteer.admin1_name("SY", "06") == "Daraa"


def test_countries_by_name_alias_and_demonym(gazetteer: Gazetteer) -> None:
    for name in ("Syria", "Syrian Arab Republic"):
        assert [e.country_code for e in gazetteer.lookup(name) if e.feature == "country"] == ["SY"]
    syrian, jordanian = gazetteer.demonym("Syrian"), gazetteer.demonym("Jordanian")
    assert syrian is not None and syrian.country_code == "SY"
    assert jordanian is not None and jordanian.country_code == "JO"
    american = gazetteer.demonym("American")  # not one of the US territories
    assert american is not None and american.country_code == "US"


def test_places_it_lacks_are_not_found(gazetteer: Gazetteer) -> None:
    assert gazetteer.lookup("Nasib") == []
    assert gazetteer.lookup("Busra al-Harir") == []


def _row(gid: int, name: str, alternates: str, lat: float, lon: float, code: str) -> str:
    cols = [str(gid), name, name, alternates, str(lat), str(lon), code[0], code[1:],
            "SY", "", "06", "", "", "", "0", "", "", "Asia/Damascus", "2021-08-01"]  # fmt: skip
    return "\t".join(cols)


def test_user_gazetteer_file_adds_places(tmp_path: Path) -> None:
    file = tmp_path / "SY.txt"
    file.write_text(
        _row(9000001, "Nasib", "Naseeb,Nassib", 32.55, 36.21, "PPPL") + "\n"
        + _row(9000002, "Daraa al-Balad", "Dara al Balad", 32.61, 36.10, "PPPLX") + "\n",
        encoding="utf-8",
    )  # fmt: skip
    gazetteer = Gazetteer(extra=[file])
    (nasib,) = gazetteer.lookup("Naseeb")
    assert (nasib.geonames_id, nasib.feature, nasib.source) == (9000001, "village", "user:SY.txt")
    (balad,) = gazetteer.lookup("Dara al-Balad")
    assert balad.feature == "neighbourhood"


def test_a_file_not_in_the_geonames_format_is_refused_with_its_line(tmp_path: Path) -> None:
    file = tmp_path / "bad.txt"
    file.write_text("# a comment\nNasib,32.5,36.2\n", encoding="utf-8")
    with pytest.raises(StorylineError) as caught:
        Gazetteer(extra=[file])
    assert caught.value.code.name == "S042"
    assert caught.value.line == 2 and caught.value.path == str(file)


def test_feature_codes_map_to_briefing_features() -> None:
    assert feature_of("A", "PCLI", 0) == "country"
    assert feature_of("A", "ADM1", 0) == "admin1"
    assert feature_of("A", "ADM3", 0) == "admin2"
    assert feature_of("P", "PPLX", 0) == "neighbourhood"
    assert feature_of("P", "PPL", 200) == "village"
    assert feature_of("P", "PPLA2", 200) == "city"
    assert feature_of("S", "RDCR", 0) == "landmark"
