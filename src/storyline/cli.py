"""The `storyline` command: parses arguments, calls the API, maps errors to exit codes.

Exit codes: 0 briefed (some inputs may have been skipped, with a warning each);
2 bad input or usage (no usable article, unknown setting); 1 a bug in storyline.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Optional

import typer

from storyline.errors import Errors, NoUsableInput, StorylineError
from storyline.model import Skipped

if TYPE_CHECKING:
    from storyline.model import Briefing
    from storyline.render import Format

app = typer.Typer(
    name="storyline",
    help="Turn news reports about one story into a cited briefing.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

EXIT_BAD_INPUT = 2
_GAZETTEER_HELP = (
    "A GeoNames dump file (e.g. SY.txt) laid over the bundled gazetteer (repeatable); "
    "added to the setting places.gazetteers."
)
# Options several commands share, declared once.
Paths = Annotated[list[str], typer.Argument(help="Files, folders or http(s) URLs of reports.")]
SectionFormat = Annotated[
    Optional[str],  # noqa: UP045
    typer.Option("--format", "-f", help="json, md or text. Default: as for `brief`."),
]
Overrides = Annotated[
    Optional[list[str]],  # noqa: UP045
    typer.Option("--set", help="Override a setting: section.name=value (repeatable)."),
]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No warnings on stderr.")]
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
    """--format wins; else the output file's suffix; else text on a terminal, JSON in a pipe."""
    if fmt:
        return fmt
    if output is not None and output.suffix.lower() in _SUFFIX_FORMATS:
        return _SUFFIX_FORMATS[output.suffix.lower()]
    return "text" if sys.stdout.isatty() else "json"


@app.command()
def brief(
    paths: Paths,
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
    words: Annotated[
        Optional[int],  # noqa: UP045
        typer.Option("--words", "-w", min=10, help="Summary length in words [default: 120]."),
    ] = None,
    settings: Overrides = None,
    quiet: Quiet = False,
    gazetteers: Gazetteers = None,
) -> None:
    """Brief a cluster of reports: the articles read and a summary citing its sources."""
    from storyline.render import render

    _run(paths, fmt, output, settings, quiet, render, words=words, gazetteers=gazetteers)


@app.command()
def timeline(
    paths: Paths,
    fmt: SectionFormat = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write the timeline to this file instead of stdout."),
    ] = None,
    settings: Overrides = None,
    quiet: Quiet = False,
) -> None:
    """Print the timeline: dated happenings in date order, each citing its sources, and the
    date warnings."""
    from storyline.render import render_timeline

    _run(paths, fmt, output, settings, quiet, render_timeline)


@app.command()
def places(
    paths: Paths,
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
) -> None:
    """Print the places the reports name, resolved to coordinates, and the names that could
    not be placed."""
    from storyline.render import render_places

    _run(paths, fmt, output, settings, quiet, render_places, geojson=geojson, gazetteers=gazetteers)


@app.command()
def sources(
    paths: Paths,
    fmt: SectionFormat = None,
    output: Annotated[
        Optional[Path],  # noqa: UP045
        typer.Option("--output", "-o", help="Write the comparison to this file instead of stdout."),
    ] = None,
    settings: Overrides = None,
    quiet: Quiet = False,
) -> None:
    """Compare the sources: which reports are copies of one wire story, which claims
    independent sources corroborate, and where the reports' figures and dates differ."""
    from storyline.render import render_sources

    _run(paths, fmt, output, settings, quiet, render_sources)


@app.command()
def events(
    paths: Paths,
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
    _run(paths, fmt, output, settings, quiet, render_events, gazetteers=gazetteers, extra=extra)


def _run(
    paths: list[str],
    fmt: str | None,
    output: Path | None,
    settings: list[str] | None,
    quiet: bool,
    renderer: Callable[[Briefing, Format], str],
    words: int | None = None,
    geojson: Path | None = None,
    gazetteers: list[Path] | None = None,
    extra: list[tuple[Callable[[Briefing], str], Path]] | None = None,
) -> None:
    """Brief the inputs and write them in the chosen format: what every command shares.

    `gazetteers` are added to the setting `places.gazetteers` (after any `--set` gave);
    with `geojson` the places are also written there as a GeoJSON FeatureCollection.
    """
    from storyline.api import brief as build
    from storyline.render import FORMATS, to_geojson
    from storyline.settings import parse_assignments

    chosen = _choose_format(fmt, output)
    if chosen not in FORMATS:
        typer.echo(f"storyline: unknown format '{chosen}'; use json, md or text", err=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    for file in gazetteers or []:
        if not file.exists():
            raise _fail(StorylineError(Errors.S001, path=str(file)))
    try:
        overrides = parse_assignments(settings or [])
        if gazetteers:
            given = overrides.get("places.gazetteers", [])
            added = [str(file) for file in gazetteers]
            # a value that is not a list is left for the settings check to report (S031)
            overrides["places.gazetteers"] = [*given, *added] if isinstance(given, list) else given
        result = build(paths, words=words, overrides=overrides)
    except StorylineError as error:
        raise _fail(error) from None
    if not quiet:
        _warn_skipped(result.skipped)
    _write(renderer(result, chosen), output, quiet)
    if geojson is not None:
        _write(to_geojson(result), geojson, quiet)
    for write, path in extra or []:
        _write(write(result), path, quiet)


def _write(text: str, output: Path | None, quiet: bool) -> None:
    if output is None:
        typer.echo(text, nl=False)
    else:
        output.write_text(text, encoding="utf-8")
        if not quiet:
            typer.echo(f"storyline: wrote {output}", err=True)


@app.command()
def schema() -> None:
    """Print the JSON Schema of the briefing (the JSON output's contract)."""
    from storyline.model import Briefing

    typer.echo(json.dumps(Briefing.model_json_schema(), indent=2))


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
