"""The two retrievers behind one shape (`retrieve(query, n, scope) -> list[Ranked]`): dense
(Chroma, cosine over chunk vectors) and lexical (BM25 over chunk texts)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from rag.embedding.base import Embedder
from rag.index.bm25 import LexicalIndex
from rag.index.vectors import Scope, VectorStore
from rag.retrieval.fusion import best_per_paper
from rag.retrieval.types import Ranked


class DenseRetriever:
    """Cosine similarity of the query's vector to chunk vectors in Chroma. `cached(chunk_ids)`,
    if given, answers stored vectors from a local copy (any it lacks are read from Chroma): on a
    Chroma server each read is a round trip, and hybrid search reads passage vectors twice a
    query (relevance feedback; the question's cosine to papers only BM25 or feedback found)."""

    def __init__(
        self,
        vectors: VectorStore,
        embedder: Embedder,
        cached: Callable[[list[str]], dict[str, np.ndarray]] | None = None,
    ) -> None:
        self.vectors, self.embedder, self.cached = vectors, embedder, cached

    def embed(self, query: str) -> np.ndarray:
        return self.embedder.embed([query])[0]

    def retrieve(self, query: str, n: int, scope: Scope | None) -> list[Ranked]:
        return self.retrieve_vector(self.embed(query), n, scope)

    def retrieve_vector(self, vector: np.ndarray, n: int, scope: Scope | None) -> list[Ranked]:
        matches = self.vectors.query(vector, n * 3, scope)
        return best_per_paper([(m.chunk_id, m.paper_id, m.similarity) for m in matches], n)

    def passage_vectors(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        found = self.cached(chunk_ids) if self.cached is not None else {}
        rest = [c for c in chunk_ids if c not in found]
        return {**found, **self.vectors.vectors(rest)} if rest else found


class LexicalRetriever:
    """BM25 over chunk texts."""

    def __init__(self, index: LexicalIndex) -> None:
        self.index = index

    def retrieve(self, query: str, n: int, scope: Scope | None) -> list[Ranked]:
        return best_per_paper(self.index.search(query, n * 3, scope.papers if scope else None), n)
