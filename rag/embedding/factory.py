"""The embedder settings name: torch, ONNX fp32 or ONNX int8."""

from __future__ import annotations

import os

from rag.embedding.base import Embedder


def make_embedder(kind: str, model_path: str | None, cache, workers: int = 0, threads: int = 0) -> Embedder:
    """The embedder named by settings: "torch", "onnx" or "onnx-int8"; ONNX ones embed bulk
    batches in `workers` processes (0: one per core), and in-process with `threads` (0: one per core)."""
    if kind == "torch":
        from rag.embedding.minilm import MiniLMEmbedder  # torch is heavy: only when asked for

        return MiniLMEmbedder(model_path)
    from rag.embedding.onnx import OnnxEmbedder, variant_of

    cores = os.cpu_count() or 1
    return OnnxEmbedder(variant_of(kind), model_path, cache, workers=workers or cores, threads=threads or cores)
