"""The readers of feeds, PDF, DOCX, e-mail and web archives, on files these tests build with
the same libraries (or by hand, for PDF): text recovered against the text put in, the
metadata, the furniture removed, and the type told by content as well as by name."""

from __future__ import annotations

import difflib
import io
import mailbox
from datetime import date
from email.message import EmailMessage
from pathlib import Path

import pytest

from storyline.errors import Errors, StorylineError
from storyline.ingest import expand_inputs, read_inputs
from storyline.ingest.documents import pdf_units, read_docx, read_pdf
from storyline.ingest.readers import byline_names
from storyline.ingest.sniff import by_content
from storyline.model import Article
from storyline.settings import Settings

INGEST = Settings.load().ingest

FLOOD = [
    "The river Aln burst its banks at Port Kessel on Monday night, flooding 300 homes in "
    "the lower town and closing the harbour road, the council said.",
    "Rescue crews moved 120 residents to the Kessel sports hall, where the Red Cross set up "
    "beds and a kitchen. No one was hurt, the fire service said.",
    "The council leader, Mara Olsen, said the flood barrier finished in 2019 had held along "
    "the quay but water came in behind it through the old mill race.",
]
TITLE = "River Aln floods lower Port Kessel"


def char_f1(got: str, expected: str) -> float:
    """F1 of the characters the two texts share in order (whitespace normalised)."""
    a, b = " ".join(got.split()), " ".join(expected.split())
    matched = sum(m.size for m in difflib.SequenceMatcher(None, a, b, autojunk=False)
                  .get_matching_blocks())  # fmt: skip
    if not matched:
        return 0.0
    precision, recall = matched / len(a), matched / len(b)
    return 2 * precision * recall / (precision + recall)


def read(tmp_path: Path, name: str, data: bytes) -> tuple[list[Article], list]:
    path = tmp_path / name
    path.write_bytes(data)
    result = read_inputs([str(path)], settings=INGEST)
    return result.articles, result.skipped


# ---------------------------------------------------------------- feeds

RSS = f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"
     xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Kessel Courier</title><link>https://courier.example.org/</link>
<item><title>{TITLE}</title><link>https://courier.example.org/flood</link>
<pubDate>Tue, 14 May 2024 07:30:00 GMT</pubDate><dc:creator>Jo Ray</dc:creator>
<description>Short teaser.</description>
<content:encoded><![CDATA[{"".join(f"<p>{p}</p>" for p in FLOOD)}]]></content:encoded></item>
<item><title>Ferries resume at Port Kessel</title><link>https://courier.example.org/ferry</link>
<pubDate>Wed, 15 May 2024 09:00:00 GMT</pubDate>
<description>&lt;p&gt;Ferries to Port Kessel ran again on Wednesday after the harbour road
reopened, the ferry company said.&lt;/p&gt;</description></item>
</channel></rss>
"""

ATOM = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Aln Valley News</title>
<id>urn:example:aln</id><updated>2024-05-14T10:00:00Z</updated>
<entry><title>{TITLE}</title><id>urn:example:aln:1</id>
<link href="https://aln.example.org/1"/><published>2024-05-14T08:00:00Z</published>
<updated>2024-05-14T08:00:00Z</updated><author><name>Sam Lee</name></author>
<content type="html">{"".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in FLOOD)}</content></entry>
</feed>
"""

RDF = f"""<?xml version="1.0"?>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">
<channel rdf:about="https://old.example.org/"><title>Old Wire</title>
<link>https://old.example.org/</link><description>x</description></channel>
<item rdf:about="https://old.example.org/1"><title>{TITLE}</title>
<link>https://old.example.org/1</link><description>{FLOOD[0]}</description></item>
</rdf:RDF>
"""


def test_an_rss_feed_gives_each_item_with_its_metadata(tmp_path: Path) -> None:
    articles, skipped = read(tmp_path, "courier.rss", RSS.encode())
    assert skipped == [] and len(articles) == 2
    flood, ferry = articles
    assert flood.title == TITLE and flood.outlet == "Kessel Courier"
    assert flood.url == "https://courier.example.org/flood"
    assert flood.published == date(2024, 5, 14) and flood.published_basis == "metadata"
    assert flood.authors == ["Jo Ray"]
    assert char_f1(flood.text, "\n\n".join(FLOOD)) >= 0.95  # the content, not the teaser
    assert flood.text.count("\n\n") == 2  # a paragraph each
    assert ferry.text.startswith("Ferries to Port Kessel ran again")


