"""ACLED's codebook: what `violations` finds, what `enforce` repairs or refuses, and every
event of the shipped example and the reference reports valid."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.events.codebook import disorder_type, enforce, interaction, violations
from storyline.model import ActorType, Citation, Event, EventPlace, EventType
from tests.conftest import run_stages

COUNTRY = {"SY": "Syria", "ML": "Mali"}.get
PLACE = EventPlace(name="Varno", lat=32.6, lon=36.1, admin1="Daraa", country_code="SY")


def event(
    kind: EventType,
    sub: str,
    actor1: tuple[str, ActorType | None] | None = None,
    actor2: tuple[str, ActorType | None] | None = None,
    fatalities: int | None = None,
) -> Event:
    return Event(
        id="EV1", date="2024-05-07", date_precision="day", date_basis="sentence",
        event_type=kind, sub_event_type=sub,
        actor1=actor1[0] if actor1 else None, actor1_type=actor1[1] if actor1 else None,
        actor2=actor2[0] if actor2 else None, actor2_type=actor2[1] if actor2 else None,
        place=PLACE, geo_precision=1, fatalities=fatalities,
        citations=[Citation(article="a", start=0, end=10)], sources=["a"], confidence=0.9,
        notes="x",
    )  # fmt: skip


ARMY = ("Syrian regime forces", "state forces")
REBELS = ("Rebels", "rebel group")
RESIDENTS = ("Residents", "civilians")


def test_interaction_codes_and_disorder_types() -> None:
    assert interaction(1, 7) == 17 and interaction(7, 1) == 17 and interaction(2, 0) == 20
    assert disorder_type("Battles", "Armed clash") == "Political violence"
    assert disorder_type("Protests", "Peaceful protest") == "Demonstrations"
    assert (
        disorder_type("Protests", "Excessive force against protesters")
        == "Political violence; Demonstrations"
    )
    assert disorder_type("Strategic developments", "Agreement") == "Strategic developments"


def test_a_raw_event_breaks_the_codebook_until_it_is_coded() -> None:
    raw = event("Battles", "Armed clash", ARMY, RESIDENTS)
    broken = violations(raw)
    assert "a battle needs two organised armed sides" in broken
    assert "inter codes do not follow the actor types" in broken


def test_residents_who_fight_are_an_armed_group_not_civilians() -> None:
    coded, why = enforce(event("Battles", "Armed clash", ARMY, RESIDENTS), COUNTRY)
    assert coded is not None, why
    assert coded.actor2 == "Unidentified armed group (Syria)"
    assert coded.actor2_type == "political militia" and coded.interaction == 13
    assert "fought" in coded.notes and not violations(coded)


def test_a_battle_with_one_side_gets_an_unidentified_other() -> None:
    coded, _ = enforce(event("Battles", "Armed clash", ARMY), COUNTRY)
    assert coded is not None and coded.actor2 == "Unidentified armed group (Syria)"


def test_an_unknown_perpetrator_is_an_unidentified_armed_group() -> None:
    sub = "Shelling/artillery/missile attack"
    coded, _ = enforce(event("Explosions/Remote violence", sub, None, RESIDENTS), COUNTRY)
    assert coded is not None
    assert coded.actor1 == "Unidentified armed group (Syria)" and coded.inter1 == 3
    assert coded.civilian_targeting and coded.interaction == 37


def test_violence_against_civilians_needs_civilian_victims() -> None:
    coded, _ = enforce(event("Violence against civilians", "Attack", ARMY), COUNTRY)
    assert coded is not None and coded.actor2 == "Civilians (Syria)" and coded.inter2 == 7
    refused, why = enforce(event("Violence against civilians", "Attack", ARMY, REBELS), COUNTRY)
    assert refused is None and "not civilians" in (why or "")


def test_civilians_are_never_the_perpetrator() -> None:
    refused, why = enforce(event("Violence against civilians", "Attack", RESIDENTS, ARMY), COUNTRY)
    assert refused is None and "civilians" in (why or "")


def test_protesters_are_actor1_of_their_protest() -> None:
    coded, _ = enforce(event("Protests", "Peaceful protest"), COUNTRY)
    assert coded is not None and coded.actor1 == "Protesters (Syria)" and coded.inter1 == 6
    refused, _ = enforce(event("Protests", "Peaceful protest", ARMY), COUNTRY)
    assert refused is None


def test_residents_who_protest_are_protesters() -> None:
    coded, _ = enforce(event("Protests", "Peaceful protest", RESIDENTS), COUNTRY)
    assert coded is not None and coded.actor1 == "Protesters (Syria)" and coded.inter1 == 6


def test_a_development_carries_no_fatalities_and_needs_an_actor() -> None:
    coded, _ = enforce(event("Strategic developments", "Agreement", ARMY, fatalities=28), COUNTRY)
    assert coded is not None and coded.fatalities is None and "28 killed" in coded.notes
    refused, why = enforce(event("Strategic developments", "Agreement"), COUNTRY)
    assert refused is None and "no actor" in (why or "")


def test_arrests_and_seizures_are_the_states_when_no_one_is_named() -> None:
    coded, _ = enforce(event("Strategic developments", "Arrests", None, RESIDENTS), COUNTRY)
    assert coded is not None and coded.actor1 == "Police Forces of Syria"
    assert coded.inter1 == 1 and coded.actor2 == "Residents" and "not named" in coded.notes
    coded, _ = enforce(event("Strategic developments", "Disrupted weapons use"), COUNTRY)
    assert coded is not None and coded.actor1 == "Police Forces of Syria"


def test_civilians_are_a_target_of_mob_violence_and_developments_never_a_protest() -> None:
    mob = event("Riots", "Mob violence", ("Rioters (Syria)", "rioters"), RESIDENTS)
    assert enforce(mob, COUNTRY)[0] is not None
    looted = event("Strategic developments", "Looting/property destruction", REBELS, RESIDENTS)
    assert enforce(looted, COUNTRY)[0] is not None
    marched = event("Protests", "Peaceful protest", ("Protesters (Syria)", "protesters"), RESIDENTS)
    assert enforce(marched, COUNTRY)[0] is None


def test_a_protest_met_by_the_police_has_the_protesters_as_actor1() -> None:
    crowd = ("Protesters (Syria)", "protesters")
    coded, _ = enforce(event("Protests", "Protest with intervention", ARMY, crowd), COUNTRY)
    assert coded is not None and (coded.actor1, coded.actor2) == ("Protesters (Syria)", ARMY[0])
    assert coded.interaction == 16


@pytest.mark.slow
@pytest.mark.parametrize("folder", ["examples/tarija-water", "../shared/corpora/daraa-2021"])
def test_every_event_the_pipeline_emits_is_valid(folder: str) -> None:
    from storyline.api import read
    from storyline.settings import Settings

    root = Path(__file__).resolve().parents[2]
    settings = Settings.load()
    articles, _ = read(sorted(str(p) for p in (root / folder).glob("*")), settings)
    done = run_stages(articles, "events", "rejected_events", settings=settings)
    assert done.events, "no events at all"
    for e in done.events:
        assert not violations(e), (e.sub_event_type, violations(e))
    for r in done.rejected_events or []:
        assert r.reason and r.citations  # nothing dropped without saying why


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Flooding killed at least 12 people in the valley on Monday.", False),
        ("Two people died when a bus crashed into a river near the town.", False),
        ("A landslide buried three houses, killing seven people.", False),
        ("Gunmen opened fire on a bus near the town, killing seven people.", True),
    ],
)
def test_disasters_and_accidents_with_no_side_are_not_events(text: str, kept: bool) -> None:
    from storyline.events.codebook import disaster

    raw = event("Violence against civilians", "Attack", None, RESIDENTS, fatalities=7)
    if "Gunmen" in text:
        raw = raw.model_copy(update={"actor1": "Gunmen", "actor1_type": "political militia"})
    assert disaster(raw, text) is not kept
    coded, why = enforce(raw, COUNTRY, text)
    assert (coded is not None) is kept, why


def test_a_riots_actor1_is_rioters_and_the_police_the_other_side() -> None:
    police = ("Police", "state forces")
    coded, _ = enforce(event("Riots", "Violent demonstration", police), COUNTRY)
    assert coded is not None and coded.actor1 == "Rioters (Syria)" and coded.actor2 == "Police"
    assert coded.interaction == 15 and not violations(coded)
    raw = event("Riots", "Violent demonstration", police)
    assert "a riot whose actor1 is not rioters" in violations(raw)
