"""What kind of file a report came in: by its content first, then by its name.

A feed saved as `.txt`, a PDF without a suffix or a web archive named `.gz` is read for
what it is, and a file is judged the same way whether it was named on the command line
or found in a folder. Content is recognised from the first bytes (HEAD of them):

- pdf: `%PDF-`; docx: a zip whose first entries are an Office package's;
- warc: `WARC/1.`, plain or gzipped (each record its own gzip member, as crawlers write);
- feed: an XML document whose root is `<rss>`, `<feed>` (Atom) or `<rdf:RDF>` (RSS 1.0);
- mbox: a `From sender date` line first; eml: a block of mail headers first (two or more of
  From, To, Subject, Date, Message-ID, MIME-Version, Received);
- html: a doctype, `<html>` or `<body>` near the top.

Anything else is known by its suffix (.txt, .json, .jsonl, ...); a file with neither a
known content nor a known suffix is unsupported (S006), except a file with no suffix at
all, which is read as text.
"""

from __future__ import annotations

import re
import zlib
from pathlib import Path
from typing import Literal

Kind = Literal["text", "html", "json", "jsonl", "feed", "pdf", "docx", "eml", "mbox", "warc"]

HEAD = 4096  # bytes looked at

SUFFIXES: dict[str, Kind] = {
    ".txt": "text", ".text": "text", ".md": "text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed",
    ".pdf": "pdf", ".docx": "docx", ".eml": "eml", ".mbox": "mbox", ".warc": "warc",
}  # fmt: skip

_FEED_ROOT = re.compile(rb"^(?:<\?xml[^>]*>|<!--.*?-->|<!DOCTYPE[^>]*>|\s)*<(rss|feed|rdf:RDF)\b",
                        re.S | re.I)  # fmt: skip
_MBOX_FROM = re.compile(rb"^From \S+ +\w{3} +\w{3} +\d{1,2} +\d\d:\d\d(?::\d\d)? ")
_HEADER = re.compile(rb"^([A-Za-z][A-Za-z0-9-]*):[ \t]")
_MAIL_HEADERS = {b"from", b"to", b"subject", b"date", b"message-id", b"mime-version",
                 b"received", b"return-path", b"delivered-to"}  # fmt: skip


def suffix_of(path: Path) -> str:
    """The suffix that names the kind: `.warc` of `crawl.warc.gz`, else the last one."""
    suffixes = [s.lower() for s in path.suffixes]
    if suffixes[-2:] == [".warc", ".gz"]:
        return ".warc"
    return path.suffix.lower()


def by_content(head: bytes) -> Kind | None:
    """The kind the first bytes show, or None."""
    head = head[:HEAD]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if b"%PDF-" in head[:1024]:
        return "pdf"
    if head.startswith(b"PK\x03\x04"):
        return "docx" if b"[Content_Types].xml" in head or b"word/" in head else None
    if head.startswith(b"WARC/1."):
        return "warc"
    if head.startswith(b"\x1f\x8b"):
        try:
            opened = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return None
        return "warc" if opened.startswith(b"WARC/1.") else None
    start = head.lstrip()
    if _FEED_ROOT.match(start):
        return "feed"
    if _MBOX_FROM.match(start):
        return "mbox"
    if _is_mail(start):
        return "eml"
    low = start[:2048].lower()
    if low.startswith((b"<!doctype html", b"<html")) or b"<body" in low:
        return "html"
    return None


def _is_mail(head: bytes) -> bool:
    found: set[bytes] = set()
    for line in head.split(b"\n"):
        line = line.rstrip(b"\r")
        if not line:
            break  # the headers end at the first blank line
        if line[:1] in (b" ", b"\t"):
            continue  # a folded header's continuation
        header = _HEADER.match(line)
        if header is None:
            return False  # prose before any blank line: not a message
        found.add(header[1].lower())
    return len(found & _MAIL_HEADERS) >= 2


def kind_of(path: Path, head: bytes) -> Kind | None:
    """The file's kind by its content, else its suffix; a file with no suffix is text;
    None: not a kind storyline reads."""
    found = by_content(head)
    if found is not None:
        return found
    suffix = suffix_of(path)
    if suffix in SUFFIXES:
        return SUFFIXES[suffix]
    return "text" if not suffix else None
