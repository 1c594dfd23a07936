"""Event predicates: the words that say something happened, with who did it to whom.

Read from the dependency parse of the one spaCy pass, so later stages never
parse again. A predicate is one happening in one sentence ("regime forces
shelled the neighbourhood", "clashes between regime forces and residents",
"Tuesday's fighting resulted in the death of one resident"):

- Its cue words: event verbs ("shell", "clash", "kill", "arrest", "protest",
  "recapture", "agree") and event nouns ("airstrikes", "fighting",
  "blockade"). A noun counts only when the sentence asserts it happened: it is
  the subject of a verb like "broke out" or "resulted in", the object of a verb
  like "launched", "faced" or "repelled", follows an existential "there was",
  or carries its own date ("Tuesday's fighting"). "Stopping attacks" and "to
  end the fighting" assert nothing.
- Words that depend on another cue without a subject of their own join that
  cue's predicate ("shelled ..., killing at least one person"); a cue with a
  subject of its own starts another ("..., while rebels killed four soldiers").
- Agent and patient: the subject and object of an active verb; the "by" phrase
  and subject of a passive; a noun's possessor, actor modifier ("rebel
  shelling") or "by"/"between ... and" phrase; the subject of "faced" or
  "suffered" is the patient.
- Mood: whether the text asserts it happened. Negated, modal ("would lift the
  siege"), infinitival ("supposed to enter"), wanted or called for ("urged ...
  to stop attacks"), conditional, habitual ("regularly", "more than once") and
  cumulative tolls ("Fifteen civilians have been killed", "killed throughout
  the conflict") are not incidents: `mood` names which, and only `None` is an
  asserted incident.
- Figures: the casualty and other figures (`ParsedArticle.figures`) that hang
  on the predicate in the parse.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from storyline.model import Figure, ParsedArticle, Participant, Predicate, Sentence
from storyline.nlp.actors import PROTESTER_HEADS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# cue lemma -> family; the family narrows the event types a classifier may choose
VERB_CUES: dict[str, str] = {
    **dict.fromkeys(["clash", "fight", "battle", "skirmish", "repel", "storm", "ambush",
                     "retaliate", "engage", "besiege", "encircle", "push", "advance",
                     "assault", "raid", "invade"], "fight"),
    **dict.fromkeys(["attack", "target", "strike", "hit"], "attack"),
    **dict.fromkeys(["kill", "shoot", "murder", "execute", "massacre", "assassinate",
                     "wound", "injure", "slay", "behead", "stab", "torture", "beat", "lynch"],
                    "kill"),
    **dict.fromkeys(["shell", "bombard", "fire", "pound"], "shell"),
    **dict.fromkeys(["bomb", "airstrike"], "air"),
    **dict.fromkeys(["explode", "detonate", "blow"], "explode"),
    **dict.fromkeys(["gas"], "chemical"),
    **dict.fromkeys(["kidnap", "abduct", "disappear"], "abduct"),
    **dict.fromkeys(["rape", "molest"], "sexual"),
    **dict.fromkeys(["arrest", "detain", "jail", "imprison"], "arrest"),
    **dict.fromkeys(["protest", "demonstrate", "march", "rally", "picket"], "protest"),
    **dict.fromkeys(["riot", "loot", "vandalise", "vandalize", "torch", "burn", "destroy",
                     "demolish", "raze", "ransack"], "destroy"),
    **dict.fromkeys(["recapture", "retake", "capture", "seize", "overrun", "regain",
                     "reclaim", "liberate", "occupy"], "territory"),
    **dict.fromkeys(["withdraw", "cede", "surrender", "evacuate"], "withdraw"),
    **dict.fromkeys(["agree", "sign", "broker"], "agree"),
    **dict.fromkeys(["blockade", "siege", "close", "reimpose", "re-impose", "impose"],
                    "siege"),
    **dict.fromkeys(["deploy", "mobilise", "mobilize", "reinforce", "establish", "dispatch"],
                    "deploy"),
}  # fmt: skip
# verbs that disrupt weapons use when what they act on is weapons ("police seized two rifles",
# "an arms cache was found", "forces destroyed 300 mines"): the family is "disrupt", whatever
# the verb means otherwise ("seized the town" is territory); with no weapon, those marked
# None here are no event at all ("found the report", "intercepted a call")
_DISRUPT_VERBS: dict[str, str | None] = {
    "seize": "territory", "destroy": "destroy",
    **dict.fromkeys(["confiscate", "find", "discover", "uncover", "recover", "intercept",
                     "defuse", "dismantle", "clear", "remove", "neutralise", "neutralize",
                     "deactivate", "impound", "unearth", "defuse", "dispose"], None),
}  # fmt: skip
WEAPON_WORDS = {
    "weapon", "arm", "firearm", "gun", "handgun", "shotgun", "pistol", "rifle", "revolver",
    "musket", "carbine", "kalashnikov", "ak-47", "ammunition", "ammo", "munition", "round",
    "cartridge", "bullet", "magazine", "explosive", "device", "ied", "bomb", "mine",
    "landmine", "grenade", "rocket", "missile", "projectile", "mortar", "launcher", "rpg",
    "detonator", "cache", "stash", "arsenal", "dynamite", "tnt", "drone",
}  # fmt: skip
NOUN_CUES: dict[str, str] = {
    **dict.fromkeys(["clash", "fighting", "battle", "skirmish", "offensive", "assault",
                     "incursion", "raid", "operation", "gunfire", "firefight", "ambush",
                     "hostility", "combat"], "fight"),
    **dict.fromkeys(["attack", "strike"], "attack"),
    **dict.fromkeys(["killing", "murder", "assassination", "execution", "massacre",
                     "shooting", "torture", "beating", "lynching"], "kill"),
    **dict.fromkeys(["shelling", "bombardment", "artillery", "mortar", "rocket", "missile",
                     "fire", "barrage"], "shell"),
    **dict.fromkeys(["airstrike", "air strike", "air raid", "bombing", "bomb", "drone"],
                    "air"),
    **dict.fromkeys(["explosion", "blast", "ied", "landmine", "mine", "car bomb"], "explode"),
    **dict.fromkeys(["grenade"], "grenade"),
    **dict.fromkeys(["suicide bombing", "suicide attack", "suicide bomber"], "suicide"),
    **dict.fromkeys(["kidnapping", "abduction", "disappearance"], "abduct"),
    **dict.fromkeys(["rape", "gang-rape"], "sexual"),
    **dict.fromkeys(["arrest", "detention", "crackdown"], "arrest"),
    **dict.fromkeys(["protest", "demonstration", "march", "rally", "sit-in"], "protest"),
    **dict.fromkeys(["riot", "looting", "arson"], "destroy"),
    **dict.fromkeys(["capture", "takeover", "recapture"], "territory"),
    **dict.fromkeys(["withdrawal", "handover", "evacuation"], "withdraw"),
    **dict.fromkeys(["agreement", "deal", "ceasefire", "cease-fire", "truce", "accord"],
                    "agree"),
    **dict.fromkeys(["siege", "blockade", "curfew"], "siege"),
    **dict.fromkeys(["deployment", "reinforcement", "buildup", "build-up"], "deploy"),
}  # fmt: skip
# nouns that assert their event as the subject of these verbs ("clashes broke out")
_SUBJECT_SUPPORT = {
    "break", "erupt", "continue", "resume", "kill", "leave", "result", "cause", "hit", "strike",
    "target", "rock", "spread", "escalate", "occur", "intensify", "begin", "start", "flare",
    "take", "claim", "injure", "wound", "destroy", "damage", "force", "displace",
    "arrive", "reach", "ensue",
}  # fmt: skip
# ... or as the object of these ("launched an offensive", "faced airstrikes")
_OBJECT_SUPPORT = {
    "launch", "renew", "carry", "conduct", "face", "repel", "exchange", "mount", "stage",
    "resume", "intensify", "step", "unleash", "suffer", "witness", "trigger", "spark", "wage",
    "begin", "start", "endure", "survive", "impose", "reimpose", "re-impose", "hold", "strike",
    "reach", "sign", "seal", "broker", "break", "open", "fire", "lift", "tighten", "use",
    "commit", "perpetrate", "hurl", "throw", "lob", "plant", "drop",
}  # fmt: skip
_PATIENT_SUBJECT = {"face", "suffer", "witness", "endure", "survive", "come"}
# heads under which nothing asserted happens: appeals, plans, prevention
_IRREALIS_HEADS = {
    "stop", "prevent", "end", "halt", "avoid", "call", "urge", "demand", "ask", "appeal",
    "want", "plan", "threaten", "hope", "refuse", "aim", "need", "intend", "wish", "vow",
    "propose", "suppose", "expect", "would", "warn", "fear", "risk", "deny", "prepare",
    "consider", "seek", "allow", "permit", "push", "press", "order", "require", "ready",
    "negotiate", "mean", "due",
}  # fmt: skip
_ATTEMPT_HEADS = {"attempt", "try", "begin", "start", "continue", "resume", "manage", "fail"}
# "are thought to have struck": a hedge on a reported event, not a plan
_HEDGE_HEADS = {
    "think", "believe", "report", "say", "understand", "know", "allege", "claim", "estimate",
    "appear", "seem", "fear", "confirm", "suspect", "presume",
}  # fmt: skip
# edges up which an appeal or plan reaches down: "urged X to stop attacks"
_GOVERNED = {
    "xcomp", "ccomp", "pcomp", "prep", "pobj", "dobj", "conj", "acomp", "csubj", "oprd", "acl",
}  # fmt: skip
_MODALS = {"would", "could", "should", "must", "might", "may", "can", "will", "shall", "'d", "'ll"}
_HABITUAL_WORDS = {
    "regularly", "frequently", "often", "routinely", "repeatedly", "sometimes", "occasionally",
    "usually", "constantly", "periodically", "commonly", "regular", "frequent",
    "repeated", "routine", "daily", "nightly", "constant", "continuous", "ongoing", "periodic",
    "occasional", "sporadic", "multiple", "several", "numerous", "countless",
}  # fmt: skip
# a period summed up rather than an incident: "have faced ... since 2018", "in the three years"
_PERIOD = re.compile(
    r"\bsince\s+(?!then\b)\w|\bover\s+the\s+(?:past|last)\b|\bin\s+the\s+(?:past|last)\s+\w+\s+"
    r"(?:years|months|weeks)\b|\bin\s+the\s+\w+\s+(?:years|months)\s+since\b|\bfor\s+(?:years|months|decades)\b",
    re.I,
)

_HABITUAL = re.compile(
    r"\b(?:several|many|multiple|countless|numerous)\s+times\b|\bmore\s+than\s+once\b"
    r"|\bon[-\s]and[-\s]off\b|\btime\s+and\s+again\b|\bhave\s+(?:since\s+)?become\s+routine"
    r"|\b(?:regularly|frequently|routinely|repeatedly|often)\b",
    re.I,
)
_CUMULATIVE = re.compile(
    r"\b(?:so\s+far|to\s+date|in\s+total|in\s+all|altogether|throughout|over\s+the\s+(?:past|last)"
    r"|since\s+(?:the\s+)?(?:start|beginning|outbreak)|death\s+toll|toll\s+(?:rose|has\s+risen))",
    re.I,
)
_KILL_FAMILY = {"kill"}
_PARTICIPANT_LEFT_DEPS = {
    "compound",
    "amod",
    "poss",
    "nmod",
    "det",
    "nummod",
    "quantmod",
    "npadvmod",
}
_DATE_ENTS = {"DATE", "TIME"}
# modifiers of an event noun that say how, not who: "renewed shelling", "tank fire"
_NOT_ACTORS = {
    "renewed", "heavy", "intermittent", "recent", "new", "further", "fierce", "military",
    "ground", "air", "tank", "sniper",
}  # fmt: skip


# the lemmatiser reads "raped" as a form of "rap", "staged" of "stag"
_MISLEMMAS = {
    "raped": "rape", "rapes": "rape", "raping": "rape", "staged": "stage", "torched": "torch",
}  # fmt: skip
_SEXUAL_NOUNS = {"assault", "violence", "abuse", "attack", "harassment", "exploitation"}
# force that ends a protest: "police dispersed the crowd", "authorities suppressed protests"
_DISPERSE = {"disperse", "suppress", "quell", "crack", "chase"}
# what protesters call for is their protest; what they threaten or plan is not yet one
_CROWD_DEMANDS = {"demand", "call", "urge", "ask"}
# what crowds throw: "pelted stones at police", "bottles were thrown"
_THROWN = {"stone", "rock", "projectile", "bottle", "brick", "molotov", "cocktail", "firebomb"}
# verbs that take territory with "control" as their object ("took control of the villages")
_CONTROL_VERBS = {"take", "seize", "wrest", "gain", "assume", "regain", "retake"}


def lemma_of(token: Token) -> str:
    """The token's lemma, lower case, with the lemmatiser's known slips mended."""
    return _MISLEMMAS.get(token.lower_) or token.lemma_.lower()


def _verbal(token: Token) -> bool:
    """A verb, or a verb the tagger took for an adjective ("Protesters light(ADJ) fires",
    "torched(ADJ) vehicles"): it has a subject or an object of its own."""
    return token.pos_ == "VERB" or (
        token.pos_ == "ADJ" and any(c.dep_ in ("dobj", "nsubj") for c in token.children)
    )


def _acted_on(token: Token) -> list[Token]:
    """What a verb acts on: its object, the subject of its passive, or the noun a participle
    describes ("a stash of rifles found near the river")."""
    found = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if token.dep_ == "acl" and token.tag_ == "VBN":
        found.append(token.head)
    return found


def weapons_acted_on(token: Token) -> list[Token]:
    """The weapon words among what a verb acts on, through lists ("two rifles and 50
    rounds"), measures and containers ("100 kg of explosives", "a cache of arms", "bags
    containing explosive devices")."""
    found: list[Token] = []
    todo = _acted_on(token)
    seen: set[int] = set()
    while todo:
        word = todo.pop()
        if word.i in seen:
            continue
        seen.add(word.i)
        if lemma_of(word) in WEAPON_WORDS:
            found.append(word)
        for child in word.children:
            if child.dep_ in ("conj", "appos"):
                todo.append(child)
            elif child.dep_ == "prep" and child.lower_ in ("of", "including"):
                todo.extend(g for g in child.children if g.dep_ == "pobj")
            elif child.dep_ == "acl" and lemma_of(child) in ("contain", "hold", "carry"):
                todo.extend(g for g in child.children if g.dep_ == "dobj")
    return found


def _crowd_in(token: Token) -> bool:
    """Whether the token's sentence is about protesters or a protest."""
    return any(
        lemma_of(t) in _CROWD_DOERS or NOUN_CUES.get(lemma_of(t)) == "protest" for t in token.sent
    )


def _crowd(noun: Token) -> bool:
    """ "protesters", "crowds of protesters", "hundreds of demonstrators"."""
    if lemma_of(noun) in _CROWD_DOERS:
        return True
    return any(
        lemma_of(g) in _CROWD_DOERS
        for c in noun.children
        if c.dep_ == "prep" and c.lower_ == "of"
        for g in c.children
    )


def _cue(token: Token) -> str | None:
    """The family of an event word, or None."""
    lemma = lemma_of(token)
    if _verbal(token):
        if token.dep_ == "amod" and not any(c.dep_ == "nsubj" for c in token.children):
            return None  # "Russia-brokered talks", "the besieged neighbourhood"
        if lemma in _DISRUPT_VERBS:
            if weapons_acted_on(token):
                return "disrupt"  # "police seized two rifles", "mines were cleared"
            if _DISRUPT_VERBS[lemma] is None:
                return None  # "found the report", "intercepted a call"
        if lemma in _DISPERSE:
            if lemma == "crack" and not any(
                c.dep_ == "prt" and c.lower_ == "down" for c in token.children
            ):
                return None
            return "intervene" if _crowd_in(token) else None
        if lemma == "assault" and any(
            c.dep_ == "advmod" and c.lower_ == "sexually" for c in token.children
        ):
            return "sexual"
        particles = {c.lower_ for c in token.children if c.dep_ == "prt"}
        if lemma == "set" and "up" in particles:
            return _needs_object(token, "establish")  # "set up two bases"
        if lemma == "set" and "off" in particles:
            return "explode" if weapons_acted_on(token) else None  # "set off a bomb"
        objects = {lemma_of(c) for c in token.children if c.dep_ in ("dobj", "nsubjpass")}
        if lemma in _CONTROL_VERBS and "control" in objects:
            return "territory"  # "took control of three villages"
        if lemma in ("push", "drive") and (
            particles & {"out", "back"}
            or any(c.dep_ == "prep" and c.lower_ in ("out", "from") for c in token.children)
        ):
            return "fight"  # "pushed the militants out of the area"
        if lemma == "lose" and "life" in objects:
            return "kill"  # "five people lost their lives"
        if lemma in ("suffer", "sustain") and objects & {"injury", "wound"}:
            return "kill"  # "seven soldiers suffered injuries"
        if lemma in ("pelt", "hurl", "throw", "lob"):
            return "destroy" if lemma == "pelt" or objects & _THROWN else None
        if lemma == "defect":
            return "deploy"  # a change to a group: "160 soldiers defected"
        if lemma == "fire" and not _fires_at(token):
            return None  # "fired the minister"
        if lemma == "fire" and any(
            c.dep_ == "dobj" and lemma_of(c) in _CROWD_ROUNDS for c in token.children
        ):
            return "fight"  # "fired tear gas at residents": force, not shelling
        if lemma in ("push", "advance") and not any(
            c.dep_ == "prep" and c.lower_ in ("into", "toward", "towards", "on")
            for c in token.children
        ):
            return None
        if lemma in (
            "close",
            "impose",
            "reimpose",
            "re-impose",
            "establish",
            "hit",
            "strike",
            "beat",
            "burn",
        ):
            return _needs_object(token, lemma)
        found = VERB_CUES.get(lemma)
        if (
            lemma == "use"
            and any(c.dep_ == "dobj" and lemma_of(c) in _FORCE for c in token.children)
            and any(lemma_of(t) in _CROWD_DOERS for t in token.sent)
        ):
            return "intervene"  # "used excessive force against protesters"
        if (
            found is None
            and (lemma not in _IRREALIS_HEADS or lemma in _CROWD_DEMANDS)
            and any(c.dep_ == "nsubj" and _crowd(c) for c in token.children)
        ):
            # what protesters do is their protest ("protesters lit fires", "demonstrators
            # chanted slogans"): the type (peaceful, violent) is the classifier's to say
            return "protest"
        return found
    if token.pos_ in ("NOUN", "PROPN"):
        if lemma in _SEXUAL_NOUNS and any(
            c.dep_ in ("amod", "compound") and c.lower_ in ("sexual", "sex") for c in token.children
        ):
            return "sexual"  # "sexual violence", "sex abuse"
        compound = f"{lemma_of(token.head)} {lemma}" if token.dep_ == "compound" else None
        if compound and compound in NOUN_CUES:
            return None  # the head carries the compound ("air strike")
        left = token.doc[token.i - 1] if token.i > 0 else None
        if left is not None and left.dep_ == "compound":
            pair = f"{lemma_of(left)} {lemma}"
            if pair in NOUN_CUES:
                return NOUN_CUES[pair]
        if (
            lemma == "fire"
            and not any(
                c.lower_
                in ("tank", "artillery", "mortar", "sniper", "rocket", "heavy", "gun", "machine")
                for c in token.children
            )
            and lemma_of(token.head) not in ("open", "exchange", "against")
        ):
            return None
        if lemma in ("operation",) and not any(
            c.lower_ in ("military", "ground", "security", "army", "air") for c in token.children
        ):
            return None
        return NOUN_CUES.get(lemma)
    return None


_CROWD_ROUNDS = {"gas", "canister", "cannon", "pellet", "teargas"}
_CROWD_DOERS = PROTESTER_HEADS | {"rioter", "protestor"}
_FORCE = {"force", "violence", "teargas", "gas", "cannon", "bullet", "baton", "truncheon"}


def _fires_at(token: Token) -> bool:
    """ "fired at the town", "fired rockets", "shells fired towards their positions"."""
    return any(
        c.dep_ == "prep" and c.lower_ in ("at", "on", "upon", "into", "towards", "toward")
        for c in token.children
    ) or any(
        lemma_of(o) in ("shot", "round", "rocket", "missile", "shell", "mortar", "bullet", "gas")
        for o in _acted_on(token)
    )


_OBJECT_WORDS = {
    "close": {"road", "route", "crossing", "border", "entrance", "access", "highway"},
    "impose": {"siege", "blockade", "curfew"},
    "reimpose": {"siege", "blockade", "curfew"},
    "re-impose": {"siege", "blockade", "curfew"},
    "establish": {"base", "headquarters", "camp", "checkpoint", "post", "position", "roadblock"},
}


def _needs_object(token: Token, lemma: str) -> str | None:
    """Verbs that are events only with certain objects ("closed the roads", "imposed a siege")."""
    objects = [c for c in token.children if c.dep_ in ("dobj", "nsubjpass")]
    if lemma in _OBJECT_WORDS:
        wanted = _OBJECT_WORDS[lemma]
        if any(lemma_of(o) in wanted for o in objects):
            return "siege" if lemma != "establish" else "deploy"
        return None
    # hit, strike, beat, burn: events when they act on people or places, not on deals or records
    if any(
        lemma_of(o) in ("deal", "agreement", "record", "chord", "tone", "balance") for o in objects
    ):
        return "agree" if lemma == "strike" else None
    return VERB_CUES.get(lemma)


def _asserted_noun(token: Token) -> bool:
    """Whether the sentence asserts the noun's event happened (see the module docstring)."""
    head = token.head
    head_lemma = lemma_of(head)
    if any(c.dep_ == "poss" and c.ent_type_ in _DATE_ENTS for c in token.children):
        return True  # "Tuesday's fighting"
    if any(
        c.dep_ == "prep" and any(g.ent_type_ in _DATE_ENTS for g in c.children)
        for c in token.children
    ):
        return True  # "the attack on Monday"
    if token.dep_ in ("nsubj", "nsubjpass") and head_lemma in _SUBJECT_SUPPORT:
        return True
    if token.dep_ in ("dobj",) and head_lemma in _OBJECT_SUPPORT:
        return True
    if (
        token.dep_ in ("attr", "nsubj")
        and head_lemma == "be"
        and any(c.dep_ == "expl" for c in head.children)
    ):
        return True  # "there was fighting on the outskirts"
    if token.dep_ == "nsubjpass" and head_lemma in _OBJECT_SUPPORT:
        return True  # "protests were held", "airstrikes were carried out"
    if token.dep_ == "pobj" and (
        head.lower_ in ("during", "amid", "amidst")
        or (head.lower_ == "in" and lemma_of(head.head) == "part")
    ):
        return True  # "arrested during the protest", "took part in marches"
    if token.dep_ == "ROOT" and not any(t.pos_ in ("VERB", "AUX") for t in token.sent):
        return True  # a headline or caption without a verb: "Protests in the capital"
    if token.dep_ == "pobj" and head.lower_ == "of" and lemma_of(head.head) in _TELLING:
        return True  # "victims of rape", "an incident of arson"
    if (
        token.dep_ in ("nsubj", "nsubjpass")
        and any(c.dep_ in ("det", "poss") and c.lower_ != "no" for c in token.children)
        and any(c.dep_ == "prep" and c.lower_ in _SCENE for c in token.children)
        and head.pos_ in ("VERB", "AUX")
        and head_lemma not in _IRREALIS_HEADS
        and (head.tag_ == "VBD" or _perfect(head))
    ):
        # a definite incident with its target or scene, told in the past, is presupposed:
        # "the attacks on the depot had ..." (but "the siege produced ..." may be any siege)
        return True
    if token.dep_ == "conj":
        return _asserted_noun(head) if head.pos_ in ("NOUN", "PROPN") else False
    return False


_SCENE = {"on", "against", "in", "at", "near", "outside", "inside"}
# nouns whose "of" phrase names something that happened ("victims of rape")
_TELLING = {"victim", "incident", "survivor"}


def _depth(token: Token) -> int:
    return sum(1 for _ in token.ancestors)


def _noun_parent(token: Token) -> Token | None:
    """The word a noun cue is part of: "killed in shelling", "repelled attacks", "airstrikes
    and tank fire"."""
    head = token.head
    for child in token.children:
        if child.dep_ == "amod" and child.pos_ == "VERB" and _cue(child) is not None:
            return child  # a misparse: "Residents repelled(amod) attacks(ROOT)"
    if token.dep_ == "pobj" and head.lower_ in ("in", "during", "by", "with", "amid", "from"):
        return head.head
    if token.dep_ == "dobj" or (token.dep_ == "conj" and head.pos_ in ("NOUN", "PROPN")):
        return head
    return None


def _dependent_verb(token: Token) -> bool:
    """A verb that tells more of the event above it rather than another one: no subject of its
    own ("shelled ..., killing one person"; "killed and another wounded")."""
    if any(c.dep_ in ("nsubj", "nsubjpass", "csubj") for c in token.children):
        subject = next(c for c in token.children if c.dep_ in ("nsubj", "nsubjpass", "csubj"))
        return subject.like_num or subject.lower_ in ("another", "others", "more", "one")
    return token.dep_ in ("advcl", "xcomp", "conj", "acl", "ccomp", "oprd")


def _participant(token: Token, text: str) -> Participant:
    """The noun phrase a token heads, without its relative clauses and prepositions."""
    left = token
    for child in token.lefts:
        if child.dep_ in _PARTICIPANT_LEFT_DEPS:
            left = child.left_edge if child.left_edge.i < left.i else left
            break
    while left.i < token.i and (left.dep_ in ("det", "punct") or left.is_punct):
        left = left.doc[left.i + 1]
    start = left.idx
    end = token.idx + len(token.text)
    return Participant(start=start, end=end, text=text[start:end], head=token.idx)


def _pobj(token: Token, preps: tuple[str, ...]) -> Token | None:
    """The object of the first of `preps` (in that order) the word governs, not a date."""
    for prep in preps:
        for child in token.children:
            if child.dep_ in ("prep", "agent") and child.lower_ == prep:
                for grand in child.children:
                    if grand.dep_ == "pobj" and grand.ent_type_ not in _DATE_ENTS:
                        return grand
    return None


def _subject(token: Token) -> Token | None:
    """The explicit subject of a verb, or inherited through xcomp / conj."""
    node = token
    for _ in range(4):
        for child in node.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child
        if node.dep_ in ("xcomp", "conj", "advcl") and node.head is not node:
            if node.dep_ == "advcl" and node.tag_ != "VBG":
                return None
            node = node.head
            continue
        return None
    return None


def _roles(token: Token) -> tuple[Token | None, Token | None]:
    """(agent, patient) of an event word."""
    agent: Token | None = None
    patient: Token | None = None
    passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in token.children)
    if _verbal(token):
        if passive:
            agent = _pobj(token, ("by",))
            patient = next((c for c in token.children if c.dep_ == "nsubjpass"), None)
        else:
            agent = _subject(token)
            patient = next((c for c in token.children if c.dep_ == "dobj"), None)
            if patient is None:
                patient = _pobj(token, ("with", "against", "on", "at", "into", "upon"))
    else:
        agent = next(
            (c for c in token.children if c.dep_ in ("poss",) and c.ent_type_ not in _DATE_ENTS),
            None,
        ) or _pobj(token, ("by", "from"))
        if agent is None:
            agent = next(
                (
                    c
                    for c in token.children
                    if c.dep_ in ("compound", "amod", "nmod")
                    and c.pos_ in ("NOUN", "PROPN", "ADJ")
                    and c.ent_type_ not in _DATE_ENTS
                    and lemma_of(c) not in NOUN_CUES
                    and lemma_of(c) not in _NOT_ACTORS
                ),
                None,
            )
        between = _pobj(token, ("between",))
        if between is not None:
            agent = between
            patient = next((c for c in between.children if c.dep_ == "conj"), None)
        if patient is None:
            patient = _pobj(token, ("on", "against", "at", "with"))
        head = token.head
        if token.dep_ == "dobj" and lemma_of(head) in _PATIENT_SUBJECT:
            patient = _subject(head) or patient  # "Civilians faced airstrikes"
        elif token.dep_ == "dobj" and agent is None and head.pos_ == "VERB":
            agent = _subject(head)  # "regime forces launched an attack"
    if agent is not None and agent.dep_ == "poss" and agent.pos_ == "PRON":
        head = token.head
        if token.dep_ == "dobj" and head.pos_ == "VERB":
            agent = _subject(head) or agent  # "regime forces renewed their attacks"
    return _actor_like(agent), _actor_like(patient)


