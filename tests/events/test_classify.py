"""The event-type classifier: the shipped file, its output, and sentences written for the test."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from storyline.errors import Errors, StorylineError
from storyline.events.classify import (
    MODEL_PATH,
    EventTypeModel,
    default_model,
    term_counts,
    terms,
    tfidf,
)
from storyline.events.taxonomy import CASE_TO_ACLED, NOT_ACLED

# Written for these tests (not from the CASE 2021 data), with the type a reader would give.
SENTENCES = {
    "Government aircraft bombed the market, killing seven people.": "AIR_STRIKE",
    "Hundreds of teachers marched peacefully through the capital demanding higher pay.": (
        "PEACE_PROTEST"
    ),
    "Police arrested four opposition activists at their homes.": "ARREST",
    "A suicide bomber blew himself up at a crowded bus station, killing twelve.": "SUIC_BOMB",
    "A magnitude 6.4 earthquake flattened villages along the coast overnight.": (
        "NATURAL_DISASTER"
    ),
}


def test_shipped_model_loads_with_the_30_labels() -> None:
    model = EventTypeModel.load()
    assert MODEL_PATH.is_file() and MODEL_PATH.stat().st_size <= 2 * 1024 * 1024
    assert sorted(model.labels) == sorted([*CASE_TO_ACLED, *NOT_ACLED])
    assert model.embedding_weights.shape == (384, 30)
    assert model.term_weights.shape == (len(model.vocabulary), 30)
    assert model.centroids.shape == (30, 384)
    assert np.allclose(np.linalg.norm(model.centroids, axis=1), 1, atol=1e-3)


def test_missing_model_file_raises_s043(tmp_path: Path) -> None:
    missing = tmp_path / "event_types.npz"
    with pytest.raises(StorylineError) as caught:
        EventTypeModel.load(missing)
    assert caught.value.code is Errors.S043
    assert str(missing) in caught.value.message


def test_model_file_for_other_features_raises_s043(tmp_path: Path) -> None:
    stale = tmp_path / "stale.npz"
    with np.load(MODEL_PATH) as data:
        arrays = {key: data[key] for key in data.files}
    arrays["features"] = np.array("words/v0")
    np.savez(stale, **arrays)
    with pytest.raises(StorylineError) as caught:
        EventTypeModel.load(stale)
    assert caught.value.code is Errors.S043 and "words/v0" in caught.value.message


def test_save_and_load_round_trip(tmp_path: Path) -> None:
    model = EventTypeModel.load()
    model.save(tmp_path / "copy.npz")
    again = EventTypeModel.load(tmp_path / "copy.npz")
    assert again.labels == model.labels and again.vocabulary == model.vocabulary
    assert np.array_equal(again.term_weights, model.term_weights)
    assert np.array_equal(again.centroids, model.centroids)


def test_terms_are_words_pairs_and_padded_char_grams() -> None:
    found = terms("Shelling hit 3 towns")
    assert {"shelling", "hit", "0", "towns", "shelling hit", "hit 0", "0 towns"} <= set(found)
    assert {"#<she", "#ling", "#ing>", "#<hit", "#hit>"} <= set(found)
    assert "#<0>" not in found  # too short for a 4-gram


def test_tfidf_rows_are_unit_length_or_zero() -> None:
    vocabulary = {"rockets": 0, "hit": 1, "town": 2}
    counts = term_counts(["Rockets hit the town, rockets again.", "Nothing here."], vocabulary)
    assert counts.tolist() == [[2, 1, 1], [0, 0, 0]]
    rows = tfidf(counts, np.ones(3, dtype=np.float32))
    assert np.isclose(np.linalg.norm(rows[0]), 1) and not rows[1].any()
    assert rows[0, 0] > rows[0, 1]  # sublinear, but more than one occurrence still counts more


def test_given_embeddings_are_checked_and_empty_input_is_fine() -> None:
    model = EventTypeModel.load()
    assert model.predict_proba([], np.zeros((0, 384), dtype=np.float32)).shape == (0, 30)
    with pytest.raises(ValueError):
        model.predict_proba(["one", "two"], np.zeros((1, 384), dtype=np.float32))


@pytest.mark.slow
def test_probabilities_sum_to_one() -> None:
    probabilities = default_model().predict_proba(list(SENTENCES))
    assert probabilities.shape == (len(SENTENCES), 30)
    assert np.all(probabilities >= 0)
    assert np.allclose(probabilities.sum(axis=1), 1, atol=1e-5)


@pytest.mark.slow
@pytest.mark.parametrize(("sentence", "label"), list(SENTENCES.items()))
def test_written_sentences_get_their_type(sentence: str, label: str) -> None:
    assert default_model().predict([sentence]) == [label]


@pytest.mark.slow
def test_reusing_embeddings_gives_the_same_output() -> None:
    from storyline.sources.embed import default_embedder

    texts = list(SENTENCES)
    model = default_model()
    given = model.predict_proba(texts, default_embedder().embed(texts))
    assert np.allclose(given, model.predict_proba(texts), atol=1e-6)
    assert model.predict(texts, default_embedder().embed(texts)) == list(SENTENCES.values())


FRENCH = {
    "La police a arrêté trente opposants lors d'une rafle dans la capitale.": "ARREST",
    "Des avions de chasse ont largué des bombes sur le village, tuant six civils.": "AIR_STRIKE",
    "Des milliers de personnes ont défilé dans le calme pour réclamer des élections.":
        "PEACE_PROTEST",
}  # fmt: skip


@pytest.mark.slow
def test_the_multilingual_model_types_french_sentences_from_english_training() -> None:
    from storyline.events.classify import multilingual_model

    model = multilingual_model()
    assert model.embedder == "e5" and model.vocabulary == []  # no English term model
    assert model.labels == default_model().labels
    probabilities = model.predict_proba(list(FRENCH))
    assert np.allclose(probabilities.sum(axis=1), 1, atol=1e-5)
    assert model.predict(list(FRENCH)) == list(FRENCH.values())
