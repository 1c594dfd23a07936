"""Which spans of an article name places.

Three sources of evidence, because the small English model's entity labels
miss many Arabic and other non-English place names:
- the model's GPE, LOC and FAC entities (and NORP ones that are demonyms);
- runs of proper nouns that the gazetteer knows ("Tafas", labelled ORG);
- the words around a name: "the city of X", "X province", "the X border
  crossing", "X, a neighborhood in Y", "in X".
A gazetteer match the model labelled a person ("Bashar al-Assad") needs a cue;
one it labelled nothing or an organisation needs to fit the story's area,
which the resolver decides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from storyline.ingest.clean import AGENCIES
from storyline.model import Feature, Mention, ParsedArticle
from storyline.places.gazetteer import (
    ABBREVIATIONS,
    AFTER_A_TOWN,
    Gazetteer,
    abbreviation_key,
)
from storyline.places.names import name_key
from storyline.text import MONTHS, WEEKDAYS, Spans

# Generic words after a name that say what kind of place it is.
_AFTER_KINDS: dict[str, Feature] = {
    "province": "admin1", "governorate": "admin1", "state": "admin1", "region": "admin1",
    "oblast": "admin1", "countryside": "admin1", "district": "admin2", "county": "admin2",
    "city": "city", "town": "city", "village": "village", "camp": "neighbourhood",
    "neighborhood": "neighbourhood", "neighbourhood": "neighbourhood", "quarter": "neighbourhood",
    "suburb": "neighbourhood", "border crossing": "landmark", "crossing": "landmark",
    "roundabout": "landmark", "square": "landmark", "checkpoint": "landmark",
    "airport": "landmark", "airbase": "landmark", "air base": "landmark", "bridge": "landmark",
    "dam": "landmark", "mosque": "landmark", "hospital": "landmark", "base": "landmark",
    "reservoir": "landmark", "lake": "landmark", "stadium": "landmark", "prison": "landmark",
}  # fmt: skip
_BEFORE_KINDS: dict[str, Feature] = {
    "city": "city", "town": "city", "village": "village", "province": "admin1",
    "governorate": "admin1", "state": "admin1", "region": "admin1", "district": "admin2",
    "neighborhood": "neighbourhood", "neighbourhood": "neighbourhood", "suburb": "neighbourhood",
    "capital": "city", "port": "city", "port city": "city", "border town": "city",
    "refugee camp": "neighbourhood", "camp": "neighbourhood", "area": "region",
}  # fmt: skip
# Trailing parts of a name that make it a part of the place before them.
_PART_SUFFIXES: dict[str, Feature] = {"al balad": "neighbourhood", "old city": "neighbourhood"}

_KIND_WORDS = "|".join(sorted((re.escape(k) for k in _AFTER_KINDS), key=len, reverse=True))
_AFTER = re.compile(rf"^\s+({_KIND_WORDS})\b", re.I)
_BEFORE = re.compile(  # "the (southern) city of X": only the kind word and "of" matter
    r"\b("
    + "|".join(sorted((re.escape(k) for k in _BEFORE_KINDS), key=len, reverse=True))
    + r")\s+of\s+(?:the\s+)?$",
    re.I,
)
_PREPOSITION = re.compile(
    r"\b(?:in|at|near|from|into|outside|around|towards?|across|through|between|"
    r"to the (?:north|south|east|west) of|north of|south of|east of|west of)\s+(?:the\s+)?$",
    re.I,
)
# "Karak, a neighborhood in Daraa al-Balad": the part and its container
_APPOSITION = re.compile(
    r"^,\s+(?:a|an|the)\s+(?:small\s+|large\s+|nearby\s+|\w+-held\s+)?("
    + "|".join(sorted((re.escape(k) for k in _BEFORE_KINDS), key=len, reverse=True))
    + r")\s+(?:in|of|near|outside|on the outskirts of|north of|south of|east of|west of)\s+"
    r"(?:the\s+)?",
    re.I,
)
_CONTAINER = re.compile(
    r"[A-Z][\w’'‘]*(?:(?:\s+|-)(?:(?:al|el|ad|as|ash|ar|at|az)-)?[A-Z][\w’'‘]*)*"
)
_POSSESSOR = re.compile(r"([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)['’]s\s+(?:(?:al|el)[\s-])?$")
_DIRECTION = re.compile(
    r"(?:(?:north|south)(?:-?(?:east|west))?(?:ern)?|east(?:ern)?|west(?:ern)?|central|"
    r"upper|lower|greater)\s+(?=[A-Z])",
    re.I,
)
# full month and weekday names (not "Mar", "Sept"), seasons and feasts: never places
_TIME_WORDS = (
    {max((k for k, v in MONTHS.items() if v == month), key=len) for month in range(1, 13)}
    | set(WEEKDAYS)
    | {"spring", "summer", "autumn", "winter", "christmas", "ramadan", "eid", "easter"}
)
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_WORD = re.compile(r"[\w’'‘ʿʾ.]+(?:-[\w’'‘ʿʾ]+)*")


@dataclass(frozen=True)
class Candidate:
    """A span read as a place name, with what the text says about it."""

    article: str
    start: int
    end: int
    text: str  # the span as written ("Daraa province", "Syrian")
    lookup: str  # the name to look up ("Daraa")
    hint: Feature | None  # the kind of place the words around it say it is
    strong: bool  # an entity label or cue says it is a place: unresolved if not found
    cued: bool = False  # the words around it point to a place ("in X", "X province")
    demonym: bool = False
    container: str | None = None  # "Daraa al-Balad" in "Karak, a neighborhood in Daraa al-Balad"
    part: bool = False  # a part of `lookup` ("Daraa al-Balad" is part of "Daraa")
    inside: bool = False  # only a piece of a longer name ("White" of "White Helmets")
    within: str | None = None  # "Ohio" in "Dublin, Ohio": the region or country it is in


def recognise(parsed: ParsedArticle, gazetteer: Gazetteer) -> list[Candidate]:
    """Every span of one article that names a place, as far as the evidence goes."""
    text = parsed.article.text
    article = parsed.article.id
    found: list[Candidate] = []
    taken: Spans[None] = Spans()  # the spans of `found`
    labels = {(m.start, m.end): m.label for m in parsed.mentions}
    labelled = Spans((m.start, m.end, m.label) for m in parsed.mentions)

    def keep(candidate: Candidate) -> None:
        found.append(candidate)
        taken.add(candidate.start, candidate.end, None)

    for mention in parsed.mentions:
        if mention.label in _PLACE_LABELS:
            start, end = _trim(text, mention.start, mention.end)
            if end > start and not _is_time(text[start:end]):
                candidate = describe(article, text, start, end, True, gazetteer)
                if candidate:
                    keep(candidate)
        elif mention.label == "PERSON" and _region_not_person(mention.text, gazetteer):
            # the small model calls some regions people ("Tamil Nadu said ...")
            if candidate := describe(article, text, mention.start, mention.end, True, gazetteer):
                keep(candidate)
        elif mention.label == "NORP" and gazetteer.demonym(mention.text):
            keep(Candidate(article, mention.start, mention.end, mention.text,
                           mention.text, None, strong=True, demonym=True))  # fmt: skip
    # the small model tags some place names as common nouns ("shelled Homs": NNS) but still
    # labels them: an organisation's name the gazetteer knows is looked at as a proper name is
    names = Spans((n.start, n.end, None) for n in parsed.names)
    others = [
        m for m in parsed.mentions
        if m.label == "ORG" and m.text[:1].isupper() and names.free(m.start, m.end)
    ]  # fmt: skip
    for name in sorted([*parsed.names, *others], key=lambda m: m.start):
        if not taken.free(name.start, name.end) or _is_time(name.text):
            continue
        whole = describe(article, text, name.start, name.end, False, gazetteer)
        if whole and whole.part:  # "Daraa al-Balad": a part of Daraa, not Daraa and Balad
            keep(whole)
            continue
        spans = _gazetteer_spans(text, name, gazetteer)
        for start, end in spans:
            candidate = describe(article, text, start, end, False, gazetteer)
            label = labels.get((start, end)) or _covering(labelled, start, end)
            if label in _AMOUNT_LABELS:
                continue  # "59 billion US dollars": a currency, not a place
            if candidate and (label != "PERSON" or candidate.cued) and taken.free(start, end):
                # "Bashar al-Assad" is no place; "from Assad" might be
                inside = (
                    (start, end) != (name.start, name.end)
                    or _in_a_longer_name(labelled, start, end)
                ) and not _of_a_place(text, start)
                # "the University of Cambridge" names the place; "Centre for ..." does not
                keep(replace(candidate, inside=inside))
        if not spans and whole and whole.strong and whole.hint is not None:
            keep(whole)  # a name no gazetteer knows that the words call a place
    found.sort(key=lambda c: c.start)
    people = _people_named(text)
    speakers = _speakers(text)
    found = [
        c for c in found
        if _abbreviation_fits(text, c) and not (c.text in people and not c.hint)
        and not (c.text in speakers and not c.hint and not c.demonym
                 and not gazetteer.lookup(c.lookup))
        and not (_ACRONYM.fullmatch(c.text) and not gazetteer.lookup(c.lookup))
        and name_key(c.lookup) not in _SEATS
        and not (name_key(c.lookup) in _OUTLETS and not c.hint)
    ]  # fmt: skip
    return _contained(text, _state_after_town(article, text, found, taken))


_STATE_AFTER = re.compile(r"\s*,\s*((?:[A-Z][a-z]{0,4}\.){1,2}|[A-Z]{2,3}\b)")


def _state_after_town(
    article: str, text: str, found: list[Candidate], taken: Spans[None]
) -> list[Candidate]:
    """ "Kingston, Ont.": a state's or province's news abbreviation right after a town and a
    comma is a place though the tagger saw none there."""
    added = []
    for town in found:
        m = _STATE_AFTER.match(text, town.end)
        key = abbreviation_key(m[1]) if m else None
        if m and (key in AFTER_A_TOWN or key in ABBREVIATIONS) and taken.free(m.start(1), m.end(1)):
            added.append(Candidate(article, m.start(1), m.end(1), m[1], m[1], "admin1",
                                   strong=True, cued=True))  # fmt: skip
    return sorted([*found, *added], key=lambda c: c.start)


_COMMA = re.compile(r"\s*,\s*")


def _abbreviation_fits(text: str, candidate: Candidate) -> bool:
    """A dotted news abbreviation of a state ("Minn.", "Va.") is a place only after a town
    and a comma ("Alexandria, Minn."): alone, "Miss." and "Ind." are other words."""
    key = abbreviation_key(candidate.lookup)
    if key in ("b.c.", "bc"):  # British Columbia, not "300 B.C." or "300 BC"
        return not re.search(r"\d\s*$", text[max(0, candidate.start - 4) : candidate.start])
    if key not in AFTER_A_TOWN:
        return True
    return bool(
        re.search(r"[A-Za-z.]\s*,\s*$", text[max(0, candidate.start - 3) : candidate.start])
    )


def _contained(text: str, found: list[Candidate]) -> list[Candidate]:
    """ "Dublin, Ohio", "Alexandria, Minn.", "Gaza, Mozambique": a place name followed by a
    comma and another is in that one; the resolver keeps it there."""
    result = list(found)
    for n, (place, region) in enumerate(zip(found, found[1:], strict=False)):
        gap = _COMMA.fullmatch(text[place.end : region.start])
        if gap and not place.demonym and not region.demonym and region.hint in (None, "admin1"):
            result[n] = replace(place, within=region.lookup)
    return result


def describe(
    article: str, text: str, start: int, end: int, labelled: bool, gazetteer: Gazetteer
) -> Candidate | None:
    """The candidate a span makes, with what the words in and around it say."""
    span = text[start:end]
    lookup, hint, part = _inner_kind(span, gazetteer)
    before = text[max(0, start - 60) : start]
    after = text[end : end + 80]
    cue: str | None = None
    container = None
    if m := _APPOSITION.match(after):
        hint, cue = _BEFORE_KINDS[m.group(1).lower()], "strong"
        if c := _CONTAINER.match(after[m.end() :]):
            container = c.group(0)
    elif (
        hint is None
        and (m := _AFTER.match(after))
        and not _country_then_state(m, lookup, gazetteer)
    ):
        hint, cue = _AFTER_KINDS[m.group(1).lower()], "strong"
    elif hint is None and (m := _BEFORE.search(before)):
        hint, cue = _BEFORE_KINDS[m.group(1).lower()], "strong"
    if hint in ("neighbourhood", "landmark") and (m := _POSSESSOR.search(before)):
        container = m.group(1)  # "Daraa's al Balad neighbourhood"
    if cue is None and _PREPOSITION.search(before):
        cue = "weak"  # "in X": evidence, not proof; the gazetteer must know X
    if not any(ch.isalpha() for ch in lookup):
        return None
    return Candidate(
        article, start, end, span, lookup, hint,
        strong=labelled or cue == "strong" or part, cued=cue is not None,
        container=container, part=part,
    )  # fmt: skip


def _region_not_person(span: str, gazetteer: Gazetteer) -> bool:
    """A name of two or more words that is a country's or a first-level region's own
    ("Tamil Nadu", "Sierra Leone"): no person is named so. One word may well be a person's
    ("Georgia", "Victoria")."""
    return len(span.split()) >= 2 and any(
        e.primary and e.feature in ("country", "admin1") for e in gazetteer.lookup(span)
    )


def _country_then_state(after: re.Match[str], lookup: str, gazetteer: Gazetteer) -> bool:
    """ "the US State Department": a country is never "X State"; the word is the next name's."""
    return _AFTER_KINDS[after.group(1).lower()] in ("admin1", "admin2") and any(
        e.feature == "country" for e in gazetteer.lookup(lookup)
    )


