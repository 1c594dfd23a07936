"""Discrepancies: where the reports give different figures or dates for what may be one thing.

Three kinds:
- `figure`: counts of one thing that differ between independent sources:
  checkpoints demanded (9 in one report; 3, 7 and 10 in another), people
  killed. Casualty figures are grouped by what they count (killed, wounded,
  displaced), every other figure by the noun it counts. Each value keeps its
  sentence, the date that sentence speaks of and its bound ("at least"), so
  the reader sees its scope: figures are never added up or merged.
- `date`: sentences of one claim, from independent sources, dated to
  different days (found by the claims step; listed here with their values).
- `copy`: two copies of one wire story that differ in a date, a time word or a
  figure ("despite agreeing earlier this week" / "last week"), or where one copy
  has a figure or a date the other lacks.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from typing import Literal

from storyline.dates.datings import Dating
from storyline.model import (
    Citation,
    Claim,
    Discrepancy,
    Figure,
    FigureValue,
    ParsedArticle,
    Sentence,
    SentenceGroup,
    TimeExpression,
)
from storyline.nlp.figures import CASUALTY_TOPICS
from storyline.sources.claims import Unit

CASUALTY_NOTE = (
    "Reports give different figures for people {topic}. They may count different incidents, "
    "days or groups: each is shown with its sentence and date, and none is added to another."
)
FIGURE_NOTE = "Reports give different numbers of {topic}: {values}."
COPY_NOTE = "Copies of one wire story differ: {changes}."
DATE_NOTE = "Independent reports of one claim give different days: {values}."


def _value(v: float) -> float | int:
    return int(v) if float(v).is_integer() else v


def _figure_value(
    f: Figure,
    sentence: Sentence,
    dates: dict[tuple[str, int], str],
    published: dict[str, str | None],
) -> FigureValue:
    """A figure as a discrepancy or the context lists it: with its sentence and the date
    that sentence speaks of."""
    when, basis = _date_of(sentence, dates, published)
    return FigureValue(
        value=_value(f.value), unit=f.unit, text=sentence.text,
        citation=Citation(article=f.article, start=sentence.start, end=sentence.end),
        article=f.article, written=f.text, bound=f.bound, date=when, date_from=basis,
        scope=f.scope,
    )  # fmt: skip


def _date_of(
    sentence: Sentence, dates: dict[tuple[str, int], str], published: dict[str, str | None]
) -> tuple[str | None, Literal["text", "report"] | None]:
    if own := dates.get((sentence.article, sentence.index)):
        return own, "text"
    report = published.get(sentence.article)
    return report, "report" if report else None


def sentence_dates(datings: list[Dating]) -> dict[tuple[str, int], str]:
    """The date each dated sentence speaks of (the first, preferring a happening over a telling)."""
    dates: dict[tuple[str, int], str] = {}
    for d in sorted(datings, key=lambda d: d.attribution):
        dates.setdefault((d.sentence.article, d.sentence.index), d.key.value)
    return dates


def figure_discrepancies(
    parsed: list[ParsedArticle],
    members: list[list[Unit]],
    claims: list[Claim],
    source_of: dict[str, str],
    dates: dict[tuple[str, int], str],
    context: set[tuple[str, int]],
) -> list[Discrepancy]:
    """Figures of one claim that independent sources give differently: never figures of
    two claims (two incidents may have two tolls), never a running or war-wide toll
    (`context`: (article, start) of such figures)."""
    figures: dict[str, list[Figure]] = defaultdict(list)
    for p in parsed:
        figures[p.article.id].extend(f for f in p.figures if (f.article, f.start) not in context)
    sentence_at = {(s.article, s.index): s for p in parsed for s in p.sentences}
    published = {
        p.article.id: p.article.published.isoformat() if p.article.published else None
        for p in parsed
    }
    found = []
    for claim, units in zip(claims, members, strict=True):
        if claim.independent_sources < 2:
            continue
        by_key: dict[str, dict[str, Figure]] = defaultdict(dict)
        for u in units:
            for c in u.citations:
                for f in figures[c.article]:
                    if c.start <= f.start < c.end:
                        key = f.topic if f.topic in CASUALTY_TOPICS else (f.unit or f.topic)
                        by_key[key].setdefault(
                            f"{source_of.get(c.article, c.article)}:{f.value}", f
                        )
        for key, kept in by_key.items():
            values = {f.value for f in kept.values()}
            sources = {k.split(":")[0] for k in kept}
            if len(values) < 2 or len(sources) < 2:
                continue
            entries = [
                _figure_value(f, sentence_at[(f.article, f.sentence)], dates, published)
                for f in kept.values()
            ]
            topic = key if key in CASUALTY_TOPICS else next(iter(kept.values())).topic
            note = (
                CASUALTY_NOTE.format(topic=key)
                if key in CASUALTY_TOPICS
                else FIGURE_NOTE.format(topic=topic, values=_listing(entries))
            )
            found.append(Discrepancy(topic=topic, kind="figure", values=entries, note=note))
    return found


def context_figures(
    parsed: list[ParsedArticle], dates: dict[tuple[str, int], str]
) -> tuple[list[FigureValue], set[tuple[str, int]]]:
    """Running, episode and war-wide tolls ("Fifteen civilians have been killed" since it
    began; "the deadliest flareup in three years killed 28 people"; "at least 600,000 ...
    throughout the Syrian conflict"): figures that count more than one incident. Listed
    apart, as context, and never set against an incident's toll. Also returns where they
    stand, (article, start)."""
    sentence_at = {(s.article, s.index): s for p in parsed for s in p.sentences}
    published = {
        p.article.id: p.article.published.isoformat() if p.article.published else None
        for p in parsed
    }
    out, where = [], set()
    for p in parsed:
        for predicate in p.predicates:
            if predicate.mood not in ("cumulative", "episode"):
                continue
            for n in predicate.figures:
                if n >= len(p.figures):
                    continue
                f = p.figures[n]
                where.add((f.article, f.start))
                out.append(_figure_value(f, sentence_at[(f.article, f.sentence)], dates, published))
    return out, where


def _listing(entries: list[FigureValue]) -> str:
    by_article: dict[str, list[str]] = defaultdict(list)
    for e in entries:
        by_article[e.article].append(f"{e.value}")
    return "; ".join(f"{', '.join(v)} ({a})" for a, v in by_article.items())


def copy_discrepancies(
    parsed: list[ParsedArticle],
    groups: list[SentenceGroup],
    expressions: list[TimeExpression],
) -> list[Discrepancy]:
    """Copies of one sentence in different articles that differ in a date or a figure."""
    by_article: dict[str, list[Mark]] = defaultdict(list)
    for e in expressions:
        by_article[e.article].append((e.start, e.end, e.value, e.text))
    for p in parsed:
        for f in p.figures:
            by_article[f.article].append((f.start, f.end, _value(f.value), f.text))
    found = []
    for group in groups:
        first = group.members[0]
        for other in group.members[1:]:
            if other.article == first.article:
                continue
            changes = _changes(first, other, by_article)
            if not changes:
                continue
            values = []
            described = []
            for sentence, change in ((first, changes[0]), (other, changes[1])):
                values.append(
                    FigureValue(
                        value=change[0],
                        written=change[1] or None,
                        text=sentence.text,
                        citation=Citation(
                            article=sentence.article, start=sentence.start, end=sentence.end
                        ),
                        article=sentence.article,
                    )
                )
                described.append(
                    f'{sentence.article}: "{change[1]}"'
                    if change[1]
                    else f"{sentence.article}: (not given)"
                )
            found.append(
                Discrepancy(
                    topic="wire copies differ",
                    kind="copy",
                    values=values,
                    note=COPY_NOTE.format(changes=" / ".join(described)),
                )
            )
    return found


_WORD = re.compile(r"\S+")
Mark = tuple[int, int, "float | int | str", str]  # start, end, value, words as written


def _changes(
    a: Sentence, b: Sentence, marked: dict[str, list[Mark]]
) -> tuple[tuple[float | int | str | None, str], tuple[float | int | str | None, str]] | None:
    """The first changed stretch of two copies that touches a date or a figure in either:
    ((value in a, words in a), (value in b, words in b))."""
    words_a = [(m.start() + a.start, m.end() + a.start, m.group()) for m in _WORD.finditer(a.text)]
    words_b = [(m.start() + b.start, m.end() + b.start, m.group()) for m in _WORD.finditer(b.text)]
    matcher = difflib.SequenceMatcher(
        a=[_norm(w[2]) for w in words_a], b=[_norm(w[2]) for w in words_b], autojunk=False
    )
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        span_a = (words_a[i1][0], words_a[i2 - 1][1]) if i2 > i1 else None
        span_b = (words_b[j1][0], words_b[j2 - 1][1]) if j2 > j1 else None
        hit_a = _hit(span_a, marked.get(a.article, []))
        hit_b = _hit(span_b, marked.get(b.article, []))
        if hit_a is None and hit_b is None:
            continue
        if hit_a is not None and hit_b is not None and hit_a[0] == hit_b[0]:
            continue  # "on Tuesday" / "on July 27": written differently, the same date
        return (
            (hit_a[0] if hit_a else None, hit_a[1] if hit_a else ""),
            (hit_b[0] if hit_b else None, hit_b[1] if hit_b else ""),
        )
    return None


def _norm(word: str) -> str:
    return re.sub(r"\W+", "", word.casefold())


def _hit(span: tuple[int, int] | None, marked: list[Mark]) -> tuple[float | int | str, str] | None:
    if span is None:
        return None
    for start, end, value, text in marked:
        if start < span[1] and span[0] < end:
            return value, text
    return None


def date_discrepancies(
    other_days: list[tuple[Unit, Unit]],
    parsed: list[ParsedArticle],
    source_of: dict[str, str],
) -> list[Discrepancy]:
    """Independent reports that state one claim but give it different days (the claims step
    keeps such pairs apart and hands them here)."""
    found: dict[frozenset[str], Discrepancy] = {}
    for a, b in other_days:
        if source_of.get(a.proposition.article) == source_of.get(b.proposition.article):
            continue
        values = [
            FigureValue(
                value=sorted(u.days)[0],
                text=u.proposition.text,
                citation=u.citations[0],
                article=u.proposition.article,
                date=sorted(u.days)[0],
                date_from="text",
            )
            for u in (a, b)
        ]
        key = frozenset(v.value for v in values if isinstance(v.value, str))
        shown = "; ".join(f"{v.value} ({v.article})" for v in values)
        found.setdefault(
            key,
            Discrepancy(
                topic=f"date: {a.proposition.text[:80]}",
                kind="date",
                values=values,
                note=DATE_NOTE.format(values=shown),
            ),
        )
    return list(found.values())
