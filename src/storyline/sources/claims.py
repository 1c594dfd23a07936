"""Claims: the propositions of the cluster, each with every clause in every report that
states it, and the claims that are only on the same topic.

A unit is a proposition (`nlp.propositions`: one clause that states one thing) of a
sentence, with the same clause in that sentence's wire copies. Two units from
different reports state one claim only when

1. they say the same thing in words: a similarity of at least `claim_similarity`,

       0.6 x MiniLM cosine + 0.4 x TF-IDF cosine (IDF of this cluster)
       + 0.05 per shared distinctive name (at most 0.10), + 0.15 when both date it to the
       same day, + 0.05 when they give the same figure for the same thing;

2. and they state the same proposition (`compatible`): the same mood (a plan is not an
   event, a denial not an assertion); predicates of one kind of happening or state
   (`PREDICATE_KINDS`: "blockaded" and "besieged", "killed" and "died", not "were
   supposed to enter" and "attempted to push into"); the same participants where both
   name them (merged entities: "regime forces" and "Syrian regime troops" are one); the
   same place or one inside the other where both name one; the same day where both give
   days, and never a background fact ("since the regime retook the province in 2018")
   against a happening of the reports' days. Figures that differ do not part them: the
   claim is then `contested`.

Units clustered by average linkage over the pairs that pass both, where a pair that
fails the second can never share a claim with the other (so one loose link cannot chain
two propositions). A pair on the same topic that fails the second (or falls just short
of the first) makes the two claims `related`: shown apart, never counted as support.

Status: `corroborated` when two or more independent sources (copies of one wire story
count once) state it, `contested` when such sources give different figures for it,
else `single_source`.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

import numpy as np

from storyline.entities import EntityIndex
from storyline.model import (
    STATUS_RANK,
    Citation,
    Claim,
    ClaimStatus,
    Datings,
    Entity,
    ParsedArticle,
    Participant,
    Place,
    Proposition,
    Sentence,
    SentenceGroup,
    TimeExpression,
)
from storyline.places.gazetteer import distance_km
from storyline.places.names import name_key, names_where
from storyline.text import DANGLING, MONTHS, NUMBERS, WEEKDAYS, SentenceIndex, Spans, tfidf

COSINE_FLOOR = 0.45  # below this no bonus can reach the threshold
LEXICAL_WEIGHT = 0.4  # share of TF-IDF cosine (IDF of this cluster) in the base similarity
NAME_BONUS = 0.05
NAME_BONUS_MAX = 0.10
COMMON_SHARE = 0.1  # a name or participant in more of the units than this is the story's own
SAME_DAY = 0.15
SAME_PERIOD = 0.06
SAME_FIGURE = 0.05
RELATED = 0.5  # a pair this similar that is not one proposition is on the same topic
RELATED_MAX = 5  # related claims listed for a claim, the closest first
PARAPHRASE = 0.85  # MiniLM cosine at which two predicates need not share a kind
CLOSE = 0.7  # ... or need not when two kinds of tie bind them as well
MIN_TERMS = 2  # a clause with fewer content words states too little to compare
COPY_SHARE = 0.6  # of a clause's words a copy of its sentence must hold to state it too
MIN_WORDS = 6  # a sentence shorter than this is not compared (the old unit; baselines)
BACKGROUND_DAYS = 365
REPORTS_APART = 3  # days between two reports beyond which undated happenings are two
NEAR_KM = 25  # two towns this close may be one happening's place as two reports name it
AREA_KM = 60  # ... a town and a district's point
BLOCK = 512  # rows of the similarity matrix held at once: memory grows with n, not n²
NEIGHBOURS = 25  # candidates per unit: enough for any claim, and pairs stay linear in n
NAME_LABELS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "EVENT"}
_TOWN = {"city", "village", "neighbourhood", "landmark", "admin2"}

# Kinds of happening or state: two claims state one proposition only when their
# predicates share a kind (or are one word). A predicate may have several kinds.
PREDICATE_KINDS: dict[str, tuple[str, ...]] = {
    "kill": ("kill", "die", "dead", "death", "slay", "murder", "execute", "massacre",
             "assassinate", "shoot", "claim", "perish", "lose"),
    "wound": ("wound", "injure", "hurt", "injury", "injured", "wounded"),
    "attack": ("attack", "storm", "assault", "raid", "strike", "hit", "target", "push",
               "advance", "invade", "enter", "offensive", "incursion", "pound", "shell",
               "bomb", "bombard", "fire", "renew", "launch", "escalate"),
    "clash": ("clash", "fight", "battle", "skirmish", "exchange", "engage", "repel",
              "repulse", "resist"),
    "siege": ("blockade", "besiege", "siege", "encircle", "surround", "impose", "reimpose",
              "re-impose", "close", "cut", "seal", "place"),
    "lift": ("lift", "end", "ease", "open", "reopen", "break"),
    "agree": ("agree", "deal", "sign", "reach", "accept", "broker", "seal", "strike",
              "conclude", "stipulate", "agreement"),
    "fail": ("fail", "collapse", "break", "stall", "falter", "founder", "inconclusive",
             "way"),  # "way": only as a light verb's noun, "the dam gave way"
    "talk": ("talk", "negotiate", "mediate", "meet", "discuss", "hold"),
    "demand": ("demand", "order", "ask", "require", "insist", "call", "urge", "press",
               "appeal", "want"),
    "refuse": ("refuse", "reject", "resist", "oppose", "defy", "decline", "deny"),
    "retake": ("recapture", "retake", "regain", "reclaim", "capture", "seize", "take",
               "control", "overrun", "return"),
    "flee": ("flee", "leave", "evacuate", "displace", "escape", "depart", "exile", "move"),
    "arrest": ("arrest", "detain", "jail", "imprison", "hold", "kidnap", "abduct"),
    "protest": ("protest", "demonstrate", "march", "rally"),
    "known": ("know", "consider", "regard", "call", "dub", "name", "birthplace", "cradle",
              "become"),
    "deploy": ("deploy", "gather", "mass", "reinforce", "bring", "send", "arrive", "build"),
    "surrender": ("surrender", "hand", "turn", "give", "disarm"),
    "flood": ("flood", "overflow", "burst", "submerge", "inundate", "swamp"),
    "complete": ("finish", "complete", "conclude", "end", "wrap"),
    "labour": ("strike", "walk", "walkout", "stoppage"),
    "appoint": ("appoint", "hire", "name", "pick", "choose", "select", "tap", "nominate",
                "elect", "install", "replace", "succeed", "rope", "promote"),
    "dismiss": ("fire", "dismiss", "sack", "oust", "remove", "terminate", "relieve", "axe",
                "resign", "quit", "step", "replace"),
    "admit": ("check", "enter", "admit", "hospitalise", "hospitalize", "rehab", "treat"),
    "sentence": ("sentence", "convict", "jail", "imprison", "condemn", "acquit", "plead",
                 "find", "verdict"),
    "host": ("host", "emcee", "present", "front", "compere"),
    "quake": ("quake", "earthquake", "tremor", "shake", "jolt", "rock", "strike", "hit"),
    "win": ("win", "beat", "defeat", "eliminate", "lose", "victory", "knock"),
    "buy": ("buy", "acquire", "purchase", "takeover", "merge", "bid", "sell"),
    "release": ("release", "free", "discharge", "unveil", "launch", "introduce", "debut"),
    "rob": ("rob", "steal", "loot", "burgle", "heist", "snatch"),
    "rise": ("rise", "gain", "climb", "increase", "jump", "surge", "soar", "rally", "grow",
             "up", "high", "boost"),
    "fall": ("fall", "drop", "decline", "slip", "plunge", "tumble", "sink", "slide", "dip",
             "decrease", "shrink", "down", "low", "lose", "crash", "slump"),
}  # fmt: skip
STATES = {"be", "have", "know", "remain", "become", "live", "lie", "hold", "own", "belong"}
LIGHT_VERBS = {"go", "take", "hold", "launch", "carry", "stage", "make", "give", "have",
               "conduct", "mount", "begin", "start", "get"}  # fmt: skip
_KINDS_OF: dict[str, frozenset[str]] = {}
for _kind, _words in PREDICATE_KINDS.items():
    for _word in _words:
        _KINDS_OF[_word] = _KINDS_OF.get(_word, frozenset()) | {_kind}
INCIDENT_KINDS = {"kill", "wound", "attack", "clash", "retake", "arrest", "protest"}
_DEAL_NOUNS = {"deal", "agreement", "ceasefire", "cease-fire", "truce", "accord", "settlement"}
_PRONOUNS = {"it", "they", "he", "she", "this", "that", "which", "who", "these", "those",
             "we", "i", "you", "one", "some", "others", "another"}  # fmt: skip


@dataclass
class Unit:
    """A proposition and its copies, with what the similarity and the checks look at."""

    proposition: Proposition
    sentence: Sentence
    citations: list[Citation]
    articles: frozenset[str]
    terms: list[str]
    kinds: frozenset[str] = frozenset()
    subject: str | None = None  # an entity or place key, when the participant is one
    object: str | None = None
    towns: frozenset[str] = frozenset()  # town-level places named (gazetteer keys)
    # the same places with where they lie: (key, lat, lon, feature)
    spots: frozenset[tuple[str, float, float, str]] = frozenset()
    countries: frozenset[str] = frozenset()
    place: str | None = None  # the most specific place named, as a reader would see it
    names: frozenset[str] = frozenset()
    persons: frozenset[str] = frozenset()  # its participants that are named people
    proper: frozenset[str] = frozenset()  # proper names heading its participants ("degeneres")
    phrases: frozenset[str] = frozenset()  # participants named with a name ("mirava dam")
    relative_days: frozenset[str] = frozenset()  # days no report date anchors ("XXXX-WXX-7")
    common: frozenset[str] = frozenset()  # its ties that are the whole story's (`_ties` keys)
    days: frozenset[str] = frozenset()
    periods: frozenset[str] = frozenset()
    background: bool = False
    report: date | None = None  # its report's date
    date: str | None = None
    # "text": its own words date it; "report": only its report's date does
    date_basis: Literal["text", "report"] | None = None
    figures: frozenset[tuple[str, str | None, float]] = frozenset()
    order: tuple[int, int, int] = (0, 0, 0)
    vector_key: tuple[str, int, int] = ("", 0, 0)
    labels: dict[str, str] = field(default_factory=dict)  # participant keys -> names shown

    @property
    def text(self) -> str:
        return self.proposition.text


# ---------------------------------------------------------------- units


def claim_groups(groups: list[SentenceGroup]) -> list[SentenceGroup]:
    """The copy groups that can state a claim as whole sentences: prose of MIN_WORDS or
    more (what the sentence-level baselines compare)."""
    return [
        g
        for g in groups
        if not g.members[0].heading and len(g.members[0].text.split()) >= MIN_WORDS
    ]


_NEGATIONS = {"not", "no", "never", "n't", "nor", "neither", "denied", "denies", "deny"}
_KEY_WORD = re.compile(r"\d")
_KEY_WORDS = (
    (set(NUMBERS) - {"a", "an"}) | _NEGATIONS | set(WEEKDAYS) | set(MONTHS)
    | {"yesterday", "today", "tomorrow", "thousand", "million", "dozen", "dozens"}
)  # fmt: skip


def _key_words(text: str) -> frozenset[str]:
    """The words of a sentence that change what it states when changed: numbers, negations,
    days and months ("two people were killed on Monday" against "three ... on Tuesday")."""
    words = re.findall(r"[\w'’]+", text.lower().replace("n't", " n't"))
    return frozenset(w for w in words if _KEY_WORD.search(w) or w in _KEY_WORDS)


def split_copies(groups: list[SentenceGroup]) -> list[SentenceGroup]:
    """Copy groups cut where copies differ in a word that changes what they state (a
    figure, a negation, a day): a wire story edited from "two" to "three" dead, or from
    "resigned" to "did not resign", is two statements, each its own unit, never one
    claim's two citations."""
    found = []
    for group in groups:
        parts: list[list[Sentence]] = []
        keys: list[frozenset[str]] = []
        for member in group.members:
            words = _key_words(member.text)
            for k, part in enumerate(parts):
                if keys[k] == words:
                    part.append(member)
                    break
            else:
                parts.append([member])
                keys.append(words)
        if len(parts) == 1:
            found.append(group)
        else:
            found.extend(group.model_copy(update={"members": part}) for part in parts)
    return found