def _inner_kind(span: str, gazetteer: Gazetteer) -> tuple[str, Feature | None, bool]:
    """(name to look up, kind, is a part) from the words inside a span:
    "Daraa province" → ("Daraa", admin1); "Daraa al-Balad" → ("Daraa", neighbourhood, part);
    "southern Syria" → ("Syria", None) when the gazetteer has no "Southern Syria"."""
    lookup = span[4:] if span.lower().startswith("the ") else span
    if (m := _DIRECTION.match(lookup)) and not gazetteer.lookup(lookup):
        lookup = lookup[m.end() :]
    words = lookup.split()
    for size in (2, 1):
        tail = " ".join(words[-size:]).lower()
        if len(words) > size and tail in _AFTER_KINDS:
            if any(e.primary for e in gazetteer.lookup(lookup)):
                break  # "Mexico City", "Kansas City", "Elbow Lake": the whole is the name
            return lookup[: lookup.lower().rfind(tail)].rstrip(" ,"), _AFTER_KINDS[tail], False
    key = name_key(lookup)
    for suffix, kind in _PART_SUFFIXES.items():
        if key.endswith(" " + suffix) and not gazetteer.lookup(lookup):
            head = _drop_words(lookup, suffix.count(" ") + 1)
            if head and gazetteer.lookup(head):
                return head, kind, True
    return lookup, None, False


