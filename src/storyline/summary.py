"""Cited, extractive, multi-document summary.

Method, cheapest that works first:
1. Sentences that are copies of one text (wire copy) form one unit, which
   cites every article that carries it, so a copy never appears twice.
2. Each unit is scored by how central it is *across sources*: the mean TF-IDF
   cosine between it and the centroid of each other article, leaving out the
   articles that carry a copy of it (a wire story must not vouch for itself).
   A lead prior adds weight to sentences early in their article, where news
   puts the gist. A sentence that opens with a pronoun or a connective
   ("He", "However,") leans on the one before it and is marked down.
3. Maximal marginal relevance picks units until the word budget is spent,
   skipping any unit too similar to one already picked.
4. The picked sentences are ordered for reading: by where they stand in their
   articles (lead first, background last).

Scored against LexRank, TextRank and a lead baseline by `benchmarks/summary.py`.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TypeVar

import numpy as np
from scipy import sparse

from storyline.model import (
    Article,
    Citation,
    Claim,
    Event,
    Headline,
    ParsedArticle,
    SentenceGroup,
    SummarySentence,
)
from storyline.settings import SummarySettings
from storyline.text import (
    DANGLING,
    DANGLING_PENALTY,
    SentenceIndex,
    ends_like_sentence,
    fold,
    tfidf,
    word_count,
)

MMR_LAMBDA = 0.7
AUTO_BASE, AUTO_PER_SOURCE, AUTO_MAX = 100, 20, 250  # the default length (`words_for`)


@dataclass(frozen=True)
class Candidate:
    """A summary candidate: a sentence and its copies in other articles."""

    group: SentenceGroup
    position: float  # best lead prior among the copies, 1.0 for a first sentence
    reading_order: tuple[float, int, int]
    words: int


def _candidates(
    groups: list[SentenceGroup], parsed: list[ParsedArticle], settings: SummarySettings
) -> list[Candidate]:
    order = {p.article.id: n for n, p in enumerate(parsed)}
    # Rank of each sentence among the prose sentences of its article (a heading takes the
    # rank of the prose that follows it), and how many prose sentences there are.
    rank: dict[tuple[str, int], int] = {}
    total: Counter[str] = Counter()
    for p in parsed:
        for s in p.sentences:
            rank[(s.article, s.index)] = total[s.article]
            if not s.heading:
                total[s.article] += 1
    units = []
    for group in groups:
        first = group.members[0]
        words = word_count(first.text)
        if first.heading or not (settings.min_words <= words <= settings.max_words):
            continue
        if len(first.terms) < 3:
            continue
        ranks = [rank[(m.article, m.index)] for m in group.members]
        position = max(1.0 / math.sqrt(1.0 + r) for r in ranks)
        relative = min(rank[(m.article, m.index)] / max(total[m.article], 1) for m in group.members)
        units.append(
            Candidate(
                group=group,
                position=position,
                reading_order=(round(relative, 3), order[first.article], first.index),
                words=words,
            )
        )
    return units


@dataclass(frozen=True)
class Summarised:
    """What the summary stage produces."""

    summary: list[SummarySentence]
    headline: Headline | None


def summarise(
    parsed: list[ParsedArticle],
    groups: list[SentenceGroup],
    claims: Sequence[Claim],
    events: Sequence[Event],
    *,
    settings: SummarySettings,
) -> Summarised:
    """The summary stage: the cited summary and the headline that best covers it. When some
    reports are in a language the pipeline reads, the summary is made of theirs only (a
    report in another language is quoted only when no report is in one)."""
    from storyline.languages import analysed

    read = [p for p in parsed if analysed(p.article)]
    if read and len(read) < len(parsed):
        ids = {p.article.id for p in read}
        groups = [SentenceGroup(members=kept) for g in groups
                  if (kept := [m for m in g.members if m.article in ids])]  # fmt: skip
        parsed = read
    summary = summarize(parsed, groups, settings, claims, events)
    return Summarised(summary, choose_headline(summary, [p.article for p in parsed]))


def words_for(parsed: Sequence[ParsedArticle], claims: Sequence[Claim]) -> int:
    """The default length: room for more happenings as more independent sources tell the
    story (100 words and 20 a source, at most 250)."""
    sources = max((c.independent_sources for c in claims), default=1)
    reports = len({p.article.id for p in parsed})
    return min(AUTO_MAX, AUTO_BASE + AUTO_PER_SOURCE * max(sources, min(reports, 5)))


def summarize(
    parsed: list[ParsedArticle],
    groups: list[SentenceGroup],
    settings: SummarySettings,
    claims: Sequence[Claim] = (),
    events: Sequence[Event] = (),
) -> list[SummarySentence]:
    """Pick and order summary sentences; each cites every article span that carries it.

    With `claims`, a sentence that states a claim independent sources corroborate is
    preferred, the more sources the more (`corroboration_weight` a source), and each
    summary sentence carries its claim's status, support and the other sources'
    clauses. No two sentences state one claim or tell one event (`events`), and the
    sentences are put in the order of the days they speak of. `settings.words` 0 means
    a length that fits the cluster (`words_for`).
    """
    if settings.words <= 0:
        settings = settings.model_copy(update={"words": words_for(parsed, claims)})
    units = _candidates(groups, parsed, settings)
    if not units:
        return []
    vectors = tfidf([u.group.members[0].terms for u in units])
    articles = [p.article.id for p in parsed]
    index = {a: n for n, a in enumerate(articles)}

    # Centroid of each article's candidate units (a unit counts for every article carrying it).
    member_rows, member_cols = [], []
    for r, unit in enumerate(units):
        for m in unit.group.members:
            member_rows.append(index[m.article])
            member_cols.append(r)
    incidence = sparse.csr_matrix(
        (np.ones(len(member_rows)), (member_rows, member_cols)), shape=(len(articles), len(units))
    )
    incidence.data[:] = 1.0  # a unit counted once per article
    centroids = incidence @ vectors
    norms = np.sqrt(np.asarray(centroids.multiply(centroids).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    centroids = sparse.csr_matrix(centroids.multiply(1.0 / norms[:, None]))
    # cosine to every other article's centroid, summed without a units x articles matrix:
    # the cosine to the sum of all centroids, less the cosines to the unit's own articles
    to_all = np.asarray(vectors @ sparse.csr_matrix(centroids.sum(axis=0)).T.toarray()).ravel()
    own_units, own_articles = incidence.T.nonzero()  # (unit, an article that carries it)
    to_own = np.asarray(vectors[own_units].multiply(centroids[own_articles]).sum(axis=1)).ravel()
    own_sum = np.bincount(own_units, weights=to_own, minlength=len(units))
    others = len(articles) - np.bincount(own_units, minlength=len(units))
    centrality = np.where(others > 0, (to_all - own_sum) / np.maximum(others, 1), 0.0)
    centrality[np.abs(centrality) < 1e-9] = 0.0  # a difference of equal sums: nothing shared
    if len(articles) == 1 or not np.any(centrality > 0):
        centrality = _nearest_article(vectors, centroids)  # one article: centrality within it
    top = centrality.max()
    centrality = centrality / top if top > 0 else centrality

    weight = settings.position_weight
    scores = np.array(
        [
            ((1 - weight) * c + weight * u.position)
            * (DANGLING_PENALTY if DANGLING.match(u.group.members[0].text) else 1.0)
            for c, u in zip(centrality, units, strict=True)
        ]
    )
    lookup = {p.article.id: SentenceIndex(p) for p in parsed}
    stated = _held(claims, lookup, lambda c: c.citations)
    told = _held(events, lookup, lambda e: e.citations)
    unit_claims = [_strongest(stated.get(_key(u), [])) for u in units]
    keys = [
        {f"claim:{c.id}" for c in stated.get(_key(u), []) if c.independent_sources > 1}
        | {f"event:{e.id}" for e in told.get(_key(u), [])}
        for u in units
    ]
    if claims:
        boost = np.array(
            [
                1.0 + settings.corroboration_weight * (c.independent_sources - 1)
                if c is not None and c.status != "single_source"
                else 1.0
                for c in unit_claims
            ]
        )
        scores = scores * boost / boost.max()
    picked = _select(units, vectors, scores, settings, keys)
    published = {p.article.id: p.article.published for p in parsed}
    picked.sort(key=lambda r: _when(units[r], stated.get(_key(units[r]), []), published))
    out = []
    for r in picked:
        members = units[r].group.members
        own = [Citation(article=m.article, start=m.start, end=m.end) for m in members]
        claim = unit_claims[r]
        out.append(
            SummarySentence(
                text=members[0].text,
                citations=own,
                score=round(float(scores[r]), 4),
                status=claim.status if claim else None,
                independent_sources=claim.independent_sources if claim else 1,
                corroborated_by=[c for c in claim.citations if c not in own] if claim else [],
            )
        )
    return out


def _key(unit: Candidate) -> tuple[str, int]:
    first = unit.group.members[0]
    return first.article, first.index


T = TypeVar("T")


def _held(
    items: Sequence[T], index: dict[str, SentenceIndex], cites: Callable[[T], list[Citation]]
) -> dict[tuple[str, int], list[T]]:
    """The items (claims, events) each sentence states, by (article, sentence index)."""
    found: dict[tuple[str, int], list[T]] = defaultdict(list)
    for item in items:
        for c in cites(item):
            sentence = index[c.article].at(c.start) if c.article in index else None
            if sentence is not None and item not in found[(c.article, sentence.index)]:
                found[(c.article, sentence.index)].append(item)
    return found


def _strongest(claims: list[Claim]) -> Claim | None:
    """The claim a sentence stands for: the one most independent sources state."""
    rank = {"corroborated": 2, "contested": 1, "single_source": 0}
    return max(claims, key=lambda c: (c.independent_sources, rank[c.status]), default=None)


def _when(
    unit: Candidate, claims: list[Claim], published: dict[str, date | None]
) -> tuple[str, tuple[float, int, int]]:
    """Date order: the earliest day the sentence's own words give a claim of it, else its
    report's date; then the order the reports tell things in."""
    stated = sorted(c.date for c in claims if c.date and c.date_basis == "text")
    report = published.get(unit.group.members[0].article)
    when = stated[0] if stated else (report.isoformat() if report else "9999")
    return when[:10], unit.reading_order


