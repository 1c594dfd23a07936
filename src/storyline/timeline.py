"""The timeline: the story's dated happenings, one readable entry per date.

1. Every sentence that dates something (a time expression resolved to a day,
   a month or a year) is filed under that date. Dates that bound rather than
   place ("since 2018", "until June"), years in citations ("resolution 2254
   (2015)") and years used as labels ("the 2018 deal") are left out: they
   say when something else did not happen.
2. Dates are ranked by how many reports refer to them, then how often; the
   first `max_dates` are kept and ordered by date.
3. A day's candidates are the sentences dated to it, and the leads of the
   reports published that day that date nothing of their own (a report's lead
   is most often its day's news; such a sentence has basis "inferred" and
   counts for less). Each entry is the candidate most typical of what they say
   (TF-IDF cosine to their centroid, with the lead of a report as a prior), and
   up to `per_date - 1` more from other reports that add something (not
   redundant with it) within `entry_words`. Wire copies count once and are
   cited together. A day English reports date is told in their words: a dated
   sentence of a report in another language is the entry only for a day no English
   report dates, and is cited among `related` otherwise.
4. `basis` tells how far to trust the date: stated in the text, resolved
   against a report's known date, or against an inferred one.
"""

from __future__ import annotations

import math
from collections import defaultdict
from datetime import date

import numpy as np
from scipy import sparse

from storyline.dates.datings import Basis
from storyline.languages import analysed
from storyline.model import (
    Citation,
    DateKey,
    Dating,
    Datings,
    ParsedArticle,
    Sentence,
    SentenceGroup,
    TimelineEntry,
)
from storyline.settings import TimelineSettings
from storyline.text import DANGLING, DANGLING_PENALTY, tfidf

LEAD_WEIGHT = 0.5
LEAD_SENTENCES = 2  # where a report's lead is looked for (the first that is no heading)
INFERRED_WEIGHT = 0.8  # a sentence dated only by its report's day counts for less
_COARSE_WEIGHT = {"month": 0.5, "year": 0.25}
_BASIS_RANK: dict[str, int] = {"stated": 2, "relative": 1, "inferred": 0}


