"""A research assistant for machine-learning literature: search, cited answers and topic
summaries over a corpus of paper abstracts. `Assistant` is the entry point; `ask` and
`summarise` are shortcuts over a default one (settings from the environment)."""

from __future__ import annotations

from rag.answering.models import Answer, Citation
from rag.answering.summarise import Summary
from rag.assistant import Assistant, NotIndexedError
from rag.corpus.models import Chunk, Paper
from rag.retrieval.types import Filters, Hit
from rag.settings import Settings

_default: Assistant | None = None


def default_assistant() -> Assistant:
    """One Assistant per process, built from the environment on first use."""
    global _default
    if _default is None:
        _default = Assistant()
    return _default


def ask(question: str, **filters) -> Answer:
    return default_assistant().ask(question, **filters)


def summarise(topic: str) -> Summary:
    return default_assistant().summarise(topic)


summarize = summarise

__all__ = [
    "Answer",
    "Assistant",
    "Chunk",
    "Citation",
    "Filters",
    "Hit",
    "NotIndexedError",
    "Paper",
    "Settings",
    "Summary",
    "ask",
    "default_assistant",
    "summarise",
    "summarize",
]
