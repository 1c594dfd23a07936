"""Grouping a stream into stories: fictional reports on interleaved stories."""

from __future__ import annotations

from datetime import date

from storyline.stories import group_articles
from storyline.stories.features import featurise
from tests.conftest import make_article

QUAKE = [
    ("Earthquake shakes Port Kessel harbour", "A magnitude 6.1 earthquake shook Port Kessel "
     "on Monday, damaging the harbour wall and the old lighthouse, the mayor said."),
    ("Port Kessel counts quake damage", "Engineers inspected the Port Kessel harbour wall "
     "on Tuesday after Monday's earthquake cracked it and damaged the lighthouse."),
    ("Aftershock rattles Port Kessel", "An aftershock rattled Port Kessel on Wednesday as "
     "engineers checked the harbour wall the earthquake had cracked."),
]  # fmt: skip
STRIKE = [
    ("Dock workers strike in Varna Bay", "Dock workers in Varna Bay walked out on Monday "
     "over pay, leaving container ships waiting outside the port, the union said."),
    ("Varna Bay port strike enters second day", "The dock workers' strike at the Varna Bay "
     "port entered a second day on Tuesday as the union rejected a pay offer."),
]  # fmt: skip


def _stream() -> list:
    reports = []
    for n, (title, text) in enumerate(QUAKE):
        reports.append(make_article(f"q{n}", [text], title=title, published=date(2024, 5, 6 + n)))
    for n, (title, text) in enumerate(STRIKE):
        reports.append(make_article(f"s{n}", [text], title=title, published=date(2024, 5, 6 + n)))
    return sorted(reports, key=lambda a: (a.published, a.id))


def test_interleaved_stories_come_apart() -> None:
    groups = group_articles(_stream())
    found = sorted(sorted(g.members) for g in groups)
    assert found == [["q0", "q1", "q2"], ["s0", "s1"]]


def test_copies_of_one_wire_story_land_together_whatever_their_headline() -> None:
    wire = (
        "Rescue teams reached the village of Holm Cross on Thursday after floods cut the only "
        "road, and said forty families had been moved to the school on the hill overnight."
    )
    stream = [
        make_article("w1", [wire], title="Floods cut off Holm Cross", published=date(2024, 6, 6)),
        make_article(
            "x1",
            ["Dock workers in Varna Bay walked out over pay on Thursday."],
            title="Strike",
            published=date(2024, 6, 6),
        ),  # fmt: skip
        make_article(
            "w2",
            [wire],
            title="Village rescue: families moved to school",
            published=date(2024, 6, 7),
        ),  # fmt: skip
    ]
    groups = group_articles(stream)
    together = next(g for g in groups if "w1" in g.members)
    assert together.members == ["w1", "w2"] and together.copies == {"w2": "w1"}


def test_a_story_closes_after_a_quiet_window() -> None:
    early = make_article("a", [QUAKE[0][1]], title=QUAKE[0][0], published=date(2024, 5, 6))
    next_day = make_article("b", [QUAKE[1][1]], title=QUAKE[1][0], published=date(2024, 5, 7))
    assert len(group_articles([early, next_day])) == 1
    a_year_on = next_day.model_copy(update={"published": date(2025, 5, 7)})
    assert len(group_articles([early, a_year_on])) == 2


def test_features_are_the_same_in_any_process() -> None:
    a = make_article("a", [QUAKE[0][1]], title=QUAKE[0][0])
    one, two = featurise(a), featurise(a)
    assert one == two and one.signature and "port kessel" in one.names
    assert "monday" not in one.names  # weekdays are no names


def test_a_story_is_named_by_its_most_typical_report_not_its_first() -> None:
    corner = make_article(
        "f", ["Ferries to Port Kessel ran late on Monday after the earthquake closed the "
              "harbour wall berth; the ferry company said timetables would recover."],
        title="Ferry timetables slip", published=date(2024, 5, 5))  # fmt: skip
    groups = group_articles([corner, *_stream()])
    story = next(g for g in groups if "f" in g.members)
    assert story.members[0] == "f" and "q1" in story.members
    assert story.title in {title for title, _ in QUAKE}
