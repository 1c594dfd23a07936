"""The entities stage: people, organisations and groups merged across spellings and references.

- People: the recogniser's PERSON names, merged when their words match once
  particles ("al", "el", "bin") and hyphens are set aside ("Bashar al Assad",
  "Bashar al-Assad", "Bashar Assad"); a lone surname ("Hourani", "Assad") joins
  the one full name that ends with it, whatever label the recogniser gave it, and
  so does the same full name labelled ORG in another report.
- Organisations: ORG names, merged when one is the start or end of exactly one
  longer name ("Amnesty" → "Amnesty International", "Security Council" →
  "United Nations Security Council").
- Groups (`nlp.actors`): "Syrian regime forces", "regime troops", "Assad
  regime", "Bashar al Assad's forces" are one actor, the state forces of the
  country the story is about, because their words name the regime, its army
  or its leader (a person named with "regime" or "government" anywhere in the
  cluster). Forces with another country's demonym ("Russian forces") are
  external forces; "-backed"/"allied" forces and militias are political
  militias; rebels, insurgents, opposition fighters and armed groups are one
  rebel group; residents, civilians and the like are civilians; protesters and
  rioters likewise. Names with words of their own ("the regime's Fourth
  Division") stay separate entities of the same actor type.

Spans inside a resolved place name are never entities ("Daraa al-Balad", which
the small model calls a person).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache

from storyline.model import (
    ActorType,
    Entity,
    EntityMention,
    EntityType,
    Mention,
    ParsedArticle,
    Place,
)
from storyline.nlp.actors import (
    CIVILIAN_HEADS,
    MILITIA_HEADS,
    PROTESTER_HEADS,
    REBEL_HEADS,
    RIOTER_HEADS,
    STATE_HEADS,
)
from storyline.places import Demonym
from storyline.places.gazetteer import country_names
from storyline.places.names import names_where
from storyline.text import Spans

__all__ = ["EntityIndex", "find_entities"]

_PARTICLES = {"al", "el", "ad", "as", "ash", "at", "az", "an", "bin", "ibn", "the"}
_THE = re.compile(r"^the\s+", re.I)
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
_GENERIC_HEADS = (
    STATE_HEADS | REBEL_HEADS | MILITIA_HEADS | CIVILIAN_HEADS | PROTESTER_HEADS | RIOTER_HEADS
)
_STATE_WORDS = {"regime", "government", "army", "military", "police", "state", "governmental",
                # French (`nlp.french_predicates`): "forces du régime", "forces armées"
                "régime", "gouvernement", "gouvernementales", "gouvernementaux", "armée",
                "armées", "sécurité", "l'ordre", "militaires", "loyalistes"}  # fmt: skip
_ARMED_WORDS = {"armed", "rebel", "rebels", "opposition", "insurgent", "militant", "jihadist",
                "extremist", "terrorist", "guerrilla",
                "rebelle", "rebelles", "insurgés", "djihadistes", "jihadistes", "armé", "armés",
                "terroristes"}  # fmt: skip
_BACKED = re.compile(r"\b(?:[\w-]+-)?(?:backed|allied|affiliated|aligned)\b", re.I)
_GROUP_NAMES: dict[ActorType, str] = {
    "civilians": "Civilians",
    "protesters": "Protesters",
    "rioters": "Rioters",
}
_ARMED_HEADS = {"rebel", "fighter", "gunman", "militant", "insurgent", "group", "force",
                "jihadist", "militia", "troop", "army", "soldier"}  # fmt: skip


@dataclass
class _Cluster:
    type: EntityType
    actor_type: ActorType | None
    country: str | None
    mentions: list[Mention] = field(default_factory=list)


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in _WORD.findall(text)]


def _name_key(text: str) -> tuple[str, ...]:
    words = [w.removesuffix("'s") for w in _words(text.replace("-", " "))]
    return tuple(w for w in words if w not in _PARTICLES)


def find_entities(
    parsed: list[ParsedArticle], places: list[Place], demonyms: Demonym | None = None
) -> list[Entity]:
    """Entities of the cluster, most mentioned first. `demonyms` maps "Syrian" to "SY"."""
    demonym = demonyms or (lambda word: None)
    place_spans = {
        (m.article, m.start, m.end) for p in places for m in p.mentions if names_where(p, m.text)
    }
    by_article: dict[str, Spans[None]] = defaultdict(Spans)
    for article, start, end in sorted(place_spans):
        by_article[article].add(start, end, None)

    def in_place(m: Mention) -> bool:
        """Mostly a place name: "Daraa al-Balad" (PERSON), not "Syrian regime forces"."""
        spans = by_article.get(m.article)
        covered = spans.covered(m.start, m.end) if spans is not None else 0
        return 2 * covered >= m.end - m.start

    # the outlets themselves and the platforms news is posted on are no party to it
    outlets = {_name_key(p.article.outlet) for p in parsed if p.article.outlet}
    named = [
        m
        for p in parsed
        for m in p.mentions
        if m.label in ("PERSON", "ORG", "NORP") and not in_place(m) and _name_key(m.text)
        and _name_key(m.text) not in outlets and _name_key(m.text) not in _PLATFORMS
    ]  # fmt: skip
    people = _people([m for m in named if m.label == "PERSON"], named)
    used = {(m.article, m.start) for c in people for m in c.mentions}
    orgs = _organisations(
        [m for m in named if m.label == "ORG" and (m.article, m.start) not in used]
    )
    leaders = _leaders(parsed, people)
    country = story_country(places)
    countries: dict[str | None, str] = dict(country_names())
    countries.update({p.country_code: p.name for p in places if p.feature == "country"})
    groups = _groups(
        [g for p in parsed for g in p.groups if g.label == "state" or not in_place(g)],
        leaders,
        country,
        demonym,
    )
    clusters = people + orgs + groups
    clusters.sort(key=lambda c: (-len(c.mentions), _first(c)))
    return [_entity(n, c, countries) for n, c in enumerate(clusters, 1)]


def _first(cluster: _Cluster) -> tuple[str, int]:
    m = min(cluster.mentions, key=lambda m: (m.article, m.start))
    return m.article, m.start


def _people(persons: list[Mention], named: list[Mention]) -> list[_Cluster]:
    full: dict[tuple[str, ...], _Cluster] = {}
    for m in persons:
        key = _name_key(m.text)
        if len(key) > 1:
            full.setdefault(key, _Cluster("person", None, None)).mentions.append(m)
    # "Bashar al Assad" and "Bashar Assad" share every word once particles go
    merged: dict[tuple[str, ...], _Cluster] = {}
    first_of: dict[frozenset[str], tuple[str, ...]] = {}  # the words -> the first key with them
    for key, cluster in full.items():
        same = first_of.setdefault(frozenset(key), key)
        if same == key:
            merged[key] = cluster
        else:
            merged[same].mentions.extend(cluster.mentions)
    # a full name some reports' recogniser calls a person and another's an organisation
    # ("Marta Quispe" as ORG) is that person: two words are a person's name once any
    # report says so
    for m in named:
        key = _name_key(m.text)
        if m.label == "ORG" and len(key) > 1 and frozenset(key) in first_of:
            merged[first_of[frozenset(key)]].mentions.append(m)
    surnames: dict[str, list[tuple[str, ...]]] = defaultdict(list)
    for key in merged:
        surnames[key[-1]].append(key)
    lone: dict[str, _Cluster] = {}
    for m in named:
        key = _name_key(m.text)
        if len(key) != 1:
            continue
        owners = surnames.get(key[0], [])
        if len(owners) == 1:
            merged[owners[0]].mentions.append(m)  # "Hourani", whatever the recogniser said
        elif m.label == "PERSON" and not owners:
            lone.setdefault(key[0], _Cluster("person", None, None)).mentions.append(m)
    return list(merged.values()) + list(lone.values())


def _organisations(orgs: list[Mention]) -> list[_Cluster]:
    clusters: dict[tuple[str, ...], _Cluster] = {}
    for m in orgs:
        clusters.setdefault(
            _name_key(m.text), _Cluster("organisation", None, None)
        ).mentions.append(m)
    # the longer keys that begin or end with each shorter run of words
    extends: dict[tuple[str, ...], set[tuple[str, ...]]] = defaultdict(set)
    for k in clusters:
        for n in range(1, len(k)):
            extends[k[:n]].add(k)
            extends[k[-n:]].add(k)
    for short in sorted(clusters, key=len):
        longer = sorted(extends.get(short, ()))
        if len(longer) == 1 and short in clusters:
            clusters[longer[0]].mentions.extend(clusters.pop(short).mentions)
    return list(clusters.values())


def _leaders(parsed: list[ParsedArticle], people: list[_Cluster]) -> set[str]:
    """The words of people named with "regime" or "government" ("the Assad regime"): their
    forces are the state's."""
    names = [{w for m in c.mentions for w in _name_key(m.text)} for c in people]
    said = {w for p in parsed for g in p.groups if g.label in ("regime", "government")
            for w in _name_key(g.text)}  # fmt: skip
    return {w for words in names if words & said for w in words}


