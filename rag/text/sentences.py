"""Sentences and content terms: the units extractive answers are built from and citations are
checked against. English only; no model, so it is fast enough for every answer."""

from __future__ import annotations

import re

from rag.text.stemming import stem_words

_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9$\\(\[])")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9\-]*|\d+(?:\.\d+)?%?")
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below between
both but by can could did do does doing down during each few for from further had has have having he her here
hers him his how i if in into is it its itself just me more most my no nor not now of off on once only or other
our ours out over own same she should so some such than that the their theirs them then there these they this
those through to too under until up very was we were what when where which while who whom why will with would
you your yours paper papers work works propose proposed show shows approach method methods via using based use
used new novel study studies result results corpus question tell give find found know known
""".split())


def split_sentences(text: str) -> list[str]:
    """Sentences of `text`, split at end punctuation followed by a capital, digit or math."""
    return [s.strip() for s in _SENTENCE_END.split(text) if s.strip()]


def content_terms(text: str) -> list[str]:
    """Lower-cased, stemmed words that carry meaning (stop words and 1-letter words dropped)."""
    words = [w.lower().strip("-") for w in _WORD.findall(text)]
    words = [w for w in words if len(w) > 1 and w not in STOPWORDS]
    return stem_words(words)

# Words that set two things side by side ("how does X differ from Y?", "X vs Y"): they frame a
# question ("vs" in an abstract is no answer to "FGSM vs PGD") and mark it as a comparison.
COMPARISON_WORDS = frozenset("compare compared compares comparing comparison differ differs difference differences "
                             "versus vs".split())

# Words that frame a question rather than say what it is about: left out when judging whether
# a passage covers the question.
QUESTION_WORDS = frozenset("""
what which who whom whose when where why how does do did is are was were can could should would will about say says
said tell explain explained describe described mention mentioned discuss discussed lecture lectures slide slides talk
paper papers corpus article articles work works study studies author authors proposed propose proposes introduced
introduce introduces method methods approach approaches there any some known main key idea ideas way ways used use using give list show find me i you
""".split()) | COMPARISON_WORDS

# Words that state what a survey question wants done with its topic ("what has been proposed
# against ...", "how can ... be reduced"), not the topic itself.
INTENT_WORDS = frozenset("""been has have proposed done studied shown suggested against for to the a an of on in with can
could be reduced reduce improved improve mitigated mitigate addressed address avoided avoid prevented prevent all
survey overview literature techniques solutions ideas""".split())

# Function words: a topic phrase is its content words ("trade-off between accuracy and
# robustness" is found as "accuracy-robustness trade-off").
FUNCTION_WORDS = frozenset("""between among across about above after along amid around before behind below beneath beside
besides beyond during except from inside into like near off onto out outside over past per since than through throughout
toward towards under underneath unlike until upon via within without and or nor but so yet both either neither whether
while whereas although though because if unless their its our your his her them they we this that these those such other
another each every more most less least very much many few several various""".split())
_FRAMING = QUESTION_WORDS | INTENT_WORDS
_NOT_TOPIC = _FRAMING | FUNCTION_WORDS


_NAME = re.compile(r"\b[A-Za-z0-9]\w*(?:-\w+)*")


def names_in(question: str) -> list[str]:
    """The names a question asks about, the way they are written: words with a digit and a
    letter or with a capital past the first letter ("ImageNet-C", "ResNet-50", "FGSM", "H2RBox");
    not a year, a number, a word capitalised because it starts a sentence, nor notation of two
    characters ("l2", "l_1", "F1"), which abstracts write in too many ways ("$\\ell_2$", "L2")."""
    names = []
    for word in _NAME.findall(question):
        letters, digits = any(c.isalpha() for c in word), any(c.isdigit() for c in word)
        marked = digits or any(c.isupper() for c in word[1:])
        if sum(c.isalnum() for c in word) >= 3 and letters and marked and word not in names:
            names.append(word)
    return names


def asked_words(question: str) -> str:
    """The question without its framing and intent words, function words kept:
    "what has been proposed against robust overfitting?" -> "robust overfitting", while
    "training without the original data" keeps its "without"."""
    words = re.findall(r"[A-Za-z0-9][\w\-]*", question)
    return " ".join(w for w in words if w.lower() not in _FRAMING) or question


def topic_of(question: str) -> str:
    """The topic words of a question: "what has been proposed against robust overfitting?" -> "robust overfitting"."""
    words = re.findall(r"[A-Za-z0-9][\w\-]*", question)
    return " ".join(w for w in words if w.lower() not in _NOT_TOPIC) or question

_INSTRUCTION = re.compile(
    r"\b(ignore|disregard|forget)\b.{0,30}\b(instructions?|prompts?|rules|above|previous)\b"
    r"|\byou are now\b|\bsystem prompt\b|\b(reply|respond|answer|say)\b.{0,12}\bonly\b.{0,12}\bwith\b"
    r"|\bnew instructions?\b|\bas an ai\b|\bassistant:", re.IGNORECASE)


def is_instruction(sentence: str) -> bool:
    """A sentence that addresses a language model with orders (prompt injection), not a finding."""
    return bool(_INSTRUCTION.search(sentence))
