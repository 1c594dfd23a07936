"""Size and render time of storyline's HTML report, beside the same briefing as plain Markdown.

What is measured
    For two inputs, each briefed once with `storyline.api.brief` (its wall time is
    reported on its own line, not in the render figures; the spaCy model is loaded
    once before, untimed):

    daraa       the Daraa cluster, /work/shared/corpora/daraa-2021;
    timeline17  one Timeline17 topic cut to --articles (default 500) articles: the
                earliest by published date (ties: folder, then id), written as one
                .jsonl in a temporary folder ({id, text, published, outlet}; text
                detokenised as in timeline_eval.py, its lines joined by blank lines)
                and briefed from that file. --topic is a folder of
                /work/shared/data/timeline17 or, when no folder has that name, a
                story pooled over its outlet folders (`bpoil` = every `bpoil_*`
                folder), as news-tls pools Timeline17. No single folder of this copy
                has 500 articles (the largest has 398), hence the default `bpoil`
                (5 outlets, 1,461 articles).

    Then, for each briefing:
    storyline   `storyline.render.html.to_html(briefing)`: its time (median of
                --runs calls), the page's size in bytes and gzip size (level 6), and
                its render time in headless Chromium: the page is written to a file
                and loaded as file:// --runs times (median), each a fresh navigation
                from about:blank; read from
                `performance.getEntriesByType('navigation')[0]` are
                `domContentLoadedEventEnd` and `loadEventEnd` (ms from the start of
                the navigation). The map check counts
                `document.querySelectorAll('svg#map-svg circle.pt')`; it must be > 0.
    baseline    the same briefing as `storyline.render.to_markdown`, html.escape'd in
                a <pre> of a minimal HTML page: conversion time, size, gzip size, and
                the same Chromium load times, in the same browser session.

    Chromium: /usr/bin/chromium through /usr/bin/chromedriver (selenium, SE_OFFLINE),
    --headless=new, a fresh profile in a temporary folder.

Rerun (from the repo root; writes benchmarks/out/report_render.json)
    .venv/bin/python benchmarks/report_render.py
    .venv/bin/python benchmarks/report_render.py --topic LibyaWar_cnn --articles 200 --runs 5
"""

from __future__ import annotations

import argparse
import gzip
import html
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from _common import DARAA_DIR, table, versions, write_json
from storyline.api import brief
from storyline.model import Briefing
from storyline.nlp import load_nlp
from storyline.render import to_markdown
from storyline.render.html import to_html
from storyline.settings import Settings
from timeline_eval import TIMELINE17, load_topic

CHROMIUM = "/usr/bin/chromium"
CHROMEDRIVER = "/usr/bin/chromedriver"
DEFAULT_TOPIC = "bpoil"


# ---------------------------------------------------------------- Timeline17 input


def topic_folders(topic: str, root: Path = TIMELINE17) -> list[Path]:
    """The folder named `topic`, or else every `topic_*` folder (one story, many outlets)."""
    if (root / topic).is_dir():
        return [root / topic]
    folders = sorted(p for p in root.glob(f"{topic}_*") if p.is_dir())
    if not folders:
        raise SystemExit(f"no Timeline17 topic {topic!r} under {root}")
    return folders


def timeline17_records(topic: str, limit: int) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """The earliest `limit` articles of a topic as storyline .jsonl records, and a description.

    Ids are `outlet-id` (the folder's suffix after the last '_' is the outlet), so ids
    stay unique when outlets are pooled.
    """
    pooled: list[tuple[date, str, str, dict[str, Any]]] = []
    folders = topic_folders(topic)
    for folder in folders:
        outlet = folder.name.rsplit("_", 1)[-1] if "_" in folder.name else folder.name
        for article in load_topic(folder).articles:
            record = {
                "id": f"{outlet}-{article.id}",
                "text": article.text,
                "published": article.published.isoformat(),
                "outlet": outlet,
            }
            pooled.append((article.published, folder.name, article.id, record))
    pooled.sort(key=lambda item: item[:3])
    cut = [item[3] for item in pooled[:limit]]
    info = {
        "topic": topic,
        "folders": [f.name for f in folders],
        "available": len(pooled),
        "articles": len(cut),
        "first_date": cut[0]["published"] if cut else None,
        "last_date": cut[-1]["published"] if cut else None,
        "words": sum(len(r["text"].split()) for r in cut),
    }
    if len(cut) < limit:
        print(f"warning: {topic} has only {len(pooled)} articles", file=sys.stderr)
    return cut, info


