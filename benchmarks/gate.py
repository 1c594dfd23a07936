"""The quality gate: small fixed slices of the benchmarks, each figure held to a pinned floor.

CI runs it after the tests (`.ci/run`). Each check runs a benchmark script on a fixed
slice of its development set (or, for the seeds, briefs the reference inputs), reads the
figures from the JSON the script writes, prints them beside the baseline of the same run,
and fails when a figure falls below its floor in `benchmarks/floors.json` by more than
the stated tolerance (or, for a figure where lower is better, rises above its ceiling).

Every gated figure is a count or a score, never a time: the machine is shared and a
loaded CI must still pass. The tolerance (`tolerance` in floors.json) allows for
floating-point differences between machines, not for real changes.

Floors are raised, never lowered: `--raise` sets each floor to the figure measured now
when that is better (and records the digests of the data slices when missing); a floor
is lowered only by editing floors.json by hand, with the reason in the commit. The data
slices are pinned by digest: if the data changes, the gate says so rather than compare.

    .venv/bin/python benchmarks/gate.py                    # check (what CI runs)
    .venv/bin/python benchmarks/gate.py --only seeds,ecbplus
    .venv/bin/python benchmarks/gate.py --raise            # after an improvement
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from _common import DARAA_DIR, OUT_DIR, REPO, SHARED, table

FLOORS = REPO / "benchmarks" / "floors.json"
HERE = REPO / "benchmarks"


@dataclass(frozen=True)
class Figure:
    name: str
    value: float
    higher: bool = True  # higher is better (a floor); else lower is better (a ceiling)
    baseline: str = ""  # the same measure for a baseline of the same run, for the reader


@dataclass(frozen=True)
class Check:
    name: str
    doc: str
    data: tuple[Path, ...]  # the files whose digest pins the slice
    measure: Callable[[], list[Figure]]


def _script(*args: str) -> dict[str, Any]:
    """Run a benchmark script; return the JSON it wrote (its --out name is the last arg)."""
    command = [sys.executable, str(HERE / args[0]), *args[1:]]
    done = subprocess.run(command, cwd=REPO, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout[-2000:]}{done.stderr[-3000:]}")
    out = OUT_DIR / f"{args[args.index('--out') + 1]}.json"
    data: dict[str, Any] = json.loads(out.read_text(encoding="utf-8"))
    return data


# ---------------------------------------------------------------- the checks


def seeds() -> list[Figure]:
    """The reference inputs: Daraa (five real reports, two copies of one wire story) and
    the shipped fictional example. Every citation must point at the words it quotes."""
    from storyline.api import brief
    from storyline.events.codebook import violations

    figures = []
    for name, folder in (("daraa", DARAA_DIR), ("example", REPO / "examples" / "tarija-water")):
        briefing = brief(folder)
        texts = {a.id: a.text for a in briefing.articles}

        def said(c: Any, texts: dict[str, str] = texts) -> str:
            return texts[c.article][c.start : c.end]

        # a summary sentence is its first citation; a claim's text is one of its sentences;
        # a timeline entry begins with its first citation
        checks = [said(s.citations[0]) == s.text for s in briefing.summary]
        checks += [any(said(c) == claim.text for c in claim.citations) for claim in briefing.claims]
        checks += [e.text.startswith(said(e.citations[0])) for e in briefing.timeline]
        good = sum(checks)
        spans = [
            c
            for group in (
                [c for s in briefing.summary for c in s.citations],
                [c for e in briefing.timeline for c in e.citations],
                [c for e in briefing.events for c in e.citations],
            )
            for c in group
        ]
        inside = sum(0 <= c.start < c.end <= len(texts[c.article]) for c in spans)
        figures += [
            Figure(f"{name}.quotes_match_citations", good / max(1, len(checks))),
            Figure(f"{name}.citations_inside_text", inside / max(1, len(spans))),
            Figure(f"{name}.wire_copies_found", float(len(briefing.syndication))),
            Figure(f"{name}.codebook_violations",
                   float(sum(len(violations(e)) for e in briefing.events)), higher=False,
                   baseline=f"{len(briefing.events)} events, "
                            f"{len(briefing.rejected_events)} not codable"),
        ]  # fmt: skip
    return figures


def multinews() -> list[Figure]:
    data = _script("summary.py", "--limit", "20", "--out", "gate_summary")
    ours, lexrank, lead = (data["systems"][k] for k in ("storyline", "lexrank", "lead"))
    return [
        Figure("multinews.rouge1", 100 * ours["r1"],
               baseline=f"LexRank {100 * lexrank['r1']:.2f}, lead {100 * lead['r1']:.2f}"),
        Figure("multinews.rouge2", 100 * ours["r2"],
               baseline=f"LexRank {100 * lexrank['r2']:.2f}, lead {100 * lead['r2']:.2f}"),
        Figure("multinews.rouge1_over_lexrank", 100 * data["storyline_minus_lexrank_r1"]["mean"]),
    ]  # fmt: skip


def tempeval3() -> list[Figure]:
    data = _script("time_eval.py", "--limit", "40", "--no-heideltime", "--out", "gate_time")
    ours = data["systems"]["storyline"]
    return [
        Figure("tempeval3.value_f1", 100 * ours["value"]["f1"]),
        Figure("tempeval3.strict_f1", 100 * ours["strict"]["f1"]),
        Figure("tempeval3.relaxed_f1", 100 * ours["relaxed"]["f1"]),
    ]


def direction() -> list[Figure]:
    data = _script("direction_eval.py", "--out", "gate_direction")
    return [
        Figure("direction.accuracy", 100 * data["accuracy"]["storyline"],
               baseline=f"all read as past {100 * data['accuracy']['past']:.1f}"),
    ]  # fmt: skip


def places() -> list[Figure]:
    data = _script("ambiguity_eval.py", "--out", "gate_ambiguity")
    geo = _script("geo_eval.py", "--limit", "40", "--out", "gate_geo")["results"]
    share = 100 * data["baseline"] / data["total"]
    figures = [
        Figure("places.ambiguous_right", 100 * data["storyline"] / data["total"],
               baseline=f"largest population {share:.1f}"),
    ]  # fmt: skip
    for corpus, name in (("GeoWebNews", "gwn"), ("TR-News", "trnews")):
        ours, base = (geo[corpus]["end_to_end"][k] for k in ("storyline", "spaCy + population"))
        recognised = geo[corpus]["recognition"]
        figures += [
            Figure(f"places.{name}_acc161", 100 * ours["acc161"],
                   baseline=f"spaCy + population {100 * base['acc161']:.1f}"),
            Figure(f"places.{name}_recognition_f1", 100 * recognised["storyline"]["F1"],
                   baseline=f"spaCy NER {100 * recognised['spaCy NER']['F1']:.1f}"),
        ]  # fmt: skip
    return figures


def timeline() -> list[Figure]:
    data = _script("timeline_eval.py", "--topics", *TIMELINE_TOPICS, "--limit-articles", "120",
                   "--out", "gate_timeline")  # fmt: skip
    ours, lead = (data["means"][k] for k in ("storyline", "baseline"))
    return [
        Figure("timeline.ar1_f", 100 * ours["ar1"]["f_score"],
               baseline=f"lead {100 * lead['ar1']['f_score']:.2f}"),
        Figure("timeline.date_f1", 100 * ours["date"]["f_score"],
               baseline=f"most-published {100 * lead['date']['f_score']:.2f}"),
    ]  # fmt: skip


TIMELINE_TOPICS = ("H1N1_bbc", "bpoil_bbc")


def stories() -> list[Figure]:
    data = _script("stories_eval.py", "--out", "gate_stories")["results"]
    figures = []
    for result, name in zip(data[:2], ("multinews", "ecbplus"), strict=True):
        base = result["single_link"]
        figures.append(
            Figure(f"stories.{name}_b3_f1", 100 * result["storyline"]["b3_f1"],
                   baseline=f"single link at its best {100 * base['b3_f1']:.1f}")
        )  # fmt: skip
    return figures


def case2021() -> list[Figure]:
    data = _script("event_type_eval.py", "--end-to-end", "--out", "gate_event_types")
    results = data["results"]
    tfidf = results["TF-IDF LR (baseline)"]["ACLED 25"]
    e2e = data["end_to_end"]
    alone = results["storyline"]["ACLED 25"]["weighted_f1"]
    return [
        Figure("case2021.end_to_end_weighted_f1", 100 * e2e["ACLED 25"]["weighted_f1"],
               baseline=f"classifier alone {100 * alone:.1f}"),
        Figure("case2021.end_to_end_outside_acled_without_event",
               float(e2e["outside_without_event"]),
               baseline=f"of {e2e['outside_rows']} disaster, crime, diplomacy, other rows"),
        Figure("case2021.end_to_end_codebook_violations", float(e2e["violations"]),
               higher=False, baseline=f"over {e2e['events']} events emitted"),
        Figure("case2021.weighted_f1", 100 * results["storyline"]["ACLED 25"]["weighted_f1"],
               baseline=f"TF-IDF LR {100 * tfidf['weighted_f1']:.1f}"),
        Figure("case2021.macro_f1", 100 * results["storyline"]["ACLED 25"]["macro_f1"],
               baseline=f"TF-IDF LR {100 * tfidf['macro_f1']:.1f}"),
    ]  # fmt: skip


def ecbplus() -> list[Figure]:
    data = _script("claims_eval.py", "--quick", "--no-meantime", "--out", "gate_claims")
    figures = data["results"]["ECB+"]["figures"]
    ours = figures["storyline"]
    tfidf = max((v for k, v in figures.items() if k.startswith("tfidf@")),
                key=lambda v: v["F1"])  # fmt: skip
    return [
        Figure("ecbplus.claim_link_precision", ours["P"],
               baseline=f"TF-IDF (its best F1) P {tfidf['P']:.1f}"),
        Figure("ecbplus.claim_link_recall", ours["R"], baseline=f"TF-IDF R {tfidf['R']:.1f}"),
    ]  # fmt: skip


def labelled() -> list[Figure]:
    data = _script("labelled_eval.py", "--out", "gate_labelled")
    results = data["results"]
    ours, tfidf = results["storyline"], next(v for k, v in results.items() if k.startswith("tfidf"))
    return [
        Figure("labelled.traps_corroborated", ours["traps_joined"], higher=False,
               baseline=f"TF-IDF sentences {tfidf['traps_joined']} of {tfidf['traps']}"),
        Figure("labelled.links_found", ours["links_found"],
               baseline=f"TF-IDF sentences {tfidf['links_found']} of {tfidf['links']}"),
    ]  # fmt: skip


def french() -> list[Figure]:
    data = _script("french_events_eval.py", "--out", "gate_french_events")
    figures = []
    for name in ("dev", "check"):
        ours = data["sets"][name]["storyline (French pass + multilingual types)"]
        keywords = data["sets"][name]["keywords + multilingual types"]
        english = data["sets"][name]["english classifier"]["typing"]
        figures += [  # points (x100), as the other checks, so the tolerance means the same
            Figure(f"french_events.{name}_precision", 100 * ours["precision"],
                   baseline=f"keywords {100 * keywords['precision']:.1f}"),
            Figure(f"french_events.{name}_recall", 100 * ours["recall"],
                   baseline=f"keywords {100 * keywords['recall']:.1f}"),
            Figure(f"french_events.{name}_typing", 100 * ours["typing"],
                   baseline=f"keywords {100 * keywords['typing']:.1f}, English classifier "
                   f"{100 * english:.1f}"),
        ]  # fmt: skip
    return figures


def scaling() -> list[Figure]:
    data = _script("scaling.py", "--calls", "--reports", "200,800", "--clusters", "10,40",
                   "--out", "gate_scaling")  # fmt: skip
    return [
        Figure(f"scaling.{s['kind']}_calls_slope", s["slope"], higher=False,
               baseline="linear is 1.0; a quadratic path gives up to 2.0")
        for s in data["series"]
    ]  # fmt: skip


def _timeline17(*topics: str) -> tuple[Path, ...]:
    root = SHARED / "data" / "timeline17"
    return tuple(sorted(p for t in topics for p in (root / t).glob("articles*")))


CHECKS = (
    Check("seeds", "Daraa and the fictional example: citations, wire copies, ACLED codebook",
          tuple(sorted(DARAA_DIR.glob("*"))), seeds),
    Check("multinews", "ROUGE on the first 20 Multi-News validation clusters",
          (SHARED / "data" / "multinews" / "validation.csv",), multinews),
    Check("tempeval3", "TIMEX3 F1 on the first 40 TempEval-3 TBAQ documents",
          tuple(sorted((SHARED / "data" / "tempeval3" / "TBAQ-cleaned").rglob("*.tml"))[:40]),
          tempeval3),
    Check("direction", "which way relative dates point, on sentences written for it",
          (HERE / "data" / "direction.tsv",), direction),
    Check("places", "ambiguous names of our own; GeoWebNews and TR-News (40 articles each): "
          "end-to-end acc@161 and recognition F1",
          (HERE / "data" / "ambiguous_places.tsv", SHARED / "data" / "geoparsing" / "GWN.xml",
           SHARED / "data" / "geoparsing" / "TR-News.xml"), places),
    Check("stories", "story grouping: Multi-News (250 clusters) and ECB+ sub-topics streams",
          (SHARED / "data" / "multinews" / "validation.csv",
           *sorted((SHARED / "data" / "ecbplus").rglob("*.xml"))), stories),
    Check("timeline", "Timeline17 H1N1_bbc and bpoil_bbc (120 articles): AR1-F and date F1",
          _timeline17(*TIMELINE_TOPICS), timeline),
    Check("case2021", "CASE 2021 event types, 5-fold CV: the classifier, and end to end",
          (SHARED / "data" / "case2021-task2" / "dev.tsv",), case2021),
    Check("ecbplus", "ECB+ topics 1-3: claim links (clauses of one coreferent event)",
          tuple(sorted(p for t in ("1", "2", "3")
                       for p in (SHARED / "data" / "ecbplus" / t).glob("*.xml"))),
          ecbplus),
    Check("french", "events in French sentences written for it: found and typed",
          (HERE / "data" / "french_events.tsv", HERE / "data" / "french_events_check.tsv"),
          french),
    Check("labelled", "labelled fictional clusters: traps corroborated, links found",
          tuple(sorted((REPO / "tests" / "fixtures" / "clusters").rglob("*.*"))), labelled),
    Check("scaling", "work counted (calls) as a report and a cluster grow fourfold",
          _timeline17("LibyaWar_cnn", "LibyaWar_reuters", "H1N1_bbc", "IraqWar_guardian",
                      "bpoil_bbc", "bpoil_foxnews", "bpoil_guardian", "bpoil_reuters",
                      "bpoil_washingtonpost"),
          scaling),
)  # fmt: skip


# ---------------------------------------------------------------- floors


def digest(paths: Iterable[Path]) -> str:
    """sha256 over the files' names (relative to ../shared or the repo) and contents."""
    h = hashlib.sha256()
    for path in paths:
        base = SHARED if SHARED in path.parents else REPO
        h.update(str(path.relative_to(base)).encode())
        h.update(path.read_bytes())
    return h.hexdigest()[:16]


