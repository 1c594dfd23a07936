"""Readers: bytes from a file, record or URL in, cleaned `Article` out.

Every reader goes through the same two steps: turn the input into paragraph
units (plain lines, or trafilatura's extraction of a web page), then remove
furniture with `clean_units`. Bad input raises `StorylineError` naming the
input; the caller turns it into a one-line warning and goes on.
"""

from __future__ import annotations

import codecs
import contextlib
import hashlib
import http.client
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
import zlib
from datetime import date
from typing import IO, Any

from storyline.errors import Errors, StorylineError
from storyline.ingest.clean import Cleaned, Unit, _line_reason, clean_units
from storyline.ingest.metadata import parse_metadata_date
from storyline.model import Article, PublishedBasis, RemovedLine
from storyline.text import ends_like_sentence, normalise_line, split_lines, word_count

TITLE_MAX_WORDS = 25  # a longer first line is a paragraph, not a headline
USER_AGENT = "storyline/0.1 (+offline news briefing tool)"


# ---------------------------------------------------------------- decoding


def decode(data: bytes, source: str, declared: str | None = None) -> str:
    """Bytes to text: a BOM, else UTF-8, else the encoding the page declares.

    Raises S004 for binary data and S005 for text in no encoding we can trust;
    guessing an encoding would silently garble names, which is worse.
    """
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise StorylineError(Errors.S005, path=source) from None
    if b"\x00" in data[:8192]:
        raise StorylineError(Errors.S004, path=source)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if declared:
        try:
            return data.decode(declared)
        except (UnicodeDecodeError, LookupError):
            pass
    raise StorylineError(Errors.S005, path=source)


_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    found = _META_CHARSET.search(data[:4096])
    return found.group(1).decode("ascii", "replace") if found else None


# ---------------------------------------------------------------- paragraphs


def units_from_text(text: str) -> list[Unit]:
    """Paragraph units from plain text.

    Saved web text puts one paragraph on a line; e-mail or wire text wraps
    paragraphs at a fixed width. A block (lines between blank lines) whose lines
    are all of similar width and mostly run on without a full stop is wrapped
    prose and is joined; otherwise each line is a unit.
    """
    units: list[Unit] = []
    block: list[tuple[int, str]] = []
    for number, line in [*split_lines(text), (0, "")]:
        if line:
            block.append((number, line))
            continue
        if block:
            units.extend(_block_units(block))
            block = []
    return units


def _block_units(block: list[tuple[int, str]]) -> list[Unit]:
    if len(block) >= 3:
        widths = [len(line) for _, line in block[:-1]]
        run_on = sum(not ends_like_sentence(line) for _, line in block[:-1])
        if min(widths) >= 40 and max(widths) <= 100 and run_on * 2 > len(widths):
            return [Unit(block[0][0], " ".join(line for _, line in block))]
    return [Unit(number, line) for number, line in block]


_BLOCK_END = re.compile(
    r"<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|tr|section|article|pre|dd|dt)\s*>", re.I
)


def html_units(fragment: str) -> list[Unit]:
    """Paragraph units of a piece of HTML too small for page extraction (a feed item's
    summary, a mail's HTML part when extraction finds no article): a unit per block."""
    import lxml.html

    marked = _BLOCK_END.sub(lambda m: m[0] + "\n\n", fragment)
    try:
        root = lxml.html.fragment_fromstring(marked, create_parent="div")
    except (ValueError, lxml.etree.ParserError):
        return []
    for dropped in root.xpath("//script|//style"):
        dropped.drop_tree()
    return units_from_text(root.text_content())


_BYLINE = re.compile(r"^(?:by|words by|written by)\s+", re.I)
_NAME_SPLIT = re.compile(r"\s*(?:;|,| and | & )\s*")


def byline_names(text: str) -> list[str]:
    """The names of a byline or author field: "By Jo Ray and Sam Lee" -> [Jo Ray, Sam Lee];
    an e-mail address or an agency after the names is no author ("Jo Ray, Reuters" keeps
    Jo Ray: a one-word part in capitals or a known agency is left out)."""
    from storyline.ingest.clean import AGENCIES

    names = []
    for part in _NAME_SPLIT.split(_BYLINE.sub("", text.strip())):
        part = re.sub(r"\S+@\S+|[()<>]", " ", part).strip(" .")
        part = " ".join(part.split())
        if not part or part.lower() in AGENCIES or part.isupper() or not part[0].isupper():
            continue
        if part not in names:
            names.append(part)
    return names


