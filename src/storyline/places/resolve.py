"""Which gazetteer place each recognised name means.

A name is resolved once for the whole cluster (one sense per story): "Karak"
means the same place in every report. A name's candidates are those of its kind
("X province": regions only; "Dublin, Ohio": the Dublins in Ohio), ranked by the
learned ranker (`places.rank`) on
- how big they are (population; a country or region when the name is one),
- how much of the story is in their country and first-level region (country
  names, demonyms, and names with one reading vote for both),
- how near they lie to the places already resolved,
- whether the name is the place's own or only an alternate spelling,
- whether the words around say another kind ("the village of X").
Two passes: the first places the clear names, the second uses them as context.
A name whose every candidate lies outside the story's area, or is not the
kind the text says, is left unresolved with the reason; so is a part of a
place that cannot be placed inside its container.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
from scipy.spatial import cKDTree

from storyline.places.gazetteer import (
    Entry,
    Gazetteer,
    abbreviation_key,
    distance_km,
    neighbours,
)
from storyline.places.names import ARABIC_SCRIPT, name_key
from storyline.places.rank import ADMIN as _ADMIN
from storyline.places.rank import TOWN as _TOWN
from storyline.places.rank import Ranker, default_ranker, features
from storyline.places.recognise import Candidate

PART_RADIUS_KM = 30.0  # a neighbourhood or landmark lies this near the place it is in
NEAR_KM = 250.0  # scale of "near the other places of the story"
ANCHOR_WEIGHT = 2.0  # a dateline's place votes as two mentions of a place do
FAR_KM = 300.0  # a village or landmark this far from every other place is another one


@dataclass(frozen=True)
class Reading:
    """What one name in the cluster was resolved to (or why not)."""

    entry: Entry | None
    confidence: float
    within: Entry | None = None  # for a part placed at its container
    reason: str | None = None  # why unresolved


@dataclass
class Context:
    """Where the story is: shares of evidence per country and region, and points."""

    countries: dict[str, float]
    regions: dict[tuple[str, str], float]
    points: list[tuple[float, float]]

    @cached_property
    def _country_total(self) -> float:
        return sum(self.countries.values())

    @cached_property
    def _region_total(self) -> float:
        return sum(self.regions.values())

    @cached_property
    def _points(self) -> tuple[np.ndarray, cKDTree] | None:
        """The points as unit vectors in a k-d tree: the nearest by straight-line (chord)
        distance are the nearest along the globe, found without measuring every pair."""
        if not self.points:
            return None
        lat = np.radians([p[0] for p in self.points])
        lon = np.radians([p[1] for p in self.points])
        xyz = np.column_stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)])
        return xyz, cKDTree(xyz)

    def country_share(self, code: str | None) -> float:
        total = self._country_total
        return self.countries.get(code, 0.0) / total if code and total else 0.0

    def neighbour_share(self, code: str | None) -> float:
        """The story's share in the countries bordering this one: Gaza beside Israel is the
        Palestinian Gaza, not Mozambique's province."""
        if not code or not self._country_total:
            return 0.0
        near = neighbours().get(code, frozenset())
        return min(1.0, sum(self.countries.get(n, 0.0) for n in near) / self._country_total)

    def region_share(self, key: tuple[str, str] | None) -> float:
        total = self._region_total
        return self.regions.get(key, 0.0) / total if key and total else 0.0

    own: dict[tuple[str, str], tuple[dict[str, float], dict[tuple[str, str], float]]] = field(
        default_factory=dict
    )

    def without(self, key: tuple[str, str]) -> Context:
        """The context less a name's own votes: "Karak" must not vote for its own readings."""
        if key not in self.own:
            return self
        countries, regions = dict(self.countries), dict(self.regions)
        own_countries, own_regions = self.own[key]
        for code, weight in own_countries.items():
            countries[code] -= weight
        for region, weight in own_regions.items():
            regions[region] -= weight
        less = Context(countries, regions, self.points)
        less.__dict__["_points"] = self._points  # the same points: share their k-d tree
        return less

    def nearest_km(self, entry: Entry) -> float | None:
        """Distance to the nearest other place of the story (more than half a kilometre
        away), None when there is none. The k-d tree proposes the nearest few points;
        their distances are measured as every distance is (`distance_km`)."""
        found = self._points
        if found is None:
            return None
        _, tree = found
        lat, lon = math.radians(entry.lat), math.radians(entry.lon)
        here = (math.cos(lat) * math.cos(lon), math.cos(lat) * math.sin(lon), math.sin(lat))
        k = 4
        while True:
            k = min(k, len(self.points))
            _, rows = tree.query(here, k=k)
            near = [self.points[r] for r in np.atleast_1d(rows).tolist()]
            distances = [distance_km(entry.lat, entry.lon, a, b) for a, b in near]
            others = [d for d in distances if d > 0.5]
            if others or k == len(self.points):
                return min(others) if others else None
            k *= 4  # every near point is this very place: look further

    def nearness(self, entry: Entry) -> float:
        nearest = self.nearest_km(entry)
        return 0.0 if nearest is None else math.exp(-nearest / NEAR_KM)


