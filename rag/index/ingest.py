"""Ingest: corpus records -> chunks -> vectors in Chroma, records in the doc store, BM25.

Incremental and idempotent: a paper whose content hash is unchanged is skipped; a chunk whose
embedded text is unchanged (its hash is in Chroma's metadata) is not embedded again; ids are
derived from titles, so re-ingesting creates no duplicates. Work is committed batch by batch
(vectors first, then records), so an ingest killed half-way loses only the batches in flight,
and the next run picks up where it stopped. BM25 is rebuilt whenever the doc store changed
since it was last built, including after an interrupted run.
"""

from __future__ import annotations

import hashlib
import logging
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from rag.corpus.loaders import count_documents, stream
from rag.corpus.models import Chunk, Paper, chunk_id
from rag.corpus.problems import LoadReport, Problem
from rag.embedding.base import Embedder
from rag.embedding.cache import EmbeddingCache
from rag.index.bm25 import LexicalIndex
from rag.index.chunking import chunk
from rag.index.docstore import DocStore
from rag.index.vectors import VectorStore

log = logging.getLogger(__name__)
_BATCH_CHUNKS = 128  # chunks embedded and committed together


@dataclass
class IngestReport:
    """What one ingest did. `embedded` counts chunks whose vectors were computed this run."""

    papers: int = 0  # distinct documents read
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    removed: int = 0
    embedded: int = 0
    cached: int = 0  # chunks whose vectors came from the embedding cache instead of the model
    duplicates: int = 0
    problems: list[Problem] = field(default_factory=list)
    seconds: float = 0.0


def chunk_hash(chunk_: Chunk, embedder: Embedder) -> str:
    """Identifies a vector: the same text through the same model gives the same vector."""
    return hashlib.sha1(f"{embedder.name}\n{chunk_.embedding_text()}".encode()).hexdigest()[:16]


def ingest(
    paths: Iterable[Path | str],
    *,
    docs: DocStore,
    vectors: VectorStore,
    embedder: Embedder,
    bm25_dir: Path,
    cache: EmbeddingCache | None = None,
    prune: bool = False,
    progress: bool | None = None,
    on_progress: Callable[[int, int], None] | None = None,
) -> IngestReport:
    """Bring the index up to date with the corpus files at `paths`. The corpus is streamed:
    memory holds a batch of papers, not the corpus."""
    started = time.perf_counter()
    paths = list(paths)
    loaded = LoadReport()
    counts = count_documents(paths)  # first pass: titles only, for duplicates and the progress total
    known = docs.hashes()  # paper id -> (content hash, chunk count)
    expected = sum(count for _, count in known.values())
    held = vectors.count() if known else 0
    resync = bool(known) and held != expected  # a new or rebuilt vector store: fill what it lacks
    if resync:
        log.info("vector store holds %d chunks, the records list %d: re-syncing", held, expected)
    report = IngestReport(papers=len(counts))
    seen: set[str] = set()

    def classified() -> Iterator[tuple[Paper, bool]]:
        """(paper, whether it must be written), counting added / updated / unchanged."""
        for paper in stream(paths, loaded, counts):
            seen.add(paper.id)
            old = known.get(paper.id)
            if old is None:
                report.added += 1
            elif old[0] != paper.content_hash():
                report.updated += 1
            else:
                report.unchanged += 1
                yield paper, resync
                continue
            yield paper, True

    report.embedded, report.cached = _write(
        classified(), len(counts), known, docs, vectors, embedder, cache, _show_progress(progress), on_progress
    )
    report.duplicates, report.problems = loaded.duplicates, loaded.problems
    if prune:
        gone = set(known) - seen
        if gone:
            stale = [cid for pid in gone for cid in _chunk_ids(pid, known[pid][1])]
            vectors.delete(stale)
            docs.delete_papers(gone)
            report.removed = len(gone)
    refresh_bm25(docs, bm25_dir)
    report.seconds = time.perf_counter() - started
    return report


def disagreements(docs: DocStore, vectors: VectorStore, bm25_dir: Path) -> list[str]:
    """What the doc store, the vector store and the saved BM25 index disagree on (chunk ids one
    holds and another lacks), as readable lines; empty when they agree."""
    recorded = {row[0] for row in docs.chunk_texts()}
    stored = vectors.ids()
    lexical = LexicalIndex.load(bm25_dir)
    indexed = set(lexical.chunk_ids) if lexical is not None else set()
    lines = []
    for name, ids in (("the vector store", stored), ("BM25", indexed)):
        if ids - recorded:
            lines.append(f"{name} holds {len(ids - recorded)} chunk(s) the doc store does not")
        if recorded - ids:
            lines.append(f"{name} lacks {len(recorded - ids)} chunk(s) the doc store holds")
    if lexical is not None and lexical.version != docs.version:
        lines.append("BM25 was built from an older version of the doc store")
    return lines


def refresh_bm25(docs: DocStore, bm25_dir: Path) -> LexicalIndex:
    """The BM25 index for the doc store's current version, rebuilt only if it is stale."""
    current = LexicalIndex.load(bm25_dir)
    if current is not None and current.version == docs.version:
        return current
    log.info("building BM25 over the doc store (version %s)", docs.version)
    built = LexicalIndex.build(docs.chunk_texts(), docs.version)
    built.save(bm25_dir)
    return built


