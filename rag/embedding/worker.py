"""One embedding worker process (`python -m rag.embedding.worker VARIANT MODEL CACHE`): reads
pickled lists of texts on stdin, writes their vectors (or an error string) on stdout, until
stdin closes. Started by `rag.embedding.workers.WorkerPool`."""

from __future__ import annotations

import os
import pickle
import sys
from pathlib import Path

import numpy as np

from rag.embedding.onnx import OnnxEmbedder, variant_of


def serve(variant: str, model_path: str, cache: str) -> None:
    """Worker loop: read a list of texts, write their vectors (or an error string), until EOF."""
    out = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # anything a library prints goes to stderr, not into the message stream
    sys.stdout = sys.stderr
    embedder = OnnxEmbedder(variant_of(variant), model_path, Path(cache), workers=1, threads=1)
    inp = sys.stdin.buffer
    while True:
        try:
            texts = pickle.load(inp)
        except EOFError:
            return
        try:
            result: np.ndarray | str = embedder.embed(texts)
        except Exception as exc:  # reported to the parent, which falls back to in-process
            result = f"{type(exc).__name__}: {exc}"
        pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
        out.flush()


if __name__ == "__main__":
    serve(*sys.argv[1:4])
