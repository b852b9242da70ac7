"""Chunk vectors in Chroma: embedded on disk under RAG_HOME, or a Chroma server by URL.

The same `VectorStore` runs against both. Vectors are always computed by the project and
passed in: the collection has no embedding function, so Chroma never tries to fetch its own
model. Each chunk's metadata carries its paper id and a hash of the text that was embedded,
so an unchanged chunk is never embedded twice.
"""

from __future__ import annotations

import functools
import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

import numpy as np

from rag.corpus.models import Chunk, paper_of
from rag.errors import StoreError

log = logging.getLogger(__name__)
_EXACT_CHUNKS = 4000  # a scope this small is searched exactly (reading 4k vectors by id takes ~0.4 s at 145k)
_FETCH_CAP = 40_000  # neighbours asked of Chroma at most, for a wide scope


@dataclass(frozen=True)
class ChunkMatch:
    chunk_id: str
    paper_id: str
    similarity: float  # cosine similarity, 1.0 = same direction


@dataclass(frozen=True)
class Scope:
    """What a filtered search may return: the papers, how many chunks they have and what share of
    the whole index that is (which says how many neighbours to ask for to find enough in scope),
    and a way to list those chunks' ids, used only for a scope narrow enough to search exactly
    (a wide one would build ~100k ids per query for nothing)."""

    papers: set[str]
    size: int
    share: float
    chunk_ids: Callable[[], list[str]]


def connect(home: Path, url: str | None):
    """A Chroma client: a server when `url` is given, else a persistent store under `home`."""
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    options = ChromaSettings(anonymized_telemetry=False)
    if not url:
        try:
            (home / "chroma").mkdir(parents=True, exist_ok=True)
            return chromadb.PersistentClient(path=str(home / "chroma"), settings=options)
        except Exception as exc:
            from rag.index.lock import write_error

            raise write_error(exc, home) or StoreError(f"cannot open the vector store under {home}: {exc}") from None
    parsed = urlparse(url)
    if parsed.scheme not in ("http", "https") or not parsed.hostname:
        raise StoreError(f"RAG_CHROMA_URL={url!r} is not a URL like http://127.0.0.1:8000")
    try:
        return chromadb.HttpClient(
            host=parsed.hostname,
            port=parsed.port or (443 if parsed.scheme == "https" else 80),
            ssl=parsed.scheme == "https",
            settings=options,
        )
    except Exception as exc:  # the client checks the server on construction
        raise StoreError(f"cannot reach the Chroma server at {url}: {exc}. Is `chroma run` up?") from None


