"""Claim alignment: storyline's claims as cross-document event coreference on ECB+.

What is measured
    Data: ../shared/data/ecbplus/<topic>/<topic>_<n>ecb.xml and _<n>ecbplus.xml (the
    topics 1-25 held there, read in place). Each topic mixes two sub-topics: the "ecb"
    documents tell one real-world event, the "ecbplus" ones another event of the same
    kind (two celebrities entering rehab, two earthquakes). A topic is one cluster
    given to storyline with all its documents together (the realistic, harder
    setting); the "sub-topic" rows give each sub-topic to storyline on its own.

    Text: a document's tokens joined with light detokenisation ("Reid 's" -> "Reid's",
    `` '' -> "), one gold sentence per paragraph (so the sentence split is close to
    the gold one and the figure is about alignment, not splitting; `--flat` puts all
    sentences in one paragraph instead); the URL that opens each ecbplus document
    (its sentence 0) is left out. No document date (ECB+ has none).

    Gold: event mentions (ACTION_* and NEG_ACTION_* markables) that are the source of
    a CROSS_DOC_COREF relation whose instance is an event (ACT*/NEG* instance id); the
    instance id is the chain. ECB+ annotates only some sentences of a document (its
    ECBplus_coreference_sentences.csv is not in this copy), so only sentences holding
    at least one such mention are evaluated.

    System: storyline's claims stage on the topic (`registry.run` asked for `claims`:
    spaCy, dates, places, copies and vectors before it). A storyline sentence belongs to
    the cluster of the claim whose citations hold it; sentences in no claim (headings,
    sentences under 6 words) are singletons unless they are wire copies of one another
    (`groups`).
    TF-IDF baseline: the same units (storyline's sentences and copy groups), TF-IDF
    rows of their content lemmas (`Sentence.terms`, `storyline.summary.tfidf`) and
    cosine, clustered by storyline's own average-linkage `cluster` with pairs of one
    article not counted, so only the similarity differs.

    mention level  items: gold event mentions with a chain; gold cluster: the chain;
                   system cluster: that of the storyline sentence holding the
                   mention's first token. All mentions of one sentence share its
                   cluster, so two events told in one sentence are never told apart
                   (a limit of sentence-level claims: the ceiling is below 100).
                   pairwise (link-based) P/R/F1 over pairs of mentions in different
                   documents; B3 P/R/F1 over all mentions (within-document pairs too).
    sentence level items: storyline sentences holding >= 1 gold chain mention; two
                   sentences of different documents corefer when they share a chain
                   (not transitive, so pairwise P/R/F1 only).
    Figures are micro-averaged: pairs pooled over all topics, B3 over all mentions.

    Rows: storyline at its shipped `sources.claim_similarity`, storyline at other
    thresholds (to show sensitivity, not a result). ECB+ is a development set here:
    the shipped blend (0.4 TF-IDF in the base similarity) and threshold (0.5) were
    chosen after a first run of this script (MiniLM alone at 0.72 gave sentence P/R
    77.6/11.2), so the default row is a development figure, not a held-out one;
    TF-IDF at the threshold that is best on this very set (an oracle, generous to
    the baseline), and trivial baselines: every
    mention alone, one cluster per sentence, one cluster per topic, and one cluster
    per gold sub-topic (an oracle document split, for reference). Sweeps: claim
    similarity 0.45-0.9 and TF-IDF 0.05-0.9 in steps of 0.05 (`--quick`: fewer points,
    topics 1-3). The spaCy pass runs once per topic and each sentence is embedded once:
    the runs at other thresholds are given the parses and vectors (`Cache`), as the
    store gives them to a later ingest.
    Sentence-level gold is dense (most evaluated sentences of a sub-topic tell its
    seminal event), so pairwise F1 there rewards lumping: "one per sub-topic" tops it.
    Read precision at equal recall (the TF-IDF sweep table) beside F1.
    Errors: wrong sentence links that join the two sub-topics' events, and missed
    links where a sentence is in no claim (`--examples N` prints some of each kind).

Run:  .venv/bin/python benchmarks/alignment_eval.py [--topics 1,2] [--quick] [--flat]
      [--examples N]
"""

from __future__ import annotations

