"""Pages that are not reports are told by their shape, set aside with their reason and read
for nothing; reports, even short ones about the web, are kept."""

from __future__ import annotations

import pytest

from storyline.ingest.pages import not_a_report
from storyline.ingest.readers import read_text

NOTICE = (
    "Kessel Web Vault has saved copies of public pages since 2004. Each crawl adds the pages "
    "it finds to the archive, and the collections can be browsed online by anyone with an "
    "account. Sign up to get an email when a new crawl is published."
)
PROMPT = ("Add a place to your posts\n\nYou can share your location with each post from the "
          "app or the website. Turn it off in your privacy settings at any time.")  # fmt: skip
TEASERS = "\n\n".join([
    "Five quiet beaches near Port Kessel",
    "Where to eat oysters this weekend",
    "The ferry timetable explained",
    "Ten photos of the harbour at dawn",
    "Best walks along the river Aln",
    "Our guide to the summer market",
    "Watch: the lighthouse at night",
])  # fmt: skip


@pytest.mark.parametrize("text", [NOTICE, PROMPT], ids=["archive notice", "app prompt"])
def test_a_notice_about_the_site_is_no_report(text: str) -> None:
    assert "notice" in (not_a_report(None, text) or "")


def test_a_list_of_headlines_is_no_report() -> None:
    assert "list of headlines" in (not_a_report(None, TEASERS) or "")


@pytest.mark.parametrize(
    "text",
    [
        # about the web, but a report: someone said something, on a day
        "Kessel Web Vault said on Tuesday it would stop archiving pages from the council's "
        "website after a request from its data protection officer.",
        "The app's new privacy settings drew 2,000 complaints, the regulator told reporters.",
        # short reports of any kind
        "Floods closed the harbour road at Port Kessel.",
        "Ferries resumed.",
        # a report with headings, most paragraphs prose
        "Flood update\n\nThe river fell overnight and the road reopened at noon.\n\nWhat next"
        "\n\nEngineers will inspect the mill race on Friday, the council said.",
    ],
)
def test_reports_are_kept_even_short_or_about_the_web(text: str) -> None:
    assert not_a_report(None, text) is None


def test_a_page_set_aside_at_ingest_keeps_its_reason() -> None:
    article = read_text(f"Kessel Web Vault\n\n{NOTICE}\n".encode(), id="vault", source="v.txt")
    assert article.not_report and "notice" in article.not_report
    assert article.text.startswith("Kessel Web Vault has saved")  # kept whole, for the reader


@pytest.mark.slow
def test_a_briefing_reads_nothing_from_a_page_set_aside_and_says_so() -> None:
    from storyline.api import build_briefing
    from storyline.render import render
    from tests.conftest import make_article

    report = make_article("flood", ["The river Aln flooded Port Kessel on Monday, the council "
                                    "said, and 300 homes were evacuated."])  # fmt: skip
    page = make_article("vault", [NOTICE], not_report=not_a_report(None, NOTICE))
    briefing = build_briefing([report, page])
    cited = {c.article for s in briefing.summary for c in s.citations}
    cited |= {m.article for p in briefing.places for m in p.mentions}
    cited |= {t.article for t in briefing.time_expressions}
    assert cited == {"flood"}
    assert "set aside, nothing read from it: a notice" in render(briefing, "md")


def test_a_page_that_is_no_report_is_a_story_alone() -> None:
    from datetime import date

    from storyline.stories import group_articles
    from tests.conftest import make_article

    day = date(2024, 5, 6)
    notices = [make_article(f"n{k}", [NOTICE], not_report="a notice", published=day)
               for k in range(3)]  # fmt: skip
    groups = group_articles(notices)
    assert sorted(g.members for g in groups) == [["n0"], ["n1"], ["n2"]]


REPORT = (
    "Floods close the harbour road\n\n"
    "The river Aln burst its banks at Port Kessel on Monday night and closed the harbour road "
    "for six hours, the county council said on Tuesday.\n\n"
    "About 300 homes in the lower town were evacuated as a precaution, and 40 people spent the "
    "night in the school hall, a council spokeswoman told reporters. Engineers will inspect "
    "the mill race on Friday before the road is opened to lorries again."
)
THREAD_LINES = [
    "24 Comments",
    "harbourwatcher",
    "3 hours ago",
    "The council was warned about that mill race years ago and did nothing at all.",
    "Reply · Like · 12",
    "Jane Pell says:",
    "2 hours ago",
    "My cousin in the lower town says the water came up faster than anyone expected.",
    "Reply · 4 Likes",
    "@aln_paddler",
    "45 minutes ago",
    "Stay safe everyone.",
    "Reply",
    "Load more comments",
]


def test_a_thread_of_comments_is_no_report() -> None:
    page = "Readers on the flood\n\n" + "\n\n".join(THREAD_LINES[1:])
    article = read_text(page.encode(), id="thread", source="t.txt")
    assert article.not_report and "comments" in article.not_report
    assert "Stay safe everyone." in article.text  # kept whole, for the reader


def test_comments_under_a_report_are_cut_off_and_the_report_kept() -> None:
    page = REPORT + "\n\n" + "\n\n".join(THREAD_LINES)
    article = read_text(page.encode(), id="r", source="r.txt")
    assert article.not_report is None
    assert article.text.endswith("lorries again.")
    removed = {r.text: r.reason for r in article.removed}
    assert set(THREAD_LINES) <= set(removed)  # every line of the thread, each with its reason
    assert removed["Stay safe everyone."] == "readers' comments after the report"


@pytest.mark.parametrize(
    "tail",
    [
        # a report that quotes letters ("... wrote:") and gives a table of figures
        [
            "The mayor wrote:",
            "We will rebuild the road.",
            "The engineer wrote:",
            "The race must be cleared first.",
            "Homes evacuated",
            "120",
            "95",
            "85",
            "Total 300",
        ],
        # time words in prose, a "Like" that is a word of a sentence
        [
            "Two hours ago the water was still rising, a resident said.",
            "Like many here, she left.",
            "A week ago the council said the defences would hold.",
        ],
    ],
    ids=["quotes and a table", "time words in prose"],
)
def test_a_report_is_not_taken_for_comments(tail: list[str]) -> None:
    article = read_text(("\n\n".join([REPORT, *tail])).encode(), id="r", source="r.txt")
    assert article.not_report is None
    assert not any("comments" in r.reason for r in article.removed)
    assert tail[1] in article.text
