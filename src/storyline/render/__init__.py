"""Render a Briefing as JSON, Markdown or terminal text. Formatting only, no computation."""

from __future__ import annotations

import json
from typing import Literal

from storyline.model import Briefing
from storyline.render.common import source_numbers
from storyline.render.markdown import timeline_markdown, to_markdown
from storyline.render.text import timeline_text, to_text

Format = Literal["json", "md", "text"]
FORMATS: tuple[Format, ...] = ("json", "md", "text")

__all__ = ["FORMATS", "Format", "render", "render_timeline", "to_json", "to_markdown", "to_text"]


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
        data = briefing.model_dump(
            mode="json", include={"schema_version", "timeline", "date_issues", "articles"}
        )
        for article in data["articles"]:
            article.pop("text")
            article.pop("removed")
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    numbers = source_numbers(briefing)
    lines = (
        timeline_markdown(briefing, numbers) if fmt == "md" else timeline_text(briefing, numbers)
    )
    if not briefing.timeline:
        lines.append("(no dated happening found)")
    lines += ["", "Sources:" if fmt == "text" else "## Sources", ""]
    for article in briefing.articles:
        date = article.published.isoformat() if article.published else "date unknown"
        basis = " (inferred)" if article.published_basis == "inferred" else ""
        lines.append(f"[{numbers[article.id]}] {article.title or article.id} · {date}{basis}")
    return "\n".join(lines).lstrip("\n") + "\n"
