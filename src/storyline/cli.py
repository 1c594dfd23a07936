"""The `storyline` command: parses arguments, calls the API, maps errors to exit codes.

Exit codes: 0 briefed (some inputs may have been skipped, with a warning each);
2 bad input or usage (no usable article, unknown setting); 1 a bug in storyline.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import typing
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, Optional, cast

import typer

from storyline.errors import Errors, NoUsableInput, StorylineError

if TYPE_CHECKING:
    from rich.console import Console
    from rich.progress import Progress as RichProgress
    from rich.progress import TaskID

    from storyline.model import Briefing, Skipped
    from storyline.render import Format

app = typer.Typer(
    name="storyline",
    help="Turn news reports about one story into a cited briefing.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",  # a docstring's lines join into its paragraph
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _type_shown(self: Any, ctx: Any) -> str | None:
    """The value an option takes, as the help shows it: its metavar, else a plain word
    (PATH, TEXT, N); nothing for a flag or an argument (its name says it)."""
    if getattr(self, "is_flag", False) or isinstance(self, typer.core.TyperArgument):
        return None
    if self.metavar:
        return str(self.metavar)
    annotation = self.type_descriptor.annotation
    args = typing.get_args(annotation)
    kind = args[0] if typing.get_origin(annotation) is list and args else annotation
    return {int: "N", float: "X", Path: "PATH"}.get(kind, "TEXT")


def _usage_name(self: Any) -> str:
    """An argument on the usage line, as Unix tools write it: PATH... or [PATH]..."""
    name = str(self.metavar or self.name).upper()
    name = name if self.required else f"[{name}]"
    return name + ("..." if self.nargs != 1 else "")


# typer prints an option's Python type ("<list[str]>", "<int range>"): a user wants the
# value's shape
typer.core.TyperOption.display_type_rich = _type_shown  # type: ignore[method-assign]
typer.core.TyperArgument.display_type_rich = _type_shown  # type: ignore[method-assign]
typer.core.TyperArgument._usage_display_name = _usage_name  # type: ignore[method-assign]


def _version(value: bool) -> None:
    if value:
        from storyline import __version__

        typer.echo(f"storyline {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool,
        typer.Option("--version", "-V", callback=_version, is_eager=True,
                     help="Print storyline's version and exit."),
    ] = False,
) -> None:  # fmt: skip
    """Turn news reports about one story into a cited briefing."""


EXIT_BAD_INPUT = 2
_GAZETTEER_HELP = (
    "A GeoNames dump file (e.g. SY.txt) laid over the bundled gazetteer (repeatable); "
    "added to the setting places.gazetteers."
)
# Options several commands share, declared once.
Paths = Annotated[
    list[str],
    typer.Argument(metavar="PATH", help="Files, folders or http(s) URLs of reports."),
]
SectionFormat = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--format", "-f", help="json, md or text. Default: as for `brief`."),
]
Overrides = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option(
        "--set", metavar="SECTION.NAME=VALUE", help="Override a setting (repeatable)."
    ),  # fmt: skip
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No warnings or progress on stderr.")]
Verbose = Annotated[
    bool, typer.Option("--verbose", "-v", help="Say on stderr how long each stage took.")
]
Words = Annotated[
    Optional[int],  # noqa: UP045
    typer.Option("--words", "-w", min=10, help="Summary length in words [default: 120]."),
]
PathsOrDb = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Argument(metavar="PATH", help="Files, folders or http(s) URLs of reports (or --db)."),
]
Database = Annotated[
    Optional[Path],  # noqa: UP045
    typer.Option("--db", help="A storyline SQLite database (made by `storyline ingest`)."),
]
Gazetteers = Annotated[
    Optional[list[Path]],  # noqa: UP045
    typer.Option("--gazetteer", help=_GAZETTEER_HELP),
]
_SUFFIX_FORMATS = {".json": "json", ".md": "md", ".markdown": "md", ".txt": "text"}


def _warn_skipped(skipped: list[Skipped]) -> None:
    for skip in skipped:
        typer.echo(f"storyline: warning: {skip.location()}: {skip.code} {skip.message}", err=True)


def _fail(error: StorylineError) -> typer.Exit:
    if isinstance(error, NoUsableInput):
        _warn_skipped(error.skipped)
    typer.echo(f"storyline: {error.describe()}", err=True)
    return typer.Exit(EXIT_BAD_INPUT)


def _choose_format(fmt: str | None, output: Path | None) -> str:
    """--format wins; else the output file's suffix (one storyline does not write is an
    error, never JSON in a file called .html); else text on a terminal, JSON in a pipe."""
    if fmt:
        return fmt
    suffix = output.suffix.lower() if output is not None else ""
    if suffix in _SUFFIX_FORMATS:
        return _SUFFIX_FORMATS[suffix]
    if suffix in (".html", ".htm"):
        _usage("this command writes json, md or text; `storyline report` writes the HTML page")
    if suffix:
        _usage(f"cannot tell the format from the suffix '{suffix}': name the file .json, .md "
               "or .txt, or pass --format")  # fmt: skip
    return "text" if sys.stdout.isatty() else "json"


@app.command()
def brief(
    paths: PathsOrDb = None,
    fmt: Annotated[
        Optional[str],  # noqa: UP045 - typer reads the annotation at run time
        typer.Option(
            "--format",
            "-f",
            help="json, md or text. Default: from --output's suffix, else text on a terminal "
            "and json when piped.",
        ),
    ] = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write the briefing to this file instead of stdout."),
    ] = None,
    words: Words = None,
    settings: Overrides = None,
    quiet: Quiet = False,
    gazetteers: Gazetteers = None,
    db: Database = None,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--since",
            help="With --db: also say what is new since an earlier briefing: 'last', its "
            "number, or an ISO date or time.",
        ),
    ] = None,
    verbose: Verbose = False,
) -> None:
    """Brief a cluster of reports, or every report stored in --db: a headline, a summary
    citing its sources, the timeline, places, events and the sources compared."""
    from storyline.render import render

    if since is not None and db is None:
        _usage("--since needs --db: it compares with a briefing stored in the database")
    _run(
        paths,
        fmt,
        output,
        settings,
        quiet,
        render,
        words=words,
        gazetteers=gazetteers,
        db=db,
        since=since,
        verbose=verbose,
    )


@app.command()
def timeline(
    paths: PathsOrDb = None,
    fmt: SectionFormat = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write the timeline to this file instead of stdout."),
    ] = None,
    settings: Overrides = None,
    quiet: Quiet = False,
    db: Database = None,
    verbose: Verbose = False,
) -> None:
    """Print the timeline: dated happenings in date order, each citing its sources, and the
    date warnings."""
    from storyline.render import render_timeline

    _run(
        paths,
        fmt,
        output,
        settings,
        quiet,
        render_timeline,
        verbose=verbose,
        section="timeline",
        db=db,
    )


@app.command()
def places(
    paths: PathsOrDb = None,
    fmt: SectionFormat = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write the places to this file instead of stdout."),
    ] = None,
    geojson: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--geojson", help="Also write the places as a GeoJSON FeatureCollection."),
    ] = None,
    gazetteers: Gazetteers = None,
    settings: Overrides = None,
    quiet: Quiet = False,
    db: Database = None,
    verbose: Verbose = False,
) -> None:
    """Print the places the reports name, resolved to coordinates, and the names that could
    not be placed."""
    from storyline.render import render_places

    _run(
        paths,
        fmt,
        output,
        settings,
        quiet,
        render_places,
        geojson=geojson,
        gazetteers=gazetteers,
        verbose=verbose,
        section="places",
        db=db,
    )


@app.command()
def sources(
    paths: PathsOrDb = None,
    fmt: SectionFormat = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write the comparison to this file instead of stdout."),
    ] = None,
    settings: Overrides = None,
    quiet: Quiet = False,
    db: Database = None,
    verbose: Verbose = False,
) -> None:
    """Compare the sources: which reports are copies of one wire story, which claims
    independent sources corroborate, and where the reports' figures and dates differ."""
    from storyline.render import render_sources

    _run(
        paths,
        fmt,
        output,
        settings,
        quiet,
        render_sources,
        verbose=verbose,
        section="sources",
        db=db,
    )