def story_country(places: Sequence[Place]) -> str | None:
    """The country the story's places are in, by their mentions."""
    counts: Counter[str] = Counter()
    for place in places:
        if place.country_code:
            counts[place.country_code] += len(place.mentions)
    return counts.most_common(1)[0][0] if counts else None


def classify_group(
    text: str, head: str, leaders: set[str], country: str | None, demonym: Demonym
) -> tuple[ActorType, str | None, tuple[str, ...]] | None:
    """(actor type, country, distinct words) of a group phrase; None if it names no actor.

    The distinct words are a proper name of its own ("Fourth Division"), which
    keeps a named unit apart from the forces it belongs to.
    """
    words = _name_key(text)
    backed = bool(_BACKED.search(text))
    own = None
    # "Russian-backed regime army": the backer is not whose army it is
    after = _BACKED.split(text)[-1] if backed else text
    for raw in _WORD.findall(after):
        code = demonym(raw) if raw[:1].isupper() else None
        if code:
            own = code
            break
    country_words: set[str] = set()
    if own is None:
        own, country_words = _country_named(after)  # "US forces", "Russia's army"
    found = _WORD.findall(after)
    generic = _ARMED_WORDS | _ARMED_HEADS | _GENERIC_HEADS
    if found and found[0].lower() in generic | {w + "s" for w in generic}:
        found = found[1:]  # a capital only because it opens a sentence: "Rebels clashed"
    named = tuple(
        w.lower().removesuffix("’s").removesuffix("'s")
        for w in found
        if w[:1].isupper() and not demonym(w)
    )
    named = tuple(
        w
        for w in named
        if w not in leaders and w not in _STATE_WORDS and w != head and w not in country_words
    )
    if head == "state":
        # a country named as the side that acts: its state forces (abroad, external forces)
        own, named_by = _country_named(text)
        if own is None or not set(_name_key(text)) - {"the"} <= named_by:
            return None  # a city, a region, or more than the country's name
        if country is not None and own != country:
            return "external/other forces", own, ()
        return "state forces", own, ()
    if head in PROTESTER_HEADS:
        return "protesters", own or country, ()
    if head in RIOTER_HEADS:
        return "rioters", own or country, ()
    if head in CIVILIAN_HEADS:
        return "civilians", own or country, ()
    armed = set(words) & _ARMED_WORDS
    state = set(words) & _STATE_WORDS or set(words) & leaders
    if head in MILITIA_HEADS or (
        backed and not armed and not state and head in ("force", "group", "fighter")
    ):
        return "political militia", own or country, named
    if head in REBEL_HEADS or (armed and not state):
        if head in ("group", "faction") and not armed:
            return None  # "a local group": not an armed actor
        return "rebel group", own or country, named
    if head in STATE_HEADS:
        if head in ("force", "unit") and not state and own is None:
            return None  # bare "forces", "a medical unit": whose?
        if own is not None and country is not None and own != country:
            return "external/other forces", own, named
        return "state forces", own or country, named
    return None


