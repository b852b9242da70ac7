"""Embedding in worker processes, one single-threaded ONNX session each.

On two cores two single-threaded sessions embed ~15% (fp32) to ~30% (int8) more per second than
one session using both cores, because a small model's matrix products scale poorly across
threads. Workers are plain subprocesses (`python -m rag.embedding.worker ...`) speaking pickled
messages over their stdin and stdout, not `multiprocessing`: its spawn and forkserver modes
re-import the caller's main script in every worker, which runs a user's unguarded script again,
and fork is unsafe in a process that already runs threads (Chroma, ONNX Runtime, the UI).

A worker exits when its stdin closes, so workers never outlive the process that started them.
"""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np


class WorkerError(RuntimeError):
    """A worker died or failed; the caller embeds in-process instead."""


class WorkerPool:
    """`size` worker processes for one ONNX model variant."""

    def __init__(self, size: int, variant: str, model_path: str, cache: Path) -> None:
        self._args = [sys.executable, "-m", "rag.embedding.worker", variant, model_path, str(cache)]
        self._procs = [self._start() for _ in range(size)]
        self._lock = threading.Lock()

    def _start(self) -> subprocess.Popen:
        env = dict(os.environ, OMP_NUM_THREADS="1")
        return subprocess.Popen(self._args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, env=env)

    @property
    def size(self) -> int:
        return len(self._procs)

    def embed(self, shares: list[list[str]]) -> list[np.ndarray]:
        """One share of texts per worker (at most `size`), embedded concurrently."""
        assert len(shares) <= len(self._procs)
        with self._lock:
            try:
                for proc, share in zip(self._procs, shares):
                    assert proc.stdin is not None  # started with stdin=PIPE
                    pickle.dump(share, proc.stdin, protocol=pickle.HIGHEST_PROTOCOL)
                    proc.stdin.flush()
                results = [pickle.load(proc.stdout) for proc, _ in zip(self._procs, shares) if proc.stdout is not None]
            except (OSError, EOFError, pickle.UnpicklingError) as exc:
                raise WorkerError(f"an embedding worker stopped: {exc!r}") from exc
        for result in results:
            if isinstance(result, str):
                raise WorkerError(f"an embedding worker failed: {result}")
        return results

    def close(self) -> None:
        for proc in self._procs:
            try:
                if proc.stdin is not None:
                    proc.stdin.close()
            except OSError:
                pass
        for proc in self._procs:
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
        self._procs = []
