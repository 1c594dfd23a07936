"""Events as ACLED CSV and GeoJSON, from a briefing built by hand."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

from storyline.events.codebook import enforce
from storyline.model import Briefing, Citation, Event, EventPlace
from storyline.render.events import COLUMNS, event_line, to_csv, to_geojson
from tests.conftest import make_article


def _briefing() -> Briefing:
    article = make_article("a", ["Army shelled Kidal on Tuesday, killing at least 3 people."],
                           published=date(2024, 5, 8), outlet="Sahel Wire")  # fmt: skip
    event = Event(
        id="EV1", date="2024-05-07", date_precision="day", date_basis="sentence",
        event_type="Explosions/Remote violence",
        sub_event_type="Shelling/artillery/missile attack", actor1="Army",
        actor1_type="state forces", actor2="Civilians (Mali)", actor2_type="civilians",
        place=EventPlace(name="Kidal", lat=18.44, lon=1.41, admin1="Kidal", country_code="ML"),
        geo_precision=1, fatalities=3, fatalities_bound="at_least",
        citations=[Citation(article="a", start=0, end=56)], sources=["a"], confidence=0.9,
        notes="Army shelled Kidal on Tuesday, killing at least 3 people.",
    )  # fmt: skip
    coded, why = enforce(event, {"ML": "Mali"}.get)  # as the events stage codes it
    assert coded is not None, why
    return Briefing(articles=[article], summary=[], events=[coded])


def test_events_csv_has_acled_columns_and_codes() -> None:
    rows = list(csv.DictReader(io.StringIO(to_csv(_briefing()))))
    assert tuple(rows[0]) == COLUMNS
    row = rows[0]
    assert row["event_date"] == "2024-05-07" and row["time_precision"] == "1"
    assert (row["inter1"], row["inter2"], row["interaction"]) == ("1", "7", "17")
    assert row["location"] == "Kidal" and row["fatalities"] == "3"
    assert row["source"] == "Sahel Wire"
    assert row["event_id_cnty"] == "MLI1" and row["iso"] == "466"
    assert row["disorder_type"] == "Political violence"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert row["citations"] == "a:0-56" and row["event_id"] == "EV1"


def test_events_geojson_points_are_lon_lat_and_keep_the_bound() -> None:
    data = json.loads(to_geojson(_briefing()))
    (feature,) = data["features"]
    assert feature["geometry"]["coordinates"] == [1.41, 18.44]
    assert feature["properties"]["fatalities_bound"] == "at_least"


def test_events_line_says_at_least() -> None:
    line = event_line(_briefing().events[0], {"a": 1})
    assert "at least 3 killed" in line and "[1]" in line and "Army v Civilians (Mali)" in line


def test_a_briefing_without_events_says_why_in_every_format() -> None:
    from storyline.model import LanguageNote, RejectedEvent, SourceGroup
    from storyline.render import render

    article = make_article("a", ["The council met on Tuesday."], language="en")
    english = LanguageNote(language="en", name="English", articles=["a"], analysed=True,
                           note="read in full")  # fmt: skip
    quiet = Briefing(articles=[article], summary=[], languages=[english])
    for form in ("md", "text", "html"):
        assert "No events: no report tells of an act" in " ".join(render(quiet, form).split())
    french = make_article("f", ["Le conseil s'est réuni mardi."], language="fr")
    note = LanguageNote(language="fr", name="French", articles=["f"], analysed=False, note="")
    read = Briefing(articles=[french], summary=[], languages=[note])
    # French events are read (`nlp.french_predicates`): none found is said as for English
    assert "No events: no report tells of an act" in " ".join(render(read, "md").split())
    spanish = make_article("s", ["El consejo se reunió el martes."], language="es")
    note = LanguageNote(language="es", name="Spanish", articles=["s"], analysed=False, note="")
    foreign = Briefing(articles=[spanish], summary=[], languages=[note])
    assert "events are coded from reports read in English or French" in render(foreign, "md")
    groups = [SourceGroup(id="S1", articles=["s"])]
    compared = foreign.model_copy(update={"source_groups": groups})
    assert "Claims are read from reports in English or French" in render(compared, "md")
    rejected = RejectedEvent(
        event_type="Riots",
        sub_event_type="Mob violence",
        reason="no actor",
        citations=[Citation(article="a", start=0, end=10)],
    )
    uncoded = quiet.model_copy(update={"rejected_events": [rejected]})
    assert "1 incident found could not be coded" in render(uncoded, "md")


def test_the_reports_of_one_outlet_are_said_to_be_one_source() -> None:
    from storyline.model import SourceGroup
    from storyline.render import render

    a = make_article("a", ["Floods closed the road."], outlet="Highland Monitor")
    b = make_article("b", ["The road reopened."], outlet="Highland Monitor")
    briefing = Briefing(articles=[a, b], summary=[],
                        source_groups=[SourceGroup(id="S1", articles=["a", "b"])])  # fmt: skip
    assert "[1] and [2] are reports of one outlet (Highland Monitor)" in render(briefing, "text")
