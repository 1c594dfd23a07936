"""Pieces every human-readable format shares: source numbers and article lines."""

from __future__ import annotations

from datetime import date
from typing import Protocol

from storyline.model import Article, Briefing, Citation, TimelineEntry

BASIS_NOTE = {
    "metadata": "",
    "text": " (date from the text)",
    "inferred": " (date inferred)",
    "unknown": "",
}


def source_numbers(briefing: Briefing) -> dict[str, int]:
    """Articles are numbered 1..n in input order; markers [n] point at them."""
    return {a.id: n for n, a in enumerate(briefing.articles, 1)}


class Cited(Protocol):
    @property
    def citations(self) -> list[Citation]: ...


def markers(item: Cited, numbers: dict[str, int]) -> str:
    seen: list[int] = []
    for c in item.citations:
        n = numbers[c.article]
        if n not in seen:
            seen.append(n)
    return "".join(f"[{n}]" for n in sorted(seen))


def article_line(article: Article) -> tuple[str, str]:
    """(title, details) of a source: title, then outlet, date and id."""
    title = article.title or "(untitled)"
    parts = []
    if article.outlet:
        parts.append(article.outlet)
    if article.published:
        parts.append(article.published.isoformat() + BASIS_NOTE[article.published_basis])
    elif article.published_range and article.published_range.earliest:
        parts.append(f"date unknown, on or after {article.published_range.earliest}")
    else:
        parts.append("date unknown")
    parts.append(article.id)
    return title, " · ".join(parts)


def removed_note(article: Article) -> str | None:
    n = len(article.removed)
    if not n:
        return None
    return f"{n} line{'s' if n != 1 else ''} of page furniture removed"


TIMELINE_BASIS = {"stated": "", "relative": "", "inferred": " ≈"}
TIMELINE_LEGEND = "≈ the date is read against a report date that was inferred, not stated"


def entry_date(entry: TimelineEntry) -> str:
    """ "2021-07-27 Tue", "2021-07" or "2021"."""
    if entry.granularity == "day":
        return f"{entry.date} {date.fromisoformat(entry.date):%a}"
    return entry.date


def inferred_note(article: Article) -> str | None:
    if article.published_basis != "inferred" or not article.published_note:
        return None
    return f"date inferred: {article.published_note}"
