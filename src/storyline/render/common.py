"""Pieces every human-readable format shares: source numbers and article lines."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Protocol

from storyline.languages import PIPELINE_LANGUAGES
from storyline.model import (
    Article,
    Briefing,
    Citation,
    Claim,
    FigureValue,
    Place,
    PlaceMention,
    SummarySentence,
    Syndication,
    TimelineEntry,
)
from storyline.nlp.figures import CASUALTY_TOPICS
from storyline.text import outlet_key

BASIS_NOTE = {
    "metadata": "",
    "text": " (date from the text)",
    "inferred": " (date inferred)",
    "unknown": "",
}


def source_numbers(briefing: Briefing) -> dict[str, int]:
    """Articles are numbered 1..n in input order; markers [n] point at them."""
    return {a.id: n for n, a in enumerate(briefing.articles, 1)}


class Cited(Protocol):
    @property
    def citations(self) -> list[Citation]: ...


def markers(item: Cited, numbers: dict[str, int]) -> str:
    seen: list[int] = []
    for c in item.citations:
        n = numbers[c.article]
        if n not in seen:
            seen.append(n)
    return "".join(f"[{n}]" for n in sorted(seen))


def article_line(article: Article) -> tuple[str, str]:
    """(title, details) of a source: title, then outlet, date and id."""
    title = article.title or "(untitled)"
    parts = []
    if article.outlet:
        parts.append(article.outlet)
    if article.authors:
        parts.append("by " + ", ".join(article.authors))
    if article.published:
        parts.append(article.published.isoformat() + BASIS_NOTE[article.published_basis])
    elif article.published_range and article.published_range.earliest:
        parts.append(f"date unknown, on or after {article.published_range.earliest}")
    else:
        parts.append("date unknown")
    parts.append(article.id)
    return title, " · ".join(parts)


def language_notes(briefing: Briefing, numbers: dict[str, int]) -> list[str]:
    """A line per language, when not every report is English: which reports, and what the
    briefing does with them ("Spanish [3]: no Spanish pipeline: ..."); none otherwise."""
    if all(note.language == "en" for note in briefing.languages):
        return []
    return [
        f"{note.name} {''.join(f'[{numbers[a]}]' for a in note.articles)}: {note.note}"
        for note in briefing.languages
    ]


def same_outlet_lines(briefing: Briefing, numbers: dict[str, int]) -> list[str]:
    """ "[5] and [6] are reports of one outlet (Highland Monitor): one source." for each
    outlet with several reports in the briefing."""
    by_outlet: dict[str, list[Article]] = {}
    for article in briefing.articles:
        key = outlet_key(article.outlet)
        if key is not None:
            by_outlet.setdefault(key, []).append(article)
    lines = []
    for reports in by_outlet.values():
        if len(reports) < 2:
            continue
        marks = [f"[{numbers[a.id]}]" for a in reports if a.id in numbers]
        listed = ", ".join(marks[:-1]) + f" and {marks[-1]}"
        lines.append(f"{listed} are reports of one outlet ({reports[0].outlet}): counted as "
                     "one source.")  # fmt: skip
    return lines


def _read_in_english(briefing: Briefing) -> bool:
    """Whether a report of the briefing was read in English (and not set aside); True when
    the briefing does not say (no language notes)."""
    english = {a for n in briefing.languages if n.analysed for a in n.articles}
    set_aside = {a.id for a in briefing.articles if a.not_report}
    return not briefing.languages or bool(english - set_aside)


def no_events_note(briefing: Briefing) -> str:
    """Why a briefing has no events: events are coded from reports in English or French
    only, or none of them told of an act the ACLED codebook codes, or what was found could
    not be coded."""
    read = {n.language for n in briefing.languages if n.articles}
    if not _read_in_english(briefing) and not read & PIPELINE_LANGUAGES:
        return ("No events: events are coded from reports read in English or French, and "
                "none of these is (see the languages under Sources).")  # fmt: skip
    if briefing.rejected_events:
        n = len(briefing.rejected_events)
        return (
            f"No events: {n} incident{'s' if n != 1 else ''} found could not be coded "
            "under the ACLED codebook (listed with the reason in the JSON output)."
        )
    return ("No events: no report tells of an act the ACLED codebook codes (battles, "
            "explosions, violence against civilians, protests, riots, strategic "
            "developments).")  # fmt: skip


def set_aside_note(article: Article) -> str | None:
    if not article.not_report:
        return None
    return f"set aside, nothing read from it: {article.not_report}"


def removed_note(article: Article) -> str | None:
    n = len(article.removed)
    if not n:
        return None
    return f"{n} line{'s' if n != 1 else ''} of page furniture removed"


TIMELINE_BASIS = {"stated": "", "relative": "", "inferred": " ≈"}
TIMELINE_LEGEND = "≈ the date is read against a report date that was inferred, not stated"


def entry_date(entry: TimelineEntry) -> str:
    """ "2021-07-27 Tue", "2021-07" or "2021"."""
    if entry.granularity == "day":
        return f"{entry.date} {date.fromisoformat(entry.date):%a}"
    return entry.date


def inferred_note(article: Article) -> str | None:
    if article.published_basis != "inferred" or not article.published_note:
        return None
    return f"date inferred: {article.published_note}"


PLACES_SHOWN = 12  # places listed in a full briefing; `storyline places` lists them all


def mention_markers(mentions: Sequence[PlaceMention], numbers: dict[str, int]) -> str:
    """ "[1][3]": the sources that name a place, in source order."""
    return "".join(f"[{n}]" for n in sorted({numbers[m.article] for m in mentions}))


def place_details(place: Place) -> str:
    """What a place is and where: "city · -21.5355, -64.7296 · BO / Tarija · within X ·
    confidence 0.84 · 7 mentions"."""
    parts = [place.feature, f"{place.lat:.4f}, {place.lon:.4f}"]
    area = " / ".join(p for p in (place.country_code, place.admin1) if p)
    if area:
        parts.append(area)
    if place.within:
        parts.append(f"within {place.within}")
    n = len(place.mentions)
    parts += [f"confidence {place.confidence:.2f}", f"{n} mention{'s' if n != 1 else ''}"]
    return " · ".join(parts)