def _drop_words(name: str, count: int) -> str:
    """The name without its last `count` words, hyphenated parts counted as words."""
    parts = re.split(r"([\s-]+)", name)
    words = parts[::2]
    if len(words) <= count:
        return ""
    return "".join(parts[: 2 * (len(words) - count) - 1]).strip(" -")


def _gazetteer_spans(text: str, name: Mention, gazetteer: Gazetteer) -> list[tuple[int, int]]:
    """Longest sub-spans of a proper-noun run that the gazetteer knows, left to right."""
    words = [(m.start() + name.start, m.end() + name.start) for m in _WORD.finditer(name.text)]
    words = words[:12]  # a run longer than any place name: look at its start only
    spans = []
    i = 0
    while i < len(words):
        for j in range(len(words), i, -1):
            start, end = words[i][0], words[j - 1][1]
            piece = text[start:end]
            if j - i == 1 and (
                _is_time(piece) or (len(name_key(piece)) < 3 and not _country_initials(piece))
            ):
                continue
            if _is_all_caps_word(piece) and len(piece) <= 3:
                continue  # "UN", "AP": initials, not places
            if gazetteer.lookup(piece):
                spans.append((start, end))
                i = j
                break
        else:
            i += 1
    return spans


# seats of government that news names for the government itself ("the White House said"):
# institutions, not places (the gazetteer's namesakes are a Tennessee town and the like)
_SEATS = {
    "white house", "kremlin", "pentagon", "downing street", "elysee", "elysee palace",
    "capitol hill", "blue house", "zhongnanhai", "whitehall", "foggy bottom", "congress",
}  # fmt: skip

