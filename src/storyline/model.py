"""Every record that crosses a stage boundary, as frozen pydantic models.

The JSON output is `Briefing` dumped as is; `storyline schema` prints the JSON
Schema generated from it (a copy lives in `schema/briefing.schema.json`).
Offsets are character offsets into `Article.text` (the cleaned text), end
exclusive like a Python slice, so `article.text[start:end]` is the cited span.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "1.10"

PublishedBasis = Literal["metadata", "text", "inferred", "unknown"]
Tense = Literal["past", "present", "future"]
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]
Granularity = Literal["day", "month", "year"]
IssueKind = Literal["weekday_mismatch", "impossible_date", "after_publication", "copies_disagree"]
ClaimStatus = Literal["corroborated", "single_source", "contested"]
# claims are listed corroborated first, then contested, then single-source
STATUS_RANK: dict[str, int] = {"corroborated": 0, "contested": 1, "single_source": 2}
Bound = Literal["exact", "at_least", "at_most", "about"]
DiscrepancyKind = Literal["figure", "date", "copy"]
ActorType = Literal[
    "state forces", "rebel group", "political militia", "identity militia", "rioters",
    "protesters", "civilians", "external/other forces",
]  # fmt: skip
EntityType = Literal["person", "organisation", "armed group", "group"]
EventType = Literal[
    "Battles", "Explosions/Remote violence", "Violence against civilians", "Protests", "Riots",
    "Strategic developments",
]  # fmt: skip
DatePrecision = Literal["day", "week", "month", "year"]
Feature = Literal[
    "country", "admin1", "admin2", "city", "village", "neighbourhood", "landmark", "region"
]


class Record(BaseModel):
    """Base of all records: immutable, and strict about unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Citation(Record):
    """A span of one article's cleaned text that a statement rests on."""

    article: str
    start: int = Field(ge=0)
    end: int = Field(ge=0, description="exclusive, like a Python slice")


class RemovedLine(Record):
    """A line of the input dropped as page furniture, kept so a user can check it."""

    line: int = Field(description="1-based line number in the input text")
    text: str
    reason: str


class DateRange(Record):
    """The dates an inferred publication date could be, as far as the evidence goes."""

    earliest: date | None
    latest: date | None


class Dateline(Record):
    """Where and when a report was filed, as the dateline before its first sentence says
    ("PORT KESSEL, March 14 (WAG) -"). Metadata: not part of the text."""

    text: str = Field(description="the dateline as printed")
    place: str
    month: int | None = None
    day: int | None = None
    year: int | None = None
    outlet: str | None = Field(default=None, description="the agency it names, e.g. Reuters")


class Article(Record):
    """One news report after reading and cleaning.

    `published` comes from page or record metadata, else from the text (a date
    line), else the dates stage infers it from what the article and the rest of
    the cluster say: then `published_basis` is "inferred", `published_range`
    holds the dates the evidence allows and `published_evidence` the spans it
    rests on.
    """

    id: str
    source: str = Field(description="the file path, URL, or 'path#record' it came from")
    title: str | None
    outlet: str | None
    published: date | None
    published_basis: PublishedBasis
    text: str = Field(description="cleaned text; every citation offset points into it")
    removed: list[RemovedLine] = Field(default_factory=list)
    url: str | None = None
    published_range: DateRange | None = None
    published_evidence: list[Citation] = Field(default_factory=list)
    published_note: str | None = None
    dateline: Dateline | None = None
    authors: list[str] = Field(
        default_factory=list, description="its authors, from its byline or metadata"
    )
    not_report: str | None = Field(
        default=None,
        description="why the page is not a report (a site notice, a list of headlines): it is "
        "kept and listed, and nothing is read from it",
    )
    language: str | None = Field(
        default=None,
        description="ISO 639-1 code of its language ('und': too short to tell); None until "
        "identified",
    )


