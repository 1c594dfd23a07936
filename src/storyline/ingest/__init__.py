"""Ingest: files, folders, JSON records and URLs in; cleaned Articles and skips out.

I/O happens here and nowhere else upstream of rendering. An input that cannot
be read becomes a `Skipped` record with a coded reason; the others are still
read, so one bad file never costs the user the whole briefing.
"""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from storyline.errors import Errors, StorylineError
from storyline.ingest.readers import is_web_url, read_html, read_record, read_text, read_url
from storyline.ingest.sniff import HEAD, SUFFIXES, kind_of, suffix_of
from storyline.model import Article, Skipped
from storyline.settings import IngestSettings

__all__ = ["IngestResult", "expand_inputs", "read_inputs", "read_source", "unique_ids"]


@dataclass
class IngestResult:
    articles: list[Article] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def _skip(error: StorylineError, source: str) -> Skipped:
    return Skipped(
        source=error.path or source, code=error.code.name, message=error.message, line=error.line
    )


def expand_inputs(inputs: list[str]) -> tuple[list[str], list[Skipped]]:
    """Files and URLs to read, in a stable order: folders expand to their supported files,
    sorted by path. Everything left out is reported: an unsupported file, a FIFO, device or
    socket, a subfolder that cannot be listed, a hidden file or folder (whose contents are
    not listed one by one)."""
    found: list[str] = []
    skipped: list[Skipped] = []
    for item in inputs:
        if is_web_url(item):
            found.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            files, unreadable = _walk(path)
            skipped.extend(unreadable)
            for child in files:
                kind = _not_regular(child)
                if kind is not None:
                    skipped.append(_skip(StorylineError(Errors.S014, path=str(child), kind=kind),
                                         str(child)))  # fmt: skip
                elif suffix_of(child) in SUFFIXES or _readable_kind(child):
                    found.append(str(child))
                else:
                    error = StorylineError(Errors.S006, path=str(child), suffix=child.suffix)
                    skipped.append(_skip(error, str(child)))
        elif path.exists():
            found.append(item)
        else:
            skipped.append(_skip(StorylineError(Errors.S001, path=item), item))
    return found, skipped


