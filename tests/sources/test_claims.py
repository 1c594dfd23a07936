"""Claims: units from real parses, what parts two units, what makes them one proposition,
and the clustering that turns agreeing pairs into claims. Texts written here."""

from __future__ import annotations

from datetime import date

import numpy as np
import pytest

from storyline.settings import Settings
from storyline.sources.claims import (
    Unit,
    agree,
    align_claims,
    cluster,
    conflict,
    make_units,
    predicate_kinds,
)
from tests.conftest import make_article, run_stages

pytestmark = pytest.mark.slow


def units_of(*reports: tuple[str, str, date]) -> dict[str, Unit]:
    """Units of one-paragraph reports (id, text, report date), by their predicate and
    article ("enter@a")."""
    articles = [
        make_article(id, [text], published=when, published_basis="metadata")
        for id, text, when in reports
    ]
    r = run_stages(
        articles, "dated", "time_expressions", "datings", "places", "entities", "copy_groups",
        settings=Settings.load({"nlp.off_story": False}),  # one-line units, not a cluster
    )  # fmt: skip
    assert r.dated is not None and r.copy_groups is not None and r.datings is not None
    units = make_units(
        r.dated, r.copy_groups, r.time_expressions or [], r.datings, r.places or [],
        r.entities or [],
    )  # fmt: skip
    return {f"{u.proposition.predicate}@{u.proposition.article}": u for u in units}


DAY = date(2024, 3, 14)


def test_cluster_average_linkage_does_not_chain_through_one_loose_link() -> None:
    scores = {(0, 1): 0.9, (1, 2): 0.85, (0, 2): 0.1}
    clusters = cluster(3, [(*k, v) for k, v in scores.items()], 0.7, lambda i, j: scores[(i, j)])
    assert clusters == [[0, 1], [2]]


def test_cluster_pairs_that_do_not_count_are_left_out_of_the_mean() -> None:
    scores = {(0, 1): 0.9, (1, 2): 0.8, (0, 2): None}
    pairs = [(0, 1, 0.9), (1, 2, 0.8)]
    assert cluster(3, pairs, 0.7, lambda i, j: scores[(i, j)]) == [[0, 1, 2]]


def test_cluster_a_pair_that_may_never_meet_keeps_two_claims_apart() -> None:
    scores = {(0, 1): 0.95, (1, 2): 0.95, (0, 2): -np.inf}
    clusters = cluster(3, [(0, 1, 0.95), (1, 2, 0.95)], 0.7, lambda i, j: scores[(i, j)])
    assert len(clusters) == 2


def test_a_plan_never_corroborates_the_fact() -> None:
    u = units_of(
        ("a", "Army units were supposed to enter Old Harbour on Tuesday.", DAY),
        ("b", "Army units entered Old Harbour on Tuesday.", DAY),
    )
    assert u["enter@a"].proposition.mood == "plan"
    assert conflict(u["enter@a"], u["enter@b"]) == "mood"


def test_a_denial_never_corroborates_the_assertion() -> None:
    u = units_of(
        ("a", "The governor resigned from his post in Kessel on Monday.", DAY),
        ("b", "The governor did not resign from his post in Kessel on Monday.", DAY),
    )
    assert conflict(u["resign@a"], u["resign@b"]) == "mood"


def test_background_never_matches_the_news() -> None:
    u = units_of(
        ("a", "The militia seized the town of Varno in July 2018.", DAY),
        ("b", "The militia seized the town of Varno on Tuesday.", DAY),
    )
    assert u["seize@a"].background and not u["seize@b"].background
    assert conflict(u["seize@a"], u["seize@b"]) is not None


def test_copies_that_differ_in_a_figure_a_negation_or_a_day_are_separate_units() -> None:
    u = units_of(
        ("a", "The governor resigned from his post in Kessel on Monday.", DAY),
        ("b", "The governor did not resign from his post in Kessel on Monday.", DAY),
        ("c", "The governor resigned from his post in Kessel on Monday.", DAY),
    )
    assert u["resign@a"].articles == {"a", "c"} and u["resign@b"].articles == {"b"}


def test_two_days_of_fighting_are_two_claims_and_the_conflict_says_day() -> None:
    u = units_of(
        ("a", "Rebels clashed with the army in Varno on Monday.", DAY),
        ("b", "Rebels clashed with the army in Varno on Wednesday.", DAY),
    )
    assert conflict(u["clash@a"], u["clash@b"]) == "day"


def test_towns_apart_part_two_units() -> None:
    u = units_of(
        ("a", "Police arrested two men in Leeds on Monday.", DAY),
        ("b", "Police arrested two men in Bristol on Monday.", DAY),
    )
    assert conflict(u["arrest@a"], u["arrest@b"]) == "place"


def test_the_same_happening_told_two_ways_agrees() -> None:
    u = units_of(
        ("a", "Army units entered Old Harbour on Tuesday after a week of talks.", DAY),
        ("b", "On Tuesday army units entered Old Harbour, residents said.", DAY),
    )
    a, b = u["enter@a"], u["enter@b"]
    assert conflict(a, b) is None
    assert agree(a, b, 0.8)


def test_one_topic_without_a_shared_tie_does_not_agree() -> None:
    u = units_of(
        ("a", "The actress checked into a clinic, her agent said.", DAY),
        ("b", "A singer checked into a clinic last year.", DAY),
    )
    assert not agree(u["check@a"], u["check@b"], 0.9)


