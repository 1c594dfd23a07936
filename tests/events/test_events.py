"""Events from a cluster written for the tests: one incident across outlets, two incidents
on two days, background, an appeal and a running toll."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.api import build_briefing
from storyline.events import allowed_labels
from storyline.model import Article, Briefing, Event
from storyline.registry import Results
from storyline.settings import Settings
from tests.conftest import make_article, run_stages

OUTLET_A = [
    "Government forces shelled the town of Kidal on Tuesday, killing 12 people including "
    "five children, local officials said.",
    "On Wednesday, rebels clashed with army troops on the outskirts of Kidal.",
    "The army recaptured Kidal from the rebels in 2019.",
    "The United Nations called for an immediate ceasefire.",
    "Nine civilians have been killed.",
]
OUTLET_B = [
    "At least 10 people were killed in Kidal on Tuesday when government forces shelled the "
    "town's market, residents said.",
    "The regional governor urged the army to stop shelling residential areas.",
]


def test_allowed_labels_prefer_the_specific_family() -> None:
    assert allowed_labels(["kill", "shell"]) == ["AIR_STRIKE", "ART_MISS_ATTACK"]
    # "blockaded ... after residents resisted an order to surrender": a siege, no transfer
    assert allowed_labels(["siege", "withdraw"]) == ["CHANGE_TO_GROUP_ACT", "OTHER"]
    assert "ATTACK" in allowed_labels(["kill"])
    assert allowed_labels(["arrest"]) == ["ABDUCT_DISSAP", "ARREST"]
    assert allowed_labels([]) == []


@pytest.fixture(scope="module")
def briefing() -> Briefing:
    articles = [
        make_article("a", OUTLET_A, published=date(2024, 5, 8), published_basis="metadata",
                     outlet="Sahel Wire"),
        make_article("b", OUTLET_B, published=date(2024, 5, 8), published_basis="metadata",
                     outlet="Desert Post"),
    ]  # fmt: skip
    return build_briefing(articles, settings=Settings.load())


def _on(briefing: Briefing, day: str) -> list[Event]:
    return [e for e in briefing.events if e.date == day]


@pytest.mark.slow
def test_events_one_incident_across_outlets_is_one_event(briefing: Briefing) -> None:
    (shelling,) = _on(briefing, "2024-05-07")
    assert shelling.event_type == "Explosions/Remote violence"
    assert shelling.sources == ["a", "b"] and shelling.independent_sources == 2
    # the lowest figure across independent sources, kept as a lower bound
    assert shelling.fatalities == 10 and shelling.fatalities_bound == "at_least"
    assert shelling.civilian_fatalities == 5
    assert {t.value for t in shelling.tolls} >= {12, 10, 5}
    assert shelling.actor1_type == "state forces"
    assert shelling.place is not None and shelling.place.name == "Kidal"
    assert shelling.place.country_code == "ML" and shelling.geo_precision == 1
    # the running toll goes beside the incident told before it, never in a count
    (beside,) = [e for e in briefing.events if "Nine civilians" in e.notes]
    assert not beside.background and all(e.fatalities != 9 for e in briefing.events)
    assert [t.scope for t in beside.tolls if t.written == "Nine civilians"] == ["cumulative"]


@pytest.mark.slow
def test_events_two_days_are_two_events_and_background_is_strategic(briefing: Briefing) -> None:
    (clash,) = _on(briefing, "2024-05-08")
    assert clash.event_type == "Battles" and clash.date_precision == "day"
    assert {clash.actor1_type, clash.actor2_type} == {"state forces", "rebel group"}
    (past,) = [e for e in briefing.events if e.background]
    assert past.date == "2019" and past.date_precision == "year"
    assert past.event_type == "Strategic developments"


@pytest.mark.slow
def test_events_appeals_are_not_events_and_every_citation_holds_its_words(
    briefing: Briefing,
) -> None:
    texts = {a.id: a.text for a in briefing.articles}
    for event in briefing.events:
        assert "ceasefire" not in event.notes and "urged" not in event.notes
        for c in event.citations:
            assert texts[c.article][c.start : c.end].strip()
        for t in event.tolls:
            assert texts[t.article][t.citation.start : t.citation.end] == t.written
    assert len(briefing.events) == 3


@pytest.mark.slow
def test_an_agreement_takes_a_party_the_sentence_names() -> None:
    text = (
        "The curfew was eased once a truce was agreed between the Varno elders' council "
        "and regime forces on Friday."
    )
    done = run_stages([make_article("a", [text])], "events")
    agreements = [e for e in done.events or [] if e.sub_event_type == "Agreement"]
    assert agreements and agreements[0].actor1 == "Regime forces"


@pytest.mark.slow
def test_the_side_named_before_the_event_word_is_its_actor() -> None:
    paragraphs = [
        "Syrian regime forces and armed opposition groups fought near Varno on Monday.",
        "Two shepherds were hurt by rebel shelling of the hill villages on Tuesday.",
        "Regime tanks firing on the Kessel road killed two drivers on Wednesday.",
    ]
    done = _events(*paragraphs, published=date(2024, 3, 14))
    by_day = {e.date: e for e in done.events or []}
    assert by_day["2024-03-12"].actor1 == "Armed opposition groups"
    assert by_day["2024-03-13"].actor1 == "Syrian regime forces"


@pytest.mark.slow
def test_an_event_takes_the_date_of_its_own_clause() -> None:
    text = (
        "Curfews were expected to ease by the end of the week, after a truce was agreed "
        "between the Varno elders and regime forces on 24 July."
    )
    done = _events(text, published=date(2021, 7, 28))
    agreement = next(e for e in done.events or [] if e.sub_event_type == "Agreement")
    assert (agreement.date, agreement.date_precision) == ("2021-07-24", "day")


@pytest.mark.slow
def test_allies_named_with_a_side_are_its_associated_actors() -> None:
    text = (
        "On Monday, Syrian regime forces and Iranian-backed militia launched a ground "
        "operation near Varno, sparking fighting with armed opposition groups."
    )
    done = _events(text, published=date(2021, 7, 28))
    event = next(e for e in done.events or [] if e.actor1 == "Syrian regime forces")
    assert event.assoc_actor_1 == "Iranian-backed militia"
    assert event.place is None or event.place.country_code == "SY"  # "Iranian": whose, not where


@pytest.mark.slow
def test_two_sides_that_clash_as_one_subject_are_the_two_actors() -> None:
    text = "Syrian regime forces and armed opposition groups clashed near Varno on Monday."
    done = _events(text, published=date(2021, 7, 28))
    clash = next(e for e in done.events or [] if e.sub_event_type == "Armed clash")
    assert (clash.actor1, clash.actor2) == ("Syrian regime forces", "Armed opposition groups")
    assert clash.assoc_actor_1 is None and clash.interaction == 12


@pytest.mark.slow
def test_a_sentence_referring_back_to_a_dated_thing_takes_its_date() -> None:
    paragraphs = [
        "The Kessel garrison closed the ring road on 3 March after residents refused to hand "
        "over their rifles.",
        "The refusal was legal under the terms of a 2016 truce, under which residents kept "
        "their rifles.",
        "The truce let hundreds of fighters leave for the north, while army units launched an "
        "offensive to retake Kessel.",
    ]
    article = make_article("a", paragraphs, published=date(2024, 3, 14), published_basis="metadata")
    done = run_stages([article], "events")
    offensive = [e for e in done.events or [] if "offensive" in _cited(article, e)]
    assert offensive and all(e.date == "2016" for e in offensive), offensive


def _events(*paragraphs: str, published: date) -> Results:
    """The events stage run on one report of these paragraphs, dated by its metadata."""
    article = make_article("a", list(paragraphs), published=published, published_basis="metadata")
    return run_stages([article], "events")


def _cited(article: Article, event: Event) -> str:
    return " ".join(article.text[c.start : c.end] for c in event.citations)


@pytest.mark.slow
def test_a_country_is_the_side_only_of_what_it_does_itself() -> None:
    text = (
        "Several hikers were injured on Monday as Norway mounted a rescue effort after a "
        "volcano erupted on the island."
    )
    done = run_stages([make_article("a", [text])], "events")
    assert not done.events, done.events
    acted = "Norway shelled the coastal positions near Kessel on Monday."
    done = run_stages([make_article("b", [acted])], "events")
    assert done.events and done.events[0].actor1 == "Norway"


@pytest.mark.slow
def test_a_happening_dated_only_by_its_telling_is_dated_then_not_by_the_report() -> None:
    text = (
        "Militia fighters renewed their attacks on the Kessel depot, a local council said Tuesday."
    )
    done = _events(text, published=date(2024, 3, 14))
    assert [(e.date, e.date_basis) for e in done.events or []] == [("2024-03-12", "sentence")]


OUTLET_FR = [
    "Les forces gouvernementales ont bombardé mardi le marché de Kidal, tuant au moins dix "
    "personnes, selon des habitants.",
    "Mercredi, des rebelles ont arrêté deux journalistes à Gao.",
    "Le gouverneur a appelé l'armée à cesser les bombardements.",
]


@pytest.mark.slow
def test_a_french_report_tells_events_of_its_own_and_joins_the_english_ones() -> None:
    articles = [
        make_article("a", OUTLET_A, published=date(2024, 5, 8), published_basis="metadata",
                     outlet="Sahel Wire"),
        make_article("f", OUTLET_FR, published=date(2024, 5, 8), published_basis="metadata",
                     outlet="Le Courrier du Sahel", language="fr"),
    ]  # fmt: skip
    briefing = build_briefing(articles, settings=Settings.load())
    (shelling,) = _on(briefing, "2024-05-07")  # "mardi" in a report of Wednesday 8 May
    assert shelling.event_type == "Explosions/Remote violence"
    assert shelling.sources == ["a", "f"] and shelling.independent_sources == 2
    french = [e for e in briefing.events if e.sources == ["f"]]
    assert [(e.date, e.sub_event_type) for e in french] == [("2024-05-08", "Arrests")]
    for event in briefing.events:  # the appeal to stop the shelling is no event
        for c in event.citations:
            assert "appelé" not in articles[1].text[c.start : c.end] or c.article != "f"
    note = next(n for n in briefing.languages if n.language == "fr")
    assert "events and casualty figures are read" in note.note
    # its toll is read too: "tuant au moins dix personnes" beside "killing 12 people"
    assert {(t.article, t.value) for t in shelling.tolls} >= {("a", 12), ("f", 10)}


def _french(*sentences: str) -> Briefing:
    article = make_article("f", list(sentences), published=date(2024, 5, 8),
                           published_basis="metadata", outlet="Le Courrier du Sahel",
                           language="fr")  # fmt: skip
    return build_briefing([article], settings=Settings.load())


@pytest.mark.slow
def test_a_french_attack_on_soldiers_is_not_violence_against_civilians() -> None:
    briefing = _french("Des hommes armés ont attaqué mardi un camp militaire à Gao, tuant "
                       "cinq soldats.")  # fmt: skip
    assert briefing.events
    assert all(e.event_type != "Violence against civilians" for e in briefing.events)


@pytest.mark.slow
def test_a_french_sentence_names_the_force_that_fired() -> None:
    briefing = _french("Mardi à Gao, la police a tiré sur les manifestants, tuant deux "
                       "personnes.")  # fmt: skip
    (event,) = briefing.events
    assert event.sub_event_type == "Excessive force against protesters"
    assert event.actor1_type == "state forces" and event.actor2_type == "protesters"
    assert event.fatalities == 2


@pytest.mark.slow
def test_a_french_crowd_of_residents_protesting_are_protesters() -> None:
    briefing = _french("Des centaines d'habitants ont manifesté mardi devant la mairie de Gao.")
    (event,) = briefing.events
    assert event.sub_event_type == "Peaceful protest" and event.actor1_type == "protesters"
