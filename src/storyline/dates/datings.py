"""Which sentences date something, and to what: the dates each sentence places a happening at.

Computed once by the dates stage (`Datings`) for the stages that need a
sentence's date (sources, events, timeline). Dates that bound rather than
place ("since 2018", "until June"), years in citations ("resolution 2254
(2015)") and years used as labels ("the 2018 deal") are left out: they say
when something else did not happen.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from storyline.model import DateKey, Dating, Datings, ParsedArticle, TimeExpression
from storyline.text import SentenceIndex

_BOUNDARY = re.compile(r"\b(?:since|until|till|by|before|after|from|through|between)\s+$", re.I)
_YEAR_PLACE = re.compile(r"(?:\b(?:in|during|of|on|around|circa)\s+|^\W*)$", re.I)
_ATTRIBUTION = re.compile(
    r"\b(?:said|says|told|stated|announced|reported|added|confirmed|claimed)"
    r"(?:\s+(?:on|late|early|in|a\s+statement|in\s+a\s+statement))*\s+$",
    re.I,
)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})(?:-WE)?$")
Basis = Literal["stated", "relative", "inferred"]

__all__ = ["Basis", "DateKey", "Dating", "Datings", "date_key", "datings"]


def date_key(value: str, weeks: bool = False) -> DateKey | None:
    """The calendar date a TIMEX3 value names, at day, month or year granularity (and, with
    `weeks`, ISO weeks such as "2021-W29" from "last week", keyed by their Monday)."""
    try:
        if weeks and (m := _WEEK.match(value)):
            d = date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return DateKey(value=value, granularity="week", first_day=d)
        if m := _DAY.match(value):
            d = date(int(m[1]), int(m[2]), int(m[3]))
            return DateKey(value=d.isoformat(), granularity="day", first_day=d)
        if m := _MONTH.match(value):
            return DateKey(
                value=value, granularity="month", first_day=date(int(m[1]), int(m[2]), 1)
            )
        if m := _YEAR.match(value):
            return DateKey(value=value, granularity="year", first_day=date(int(m[1]), 1, 1))
    except ValueError:
        return None
    return None


def _basis(expression: TimeExpression) -> Basis:
    if expression.anchor is None:
        return "stated"
    return "inferred" if expression.anchor_basis == "inferred" else "relative"


def _places_in_time(text: str, e: TimeExpression) -> bool:
    """Whether the expression says when something happened, not a bound or a label."""
    before = text[max(0, e.start - 12) : e.start]
    if _BOUNDARY.search(before):
        return False
    if _YEAR.match(e.value) and re.fullmatch(r"\d{4}", e.text):
        after = text[e.end : e.end + 1]
        return bool(_YEAR_PLACE.search(before)) and after != ")"
    return True


def datings(parsed: list[ParsedArticle], expressions: list[TimeExpression]) -> Datings:
    """Each (sentence, date) pair where the sentence places something at the date, with and
    without ISO weeks."""
    return Datings(
        plain=_datings(parsed, expressions, weeks=False),
        with_weeks=_datings(parsed, expressions, weeks=True),
    )


def _datings(
    parsed: list[ParsedArticle], expressions: list[TimeExpression], weeks: bool
) -> list[Dating]:
    by_article = {p.article.id: p for p in parsed}
    index = {a: SentenceIndex(p) for a, p in by_article.items()}
    seen: set[tuple[str, int, str]] = set()
    found: list[Dating] = []
    for e in expressions:
        if e.type not in ("DATE", "TIME"):
            continue
        key = date_key(e.value, weeks)
        p = by_article.get(e.article)
        if key is None or p is None or not _places_in_time(p.article.text, e):
            continue
        sentence = index[e.article].at(e.start)
        if sentence is None or sentence.heading or e.end > sentence.end:
            continue
        if (e.article, sentence.index, key.value) in seen:
            continue
        seen.add((e.article, sentence.index, key.value))
        attribution = bool(_ATTRIBUTION.search(p.article.text[max(0, e.start - 30) : e.start]))
        found.append(
            Dating(
                sentence=sentence, key=key, basis=_basis(e), attribution=attribution, start=e.start
            )
        )
    # "killed on Monday, the office said on Tuesday": the sentence is about Monday
    dated = {(d.sentence.article, d.sentence.index) for d in found if not d.attribution}
    return [
        d for d in found if not (d.attribution and (d.sentence.article, d.sentence.index) in dated)
    ]
