"""Sources compared: wire copies, independent sources, claims and where reports differ.

`compare_sources` runs the stage: sentence copies (MinHash LSH) → article pairs
that share wire text and the independent sources they form → claims clustered
across articles (MiniLM embeddings with agreement of names, dates and figures)
→ discrepancies (figures, dates, diverging copies).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from storyline.dates.datings import datings
from storyline.model import (
    Claim,
    Discrepancy,
    ParsedArticle,
    Place,
    SentenceGroup,
    SourceGroup,
    Syndication,
    TimeExpression,
)
from storyline.settings import SourcesSettings
from storyline.sources.claims import align_claims, make_units, sentence_features
from storyline.sources.copies import group_copies, syndicate
from storyline.sources.discrepancies import (
    copy_discrepancies,
    date_discrepancies,
    figure_discrepancies,
    sentence_dates,
)
from storyline.sources.embed import DIMENSIONS, Embedder, default_embedder

__all__ = ["Comparison", "compare_sources", "group_copies"]


@dataclass(frozen=True)
class Comparison:
    groups: list[SentenceGroup]
    syndication: list[Syndication]
    source_groups: list[SourceGroup]
    claims: list[Claim]
    discrepancies: list[Discrepancy]
    # MiniLM vectors of the sentences embedded here, by (article, sentence index): later
    # stages reuse them rather than run the model on the same sentences again
    vectors: dict[tuple[str, int], np.ndarray] = field(default_factory=dict)


def compare_sources(
    parsed: list[ParsedArticle],
    expressions: list[TimeExpression],
    settings: SourcesSettings,
    places: Sequence[Place] = (),
    embedder: Embedder | None = None,
) -> Comparison:
    """Compare the sources of a cluster (see the module doc)."""
    articles = [p.article for p in parsed]
    sentences = [s for p in parsed for s in p.sentences]
    groups = group_copies(sentences, settings.copy_overlap)
    syndication, source_groups = syndicate(
        articles,
        sentences,
        groups,
        min_sentences=settings.syndication_sentences,
        min_share=settings.syndication_share,
    )
    source_of = {a: g.id for g in source_groups for a in g.articles}
    dated = datings(parsed, expressions)
    units = make_units(parsed, groups, sentence_features(parsed, dated, places))
    embedded: dict[tuple[str, int], np.ndarray] = {}
    if len(parsed) > 1:
        vectors = (embedder or default_embedder()).embed([u.text for u in units])
        for unit, vector in zip(units, vectors, strict=True):
            first = unit.group.members[0]  # the sentence whose text was embedded
            embedded[(first.article, first.index)] = vector
    else:  # one article: no second source to align with, so no model to run
        vectors = np.zeros((len(units), DIMENSIONS), dtype=np.float32)
    claims = align_claims(units, vectors, source_of, settings.claim_similarity)
    dates = sentence_dates(dated)
    discrepancies = [
        *figure_discrepancies(parsed, groups, source_of, dates),
        *date_discrepancies(claims, parsed, dates),
        *copy_discrepancies(parsed, groups, expressions),
    ]
    return Comparison(groups, syndication, source_groups, claims, discrepancies, embedded)
