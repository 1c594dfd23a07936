"""The README documents what exists: every command, the two set-up commands, the exit codes."""

from __future__ import annotations

from typer.testing import CliRunner

from storyline.cli import app
from tests.conftest import REPO

README = (REPO / "README.md").read_text(encoding="utf-8")


def test_docs_every_command_is_in_the_readme_with_help() -> None:
    import typer.main

    group = typer.main.get_command(app)
    for name, command in group.commands.items():  # type: ignore[attr-defined]
        assert f"storyline {name}" in README, f"README does not mention `storyline {name}`"
        assert command.help, f"`storyline {name}` has no help text"
        assert CliRunner().invoke(app, [name, "--help"]).exit_code == 0


def test_docs_two_setup_commands_and_ci() -> None:
    assert "make demo" in README and "make test" in README
    assert "make test" in (REPO / ".ci" / "run").read_text(encoding="utf-8")


def test_docs_every_brief_option_is_documented() -> None:
    for option in ("--format", "--output", "--words", "--set", "--quiet"):
        assert option in README, option
