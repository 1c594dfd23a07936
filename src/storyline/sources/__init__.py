"""Sources compared: wire copies, independent sources, claims and where reports differ.

Three stages (see `registry.py`): `copies.find_copies` (sentence copies by MinHash LSH,
the article pairs that share wire text, the independent sources they form; it runs before
the dates stage, which dates copies of one wire story together), then
`vectors.embed_sentences` (MiniLM, once per sentence), then `compare_claims` (claims
clustered across articles by MiniLM with agreement of names, dates and figures, and
the discrepancies: figures, dates, diverging copies; then the sentences of reports in
other languages that `copies` linked by meaning cite the claims they state).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from storyline.model import (
    Claim,
    CrossLink,
    Datings,
    Discrepancy,
    Entity,
    FigureValue,
    ParsedArticle,
    Place,
    SentenceGroup,
    SourceGroup,
    TimeExpression,
)
from storyline.settings import SourcesSettings
from storyline.sources.claims import align_claims, make_units
from storyline.sources.copies import Copies, find_copies, group_copies
from storyline.sources.crosslingual import support_claims
from storyline.sources.discrepancies import (
    context_figures,
    copy_discrepancies,
    date_discrepancies,
    figure_discrepancies,
    sentence_dates,
)
from storyline.sources.embed import DIMENSIONS
from storyline.sources.french import french_claims

__all__ = ["Compared", "Copies", "compare_claims", "find_copies", "group_copies"]


@dataclass(frozen=True)
class Compared:
    """What the claims stage produces."""

    claims: list[Claim]
    discrepancies: list[Discrepancy]
    context: list[FigureValue]


def compare_claims(
    dated: list[ParsedArticle],
    expressions: list[TimeExpression],
    datings: Datings,
    places: Sequence[Place],
    entities: Sequence[Entity],
    groups: list[SentenceGroup],
    source_groups: list[SourceGroup],
    crosslingual: list[CrossLink],
    vectors: Mapping[tuple[str, int, int], np.ndarray],
    *,
    settings: SourcesSettings,
) -> Compared:
    """Claims across the cluster's articles and the discrepancies among them.

    One article has no second source to align with: its units get no vectors (and no
    pair can form), so the embedding model is never run for it.
    """
    source_of = {a: g.id for g in source_groups for a in g.articles}
    units = make_units(dated, groups, expressions, datings, places, entities)
    if len(dated) > 1 and units:
        matrix = np.stack([vectors[u.vector_key] for u in units])
    else:
        matrix = np.zeros((len(units), DIMENSIONS), dtype=np.float32)
    aligned = align_claims(units, matrix, source_of, settings.claim_similarity)
    dates = sentence_dates(datings.plain)
    context, tolls = context_figures(dated, dates)
    discrepancies = [
        *figure_discrepancies(dated, aligned.members, aligned.claims, source_of, dates, tolls),
        *date_discrepancies(aligned.other_days, dated, source_of),
        *copy_discrepancies(dated, groups, expressions),
    ]
    articles = [p.article for p in dated]
    claims = support_claims(aligned.claims, crosslingual, articles, source_of)
    claims = french_claims(
        dated, claims, crosslingual, groups, source_of, dates,
        similarity=settings.crosslingual_similarity, margin=settings.crosslingual_margin,
    )  # fmt: skip
    return Compared(claims, discrepancies, context)
