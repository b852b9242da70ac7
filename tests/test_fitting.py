"""The small fits bench/calibrate.py makes: a logistic model, thresholds for a false-refusal
budget, and the out-of-fold threshold that the gate's defaults use."""

from __future__ import annotations

import numpy as np
import pytest

from rag.evaluation.fitting import cross_validate, fit_logistic, threshold_for


def _data(n: int = 200, gap: float = 3.0, seed: int = 0):
    rng = np.random.default_rng(seed)
    y = (np.arange(n) % 2).astype(float)
    signal = rng.normal(size=n) + gap * (y - 0.5)
    noise = rng.normal(size=(n, 6))  # features that say nothing: what a fit overfits on
    return np.c_[signal, noise], y


def test_threshold_for_refuses_at_most_the_budget_and_no_less_than_it_must():
    scores = np.array([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95])
    y = np.array([0, 0, 0, 1, 1, 1, 1, 1, 1, 1])
    assert threshold_for(scores, y, 0.0) == 0.4  # every answerable kept, all three others refused
    assert threshold_for(scores, y, 1 / 7) == 0.5  # one answerable may go: the next one up


def test_the_logistic_fit_learns_the_signal_and_ignores_noise():
    x, y = _data()
    model = fit_logistic(x, y, 1.0)
    assert model.weights[0] > 1.0 and np.all(np.abs(model.weights[1:]) < 0.5 * model.weights[0])
    p = model.probability(x)
    assert p[y == 1].mean() > 0.8 and p[y == 0].mean() < 0.2


@pytest.mark.long(10)
def test_the_out_of_fold_threshold_refuses_fewer_unseen_answerable_questions():
    """Fitted on 120 questions, judged on 4,000 fresh ones, over seven draws: the threshold
    chosen on the fit's own scores refuses more unseen answerable questions than its 5% budget
    allows, and more than the one chosen on out-of-fold scores; the nested cross-validation
    that judges the out-of-fold rule estimates what it does on the fresh ones."""
    fit = lambda xx, yy: fit_logistic(xx, yy, 1.0).probability  # noqa: E731
    oof_refused, in_sample_refused, estimated, kept_out = [], [], [], []
    for seed in range(1, 8):
        x, y = _data(120, gap=2.0, seed=seed)
        model = fit_logistic(x, y, 1.0)
        in_sample = threshold_for(model.probability(x), y, 0.05)
        judged = cross_validate(fit, x, y, 0.05, repeats=4, inner=3)
        fresh_x, fresh_y = _data(4000, gap=2.0, seed=100 + seed)
        p = model.probability(fresh_x)
        oof_refused.append(float((p[fresh_y == 1] < judged.threshold).mean()))
        in_sample_refused.append(float((p[fresh_y == 1] < in_sample).mean()))
        kept_out.append(float((p[fresh_y == 0] < judged.threshold).mean()))
        estimated.append(judged.false_refusal)
    assert np.mean(oof_refused) < np.mean(in_sample_refused), (oof_refused, in_sample_refused)
    assert np.mean(in_sample_refused) > 0.05
    assert abs(np.mean(estimated) - np.mean(oof_refused)) < 0.04, (estimated, oof_refused)
    assert np.mean(kept_out) > 0.5  # and it still refuses most unanswerable ones (the classes overlap)
