"""Events: ACLED-style event records built from the parsed, dated and located reports.

`build_events` runs the stage:

1. Candidates: each asserted event predicate of the NLP pass (`nlp.predicates`;
   appeals, plans, negations, habits and running tolls are not incidents).
2. Type: the sentence classifier (`events.classify`, trained on CASE 2021)
   picks the sub-event type among those the predicate's cue words allow
   ("shelled" allows shelling, air strikes and armed clashes; "arrested" only
   arrests), mapped to ACLED's event types (`events.taxonomy`).
3. Date: the sentence's own date, else its paragraph's, else the report's
   (week precision). Dated long before the report (`background_days`), it is
   background: a Strategic development at the precision stated.
4. Place: the most specific resolved place of the sentence, else of the
   paragraph, else the one the report names most (geo precision 1, 2, 3).
5. Actors: the entities the predicate's agent and patient refer to; victims
   in casualty figures ("killing 11 civilians") make the civilians the second side.
6. Tolls: the casualty figures that hang on the predicate; "including 11
   civilians" is part of "28 people", never added to it; running tolls go in
   the notes. One source's figure is its highest; across independent sources
   the lowest is kept, as ACLED does.
7. Merging: one incident told by several sentences or outlets becomes one
   event: wire copies of a sentence; the same type, place and day; a
   sentence told without a date joins the one event of its type and place
   in the days before its report.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Literal, Protocol

import numpy as np

from storyline.entities import EntityIndex, classify_group, story_country
from storyline.events.codebook import ARMED, enforce
from storyline.events.taxonomy import CASE_TO_ACLED, VIOLENT
from storyline.model import (
    Bound,
    Citation,
    DateKey,
    DatePrecision,
    Dating,
    Datings,
    Discrepancy,
    Entity,
    Event,
    EventPlace,
    EventType,
    Figure,
    FigureValue,
    ParsedArticle,
    Participant,
    Place,
    Predicate,
    RejectedEvent,
    Sentence,
    SentenceGroup,
    SourceGroup,
)
from storyline.nlp.actors import CIVILIAN_HEADS, PROTESTER_HEADS, RIOTER_HEADS
from storyline.nlp.predicates import asserted
from storyline.places import Demonym, demonyms, gazetteer_for
from storyline.places.names import names_where
from storyline.settings import EventsSettings
from storyline.text import SentenceIndex

__all__ = ["Built", "build_events", "coded", "find_events", "toll_discrepancies", "FAMILY_LABELS"]

_VIOLENT_LABELS = (
    "ARMED_CLASH", "ATTACK", "AIR_STRIKE", "ART_MISS_ATTACK", "SUIC_BOMB", "REM_EXPLOS",
    "GRENADE", "CHEM_WEAP", "MOB_VIOL", "VIOL_DEMONSTR", "FORCE_AGAINST_PROTEST",
)  # fmt: skip
# the CASE labels each family of cue words allows
FAMILY_LABELS: dict[str, tuple[str, ...]] = {
    "fight": ("ARMED_CLASH", "GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "ATTACK",
              "ART_MISS_ATTACK", "AIR_STRIKE", "VIOL_DEMONSTR", "MOB_VIOL",
              "FORCE_AGAINST_PROTEST"),
    "attack": (*_VIOLENT_LABELS, "PROPERTY_DISTRUCT"),
    "kill": _VIOLENT_LABELS,
    "shell": ("ART_MISS_ATTACK", "AIR_STRIKE"),
    "air": ("AIR_STRIKE", "ART_MISS_ATTACK", "SUIC_BOMB", "REM_EXPLOS"),
    "explode": ("REM_EXPLOS", "SUIC_BOMB", "GRENADE", "AIR_STRIKE", "ART_MISS_ATTACK"),
    "grenade": ("GRENADE",),
    "suicide": ("SUIC_BOMB",),
    "chemical": ("CHEM_WEAP",),
    "abduct": ("ABDUCT_DISSAP", "ARREST"),
    "sexual": ("SEX_VIOL",),
    "arrest": ("ARREST", "ABDUCT_DISSAP"),
    "protest": ("PEACE_PROTEST", "PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST", "VIOL_DEMONSTR"),
    "intervene": ("PROTEST_WITH_INTER", "FORCE_AGAINST_PROTEST"),
    "destroy": ("PROPERTY_DISTRUCT", "MOB_VIOL", "VIOL_DEMONSTR", "ATTACK"),
    "territory": ("GOV_REGAINS_TERIT", "NON_STATE_ACTOR_OVERTAKES_TER", "NON_VIOL_TERRIT_TRANSFER"),
    "withdraw": ("NON_VIOL_TERRIT_TRANSFER", "CHANGE_TO_GROUP_ACT"),
    "agree": ("AGREEMENT",),
    "siege": ("CHANGE_TO_GROUP_ACT", "OTHER"),
    "deploy": ("CHANGE_TO_GROUP_ACT", "HQ_ESTABLISHED"),
    "disrupt": ("DISR_WEAP",),
}  # fmt: skip
_GENERIC_FAMILIES = {"kill", "attack"}
_FEATURE_RANK = {"landmark": 0, "neighbourhood": 1, "village": 2, "city": 3, "admin2": 4,
                 "region": 5, "admin1": 6, "country": 7}  # fmt: skip
_CIVILIAN_UNITS = {
    "civilian", "resident", "child", "woman", "villager", "student", "journalist", "worker",
    "farmer", "refugee", "boy", "girl", "infant", "baby", "worshipper", "passenger", "youth",
    "patient", "teacher", "doctor", "family",
}  # fmt: skip
_PRECISION_RANK = {"day": 0, "week": 1, "month": 2, "year": 3}
Basis = Literal["sentence", "paragraph", "article"]
_BASIS_RANK = {"sentence": 0, "paragraph": 1, "article": 2}


class Classifier(Protocol):
    """What types sentences: CASE 2021 labels and a probability for each."""

    labels: list[str]

    def predict_proba(
        self, texts: list[str], embeddings: np.ndarray | None = None
    ) -> np.ndarray: ...


@dataclass
class _Candidate:
    """One asserted predicate, typed, dated and placed, before merging."""

    parsed: ParsedArticle
    sentence: Sentence
    predicate: Predicate
    label: str
    confidence: float
    date: DateKey | None
    basis: Basis | None
    place: Place | None
    geo: int | None
    actor1: Entity | None
    actor2: Entity | None
    killed: list[Figure] = field(default_factory=list)
    wounded: list[Figure] = field(default_factory=list)
    running: list[Figure] = field(default_factory=list)  # cumulative tolls told beside it
    # allies named with each side ("regime forces and their allied militias")
    allies1: list[Entity] = field(default_factory=list)
    allies2: list[Entity] = field(default_factory=list)

    @property
    def article(self) -> str:
        return self.parsed.article.id

    @property
    def event_type(self) -> EventType:
        return CASE_TO_ACLED[self.label][0]


def allowed_labels(families: Sequence[str]) -> list[str]:
    """The CASE labels a predicate's cue families allow; generic ones ("killed") only when
    nothing more specific is said ("shelled ..., killing")."""
    specific = [f for f in families if f not in _GENERIC_FAMILIES and f in FAMILY_LABELS]
    if "siege" in specific:
        # a siege, whatever its sentence says of surrender: never a transfer of territory
        specific = [f for f in specific if f not in ("withdraw", "territory")]
    chosen = specific or [f for f in families if f in FAMILY_LABELS]
    return sorted({label for f in chosen for label in FAMILY_LABELS[f]})


# the cue families that name each weapon's type: in a report of another language, whose
# classifier sees no English word ("airstrike", "shelled"), a sub-type of a weapon is chosen
# only when the event words name one ("tués" alone is not an air strike, nor "gaz
# lacrymogènes" a chemical weapon)
_WEAPON_FAMILIES = {
    "AIR_STRIKE": {"air", "shell"}, "ART_MISS_ATTACK": {"shell", "air"},
    "REM_EXPLOS": {"explode"}, "SUIC_BOMB": {"suicide"}, "GRENADE": {"grenade"},
    "CHEM_WEAP": {"chemical"},
}  # fmt: skip


def weapon_named(label: str, families: Sequence[str]) -> bool:
    needed = _WEAPON_FAMILIES.get(label)
    return needed is None or bool(needed & set(families))


# sub-types of a crowd's doing or of force against one: chosen for another language's
# sentence only when it names the crowd (protesters, rioters, a mob) or a protest
_CROWD_LABELS = {"MOB_VIOL", "VIOL_DEMONSTR", "FORCE_AGAINST_PROTEST", "PEACE_PROTEST",
                 "PROTEST_WITH_INTER"}  # fmt: skip


def crowd_named(parsed: ParsedArticle, sentence: Sentence, families: Sequence[str]) -> bool:
    """Whether a sentence tells of a protest or names a crowd (`nlp.actors` heads)."""
    if {"protest", "intervene"} & set(families):
        return True
    return any(
        sentence.start <= g.start < sentence.end and g.label in PROTESTER_HEADS | RIOTER_HEADS
        for g in parsed.groups
    )


def _crowd_acts(parsed: ParsedArticle, predicate: Predicate) -> bool:
    """Whether the doer is a crowd of people ("des habitants ont attaqué"): mob violence."""
    agent = predicate.agent
    return agent is not None and any(
        g.start <= agent.head < g.end and g.label in CIVILIAN_HEADS | RIOTER_HEADS
        for g in parsed.groups
    )


@dataclass(frozen=True)
class Built:
    """What the events stage produces."""

    events: list[Event]
    # one event's tolls that independent sources give differently
    toll_discrepancies: list[Discrepancy]
    # incidents no valid ACLED record fits, and why (`events.codebook`)
    rejected_events: list[RejectedEvent]


def find_events(
    dated: list[ParsedArticle],
    datings: Datings,
    places: list[Place],
    entities: list[Entity],
    groups: list[SentenceGroup],
    source_groups: list[SourceGroup],
    vectors: Mapping[tuple[str, int, int], np.ndarray] | None = None,
    *,
    settings: EventsSettings,
) -> Built:
    """The events stage: the events, and where independent sources give one event's toll
    differently (a difference within one incident, never across incidents)."""
    found = build_events(
        dated, datings, places, entities, groups, source_groups, vectors, settings=settings
    )
    texts = {p.article.id: p.article.text for p in dated}
    events, rejected = coded(found, places, texts)
    return Built(events, toll_discrepancies(events, dated, source_groups), rejected)


def coded(
    events: list[Event], places: Sequence[Place], texts: Mapping[str, str] | None = None
) -> tuple[list[Event], list[RejectedEvent]]:
    """The events made valid by ACLED's codebook (`events.codebook.enforce`), renumbered,
    and those no valid record fits, with why."""
    from storyline.places.gazetteer import country_names

    names: dict[str | None, str] = dict(country_names())
    names.update({p.country_code: p.name for p in places if p.feature == "country"})
    kept: list[Event] = []
    rejected = []
    for event in events:
        said = " ".join((texts or {}).get(c.article, "")[c.start : c.end] for c in event.citations)
        fixed, why = enforce(event, names.get, said)
        if fixed is None:
            rejected.append(
                RejectedEvent(
                    event_type=event.event_type,
                    sub_event_type=event.sub_event_type,
                    reason=why or "",
                    citations=event.citations,
                )
            )
        else:
            kept.append(fixed)
    return [e.model_copy(update={"id": f"EV{n}"}) for n, e in enumerate(kept, 1)], rejected


TOLL_NOTE = (
    "Reports give different figures for people {topic} in this one event ({line}); each is "
    "shown with its sentence, and the event keeps the lowest, as ACLED does."
)


def toll_discrepancies(
    events: list[Event], parsed: list[ParsedArticle], source_groups: list[SourceGroup]
) -> list[Discrepancy]:
    """Killed or wounded figures of one event that independent sources give differently."""
    source_of = {a: g.id for g in source_groups for a in g.articles}
    sentences = {p.article.id: SentenceIndex(p) for p in parsed}
    topic_at = {(f.article, f.start): f.topic for p in parsed for f in p.figures}
    found = []
    for event in events:
        for topic in ("killed", "wounded"):
            values = [
                v
                for v in event.tolls
                if v.scope != "cumulative"
                and topic_at.get((v.citation.article, v.citation.start)) == topic
            ]
            by_source = {source_of.get(v.article, v.article) for v in values}
            if len({v.value for v in values}) < 2 or len(by_source) < 2:
                continue
            shown = []
            for v in values:
                s = sentences[v.article].at(v.citation.start)
                if s is not None:
                    citation = Citation(article=v.article, start=s.start, end=s.end)
                    shown.append(v.model_copy(update={"citation": citation, "text": s.text}))
            line = f"{event.date or 'undated'}, {event.sub_event_type}"
            if event.place:
                line += f", {event.place.name}"
            found.append(
                Discrepancy(
                    topic=topic, kind="figure", values=shown,
                    note=TOLL_NOTE.format(topic=topic, line=line),
                )
            )  # fmt: skip
    return found


def build_events(
    dated: list[ParsedArticle],
    datings: Datings,
    places: list[Place],
    entities: list[Entity],
    groups: list[SentenceGroup],
    source_groups: list[SourceGroup],
    vectors: Mapping[tuple[str, int, int], np.ndarray] | None = None,
    *,
    settings: EventsSettings,
    classify: Classifier | None = None,
) -> list[Event]:
    """The cluster's events, in date order (see the module doc). `classify` types the
    sentences (the shipped `EventTypeModel` by default); `vectors` are the sentence vectors
    of the vectors stage (a sentence without one is embedded here)."""
    parsed = dated
    predicates = [(p, sentence, pr) for p in parsed for sentence, pr in asserted(p)]
    if not predicates:
        return []
    if classify is None:
        from storyline.events.classify import default_model

        classify = default_model()
    model = classify
    probabilities = _types(predicates, model, vectors or {})
    column = {label: n for n, label in enumerate(model.labels)}
    dated_by = _DateFinder(datings.with_weeks)
    located = _PlaceFinder(places)
    index = EntityIndex(entities)
    civilians = {e.country_code: e for e in entities if e.actor_type == "civilians"}
    sides: dict[tuple[str, str | None], list[Entity]] = defaultdict(list)
    for e in entities:  # most mentioned first
        if e.actor_type in ARMED:
            sides[(e.actor_type, e.country_code)].append(e)
    country_of = story_country(places)
    demonym = demonyms(gazetteer_for())  # looked up once, not per event word
    actors_country = Counter(e.country_code for e in entities if e.actor_type).most_common(1)
    candidates: list[_Candidate] = []
    for (p, sentence, predicate), row in zip(predicates, probabilities, strict=True):
        allowed = allowed_labels(predicate.families)
        if p.pipeline is not None:
            crowd = crowd_named(p, sentence, predicate.families) or _crowd_acts(p, predicate)
            allowed = [label for label in allowed if weapon_named(label, predicate.families)
                       and (crowd or label not in _CROWD_LABELS)]  # fmt: skip
        if not allowed:
            continue
        scores = np.array([row[column[label]] for label in allowed])
        best = int(scores.argmax())
        confidence = float(scores[best] / max(scores.sum(), 1e-9))
        key, basis = dated_by.date(p, sentence, predicate)
        place, geo = located.place(p, sentence)
        actor1 = _actor(index, p.article.id, predicate.agent)
        actor2 = _actor(index, p.article.id, predicate.patient)
        if actor1 is None:
            # the doer unsaid by the verb but the subject of another of the sentence's
            # clauses ("two were killed when police tried to clear the blockade"): the first
            # armed side that does something in the sentence
            # (a country is a side only of what it does itself: "New Zealand mounted a rescue
            # after the eruption injured several" names no side of the injuries)
            countries = [(m.start, m.end) for m in p.groups if m.label == "state"]
            doers = (
                _actor(index, p.article.id, prop.subject)
                for prop in p.propositions
                if prop.sentence == sentence.index
                and prop.subject is not None
                and not any(a <= prop.subject.head < b for a, b in countries)
            )
            actor1 = next(
                (e for e in doers if e is not None and e.actor_type in ARMED
                 and e is not actor2),
                None,
            )  # fmt: skip
        if actor1 is None:
            # "rebel shelling", "regime airstrikes", "regime tanks fired": the side is the
            # word before the event word (or ending its doer), when the story has one actor
            # of that kind
            before = (
                p.article.text[max(0, predicate.start - 40) : predicate.start]
                if predicate.agent is None
                else predicate.agent.text + " "
            )
            actor1 = _modifier_actor(before, sides, country_of, demonym)
        if actor1 is None and "agree" in predicate.families:
            # an agreement names its parties, whatever the clause makes its subject ("a deal
            # was struck between the committee and regime forces"): the first with a side
            actor1 = next(
                (
                    e
                    for e in index.within(p.article.id, sentence.start, sentence.end)
                    if e.actor_type is not None and e.actor_type != "civilians"
                ),
                None,
            )
        killed, wounded = _casualties(p, predicate)
        if actor2 is None or actor2 is actor1:
            victims = [f for f in killed + wounded if (f.unit or "") in _CIVILIAN_UNITS]
            country = actor1.country_code if actor1 else None
            if victims or (predicate.patient and _is_civilian(predicate.patient.text)):
                actor2 = civilians.get(country) or civilians.get(
                    actors_country[0][0] if actors_country else None
                )
        final2 = actor2 if actor2 is not actor1 else None
        allies1 = _allies(index, p.article.id, predicate.agent, actor1, final2, predicate.start)
        allies2 = _allies(index, p.article.id, predicate.patient, final2, actor1)
        if final2 is None and allies1 and predicate.lemma in _MUTUAL:
            # "regime forces and rebels clashed": the two sides, not allies
            final2, allies1 = allies1[0], allies1[1:]
        # another language's sentence is typed without its English words: not violence
        # against civilians where the report says the victims are armed ("sept gendarmes",
        # "un camp militaire")
        armed_victims = (final2 is not None and final2.actor_type in ARMED) or (
            predicate.patient is not None and _military(predicate.patient.text)
        )
        if p.pipeline is not None and "ATTACK" in allowed and len(allowed) > 1 and armed_victims:
            keep = [n for n, label in enumerate(allowed) if label != "ATTACK"]
            best = max(keep, key=lambda n: scores[n])
            confidence = float(scores[best] / max(scores[keep].sum(), 1e-9))
        candidates.append(
            _Candidate(p, sentence, predicate, allowed[best], confidence, key, basis, place, geo,
                       actor1, final2, killed, wounded, allies1=allies1, allies2=allies2)
        )  # fmt: skip
    candidates = _fold_casualty_clauses(candidates)
    _attach_running_tolls(parsed, candidates, settings)
    clusters = _merge(candidates, groups, settings)
    source_of = {a: g.id for g in source_groups for a in g.articles}
    events = [_event(c, source_of, settings) for c in clusters]
    events.sort(key=_order)
    return [e.model_copy(update={"id": f"EV{n}"}) for n, e in enumerate(events, 1)]


def _types(
    predicates: list[tuple[ParsedArticle, Sentence, Predicate]],
    model: Classifier,
    vectors: Mapping[tuple[str, int, int], np.ndarray],
) -> np.ndarray:
    """Each predicate's row of label probabilities: the sentence classifier's for English
    reports, the multilingual model's (over multilingual-e5 vectors, in `model`'s label
    order) for reports read by another language's pipeline."""
    foreign = [n for n, (p, _, _) in enumerate(predicates) if p.pipeline is not None]
    english = [n for n, (p, _, _) in enumerate(predicates) if p.pipeline is None]
    rows = np.zeros((len(predicates), len(model.labels)), dtype=np.float32)
    if english:
        texts = [predicates[n][1].text for n in english]
        keys = [(predicates[n][0].article.id, predicates[n][1].start, predicates[n][1].end)
                for n in english]  # fmt: skip
        rows[english] = model.predict_proba(texts, _embeddings(texts, keys, vectors))
    if foreign:
        from storyline.events.classify import multilingual_model

        other = multilingual_model()
        found = other.predict_proba([predicates[n][1].text for n in foreign])
        order = [other.labels.index(label) for label in model.labels]
        rows[foreign] = found[:, order]
    return rows


