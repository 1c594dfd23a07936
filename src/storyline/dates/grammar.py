"""Our grammar of English news time expressions: where they are and what they say.

`scan(text)` finds every expression the grammar knows and returns it with a
`Spec`, the meaning of the words before any anchoring ("Tuesday", "last week",
"June 25", "three years"). `normalise.resolve` turns a Spec into a TIMEX3
value given the article's date and the tense of the clause.

The patterns are regular expressions over the text, tried in order of
specificity; where matches overlap the longest wins. Bare numbers are years
only in a year's context (a preposition, "the 2018 deal", "(2015)") and never
next to units, currency or other digits, so counts, scores, percentages and
resolution numbers are not read as dates; ages ("45-year-old") are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace

from storyline.text import MONTHS, NUMBERS, WEEKDAYS, Spans

VAGUE = ("several", "a few", "few", "some", "many", "a number of", "couple of")
UNITS = {
    "second": "S", "minute": "M", "hour": "H", "day": "D", "week": "W", "fortnight": "W",
    "month": "M", "year": "Y", "decade": "DE", "century": "CE", "quarter": "Q",
}  # fmt: skip
PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
    "last": 4, "final": 4,
}  # fmt: skip
MODS = {
    "early": "START", "late": "END", "mid": "MID", "mid-": "MID", "the middle of": "MID",
    "the start of": "START", "the beginning of": "START", "the end of": "END",
    "about": "APPROX", "around": "APPROX", "some": "APPROX", "nearly": "LESS_THAN",
    "almost": "LESS_THAN", "less than": "LESS_THAN", "under": "LESS_THAN",
    "more than": "MORE_THAN", "over": "MORE_THAN", "at least": "EQUAL_OR_MORE",
    "up to": "EQUAL_OR_LESS", "no more than": "EQUAL_OR_LESS",
}  # fmt: skip


@dataclass(frozen=True)
class Spec:
    """What an expression says, before anchoring.

    kind is one of:
      date      year/month/day as stated (any may be None), weekday if named
      weekday   a bare weekday ("Tuesday"); shift -1/0/+1 for "last/this/next"
      offset    `n` units from the anchor ("yesterday": day -1, "next year": year +1)
      anaphor   `n` units from the last date mentioned ("the day before": day -1)
      ago       `n` units before the anchor ("three days ago")
      period    this unit of the anchor, before or after it ("earlier this week")
      year/decade/century/quarter/half/season   as stated, year maybe None
      duration  amount (None for "years") of unit
      ref       PAST_REF / PRESENT_REF / FUTURE_REF
      set       a recurrence, value given
      time      hour/minute on the anchored day
    """

    kind: str
    year: int | None = None
    month: int | None = None
    day: int | None = None
    weekday: int | None = None
    unit: str | None = None
    n: float | None = None
    part: str | None = None
    mod: str | None = None
    value: str | None = None
    hour: int | None = None
    minute: int | None = None
    possessive: bool = False  # "Monday's protest": names an event already known


@dataclass(frozen=True)
class Found:
    start: int
    end: int
    text: str
    spec: Spec
    priority: int = 0
    needs_confirmation: bool = field(default=False, compare=False)


# ---------------------------------------------------------------- vocabulary as regex
def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


_MONTH_FULL = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December"
    r"|JANUARY|FEBRUARY|MARCH|APRIL|MAY|JUNE|JULY|AUGUST|SEPTEMBER|OCTOBER|NOVEMBER|DECEMBER)"
)
_MONTH_ABBR = r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?"
MONTH = rf"(?P<month>{_MONTH_FULL}|{_MONTH_ABBR})"
WEEKDAY = (
    r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
    r"|MONDAY|TUESDAY|WEDNESDAY|THURSDAY|FRIDAY|SATURDAY|SUNDAY)"
)
DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
YEAR = r"(?P<year>(?:1[5-9]|20)\d\d)(?!\d)(?![.,]\d)"
_TENS = r"(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
_ONES = r"(?:one|two|three|four|five|six|seven|eight|nine)"
NUM = rf"(?P<num>\d+(?:\.\d+)?|{_TENS}[- ]{_ONES}|{_alt(NUMBERS)})"
VAGUE_RE = rf"(?P<vague>{_alt(VAGUE)})"
UNIT = r"(?P<unit>second|minute|hour|day|week|fortnight|month|year|decade|century|centurie)s?"
PART = r"(?P<part>morning|afternoon|evening|night)"
MOD = rf"(?P<mod>{_alt(MODS)})"
EDGE = r"(?P<edge>early|late|mid-?|the (?:start|beginning|end|middle) of)"

_B = r"(?<![\w-])"  # a word starts here
_E = r"(?![\w])"  # a word ends here


def _number(word: str | None) -> float | None:
    if word is None:
        return None
    w = word.lower().replace("-", " ")
    try:
        return float(w)
    except ValueError:
        pass
    if w in NUMBERS:
        return float(NUMBERS[w])
    parts = w.split()
    if len(parts) == 2 and NUMBERS.get(parts[0], 0) >= 20 and NUMBERS.get(parts[1], 99) < 10:
        return float(NUMBERS[parts[0]] + NUMBERS[parts[1]])
    return None


def _month(m: re.Match[str]) -> int:
    return MONTHS[m.group("month").lower().rstrip(".")]


def _group(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _mod(m: re.Match[str]) -> str | None:
    edge = _group(m, "edge") or _group(m, "mod")
    return MODS.get(edge.lower()) if edge else None


def _part(m: re.Match[str]) -> str | None:
    part = _group(m, "part")
    return PARTS[part.lower()] if part else None


def _clause_ends(m: re.Match[str]) -> bool:
    """Whether nothing but punctuation follows the match in its clause."""
    return bool(re.match(r"\s*(?:[,.;:!?)\u2013\u2014-]|$)", m.string[m.end() : m.end() + 3]))


Handler = Callable[[re.Match[str]], Spec | None]


@dataclass(frozen=True)
class Rule:
    pattern: re.Pattern[str]
    handler: Handler
    priority: int = 0
    needs_confirmation: bool = False


RULES: list[Rule] = []


def rule(
    pattern: str, *, flags: int = 0, priority: int = 0, needs_confirmation: bool = False
) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        RULES.append(
            Rule(
                re.compile(_B + "(?:" + pattern + ")" + _E, flags),
                handler,
                priority,
                needs_confirmation,
            )
        )
        return handler

    return register


# ---------------------------------------------------------------- calendar dates
@rule(r"(?P<year>(?:1[5-9]|20)\d\d)-(?P<m>[01]\d)-(?P<d>[0-3]\d)", priority=3)
def _iso(m: re.Match[str]) -> Spec:
    return Spec("date", year=int(m["year"]), month=int(m["m"]), day=int(m["d"]))


@rule(
    rf"(?:{WEEKDAY},?\s+)?(?:{EDGE}\s+)?{MONTH}\s+{DAY}(?:,?\s+{YEAR})?(?:\s+{PART})?", priority=2
)
def _month_day(m: re.Match[str]) -> Spec | None:
    return _calendar(m)


@rule(
    rf"(?:{WEEKDAY},?\s+)?(?:the\s+)?{DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+{YEAR})?(?:\s+{PART})?",
    priority=2,
)
def _day_month(m: re.Match[str]) -> Spec | None:
    return _calendar(m)


def _calendar(m: re.Match[str]) -> Spec | None:
    day = int(m["day"])
    if not 1 <= day <= 31:
        return None
    weekday = _group(m, "weekday")
    year = _group(m, "year")
    return Spec(
        "date",
        year=int(year) if year else None,
        month=_month(m),
        day=day,
        weekday=WEEKDAYS[weekday.lower()] if weekday else None,
        part=_part(m),
        mod=_mod(m),
    )


@rule(rf"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/{YEAR}", priority=2)
def _slash(m: re.Match[str]) -> Spec | None:
    month, day = int(m["m"]), int(m["d"])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Spec("date", year=int(m["year"]), month=month, day=day)


@rule(rf"(?:{EDGE}\s+)?{MONTH}(?:,?\s+(?:of\s+)?{YEAR})", priority=1)
def _month_year(m: re.Match[str]) -> Spec:
    return Spec("date", year=int(m["year"]), month=_month(m), mod=_mod(m))


@rule(rf"{MONTH}(?:\s+{DAY})?,?\s+(?P<rel>this|last|next)\s+year{_E}", flags=re.I, priority=2)
def _month_of_a_year(m: re.Match[str]) -> Spec | None:
    """ "January this year", "June last year", "March 3 next year": a month (day) of the
    report's year, or of the one before or after it."""
    day = int(m["day"]) if m["day"] else None
    if day is not None and not 1 <= day <= 31:
        return None
    n = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
    return Spec("date", month=_month(m), day=day, n=n, unit="year")


