"""The places stage: place names found in the reports, resolved to GeoNames places.

`locate_places(parsed)` recognises toponyms in every article
(`places.recognise`), resolves each name once for the whole cluster
(`places.resolve`) against the offline gazetteer (`places.gazetteer`), and
returns `places` (with every mention cited) and `unresolved` (with the reason).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from storyline.model import Feature, ParsedArticle, Place, PlaceMention, UnresolvedPlace
from storyline.places.gazetteer import Entry, Gazetteer, country_translations, default_gazetteer
from storyline.places.names import name_key
from storyline.places.rank import Ranker
from storyline.places.recognise import Candidate, describe, recognise, unread_names
from storyline.places.resolve import Context, Reading, dateline_place, group_key, resolve
from storyline.settings import PlacesSettings
from storyline.text import MONTHS, WEEKDAYS

__all__ = [
    "Demonym",
    "Located",
    "Placed",
    "demonyms",
    "find_places",
    "gazetteer_for",
    "locate_places",
]

# "Syrian" -> "SY": which country a demonym names, for the stages that read group phrases
Demonym = Callable[[str], "str | None"]


@dataclass(frozen=True)
class Located:
    places: list[Place]
    unresolved: list[UnresolvedPlace]
    readings: list[tuple[Candidate, Reading]]


@dataclass(frozen=True)
class Placed:
    """What the places stage produces."""

    places: list[Place]
    unresolved: list[UnresolvedPlace]
    demonyms: Demonym  # from the same gazetteer the places were resolved against


def find_places(parsed: list[ParsedArticle], *, settings: PlacesSettings) -> Placed:
    """The places stage: the cluster's places, resolved against the bundled gazetteer with
    the files of `settings.gazetteers` laid over it."""
    from storyline.languages import analysed

    gazetteer = gazetteer_for(settings.gazetteers)
    located = locate_places(parsed, gazetteer)
    # a name the gazetteer does not know is listed only when an English report uses it: the
    # French model calls many an organisation or a quarter a place ("ministère russe de la
    # Défense"), and a list of them would tell the reader nothing
    english = {p.article.id for p in parsed if analysed(p.article)}
    unresolved = [u for u in located.unresolved if any(m.article in english for m in u.mentions)]
    return Placed(located.places, unresolved, demonyms(gazetteer))


def demonyms(gazetteer: Gazetteer) -> Demonym:
    """ "Syrian" → "SY" from the gazetteer's demonyms (countries only)."""

    def country(word: str) -> str | None:
        entry = gazetteer.demonym(word)
        code = entry.country_code if entry is not None else None
        return code if code and not code.startswith("@") else None

    return country


def gazetteer_for(files: Sequence[str | Path] = ()) -> Gazetteer:
    """The bundled gazetteer with the user's GeoNames dump files laid over it."""
    return default_gazetteer(tuple(Path(f) for f in files))


def locate_places(
    parsed: list[ParsedArticle],
    gazetteer: Gazetteer | None = None,
    given: dict[str, list[tuple[int, int]]] | None = None,
    ranker: Ranker | None = None,
    seen: list[tuple[list[Candidate], list[Entry], Context]] | None = None,
) -> Located:
    """Places named in the cluster. With `given` ({article: [(start, end)]}) the names
    are those spans, not recognised: the benchmark resolves gold names this way.
    `ranker` and `seen` are passed to `resolve` (the ranker's training and benchmark
    set them)."""
    from storyline.languages import language_of

    gazetteer = gazetteer or default_gazetteer()
    candidates: list[Candidate] = []
    unread = {p.article.id for p in parsed if _unread(p)}
    for p in parsed:
        if given is not None:
            candidates.extend(_given(p, given.get(p.article.id, []), gazetteer))
        elif p.article.id in unread:
            candidates.extend(unread_names(p, gazetteer))
        elif p.pipeline is not None:  # a report read in its own language: "Syrie" is Syria
            english = country_translations(language_of(p.article))
            candidates.extend(
                replace(c, lookup=english.get(name_key(c.lookup), c.lookup))
                for c in recognise(p, gazetteer)
            )
        else:
            candidates.extend(recognise(p, gazetteer))
    anchors = [a for p in parsed if (a := _dateline_anchor(p, gazetteer)) is not None]
    readings = resolve(candidates, gazetteer, ranker, seen, anchors)
    pairs = _sure(((c, readings[group_key(c)]) for c in candidates), unread)
    places, unresolved = _collect(pairs, gazetteer)
    return Located(places, unresolved, pairs)


def _unread(parsed: ParsedArticle) -> bool:
    """A report no pipeline read (a language without one): its names are looked up as the
    gazetteer spells them (`recognise.unread_names`)."""
    from storyline.languages import analysed

    article = parsed.article
    return parsed.pipeline is None and article.not_report is None and not analysed(article)


def _sure(
    pairs: Iterable[tuple[Candidate, Reading]], unread: set[str]
) -> list[tuple[Candidate, Reading]]:
    """The readings to keep: all of read reports'; of unread ones, only those of a place a
    read report names too. Many Arabic spellings in GeoNames are also words ("المدينة" is
    Medina and "the city", "عمان" Amman and Oman), and nothing in an unread report tells
    them apart: a place an English or French report names is the one meant."""
    pairs = list(pairs)
    if not unread:
        return pairs
    named = {r.entry.geonames_id for c, r in pairs if c.article not in unread and r.entry}
    return [
        (c, r) for c, r in pairs
        if c.article not in unread or (r.entry is not None and r.entry.geonames_id in named)
    ]  # fmt: skip


_DATELINE_REGION = re.compile(r",\s*([A-Z][A-Za-z.]+(?:\s+[A-Z][A-Za-z.]+){0,2})")


