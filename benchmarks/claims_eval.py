"""Claims: which sentences of different reports storyline says state the same thing, against
cross-document event coreference on ECB+ and MEANTIME, beside TF-IDF-only and MiniLM-only
baselines from the same run.

What is measured
    A cluster is an ECB+ topic (both of its sub-topics together: two real-world events of
    one kind, the realistic and harder setting) or a MEANTIME corpus (30 Wikinews
    articles on one company or market over several years). ECB+ text: one gold sentence
    a paragraph, the source URL left out, no document dates; for MEANTIME the title is
    the first paragraph and the date line (sentence 1, "May 14, 2009") is the article's
    date.

    Gold: two sentences of different documents are one claim when they hold mentions of
    one cross-document event (ECB+: CROSS_DOC_COREF chains of ACTION/NEG_ACTION mentions;
    MEANTIME: event mentions that REFERS_TO one cross-document EVENT instance). Only
    sentences holding such a mention are scored.

    storyline: the claims stage (`registry.run` asked for `claims`); two sentences are
    linked when one claim cites both (a claim cites its propositions; a proposition's
    sentence is the one holding it). `related` links are not counted: they say "same
    topic, not the same statement".
    Baselines: the same sentences (storyline's copy groups of six words or more) clustered
    by storyline's own average linkage on the TF-IDF cosine alone, or on the MiniLM
    cosine alone; each at the threshold with the best F1 on the set (an oracle: generous
    to the baselines) and at the threshold whose precision is nearest storyline's.

    Link precision and recall over cross-document sentence pairs, pooled over clusters.

Target (issue 16): ECB+ precision >= 90 at recall >= 25 (before: 77.2 / 13.3).

Rerun (from the repo root; writes benchmarks/out/claims_eval.json)
    .venv/bin/python benchmarks/claims_eval.py                 # ECB+ and MEANTIME, all
    .venv/bin/python benchmarks/claims_eval.py --quick         # ECB+ topics 1-3, one corpus
"""

from __future__ import annotations

import argparse
import itertools
import re
import sys
import time
import xml.etree.ElementTree as ET
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from _common import SHARED, git_state, progress, table, versions, write_json
from storyline.dates import plain_article
from storyline.model import Article, ParsedArticle, SentenceGroup
from storyline.registry import run
from storyline.settings import Settings, parse_assignments
from storyline.sources.claims import claim_groups, cluster
from storyline.sources.embed import default_embedder
from storyline.text import tfidf

MEANTIME = SHARED / "data" / "meantime" / "intra_cross-doc_annotation"
DATA = SHARED / "data" / "ecbplus"
EVENT_CHAINS = ("ACT", "NEG")
NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "''", "'s", "'S", "n't",
                   "'re", "'ve", "'ll", "'d", "'m", "...", "”", "’s"}  # fmt: skip
NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#", "“", "‘"}
TIGHT = {"-", "/", ":"}  # joined between letters or digits (":" between digits)
APOSTROPHES = {"’", "'"}
CLITICS = {"s", "t", "re", "ve", "ll", "d", "m"}
DETOKENISED = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")"}
SWEEP = [round(0.05 * k, 2) for k in range(2, 20)]  # 0.10 .. 0.95
QUICK_SWEEP = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]
Key = tuple[str, int]  # (article, sentence index)


@dataclass(frozen=True)
class GoldDoc:
    """A document: its text (and date), and where its gold event mentions start."""

    name: str
    text: str
    published: date | None
    mentions: list[tuple[int, str]]  # (offset of the mention's first token, event id)


# ---------------------------------------------------------------- data

# ECB+: a document's tokens joined with light detokenisation ("Reid 's" -> "Reid's"), one
# gold sentence a paragraph, the source URL that opens each ecbplus file left out.


@dataclass(frozen=True)
class GoldMention:
    doc: str
    m_id: str
    chain: str
    start: int  # offset of its first token in the document text
    text: str


@dataclass(frozen=True)
class Doc:
    topic: str
    name: str  # "1_10ecb", the article id
    subtopic: str  # "ecb" or "ecbplus"
    text: str
    mentions: list[GoldMention]
    dropped: int  # chain mentions in the left-out URL line


