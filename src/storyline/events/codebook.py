"""ACLED's codebook, enforced: every event the pipeline emits is one an ACLED coder could
have written, or it is not emitted and the reason is kept.

The rules (ACLED Codebook, 2023: actors, event types, interaction codes):

- Every event has an actor1. An unknown perpetrator of political violence is
  "Unidentified armed group (<country>)" (a political militia, inter 3); a protest's
  actor1 is "Protesters (<country>)", a riot's "Rioters (<country>)".
- Battles are fought between two organised armed sides (state forces, rebel groups,
  militias, external forces). Civilians are never a side: residents who fight back are
  an armed group of their own ("Unidentified armed group (<country>)").
- Civilians are only ever the target: actor2 of Violence against civilians (always), of
  Explosions/Remote violence (which is then `civilian_targeting`), of mob violence
  ("Rioters v Civilians") or of a strategic development (the people arrested, the shops
  looted); never of a battle or a protest. Civilians are never actor1.
- Arrests are made, and seized weapons taken, by the state: where the reports do not
  name who did it, actor1 is "Police Forces of <country>" (a note says it was inferred).
- Protesters and rioters are actor1 of their own events (a riot's actor1 is always
  rioters; the force that met them is actor2); protesters are actor2 only of
  "Excessive force against protesters". Residents who protest are protesters.
- Strategic developments and protests without force carry no fatalities: a figure told
  beside them is context, kept in the notes.
- inter1/inter2 are the actor types' codes (1 state forces, 2 rebel groups, 3 political
  militias, 4 identity militias, 5 rioters, 6 protesters, 7 civilians, 8 external/other
  forces, 0 none); `interaction` is the two codes, lower first (17), or the one code
  times ten (10) with no actor2.
- disorder_type: Battles, Explosions/Remote violence, Violence against civilians and Mob
  violence are "Political violence"; protests and violent demonstrations are
  "Demonstrations"; excessive force against protesters is both; Strategic developments
  are their own.

`violations(event)` lists the rules an event breaks; `enforce(event)` repairs what the
codebook itself decides (the unidentified perpetrator, the civilian who fought, the
figure beside a development) and returns either a valid event or the reason it cannot
be one.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from storyline.model import ActorType, Event

INTER: dict[ActorType, int] = {
    "state forces": 1, "rebel group": 2, "political militia": 3, "identity militia": 4,
    "rioters": 5, "protesters": 6, "civilians": 7, "external/other forces": 8,
}  # fmt: skip
ARMED: set[ActorType] = {
    "state forces", "rebel group", "political militia", "identity militia",
    "external/other forces",
}  # fmt: skip
# developments only the state carries out, and what a note calls them
STATE_ACTS = {"Arrests": "arrests", "Disrupted weapons use": "seizure"}
VIOLENCE = {"Battles", "Explosions/Remote violence", "Violence against civilians"}
NO_FATALITIES = {"Peaceful protest", "Protest with intervention"}
UNIDENTIFIED = "Unidentified armed group"
# what kills without a side: ACLED codes no event for a natural disaster or an accident
HAZARD = re.compile(
    r"\b(?:floods?|flooding|flooded|floodwaters?|flash floods?|storms?|cyclones?|hurricanes?|"
    r"typhoons?|tornado(?:es)?|earthquakes?|quakes?|tremors?|landslides?|mudslides?|"
    r"avalanches?|volcan\w*|erupt\w*|tsunamis?|droughts?|heat ?waves?|wildfires?|"
    r"bushfires?|forest fires?|lightning|torrential|heavy rains?|"
    r"accident\w*|crash\w*|collision\w*|collided|derail\w*|capsiz\w*|drown\w*|"
    r"stampede\w*|gas (?:explosion|leak|cylinder)s?|caught fire|fire broke out|"
    r"(?:building|bridge|mine|dam) collapse\w*|collapsed)\b",
    re.IGNORECASE,
)


def inter(actor_type: ActorType | None) -> int:
    return INTER.get(actor_type, 0) if actor_type else 0


def interaction(inter1: int, inter2: int) -> int:
    """ACLED's interaction code: both codes, lower first (17); one code times ten (10)."""
    low, high = sorted((inter1, inter2))
    return high * 10 if low == 0 else low * 10 + high


