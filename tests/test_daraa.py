"""End to end on the reference input, ../shared/corpora/daraa-2021 (never copied here)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

import storyline
from storyline.model import Briefing, Place
from storyline.sources.copies import overlap, shingles
from storyline.text import fold

pytestmark = pytest.mark.slow

FURNITURE = [
    "READ MORE",
    "Loading...",
    "(AFP Photo)",
    "[Getty]",
    "Reuters Archive",
    "In this file photo",
    "4 min read",
    "Live Story",
    "Route 6",
]


@pytest.fixture(scope="module")
def briefing(daraa_dir: Path) -> Briefing:
    return storyline.brief([daraa_dir], words=300)


def test_daraa_reads_all_five(briefing: Briefing) -> None:
    assert len(briefing.articles) == 5 and briefing.skipped == []


def test_daraa_no_furniture_survives(briefing: Briefing) -> None:
    for article in briefing.articles:
        for marker in FURNITURE:
            assert marker not in article.text, (article.id, marker)
        lines = [line for line in article.text.split("\n\n")]
        assert len({fold(line) for line in lines}) == len(lines), f"a line repeats in {article.id}"
        if article.title:
            assert lines[0] != article.title or article.title.endswith(".")


def test_daraa_pull_quote_and_repeated_caption_removed_but_paragraph_kept(
    briefing: Briefing,
) -> None:
    for article in briefing.articles:
        reasons = [r.reason for r in article.removed]
        if any(r.startswith("pull quote") for r in reasons):
            quote = next(r.text for r in article.removed if r.reason.startswith("pull quote"))
            assert article.text.count(quote) == 1  # still there once, inside its paragraph
    all_reasons = [r.reason for a in briefing.articles for r in a.removed]
    assert any(r.startswith("repeats line") and "caption" in r for r in all_reasons)
    assert "repeats the headline" in all_reasons


def _article(briefing: Briefing, prefix: str):  # type: ignore[no-untyped-def]
    return next(a for a in briefing.articles if a.id.startswith(prefix))


def test_daraa_published_date_from_the_date_line(briefing: Briefing) -> None:
    stated = [a for a in briefing.articles if a.published_basis in ("text", "metadata")]
    assert [(a.id[:3], a.published, a.published_basis) for a in stated] == [
        ("004", date(2021, 7, 28), "text")
    ]


def test_daraa_undated_reports_get_inferred_dates_with_their_evidence(
    briefing: Briefing,
) -> None:
    texts = {a.id: a.text for a in briefing.articles}
    copies = {a: g.articles for g in briefing.source_groups for a in g.articles}
    for article in briefing.articles:
        if article.published_basis == "inferred":
            assert article.published_note
            for c in article.published_evidence:  # its own words, or its wire copy's
                assert c.article in copies[article.id] and c.end > c.start
    # 001 tells "On July 29" in the past: it was written on or after 29 July 2021
    wire = _article(briefing, "001")
    assert wire.published_basis == "inferred"
    assert wire.published_range and wire.published_range.earliest == date(2021, 7, 29)
    assert wire.published == date(2021, 7, 29)
    assert any(texts[c.article][c.start : c.end] == "July 29" for c in wire.published_evidence)
    # 000 is a copy of the same wire story, cut: dated with 001, from the same evidence
    assert _article(briefing, "000").published == wire.published
    # 003 tells "Wednesday, 19 August" in the past
    later = _article(briefing, "003")
    assert later.published_range and later.published_range.earliest == date(2021, 8, 19)


def test_daraa_relative_dates_resolve_against_the_dated_report(briefing: Briefing) -> None:
    values = [
        (e.text, e.value, e.type) for e in briefing.time_expressions if e.article.startswith("004")
    ]
    assert ("Wednesday", "2021-07-28", "DATE") in values
    assert ("Tuesday", "2021-07-27", "DATE") in values
    assert ("The day prior", "2021-07-27", "DATE") in values
    assert ("24 July", "2021-07-24", "DATE") in values
    assert ("May", "2021-05", "DATE") in values
    assert ("July 2018", "2018-07", "DATE") in values
    assert ("over a month", "P1M", "DURATION") in values
    assert ("three years", "P3Y", "DURATION") in values
    assert ("the weekend", "2021-W29-WE", "DATE") in values
    texts = {a.id: a.text for a in briefing.articles}
    for e in briefing.time_expressions:
        assert texts[e.article][e.start : e.end] == e.text


def test_daraa_weekday_mismatch_is_warned_in_the_clusters_year(briefing: Briefing) -> None:
    [issue] = briefing.date_issues
    assert issue.article.startswith("003") and issue.kind == "weekday_mismatch"
    assert issue.text == "Wednesday, 19 August" and issue.value == "2021-08-19"


def test_daraa_timeline_in_date_order_with_background_and_key_days(briefing: Briefing) -> None:
    timeline = briefing.timeline
    keys = [e.date for e in timeline]
    assert keys == sorted(keys, key=lambda k: (k + "-00-00")[:10])
    assert len(keys) == len(set(keys))
    assert {"2011", "2018", "2021-06-25", "2021-07-27", "2021-07-28"} <= set(keys)
    assert "2015" not in keys  # "resolution 2254 (2015)" cites, it does not place
    june25 = next(e for e in timeline if e.date == "2021-06-25")
    assert "June 25" in june25.text or "25 June" in june25.text
    assert len(june25.sources) >= 2
    texts = {a.id: a.text for a in briefing.articles}
    for entry in timeline:
        for c in entry.citations:
            span = texts[c.article][c.start : c.end]
            assert span in entry.text or overlap(shingles(span), shingles(entry.text)) >= 0.6
        for c in entry.related:
            assert texts[c.article][c.start : c.end]


def test_daraa_every_citation_span_is_a_sentence_carrying_the_text(briefing: Briefing) -> None:
    texts = {a.id: a.text for a in briefing.articles}
    for item in briefing.summary:
        first = item.citations[0]
        assert texts[first.article][first.start : first.end] == item.text
        for c in item.citations[1:]:
            span = texts[c.article][c.start : c.end]
            assert overlap(shingles(span), shingles(item.text)) >= 0.6


def test_daraa_no_two_summary_sentences_are_copies(briefing: Briefing) -> None:
    sets = [shingles(item.text) for item in briefing.summary]
    for i in range(len(sets)):
        for j in range(i + 1, len(sets)):
            assert overlap(sets[i], sets[j]) < 0.6


def test_daraa_wire_copies_both_cited(briefing: Briefing) -> None:
    """Two of the five reports are one wire story; a wire sentence cites both copies."""
    pairs = [frozenset(c.article for c in item.citations) for item in briefing.summary]
    multi = [p for p in pairs if len(p) > 1]
    assert multi, "no summary sentence cites more than one article"
    assert len(set(multi)) == 1 and len(multi[0]) == 2  # always the same pair: the wire copies


def test_daraa_summary_within_budget_and_from_several_reports(briefing: Briefing) -> None:
    assert sum(len(item.text.split()) for item in briefing.summary) <= 300
    assert len({c.article for item in briefing.summary for c in item.citations}) >= 4


def _place(briefing: Briefing, name: str, feature: str) -> Place:
    found = [p for p in briefing.places if p.name == name and p.feature == feature]
    assert len(found) == 1, [(p.name, p.feature) for p in briefing.places]
    return found[0]


def test_daraa_places_resolve_to_southern_syria(briefing: Briefing) -> None:
    city = _place(briefing, "Daraa", "city")
    assert (city.geonames_id, city.country_code, city.admin1) == (170905, "SY", "Daraa")
    assert {m.text for m in city.mentions} == {"Daraa"}
    province = _place(briefing, "Daraa", "admin1")
    assert province.country_code == "SY" and province.geonames_id == 170903
    tafas = _place(briefing, "Tafas", "city")  # the model calls it an organisation
    assert (tafas.country_code, tafas.geonames_id) == ("SY", 163806)
    assert _place(briefing, "Syria", "country").country_code == "SY"
    assert not [p for p in briefing.places if p.country_code == "JO"]


def test_daraa_parts_of_daraa_are_placed_in_it_and_say_so(briefing: Briefing) -> None:
    balad = _place(briefing, "Daraa al-Balad", "neighbourhood")
    assert balad.within and balad.geonames_id == 170905  # the city it is the old town of
    assert {"Daraa al-Balad", "Dara al-Balad"} <= {m.text for m in balad.mentions}
    assert balad.note and "not in the gazetteer" in balad.note
    karak = _place(briefing, "Karak", "neighbourhood")  # not al-Karak in Jordan
    assert karak.country_code == "SY" and karak.within == "Daraa al-Balad"
    assert karak.confidence < 0.5


def test_daraa_unplaceable_names_are_listed_with_a_reason(briefing: Briefing) -> None:
    kazia = [u for u in briefing.unresolved if u.name == "Al-Kazia"]
    assert kazia and "landmark" in kazia[0].reason and "not in the gazetteer" in kazia[0].reason


def test_daraa_every_place_mention_is_its_span(briefing: Briefing) -> None:
    texts = {a.id: a.text for a in briefing.articles}
    mentions = [m for p in briefing.places for m in p.mentions]
    mentions += [m for u in briefing.unresolved for m in u.mentions]
    assert len(mentions) > 100
    for m in mentions:
        assert texts[m.article][m.start : m.end] == m.text


def test_daraa_only_the_wire_pair_is_syndicated(briefing: Briefing) -> None:
    assert [[a[:3] for a in p.articles] for p in briefing.syndication] == [["000", "001"]]
    assert briefing.syndication[0].shared_sentences >= 6
    groups = sorted([a[:3] for a in g.articles] for g in briefing.source_groups)
    assert groups == [["000", "001"], ["002"], ["003"], ["004"]]


def test_daraa_figures_of_different_propositions_are_never_set_against_each_other(
    briefing: Briefing,
) -> None:
    # 001's "nine checkpoints" (what the regime demanded) and 004's "from three to seven, and
    # then to ten" (how the demand grew) are not one claim: no discrepancy joins them
    for d in briefing.discrepancies:
        articles = {v.article[:3] for v in d.values}
        assert not ({"001", "004"} <= articles and d.topic == "checkpoints"), d


def test_daraa_running_and_war_wide_tolls_are_context(briefing: Briefing) -> None:
    context = {(v.article[:3], v.value, v.unit) for v in briefing.context}
    assert ("001", 15, "civilian") in context  # "Fifteen civilians have been killed."
    assert ("003", 600000, None) in context  # throughout the Syrian conflict
    # the million displaced in the same sentence is not a toll
    assert all(v.value != 1000000 for v in briefing.context)
    for v in briefing.context:
        text = _article(briefing, v.article[:3]).text
        assert text[v.citation.start : v.citation.end] == v.text
    # context is never set against one incident's toll
    tolls = {(v.article, v.value) for d in briefing.discrepancies for v in d.values}
    assert not tolls & {(v.article, v.value) for v in briefing.context}


def test_daraa_incident_tolls_stay_with_their_events(briefing: Briefing) -> None:
    tolls = {
        (c.article[:3], e.fatalities) for e in briefing.events if e.fatalities for c in e.citations
    }
    # the flareup's 28 dead, as the opposition counted them, is an episode's toll: context
    assert all(n != 28 for _, n in tolls)
    assert ("000", 28) in {(c.article[:3], c.value) for c in briefing.context}
    assert any(a == "004" and n == 1 for a, n in tolls)  # Tuesday's fighting: one resident
    assert all(n != 28 + 15 + 1 + 4 for _, n in tolls)


def test_daraa_diverging_wire_copies_reported(briefing: Briefing) -> None:
    copies = [[(v.article[:3], v.written) for v in d.values] for d in briefing.discrepancies]
    assert [("000", "earlier this week"), ("001", "last week")] in copies


def test_daraa_siege_paraphrase_is_one_corroborated_claim(briefing: Briefing) -> None:
    claim = next(c for c in briefing.claims if "blockaded" in c.text)
    spans = [_article(briefing, c.article[:3]).text[c.start : c.end] for c in claim.citations]
    assert any("placed under siege on 25 June" in s for s in spans)
    assert claim.status == "corroborated" and claim.independent_sources >= 2


def test_daraa_claims_cite_real_sentences(briefing: Briefing) -> None:
    statuses = {c.status for c in briefing.claims}
    assert {"corroborated", "single_source"} <= statuses
    for claim in briefing.claims:
        spans = [_article(briefing, c.article[:3]).text[c.start : c.end] for c in claim.citations]
        assert claim.text in spans
    assert any(s.status == "single_source" for s in briefing.summary)
    assert any(s.status == "corroborated" for s in briefing.summary)


def _entity(briefing: Briefing, alias: str) -> storyline.model.Entity:
    return next(e for e in briefing.entities if alias == e.name or alias in e.aliases)


def test_daraa_actors_merged_across_references(briefing: Briefing) -> None:
    regime = _entity(briefing, "Syrian regime forces")
    assert regime.actor_type == "state forces" and regime.country_code == "SY"
    for alias in ("Assad regime", "regime troops", "regime forces"):
        assert _entity(briefing, alias).id == regime.id, alias
    assert any("Assad" in m.text and "forces" in m.text for m in regime.mentions)
    assert "Hourani" in _entity(briefing, "Hamza al-Hourani").aliases
    assert "Amnesty" in _entity(briefing, "Amnesty International").aliases
    assert _entity(briefing, "residents").actor_type == "civilians"
    assert not any(e.name.startswith("Daraa") for e in briefing.entities)  # places


def test_daraa_events_cite_real_sentences_and_are_incidents(briefing: Briefing) -> None:
    texts = {a.id: a.text for a in briefing.articles}
    assert briefing.events
    for event in briefing.events:
        for c in event.citations:
            assert texts[c.article][c.start : c.end].strip()
        for t in event.tolls:
            assert texts[t.article][t.citation.start : t.citation.end] == t.written
        # appeals and statements are not coded: no event rests only on them
        assert "urge" not in event.notes.split(".")[0]


def test_daraa_background_is_strategic_at_year_precision(briefing: Briefing) -> None:
    past = [e for e in briefing.events if e.date == "2018"]
    assert past and all(e.background for e in past)
    assert all(e.event_type == "Strategic developments" for e in past)
    assert all(e.date_precision == "year" for e in past)


def test_daraa_tolls_keep_scope_bounds_and_running_totals(briefing: Briefing) -> None:
    episode = [c for c in briefing.context if c.written == "28 people"]
    assert episode and episode[0].article.startswith("000")
    assert all(e.fatalities not in (28, 39) for e in briefing.events)  # never 28 + 11
    # "Fifteen civilians have been killed" is a running toll: never an incident's count
    running = [t for e in briefing.events for t in e.tolls if t.written == "Fifteen civilians"]
    assert running and all(t.scope == "cumulative" for t in running)
    assert all(e.fatalities != 15 for e in briefing.events)
    # "At least one person was killed": a lower bound stays one
    bounded = [e for e in briefing.events if e.fatalities_bound == "at_least"]
    assert bounded


def test_daraa_tuesday_and_wednesday_are_different_events(briefing: Briefing) -> None:
    days = {e.date for e in briefing.events if e.date_precision == "day"}
    assert {"2021-07-27", "2021-07-28"} <= days
    assert "2021-08-19" in days  # 003's airstrikes and clashes


def test_daraa_past_happenings_never_land_after_their_reports(briefing: Briefing) -> None:
    """003's "talks on Tuesday ... would bring respite", told in a past frame, is the Tuesday
    before its report (17 August), not the one after; no timeline day lies after the day
    of the latest report."""
    values = {(e.text, e.value) for e in briefing.time_expressions if e.article.startswith("003")}
    assert ("Tuesday", "2021-08-17") in values and ("Tuesday", "2021-08-24") not in values
    latest = max(a.published for a in briefing.articles if a.published)
    assert all(date.fromisoformat(e.date[:10]) <= latest for e in briefing.timeline
               if len(e.date) >= 10)  # fmt: skip
