"""Event sub-types: which CASE 2021 label (so which ACLED sub-event type) a sentence reports.

A small supervised classifier, its weights in data/event_types.npz (rebuilt by
scripts/train_event_types.py from the CASE 2021 task 2 development set plus label
definitions written for storyline). Its probability is the renormalised geometric
mean of three cheap estimates, which err on different sentences:

    embedding LR  multinomial logistic regression on the MiniLM sentence embedding;
    term LR       the same on TF-IDF of words, word pairs and in-word character
                  4-grams ("shell" in "shelled", "shelling");
    centroids     cosine to each label's mean embedding, as a softmax.

Only numpy at run time. The features are defined here and nowhere else: the training
script imports them, and the file records which feature version it was built for.

Reports in other languages (French: `nlp.french_predicates`) are typed by a second model
of the same kind, data/event_types_multilingual.npz, fitted on the same snippets embedded
by multilingual-e5-small (`sources.crosslingual.embed`), which puts a sentence and its
translation close together: an English-trained classifier over those vectors types a French
sentence (zero-shot transfer across languages). It has the embedding LR and the centroids,
no term LR (English words say nothing of a French sentence).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from pathlib import Path

import numpy as np
import numpy.typing as npt

from storyline.errors import Errors, StorylineError

MODEL_PATH = Path(__file__).resolve().parent / "data" / "event_types.npz"
MULTILINGUAL_PATH = MODEL_PATH.with_name("event_types_multilingual.npz")
FEATURES = "words+pairs+char4/v1"  # bump when `terms` changes; the model file must match
CHAR_N = 4
CHUNK = 256  # texts per block of the dense term matrix (256 x vocabulary floats)

_WORD = re.compile(r"[a-z0-9]+")

Matrix = npt.NDArray[np.float32]


def terms(text: str) -> list[str]:
    """The terms counted for TF-IDF: lower-case words (digits folded to "0"), adjacent word
    pairs, and the character 4-grams of each distinct word padded with < and >."""
    words = ["0" if w.isdigit() else w for w in _WORD.findall(text.lower())]
    found = words + [f"{a} {b}" for a, b in zip(words, words[1:], strict=False)]
    for word in sorted(set(words)):
        padded = f"<{word}>"
        found += ["#" + padded[i : i + CHAR_N] for i in range(len(padded) - CHAR_N + 1)]
    return found


def build_vocabulary(texts: list[str], min_df: int = 2) -> list[str]:
    """The terms found in at least `min_df` of the texts, sorted."""
    df = Counter(t for text in texts for t in set(terms(text)))
    return sorted(t for t, n in df.items() if n >= min_df)


def term_counts(texts: list[str], vocabulary: dict[str, int]) -> Matrix:
    """Raw counts of the vocabulary's terms, one row per text (terms outside it dropped)."""
    counts = np.zeros((len(texts), len(vocabulary)), dtype=np.float32)
    for row, text in enumerate(texts):
        for term, n in Counter(terms(text)).items():
            column = vocabulary.get(term)
            if column is not None:
                counts[row, column] = n
    return counts


def idf_weights(counts: Matrix) -> Matrix:
    """Smoothed inverse document frequency, ln((1 + n) / (1 + df)) + 1, from a count matrix."""
    df = (counts > 0).sum(axis=0)
    n = counts.shape[0]
    idf: Matrix = (np.log((1 + n) / (1 + df)) + 1).astype(np.float32)
    return idf


def tfidf(counts: Matrix, idf: Matrix) -> Matrix:
    """Sublinear TF-IDF rows, (1 + ln tf) * idf, L2-normalised (an empty row stays zero)."""
    tf = np.zeros_like(counts)
    present = counts > 0
    tf[present] = 1 + np.log(counts[present])
    weighted = tf * idf
    norms = np.linalg.norm(weighted, axis=1, keepdims=True)
    rows: Matrix = (weighted / np.maximum(norms, 1e-12)).astype(np.float32)
    return rows


def log_softmax(scores: npt.NDArray[np.floating]) -> npt.NDArray[np.float64]:
    """Row-wise log of the softmax, computed stably."""
    shifted: npt.NDArray[np.float64] = scores.astype(np.float64)
    shifted = shifted - shifted.max(axis=1, keepdims=True)
    result: npt.NDArray[np.float64] = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    return result


