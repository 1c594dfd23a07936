"""Plain-text normalisation shared by every reader."""

from __future__ import annotations

import re
import unicodedata

# Characters that look like spaces or are invisible in saved web text.
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalise_line(line: str) -> str:
    """NFC, one plain space for any run of spaces, no invisible or control characters."""
    line = unicodedata.normalize("NFC", line)
    line = _INVISIBLE.sub("", line)
    line = _CONTROL.sub(" ", line)
    return _SPACES.sub(" ", line).strip()


def split_lines(text: str) -> list[tuple[int, str]]:
    """Normalised lines with their 1-based line numbers; blank lines kept as ''."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n")
    return [(number, normalise_line(raw)) for number, raw in enumerate(text.split("\n"), 1)]


_TERMINAL = re.compile(r"""[.!?…]["'”’»)\]]*$""")


def ends_like_sentence(text: str) -> bool:
    """Whether text ends the way a sentence of prose does (full stop, ?, ! and quotes)."""
    return bool(_TERMINAL.search(text))


def word_count(text: str) -> int:
    return len(text.split())


_WORDS = re.compile(r"\w+")


def fold(text: str) -> str:
    """A comparison key: case-folded words and numbers only, so punctuation and quote
    style do not hide a repeat."""
    if text.isascii():  # the same result, without decomposing character by character
        return " ".join(_WORDS.findall(text.lower()))
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(re.findall(r"\w+", stripped))
