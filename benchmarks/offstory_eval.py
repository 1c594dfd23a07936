"""Reports off the story: storyline's stray check against simpler rules, on Multi-News.

Each Multi-News validation cluster (its documents read as storyline reads them; pages
set aside as notices or lists of headlines left out) gets one stray: the first report of
the cluster 17 places on (another story). A cluster with fewer than two reports of its
own is skipped. Counted: the strays set aside (recall) and, of everything set aside, the
share that are strays (precision). The cluster's own reports that are set aside are not
all mistakes (Multi-News clusters hold pages of other stories too); the first few are
printed to be read.

Systems, same run, same MiniLM vectors of each report's opening:
    storyline      `storyline.nlp.offstory.off_story`: closest other report under FAR,
                   and the others hold together (half of them, two at least, within CORE
                   of another);
    far only       closest other report under FAR, whether or not the others hold
                   together;
    TF-IDF far     the same "far only" rule on TF-IDF cosine of the whole texts (stop
                   words out), at the threshold where it sets aside as many of the
                   clusters' own reports as storyline does.
And on the clusters as they are (no stray added): how many reports storyline sets aside.

Run:  .venv/bin/python benchmarks/offstory_eval.py
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import numpy as np
from spacy.lang.en.stop_words import STOP_WORDS

from _common import cluster_articles, git_state, load_clusters, table, write_json
from storyline.model import Article
from storyline.nlp.offstory import FAR, off_story, opening
from storyline.sources.embed import default_embedder
from storyline.text import tfidf

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("STORYLINE_SHARED", HERE.parents[1] / "shared")) / "data"
OFFSET = 17
_WORD = re.compile(r"[A-Za-z][A-Za-z'\-]+")


def reports(index: int, clusters: list) -> list[Article]:  # type: ignore[type-arg]
    return [a for a in cluster_articles(clusters[index])[0] if a.not_report is None]


def closest(matrix: np.ndarray) -> np.ndarray:
    matrix = matrix.copy()
    np.fill_diagonal(matrix, -1.0)
    return matrix.max(axis=1)


def main() -> None:
    clusters = load_clusters(SHARED / "multinews" / "validation.csv")
    embedder = default_embedder()
    found: dict[str, list[tuple[bool, bool]]] = {"storyline": [], "far only": []}
    tfidf_scores: list[tuple[float, bool]] = []  # (closest, is the stray)
    flagged_own: list[str] = []
    as_they_are = total_reports = 0
    groups = 0
    for index in range(len(clusters)):
        own = reports(index, clusters)
        stray_of = reports((index + OFFSET) % len(clusters), clusters)
        if len(own) < 2 or not stray_of:
            continue
        groups += 1
        stray = stray_of[0].model_copy(update={"id": "stray"})
        group = [*own, stray]
        total_reports += len(own)
        as_they_are += len(off_story(own))
        ours = off_story(group)
        vectors = embedder.embed([opening(a) for a in group])
        near = closest(vectors @ vectors.T)
        terms = [[w.lower() for w in _WORD.findall(a.text) if w.lower() not in STOP_WORDS]
                 for a in group]  # fmt: skip
        lexical = tfidf(terms)
        words_near = closest((lexical @ lexical.T).toarray())
        for n, article in enumerate(group):
            is_stray = article.id == "stray"
            found["storyline"].append((article.id in ours, is_stray))
            found["far only"].append((bool(near[n] < FAR), is_stray))
            tfidf_scores.append((float(words_near[n]), is_stray))
            if article.id in ours and not is_stray and len(flagged_own) < 8:
                flagged_own.append(f"cluster {index}: {article.text[:110]!r}")
    ours_own = sum(flag and not stray for flag, stray in found["storyline"])
    # TF-IDF at the threshold that sets aside as many own reports as storyline does
    own_scores = sorted(s for s, stray in tfidf_scores if not stray)
    threshold = own_scores[ours_own] if ours_own < len(own_scores) else 1.0
    found[f"TF-IDF far (< {threshold:.3f})"] = [(s < threshold, st) for s, st in tfidf_scores]
    rows, results = [], {}
    for name, marks in found.items():
        caught = sum(flag and stray for flag, stray in marks)
        wrong = sum(flag and not stray for flag, stray in marks)
        strays = sum(stray for _, stray in marks)
        precision = caught / (caught + wrong) if caught + wrong else 1.0
        recall = caught / strays
        rows.append([name, caught, strays, wrong, f"{precision:.3f}", f"{recall:.3f}"])
        results[name] = {"caught": caught, "strays": strays, "own_set_aside": wrong,
                         "precision": precision, "recall": recall}  # fmt: skip
    print(f"{groups} Multi-News clusters, each with one stray added ({total_reports} own reports)")
    print(table(["system", "strays caught", "strays", "own reports set aside", "precision",
                 "recall"], rows))  # fmt: skip
    print(f"clusters as they are (no stray): storyline sets aside {as_they_are} of "
          f"{total_reports} reports")  # fmt: skip
    print("own reports storyline set aside (the first few, to read):")
    for line in flagged_own:
        print(f"  {line}")
    data = {"git": git_state(), "results": results, "as_they_are": as_they_are,
            "reports": total_reports}  # fmt: skip
    out = write_json("offstory_eval", data)
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
