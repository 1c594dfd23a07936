"""Story grouping at scale: time and peak memory for streams of 10,000 to 100,000 reports.

The streams are made from the dev sets' texts (Multi-News validation, ECB+, Timeline17),
lightly perturbed: each story takes one source text family (a Multi-News cluster, an
ECB+ sub-topic, a Timeline17 topic), starts on a random day and runs for up to three
days; each of its reports is one of the family's texts with one word in ten dropped at
random. The stream covers one day per 30 reports (10,000 reports: 333 days; 100,000:
3,333), so a bigger stream is a longer one at the same daily volume, as a feed that runs
longer is. Fixed seed.

Each size runs in a fresh process (so its peak memory is its own): the reports are
built, their features computed on Dask's local process pool (every core), and grouped.
Printed: seconds for features and grouping, peak resident memory, and the log-log slope
of time against size (1.0 is linear). Baseline in the same run: a bare tokeniser pass
(str.split over every report's text), the least any grouping must spend reading.

Run:  .venv/bin/python benchmarks/stories_scale.py [--sizes 10000 30000 100000]
"""

from __future__ import annotations

import argparse
import json
import math
import random
import resource
import subprocess
import sys
import time
from datetime import date, timedelta
from pathlib import Path

from _common import MULTINEWS_CSV, SHARED, git_state, load_clusters, table, write_json

HERE = Path(__file__).resolve().parent
SEED = 29
REPORTS_A_DAY = 30  # a bigger stream is a longer one, not a denser one


def families() -> list[list[str]]:
    """Texts that tell one story each: Multi-News clusters, ECB+ sub-topics, and
    Timeline17 topics cut into runs of ten articles."""
    sys.path.insert(0, str(HERE))
    from stories_eval import ecbplus_stream

    found = [c.documents for c in load_clusters(MULTINEWS_CSV) if c.documents]
    articles, gold = ecbplus_stream(None)
    by: dict[str, list[str]] = {}
    for a in articles:
        by.setdefault(gold[a.id], []).append(a.text)
    found += list(by.values())
    for folder in sorted((SHARED / "data" / "timeline17").iterdir()):
        path = next((folder / n for n in ("articles.preprocessed.jsonl", "articles.jsonl")
                     if (folder / n).exists()), None)  # fmt: skip
        if path is None:
            continue
        texts = []
        with path.open(encoding="utf-8") as handle:
            for line in handle:
                record = json.loads(line)
                texts.append(" ".join(str(record.get("text", "")).split()[:600]))
                if len(texts) >= 200:
                    break
        found += [texts[i : i + 10] for i in range(0, len(texts), 10) if texts[i : i + 10]]
    return found


def stream(size: int) -> list:
    from storyline.dates import plain_article

    rng = random.Random(SEED)
    pool = families()
    start = date(2024, 1, 1)
    reports = []
    story = 0
    while len(reports) < size:
        family = pool[rng.randrange(len(pool))]
        first = start + timedelta(days=rng.randrange(max(1, size // REPORTS_A_DAY)))
        for _ in range(min(size - len(reports), rng.randint(1, 9))):
            words = rng.choice(family).split()
            kept = " ".join(w for w in words if rng.random() > 0.1)
            when = first + timedelta(days=rng.randint(0, 3))
            id_ = f"r{len(reports)}"
            reports.append(plain_article(kept or "empty", when).model_copy(
                update={"id": id_, "source": id_, "title": f"story {story}"}))  # fmt: skip
        story += 1
    return sorted(reports, key=lambda a: (a.published, a.id))


def one(size: int) -> dict[str, float]:
    """Build, featurise (Dask, local processes) and group one stream; in this process."""
    import dask.bag

    from storyline.stories import featurise, group_features

    t0 = time.perf_counter()
    reports = stream(size)
    built = time.perf_counter() - t0
    t1 = time.perf_counter()
    words = sum(len(r.text.split()) for r in reports)
    bare = time.perf_counter() - t1
    t2 = time.perf_counter()
    bag = dask.bag.from_sequence(reports, npartitions=max(1, size // 2000))
    items = bag.map(featurise).compute(scheduler="processes", num_workers=2)
    featured = time.perf_counter() - t2
    t3 = time.perf_counter()
    groups = group_features(items)
    grouped = time.perf_counter() - t3
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    workers_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"size": size, "build_s": built, "bare_split_s": bare, "words": words,
            "features_s": featured, "group_s": grouped, "stories": len(groups),
            "peak_mb": peak_mb, "worker_peak_mb": workers_mb}  # fmt: skip


def slope(points: list[tuple[float, float]]) -> float:
    xs = [math.log(x) for x, _ in points]
    ys = [math.log(y) for _, y in points]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum(
        (x - mx) ** 2 for x in xs
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one(args.one)))
        return
    rows = []
    for size in args.sizes:
        done = subprocess.run([sys.executable, __file__, "--one", str(size)], capture_output=True,
                              text=True, check=True, cwd=HERE.parent)  # fmt: skip
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(f"  {size:,}: done", file=sys.stderr)
    print(table(["reports", "stories", "features s", "grouping s", "total s", "peak MB",
                 "worker peak MB", "bare split s"],
                [[f"{r['size']:,}", f"{r['stories']:,}", f"{r['features_s']:.1f}",
                  f"{r['group_s']:.1f}", f"{r['features_s'] + r['group_s']:.1f}",
                  f"{r['peak_mb']:.0f}", f"{r['worker_peak_mb']:.0f}",
                  f"{r['bare_split_s']:.2f}"] for r in rows]))  # fmt: skip
    if len(rows) > 1:
        total = slope([(r["size"], r["features_s"] + r["group_s"]) for r in rows])
        grouping = slope([(r["size"], r["group_s"]) for r in rows])
        print(f"log-log slope of time against reports: total {total:.2f}, grouping alone "
              f"{grouping:.2f} (1.0 is linear)")  # fmt: skip
    out = write_json("stories_scale", {"git": git_state(), "rows": rows})
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
