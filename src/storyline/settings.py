"""Settings: one frozen object, defaults shipped in `settings.toml`.

Stage configs hold settings only; anything learned from a cluster is returned
by the stage, never stored here.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from storyline.errors import Errors, StorylineError


class _Section(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class IngestSettings(_Section):
    url_timeout: float
    url_max_bytes: int
    file_max_bytes: int


class NlpSettings(_Section):
    model: str
    batch_size: int
    processes: int


class SummarySettings(_Section):
    words: int
    min_words: int
    max_words: int
    redundancy: float
    position_weight: float
    corroboration_weight: float


class SourcesSettings(_Section):
    copy_overlap: float
    syndication_sentences: int
    syndication_share: float
    claim_similarity: float


class TimelineSettings(_Section):
    max_dates: int
    per_date: int
    entry_words: int


class EventsSettings(_Section):
    background_days: int
    undated_window_days: int


class PlacesSettings(_Section):
    gazetteers: list[str]


class Settings(_Section):
    ingest: IngestSettings
    nlp: NlpSettings
    summary: SummarySettings
    sources: SourcesSettings
    timeline: TimelineSettings
    places: PlacesSettings
    events: EventsSettings

    @classmethod
    def load(cls, overrides: dict[str, Any] | None = None) -> Settings:
        """Defaults from `settings.toml`, with `{"section.name": value}` laid over them.

        Raises StorylineError S030 for an unknown name, S031 for a bad value.
        """
        text = resources.files("storyline").joinpath("settings.toml").read_text("utf-8")
        return _validated(tomllib.loads(text), overrides)

    def updated(self, overrides: dict[str, Any]) -> Settings:
        """A copy with `{"section.name": value}` laid over this one; same errors as `load`."""
        return _validated(self.model_dump(), overrides)


def _validated(data: dict[str, dict[str, Any]], overrides: dict[str, Any] | None) -> Settings:
    for dotted, value in (overrides or {}).items():
        section, _, name = dotted.partition(".")
        if section not in data or name not in data[section]:
            raise StorylineError(Errors.S030, name=dotted)
        data[section][name] = value
    try:
        return Settings.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        where = ".".join(str(p) for p in first["loc"])
        raise StorylineError(Errors.S031, name=where, reason=first["msg"]) from None


def parse_assignments(pairs: list[str]) -> dict[str, Any]:
    """Turn CLI `section.name=value` strings into overrides, values read as TOML."""
    overrides: dict[str, Any] = {}
    for pair in pairs:
        name, sep, raw = pair.partition("=")
        if not sep:
            raise StorylineError(Errors.S031, name=pair, reason="expected section.name=value")
        try:
            overrides[name.strip()] = tomllib.loads(f"v = {raw.strip()}")["v"]
        except tomllib.TOMLDecodeError:
            overrides[name.strip()] = raw.strip()  # a bare word: take it as a string
    return overrides
