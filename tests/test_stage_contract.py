"""One contract for every stage in the registry, run through the shipped runner: its function
takes what it declares, and on an empty cluster, a single article and non-English text it
gives the same results twice and leaves its inputs as they were."""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np
import pytest

from storyline.errors import Errors, StorylineError
from storyline.model import Article
from storyline.registry import GIVEN, STAGES, Results, Stage, plan, register, run
from storyline.settings import Settings
from tests.conftest import make_article

SETTINGS = Settings.load()

ONE = [
    make_article(
        "one",
        [
            "The ferry to Exton was cancelled on Friday because of high winds.",
            "Passengers were offered seats on Saturday's first sailing.",
        ],
    )
]
FOREIGN = [
    make_article(
        "fr",
        [
            "Le traversier pour Exton a été annulé vendredi à cause du vent.",
            "Les passagers partiront samedi matin.",
        ],
    ),
    make_article("ar", ["ألغيت العبارة إلى إكستون يوم الجمعة بسبب الرياح."]),
]


def test_stage_contract_functions_take_what_they_declare() -> None:
    for stage in STAGES:
        parameters = list(inspect.signature(stage.load()).parameters.values())
        positional = [p for p in parameters if p.kind == p.POSITIONAL_OR_KEYWORD]
        assert len(positional) >= len(stage.requires), stage.name
        extra = positional[len(stage.requires) :]
        assert all(p.default is not p.empty for p in extra), f"{stage.name}: {extra}"
        keywords = {p.name for p in parameters if p.kind == p.KEYWORD_ONLY}
        assert ("settings" in keywords) == (stage.settings is not None), stage.name
        assert ("progress" in keywords) == stage.progress, stage.name


def test_stage_contract_registration_refuses_a_broken_graph() -> None:
    first = Stage("a", "x.a", ("articles",), ("alpha",), None, "")
    with pytest.raises(ValueError, match="requires beta"):
        register([first, Stage("b", "x.b", ("beta",), ("gamma",), None, "")])
    with pytest.raises(ValueError, match="produces alpha again"):
        register([first, Stage("b", "x.b", ("alpha",), ("alpha",), None, "")])
    with pytest.raises(ValueError, match="two stages"):
        register([first, Stage("a", "x.b", ("alpha",), ("beta",), None, "")])
    assert register([first, Stage("b", "x.b", ("alpha",), ("beta",), None, "")])


def test_stage_contract_plan_runs_only_what_a_result_needs() -> None:
    given = ("articles", "cache")
    assert [s.name for s in plan(["timeline"], given)] == ["nlp", "copies", "dates", "timeline"]
    assert [s.name for s in plan(["places"], given)] == ["nlp", "places"]
    assert "vectors" not in {s.name for s in plan(["timeline"], given)}
    assert {"vectors", "claims"} <= {s.name for s in plan(["summary"], given)}
    with pytest.raises(ValueError, match="no stage produces"):
        plan(["nonsense"], given)


def _comparable(value: Any) -> Any:
    """A result in a form `==` can compare: vectors as lists, a function by what it says."""
    if callable(value):
        return [value(w) for w in ("Syrian", "French", "Exton", "nothing")]
    if isinstance(value, dict) and value and isinstance(next(iter(value.values())), np.ndarray):
        return {k: v.tolist() for k, v in value.items()}
    return value


def _run(stage: Stage, cluster: list[Article]) -> Results:
    if stage.name == "ingest":
        return run(SETTINGS, stage.produces, inputs=[])
    return run(SETTINGS, stage.produces, articles=cluster)


@pytest.mark.slow
@pytest.mark.parametrize("stage", STAGES, ids=lambda s: s.name)
@pytest.mark.parametrize("cluster", [[], ONE, FOREIGN], ids=["empty", "single", "non-english"])
def test_stage_contract(stage: Stage, cluster: list[Article]) -> None:
    before = [a.model_dump() for a in cluster]
    first, second = _run(stage, cluster), _run(stage, cluster)
    for name in stage.produces:
        if name != "headline":  # None when no report's title covers the summary
            assert getattr(first, name) is not None, f"{stage.name} did not produce {name}"
        assert _comparable(getattr(first, name)) == _comparable(getattr(second, name)), (
            f"{stage.name}: {name} is not deterministic"
        )
    assert [a.model_dump() for a in cluster] == before, "inputs changed"


def test_stage_contract_given_names_are_results() -> None:
    assert set(GIVEN) <= {f for f in Results.__dataclass_fields__}


@pytest.mark.slow
def test_stage_contract_api_refuses_no_article() -> None:
    from storyline.api import build_briefing

    with pytest.raises(StorylineError) as caught:
        build_briefing([])
    assert caught.value.code == Errors.S020
