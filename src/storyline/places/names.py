"""Place-name keys: one spelling for the many ways a name is transliterated.

"Daraa", "Deraa"'s sibling "Dar'a", "Dar‘ā", "DARAA" and "Dara" all give the key
"dara": diacritics and the apostrophes that stand for ʿayn and hamza go,
hyphens become spaces, and doubled letters are written once (transliterations
differ most in long vowels and doubled consonants: Raqqa/Raqa, Hama/Hamma).
The Arabic article is a second key: "al-Karak" is also looked up as "karak".

Names in Arabic script ("درعا", "دمشق") have keys too: vowel marks and tatweel go, the
hamza forms of alif are one alif, tā' marbūṭa is hā' and alif maqṣūra yā' (as writers
vary), and the article "ال" is a second key.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from storyline.model import Place

# ʿayn and hamza written as apostrophes, backticks or modifier letters
_APOSTROPHES = "'’‘`´ʿʾʻʼ′"
_DROP = str.maketrans("", "", _APOSTROPHES + ".")
_SPACE = re.compile(r"[\s\-‐‑–—_/,]+")
_DOUBLE = re.compile(r"(.)\1+")
# the Arabic article, assimilated or not, as transliterations write it before a name
ARTICLES = ("al", "el", "ad", "adh", "ar", "as", "ash", "at", "ath", "az", "an", "ed", "es", "et")
_ARTICLE = re.compile(r"^(?:" + "|".join(ARTICLES) + r") (?=\w{3})")
_LATIN = re.compile(r"^[a-z0-9 &]+$")
ARABIC_SCRIPT = re.compile(r"[\u0600-\u06FF]")
_ARABIC_ONLY = re.compile(r"^[\u0621-\u064A\u066E-\u06D3 ]+$")
_ARABIC_FOLD = str.maketrans({"ة": "ه", "ى": "ي", "ـ": None, "ٱ": "ا"})


def fold(name: str) -> str:
    """Lower case, no diacritics or apostrophes, one space between words."""
    if name.isascii():  # nothing to decompose: the same result, several times faster
        return _SPACE.sub(" ", name.lower().translate(_DROP)).strip()
    stripped = unicodedata.normalize("NFKD", name).translate(_combining_marks())
    stripped = stripped.replace("ı", "i").replace("ø", "o").replace("ł", "l").replace("ß", "ss")
    stripped = stripped.replace("æ", "ae").replace("đ", "d").replace("ð", "d").replace("þ", "th")
    return _SPACE.sub(" ", stripped.lower().translate(_DROP)).strip()


@cache
def _combining_marks() -> dict[int, None]:
    """A `str.translate` table that deletes every combining mark (all lie below U+1F000)."""
    return {cp: None for cp in range(0x1F000) if unicodedata.combining(chr(cp))}


def name_key(name: str) -> str:
    """The lookup key of a name: folded, with doubled letters written once."""
    return _DOUBLE.sub(r"\1", fold(name))


def names_where(place: Place, written: str) -> bool:
    """Whether a mention of a place, as written, names where something is, not whose it
    is: a country's demonym ("Indian navy", "Russian forces", "Iranian-backed militia")
    names who, and is no location."""
    return place.feature != "country" or name_key(written) in (
        name_key(place.name),
        name_key(place.gazetteer_name),
    )


def without_article(key: str) -> str | None:
    """The key with a leading Arabic article removed ("al karak" → "karak"), or None."""
    stripped = _ARTICLE.sub("", key, count=1)
    return stripped if stripped != key else None


def arabic_key(name: str) -> str | None:
    """The key of a name in Arabic script, or None when it is not all Arabic letters."""
    key = name_key(name).translate(_ARABIC_FOLD)  # NFKD makes أ إ آ a bare alif
    return key if _ARABIC_ONLY.match(key) else None


def keys(name: str) -> list[str]:
    """Every key a gazetteer name is filed under: as written, and without its article."""
    if ARABIC_SCRIPT.search(name):
        arabic = arabic_key(name)
        if not arabic:
            return []
        bare = arabic[2:] if arabic.startswith("ال") and len(arabic) >= 5 else None
        return [arabic, bare] if bare else [arabic]
    key = name_key(name)
    if not key or not _LATIN.match(key):
        return []  # other scripts: no report in them is read for places
    bare = without_article(key)
    return [key, bare] if bare else [key]