def disorder_type(event_type: str, sub_event_type: str) -> str:
    if event_type == "Strategic developments":
        return "Strategic developments"
    if sub_event_type == "Excessive force against protesters":
        return "Political violence; Demonstrations"
    if event_type == "Protests" or sub_event_type == "Violent demonstration":
        return "Demonstrations"
    return "Political violence"


def civilian_targeting(event: Event) -> bool:
    return event.actor2_type == "civilians" and event.event_type in (
        "Violence against civilians",
        "Explosions/Remote violence",
    )


def violations(event: Event) -> list[str]:
    """The codebook rules the event breaks (empty: a valid ACLED record)."""
    found = []
    kind, sub = event.event_type, event.sub_event_type
    if not event.actor1:
        found.append("no actor1")
    if event.actor1_type == "civilians":
        found.append("civilians as actor1: civilians are only ever the target")
    if kind == "Battles":
        sides = [event.actor1_type, event.actor2_type]
        if not event.actor2:
            found.append("a battle with one side")
        elif any(t not in ARMED for t in sides):
            found.append("a battle needs two organised armed sides")
        elif event.actor1 == event.actor2 and UNIDENTIFIED not in (event.actor1 or ""):
            found.append("a battle of one actor against itself")
    if kind == "Violence against civilians" and event.actor2_type != "civilians":
        found.append("violence against civilians without civilians as actor2")
    if event.actor2_type == "civilians" and kind in ("Battles", "Protests"):
        found.append(f"civilians as actor2 of {kind}")
    if event.actor1_type in ("protesters", "rioters") and kind not in ("Protests", "Riots"):
        found.append(f"{event.actor1_type} as actor1 of {kind}")
    if kind == "Riots" and event.actor1_type != "rioters":
        found.append("a riot whose actor1 is not rioters")
    if (
        kind == "Protests"
        and sub != "Excessive force against protesters"
        and event.actor1_type != "protesters"
    ):
        found.append("a protest whose actor1 is not protesters")
    if event.actor2_type == "protesters" and sub != "Excessive force against protesters":
        found.append("protesters as actor2 outside excessive force against protesters")
    if event.fatalities and (kind == "Strategic developments" or sub in NO_FATALITIES):
        found.append(f"fatalities on {sub}")
    if event.civilian_targeting != civilian_targeting(event):
        found.append("civilian_targeting does not follow actor2")
    codes = (inter(event.actor1_type), inter(event.actor2_type))
    if (event.inter1, event.inter2) != codes:
        found.append("inter codes do not follow the actor types")
    if event.interaction != interaction(*codes):
        found.append("interaction does not follow the inter codes")
    if event.disorder_type != disorder_type(kind, sub):
        found.append("disorder_type does not follow the event type")
    return found


def disaster(event: Event, text: str) -> bool:
    """Whether the event's sentences tell a natural disaster or an accident and name no
    side that did it: not political violence, not an ACLED event ("Flooding killed 12";
    "a bus crashed"; but "militants set fire to the market" names its side)."""
    return event.actor1 is None and bool(HAZARD.search(text))


