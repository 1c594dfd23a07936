"""Turn a grammar Spec into a TIMEX3 value, given the article's date and the clause's tense.

The rules news needs (anchor = the article's publication date):
- a bare weekday, "yesterday", "last night" point back from the anchor in past
  reporting and forward in future tense; in the present, the nearest one;
- "last week" is the previous ISO week, "earlier this week" the anchor's week;
- a year-less date or month takes the year that puts it nearest the anchor
  on the side the tense points to; a stated year is never changed;
- with no anchor, unknown parts stay X (`XXXX-06-25`) rather than guessed.
Calendar arithmetic is Python's `datetime` and `calendar`.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

from storyline.dates.grammar import UNITS, Spec
from storyline.model import Tense, TimexType

SLIP_DAYS = 90


@dataclass(frozen=True)
class Resolved:
    type: TimexType
    value: str
    mod: str | None = None
    day: date | None = None  # the calendar day it names, when it names one
    uses_anchor: bool = False  # resolved against the article's date
    stated_weekday: int | None = None  # a weekday the text states beside a date


def day_value(d: date) -> str:
    return d.isoformat()


def valid_day(year: int, month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= calendar.monthrange(year, month)[1]


def _pick_year(month: int, day: int | None, anchor: date, tense: Tense | None) -> int:
    """The year near the anchor that a year-less month (and day) most likely means."""
    candidates = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        d = min(day or 1, calendar.monthrange(year, month)[1])
        candidates.append((year, date(year, month, d)))
    ref = anchor if day else anchor.replace(day=1)
    nearest = min(candidates, key=lambda c: (abs((c[1] - ref).days), c[1] > ref))
    if tense == "past":
        past = max((c for c in candidates if c[1] <= ref), key=lambda c: c[1])
        # a past-tense date weeks after the report is nearly always this year's: the
        # tense belongs to the verb, the date often to a noun ("were invited to a
        # ceremony on March 12"); a report that contradicts itself is flagged
        if 0 < (nearest[1] - ref).days <= SLIP_DAYS:
            return nearest[0]
        return past[0]
    if tense == "future":
        future = [c for c in candidates if c[1] >= ref]
        return min(future, key=lambda c: c[1])[0]
    return nearest[0]


def _weekday_date(anchor: date, weekday: int, tense: Tense | None, shift: float | None) -> date:
    """The date of a named weekday as seen from the anchor."""
    delta = weekday - anchor.isoweekday()
    if shift == 0:  # "this Tuesday": in the anchor's week
        return anchor + timedelta(days=delta)
    if shift is not None and shift < 0:  # "last Tuesday": the one before, never the anchor
        back = (anchor.isoweekday() - weekday) % 7 or 7
        return anchor - timedelta(days=back)
    if shift is not None and shift > 0:
        forward = (weekday - anchor.isoweekday()) % 7 or 7
        return anchor + timedelta(days=forward)
    back = (anchor.isoweekday() - weekday) % 7
    forward = (weekday - anchor.isoweekday()) % 7
    if tense == "future":
        return anchor + timedelta(days=forward)
    if tense == "present" and forward < back:
        return anchor + timedelta(days=forward)
    return anchor - timedelta(days=back)


def _part(value: str, part: str | None) -> str:
    return f"{value}T{part}" if part else value


def _kind(part: str | None) -> TimexType:
    """A part of a day is a TIME in TimeML: "last night" is 2021-07-27TNI."""
    return "TIME" if part else "DATE"


def _week(d: date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year}-W{week:02d}"


def _period_value(unit: str, d: date) -> str:
    if unit == "day":
        return d.isoformat()
    if unit == "week":
        return _week(d)
    if unit == "weekend":
        return _week(d) + "-WE"
    if unit == "month":
        return f"{d.year:04d}-{d.month:02d}"
    if unit == "quarter":
        return f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}"
    if unit == "decade":
        return f"{d.year // 10:03d}"
    if unit == "century":
        return f"{d.year // 100:02d}"
    return f"{d.year:04d}"


def add_months(d: date, months: int) -> date:
    """d moved by whole months, the day clipped to the month's length (31 Jan + 1 = 29 Feb)."""
    index = d.year * 12 + d.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(d.day, calendar.monthrange(year, month + 1)[1]))


def _shift(d: date, unit: str, n: float) -> date:
    k = int(n)
    if unit in ("day",):
        return d + timedelta(days=k)
    if unit in ("week", "weekend", "fortnight"):
        return d + timedelta(weeks=k * (2 if unit == "fortnight" else 1))
    if unit == "month":
        return add_months(d, k)
    if unit == "quarter":
        return add_months(d, 3 * k)
    if unit == "decade":
        return add_months(d, 120 * k)
    if unit == "century":
        return add_months(d, 1200 * k)
    return add_months(d, 12 * k)


