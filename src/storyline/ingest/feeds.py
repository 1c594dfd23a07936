"""RSS 0.9x, 1.0, 2.0 and Atom feeds: each item a report.

feedparser reads the feed from its bytes (never from the network: it is given no URL).
An item's report is its content, else its summary (HTML made paragraphs), with its
title, link, date and authors; the feed's title is the outlet. With `follow_links`, each
item's page is fetched through the bounded URL reader and briefed instead, the feed's
title, date and authors filling what the page lacks; a page that cannot be fetched is
reported (S011...) and the item's own text is used.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from datetime import date
from typing import Any

from storyline.errors import Errors, StorylineError
from storyline.ingest.readers import build_article, byline_names, html_units, read_url
from storyline.model import Article, Skipped
from storyline.settings import IngestSettings
from storyline.text import normalise_line


def read_feed(
    data: bytes, *, stem: str, source: str, settings: IngestSettings, skipped: list[Skipped]
) -> Iterator[Article]:
    """The feed's items as Articles (ids `<stem>-<n>`); an item with no text is skipped
    with S003 and the others are read. Raises S060 for a feed that cannot be parsed and
    S061 for one without items."""
    import feedparser

    parsed: Any = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            reason = str(parsed.get("bozo_exception") or "not a feed")
            raise StorylineError(Errors.S060, path=source, kind="feed", reason=reason)
        raise StorylineError(Errors.S061, path=source, kind="feed")
    outlet = normalise_line(parsed.feed.get("title") or "") or None
    for n, entry in enumerate(parsed.entries, 1):
        where = f"{source}#{n}"
        title = normalise_line(entry.get("title") or "") or None
        link = entry.get("link") or None
        published = _day(entry.get("published_parsed") or entry.get("updated_parsed"))
        authors = _authors(entry)
        if settings.follow_links and link:
            try:
                page = read_url(link, timeout=settings.url_timeout,
                                max_bytes=settings.url_max_bytes)  # fmt: skip
            except StorylineError as error:
                skipped.append(Skipped(source=where, code=error.code.name, message=error.message))
            else:
                yield page.model_copy(update={
                    "id": f"{stem}-{n}",
                    "title": page.title or title,
                    "outlet": page.outlet or outlet,
                    "published": page.published or published,
                    "published_basis": "metadata" if page.published or published else "unknown",
                    "authors": page.authors or authors,
                })  # fmt: skip
                continue
        body = _body(entry)
        try:
            yield build_article(id=f"{stem}-{n}", source=where, units=html_units(body),
                                title=title, outlet=outlet, published=published, url=link,
                                authors=authors)  # fmt: skip
        except StorylineError as error:
            skipped.append(Skipped(source=where, code=error.code.name, message=error.message))


def _body(entry: Any) -> str:
    """The item's fullest text: its content (Atom content, RSS content:encoded), else its
    summary or description."""
    contents = [c.get("value") or "" for c in entry.get("content") or []]
    longest = max(contents, key=len, default="")
    summary = entry.get("summary") or ""
    return longest if len(longest) >= len(summary) else summary


def _authors(entry: Any) -> list[str]:
    names: list[str] = []
    for author in entry.get("authors") or []:
        for name in byline_names(author.get("name") or ""):
            if name not in names:
                names.append(name)
    if not names and entry.get("author"):
        names = byline_names(entry["author"])
    return names


def _day(parsed: time.struct_time | None) -> date | None:
    if parsed is None:
        return None
    try:
        return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday)
    except ValueError:
        return None
