"""Time expressions in French, Spanish and German: the day storyline gives each, against
dateparser in the same language.

What is measured
    Data: benchmarks/data/french_dates.tsv, 37 French sentences written for storyline
    (fictional events, no third-party text), each with its report's date, one time
    expression and the day a careful reader gives it: weekdays told in the past, the
    future, "aller" + infinitive and the conditional of a past telling ("a annoncé que
    les discussions reprendraient jeudi"), "dernier"/"prochain", dates with and without a
    year, "hier"/"demain"/"avant-hier", "il y a trois jours".
    metric      the share of rows whose expression is found with exactly that day (a missed
                expression counts as wrong), overall and per category.
    systems     storyline: the French pipeline's clauses (nlp.french), the French grammar
                (dates.foreign) and the normaliser every briefing uses. Baselines of the
                same run: dateparser 1.x `search_dates(languages=["fr"])` anchored at the
                report's date, with its default (the current period) and with
                PREFER_DATES_FROM="past" (the usual default for news); the expression
                counts as found when a date dateparser finds overlaps it (storyline's the
                same way). Before issue 22 storyline read no French: 0 of 37.
    Data: benchmarks/data/es_de_dates.tsv, 10 Spanish, 10 German and 8 Arabic sentences
    written the same way, run once and kept as they came out. No pipeline reads these
    languages, so storyline reads no bare weekday in them ("el martes": nothing gives its
    tense); five rows are such weekdays, counted as missed. A value counts at the gold's
    granularity (a day inside "March 2023" is right for it). Precision (right of those
    found) is printed beside accuracy.

Run:  .venv/bin/python benchmarks/foreign_dates_eval.py
"""

from __future__ import annotations

import csv
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path
from typing import Any

from _common import REPO, table, write_json
from storyline.dates import find_expressions, foreign
from storyline.model import Article, TimeExpression
from storyline.nlp.french import parse_french

DATA = REPO / "benchmarks" / "data" / "french_dates.tsv"
OTHERS = REPO / "benchmarks" / "data" / "es_de_dates.tsv"


def rows(path: Path = DATA) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        lines = [line for line in handle if not line.startswith("#")]
    names = ["report_date", "expression", "value", "category", "sentence"]
    if path != DATA:
        names = ["language", *names]
    found = [dict(zip(names, r, strict=True)) for r in csv.reader(lines, delimiter="\t")]
    return [{"language": "fr", **r} for r in found]


def unread_days(items: list[dict[str, str]]) -> list[str | None]:
    """storyline on reports no pipeline reads: the grammar, no tenses."""
    from storyline.languages import unparsed

    days: list[str | None] = []
    for n, r in enumerate(items):
        article = Article(id=f"s{n}", source="es_de_dates.tsv", title=None, outlet=None,
                          published=date.fromisoformat(r["report_date"]),
                          published_basis="metadata", text=r["sentence"],
                          language=r["language"])  # fmt: skip
        found = list(foreign.scan(article.text, r["language"]))
        expressions, _ = find_expressions(unparsed(article), article.published, found)
        days.append(_value(expressions, r))
    return days


def storyline_days(items: list[dict[str, str]]) -> list[str | None]:
    articles = [
        Article(
            id=f"s{n}",
            source="french_dates.tsv",
            title=None,
            outlet=None,
            published=date.fromisoformat(r["report_date"]),
            published_basis="metadata",
            text=r["sentence"],
            language="fr",
        )  # fmt: skip
        for n, r in enumerate(items)
    ]
    parsed = parse_french(articles)
    days: list[str | None] = []
    for article, row in zip(articles, items, strict=True):
        found = list(foreign.scan(article.text, "fr", tenses=True))
        expressions, _ = find_expressions(parsed[article.id], article.published, found)
        days.append(_value(expressions, row))
    return days


def _value(expressions: list[TimeExpression], row: dict[str, str]) -> str | None:
    """The day of the expression found over the row's (its span overlaps it: "d'ici
    vendredi" for "vendredi", as dateparser's finds are matched)."""
    start = row["sentence"].find(row["expression"])
    end = start + len(row["expression"])
    return next((e.value[:10] for e in expressions if e.start < end and e.end > start), None)


def dateparser_days(items: list[dict[str, str]], prefer: str | None) -> list[str | None]:
    from dateparser.search import search_dates

    days: list[str | None] = []
    for row in items:
        base = datetime.fromisoformat(row["report_date"])
        settings: dict[str, Any] = {"RELATIVE_BASE": base}
        if prefer:
            settings["PREFER_DATES_FROM"] = prefer
        found = search_dates(row["sentence"], languages=[row["language"]], settings=settings)
        found = found or []
        start = row["sentence"].find(row["expression"])
        end = start + len(row["expression"])
        value = None
        position = 0
        for text, when in found:
            at = row["sentence"].find(text, position)
            position = max(position, at)
            if at >= 0 and at < end and at + len(text) > start:
                value = when.date().isoformat()
                break
        days.append(value)
    return days


def main() -> None:
    items = rows()
    results = report(
        items,
        {
            "storyline (French pipeline + grammar)": storyline_days(items),
            "dateparser, default": dateparser_days(items, None),
            "dateparser, prefer past": dateparser_days(items, "past"),
        },
        f"French time expressions ({len(items)} written sentences, report of a Wednesday):",
    )
    others = rows(OTHERS)
    results |= report(
        others,
        {
            "storyline (grammar, no pipeline)": unread_days(others),
            "dateparser es/de/ar, default": dateparser_days(others, None),
            "dateparser es/de/ar, prefer past": dateparser_days(others, "past"),
        },
        f"\nSpanish, German and Arabic ({len(others)} written sentences, report of a Wednesday):",
    )
    write_json("foreign_dates_eval", results)


def report(
    items: list[dict[str, str]], systems: dict[str, list[str | None]], title: str
) -> dict[str, Any]:
    categories = sorted({r["category"] for r in items})
    table_rows = []
    results: dict[str, Any] = {}
    for name, days in systems.items():
        # at the gold's granularity: a day given for "March 2023" counts if in that month
        right = [d is not None and d[: len(r["value"])] == r["value"]
                 for d, r in zip(days, items, strict=True)]  # fmt: skip
        by: dict[str, list[bool]] = defaultdict(list)
        for ok, r in zip(right, items, strict=True):
            by[r["category"]].append(ok)
        found = sum(d is not None for d in days)
        table_rows.append([name, f"{sum(right)}/{len(items)}", f"{sum(right) / len(items):.3f}",
                           f"{sum(right) / found:.3f}" if found else "-",
                           *(f"{sum(by[c])}/{len(by[c])}" for c in categories)])  # fmt: skip
        results[name] = {"accuracy": sum(right) / len(items), "found": found,
                         "wrong": [(r["sentence"], d, r["value"]) for d, r, ok in
                                   zip(days, items, right, strict=True) if not ok]}  # fmt: skip
    print(title)
    print(table(["system", "right", "accuracy", "precision", *categories], table_rows))
    for name, result in results.items():
        for sentence, got, want in result["wrong"]:
            print(f"  {name}: {sentence!r}: {got} (right: {want})")
    return results


if __name__ == "__main__":
    main()
