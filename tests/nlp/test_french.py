"""French reports through the French pipeline: sentences repaired as English ones are,
hyphenated names kept whole, names labelled in the English pipeline's terms, each clause's
tense from the verb's forms."""

from __future__ import annotations

import pytest

from storyline.model import ParsedArticle
from storyline.nlp.french import MODEL, parse_french
from tests.conftest import make_article

pytestmark = pytest.mark.slow

TEXT = [
    "Mardi, les forces gouvernementales ont bombardé Deraa al-Balad, a déclaré un porte-parole "
    "de l'opposition. Trois civils ont été tués à Damas.",
    "« Nous avons peur », a confié une habitante de Bosra ash-Sham.",
    "Le ministre se rendra à Alep jeudi, et les discussions reprendraient ensuite.",
]


def parsed() -> ParsedArticle:
    return parse_french([make_article("fr", TEXT, language="fr")])["fr"]


def test_sentences_keep_hyphenated_names_and_open_quotes_whole() -> None:
    p = parsed()
    texts = [s.text for s in p.sentences]
    assert texts[0].endswith("a déclaré un porte-parole de l'opposition.")
    assert texts[2] == TEXT[1]  # the opening « starts the sentence, not a sentence of its own
    assert [s.paragraph for s in p.sentences] == [0, 0, 1, 2]
    for s in p.sentences:
        assert p.article.text[s.start : s.end] == s.text
    assert p.pipeline == MODEL


def test_names_carry_the_english_pipelines_labels() -> None:
    labels = {m.text: m.label for m in parsed().mentions}
    assert labels.get("Damas") == "GPE" and labels.get("Alep") == "GPE"
    assert set(labels.values()) <= {"GPE", "PERSON", "ORG", "MISC"}
    assert "Deraa al-Balad" in {n.text for n in parsed().names}


def test_clauses_carry_the_tense_of_their_verbs() -> None:
    p = parsed()
    tenses = {p.article.text[c.start : c.end].split()[0]: c.tense
              for s in p.sentences for c in s.clauses}  # fmt: skip
    assert tenses["Mardi,"] == "past"  # a bombardé: passé composé
    assert tenses["Le"] == "future"  # se rendra
    # its event words, casualty figures and statements are read (`nlp.french_predicates`,
    # `nlp.french_figures`, `nlp.french_propositions`: one a sentence)
    assert [(pr.lemma, pr.mood) for pr in p.predicates] == [("bombarder", None), ("tuer", None)]
    assert [(f.text, f.topic) for f in p.figures] == [("Trois civils", "killed")]
    assert p.predicates[1].figures == [0]
    said = {p.sentences[x.sentence].text[:5]: (x.predicate, x.mood) for x in p.propositions}
    assert said["Trois"] == ("tuer", None) and said["Le mi"][1] == "future"