def dateline_place(place: str, region: str | None, gazetteer: Gazetteer) -> Entry | None:
    """The place a dateline names ("SPRINGFIELD, Ill.", "BEIRUT"): inside its region when
    it gives one, else the biggest of that name (a dateline names a known town)."""
    found = gazetteer.lookup(place.title() if place.isupper() else place)
    if region:
        found = _inside(found, gazetteer.lookup(region)) or found
    found = [e for e in found if e.feature in ("country", "admin1", "city", "village")]
    return max(found, key=lambda e: (e.primary, e.population, -e.geonames_id), default=None)


def group_key(candidate: Candidate) -> tuple[str, str]:
    """Mentions that must mean one place: the same name with the same kind of cue."""
    kind: str = candidate.hint if candidate.hint in _ADMIN else ""
    if candidate.demonym:
        kind = "demonym"
    return (name_key(candidate.lookup), kind)


def resolve(
    candidates: list[Candidate],
    gazetteer: Gazetteer,
    ranker: Ranker | None = None,
    seen: list[tuple[list[Candidate], list[Entry], Context]] | None = None,
    anchors: Sequence[Entry] = (),
) -> dict[tuple[str, str], Reading]:
    """A reading for every group of candidates in the cluster, the candidates of each
    name ranked by `ranker` (the shipped one by default). `seen`, when given, receives
    what the last pass ranked each name with (its mentions, places and context): the
    ranker's training examples. `anchors` are places known to be where the story is
    (the reports' datelines): they vote as strongly named places do."""
    ranker = ranker or default_ranker()
    groups: dict[tuple[str, str], list[Candidate]] = defaultdict(list)
    for candidate in candidates:
        groups[group_key(candidate)].append(candidate)
    options = {key: _options(members, gazetteer) for key, members in groups.items()}
    context = _context(groups, options, {}, anchors)
    readings: dict[tuple[str, str], Reading] = {}
    for round_ in range(2):
        if seen is not None and round_ == 1:
            seen.extend((groups[k], options[k], context.without(k)) for k in groups)
        readings = {
            key: _read(groups[key], options[key], context.without(key), ranker) for key in groups
        }
        context = _context(groups, options, readings, anchors)
    for key in list(readings):  # parts: placed inside their container
        readings[key] = _within(groups, key, readings, gazetteer, context, ranker)
    return readings


def _options(members: list[Candidate], gazetteer: Gazetteer) -> list[Entry]:
    first = members[0]
    if first.demonym:
        entry = gazetteer.demonym(first.lookup)
        return [entry] if entry else []
    found = gazetteer.lookup(first.lookup)
    abbreviation = abbreviation_key(first.lookup) is not None
    short = len(name_key(first.lookup).replace(" ", "")) <= 3
    if short and not abbreviation and not ARABIC_SCRIPT.search(first.lookup):
        # "EU", "BC", "Ky.": initials; only a country or region, or a place's own name
        # as written ("Eu" is a French town, "EU" is not); Arabic writes no short vowels
        # ("طفس" is Tafas)
        written = first.lookup.replace(".", "")
        found = [e for e in found if e.feature in ("country", "admin1", "region")
                 or (e.primary and e.name == written)]  # fmt: skip
    for region in {m.within for m in members if m.within}:
        inside = _inside(found, gazetteer.lookup(region))
        if inside:  # "Dublin, Ohio": only the Dublins in Ohio
            found = inside
    hints = {m.hint for m in members if m.hint}
    if hints & set(_ADMIN):
        # "the Centre region of Burkina Faso": the words cue a region, and the name is the
        # country it lies in
        admin = [e for e in found if e.feature in _ADMIN]
        return admin or [e for e in found if e.feature == "country"]
    if hints & {"city", "village"}:
        return [e for e in found if e.feature in _TOWN]
    return found


