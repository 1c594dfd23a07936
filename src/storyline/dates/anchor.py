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
from storyline.model import Article, Citation, DateRange, ParsedArticle, SourceGroup
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


Bound = tuple[date, Found, str]  # the day, the expression that sets it, its article


def _bounds(
    p: ParsedArticle, found: list[Found], center: date | None
) -> tuple[Bound | None, Bound | None]:
    """(earliest, latest) publication bounds an article's own text gives."""
    sentences = SentenceIndex(p)
    earliest: Bound | None = None
    latest: Bound | None = None
    for f in found:
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
            earliest = (span[0], f, p.article.id)
        if tense == "future" and f.spec.kind == "date" and (latest is None or span[1] < latest[0]):
            latest = (span[1], f, p.article.id)
    return earliest, latest


def infer_published(
    parsed: list[ParsedArticle],
    found: dict[str, list[Found]],
    source_groups: list[SourceGroup] | None = None,
) -> list[Article]:
    """Every article, with `published` inferred where metadata and text gave none. Copies
    of one wire story (`source_groups`) are dated together, from the union of their
    evidence: the same sentence never lands on two days because one copy cut it."""
    known = sorted(p.article.published for p in parsed if _known(p.article) and p.article.published)
    center = known[len(known) // 2] if known else None
    dated_ids = [p.article.id for p in parsed if _known(p.article)]
    own = {
        p.article.id: _bounds(p, found.get(p.article.id, []), center)
        for p in parsed
        if p.article.published is None
    }
    group_of = {
        a: g.articles for g in source_groups or [] if len(g.articles) > 1 for a in g.articles
    }
    by_id = {p.article.id: p.article for p in parsed}
    out: list[Article] = []
    for p in parsed:
        article = p.article
        if article.published is not None:
            out.append(article)
            continue
        filed = _dateline_day(article, center)
        if filed is not None:
            # the dateline says the day it was filed; only its year comes from the cluster
            assert article.dateline is not None
            out.append(
                article.model_copy(
                    update={
                        "published": filed,
                        "published_basis": "inferred",
                        "published_note": f"its dateline '{article.dateline.text}' gives the "
                        f"day; the year is the one nearest the dated reports' middle ({center})",
                    }
                )
            )
            continue
        copies = [a for a in group_of.get(article.id, [article.id]) if a in own]
        lows = [b for a in copies if (b := own[a][0]) is not None]
        highs = [b for a in copies if (b := own[a][1]) is not None]
        earliest = max(lows, key=_day) if lows else None
        latest = min(highs, key=_day) if highs else None
        evidence = [
            Citation(article=bound[2], start=bound[1].start, end=bound[1].end)
            for bound in (earliest, latest)
            if bound is not None
        ]
        lo = earliest[0] if earliest else None
        hi = latest[0] if latest else None
        bounds = DateRange(earliest=lo, latest=hi) if (lo or hi) else None
        # a copy whose wire story another copy dates by its metadata: that copy's date
        dated_copy = sorted(
            (by_id[a].published, a)
            for a in group_of.get(article.id, [])
            if _known(by_id[a]) and by_id[a].published is not None
        )
        middle = dated_copy[0][0] if dated_copy else center
        if middle is None:
            out.append(
                article.model_copy(
                    update={
                        "published_range": bounds,
                        "published_evidence": evidence,
                        "published_note": _note(earliest, latest, None, [], None, copies=copies)
                        if bounds
                        else None,
                    }
                )
            )
            continue
        estimate = middle
        conflict = lo is not None and hi is not None and lo > hi
        if lo is not None and estimate < lo:
            estimate = lo
        elif hi is not None and estimate > hi and not conflict:
            estimate = hi
        reference = [dated_copy[0][1]] if dated_copy else dated_ids
        out.append(
            article.model_copy(
                update={
                    "published": estimate,
                    "published_basis": "inferred",
                    "published_range": bounds,
                    "published_evidence": evidence,
                    "published_note": _note(
                        earliest, latest, middle, reference, estimate, conflict,
                        copies=copies, copy_dated=bool(dated_copy),
                    ),
                }
            )
        )  # fmt: skip
    return out


def _dateline_day(article: Article, center: date | None) -> date | None:
    """The day a year-less dateline ("PORT KESSEL, March 14") gives, in the year that puts
    it nearest the cluster's dated reports; None without both."""
    line = article.dateline
    if line is None or line.month is None or line.day is None or center is None:
        return None
    days = []
    for year in (center.year - 1, center.year, center.year + 1):
        try:
            days.append(date(year, line.month, line.day))
        except ValueError:
            continue  # 29 February
    return min(days, key=lambda d: abs((d - center).days), default=None)


def _day(bound: Bound) -> date:
    return bound[0]


def _note(
    earliest: Bound | None,
    latest: Bound | None,
    center: date | None,
    dated_ids: list[str],
    estimate: date | None,
    conflict: bool = False,
    *,
    copies: list[str] | None = None,
    copy_dated: bool = False,
) -> str:
    parts = []
    if earliest:
        where = f" in {earliest[2]}" if copies and len(copies) > 1 else ""
        parts.append(f"on or after {earliest[0]} (tells '{earliest[1].text}'{where} in the past)")
    if latest:
        where = f" in {latest[2]}" if copies and len(copies) > 1 else ""
        parts.append(f"on or before {latest[0]} (looks forward to '{latest[1].text}'{where})")
    if copies and len(copies) > 1:
        parts.append(f"dated with its copies of one wire story ({', '.join(copies)})")
    if center is None:
        return "; ".join(parts) + "; no dated report in the cluster, so no date is guessed"
    reports = ", ".join(dated_ids[:5]) + (" and others" if len(dated_ids) > 5 else "")
    if copy_dated:
        basis = f"its copy {reports} is dated {center}"
    else:
        basis = f"the dated reports ({reports}) centre on {center}"
    if conflict:
        parts.append("these bounds conflict; the earliest is used")
    if not parts:
        return f"no date in its own text; {basis}, taken as its date"
    return "; ".join(parts) + f"; {basis}; estimate {estimate}"
