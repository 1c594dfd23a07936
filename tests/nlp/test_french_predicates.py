"""Event words and actor phrases read from French reports (`nlp.french_predicates`), on
sentences written for these tests."""

from __future__ import annotations

import pytest

from storyline.model import Predicate
from storyline.nlp.french import parse_french
from tests.conftest import make_article

pytestmark = pytest.mark.slow


def read(*sentences: str) -> list[Predicate]:
    article = make_article("fr", list(sentences), language="fr")
    return parse_french([article])["fr"].predicates


def asserted(sentence: str) -> list[Predicate]:
    return [p for p in read(sentence) if p.mood is None]


@pytest.mark.parametrize(
    ("sentence", "family"),
    [
        ("Des hommes armés ont tué trois bergers près du puits mardi.", "kill"),
        ("Les soldats se sont affrontés aux rebelles à l'entrée de Mirabel.", "fight"),
        ("Des frappes aériennes ont touché l'hôpital de la ville jeudi.", "air"),
        ("Des obus sont tombés sur le marché de Sainte-Flore.", "shell"),
        ("La gendarmerie a interpellé quatre syndicalistes à leur domicile.", "arrest"),
        ("Des centaines de paysans ont manifesté devant la préfecture.", "protest"),
        ("Un kamikaze s'est fait exploser devant la caserne.", "explode"),
        ("Les combats ont fait cinq morts dans la nuit.", "fight"),
        ("Des soldats ont été blessés lors d'une embuscade.", "kill"),
    ],
)
def test_an_incident_told_in_the_past_is_an_event_word(sentence: str, family: str) -> None:
    found = asserted(sentence)
    assert found, sentence
    assert family in {f for p in found for f in p.families}


@pytest.mark.parametrize(
    ("sentence", "mood"),
    [
        ("L'armée n'a pas bombardé le village.", "negated"),
        ("Le ministère a démenti avoir bombardé le village.", None),  # any mood: not asserted
        ("Des frappes auraient tué huit civils, selon une source non confirmée.", "conditional"),
        ("Les rebelles attaqueront la ville demain.", "future"),
        ("La police va arrêter les manifestants.", "future"),
        ("Le syndicat appelle à manifester jeudi.", "appeal or plan"),
        ("Les milices menacent d'attaquer le camp.", "appeal or plan"),
        ("L'armée bombarde les faubourgs chaque nuit.", "habitual"),
        ("Depuis le début du conflit, les combats ont tué plus de 4 000 personnes.", "cumulative"),
    ],
)
def test_what_is_not_told_as_having_happened_is_no_event(sentence: str, mood: str | None) -> None:
    found = read(sentence)
    assert found, sentence  # the word is seen ...
    assert all(p.mood is not None for p in found), [(p.text, p.mood) for p in found]
    if mood is not None:  # ... and why it is not an incident said
        assert mood in {p.mood for p in found}


@pytest.mark.parametrize(
    "sentence",
    [
        "Le préfet a condamné l'attaque contre le convoi.",  # named, not told
        "La police a tiré des gaz lacrymogènes sur la foule.",  # tear gas: no chemical weapon
        "Les ouvriers ont enlevé les gravats de la route.",  # "enlever" things: no abduction
        "Le maire a arrêté sa décision lundi.",  # "arrêter" a decision: no arrest
    ],
)
def test_words_of_another_sense_are_no_event(sentence: str) -> None:
    assert not [p for p in asserted(sentence) if p.families != ["intervene"]], sentence


def test_roles_of_active_and_passive_verbs() -> None:
    (active,) = asserted("Les forces gouvernementales ont pilonné le quartier de Vauclair.")
    assert active.agent is not None and active.agent.text == "forces gouvernementales"
    assert active.patient is not None and active.patient.text.startswith("quartier")
    (passive,) = asserted("Un journaliste a été arrêté par la police à l'aéroport.")
    assert passive.agent is not None and passive.agent.text == "police"
    assert passive.patient is not None and passive.patient.text == "journaliste"


def test_a_participle_under_an_event_word_is_part_of_its_predicate() -> None:
    found = asserted("Des frappes aériennes ont visé un marché, tuant onze civils.")
    assert [p.families for p in found if "air" in p.families] == [["air"]] or any(
        {"air", "kill"} <= set(p.families) for p in found
    )
    for p in found:
        assert p.mood is None


def test_actor_phrases_carry_english_head_words() -> None:
    article = make_article(
        "fr",
        ["Les forces du régime et des hommes armés se sont affrontés, puis des manifestants "
         "et des habitants ont défilé."],
        language="fr",
    )  # fmt: skip
    groups = {m.text: m.label for m in parse_french([article])["fr"].groups}
    assert groups.get("forces du régime") == "force"
    assert groups.get("hommes armés") == "gunman"
    assert groups.get("manifestants") == "protester"
    assert groups.get("habitants") == "resident"
