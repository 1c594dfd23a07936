"""Actor phrases: noun phrases that name a group of people who can take part in events.

"Syrian regime forces", "regime troops", "the regime's Fourth Division",
"armed opposition groups", "residents", "Iranian-backed militia": their head
word is one that names people acting together or a side. The entities stage
merges them across spellings and references and types them as ACLED does.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.model import Mention

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

STATE_HEADS = {
    "army", "military", "troop", "soldier", "police", "policeman", "regime", "government",
    "authority", "force", "division", "brigade", "battalion", "regiment", "guard", "gendarmerie",
    "navy", "airforce", "warplane", "jet", "helicopter", "officer", "personnel", "unit",
    "garrison",
}  # fmt: skip
REBEL_HEADS = {
    "rebel", "insurgent", "militant", "gunman", "jihadist", "fighter", "opposition", "guerrilla",
    "insurgency", "extremist", "terrorist", "group", "faction",
}  # fmt: skip
MILITIA_HEADS = {"militia", "militiaman", "paramilitary"}
CIVILIAN_HEADS = {
    "civilian", "resident", "villager", "child", "woman", "student", "worker", "journalist",
    "activist", "farmer", "refugee", "family", "people", "inhabitant", "local", "youth",
    "man", "doctor", "teacher", "worshipper", "passenger", "patient",
}  # fmt: skip
PROTESTER_HEADS = {"protester", "demonstrator", "marcher"}
RIOTER_HEADS = {"rioter", "mob", "looter"}
ACTOR_HEADS = (
    STATE_HEADS | REBEL_HEADS | MILITIA_HEADS | CIVILIAN_HEADS | PROTESTER_HEADS | RIOTER_HEADS
)
_DROP_LEFT = {"the", "a", "an", "some", "many", "several", "few", "all", "both", "other", "more"}


def actor_phrases(doc: Doc, article: str) -> list[Mention]:
    """Noun phrases headed by an actor word; `label` is the head's lemma."""
    found: list[Mention] = []
    text = doc.text
    for chunk in doc.noun_chunks:
        head = chunk.root
        lemma = head.lemma_.lower()
        if lemma not in ACTOR_HEADS or head.ent_type_ in ("DATE", "TIME", "CARDINAL"):
            continue
        span = _trim(chunk)
        if span is None:
            continue
        found.append(
            Mention(
                article=article,
                start=span.start_char,
                end=span.end_char,
                text=text[span.start_char : span.end_char],
                label=lemma,
            )
        )
    return found


# verbs a country is the subject of as a speaker, not as a side that acts
_TELLING = {
    "say", "tell", "report", "announce", "claim", "accuse", "urge", "call", "deny", "state",
    "add", "condemn", "demand", "insist", "ask", "confirm", "welcome", "express", "reject",
    "want", "hope", "believe", "think", "know", "see", "host", "face", "need", "have", "be",
    "remain", "become", "vote", "win", "lose", "play", "beat", "score", "qualify", "export",
    "import", "produce", "grow", "record", "rank", "mediate", "negotiate", "broker", "support",
    "back", "fund", "sponsor", "criticise", "criticize", "praise", "recognise", "recognize",
    "sanction", "visit", "meet", "discuss", "seek", "offer", "blame", "unveil",
}  # fmt: skip


def country_subjects(doc: Doc, article: str) -> list[Mention]:
    """Places named as the side that acts ("Israel has deployed forces", "Ethiopia
    intercepted 15 suspects"): label "state"; the entities stage keeps those that name a
    country, as its state forces."""
    found: list[Mention] = []
    for ent in doc.ents:
        root = ent.root
        if ent.label_ != "GPE" or root.dep_ != "nsubj" or root.head.pos_ != "VERB":
            continue
        if root.head.lemma_.lower() in _TELLING:
            continue
        found.append(
            Mention(article=article, start=ent.start_char, end=ent.end_char, text=ent.text,
                    label="state")
        )  # fmt: skip
    return found


def _trim(chunk: Span) -> Span | None:
    """Drop leading articles, quantifiers and numbers: "the Syrian regime forces" → "Syrian
    regime forces"; "four soldiers" → "soldiers"."""
    start = chunk.start
    for token in chunk:
        if token.dep_ == "cc" and token.i < chunk.root.i:
            start = token.i + 1  # "regime and opposition forces": the last conjunct
    while start < chunk.end - 1 and (
        chunk.doc[start].lower_ in _DROP_LEFT
        or chunk.doc[start].like_num
        or chunk.doc[start].is_punct
        or (chunk.doc[start].pos_ == "PRON" and chunk.doc[start].dep_ == "poss")
        or chunk.doc[start].dep_ in ("quantmod", "nummod", "advmod")
        or chunk.doc[start].ent_type_ in ("DATE", "TIME")  # "On Tuesday army units"
    ):
        start += 1
    span = chunk.doc[start : chunk.end]
    return span if len(span) else None
