"""Group sentences that are copies of one text: wire copy run by several outlets.

Outlets edit wire copy lightly ("neighborhood" → "neighbourhood", "said Tuesday"
→ "has said", a clause cut), so exact matching misses copies. Two sentences are
copies when most of the shorter one's word 3-grams stand in the longer one
(overlap coefficient); on the Daraa reports copies score 0.69 to 1.0 and
unrelated sentences at most 0.33. Candidates come from an inverted index of
3-grams, so the work grows with the number of sentences, not its square:
only sentences sharing a rare-enough 3-gram are ever compared.
"""

from __future__ import annotations

from collections import defaultdict

from storyline.ingest.text import fold
from storyline.model import Sentence, SentenceGroup

NGRAM = 3
MIN_SHARED = 2  # candidates must share at least this many 3-grams
MAX_POSTING = 200  # a 3-gram in more sentences than this is a stock phrase, not evidence


def shingles(text: str) -> frozenset[tuple[str, ...]]:
    words = fold(text).split()
    if len(words) < NGRAM:
        return frozenset([tuple(words)]) if words else frozenset()
    return frozenset(tuple(words[i : i + NGRAM]) for i in range(len(words) - NGRAM + 1))


def overlap(a: frozenset[tuple[str, ...]], b: frozenset[tuple[str, ...]]) -> float:
    """Share of the smaller set found in the larger (1.0: one is contained in the other)."""
    if not a or not b:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def group_copies(sentences: list[Sentence], threshold: float) -> list[SentenceGroup]:
    """Partition sentences into groups of copies; a sentence with no copy is a group alone.

    Groups keep input order; the first member of each is its representative. Only
    sentences of different articles are joined: within one article, repeats were
    already removed as furniture.
    """
    sets = [shingles(s.text) for s in sentences]
    postings: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, grams in enumerate(sets):
        for gram in grams:
            postings[gram].append(i)

    parent = list(range(len(sentences)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, grams in enumerate(sets):
        shared: dict[int, int] = defaultdict(int)
        for gram in grams:
            posting = postings[gram]
            if len(posting) > MAX_POSTING:
                continue
            for j in posting:
                if j > i:
                    shared[j] += 1
        need = min(MIN_SHARED, len(grams))
        for j, count in shared.items():
            if count < need or sentences[i].article == sentences[j].article:
                continue
            if overlap(grams, sets[j]) >= threshold:
                parent[find(j)] = find(i)

    groups: dict[int, list[Sentence]] = {}
    for i, sentence in enumerate(sentences):
        groups.setdefault(find(i), []).append(sentence)
    return [SentenceGroup(members=members) for members in groups.values()]