def load_floors() -> dict[str, Any]:
    if FLOORS.exists():
        data: dict[str, Any] = json.loads(FLOORS.read_text(encoding="utf-8"))
        return data
    return {"tolerance": {"default": 0.5}, "data": {}, "figures": {}}


def verdict(figure: Figure, pinned: dict[str, Any] | None, tolerance: float) -> str:
    if pinned is None:
        return "no floor"
    bound = pinned["floor"]
    if figure.higher:
        return "ok" if figure.value >= bound - tolerance else "BELOW"
    return "ok" if figure.value <= bound + tolerance else "ABOVE"


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument(
        "--only", help="comma-separated checks: " + ", ".join(c.name for c in CHECKS)
    )
    parser.add_argument(
        "--raise",
        dest="raise_floors",
        action="store_true",
        help="raise each floor to the figure measured now where it is better",
    )
    args = parser.parse_args()
    chosen = [c for c in CHECKS if not args.only or c.name in args.only.split(",")]
    floors = load_floors()
    failed = []
    rows = []
    for check in chosen:
        started = time.perf_counter()
        print(f"gate: {check.name}: {check.doc}...", file=sys.stderr, flush=True)
        missing = [p for p in check.data if not p.exists()]
        if missing or not check.data:
            failed.append(f"{check.name}: its data is not there ({missing[:1] or 'no files'})")
            continue
        found = digest(check.data)
        pinned_digest = floors["data"].get(check.name)
        if pinned_digest and pinned_digest != found and not args.raise_floors:
            failed.append(f"{check.name}: the data slice changed ({pinned_digest} → {found}); "
                          "its floors were pinned on other data")  # fmt: skip
            continue
        if args.raise_floors:
            floors["data"][check.name] = found
        try:
            figures = check.measure()
        except Exception as exc:  # noqa: BLE001 - a broken check fails the gate, with why
            failed.append(f"{check.name}: {type(exc).__name__}: {exc}")
            continue
        tolerance = floors["tolerance"].get(check.name, floors["tolerance"]["default"])
        for figure in figures:
            pinned = floors["figures"].get(figure.name)
            said = verdict(figure, pinned, tolerance)
            if said in ("BELOW", "ABOVE"):
                failed.append(f"{figure.name} = {figure.value:.3f}, "
                              f"{'floor' if figure.higher else 'ceiling'} {pinned['floor']} "
                              f"(tolerance {tolerance})")  # fmt: skip
            if args.raise_floors:
                better = pinned is None or (
                    figure.value > pinned["floor"]
                    if figure.higher
                    else figure.value < pinned["floor"]
                )
                if better:
                    floors["figures"][figure.name] = {
                        "floor": round(figure.value, 3),
                        "better": "higher" if figure.higher else "lower",
                    }
            rows.append([
                figure.name, f"{figure.value:.3f}",
                f"{'>=' if figure.higher else '<='} {pinned['floor']}" if pinned else "-",
                said, figure.baseline,
            ])  # fmt: skip
        print(f"gate: {check.name}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    print(table(["figure", "now", "floor", "", "baseline (same run)"], rows))
    if args.raise_floors:
        FLOORS.write_text(json.dumps(floors, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        print(f"floors written to {FLOORS}")
    for line in failed:
        print(f"gate: FAILED {line}")
    if failed and not args.raise_floors:
        return 1
    print("gate: passed" if not failed else "gate: floors raised; some checks failed (above)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
