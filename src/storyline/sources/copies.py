"""Copies of one text across articles: wire copy run by several outlets.

Outlets edit wire copy lightly ("neighborhood" → "neighbourhood", "said Tuesday"
→ "has said", a clause cut), so exact matching misses copies. Two sentences are
copies when most of the shorter one's word 3-grams stand in the longer one
(overlap coefficient); on the Daraa reports copies score 0.69 to 1.0 and
unrelated sentences at most 0.33.

Finding the pairs stays near-linear with MinHash LSH: each sentence's 3-gram
set gets a MinHash signature (NUM_PERM universal hashes, computed for all
sentences at once with numpy), the signature is cut into BANDS bands of ROWS
rows, and only sentences that agree on a whole band are ever compared. A pair
of very different lengths is no copy: the shorter must hold at least MIN_RATIO
of the longer's 3-grams, so no short stock line chains long sentences together. With 2
rows and 32 bands a pair whose Jaccard similarity is 0.35 (a copy with a clause
cut and a spelling changed) is a candidate with probability 0.985; a pair
sharing one stock phrase (Jaccard 0.05) with probability 0.08. Every candidate
is then checked exactly.

`syndicate` turns copied sentences into article pairs (`Syndication`) and the
articles into independent sources (`SourceGroup`): copies of one wire story
count once, and so do the reports of one outlet.
"""

from __future__ import annotations

import zlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse

from storyline.model import (
    Article,
    Citation,
    CrossLink,
    ParsedArticle,
    Sentence,
    SentenceGroup,
    SourceGroup,
    Syndication,
)
from storyline.settings import SourcesSettings
from storyline.sources.crosslingual import link_languages, translations
from storyline.text import fold, one_source

NGRAM = 3
NUM_PERM = 64
ROWS = 2
BANDS = NUM_PERM // ROWS
MIN_SHINGLES = 3  # a line of fewer than 5 words ("Reuters Archive") is no evidence of a copy
MAX_BUCKET = 200  # a band bucket this full holds a stock line, not one text's copies
MIN_RATIO = 0.4  # a copy keeps this share of its original's 3-grams: a short line inside a
# long sentence ("It was a fight to the end.") is a quotation or a stock phrase, not a copy
_MASK32 = np.uint64(0xFFFFFFFF)
_CHUNK = 1 << 18  # shingles hashed per numpy step (memory: CHUNK x NUM_PERM x 8 bytes)


def _multipliers() -> np.ndarray:
    rng = np.random.default_rng(1)  # fixed: the same sentences always give the same signatures
    high = rng.integers(1, 1 << 32, size=NUM_PERM, dtype=np.uint64)
    low = rng.integers(0, 1 << 32, size=NUM_PERM, dtype=np.uint64)
    return (high << np.uint64(32)) | low | np.uint64(1)  # odd 64-bit multipliers


_MULTIPLIERS = _multipliers()


@lru_cache(maxsize=1 << 20)
def _word_id(word: str) -> int:
    return zlib.crc32(word.encode("utf-8")) + 1


def shingles(text: str) -> np.ndarray:
    """A text's word 3-grams as sorted unique 32-bit ids (a text of 1-2 words: its words)."""
    return shingle_ids([text])[0]


def shingle_ids(texts: Iterable[str]) -> list[np.ndarray]:
    """`shingles` of many texts."""
    out = []
    for text in texts:
        ids = np.fromiter((_word_id(w) for w in fold(text).split()), dtype=np.uint64)
        if len(ids) >= NGRAM:
            grams = (
                ids[: -NGRAM + 1] * np.uint64(2_654_435_761)
                + ids[1 : len(ids) - NGRAM + 2] * np.uint64(40_503)
                + ids[NGRAM - 1 :]
            )
        else:
            grams = ids * np.uint64(97) + np.uint64(len(ids))
        out.append(np.unique(grams & _MASK32))
    return out


def signatures(shingles: list[np.ndarray]) -> np.ndarray:
    """MinHash signatures, one row per shingle set (an empty set gets the maximum).

    Hash k of a shingle x is the top 32 bits of x * m_k mod 2^64 for odd 64-bit
    multipliers m_k (multiply-shift, a universal family): no division, so the
    step is bound by memory, not arithmetic.
    """
    sig = np.full((len(shingles), NUM_PERM), _MASK32, dtype=np.uint64)
    lengths = np.array([len(s) for s in shingles], dtype=np.int64)
    nonempty = np.flatnonzero(lengths)
    bounds = np.concatenate(([0], np.cumsum(lengths[nonempty])))
    start = 0
    while start < len(nonempty):
        # take sentences until about _CHUNK shingles are gathered
        stop = int(np.searchsorted(bounds, bounds[start] + _CHUNK, side="right")) - 1
        stop = min(max(stop, start + 1), len(nonempty))
        rows = nonempty[start:stop]
        flat = np.concatenate([shingles[r] for r in rows])
        hashed = (flat[:, None] * _MULTIPLIERS[None, :]) >> np.uint64(32)
        sig[rows] = np.minimum.reduceat(hashed, bounds[start:stop] - bounds[start], axis=0)
        start = stop
    return sig