# A month on its own: "in May", "since June", "late July". "May" and "March" are
# common words, so a bare month needs a preposition or an edge word before it.
@rule(
    rf"(?:(?P<shift>last|next|this|early|late|mid|(?:the\s+)?(?:start|beginning|end|middle)\s+of)"
    rf"(?:\s+|-))?"
    rf"{MONTH}",
    priority=0,
)
def _month_alone(m: re.Match[str]) -> Spec | None:
    month = m.group("month")
    shift = (m.group("shift") or "").lower()
    before = m.string[max(0, m.start() - 12) : m.start()].lower()
    context = re.search(
        r"\b(?:in|since|until|till|by|from|to|of|during|through|before|after"
        r"|between|and|or|early|late|last|next|this|mid)\s*-?\s*$",
        before,
    )
    if month.rstrip(".") in ("May", "March", "MAY", "MARCH") and not (shift or context):
        return None
    abbreviated = month.endswith(".") or (
        len(month) <= 4 and month.lower() not in ("june", "may", "july")
    )
    if abbreviated and not (shift or context):
        return None
    if shift in ("last", "next", "this"):
        return Spec("date", month=_month(m), n={"last": -1, "next": 1, "this": 0}[shift])
    mod = MODS.get(shift.replace("the ", "").strip()) if shift else None
    if shift.startswith(("start", "beginning", "end", "middle", "the")):
        mod = MODS.get(shift if shift.startswith("the ") else "the " + shift)
    return Spec("date", month=_month(m), mod=mod)


