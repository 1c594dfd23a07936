"""End to end on the reference input, ../shared/corpora/daraa-2021 (never copied here)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import storyline
from storyline.ingest.text import fold
from storyline.model import Briefing
from storyline.sources.copies import overlap, shingles

pytestmark = pytest.mark.slow

FURNITURE = [
    "READ MORE",
    "Loading...",
    "(AFP Photo)",
    "[Getty]",
    "Reuters Archive",
    "In this file photo",
    "4 min read",
    "Live Story",
    "Route 6",
]


@pytest.fixture(scope="module")
def briefing(daraa_dir: Path) -> Briefing:
    return storyline.brief([daraa_dir], words=300)


def test_daraa_reads_all_five(briefing: Briefing) -> None:
    assert len(briefing.articles) == 5 and briefing.skipped == []


def test_daraa_no_furniture_survives(briefing: Briefing) -> None:
    for article in briefing.articles:
        for marker in FURNITURE:
            assert marker not in article.text, (article.id, marker)
        lines = [line for line in article.text.split("\n\n")]
        assert len({fold(line) for line in lines}) == len(lines), f"a line repeats in {article.id}"
        if article.title:
            assert lines[0] != article.title or article.title.endswith(".")


def test_daraa_pull_quote_and_repeated_caption_removed_but_paragraph_kept(
    briefing: Briefing,
) -> None:
    for article in briefing.articles:
        reasons = [r.reason for r in article.removed]
        if any(r.startswith("pull quote") for r in reasons):
            quote = next(r.text for r in article.removed if r.reason.startswith("pull quote"))
            assert article.text.count(quote) == 1  # still there once, inside its paragraph
    all_reasons = [r.reason for a in briefing.articles for r in a.removed]
    assert any(r.startswith("repeats line") and "caption" in r for r in all_reasons)
    assert "repeats the headline" in all_reasons


def test_daraa_published_date_from_the_date_line(briefing: Briefing) -> None:
    dated = [a for a in briefing.articles if a.published is not None]
    assert [(a.published, a.published_basis) for a in dated] == [(date(2021, 7, 28), "text")]
    assert all(a.published_basis == "unknown" for a in briefing.articles if a.published is None)


def test_daraa_every_citation_span_is_a_sentence_carrying_the_text(briefing: Briefing) -> None:
    texts = {a.id: a.text for a in briefing.articles}
    for item in briefing.summary:
        first = item.citations[0]
        assert texts[first.article][first.start : first.end] == item.text
        for c in item.citations[1:]:
            span = texts[c.article][c.start : c.end]
            assert overlap(shingles(span), shingles(item.text)) >= 0.6


def test_daraa_no_two_summary_sentences_are_copies(briefing: Briefing) -> None:
    sets = [shingles(item.text) for item in briefing.summary]
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            assert overlap(sets[i], sets[j]) < 0.6


def test_daraa_wire_copies_both_cited(briefing: Briefing) -> None:
    """Two of the five reports are one wire story; a wire sentence cites both copies."""
    pairs = [frozenset(c.article for c in item.citations) for item in briefing.summary]
    multi = [p for p in pairs if len(p) > 1]
    assert multi, "no summary sentence cites more than one article"
    assert len(set(multi)) == 1 and len(multi[0]) == 2  # always the same pair: the wire copies


def test_daraa_summary_within_budget_and_from_several_reports(briefing: Briefing) -> None:
    assert sum(len(item.text.split()) for item in briefing.summary) <= 300
    assert len({c.article for item in briefing.summary for c in item.citations}) >= 4
