"""Claims of their own from reports read by another language's pipeline (French).

The claims stage compares English clauses (`sources.claims`); a French sentence that says
what an English one says is linked to it by meaning and cites its claim
(`sources.crosslingual`). What is left is what a French report states that no English
report does ("le maire a démissionné mardi matin"): each such sentence, read as one
proposition (`nlp.french_propositions`: its predicate, subject, mood), becomes a claim,
with the wire copies of it. Left out, so that no statement is listed twice or given a
support it lacks:

- a sentence linked to an English one (it is cited by that claim already), or already
  cited by a claim;
- a sentence whose nearest English sentence comes within `NEAR` of a link's similarity
  (it probably says the same; unlinked because the link's test is strict): listing it
  as stated by one source could be false;
- every sentence of a report that is one source with English reports (a translation of a
  wire story: it says what its original says).

Two such French sentences of independent sources are one claim, corroborated, when they
pass the test of a cross-lingual link (the same similarity and margin over
multilingual-e5, and figures, weekdays and denials that agree), the standard the
briefing already trusts across languages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

import numpy as np

from storyline.languages import analysed, language_of, name
from storyline.model import (
    Citation,
    Claim,
    CrossLink,
    ParsedArticle,
    Proposition,
    Sentence,
    SentenceGroup,
)
from storyline.sources.crosslingual import compatible, embed, rank_claims

NEAR = 0.03  # a sentence this close under the link's similarity to an English one is left out
MIN_WORDS = 6  # shorter sentences ("Gazette des Vallées") state too little


def french_claims(
    parsed: Sequence[ParsedArticle],
    claims: list[Claim],
    links: Sequence[CrossLink],
    groups: list[SentenceGroup],
    source_of: Mapping[str, str],
    dates: Mapping[tuple[str, int], str],
    *,
    similarity: float,
    margin: float,
) -> list[Claim]:
    """The claims, with those of the foreign reports' own statements added, ranked and
    numbered again (see the module doc)."""
    english = [p for p in parsed if analysed(p.article)]
    members: dict[str, set[str]] = defaultdict(set)
    for article, source in source_of.items():
        members[source].add(article)
    english_ids = {p.article.id for p in english}
    linked = {(link.foreign.article, link.foreign.start) for link in links}
    cited: dict[str, list[Citation]] = defaultdict(list)
    for claim in claims:
        for c in claim.citations:
            cited[c.article].append(c)
    copy_of: dict[tuple[str, int], int] = {}
    for n, group in enumerate(groups):
        for s in group.members:
            copy_of[(s.article, s.index)] = n
    candidates: list[tuple[ParsedArticle, Sentence, Proposition]] = []
    seen_groups: set[int] = set()
    for p in parsed:
        if p.pipeline is None or p.article.not_report is not None:
            continue
        if members[source_of.get(p.article.id, p.article.id)] & english_ids:
            continue  # a translation of an English source
        for prop in p.propositions:
            sentence = p.sentences[prop.sentence]
            if (p.article.id, sentence.start) in linked or len(sentence.text.split()) < MIN_WORDS:
                continue
            if any(c.start < sentence.end and sentence.start < c.end
                   for c in cited[p.article.id]):  # fmt: skip
                continue
            copies = copy_of.get((p.article.id, sentence.index))
            if copies is not None:
                if copies in seen_groups:
                    continue
                seen_groups.add(copies)
            candidates.append((p, sentence, prop))
    if not candidates:
        return claims
    vectors = embed([s.text for _, s, _ in candidates])
    english_sentences = [s for p in english for s in p.sentences if not s.heading]
    if english_sentences:
        nearest = _top(vectors, embed([s.text for s in english_sentences]))[1]
        keep = [n for n in range(len(candidates)) if nearest[n] < similarity - NEAR]
        candidates = [candidates[n] for n in keep]
        vectors = vectors[keep]
    clusters = _pairs(candidates, vectors, source_of, similarity, margin)
    made = [
        _claim(cluster, groups, copy_of, source_of, dates, f"F{n}")
        for n, cluster in enumerate(clusters)
    ]
    return rank_claims([*claims, *made])


def _pairs(
    candidates: list[tuple[ParsedArticle, Sentence, Proposition]],
    vectors: np.ndarray,
    source_of: Mapping[str, str],
    similarity: float,
    margin: float,
) -> list[list[tuple[ParsedArticle, Sentence, Proposition]]]:
    """The candidates in clusters: two of independent sources join when each is the
    other's best match, reaching `similarity`, by `margin` over its next best, and their
    figures, weekdays and denials agree."""
    n = len(candidates)
    parent = list(range(n))
    if n > 1:
        best, score, second = _top(vectors, vectors, itself=True)
        for i in range(n):
            j = int(best[i])
            if int(best[j]) != i or i > j:
                continue
            a, b = candidates[i], candidates[j]
            if source_of.get(a[0].article.id) == source_of.get(b[0].article.id):
                continue
            runner_up = max(float(second[i]), float(second[j]))
            if score[i] < similarity or score[i] - runner_up < margin:
                continue
            if compatible(a[1].text, b[1].text) and a[2].mood == b[2].mood:
                parent[j] = i
    clusters: dict[int, list[tuple[ParsedArticle, Sentence, Proposition]]] = defaultdict(list)
    for i in range(n):
        clusters[parent[i]].append(candidates[i])
    return list(clusters.values())


BLOCK = 1024  # rows of a similarity block: memory stays linear in the sentences


def _top(
    rows: np.ndarray, columns: np.ndarray, itself: bool = False
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For each row vector: its best column, that cosine and the next best (a row is not
    its own match when `itself`), block by block."""
    n = len(rows)
    best = np.zeros(n, dtype=np.int64)
    score = np.full(n, -1.0, dtype=np.float32)
    second = np.full(n, -1.0, dtype=np.float32)
    for start in range(0, n, BLOCK):
        block = rows[start : start + BLOCK] @ columns.T
        if itself:
            for k in range(len(block)):
                block[k, start + k] = -1.0
        order = np.argsort(-block, axis=1)[:, :2]
        best[start : start + BLOCK] = order[:, 0]
        score[start : start + BLOCK] = block[np.arange(len(block)), order[:, 0]]
        if block.shape[1] > 1:
            second[start : start + BLOCK] = block[np.arange(len(block)), order[:, 1]]
    return best, score, second


