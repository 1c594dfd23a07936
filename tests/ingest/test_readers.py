from __future__ import annotations

import gzip
import json
import os
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from storyline.errors import Errors, StorylineError
from storyline.ingest import read_inputs
from storyline.ingest.readers import read_html, read_record, read_text, units_from_text, url_id
from storyline.settings import Settings

INGEST = Settings.load().ingest

STORY = (
    "Harbour cranes idle as dockers strike\n"
    "\n"
    "Dockers at the port of Wexmouth walked out on Monday over pay, leaving cranes idle.\n"
    "\n"
    "READ MORE: Ports across the region face delays\n"
    "\n"
    "The union said 400 members had joined the strike, while the port put the figure at 250.\n"
)


def test_read_text_headline_and_body() -> None:
    article = read_text(STORY.encode(), id="wex", source="wex.txt")
    assert article.title == "Harbour cranes idle as dockers strike"
    assert article.text.startswith("Dockers at the port")
    assert "READ MORE" not in article.text
    assert [r.reason for r in article.removed] == ["teaser link"]
    assert article.published is None and article.published_basis == "unknown"


def test_read_text_lede_sentence_as_headline_stays_in_the_text() -> None:
    lede = "Dockers at the port of Wexmouth walked out on Monday over pay, leaving cranes idle."
    article = read_text(
        f"{lede}\nThe union said 400 members had joined.".encode(), id="a", source="a"
    )
    assert article.title == lede
    assert article.text.startswith(lede)


def test_read_text_date_line_gives_published_from_text() -> None:
    data = b"Cranes idle\n14 March, 2023\nDockers walked out on Monday over pay."
    article = read_text(data, id="a", source="a.txt")
    assert article.published == date(2023, 3, 14)
    assert article.published_basis == "text"


def test_read_text_normalises_spaces_but_keeps_words() -> None:
    data = "Title\u00a0\nDockers\u00a0walked  out on\tMonday.\u200b".encode()
    article = read_text(data, id="a", source="a.txt")
    assert article.title == "Title"
    assert article.text == "Dockers walked out on Monday."


def test_units_from_text_joins_wrapped_prose_only() -> None:
    wrapped = (
        "Dockers at the port of Wexmouth walked out on Monday over pay, leaving\n"
        "the cranes idle and dozens of ships waiting at anchor outside the harbour\n"
        "wall, the harbour master said on Tuesday evening in a short statement.\n"
    )
    assert len(units_from_text(wrapped)) == 1
    lines = "Short title\nA sentence of prose that ends here.\nAnother one.\n"
    assert len(units_from_text(lines)) == 3


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", Errors.S004),
        ("Caf\u00e9 owners protest".encode("latin-1"), Errors.S005),
        (b"READ MORE: nothing here\nLoading...\n", Errors.S003),
    ],
)
def test_read_text_bad_input_raises_coded_error(data: bytes, code: Errors) -> None:
    with pytest.raises(StorylineError) as info:
        read_text(data, id="x", source="x.txt")
    assert info.value.code is code
    assert info.value.path == "x.txt"


def test_read_text_utf16_with_bom() -> None:
    article = read_text(STORY.encode("utf-16"), id="x", source="x.txt")
    assert article.title == "Harbour cranes idle as dockers strike"


PAGE = """<!DOCTYPE html><html><head><meta charset="utf-8">
<title>Dockers strike | Coast Gazette</title>
<meta property="og:title" content="Dockers strike at Wexmouth">
<meta property="og:site_name" content="Coast Gazette">
{date_meta}
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Dockers strike at Wexmouth</h1>
<p>Dockers at the port of Wexmouth walked out on Monday over pay, leaving cranes idle and
ships waiting at anchor outside the harbour wall for a second day.</p>
<p>READ MORE: Ports across the region face delays</p>
<p>The union said 400 members had joined the strike, while the port put the figure at 250,
and both sides said they were ready to meet the mediator later in the week.</p>
</article><footer>&copy; 2023 Coast Gazette</footer></body></html>"""


