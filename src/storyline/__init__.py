"""storyline: turn news reports about one story into a briefing a person can trust."""

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

__version__ = "0.1.0"

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
