"""Syndication at scale: `group_copies` + `syndicate` on 10,000 articles with injected copies.

What is measured
    Data     Every article of Timeline17 (../shared/data/timeline17/*/articles.jsonl, and
             Finan_washingtonpost's articles.tokenized.jsonl.gz; the tokenised text is
             lightly detokenised: "-LRB-" -> "(", " 's" -> "'s", " ," -> ",") and every
             document of the Multi-News validation set (../shared/data/multinews,
             `load_clusters`), each line or paragraph a paragraph. These are the
             originals (at most --articles / 2 of them, a seeded sample, when --articles is
             small). Injected copies of originals drawn at random (seed --seed, with
             replacement: a wire story is run by several outlets) fill the set up to
             --articles (default 10,000); the articles are then shuffled.
    Copies   Each copy reads like wire reuse, edited lightly and variously:
               light    (40 % of copies) a lead sentence of its own, each sentence dropped
                        with p 0.15 (the original lead with p 0.4), the end cut (p 0.6: the
                        last 10-40 % of sentences gone), a tagline of its own;
               heavy    (30 %) the same, and besides each sentence reworded with p 0.8 by one
                        sub-editor's touch: "said" <-> "says", a word cut (sentences of 10+
                        words), or a number 1-10 in words <-> in digits;
               partial  (30 %) the first 40-60 % of the sentences only, then 1-3 sentences
                        of its own and a tagline: a shortened wire story.
             In all, per copy: a house style (UK spelling -ise/-our/-re/-ce/"per cent"
             p 0.4, US spelling p 0.3, none p 0.3) and, with p 0.7, "said Tuesday" ->
             "has said"; per sentence, a final clause cut with p 0.1 (sentences of 12+
             words). Most copied sentences stay verbatim, as in real wire reuse; the heavy
             copies are there to show what exact matching loses.
             The copy's own sentences are templates ("CAIRO (The Herald) - ...",
             "Reporting by ... in ...; editing by ...") filled with names and with random
             words drawn from the corpus vocabulary, so they copy nothing. Only originals
             with at least 4 sentences of 5+ words (6 for partial copies) are copied:
             `syndicate` needs 2 shared sentences by definition, and a 3-gram needs 3 words.
    Sentences
             Not spaCy (far too slow for 10,000 articles; its speed is measured in
             speed.py): a regex splitter in this script cuts each blank-line paragraph
             after . ! ? (and closing quotes) before a capital or digit, skipping common
             abbreviations and initials; a paragraph that is one short line without a full
             stop is a heading (`is_heading`, as in the pipeline). Splitting and building
             the `Sentence` records is timed on its own.
    storyline
             `group_copies(sentences, sources.copy_overlap)` then `syndicate(articles,
             sentences, groups, min_sentences=sources.syndication_sentences,
             min_share=sources.syndication_share)`, default settings, timed each and
             together (target: <= 60 s for 10,000 articles); sentences/s over all
             sentences. Memory: the peak resident set size during the timed calls (sampled
             every 20 ms from /proc/self/statm) less the size when they started; with
             --tracemalloc also tracemalloc's peak over a second, untimed run of the same
             two calls (slow: tracing costs several times the run; it must give the same
             pairs). --breakdown times `group_copies`' steps (shingle_ids, signatures,
             candidate_pairs) once more; the rest of the timed call is verification of the
             candidates and grouping.
    recall   pair: share of injected (original, copy) pairs that `syndicate` returns
             (by kind of copy); sentence: share of the copy's sentences taken from the
             original (original sentence of 3+ distinct 3-grams) that land in the same
             `SentenceGroup` as their original, verbatim and edited ones apart.
             Pairs of two copies of one original are expected too ("sibling" pairs).
    not injected
             Pairs found that were neither: between two originals (Timeline17 fetched
             the same story twice; Multi-News clusters hold wire copies), or between a
             copy and an original or copy of another root. Exact check: a pair (or the
             pair of their originals) is a true duplicate when >= 50 % of the shorter
             one's sentences of 5+ words are identical after `fold` (case, accents and
             punctuation folded) in the other. A sample of those that fail the check is
             printed to judge by eye.
    chains   `group_copies` joins sentences transitively (union-find) and the overlap
             coefficient is 1.0 for a short line inside a long one, so sentences that share
             nothing can land in one group through a chain of others. A pair found "only
             through chained sentences" would fail the `syndicate` rule if only its shared
             sentence pairs that are copies of each other directly (overlap >= threshold,
             word 3-grams) counted. Also shown: the largest group, in articles.
    baselines (same data, same run)
             exact   each sentence of 5+ words keyed by its `fold`ed text; identical keys
                     form a group; the same `syndicate` rule pairs the articles (>= 2
                     shared sentences holding >= 30 % of the shorter one's words).
             naive all-pairs
                     the overlap coefficient of every pair of sentences (Python frozensets
                     of word 3-grams, no index, no LSH) over the first --naive-articles
                     (default 150) articles, timed and extrapolated to all sentences by the
                     number of pairs (n^2 / 2), labelled extrapolated. On that subset it
                     also gives the sentence pairs at or above the threshold that LSH
                     could miss: the share of them `group_copies` put in one group (LSH
                     estimates Jaccard similarity, so a short sentence inside a long one,
                     overlap 1.0 but Jaccard 0.1, is a candidate with p ~ 0.3 only).

Targets: <= 60 s for group_copies + syndicate on 10,000 articles; pair recall >= 0.95.

Rerun (from the repo root; writes benchmarks/out/syndication_speed.json)
    .venv/bin/python benchmarks/syndication_speed.py
    .venv/bin/python benchmarks/syndication_speed.py --quick      # 2,000 articles
    .venv/bin/python benchmarks/syndication_speed.py --breakdown  # where group_copies spends
    .venv/bin/python benchmarks/syndication_speed.py --articles 20000 --seed 2
"""

from __future__ import annotations

import argparse
import gzip
import json
import math
import os
import platform
import random
import re
import resource
import sys
import threading
import time
import tracemalloc
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from _common import MULTINEWS_CSV, SHARED, git_state, load_clusters, table, versions, write_json
from storyline.ingest.clean import is_heading
from storyline.model import Article, Sentence, SentenceGroup, Syndication
from storyline.settings import Settings
from storyline.sources.copies import (
    MAX_BUCKET,
    MIN_SHINGLES,
    candidate_pairs,
    group_copies,
    shingle_ids,
    signatures,
    syndicate,
)
from storyline.text import fold, normalise_line, paragraph_spans

