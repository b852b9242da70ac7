"""Second-stage ranking for hybrid search: relevance feedback and phrase proximity.

The first fusion of dense and BM25 finds the papers that word the topic like the question does.
Two refinements find the rest, measured on the eval set (bench/RESULTS.md, evals/report):

- Relevance feedback (Rocchio): the query vector moves toward the passages of the best few
  fused papers and dense retrieval runs again, so papers that describe the topic in other words
  come up ("accuracy-robustness balance" for "trade-off between accuracy and robustness").
- Phrase proximity: among the top `depth` papers, one whose title or abstract holds the
  question's topic words close together (as a phrase, or within a few words) gains a fraction
  of a first place in one ranking (rag.retrieval.search.blend): enough to reorder near-ties, not to lift
  an off-topic paper.

A question's hints (a year, venue or author it mentions as context, rag.retrieval.types.Hints)
reorder the top of any mode's ranking the same way (`rerank_by_hints`); they never drop a paper.

The cosine between the question and each passage (what the refusal gate reads) is always the
original question's, never the moved vector's.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import numpy as np

from rag.retrieval.types import Ranked
from rag.text.proximity import closeness, window


def feedback_vector(query: np.ndarray, passages: list[np.ndarray], weight: float) -> np.ndarray:
    """The query moved toward the mean of `passages` by `weight`, unit length again."""
    if not passages or weight <= 0:
        return query
    moved = query + weight * np.mean(passages, axis=0)
    norm = float(np.linalg.norm(moved))
    return moved / norm if norm > 0 else query


def phrase_bonus(topic: list[str], document: list[str]) -> float:
    """How closely the topic's tokens stand together in the document (`closeness`): 1 as a
    phrase, 0.5 loosely together, else 0 (also when the topic is empty)."""
    return closeness(window(set(topic), document), len(set(topic)))


def rerank_by_phrase(
    ranked: list[Ranked], topic: list[str], tokens_of: Callable[[str], list[str]], *, depth: int, bonus: float
) -> list[Ranked]:
    """Reorder the top `depth` of a fused ranking by its score plus `bonus` times the phrase
    bonus; the rest keeps its order."""
    if bonus <= 0 or not topic:
        return ranked
    head = [replace(r, score=r.score + bonus * phrase_bonus(topic, tokens_of(r.paper_id))) for r in ranked[:depth]]
    head.sort(key=lambda r: -r.score)  # stable: ties keep the fused order
    return head + ranked[depth:]


def rerank_by_hints(ranked: list[Ranked], match: Callable[[str], float], *, depth: int, bonus: float) -> list[Ranked]:
    """Reorder the top `depth` by score plus `bonus` times the share of the question's hints each
    paper matches (`match(paper id)`): a question mentioning a year or venue as context puts the
    papers of that year or venue first among near-ties; nothing is dropped."""
    if bonus <= 0:
        return ranked
    top = ranked[0].score if ranked else 0.0
    head = [replace(r, score=r.score + bonus * top * match(r.paper_id)) for r in ranked[:depth]]
    head.sort(key=lambda r: -r.score)
    return head + ranked[depth:]
