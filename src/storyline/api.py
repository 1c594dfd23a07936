"""The Python API: the whole pipeline, stage by stage. The CLI is a thin layer over it."""

from __future__ import annotations

from collections.abc import Sequence
from os import PathLike
from typing import Any

from storyline.dates import resolve_dates
from storyline.entities import demonyms, find_entities
from storyline.errors import Errors, NoUsableInput, StorylineError
from storyline.events import build_events
from storyline.ingest import read_inputs
from storyline.model import Article, Briefing, Skipped
from storyline.nlp import parse_articles
from storyline.places import gazetteer_for, locate_places
from storyline.settings import Settings
from storyline.sources import compare_sources
from storyline.summary import choose_headline, summarize
from storyline.timeline import build_timeline


def brief(
    paths: Sequence[str | PathLike[str]] | str | PathLike[str],
    *,
    words: int | None = None,
    settings: Settings | None = None,
    overrides: dict[str, Any] | None = None,
) -> Briefing:
    """Read files, folders or URLs and brief them.

    Inputs that cannot be read are listed in `Briefing.skipped`; raises
    StorylineError S021 when given nothing, and NoUsableInput (S020, with the
    reason for each input) when no input was usable.
    """
    if isinstance(paths, (str, PathLike)):
        paths = [paths]
    if not paths:
        raise StorylineError(Errors.S021)
    settings = _settings(settings, overrides, words)
    ingested = read_inputs([str(p) for p in paths], settings.ingest)
    if not ingested.articles:
        raise NoUsableInput(ingested.skipped)
    return build_briefing(ingested.articles, settings=settings, skipped=ingested.skipped)


def build_briefing(
    articles: list[Article],
    *,
    settings: Settings | None = None,
    skipped: list[Skipped] | None = None,
) -> Briefing:
    """Brief articles already read (e.g. built by `ingest.readers.read_record`)."""
    settings = settings or Settings.load()
    if not articles:
        raise StorylineError(Errors.S020)
    parsed = parse_articles(articles, settings.nlp)
    dated = resolve_dates(parsed)
    parsed = dated.parsed  # articles now carry inferred publication dates
    gazetteer = gazetteer_for(settings.places.gazetteers)
    located = locate_places(parsed, gazetteer)
    entities = find_entities(parsed, located.places, demonyms(gazetteer))
    compared = compare_sources(parsed, dated.expressions, settings.sources, located.places)
    groups = compared.groups
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
    summary = summarize(parsed, groups, settings.summary, compared.claims)
    timeline = build_timeline(parsed, dated.expressions, groups, settings.timeline)
    articles = [p.article for p in parsed]
    return Briefing(
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


def _settings(
    settings: Settings | None, overrides: dict[str, Any] | None, words: int | None
) -> Settings:
    merged = dict(overrides or {})
    if words is not None:
        merged["summary.words"] = words
    base = settings or Settings.load()
    return base.updated(merged) if merged else base
