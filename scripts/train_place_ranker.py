"""Fit the place ranker (`storyline.places.rank`); write places/data/place_ranker.json.

Data: the gold toponyms of GeoWebNews and TR-News (../shared/data/geoparsing), read by
benchmarks/geo_eval.py. Each article is one cluster; its gold names are resolved as the
places stage resolves names (`locate_places(..., given=gold spans)`), and for every name
the last pass's candidates and context are kept. A candidate is right for a mention when
it has the gold GeoNames id or lies within 161 km of the gold point.

Model: a conditional logit, one weight per feature (`rank.FEATURE_NAMES`): for each
mention, minus the log of the probability its name's right candidates get, summed, plus
L2 / 2 * |w - HAND|^2, minimised by L-BFGS-B: the prior is the hand-set weights, so
evidence the dev sets seldom show (a neighbouring country, "the village of X") keeps
the weight it was given by design instead of drifting to zero. Names with one
candidate, or with no right one (the gazetteer lacks the place), teach nothing and are
left out. The contexts depend on
the ranker (the first pass's readings feed the second's context), so fitting runs twice:
first on contexts made with HAND (the hand-set weights storyline used before), then on
contexts made with that fit. Hyper-parameters are fixed here, not searched.

    .venv/bin/python scripts/train_place_ranker.py         # rebuilds the file byte for byte

`benchmarks/geo_eval.py` measures the method trained on one set and scored on the other,
and by 5-fold cross-validation over articles.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from scipy.optimize import minimize

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "benchmarks"))

from storyline.model import ParsedArticle  # noqa: E402
from storyline.places import locate_places  # noqa: E402
from storyline.places.gazetteer import Gazetteer, distance_km  # noqa: E402
from storyline.places.rank import FEATURE_NAMES, MODEL_PATH, Ranker, features  # noqa: E402

L2 = 1.0
# evidence that can only speak for a place: its weight is kept at or above zero (few names
# in the dev sets turn on a neighbouring country, and a free weight there came out negative)
NON_NEGATIVE = {"country_share", "neighbour_share", "region_share", "nearness", "primary",
                "exact_name"}  # fmt: skip
ROUNDS = 2
RIGHT_KM = 161.0

# the score storyline used before the ranker, as weights: the baseline, the first round and
# the prior (plus "asked_kind", which the old score expressed by filtering candidates)
HAND = Ranker(
    10.0
    * np.array(
        [
            {
                "size": 0.30,
                "country": 0.5,
                "continent": 0.25,
                "admin1": 0.1,
                "capital": 0.1,
                "primary": 0.25,
                "shadowed": -0.4,
                "small_asked_big": -0.5,
                "village_asked_city": -0.2,
                "country_share": 0.35,
                "neighbour_share": 0.15,
                "region_share": 0.15,
                "nearness": 0.15,
            }.get(name, 0.0)
            for name in FEATURE_NAMES
        ]
    )  # fmt: skip
)


@dataclass(frozen=True)
class Gold:
    """What a training mention needs: where it is and where the place is."""

    article: str
    start: int
    end: int
    lat: float
    lon: float
    geonames_id: int | None


@dataclass(frozen=True)
class Example:
    """One name's candidates (rows of features) and, per mention, which are right."""

    features: np.ndarray
    right: list[np.ndarray]  # one boolean mask over the rows per mention


def examples(
    parsed: Sequence[ParsedArticle],
    golds: Sequence[Sequence[Gold]],
    gazetteer: Gazetteer,
    ranker: Ranker,
) -> list[Example]:
    """The training examples of some articles, with contexts made by `ranker`."""
    found = []
    for p, gold in zip(parsed, golds, strict=True):
        by_span = {(g.start, g.end): g for g in gold}
        seen: list = []
        locate_places([p], gazetteer, given={p.article.id: list(by_span)}, ranker=ranker,
                      seen=seen)  # fmt: skip
        for members, options, context in seen:
            if len(options) < 2:
                continue
            masks = []
            for m in members:
                g = by_span.get((m.start, m.end))
                if g is None:
                    continue
                mask = np.array([
                    e.geonames_id == g.geonames_id
                    or distance_km(e.lat, e.lon, g.lat, g.lon) <= RIGHT_KM for e in options
                ])  # fmt: skip
                if mask.any():
                    masks.append(mask)
            if masks:
                found.append(Example(features(options, members, context), masks))
    return found


def fit(found: Sequence[Example], l2: float = L2) -> Ranker:
    """The weights that maximise the probability of the right candidates."""
    blocks = [(ex.features, np.array(ex.right, dtype=np.float64)) for ex in found]

    prior = HAND.weights

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        value = 0.5 * l2 * float((w - prior) @ (w - prior))
        grad = l2 * (w - prior)
        for x, right in blocks:
            logits = x @ w
            logits = logits - logits.max()
            p = np.exp(logits)
            p /= p.sum()
            for mask in right:
                p_right = float(p @ mask)
                value -= np.log(max(p_right, 1e-300))
                q = p * mask / max(p_right, 1e-300)  # the right candidates, renormalised
                grad = grad - (q - p) @ x
        return value, grad

    bounds = [(0.0, None) if n in NON_NEGATIVE else (None, None) for n in FEATURE_NAMES]
    result = minimize(loss, prior.copy(), jac=True, method="L-BFGS-B",
                      bounds=bounds, options={"maxiter": 500})  # fmt: skip
    return Ranker(np.asarray(result.x, dtype=np.float64))


def train(parsed: Sequence[ParsedArticle], golds: Sequence[Sequence[Gold]],
          gazetteer: Gazetteer) -> Ranker:  # fmt: skip
    """Fit on contexts made with HAND, then refit on contexts made with that fit."""
    ranker = HAND
    for _ in range(ROUNDS):
        ranker = fit(examples(parsed, golds, gazetteer, ranker))
    return ranker


def golds_of(docs: Sequence[object]) -> list[list[Gold]]:
    """The gold toponyms with points of geo_eval's documents."""
    return [
        [Gold(d.id, g.start, g.end, g.lat, g.lon, g.geonames_id)  # type: ignore[attr-defined]
         for g in d.gold if g.lat is not None and g.lon is not None]  # type: ignore[attr-defined]
        for d in docs
    ]  # fmt: skip


def load_sets() -> tuple[list[ParsedArticle], list[list[Gold]], list[str]]:
    """Both dev sets, parsed (geo_eval's cache), with their gold and each article's set."""
    import geo_eval
    from storyline.settings import Settings

    settings = Settings.load()
    parsed: list[ParsedArticle] = []
    golds: list[list[Gold]] = []
    corpora: list[str] = []
    for loader, name in ((geo_eval.load_gwn, "GWN.xml"), (geo_eval.load_trnews, "TR-News.xml")):
        docs = loader(geo_eval.DATA / name)
        parsed += geo_eval.parse_all(docs, settings)
        golds += golds_of(docs)
        corpora += [d.corpus for d in docs]
    return parsed, golds, corpora


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH, help=f"default {MODEL_PATH}")
    args = parser.parse_args()
    from storyline.places import gazetteer_for

    parsed, golds, corpora = load_sets()
    ranker = train(parsed, golds, gazetteer_for())
    sets = ", ".join(f"{c} ({corpora.count(c)} articles)" for c in dict.fromkeys(corpora))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(ranker.to_json(f"gold toponyms of {sets}") + "\n", encoding="utf-8")
    for name, w in zip(FEATURE_NAMES, ranker.weights, strict=True):
        print(f"{name:20} {w:+.3f}")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
