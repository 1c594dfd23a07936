from __future__ import annotations

import pytest

from storyline.sources.copies import group_copies, overlap, shingles, syndicate
from tests.conftest import make_article, make_parsed

WIRE = (
    "Dockers at the port of Wexmouth walked out on Monday over pay, leaving cranes idle "
    "and ships waiting at anchor, the union said."
)
EDITED = (
    "Dockers at the port of Wexmouth walked out on Monday over pay, leaving cranes idle "
    "and ships waiting at anchor, the union has said."
)
OTHER = "The port authority said it would seek a court order to end the strike by Friday."


def test_overlap_is_one_for_contained_text() -> None:
    assert overlap(shingles(WIRE), shingles(WIRE + " It was the first strike in years.")) == 1.0
    assert overlap(shingles(WIRE), shingles(OTHER)) < 0.2


def test_group_copies_joins_edited_wire_copy_across_articles() -> None:
    a = make_parsed("a", [WIRE, OTHER])
    b = make_parsed("b", [EDITED])
    c = make_parsed(
        "c", ["Ships queued outside Wexmouth as a strike by dockers over pay entered a second day."]
    )
    groups = group_copies([*a.sentences, *b.sentences, *c.sentences], threshold=0.6)
    members = [[(s.article, s.index) for s in g.members] for g in groups]
    assert members == [[("a", 0), ("b", 0)], [("a", 1)], [("c", 0)]]


def test_a_repeat_within_one_article_is_collapsed_not_counted_as_a_source() -> None:
    a = make_parsed("a", [WIRE, OTHER, EDITED])
    b = make_parsed("b", [OTHER, "The dockers' union has not said when the walkout will end."])
    sentences = [*a.sentences, *b.sentences]
    groups = group_copies(sentences, threshold=0.6)
    assert [(s.article, s.index) for s in groups[0].members] == [("a", 0), ("a", 2)]
    pairs, sources = syndicate(
        [a.article, b.article], sentences, groups, min_sentences=2, min_share=0.3
    )
    assert pairs == []  # one shared sentence (OTHER) is a quote, not a copied story
    assert [g.articles for g in sources] == [["a"], ["b"]]


def test_syndicate_pairs_articles_that_share_wire_text() -> None:
    lines = [
        "Dockers at the port of Wexmouth walked out on Monday over pay, the union said.",
        "The port authority said it would seek a court order to end the strike by Friday.",
        "Ships were waiting at anchor outside the harbour as the cranes stood idle.",
        "It is the first strike at the port since the docks were sold eight years ago.",
    ]
    a = make_parsed("a", lines)
    b = make_parsed("b", ["Our reporter at the quay saw empty berths.", *lines[:3]])
    c = make_parsed("c", ["A strike at Wexmouth port left ships waiting for a second day."])
    sentences = [*a.sentences, *b.sentences, *c.sentences]
    groups = group_copies(sentences, threshold=0.6)
    pairs, sources = syndicate(
        [a.article, b.article, c.article], sentences, groups, min_sentences=2, min_share=0.3
    )
    assert [(p.articles, p.shared_sentences) for p in pairs] == [(["a", "b"], 3)]
    assert 0.6 < pairs[0].score <= 1.0
    for cite in pairs[0].shared:
        text = {"a": a, "b": b}[cite.article].article.text
        assert text[cite.start : cite.end] in lines
    assert [g.articles for g in sources] == [["a", "b"], ["c"]]


def test_lsh_finds_copies_among_many_unrelated_sentences() -> None:
    filler = [
        f"Council meeting number {n} discussed the {w} budget for roads and {n % 7} schools."
        for n, w in enumerate(["annual", "revised", "draft", "final"] * 150)
    ]
    a = make_parsed("a", [*filler[:300], WIRE])
    b = make_parsed("b", [EDITED, *filler[300:]])
    groups = group_copies([*a.sentences, *b.sentences], threshold=0.6)
    wire = next(g for g in groups if g.members[0].text == WIRE)
    assert [(s.article, s.text) for s in wire.members] == [("a", WIRE), ("b", EDITED)]


def test_group_copies_empty() -> None:
    assert group_copies([], threshold=0.6) == []


def test_reports_of_one_outlet_are_one_source() -> None:
    from storyline.sources.copies import source_groups

    articles = [
        make_article("a", ["Floods closed the road."], outlet="The Highland Monitor"),
        make_article("b", ["The road reopened."], outlet="highland  monitor"),
        make_article("c", ["Floods closed the road."], outlet="Valley Courier"),
        make_article("d", ["Floods closed the road."]),  # no outlet: a source of its own
        make_article("e", ["The road reopened."]),
    ]
    groups = sorted(sorted(g.articles) for g in source_groups(articles, []))
    assert groups == [["a", "b"], ["c"], ["d"], ["e"]]


@pytest.mark.parametrize(
    ("one", "other"),
    [("BBC News", "bbc.co.uk"), ("www.bbc.com", "BBC"), ("Al Jazeera English", "aljazeera.net"),
     ("Al-Jazeera", "Al Jazeera"), ("Le Courrier des Andes", "Courrier des Andes"),
     ("edition.cnn.com", "CNN International"), ("The Guardian", "guardian")],
)  # fmt: skip
def test_an_outlets_editions_and_host_names_are_one_outlet(one: str, other: str) -> None:
    from storyline.text import outlet_key

    assert outlet_key(one) == outlet_key(other) is not None


@pytest.mark.parametrize(
    ("one", "other"),
    [("Sky News", "Sky News Arabia"), ("The Times", "Times of India"),
     ("Fox News", "Fox Business"), ("USA Today", "USA")],
)  # fmt: skip
def test_outlets_of_other_names_stay_apart(one: str, other: str) -> None:
    from storyline.text import outlet_key

    assert outlet_key(one) != outlet_key(other)
