"""Time expressions in French, Spanish, German and Arabic reports: the forms news uses, read into
the English grammar's `Spec`s so that one normaliser anchors them all ("mardi" in a French
report of 28 July 2021 told in the past is 2021-07-27, as "Tuesday" is).

Also: days counted from the last day named ("la veille", "al día siguiente", "am Vortag"),
this morning/evening/week/month/year ("ce matin", "esta noche", "diese Woche"), the start,
middle or end of a month or year ("début mars", "a finales de 2023", "Ende März"), and
French "d'ici vendredi" (by Friday: the coming one).

Read in each language: dates ("le 27 juillet 2021", "el 12 de marzo de 2024", "am
12. März 2024", with a weekday before them), a month and year, days counted from the
report ("hier", "ayer", "gestern"; "avant-hier", "anteayer", "vorgestern"; today;
"demain", "morgen"), weekdays with "last"/"next" ("mardi dernier", "el martes pasado",
"letzten Dienstag"), calendar units counted from the report in French ("la semaine
dernière"), "il y a trois jours" / "hace tres días" / "vor drei Tagen", and a year after
"en". A bare weekday ("mardi") points back or ahead by its clause's tense, so it is read
only where a pipeline gives tenses (French, `nlp.french`): in Spanish and German it is
left unread (precision first). Spanish "mañana" (tomorrow, and the morning) is not read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from storyline.dates.grammar import Found, Spec
from storyline.text import Spans

PARTS = {
    "matin": "MO", "matinée": "MO", "après-midi": "AF", "apres-midi": "AF", "soir": "EV",
    "soirée": "EV", "nuit": "NI", "früh": "MO", "abend": "EV", "nachmittag": "AF",
    "vormittag": "MO", "nacht": "NI",
}  # fmt: skip


@dataclass(frozen=True)
class Words:
    """One language's words for the grammar."""

    months: dict[str, int]
    weekdays: dict[str, int]
    days: dict[str, int]  # words for days counted from the report: "hier" -1
    last: tuple[str, ...]  # "dernier", "pasado", "letzten"
    next: tuple[str, ...]
    numbers: dict[str, int]
    units: dict[str, str]
    ago: str  # the pattern before a count of units back: "il y a", "hace", "vor"
    year_before: str  # words before a bare year that make it one: "en"
    # days counted from the last day named: "la veille" -1, "le lendemain" +1
    anaphors: dict[str, int]
    # this day's part, this week, month or year: "ce matin" (day, MO), "cette semaine"
    this: dict[str, tuple[str, str | None]]
    # the start, middle or end of a month or year: "début", "mi-", "fin"
    edges: dict[str, str]
    # before a weekday, makes it the next one whatever the tense: "d'ici" (from now until);
    # Spanish "para el" and German "bis" are left out ("galt bis Freitag": until a past one)
    ahead: str | None


def _index(*groups: Iterable[str]) -> dict[str, int]:
    return {word: n for n, group in enumerate(groups, 1) for word in group}


