"""Vectors kept in memory for the texts an answer embeds again and again: a question's query (each
search it makes, and the question asked again), the abstracts the verifier weighs a draft against
(the same papers answer many questions), the claims it checks. An `Embedder` in front of another;
ingest uses the embedder itself (its texts are embedded once and stored on disk)."""

from __future__ import annotations

import threading
from collections import OrderedDict

import numpy as np

from rag.embedding.base import Embedder


class RememberedVectors:
    """`embedder`, with the vectors of the last `size` texts it embedded kept (0 keeps none)."""

    def __init__(self, embedder: Embedder, size: int) -> None:
        self.embedder, self.size = embedder, size
        self.name, self.dim, self.max_tokens = embedder.name, embedder.dim, embedder.max_tokens
        self._kept: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()
        token_vectors = getattr(embedder, "token_vectors", None)
        if token_vectors is not None:
            self.token_vectors = token_vectors  # the semantic gate reads these (not kept here)

    def count_tokens(self, text: str) -> int:
        return self.embedder.count_tokens(text)

    def embed(self, texts: list[str]) -> np.ndarray:
        with self._lock:
            known = {t: self._kept[t] for t in texts if t in self._kept}
            for text in known:
                self._kept.move_to_end(text)
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        if missing:
            known.update(zip(missing, self.embedder.embed(missing)))
            if self.size:
                with self._lock:
                    for text in missing:
                        self._kept[text] = known[text]
                    while len(self._kept) > self.size:
                        self._kept.popitem(last=False)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([known[t] for t in texts]).astype(np.float32, copy=False)
