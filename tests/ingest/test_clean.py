from __future__ import annotations

import pytest

from storyline.ingest.clean import Unit, clean_units, is_heading


def units(*lines: str) -> list[Unit]:
    return [Unit(n, text) for n, text in enumerate(lines, 1)]


BODY = [
    "The old bridge will close to lorries after engineers found cracks, the council said.",
    "Repairs are expected to take until the spring, the council said in a statement.",
]


def reasons(cleaned) -> dict[str, str]:
    return {r.text: r.reason for r in cleaned.removed}


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ("READ MORE: Bridge closures across the county", "teaser link"),
        ("Related: Why bridges crack", "teaser link"),
        ("Loading...", "loading placeholder"),
        ("4 min read", "reading time"),
        ("Reading time: 6 minutes", "reading time"),
        ("Live Story", "page label"),
        ("Advertisement", "page label"),
        ("Reuters Archive", "photo credit"),
        ("(AFP Photo)", "photo credit"),
        ("Getty Images", "photo credit"),
        ("© 2023 County Herald", "copyright line"),
        ("Reporting by Ann Smith; Editing by Bo Lee", "agency credit line"),
        ("14 March, 2023", "date line"),
    ],
)
def test_clean_removes_furniture_line(line: str, reason: str) -> None:
    cleaned = clean_units(units(BODY[0], line, BODY[1]))
    assert reasons(cleaned) == {line: reason}
    assert [p.text for p in cleaned.paragraphs] == BODY


@pytest.mark.parametrize(
    "caption",
    [
        "In this file photo taken on May 2, 2019, lorries cross the old bridge. (AFP Photo)",
        "Lorries queue at the old bridge on Thursday [Getty]",
        "Engineers inspect the cracks (Photo: County Herald)",
    ],
)
def test_clean_removes_captions(caption: str) -> None:
    cleaned = clean_units(units(caption, *BODY))
    assert reasons(cleaned)[caption].startswith("photo caption")


def test_clean_credit_under_a_reported_paragraph_keeps_the_paragraph() -> None:
    reported = "Repairs will take until spring, the council said on Friday."
    cleaned = clean_units(units(reported, "Getty Images", *BODY))
    assert reasons(cleaned) == {"Getty Images": "photo credit"}


def test_clean_caption_above_credit_and_its_repeat() -> None:
    caption = "Lorries cross the old bridge in the city of Exton, May 2, 2019."
    cleaned = clean_units(units(BODY[0], caption, "Reuters Archive", caption, BODY[1]))
    got = reasons(cleaned)
    assert got["Reuters Archive"] == "photo credit"
    assert [r.line for r in cleaned.removed] == [2, 3, 4]
    assert cleaned.removed[0].reason == "photo caption (above a credit line)"
    assert cleaned.removed[2].reason == "repeats line 2, a photo caption (above a credit line)"
    assert [p.text for p in cleaned.paragraphs] == BODY


def test_clean_removes_repeated_headline_and_standfirst() -> None:
    title = "Old bridge closed to lorries"
    standfirst = "Engineers found cracks in the 200-year-old structure last month."
    cleaned = clean_units(units(title, standfirst, BODY[0], standfirst, BODY[1]), title=title)
    assert reasons(cleaned) == {title: "repeats the headline", standfirst: "repeats line 2"}
    assert [p.text for p in cleaned.paragraphs] == [standfirst, *BODY]


def test_clean_removes_pull_quote_kept_in_a_later_paragraph() -> None:
    quote = "We cannot wait another winter for this bridge"
    para = f'"{quote}," said Dana Price, who runs a bakery on the far bank.'
    cleaned = clean_units(units(BODY[0], quote, BODY[1], para))
    assert reasons(cleaned) == {quote: "pull quote repeating line 4"}


def test_clean_navigation_after_the_report_but_keeps_subheadings() -> None:
    cleaned = clean_units(units(BODY[0], "What happens next", BODY[1], "Route 6", "Bridges"))
    assert reasons(cleaned) == {
        "Route 6": "navigation or tags after the report",
        "Bridges": "navigation or tags after the report",
    }
    assert "What happens next" in [p.text for p in cleaned.paragraphs]


def test_clean_section_label_before_the_report() -> None:
    cleaned = clean_units(units("Local news", *BODY))
    assert reasons(cleaned) == {"Local news": "section label before the report"}


def test_clean_keeps_the_first_date_line() -> None:
    cleaned = clean_units(units("Published 14 March 2023", *BODY))
    assert cleaned.dated is not None and cleaned.dated.isoformat() == "2023-03-14"
    assert cleaned.dated_line == 1


def test_clean_keeps_prose_that_mentions_furniture_words() -> None:
    prose = "Read more about the repairs in the council's report, published on Friday."
    cleaned = clean_units(units(BODY[0], prose))
    assert cleaned.removed == []


def test_is_heading() -> None:
    assert is_heading("Amnesty urges council to act")
    assert not is_heading("The council acted.")
