"""The same all-MiniLM-L6-v2 through ONNX Runtime. fp32 gives the torch model's vectors (cosine
1.0) about 25% faster for documents and 4x faster for a query, without importing torch; int8
(linear layers quantized per channel) is faster still, at cosine ~0.99 to fp32 and a small
loss of retrieval quality on the eval set (bench/RESULTS.md). The default per-tensor int8
damages MiniLM and is not offered.

The ONNX file is produced locally from the packaged model by `convert` (torch exports the
transformer with mean pooling and normalisation inside, onnxruntime quantizes it), written
atomically under the model cache and reused; nothing is downloaded. Conversion needs torch,
inference does not.

Bulk embedding (an ingest batch) is spread over worker processes (rag.embedding.workers); a query
stays in-process, where two threads make it fastest. A worker that dies is reported and the
batch is embedded in-process instead.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
import weakref
from functools import cached_property
from pathlib import Path
from typing import Literal

import numpy as np

from rag.embedding.base import TokenVectors, count_wordpieces, model_label, packaged_model_path, window_tokenizer
from rag.embedding.workers import WorkerError, WorkerPool

log = logging.getLogger(__name__)
Variant = Literal["onnx", "onnx-int8"]
_EXPORT_VERSION = "2"  # bump when the export or quantization recipe changes (2: the token vectors as a second output)
_POOL_MIN_TEXTS = 16  # fewer texts than this are embedded in-process: starting workers costs more


def variant_of(kind: str) -> Variant:
    """The ONNX variant a setting names, or a ValueError naming the choices."""
    if kind not in ("onnx", "onnx-int8"):
        raise ValueError(f"unknown ONNX embedder {kind!r}: use onnx or onnx-int8")
    return "onnx" if kind == "onnx" else "onnx-int8"


def model_file(model_path: str, cache: Path, variant: Variant) -> Path:
    """Where the converted model for this source model and variant lives."""
    weights = Path(model_path) / "model.safetensors"
    label = model_label(model_path)
    key = f"{weights.stat().st_size if weights.exists() else 0}-{variant}-{_EXPORT_VERSION}"
    return cache / f"{label}-{variant}-{hashlib.sha1(key.encode()).hexdigest()[:10]}.onnx"


def convert(model_path: str, target: Path, variant: Variant) -> Path:
    """Export the packaged model to ONNX (and quantize to int8 per channel) at `target`."""
    try:
        import torch
        from transformers import AutoModel
    except ImportError:
        raise RuntimeError(
            "converting the model to ONNX needs torch and transformers: `pip install torch==2.13.0 transformers`"
        ) from None
    target.parent.mkdir(parents=True, exist_ok=True)
    log.info("converting %s to %s (one time)", model_path, target.name)
    model = AutoModel.from_pretrained(model_path, local_files_only=True).eval()

    class Pooled(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, input_ids, attention_mask, token_type_ids):
            hidden = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            ).last_hidden_state
            mask = attention_mask.unsqueeze(-1).to(hidden.dtype)
            mean = (hidden * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
            return torch.nn.functional.normalize(mean, dim=-1), torch.nn.functional.normalize(hidden, dim=-1)

    sample = torch.ones(2, 16, dtype=torch.long)
    axes = {"b": 0, "s": 1}
    fp32 = target.with_suffix(f".{os.getpid()}.fp32.tmp")
    with torch.no_grad():
        torch.onnx.export(
            Pooled(model),
            (sample, sample, torch.zeros_like(sample)),
            str(fp32),
            input_names=["input_ids", "attention_mask", "token_type_ids"],
            output_names=["embedding", "tokens"],
            dynamic_axes={
                name: {axes["b"]: "batch", axes["s"]: "seq"}
                for name in ("input_ids", "attention_mask", "token_type_ids", "tokens")
            }
            | {"embedding": {0: "batch"}},
            opset_version=17,
            dynamo=False,
        )
    final = target.with_suffix(f".{os.getpid()}.tmp")
    if variant == "onnx-int8":
        from onnxruntime.quantization import QuantType, quantize_dynamic

        quantize_dynamic(str(fp32), str(final), weight_type=QuantType.QInt8, per_channel=True)
        fp32.unlink()
    else:
        fp32.rename(final)
    final.rename(target)  # readers see a whole model or none
    return target


class OnnxEmbedder:
    """all-MiniLM-L6-v2 on ONNX Runtime, fp32 or int8; same window and tokenizer as the torch one."""

    dim = 384
    max_tokens = 256

    def __init__(
        self,
        variant: Variant = "onnx-int8",
        model_path: str | None = None,
        cache: Path | None = None,
        workers: int = 1,
        threads: int | None = None,
    ) -> None:
        self.variant = variant
        self.model_path = model_path or packaged_model_path()
        self.name = f"{model_label(self.model_path)}-{variant}"
        self.cache = cache or Path.home() / ".cache" / "rag-assistant"
        self.workers = max(1, workers)
        self.threads = threads or os.cpu_count() or 1
        self._lock = threading.Lock()
        self._pool: WorkerPool | None = None

    def prepare(self) -> Path:
        """The converted model's path, converting it first if it is not there yet."""
        path = model_file(self.model_path, self.cache, self.variant)
        return path if path.exists() else convert(self.model_path, path, self.variant)

    @cached_property
    def _tokenizer(self):
        return window_tokenizer(self.model_path, self.max_tokens)

    @cached_property
    def _session(self):
        import onnxruntime as ort

        options = ort.SessionOptions()
        options.intra_op_num_threads = self.threads
        options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
        return ort.InferenceSession(str(self.prepare()), options, providers=["CPUExecutionProvider"])

    def count_tokens(self, text: str) -> int:
        return count_wordpieces(self.model_path, text)

    def embed(self, texts: list[str]) -> np.ndarray:
        if self.workers > 1 and len(texts) >= _POOL_MIN_TEXTS:
            try:
                return self._embed_in_workers(texts)
            except WorkerError as exc:
                log.warning("%s; embedding this batch in-process", exc)
                self.close()
        return self._embed_here(texts)

    def close(self) -> None:
        """Stop the worker processes (they are started again when needed)."""
        pool, self._pool = self._pool, None
        if pool is not None:
            pool.close()

    def _embed_in_workers(self, texts: list[str]) -> np.ndarray:
        """Deal texts longest first round-robin into one share per worker, so shares take about
        equally long, and put the vectors back in input order."""
        if self._pool is None:
            self.prepare()  # convert once here, not in every worker
            self._pool = WorkerPool(self.workers, self.variant, self.model_path, self.cache)
            weakref.finalize(self, self._pool.close)
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        shares = [share for share in (order[w :: self.workers] for w in range(self.workers)) if share]
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for share, vectors in zip(shares, self._pool.embed([[texts[i] for i in share] for share in shares])):
            out[share] = vectors
        return out

    def _embed_here(self, texts: list[str]) -> np.ndarray:
        """One text per forward pass: on two cores that is as fast as any batching we measured,
        needs no padding, and makes each vector independent of the texts beside it (int8's
        activation scales are computed over the whole input, so batching would change them)."""
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        encodings = self._tokenizer.encode_batch(texts) if texts else []
        with self._lock:
            for row, encoding in enumerate(encodings):
                ids = np.array([encoding.ids], dtype=np.int64)
                out[row] = self._session.run(
                    ["embedding"],
                    {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)},
                )[0][0]
        return out

    def token_vectors(self, texts: list[str]) -> list[TokenVectors]:
        """Each text's wordpieces in context: their character spans and unit vectors (the
        transformer's last layer, before pooling), special tokens left out."""
        out = []
        encodings = self._tokenizer.encode_batch(texts) if texts else []
        with self._lock:
            for encoding in encodings:
                ids = np.array([encoding.ids], dtype=np.int64)
                vectors = self._session.run(
                    ["tokens"],
                    {"input_ids": ids, "attention_mask": np.ones_like(ids), "token_type_ids": np.zeros_like(ids)},
                )[0][0]
                keep = [i for i, special in enumerate(encoding.special_tokens_mask) if not special]
                out.append(TokenVectors([encoding.offsets[i] for i in keep], vectors[keep]))
        return out
