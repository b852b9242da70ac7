"""Search: a question -> papers, best first, each with the passage that matched.

Two retrievers, dense (Chroma, cosine over chunk vectors) and lexical (BM25 over chunk texts),
each rank chunks, folded to papers at their best chunk so a long document (a 94-slide lecture)
appears once and cannot crowd the list. `rrf` fuses the two paper rankings by reciprocal rank
fusion; `hybrid` refines it (rag/refine.py) and ranks by the retrievers' scores (`blend`), not
their ranks. Filters (year, venue, source, kind, author) are applied to the paper records
before retrieval, not after, so a filtered search still fills its k.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from pydantic import BaseModel, Field

from rag import refine
from rag.catalogue import Card, Catalogue
from rag.corpus.models import Chunk, Kind, Paper
from rag.embed import Embedder
from rag.lexical import LexicalIndex
from rag.sentences import topic_of
from rag.settings import RetrievalMode, SearchSettings
from rag.store import Scope, VectorStore

# BM25 runs on one of these threads while the query is embedded and Chroma searched (the model
# and Chroma release the GIL; a Chroma server is a wait on a socket)
_LEXICAL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="bm25")
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

    def allows(self, card: Card) -> bool:
        if self.paper is not None and card.id != self.paper:
            return False
        if self.year is not None and card.year != self.year:
            return False
        if self.year_from is not None and (card.year is None or card.year < self.year_from):
            return False
        if self.year_to is not None and (card.year is None or card.year > self.year_to):
            return False
        if self.venue is not None and (card.venue or "").lower() != self.venue.lower():
            return False
        if self.source is not None and not any(f == self.source or f.startswith(self.source) for f in card.files):
            return False
        if self.kind is not None and card.kind != self.kind:
            return False
        if self.author is not None and not any(_fold(self.author) in _fold(a) for a in card.authors):
            return False
        if self.presentation is not None and (card.presentation or "").lower() != self.presentation.lower():
            return False
        return True


@lru_cache(maxsize=1 << 18)
def _fold(name: str) -> str:
    """Lower case without accents: "Tramèr" matches "tramer". Cached: an author filter folds
    every author of the corpus (400k names at 100k papers), most of them again and again."""
    if name.isascii():
        return name.lower()
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
    """Cosine similarity of the query's vector to chunk vectors in Chroma. `cached(chunk_ids)`,
    if given, answers stored vectors from a local copy (any it lacks are read from Chroma): on a
    Chroma server each read is a round trip, and hybrid search reads passage vectors twice a
    query (relevance feedback; the question's cosine to papers only BM25 or feedback found)."""

    def __init__(self, vectors: VectorStore, embedder: Embedder,
                 cached: Callable[[list[str]], dict[str, np.ndarray]] | None = None) -> None:
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


def blend(dense: list[Ranked], lexical: list[Ranked], dense_weight: float) -> list[Ranked]:
    """Score fusion: each paper's cosine over the best cosine in `dense`, and its BM25 score over
    the best in `lexical`, mixed `dense_weight` to 1 - `dense_weight` (a paper one retriever did
    not return gets 0 from it). Unlike reciprocal ranks it sees how far apart the scores are: the
    papers BM25 scores well above the rest (every one naming the topic) are not passed by papers
    ranked a little higher in both lists while matching neither well, and rankings from two
    embedders that differ only in near-ties come out alike. The passage is the chunk from the
    ranking that placed the paper highest."""
    scores: dict[str, float] = {}
    best: dict[str, tuple[int, str]] = {}  # paper id -> (best rank, chunk id at that rank)
    for ranking, weight in ((dense, dense_weight), (lexical, 1.0 - dense_weight)):
        top = ranking[0].score if ranking else 0.0
        for rank, item in enumerate(ranking, start=1):
            part = weight * max(item.score, 0.0) / top if top > 0 else 0.0
            scores[item.paper_id] = scores.get(item.paper_id, 0.0) + part
            if item.paper_id not in best or rank < best[item.paper_id][0]:
                best[item.paper_id] = (rank, item.chunk_id)
    order = sorted(scores, key=lambda pid: (-scores[pid], best[pid][0]))
    return [Ranked(pid, best[pid][1], scores[pid]) for pid in order]


def clean_query(query: str) -> str:
    text = " ".join((query or "").split())[:MAX_QUERY_CHARS]
    if not any(ch.isalnum() for ch in text):
        raise QueryError("the query is empty: type a question or a few keywords")
    return text


def search(query: str, k: int, *, mode: RetrievalMode, dense: DenseRetriever, lexical: LexicalRetriever,
           catalogue: Catalogue, chunk: Callable[[str], Chunk | None], filters: Filters | None = None,
           cfg: SearchSettings | None = None) -> list[Hit]:
    """The top `k` papers for `query`. Filters read the `catalogue`'s cards; hits get their full
    records from it, and their passages from `chunk` (one chunk by id).
    `rrf` fuses the dense and BM25 rankings; `hybrid` then refines the fusion (rag.refine)."""
    cfg = cfg or SearchSettings()
    query = clean_query(query)
    scope = None
    if filters is not None and filters.active:
        allowed = {pid for pid, card in catalogue.cards.items() if filters.allows(card)}
        if not allowed:
            return []
        scope = catalogue.scope(allowed)
    n = max(k, cfg.candidates)
    lexical_ranking = _LEXICAL.submit(lexical.retrieve, query, n, scope) if mode != "dense" else None
    vector = dense.embed(query) if mode != "bm25" else None
    dense_ranked = dense.retrieve_vector(vector, n, scope) if vector is not None else []
    lexical_ranked = lexical_ranking.result() if lexical_ranking is not None else []
    similarity = {r.paper_id: r.score for r in dense_ranked}  # the question's cosine to the best passage
    if mode == "dense":
        ranked = dense_ranked
    elif mode == "bm25":
        ranked = lexical_ranked
    else:
        ranked = fuse([dense_ranked, lexical_ranked], cfg.rrf_k)
    if mode == "hybrid":
        ranked = _refine(query, vector, ranked, dense_ranked, lexical_ranked, dense, lexical, catalogue, scope, n, cfg)
    hits: list[Hit] = []
    for item in ranked:
        paper = catalogue.paper(item.paper_id)
        piece = chunk(item.chunk_id) if paper is not None else None
        if paper is None or piece is None:  # vector store ahead of the doc store (interrupted ingest)
            continue
        hits.append(Hit(paper=paper, rank=len(hits) + 1, score=item.score, passage=piece.text, chunk_id=piece.id,
                        section=piece.section, similarity=similarity.get(item.paper_id)))
        if len(hits) == k:
            break
    lacking = [h for h in hits if h.similarity is None] if vector is not None else []
    if lacking:  # papers only the refined ranking found: the question's own cosine to their passage
        found = dense.passage_vectors([h.chunk_id for h in lacking])
        for hit in lacking:
            if hit.chunk_id in found:
                hit.similarity = float(vector @ found[hit.chunk_id])
    return hits


def _document_text(paper: Paper | None) -> str:
    return f"{paper.title}. {paper.abstract}" if paper else ""


def _refine(query: str, vector: np.ndarray, fused: list[Ranked], dense_ranked: list[Ranked],
            lexical_ranked: list[Ranked], dense: DenseRetriever, lexical: LexicalRetriever, catalogue: Catalogue,
            scope: Scope | None, n: int, cfg: SearchSettings) -> list[Ranked]:
    """Relevance feedback from the top of the rank fusion, the blend of scores, then the phrase
    bonus (rag.refine)."""
    if cfg.feedback_papers and fused:
        top = [r.chunk_id for r in fused[:cfg.feedback_papers]]
        found = dense.passage_vectors(top)
        moved = refine.feedback_vector(vector, [found[c] for c in top if c in found], cfg.feedback_weight)
        dense_ranked = dense.retrieve_vector(moved, n, scope)
    ranked = blend(dense_ranked, lexical_ranked, cfg.dense_weight)
    if cfg.phrase_weight:
        index = lexical.index
        topic = index.tokens(topic_of(query), compounds=False)

        def tokens_of(paper_id: str) -> list[str]:
            return index.document_tokens(paper_id, lambda: _document_text(catalogue.paper(paper_id)))

        # a first place in one ranking adds its weight to a blended score: half the best score on average
        ranked = refine.rerank_by_phrase(ranked, topic, tokens_of, depth=cfg.rerank_depth,
                                         bonus=cfg.phrase_weight * 0.5)
    return ranked