def unit_propositions(
    parsed: Sequence[ParsedArticle], groups: list[SentenceGroup]
) -> list[tuple[SentenceGroup, Proposition]]:
    """The propositions that become units: those of the first sentence of each copy group
    (cut by `split_copies`) that have words enough to compare."""
    groups = split_copies(groups)
    by_sentence: dict[tuple[str, int], list[Proposition]] = defaultdict(list)
    for p in parsed:
        if p.pipeline is not None:
            continue  # another language's sentences are compared by `sources.french`
        for prop in p.propositions:
            by_sentence[(prop.article, prop.sentence)].append(prop)
    found = []
    for group in groups:
        first = group.members[0]
        for prop in by_sentence.get((first.article, first.index), []):
            if len(prop.terms) >= MIN_TERMS:
                found.append((group, prop))
    return found


def vector_keys(
    parsed: Sequence[ParsedArticle], groups: list[SentenceGroup]
) -> dict[tuple[str, int, int], str]:
    """The texts claims compare, by (article, start, end): a sentence that states one
    thing is compared whole; a sentence of several propositions, each clause alone."""
    chosen = unit_propositions(parsed, groups)
    count: dict[tuple[str, int], int] = defaultdict(int)
    for _, prop in chosen:
        count[(prop.article, prop.sentence)] += 1
    keys = {}
    for group, prop in chosen:
        first = group.members[0]
        if count[(prop.article, prop.sentence)] == 1:
            keys[(first.article, first.start, first.end)] = first.text
        else:
            keys[(prop.article, prop.start, prop.end)] = prop.reading
    return keys


