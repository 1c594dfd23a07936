"""Metadata found in the text itself: date lines such as "28 July, 2021".

Reports saved from the web often carry their publication date as a line of
its own under the headline. Only a line that is a full calendar date and
nothing more (beyond "Published", a weekday or a clock time) counts: a date
inside a sentence is the time stage's business, not the article's date.
"""

from __future__ import annotations

import re
from datetime import date

MONTHS = {
    name: number
    for number, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = r"(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?\.?,?\s+)?"
_PREFIX = r"(?:(?:published|posted|updated|last updated|first published|date)\s*(?:on|:)?\s*)?"
_TIME = (
    r"(?:\s*(?:,|at|-|\||–)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*[a-z]{2,5}(?:[+-]\d{1,2})?)?)?"
)

_DATE_LINE = [
    re.compile(rf"^{_PREFIX}{_WEEKDAY}{_DAY}\s+{_MONTH},?\s+{_YEAR}{_TIME}$", re.I),
    re.compile(rf"^{_PREFIX}{_WEEKDAY}{_MONTH}\s+{_DAY},?\s+{_YEAR}{_TIME}$", re.I),
    re.compile(
        rf"^{_PREFIX}(?P<year>\d{{4}})-(?P<mnum>\d{{1,2}})-(?P<day>\d{{1,2}})(?:[T ]\S*)?$", re.I
    ),
]


def parse_date_line(line: str) -> date | None:
    """The date a line states, if the line is a date and nothing more; else None.

    Impossible dates ("31 February 2021") give None rather than an error.
    """
    text = line.strip().strip("|").strip()
    if len(text) > 60:
        return None
    for pattern in _DATE_LINE:
        found = pattern.match(text)
        if not found:
            continue
        parts = found.groupdict()
        month = int(parts["mnum"]) if parts.get("mnum") else MONTHS[parts["month"].lower()]
        try:
            return date(int(parts["year"]), month, int(parts["day"]))
        except ValueError:
            return None
    return None


_ISO_PREFIX = re.compile(r"^\s*(\d{4})-(\d{2})-(\d{2})")


def parse_metadata_date(value: object) -> date | None:
    """A publication date given as metadata (ISO string, date line, or date); None if unusable."""
    if isinstance(value, date):
        return value
    if not isinstance(value, str) or not value.strip():
        return None
    iso = _ISO_PREFIX.match(value)
    if iso:
        try:
            return date(int(iso[1]), int(iso[2]), int(iso[3]))
        except ValueError:
            return None
    return parse_date_line(value)
