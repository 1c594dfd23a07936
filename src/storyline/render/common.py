"""Pieces every human-readable format shares: source numbers and article lines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from storyline.model import Article, Briefing, Citation, Place, PlaceMention, TimelineEntry

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


PLACES_SHOWN = 12  # places listed in a full briefing; `storyline places` lists them all


def mention_markers(mentions: Sequence[PlaceMention], numbers: dict[str, int]) -> str:
    """ "[1][3]": the sources that name a place, in source order."""
    return "".join(f"[{n}]" for n in sorted({numbers[m.article] for m in mentions}))


def place_details(place: Place) -> str:
    """What a place is and where: "city · -21.5355, -64.7296 · BO / Tarija · within X ·
    confidence 0.84 · 7 mentions"."""
    parts = [place.feature, f"{place.lat:.4f}, {place.lon:.4f}"]
    area = " / ".join(p for p in (place.country_code, place.admin1) if p)
    if area:
        parts.append(area)
    if place.within:
        parts.append(f"within {place.within}")
    n = len(place.mentions)
    parts += [f"confidence {place.confidence:.2f}", f"{n} mention{'s' if n != 1 else ''}"]
    return " · ".join(parts)
