"""Claims on labelled fictional clusters: no trap corroborated, the links a reader makes found.

The clusters and their labels are in tests/fixtures/clusters (see its README): traps are
pairs of clauses a careless reader joins and must not (a background fact against a
current event, two deals, two days of fighting, one toll word for two incidents, a
statement against the event it comments on, a plan against a fact).
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from storyline.api import build_briefing, read
from storyline.model import Briefing, Claim
from storyline.settings import Settings

pytestmark = pytest.mark.slow
CLUSTERS = Path(__file__).resolve().parents[1] / "fixtures" / "clusters"
NAMES = sorted(p.name for p in CLUSTERS.iterdir() if p.is_dir())


def brief(name: str) -> tuple[Briefing, dict[str, object]]:
    folder = CLUSTERS / name
    labels = json.loads((folder / "labels.json").read_text(encoding="utf-8"))
    settings = Settings.load()
    articles, _ = read(sorted(str(p) for p in folder.glob("*.txt")), settings)
    dated = [
        a.model_copy(
            update={
                "published": date.fromisoformat(labels["published"][Path(a.source).name]),
                "published_basis": "metadata",
            }
        )
        for a in articles
    ]
    return build_briefing(dated, settings=settings), labels


def where(briefing: Briefing, file: str, words: str) -> tuple[str, int, int]:
    """The article id and offsets of a piece of a report's text."""
    article = next(a for a in briefing.articles if Path(a.source).name == file)
    start = article.text.find(words)
    assert start >= 0, f"{words!r} is not in {file}"
    return article.id, start, start + len(words)


def claims_holding(briefing: Briefing, spot: tuple[str, int, int]) -> list[Claim]:
    article, start, end = spot
    return [
        c
        for c in briefing.claims
        if any(x.article == article and x.start < end and start < x.end for x in c.citations)
    ]


def joined(briefing: Briefing, pair: list[list[str]]) -> bool:
    """Whether one claim that counts two independent sources holds both clauses."""
    first = claims_holding(briefing, where(briefing, *pair[0]))
    second = claims_holding(briefing, where(briefing, *pair[1]))
    return any(c in second and c.independent_sources >= 2 for c in first)


@pytest.fixture(scope="module", params=NAMES)
def labelled(request: pytest.FixtureRequest) -> tuple[Briefing, dict[str, object]]:
    return brief(request.param)


def test_labelled_no_trap_is_corroborated(labelled: tuple[Briefing, dict[str, object]]) -> None:
    briefing, labels = labelled
    wrong = [pair for pair in labels["traps"] if joined(briefing, pair)]  # type: ignore[attr-defined]
    assert not wrong, f"false corroborations: {wrong}"


def test_labelled_links_a_reader_makes_are_found(
    labelled: tuple[Briefing, dict[str, object]],
) -> None:
    briefing, labels = labelled
    links = labels["links"]
    found = [pair for pair in links if joined(briefing, pair)]  # type: ignore[attr-defined]
    assert len(found) >= 1, f"none of {links} found"


def test_labelled_clusters_cover_every_kind_of_trap() -> None:
    traps = [t for name in NAMES for t in brief_labels(name)["traps"]]
    assert len(NAMES) >= 3 and len(traps) >= 15


def brief_labels(name: str) -> dict[str, list[list[list[str]]]]:
    data: dict[str, list[list[list[str]]]] = json.loads(
        (CLUSTERS / name / "labels.json").read_text(encoding="utf-8")
    )
    return data