def _embeddings(
    texts: list[str],
    keys: list[tuple[str, int, int]],
    vectors: Mapping[tuple[str, int, int], np.ndarray],
) -> np.ndarray:
    """One vector per text: the one already made for its sentence, else embedded now (once
    per sentence)."""
    missing = sorted({(k, t) for k, t in zip(keys, texts, strict=True) if k not in vectors})
    known = dict(vectors)
    if missing:
        from storyline.sources.embed import default_embedder

        made = default_embedder().embed([t for _, t in missing])
        known.update({k: v for (k, _), v in zip(missing, made, strict=True)})
    return np.stack([known[k] for k in keys])


def _order(event: Event) -> tuple[str, str, str]:
    return (
        event.date or "9999",
        event.place.name if event.place else "",
        event.citations[0].article,
    )


# two sides as one subject (English and French lemmas)
_MUTUAL = {"clash", "fight", "battle", "skirmish", "exchange", "engage", "affronter", "combattre",
           "accrocher", "échanger"}  # fmt: skip

_WEAPONS = {"tank", "tanks", "jet", "jets", "warplane", "warplanes", "helicopter",
            "helicopters", "drone", "drones", "artillery", "gunboat", "gunboats", "aircraft",
            "forces", "troops", "fighter", "fighters", "-", "'s", "’s"}  # fmt: skip
