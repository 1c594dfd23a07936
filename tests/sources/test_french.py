"""Claims of French reports' own statements (`sources.french`), on reports written for
these tests."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.api import build_briefing
from storyline.model import Briefing, Claim
from storyline.settings import Settings
from tests.conftest import make_article

pytestmark = pytest.mark.slow

ENGLISH = [
    "Floods cut the main road between Corvale and the port on Monday, the regional council said.",
    "Emergency crews evacuated two hundred families from the lower town on Tuesday.",
]
FRENCH = [
    "Les inondations ont coupé lundi la route principale entre Corvale et le port, a "
    "indiqué le conseil régional.",
    "Le maire de Corvale a démissionné mercredi après une réunion houleuse du conseil.",
    "Les écoles de la ville basse resteront fermées jusqu'à la fin du mois.",
]
OTHER_FRENCH = [
    "Le maire de Corvale a démissionné mercredi, après une réunion houleuse du conseil municipal.",
]


def _brief(*reports: tuple[str, list[str], str, str]) -> Briefing:
    articles = [
        make_article(id, paragraphs, published=date(2024, 4, 11), published_basis="metadata",
                     outlet=outlet, language=language)
        for id, paragraphs, outlet, language in reports
    ]  # fmt: skip
    return build_briefing(articles, settings=Settings.load())


def _of(briefing: Briefing, article: str) -> list[Claim]:
    return [c for c in briefing.claims if c.sources == [article]]


def test_a_french_statement_no_english_report_makes_is_a_claim_of_its_own() -> None:
    briefing = _brief(
        ("en", ENGLISH, "Coast Herald", "en"), ("fr", FRENCH, "Le Courrier du Port", "fr")
    )
    own = {c.text: c for c in _of(briefing, "fr")}
    resigned = own[FRENCH[1]]
    assert resigned.status == "single_source" and resigned.predicate == "démissionner"
    assert resigned.date == "2024-04-10"  # "mercredi" in a report of Thursday 11 April
    assert "no English report's sentence matches it" in (resigned.note or "")
    assert own[FRENCH[2]].mood == "future"  # "resteront fermées"
    # the flood sentence says what the English one says: never a claim of its own
    assert FRENCH[0] not in own
    for claim in briefing.claims:
        for c in claim.citations:
            assert claim.sources and c.article in claim.sources


def test_two_french_reports_stating_one_thing_corroborate_it() -> None:
    briefing = _brief(
        ("en", ENGLISH, "Coast Herald", "en"),
        ("fr", FRENCH, "Le Courrier du Port", "fr"),
        ("fr2", OTHER_FRENCH, "La Gazette de Corvale", "fr"),
    )
    (resigned,) = [c for c in briefing.claims if "démissionné" in c.text]
    assert resigned.status == "corroborated" and resigned.sources == ["fr", "fr2"]
    assert resigned.independent_sources == 2


def test_a_translation_of_an_english_report_states_nothing_of_its_own() -> None:
    # one outlet's English and French reports are one source: the French one says what
    # the English one says, and its sentences never become claims of their own
    briefing = _brief(("en", ENGLISH, "Coast Herald", "en"), ("fr", FRENCH, "Coast Herald", "fr"))
    assert _of(briefing, "fr") == []
