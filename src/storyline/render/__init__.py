"""Render a Briefing as JSON, Markdown or terminal text. Formatting only, no computation."""

from __future__ import annotations

import json
from typing import Literal

from storyline.model import Briefing
from storyline.render.common import source_numbers
from storyline.render.geojson import to_geojson
from storyline.render.markdown import (
    events_markdown,
    places_markdown,
    sources_compared_markdown,
    timeline_markdown,
    to_markdown,
)
from storyline.render.text import (
    events_text,
    places_text,
    sources_compared_text,
    timeline_text,
    to_text,
)

Format = Literal["json", "md", "text"]
FORMATS: tuple[Format, ...] = ("json", "md", "text")

__all__ = [
    "FORMATS",
    "Format",
    "render",
    "render_events",
    "render_places",
    "render_sources",
    "render_timeline",
    "to_geojson",
    "to_json",
    "to_markdown",
    "to_text",
]


def to_json(briefing: Briefing) -> str:
    """The briefing model dumped as is: the JSON contract is the model."""
    return briefing.model_dump_json(indent=2) + "\n"


def render(briefing: Briefing, fmt: Format) -> str:
    if fmt == "json":
        return to_json(briefing)
    if fmt == "md":
        return to_markdown(briefing)
    return to_text(briefing)


def render_timeline(briefing: Briefing, fmt: Format) -> str:
    """The timeline and date warnings alone, with the sources they cite."""
    if fmt == "json":
        return _section_json(briefing, {"timeline", "date_issues"})
    numbers = source_numbers(briefing)
    lines = (
        timeline_markdown(briefing, numbers) if fmt == "md" else timeline_text(briefing, numbers)
    )
    if not briefing.timeline:
        lines.append("(no dated happening found)")
    return _with_sources(lines, briefing, numbers, fmt)


def render_places(briefing: Briefing, fmt: Format) -> str:
    """The places and the names not placed alone, with the sources that name them."""
    if fmt == "json":
        return _section_json(briefing, {"places", "unresolved"})
    numbers = source_numbers(briefing)
    lines = places_markdown(briefing, numbers) if fmt == "md" else places_text(briefing, numbers)
    if not briefing.places and not briefing.unresolved:
        lines.append("(no place found)")
    return _with_sources(lines, briefing, numbers, fmt)


def render_sources(briefing: Briefing, fmt: Format) -> str:
    """The sources compared alone: copies, independent sources, claims, discrepancies."""
    if fmt == "json":
        return _section_json(briefing, {"syndication", "source_groups", "claims", "discrepancies"})
    numbers = source_numbers(briefing)
    lines = (
        sources_compared_markdown(briefing, numbers)
        if fmt == "md"
        else sources_compared_text(briefing, numbers)
    )
    return _with_sources(lines, briefing, numbers, fmt)


def render_events(briefing: Briefing, fmt: Format) -> str:
    """The events and the entities alone, with the sources they cite."""
    if fmt == "json":
        return _section_json(briefing, {"events", "entities"})
    numbers = source_numbers(briefing)
    lines = events_markdown(briefing, numbers) if fmt == "md" else events_text(briefing, numbers)
    if not briefing.events:
        lines.append("(no event found)")
    return _with_sources(lines, briefing, numbers, fmt)


def _section_json(briefing: Briefing, fields: set[str]) -> str:
    """Some of the briefing's fields and the articles whole (their texts resolve the
    citations): a Briefing with the other sections left out, valid against its schema."""
    data = briefing.model_dump(mode="json", include={"schema_version", *fields, "articles"})
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def _with_sources(
    lines: list[str], briefing: Briefing, numbers: dict[str, int], fmt: Format
) -> str:
    lines += ["", "Sources:" if fmt == "text" else "## Sources", ""]
    for article in briefing.articles:
        date = article.published.isoformat() if article.published else "date unknown"
        basis = " (inferred)" if article.published_basis == "inferred" else ""
        lines.append(f"[{numbers[article.id]}] {article.title or article.id} · {date}{basis}")
    return "\n".join(lines).lstrip("\n") + "\n"
