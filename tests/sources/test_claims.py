"""Claim clustering: average linkage, the similarity's agreement terms, and real paraphrases."""

from __future__ import annotations

import numpy as np
import pytest

from storyline.model import SentenceGroup
from storyline.sources.claims import Unit, align_claims, cluster, similarity
from tests.conftest import make_parsed


def unit(article: str, text: str, **features: object) -> Unit:
    sentence = make_parsed(article, [text]).sentences[0]
    return Unit(
        group=SentenceGroup(members=[sentence]),
        articles=frozenset([article]),
        **features,  # type: ignore[arg-type]
    )


def test_average_linkage_does_not_chain_through_one_loose_link() -> None:
    scores = {(0, 1): 0.9, (1, 2): 0.85, (0, 2): 0.1}
    clusters = cluster(3, [(*k, v) for k, v in scores.items()], 0.7, lambda i, j: scores[(i, j)])
    assert clusters == [[0, 1], [2]]


def test_pairs_that_do_not_count_are_left_out_of_the_mean() -> None:
    scores = {(0, 1): 0.9, (1, 2): 0.8, (0, 2): None}
    pairs = [(0, 1, 0.9), (1, 2, 0.8)]
    assert cluster(3, pairs, 0.7, lambda i, j: scores[(i, j)]) == [[0, 1, 2]]


def test_same_day_raises_and_other_day_lowers_similarity() -> None:
    a = unit("a", "Troops entered the town on Monday.", days=frozenset({"2024-03-11"}))
    b = unit("b", "Soldiers moved into the town on Monday.", days=frozenset({"2024-03-11"}))
    c = unit("c", "Soldiers moved into the town on Friday.", days=frozenset({"2024-03-15"}))
    assert similarity(a, b, 0.6) > 0.6 > similarity(a, c, 0.6)


def test_distinctive_names_and_same_figures_raise_similarity() -> None:
    a = unit(
        "a",
        "x",
        names=frozenset({"place:1", "name:ana"}),
        figures=frozenset({("killed", None, 2.0)}),
    )
    b = unit(
        "b",
        "y",
        names=frozenset({"place:1", "name:ana"}),
        figures=frozenset({("killed", None, 2.0)}),
    )
    assert similarity(a, b, 0.5) == pytest.approx(0.5 + 0.10 + 0.05)


def test_status_from_independent_sources_and_conflicting_figures() -> None:
    units = [
        unit(
            "a",
            "Two people were killed in the clashes.",
            figures=frozenset({("killed", "people", 2.0)}),
        ),
        unit(
            "b", "Three people died in the clashes.", figures=frozenset({("killed", "people", 3.0)})
        ),
        unit("c", "The federation will meet the governor on Friday."),
        unit("d", "Copy of a: two people were killed in the clashes."),
    ]
    vectors = np.eye(4, dtype=np.float32)
    vectors[1] = vectors[0]  # a and b say the same thing
    vectors[3] = vectors[0]
    claims = align_claims(units, vectors, {"a": "S1", "b": "S2", "c": "S3", "d": "S1"}, 0.7)
    by_text = {c.text: c for c in claims}
    contested = next(c for c in claims if c.status == "contested")
    assert set(contested.sources) == {"a", "b", "d"}
    assert contested.independent_sources == 2
    assert "killed" in (contested.note or "")
    assert by_text["The federation will meet the governor on Friday."].status == "single_source"
    assert [c.id for c in claims] == ["C1", "C2"]