import argparse
import random
import re
import time
import xml.etree.ElementTree as ET
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from _common import SHARED, git_state, progress, table, versions, write_json
from storyline.dates import plain_article
from storyline.model import Article, Cache, ParsedArticle, SentenceGroup
from storyline.registry import Results
from storyline.registry import run as run_stages
from storyline.settings import Settings
from storyline.sources.claims import Features, cluster, make_units
from storyline.text import tfidf

DATA = SHARED / "data" / "ecbplus"
EVENT_CHAINS = ("ACT", "NEG")
CLAIM_SWEEP = [0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9]
TFIDF_SWEEP = [round(0.05 * k, 2) for k in range(1, 19)]  # 0.05 .. 0.9
QUICK_CLAIM_SWEEP = [0.6, 0.8]
QUICK_TFIDF_SWEEP = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6]
QUICK_TOPICS = ["1", "2", "3"]
TRIVIAL = ("mentions alone", "one per sentence", "one per topic", "one per sub-topic")

NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "''", "'s", "'S", "n't",
                   "'re", "'ve", "'ll", "'d", "'m", "...", "”", "’s"}  # fmt: skip
NO_SPACE_AFTER = {"(", "[", "{", "$", "``", "#", "“", "‘"}
TIGHT = {"-", "/", ":"}  # joined between letters or digits (":" between digits)
APOSTROPHES = {"’", "'"}
CLITICS = {"s", "t", "re", "ve", "ll", "d", "m"}
DETOKENISED = {"``": '"', "''": '"', "-LRB-": "(", "-RRB-": ")"}

SentKey = tuple[str, int]  # (article id, storyline sentence index)


# --- ECB+ --------------------------------------------------------------------------------


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


# --- the systems ------------------------------------------------------------------------


class SentenceIndex:
    """Which storyline sentence holds a character offset of an article."""

    def __init__(self, parsed: list[ParsedArticle]) -> None:
        self.starts: dict[str, list[int]] = {}
        self.keys: dict[str, list[SentKey]] = {}
        self.text: dict[SentKey, str] = {}
        for p in parsed:
            ordered = sorted(p.sentences, key=lambda s: s.start)
            self.starts[p.article.id] = [s.start for s in ordered]
            self.keys[p.article.id] = [(s.article, s.index) for s in ordered]
            for s in ordered:
                self.text[(s.article, s.index)] = s.text
        self.by_start = {
            (s.article, s.start): (s.article, s.index) for p in parsed for s in p.sentences
        }

    def at(self, article: str, offset: int) -> SentKey | None:
        k = bisect_right(self.starts.get(article, []), offset) - 1
        return self.keys[article][k] if k >= 0 else None


def labels_from(
    parsed: list[ParsedArticle],
    groups: list[SentenceGroup],
    clusters: Iterable[Iterable[SentKey]],
) -> dict[SentKey, str]:
    """Cluster label of every sentence: its claim, else its copy group, else itself."""
    labels: dict[SentKey, str] = {}
    for n, members in enumerate(clusters):
        for key in members:
            labels.setdefault(key, f"C{n}")
    for group in groups:
        if len(group.members) > 1:
            first = group.members[0]
            for s in group.members:
                labels.setdefault((s.article, s.index), f"G{first.article}:{first.index}")
    for p in parsed:
        for s in p.sentences:
            labels.setdefault((s.article, s.index), f"S{s.article}:{s.index}")
    return labels


def storyline_labels(results: Results, index: SentenceIndex) -> dict[SentKey, str]:
    clusters = [[index.by_start[(c.article, c.start)] for c in claim.citations]
                for claim in results.claims or []]  # fmt: skip
    return labels_from(results.parsed or [], results.copy_groups or [], clusters)


def tfidf_labels(
    parsed: list[ParsedArticle], groups: list[SentenceGroup], thresholds: Sequence[float]
) -> dict[float, dict[SentKey, str]]:
    """The baseline at each threshold: storyline's units, TF-IDF cosine, same clustering."""
    units = make_units(parsed, groups, Features())
    out = {}
    if not units:
        return {t: labels_from(parsed, groups, []) for t in thresholds}
    matrix = tfidf([u.group.members[0].terms for u in units])
    sims = np.asarray((matrix @ matrix.T).todense())
    floor = min(thresholds)
    rows, cols = np.nonzero(np.triu(sims, 1) >= floor)
    pairs = [(i, j, float(sims[i, j])) for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
             if not units[i].articles & units[j].articles]  # fmt: skip

    def score(i: int, j: int) -> float | None:
        return None if units[i].articles & units[j].articles else float(sims[i, j])

    for t in thresholds:
        clusters = cluster(len(units), pairs, t, score)
        members = [[(s.article, s.index) for i in c for s in units[i].group.members]
                   for c in clusters]  # fmt: skip
        out[t] = labels_from(parsed, groups, members)
    return out


