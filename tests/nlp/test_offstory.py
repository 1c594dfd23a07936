"""Reports off the cluster's story (nlp.offstory), on texts written for these tests."""

from __future__ import annotations

from storyline.nlp.offstory import off_story
from tests.conftest import make_article

FLOOD = [
    "Floodwater forced hundreds of families from their homes in the river town of Orlen on "
    "Sunday after two days of heavy rain, the town council said.",
    "Rescue teams in boats pulled residents from rooftops in Orlen as the river burst its "
    "banks on Sunday, flooding the old town and the market.",
    "The river in Orlen rose two metres overnight and flooded hundreds of homes, officials "
    "said, as more rain was forecast for the region.",
    "Hundreds of people spent the night in schools and a sports hall in Orlen after the "
    "flood drove them from their houses, the council said on Monday.",
]
STRAY = (
    "The city orchestra opened its winter season with a programme of Brahms and Dvorak, and "
    "the new conductor was applauded for ten minutes at the end of the concert."
)
APART = [  # reports on four different things: no story to be off
    "The central bank raised its main interest rate by half a point to curb inflation.",
    "A new species of frog was found in the cloud forest by a team of biologists.",
    "The city marathon was won by a runner from the hill villages in record time.",
    "Parliament passed a law on the labelling of food sold in supermarkets.",
]


def _articles(texts: list[str]) -> list:  # type: ignore[type-arg]
    return [make_article(f"r{n}", [text]) for n, text in enumerate(texts)]


def test_a_report_of_another_story_is_set_aside_with_its_reason() -> None:
    strays = off_story(_articles([*FLOOD, STRAY]))
    assert list(strays) == ["r4"]
    assert strays["r4"].startswith("off the story")


def test_reports_of_one_story_are_all_kept() -> None:
    assert off_story(_articles(FLOOD)) == {}


def test_no_story_no_stray_and_too_few_reports_to_tell() -> None:
    assert off_story(_articles([*APART, STRAY])) == {}  # nothing holds together
    assert off_story(_articles([FLOOD[0], STRAY])) == {}  # which of two is the stray?


def test_a_stray_is_listed_and_read_for_nothing() -> None:
    import storyline

    briefing = storyline.brief(texts=[*FLOOD, STRAY])
    stray = briefing.articles[-1]
    assert stray.not_report and stray.not_report.startswith("off the story")
    cited = {c.article for item in briefing.summary for c in item.citations}
    cited |= {c.article for claim in briefing.claims for c in claim.citations}
    assert stray.id not in cited