# ---------------------------------------------------------------- weekdays and days
@rule(
    rf"(?:(?P<edge>early|late)\s+)?(?:(?P<shift>last|next|this|this\s+past|this\s+coming|coming|past)\s+)?"
    rf"{WEEKDAY}(?:['’]s)?(?:\s+{PART})?",
    priority=1,
)
def _weekday(m: re.Match[str]) -> Spec:
    shift = (m.group("shift") or "").lower()
    n = {
        "last": -1,
        "past": -1,
        "this past": -1,
        "next": 1,
        "coming": 1,
        "this coming": 1,
        "this": 0,
    }.get(shift)
    return Spec("weekday", weekday=WEEKDAYS[m["weekday"].lower()], n=n, part=_part(m), mod=_mod(m))


@rule(
    r"(?P<word>today|tonight|yesterday|tomorrow|now|nowadays|currently|recently|lately"
    r"|presently|these days)",
    flags=re.I,
    priority=1,
)
def _deictic(m: re.Match[str]) -> Spec | None:
    word = m["word"].lower()
    if word == "today":
        return Spec("offset", unit="day", n=0)
    if word == "tonight":
        return Spec("offset", unit="day", n=0, part="NI")
    if word == "yesterday":
        return Spec("offset", unit="day", n=-1)
    if word == "tomorrow":
        return Spec("offset", unit="day", n=1)
    if word in ("now", "nowadays", "currently", "presently", "these days"):
        return Spec("ref", value="PRESENT_REF")
    return Spec("ref", value="PAST_REF")  # recently, lately


@rule(rf"(?P<rel>yesterday|tomorrow|last|this)\s+{PART}", flags=re.I, priority=2)
def _part_of_day(m: re.Match[str]) -> Spec:
    rel = m["rel"].lower()
    part = _part(m)
    if rel == "last":  # "last night": the night before the report
        return Spec("offset", unit="day", n=-1 if part == "NI" else 0, part=part)
    return Spec("offset", unit="day", n={"yesterday": -1, "tomorrow": 1}.get(rel, 0), part=part)


