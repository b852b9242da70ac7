"""What a question is about, in words: its focus (the question without its framing), its topic
(the focus without function words) and the names it asks about (rag.text.naming.names_in). Used only by the plan."""

from __future__ import annotations

import re

from rag.questions import patterns as P

_TOKEN = re.compile(r"[A-Za-z0-9][\w\-']*")
FRAMING = P.QUESTION_WORDS | P.INTENT_WORDS | P.FILLER_WORDS
NOT_TOPIC = FRAMING | P.FUNCTION_WORDS


def _words(text: str) -> list[str]:
    return [w.strip("'") for w in _TOKEN.findall(text) if w.strip("'")]


def focus(text: str, also: frozenset[str] = frozenset()) -> str:
    """The question without its framing and intent words (and `also`), function words kept:
    "what has been proposed against robust overfitting?" -> "robust overfitting", while
    "training without the original data" keeps its "without"."""
    words = _words(text)
    kept = [w for w in words if w.lower() not in FRAMING and w.lower() not in also and not _contraction(w)]
    return " ".join(_trim(kept))


def topic(text: str, also: frozenset[str] = frozenset()) -> str:
    """The topic words: "what has been proposed against robust overfitting?" -> "robust overfitting"."""
    words = _words(text)
    return " ".join(w for w in words if w.lower() not in NOT_TOPIC and w.lower() not in also and not _contraction(w))


def _contraction(word: str) -> bool:
    """ "what's", "whats", "who's", "i'm": framing written short."""
    low = word.lower()
    return low in {"whats", "what's", "who's", "whos", "i'm", "im", "it's", "that's", "there's", "here's", "let's"} or (
        re.search(r"'(?:ve|re|ll|d|m)$", low) is not None
    )


def _trim(words: list[str]) -> list[str]:
    """Function words at either end of a focus say nothing ("of the", "and")."""
    while words and words[0].lower() in P.FUNCTION_WORDS | {"the", "a", "an", "of", "to", "in", "on", "for", "with"}:
        words = words[1:]
    while words and words[-1].lower() in P.FUNCTION_WORDS | {"the", "a", "an", "of", "to", "in", "on", "for", "with"}:
        words = words[:-1]
    return words


def content_count(text: str) -> int:
    """How many topic words `text` has."""
    return len(topic(text).split())
