"""Pieces every human-readable format shares: source numbers and article lines."""

from __future__ import annotations

from storyline.model import Article, Briefing, SummarySentence

BASIS_NOTE = {
    "metadata": "",
    "text": " (date from the text)",
    "inferred": " (date inferred)",
    "unknown": "",
}


def source_numbers(briefing: Briefing) -> dict[str, int]:
    """Articles are numbered 1..n in input order; markers [n] point at them."""
    return {a.id: n for n, a in enumerate(briefing.articles, 1)}


def markers(item: SummarySentence, numbers: dict[str, int]) -> str:
    seen: list[int] = []
    for c in item.citations:
        n = numbers[c.article]
        if n not in seen:
            seen.append(n)
    return "".join(f"[{n}]" for n in sorted(seen))


def article_line(article: Article) -> tuple[str, str]:
    """(title, details) of a source: title, then outlet, date and id."""
    title = article.title or "(untitled)"
    parts = []
    if article.outlet:
        parts.append(article.outlet)
    if article.published:
        parts.append(article.published.isoformat() + BASIS_NOTE[article.published_basis])
    else:
        parts.append("date unknown")
    parts.append(article.id)
    return title, " · ".join(parts)


def removed_note(article: Article) -> str | None:
    n = len(article.removed)
    if not n:
        return None
    return f"{n} line{'s' if n != 1 else ''} of page furniture removed"
