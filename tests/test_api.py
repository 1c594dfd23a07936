"""The Python API: reports given as texts or records, a citation's words, and the briefing in
every format from the briefing itself."""

from __future__ import annotations

import csv
import io

import pytest

import storyline
from storyline.errors import Errors, StorylineError

FLOOD = ("River Aln floods Port Kessel\n\nThe river Aln burst its banks at Port Kessel on "
         "Monday, flooding 300 homes, the council said.\n\nRescue crews moved 120 residents "
         "to the sports hall.")  # fmt: skip
RECORD = {
    "id": "courier",
    "title": "Port Kessel counts the cost",
    "outlet": "Kessel Courier",
    "published": "2024-05-07",
    "author": "Jo Ray",
    "text": "The council said on Tuesday that the flood on Monday had damaged 300 homes.",
}


@pytest.mark.slow
def test_brief_takes_texts_and_records_and_every_format_comes_from_the_briefing() -> None:
    briefing = storyline.brief(texts=[FLOOD, RECORD])
    assert [a.id for a in briefing.articles] == ["text-1", "courier"]
    assert briefing.articles[0].title == "River Aln floods Port Kessel"
    assert briefing.articles[1].authors == ["Jo Ray"]
    first = briefing.summary[0]
    assert briefing.quote(first.citations[0]) == first.text
    assert briefing.to_markdown().startswith("# ")
    assert briefing.to_html().lstrip().lower().startswith("<!doctype html>")
    assert storyline.Briefing.model_validate_json(briefing.to_json()) == briefing
    assert "SOURCES" in briefing.to_text()
    header = next(csv.reader(io.StringIO(briefing.to_csv())))
    assert "event_date" in header and "event_type" in header


def test_a_text_passed_as_a_path_says_how_to_pass_it() -> None:
    with pytest.raises(StorylineError) as wrong:
        storyline.brief(FLOOD)
    assert wrong.value.code is Errors.S063 and "texts=" in str(wrong.value)


def test_nothing_given_is_s021_and_bad_records_are_skipped_with_their_reason() -> None:
    with pytest.raises(StorylineError) as nothing:
        storyline.brief()
    assert nothing.value.code is Errors.S021
    with pytest.raises(StorylineError) as none_usable:
        storyline.brief(texts=[{"id": "x"}])  # no text
    assert none_usable.value.code is Errors.S020
    assert [s.code for s in none_usable.value.skipped] == ["S008"]  # type: ignore[attr-defined]


def test_quote_names_an_article_the_briefing_lacks() -> None:
    briefing = storyline.Briefing(articles=[])
    with pytest.raises(KeyError):
        briefing.quote(storyline.Citation(article="nope", start=0, end=1))
