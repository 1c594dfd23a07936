"""Places in a report in Arabic script that no pipeline reads: found by the Arabic spellings
GeoNames files, and kept only where a read report names the same place."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.languages import unparsed
from storyline.places.gazetteer import default_gazetteer
from storyline.places.recognise import arabic_names
from tests.conftest import make_article

ARABIC = [
    "قصفت القوات الحكومية يوم الثلاثاء مدينة درعا في جنوب سوريا، وقال ناشطون إن القصف طال "
    "أيضا بلدة طفس.",
    "وعقد وجهاء اجتماعا مع ضباط في دمشق، وقال أحد السكان إن الحياة متوقفة في المدينة.",
    "وأعلنت الأمم المتحدة في جنيف أنها تتابع الوضع، ووصل وفد إلى عمان.",
]


def test_names_are_found_by_their_arabic_spelling_a_prefix_letter_off() -> None:
    article = make_article("ar", ARABIC, language="ar")
    found = {c.text: (c.start, c.end) for c in arabic_names(unparsed(article), default_gazetteer())}
    assert {"درعا", "طفس", "دمشق", "سوريا"} <= set(found)
    start, end = found["دمشق"]
    assert article.text[start - 3 : end] == "في دمشق"  # the span is the name alone


@pytest.mark.slow
def test_an_arabic_report_adds_its_mentions_to_places_others_name_and_nothing_else() -> None:
    from storyline.api import build_briefing

    day = {"published": date(2021, 7, 28), "published_basis": "metadata"}
    english = make_article("en", [
        "Government forces shelled Daraa in southern Syria on Tuesday, and the shelling also "
        "hit the town of Tafas, activists said.",
        "Notables met officers in Damascus, a resident said.",
    ], language="en", **day)  # fmt: skip
    arabic = make_article("ar", ARABIC, language="ar", **day)
    briefing = build_briefing([english, arabic])
    places = {p.gazetteer_name: {m.article for m in p.mentions} for p in briefing.places}
    for town in ("Damascus", "Ţafas"):
        assert places.get(town) == {"en", "ar"}, places
    assert any("Dar" in name and sources == {"en", "ar"} for name, sources in places.items())
    # named only in Arabic: Geneva, Amman or Oman, and the words that are also places
    # ("المدينة": Medina and "the city") are no places of the briefing
    assert all(sources != {"ar"} for sources in places.values()), places
    assert not any(m.article == "ar" for u in briefing.unresolved for m in u.mentions)
    (note,) = [n for n in briefing.languages if n.language == "ar"]
    assert "places the other reports name are found" in note.note
    for place in briefing.places:  # every Arabic mention cites the name exactly
        for m in place.mentions:
            text = arabic.text if m.article == "ar" else english.text
            assert text[m.start : m.end] == m.text


def test_latin_script_names_are_runs_of_capitalised_words_the_gazetteer_knows() -> None:
    from storyline.places.recognise import latin_names

    text = ("Las autoridades de Tarija dijeron que las aguas bajaron en Santa Cruz de la Sierra. "
            "Los vecinos de Cochabamba esperan ayuda.")  # fmt: skip
    found = [c.text for c in latin_names(unparsed(make_article("es", [text])), default_gazetteer())]
    assert {"Tarija", "Santa Cruz de la Sierra", "Cochabamba"} <= set(found)
    assert "Santa Cruz" not in found  # the longest name the gazetteer knows


@pytest.mark.slow
def test_a_spanish_report_adds_its_mentions_to_places_others_name_and_nothing_else() -> None:
    from storyline.api import build_briefing

    day = {"published": date(2024, 3, 13), "published_basis": "metadata"}
    english = make_article("en", [
        "Police fired tear gas at residents blocking a road in Tarija on Monday, doctors said.",
    ], language="en", **day)  # fmt: skip
    spanish = make_article("es", [
        "Las autoridades de Tarija dijeron que la policía disparó gases lacrimógenos. Los "
        "vecinos de Cochabamba y de Las Lomas esperan ayuda.",
    ], language="es", **day)  # fmt: skip
    briefing = build_briefing([english, spanish])
    places = {p.gazetteer_name: {m.article for m in p.mentions} for p in briefing.places}
    assert places.get("Tarija") == {"en", "es"}
    assert all(sources != {"es"} for sources in places.values()), places  # no "Las", no Cochabamba
    assert not any(m.article == "es" for u in briefing.unresolved for m in u.mentions)