# ---------------------------------------------------------------- building articles


def build_article(
    *,
    id: str,
    source: str,
    units: list[Unit],
    title: str | None,
    outlet: str | None,
    published: date | None,
    url: str | None = None,
    extra_removed: list[RemovedLine] | None = None,
    authors: list[str] | None = None,
) -> Article:
    """Clean the units and assemble the Article; the title is the first line if none given.
    The authors are those given, else the names of a byline line the cleaner removed.

    Raises S003 when nothing of the report is left.
    """
    removed = list(extra_removed or [])
    title_line: int | None = None
    if title is None:
        # Furniture before the headline ("Loading...", a section label) is not the headline.
        while units and _line_reason(units[0].text):
            removed.append(
                RemovedLine(line=units[0].line, text=units[0].text, reason="before the headline")
            )
            units = units[1:]
        if not units:
            raise StorylineError(Errors.S003, path=source)
        first = units[0]
        if word_count(first.text) > TITLE_MAX_WORDS:
            title = None  # a paragraph of prose: the report has no headline line
        else:
            title = first.text
            if (ends_like_sentence(first.text) and word_count(first.text) >= 8) or len(units) == 1:
                # a lede sentence serving as headline, or a report that is one line (a wire
                # alert, an event snippet): keep it as text, the report is that line
                title_line = first.line
            else:
                units = units[1:]
    cleaned: Cleaned = clean_units(units, title=title, title_line=title_line)
    text = "\n\n".join(p.text for p in cleaned.paragraphs)
    if not text.strip():
        raise StorylineError(Errors.S003, path=source)
    basis: PublishedBasis = "metadata" if published else "unknown"
    if published is None and cleaned.dated is not None:
        published, basis = cleaned.dated, "text"
    from storyline.ingest.pages import THREAD, not_a_report
    from storyline.languages import identify

    if not authors:
        bylines = [r.text for r in cleaned.removed if r.reason == "byline"]
        authors = byline_names(bylines[0]) if bylines else []
    return Article(
        id=id,
        source=source,
        title=title,
        outlet=outlet,
        published=published,
        published_basis=basis,
        text=text,
        removed=sorted([*removed, *cleaned.removed], key=lambda r: r.line),
        url=url,
        dateline=cleaned.dateline,
        authors=authors,
        language=identify(f"{title or ''}\n{text}"),
        not_report=THREAD if cleaned.comment_thread else not_a_report(title, text),
    )


def read_text(data: bytes, *, id: str, source: str) -> Article:
    """A .txt report: first non-empty line the headline, one paragraph a line."""
    text = decode(data, source)
    return build_article(
        id=id, source=source, units=units_from_text(text), title=None, outlet=None, published=None
    )


# A page with more tags than this is refused: extraction takes ~40 µs a tag (10 s here),
# and article pages hold a few thousand.
MAX_TAGS = 250_000
# A tag with more attributes than this loses them all: libxml2 checks each attribute against
# the tag's others, so a tag of 50,000 attributes takes minutes to parse; no page needs so
# many, and the extractor reads the text, not the attributes.
MAX_ATTRIBUTES = 256
_LONG_TAG = re.compile(r"<([A-Za-z][\w:.-]*)(\s[^<>]{2000,})>")


def tame_tags(html: str) -> str:
    """The page with the attributes of any tag holding more than MAX_ATTRIBUTES removed (in
    time linear in the page)."""

    def tamed(tag: re.Match[str]) -> str:
        return f"<{tag[1]}>" if tag[2].count("=") > MAX_ATTRIBUTES else tag[0]

    return _LONG_TAG.sub(tamed, html)


def _year_start_is_real(found: date, html: str) -> bool:
    """htmldate takes a bare "© 2021" footer for 1 January 2021; believe a year-start date
    only when the page spells that day out."""
    year = found.year
    spelled = (f"{year}-01-01", f"January 1, {year}", f"1 January {year}", f"Jan 1, {year}")
    return any(s.lower() in html.lower() for s in spelled)


