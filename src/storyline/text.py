"""Text helpers every stage shares: line normalising, comparison keys, word counts,
paragraph spans, sentence lookup by offset, span overlap, TF-IDF, and the small English
lexicons (months, weekdays, number words).

It sits below every stage (it imports only the model), so no stage has to import from
a stage that runs after it to reuse one of these.
"""

from __future__ import annotations

import bisect
import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Generic, TypeVar

import numpy as np
from scipy import sparse

from storyline.model import Article, ParsedArticle, Sentence, Tense

T = TypeVar("T")

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {
    "monday": 1, "tuesday": 2, "wednesday": 3, "thursday": 4, "friday": 5,
    "saturday": 6, "sunday": 7,
}  # fmt: skip
NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100,
    "a couple of": 2, "a dozen": 12, "half a": 0.5, "a half": 0.5,
}  # fmt: skip

# ---------------------------------------------------------------- lines and words

# Characters that look like spaces or are invisible in saved web text.
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_line(line: str) -> str:
    """NFC, one plain space for any run of spaces, no invisible or control characters."""
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE.sub("", line)
    line = _CONTROL.sub(" ", line)
    return _SPACES.sub(" ", line).strip()


def split_lines(text: str) -> list[tuple[int, str]]:
    """Normalised lines with their 1-based line numbers; blank lines kept as ''."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return [(number, normalise_line(raw)) for number, raw in enumerate(text.split("\n"), 1)]


_TERMINAL = re.compile(r"""[.!?…]["'”’»)\]]*$""")


def ends_like_sentence(text: str) -> bool:
    """Whether text ends the way a sentence of prose does (full stop, ?, ! and quotes)."""
    return bool(_TERMINAL.search(text))


def word_count(text: str) -> int:
    """Whitespace-separated words: the unit of every length setting (summary words...)."""
    return len(text.split())


_WORDS = re.compile(r"\w+")


def fold(text: str) -> str:
    """A comparison key: case-folded words and numbers only, so punctuation and quote
    style do not hide a repeat."""
    if text.isascii():  # the same result, without decomposing character by character
        return " ".join(_WORDS.findall(text.lower()))
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", stripped))


# A sentence that opens by leaning on the one before it ("He said", "However, ...") reads
# badly out of its place: the summary and the timeline mark it down by this factor.
DANGLING = re.compile(
    r"^(?:he|she|it|they|this|these|those|that|his|her|its|their|him|them|but|and|so|or"
    r"|however|meanwhile|also|still|yet|similarly|instead|then|there|here|such|both"
    r"|in addition|in return|as a result|at the time)\b",
    re.I,
)
DANGLING_PENALTY = 0.6

# ---------------------------------------------------------------- paragraphs and sentences

