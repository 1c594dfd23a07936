"""The Python API: the whole pipeline, stage by stage. The CLI is a thin layer over it."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from os import PathLike
from typing import Any

from storyline.changes import changes
from storyline.dates import resolve_dates
from storyline.entities import demonyms, find_entities
from storyline.errors import Errors, NoUsableInput, StorylineError
from storyline.events import build_events
from storyline.ingest import read_inputs
from storyline.model import Article, Briefing, ParsedArticle, Skipped
from storyline.nlp import parse_articles
from storyline.places import gazetteer_for, locate_places
from storyline.settings import Settings
from storyline.sources import compare_sources
from storyline.store import SearchHit, Store, StoredBriefing
from storyline.summary import choose_headline, summarize
from storyline.timeline import build_timeline

# progress(stage, done, total): told when a stage starts (done=0) and, for the long
# spaCy pass, after each article. Displays (the CLI's progress bar) hang on it.
Progress = Callable[[str, int, int], None]


def _silent(stage: str, done: int, total: int) -> None:
    """The default progress: none."""


def brief(
    paths: Sequence[str | PathLike[str]] | str | PathLike[str],
    *,
    words: int | None = None,
    settings: Settings | None = None,
    overrides: dict[str, Any] | None = None,
    progress: Progress | None = None,
) -> Briefing:
    """Read files, folders or URLs and brief them.

    Inputs that cannot be read are listed in `Briefing.skipped`; raises
    StorylineError S021 when given nothing, and NoUsableInput (S020, with the
    reason for each input) when no input was usable.
    """
    settings = _settings(settings, overrides, words)
    articles, skipped = read(paths, settings, progress)
    return build_briefing(articles, settings=settings, skipped=skipped, progress=progress)


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
    ingested = read_inputs([str(p) for p in paths], settings.ingest)
    if not ingested.articles:
        raise NoUsableInput(ingested.skipped)
    return ingested.articles, ingested.skipped


def build_briefing(
    articles: list[Article],
    *,
    settings: Settings | None = None,
    skipped: list[Skipped] | None = None,
    progress: Progress | None = None,
) -> Briefing:
    """Brief articles already read (e.g. built by `ingest.readers.read_record`)."""
    return run_pipeline(articles, settings=settings, skipped=skipped, progress=progress)[0]


def run_pipeline(
    articles: list[Article],
    *,
    settings: Settings | None = None,
    skipped: list[Skipped] | None = None,
    progress: Progress | None = None,
    cached: dict[str, ParsedArticle] | None = None,
) -> tuple[Briefing, list[ParsedArticle]]:
    """The whole pipeline: the briefing, and the parsed articles (sentences, mentions) it
    rests on, which the store keeps.

    `cached` holds parses made earlier (by the store), by article id: those articles are
    not parsed again. A parse depends only on its article's text and the spaCy model, so
    the result is the same either way; the spaCy pass is about 40% of a run.
    """
    settings = settings or Settings.load()
    step = progress or _silent
    if not articles:
        raise StorylineError(Errors.S020)
    known = {a.id: cached[a.id] for a in articles if cached and a.id in cached}
    todo = [a for a in articles if a.id not in known]
    total = len(todo)
    step("parse", 0, total)
    fresh = parse_articles(todo, settings.nlp, tick=lambda done: step("parse", done, total))
    made = {p.article.id: p for p in fresh}
    parsed_all = [known[a.id] if a.id in known else made[a.id] for a in articles]
    parsed_all = [_with_article(p, a) for p, a in zip(parsed_all, articles, strict=True)]
    step("dates", 0, 0)
    dated = resolve_dates(parsed_all)
    parsed = dated.parsed  # articles now carry inferred publication dates
    step("places", 0, 0)
    gazetteer = gazetteer_for(settings.places.gazetteers)
    located = locate_places(parsed, gazetteer)
    step("entities", 0, 0)
    entities = find_entities(parsed, located.places, demonyms(gazetteer))
    step("sources", 0, 0)
    compared = compare_sources(parsed, dated.expressions, settings.sources, located.places)
    groups = compared.groups
    step("events", 0, 0)
    events = build_events(
        parsed,
        dated.expressions,
        located.places,
        entities,
        groups,
        compared.source_groups,
        settings.events,
        vectors=compared.vectors,
    )
    step("summary", 0, 0)
    summary = summarize(parsed, groups, settings.summary, compared.claims)
    timeline = build_timeline(parsed, dated.expressions, groups, settings.timeline)
    articles = [p.article for p in parsed]
    briefing = Briefing(
        headline=choose_headline(summary, articles),
        articles=articles,
        summary=summary,
        timeline=timeline,
        time_expressions=dated.expressions,
        date_issues=dated.issues,
        places=located.places,
        unresolved=located.unresolved,
        syndication=compared.syndication,
        source_groups=compared.source_groups,
        claims=compared.claims,
        discrepancies=compared.discrepancies,
        entities=entities,
        events=events,
        skipped=list(skipped or []),
    )
    step("done", 0, 0)
    return briefing, parsed


def _with_article(parsed: ParsedArticle, article: Article) -> ParsedArticle:
    """A stored parse carries the article as it was parsed; the text is the same (the
    store's digest says so), the record is the one given now."""
    return parsed if parsed.article == article else parsed.model_copy(update={"article": article})


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
                run = store.add_articles(fresh, sorted({a.source for a in articles}), already)
                model = settings.nlp.model
                briefing, parsed = run_pipeline(
                    store.articles(),
                    settings=settings,
                    progress=progress,
                    cached=store.parsed(model),
                )
                (progress or _silent)("store", 0, 0)
                ids = {a.id for a in fresh}
                store.add_parsed([p for p in parsed if p.article.id in ids], model)
                store.set_current(briefing, _settings_key(settings))
                store.finish_ingest(run)
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
    """Brief every report a store holds, and keep the briefing in it.

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
                cached=store.parsed(settings.nlp.model),
            )
        with store.transaction():
            earlier = _earlier(store, since) if since else None
            stored = store.add_briefing(current)
    if earlier is None:
        return current
    found = changes(earlier.briefing, current, earlier.id, earlier.created)
    return current.model_copy(update={"changes": found.model_copy(update={"briefing": stored.id})})


def _earlier(store: Store, since: str) -> StoredBriefing:
    try:
        return store.briefing(since)
    except StorylineError:
        if since.strip().lower() != "last":
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