TIMELINE17 = SHARED / "data" / "timeline17"
TIME_TARGET = 60.0  # seconds, group_copies + syndicate on 10,000 articles
RECALL_TARGET = 0.95
MIN_WORDS = 5  # a sentence of fewer words has under 3 word 3-grams (copies.MIN_SHINGLES)
DUPLICATE_SHARE = 0.5  # exact check: share of the shorter one's sentences found identical
FURNITURE = 5  # a copied line found in this many stories (roots) is page furniture


# ---------------------------------------------------------------- reading the originals

_DETOK = [
    (re.compile(r"-LRB-\s*"), "("),
    (re.compile(r"\s*-RRB-"), ")"),
    (re.compile(r"-LSB-\s*"), "["),
    (re.compile(r"\s*-RSB-"), "]"),
    (re.compile(r"``\s*|\s*''"), '"'),
    (re.compile(r" (n't|'s|'re|'ve|'ll|'d|'m)\b"), r"\1"),
    (re.compile(r" ([.,;:!?%])(?=\s|$)"), r"\1"),
    (re.compile(r"\$ (?=\d)"), "$"),
]


def detokenise(text: str) -> str:
    """Undo the commonest Penn Treebank tokenisation marks (lightly: copies do not care)."""
    for pattern, repl in _DETOK:
        text = pattern.sub(repl, text)
    return text


def paragraphs_text(text: str) -> str:
    """Each non-blank line a paragraph, normalised, paragraphs joined by a blank line."""
    lines = (normalise_line(line) for line in text.replace("\r", "\n").split("\n"))
    return "\n\n".join(line for line in lines if line)


def read_timeline17() -> list[Article]:
    articles = []
    for topic in sorted(p for p in TIMELINE17.iterdir() if p.is_dir()):
        plain, packed = topic / "articles.jsonl", topic / "articles.tokenized.jsonl.gz"
        if plain.exists():
            lines = plain.read_text(encoding="utf-8").splitlines()
        elif packed.exists():
            with gzip.open(packed, "rt", encoding="utf-8") as handle:
                lines = handle.read().splitlines()
        else:
            continue
        outlet = topic.name.rsplit("_", 1)[-1]
        seen: set[str] = set()
        for line in lines:
            if not line.strip():
                continue
            record = json.loads(line)
            text = paragraphs_text(detokenise(record["text"]))
            if not text:
                continue
            ident = f"t17:{topic.name}:{record['id']}"
            while ident in seen:
                ident += "'"
            seen.add(ident)
            published = date.fromisoformat(record["time"]) if record.get("time") else None
            articles.append(
                Article(
                    id=ident,
                    source=f"{topic.name}/articles#{record['id']}",
                    title=None,
                    outlet=outlet,
                    published=published,
                    published_basis="metadata" if published else "unknown",
                    text=text,
                )
            )
    return articles


def read_multinews(path: Path) -> list[Article]:
    articles = []
    for cluster in load_clusters(path):
        for n, document in enumerate(cluster.documents):
            text = paragraphs_text(document)
            if text:
                articles.append(
                    Article(
                        id=f"mn:{cluster.index}:d{n}",
                        source=f"multinews#{cluster.index}/d{n}",
                        title=None,
                        outlet=None,
                        published=None,
                        published_basis="unknown",
                        text=text,
                    )
                )
    return articles


# ---------------------------------------------------------------- sentence splitting

_BOUNDARY = re.compile(r"""(?<=[.!?])(["'”’)\]]*)\s+(?=["'“‘(\[]?[A-Z0-9])""")
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "sgt", "capt",
    "cmdr", "adm", "jr", "sr", "no", "vs", "u.s", "u.n", "u.k", "e.u", "inc", "co", "corp",
    "ltd", "jan", "feb", "aug", "sep", "sept", "oct", "nov", "dec", "rev", "prof", "mt", "ft",
    "pres", "atty", "dept", "est", "approx", "fig", "gov't",
}  # fmt: skip


def sentence_spans(text: str) -> list[tuple[int, int, int]]:
    """(paragraph, start, end) of each sentence; never crosses a paragraph break."""
    spans = []
    for para, (p_start, p_end) in enumerate(paragraph_spans(text)):
        start = p_start
        for match in _BOUNDARY.finditer(text, p_start, p_end):
            before = text[max(start, match.start() - 16) : match.start()].split()
            word = before[-1].lstrip("\"'“‘(").rstrip(".").lower() if before else ""
            if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                continue  # "Mr. Smith", "George W. Bush"
            spans.append((para, start, match.end(1)))
            start = match.end()
        spans.append((para, start, p_end))
    return [(p, s, e) for p, s, e in spans if text[s:e].strip()]


def split_sentences(article: Article) -> list[Sentence]:
    text = article.text
    spans = sentence_spans(text)
    per_paragraph: dict[int, int] = defaultdict(int)
    for para, _, _ in spans:
        per_paragraph[para] += 1
    return [
        Sentence(
            article=article.id,
            index=index,
            paragraph=para,
            start=start,
            end=end,
            text=text[start:end],
            heading=per_paragraph[para] == 1 and is_heading(text[start:end]),
        )
        for index, (para, start, end) in enumerate(spans)
    ]


def eligible(text: str) -> bool:
    """Enough words for 3 distinct word 3-grams (what group_copies asks of a sentence)."""
    return len(fold(text).split()) >= MIN_WORDS


# ---------------------------------------------------------------- injected copies

_ISE_STEMS = (
    "organ|recogn|real|critic|apolog|author|emphas|mobil|modern|normal|priorit|privat|"
    "special|stabil|subsid|summar|util|character|civil|minim|maxim|legal|capital|central|"
    "final|global|hospital|industrial|local|national|neutral|categor|jeopard|symbol|"
    "sympath|standard|militar|radical|democrat|polar|vandal|victim|tantal|scrutin|"
    "memor|patron|optim|computer|harmon|fertil|steril|familiar|western|colon|immun|"
    "legitim|marginal|sensit|revolution|terror|agon"
)
_ISE_SUFFIX = r"(e|es|ed|er|ers|ing|ation|ations|ational)\b"
_UK_ISE = re.compile(rf"\b({_ISE_STEMS})iz{_ISE_SUFFIX}", re.IGNORECASE)
_US_IZE = re.compile(rf"\b({_ISE_STEMS})is{_ISE_SUFFIX}", re.IGNORECASE)
_OR_STEMS = "col|hon|lab|fav|neighb|behavi|harb|hum|rum|vig|arm|flav|endeav|vap|odor|sav|clam"
_OR_SUFFIX = r"(?=(s|ed|ing|er|ers|hood|hoods|ite|ites|able|ably|ful|less)?\b)"
_UK_OUR = re.compile(rf"\b({_OR_STEMS})or{_OR_SUFFIX}", re.IGNORECASE)
_US_OR = re.compile(rf"\b({_OR_STEMS})our{_OR_SUFFIX}", re.IGNORECASE)
_US_TO_UK = {
    "center": "centre", "centers": "centres", "theater": "theatre", "meter": "metre",
    "meters": "metres", "defense": "defence", "offense": "offence", "license": "licence",
    "program": "programme", "programs": "programmes", "gray": "grey", "percent": "per cent",
    "traveled": "travelled", "traveling": "travelling", "canceled": "cancelled",
    "fueled": "fuelled", "labeled": "labelled", "modeling": "modelling", "jewelry": "jewellery",
    "aluminum": "aluminium", "mom": "mum", "pediatric": "paediatric", "maneuver": "manoeuvre",
    "fetus": "foetus", "skeptical": "sceptical", "tire": "tyre", "check": "cheque",
}  # fmt: skip
_UK_TO_US = {uk: us for us, uk in _US_TO_UK.items() if us not in {"check", "tire", "mom"}}
_US_WORDS = re.compile(r"\b(" + "|".join(_US_TO_UK) + r")\b")
_UK_WORDS = re.compile(r"\b(" + "|".join(sorted(_UK_TO_US, key=len, reverse=True)) + r")\b")
_SAID_DAY = re.compile(
    r"\bsaid (?:on |late |early )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|"
    r"Sunday|today|yesterday)\b"
)