# --- scoring ----------------------------------------------------------------------------


@dataclass
class Item:
    """A gold mention placed in storyline's sentences."""

    group: str  # the cluster it was given in (topic, or topic/sub-topic)
    doc: str
    subtopic: str
    chain: str
    key: SentKey
    text: str


@dataclass
class Counts:
    """Pooled counts of one system: mention links, B3 sums, sentence links."""

    m_tp: int = 0
    m_sys: int = 0
    m_gold: int = 0
    b3_p: float = 0.0
    b3_r: float = 0.0
    b3_n: int = 0
    s_tp: int = 0
    s_sys: int = 0
    s_gold: int = 0
    fp_cross_subtopic: int = 0  # wrong sentence links across the two sub-topics' events
    fn_outside: int = 0  # missed sentence links where a sentence is in no claim (unit)
    fp: list[tuple[SentKey, SentKey]] = field(default_factory=list)
    fn: list[tuple[SentKey, SentKey]] = field(default_factory=list)

    def add(self, other: Counts) -> None:
        for name in ("m_tp", "m_sys", "m_gold", "b3_p", "b3_r", "b3_n", "s_tp", "s_sys",
                     "s_gold", "fp_cross_subtopic", "fn_outside"):  # fmt: skip
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.fp += other.fp
        self.fn += other.fn

    def figures(self) -> dict[str, float]:
        mp, mr, mf = prf(self.m_tp, self.m_sys, self.m_gold)
        bp = self.b3_p / self.b3_n if self.b3_n else 0.0
        br = self.b3_r / self.b3_n if self.b3_n else 0.0
        sp, sr, sf = prf(self.s_tp, self.s_sys, self.s_gold)
        return {
            "mention_P": mp, "mention_R": mr, "mention_F1": mf,
            "B3_P": bp, "B3_R": br, "B3_F1": 2 * bp * br / (bp + br) if bp + br else 0.0,
            "sentence_P": sp, "sentence_R": sr, "sentence_F1": sf,
            "sentence_links": self.s_sys, "sentence_gold_links": self.s_gold,
            "sentence_fp_cross_subtopic": self.fp_cross_subtopic,
            "sentence_fn_outside_claims": self.fn_outside,
        }  # fmt: skip


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def _cross_links(rows: Iterable[tuple[Any, str]]) -> int:
    """Pairs of items in different documents within each cluster: rows are (cluster, doc)."""
    per_cluster: dict[Any, Counter[str]] = defaultdict(Counter)
    for label, doc in rows:
        per_cluster[label][doc] += 1
    total = 0
    for docs in per_cluster.values():
        n = sum(docs.values())
        total += n * (n - 1) // 2 - sum(k * (k - 1) // 2 for k in docs.values())
    return total


def score(items: list[Item], system: Callable[[Item], str], keep: bool = False) -> Counts:
    """Mention-level pairwise and B3, and sentence-level pairwise, for one cluster's items."""
    c = Counts()
    sys_of = [system(i) for i in items]
    c.m_sys = _cross_links((s, i.doc) for s, i in zip(sys_of, items, strict=True))
    c.m_gold = _cross_links((i.chain, i.doc) for i in items)
    c.m_tp = _cross_links(((s, i.chain), i.doc) for s, i in zip(sys_of, items, strict=True))
    size_sys = Counter(sys_of)
    size_gold = Counter(i.chain for i in items)
    both = Counter((s, i.chain) for s, i in zip(sys_of, items, strict=True))
    for s, i in zip(sys_of, items, strict=True):
        overlap = both[(s, i.chain)]
        c.b3_p += overlap / size_sys[s]
        c.b3_r += overlap / size_gold[i.chain]
    c.b3_n = len(items)
    # sentence level
    chains: dict[SentKey, set[str]] = defaultdict(set)
    label: dict[SentKey, str] = {}
    subtopic: dict[SentKey, str] = {}
    for s, i in zip(sys_of, items, strict=True):
        chains[i.key].add(i.chain)
        label[i.key] = s
        subtopic[i.key] = i.subtopic
    keys = sorted(chains)
    for x, a in enumerate(keys):
        for b in keys[x + 1 :]:
            if a[0] == b[0]:
                continue
            gold = bool(chains[a] & chains[b])
            linked = label[a] == label[b]
            c.s_gold += gold
            c.s_sys += linked
            c.s_tp += gold and linked
            if linked and not gold:
                c.fp_cross_subtopic += subtopic[a] != subtopic[b]
                if keep:
                    c.fp.append((a, b))
            if gold and not linked:
                c.fn_outside += not (label[a].startswith("C") and label[b].startswith("C"))
                if keep:
                    c.fn.append((a, b))
    return c


