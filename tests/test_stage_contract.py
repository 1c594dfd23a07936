"""One contract for every stage in the registry: empty cluster, single article, non-English
text, determinism, and inputs left as they were."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any

import pytest

from storyline.model import Article
from storyline.nlp import parse_articles
from storyline.registry import STAGES
from storyline.render import render
from storyline.settings import Settings
from storyline.sources.copies import group_copies
from storyline.summary import summarize
from tests.conftest import make_article

pytestmark = pytest.mark.slow
SETTINGS = Settings.load()


def _run_nlp(articles: list[Article]) -> Any:
    return parse_articles(articles, SETTINGS.nlp)


def _run_sources(articles: list[Article]) -> Any:
    from storyline.dates import resolve_dates
    from storyline.sources import compare_sources

    dated = resolve_dates(_run_nlp(articles))
    compared = compare_sources(dated.parsed, dated.expressions, SETTINGS.sources)
    return (
        compared.groups,
        compared.syndication,
        compared.source_groups,
        compared.claims,
        compared.discrepancies,
    )


def _run_summary(articles: list[Article]) -> Any:
    parsed = _run_nlp(articles)
    groups = group_copies([s for p in parsed for s in p.sentences], 0.6)
    return summarize(parsed, groups, SETTINGS.summary)


def _run_dates(articles: list[Article]) -> Any:
    from storyline.dates import resolve_dates

    return resolve_dates(_run_nlp(articles))


def _run_timeline(articles: list[Article]) -> Any:
    from storyline.timeline import build_timeline

    dated = _run_dates(articles)
    groups = group_copies([s for p in dated.parsed for s in p.sentences], 0.6)
    return build_timeline(dated.parsed, dated.expressions, groups, SETTINGS.timeline)


def _run_places(articles: list[Article]) -> Any:
    from storyline.places import locate_places

    located = locate_places(_run_nlp(articles))
    return (located.places, located.unresolved)


def _run_entities(articles: list[Article]) -> Any:
    from storyline.entities import demonyms, find_entities
    from storyline.places import gazetteer_for, locate_places

    parsed = _run_nlp(articles)
    gazetteer = gazetteer_for(())
    return find_entities(parsed, locate_places(parsed, gazetteer).places, demonyms(gazetteer))


def _run_events(articles: list[Article]) -> Any:
    from storyline.dates import resolve_dates
    from storyline.entities import demonyms, find_entities
    from storyline.events import build_events
    from storyline.places import gazetteer_for, locate_places

    dated = resolve_dates(_run_nlp(articles))
    gazetteer = gazetteer_for(())
    places = locate_places(dated.parsed, gazetteer).places
    entities = find_entities(dated.parsed, places, demonyms(gazetteer))
    groups = group_copies([s for p in dated.parsed for s in p.sentences], 0.6)
    return build_events(
        dated.parsed, dated.expressions, places, entities, groups, [], SETTINGS.events
    )


def _run_render(articles: list[Article]) -> Any:
    from storyline.api import build_briefing

    if not articles:
        return None
    briefing = build_briefing(articles, settings=SETTINGS)
    return [render(briefing, fmt) for fmt in ("json", "md", "text")]


def _run_ingest(articles: list[Article]) -> Any:
    return [a.text for a in articles]  # ingest reads files: its contract is tested in tests/ingest


RUNNERS: dict[str, Callable[[list[Article]], Any]] = {
    "ingest": _run_ingest,
    "nlp": _run_nlp,
    "dates": _run_dates,
    "timeline": _run_timeline,
    "places": _run_places,
    "entities": _run_entities,
    "events": _run_events,
    "sources": _run_sources,
    "summary": _run_summary,
    "render": _run_render,
}

ONE = [
    make_article(
        "one",
        [
            "The ferry to Exton was cancelled on Friday because of high winds.",
            "Passengers were offered seats on Saturday's first sailing.",
        ],
    )
]
FOREIGN = [
    make_article(
        "fr",
        [
            "Le traversier pour Exton a été annulé vendredi à cause du vent.",
            "Les passagers partiront samedi matin.",
        ],
    ),
    make_article("ar", ["ألغيت العبارة إلى إكستون يوم الجمعة بسبب الرياح."]),
]


def test_stage_contract_every_stage_has_a_runner_and_an_importable_function() -> None:
    assert set(RUNNERS) == {s.name for s in STAGES}
    for stage in STAGES:
        module, _, name = stage.function.rpartition(".")
        assert callable(getattr(importlib.import_module(module), name))


@pytest.mark.parametrize("stage", [s.name for s in STAGES])
@pytest.mark.parametrize("cluster", [[], ONE, FOREIGN], ids=["empty", "single", "non-english"])
def test_stage_contract(stage: str, cluster: list[Article]) -> None:
    before = [a.model_dump() for a in cluster]
    first = RUNNERS[stage](cluster)
    second = RUNNERS[stage](cluster)
    assert first == second, "not deterministic"
    assert [a.model_dump() for a in cluster] == before, "inputs changed"
