"""Direction: which way a relative time expression points, on sentences written for it.

What is measured
    Data: benchmarks/data/direction.tsv, sentences written for storyline (fictional, no
    third-party text), each with its report's date, one time expression and the value a
    careful reader gives it: past reports, "will", reported plans ("said ... would"),
    "would" under a past perfect ("had hoped ... would"), forecasts and warnings,
    schedules ("is due to"), past plans ("was due to", "were supposed to"), present-tense
    headlines, "the day prior", weeks ("last week" vs "earlier this week"), yearless
    dates, months, possessives ("Monday's protest") and reported speech.
    metric      the share of rows whose expression storyline finds with exactly that value
                (a missed expression counts as wrong), overall and per category.
    systems     storyline: `storyline.api.tag_text`, the briefing's own NLP pass and dates
                stage. Baseline of the same run: the same grammar and normaliser with the
                clause's tense ignored and every expression read as past (the usual default
                of news taggers).

Run:  .venv/bin/python benchmarks/direction_eval.py [--out direction_eval]
"""

from __future__ import annotations

import argparse
import csv
from collections import defaultdict
from datetime import date
from typing import Any

from _common import REPO, table, write_json
from storyline.api import tag_text
from storyline.dates.grammar import scan
from storyline.dates.normalise import resolve
from storyline.settings import Settings

DATA = REPO / "benchmarks" / "data" / "direction.tsv"


def rows() -> list[dict[str, str]]:
    lines = [line for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    body = [line for line in lines if not line.startswith("#")]
    fields = ("report_date", "expression", "value", "category", "sentence")
    return [dict(zip(fields, r, strict=True)) for r in csv.reader(body, delimiter="\t")]


def storyline_value(row: dict[str, str], settings: Settings) -> str | None:
    found = tag_text(row["sentence"], date.fromisoformat(row["report_date"]), settings)
    return next((e.value for e in found if e.text == row["expression"]), None)


def past_value(row: dict[str, str]) -> str | None:
    """The baseline: the same grammar, every expression read as past."""
    anchor = date.fromisoformat(row["report_date"])
    reference = anchor
    for found in scan(row["sentence"]):
        resolved = resolve(found.spec, anchor, "past", reference)
        if resolved is None:
            continue
        if resolved.day is not None:
            reference = resolved.day
        if found.text == row["expression"]:
            return resolved.value
    return None


def evaluate() -> dict[str, Any]:
    settings = Settings.load()
    data = rows()
    per: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    misses = []
    for row in data:
        ours = storyline_value(row, settings)
        base = past_value(row)
        per[row["category"]]["storyline"].append(ours == row["value"])
        per[row["category"]]["past"].append(base == row["value"])
        if ours != row["value"]:
            misses.append({**row, "got": ours})
    total = {
        system: sum(sum(v[system]) for v in per.values()) / len(data)
        for system in ("storyline", "past")
    }
    return {
        "rows": len(data),
        "accuracy": total,
        "categories": {
            c: {s: sum(v[s]) / len(v[s]) for s in ("storyline", "past")} | {"n": len(v["past"])}
            for c, v in per.items()
        },
        "misses": misses,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--out", default="direction_eval", help="JSON name under benchmarks/out/")
    args = parser.parse_args()
    result = evaluate()
    print(f"Direction of relative time expressions: {result['rows']} rows ({DATA.name})")
    print(
        table(
            ["category", "n", "storyline", "all read as past (baseline)"],
            [
                [c, v["n"], f"{100 * v['storyline']:.0f}", f"{100 * v['past']:.0f}"]
                for c, v in result["categories"].items()
            ]
            + [
                [
                    "all",
                    result["rows"],
                    f"{100 * result['accuracy']['storyline']:.1f}",
                    f"{100 * result['accuracy']['past']:.1f}",
                ]
            ],
        )
    )
    for miss in result["misses"]:
        print(
            f"  miss [{miss['category']}] {miss['report_date']} {miss['expression']!r}: "
            f"got {miss['got']}, want {miss['value']} :: {miss['sentence']}"
        )
    write_json(args.out, result)


if __name__ == "__main__":
    main()
