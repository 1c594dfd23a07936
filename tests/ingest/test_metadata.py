from __future__ import annotations

from datetime import date

import pytest

from storyline.ingest.metadata import parse_date_line, parse_metadata_date, split_dateline


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("28 July, 2021", date(2021, 7, 28)),
        ("July 28, 2021", date(2021, 7, 28)),
        ("Wednesday 28 July 2021", date(2021, 7, 28)),
        ("Published: 3 Sept 2020 10:32 GMT", date(2020, 9, 3)),
        ("Updated on Jan. 5, 2022", date(2022, 1, 5)),
        ("2019-11-02", date(2019, 11, 2)),
        # the date line of a report in French, Spanish or German
        ("12 mars 2024", date(2024, 3, 12)),
        ("Publié le mardi 1er août 2023", date(2023, 8, 1)),
        ("12 de marzo de 2024", date(2024, 3, 12)),
        ("Dienstag, 12. März 2024", date(2024, 3, 12)),
    ],
)
def test_parse_date_line_reads_date_lines(line: str, expected: date) -> None:
    assert parse_date_line(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "31 February 2021",  # impossible
        "28 July, 20201",  # year out of range
        "The siege began on 28 July, 2021.",  # a date inside a sentence
        "July 2021",  # no day
        "Le 12 mars 2024, la police a tiré.",  # a sentence, in French
        "",
    ],
)
def test_parse_date_line_rejects_non_dates(line: str) -> None:
    assert parse_date_line(line) is None


def test_parse_metadata_date() -> None:
    assert parse_metadata_date("2021-07-28T10:00:00+03:00") == date(2021, 7, 28)
    assert parse_metadata_date("2021-02-30") is None
    assert parse_metadata_date(None) is None
    assert parse_metadata_date(12) is None


@pytest.mark.parametrize(
    ("paragraph", "place", "month", "day", "year", "outlet", "first"),
    [
        ("PORT KESSEL, March 14 (WAG) - The port authority said ...", "PORT KESSEL", 3, 14, None,
         "WAG", "The port"),
        ("HARLOW (Northern Wire) - Prices rose ...", "HARLOW", None, None, None,
         "Northern Wire", "Prices"),
        ("DUNMERE, Varnia, May 3, 2024 — Fighting broke out ...", "DUNMERE", 5, 3, 2024, None,
         "Fighting"),
        ("Kessel, 26 Jun (Varno Press) Army units took the hill ...", "Kessel", 6, 26, None,
         "Varno Press", "Army"),
        ("OSTRAVA, Tuesday, March 5 -- Police arrested two men ...", "OSTRAVA", 3, 5, None, None,
         "Police"),
    ],
)  # fmt: skip
def test_split_dateline_reads_where_and_when_a_report_was_filed(
    paragraph: str, place: str, month: int | None, day: int | None, year: int | None,
    outlet: str | None, first: str,
) -> None:  # fmt: skip
    found = split_dateline(paragraph)
    assert found is not None
    dateline, end = found
    assert (dateline.place, dateline.month, dateline.day, dateline.year, dateline.outlet) == (
        place, month, day, year, outlet,
    )  # fmt: skip
    assert paragraph[end:].startswith(first)


@pytest.mark.parametrize(
    "paragraph",
    [
        "NATO - The alliance met in Harlow.",
        "KESSEL — Police arrested two men.",  # no date, agency or region: not sure enough
        "Police in Varno, March 3, said two men were held.",
        "The council said on Monday that the port was closed.",
        "UNICEF, the children's agency, said ...",
    ],
)
def test_split_dateline_leaves_sentences_alone(paragraph: str) -> None:
    assert split_dateline(paragraph) is None