class EventTypeModel:
    """The three estimators' parameters; `predict_proba` gives one column per CASE label."""

    def __init__(
        self,
        labels: list[str],
        vocabulary: list[str],
        idf: Matrix,
        embedding_weights: Matrix,
        embedding_bias: Matrix,
        term_weights: Matrix,
        term_bias: Matrix,
        centroids: Matrix,
        temperature: float,
        embedder: str = "minilm",
    ) -> None:
        self.labels: list[str] = labels
        self.vocabulary = vocabulary
        self.index = {term: n for n, term in enumerate(vocabulary)}
        self.idf = idf
        self.embedding_weights = embedding_weights  # (384, labels)
        self.embedding_bias = embedding_bias
        self.term_weights = term_weights  # (vocabulary, labels)
        self.term_bias = term_bias
        self.centroids = centroids  # (labels, 384), unit rows
        self.temperature = temperature
        # which vectors the model reads: "minilm" (English) or "e5" (multilingual)
        self.embedder = embedder

    @classmethod
    def load(cls, path: Path | None = None) -> EventTypeModel:
        """Read a model file (the shipped one by default); S043 when it is missing or stale."""
        path = path or MODEL_PATH
        if not path.is_file():
            raise StorylineError(
                Errors.S043,
                reason=f"the event-type classifier {path} is not there (the package ships it; "
                "`python scripts/train_event_types.py [--multilingual]` rebuilds it)",
            )
        with np.load(path, allow_pickle=False) as data:
            if str(data["features"]) != FEATURES:
                raise StorylineError(
                    Errors.S043,
                    reason=f"the event-type classifier {path} was built for features "
                    f"'{data['features']}', not '{FEATURES}' (rebuild it with "
                    "`python scripts/train_event_types.py [--multilingual]`)",
                )
            return cls(
                labels=[str(s) for s in data["labels"]],
                vocabulary=[str(s) for s in data["vocabulary"]],
                idf=data["idf"].astype(np.float32),
                embedding_weights=data["embedding_weights"].astype(np.float32),
                embedding_bias=data["embedding_bias"].astype(np.float32),
                term_weights=data["term_weights"].astype(np.float32),
                term_bias=data["term_bias"].astype(np.float32),
                centroids=data["centroids"].astype(np.float32),
                temperature=float(data["temperature"]),
                embedder=str(data["embedder"]) if "embedder" in data else "minilm",
            )

    def save(self, path: Path) -> None:
        """Write the model as a compressed .npz (term weights as float16: half the size)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        np.savez_compressed(
            path,
            features=np.array(FEATURES),
            labels=np.array(self.labels),
            vocabulary=np.array(self.vocabulary),
            idf=self.idf.astype(np.float32),
            embedding_weights=self.embedding_weights.astype(np.float32),
            embedding_bias=self.embedding_bias.astype(np.float32),
            term_weights=self.term_weights.astype(np.float16),
            term_bias=self.term_bias.astype(np.float32),
            centroids=self.centroids.astype(np.float32),
            temperature=np.array(self.temperature),
            embedder=np.array(self.embedder),
        )

    def component_log_proba(
        self, texts: list[str], embeddings: Matrix
    ) -> tuple[npt.NDArray[np.float64], ...]:
        """Log-probabilities of the estimators (embedding LR, term LR, centroids); a model
        without a vocabulary has no term LR."""
        embedded = (
            log_softmax(embeddings @ self.embedding_weights + self.embedding_bias),
            log_softmax(self.temperature * (embeddings @ self.centroids.T)),
        )
        if not self.vocabulary:
            return embedded
        term_scores = np.zeros((len(texts), len(self.labels)), dtype=np.float32)
        for start in range(0, len(texts), CHUNK):
            block = tfidf(term_counts(texts[start : start + CHUNK], self.index), self.idf)
            term_scores[start : start + CHUNK] = block @ self.term_weights
        return embedded[0], log_softmax(term_scores + self.term_bias), embedded[1]

    def predict_proba(self, texts: list[str], embeddings: Matrix | None = None) -> Matrix:
        """One row per text, one column per label, rows summing to 1. Pass `embeddings`
        (from `default_embedder().embed(texts)`) to skip embedding the texts again."""
        if embeddings is None:
            embeddings = self.embed(texts)
        if embeddings.shape[0] != len(texts):
            raise ValueError(f"{embeddings.shape[0]} embeddings for {len(texts)} texts")
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32)
        parts = self.component_log_proba(texts, embeddings.astype(np.float32))
        combined = log_softmax(sum(parts[1:], parts[0]) / len(parts))
        return np.exp(combined).astype(np.float32)

    def embed(self, texts: list[str]) -> Matrix:
        """The vectors this model reads, of the texts."""
        if self.embedder == "e5":
            from storyline.sources.crosslingual import embed

            return embed(texts)
        from storyline.sources.embed import default_embedder

        return default_embedder().embed(texts)

    def predict(self, texts: list[str], embeddings: Matrix | None = None) -> list[str]:
        """The most probable label of each text."""
        columns = self.predict_proba(texts, embeddings).argmax(axis=1)
        return [self.labels[int(c)] for c in columns]


@functools.cache
def default_model() -> EventTypeModel:
    """The shipped model, loaded once per process."""
    return EventTypeModel.load()


@functools.cache
def multilingual_model() -> EventTypeModel:
    """The shipped model for reports in other languages (over multilingual-e5 vectors)."""
    return EventTypeModel.load(MULTILINGUAL_PATH)
