"""Fitting a small decision to labelled questions, and judging it out of fold: a logistic model
(numpy, Newton's method with an L2 penalty) and repeated k-fold cross-validation that picks each
fold's threshold on that fold's training part only. Fitting is done by bench/calibrate.py and
bench/fit_intent.py, never at run time; a fitted `Logistic` is what rag.questions.learned ships."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Logistic:
    """A fitted logistic model over standardised features."""

    mean: np.ndarray
    scale: np.ndarray
    weights: np.ndarray
    bias: float

    def probability(self, x: np.ndarray) -> np.ndarray:
        z = self.bias + ((x - self.mean) / self.scale) @ self.weights
        return 1.0 / (1.0 + np.exp(-z))


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float = 1.0, steps: int = 60) -> Logistic:
    """Maximum-likelihood logistic weights with an L2 penalty on all but the intercept."""
    mean, scale = x.mean(axis=0), x.std(axis=0) + 1e-9
    z = np.c_[np.ones(len(x)), (x - mean) / scale]
    w = np.zeros(z.shape[1])
    penalty = l2 * np.diag(np.r_[0.0, np.ones(z.shape[1] - 1)])
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-z @ w))
        hessian = z.T @ (z * (p * (1 - p))[:, None]) + penalty
        w -= np.linalg.solve(hessian, z.T @ (p - y) + penalty @ w)
    return Logistic(mean, scale, w[1:], float(w[0]))


def threshold_for(scores: np.ndarray, y: np.ndarray, max_false_refusal: float) -> float:
    """The highest threshold (answer when score >= it) that refuses at most `max_false_refusal`
    of the positives (the answerable questions): the most refusals such a rate allows."""
    best = 0.0
    for t in np.unique(scores):
        if (scores[y == 1] < t).mean() <= max_false_refusal:
            best = max(best, float(t))
    return best


@dataclass(frozen=True)
class OutOfFold:
    false_refusal: float  # answerable questions refused, out of fold, mean over repeats
    refusal: float  # unanswerable questions refused
    scores: np.ndarray  # each question's out-of-fold score in the first repeat
    # the threshold that refuses at most the allowed share of answerable questions scored out of
    # fold (median over the repeats): what a model fitted on all of the data should use, as its
    # scores on its own training data are more confident than on questions it has not seen
    threshold: float


def cross_validate(
    fit: Callable[[np.ndarray, np.ndarray], Callable[[np.ndarray], np.ndarray]],
    x: np.ndarray,
    y: np.ndarray,
    max_false_refusal: float,
    folds: int = 5,
    repeats: int = 20,
    inner: int = 0,
) -> OutOfFold:
    """`fit(x_train, y_train)` returns a scorer; each fold's threshold is chosen on its training
    part, and the decisions on the held-out part are what is reported. The threshold is the one
    that meets the budget on the training part's own scores (`threshold_for`), or, with `inner`
    repeats, the rule the gate ships with: the out-of-fold threshold of a cross-validation
    inside the training part (nested). `.threshold` is that out-of-fold threshold over all of
    `x` (median over the repeats), for a model fitted on all of it."""
    false_refusals, refusals, first, thresholds = [], [], np.zeros(len(y)), []
    for repeat in range(repeats):
        order = np.random.default_rng(repeat).permutation(len(y))
        decided = np.zeros(len(y), dtype=bool)
        held_scores = np.zeros(len(y))
        for part in np.array_split(order, folds):
            train = np.setdiff1d(order, part)
            score = fit(x[train], y[train])
            if inner:
                t = cross_validate(fit, x[train], y[train], max_false_refusal, folds, inner).threshold
            else:
                t = threshold_for(score(x[train]), y[train], max_false_refusal)
            held = score(x[part])
            decided[part] = held >= t
            held_scores[part] = held
        if repeat == 0:
            first = held_scores.copy()
        false_refusals.append(float((~decided[y == 1]).mean()))
        refusals.append(float((~decided[y == 0]).mean()))
        thresholds.append(threshold_for(held_scores, y, max_false_refusal))
    return OutOfFold(float(np.mean(false_refusals)), float(np.mean(refusals)), first, float(np.median(thresholds)))
