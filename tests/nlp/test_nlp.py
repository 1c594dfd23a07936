from __future__ import annotations

import pytest

from storyline.nlp import load_nlp, parse_articles
from storyline.settings import Settings
from storyline.text import paragraph_spans
from tests.conftest import make_article

NLP = Settings.load().nlp


def test_paragraph_spans() -> None:
    text = "One.\n\nTwo three.\n\n\nFour."
    assert [text[s:e] for s, e in paragraph_spans(text)] == ["One.", "Two three.", "Four."]


@pytest.mark.slow
def test_parse_articles_sentences_keep_offsets_and_paragraphs() -> None:
    article = make_article(
        "a",
        [
            "Residents of Wexmouth queued for water on Monday. The mayor, Ann Reyes, said "
            'supplies would last a week. "We are not asking for favours. We are asking for '
            'water," one said.',
            "What happens next",
            "Talks resume on Wednesday in Exton.",
        ],
    )
    (parsed,) = parse_articles([article], settings=NLP)
    texts = [s.text for s in parsed.sentences]
    for s in parsed.sentences:
        assert article.text[s.start : s.end] == s.text
    assert '"We are not asking for favours. We are asking for water," one said.' in texts
    assert [s.paragraph for s in parsed.sentences] == [0, 0, 0, 1, 2]
    assert [s.heading for s in parsed.sentences] == [False, False, False, True, False]
    assert "wexmouth" in parsed.sentences[0].terms and "the" not in parsed.sentences[0].terms
    assert {m.text for m in parsed.mentions} >= {"Ann Reyes", "Monday"}
    for m in parsed.mentions:
        assert article.text[m.start : m.end] == m.text


@pytest.mark.slow
def test_parse_articles_batches_many_and_keeps_order() -> None:
    articles = [
        make_article(f"a{n}", [f"Report number {n} says the bridge is shut."]) for n in range(40)
    ]
    parsed = parse_articles(articles, settings=NLP)
    assert [p.article.id for p in parsed] == [a.id for a in articles]


def test_load_nlp_unknown_model_raises_coded_error() -> None:
    from storyline.errors import Errors, StorylineError

    with pytest.raises(StorylineError) as info:
        load_nlp("xx_no_such_pipeline")
    assert info.value.code is Errors.S040


def test_pieces_join_to_the_text_and_cut_where_it_breaks() -> None:
    from storyline.nlp import pieces

    paragraphs = "\n\n".join(f"Paragraph {n} tells of the bridge. It stays shut." for n in range(9))
    cut = pieces(paragraphs, limit=120)
    assert "".join(cut) == paragraphs and all(len(p) <= 120 for p in cut)
    assert all(p.startswith("Paragraph") for p in cut)  # at paragraph breaks
    line = " ".join(f"Sentence {n} of one long line." for n in range(40))
    cut = pieces(line, limit=100)
    assert "".join(cut) == line and all(p.startswith("Sentence") for p in cut)
    words = "word " * 100
    assert all(len(p) <= 50 for p in pieces(words, limit=50))
    blob = "x" * 250
    assert pieces(blob, limit=100) == ["x" * 100, "x" * 100, "x" * 50]
    assert pieces("short", limit=100) == ["short"]


@pytest.mark.slow
def test_a_text_longer_than_a_piece_is_parsed_in_pieces_with_offsets_intact(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import storyline.nlp as nlp_module

    lines = [
        f"Crews from Harlow cleared {n + 2} roads near Dunmere on Monday, Ann Reyes said."
        for n in range(30)
    ]
    article = make_article("long", [" ".join(lines[:12]), *lines[12:]])
    (whole,) = parse_articles([article], settings=NLP)
    monkeypatch.setattr(nlp_module, "PIECE_CHARS", 400)
    assert len(nlp_module.pieces(article.text, 400)) > 5
    (cut,) = parse_articles([article], settings=NLP.model_copy(update={"processes": 1}))
    for s in cut.sentences:
        assert article.text[s.start : s.end] == s.text
    for m in cut.mentions:
        assert article.text[m.start : m.end] == m.text
    assert [(s.start, s.end) for s in cut.sentences] == [(s.start, s.end) for s in whole.sentences]
    assert {m.text for m in cut.mentions} >= {"Ann Reyes", "Monday"}
    assert len(cut.figures) == len(whole.figures)