def _ranges(lengths: np.ndarray) -> np.ndarray:
    """0..k-1 for each k in `lengths`, concatenated."""
    out: np.ndarray = np.arange(int(lengths.sum())) - np.repeat(
        np.cumsum(lengths) - lengths, lengths
    )
    return out


def candidate_pairs(sig: np.ndarray, eligible: np.ndarray) -> np.ndarray:
    """Pairs (i < j) of eligible rows that agree on at least one band, as an (n, 2) array.

    Per band, rows are sorted by the band's key and every pair within a bucket is
    built at once with numpy (no loop over buckets)."""
    rows = np.flatnonzero(eligible)
    n = np.int64(len(sig))
    found: list[np.ndarray] = []
    for band in range(BANDS):
        cols = sig[rows, band * ROWS : (band + 1) * ROWS]
        keys = cols[:, 0] * np.uint64(0x9E3779B97F4A7C15) ^ cols[:, 1]
        order = np.argsort(keys, kind="stable")
        sorted_keys = keys[order]
        cuts = np.flatnonzero(np.diff(sorted_keys)) + 1
        starts = np.concatenate(([0], cuts))
        sizes = np.concatenate((cuts, [len(sorted_keys)])) - starts
        keep = (sizes > 1) & (sizes <= MAX_BUCKET)
        first, size = starts[keep], sizes[keep]
        position = np.repeat(first, size) + _ranges(size)  # each member's place in `order`
        after = np.repeat(first + size, size) - position - 1  # members after it in its bucket
        left = np.repeat(position, after)
        right = left + 1 + _ranges(after)
        a = rows[order[left]].astype(np.int64)
        b = rows[order[right]].astype(np.int64)
        found.append(np.minimum(a, b) * n + np.maximum(a, b))
    if not found:
        return np.empty((0, 2), dtype=np.int64)
    codes = np.unique(np.concatenate(found))
    return np.stack([codes // n, codes % n], axis=1)


def overlaps(shingles: list[np.ndarray], pairs: np.ndarray) -> np.ndarray:
    """`overlap` of many pairs at once: shared 3-grams counted by sparse row products."""
    if not len(pairs):
        return np.zeros(0)
    lengths = np.array([len(x) for x in shingles], dtype=np.int64)
    flat = np.concatenate(shingles)
    _, columns = np.unique(flat, return_inverse=True)
    indptr = np.concatenate(([0], np.cumsum(lengths)))
    matrix = sparse.csr_matrix(
        (np.ones(len(flat), dtype=np.float32), columns.ravel(), indptr),
        shape=(len(shingles), int(columns.max()) + 1 if len(flat) else 1),
    )
    out = np.zeros(len(pairs))
    for start in range(0, len(pairs), 200_000):
        chunk = pairs[start : start + 200_000]
        shared = np.asarray(matrix[chunk[:, 0]].multiply(matrix[chunk[:, 1]]).sum(axis=1))
        smaller = np.maximum(np.minimum(lengths[chunk[:, 0]], lengths[chunk[:, 1]]), 1)
        out[start : start + len(chunk)] = shared.ravel() / smaller
    return out


def overlap(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the smaller sorted-unique set found in the larger (1.0: one contains the other)."""
    if not len(a) or not len(b):
        return 0.0
    return len(np.intersect1d(a, b, assume_unique=True)) / min(len(a), len(b))


def group_copies(sentences: list[Sentence], threshold: float) -> list[SentenceGroup]:
    """Partition sentences into groups of copies; a sentence with no copy is a group alone.

    Groups keep input order; the first member of each is its representative.
    Repeats within one article (a line printed twice) join the group too: they
    add a citation, never a source.
    """
    shingles = shingle_ids(s.text for s in sentences)
    eligible = np.array([len(s) >= MIN_SHINGLES for s in shingles], dtype=bool)
    parent = list(range(len(sentences)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    if eligible.sum() > 1:
        pairs = candidate_pairs(signatures(shingles), eligible)
        lengths = np.array([len(x) for x in shingles], dtype=np.int64)
        short = np.minimum(lengths[pairs[:, 0]], lengths[pairs[:, 1]])
        long = np.maximum(lengths[pairs[:, 0]], lengths[pairs[:, 1]])
        pairs = pairs[short >= MIN_RATIO * long]
        for i, j in pairs[overlaps(shingles, pairs) >= threshold].tolist():
            parent[find(j)] = find(i)

    groups: dict[int, list[Sentence]] = {}
    for i, sentence in enumerate(sentences):
        groups.setdefault(find(i), []).append(sentence)
    return [SentenceGroup(members=members) for members in groups.values()]


def syndicate(
    articles: list[Article],
    sentences: list[Sentence],
    groups: list[SentenceGroup],
    *,
    min_sentences: int,
    min_share: float,
) -> tuple[list[Syndication], list[SourceGroup]]:
    """Article pairs that share wire text, and the articles grouped into independent sources.

    A pair is syndicated when it shares at least `min_sentences` copied
    sentences and they hold at least `min_share` of the shorter article's words:
    two outlets quoting one statement share a sentence, not a story.
    """
    words: dict[str, int] = defaultdict(int)
    for s in sentences:
        if not s.heading:
            words[s.article] += len(s.text.split())
    shared: dict[tuple[str, str], list[tuple[Sentence, Sentence]]] = defaultdict(list)
    for group in groups:
        first: dict[str, Sentence] = {}
        for m in group.members:
            first.setdefault(m.article, m)  # a repeat within one article counts once
        if len(first) < 2:
            continue
        ids = sorted(first)
        for x, a in enumerate(ids):
            for b in ids[x + 1 :]:
                shared[(a, b)].append((first[a], first[b]))

    order = {a.id: n for n, a in enumerate(articles)}
    pairs = []
    for (a, b), copies in shared.items():
        if len(copies) < min_sentences:
            continue
        in_a = sum(len(x.text.split()) for x, _ in copies if not x.heading)
        in_b = sum(len(y.text.split()) for _, y in copies if not y.heading)
        score = min(1.0, max(in_a / max(words[a], 1), in_b / max(words[b], 1)))
        if score < min_share:
            continue
        first_a, first_b = sorted((a, b), key=lambda x: order.get(x, 0))
        pairs.append(
            Syndication(
                articles=[first_a, first_b],
                shared_sentences=len(copies),
                score=round(score, 3),
                shared=[
                    Citation(article=s.article, start=s.start, end=s.end)
                    for pair in copies
                    for s in sorted(pair, key=lambda s: order.get(s.article, 0))
                ],
            )
        )
    pairs.sort(key=lambda p: (order.get(p.articles[0], 0), order.get(p.articles[1], 0)))
    return pairs, source_groups(articles, pairs)


def source_groups(articles: list[Article], pairs: list[Syndication]) -> list[SourceGroup]:
    """Articles joined by syndication form one source, and so do the reports of one outlet
    (a paper saying a thing twice, on two days, is not two sources confirming it); every
    other article is its own."""
    members = one_source(articles, ((p.articles[0], p.articles[1]) for p in pairs))
    return [
        SourceGroup(
            id=f"S{n}",
            articles=[a.id for a in group],
            outlets=sorted({a.outlet for a in group if a.outlet}),
        )
        for n, group in enumerate(members, start=1)
    ]


@dataclass(frozen=True)
class Copies:
    """What the copies stage produces."""

    copy_groups: list[SentenceGroup]
    syndication: list[Syndication]
    source_groups: list[SourceGroup]
    crosslingual: list[CrossLink]


def find_copies(parsed: list[ParsedArticle], *, settings: SourcesSettings) -> Copies:
    """Sentences that are copies of one another, article pairs that share a wire story (or
    a translation of one), and the articles grouped into independent sources; sentences of
    reports in other languages linked to the English sentences that say the same."""
    articles = [p.article for p in parsed]
    sentences = [s for p in parsed for s in p.sentences]
    groups = group_copies(sentences, settings.copy_overlap)
    syndication, _ = syndicate(
        articles,
        sentences,
        groups,
        min_sentences=settings.syndication_sentences,
        min_share=settings.syndication_share,
    )
    links = link_languages(
        parsed,
        similarity=settings.crosslingual_similarity,
        margin=settings.crosslingual_margin,
    )
    syndication += translations(parsed, links)
    return Copies(groups, syndication, source_groups(articles, syndication), links)
