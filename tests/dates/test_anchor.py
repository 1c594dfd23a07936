"""Publication dates inferred from the article and the cluster, and date warnings."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.registry import Results
from tests.conftest import make_article, run_stages

pytestmark = pytest.mark.slow

DATED = make_article(
    "dated",
    ["Forces shelled the town on Tuesday, residents said."],
    published=date(2021, 7, 28),
    published_basis="text",
)


def run(*articles) -> Results:  # type: ignore[no-untyped-def]
    return run_stages(list(articles), "dated", "time_expressions", "date_issues")


def test_past_date_in_the_text_bounds_an_undated_report_from_below() -> None:
    undated = make_article("later", ["On July 29, forces launched a ground operation in the town."])
    result = run(DATED, undated)
    article = result.dated[1].article
    assert article.published_basis == "inferred"
    assert article.published == date(2021, 7, 29)
    assert article.published_range is not None
    assert article.published_range.earliest == date(2021, 7, 29)
    assert article.published_range.latest is None
    [evidence] = article.published_evidence
    assert article.text[evidence.start : evidence.end] == "July 29"
    assert "dated" in (article.published_note or "")


def test_no_evidence_of_its_own_takes_the_clusters_date_and_says_so() -> None:
    undated = make_article("plain", ["Forces shelled the town again, residents said."])
    article = run(DATED, undated).dated[1].article
    assert (article.published, article.published_basis) == (date(2021, 7, 28), "inferred")
    assert article.published_range is None
    assert "no date in its own text" in (article.published_note or "")


def test_without_a_dated_report_nothing_is_guessed() -> None:
    undated = make_article("alone", ["Forces shelled the town on Tuesday and on June 25."])
    result = run(undated)
    article = result.dated[0].article
    assert (article.published, article.published_basis) == (None, "unknown")
    values = {e.text: e.value for e in result.time_expressions}
    assert values == {"Tuesday": "XXXX-WXX-2", "June 25": "XXXX-06-25"}


def test_stated_dates_are_never_changed() -> None:
    result = run(DATED)
    assert result.dated[0].article == DATED


def test_weekday_mismatch_is_flagged_and_the_year_is_not_moved() -> None:
    # in the cluster's year (2021) 19 August is a Thursday; in 2020 it was a Wednesday
    undated = make_article("odd", ["Civilians faced airstrikes on Wednesday, 19 August."])
    result = run(DATED, undated)
    [issue] = result.date_issues
    assert issue.kind == "weekday_mismatch"
    assert issue.text == "Wednesday, 19 August"
    assert issue.value == "2021-08-19"
    assert "Thursday" in issue.note
    assert result.dated[1].article.text[issue.start : issue.end] == issue.text
    [expr] = result.time_expressions[1:]
    assert expr.value == "2021-08-19"


def test_impossible_and_after_publication_dates_are_flagged() -> None:
    article = make_article(
        "bad",
        ["The deal was signed on 31 February.", "Fighting broke out on July 30."],
        published=date(2021, 7, 28),
        published_basis="metadata",
    )
    kinds = {i.text: i.kind for i in run(article).date_issues}
    assert kinds == {"31 February": "impossible_date", "July 30": "after_publication"}


def test_inferred_anchor_is_marked_on_the_expressions() -> None:
    undated = make_article("later", ["On July 29, forces attacked. They withdrew on Friday."])
    result = run(DATED, undated)
    friday = next(e for e in result.time_expressions if e.text == "Friday")
    assert friday.anchor_basis == "inferred"
    assert friday.value == "2021-07-23"  # the Friday before 29 July 2021 (a Thursday)


WIRE = [
    "Harbour workers in Port Kessel walked off the job after talks on pay broke down, "
    "leaving dozens of cargo ships waiting at anchor outside the breakwater.",
    "The port authority said it would seek a court order to end the stoppage, which it "
    "called unlawful and damaging to the region's exporters.",
    "Union leaders said members had voted overwhelmingly for the action and would stay "
    "out until the authority returned to the table with a better offer.",
    "Fishing crews who share the quays said they had been told to keep clear of the "
    "container terminal while the dispute lasted.",
]


def test_copies_of_one_wire_story_are_dated_together_from_all_their_evidence() -> None:
    dated = make_article(
        "dated", ["Dock workers rallied in Port Kessel on Tuesday."],
        published=date(2024, 3, 13), published_basis="metadata",
    )  # fmt: skip
    cut = make_article("cut", WIRE)
    updated = make_article("updated", [*WIRE, "On March 15, the authority made a new offer."])
    result = run(dated, cut, updated)
    by_id = {p.article.id: p.article for p in result.dated}
    assert by_id["updated"].published == date(2024, 3, 15)
    # the cut copy says nothing of 15 March itself, but it is the same wire story
    assert by_id["cut"].published == date(2024, 3, 15)
    assert "copies of one wire story" in (by_id["cut"].published_note or "")
    [evidence] = by_id["cut"].published_evidence
    assert evidence.article == "updated"


def test_copies_whose_own_dates_differ_are_a_date_discrepancy() -> None:
    early = make_article("early", WIRE, published=date(2024, 3, 12), published_basis="metadata")
    late = make_article("late", WIRE, published=date(2024, 3, 19), published_basis="metadata")
    close = make_article("close", WIRE, published=date(2024, 3, 13), published_basis="metadata")
    issues = run(early, late, close).date_issues or []
    assert [(i.article, i.kind, i.value) for i in issues] == [
        ("late", "copies_disagree", "2024-03-19")
    ]
    assert "early" in issues[0].note