_PLATFORMS = {
    (name,)
    for name in ("twitter", "facebook", "youtube", "telegram", "instagram", "whatsapp",
                 "tiktok", "x", "reddit", "snapchat", "signal", "vk", "weibo", "wechat")
}  # fmt: skip
_COUNTRY_ABBREVIATIONS = {"US": "US", "U.S.": "US", "USA": "US", "UK": "GB", "U.K.": "GB",
                          "UAE": "AE"}  # fmt: skip


@cache
def _country_names_pattern() -> tuple[re.Pattern[str], dict[str, str]]:
    from storyline.places.gazetteer import country_names

    codes = {name.lower(): code for code, name in country_names().items() if code and name}
    codes.update({k.lower(): v for k, v in _COUNTRY_ABBREVIATIONS.items()})
    names = sorted({*country_names().values(), *_COUNTRY_ABBREVIATIONS}, key=len, reverse=True)
    alternatives = "|".join(re.escape(n) for n in names if n)
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])"), codes


def _country_named(text: str) -> tuple[str | None, set[str]]:
    """The country a group phrase names by name or abbreviation, written with its capitals
    ("US forces", "Russia's army"), and the words that name it; (None, set())."""
    pattern, codes = _country_names_pattern()
    found = pattern.search(text)
    if not found:
        return None, set()
    words = {w.lower() for w in _WORD.findall(found.group(0))}
    return codes.get(found.group(0).lower()), words