def test_read_html_metadata_and_cleaning() -> None:
    meta = '<meta property="article:published_time" content="2023-03-14T08:00:00Z">'
    article = read_html(PAGE.format(date_meta=meta).encode(), id="p", source="p.html")
    assert article.title == "Dockers strike at Wexmouth"
    assert article.outlet == "Coast Gazette"
    assert article.published == date(2023, 3, 14)
    assert article.published_basis == "metadata"
    assert "READ MORE" not in article.text and "Home" not in article.text
    assert article.text.startswith("Dockers at the port")


def test_read_html_copyright_year_is_not_a_date() -> None:
    article = read_html(PAGE.format(date_meta="").encode(), id="p", source="p.html")
    assert article.published is None
    assert article.published_basis == "unknown"


def test_read_html_without_text_raises() -> None:
    with pytest.raises(StorylineError) as info:
        read_html(b"<html><body><nav>Home</nav></body></html>", id="p", source="p.html")
    # trafilatura either finds nothing (S010) or only navigation, which the cleaner drops (S003)
    assert info.value.code in (Errors.S010, Errors.S003)


def test_read_record_text_and_metadata() -> None:
    record = {
        "id": "r1",
        "title": "Strike",
        "text": STORY,
        "outlet": "Wire",
        "published": "2023-03-14",
    }
    article = read_record(record, default_id="x", source="f.jsonl", line=3)
    assert (article.id, article.outlet, article.published) == ("r1", "Wire", date(2023, 3, 14))
    assert article.source == "f.jsonl#r1"


@pytest.mark.parametrize(
    ("record", "code"),
    [({"id": "r", "title": "No body"}, Errors.S008), (["not", "an", "object"], Errors.S009)],
)
def test_read_record_bad_records(record: object, code: Errors) -> None:
    with pytest.raises(StorylineError) as info:
        read_record(record, default_id="x", source="f.jsonl", line=7)
    assert info.value.code is code and info.value.line == 7


