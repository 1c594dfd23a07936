"""PDF and Word (DOCX) reports: NGO and UN situation reports come as these.

PDF (pypdf): the text of each page in reading order. Lines a page layout adds are
furniture: a line that heads or foots most pages (the report's running title, a
"Situation Report No. 4" header, a footer) and page numbers ("3", "Page 3 of 9",
"- 3 -") are removed with their reason. The lines left are joined into paragraphs: a
line runs on into the next unless it ends a sentence short of the page's usual width, or
is itself short and unpunctuated (a heading); a word hyphenated across lines is rejoined.
A PDF whose pages hold no text is a scan (S059).

DOCX (python-docx): a paragraph a unit; the first paragraph styled Title (or Heading 1)
is the headline; the document's properties give title and author when set.

Neither file's creation date is taken for the report's date: a document is often made
long after what it reports (printed to PDF, saved from a template), and a wrong date is
worse than none; the date line or the text dates it, as for any report.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from typing import Any

from storyline.errors import Errors, StorylineError
from storyline.ingest.clean import Unit
from storyline.ingest.readers import build_article, byline_names
from storyline.model import Article, RemovedLine
from storyline.text import ends_like_sentence, normalise_line

_PAGE_NUMBER = re.compile(r"^(?:page\s+)?[-–—\s]*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-–—\s]*$", re.I)
_EDGE = 2  # lines at the top and at the bottom of a page that may be its header or footer
_GENERATED_TITLE = re.compile(r"^(?:microsoft word - |untitled)|\.(?:docx?|pdf|odt)$", re.I)
MIN_TEXT = 20  # characters a PDF's pages must hold for it to have a text layer


def read_pdf(data: bytes, *, id: str, source: str) -> Article:
    """A PDF report. Raises S060 when it cannot be read (broken, encrypted) and S059 when
    its pages hold no text."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise StorylineError(Errors.S060, path=source, kind="PDF", reason="it is encrypted")
        pages = [_page_text(page) for page in reader.pages]
        info = reader.metadata
    except StorylineError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as error:
        raise StorylineError(Errors.S060, path=source, kind="PDF", reason=str(error)) from None
    if sum(len(p.strip()) for p in pages) < MIN_TEXT:
        raise StorylineError(Errors.S059, path=source)
    units, removed = pdf_units(pages)
    title = _title(info.title if info else None)
    authors = byline_names(str(info.author)) if info and info.author else []
    return build_article(id=id, source=source, units=units, title=title, outlet=None,
                         published=None, extra_removed=removed, authors=authors)  # fmt: skip


PARAGRAPH_GAP = 1.4  # a gap between lines this many times the usual one ends a paragraph


