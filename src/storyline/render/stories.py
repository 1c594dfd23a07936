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


def _entry(story: Story, md: bool) -> list[str]:
    when = " – ".join(dict.fromkeys(str(d) for d in (story.first_seen, story.last_seen) if d))
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