_BEFORE = re.compile(r"([A-Za-z][\w'’-]*)\s+(?:([A-Za-z][\w'’-]*)\s+)?$")


def _allies(
    index: EntityIndex,
    article: str,
    side: Participant | None,
    actor: Entity | None,
    other: Entity | None,
    verb: int | None = None,
) -> list[Entity]:
    """The other armed actors named in one side's phrase ("the Assad forces and
    Iranian-backed militia launched"): ACLED's associated actors of that side. A doer
    before its verb reaches up to the verb, so its conjuncts are in."""
    if side is None or actor is None:
        return []
    end = verb if verb is not None and side.end <= verb <= side.end + 60 else side.end
    return [
        e
        for e in index.within(article, side.start, end)
        if e is not actor and e is not other and e.actor_type in ARMED
    ]


def _modifier_actor(
    before: str,
    sides: Mapping[tuple[str, str | None], list[Entity]],
    country: str | None,
    demonym: Demonym,
) -> Entity | None:
    """The side named by the words just before an event word ("rebel shelling", "regime
    tanks firing"): the one actor of the story of the kind those words name; None when the
    story has none, or several, of that kind."""
    found = _BEFORE.search(before)
    if not found:
        return None
    words = [w for w in found.groups() if w]
    while words and words[-1].lower() in _WEAPONS:
        words.pop()  # "regime tanks" -> "regime"
    if not words:
        return None
    kind = classify_group(f"{words[-1]} forces", "force", set(), country, demonym)
    if kind is None or kind[2]:
        return None  # no side, or one with a name of its own the story may not hold
    chosen = sides.get((kind[0], kind[1]), [])
    return chosen[0] if len(chosen) == 1 else None