@pytest.mark.parametrize("feed", [ATOM, RDF], ids=["atom", "rss1.0"])
def test_atom_and_rss_1_feeds_are_read_alike(tmp_path: Path, feed: str) -> None:
    articles, _ = read(tmp_path, "feed.xml", feed.encode())
    assert len(articles) == 1 and articles[0].title == TITLE
    assert articles[0].text.startswith("The river Aln burst its banks")
    if feed is ATOM:
        assert articles[0].authors == ["Sam Lee"] and articles[0].published == date(2024, 5, 14)


def test_a_feed_is_a_feed_whatever_it_is_called_or_wherever_it_is(tmp_path: Path) -> None:
    # named directly as .txt, and found in a folder as .xml: read as a feed both times,
    # never as text whose headline is the XML declaration
    articles, _ = read(tmp_path, "saved.txt", RSS.encode())
    assert [a.title for a in articles][0] == TITLE
    folder = tmp_path / "feeds"
    folder.mkdir()
    (folder / "courier.xml").write_bytes(RSS.encode())
    (folder / "notes.csv").write_text("a,b\n1,2\n")
    found, skipped = expand_inputs([str(folder)])
    assert [Path(f).name for f in found] == ["courier.xml"]
    assert [s.code for s in skipped] == ["S006"]
    assert not any(a.title and a.title.startswith("<?xml") for a in articles)


def test_follow_links_briefs_each_items_page(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import storyline.ingest.feeds as feeds
    from tests.conftest import make_article

    def page(url: str, **_: object) -> Article:
        if url.endswith("ferry"):
            raise StorylineError(Errors.S011, path=url, reason="refused")
        return make_article("page", ["The whole page of the report, longer than its teaser."],
                            url=url, source=url)  # fmt: skip

    monkeypatch.setattr(feeds, "read_url", page)
    path = tmp_path / "courier.rss"
    path.write_bytes(RSS.encode())
    settings = INGEST.model_copy(update={"follow_links": True})
    result = read_inputs([str(path)], settings=settings)
    flood, ferry = result.articles
    assert flood.text.startswith("The whole page") and flood.title == TITLE
    assert flood.published == date(2024, 5, 14) and flood.authors == ["Jo Ray"]
    assert ferry.text.startswith("Ferries to Port Kessel")  # its page failed: its own text
    assert [s.code for s in result.skipped] == ["S011"]


def test_a_broken_or_empty_feed_is_skipped_with_its_code(tmp_path: Path) -> None:
    _, skipped = read(tmp_path, "empty.rss", b'<?xml version="1.0"?><rss><channel></channel></rss>')
    assert [s.code for s in skipped] == ["S061"]


# ---------------------------------------------------------------- PDF


def make_pdf(pages: list[list[str]], title: str | None = None, author: str | None = None) -> bytes:
    """A PDF of text lines, a page each list (Helvetica, one line under the other)."""

    def text(s: str) -> bytes:
        return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")

    n = len(pages)
    objects: dict[int, bytes] = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % (4 + 2 * i) for i in range(n))
        + b"] /Count %d >>" % n,
        3: b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    }  # fmt: skip
    for i, lines in enumerate(pages):
        body = b"BT /F1 10 Tf 13 TL 60 760 Td " + b" ".join(b"(" + text(x) + b") Tj T*"
                                                             for x in lines) + b" ET"  # fmt: skip
        objects[5 + 2 * i] = b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream"
        objects[4 + 2 * i] = (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                              b"/Resources << /Font << /F1 3 0 R >> >> /Contents %d 0 R >>"
                              % (5 + 2 * i))  # fmt: skip
    info = 4 + 2 * n
    fields = b""
    if title:
        fields += b"/Title (" + text(title) + b") "
    if author:
        fields += b"/Author (" + text(author) + b") "
    objects[info] = b"<< " + fields + b">>"
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = out.tell()
        out.write(b"%d 0 obj\n" % number + objects[number] + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (info + 1))
    for number in range(1, info + 1):
        out.write(b"%010d 00000 n \n" % offsets[number])
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n"
              % (info + 1, info, xref))  # fmt: skip
    return out.getvalue()