def duration_value(unit: str, n: float | None) -> str:
    letter = UNITS.get(unit, "Y")
    time = unit in ("hour", "minute", "second")
    if unit == "fortnight":
        n = None if n is None else n * 2
    amount = "X" if n is None else (str(int(n)) if float(n).is_integer() else str(n))
    if unit == "decade":
        letter = "DE"
    if unit == "century":
        letter = "CE"
    if unit == "quarter":
        letter, amount = "M", "X" if n is None else str(int(n * 3))
    return f"{'PT' if time else 'P'}{amount}{letter}"


def resolve(
    spec: Spec, anchor: date | None, tense: Tense | None, reference: date | None
) -> Resolved | None:
    """The TIMEX3 type and value of a spec; None when it names no real date."""
    try:
        return _resolve(spec, anchor, tense, reference)
    except (ValueError, OverflowError):
        return None  # "7,000 years ago" and the like: before the calendar datetime keeps


def _resolve(
    spec: Spec, anchor: date | None, tense: Tense | None, reference: date | None
) -> Resolved | None:
    kind = spec.kind
    if kind == "date":
        return _resolve_date(spec, anchor, tense)
    if kind == "weekday":
        if spec.unit == "weekend":
            if anchor is None:
                return Resolved("DATE", "XXXX-WXX-WE")
            n = spec.n if spec.n is not None else (1 if tense == "future" else -1)
            d = anchor if n == 0 else anchor + timedelta(weeks=1 if n > 0 else -1)
            if n < 0 and anchor.isoweekday() >= 6:
                d = anchor
            return Resolved("DATE", _week(d) + "-WE", uses_anchor=True)
        assert spec.weekday is not None
        if anchor is None:
            return Resolved(
                _kind(spec.part), _part(f"XXXX-WXX-{spec.weekday}", spec.part), spec.mod
            )
        if spec.possessive and tense == "future":
            tense = "present"  # "would investigate Monday's protest": the nearest Monday
        d = _weekday_date(anchor, spec.weekday, tense, spec.n)
        return Resolved(
            _kind(spec.part), _part(d.isoformat(), spec.part), spec.mod, day=d, uses_anchor=True
        )
    if kind == "offset":
        unit = spec.unit or "day"
        if anchor is None:
            if unit == "day" and spec.n == 0:
                return Resolved(_kind(spec.part), _part("PRESENT_REF", spec.part))
            return Resolved("DATE", "PAST_REF" if (spec.n or 0) < 0 else "FUTURE_REF")
        d = _shift(anchor, unit, spec.n or 0)
        value = _period_value(unit, d)
        if unit == "day":
            return Resolved(
                _kind(spec.part), _part(value, spec.part), spec.mod, day=d, uses_anchor=True
            )
        return Resolved("DATE", value, spec.mod, uses_anchor=True)
    if kind == "period":
        if anchor is None:
            return Resolved("DATE", "PRESENT_REF")
        return Resolved(
            "DATE", _period_value(spec.unit or "week", anchor), spec.mod, uses_anchor=True
        )
    if kind == "anaphor":
        base = reference or anchor
        if base is None:
            return Resolved("DATE", "PAST_REF" if (spec.n or 0) < 0 else "FUTURE_REF")
        d = _shift(base, spec.unit or "day", spec.n or 0)
        unit = spec.unit or "day"
        if unit == "day":
            return Resolved(
                _kind(spec.part), _part(d.isoformat(), spec.part), day=d, uses_anchor=True
            )
        return Resolved("DATE", _period_value(unit, d), uses_anchor=True)
    if kind == "ago":
        if anchor is None:
            return Resolved("DATE", "PAST_REF" if (spec.n or 0) < 0 else "FUTURE_REF")
        unit = spec.unit or "day"
        d = _shift(anchor, unit, spec.n or 0)
        value = _period_value("day" if unit in ("hour", "minute", "second") else unit, d)
        return Resolved("DATE", value, spec.mod, day=d if unit == "day" else None, uses_anchor=True)
    if kind == "duration":
        value = duration_value(spec.unit or "year", spec.n)
        return Resolved("DURATION", value, spec.mod)
    if kind == "year":
        assert spec.year is not None
        return Resolved("DATE", f"{spec.year:04d}", spec.mod)
    if kind == "decade":
        assert spec.year is not None
        return Resolved("DATE", f"{spec.year // 10:03d}", spec.mod)
    if kind in ("quarter", "half", "season"):
        return _resolve_part_of_year(spec, anchor, tense)
    if kind == "ref":
        return Resolved("DATE", spec.value or "PRESENT_REF")
    if kind == "set":
        return Resolved("SET", spec.value or "P1D")
    if kind == "time":
        base = reference or anchor
        if spec.weekday is not None and anchor is not None:  # "10 p.m. Wednesday"
            base = _weekday_date(anchor, spec.weekday, tense, None)
        clock = f"T{spec.hour:02d}:{spec.minute or 0:02d}"
        if base is None:
            return Resolved("TIME", "XXXX-XX-XX" + clock)
        return Resolved("TIME", base.isoformat() + clock, uses_anchor=True)
    return None


