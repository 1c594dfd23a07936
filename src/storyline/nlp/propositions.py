"""Propositions: the clauses of a sentence that each state something, with who, what and how.

A claim is a proposition, not a sentence: "Lying in the Daraa province, which is
known as the birthplace of the Syrian revolution, Daraa al-Balad was blockaded by
the regime forces on June 25 after residents resisted an order" states three
things (the province's renown, the blockade, the residents' refusal), and another
report may confirm one of them and not the others. Read from the one spaCy parse:

- A proposition is a finite clause: the sentence's root, a conjoined verb with a
  subject of its own, a clausal complement, an adverbial clause, a relative clause
  (which asserts something of the noun it hangs on: its antecedent is its subject
  and stands in its text) and the like. Its span is its words, less the clauses
  that are propositions of their own; its text is that span as written.
- A saying frame ("..., a local group said Tuesday", "according to X") is not a
  proposition of its own: its subject is the *speaker* of the clause it reports.
  A saying verb with no clause to report ("Amnesty urged the regime to lift the
  siege") is a proposition: a statement made.
- Its predicate: the head verb's lemma (the noun or adjective of a copula: "is
  known" → know; "became the cradle" → become). Its subject and object: the
  noun phrases in those roles (a passive's "by" phrase is the subject).
- Its mood: None when the report asserts it as fact; else why not: "negated",
  "modal" (would, could, may), "future", "conditional", "circumstance" (a time frame
  such as "before regime forces enter the city"), "plan" (supposed to,
  expected to, plans to), "attempt" (tried to), "appeal" (urged to, called for),
  "question". A plan or an attempt states the verb it is about ("were supposed to
  enter": enter, plan).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from storyline.model import Participant, Proposition, Tense

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# verbs that frame someone's words: their subject is a speaker, their clause the content
SAYING = {
    "say", "tell", "state", "add", "report", "announce", "claim", "write", "tweet", "note",
    "explain", "confirm", "insist", "allege", "argue", "acknowledge", "admit", "declare",
    "estimate", "believe", "think", "suggest", "show", "indicate", "reveal", "quote", "cite",
    "recall", "stress", "emphasise", "emphasize", "assert", "maintain", "comment", "reply",
    "respond", "predict", "warn", "fear", "know", "learn", "understand", "hear", "see",
}  # fmt: skip
_CLAUSE_DEPS = {"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis", "csubj"}
_MODALS = {"would", "could", "might", "may", "should", "must", "can", "ought", "'d"}
_FUTURE = {"will", "shall", "'ll", "wo"}
_PLAN_HEADS = {
    "suppose", "expect", "plan", "intend", "due", "set", "schedule", "aim", "hope", "want",
    "try", "seek", "threaten", "prepare", "propose", "need", "wish", "promise", "vow",
}  # fmt: skip
_APPEAL_HEADS = {"urge", "call", "demand", "ask", "appeal", "press", "push", "implore", "order"}
_CONDITIONAL = {"if", "unless", "whether"}
_CIRCUMSTANCE = {"before", "until", "till", "once", "whenever", "lest"}
_RELATIVE = {"which", "who", "that", "whom", "whose"}


def propositions(sentence: Span, article: str, index: int, text: str) -> list[Proposition]:
    """The propositions of one sentence (a span of our own split, which the parser's tree
    may overrun), in the order their heads stand."""
    inside = range(sentence.start, sentence.end)
    heads = [t for t in sentence if _is_head(t)]
    headline = not heads
    if headline:
        # a headline with no finite verb ("Ellen DeGeneres to host Oscars again"): its first
        # verb stands for the whole
        heads = [t for t in sentence if t.pos_ == "VERB"][:1]
    own = set(heads)
    frames = {t for t in heads if _is_frame(t)}
    found = []
    for head in heads:
        if head in frames:
            continue
        tokens = sorted((t for t in _own_tokens(head, own) if t.i in inside), key=lambda t: t.i)
        subject, passive = _subject(head)
        obj = _object(head, passive)
        speaker = _speaker(head, frames)
        # a word the parser hung on a neighbouring sentence is no part of this one
        subject, obj, speaker = (w if w is not None and w.i in inside else None
                                 for w in (subject, obj, speaker))  # fmt: skip
        antecedent = head.head if head.dep_ == "relcl" or _reduced_relative(head) else None
        if antecedent is not None:
            # "..., which is known as the birthplace ...": the noun it hangs on is its subject
            # and stands in its text
            noun = [t for t in antecedent.subtree if t.i < head.left_edge.i and t.i in inside]
            tokens = sorted({*noun, *tokens}, key=lambda t: t.i)
            if subject is None or subject.lower_ in _RELATIVE:
                subject = antecedent
        words = _trimmed(tokens)
        if len(words) < 2:
            continue
        start, end = words[0].idx, words[-1].idx + len(words[-1].text)
        found.append(
            Proposition(
                article=article,
                sentence=index,
                start=start,
                end=end,
                text=text[start:end],
                reading=_reading(words, text),
                terms=[
                    t.lemma_.lower()
                    for t in words
                    if not (t.is_stop or t.is_punct or t.is_space) and (t.is_alpha or t.like_num)
                ],
                head=head.idx,
                predicate=_predicate(head),
                subject=_participant(subject, text) if subject is not None else None,
                object=_participant(obj, text) if obj is not None else None,
                speaker=_participant(speaker, text) if speaker is not None else None,
                mood="future" if headline and _infinitive(head) else _mood(head),
                tense=_tense(_content(head) or head),
                relative=antecedent is not None,
            )
        )
    return found


def _tense(verb: Token) -> Tense | None:
    """Past ("hosted", "has hosted", "was hosted"), future ("will host") or present, as the
    verb and its auxiliaries show it; None for a bare participle or infinitive."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE:
        return "future"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if words & {"has", "have", "'ve", "'s"} and verb.tag_ == "VBN":
        return "past"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "present"
    return None


