"""Folding chunk rankings to papers and fusing two retrievers' paper rankings: by reciprocal rank
(`fuse`) or by a blend of their scores (`blend`). Pure functions over `Ranked` lists."""

from __future__ import annotations

from rag.retrieval.types import Ranked


def best_per_paper(matches: list[tuple[str, str, float]], n: int) -> list[Ranked]:
    """(chunk id, paper id, score) best-first -> one entry per paper at its best chunk, at most n."""
    seen: dict[str, Ranked] = {}
    for chunk_id, paper_id, score in matches:
        if paper_id not in seen:
            seen[paper_id] = Ranked(paper_id, chunk_id, score)
            if len(seen) == n:
                break
    return list(seen.values())


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
