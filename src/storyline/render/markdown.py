"""Markdown briefing: headline, cited summary, numbered sources, skipped inputs."""

from __future__ import annotations

from storyline.model import Briefing
from storyline.render.common import article_line, markers, removed_note, source_numbers


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
    lines += ["", "## Sources", ""]
    for article in briefing.articles:
        title, details = article_line(article)
        lines.append(f"{numbers[article.id]}. **{_escape(title)}** — {_escape(details)}")
        note = removed_note(article)
        if note:
            lines.append(f"   *{note}*")
    if briefing.skipped:
        lines += ["", "## Skipped inputs", ""]
        for skip in briefing.skipped:
            lines.append(f"- `{skip.location()}`: {skip.code} {_escape(skip.message)}")
    return "\n".join(lines) + "\n"