@rule(
    r"(?:the\s+)?(?P<rel>day|night)\s+(?:before|prior|earlier)(?:\s+yesterday)?"
    r"|(?:the\s+)?(?:previous|preceding)\s+(?P<rel2>day|night)"
    r"|(?:the\s+)?(?:next|following)\s+(?P<rel3>day|morning|night)"
    r"|(?:the\s+)?(?P<rel4>day)\s+after(?:\s+tomorrow)?"
    r"|(?:a|one)\s+day\s+(?P<dir>earlier|later|before|after)"
    r"|that\s+(?P<rel5>day)",
    flags=re.I,
    priority=1,
)
def _anaphoric_day(m: re.Match[str]) -> Spec | None:
    text = m.group(0).lower()
    if text.endswith(("before", "after")) and not _clause_ends(m):
        return None  # "the day after the deal": a day counted from an event, not a date
    if text.endswith("yesterday"):
        return Spec("offset", unit="day", n=-2)
    if text.endswith("tomorrow"):
        return Spec("offset", unit="day", n=2)
    if text.startswith("that"):
        return Spec("anaphor", unit="day", n=0)
    forward = any(w in text for w in ("next", "following", "after", "later"))
    part = "NI" if "night" in text else ("MO" if "morning" in text else None)
    return Spec("anaphor", unit="day", n=1 if forward else -1, part=part)


# ---------------------------------------------------------------- weeks, months, years
_PERIOD = r"(?P<unit>week|weekend|month|year|quarter|decade|century)"


@rule(
    r"(?:(?P<edge>earlier|later)\s+(?:in\s+)?)?that\s+(?:same\s+)?(?P<unit>year|month)"
    r"|(?P<edge2>earlier|later)\s+in\s+the\s+(?:same\s+)?(?P<unit2>year|month)",
    flags=re.I,
    priority=2,
)
def _that_period(m: re.Match[str]) -> Spec:
    """ "that year", "later that year", "earlier in the year": the year (month) of the date
    last named, not the report's."""
    return Spec("anaphor", unit=(m["unit"] or m["unit2"]).lower(), n=0, value="that")


@rule(
    rf"(?:(?P<edge>earlier|later|early|late)\s+)?(?P<rel>last|this|next|the\s+past|the\s+coming|"
    rf"the\s+previous|the\s+following|the\s+current|the\s+same|the\s+next|the\s+last|"
    rf"the\s+present|the\s+prior)\s+{_PERIOD}",
    flags=re.I,
    priority=1,
)
def _period(m: re.Match[str]) -> Spec:
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    edge = (m["edge"] or "").lower()
    if rel in ("the past", "the last", "the coming", "the next") and unit not in ("weekend",):
        # "the past week" is a stretch of time, not a calendar week
        return Spec(
            "duration", unit=unit, n=1, value="PAST" if "past" in rel or "last" in rel else "FUTURE"
        )
    if rel in ("the previous", "the prior", "the following", "the same"):
        return Spec(
            "anaphor",
            unit=unit,
            n={"the previous": -1, "the prior": -1, "the following": 1}.get(rel, 0),
        )
    n = {"last": -1, "next": 1}.get(rel, 0)
    if edge in ("earlier", "later"):
        return Spec("period", unit=unit, n=n, mod=None)
    return Spec("offset", unit=unit, n=n, mod={"early": "START", "late": "END"}.get(edge))


@rule(r"(?:the\s+)?(?P<rel>weekend)", flags=re.I, priority=0)
def _weekend(m: re.Match[str]) -> Spec | None:
    before = m.string[max(0, m.start() - 12) : m.start()].lower()
    if not re.search(r"\b(?:over|on|at|during|this|last|next|the)\s*$", before + " ") and not (
        m.group(0).lower().startswith("the")
    ):
        return None
    return Spec("weekday", weekday=6, unit="weekend")