_PARAGRAPH_BREAK = re.compile(r"\n\s*\n")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph of a cleaned text; paragraphs are split by blank lines."""
    spans = []
    position = 0
    for brk in _PARAGRAPH_BREAK.finditer(text):
        spans.append((position, brk.start()))
        position = brk.end()
    spans.append((position, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def paragraph_breaks(text: str, start: int, end: int) -> Iterator[re.Match[str]]:
    """The paragraph breaks (blank lines) between two offsets of a text."""
    return _PARAGRAPH_BREAK.finditer(text, start, end)


class SentenceIndex:
    """The sentences of one article, found by offset through bisection (reports run long)."""

    def __init__(self, parsed: ParsedArticle) -> None:
        self.sentences = parsed.sentences
        self.starts = [s.start for s in parsed.sentences]

    def at(self, offset: int) -> Sentence | None:
        """The sentence holding a character offset, None between sentences."""
        i = bisect.bisect_right(self.starts, offset) - 1
        if i < 0 or offset >= self.sentences[i].end:
            return None
        return self.sentences[i]

    def tense(self, start: int, end: int) -> Tense | None:
        """The tense of the innermost clause holding a span, None outside any clause."""
        sentence = self.at(start)
        if sentence is None:
            return None
        if not sentence.clauses and not sentence.text.rstrip().endswith((".", "!", "?")):
            return "present"  # a headline without a verb form: "Talks resume Monday"
        inside = [c for c in sentence.clauses if c.start <= start and end <= c.end]
        return min(inside, key=lambda c: c.end - c.start).tense if inside else None


class Spans(Generic[T]):
    """Character spans of one text, each with a value, asked which of them overlap a span.

    Queries cost a bisection plus the spans that start within the longest span's length
    before the asked one, so asking about every name of a long report stays linear in
    its length (a scan over all earlier spans would make it quadratic). Spans come back
    in the order they were added.
    """

    def __init__(self, spans: Iterable[tuple[int, int, T]] = ()) -> None:
        self._keys: list[tuple[int, int, int]] = []  # (start, end, order added)
        self._values: list[T] = []
        self._longest = 0
        for start, end, value in spans:
            self._keys.append((start, end, len(self._values)))
            self._values.append(value)
            self._longest = max(self._longest, end - start)
        self._keys.sort()

    def add(self, start: int, end: int, value: T) -> None:
        bisect.insort(self._keys, (start, end, len(self._values)))
        self._values.append(value)
        self._longest = max(self._longest, end - start)

    def overlapping(self, start: int, end: int) -> list[tuple[int, int, T]]:
        """The spans that share at least one character with [start, end), in the order
        they were added."""
        i = bisect.bisect_left(self._keys, (end,))  # the spans starting before `end`
        floor = start - self._longest
        found: list[tuple[int, int, int]] = []
        while i > 0:
            i -= 1
            s, e, n = self._keys[i]
            if s < floor:
                break
            if s < end and start < e:
                found.append((n, s, e))
        return [(s, e, self._values[n]) for n, s, e in sorted(found)]

    def free(self, start: int, end: int) -> bool:
        """Whether no span overlaps [start, end)."""
        return not self.overlapping(start, end)

    def covered(self, start: int, end: int) -> int:
        """How many characters of [start, end) the spans cover (each span counted)."""
        return sum(min(e, end) - max(s, start) for s, e, _ in self.overlapping(start, end))


# ---------------------------------------------------------------- vectors


def tfidf(term_lists: list[list[str]]) -> sparse.csr_matrix:
    """L2-normalised TF-IDF rows (sublinear tf, smoothed idf over these rows)."""
    vocab: dict[str, int] = {}
    rows, cols, vals = [], [], []
    for r, terms in enumerate(term_lists):
        for term, count in Counter(terms).items():
            rows.append(r)
            cols.append(vocab.setdefault(term, len(vocab)))
            vals.append(1.0 + math.log(count))
    shape = (len(term_lists), max(len(vocab), 1))
    matrix = sparse.csr_matrix((vals, (rows, cols)), shape=shape, dtype=np.float64)
    df = np.bincount(matrix.indices, minlength=shape[1])
    idf = np.log((1 + shape[0]) / (1 + df)) + 1.0
    matrix = matrix.multiply(idf).tocsr()
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sparse.csr_matrix(matrix.multiply(1.0 / norms[:, None]))


# words that name an outlet's edition or medium, not another outlet ("BBC News", "Al
# Jazeera English", "Andean Wire Service"), dropped from the end of its name
_OUTLET_TAIL = {"news", "online", "english", "international", "digital", "tv", "television",
                "network", "website", "service", "com"}  # fmt: skip
# labels of a host name that say where, not who ("www.bbc.co.uk", "edition.cnn.com")
_HOST_HEAD = {"www", "m", "mobile", "amp", "edition", "en", "english", "news"}
_HOST_TAIL = {"com", "org", "net", "gov", "edu", "info", "co", "ac", "news", "int"}
# a leading article ("The Guardian", "Le Monde" and "Monde" are one outlet; "Al" of an
# Arabic name is part of it)
_ARTICLE = re.compile(r"^(?:(?:the|le|la|les|el|los|las|der|die|das)\s+|l['’](?=\w))", re.I)
_HOST = re.compile(r"^(?:https?://)?([a-z0-9-]+(?:\.[a-z0-9-]+)+)/?$", re.I)


def outlet_key(outlet: str | None) -> str | None:
    """An outlet's name as a key: case, a leading "The", spacing and punctuation set
    aside, and the words of an edition or medium at its end ("BBC News", "bbc.co.uk" and
    "BBC" are one key; "Al Jazeera English" and "aljazeera.net" another). Two outlets
    that share a key are counted as one source: an error that way only counts fewer
    sources confirming a claim."""
    if not outlet or not outlet.strip():
        return None
    host = _HOST.match(outlet.strip())
    if host:
        labels = host.group(1).casefold().split(".")
        while len(labels) > 1 and labels[0] in _HOST_HEAD:
            labels = labels[1:]
        while len(labels) > 1 and (labels[-1] in _HOST_TAIL or len(labels[-1]) == 2):
            labels = labels[:-1]
        return labels[-1].replace("-", "") or None
    words = _ARTICLE.sub("", outlet.strip()).casefold()
    words_list = [w for w in re.split(r"[^\w]+", words) if w]
    while len(words_list) > 1 and words_list[-1] in _OUTLET_TAIL:
        words_list = words_list[:-1]
    return "".join(words_list) or None


def one_source(
    articles: Sequence[Article], copies: Iterable[tuple[str, str]]
) -> list[list[Article]]:
    """The articles as independent sources: those `copies` joins (a copy and what it
    copies) are one, and so are the reports of one outlet (a paper saying a thing twice is
    not two sources confirming it); every other article is its own. In the articles'
    order, each source's articles too."""
    parent = {a.id: a.id for a in articles}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    first: dict[str, str] = {}  # an outlet's key -> its first report
    joined = [(x, y) for x, y in copies if x in parent and y in parent]
    for article in articles:
        key = outlet_key(article.outlet)
        if key is not None:
            joined.append((first.setdefault(key, article.id), article.id))
    for x, y in joined:
        a, b = find(x), find(y)
        if a != b:
            parent[b] = a
    members: dict[str, list[Article]] = {}
    for article in articles:
        members.setdefault(find(article.id), []).append(article)
    return list(members.values())
