"""Every record that crosses a stage boundary, as frozen pydantic models.

The JSON output is `Briefing` dumped as is; `storyline schema` prints the JSON
Schema generated from it (a copy lives in `schema/briefing.schema.json`).
Offsets are character offsets into `Article.text` (the cleaned text), end
exclusive like a Python slice, so `article.text[start:end]` is the cited span.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.0"

PublishedBasis = Literal["metadata", "text", "inferred", "unknown"]


class Record(BaseModel):
    """Base of all records: immutable, and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Citation(Record):
    """A span of one article's cleaned text that a statement rests on."""

    article: str
    start: int = Field(ge=0)
    end: int = Field(ge=0, description="exclusive, like a Python slice")


class RemovedLine(Record):
    """A line of the input dropped as page furniture, kept so a user can check it."""

    line: int = Field(description="1-based line number in the input text")
    text: str
    reason: str


class Article(Record):
    """One news report after reading and cleaning."""

    id: str
    source: str = Field(description="the file path, URL, or 'path#record' it came from")
    title: str | None
    outlet: str | None
    published: date | None
    published_basis: PublishedBasis
    text: str = Field(description="cleaned text; every citation offset points into it")
    removed: list[RemovedLine] = Field(default_factory=list)
    url: str | None = None


class Sentence(Record):
    """A sentence of one article, as the NLP pass split it.

    `terms` are the lower-cased lemmas of its content words, kept so later
    stages need not run a tokenizer again.
    """

    article: str
    index: int = Field(description="position of the sentence in its article, from 0")
    paragraph: int = Field(description="index of its paragraph in the article, from 0")
    start: int
    end: int
    text: str
    heading: bool = Field(default=False, description="a subheading, not a sentence of prose")
    terms: list[str] = Field(default_factory=list)


class Mention(Record):
    """A named-entity mention found by the NLP model."""

    article: str
    start: int
    end: int
    text: str
    label: str


class ParsedArticle(Record):
    """An article with the results of the one NLP pass over it."""

    article: Article
    sentences: list[Sentence]
    mentions: list[Mention]


class SentenceGroup(Record):
    """Sentences that are copies of one another (wire text, repeated lines).

    The first member is the representative; the rest are the copies.
    """

    members: list[Sentence]


class SummarySentence(Record):
    """One sentence of the summary, with every article span that carries it."""

    text: str
    citations: list[Citation]
    score: float = Field(description="how central the sentence is in the cluster, 0 to 1")


class Headline(Record):
    """The briefing's headline: the title of the article that leads the summary."""

    text: str
    article: str


class Skipped(Record):
    """An input that could not be briefed, and why."""

    source: str
    code: str
    message: str
    line: int | None = None

    def location(self) -> str:
        """`source:line`, or the source alone when no line applies."""
        return f"{self.source}:{self.line}" if self.line else self.source


class Briefing(Record):
    """What `storyline brief` produces: the JSON output is this model dumped."""

    schema_version: str = SCHEMA_VERSION
    headline: Headline | None = None
    articles: list[Article]
    summary: list[SummarySentence]
    skipped: list[Skipped] = Field(default_factory=list)
