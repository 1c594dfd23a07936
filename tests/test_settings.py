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
