"""Which retrieved papers an answer may use: the evidence each hit offers (dense similarity,
lexical coverage of the question's focus), the refusal gate over it, and the choice of papers
to cite, either the few closest to a question or every paper on a topic."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.retrieval.types import Hit
from rag.settings import AnswerSettings
from rag.text.proximity import TIGHT, closeness

Coverage = Callable[[str, str], float]  # (focus, text) -> idf-weighted share of the focus's words in text
Span = Callable[[str, str], "int | None"]  # (phrase, text) -> fewest tokens holding the phrase's words


@dataclass(frozen=True)
class Evidence:
    """How strongly one hit bears on the question: dense similarity and lexical coverage."""

    hit: Hit
    similarity: float
    coverage: float


def assess(focus: str, hits: list[Hit], coverage: Coverage) -> list[Evidence]:
    """Each hit's evidence for a question whose focus (its words without the framing) is `focus`."""
    return [Evidence(h, h.similarity or 0.0, coverage(focus, h.text)) for h in hits]


def covered(evidence: list[Evidence], cfg: AnswerSettings) -> bool:
    """The refusal gate: some passage is similar enough, or holds the question's rare words."""
    return any(e.similarity >= cfg.min_similarity or e.coverage >= cfg.min_coverage for e in evidence)


def complementary(focus: str, evidence: list[Evidence], coverage: Coverage, cfg: AnswerSettings) -> list[Evidence]:
    """Two passages that together hold the question's rare words when none does alone, as in
    a comparison of two papers ("how does Lion differ from AdamW?": one abstract names Lion,
    the other AdamW): the passage covering most, and the one adding most to it, in retrieval
    order; none if together they stay under `min_coverage` or either adds nothing."""
    if len(evidence) < 2:
        return []
    first = max(evidence, key=lambda e: e.coverage)
    together, second = max(
        ((coverage(focus, f"{first.hit.text} {e.hit.text}"), e) for e in evidence if e is not first),
        key=lambda pair: pair[0],
    )
    if first.coverage <= 0 or together <= first.coverage or together < cfg.min_coverage:
        return []
    return [e for e in evidence if e is first or e is second]


def relevant(evidence: list[Evidence], cfg: AnswerSettings) -> list[Hit]:
    """Hits close enough to the best one to be worth citing, in retrieval order."""
    best = max((e.similarity for e in evidence), default=0.0)
    floor = max(cfg.min_similarity, best - cfg.margin)
    return [e.hit for e in evidence if e.similarity >= floor or e.coverage >= cfg.min_coverage][: cfg.max_sources]


def on_topic(topic: str, evidence: list[Evidence], span: Span, cfg: AnswerSettings) -> list[Hit]:
    """The candidates that are about `topic`, in retrieval order: those holding its words as a
    phrase, or loosely together while close in meaning to the best; with fewer than
    `topic_min_phrase_papers` such, those close in meaning to the best are added."""
    words = max(len(set(re.findall(r"\w+", topic))), 1)
    best = max((e.similarity for e in evidence), default=0.0)
    phrase = []
    for e in evidence:
        near = closeness(span(topic, e.hit.text), words)
        if near == TIGHT or (near > 0 and e.similarity >= best - cfg.topic_margin):
            phrase.append(e.hit)
    if len(phrase) >= cfg.topic_min_phrase_papers:
        return phrase
    floor = max(cfg.min_similarity, best - cfg.margin)
    semantic = [e.hit for e in evidence if e.similarity >= floor or e.coverage >= cfg.min_coverage]
    unique = list({h.paper.id: h for h in reversed(phrase + semantic)}.values())[::-1]  # first place of each paper
    return unique[: cfg.topic_max_papers]


def unmentioned(names: list[str], hits: list[Hit], span: Span) -> list[str]:
    """The `names` (as the plan found them in a question) that none of `hits` mentions: its
    words together, at most one other word between ("ResNet-50" is not "ResNet ... 50 epochs")."""
    missing = []
    for name in names:
        size = span(name, name)  # how many tokens the name itself is
        if size is None:
            continue
        if not any(closeness(span(name, h.text), size) == TIGHT for h in hits):
            missing.append(name)
    return missing
