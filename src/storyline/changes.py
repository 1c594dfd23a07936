"""What a briefing adds to an earlier one of the same store: new reports, events, claims,
changed figures.

Records are matched by the sentences they cite, `(article, start, end)`, which stay put
because a stored article's text never changes. Matching by citation rather than by
date, type and place keeps an event that a later report re-dates or re-types matched (it
shows as changed, not as one event gone and another new), and never matches two
incidents that merely share a town and a day.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from storyline.model import Briefing, Changes, Citation, Claim, Discrepancy, Event, FigureChange

Key = tuple[str, int, int]


def _keys(citations: Iterable[Citation]) -> set[Key]:
    return {(c.article, c.start, c.end) for c in citations}


def _event_line(event: Event) -> str:
    where = event.place.name if event.place else "place unknown"
    return f"{event.date or 'date unknown'} · {event.sub_event_type} · {where}"


def _discrepancy_key(d: Discrepancy) -> tuple[str, str, frozenset[Key]]:
    return d.topic, d.kind, frozenset(_keys(v.citation for v in d.values))


def changes(before: Briefing, after: Briefing, since: int, since_created: str) -> Changes:
    """What `after` holds that `before` did not."""
    known = {a.id for a in before.articles}
    new_articles = [a.id for a in after.articles if a.id not in known]

    old_events: dict[Key, Event] = {}
    for event in before.events:
        for key in _keys(event.citations):
            old_events.setdefault(key, event)
    new_events: list[Event] = []
    changed: list[FigureChange] = []
    for event in after.events:
        matches = [old_events[k] for k in _keys(event.citations) if k in old_events]
        if not matches:
            new_events.append(event)
            continue
        old = matches[0]
        figures: tuple[tuple[Literal["fatalities", "injuries"], int | None, int | None], ...] = (
            ("fatalities", old.fatalities, event.fatalities),
            ("injuries", old.injuries, event.injuries),
        )
        for what, was, now in figures:
            if was != now:
                changed.append(
                    FigureChange(
                        event=event.id,
                        what=what,
                        before=was,
                        after=now,
                        line=_event_line(event),
                        citations=event.citations,
                    )
                )

    old_claims: dict[Key, Claim] = {}
    for claim in before.claims:
        for key in _keys(claim.citations):
            old_claims.setdefault(key, claim)
    new_claims: list[Claim] = []
    corroborated: list[Claim] = []
    for claim in after.claims:
        earlier = [old_claims[k] for k in _keys(claim.citations) if k in old_claims]
        if not earlier:
            new_claims.append(claim)
        elif claim.status == "corroborated" and all(m.status != "corroborated" for m in earlier):
            corroborated.append(claim)

    seen = {_discrepancy_key(d) for d in before.discrepancies}
    new_discrepancies = [d for d in after.discrepancies if _discrepancy_key(d) not in seen]
    return Changes(
        since=since,
        since_created=since_created,
        new_articles=new_articles,
        new_events=new_events,
        changed_figures=changed,
        new_claims=new_claims,
        now_corroborated=corroborated,
        new_discrepancies=new_discrepancies,
    )