# places and units of armed forces, in English and French ("un camp militaire", "a checkpoint")
_MILITARY = {"camp", "base", "barracks", "caserne", "checkpoint", "convoy", "convoi", "patrol",
             "patrouille", "position", "poste", "garrison", "garnison", "outpost", "militaire",
             "military", "army", "armée"}  # fmt: skip


def _military(text: str) -> bool:
    return any(w.strip(".,") in _MILITARY for w in text.lower().split())


def _is_civilian(text: str) -> bool:
    return any(w.rstrip("s") in _CIVILIAN_UNITS for w in text.lower().split())


def _actor(index: EntityIndex, article: str, participant: Participant | None) -> Entity | None:
    if participant is None:
        return None
    entity = index.at(article, participant.head, participant.head + 1)
    return entity if entity is not None and entity.type != "organisation" else None


def _casualties(p: ParsedArticle, predicate: Predicate) -> tuple[list[Figure], list[Figure]]:
    figures = [p.figures[i] for i in predicate.figures if i < len(p.figures)]
    return (
        [f for f in figures if f.topic == "killed"],
        [f for f in figures if f.topic == "wounded"],
    )


def _fold_casualty_clauses(candidates: list[_Candidate]) -> list[_Candidate]:
    """ "At least 10 people were killed ... when forces shelled the market": a clause that only
    counts the dead, with no one named doing it, tells the toll of the sentence's other event."""
    by_sentence: dict[tuple[str, int], list[_Candidate]] = defaultdict(list)
    for c in candidates:
        by_sentence[(c.article, c.sentence.index)].append(c)
    kept: list[_Candidate] = []
    for c in candidates:
        others = [o for o in by_sentence[(c.article, c.sentence.index)] if o is not c]
        bare = set(c.predicate.families) <= {"kill"} and c.actor1 is None
        hosts = [o for o in others if not set(o.predicate.families) <= {"kill"}]
        if bare and hosts:
            host = hosts[0]
            host.killed.extend(f for f in c.killed if f not in host.killed)
            host.wounded.extend(f for f in c.wounded if f not in host.wounded)
            if host.actor2 is None:
                host.actor2 = c.actor2
            continue
        kept.append(c)
    return kept


