"""Pages that are not reports and comment threads: what storyline sets aside or cuts off.

Sets (read, never copied into the project):
    dev      every document of Multi-News validation, Timeline17, CASE 2021 dev and Daraa,
             read as storyline reads them; whatever is set aside or cut there is counted per
             reason (a comment thread found there would be a false one: the sets hold
             reports, notices and lists, and no thread was seen in them).
    written  comment threads written here in four page styles (a "says:" blog thread, a
             Disqus-like thread, a forum's "@handle" thread, a thread with vote counts),
             each alone and under a report of the same fictional story: the thread alone
             must be set aside, the report with its thread must keep the report and lose
             every line of the thread.
Baseline, same run: a keyword rule, "the page says 'reply' and 'comments' or 'ago'".

Run:  .venv/bin/python benchmarks/pages_eval.py
"""

from __future__ import annotations

import csv
import json
import re
from collections import Counter

from _common import MULTINEWS_CSV, SHARED, git_state, load_clusters, table, write_json
from storyline.errors import StorylineError
from storyline.ingest.pages import THREAD
from storyline.ingest.readers import read_record, read_text
from storyline.model import Article

CUT = "readers' comments after the report"
REPORT = (
    "Ferry service resumes at Port Kessel\n\n"
    "The harbour board reopened the ferry route to Aln Island on Thursday after a week of "
    "repairs to the landing stage, the board's chair told reporters at the quay.\n\n"
    "The first crossing carried 140 passengers and two lorries of feed, and the timetable "
    "will return to eight sailings a day from Monday, the board said in a statement."
)
_POSTS = [
    "About time, the island school had no supplies for a week.",
    "Eight sailings is still fewer than before the storm, and nobody has said why.",
    "My brother drives one of those lorries and says the landing stage still shakes.",
    "Good news for the farmers at last.",
]
THREADS = {
    "blog (says:)": [
        "3 Responses",
        *[
            x
            for i, p in enumerate(_POSTS)
            for x in (
                f"{['Mairi', 'Tom Aln', 'kessel_local', 'R. Bell'][i]} says:",
                f"March {3 + i}, 2026 at 4:{10 + i} pm",
                p,
                "Reply",
            )
        ],
    ],
    "disqus-like": [
        "Comments (4)",
        "Sort by Newest",
        *[
            x
            for i, p in enumerate(_POSTS)
            for x in (
                ["islandmum", "ferryfan", "lorryman", "crofter"][i],
                f"{i + 2} hours ago",
                p,
                f"Reply · Like · {i * 3}",
            )
        ],
        "Load more comments",
    ],
    "forum (@handles)": [
        x
        for i, p in enumerate(_POSTS)
        for x in (
            f"@{['aln_isle', 'quay_watch', 'driver22', 'oldcrofter'][i]}",
            f"{i + 1}d ago",
            p,
            "Like | Reply",
        )
    ],
    "votes": [
        "4 comments",
        *[
            x
            for i, p in enumerate(_POSTS)
            for x in (f"{5 - i} points · {i + 1} days ago", p, "Reply · Share · Report")
        ],
    ],
}


def _baseline(text: str) -> bool:
    low = text.lower()
    return "reply" in low and ("comments" in low or " ago" in low)


def _dev_pages() -> dict[str, list[tuple[str, object]]]:
    """(set name) -> [(kind, item)] where kind says how storyline reads the item."""
    sets: dict[str, list[tuple[str, object]]] = {}
    sets["Multi-News validation"] = [
        ("text", d) for c in load_clusters(MULTINEWS_CSV) for d in c.documents
    ]
    t17 = []
    for path in sorted((SHARED / "data" / "timeline17").glob("*/articles.jsonl")):
        with path.open(encoding="utf-8") as handle:
            t17 += [("record", json.loads(line)) for line in handle if line.strip()]
    sets["Timeline17"] = t17
    with (SHARED / "data" / "case2021-task2" / "dev.tsv").open(encoding="utf-8") as handle:
        sets["CASE 2021 dev"] = [("text", r[-1]) for r in csv.reader(handle, delimiter="\t")]
    sets["Daraa"] = [
        ("text", p.read_text(encoding="utf-8"))
        for p in sorted((SHARED / "corpora" / "daraa-2021").glob("*.txt"))
    ]
    return sets


def _read(kind: str, item: object, n: int) -> Article | None:
    try:
        if kind == "record":
            return read_record(item, default_id=f"d{n}", source="dev", line=n)
        return read_text(str(item).encode(), id=f"d{n}", source="dev")
    except StorylineError:
        return None


def main() -> None:
    rows = []
    found: dict[str, dict[str, int]] = {}
    for name, items in _dev_pages().items():
        reasons: Counter[str] = Counter()
        read = baseline = 0
        for n, (kind, item) in enumerate(items):
            article = _read(kind, item, n)
            if article is None:
                continue
            read += 1
            baseline += _baseline(f"{article.title or ''}\n{article.text}")
            if article.not_report:
                reasons[re.sub(r",.*", "", article.not_report)] += 1
            if any(r.reason == CUT for r in article.removed):
                reasons["comments cut off a report"] += 1
        found[name] = dict(reasons)
        rows.append([name, read, reasons[THREAD], reasons["comments cut off a report"],
                     sum(reasons.values()), baseline])  # fmt: skip
    print("Dev sets (a thread or cut here is a false one):")
    print(table(["set", "pages read", "threads set aside", "reports cut", "all set aside or cut",
                 "baseline flags"], rows))  # fmt: skip

    written = []
    for style, lines in THREADS.items():
        page = "\n\n".join(["Readers on the ferry", *lines])
        alone = read_text(page.encode(), id="t", source=style)
        whole = "\n\n".join([REPORT, *lines])
        under = read_text(whole.encode(), id="r", source=style)
        kept = under.not_report is None and under.text.endswith("in a statement.")
        gone = not any(line in under.text for line in lines if len(line) > 12)
        written.append([style, alone.not_report == THREAD, kept and gone,
                        _baseline(page), _baseline(whole)])  # fmt: skip
    print("\nWritten threads (storyline: set aside alone, cut off under a report; the "
          "baseline can only flag the page):")  # fmt: skip
    print(table(["style", "alone: set aside", "under a report: report kept, thread cut",
                 "baseline flags alone", "baseline flags the report"], written))  # fmt: skip
    write_json("pages_eval", {"git": git_state(), "dev": found, "written": written})


if __name__ == "__main__":
    main()