class Clause(Record):
    """A finite verb's clause: the span of its subtree and the tense it is told in.

    Present perfect ("has killed") counts as past; "will", "shall", "going to"
    and the like as future.
    """

    start: int
    end: int
    tense: Tense


class Sentence(Record):
    """A sentence of one article, as the NLP pass split it.

    `terms` are the lower-cased lemmas of its content words, kept so later
    stages need not run a tokenizer again.
    """

    article: str
    index: int = Field(description="position of the sentence in its article, from 0")
    paragraph: int = Field(description="index of its paragraph in the article, from 0")
    start: int
    end: int
    text: str
    heading: bool = Field(default=False, description="a subheading, not a sentence of prose")
    terms: list[str] = Field(default_factory=list)
    clauses: list[Clause] = Field(default_factory=list)


class Mention(Record):
    """A named-entity mention found by the NLP model."""

    article: str
    start: int
    end: int
    text: str
    label: str


class Figure(Record):
    """A count the text gives: "nine checkpoints", "killed 28 people", "at least four".

    `unit` is the lemma of the thing counted ("checkpoint", "civilian"); `topic`
    is what the count is about: "killed" and "wounded" for casualty figures,
    else the counted thing in the plural ("checkpoints"). `start`/`end` span the
    number and its noun as written.
    """

    article: str
    sentence: int = Field(description="index of the sentence it stands in")
    start: int
    end: int
    text: str
    value: float
    unit: str | None
    topic: str
    bound: Bound = "exact"
    scope: str | None = Field(
        default=None, description="how the figure relates to another: 'including', 'of whom'"
    )


class Participant(Record):
    """A noun phrase that takes part in a predicate: who acts, or who is acted on."""

    start: int
    end: int
    text: str
    head: int = Field(description="offset of the phrase's head word")
    proper: bool = Field(default=False, description="its head word is a proper noun")


class Predicate(Record):
    """An event word in a sentence and what the parse says about it (see `nlp.predicates`).

    `mood` is None when the text asserts the event happened; else why it does not
    count as an incident: "negated", "modal", "appeal or plan", "infinitive",
    "conditional", "habitual", "future", "cumulative" (a running toll), "episode" (the
    toll of a flare-up, a campaign, a war).
    """

    article: str
    sentence: int
    start: int
    end: int
    text: str
    lemma: str
    cues: list[str] = Field(description="the event words of the predicate, as lemmas")
    families: list[str] = Field(description="kinds of event the cue words name")
    agent: Participant | None = None
    patient: Participant | None = None
    mood: str | None = None
    figures: list[int] = Field(
        default_factory=list, description="indices into the article's figures"
    )


class Proposition(Record):
    """A clause of a sentence that states one thing (see `nlp.propositions`): a claim is
    made of propositions, so two reports agree on what they state, not on a sentence.

    `start`/`end` span the clause's own words (a relative clause with the noun it hangs
    on), and may hold another clause nested in it; `reading` is its own words alone;
    `head` is the offset of its head word. `mood` is None when the report asserts
    it; else "negated", "modal", "future", "conditional", "plan", "attempt", "appeal",
    "question".
    """

    article: str
    sentence: int
    start: int
    end: int
    text: str = Field(description="the span as written (it may hold a clause within it)")
    reading: str = Field(description="the clause's own words: what is compared with others")
    terms: list[str] = Field(
        default_factory=list, description="lower-cased lemmas of its content words"
    )
    head: int
    predicate: str = Field(description="lemma of the word that says what is stated")
    subject: Participant | None = None
    object: Participant | None = None
    speaker: Participant | None = Field(
        default=None, description="who the report says said it ('a local group said')"
    )
    mood: str | None = None
    tense: Tense | None = Field(default=None, description="as its verb forms show it")
    relative: bool = Field(default=False, description="a relative clause on a noun")