def _groups(
    phrases: list[Mention], leaders: set[str], country: str | None, demonym: Demonym
) -> list[_Cluster]:
    clusters: dict[tuple[ActorType, str | None, tuple[str, ...]], _Cluster] = {}
    for m in phrases:
        kind = classify_group(m.text, m.label, leaders, country, demonym)
        if kind is None:
            continue
        actor_type, where, named = kind
        key = (actor_type, where, named)
        entity_type: EntityType = "group" if actor_type in _GROUP_NAMES else "armed group"
        clusters.setdefault(key, _Cluster(entity_type, actor_type, where)).mentions.append(m)
    return list(clusters.values())


def _entity(n: int, cluster: _Cluster, countries: dict[str | None, str]) -> Entity:
    mentions = sorted({(m.article, m.start, m.end, m.text) for m in cluster.mentions})
    texts = Counter(_THE.sub("", m.text) for m in cluster.mentions)
    name = _name(cluster, texts, countries.get(cluster.country, cluster.country))
    aliases = sorted({t for t in texts if t != name}, key=lambda t: (-texts[t], t))
    return Entity(
        id=f"E{n}",
        name=name,
        type=cluster.type,
        actor_type=cluster.actor_type,
        country_code=cluster.country,
        aliases=aliases,
        mentions=[EntityMention(article=a, start=s, end=e, text=t) for a, s, e, t in mentions],
    )


def _name(cluster: _Cluster, texts: Counter[str], country: str | None) -> str:
    if cluster.actor_type in _GROUP_NAMES:
        label = _GROUP_NAMES[cluster.actor_type]
        return f"{label} ({country})" if country else label
    if cluster.type in ("person", "organisation"):
        return max(texts, key=lambda t: (len(_name_key(t)), texts[t], not t.startswith("the")))

    def rank(text: str) -> tuple[bool, bool, int, int]:
        words = _name_key(text)
        armed = bool(words) and words[-1].rstrip("s") in _ARMED_HEADS
        return armed, any(w[:1].isupper() for w in text.split()), texts[text], len(words)

    best = max(texts, key=rank)
    return best[:1].upper() + best[1:]


@dataclass
class EntityIndex:
    """Which entity a span of an article refers to."""

    entities: list[Entity]
    _spans: dict[str, Spans[Entity]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for entity in self.entities:
            for m in entity.mentions:
                self._spans.setdefault(m.article, Spans()).add(m.start, m.end, entity)

    def at(self, article: str, start: int, end: int) -> Entity | None:
        """The entity whose mention overlaps [start, end) most (the first listed of equals)."""
        best: tuple[int, Entity] | None = None
        spans = self._spans.get(article)
        for s, e, entity in spans.overlapping(start, end) if spans is not None else ():
            overlap = min(e, end) - max(s, start)
            if overlap > 0 and (best is None or overlap > best[0]):
                best = (overlap, entity)
        return best[1] if best else None

    def within(self, article: str, start: int, end: int) -> list[Entity]:
        """The entities named inside [start, end), in the order they are first named."""
        spans = self._spans.get(article)
        found = spans.overlapping(start, end) if spans is not None else []
        first: dict[str, tuple[int, Entity]] = {}
        for s, e, entity in found:
            if start <= s and e <= end and (entity.id not in first or s < first[entity.id][0]):
                first[entity.id] = (s, entity)
        return [entity for _, entity in sorted(first.values(), key=lambda x: x[0])]
