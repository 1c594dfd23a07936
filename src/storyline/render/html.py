"""The briefing as one self-contained HTML file: no CDN, no tiles, no network, small inline CSS/JS.

Safety: every string that comes from an article (text, titles, outlets, URLs, names) is
escaped by `esc()` before it enters the markup; links are made only from http(s) URLs.
What the citation panel needs (titles, offsets) travels in a `<script type="application/json">`
block whose `<`, `>` and `&` are written as JSON escapes, so no text can close it; the
script reads the cited paragraph's `textContent` and puts text on the page with
`textContent` only, never as markup. A Content-Security-
Policy allows only the page's own script (by its hash) and inline styles, so even markup that
slipped through could not run or load anything.

Without JavaScript the page still reads: each citation is a link to its report's text.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import math
from collections import Counter
from importlib import resources
from typing import Any

from storyline.model import (
    Article,
    Briefing,
    Citation,
    FigureValue,
    Place,
    SummarySentence,
)
from storyline.render.basemap import Frame, outline_paths
from storyline.render.common import (
    CASUALTY_CAVEAT,
    TIMELINE_BASIS,
    TIMELINE_LEGEND,
    article_line,
    entry_date,
    excerpt,
    figure_text,
    inferred_note,
    language_notes,
    no_events_note,
    pair_text,
    place_details,
    removed_note,
    set_aside_note,
    source_numbers,
    support,
    when_text,
)
from storyline.render.events import actors, also_known_as, event_when, toll
from storyline.text import paragraph_spans

PLACE_LABELS = 8  # places named on the map; the rest have a tooltip
# Claims listed per status: a 500-report cluster makes thousands, most single-source;
# beyond this many the page says how many more there are and where to find them.
CLAIMS_LISTED = 300


def esc(text: object) -> str:
    """Text as HTML: `& < > " '` escaped, for element content and quoted attributes alike."""
    return html.escape(str(text), quote=True)


def safe_url(url: str | None) -> str | None:
    """The URL when it is http(s), else None: never a `javascript:` or `data:` link."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


class _Cites:
    """Numbers citations for the viewer: `data-cite` indexes into the JSON block's `cites`."""

    def __init__(self, briefing: Briefing) -> None:
        self.numbers = source_numbers(briefing)
        self.index: dict[tuple[str, int, int], int] = {}
        self.order = {a.id: i for i, a in enumerate(briefing.articles)}

    def link(self, c: Citation, label: str | None = None) -> str:
        key = (c.article, c.start, c.end)
        k = self.index.setdefault(key, len(self.index))
        n = self.numbers[c.article]
        shown = esc(label) if label is not None else f"[{n}]"
        return (
            f'<a class="cite" href="#art-{n}" data-cite="{k}" '
            f'title="report [{n}], characters {c.start}–{c.end}">{shown}</a>'
        )

    def marks(self, citations: list[Citation]) -> str:
        """One link per source, to that source's first citation, in source order."""
        first: dict[str, Citation] = {}
        for c in citations:
            first.setdefault(c.article, c)
        chosen = sorted(first.values(), key=lambda c: self.numbers[c.article])
        return "".join(self.link(c) for c in chosen)

    def payload(self) -> list[list[int]]:
        rows: list[list[int]] = [[0, 0, 0]] * len(self.index)
        for (article, start, end), k in self.index.items():
            rows[k] = [self.order[article], start, end]
        return rows


def to_html(briefing: Briefing) -> str:
    """The whole report: headline, summary, timeline, events, map, sources, articles."""
    cites = _Cites(briefing)
    headline = briefing.headline.text if briefing.headline else "Briefing"
    body = [
        f"<header><h1>{esc(headline)}</h1>{_overview(briefing)}{_nav()}</header>",
        "<main>",
        _summary(briefing, cites),
        _timeline(briefing, cites),
        _events(briefing, cites),
        _map(briefing),
        _sources(briefing, cites),
        _actors(briefing),
        _articles(briefing, cites),
        "</main>",
        _footer(),
        _viewer(),
    ]
    data = {
        "articles": [_article_data(a, cites.numbers[a.id]) for a in briefing.articles],
        "cites": cites.payload(),
    }
    script = _asset("report.js")
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    policy = (
        "default-src 'none'; style-src 'unsafe-inline'; img-src data:; "
        f"script-src 'sha256-{digest}'; base-uri 'none'; form-action 'none'"
    )
    return "\n".join(
        [
            "<!DOCTYPE html>",
            '<html lang="en">',
            "<head>",
            '<meta charset="utf-8">',
            f'<meta http-equiv="Content-Security-Policy" content="{esc(policy)}">',
            '<meta name="viewport" content="width=device-width, initial-scale=1">',
            '<meta name="generator" content="storyline">',
            f"<title>{esc(headline)}</title>",
            f"<style>{_asset('report.css')}</style>",
            "</head>",
            "<body>",
            *body,
            f'<script type="application/json" id="sl-data">{json_for_script(data)}</script>',
            f"<script>{script}</script>",
            "</body>",
            "</html>",
            "",
        ]
    )


