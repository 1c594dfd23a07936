"""The normalisation rules of issue 3, through the same NLP pass a briefing uses."""

from __future__ import annotations

from datetime import date

import pytest

from storyline.api import tag_text

pytestmark = pytest.mark.slow

WED = date(2021, 7, 28)  # a Wednesday


def values(text: str, anchor: date | None = WED) -> dict[str, str]:
    return {e.text: e.value for e in tag_text(text, anchor)}


def types(text: str, anchor: date | None = WED) -> dict[str, str]:
    return {e.text: e.type for e in tag_text(text, anchor)}


def test_weekday_points_back_in_past_reporting_and_ahead_in_future_tense() -> None:
    assert values("Regime forces shelled the town on Tuesday.") == {"Tuesday": "2021-07-27"}
    assert values("Talks will resume on Friday.") == {"Friday": "2021-07-30"}
    assert values("The minister said on Monday that talks will resume on Friday.") == {
        "Monday": "2021-07-26",
        "Friday": "2021-07-30",
    }


def test_the_reports_own_weekday_is_the_report_day() -> None:
    assert values("Residents repelled attacks on Wednesday.") == {"Wednesday": "2021-07-28"}


def test_reported_plans_point_ahead_of_the_telling() -> None:
    assert values("He said talks would resume on Friday.") == {"Friday": "2021-07-30"}


def test_would_under_a_past_perfect_frame_looks_back() -> None:
    # the hope is over: the talks it was pinned on already took place
    text = (
        "There had been some hope that talks on Monday between the council and the army "
        "would bring calm."
    )
    assert values(text) == {"Monday": "2021-07-26"}
    assert values("The mayor had hoped the vote on Monday would settle it.") == {
        "Monday": "2021-07-26"
    }


def test_a_forecast_looks_ahead_though_the_warning_is_told_in_the_past() -> None:
    assert values("Forecasters warned of more heavy rain on Thursday and Friday.") == {
        "Thursday": "2021-07-29",
        "Friday": "2021-07-30",
    }
    assert values("The union warned on Monday of strikes on Friday.") == {
        "Monday": "2021-07-26",
        "Friday": "2021-07-30",
    }


def test_a_headline_without_a_verb_form_takes_the_nearest_weekday() -> None:
    # Wednesday 28 July: the Friday two days on, the Monday two days back
    assert values("Port talks resume Friday") == {"Friday": "2021-07-30"}
    assert values("Harbour blockade Monday") == {"Monday": "2021-07-26"}


def test_what_people_get_ready_for_lies_ahead() -> None:
    assert values("Shopkeepers braced for Saturday's march.") == {"Saturday": "2021-07-31"}
    assert values("Shopkeepers cleaned up after Saturday's march.") == {"Saturday": "2021-07-24"}


def test_possessive_weekday_names_the_nearest_one() -> None:
    found = values("The office said it would investigate Monday's protest.")
    assert found == {"Monday": "2021-07-26"}


def test_last_night_yesterday_today_and_tomorrow() -> None:
    found = values("Forces shelled the area last night; yesterday was calm, today is not.")
    assert found["last night"] == "2021-07-27TNI"
    assert found["yesterday"] == "2021-07-27"
    assert found["today"] == "2021-07-28"
    assert types("Forces shelled the area last night.")["last night"] == "TIME"
    assert values("The vote is tomorrow.")["tomorrow"] == "2021-07-29"


def test_weeks_last_week_is_the_previous_iso_week_and_earlier_this_week_the_current() -> None:
    found = values("Last week the army withdrew, despite agreeing earlier this week to stay.")
    assert found == {"Last week": "2021-W29", "earlier this week": "2021-W30"}
    assert values("The deal was struck over the weekend.") == {"the weekend": "2021-W29-WE"}


def test_yearless_dates_take_the_nearest_year_on_the_side_the_tense_points() -> None:
    assert values("The area was blockaded on June 25.") == {"June 25": "2021-06-25"}
    assert values("A deal was struck on 24 July.") == {"24 July": "2021-07-24"}
    assert values("Elections were held in May.") == {"May": "2021-05"}
    # a report in early January looking back at December
    assert values("Protests began on December 30.", date(2021, 1, 3)) == {
        "December 30": "2020-12-30"
    }
    # looking forward from December to January
    assert values("The court will rule on January 5.", date(2020, 12, 20)) == {
        "January 5": "2021-01-05"
    }


