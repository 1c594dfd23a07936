"""The pipeline's work grows linearly with its input: a guard against quadratic paths.

No clock is read (a loaded machine must still pass): the test counts the Python and C
function calls (`sys.setprofile`) that storyline makes after the spaCy model has run,
for an input and for one eight times as long. Linear work grows about eightfold; a path
that scans the whole report, or the whole cluster, for each sentence, name or figure
grows up to sixty-four-fold and fails by a wide margin. The texts are written for the
test, with places, dates, figures, actors and event words in every sentence, and
repeated lines so that copies and claims form.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from datetime import date
from types import FrameType
from typing import Any

import pytest

from storyline.model import Article, Cache
from storyline.nlp import load_nlp, records_from_doc
from storyline.registry import SECTIONS, run
from storyline.settings import Settings
from tests.conftest import make_article

pytestmark = pytest.mark.slow
SETTINGS = Settings.load().updated({"nlp.processes": 1})
GROWTH = 8
LINEAR_LIMIT = 12.0  # linear growth gives ~8; a quadratic path gives far more

PLACES = ["Daraa", "Tafas", "Homs", "Aleppo", "Idlib", "Hama", "Nawa", "Jasim", "Sanamayn"]
ACTORS = ["Regime forces", "Rebel fighters", "Government troops", "Armed groups",
          "Police", "Iranian-backed militias", "Russian forces"]  # fmt: skip
PEOPLE = ["Ahmad Masalmeh", "Hamza al-Hourani", "Omar Haddad", "Rami Abdulrahman",
          "Layla Nasser", "Karim Saleh"]  # fmt: skip
ORGS = ["the Syrian Observatory", "the United Nations", "Human Rights Watch", "the Red Crescent"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["June", "July", "August", "September"]
TEMPLATES = [
    "{actor} shelled {place} on {weekday}, killing {n} civilians and wounding {m} others, "
    "{person} said.",
    "On {month} {day}, {n} checkpoints were set up around {place}, according to {org}.",
    "Talks between {org} and residents of {place} collapsed on {weekday} after {m} hours.",
    "{person} told reporters that {actor2} had arrested {n} people in {place} the day before.",
    "Clashes broke out near {place} last week, and at least {n} fighters were killed.",
    "{org} urged both sides to stop the fighting in {place} and let {n} families leave.",
    "Air strikes hit {place} and {place2} on {month} {day}, destroying {m} homes.",
    "{actor} said they had taken control of {place} on {weekday} without a fight.",
]


def _sentence(rng: random.Random) -> str:
    actor, actor2 = rng.sample(ACTORS, 2)
    place, place2 = rng.sample(PLACES, 2)
    return rng.choice(TEMPLATES).format(
        actor=actor, actor2=actor2.lower(), place=place, place2=place2,
        weekday=rng.choice(WEEKDAYS), month=rng.choice(MONTHS), day=rng.randint(1, 28),
        n=rng.randint(2, 40), m=rng.randint(2, 12), person=rng.choice(PEOPLE),
        org=rng.choice(ORGS),
    )  # fmt: skip


def long_report(sentences: int, seed: int = 7) -> list[Article]:
    """One report whose body is a single paragraph of `sentences` sentences."""
    rng = random.Random(seed)
    body = " ".join(_sentence(rng) for _ in range(sentences))
    return [make_article("long", [body], published=date(2021, 7, 28), published_basis="text")]


def cluster(reports: int, seed: int = 11) -> list[Article]:
    """Reports of eight sentences; every third one repeats two lines of another (a copy)."""
    rng = random.Random(seed)
    articles: list[Article] = []
    for n in range(reports):
        lines = [_sentence(rng) for _ in range(8)]
        if n % 3 == 2:
            lines[:2] = articles[n - 1].text.split("\n\n")[:2]
        articles.append(
            make_article(
                f"r{n}", lines, published=date(2021, 7, 1 + n % 28), published_basis="metadata"
            )
        )
    return articles


def calls(work: Callable[[], Any]) -> int:
    """How many Python and C functions `work` calls."""
    count = 0

    def profile(frame: FrameType, event: str, arg: Any) -> None:
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(profile)
    try:
        work()
    finally:
        sys.setprofile(None)
    return count


def pipeline_calls(articles: list[Article]) -> int:
    """Calls storyline makes for a full briefing, the spaCy model's own work left out: the
    docs are made first, then the records are read from them and every stage runs."""
    nlp = load_nlp(SETTINGS.nlp.model)
    docs = list(nlp.pipe([a.text for a in articles]))

    def work() -> None:
        parses = {a.id: records_from_doc(d, a) for d, a in zip(docs, articles, strict=True)}
        run(SETTINGS, SECTIONS["brief"], articles=articles, cache=Cache(parses=parses))

    return calls(work)


@pytest.fixture(scope="module", autouse=True)
def warm() -> None:
    """Load every model and index once, so no count pays for a first use."""
    run(SETTINGS, SECTIONS["brief"], articles=cluster(3))


@pytest.mark.parametrize(
    ("name", "make", "size"),
    [("one long report (sentences)", long_report, 40), ("a cluster (reports)", cluster, 6)],
)
def test_scaling_work_grows_linearly(
    name: str, make: Callable[[int], list[Article]], size: int
) -> None:
    small = pipeline_calls(make(size))
    large = pipeline_calls(make(size * GROWTH))
    growth = large / small
    assert growth < LINEAR_LIMIT, f"{name}: {size} → {size * GROWTH} costs {growth:.1f}× the calls"


def test_scaling_counter_sees_a_quadratic_path() -> None:
    """The guard itself: work that scans every earlier item for each item fails it."""

    def quadratic(n: int) -> Callable[[], Any]:
        return lambda: [sum(1 for _ in range(i)) for i in range(n)]

    assert calls(quadratic(50 * GROWTH)) / calls(quadratic(50)) > LINEAR_LIMIT
