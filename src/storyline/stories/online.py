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

Cost stays near-linear: a report is compared only with the open stories that share
one of its heaviest terms (an inverted index over open stories), and a story closes
when the stream has moved QUIET_DAYS past its last report (dated streams only).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from storyline.stories.features import PERMUTATIONS, Features

THRESHOLD = 0.15  # score a report needs to join a story
NAME_WEIGHT = 0.3  # credit for the share of names in common
QUERY_TERMS = 12  # the report's heaviest terms that fetch candidate stories
CENTROID_TERMS = 60  # terms a story keeps in its centroid
QUIET_DAYS = 3
COPY_JACCARD = 0.7
BANDS = 16
ROWS = PERMUTATIONS // BANDS


@dataclass
class Group:
    """An open or closed story: its reports in arrival order and its centroid."""

    id: int
    members: list[str] = field(default_factory=list)
    weights: Counter[str] = field(default_factory=Counter)  # summed unit vectors
    names: Counter[str] = field(default_factory=Counter)
    first_seen: date | None = None
    last_seen: date | None = None
    copies: dict[str, str] = field(default_factory=dict)  # report -> the one it copies


def idf_weights(document_frequency: Counter[str], documents: int) -> dict[str, float]:
    """Smoothed inverse document frequency of every term of the stream."""
    return {t: math.log((1 + documents) / (1 + df)) + 1.0 for t, df in document_frequency.items()}


def vector(item: Features, idf: dict[str, float]) -> dict[str, float]:
    """The report's unit TF-IDF vector (log term counts)."""
    raw = {t: (1.0 + math.log(n)) * idf.get(t, 1.0) for t, n in item.terms.items()}
    norm = math.sqrt(sum(v * v for v in raw.values())) or 1.0
    return {t: v / norm for t, v in raw.items()}


def _order(items: Sequence[Features]) -> list[int]:
    """Publication order; undated reports keep their place in the stream after the dated
    ones before them."""
    keyed, last = [], date.min
    for n, item in enumerate(items):
        last = item.published or last
        keyed.append((last, n))
    return [n for _, n in sorted(keyed)]


def group(items: Sequence[Features], idf: dict[str, float]) -> list[Group]:
    """Every report in exactly one story; stories in the order they started."""
    stories: list[Group] = []
    story_of: dict[str, int] = {}
    postings: dict[str, set[int]] = defaultdict(set)  # term -> open stories holding it
    buckets: dict[tuple[int, bytes], list[Features]] = defaultdict(list)
    open_ids: set[int] = set()
    closed_on: date | None = None
    for n in _order(items):
        item = items[n]
        now = item.published
        if now is not None and now != closed_on:  # once a day of the stream
            _close(stories, open_ids, postings, now)
            closed_on = now
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
    return stories


def _best(
    v: dict[str, float],
    item: Features,
    stories: list[Group],
    open_ids: set[int],
    postings: dict[str, set[int]],
) -> Group | None:
    heaviest = sorted(v, key=lambda t: (-v[t], t))[:QUERY_TERMS]
    candidates: set[int] = set()
    for term in heaviest:
        candidates |= postings.get(term, set())
    best, best_score = None, THRESHOLD
    for sid in sorted(candidates & open_ids):
        story = stories[sid]
        s = _score(v, item.names, story)
        if s > best_score:
            best, best_score = story, s
    return best


def _score(v: dict[str, float], names: frozenset[str], story: Group) -> float:
    weights = story.weights
    norm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
    cosine = sum(x * weights.get(t, 0.0) for t, x in v.items()) / norm
    shared = 0.0
    if names and story.names:
        common = sum(1 for n in names if n in story.names)
        shared = common / len(names | set(story.names))
    return cosine + NAME_WEIGHT * shared


def _add(story: Group, item: Features, v: dict[str, float], postings: dict[str, set[int]]) -> None:
    story.members.append(item.article)
    story.weights.update(v)
    if len(story.weights) > CENTROID_TERMS:
        kept = dict(story.weights.most_common(CENTROID_TERMS))
        for term in set(story.weights) - set(kept):
            postings.get(term, set()).discard(story.id)
        story.weights = Counter(kept)
    for term in story.weights:
        postings[term].add(story.id)
    story.names.update(item.names)
    if item.published is not None:
        story.first_seen = min(filter(None, (story.first_seen, item.published)))
        story.last_seen = max(filter(None, (story.last_seen, item.published)))


def _close(stories: list[Group], open_ids: set[int], postings: dict[str, set[int]],
           now: date) -> None:  # fmt: skip
    for sid in [s for s in open_ids if stories[s].last_seen is not None]:
        last = stories[sid].last_seen
        if last is not None and (now - last).days > QUIET_DAYS:
            open_ids.discard(sid)
            for term in stories[sid].weights:
                postings.get(term, set()).discard(sid)


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
    if item.signature:
        for key in _bands(item.signature):
            buckets[key].append(item)