@rule(
    rf"(?:(?P<mod>about|around|some|nearly|almost|more\s+than|over|at\s+least|less\s+than|"
    rf"under|up\s+to|no\s+more\s+than)\s+)?(?:{NUM}|{VAGUE_RE})\s+(?:more\s+)?{UNIT}\s+"
    rf"(?P<dir>ago|earlier|before|later|"
    rf"after|hence|from\s+now)",
    flags=re.I,
    priority=2,
)
def _ago(m: re.Match[str]) -> Spec | None:
    unit = m["unit"].lower().rstrip("s")
    if unit in ("hour", "minute", "second"):
        return None  # "an hour later": a duration; the date is the day already named
    if m["vague"]:  # "a few years ago"
        return Spec("ref", value="PAST_REF" if m["dir"].lower() == "ago" else "FUTURE_REF")
    n = _number(m["num"])
    if n is None:
        return None
    unit = "century" if unit.startswith("centur") else unit
    direction = m["dir"].lower()
    if direction in ("before", "after") and not _clause_ends(m):
        return None  # "two days after a protest": counted from an event; a duration
    if direction in ("ago", "earlier", "before"):
        n = -n
    kind = "ago" if direction in ("ago", "hence", "from now") else "anaphor"
    return Spec(kind, unit=unit, n=n, mod=_mod(m))


# ---------------------------------------------------------------- durations
@rule(
    rf"(?:(?:the|a)\s+(?:past|last|next|coming|first|previous|following)\s+)?"
    rf"(?:(?P<mod>about|around|some|nearly|almost|more\s+than|over|at\s+least|less\s+than|"
    rf"under|up\s+to|no\s+more\s+than|roughly|approximately)\s+)?"
    rf"(?:{NUM}|{VAGUE_RE})[\s-]+(?:and\s+a\s+half\s+)?{UNIT}(?:\s+and\s+a\s+half)?(?P<old>[\s-]+old)?",
    flags=re.I,
    priority=1,
)
def _duration(m: re.Match[str]) -> Spec | None:
    if m["old"]:
        return None  # an age
    after = m.string[m.end() : m.end() + 5]
    if after.startswith("-old"):
        return None
    unit = m["unit"].lower().rstrip("s")
    unit = "century" if unit.startswith("centur") else unit
    count = (m["num"] or "").lower()
    if count in ("a", "an") and unit == "second":
        return None  # "a second year": an ordinal
    before = m.string[max(0, m.start() - 16) : m.start()].lower()
    if count in ("a", "an") and re.search(
        r"(?:\b(?:hours?|minutes?|days?|times|once|twice)|\d)\s*$", before
    ):
        return Spec("set", value=duration_letter(unit))  # "six hours a day": a rate
    if m["vague"]:
        return Spec("duration", unit=unit, n=None, mod=_mod(m))
    n = _number(m["num"])
    if n is None or n <= 0:
        return None
    if "and a half" in m.group(0).lower():
        n += 0.5
    return Spec("duration", unit=unit, n=n, mod=_mod(m))


@rule(
    r"(?:for|over|in|within)\s+(?P<unit>years|months|weeks|days|decades|hours|centuries)",
    flags=re.I,
)
def _vague_duration(m: re.Match[str]) -> Spec:
    unit = m["unit"].lower()
    unit = "century" if unit.startswith("centur") else unit.rstrip("s")
    return Spec("duration", unit=unit, n=None)


# ---------------------------------------------------------------- years and parts of years
_TEENS = r"(?:ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)"
_TWO_DIGITS = rf"(?:{_TENS}(?:[- ]{_ONES})?|{_TEENS}|oh[- ]{_ONES})"
_SPOKEN_YEAR = (
    rf"(?P<century>nineteen|eighteen|twenty)[- ](?P<rest>{_TWO_DIGITS}|hundred)"
    rf"|(?:the\s+year\s+)two\s+thousand(?:(?:\s+and)?\s+(?P<ones>{_ONES}|{_TEENS}))?"
)


