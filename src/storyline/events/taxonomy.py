"""ACLED's event types and sub-event types, and how the CASE 2021 labels map onto them.

ACLED's codebook (2023) groups 25 sub-event types under six event types. The
CASE 2021 shared task (task 2) labels snippets with 25 "seen" types, one per
ACLED sub-event type, plus five "unseen" ones that ACLED does not code
(crime, disasters, diplomacy, attributions): those map to None, not an event.
"""

from __future__ import annotations

from typing import Literal

EventType = Literal[
    "Battles",
    "Explosions/Remote violence",
    "Violence against civilians",
    "Protests",
    "Riots",
    "Strategic developments",
]

# CASE 2021 label -> (ACLED event type, ACLED sub-event type)
CASE_TO_ACLED: dict[str, tuple[EventType, str]] = {
    "ARMED_CLASH": ("Battles", "Armed clash"),
    "GOV_REGAINS_TERIT": ("Battles", "Government regains territory"),
    "NON_STATE_ACTOR_OVERTAKES_TER": ("Battles", "Non-state actor overtakes territory"),
    "CHEM_WEAP": ("Explosions/Remote violence", "Chemical weapon"),
    "AIR_STRIKE": ("Explosions/Remote violence", "Air/drone strike"),
    "SUIC_BOMB": ("Explosions/Remote violence", "Suicide bomb"),
    "ART_MISS_ATTACK": ("Explosions/Remote violence", "Shelling/artillery/missile attack"),
    "REM_EXPLOS": ("Explosions/Remote violence", "Remote explosive/landmine/IED"),
    "GRENADE": ("Explosions/Remote violence", "Grenade"),
    "SEX_VIOL": ("Violence against civilians", "Sexual violence"),
    "ATTACK": ("Violence against civilians", "Attack"),
    "ABDUCT_DISSAP": ("Violence against civilians", "Abduction/forced disappearance"),
    "PEACE_PROTEST": ("Protests", "Peaceful protest"),
    "PROTEST_WITH_INTER": ("Protests", "Protest with intervention"),
    "FORCE_AGAINST_PROTEST": ("Protests", "Excessive force against protesters"),
    "VIOL_DEMONSTR": ("Riots", "Violent demonstration"),
    "MOB_VIOL": ("Riots", "Mob violence"),
    "AGREEMENT": ("Strategic developments", "Agreement"),
    "ARREST": ("Strategic developments", "Arrests"),
    "CHANGE_TO_GROUP_ACT": ("Strategic developments", "Change to group/activity"),
    "DISR_WEAP": ("Strategic developments", "Disrupted weapons use"),
    "HQ_ESTABLISHED": ("Strategic developments", "Headquarters or base established"),
    "PROPERTY_DISTRUCT": ("Strategic developments", "Looting/property destruction"),
    "NON_VIOL_TERRIT_TRANSFER": ("Strategic developments", "Non-violent transfer of territory"),
    "OTHER": ("Strategic developments", "Other"),
}

# CASE 2021 types outside ACLED's taxonomy: a sentence of these kinds is not coded.
NOT_ACLED = ("ORG_CRIME", "NATURAL_DISASTER", "MAN_MADE_DISASTER", "DIPLO", "ATTRIB")

SUB_EVENT_TYPES: dict[str, EventType] = {sub: kind for kind, sub in CASE_TO_ACLED.values()}
ACLED_TO_CASE: dict[str, str] = {sub: label for label, (_, sub) in CASE_TO_ACLED.items()}
VIOLENT: frozenset[EventType] = frozenset(
    {"Battles", "Explosions/Remote violence", "Violence against civilians", "Riots"}
)


def acled(label: str) -> tuple[EventType, str] | None:
    """The ACLED (event type, sub-event type) of a CASE 2021 label; None for the unseen five."""
    if label in NOT_ACLED:
        return None
    return CASE_TO_ACLED[label]
