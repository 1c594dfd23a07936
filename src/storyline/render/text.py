"""Plain-text briefing for a terminal, wrapped to a readable width."""

from __future__ import annotations

import textwrap

from storyline.model import Briefing
from storyline.render.common import (
    PLACES_SHOWN,
    TIMELINE_BASIS,
    TIMELINE_LEGEND,
    article_line,
    changes_lines,
    entry_date,
    inferred_note,
    language_notes,
    markers,
    mention_markers,
    no_events_note,
    place_details,
    removed_note,
    set_aside_note,
    source_numbers,
    sources_compared,
    summary_marks,
)
from storyline.render.events import actors, also_known_as, event_line

WIDTH = 88


def to_text(briefing: Briefing) -> str:
    numbers = source_numbers(briefing)
    headline = briefing.headline.text if briefing.headline else "Briefing"
    out = [headline, "=" * min(len(headline), WIDTH), ""]
    new = changes_lines(briefing, numbers)
    if new:
        out += ["WHAT IS NEW", ""]
        for kind, text in new:
            first, rest = ("  * ", "    ") if kind == "item" else ("  ", "  ")
            out += textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest)
        out.append("")
    out += ["SUMMARY", ""]
    if briefing.summary:
        for item in briefing.summary:
            out += textwrap.wrap(
                f"{item.text} {summary_marks(item, numbers)}",
                WIDTH,
                initial_indent="  * ",
                subsequent_indent="    ",
            )
    else:
        out.append("  (no sentence qualified for the summary)")
    out += timeline_text(briefing, numbers)
    out += places_text(briefing, numbers, top=PLACES_SHOWN)
    out += events_text(briefing, numbers)
    out += sources_compared_text(briefing, numbers)
    out += ["", "SOURCES", ""]
    for line in language_notes(briefing, numbers):
        out += textwrap.wrap(f"Language: {line}", WIDTH, initial_indent="  ",
                             subsequent_indent="    ")  # fmt: skip
    for article in briefing.articles:
        title, details = article_line(article)
        number = f"[{numbers[article.id]}] "
        indent = " " * (2 + len(number))
        out += textwrap.wrap(title, WIDTH, initial_indent="  " + number, subsequent_indent=indent)
        out.append(indent + details)
        for note in (set_aside_note(article), inferred_note(article), removed_note(article)):
            if note:
                out += textwrap.wrap(note, WIDTH, initial_indent=indent, subsequent_indent=indent)
    if briefing.skipped:
        out += ["", "SKIPPED", ""]
        for skip in briefing.skipped:
            out += textwrap.wrap(
                f"{skip.location()}: {skip.code} {skip.message}",
                WIDTH,
                initial_indent="  ",
                subsequent_indent="    ",
            )
    return "\n".join(out) + "\n"


def timeline_text(briefing: Briefing, numbers: dict[str, int]) -> list[str]:
    """The TIMELINE and DATE WARNINGS sections (empty when there is nothing to show)."""
    out: list[str] = []
    if briefing.timeline:
        out += ["", "TIMELINE", ""]
        for entry in briefing.timeline:
            head = f"  {entry_date(entry) + TIMELINE_BASIS[entry.basis]:17} "
            out += textwrap.wrap(
                f"{entry.text} {markers(entry, numbers)}",
                WIDTH,
                initial_indent=head,
                subsequent_indent=" " * len(head),
            )
        if any(e.basis == "inferred" for e in briefing.timeline):
            out += ["", "  " + TIMELINE_LEGEND]
    if briefing.date_issues:
        out += ["", "DATE WARNINGS", ""]
        for issue in briefing.date_issues:
            out += textwrap.wrap(
                f'[{numbers.get(issue.article, "?")}] "{issue.text}": {issue.note}',
                WIDTH,
                initial_indent="  ",
                subsequent_indent="    ",
            )
    return out


def places_text(briefing: Briefing, numbers: dict[str, int], top: int | None = None) -> list[str]:
    """The PLACES and NOT PLACED sections (empty when there is nothing to show).

    With `top` (the full briefing): that many places without their notes, then a
    count of the rest, and the unplaced names on one line. Without: every place
    with its note, and every unplaced name with the reason.
    """
    out: list[str] = []
    places = briefing.places if top is None else briefing.places[:top]
    if briefing.places:
        out += ["", "PLACES", ""]
        for place in places:
            out += textwrap.wrap(
                f"{place.name} — {place_details(place)} {mention_markers(place.mentions, numbers)}",
                WIDTH,
                initial_indent="  * ",
                subsequent_indent="    ",
            )
            if place.note and top is None:
                out += textwrap.wrap(  # deeper than the place line's own wrap
                    place.note, WIDTH, initial_indent="      ", subsequent_indent="      "
                )
        if len(briefing.places) > len(places):
            out.append(f"  … and {len(briefing.places) - len(places)} more")
    if not briefing.unresolved:
        return out
    if top is not None:
        names = ", ".join(u.name for u in briefing.unresolved)
        out = [*(out or ["", "PLACES"]), ""]
        return out + textwrap.wrap(
            f"Not placed: {names}", WIDTH, initial_indent="  ", subsequent_indent="    "
        )
    out += ["", "NOT PLACED", ""]
    for unplaced in briefing.unresolved:
        out += textwrap.wrap(
            f"{unplaced.name} — {unplaced.reason} {mention_markers(unplaced.mentions, numbers)}",
            WIDTH,
            initial_indent="  * ",
            subsequent_indent="    ",
        )
    return out


def sources_compared_text(briefing: Briefing, numbers: dict[str, int]) -> list[str]:
    """The SOURCES COMPARED section (empty when the sources were not compared)."""
    lines = sources_compared(briefing, numbers)
    if not lines:
        return []
    out = ["", "SOURCES COMPARED", ""]
    for kind, text in lines:
        if kind == "head":
            out += ["", "  " + text, ""]
        elif kind == "item":
            out += textwrap.wrap(text, WIDTH, initial_indent="  * ", subsequent_indent="    ")
        else:
            out += textwrap.wrap(text, WIDTH, initial_indent="  ", subsequent_indent="  ")
    return out


def events_text(briefing: Briefing, numbers: dict[str, int]) -> list[str]:
    """The EVENTS section: one wrapped line per event, and the actors."""
    if not briefing.events:
        return ["", "EVENTS", "", *textwrap.wrap(no_events_note(briefing), WIDTH)]
    out = ["", "EVENTS", ""]
    for event in briefing.events:
        out += textwrap.wrap(
            event_line(event, numbers), WIDTH, initial_indent="  * ", subsequent_indent="    "
        )
    parties = actors(briefing)
    if parties:
        out += ["", "  Actors:"]
        for e in parties:
            out += textwrap.wrap(
                f"{e.name}: {e.actor_type}{also_known_as(e)}", WIDTH, initial_indent="  - ",
                subsequent_indent="    ",
            )  # fmt: skip
    return out
