"""The place ranker: its features, its shipped weights, and the training script's fit."""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

import numpy as np
import pytest

from storyline.errors import Errors, StorylineError
from storyline.places.gazetteer import Entry
from storyline.places.rank import (
    FEATURE_NAMES,
    FEATURES_VERSION,
    MODEL_PATH,
    Ranker,
    default_ranker,
    features,
    load_ranker,
)
from storyline.places.recognise import Candidate
from storyline.places.resolve import Context

REPO = Path(__file__).resolve().parents[2]


def _entry(gid: int, feature: str, cc: str, population: int, **kw: object) -> Entry:
    return Entry(gid, f"Place{gid}", 10.0 + gid, 20.0, feature, cc, "01", population, "t",  # type: ignore[arg-type]
                 **kw)  # fmt: skip


def _mention(hint: str | None = None) -> Candidate:
    return Candidate("a", 0, 5, "Place1", "Place1", hint, strong=True)  # type: ignore[arg-type]


def _trainer():  # noqa: ANN202
    path = REPO / "scripts" / "train_place_ranker.py"
    spec = importlib.util.spec_from_file_location("train_place_ranker", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def test_features_describe_size_kind_and_the_story_area() -> None:
    town = _entry(1, "city", "JO", 50_000)
    region = _entry(2, "admin1", "SY", 1_000_000)
    context = Context({"JO": 3.0}, {("JO", "01"): 3.0}, [])
    rows = features([town, region], [_mention()], context)
    col = {n: i for i, n in enumerate(FEATURE_NAMES)}
    assert rows.shape == (2, len(FEATURE_NAMES))
    assert rows[0, col["country_share"]] == 1.0 and rows[1, col["country_share"]] == 0.0
    assert rows[1, col["biggest"]] == 1.0 and rows[0, col["biggest"]] == 0.0
    assert rows[1, col["admin1"]] == 1.0 and rows[0, col["city"]] == 1.0
    assert rows[0, col["top_country"]] == 1.0
    assert rows[0, col["no_context_size"]] == 0.0  # the story says where it is


def test_probabilities_sum_to_one_and_follow_the_weights() -> None:
    w = np.zeros(len(FEATURE_NAMES))
    w[FEATURE_NAMES.index("country_share")] = 5.0
    ranker = Ranker(w)
    town, far = _entry(1, "city", "JO", 5_000), _entry(2, "city", "MX", 5_000)
    context = Context({"JO": 2.0}, {}, [])
    p = ranker.probabilities(features([town, far], [_mention()], context))
    assert p.sum() == pytest.approx(1.0) and p[0] > 0.9


def test_the_shipped_weights_load_and_favour_the_storys_country() -> None:
    ranker = default_ranker()
    assert ranker.weights.shape == (len(FEATURE_NAMES),)
    assert ranker.weights[FEATURE_NAMES.index("country_share")] > 0
    same, other = _entry(1, "city", "PS", 400_000), _entry(2, "city", "US", 400_000)
    context = Context({"PS": 4.0, "IL": 2.0}, {}, [])
    p = ranker.probabilities(features([same, other], [_mention()], context))
    assert p[0] > p[1]


def test_a_weights_file_for_other_features_is_refused_with_its_path(tmp_path: Path) -> None:
    stale = tmp_path / "ranker.json"
    stale.write_text(json.dumps({"features_version": "place-ranker/v0", "weights": {"size": 1}}))
    with pytest.raises(StorylineError) as caught:
        load_ranker(stale)
    assert caught.value.code is Errors.S044 and "place-ranker/v0" in caught.value.message
    with pytest.raises(StorylineError) as caught:
        load_ranker(tmp_path / "missing.json")
    assert caught.value.code is Errors.S044 and "missing.json" in str(caught.value)


def test_the_shipped_file_records_its_feature_version() -> None:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    assert data["features_version"] == FEATURES_VERSION
    assert list(data["weights"]) == list(FEATURE_NAMES)


def test_the_fit_learns_which_evidence_picks_the_right_place() -> None:
    """Names whose right place is always the one in the story's country, never the
    bigger one: the fitted ranker must put its weight there, and pick it on new names."""
    trainer = _trainer()
    rng = np.random.default_rng(0)
    examples = []
    for n in range(60):
        big = _entry(2 * n, "city", "US", int(rng.integers(200_000, 900_000)))
        near = _entry(2 * n + 1, "city", "JO", int(rng.integers(2_000, 90_000)))
        context = Context({"JO": float(rng.integers(1, 4)), "US": 0.5}, {}, [])
        rows = features([big, near], [_mention()], context)
        examples.append(trainer.Example(rows, [np.array([False, True])]))
    ranker = trainer.fit(examples)
    assert ranker.weights[FEATURE_NAMES.index("country_share")] > 0
    big, near = _entry(500, "city", "US", 2_000_000), _entry(501, "village", "JO", 3_000)
    context = Context({"JO": 2.0, "US": 0.5}, {}, [])
    p = ranker.probabilities(features([big, near], [_mention()], context))
    assert p[1] > p[0]