def load_doc(path: Path, topic: str, flat: bool) -> Doc:
    root = ET.parse(path).getroot()
    name = path.stem
    subtopic = "ecbplus" if name.endswith("ecbplus") else "ecb"
    sentences: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for t in root.iter("token"):
        sentences[int(t.get("sentence") or 0)].append((t.get("t_id") or "", t.text or ""))
    offsets: dict[str, int] = {}
    words_of = {t_id: word for tokens in sentences.values() for t_id, word in tokens}
    parts: list[str] = []
    position = 0
    for number in sorted(sentences):
        tokens = sentences[number]
        if subtopic == "ecbplus" and number == 0 and tokens and tokens[0][1].startswith("http"):
            continue  # the source URL, "sentence zero" of the ecbplus files
        if parts:
            joiner = " " if flat else "\n\n"
            parts.append(joiner)
            position += len(joiner)
        for t_id, start, _ in _detokenise(tokens):
            offsets[t_id] = position + start
        line = "".join(_detokenised_line(tokens))
        parts.append(line)
        position += len(line)
    text = "".join(parts)

    markables = root.find("Markables")
    anchors: dict[str, list[str]] = {}
    instances: dict[str, str] = {}
    for m in markables if markables is not None else []:
        m_id = m.get("m_id") or ""
        if m.get("instance_id"):
            instances[m_id] = m.get("instance_id") or ""
        ids = [a.get("t_id") or "" for a in m.findall("token_anchor")]
        if ids:
            anchors[m_id] = ids
    mentions, dropped, seen = [], 0, set()
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        if rel.tag != "CROSS_DOC_COREF":
            continue
        target = rel.find("target")
        chain = instances.get(target.get("m_id") or "", "") if target is not None else ""
        chain = chain or rel.get("note") or ""
        if not chain.startswith(EVENT_CHAINS):
            continue
        for source in rel.findall("source"):
            m_id = source.get("m_id") or ""
            if m_id in seen or m_id not in anchors:
                continue
            seen.add(m_id)
            placed = [offsets[t] for t in anchors[m_id] if t in offsets]
            if not placed:
                dropped += 1
                continue
            first = offsets.get(anchors[m_id][0], min(placed))
            words = " ".join(words_of[t] for t in anchors[m_id] if t in offsets)
            mentions.append(GoldMention(name, m_id, chain, first, words))
    return Doc(topic, name, subtopic, text, mentions, dropped)


def _detokenise(tokens: list[tuple[str, str]]) -> list[tuple[str, int, str]]:
    """(t_id, offset in the line, text) of each token after light detokenisation."""
    out = []
    position = 0
    raw = [t for _, t in tokens]
    for n, (t_id, word) in enumerate(tokens):
        piece = DETOKENISED.get(word, word)
        if n and not _joined(raw, n):
            position += 1
        out.append((t_id, position, piece))
        position += len(piece)
    return out


def _joined(raw: list[str], n: int) -> bool:
    """Whether token n follows token n-1 with no space ("Reid's", "rear-ended", "1:12")."""
    word, prev = raw[n], raw[n - 1]
    before = raw[n - 2] if n >= 2 else ""
    after = raw[n + 1] if n + 1 < len(raw) else ""

    def between(mark: str, left: str, right: str) -> bool:
        if mark == ":":  # a clock time, not "Lawyer: Lindsay Lohan ..."
            return left[-1:].isdigit() and right[:1].isdigit()
        return mark in TIGHT and left[-1:].isalnum() and right[:1].isalnum()

    return (
        word in NO_SPACE_BEFORE
        or prev in NO_SPACE_AFTER
        or between(word, prev, after)
        or between(prev, before, word)
        or (word in APOSTROPHES and prev[-1:].isalnum() and after in CLITICS)
        or (prev in APOSTROPHES and word in CLITICS and before[-1:].isalnum())
    )


def _detokenised_line(tokens: list[tuple[str, str]]) -> Iterable[str]:
    position = 0
    for _, start, piece in _detokenise(tokens):
        yield " " * (start - position) + piece
        position = start + len(piece)


