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
from dask.base import tokenize
from dask.callbacks import Callback
from dask.delayed import delayed

from storyline.errors import Errors, NoUsableInput, StorylineError
from storyline.model import Article, Briefing, Skipped, Stories, Story
from storyline.settings import Settings
from storyline.stories.features import featurise
from storyline.stories.online import Group
from storyline.text import one_source

PARTITION = 200  # reports per feature task

Compute = Callable[..., tuple[Any, ...]]  # compute(stage, *collections)
Progress = Callable[[str, int, int], None]  # (stage, done, total), as the pipeline's


@contextmanager
def engine(scheduler: str | None = None, progress: Progress | None = None) -> Iterator[Compute]:
    """`compute(stage, *collections)` on the chosen scheduler, telling `progress` (stage,
    done, total) as tasks finish."""
    step = progress or _silent
    if scheduler and "://" in scheduler:
        from distributed import Client, as_completed

        client = Client(scheduler, set_as_default=False)

        def gather(stage: str, *things: Any) -> tuple[Any, ...]:
            futures = client.compute(list(things))
            step(stage, 0, len(futures))
            with client.as_current():  # as_completed looks for the client there
                for done, _ in enumerate(as_completed(futures), 1):
                    step(stage, done, len(futures))
            return tuple(client.gather(futures))

        try:
            yield gather
        finally:
            client.close()
        return
    name = scheduler or "processes"
    workers = os.cpu_count() or 1

    def compute(stage: str, *things: Any) -> tuple[Any, ...]:
        with _Count(stage, step):
            return tuple(dask_compute(*things, scheduler=name, num_workers=workers))

    yield compute


class _Count(Callback):
    """Tells `step` (stage, done, total) as a local scheduler finishes each task."""

    def __init__(self, stage: str, step: Progress) -> None:
        super().__init__()
        self.stage, self.step, self.total = stage, step, 0

    def _start_state(self, dsk: Any, state: dict[str, Any]) -> None:
        self.total = sum(len(state[k]) for k in ("ready", "waiting", "running", "finished"))
        self.step(self.stage, 0, self.total)

    def _posttask(
        self, key: Any, result: Any, dsk: Any, state: dict[str, Any], worker: Any
    ) -> None:
        self.step(self.stage, len(state["finished"]), self.total)


def _silent(stage: str, done: int, total: int) -> None:
    """The default progress: none."""


def brief_stories(
    articles: Sequence[Article],
    *,
    settings: Settings,
    min_reports: int = 2,
    scheduler: str | None = None,
    brief: Callable[[list[Article], Settings], Briefing] | None = None,
    progress: Progress | None = None,
) -> list[Story]:
    """Group reports already read into stories and brief each story big enough."""
    with engine(scheduler, progress) as compute:
        return _stories(articles, compute, settings, min_reports, brief, progress or _silent)


def stories_from_inputs(
    inputs: Sequence[str],
    *,
    settings: Settings,
    min_reports: int = 2,
    scheduler: str | None = None,
    db: str | None = None,
    progress: Progress | None = None,
) -> Stories:
    """Read files, folders or URLs (each file a Dask task), group and brief: the `stories`
    command. With `db` the new reports are first added to that store, every stored report
    is grouped, each story keeps the id of the stored story it continues and says whether
    it is new, grew or is the same, and the stories are stored for the next run. Raises
    NoUsableInput when no input gave a report (S052 when a store holds none). `progress`
    is told (stage, done, total): read, features, group, brief, store."""
    step = progress or _silent
    with engine(scheduler, step) as compute:
        articles, skipped = _read(inputs, compute, settings) if inputs or db is None else ([], [])
        if db is None:
            if not articles:
                raise NoUsableInput(skipped)
            found = _stories(articles, compute, settings, min_reports, None, step)
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
            found = _stories(stored, compute, settings, min_reports, None, step)
            step("store", 0, 0)
            found = match(found, store.stories())
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
    (done,) = compute("read", read)
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
    step: Progress,
) -> list[Story]:
    from storyline.stories import group_features

    by_id = {a.id: a for a in articles}
    partitions = max(1, -(-len(articles) // PARTITION))
    bag = dask.bag.from_sequence(list(articles), npartitions=partitions)
    (items,) = compute("features", bag.map(featurise))
    step("group", 0, 0)
    groups = group_features(items)
    # the biggest stories first, so that no long briefing starts last while a core idles
    wanted = sorted((g for g in groups if len(g.members) >= min_reports),
                    key=lambda g: -len(g.members))  # fmt: skip
    task = delayed(_brief_one, pure=True)
    # Dask runs the stories side by side: each briefing parses in its own process only
    # (spaCy starting its own processes inside every task costs more than it gains)
    one = settings.model_copy(update={"nlp": settings.nlp.model_copy(update={"processes": 1})})
    briefed = compute("brief", *(task(members, one, brief, dask_key_name=_key(len(wanted) - n,
                                                                      members, one))
                        for n, members in enumerate([by_id[m] for m in g.members]
                                                    for g in wanted)))  # fmt: skip
    results = dict(zip((g.id for g in wanted), briefed, strict=True))
    return [_story(g, by_id, results.get(g.id)) for g in groups]


def _key(rank: int, members: list[Article], settings: Settings) -> str:
    """A briefing task's name: its rank first (of tasks ready together Dask starts the one
    whose name sorts last, so the biggest stories, ranked highest, start first), then what
    it briefs (two runs on one cluster share a result only when they brief the same
    reports the same way)."""
    return f"brief-{rank:06d}-{tokenize(members, settings)}"


def _brief_one(
    articles: list[Article],
    settings: Settings,
    brief: Callable[[list[Article], Settings], Briefing] | None,
) -> tuple[Briefing | None, str | None]:
    """A story's briefing, or the reason it failed (a failing story must not stop the
    others)."""
    from storyline.sources.embed import limit_threads

    limit_threads(1)  # Dask runs a task per core: the embedders keep to one thread too
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
    by_id: dict[str, Article],
    result: tuple[Briefing | None, str | None] | None,
) -> Story:
    outlets = sorted({o for m in group.members if (o := by_id[m].outlet)})
    briefing, error = result if result is not None else (None, None)
    return Story(
        id=f"s{group.id + 1}",
        headline=briefing.headline.text if briefing and briefing.headline else group.title,
        first_seen=group.first_seen,
        last_seen=group.last_seen,
        articles=list(group.members),
        outlets=outlets,
        independent_sources=_independent(group, briefing, by_id),
        briefing=briefing,
        error=error,
    )


def _independent(group: Group, briefing: Briefing | None, by_id: dict[str, Article]) -> int:
    """The briefing's independent sources when it has them (its wire copies compare the
    texts sentence by sentence), else the grouping's: reports joined by its MinHash copies
    (each copy points at one earlier report) or by their outlet count once."""
    if briefing is not None and briefing.source_groups:
        return len(briefing.source_groups)
    reports = [by_id[m] for m in group.members]
    return len(one_source(reports, group.copies.items()))


def stories_of(
    articles: Sequence[Article],
    skipped: Sequence[Any] = (),
    **options: Any,
) -> Stories:
    """The `Stories` record of a stream already read."""
    return Stories(stories=brief_stories(articles, **options), skipped=list(skipped))