class ParsedArticle(Record):
    """An article with the results of the one NLP pass over it.

    `names` are runs of proper nouns as the tagger saw them ("Daraa al-Balad",
    "Tafas"), whatever the entity recogniser called them: the places stage
    looks them up in the gazetteer.
    """

    article: Article
    sentences: list[Sentence]
    mentions: list[Mention]
    names: list[Mention] = Field(default_factory=list)
    figures: list[Figure] = Field(default_factory=list)
    predicates: list[Predicate] = Field(default_factory=list)
    groups: list[Mention] = Field(
        default_factory=list, description="phrases naming groups of people; label: head lemma"
    )
    propositions: list[Proposition] = Field(
        default_factory=list, description="the clauses that each state one thing"
    )
    pipeline: str | None = Field(
        default=None,
        description="the spaCy pipeline of a report read in another language than English "
        "(its sentences, names, places and dates; no events or claims of its own)",
    )


class SentenceGroup(Record):
    """Sentences that are copies of one another (wire text, repeated lines).

    The first member is the representative; the rest are the copies.
    """

    members: list[Sentence]


class SummarySentence(Record):
    """One sentence of the summary, with every article span that carries it."""

    text: str
    citations: list[Citation]
    score: float = Field(description="how central the sentence is in the cluster, 0 to 1")
    status: ClaimStatus | None = Field(
        default=None, description="the status of the claim the sentence states (see claims)"
    )
    independent_sources: int = Field(
        default=1, description="independent sources (copies of one wire story count once)"
    )
    corroborated_by: list[Citation] = Field(
        default_factory=list,
        description="sentences of other sources that state the same claim in their own words",
    )


class DateKey(Record):
    """The calendar date a time expression places something at, at a granularity:
    `2021-07-27` (day), `2021-07` (month), `2021` (year), or an ISO week `2021-W29`
    (keyed by its Monday)."""

    value: str
    granularity: Literal["day", "week", "month", "year"]
    first_day: date

    @property
    def order(self) -> tuple[date, int]:
        """Sorts dates in time, a coarser date before the finer dates it holds."""
        return self.first_day, {"year": 0, "month": 1, "week": 2, "day": 3}[self.granularity]


class Dating(Record):
    """A sentence that places something at a date (see `dates.datings`)."""

    sentence: Sentence
    key: DateKey
    basis: Literal["stated", "relative", "inferred"] = Field(
        description="stated in the text; resolved against a report's known date; or against "
        "an inferred one"
    )
    attribution: bool = Field(
        default=False, description="dates the telling ('said on Tuesday'), not the happening"
    )
    start: int = Field(default=-1, description="where the time expression stands")


class Datings(Record):
    """Every sentence that dates something, computed once by the dates stage: `plain` at
    day, month and year granularity (for sources and the timeline); `with_weeks` also
    at ISO weeks ("last week"), which events may be dated by."""

    plain: list[Dating] = Field(default_factory=list)
    with_weeks: list[Dating] = Field(default_factory=list)


class Headline(Record):
    """The briefing's headline: the title of the article that leads the summary."""

    text: str
    article: str


class Skipped(Record):
    """An input that could not be briefed, and why."""

    source: str
    code: str
    message: str
    line: int | None = None

    def location(self) -> str:
        """`source:line`, or the source alone when no line applies."""
        return f"{self.source}:{self.line}" if self.line else self.source


class TimeExpression(Record):
    """A temporal expression in an article, normalised to a TIMEX3-style value.

    Values: `2021-07-27` (day), `2021-07` (month), `2021`, `201` (decade),
    `2021-W29` (ISO week), `2021-W29-WE` (weekend), `2021-Q3`, `2021-SU` (season),
    `2021-07-27TNI` (night; TMO, TAF, TEV for morning, afternoon, evening),
    `2021-07-27T14:30`, durations `P3Y`, `P1W`, `PT5H`, `PXY` (unspecified count),
    `PAST_REF`, `PRESENT_REF`, `FUTURE_REF`. Without an anchor the unknown parts
    stay `X`: `XXXX-06-25`, `XXXX-WXX-2` (a Tuesday).
    """

    article: str
    text: str
    start: int
    end: int
    type: TimexType
    value: str
    mod: str | None = Field(
        default=None,
        description="TIMEX3 mod: BEFORE, AFTER, START, MID, END, APPROX, MORE_THAN, ...",
    )
    anchor: date | None = Field(
        default=None, description="the date a relative expression was resolved against"
    )
    anchor_basis: PublishedBasis | None = None


