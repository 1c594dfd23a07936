"""A cluster whose text, titles, outlets and URLs carry script: every payload, if it ever ran,
would set `window.__pwned`. Fictional reports written for the tests."""

from __future__ import annotations

from storyline.ingest.readers import read_record
from storyline.model import Article

PAYLOADS = (
    "<script>window.__pwned = 'script'</script>",
    "<img src=x onerror=\"window.__pwned = 'img'\">",
    "<svg onload=\"window.__pwned = 'svg'\"></svg>",
    '"><script>window.__pwned = "attr"</script>',
    "</script><script>window.__pwned = 'json'</script>",
)
JS_URL = "javascript:window.__pwned='href'"


def hostile_articles() -> list[Article]:
    base = (
        "Police fired tear gas at protesters in Tarija on Monday, the ombudsman said. {p}\n\n"
        "Two people were killed and 14 were injured when police cleared a road blockade in "
        "Tarija on Monday. {p}\n\n"
        "The regional government said on Tuesday it would reverse the water rationing. {p}"
    )
    records = [
        {
            "id": f"hostile-{n}",
            "title": f"Clashes in Tarija {payload}",
            "outlet": f"Outlet {n} {payload}",
            "url": JS_URL if n % 2 else f"https://example.org/{n}?q=<script>",
            "published": "2024-03-12",
            "text": base.format(p=payload),
        }
        for n, payload in enumerate(PAYLOADS)
    ]
    return [
        read_record(r, default_id=str(r["id"]), source="hostile.jsonl", line=n)
        for n, r in enumerate(records, 1)
    ]
