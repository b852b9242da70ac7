"""Semantic coverage: how much of a question's focus a passage expresses, in its own words or
others. Each word of the focus is matched to the passage's wordpiece closest in meaning (cosine
of the embedder's contextual token vectors: "label corruption" finds "noisy labels"), and the
matches are averaged with the lexical index's idf weights, so rare words count most and stop
words not at all. The refusal gate reads the question's first passage (`gate.semantic_passages`): lexical
coverage misses a question put wholly in other words, and a whole-text cosine misses one rare
word that no passage has (evals/calibration.md). The embedder reads a passage's first 256
wordpieces, so the end of a long passage goes unseen here (an abstract is ~150-300)."""

from __future__ import annotations

import re
from collections.abc import Callable

import numpy as np

from rag.embedding.base import TokenVectors
from rag.embedding.remembered import LastUsed

_WORD = re.compile(r"\w[\w'-]*")
_REMEMBERED = 512  # passages (and questions' foci) whose token vectors are kept: the top passages recur question
# after question


class SemanticCoverage:
    """`(focus, passages) -> the best passage's semantic coverage of the focus` (0..1)."""

    def __init__(
        self,
        token_vectors: Callable[[list[str]], list[TokenVectors]],
        tokens: Callable[[str], list[str]],
        idf: Callable[[str], float],
    ) -> None:
        self._token_vectors = token_vectors
        self._tokens = tokens  # the lexical index's tokens of a text (stop words out, stemmed)
        self._idf = idf
        self._passages: LastUsed[str, np.ndarray] = LastUsed(_REMEMBERED)
        self._foci: LastUsed[str, tuple[np.ndarray, np.ndarray]] = LastUsed(_REMEMBERED)  # a question asked again

    def __call__(self, focus: str, passages: list[str]) -> float:
        weights, vectors = self._focus(focus)
        total = float(weights.sum())
        if not total:
            return 0.0
        best = 0.0
        for matrix in self._passage_vectors([p for p in passages if p.strip()]):
            if len(matrix):
                best = max(best, float(weights @ (vectors @ matrix.T).max(axis=1)) / total)
        return best

    def _focus(self, focus: str) -> tuple[np.ndarray, np.ndarray]:
        """The focus's wordpiece weights and vectors, from memory when it was read lately."""
        return self._foci.values([focus], lambda foci: [self._read_focus(f) for f in foci])[0]

    def _read_focus(self, focus: str) -> tuple[np.ndarray, np.ndarray]:
        """The focus's wordpiece vectors and each one's weight: the idf of the word it is part of,
        shared among that word's pieces (a word counts once however it is cut)."""
        found = self._token_vectors([focus])
        if not found or not found[0].spans:
            return np.zeros(0), np.zeros((0, 1))
        spans, vectors = found[0]
        weights = np.zeros(len(spans))
        for word in _WORD.finditer(focus):
            pieces = [i for i, (a, b) in enumerate(spans) if a >= word.start() and b <= word.end() and b > a]
            weight = sum(self._idf(t) for t in self._tokens(word.group()))
            for i in pieces:
                weights[i] = weight / len(pieces)
        return weights, vectors

    def _passage_vectors(self, passages: list[str]) -> list[np.ndarray]:
        """Each passage's token vectors, from memory when it was read lately."""
        return self._passages.values(passages, lambda missing: [t.vectors for t in self._token_vectors(missing)])