CLAIMS_SHOWN = 8  # corroborated claims listed in a briefing; the JSON holds them all
EXCERPT_WORDS = 18


def summary_marks(item: SummarySentence, numbers: dict[str, int]) -> str:
    """Citation markers of a summary sentence, the other sources that state its claim
    ("also [4]"), and its support: "(3 independent sources)", "(single source)"."""
    marks = markers(item, numbers)
    own = {numbers[c.article] for c in item.citations}
    also = sorted({numbers[c.article] for c in item.corroborated_by} - own)
    if also:
        marks += " also " + "".join(f"[{n}]" for n in also)
    return marks + f" ({support(item.independent_sources, item.status)})"


def support(sources: int, status: str | None) -> str:
    """What backs a statement, in words: "3 independent sources", "single source"."""
    if status == "contested":
        return f"contested by {sources} independent sources"
    if sources <= 1 or status in (None, "single_source"):
        return "single source"
    return f"{sources} independent sources"


def excerpt(text: str, words: int = EXCERPT_WORDS) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def figure_text(value: FigureValue) -> str:
    bound = {"exact": "", "at_least": "at least ", "at_most": "up to ", "about": "about "}
    if value.written:
        shown = value.written
        if value.bound != "exact" and not shown.lower().startswith(("at least", "about", "up to")):
            shown = bound[value.bound] + shown
    else:
        shown = "(not given)" if value.value is None else f"{value.value}"
    if value.scope:
        shown = f"{value.scope} {shown}"
    return shown


def pair_text(pair: Syndication, numbers: dict[str, int]) -> str:
    """One line on two reports that are one source: a wire copy or a translation."""
    a, b = (numbers[x] for x in pair.articles)
    if pair.kind == "translation":
        return (f"[{b}] translates [{a}]: {pair.shared_sentences} of its sentences say what "
                f"[{a}]'s say, in the same order (matched by meaning), "
                f"{pair.score:.0%} of the translation")  # fmt: skip
    return (f"[{a}] and [{b}] carry one wire story: {pair.shared_sentences} shared sentences, "
            f"{pair.score:.0%} of the shorter report")  # fmt: skip


