"""Grouping a stream into stories, online, in publication order.

After Miranda et al. (2018, "Multilingual clustering of streaming news"): each report
joins the open story it is most like, or starts one. A report is like a story by
- the cosine between its TF-IDF vector (title and lead) and the story's centroid,
- plus a small credit for the names they share (Jaccard of the name sets).
Copies of one wire story always land together: a report whose MinHash signature
matches an earlier report's (estimated Jaccard of shingles at least COPY_JACCARD, found
through LSH buckets) joins that report's story whatever its words score.

THRESHOLD and NAME_WEIGHT were chosen on the dev streams of benchmarks/stories_eval.py
(Multi-News and ECB+; a grid of 0.12-0.24 and 0-0.3).

Cost stays near-linear: a report's heaviest terms fetch at most POSTING recent open
stories each (an inverted index over open stories); only the SHORTLIST that share most
of those terms are scored in full; a story closes when the stream has moved QUIET_DAYS
past its last report (dated streams).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

import numpy as np
import numpy.typing as npt

from storyline.stories.features import PERMUTATIONS, Features

THRESHOLD = 0.15  # score a report needs to join a story
NAME_WEIGHT = 0.3  # credit for the share of names in common
VECTOR_TERMS = 200  # a report's heaviest terms, the ones it is compared by
QUERY_TERMS = 12  # the report's heaviest terms that fetch candidate stories
POSTING = 64  # stories a term fetches: the ones that took it most recently
SHORTLIST = 16  # candidates scored in full: those sharing most of the heaviest terms
CENTROID_TERMS = 60  # terms a story keeps in its centroid
STORY_NAMES = 40  # names a story keeps
QUIET_DAYS = 3
COPY_JACCARD = 0.7
BANDS = 16
BUCKET = 8
ROWS = PERMUTATIONS // BANDS


@dataclass
class Group:
    """An open or closed story: its reports in arrival order and its centroid."""

    id: int
    members: list[str] = field(default_factory=list)
    weights: Counter[int] = field(default_factory=Counter)  # summed report vectors
    names: Counter[str] = field(default_factory=Counter)
    first_seen: date | None = None
    last_seen: date | None = None
    copies: dict[str, str] = field(default_factory=dict)  # report -> the one it copies
    title: str = ""  # its name: the title of the report most like the whole story


@dataclass(frozen=True)
class Idf:
    """Smoothed inverse document frequency of every term number of the stream."""

    vocabulary: npt.NDArray[np.uint32]  # sorted term numbers
    weights: npt.NDArray[np.float64]

    @classmethod
    def of(cls, items: Sequence[Features]) -> Idf:
        ids = [np.frombuffer(item.terms[0], dtype=np.uint32) for item in items]
        found = np.concatenate(ids) if ids else np.zeros(0, dtype=np.uint32)
        vocabulary, df = np.unique(found, return_counts=True)
        return cls(vocabulary, np.log((1 + len(items)) / (1 + df)) + 1.0)


def vector(item: Features, idf: Idf) -> dict[int, float]:
    """The report's TF-IDF vector (log term counts), unit length, cut to its
    VECTOR_TERMS heaviest terms."""
    ids = np.frombuffer(item.terms[0], dtype=np.uint32)
    if not len(ids):
        return {}
    counts = np.frombuffer(item.terms[1], dtype=np.uint32).astype(np.float64)
    weights = 1.0 + np.log(counts)
    if len(idf.vocabulary):  # a term the stream's weights lack counts 1
        at = np.searchsorted(idf.vocabulary, ids).clip(0, len(idf.vocabulary) - 1)
        weights *= np.where(idf.vocabulary[at] == ids, idf.weights[at], 1.0)
    weights /= float(np.sqrt((weights * weights).sum())) or 1.0
    top = np.argsort(-weights, kind="stable")[:VECTOR_TERMS]
    return dict(zip(ids[top].tolist(), weights[top].tolist(), strict=True))


def _order(items: Sequence[Features]) -> list[int]:
    """Publication order; undated reports keep their place in the stream after the dated
    ones before them."""
    keyed, last = [], date.min
    for n, item in enumerate(items):
        last = item.published or last
        keyed.append((last, n))
    return [n for _, n in sorted(keyed)]


def group(items: Sequence[Features], idf: Idf | None = None) -> list[Group]:
    """Every report in exactly one story; stories in the order they started."""
    idf = idf or Idf.of(items)
    stories: list[Group] = []
    story_of: dict[str, int] = {}
    postings: dict[int, dict[int, None]] = defaultdict(dict)  # term -> open stories, oldest first
    buckets: dict[tuple[int, bytes], list[Features]] = defaultdict(list)
    open_ids: set[int] = set()
    closed_on: date | None = None
    for n in _order(items):
        item = items[n]
        now = item.published
        if now is not None and now != closed_on:  # once a day of the stream
            _close(stories, open_ids, postings, now)
            closed_on = now
        if item.alone:  # a page that is no report joins no story and none joins it
            alone = Group(len(stories))
            stories.append(alone)
            _add(alone, item, {}, postings)
            story_of[item.article] = alone.id
            continue
        copy = _copy_of(item, buckets)
        v = vector(item, idf)
        chosen: Group | None
        if copy is not None:
            chosen = stories[story_of[copy]]
            chosen.copies[item.article] = copy
        else:
            chosen = _best(v, item, stories, open_ids, postings)
        if chosen is None:
            chosen = Group(len(stories))
            stories.append(chosen)
            open_ids.add(chosen.id)
        _add(chosen, item, v, postings)
        story_of[item.article] = chosen.id
        if chosen.id not in open_ids:  # a copy of a report of a closed story reopens it
            open_ids.add(chosen.id)
        _file(item, buckets)
    by_article = {item.article: item for item in items}
    for story in stories:
        story.title = _title(story, by_article, idf)
    return stories


def _title(story: Group, items: dict[str, Features], idf: Idf) -> str:
    """The title of the report most like the story as a whole (its words and names against
    the story's, as a report is scored to join it), the earliest of equals: not the first
    report's, which may have been about a corner of the story, or a teaser."""
    best, best_score = "", -1.0
    for member in story.members:
        item = items[member]
        score = _score(vector(item, idf), item.names, story)
        if score > best_score + 1e-9:
            best, best_score = item.title, score
    return best


def _best(
    v: dict[int, float],
    item: Features,
    stories: list[Group],
    open_ids: set[int],
    postings: dict[int, dict[int, None]],
) -> Group | None:
    heaviest = sorted(v, key=lambda t: (-v[t], t))[:QUERY_TERMS]
    shared: Counter[int] = Counter()
    for term in heaviest:
        shared.update(postings.get(term, {}).keys())
    shortlist = sorted(
        (sid for sid in shared if sid in open_ids), key=lambda sid: (-shared[sid], -sid)
    )[:SHORTLIST]
    best, best_score = None, THRESHOLD
    for sid in sorted(shortlist):
        story = stories[sid]
        s = _score(v, item.names, story)
        if s > best_score:
            best, best_score = story, s
    return best


def _score(v: dict[int, float], names: frozenset[str], story: Group) -> float:
    weights = story.weights
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    cosine = sum(w * v.get(t, 0.0) for t, w in weights.items()) / norm
    shared = 0.0
    if names and story.names:
        common = sum(1 for n in names if n in story.names)
        shared = common / (len(names) + len(story.names) - common)
    return cosine + NAME_WEIGHT * shared


def _add(
    story: Group, item: Features, v: dict[int, float], postings: dict[int, dict[int, None]]
) -> None:
    story.members.append(item.article)
    story.weights.update(v)
    if len(story.weights) > CENTROID_TERMS:
        kept = dict(story.weights.most_common(CENTROID_TERMS))
        for term in set(story.weights) - set(kept):
            postings.get(term, {}).pop(story.id, None)
        story.weights = Counter(kept)
    for term in story.weights:
        posting = postings[term]
        posting.pop(story.id, None)
        posting[story.id] = None  # the most recent last
        if len(posting) > POSTING:
            del posting[next(iter(posting))]
    story.names.update(item.names)
    if len(story.names) > 2 * STORY_NAMES:  # a big story keeps its most named
        story.names = Counter(dict(story.names.most_common(STORY_NAMES)))
    if item.published is not None:
        story.first_seen = min(filter(None, (story.first_seen, item.published)))
        story.last_seen = max(filter(None, (story.last_seen, item.published)))


def _close(stories: list[Group], open_ids: set[int], postings: dict[int, dict[int, None]],
           now: date) -> None:  # fmt: skip
    for sid in [s for s in open_ids if stories[s].last_seen is not None]:
        last = stories[sid].last_seen
        if last is not None and (now - last).days > QUIET_DAYS:
            open_ids.discard(sid)
            for term in stories[sid].weights:
                postings.get(term, {}).pop(sid, None)


def _bands(signature: tuple[int, ...]) -> Iterable[tuple[int, bytes]]:
    for b in range(BANDS):
        rows = signature[b * ROWS : (b + 1) * ROWS]
        yield b, b"".join(r.to_bytes(8, "little") for r in rows)


def _copy_of(item: Features, buckets: dict[tuple[int, bytes], list[Features]]) -> str | None:
    """An earlier report this one copies (estimated Jaccard >= COPY_JACCARD), if any."""
    if not item.signature:
        return None
    seen: set[str] = set()
    for key in _bands(item.signature):
        for other in buckets.get(key, ()):
            if other.article in seen:
                continue
            seen.add(other.article)
            same = sum(a == b for a, b in zip(item.signature, other.signature, strict=True))
            if same / PERMUTATIONS >= COPY_JACCARD:
                return other.article
    return None


def _file(item: Features, buckets: dict[tuple[int, bytes], list[Features]]) -> None:
    """File the report under its LSH bands; a band keeps its BUCKET most recent reports
    (a copy finds its story through any recent copy: the work stays bounded a report)."""
    if item.signature:
        for key in _bands(item.signature):
            bucket = buckets[key]
            bucket.append(item)
            if len(bucket) > BUCKET:
                del bucket[0]