def test_explicit_years_stay() -> None:
    found = values("The regime retook the province in July 2018, years after 2011.")
    assert found["July 2018"] == "2018-07"
    assert found["2011"] == "2011"
    assert values("It happened on 3 March 1998.") == {"3 March 1998": "1998-03-03"}


def test_durations_are_durations() -> None:
    found = tag_text("The siege has lasted for over a month, after three years of calm.", WED)
    by_text = {e.text: e for e in found}
    assert by_text["over a month"].type == "DURATION"
    assert by_text["over a month"].value == "P1M"
    assert by_text["over a month"].mod == "MORE_THAN"
    assert by_text["three years"].value == "P3Y"
    assert values("Fighting went on for two weeks.") == {"two weeks": "P2W"}


def test_ages_scores_percentages_counts_and_numbers_are_not_dates() -> None:
    text = (
        "The 45-year-old said 2000 people fled and 1999 troops stayed; the team won 21-14 "
        "after scoring 1850 points; turnout was 2015%; resolution 2254 was cited and flight "
        "1712 landed with 1900 passengers."
    )
    assert values(text) == {}


def test_without_an_anchor_relative_values_stay_relative() -> None:
    found = values("The area was blockaded on June 25 and shelled on Tuesday.", None)
    assert found == {"June 25": "XXXX-06-25", "Tuesday": "XXXX-WXX-2"}
    assert all(e.anchor is None for e in tag_text("It rained on Tuesday.", None))


def test_anaphoric_day_counts_from_the_last_day_named() -> None:
    found = values("Clashes broke out on Wednesday. The day prior there was also fighting.")
    assert found["The day prior"] == "2021-07-27"


def test_that_year_is_the_year_of_the_date_last_named_not_the_reports() -> None:
    found = values("Reyes left Harlow in June 1998 and returned to Varno later that year.")
    assert found["later that year"] == "1998"
    found = values("The mill closed in 2004. That year, 300 workers left Dunmere.")
    assert found["That year"] == "2004"
    found = values("The council met on March 3, 2019. Later that month it shut the bridge.")
    assert found["Later that month"] == "2019-03"
    assert values("That year was hard, she said.") == {}  # no year named: no date guessed


def test_years_in_words_as_transcripts_write_them() -> None:
    assert values("Harlow, nineteen ninety-six. A blast shook the games.") == {
        "nineteen ninety-six": "1996"
    }
    assert values("In nineteen seventy-nine the mill closed.")["nineteen seventy-nine"] == "1979"
    assert (
        values("January nineteen ninety-seven. Harlow again.")["January nineteen ninety-seven"]
        == "1997-01"
    )
    assert values("A pledge to act by the year two thousand.")["the year two thousand"] == "2000"
    assert values("The bridge opened in twenty ten.")["twenty ten"] == "2010"
    counts = values("Twenty one people were hurt and nineteen twenty-year-olds held.")
    assert not any(v[:2] in ("19", "20") for v in counts.values())


def test_a_month_of_this_last_or_next_year() -> None:
    found = values("In January this year Harlow froze; in June last year it flooded.")
    assert found == {"January this year": "2021-01", "June last year": "2020-06"}
    assert values("The bridge reopens on March 3 next year.") == {"March 3 next year": "2022-03-03"}


def test_impossible_dates_and_garbage_are_not_dates_and_do_not_crash() -> None:
    assert values("It happened on 31 February, or in the year 20201.") == {}
    assert values("Code 99/99/9999 and 2021-13-45 and 0000-00-00 and 31/31/2021.") == {}
    tag_text("9" * 5000 + " Tuesday " * 200, WED)  # bounded, no crash


def test_sets_and_times() -> None:
    found = tag_text("Water runs six hours a day; the council meets every week at 3 p.m.", WED)
    by_text = {e.text: (e.type, e.value) for e in found}
    assert by_text["every week"] == ("SET", "P1W")
    assert by_text["a day"] == ("SET", "P1D")
    assert by_text["3 p.m."] == ("TIME", "2021-07-28T15:00")