def house_style(text: str, style: str) -> str:
    if style == "uk":
        text = _UK_ISE.sub(lambda m: f"{m[1]}is{m[2]}", text)
        text = _UK_OUR.sub(lambda m: f"{m[1]}our", text)
        return _US_WORDS.sub(lambda m: _US_TO_UK[m[1]], text)
    if style == "us":
        text = _US_IZE.sub(lambda m: f"{m[1]}iz{m[2]}", text)
        text = _US_OR.sub(lambda m: f"{m[1]}or", text)
        return _UK_WORDS.sub(lambda m: _UK_TO_US[m[1]], text)
    return text


_NUMBERS = ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
_NUMBER_WORD = re.compile(r"\b(" + "|".join(_NUMBERS) + r")\b")
_NUMBER_DIGIT = re.compile(r"\b([1-9]|10)\b(?![.,:]\d)")
_SAID = re.compile(r"\b(said|says)\b")


def reword(text: str, rng: random.Random) -> str:
    """One sub-editor's touch: said <-> says, a word cut, or a number in words <-> digits."""
    words = text.split(" ")
    touches = []
    if _SAID.search(text):
        touches.append(lambda: _SAID.sub(lambda m: "says" if m[1] == "said" else "said", text, 1))
    if len(words) >= 10:

        def cut() -> str:
            i = rng.randrange(2, len(words) - 2)
            return " ".join(words[:i] + words[i + 1 :])

        touches.append(cut)
    if _NUMBER_WORD.search(text):
        touches.append(lambda: _NUMBER_WORD.sub(lambda m: str(_NUMBERS.index(m[1]) + 1), text, 1))
    elif _NUMBER_DIGIT.search(text):
        touches.append(lambda: _NUMBER_DIGIT.sub(lambda m: _NUMBERS[int(m[1]) - 1], text, 1))
    return rng.choice(touches)() if touches else text


def cut_clause(text: str) -> str | None:
    """The sentence without its final clause (from the last comma in its second half)."""
    if len(text.split()) < 12:
        return None
    comma = text.rfind(",")
    if comma < len(text) * 0.5:
        return None
    return text[:comma].rstrip() + "."


OUTLETS = [
    "The Herald", "Daily Courier", "Evening Post", "The Chronicle", "Morning Star",
    "Valley Times", "The Sentinel", "Coast Gazette", "Metro Journal", "The Observer-Tribune",
    "Capital Wire", "Northern Echo", "Harbour News", "Plains Register", "The Dispatch",
]  # fmt: skip
CITIES = [
    "CAIRO", "LONDON", "WASHINGTON", "TRIPOLI", "BAGHDAD", "HOUSTON", "NEW ORLEANS",
    "PORT-AU-PRINCE", "LOS ANGELES", "GENEVA", "MEXICO CITY", "BRUSSELS", "PARIS", "BEIRUT",
]  # fmt: skip
FIRST = [
    "Anna", "Tom", "Maria", "David", "Lena", "Omar", "Grace", "Peter", "Sara", "Yusuf",
    "Ines", "Mark", "Hana", "Paul", "Rita", "Sam", "Nadia", "John", "Eva", "Ali",
]  # fmt: skip
LAST = [
    "Lee", "Fox", "Novak", "Haddad", "Brennan", "Okafor", "Silva", "Kowalski", "Dunn",
    "Morales", "Price", "Nasser", "Hart", "Ibrahim", "Keller", "Moss", "Quinn", "Reyes",
]  # fmt: skip
LEADS = [
    "{city} ({outlet}) - {words}.",
    "{outlet} has learned that {words}.",
    "In a developing story, {words}.",
    "Latest: {Words}.",
    "Here is what we know so far about {words}.",
]
TAGLINES = [
    "Reporting by {name} in {city}; editing by {name2}.",
    "{name} contributed reporting from {city} for {outlet}.",
    "This story was first published by {outlet} and updated with {words}.",
    "Copyright {year} {outlet}, all rights reserved, for {words}.",
    "Additional reporting by {name} and {name2}; writing by {name3}.",
]
OWN = [
    "{outlet} readers have asked about {words}.",
    "Local officials in {city} said {words}.",
    "{Words}, according to figures seen by {outlet}.",
    "Residents told {outlet} that {words}.",
]


@dataclass
class Piece:
    """One sentence of a copy as written, and where it came from."""

    text: str
    origin: int | None  # index of the original's sentence, None for the copy's own
    edited: bool = False


@dataclass
class Copy:
    id: str
    root: str  # id of the original
    kind: str  # "light", "heavy" or "partial"
    style: str
    paragraphs: list[list[Piece]] = field(default_factory=list)


