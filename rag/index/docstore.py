"""The paper records and chunk texts, in SQLite under RAG_HOME.

Chroma holds the vectors; this holds what a hit is shown and filtered by (the `Paper`), the
chunk texts BM25 is built from, and a version number that changes with every write, so a
derived index can tell whether it is stale. Each `put_papers` call is one transaction: an
ingest killed half-way keeps every batch it finished.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from rag.corpus.models import Chunk, Paper
from rag.errors import StoreError
from rag.index.lock import write_error

_SCHEMA = """
CREATE TABLE IF NOT EXISTS papers (id TEXT PRIMARY KEY, hash TEXT NOT NULL, chunks INTEGER NOT NULL,
                                   record TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS chunks (id TEXT PRIMARY KEY, paper_id TEXT NOT NULL, idx INTEGER NOT NULL,
                                   record TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS chunks_by_paper ON chunks (paper_id);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
"""


class DocStore:
    """Papers and their chunks by id; `version` counts writes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(str(path), check_same_thread=False)
            self._db.executescript(_SCHEMA)
            self._db.commit()
        except (OSError, sqlite3.Error) as exc:
            raise write_error(exc, path.parent) or StoreError(
                f"cannot open the paper records at {path}: {exc}"
            ) from None

    def hashes(self) -> dict[str, tuple[str, int]]:
        """paper id -> (content hash, number of chunks)"""
        with self._lock:
            return {pid: (h, n) for pid, h, n in self._db.execute("SELECT id, hash, chunks FROM papers")}

    def put_papers(self, items: Iterable[tuple[Paper, list[Chunk]]]) -> None:
        """Write papers with their chunks (replacing the old ones) in one transaction."""
        with self._lock, self._db:
            for paper, chunks in items:
                self._db.execute("DELETE FROM chunks WHERE paper_id = ?", (paper.id,))
                self._db.execute(
                    "INSERT OR REPLACE INTO papers VALUES (?, ?, ?, ?)",
                    (paper.id, paper.content_hash(), len(chunks), paper.model_dump_json()),
                )
                self._db.executemany(
                    "INSERT INTO chunks VALUES (?, ?, ?, ?)",
                    [(c.id, c.paper_id, c.index, c.model_dump_json()) for c in chunks],
                )
            self._bump()

    def delete_papers(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        with self._lock, self._db:
            self._db.executemany("DELETE FROM chunks WHERE paper_id = ?", [(i,) for i in ids])
            self._db.executemany("DELETE FROM papers WHERE id = ?", [(i,) for i in ids])
            self._bump()

    def papers(self) -> list[Paper]:
        with self._lock:
            rows = self._db.execute("SELECT record FROM papers ORDER BY rowid").fetchall()
        return [Paper.model_validate_json(r) for (r,) in rows]

    def iter_papers(self, batch: int = 2000) -> Iterator[Paper]:
        """Every record in insertion order, read in batches over a connection of its own (what
        `rag distil` samples from: a 100k-paper store is never in memory at once)."""
        reader = sqlite3.connect(str(self.path))
        try:
            rows = reader.execute("SELECT record FROM papers ORDER BY rowid")
            while block := rows.fetchmany(batch):
                yield from (Paper.model_validate_json(r) for (r,) in block)
        finally:
            reader.close()

    def paper(self, paper_id: str) -> Paper | None:
        with self._lock:
            row = self._db.execute("SELECT record FROM papers WHERE id = ?", (paper_id,)).fetchone()
        return Paper.model_validate_json(row[0]) if row else None

    def card_rows(self, batch: int = 5000) -> Iterator[tuple]:
        """Per paper, in insertion order: (id, title, authors, venue, year, kind, source files,
        presentation, chunk count), read from the JSON records without building them
        (rag.index.catalogue.Card)."""
        reader = sqlite3.connect(str(self.path))
        try:
            rows = reader.execute(
                "SELECT id, json_extract(record, '$.title'), json_extract(record, '$.authors'), "
                "json_extract(record, '$.venue'), json_extract(record, '$.year'), json_extract(record, '$.kind'), "
                "json_extract(record, '$.sources'), "
                "json_extract(record, '$.meta.presentation'), chunks FROM papers ORDER BY rowid"
            )
            while block := rows.fetchmany(batch):
                for pid, title, authors, venue, year, kind, sources, presentation, chunks in block:
                    yield (
                        pid,
                        title,
                        tuple(json.loads(authors or "[]")),
                        venue,
                        year,
                        kind,
                        tuple(source["file"] for source in json.loads(sources or "[]")),
                        presentation,
                        chunks,
                    )
        finally:
            reader.close()

    def chunk(self, chunk_id: str) -> Chunk | None:
        """One chunk by id (search shows the passages of its hits; the rest stay on disk)."""
        with self._lock:
            row = self._db.execute("SELECT record FROM chunks WHERE id = ?", (chunk_id,)).fetchone()
        return Chunk.model_validate_json(row[0]) if row else None

    def chunk_texts(self, batch: int = 2000) -> Iterator[tuple[str, str, str, str | None, str]]:
        """(chunk id, paper id, title, section, text) for every chunk, in index order, read in
        batches over a connection of its own: a 100k-paper store is never in memory at once."""
        reader = sqlite3.connect(str(self.path))
        try:
            rows = reader.execute(
                "SELECT id, paper_id, json_extract(record, '$.title'), json_extract(record, '$.section'), "
                "json_extract(record, '$.text') FROM chunks ORDER BY paper_id, idx"
            )
            while block := rows.fetchmany(batch):
                yield from block
        finally:
            reader.close()

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT COUNT(*) FROM papers").fetchone()[0]

    @property
    def version(self) -> int:
        with self._lock:
            row = self._db.execute("SELECT value FROM state WHERE key = 'version'").fetchone()
        return int(row[0]) if row else 0

    def _bump(self) -> None:
        self._db.execute(
            "INSERT INTO state VALUES ('version', '1') ON CONFLICT(key) "
            "DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )

    def close(self) -> None:
        self._db.close()