def _attach_running_tolls(
    parsed: list[ParsedArticle], candidates: list[_Candidate], settings: EventsSettings
) -> None:
    """A running toll ("Fifteen civilians have been killed") goes beside the incident told
    just before it in its report, in the notes, never in the incident's own count."""
    by_article: dict[str, list[_Candidate]] = defaultdict(list)
    for c in candidates:
        by_article[c.article].append(c)
    for p in parsed:
        for predicate in p.predicates:
            if predicate.mood != "cumulative":
                continue
            before = [
                c
                for c in by_article[p.article.id]
                if c.sentence.index <= predicate.sentence and not _background(c, settings)
            ]
            killed, wounded = _casualties(p, predicate)
            if before and (killed or wounded):
                before[-1].running.extend(killed + wounded)


class _DateFinder:
    """The date of a predicate: its sentence's, its paragraph's, else its report's."""

    def __init__(self, datings: list[Dating]) -> None:
        self.by_sentence: dict[tuple[str, int], list[Dating]] = defaultdict(list)
        # "..., a local group said Tuesday": the telling's date, which the happening is on
        # or before
        self.told: dict[tuple[str, int], Dating] = {}
        for d in datings:
            if not d.attribution:
                self.by_sentence[(d.sentence.article, d.sentence.index)].append(d)
            else:
                self.told.setdefault((d.sentence.article, d.sentence.index), d)
        # per paragraph, its dated sentences in order, each with its last dating
        self.by_paragraph: dict[tuple[str, int], list[tuple[int, Dating]]] = defaultdict(list)
        for (article, index), found in sorted(self.by_sentence.items()):
            paragraph = found[-1].sentence.paragraph
            self.by_paragraph[(article, paragraph)].append((index, found[-1]))

    def date(
        self, p: ParsedArticle, sentence: Sentence, predicate: Predicate
    ) -> tuple[DateKey | None, Basis | None]:
        own = self.by_sentence.get((p.article.id, sentence.index), [])
        if own:
            # a date of the event word's own clause first ("the siege was due to be lifted
            # over the weekend, after a deal was struck ... on 24 July": the deal's is 24 July)
            clauses = [
                c
                for c in p.propositions
                if c.sentence == sentence.index and c.start <= predicate.start < c.end
            ]
            if clauses:
                clause = min(clauses, key=lambda c: c.end - c.start)
                inside = [d for d in own if clause.start <= d.start < clause.end]
                own = inside or own
            nearest = min(own, key=lambda d: (abs(d.start - predicate.start), d.key.order[1]))
            return nearest.key, "sentence"
        referred = self._referred(p, sentence)
        if referred is not None:
            return referred, "paragraph"
        told = self.told.get((p.article.id, sentence.index))
        published = p.article.published
        if told is not None and (published is None or told.key.first_day <= published):
            # a happening the sentence only dates by its telling ("renewed their attacks
            # ..., a group said Tuesday") took place by then, never after: not the report's
            # later date
            return told.key, "sentence"
        earlier = self.by_paragraph.get((p.article.id, sentence.paragraph), [])
        n = bisect.bisect_left(earlier, sentence.index, key=lambda pair: pair[0])
        if n > 0:
            return earlier[n - 1][1].key, "paragraph"
        published = p.article.published
        if published is None:
            return None, None
        return DateKey(value=published.isoformat(), granularity="day", first_day=published), (
            "article"
        )

    def _referred(self, p: ParsedArticle, sentence: Sentence) -> DateKey | None:
        """The date of the thing a sentence opens by referring back to: "... the terms of a
        2018 deal. The deal allowed ...": "the deal" is the 2018 one, and so is what the
        sentence tells of it."""
        opening = _REFERRING.match(sentence.text)
        if opening is None or sentence.index == 0 or sentence.index > len(p.sentences):
            return None
        noun = re.escape(opening.group(1).lower())
        before = p.sentences[sentence.index - 1]
        text = before.text.lower()
        dates = [
            (d.start - before.start, d.key)
            for d in self.by_sentence.get((p.article.id, before.index), [])
        ]
        dates += [  # a year that only qualifies a noun is no dating of its own: "a 2018 deal"
            (m.start(), DateKey(value=m.group(0), granularity="year",
                                first_day=date(int(m.group(0)), 1, 1)))
            for m in _YEAR.finditer(text)
        ]  # fmt: skip
        for at, key in dates:
            for found in re.finditer(rf"\b{noun}s?\b", text):
                between = text[min(at, found.end()) : max(at, found.start())]
                if len(between.split()) <= 3:  # "a 2018 deal", "the deal of June 2018"
                    return key
        return None


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")
# a sentence that opens on a definite reference to something just told: "The deal allowed"
_REFERRING = re.compile(r"(?:The|This|That)\s+([A-Za-z][a-z-]+)\s")


