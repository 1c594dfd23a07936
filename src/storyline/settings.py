"""Settings: one frozen object, defaults shipped in `settings.toml`.

Stage configs hold settings only; anything learned from a cluster is returned
by the stage, never stored here.
"""

from __future__ import annotations

import tomllib
from importlib import resources
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from storyline.errors import Errors, StorylineError


class _Section(BaseModel):
    # numbers are checked as given: no NaN or infinity, no 1.5 for a count, no "5" for 5
    model_config = ConfigDict(frozen=True, extra="forbid", allow_inf_nan=False, strict=True)


# A float setting takes a whole number too (`--set summary.redundancy=1`): strict=False.
class IngestSettings(_Section):
    url_timeout: Annotated[float, Field(ge=0.1, le=3600.0, strict=False)]
    url_max_bytes: Annotated[int, Field(ge=1, le=2**31)]
    file_max_bytes: Annotated[int, Field(ge=1, le=2**31)]
    follow_links: bool


class NlpSettings(_Section):
    model: Annotated[str, Field(min_length=1)]
    batch_size: Annotated[int, Field(ge=1, le=10_000)]
    processes: Annotated[int, Field(ge=0, le=256)]
    off_story: bool
    french_model: str


class SummarySettings(_Section):
    words: Annotated[int, Field(ge=0, le=10_000)]
    min_words: Annotated[int, Field(ge=1, le=1_000)]
    max_words: Annotated[int, Field(ge=1, le=10_000)]
    redundancy: Annotated[float, Field(ge=0.0, le=1.0, strict=False)]
    position_weight: Annotated[float, Field(ge=0.0, le=10.0, strict=False)]
    corroboration_weight: Annotated[float, Field(ge=0.0, le=10.0, strict=False)]

    @model_validator(mode="after")
    def _words_in_order(self) -> SummarySettings:
        if self.min_words > self.max_words:
            raise ValueError(
                f"summary.min_words ({self.min_words}) is above summary.max_words "
                f"({self.max_words})"
            )
        return self


class SourcesSettings(_Section):
    copy_overlap: Annotated[float, Field(ge=0.01, le=1.0, strict=False)]
    syndication_sentences: Annotated[int, Field(ge=1, le=10_000)]
    syndication_share: Annotated[float, Field(ge=0.0, le=1.0, strict=False)]
    claim_similarity: Annotated[float, Field(ge=0.0, le=1.0, strict=False)]
    crosslingual_similarity: Annotated[float, Field(ge=0.0, le=1.0, strict=False)]
    crosslingual_margin: Annotated[float, Field(ge=0.0, le=1.0, strict=False)]


class TimelineSettings(_Section):
    max_dates: Annotated[int, Field(ge=1, le=10_000)]
    per_date: Annotated[int, Field(ge=1, le=100)]
    entry_words: Annotated[int, Field(ge=1, le=10_000)]


class EventsSettings(_Section):
    background_days: Annotated[int, Field(ge=1, le=36_500)]
    undated_window_days: Annotated[int, Field(ge=0, le=3_650)]


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
        raise StorylineError(Errors.S031, name=where, reason=_why(first, where)) from None


def _why(error: Any, where: str) -> str:
    """The reason a value was refused, with the range the setting allows."""
    section, _, name = where.partition(".")
    section_model = Settings.model_fields.get(section)
    field = None
    if section_model is not None and section_model.annotation is not None and name:
        field = section_model.annotation.model_fields.get(name)
    if field is None:
        return str(error["msg"]).removeprefix("Value error, ")
    low = next((m.ge for m in field.metadata if getattr(m, "ge", None) is not None), None)
    high = next((m.le for m in field.metadata if getattr(m, "le", None) is not None), None)
    kind = "a whole number" if field.annotation is int else "a number"
    if field.annotation is str:
        kind = "a name"
    allowed = f"{kind} from {low} to {high}" if low is not None and high is not None else kind
    return f"{error['msg']} (got {error.get('input')!r}); allowed: {allowed}"


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
