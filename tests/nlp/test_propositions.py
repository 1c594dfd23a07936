"""Propositions: a sentence's clauses that each state one thing, on sentences written here."""

from __future__ import annotations

import pytest

from storyline.model import Proposition
from storyline.nlp import parse_articles
from storyline.settings import Settings
from tests.conftest import make_article

pytestmark = pytest.mark.slow


def props(text: str) -> list[Proposition]:
    parsed = parse_articles([make_article("p", [text])], settings=Settings.load().nlp)[0]
    return parsed.propositions


def by_predicate(text: str) -> dict[str, Proposition]:
    return {p.predicate: p for p in props(text)}


def test_propositions_a_relative_clause_states_something_of_its_noun() -> None:
    found = by_predicate(
        "Far from the valley province, which is known as the cradle of the revolt, the town "
        "was blockaded by army units during the spring."
    )
    known, blockade = found["know"], found["blockade"]
    assert known.relative and known.subject is not None and "province" in known.subject.text
    assert "cradle of the revolt" in known.reading and "blockaded" not in known.reading
    assert blockade.subject is not None and blockade.subject.text == "army units"
    assert blockade.object is not None and blockade.object.text == "town"
    assert "cradle" not in blockade.reading and blockade.mood is None


def test_propositions_a_saying_frame_gives_the_speaker_not_a_claim() -> None:
    [arrest] = props("Police arrested two men in the port on Monday, a spokesman said.")
    assert arrest.predicate == "arrest" and arrest.speaker is not None
    assert arrest.speaker.text == "spokesman" and "said" not in arrest.reading


def test_propositions_plans_negations_and_modals_are_not_asserted() -> None:
    assert (
        by_predicate("Soldiers were supposed to enter the village on Friday.")["enter"].mood
        == "plan"
    )
    assert by_predicate("Soldiers tried to storm the village on Friday.")["storm"].mood == (
        "attempt"
    )
    assert by_predicate("The army did not shell the market.")["shell"].mood == "negated"
    assert by_predicate("The talks would resume next week.")["resume"].mood in ("modal", "future")
    assert by_predicate("The council will meet on Monday.")["meet"].mood == "future"


def test_propositions_one_subject_two_verbs_is_one_claim_two_subjects_two() -> None:
    assert len(props("Rebels shelled the base and killed three soldiers.")) == 1
    found = by_predicate("Rebels shelled the base, while troops attacked the town.")
    assert {"shell", "attack"} <= set(found)


def test_propositions_an_appeal_is_a_statement_made() -> None:
    found = by_predicate("Amnesty urged the government to lift the siege of the city.")
    assert found["urge"].mood is None and found["urge"].subject is not None
    assert "lift" not in found  # what was urged is not asserted


def test_propositions_spans_are_the_words_of_the_text() -> None:
    text = "The demands were rejected by the council, which was negotiating for the residents."
    article = make_article("p", [text])
    parsed = parse_articles([article], settings=Settings.load().nlp)[0]
    for p in parsed.propositions:
        assert article.text[p.start : p.end] == p.text
        assert all(word in p.text for word in p.reading.split())


def test_propositions_a_finite_clause_keeps_its_own_mood_under_a_future() -> None:
    found = by_predicate(
        "The mayor will hold a service on Sunday after a fire ripped through the church."
    )
    assert found["hold"].mood == "future" and found["rip"].mood is None
    allowed = by_predicate("The troops would withdraw from the town, allowing residents to return.")
    assert allowed["allow"].mood == "modal"  # a participle takes its clause's mood


def test_propositions_a_participle_set_off_after_its_noun_states_something_of_it() -> None:
    found = by_predicate("Varno, known as the cradle of the revolt, sold 40,000 tonnes of grain.")
    known = found["know"]
    assert known.relative and known.subject is not None and known.subject.text == "Varno"
    assert "cradle of the revolt" in known.reading and "40,000" not in known.reading
    assert "know" not in by_predicate("The troops stationed in the town left on Monday.")
