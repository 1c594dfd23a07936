"""The SQLite store: idempotent, transactional ingest; briefs with --since; FTS5 search."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

import storyline.api as api
from storyline.cli import app
from storyline.errors import StorylineError
from storyline.nlp import parse_key
from storyline.store import Store

pytestmark = pytest.mark.slow

FIRST = ["andean-wire.txt", "southern-ledger.txt"]
LATER = ["valley-courier.html", "highland-monitor.jsonl"]


def _paths(example_dir: Path, names: list[str]) -> list[str]:
    return [str(example_dir / n) for n in names]


def _counts(db: Path) -> dict[str, int]:
    with Store.open(db, create=False) as store:
        return store.counts()


def _consistent(db: Path) -> None:
    """The checks a crash must never break."""
    con = sqlite3.connect(db)
    try:
        assert con.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        orphans = con.execute(
            "SELECT count(*) FROM sentences WHERE article NOT IN (SELECT id FROM articles)"
        ).fetchone()[0]
        assert orphans == 0
        # every stored article has its sentences, and the FTS index holds every sentence
        bare = con.execute(
            "SELECT count(*) FROM articles WHERE id NOT IN (SELECT article FROM sentences)"
        ).fetchone()[0]
        assert bare == 0
        indexed = con.execute("SELECT count(*) FROM sentences_fts").fetchone()[0]
        assert indexed == con.execute("SELECT count(*) FROM sentences").fetchone()[0]
        con.execute("INSERT INTO sentences_fts(sentences_fts) VALUES ('integrity-check')")
    finally:
        con.close()


def test_store_ingest_twice_adds_nothing(tmp_path: Path, example_dir: Path) -> None:
    db = tmp_path / "story.db"
    first = api.ingest(example_dir, db)
    assert len(first.added) == first.articles >= 4
    assert first.events > 0 and first.claims > 0
    before = _counts(db)
    assert before["sentences"] > 0 and before["mentions"] > 0 and before["places"] > 0
    again = api.ingest(example_dir, db)
    assert again.added == [] and again.already_stored == first.articles
    assert _counts(db) == before
    _consistent(db)


def test_store_second_ingest_parses_and_embeds_only_new_reports(
    tmp_path: Path, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.nlp
    from storyline.sources.embed import MODEL, Embedder

    db = tmp_path / "story.db"
    api.ingest(_paths(example_dir, FIRST), db)
    with Store.open(db) as store:
        first_vectors = store.vectors(MODEL)
    parsed_now: list[str] = []
    embedded_now: list[str] = []
    real_records, real_embed = storyline.nlp.records_from_doc, Embedder.embed

    def records(doc, article):  # type: ignore[no-untyped-def]
        parsed_now.append(article.id)
        return real_records(doc, article)

    def embed(self, texts):  # type: ignore[no-untyped-def]
        embedded_now.extend(texts)
        return real_embed(self, texts)

    monkeypatch.setattr(storyline.nlp, "records_from_doc", records)
    monkeypatch.setattr(Embedder, "embed", embed)
    added = api.ingest(_paths(example_dir, LATER), db).added
    assert parsed_now == added
    with Store.open(db) as store:
        articles = store.articles()
        cached = store.parsed(parse_key("en_core_web_sm"))
        vectors = store.vectors(MODEL)
        current = store.current(api._settings_key(api.Settings.load()))
    new_texts = [a.text for a in articles if a.id in added]
    old_texts = [a.text for a in articles if a.id not in added]
    # only the new reports' clauses were embedded: the stored ones were reused (the
    # stray check embeds every report's opening afresh: cheap, one text a report)
    from storyline.nlp.offstory import opening

    openings = {opening(a) for a in articles}
    clauses = [t for t in embedded_now if t not in openings]
    assert clauses
    assert all(any(t in text for text in new_texts) for t in clauses)
    assert not all(any(t in text for text in old_texts) for t in clauses)
    assert set(first_vectors) < set(vectors)
    assert all((vectors[k] == v).all() for k, v in first_vectors.items())
    # the stored parses and vectors give the very briefing a fresh run gives
    assert set(cached) == {a.id for a in articles}
    monkeypatch.undo()
    fresh, _ = api.run_pipeline(articles)
    assert current == fresh


def test_store_failed_ingest_leaves_database_as_it_was(
    tmp_path: Path, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "story.db"
    api.ingest(_paths(example_dir, FIRST), db)
    before = _counts(db)

    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("stage failed")

    monkeypatch.setattr(api, "run_pipeline", broken)
    with pytest.raises(RuntimeError):
        api.ingest(_paths(example_dir, LATER), db)
    assert _counts(db) == before
    _consistent(db)


def test_store_kill_9_mid_ingest_leaves_database_consistent(
    tmp_path: Path, example_dir: Path
) -> None:
    """kill -9 while the ingest's transaction is open (its rollback journal on disk): the
    next open rolls it back, and a rerun then stores everything."""
    db = tmp_path / "story.db"
    api.ingest(_paths(example_dir, FIRST), db)
    before = _counts(db)
    journal = Path(f"{db}-journal")
    command = [sys.executable, "-m", "storyline.cli", "ingest", *_paths(example_dir, LATER)]
    proc = subprocess.Popen(
        [*command, "--db", str(db), "-q"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    deadline = time.monotonic() + 60
    while not journal.exists() and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.005)
    time.sleep(0.3)  # well inside the transaction: the pipeline is running
    assert proc.poll() is None, "the ingest ended before it could be killed"
    assert journal.exists(), "no transaction was open when the process was killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL
    assert journal.exists()  # a hot journal: the write was cut off mid-transaction

    assert _counts(db) == before  # nothing of the half-written ingest is seen
    _consistent(db)

    rerun = api.ingest(_paths(example_dir, LATER), db)
    assert rerun.added and rerun.already_stored == 0
    fresh = tmp_path / "fresh.db"
    api.ingest(_paths(example_dir, FIRST), fresh)
    api.ingest(_paths(example_dir, LATER), fresh)
    assert _counts(db) == _counts(fresh)
    _consistent(db)


def test_store_since_shows_what_is_new(tmp_path: Path, example_dir: Path) -> None:
    db = tmp_path / "story.db"
    api.ingest(_paths(example_dir, FIRST), db)
    first = api.brief_stored(db, since="last")
    assert first.changes is not None and first.changes.since == 0  # the first briefing
    assert len(first.changes.new_events) == len(first.events)

    added = api.ingest(_paths(example_dir, LATER), db).added
    later = api.brief_stored(db, since="last")
    changes = later.changes
    assert changes is not None and changes.since == first.changes.briefing
    assert sorted(changes.new_articles) == sorted(added)
    assert changes.new_events or changes.changed_figures or changes.new_claims
    for record in [*changes.new_events, *changes.new_claims]:
        assert any(c.article in added for c in record.citations), record
    for change in changes.changed_figures:
        assert change.before != change.after

    # asking again: nothing is new since the briefing just made
    same = api.brief_stored(db, since="last")
    assert same.changes is not None
    assert not (same.changes.new_articles or same.changes.new_events or same.changes.new_claims)
    # by number and by date
    by_number = api.brief_stored(db, since=str(first.changes.briefing))
    assert by_number.changes is not None and by_number.changes.new_articles
    with pytest.raises(StorylineError, match="S053"):
        api.brief_stored(db, since="999")
    with pytest.raises(StorylineError, match="S053"):
        api.brief_stored(db, since="yesterday-ish")
    for beyond in ("99999999999999999999", "²"):  # past SQLite's integers; not ASCII digits
        with pytest.raises(StorylineError, match="S053"):
            api.brief_stored(db, since=beyond)


def test_store_search_matches_word_stems(tmp_path: Path, example_dir: Path) -> None:
    db = tmp_path / "story.db"
    api.ingest(example_dir, db)
    hits = api.search(db, "protester")
    assert hits
    texts = {a.id: a.text for a in Store.open(db).articles()}
    for hit in hits:
        assert texts[hit.article][hit.start : hit.end] == hit.text
        assert "protest" in hit.text.lower()
        assert "«" in hit.snippet
    assert api.search(db, "zzzunfindable") == []
    assert len(api.search(db, "protester", limit=10**30)) == len(
        api.search(db, "protester", limit=10**6)
    )
    # FTS5 syntax errors are retried as plain words, not raised
    assert api.search(db, 'protester "') is not None


def test_store_full_text_index_is_found_by_datasette(tmp_path: Path) -> None:
    """Datasette offers search on a table when an FTS table names it as its content, in
    one of the forms its `detect_fts` query looks for (datasette/utils/__init__.py)."""
    db = tmp_path / "story.db"
    Store.open(db).close()
    con = sqlite3.connect(db)
    found = con.execute(
        "SELECT name FROM sqlite_master WHERE rootpage = 0 AND ("
        "sql LIKE '%VIRTUAL TABLE%USING FTS%content=\"sentences\"%' OR "
        "sql LIKE '%VIRTUAL TABLE%USING FTS%content=[sentences]%')"
    ).fetchall()
    con.close()
    assert found == [("sentences_fts",)]


def test_store_errors_name_the_problem(tmp_path: Path) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.commit()
    with pytest.raises(StorylineError, match="S051"):
        Store.open(other)
    empty = tmp_path / "empty.db"
    Store.open(empty).close()
    with pytest.raises(StorylineError, match="S052"):
        api.brief_stored(empty)
    with pytest.raises(StorylineError, match="S001"):
        api.brief_stored(tmp_path / "missing.db")
    garbage = tmp_path / "garbage.db"
    garbage.write_bytes(b"not a database at all" * 100)
    with pytest.raises(StorylineError, match="S050"):
        Store.open(garbage)


def test_store_cli_ingest_brief_search(tmp_path: Path, example_dir: Path) -> None:
    db = tmp_path / "story.db"
    runner = CliRunner()
    result = runner.invoke(
        app, ["ingest", *_paths(example_dir, FIRST), "--db", str(db), "-f", "text"]
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("stored 2 new reports")
    result = runner.invoke(app, ["brief", "--db", str(db), "-f", "text", "-q"])
    assert result.exit_code == 0 and "SUMMARY" in result.stdout
    runner.invoke(app, ["ingest", *_paths(example_dir, LATER), "--db", str(db), "-q"])
    result = runner.invoke(app, ["brief", "--db", str(db), "--since", "last", "-f", "md", "-q"])
    assert result.exit_code == 0 and "## What is new" in result.stdout
    assert "New events" in result.stdout
    result = runner.invoke(app, ["search", "water", "--db", str(db), "-f", "text"])
    assert result.exit_code == 0 and "«water»" in result.stdout.lower()
    result = runner.invoke(app, ["brief", "x.txt", "--db", str(db)])
    assert result.exit_code == 2 and "--db" in result.stderr
    result = runner.invoke(app, ["brief", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 2 and "S001" in result.stderr


def test_store_events_have_acled_columns_and_an_old_table_is_renewed(
    tmp_path: Path, example_dir: Path
) -> None:
    from storyline.render.events import COLUMNS

    db = tmp_path / "story.db"
    api.ingest(example_dir, db)
    with sqlite3.connect(db) as con:
        names = [row[1] for row in con.execute("PRAGMA table_info(events)")]
        assert names == [*COLUMNS, "json"]
        rows = con.execute("SELECT event_id_cnty, disorder_type, inter1 FROM events").fetchall()
        assert rows and all(r[0].startswith("BOL") and r[1] for r in rows)
        # a store made before: the events table of old columns
        con.execute("DROP TABLE events")
        con.execute("CREATE TABLE events (id TEXT PRIMARY KEY, notes TEXT, json TEXT)")
    api.ingest(example_dir, db)  # opens, renews the table, and the next ingest fills it
    with sqlite3.connect(db) as con:
        assert [row[1] for row in con.execute("PRAGMA table_info(events)")] == [*COLUMNS, "json"]


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, example_dir: Path) -> Path:
    """One store of the example, briefed once; tests copy it before changing it."""
    db = tmp_path_factory.mktemp("stored") / "story.db"
    api.ingest(example_dir, db)
    api.brief_stored(db)
    return db


def _copy(stored: Path, folder: Path, name: str = "copy.db") -> Path:
    target = folder / name
    target.write_bytes(stored.read_bytes())
    return target


def test_store_refuses_foreign_and_damaged_files_with_codes(tmp_path: Path, stored: Path) -> None:
    foreign = tmp_path / "foreign.db"
    with sqlite3.connect(foreign) as other:
        other.execute("CREATE TABLE articles (id, body)")  # another application's table
    with pytest.raises(StorylineError, match="S051.*'state'"):
        api.brief_stored(foreign)
    zeroed = _copy(stored, tmp_path, "zeroed.db")
    with zeroed.open("r+b") as handle:
        handle.seek(4096 * 3)
        handle.write(b"\0" * 4096)
    with pytest.raises(StorylineError, match="S05[06]"):
        api.brief_stored(zeroed)


def test_store_a_flipped_byte_anywhere_is_briefed_or_refused_with_a_code(
    tmp_path: Path, stored: Path
) -> None:
    data = stored.read_bytes()
    size = len(data)
    outcomes = set()
    for n, where in enumerate(range(97, size, size // 10)):
        damaged = bytearray(data)
        damaged[where] ^= 0xFF
        db = tmp_path / f"flip{n}.db"
        db.write_bytes(bytes(damaged))
        try:
            outcomes.add(bool(api.brief_stored(db).summary))
        except StorylineError as error:
            assert error.code.name in {"S050", "S051", "S052", "S055", "S056"}, error
            outcomes.add(error.code.name)
    assert outcomes  # every flip ended in a briefing or a coded refusal, never a traceback


def test_store_read_only_file_is_briefed_and_not_written(
    tmp_path: Path, stored: Path, example_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.store as store_module

    db = _copy(stored, tmp_path)
    before = db.read_bytes()
    monkeypatch.setattr(store_module, "_writable", lambda path: False)
    briefing = api.brief_stored(db, since="last")
    assert briefing.summary and briefing.changes is not None
    assert briefing.changes.briefing is None  # made, not kept
    with pytest.raises(StorylineError, match="S058.*read-only"):
        api.ingest(example_dir, db)
    assert db.read_bytes() == before


def test_store_waits_for_another_writer_and_says_when_it_gives_up(
    tmp_path: Path, stored: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    import storyline.store as store_module

    db = _copy(stored, tmp_path)
    holder = sqlite3.connect(db, isolation_level=None, check_same_thread=False)
    holder.execute("BEGIN IMMEDIATE")
    threading.Timer(1.0, lambda: holder.execute("COMMIT")).start()
    with Store.open(db) as store, store.transaction():  # waits for the other writer
        store.db.execute("INSERT INTO state VALUES ('probe', 'x')")
    holder.execute("BEGIN IMMEDIATE")
    monkeypatch.setattr(store_module, "BUSY_SECONDS", 0.2)
    with pytest.raises(StorylineError, match="S057"), Store.open(db) as store, store.transaction():
        pass
    holder.execute("ROLLBACK")
    holder.close()


def test_store_full_disk_at_write_is_coded_and_rolled_back(tmp_path: Path, stored: Path) -> None:
    db = _copy(stored, tmp_path)
    with Store.open(db) as store:
        pages = store.db.execute("PRAGMA page_count").fetchone()[0]
        store.db.execute(f"PRAGMA max_page_count = {pages}")  # the disk is full from here
        count = store.db.execute("SELECT COUNT(*) FROM briefings").fetchone()[0]
        with pytest.raises(StorylineError, match="S058"), store.transaction():
            store.db.execute("INSERT INTO briefings VALUES (NULL, 'x', 0, 0, 0, ?)", ("y" * 9**6,))
        assert store.db.execute("SELECT COUNT(*) FROM briefings").fetchone()[0] == count


def test_store_two_ingests_at_once_both_succeed(tmp_path: Path, example_dir: Path) -> None:
    """Two processes ingest into one new database at the same moment: the second waits for
    the first's transaction, and the store ends as if they had run one after the other."""
    db = tmp_path / "story.db"
    command = [sys.executable, "-m", "storyline.cli", "ingest"]
    procs = [
        subprocess.Popen(
            [*command, *_paths(example_dir, names), "--db", str(db), "-q"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for names in (FIRST, LATER)
    ]
    for proc in procs:
        _, err = proc.communicate(timeout=600)
        assert proc.returncode == 0, err.decode()
    sequential = tmp_path / "sequential.db"
    api.ingest(_paths(example_dir, FIRST), sequential)
    api.ingest(_paths(example_dir, LATER), sequential)
    assert _counts(db) == _counts(sequential)
    _consistent(db)
