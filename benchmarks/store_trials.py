"""The store under crashes, concurrency and damage.

What is run (the fictional example cluster, examples/tarija-water)
    kill -9    --trials N (default 20): a store holding two reports gets the other two by
               `storyline ingest`, killed with SIGKILL after a random delay (0 to the time
               an uninterrupted ingest takes). Then: SQLite's integrity check, the store's
               own consistency (sentences, index, foreign keys), the reports it holds are
               those before or all of them after (never a part), and after the ingest is
               run again to the end its briefing equals the briefing of a store that was
               never interrupted.
    at once    two `storyline ingest` processes started together on one new database, each
               with half the reports: both must exit 0 and the store must hold them all.
    damage     --damaged N (default 25) copies of a finished store with a random byte
               flipped, a page zeroed or the file cut short; `storyline brief --db` must
               brief or exit 2 with a coded message, never a traceback (exit 1).
Baseline (same run): `--baseline REV` runs "at once" and "damage" with the package as it
was at git revision REV (a temporary worktree's src/ on PYTHONPATH).

Rerun (from the repo root; writes benchmarks/out/store_trials.json)
    .venv/bin/python benchmarks/store_trials.py --baseline 7604482
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from _common import REPO, table, write_json

EXAMPLE = REPO / "examples" / "tarija-water"
FIRST = ["andean-wire.txt", "southern-ledger.txt"]
LATER = ["valley-courier.html", "highland-monitor.jsonl"]


def cli(src: Path, *args: str, wait: bool = True) -> Any:
    env = {**os.environ, "PYTHONPATH": str(src)}
    command = [sys.executable, "-c", "from storyline.cli import main; main()", *args]
    if not wait:
        return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)  # fmt: skip
    return subprocess.run(command, env=env, capture_output=True, check=False)


def paths(names: list[str]) -> list[str]:
    return [str(EXAMPLE / n) for n in names]


def stored_ids(db: Path) -> set[str]:
    with sqlite3.connect(db) as con:
        return {r[0] for r in con.execute("SELECT id FROM articles")}


def consistent(db: Path) -> bool:
    con = sqlite3.connect(db)
    try:
        checks = [
            con.execute("PRAGMA integrity_check").fetchone()[0] == "ok",
            con.execute("PRAGMA foreign_key_check").fetchall() == [],
            con.execute(
                "SELECT count(*) FROM sentences WHERE article NOT IN (SELECT id FROM articles)"
            ).fetchone()[0]
            == 0,  # fmt: skip
            con.execute("SELECT count(*) FROM sentences_fts").fetchone()[0]
            == con.execute("SELECT count(*) FROM sentences").fetchone()[0],
        ]
        return all(checks)
    finally:
        con.close()


def briefing(src: Path, db: Path) -> str:
    """The stored briefing as JSON, without what differs between any two runs (times)."""
    done = cli(src, "brief", "--db", str(db), "-q", "-f", "json")
    data = json.loads(done.stdout)
    data.pop("changes", None)
    return json.dumps(data, sort_keys=True)


def kill_trials(src: Path, trials: int, rng: random.Random, work: Path) -> dict[str, Any]:
    base = work / "base.db"
    cli(src, "ingest", *paths(FIRST), "--db", str(base), "-q")
    whole = work / "whole.db"
    shutil.copy(base, whole)
    started = time.perf_counter()
    cli(src, "ingest", *paths(LATER), "--db", str(whole), "-q")
    span = time.perf_counter() - started
    reference = briefing(src, whole)
    before, after = stored_ids(base), stored_ids(whole)
    results = []
    for n in range(trials):
        db = work / f"kill{n}.db"
        shutil.copy(base, db)
        delay = rng.uniform(0.0, span)
        proc = cli(src, "ingest", *paths(LATER), "--db", str(db), "-q", wait=False)
        time.sleep(delay)
        killed = proc.poll() is None
        if killed:
            os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        sqlite3.connect(db).execute("SELECT count(*) FROM articles").fetchone()  # rolls back
        state = stored_ids(db)
        whole_or_none = state in (before, after)
        ok = consistent(db)
        cli(src, "ingest", *paths(LATER), "--db", str(db), "-q")
        same = briefing(src, db) == reference
        results.append({"delay": round(delay, 2), "killed": killed, "intact": ok,
                        "before_or_after": whole_or_none, "same_briefing": same})  # fmt: skip
    return {
        "trials": trials,
        "killed_mid_run": sum(r["killed"] for r in results),
        "intact": sum(r["intact"] for r in results),
        "before_or_after": sum(r["before_or_after"] for r in results),
        "same_briefing": sum(r["same_briefing"] for r in results),
        "ingest_seconds": round(span, 2),
        "each": results,
    }


def at_once(src: Path, work: Path) -> dict[str, Any]:
    db = work / "at-once.db"
    procs = [cli(src, "ingest", *paths(n), "--db", str(db), "-q", wait=False)
             for n in (FIRST, LATER)]  # fmt: skip
    codes, errors = [], []
    for proc in procs:
        _, err = proc.communicate(timeout=900)
        codes.append(proc.returncode)
        errors.append(err.decode(errors="replace").strip().splitlines()[-1:] or [""])
    held = len(stored_ids(db)) if db.exists() else 0
    return {"exit_codes": codes, "reports_held": held, "errors": [e[0] for e in errors]}


def damaged(src: Path, count: int, rng: random.Random, work: Path) -> dict[str, Any]:
    good = work / "damage-source.db"
    cli(src, "ingest", str(EXAMPLE), "--db", str(good), "-q")
    data = good.read_bytes()
    outcomes: dict[str, int] = {"briefed": 0, "coded": 0, "traceback": 0}
    for n in range(count):
        buffer = bytearray(data)
        how = n % 3
        if how == 0:
            for _ in range(rng.randint(1, 8)):
                buffer[rng.randrange(len(buffer))] ^= rng.randint(1, 255)
        elif how == 1:
            page = rng.randrange(len(buffer) // 4096)
            buffer[page * 4096 : (page + 1) * 4096] = bytes(4096)
        else:
            del buffer[rng.randrange(len(buffer)) :]
        db = work / f"damaged{n}.db"
        db.write_bytes(bytes(buffer))
        done = cli(src, "brief", "--db", str(db), "-q", "-f", "json")
        if done.returncode == 0:
            outcomes["briefed"] += 1
        elif done.returncode == 2 and b"Traceback" not in done.stderr:
            outcomes["coded"] += 1
        else:
            outcomes["traceback"] += 1
    return outcomes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--damaged", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline", metavar="REV")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="storyline-store-"))
    results: dict[str, Any] = {}
    try:
        src = REPO / "src"
        rng = random.Random(args.seed)
        results["storyline"] = {
            "kill": kill_trials(src, args.trials, rng, work),
            "at_once": at_once(src, work),
            "damaged": damaged(src, args.damaged, random.Random(args.seed), work),
        }
        if args.baseline:
            tree = work / "baseline"
            subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q",
                            str(tree), args.baseline], check=True)  # fmt: skip
            try:
                old = work / "old"
                old.mkdir()
                results[f"at {args.baseline}"] = {
                    "at_once": at_once(tree / "src", old),
                    "damaged": damaged(tree / "src", args.damaged, random.Random(args.seed), old),
                }
            finally:
                subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force",
                                str(tree)], check=False)  # fmt: skip
    finally:
        shutil.rmtree(work, ignore_errors=True)
    kill = results["storyline"]["kill"]
    print(f"kill -9: {kill['trials']} trials ({kill['killed_mid_run']} killed mid-run, an "
          f"ingest takes {kill['ingest_seconds']} s): intact {kill['intact']}, before or after "
          f"reports held {kill['before_or_after']}, same final briefing "
          f"{kill['same_briefing']}")  # fmt: skip
    rows = []
    for name, r in results.items():
        once, dmg = r["at_once"], r["damaged"]
        rows.append([name, " ".join(map(str, once["exit_codes"])), once["reports_held"],
                     dmg["briefed"], dmg["coded"], dmg["traceback"]])  # fmt: skip
    print(table(["code", "two ingests at once: exits", "reports held", "damaged: briefed",
                 "coded error", "traceback"], rows))  # fmt: skip
    for name, r in results.items():
        if any(r["at_once"]["errors"]):
            print(f"{name} at once: {r['at_once']['errors']}")
    print(f"results: {write_json('store_trials', results)}")


if __name__ == "__main__":
    main()
