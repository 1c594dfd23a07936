"""Casualty figures in French reports, read from the French parse.

"Deux personnes ont été tuées", "tuant onze civils", "faisant quatre morts", "trois
soldats tués", "au moins 14 blessés", "dont cinq enfants": the people a French report says
were killed or wounded, as the same `Figure` records the English pass makes
(`nlp.figures`), so the events stage takes a French event's toll as it takes an English
one's and the sources stage compares the figures across reports and languages.

- The number: digits ("14", "1 200") or a French number word from two up ("onze",
  "vingt", "cent"; "un"/"une" is an article as often as a count, and is not read); "une
  dizaine" and "une centaine" are about 10 and 100.
- Casualties only: the counted noun is itself a casualty word ("morts", "blessés",
  "victimes") or people ("personnes", "civils", "soldats") whom a casualty word is said of:
  the subject of "ont été tués" or "sont morts", the object of "tuant", or a participle
  beside them ("trois soldats tués"). Other counts (checkpoints, days) are left to the
  English reports: the sources stage compares those by their English noun.
- Bounds: "au moins", "plus de" -> at_least; "jusqu'à", "au plus", "moins de" -> at_most;
  "environ", "près de", "quelque", "une dizaine" -> about. "dont cinq enfants", "parmi
  lesquels" is part of the figure before it (scope "including").
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from storyline.model import Bound, Figure
from storyline.nlp.predicates import sentence_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

WORDS = {
    "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
    "neuf": 9, "dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14,
    "quinze": 15, "seize": 16, "vingt": 20, "trente": 30, "quarante": 40, "cinquante": 50,
    "soixante": 60, "cent": 100, "mille": 1000,
}  # fmt: skip
ROUND = {"dizaine": 10, "vingtaine": 20, "trentaine": 30, "centaine": 100, "millier": 1000}
KILLED = {"tuer", "mourir", "mort", "périr", "abattre", "décéder", "décès", "victime",
          "massacrer", "exécuter", "assassiner", "tué"}  # fmt: skip
WOUNDED = {"blesser", "blessé", "blessure"}
# people, with the English word the English pass would give: counted in casualty figures
# and heads of actor phrases (`nlp.french_predicates.ACTOR_HEADS`)
PERSONS = {
    "militaire": "soldier", "soldat": "soldier", "policier": "policeman", "gendarme": "police",
    "rebelle": "rebel", "insurgé": "insurgent", "djihadiste": "jihadist",
    "jihadiste": "jihadist", "combattant": "fighter", "civil": "civilian",
    "habitant": "resident", "villageois": "villager", "enfant": "child", "femme": "woman",
    "étudiant": "student", "travailleur": "worker", "journaliste": "journalist",
    "agriculteur": "farmer", "réfugié": "refugee", "fidèle": "worshipper",
    "passager": "passenger", "manifestant": "protester",
}  # fmt: skip
# people a count can be of
PEOPLE = {
    **PERSONS, "personne": "people", "homme": "man", "membre": "member", "agent": "officer",
    "élève": "student", "officier": "officer", "secouriste": "worker", "jeune": "youth",
    "détenu": "detainee", "otage": "hostage",
}  # fmt: skip
_AT_LEAST = re.compile(r"(?:au moins|plus de|au-delà de|pas moins de)\s+$", re.I)
_AT_MOST = re.compile(r"(?:jusqu'à|jusqu’à|au plus|moins de|au maximum)\s+$", re.I)
_ABOUT = re.compile(r"(?:environ|près de|quelque|autour de)\s+$", re.I)
_INCLUDING = re.compile(r"(?:dont|parmi lesquels|parmi lesquelles|parmi eux|notamment)\s+$", re.I)
_DIGITS = re.compile(r"^\d{1,3}(?:[ \u00a0\u202f.]\d{3})*$|^\d+$")


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _value(token: Token) -> float | None:
    """The number a token writes, or None."""
    text = token.text
    if _DIGITS.match(text):
        return float(re.sub(r"[ \u00a0\u202f.]", "", text))
    return float(WORDS[token.lower_]) if token.lower_ in WORDS else None


def _casualty(word: Token) -> str | None:
    lemma = _lemma(word)
    if lemma in KILLED or word.lower_ in ("morts", "mortes", "tués", "tuées"):
        return "killed"
    if lemma in WOUNDED or word.lower_.startswith("blessé"):
        return "wounded"
    return None


def _said_of(noun: Token) -> str | None:
    """The casualty a clause says of the people a noun names: its verb ("ont été tués",
    "sont morts", "tuant onze civils") or a participle beside it ("trois soldats tués"),
    by the parse or, where the small model misparses, by word order."""
    for child in noun.children:
        if child.dep_ in ("amod", "acl") and (topic := _casualty(child)):
            return topic
    verbal = noun.dep_ in ("nsubj", "nsubj:pass", "obj", "conj") and noun.head.i != noun.i
    if verbal and (topic := _casualty(noun.head)):
        return topic
    doc = noun.doc
    for token in doc[noun.i + 1 : min(len(doc), noun.i + 5)]:  # "personnes sont mortes"
        if token.pos_ in ("VERB", "ADJ", "NOUN") and (topic := _casualty(token)):
            return topic
        if token.pos_ not in ("AUX", "ADV") and token.lower_ not in ("été", "ont", "sont"):
            break
    n = noun.i - 1
    while n >= 0 and (doc[n].like_num or doc[n].lower_ in _BOUND_WORDS):
        n -= 1  # "tuant au moins onze civils"
    if n >= 0 and doc[n].pos_ == "VERB" and (topic := _casualty(doc[n])):
        return topic
    return None


_BOUND_WORDS = {"au", "moins", "plus", "de", "d'", "environ", "près", "quelque", "jusqu'à"}


def figures(doc: Doc, article: str, sentences: list[tuple[int, int]]) -> list[Figure]:
    """The casualty figures of a French text, in text order (see the module doc)."""
    text = doc.text
    starts = [start for start, _ in sentences]
    found: list[Figure] = []
    groups = 0
    for token in doc:
        if groups:
            groups -= 1  # a thousands group of the number before ("300 000")
            continue
        value = _value(token)
        last = token
        while value is not None and token.text.isdigit() and last.i + 1 < len(doc):
            group = doc[last.i + 1]
            if not (len(group.text) == 3 and group.text.isdigit() and last.whitespace_):
                break
            value, last, groups = value * 1000 + float(group.text), group, groups + 1
        number = last.head if last.dep_ == "nummod" and last.head.i > last.i else None
        if number is None and last.i + 1 < len(doc) and doc[last.i + 1].pos_ in ("NOUN", "ADJ"):
            number = doc[last.i + 1]  # "onze civils" however the model parsed it
        if value is None and _lemma(token) in ROUND and token.i + 1 < len(doc):
            # "une dizaine de civils": the round count, its noun after "de"
            nouns = [c for c in token.children if c.dep_ == "nmod"]
            number, value = (nouns[0] if nouns else None), float(ROUND[_lemma(token)])
        if value is None or number is None or number.pos_ not in ("NOUN", "ADJ", "VERB"):
            continue
        topic = _casualty(number)
        unit = PEOPLE.get(_lemma(number))
        if topic is None and unit is not None:
            topic = _said_of(number)
        before = text[max(0, token.idx - 30) : token.idx]
        including = bool(_INCLUDING.search(before))
        if topic is None and unit is not None and including and found:
            previous = found[-1]  # "tuant onze civils, dont cinq enfants"
            if previous.unit is not None and token.idx - previous.end < 30:
                topic = previous.topic
        if topic is None:
            continue
        bound: Bound = "exact"
        if _AT_LEAST.search(before):
            bound = "at_least"
        elif _AT_MOST.search(before):
            bound = "at_most"
        elif _lemma(token) in ROUND or _ABOUT.search(before):
            bound = "about"
        start = token.idx
        end = max(start + len(token.text), number.idx + len(number.text))
        sentence = sentence_of(starts, sentences, start)
        if sentence is None:
            continue
        found.append(
            Figure(
                article=article, sentence=sentence, start=start, end=end, text=text[start:end],
                value=value, unit=unit, topic=topic, bound=bound,
                scope="including" if including else None,
            )
        )  # fmt: skip
    return found
