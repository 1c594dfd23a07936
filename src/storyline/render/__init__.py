"""Render a Briefing as JSON, Markdown or terminal text. Formatting only, no computation."""

from __future__ import annotations

from typing import Literal

from storyline.model import Briefing
from storyline.render.markdown import to_markdown
from storyline.render.text import to_text

Format = Literal["json", "md", "text"]
FORMATS: tuple[Format, ...] = ("json", "md", "text")

__all__ = ["FORMATS", "Format", "render", "to_json", "to_markdown", "to_text"]


def to_json(briefing: Briefing) -> str:
    """The briefing model dumped as is: the JSON contract is the model."""
    return briefing.model_dump_json(indent=2) + "\n"


def render(briefing: Briefing, fmt: Format) -> str:
    if fmt == "json":
        return to_json(briefing)
    if fmt == "md":
        return to_markdown(briefing)
    return to_text(briefing)
