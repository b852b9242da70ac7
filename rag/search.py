"""Search: a question -> papers, best first, each with the passage that matched.

Two retrievers sit behind one `Retriever` protocol, dense (Chroma, cosine over chunk vectors)
and lexical (BM25 over chunk texts); each ranks chunks, folded to papers at their best chunk
so a long document (a 94-slide lecture) appears once and cannot crowd the list. `hybrid`
fuses the two paper rankings by reciprocal rank fusion. Filters (year, venue, source, kind,
author) are applied to the paper records before retrieval, not after, so a filtered search
still fills its k.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from typing import Protocol

from pydantic import BaseModel, Field

from rag.corpus.models import Chunk, Kind, Paper
from rag.embed import Embedder
from rag.lexical import LexicalIndex
from rag.settings import RetrievalMode
from rag.store import VectorStore

MAX_QUERY_CHARS = 4000  # longer queries are cut: the embedder reads ~1000 characters anyway


class QueryError(ValueError):
    """The query cannot be searched (empty, or nothing but punctuation)."""


class Filters(BaseModel):
    """Restrictions on which documents may be returned. All given ones must hold."""

    year: int | None = Field(None, description="Exactly this year.")
    year_from: int | None = Field(None, description="This year or later.")
    year_to: int | None = Field(None, description="This year or earlier.")
    venue: str | None = Field(None, description="Venue, case-insensitive (ICML, NeurIPS, ECCV, Lecture, ...).")
    source: str | None = Field(None, description="Source file name, or its start (e.g. 002).")
    kind: Kind | None = Field(None, description="paper or lecture.")
    author: str | None = Field(None, description="Part of an author's name, case-insensitive.")
    presentation: str | None = Field(None, description="Oral, Spotlight, ... (conference session pages).")
    paper: str | None = Field(None, description="Only this document id (ask about one paper).")

    @property
    def active(self) -> bool:
        return any(v is not None for v in self.model_dump().values())

    def allows(self, paper: Paper) -> bool:
        if self.paper is not None and paper.id != self.paper:
            return False
        if self.year is not None and paper.year != self.year:
            return False
        if self.year_from is not None and (paper.year is None or paper.year < self.year_from):
            return False
        if self.year_to is not None and (paper.year is None or paper.year > self.year_to):
            return False
        if self.venue is not None and (paper.venue or "").lower() != self.venue.lower():
            return False
        if self.source is not None and not any(f == self.source or f.startswith(self.source) for f in paper.source_files()):
            return False
        if self.kind is not None and paper.kind != self.kind:
            return False
        if self.author is not None and not any(_fold(self.author) in _fold(a) for a in paper.authors):
            return False
        if self.presentation is not None and paper.meta.get("presentation", "").lower() != self.presentation.lower():
            return False
        return True


def _fold(name: str) -> str:
    """Lower case without accents: "Tramèr" matches "tramer"."""
    return "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c)).lower()


class Hit(BaseModel):
    """One paper found for a query, at its best-matching passage."""

    paper: Paper
    rank: int  # 1-based
    score: float  # the mode's own score: RRF for hybrid, cosine for dense, BM25 for bm25
    passage: str
    chunk_id: str
    section: str | None = None  # the slide's title when the document is a lecture
    similarity: float | None = None  # cosine of query and passage, when the dense retriever saw it


@dataclass(frozen=True)
class Ranked:
    """A retriever's view of one paper: its best chunk and that chunk's score."""

    paper_id: str
    chunk_id: str
    score: float


class Retriever(Protocol):
    def retrieve(self, query: str, n: int, allowed: set[str] | None) -> list[Ranked]: ...


def best_per_paper(matches: list[tuple[str, str, float]], n: int) -> list[Ranked]:
    """(chunk id, paper id, score) best-first -> one entry per paper at its best chunk, at most n."""
    seen: dict[str, Ranked] = {}
    for chunk_id, paper_id, score in matches:
        if paper_id not in seen:
            seen[paper_id] = Ranked(paper_id, chunk_id, score)
            if len(seen) == n:
                break
    return list(seen.values())


class DenseRetriever:
    """Cosine similarity of the query's vector to chunk vectors in Chroma."""

    def __init__(self, vectors: VectorStore, embedder: Embedder) -> None:
        self.vectors, self.embedder = vectors, embedder

    def retrieve(self, query: str, n: int, allowed: set[str] | None) -> list[Ranked]:
        vector = self.embedder.embed([query])[0]
        matches = self.vectors.query(vector, n * 3, allowed)
        return best_per_paper([(m.chunk_id, m.paper_id, m.similarity) for m in matches], n)


class LexicalRetriever:
    """BM25 over chunk texts."""

    def __init__(self, index: LexicalIndex) -> None:
        self.index = index

    def retrieve(self, query: str, n: int, allowed: set[str] | None) -> list[Ranked]:
        return best_per_paper(self.index.search(query, n * 3, allowed), n)


def fuse(rankings: list[list[Ranked]], rrf_k: int) -> list[Ranked]:
    """Reciprocal rank fusion: score = sum over rankings of 1 / (rrf_k + rank). The passage is
    the chunk from the ranking that placed the paper highest."""
    scores: dict[str, float] = {}
    best: dict[str, tuple[int, str]] = {}  # paper id -> (best rank, chunk id at that rank)
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item.paper_id] = scores.get(item.paper_id, 0.0) + 1.0 / (rrf_k + rank)
            if item.paper_id not in best or rank < best[item.paper_id][0]:
                best[item.paper_id] = (rank, item.chunk_id)
    order = sorted(scores, key=lambda pid: (-scores[pid], best[pid][0]))
    return [Ranked(pid, best[pid][1], scores[pid]) for pid in order]


def clean_query(query: str) -> str:
    text = " ".join((query or "").split())[:MAX_QUERY_CHARS]
    if not any(ch.isalnum() for ch in text):
        raise QueryError("the query is empty: type a question or a few keywords")
    return text


def search(query: str, k: int, *, mode: RetrievalMode, dense: Retriever, lexical: Retriever,
           papers: dict[str, Paper], chunks: dict[str, Chunk], filters: Filters | None = None,
           candidates: int = 60, rrf_k: int = 60) -> list[Hit]:
    """The top `k` papers for `query`. `papers`/`chunks` map ids to records (the catalogue)."""
    query = clean_query(query)
    allowed = None
    if filters is not None and filters.active:
        allowed = {pid for pid, p in papers.items() if filters.allows(p)}
        if not allowed:
            return []
    n = max(k, candidates)
    dense_ranked = dense.retrieve(query, n, allowed) if mode in ("dense", "hybrid") else []
    lexical_ranked = lexical.retrieve(query, n, allowed) if mode in ("bm25", "hybrid") else []
    if mode == "dense":
        ranked = dense_ranked
    elif mode == "bm25":
        ranked = lexical_ranked
    else:
        ranked = fuse([dense_ranked, lexical_ranked], rrf_k)
    similarity = {r.paper_id: r.score for r in dense_ranked}
    hits: list[Hit] = []
    for item in ranked:
        paper, piece = papers.get(item.paper_id), chunks.get(item.chunk_id)
        if paper is None or piece is None:  # vector store ahead of the doc store (interrupted ingest)
            continue
        hits.append(Hit(paper=paper, rank=len(hits) + 1, score=item.score, passage=piece.text, chunk_id=piece.id,
                        section=piece.section, similarity=similarity.get(item.paper_id)))
        if len(hits) == k:
            break
    return hits
