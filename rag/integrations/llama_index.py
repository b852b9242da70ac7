"""The assistant's hybrid search as a llama-index retriever (`Assistant.as_retriever(k)`), so a
llama-index query engine, agent or pipeline can retrieve from the corpus.

Each `NodeWithScore` is one paper at its best passage: the node's text is the passage, its
metadata the paper's id, title, authors, venue and year (and the slide for a lecture), its score
the hybrid score. Filters apply as in `Assistant.search`. This retrieves only: answers a
llama-index engine writes from these nodes are not checked the way `Assistant.ask` checks its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from llama_index.core.retrievers import BaseRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle, TextNode

from rag.retrieval.types import Filters

if TYPE_CHECKING:
    from rag.assistant import Assistant


class AssistantRetriever(BaseRetriever):
    """llama-index retriever over an `Assistant`'s search."""

    def __init__(self, assistant: Assistant, k: int = 10, filters: Filters | None = None) -> None:
        super().__init__()
        self._assistant = assistant
        self._k = k
        self._filters = filters

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        hits = self._assistant.search(query_bundle.query_str, self._k, filters=self._filters)
        nodes = []
        for hit in hits:
            paper = hit.paper
            metadata = {
                "paper_id": paper.id,
                "title": paper.title,
                "authors": paper.authors,
                "venue": paper.venue,
                "year": paper.year,
                "kind": paper.kind,
            }
            if hit.section:
                metadata["section"] = hit.section
            node = TextNode(
                id_=hit.chunk_id,
                text=hit.passage,
                metadata=metadata,
                excluded_embed_metadata_keys=list(metadata),
                excluded_llm_metadata_keys=["paper_id", "kind"],
            )
            nodes.append(NodeWithScore(node=node, score=hit.score))
        return nodes
