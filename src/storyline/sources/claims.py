"""Claims: the statements of the cluster, each with every sentence that makes it.

A unit is a prose sentence with its wire copies (one `SentenceGroup`). Two
units from different articles state the same claim when their similarity
reaches `claim_similarity`:

    similarity = 0.6 x MiniLM cosine + 0.4 x TF-IDF cosine (IDF of this cluster)
                 + 0.05 per shared distinctive name (places by gazetteer reading,
                   people and organisations by spelling key), at most 0.10
                 + 0.15 when both date what they tell to the same day
                 - 0.20 when both date it to days that differ
                 + 0.06 when, without days, both date it to the same month or year
                 + 0.05 when they give the same figure for the same thing

so a paraphrase of the same day ("Daraa al-Balad was blockaded by the regime
forces on June 25" ≈ "Daraa was placed under siege on 25 June") joins, and a
look-alike of another day does not. A name is distinctive when at most a
quarter of the cluster's sentences carry it: in a story about Daraa, sharing
"Daraa" says nothing. Candidates are the unit pairs whose cosine passes a floor
among each unit's 25 nearest, found block by block (no n² pair list in memory).
Units are clustered by average linkage: two clusters merge only when their mean
similarity across articles reaches the threshold, so one loose link cannot chain
unrelated statements.

Status: `corroborated` when units from two or more independent sources (copies
of one wire story count once) make the claim, `contested` when such sources
give different figures for the same thing or date it to different days, else
`single_source`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from storyline.dates.datings import Dating
from storyline.model import (
    Citation,
    Claim,
    ClaimStatus,
    Mention,
    ParsedArticle,
    Place,
    Sentence,
    SentenceGroup,
)
from storyline.places.names import name_key
from storyline.text import DANGLING, SentenceIndex, tfidf

COSINE_FLOOR = 0.45  # below this no bonus can reach the threshold
LEXICAL_WEIGHT = 0.4  # share of TF-IDF cosine (IDF of this cluster) in the base similarity
NAME_BONUS = 0.05
NAME_BONUS_MAX = 0.10
NAME_SHARE = (
    0.25  # a name in more of the cluster's sentences than this is the story's, not the claim's
)
SAME_DAY = 0.15
OTHER_DAY = -0.20
SAME_PERIOD = 0.06
SAME_FIGURE = 0.05
MIN_WORDS = 6
BLOCK = 512  # rows of the similarity matrix held at once: memory grows with n, not n²
NEIGHBOURS = 25  # candidates per unit: enough for any claim, and pairs stay linear in n
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}


@dataclass
class Unit:
    """A sentence and its copies, with what the similarity looks at."""

    group: SentenceGroup
    articles: frozenset[str]
    names: frozenset[str] = frozenset()
    days: frozenset[str] = frozenset()
    periods: frozenset[str] = frozenset()
    figures: frozenset[tuple[str, str | None, float]] = frozenset()
    order: tuple[int, int] = (0, 0)

    @property
    def text(self) -> str:
        return self.group.members[0].text


@dataclass
class Features:
    """Per-sentence names, dates and figures, keyed by (article, sentence index)."""

    names: dict[tuple[str, int], set[str]] = field(default_factory=lambda: defaultdict(set))
    days: dict[tuple[str, int], set[str]] = field(default_factory=lambda: defaultdict(set))
    periods: dict[tuple[str, int], set[str]] = field(default_factory=lambda: defaultdict(set))
    figures: dict[tuple[str, int], set[tuple[str, str | None, float]]] = field(
        default_factory=lambda: defaultdict(set)
    )


def sentence_features(
    parsed: list[ParsedArticle], datings: list[Dating], places: Sequence[Place] = ()
) -> Features:
    """Names (a place by the reading it resolved to, so "Deraa" = "Daraa"), day-level
    dates and figures of every sentence."""
    features = Features()
    place_at: dict[tuple[str, int], str] = {}
    for place in places:
        for pm in place.mentions:
            place_at[(pm.article, pm.start)] = f"place:{place.geonames_id or place.name}"
    places_in: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for (article, start), name in place_at.items():
        places_in[article].append((start, name))
    for p in parsed:
        sentences = SentenceIndex(p)

        def index_at(offset: int, sentences: SentenceIndex = sentences) -> int | None:
            sentence = sentences.at(offset)
            return sentence.index if sentence is not None else None

        mentions: list[Mention] = [m for m in p.mentions if m.label in NAME_LABELS]
        for m in mentions:
            i = index_at(m.start)
            if i is None:
                continue
            name = place_at.get((m.article, m.start)) or f"name:{name_key(m.text)}"
            features.names[(m.article, i)].add(name)
        for start, name in places_in.get(p.article.id, ()):
            if (i := index_at(start)) is not None:
                features.names[(p.article.id, i)].add(name)
        for figure in p.figures:
            features.figures[(figure.article, figure.sentence)].add(
                (figure.topic, figure.unit, figure.value)
            )
    for d in datings:
        if d.attribution:
            continue
        at = (d.sentence.article, d.sentence.index)
        (features.days if d.key.granularity == "day" else features.periods)[at].add(d.key.value)
    return features


def claim_groups(groups: list[SentenceGroup]) -> list[SentenceGroup]:
    """The copy groups that can state a claim: prose (no heading) of MIN_WORDS or more."""
    return [
        g
        for g in groups
        if not g.members[0].heading and len(g.members[0].text.split()) >= MIN_WORDS
    ]


def make_units(
    parsed: list[ParsedArticle], groups: list[SentenceGroup], features: Features
) -> list[Unit]:
    """One unit per copy group of prose sentences long enough to state something."""
    order = {p.article.id: n for n, p in enumerate(parsed)}
    units = []
    kept = claim_groups(groups)
    carried: dict[str, int] = defaultdict(int)
    for group in kept:
        for name in {
            k for m in group.members for k in features.names.get((m.article, m.index), ())
        }:
            carried[name] += 1
    common = {name for name, n in carried.items() if n > max(2, NAME_SHARE * len(kept))}
    for group in kept:
        first = group.members[0]
        keys = [(m.article, m.index) for m in group.members]
        units.append(
            Unit(
                group=group,
                articles=frozenset(m.article for m in group.members),
                names=frozenset(
                    k for key in keys for k in features.names.get(key, ()) if k not in common
                ),
                days=frozenset(k for key in keys for k in features.days.get(key, ())),
                periods=frozenset(k for key in keys for k in features.periods.get(key, ())),
                figures=frozenset(k for key in keys for k in features.figures.get(key, ())),
                order=(order.get(first.article, 0), first.index),
            )
        )
    return units


def similarity(a: Unit, b: Unit, cosine: float) -> float:
    """The cosine adjusted by agreement of names, dates and figures (see the module doc)."""
    score = cosine + min(NAME_BONUS * len(a.names & b.names), NAME_BONUS_MAX)
    if a.days and b.days:
        score += SAME_DAY if a.days & b.days else OTHER_DAY
    elif a.periods & b.periods:
        score += SAME_PERIOD
    if a.figures & b.figures:
        score += SAME_FIGURE
    return score


def candidate_pairs(vectors: np.ndarray, floor: float) -> list[tuple[int, int, float]]:
    """Pairs (i < j) whose cosine reaches `floor`, each unit keeping its NEIGHBOURS nearest:
    computed a block of rows at a time, so memory and pairs grow with n, not n².

    Most of a row lies below the floor, so only the cells above it are looked at; a row
    with more than NEIGHBOURS of them keeps its nearest (an argpartition of that row's
    survivors, not of the whole row)."""
    found: set[tuple[int, int]] = set()
    pairs: list[tuple[int, int, float]] = []
    n = len(vectors)
    k = min(NEIGHBOURS + 1, n)
    for start in range(0, n, BLOCK):
        block = vectors[start : start + BLOCK] @ vectors.T
        rows, cols = np.nonzero(block >= floor)
        bounds = np.searchsorted(rows, np.arange(len(block) + 1))
        for r in range(len(block)):
            kept = cols[bounds[r] : bounds[r + 1]]
            if len(kept) > k:
                kept = kept[np.argpartition(-block[r, kept], k - 1)[:k]]
            i = start + r
            for c in kept.tolist():
                key = (i, c) if i < c else (c, i)
                if c != i and key not in found:
                    found.add(key)
                    pairs.append((*key, float(block[r, c])))
    return pairs


def _pairwise_sum(values: list[float]) -> float:
    """Sum as numpy's `np.sum` adds a float64 array of up to 128 values (eight running sums
    combined pairwise), so a dot product summed here equals the sparse one bit for bit."""
    n = len(values)
    if n > 128:
        return float(np.sum(np.asarray(values)))
    if n < 8:
        total = 0.0
        for v in values:
            total += v
        return total
    r = values[:8]
    i = 8
    while i < n - n % 8:
        for j in range(8):
            r[j] += values[i + j]
        i += 8
    total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
    for v in values[i:]:
        total += v
    return total


def cluster(
    n: int,
    pairs: list[tuple[int, int, float]],
    threshold: float,
    score: Callable[[int, int], float | None],
) -> list[list[int]]:
    """Average-linkage clusters of 0..n-1 over scored candidate pairs.

    `pairs` are (i, j, score); `score(i, j)` gives any pair's score, or None
    for a pair that does not count (same article). Edges are taken strongest
    first; two clusters merge when the mean score over their counted pairs
    reaches `threshold`.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    cache: dict[tuple[int, int], float | None] = {}
    # two clusters that failed to merge fail again until one of them grows: each cluster's
    # size says whether it changed, so many candidate edges between the same two clusters
    # cost one comparison, not one each
    failed: set[tuple[int, int, int, int]] = set()

    def pair_score(i: int, j: int) -> float | None:
        key = (i, j) if i < j else (j, i)
        if key not in cache:
            cache[key] = score(*key)
        return cache[key]

    for i, j, s in sorted(pairs, key=lambda p: -p[2]):
        if s < threshold:
            break
        a, b = owner[i], owner[j]
        if a == b:
            continue
        state = (a, len(members[a]), b, len(members[b]))
        if state in failed:
            continue
        scores = [v for x in members[a] for y in members[b] if (v := pair_score(x, y)) is not None]
        if not scores or sum(scores) / len(scores) < threshold:
            failed.add(state)
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for y in members[b]:
            owner[y] = a
        members[a].extend(members.pop(b))
    return [sorted(m) for m in members.values()]