def spoken_year(m: re.Match[str]) -> int | None:
    """1996 from "nineteen ninety-six", 2000 from "the year two thousand", 1905 from
    "nineteen oh five" (as broadcast transcripts write years)."""
    if m["century"] is None:
        return 2000 + int(_number(m["ones"]) or 0) if m["ones"] else 2000
    century = {"eighteen": 18, "nineteen": 19, "twenty": 20}[m["century"].lower()]
    rest = m["rest"].lower().replace("oh-", "").replace("oh ", "")
    value = 0 if rest == "hundred" else _number(rest)
    if value is None:
        return None
    if century == 20 and value < 10:
        return None  # "twenty one" is a number, not 2001
    return century * 100 + int(value)


@rule(rf"(?:{MONTH}\s+)?(?:{_SPOKEN_YEAR}){_E}", flags=re.I, priority=1)
def _spoken_year(m: re.Match[str]) -> Spec | None:
    """A year in words: after a month, as "the year two thousand", after a preposition ("in
    twenty ten"), or a nineteen-hundreds year anywhere it is not a count ("nineteen
    ninety-six", not "nineteen twenty-year-olds")."""
    year = spoken_year(m)
    if year is None:
        return None
    if m["month"]:
        return Spec("date", year=year, month=_month(m))
    before = m.string[max(0, m.start() - 10) : m.start()].lower()
    after = m.string[m.end() : m.end() + 16]
    lead = re.search(r"\b(?:in|of|since|until|by|from|during|before|after)\s+$", before)
    if re.match(r"\s*-?\s*(?:[a-z]+s\b|year)", after) and "year" not in m[0].lower():
        return None  # "nineteen twenty-year-olds", "twenty thirty-somethings"
    if lead or "year" in m[0].lower() or year // 100 == 19:
        return Spec("year", year=year)
    return None


@rule(
    rf"(?:(?P<edge>early|late|mid-?|the\s+(?:start|beginning|end|middle)\s+of)\s*)?{YEAR}(?:'s)?",
    priority=0,
    needs_confirmation=True,
)
def _year(m: re.Match[str]) -> Spec | None:
    return Spec("year", year=int(m["year"]), mod=_mod(m))


@rule(r"(?:fiscal|FY)\s*(?:year\s+)?(?P<year>(?:19|20)\d\d)", flags=re.I, priority=1)
def _fiscal(m: re.Match[str]) -> Spec:
    return Spec("date", value=f"FY{m['year']}")


@rule(
    r"(?:the\s+)?(?:(?P<edge>early|late|mid-?)\s*)?(?:(?P<century>1[5-9]|20)(?P<decade>\d)0|'?(?P<short>[2-9])0)'?s",
    priority=1,
)
def _decade(m: re.Match[str]) -> Spec | None:
    if m["century"]:
        return Spec("decade", year=int(m["century"]) * 100 + int(m["decade"]) * 10, mod=_mod(m))
    return Spec("decade", year=1900 + int(m["short"]) * 10, mod=_mod(m))


@rule(
    rf"(?:the\s+)?(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th|last|final)[\s-]+"
    rf"(?P<unit>quarter|half)(?:\s+(?:of\s+)?{YEAR})?",
    flags=re.I,
    priority=1,
)
def _quarter(m: re.Match[str]) -> Spec:
    return _quarter_spec(m)


@rule(
    rf"(?:the\s+)?{YEAR}\s+(?P<ord>first|second|third|fourth|1st|2nd|3rd|4th)[\s-]+"
    rf"(?P<unit>quarter|half)",
    flags=re.I,
    priority=2,
)
def _year_quarter(m: re.Match[str]) -> Spec:
    return _quarter_spec(m)


@rule(r"the\s+(?:(?P<which>latest|current|most\s+recent|recent)\s+)?quarter", flags=re.I)
def _the_quarter(m: re.Match[str]) -> Spec | None:
    return Spec("quarter", n=None, value="CURRENT")


def _quarter_spec(m: re.Match[str]) -> Spec:
    n = ORDINALS[m["ord"].lower()]
    unit = m["unit"].lower()
    if unit == "half":
        n = min(n, 2)
    return Spec(
        "quarter" if unit == "quarter" else "half", year=int(m["year"]) if m["year"] else None, n=n
    )