def _dateline_anchor(parsed: ParsedArticle, gazetteer: Gazetteer) -> Entry | None:
    """Where a report's dateline says it was filed: context for its names, not a place of
    the briefing (the dateline is metadata, outside the text a place must cite)."""
    dateline = parsed.article.dateline
    if dateline is None:
        return None
    after = dateline.text[len(dateline.place) :] if dateline.text.startswith(dateline.place) else ""
    found = _DATELINE_REGION.match(after)
    region = found[1] if found and found[1].lower().rstrip(".")[:3] not in _DATE_WORDS else None
    return dateline_place(dateline.place, region, gazetteer)


_DATE_WORDS = {w[:3] for w in (*MONTHS, *WEEKDAYS)}  # "BEIRUT, May 3": no region


def _given(
    parsed: ParsedArticle, spans: list[tuple[int, int]], gazetteer: Gazetteer
) -> list[Candidate]:
    """Candidates for spans known to name places: a demonym when the gazetteer has
    no place of that name ("Turkish"), else the name with the cues around it."""
    found = []
    text = parsed.article.text
    for start, end in spans:
        name = text[start:end]
        if gazetteer.demonym(name) and not any(
            e.feature in ("country", "admin1", "region") or e.population >= 100_000
            for e in gazetteer.lookup(name)
        ):  # "Canadian" is the country's adjective before it is a village in Texas
            found.append(Candidate(parsed.article.id, start, end, name, name, None,
                                   strong=True, demonym=True))  # fmt: skip
        elif candidate := describe(parsed.article.id, text, start, end, True, gazetteer):
            found.append(candidate)
    return found


def _collect(
    pairs: list[tuple[Candidate, Reading]], gazetteer: Gazetteer
) -> tuple[list[Place], list[UnresolvedPlace]]:
    found: dict[tuple[object, ...], list[tuple[Candidate, Reading]]] = defaultdict(list)
    missing: dict[str, list[Candidate]] = defaultdict(list)
    reasons: dict[str, str] = {}
    for candidate, reading in pairs:
        if _people(candidate, gazetteer):
            continue  # "Canadians": people; their country counts for the story, not as a place
        if reading.entry is None:
            if candidate.strong:
                key = name_key(candidate.text.removeprefix("the "))
                missing[key].append(candidate)
                reasons[key] = _reason(candidate, reading)
            continue
        if candidate.part or reading.within is not None:
            name = candidate.lookup if reading.within is not None else candidate.text
            found[("part", name_key(name))].append((candidate, reading))
        else:
            found[("place", reading.entry.geonames_id)].append((candidate, reading))
    places = [_place(group, gazetteer) for group in found.values()]
    places.sort(key=lambda p: (-len(p.mentions), p.mentions[0].article, p.mentions[0].start))
    unresolved = [
        UnresolvedPlace(
            name=_common([c.text.removeprefix("the ") for c in group]),
            mentions=[_mention(c) for c in group],
            reason=reasons[key],
        )
        for key, group in missing.items()
    ]
    unresolved.sort(key=lambda u: (-len(u.mentions), u.mentions[0].article, u.mentions[0].start))
    return places, unresolved


def _place(group: list[tuple[Candidate, Reading]], gazetteer: Gazetteer) -> Place:
    candidate, reading = group[0]
    entry = reading.entry
    assert entry is not None
    part = candidate.part or reading.within is not None
    names = [c.lookup if not c.part else c.text for c, _ in group if not c.demonym]
    name = _common([n.removeprefix("the ") for n in names]) if names else entry.name
    feature: Feature = entry.feature
    note = None
    within = None
    if part:
        feature = next((c.hint for c, _ in group if c.hint and c.hint not in ("admin1", "admin2")),
                       "neighbourhood")  # fmt: skip
        container = next((c.container for c, _ in group if c.container), None)
        within = container or entry.name
        note = (
            f"{name} is not in the gazetteer; it is placed at {entry.name}, "
            f"the most specific place the gazetteer has that it lies in"
        )
    admin1 = entry.name if entry.feature == "admin1" else None
    return Place(
        name=name,
        lat=entry.lat,
        lon=entry.lon,
        feature=feature,
        country_code=entry.country_code,
        admin1=admin1 or gazetteer.admin1_name(entry.country_code, entry.admin1),
        geonames_id=entry.geonames_id if entry.geonames_id > 0 else None,  # not GeoNames'
        gazetteer_name=entry.name,
        within=within,
        mentions=[_mention(c) for c, _ in group],
        confidence=min(1.0, max(r.confidence for _, r in group) * (0.7 if part else 1.0)),
        note=note,
    )


def _people(candidate: Candidate, gazetteer: Gazetteer) -> bool:
    """A plural demonym ("Mexicans", not "Swiss"): the people of a country, not a place."""
    text = candidate.text
    return (
        candidate.demonym
        and text.endswith("s")
        and not text.endswith("ss")
        and gazetteer.demonym(text[:-1]) is not None
    )


def _reason(candidate: Candidate, reading: Reading) -> str:
    reason = reading.reason or "not in the gazetteer"
    if candidate.hint in ("landmark", "neighbourhood"):
        kind = "a landmark" if candidate.hint == "landmark" else "a neighbourhood"
        return f"{kind}; '{candidate.lookup}': {reason}"
    return f"'{candidate.lookup}': {reason}"


def _mention(candidate: Candidate) -> PlaceMention:
    return PlaceMention(
        article=candidate.article, start=candidate.start, end=candidate.end, text=candidate.text
    )


def _common(names: list[str]) -> str:
    counts = Counter(names)
    return max(counts, key=lambda n: (counts[n], -names.index(n)))
