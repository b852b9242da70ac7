"""Sentences and content terms: the units extractive answers are built from and citations are
checked against. English only; no model, so it is fast enough for every answer."""

from __future__ import annotations

import re

from rag.text.stemming import stem_words

# not after an abbreviation that takes a capital or a number after it ("Dr. DPO", "e.g. ImageNet", "Fig. 2")
_ABBREVIATED = ("Dr", "Mr", "Ms", "Mrs", "Prof", "vs", "al", "cf", "Fig", "Figs", "Eq", "Eqs", "Sec") + (
    "e.g",
    "E.g",
    "i.e",
    "I.e",
)
_ABBREVIATIONS = "".join(rf"(?<!\b{re.escape(a)}\.)" for a in _ABBREVIATED)
_SENTENCE_END = re.compile(
    r"(?<=[.!?])" + _ABBREVIATIONS + r"\s+(?=[A-Z0-9$\\(\[])"
    r"|(?<=\bal\.)\s+(?=[A-Z][a-z])"  # "... by Zhang et al. We show": a new sentence; "et al. (2019)" is not
    r"|\n[^\S\n]*\n\s*"  # a blank line (from its first newline: no backtracking over runs of spaces)
)
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-]*|\d+(?:\.\d+)?%?")
STOPWORDS = frozenset(
    """
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other
our ours out over own same she should so some such than that the their theirs them then there these they this
those through to too under until up very was we were what when where which while who whom why will with would
you your yours paper papers work works propose proposed show shows approach method methods via using based use
used new novel study studies result results corpus question tell give find found know known
""".split()
)


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, split at end punctuation followed by a capital, digit or math (not
    after an abbreviation such as "Dr." or "e.g."), and
    at blank lines (a paragraph, or one slide of several, ends there whatever its punctuation)."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def content_terms(text: str) -> list[str]:
    """Lower-cased, stemmed words that carry meaning (stop words and 1-letter words dropped)."""
    words = [w.lower().strip("-") for w in _WORD.findall(text)]
    words = [w for w in words if len(w) > 1 and w not in STOPWORDS]
    return stem_words(words)


_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,30}\b(instructions?|prompts?|rules|above|previous)\b"
    r"|\byou are now\b|\bsystem prompt\b|\b(reply|respond|answer|say)\b.{0,12}\bonly\b.{0,12}\bwith\b"
    r"|\bnew instructions?\b|\bas an ai\b|\bassistant:",
    re.IGNORECASE,
)


def is_instruction(sentence: str) -> bool:
    """A sentence that addresses a language model with orders (prompt injection), not a finding."""
    return bool(_INSTRUCTION.search(sentence))
