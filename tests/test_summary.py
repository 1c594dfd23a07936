from __future__ import annotations

from storyline.model import Article
from storyline.settings import Settings
from storyline.sources.copies import group_copies
from storyline.summary import choose_headline, summarize
from tests.conftest import make_article, make_parsed

SETTINGS = Settings.load()

WIRE_LEAD = (
    "Dockers at the port of Wexmouth walked out on Monday over pay, leaving cranes idle, "
    "the union said."
)
WIRE_EDIT = (
    "Dockers at the port of Wexmouth walked out on Monday over pay, leaving cranes idle, "
    "the union has said."
)
HEADLINE_LEDE = "Dockers at the port of Wexmouth walked out on Monday over pay."


def cluster() -> list:
    return [
        make_parsed(
            "wire",
            [
                WIRE_LEAD,
                "The union said 400 members had joined the strike at the Wexmouth port.",
                "He added that the talks had failed twice this year over pay offers.",
            ],
        ),
        make_parsed(
            "copy",
            [
                WIRE_EDIT,
                "The port put the number of strikers at Wexmouth at 250, not 400.",
            ],
        ),
        make_parsed(
            "local",
            [
                "Ships queued outside Wexmouth port on Tuesday as the dockers strike over pay "
                "went on.",
                "A bakery owner near the harbour said trade had fallen by half since the strike "
                "began.",
            ],
        ),
    ]


def run(parsed: list, words: int = 60):
    groups = group_copies([s for p in parsed for s in p.sentences], SETTINGS.sources.copy_overlap)
    settings = SETTINGS.summary.model_copy(update={"words": words})
    return summarize(parsed, groups, settings)


def test_summarize_cites_every_copy_and_never_repeats_it() -> None:
    parsed = cluster()
    summary = run(parsed, words=200)
    texts = [item.text for item in summary]
    assert sum(t in (WIRE_LEAD, WIRE_EDIT) for t in texts) == 1
    wire_item = next(item for item in summary if item.text in (WIRE_LEAD, WIRE_EDIT))
    assert {c.article for c in wire_item.citations} == {"wire", "copy"}
    by_id = {p.article.id: p.article for p in parsed}
    for item in summary:
        for c in item.citations:
            assert by_id[c.article].text[c.start : c.end] in (item.text, WIRE_LEAD, WIRE_EDIT)


def test_summarize_respects_the_word_budget() -> None:
    summary = run(cluster(), words=40)
    assert len(summary) >= 1 and sum(len(s.text.split()) for s in summary) <= 40


def test_summarize_always_gives_one_sentence_even_if_over_budget() -> None:
    assert len(run(cluster(), words=5)) == 1


def test_summarize_marks_down_sentences_leaning_on_the_one_before() -> None:
    summary = run(cluster(), words=200)
    scores = {item.text: item.score for item in summary}
    dangling = "He added that the talks had failed twice this year over pay offers."
    assert dangling not in scores or scores[dangling] < max(scores.values())


def test_summarize_single_article_and_empty() -> None:
    one = [
        make_parsed(
            "solo", ["The ferry to Exton was cancelled on Friday because of high winds at sea."]
        )
    ]
    assert [s.text for s in run(one)] == [one[0].sentences[0].text]
    assert run([]) == []


def test_summarize_is_deterministic() -> None:
    assert run(cluster()) == run(cluster())


def test_choose_headline_prefers_a_real_headline_covering_the_summary() -> None:
    summary = run(cluster(), words=200)
    articles: list[Article] = [
        make_article("wire", ["x."], title="Bakery trade falls"),
        make_article("copy", ["x."], title="Wexmouth dockers strike over pay"),
        make_article("local", ["x."], title=HEADLINE_LEDE),
    ]
    headline = choose_headline(summary, articles)
    assert headline is not None and headline.article == "copy"
    assert choose_headline(summary, [make_article("n", ["x."])]) is None


def test_summarize_copy_of_a_heading_in_another_article() -> None:
    """A sentence one outlet prints as a subheading and another as prose is still one unit."""
    line = "Emergency law to be passed tonight after court strikes down drug rules"
    a = make_parsed("a", [line + ".", "Ministers met late into the night to draft the new law."])
    b = make_parsed("b", [line, "The court ruling took effect at midnight across the country."])
    heading = b.sentences[0].model_copy(update={"heading": True})
    b = b.model_copy(update={"sentences": [heading, b.sentences[1]]})
    summary = run([a, b], words=200)
    assert summary  # no KeyError, and a summary all the same
