"""Wording shared by the checks: a text's words as stems, and where its clauses break."""

from __future__ import annotations

import re

from rag.text.stemming import stem_words

# a clause ends at a comma, semicolon, colon or bracket, or before a conjunction
CLAUSE = re.compile(r"[,;:()]|\s(?:and|but|while|whereas|which|that|although|though|compared to|unlike)\s")


def stemmed(text: str) -> set[str]:
    """The text's words, lower-cased, with their stems ("lower-cased" counts as "lower" and "cased")."""
    words = [w.lower() for w in re.findall(r"[A-Za-z]+(?:'t)?", text)]
    return set(stem_words(words)) | set(words)