# --- the run ----------------------------------------------------------------------------


def place_items(docs: list[Doc], index: SentenceIndex, group: str) -> list[Item]:
    items = []
    for d in docs:
        for m in d.mentions:
            key = index.at(d.name, m.start)
            if key is not None:
                items.append(Item(group, d.name, d.subtopic, m.chain, key, m.text))
    return items


def run(args: argparse.Namespace) -> dict[str, Any]:
    started_run = time.perf_counter()
    topics = args.topics.split(",") if args.topics else (QUICK_TOPICS if args.quick else
                                                         all_topics())  # fmt: skip
    claim_sweep = QUICK_CLAIM_SWEEP if args.quick else CLAIM_SWEEP
    tfidf_sweep = QUICK_TFIDF_SWEEP if args.quick else TFIDF_SWEEP
    settings = Settings.load()
    default = settings.sources.claim_similarity
    thresholds = sorted({default, *claim_sweep})
    run_order = [default, *(t for t in thresholds if t != default)]  # default pays the embedding
    variants = {t: settings.updated({"sources.claim_similarity": t}) for t in thresholds}
    vectors: dict[SentKey, np.ndarray] = {}  # each sentence embedded once, whatever the run
    data = load_topics(topics, args.flat)

    systems = [f"storyline@{t:g}" for t in thresholds] + [f"tfidf@{t:g}" for t in tfidf_sweep]
    settings_names = ("topic", "sub-topic")
    pooled = {s: {n: Counts() for n in [*systems, *TRIVIAL]} for s in settings_names}
    per_topic: dict[str, dict[str, float]] = {}
    stats: Counter[str] = Counter()
    seconds: dict[str, float] = defaultdict(float)
    texts: dict[SentKey, str] = {}
    for topic in progress(topics, "topics", every=1):
        docs = data[topic]
        articles: list[Article] = [
            plain_article(d.text, None).model_copy(
                update={"id": d.name, "source": f"ecbplus/{topic}/{d.name}.xml"}
            )
            for d in docs
        ]
        t0 = time.perf_counter()
        parsed_all = run_stages(settings, ("parsed",), articles=articles).parsed or []
        seconds["spaCy"] += time.perf_counter() - t0
        index = SentenceIndex(parsed_all)
        texts.update(index.text)
        items_all = place_items(docs, index, topic)
        stats["documents"] += len(docs)
        stats["mentions"] += sum(len(d.mentions) for d in docs)
        stats["mentions in URL line (left out)"] += sum(d.dropped for d in docs)
        stats["mentions not placed in a sentence"] += sum(len(d.mentions) for d in docs) - len(
            items_all
        )
        stats["chains"] += len({i.chain for i in items_all})
        stats["sentences evaluated"] += len({i.key for i in items_all})
        stats["sentences (storyline)"] += len(index.text)
        stats["mentions sharing a sentence with another chain"] += _shared(items_all)
        parts = {
            "topic": [docs],
            "sub-topic": [[d for d in docs if d.subtopic == s] for s in ("ecb", "ecbplus")],
        }
        for setting, groups in parts.items():
            for members in groups:
                if not members:
                    continue
                ids = {d.name for d in members}
                parsed = [p for p in parsed_all if p.article.id in ids]
                items = [i for i in items_all if i.doc in ids]
                runs: dict[str, dict[SentKey, str]] = {}
                groups_found: list[SentenceGroup] = []
                for t in run_order:
                    t0 = time.perf_counter()
                    done = run_stages(
                        variants[t],
                        ("claims", "copy_groups"),
                        articles=[p.article for p in parsed],
                        cache=Cache(parses={p.article.id: p for p in parsed}, vectors=vectors),
                    )
                    vectors.update(done.vectors or {})
                    runs[f"storyline@{t:g}"] = storyline_labels(done, index)
                    if t == default and setting == "topic":
                        seconds["storyline dates+places+sources"] += time.perf_counter() - t0
                    groups_found = done.copy_groups or []
                t0 = time.perf_counter()
                for t, labels in tfidf_labels(parsed, groups_found, tfidf_sweep).items():
                    runs[f"tfidf@{t:g}"] = labels
                if setting == "topic":
                    seconds["TF-IDF sweep"] += time.perf_counter() - t0
                shown = f"storyline@{default:g}" if setting == "topic" else None
                for system, labels in runs.items():
                    counts = score(items, _lookup(labels), keep=system == shown)
                    pooled[setting][system].add(counts)
                    if system == shown:
                        per_topic[topic] = counts.figures()
                for system, fn in _trivial_systems().items():
                    pooled[setting][system].add(score(items, fn))
    seconds["total"] = time.perf_counter() - started_run
    return {
        "topics": topics, "default": default, "thresholds": thresholds,
        "tfidf_sweep": tfidf_sweep, "pooled": pooled, "per_topic": per_topic,
        "stats": dict(stats), "seconds": dict(seconds), "texts": texts,
    }  # fmt: skip


