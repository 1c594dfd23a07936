"""Ambiguous place names in context: the Gazas, Georgias, Dublins and Springfields.

What is measured
    benchmarks/data/ambiguous_places.tsv: short reports written for storyline, each naming
    a place whose name several places share ("Dublin, Ohio", "Gaza" beside Israel, "Georgia"
    with Atlanta), with the country and first-level region a careful reader places it in.
    Each row is one report, briefed alone through the NLP pass and the places stage. The
    first 53 rows guided the rules; the last 10 were written after them and passed unchanged.
    right      the place storyline gives for the name (the place one of whose mentions
               covers the name's first occurrence) is in that country and, where the row
               names one, that region.
    baseline   the same name looked up in the same gazetteer, the reading with the
               largest population taken (a country or region counts by its population).

Rerun (from the repo root; writes benchmarks/out/ambiguity_eval.json)
    .venv/bin/python benchmarks/ambiguity_eval.py            # --errors prints every miss
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path
from typing import Any

from _common import REPO, table, write_json
from storyline.model import Article
from storyline.nlp import parse_articles
from storyline.places import gazetteer_for, locate_places
from storyline.places.names import name_key
from storyline.settings import Settings

DATA = REPO / "benchmarks" / "data" / "ambiguous_places.tsv"


def load(path: Path = DATA) -> list[dict[str, str]]:
    lines = [line for line in path.read_text(encoding="utf-8").splitlines()
             if line and not line.startswith("#")]  # fmt: skip
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def storyline_reading(row: dict[str, str], n: int) -> tuple[str | None, str | None]:
    text = row["text"].replace("\\n", "\n\n")
    article = Article(id=f"a{n}", source=f"a{n}.txt", title=None, outlet=None,
                      published=None, published_basis="unknown", text=text)  # fmt: skip
    (parsed,) = parse_articles([article], settings=Settings.load().nlp)
    located = locate_places([parsed])
    start = text.find(row["name"])
    for place in located.places:
        if any(m.start <= start < m.end for m in place.mentions):
            return place.country_code, place.admin1
    return None, None


def baseline_reading(row: dict[str, str]) -> tuple[str | None, str | None]:
    gazetteer = gazetteer_for()
    found = gazetteer.lookup(row["name"])
    if not found:
        return None, None
    best = max(found, key=lambda e: (e.population, e.geonames_id))
    return best.country_code, gazetteer.admin1_name(best.country_code, best.admin1)


def same_region(country: str, a: str | None, b: str) -> bool:
    """Two names of one first-level region ("Andalusia", the gazetteer's "Andalosia")."""
    if a is None:
        return False
    if name_key(a) == name_key(b):
        return True
    gazetteer = gazetteer_for()
    ids = {e.geonames_id for e in gazetteer.lookup(a) if e.country_code == country}
    return any(e.geonames_id in ids for e in gazetteer.lookup(b) if e.feature == "admin1")


def right(row: dict[str, str], reading: tuple[str | None, str | None]) -> bool:
    country, admin1 = reading
    return country == row["country"] and (
        row["admin1"] == "-" or same_region(row["country"], admin1, row["admin1"])
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--errors", action="store_true", help="print every miss")
    parser.add_argument("--out", default="ambiguity_eval", help="name of the JSON under out/")
    args = parser.parse_args()
    rows = load()
    results: list[dict[str, Any]] = []
    for n, row in enumerate(rows):
        ours, base = storyline_reading(row, n), baseline_reading(row)
        results.append({**row, "storyline": ours, "baseline": base,
                        "storyline_right": right(row, ours),
                        "baseline_right": right(row, base)})  # fmt: skip
    total = len(results)
    ours_right = sum(r["storyline_right"] for r in results)
    base_right = sum(r["baseline_right"] for r in results)
    print(f"Ambiguous place names in context: {total} reports ({DATA.relative_to(REPO)})")
    print(table(["system", "right", "%"], [
        ["storyline (NLP pass + places stage)", ours_right, f"{100 * ours_right / total:.1f}"],
        ["largest population of the name (baseline)", base_right,
         f"{100 * base_right / total:.1f}"],
    ]))  # fmt: skip
    if args.errors:
        for r in results:
            if not r["storyline_right"]:
                print(f"  miss: {r['name']} -> {r['storyline']} (want {r['country']} "
                      f"{r['admin1']}): {r['text'][:90]}")  # fmt: skip
    out = write_json(args.out, {"storyline": ours_right, "baseline": base_right,
                                        "total": total, "rows": results})  # fmt: skip
    print(f"results: {out}")


if __name__ == "__main__":
    main()
