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


@pytest.mark.parametrize(
    "text",
    [
        "Officers seized four pistols and 300 rounds of ammunition in Harlow on Friday.",
        "A cache of rifles and grenades was found near the river at Dunmere on Sunday.",
        "Army engineers cleared 40 landmines from the fields around Ostrava last week.",
        "Customs officers intercepted a crate containing explosive devices at the port.",
    ],
)
def test_predicates_acting_on_weapons_disrupts_their_use(text: str) -> None:
    asserted = _only(_parse(text))
    assert [p.families for p in asserted] == [["disrupt"]], asserted  # weapons no event


def test_predicates_the_same_verbs_on_other_things_are_not_disrupted_weapons() -> None:
    (p,) = _only(_parse("Rebels seized the town of Dunmere on Sunday."))
    assert p.families == ["territory"]
    assert not _only(_parse("Auditors found a hole in the council's accounts on Monday."))


def test_predicates_rape_is_sexual_violence_though_the_lemmatiser_says_rap() -> None:
    for text in (
        "Three men raped a woman in a parked van in Harlow on Monday.",
        "Two women were sexually assaulted by guards at the camp on Friday.",
    ):
        (p,) = _only(_parse(text))
        assert p.families == ["sexual"], text


def test_predicates_dispersing_a_protest_is_intervention_and_only_near_a_crowd() -> None:
    (p,) = _only(_parse("Riot police dispersed the demonstrators outside the town hall."))
    assert p.families == ["intervene"] and p.agent is not None
    assert not _only(_parse("The wind dispersed the smoke over the valley."))


def test_predicates_a_verbless_headline_and_a_definite_past_subject_assert_their_event() -> None:
    (p,) = _only(_parse("Protests by thousands in the capital on Saturday"))
    assert p.families == ["protest"]
    (q,) = _only(_parse("The attacks on the depot had serious consequences for the town."))
    assert q.lemma == "attack"
    assert not _only(_parse("Attacks on depots are a risk the company insures against."))


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("Hundreds of demonstrators blocked the ring road in Harlow on Friday.", "protest"),
        ("Militia fighters took control of two villages near Dunmere on Sunday.", "territory"),
        ("The army pushed the insurgents out of the hill villages on Monday.", "fight"),
        ("Four passengers lost their lives when the convoy was ambushed.", "kill"),
        ("Youths pelted stones at the police station in Harlow on Friday.", "destroy"),
        ("Gunmen set off a roadside bomb near the Dunmere checkpoint on Monday.", "explode"),
        ("Marches were held in six towns of the province on Saturday.", "protest"),
        ("Twelve officers defected to the rebels at Dunmere on Sunday.", "deploy"),
    ],
)
def test_predicates_more_ways_of_telling_an_event(text: str, family: str) -> None:
    asserted = _only(_parse(text))
    assert asserted and family in asserted[0].families, asserted


def test_predicates_a_verb_the_tagger_took_for_an_adjective_still_counts() -> None:
    # "light" is tagged ADJ here; it has a subject, so it is read as the crowd's act
    asserted = _only(_parse("Protesters light fires outside the parliament in Harlow."))
    assert [p.families for p in asserted] == [["protest"]]


def test_predicates_a_threatened_act_does_not_join_the_act_above_it() -> None:
    parsed = _parse(
        "Police set up three checkpoints around the depot, which strikers had threatened to occupy."
    )
    by_lemma = {p.lemma: p for p in parsed.predicates}
    assert by_lemma["set"].families == ["deploy"]  # ACLED: posts and checkpoints are bases
    assert by_lemma["occupy"].mood is not None  # threatened, not done