def _lookup(labels: dict[SentKey, str]) -> Callable[[Item], str]:
    """A system that gives each item the label of its sentence."""
    return lambda i: labels[i.key]


def _trivial_systems() -> dict[str, Callable[[Item], str]]:
    return {
        "mentions alone": lambda i: f"{i.doc}:{id(i)}",
        "one per sentence": lambda i: f"{i.key}",
        "one per topic": lambda i: i.group,
        "one per sub-topic": lambda i: f"{i.group}:{i.subtopic}",
    }


def _shared(items: list[Item]) -> int:
    """Mentions whose sentence also holds a mention of another chain."""
    chains: dict[SentKey, set[str]] = defaultdict(set)
    for i in items:
        chains[i.key].add(i.chain)
    return sum(len(chains[i.key]) > 1 for i in items)


# --- output -----------------------------------------------------------------------------


def best(figures: dict[str, dict[str, float]], prefix: str, metric: str) -> str:
    names = [n for n in figures if n.startswith(prefix)]
    return max(names, key=lambda n: (figures[n][metric], -float(n.split("@")[1])))


def rows_for(
    figures: dict[str, dict[str, float]], result: dict[str, Any], metrics: list[str], key: str
) -> list[list[str]]:
    default = result["default"]
    rows = []
    for t in result["thresholds"]:
        label = f"storyline, claim_similarity {t:g}"
        label += " (shipped default)" if t == default else " (sweep)"
        rows.append([label, f"storyline@{t:g}"])
        if t == default:
            rows.insert(0, rows.pop())
    oracle = best(figures, "tfidf@", key)
    threshold = oracle.split("@")[1]
    rows.append([f"TF-IDF, best threshold on this set (oracle: {threshold})", oracle])
    rows += [[f"baseline: {n}", n] for n in TRIVIAL]
    if not metrics[0].startswith(("mention", "B3")):
        rows = [r for r in rows if r[1] != "mentions alone"]
    return [[label, *(f"{100 * figures[name][m]:.1f}" for m in metrics)] for label, name in rows]