def make_units(
    parsed: Sequence[ParsedArticle],
    groups: list[SentenceGroup],
    expressions: Sequence[TimeExpression],
    datings: Datings,
    places: Sequence[Place],
    entities: Sequence[Entity],
) -> list[Unit]:
    """One unit per proposition of each copy group, with its participants, places,
    dates and figures."""
    order = {p.article.id: n for n, p in enumerate(parsed)}
    by_id = {p.article.id: p for p in parsed}
    chosen = unit_propositions(parsed, groups)
    count: dict[tuple[str, int], int] = defaultdict(int)
    for _, prop in chosen:
        count[(prop.article, prop.sentence)] += 1
    where = _Where(parsed, expressions, datings, places, entities)
    props_of: dict[tuple[str, int], list[Proposition]] = defaultdict(list)
    for p in parsed:
        for prop in p.propositions:
            props_of[(prop.article, prop.sentence)].append(prop)
    units = []
    for group, prop in chosen:
        first = group.members[0]
        citations = [Citation(article=prop.article, start=prop.start, end=prop.end)]
        for copy in group.members[1:]:
            span = _in_copy(prop, copy, props_of.get((copy.article, copy.index), []))
            if span is not None:
                citations.append(Citation(article=copy.article, start=span[0], end=span[1]))
        report = by_id[prop.article].article.published
        unit = Unit(
            proposition=prop,
            sentence=first,
            citations=citations,
            articles=frozenset(c.article for c in citations),
            terms=prop.terms,
            kinds=predicate_kinds(prop),
            order=(order.get(prop.article, 0), first.index, prop.start),
            vector_key=(
                (first.article, first.start, first.end)
                if count[(prop.article, prop.sentence)] == 1
                else (prop.article, prop.start, prop.end)
            ),
        )
        unit.report = report
        where.fill(unit, report, only=count[(prop.article, prop.sentence)] == 1)
        units.append(unit)
    _drop_common_names(units)
    return units


def predicate_kinds(prop: Proposition) -> frozenset[str]:
    """The kinds of happening a proposition's predicate names ("a deal was struck": agree;
    a light verb takes its noun's: "went on strike": labour, "launched an attack": attack)."""
    kinds = _KINDS_OF.get(prop.predicate, frozenset())
    if prop.predicate in LIGHT_VERBS:
        for term in prop.terms:
            if term != prop.predicate:
                kinds = kinds | _KINDS_OF.get(term, frozenset())
    obj = (prop.object.text.lower().split() or [""])[-1] if prop.object else ""
    if obj in _DEAL_NOUNS or obj.rstrip("s") in _DEAL_NOUNS:
        kinds = kinds | {"agree"}
    return kinds