def _nearest_article(vectors: sparse.csr_matrix, centroids: sparse.csr_matrix) -> np.ndarray:
    """Each unit's highest cosine to an article centroid, a block of units at a time."""
    best = np.zeros(vectors.shape[0])
    for start in range(0, vectors.shape[0], 1024):
        block = (vectors[start : start + 1024] @ centroids.T).toarray()
        best[start : start + len(block)] = block.max(axis=1) if block.size else 0.0
    return best


def _select(
    units: list[Candidate],
    vectors: sparse.csr_matrix,
    scores: np.ndarray,
    settings: SummarySettings,
    keys: list[set[str]] | None = None,
) -> list[int]:
    """Greedy maximal marginal relevance under a word budget; a sentence that states a
    claim or tells an event already picked (`keys`) is passed over."""
    budget = settings.words
    picked: list[int] = []
    used = 0
    taken: set[str] = set()
    available = set(range(len(units)))
    max_sim = np.zeros(len(units))
    while available:
        best, best_value = -1, -np.inf
        for r in available:
            if picked and used + units[r].words > budget:
                continue
            if keys is not None and keys[r] & taken:
                continue
            value = MMR_LAMBDA * scores[r] - (1 - MMR_LAMBDA) * max_sim[r]
            if value > best_value:
                best, best_value = r, value
        if best < 0:
            break
        available.discard(best)
        picked.append(best)
        used += units[best].words
        taken |= keys[best] if keys is not None else set()
        sims = (vectors @ vectors[best].T).toarray().ravel()
        max_sim = np.maximum(max_sim, sims)
        for r in [r for r in available if max_sim[r] > settings.redundancy]:
            available.discard(r)
        if budget - used < settings.min_words:
            break
    return picked


def _keys(text: str) -> set[str]:
    """Crude stems for matching headline words to summary words: "shelled" ~ "shell"."""
    from spacy.lang.en.stop_words import STOP_WORDS

    return {w[:5] for w in fold(text).split() if w not in STOP_WORDS and len(w) > 1}


def choose_headline(summary: list[SummarySentence], articles: list[Article]) -> Headline | None:
    """The article title that best covers the summary: the share of its words the summary
    uses. A title that is really a lede sentence (it ends with a full stop) is used only
    when no article has a headline of its own."""
    summary_keys = _keys(" ".join(item.text for item in summary))
    best: tuple[tuple[int, float, int], Article] | None = None
    for article in articles:
        if not article.title:
            continue
        keys = _keys(article.title)
        matched = len(keys & summary_keys)
        real = 0 if ends_like_sentence(article.title) else 1
        rank = (real, matched / max(len(keys), 1), matched)
        if best is None or rank > best[0]:
            best = (rank, article)
    if best is None:
        return None
    title = best[1].title
    assert title is not None
    return Headline(text=title, article=best[1].id)
