"""Fuzzing at scale: hostile and unlucky files through the readers and the whole brief path.

What is run
    --cases N generated inputs (default 10,000) from a seeded generator, each written to a
    file of its own and read by `storyline.ingest.read_inputs` in a worker process:
      bytes     random bytes (some with a UTF-8 or UTF-16 byte-order mark)
      mutated   a fictional report with bytes flipped, cut, repeated or spliced in
      unicode   the report with U+2028, U+0085, NUL, BOMs, bidi marks, combining marks
      json      JSON records of every shape: wrong field types, huge numbers, lone
                surrogate escapes, nesting up to 5,000 deep, arrays of records
      jsonl     lines of those, ended by \\n, \\r\\n or an unescaped U+2028
      html      generated pages: up to 60,000 attributes on a tag, nesting up to 5,000
                deep, unclosed tags, entities, scripts, comments
      long      one line or one paragraph of up to 2 MB (read only; parsing in pieces is
                tested in tests/nlp)
      special   a FIFO, a link to /dev/zero or /dev/urandom, a folder holding them
    under a suffix the readers take (.txt .html .json .jsonl ...) or not (.md, none).
    Every --brief-every'th case (default 100) also goes through the whole `storyline.brief`
    path in a folder beside a good fictional report, which must still be briefed.

Outcomes
    ok        articles and/or skips with a code (S0xx) and no exception
    crash     any exception out of read_inputs or brief (type and message kept)
    hang      no answer within --timeout seconds (default 60); the worker is replaced
    lost      the good report missing from a briefing (brief cases only)
    peak MB   the largest resident set of any worker (ru_maxrss)

Baseline (same run, same cases): `--baseline REV` runs the cases again against the
package as it was at git revision REV (a temporary worktree's src/), so the table shows
what the hardening changed: the first --baseline-cases of them (default 2,000; each of
its hangs lasts the full timeout), links to devices left out (an unbounded read of
/dev/zero takes every byte of memory); a FIFO there hangs until the timeout.

Rerun (from the repo root; writes benchmarks/out/fuzz.json)
    .venv/bin/python benchmarks/fuzz.py                          # 10,000 cases
    .venv/bin/python benchmarks/fuzz.py --baseline 7604482       # ... beside that revision
    .venv/bin/python benchmarks/fuzz.py --cases 500 --seed 7     # a quick look
"""

from __future__ import annotations

import argparse
import concurrent.futures as cf
import json
import multiprocessing
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _common import REPO, table, write_json

GOOD = (
    "Harlow ferry crews strike over rosters\n\n"
    "Ferry crews in Harlow walked out on Tuesday over new rosters, stranding about 900 "
    "passengers at the Dunmere terminal, the operator said.\n\n"
    "The crews' union said talks with the operator would resume on Friday, and that the "
    "strike would go on until then.\n"
)
SUFFIXES = [".txt", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".md", ""]
KINDS = ["bytes", "mutated", "unicode", "json", "jsonl", "html", "long", "special"]
WEIGHTS = [18, 18, 14, 14, 14, 18, 2, 2]  # long ones cost seconds each; specials are few
ODD = ["\u2028", "\u2029", "\u0085", "\x00", "\ufeff", "\u202e", "\u200f", "\u0301" * 40,
       "\U0001f600", "\r", "\x0b", "\x0c", "\ud7ff", "\uffff", "&amp;", "<", ">"]  # fmt: skip
FIELDS = ["id", "title", "text", "html", "url", "published", "outlet"]


# ---------------------------------------------------------------- the cases


@dataclass(frozen=True)
class Case:
    number: int
    kind: str
    name: str  # file name (suffix included)
    data: bytes  # empty for "special"
    special: str = ""  # fifo, zero, urandom, folder
    brief: bool = False


def _json_value(rng: random.Random, depth: int = 0) -> Any:
    roll = rng.random()
    if depth > 3 or roll < 0.45:
        return rng.choice([None, True, False, rng.randint(-10, 10), 10 ** rng.randint(20, 4000),
                           rng.random() * 1e308, float("nan"), float("inf"), GOOD,
                           rng.choice(ODD) * rng.randint(1, 30), ""])  # fmt: skip
    if roll < 0.7:
        return [_json_value(rng, depth + 1) for _ in range(rng.randint(0, 4))]
    return {rng.choice(FIELDS + ["x", ""]): _json_value(rng, depth + 1) for _ in range(4)}


