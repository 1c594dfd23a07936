"""Markdown briefing: headline, cited summary, numbered sources, skipped inputs."""

from __future__ import annotations

from storyline.model import Briefing
from storyline.render.common import (
    TIMELINE_BASIS,
    TIMELINE_LEGEND,
    article_line,
    entry_date,
    inferred_note,
    markers,
    removed_note,
    source_numbers,
)


def _escape(text: str) -> str:
    """Keep article text from being read as Markdown markup."""
    for ch in "\\`*_[]<>#|":
        text = text.replace(ch, "\\" + ch)
    return text


def to_markdown(briefing: Briefing) -> str:
    numbers = source_numbers(briefing)
    lines = [f"# {_escape(briefing.headline.text) if briefing.headline else 'Briefing'}", ""]
    n = len(briefing.articles)
    lines += [f"*Briefing of {n} report{'s' if n != 1 else ''}.*", "", "## Summary", ""]
    if briefing.summary:
        for item in briefing.summary:
            lines.append(f"- {_escape(item.text)} {markers(item, numbers)}")
    else:
        lines.append("*No sentence qualified for the summary.*")
    lines += timeline_markdown(briefing, numbers)
    lines += ["", "## Sources", ""]
    for article in briefing.articles:
        title, details = article_line(article)
        lines.append(f"{numbers[article.id]}. **{_escape(title)}** — {_escape(details)}")
        for note in (inferred_note(article), removed_note(article)):
            if note:
                lines.append(f"   *{_escape(note)}*")
    if briefing.skipped:
        lines += ["", "## Skipped inputs", ""]
        for skip in briefing.skipped:
            lines.append(f"- `{skip.location()}`: {skip.code} {_escape(skip.message)}")
    return "\n".join(lines) + "\n"


def timeline_markdown(briefing: Briefing, numbers: dict[str, int]) -> list[str]:
    """The timeline and date-warning sections (empty when there is nothing to show)."""
    lines: list[str] = []
    if briefing.timeline:
        lines += ["", "## Timeline", ""]
        for entry in briefing.timeline:
            lines.append(
                f"- **{entry_date(entry)}**{TIMELINE_BASIS[entry.basis]} — "
                f"{_escape(entry.text)} {markers(entry, numbers)}"
            )
        if any(e.basis == "inferred" for e in briefing.timeline):
            lines += ["", f"*{TIMELINE_LEGEND}*"]
    if briefing.date_issues:
        lines += ["", "## Date warnings", ""]
        for issue in briefing.date_issues:
            lines.append(
                f"- [{numbers.get(issue.article, '?')}] “{_escape(issue.text)}”: "
                f"{_escape(issue.note)}"
            )
    return lines
