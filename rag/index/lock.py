"""One writer at a time per RAG_HOME, and write failures said plainly.

An ingest holds an advisory lock (`fcntl.flock` on RAG_HOME/ingest.lock) from start to end; a
second ingest, in this process or another, stops at once with `IndexBusyError` naming the
writer. Readers never wait on it: while a write is under way they keep the index they loaded
(`being_written`), and load the new one when it is done. Write failures of the disk or the
folder (full, too large a file, read-only, no permission) become a `StoreError` that says what
happened and that what was committed is kept.
"""

from __future__ import annotations

import errno
import fcntl
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from rag.errors import IndexBusyError, StoreError

LOCK_FILE = "ingest.lock"
_WRITE_ERRNOS = {
    errno.ENOSPC: "the disk is full",
    errno.EDQUOT: "the disk quota is used up",
    errno.EFBIG: "a file grew past the size allowed",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "permission denied",
}
_WRITE_WORDS = {
    "disk is full": "the disk is full",
    "no space left": "the disk is full",
    "file too large": "a file grew past the size allowed",
    "readonly database": "the index is read-only",
    "read-only": "the index is read-only",
    "unable to open database": "the index cannot be opened for writing",
    "permission denied": "permission denied",
    "disk i/o error": "a write to the disk failed (full, or a file past the size allowed)",
}


@contextmanager
def writing(home: Path) -> Iterator[None]:
    """Hold RAG_HOME's write lock for the duration; IndexBusyError when another writer has it."""
    try:
        home.mkdir(parents=True, exist_ok=True)
        fd = os.open(home / LOCK_FILE, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise write_error(exc, home) or exc from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 32, 0).decode("ascii", "replace").strip() or "unknown"
            raise IndexBusyError(
                f"another ingest (process {holder}) is writing to {home}; wait for it to finish, or stop it, "
                "then run this one again"
            ) from None
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def being_written(home: Path) -> bool:
    """Whether an ingest holds RAG_HOME's write lock now."""
    path = home / LOCK_FILE
    if not path.exists():
        return False
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        return False
    except BlockingIOError:
        return True
    finally:
        os.close(fd)


def write_error(exc: BaseException, home: Path) -> StoreError | None:
    """The failure as a StoreError that says what happened and what to do, when it is the disk's
    or the folder's (full, read-only, not permitted); None for anything else."""
    reason = None
    if isinstance(exc, OSError) and exc.errno in _WRITE_ERRNOS:
        reason = _WRITE_ERRNOS[exc.errno]
    elif isinstance(exc, (OSError, sqlite3.Error)) or "chroma" in type(exc).__module__:
        text = str(exc).lower()
        reason = next((said for words, said in _WRITE_WORDS.items() if words in text), None)
    if reason is None:
        return None
    return StoreError(
        f"cannot write the index under {home}: {reason}. Free space or fix the folder's permissions (or set "
        "RAG_HOME to a writable folder), then run `rag ingest` again: what was committed is kept"
    )
