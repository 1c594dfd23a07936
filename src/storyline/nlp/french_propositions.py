"""What each sentence of a French report states: one proposition a sentence, its main clause.

The English pass reads a sentence as the several clauses that each state something
(`nlp.propositions`); the French one reads each sentence whole, as what it states, so a
French statement no English report makes can still be listed as a claim
(`sources.french`), cited to the sentence that says it. From the French parse:

- The clause: the sentence's main verb; under a saying verb with a clause of its own ("a
  déclaré que ...", "ont précisé les médecins") the reported clause, the saying verb's
  subject its speaker; "selon X" makes X the speaker.
- Its predicate (the verb's lemma), subject and object; its tense (`nlp.french.tense_of`).
- Its mood: None when asserted; else "negated" ("ne ... pas", "démentir"), "conditional"
  (the press's "auraient"), "future", "plan" (an appeal, a plan, a threat: "appelle à",
  "prévoit de", "menacent de"), "question".
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.model import Proposition, Sentence
from storyline.nlp.french import _stem_form, tense_of
from storyline.nlp.french_predicates import (
    _DENYING,
    _NOT_ASSERTED,
    _auxiliary_before,
    _conditional,
    _lemma,
    _negated,
    _noun_of,
    _participant,
    _verb,
)

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

SAYING = {
    "dire", "déclarer", "affirmer", "indiquer", "annoncer", "préciser", "ajouter", "confier",
    "expliquer", "estimer", "assurer", "souligner", "rapporter", "raconter", "confirmer",
    "témoigner", "signaler", "admettre", "reconnaître", "démentir", "nier",
    "accuser", "dénoncer", "écrire", "répondre", "insister", "rappeler", "avertir",
}  # fmt: skip


def propositions(doc: Doc, sentences: list[Sentence], text: str) -> list[Proposition]:
    """One proposition for each sentence with a verb, in text order."""
    found = []
    for sentence in sentences:
        if sentence.heading:
            continue
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        if span is None:
            continue
        made = _proposition(span, sentence, text)
        if made is not None:
            found.append(made)
    return found


def _proposition(span: Span, sentence: Sentence, text: str) -> Proposition | None:
    root = span.root
    if not _verb(root):
        return None
    clause, speaker = root, None
    if _lemma(root) in SAYING:
        reported = [c for c in root.children if c.dep_ in ("ccomp", "parataxis") and _verb(c)]
        subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
        if reported:
            clause, speaker = reported[0], subject
    for token in span:  # "selon des témoins", "selon le personnel de l'hôpital"
        if token.lower_ == "selon" and token.dep_ == "case" and speaker is None:
            speaker = token.head
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubj:pass")), None)
    obj = next((c for c in clause.children if c.dep_ == "obj"), None)
    subject, obj = _noun_of(subject), _noun_of(obj)
    return Proposition(
        article=sentence.article, sentence=sentence.index, start=sentence.start,
        end=sentence.end, text=sentence.text, reading=sentence.text, terms=sentence.terms,
        head=clause.idx, predicate=_lemma(clause),
        subject=_participant(subject, text) if subject is not None else None,
        object=_participant(obj, text) if obj is not None else None,
        speaker=_participant(speaker, text) if speaker is not None else None,
        mood=mood(clause, root, span), tense=tense_of(clause),
    )  # fmt: skip


def mood(clause: Token, root: Token, span: Span) -> str | None:
    """Why a clause is not asserted, or None (see the module doc)."""
    if span.text.rstrip().endswith("?"):
        return "question"
    if _negated(clause) or (root.i != clause.i and _lemma(root) in _DENYING):
        return "negated"
    if tense_of(clause) == "future":
        return "future"  # "a annoncé que les discussions reprendraient mercredi" too
    for word in clause.children:  # a copula's tense: "resteront fermées", "seraient fermées"
        if word.dep_ == "cop" or (word.pos_ == "AUX" and word.i < clause.i):
            if "Fut" in word.morph.get("Tense", []) or _stem_form(word) == "future":
                return "future"
            if "Cnd" in word.morph.get("Mood", []) or _stem_form(word) == "conditional":
                return "conditional"
    before = _auxiliary_before(clause)
    if _conditional(clause) or (
        before is not None and set(before.morph.get("Mood", [])) == {"Cnd"}
    ):
        return "conditional"
    if _lemma(clause) in _NOT_ASSERTED and any(
        c.dep_ in ("xcomp", "ccomp", "obl:arg") for c in clause.children
    ):
        return "plan"
    return None
