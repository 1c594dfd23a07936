"""A stream's stories as JSON (the `Stories` model dumped), Markdown or plain text: one
entry a story, with its reports, outlets and, when briefed, its summary."""

from __future__ import annotations

from storyline.model import Stories, Story


def render_stories(result: Stories, fmt: str) -> str:
    if fmt == "json":
        return result.model_dump_json(indent=2) + "\n"
    md = fmt == "md"
    lines = ["# Stories" if md else "STORIES", ""]
    briefed = sum(1 for s in result.stories if s.briefing is not None)
    reports = sum(len(s.articles) for s in result.stories)
    lines += [f"{len(result.stories)} stories from {reports} reports; {briefed} briefed.", ""]
    for story in result.stories:
        lines += _entry(story, md)
    return "\n".join(lines).rstrip() + "\n"


def _span(story: Story) -> str:
    """ "2024-03-12 – 2024-03-14", one date when both are the same, "" when undated."""
    return " – ".join(dict.fromkeys(str(d) for d in (story.first_seen, story.last_seen) if d))


def _entry(story: Story, md: bool) -> list[str]:
    when = _span(story)
    facts = [f"{len(story.articles)} reports", f"{story.independent_sources} independent"]
    if story.outlets:
        facts.append(", ".join(story.outlets))
    if when:
        facts.append(when)
    head = f"## {story.id}: {story.headline}" if md else f"{story.id}  {story.headline}"
    lines = [head, ("" if md else "    ") + " · ".join(facts)]
    if story.briefing is not None:
        for sentence in story.briefing.summary[:3]:
            lines.append(("- " if md else "    - ") + sentence.text)
    elif story.error:
        lines.append(("" if md else "    ") + f"not briefed: {story.error}")
    return [*lines, ""]


def stories_index_html(result: Stories, links: dict[str, str]) -> str:
    """A self-contained index page: every story with its reports and outlets, linking to
    its own report page (`links`: story id -> relative file name) when it was briefed."""
    from storyline.render.html import esc

    rows = []
    for story in result.stories:
        title = esc(story.headline)
        if story.id in links:
            title = f'<a href="{esc(links[story.id])}">{title}</a>'
        when = _span(story)
        lead = ""
        if story.briefing is not None and story.briefing.summary:
            lead = f"<p>{esc(story.briefing.summary[0].text)}</p>"
        elif story.error:
            lead = f'<p class="error">not briefed: {esc(story.error)}</p>'
        rows.append(
            f'<li id="{esc(story.id)}"><h2>{title}</h2><p class="facts">'
            f"{len(story.articles)} reports · {story.independent_sources} independent"
            f"{' · ' + esc(', '.join(story.outlets)) if story.outlets else ''}"
            f"{' · ' + esc(when) if when else ''}</p>{lead}</li>"
        )
    reports = sum(len(s.articles) for s in result.stories)
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        "<title>Stories</title><style>"
        "body{font:16px/1.5 system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem}"
        "ol{padding:0;list-style:none}li{border-top:1px solid #ddd;padding:.6rem 0}"
        "h2{font-size:1.1rem;margin:0}.facts{color:#555;margin:.2rem 0}.error{color:#a00}"
        "</style></head><body>"
        f"<h1>Stories</h1><p>{len(result.stories)} stories from {reports} reports.</p>"
        f"<ol>{''.join(rows)}</ol></body></html>\n"
    )
