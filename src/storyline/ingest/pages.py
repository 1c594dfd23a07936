"""Pages that are not reports, told by their own shape: a notice about the site itself
(a crawl or archive notice, a newsletter or app prompt, a collection's description), a
list of headlines (a station's teasers, an index page) and a thread of readers' comments
(`comment_thread`: the cleaner cuts one off a report, and a page that is only a thread is
set aside).

A notice addresses the reader or describes the site: a short page (under NOTICE_WORDS
words) in which words of the web itself (site, crawl, archive, tweet, newsletter,
browser, sign up, ...) are at least WEB_SHARE of the words, that reports nothing: no
reporting verb ("said", "told", "according to") and no day of the week. A list of
headlines is a page of LIST_LINES or more paragraphs most of which (LIST_SHARE) are short
lines that end no sentence. Both are set aside: kept with their reason, read for nothing.
A report about the web ("Twitter said on Tuesday ...") reports, and is kept; so is any
page the rules are unsure of (precision first: a report set aside is lost to the reader).
"""

from __future__ import annotations

import re

from storyline.text import ends_like_sentence

NOTICE_WORDS = 150
WEB_SHARE = 0.06
LIST_LINES = 6
LIST_SHARE = 0.7
HEADLINE_WORDS = 14

_WEB = re.compile(
    r"\b(?:web(?:site|page)?s?|site|pages?|crawl(?:s|ed|ing)?|archiv(?:e|es|ed|ing)|internet|"
    r"wayback|online|tweets?|twitter|facebook|newsfeed|newsletters?|e-?mails?|subscri(?:be|ption)|"
    r"sign(?:ed)? (?:up|in)|log(?:ged)? ?in|account|browser|cookies?|javascript|apps?|"
    r"applications?|download|click|links?|url|domains?|captures?|collections?|data|"
    r"privacy|terms of (?:use|service)|settings|location information)\b",
    re.I,
)
_REPORTS = re.compile(
    r"\b(?:said|says|told|tells|announced|reports?|reported|according to|confirmed|stated)\b",
    re.I,
)
_WEEKDAY = re.compile(r"\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.I)
_WORD = re.compile(r"\w+(?:['’]\w+)?")


def not_a_report(title: str | None, text: str) -> str | None:
    """Why the page is not a report, or None when it may be one."""
    words = _WORD.findall(text)
    if not words:
        return None
    if (
        len(words) < NOTICE_WORDS
        and len(_WEB.findall(text)) >= WEB_SHARE * len(words)
        and not _REPORTS.search(text)
        and not _WEEKDAY.search(text)
    ):
        return "a notice about the website or service, not a report"
    paragraphs = [p.strip() for p in text.split("\n\n") if p.strip()]
    if len(paragraphs) >= LIST_LINES:
        headlines = sum(
            len(_WORD.findall(p)) <= HEADLINE_WORDS and not ends_like_sentence(p)
            for p in paragraphs
        )
        if headlines >= LIST_SHARE * len(paragraphs):
            return "a list of headlines or links, not a report"
    return None


# A comment thread: readers' posts under a report, or a page that is nothing else. Told by
# the furniture between the posts: "3 hours ago", "Reply · Like · 12", "Jane says:", a
# "@handle" alone, "Comments (24)" / "Load more comments". The thread starts at a furniture
# line from which on at least THREAD_MARKS lines are furniture, at least THREAD_ACTIONS of
# them times or actions (a "said:" line opens quotes in reports too), and furniture is at
# least THREAD_SHARE of the lines.
THREAD_MARKS = 4
THREAD_ACTIONS = 2
THREAD_SHARE = 0.2
FURNITURE_WORDS = 10
THREAD = "a thread of readers' comments, not a report"
REPORT_WORDS = 40  # prose before a thread under which the page is only the thread (two sentences)

_AGO = re.compile(
    r"\b(?:\d+|an?|one)\s*(?:seconds?|minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wks?|"
    r"months?|years?|yrs?)\s+ago\b|\bjust now\b|^(?:posted|edited)\b.*\b\d{1,2}:\d{2}\s*[ap]\.?m\b",
    re.I,
)
_ACTION = re.compile(
    r"(?:\d+\s*)?(?:reply|replies|like|likes|liked|share|report|report abuse|flag|permalink|"
    r"quote|upvotes?|downvotes?|votes?|points|edit|delete|view \d+ repl(?:y|ies)|"
    r"show (?:more )?repl(?:y|ies)|hide repl(?:y|ies))(?:\s*\(\d+\))?",
    re.I,
)
_COUNT = re.compile(r"[\d,.\s]+")
_AUTHOR = re.compile(
    r"^(?:@\w{2,30}|[\w.'’\- ]{1,40}\s(?:says|wrote|commented|replied)\b.{0,40}:)$", re.I
)
_THREAD_HEADER = re.compile(
    r"^(?:\d+\s+)?(?:reader\s+)?comments?(?:\s*\(\d+\))?$|^(?:leave|post|add|write) a "
    r"(?:comment|reply)|^join the (?:discussion|conversation)|^sort by\b|^load more comments|"
    r"^show more comments|^comments (?:are|have been) closed|^\d+ (?:comments|replies)$",
    re.I,
)


def _furniture(line: str) -> str | None:
    """ "time", "action", "author" or "header" for a line of thread furniture, else None."""
    line = line.strip()
    words = _WORD.findall(line)
    if not line or len(words) > FURNITURE_WORDS:
        return None
    if _THREAD_HEADER.search(line):
        return "header"
    if _AGO.search(line):
        return "time"
    parts = [p for p in re.split(r"\s*[·•|]\s*", line) if p and not _COUNT.fullmatch(p)]
    if parts and all(_ACTION.fullmatch(p) for p in parts):
        return "action"
    if _AUTHOR.match(line):
        return "author"
    return None


def comment_thread(lines: list[str]) -> int | None:
    """The index of the line where a comment thread starts, or None: the first furniture
    line from which on the thread's marks hold (see THREAD_MARKS)."""
    kinds = [_furniture(line) for line in lines]
    marks = actions = 0
    start = None
    for i in range(len(lines) - 1, -1, -1):  # suffix counts, so the scan is linear
        kind = kinds[i]
        if kind is None:
            continue
        marks += 1
        actions += kind in ("time", "action")
        if (
            marks >= THREAD_MARKS
            and actions >= THREAD_ACTIONS
            and marks >= THREAD_SHARE * (len(lines) - i)
        ):
            start = i
    return start