def _page_text(page: Any) -> str:
    """The page's lines in reading order, with an empty line where the gap above a line is
    wider than the page's usual line spacing (a paragraph's spacing)."""
    lines: list[tuple[float, str]] = []  # (height of the line on the page, its text)
    current: list[str] = []
    top: list[float] = []  # the height of the line being read, once it has text

    def finish() -> None:
        if current:
            lines.append((top[0], "".join(current)))
        current.clear()
        top.clear()

    def visit(text: str, cm: list[float], tm: list[float], *_: object) -> None:
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        for k, part in enumerate(text.split("\n")):
            if k:
                finish()
            if part:
                top[:] = top or [y]
                current.append(part)

    plain = page.extract_text(visitor_text=visit) or ""
    finish()
    if not lines:
        return plain
    gaps = [a - b for (a, _), (b, _) in zip(lines, lines[1:], strict=False) if a - b > 0]
    usual = sorted(gaps)[len(gaps) // 2] if gaps else 0.0
    out = [lines[0][1]]
    for (above, _), (y, text) in zip(lines, lines[1:], strict=False):
        if usual and above - y > PARAGRAPH_GAP * usual:
            out.append("")
        out.append(text)
    return "\n".join(out)


def pdf_units(pages: list[str]) -> tuple[list[Unit], list[RemovedLine]]:
    """Paragraph units of the pages' text, and the layout's lines removed (numbered as
    lines of the pages one after another)."""
    numbered: list[list[tuple[int, str]]] = []
    number = 0
    for page in pages:
        lines: list[tuple[int, str]] = []
        for raw in page.splitlines():
            number += 1
            line = normalise_line(raw)
            if line or (lines and lines[-1][1]):
                lines.append((number, line))  # an empty line: a paragraph's spacing
        numbered.append(lines)
    running = _running_lines(numbered)
    removed: list[RemovedLine] = []
    kept: list[tuple[int, str]] = []
    for lines in numbered:
        for k, (n, line) in enumerate(lines):
            edge = k < _EDGE or k >= len(lines) - _EDGE
            if not line:
                kept.append((n, line))
            elif edge and _PAGE_NUMBER.match(line):
                removed.append(RemovedLine(line=n, text=line, reason="page number"))
            elif edge and _shape(line) in running:
                removed.append(RemovedLine(line=n, text=line, reason="page header or footer"))
            else:
                kept.append((n, line))
    return _paragraphs(kept), removed


def _shape(line: str) -> str:
    """A line with its digits blanked: "Report No. 4 - page 2" heads every page alike."""
    return re.sub(r"\d+", "#", line.lower())


def _running_lines(pages: list[list[tuple[int, str]]]) -> set[str]:
    """Lines (by shape) at the top or bottom of at least half the pages, of two or more."""
    if len(pages) < 2:
        return set()
    seen: Counter[str] = Counter()
    for lines in pages:
        edges = lines[:_EDGE] + lines[-_EDGE:]
        seen.update({_shape(line) for _, line in edges})
    return {shape for shape, count in seen.items() if count >= max(2, (len(pages) + 1) // 2)}


def _paragraphs(lines: list[tuple[int, str]]) -> list[Unit]:
    lines = [(n, line) for k, (n, line) in enumerate(lines) if line or 0 < k < len(lines) - 1]
    if not lines:
        return []
    widths = sorted(len(line) for _, line in lines if line)
    full = widths[int(0.9 * (len(widths) - 1))]  # the page's usual full line
    units: list[Unit] = []
    start, text = lines[0]
    for (_, before), (n, line) in zip(lines, lines[1:], strict=False):
        if not line:
            continue
        short = len(before) < 0.8 * full
        ends = ends_like_sentence(before)
        heading = short and not ends and not before.endswith((",", ";", ":", "-"))
        if not before or (ends and short) or heading or _is_heading_line(line, full):
            if text:
                units.append(Unit(start, text))
            start, text = n, line
        elif text.endswith("-") and line[:1].islower():
            text = text[:-1] + line  # a word hyphenated across the line break
        else:
            text = f"{text} {line}"
    if text:
        units.append(Unit(start, text))
    return units


def _is_heading_line(line: str, full: int) -> bool:
    """A short line in capitals or title case with no sentence end: a heading starts."""
    words = line.split()
    return (
        len(line) < 0.6 * full
        and len(words) <= 10
        and not ends_like_sentence(line)
        and sum(w[:1].isupper() for w in words) >= max(1, int(0.7 * len(words)))
    )


def _title(value: object) -> str | None:
    text = normalise_line(str(value)) if value else ""
    return text if text and not _GENERATED_TITLE.search(text) else None


def read_docx(data: bytes, *, id: str, source: str) -> Article:
    """A Word report. Raises S060 when it is not a readable Word document."""
    import zipfile

    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as error:
        reason = str(error) or "not a Word document"
        raise StorylineError(Errors.S060, path=source, kind="Word document",
                             reason=reason) from None  # fmt: skip
    props = document.core_properties
    title = _title(props.title)
    units: list[Unit] = []
    for n, paragraph in enumerate(document.paragraphs, 1):
        text = normalise_line(paragraph.text)
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        if title is None and not units and style in ("Title", "Heading 1"):
            title = text
            continue
        units.append(Unit(n, text))
    authors = byline_names(props.author) if props.author else []
    return build_article(id=id, source=source, units=units, title=title, outlet=None,
                         published=None, authors=authors)  # fmt: skip