def test_read_inputs_folder_with_bad_files_keeps_the_good(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG\x00\x00")
    (tmp_path / ".hidden.txt").write_text(STORY, encoding="utf-8")
    lines = [json.dumps({"id": "j1", "text": STORY}), "{not json", json.dumps({"id": "j2"})]
    (tmp_path / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = read_inputs([str(tmp_path)], settings=INGEST)
    assert sorted(a.id for a in result.articles) == ["good", "j1"]
    skipped = {(Path(s.source).name, s.code, s.line) for s in result.skipped}
    assert skipped == {
        ("empty.txt", "S003", None),
        (".hidden.txt", "S018", None),
        ("image.png", "S006", None),
        ("feed.jsonl", "S007", 2),
        ("feed.jsonl", "S008", 3),
    }


def test_read_inputs_malformed_json_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"id": "a",\n "text": ', encoding="utf-8")
    result = read_inputs([str(bad)], settings=INGEST)
    assert result.articles == []
    assert [(s.code, s.line) for s in result.skipped] == [("S007", 2)]


def test_read_inputs_json_array_and_missing_path(tmp_path: Path) -> None:
    data = [{"id": "a", "text": STORY}, {"text": STORY}]
    (tmp_path / "batch.json").write_text(json.dumps(data), encoding="utf-8")
    result = read_inputs(
        [str(tmp_path / "batch.json"), str(tmp_path / "nope.txt")], settings=INGEST
    )
    assert [a.id for a in result.articles] == ["a", "batch-2"]
    assert [s.code for s in result.skipped] == ["S001"]


def test_read_inputs_duplicate_stems_get_unique_ids(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "report.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "report-2.txt").write_text(STORY, encoding="utf-8")
    result = read_inputs([str(tmp_path)], settings=INGEST)
    ids = [a.id for a in result.articles]
    assert ids == ["report", "report-2", "report-2-2"]  # path order: a/, b/, then report-2.txt


# ---------------------------------------------------------------- URLs, served on 127.0.0.1


class _Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, str, bytes]] = {
        "/story.html": (200, "text/html; charset=utf-8", PAGE.format(date_meta="").encode()),
        "/story.txt": (200, "text/plain", STORY.encode()),
        "/image.png": (200, "image/png", b"\x89PNG\x00"),
        "/big.html": (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
    }

    def do_GET(self) -> None:  # noqa: N802
        special = getattr(self, "_" + self.path.strip("/").replace("-", "_"), None)
        if special is not None:
            special()
            return
        status, kind, body = self.routes.get(self.path, (404, "text/plain", b"not found"))
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass

    def _send(self, body: bytes, *headers: tuple[str, str]) -> None:
        self.send_response(200)
        for name, value in (("Content-Type", "text/plain"), *headers):
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _gzip(self) -> None:
        self._send(gzip.compress(STORY.encode()), ("Content-Encoding", "gzip"))

    def _gzip_bomb(self) -> None:
        self._send(gzip.compress(b"0" * 10_000_000), ("Content-Encoding", "gzip"))

    def _to_ftp(self) -> None:
        self.send_response(302)
        self.send_header("Location", "ftp://127.0.0.1/story.txt")
        self.end_headers()

    def _garbage(self) -> None:
        self.wfile.write(b"SPAM SPAM SPAM\r\n\r\n")

    def _headers(self) -> None:
        self._send(STORY.encode(), *((f"X-Extra-{n}", "1") for n in range(150)))

    def _trickle(self) -> None:
        for byte in b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n":
            self.wfile.write(bytes([byte]))
            self.wfile.flush()
            time.sleep(0.05)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()


def test_read_inputs_urls(server: str) -> None:
    settings = INGEST.model_copy(update={"url_max_bytes": 4000, "url_timeout": 5.0})
    urls = [
        f"{server}/{name}" for name in ("story.html", "story.txt", "image.png", "big.html", "gone")
    ]
    result = read_inputs(urls, settings=settings)
    assert [a.id for a in result.articles] == [url_id(urls[0]), url_id(urls[1])]
    assert result.articles[0].url == urls[0] and result.articles[0].outlet == "Coast Gazette"
    assert result.articles[1].title == "Harbour cranes idle as dockers strike"
    codes = {s.source: s.code for s in result.skipped}
    assert codes == {urls[2]: "S013", urls[3]: "S012", urls[4]: "S011"}
    assert "404" in next(s.message for s in result.skipped if s.source == urls[4])


def test_url_failures_are_coded_and_encodings_unpacked(server: str) -> None:
    settings = INGEST.model_copy(update={"url_max_bytes": 4000, "url_timeout": 0.25})
    host = server.removeprefix("http://")
    cases = {
        f"{server}/gzip": None,
        f"HTTP://{host}/story.txt": None,
        f"{server}/gzip-bomb": "S012",
        f"{server}/to-ftp": "S011",
        f"{server}/garbage": "S011",
        f"{server}/headers": "S011",
        f"{server}/trickle": "S011",
        f"{server}/a page with spaces": "S011",
        "http://[::1/story.txt": "S011",
    }
    result = read_inputs(list(cases), settings=settings)
    assert len(result.articles) == 2
    assert all(a.title == "Harbour cranes idle as dockers strike" for a in result.articles)
    assert {s.source: s.code for s in result.skipped} == {
        url: code for url, code in cases.items() if code
    }
    said = {s.source: s.message for s in result.skipped}
    assert "not http(s)" in said[f"{server}/to-ftp"]
    assert "no complete answer within 1 s" in said[f"{server}/trickle"]


def test_read_inputs_unreachable_url_fails_fast() -> None:
    settings = INGEST.model_copy(update={"url_timeout": 2.0})
    result = read_inputs(["http://127.0.0.1:9/closed"], settings=settings)
    assert [s.code for s in result.skipped] == ["S011"]


@pytest.mark.parametrize(
    "data",
    [
        b"Only a headline\n",
        b"Police says a lot of weapons and ammunition has been seized from the two hostels\n",
        b"Troops shelled Varno on Monday.\n",
    ],
)
def test_read_text_a_report_of_one_line_is_a_report(data: bytes) -> None:
    article = read_text(data, id="a", source="a.txt")
    line = data.decode().strip()
    assert article.text == line and article.title == line


# ---------------------------------------------------------------- hostile and unlucky inputs


def test_fifo_and_device_are_skipped_not_read(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)  # opening it for reading would block until a writer came
    result = read_inputs([str(tmp_path), str(fifo), "/dev/zero"], settings=INGEST)
    assert [a.id for a in result.articles] == ["good"]
    assert sorted((Path(s.source).name, s.code) for s in result.skipped) == [
        ("pipe.txt", "S014"),
        ("pipe.txt", "S014"),
        ("zero", "S014"),
    ]
    assert "a FIFO" in result.skipped[0].message


def test_reads_are_bounded_by_bytes_read(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text(STORY * 50, encoding="utf-8")
    small = INGEST.model_copy(update={"file_max_bytes": 1000})
    result = read_inputs([str(big)], settings=small)
    assert result.articles == []
    assert [(s.code, "larger than 1000 bytes" in s.message) for s in result.skipped] == [
        ("S002", True)
    ]


def test_a_subfolder_that_cannot_be_listed_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "report.txt").write_text(STORY, encoding="utf-8")
    real = os.scandir

    def scandir(path: Any = ".") -> Any:
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(os, "scandir", scandir)
    result = read_inputs([str(tmp_path)], settings=INGEST)
    assert [a.id for a in result.articles] == ["good"]
    assert [(s.source, s.code) for s in result.skipped] == [(str(locked), "S002")]
    assert "Permission denied" in result.skipped[0].message


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ("[" * 5000 + "]" * 5000, "S007"),  # deeper than Python's recursion
        (json.dumps({"id": "a", "url": 7, "text": STORY}), "S015"),
        (json.dumps({"id": "a", "url": ["x"], "text": STORY}), "S015"),
        (json.dumps({"id": "a", "outlet": {"n": 1}, "text": STORY}), "S015"),
        (json.dumps({"id": True, "text": STORY}), "S015"),
        ('{"id": "a", "text": "Dockers walked out \\ud800 on Monday over pay."}', "S016"),
        ('{"id": "\\udfff", "text": "Dockers walked out on Monday over pay."}', "S016"),
    ],
)
def test_bad_json_records_are_coded_skips(tmp_path: Path, line: str, code: str) -> None:
    feed = tmp_path / "feed.jsonl"
    good = json.dumps({"id": "good", "text": STORY})
    feed.write_text(f"{line}\n{good}\n", encoding="utf-8")
    result = read_inputs([str(feed)], settings=INGEST)
    assert [a.id for a in result.articles] == ["good"]
    assert [(s.code, s.line) for s in result.skipped] == [(code, 1)]


