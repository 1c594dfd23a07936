from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from storyline.model import Briefing, Citation, json_schema

SCHEMA = Path(__file__).resolve().parents[1] / "schema" / "briefing.schema.json"


def test_model_checked_in_schema_matches_the_model() -> None:
    """Regenerate with `make schema` after changing model.py."""
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == json_schema(Briefing)


def test_the_stories_schema_checked_in_matches_the_model() -> None:
    from storyline.model import Stories

    path = SCHEMA.parent / "stories.schema.json"
    assert json.loads(path.read_text(encoding="utf-8")) == json_schema(Stories)


def test_model_records_are_frozen_and_strict() -> None:
    citation = Citation(article="a", start=0, end=3)
    with pytest.raises(ValidationError):
        citation.start = 2  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Citation(article="a", start=0, end=3, extra=1)  # type: ignore[call-arg]
    with pytest.raises(ValidationError):
        Citation(article="a", start=-1, end=3)
