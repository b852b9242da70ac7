"""Accent folding: the one way names and titles are compared without their diacritics."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache


def strip_accents(text: str) -> str:
    """`text` with combining marks removed after NFKD decomposition ("Tramèr" -> "Tramer");
    case is kept."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Lower case without accents: "Tramèr" matches "tramer". Cached: an author filter folds
    every author of the corpus (400k names at 100k papers), most of them again and again."""
    return strip_accents(text).lower()


def names_match(asked: str, name: str) -> bool:
    """Whether `asked` (a name or part of one) is in the author `name` as whole words, accents and
    case aside: "Wang" is in "Jun Wang", not in "Wangchunshu Zhou"; "Li" is not in "Lin". A blank
    `asked` names no one in particular and matches every name."""
    part = fold(asked).strip()
    whole = fold(name)
    if part not in whole:  # the common case, and a cheap one: a filter folds every author of the corpus
        return False
    return not part or _whole_words(part).search(whole) is not None


@lru_cache(maxsize=1024)
def _whole_words(part: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(part)}(?!\w)")