def _infinitive(token: Token) -> bool:
    """ "to host": in a headline, what will happen."""
    return any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children)


def _reading(words: list[Token], text: str) -> str:
    """The words in order, a space where the text has one or where a clause was left out."""
    out = []
    for n, token in enumerate(words):
        out.append(token.text)
        if n + 1 < len(words):
            following = words[n + 1]
            if token.whitespace_ or following.i != token.i + 1:
                out.append(" ")
    return "".join(out)


_EDGE_WORDS = {"and", "but", "or", "while", "as", "so", "then", "however", "after", "before",
               "because", "since", "when", "although", "though", "whereas", "that", "which",
               "who", "whom", "where", "similarly", "meanwhile", "also", "yet"}  # fmt: skip


def _trimmed(tokens: list[Token]) -> list[Token]:
    """The clause's words less the punctuation and joining words at its edges."""
    start, end = 0, len(tokens)

    def edge(token: Token) -> bool:
        # a joining word, not a preposition heading a phrase ("As a result of ...")
        return (
            token.is_punct
            or token.is_space
            or (token.lower_ in _EDGE_WORDS and token.dep_ != "prep")
        )

    while start < end and edge(tokens[start]):
        start += 1
    while end > start and (tokens[end - 1].is_punct or tokens[end - 1].is_space
                           or tokens[end - 1].lower_ in _EDGE_WORDS):  # fmt: skip
        end -= 1
    return tokens[start:end]


def _is_head(token: Token) -> bool:
    if token.pos_ not in ("VERB", "AUX"):
        return False
    if (
        token.pos_ == "AUX"
        and token.dep_ != "ROOT"
        and not (
            token.dep_ in _CLAUSE_DEPS
            and any(c.dep_ in ("nsubj", "attr", "acomp") for c in token.children)
        )
    ):
        return False
    if _reduced_relative(token):
        return True
    if token.dep_ not in _CLAUSE_DEPS:
        return False
    if any(c.dep_ == "aux" and c.tag_ == "TO" for c in token.children):
        return False  # "to lift the blockade": an infinitive asserts nothing of its own
    if token.dep_ == "conj" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in token.children):
        # "shelled the town and killed two": one clause with two verbs, unless the head
        # it joins is itself a frame
        return token.head.pos_ not in ("VERB", "AUX") or _is_frame(token.head)
    return True