def _inside(found: list[Entry], regions: list[Entry]) -> list[Entry]:
    """The places among `found` that lie in one of the regions or countries named."""
    areas = [r for r in regions if r.feature in ("country", "admin1")]
    return [
        e for e in found
        if any(e.country_code == a.country_code
               and (a.feature == "country" or e.admin1_key == a.admin1_key) for a in areas)
    ]  # fmt: skip


def _context(
    groups: dict[tuple[str, str], list[Candidate]],
    options: dict[tuple[str, str], list[Entry]],
    readings: dict[tuple[str, str], Reading],
    anchors: Sequence[Entry] = (),
) -> Context:
    """Votes for countries and regions: every mention of a name with one reading, or
    of the reading chosen so far; a name with several readings splits its vote; an
    anchor (a dateline's place) counts as two mentions."""
    countries: dict[str, float] = defaultdict(float)
    regions: dict[tuple[str, str], float] = defaultdict(float)
    for anchor in anchors:
        if anchor.country_code:
            countries[anchor.country_code] += ANCHOR_WEIGHT
        if anchor.admin1_key:
            regions[anchor.admin1_key] += ANCHOR_WEIGHT
    points: list[tuple[float, float]] = []
    own: dict[tuple[str, str], tuple[dict[str, float], dict[tuple[str, str], float]]] = {}
    for key, members in groups.items():
        if not any(m.strong or m.cued for m in members):
            continue  # a guess votes for nothing
        reading = readings.get(key)
        chosen = [reading.entry] if reading and reading.entry else options[key]
        if not chosen:
            continue
        weight = len(members) / len(chosen)
        if len(chosen) > 8:
            continue  # "Springfield": says nothing about where the story is
        own_countries: dict[str, float] = defaultdict(float)
        own_regions: dict[tuple[str, str], float] = defaultdict(float)
        for entry in chosen:
            if entry.country_code:
                countries[entry.country_code] += weight
                own_countries[entry.country_code] += weight
            if entry.admin1_key:
                regions[entry.admin1_key] += weight
                own_regions[entry.admin1_key] += weight
        own[key] = (own_countries, own_regions)
        for entry in chosen:
            if len(chosen) == 1 and entry.feature not in ("country", "region"):
                points.append((entry.lat, entry.lon))
    points += [(a.lat, a.lon) for a in anchors if a.feature in ("city", "village")]
    return Context(countries, regions, points, own)


