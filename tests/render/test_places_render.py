"""Places in every format: GeoJSON, `storyline places` output, and the full briefing's section.

Briefings are built by hand, so no model or gazetteer is needed.
"""

from __future__ import annotations

import json
from datetime import date

from storyline.model import Briefing, Place, PlaceMention, UnresolvedPlace
from storyline.render import render, render_places, to_geojson
from tests.conftest import make_article


def mention(article: str, start: int, text: str) -> PlaceMention:
    return PlaceMention(article=article, start=start, end=start + len(text), text=text)


def place(name: str, lat: float, lon: float, *mentions: PlaceMention, **fields: object) -> Place:
    values: dict[str, object] = {
        "name": name,
        "lat": lat,
        "lon": lon,
        "feature": "city",
        "country_code": "SY",
        "admin1": "Daraa",
        "geonames_id": 170903,
        "gazetteer_name": name,
        "mentions": list(mentions),
        "confidence": 0.95,
    }
    values.update(fields)
    return Place.model_validate(values)


def briefing(extra_places: int = 0) -> Briefing:
    a = make_article(
        "a",
        ["Shelling hit Daraa and Karak, near the Nassib crossing."],
        title="Shelling in Daraa",
        published=date(2021, 7, 28),
        published_basis="metadata",
    )
    b = make_article("b", ["Families fled Daraa for Dar‘ā al-Mahatta."], title="Families flee")
    places = [
        place("Daraa", 32.61889, 36.10213, mention("b", 14, "Daraa"), mention("a", 13, "Daraa")),
        place(
            "Karak",
            32.61889,
            36.10213,
            mention("a", 23, "Karak"),
            feature="neighbourhood",
            within="Daraa al-Balad",
            confidence=0.63,
            note="Karak is not in the gazetteer; it is placed at Daraa, the most specific "
            "place the gazetteer has that it lies in",
        ),
        place(
            "Dar‘ā al-Mahatta",
            32.62,
            36.1,
            mention("b", 24, "Dar‘ā al-Mahatta"),
            feature="neighbourhood",
            country_code=None,
            admin1=None,
            geonames_id=None,
        ),
    ]
    places += [
        place(f"Town {n}", 33.0 + n / 100, 36.0, mention("a", 0, "Shelling"), geonames_id=n)
        for n in range(extra_places)
    ]
    unresolved = [
        UnresolvedPlace(
            name="Nassib crossing",
            mentions=[mention("a", 39, "Nassib crossing")],
            reason="a landmark; 'Nassib': not in the gazetteer",
        )
    ]
    return Briefing(articles=[a, b], summary=[], places=places, unresolved=unresolved)


def test_geojson_is_a_feature_collection_of_lon_lat_points() -> None:
    text = to_geojson(briefing())
    data = json.loads(text)
    assert data["type"] == "FeatureCollection"
    assert len(data["features"]) == 3
    first = data["features"][0]
    assert first["type"] == "Feature"
    assert first["geometry"] == {"type": "Point", "coordinates": [36.10213, 32.61889]}
    assert first["properties"] == {
        "name": "Daraa",
        "feature": "city",
        "country_code": "SY",
        "admin1": "Daraa",
        "geonames_id": 170903,
        "gazetteer_name": "Daraa",
        "within": None,
        "confidence": 0.95,
        "note": None,
        "mentions": 2,
        "articles": ["a", "b"],
    }
    karak = data["features"][1]["properties"]
    assert karak["within"] == "Daraa al-Balad" and karak["note"].startswith("Karak is not")
    for feature in data["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert -180 <= lon <= 180 and -90 <= lat <= 90


def test_geojson_is_deterministic_and_keeps_non_ascii() -> None:
    text = to_geojson(briefing())
    assert text == to_geojson(briefing())
    assert text.endswith("}\n") and '\n  "features": [\n' in text
    assert "Dar‘ā al-Mahatta" in text


def test_geojson_without_places_is_an_empty_collection() -> None:
    empty = Briefing(articles=briefing().articles, summary=[])
    assert json.loads(to_geojson(empty)) == {"type": "FeatureCollection", "features": []}


def test_render_places_json_keeps_places_and_the_articles_their_mentions_cite() -> None:
    data = json.loads(render_places(briefing(), "json"))
    assert set(data) == {"schema_version", "articles", "places", "unresolved"}
    assert [p["name"] for p in data["places"]] == ["Daraa", "Karak", "Dar‘ā al-Mahatta"]
    assert data["unresolved"][0]["reason"].startswith("a landmark")
    texts = {a["id"]: a["text"] for a in data["articles"]}  # the mentions resolve
    for mention in data["places"][0]["mentions"]:
        assert texts[mention["article"]][mention["start"] : mention["end"]] == mention["text"]
    assert data["articles"][0]["published"] == "2021-07-28"


def test_render_places_text_lines_notes_unresolved_and_sources() -> None:
    text = render_places(briefing(), "text")
    assert text.startswith("PLACES\n\n")
    lines = text.splitlines()
    assert (
        "  * Daraa — city · 32.6189, 36.1021 · SY / Daraa · confidence 0.95 · 2 mentions [1][2]"
        in lines
    )
    karak = next(n for n, line in enumerate(lines) if line.startswith("  * Karak"))
    assert "within Daraa al-Balad" in lines[karak]
    assert lines[karak + 1] == "    confidence 0.63 · 1 mention [1]"
    assert lines[karak + 2].startswith("      Karak is not in the gazetteer")
    assert "  * Dar‘ā al-Mahatta — neighbourhood · 32.6200, 36.1000 · confidence 0.95" in text
    assert "NOT PLACED" in text
    assert "  * Nassib crossing — a landmark; 'Nassib': not in the gazetteer [1]" in lines
    assert "Sources:" in text and "[2] Families flee · date unknown" in text
    assert "SUMMARY" not in text and "TIMELINE" not in text


def test_render_places_markdown() -> None:
    md = render_places(briefing(), "md")
    assert md.startswith("## Places\n\n")
    assert (
        "- **Daraa** — city · 32.6189, 36.1021 · SY / Daraa · confidence 0.95 · 2 mentions "
        "[1][2]\n" in md
    )
    assert "\n  *Karak is not in the gazetteer" in md
    assert "## Not placed" in md and "- **Nassib crossing** — a landmark;" in md
    assert "## Sources" in md and "[1] Shelling in Daraa · 2021-07-28" in md


def test_render_places_with_nothing_found() -> None:
    empty = Briefing(articles=briefing().articles, summary=[])
    assert render_places(empty, "text").startswith("(no place found)\n")
    assert "(no place found)" in render_places(empty, "md")


def test_full_briefing_lists_the_top_places_and_unplaced_names() -> None:
    many = briefing(extra_places=11)  # 14 places
    text = render(many, "text")
    assert text.index("PLACES") < text.index("SOURCES")
    assert "  * Town 8 —" in text and "Town 9" not in text
    assert "  … and 2 more" in text
    assert "  Not placed: Nassib crossing" in text
    assert "Karak is not in the gazetteer" not in text  # notes only in `storyline places`
    md = render(many, "md")
    assert md.index("## Places") < md.index("## Sources")
    assert "- **Town 8** —" in md and "Town 9" not in md and "- … and 2 more" in md
    assert "*Not placed:* Nassib crossing" in md


def test_full_briefing_without_places_has_no_places_section() -> None:
    empty = Briefing(articles=briefing().articles, summary=[])
    assert "PLACES" not in render(empty, "text")
    assert "## Places" not in render(empty, "md")