def _reduced_relative(token: Token) -> bool:
    """ "Daraa, known as the birthplace of the revolution, ...": a participle set off by a
    comma after its noun states something of the noun, as "which is known as" would."""
    return (
        token.dep_ == "acl"
        and token.tag_ == "VBN"
        and token.head.pos_ in ("NOUN", "PROPN")
        and token.i > 0
        and token.doc[token.i - 1].text == ","
    )


def _is_frame(token: Token) -> bool:
    """A saying verb whose content is a clause of its own ("X said [the talks failed]")."""
    if token.lemma_.lower() not in SAYING:
        return False
    if any(c.dep_ == "auxpass" for c in token.children) and not any(
        c.dep_ == "ccomp" for c in token.children
    ):
        return False  # "Kessel is known as the port": a passive states, it frames nothing
    return any(c.dep_ in ("ccomp", "parataxis") for c in token.children) or (
        token.dep_ in ("parataxis", "ccomp", "advcl") and token.head.pos_ in ("VERB", "AUX")
        and token.head.i < token.i and not any(c.dep_ in ("ccomp", "dobj") for c in token.children)
    )  # fmt: skip


def _own_tokens(head: Token, heads: set[Token]) -> list[Token]:
    """The head's subtree less the subtrees of other clause heads below it."""
    out = []
    stack = [head]
    while stack:
        token = stack.pop()
        out.append(token)
        for child in token.children:
            if child in heads and child is not head:
                continue
            stack.append(child)
    return out


def _subject(head: Token) -> tuple[Token | None, bool]:
    """(subject, passive): the explicit subject, or one inherited by a conjoined verb;
    for a passive with a "by" phrase, its agent."""
    if _content(head) is not None:
        # "regime forces were supposed to enter": who was to enter is the subject either way
        raised = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if raised is not None:
            return raised, False
    node = head
    for _ in range(3):
        passive = any(c.dep_ in ("auxpass", "nsubjpass") for c in node.children)
        if passive:
            for child in node.children:
                if child.dep_ == "agent":
                    agent = next((g for g in child.children if g.dep_ == "pobj"), None)
                    if agent is not None:
                        return agent, True
        for child in node.children:
            if child.dep_ in ("nsubj", "csubj"):
                return child, passive
        if passive:
            return None, True  # "the order was opposed": by whom, it does not say
        if node.dep_ == "conj" and node.head is not node:
            node = node.head
            continue
        break
    return None, False


def _object(head: Token, passive: bool) -> Token | None:
    content = _content(head)
    if content is not None:
        head, passive = content, False
    if passive:
        return next((c for c in head.children if c.dep_ == "nsubjpass"), None)
    for child in head.children:
        if child.dep_ in ("dobj", "attr", "oprd", "acomp"):
            return child
    for child in head.children:
        if child.dep_ == "xcomp":
            inner = next((c for c in child.children if c.dep_ in ("dobj", "attr")), None)
            if inner is not None:
                return inner
    return None  # a prepositional phrase ("died in Santa Lucia") says where or how, not whom