def json_for_script(data: Any) -> str:
    """JSON that cannot end its `<script>` element or open a comment: `<`, `>`, `&` escaped."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def _asset(name: str) -> str:
    return resources.files("storyline.render").joinpath("assets", name).read_text("utf-8")


def _article_data(article: Article, n: int) -> dict[str, Any]:
    """What the citation panel shows of a report; it reads the text from the report's own
    paragraphs on the page (each `<p data-start>` gives its offset), so the text, the
    bulk of the file, is written once."""
    title, details = article_line(article)
    return {"n": n, "id": article.id, "title": title, "details": details}


def _overview(briefing: Briefing) -> str:
    n, groups = len(briefing.articles), len(briefing.source_groups) or len(briefing.articles)
    days = sorted(a.published for a in briefing.articles if a.published)
    span = ""
    if days:
        span = f" · reports of {days[0]}" + (f" to {days[-1]}" if days[-1] != days[0] else "")
    return (
        f'<p class="overview">{n} report{"s" if n != 1 else ""} from {groups} independent '
        f"source{'s' if groups != 1 else ''}{esc(span)} · {len(briefing.events)} events · "
        f"{len(briefing.places)} places</p>"
    )


_SECTIONS = (
    ("summary", "Summary"),
    ("timeline", "Timeline"),
    ("events", "Events"),
    ("map", "Map"),
    ("sources", "Sources compared"),
    ("actors", "Actors"),
    ("articles", "Reports"),
)


def _nav() -> str:
    links = "".join(f'<a href="#{key}">{title}</a>' for key, title in _SECTIONS)
    return f'<nav aria-label="Sections">{links}</nav>'


def _section(key: str, body: str) -> str:
    title = dict(_SECTIONS)[key]
    return f'<section id="{key}"><h2>{title}</h2>{body}</section>'


_STATUS = {
    "corroborated": ("ok", "corroborated"),
    "single_source": ("single", "single source"),
    "contested": ("contested", "contested"),
}


def _badge(status: str | None) -> str:
    if status not in _STATUS:
        return ""
    cls, label = _STATUS[status]
    return f' <span class="badge {cls}">{label}</span>'


def _summary(briefing: Briefing, cites: _Cites) -> str:
    if not briefing.summary:
        return _section("summary", "<p>(no sentence qualified for the summary)</p>")
    items = "".join(f"<li>{_summary_item(item, cites)}</li>" for item in briefing.summary)
    note = (
        '<p class="hint">Click a [n] to see the sentence in its paragraph. "also" marks '
        "other sources that state the same claim in their own words.</p>"
    )
    return _section("summary", f'<ul class="summary">{items}</ul>{note}')


def _summary_item(item: SummarySentence, cites: _Cites) -> str:
    own = {c.article for c in item.citations}
    also = [c for c in item.corroborated_by if c.article not in own]
    extra = f' <span class="also">also {cites.marks(also)}</span>' if also else ""
    backing = f' <span class="count">{esc(support(item.independent_sources, item.status))}</span>'
    return f"{esc(item.text)} {cites.marks(item.citations)}{extra}{backing}{_badge(item.status)}"


def _timeline(briefing: Briefing, cites: _Cites) -> str:
    if not briefing.timeline:
        return _section("timeline", "<p>(no dated happening found)</p>")
    rows = []
    for entry in briefing.timeline:
        related = (
            f' <span class="also">see also {cites.marks(entry.related)}</span>'
            if entry.related
            else ""
        )
        rows.append(
            f'<li><time datetime="{esc(entry.date)}">{esc(entry_date(entry))}'
            f"{TIMELINE_BASIS[entry.basis]}</time> <span>{esc(entry.text)} "
            f"{cites.marks(entry.citations)}{related}</span></li>"
        )
    legend = ""
    if any(e.basis == "inferred" for e in briefing.timeline):
        legend = f'<p class="hint">{esc(TIMELINE_LEGEND)}</p>'
    issues = ""
    if briefing.date_issues:
        items = "".join(
            f"<li>{cites.link(Citation(article=i.article, start=i.start, end=i.end))} "
            f"“{esc(i.text)}”: {esc(i.note)}</li>"
            for i in briefing.date_issues
        )
        issues = f'<h3>Dates that do not add up</h3><ul class="issues">{items}</ul>'
    return _section("timeline", f'<ol class="timeline">{"".join(rows)}</ol>{legend}{issues}')


def _events(briefing: Briefing, cites: _Cites) -> str:
    if not briefing.events:
        return _section("events", f"<p>{esc(no_events_note(briefing))}</p>")
    types = sorted({e.event_type for e in briefing.events})
    options = "".join(f'<option value="{esc(t)}">{esc(t)}</option>' for t in types)
    controls = (
        '<div class="controls"><label>Type <select id="event-type">'
        f'<option value="">all types</option>{options}</select></label>'
        '<label>Find <input id="event-find" type="search" placeholder="actor, place"></label>'
        '<span id="event-count" aria-live="polite"></span></div>'
    )
    head = "".join(
        f'<th scope="col" data-sort="{kind}"><button type="button">{title}</button></th>'
        for title, kind in (
            ("Date", "text"),
            ("Type", "text"),
            ("Sides", "text"),
            ("Place", "text"),
            ("Killed", "num"),
            ("Wounded", "num"),
            ("Sources", "num"),
            ("Cited", "none"),
        )
    )
    rows = []
    for event in briefing.events:
        killed = "" if event.fatalities is None else str(event.fatalities)
        if killed and event.fatalities_bound == "at_least":
            killed = f"≥{killed}"
        sides = " v ".join(esc(a or "unnamed") for a in (event.actor1, event.actor2) if a) or (
            "not named"
        )
        place = esc(event.place.name) if event.place else "unknown"
        note = f'<div class="note">{esc(excerpt(event.notes, 24))}</div>' if event.notes else ""
        background = ' <span class="badge single">background</span>' if event.background else ""
        # data-label: on a phone each row is a card, every cell headed by its column
        rows.append(
            f'<tr id="{esc(event.id)}" data-type="{esc(event.event_type)}">'
            f'<td data-label="Date" data-v="{esc(event.date or "")}">'
            f"{esc(event_when(event, 'unknown'))}</td>"
            f'<td data-label="Type">{esc(event.sub_event_type)}'
            f'<div class="sub">{esc(event.event_type)}</div>{background}</td>'
            f'<td data-label="Sides">{sides}</td><td data-label="Place">{place}</td>'
            f'<td data-label="Killed" '
            f'data-v="{event.fatalities if event.fatalities is not None else -1}">'
            f"{esc(killed)}</td>"
            f'<td data-label="Wounded" '
            f'data-v="{event.injuries if event.injuries is not None else -1}">'
            f"{event.injuries if event.injuries is not None else ''}</td>"
            f'<td data-label="Sources" data-v="{event.independent_sources}">'
            f"{event.independent_sources}</td>"
            f'<td data-label="Cited">{cites.marks(event.citations)}{note}</td></tr>'
        )
    table = (
        f'<div class="scroll"><table id="events-table"><thead><tr>{head}</tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )
    hint = (
        '<p class="hint">Killed: the lowest figure independent sources give (≥ a lower bound); '
        "Sources: independent sources. Click a column to sort.</p>"
    )
    return _section("events", controls + table + hint)


UNSURE = 0.6  # a place placed with less confidence is drawn hollow on the map


def _map(briefing: Briefing) -> str:
    placed = [p for p in briefing.places if p.feature not in ("country",)]
    events = [e for e in briefing.events if e.place is not None]
    points = [(p.lon, p.lat) for p in placed]
    points += [(e.place.lon, e.place.lat) for e in events if e.place is not None]
    if not points:
        return _section("map", "<p>(no place could be placed)</p>")
    frame = Frame.around(points)
    shapes = "".join(
        f'<path class="land" d="{d}"><title>{esc(name)}</title></path>'
        for name, d in outline_paths(frame)
    )
    marks = []
    for place in placed:
        x, y = frame.xy(place.lon, place.lat)
        unsure = " unsure" if place.confidence < UNSURE else ""
        marks.append(
            f'<circle class="pt place{unsure}" cx="{x}" cy="{y}" r="4">'
            f"<title>{esc(place.name)}: {esc(place_details(place))}</title></circle>"
        )
    by_spot: Counter[tuple[float, float]] = Counter()
    for event in events:
        assert event.place is not None
        x, y = _spread(frame.xy(event.place.lon, event.place.lat), by_spot)
        r = 5 + 2 * math.sqrt(event.fatalities or 0)
        label = f"{event.date or 'date unknown'} · {event.sub_event_type}"
        if toll(event):
            label += f" · {toll(event)}"
        marks.append(
            f'<a href="#{esc(event.id)}"><circle class="pt event" cx="{x}" cy="{y}" '
            f'r="{r:.1f}"><title>{esc(label)} · {esc(event.place.name)}</title></circle></a>'
        )
    labels = []
    chosen = _labelled(placed)
    named = Counter(p.name for p in chosen)
    for place in chosen:
        x, y = frame.xy(place.lon, place.lat)
        name = place.name
        if named[name] > 1:  # "Daraa" the city and "Daraa" the governorate
            name += f" ({FEATURE_WORDS.get(place.feature, place.feature)})"
        labels.append(f'<text x="{x + 6}" y="{y - 6}">{esc(name)}</text>')
    labels.append(_scale_bar(frame))
    svg = (
        f'<svg id="map-svg" viewBox="0 0 {frame.width:.0f} {frame.height:.0f}" role="img" '
        f'aria-label="Map of the places and events">'
        f'<rect class="sea" width="{frame.width:.0f}" height="{frame.height:.0f}"/>'
        f'{shapes}<g class="marks">{"".join(marks)}</g><g class="labels">{"".join(labels)}</g>'
        "</svg>"
    )
    legend = (
        '<p class="hint"><span class="key place"></span> place named in the reports '
        f'<span class="key place unsure"></span> placed with confidence under {UNSURE} '
        '<span class="key event"></span> event (larger: more killed; click for its row). '
        f"{len(placed)} places, {len(events)} events with a place. "
        f"Frame {frame.lat0:.2f}–{frame.lat1:.2f}°N, {frame.lon0:.2f}–{frame.lon1:.2f}°E.</p>"
    )
    unplaced = ""
    if briefing.unresolved:
        names = ", ".join(f"{esc(u.name)} ({esc(u.reason)})" for u in briefing.unresolved)
        unplaced = f'<p class="hint">Not placed: {names}</p>'
    return _section("map", f'<figure class="map">{svg}</figure>{legend}{unplaced}')


FEATURE_WORDS = {"admin1": "region", "admin2": "district", "city": "town",
                 "village": "village", "neighbourhood": "district of a town"}  # fmt: skip
SPREAD = 9.0  # map units between events told at one spot, spiralling out from it


def _spread(at: tuple[float, float], taken: Counter[tuple[float, float]]) -> tuple[float, float]:
    """The k-th event at one spot sits k steps out on a golden-angle spiral around it, so
    sixteen events in one town show as sixteen marks, not one."""
    k = taken[at]
    taken[at] += 1
    if not k:
        return at
    angle = k * 2.39996  # the golden angle, in radians
    reach = SPREAD * math.sqrt(k)
    return round(at[0] + reach * math.cos(angle), 1), round(at[1] + reach * math.sin(angle), 1)


def _scale_bar(frame: Frame) -> str:
    """A bar of a round number of kilometres, about a fifth of the map wide, bottom left."""
    width_km = frame.width * frame.km_per_unit
    km = max((k for k in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000)
              if k <= width_km / 4), default=1)  # fmt: skip
    length = km / frame.km_per_unit
    y = frame.height - 14
    return (
        f'<g class="scale"><path d="M12,{y - 5}V{y}H{12 + length:.1f}V{y - 5}"/>'
        f'<text x="12" y="{y - 8}">{km:,} km</text></g>'
    )


def _labelled(places: list[Place]) -> list[Place]:
    """The most-named places, one label per spot."""
    seen: set[tuple[float, float]] = set()
    chosen = []
    for place in sorted(places, key=lambda p: (-len(p.mentions), p.name)):
        spot = (round(place.lat, 2), round(place.lon, 2))
        if spot in seen:
            continue
        seen.add(spot)
        chosen.append(place)
        if len(chosen) == PLACE_LABELS:
            break
    return chosen


def _value(v: FigureValue, cites: _Cites) -> str:
    return f"{esc(figure_text(v))} {cites.link(v.citation, f'[{cites.numbers[v.article]}]')}" + (
        esc(when_text(v))
    )


def _sources(briefing: Briefing, cites: _Cites) -> str:
    numbers = cites.numbers
    parts = []
    parts.append(_per_source(briefing, numbers))
    parts.append(_coverage(briefing, numbers))
    copies = []
    for pair in briefing.syndication:
        shared = cites.marks(pair.shared) if pair.shared else ""
        copies.append(f"<li>{esc(pair_text(pair, numbers))} {shared}</li>")
    parts.append(
        "<h3>Wire copies and translations</h3>"
        + (f"<ul>{''.join(copies)}</ul>" if copies else "<p>No report copies another.</p>")
    )
    by_status: dict[str, list[str]] = {s: [] for s in _STATUS}
    counts: Counter[str] = Counter(c.status for c in briefing.claims)
    by_id = {c.id: c for c in briefing.claims}
    for claim in briefing.claims:
        if len(by_status[claim.status]) >= CLAIMS_LISTED:
            continue  # not listed: neither written nor its citations carried in the page
        note = f' <span class="note">{esc(claim.note)}</span>' if claim.note else ""
        sources = "".join(f"[{numbers[a]}]" for a in claim.sources if a in numbers)
        related = [by_id[r] for r in claim.related[:3] if r in by_id]
        near = (
            '<div class="related">Related, not support: '
            + "; ".join(f"{esc(r.text[:90])} {cites.marks(r.citations[:1])}" for r in related)
            + "</div>"
            if related
            else ""
        )
        by_status[claim.status].append(
            f'<li id="claim-{esc(claim.id)}">{esc(claim.text)} {cites.marks(claim.citations)} '
            f'<span class="count">{esc(support(claim.independent_sources, claim.status))}: '
            f"reports {sources}</span>{_badge(claim.status)}{note}{near}</li>"
        )
    for status, title, is_open in (
        ("corroborated", "Corroborated by independent sources", True),
        ("contested", "Contested", True),
        ("single_source", "From a single source", False),
    ):
        items = by_status[status]
        if items:
            more = ""
            if counts[status] > CLAIMS_LISTED:
                more = (
                    f'<p class="hint">… and {counts[status] - CLAIMS_LISTED} more, the least '
                    "corroborated; every claim is in the JSON output (`storyline brief -f json`) "
                    "and the store's `claims` table.</p>"
                )
            parts.append(
                f'<details class="claims {status}"{" open" if is_open else ""}>'
                f"<summary>{title} ({counts[status]})</summary>"
                f"<ul>{''.join(items)}</ul>{more}</details>"
            )
    if briefing.context:
        rows = [f"<li>{_value(v, cites)}</li>" for v in briefing.context]
        parts.append(
            "<h3>Running and war-wide tolls</h3>"
            '<p class="hint">Figures that count more than one incident: context, never set '
            f'against an incident\'s toll.</p><ul class="context">{"".join(rows)}</ul>'
        )
    if briefing.discrepancies:
        rows = []
        for d in briefing.discrepancies:
            values = "; ".join(_value(v, cites) for v in d.values)
            rows.append(f"<li><strong>{esc(d.topic)}</strong>: {values}. {esc(d.note)}</li>")
        parts.append(
            f'<h3>Where the reports differ</h3><ul class="differ">{"".join(rows)}</ul>'
            f'<p class="hint">{esc(CASUALTY_CAVEAT)}</p>'
        )
    return _section("sources", "".join(parts))


COVERAGE_ROWS = 20  # rows of the coverage matrix: events, then claims (corroborated first)
COVERAGE_EVENTS = 10  # of which events, those told by the most reports
COVERAGE_COLUMNS = 40  # reports shown as columns: those that tell the most rows


def _coverage(briefing: Briefing, numbers: dict[str, int]) -> str:
    """Who reported what: a row per event and per claim (the events most reported, then
    the corroborated and contested claims), a column per report, the copies of one wire
    story side by side under their independent source; a dot where the report tells it.
    A big cluster shows the COVERAGE_COLUMNS reports that tell the most rows (a table of
    500 reports by 300 events is no view: it weighed 1.6 MB). Then the reports by day of
    publication."""
    group_of = {a: n for n, g in enumerate(briefing.source_groups, 1) for a in g.articles}
    rows: list[tuple[str, set[str]]] = []
    events = sorted(
        enumerate(briefing.events),
        key=lambda ne: (-len({c.article for c in ne[1].citations}), ne[0]),
    )[:COVERAGE_EVENTS]
    for _, event in sorted(events):
        where = f", {event.place.name}" if event.place else ""
        label = f"{event.date or 'undated'} {event.sub_event_type}{where}"
        rows.append((label, {c.article for c in event.citations}))
    for claim in briefing.claims:
        if len(rows) >= COVERAGE_ROWS:
            break
        rows.append((claim.text, set(claim.sources)))
    if not rows:
        return ""
    told = Counter(a for _, tellers in rows for a in tellers)
    shown = sorted(briefing.articles, key=lambda a: (-told[a.id], numbers[a.id]))
    hidden = max(0, len(shown) - COVERAGE_COLUMNS)
    order = shown[:COVERAGE_COLUMNS]
    order.sort(key=lambda a: (group_of.get(a.id, 10**6), numbers[a.id]))
    head = "".join(
        f'<th scope="col" title="{esc(a.outlet or a.title or a.id)}">[{numbers[a.id]}]'
        f'<span class="sub">{group_of.get(a.id, "")}</span></th>'
        for a in order
    )
    body = "".join(
        f'<tr><th scope="row">{esc(label[:90])}</th>'
        + "".join(f"<td>{'●' if a.id in tellers else ''}</td>" for a in order)
        + "</tr>"
        for label, tellers in rows
    )
    more = (
        f" The {COVERAGE_COLUMNS} reports that tell the most of these rows; {hidden} more "
        "are in the table of each report above."
        if hidden
        else ""
    )
    days = Counter(a.published.isoformat() for a in briefing.articles if a.published)
    strip = ""
    if days:
        most = max(days.values())
        bars = "".join(
            f'<li title="{day}: {n} report{"s" if n != 1 else ""}">'
            f'<span style="height:{round(100 * n / most)}%"></span>{day[5:]}</li>'
            for day, n in sorted(days.items())
        )
        strip = f'<h3>Reports by day of publication</h3><ol class="days">{bars}</ol>'
    return (
        '<h3>Who reported what</h3><p class="sub">Columns: the reports, grouped by '
        "independent source (the small number); rows: the events most reported, then the "
        f"claims.{esc(more)}</p>"
        f'<div class="scroll"><table class="coverage"><thead><tr><th></th>{head}</tr></thead>'
        f"<tbody>{body}</tbody></table></div>{strip}"
    )


def _per_source(briefing: Briefing, numbers: dict[str, int]) -> str:
    """A row per report: its independent source, the reports it shares a wire story with,
    and the claims it makes by status."""
    group_of = {a: n for n, g in enumerate(briefing.source_groups, 1) for a in g.articles}
    copies: dict[str, list[int]] = {a.id: [] for a in briefing.articles}
    for pair in briefing.syndication:
        a, b = pair.articles
        copies[a].append(numbers[b])
        copies[b].append(numbers[a])
    made: dict[str, Counter[str]] = {a.id: Counter() for a in briefing.articles}
    for claim in briefing.claims:
        for source in set(claim.sources):
            if source in made:
                made[source][claim.status] += 1
    rows = []
    for article in briefing.articles:
        title, _ = article_line(article)
        counts = made[article.id]
        shared = "".join(f"[{n}]" for n in sorted(copies[article.id])) or "–"
        name = esc(article.outlet or title)
        if url := safe_url(article.url):  # back to the original report
            name = f'<a href="{esc(url)}" rel="noreferrer noopener">{name}</a>'
        rows.append(
            f"<tr><td>[{numbers[article.id]}]</td><td>{name}</td>"
            f"<td>{group_of.get(article.id, '')}</td><td>{shared}</td>"
            f"<td>{counts['corroborated']}</td><td>{counts['contested']}</td>"
            f"<td>{counts['single_source']}</td></tr>"
        )
    return (
        '<h3>Each report</h3><div class="scroll"><table class="per-source"><thead><tr>'
        '<th scope="col">#</th><th scope="col">Outlet or title</th>'
        '<th scope="col">Independent source</th><th scope="col">Shares a wire story with</th>'
        '<th scope="col">Claims corroborated</th><th scope="col">contested</th>'
        '<th scope="col">single-source</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _actors(briefing: Briefing) -> str:
    parties = actors(briefing)
    others = [e for e in briefing.entities if not e.actor_type][:30]
    if not parties and not others:
        return _section("actors", "<p>(no actor named)</p>")
    rows = "".join(
        f"<li><strong>{esc(e.name)}</strong>: {esc(e.actor_type)}{esc(also_known_as(e))}</li>"
        for e in parties
    )
    named = "".join(
        f'<li>{esc(e.name)} <span class="sub">{esc(e.type)}</span>{esc(also_known_as(e))}</li>'
        for e in others
    )
    body = f"<h3>Parties to events</h3><ul>{rows}</ul>" if rows else ""
    body += f'<h3>Also named</h3><ul class="cols">{named}</ul>' if named else ""
    return _section("actors", body)


def _articles(briefing: Briefing, cites: _Cites) -> str:
    out = []
    for article in briefing.articles:
        n = cites.numbers[article.id]
        title, details = article_line(article)
        url = safe_url(article.url)
        link = f' · <a href="{esc(url)}" rel="noreferrer noopener">{esc(url)}</a>' if url else ""
        if article.url and not url:
            link = f" · {esc(article.url)} (not a web link)"
        notes = "".join(
            f'<p class="note">{esc(note)}</p>'
            for note in (set_aside_note(article), inferred_note(article), removed_note(article))
            if note
        )
        paragraphs = "".join(
            f'<p data-start="{start}">{esc(article.text[start:end])}</p>'
            for start, end in paragraph_spans(article.text)
        )
        removed = ""
        if article.removed:
            items = "".join(
                f'<li><span class="sub">line {r.line}, {esc(r.reason)}</span> {esc(r.text)}</li>'
                for r in article.removed
            )
            removed = (
                f"<details><summary>Removed as page furniture ({len(article.removed)})</summary>"
                f'<ul class="removed">{items}</ul></details>'
            )
        out.append(
            f'<article id="art-{n}"><h3>[{n}] {esc(title)}</h3>'
            f'<p class="sub">{esc(details)}{link}</p>{notes}'
            f"<details><summary>Text as briefed</summary>"
            f'<div class="text">{paragraphs}</div></details>{removed}</article>'
        )
    skipped = ""
    if briefing.skipped:
        items = "".join(
            f"<li>{esc(s.location())}: {esc(s.code)} {esc(s.message)}</li>"
            for s in briefing.skipped
        )
        skipped = f"<h3>Skipped inputs</h3><ul>{items}</ul>"
    languages = "".join(
        f'<p class="note">Language: {esc(line)}</p>'
        for line in language_notes(briefing, cites.numbers)
    )
    return _section("articles", languages + "".join(out) + skipped)


def _footer() -> str:
    return (
        "<footer>Made by storyline. Every statement cites the report sentences it comes "
        "from. Places: GeoNames (CC-BY 4.0). Outlines: Natural Earth (public domain).</footer>"
    )


def _viewer() -> str:
    return (
        '<aside id="viewer" hidden role="dialog" aria-modal="false" aria-labelledby="viewer-title">'
        '<button type="button" id="viewer-close" aria-label="Close">×</button>'
        '<h3 id="viewer-title"></h3><p class="sub" id="viewer-details"></p>'
        '<blockquote id="viewer-text"></blockquote>'
        '<p class="sub"><a id="viewer-open" href="#">the whole report</a> · '
        '<span id="viewer-span"></span></p></aside>'
    )