def _read(
    members: list[Candidate], options: list[Entry], context: Context, ranker: Ranker
) -> Reading:
    strong = any(m.strong for m in members)
    if not options:
        return Reading(None, 0.0, reason="not in the gazetteer")
    p = ranker.probabilities(features(options, members, context))
    order = sorted(range(len(options)), key=lambda i: (-p[i], options[i].geonames_id))
    ranked = [options[i] for i in order]
    best = ranked[0]
    share = context.country_share(best.country_code)
    outside = share < 0.1 and best.feature not in ("country", "region")
    pieces = all(m.inside for m in members)
    own_name = best.primary or best.feature == "country"  # "U.S.", "Britain": the country's
    if not strong and (outside or pieces) and not (_prominent(best, pieces) and own_name):
        # a capitalised word the gazetteer happens to know ("Council", "White" of "White
        # Helmets", "Hamas", an old name of Hamm): a place only if it is a big one under
        # that very name, or in the story's area
        return Reading(None, 0.0, reason="no place of that name in the story's area")
    if (
        best.feature in _ADMIN
        and name_key(best.name) in _GENERIC_REGIONS
        and not {m.hint for m in members} & set(_ADMIN)
    ):
        # "the Centre", "the West": a region of Burkina Faso or Cameroon only when the words
        # around call it a region ("the Centre region")
        why = f"'{best.name}' is a common word; a region of that name ({best.country_code})"
        return Reading(None, 0.0, reason=f"{why} only when the text calls it one")
    small = {m.hint for m in members if not m.part} & {"neighbourhood", "landmark", "village"}
    if outside and (small or (sum(context.countries.values()) >= 3 and best.population < 20_000)):
        where = ", ".join(f"{e.name} ({e.country_code})" for e in ranked[:3])
        return Reading(None, 0.0, reason=f"the gazetteer's places of that name lie outside "
                                         f"the story's area: {where}")  # fmt: skip
    nearest = context.nearest_km(best)
    if small and best.population < 50_000 and nearest is not None and nearest > FAR_KM:
        return Reading(
            None,
            0.0,
            reason=f"the gazetteer's only place of that name that fits, "
            f"{best.name} ({best.country_code}), lies "
            f"{nearest:,.0f} km from the story's other places",
        )
    # the ranker's probability, with credit for a story that is already in that country
    confidence = min(1.0, 0.35 + 0.5 * float(p[order[0]]) + 0.15 * share)
    return Reading(best, round(confidence * (1.0 if strong else 0.85), 2))


# regions whose names are common words of English: as a piece of an organisation's name
# they are that word ("Centre for ...", "Central Bank", "Western Union")
_GENERIC_REGIONS = {
    "centre", "center", "central", "north", "south", "east", "west", "northern", "southern",
    "eastern", "western", "capital", "coast", "lakes", "upper", "lower", "interior",
    "north east", "north west", "south east", "south west", "midlands", "highlands",
}  # fmt: skip


def _prominent(entry: Entry, piece: bool = False) -> bool:
    """A place big enough to be meant wherever its name stands; as a piece of a longer
    name a country, a city or a big region ("the Syria Campaign", "Edmonton Police",
    "California Highway Patrol"), never a region named by a common word ("Centre" of
    "Centre for Disease Control" is a French region, "Central" one in several countries)."""
    if piece:
        return (
            entry.feature == "country"
            or (entry.feature == "city" and entry.population >= 100_000)
            or (entry.feature == "admin1" and entry.population >= 1_000_000
                and name_key(entry.name) not in _GENERIC_REGIONS)
        )  # fmt: skip
    return entry.feature in ("country", "admin1", "region") or entry.population >= 100_000


def _within(
    groups: dict[tuple[str, str], list[Candidate]],
    key: tuple[str, str],
    readings: dict[tuple[str, str], Reading],
    gazetteer: Gazetteer,
    context: Context,
    ranker: Ranker,
) -> Reading:
    """A part ("Karak, a neighborhood in Daraa al-Balad") lies in its container: a reading
    far from the container is wrong, and the container stands in for a missing part."""
    members, reading = groups[key], readings[key]
    container_name = next((m.container for m in members if m.container), None)
    if container_name is None:
        return reading
    container = _container(container_name, groups, readings, gazetteer, context, ranker)
    if container is None:
        return reading
    if reading.entry and distance_km(reading.entry.lat, reading.entry.lon, container.lat,
                                     container.lon) <= PART_RADIUS_KM:  # fmt: skip
        return reading
    return Reading(container, 0.6, within=container)


def _container(
    name: str,
    groups: dict[tuple[str, str], list[Candidate]],
    readings: dict[tuple[str, str], Reading],
    gazetteer: Gazetteer,
    context: Context,
    ranker: Ranker,
) -> Entry | None:
    """The place a container name resolves to, through the cluster's own readings: the
    group it was read in ("Daraa al-Balad", a part of the city Daraa), else a lookup."""
    key = name_key(name)
    for group, members in sorted(groups.items(), key=lambda g: g[0][1] != ""):  # towns first
        reading = readings[group]
        if reading.entry and any(name_key(m.text.removeprefix("the ")) == key for m in members):
            return reading.within or reading.entry
    options = gazetteer.lookup(name)
    if not options:
        return None
    p = ranker.probabilities(features(options, [], context))
    return options[max(range(len(options)), key=lambda i: (p[i], -options[i].geonames_id))]
