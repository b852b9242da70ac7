"""The question stage: a question (with the conversation's earlier turns and any filters the
user set) read once into a typed `QueryPlan` (rag.questions.plan). Nothing else reads questions."""

from __future__ import annotations

from rag.questions import words


def topic_terms(query: str) -> str:
    """A search query's topic words ("what has been proposed against robust overfitting?" ->
    "robust overfitting"), for phrase proximity when no plan was made (`rag search`)."""
    return words.topic(query) or query
