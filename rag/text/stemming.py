"""The one English stemmer (Snowball, through PyStemmer) that BM25, coverage and citation checks share."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def stemmer():
    """A Snowball English stemmer, or None when PyStemmer is not installed (words are then used
    as they are: stemming is a nicety, nothing depends on it being there)."""
    try:
        import Stemmer
    except ImportError:
        return None
    return Stemmer.Stemmer("english")


def stem_words(words: list[str]) -> list[str]:
    """`words` stemmed (unchanged without a stemmer)."""
    stem = stemmer()
    return stem.stemWords(words) if stem is not None else list(words)