def _claim(
    cluster: list[tuple[ParsedArticle, Sentence, Proposition]],
    groups: list[SentenceGroup],
    copy_of: Mapping[tuple[str, int], int],
    source_of: Mapping[str, str],
    dates: Mapping[tuple[str, int], str],
    id: str,
) -> Claim:
    p, sentence, prop = cluster[0]
    citations = []
    for _, s, _ in cluster:
        group = copy_of.get((s.article, s.index))
        copies = groups[group].members if group is not None else [s]
        citations += [Citation(article=c.article, start=c.start, end=c.end) for c in copies]
    if not any(c.article == sentence.article and c.start == sentence.start for c in citations):
        citations.insert(0, Citation(article=sentence.article, start=sentence.start,
                                     end=sentence.end))  # fmt: skip
    sources = list(dict.fromkeys(c.article for c in citations))
    independent = len({source_of.get(a, a) for a in sources})
    language = name(language_of(p.article))
    said = (
        f"stated in {language}; no English report's sentence matches it; read by the "
        f"{language} pipeline"
        + (", the reports matched by meaning (multilingual-e5)" if len(cluster) > 1 else "")
    )
    date = dates.get((sentence.article, sentence.index))
    return Claim(
        id=id, text=sentence.text, citations=citations, sources=sources,
        independent_sources=independent,
        status="corroborated" if independent >= 2 else "single_source",
        note=said, predicate=prop.predicate, mood=prop.mood,
        subject=prop.subject.text if prop.subject else None,
        object=prop.object.text if prop.object else None,
        date=date, date_basis="text" if date else None,
    )  # fmt: skip
