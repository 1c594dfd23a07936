"""A stream of reports to briefed stories, with Dask as the engine.

    read every file or URL (Dask tasks) -> features of every report (Dask tasks)
    -> online grouping in publication order (one pass, here: it is cheap and in order)
    -> a briefing for every story of at least `min_reports` reports (one Dask task each)

The scheduler: by default Dask's local process pool on every core (no set-up); an
address ("tcp://host:8786") sends the tasks to a running Dask cluster (`dask scheduler`,
`dask worker`); "threads" or "synchronous" run them in this process. The grouping is the
same whatever runs the tasks, so the same stream gives the same stories and briefings.
A story whose briefing fails is reported with its error; the others still come out.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

import dask.bag
from dask.base import compute as dask_compute
from dask.delayed import delayed

from storyline.errors import Errors, NoUsableInput, StorylineError
from storyline.model import Article, Briefing, Skipped, Stories, Story
from storyline.settings import Settings
from storyline.stories.features import Features, featurise
from storyline.stories.online import Group

PARTITION = 200  # reports per feature task

Compute = Callable[..., tuple[Any, ...]]


@contextmanager
def engine(scheduler: str | None = None) -> Iterator[Compute]:
    """`compute(*collections)` on the chosen scheduler."""
    if scheduler and "://" in scheduler:
        from distributed import Client

        client = Client(scheduler, set_as_default=False)
        try:
            yield lambda *things: tuple(client.gather(client.compute(list(things))))
        finally:
            client.close()
        return
    name = scheduler or "processes"
    workers = os.cpu_count() or 1

    def compute(*things: Any) -> tuple[Any, ...]:
        return tuple(dask_compute(*things, scheduler=name, num_workers=workers))

    yield compute


def brief_stories(
    articles: Sequence[Article],
    *,
    settings: Settings,
    min_reports: int = 2,
    scheduler: str | None = None,
    brief: Callable[[list[Article], Settings], Briefing] | None = None,
) -> list[Story]:
    """Group reports already read into stories and brief each story big enough."""
    with engine(scheduler) as compute:
        return _stories(articles, compute, settings, min_reports, brief)


def stories_from_inputs(
    inputs: Sequence[str],
    *,
    settings: Settings,
    min_reports: int = 2,
    scheduler: str | None = None,
    db: str | None = None,
) -> Stories:
    """Read files, folders or URLs (each file a Dask task), group and brief: the `stories`
    command. With `db` the new reports are first added to that store, every stored report
    is grouped, each story keeps the id of the stored story it continues and says whether
    it is new, grew or is the same, and the stories are stored for the next run. Raises
    NoUsableInput when no input gave a report (S052 when a store holds none)."""
    with engine(scheduler) as compute:
        articles, skipped = _read(inputs, compute, settings) if inputs or db is None else ([], [])
        if db is None:
            if not articles:
                raise NoUsableInput(skipped)
            found = _stories(articles, compute, settings, min_reports, None)
            return Stories(stories=found, skipped=skipped)
        from storyline.store import Store

        with Store.open(db) as store, store.transaction():
            if articles:
                fresh, already = store.new_articles(articles)
                if fresh:
                    logged = store.add_articles(fresh, sorted({a.source for a in articles}),
                                                already)  # fmt: skip
                    store.finish_ingest(logged)
            stored = store.articles()
            if not stored:
                raise StorylineError(Errors.S052, db=db)
            found = match(_stories(stored, compute, settings, min_reports, None), store.stories())
            store.save_stories(found)
    return Stories(stories=found, skipped=skipped)


def _read(
    inputs: Sequence[str], compute: Compute, settings: Settings
) -> tuple[list[Article], list[Skipped]]:
    from storyline.ingest import expand_inputs, read_source, unique_ids

    sources, skipped = expand_inputs(list(inputs))
    if not sources:
        return [], skipped
    parts = max(1, min(len(sources), 64))
    read = dask.bag.from_sequence(sources, npartitions=parts).map(read_source, settings.ingest)
    (done,) = compute(read)
    articles = unique_ids([a for found, _ in done for a in found])
    return articles, [*skipped, *(s for _, lost in done for s in lost)]


def match(found: list[Story], stored: dict[str, list[str]]) -> list[Story]:
    """Each story takes the id of the stored story it shares most reports with (each stored
    id once), and says whether it is new, grew or is the same; new ones are numbered on."""
    taken: set[str] = set()
    numbers = [int(i[1:]) for i in stored if i[1:].isdigit()]
    next_number = max(numbers, default=0) + 1
    owner = {m: sid for sid, members in stored.items() for m in members}
    result = []
    for story in found:
        shared = Counter(owner[m] for m in story.articles if m in owner)
        best = next((sid for sid, _ in shared.most_common() if sid not in taken), None)
        if best is None:
            result.append(story.model_copy(update={"id": f"s{next_number}", "change": "new"}))
            next_number += 1
            continue
        taken.add(best)
        grew = bool(set(story.articles) - set(stored[best]))
        result.append(story.model_copy(update={"id": best, "change": "grew" if grew else "same"}))
    return result


def _stories(
    articles: Sequence[Article],
    compute: Compute,
    settings: Settings,
    min_reports: int,
    brief: Callable[[list[Article], Settings], Briefing] | None,
) -> list[Story]:
    from storyline.stories import group_features

    by_id = {a.id: a for a in articles}
    partitions = max(1, -(-len(articles) // PARTITION))
    bag = dask.bag.from_sequence(list(articles), npartitions=partitions)
    (items,) = compute(bag.map(featurise))
    groups = group_features(items)
    features_of = {f.article: f for f in items}
    wanted = [g for g in groups if len(g.members) >= min_reports]
    task = delayed(_brief_one, pure=True)
    # Dask runs the stories side by side: each briefing parses in its own process only
    # (spaCy starting its own processes inside every task costs more than it gains)
    one = settings.model_copy(update={"nlp": settings.nlp.model_copy(update={"processes": 1})})
    briefed = compute(*(task([by_id[m] for m in g.members], one, brief) for g in wanted))
    results = dict(zip((g.id for g in wanted), briefed, strict=True))
    return [_story(g, features_of, by_id, results.get(g.id)) for g in groups]


def _brief_one(
    articles: list[Article],
    settings: Settings,
    brief: Callable[[list[Article], Settings], Briefing] | None,
) -> tuple[Briefing | None, str | None]:
    """A story's briefing, or the reason it failed (a failing story must not stop the
    others)."""
    try:
        if brief is not None:
            return brief(articles, settings), None
        from storyline.api import build_briefing

        return build_briefing(articles, settings=settings), None
    except StorylineError as error:
        return None, str(error)
    except Exception as error:  # noqa: BLE001 - reported on the story, the rest goes on
        return None, f"{type(error).__name__}: {error}"


def _story(
    group: Group,
    features_of: dict[str, Features],
    by_id: dict[str, Article],
    result: tuple[Briefing | None, str | None] | None,
) -> Story:
    first = features_of[group.members[0]]
    outlets = sorted({o for m in group.members if (o := by_id[m].outlet)})
    briefing, error = result if result is not None else (None, None)
    return Story(
        id=f"s{group.id + 1}",
        headline=first.title,
        first_seen=group.first_seen,
        last_seen=group.last_seen,
        articles=list(group.members),
        outlets=outlets,
        independent_sources=_independent(group, briefing),
        briefing=briefing,
        error=error,
    )


def _independent(group: Group, briefing: Briefing | None) -> int:
    """Reports less copies: the briefing's independent sources when it has them (its wire
    copies compare the texts sentence by sentence), else the grouping's MinHash copies
    (each copy points at one earlier report: reports less copies are the sources)."""
    if briefing is not None and briefing.source_groups:
        return len(briefing.source_groups)
    return len(group.members) - len(group.copies)


def stories_of(
    articles: Sequence[Article],
    skipped: Sequence[Any] = (),
    **options: Any,
) -> Stories:
    """The `Stories` record of a stream already read."""
    return Stories(stories=brief_stories(articles, **options), skipped=list(skipped))