def _speaker(head: Token, frames: set[Token]) -> Token | None:
    """Who is said to have said it: the subject of the saying frame over the clause, or
    the object of "according to"."""
    node = head
    for _ in range(3):
        frame = node.head if node.head in frames else None
        if frame is None:
            frame = next((c for c in node.children if c in frames), None)
        if frame is not None:
            subject = next((c for c in frame.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subject is not None:
                return subject
        if node.dep_ in ("conj", "ccomp", "advcl") and node.head is not node:
            node = node.head
            continue
        break
    for token in head.subtree:
        if token.lower_ == "according" and token.head in (head, *head.children):
            to = next((c for c in token.children if c.lower_ == "to"), None)
            pobj = next((g for g in to.children if g.dep_ == "pobj"), None) if to else None
            if pobj is not None:
                return pobj
    return None


_ATTEMPTS = {"attempt", "try", "fail", "manage"}


def _content(head: Token) -> Token | None:
    """The verb a plan or an attempt is about: "were supposed to [enter]", "tried to
    [storm]", "is to [return]"."""
    if head.lemma_.lower() not in _PLAN_HEADS | _ATTEMPTS | {"be", "have"}:
        return None
    return next((c for c in head.children if c.dep_ == "xcomp" and c.pos_ == "VERB"), None)


def _done_duty(head: Token) -> bool:
    """ "had to leave": an obligation met in the past states that it was done."""
    return head.lemma_.lower() == "have" and head.tag_ in ("VBD", "VBN")


def _predicate(head: Token) -> str:
    """The word that says what the clause states: the verb's lemma, the verb a plan or an
    attempt is about, or for a copula the lemma of its complement ("is known" → know)."""
    content = _content(head)
    if content is not None:
        return content.lemma_.lower()
    if head.lemma_.lower() == "be":
        complement = next((c for c in head.children if c.dep_ in ("acomp", "attr", "oprd")), None)
        if complement is not None:
            return complement.lemma_.lower()
    return head.lemma_.lower()


def _participant(token: Token, text: str) -> Participant:
    """The noun phrase a token heads, up to its head word (no relative clause or "of")."""
    left = token.left_edge
    while left.i < token.i and (left.is_punct or left.dep_ in ("det", "cc")):
        left = left.doc[left.i + 1]
    start, end = left.idx, token.idx + len(token.text)
    for child in token.rights:
        if child.dep_ in ("compound", "amod", "nummod", "appos", "flat"):
            end = max(end, child.right_edge.idx + len(child.right_edge.text))
    return Participant(
        start=start, end=end, text=text[start:end], head=token.idx, proper=token.pos_ == "PROPN"
    )


def _mood(head: Token) -> str | None:
    """None when the clause is asserted as fact; else why it is not."""
    if head.dep_ == "advcl" and any(
        c.dep_ == "mark" and c.lower_ in _CIRCUMSTANCE for c in head.children
    ):
        return "circumstance"  # "before regime forces enter the city": a frame, not a claim
    if _content(head) is not None:
        lemma = head.lemma_.lower()
        if any(c.dep_ == "neg" for c in head.children):
            return "negated"
        if not _done_duty(head):
            return "attempt" if lemma in _ATTEMPTS else "plan"
    node = head
    for _ in range(6):
        children = list(node.children)
        words = {c.lower_ for c in children if c.dep_ in ("aux", "auxpass")}
        if any(c.dep_ == "neg" for c in children):
            return "negated"
        if words & _FUTURE:
            return "future"
        if words & _MODALS:
            return "modal"
        if any(c.dep_ == "mark" and c.lower_ in _CONDITIONAL for c in children):
            return "conditional"
        lemma = node.lemma_.lower()
        if node is not head and lemma in _PLAN_HEADS:
            return "plan"
        if node is not head and lemma in _APPEAL_HEADS:
            return "appeal"
        if node.dep_ in ("advcl", "acl") and node.tag_ in ("VBD", "VBZ", "VBP"):
            break  # a finite clause of its own ("after a fire ripped through"): its own mood
        if node.dep_ in ("xcomp", "ccomp", "advcl", "acl") and node.head is not node:
            if node.dep_ == "ccomp" and node.head.lemma_.lower() in SAYING:
                break  # reported: its mood is its own
            node = node.head
            continue
        break
    if head.sent.text.rstrip().endswith("?"):
        return "question"
    return None
