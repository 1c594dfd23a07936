"""The vectors stage: MiniLM vectors of the sentences later stages compare, once each.

Claims compare every prose sentence long enough to state something (one per copy group,
and only when the cluster has a second article to compare with); events type every
sentence that asserts an event. Each sentence is embedded once for both, and a vector the
store kept from an earlier run (`Cache.vectors`) is reused: a sentence's vector depends
on its text alone (the model's output for a text does not depend on the batch it runs
in, so a cached vector is the same vector).
"""

from __future__ import annotations

import numpy as np

from storyline.model import Cache, ParsedArticle, SentenceGroup
from storyline.nlp.predicates import asserted
from storyline.sources.claims import claim_groups
from storyline.sources.embed import Embedder, default_embedder

__all__ = ["embed_sentences"]


def embed_sentences(
    parsed: list[ParsedArticle],
    groups: list[SentenceGroup],
    cache: Cache | None = None,
    embedder: Embedder | None = None,
) -> dict[tuple[str, int], np.ndarray]:
    """Unit vectors by (article, sentence index) for claim units and event sentences."""
    wanted: dict[tuple[str, int], str] = {}
    if len(parsed) > 1:
        for group in claim_groups(groups):
            first = group.members[0]
            wanted[(first.article, first.index)] = first.text
    for p in parsed:
        for sentence, _ in asserted(p):
            wanted.setdefault((sentence.article, sentence.index), sentence.text)
    known = cache.vectors if cache is not None else {}
    vectors = {key: known[key] for key in wanted if key in known}
    missing = sorted(key for key in wanted if key not in vectors)
    if missing:
        made = (embedder or default_embedder()).embed([wanted[k] for k in missing])
        vectors.update(zip(missing, made, strict=True))
    return {key: vectors[key] for key in sorted(vectors)}