def _actor_like(token: Token | None) -> Token | None:
    """None for words that can't name who took part: numbers, dates, "it", "another"."""
    if token is None or token.like_num or token.ent_type_ in _DATE_ENTS:
        return None
    if token.lower_ in ("it", "that", "which", "another", "others", "one", "more", "former"):
        return None
    return token


def _mood(token: Token, whole: str, sentence: tuple[int, int], family: str) -> str | None:
    """None when the text asserts the event happened, else why it doesn't. `whole` is the
    document's text (read once: `Doc.text` joins every token on each access)."""
    text = whole[sentence[0] : sentence[1]]
    if _quoted(token, whole, sentence[0]):
        return "quoted"
    node = token
    infinitive = False
    for _ in range(10):
        if any(c.dep_ == "neg" for c in node.children) and node.pos_ in ("VERB", "AUX", "NOUN"):
            return "negated"
        if any(c.lower_ in _MODALS and c.dep_ in ("aux", "auxpass") for c in node.children):
            return "modal"
        if any(c.dep_ == "aux" and c.tag_ == "TO" for c in node.children):
            infinitive = True
        if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in node.children):
            return "conditional"
        if any(c.lower_ in _HABITUAL_WORDS for c in node.children):
            return "habitual"
        if node.head is node or node.dep_ not in _GOVERNED:
            break
        head = node.head
        lemma = lemma_of(head)
        if lemma in _ATTEMPT_HEADS or lemma in _HEDGE_HEADS:
            infinitive = False  # "attempted to storm", "are thought to have struck"
        elif lemma in _IRREALIS_HEADS and head.pos_ in ("VERB", "AUX", "ADJ", "NOUN"):
            return "appeal or plan"
        node = head
    if infinitive:
        return "infinitive"
    if _verbal(token) and _future(token):
        return "future"
    if _HABITUAL.search(text):
        return "habitual"
    if family in _KILL_FAMILY and _cumulative(token, text):
        return "cumulative"
    if family in _KILL_FAMILY and _episode(token):
        return "episode"
    if _PERIOD.search(text) and _perfect(node):
        return "period"
    return None