class DateIssue(Record):
    """A place where a report's own dates do not add up."""

    article: str
    text: str
    start: int
    end: int
    kind: IssueKind
    value: str = Field(description="the date as the text states it, in the year context sets")
    note: str


class TimelineEntry(Record):
    """One dated happening: a readable sentence, and every span that dates it."""

    date: str = Field(description="ISO date, YYYY-MM or YYYY, by granularity")
    granularity: Granularity
    text: str
    citations: list[Citation] = Field(description="the entry's sentences and their copies")
    related: list[Citation] = Field(
        default_factory=list, description="the other sentences that date something to this date"
    )
    sources: list[str] = Field(description="the articles that date something to this date")
    basis: Literal["stated", "relative", "inferred"] = Field(
        description="stated in the text; resolved against a known publication date; "
        "or resolved against an inferred one"
    )


class PlaceMention(Record):
    """Where a place is named: a span of one article's cleaned text."""

    article: str
    start: int
    end: int
    text: str


class Place(Record):
    """A place the reports name, resolved to a gazetteer entry and its coordinates.

    A part of a place the gazetteer lacks ("Karak, a neighborhood in Daraa
    al-Balad") is placed at the most specific place it has: then `within` names
    that place, `geonames_id` is its id, and `note` says so.
    """

    name: str = Field(description="the name as the reports most often write it")
    lat: float
    lon: float
    feature: Feature
    country_code: str | None = Field(description="ISO 3166-1 alpha-2")
    admin1: str | None = Field(description="the first-level region (governorate, state)")
    geonames_id: int | None
    gazetteer_name: str = Field(description="the name the gazetteer files it under")
    within: str | None = Field(
        default=None, description="for a part the gazetteer lacks: the place it lies in"
    )
    mentions: list[PlaceMention]
    confidence: float = Field(ge=0, le=1)
    note: str | None = None


class UnresolvedPlace(Record):
    """A name read as a place that the gazetteer could not place, and why."""

    name: str
    mentions: list[PlaceMention]
    reason: str


class Syndication(Record):
    """Two articles that carry the same wire text, and the sentences they share."""

    articles: list[str] = Field(min_length=2, max_length=2)
    shared_sentences: int
    score: float = Field(
        ge=0, le=1, description="share of the shorter article's words in shared sentences"
    )
    shared: list[Citation] = Field(description="the shared sentences, in both articles")
    kind: Literal["copy", "translation"] = Field(
        default="copy",
        description="'translation': the second article, in another language, translates the "
        "first (matched by meaning, sentence by sentence, in order)",
    )


class CrossLink(Record):
    """A sentence of a report in a language the pipeline does not read, and an English
    sentence that says the same (multilingual sentence vectors, figures and weekdays agree)."""

    foreign: Citation
    english: Citation
    score: float = Field(description="cosine of the two sentences' multilingual-e5 vectors")
    language: str = Field(description="the foreign report's language (ISO 639-1)")


class SourceGroup(Record):
    """Articles that count as one independent source: copies of one wire story."""

    id: str
    articles: list[str]
    outlets: list[str] = Field(default_factory=list)