FRENCH = Words(
    months=_index(
        ["janvier"],
        ["février", "fevrier"],
        ["mars"],
        ["avril"],
        ["mai"],
        ["juin"],
        ["juillet"],
        ["août", "aout"],
        ["septembre"],
        ["octobre"],
        ["novembre"],
        ["décembre", "decembre"],
    ),  # fmt: skip
    weekdays=_index(
        ["lundi"], ["mardi"], ["mercredi"], ["jeudi"], ["vendredi"], ["samedi"], ["dimanche"]
    ),  # fmt: skip
    days={
        "avant-hier": -2,
        "hier": -1,
        "aujourd'hui": 0,
        "aujourd’hui": 0,
        "demain": 1,
        "après-demain": 2,
        "apres-demain": 2,
    },  # fmt: skip
    last=("dernier", "dernière", "derniere"),
    next=("prochain", "prochaine"),
    numbers={
        "un": 1,
        "une": 1,
        "deux": 2,
        "trois": 3,
        "quatre": 4,
        "cinq": 5,
        "six": 6,
        "sept": 7,
        "huit": 8,
        "neuf": 9,
        "dix": 10,
        "quinze": 15,
    },  # fmt: skip
    units={
        "jour": "day",
        "jours": "day",
        "semaine": "week",
        "semaines": "week",
        "mois": "month",
        "an": "year",
        "ans": "year",
        "année": "year",
        "années": "year",
    },  # fmt: skip
    ago=r"il\s+y\s+a",
    year_before=r"en|depuis",
    anaphors={
        "l'avant-veille": -2,
        "l’avant-veille": -2,
        "la veille": -1,
        "le lendemain": 1,
        "le surlendemain": 2,
    },  # fmt: skip
    this={
        "ce matin": ("day", "MO"),
        "cet après-midi": ("day", "AF"),
        "ce soir": ("day", "EV"),
        "cette semaine": ("week", None),
        "ce mois-ci": ("month", None),
        "cette année": ("year", None),
    },  # fmt: skip
    edges={"début": "START", "debut": "START", "mi-": "MID", "mi": "MID", "fin": "END"},
    ahead=r"d['’]ici",
)
SPANISH = Words(
    months=_index(
        ["enero"],
        ["febrero"],
        ["marzo"],
        ["abril"],
        ["mayo"],
        ["junio"],
        ["julio"],
        ["agosto"],
        ["septiembre", "setiembre"],
        ["octubre"],
        ["noviembre"],
        ["diciembre"],
    ),  # fmt: skip
    weekdays=_index(
        ["lunes"],
        ["martes"],
        ["miércoles", "miercoles"],
        ["jueves"],
        ["viernes"],
        ["sábado", "sabado"],
        ["domingo"],
    ),  # fmt: skip
    days={"anteayer": -2, "antier": -2, "ayer": -1, "hoy": 0, "pasado mañana": 2},
    last=("pasado",),
    next=("próximo", "proximo", "que viene"),
    numbers={
        "un": 1,
        "una": 1,
        "dos": 2,
        "tres": 3,
        "cuatro": 4,
        "cinco": 5,
        "seis": 6,
        "siete": 7,
        "ocho": 8,
        "nueve": 9,
        "diez": 10,
        "quince": 15,
    },  # fmt: skip
    units={
        "día": "day",
        "días": "day",
        "dia": "day",
        "dias": "day",
        "semana": "week",
        "semanas": "week",
        "mes": "month",
        "meses": "month",
        "año": "year",
        "años": "year",
    },  # fmt: skip
    ago=r"hace",
    year_before=r"en|desde",
    anaphors={"la víspera": -1, "la vispera": -1, "al día siguiente": 1, "al dia siguiente": 1},
    this={
        "esta mañana": ("day", "MO"),
        "esta tarde": ("day", "AF"),
        "esta noche": ("day", "NI"),
        "esta semana": ("week", None),
        "este mes": ("month", None),
        "este año": ("year", None),
    },  # fmt: skip
    edges={
        "a principios de": "START",
        "principios de": "START",
        "a mediados de": "MID",
        "mediados de": "MID",
        "a finales de": "END",
        "finales de": "END",
    },  # fmt: skip
    ahead=None,
)
GERMAN = Words(
    months=_index(
        ["januar", "jänner"],
        ["februar"],
        ["märz", "maerz"],
        ["april"],
        ["mai"],
        ["juni"],
        ["juli"],
        ["august"],
        ["september"],
        ["oktober"],
        ["november"],
        ["dezember"],
    ),  # fmt: skip
    weekdays=_index(
        ["montag"],
        ["dienstag"],
        ["mittwoch"],
        ["donnerstag"],
        ["freitag"],
        ["samstag", "sonnabend"],
        ["sonntag"],
    ),  # fmt: skip
    days={
        "vorgestern": -2,
        "gestern": -1,
        "heute": 0,
        "morgen": 1,
        "übermorgen": 2,
        "heute morgen": 0,
        "gestern morgen": -1,
    },  # fmt: skip
    last=("vergangenen", "letzten", "vorigen"),
    next=("kommenden", "nächsten", "naechsten"),
    numbers={
        "einem": 1,
        "einer": 1,
        "zwei": 2,
        "drei": 3,
        "vier": 4,
        "fünf": 5,
        "sechs": 6,
        "sieben": 7,
        "acht": 8,
        "neun": 9,
        "zehn": 10,
    },  # fmt: skip
    units={
        "tagen": "day",
        "tag": "day",
        "wochen": "week",
        "woche": "week",
        "monaten": "month",
        "monat": "month",
        "jahren": "year",
        "jahr": "year",
    },  # fmt: skip
    ago=r"vor",
    year_before=r"im\s+jahr|seit",
    anaphors={
        "am vortag": -1,
        "am tag zuvor": -1,
        "am nächsten tag": 1,
        "am folgetag": 1,
        "am tag darauf": 1,
    },  # fmt: skip
    this={
        "heute abend": ("day", "EV"),
        "heute nachmittag": ("day", "AF"),
        "diese woche": ("week", None),
        "in dieser woche": ("week", None),
        "diesen monat": ("month", None),
        "dieses jahr": ("year", None),
    },  # fmt: skip
    edges={"anfang": "START", "mitte": "MID", "ende": "END"},
    ahead=None,
)
ARABIC = Words(
    # the months by both names news uses: "مارس" (Egypt, the Gulf) and "آذار" (the Levant)
    months=_index(
        ["يناير", "كانون الثاني"],
        ["فبراير", "شباط"],
        ["مارس", "آذار", "اذار"],
        ["أبريل", "ابريل", "إبريل", "نيسان"],
        ["مايو", "أيار", "ايار"],
        ["يونيو", "يونيه", "حزيران"],
        ["يوليو", "يوليه", "تموز"],
        ["أغسطس", "اغسطس", "آب"],
        ["سبتمبر", "أيلول", "ايلول"],
        ["أكتوبر", "اكتوبر", "تشرين الأول", "تشرين الاول"],
        ["نوفمبر", "تشرين الثاني"],
        ["ديسمبر", "كانون الأول", "كانون الاول"],
    ),  # fmt: skip
    weekdays=_index(
        ["الاثنين", "الإثنين"],
        ["الثلاثاء"],
        ["الأربعاء", "الاربعاء"],
        ["الخميس"],
        ["الجمعة"],
        ["السبت"],
        ["الأحد", "الاحد"],
    ),  # fmt: skip
    # "غدا" is also "became", and "اليوم" also "the day": only the unambiguous forms
    days={
        "أول أمس": -2,
        "أول امس": -2,
        "أمس": -1,
        "امس": -1,
        "الأمس": -1,
        "البارحة": -1,
        "غداً": 1,
    },  # fmt: skip
    last=("الماضي", "الماضية", "المنصرم", "المنصرمة"),
    next=("المقبل", "المقبلة", "القادم", "القادمة"),
    numbers={
        "ثلاثة": 3,
        "ثلاث": 3,
        "أربعة": 4,
        "اربعة": 4,
        "أربع": 4,
        "خمسة": 5,
        "خمس": 5,
        "ستة": 6,
        "ست": 6,
        "سبعة": 7,
        "سبع": 7,
        "ثمانية": 8,
        "تسعة": 9,
        "تسع": 9,
        "عشرة": 10,
        "عشر": 10,
    },  # fmt: skip
    units={
        "أيام": "day",
        "ايام": "day",
        "يوما": "day",
        "يوماً": "day",
        "أسابيع": "week",
        "اسابيع": "week",
        "أشهر": "month",
        "اشهر": "month",
        "شهور": "month",
        "سنوات": "year",
        "أعوام": "year",
        "اعوام": "year",
    },  # fmt: skip
    ago=r"قبل",
    year_before=r"عام|سنة|في\s+عام",
    anaphors={
        "في اليوم التالي": 1,
        "اليوم التالي": 1,
        "في اليوم السابق": -1,
        "اليوم السابق": -1,
    },  # fmt: skip
    this={
        "صباح اليوم": ("day", "MO"),
        "مساء اليوم": ("day", "EV"),
        "هذا الأسبوع": ("week", None),
        "هذا الاسبوع": ("week", None),
        "هذا الشهر": ("month", None),
        "هذا العام": ("year", None),
        "هذه السنة": ("year", None),
    },  # fmt: skip
    edges={
        "مطلع": "START",
        "أوائل": "START",
        "اوائل": "START",
        "بداية": "START",
        "منتصف": "MID",
        "أواخر": "END",
        "اواخر": "END",
        "نهاية": "END",
    },  # fmt: skip
    ahead=None,
)
_DUALS = {"يومين": "day", "أسبوعين": "week", "اسبوعين": "week", "شهرين": "month",
          "عامين": "year", "سنتين": "year"}  # fmt: skip
