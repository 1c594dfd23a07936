"""Ingest: files, folders, JSON records and URLs in; cleaned Articles and skips out.

I/O happens here and nowhere else upstream of rendering. An input that cannot
be read becomes a `Skipped` record with a coded reason; the others are still
read, so one bad file never costs the user the whole briefing.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import Errors, StorylineError
from storyline.ingest.readers import read_html, read_record, read_text, read_url
from storyline.model import Article, Skipped
from storyline.settings import IngestSettings

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | HTML_SUFFIXES | JSON_SUFFIXES

__all__ = ["IngestResult", "read_inputs", "expand_inputs"]


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _skip(error: StorylineError, source: str) -> Skipped:
    return Skipped(
        source=error.path or source, code=error.code.name, message=error.message, line=error.line
    )


def is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def expand_inputs(inputs: list[str]) -> tuple[list[str], list[Skipped]]:
    """Files and URLs to read, in a stable order: folders expand to their supported files,
    sorted by path. Hidden files are passed over; other unsupported files are reported."""
    found: list[str] = []
    skipped: list[Skipped] = []
    for item in inputs:
        if is_url(item):
            found.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if any(part.startswith(".") for part in child.relative_to(path).parts):
                    continue
                if child.suffix.lower() in SUPPORTED:
                    found.append(str(child))
                else:
                    error = StorylineError(Errors.S006, path=str(child), suffix=child.suffix)
                    skipped.append(_skip(error, str(child)))
        elif path.exists():
            found.append(item)
        else:
            skipped.append(_skip(StorylineError(Errors.S001, path=item), item))
    return found, skipped


def read_inputs(inputs: list[str], *, settings: IngestSettings) -> IngestResult:
    """Read every input; return the articles and, for each input that failed, why."""
    result = IngestResult()
    sources, result.skipped = expand_inputs(inputs)
    for source in sources:
        try:
            for article in _read_one(source, settings, result.skipped):
                result.articles.append(article)
        except StorylineError as error:
            result.skipped.append(_skip(error, source))
    result.articles = _unique_ids(result.articles)
    return result


def _read_one(source: str, settings: IngestSettings, skipped: list[Skipped]) -> Iterator[Article]:
    if is_url(source):
        yield read_url(source, timeout=settings.url_timeout, max_bytes=settings.url_max_bytes)
        return
    path = Path(source)
    try:
        if path.stat().st_size > settings.file_max_bytes:
            raise StorylineError(
                Errors.S002, path=source, reason=f"larger than {settings.file_max_bytes} bytes"
            )
        data = path.read_bytes()
    except OSError as exc:
        raise StorylineError(Errors.S002, path=source, reason=exc.strerror or str(exc)) from None
    suffix = path.suffix.lower()
    if not data.strip():
        raise StorylineError(Errors.S003, path=source)
    if suffix in JSON_SUFFIXES:
        yield from _read_json(data, path, skipped)
    elif suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(data)):
        yield read_html(data, id=path.stem, source=source)
    else:
        yield read_text(data, id=path.stem, source=source)


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _read_json(data: bytes, path: Path, skipped: list[Skipped]) -> Iterator[Article]:
    """`.json`: one record or an array of records. `.jsonl`: a record a line; a bad line is
    skipped with its line number and the others are still read."""
    from storyline.ingest.readers import decode

    source = str(path)
    text = decode(data, source)
    if path.suffix.lower() == ".json":
        try:
            loaded = json.loads(text)
        except json.JSONDecodeError as exc:
            raise StorylineError(
                Errors.S007, path=source, line=exc.lineno, reason=exc.msg
            ) from None
        records = loaded if isinstance(loaded, list) else [loaded]
        for n, record in enumerate(records, 1):
            try:
                yield read_record(record, default_id=f"{path.stem}-{n}", source=source, line=None)
            except StorylineError as error:
                skipped.append(_skip(error, source))
        return
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            yield read_record(
                record, default_id=f"{path.stem}-{number}", source=source, line=number
            )
        except json.JSONDecodeError as exc:
            bad_json = StorylineError(Errors.S007, path=source, line=number, reason=exc.msg)
            skipped.append(_skip(bad_json, source))
        except StorylineError as error:
            skipped.append(_skip(error, source))


def _unique_ids(articles: list[Article]) -> list[Article]:
    """Two inputs with one stem (a/report.txt, b/report.txt) get report, report-2."""
    taken: set[str] = set()
    unique = []
    for article in articles:
        new_id, count = article.id, 1
        while new_id in taken:
            count += 1
            new_id = f"{article.id}-{count}"
        taken.add(new_id)
        unique.append(
            article if new_id == article.id else article.model_copy(update={"id": new_id})
        )
    return unique
