"""Shared fixtures. Tests that need ../shared skip with a clear message when it is absent
(CI always has it); tests that need the spaCy model are marked slow but run by default."""

from __future__ import annotations

from pathlib import Path

import pytest

from storyline.model import Article, ParsedArticle, Sentence
from storyline.registry import Results, run
from storyline.settings import Settings

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
DARAA = SHARED / "corpora" / "daraa-2021"
EXAMPLE = REPO / "examples" / "tarija-water"


@pytest.fixture(scope="session")
def daraa_dir() -> Path:
    if not DARAA.is_dir():
        pytest.skip(f"reference corpus not found at {DARAA} (it sits beside the checkout in CI)")
    return DARAA


@pytest.fixture(scope="session")
def example_dir() -> Path:
    return EXAMPLE


def make_article(id: str, paragraphs: list[str], **fields: object) -> Article:
    """An Article built by hand, as the ingest stage would produce it."""
    values: dict[str, object] = {
        "id": id,
        "source": f"{id}.txt",
        "title": None,
        "outlet": None,
        "published": None,
        "published_basis": "unknown",
        "text": "\n\n".join(paragraphs),
    }
    values.update(fields)
    return Article.model_validate(values)


def make_parsed(id: str, sentences: list[str]) -> ParsedArticle:
    """A ParsedArticle without a model: one sentence a paragraph, terms = lower-case words."""
    article = make_article(id, sentences)
    records = []
    position = 0
    for n, text in enumerate(sentences):
        start = article.text.index(text, position)
        records.append(
            Sentence(
                article=id,
                index=n,
                paragraph=n,
                start=start,
                end=start + len(text),
                text=text,
                terms=[w.strip(".,\"'").lower() for w in text.split() if len(w.strip(".,\"'")) > 3],
            )
        )
        position = start + len(text)
    return ParsedArticle(article=article, sentences=records, mentions=[])


def run_stages(articles: list[Article], *wanted: str, settings: Settings | None = None) -> Results:
    """The shipped pipeline run up to the results named, as a command would."""
    return run(settings or Settings.load(), wanted, articles=list(articles))
