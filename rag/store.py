"""Chunk vectors in Chroma: embedded on disk under RAG_HOME, or a Chroma server by URL.

The same `VectorStore` runs against both. Vectors are always computed by the project and
passed in: the collection has no embedding function, so Chroma never tries to fetch its own
model. Each chunk's metadata carries its paper id and a hash of the text that was embedded,
so an unchanged chunk is never embedded twice.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from rag.corpus.models import Chunk, paper_of

log = logging.getLogger(__name__)


class StoreError(Exception):
    """The vector store cannot be reached or opened."""


@dataclass(frozen=True)
class ChunkMatch:
    chunk_id: str
    paper_id: str
    similarity: float  # cosine similarity, 1.0 = same direction


def connect(home: Path, url: str | None):
    """A Chroma client: a server when `url` is given, else a persistent store under `home`."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    options = ChromaSettings(anonymized_telemetry=False)
    if not url:
        (home / "chroma").mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(home / "chroma"), settings=options)
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise StoreError(f"RAG_CHROMA_URL={url!r} is not a URL like http://127.0.0.1:8000")
    try:
        return chromadb.HttpClient(host=parsed.hostname, port=parsed.port or (443 if parsed.scheme == "https" else 80),
                                   ssl=parsed.scheme == "https", settings=options)
    except Exception as exc:  # the client checks the server on construction
        raise StoreError(f"cannot reach the Chroma server at {url}: {exc}. Is `chroma run` up?") from None


class VectorStore:
    """One Chroma collection of chunk vectors for one embedding model."""

    def __init__(self, client, name: str, embedder_name: str, dim: int) -> None:
        self.name = name
        self._collection = client.get_or_create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}},
            metadata={"embedder": embedder_name, "dim": dim})
        found = (self._collection.metadata or {}).get("embedder")
        if found and found != embedder_name:
            raise StoreError(f"collection {name!r} holds {found} vectors, not {embedder_name}; "
                             f"use another RAG_COLLECTION or delete the index")

    def count(self) -> int:
        return self._collection.count()

    def embedded_hashes(self, ids: list[str]) -> dict[str, str]:
        """chunk id -> hash of the text its stored vector was computed from (absent: not stored)"""
        found: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            got = self._collection.get(ids=ids[start:start + 500], include=["metadatas"])
            found.update({i: (m or {}).get("hash", "") for i, m in zip(got["ids"], got["metadatas"])})
        return found

    def upsert(self, chunks: list[Chunk], hashes: list[str], vectors: np.ndarray) -> None:
        if not chunks:
            return
        self._collection.upsert(
            ids=[c.id for c in chunks], embeddings=vectors,
            metadatas=[{"paper_id": c.paper_id, "index": c.index, "hash": h} for c, h in zip(chunks, hashes)])

    def delete(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 500):
            self._collection.delete(ids=ids[start:start + 500])

    def vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """chunk id -> its stored vector, for the ids that are stored."""
        if not ids:
            return {}
        got = self._collection.get(ids=ids, include=["embeddings"])
        return {cid: np.asarray(vec, dtype=np.float32) for cid, vec in zip(got["ids"], got["embeddings"])}

    def query(self, vector: np.ndarray, n: int, paper_ids: set[str] | None = None) -> list[ChunkMatch]:
        """The `n` nearest chunks, optionally only those of `paper_ids`."""
        if n <= 0 or (paper_ids is not None and not paper_ids):
            return []
        # No count() first: it costs ~23 ms at 145k chunks, and Chroma already answers an empty
        # collection with nothing and caps n_results at what it holds.
        where = {"paper_id": {"$in": sorted(paper_ids)}} if paper_ids is not None else None
        # Metadata is not fetched: reading it costs Chroma ~85% of a query, and a chunk id
        # already names its paper.
        got = self._collection.query(query_embeddings=[vector.tolist()], n_results=n, where=where,
                                     include=["distances"])
        return [ChunkMatch(cid, paper_of(cid), 1.0 - float(dist))
                for cid, dist in zip(got["ids"][0], got["distances"][0])]