# news agencies: "SANA reported" is Syria's agency, not Sanaa; "Xinhua said" China's, not
# a county of Yunnan ("Xinhua county" is the county)
_OUTLETS = frozenset(AGENCIES) - {"pool", "handout"}

# "the Ministry of Commerce", "the Department of Justice": a portfolio, not a place; the
# "of" of "the University of Cambridge" names one
_OFFICE_OF = re.compile(
    r"\b(?:Ministry|Minister|Department|Secretary|Chamber|Board|Office|Bureau|Commissioner|"
    r"Director|Institute|Court|Council|Committee) of (?:the )?$"
)


def _of_a_place(text: str, start: int) -> bool:
    """ "... of X" inside a longer name: X names a place unless the name is an office's."""
    before = text[max(0, start - 40) : start]
    return before.endswith("of ") and not _OFFICE_OF.search(before)


# "Georgia's father", "Georgia herself": the name is a person's throughout the report
_KIN = (
    "father|mother|parents|dad|mom|mum|brother|sister|husband|wife|son|daughter|"
    "grandmother|grandfather|family|coach|teammates?|boyfriend|girlfriend|fiancée?"
)
_PERSON_CUES = re.compile(rf"\b([A-Z][a-z]+)(?:['’]s (?:{_KIN})\b| (?:herself|himself)\b)")