class Injector:
    def __init__(self, rng: random.Random, vocabulary: list[str]) -> None:
        self.rng = rng
        self.vocabulary = vocabulary

    def fill(self, template: str, outlet: str) -> str:
        rng = self.rng
        words = " ".join(rng.sample(self.vocabulary, rng.randint(8, 16)))
        names = [f"{rng.choice(FIRST)} {rng.choice(LAST)}" for _ in range(3)]
        return template.format(
            city=rng.choice(CITIES),
            outlet=outlet,
            words=words,
            Words=words[:1].upper() + words[1:],
            name=names[0],
            name2=names[1],
            name3=names[2],
            year=rng.randint(2005, 2016),
        )

    def make(self, ident: str, original: Article, sentences: list[Sentence], kind: str) -> Copy:
        rng = self.rng
        outlet = rng.choice(OUTLETS)
        style = rng.choices(["uk", "us", "none"], weights=[4, 3, 3])[0]
        has_said = rng.random() < 0.7
        n = len(sentences)
        if kind == "partial":
            keep = set(range(max(2, math.ceil(n * rng.uniform(0.4, 0.6)))))
        else:
            keep = {i for i in range(n) if rng.random() >= (0.4 if i == 0 else 0.15)}  # drop some
            if rng.random() < 0.6:  # cut the end
                keep = {i for i in keep if i < math.ceil(n * (1 - rng.uniform(0.1, 0.4)))}
            copied = sorted(i for i in keep if eligible(sentences[i].text))
            if len(copied) < 2:
                keep |= set(sorted(i for i in range(n) if eligible(sentences[i].text))[:2])
        copy = Copy(ident, original.id, kind, style)
        copy.paragraphs.append([Piece(self.fill(rng.choice(LEADS), outlet), None)])
        by_paragraph: dict[int, list[Piece]] = {}
        for i in sorted(keep):
            text = sentences[i].text
            edited = house_style(text, style)
            if has_said:
                edited = _SAID_DAY.sub("has said", edited)
            if not sentences[i].heading and rng.random() < 0.1:
                edited = cut_clause(edited) or edited
            if kind == "heavy" and not sentences[i].heading and rng.random() < 0.8:
                edited = reword(edited, rng)
            by_paragraph.setdefault(sentences[i].paragraph, []).append(
                Piece(edited, i, edited != text)
            )
        copy.paragraphs.extend(by_paragraph.values())
        if kind == "partial":
            own = [Piece(self.fill(rng.choice(OWN), outlet), None)]
            own += [
                Piece(self.fill(rng.choice(OWN), outlet), None) for _ in range(rng.randint(0, 2))
            ]
            copy.paragraphs.append(own)
        copy.paragraphs.append([Piece(self.fill(rng.choice(TAGLINES), outlet), None)])
        return copy


def copy_article(copy: Copy, original: Article) -> Article:
    text = "\n\n".join(" ".join(p.text for p in para) for para in copy.paragraphs)
    return Article(
        id=copy.id,
        source=f"injected copy of {original.id}",
        title=None,
        outlet=None,
        published=original.published,
        published_basis=original.published_basis,
        text=text,
    )


