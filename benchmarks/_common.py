"""Helpers shared by the benchmark scripts: the Multi-News reader, articles, tables, output.

Not a benchmark itself. The scripts import it as `_common`, which works because
Python puts the script's own folder (benchmarks/) first on `sys.path`.
"""

from __future__ import annotations

import ast
import csv
import importlib.util
import json
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from types import ModuleType
from typing import Any

from storyline.errors import StorylineError
from storyline.ingest.readers import read_record
from storyline.model import Article

REPO = Path(__file__).resolve().parents[1]
OUT_DIR = REPO / "benchmarks" / "out"
SHARED = REPO.parent / "shared"
MULTINEWS_CSV = SHARED / "data" / "multinews" / "validation.csv"
DARAA_DIR = SHARED / "corpora" / "daraa-2021"


@dataclass(frozen=True)
class Cluster:
    """One Multi-News row: its article texts (stripped, empties dropped) and reference."""

    index: int  # row number in the CSV, 0-based
    documents: list[str]
    reference: str


def load_clusters(path: Path, limit: int | None = None) -> list[Cluster]:
    """Read the first `limit` rows (all when None) of a Multi-News CSV."""
    csv.field_size_limit(10**9)
    clusters = []
    with path.open(encoding="utf-8", newline="") as handle:
        for index, row in enumerate(csv.DictReader(handle)):
            if limit is not None and index >= limit:
                break
            documents = [d.strip() for d in ast.literal_eval(row["documents"]) if d.strip()]
            clusters.append(Cluster(index, documents, row["summary"].strip()))
    return clusters


def cluster_articles(cluster: Cluster) -> tuple[list[Article], list[str]]:
    """storyline Articles for a cluster's documents, ids d0, d1, ...

    Returns (articles, errors); a document storyline cannot read (StorylineError)
    is left out and its error message kept.
    """
    articles, errors = [], []
    for n, text in enumerate(cluster.documents):
        try:
            articles.append(
                read_record(
                    {"id": f"d{n}", "text": text},
                    default_id=f"d{n}",
                    source=f"multinews#{cluster.index}",
                    line=None,
                )
            )
        except StorylineError as exc:
            errors.append(f"d{n}: {exc}")
    return articles, errors


def versions(*packages: str) -> dict[str, str]:
    """Installed version of each distribution, or 'not installed'."""
    found = {}
    for name in packages:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            found[name] = "not installed"
    return found


def git_state() -> str:
    """Commit of the repo, with '+dirty' when the tree has changes (for the JSON record)."""

    def git(*args: str) -> str:
        done = subprocess.run(["git", *args], cwd=REPO, capture_output=True, text=True, check=False)
        return done.stdout.strip()

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    return commit + ("+dirty" if git("status", "--porcelain", "--", "src") else "")


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A plain-text table; first column left-aligned, the rest right-aligned."""
    cells = [[str(h) for h in headers], *[[str(c) for c in row] for row in rows]]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]

    def line(row: list[str]) -> str:
        parts = [c.ljust(widths[i]) if i == 0 else c.rjust(widths[i]) for i, c in enumerate(row)]
        return " | ".join(parts).rstrip()

    rule = "-+-".join("-" * w for w in widths)
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def write_json(name: str, data: dict[str, Any]) -> Path:
    """Write benchmarks/out/NAME.json (the folder is git-ignored) and return its path."""
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    path = OUT_DIR / f"{name}.json"
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def progress(items: Sequence[Any], label: str, every: int = 25) -> Iterator[Any]:
    """Yield items, printing a progress line to stderr every `every` items."""
    total = len(items)
    for n, item in enumerate(items, 1):
        yield item
        if n % every == 0 or n == total:
            print(f"  {label}: {n}/{total}", file=sys.stderr, flush=True)


def script_module(name: str) -> ModuleType:
    """scripts/<name>.py as a module (scripts/ is not a package); registered under its name,
    so the dataclasses it defines can find their module."""
    path = REPO / "scripts" / f"{name}.py"
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module
