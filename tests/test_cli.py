from __future__ import annotations

import json
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
    assert data["schema_version"] and len(data["articles"]) == 5
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
    assert settings.exit_code == 0 and "summary.words = 120" in settings.stdout


@pytest.mark.parametrize("fmt,marker", [("text", "TIMELINE"), ("md", "## Timeline")])
def test_cli_timeline_prints_dated_entries(example_dir: Path, fmt: str, marker: str) -> None:
    result = runner.invoke(app, ["timeline", str(example_dir), "--format", fmt])
    assert result.exit_code == 0, result.output
    assert marker in result.stdout and "2024-03-11 Mon" in result.stdout
    assert "SUMMARY" not in result.stdout and "## Summary" not in result.stdout


def test_cli_timeline_json_keeps_dates_not_texts(example_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "timeline.json"
    result = runner.invoke(app, ["timeline", str(example_dir), "-o", str(out)])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text(encoding="utf-8"))
    assert set(data) == {"schema_version", "timeline", "date_issues", "articles"}
    assert data["timeline"] and "text" not in data["articles"][0]
