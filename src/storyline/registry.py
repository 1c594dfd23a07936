"""The stages, in order: what each needs, what it produces, and its settings section.

`storyline stages` prints this table; `api.build_briefing` runs the stages in
this order. Data flows one way: each stage reads only what earlier ones made.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    name: str
    function: str  # dotted path, so listing the stages imports no model
    requires: tuple[str, ...]
    produces: tuple[str, ...]
    settings: str | None  # section of settings.toml, if any
    doc: str


STAGES: tuple[Stage, ...] = (
    Stage(
        "ingest",
        "storyline.ingest.read_inputs",
        ("inputs",),
        ("articles", "skipped"),
        "ingest",
        "read files, folders, JSON records and URLs; remove page furniture",
    ),
    Stage(
        "nlp",
        "storyline.nlp.parse_articles",
        ("articles",),
        ("sentences", "mentions", "names", "figures", "predicates", "groups"),
        "nlp",
        "one spaCy pass: sentences, mentions, proper names, terms, figures, event predicates",
    ),
    Stage(
        "dates",
        "storyline.dates.resolve_dates",
        ("sentences", "mentions", "articles"),
        ("time_expressions", "date_issues", "articles (inferred dates)"),
        None,
        "time expressions to TIMEX3 values; publication dates inferred; date warnings",
    ),
    Stage(
        "places",
        "storyline.places.locate_places",
        ("sentences", "mentions", "names", "articles"),
        ("places", "unresolved"),
        "places",
        "toponyms recognised and resolved to GeoNames places with coordinates, offline",
    ),
    Stage(
        "entities",
        "storyline.entities.find_entities",
        ("mentions", "groups", "places"),
        ("entities",),
        None,
        "people, organisations and armed groups merged across spellings; ACLED actor types",
    ),
    Stage(
        "sources",
        "storyline.sources.compare_sources",
        ("sentences", "mentions", "figures", "time_expressions", "places"),
        ("sentence_groups", "syndication", "source_groups", "claims", "discrepancies"),
        "sources",
        "wire copies (MinHash LSH), independent sources, claims (MiniLM), discrepancies",
    ),
    Stage(
        "events",
        "storyline.events.build_events",
        ("predicates", "figures", "time_expressions", "places", "entities", "sentence_groups"),
        ("events",),
        "events",
        "ACLED-style events: typed (CASE 2021 classifier), dated, placed, actors, fatalities",
    ),
    Stage(
        "summary",
        "storyline.summary.summarize",
        ("sentences", "sentence_groups", "claims"),
        ("summary",),
        "summary",
        "cited extractive summary: cross-source centrality, lead prior, MMR",
    ),
    Stage(
        "timeline",
        "storyline.timeline.build_timeline",
        ("sentences", "time_expressions", "sentence_groups"),
        ("timeline",),
        "timeline",
        "dated happenings, one cited entry per date, in date order",
    ),
    Stage(
        "render",
        "storyline.render.render",
        ("briefing",),
        ("json", "markdown", "text"),
        None,
        "format the briefing; no computation",
    ),
)

_names = [s.name for s in STAGES]
assert len(_names) == len(set(_names)), "stage names must be unique"
