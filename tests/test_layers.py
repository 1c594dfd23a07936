"""Data flows one way: no stage imports from a stage that runs after it.

Read from the source with `ast` (imports inside functions count too), against the stage
order of the registry: a package holds the stages whose functions live in it (`sources`
holds copies, vectors and claims), and may import only packages whose stages all run
before its first. The shared modules (model, errors, settings, text, languages) import no
stage; the model reaches the renderers only inside the briefing's `to_html()` and the like.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from storyline.registry import STAGES

SRC = Path(__file__).resolve().parents[1] / "src" / "storyline"
# the sentence embedder is a model with no stage of its own: the nlp stage's stray check,
# the claims and the events use it
SHARED = ("model", "errors", "settings", "text", "languages", "sources.embed")
# modules that are a unit of their own, apart from their package: the copies stage runs
# before the dates stage (copies of one wire story are dated together), the rest of
# `sources` after it
OWN_UNITS = {"sources.copies"}
# helper modules that belong to a unit of their own: cross-lingual links are made with the
# copies (a translation is a copy in another language) and read again by the claims
ALIASES = {"sources.crosslingual": "sources.copies"}
OWN_UNITS |= {"sources.embed"}
_SPAN: dict[str, list[int]] = {}
for _n, _stage in enumerate(STAGES):
    _module = ".".join(_stage.function.split(".")[1:3])
    _SPAN.setdefault(_module if _module in OWN_UNITS else _module.split(".")[0], []).append(_n)
FIRST = {package: min(n) for package, n in _SPAN.items()}  # a package's first stage
LAST = {package: max(n) for package, n in _SPAN.items()}  # and its last


def _modules() -> list[Path]:
    return sorted(p for p in SRC.rglob("*.py"))


def _part(path: Path) -> str:
    """The unit a file belongs to: 'nlp' for nlp/figures.py, 'sources.copies' for a module
    of `OWN_UNITS`."""
    relative = path.relative_to(SRC)
    own = ".".join(relative.with_suffix("").parts[:2])
    own = ALIASES.get(own, own)
    return own if own in OWN_UNITS else relative.parts[0].removesuffix(".py")


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
                own = ALIASES.get(".".join(parts[1:3]), ".".join(parts[1:3]))
                found.add(own if own in OWN_UNITS else parts[1])
    return found


@pytest.mark.parametrize("path", _modules(), ids=lambda p: str(p.relative_to(SRC)))
def test_layers_no_stage_imports_a_later_stage(path: Path) -> None:
    part = _part(path)
    imported = _imported_parts(path) - {part}
    if part in SHARED:
        if part == "model":  # Briefing.to_html() and the like: renderers, after every stage
            imported -= {"render"}
        assert not imported & set(FIRST), f"{part} is shared and must import no stage"
        assert imported <= set(SHARED), f"{part} imports {imported - set(SHARED)}"
    elif part in FIRST:
        later = {p for p in imported if p in FIRST and LAST[p] >= FIRST[part]}
        assert not later, f"{part} imports the stage(s) of {sorted(later)}, which run later"
        outer = imported - set(FIRST) - set(SHARED)
        assert not outer, f"{part} imports {sorted(outer)}, which sit above the stages"