@rule(
    rf"(?:(?P<rel>last|this|next|early|late)\s+|the\s+)?(?P<season>spring|summer|autumn|fall|winter)"
    rf"(?:\s+(?:of\s+)?{YEAR})?",
    flags=re.I,
    priority=1,
)
def _season(m: re.Match[str]) -> Spec | None:
    season = m["season"].lower()
    rel = (m["rel"] or "").lower()
    word = m["season"]
    if word[0].isupper() and not word.isupper():  # "the Arab Spring": a name, not a season
        line_start = m.string[max(0, m.start("season") - 2) : m.start("season")]
        if m.start("season") > 0 and not re.match(r"^(?:[.!?]\s|\n)$", line_start):
            return None
    if season == "fall" and not (rel or m["year"] or m.group(0).lower().startswith("the")):
        return None
    before = m.string[max(0, m.start() - 6) : m.start()].lower()
    if not (
        rel
        or m["year"]
        or m.group(0).lower().startswith("the")
        or re.search(r"\b(?:in|this|by|since|until)\s*$", before)
    ):
        return None
    n = {"last": -1, "next": 1, "this": 0}.get(rel)
    return Spec(
        "season",
        year=int(m["year"]) if m["year"] else None,
        value=SEASONS[season],
        n=n,
        mod={"early": "START", "late": "END"}.get(rel),
    )


# ---------------------------------------------------------------- times of day
@rule(
    r"(?P<h>[01]?\d)(?:[:.](?P<min>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)"
    r"(?:\s+(?:local\s+time|GMT|UTC|EST|EDT|ET|PST|CET))?",
    flags=re.I,
    priority=2,
)
def _clock(m: re.Match[str]) -> Spec | None:
    hour = int(m["h"])
    if not 1 <= hour <= 12:
        return None
    if m["ampm"].lower().startswith("p") and hour != 12:
        hour += 12
    if m["ampm"].lower().startswith("a") and hour == 12:
        hour = 0
    return Spec("time", hour=hour, minute=int(m["min"] or 0))


@rule(
    r"(?P<h>[01]?\d|2[0-3]):(?P<min>[0-5]\d)(?:\s+(?:local\s+time|GMT|UTC|hours|hrs))?", priority=1
)
def _clock24(m: re.Match[str]) -> Spec:
    return Spec("time", hour=int(m["h"]), minute=int(m["min"]))


@rule(
    r"(?:(?:at|by|around|until|before|after)\s+)(?P<word>noon|midnight|midday)",
    flags=re.I,
    priority=1,
)
def _noon(m: re.Match[str]) -> Spec:
    word = m["word"].lower()
    return Spec("time", hour=0 if word == "midnight" else 12, minute=0)


@rule(
    r"(?:the\s+)?year[\s-](?:earlier|ago)(?:\s+(?:quarter|period|level|results?))?",
    flags=re.I,
    priority=1,
)
def _year_earlier(m: re.Match[str]) -> Spec:
    return Spec("anaphor", unit="year", n=-1)


HOLIDAYS = {
    "christmas day": (12, 25), "christmas eve": (12, 24), "christmas": (12, 25),
    "new year's day": (1, 1), "new year's eve": (12, 31), "independence day": (7, 4),
    "halloween": (10, 31), "valentine's day": (2, 14), "boxing day": (12, 26),
}  # fmt: skip


@rule(rf"{_alt(HOLIDAYS)}|(?P<thanks>thanksgiving(?:\s+day)?)", flags=re.I, priority=1)
def _holiday(m: re.Match[str]) -> Spec:
    if m["thanks"]:
        return Spec("date", value="THANKSGIVING")  # the fourth Thursday of November
    month, day = HOLIDAYS[m.group(0).lower().replace("’", "'")]
    return Spec("date", month=month, day=day)


