"""Search: a question -> papers, best first, each with the passage that matched.

Two retrievers, dense (Chroma, cosine over chunk vectors) and lexical (BM25 over chunk texts),
each rank chunks, folded to papers at their best chunk so a long document (a 94-slide lecture)
appears once and cannot crowd the list. `rrf` fuses the two paper rankings by reciprocal rank
fusion; `hybrid` refines it (rag/retrieval/refine.py) and ranks by the retrievers' scores (`blend`), not
their ranks. Filters (year, venue, source, kind, author) are applied to the paper records
before retrieval, not after, so a filtered search still fills its k.
"""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from rag.corpus.models import Chunk, Paper
from rag.index.catalogue import Catalogue
from rag.index.vectors import Scope
from rag.retrieval import refine
from rag.retrieval.fusion import blend, fuse
from rag.retrieval.retrievers import DenseRetriever, LexicalRetriever
from rag.retrieval.types import Filters, Hints, Hit, Ranked, clean_query
from rag.settings import RetrievalMode, SearchSettings

# BM25 runs on one of these threads while the query is embedded and Chroma searched (the model
# and Chroma release the GIL; a Chroma server is a wait on a socket)
CHUNKS_PER_PAPER = 100  # BM25 scores this many chunks a paper at most (a 94-slide lecture: each of them)
_LEXICAL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="bm25")


def search(
    query: str,
    k: int,
    *,
    mode: RetrievalMode,
    dense: DenseRetriever,
    lexical: LexicalRetriever,
    catalogue: Catalogue,
    chunk: Callable[[str], Chunk | None],
    filters: Filters | None = None,
    hints: Hints | None = None,
    topic: str = "",
    cfg: SearchSettings | None = None,
) -> list[Hit]:
    """The top `k` papers for `query`. Filters read the `catalogue`'s cards and exclude; hints
    (metadata the question mentions as context) only raise the papers matching them. Hits get
    their full records from the catalogue, and their passages from `chunk` (one chunk by id).
    `rrf` fuses the dense and BM25 rankings; `hybrid` then refines the fusion (rag.retrieval.refine),
    where papers holding the `topic` words together gain a little."""
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
    if mode == "hybrid" and vector is not None:
        ranked = _refine(vector, topic, ranked, dense_ranked, lexical_ranked, dense, lexical, catalogue, scope, n, cfg)
        depth = max(k, cfg.rerank_depth)
        best = _best_passages(ranked[:depth], query, vector, dense_ranked, lexical_ranked, dense, lexical, cfg)
        ranked = best + ranked[depth:]
    if hints is not None and hints.active and cfg.hint_weight:
        ranked = refine.rerank_by_hints(
            ranked,
            lambda pid: hints.match(catalogue.cards[pid]) if pid in catalogue.cards else 0.0,
            depth=cfg.rerank_depth,
            bonus=cfg.hint_weight * 0.5,
        )
    hits: list[Hit] = []
    for item in ranked:
        paper = catalogue.paper(item.paper_id)
        piece = chunk(item.chunk_id) if paper is not None else None
        if paper is None or piece is None:  # vector store ahead of the doc store (interrupted ingest)
            continue
        hits.append(
            Hit(
                paper=paper,
                rank=len(hits) + 1,
                score=item.score,
                passage=piece.text,
                chunk_id=piece.id,
                section=piece.section,
                similarity=similarity.get(item.paper_id),
            )
        )
        if len(hits) == k:
            break
    lacking = [h for h in hits if h.similarity is None] if vector is not None else []
    if lacking:  # papers only the refined ranking found: the question's own cosine to their passage
        found = dense.passage_vectors([h.chunk_id for h in lacking])
        for hit in lacking:
            if hit.chunk_id in found:
                hit.similarity = float(vector @ found[hit.chunk_id])
    return hits