def build_timeline(
    dated: list[ParsedArticle],
    datings: Datings,
    groups: list[SentenceGroup],
    *,
    settings: TimelineSettings,
) -> list[TimelineEntry]:
    """The timeline of a cluster: dated entries in date order, each citing its sentences."""
    parsed = dated
    found = datings.plain
    if not found:
        return []
    group_of: dict[tuple[str, int], SentenceGroup] = {}
    for g in groups:
        for m in g.members:
            group_of[(m.article, m.index)] = g

    def unit(s: Sentence) -> SentenceGroup:
        return group_of.get((s.article, s.index)) or SentenceGroup(members=[s])

    by_date: dict[DateKey, list[Dating]] = defaultdict(list)
    for d in found:
        by_date[d.key].append(d)

    published: dict[date, int] = defaultdict(int)
    for p in parsed:
        if p.article.published is not None:
            published[p.article.published] += 1

    def salience(key: DateKey) -> tuple[float, int, int]:
        """Reports referring to the date, a day counting for more than a month or a year
        (the happenings are days; background fills what room is left), plus the
        reports published that day (reports appear on the days things happen)."""
        ds = by_date[key]
        refs = len({d.sentence.article for d in ds})
        if key.granularity == "day":
            score = refs + 1.0 * published.get(key.first_day, 0)
        else:
            score = refs * _COARSE_WEIGHT[key.granularity]
        return (score, len(ds), key.order[1])

    kept = sorted(by_date, key=salience, reverse=True)[: settings.max_dates]
    kept.sort(key=lambda k: k.order)

    # the leads of the reports published on a kept day, where they date nothing of their
    # own: what a report of that day leads with is most often that day's news
    dated_sentences = {(d.sentence.article, d.sentence.index) for d in found}
    leads: dict[date, list[Sentence]] = defaultdict(list)
    kept_days = {k.first_day for k in kept if k.granularity == "day"}
    for p in parsed:
        day = p.article.published
        if day is None or day not in kept_days or not analysed(p.article):
            continue  # a report the pipeline does not read has no lead it can vouch for
        lead = next((s for s in p.sentences[:LEAD_SENTENCES] if not s.heading), None)
        if lead is not None and (lead.article, lead.index) not in dated_sentences:
            leads[day].append(lead)

    # one TF-IDF space over every candidate sentence (a copy group counts once)
    units: dict[tuple[str, int], SentenceGroup] = {}
    for key in kept:
        for d in by_date[key]:
            g = unit(d.sentence)
            first = g.members[0]
            units.setdefault((first.article, first.index), g)
        for lead in leads.get(key.first_day, []) if key.granularity == "day" else []:
            g = unit(lead)
            units.setdefault((g.members[0].article, g.members[0].index), g)
    rows = {k: n for n, k in enumerate(units)}
    vectors = tfidf([g.members[0].terms for g in units.values()])
    order = {p.article.id: n for n, p in enumerate(parsed)}

    # a sentence that dates several things is a weaker entry for each of them
    dates_of: dict[tuple[str, int], set[DateKey]] = defaultdict(set)
    for key in kept:
        for d in by_date[key]:
            first = unit(d.sentence).members[0]
            dates_of[(first.article, first.index)].add(key)

    english = {p.article.id for p in parsed if analysed(p.article)}
    entries = []
    for key in kept:
        ds = by_date[key]
        basis: dict[tuple[str, int], Basis] = {}
        shown: dict[tuple[str, int], Sentence] = {}  # the copy that holds the date
        for d in ds:
            first = unit(d.sentence).members[0]
            c = (first.article, first.index)
            if c not in basis or _BASIS_RANK[d.basis] > _BASIS_RANK[basis[c]]:
                basis[c] = d.basis
                shown[c] = d.sentence
        for lead in leads.get(key.first_day, []) if key.granularity == "day" else []:
            first = unit(lead).members[0]
            c = (first.article, first.index)
            if c not in basis:
                basis[c] = "inferred"  # dated by its report's day, not by its own words
                shown[c] = lead
                dates_of[c].add(key)
        # a date English reports tell is told in their words; a sentence in another language
        # is the entry only where no English one dates that day (it stays among `related`)
        candidates = [c for c in basis if c[0] in english] or list(basis)
        weights = [
            (INFERRED_WEIGHT if basis[c] == "inferred" else 1.0) / len(dates_of[c])
            for c in candidates
        ]
        single = [len(dates_of[c]) == 1 for c in candidates]
        chosen = _choose(candidates, weights, single, units, rows, vectors, settings)
        cited = [
            m for c in chosen for m in [shown[c]] + [m for m in units[c].members if m != shown[c]]
        ]
        cited_keys = {(m.article, m.index) for m in cited}
        entries.append(
            TimelineEntry(
                date=key.value,
                granularity=key.granularity,
                text=" ".join(shown[c].text for c in chosen),
                citations=[Citation(article=m.article, start=m.start, end=m.end) for m in cited],
                related=sorted(
                    {
                        Citation(
                            article=d.sentence.article, start=d.sentence.start, end=d.sentence.end
                        )
                        for d in ds
                        if (d.sentence.article, d.sentence.index) not in cited_keys
                    },
                    key=lambda c: (order.get(c.article, 0), c.start),
                ),
                sources=sorted({d.sentence.article for d in ds}, key=lambda a: order.get(a, 0)),
                basis=basis[chosen[0]],
            )
        )
    return entries


def _choose(
    candidates: list[tuple[str, int]],
    weights: list[float],
    single: list[bool],
    units: dict[tuple[str, int], SentenceGroup],
    rows: dict[tuple[str, int], int],
    vectors: sparse.csr_matrix,
    settings: TimelineSettings,
) -> list[tuple[str, int]]:
    """The most typical sentence for a date, then others from other reports that add to it."""
    idx = [rows[c] for c in candidates]
    block = vectors[idx]
    centroid = np.asarray(block.sum(axis=0)).ravel()
    norm = np.linalg.norm(centroid)
    typical = (block @ (centroid / norm if norm else centroid)) if len(idx) > 1 else np.ones(1)
    scores = []
    for c, t, w in zip(candidates, np.asarray(typical).ravel(), weights, strict=True):
        text = units[c].members[0].text
        words = len(text.split())
        score = float(t) * w * (DANGLING_PENALTY if DANGLING.match(text) else 1.0)
        score *= 1.0 + LEAD_WEIGHT / math.sqrt(1 + units[c].members[0].index)  # news leads
        score *= 1.0 if 6 <= words <= 45 else 0.7
        score += 0.05 * (len(units[c].members) - 1)  # carried by copies too
        scores.append(score)
    # the surest date first, then the most typical sentence
    ranked = sorted(range(len(candidates)), key=lambda i: -scores[i])
    chosen = [ranked[0]]
    used = len(units[candidates[ranked[0]]].members[0].text.split())
    for i in ranked[1:]:
        if len(chosen) >= settings.per_date:
            break
        c = candidates[i]
        words = len(units[c].members[0].text.split())
        articles = {m.article for m in units[c].members}
        if used + words > settings.entry_words:
            continue
        if single[i] is False:
            continue  # about this date only
        if articles & {m.article for j in chosen for m in units[candidates[j]].members}:
            continue
        sims = (vectors[rows[c]] @ vectors[[rows[candidates[j]] for j in chosen]].T).toarray()
        if sims.size and sims.max() > 0.3:
            continue
        chosen.append(i)
        used += words
    return [candidates[i] for i in chosen]
