"""What answering yields as it works (Delta, Reset, Final) and what it is given besides the
plan (Tools)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from rag.answering.evidence import Coverage, Evidence, Lexical, Semantic, Span
from rag.answering.models import Answer
from rag.embedding.base import Embedder
from rag.index.catalogue import Catalogue
from rag.llm.client import ChatLLM
from rag.retrieval.types import Hit, Passage
from rag.settings import AnswerSettings, LLMSettings


@dataclass(frozen=True)
class Delta:
    text: str


@dataclass(frozen=True)
class Reset:
    reason: str


@dataclass(frozen=True)
class Final:
    answer: Answer


Event = Delta | Reset | Final
Searcher = Callable[..., list[Hit]]  # (query, k, filters=..., hints=..., topic=...) -> hits
Chooser = Callable[[list[Evidence]], list[Hit]]  # which of the evidence the answer cites
Passages = Callable[[str, str, int], list[tuple[Passage, float]]]  # (query, paper id, n) -> its passages, best first


@dataclass(frozen=True)
class Tools:
    """What answering needs besides the plan: retrieval, the lexical measures, the catalogue,
    the embedder (citation checks), the LLM if one is configured, and the settings."""

    search: Searcher
    coverage: Coverage  # (text, passage) -> idf-weighted share of the text's words in the passage
    lexical: Lexical | None  # (focus, n) -> BM25's own top papers and its relative top score (the gate)
    span: Span  # (phrase, passage) -> fewest tokens holding the phrase's words
    catalogue: Catalogue
    embedder: Embedder
    cfg: AnswerSettings
    llm: ChatLLM | None = None
    llm_cfg: LLMSettings = field(default_factory=LLMSettings)
    passages: Passages | None = None  # one document's passages ranked for a query (a lecture's slides)
    semantic: Semantic | None = None  # (focus, passages) -> semantic coverage (the gate); lexical stands in without

    @property
    def mode(self) -> tuple[str, str | None]:
        return ("llm", self.llm.model) if self.llm is not None else ("extractive", None)
