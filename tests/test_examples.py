from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO


@pytest.mark.slow
def test_examples_api_script_runs() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "examples" / "api.py")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "8 articles; headline:" in result.stdout


@pytest.mark.slow
def test_examples_cluster_has_its_wire_copy_cited_by_both_outlets(example_dir: Path) -> None:
    import storyline

    briefing = storyline.brief([example_dir], words=250)
    cited = [{c.article for c in item.citations} for item in briefing.summary]
    assert any({"andean-wire", "valley-courier"} <= ids for ids in cited)
    outlets = {a.id: a.outlet for a in briefing.articles}
    assert outlets["valley-courier"] == "Valley Courier"
