"""Publication dates for articles that state none, inferred from the text and the cluster.

A report told in the past tense was written on or after every date it names
("On July 29, forces launched…" puts it on or after 29 July); one told in the
future tense before the dates it looks forward to. Those bounds come from the
article itself. The cluster adds the rest: reports on one story appear close
together, so the estimate is the date nearest the middle of the dated reports
that the article's own bounds allow, and year-less dates are read in the
cluster's year. Without a dated report in the cluster nothing is guessed: the
date stays unknown, with whatever bounds the text gives.
"""

from __future__ import annotations

import calendar
from datetime import date

from storyline.dates.grammar import Found
from storyline.dates.normalise import resolve
from storyline.model import Article, Citation, DateRange, ParsedArticle
from storyline.text import SentenceIndex

_BOUND_KINDS = ("date", "year")


def _interval(value: str) -> tuple[date, date] | None:
    """First and last day of a TIMEX3 day, month or year value."""
    try:
        if len(value) == 10:
            d = date.fromisoformat(value)
            return d, d
        if len(value) == 7 and value[4] == "-":
            year, month = int(value[:4]), int(value[5:])
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        if len(value) == 4 and value.isdigit():
            return date(int(value), 1, 1), date(int(value), 12, 31)
    except ValueError:
        return None
    return None


def _known(article: Article) -> bool:
    return article.published is not None and article.published_basis in ("metadata", "text")


def infer_published(parsed: list[ParsedArticle], found: dict[str, list[Found]]) -> list[Article]:
    """Every article, with `published` inferred where metadata and text gave none."""

    known = sorted(p.article.published for p in parsed if _known(p.article) and p.article.published)
    center = known[len(known) // 2] if known else None
    dated_ids = [p.article.id for p in parsed if _known(p.article)]
    out: list[Article] = []
    for p in parsed:
        article = p.article
        if article.published is not None:
            out.append(article)
            continue
        sentences = SentenceIndex(p)
        earliest: tuple[date, Found] | None = None
        latest: tuple[date, Found] | None = None
        for f in found.get(article.id, []):
            if f.spec.kind not in _BOUND_KINDS or (f.spec.year is None and center is None):
                continue
            if f.spec.kind == "year" and center is not None:
                continue  # "in 2018" says nothing the cluster's dated reports don't
            tense = sentences.tense(f.start, f.end)
            if tense not in ("past", "future"):
                continue
            # a year-less date is read in the cluster's year: the one nearest its middle
            resolved = resolve(f.spec, center, None, None)
            span = _interval(resolved.value.split("T")[0]) if resolved else None
            if span is None:
                continue
            if tense == "past" and (earliest is None or span[0] > earliest[0]):
                earliest = (span[0], f)
            if (
                tense == "future"
                and f.spec.kind == "date"
                and (latest is None or span[1] < latest[0])
            ):
                latest = (span[1], f)
        evidence = [
            Citation(article=article.id, start=bound[1].start, end=bound[1].end)
            for bound in (earliest, latest)
            if bound is not None
        ]
        lo = earliest[0] if earliest else None
        hi = latest[0] if latest else None
        bounds = DateRange(earliest=lo, latest=hi) if (lo or hi) else None
        if center is None:
            out.append(
                article.model_copy(
                    update={
                        "published_range": bounds,
                        "published_evidence": evidence,
                        "published_note": _note(earliest, latest, None, [], None)
                        if bounds
                        else None,
                    }
                )
            )
            continue
        estimate = center
        conflict = lo is not None and hi is not None and lo > hi
        if lo is not None and estimate < lo:
            estimate = lo
        elif hi is not None and estimate > hi and not conflict:
            estimate = hi
        out.append(
            article.model_copy(
                update={
                    "published": estimate,
                    "published_basis": "inferred",
                    "published_range": bounds,
                    "published_evidence": evidence,
                    "published_note": _note(
                        earliest, latest, center, dated_ids, estimate, conflict
                    ),
                }
            )
        )
    return out


def _note(
    earliest: tuple[date, Found] | None,
    latest: tuple[date, Found] | None,
    center: date | None,
    dated_ids: list[str],
    estimate: date | None,
    conflict: bool = False,
) -> str:
    parts = []
    if earliest:
        parts.append(f"on or after {earliest[0]} (tells '{earliest[1].text}' in the past)")
    if latest:
        parts.append(f"on or before {latest[0]} (looks forward to '{latest[1].text}')")
    if center is None:
        return "; ".join(parts) + "; no dated report in the cluster, so no date is guessed"
    reports = ", ".join(dated_ids[:5]) + (" and others" if len(dated_ids) > 5 else "")
    basis = f"the dated reports ({reports}) centre on {center}"
    if conflict:
        parts.append("these bounds conflict; the earliest is used")
    if not parts:
        return f"no date in its own text; {basis}, taken as its date"
    return "; ".join(parts) + f"; {basis}; estimate {estimate}"
