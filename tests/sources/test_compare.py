"""The sources stage end to end on the shipped example and on paraphrases written for the test."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from storyline.api import brief, build_briefing
from storyline.model import Briefing
from storyline.render import to_markdown, to_text
from storyline.sources.embed import default_embedder
from tests.conftest import make_article

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def example(example_dir: Path) -> Briefing:
    return brief(example_dir)


def _text(briefing: Briefing, article: str, start: int, end: int) -> str:
    return next(a for a in briefing.articles if a.id == article).text[start:end]


def test_wire_copy_found_and_counted_once(example: Briefing) -> None:
    copies = [p.articles for p in example.syndication if p.kind == "copy"]
    assert copies == [["andean-wire", "valley-courier"]]
    groups = [g.articles for g in example.source_groups]
    # the wire story, its copy and its French translation are one source
    assert ["andean-wire", "courrier-des-andes", "valley-courier"] in groups
    # and the Highland Monitor's two reports are one outlet's: one source
    assert ["highland-monitor-1", "highland-monitor-2"] in groups
    assert len(groups) == len(example.articles) - 3


def test_every_claim_cites_whole_sentences_of_its_sources(example: Briefing) -> None:
    assert example.claims
    for claim in example.claims:
        spans = [_text(example, c.article, c.start, c.end) for c in claim.citations]
        assert claim.text in spans
        assert {c.article for c in claim.citations} == set(claim.sources)
        if claim.status == "corroborated":
            assert claim.independent_sources >= 2


def test_differing_death_tolls_make_a_contested_claim_and_a_discrepancy(example: Briefing) -> None:
    contested = [c for c in example.claims if c.status == "contested"]
    assert any("killed" in (c.note or "") for c in contested)
    killed = next(d for d in example.discrepancies if d.topic == "killed")
    assert {v.value for v in killed.values} >= {2, 3}
    for v in killed.values:
        assert _text(example, v.citation.article, v.citation.start, v.citation.end) == v.text
        assert v.written and v.written in v.text


def test_diverging_wire_copies_are_reported(example: Briefing) -> None:
    copies = [d for d in example.discrepancies if d.kind == "copy"]
    written = [[v.written for v in d.values] for d in copies]
    assert ["last week", "earlier this month"] in written


def test_briefing_sections_and_single_source_marks(example: Briefing) -> None:
    for rendered in (to_text(example), to_markdown(example)):
        rendered = " ".join(rendered.split())  # the text format wraps lines
        assert "(single source)" in rendered
        assert "wire story" in rendered
        assert ("SOURCES COMPARED" in rendered) or ("## Sources compared" in rendered)


def test_paraphrase_across_outlets_is_one_corroborated_claim() -> None:
    a = make_article(
        "north-post",
        [
            "Flood water broke through the Mirava dam on Sunday, forcing 3,000 people from "
            "their homes in the valley below.",
            "The mayor of Mirava asked the national government for emergency funds.",
        ],
        published=None,
    )
    b = make_article(
        "river-times",
        [
            "The Mirava dam gave way on Sunday and about 3,000 residents of the valley had to "
            "leave their homes as the water rose.",
            "Schools in the district will stay closed until the end of the month.",
        ],
    )
    briefing = build_briefing([a, b])
    joined = [c for c in briefing.claims if len(c.sources) == 2]
    # two propositions, each in both reports: the dam broke; 3,000 people left their homes
    assert len(joined) == 2 and {c.status for c in joined} == {"corroborated"}
    assert any("dam" in c.text for c in joined) and any("3,000" in c.text for c in joined)
    singles = [c for c in briefing.claims if c.status == "single_source"]
    assert {c.sources[0] for c in singles} == {"north-post", "river-times"}
    assert not any("funds" in c.text or "Schools" in c.text for c in joined)


def test_embedder_vectors_are_unit_length_and_order_preserving() -> None:
    texts = ["A short one.", "A much longer sentence about the dam and the valley below it."]
    vectors = default_embedder().embed(texts)
    assert vectors.shape == (2, 384)
    assert abs(float((vectors**2).sum(axis=1)[0]) - 1.0) < 1e-4
    again = default_embedder().embed(texts[::-1])
    assert abs(float(vectors[0] @ again[1]) - 1.0) < 1e-4
    assert default_embedder().embed([]).shape == (0, 384)


def test_copies_that_give_one_date_in_other_words_do_not_differ() -> None:
    lead = (
        "Dockers at the port of Wexmouth walked out {when} over pay, leaving cranes idle and "
        "ships waiting at anchor, the union said in a statement to reporters."
    )
    body = "The port authority said it would seek a court order to end the strike quickly."
    dated = {"published": date(2024, 3, 12), "published_basis": "metadata"}
    articles = [
        make_article(name, [lead.format(when=when), body], **dated)
        for name, when in (
            ("wire-a", "on Monday"),
            ("wire-b", "on March 11"),
            ("wire-c", "last week"),
        )
    ]
    briefing = build_briefing(articles)
    copies = [d for d in briefing.discrepancies if d.kind == "copy"]
    assert [[(v.article, v.written) for v in d.values] for d in copies] == [
        [("wire-a", "Monday"), ("wire-c", "last week")]
    ]
