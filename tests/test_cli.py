from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app

runner = CliRunner()


@pytest.mark.slow
def test_cli_brief_json_output_file(example_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "briefing.json"
    result = runner.invoke(app, ["brief", str(example_dir), "--output", str(out), "--words", "60"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["schema_version"] and len(data["articles"]) == 8
    assert len(data["summary"]) >= 1 and sum(len(s["text"].split()) for s in data["summary"]) <= 60


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "marker"), [("md", "## Summary"), ("text", "SUMMARY")])
def test_cli_brief_formats(example_dir: Path, fmt: str, marker: str) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), "--format", fmt])
    assert result.exit_code == 0
    assert marker in result.stdout


@pytest.mark.slow
def test_cli_brief_warns_about_bad_inputs_and_goes_on(example_dir: Path, tmp_path: Path) -> None:
    binary = tmp_path / "photo.txt"
    binary.write_bytes(b"\x00\x01\x02")
    result = runner.invoke(
        app, ["brief", str(binary), str(example_dir / "andean-wire.txt"), "-f", "json"]
    )
    assert result.exit_code == 0
    assert f"storyline: warning: {binary}: S004" in result.stderr
    assert json.loads(result.stdout)["skipped"][0]["code"] == "S004"


def test_cli_brief_no_usable_input_exits_2(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    result = runner.invoke(app, ["brief", str(empty), str(tmp_path / "missing.txt")])
    assert result.exit_code == 2
    assert "S003" in result.stderr and "S001" in result.stderr and "S020" in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--set", "summary.nope=3"], "S030"),
        (["--set", "summary.words=many"], "S031"),
        (["--format", "pdf"], "unknown format"),
        (["-o", "out.html"], "storyline report` writes the HTML"),  # never JSON named .html
        (["-o", "out.csv"], "cannot tell the format from the suffix '.csv'"),
    ],
)
def test_cli_brief_bad_options_exit_2(example_dir: Path, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["brief", str(example_dir), *args])
    assert result.exit_code == 2
    assert message in result.stderr


def test_cli_schema_prints_the_json_schema() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["title"] == "Briefing"


def test_cli_stages_and_settings() -> None:
    stages = runner.invoke(app, ["stages"])
    assert stages.exit_code == 0 and "summary" in stages.stdout and "requires" in stages.stdout
    settings = runner.invoke(app, ["settings"])
    assert settings.exit_code == 0 and "summary.words = 0" in settings.stdout


