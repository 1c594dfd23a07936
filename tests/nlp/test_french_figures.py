"""Casualty figures read from French reports (`nlp.french_figures`), on sentences written
for these tests."""

from __future__ import annotations

import pytest

from storyline.model import Figure
from storyline.nlp.french import parse_french
from tests.conftest import make_article

pytestmark = pytest.mark.slow


def figures(*sentences: str) -> list[Figure]:
    article = make_article("fr", list(sentences), language="fr")
    return parse_french([article])["fr"].figures


def said(found: list[Figure]) -> list[tuple[str, float, str, str]]:
    return [(f.text, f.value, f.topic, f.bound) for f in found]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Quatre bergers ont été tués près de Valmont.", []),  # "bergers": not a known people noun
        ("Quatre villageois ont été tués près de Valmont.",
         [("Quatre villageois", 4.0, "killed", "exact")]),
        ("L'explosion a fait au moins 17 blessés.", [("17 blessés", 17.0, "wounded", "at_least")]),
        ("Les affrontements ont fait une vingtaine de morts.",
         [("vingtaine de morts", 20.0, "killed", "about")]),
        ("Plus de 1 200 personnes sont mortes depuis mars.",
         [("1 200 personnes", 1200.0, "killed", "at_least")]),
        ("La police a installé neuf barrages autour du stade.", []),  # not a casualty count
        ("Neuf manifestants ont été arrêtés.", []),  # arrested: no casualty
    ],
)  # fmt: skip
def test_casualty_counts_and_their_bounds(
    sentence: str, expected: list[tuple[str, float, str, str]]
) -> None:
    assert said(figures(sentence)) == expected


def test_a_figure_of_whom_is_part_of_the_one_before_and_hangs_on_its_event_word() -> None:
    article = make_article(
        "fr", ["Un drone a frappé un convoi, tuant douze soldats, dont trois officiers."],
        language="fr",
    )  # fmt: skip
    parsed = parse_french([article])["fr"]
    soldiers, officers = parsed.figures
    assert (soldiers.value, soldiers.unit, soldiers.topic) == (12.0, "soldier", "killed")
    assert officers.scope == "including" and officers.topic == "killed"
    (event,) = [p for p in parsed.predicates if p.mood is None and p.figures]
    assert event.figures == [0, 1]
