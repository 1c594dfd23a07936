"""The learned ranker: which of a name's gazetteer places the story means.

Each candidate place of a name is described by a few numbers (`features`): how big it
is, alone and beside the name's other places; its kind (country, region, town ...);
whether the words around the name ask for that kind ("X province", "the village of
X"); whether the name is its own or only an alternate spelling; and where the story
is (the shares of the story's evidence in its country, its neighbours and its
first-level region, and how near it lies to the story's other places). A conditional
logit (one weight per feature, a softmax over the name's candidates) turns them into
probabilities. The weights are in data/place_ranker.json, fitted by
scripts/train_place_ranker.py on the gold toponyms of GeoWebNews and TR-News; the
file records the feature version it was built for. Only numpy at run time.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from storyline.errors import Errors, StorylineError
from storyline.places.gazetteer import Entry
from storyline.places.recognise import Candidate

if TYPE_CHECKING:
    from storyline.places.resolve import Context

MODEL_PATH = Path(__file__).resolve().parent / "data" / "place_ranker.json"
FEATURES_VERSION = "place-ranker/v4"  # bump when `features` changes; the file must match

ADMIN = ("admin1", "admin2")
TOWN = ("city", "village", "neighbourhood")
SMALL = {"neighbourhood", "landmark"}
POINTS = (*TOWN, "landmark")  # places whose point is where they are, not a region's middle

FEATURE_NAMES = (
    "size",  # log10(population + 1) / 7, at most 1; countries and continents 1
    "biggest",  # the most populous candidate of the name
    "country",
    "continent",
    "admin1",
    "admin2",
    "city",
    "village",
    "capital",  # a country's capital
    "primary",  # the name is the place's own, not an alternate spelling
    "shadowed",  # a region named after its own big town, with no "province" cue
    "asked_kind",  # the words around name its very kind ("the X reservoir": a landmark)
    "small_asked_big",  # "the neighbourhood/landmark X" and a country or region
    "village_asked_city",  # "the village of X" and a place over 50,000 people
    "country_share",  # the story's share of evidence in the place's country
    "neighbour_share",  # ... in the countries bordering it, when no candidate's country
    # has any
    "region_share",  # ... in its first-level region
    "nearness",  # exp(-km to the nearest other place of the story / 250), for a town or
    # landmark (a region's point is only the middle of its towns: where it is says little)
    "top_country",  # in the country with the most evidence
    "no_context_size",  # size, when the story says nothing about where it is
    "exact_name",  # the gazetteer's name is the name as written, letter for letter
)

Matrix = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Ranker:
    """A conditional logit over a name's candidates."""

    weights: Matrix  # one per FEATURE_NAMES

    def probabilities(self, features: Matrix) -> Matrix:
        logits = features @ self.weights
        logits = logits - logits.max()
        p = np.exp(logits)
        return np.asarray(p / p.sum())

    def to_json(self, trained_on: str) -> str:
        return json.dumps(
            {
                "features_version": FEATURES_VERSION,
                "trained_on": trained_on,
                "weights": {
                    n: round(float(w), 6) for n, w in zip(FEATURE_NAMES, self.weights, strict=True)
                },
            },
            indent=1,
        )


def load_ranker(path: Path = MODEL_PATH) -> Ranker:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise StorylineError(Errors.S044, path=str(path), reason=str(error)) from None
    if data.get("features_version") != FEATURES_VERSION or set(data.get("weights", {})) != set(
        FEATURE_NAMES
    ):
        raise StorylineError(
            Errors.S044,
            path=str(path),
            reason=f"built for features {data.get('features_version')!r}, this code computes "
            f"{FEATURES_VERSION!r}",
        )
    return Ranker(np.array([data["weights"][n] for n in FEATURE_NAMES], dtype=np.float64))


@cache
def default_ranker() -> Ranker:
    return load_ranker()


def shadowed_regions(options: Sequence[Entry]) -> frozenset[int]:
    """Regions named after a town of theirs that is a good part of them: the bare name
    means the town (Daraa, Aleppo, New York), not the region (Quebec, Texas)."""
    found = set()
    for region in options:
        if region.feature not in ADMIN:
            continue
        for town in options:
            if (
                town.feature in TOWN
                and town.primary
                and town.admin1_key == region.admin1_key
                and town.population >= 0.1 * region.population
            ):
                found.add(region.geonames_id)
    return frozenset(found)


def _size(entry: Entry) -> float:
    if entry.feature == "country" or (entry.feature == "region" and entry.country_code is None):
        return 1.0
    return min(1.0, math.log10(entry.population + 1) / 7)


def features(options: Sequence[Entry], members: Sequence[Candidate], context: Context) -> Matrix:
    """One row per candidate place of a name, one column per FEATURE_NAMES."""
    hints = {m.hint for m in members if m.hint and not m.part}  # a part's kind is its own
    shadowed = shadowed_regions(options)
    sizes = [_size(e) for e in options]
    biggest = max(sizes)
    top = max(context.countries, key=lambda c: context.countries[c], default=None)
    no_context = not any(v > 0 for v in context.countries.values())
    written = {m.lookup for m in members}
    # the story is in none of the candidates' countries: one next door is the likely one
    elsewhere = not any(context.country_share(e.country_code) for e in options)
    rows = []
    for entry, size in zip(options, sizes, strict=True):
        kind = entry.feature
        own = context.country_share(entry.country_code)
        continent = kind == "region" and entry.country_code is None
        rows.append(
            [
                size,
                float(size == biggest),
                float(kind == "country"),
                float(continent),
                float(kind == "admin1"),
                float(kind == "admin2"),
                float(kind == "city"),
                float(kind == "village"),
                float(entry.capital),
                float(entry.primary),
                float(entry.geonames_id in shadowed and not hints & set(ADMIN)),
                float(kind in hints),
                float(bool(hints & SMALL) and kind in ("country", "admin1")),
                float(bool(hints & {"village", "neighbourhood"}) and entry.population > 50_000),
                own,
                context.neighbour_share(entry.country_code) if elsewhere else 0.0,
                context.region_share(entry.admin1_key),
                context.nearness(entry) if kind in POINTS else 0.0,
                float(top is not None and entry.country_code == top),
                size if no_context else 0.0,
                float(entry.name in written),
            ]
        )
    return np.array(rows, dtype=np.float64).reshape(len(options), len(FEATURE_NAMES))
