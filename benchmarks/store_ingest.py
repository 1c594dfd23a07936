"""The SQLite store: ingest throughput, re-ingest, store overhead, and what `--since` reports.

What is measured
    Input: one Timeline17 topic cut to --articles (default 500) articles, built exactly
    as in report_render.py (`timeline17_records`: the earliest articles by date; the
    default topic `bpoil` pools the five bpoil_* outlet folders, because no single
    folder of this copy has 500 articles). The articles are split by published date at
    the median date: the first half is every article published before that date, the
    second half the rest (so no date is in both; the halves can differ in size). Each
    half is written as a .jsonl file in a temporary folder.

    Before timing, the spaCy model is loaded and the pipeline run once on the first 5
    articles (untimed), so no step pays for the warm-up.

    baseline   `build_briefing(first-half articles)` with no store: articles/s. The
               articles are read from the first half's file with `storyline.api.read`
               beforehand (untimed; its time is reported for information).
    ingest 1   `storyline.api.ingest(first_half.jsonl, db)` into a new database: reads,
               stores and briefs; articles added / s.
    brief #1   `brief_stored(db)`: records briefing #1 (reuses the ingest's briefing).
    ingest 2   `ingest(second_half.jsonl, db)`. `ingest` briefs everything the store
               holds again, so both articles added / s and articles stored / s are shown.
    re-ingest  `ingest(second_half.jsonl, db)` again: must add 0 articles.
    add 10     `ingest(extra.jsonl, db)`: the next --add (10) articles of the topic by date
               into the store of --articles (500): parses and sentence vectors of the stored
               reports come from the store, so only the new ones are parsed and embedded;
               the rest of the pipeline runs over all. Target: <= 15 s.
    --since    `brief_stored(db, since="last")`: the counts in `Briefing.changes` (new
               articles, new events, changed figures, new claims, now corroborated, new
               discrepancies) beside the totals of the same (full) briefing, which a
               reader without --since would read through.
    store      the database file's size (plus -wal/-shm if present) and sqlite
               `PRAGMA integrity_check`, opened read-only after the runs.

    The store overhead is ingest 1 time / baseline time, on the same articles.

Rerun (from the repo root; writes benchmarks/out/store_ingest.json)
    .venv/bin/python benchmarks/store_ingest.py
    .venv/bin/python benchmarks/store_ingest.py --topic LibyaWar_cnn --articles 100 --db /tmp/s.db
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import table, versions, write_json
from report_render import DEFAULT_TOPIC, timeline17_records, write_jsonl
from storyline.api import brief_stored, build_briefing, ingest, read
from storyline.nlp import load_nlp
from storyline.settings import Settings

ADD_TARGET = 15.0  # seconds to add 10 reports to a store of 500 (issue 15)


def split_at_median(records: list[dict[str, Any]]) -> tuple[list, list, str]:
    """Records published before the median date, the rest, and the median date."""
    dates = sorted(r["published"] for r in records)
    median = dates[len(dates) // 2]
    first = [r for r in records if r["published"] < median]
    second = [r for r in records if r["published"] >= median]
    return first, second, median


def timed_ingest(path: Path, db: Path) -> dict[str, Any]:
    start = time.perf_counter()
    done = ingest(path, db)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "added": len(done.added),
        "already_stored": done.already_stored,
        "skipped": len(done.skipped),
        "stored_articles": done.articles,
        "stored_events": done.events,
        "stored_claims": done.claims,
        "added_per_second": len(done.added) / seconds,
        "stored_per_second": done.articles / seconds,
    }


def db_files(db: Path) -> dict[str, int]:
    files = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        path = Path(f"{db}{suffix}")
        if path.exists():
            files[path.name] = path.stat().st_size
    return files


def integrity(db: Path) -> str:
    connection = sqlite3.connect(f"{db.resolve().as_uri()}?mode=ro", uri=True)
    try:
        rows = connection.execute("PRAGMA integrity_check").fetchall()
    finally:
        connection.close()
    return "; ".join(str(r[0]) for r in rows)


def run(
    records: list[dict[str, Any]], extra: list[dict[str, Any]], folder: Path, db: Path
) -> dict[str, Any]:
    first, second, median = split_at_median(records)
    first_path = write_jsonl(folder / "first_half.jsonl", first)
    second_path = write_jsonl(folder / "second_half.jsonl", second)
    extra_path = write_jsonl(folder / "extra.jsonl", extra)
    settings = Settings.load()

    print("warm-up...", file=sys.stderr, flush=True)
    load_nlp(settings.nlp.model)
    warm = write_jsonl(folder / "warm.jsonl", records[:5])
    build_briefing(read([warm], settings)[0], settings=settings)

    print(f"baseline: build_briefing of {len(first)} articles...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    articles, _ = read([first_path], settings)
    read_seconds = time.perf_counter() - start
    start = time.perf_counter()
    plain = build_briefing(articles, settings=settings)
    baseline_seconds = time.perf_counter() - start
    baseline = {
        "articles": len(articles),
        "read_seconds": read_seconds,
        "seconds": baseline_seconds,
        "per_second": len(articles) / baseline_seconds,
        "events": len(plain.events),
        "claims": len(plain.claims),
    }
    del plain

    print(f"ingest 1: {len(first)} articles...", file=sys.stderr, flush=True)
    ingest1 = timed_ingest(first_path, db)
    start = time.perf_counter()
    briefing1 = brief_stored(db)
    brief1 = {
        "seconds": time.perf_counter() - start,
        "articles": len(briefing1.articles),
        "events": len(briefing1.events),
        "claims": len(briefing1.claims),
    }
    del briefing1

    print(f"ingest 2: {len(second)} articles...", file=sys.stderr, flush=True)
    ingest2 = timed_ingest(second_path, db)
    print("re-ingest...", file=sys.stderr, flush=True)
    again = timed_ingest(second_path, db)
    print(f"ingest 3: {len(extra)} more articles...", file=sys.stderr, flush=True)
    added = timed_ingest(extra_path, db) if extra else None

    start = time.perf_counter()
    full = brief_stored(db, since="last")
    since_seconds = time.perf_counter() - start
    found = full.changes
    since = {
        "seconds": since_seconds,
        "since": found.since if found else None,
        "briefing": found.briefing if found else None,
        "new_articles": len(found.new_articles) if found else None,
        "new_events": len(found.new_events) if found else None,
        "changed_figures": len(found.changed_figures) if found else None,
        "new_claims": len(found.new_claims) if found else None,
        "now_corroborated": len(found.now_corroborated) if found else None,
        "new_discrepancies": len(found.new_discrepancies) if found else None,
    }
    totals = {
        "articles": len(full.articles),
        "events": len(full.events),
        "claims": len(full.claims),
        "discrepancies": len(full.discrepancies),
    }
    return {
        "split": {
            "median_date": median,
            "first_half": len(first),
            "second_half": len(second),
            "first_dates": [first[0]["published"], first[-1]["published"]] if first else None,
            "second_dates": [second[0]["published"], second[-1]["published"]] if second else None,
        },
        "baseline": baseline,
        "ingest_first": ingest1,
        "brief_first": brief1,
        "ingest_second": ingest2,
        "reingest_second": again,
        "ingest_extra": added,
        "since_last": since,
        "full_briefing": totals,
        "store_overhead": ingest1["seconds"] / baseline["seconds"],
        "db_files_bytes": db_files(db),
        "integrity_check": integrity(db),
    }


def report(data: dict[str, Any]) -> str:
    r = data["results"]
    b, i1, i2, again = r["baseline"], r["ingest_first"], r["ingest_second"], r["reingest_second"]
    split = r["split"]
    rows = [
        [
            "baseline: build_briefing, first half, no store",
            f"{b['articles']}",
            f"{b['seconds']:.1f}",
            f"{b['per_second']:.2f}",
            "",
        ],
        [
            "ingest first half (new db)",
            f"{i1['added']}",
            f"{i1['seconds']:.1f}",
            f"{i1['added_per_second']:.2f}",
            f"{i1['stored_per_second']:.2f}",
        ],
        [
            "ingest second half (re-briefs all stored)",
            f"{i2['added']}",
            f"{i2['seconds']:.1f}",
            f"{i2['added_per_second']:.2f}",
            f"{i2['stored_per_second']:.2f}",
        ],
        [
            "re-ingest second half",
            f"{again['added']}",
            f"{again['seconds']:.2f}",
            "",
            "",
        ],
    ]
    extra = r.get("ingest_extra")
    if extra:
        met = "yes" if extra["seconds"] <= ADD_TARGET else "NO"
        rows.append([
            f"add {extra['added']} to the {extra['stored_articles'] - extra['added']} stored "
            f"(target <= {ADD_TARGET:g} s: {met})",
            f"{extra['added']}", f"{extra['seconds']:.1f}", f"{extra['added_per_second']:.2f}",
            f"{extra['stored_per_second']:.2f}",
        ])  # fmt: skip
    s, t = r["since_last"], r["full_briefing"]
    changes = [
        ["new articles", s["new_articles"], t["articles"], f"{i2['added']} added by ingest 2"],
        ["new events", s["new_events"], t["events"], ""],
        ["changed figures", s["changed_figures"], "", ""],
        ["new claims", s["new_claims"], t["claims"], ""],
        ["now corroborated", s["now_corroborated"], "", ""],
        ["new discrepancies", s["new_discrepancies"], t["discrepancies"], ""],
    ]
    size = sum(r["db_files_bytes"].values())
    info = data["timeline17"]
    machine = data["machine"]
    return "\n".join(
        [
            table(["step", "added", "seconds", "added/s", "stored/s"], rows),
            "",
            table(
                [f"--since last (briefing #{s['since']} -> #{s['briefing']})", "since", "full", ""],
                changes,
            ),
            "",
            f"store overhead (ingest first half / baseline): {r['store_overhead']:.2f}x; "
            f"re-ingest added {again['added']}, already stored {again['already_stored']}",
            f"brief_stored #1: {r['brief_first']['seconds']:.2f} s; "
            f"brief_stored --since last: {s['seconds']:.2f} s; "
            f"baseline read (untimed above): {b['read_seconds']:.2f} s",
            f"ingest counts: after 1: {i1['stored_events']} events, {i1['stored_claims']} claims; "
            f"after 2: {i2['stored_events']} events, {i2['stored_claims']} claims; "
            f"baseline briefing: {b['events']} events, {b['claims']} claims",
            f"database: {size:,} bytes ("
            + ", ".join(f"{k} {v:,}" for k, v in r["db_files_bytes"].items())
            + f"); integrity_check: {r['integrity_check']}",
            f"split at {split['median_date']}: first half {split['first_half']} "
            f"({split['first_dates'][0]} to {split['first_dates'][1]}), second half "
            f"{split['second_half']} ({split['second_dates'][0]} to {split['second_dates'][1]})",
            f"timeline17 topic: {info['topic']} ({', '.join(info['folders'])}), first "
            f"{info['articles']} of {info['available']} articles by date, {info['words']:,} words",
            f"machine: {machine['cpu_count']} CPUs, {machine['platform']}, "
            f"Python {machine['python']}, "
            + ", ".join(f"{k} {v}" for k, v in data["versions"].items()),
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--topic", default=DEFAULT_TOPIC, help="Timeline17 folder, or story pooled over outlets"
    )
    parser.add_argument("--articles", type=int, default=500, help="earliest N articles of it")
    parser.add_argument("--add", type=int, default=10, help="then add the next N (default 10)")
    parser.add_argument("--db", type=Path, default=None, help="new database file (default temp)")
    parser.add_argument("--out", default="store_ingest", help="JSON name under benchmarks/out/")
    args = parser.parse_args()
    if args.db is not None and args.db.exists():
        parser.error(f"--db {args.db} exists; give a new file")

    records, info = timeline17_records(args.topic, args.articles + args.add)
    records, extra = records[: args.articles], records[args.articles :]
    print(f"Timeline17 topic: {args.topic} ({len(records)} articles)", flush=True)
    with tempfile.TemporaryDirectory(prefix="sl-store-ingest-") as tmp:
        db = args.db or Path(tmp) / "store.db"
        results = run(records, extra, Path(tmp), db)
    data = {
        "benchmark": "store_ingest",
        "config": {
            "topic": args.topic,
            "articles": args.articles,
            "add": args.add,
            "db": str(args.db) if args.db else "temporary",
        },
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "versions": versions("storyline", "spacy"),
        "timeline17": info,
        "results": results,
    }
    path = write_json(args.out, data)
    print(report(data))
    print(f"results: {path}")


if __name__ == "__main__":
    main()
