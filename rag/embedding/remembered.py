"""Vectors kept in memory for the texts an answer embeds again and again: a question's query (each
search it makes, and the question asked again), the abstracts the verifier weighs a draft against
(the same papers answer many questions), the claims it checks. An `Embedder` in front of another;
ingest uses the embedder itself (its texts are embedded once and stored on disk)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

import numpy as np

from rag.embedding.base import Embedder

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")


class LastUsed(Generic[K, V]):
    """The values of the last `size` keys used (0 keeps none), safe across threads: `values(keys, make)`
    gives each key's value, calling `make` once, in one batch, for those not kept."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._kept: OrderedDict[K, V] = OrderedDict()
        self._lock = threading.Lock()

    def values(self, keys: list[K], make: Callable[[list[K]], list[V]]) -> list[V]:
        with self._lock:
            known = {k: self._kept[k] for k in keys if k in self._kept}
            for key in known:
                self._kept.move_to_end(key)
        missing = [k for k in dict.fromkeys(keys) if k not in known]
        if missing:
            known.update(zip(missing, make(missing)))
            if self.size:
                with self._lock:
                    for key in missing:
                        self._kept[key] = known[key]
                    while len(self._kept) > self.size:
                        self._kept.popitem(last=False)
        return [known[k] for k in keys]


class RememberedVectors:
    """`embedder`, with the vectors of the last `size` texts it embedded kept (0 keeps none)."""

    def __init__(self, embedder: Embedder, size: int) -> None:
        self.embedder = embedder
        self.name, self.dim, self.max_tokens = embedder.name, embedder.dim, embedder.max_tokens
        self._kept: LastUsed[str, np.ndarray] = LastUsed(size)
        token_vectors = getattr(embedder, "token_vectors", None)
        if token_vectors is not None:
            self.token_vectors = token_vectors  # the semantic gate reads these (not kept here)

    def count_tokens(self, text: str) -> int:
        return self.embedder.count_tokens(text)

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        rows = self._kept.values(texts, lambda missing: list(self.embedder.embed(missing)))
        return np.stack(rows).astype(np.float32, copy=False)