def read_html(
    data: bytes | str,
    *,
    id: str,
    source: str,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: date | None = None,
    authors: list[str] | None = None,
) -> Article:
    """A web page: trafilatura extracts text and metadata, then our cleaner runs on its lines.

    trafilatura drops navigation and boilerplate markup, but keeps in-text teasers,
    captions and the repeated headline, which `clean_units` removes.
    """
    import trafilatura  # slow to import; only pages need it

    html = data if isinstance(data, str) else decode(data, source, declared_charset(data))
    tags = html.count("<")
    if tags > MAX_TAGS:
        raise StorylineError(Errors.S017, path=source, tags=tags, limit=MAX_TAGS)
    html = tame_tags(html)
    try:
        doc = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            favor_precision=True,
            include_comments=False,
            include_tables=False,
        )
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        raise StorylineError(Errors.S010, path=source) from exc
    fields: dict[str, Any] = {}
    if isinstance(doc, dict):
        fields = doc
    elif doc is not None:
        fields = doc.as_dict()
    body = fields.get("text") or ""
    if not body.strip():
        raise StorylineError(Errors.S010, path=source)
    page_title = title or (normalise_line(fields["title"]) if fields.get("title") else None)
    if published is None and fields.get("date"):
        found = parse_metadata_date(fields["date"])
        if found and (found.month, found.day) == (1, 1) and not _year_start_is_real(found, html):
            found = None
        published = found
    return build_article(
        id=id,
        source=source,
        units=units_from_text(body),
        title=page_title,
        outlet=outlet or fields.get("sitename") or fields.get("hostname"),
        published=published,
        url=url or fields.get("url"),
        authors=authors or byline_names(fields.get("author") or ""),
    )


_FIELDS = ("id", "title", "text", "html", "url", "published", "outlet", "author")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _kind(value: object) -> str:
    return {dict: "an object", list: "a list", bool: "true or false", type(None): "null"}.get(
        type(value), "a number" if isinstance(value, int | float) else type(value).__name__
    )


def record_fields(record: dict[str, Any], *, source: str, line: int | None) -> dict[str, str]:
    """The record's known fields as text, blank ones left out. An id may be a number; every
    other field must be a string. Raises S015 for a field of another type and S016 for a
    string holding a lone surrogate (JSON's "\\ud800" escape, which no text can encode)."""
    fields: dict[str, str] = {}
    for name in _FIELDS:
        value = record.get(name)
        if value is None:
            continue
        if name == "id" and isinstance(value, int) and not isinstance(value, bool):
            value = str(value)
        if not isinstance(value, str):
            expected = "a string or a number" if name == "id" else "a string"
            raise StorylineError(Errors.S015, path=source, line=line, field=name,
                                 expected=expected, kind=_kind(value))  # fmt: skip
        if bad := _SURROGATE.search(value):
            raise StorylineError(Errors.S016, path=source, line=line, field=name,
                                 hex=f"{ord(bad[0]):04x}")  # fmt: skip
        if value.strip():
            fields[name] = value
    return fields


def read_record(record: object, *, default_id: str, source: str, line: int | None) -> Article:
    """A JSON record `{id, title, text|html, url, published, outlet, author}` (authors
    "Jo Ray; Sam Lee")."""
    if not isinstance(record, dict):
        raise StorylineError(Errors.S009, path=source, line=line, kind=type(record).__name__)
    fields = record_fields(record, source=source, line=line)
    rid = fields.get("id", default_id)
    where = f"{source}#{rid}"
    title = normalise_line(fields["title"]) if "title" in fields else None
    outlet = fields.get("outlet")
    url = fields.get("url")
    published = parse_metadata_date(fields.get("published"))
    authors = byline_names(fields.get("author", ""))
    if "html" in fields:
        return read_html(
            fields["html"],
            id=rid,
            source=where,
            url=url,
            title=title,
            outlet=outlet,
            published=published,
            authors=authors,
        )
    if "text" not in fields:
        raise StorylineError(Errors.S008, path=source, line=line)
    return build_article(
        id=rid,
        source=where,
        units=units_from_text(fields["text"]),
        title=title,
        outlet=outlet,
        published=published,
        url=url,
        authors=authors,
    )


def url_id(url: str) -> str:
    """A short, stable id for an article read from a URL."""
    return "url-" + hashlib.sha1(url.encode("utf-8")).hexdigest()[:10]