def _record(rng: random.Random) -> str:
    """One JSON record as text, often almost right."""
    roll = rng.random()
    if roll < 0.1:
        depth = rng.randint(100, 5000)
        return "[" * depth + "]" * depth
    if roll < 0.2:
        return '{"id": "s", "text": "' + GOOD[:80] + "\\ud8" + rng.choice("0abcdf") + '0 x"}'
    record: dict[str, Any] = {"text": GOOD} if rng.random() < 0.6 else {}
    for field in rng.sample(FIELDS, rng.randint(0, 4)):
        record[field] = _json_value(rng)
    text = json.dumps(record, ensure_ascii=rng.random() < 0.5)
    if rng.random() < 0.2:  # a number of 5,000 digits where a string should be
        text = text.replace("{", '{"id": ' + "7" * 5000 + ", ", 1)
    if rng.random() < 0.1:  # cut short
        text = text[: rng.randint(0, len(text))]
    return text


def _page(rng: random.Random) -> str:
    parts = ["<!doctype html><html><head><title>Harlow ferry strike</title></head><body>"]
    roll = rng.random()
    if roll < 0.1:
        attributes = " ".join(f'a{n}="{n}"' for n in range(rng.randint(1000, 60000)))
        parts.append(f"<div {attributes}>")
    elif roll < 0.2:
        depth = rng.randint(100, 5000)
        parts.append(rng.choice(["<div>", "<span>", "<b>", "<table><tr><td>"]) * depth)
    for _ in range(rng.randint(0, 30)):
        tag = rng.choice(["p", "div", "a", "script", "style", "h1", "li", "meta", "!--", "br"])
        text = rng.choice([GOOD[: rng.randint(0, 200)], rng.choice(ODD) * 5, "&#xD800;", ""])
        parts.append(f"<{tag} class='c{rng.randint(0, 9)}'>{text}")
        if rng.random() < 0.6:
            parts.append(f"</{tag}>")
    if rng.random() < 0.7:
        parts.append("<article><p>" + GOOD.replace("\n\n", "</p><p>") + "</p></article>")
    return "".join(parts)