def _people_named(text: str) -> set[str]:
    """One-word names the report itself shows to be a person's: a kin word after the
    possessive ("Georgia's father") or a reflexive ("Georgia herself"). Such a name is no
    place anywhere in the report unless the words around it call it one."""
    return {m[1] for m in _PERSON_CUES.finditer(text)}


_SPEAKER = re.compile(
    # "said Noma.", "said Tavish," (not "told French media")
    r"\b(?:said|says|told|asked) ([A-Z][a-z]+)(?=[.,;:!?]|$)"
    r"|\b([A-Z][a-z]+) (?:said|says|told|asked)\b"
    r"|\b([A-Z][a-z]+) and (?:his|her) (?:family|wife|husband|children|daughter|son)\b"
)


# "MoD", "AI", "P.A.": initials the tagger took for a place; unless the gazetteer knows
# them ("US", "B.C.") they name an organisation or a thing
_ACRONYM = re.compile(r"(?=(?:[^A-Z]*[A-Z]){2})[A-Za-z.]{2,5}")


def _speakers(text: str) -> set[str]:
    """One-word names that speak ("Noma said", "said Guhdar") or have a family ("Guhdar
    and his family"): where the gazetteer knows no place of that name, a person."""
    return {next(g for g in m.groups() if g) for m in _SPEAKER.finditer(text)}


def _country_initials(piece: str) -> bool:
    """ "US", "U.S.", "UK", "EU": a country's (or the European Union's) initials, a place
    even at the head of a longer name ("the US State Department", "U.S. Special Forces")."""
    return piece.rstrip(".") in _COUNTRY_INITIALS


_AMOUNT_LABELS = ("MONEY", "QUANTITY", "PERCENT", "CARDINAL")
_COUNTRY_INITIALS = {"US", "U.S", "UK", "U.K", "UAE", "U.A.E", "USA", "U.S.A", "EU", "E.U"}


def _is_all_caps_word(piece: str) -> bool:
    return (
        piece.isupper()
        and " " not in piece
        and not _country_initials(piece)
        and abbreviation_key(piece) is None  # "NSW", "BC": a state's, a province's
    )