_EPISODES = {
    "flareup", "flare-up", "flare", "escalation", "offensive", "campaign", "war", "conflict",
    "crisis", "uprising", "insurgency", "unrest", "violence", "bloodshed", "turmoil",
}  # fmt: skip


def _episode(verb: Token) -> bool:
    """A toll of an episode, not of one incident: the killing is done by a flare-up, a war,
    a campaign ("the deadliest flareup in three years killed 28 people"; "the war has
    killed 600,000")."""
    return any(c.dep_ in ("nsubj", "agent") and _episode_noun(_head_noun(c)) for c in verb.children)


def _episode_noun(noun: Token) -> bool:
    """ "escalation", "war"; "flare-up" (parsed as "up" with "flare" before it)."""
    if lemma_of(noun) in _EPISODES:
        return True
    return any(c.dep_ == "compound" and lemma_of(c) in _EPISODES for c in noun.children)


def _head_noun(token: Token) -> Token:
    """The noun of "by the escalation" (an agent phrase) or the subject itself."""
    if token.dep_ == "agent":
        return next((c for c in token.children if c.dep_ == "pobj"), token)
    return token


def _perfect(verb: Token) -> bool:
    """A present-perfect clause: "has faced", "there have been"."""
    return any(c.dep_ == "aux" and c.lower_ in ("has", "have", "'ve") for c in verb.children)


