"""Fuzzing: whatever a file holds, reading it ends in articles or coded skips, never a
traceback, and a good report beside it is still briefed.

Property-based (hypothesis) over the readers with bytes, mutated reports, JSON values of
every shape and generated HTML; a few examples through the whole `brief` path. The
larger run, with hang and memory limits, is `benchmarks/fuzz.py`.
"""

from __future__ import annotations

import json
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import storyline.api as api
from storyline.ingest import read_inputs
from storyline.model import Article
from storyline.settings import Settings

INGEST = Settings.load().ingest
SUFFIXES = [".txt", ".html", ".htm", ".json", ".jsonl", ".ndjson", ".md", ""]
GOOD = (
    "Harlow ferry crews strike over rosters\n\n"
    "Ferry crews in Harlow walked out on Tuesday over new rosters, stranding about 900 "
    "passengers at the Dunmere terminal, the operator said.\n\n"
    "The crews' union said talks with the operator would resume on Friday.\n"
)
# derandomized: CI sees the same examples every run (benchmarks/fuzz.py explores by seed)
ONCE = {"deadline": None, "suppress_health_check": list(HealthCheck), "derandomize": True,
        "database": None}  # fmt: skip
FUZZ = settings(max_examples=150, **ONCE)


def _read(name: str, data: bytes) -> tuple[list[Article], list[str]]:
    """Read one file holding `data`; the articles and the skip codes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        result = read_inputs([str(path)], settings=INGEST)
    return result.articles, [s.code for s in result.skipped]


def _sound(articles: list[Article], codes: list[str]) -> None:
    for code in codes:
        assert re.fullmatch(r"S\d{3}", code)
    for article in articles:
        assert article.text.strip() and article.id
        for field in (article.id, article.text, article.title or "", article.outlet or ""):
            field.encode("utf-8")  # no lone surrogate reaches the briefing


@FUZZ
@given(data=st.binary(max_size=3000), suffix=st.sampled_from(SUFFIXES))
def test_any_bytes_are_read_or_skipped_with_a_code(data: bytes, suffix: str) -> None:
    _sound(*_read(f"input{suffix}", data))


@FUZZ
@given(
    cut=st.integers(0, len(GOOD)),
    noise=st.text(max_size=200),
    suffix=st.sampled_from(SUFFIXES),
)
def test_a_mutated_report_is_read_or_skipped_with_a_code(cut: int, noise: str, suffix: str) -> None:
    text = GOOD[:cut] + noise + GOOD[cut:]
    _sound(*_read(f"report{suffix}", text.encode("utf-8", "surrogatepass")))


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**30), 10**30)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=60),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = ["id", "title", "text", "html", "url", "published", "outlet"]


@FUZZ
@given(
    records=st.lists(
        st.dictionaries(st.sampled_from(FIELDS), JSON_VALUES | st.just(GOOD), max_size=7)
        | JSON_VALUES,
        max_size=4,
    ),
    lines=st.booleans(),
)
def test_json_of_any_shape_is_read_or_skipped_with_a_code(
    records: list[object], lines: bool
) -> None:
    if lines:
        data = "\n".join(json.dumps(r) for r in records).encode()
        _sound(*_read("feed.jsonl", data))
    else:
        _sound(*_read("batch.json", json.dumps(records).encode()))


_TAGS = st.sampled_from(["p", "div", "span", "a", "script", "style", "article", "h1", "meta", "br"])


@st.composite
def pages(draw: st.DrawFn) -> str:
    """HTML with random tags, attributes, nesting and text, some of it left unclosed."""
    parts = ["<html><body>"]
    for _ in range(draw(st.integers(0, 25))):
        tag = draw(_TAGS)
        attributes = " ".join(
            f'{draw(st.from_regex(r"[a-z][a-z0-9-]{0,6}", fullmatch=True))}="{n}"'
            for n in range(draw(st.integers(0, 400)))
        )
        parts.append(f"<{tag} {attributes}>{draw(st.text(max_size=80))}")
        if draw(st.booleans()):
            parts.append(f"</{tag}>")
    parts.append(f"<p>{GOOD}</p>" if draw(st.booleans()) else "")
    return "".join(parts)


@settings(max_examples=60, **ONCE)
@given(page=pages())
def test_generated_html_is_read_or_skipped_with_a_code(page: str) -> None:
    _sound(*_read("page.html", page.encode("utf-8", "surrogatepass")))


@pytest.mark.slow
@settings(max_examples=6, **ONCE)
@given(
    data=st.binary(max_size=2000) | st.text(max_size=400).map(str.encode),
    suffix=st.sampled_from(SUFFIXES),
)
def test_a_good_report_beside_a_bad_file_is_still_briefed(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        (Path(folder) / "good.txt").write_text(GOOD, encoding="utf-8")
        (Path(folder) / f"zz-bad{suffix}").write_bytes(data)
        briefing = api.brief(folder)
    assert "good" in {a.id for a in briefing.articles}
    assert briefing.summary and all(re.fullmatch(r"S\d{3}", s.code) for s in briefing.skipped)
