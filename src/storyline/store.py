"""The SQLite store: reports and what storyline found in them, kept between runs.

One file, plain tables any SQLite tool (or Datasette) opens as is:

- `articles` (one row a report, keyed by id, with a digest of its outlet, title and text
  so that the same report ingested again adds nothing), `sentences` (with the FTS5 index
  `sentences_fts` for `storyline search`) and `mentions`: what each report holds; rows are
  only ever added; `parsed` keeps each report's spaCy parse, so a later ingest parses
  only the new reports.
- `places`, `entities`, `events`, `claims`: the current findings over every stored report,
  replaced as a whole by each ingest (a new report can merge events or corroborate claims),
  with the readable columns flattened and the record's JSON beside them.
- `briefings`: each briefing `storyline brief --db` printed, kept so `--since` can say what
  is new; `ingests`: a log of ingest runs; `state`: the current briefing and the schema
  version.

Every ingest is one transaction (`BEGIN IMMEDIATE` … `COMMIT`, rollback journal): a crash
or `kill -9` at any point leaves the database as it was before the ingest began, which
SQLite restores from the journal the next time the file is opened.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import zlib
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from datetime import UTC, datetime
from os import PathLike
from pathlib import Path
from typing import ParamSpec, TypeVar

import numpy as np
from pydantic import ValidationError

from storyline.errors import Errors, StorylineError
from storyline.model import SCHEMA_VERSION, Article, Briefing, ParsedArticle, Story
from storyline.render.events import COLUMNS, acled_row
from storyline.render.events import countries as event_countries

# the events table: ACLED's columns as the CSV writes them (storyline's own after them)
EVENT_COLUMNS = ", ".join(f"{c} TEXT PRIMARY KEY" if c == "event_id" else c for c in COLUMNS)
SCHEMA = """
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ingests (
    id INTEGER PRIMARY KEY, started TEXT NOT NULL, finished TEXT NOT NULL,
    inputs TEXT NOT NULL, added INTEGER NOT NULL, already_stored INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, digest TEXT NOT NULL UNIQUE, source TEXT NOT NULL, title TEXT,
    outlet TEXT, published TEXT, published_basis TEXT NOT NULL, url TEXT, text TEXT NOT NULL,
    removed INTEGER NOT NULL, ingest INTEGER NOT NULL REFERENCES ingests(id), json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS sentences (
    id INTEGER PRIMARY KEY, article TEXT NOT NULL REFERENCES articles(id), idx INTEGER NOT NULL,
    paragraph INTEGER NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    text TEXT NOT NULL, UNIQUE (article, idx)
);
CREATE VIRTUAL TABLE IF NOT EXISTS sentences_fts USING fts5(
    text, content=[sentences], content_rowid=[id], tokenize='porter unicode61'
);
CREATE TABLE IF NOT EXISTS parsed (
    article TEXT PRIMARY KEY REFERENCES articles(id), model TEXT NOT NULL, record BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS vectors (
    article TEXT NOT NULL REFERENCES articles(id), start INTEGER NOT NULL, "end" INTEGER NOT NULL,
    model TEXT NOT NULL, vector BLOB NOT NULL, PRIMARY KEY (article, start, "end", model)
);
CREATE TABLE IF NOT EXISTS mentions (
    article TEXT NOT NULL REFERENCES articles(id), start INTEGER NOT NULL,
    "end" INTEGER NOT NULL, text TEXT NOT NULL, label TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS mentions_article ON mentions(article);
CREATE TABLE IF NOT EXISTS places (
    name TEXT NOT NULL, lat REAL NOT NULL, lon REAL NOT NULL, feature TEXT NOT NULL,
    country_code TEXT, admin1 TEXT, geonames_id INTEGER, within TEXT, confidence REAL NOT NULL,
    mentions INTEGER NOT NULL, json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY, name TEXT NOT NULL, type TEXT NOT NULL, actor_type TEXT,
    country_code TEXT, aliases TEXT NOT NULL, mentions INTEGER NOT NULL, json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS events ({EVENT_COLUMNS}, json TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS claims (
    id TEXT PRIMARY KEY, text TEXT NOT NULL, status TEXT NOT NULL,
    independent_sources INTEGER NOT NULL, sources TEXT NOT NULL, note TEXT, json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY, first_seen TEXT, updated TEXT NOT NULL, articles TEXT NOT NULL,
    json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS briefings (
    id INTEGER PRIMARY KEY, created TEXT NOT NULL, articles INTEGER NOT NULL,
    events INTEGER NOT NULL, claims INTEGER NOT NULL, json TEXT NOT NULL
);
""".replace("{EVENT_COLUMNS}", EVENT_COLUMNS)
CURRENT = "current_briefing"
CURRENT_SETTINGS = "current_settings"


def digest(article: Article) -> str:
    """What makes a report the same report: its outlet, title and cleaned text."""
    key = json.dumps([article.outlet, article.title, article.text], ensure_ascii=False)
    return hashlib.sha256(key.encode("utf-8")).hexdigest()


def now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass(frozen=True)
class SearchHit:
    article: str
    title: str | None
    outlet: str | None
    published: str | None
    start: int
    end: int
    text: str
    snippet: str


# How long a write waits for another process's transaction (a whole ingest) to end.
BUSY_SECONDS = 600
P = ParamSpec("P")
R = TypeVar("R")
_DAMAGE = (sqlite3.DatabaseError, ValidationError, zlib.error, UnicodeDecodeError, ValueError)


def _read(method: Callable[P, R]) -> Callable[P, R]:
    """A read whose failure on a damaged file (a zeroed page, a flipped byte that makes a
    stored record unreadable) is S056, not a traceback."""

    @functools.wraps(method)
    def reading(*args: P.args, **kwargs: P.kwargs) -> R:
        path = getattr(args[0], "path", None)
        try:
            return method(*args, **kwargs)
        except StorylineError:
            raise
        except sqlite3.OperationalError as exc:
            if _locked(exc):
                raise StorylineError(Errors.S057, path=path, seconds=BUSY_SECONDS) from None
            raise StorylineError(Errors.S056, path=path, reason=str(exc)) from None
        except _DAMAGE as exc:
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            raise StorylineError(Errors.S056, path=path, reason=reason) from None

    return reading


def _locked(exc: sqlite3.Error) -> bool:
    return "locked" in str(exc) or "busy" in str(exc)


MAX_SEARCH_HITS = 1_000_000  # a larger limit asks for every hit; SQLite's integers end sooner


@dataclass(frozen=True)
class StoredBriefing:
    id: int
    created: str
    briefing: Briefing


class Store:
    """A storyline database. Open with `Store.open(path)`; use as a context manager."""

    def __init__(self, db: sqlite3.Connection, path: str, read_only: bool = False) -> None:
        self.db = db
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | PathLike[str], create: bool = True) -> Store:
        """Open (and with `create`, make) a database; S050 when SQLite cannot, S051 when
        the file is some other database, S055 when an older storyline wrote it, S056 when
        it is damaged. A file this process may not write is opened read-only (`read_only`):
        reading works, writing is S058."""
        path = str(path)
        exists = Path(path).exists()
        if not create and not exists:
            raise StorylineError(Errors.S001, path=path)
        read_only = exists and not _writable(path)
        try:
            if read_only:
                uri = "file:" + Path(path).resolve().as_posix() + "?mode=ro"
                db = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=BUSY_SECONDS)
            else:
                # autocommit mode: transactions are begun and ended explicitly below
                db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_SECONDS)
            db.execute("PRAGMA foreign_keys = ON")
            if not read_only:
                db.execute("PRAGMA journal_mode = DELETE")
            tables = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
        except sqlite3.OperationalError as exc:
            if _locked(exc):
                raise StorylineError(Errors.S057, path=path, seconds=BUSY_SECONDS) from None
            raise StorylineError(Errors.S050, path=path, reason=str(exc)) from None
        except sqlite3.DatabaseError as exc:
            raise StorylineError(Errors.S050, path=path, reason=str(exc)) from None
        for table in ("articles", "state"):
            if (tables and table not in tables) or (not tables and (not create or read_only)):
                db.close()
                raise StorylineError(Errors.S051, path=path, table=table)
        store = cls(db, path, read_only)
        try:
            if tables:
                store._check()
            else:
                # executescript runs outside Python's transaction handling, so the script
                # carries its own BEGIN and COMMIT: a new database gets all its tables or none
                db.executescript(
                    f"BEGIN IMMEDIATE;{SCHEMA}INSERT OR IGNORE INTO state "
                    f"VALUES ('schema_version', '{SCHEMA_VERSION}');COMMIT;"
                )
            found = store._state("schema_version")
            if found and found.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
                raise StorylineError(Errors.S055, path=path, found=found, expected=SCHEMA_VERSION)
            if tables and not read_only:
                if "vectors" not in tables:  # a store this process may not write keeps
                    store._add_table("vectors")  # none, and every sentence is embedded
                if "stories" not in tables:
                    store._add_table("stories")
                store._renew_events_table()
        except StorylineError:
            db.close()
            raise
        except sqlite3.Error as exc:
            db.close()
            code = Errors.S057 if _locked(exc) else Errors.S056
            raise StorylineError(code, path=path, reason=str(exc), seconds=BUSY_SECONDS) from None
        return store

    @_read
    def _check(self) -> None:
        """S056 unless SQLite's quick check finds the file whole (it reads every page once;
        a zeroed page or a broken index is found here, not halfway through a briefing)."""
        problems = [str(r[0]) for r in self.db.execute("PRAGMA quick_check(3)")]
        if problems != ["ok"]:
            raise StorylineError(Errors.S056, reason="; ".join(problems))

    def _renew_events_table(self) -> None:
        """A store made before the events table had ACLED's columns gets the new table: its
        rows are findings every ingest replaces, rebuilt by the next one."""
        found = [row[1] for row in self.db.execute("PRAGMA table_info(events)")]
        if found and found != [*COLUMNS, "json"]:
            start = SCHEMA.index("CREATE TABLE IF NOT EXISTS events")
            statement = SCHEMA[start : SCHEMA.index(";", start) + 1]
            with suppress(sqlite3.OperationalError), self.db:
                self.db.execute("DROP TABLE events")
                self.db.execute(statement)

    def _add_table(self, name: str) -> None:
        """A store made before a table existed gains it, empty."""
        start = SCHEMA.index(f"CREATE TABLE IF NOT EXISTS {name} ")
        statement = SCHEMA[start : SCHEMA.index(";", start) + 1]
        with suppress(sqlite3.OperationalError):
            self.db.execute(statement)

    @_read
    def stories(self) -> dict[str, list[str]]:
        """The stories the last `stories` run stored: id -> its reports' ids."""
        if not self.db.execute("SELECT 1 FROM sqlite_master WHERE name = 'stories'").fetchone():
            return {}
        rows = self.db.execute("SELECT id, articles FROM stories ORDER BY rowid")
        return {str(r[0]): list(json.loads(r[1])) for r in rows}

    def save_stories(self, stories: list[Story]) -> None:
        """Replace the stored stories (without their briefings) by these."""
        when = now()
        self.db.execute("DELETE FROM stories")
        self.db.executemany(
            "INSERT INTO stories (id, first_seen, updated, articles, json) VALUES (?,?,?,?,?)",
            [
                (s.id, str(s.first_seen) if s.first_seen else None, when, json.dumps(s.articles),
                 s.model_copy(update={"briefing": None}).model_dump_json())
                for s in stories
            ],
        )  # fmt: skip

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One all-or-nothing write: committed at the end, rolled back on any error. Waits
        up to BUSY_SECONDS for another process's write to end (S057 if it does not); S058
        when the file cannot be written (read-only, a full disk)."""
        if self.read_only:
            raise StorylineError(Errors.S058, path=self.path, reason="the file is read-only")
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            if _locked(exc):
                raise StorylineError(Errors.S057, path=self.path, seconds=BUSY_SECONDS) from None
            raise StorylineError(Errors.S058, path=self.path, reason=str(exc)) from None
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException as exc:
            with suppress(sqlite3.Error):
                self.db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error) and not isinstance(exc, sqlite3.IntegrityError):
                raise StorylineError(Errors.S058, path=self.path, reason=str(exc)) from None
            raise

    # -- reports -------------------------------------------------------------

    @_read
    def digests(self) -> dict[str, str]:
        """digest → article id of every stored report."""
        return dict(self.db.execute("SELECT digest, id FROM articles"))

    @_read
    def articles(self) -> list[Article]:
        """Every stored report, in the order they were stored."""
        rows = self.db.execute("SELECT json FROM articles ORDER BY rowid")
        return [Article.model_validate_json(r[0]) for r in rows]

    def new_articles(self, articles: list[Article]) -> tuple[list[Article], int]:
        """The reports not yet stored (ids made unique against the stored ones), and how
        many were already there."""
        stored = self.digests()
        taken = {r[0] for r in self.db.execute("SELECT id FROM articles")}
        fresh: list[Article] = []
        seen: set[str] = set()
        already = 0
        for article in articles:
            key = digest(article)
            if key in stored or key in seen:
                already += 1
                continue
            seen.add(key)
            if article.id in taken:
                article = _renamed(article, f"{article.id}~{key[:8]}")
            taken.add(article.id)
            fresh.append(article)
        return fresh, already

    def add_articles(self, articles: list[Article], inputs: list[str], already: int) -> int:
        """Log the ingest and store its reports; returns the ingest's id."""
        started = now()
        cursor = self.db.execute(
            "INSERT INTO ingests (started, finished, inputs, added, already_stored) "
            "VALUES (?, ?, ?, ?, ?)",
            (started, started, json.dumps(inputs), len(articles), already),
        )
        ingest = int(cursor.lastrowid or 0)
        self.db.executemany(
            "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    a.id,
                    digest(a),
                    a.source,
                    a.title,
                    a.outlet,
                    a.published.isoformat() if a.published else None,
                    a.published_basis,
                    a.url,
                    a.text,
                    len(a.removed),
                    ingest,
                    a.model_dump_json(),
                )  # fmt: skip
                for a in articles
            ],
        )
        return ingest

    def add_parsed(self, parsed: list[ParsedArticle], model: str) -> None:
        """The sentences (indexed for search) and mentions of newly stored reports, and the
        whole parse (zlib-compressed JSON, about 1.5 times the text) so that a later ingest
        need not run spaCy over them again."""
        self.db.executemany(
            "INSERT OR REPLACE INTO parsed VALUES (?, ?, ?)",
            [
                (p.article.id, model, zlib.compress(p.model_dump_json().encode("utf-8"), 6))
                for p in parsed
            ],
        )
        for record in parsed:
            for s in record.sentences:
                cursor = self.db.execute(
                    'INSERT INTO sentences (article, idx, paragraph, start, "end", text) '
                    "VALUES (?,?,?,?,?,?)",
                    (s.article, s.index, s.paragraph, s.start, s.end, s.text),
                )
                self.db.execute(
                    "INSERT INTO sentences_fts (rowid, text) VALUES (?, ?)",
                    (cursor.lastrowid, s.text),
                )
            self.db.executemany(
                "INSERT INTO mentions VALUES (?,?,?,?,?)",
                [(m.article, m.start, m.end, m.text, m.label) for m in record.mentions],
            )

    @_read
    def parsed(self, model: str) -> dict[str, ParsedArticle]:
        """The stored parses made with this spaCy model, by article id."""
        rows = self.db.execute("SELECT article, record FROM parsed WHERE model = ?", (model,))
        return {
            str(a): ParsedArticle.model_validate_json(zlib.decompress(r).decode("utf-8"))
            for a, r in rows
        }

    def add_vectors(self, vectors: Mapping[tuple[str, int, int], np.ndarray], model: str) -> None:
        """Vectors made in this ingest (float32 bytes) by the span of text they embed, so a
        later ingest embeds only the texts of new reports."""
        self.db.executemany(
            "INSERT OR REPLACE INTO vectors VALUES (?, ?, ?, ?, ?)",
            [
                (article, start, end, model, np.asarray(v, dtype=np.float32).tobytes())
                for (article, start, end), v in sorted(vectors.items())
            ],
        )

    @_read
    def vectors(self, model: str) -> dict[tuple[str, int, int], np.ndarray]:
        """The stored vectors made with this model, by (article, start, end)."""
        try:
            rows = self.db.execute(
                'SELECT article, start, "end", vector FROM vectors WHERE model = ?', (model,)
            ).fetchall()
        except sqlite3.OperationalError:  # an older store this process could not extend
            return {}
        return {(str(a), int(s), int(e)): np.frombuffer(v, dtype=np.float32) for a, s, e, v in rows}

    def finish_ingest(self, ingest: int) -> None:
        self.db.execute("UPDATE ingests SET finished = ? WHERE id = ?", (now(), ingest))

    # -- findings --------------------------------------------------------------

    def set_current(self, briefing: Briefing, settings: str) -> None:
        """Replace the findings with those over every stored report, made with `settings`."""
        for table in ("places", "entities", "events", "claims"):
            self.db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
        self.db.executemany(
            "INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            [
                (
                    p.name,
                    p.lat,
                    p.lon,
                    p.feature,
                    p.country_code,
                    p.admin1,
                    p.geonames_id,
                    p.within,
                    p.confidence,
                    len(p.mentions),
                    p.model_dump_json(),
                )  # fmt: skip
                for p in briefing.places
            ],
        )
        self.db.executemany(
            "INSERT INTO entities VALUES (?,?,?,?,?,?,?,?)",
            [
                (
                    e.id,
                    e.name,
                    e.type,
                    e.actor_type,
                    e.country_code,
                    "; ".join(e.aliases),
                    len(e.mentions),
                    e.model_dump_json(),
                )  # fmt: skip
                for e in briefing.entities
            ],
        )
        columns = COLUMNS
        countries = event_countries(briefing)
        self.db.executemany(
            f"INSERT INTO events VALUES ({','.join('?' * (len(columns) + 1))})",
            [
                (*(acled_row(briefing, e, countries)[c] for c in columns), e.model_dump_json())
                for e in briefing.events
            ],
        )
        self.db.executemany(
            "INSERT INTO claims VALUES (?,?,?,?,?,?,?)",
            [
                (
                    c.id,
                    c.text,
                    c.status,
                    c.independent_sources,
                    "; ".join(c.sources),
                    c.note,
                    c.model_dump_json(),
                )  # fmt: skip
                for c in briefing.claims
            ],
        )
        self.db.executemany(
            "INSERT OR REPLACE INTO state VALUES (?, ?)",
            [(CURRENT, briefing.model_dump_json()), (CURRENT_SETTINGS, settings)],
        )

    @_read
    def current(self, settings: str) -> Briefing | None:
        """The briefing over every stored report as the last ingest left it, if it was
        made with these settings."""
        value = self._state(CURRENT)
        if not value or self._state(CURRENT_SETTINGS) != settings:
            return None
        return Briefing.model_validate_json(value)

    def add_briefing(self, briefing: Briefing) -> StoredBriefing:
        created = now()
        cursor = self.db.execute(
            "INSERT INTO briefings (created, articles, events, claims, json) VALUES (?,?,?,?,?)",
            (
                created,
                len(briefing.articles),
                len(briefing.events),
                len(briefing.claims),
                briefing.model_dump_json(),
            ),
        )
        return StoredBriefing(int(cursor.lastrowid or 0), created, briefing)

    @_read
    def briefing(self, since: str) -> StoredBriefing:
        """An earlier briefing: `last` (the latest), its id, or an ISO date or time (the
        latest made by then). Raises S053."""
        args: tuple[object, ...]
        text = since.strip()
        if text.lower() in ("last", "latest", "previous"):
            query, args = "SELECT id, created, json FROM briefings", ()
        elif text.isascii() and text.isdigit():
            if len(text) > 18:  # past SQLite's integers: no briefing has that number
                raise StorylineError(Errors.S053, since=since, reason="no such earlier briefing")
            query, args = (
                "SELECT id, created, json FROM briefings WHERE id = ?",
                (int(text),),
            )
        else:
            try:
                when = datetime.fromisoformat(text)
            except ValueError:
                raise StorylineError(
                    Errors.S053,
                    since=since,
                    reason="give 'last', a briefing number or an ISO date or time",
                ) from None
            bound = when.isoformat() if when.tzinfo else when.replace(tzinfo=UTC).isoformat()
            if len(text) == 10:  # a day: every briefing made that day counts
                bound = bound.replace("T00:00:00", "T23:59:59")
            query, args = "SELECT id, created, json FROM briefings WHERE created <= ?", (bound,)
        row = self.db.execute(query + " ORDER BY id DESC LIMIT 1", args).fetchone()
        if row is None:
            raise StorylineError(Errors.S053, since=since, reason="no such earlier briefing")
        return StoredBriefing(int(row[0]), str(row[1]), Briefing.model_validate_json(row[2]))

    # -- search ------------------------------------------------------------------

    @_read
    def search(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Sentences matching an FTS5 query, best first. Plain words work as they are; a
        query FTS5 cannot parse is retried with each word quoted; S054 if it still fails."""
        limit = max(0, min(limit, MAX_SEARCH_HITS))
        sql = (
            'SELECT s.article, a.title, a.outlet, a.published, s.start, s."end", s.text, '
            "snippet(sentences_fts, 0, '«', '»', '…', 16) FROM sentences_fts "
            "JOIN sentences s ON s.id = sentences_fts.rowid JOIN articles a ON a.id = s.article "
            "WHERE sentences_fts MATCH ? ORDER BY rank LIMIT ?"
        )
        try:
            rows = self.db.execute(sql, (query, limit)).fetchall()
        except sqlite3.OperationalError:
            quoted = " ".join('"' + w.replace('"', '""') + '"' for w in query.split())
            try:
                rows = self.db.execute(sql, (quoted, limit)).fetchall()
            except sqlite3.OperationalError as exc:
                raise StorylineError(Errors.S054, path=self.path, reason=str(exc)) from None
        return [SearchHit(*row) for row in rows]

    @_read
    def counts(self) -> dict[str, int]:
        tables = (
            "articles", "sentences", "mentions", "places", "entities", "events", "claims",
            "briefings",
        )  # fmt: skip
        return {
            t: int(self.db.execute(f"SELECT count(*) FROM {t}").fetchone()[0])  # noqa: S608
            for t in tables
        }

    @_read
    def _state(self, key: str) -> str | None:
        row = self.db.execute("SELECT value FROM state WHERE key = ?", (key,)).fetchone()
        return str(row[0]) if row else None


def _writable(path: str) -> bool:
    """Whether this process may write the file and make its journal beside it."""
    folder = os.path.dirname(os.path.abspath(path))
    return os.access(path, os.W_OK) and os.access(folder, os.W_OK | os.X_OK)


def _renamed(article: Article, new_id: str) -> Article:
    """The article under another id, its own citations following it."""
    evidence = [c.model_copy(update={"article": new_id}) for c in article.published_evidence]
    return article.model_copy(update={"id": new_id, "published_evidence": evidence})
