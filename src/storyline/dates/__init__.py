"""Time: temporal expressions, publication dates and date warnings.

`resolve_dates` runs after the NLP pass. For each article it finds the time
expressions with our grammar (`grammar.scan`), decides which way each points
from the clause's tense (`Sentence.clauses`), infers a publication date for
articles that state none (`anchor.infer_published`), and normalises every
expression to a TIMEX3 value (`normalise.resolve`). Dates that do not add up
(a weekday that does not fit its date, 31 February, a past event after the
report's own date) become `DateIssue`s; nothing is moved to make it fit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from storyline.dates.grammar import Found, scan
from storyline.dates.normalise import Resolved, resolve
from storyline.languages import language_of
from storyline.model import (
    Article,
    DateIssue,
    Datings,
    IssueKind,
    Mention,
    ParsedArticle,
    SourceGroup,
    Tense,
    TimeExpression,
)
from storyline.text import WEEKDAYS, SentenceIndex

__all__ = [
    "Dated",
    "find_expressions",
    "plain_article",
    "resolve_dates",
]

_WEEKDAY_NAMES = {v: k.capitalize() for k, v in WEEKDAYS.items()}
_YEAR_BEFORE = re.compile(
    r"(?:\b(?:in|since|until|till|by|of|from|to|between|and|or|before|after|during|early|late"
    r"|mid|the|summer|spring|winter|autumn|fall|year|through|circa|c\.)\s*-?|[(\u2013-])\s*$",
    re.I,
)
_NOT_YEAR_BEFORE = re.compile(
    r"(?:[$€£#]|\bNo\.?|\bnumber|\bresolution|\bResolution|\bflight|\bFlight|\broute|\bRoute"
    r"|\bpage|\bp\.|\bat|\bArticle|\barticle|\bRoom|\broom|\bModel|\bmodel|\bcode|\bLaw|\blaw)"
    r"\s*$"
)
_NOT_YEAR_AFTER = re.compile(
    r"^\s*(?:%|percent|per\s*cent|people|persons|troops|soldiers|civilians|km|kilomet|miles"
    r"|metres|meters|feet|tons|tonnes|dollars|euros|pounds|votes|seats|members|units|barrels)\b",
    re.I,
)


@dataclass(frozen=True)
class Dated:
    """What the dates stage produces."""

    dated: list[ParsedArticle]  # the parses, their articles carrying a publication date
    time_expressions: list[TimeExpression]
    date_issues: list[DateIssue]
    datings: Datings  # the sentences that date something, and to what


def _confirmed_year(text: str, found: Found, dates: list[Mention]) -> bool:
    before = text[max(0, found.start - 16) : found.start]
    after = text[found.end : found.end + 24]
    if _NOT_YEAR_BEFORE.search(before) or _NOT_YEAR_AFTER.match(after):
        return False
    if re.match(r"^\s*[-/]\s*\d", after) or re.search(r"\d\s*[-/:.,]\s*$", before):
        return False  # part of a longer number, a score or a range of counts
    if _YEAR_BEFORE.search(before):
        return True
    if re.match(r"^\s+[a-z]+s\b", after) and not re.search(
        r"\b(?:the|its|their|his|her|this|that|a|an)\s*$", before, re.I
    ):
        return False  # "1850 points": a count of things; "the 2018 elections" stays a year
    return any(m.start <= found.start and found.end <= m.end for m in dates)


def candidates(parsed: ParsedArticle) -> list[Found]:
    """The grammar's finds in an article, bare years only where the text reads as a year."""
    text = parsed.article.text
    dates = [m for m in parsed.mentions if m.label in ("DATE", "TIME")]
    return [f for f in scan(text) if not f.needs_confirmation or _confirmed_year(text, f, dates)]


def _finds(parsed: ParsedArticle, english: bool) -> list[Found]:
    """English reports: the English grammar; French, Spanish and German ones: theirs, bare
    weekdays only where a pipeline gave the clauses their tenses."""
    if english:
        return candidates(parsed)
    if parsed.article.not_report is not None:
        return []
    from storyline.dates import foreign

    language = language_of(parsed.article)
    return list(foreign.scan(parsed.article.text, language, tenses=parsed.pipeline is not None))


def find_expressions(
    parsed: ParsedArticle,
    anchor: date | None,
    found: list[Found] | None = None,
) -> tuple[list[TimeExpression], list[DateIssue]]:
    """Normalise an article's time expressions against `anchor` (its date, or None).

    Anaphoric expressions ("the day before") count from the last day named before them.
    """
    article = parsed.article
    basis = article.published_basis if anchor is not None else None
    expressions: list[TimeExpression] = []
    issues: list[DateIssue] = []
    sentences = SentenceIndex(parsed)
    reference = anchor
    point: tuple[date, int] | None = None  # the last year, month or day named, its parts
    quarter: tuple[str, int] | None = None  # the last quarter named, and where
    for f in found if found is not None else candidates(parsed):
        tense = sentences.tense(f.start, f.end)
        base = reference
        if f.spec.value == "that":  # "that year": of the last date named, if any
            if point is None:
                continue
            base = point[0] if point[1] >= (2 if f.spec.unit == "month" else 1) else reference
        resolved = resolve(f.spec, anchor, tense, base)
        if resolved is not None and quarter and f.start - quarter[1] < _year_back(f):
            # "third-quarter profit fell from a year earlier": the same quarter, a year back
            year, q = int(quarter[0][:4]), quarter[0][5:]
            resolved = Resolved("DATE", f"{year - 1:04d}-{q}", uses_anchor=resolved.uses_anchor)
        if resolved is None:
            if f.spec.kind == "date" and f.spec.day is not None:
                issues.append(
                    _issue(
                        article,
                        f,
                        "impossible_date",
                        f.text,
                        f"'{f.text}' is not a day of the calendar; not used as a date",
                    )
                )
            continue
        if resolved.day is not None:
            reference = resolved.day
        if named := _POINT.match(resolved.value):
            parts = 1 + sum(g is not None for g in named.groups()[1:])
            point = (date(int(named[1]), int(named[2] or 1), int(named[3] or 1)), parts)
        if re.fullmatch(r"\d{4}-Q\d", resolved.value) and not _year_back(f):
            quarter = (resolved.value, f.end)
        expressions.append(
            TimeExpression(
                article=article.id,
                text=f.text,
                start=f.start,
                end=f.end,
                type=resolved.type,
                value=resolved.value,
                mod=resolved.mod,
                anchor=anchor if resolved.uses_anchor else None,
                anchor_basis=basis if resolved.uses_anchor else None,
            )
        )
        issue = _check(article, f, resolved, tense)
        if issue is not None:
            issues.append(issue)
    return expressions, issues


_POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T|$)")


def _year_back(f: Found) -> int:
    """How far back (in characters) a quarter may stand for a "year ago" to mean it."""
    if f.spec.unit != "year" or f.spec.n != -1:
        return 0
    if f.spec.kind in ("ago", "anaphor"):
        return 400  # "a year ago", "a year earlier", "the year-earlier quarter"
    return 150 if f.spec.kind == "offset" else 0  # "up from last year" beside a quarter


def _check(article: Article, f: Found, resolved: Resolved, tense: Tense | None) -> DateIssue | None:
    day = resolved.day
    if day is None:
        return None
    if resolved.stated_weekday is not None and day.isoweekday() != resolved.stated_weekday:
        stated = _WEEKDAY_NAMES[resolved.stated_weekday]
        actual = _WEEKDAY_NAMES[day.isoweekday()]
        where = "stated" if f.spec.year is not None else "the year the context sets"
        return _issue(
            article,
            f,
            "weekday_mismatch",
            day.isoformat(),
            f"{day:%d %B %Y} ({where}) is a {actual}, not a {stated}; the date is kept as written",
        )
    if (
        tense == "past"
        and article.published is not None
        and article.published_basis in ("metadata", "text")
        and f.spec.kind == "date"
        and day > article.published
    ):
        return _issue(
            article,
            f,
            "after_publication",
            day.isoformat(),
            f"told in the past tense but after the report's date {article.published}",
        )
    return None


def _issue(article: Article, f: Found, kind: IssueKind, value: str, note: str) -> DateIssue:
    return DateIssue(
        article=article.id,
        text=f.text,
        start=f.start,
        end=f.end,
        kind=kind,
        value=value,
        note=note,
    )


def resolve_dates(
    parsed: list[ParsedArticle], source_groups: list[SourceGroup] | None = None
) -> Dated:
    """Infer missing publication dates (copies of one wire story together), normalise every
    article's expressions, and find the sentences they date."""
    from storyline.dates.anchor import infer_published
    from storyline.dates.datings import datings
    from storyline.languages import analysed

    # no English grammar is run over a report in another language; French has its own
    found = {p.article.id: _finds(p, analysed(p.article)) for p in parsed}
    articles = infer_published(parsed, found, source_groups)
    issues: list[DateIssue] = _copies_disagree(parsed, source_groups or [])
    updated = [p.model_copy(update={"article": a}) for p, a in zip(parsed, articles, strict=True)]
    expressions: list[TimeExpression] = []
    for p in updated:
        exprs, probs = find_expressions(p, p.article.published, found[p.article.id])
        expressions.extend(exprs)
        issues.extend(probs)
    return Dated(
        dated=updated,
        time_expressions=expressions,
        date_issues=issues,
        datings=datings(updated, expressions),
    )


COPY_DAYS = 1  # copies of one wire story run a day apart across time zones; more is news


def _copies_disagree(parsed: list[ParsedArticle], groups: list[SourceGroup]) -> list[DateIssue]:
    """Copies of one wire story whose own dates (metadata or text) lie more than a day
    apart: a date discrepancy, set on the later copy at its first sentence."""
    by_id = {p.article.id: p for p in parsed}
    issues = []
    for group in groups:
        dated = sorted(
            (by_id[a].article.published, a)
            for a in group.articles
            if a in by_id
            and by_id[a].article.published is not None
            and by_id[a].article.published_basis in ("metadata", "text")
        )
        if len(dated) < 2:
            continue
        first_day, first = dated[0]
        for day, later in dated[1:]:
            assert day is not None and first_day is not None
            if (day - first_day).days <= COPY_DAYS or not by_id[later].sentences:
                continue
            lead = by_id[later].sentences[0]
            issues.append(
                DateIssue(
                    article=later,
                    text=lead.text,
                    start=lead.start,
                    end=lead.end,
                    kind="copies_disagree",
                    value=day.isoformat(),
                    note=f"a copy of the wire story {first} dated {first_day}; this copy is "
                    f"dated {day}: the two dates differ",
                )
            )
    return issues


def plain_article(text: str, dct: date | None) -> Article:
    """A plain text as an article dated `dct` (or undated), for `api.tag_text` and benchmarks."""
    return Article(
        id="doc",
        source="doc",
        title=None,
        outlet=None,
        published=dct,
        published_basis="metadata" if dct else "unknown",
        text=text,
    )
