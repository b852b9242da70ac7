"""Follow-up questions: "what about its results?" means nothing to retrieval on its own. A
follow-up that leans on the previous turn (a pronoun, or too few words of its own) is searched
together with the previous question. Does not rewrite the question the user sees."""

from __future__ import annotations

import re

from rag.text.sentences import content_terms

_LEANING = re.compile(r"\b(it|its|they|them|their|this|that|these|those|the paper|the method|the same|"
                      r"above|previous|earlier|former|latter)\b", re.IGNORECASE)


def contextualise(question: str, previous: list[str]) -> str:
    """The text to retrieve with: the question, preceded by the last question if it leans on it."""
    if not previous:
        return question
    own_terms = len(set(content_terms(question)))
    if _LEANING.search(question) or own_terms <= 2:
        return f"{previous[-1]} {question}"
    return question