def load_topics(topics: Sequence[str], flat: bool) -> dict[str, list[Doc]]:
    found = {}
    for topic in topics:
        folder = DATA / topic
        if not folder.is_dir():
            raise SystemExit(f"no topic {topic} in {DATA}")
        paths = sorted(folder.glob("*.xml"), key=lambda p: _doc_order(p.stem))
        found[topic] = [load_doc(p, topic, flat) for p in paths]
    return found


def _doc_order(stem: str) -> tuple[int, int]:
    match = re.match(r"\d+_(\d+)", stem)
    return (stem.endswith("ecbplus"), int(match.group(1)) if match else 0)


def all_topics() -> list[str]:
    return sorted((p.name for p in DATA.iterdir() if p.is_dir()), key=int)


def ecb_clusters(topics: list[str]) -> dict[str, list[GoldDoc]]:
    found = load_topics(topics, flat=False)
    return {
        f"ECB+ {t}": [GoldDoc(d.name, d.text, None, [(m.start, m.chain) for m in d.mentions])
                      for d in docs]
        for t, docs in found.items()
    }  # fmt: skip


def meantime_clusters(limit: int | None) -> dict[str, list[GoldDoc]]:
    out = {}
    for folder in sorted(p for p in MEANTIME.iterdir() if p.is_dir())[:limit]:
        out[f"MEANTIME {folder.name.removeprefix('corpus_')}"] = [
            meantime_doc(path) for path in sorted(folder.glob("*.xml"))
        ]
    return out


def meantime_doc(path: Path) -> GoldDoc:
    root = ET.parse(path).getroot()
    sentences: dict[int, list[tuple[str, str]]] = defaultdict(list)
    for t in root.iter("token"):
        sentences[int(t.get("sentence") or 0)].append((t.get("t_id") or "", t.text or ""))
    dated = " ".join(w for _, w in sentences.get(1, []))
    published = _date(dated)
    offsets: dict[str, int] = {}
    parts: list[str] = []
    for number in sorted(sentences):
        if number == 1 and published is not None:
            continue  # the date line is the article's date, not its text
        line, position = [], sum(len(p) for p in parts) + (2 if parts else 0)
        if parts:
            parts.append("\n\n")
        for t_id, word in sentences[number]:
            if line and not re.match(r"^[,.;:!?)%']|^'s$|^n't$", word):
                line.append(" ")
            offsets[t_id] = position + sum(len(w) for w in line)
            line.append(word)
        parts.append("".join(line))
    text = "".join(parts)
    markables = root.find("Markables")
    anchors: dict[str, str] = {}
    instances: dict[str, str] = {}
    for m in markables if markables is not None else []:
        first = m.find("token_anchor")
        if m.tag == "EVENT_MENTION" and first is not None:
            anchors[m.get("m_id") or ""] = first.get("t_id") or ""
        if m.tag == "EVENT" and m.get("instance_id"):
            instances[m.get("m_id") or ""] = m.get("instance_id") or ""
    mentions = []
    relations = root.find("Relations")
    for rel in relations if relations is not None else []:
        if rel.tag != "REFERS_TO":
            continue
        target = rel.find("target")
        event = instances.get(target.get("m_id") or "", "") if target is not None else ""
        if not event:
            continue
        for source in rel.findall("source"):
            t_id = anchors.get(source.get("m_id") or "")
            if t_id in offsets:
                mentions.append((offsets[t_id], event))
    return GoldDoc(path.stem.split("_", 1)[0], text, published, mentions)


def _date(line: str) -> date | None:
    for form in ("%B %d , %Y", "%B %d, %Y", "%b %d , %Y"):
        try:
            return datetime.strptime(line.strip(), form).date()
        except ValueError:
            continue
    return None


# ---------------------------------------------------------------- scoring


class Sentences:
    """Which sentence of its article holds an offset."""

    def __init__(self, parsed: list[ParsedArticle]) -> None:
        self.starts = {p.article.id: [s.start for s in p.sentences] for p in parsed}
        self.index = {p.article.id: [s.index for s in p.sentences] for p in parsed}

    def at(self, article: str, offset: int) -> Key | None:
        n = bisect_right(self.starts.get(article, []), offset) - 1
        return (article, self.index[article][n]) if n >= 0 else None