def build_set(
    originals: list[Article], total: int, seed: int
) -> tuple[list[Article], dict[str, Copy]]:
    """Originals plus injected copies up to `total` articles, shuffled."""
    rng = random.Random(seed)
    if len(originals) > total // 2 and total < 2 * len(originals):
        originals = rng.sample(originals, min(len(originals), total // 2))
    split = {a.id: split_sentences(a) for a in originals}
    counts = {i: sum(eligible(s.text) for s in sents) for i, sents in split.items()}
    full_ok = [a for a in originals if counts[a.id] >= 4]
    partial_ok = [a for a in originals if counts[a.id] >= 6]
    vocabulary = sorted(
        {w for a in originals[:1500] for w in fold(a.text).split() if w.isalpha() and len(w) > 3}
    )
    injector = Injector(rng, vocabulary)
    copies: dict[str, Copy] = {}
    articles = list(originals)
    by_id = {a.id: a for a in originals}
    for n in range(total - len(originals)):
        kind = rng.choices(["light", "heavy", "partial"], weights=[4, 3, 3])[0]
        original = rng.choice(partial_ok if kind == "partial" else full_ok)
        copy = injector.make(f"copy{n:05d}", original, split[original.id], kind)
        copies[copy.id] = copy
        articles.append(copy_article(copy, by_id[original.id]))
    rng.shuffle(articles)
    return articles, copies


# ---------------------------------------------------------------- the systems


def current_rss() -> int:
    """Resident set size of this process now, in bytes (0 where /proc is missing)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except OSError:
        return 0


class PeakRSS:
    """Highest RSS seen while the block runs, sampled every 20 ms by a thread."""

    def __enter__(self) -> PeakRSS:
        self.start = self.peak = current_rss()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def _sample(self) -> None:
        while not self._stop.wait(0.02):
            self.peak = max(self.peak, current_rss())

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, current_rss())


def run_storyline(
    articles: list[Article], sentences: list[Sentence], settings: Settings
) -> dict[str, Any]:
    return _run_grouping(
        articles,
        sentences,
        settings,
        lambda: group_copies(sentences, settings.sources.copy_overlap),
    )


def _run_grouping(
    articles: list[Article],
    sentences: list[Sentence],
    settings: Settings,
    grouping: Callable[[], list[SentenceGroup]],
) -> dict[str, Any]:
    """Time one way of grouping copies, then `syndicate` on its groups."""
    src = settings.sources
    start = time.perf_counter()
    groups = grouping()
    grouped = time.perf_counter()
    pairs, _ = syndicate(
        articles,
        sentences,
        groups,
        min_sentences=src.syndication_sentences,
        min_share=src.syndication_share,
    )
    done = time.perf_counter()
    return {
        "groups": groups,
        "pairs": pairs,
        "group_seconds": grouped - start,
        "syndicate_seconds": done - grouped,
        "seconds": done - start,
    }


def group_breakdown(sentences: list[Sentence], group_seconds: float) -> dict[str, float]:
    """Time the public steps of group_copies once more; the rest is the verify loop."""
    start = time.perf_counter()
    shingles = shingle_ids(s.text for s in sentences)
    shingled = time.perf_counter()
    sig = signatures(shingles)
    signed = time.perf_counter()
    eligible_rows = np.array([len(x) >= MIN_SHINGLES for x in shingles], dtype=bool)
    pairs = candidate_pairs(sig, eligible_rows)
    done = time.perf_counter()
    parts = {
        "shingle_ids": shingled - start,
        "signatures": signed - shingled,
        "candidate_pairs": done - signed,
    }
    parts["rest (verify, union-find, groups)"] = max(0.0, group_seconds - sum(parts.values()))
    parts["candidate_pairs_count"] = float(len(pairs))
    return parts


def exact_groups(sentences: list[Sentence]) -> list[SentenceGroup]:
    """Sentences of 5+ words with the same folded text form a group; the rest stand alone."""
    groups: dict[Any, list[Sentence]] = {}
    for n, sentence in enumerate(sentences):
        key = fold(sentence.text)
        groups.setdefault(key if key.count(" ") >= MIN_WORDS - 1 else n, []).append(sentence)
    return [SentenceGroup(members=members) for members in groups.values()]


def run_exact(
    articles: list[Article], sentences: list[Sentence], settings: Settings
) -> dict[str, Any]:
    return _run_grouping(articles, sentences, settings, lambda: exact_groups(sentences))


def shingle_set(text: str) -> frozenset[tuple[str, ...]]:
    words = fold(text).split()
    return frozenset(zip(words, words[1:], words[2:], strict=False))


def naive_all_pairs(
    sentences: list[Sentence], threshold: float, groups: list[SentenceGroup], total: int
) -> dict[str, Any]:
    """Every sentence pair of the subset compared; extrapolated to `total` eligible sentences."""
    sets = [(s, shingle_set(s.text)) for s in sentences]
    sets = [(s, sh) for s, sh in sets if len(sh) >= 3]
    shingles = [sh for _, sh in sets]
    sizes = [len(sh) for sh in shingles]
    n = len(shingles)
    found: list[tuple[int, int]] = []
    start = time.perf_counter()
    for i in range(n):
        a, la = shingles[i], sizes[i]
        for j in range(i + 1, n):
            if len(a & shingles[j]) >= threshold * min(la, sizes[j]):
                found.append((i, j))
    seconds = time.perf_counter() - start
    pairs = n * (n - 1) // 2
    full_pairs = total * (total - 1) // 2
    group_of = {(s.article, s.index): g for g, group in enumerate(groups) for s in group.members}
    missed = [
        (i, j)
        for i, j in found
        if group_of[(sets[i][0].article, sets[i][0].index)]
        != group_of[(sets[j][0].article, sets[j][0].index)]
    ]
    same = len(found) - len(missed)
    jaccard = [len(shingles[i] & shingles[j]) / len(shingles[i] | shingles[j]) for i, j in missed]
    return {
        "sentences": n,
        "pairs": pairs,
        "seconds": seconds,
        "seconds_per_million_pairs": seconds / pairs * 1e6 if pairs else 0.0,
        "extrapolated_sentences": total,
        "extrapolated_pairs": full_pairs,
        "extrapolated_seconds": seconds / pairs * full_pairs if pairs else 0.0,
        "pairs_at_threshold": len(found),
        "pairs_at_threshold_grouped_by_lsh": same,
        "lsh_pair_recall": same / len(found) if found else 1.0,
        "lsh_missed_max_jaccard": max(jaccard, default=None),
        "lsh_missed_examples": [
            {
                "jaccard": round(jac, 3),
                "sentences": [f"{sets[k][0].article}: {sets[k][0].text[:160]}" for k in (i, j)],
            }
            for (i, j), jac in zip(missed[:10], jaccard, strict=False)
        ],
    }


# ---------------------------------------------------------------- scoring


def key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a < b else (b, a)


def sentence_keys(sentences: list[Sentence]) -> dict[str, list[str]]:
    keys: dict[str, list[str]] = defaultdict(list)
    for s in sentences:
        if not s.heading:
            folded = fold(s.text)
            if folded.count(" ") >= MIN_WORDS - 1:
                keys[s.article].append(folded)
    return keys


def exact_duplicate(a: str, b: str, keys: dict[str, list[str]]) -> bool:
    """>= 50 % of the shorter one's sentences (5+ words, folded) stand in the other."""
    ka, kb = keys.get(a, []), keys.get(b, [])
    if not ka or not kb:
        return False
    if len(ka) > len(kb):
        ka, kb = kb, ka
    inside = set(kb)
    return sum(k in inside for k in ka) >= DUPLICATE_SHARE * len(ka)


def direct(
    syndication: Syndication,
    text_at: dict[tuple[str, int], str],
    words: dict[str, int],
    settings: Settings,
) -> bool:
    """Whether the pair still passes `syndicate`'s rule counting only sentence pairs that are
    copies of each other directly (overlap >= threshold), not through a chain of others."""
    src = settings.sources
    cited = syndication.shared
    shared = 0
    held: dict[str, int] = defaultdict(int)
    for x, y in zip(cited[::2], cited[1::2], strict=True):
        tx, ty = text_at[(x.article, x.start)], text_at[(y.article, y.start)]
        a, b = shingle_set(tx), shingle_set(ty)
        if a and b and len(a & b) >= src.copy_overlap * min(len(a), len(b)):
            shared += 1
            held[x.article] += len(tx.split())
            held[y.article] += len(ty.split())
    share = max((n / max(words[article], 1) for article, n in held.items()), default=0.0)
    return shared >= src.syndication_sentences and share >= src.syndication_share


def score(
    pairs: list[Syndication],
    groups: list[SentenceGroup],
    copies: dict[str, Copy],
    by_article: dict[str, list[Sentence]],
    keys: dict[str, list[str]],
    line_articles: dict[str, int],
    settings: Settings,
) -> dict[str, Any]:
    found = {key(*p.articles): p for p in pairs}
    text_at = {(s.article, s.start): s.text for sents in by_article.values() for s in sents}
    words = {
        article: sum(len(s.text.split()) for s in sents if not s.heading)
        for article, sents in by_article.items()
    }
    root = {c.id: c.root for c in copies.values()}
    injected = {key(c.root, c.id): c for c in copies.values()}
    recall_by_kind: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    missed = []
    for pair, copy in injected.items():
        hit = pair in found
        recall_by_kind[copy.kind][0] += hit
        recall_by_kind[copy.kind][1] += 1
        if not hit:
            missed.append(copy.id)

    # sentence level: each copied sentence grouped with its original sentence?
    group_of = {(s.article, s.index): g for g, group in enumerate(groups) for s in group.members}
    sentence_hits = {"verbatim": [0, 0], "edited": [0, 0]}
    verbatim_missed: dict[str, int] = {}  # folded text -> articles holding it
    resplit_mismatch = 0
    for copy in copies.values():
        pieces = [p for para in copy.paragraphs for p in para]
        split = by_article[copy.id]
        if [s.text for s in split] != [p.text for p in pieces]:
            resplit_mismatch += 1
            continue
        original = by_article[copy.root]
        for sentence, piece in zip(split, pieces, strict=True):
            if piece.origin is None or not eligible(original[piece.origin].text):
                continue
            tally = sentence_hits["edited" if piece.edited else "verbatim"]
            tally[1] += 1
            hit = group_of[(copy.id, sentence.index)] == group_of[(copy.root, piece.origin)]
            tally[0] += hit
            if not hit and not piece.edited:
                folded = fold(sentence.text)
                verbatim_missed[folded] = line_articles.get(folded, 0)

    # pairs found that were not injected
    originals_pairs, via_copies = [], []
    for pair, syndication in found.items():
        a, b = pair
        ra, rb = root.get(a, a), root.get(b, b)
        if pair in injected or (a in root and b in root and ra == rb):
            continue  # injected, or two copies of one original
        (originals_pairs if ra == a and rb == b else via_copies).append(
            (pair, key(ra, rb), syndication)
        )
    group_at = {(s.article, s.start): g for g, group in enumerate(groups) for s in group.members}
    spread: dict[int, int] = {}  # group -> stories (roots) it spans

    def furniture(syndication: Syndication) -> bool:
        """Every shared line is in FURNITURE+ stories: page furniture, not one story."""
        for citation in syndication.shared:
            g = group_at[(citation.article, citation.start)]
            if g not in spread:
                spread[g] = len({root.get(m.article, m.article) for m in groups[g].members})
            if spread[g] < FURNITURE:
                return False
        return True

    paired_originals = {pair for pair, _, _ in originals_pairs}
    orig_dup = [x for x in originals_pairs if exact_duplicate(*x[1], keys)]
    orig_furniture = [x for x in originals_pairs if x not in orig_dup and furniture(x[2])]
    via_dup = [x for x in via_copies if exact_duplicate(*x[1], keys)]
    via_explained = [
        x for x in via_copies if x[1] in paired_originals or exact_duplicate(*x[1], keys)
    ]
    via_furniture = [x for x in via_copies if x not in via_explained and furniture(x[2])]
    siblings = sum(1 for a, b in found if a in root and b in root and root[a] == root[b] and a != b)
    expected_siblings = sum(
        k * (k - 1) // 2
        for k in _counts(c.root for c in copies.values()).values()  # pairs of copies per root
    )
    chained_injected = sum(
        not direct(p, text_at, words, settings) for k, p in found.items() if k in injected
    )
    chained_other = sum(
        not direct(x[2], text_at, words, settings) for x in originals_pairs + via_copies
    )
    largest = max((len({m.article for m in g.members}) for g in groups), default=0)
    hits = sum(v[0] for v in recall_by_kind.values())
    verbatim, edited = sentence_hits["verbatim"], sentence_hits["edited"]
    both = [verbatim[0] + edited[0], verbatim[1] + edited[1]]
    return {
        "pairs_found": len(found),
        "largest_group_articles": largest,
        "injected_found_only_through_chains": chained_injected,
        "not_injected_only_through_chains": chained_other,
        "injected": len(injected),
        "injected_found": hits,
        "recall": hits / len(injected) if injected else 1.0,
        "recall_by_kind": {
            k: {"found": v[0], "of": v[1], "recall": v[0] / v[1]}
            for k, v in sorted(recall_by_kind.items())
        },  # fmt: skip
        "missed": missed,
        "sentence_recall": both[0] / both[1] if both[1] else 1.0,
        "sentence_recall_verbatim": verbatim[0] / verbatim[1] if verbatim[1] else 1.0,
        "sentence_recall_edited": edited[0] / edited[1] if edited[1] else 1.0,
        "copied_sentences": {"verbatim": verbatim[1], "edited": edited[1]},
        "copies_resplit_differently": resplit_mismatch,
        "sibling_pairs_found": siblings,
        "sibling_pairs_possible": expected_siblings,
        "not_injected": len(originals_pairs) + len(via_copies),
        "between_originals": len(originals_pairs),
        "between_originals_exact_duplicates": len(orig_dup),
        "between_originals_furniture_only": len(orig_furniture),
        "via_copies": len(via_copies),
        "via_copies_roots_exact_duplicates": len(via_dup),
        "via_copies_roots_paired_or_duplicates": len(via_explained),
        "via_copies_furniture_only": len(via_furniture),
        "verbatim_missed": [
            {"articles_with_line": n, "text": t[:160]}
            for t, n in sorted(verbatim_missed.items(), key=lambda x: -x[1])
        ],
        "_originals_pairs": originals_pairs,
        "_via_copies": via_copies,
    }


def _counts(items: Any) -> dict[str, int]:
    counts: dict[str, int] = defaultdict(int)
    for item in items:
        counts[item] += 1
    return counts


def sample_lines(
    entries: list[tuple[tuple[str, str], tuple[str, str], Syndication]],
    keys: dict[str, list[str]],
    by_id: dict[str, Article],
    limit: int,
    seed: int,
) -> list[dict[str, Any]]:
    """A random few non-injected pairs that fail the exact check, one shared span a side."""
    out = []
    entries = sorted(entries)
    random.Random(seed).shuffle(entries)
    for pair, roots, syndication in entries:
        if exact_duplicate(*roots, keys):
            continue
        citations = syndication.shared[:2]
        spans = [by_id[c.article].text[c.start : c.end][:110] for c in citations]
        out.append(
            {
                "pair": list(pair),
                "shared_sentences": syndication.shared_sentences,
                "score": syndication.score,
                "spans": spans,
            }
        )
        if len(out) >= limit:
            break
    return out


# ---------------------------------------------------------------- run and report


def run(args: argparse.Namespace) -> dict[str, Any]:
    settings = Settings.load()
    started = time.perf_counter()
    print("reading Timeline17 and Multi-News...", file=sys.stderr, flush=True)
    t17 = read_timeline17()
    multinews = read_multinews(args.data)
    print(
        f"  {len(t17)} Timeline17 + {len(multinews)} Multi-News originals; "
        f"injecting copies up to {args.articles}...",
        file=sys.stderr,
        flush=True,
    )
    articles, copies = build_set(t17 + multinews, args.articles, args.seed)
    by_id = {a.id: a for a in articles}
    n_originals = len(articles) - len(copies)
    prepared = time.perf_counter() - started

    print("splitting sentences...", file=sys.stderr, flush=True)
    start = time.perf_counter()
    per_article = [split_sentences(a) for a in articles]
    split_seconds = time.perf_counter() - start
    sentences = [s for sents in per_article for s in sents]
    by_article = {a.id: sents for a, sents in zip(articles, per_article, strict=True)}
    eligible_count = sum(eligible(s.text) for s in sentences)
    words = sum(len(a.text.split()) for a in articles)

    print(f"storyline on {len(sentences):,} sentences...", file=sys.stderr, flush=True)
    with PeakRSS() as rss:
        mine = run_storyline(articles, sentences, settings)
    print(f"  {mine['seconds']:.1f} s; exact baseline...", file=sys.stderr, flush=True)
    exact = run_exact(articles, sentences, settings)

    memory: dict[str, Any] = {
        "stage_rss_start_mb": rss.start / 2**20,
        "stage_rss_peak_mb": rss.peak / 2**20,
        "stage_rss_increase_mb": (rss.peak - rss.start) / 2**20,
        "tracemalloc_peak_mb": None,
        "same_pairs": None,
    }
    if args.tracemalloc:
        print("memory pass (tracemalloc, untimed)...", file=sys.stderr, flush=True)
        tracemalloc.start()
        again = run_storyline(articles, sentences, settings)
        memory["tracemalloc_peak_mb"] = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        memory["same_pairs"] = [p.articles for p in again["pairs"]] == [
            p.articles for p in mine["pairs"]
        ]
        memory["traced_seconds"] = again["seconds"]
        del again
    memory["process_rss_peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    breakdown = None
    if args.breakdown:
        print("breakdown of group_copies (second pass)...", file=sys.stderr, flush=True)
        breakdown = group_breakdown(sentences, mine["group_seconds"])

    naive = None
    if args.naive_articles:
        subset = articles[: args.naive_articles]
        print(f"naive all-pairs on {len(subset)} articles...", file=sys.stderr, flush=True)
        sub_sentences = [s for a in subset for s in by_article[a.id]]
        sub = run_storyline(subset, sub_sentences, settings)
        naive = naive_all_pairs(
            sub_sentences, settings.sources.copy_overlap, sub["groups"], eligible_count
        )
        naive["articles"] = len(subset)
        naive["lsh_seconds_on_subset"] = sub["seconds"]

    keys = sentence_keys(sentences)
    line_articles = _counts(k for article_keys in keys.values() for k in set(article_keys))
    scored = {
        name: score(run["pairs"], run["groups"], copies, by_article, keys, line_articles, settings)
        for name, run in (("storyline", mine), ("exact", exact))
    }
    samples = {
        "between_originals_not_exact": sample_lines(
            scored["storyline"]["_originals_pairs"], keys, by_id, args.samples, args.seed
        ),
        "via_copies_roots_not_paired_nor_exact": sample_lines(
            [
                x
                for x in scored["storyline"]["_via_copies"]
                if x[1] not in {p for p, _, _ in scored["storyline"]["_originals_pairs"]}
            ],
            keys,
            by_id,
            args.samples,
            args.seed,
        ),
    }
    for s in scored.values():
        for name in ("_originals_pairs", "_via_copies"):
            s["list" + name] = [
                {"pair": list(p), "roots": list(r), "score": syn.score,
                 "shared_sentences": syn.shared_sentences} for p, r, syn in s.pop(name)
            ]  # fmt: skip
    kinds = _counts(c.kind for c in copies.values())
    return {
        "benchmark": "syndication_speed",
        "config": {
            "articles": args.articles,
            "seed": args.seed,
            "data": [str(TIMELINE17), str(args.data)],
            "naive_articles": args.naive_articles,
            "settings": settings.sources.model_dump(),
        },
        "targets": {"seconds": TIME_TARGET, "recall": RECALL_TARGET},
        "machine": {
            "cpu_count": os.cpu_count(),
            "platform": platform.platform(),
            "python": platform.python_version(),
        },
        "versions": versions("storyline", "numpy", "pydantic"),
        "git": args.git,
        "data": {
            "timeline17_articles": len(t17),
            "multinews_articles": len(multinews),
            "originals_used": n_originals,
            "copies": len(copies),
            "copies_by_kind": dict(sorted(kinds.items())),
            "copied_originals": len({c.root for c in copies.values()}),
            "articles": len(articles),
            "sentences": len(sentences),
            "eligible_sentences": eligible_count,
            "words": words,
            "prepare_seconds": prepared,
        },
        "split_seconds": split_seconds,
        "storyline": {k: v for k, v in mine.items() if k not in ("groups", "pairs")}
        | {"sentences_per_second": len(sentences) / mine["seconds"]},
        "exact": {k: v for k, v in exact.items() if k not in ("groups", "pairs")}
        | {"sentences_per_second": len(sentences) / exact["seconds"]},
        "memory": memory,
        "naive": naive,
        "group_copies_breakdown": breakdown,
        "scores": scored,
        "samples": samples,
        "total_seconds": time.perf_counter() - started,
    }


def report(data: dict[str, Any]) -> str:
    d, mine, exact, naive, mem = (
        data["data"], data["storyline"], data["exact"], data["naive"], data["memory"]
    )  # fmt: skip
    s, e = data["scores"]["storyline"], data["scores"]["exact"]

    def pct(x: float) -> str:
        return f"{x:.3f}"

    def kind(sc: dict[str, Any], name: str) -> str:
        k = sc["recall_by_kind"].get(name)
        return f"{k['recall']:.3f} ({k['found']}/{k['of']})" if k else "-"

    def rest(sc: dict[str, Any]) -> int:
        return (
            sc["between_originals"]
            - sc["between_originals_exact_duplicates"]
            - sc["between_originals_furniture_only"]
        )

    met_time = "yes" if mine["seconds"] <= TIME_TARGET else "NO"
    rows = [
        ["time, grouping sentences (s)", f"{mine['group_seconds']:.2f}",
         f"{exact['group_seconds']:.2f}", ""],
        ["time, syndicate (s)", f"{mine['syndicate_seconds']:.2f}",
         f"{exact['syndicate_seconds']:.2f}", ""],
        ["time, total (s)", f"{mine['seconds']:.2f}", f"{exact['seconds']:.2f}",
         f"<= {TIME_TARGET:g} s: {met_time}"],
        ["sentences / s", f"{mine['sentences_per_second']:,.0f}",
         f"{exact['sentences_per_second']:,.0f}", ""],
        ["pair recall of injected copies", f"{pct(s['recall'])} ({s['injected_found']}/"
         f"{s['injected']})", f"{pct(e['recall'])} ({e['injected_found']}/{e['injected']})",
         f">= {RECALL_TARGET}: {'yes' if s['recall'] >= RECALL_TARGET else 'NO'}"],
        ["  light copies", kind(s, "light"), kind(e, "light"), ""],
        ["  heavy copies (most sentences reworded)", kind(s, "heavy"), kind(e, "heavy"), ""],
        ["  partial copies", kind(s, "partial"), kind(e, "partial"), ""],
        ["  found only through chained sentences", s["injected_found_only_through_chains"],
         e["injected_found_only_through_chains"], ""],
        ["sentence recall, all copied", pct(s["sentence_recall"]), pct(e["sentence_recall"]), ""],
        ["  verbatim sentences", pct(s["sentence_recall_verbatim"]),
         pct(e["sentence_recall_verbatim"]), ""],
        ["  edited sentences", pct(s["sentence_recall_edited"]),
         pct(e["sentence_recall_edited"]), ""],
        ["sibling pairs (2 copies of 1 original)",
         f"{s['sibling_pairs_found']}/{s['sibling_pairs_possible']}",
         f"{e['sibling_pairs_found']}/{e['sibling_pairs_possible']}", ""],
        ["largest sentence group (articles in it)", s["largest_group_articles"],
         e["largest_group_articles"], ""],
        ["pairs found, not injected", s["not_injected"], e["not_injected"], ""],
        ["  passing only through chained sentences", s["not_injected_only_through_chains"],
         e["not_injected_only_through_chains"], "not copies directly"],
        ["  between originals", s["between_originals"], e["between_originals"], ""],
        ["    exact duplicates (>=50% same sentences)", s["between_originals_exact_duplicates"],
         e["between_originals_exact_duplicates"], ""],
        [f"    page furniture only (lines in {FURNITURE}+ stories)",
         s["between_originals_furniture_only"], e["between_originals_furniture_only"], ""],
        ["    other: shared story text, see sample", rest(s), rest(e), ""],
        ["  copy vs another root", s["via_copies"], e["via_copies"], ""],
        ["    roots paired or exact duplicates", s["via_copies_roots_paired_or_duplicates"],
         e["via_copies_roots_paired_or_duplicates"], ""],
        ["    page furniture only", s["via_copies_furniture_only"], e["via_copies_furniture_only"],
         ""],
    ]  # fmt: skip
    rows.append(
        [
            "peak RSS in the stage, above its start (MiB)",
            f"{mem['stage_rss_increase_mb']:,.0f}",
            "",
            f"RSS at start {mem['stage_rss_start_mb']:,.0f}",
        ]
    )
    if mem["tracemalloc_peak_mb"] is not None:
        rows.append(
            ["peak memory, tracemalloc (MiB)", f"{mem['tracemalloc_peak_mb']:,.0f}", "", ""]
        )
    if naive:
        rows.append(
            [
                f"naive all-pairs, {naive['articles']} articles (s, measured)",
                f"LSH {naive['lsh_seconds_on_subset']:.2f}",
                f"{naive['seconds']:.2f}",
                f"{naive['sentences']:,} sentences",
            ]
        )
        rows.append(
            [
                f"naive all-pairs, all {d['articles']:,} (s, EXTRAPOLATED)",
                "",
                f"{naive['extrapolated_seconds']:,.0f}",
                f"{naive['extrapolated_pairs']:.2e} pairs",
            ]
        )
        rows.append(
            [
                "  LSH recall of sentence pairs >= threshold (subset)",
                f"{naive['lsh_pair_recall']:.3f} ({naive['pairs_at_threshold_grouped_by_lsh']}/"
                f"{naive['pairs_at_threshold']})",
                "1.000 by definition",
                "missed: Jaccard <= "
                + (
                    f"{naive['lsh_missed_max_jaccard']:.2f}"
                    if naive["lsh_missed_max_jaccard"] is not None
                    else "-"
                ),
            ]
        )
    if data["group_copies_breakdown"]:
        parts = data["group_copies_breakdown"]
        for name, seconds in parts.items():
            if name != "candidate_pairs_count":
                rows.append([f"  group_copies: {name} (s)", f"{seconds:.2f}", "", ""])
        rows.append(
            ["  group_copies: candidate pairs", f"{parts['candidate_pairs_count']:,.0f}", "", ""]
        )
    machine = data["machine"]
    lines = [
        table(["measurement", "storyline (LSH)", "baseline (exact)", "target / note"], rows),
        "",
        f"data: {d['articles']:,} articles = {d['originals_used']:,} originals "
        f"({d['timeline17_articles']:,} Timeline17 + {d['multinews_articles']:,} Multi-News "
        f"available) + {d['copies']:,} injected copies "
        + ", ".join(f"{v:,} {k}" for k, v in d["copies_by_kind"].items())
        + f" of {d['copied_originals']:,} originals; {d['sentences']:,} sentences "
        f"({d['eligible_sentences']:,} of 5+ words), {d['words']:,} words",
        f"regex split + Sentence records: {data['split_seconds']:.2f} s (not in the stage time); "
        f"copies whose text resplit differently: {s['copies_resplit_differently']}",
        f"process peak RSS (whole run): {mem['process_rss_peak_mb']:,.0f} MiB"
        + (
            f"; tracemalloc pass gave the same pairs: {mem['same_pairs']}"
            if mem["same_pairs"] is not None
            else ""
        ),
        f"settings: {data['config']['settings']}",
    ]
    for name, sample in data["samples"].items():
        if sample:
            lines.append(f"sample of non-injected pairs, {name.replace('_', ' ')}:")
            for x in sample:
                lines.append(
                    f"  {x['pair'][0]} ~ {x['pair'][1]}: {x['shared_sentences']} shared, "
                    f"score {x['score']}"
                )
                lines += [f"      | {span}" for span in x["spans"]]
    if s["missed"]:
        lines.append("missed copies (first 10): " + ", ".join(s["missed"][:10]))
    if s["verbatim_missed"]:
        many = [x for x in s["verbatim_missed"] if x["articles_with_line"] > MAX_BUCKET]
        lines.append(
            f"verbatim copied lines not grouped with their original: "
            f"{len(s['verbatim_missed'])} distinct, {len(many)} of them in more than "
            f"{MAX_BUCKET} articles (copies.MAX_BUCKET drops band buckets that full); "
            + "; ".join(
                f"{x['articles_with_line']}x {x['text'][:60]!r}" for x in s["verbatim_missed"][:3]
            )
        )
    lines += [
        f"machine: {machine['cpu_count']} CPUs, {machine['platform']}, "
        f"Python {machine['python']}, "
        + ", ".join(f"{k} {v}" for k, v in data["versions"].items()),
        f"git: {data['git']}; whole run {data['total_seconds']:.0f} s",
    ]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000, help="set size (default 10000)")
    parser.add_argument("--quick", action="store_true", help="2,000 articles, 100 for naive")
    parser.add_argument("--seed", type=int, default=17, help="seed for the injected copies")
    parser.add_argument("--data", type=Path, default=MULTINEWS_CSV, help="Multi-News CSV")
    parser.add_argument(
        "--naive-articles", type=int, default=150, help="subset for naive all-pairs (0: skip)"
    )
    parser.add_argument(
        "--tracemalloc", action="store_true", help="also a traced (slow) pass for peak memory"
    )
    parser.add_argument("--samples", type=int, default=5, help="non-injected pairs to show")
    parser.add_argument(
        "--breakdown",
        action="store_true",
        help="time group_copies' steps (shingles, signatures, candidate pairs) in a second pass",
    )
    parser.add_argument("--out", default=None, help="JSON name under benchmarks/out/")
    args = parser.parse_args()
    if args.quick:
        args.articles, args.naive_articles = 2_000, min(args.naive_articles, 100)
    args.git = git_state()
    data = run(args)
    name = args.out or ("syndication_speed" + ("-quick" if args.quick else ""))
    path = write_json(name, data)
    print(report(data))
    print(f"results: {path}")


if __name__ == "__main__":
    main()
