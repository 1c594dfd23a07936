"""Story grouping: storyline's online grouping against TF-IDF single link, on mixed streams.

What is measured
    Streams whose grouping is known, each report a bare text (no title, no date, so the
    stream order is a fixed shuffle, seed 13):
    multinews  the 250 Multi-News validation clusters (../shared/data/multinews), one
               story each: 1,250 or so reports from many outlets;
    ecbplus    ECB+ topics 1-25 split into their sub-topics (two different events of one
               kind on each topic, e.g. two earthquakes): the hard case.
    timeline17 Timeline17's 3,698 articles, dated, in publication order; gold: the 8
               topics (H1N1, the BP oil spill, the Iraq war ...), each months or years
               long: a story closes after three quiet days, so this stream measures
               mostly whether stories keep to one topic (B-cubed precision), not recall.
    B-cubed precision, recall and F1 (Bagga and Baldwin 1998) over reports, and pairwise
    F1 (same-story pairs).
    Baseline: TF-IDF single link (the same TF-IDF vectors; reports linked when their
    cosine reaches a threshold; stories are the connected components) at its best
    threshold on that stream, chosen on the answers: an upper bound for the method.

Run:  .venv/bin/python benchmarks/stories_eval.py [--limit N]
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import connected_components

from _common import MULTINEWS_CSV, SHARED, git_state, load_clusters, table, write_json
from storyline.dates import plain_article
from storyline.model import Article
from storyline.stories import featurise, group_features
from storyline.stories.online import Idf, vector

ECBPLUS = SHARED / "data" / "ecbplus"
SEED = 13
THRESHOLDS = [round(0.05 * k, 2) for k in range(2, 19)]


def _article(id_: str, text: str) -> Article:
    return plain_article(text, None).model_copy(update={"id": id_, "source": id_})


def multinews_stream(limit: int | None) -> tuple[list[Article], dict[str, str]]:
    articles, gold = [], {}
    for cluster in load_clusters(MULTINEWS_CSV, limit):
        for n, text in enumerate(cluster.documents):
            id_ = f"mn{cluster.index}_{n}"
            articles.append(_article(id_, text))
            gold[id_] = f"mn{cluster.index}"
    random.Random(SEED).shuffle(articles)
    return articles, gold


def ecbplus_stream(limit: int | None) -> tuple[list[Article], dict[str, str]]:
    articles, gold = [], {}
    topics = sorted((p for p in ECBPLUS.iterdir() if p.is_dir()), key=lambda p: int(p.name))
    for folder in topics[:limit]:
        for path in sorted(folder.glob("*.xml")):
            sub = "ecbplus" if path.stem.endswith("ecbplus") else "ecb"
            words = [t.text or "" for t in ET.parse(path).getroot().iter("token")]
            text = re.sub(r"\s+([.,;:!?'\")])", r"\1", " ".join(words))
            if sub == "ecbplus" and text.startswith("http"):
                text = text.split(" ", 1)[1] if " " in text else ""
            articles.append(_article(path.stem, text))
            gold[path.stem] = f"{folder.name}{sub}"
    random.Random(SEED).shuffle(articles)
    return articles, gold


def timeline17_stream(limit: int | None) -> tuple[list[Article], dict[str, str]]:
    """Timeline17's articles, dated, in publication order; the gold story is the topic
    (the part of the folder name before the outlet: H1N1_bbc and H1N1_guardian are one)."""
    articles, gold = [], {}
    folders = sorted(p for p in (SHARED / "data" / "timeline17").iterdir() if p.is_dir())
    for folder in folders[:limit]:
        path = next((p for p in sorted(folder.glob("articles*.jsonl*"))), None)
        if path is None:
            continue
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                record = json.loads(line)
                text = re.sub(r"\s+([.,;:!?'\")])", r"\1", str(record.get("text", "")))
                if not text.strip():
                    continue
                id_ = f"{folder.name}:{record['id']}"
                when = date.fromisoformat(str(record["time"])[:10])
                articles.append(plain_article(text, when).model_copy(
                    update={"id": id_, "source": id_}))  # fmt: skip
                gold[id_] = folder.name.split("_")[0]
    articles.sort(key=lambda a: (a.published, a.id))
    return articles, gold


def b_cubed(predicted: dict[str, int], gold: dict[str, str]) -> tuple[float, float, float]:
    by_pred: dict[int, set[str]] = defaultdict(set)
    by_gold: dict[str, set[str]] = defaultdict(set)
    for item, cluster in predicted.items():
        by_pred[cluster].add(item)
        by_gold[gold[item]].add(item)
    p = r = 0.0
    for item in predicted:
        mine, theirs = by_pred[predicted[item]], by_gold[gold[item]]
        both = len(mine & theirs)
        p += both / len(mine)
        r += both / len(theirs)
    p, r = p / len(predicted), r / len(predicted)
    return p, r, 2 * p * r / (p + r) if p + r else 0.0


def pairwise_f1(predicted: dict[str, int], gold: dict[str, str]) -> float:
    def pairs(labels: dict[str, object]) -> int:
        return sum(n * (n - 1) // 2 for n in Counter(labels.values()).values())

    both = Counter((predicted[i], gold[i]) for i in predicted)
    tp = sum(n * (n - 1) // 2 for n in both.values())
    pp, gp = pairs(dict(predicted)), pairs(dict(gold))
    p = tp / pp if pp else 0.0
    r = tp / gp if gp else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def single_link(items: Sequence, threshold_grid: Sequence[float]) -> dict[float, dict[str, int]]:
    """TF-IDF single link at every threshold of the grid."""
    idf = Idf.of(items)
    vocabulary = {int(t): n for n, t in enumerate(idf.vocabulary)}
    rows, cols, values = [], [], []
    for r, item in enumerate(items):
        for t, x in vector(item, idf).items():
            rows.append(r)
            cols.append(vocabulary[t])
            values.append(x)
    matrix = csr_matrix((values, (rows, cols)), shape=(len(items), len(vocabulary)))
    similarity = (matrix @ matrix.T).tocoo()
    found = {}
    for threshold in threshold_grid:
        keep = similarity.data >= threshold
        graph = csr_matrix((np.ones(int(keep.sum())), (similarity.row[keep], similarity.col[keep])),
                           shape=(len(items), len(items)))  # fmt: skip
        _, labels = connected_components(graph, directed=False)
        ids = [item.article for item in items]
        found[threshold] = {id_: int(label) for id_, label in zip(ids, labels, strict=True)}
    return found


def evaluate(name: str, articles: list[Article], gold: dict[str, str]) -> dict:
    started = time.perf_counter()
    items = [featurise(a) for a in articles]
    featured = time.perf_counter() - started
    stories = group_features(items)
    grouped = time.perf_counter() - started - featured
    ours = {m: s.id for s in stories for m in s.members}
    p, r, f = b_cubed(ours, gold)
    baseline = single_link(items, THRESHOLDS)
    scored = {t: b_cubed(found, gold) for t, found in baseline.items()}
    best = max(scored, key=lambda t: scored[t][2])
    bp, br, bf = scored[best]
    return {
        "stream": name,
        "reports": len(articles),
        "gold_stories": len(set(gold.values())),
        "storyline": {
            "stories": len(stories),
            "b3_p": p,
            "b3_r": r,
            "b3_f1": f,
            "pairwise_f1": pairwise_f1(ours, gold),
            "features_s": featured,
            "group_s": grouped,
        },  # fmt: skip
        "single_link": {
            "threshold": best,
            "stories": len(set(baseline[best].values())),
            "b3_p": bp,
            "b3_r": br,
            "b3_f1": bf,
            "pairwise_f1": pairwise_f1(baseline[best], gold),
        },  # fmt: skip
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N clusters / topics")
    parser.add_argument("--out", default="stories_eval", help="name of the JSON under out/")
    args = parser.parse_args()
    results = [
        evaluate("Multi-News (250 clusters)", *multinews_stream(args.limit)),
        evaluate("ECB+ sub-topics", *ecbplus_stream(args.limit)),
        evaluate("Timeline17 topics (dated)", *timeline17_stream(args.limit)),
    ]
    rows = []
    for r in results:
        ours, base = r["storyline"], r["single_link"]
        rows.append(
            [
                r["stream"],
                r["reports"],
                r["gold_stories"],
                "storyline",
                ours["stories"],
                *(f"{ours[k]:.3f}" for k in ("b3_p", "b3_r", "b3_f1", "pairwise_f1")),
            ]
        )
        rows.append(
            [
                "",
                "",
                "",
                f"single link @{base['threshold']}",
                base["stories"],
                *(f"{base[k]:.3f}" for k in ("b3_p", "b3_r", "b3_f1", "pairwise_f1")),
            ]
        )
    print(table(["stream", "reports", "gold", "system", "stories", "B3 P", "B3 R", "B3 F1",
                 "pair F1"], rows))  # fmt: skip
    for r in results:
        s = r["storyline"]
        print(f"{r['stream']}: features {s['features_s']:.1f} s, grouping {s['group_s']:.2f} s")
    out = write_json(args.out, {"git": git_state(), "results": results})
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