def _in_copy(
    prop: Proposition, copy: Sentence, candidates: list[Proposition]
) -> tuple[int, int] | None:
    """Where a copy of a clause's sentence states the clause: the clause of the same
    predicate sharing most of its words, else the whole copy when it holds most of them;
    None when the copy does not state it (a copy group can join sentences that share
    only part of a longer one)."""
    words = set(prop.terms)
    same = [c for c in candidates if c.predicate == prop.predicate]
    if same:
        twin = max(same, key=lambda c: len(words & set(c.terms)))
        if len(words & set(twin.terms)) >= COPY_SHARE * len(words):
            return twin.start, twin.end
    if len(words & set(copy.terms)) >= COPY_SHARE * len(words):
        return copy.start, copy.end
    return None


def _drop_common_names(units: list[Unit]) -> None:
    """A name, participant or town many of the cluster's units carry is the story's, not a
    claim's: it ties nothing to one happening ("regime forces" and "Daraa al-Balad" in a
    story of the siege of Daraa al-Balad). Such keys still part units (a different
    participant is a different proposition); they only stop counting as ties."""
    carried: dict[str, int] = defaultdict(int)
    for u in units:
        for key in _ties(u):
            carried[key] += 1
    common = {n for n, k in carried.items() if k > max(2, COMMON_SHARE * len(units))}
    for u in units:
        u.names = frozenset(u.names - common)
        u.common = frozenset(_ties(u) & common)


def _ties(u: Unit) -> set[str]:
    return {
        *u.names,
        *(f"who:{k}" for k in (u.subject, u.object) if k),
        *(f"proper:{k}" for k in u.proper),
        *(f"phrase:{k}" for k in u.phrases),
        *(f"town:{k}" for k in u.towns),
    }


class _Where:
    """Looks up what lies inside a clause's span: names, places, dates, figures, and the
    entities its participants refer to."""

    def __init__(
        self,
        parsed: Sequence[ParsedArticle],
        expressions: Sequence[TimeExpression],
        datings: Datings,
        places: Sequence[Place],
        entities: Sequence[Entity],
    ) -> None:
        self.entities = EntityIndex(list(entities))
        self.places: dict[str, Spans[Place]] = defaultdict(Spans)
        for place in places:
            for pm in place.mentions:
                self.places[pm.article].add(pm.start, pm.end, place)
        self.names: dict[str, Spans[str]] = defaultdict(Spans)
        for p in parsed:
            for m in p.mentions:
                if m.label in NAME_LABELS:
                    self.names[m.article].add(m.start, m.end, f"name:{name_key(m.text)}")
        self.times: dict[str, Spans[TimeExpression]] = defaultdict(Spans)
        for e in expressions:
            if e.type in ("DATE", "TIME"):
                self.times[e.article].add(e.start, e.end, e)
        self.sentence_dates: dict[tuple[str, int], list[str]] = defaultdict(list)
        for d in datings.plain:
            if not d.attribution:
                self.sentence_dates[(d.sentence.article, d.sentence.index)].append(d.key.value)
        self.figures: dict[str, Spans[tuple[str, str | None, float]]] = defaultdict(Spans)
        for p in parsed:
            for f in p.figures:
                self.figures[f.article].add(f.start, f.end, (f.topic, f.unit, f.value))
        self.index = {p.article.id: SentenceIndex(p) for p in parsed}
        self.texts = {p.article.id: p.article.text for p in parsed}
        # the town a report is about: the one it names most, when it names it at least
        # twice and more than all its other towns together
        self.home: dict[str, tuple[str, float, float, str]] = {}
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        spot_of: dict[str, tuple[str, float, float, str]] = {}
        for place in places:
            if place.feature in _TOWN:
                key = str(place.geonames_id or place.name)
                spot_of[key] = (key, place.lat, place.lon, place.feature)
                for pm in place.mentions:
                    counts[pm.article][key] += 1
        for article, found in counts.items():
            (key, top), *_ = found.most_common(1)
            if top >= 2 and 2 * top > sum(found.values()):
                self.home[article] = spot_of[key]

    def fill(self, unit: Unit, report: date | None, only: bool) -> None:
        prop = unit.proposition
        article, start, end = prop.article, prop.start, prop.end
        inside = self.places[article].overlapping(start, end)
        towns, countries, spots = set(), set(), set()
        text = self.texts[article]
        where = [place for s, e, place in inside if names_where(place, text[s:e])]
        for place in where:
            key = str(place.geonames_id or place.name)
            if place.feature in _TOWN:
                towns.add(key)
                spots.add((key, place.lat, place.lon, place.feature))
            if place.country_code:
                countries.add(place.country_code)
        unit.towns, unit.countries = frozenset(towns), frozenset(countries)
        unit.spots = frozenset(spots)
        specific = sorted(where, key=lambda p: p.feature not in _TOWN)
        unit.place = specific[0].name if specific else None
        names = {n for _, _, n in self.names[article].overlapping(start, end)}
        names |= {f"place:{p.geonames_id or p.name}" for _, _, p in inside}
        unit.names = frozenset(names)
        unit.figures = frozenset(v for _, _, v in self.figures[article].overlapping(start, end))
        unit.subject = self._participant(unit, prop.subject)
        unit.object = self._participant(unit, prop.object)
        unit.proper = frozenset(
            name_key(_head_word(who))
            for who in (prop.subject, prop.object)
            if who is not None and who.proper
        )
        phrases = (_named_phrase(w.text) for w in (prop.subject, prop.object) if w is not None)
        unit.phrases = frozenset(k for k in phrases if k)
        unit.relative_days = frozenset(
            e.value
            for _, _, e in self.times[article].overlapping(start, end)
            if e.value.startswith("XXXX")
        )
        self._time(unit, report, only)
        if not unit.spots and not unit.background and article in self.home:
            # a clause that names no place happened where its report is about (as a
            # reader takes "X checked into a clinic" in a report on a clinic in one town);
            # it can only part units, never tie them
            unit.spots = frozenset([self.home[article]])

    def _participant(self, unit: Unit, who: Participant | None) -> str | None:
        if who is None or who.text.lower() in _PRONOUNS:
            return None
        article = unit.proposition.article
        entity = self.entities.at(article, who.head, who.head + 1)
        if entity is not None:
            unit.labels[f"entity:{entity.id}"] = entity.name
            if entity.type == "person":
                unit.persons = unit.persons | {f"entity:{entity.id}"}
            return f"entity:{entity.id}"
        place = self.places[article].overlapping(who.head, who.head + 1)
        if place:
            found = place[0][2]
            unit.labels[f"place:{found.geonames_id or found.name}"] = found.name
            return f"place:{found.geonames_id or found.name}"
        return None

    def _paragraph_date(self, article: str, index: int) -> list[str]:
        """The dates of the nearest earlier sentence of the same paragraph that gives one."""
        sentences = self.index[article].sentences
        if index >= len(sentences):
            return []
        paragraph = sentences[index].paragraph
        for k in range(index - 1, -1, -1):
            if sentences[k].paragraph != paragraph:
                break
            found = self.sentence_dates.get((article, sentences[k].index))
            if found:
                return found
        return []

    def _time(self, unit: Unit, report: date | None, only: bool) -> None:
        """The day, month or year the clause speaks of (its own words', else, when it is
        its sentence's only claim, its sentence's), and whether that lies a year or more
        before its report (background, not news)."""
        from storyline.dates.datings import date_key

        prop = unit.proposition
        own = [e for _, _, e in self.times[prop.article].overlapping(prop.start, prop.end)]
        keys = [k for e in own if (k := date_key(e.value)) is not None]
        values = [k.value for k in keys]
        if not values and only:
            values = self.sentence_dates.get((prop.article, prop.sentence), [])
            keys = [k for v in values if (k := date_key(v)) is not None]
        if not values:
            # undated in its own words: the date its paragraph last gave, as a reader takes
            # "Regime forces shelled Karak" after "Clashes broke out on Wednesday"
            values = self._paragraph_date(prop.article, prop.sentence)
            keys = [k for v in values if (k := date_key(v)) is not None]
        unit.days = frozenset(k.value for k in keys if k.granularity == "day")
        unit.periods = frozenset(k.value for k in keys if k.granularity != "day")
        if keys:
            unit.date, unit.date_basis = keys[0].value, "text"
        elif report is not None:
            unit.date, unit.date_basis = report.isoformat(), "report"
        if report is not None and keys:
            last = max(_last_day(k.value, k.first_day) for k in keys)
            unit.background = (report - last).days >= BACKGROUND_DAYS


