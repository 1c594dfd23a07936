"""The timeline: dated happenings, one readable entry per date. (Being written.)"""

from __future__ import annotations

from storyline.model import Article, TimelineEntry
from storyline.settings import Settings


def timeline_for_articles(
    articles: list[Article],
    *,
    max_dates: int | None = None,
    per_date: int = 1,
    settings: Settings | None = None,
) -> list[TimelineEntry]:
    """The timeline of a cluster of articles: at most `max_dates` dates (all when None),
    each entry built from up to `per_date` sentences. Runs the pipeline up to the timeline."""
    return []
