"""The HTML report, without a browser: structure, citations, escaping, offline-ness."""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

import pytest

from storyline.api import brief, build_briefing
from storyline.model import Briefing
from storyline.render.html import esc, json_for_script, safe_url, to_html
from tests.render.hostile import JS_URL, hostile_articles

pytestmark = pytest.mark.slow


@cache
def example_briefing(example_dir: Path) -> Briefing:
    return brief(example_dir)


def _data(page: str) -> dict[str, object]:
    match = re.search(r'<script type="application/json" id="sl-data">(.*?)</script>', page, re.S)
    assert match
    data: dict[str, object] = json.loads(match.group(1))
    return data


def test_html_has_every_section_and_no_outside_reference(example_dir: Path) -> None:
    page = to_html(example_briefing(example_dir))
    for section in ("summary", "timeline", "events", "map", "sources", "actors", "articles"):
        assert f'<section id="{section}">' in page
    # self-contained: nothing is fetched (links to the reports' own URLs are plain anchors)
    assert not re.search(r"<(script|link|img|iframe)[^>]+(src|href)=", page)
    assert "@import" not in page and "url(" not in page
    assert "Content-Security-Policy" in page and "default-src &#x27;none&#x27;" in page


def test_html_citations_point_at_their_sentences(example_dir: Path) -> None:
    briefing = example_briefing(example_dir)
    page = to_html(briefing)
    data = _data(page)
    articles = data["articles"]
    cites = data["cites"]
    assert isinstance(articles, list) and isinstance(cites, list)
    used = {int(k) for k in re.findall(r'data-cite="(\d+)"', page)}
    assert used == set(range(len(cites)))
    texts = [a.text for a in briefing.articles]
    # the report texts are on the page once, paragraph by paragraph, at their offsets
    for n, article in enumerate(briefing.articles, 1):
        section = page.split(f'<article id="art-{n}">', 1)[1].split("</article>", 1)[0]
        paragraphs = re.findall(r'<p data-start="(\d+)">(.*?)</p>', section, re.S)
        assert paragraphs
        for start, shown in paragraphs:
            text = html.unescape(shown)
            assert article.text[int(start) : int(start) + len(text)] == text
        assert article.text not in page.split('id="sl-data">', 1)[1]
    expected = {(c.article, c.start, c.end) for item in briefing.summary for c in item.citations}
    ids = [a["id"] for a in articles]
    shown = {(ids[a], s, e) for a, s, e in cites}
    assert expected <= shown
    for a, s, e in cites:
        assert texts[a][s:e].strip()
    # every summary sentence appears, escaped, with its markers
    for item in briefing.summary:
        assert esc(item.text) in page


def test_html_events_table_and_map(example_dir: Path) -> None:
    briefing = example_briefing(example_dir)
    page = to_html(briefing)
    rows = re.findall(r'<tr id="([^"]+)" data-type="([^"]+)"', page)
    assert [r[0] for r in rows] == [e.id for e in briefing.events]
    placed = [e for e in briefing.events if e.place]
    assert page.count('class="pt event"') == len(placed) > 0
    assert page.count('class="pt place"') > 0
    unsure = [p for p in briefing.places if p.feature != "country" and p.confidence < 0.6]
    assert page.count('class="pt place unsure"') == len(unsure)
    low = briefing.model_copy(
        update={"places": [p.model_copy(update={"confidence": 0.3}) for p in briefing.places]}
    )
    shown = to_html(low)
    assert 'class="pt place"' not in shown and 'class="pt place unsure"' in shown
    assert "confidence under 0.6" in shown
    assert '<path class="land"' in page  # Natural Earth outlines around Tarija


def test_html_escapes_hostile_text() -> None:
    briefing = build_briefing(hostile_articles())
    page = to_html(briefing)
    body = page.split("<body>", 1)[1]
    # only the page's own two script elements; no markup from the reports
    assert len(re.findall(r"<script", body)) == 2
    assert "<img" not in page and "<svg onload" not in page
    assert 'href="javascript:' not in page.lower()
    assert "&lt;script&gt;window.__pwned" in page  # shown as text
    data_block = page.split('id="sl-data">', 1)[1].split("</script>", 1)[0]
    assert "<" not in data_block and ">" not in data_block
    assert JS_URL in json.dumps(_data(page)) or esc(JS_URL) in page


def test_html_helpers() -> None:
    assert safe_url("javascript:alert(1)") is None
    assert safe_url(" JAVASCRIPT:alert(1)") is None
    assert safe_url("data:text/html,hi") is None
    assert safe_url("https://example.org/a") == "https://example.org/a"
    assert json_for_script({"a": "</script><!--"}) == '{"a":"\\u003c/script\\u003e\\u003c!--"}'
    assert esc('<a href="x">\'') == "&lt;a href=&quot;x&quot;&gt;&#x27;"