def wrap(paragraph: str, width: int = 80) -> list[str]:
    lines, line = [], ""
    for word in paragraph.split():
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    return [*lines, line]


def test_a_pdf_report_reads_as_paragraphs_without_its_page_furniture(tmp_path: Path) -> None:
    header = "Aln Valley Flood Situation Report No. 4"
    # paragraphs spaced apart, as word processors set them (their last lines run nearly
    # the full width here: spacing, not length, ends them)
    body = [line for p in FLOOD for line in [*wrap(p), ""]]
    pages = [[header, *body[:6], "Page 1 of 2"], [header, *body[6:], "Page 2 of 2"]]
    data = make_pdf(pages, title=TITLE, author="Relief Desk; Mara Olsen")
    articles, skipped = read(tmp_path, "sitrep.pdf", data)
    assert skipped == []
    (report,) = articles
    assert report.title == TITLE and report.authors == ["Relief Desk", "Mara Olsen"]
    assert char_f1(report.text, "\n\n".join(FLOOD)) >= 0.95
    assert report.text.count("\n\n") == 2
    reasons = sorted(r.reason for r in report.removed)
    assert reasons == ["page header or footer"] * 2 + ["page number"] * 2
    # the same bytes without a suffix are still a PDF
    again, _ = read(tmp_path, "sitrep", data)
    assert again[0].text == report.text


def test_pdf_lines_rejoin_a_word_hyphenated_at_the_break_and_keep_headings_apart() -> None:
    lines = [
        "Needs",
        "Families in the lower town need clean water and dry bedding after the flood-",
        "ed streets drained; the council has opened two centres for them to collect it.",
        "Next steps",
        "Engineers will inspect the mill race on Friday.",
    ]
    units, removed = pdf_units(["\n".join(lines)])
    assert removed == []
    assert [u.text for u in units] == [
        "Needs",
        "Families in the lower town need clean water and dry bedding after the flooded "
        "streets drained; the council has opened two centres for them to collect it.",
        "Next steps",
        "Engineers will inspect the mill race on Friday.",
    ]


def test_a_scanned_pdf_without_text_says_so() -> None:
    with pytest.raises(StorylineError) as failed:
        read_pdf(make_pdf([[]]), id="scan", source="scan.pdf")
    assert failed.value.code is Errors.S059
    with pytest.raises(StorylineError) as broken:
        read_pdf(b"%PDF-1.4\nnot really", id="bad", source="bad.pdf")
    assert broken.value.code is Errors.S060


# ---------------------------------------------------------------- DOCX