def _write(
    papers: Iterable[tuple[Paper, bool]],
    total: int,
    known: dict[str, tuple[str, int]],
    docs: DocStore,
    vectors: VectorStore,
    embedder: Embedder,
    cache: EmbeddingCache | None,
    show: bool,
    on_progress: Callable[[int, int], None] | None = None,
) -> tuple[int, int]:
    """Embed and store the papers flagged for writing, in batches; every paper counts towards
    progress. One batch is embedded (in a thread, which waits on the model) while the one
    before it is stored, so storage hides behind the embedding. Returns (chunks embedded,
    chunks taken from the cache)."""
    bar = _bar(total, show)
    embedded = cached = done = reported = 0
    batch: list[tuple[Paper, list[Chunk]]] = []
    size = 0
    pending: _Batch | None = None

    def report(upto: int) -> None:
        nonlocal reported
        bar.update(upto - reported)
        reported = upto
        if on_progress:
            on_progress(upto, total)

    def finish() -> None:
        nonlocal embedded, cached, pending
        if pending is not None:
            computed, reused = pending.store(known, docs, vectors, cache)
            embedded, cached = embedded + computed, cached + reused
            report(pending.done)
            pending = None

    def cut(model: ThreadPoolExecutor) -> None:
        """Start embedding the batch read so far, then store the one before it."""
        nonlocal pending, batch, size
        planned = _Batch.plan(batch, done, vectors, embedder, cache, model)
        finish()
        pending, batch, size = planned, [], 0

    with ThreadPoolExecutor(1, thread_name_prefix="embed") as model:
        for paper, write in papers:
            done += 1
            if write:
                chunks = chunk(paper, embedder)
                batch.append((paper, chunks))
                size += len(chunks)
                if size >= _BATCH_CHUNKS:
                    cut(model)
            if not batch and pending is None:  # everything read so far is committed
                report(done)
        if batch:
            cut(model)
        finish()
    report(done)
    bar.close()
    return embedded, cached


@dataclass
class _Batch:
    """Papers on their way into the stores: what needs a vector, and the model's job computing
    the ones neither the store nor the cache has."""

    papers: list[tuple[Paper, list[Chunk]]]
    done: int  # papers read when this batch was cut, for progress
    chunks: list[Chunk]
    hashes: list[str]
    fresh: list[int]  # chunks whose stored vector is missing or stale
    known_vectors: dict[str, np.ndarray]
    missing: list[int]  # fresh chunks the model must embed
    job: Future | None

    @classmethod
    def plan(
        cls,
        papers: list[tuple[Paper, list[Chunk]]],
        done: int,
        vectors: VectorStore,
        embedder: Embedder,
        cache: EmbeddingCache | None,
        model: ThreadPoolExecutor,
    ) -> _Batch:
        chunks = [c for _, cs in papers for c in cs]
        hashes = [chunk_hash(c, embedder) for c in chunks]
        stored = vectors.embedded_hashes([c.id for c in chunks])
        fresh = [i for i, (c, h) in enumerate(zip(chunks, hashes)) if stored.get(c.id) != h]
        known_vectors = cache.get_many([hashes[i] for i in fresh]) if cache is not None and fresh else {}
        missing = [i for i in fresh if hashes[i] not in known_vectors]
        job = model.submit(embedder.embed, [chunks[i].embedding_text() for i in missing]) if missing else None
        return cls(papers, done, chunks, hashes, fresh, known_vectors, missing, job)

    def store(
        self, known: dict[str, tuple[str, int]], docs: DocStore, vectors: VectorStore, cache: EmbeddingCache | None
    ) -> tuple[int, int]:
        """Wait for the vectors, write them (vectors first, then records). Returns (embedded, cached)."""
        if self.job is not None:
            new = self.job.result()
            self.known_vectors.update(zip((self.hashes[i] for i in self.missing), new))
            if cache is not None:
                cache.put_many([self.hashes[i] for i in self.missing], new)
        if self.fresh:
            vecs = np.stack([self.known_vectors[self.hashes[i]] for i in self.fresh])
            vectors.upsert([self.chunks[i] for i in self.fresh], [self.hashes[i] for i in self.fresh], vecs)
        stale = [
            cid
            for paper, cs in self.papers
            if paper.id in known
            for cid in _chunk_ids(paper.id, known[paper.id][1])[len(cs) :]
        ]
        if stale:  # the paper now has fewer chunks than before
            vectors.delete(stale)
        docs.put_papers(self.papers)
        return len(self.missing), len(self.fresh) - len(self.missing)


def _chunk_ids(paper_id: str, count: int) -> list[str]:
    return [chunk_id(paper_id, i) for i in range(count)]


def _show_progress(progress: bool | None) -> bool:
    return sys.stderr.isatty() if progress is None else progress


def _bar(total: int, show: bool):
    from tqdm import tqdm

    return tqdm(total=total, desc="ingest", unit="paper", disable=not show or total == 0, file=sys.stderr)