@rule(
    r"(?:(?P<h>[01]?\d)(?:[:.](?P<min>[0-5]\d))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)"
    r"(?:\s+(?:local\s+time|GMT|UTC|EST|EDT|ET|PST|CET))?|(?P<word>noon|midnight))"
    rf",?\s+(?:on\s+)?{WEEKDAY}",
    flags=re.I,
    priority=3,
)
def _clock_weekday(m: re.Match[str]) -> Spec | None:
    clock = _clock(m) if m["h"] else _noon(m)
    if clock is None:
        return None
    return Spec(
        "time", weekday=WEEKDAYS[m["weekday"].lower()], hour=clock.hour, minute=clock.minute
    )


# ---------------------------------------------------------------- references and sets
@rule(
    r"(?:in\s+)?the\s+(?P<ref>past|future)|in\s+(?P<recent>recent)\s+(?:years|months|weeks|days)",
    flags=re.I,
)
def _ref(m: re.Match[str]) -> Spec | None:
    if m["recent"]:
        return Spec("ref", value="PAST_REF")
    after = m.string[m.end() : m.end() + 2]
    if after.strip().startswith(("-",)):
        return None
    return Spec("ref", value="PAST_REF" if m["ref"].lower() == "past" else "FUTURE_REF")


@rule(
    r"(?:every|each)\s+(?:(?P<num>other|two|three|four|five|six|\d+)\s+)?"
    r"(?P<unit>second|minute|hour|day|week|month|year|decade|Monday|Tuesday|Wednesday|Thursday"
    r"|Friday|Saturday|Sunday|morning|evening|night|weekend|January|February|March|April|May"
    r"|June|July|August|September|October|November|December)s?"
    r"|(?P<adverb>daily)",
    flags=re.I,
    priority=1,
)
def _set(m: re.Match[str]) -> Spec:
    if m["adverb"]:  # "daily"; "quarterly", "annually" mostly qualify dividends, not times
        return Spec("set", value="P1D")
    unit = m["unit"].lower()
    if unit.capitalize() in [w.capitalize() for w in WEEKDAYS]:
        return Spec("set", value=f"XXXX-WXX-{WEEKDAYS[unit]}")
    if unit in PARTS:
        return Spec("set", value=f"TXX{PARTS[unit]}" if unit != "night" else "TNI")
    if unit == "weekend":
        return Spec("set", value="XXXX-WXX-WE")
    if unit in MONTHS:
        return Spec("set", value=f"XXXX-{MONTHS[unit]:02d}")
    count = {"other": 2}.get((m["num"] or "").lower()) or _number(m["num"]) or 1
    letter = UNITS[unit]
    prefix = "PT" if letter in ("H", "S") or unit == "minute" else "P"
    return Spec("set", value=f"{prefix}{int(count)}{'M' if unit == 'minute' else letter}")


def scan(text: str) -> Iterator[Found]:
    """Every expression the grammar finds in text, overlaps resolved (longest first)."""
    found: list[Found] = []
    for r in RULES:
        for m in r.pattern.finditer(text):
            if not m.group(0).strip():
                continue
            spec = r.handler(m)
            if spec is None:
                continue
            start, end = m.start(), m.end()
            # trailing possessive and space are not part of the expression
            while end > start and text[end - 1].isspace():
                end -= 1
            if text[start:end].endswith(("'s", "’s")) and spec.kind in ("weekday", "year", "date"):
                end -= 2
                spec = replace(spec, possessive=True)
            found.append(Found(start, end, text[start:end], spec, r.priority, r.needs_confirmation))
    found.sort(key=lambda f: (-(f.end - f.start), -f.priority, f.start))
    taken: list[Found] = []
    spans: Spans[None] = Spans()  # what is taken, asked by overlap (a report runs long)
    for f in found:
        if not spans.free(f.start, f.end):
            continue
        taken.append(f)
        spans.add(f.start, f.end, None)
    yield from sorted(taken, key=lambda f: f.start)


def duration_letter(unit: str) -> str:
    """P1D, P1W, PT1H…: one of a unit, the period of a rate such as "six hours a day"."""
    if unit in ("hour", "minute", "second"):
        return f"PT1{'M' if unit == 'minute' else UNITS[unit]}"
    return f"P1{UNITS.get(unit, 'D')}"