def enforce(
    event: Event, country: Callable[[str | None], str | None], text: str = ""
) -> tuple[Event | None, str | None]:
    """The event made valid by the codebook's own rules, or (None, why) when it cannot be.
    `country` names a country code ("SY" -> "Syria"); `text` is its sentences."""
    if event.event_type != "Protests" and disaster(event, text):
        return None, "a natural disaster or an accident with no side named: not an ACLED event"
    where = country(event.place.country_code if event.place else None)
    unknown = f"{UNIDENTIFIED} ({where})" if where else UNIDENTIFIED
    update: dict[str, object] = {}
    notes: list[str] = []
    kind, sub = event.event_type, event.sub_event_type
    actor1, type1 = event.actor1, event.actor1_type
    actor2, type2 = event.actor2, event.actor2_type
    if kind == "Battles":
        # residents who fight are an armed group, not civilians
        if type1 in ("civilians", "protesters", "rioters"):
            notes.append(f"{actor1} fought: coded as an armed group, not {type1}.")
            actor1, type1 = unknown, "political militia"
        if type2 in ("civilians", "protesters", "rioters"):
            notes.append(f"{actor2} fought: coded as an armed group, not {type2}.")
            actor2, type2 = unknown, "political militia"
        if actor1 is None:
            actor1, type1 = unknown, "political militia"
        if actor2 is None:
            actor2, type2 = unknown, "political militia"
    elif kind in ("Violence against civilians", "Explosions/Remote violence"):
        if type1 == "civilians":
            if type2 is None or type2 == "civilians":
                actor1, type1 = None, None  # the victims named as the doers: the doer unknown
            else:
                return None, f"civilians as the perpetrator of {sub}"
        if actor1 is None:
            actor1, type1 = unknown, "political militia"
        if kind == "Violence against civilians" and type2 != "civilians":
            if type2 is not None:
                return None, f"{sub} against {actor2} ({type2}), who are not civilians"
            actor2 = f"Civilians ({where})" if where else "Civilians"
            type2 = "civilians"
    elif kind == "Protests":
        if type1 == "civilians" and sub != "Excessive force against protesters":
            # residents who protest are protesters, as residents who fight are an armed group
            actor1, type1 = (f"Protesters ({where})" if where else "Protesters"), "protesters"
        if sub == "Protest with intervention" and type1 in ARMED:
            # "police dispersed the march": the protesters are actor1, the force actor2
            crowd = (actor2, type2) if type2 == "protesters" else (None, None)
            actor2, type2 = actor1, type1
            actor1, type1 = crowd
        if sub == "Excessive force against protesters" and type2 in ("civilians", None):
            # "residents protesting" whom the force was used against are the protesters
            actor2, type2 = (f"Protesters ({where})" if where else "Protesters"), "protesters"
        if type1 != "protesters" and sub != "Excessive force against protesters":
            if actor1 is not None and type1 is not None:
                return None, f"a protest whose actor is {actor1} ({type1})"
            actor1, type1 = (f"Protesters ({where})" if where else "Protesters"), "protesters"
        if sub == "Excessive force against protesters" and actor1 is None:
            return None, "excessive force without the force that used it"
    elif kind == "Riots":
        rioters: tuple[str, ActorType] = (
            f"Rioters ({where})" if where else "Rioters",
            "rioters",
        )
        if type1 == "protesters":
            actor1, type1 = rioters  # demonstrators who turn violent are rioters
        elif type1 != "rioters":
            if actor1 is not None and actor2 is None:
                # "police clashed with demonstrators": the police are the other side
                actor2, type2 = actor1, type1
            elif actor1 is not None:
                return None, f"a riot whose actors are {actor1} and {actor2}"
            actor1, type1 = rioters
    elif kind == "Strategic developments" and actor1 is None:
        if sub not in STATE_ACTS:
            return None, f"{sub} with no actor the reports name"
        of = re.sub(r"^The ", "the ", where or "")
        actor1, type1 = (f"Police Forces of {of}" if of else "Police Forces"), "state forces"
        notes.append(f"Who made the {STATE_ACTS[sub]} is not named: coded as the police.")
    if actor1 is None:
        return None, f"{sub} with no actor1"
    update.update(actor1=actor1, actor1_type=type1, actor2=actor2, actor2_type=type2)
    if event.fatalities and (kind == "Strategic developments" or sub in NO_FATALITIES):
        notes.append(
            f"A figure of {event.fatalities} killed is told beside it: context, not this "
            "event's fatalities."
        )
        update.update(fatalities=None, fatalities_bound="exact", civilian_fatalities=None)
    fixed = event.model_copy(update=update)
    codes = (inter(fixed.actor1_type), inter(fixed.actor2_type))
    fixed = fixed.model_copy(
        update={
            "inter1": codes[0],
            "inter2": codes[1],
            "interaction": interaction(*codes),
            "disorder_type": disorder_type(kind, sub),
            "civilian_targeting": civilian_targeting(fixed),
            "notes": " ".join([fixed.notes, *notes]) if notes else fixed.notes,
        }
    )
    broken = violations(fixed)
    if broken:
        return None, "; ".join(broken)
    return fixed, None
