"""Remove page furniture from a saved news page, by the shape of each line.

Text saved from the web carries more than the report: teaser links, loading
placeholders, photo captions and credits, reading-time lines, the headline or
standfirst printed again, pull quotes, navigation words. They would pollute
the summary and the counts, so they go; but every dropped line is kept in
`removed` with its reason, so a user can check nothing of the report was lost.

Rules look at a line's shape (a credit in brackets at its end, a date and
nothing else, a few words without a full stop), its position (before the
first paragraph of prose, after the last) and repetition (a line that repeats
the headline, an earlier line, or sits inside a longer paragraph). None of them
knows any particular article or outlet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from storyline.ingest.metadata import parse_date_line, split_dateline
from storyline.model import Dateline, RemovedLine
from storyline.text import ends_like_sentence, fold, word_count


@dataclass(frozen=True)
class Unit:
    """A paragraph candidate: one line of the input (or a joined block of wrapped lines)."""

    line: int
    text: str


@dataclass
class Cleaned:
    paragraphs: list[Unit]
    removed: list[RemovedLine]
    dated: date | None = None  # the first date line, if any
    dated_line: int | None = None
    notes: list[str] = field(default_factory=list)
    dateline: Dateline | None = None  # where and when the report was filed
    comment_thread: bool = False  # the page is readers' comments and nothing of a report


def _anyof(*words: str) -> str:
    return "(?:" + "|".join(words) + ")"


# news and photo agencies, as credits and datelines name them (the places stage reads them too:
# "SANA", "Xinhua" name no place)
AGENCIES = (
    "afp",
    "reuters",
    "ap",
    "associated press",
    "getty",
    "getty images",
    "epa",
    "epa-efe",
    "efe",
    "anadolu",
    "anadolu agency",
    "aa",
    "xinhua",
    "sana",
    "tass",
    "shutterstock",
    "alamy",
    "handout",
    "pool",
    "nurphoto",
    "sopa images",
    "zuma",
    "dpa",
    "ansa",
    "upi",
)
_AGENCY = _anyof(*AGENCIES)
_CREDIT_WORD = _anyof(
    "photo",
    "photos",
    "photograph",
    "image",
    "images",
    "picture",
    "pictures",
    "file",
    "archive",
    "credit",
    "handout",
    "via",
    "courtesy",
    "illustration",
    "video",
    "screenshot",
)

# Whole-line patterns: (reason, regex). Case-insensitive; a line must match entirely.
_LINE_RULES: list[tuple[str, re.Pattern[str]]] = [
    (
        "teaser link",
        re.compile(
            r"^(?:read more|read also|also read|see also|related|more|watch|listen|recommended"
            r"|further reading|more on this(?: story)?|related (?:article|story|content|coverage)"
            r"|must read|don't miss)\s*[:|–—-]\s*\S.*$",
            re.I,
        ),
    ),
    (
        "loading placeholder",
        re.compile(r"^(?:loading|please wait|loading (?:comments|video|content))\W*$", re.I),
    ),
    (
        "reading time",
        re.compile(
            r"^(?:(?:estimated )?(?:reading|read|listening) time\s*:?\s*)?"
            r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s*-?\s*"
            r"(?:min|mins|minute|minutes)\.?(?:\s+(?:read|reading|listen)(?:\s+time)?)?$",
            re.I,
        ),
    ),
    (
        "page label",
        re.compile(
            r"^(?:advertisements?|sponsored(?: content)?|live|live story|live updates|live blog"
            r"|breaking|breaking news|share|share this(?: article| story)?|tweet|email|print"
            r"|\d* ?comments?|skip to (?:main )?content|skip advertisement|back to top|menu|home"
            r"|continue reading|story continues below(?: advertisement)?|show more"
            r"|view comments|most read|most popular|trending(?: now)?|related articles"
            r"|related stories|more stories|you may also like|newsletter|subscribe|sign up"
            r"|listen to this article|top stories|latest news|editor's picks?)\W*$",
            re.I,
        ),
    ),
    (
        "photo credit",
        re.compile(
            rf"^[\[(]?(?:{_CREDIT_WORD}\s*(?:by|:)?\s*)*{_AGENCY}"
            rf"(?:\s*[/|,-]?\s*(?:{_CREDIT_WORD}|{_AGENCY}))*[\])]?\.?$",
            re.I,
        ),
    ),
    (
        "photo credit",
        re.compile(rf"^[\[(]?{_CREDIT_WORD}\s*(?:by|:)\s*[^.!?]{{1,60}}[\])]?$", re.I),
    ),
    ("copyright line", re.compile(r"^(?:©|\(c\)|copyright\b).{0,120}$", re.I)),
    ("copyright line", re.compile(r"^all rights reserved\W*$", re.I)),
    (
        "agency credit line",
        re.compile(r"^(?:additional )?(?:reporting|writing|editing) by\b.{0,160}$", re.I),
    ),
    (
        "byline",
        re.compile(r"^(?:by|words by|written by)\s+\S+(?:\s+\S+){0,6}$", re.I),
    ),
    (
        "promotion",
        re.compile(
            r"^(?:sign up|subscribe|follow us|join our|download (?:our|the) app|click here"
            r"|get the latest|follow (?:\S+ ){1,4}on (?:twitter|facebook|instagram|x|telegram))"
            r"[^.!?]{0,120}[.!?]?$",
            re.I,
        ),
    ),
]

_CAPTION_START = re.compile(
    r"^(?:in this (?:undated |handout |file |aerial )*(?:photo|picture|image|photograph)"
    r"|file (?:photo|picture|image)\b|(?:photo|image|picture|caption|pictured)\s*:"
    r"|an? (?:file |handout )?(?:photo|picture|image) (?:shows|taken))",
    re.I,
)
_CAPTION_CREDIT_END = re.compile(
    rf"[\[(][^\])]{{0,60}}\b(?:{_AGENCY}|{_CREDIT_WORD})\b[^\])]{{0,40}}[\])]\.?$", re.I
)

SHORT_LINE_WORDS = 4  # a line this short without a full stop is a label, not prose
PULL_QUOTE_MIN_WORDS = 5  # shorter lines may be headings that happen to recur in the text


def _is_prose(text: str) -> bool:
    return ends_like_sentence(text) or word_count(text) > 12


_ATTRIBUTION = re.compile(r"\b(?:said|says|told|according to|reported|stated|added)\b|[\"“”]", re.I)


def _reads_like_caption(text: str) -> bool:
    """A line above a credit is its caption if it is short and describes rather than
    reports: a paragraph of the report attributes ("said", "told") or quotes."""
    return word_count(text) <= 40 and not _ATTRIBUTION.search(text)


def _line_reason(text: str) -> str | None:
    for reason, pattern in _LINE_RULES:
        if pattern.match(text):
            return reason
    if _CAPTION_START.match(text) or (_CAPTION_CREDIT_END.search(text) and word_count(text) <= 60):
        return "photo caption"
    return None


def clean_units(
    units: list[Unit], title: str | None = None, title_line: int | None = None
) -> Cleaned:
    """Split units into kept paragraphs and removed furniture, each removal with its reason.

    `title` is the headline (already taken out of the units, or kept at `title_line`
    when it doubles as the first sentence); lines repeating it are dropped.
    """
    reasons: dict[int, str] = {}
    dated: date | None = None
    dated_line: int | None = None

    for i, unit in enumerate(units):
        reason = _line_reason(unit.text)
        if reason is None:
            found = parse_date_line(unit.text)
            if found is not None:
                reason = "date line"
                if dated is None:
                    dated, dated_line = found, unit.line
        if reason is not None:
            reasons[i] = reason
            # The line a credit stands under is the picture's caption.
            if (
                reason == "photo credit"
                and i > 0
                and (i - 1) not in reasons
                and _reads_like_caption(units[i - 1].text)
            ):
                reasons[i - 1] = "photo caption (above a credit line)"

    thread = _mark_comments(units, reasons)
    _mark_repeats(units, reasons, title, title_line)
    _mark_pull_quotes(units, reasons)
    _mark_edges(units, reasons)

    kept = [u for i, u in enumerate(units) if i not in reasons]
    removed = [
        RemovedLine(line=u.line, text=u.text, reason=reasons[i])
        for i, u in enumerate(units)
        if i in reasons
    ]
    # a dateline opening the first paragraph is metadata, not text
    opening = split_dateline(kept[0].text) if kept else None
    dateline = None
    if opening is not None:
        dateline, end = opening
        removed.append(RemovedLine(line=kept[0].line, text=dateline.text, reason="dateline"))
        kept[0] = Unit(line=kept[0].line, text=kept[0].text[end:])
        if dated is None and dateline.year and dateline.month and dateline.day:
            dated, dated_line = date(dateline.year, dateline.month, dateline.day), kept[0].line
    return Cleaned(
        paragraphs=kept, removed=removed, dated=dated, dated_line=dated_line, dateline=dateline,
        comment_thread=thread,
    )  # fmt: skip


def _mark_comments(units: list[Unit], reasons: dict[int, str]) -> bool:
    """Readers' comments after a report go, every line of them; a page that is only a
    thread (under REPORT_WORDS words before it) keeps its lines and says so (True): it is
    then set aside whole as not a report."""
    from storyline.ingest.pages import REPORT_WORDS, comment_thread

    start = comment_thread([u.text for u in units])
    if start is None:
        return False
    if sum(word_count(u.text) for u in units[:start] if _is_prose(u.text)) < REPORT_WORDS:
        return True
    for i in range(start, len(units)):
        reasons.setdefault(i, "readers' comments after the report")
    return False


def _mark_repeats(
    units: list[Unit], reasons: dict[int, str], title: str | None, title_line: int | None
) -> None:
    """A line printed twice (headline, standfirst, caption) keeps only its first copy."""
    title_key = fold(title) if title else None
    first_seen: dict[str, int] = {}
    for i, unit in enumerate(units):
        key = fold(unit.text)
        if not key:
            reasons.setdefault(i, "no words")
            continue
        if title_key and key == title_key and unit.line != title_line:
            reasons.setdefault(i, "repeats the headline")
        elif key in first_seen:
            j = first_seen[key]
            earlier = units[j].line
            why = f"repeats line {earlier}"
            if j in reasons:
                why += f", a {reasons[j]}" if reasons[j].startswith("photo") else f" ({reasons[j]})"
            reasons.setdefault(i, why)
        else:
            first_seen[key] = i


def _mark_pull_quotes(units: list[Unit], reasons: dict[int, str]) -> None:
    """A line whose words all stand, in order, inside a longer kept paragraph is a
    pull quote or a repeated standfirst: the paragraph keeps them."""
    kept = [(i, f" {fold(u.text)} ") for i, u in enumerate(units) if i not in reasons]
    for i, key in kept:
        if word_count(key) < PULL_QUOTE_MIN_WORDS:
            continue
        for j, other in kept:
            if j != i and j not in reasons and len(other) > len(key) and key in other:
                reasons[i] = f"pull quote repeating line {units[j].line}"
                break


def _mark_edges(units: list[Unit], reasons: dict[int, str]) -> None:
    """Short lines without a full stop before the first paragraph of prose are section
    labels; after the last one, navigation or tags. Between paragraphs they are
    subheadings and stay."""
    open_ = [i for i in range(len(units)) if i not in reasons]
    prose = [i for i in open_ if _is_prose(units[i].text)]
    if not prose:
        return
    for i in open_:
        if i >= prose[0]:
            break
        if word_count(units[i].text) <= SHORT_LINE_WORDS:
            reasons[i] = "section label before the report"
    for i in reversed(open_):
        if i <= prose[-1]:
            break
        if not ends_like_sentence(units[i].text):
            reasons[i] = "navigation or tags after the report"


def is_heading(text: str) -> bool:
    """A subheading: a short line that does not end like a sentence."""
    return not ends_like_sentence(text) and word_count(text) <= 14
