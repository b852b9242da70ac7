"""Accent folding: the one way names and titles are compared without their diacritics;
names are also spelt in ASCII where a letter has no decomposition ("Łukasz" is "Lukasz")."""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from anyascii import anyascii


def strip_accents(text: str) -> str:
    """`text` with combining marks removed after NFKD decomposition ("Tramèr" -> "Tramer");
    case is kept."""
    if text.isascii():
        return text
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def ascii_name(text: str) -> str:
    """A name as ASCII letters: accents stripped, and the Latin letters that do not decompose
    spelt by anyascii ("Łukasz" -> "Lukasz", "Strauß" -> "Strauss", "Ødegaard" -> "Odegaard");
    other scripts kept. Case is kept. Titles keep `strip_accents` alone: a paper's id is made
    from its folded title and must not change under an index built before."""
    plain = strip_accents(text)
    return plain if plain.isascii() else "".join(_latin_ascii(c) for c in plain)


@lru_cache(maxsize=4096)
def _latin_ascii(c: str) -> str:
    if c.isascii() or not unicodedata.name(c, "").startswith("LATIN"):
        return c
    return anyascii(c) or c


@lru_cache(maxsize=1 << 18)
def fold_name(text: str) -> str:
    """`ascii_name` in lower case. Cached: an author filter folds every author of the corpus
    (400k names at 100k papers), most of them again and again."""
    return ascii_name(text).lower()


def name_key(name: str) -> str:
    """One key per person however the name is spaced, accented or spelt: "Dan  Boneh", "Florian
    Tramèr" and "Florian Tramer" each one person."""
    return fold_name(" ".join(name.split()))


@lru_cache(maxsize=1 << 18)
def fold(text: str) -> str:
    """Lower case without accents: "Tramèr" matches "tramer" (titles, and text compared as words).
    Cached: titles are folded again and again."""
    return strip_accents(text).lower()


def names_match(asked: str, name: str) -> bool:
    """Whether `asked` (a name or part of one) is in the author `name` as whole words, accents,
    case and ASCII spellings aside ("Strauss" is in "Johannes Strauß"): "Wang" is in "Jun Wang",
    not in "Wangchunshu Zhou"; "Li" is not in "Lin". A blank `asked` names no one in particular
    and matches every name."""
    part = fold_name(asked).strip()
    whole = fold_name(name)
    if part not in whole:  # the common case, and a cheap one: a filter folds every author of the corpus
        return False
    return not part or _whole_words(part).search(whole) is not None


@lru_cache(maxsize=1024)
def _whole_words(part: str) -> re.Pattern[str]:
    return re.compile(rf"(?<!\w){re.escape(part)}(?!\w)")
