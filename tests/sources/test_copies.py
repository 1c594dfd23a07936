from __future__ import annotations

from storyline.sources.copies import group_copies, overlap, shingles
from tests.conftest import make_parsed

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


def test_group_copies_never_joins_within_one_article() -> None:
    a = make_parsed("a", [WIRE, EDITED])
    groups = group_copies(a.sentences, threshold=0.6)
    assert len(groups) == 2


def test_group_copies_empty() -> None:
    assert group_copies([], threshold=0.6) == []