def _server_errors(method: Callable) -> Callable:
    """A Chroma server that stops answering mid-way is a StoreError naming it, never a raw
    client exception, and never a silent switch to the embedded store."""

    @functools.wraps(method)
    def wrapped(self: VectorStore, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except StoreError:
            raise
        except Exception as exc:
            if self.url is None:
                raise
            raise StoreError(
                f"the Chroma server at {self.url} stopped answering ({type(exc).__name__}); start it again "
                "(`chroma run ...`) and retry: an ingest picks up where it stopped"
            ) from None

    return wrapped


class VectorStore:
    """One Chroma collection of chunk vectors for one embedding model.

    Chroma's HNSW search is approximate, and at its default breadth (ef_search 100) it missed
    true neighbours: on the seed corpus (517 chunks) the 15th nearest chunk was absent from the
    top 30 in 1 to 3 processes in 10, so the same question could be answered differently from one
    run to the next; at 145k chunks a fifth of the 180 nearest were missed (bench/RESULTS.md).
    `ef_search` (settings.search.ef_search) is set on the collection, new or existing, before
    it is searched: near the collection's size the search is exact.
    """

    def __init__(
        self, client, name: str, embedder_name: str, dim: int, ef_search: int = 500, url: str | None = None
    ) -> None:
        self.name = name
        self.url = url  # the Chroma server, when the store is one
        self._collection = client.get_or_create_collection(
            name,
            embedding_function=None,
            configuration={"hnsw": {"space": "cosine", "ef_search": ef_search}},
            metadata={"embedder": embedder_name, "dim": dim},
        )
        found = (self._collection.metadata or {}).get("embedder")
        if found and found != embedder_name:
            raise StoreError(
                f"collection {name!r} holds {found} vectors, not {embedder_name} (another model, or the "
                f"same folder retrained by `rag distil`); use another RAG_COLLECTION or RAG_HOME, or "
                f"delete the index and ingest again"
            )
        if self.ef_search != ef_search:  # made before ef_search was set, or with another value
            self._collection.modify(configuration={"hnsw": {"ef_search": ef_search}})
            self._collection = client.get_collection(name, embedding_function=None)

    @property
    def ef_search(self) -> int | None:
        return ((self._collection.configuration_json or {}).get("hnsw") or {}).get("ef_search")

    @_server_errors
    def count(self) -> int:
        return self._collection.count()

    @_server_errors
    def ids(self, page: int = 5000) -> set[str]:
        """Every stored chunk id (a consistency check reads them; search never does)."""
        found: set[str] = set()
        offset = 0
        while True:
            got = self._collection.get(include=[], limit=page, offset=offset)
            found.update(got["ids"])
            if len(got["ids"]) < page:
                return found
            offset += page

    @_server_errors
    def embedded_hashes(self, ids: list[str]) -> dict[str, str]:
        """chunk id -> hash of the text its stored vector was computed from (absent: not stored)"""
        found: dict[str, str] = {}
        for start in range(0, len(ids), 500):
            got = self._collection.get(ids=ids[start : start + 500], include=["metadatas"])
            found.update({i: (m or {}).get("hash", "") for i, m in zip(got["ids"], got["metadatas"])})
        return found

    @_server_errors
    def upsert(self, chunks: list[Chunk], hashes: list[str], vectors: np.ndarray) -> None:
        if not chunks:
            return
        self._collection.upsert(
            ids=[c.id for c in chunks],
            embeddings=vectors,
            metadatas=[{"paper_id": c.paper_id, "index": c.index, "hash": h} for c, h in zip(chunks, hashes)],
        )

    @_server_errors
    def delete(self, ids: list[str]) -> None:
        for start in range(0, len(ids), 500):
            self._collection.delete(ids=ids[start : start + 500])

    @_server_errors
    def vectors(self, ids: list[str]) -> dict[str, np.ndarray]:
        """chunk id -> its stored vector, for the ids that are stored."""
        if not ids:
            return {}
        got = self._collection.get(ids=ids, include=["embeddings"])
        return {cid: np.asarray(vec, dtype=np.float32) for cid, vec in zip(got["ids"], got["embeddings"])}

    @_server_errors
    def query(self, vector: np.ndarray, n: int, scope: Scope | None = None) -> list[ChunkMatch]:
        """The `n` nearest chunks, optionally only those in `scope`.

        A narrow scope (a few thousand chunks) is searched exactly over its own vectors; a wide one
        by asking Chroma for more neighbours than needed and keeping those in scope, asking again
        for twice as many while too few are. Chroma's own `$in` filter is not used: it took ~0.4 s
        for 50 papers at 145k chunks and fails outright with a wide filter ("too many SQL variables").
        """
        if n <= 0 or (scope is not None and not scope.size):
            return []
        if scope is None:
            return self._nearest(vector, n)
        if scope.size <= _EXACT_CHUNKS:
            found = self.vectors(scope.chunk_ids())
            if not found:
                return []
            ids = list(found)
            similarity = np.stack([found[i] for i in ids]) @ vector.astype(np.float32)
            best = np.argsort(-similarity, kind="stable")[:n]
            return [ChunkMatch(ids[i], paper_of(ids[i]), float(similarity[i])) for i in best]
        fetch = min(_FETCH_CAP, math.ceil(1.5 * n / max(scope.share, 1e-6)))
        while True:
            got = self._nearest(vector, fetch)
            kept = [m for m in got if m.paper_id in scope.papers]
            if len(kept) >= n or len(got) < fetch or fetch >= _FETCH_CAP:
                return kept[:n]
            fetch = min(_FETCH_CAP, fetch * 2)

    def _nearest(self, vector: np.ndarray, n: int) -> list[ChunkMatch]:
        # No count() first: it costs ~23 ms at 145k chunks, and Chroma already answers an empty
        # collection with nothing and caps n_results at what it holds.
        # Metadata is not fetched: reading it costs Chroma ~85% of a query, and a chunk id
        # already names its paper.
        got = self._collection.query(query_embeddings=[vector.tolist()], n_results=n, include=["distances"])
        return [
            ChunkMatch(cid, paper_of(cid), 1.0 - float(dist)) for cid, dist in zip(got["ids"][0], got["distances"][0])
        ]