def _best_passages(
    ranked: list[Ranked],
    query: str,
    vector: np.ndarray,
    dense_ranked: list[Ranked],
    lexical_ranked: list[Ranked],
    dense: DenseRetriever,
    lexical: LexicalRetriever,
    cfg: SearchSettings,
) -> list[Ranked]:
    """Each paper at the better of its two best chunks, when the retrievers' differ (a lecture's
    slides): the chunk whose own blend of cosine and BM25 score (each over its ranking's best,
    as `blend` scores papers) is higher. Which ranking placed the paper higher says nothing of
    this when only one paper is in scope ("what does the lecture say about poisoning attacks?":
    the cosine's best slide is another attack's formula, BM25's the poisoning slide)."""
    by_dense = {r.paper_id: r for r in dense_ranked}
    by_lexical = {r.paper_id: r for r in lexical_ranked}
    top_dense = dense_ranked[0].score if dense_ranked else 0.0
    top_lexical = lexical_ranked[0].score if lexical_ranked else 0.0
    differ = [
        r.paper_id
        for r in ranked
        if r.paper_id in by_dense
        and r.paper_id in by_lexical
        and by_dense[r.paper_id].chunk_id != by_lexical[r.paper_id].chunk_id
    ]
    if top_dense <= 0 or top_lexical <= 0 or not differ:
        return ranked
    # one read of the vectors and one BM25 pass over those papers' chunks, however many they are
    found = dense.passage_vectors([by_lexical[p].chunk_id for p in differ])
    bm25 = {c: score for c, _, score in lexical.index.search(query, CHUNKS_PER_PAPER * len(differ), set(differ))}
    w = cfg.dense_weight
    out = []
    for item in ranked:
        if item.paper_id not in differ:
            out.append(item)
            continue
        d, lx = by_dense[item.paper_id], by_lexical[item.paper_id]
        cosine = float(vector @ found[lx.chunk_id]) if lx.chunk_id in found else 0.0
        dense_chunk = w * d.score / top_dense + (1 - w) * bm25.get(d.chunk_id, 0.0) / top_lexical
        lexical_chunk = w * cosine / top_dense + (1 - w) * lx.score / top_lexical
        out.append(Ranked(item.paper_id, lx.chunk_id if lexical_chunk > dense_chunk else d.chunk_id, item.score))
    return out


def _document_text(paper: Paper | None) -> str:
    return f"{paper.title}. {paper.abstract}" if paper else ""


def _refine(
    vector: np.ndarray,
    topic: str,
    fused: list[Ranked],
    dense_ranked: list[Ranked],
    lexical_ranked: list[Ranked],
    dense: DenseRetriever,
    lexical: LexicalRetriever,
    catalogue: Catalogue,
    scope: Scope | None,
    n: int,
    cfg: SearchSettings,
) -> list[Ranked]:
    """Relevance feedback from the top of the rank fusion, the blend of scores, then the phrase
    bonus (rag.retrieval.refine)."""
    if cfg.feedback_papers and fused:
        top = [r.chunk_id for r in fused[: cfg.feedback_papers]]
        found = dense.passage_vectors(top)
        moved = refine.feedback_vector(vector, [found[c] for c in top if c in found], cfg.feedback_weight)
        dense_ranked = dense.retrieve_vector(moved, n, scope)
    ranked = blend(dense_ranked, lexical_ranked, cfg.dense_weight)
    if cfg.phrase_weight and topic:
        index = lexical.index
        topic_tokens = index.tokens(topic, compounds=False)

        def tokens_of(paper_id: str) -> list[str]:
            return index.document_tokens(paper_id, lambda: _document_text(catalogue.paper(paper_id)))

        # a first place in one ranking adds its weight to a blended score: half the best score on average
        ranked = refine.rerank_by_phrase(
            ranked, topic_tokens, tokens_of, depth=cfg.rerank_depth, bonus=cfg.phrase_weight * 0.5
        )
    return ranked
