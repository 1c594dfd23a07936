"""Time expressions in French reports: the forms news uses, read into the English grammar's
`Spec`s so that one normaliser anchors both ("mardi" in a report of 28 July 2021 told in
the past is 2021-07-27, as "Tuesday" is).

Read: dates ("le 27 juillet 2021", "mardi 27 juillet", "1er mars", "juillet 2021"),
weekdays ("mardi", "mardi dernier", "lundi prochain", "jeudi matin"), days counted from
the report ("hier", "avant-hier", "aujourd'hui", "demain", "après-demain", "hier soir"),
calendar units counted from it ("la semaine dernière", "le mois prochain", "l'an dernier"),
"il y a trois jours", and years after "en", "depuis", "début"/"fin". Nothing else: a form
the grammar does not know dates nothing (precision first).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from storyline.dates.grammar import Found, Spec
from storyline.text import Spans

MONTHS = {
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
}  # fmt: skip
WEEKDAYS = {
    "lundi": 1,
    "mardi": 2,
    "mercredi": 3,
    "jeudi": 4,
    "vendredi": 5,
    "samedi": 6,
    "dimanche": 7,
}
PARTS = {"matin": "MO", "après-midi": "AF", "apres-midi": "AF", "soir": "EV", "nuit": "NI",
         "soirée": "EV", "matinée": "MO"}  # fmt: skip
NUMBERS = {
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7,
    "huit": 8, "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "quinze": 15, "vingt": 20,
    "trente": 30, "quelques": None,
}  # fmt: skip
UNITS = {"jour": "day", "jours": "day", "semaine": "week", "semaines": "week", "mois": "month",
         "an": "year", "ans": "year", "année": "year", "années": "year"}  # fmt: skip


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_B = r"(?<![\w-])"  # a word's start: not inside a word or a hyphenated one
_E = r"(?![\w-])"
_MONTH = rf"(?P<month>{_alt(MONTHS)})"
_WEEKDAY = rf"(?P<weekday>{_alt(WEEKDAYS)})"
_PART = rf"(?:\s+(?P<part>{_alt(PARTS)}))?"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)"
_RULES: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(
            rf"{_B}(?:{_WEEKDAY}\s+)?(?:le\s+)?(?P<day>1er|[0-3]?\d)\s+{_MONTH}"
            rf"(?:\s+{_YEAR})?{_E}",
            re.I,
        ),
        "date",
    ),  # fmt: skip
    (re.compile(rf"{_B}{_MONTH}\s+{_YEAR}{_E}", re.I), "month"),
    (
        re.compile(rf"{_B}{_WEEKDAY}(?:\s+(?P<shift>dernier|prochain))?{_PART}{_E}", re.I),
        "weekday",
    ),  # fmt: skip
    (
        re.compile(
            rf"{_B}(?P<rel>avant-hier|après-demain|apres-demain|hier|aujourd['’]hui|demain)"
            rf"{_PART}{_E}",
            re.I,
        ),
        "offset",
    ),  # fmt: skip
    (
        re.compile(
            rf"{_B}(?:la\s+(?P<week>semaine)|le\s+(?P<month_unit>mois)|l['’](?P<year_unit>an"
            rf"|année))\s+(?P<shift>dernier|dernière|derniere|prochain|prochaine){_E}",
            re.I,
        ),
        "unit",
    ),  # fmt: skip
    (
        re.compile(
            rf"{_B}il\s+y\s+a\s+(?P<n>\d+|{_alt(NUMBERS)})\s+(?P<unit>{_alt(UNITS)}){_E}", re.I
        ),
        "ago",
    ),  # fmt: skip
    (re.compile(rf"{_B}(?:en|depuis|(?P<edge>début|fin|mi-?))\s+{_YEAR}{_E}", re.I), "year"),
]
_DAYS = {"avant-hier": -2, "hier": -1, "aujourd'hui": 0, "aujourd’hui": 0, "demain": 1,
         "après-demain": 2, "apres-demain": 2}  # fmt: skip


def _spec(kind: str, m: re.Match[str]) -> Spec | None:
    group = m.groupdict()
    part = PARTS.get((group.get("part") or "").lower())
    if kind == "date":
        day = 1 if m["day"].lower() == "1er" else int(m["day"])
        weekday = WEEKDAYS[m["weekday"].lower()] if group.get("weekday") else None
        year = int(m["year"]) if group.get("year") else None
        return Spec("date", year=year, month=MONTHS[m["month"].lower()], day=day, weekday=weekday)
    if kind == "month":
        return Spec("date", year=int(m["year"]), month=MONTHS[m["month"].lower()])
    if kind == "weekday":
        shift = {"dernier": -1, "prochain": 1}.get((group.get("shift") or "").lower())
        return Spec("weekday", weekday=WEEKDAYS[m["weekday"].lower()], n=shift, part=part)
    if kind == "offset":
        return Spec("offset", unit="day", n=_DAYS[m["rel"].lower()], part=part)
    if kind == "unit":
        unit = "week" if group.get("week") else "month" if group.get("month_unit") else "year"
        return Spec("offset", unit=unit, n=-1 if m["shift"].lower().startswith("dern") else 1)
    if kind == "ago":
        count = m["n"].lower()
        n = int(count) if count.isdigit() else NUMBERS.get(count)
        if n is None:
            return None  # "il y a quelques jours": no day to name
        return Spec("ago", unit=UNITS[m["unit"].lower()], n=-n)
    edge = (group.get("edge") or "").lower()
    mod = {"début": "START", "fin": "END", "mi": "MID", "mi-": "MID"}.get(edge)
    return Spec("year", year=int(m["year"]), mod=mod)


def scan(text: str) -> Iterator[Found]:
    """Every expression found, overlaps resolved: the longest first, then the earliest."""
    found = []
    for pattern, kind in _RULES:
        for m in pattern.finditer(text):
            spec = _spec(kind, m)
            if spec is not None:
                found.append(Found(m.start(), m.end(), m.group(0), spec))
    found.sort(key=lambda f: (-(f.end - f.start), f.start))
    taken: list[Found] = []
    spans: Spans[None] = Spans()
    for f in found:
        if spans.free(f.start, f.end):
            taken.append(f)
            spans.add(f.start, f.end, None)
    yield from sorted(taken, key=lambda f: f.start)