def _named_phrase(text: str) -> str | None:
    """A key for a participant that carries a name past its first word ("the Mirava dam"
    → "mirava dam"), None for a plain noun phrase ("the valley")."""
    words = text.split()
    if words and words[0].lower() in ("the", "a", "an", "its", "their", "his", "her"):
        words = words[1:]
    if not any(w[:1].isupper() for w in words[1:]) and not (
        len(words) > 1 and words[0][:1].isupper()
    ):
        return None
    return name_key(" ".join(words)) or None


def _head_word(who: Participant) -> str:
    """The participant's head word as written ("DeGeneres" of "Ellen DeGeneres")."""
    rest = who.text[who.head - who.start :]
    return rest.split()[0] if rest.split() else ""


def _last_day(value: str, first: date) -> date:
    if len(value) == 4:
        return date(first.year, 12, 31)
    if len(value) == 7:
        following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return first


# ---------------------------------------------------------------- comparing


def similarity(a: Unit, b: Unit, base: float) -> float:
    """The base similarity raised by agreement of names, days and figures."""
    score = base + min(NAME_BONUS * len(a.names & b.names), NAME_BONUS_MAX)
    if a.days and b.days and a.days & b.days:
        score += SAME_DAY
    elif a.periods & b.periods:
        score += SAME_PERIOD
    if a.figures & b.figures:
        score += SAME_FIGURE
    return score


def conflict(a: Unit, b: Unit) -> str | None:
    """What parts two units for good, if anything: they may then never share a claim.
    "mood" (a plan against a fact, a denial against an assertion), "subject" or "object"
    (different merged entities or places), "place" (towns or countries apart),
    "background" (a fact of years ago against one of the reports' days), "time"
    (different months or years), "day" (different days: the one conflict a date
    discrepancy is made of)."""
    pa, pb = a.proposition, b.proposition
    if not _moods_agree(pa, pb):
        return "mood"
    for role in ("subject", "object"):
        x, y = getattr(a, role), getattr(b, role)
        if x and y and x != y and not (x.startswith("place:") and y.startswith("place:")):
            return role  # two places are parted, or not, by where they lie (below)
    for role in ("subject", "object"):
        x, y = getattr(a.proposition, role), getattr(b.proposition, role)
        if (
            x is not None
            and y is not None
            and x.proper
            and y.proper
            and not (getattr(a, role) and getattr(a, role) == getattr(b, role))
            and name_key(_head_word(x)) != name_key(_head_word(y))
        ):
            return role  # "the Angels made an offer", "the Nationals offered"
    if a.spots and b.spots and not _near(a, b):
        return "place"
    if a.countries and b.countries and not a.countries & b.countries:
        return "place"
    if a.background != b.background:
        return "background"
    if a.periods and b.periods and not a.periods & b.periods and not (a.days or b.days):
        return "time"
    if a.days and b.days and not a.days & b.days:
        return "day"
    if (
        a.date_basis == b.date_basis == "report"
        and a.report is not None
        and b.report is not None
        and abs((a.report - b.report).days) > REPORTS_APART
        and not (a.background or b.background)
        and not (_state(a) and _state(b) and not _figures_differ(a, b))
    ):
        # a happening neither dates but by its report: reports days apart tell two
        # ("the Nasdaq fell" in the reports of two different days)
        return "time"
    if (
        _incident(a, b)
        and not (a.days and b.days)
        and not (a.background and b.background and a.periods & b.periods)
        and _anchors(a, b, places_once=True) < 2
        and not a.persons & b.persons
    ):
        # an incident without a day on both sides may be two incidents, unless two
        # different ties that are not the whole story's bind them to one, or it happens
        # to one named person ("Page died", "Bettie Page passed away")
        return "undated"
    return None


