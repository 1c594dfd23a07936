"""Event predicates from the one spaCy pass: cue words, who did what to whom, and mood."""

from __future__ import annotations

import pytest

from storyline.model import ParsedArticle, Predicate
from storyline.nlp import parse_articles
from storyline.settings import Settings
from tests.conftest import make_article

pytestmark = pytest.mark.slow


def _parse(*paragraphs: str) -> ParsedArticle:
    return parse_articles([make_article("t", list(paragraphs))], settings=Settings.load().nlp)[0]


def _only(parsed: ParsedArticle, mood: str | None = None) -> list[Predicate]:
    return [p for p in parsed.predicates if p.mood == mood]


def test_predicates_participle_joins_its_event_and_a_new_subject_starts_another() -> None:
    parsed = _parse(
        "Army units shelled the market district of Velmora, killing at least three people, "
        "while insurgents killed two police officers."
    )
    asserted = _only(parsed)
    assert [p.text for p in asserted] == ["shelled", "killed"]
    shelling, killing = asserted
    assert shelling.agent is not None and shelling.agent.text == "Army units"
    assert {"shell", "kill"} <= set(shelling.families)
    assert [parsed.figures[i].text for i in shelling.figures] == ["three people"]
    assert killing.agent is not None and killing.agent.text == "insurgents"
    assert [parsed.figures[i].text for i in killing.figures] == ["two police officers"]


def test_predicates_passive_takes_the_by_phrase_as_agent() -> None:
    (p,) = _only(_parse("The village was blockaded by government troops on Sunday."))
    assert p.agent is not None and p.agent.text == "government troops"
    assert p.patient is not None and p.patient.text == "village"
    assert p.families == ["siege"]


@pytest.mark.parametrize(
    ("text", "mood"),
    [
        ("The rights group urged the army to stop shelling the clinic.", "appeal or plan"),
        ("Rebels did not attack the convoy.", "negated"),
        ("The army would withdraw its troops from the town.", "modal"),
        ("Militias regularly shell the outskirts.", "habitual"),
        ("Twelve civilians have been killed.", "cumulative"),
        ("More than 2,000 people were killed throughout the war.", "cumulative"),
        ('"They shelled our homes," a resident said.', "quoted"),
        ("The worst flare-up this decade killed 40 villagers, a monitor said.", "episode"),
        ("The war has killed 600,000 people.", "episode"),
    ],
)
def test_predicates_mood_marks_what_is_not_an_incident(text: str, mood: str) -> None:
    parsed = _parse(text)
    assert parsed.predicates, text
    assert all(p.mood is not None for p in parsed.predicates), parsed.predicates
    assert mood in {p.mood for p in parsed.predicates}


def test_predicates_nouns_count_only_when_asserted() -> None:
    asserted = _only(_parse("Heavy clashes broke out between the army and rebels on Monday."))
    assert [p.text for p in asserted] == ["clashes"]
    assert not _only(_parse("The envoy said ending the fighting was the first priority."))


def test_predicates_an_attempt_is_an_event() -> None:
    (p,) = _only(_parse("On Tuesday, soldiers attempted to storm the old quarter."))
    assert p.text == "storm" and p.families == ["fight"]


def test_predicates_a_toll_of_clashes_on_a_day_is_an_incident() -> None:
    parsed = _parse("Clashes killed five people in the town on Monday.")
    assert any(p.lemma == "kill" and p.mood is None for p in parsed.predicates)


def test_predicates_what_protesters_do_is_their_protest() -> None:
    parsed = _parse("Protesters chanted slogans outside the ministry on Monday.")
    assert [(p.lemma, p.families, p.mood) for p in parsed.predicates] == [
        ("chant", ["protest"], None)
    ]