class Claim(Record):
    """A proposition, with every clause in every report that states it (paraphrases too).

    `corroborated`: two or more independent sources state it; `single_source`: one
    source (perhaps in several copies); `contested`: independent sources that state it
    give different figures. `related` lists claims on the same topic that state
    something else: never support.
    """

    id: str
    text: str = Field(description="the clearest clause that states it, as written")
    citations: list[Citation] = Field(description="each clause that states it, in each report")
    sources: list[str] = Field(description="the articles that make the claim")
    independent_sources: int
    status: ClaimStatus
    note: str | None = None
    predicate: str | None = Field(default=None, description="what is stated: a verb's lemma")
    mood: str | None = Field(
        default=None, description="None: asserted; else 'negated', 'plan', 'modal', ..."
    )
    subject: str | None = Field(default=None, description="who or what it is about")
    object: str | None = None
    place: str | None = Field(default=None, description="the most specific place it names")
    date: str | None = Field(default=None, description="the date it speaks of (TIMEX3 value)")
    date_basis: Literal["text", "report"] | None = Field(
        default=None, description="its own words date it, or only its report's date does"
    )
    background: bool = Field(
        default=False, description="about a time a year or more before its report: context"
    )
    related: list[str] = Field(
        default_factory=list,
        description="ids of claims on the same topic that state something else (not support)",
    )
    crosslingual: list[str] = Field(
        default_factory=list,
        description="articles in a language the pipeline does not read whose sentences say "
        "the same by meaning (multilingual-e5; figures and weekdays agree): cited, not read",
    )


class FigureValue(Record):
    """One report's value in a discrepancy, with the sentence that gives it."""

    value: int | float | str | None = Field(
        description="a number, or a TIMEX3 date value; null: this copy does not give it"
    )
    unit: str | None = None
    written: str | None = Field(default=None, description="the words that give it, as written")
    text: str = Field(description="the sentence that gives the value")
    citation: Citation
    article: str
    bound: Bound = "exact"
    date: str | None = Field(
        default=None, description="the date the sentence speaks of, else its report's date"
    )
    date_from: Literal["text", "report"] | None = Field(
        default=None, description="whether `date` is the sentence's own or its report's"
    )
    scope: str | None = None


class Discrepancy(Record):
    """Reports that give different figures or dates for what may be the same thing.

    Values are listed, never merged: different figures may count different
    incidents, periods or groups, and the sentences show the scope of each.
    """

    topic: str
    kind: DiscrepancyKind
    values: list[FigureValue]
    note: str


class EntityMention(Record):
    """Where an entity is named or referred to: a span of one article's cleaned text."""

    article: str
    start: int
    end: int
    text: str


class Entity(Record):
    """A person, organisation or group of people, merged across spellings and references.

    "Syrian regime forces", "Assad regime", "Bashar al Assad's forces" and
    "regime troops" are one actor; "Hourani" is "Hamza al-Hourani". `actor_type`
    is ACLED's actor category for armed and unarmed groups (None for people and
    organisations that are not parties to events).
    """

    id: str
    name: str = Field(description="the fullest name the reports use")
    type: EntityType
    actor_type: ActorType | None = None
    country_code: str | None = Field(default=None, description="whose forces or civilians")
    aliases: list[str] = Field(default_factory=list, description="other ways the reports name it")
    mentions: list[EntityMention]


class EventPlace(Record):
    """Where an event happened: a resolved place of the briefing."""

    name: str
    lat: float
    lon: float
    admin1: str | None
    country_code: str | None