def make_case(number: int, rng: random.Random, brief_every: int) -> Case:
    kind = KINDS[number] if number < len(KINDS) else rng.choices(KINDS, WEIGHTS)[0]
    suffix = rng.choice(SUFFIXES)
    good = GOOD.encode()
    data = b""
    special = ""
    if kind == "bytes":
        data = rng.choice([b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff"]) + rng.randbytes(
            rng.randint(0, 4000)
        )
    elif kind == "mutated":
        buffer = bytearray(good)
        for _ in range(rng.randint(1, 12)):
            where = rng.randrange(len(buffer) + 1)
            action = rng.random()
            if action < 0.4 and buffer:
                buffer[min(where, len(buffer) - 1)] ^= rng.randint(1, 255)
            elif action < 0.6:
                del buffer[where : where + rng.randint(1, 80)]
            elif action < 0.8:
                buffer[where:where] = rng.randbytes(rng.randint(1, 30))
            else:
                buffer[where:where] = buffer[: rng.randint(0, len(buffer))]
        data = bytes(buffer)
    elif kind == "unicode":
        text = GOOD
        for _ in range(rng.randint(1, 20)):
            where = rng.randrange(len(text) + 1)
            text = text[:where] + rng.choice(ODD) + text[where:]
        data = text.encode("utf-8", "surrogatepass")
        suffix = rng.choice([".txt", ".html", ".md", ""])
    elif kind == "json":
        records = [_record(rng) for _ in range(rng.randint(1, 4))]
        data = (records[0] if len(records) == 1 else "[" + ", ".join(records) + "]").encode(
            "utf-8", "surrogatepass"
        )
        suffix = rng.choice([".json", ".json", ".jsonl", ".txt"])
    elif kind == "jsonl":
        end = rng.choice(["\n", "\r\n", "\u2028", "\n\n"])
        data = end.join(_record(rng) for _ in range(rng.randint(1, 6))).encode(
            "utf-8", "surrogatepass"
        )
        suffix = rng.choice([".jsonl", ".jsonl", ".ndjson", ".json"])
    elif kind == "html":
        data = _page(rng).encode("utf-8", "surrogatepass")
        suffix = rng.choice([".html", ".html", ".htm", ".txt", ""])
    elif kind == "long":
        size = rng.randint(100_000, 2_000_000)
        unit = rng.choice(["Ferry crews walked out on Tuesday. ", "x", "9, ", "<p>", "\u2028"])
        data = (GOOD + unit * (size // len(unit))).encode("utf-8", "surrogatepass")
    else:
        special = rng.choice(["fifo", "zero", "urandom", "folder"])
        suffix = ".txt"
    brief = brief_every > 0 and number % brief_every == brief_every - 1 and kind != "long"
    return Case(number, kind, f"case{number}{suffix}", data, special, brief)


# ---------------------------------------------------------------- the worker


def run_case(case: Case, scratch: str) -> dict[str, Any]:
    """Read (and maybe brief) one case in this worker; what happened."""
    import storyline
    from storyline.errors import StorylineError
    from storyline.ingest import read_inputs
    from storyline.settings import Settings

    folder = Path(tempfile.mkdtemp(dir=scratch))
    try:
        path = folder / case.name
        if case.special == "fifo":
            os.mkfifo(path)
        elif case.special in ("zero", "urandom"):
            path.symlink_to(f"/dev/{case.special}")
        elif case.special == "folder":
            (folder / "inner").mkdir()
            os.mkfifo(folder / "inner" / "pipe.txt")
            (folder / "inner" / "zero.txt").symlink_to("/dev/zero")
            path = folder / "inner"
        else:
            path.write_bytes(case.data)
        started = time.perf_counter()
        outcome: dict[str, Any] = {"number": case.number, "kind": case.kind,
                                   "package": str(Path(storyline.__file__).parent)}  # fmt: skip
        try:
            result = read_inputs([str(path)], settings=Settings.load().ingest)
            outcome["articles"] = len(result.articles)
            outcome["codes"] = sorted({s.code for s in result.skipped})
            for article in result.articles:
                article.model_dump_json()  # a lone surrogate would fail here
            if case.brief:
                import storyline.api as api

                (folder / "good.txt").write_text(GOOD, encoding="utf-8")
                briefing = api.brief(folder)
                outcome["lost"] = "good" not in {a.id for a in briefing.articles}
                briefing.model_dump_json()
            outcome["status"] = "ok"
        except StorylineError as error:  # a whole run refused with a code: fine for input
            outcome["status"] = "ok"
            outcome["codes"] = [error.code.name]
            outcome["lost"] = case.brief
        except Exception as error:  # noqa: BLE001 - a crash is what is being counted
            outcome["status"] = "crash"
            outcome["error"] = f"{type(error).__name__}: {str(error)[:200]}"
        outcome["seconds"] = time.perf_counter() - started
        outcome["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        return outcome
    finally:
        shutil.rmtree(folder, ignore_errors=True)


# ---------------------------------------------------------------- the run


def run_all(cases: list[Case], src: Path, timeout: float, workers: int) -> dict[str, Any]:
    context = multiprocessing.get_context("spawn")
    scratch = tempfile.mkdtemp(prefix="storyline-fuzz-")

    def pool() -> cf.ProcessPoolExecutor:
        return cf.ProcessPoolExecutor(workers, mp_context=context, max_tasks_per_child=500)

    # every worker (and its replacements) is spawned with the package to test first on its
    # path (a spawned process takes its parent's sys.path): it imports this script, whose
    # helpers import storyline before any code of ours runs
    saved = list(sys.path)
    sys.path.insert(0, str(src))

    executor = pool()
    outcomes: list[dict[str, Any]] = []
    pending = list(cases)
    started = time.perf_counter()
    try:
        while pending:
            batch, pending = pending[: workers * 8], pending[workers * 8 :]
            futures = {executor.submit(run_case, c, scratch): c for c in batch}
            for future, case in futures.items():
                try:
                    outcomes.append(future.result(timeout=timeout))
                except cf.TimeoutError:
                    outcomes.append({"number": case.number, "kind": case.kind, "status": "hang"})
                    for process in list(getattr(executor, "_processes", {}).values()):
                        process.kill()
                    executor.shutdown(wait=False, cancel_futures=True)
                    executor = pool()
                    done = {o["number"] for o in outcomes}
                    pending = [c for c in batch if c.number not in done] + pending
                    break
                except Exception as error:  # noqa: BLE001 - the worker itself died
                    outcomes.append({"number": case.number, "kind": case.kind,
                                     "status": "crash", "error": f"worker: {error!r}"})  # fmt: skip
            n = len(outcomes)
            if n % 500 < workers * 8:
                print(f"  {src.parent.name}: {n}/{len(cases)}", file=sys.stderr, flush=True)
    finally:
        executor.shutdown(wait=True, cancel_futures=True)
        shutil.rmtree(scratch, ignore_errors=True)
        sys.path[:] = saved
    return summarise(outcomes, time.perf_counter() - started)


def summarise(outcomes: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    statuses = Counter(o["status"] for o in outcomes)
    crashes = Counter(o["error"].split(":")[0] for o in outcomes if o["status"] == "crash")
    briefed = [o for o in outcomes if "lost" in o]
    return {
        "cases": len(outcomes),
        "ok": statuses["ok"],
        "crash": statuses["crash"],
        "hang": statuses["hang"],
        "brief_cases": len(briefed),
        "lost": sum(bool(o["lost"]) for o in briefed),
        "peak_mb": max((o.get("peak_mb", 0.0) for o in outcomes), default=0.0),
        "slowest_s": max((o.get("seconds", 0.0) for o in outcomes), default=0.0),
        "seconds": seconds,
        "crash_kinds": dict(crashes.most_common()),
        "by_kind": {
            kind: dict(Counter(o["status"] for o in outcomes if o["kind"] == kind))
            for kind in KINDS
        },
        "packages": sorted({o["package"] for o in outcomes if "package" in o}),
        "examples": [o for o in outcomes if o["status"] != "ok"][:40],
        "slowest": sorted(
            ({k: o.get(k) for k in ("number", "kind", "seconds", "lost")} for o in outcomes),
            key=lambda o: -(o["seconds"] or 0.0),
        )[:10],
    }


def baseline_src(rev: str) -> tuple[Path, Path]:
    folder = Path(tempfile.mkdtemp(prefix="storyline-fuzz-base-"))
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q",
                    str(folder / "wt"), rev], check=True)  # fmt: skip
    return folder / "wt" / "src", folder / "wt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--brief-every", type=int, default=100)
    parser.add_argument("--timeout", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--baseline", metavar="REV", help="also run the cases on this revision")
    parser.add_argument("--baseline-cases", type=int, default=2000,
                        help="the first this many cases run on the baseline (its hangs last "
                             "the full timeout each)")  # fmt: skip
    args = parser.parse_args()
    rng = random.Random(args.seed)
    cases = [make_case(n, rng, args.brief_every) for n in range(args.cases)]
    results = {"storyline": run_all(cases, REPO / "src", args.timeout, args.workers)}
    if args.baseline:
        src, tree = baseline_src(args.baseline)
        # devices are left out of the baseline: read without bound there, /dev/zero and
        # /dev/urandom would take every byte of the machine's memory
        plain = [c for c in cases[: args.baseline_cases]
                 if c.special not in ("zero", "urandom", "folder")]  # fmt: skip
        try:
            results[f"at {args.baseline}"] = run_all(plain, src, args.timeout, args.workers)
        finally:
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                           check=False)  # fmt: skip
    rows = [
        [name, r["cases"], r["ok"], r["crash"], r["hang"], f"{r['brief_cases'] - r['lost']}/"
         f"{r['brief_cases']}", f"{r['peak_mb']:.0f}", f"{r['slowest_s']:.1f}",
         f"{r['seconds']:.0f}"]
        for name, r in results.items()
    ]  # fmt: skip
    print(f"Fuzz: {args.cases} cases (seed {args.seed}), {args.workers} workers, "
          f"hang = no answer in {args.timeout:g} s")  # fmt: skip
    print(table(["code", "cases", "ok", "crash", "hang", "good report briefed", "peak MB",
                 "slowest s", "wall s"], rows))  # fmt: skip
    for name, r in results.items():
        if r["crash_kinds"]:
            print(f"{name} crashes: {r['crash_kinds']}")
    out = write_json("fuzz", {"args": vars(args), "results": results})
    print(f"results: {out}")


if __name__ == "__main__":
    main()