def align_claims(
    units: list[Unit],
    vectors: np.ndarray,
    source_of: dict[str, str],
    threshold: float,
) -> list[Claim]:
    """Cluster units into claims and give each its sources and status."""
    if not units:
        return []
    lexical = tfidf([u.group.members[0].terms for u in units])
    lexical.sort_indices()
    # each row's weights by term, so a pair's dot product is a few multiplications (sparse
    # slicing costs far more than the product itself when asked for millions of pairs)
    rows = [
        dict(zip(lexical.indices[a:b].tolist(), lexical.data[a:b].tolist(), strict=True))
        for a, b in zip(lexical.indptr[:-1], lexical.indptr[1:], strict=True)
    ]
    terms = [frozenset(row) for row in rows]

    def blended(i: int, j: int, cosine: float) -> float:
        common = terms[i] & terms[j]
        shared = _pairwise_sum([rows[i][t] * rows[j][t] for t in sorted(common)]) if common else 0.0
        return (1 - LEXICAL_WEIGHT) * cosine + LEXICAL_WEIGHT * shared

    scored = []
    for i, j, cosine in candidate_pairs(vectors, COSINE_FLOOR):
        if units[i].articles & units[j].articles:
            continue  # a paraphrase within one article is no second source
        scored.append((i, j, similarity(units[i], units[j], blended(i, j, cosine))))

    def score(i: int, j: int) -> float | None:
        if units[i].articles & units[j].articles:
            return None
        return similarity(units[i], units[j], blended(i, j, float(vectors[i] @ vectors[j])))

    clusters = cluster(len(units), scored, threshold, score)
    claims = [_claim(units, c, vectors, source_of) for c in clusters]
    rank = {"corroborated": 0, "contested": 1, "single_source": 2}
    claims.sort(key=lambda c: (rank[c[0].status], -c[0].independent_sources, c[1]))
    return [claim.model_copy(update={"id": f"C{n}"}) for n, (claim, _) in enumerate(claims, 1)]


