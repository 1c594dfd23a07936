"""The events as ACLED-style CSV, as GeoJSON, and as lines for the text and Markdown briefings.

The CSV uses ACLED's column names, in ACLED's order, and its codes (`events.codebook`):
`event_id_cnty` the ISO alpha-3 code and the event's number; `time_precision` 1 (day),
2 (week), 3 (month or longer); `inter1`/`inter2` the actor type codes (1 state forces,
2 rebel groups, 3 political militias, 4 identity militias, 5 rioters, 6 protesters, 7
civilians, 8 external/other forces, 0 none); `interaction` the two codes, lower first;
`iso` the ISO 3166 numeric code. Columns ACLED fills from its own sources and that no
report gives (region, admin2, admin3, source_scale, tags, timestamp) are left empty.
As in ACLED, `fatalities` is 0 when the reports give no figure; the JSON keeps that as
null, and lower bounds as `fatalities_bound`. storyline's own columns follow: its
event id, the citations (`article:start-end`) and the classifier's confidence.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from storyline.events import codebook
from storyline.model import Briefing, Entity, Event
from storyline.places.gazetteer import country_codes, country_names

COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
    "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
    "notes", "fatalities", "tags", "timestamp",
    # storyline's own, after ACLED's
    "event_id", "citations", "confidence",
)  # fmt: skip
INTER = codebook.INTER
TIME_PRECISION = {"day": 1, "week": 2, "month": 3, "year": 3}


def countries(briefing: Briefing) -> dict[str, str]:
    names = {k: v for k, v in country_names().items() if k}
    names.update(
        {
            p.country_code: p.name
            for p in briefing.places
            if p.feature == "country" and p.country_code
        }
    )
    return names


def _source(briefing: Briefing, event: Event) -> str:
    by_id = {a.id: a for a in briefing.articles}
    names = [by_id[a].outlet or by_id[a].title or a for a in event.sources if a in by_id]
    return "; ".join(dict.fromkeys(names))


def acled_row(briefing: Briefing, event: Event, countries: dict[str, str]) -> dict[str, Any]:
    """One event as an ACLED row (ACLED's columns, then storyline's own)."""
    place = event.place
    code = place.country_code if place else None
    iso3, numeric = country_codes().get(code or "", ("", 0))
    number = event.id.removeprefix("EV")
    return {
        "event_id_cnty": f"{iso3 or 'XXX'}{number}",
        "event_date": event.date or "",
        "year": (event.date or "")[:4],
        "time_precision": TIME_PRECISION.get(event.date_precision or "", ""),
        "disorder_type": event.disorder_type,
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1 or "",
        "assoc_actor_1": event.assoc_actor_1 or "",
        "inter1": event.inter1,
        "actor2": event.actor2 or "",
        "assoc_actor_2": event.assoc_actor_2 or "",
        "inter2": event.inter2,
        "interaction": event.interaction,
        "civilian_targeting": "Civilian targeting" if event.civilian_targeting else "",
        "iso": numeric or "",
        "region": "",
        "country": countries.get(code or "", code or ""),
        "admin1": (place.admin1 or "") if place else "",
        "admin2": "",
        "admin3": "",
        "location": place.name if place else "",
        "latitude": place.lat if place else "",
        "longitude": place.lon if place else "",
        "geo_precision": event.geo_precision or "",
        "source": _source(briefing, event),
        "source_scale": "",
        "notes": event.notes,
        "fatalities": event.fatalities or 0,
        "tags": "",
        "timestamp": "",
        "event_id": event.id,
        "citations": " ".join(f"{c.article}:{c.start}-{c.end}" for c in event.citations),
        "confidence": event.confidence,
    }


def to_csv(briefing: Briefing) -> str:
    """The events as CSV with ACLED's column names, one row per event."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    names = countries(briefing)
    for event in briefing.events:
        writer.writerow(acled_row(briefing, event, names))
    return out.getvalue()


def to_geojson(briefing: Briefing) -> str:
    """The events that have a place as Point Features (RFC 7946, `[lon, lat]`)."""
    names = countries(briefing)
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [e.place.lon, e.place.lat]},
            "properties": {
                **acled_row(briefing, e, names),
                "fatalities": e.fatalities,
                "fatalities_bound": e.fatalities_bound,
                "injuries": e.injuries,
                "civilian_fatalities": e.civilian_fatalities,
                "background": e.background,
                "citations": [c.model_dump() for c in e.citations],
            },
        }
        for e in briefing.events
        if e.place is not None
    ]
    collection = {"type": "FeatureCollection", "features": features}
    return json.dumps(collection, indent=2, ensure_ascii=False) + "\n"


def toll(event: Event) -> str:
    """ "28 killed (11 civilians), 15 wounded"; "at least 1 killed"; "" when none is given."""
    parts = []
    if event.fatalities is not None:
        bound = "at least " if event.fatalities_bound == "at_least" else ""
        civilians = (
            f" ({event.civilian_fatalities} civilians)"
            if event.civilian_fatalities and event.civilian_fatalities != event.fatalities
            else ""
        )
        parts.append(f"{bound}{event.fatalities} killed{civilians}")
    if event.injuries is not None:
        parts.append(f"{event.injuries} wounded")
    return ", ".join(parts)


def actors(briefing: Briefing) -> list[Entity]:
    """The entities that are parties to events (those with an ACLED actor type)."""
    return [e for e in briefing.entities if e.actor_type]


def also_known_as(entity: Entity, shown: int = 4) -> str:
    """ " (also: regime, regime forces, …)", or "" when it has no other names."""
    return f" (also: {', '.join(entity.aliases[:shown])})" if entity.aliases else ""


def sides_text(event: Event) -> str:
    """ "Regime forces v Civilians"; "unnamed v Civilians" when only the victims are named."""
    if event.actor2:
        return f"{event.actor1 or 'unnamed'} v {event.actor2}"
    return event.actor1 or "actors not named"


def event_when(event: Event, unknown: str = "date unknown") -> str:
    """ "2021-07-27"; "2021-07-26 (week)"; "2021-07-26 (report date)" for a week that is
    only the days before the report."""
    when = event.date or unknown
    if event.date_precision == "week" and event.date_basis == "article":
        return f"{when} (report date)"
    if event.date_precision == "week":
        return f"{when} (week)"
    return when


def event_line(event: Event, numbers: dict[str, int]) -> str:
    """One line: date, type, actors, place, toll, sources."""
    when = event_when(event)
    sides = sides_text(event)
    where = event.place.name if event.place else "place unknown"
    cited = ", ".join(f"[{numbers[a]}]" for a in event.sources if a in numbers)
    details = "; ".join(x for x in (toll(event), "background" if event.background else "") if x)
    tail = f" · {details}" if details else ""
    return f"{when} · {event.sub_event_type} · {sides} · {where}{tail} {cited}"