def agree(a: Unit, b: Unit, cosine: float) -> bool:
    """Whether two units say the same kind of thing about the same happening: predicates
    of one kind (or words close in meaning) and something that ties them to one
    happening (`_anchored`)."""
    pa, pb = a.proposition, b.proposition
    same_kind = pa.predicate == pb.predicate or bool(a.kinds & b.kinds)
    if not _anchored(a, b):
        return False
    # "broke through the dam" and "the dam gave way": words apart, meaning close
    if _kinds_apart(a, b):
        return False  # "was fired" and "was hired": close in words, two happenings
    return (
        same_kind
        or cosine >= PARAPHRASE
        or (cosine >= CLOSE and (_anchors(a, b) >= 2 or bool(a.days & b.days)))
    )


def _state(u: Unit) -> bool:
    """A clause that tells how things are ("is known as", "has 40,000 people"), not what
    happened."""
    return u.proposition.predicate in STATES or "known" in u.kinds


def _figures_differ(a: Unit, b: Unit) -> bool:
    """Both give a figure and none is the same."""
    return bool(a.figures and b.figures) and not {v for *_, v in a.figures} & {
        v for *_, v in b.figures
    }


def _kinds_apart(a: Unit, b: Unit) -> bool:
    """Both predicates are of known kinds, and of no kind in common ("fell" and "rose",
    "fired" and "hired")."""
    return (
        bool(a.kinds and b.kinds)
        and not a.kinds & b.kinds
        and a.proposition.predicate != b.proposition.predicate
    )


def _near(a: Unit, b: Unit) -> bool:
    """Whether two units name one place, or places a report could name for one happening:
    towns within NEAR_KM ("Malibu" and "Los Angeles"), or a town within AREA_KM of a
    district's point ("Banstead" and "Surrey")."""
    for key, lat, lon, feature in a.spots:
        for other, lat2, lon2, feature2 in b.spots:
            if key == other:
                return True
            reach = AREA_KM if "admin2" in (feature, feature2) else NEAR_KM
            if distance_km(lat, lon, lat2, lon2) <= reach:
                return True
    return False


def _moods_agree(a: Proposition, b: Proposition) -> bool:
    """Whether two clauses state their content alike: both asserted, both ahead (will,
    is set to, is to), or one ahead and the other told in the present of a scheduled
    thing ("will host" and a headline's "hosts"). A plan is never a fact ("were supposed
    to enter" against "entered"), a denial never an assertion."""
    if a.mood == b.mood:
        return True
    ahead = {"future", "plan"}
    if a.mood in ahead and b.mood in ahead:
        return True
    for one, other in ((a, b), (b, a)):
        if one.mood in ahead and other.mood is None and other.tense == "present":
            return True
    return False


def _incident(a: Unit, b: Unit) -> bool:
    """Whether the two tell a happening of one day (a killing, a clash, an attack, an
    arrest...): such claims agree only on a day both give."""
    return bool((a.kinds | b.kinds) & INCIDENT_KINDS)


def _anchors(a: Unit, b: Unit, places_once: bool = False) -> int:
    """How many kinds of tie two units share (participant, name, town, day, figure);
    `places_once`: a place named in both counts as a town only, not as a name too."""
    names = a.names & b.names
    if places_once:
        names = frozenset(n for n in names if not n.startswith("place:"))
    return sum(
        bool(x)
        for x in (
            _same_participant(a, b),
            names,
            _same_town(a, b),
            a.days & b.days or a.relative_days & b.relative_days,
            _same_figures(a, b),
        )
    )  # fmt: skip


def _same_participant(a: Unit, b: Unit) -> bool:
    """One participant in both, whatever its role, that is not the whole story's: an
    entity or place, a proper name, a named phrase ("forcing 3,000 people" and "residents
    had to leave" share the civilians)."""
    skip = a.common | b.common
    mine = {f"who:{k}" for k in (a.subject, a.object) if k} - skip
    theirs = {f"who:{k}" for k in (b.subject, b.object) if k} - skip
    proper = {f"proper:{k}" for k in a.proper & b.proper} - skip
    phrases = {f"phrase:{k}" for k in a.phrases & b.phrases} - skip
    return bool(mine & theirs or proper or phrases)


def _same_town(a: Unit, b: Unit) -> bool:
    return bool({f"town:{k}" for k in a.towns & b.towns} - (a.common | b.common))


def _same_figures(a: Unit, b: Unit) -> bool:
    """One count in both ("3,000 people", "about 3,000 residents"): a number of ten or more
    (small counts repeat by chance)."""
    return bool({v for _, _, v in a.figures if v >= 10} & {v for _, _, v in b.figures if v >= 10})


