"""all-MiniLM-L6-v2 through sentence-transformers and torch: the reference embedder (`RAG_EMBEDDER=torch`)."""

from __future__ import annotations

import logging
import os
import threading
from functools import cached_property

import numpy as np

from rag.embedding.base import TokenVectors, count_wordpieces, model_label, packaged_model_path

log = logging.getLogger(__name__)


class MiniLMEmbedder:
    """all-MiniLM-L6-v2 (or a model of its shape, e.g. rag.embedding.distil's student) through
    sentence-transformers on the CPU; loaded on first use."""

    dim = 384
    max_tokens = 256

    def __init__(self, model_path: str | None = None, batch_size: int = 32) -> None:
        self.model_path = model_path or packaged_model_path()
        self.name = model_label(self.model_path)
        self.batch_size = batch_size
        self._lock = threading.Lock()

    @cached_property
    def _model(self):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        log.info("loading embedding model from %s", self.model_path)
        model = SentenceTransformer(self.model_path, device="cpu", local_files_only=True)
        model.max_seq_length = self.max_tokens
        return model

    def count_tokens(self, text: str) -> int:
        return count_wordpieces(self.model_path, text)

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:  # one forward pass at a time: torch on two cores gains nothing from more
            vectors = self._model.encode(
                texts,
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
        return np.asarray(vectors, dtype=np.float32)

    def token_vectors(self, texts: list[str]) -> list[TokenVectors]:
        """Each text's wordpieces in context: character spans and unit vectors (the last layer,
        before pooling), special tokens left out."""
        if not texts:
            return []
        with self._lock:
            model = self._model
            states = model.encode(
                texts, batch_size=self.batch_size, output_value="token_embeddings", show_progress_bar=False
            )
            out = []
            for text, state in zip(texts, states):
                encoded = model.tokenizer(
                    text,
                    truncation=True,
                    max_length=self.max_tokens,
                    return_offsets_mapping=True,
                    return_special_tokens_mask=True,
                )
                vectors = state.cpu().numpy().astype(np.float32)
                vectors /= np.linalg.norm(vectors, axis=1, keepdims=True) + 1e-12
                keep = [i for i, special in enumerate(encoded["special_tokens_mask"]) if not special]
                out.append(TokenVectors([tuple(encoded["offset_mapping"][i]) for i in keep], vectors[keep]))
        return out
