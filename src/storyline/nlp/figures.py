"""Figures: the counts a text gives, read from the dependency parse of the one spaCy pass.

"nine checkpoints", "killed 28 people including 11 civilians", "left four
soldiers dead and 15 wounded", "the injury of at least four", "Fifteen civilians
have been killed", "from three to seven, and then to ten" (checkpoints).

- The number: a cardinal the tagger calls a number, in words or digits
  ("600,000", "a million", "twenty-five"), not part of a date, time, percentage,
  amount of money or ordinal, and not an identifier after its noun
  ("resolution 2254", "Route 6").
- The thing counted (`unit`): the noun the number modifies; a bare number in a
  run ("from three to seven, and then to ten") takes the unit of the figure
  just before it.
- Casualty figures: the words on the way up the parse from the number
  ("killed 28 people", "the death of one resident", "15 wounded"), or, for
  people, a casualty word right beside them ("four soldiers dead") make the
  topic "killed", "wounded" or "displaced". A count with no noun counts only as casualties.
- Bounds: "at least", "more than", "over" → at_least; "up to", "at most" →
  at_most; "about", "some", "nearly" → about. Scope: "including 11 civilians"
  is part of the figure before it, never a figure of its own.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from storyline.model import Bound, Figure
from storyline.text import NUMBERS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

KILLED = {
    "kill", "killing", "killed", "dead", "death", "die", "died", "slay", "slain", "murder",
    "execute", "fatality", "toll", "behead", "massacre",
}  # fmt: skip
WOUNDED = {"wound", "wounded", "injure", "injured", "injury", "hurt", "maim"}
DISPLACED = {"displace", "displaced", "displacement", "flee", "fled", "uproot", "evacuate"}
CASUALTY = [("killed", KILLED), ("wounded", WOUNDED), ("displaced", DISPLACED)]
CASUALTY_TOPICS = tuple(topic for topic, _ in CASUALTY)  # figure topics that count people hurt
PEOPLE = {
    "people", "person", "civilian", "soldier", "resident", "child", "man", "woman", "fighter",
    "rebel", "militant", "troop", "officer", "policeman", "police", "protester", "demonstrator",
    "student", "worker", "journalist", "member", "gunman", "refugee", "migrant", "passenger",
    "victim", "patient", "insurgent", "combatant", "personnel", "inmate", "prisoner",
    "detainee", "body", "villager", "farmer", "guard", "boy", "girl", "youth", "infant",
    "baby", "teenager", "national", "citizen", "worshipper", "pilgrim", "staff", "employee",
    "crew", "militiaman", "jihadist", "attacker", "bomber", "suspect",
}  # fmt: skip
SKIP_ENTS = {"DATE", "TIME", "PERCENT", "MONEY", "ORDINAL", "QUANTITY"}
COUNT_NOUNS = {"number", "count", "total", "tally"}
MULTIPLIERS = {"hundred": 100, "thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000}
AT_LEAST = re.compile(r"\b(?:at\s+least|more\s+than|over|upwards\s+of|in\s+excess\s+of)\s+$", re.I)
AT_MOST = re.compile(r"\b(?:up\s+to|at\s+most|fewer\s+than|less\s+than|under)\s+$", re.I)
ABOUT = re.compile(
    r"\b(?:about|around|some|nearly|almost|roughly|approximately|an\s+estimated|close\s+to)\s+$",
    re.I,
)
SCOPE_WORDS = {"including", "among"}
CHAIN = 5  # ancestors searched for a casualty word
BESIDE = 2  # tokens either side searched for "dead"/"wounded" next to people
RUN_GAP = 8  # a bare number this close after a figure continues its run


def number_value(tokens: list[Token]) -> float | None:
    """The value of a number written with these tokens: "28", "600,000", "Fifteen",
    "twenty-five", "a million", "1.5 million"."""
    words = [t.text.lower() for t in tokens]
    if not words:
        return None
    multiplier = 1.0
    while words and words[-1] in MULTIPLIERS:
        multiplier *= MULTIPLIERS[words.pop()]
    if not words:
        return multiplier if multiplier > 1 else None
    text = " ".join(words).replace("-", " ")
    if text in ("a", "an"):
        return multiplier
    digits = text.replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", digits):
        return float(digits) * multiplier
    if text in NUMBERS:
        return float(NUMBERS[text]) * multiplier
    parts = text.split()
    if len(parts) == 2 and NUMBERS.get(parts[0], 0) >= 20 and NUMBERS.get(parts[1], 99) < 10:
        return float(NUMBERS[parts[0]] + NUMBERS[parts[1]]) * multiplier
    return None


def _number_tokens(token: Token) -> list[Token]:
    """The token and the number words that make one number with it ("a million")."""
    tokens = [token]
    left = token.nbor(-1) if token.i > token.sent.start else None
    if token.lower_ in MULTIPLIERS and left is not None and (left.like_num or left.lower_ == "a"):
        tokens.insert(0, left)
    right = token.i + 1
    while right < token.sent.end and token.doc[right].lower_ in MULTIPLIERS:
        tokens.append(token.doc[right])
        right += 1
    return tokens


def _casualty(token: Token, unit: Token | None) -> str | None:
    """ "killed", "wounded" or "displaced" when the parse ties the figure to a casualty word:
    its own modifier first ("14 injured"), then up the parse ("killed 28 people")."""
    for owner in (token, unit):
        for child in owner.children if owner is not None else ():
            if child.dep_ in ("acl", "amod", "relcl") and (topic := _casualty_word(child)):
                return topic
    node = token
    for _ in range(CHAIN):
        if node.head is node:
            break
        node = node.head
        if topic := _casualty_word(node):
            return topic
        if node.pos_ in ("VERB", "AUX") and node.dep_ not in ("xcomp", "advcl", "acl", "prep"):
            break  # left the clause: "left four soldiers" — look beside instead
    if unit is None or unit.lemma_.lower() in PEOPLE:
        anchor = unit or token
        sent = token.sent
        beside = [
            t
            for t in sent
            if 0 < abs(t.i - anchor.i) <= BESIDE or (unit is None and 0 < t.i - token.i <= 6)
        ]
        beside.sort(key=lambda t: abs(t.i - anchor.i))
        for t in beside:
            if topic := _casualty_word(t):
                return topic
    return None


def _casualty_word(token: Token) -> str | None:
    for topic, words in CASUALTY:
        if token.lower_ in words or token.lemma_.lower() in words:
            return topic
    return None


def _unit(last: Token) -> Token | None:
    """The noun a number counts: "nine checkpoints", "three to seven checkpoints",
    "the number of checkpoints from three to seven"."""
    head = last.head
    if last.dep_ == "nummod" and head.i > last.i:
        while head.dep_ in ("nummod", "quantmod") and head.head.i > head.i:
            head = head.head
        return head if head.pos_ in ("NOUN", "PROPN") else None
    if last.dep_ == "quantmod" and head is not last and head.like_num:
        return _unit(head)
    if last.dep_ == "pobj" and head.lower_ in ("from", "to", "between"):
        noun = head.head
        if noun.pos_ == "NOUN" and noun.i < last.i:
            return noun
        for t in last.sent:  # "raised the number of roadblocks from four to six"
            if t.i < last.i and t.lemma_.lower() in COUNT_NOUNS:
                counted = [c for of in t.children if of.lower_ == "of" for c in of.children]
                if counted and counted[0].pos_ == "NOUN":
                    return counted[0]
    return None


def _entity_tokens(token: Token) -> list[Token]:
    """The tokens of the named entity a token stands in, read from the IOB tags around it
    (asking `Doc.ents` would build every entity of the document for each token)."""
    doc = token.doc
    if not token.ent_iob_ or token.ent_iob_ == "O":
        return [token]
    first = token.i
    while first > 0 and doc[first].ent_iob_ == "I":
        first -= 1
    last = token.i + 1
    while last < len(doc) and doc[last].ent_iob_ == "I":
        last += 1
    return list(doc[first:last])


def _skipped(token: Token) -> bool:
    """Part of a date, time, percentage, sum or ordinal. The small model calls a bare
    range of numbers a date ("from four to six"): such a range is kept."""
    if token.ent_type_ not in SKIP_ENTS:
        return False
    if token.ent_type_ != "DATE":
        return True
    words = _entity_tokens(token)
    return not all(
        (w.like_num and not re.fullmatch(r"\d{4}", w.text)) or w.lower_ in ("to", "and", "-")
        for w in words
    )


def _bound(text: str, start: int) -> Bound:
    before = text[max(0, start - 25) : start]
    if AT_LEAST.search(before):
        return "at_least"
    if AT_MOST.search(before):
        return "at_most"
    if ABOUT.search(before):
        return "about"
    return "exact"


def _scope(token: Token, unit: Token | None) -> str | None:
    node = unit or token
    for _ in range(2):
        if node.head is node:
            break
        node = node.head
        if node.lower_ in SCOPE_WORDS:
            return node.lower_
    return None


def figures(doc: Doc, article: str, sentences: list[tuple[int, int]]) -> list[Figure]:
    """Every figure in a parsed text; `sentences` are the (start, end) offsets of its sentences,
    in order, so each figure knows the index of the sentence it stands in."""
    found: list[Figure] = []
    text = doc.text  # Doc.text joins every token on each access
    previous: tuple[Token, Token, Figure] | None = None
    used: set[int] = set()
    starts = [s for s, _ in sentences]
    for token in doc:
        if token.i in used or not (token.like_num or token.lower_ in MULTIPLIERS):
            continue
        if _skipped(token) or token.pos_ not in ("NUM", "NOUN", "PRON", "DET"):
            continue
        number = _number_tokens(token)
        used.update(t.i for t in number)
        value = number_value(number)
        if value is None:
            continue
        last = number[-1]
        if last.dep_ == "nummod" and last.head.i < last.i:
            continue  # an identifier after its noun: "resolution 2254", "Route 6"
        if last.i + 1 < len(doc) and doc[last.i + 1].lower_ == "of" and last.dep_ != "pobj":
            continue  # partitive: "one of the first regions"
        unit = _unit(last)
        casualty = _casualty(last, unit)
        sent_index = _sentence_index(starts, sentences, token.idx)
        if unit is None and casualty is None:
            if (
                previous is not None
                and previous[2].sentence == sent_index
                and 0 < token.i - previous[0].i <= RUN_GAP
            ):
                unit = previous[1]  # "from three to seven, and then to ten"
            else:
                continue
        if unit is not None and unit.lemma_.lower() in ("year", "month", "week", "day", "hour"):
            continue
        start = number[0].idx
        written_with = unit is not None and 0 < unit.i - last.i <= 4  # "nine checkpoints"
        end = (
            unit.idx + len(unit.text)
            if unit is not None and written_with
            else last.idx + len(last.text)
        )
        lemma = unit.lemma_.lower() if unit is not None else None
        figure = Figure(
            article=article,
            sentence=sent_index,
            start=start,
            end=end,
            text=text[start:end],
            value=value,
            unit=lemma,
            topic=casualty or _plural(unit),
            bound=_bound(text, start),
            scope=_scope(last, unit),
        )
        found.append(figure)
        if unit is not None:
            previous = (last, unit, figure)
    counted = {(f.start, f.end) for f in found}
    found += [
        f
        for f in singular_victims(doc, article, sentences)
        if not any(s <= f.start < e or f.start <= s < f.end for s, e in counted)
    ]
    found.sort(key=lambda f: f.start)
    return found


_ONE = {"a", "an", "one", "the", "another"}
_DEATH_VERBS = {"kill", "murder", "slay", "execute", "behead", "assassinate", "lynch"}


def singular_victims(doc: Doc, article: str, sentences: list[tuple[int, int]]) -> list[Figure]:
    """One person killed or wounded without a number: "a local youth was shot dead", "a man
    was killed", "gunmen killed a teacher", "a soldier was wounded", "a woman died" (ACLED
    counts such a death as 1). The person is the verb's patient (or the subject of "die"),
    a singular noun of PEOPLE with "a", "an", "one", "the" or a possessive before it."""
    found = []
    starts = [s for s, _ in sentences]
    text = doc.text
    for verb in doc:
        if verb.pos_ != "VERB":
            continue
        lemma = verb.lemma_.lower()
        dead = any(c.lower_ == "dead" for c in verb.children)
        if lemma in _DEATH_VERBS or (lemma == "shoot" and dead) or lemma == "die":
            topic = "killed"
        elif lemma in ("wound", "injure"):
            topic = "wounded"
        else:
            continue
        if any(c.dep_ == "neg" for c in verb.children):
            continue
        roles = ("nsubj",) if lemma == "die" else ("nsubjpass", "dobj")
        for person in (c for c in verb.children if c.dep_ in roles):
            if person.tag_ != "NN" or person.lemma_.lower() not in PEOPLE:
                continue
            first = [c for c in person.children if c.dep_ in ("det", "nummod", "poss")]
            if not first or not (first[0].lower_ in _ONE or first[0].dep_ == "poss"):
                continue
            start = min(t.idx for t in person.subtree if t.i <= person.i)
            end = person.idx + len(person.text)
            found.append(
                Figure(
                    article=article,
                    sentence=_sentence_index(starts, sentences, start),
                    start=start,
                    end=end,
                    text=text[start:end],
                    value=1.0,
                    unit=person.lemma_.lower(),
                    topic=topic,
                )
            )
    return found


def _sentence_index(starts: list[int], sentences: list[tuple[int, int]], offset: int) -> int:
    """The index of the sentence holding an offset; the last sentence when none does."""
    n = bisect.bisect_right(starts, offset) - 1
    if n >= 0 and offset < sentences[n][1]:
        return n
    return len(sentences) - 1


def _plural(unit: Token | None) -> str:
    if unit is None:
        return "count"
    if unit.tag_ in ("NNS", "NNPS"):
        return unit.lower_
    lemma = unit.lemma_.lower()
    return lemma if lemma.endswith("s") else lemma + "s"
