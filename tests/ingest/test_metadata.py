from __future__ import annotations

from datetime import date

import pytest

from storyline.ingest.metadata import parse_date_line, parse_metadata_date


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("28 July, 2021", date(2021, 7, 28)),
        ("July 28, 2021", date(2021, 7, 28)),
        ("Wednesday 28 July 2021", date(2021, 7, 28)),
        ("Published: 3 Sept 2020 10:32 GMT", date(2020, 9, 3)),
        ("Updated on Jan. 5, 2022", date(2022, 1, 5)),
        ("2019-11-02", date(2019, 11, 2)),
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