def gold_links(docs: list[GoldDoc], where: Sentences) -> tuple[set[Key], set[frozenset[Key]]]:
    """The scored sentences and the cross-document pairs of them that share an event."""
    events: dict[Key, set[str]] = defaultdict(set)
    for d in docs:
        for offset, event in d.mentions:
            key = where.at(d.name, offset)
            if key is not None:
                events[key].add(event)
    holders: dict[str, list[Key]] = defaultdict(list)
    for key, found in events.items():
        for event in found:
            holders[event].append(key)
    pairs = {
        frozenset((a, b))
        for keys in holders.values()
        for a, b in itertools.combinations(sorted(set(keys)), 2)
        if a[0] != b[0]
    }
    return set(events), pairs


def links(groups: Iterable[Iterable[Key]], scored: set[Key]) -> set[frozenset[Key]]:
    out = set()
    for group in groups:
        keys = sorted({k for k in group if k in scored})
        out.update(frozenset((a, b)) for a, b in itertools.combinations(keys, 2) if a[0] != b[0])
    return out


@dataclass
class Count:
    system: int = 0
    gold: int = 0
    right: int = 0

    def add(self, found: set[frozenset[Key]], gold: set[frozenset[Key]]) -> None:
        self.system += len(found)
        self.gold += len(gold)
        self.right += len(found & gold)

    def figures(self) -> dict[str, float]:
        p = self.right / self.system if self.system else 0.0
        r = self.right / self.gold if self.gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"P": 100 * p, "R": 100 * r, "F1": 100 * f, "links": self.system}


# ---------------------------------------------------------------- systems


def cosine_clusters(
    units: list[SentenceGroup], sims: np.ndarray, threshold: float
) -> list[list[int]]:
    """Copy groups clustered by storyline's own average linkage on one cosine matrix
    alone (`sims`, units x units): what a sentence-level comparison without propositions
    does. A pair within one article never counts."""
    articles = [frozenset(m.article for m in u.members) for u in units]
    rows, cols = np.nonzero(np.triu(sims, 1) >= threshold)
    pairs = [(i, j, float(sims[i, j])) for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
             if not articles[i] & articles[j]]  # fmt: skip

    def score(i: int, j: int) -> float | None:
        return None if articles[i] & articles[j] else float(sims[i, j])

    return cluster(len(units), pairs, threshold, score)


def tfidf_cosines(units: list[SentenceGroup]) -> np.ndarray:
    matrix = tfidf([u.members[0].terms for u in units])
    return np.asarray((matrix @ matrix.T).todense())


def baseline_groups(
    parsed: list[ParsedArticle], groups: list[SentenceGroup], vectors: np.ndarray | None,
    threshold: float,
) -> list[list[Key]]:  # fmt: skip
    """Sentences clustered by one cosine alone: TF-IDF (vectors None) or MiniLM."""
    units = claim_groups(groups)
    if not units:
        return []
    sims = tfidf_cosines(units) if vectors is None else vectors @ vectors.T
    clusters = cosine_clusters(units, sims, threshold)
    return [[(m.article, m.index) for i in c for m in units[i].members] for c in clusters]


def _sentence_vectors(
    units: list[SentenceGroup], known: Mapping[tuple[str, int, int], np.ndarray]
) -> np.ndarray:
    """MiniLM vectors of the baselines' sentences: the stage's where it made them."""
    keys = [(u.members[0].article, u.members[0].start, u.members[0].end) for u in units]
    missing = [n for n, k in enumerate(keys) if k not in known]
    made = default_embedder().embed([units[n].members[0].text for n in missing])
    found = dict(zip(missing, made, strict=True))
    return np.stack([known[k] if k in known else found[n] for n, k in enumerate(keys)])


