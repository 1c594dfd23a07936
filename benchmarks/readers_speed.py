"""What the readers cost: briefing 100 HTML pages on this tree against a baseline revision.

The pages are made from the first Multi-News validation clusters' documents (a title, a
paragraph a line, in a plain article page). Each side runs `storyline brief PAGES -f json`
in a fresh process (imports, model loads, reading, briefing: what a user waits for), the
two sides taking turns, --runs times each; the figure is the ratio of the medians.
Target (issue 22): the readers (content sniffing, authors, language identification) add
at most 5 % to the briefing.

Run:  .venv/bin/python benchmarks/readers_speed.py --baseline 4b0888e [--runs 3] [--pages 100]
"""

from __future__ import annotations

import argparse
import html
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _common import git_state, load_clusters, table, write_json

REPO = Path(__file__).resolve().parents[1]
MULTINEWS = Path(os.environ.get("STORYLINE_SHARED", REPO.parent / "shared")) / "data" / \
    "multinews" / "validation.csv"  # fmt: skip


def pages(folder: Path, count: int) -> int:
    made = 0
    for cluster in load_clusters(MULTINEWS):
        for text in cluster.documents:
            lines = [line.strip() for line in text.splitlines() if line.strip()]
            if len(lines) < 3:
                continue
            body = "".join(f"<p>{html.escape(line)}</p>" for line in lines[1:])
            page = (f"<!DOCTYPE html><html><head><title>{html.escape(lines[0][:120])}</title>"
                    f"</head><body><article><h1>{html.escape(lines[0][:120])}</h1>{body}"
                    "</article></body></html>")  # fmt: skip
            (folder / f"page{made:03d}.html").write_text(page, encoding="utf-8")
            made += 1
            if made == count:
                return made
    return made


def brief_seconds(src: Path, folder: Path, out: Path) -> float:
    code = ("import sys; from storyline.cli import main; "
            f"sys.argv = ['storyline', 'brief', {str(folder)!r}, '-f', 'json', '-o', "
            f"{str(out)!r}, '-q']; main()")  # fmt: skip
    env = {**os.environ, "PYTHONPATH": str(src)}
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    took = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"brief failed with {src}: {done.stderr[-2000:]}")
    return took


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--baseline", required=True, metavar="REV")
    parser.add_argument("--rev", default="HEAD", help="the revision measured (default HEAD)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", type=int, default=100)
    args = parser.parse_args()
    scratch = Path(tempfile.mkdtemp(prefix="storyline-readers-"))
    folder = scratch / "pages"
    folder.mkdir()
    made = pages(folder, args.pages)
    sides = {f"at {args.rev}": scratch / "ours", f"at {args.baseline}": scratch / "base"}
    for rev, tree in zip((args.rev, args.baseline), sides.values(), strict=True):
        subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", "-q", str(tree),
                        rev], check=True)  # fmt: skip
    times: dict[str, list[float]] = {side: [] for side in sides}
    try:
        for _ in range(args.runs):
            for side, tree in sides.items():
                times[side].append(brief_seconds(tree / "src", folder, scratch / "out.json"))
    finally:
        for tree in sides.values():
            subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                           check=False)  # fmt: skip
    ours, theirs = (statistics.median(v) for v in times.values())
    headers = ["pages", "runs", f"at {args.rev} s (median)", f"at {args.baseline} s", "ratio"]
    print(table(headers, [[made, args.runs, f"{ours:.1f}", f"{theirs:.1f}",
                           f"{ours / theirs:.3f}"]]))  # fmt: skip
    out = write_json("readers_speed", {"git": git_state(), "pages": made, "times": times,
                                       "ratio": ours / theirs})  # fmt: skip
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
