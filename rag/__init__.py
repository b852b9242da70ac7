"""A research assistant for machine-learning literature: search and cited answers over a corpus
of paper abstracts. `Assistant` is the entry point; see README.md for the stages."""

from rag.assistant import Assistant, NotIndexedError
from rag.corpus.models import Chunk, Paper
from rag.search import Filters, Hit
from rag.settings import Settings

__all__ = ["Assistant", "Chunk", "Filters", "Hit", "NotIndexedError", "Paper", "Settings"]
