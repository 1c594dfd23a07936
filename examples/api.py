"""The Python API on the example cluster: brief it, then check every citation."""

from pathlib import Path

import storyline

here = Path(__file__).parent
briefing = storyline.brief([here / "tarija-water"], words=80)
texts = {article.id: article.text for article in briefing.articles}

headline = briefing.headline.text if briefing.headline else "-"
print(f"{len(briefing.articles)} articles; headline: {headline}")
for item in briefing.summary:
    sources = sorted({c.article for c in item.citations})
    # The first citation holds the sentence word for word; the others hold copies of it
    # that other outlets ran (wire text, sometimes lightly edited).
    first = item.citations[0]
    assert texts[first.article][first.start : first.end] == item.text, "citation drifted"
    print(f"- {item.text}\n  cited by: {', '.join(sources)}")