def _claim(
    units: list[Unit], members: list[int], vectors: np.ndarray, source_of: dict[str, str]
) -> tuple[Claim, tuple[int, int]]:
    chosen = [units[i] for i in members]
    sentences: list[Sentence] = [s for u in chosen for s in u.group.members]
    articles = sorted(
        {s.article for s in sentences},
        key=lambda a: min(u.order for u in chosen if a in u.articles),
    )
    independent = len({source_of.get(a, a) for a in articles})
    status: ClaimStatus = "corroborated" if independent >= 2 else "single_source"
    note = _conflict(chosen, source_of)
    if note:
        status = "contested"
    best = _clearest(chosen, members, vectors)
    citations = [
        Citation(article=s.article, start=s.start, end=s.end)
        for s in sorted(sentences, key=lambda s: (articles.index(s.article), s.index))
    ]
    claim = Claim(
        id="",
        text=best.text,
        citations=citations,
        sources=articles,
        independent_sources=independent,
        status=status,
        note=note,
    )
    return claim, min(u.order for u in chosen)


def _clearest(chosen: list[Unit], members: list[int], vectors: np.ndarray) -> Unit:
    """The member closest to the cluster's centre, preferring one that stands alone
    (no leading pronoun or connective) and is of readable length."""
    if len(chosen) == 1:
        return chosen[0]
    centre = vectors[members].mean(axis=0)

    def value(k: int) -> float:
        unit = chosen[k]
        words = len(unit.text.split())
        v = float(vectors[members[k]] @ centre)
        if DANGLING.match(unit.text):
            v -= 0.2
        if unit.text.lstrip().startswith(('"', "“", "'")):
            v -= 0.1
        if words > 45:
            v -= 0.1
        return v

    return chosen[max(range(len(chosen)), key=value)]


def _conflict(chosen: list[Unit], source_of: dict[str, str]) -> str | None:
    """What independent sources of one claim disagree on: a figure or the day."""
    by_source: dict[str, Unit] = {}
    for u in chosen:
        for a in u.articles:
            by_source.setdefault(source_of.get(a, a), u)
    units = list(by_source.values())
    for x, first in enumerate(units):
        for second in units[x + 1 :]:
            if first.days and second.days and not first.days & second.days:
                one, other = (", ".join(sorted(d)) for d in (first.days, second.days))
                return f"dated {one} in one report, {other} in another"
            for topic, counted, value in first.figures:
                others = {v for t, c, v in second.figures if t == topic and c == counted}
                if others and value not in others:
                    shown = ", ".join(f"{v:g}" for v in sorted(others))
                    return f"{topic}: {value:g} in one report, {shown} in another"
    return None