class Event(Record):
    """One incident in ACLED's terms: when, what, who against whom, where, and the toll.

    Fatalities count the incident only: a running toll ("Fifteen civilians have
    been killed") goes in `notes`. When reports differ the lowest figure is
    kept, as ACLED does, and `tolls` lists every figure with its sentence.
    `fatalities_bound` "at_least" keeps "at least one person" a lower bound.
    """

    id: str
    date: str | None = Field(description="ISO date; with week precision the first day of the week")
    date_precision: DatePrecision | None
    date_basis: Literal["sentence", "paragraph", "article"] | None = Field(
        description="where the date comes from: the sentence, its paragraph, or the report's date"
    )
    event_type: EventType
    sub_event_type: str
    actor1: str | None = Field(description="the entity name of the side that acted")
    actor1_type: ActorType | None
    actor2: str | None = Field(description="the other side, or the victims")
    actor2_type: ActorType | None
    assoc_actor_1: str | None = Field(default=None, description="allies named with actor1")
    assoc_actor_2: str | None = Field(default=None, description="allies named with actor2")
    inter1: int = Field(default=0, description="ACLED's code of actor1's type (0: none)")
    inter2: int = Field(default=0, description="ACLED's code of actor2's type (0: none)")
    interaction: int = Field(default=0, description="the two inter codes, lower first")
    disorder_type: str = Field(
        default="",
        description="Political violence | Demonstrations | Political violence; Demonstrations "
        "| Strategic developments",
    )
    civilian_targeting: bool = Field(
        default=False, description="civilians are the target (actor2 civilians)"
    )
    place: EventPlace | None
    geo_precision: int | None = Field(
        description="ACLED's: 1 the town itself, 2 part of or near a region, 3 only the region"
    )
    fatalities: int | None = Field(description="None: the reports give no figure")
    fatalities_bound: Bound = "exact"
    injuries: int | None = None
    civilian_fatalities: int | None = None
    tolls: list[FigureValue] = Field(
        default_factory=list, description="every casualty figure the reports give for it"
    )
    citations: list[Citation]
    sources: list[str]
    independent_sources: int = 1
    background: bool = Field(
        default=False, description="told as background: long before the reports' days"
    )
    confidence: float = Field(ge=0, le=1, description="the classifier's probability of the type")
    notes: str


class RejectedEvent(Record):
    """An incident the pipeline found but did not emit: no ACLED record could code it
    (`events.codebook`), and why."""

    event_type: EventType
    sub_event_type: str
    reason: str
    citations: list[Citation]


class FigureChange(Record):
    """A figure of an event that differs from the one an earlier briefing gave."""

    event: str = Field(description="the event's id in this briefing")
    what: Literal["fatalities", "injuries"]
    before: int | None
    after: int | None
    line: str = Field(description="the event as one line: date, type, place")
    citations: list[Citation] = Field(description="the event's sentences now")


class Changes(Record):
    """What is new in a briefing of a store since an earlier briefing of it (`--since`).

    Records are matched by the sentences they cite: an event or claim none of whose
    citations an earlier one held is new; a matched event whose toll differs is a changed
    figure; a claim that was single-source and is now corroborated is listed as such.
    """

    since: int = Field(description="the id of the earlier briefing")
    since_created: str = Field(description="when it was made (UTC, ISO 8601)")
    briefing: int | None = Field(default=None, description="the id this briefing was stored as")
    new_articles: list[str] = Field(default_factory=list, description="ids of reports added")
    new_events: list[Event] = Field(default_factory=list)
    changed_figures: list[FigureChange] = Field(default_factory=list)
    new_claims: list[Claim] = Field(default_factory=list)
    now_corroborated: list[Claim] = Field(
        default_factory=list, description="claims a single source made before, now corroborated"
    )
    new_discrepancies: list[Discrepancy] = Field(default_factory=list)


