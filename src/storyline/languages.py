"""The language of each report, and what storyline does with reports in each language.

Identification: py3langid (langid.py's model, 97 languages, carried by its PyPI package),
over the report's title and text. A text too short to tell (fewer than MIN_WORDS words) or
told with less than MIN_CONFIDENCE is "und" (undetermined) and is read as English, as
before: the English pipeline is the one storyline has.

French reports go through spaCy's French pipeline (`nlp.french`): their sentences, names,
places, dates, events, casualty figures and statements are read (`nlp.french_predicates`,
`nlp.french_figures`, `nlp.french_propositions`; a statement no English report makes is a
claim of its own, `sources.french`). Reports in any
other language are not given to the English model: it would split Arabic mid-clause and
take Spanish "Las" for a place. They are split into
sentences by their punctuation (Latin, Arabic and CJK full stops and question marks), so
that copies among them are still found and they can be cited, and nothing else is read
from them; every briefing says which reports those are, and why its sections say nothing
of them (`notes`).
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from storyline.model import Article, LanguageNote, ParsedArticle, Sentence

MIN_WORDS = 4
MIN_CONFIDENCE = 0.5
ANALYSED = {"en", "und"}  # languages the pipeline reads ("und": too short to tell)
UNDETERMINED = "und"
# languages besides English whose own spaCy pipeline reads events and claims
# (`nlp.french_predicates`, `nlp.french_propositions`)
PIPELINE_LANGUAGES = frozenset({"fr"})
# languages whose dates a grammar of storyline's reads (`dates.foreign.GRAMMARS`)
DATED = frozenset({"fr", "es", "de", "ar"})
# scripts the gazetteer files no spellings in: no place is looked up in reports in them
_UNSPELLED = {"ru", "uk", "bg", "sr", "mk", "be", "kk", "zh", "ja", "ko", "el", "he", "hi",
              "am", "ka", "hy", "th", "bn", "ta"}  # fmt: skip

NAMES = {
    "en": "English", "fr": "French", "es": "Spanish", "ar": "Arabic", "de": "German",
    "ru": "Russian", "it": "Italian", "pt": "Portuguese", "nl": "Dutch", "tr": "Turkish",
    "fa": "Persian", "ur": "Urdu", "he": "Hebrew", "zh": "Chinese", "ja": "Japanese",
    "ko": "Korean", "uk": "Ukrainian", "pl": "Polish", "hi": "Hindi", "ku": "Kurdish",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "el": "Greek",
    "ro": "Romanian", "cs": "Czech", "hu": "Hungarian", "id": "Indonesian", "ms": "Malay",
    "sw": "Swahili", "am": "Amharic", "so": "Somali", "ca": "Catalan", "und": "undetermined",
}  # fmt: skip

_WORD = re.compile(r"\w+")
_SENTENCE_END = re.compile(r"(?<=[.!?؟。！？۔])[\"'”’»)\]]*\s+")
_PARAGRAPH = re.compile(r"\n\s*\n")


@cache
def _identifier() -> Any:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def identify(text: str) -> str:
    """The ISO 639-1 code of the text's language, or "und" when it cannot be told."""
    if len(_WORD.findall(text)) < MIN_WORDS:
        return UNDETERMINED
    language, confidence = _identifier().classify(text[:20_000])
    return str(language) if confidence >= MIN_CONFIDENCE else UNDETERMINED


def language_of(article: Article) -> str:
    """The article's language: as read at ingest, else identified now (an Article built by
    hand need not say)."""
    return article.language or identify(f"{article.title or ''}\n{article.text}")


def analysed(article: Article) -> bool:
    """Whether the pipeline reads the report: its language is English (or cannot be told)
    and it is a report, not a page set aside (`Article.not_report`)."""
    return article.not_report is None and language_of(article) in ANALYSED


def name(language: str) -> str:
    return NAMES.get(language, language)


def unparsed(article: Article) -> ParsedArticle:
    """A report the pipeline does not read: its sentences, split at their punctuation, and
    their words as terms (for copies); no names, dates, figures or predicates."""
    sentences: list[Sentence] = []
    offset = 0
    for paragraph, block in enumerate(_PARAGRAPH.split(article.text)):
        start = article.text.index(block, offset) if block else offset
        offset = start + len(block)
        cut = 0
        for piece in [*_SENTENCE_END.finditer(block), None]:
            end = piece.start() if piece is not None else len(block)
            text = block[cut:end].strip()
            if text:
                at = start + block.index(text, cut)
                sentences.append(Sentence(
                    article=article.id, index=len(sentences), paragraph=paragraph, start=at,
                    end=at + len(text), text=text,
                    terms=[w.lower() for w in _WORD.findall(text) if len(w) > 2],
                ))  # fmt: skip
            if piece is not None:
                cut = piece.end()
    return ParsedArticle(article=article, sentences=sentences, mentions=[])


def notes(articles: list[Article], parsed: list[ParsedArticle] | None = None) -> list[LanguageNote]:
    """Which reports are in which language and what the briefing does with them, the
    language of most reports first. `parsed` says which reports a pipeline of their own
    language read (`ParsedArticle.pipeline`)."""
    pipelines = {p.article.id: p.pipeline for p in parsed or [] if p.pipeline}
    by_language: dict[str, list[str]] = {}
    for article in articles:
        by_language.setdefault(language_of(article), []).append(article.id)
    made = []
    for language, ids in sorted(by_language.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        read = language in ANALYSED
        own = sorted({pipelines[a] for a in ids if a in pipelines})
        if language == "en":
            note = "read in full"
        elif read:
            note = "too short to tell its language: read as English"
        elif own:
            note = (f"read with spaCy's {name(language)} pipeline ({', '.join(own)}): their "
                    "sentences, people, groups, places, dates, events and casualty figures "
                    "are read (event types by a classifier over multilingual-e5 vectors); "
                    "their sentences linked by meaning (multilingual-e5) to English ones "
                    "that say the same corroborate the claims those state, and what no "
                    "English sentence matches is a claim of its own, each sentence read "
                    "whole; the summary quotes them only when no report is in English")  # fmt: skip
        else:
            note = _unread_note(language)
        made.append(LanguageNote(language=language, name=name(language), articles=ids,
                                 analysed=read, note=note))  # fmt: skip
    return made


def _unread_note(language: str) -> str:
    """What is done with reports in a language no pipeline reads."""
    read = []
    if language in DATED:
        read.append("dates written out (a day and month, 'yesterday', 'last Tuesday') are "
                    "read from them, a bare weekday not (nothing gives its tense)")  # fmt: skip
    if language not in _UNSPELLED:
        read.append("the places the other reports name are found in them as GeoNames "
                    "spells them")  # fmt: skip
    unread = ["dates"] if language not in DATED else []
    unread += ["places"] if language in _UNSPELLED else []
    unread += ["actors", "events", "claims"]
    return (
        f"no {name(language)} pipeline: the reports are split into sentences, compared "
        "for copies, and linked by meaning (multilingual-e5) to English sentences that "
        "say the same, so that a claim they also state cites them; "
        + "; ".join(read)
        + ("; " if read else "")
        + f"no {', '.join(unread[:-1])} or {unread[-1]} of their own are read from them, "
        "and the summary quotes them only when no report is in English"
    )