def _is_time(span: str) -> bool:
    return any(w.lower().strip(".,") in _TIME_WORDS for w in span.split()[:1]) and (
        len(span.split()) <= 2
    )


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop "the" in front and "'s" behind an entity span."""
    span = text[start:end]
    if span.lower().startswith("the "):
        start += 4
    for tail in ("'s", "’s", "'", "’"):
        if text[start:end].endswith(tail):
            end -= len(tail)
            break
    return start, end


def _in_a_longer_name(labels: Spans[str], start: int, end: int) -> bool:
    """Whether an organisation's or a work's name holds the span and more ("Centre" of "the
    Centre for Disease Control")."""
    return any(
        s <= start and end <= e and (s, e) != (start, end)
        and label in ("ORG", "WORK_OF_ART", "EVENT", "PRODUCT", "LAW")
        for s, e, label in labels.overlapping(start, end)
    )  # fmt: skip


def _covering(labels: Spans[str], start: int, end: int) -> str | None:
    """The label of the first mention that holds [start, end) whole."""
    for s, e, label in labels.overlapping(start, end):
        if s <= start and end <= e:
            return label
    return None


def unread_names(parsed: ParsedArticle, gazetteer: Gazetteer) -> list[Candidate]:
    """Place names in a report no pipeline read: in Arabic script by the gazetteer's
    Arabic spellings, in Latin script by runs of capitalised words; none in other
    scripts (the gazetteer files no Cyrillic or CJK spellings)."""
    from storyline.places.names import ARABIC_SCRIPT

    if ARABIC_SCRIPT.search(parsed.article.text[:2000]):
        return arabic_names(parsed, gazetteer)
    return latin_names(parsed, gazetteer)


_LATIN_WORD = re.compile(r"[^\W\d_][\w'’]*(?:-[^\W\d_][\w'’]*)*")
# small words inside a name: "San Juan de Dios", "Santa Cruz de la Sierra", "Bad Homburg vor"
_LATIN_JOINERS = {"de", "del", "la", "las", "los", "el", "al", "du", "des", "di", "da", "do",
                  "dos", "von", "der", "van", "y", "e"}  # fmt: skip
_LATIN_WORDS = 5


Run = list[re.Match[str]]


def _longest_known(
    parsed: ParsedArticle,
    words: Run,
    longest: int,
    spans_of: Callable[[Run], Iterable[tuple[int, int]]],
    known: Callable[[str], bool],
) -> list[Candidate]:
    """Weak candidates: from each word on, the longest run of words (up to `longest`)
    one of whose spans (`spans_of`, best first) names what `known` knows; the scan goes
    on after it."""
    text = parsed.article.text
    found: list[Candidate] = []
    i = 0
    while i < len(words):
        taken = 0
        for n in range(min(longest, len(words) - i), 0, -1):
            name = next(((a, b) for a, b in spans_of(words[i : i + n]) if known(text[a:b])), None)
            if name is not None:
                start, end = name
                found.append(Candidate(parsed.article.id, start, end, text[start:end],
                                       text[start:end], None, strong=False))  # fmt: skip
                taken = n
                break
        i += taken or 1
    return found


def latin_names(parsed: ParsedArticle, gazetteer: Gazetteer) -> list[Candidate]:
    """The longest runs of capitalised words (small joining words inside) that the
    gazetteer knows, in a Latin-script report no pipeline read. Weak candidates: a
    sentence's first word is capitalised too ("Las", "Die"), so the places stage keeps
    only the places a read report names (see `places.find_places`)."""
    text = parsed.article.text

    def spans_of(run: Run) -> list[tuple[int, int]]:
        one_name = (
            run[0].group()[:1].isupper()
            and run[-1].group()[:1].isupper()
            and all(w.group()[:1].isupper() or w.group() in _LATIN_JOINERS for w in run)
            and all(text[a.end() : b.start()].isspace() for a, b in zip(run, run[1:], strict=False))
        )
        return [(run[0].start(), run[-1].end())] if one_name else []

    words = list(_LATIN_WORD.finditer(text))
    return _longest_known(
        parsed, words, _LATIN_WORDS, spans_of, lambda n: bool(gazetteer.lookup(n))
    )


# Arabic script: a name is one to three words; a conjunction or preposition may be written
# onto its first word ("ودمشق", "بدرعا", "لحلب"), and is not part of the name.
_ARABIC_WORD = re.compile(r"[\u0621-\u064A\u064B-\u065F\u066E-\u06D3]+")
_ARABIC_PREFIXES = ("وب", "ول", "فب", "فل", "وك", "و", "ف", "ب", "ل", "ك")
_ARABIC_GAP = re.compile(r"[ \u00A0]|-")
_ARABIC_WORDS = 3
_ARABIC_MIN_LETTERS = 3


def arabic_names(parsed: ParsedArticle, gazetteer: Gazetteer) -> list[Candidate]:
    """Place names in a report in Arabic script that no pipeline read: the longest run of
    words (up to three, a prefix letter off the first) that the gazetteer files under an
    Arabic spelling. They are weak candidates (no label, no cue): what the gazetteer does
    not know is no place, and the places stage keeps one only where it is sure (see
    `places.find_places`)."""
    text = parsed.article.text

    def spans_of(run: Run) -> list[tuple[int, int]]:
        if any(not _ARABIC_GAP.fullmatch(text[a.end() : b.start()])
               for a, b in zip(run, run[1:], strict=False)):  # fmt: skip
            return []  # punctuation between: not one name
        first = run[0].group()
        return [
            (run[0].start() + len(prefix), run[-1].end())
            for prefix in ("", *_ARABIC_PREFIXES)
            if not prefix
            or (first.startswith(prefix) and len(first) - len(prefix) >= _ARABIC_MIN_LETTERS)
        ]

    def known(name: str) -> bool:
        return (
            len(name) >= _ARABIC_MIN_LETTERS
            and gazetteer.knows_arabic(name)
            and bool(gazetteer.lookup(name))
        )

    words = list(_ARABIC_WORD.finditer(text))
    return _longest_known(parsed, words, _ARABIC_WORDS, spans_of, known)
