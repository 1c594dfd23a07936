"""Plain-text briefing for a terminal, wrapped to a readable width."""

from __future__ import annotations

import textwrap

from storyline.model import Briefing
from storyline.render.common import article_line, markers, removed_note, source_numbers

WIDTH = 88


def to_text(briefing: Briefing) -> str:
    numbers = source_numbers(briefing)
    headline = briefing.headline.text if briefing.headline else "Briefing"
    out = [headline, "=" * min(len(headline), WIDTH), ""]
    out += ["SUMMARY", ""]
    if briefing.summary:
        for item in briefing.summary:
            out += textwrap.wrap(
                f"{item.text} {markers(item, numbers)}",
                WIDTH,
                initial_indent="  * ",
                subsequent_indent="    ",
            )
    else:
        out.append("  (no sentence qualified for the summary)")
    out += ["", "SOURCES", ""]
    for article in briefing.articles:
        title, details = article_line(article)
        number = f"[{numbers[article.id]}] "
        out += textwrap.wrap(
            title, WIDTH, initial_indent="  " + number, subsequent_indent=" " * (2 + len(number))
        )
        out.append(" " * (2 + len(number)) + details)
        note = removed_note(article)
        if note:
            out.append(" " * (2 + len(number)) + note)
    if briefing.skipped:
        out += ["", "SKIPPED", ""]
        for skip in briefing.skipped:
            out += textwrap.wrap(
                f"{skip.location()}: {skip.code} {skip.message}",
                WIDTH,
                initial_indent="  ",
                subsequent_indent="    ",
            )
    return "\n".join(out) + "\n"
