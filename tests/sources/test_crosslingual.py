"""Reports in other languages linked to English ones by meaning (sources.crosslingual)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.model import Article, Claim
from storyline.sources.crosslingual import compatible, figures, same_day, weekdays
from tests.conftest import make_article


def test_figures_read_digits_and_number_words_in_several_languages() -> None:
    assert figures("Trois personnes sont mortes et 14 blessées") == {3.0, 14.0}
    assert figures("ثلاثة أشخاص لقوا حتفهم و١٤ جريحا") == {3.0, 14.0}
    assert figures("Murieron dos personas; 1,200 desplazados") == {2.0, 1200.0}
    assert figures("Zwei Menschen starben, 1.200 flohen") == {2.0, 1200.0}
    assert figures("4 000 travailleurs, 12\u202f500 habitants") == {4000.0, 12500.0}
    # a scale word after the number, as each language writes it
    assert figures("قالت الرابطة إن 60 ألف مسافر سيتأثرون") == {60000.0}
    assert figures("1.2 million people") == figures("1,2 million de personnes") == {1.2e6}
    assert figures("3 mil desplazados") == figures("3,000 displaced") == {3000.0}
    assert figures("Погибли три человека") == {3.0}
    # "un"/"una"/"ein" is an article, never the number one
    assert figures("Un étudiant de 17 ans figure parmi les morts") == {17.0}


def test_weekdays_are_read_in_english_french_spanish_german_and_arabic() -> None:
    assert weekdays("on Monday") == {0}
    assert weekdays("lundi à Tarija") == {0}
    assert weekdays("el martes por la noche") == {1}
    assert weekdays("am Mittwoch") == {2}
    assert weekdays("يوم الاثنين") == {0}
    assert weekdays("وفي الخميس") == {3}
    assert weekdays("in the morning") == frozenset()


def test_compatible_needs_the_same_figures_and_no_other_weekday() -> None:
    english = "Three people died on Monday in the clashes."
    assert compatible("Trois personnes sont mortes lundi lors des heurts.", english)
    assert not compatible("Deux personnes sont mortes lundi lors des heurts.", english)
    assert not compatible("Trois personnes sont mortes mardi lors des heurts.", english)
    # a denial on one side only is a different statement
    assert not compatible("Le plan ne supprimera aucun emploi.", "The plan will cost jobs.")
    assert compatible("El plan no eliminará ningún empleo.", "The plan won't cost any jobs.")
    assert not compatible("الخطة لن تلغي أي وظيفة", "The plan will cost jobs.")
    # a weekday named on one side only is no disagreement
    assert compatible("Trois personnes sont mortes lors des heurts.", english)


def _claim(day: str | None, basis: str | None) -> Claim:
    return Claim(
        id="C1", text="x", citations=[], sources=["a"], independent_sources=1,
        status="single_source", date=day, date_basis=basis,  # type: ignore[arg-type]
    )  # fmt: skip


def _report(published: date | None) -> Article:
    basis = "metadata" if published else "unknown"
    return make_article("f", ["Texte."], published=published, published_basis=basis)


def test_same_day_holds_a_text_dated_claim_to_reports_of_that_day_or_the_three_after() -> None:
    claim = _claim("2024-03-11", "text")
    assert same_day(claim, _report(date(2024, 3, 11)))
    assert same_day(claim, _report(date(2024, 3, 14)))
    assert not same_day(claim, _report(date(2024, 3, 15)))
    assert not same_day(claim, _report(date(2024, 3, 10)))  # before the day it tells of
    assert not same_day(claim, _report(None))  # undated: cannot be told apart


def test_same_day_holds_a_report_dated_claim_to_the_day_either_side() -> None:
    claim = _claim("2024-03-12", "report")
    assert same_day(claim, _report(date(2024, 3, 13)))
    assert not same_day(claim, _report(date(2024, 3, 14)))
    assert same_day(_claim(None, None), _report(None))  # a claim of no day
    assert same_day(_claim("2026", "text"), _report(date(2023, 5, 9)))  # nor of a year


# A small story written for this test: an English wire report, its French translation,
# an independent Spanish report that confirms one statement and gives a different toll,
# and a German report on something else.
WIRE = {
    "id": "wire", "outlet": "Northern Wire", "published": "2023-05-09",
    "title": "Dockworkers strike closes port of Valmont",
    "text": (
        "Dockworkers in the port city of Valmont walked off the job on Monday, halting the "
        "loading of ships for the first time in a decade. "
        "The union said 4,000 workers had joined the strike over a plan to automate the "
        "container terminal. "
        "The port authority said the automation plan would not cost any jobs before 2026. "
        "Talks between the union and the port authority are due to resume on Thursday."
    ),
}  # fmt: skip
TRANSLATION = {
    "id": "traduction", "outlet": "Le Courrier du Nord", "published": "2023-05-09",
    "title": "Grève des dockers au port de Valmont",
    "text": (
        "Les dockers de la ville portuaire de Valmont ont cessé le travail lundi, bloquant le "
        "chargement des navires pour la première fois depuis dix ans. "
        "Le syndicat a indiqué que 4 000 travailleurs avaient rejoint la grève contre un projet "
        "d'automatisation du terminal à conteneurs. "
        "L'autorité portuaire a déclaré que le projet d'automatisation ne supprimerait aucun "
        "emploi avant 2026. "
        "Les discussions entre le syndicat et l'autorité portuaire doivent reprendre jeudi."
    ),
}  # fmt: skip
INDEPENDENT = {
    "id": "independiente", "outlet": "Diario del Puerto", "published": "2023-05-09",
    "title": "Huelga en el puerto de Valmont",
    "text": (
        "Según la policía, unos 2.500 trabajadores se sumaron a la huelga en el puerto. "
        "La autoridad portuaria afirmó que el plan de automatización no eliminará ningún "
        "empleo antes de 2026. "
        "El alcalde de Valmont pidió a ambas partes que regresen a la mesa de negociación."
    ),
}  # fmt: skip
ELSEWHERE = {
    "id": "anderswo", "outlet": "Hafenblatt", "published": "2023-05-09",
    "title": "Neues Museum eröffnet",
    "text": (
        "In der Altstadt hat am Dienstag ein neues Museum für Seefahrt eröffnet. "
        "Die Ausstellung zeigt Modelle von Segelschiffen aus drei Jahrhunderten. "
        "Der Eintritt ist für Kinder unter zwölf Jahren frei."
    ),
}  # fmt: skip


@pytest.fixture(scope="module")
def written() -> object:
    import storyline

    return storyline.brief(texts=[WIRE, TRANSLATION, INDEPENDENT, ELSEWHERE])


@pytest.mark.slow
def test_a_translation_is_found_and_joins_its_source(written: object) -> None:
    from storyline.model import Briefing

    assert isinstance(written, Briefing)
    translations = [s for s in written.syndication if s.kind == "translation"]
    assert [s.articles for s in translations] == [["wire", "traduction"]]
    group = next(g for g in written.source_groups if "wire" in g.articles)
    assert "traduction" in group.articles and "independiente" not in group.articles


@pytest.mark.slow
def test_an_independent_foreign_report_corroborates_only_what_it_states(written: object) -> None:
    from storyline.model import Briefing

    assert isinstance(written, Briefing)
    texts = {a.id: a.text for a in written.articles}
    by_foreign: dict[str, list[Claim]] = {}
    for claim in written.claims:
        for article in claim.crosslingual:
            by_foreign.setdefault(article, []).append(claim)
    # the automation pledge is stated by the Spanish report too: corroborated
    pledge = [c for c in by_foreign.get("independiente", []) if "automation" in c.text]
    assert pledge and all(c.status == "corroborated" for c in pledge)
    # the Spanish toll (2,500) is not the union's 4,000; the mayor's appeal is nobody
    # else's; the German report is another story: none of these is linked
    for claim in by_foreign.get("independiente", []):
        cited = [texts[c.article][c.start : c.end] for c in claim.citations
                 if c.article == "independiente"]  # fmt: skip
        assert all("2.500" not in s and "alcalde" not in s for s in cited), claim
    assert "anderswo" not in by_foreign
    # a translation adds no independent source: what only the wire says stays single
    for claim in by_foreign.get("traduction", []):
        assert "wire" in claim.sources
        if claim.status == "corroborated":
            assert "independiente" in claim.sources


@pytest.mark.slow
def test_the_example_links_french_reports_and_no_arabic_or_trap_sentence(
    example_dir: Path,
) -> None:
    import storyline

    briefing = storyline.brief([example_dir])
    texts = {a.id: a.text for a in briefing.articles}
    assert [s.articles for s in briefing.syndication if s.kind == "translation"] == [
        ["andean-wire", "courrier-des-andes"]
    ]
    gazette = [c for c in briefing.claims if "gazette-des-vallees" in c.crosslingual]
    # the tear gas, the student and the six checkpoints: each said by Southern Ledger too
    assert len(gazette) == 3 and all(c.status == "corroborated" for c in gazette)
    assert all("southern-ledger" in c.sources for c in gazette)
    for claim in briefing.claims:
        for cited in claim.citations:
            said = texts[cited.article][cited.start : cited.end]
            if "maire" in said:  # the mayor's resignation is the Gazette's alone: its own claim
                assert claim.sources == ["gazette-des-vallees"] and not claim.crosslingual
        assert not any(a.startswith("al-wadi") for a in claim.crosslingual)
        if "courrier-des-andes" in claim.crosslingual:
            assert "andean-wire" in claim.sources