def sources_compared(briefing: Briefing, numbers: dict[str, int]) -> list[tuple[str, str]]:
    """The "Sources compared" section as (kind, text) lines, kind being "para",
    "head" (a sub-heading) or "item" (a list item), for each format to lay out."""
    if not briefing.source_groups:
        return []
    out: list[tuple[str, str]] = []
    n_reports, n_sources = len(briefing.articles), len(briefing.source_groups)
    out.append(
        (
            "para",
            f"{n_reports} report{'s' if n_reports != 1 else ''} from {n_sources} "
            f"independent source{'s' if n_sources != 1 else ''}.",
        )
    )
    for pair in briefing.syndication:
        out.append(("item", pair_text(pair, numbers) + "."))
    out += [("item", line) for line in same_outlet_lines(briefing, numbers)]
    by_status = {s: [c for c in briefing.claims if c.status == s] for s in _STATUSES}
    corroborated = by_status["corroborated"]
    out.append(
        (
            "head",
            f"Claims: {len(corroborated)} corroborated by independent sources, "
            f"{len(by_status['contested'])} contested, "
            f"{len(by_status['single_source'])} from a single source",
        )
    )
    read = {n.language for n in briefing.languages if n.articles}
    if not briefing.claims and not _read_in_english(briefing) and not read & PIPELINE_LANGUAGES:
        out.append(("para", "Claims are read from reports in English or French, and none of "
                            "these is (see the languages under Sources)."))  # fmt: skip
    by_id = {c.id: c for c in briefing.claims}
    for claim in corroborated[:CLAIMS_SHOWN]:
        out.append(
            (
                "item",
                f"{excerpt(claim.text, 30)} {markers(claim, numbers)} "
                f"({support(claim.independent_sources, claim.status)})"
                + related_text(claim, by_id, numbers),
            )
        )
    if len(corroborated) > CLAIMS_SHOWN:
        out.append(("para", f"… and {len(corroborated) - CLAIMS_SHOWN} more in the JSON output."))
    for claim in by_status["contested"]:
        out.append(
            (
                "item",
                f"Contested: {excerpt(claim.text, 30)} {markers(claim, numbers)} — {claim.note}",
            )
        )
    if briefing.discrepancies:
        out.append(("head", "Where the reports differ"))
    for d in briefing.discrepancies:
        if d.kind == "copy":
            shown = " vs ".join(f"[{numbers[v.article]}] {figure_text(v)}" for v in d.values)
            out.append(("item", f"Wire copies differ: {shown} — “{excerpt(d.values[0].text)}”"))
            continue
        values = "; ".join(
            f"{figure_text(v)} [{numbers[v.article]}]{when_text(v)}" for v in d.values
        )
        out.append(("item", f"{d.topic.capitalize()}: {values}."))
    if any(d.topic in CASUALTY_TOPICS for d in briefing.discrepancies):
        out.append(("para", CASUALTY_CAVEAT))
    if briefing.context:
        out.append(("head", "Running and war-wide tolls (context, not one incident's)"))
        for v in briefing.context:
            out.append(
                ("item", f"{figure_text(v)} [{numbers[v.article]}]{when_text(v)}: "
                         f"“{excerpt(v.text, 24)}”")
            )  # fmt: skip
    return out


def related_text(claim: Claim, by_id: dict[str, Claim], numbers: dict[str, int]) -> str:
    """ " — related, not support: [2] "…"": claims on the same topic that state something
    else, set apart from the sources that confirm it."""
    shown = [by_id[r] for r in claim.related[:2] if r in by_id]
    if not shown:
        return ""
    return " — related, not support: " + "; ".join(
        f"{markers(r, numbers)} “{excerpt(r.text, 10)}”" for r in shown
    )


CASUALTY_CAVEAT = (
    "Casualty figures may count different incidents, days or groups (each comes with its "
    "sentence in the JSON output); they are listed, never added together."
)


def when_text(value: FigureValue) -> str:
    if not value.date:
        return ""
    return f" ({value.date})" if value.date_from == "text" else f" (report of {value.date})"


_STATUSES = ("corroborated", "contested", "single_source")


def changes_lines(briefing: Briefing, numbers: dict[str, int]) -> list[tuple[str, str]]:
    """The "What is new" section of `brief --db --since` as (kind, text) lines, kind being
    "para", "head" or "item", for each format to lay out; [] without `changes`."""
    from storyline.render.events import event_line

    changes = briefing.changes
    if changes is None:
        return []
    since = (
        "the first briefing of this database"
        if changes.since == 0
        else f"briefing #{changes.since} ({changes.since_created})"
    )
    out: list[tuple[str, str]] = [("para", f"Compared with {since}.")]
    n = len(changes.new_articles)
    reports = "".join(f"[{numbers[a]}]" for a in changes.new_articles if a in numbers)
    out.append(("para", f"{n} new report{'s' if n != 1 else ''} {reports}".rstrip() + "."))
    sections: list[tuple[str, list[str]]] = [
        ("New events", [event_line(e, numbers) for e in changes.new_events]),
        (
            "Figures that changed",
            [
                f"{c.line}: {c.what} {'none' if c.before is None else c.before} → "
                f"{'none' if c.after is None else c.after} {markers(c, numbers)}"
                for c in changes.changed_figures
            ],
        ),
        (
            "New claims",
            [f"{excerpt(c.text, 30)} {markers(c, numbers)}" for c in changes.new_claims],
        ),
        (
            "Now corroborated",
            [f"{excerpt(c.text, 30)} {markers(c, numbers)}" for c in changes.now_corroborated],
        ),
        (
            "New differences between reports",
            [
                f"{d.topic}: "
                + "; ".join(f"{figure_text(v)} [{numbers.get(v.article, '?')}]" for v in d.values)
                for d in changes.new_discrepancies
            ],
        ),
    ]
    for title, items in sections:
        out.append(("head", f"{title}: {len(items) or 'none'}"))
        out += [("item", item) for item in items]
    return out