def test_predicate_kinds_read_light_verbs_and_deal_nouns() -> None:
    u = units_of(
        ("a", "The unions launched an attack on the ministry's plan in Kessel.", DAY),
        ("b", "The two sides struck a deal in Kessel on Monday.", DAY),
    )
    assert "attack" in predicate_kinds(u["launch@a"].proposition)
    assert "agree" in predicate_kinds(u["strike@b"].proposition)


def test_align_claims_status_sources_and_contested_figures() -> None:
    u = units_of(
        ("a", "Two people were killed in clashes in Varno on Monday.", DAY),
        ("b", "Three people were killed in clashes in Varno on Monday.", DAY),
        ("c", "The federation will meet the governor in Kessel on Friday.", DAY),
    )
    units = [u["kill@a"], u["kill@b"], u["meet@c"]]
    vectors = np.eye(3, dtype=np.float32)
    vectors[1] = vectors[0]  # a and b say the same thing
    aligned = align_claims(units, vectors, {"a": "S1", "b": "S2", "c": "S3"}, 0.7)
    contested = next(c for c in aligned.claims if c.status == "contested")
    assert set(contested.sources) == {"a", "b"} and contested.independent_sources == 2
    assert "2" in (contested.note or "") and "3" in (contested.note or "")
    single = next(c for c in aligned.claims if c.sources == ["c"])
    assert single.status == "single_source"
    assert [c.id for c in aligned.claims] == ["C1", "C2"]


def test_align_claims_one_wire_story_is_one_source() -> None:
    u = units_of(
        ("a", "Rebels clashed with the army in Varno on Monday.", DAY),
        ("b", "On Monday, rebels battled army troops around Varno, witnesses said.", DAY),
    )
    units = [u["clash@a"], u["battle@b"]]
    vectors = np.ones((2, 4), dtype=np.float32) / 2
    apart = align_claims(units, vectors, {"a": "S1", "b": "S2"}, 0.7)
    assert [c.status for c in apart.claims] == ["corroborated"]
    copied = align_claims(units, vectors, {"a": "S1", "b": "S1"}, 0.7)
    assert [c.status for c in copied.claims] == ["single_source"]
    assert copied.claims[0].independent_sources == 1


def test_two_known_kinds_apart_never_agree_however_close_the_words() -> None:
    u = units_of(
        ("a", "The club fired its head coach, Tom Reyes, in Leeds on Monday.", DAY),
        ("b", "On Monday the club hired Tom Reyes as head coach, officials in Leeds said.", DAY),
    )
    assert not agree(u["fire@a"], u["hire@b"], 0.95)


def test_two_named_subjects_part_units_even_when_no_entity_is_found() -> None:
    u = units_of(
        ("a", "The Harriers offered Mark Telford a five-year contract on Monday.", DAY),
        ("b", "On Monday the Kestrels offered Mark Telford a contract worth millions.", DAY),
    )
    assert conflict(u["offer@a"], u["offer@b"]) == "subject"


def test_a_nationality_is_not_where_it_happened() -> None:
    u = units_of(
        ("a", "The Indian navy captured 23 Somali pirates near the coast on Monday.", DAY),
        ("b", "On Monday 23 pirates were captured off the coast of Yemen, officials said.", DAY),
    )
    assert u["capture@a"].countries == frozenset()
    assert conflict(u["capture@a"], u["capture@b"]) != "place"


def test_nearby_towns_may_be_one_place_distant_ones_never() -> None:
    u = units_of(
        ("a", "A fire destroyed a supermarket in Banstead on Friday night.", DAY),
        ("b", "Police said the supermarket in Epsom was destroyed by fire late on Friday.", DAY),
        (
            "c",
            "A blaze in Leeds that crews could not stop destroyed a supermarket late on Friday.",
            DAY,
        ),
    )
    a, b, c = u["destroy@a"], u["destroy@b"], u["destroy@c"]
    assert a.spots and b.spots and c.spots
    assert conflict(a, b) is None  # about 5 km apart
    assert conflict(a, c) == "place"


def test_a_clause_without_a_place_is_placed_where_its_report_is_about() -> None:
    u = units_of(
        ("a", "Leeds was quiet on Sunday. In Leeds the mayor resigned on Monday.", DAY),
        ("b", "Bristol had a calm weekend. The Bristol mayor resigned his office on Monday.", DAY),
        ("c", "The mayor, officials confirmed, stepped down from his office on Monday.", DAY),
    )
    assert conflict(u["resign@a"], u["resign@b"]) == "place"
    assert conflict(u["resign@a"], u["step@c"]) is None  # no place: nothing to part them


def test_rose_and_fell_are_never_one_claim() -> None:
    u = units_of(
        ("a", "The Kessel index fell sharply in early trading, dealers in Leeds said.", DAY),
        ("b", "Dealers in Leeds said the Kessel index rose sharply in early trading.", DAY),
    )
    a, b = u["fall@a"], u["rise@b"]
    assert not agree(a, b, 0.97)
    vectors = np.ones((2, 4), dtype=np.float32) / 2
    aligned = align_claims([a, b], vectors, {"a": "S1", "b": "S2"}, 0.5)
    assert len(aligned.claims) == 2  # not one claim, even by average linkage


def test_undated_happenings_in_reports_days_apart_are_two() -> None:
    later = date(2024, 4, 2)
    u = units_of(
        ("a", "The Kessel index fell more than two percent, dealers said.", DAY),
        ("b", "Dealers said that the Kessel index fell by over two percent.", later),
        ("c", "Kessel, known as the port of the north, is home to many dealers.", DAY),
        ("d", "Dealers say Kessel is known as the port of the north.", later),
    )
    assert conflict(u["fall@a"], u["fall@b"]) == "time"
    assert conflict(u["know@c"], u["know@d"]) is None  # a state holds across the days
