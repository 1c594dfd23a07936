"""The stages and the runner: what each stage needs and produces, and one function that runs
them.

Each `Stage` names the function that does its work (a dotted path, so listing the stages
imports no model), the results it requires and the results it produces, and its section
of `settings.toml`. The stage function takes its required results positionally, in the
order declared, then `settings=` (its section) when it has one, and `progress=` when it
reports progress; it returns its one result, or an object with an attribute per result
it produces. It reads nothing else and changes none of its inputs.

`run` executes the stages a request needs, in order, over one record of named results
(`Results`), each computed once. Registration checks the graph: every result a stage
requires is given to the run or produced by an earlier stage, and no two stages produce
the same result. Data flows one way: no stage imports a stage that runs after it
(`tests/test_layers.py`).
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields, replace
from typing import TYPE_CHECKING, Any

from storyline.model import (
    Article,
    Briefing,
    Cache,
    Claim,
    CrossLink,
    DateIssue,
    Datings,
    Discrepancy,
    Entity,
    Event,
    FigureValue,
    Headline,
    ParsedArticle,
    Place,
    RejectedEvent,
    SentenceGroup,
    Skipped,
    SourceGroup,
    SummarySentence,
    Syndication,
    TimeExpression,
    TimelineEntry,
    UnresolvedPlace,
)

if TYPE_CHECKING:
    import numpy as np

    from storyline.settings import Settings

# progress(stage, done, total): told when a stage starts (done=0) and, for the long spaCy
# pass, after each article. Displays (the CLI's progress bar) hang on it.
Progress = Callable[[str, int, int], None]

# What a run may be given rather than compute: the inputs to read, or articles already
# read (and the inputs skipped on the way), and work done earlier (the store's cache).
GIVEN = ("inputs", "articles", "skipped", "cache")


@dataclass(frozen=True)
class Stage:
    name: str
    function: str  # dotted path, so listing the stages imports no model
    requires: tuple[str, ...]
    produces: tuple[str, ...]
    settings: str | None  # section of settings.toml, if any
    doc: str
    progress: bool = False  # the function takes `progress=` and reports per article

    def load(self) -> Callable[..., Any]:
        module, _, name = self.function.rpartition(".")
        found: Callable[..., Any] = getattr(importlib.import_module(module), name)
        return found


def register(stages: Sequence[Stage], given: Collection[str] = GIVEN) -> tuple[Stage, ...]:
    """The stages in order, once their graph is checked: raises ValueError when a stage
    requires what neither the run is given nor an earlier stage produces, when two stages
    produce one result, or when two stages share a name."""
    produced: set[str] = set()
    names: set[str] = set()
    for stage in stages:
        if stage.name in names:
            raise ValueError(f"two stages are called {stage.name!r}")
        names.add(stage.name)
        missing = [r for r in stage.requires if r not in produced and r not in given]
        if missing:
            raise ValueError(
                f"stage {stage.name!r} requires {', '.join(missing)}, which no earlier stage "
                "produces"
            )
        again = [p for p in stage.produces if p in produced]
        if again:
            raise ValueError(f"stage {stage.name!r} produces {', '.join(again)} again")
        produced.update(stage.produces)
    return tuple(stages)


STAGES: tuple[Stage, ...] = register(
    (
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
            ("articles", "cache"),
            ("parsed",),
            "nlp",
            "one spaCy pass: sentences, mentions, proper names, terms, figures, event predicates",
            progress=True,
        ),
        Stage(
            "copies",
            "storyline.sources.copies.find_copies",
            ("parsed",),
            ("copy_groups", "syndication", "source_groups", "crosslingual"),
            "sources",
            "wire copies of sentences (MinHash LSH), reports that share a wire story, "
            "independent sources; sentences in other languages linked by meaning "
            "(multilingual-e5), translated reports",
        ),
        Stage(
            "dates",
            "storyline.dates.resolve_dates",
            ("parsed", "source_groups"),
            ("dated", "time_expressions", "date_issues", "datings"),
            None,
            "time expressions to TIMEX3 values; publication dates inferred; date warnings; "
            "the date each sentence speaks of",
        ),
        Stage(
            "places",
            "storyline.places.find_places",
            ("parsed",),
            ("places", "unresolved", "demonyms"),
            "places",
            "toponyms recognised and resolved to GeoNames places with coordinates, offline",
        ),
        Stage(
            "entities",
            "storyline.entities.find_entities",
            ("parsed", "places", "demonyms"),
            ("entities",),
            None,
            "people, organisations and armed groups merged across spellings; ACLED actor types",
        ),
        Stage(
            "vectors",
            "storyline.sources.vectors.embed_sentences",
            ("parsed", "copy_groups", "cache"),
            ("vectors",),
            None,
            "MiniLM sentence vectors, once per sentence, for claims and event types",
        ),
        Stage(
            "claims",
            "storyline.sources.compare_claims",
            (
                "dated",
                "time_expressions",
                "datings",
                "places",
                "entities",
                "copy_groups",
                "source_groups",
                "crosslingual",
                "vectors",
            ),
            ("claims", "discrepancies", "context"),
            "sources",
            "claims: propositions independent sources state (MiniLM, names, dates, figures; "
            "predicate, participants, place and day must agree); related claims; figures "
            "and dates that differ",
        ),
        Stage(
            "events",
            "storyline.events.find_events",
            (
                "dated",
                "datings",
                "places",
                "entities",
                "copy_groups",
                "source_groups",
                "vectors",
            ),  # fmt: skip
            ("events", "toll_discrepancies", "rejected_events"),
            "events",
            "ACLED-style events: typed (CASE 2021 classifier), dated, placed, actors, fatalities",
        ),
        Stage(
            "timeline",
            "storyline.timeline.build_timeline",
            ("dated", "datings", "copy_groups"),
            ("timeline",),
            "timeline",
            "dated happenings, one cited entry per date, in date order",
        ),
        Stage(
            "summary",
            "storyline.summary.summarise",
            ("parsed", "copy_groups", "claims", "events"),
            ("summary", "headline"),
            "summary",
            "cited extractive summary (cross-source centrality, lead prior, MMR) and headline",
        ),
    )
)

# The results each part of a briefing comes from: what a command asks `run` for. Each
# asks for `dated` too, so that its articles carry their publication dates.
SECTIONS: dict[str, tuple[str, ...]] = {
    "brief": ("dated", "summary", "headline", "timeline", "date_issues", "time_expressions",
              "places", "unresolved", "syndication", "source_groups", "claims",
              "discrepancies", "context", "entities", "events", "toll_discrepancies",
              "rejected_events"),
    "timeline": ("dated", "timeline", "date_issues"),
    "places": ("dated", "places", "unresolved"),
    "sources": ("dated", "syndication", "source_groups", "claims", "discrepancies", "context",
                "toll_discrepancies"),
    "events": ("dated", "events", "entities", "rejected_events"),
}  # fmt: skip


@dataclass(frozen=True)
class Results:
    """The named results of one run: what it was given and what its stages produced.

    A field is None when the run neither was given it nor needed it.
    """

    inputs: list[str] | None = None
    articles: list[Article] | None = None
    skipped: list[Skipped] | None = None
    cache: Cache | None = None
    parsed: list[ParsedArticle] | None = None
    dated: list[ParsedArticle] | None = None
    time_expressions: list[TimeExpression] | None = None
    date_issues: list[DateIssue] | None = None
    datings: Datings | None = None
    places: list[Place] | None = None
    unresolved: list[UnresolvedPlace] | None = None
    demonyms: Callable[[str], str | None] | None = None
    entities: list[Entity] | None = None
    copy_groups: list[SentenceGroup] | None = None
    syndication: list[Syndication] | None = None
    source_groups: list[SourceGroup] | None = None
    crosslingual: list[CrossLink] | None = None
    vectors: Mapping[tuple[str, int, int], np.ndarray] | None = None
    claims: list[Claim] | None = None
    discrepancies: list[Discrepancy] | None = None
    context: list[FigureValue] | None = None
    events: list[Event] | None = None
    toll_discrepancies: list[Discrepancy] | None = None
    rejected_events: list[RejectedEvent] | None = None
    timeline: list[TimelineEntry] | None = None
    summary: list[SummarySentence] | None = None
    headline: Headline | None = None

    def briefing(self) -> Briefing:
        """The briefing of what was computed: sections not computed are empty. Its
        articles carry their publication dates when the dates stage ran."""
        from storyline.languages import notes as language_notes

        parses = self.dated if self.dated is not None else self.parsed
        articles = [p.article for p in parses] if parses is not None else self.articles or []
        return Briefing(
            headline=self.headline,
            articles=articles,
            summary=self.summary or [],
            timeline=self.timeline or [],
            time_expressions=self.time_expressions or [],
            date_issues=self.date_issues or [],
            places=self.places or [],
            unresolved=self.unresolved or [],
            syndication=self.syndication or [],
            source_groups=self.source_groups or [],
            claims=self.claims or [],
            discrepancies=[*(self.discrepancies or []), *(self.toll_discrepancies or [])],
            context=self.context or [],
            entities=self.entities or [],
            events=self.events or [],
            rejected_events=self.rejected_events or [],
            skipped=self.skipped or [],
            languages=language_notes(articles, parses) if parses is not None else [],
        )


RESULTS = frozenset(f.name for f in fields(Results))
assert {n for s in STAGES for n in s.produces} | set(GIVEN) == RESULTS, "Results lacks a field"


def plan(wanted: Iterable[str], given: Iterable[str] = ()) -> list[Stage]:
    """The stages that produce `wanted` from `given`, with every stage they depend on,
    in the order they run. Raises ValueError for a result no stage produces."""
    have = set(given)
    needed = {w for w in wanted if w not in have}
    unknown = needed - RESULTS
    if unknown:
        raise ValueError(f"no stage produces {', '.join(sorted(unknown))}")
    chosen: list[Stage] = []
    for stage in reversed(STAGES):
        if needed & set(stage.produces):
            chosen.append(stage)
            needed.update(r for r in stage.requires if r not in have)
    missing = needed - have - {p for s in chosen for p in s.produces}
    if missing:
        raise ValueError(f"nothing given or produced for {', '.join(sorted(missing))}")
    return chosen[::-1]


def run(
    settings: Settings,
    wanted: Iterable[str] = SECTIONS["brief"],
    *,
    progress: Progress | None = None,
    **given: Any,
) -> Results:
    """Run the stages that produce `wanted` from what is given (`inputs=` paths, or
    `articles=` already read; `cache=` work done earlier), each once, in order. An
    empty list of articles runs too (every stage handles it); `api` refuses it first.
    """
    step = progress or _silent
    unknown = set(given) - set(GIVEN)
    if unknown:
        raise TypeError(f"run() is not given {', '.join(sorted(unknown))}: only {GIVEN}")
    given.setdefault("cache", Cache())
    results = Results(**given)
    for stage in plan(wanted, given):
        step(stage.name, 0, 0)
        results = replace(results, **_call(stage, results, settings, step))
    step("done", 0, 0)
    return results


def _call(stage: Stage, results: Results, settings: Settings, step: Progress) -> dict[str, Any]:
    args = [getattr(results, name) for name in stage.requires]
    kwargs: dict[str, Any] = {}
    if stage.settings is not None:
        kwargs["settings"] = getattr(settings, stage.settings)
    if stage.progress:
        kwargs["progress"] = lambda done, total: step(stage.name, done, total)
    made = stage.load()(*args, **kwargs)
    if len(stage.produces) == 1:
        return {stage.produces[0]: made}
    return {name: getattr(made, name) for name in stage.produces}


def _silent(stage: str, done: int, total: int) -> None:
    """The default progress: none."""