class _Deadline:
    """The sockets of one fetch, shut when its overall time is up: a server that trickles
    its headers or body a byte at a time never trips the per-read timeout."""

    def __init__(self, seconds: float) -> None:
        self.sockets: list[socket.socket] = []
        self.expired = False
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        self.expired = True
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    def handlers(self) -> list[urllib.request.BaseHandler]:
        deadline = self

        def tracked(base: type[http.client.HTTPConnection]) -> type[http.client.HTTPConnection]:
            class Connection(base):  # type: ignore[valid-type,misc]
                def connect(self) -> None:
                    super().connect()
                    deadline.sockets.append(self.sock)
                    if deadline.expired:
                        self.sock.shutdown(socket.SHUT_RDWR)

            return Connection

        class HTTP(urllib.request.HTTPHandler):
            def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
                return self.do_open(tracked(http.client.HTTPConnection), req)

        class HTTPS(urllib.request.HTTPSHandler):
            def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
                return self.do_open(tracked(http.client.HTTPSConnection), req)

        return [HTTP(), HTTPS(), _WebOnlyRedirects()]


class _WebOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects to http(s) only (urllib's own also follows ftp://)."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: http.client.HTTPMessage,
        newurl: str,
    ) -> urllib.request.Request | None:
        if not is_web_url(urllib.parse.urljoin(req.full_url, newurl)):
            raise StorylineError(
                Errors.S011, path=req.full_url, reason=f"redirected to {newurl}, not http(s)"
            )
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def is_web_url(text: str) -> bool:
    """Whether the text is an http(s) URL, the scheme in any case ("HTTP://")."""
    return text[:8].lower().startswith(("http://", "https://"))


def _decoded(body: bytes, encoding: str, url: str, max_bytes: int) -> bytes:
    """The body without its gzip or deflate content encoding, never over `max_bytes`
    (a small compressed answer can unpack to gigabytes)."""
    if encoding in ("", "identity"):
        return body
    if encoding not in ("gzip", "x-gzip", "deflate"):
        raise StorylineError(Errors.S011, path=url, reason=f"unknown content encoding {encoding}")
    windows = (16 + zlib.MAX_WBITS,) if "gzip" in encoding else (zlib.MAX_WBITS, -zlib.MAX_WBITS)
    for window in windows:  # deflate comes with a zlib header or, from some servers, raw
        unpack = zlib.decompressobj(window)
        try:
            plain = unpack.decompress(body, max_bytes + 1)
        except zlib.error:
            continue
        if len(plain) > max_bytes or unpack.unconsumed_tail:
            raise StorylineError(Errors.S012, path=url, limit=max_bytes)
        return plain
    raise StorylineError(Errors.S011, path=url, reason=f"the {encoding} answer does not unpack")


def fetch_url(url: str, *, timeout: float, max_bytes: int) -> tuple[bytes, str]:
    """GET a page with a timeout per read, an overall deadline (four times the timeout), a
    size cap and redirects to http(s) only; returns (body, content type). Every transport
    or protocol failure is S011."""
    with _Deadline(4 * timeout) as deadline:
        try:
            request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
            opener = urllib.request.build_opener(*deadline.handlers())
            with opener.open(request, timeout=timeout) as response:
                kind = response.headers.get_content_type() or ""
                encoding = (response.headers.get("Content-Encoding") or "").strip().lower()
                body = response.read(max_bytes + 1)
        except urllib.error.HTTPError as exc:
            raise StorylineError(
                Errors.S011, path=url, reason=f"HTTP {exc.code} {exc.reason}"
            ) from None
        except (urllib.error.URLError, http.client.HTTPException, OSError, ValueError) as exc:
            if deadline.expired:
                reason = f"no complete answer within {4 * timeout:g} s"
            else:
                reason = str(getattr(exc, "reason", None) or exc) or type(exc).__name__
            raise StorylineError(Errors.S011, path=url, reason=reason) from None
    if deadline.expired:  # the socket was shut mid-body: what came is cut short
        raise StorylineError(
            Errors.S011, path=url, reason=f"no complete answer within {4 * timeout:g} s"
        )
    if len(body) > max_bytes:
        raise StorylineError(Errors.S012, path=url, limit=max_bytes)
    return _decoded(body, encoding, url, max_bytes), kind


def read_url(url: str, *, timeout: float, max_bytes: int) -> Article:
    body, kind = fetch_url(url, timeout=timeout, max_bytes=max_bytes)
    if kind in ("text/html", "application/xhtml+xml", ""):
        return read_html(body, id=url_id(url), source=url, url=url)
    if kind == "text/plain":
        article = read_text(body, id=url_id(url), source=url)
        return article.model_copy(update={"url": url})
    raise StorylineError(Errors.S013, path=url, kind=kind)