def _quoted(token: Token, text: str, sentence_start: int) -> bool:
    """Whether a word stands inside quotation marks (someone's words, not the report's)."""
    before = text[sentence_start : token.idx]
    if "\u201c" in before or "\u201d" in before:
        return before.rfind("\u201c") > before.rfind("\u201d")
    return before.count('"') % 2 == 1


def _future(token: Token) -> bool:
    auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    return bool(auxes & {"will", "shall", "'ll"}) or (
        "going" in auxes and any(c.tag_ == "TO" for c in token.children)
    )


def _cumulative(token: Token, sentence_text: str) -> bool:
    """A running toll rather than one incident's: "have been killed" with no one doing it,
    or "killed throughout the conflict"."""
    if _CUMULATIVE.search(sentence_text):
        return True
    auxes = {c.lower_ for c in token.children if c.dep_ in ("aux", "auxpass")}
    passive_perfect = bool(auxes & {"has", "have"}) and "been" in auxes
    return passive_perfect and _pobj(token, ("by",)) is None and token.dep_ == "ROOT"


def predicates(
    doc: Doc, article: str, sentences: list[tuple[int, int]], figures: list[Figure]
) -> list[Predicate]:
    """Every event predicate of a parsed text, in text order, with its figures."""
    found: list[Predicate] = []
    text = doc.text  # Doc.text joins every token on each access: read it once
    starts = [start for start, _ in sentences]
    cues: dict[int, str] = {}
    joined: dict[int, int] = {}  # noun cue -> the cue it is part of ("killed in shelling")
    families = {token.i: f for token in doc if (f := _cue(token)) is not None}
    # the weapons a disruption acts on are not events of their own ("seized two grenades")
    seized = {
        t.i
        for i, family in families.items()
        if family == "disrupt"
        for w in weapons_acted_on(doc[i])
        for t in w.subtree
        if t.i != i
    }
    for i, family in families.items():
        token = doc[i]
        if i in seized:
            continue
        if token.pos_ in ("NOUN", "PROPN"):
            parent = _noun_parent(token)
            if parent is not None and parent.i in families:
                joined[token.i] = parent.i
            elif not _asserted_noun(token):
                continue  # "Stopping attacks", "to end the fighting": nothing asserted
        cues[token.i] = family
    # a cue without a subject of its own joins the nearest cue above it
    anchors: dict[int, int] = {}
    for i in sorted(cues, key=lambda i: _depth(doc[i])):
        token = doc[i]
        if i in joined and joined[i] in cues:
            anchors[i] = anchors.get(joined[i], joined[i])
            continue
        above = next((a.i for a in token.ancestors if a.i in cues), None)
        if (
            _verbal(token)
            and above is not None
            and _dependent_verb(token)
            and not _planned_between(token, above)
        ):
            anchors[i] = anchors.get(above, above)
        else:
            anchors[i] = i
    frames: dict[int, list[int]] = {}
    for i, anchor in anchors.items():
        frames.setdefault(anchor, []).append(i)
    figures_of: dict[int, list[int]] = {}
    for n, frame in sorted(_figures_to_frames(doc, figures, anchors).items()):
        figures_of.setdefault(frame, []).append(n)
    for anchor, members in sorted(frames.items()):
        token = doc[anchor]
        sent = sentence_of(starts, sentences, token.idx)
        if sent is None:
            continue
        s_start, s_end = sentences[sent]
        agent, patient = _roles(token)
        if agent is None or patient is None:
            for m in members:
                a, p = _roles(doc[m])
                agent = agent or a
                patient = patient or p
        family = cues[anchor]
        mood = _mood(token, text, (s_start, s_end), family)
        words = [doc[m] for m in members]
        found.append(
            Predicate(
                article=article,
                sentence=sent,
                start=token.idx,
                end=token.idx + len(token.text),
                text=token.text,
                lemma=lemma_of(token),
                cues=[lemma_of(w) for w in words],
                families=sorted({cues[m] for m in members}),
                agent=_participant(agent, text) if agent is not None else None,
                patient=_participant(patient, text) if patient is not None else None,
                mood=mood,
                figures=figures_of.get(anchor, []),
            )
        )
    return found