def test_html_coverage_matrix_shows_who_reported_what(example_dir: Path) -> None:
    briefing = example_briefing(example_dir)
    page = to_html(briefing)
    table = re.search(r'<table class="coverage">(.*?)</table>', page, re.S)
    assert table
    head, body = table.group(1).split("</thead>")
    assert head.count('<th scope="col"') == len(briefing.articles)
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    assert len(rows) >= len(briefing.events)
    numbers = {a.id: n for n, a in enumerate(briefing.articles, 1)}
    columns = [int(n) for n in re.findall(r'<th scope="col"[^>]*>\[(\d+)\]', head)]
    for event, row in zip(briefing.events, rows, strict=False):  # the events come first
        cells = re.findall(r"<td>(.*?)</td>", row)
        told = {numbers[c.article] for c in event.citations}
        assert {columns[k] for k, cell in enumerate(cells) if cell == "●"} == told
    published = {a.published for a in briefing.articles if a.published}
    assert page.count('<li title="20') == len(published)  # a bar a day of publication


def test_html_coverage_matrix_stays_a_view_for_a_big_cluster(example_dir: Path) -> None:
    from storyline.render.html import COVERAGE_COLUMNS, COVERAGE_EVENTS, COVERAGE_ROWS

    briefing = example_briefing(example_dir)
    article = briefing.articles[0]
    many = [article.model_copy(update={"id": f"r{n}"}) for n in range(120)]
    event = briefing.events[0]
    events = [  # event n is told by reports r0 .. r{n}: the last ones by the most
        event.model_copy(update={"citations": [
            c.model_copy(update={"article": f"r{k}"}) for k in range(n + 1)
            for c in event.citations[:1]
        ]})
        for n in range(60)
    ]  # fmt: skip
    articles = [*briefing.articles, *many]
    big = briefing.model_copy(update={"articles": articles, "events": events, "source_groups": []})
    page = to_html(big)
    table = re.search(r'<table class="coverage">(.*?)</table>', page, re.S)
    assert table
    head, body = table.group(1).split("</thead>")
    assert head.count('<th scope="col"') == COVERAGE_COLUMNS
    rows = re.findall(r"<tr>(.*?)</tr>", body, re.S)
    assert COVERAGE_EVENTS <= len(rows) <= COVERAGE_ROWS
    # the columns are the reports that tell the most rows: r0 .. r39 tell every event shown
    columns = re.findall(r'<th scope="col" title="[^"]*">\[(\d+)\]', head)
    first = len(briefing.articles) + 1  # r0's number
    assert sorted(int(n) for n in columns) == list(range(first, first + COVERAGE_COLUMNS))
    assert f"{len(articles) - COVERAGE_COLUMNS} more" in page


def test_map_spreads_events_at_one_spot_and_has_a_scale_bar() -> None:
    from collections import Counter

    from storyline.render.basemap import Frame
    from storyline.render.html import _scale_bar, _spread

    taken: Counter[tuple[float, float]] = Counter()
    spots = [_spread((100.0, 100.0), taken) for _ in range(16)]
    assert spots[0] == (100.0, 100.0) and len(set(spots)) == 16  # sixteen marks, not one
    assert max(abs(x - 100) + abs(y - 100) for x, y in spots) < 60  # still around the town
    frame = Frame.around([(36.1, 32.6), (36.3, 33.5)])  # about a degree: a hundred km
    bar = _scale_bar(frame)
    km = int(re.search(r">([\d,]+) km<", bar).group(1).replace(",", ""))  # type: ignore[union-attr]
    assert km in (1, 2, 5, 10, 20, 50, 100, 200) and km <= frame.width * frame.km_per_unit / 4
    start, end = (float(v) for v in re.search(r"M([\d.]+),[\d.]+V[\d.]+H([\d.]+)", bar).groups())  # type: ignore[union-attr]
    assert abs((end - start) * frame.km_per_unit - km) < 0.01 * km


def test_each_reports_outlet_links_back_to_the_original() -> None:
    from storyline.model import Briefing
    from tests.conftest import make_article

    briefing = Briefing(articles=[
        make_article("a", ["Text."], outlet="Kessel Courier", url="https://courier.example.org/a"),
        make_article("b", ["Text."], outlet="Aln Valley News", url="javascript:alert(1)"),
    ])  # fmt: skip
    table = re.search(r'<table class="per-source">.*?</table>', to_html(briefing), re.S)
    assert table
    assert (
        '<a href="https://courier.example.org/a" rel="noreferrer noopener">Kessel Courier</a>'
        in table.group(0)
    )
    assert "javascript:" not in table.group(0) and "Aln Valley News" in table.group(0)
