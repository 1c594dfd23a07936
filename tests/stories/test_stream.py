"""Stories briefed on Dask: the same on a two-worker LocalCluster as in one process, a
failing story reported while the others come out, and the `stories` command."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from storyline.cli import app
from storyline.model import Article, Briefing, Stories
from storyline.settings import Settings
from storyline.stories.stream import stories_of
from tests.conftest import make_article
from tests.stories.test_online import QUAKE, STRIKE

pytestmark = pytest.mark.slow


def _stream() -> list[Article]:
    reports = [
        make_article(f"q{n}", [text], title=title, outlet=f"Outlet {n}",
                     published=date(2024, 5, 6 + n))
        for n, (title, text) in enumerate(QUAKE)
    ] + [
        make_article(f"s{n}", [text], title=title, published=date(2024, 5, 6 + n))
        for n, (title, text) in enumerate(STRIKE)
    ]  # fmt: skip
    return sorted(reports, key=lambda a: (a.published, a.id))


def test_a_two_worker_cluster_gives_the_same_stories_and_briefings() -> None:
    from distributed import LocalCluster

    settings = Settings.load()
    here = stories_of(_stream(), settings=settings, scheduler="synchronous")
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster:  # fmt: skip
        told: list[tuple[str, int, int]] = []
        there = stories_of(_stream(), settings=settings, scheduler=cluster.scheduler_address,
                           progress=lambda *step: told.append(step))  # fmt: skip
    assert there.model_dump() == here.model_dump()
    assert ("brief", 2, 2) in told  # each story's briefing counted as it came back
    quake = next(s for s in here.stories if "q0" in s.articles)
    assert quake.briefing is not None and quake.outlets == ["Outlet 0", "Outlet 1", "Outlet 2"]
    assert quake.first_seen == date(2024, 5, 6) and quake.last_seen == date(2024, 5, 8)


def test_a_failing_story_is_reported_and_the_others_come_out() -> None:
    def brief(articles: list[Article], settings: Settings) -> Briefing:
        if any(a.id.startswith("s") for a in articles):
            raise ValueError("no briefing today")
        from storyline.api import build_briefing

        return build_briefing(articles, settings=settings)

    result = stories_of(_stream(), settings=Settings.load(), scheduler="synchronous",
                        brief=brief)  # fmt: skip
    by_first = {s.articles[0]: s for s in result.stories}
    assert by_first["s0"].briefing is None and "no briefing today" in (by_first["s0"].error or "")
    assert by_first["q0"].briefing is not None and by_first["q0"].error is None


def test_min_reports_leaves_small_stories_unbriefed() -> None:
    result = stories_of(_stream(), settings=Settings.load(), scheduler="synchronous",
                        min_reports=3)  # fmt: skip
    briefed = sorted((len(s.articles), s.briefing is not None) for s in result.stories)
    assert briefed == [(2, False), (3, True)]


def test_cli_stories_writes_the_stories_json(tmp_path: Path) -> None:
    for n, (title, text) in enumerate(QUAKE + STRIKE):
        (tmp_path / f"r{n}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["stories", str(tmp_path), "-f", "json", "--scheduler", "synchronous", "-q"]
    )
    assert result.exit_code == 0, result.output
    stories = Stories.model_validate(json.loads(result.stdout))
    assert sorted(len(s.articles) for s in stories.stories) == [2, 3]
    text = CliRunner().invoke(
        app,
        [
            "stories",
            str(tmp_path),
            "-f",
            "text",
            "--scheduler",
            "synchronous",
            "-q",
            "--min-reports",
            "9",
        ],  # fmt: skip
    )
    assert text.exit_code == 0 and text.stdout.startswith("STORIES") and "0 briefed" in text.stdout


def test_cli_stories_writes_an_html_index_linking_each_story(tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    feed.mkdir()
    for n, (title, text) in enumerate(QUAKE + STRIKE):
        (feed / f"r{n}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    site = tmp_path / "site"
    result = CliRunner().invoke(
        app,
        [
            "stories",
            str(feed),
            "-f",
            "json",
            "--scheduler",
            "synchronous",
            "-q",
            "--html",
            str(site),
        ],  # fmt: skip
    )
    assert result.exit_code == 0, result.output
    index = (site / "index.html").read_text(encoding="utf-8")
    stories = Stories.model_validate(json.loads(result.stdout))
    for story in stories.stories:
        assert f'href="{story.id}.html"' in index
        assert (site / f"{story.id}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE")


def test_cli_stories_skips_bad_reports_with_their_code_and_fails_on_nothing(
    tmp_path: Path,
) -> None:
    for n, (title, text) in enumerate(QUAKE):
        (tmp_path / f"r{n}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("   \n", encoding="utf-8")
    result = CliRunner().invoke(
        app, ["stories", str(tmp_path), "-f", "json", "--scheduler", "synchronous"]
    )
    assert result.exit_code == 0, result.output
    stories = Stories.model_validate(json.loads(result.stdout))
    assert [s.code for s in stories.stories and stories.skipped] == ["S003"]
    assert "empty.txt" in result.stderr and "S003" in result.stderr
    nothing = tmp_path / "nothing"
    nothing.mkdir()
    failed = CliRunner().invoke(app, ["stories", str(nothing), "--scheduler", "synchronous"])
    assert failed.exit_code == 2 and "S064" in failed.stderr and "above" not in failed.stderr


def test_stories_in_a_store_keep_their_ids_and_say_what_changed(tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    feed.mkdir()
    for n, (title, text) in enumerate(QUAKE[:2] + STRIKE):
        (feed / f"r{n}.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    db = tmp_path / "stories.db"
    args = ["stories", "-f", "json", "--scheduler", "synchronous", "-q", "--db", str(db)]
    first = CliRunner().invoke(app, [*args, str(feed)])
    assert first.exit_code == 0, first.output
    before = Stories.model_validate(json.loads(first.stdout))
    assert {s.change for s in before.stories} == {"new"}
    quake_id = next(s.id for s in before.stories if len(s.articles) == 2 and "r0" in s.articles)
    later = tmp_path / "later"
    later.mkdir()
    title, text = QUAKE[2]
    (later / "r9.txt").write_text(f"{title}\n\n{text}\n", encoding="utf-8")
    second = CliRunner().invoke(app, [*args, "--since", "last", str(later)])
    assert second.exit_code == 0, second.output
    grown = Stories.model_validate(json.loads(second.stdout)).stories
    assert [(s.id, s.change, len(s.articles)) for s in grown] == [(quake_id, "grew", 3)]
    again = CliRunner().invoke(app, args)  # nothing new: every story the same
    assert {s.change for s in Stories.model_validate(json.loads(again.stdout)).stories} == {"same"}


def test_match_gives_each_stored_id_once_and_numbers_new_stories_on() -> None:
    from storyline.model import Story
    from storyline.stories.stream import match

    def story(members: list[str]) -> Story:
        return Story(id="x", headline="h", first_seen=None, last_seen=None, articles=members,
                     outlets=[], independent_sources=len(members))  # fmt: skip

    stored = {"s1": ["a", "b"], "s4": ["c"]}
    found = match([story(["a", "b", "d"]), story(["e"]), story(["c"])], stored)
    assert [(s.id, s.change) for s in found] == [("s1", "grew"), ("s5", "new"), ("s4", "same")]


def test_the_biggest_stories_are_briefed_first() -> None:
    # a long briefing started last would leave the other cores idle at the end
    sizes: list[int] = []

    def brief(articles: list[Article], settings: Settings) -> Briefing:
        sizes.append(len(articles))
        raise ValueError("counted")

    reports = _stream() + [make_article("lone", ["A cat show opened in Leeds on Friday."])]
    stories_of(reports, settings=Settings.load(), scheduler="synchronous", brief=brief,
               min_reports=1)  # fmt: skip
    assert len(sizes) >= 3 and sizes == sorted(sizes, reverse=True) and sizes[-1] == 1


def test_cli_stories_since_a_date_keeps_the_stories_with_a_report_from_then(
    tmp_path: Path,
) -> None:
    feed = tmp_path / "feed.jsonl"
    records = [{"id": a.id, "title": a.title, "text": a.text, "published": str(a.published)}
               for a in _stream()]  # fmt: skip
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    args = ["stories", str(feed), "-f", "json", "--scheduler", "synchronous", "-q",
            "--min-reports", "9"]  # fmt: skip
    since = CliRunner().invoke(app, [*args, "--since", "2024-05-08"])
    assert since.exit_code == 0, since.output
    kept = Stories.model_validate(json.loads(since.stdout)).stories
    assert [sorted(s.articles) for s in kept] == [["q0", "q1", "q2"]]  # the strike ended 7 May
    for wrong in ("yesterday", "last"):  # 'last' compares with a store: it needs --db
        failed = CliRunner().invoke(app, [*args, "--since", wrong])
        assert failed.exit_code == 2 and "--since" in failed.stderr


def test_progress_is_told_each_stage_and_the_briefings_as_they_finish() -> None:
    told: list[tuple[str, int, int]] = []
    result = stories_of(_stream(), settings=Settings.load(), scheduler="synchronous",
                        progress=lambda *step: told.append(step))  # fmt: skip
    stages = list(dict.fromkeys(stage for stage, _, _ in told))
    assert stages == ["features", "group", "brief"]
    briefs = [(done, total) for stage, done, total in told if stage == "brief"]
    assert briefs[0][0] == 0 and briefs[-1][0] == briefs[-1][1] >= 2
    assert [d for d, _ in briefs] == sorted(d for d, _ in briefs)
    assert sum(s.briefing is not None for s in result.stories) == 2


def test_a_storys_sources_count_copies_and_one_outlets_reports_once() -> None:
    from storyline.stories.online import Group
    from storyline.stories.stream import _independent
    from tests.conftest import make_article

    by_id = {
        "a": make_article("a", ["x"], outlet="Valley Courier"),
        "b": make_article("b", ["x"]),  # a copy of a
        "c": make_article("c", ["y"], outlet="The Valley Courier"),  # a's outlet again
        "d": make_article("d", ["z"], outlet="Southern Ledger"),
        "e": make_article("e", ["w"]),
    }
    group = Group(id=0, members=list(by_id), copies={"b": "a"})
    assert _independent(group, None, by_id) == 3  # {a, b, c}, {d}, {e}
