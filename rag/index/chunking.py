"""Cutting documents into passages that fit the embedding model's window.

all-MiniLM-L6-v2 reads 256 wordpieces and silently drops the rest, and each passage is
embedded with its paper's title in front, so a paper's abstract is split on sentence
boundaries (counting with the model's own tokenizer) into
windows of what is left after the title. A lecture is one chunk per slide. Does not decide
how chunks are ranked: search folds them back into one hit per paper.
"""

from __future__ import annotations

from rag.corpus.models import Chunk, Paper, chunk_id
from rag.embedding.base import Embedder
from rag.text.sentences import split_sentences

_MIN_WINDOW = 96  # wordpieces: below this a long title would leave passages too thin to mean much
_OVERLAP = 40  # wordpieces: a sentence this short is repeated at the start of the next window
_RESERVED = 4  # [CLS], [SEP] and the separator between title and passage


def pack(parts: list[str], window: int, count_tokens) -> list[str]:
    """Greedy windows of whole sentences up to `window` wordpieces; each window after the first
    repeats the previous window's last sentence when it is short enough (overlap). A single
    sentence longer than the window is its own window (the model reads its head)."""
    sizes = [count_tokens(p) for p in parts]
    windows: list[list[int]] = []
    current: list[int] = []
    used = 0
    for i, size in enumerate(sizes):
        if current and used + size > window:
            windows.append(current)
            last = current[-1]
            current, used = (
                ([last], sizes[last]) if sizes[last] <= _OVERLAP and sizes[last] + size <= window else ([], 0)
            )
        current.append(i)
        used += size
    if current:
        windows.append(current)
    return [" ".join(parts[i] for i in w) for w in windows]


def chunk(paper: Paper, embedder: Embedder) -> list[Chunk]:
    """The passages of one document, in order."""
    if paper.sections:
        return [
            Chunk(
                id=chunk_id(paper.id, i),
                paper_id=paper.id,
                index=i,
                text=s.text or s.title,
                title=paper.title,
                section=s.title,
            )
            for i, s in enumerate(paper.sections)
        ]
    budget = embedder.max_tokens - _RESERVED - embedder.count_tokens(paper.title)
    window = max(_MIN_WINDOW, budget)
    if embedder.count_tokens(paper.abstract) <= window:
        pieces = [paper.abstract]
    else:
        pieces = pack(split_sentences(paper.abstract), window, embedder.count_tokens)
    return [
        Chunk(id=chunk_id(paper.id, i), paper_id=paper.id, index=i, text=text, title=paper.title)
        for i, text in enumerate(pieces)
    ]