def test_huge_numbers_and_unicode_line_separators_are_read(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    huge = "9" * 5000
    separated = "Dockers walked out\u2028on Monday\u0085over pay, the union said."
    lines = [f'{{"id": {huge}, "text": "{separated}"}}', json.dumps({"id": 12, "text": STORY})]
    feed.write_text("\r\n".join(lines) + "\r\n", encoding="utf-8")
    result = read_inputs([str(feed)], settings=INGEST)
    assert [a.id for a in result.articles] == [huge, "12"]
    assert result.skipped == []


def test_a_tag_with_thousands_of_attributes_loses_them_not_the_text() -> None:
    from storyline.ingest.readers import tame_tags

    attributes = " ".join(f'data-x{n}="{n}"' for n in range(50_000))
    story = (
        "<p>Dockers at the port of Wexmouth walked out on Monday over pay, leaving cranes idle.</p>"
    )
    page = f"<html><body><div {attributes}>{story}</div></body></html>"
    assert tame_tags(page) == f"<html><body><div>{story}</div></body></html>"
    ordinary = '<a href="/x" class="teaser" style="' + "color: red; " * 300 + '">Read</a>'
    assert tame_tags(ordinary) == ordinary  # long, but few attributes: left as it is
    article = read_html(page.encode(), id="a", source="a.html", title="Dockers strike")
    assert article.text.startswith("Dockers at the port of Wexmouth walked out")


def test_a_page_of_more_tags_than_any_article_is_refused_with_a_code() -> None:
    from storyline.ingest.readers import MAX_TAGS

    page = "<html><body><p>Dockers walked out on Monday over pay.</p>" + "<br>" * MAX_TAGS
    with pytest.raises(StorylineError) as info:
        read_html(page.encode(), id="a", source="a.html")
    assert info.value.code is Errors.S017 and str(MAX_TAGS) in info.value.message