class _PlaceFinder:
    """The most specific resolved place named in a sentence, else its paragraph, else its
    report."""

    def __init__(self, places: list[Place]) -> None:
        # per article, (start, order listed, place) sorted by start: a sentence's places are
        # found by bisection and put back in the order listed, which breaks ties
        self.mentions: dict[str, list[tuple[int, int, Place]]] = defaultdict(list)
        n = 0
        for place in places:
            for m in place.mentions:
                if not names_where(place, m.text):
                    continue
                self.mentions[m.article].append((m.start, n, place))
                n += 1
        for found in self.mentions.values():
            found.sort(key=lambda item: (item[0], item[1]))
        self.paragraphs: dict[tuple[str, int], tuple[int, int]] = {}
        self.top: dict[str, Place | None] = {}
        self.near: dict[tuple[str, int], Place | None] = {}

    def _best(self, found: list[Place]) -> Place | None:
        if not found:
            return None
        counts = Counter(id(p) for p in found)
        return min(found, key=lambda p: (_FEATURE_RANK.get(p.feature, 9), -counts[id(p)]))

    def _between(self, article: str, lo: int, hi: int) -> list[Place]:
        mentions = self.mentions.get(article, [])
        first = bisect.bisect_left(mentions, lo, key=lambda item: item[0])
        last = bisect.bisect_left(mentions, hi, key=lambda item: item[0])
        return [place for _, _, place in sorted(mentions[first:last], key=lambda i: i[1])]

    def _paragraph(self, p: ParsedArticle, paragraph: int) -> tuple[int, int]:
        """Where a paragraph's sentences begin and end (worked out once per report)."""
        if (p.article.id, paragraph) not in self.paragraphs:
            for s in p.sentences:
                lo, hi = self.paragraphs.get((p.article.id, s.paragraph), (s.start, s.end))
                self.paragraphs[(p.article.id, s.paragraph)] = (min(lo, s.start), max(hi, s.end))
        return self.paragraphs[(p.article.id, paragraph)]

    def _near(self, p: ParsedArticle, paragraph: int) -> Place | None:
        """The best place of a paragraph (worked out once: a paragraph may be the report)."""
        key = (p.article.id, paragraph)
        if key not in self.near:
            lo, hi = self._paragraph(p, paragraph)
            self.near[key] = self._best(self._between(p.article.id, lo, hi))
        return self.near[key]

    def _top(self, article: str) -> Place | None:
        """The place other than a country its report names most."""
        if article not in self.top:
            listed = sorted(self.mentions.get(article, []), key=lambda item: item[1])
            local = [pl for _, _, pl in listed if pl.feature != "country"]
            counts = Counter(id(pl) for pl in local)
            self.top[article] = (
                max(local, key=lambda pl: (counts[id(pl)], -_FEATURE_RANK.get(pl.feature, 9)))
                if local
                else None
            )
        return self.top[article]

    def place(self, p: ParsedArticle, sentence: Sentence) -> tuple[Place | None, int | None]:
        own = self._best(self._between(p.article.id, sentence.start, sentence.end))
        if own is not None and own.feature != "country":
            return own, 1 if _FEATURE_RANK.get(own.feature, 9) <= 3 else 2
        near = self._near(p, sentence.paragraph)
        if near is not None and near.feature != "country":
            return near, 2
        top = self._top(p.article.id)
        if top is not None:
            return top, 3
        return own or near, 3 if (own or near) else None


def _town(place: Place | None) -> str | None:
    """The town a place is part of, so "Karak" (in Daraa al-Balad) and "Daraa" compare: a
    part the gazetteer lacks carries the id of the place it lies in."""
    if place is None:
        return None
    return str(place.geonames_id) if place.geonames_id is not None else place.name


def _actors_agree(a: _Candidate, b: _Candidate) -> bool:
    first = {x.id for x in (a.actor1, a.actor2) if x}
    second = {x.id for x in (b.actor1, b.actor2) if x}
    return not first or not second or bool(first & second)


