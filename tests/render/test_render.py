from __future__ import annotations

import json
from datetime import date

from storyline.model import Briefing, Citation, Headline, RemovedLine, Skipped, SummarySentence
from storyline.render import render
from tests.conftest import make_article


def briefing() -> Briefing:
    a = make_article(
        "a",
        ["Cranes stood idle on *Monday*."],
        title="Strike <b>at</b> port",
        outlet="Coast Gazette",
        published=date(2023, 3, 14),
        published_basis="text",
        removed=[RemovedLine(line=2, text="Loading...", reason="loading placeholder")],
    )
    b = make_article("b", ["Cranes stood idle on Monday."], title=None)
    item = SummarySentence(
        text="Cranes stood idle on *Monday*.",
        citations=[Citation(article="a", start=0, end=30), Citation(article="b", start=0, end=28)],
        score=0.9,
    )
    return Briefing(
        headline=Headline(text="Strike <b>at</b> port", article="a"),
        articles=[a, b],
        summary=[item],
        skipped=[Skipped(source="bad.bin", code="S004", message="binary")],
    )


def test_render_json_is_the_model_dumped() -> None:
    data = json.loads(render(briefing(), "json"))
    assert list(data)[:4] == ["schema_version", "headline", "articles", "summary"]
    assert set(data["articles"][0]) >= {
        "id",
        "source",
        "title",
        "outlet",
        "published",
        "published_basis",
        "text",
        "removed",
    }
    assert Briefing.model_validate(data) == briefing()


def test_render_markdown_markers_sources_and_escaping() -> None:
    md = render(briefing(), "md")
    assert md.startswith("# Strike \\<b\\>at\\</b\\> port\n")
    assert "- Cranes stood idle on \\*Monday\\*. [1][2]" in md
    assert (
        "1. **Strike \\<b\\>at\\</b\\> port** — Coast Gazette · 2023-03-14 (date from the text) · a"
        in md
    )
    assert "2. **(untitled)** — date unknown · b" in md
    assert "*1 line of page furniture removed*" in md
    assert "`bad.bin`: S004 binary" in md


def test_render_text() -> None:
    text = render(briefing(), "text")
    assert "SUMMARY" in text and "[1][2]" in text and "SKIPPED" in text
    assert "bad.bin: S004 binary" in text