_SIDE_DEPS = {"nsubj", "nsubjpass", "xcomp", "ccomp", "oprd", "acomp"}


def _figures_to_frames(doc: Doc, figures: list[Figure], anchors: dict[int, int]) -> dict[int, int]:
    """Figure index -> anchor token of the predicate it hangs on (nearest cue above it, else
    the only predicate of its sentence, else the nearest before it)."""
    by_char = {t.idx: t for t in doc}
    in_sentence: dict[int, set[int]] = {}  # sentence start -> anchors of its cues
    for i, frame in anchors.items():
        in_sentence.setdefault(doc[i].sent.start, set()).add(frame)
    out: dict[int, int] = {}
    for n, figure in enumerate(figures):
        token = by_char.get(figure.start)
        if token is None:
            continue
        above, governed = None, False
        for a in token.ancestors:
            if a.i in anchors:
                above = anchors[a.i]
                break
            # "attacks on checkpoints left four soldiers dead", "600,000 are thought to have
            # been killed": the cue hangs on the verb above the figure
            side = next((c.i for c in a.children if c.i in anchors and c.dep_ in _SIDE_DEPS), None)
            if side is not None:
                above = anchors[side]
                break
            if a.pos_ in ("VERB", "ADJ") and a.dep_ != "prep":  # not "including"
                # "... killed, with more than a million more displaced": another verb's figure
                governed = True
                break
        if above is None and not governed:
            same = sorted(in_sentence.get(token.sent.start, ()))
            if len(same) == 1:
                above = same[0]
            elif same:
                before = [a for a in same if a < token.i]
                above = before[-1] if before else same[0]
        if above is not None:
            out[n] = above
    return out


def _planned_between(token: Token, above: int) -> bool:
    """Whether a plan, threat or appeal stands between an event word and the cue above it
    ("police set up checkpoints at the station, which protesters had threatened to occupy":
    the occupation is threatened, not part of setting up checkpoints)."""
    for ancestor in token.ancestors:
        if ancestor.i == above:
            return False
        if lemma_of(ancestor) in _IRREALIS_HEADS:
            return True
    return False


def sentence_of(starts: list[int], sentences: list[tuple[int, int]], offset: int) -> int | None:
    """The index of the sentence holding an offset (None between sentences)."""
    n = bisect.bisect_right(starts, offset) - 1
    if n >= 0 and sentences[n][0] <= offset < sentences[n][1]:
        return n
    return None


def asserted(parsed: ParsedArticle) -> list[tuple[Sentence, Predicate]]:
    """The predicates a report asserts happened (no mood: not an appeal, plan, negation,
    habit or running toll), each with its sentence; headings are left out. These are the
    candidates for events."""
    return [
        (parsed.sentences[pr.sentence], pr)
        for pr in parsed.predicates
        if pr.mood is None and not parsed.sentences[pr.sentence].heading
    ]
