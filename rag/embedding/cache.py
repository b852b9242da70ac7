"""Vectors by content hash, in SQLite under RAG_HOME: the hash names the embedder and the exact
text, so a vector computed once is never computed again, even when the vector store is rebuilt
(deleted, or moved to a Chroma server). Holds float32 rows; does not evict."""

from __future__ import annotations

import sqlite3
import threading
from pathlib import Path

import numpy as np


class EmbeddingCache:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.Lock()
        self._db = sqlite3.connect(str(path), check_same_thread=False)
        self._db.execute("CREATE TABLE IF NOT EXISTS vectors (hash TEXT PRIMARY KEY, vector BLOB NOT NULL)")
        self._db.commit()

    def get_many(self, hashes: list[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        with self._lock:
            for start in range(0, len(hashes), 500):
                part = hashes[start : start + 500]
                rows = self._db.execute(
                    f"SELECT hash, vector FROM vectors WHERE hash IN ({','.join('?' * len(part))})", part
                ).fetchall()
                found.update({h: np.frombuffer(blob, dtype=np.float32) for h, blob in rows})
        return found

    def put_many(self, hashes: list[str], vectors: np.ndarray) -> None:
        with self._lock, self._db:
            self._db.executemany(
                "INSERT OR REPLACE INTO vectors VALUES (?, ?)",
                [(h, np.asarray(v, dtype=np.float32).tobytes()) for h, v in zip(hashes, vectors)],
            )

    def __len__(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]
