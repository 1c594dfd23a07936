"""Entities: people, organisations and armed groups merged across spellings and references."""

from __future__ import annotations

import pytest

from storyline.entities import EntityIndex, classify_group
from storyline.model import Entity
from tests.conftest import make_article, run_stages

COUNTRY = {"Syrian": "SY", "Russian": "RU", "Iranian": "IR", "Lebanese": "LB"}.get


@pytest.mark.parametrize(
    ("text", "head", "expected"),
    [
        ("Syrian regime forces", "force", ("state forces", "SY")),
        ("regime troops", "troop", ("state forces", "SY")),
        ("Assad regime", "regime", ("state forces", "SY")),
        ("Bashar al Assad's forces", "force", ("state forces", "SY")),
        ("Russian forces", "force", ("external/other forces", "RU")),
        ("Iranian-backed militia", "militia", ("political militia", "SY")),
        ("Russia-backed regime forces", "force", ("state forces", "SY")),
        ("armed opposition groups", "group", ("rebel group", "SY")),
        ("rebels", "rebel", ("rebel group", "SY")),
        ("residents", "resident", ("civilians", "SY")),
        ("protesters", "protester", ("protesters", "SY")),
    ],
)
def test_entities_classify_group(text: str, head: str, expected: tuple[str, str]) -> None:
    found = classify_group(text, head, {"assad", "bashar"}, "SY", COUNTRY)
    assert found is not None and found[:2] == expected


def test_entities_classify_group_needs_a_side() -> None:
    assert classify_group("forces", "force", set(), "SY", COUNTRY) is None  # whose?
    assert classify_group("a local group", "group", set(), "SY", COUNTRY) is None


@pytest.mark.slow
def test_entities_merge_spellings_surnames_and_references() -> None:
    paragraphs = [
        "Lebanese army troops clashed with gunmen in Tripoli on Monday, the army said.",
        "Army spokesman Karim al-Haddad said regime troops were not involved.",
        "Haddad added that the Lebanese army had arrested four gunmen.",
        "Human Rights Watch said the soldiers used excessive force. Human Rights said it "
        "would publish a report.",
        "The gunmen fled towards the port, witnesses said.",
    ]
    entities = run_stages([make_article("a", paragraphs)], "entities").entities or []
    by_name = {e.name: e for e in entities}
    person = by_name["Karim al-Haddad"]
    assert "Haddad" in person.aliases and person.type == "person"
    army = next(e for e in entities if e.actor_type == "state forces")
    assert army.country_code == "LB"
    assert {"soldiers", "Lebanese army troops"} <= {m.text for m in army.mentions}
    rebels = next(e for e in entities if e.actor_type == "rebel group")
    assert {m.text for m in rebels.mentions} == {"gunmen"}
    assert not any(e.name == "Tripoli" for e in entities)  # a place, not an entity
    index = EntityIndex(entities)
    start = paragraphs[0].index("gunmen")
    hit = index.at("a", start, start + 6)
    assert isinstance(hit, Entity) and hit.id == rebels.id


@pytest.mark.slow
def test_entities_a_capital_that_only_opens_a_sentence_names_nothing() -> None:
    articles = [
        make_article("a", ["Rebels clashed with the army near the river on Monday."]),
        make_article("b", ["On Monday, rebels attacked an army post near the river."]),
    ]
    entities = run_stages(articles, "entities").entities or []
    rebels = [e for e in entities if e.actor_type == "rebel group"]
    assert len(rebels) == 1 and {m.text for m in rebels[0].mentions} == {"Rebels", "rebels"}
    found = classify_group("Fourth Division regime forces", "force", set(), "SY", COUNTRY)
    assert found is not None and found[2] == ("fourth", "division")  # a unit's own name


def test_entities_a_country_named_in_a_group_phrase_is_whose_forces_they_are() -> None:
    assert classify_group("US forces", "force", set(), None, COUNTRY) == ("state forces", "US", ())
    kind = classify_group("Russia's army", "army", set(), "SY", COUNTRY)
    assert kind == ("external/other forces", "RU", ())
    # "Democratic" is no country: a named force keeps its name
    found = classify_group("Syrian Democratic Forces", "force", set(), "SY", COUNTRY)
    assert found is not None and "democratic" in found[2]


@pytest.mark.slow
def test_entities_a_demonym_makes_a_group_not_a_place() -> None:
    articles = [make_article("a", ["Russian forces shelled the town on Monday."])]
    entities = run_stages(articles, "entities").entities or []
    assert [(e.name, e.actor_type) for e in entities] == [("Russian forces", "state forces")]


@pytest.mark.slow
def test_entities_outlets_and_platforms_are_no_party() -> None:
    text = (
        "The Harbour Herald reported on Twitter that police arrested two men in Leeds, "
        "and the Kessel Workers Union condemned the arrests."
    )
    articles = [make_article("a", [text], outlet="Harbour Herald")]
    names = {e.name for e in run_stages(articles, "entities").entities or []}
    assert not names & {"Twitter", "Harbour Herald", "The Harbour Herald"}
    assert any("Union" in n for n in names)


def test_entities_a_country_that_acts_is_its_state_forces_and_a_city_is_not() -> None:
    assert classify_group("France", "state", set(), None, COUNTRY) == ("state forces", "FR", ())
    assert classify_group("France", "state", set(), "ML", COUNTRY) == (
        "external/other forces",
        "FR",
        (),
    )
    assert classify_group("Lyon", "state", set(), None, COUNTRY) is None


@pytest.mark.slow
def test_entities_a_country_as_the_subject_of_an_act_but_not_of_a_statement() -> None:
    acts = [make_article("a", ["Norway deployed two frigates to the strait on Monday."])]
    entities = run_stages(acts, "entities").entities or []
    assert [(e.name, e.actor_type) for e in entities] == [("Norway", "state forces")]
    says = [make_article("b", ["Norway said on Monday that the strait was calm."])]
    assert not run_stages(says, "entities").entities


def test_entities_a_full_name_called_a_person_anywhere_is_that_person() -> None:
    from storyline.entities import find_entities
    from storyline.model import Mention, ParsedArticle
    from tests.conftest import make_parsed

    def parsed(id: str, text: str, name: str, label: str) -> ParsedArticle:
        p = make_parsed(id, [text])
        start = p.article.text.index(name)
        mention = Mention(article=id, start=start, end=start + len(name), text=name, label=label)
        return p.model_copy(update={"mentions": [mention]})

    reports = [
        parsed("a", "Marta Quispe led the march.", "Marta Quispe", "PERSON"),
        parsed("b", "Marta Quispe spoke to reporters.", "Marta Quispe", "ORG"),
        parsed("c", "Aln Valley Water ran the pumps.", "Aln Valley Water", "ORG"),
    ]
    entities = {e.name: (e.type, {m.article for m in e.mentions})
                for e in find_entities(reports, [])}  # fmt: skip
    assert entities["Marta Quispe"] == ("person", {"a", "b"})
    assert entities["Aln Valley Water"][0] == "organisation"  # never called a person
