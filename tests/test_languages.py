"""Each report's language, and what a briefing does with reports the pipeline cannot read:
split by their own punctuation, cited, compared for copies, never read with the English
model (no Spanish "Las" as a place), and named in the briefing with the reason."""

from __future__ import annotations

import pytest

from storyline.api import build_briefing
from storyline.languages import identify, notes, unparsed
from storyline.render import render
from tests.conftest import make_article

PARAGRAPHS = {
    "en": "Rescue crews in Port Kessel moved a hundred and twenty residents to the sports hall "
    "on Monday night after the river burst its banks, the council said.",
    "fr": "Les équipes de secours de Port Kessel ont conduit lundi soir cent vingt habitants "
    "vers la salle des sports après la crue de la rivière, a indiqué la mairie.",
    "es": "Los equipos de rescate de Port Kessel trasladaron el lunes por la noche a ciento "
    "veinte vecinos al polideportivo después de que el río se desbordara, según el ayuntamiento.",
    "ar": "نقلت فرق الإنقاذ في بورت كيسل مساء الاثنين مئة وعشرين من السكان إلى القاعة "
    "الرياضية بعد فيضان النهر، بحسب ما أعلن المجلس البلدي.",
    "de": "Die Rettungskräfte in Port Kessel brachten am Montagabend hundertzwanzig Bewohner in "
    "die Sporthalle, nachdem der Fluss über die Ufer getreten war, teilte die Stadt mit.",
    "ru": "Спасатели в Порт-Кесселе в понедельник вечером перевезли сто двадцать жителей в "
    "спортивный зал после того, как река вышла из берегов, сообщили в городском совете.",
}


@pytest.mark.parametrize("language", sorted(PARAGRAPHS))
def test_a_paragraph_is_told_its_language(language: str) -> None:
    assert identify(PARAGRAPHS[language]) == language


def test_a_text_too_short_to_tell_is_undetermined_and_read_as_english() -> None:
    assert identify("Port Kessel") == "und"
    (note,) = notes([make_article("a", ["Port Kessel"])])
    assert note.language == "und" and note.analysed


def test_a_report_in_another_script_is_split_at_its_own_stops_and_cited_exactly() -> None:
    text = ("نقلت فرق الإنقاذ السكان إلى القاعة الرياضية، بحسب المجلس. هل عاد الماء إلى النهر؟ "
            "قال المجلس إن الطريق سيفتح غدا.")  # fmt: skip
    article = make_article("ar", [text, "الفقرة الثانية هنا."], language="ar")
    parsed = unparsed(article)
    assert [s.text[-1] for s in parsed.sentences] == [".", "؟", ".", "."]
    assert "،" in parsed.sentences[0].text  # a comma is no sentence end
    assert [s.paragraph for s in parsed.sentences] == [0, 0, 0, 1]
    for s in parsed.sentences:
        assert article.text[s.start : s.end] == s.text
    assert parsed.mentions == [] and parsed.predicates == [] and parsed.names == []


@pytest.mark.slow
def test_a_briefing_reads_english_says_what_it_leaves_of_the_rest_and_invents_nothing() -> None:
    spanish = ("Las autoridades de Port Kessel dijeron el martes que las aguas bajaron. "
               "Las carreteras del sur siguen cortadas y los vecinos esperan ayuda.")  # fmt: skip
    reports = [
        make_article(
            "en",
            [PARAGRAPHS["en"], "The harbour road stayed closed on Tuesday."],
            outlet="Kessel Courier",
        ),  # fmt: skip
        make_article("es", [spanish, PARAGRAPHS["es"]], outlet="Diario del Aln"),
        make_article("ar", [PARAGRAPHS["ar"]], outlet="Aln Arabic"),
    ]
    briefing = build_briefing(reports)
    by_language = {n.language: n for n in briefing.languages}
    assert by_language["en"].articles == ["en"] and by_language["en"].analysed
    assert by_language["es"].articles == ["es"] and not by_language["es"].analysed
    assert "no Spanish pipeline" in by_language["es"].note
    assert "Las" not in {u.name for u in briefing.unresolved}
    cited = {m.article for p in briefing.places for m in p.mentions}
    cited |= {c.article for e in briefing.events for c in e.citations}
    cited |= {t.article for t in briefing.time_expressions}
    assert cited <= {"en"}  # nothing read from the Spanish or Arabic report
    assert {c.article for s in briefing.summary for c in s.citations} == {"en"}
    text = " ".join(render(briefing, "text").split())
    assert "Language: Spanish [2]: no Spanish pipeline" in text and "Arabic [3]" in text
    alone = build_briefing(reports[1:])  # no English report: the summary quotes the others
    assert {c.article for s in alone.summary for c in s.citations} == {"es", "ar"}


@pytest.mark.slow
def test_a_french_report_gives_its_places_and_dates_but_no_events_or_claims_of_its_own() -> None:
    from datetime import date

    day = {"published": date(2024, 3, 13), "published_basis": "metadata"}  # a Wednesday
    english = make_article("en", [
        "Firefighters in Lyon evacuated 120 residents on Tuesday after the river Saône burst "
        "its banks, the prefecture said.",
    ], language="en", **day)  # fmt: skip
    french = make_article("fr", [
        "Les pompiers de Lyon ont évacué mardi cent vingt habitants après la crue de la Saône, "
        "a indiqué la préfecture, qui a demandé l'aide de la Suisse.",
        "Le maire de Villeurbanne a annoncé que les écoles rouvriraient vendredi, selon la "
        "Fédération des parents d'élèves du Rhône.",
    ], language="fr", **day)  # fmt: skip
    briefing = build_briefing([english, french])
    by_language = {n.language: n for n in briefing.languages}
    assert "French pipeline" in by_language["fr"].note and not by_language["fr"].analysed
    places = {p.name: {m.article for m in p.mentions} for p in briefing.places}
    assert places.get("Lyon") == {"en", "fr"}
    assert "fr" in places.get("Villeurbanne", set())  # named in French only
    assert places.get("Switzerland") == {"fr"}  # "la Suisse": a country's French name
    values = {(t.article, t.text): t.value for t in briefing.time_expressions}
    assert values[("fr", "mardi")] == "2024-03-12"  # told in the past: the day before
    assert values[("fr", "vendredi")] == "2024-03-15"  # the future of a past telling
    # the timeline tells a day in English where an English report dates it; the French
    # sentence of that day stays among the related ones, and tells a day only it dates
    tuesday = {e.date: e for e in briefing.timeline}["2024-03-12"]
    assert tuesday.text.startswith("Firefighters in Lyon")
    assert "fr" in {c.article for c in tuesday.related}
    assert {e.date: e for e in briefing.timeline}["2024-03-15"].text.startswith("Le maire")
    # the French model's guesses at places the gazetteer does not know are not listed
    assert all("Fédération" not in u.name for u in briefing.unresolved)
    assert all(c.article == "en" for e in briefing.events for c in e.citations)
    assert {c.article for s in briefing.summary for c in s.citations} == {"en"}