def write_jsonl(path: Path, records: list[dict[str, Any]]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for record in records:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path


# ---------------------------------------------------------------- pages


def markdown_page(markdown: str, title: str) -> str:
    """The baseline: the Markdown text, escaped, in a <pre> of a minimal page."""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n</head>\n<body>\n"
        f"<pre>{html.escape(markdown)}</pre>\n</body>\n</html>\n"
    )


def gzip_size(text: str) -> int:
    return len(gzip.compress(text.encode("utf-8"), compresslevel=6, mtime=0))


def timed(fn: Any, runs: int) -> tuple[Any, list[float]]:
    """fn() called `runs` times; its last result and the wall times."""
    result, times = None, []
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return result, times


class Browser:
    """Headless Chromium through chromedriver, with a fresh profile."""

    def __init__(self) -> None:
        os.environ.setdefault("SE_OFFLINE", "true")
        from selenium import webdriver
        from selenium.webdriver.chrome.service import Service

        self.profile = tempfile.TemporaryDirectory(prefix="sl-chrome-")
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for flag in (
            "--headless=new",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={self.profile.name}",
        ):
            options.add_argument(flag)
        self.driver = webdriver.Chrome(
            options=options, service=Service(executable_path=CHROMEDRIVER)
        )
        self.version = self.driver.capabilities.get("browserVersion", "unknown")

    def load(self, path: Path, runs: int, check: str | None = None) -> dict[str, Any]:
        """Median DOMContentLoaded and load event ends (ms) of `runs` fresh loads."""
        url = path.resolve().as_uri()
        dcl, load, checks = [], [], []
        for _ in range(runs):
            self.driver.get("about:blank")
            self.driver.get(url)  # returns once the page has loaded
            entry = None
            for _ in range(200):
                entry = self.driver.execute_script(
                    "const e = performance.getEntriesByType('navigation')[0];"
                    "return e ? [e.domContentLoadedEventEnd, e.loadEventEnd] : null;"
                )
                if entry and entry[1] > 0:
                    break
                time.sleep(0.05)
            if not entry or entry[1] <= 0:
                raise RuntimeError(f"no navigation timing for {url}")
            dcl.append(float(entry[0]))
            load.append(float(entry[1]))
            if check:
                checks.append(int(self.driver.execute_script(f"return {check};")))
        return {
            "dom_content_loaded_ms": statistics.median(dcl),
            "load_ms": statistics.median(load),
            "dom_content_loaded_runs_ms": dcl,
            "load_runs_ms": load,
            "check": checks,
        }

    def close(self) -> None:
        self.driver.quit()
        self.profile.cleanup()


# ---------------------------------------------------------------- measurement


MAP_CHECK = "document.querySelectorAll('svg#map-svg circle.pt').length"


def measure(
    name: str, briefing: Briefing, brief_seconds: float, browser: Browser, folder: Path, runs: int
) -> dict[str, Any]:
    page, html_times = timed(lambda: to_html(briefing), runs)
    markdown, md_times = timed(lambda: to_markdown(briefing), runs)
    title = briefing.headline.text if briefing.headline else "Briefing"
    baseline = markdown_page(markdown, title)
    html_path = folder / f"{name}.html"
    md_path = folder / f"{name}-markdown.html"
    html_path.write_text(page, encoding="utf-8")
    md_path.write_text(baseline, encoding="utf-8")
    print(f"  {name}: Chromium loads...", file=sys.stderr, flush=True)
    html_load = browser.load(html_path, runs, MAP_CHECK)
    md_load = browser.load(md_path, runs)
    circles = html_load.pop("check")
    md_load.pop("check")
    return {
        "articles": len(briefing.articles),
        "events": len(briefing.events),
        "claims": len(briefing.claims),
        "places": len(briefing.places),
        "brief_seconds": brief_seconds,
        "storyline": {
            "render_seconds": statistics.median(html_times),
            "render_runs_seconds": html_times,
            "bytes": len(page.encode("utf-8")),
            "gzip_bytes": gzip_size(page),
            **html_load,
            "map_circles": circles,
            "map_ok": bool(circles) and min(circles) > 0,
        },
        "baseline": {
            "render_seconds": statistics.median(md_times),
            "render_runs_seconds": md_times,
            "bytes": len(baseline.encode("utf-8")),
            "gzip_bytes": gzip_size(baseline),
            **md_load,
        },
    }