def _readable_kind(path: Path) -> bool:
    """Whether a file of a suffix storyline does not know holds a kind it reads (a feed
    saved as .xml, a PDF without a suffix): judged by its first bytes, as `_read_one`
    judges a file named directly. A file that cannot be opened is read to say why."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD)
    except OSError:
        return True
    return kind_of(path, head) is not None


def _walk(folder: Path) -> tuple[list[Path], list[Skipped]]:
    """The entries of a folder tree that are not folders, sorted, hidden ones left out; and
    as skips, the subfolders that could not be listed (S002) and the hidden entries (S018).
    Symbolic links to folders are not followed (a link loop cannot hang the walk)."""
    files: list[Path] = []
    unreadable: list[Skipped] = []

    def failed(error: OSError) -> None:
        where = str(error.filename or folder)
        reason = error.strerror or str(error)
        unreadable.append(_skip(StorylineError(Errors.S002, path=where, reason=reason), where))

    for root, dirs, names in os.walk(folder, onerror=failed):
        for hidden in sorted(n for n in (*dirs, *names) if n.startswith(".")):
            where = str(Path(root, hidden))
            unreadable.append(_skip(StorylineError(Errors.S018, path=where), where))
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        files.extend(Path(root, n) for n in names if not n.startswith("."))
    return sorted(files), unreadable


_KINDS = ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))  # fmt: skip


def _not_regular(path: Path) -> str | None:
    """What the path is when it is not a regular file (following links); None when it is,
    or when it cannot be examined (reading it will then say why)."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    return next((kind for test, kind in _KINDS if test(mode)), "not a file")


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file, reading at most `limit` + 1 of them whatever `stat` says
    (files under /proc report size 0). Raises S014 for a FIFO, device or socket (reading
    one could block forever or never end) and S002 past the limit or on an OS error."""
    source = str(path)
    kind = _not_regular(path)
    if kind is not None:
        raise StorylineError(Errors.S014, path=source, kind=kind)
    try:
        with path.open("rb") as handle:
            data = handle.read(limit + 1)
    except OSError as exc:
        raise StorylineError(Errors.S002, path=source, reason=exc.strerror or str(exc)) from None
    if len(data) > limit:
        raise StorylineError(Errors.S002, path=source, reason=f"larger than {limit} bytes")
    return data


def read_inputs(inputs: list[str], *, settings: IngestSettings) -> IngestResult:
    """Read every input; return the articles and, for each input that failed, why."""
    result = IngestResult()
    sources, result.skipped = expand_inputs(inputs)
    for source in sources:
        articles, skipped = read_source(source, settings)
        result.articles += articles
        result.skipped += skipped
    result.articles = unique_ids(result.articles)
    return result


def read_source(source: str, settings: IngestSettings) -> tuple[list[Article], list[Skipped]]:
    """One file or URL of `expand_inputs`: its articles, and what was skipped and why (a
    unit of work a Dask task can take; ids are made unique over all sources after)."""
    skipped: list[Skipped] = []
    articles: list[Article] = []
    try:
        for article in _read_one(source, settings, skipped):
            articles.append(article)
    except StorylineError as error:
        skipped.append(_skip(error, source))
    return articles, skipped


def _read_one(source: str, settings: IngestSettings, skipped: list[Skipped]) -> Iterator[Article]:
    if is_web_url(source):
        yield read_url(source, timeout=settings.url_timeout, max_bytes=settings.url_max_bytes)
        return
    path = Path(source)
    data = read_bounded(path, settings.file_max_bytes)
    if not data.strip():
        raise StorylineError(Errors.S003, path=source)
    kind = kind_of(path, data[:HEAD])
    stem = path.stem
    if kind is None:
        raise StorylineError(Errors.S006, path=source, suffix=path.suffix)
    if kind in ("json", "jsonl"):
        yield from _read_json(data, path, skipped, lines=kind == "jsonl")
    elif kind == "html":
        yield read_html(data, id=path.stem, source=source)
    elif kind == "feed":
        from storyline.ingest.feeds import read_feed

        yield from read_feed(data, stem=stem, source=source, settings=settings, skipped=skipped)
    elif kind == "pdf":
        from storyline.ingest.documents import read_pdf

        yield read_pdf(data, id=path.stem, source=source)
    elif kind == "docx":
        from storyline.ingest.documents import read_docx

        yield read_docx(data, id=path.stem, source=source)
    elif kind == "eml":
        from storyline.ingest.mail import read_eml

        yield read_eml(data, id=path.stem, source=source)
    elif kind == "mbox":
        from storyline.ingest.mail import read_mbox

        yield from read_mbox(data, stem=stem, source=source, skipped=skipped)
    elif kind == "warc":
        from storyline.ingest.warc import read_warc

        yield from read_warc(data, stem=stem, source=source, max_bytes=settings.file_max_bytes,
                             skipped=skipped)  # fmt: skip
    else:
        yield read_text(data, id=path.stem, source=source)


# JSON numbers longer than this stay text: Python refuses to read an integer of more than
# 4,300 digits, and no field of a report needs one.
_LONGEST_NUMBER = 64


def _number(text: str) -> int | str:
    return int(text) if len(text) <= _LONGEST_NUMBER else text


def load_json(text: str) -> object:
    """JSON text to Python values; raises json.JSONDecodeError, also for nesting deeper
    than Python's recursion allows (the message says so) and for huge numbers (read as
    text, never an error)."""
    try:
        return json.loads(text, parse_int=_number)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply", text, 0) from None


def json_lines(text: str) -> Iterator[tuple[int, str]]:
    """(line number, line) of JSON Lines text. Lines end at \\n only (a \\r before it is
    dropped): U+2028 and U+0085, which str.splitlines() also breaks at, may stand unescaped
    inside a JSON string."""
    for number, line in enumerate(text.split("\n"), 1):
        yield number, line.removesuffix("\r")


def _read_json(data: bytes, path: Path, skipped: list[Skipped], lines: bool) -> Iterator[Article]:
    """`.json`: one record or an array of records. `.jsonl`: a record a line; a bad line is
    skipped with its line number and the others are still read."""
    from storyline.ingest.readers import decode

    source = str(path)
    text = decode(data, source)
    if not lines:
        try:
            loaded = load_json(text)
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
    for number, line in json_lines(text):
        if not line.strip():
            continue
        try:
            record = load_json(line)
            yield read_record(
                record, default_id=f"{path.stem}-{number}", source=source, line=number
            )
        except json.JSONDecodeError as exc:
            bad_json = StorylineError(Errors.S007, path=source, line=number, reason=exc.msg)
            skipped.append(_skip(bad_json, source))
        except StorylineError as error:
            skipped.append(_skip(error, source))


def unique_ids(articles: list[Article]) -> list[Article]:
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
