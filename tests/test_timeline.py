"""The timeline: dated entries in date order, one per date, each citing real spans."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.api import timeline_for_articles
from storyline.dates.datings import date_key
from storyline.model import Article, TimelineEntry
from tests.conftest import make_article

pytestmark = pytest.mark.slow

A = make_article(
    "a",
    [
        "Police fired tear gas at protesters in the capital on Tuesday, witnesses said.",
        "The protests began in March after the government raised fuel prices.",
        "The ruling party has held power since 2009, and a deal in 2015 was never applied.",
        "The same party won the 2016 election by a wide margin.",
    ],
    published=date(2024, 5, 8),
    published_basis="metadata",
)
B = make_article(
    "b",
    [
        "Two people were injured on Tuesday, hospital staff reported.",
        "Parliament will debate the fuel law on Friday.",
        "Demonstrations first erupted in the country in 2011.",
    ],
    published=date(2024, 5, 9),
    published_basis="metadata",
)


def entries(*articles: Article, **kw: int) -> list[TimelineEntry]:
    return timeline_for_articles(list(articles), **kw)


def test_entries_are_in_date_order_one_per_date() -> None:
    found = entries(A, B, per_date=2)
    dates = [(e.date, e.granularity) for e in found]
    assert dates == [
        ("2011", "year"),
        ("2015", "year"),
        ("2024-03", "month"),
        ("2024-05-07", "day"),
        ("2024-05-10", "day"),
    ]


def test_an_entry_draws_on_several_sources_and_cites_each_span() -> None:
    texts = {"a": A.text, "b": B.text}
    tuesday = next(e for e in entries(A, B, per_date=2) if e.date == "2024-05-07")
    assert tuesday.sources == ["a", "b"]
    assert {c.article for c in tuesday.citations} == {"a", "b"}
    for c in tuesday.citations:
        assert texts[c.article][c.start : c.end] in tuesday.text
    assert tuesday.basis == "relative"


def test_bounds_and_labels_are_not_happenings() -> None:
    found = {e.date: e for e in entries(A, B)}
    assert "2009" not in found  # "since 2009" bounds, it does not place
    assert "2016" not in found  # "the 2016 election" names an election
    assert found["2015"].basis == "stated"


def test_max_dates_keeps_the_dates_most_reports_refer_to() -> None:
    found = entries(A, B, max_dates=1)
    assert [e.date for e in found] == ["2024-05-07"]


def test_per_date_one_gives_one_sentence_and_keeps_the_others_as_related() -> None:
    tuesday = next(e for e in entries(A, B, per_date=1) if e.date == "2024-05-07")
    cited = {c.article for c in tuesday.citations}
    assert len(cited) == 1
    assert {c.article for c in tuesday.related} == {"a", "b"} - cited


def test_undated_cluster_has_no_timeline_of_relative_dates() -> None:
    undated = make_article("u", ["Police fired tear gas on Tuesday.", "Talks failed in 2019."])
    assert [e.date for e in entries(undated)] == ["2019"]


def test_date_key() -> None:
    assert date_key("2021-07-27TNI") is not None
    assert date_key("2021-07-27TNI").value == "2021-07-27"  # type: ignore[union-attr]
    assert date_key("2021-W29") is None
    assert date_key("XXXX-06-25") is None
    assert date_key("2021-02-31") is None


@pytest.mark.slow
def test_a_dateline_dates_its_report_and_is_never_timeline_text() -> None:
    from storyline.ingest.readers import read_text

    report = read_text(
        b"Port talks stall\n\nPORT KESSEL, March 14 (WAG) - Dock workers walked out on "
        b"Wednesday after talks on pay broke down.\n\nThe port authority called the "
        b"stoppage unlawful.\n",
        id="wire",
        source="wire.txt",
    )
    assert report.dateline is not None and report.dateline.place == "PORT KESSEL"
    assert report.text.startswith("Dock workers walked out")
    assert any(r.reason == "dateline" for r in report.removed)
    dated = make_article(
        "dated", ["Dock workers in Port Kessel voted for a strike on Tuesday."],
        published=date(2024, 3, 13), published_basis="metadata",
    )  # fmt: skip
    from tests.conftest import run_stages

    done = run_stages([dated, report], "dated", "timeline")
    wire = next(p.article for p in done.dated or [] if p.article.id == "wire")
    assert wire.published == date(2024, 3, 14) and "dateline" in (wire.published_note or "")
    entries = done.timeline or []
    assert entries and not any("PORT KESSEL" in e.text or "WAG" in e.text for e in entries)
    assert "2024-03-13" in {e.date for e in entries}  # "on Wednesday" from 14 March


def test_the_lead_of_a_days_reports_can_tell_that_day() -> None:
    day = date(2024, 3, 14)
    walkout = [
        make_article(
            f"r{n}",
            [lead, "The port authority called the stoppage unlawful on Thursday."],
            published=day,
            published_basis="metadata",
        )
        for n, lead in enumerate(
            [
                "Dock workers walked out in Port Kessel, halting cargo traffic at the harbour.",
                "Cargo traffic at the Port Kessel harbour halted as dock workers walked out.",
            ]
        )
    ]
    other = make_article(
        "other",
        ["On March 2, the harbour master retired after thirty years.", "Ships waited."],
        published=day,
        published_basis="metadata",
    )
    found = {e.date: e for e in entries(*walkout, other, per_date=2)}
    entry = found["2024-03-14"]
    assert "walked out" in entry.text and entry.basis in ("inferred", "relative")
    # a lead that dates something else is no lead for this day
    assert "harbour master" not in entry.text
    assert "harbour master" in found["2024-03-02"].text
