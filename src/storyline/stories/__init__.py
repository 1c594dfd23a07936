"""The stories stage: a stream of reports grouped into stories before any story is briefed.

`group_articles(articles)` computes each report's cheap features (`stories.features`),
the stream's term weights, and groups the reports online in publication order
(`stories.group`). Nothing here needs the spaCy pass: the per-story pipeline runs after,
only on the stories worth briefing.
"""

from __future__ import annotations

from collections.abc import Sequence

from storyline.model import Article
from storyline.stories.features import Features, featurise
from storyline.stories.online import Group, group

__all__ = ["Features", "featurise", "group_articles", "group_features"]


def group_features(items: Sequence[Features]) -> list[Group]:
    """Stories of reports whose features are computed (on any worker)."""
    return group(items)


def group_articles(articles: Sequence[Article]) -> list[Group]:
    return group_features([featurise(a) for a in articles])