def _resolve_date(spec: Spec, anchor: date | None, tense: Tense | None) -> Resolved | None:
    if spec.value == "THANKSGIVING":
        if anchor is None:
            return Resolved("DATE", "XXXX-11-XX")
        first = date(anchor.year if anchor.month >= 6 else anchor.year - 1, 11, 1)
        d = first + timedelta(days=(3 - first.weekday()) % 7 + 21)
        return Resolved("DATE", d.isoformat(), day=d, uses_anchor=True)
    if spec.value:  # fiscal years and the like, already spelled out
        return Resolved("DATE", spec.value)
    month, day, year = spec.month, spec.day, spec.year
    if month is None:
        return None
    if spec.unit == "year" and spec.n is not None:  # "June last year": of a year near the report's
        if anchor is None:
            return Resolved("DATE", f"XXXX-{month:02d}" + (f"-{day:02d}" if day else ""))
        of_year = anchor.year + int(spec.n)
        if day is None:
            return Resolved("DATE", f"{of_year:04d}-{month:02d}", spec.mod, uses_anchor=True)
        if not valid_day(of_year, month, day):
            return None
        d = date(of_year, month, day)
        return Resolved("DATE", d.isoformat(), day=d, uses_anchor=True)
    if spec.n is not None and year is None:  # "last May", "next June", "this July"
        if anchor is None:
            return Resolved("DATE", f"XXXX-{month:02d}")
        year = anchor.year
        if spec.n < 0 and month >= anchor.month:
            year -= 1
        if spec.n > 0 and month <= anchor.month:
            year += 1
        return Resolved("DATE", f"{year:04d}-{month:02d}", uses_anchor=True)
    uses_anchor = False
    if year is None and anchor is not None:
        if day is not None and not valid_day(2000, month, day):  # 29 Feb is valid in 2000
            return None
        year = _pick_year(month, day, anchor, tense)
        uses_anchor = True
    if day is None:
        prefix = f"{year:04d}" if year is not None else "XXXX"
        return Resolved("DATE", f"{prefix}-{month:02d}", spec.mod, uses_anchor=uses_anchor)
    if year is None:
        if not valid_day(2000, month, day):
            return None
        return Resolved(
            _kind(spec.part),
            _part(f"XXXX-{month:02d}-{day:02d}", spec.part),
            spec.mod,
            stated_weekday=spec.weekday,
        )
    if not valid_day(year, month, day):
        return None
    d = date(year, month, day)
    return Resolved(
        _kind(spec.part),
        _part(d.isoformat(), spec.part),
        spec.mod,
        day=d,
        uses_anchor=uses_anchor,
        stated_weekday=spec.weekday,
    )


def _resolve_part_of_year(spec: Spec, anchor: date | None, tense: Tense | None) -> Resolved:
    year = spec.year
    uses_anchor = False
    if spec.kind == "quarter" and spec.n is None:
        if anchor is None:
            return Resolved("DATE", "XXXX-QX")
        # "the quarter" in a report is the one just reported on: the last one begun
        # six weeks or more before the report
        d = anchor - timedelta(days=45)
        return Resolved("DATE", f"{d.year:04d}-Q{(d.month - 1) // 3 + 1}", uses_anchor=True)
    if spec.kind == "quarter":
        label = f"Q{int(spec.n or 1)}"
        first_month = 3 * int(spec.n or 1) - 2
    elif spec.kind == "half":
        label = f"H{int(spec.n or 1)}"
        first_month = 6 * int(spec.n or 1) - 5
    else:
        label = spec.value or "SU"
        first_month = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}[label]
    if year is None and anchor is not None:
        uses_anchor = True
        if spec.kind == "season" and spec.n is not None:
            year = anchor.year + int(spec.n)
        elif tense == "past" and first_month > anchor.month:
            year = anchor.year - 1  # told in the past, so a quarter not yet begun is last year's
        else:
            year = anchor.year
    prefix = f"{year:04d}" if year is not None else "XXXX"
    return Resolved("DATE", f"{prefix}-{label}", spec.mod, uses_anchor=uses_anchor)