def evaluate(
    clusters: dict[str, list[GoldDoc]], sweep: list[float], overrides: dict[str, Any]
) -> dict[str, Any]:
    settings = Settings.load(overrides)
    counts: dict[str, Count] = defaultdict(Count)
    seconds = 0.0
    for name, docs in progress(list(clusters.items()), "clusters", every=1):
        articles: list[Article] = [
            plain_article(d.text, d.published).model_copy(update={"id": d.name, "source": name})
            for d in docs
        ]
        started = time.perf_counter()
        done = run(settings, ("claims", "copy_groups", "vectors", "parsed"), articles=articles)
        seconds += time.perf_counter() - started
        parsed = done.parsed or []
        where = Sentences(parsed)
        scored, gold = gold_links(docs, where)
        ours = links(
            (
                [where.at(c.article, c.start) for c in claim.citations]
                for claim in done.claims or []
            ),
            scored,
        )
        counts["storyline"].add(ours, gold)
        groups = done.copy_groups or []
        units = claim_groups(groups)
        known = done.vectors or {}
        minilm = _sentence_vectors(units, known) if units and len(parsed) > 1 else None
        for t in sweep:
            counts[f"tfidf@{t:g}"].add(
                links(baseline_groups(parsed, groups, None, t), scored), gold
            )
            if minilm is not None:
                found = links(baseline_groups(parsed, groups, minilm, t), scored)
                counts[f"minilm@{t:g}"].add(found, gold)
        del done
    figures = {name: c.figures() for name, c in counts.items()}
    return {"figures": figures, "seconds": seconds}


def rows_for(figures: dict[str, dict[str, float]]) -> list[list[str]]:
    ours = figures["storyline"]
    rows = [["storyline", f"{ours['P']:.1f}", f"{ours['R']:.1f}", f"{ours['F1']:.1f}",
             f"{ours['links']:.0f}"]]  # fmt: skip
    for kind, label in (("tfidf", "TF-IDF only"), ("minilm", "MiniLM only")):
        found = {k: v for k, v in figures.items() if k.startswith(kind + "@")}
        if not found:
            continue
        best = max(found, key=lambda k: found[k]["F1"])
        near = min(found, key=lambda k: (abs(found[k]["P"] - ours["P"]), -found[k]["R"]))
        for which, why in ((best, "best F1 (oracle)"), (near, "precision nearest storyline's")):
            v = found[which]
            rows.append([f"{label} @{which.split('@')[1]}: {why}", f"{v['P']:.1f}",
                         f"{v['R']:.1f}", f"{v['F1']:.1f}", f"{v['links']:.0f}"])  # fmt: skip
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="ECB+ topics 1-3, one MEANTIME corpus")
    parser.add_argument("--topics", help="comma-separated ECB+ topics (default all)")
    parser.add_argument("--no-meantime", action="store_true")
    parser.add_argument("--set", action="append", default=[], help="a setting: section.name=value")
    parser.add_argument("--no-baselines", action="store_true", help="storyline alone")
    parser.add_argument("--out", default="claims_eval", help="JSON name under benchmarks/out/")
    args = parser.parse_args()
    git = git_state()
    topics = args.topics.split(",") if args.topics else (["1", "2", "3"] if args.quick
                                                         else all_topics())  # fmt: skip
    sweep = QUICK_SWEEP if args.quick else SWEEP
    sets = {"ECB+": ecb_clusters(topics)}
    if not args.no_meantime:
        sets["MEANTIME"] = meantime_clusters(1 if args.quick else None)
    results = {}
    for name, clusters in sets.items():
        print(f"{name}: {len(clusters)} clusters...", file=sys.stderr, flush=True)
        results[name] = evaluate(clusters, [] if args.no_baselines else sweep,
                                 parse_assignments(args.set))  # fmt: skip
    lines = []
    for name, result in results.items():
        lines += [
            f"{name}: sentence links across documents (pooled), {len(sets[name])} clusters",
            "",
            table(["system", "P", "R", "F1", "links"], rows_for(result["figures"])),
            "",
        ]
    print("\n".join(lines))
    print("storyline's claims stage (with the stages before it): "
          + ", ".join(f"{k} {v['seconds']:.0f} s" for k, v in results.items()))  # fmt: skip
    out = write_json(args.out, {
        "benchmark": "claims_eval", "git": git, "args": vars(args), "topics": topics,
        "results": results, "versions": versions("storyline", "spacy", "onnxruntime"),
    })  # fmt: skip
    print(f"results: {out}")


if __name__ == "__main__":
    main()