def _merge(
    candidates: list[_Candidate], groups: list[SentenceGroup], settings: EventsSettings
) -> list[list[_Candidate]]:
    parent = list(range(len(candidates)))
    # the days each cluster is dated to: two clusters on different days never merge, so
    # "shelling on Tuesday" and "clashes on Wednesday" stay two events
    days: list[set[date]] = [
        {c.date.first_day} if c.date and c.date.granularity == "day" and c.basis != "article"
        else set()
        for c in candidates
    ]  # fmt: skip
    # the latest day a cluster's own words date it to (a sentence dated only by its report
    # has no day of its own, and must not make its cluster look later than it is)
    latest = [c.date.first_day if c.date and c.basis != "article" else date.min for c in candidates]

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int, force: bool = False) -> None:
        a, b = find(i), find(j)
        if a == b or not (force or not days[a] or not days[b] or days[a] & days[b]):
            return
        parent[a] = b
        days[b] |= days[a]
        latest[b] = max(latest[a], latest[b])

    group_of: dict[tuple[str, int], int] = {}
    for n, g in enumerate(groups):
        for s in g.members:
            group_of[(s.article, s.index)] = n
    # only candidates sharing a copy group, a sentence, a day or a background year can
    # merge: comparing within these buckets keeps hundreds of reports from going quadratic
    earlier: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, a in enumerate(candidates):
        keys = _merge_keys(a, group_of, settings)
        for j in sorted({j for key in keys for j in earlier[key]}):
            _try_merge(i, j, candidates, group_of, settings, union)
        for key in keys:
            earlier[key].append(i)
    # a sentence told without a date joins the one event of its type and place just before
    window = settings.undated_window_days
    dated_on: dict[date, list[int]] = defaultdict(list)
    for j, b in enumerate(candidates):
        if b.basis in ("sentence", "paragraph") and b.date and b.date.granularity == "day":
            dated_on[b.date.first_day].append(j)
    for i, a in enumerate(candidates):
        if a.basis != "article" or a.date is None:
            continue
        near = (a.date.first_day - timedelta(days=back) for back in range(window + 1))
        targets = {
            find(j)
            for day in near
            for j in dated_on.get(day, ())
            if _same_kind(a, candidates[j])
            and _same_town(a, candidates[j])
            and _actors_agree(a, candidates[j])
        }
        if targets:
            union(i, max(targets, key=lambda r: latest[r]))
    clusters: dict[int, list[_Candidate]] = defaultdict(list)
    for i, c in enumerate(candidates):
        clusters[find(i)].append(c)
    return list(clusters.values())


def _merge_keys(
    c: _Candidate, group_of: dict[tuple[str, int], int], settings: EventsSettings
) -> list[tuple[object, ...]]:
    """The buckets a candidate can merge within (see `_try_merge`)."""
    keys: list[tuple[object, ...]] = [("sentence", c.article, c.sentence.index)]
    group = group_of.get((c.article, c.sentence.index))
    if group is not None:
        keys.append(("copies", group))
    if c.date is not None and c.basis != "article":
        keys.append(("day", c.date.value))
        if _background(c, settings):
            keys.append(("year", c.date.first_day.year))
    return keys


def _try_merge(
    i: int,
    j: int,
    candidates: list[_Candidate],
    group_of: dict[tuple[str, int], int],
    settings: EventsSettings,
    union: Callable[..., None],
) -> None:
    """Merge two candidates that tell one incident: copies or one sentence, else the same
    town, sides and day (or background year)."""
    a, b = candidates[i], candidates[j]
    if _background(a, settings) != _background(b, settings):
        return
    if a.event_type != b.event_type and not _same_toll_day(a, b):
        return
    group = group_of.get((a.article, a.sentence.index))
    copies = group is not None and group == group_of.get((b.article, b.sentence.index))
    same_sentence = a.article == b.article and a.sentence.index == b.sentence.index
    if copies or (same_sentence and a.label == b.label):
        union(i, j, force=True)
        return
    if not _same_town(a, b) or not _actors_agree(a, b):
        return
    if a.date is None or b.date is None or "article" in (a.basis, b.basis):
        return
    same_day = a.date.value == b.date.value and a.date.granularity != "month"
    same_past = (
        _background(a, settings)
        and a.date.first_day.year == b.date.first_day.year
        and a.label == b.label
    )
    if same_day or same_past:
        union(i, j)


def _same_kind(a: _Candidate, b: _Candidate) -> bool:
    """Of one ACLED event type; for strategic developments, of one sub-event type too (an
    agreement, a base set up and a group's change of activity are different happenings)."""
    return a.event_type == b.event_type and (
        a.event_type != "Strategic developments" or a.label == b.label
    )


def _same_town(a: _Candidate, b: _Candidate) -> bool:
    return a.place is None or b.place is None or _town(a.place) == _town(b.place)


def _same_toll_day(a: _Candidate, b: _Candidate) -> bool:
    """Two violent accounts of deaths in one town on one day are one incident, whatever
    type each sentence reads as ("clashes" in one report, "police fired tear gas" in another)."""
    violent = VIOLENT | {"Protests"}
    return (
        a.event_type in violent
        and b.event_type in violent
        and bool(a.killed)
        and bool(b.killed)
        and a.date is not None
        and b.date is not None
        and a.date.granularity == "day"
        and a.date.value == b.date.value
        and "article" not in (a.basis, b.basis)
        and _town(a.place) == _town(b.place)
    )


def _background(c: _Candidate, settings: EventsSettings) -> bool:
    if c.date is None or c.basis == "article":
        return False
    published = c.parsed.article.published
    if published is None:
        return c.date.granularity == "year"
    return c.date.granularity == "year" or (
        (published - c.date.first_day).days >= settings.background_days
    )


def _choose_date(cluster: list[_Candidate]) -> _Candidate | None:
    dated = [c for c in cluster if c.date is not None]
    if not dated:
        return None
    counts = Counter(c.date.value for c in dated if c.date)
    return min(
        dated,
        key=lambda c: (
            _BASIS_RANK.get(c.basis or "article", 3),
            c.parsed.article.published_basis == "inferred",
            _PRECISION_RANK[c.date.granularity if c.date else "year"],
            -counts[c.date.value if c.date else ""],
            c.date.first_day if c.date else date.max,
        ),
    )


