from __future__ import annotations

import pytest

from storyline.errors import Errors, StorylineError
from storyline.settings import Settings, parse_assignments


def test_settings_defaults_and_overrides() -> None:
    settings = Settings.load({"summary.words": 200})
    assert settings.summary.words == 200 and settings.summary.min_words == 6
    assert settings.updated({"nlp.batch_size": 8}).nlp.batch_size == 8
    assert settings.summary.words == 200  # frozen: updated() made a copy


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"summary.nope": 1}, Errors.S030),
        ({"nope.words": 1}, Errors.S030),
        ({"summary.words": "many"}, Errors.S031),
    ],
)
def test_settings_bad_overrides(overrides: dict[str, object], code: Errors) -> None:
    with pytest.raises(StorylineError) as info:
        Settings.load(overrides)
    assert info.value.code is code
    with pytest.raises(StorylineError):
        Settings.load().updated(overrides)


def test_settings_parse_assignments_reads_toml_values() -> None:
    assert parse_assignments(["summary.words=90", "nlp.model=en_core_web_sm", "x.y='a b'"]) == {
        "summary.words": 90,
        "nlp.model": "en_core_web_sm",
        "x.y": "a b",
    }
    with pytest.raises(StorylineError):
        parse_assignments(["summary.words"])


@pytest.mark.parametrize(
    ("assignment", "allowed"),
    [
        ("nlp.batch_size=0", "a whole number from 1 to 10000"),
        ("nlp.batch_size=-1", "a whole number from 1 to 10000"),
        ("events.undated_window_days=1000000000000", "a whole number from 0 to 3650"),
        ("summary.words=-5", "a whole number from 0 to 10000"),
        ("summary.words=5.5", "a whole number from 0 to 10000"),
        ('summary.words="5"', "a whole number from 0 to 10000"),
        ("timeline.per_date=true", "a whole number from 1 to 100"),
        ("sources.copy_overlap=nan", "a number from 0.01 to 1.0"),
        ("sources.copy_overlap=inf", "a number from 0.01 to 1.0"),
        ("summary.redundancy=1.5", "a number from 0.0 to 1.0"),
        ("ingest.url_timeout=0", "a number from 0.1 to 3600.0"),
    ],
)
def test_every_setting_has_a_range_and_the_error_names_it(assignment: str, allowed: str) -> None:
    with pytest.raises(StorylineError) as info:
        Settings.load(parse_assignments([assignment]))
    assert info.value.code is Errors.S031
    assert assignment.partition("=")[0] in info.value.message
    assert info.value.message.endswith(f"allowed: {allowed}")


def test_settings_in_range_are_taken_and_words_must_be_in_order() -> None:
    settings = Settings.load(parse_assignments(["summary.redundancy=1", "nlp.processes=0"]))
    assert settings.summary.redundancy == 1.0 and settings.nlp.processes == 0
    with pytest.raises(StorylineError) as info:
        Settings.load({"summary.min_words": 70})
    assert "min_words (70) is above summary.max_words (60)" in info.value.message
