"""Data flows one way: no stage imports from a stage that runs after it.

Read from the source with `ast` (imports inside functions count too), against the stage
order of the registry. The shared modules (model, errors, settings, text) import no stage.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from storyline.registry import STAGES

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"
SHARED = ("model", "errors", "settings", "text")
ORDER = {stage.name: n for n, stage in enumerate(STAGES)}


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py"))


def _part(path: Path) -> str:
    """The top-level part of the package a file belongs to: 'nlp' for nlp/figures.py."""
    relative = path.relative_to(SRC)
    return relative.parts[0].removesuffix(".py")


def _imported_parts(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module]
        elif isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        for name in names:
            parts = name.split(".")
            if parts[0] == "storyline" and len(parts) > 1:
                found.add(parts[1])
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_layers_no_stage_imports_a_later_stage(path: Path) -> None:
    part = _part(path)
    imported = _imported_parts(path) - {part}
    if part in SHARED:
        assert not imported & set(ORDER), f"{part} is shared and must import no stage"
        assert imported <= set(SHARED), f"{part} imports {imported - set(SHARED)}"
    elif part in ORDER:
        later = {p for p in imported if p in ORDER and ORDER[p] > ORDER[part]}
        assert not later, f"stage {part} imports the later stage(s) {sorted(later)}"
        outer = imported - set(ORDER) - set(SHARED)
        assert not outer, f"stage {part} imports {sorted(outer)}, which sit above the stages"