def _anchored(a: Unit, b: Unit) -> bool:
    """Whether two units share something that ties them to one happening, not just to one
    kind of happening: a participant, a distinctive name, a town, a day or a figure
    ("the actress checked into rehab" is every such story; "Lohan checked into rehab on
    Thursday" is one)."""
    return bool(
        _same_participant(a, b)
        or a.persons & b.persons
        or a.names & b.names
        or _same_town(a, b)
        or a.days & b.days
        or a.relative_days & b.relative_days
        or a.periods & b.periods
        or _same_figures(a, b)
    )


def candidate_pairs(vectors: np.ndarray, floor: float) -> list[tuple[int, int, float]]:
    """Pairs (i < j) whose cosine reaches `floor`, each unit keeping its NEIGHBOURS nearest:
    computed a block of rows at a time, so memory and pairs grow with n, not n².

    Most of a row lies below the floor, so only the cells above it are looked at; a row
    with more than NEIGHBOURS of them keeps its nearest (an argpartition of that row's
    survivors, not of the whole row)."""
    found: set[tuple[int, int]] = set()
    pairs: list[tuple[int, int, float]] = []
    n = len(vectors)
    k = min(NEIGHBOURS + 1, n)
    for start in range(0, n, BLOCK):
        block = vectors[start : start + BLOCK] @ vectors.T
        rows, cols = np.nonzero(block >= floor)
        bounds = np.searchsorted(rows, np.arange(len(block) + 1))
        for r in range(len(block)):
            kept = cols[bounds[r] : bounds[r + 1]]
            if len(kept) > k:
                kept = kept[np.argpartition(-block[r, kept], k - 1)[:k]]
            i = start + r
            for c in kept.tolist():
                key = (i, c) if i < c else (c, i)
                if c != i and key not in found:
                    found.add(key)
                    pairs.append((*key, float(block[r, c])))
    return pairs


def _pairwise_sum(values: list[float]) -> float:
    """Sum as numpy's `np.sum` adds a float64 array of up to 128 values (eight running sums
    combined pairwise), so a dot product summed here equals the sparse one bit for bit."""
    n = len(values)
    if n > 128:
        return float(np.sum(np.asarray(values)))
    if n < 8:
        total = 0.0
        for v in values:
            total += v
        return total
    r = values[:8]
    i = 8
    while i < n - n % 8:
        for j in range(8):
            r[j] += values[i + j]
        i += 8
    total = ((r[0] + r[1]) + (r[2] + r[3])) + ((r[4] + r[5]) + (r[6] + r[7]))
    for v in values[i:]:
        total += v
    return total


def cluster(
    n: int,
    pairs: list[tuple[int, int, float]],
    threshold: float,
    score: Callable[[int, int], float | None],
) -> list[list[int]]:
    """Average-linkage clusters of 0..n-1 over scored candidate pairs.

    `pairs` are (i, j, score); `score(i, j)` gives any pair's score, or None for a pair
    that does not count (same article), or -inf for a pair that may never share a
    cluster. Edges are taken strongest first; two clusters merge when the mean score
    over their counted pairs reaches `threshold`.
    """
    members: dict[int, list[int]] = {i: [i] for i in range(n)}
    owner = list(range(n))
    cache: dict[tuple[int, int], float | None] = {}
    # two clusters that failed to merge fail again until one of them grows: each cluster's
    # size says whether it changed, so many candidate edges between the same two clusters
    # cost one comparison, not one each
    failed: set[tuple[int, int, int, int]] = set()

    def pair_score(i: int, j: int) -> float | None:
        key = (i, j) if i < j else (j, i)
        if key not in cache:
            cache[key] = score(*key)
        return cache[key]

    for i, j, s in sorted(pairs, key=lambda p: -p[2]):
        if s < threshold:
            break
        a, b = owner[i], owner[j]
        if a == b:
            continue
        state = (a, len(members[a]), b, len(members[b]))
        if state in failed:
            continue
        scores = [v for x in members[a] for y in members[b] if (v := pair_score(x, y)) is not None]
        if not scores or sum(scores) / len(scores) < threshold:
            failed.add(state)
            continue
        if len(members[a]) < len(members[b]):
            a, b = b, a
        for y in members[b]:
            owner[y] = a
        members[a].extend(members.pop(b))
    return [sorted(m) for m in members.values()]


@dataclass(frozen=True)
class Aligned:
    """Claims (each with its units), and the unit pairs that state one claim but for the
    day (date discrepancies)."""

    claims: list[Claim]
    other_days: list[tuple[Unit, Unit]]
    members: list[list[Unit]] = field(default_factory=list)  # in the order of `claims`