def test_a_word_report_gives_its_title_author_and_paragraphs(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.core_properties.author = "Mara Olsen"
    document.add_paragraph(TITLE, style="Title")
    for p in FLOOD:
        document.add_paragraph(p)
    out = io.BytesIO()
    document.save(out)
    articles, skipped = read(tmp_path, "update.docx", out.getvalue())
    assert skipped == []
    (report,) = articles
    assert report.title == TITLE and report.authors == ["Mara Olsen"]
    assert char_f1(report.text, "\n\n".join(FLOOD)) >= 0.95
    assert report.published is None  # a document's creation date is not the report's
    with pytest.raises(StorylineError) as failed:
        read_docx(b"PK\x03\x04 no zip", id="x", source="x.docx")
    assert failed.value.code is Errors.S060


# ---------------------------------------------------------------- e-mail


def make_message(subject: str, paragraphs: list[str], day: int = 14) -> EmailMessage:
    message = EmailMessage()
    message["From"] = "Kessel Courier Desk <desk@courier.example.org>"
    message["To"] = "analyst@example.org"
    message["Subject"] = subject
    message["Date"] = f"Tue, {day} May 2024 07:30:00 +0000"
    message.set_content("\n\n".join(paragraphs))
    message.add_alternative("<html><body>" + "".join(f"<p>{p}</p>" for p in paragraphs)
                            + "</body></html>", subtype="html")  # fmt: skip
    return message


def test_an_email_is_its_subject_date_sender_and_body_never_its_headers(tmp_path: Path) -> None:
    articles, skipped = read(tmp_path, "alert.eml", bytes(make_message(TITLE, FLOOD)))
    assert skipped == []
    (mail,) = articles
    assert mail.title == TITLE and mail.published == date(2024, 5, 14)
    assert mail.outlet == "Kessel Courier Desk"
    assert "From:" not in mail.text and "desk@courier" not in mail.text
    assert char_f1(mail.text, "\n\n".join(FLOOD)) >= 0.95
    # saved as .txt, it is still a message
    again, _ = read(tmp_path, "alert.txt", bytes(make_message(TITLE, FLOOD)))
    assert again[0].title == TITLE


def test_a_mailbox_gives_each_message(tmp_path: Path) -> None:
    path = tmp_path / "inbox.mbox"
    box = mailbox.mbox(str(path))
    box.add(make_message(TITLE, FLOOD))
    box.add(
        make_message(
            "Ferries resume",
            [
                "From Wednesday, ferries to Port Kessel run to "
                "the usual timetable, the company said."
            ],
            day=15,
        )
    )
    box.flush()
    box.close()
    result = read_inputs([str(path)], settings=INGEST)
    assert [a.title for a in result.articles] == [TITLE, "Ferries resume"]
    assert result.articles[1].text.startswith("From Wednesday, ferries")  # not a From_ line
    assert [a.id for a in result.articles] == ["inbox-1", "inbox-2"]


# ---------------------------------------------------------------- WARC


def make_warc(gzip: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gzip)
    page = ("<html><head><title>" + TITLE + "</title></head><body><article><h1>" + TITLE
            + "</h1>" + "".join(f"<p>{p}</p>" for p in FLOOD)
            + "</article></body></html>").encode()  # fmt: skip
    for uri, kind, body in (
        ("https://courier.example.org/flood", "text/html; charset=utf-8", page),
        ("https://courier.example.org/logo.png", "image/png", b"\x89PNG not really"),
    ):
        headers = StatusAndHeaders("200 OK", [("Content-Type", kind)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(uri, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))  # fmt: skip
    request = io.BytesIO(b"GET /flood HTTP/1.1\r\n\r\n")
    writer.write_record(writer.create_warc_record("https://courier.example.org/flood", "request",
                                                  payload=request))  # fmt: skip
    return out.getvalue()


@pytest.mark.parametrize("gzip", [False, True], ids=["plain", "gzip"])
def test_a_web_archive_gives_its_html_pages_with_their_urls(tmp_path: Path, gzip: bool) -> None:
    name = "crawl.warc.gz" if gzip else "crawl.warc"
    articles, skipped = read(tmp_path, name, make_warc(gzip))
    (page,) = articles
    assert page.url == "https://courier.example.org/flood" and page.title == TITLE
    assert char_f1(page.text, "\n\n".join(FLOOD)) >= 0.95
    assert [s.code for s in skipped] == ["S062"] and "image/png" in skipped[0].message


# ---------------------------------------------------------------- bylines, sniffing


def test_a_byline_gives_the_authors_and_agencies_are_no_authors(tmp_path: Path) -> None:
    text = f"{TITLE}\n\nBy Jo Ray and Sam Lee\n\n" + "\n\n".join(FLOOD) + "\n"
    articles, _ = read(tmp_path, "flood.txt", text.encode())
    assert articles[0].authors == ["Jo Ray", "Sam Lee"]
    assert "By Jo Ray" not in articles[0].text
    assert byline_names("By Jo Ray, Reuters") == ["Jo Ray"]
    assert byline_names("jo@example.org (Jo Ray)") == ["Jo Ray"]


def test_content_tells_the_kind_and_prose_is_never_mistaken_for_mail() -> None:
    assert by_content(b"%PDF-1.7\n") == "pdf"
    assert by_content(b"WARC/1.1\r\n") == "warc"
    assert by_content(RSS.encode()) == "feed" and by_content(ATOM.encode()) == "feed"
    assert by_content(b"From: a@b.org\nSubject: x\n\nbody") == "eml"
    assert by_content(b"From Damascus: the talks resumed on Monday.\n\nMore.") is None
    assert by_content(b"Subject: talks\nThe talks resumed on Monday.") is None
    assert by_content(b"<!DOCTYPE html><html><body>x</body></html>") == "html"
