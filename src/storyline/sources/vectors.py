"""The vectors stage: MiniLM vectors of the texts later stages compare, once each.

Claims compare propositions (a sentence that states one thing whole, else each of its
clauses; only when the cluster has a second report to compare with); events type every
sentence that asserts an event. Each text is embedded once, keyed by its span (article,
start, end), and a vector the store kept from an earlier run (`Cache.vectors`) is reused:
a vector depends on its text alone (the model's output for a text does not depend on the
batch it runs in, so a cached vector is the same vector).
"""

from __future__ import annotations

import numpy as np

from storyline.model import Cache, ParsedArticle, SentenceGroup
from storyline.nlp.predicates import asserted
from storyline.sources.claims import vector_keys
from storyline.sources.embed import Embedder, default_embedder

__all__ = ["SpanKey", "embed_sentences"]

SpanKey = tuple[str, int, int]  # (article, start, end)


def embed_sentences(
    parsed: list[ParsedArticle],
    groups: list[SentenceGroup],
    cache: Cache | None = None,
    embedder: Embedder | None = None,
) -> dict[SpanKey, np.ndarray]:
    """Unit vectors by (article, start, end) for claim texts and event sentences."""
    wanted: dict[SpanKey, str] = {}
    if len(parsed) > 1:
        wanted.update(vector_keys(parsed, groups))
    for p in parsed:
        for sentence, _ in asserted(p):
            wanted.setdefault((sentence.article, sentence.start, sentence.end), sentence.text)
    known = cache.vectors if cache is not None else {}
    vectors = {key: known[key] for key in wanted if key in known}
    missing = sorted(key for key in wanted if key not in vectors)
    if missing:
        made = (embedder or default_embedder()).embed([wanted[k] for k in missing])
        vectors.update(zip(missing, made, strict=True))
    return {key: vectors[key] for key in sorted(vectors)}