class Cache(BaseModel):
    """Work done on some reports in an earlier run (the store keeps it), reused by a run
    rather than done again: spaCy parses by article id, and MiniLM vectors by the span of
    text they embed (article, start, end). A parse is reused only for an article of the
    same text."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    parses: dict[str, ParsedArticle] = Field(default_factory=dict)
    vectors: dict[tuple[str, int, int], Any] = Field(
        default_factory=dict, description="float32 unit vectors (numpy arrays) by text span"
    )


class LanguageNote(Record):
    """The reports in one language and what the briefing does with them."""

    language: str = Field(description="ISO 639-1 code ('und': too short to tell)")
    name: str
    articles: list[str]
    analysed: bool = Field(
        description="read by the pipeline: dates, places, actors, events and claims come from them"
    )
    note: str


class Briefing(Record):
    """What `storyline brief` produces: the JSON output is this model dumped."""

    schema_version: str = SCHEMA_VERSION
    headline: Headline | None = None
    articles: list[Article]
    summary: list[SummarySentence] = Field(default_factory=list)
    timeline: list[TimelineEntry] = Field(default_factory=list)
    time_expressions: list[TimeExpression] = Field(default_factory=list)
    date_issues: list[DateIssue] = Field(default_factory=list)
    places: list[Place] = Field(default_factory=list)
    unresolved: list[UnresolvedPlace] = Field(
        default_factory=list, description="names read as places that could not be placed"
    )
    syndication: list[Syndication] = Field(default_factory=list)
    source_groups: list[SourceGroup] = Field(default_factory=list)
    claims: list[Claim] = Field(default_factory=list)
    discrepancies: list[Discrepancy] = Field(default_factory=list)
    context: list[FigureValue] = Field(
        default_factory=list,
        description="running and war-wide tolls: figures that count more than one incident, "
        "never set against an incident's",
    )
    entities: list[Entity] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    rejected_events: list[RejectedEvent] = Field(
        default_factory=list,
        description="incidents found but not coded: no valid ACLED record fits them (why)",
    )
    skipped: list[Skipped] = Field(default_factory=list)
    languages: list[LanguageNote] = Field(
        default_factory=list,
        description="which reports are in which language, and what is done with each",
    )
    changes: Changes | None = Field(
        default=None, description="with `brief --db --since`: what is new since then"
    )

    def quote(self, citation: Citation) -> str:
        """The words a citation points at (a span of its article's cleaned text)."""
        article = next((a for a in self.articles if a.id == citation.article), None)
        if article is None:
            raise KeyError(f"no article {citation.article!r} in this briefing")
        return article.text[citation.start : citation.end]

    # The renderers, for Python users: the shared model reaches them only here, inside
    # these methods, which run once the briefing is whole (`tests/test_layers.py`)
    def to_json(self) -> str:
        """The briefing as JSON (what `storyline brief -f json` writes)."""
        from storyline.render import to_json

        return to_json(self)

    def to_markdown(self) -> str:
        """The briefing in Markdown (`storyline brief -f md`)."""
        from storyline.render import to_markdown

        return to_markdown(self)

    def to_text(self) -> str:
        """The briefing as plain text (`storyline brief -f text`)."""
        from storyline.render import to_text

        return to_text(self)

    def to_html(self) -> str:
        """The self-contained HTML report (`storyline report`)."""
        from storyline.render.html import to_html

        return to_html(self)

    def to_csv(self) -> str:
        """The events as CSV with ACLED's column names (`storyline events --csv`)."""
        from storyline.render.events import to_csv

        return to_csv(self)


class Story(Record):
    """One story of a stream: the reports grouped into it and, when it has enough of
    them, its briefing (or why it has none)."""

    id: str
    headline: str = Field(
        description="its name: its briefing's headline, else the title (or opening words) "
        "of the report most like the whole story"
    )
    first_seen: date | None
    last_seen: date | None
    articles: list[str] = Field(description="ids of its reports, in the stream's order")
    outlets: list[str]
    independent_sources: int = Field(
        description="its reports less the copies of one wire story: one per copied text"
    )
    briefing: Briefing | None = None
    error: str | None = Field(default=None, description="why its briefing failed")
    change: Literal["new", "grew", "same"] | None = Field(
        default=None,
        description="with a database: against the stories its last `stories` run stored",
    )


class Stories(Record):
    """A stream grouped into stories (`storyline stories`)."""

    schema_version: str = SCHEMA_VERSION
    stories: list[Story]
    skipped: list[Skipped] = Field(default_factory=list)


def json_schema(record: type[Record]) -> dict[str, object]:
    """The JSON Schema (draft 2020-12) of a record storyline writes, with its `$schema` and
    an `$id` naming the record and the schema version."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"urn:storyline:{record.__name__.lower()}:{SCHEMA_VERSION}",
        **record.model_json_schema(),
    }
