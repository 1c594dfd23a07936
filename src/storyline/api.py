"""The Python API. Every entry point runs the pipeline through `registry.run`, asking for the
results it needs; the CLI is a thin layer over it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from os import PathLike
from typing import Any

from storyline.changes import changes
from storyline.dates import plain_article
from storyline.errors import Errors, NoUsableInput, StorylineError
from storyline.ingest import unique_ids
from storyline.model import (
    Article,
    Briefing,
    Cache,
    Skipped,
    TimeExpression,
    TimelineEntry,
)
from storyline.nlp import parse_key
from storyline.registry import SECTIONS, Progress, Results, run
from storyline.settings import Settings
from storyline.sources.embed import MODEL as VECTOR_MODEL
from storyline.store import SearchHit, Store, StoredBriefing

__all__ = [
    "Progress",
    "brief",
    "brief_stored",
    "build_briefing",
    "ingest",
    "read",
    "run_pipeline",
    "search",
    "tag_text",
    "timeline_for_articles",
]


def brief(
    paths: Sequence[str | PathLike[str]] | str | PathLike[str] | None = None,
    *,
    texts: Sequence[str | dict[str, Any]] | None = None,
    words: int | None = None,
    settings: Settings | None = None,
    overrides: dict[str, Any] | None = None,
    progress: Progress | None = None,
    sections: Iterable[str] = SECTIONS["brief"],
) -> Briefing:
    """Read files, folders or URLs, and/or reports given as `texts`, and brief them.

    `texts` are reports already in hand: a string is a report's text (its first line the
    headline, as in a .txt file), a dict a record `{id, title, text | html, url,
    published, outlet, author}` as in JSON Lines. Inputs that cannot be read are listed in
    `Briefing.skipped`; raises StorylineError S021 when given nothing, and NoUsableInput
    (S020, with the reason for each input) when no input was usable. With `sections`
    (e.g. `registry.SECTIONS["places"]`) only the stages those results need are run.
    """
    settings = _settings(settings, overrides, words)
    if isinstance(paths, str) and ("\n" in paths or len(paths) > 1024):
        raise StorylineError(Errors.S063)  # a report's text, not a path
    given = list(texts or [])
    articles: list[Article] = []
    skipped: list[Skipped] = []
    if paths is not None and (isinstance(paths, (str, PathLike)) or len(paths)) or not given:
        try:
            articles, skipped = read(paths or [], settings, progress)
        except NoUsableInput as none:
            if not given:
                raise
            skipped = list(none.skipped)
    for n, text in enumerate(given, 1):
        try:
            articles.append(_given(text, n))
        except StorylineError as error:
            skipped.append(Skipped(source=f"texts[{n - 1}]", code=error.code.name,
                                   message=error.message))  # fmt: skip
    if not articles:
        raise NoUsableInput(skipped)
    articles = unique_ids(articles)
    return build_briefing(
        articles, settings=settings, skipped=skipped, progress=progress, sections=sections
    )


def _given(text: str | dict[str, Any], n: int) -> Article:
    """A report given in Python: a string is a text report, a dict a JSON record."""
    from storyline.ingest.readers import read_record, read_text

    if isinstance(text, str):
        return read_text(text.encode("utf-8"), id=f"text-{n}", source=f"texts[{n - 1}]")
    return read_record(text, default_id=f"text-{n}", source=f"texts[{n - 1}]", line=None)


def read(
    paths: Sequence[str | PathLike[str]] | str | PathLike[str],
    settings: Settings,
    progress: Progress | None = None,
) -> tuple[list[Article], list[Skipped]]:
    """Read the inputs; raises S021 when given none and NoUsableInput when none gives an
    article."""
    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    if not paths:
        raise StorylineError(Errors.S021)
    (progress or _silent)("read", 0, len(paths))
    done = run(settings, ("articles", "skipped"), inputs=[str(p) for p in paths])
    if not done.articles:
        raise NoUsableInput(done.skipped or [])
    return done.articles, done.skipped or []


def build_briefing(
    articles: list[Article],
    *,
    settings: Settings | None = None,
    skipped: list[Skipped] | None = None,
    progress: Progress | None = None,
    sections: Iterable[str] = SECTIONS["brief"],
) -> Briefing:
    """Brief articles already read (e.g. built by `ingest.readers.read_record`). With
    `sections` (names of `registry.SECTIONS` values, e.g. `SECTIONS["places"]`), only the
    stages those results need are run and the rest of the briefing stays empty."""
    return run_pipeline(
        articles, settings=settings, skipped=skipped, progress=progress, wanted=sections
    )[0]


def run_pipeline(
    articles: list[Article],
    *,
    settings: Settings | None = None,
    skipped: list[Skipped] | None = None,
    progress: Progress | None = None,
    cache: Cache | None = None,
    wanted: Iterable[str] = SECTIONS["brief"],
) -> tuple[Briefing, Results]:
    """The pipeline over articles already read: the briefing, and every result it rests on
    (`Results`: the parses and sentence vectors the store keeps, among others).

    `cache` holds work done earlier (by the store): parses by article id and sentence
    vectors; that work is not done again, and the result is the same either way.
    Raises S020 when there is no article.
    """
    settings = settings or Settings.load()
    if not articles:
        raise StorylineError(Errors.S020)
    results = run(
        settings,
        wanted,
        progress=progress,
        articles=articles,
        skipped=list(skipped or []),
        cache=cache or Cache(),
    )
    return results.briefing(), results


def tag_text(text: str, dct: date | None, settings: Settings | None = None) -> list[TimeExpression]:
    """Find and normalise the temporal expressions of one plain text, anchored to `dct`
    (or left relative when None): the same NLP pass and dates stage as a briefing. Pass
    `settings` when tagging many texts, so they are read once."""
    results = run(
        settings or Settings.load(), ("time_expressions",), articles=[plain_article(text, dct)]
    )
    return results.time_expressions or []


def timeline_for_articles(
    articles: list[Article],
    *,
    max_dates: int | None = None,
    per_date: int = 1,
    settings: Settings | None = None,
) -> list[TimelineEntry]:
    """The timeline of a cluster of articles: at most `max_dates` dates (the setting when
    None), each entry built from up to `per_date` sentences. Runs the stages it needs."""
    settings = settings or Settings.load()
    timeline = settings.timeline.model_copy(
        update={
            "per_date": per_date,
            "entry_words": max(settings.timeline.entry_words, 40 * per_date),
            **({"max_dates": max_dates} if max_dates else {}),
        }
    )
    chosen = settings.model_copy(update={"timeline": timeline})
    return run(chosen, ("timeline",), articles=articles).timeline or []


def _silent(stage: str, done: int, total: int) -> None:
    """The default progress: none."""


def _settings(
    settings: Settings | None, overrides: dict[str, Any] | None, words: int | None
) -> Settings:
    merged = dict(overrides or {})
    if words is not None:
        merged["summary.words"] = words
    base = settings or Settings.load()
    return base.updated(merged) if merged else base


@dataclass(frozen=True)
class IngestReport:
    """What `ingest` did: the reports it added, those it already had, the inputs skipped."""

    db: str
    added: list[str]
    already_stored: int
    skipped: list[Skipped]
    articles: int = 0  # reports stored in all
    events: int = 0
    claims: int = 0


def ingest(
    paths: Sequence[str | PathLike[str]] | str | PathLike[str],
    db: str | PathLike[str],
    *,
    settings: Settings | None = None,
    overrides: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> IngestReport:
    """Add reports to a store and brief everything it holds, in one transaction.

    A report already stored (same outlet, title and text) adds nothing; with nothing new
    the database is not written at all. Raises NoUsableInput when no input is readable.
    """
    settings = _settings(settings, overrides, None)
    articles, skipped = read(paths, settings, progress)
    with Store.open(db) as store:
        with store.transaction():
            fresh, already = store.new_articles(articles)
            if fresh:
                logged = store.add_articles(fresh, sorted({a.source for a in articles}), already)
                cache = _stored_cache(store, settings)
                briefing, results = run_pipeline(
                    store.articles(), settings=settings, progress=progress, cache=cache
                )
                (progress or _silent)("store", 0, 0)
                ids = {a.id for a in fresh}
                store.add_parsed(
                    [p for p in results.parsed or [] if p.article.id in ids],
                    parse_key(settings.nlp.model),
                )
                store.add_vectors(
                    {k: v for k, v in (results.vectors or {}).items() if k not in cache.vectors},
                    VECTOR_MODEL,
                )
                store.set_current(briefing, _settings_key(settings))
                store.finish_ingest(logged)
        counts = store.counts()
    return IngestReport(
        db=str(db),
        added=[a.id for a in fresh],
        already_stored=already,
        skipped=skipped,
        articles=counts["articles"],
        events=counts["events"],
        claims=counts["claims"],
    )


def brief_stored(
    db: str | PathLike[str],
    *,
    since: str | None = None,
    words: int | None = None,
    settings: Settings | None = None,
    overrides: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> Briefing:
    """Brief every report a store holds, and keep the briefing in it (unless the file is
    read-only for this process: then the briefing is made and not kept).

    With `since` ('last', a briefing number, or an ISO date or time), `Briefing.changes`
    says what is new since that earlier briefing; 'last' with no earlier briefing counts
    everything as new. The briefing the last ingest made is reused when the settings are
    the same; otherwise the stored reports are briefed again. Raises S052 on an empty store.
    """
    settings = _settings(settings, overrides, words)
    with Store.open(db, create=False) as store:
        current = store.current(_settings_key(settings))
        if current is None:
            articles = store.articles()
            if not articles:
                raise StorylineError(Errors.S052, path=str(db), db=str(db))
            current, _ = run_pipeline(
                articles,
                settings=settings,
                progress=progress,
                cache=_stored_cache(store, settings),
            )
        if store.read_only:  # a store this process may only read: brief, keep nothing
            earlier = _earlier(store, since) if since else None
            stored = None
        else:
            with store.transaction():
                earlier = _earlier(store, since) if since else None
                stored = store.add_briefing(current).id
    if earlier is None:
        return current
    found = changes(earlier.briefing, current, earlier.id, earlier.created)
    return current.model_copy(update={"changes": found.model_copy(update={"briefing": stored})})


def _stored_cache(store: Store, settings: Settings) -> Cache:
    """The parses (made with this spaCy model) and sentence vectors a store keeps."""
    return Cache(
        parses=store.parsed(parse_key(settings.nlp.model)), vectors=store.vectors(VECTOR_MODEL)
    )


def _earlier(store: Store, since: str) -> StoredBriefing:
    try:
        return store.briefing(since)
    except StorylineError as error:
        if error.code is not Errors.S053 or since.strip().lower() != "last":
            raise
        # the first briefing of a store: everything in it is new
        return StoredBriefing(0, "never", Briefing(articles=[], summary=[]))


def search(db: str | PathLike[str], query: str, *, limit: int = 20) -> list[SearchHit]:
    """Stored sentences matching `query` (SQLite FTS5 syntax; plain words work), best first."""
    with Store.open(db, create=False) as store:
        return store.search(query, limit)


def _settings_key(settings: Settings) -> str:
    """The settings a stored briefing was made with, to know when it can be reused."""
    return settings.model_dump_json()
