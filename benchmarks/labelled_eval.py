"""Claims on the labelled fictional clusters (tests/fixtures/clusters): traps corroborated
and links found, beside sentence-level TF-IDF-only and MiniLM-only baselines of the same run.

What is measured
    Each folder is a fictional story told by three outlets, with `links` (pairs of clauses
    a careful reader takes to state one thing) and `traps` (pairs a careless reader joins:
    background against news, two deals, two days of fighting, one toll word for two
    incidents, a statement against the event it comments on, a plan against a fact).
    storyline joins a pair when one claim with two or more independent sources cites
    both clauses. A baseline joins a pair when its clustering of the cluster's sentences
    (storyline's average linkage on one cosine alone, at the threshold given) puts the two
    sentences in one cluster: what a sentence-level comparison without propositions does.

Rerun (from the repo root; writes benchmarks/out/labelled_eval.json)
    .venv/bin/python benchmarks/labelled_eval.py
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from pathlib import Path

from _common import REPO, git_state, table, versions, write_json
from claims_eval import cosine_clusters, tfidf_cosines
from storyline.api import read
from storyline.model import Article, SentenceGroup
from storyline.registry import run
from storyline.settings import Settings
from storyline.sources.claims import claim_groups
from storyline.sources.embed import default_embedder

CLUSTERS = REPO / "tests" / "fixtures" / "clusters"
BASELINES = {"tfidf": 0.3, "minilm": 0.6}  # thresholds: what a loose sentence match joins

Spot = tuple[str, int, int]


def load(folder: Path, settings: Settings) -> tuple[list[Article], dict[str, object]]:
    labels: dict[str, object] = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    published: dict[str, str] = labels["published"]  # type: ignore[assignment]
    articles, _ = read(sorted(str(p) for p in folder.glob("*.txt")), settings)
    dated = [
        a.model_copy(update={"published": date.fromisoformat(published[Path(a.source).name]),
                             "published_basis": "metadata"})
        for a in articles
    ]  # fmt: skip
    return dated, labels


def spot(articles: list[Article], file: str, words: str) -> Spot:
    article = next(a for a in articles if Path(a.source).name == file)
    start = article.text.find(words)
    if start < 0:
        raise SystemExit(f"{file}: the labelled words {words!r} are not in its text")
    return article.id, start, start + len(words)


def _overlaps(group: list[Spot], where: Spot) -> bool:
    return any(a == where[0] and s < where[2] and where[1] < e for a, s, e in group)


def joined(groups: list[list[Spot]], pair: list[list[str]], articles: list[Article]) -> bool:
    first, second = (spot(articles, *p) for p in pair)
    return any(_overlaps(g, first) and _overlaps(g, second) for g in groups)


def baseline(groups: list[SentenceGroup], kind: str, threshold: float) -> list[list[Spot]]:
    """Sentences clustered by one cosine alone (claims_eval's baselines), as spans of
    every copy."""
    units = claim_groups(groups)
    if kind == "tfidf":
        sims = tfidf_cosines(units)
    else:
        vectors = default_embedder().embed([u.members[0].text for u in units])
        sims = vectors @ vectors.T
    found = cosine_clusters(units, sims, threshold)
    return [[(m.article, m.start, m.end) for i in c for m in units[i].members] for c in found]


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", default="labelled_eval", help="JSON name under benchmarks/out/")
    args = parser.parse_args()
    settings = Settings.load()
    counts: dict[str, dict[str, int]] = {}
    names = sorted(p.name for p in CLUSTERS.iterdir() if p.is_dir())
    for name in names:
        articles, labels = load(CLUSTERS / name, settings)
        wanted = ("claims", "copy_groups", "source_groups")
        done = run(settings, wanted, articles=articles)
        source_of = {a: g.id for g in done.source_groups or [] for a in g.articles}
        systems = {
            "storyline": [
                [(c.article, c.start, c.end) for c in claim.citations]
                for claim in done.claims or []
                if claim.independent_sources >= 2
            ]
        }
        for kind, threshold in BASELINES.items():
            groups = baseline(done.copy_groups or [], kind, threshold)
            systems[f"{kind}@{threshold:g}"] = [
                g for g in groups if len({source_of.get(a, a) for a, _, _ in g}) >= 2
            ]
        for system, groups in systems.items():
            c = counts.setdefault(system, {"traps": 0, "traps_joined": 0, "links": 0,
                                           "links_found": 0})  # fmt: skip
            for pair in labels["traps"]:  # type: ignore[attr-defined]
                c["traps"] += 1
                c["traps_joined"] += joined(groups, pair, articles)
            for pair in labels["links"]:  # type: ignore[attr-defined]
                c["links"] += 1
                c["links_found"] += joined(groups, pair, articles)
    rows = [[system, f"{c['traps_joined']} of {c['traps']}", f"{c['links_found']} of {c['links']}"]
            for system, c in counts.items()]  # fmt: skip
    print(f"labelled fictional clusters: {', '.join(names)}\n")
    print(table(["system", "traps corroborated (want 0)", "links found"], rows))
    out = write_json(args.out, {
        "benchmark": "labelled_eval", "git": git_state(), "clusters": names,
        "results": counts, "versions": versions("storyline", "spacy"),
    })  # fmt: skip
    print(f"results: {out}")


if __name__ == "__main__":
    main()