def _toll(figures: list[tuple[str, Figure]], source_of: dict[str, str]) -> tuple[int | None, Bound]:
    """One figure per independent source (its highest), then the lowest across sources."""
    per_source: dict[str, Figure] = {}
    for article, f in figures:
        if f.scope is not None:
            continue  # "including 11 civilians" is part of the figure before it
        key = source_of.get(article, article)
        if key not in per_source or f.value > per_source[key].value:
            per_source[key] = f
    if not per_source:
        return None, "exact"
    low = min(per_source.values(), key=lambda f: f.value)
    return int(low.value), low.bound


def _figure_value(c: _Candidate, f: Figure, scope: str | None = None) -> FigureValue:
    text = c.parsed.article.text
    sentence = c.parsed.sentences[f.sentence]
    return FigureValue(
        value=int(f.value) if float(f.value).is_integer() else f.value,
        unit=f.unit,
        written=f.text,
        text=text[sentence.start : sentence.end],
        citation=Citation(article=c.article, start=f.start, end=f.end),
        article=c.article,
        bound=f.bound,
        date=c.date.value if c.date and not scope else None,
        date_from=("text" if c.basis != "article" else "report") if c.date and not scope else None,
        scope=scope or f.scope,
    )


def _event(cluster: list[_Candidate], source_of: dict[str, str], settings: EventsSettings) -> Event:
    cluster.sort(key=lambda c: (c.article, c.sentence.index))
    weights: dict[str, float] = defaultdict(float)
    for c in cluster:
        weights[c.label] += c.confidence
    label = max(weights, key=lambda k: (weights[k], k))
    event_type, sub_event = CASE_TO_ACLED[label]
    lead = max((c for c in cluster if c.label == label), key=lambda c: c.confidence)
    dated = _choose_date(cluster)
    background = dated is not None and _background(dated, settings)
    notes: list[str] = []
    if background:
        notes.append(f"Background ({sub_event}): told as past context, not a new incident.")
        event_type, sub_event = "Strategic developments", "Other"
    placed = min(
        (c for c in cluster if c.place is not None),
        key=lambda c: (c.geo or 9, _FEATURE_RANK.get(c.place.feature if c.place else "", 9)),
        default=None,
    )
    actor1 = _majority([c.actor1 for c in cluster])
    actor2 = _majority([c.actor2 for c in cluster if c.actor2 is not actor1])
    allies1 = _names([e for c in cluster if c.actor1 is actor1 for e in c.allies1], actor2)
    allies2 = _names([e for c in cluster if c.actor2 is actor2 for e in c.allies2], actor1)
    killed = [(c.article, f) for c in cluster for f in c.killed]
    wounded = [(c.article, f) for c in cluster for f in c.wounded]
    fatalities, bound = _toll(killed, source_of)
    injuries, _ = _toll(wounded, source_of)
    civilian = [
        (a, f.model_copy(update={"scope": None}))
        for a, f in killed
        if (f.unit or "") in _CIVILIAN_UNITS
    ]
    civilian_fatalities, _ = _toll(civilian, source_of)
    tolls = [_figure_value(c, f) for c in cluster for f in c.killed + c.wounded]
    running = [_figure_value(c, f, "cumulative") for c in cluster for f in c.running]
    if running:
        notes.append(
            "Running toll reported beside it, not counted as this incident's: "
            + "; ".join(f"{r.written} ({r.article})" for r in running)
            + "."
        )
    dates = sorted({c.date.value for c in cluster if c.date and c.basis != "article"})
    if len(dates) > 1 and dated and dated.date:
        notes.append(f"Reports date it differently ({', '.join(dates)}); kept {dated.date.value}.")
    if dated is not None and dated.basis == "article":
        notes.append("No date in the text: dated by its report, within the days before.")
    citations = sorted(
        {(c.article, c.sentence.start, c.sentence.end) for c in cluster}, key=lambda t: t
    )
    sources = sorted({c.article for c in cluster})
    place = placed.place if placed else None
    precision: DatePrecision | None = None
    if dated is not None and dated.date is not None:
        precision = "week" if dated.basis == "article" else dated.date.granularity
    return Event(
        id="",
        date=_iso(dated.date, precision) if dated and dated.date else None,
        date_precision=precision,
        date_basis=dated.basis if dated else None,
        event_type=event_type,
        sub_event_type=sub_event,
        actor1=actor1.name if actor1 else None,
        actor1_type=actor1.actor_type if actor1 else None,
        actor2=actor2.name if actor2 else None,
        actor2_type=actor2.actor_type if actor2 else None,
        assoc_actor_1=allies1 if actor1 else None,
        assoc_actor_2=allies2 if actor2 else None,
        place=EventPlace(name=place.name, lat=place.lat, lon=place.lon, admin1=place.admin1,
                         country_code=place.country_code) if place else None,
        geo_precision=placed.geo if placed else None,
        fatalities=fatalities,
        fatalities_bound=bound,
        injuries=injuries,
        civilian_fatalities=civilian_fatalities,
        tolls=tolls + running,
        citations=[Citation(article=a, start=s, end=e) for a, s, e in citations],
        sources=sources,
        independent_sources=len({source_of.get(a, a) for a in sources}),
        background=background,
        confidence=round(lead.confidence, 3),
        notes=" ".join([lead.sentence.text, *notes]),
    )  # fmt: skip


def _names(entities: list[Entity], other: Entity | None) -> str | None:
    """ACLED's way of listing associated actors: names joined by "; ", each once."""
    names = list(dict.fromkeys(e.name for e in entities if e is not other))
    return "; ".join(names) or None


def _iso(key: DateKey, precision: DatePrecision | None) -> str:
    """ "2021-07" for a month, "2021" for a year, else the day (a week's Monday)."""
    return key.value if precision in ("year", "month") else key.first_day.isoformat()


def _majority(entities: list[Entity | None]) -> Entity | None:
    counts = Counter(e.id for e in entities if e is not None)
    if not counts:
        return None
    top = counts.most_common(1)[0][0]
    return next(e for e in entities if e is not None and e.id == top)