def print_tables(result: dict[str, Any]) -> dict[str, dict[str, dict[str, float]]]:
    figures = {s: {n: c.figures() for n, c in result["pooled"][s].items()}
               for s in result["pooled"]}  # fmt: skip
    st = result["stats"]
    print(f"\nECB+ topics {','.join(result['topics'])}: {st['documents']} documents, "
          f"{st['mentions']} event mentions in {st['chains']} cross-document chains, "
          f"{st['sentences evaluated']} evaluated sentences (of {st['sentences (storyline)']}); "
          f"{st['mentions sharing a sentence with another chain']} mentions share their "
          f"sentence with another chain.")  # fmt: skip
    for setting, title in (("topic", "whole topics (both sub-topics in one cluster)"),
                           ("sub-topic", "each sub-topic its own cluster")):  # fmt: skip
        f = figures[setting]
        print(f"\nMention level, {title}: pairwise over cross-document pairs, and B3")
        print(table(["system", "P", "R", "F1", "B3 P", "B3 R", "B3 F1"],
                    rows_for(f, result, ["mention_P", "mention_R", "mention_F1", "B3_P", "B3_R",
                                         "B3_F1"], "mention_F1")))  # fmt: skip
        b3 = best(f, "tfidf@", "B3_F1")
        print(f"  TF-IDF threshold best for B3 F1: {b3.split('@')[1]} "
              f"(B3 F1 {100 * f[b3]['B3_F1']:.1f})")  # fmt: skip
        print(f"\nSentence level, {title}: pairwise over cross-document sentence pairs")
        print(table(["system", "P", "R", "F1"],
                    rows_for(f, result, ["sentence_P", "sentence_R", "sentence_F1"],
                             "sentence_F1")))  # fmt: skip
    f = figures["topic"]
    print("\nSentence-level errors (whole topics): wrong links, and those joining the two"
          " sub-topics' events; missed links, and those where a sentence is in no claim"
          " (a heading or under 6 words)")  # fmt: skip
    shown = [f"storyline@{result['default']:g}", best(f, "tfidf@", "sentence_F1")]
    print(table(["system", "links", "wrong", "across sub-topics", "missed", "in no claim"],
                [[n, f[n]["sentence_links"],
                  round(f[n]["sentence_links"] * (1 - f[n]["sentence_P"])),
                  f[n]["sentence_fp_cross_subtopic"],
                  round(f[n]["sentence_gold_links"] * (1 - f[n]["sentence_R"])),
                  f[n]["sentence_fn_outside_claims"]] for n in shown]))  # fmt: skip
    print("\nTF-IDF sweep (whole topics), to compare storyline at equal precision or recall:")
    print(table(["threshold", "mention F1", "B3 F1", "sentence P", "sentence R", "sentence F1"],
                [[t, *(f"{100 * f[f'tfidf@{t:g}'][m]:.1f}" for m in
                       ("mention_F1", "B3_F1", "sentence_P", "sentence_R", "sentence_F1"))]
                 for t in result["tfidf_sweep"]]))  # fmt: skip
    return figures


def print_examples(result: dict[str, Any], n: int) -> None:
    counts = result["pooled"]["topic"][f"storyline@{result['default']:g}"]
    texts = result["texts"]
    rng = random.Random(0)
    for kind, pairs in (("false positive", counts.fp), ("false negative", counts.fn)):
        print(f"\n{kind} sentence pairs, storyline's default ({len(pairs)} in all), {n} at random:")
        for a, b in rng.sample(pairs, min(n, len(pairs))):
            print(f"  {a[0]}#{a[1]}: {_short(texts[a])}\n  {b[0]}#{b[1]}: {_short(texts[b])}\n")


def _short(text: str, width: int = 220) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--topics", help="comma-separated ECB+ topics (default: all there)")
    parser.add_argument("--quick", action="store_true",
                        help="topics 1-3 (unless --topics) and fewer sweep points")  # fmt: skip
    parser.add_argument("--flat", action="store_true",
                        help="all of a document's sentences in one paragraph")  # fmt: skip
    parser.add_argument("--examples", type=int, default=0, metavar="N",
                        help="print N wrong and N missed sentence links")  # fmt: skip
    parser.add_argument("--out", default="alignment_eval", help="JSON name under benchmarks/out/")
    args = parser.parse_args()
    result = run(args)
    figures = print_tables(result)
    if args.examples:
        print_examples(result, args.examples)
    sec = result["seconds"]
    print(f"\nTime: {sec['total']:.0f} s in all; spaCy {sec['spaCy']:.0f} s, storyline's "
          f"dates+places+sources at the default {sec['storyline dates+places+sources']:.0f} s, "
          f"the TF-IDF sweep {sec['TF-IDF sweep']:.1f} s")  # fmt: skip
    out = write_json(args.out, {
        "git": git_state(), "args": vars(args), "topics": result["topics"],
        "default_claim_similarity": result["default"], "stats": result["stats"],
        "seconds": result["seconds"], "figures": figures,
        "per_topic_storyline_default": result["per_topic"],
        "versions": versions("spacy", "onnxruntime", "tokenizers"),
    })  # fmt: skip
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