@pytest.mark.parametrize("fmt,marker", [("text", "TIMELINE"), ("md", "## Timeline")])
def test_cli_timeline_prints_dated_entries(example_dir: Path, fmt: str, marker: str) -> None:
    result = runner.invoke(app, ["timeline", str(example_dir), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert marker in result.stdout and "2024-03-11 Mon" in result.stdout
    assert "SUMMARY" not in result.stdout and "## Summary" not in result.stdout


def test_cli_timeline_json_keeps_dates_and_the_texts_cited(
    example_dir: Path, tmp_path: Path
) -> None:
    out = tmp_path / "timeline.json"
    result = runner.invoke(app, ["timeline", str(example_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"schema_version", "timeline", "date_issues", "articles"}
    assert data["timeline"] and data["articles"][0]["text"]


# A GeoNames dump file (19 tab-separated columns) with places the bundled data lacks:
# a village under 500 people and a reservoir near Tarija (fictional ids and figures).
GEONAMES_ROWS = {
    "santa-ana.txt": [
        "90000001", "Santa Ana", "Santa Ana", "Santa Ana la Nueva", "-21.5833", "-64.6167",
        "P", "PPL", "BO", "", "09", "", "", "", "350", "", "1900", "America/La_Paz",
        "2024-01-01",
    ],
    "san-jacinto.txt": [
        "90000002", "San Jacinto", "San Jacinto", "Embalse San Jacinto", "-21.6000", "-64.7200",
        "H", "RSV", "BO", "", "09", "", "", "", "0", "", "1850", "America/La_Paz",
        "2024-01-01",
    ],
}  # fmt: skip


def _gazetteer(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    header = "# geonameid\tname\tasciiname\t...\n"
    path.write_text(header + "\t".join(GEONAMES_ROWS[name]) + "\n", encoding="utf-8")
    return path


@pytest.mark.slow
@pytest.mark.parametrize(("fmt", "marker"), [("text", "PLACES"), ("md", "## Places")])
def test_cli_places_prints_places(example_dir: Path, fmt: str, marker: str) -> None:
    result = runner.invoke(app, ["places", str(example_dir), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(marker)
    assert "Tarija** — city" in result.stdout or "Tarija — city" in result.stdout
    assert "-21.5355, -64.7296" in result.stdout
    assert "SUMMARY" not in result.stdout and "## Summary" not in result.stdout


@pytest.mark.slow
def test_cli_places_json_and_geojson(example_dir: Path, tmp_path: Path) -> None:
    geojson = tmp_path / "places.geojson"
    result = runner.invoke(
        app, ["places", str(example_dir), "--format", "json", "--geojson", str(geojson)]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) == {"schema_version", "articles", "places", "unresolved"}
    assert "Tarija" in [p["name"] for p in data["places"]]
    assert isinstance(data["unresolved"], list) and data["articles"][0]["text"]
    assert f"storyline: wrote {geojson}" in result.stderr
    collection = json.loads(geojson.read_text(encoding="utf-8"))
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == len(data["places"])
    tarija = next(f for f in collection["features"] if f["properties"]["name"] == "Tarija")
    assert tarija["geometry"]["coordinates"] == pytest.approx([-64.72956, -21.53549], abs=0.01)


@pytest.mark.slow
def test_cli_places_quiet_geojson_says_nothing(example_dir: Path, tmp_path: Path) -> None:
    geojson = tmp_path / "places.geojson"
    args = ["places", str(example_dir), "-f", "json", "-q", "--geojson", str(geojson)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stderr == "" and geojson.is_file()


@pytest.mark.parametrize("command", ["places", "brief"])
def test_cli_missing_gazetteer_exits_2(example_dir: Path, tmp_path: Path, command: str) -> None:
    missing = tmp_path / "missing.txt"
    result = runner.invoke(app, [command, str(example_dir), "--gazetteer", str(missing)])
    assert result.exit_code == 2
    assert f"{missing}: S001" in result.stderr
    assert "Traceback" not in result.output


def test_cli_gazetteer_setting_must_be_a_list(example_dir: Path, tmp_path: Path) -> None:
    file = _gazetteer(tmp_path, "santa-ana.txt")
    args = ["places", str(example_dir), "--set", "places.gazetteers=3", "--gazetteer", str(file)]
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "S031" in result.stderr and "places.gazetteers" in result.stderr


@pytest.mark.slow
def test_cli_places_gazetteer_files_are_laid_over_the_bundled_data(
    example_dir: Path, tmp_path: Path
) -> None:
    santa_ana = _gazetteer(tmp_path, "santa-ana.txt")
    san_jacinto = _gazetteer(tmp_path, "san-jacinto.txt")
    args = [
        "places",
        str(example_dir),
        "-f",
        "json",
        "--set",
        f"places.gazetteers=['{santa_ana}']",  # --gazetteer adds to what --set gave
        "--gazetteer",
        str(san_jacinto),
    ]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    ids = {p["geonames_id"]: p for p in json.loads(result.stdout)["places"]}
    assert ids[90000001]["name"] == "Santa Ana" and ids[90000001]["lat"] == -21.5833
    assert ids[90000002]["name"] == "San Jacinto" and ids[90000002]["admin1"] == "Tarija"


@pytest.mark.slow
def test_cli_brief_accepts_a_gazetteer(example_dir: Path, tmp_path: Path) -> None:
    file = _gazetteer(tmp_path, "san-jacinto.txt")
    result = runner.invoke(app, ["brief", str(example_dir), "-f", "md", "--gazetteer", str(file)])
    assert result.exit_code == 0, result.output
    assert "## Places" in result.stdout and "**San Jacinto** — landmark" in result.stdout


@pytest.mark.parametrize(
    ("fmt", "marker"), [("text", "SOURCES COMPARED"), ("md", "## Sources compared")]
)
def test_cli_sources_prints_the_comparison(example_dir: Path, fmt: str, marker: str) -> None:
    result = runner.invoke(app, ["sources", str(example_dir), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert marker in result.output
    assert "carry one wire story" in result.output
    assert "Killed:" in result.output


def test_cli_sources_json_holds_the_comparison_only(example_dir: Path) -> None:
    result = runner.invoke(app, ["sources", str(example_dir), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert set(data) == {
        "schema_version", "articles", "syndication", "source_groups", "claims", "discrepancies"
    }  # fmt: skip
    assert data["syndication"][0]["articles"] == ["andean-wire", "valley-courier"]


def test_cli_progress_appears_only_after_its_delay() -> None:
    import io
    import time

    from rich.console import Console

    from storyline.cli import Progress

    def run(delay: float, show: bool = True, verbose: bool = False) -> str:
        out = io.StringIO()
        console = Console(file=out, force_terminal=True, width=100)
        progress = Progress(show=show, verbose=verbose, delay=delay, console=console)
        for done in range(1, 4):
            progress("nlp", done, 3)
            time.sleep(0.1)
        progress("claims", 0, 0)
        time.sleep(0.15)
        progress.close()
        return out.getvalue()

    shown = run(delay=0.0)
    assert "parsing the reports" in shown or "comparing sources" in shown
    assert run(delay=30.0) == ""  # a short run prints nothing
    assert run(delay=0.0, show=False) == ""  # --quiet, --format json
    said = run(delay=30.0, show=False, verbose=True)
    assert "storyline: nlp:" in said and "storyline: claims:" in said
    assert "storyline: total:" in said


def test_cli_report_writes_one_html_file(tmp_path: Path, example_dir: Path) -> None:
    out = tmp_path / "deep" / "report.html"
    result = CliRunner().invoke(app, ["report", str(example_dir), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and '<section id="events">' in page
    result = CliRunner().invoke(app, ["report"])
    assert result.exit_code == 2 and "--db" in result.stderr


@pytest.mark.slow
def test_identical_runs_give_identical_bytes(tmp_path: Path, example_dir: Path) -> None:
    """Same inputs, same output, whatever order Python's string hashing gives sets."""
    import os
    import subprocess
    import sys

    outputs = []
    for seed in ("4", "5"):  # two seeds that ordered a claim's sources differently
        target = tmp_path / f"brief-{seed}.json"
        subprocess.run(
            [sys.executable, "-c", "from storyline.cli import main; main()", "brief",
             str(example_dir), "-q", "-f", "json", "-o", str(target)],
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        )  # fmt: skip
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


COMMANDS = ["brief", "timeline", "places", "sources", "events", "report", "ingest", "search",
            "stories", "stages", "settings"]  # fmt: skip


def test_version_and_short_help() -> None:
    from storyline import __version__

    for flag in ("--version", "-V"):
        shown = CliRunner().invoke(app, [flag])
        assert shown.exit_code == 0 and shown.stdout.strip() == f"storyline {__version__}"
    assert CliRunner().invoke(app, ["-h"]).stdout == CliRunner().invoke(app, ["--help"]).stdout


@pytest.mark.parametrize("command", COMMANDS)
def test_help_shows_plain_metavars_and_one_usage_style(command: str) -> None:
    shown = CliRunner().invoke(app, [command, "-h"], terminal_width=100)
    assert shown.exit_code == 0, shown.output
    for python_type in ("<bool>", "<str>", "<int", "<list", "<path>", "{"):
        assert python_type not in shown.stdout, (command, python_type)
    usage = next(line for line in shown.stdout.splitlines() if "Usage:" in line)
    assert usage.split()[2:4] == [command, "[OPTIONS]"]
    assert all(p in ("PATH...", "[PATH]...", "QUERY") for p in usage.split()[4:])


def test_help_loads_no_model_or_pipeline() -> None:
    # a user typing --help waits for nothing the help does not need
    code = ("import sys; from typer.testing import CliRunner; from storyline.cli import app; "
            "CliRunner().invoke(app, ['brief', '--help']); "
            "print(sorted(m for m in ('storyline.api', 'storyline.model', 'spacy', "
            "'storyline.nlp', 'storyline.places') if m in sys.modules))")  # fmt: skip
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


@pytest.mark.slow
@pytest.mark.parametrize("command", ["brief", "timeline", "places", "sources", "events"])
def test_every_commands_json_validates_against_the_shipped_schema(
    example_dir: Path, command: str
) -> None:
    import jsonschema

    schema = json.loads((Path(__file__).resolve().parents[1] / "schema" / "briefing.schema.json")
                        .read_text(encoding="utf-8"))  # fmt: skip
    result = runner.invoke(app, [command, str(example_dir), "-f", "json", "-q"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    jsonschema.validate(data, schema)
    texts = {a["id"]: a["text"] for a in data["articles"]}
    for entry in data.get("timeline", []):  # the citations resolve in the output itself
        for citation in entry["citations"]:
            assert texts[citation["article"]][citation["start"] : citation["end"]]


@pytest.mark.slow
def test_every_command_that_reads_reports_reads_a_store_too(
    example_dir: Path, tmp_path: Path
) -> None:
    db = tmp_path / "story.db"
    assert runner.invoke(app, ["ingest", str(example_dir), "--db", str(db), "-q"]).exit_code == 0
    table = tmp_path / "events.csv"
    events = runner.invoke(app, ["events", "--db", str(db), "--csv", str(table), "-f", "json"])
    assert events.exit_code == 0, events.output
    assert json.loads(events.stdout)["events"] and table.read_text(encoding="utf-8")
    for command in ("timeline", "places", "sources"):
        shown = runner.invoke(app, [command, "--db", str(db), "-f", "json", "-q"])
        assert shown.exit_code == 0, (command, shown.output)
    both = runner.invoke(app, ["timeline", str(example_dir), "--db", str(db)])
    assert both.exit_code == 2 and "storyline ingest" in both.stderr