@app.command()
def events(
    paths: PathsOrDb = None,
    fmt: SectionFormat = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write the events to this file instead of stdout."),
    ] = None,
    csv: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--csv", help="Also write the events as CSV with ACLED's column names."),
    ] = None,
    geojson: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--geojson", help="Also write the events as a GeoJSON FeatureCollection."),
    ] = None,
    gazetteers: Gazetteers = None,
    settings: Overrides = None,
    quiet: Quiet = False,
    db: Database = None,
    verbose: Verbose = False,
) -> None:
    """Print the events in ACLED's terms (date, type, actors, place, fatalities), each citing
    its sentences, and the actors merged across spellings."""
    from storyline.render import render_events
    from storyline.render.events import to_csv, to_geojson

    extra: list[tuple[Callable[[Briefing], str], Path]] = []
    if csv is not None:
        extra.append((to_csv, csv))
    if geojson is not None:
        extra.append((to_geojson, geojson))
    _run(
        paths,
        fmt,
        output,
        settings,
        quiet,
        render_events,
        gazetteers=gazetteers,
        extra=extra,
        verbose=verbose,
        section="events",
        db=db,
    )


@app.command()
def report(
    paths: PathsOrDb = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write the report to this file (e.g. report.html)."),
    ] = None,
    db: Database = None,
    words: Words = None,
    gazetteers: Gazetteers = None,
    settings: Overrides = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Write the briefing as one self-contained HTML page that works offline: summary with
    clickable citations, timeline, events table, map, sources compared, the reports."""
    from storyline.render.html import to_html

    _run(
        paths,
        "html",
        output,
        settings,
        quiet,
        lambda briefing, _fmt: to_html(briefing),
        words=words,
        gazetteers=gazetteers,
        db=db,
        verbose=verbose,
        formats=("html",),
        command="report",
    )


@app.command()
def ingest(
    paths: Paths,
    db: Annotated[
        Path, typer.Option("--db", help="The SQLite database to add to (made if missing).")
    ],
    fmt: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--format", "-f", help="text or json. Default: text on a terminal."),
    ] = None,
    gazetteers: Gazetteers = None,
    settings: Overrides = None,
    quiet: Quiet = False,
    verbose: Verbose = False,
) -> None:
    """Add reports to a SQLite database and brief everything it holds, in one transaction.
    A report already stored adds nothing; an interrupted ingest leaves the database as it was."""
    from storyline.api import ingest as add

    chosen = _choose_format(fmt, None)
    if chosen not in ("text", "json"):
        _usage(f"unknown format '{chosen}' for ingest; use text or json")
    overrides = _overrides(settings, gazetteers)
    progress = Progress(show=not quiet and chosen != "json", verbose=verbose)
    try:
        done = add(paths, db, overrides=overrides, progress=progress)
    except StorylineError as error:
        raise _fail(error) from None
    finally:
        progress.close()
    if not quiet:
        _warn_skipped(done.skipped)
    if chosen == "json":
        data = {
            "db": done.db,
            "added": done.added,
            "already_stored": done.already_stored,
            "articles": done.articles,
            "events": done.events,
            "claims": done.claims,
            "skipped": [s.model_dump() for s in done.skipped],
        }
        typer.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    added = len(done.added)
    head = f"stored {added} new report{'s' if added != 1 else ''} in {done.db}"
    if not added:
        head = f"nothing new to store in {done.db}"
    typer.echo(
        f"{head} ({done.already_stored} already there); it holds {done.articles} reports, "
        f"{done.events} events, {done.claims} claims"
    )


@app.command()
def search(
    query: Annotated[
        str, typer.Argument(metavar="QUERY", help="Words to find (SQLite FTS5 syntax works too).")
    ],
    db: Annotated[Path, typer.Option("--db", help="A database made by `storyline ingest`.")],
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=1_000_000, help="At most this many.")
    ] = 20,
    fmt: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option("--format", "-f", help="text or json. Default: text on a terminal."),
    ] = None,
) -> None:
    """Search the stored reports' sentences (SQLite FTS5; word stems match: 'checkpoint'
    finds 'checkpoints'), best match first, each with its report and character offsets."""
    from dataclasses import asdict

    from storyline.api import search as find

    chosen = _choose_format(fmt, None)
    if chosen not in ("text", "json"):
        _usage(f"unknown format '{chosen}' for search; use text or json")
    try:
        hits = find(db, query, limit=limit)
    except StorylineError as error:
        raise _fail(error) from None
    if chosen == "json":
        typer.echo(json.dumps([asdict(h) for h in hits], indent=2, ensure_ascii=False))
        return
    if not hits:
        typer.echo(f"no stored sentence matches {query!r}")
    for hit in hits:
        details = " · ".join(x for x in (hit.outlet, hit.published, hit.article) if x)
        typer.echo(f"{hit.title or hit.article} · {details} · {hit.start}–{hit.end}")
        typer.echo(f"  {hit.snippet}")


def _run(
    paths: list[str] | None,
    fmt: str | None,
    output: Path | None,
    settings: list[str] | None,
    quiet: bool,
    renderer: Callable[[Briefing, Format], str],
    words: int | None = None,
    geojson: Path | None = None,
    gazetteers: list[Path] | None = None,
    extra: list[tuple[Callable[[Briefing], str], Path]] | None = None,
    db: Path | None = None,
    since: str | None = None,
    verbose: bool = False,
    formats: tuple[str, ...] | None = None,
    section: str = "brief",
    command: str | None = None,
) -> None:
    """Brief the inputs (or the reports stored in `db`) and write them in the chosen format:
    what every command shares. `command` (default: the section's name) names the command
    in messages.

    `gazetteers` are added to the setting `places.gazetteers` (after any `--set` gave);
    with `geojson` the places are also written there as a GeoJSON FeatureCollection.
    `section` names the part of the briefing the command prints (`registry.SECTIONS`):
    only the stages it needs are run.
    """
    from storyline.api import brief as build
    from storyline.api import brief_stored
    from storyline.registry import SECTIONS
    from storyline.render import FORMATS, to_geojson

    _paths_or_db(command or section, paths, db)
    chosen = _choose_format(fmt, output)
    allowed = formats or FORMATS
    if chosen not in allowed:
        _usage(f"unknown format '{chosen}'; use {', '.join(allowed[:-1])} or {allowed[-1]}")
    overrides = _overrides(settings, gazetteers)
    progress = Progress(show=not quiet and chosen != "json", verbose=verbose)
    try:
        if db is not None:
            result = brief_stored(
                db, since=since, words=words, overrides=overrides, progress=progress
            )
        else:
            result = build(
                paths,
                words=words,
                overrides=overrides,
                progress=progress,
                sections=SECTIONS[section],
            )
    except StorylineError as error:
        raise _fail(error) from None
    finally:
        progress.close()
    if not quiet:
        _warn_skipped(result.skipped)
    _write(renderer(result, cast("Format", chosen)), output, quiet)
    if geojson is not None:
        _write(to_geojson(result), geojson, quiet)
    for write, path in extra or []:
        _write(write(result), path, quiet)


def _overrides(settings: list[str] | None, gazetteers: list[Path] | None) -> dict[str, Any]:
    """--set assignments, with --gazetteer files added to places.gazetteers."""
    from storyline.settings import parse_assignments

    for file in gazetteers or []:
        if not file.exists():
            raise _fail(StorylineError(Errors.S001, path=str(file)))
    try:
        overrides = parse_assignments(settings or [])
    except StorylineError as error:
        raise _fail(error) from None
    if gazetteers:
        given = overrides.get("places.gazetteers", [])
        added = [str(file) for file in gazetteers]
        # a value that is not a list is left for the settings check to report (S031)
        overrides["places.gazetteers"] = [*given, *added] if isinstance(given, list) else given
    return overrides


def _paths_or_db(command: str, paths: list[str] | None, db: Path | None) -> None:
    """Reports come from PATHs or from --db, exactly one of them."""
    if db is not None and paths:
        _usage(
            f"with --db, {command} reads the stored reports; add new ones with `storyline ingest`"
        )
    if db is None and not paths:
        _usage("pass files, folders or URLs of reports, or --db with a database")


def _usage(message: str) -> NoReturn:
    typer.echo(f"storyline: {message}", err=True)
    raise typer.Exit(EXIT_BAD_INPUT)


_STAGE_WORDS = {
    "read": "reading the inputs",
    "ingest": "reading the inputs",
    "nlp": "parsing the reports",
    "dates": "reading dates",
    "places": "placing names",
    "entities": "merging actors",
    "copies": "finding wire copies",
    "vectors": "embedding sentences",
    "claims": "comparing sources",
    "events": "finding events",
    "timeline": "building the timeline",
    "summary": "writing the summary",
    "store": "storing",
    "features": "weighing the reports' words",
    "group": "grouping the reports into stories",
    "brief": "briefing the stories",
    "done": "done",
}


class Progress:
    """The progress display: a rich bar on stderr once a run has taken `delay` seconds (so
    short runs print nothing), and with `verbose` a line per stage with its time.

    It is the `progress` callback of the API; call `close()` when the run ends.
    """

    def __init__(
        self,
        show: bool,
        verbose: bool = False,
        delay: float = 2.0,
        console: Console | None = None,
    ) -> None:
        from rich.console import Console

        self.console = console or Console(stderr=True)
        self.show = show and self.console.is_terminal
        self.verbose = verbose
        self.begun = time.perf_counter()
        self.stage: str | None = None
        self.stage_begun = self.begun
        self.bar: RichProgress | None = None
        self.task: TaskID | None = None
        self.lock = threading.Lock()
        self.timer: threading.Timer | None = None
        if self.show:
            self.timer = threading.Timer(delay, self._appear)
            self.timer.daemon = True
            self.timer.start()

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        with self.lock:
            if stage != self.stage:
                self._said(now)
                self.stage, self.stage_begun = stage, now
            if self.bar is not None and self.task is not None:
                self.bar.update(
                    self.task,
                    description=_STAGE_WORDS.get(stage, stage),
                    completed=done,
                    total=total or None,
                )

    def _appear(self) -> None:
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        from rich.progress import Progress as RichProgress

        with self.lock:
            if self.stage == "done" or self.timer is None:
                return
            self.bar = RichProgress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                BarColumn(),
                MofNCompleteColumn(),
                TimeElapsedColumn(),
                console=self.console,
                transient=True,
            )
            self.task = self.bar.add_task(_STAGE_WORDS.get(self.stage or "", "working"), total=None)
            self.bar.start()

    def _said(self, now: float) -> None:
        if self.verbose and self.stage and self.stage != "done":
            took = now - self.stage_begun
            self.console.print(f"storyline: {self.stage}: {took:.2f} s", highlight=False)

    def close(self) -> None:
        with self.lock:
            if self.timer is not None:
                self.timer.cancel()
                self.timer = None
            if self.bar is not None:
                self.bar.stop()
                self.bar = None
            self._said(time.perf_counter())
            if self.verbose:
                took = time.perf_counter() - self.begun
                self.console.print(f"storyline: total: {took:.2f} s", highlight=False)
            self.stage = "done"


def _write(text: str, output: Path | None, quiet: bool) -> None:
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(text, encoding="utf-8")
        if not quiet:
            typer.echo(f"storyline: wrote {output}", err=True)


def _since_day(since: str | None, db: Path | None) -> date | None:
    """`stories --since`: None for 'last' (which needs --db) or no option, else the day."""
    if since is None:
        return None
    if since == "last":
        if db is None:
            _usage("--since last needs --db: it compares with the stories stored")
        return None
    try:
        return date.fromisoformat(since)
    except ValueError:
        _usage(f"--since takes 'last' or an ISO date (2024-05-06), not '{since}'")


@app.command()
def stories(
    paths: PathsOrDb = None,
    fmt: SectionFormat = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write the list to this file instead of stdout."),
    ] = None,
    min_reports: Annotated[
        int,
        typer.Option("--min-reports", min=1, help="Brief only stories of this many reports."),
    ] = 2,
    scheduler: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--scheduler",
            help="A Dask cluster's address (tcp://HOST:8786), or 'threads' or 'synchronous'. "
            "Default: Dask's local process pool on every core.",
        ),
    ] = None,
    html: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--html",
            help="Also write an HTML index of the stories to this folder (index.html), with "
            "each briefed story's report beside it (<id>.html).",
        ),
    ] = None,
    settings: Overrides = None,
    quiet: Quiet = False,
    gazetteers: Gazetteers = None,
    db: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option(
            "--db",
            help="A storyline database: the reports given are added to it, every stored "
            "report is grouped, and each story says whether it is new, grew or is the same "
            "since the last run; the stories are kept for the next.",
        ),
    ] = None,
    since: Annotated[
        Optional[str],  # noqa: UP045
        typer.Option(
            "--since",
            help="'last' (with --db): only the stories that are new or grew since the last "
            "run; an ISO date: only the stories with a report published on or after it.",
        ),  # fmt: skip
    ] = None,
) -> None:
    """Group a stream of reports on many stories into stories, in publication order, and
    brief each story of at least --min-reports reports (Dask runs the work)."""
    from storyline.render.stories import render_stories
    from storyline.settings import Settings
    from storyline.stories.stream import stories_from_inputs

    chosen = _choose_format(fmt, output)
    if chosen not in ("json", "md", "text"):
        _usage(f"unknown format '{chosen}'; use json, md or text")
    try:
        loaded = Settings.load(_overrides(settings, gazetteers))
        since_day = _since_day(since, db)
        if db is None and not paths:
            _usage("pass files, folders or URLs of reports, or --db with a database")
        progress = Progress(show=not quiet)
        try:
            result = stories_from_inputs(
                paths or [],
                settings=loaded,
                min_reports=min_reports,
                scheduler=scheduler,
                db=str(db) if db is not None else None,
                progress=progress,
            )
        finally:
            progress.close()
        if since == "last":
            kept = [s for s in result.stories if s.change in ("new", "grew")]
            result = result.model_copy(update={"stories": kept})
        elif since_day is not None:
            kept = [s for s in result.stories if s.last_seen and s.last_seen >= since_day]
            result = result.model_copy(update={"stories": kept})
    except StorylineError as error:
        raise _fail(error) from None
    if not quiet:
        _warn_skipped(result.skipped)
        for story in result.stories:
            if story.error:
                typer.echo(f"storyline: warning: story {story.id}: {story.error}", err=True)
    _write(render_stories(result, chosen), output, quiet)
    if html is not None:
        from storyline.render.html import to_html
        from storyline.render.stories import stories_index_html

        links = {}
        for story in result.stories:
            if story.briefing is not None:
                links[story.id] = f"{story.id}.html"
                _write(to_html(story.briefing), html / links[story.id], True)
        _write(stories_index_html(result, links), html / "index.html", quiet)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the briefing (the JSON output's contract)."""
    from storyline.model import Briefing, json_schema

    typer.echo(json.dumps(json_schema(Briefing), indent=2))


@app.command()
def stages() -> None:
    """List the pipeline's stages: what each needs, produces, and its settings section."""
    from storyline.registry import STAGES

    for stage in STAGES:
        typer.echo(f"{stage.name:8} {stage.doc}")
        typer.echo(f"{'':8}   requires: {', '.join(stage.requires)}")
        typer.echo(f"{'':8}   produces: {', '.join(stage.produces)}")
        if stage.settings:
            typer.echo(f"{'':8}   settings: [{stage.settings}]")


@app.command("settings")
def show_settings() -> None:
    """Print every setting with its default value (override with --set section.name=value)."""
    from storyline.settings import Settings

    for section, values in Settings.load().model_dump().items():
        for name, value in values.items():
            typer.echo(f"{section}.{name} = {value!r}")


def main() -> None:
    try:
        app()
    except StorylineError as error:  # raised outside a command's own handling
        typer.echo(f"storyline: {error.describe()}", err=True)
        sys.exit(EXIT_BAD_INPUT)


if __name__ == "__main__":
    main()
