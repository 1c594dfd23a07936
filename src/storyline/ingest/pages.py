"""Pages that are not reports, told by their own shape: a notice about the site itself
(a crawl or archive notice, a newsletter or app prompt, a collection's description) and
a list of headlines (a station's teasers, an index page).

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
