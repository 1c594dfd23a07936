"""Reports off the cluster's story, told by their distance from the other reports.

A folder an analyst gathers on one story picks up strays: a report on another story that
happened to share a keyword, a page of another site's news. Such a report is set aside
like a page that is no report (`Article.not_report`, with its reason): kept and listed,
read for nothing.

Each report's opening (its title and first LEAD_WORDS words) is embedded with the
sentence embedder the claims use (MiniLM), and each report's closest other report found.
A report is off the story when

- even its closest other report is far from it (cosine under FAR), and
- the others hold together: at least half of the reports, and at least two, each have
  another report within CORE. A cluster whose reports all stand apart (a folder on many
  things) has no story to be off: nothing is set aside.

With fewer than MIN_REPORTS reports the rule cannot tell which one is the stray. Measured
by putting a report of another story into each Multi-News cluster
(`benchmarks/offstory_eval.py`).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from storyline.languages import analysed
from storyline.model import Article

FAR = 0.15
CORE = 0.4
MIN_REPORTS = 3
LEAD_WORDS = 100


def opening(article: Article) -> str:
    """The title and the first LEAD_WORDS words: what a report is about."""
    words = article.text.split()[:LEAD_WORDS]
    return " ".join([*(article.title or "").split(), *words])


def off_story(articles: Sequence[Article]) -> dict[str, str]:
    """The reports off the others' story, each with the reason (see the module doc)."""
    reports = [a for a in articles if analysed(a)]
    if len(reports) < MIN_REPORTS:
        return {}
    from storyline.sources.embed import default_embedder

    vectors = default_embedder().embed([opening(a) for a in reports])
    similar = vectors @ vectors.T
    np.fill_diagonal(similar, -1.0)
    closest = similar.max(axis=1)
    core = int((closest >= CORE).sum())
    if core < max(2, len(reports) / 2):
        return {}
    return {
        a.id: (
            f"off the story: its opening is far from every other report's (closest "
            f"{closest[n]:.2f}, while {core} of the {len(reports)} reports are within "
            f"{CORE} of another)"
        )
        for n, a in enumerate(reports)
        if closest[n] < FAR
    }