def report(data: dict[str, Any]) -> str:
    rows = []
    for name, result in data["inputs"].items():
        for system, label in (("storyline", "storyline HTML"), ("baseline", "Markdown in <pre>")):
            r = result[system]
            rows.append(
                [
                    f"{name}: {label}",
                    f"{r['bytes']:,}",
                    f"{r['gzip_bytes']:,}",
                    f"{r['render_seconds'] * 1000:,.1f}",
                    f"{r['dom_content_loaded_ms']:,.0f}",
                    f"{r['load_ms']:,.0f}",
                    (
                        f"{min(r['map_circles'])} {'ok' if r['map_ok'] else 'FAIL'}"
                        if system == "storyline"
                        else ""
                    ),
                ]
            )
    runs = data["config"]["runs"]
    lines = [
        table(
            [
                "input: page",
                "bytes",
                "gzip bytes",
                "to_html/md ms",
                "DOMContentLoaded ms",
                "load ms",
                "map circles",
            ],
            rows,
        ),
        "",
        f"medians of {runs} runs; Chromium {data['browser']}",
    ]
    for name, result in data["inputs"].items():
        lines.append(
            f"{name}: brief {result['brief_seconds']:.1f} s (once); {result['articles']} articles, "
            f"{result['events']} events, {result['claims']} claims, {result['places']} places"
        )
    info = data["timeline17"]
    lines.append(
        f"timeline17 topic: {info['topic']} ({', '.join(info['folders'])}), first "
        f"{info['articles']} of {info['available']} articles by date, "
        f"{info['first_date']} to {info['last_date']}, {info['words']:,} words"
    )
    machine = data["machine"]
    lines.append(
        f"machine: {machine['cpu_count']} CPUs, {machine['platform']}, Python {machine['python']}, "
        + ", ".join(f"{k} {v}" for k, v in data["versions"].items())
    )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DARAA_DIR, help="the Daraa folder")
    parser.add_argument(
        "--topic", default=DEFAULT_TOPIC, help="Timeline17 folder, or story pooled over outlets"
    )
    parser.add_argument("--articles", type=int, default=500, help="earliest N articles of it")
    parser.add_argument("--runs", type=int, default=3, help="runs per timing (median)")
    parser.add_argument("--out", default="report_render", help="JSON name under benchmarks/out/")
    args = parser.parse_args()

    records, info = timeline17_records(args.topic, args.articles)
    print(f"Timeline17 topic: {args.topic} ({len(records)} articles)", flush=True)
    inputs: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="sl-report-render-") as tmp:
        folder = Path(tmp)
        source = write_jsonl(folder / f"{args.topic}-{len(records)}.jsonl", records)
        briefings = {}
        load_nlp(Settings.load().nlp.model)  # untimed: the model load is not the briefing
        for name, path in (("daraa", args.corpus), ("timeline17", source)):
            print(f"briefing {name}...", file=sys.stderr, flush=True)
            start = time.perf_counter()
            briefings[name] = (brief(path), time.perf_counter() - start)
        browser = Browser()
        try:
            for name, (briefing, seconds) in briefings.items():
                inputs[name] = measure(name, briefing, seconds, browser, folder, args.runs)
        finally:
            browser.close()
    data = {
        "benchmark": "report_render",
        "config": {
            "corpus": str(args.corpus),
            "topic": args.topic,
            "articles": args.articles,
            "runs": args.runs,
        },
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "versions": versions("storyline", "spacy", "selenium"),
        "browser": browser.version,
        "timeline17": info,
        "inputs": inputs,
    }
    path = write_json(args.out, data)
    print(report(data))
    print(f"results: {path}")


if __name__ == "__main__":
    main()
