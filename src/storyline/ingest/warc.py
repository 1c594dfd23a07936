"""Web archives (WARC, as Common Crawl and crawlers write them, plain or gzipped).

Each HTTP response of an HTML page (status 200) is a report, read as a saved page (the
same extraction and cleaning) with its URL (WARC-Target-URI). Its date is the page's own:
the capture date says when the page was crawled, not when the report was published.
Other responses (images, scripts, redirects, errors) are passed over and counted in one
warning (S062); requests, metadata and warcinfo records hold no page and are not counted.
"""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Any

from storyline.errors import Errors, StorylineError
from storyline.ingest.readers import read_html
from storyline.model import Article, Skipped

_HTML = ("text/html", "application/xhtml+xml")


def read_warc(
    data: bytes, *, stem: str, source: str, max_bytes: int, skipped: list[Skipped]
) -> Iterator[Article]:
    """The archive's HTML pages (ids `<stem>-<n>`, n counting its responses); a page with
    no article is skipped with its code. Raises S060 for an archive that cannot be read
    and S061 for one holding no HTML page."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    other: Counter[str] = Counter()
    pages = 0
    try:
        for n, record in enumerate(_responses(ArchiveIterator(io.BytesIO(data))), 1):
            headers = record.http_headers
            status = headers.get_statuscode() if headers else None
            kind = (headers.get_header("Content-Type") or "") if headers else ""
            kind = kind.split(";")[0].strip().lower()
            if status != "200":
                other[f"status {status}"] += 1
                continue
            if kind not in _HTML:
                other[kind or "untyped"] += 1
                continue
            pages += 1
            url = record.rec_headers.get_header("WARC-Target-URI")
            where = f"{source}#{n}"
            body = record.content_stream().read(max_bytes + 1)
            try:
                if len(body) > max_bytes:
                    raise StorylineError(Errors.S002, path=where,
                                         reason=f"larger than {max_bytes} bytes")  # fmt: skip
                yield read_html(body, id=f"{stem}-{n}", source=where, url=url)
            except StorylineError as error:
                skipped.append(Skipped(source=where, code=error.code.name, message=error.message))
    except ArchiveLoadFailed as error:
        raise StorylineError(Errors.S060, path=source, kind="web archive",
                             reason=str(error)) from None  # fmt: skip
    if other:
        kinds = ", ".join(f"{count} {kind}" for kind, count in sorted(other.items()))
        warning = StorylineError(Errors.S062, path=source, count=sum(other.values()), kinds=kinds)
        skipped.append(Skipped(source=source, code=warning.code.name, message=warning.message))
    if not pages:
        raise StorylineError(Errors.S061, path=source, kind="web archive")


def _responses(records: Iterable[Any]) -> Iterator[Any]:
    for record in records:
        if record.rec_type == "response":
            yield record
