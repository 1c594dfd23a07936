"""Time expressions in French reports: the French grammar, anchored by the same normaliser
as English, the direction of a bare weekday taken from the French clause's tense."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.dates import find_expressions, foreign
from storyline.model import ParsedArticle
from tests.conftest import make_article

WED = date(2021, 7, 28)  # a Wednesday


def found(text: str) -> dict[str, str]:
    return {f.text: f.spec.kind for f in foreign.scan(text, "fr", tenses=True)}


def test_the_forms_news_uses_are_found() -> None:
    text = ("Le 27 juillet 2021, mardi, hier soir, la semaine dernière, il y a trois jours, "
            "en 2019, juillet 2021, lundi prochain, le 1er mars, aujourd'hui")  # fmt: skip
    assert found(text) == {
        "Le 27 juillet 2021": "date", "mardi": "weekday", "hier soir": "offset",
        "la semaine dernière": "offset", "il y a trois jours": "ago", "en 2019": "year",
        "juillet 2021": "date", "lundi prochain": "weekday", "le 1er mars": "date",
        "aujourd'hui": "offset",
    }  # fmt: skip


@pytest.mark.parametrize(
    "text",
    [
        "Le mardiste et les lundis gras",  # inside words
        "Il y a quelques jours, 2019 personnes",  # no day to name; a bare number
        "La rue du 4-Septembre",  # a street name
    ],
)
def test_what_names_no_day_is_not_read(text: str) -> None:
    assert found(text) == {}


def _parsed(text: str) -> ParsedArticle:
    from storyline.nlp.french import parse_french

    article = make_article("fr", [text], published=WED, published_basis="metadata",
                           language="fr")  # fmt: skip
    return parse_french([article])["fr"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # told in the past, a weekday is the last one; the report's own day is that day
        ("Les forces gouvernementales ont bombardé la ville mardi.", {"mardi": "2021-07-27"}),
        ("Les habitants ont repoussé les attaques mercredi.", {"mercredi": "2021-07-28"}),
        # the future, and the future of a past telling ("reprendraient"), point ahead
        ("Le ministre se rendra à Alep vendredi.", {"vendredi": "2021-07-30"}),
        (
            "Le gouverneur a annoncé que les discussions reprendraient vendredi.",
            {"vendredi": "2021-07-30"},
        ),
        ("Les négociations vont reprendre lundi.", {"lundi": "2021-08-02"}),
        # dates and days counted from the report
        ("Trois civils ont été tués le 25 juillet.", {"le 25 juillet": "2021-07-25"}),
        ("Hier, la police a fermé la route.", {"Hier": "2021-07-27"}),
        ("Le cessez-le-feu a été signé il y a trois jours.", {"il y a trois jours": "2021-07-25"}),
        # a month alone after its preposition
        ("Une attaque avait fait dix morts en janvier.", {"en janvier": "2021-01"}),
        # a present-tense appeal or plan points ahead: what is called for is to come
        ("L'opposition appelle à une marche samedi.", {"samedi": "2021-07-31"}),
    ],
)
def test_french_expressions_are_anchored_the_way_the_clause_points(
    text: str, expected: dict[str, str]
) -> None:
    parsed = _parsed(text)
    expressions, _ = find_expressions(parsed, WED, list(foreign.scan(text, "fr", tenses=True)))
    assert {e.text: e.value for e in expressions} == expected


@pytest.mark.slow
def test_a_french_weekday_that_does_not_fit_its_date_is_a_warning() -> None:
    text = "Les combats ont repris lundi 27 juillet 2021."  # the 27th was a Tuesday
    _, issues = find_expressions(_parsed(text), WED, list(foreign.scan(text, "fr", tenses=True)))
    assert [i.kind for i in issues] == ["weekday_mismatch"]


def values(text: str, language: str) -> dict[str, str]:
    """What each expression of a report with no pipeline (no tenses) resolves to."""
    from storyline.languages import unparsed

    article = make_article("x", [text], published=WED, published_basis="metadata",
                           language=language)  # fmt: skip
    found = list(foreign.scan(text, language))
    expressions, _ = find_expressions(unparsed(article), WED, found)
    return {e.text: e.value for e in expressions}


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        (
            "es",
            "El martes 27 de julio de 2021 la policía cerró la carretera, y ayer la abrió; "
            "el lunes pasado hubo protestas y hace tres días llegó la ayuda.",
            {
                "El martes 27 de julio de 2021": "2021-07-27",
                "ayer": "2021-07-27",
                "el lunes pasado": "2021-07-26",
                "hace tres días": "2021-07-25",
            },
        ),
        (
            "es",
            "El gobierno anunció en julio de 2021 que el próximo viernes habrá elecciones.",
            {"julio de 2021": "2021-07", "el próximo viernes": "2021-07-30"},
        ),
        (
            "de",
            "Am Dienstag, 27. Juli 2021 schloss die Polizei die Straße; gestern Abend kam "
            "es zu Protesten, vor zwei Tagen traf die Hilfe ein.",
            {
                "Am Dienstag, 27. Juli 2021": "2021-07-27",
                "gestern Abend": "2021-07-27TEV",
                "vor zwei Tagen": "2021-07-26",
            },
        ),
        (
            "de",
            "Die Gespräche sollen am kommenden Freitag weitergehen, sagte er heute morgen.",
            {"am kommenden Freitag": "2021-07-30", "heute morgen": "2021-07-28"},
        ),
        ("es", "Las protestas empezaron en marzo.", {"en marzo": "2021-03"}),
        ("de", "Die Proteste begannen im März.", {"im März": "2021-03"}),
    ],
    ids=[
        "es dates and days",
        "es month and next",
        "de dates and days",
        "de next and today",
        "es month alone",
        "de month alone",
    ],
)
def test_spanish_and_german_dates_are_read(
    language: str, text: str, expected: dict[str, str]
) -> None:
    assert values(text, language) == expected


@pytest.mark.parametrize(
    ("language", "text"),
    [
        # a bare weekday's direction needs a tense, and no pipeline gives one here
        ("es", "La policía cerró la carretera el martes."),
        ("de", "Die Polizei schloss am Dienstag die Straße."),
        # Spanish "mañana" is tomorrow and the morning; German "Morgen" the morning
        ("es", "Por la mañana los vecinos volvieron a sus casas."),
        ("de", "Am Morgen kehrten die Bewohner zurück."),
    ],
)
def test_what_a_report_without_tenses_cannot_point_is_not_read(language: str, text: str) -> None:
    assert values(text, language) == {}


def test_the_languages_note_knows_which_languages_have_a_grammar() -> None:
    from storyline.languages import DATED

    assert set(foreign.GRAMMARS) == DATED


@pytest.mark.parametrize(
    ("language", "text", "expected"),
    [
        # a day counted from the last day named; the report's day when none was
        (
            "fr",
            "Le 25 juillet, les combats ont repris; la veille, le village avait été évacué.",
            {"Le 25 juillet": "2021-07-25", "la veille": "2021-07-24"},
        ),
        (
            "es",
            "El 25 de julio se reanudaron los combates; al día siguiente llegó la ayuda.",
            {"El 25 de julio": "2021-07-25", "al día siguiente": "2021-07-26"},
        ),
        (
            "de",
            "Am 25. Juli begannen die Kämpfe erneut; am Vortag war das Dorf geräumt worden.",
            {"Am 25. Juli": "2021-07-25", "am Vortag": "2021-07-24"},
        ),
        # this morning, this week; the start, middle or end of a month or year
        (
            "fr",
            "Ce matin, la route a rouvert; début mars 2021, elle était fermée.",
            {"Ce matin": "2021-07-28TMO", "début mars 2021": "2021-03"},
        ),
        (
            "es",
            "Esta noche habrá toque de queda, como a finales de 2020.",
            {"Esta noche": "2021-07-28TNI", "a finales de 2020": "2020"},
        ),
        (
            "de",
            "Diese Woche bleibt die Grenze zu, wie schon Ende März.",
            {"Diese Woche": "2021-W30", "Ende März": "2021-03"},
        ),
        # "d'ici vendredi": by the coming Friday, whatever the verb
        ("fr", "D'ici vendredi, l'aide devrait arriver.", {"D'ici vendredi": "2021-07-30"}),
    ],
)
def test_days_counted_from_another_and_parts_of_periods(
    language: str, text: str, expected: dict[str, str]
) -> None:
    assert values(text, language) == expected


def test_until_a_weekday_is_not_read_where_the_verb_could_point_back() -> None:
    # "galt bis Freitag": until a past Friday; "para el viernes": planned for either
    assert values("Die Ausgangssperre galt bis Freitag.", "de") == {}
    assert values("La reunión estaba prevista para el viernes.", "es") == {}


def test_arabic_dates_are_read_by_both_month_names_and_with_a_prefix_letter() -> None:
    text = ("أغلقت الشرطة الطريق يوم الثلاثاء 27 تموز/يوليو 2021، وأمس وصلت المساعدات. "
            "وتظاهر السكان الاثنين الماضي، ووقعت الاشتباكات قبل يومين. وفي عام ٢٠١٩ "
            "شهدت المدينة أحداثاً مماثلة.")  # fmt: skip
    assert values(text, "ar") == {
        "يوم الثلاثاء 27 تموز/يوليو 2021": "2021-07-27",
        "وأمس": "2021-07-27",
        "الاثنين الماضي": "2021-07-26",
        "قبل يومين": "2021-07-26",
        "وفي عام ٢٠١٩": "2019",
    }


def test_arabic_words_that_are_also_dates_are_not_read_alone() -> None:
    # a bare weekday (no tense), "اليوم" (today, and "the day"), "غدا" (tomorrow, and
    # "became")
    text = "قتل ثلاثة أشخاص يوم الاثنين. غدا الوضع هادئا. وقال في اليوم نفسه إن الجمعة ستجتمع."
    assert values(text, "ar") == {}
