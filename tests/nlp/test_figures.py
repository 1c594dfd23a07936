"""Figures read from the parse: counts, casualty topics, bounds, scope (test-written texts)."""

from __future__ import annotations

import pytest

from storyline.model import Figure
from storyline.nlp import load_nlp
from storyline.nlp.figures import figures, number_value

pytestmark = pytest.mark.slow


def read(text: str) -> list[Figure]:
    doc = load_nlp("en_core_web_sm")(text)
    return figures(doc, "t", [(s.start_char, s.end_char) for s in doc.sents])


def facts(text: str) -> list[tuple[float, str | None, str, str, str | None]]:
    return [(f.value, f.unit, f.topic, f.bound, f.scope) for f in read(text)]


def test_casualties_with_scope_are_part_of_their_figure() -> None:
    text = "An air raid on the market killed 31 people including 12 children, medics said."
    assert facts(text) == [
        (31, "people", "killed", "exact", None),
        (12, "child", "killed", "exact", "including"),
    ]


def test_dead_and_wounded_beside_the_count() -> None:
    text = "The ambush on the convoy left six policemen dead and 20 wounded."
    assert facts(text) == [
        (6, "policeman", "killed", "exact", None),
        (20, None, "wounded", "exact", None),
    ]


def test_death_and_injury_nouns_and_lower_bounds() -> None:
    text = "The blast caused the death of one guard and the injury of at least nine."
    assert facts(text) == [
        (1, "guard", "killed", "exact", None),
        (9, None, "wounded", "at_least", None),
    ]


def test_numbers_in_words_and_passives() -> None:
    assert facts("Fourteen miners have been killed since March.") == [
        (14, "miner", "killed", "exact", None)
    ]
    assert facts("At least two people were killed and 14 injured.")[1][2] == "wounded"


def test_counts_of_things_and_runs_of_numbers() -> None:
    text = (
        "The army raised the number of roadblocks on the highway from four to six, "
        "and then to eight."
    )
    assert [(f.value, f.unit) for f in read(text)] == [
        (4, "roadblock"),
        (6, "roadblock"),
        (8, "roadblock"),
    ]
    found = read("Rebels agreed to hand over about 80 rifles.")
    assert [(f.value, f.unit, f.topic, f.bound, f.text) for f in found] == [
        (80, "rifle", "rifles", "about", "80 rifles")
    ]


def test_no_figures_from_dates_identifiers_or_partitives() -> None:
    text = (
        "In 2019 the council passed resolution 2401 on Route 9. It was one of the first towns "
        "to vote, three years after the war and with 52% of the vote."
    )
    assert read(text) == []


def test_spans_are_the_words_as_written() -> None:
    text = "Police said 1,200 protesters marched and more than a million were displaced."
    found = read(text)
    for f in found:
        assert text[f.start : f.end] == f.text
    assert [(f.value, f.topic, f.bound) for f in found] == [
        (1200, "protesters", "exact"),
        (1_000_000, "displaced", "at_least"),
    ]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("28", 28),
        ("600,000", 600_000),
        ("Fifteen", 15),
        ("twenty-five", 25),
        ("1.5 million", 1.5e6),
    ],
)
def test_number_value(words: str, value: float) -> None:
    doc = load_nlp("en_core_web_sm").make_doc(words)
    assert number_value(list(doc)) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A youth was shot dead near the well on Friday.", [(1.0, "youth", "killed")]),
        ("A man was killed in the shelling on Monday.", [(1.0, "man", "killed")]),
        ("A woman died in hospital on Friday.", [(1.0, "woman", "killed")]),
        ("A soldier was wounded by a sniper.", [(1.0, "soldier", "wounded")]),
        ("The man who was not killed spoke to reporters.", []),
        ("Police shot a protester in the leg.", []),  # shot, not shot dead
        ("The blast killed 12 people.", [(12.0, "people", "killed")]),  # counted once
    ],
)
def test_one_person_killed_without_a_number_counts_one(
    text: str, expected: list[tuple[float, str, str]]
) -> None:
    assert [(f.value, f.unit, f.topic) for f in read(text)] == expected