GRAMMARS = {"fr": FRENCH, "es": SPANISH, "de": GERMAN, "ar": ARABIC}


def _alt(words: Iterable[str]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_B = r"(?<![\w-])"  # a word's start: not inside a word or a hyphenated one
_E = r"(?![\w-])"
_YEAR = r"(?P<year>(?:1[89]|20)\d\d)(?!\d)"


def _rules(language: str, words: Words) -> list[tuple[re.Pattern[str], str]]:
    month = rf"(?P<month>{_alt(words.months)})"
    weekday = rf"(?P<weekday>{_alt(words.weekdays)})"
    part = rf"(?:\s+(?P<part>{_alt(PARTS)}))?"
    last_next = rf"(?P<shift>{_alt(words.last + words.next)})"
    year = _YEAR
    if language == "ar":  # "يوم الثلاثاء 12 آذار/مارس 2024", "الثلاثاء الماضي"
        year = r"(?P<year>[12١٢]\d{3})(?!\d)"
        both = rf"(?:\s*[/(]\s*(?:{_alt(words.months)})\s*\)?)?"  # "آذار/مارس"
        date = (rf"(?:(?:يوم\s+)?{weekday}\s*[،,]?\s+)?(?P<day>\d{{1,2}})\s+(?:من\s+)?"
                rf"(?:شهر\s+)?{month}{both}(?:\s+(?:(?:عام|سنة)\s+)?{year})?")  # fmt: skip
        shifted = [rf"(?:يوم\s+)?{weekday}\s+{last_next}"]
        month_year = rf"(?:شهر\s+)?{month}{both}\s+(?:(?:عام|سنة)\s+)?{year}"
    elif language == "de":  # "am Dienstag, 12. März 2024", "12. März"
        date = (rf"(?:(?:am\s+)?{weekday},?\s+)?(?:am\s+)?(?P<day>[0-3]?\d)\.\s*{month}"
                rf"(?:\s+{_YEAR})?")  # fmt: skip
        shifted = [rf"(?:am\s+)?{last_next}\s+{weekday}"]
        month_year = rf"{month}\s+{_YEAR}"
    elif language == "es":  # "el martes 12 de marzo de 2024", "el martes pasado"
        date = (rf"(?:(?:el\s+)?{weekday},?\s+)?(?:el\s+)?(?P<day>[0-3]?\d)\s+de\s+{month}"
                rf"(?:\s+(?:de|del)\s+{_YEAR})?")  # fmt: skip
        shifted = [rf"(?:el\s+)?{weekday}\s+{last_next}", rf"(?:el\s+)?{last_next}\s+{weekday}"]
        month_year = rf"{month}\s+(?:de|del)\s+{_YEAR}"
    else:  # "mardi 27 juillet 2021", "le 1er mars"
        date = (rf"(?:{weekday}\s+)?(?:le\s+)?(?P<day>1er|[0-3]?\d)\s+{month}"
                rf"(?:\s+{_YEAR})?")  # fmt: skip
        shifted = [rf"{weekday}\s+{last_next}{part}"]
        month_year = rf"{month}\s+{_YEAR}"
    count = rf"(?P<n>\d+|{_alt(words.numbers)})"
    # a month alone after its preposition: "en janvier", "au mois de mars", "en enero",
    # "im Januar" (its year is the nearest one the clause's tense allows)
    alone = {"fr": r"(?:en|au\s+mois\s+d['’e]\s*)", "es": r"(?:en|el\s+mes\s+de)\s+",
             "de": r"im\s+"}.get(language)  # fmt: skip
    rules = [
        (date, "date"),
        (month_year, "month"),
        *((pattern, "weekday") for pattern in shifted),
        (rf"(?P<rel>{_alt(words.days)}){part}", "offset"),
        (rf"{words.ago}\s+{count}\s+(?P<unit>{_alt(words.units)})", "ago"),
        (rf"(?:{words.year_before})\s+{year}", "year"),
        (rf"(?P<anaphor>{_alt(words.anaphors)})", "anaphor"),
        (rf"(?P<this>{_alt(words.this)})", "this"),
        (rf"(?P<edge>{_alt(words.edges)})\s*{month}(?:\s+(?:de\s+|del\s+)?{year})?", "edge"),
        (rf"(?P<edge>{_alt(words.edges)})\s*(?:(?:{words.year_before})\s+)?{year}", "edge"),
    ]
    if alone:
        rules.append((rf"{alone}\s*{month}", "month_alone"))
    if words.ahead:
        rules.append((rf"(?:{words.ahead})\s*{weekday}", "ahead"))
    if language == "ar":  # "قبل يومين": two days ago, in the dual
        rules.append((rf"{words.ago}\s+(?P<dual>{_alt(_DUALS)})", "dual"))
        # a conjunction or preposition written onto the first word: "وأمس", "بالأمس"
        return [(re.compile(rf"(?<![\w-])(?:[وفب](?=\w))?(?:{pattern}){_E}"), kind)
                for pattern, kind in rules]  # fmt: skip
    if language == "fr":
        rules += [
            (rf"{weekday}{part}", "weekday"),  # bare: its clause's tense points it
            (
                rf"(?:la\s+(?P<week>semaine)|le\s+(?P<month_unit>mois)|l['’](?P<year_unit>an"
                rf"|année))\s+{last_next}",
                "unit",
            ),  # fmt: skip
        ]
    return [(re.compile(rf"{_B}(?:{pattern}){_E}", re.I), kind) for pattern, kind in rules]


_COMPILED = {language: _rules(language, words) for language, words in GRAMMARS.items()}
_BARE = {"weekday"}  # kinds that need a clause's tense


def _spec(words: Words, kind: str, m: re.Match[str]) -> Spec | None:
    group = {k: v for k, v in m.groupdict().items() if v}
    part = PARTS.get(group.get("part", "").lower())
    shift = group.get("shift", "").lower()
    n = -1 if shift in words.last else 1 if shift else None
    if kind == "date":
        day = 1 if group["day"].lower() == "1er" else int(group["day"])
        weekday = words.weekdays[group["weekday"].lower()] if "weekday" in group else None
        year = int(group["year"]) if "year" in group else None
        month = words.months[group["month"].lower()]
        return Spec("date", year=year, month=month, day=day, weekday=weekday)
    if kind == "month":
        return Spec("date", year=int(group["year"]), month=words.months[group["month"].lower()])
    if kind == "month_alone":
        return Spec("date", month=words.months[group["month"].lower()])
    if kind == "weekday":
        return Spec("weekday", weekday=words.weekdays[group["weekday"].lower()], n=n, part=part)
    if kind == "offset":
        rel = group["rel"]
        if rel == "Morgen":  # German: "der Morgen" is the morning; tomorrow is "morgen"
            return None
        return Spec("offset", unit="day", n=words.days[rel.lower()], part=part)
    if kind == "unit":
        unit = "week" if "week" in group else "month" if "month_unit" in group else "year"
        return Spec("offset", unit=unit, n=n)
    if kind == "ago":
        count = group["n"].lower()
        amount = int(count) if count.isdigit() else words.numbers[count]
        return Spec("ago", unit=words.units[group["unit"].lower()], n=-amount)
    if kind == "anaphor":
        return Spec("anaphor", unit="day", n=words.anaphors[group["anaphor"].lower()])
    if kind == "this":
        unit, part = words.this[group["this"].lower()]
        return Spec("offset", unit=unit, n=0, part=part)
    if kind == "edge":
        mod = words.edges[group["edge"].lower()]
        if "month" in group:
            year = int(group["year"]) if "year" in group else None
            return Spec("date", year=year, month=words.months[group["month"].lower()], mod=mod)
        return Spec("year", year=int(group["year"]), mod=mod)
    if kind == "dual":
        return Spec("ago", unit=_DUALS[group["dual"]], n=-2)
    if kind == "ahead":  # "d'ici vendredi": by the coming Friday
        return Spec("weekday", weekday=words.weekdays[group["weekday"].lower()], n=1)
    return Spec("year", year=int(group["year"]))


def scan(text: str, language: str, tenses: bool = False) -> Iterator[Found]:
    """Every expression found in a report in `language` (fr, es or de), overlaps resolved
    (the longest first, then the earliest). `tenses`: the report's clauses carry tenses
    (a pipeline read it), so bare weekdays can be read."""
    words = GRAMMARS.get(language)
    if words is None:
        return
    found = []
    for pattern, kind in _COMPILED[language]:
        for m in pattern.finditer(text):
            if kind in _BARE and not tenses and not m.groupdict().get("shift"):
                continue
            spec = _spec(words, kind, m)
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
