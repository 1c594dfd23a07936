"""Metadata found in the text itself: date lines such as "28 July, 2021".

Reports saved from the web often carry their publication date as a line of
its own under the headline. Only a line that is a full calendar date and
nothing more (beyond "Published", a weekday or a clock time) counts: a date
inside a sentence is the time stage's business, not the article's date.
"""

from __future__ import annotations

import re
from datetime import date

from storyline.model import Dateline

# English, then French, Spanish and German: a date line of a report in another language
# ("12 mars 2024", "12 de marzo de 2024", "12. März 2024") still dates the report.
_MONTH_NAMES = [
    ("january", "jan", "janvier", "janv", "enero", "januar"),
    ("february", "feb", "février", "fevrier", "févr", "febrero", "februar"),
    ("march", "mar", "mars", "marzo", "märz", "maerz"),
    ("april", "apr", "avril", "avr", "abril"),
    ("may", "mai", "mayo"),
    ("june", "jun", "juin", "junio", "juni"),
    ("july", "jul", "juillet", "juil", "julio", "juli"),
    ("august", "aug", "août", "aout", "agosto"),
    ("september", "sep", "sept", "septembre", "septiembre", "setiembre"),
    ("october", "oct", "octobre", "octubre", "oktober", "okt"),
    ("november", "nov", "novembre", "noviembre"),
    ("december", "dec", "décembre", "decembre", "déc", "diciembre", "dezember", "dez"),
]
MONTHS = {name: number for number, names in enumerate(_MONTH_NAMES, start=1) for name in names}

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th|er|\.)?"
_OF = r"(?:\s+de)?"  # Spanish "12 de marzo de 2024"
_YEAR = r"(?P<year>\d{4})"
_WEEKDAY = (
    r"(?:(?:(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?"
    r"|lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
    r"|lunes|martes|miércoles|miercoles|jueves|viernes|sábado|sabado|domingo"
    r"|montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)\.?,?\s+)?"
)
_PREFIX = (
    r"(?:(?:published|posted|updated|last updated|first published|date"
    r"|publié|publie|mis à jour|publicado|veröffentlicht)\s*(?:on|le|el|am|:)?\s*)?"
)
_TIME = (
    r"(?:\s*(?:,|at|-|\||–)?\s*\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?"
    r"(?:\s*[a-z]{2,5}(?:[+-]\d{1,2})?)?)?"
)

_DATE_LINE = [
    re.compile(rf"^{_PREFIX}{_WEEKDAY}{_DAY}{_OF}\s+{_MONTH},?{_OF}\s+{_YEAR}{_TIME}$", re.I),
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


# ---------------------------------------------------------------- news datelines

# "PORT KESSEL, March 14 (WAG) -", "LONDON (Reuters) -", "BEIRUT, Lebanon, May 3, 2024 —",
# "Damascus, 26 Jun (Prensa Latina)": where and when the report was filed, before its
# first sentence. A place (in capitals, or named, with its region) and at least one of a
# date, an agency in brackets or a region; then a dash, the agency, or a full date.
_MONTHS = "|".join(sorted(MONTHS, key=len, reverse=True))
_CAPS_PLACE = r"[A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,3}"
_NAME_PLACE = r"[A-Z][a-z'’.\-]+(?:\s+[A-Z][a-z'’.\-]+){0,2}"
_REGION = (
    rf"(?:,\s*(?!(?i:{_MONTHS}|mon|tue|wed|thu|fri|sat|sun)\w*\b)"
    r"(?P<region>[A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2}))?"
)
_LINE_DATE = (
    rf"(?:,\s*(?i:{_WEEKDAY})(?:(?P<month>(?i:{_MONTHS}))\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?"
    rf"|(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>(?i:{_MONTHS}))\.?)"
    rf"(?:,?\s+(?P<year>\d{{4}}))?)?"
)
_AGENCY_TAG = r"(?:\s*\((?P<outlet>[A-Z][^()\n]{0,30})\))?"
_DASH = r"(?P<dash>\s*(?:-{1,2}|–|—)\s+)?"
_DATELINE = [
    re.compile(rf"^(?P<place>{_CAPS_PLACE}){_REGION}{_LINE_DATE}{_AGENCY_TAG}{_DASH}"),
    re.compile(rf"^(?P<place>{_NAME_PLACE}){_REGION}{_LINE_DATE}{_AGENCY_TAG}{_DASH}"),
]


def split_dateline(paragraph: str) -> tuple[Dateline, int] | None:
    """The dateline a report's first paragraph opens with, if any, and where the report's
    first sentence starts after it."""
    for n, pattern in enumerate(_DATELINE):
        found = pattern.match(paragraph)
        if not found:
            continue
        parts = found.groupdict()
        month_name = parts.get("month") or parts.get("month2")
        day_text = parts.get("day") or parts.get("day2")
        has_date = month_name is not None and day_text is not None
        if not (has_date or parts.get("outlet") or parts.get("region")):
            continue  # "NATO - the alliance ...": a word in capitals and a dash
        if not (parts.get("dash") or parts.get("outlet") or parts.get("year")):
            continue  # a place and a date run into the sentence only with a full date
        if n == 1 and not (has_date and parts.get("outlet")):
            continue  # a place not in capitals: only with its date and agency
        month = MONTHS[month_name.lower()] if month_name else None
        day = int(day_text) if day_text else None
        year = int(parts["year"]) if parts.get("year") else None
        if day is not None and month is not None:
            try:
                date(year or 2000, month, day)
            except ValueError:
                continue
        rest = paragraph[found.end() :]
        if not rest.strip() or not rest.lstrip()[:1].isupper():
            continue  # the report's first sentence must follow
        dateline = Dateline(
            text=found.group(0).strip().rstrip("-–—").strip(),
            place=parts["place"].strip(),
            month=month,
            day=day,
            year=year,
            outlet=parts.get("outlet") or None,
        )
        return dateline, found.end() + (len(rest) - len(rest.lstrip()))
    return None
