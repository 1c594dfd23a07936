"""E-mail: a message (.eml) or a mailbox of them (.mbox), as newsletters and alerts come.

The subject is the headline, the Date header the date, the sender's display name (or its
domain) the outlet. The body is the HTML part read as a web page (the same extraction
and cleaning as a saved page), else the plain-text part; an HTML part with no article
the extractor can find (a short alert) is read block by block. Header lines never reach
the text: a briefing is not headed "From: desk@example.org".
"""

from __future__ import annotations

import email
import email.policy
import email.utils
import re
from collections.abc import Iterator
from datetime import date
from email.message import EmailMessage

from storyline.errors import Errors, StorylineError
from storyline.ingest.readers import build_article, decode, html_units, read_html, units_from_text
from storyline.model import Article, Skipped
from storyline.text import normalise_line

_FROM_LINE = re.compile(rb"^From \S+ .*$", re.M)


def read_eml(data: bytes, *, id: str, source: str) -> Article:
    """One message. Raises S003 when it has no text."""
    message = email.message_from_bytes(data, policy=email.policy.default)
    if not isinstance(message, EmailMessage):
        raise StorylineError(Errors.S060, path=source, kind="e-mail", reason="not a message")
    return _article(message, id=id, source=source)


def read_mbox(data: bytes, *, stem: str, source: str, skipped: list[Skipped]) -> Iterator[Article]:
    """Each message of a mailbox (ids `<stem>-<n>`); one without text is skipped (S003)
    and the others are read. Raises S061 for a mailbox with no message."""
    starts = [m.start() for m in _FROM_LINE.finditer(data) if m.start() == 0
              or data[m.start() - 1 : m.start()] == b"\n"]  # fmt: skip
    if not starts:
        raise StorylineError(Errors.S061, path=source, kind="mailbox")
    for n, (a, b) in enumerate(zip(starts, [*starts[1:], len(data)], strict=True), 1):
        chunk = data[a:b]
        body = chunk[chunk.find(b"\n") + 1 :]  # the From_ line is the mailbox's, not a header
        body = re.sub(rb"(?m)^>(>*From )", rb"\1", body)  # mboxrd's escaped From lines
        where = f"{source}#{n}"
        try:
            yield read_eml(body, id=f"{stem}-{n}", source=where)
        except StorylineError as error:
            skipped.append(Skipped(source=where, code=error.code.name, message=error.message))


def _article(message: EmailMessage, *, id: str, source: str) -> Article:
    title = normalise_line(str(message.get("subject") or "")) or None
    published = _day(message.get("date"))
    outlet = _sender(message.get("from"))
    body = message.get_body(preferencelist=("html", "plain"))
    if body is None:
        raise StorylineError(Errors.S003, path=source)
    try:
        content = body.get_content()
    except (LookupError, ValueError):  # an unknown charset or a broken transfer encoding
        payload = body.get_payload(decode=True)
        content = decode(payload if isinstance(payload, bytes) else b"", source)
    if isinstance(content, bytes):
        content = decode(content, source)
    if body.get_content_subtype() == "html":
        try:
            return read_html(content, id=id, source=source, title=title, outlet=outlet,
                             published=published)  # fmt: skip
        except StorylineError as error:
            if error.code is not Errors.S010:
                raise
        units = html_units(content)
    else:
        units = units_from_text(content)
    return build_article(id=id, source=source, units=units, title=title, outlet=outlet,
                         published=published)  # fmt: skip


def _sender(value: object) -> str | None:
    if not value:
        return None
    name, address = email.utils.parseaddr(str(value))
    return normalise_line(name) or (address.rpartition("@")[2] or None)


def _day(value: object) -> date | None:
    if not value:
        return None
    try:
        return email.utils.parsedate_to_datetime(str(value)).date()
    except (TypeError, ValueError, IndexError):
        return None
