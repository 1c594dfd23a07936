"""Markdown briefing: headline, cited summary, numbered sources, skipped inputs."""

from __future__ import annotations

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
from storyline.render.events import actors, also_known_as, sides_text, toll


def _escape(text: str) -> str:
    """Keep article text from being read as Markdown markup."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def to_markdown(briefing: Briefing) -> str:
    numbers = source_numbers(briefing)
    lines = [f"# {_escape(briefing.headline.text) if briefing.headline else 'Briefing'}", ""]
    n = len(briefing.articles)
    lines += [f"*Briefing of {n} report{'s' if n != 1 else ''}.*", ""]
    new = changes_lines(briefing, numbers)
    if new:
        lines += ["## What is new", ""]
        for kind, text in new:
            shown = _escape(text)
            if kind == "item":
                lines.append(f"- {shown}")
                continue
            if lines[-1]:
                lines.append("")
            lines += [f"**{shown}**" if kind == "head" else shown, ""]
        lines.append("")
    lines += ["## Summary", ""]
    if briefing.summary:
        for item in briefing.summary:
            lines.append(f"- {_escape(item.text)} {summary_marks(item, numbers)}")
    else:
        lines.append("*No sentence qualified for the summary.*")
    lines += timeline_markdown(briefing, numbers)
    lines += places_markdown(briefing, numbers, top=PLACES_SHOWN)
    lines += events_markdown(briefing, numbers)
    lines += sources_compared_markdown(briefing, numbers)
    lines += ["", "## Sources", ""]
    languages = language_notes(briefing, numbers)
    if languages:
        lines += [f"*Languages:* {_escape(line)}  " for line in languages] + [""]
    for article in briefing.articles:
        title, details = article_line(article)
        lines.append(f"{numbers[article.id]}. **{_escape(title)}** — {_escape(details)}")
        for note in (set_aside_note(article), inferred_note(article), removed_note(article)):
            if note:
                lines.append(f"   *{_escape(note)}*")
    if briefing.skipped:
        lines += ["", "## Skipped inputs", ""]
        for skip in briefing.skipped:
            lines.append(f"- `{skip.location()}`: {skip.code} {_escape(skip.message)}")
    return "\n".join(lines) + "\n"


def timeline_markdown(briefing: Briefing, numbers: dict[str, int]) -> list[str]:
    """The timeline and date-warning sections (empty when there is nothing to show)."""
    lines: list[str] = []
    if briefing.timeline:
        lines += ["", "## Timeline", ""]
        for entry in briefing.timeline:
            lines.append(
                f"- **{entry_date(entry)}**{TIMELINE_BASIS[entry.basis]} — "
                f"{_escape(entry.text)} {markers(entry, numbers)}"
            )
        if any(e.basis == "inferred" for e in briefing.timeline):
            lines += ["", f"*{TIMELINE_LEGEND}*"]
    if briefing.date_issues:
        lines += ["", "## Date warnings", ""]
        for issue in briefing.date_issues:
            lines.append(
                f"- [{numbers.get(issue.article, '?')}] “{_escape(issue.text)}”: "
                f"{_escape(issue.note)}"
            )
    return lines


def places_markdown(
    briefing: Briefing, numbers: dict[str, int], top: int | None = None
) -> list[str]:
    """The places and the names not placed (empty when there are none).

    With `top` (the full briefing): that many places without their notes, then a
    count of the rest, and the unplaced names on one line. Without: every place
    with its note, and every unplaced name with the reason.
    """
    lines: list[str] = []
    places = briefing.places if top is None else briefing.places[:top]
    if briefing.places:
        lines += ["", "## Places", ""]
        for place in places:
            lines.append(
                f"- **{_escape(place.name)}** — {_escape(place_details(place))} "
                f"{mention_markers(place.mentions, numbers)}"
            )
            if place.note and top is None:
                lines.append(f"  *{_escape(place.note)}*")
        if len(briefing.places) > len(places):
            lines.append(f"- … and {len(briefing.places) - len(places)} more")
    if not briefing.unresolved:
        return lines
    if top is not None:
        names = ", ".join(_escape(u.name) for u in briefing.unresolved)
        return [*(lines or ["", "## Places"]), "", f"*Not placed:* {names}"]
    lines += ["", "## Not placed", ""]
    for unplaced in briefing.unresolved:
        lines.append(
            f"- **{_escape(unplaced.name)}** — {_escape(unplaced.reason)} "
            f"{mention_markers(unplaced.mentions, numbers)}"
        )
    return lines


def sources_compared_markdown(briefing: Briefing, numbers: dict[str, int]) -> list[str]:
    """The "Sources compared" section (empty when the sources were not compared)."""
    lines = sources_compared(briefing, numbers)
    if not lines:
        return []
    out = ["", "## Sources compared", ""]
    for kind, text in lines:
        if kind == "head":
            out += ["", f"### {_escape(text)}", ""]
        elif kind == "item":
            out.append(f"- {_escape(text)}")
        else:
            out += [_escape(text), ""] if out[-1] == "" else ["", _escape(text), ""]
    return out


def events_markdown(briefing: Briefing, numbers: dict[str, int]) -> list[str]:
    """The Events section: a table, one row per event, and the actors."""
    if not briefing.events:
        return ["", "## Events", "", no_events_note(briefing)]
    lines = ["", "## Events", "", "| Date | Type | Actors | Place | Toll | Sources |",
             "| --- | --- | --- | --- | --- | --- |"]  # fmt: skip
    for e in briefing.events:
        when = e.date or "?"
        if e.date_basis == "article":
            when += " (report date)"
        sides = sides_text(e)
        kind = e.sub_event_type + (" (background)" if e.background else "")
        cited = ", ".join(f"[{numbers[a]}]" for a in e.sources if a in numbers)
        cells = [when, kind, sides, e.place.name if e.place else "—", toll(e) or "—", cited]
        lines.append("| " + " | ".join(_escape(c) for c in cells) + " |")
    parties = actors(briefing)
    if parties:
        lines += ["", "Actors:", ""]
        for actor in parties:
            also = _escape(also_known_as(actor))
            lines.append(f"- **{_escape(actor.name)}**: {actor.actor_type}{also}")
    return lines