def align_claims(
    units: list[Unit],
    vectors: np.ndarray,
    source_of: Mapping[str, str],
    threshold: float,
) -> Aligned:
    """Cluster units into claims; give each its sources, status and related claims."""
    if not units:
        return Aligned([], [], [])
    lexical = tfidf([u.terms for u in units])
    lexical.sort_indices()
    # each row's weights by term, so a pair's dot product is a few multiplications (sparse
    # slicing costs far more than the product itself when asked for millions of pairs)
    rows = [
        dict(zip(lexical.indices[a:b].tolist(), lexical.data[a:b].tolist(), strict=True))
        for a, b in zip(lexical.indptr[:-1], lexical.indptr[1:], strict=True)
    ]
    terms = [frozenset(row) for row in rows]

    def blended(i: int, j: int, cosine: float) -> float:
        common = terms[i] & terms[j]
        shared = _pairwise_sum([rows[i][t] * rows[j][t] for t in sorted(common)]) if common else 0.0
        return (1 - LEXICAL_WEIGHT) * cosine + LEXICAL_WEIGHT * shared

    related: list[tuple[int, int, float]] = []
    other_days: list[tuple[Unit, Unit]] = []
    edges = []
    for i, j, cosine in candidate_pairs(vectors, COSINE_FLOOR):
        if units[i].articles & units[j].articles:
            continue  # a paraphrase within one article is no second source
        value = similarity(units[i], units[j], blended(i, j, cosine))
        parted = conflict(units[i], units[j])
        alike = agree(units[i], units[j], cosine)
        if parted is None and alike and value >= threshold:
            edges.append((i, j, value))
        elif value >= RELATED:
            related.append((i, j, value))
            if parted == "day" and alike and value >= threshold:
                other_days.append((units[i], units[j]))

    def score(i: int, j: int) -> float | None:
        if units[i].articles & units[j].articles:
            return None
        if conflict(units[i], units[j]) is not None or _kinds_apart(units[i], units[j]):
            return -math.inf  # never in one claim
        cosine = float(vectors[i] @ vectors[j])
        return similarity(units[i], units[j], blended(i, j, cosine))

    clusters = cluster(len(units), edges, threshold, score)
    made = [_claim(units, c, vectors, source_of) for c in clusters]
    order = sorted(range(len(made)), key=lambda n: (STATUS_RANK[made[n][0].status],
                                                    -made[n][0].independent_sources,
                                                    made[n][1]))  # fmt: skip
    ids = {n: f"C{k}" for k, n in enumerate(order, 1)}
    claim_of = {u: n for n, c in enumerate(clusters) for u in c}
    near: dict[int, dict[int, float]] = defaultdict(dict)
    for i, j, value in related:
        a, b = claim_of[i], claim_of[j]
        if a != b:
            near[a][b] = max(near[a].get(b, 0.0), value)
            near[b][a] = max(near[b].get(a, 0.0), value)
    claims = []
    for n in order:
        linked = sorted(near[n], key=lambda m: (-near[n][m], ids[m]))[:RELATED_MAX]
        claims.append(
            made[n][0].model_copy(update={"id": ids[n], "related": [ids[m] for m in linked]})
        )
    return Aligned(claims, other_days, [[units[i] for i in clusters[n]] for n in order])


def _claim(
    units: list[Unit], members: list[int], vectors: np.ndarray, source_of: Mapping[str, str]
) -> tuple[Claim, tuple[int, int, int]]:
    chosen = [units[i] for i in members]
    articles = sorted(
        {a for u in chosen for a in u.articles},
        key=lambda a: (min(u.order for u in chosen if a in u.articles), a),
    )
    independent = len({source_of.get(a, a) for a in articles})
    status: ClaimStatus = "corroborated" if independent >= 2 else "single_source"
    note = _conflict(chosen, source_of)
    if note:
        status = "contested"
    best = _clearest(chosen, members, vectors)
    position = {a: n for n, a in enumerate(articles)}
    citations = sorted(
        {c for u in chosen for c in u.citations},
        key=lambda c: (position[c.article], c.start, c.end),
    )
    claim = Claim(
        id="",
        text=best.text,
        citations=citations,
        sources=articles,
        independent_sources=independent,
        status=status,
        note=note,
        predicate=best.proposition.predicate,
        mood=best.proposition.mood,
        subject=_shown(chosen, "subject"),
        object=_shown(chosen, "object"),
        place=next((u.place for u in chosen if u.place), None),
        date=next((u.date for u in chosen if u.date_basis == "text"), best.date),
        date_basis="text" if any(u.date_basis == "text" for u in chosen) else best.date_basis,
        background=best.background,
    )
    return claim, min(u.order for u in chosen)


def _shown(chosen: list[Unit], role: str) -> str | None:
    """The participant's name as the claim shows it: the merged entity's, else as written."""
    for u in chosen:
        key = getattr(u, role)
        if key and key in u.labels:
            return u.labels[key]
    for u in chosen:
        who = getattr(u.proposition, role)
        if who is not None:
            return str(who.text)
    return None


def _clearest(chosen: list[Unit], members: list[int], vectors: np.ndarray) -> Unit:
    """The member closest to the cluster's centre, preferring one that stands alone
    (no leading pronoun or connective) and is of readable length."""
    if len(chosen) == 1:
        return chosen[0]
    centre = vectors[members].mean(axis=0)

    def value(k: int) -> float:
        unit = chosen[k]
        words = len(unit.text.split())
        v = float(vectors[members[k]] @ centre)
        if DANGLING.match(unit.text):
            v -= 0.2
        if unit.text.lstrip().startswith(('"', "“", "'")):
            v -= 0.1
        if unit.text[:1].islower():
            v -= 0.1  # begins inside its sentence
        if words > 25:
            v -= 0.05
        if words > 45:
            v -= 0.1
        return v

    return chosen[max(range(len(chosen)), key=value)]


def _conflict(chosen: list[Unit], source_of: Mapping[str, str]) -> str | None:
    """A figure of the claim that independent sources give differently."""
    by_source: dict[str, Unit] = {}
    for u in chosen:
        for a in u.articles:
            by_source.setdefault(source_of.get(a, a), u)
    found = list(by_source.values())
    for x, first in enumerate(found):
        for second in found[x + 1 :]:
            for topic, counted, value in sorted(first.figures, key=str):
                others = {v for t, c, v in second.figures if t == topic and c == counted}
                if others and value not in others:
                    shown = ", ".join(f"{v:g}" for v in sorted(others))
                    return f"{topic}: {value:g} in one report, {shown} in another"
    return None
