"""storyline: turn news reports about one story into a briefing a person can trust.

The names below load on first use: `import storyline` (and `storyline --help`) stays
fast, and no model loads until a briefing is asked for.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_WHERE = {
    "brief": "storyline.api",
    "build_briefing": "storyline.api",
    "Errors": "storyline.errors",
    "StorylineError": "storyline.errors",
    "Article": "storyline.model",
    "Briefing": "storyline.model",
    "Citation": "storyline.model",
    "Headline": "storyline.model",
    "Mention": "storyline.model",
    "RemovedLine": "storyline.model",
    "Sentence": "storyline.model",
    "Skipped": "storyline.model",
    "SummarySentence": "storyline.model",
    "Settings": "storyline.settings",
}

__all__ = [
    "Article",
    "Briefing",
    "Citation",
    "Errors",
    "Headline",
    "Mention",
    "RemovedLine",
    "Sentence",
    "Settings",
    "Skipped",
    "StorylineError",
    "SummarySentence",
    "brief",
    "build_briefing",
]

if TYPE_CHECKING:
    from storyline.api import brief, build_briefing
    from storyline.errors import Errors, StorylineError
    from storyline.model import (
        Article,
        Briefing,
        Citation,
        Headline,
        Mention,
        RemovedLine,
        Sentence,
        Skipped,
        SummarySentence,
    )
    from storyline.settings import Settings


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        value = getattr(import_module(_WHERE[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'storyline' has no attribute {name!r}")
