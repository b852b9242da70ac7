"""Fit the refusal gate and the survey chooser on evals/dev.jsonl, judge them out of fold, and
write evals/calibration.md.

For every dev question answered from the abstracts (not from the records), seven signals
(rag.answering.evidence.Signals: five that retrieval has, the semantic coverage of the question
by its first passages, and whether it names something no passage of the corpus holds; the
shipped gate reads the first six) are measured; answerable questions are positives.
Two gates are compared by repeated 5-fold cross-validation, each fold choosing its threshold on
its training part so that at most 3% of answerable questions are refused:
- cut-offs: answer when the best similarity or the best coverage clears a threshold, the two
  thresholds chosen by grid search in each fold (what the project used before);
- learned: a logistic model over the seven signals (rag.evaluation.fitting); also without the
  absent signal, without the semantic signal, and with the latter read over other numbers of
  first passages, to show what each adds.
The out-of-fold false-refusal and refusal rates of each are reported; the learned gate's fit on
all of dev is printed, to be the defaults of settings.answer.gate. Its threshold is not the one
that refuses 3% of dev in-sample (the fit is surer of its own questions than of unseen ones) but
the one that does so on dev's out-of-fold scores; that rule is itself judged out of fold, with
the threshold of each outer fold chosen by a cross-validation inside its training part (nested).

The survey chooser (rag.answering.evidence.on_topic) is fitted the same way on the dev survey
questions' top candidates: each candidate paper is a positive when it is one the question
expects. Folds hold out whole questions; each fold's threshold maximises F2 (recall counted
twice) on its training part. The test split is not read.

Usage: RAG_HOME=.rag .venv/bin/python bench/calibrate.py   (after `rag ingest`)
       RAG_EMBEDDER=onnx-int8 RAG_HOME=/tmp/int8 .venv/bin/python bench/calibrate.py --out evals/calibration-int8.md
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import commit  # noqa: E402
from rag import Assistant  # noqa: E402
from rag.answering.evidence import candidate_signals, gate_signals, signals  # noqa: E402
from rag.answering.pipeline import cites_every_paper, retrieve, weighed  # noqa: E402
from rag.corpus.models import normalise_title  # noqa: E402
from rag.evaluation.evaluate import load_questions  # noqa: E402
from rag.evaluation.fitting import cross_validate, fit_logistic  # noqa: E402

FEATURES = ["similarity", "coverage", "bm25", "margin", "agreement", "semantic", "absent"]
MAX_FALSE_REFUSAL = 0.03
L2 = 3.0
SURVEY_FEATURES = ["log_rank", "relative_similarity", "coverage", "phrase", "relative_score", "lecture", "semantic"]
MAX_SURVEY = 12
RECORDS = ("listing", "authorship", "lecture_outline", "corpus_size")


SEMANTIC_DEPTHS = (1, 3, 5, 10)  # first passages the semantic signal reads, compared


def measure(assistant: Assistant, path: Path) -> list[tuple[str, int, list[float], dict[int, float]]]:
    """(question id, answerable, signals, semantic signal by depth) for every question the gate decides."""
    tools = assistant.tools()
    rows = []
    for q in load_questions(path):
        read = assistant.plan(q.question)
        if read.intent in RECORDS or read.record.fields:
            # answered from the paper records whatever the gate says (one the gate refuses, from the
            # records it names, as the pipeline does): their signals, low by nature ("Amos Storkey -
            # which paper is his?"), say nothing of whether the abstracts answer a question
            continue
        # what the pipeline weighs at run time: its search (filters, a survey's more candidates)
        # and a lecture's hits grown with its other slides on the question
        evidence = weighed(read, retrieve(read, tools), tools)
        found = gate_signals(read.focus, evidence, tools.cfg, tools.lexical, tools.semantic)
        depths = {d: signals(read.focus, evidence, None, tools.semantic, d).semantic for d in SEMANTIC_DEPTHS}
        rows.append((q.id, int(q.kind != "unanswerable"), found.vector(FEATURES), depths))
    return rows


def cutoffs(x: np.ndarray, y: np.ndarray):
    """The two hand-set cut-offs, fitted by grid search: the most refusals of unanswerable
    training questions with at most 3% of answerable ones refused."""
    best, best_refusal = (1.0, 1.0), -1.0
    for a in np.arange(0.30, 0.70, 0.005):
        for b in np.arange(0.40, 1.001, 0.02):
            answered = (x[:, 0] >= a) | (x[:, 1] >= b)
            if (~answered[y == 1]).mean() <= MAX_FALSE_REFUSAL and (~answered[y == 0]).mean() > best_refusal:
                best, best_refusal = (a, b), (~answered[y == 0]).mean()
    a, b = best
    return lambda xx: ((xx[:, 0] >= a) | (xx[:, 1] >= b)).astype(float)


def learned(x: np.ndarray, y: np.ndarray):
    return fit_logistic(x, y, L2).probability


def survey_candidates(assistant: Assistant, path: Path) -> list[tuple[str, int, int, list[float]]]:
    """(question id, expected papers, candidate is expected, signals) for each dev survey's candidates,
    as the pipeline weighs them (its search for a survey, a lecture's hits grown with its slides)."""
    tools = assistant.tools()
    ids = {normalise_title(p.title): p.id for p in assistant.papers()}
    rows = []
    for q in load_questions(path):
        if q.kind != "survey":
            continue
        expected = {ids[normalise_title(t)] for t in q.expected_titles}
        read = assistant.plan(q.question)
        if not cites_every_paper(read):
            # read as something else, the chooser never weighs its candidates: no row
            continue
        evidence = weighed(read, retrieve(read, tools), tools)
        topic = read.topic or read.focus
        for e, found in zip(evidence, candidate_signals(topic, evidence, tools.span, tools.semantic)):
            rows.append((q.id, len(expected), int(e.hit.paper.id in expected), [found[f] for f in SURVEY_FEATURES]))
    return rows


def survey_cv(rows, repeats: int = 20) -> tuple[float, float, dict]:
    """Out-of-fold recall and precision of the chosen papers (mean per question), whole questions held out."""
    questions = sorted({r[0] for r in rows})
    recalls, precisions = [], []
    for repeat in range(repeats):
        order = np.random.default_rng(repeat).permutation(len(questions))
        for part in np.array_split(order, 5):
            held = {questions[i] for i in part}
            train = [r for r in rows if r[0] not in held]
            model = fit_logistic(np.array([r[3] for r in train]), np.array([r[2] for r in train]), 1.0)
            t = f2_threshold(model, train)
            for q in held:
                cands = [r for r in rows if r[0] == q]
                p = model.probability(np.array([r[3] for r in cands]))
                chosen = [c for c, pp in zip(cands, p) if pp >= t][:MAX_SURVEY]
                hit = sum(c[2] for c in chosen)
                recalls.append(hit / cands[0][1])
                precisions.append(hit / len(chosen) if chosen else 0.0)
    return float(np.mean(recalls)), float(np.mean(precisions)), {}


def f2_threshold(model, rows) -> float:
    """The threshold maximising F2 of the chosen papers over `rows`' questions."""
    p = model.probability(np.array([r[3] for r in rows]))
    best, best_f = 0.5, -1.0
    for t in np.arange(0.05, 0.9, 0.01):
        found = sum(r[2] for r, pp in zip(rows, p) if pp >= t)
        chosen = int((p >= t).sum())
        expected = sum(r[2] for r in rows)
        if not chosen or not expected:
            continue
        precision, recall = found / chosen, found / expected
        f2 = 5 * precision * recall / (4 * precision + recall) if precision + recall else 0.0
        if f2 > best_f:
            best, best_f = float(t), f2
    return best


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "evals" / "calibration.md")
    out = parser.parse_args().out
    assistant = Assistant()
    rows = measure(assistant, ROOT / "evals" / "dev.jsonl")
    x = np.array([r[2] for r in rows])
    y = np.array([r[1] for r in rows])
    cut = cross_validate(cutoffs, x, y, MAX_FALSE_REFUSAL)
    lr = cross_validate(learned, x, y, MAX_FALSE_REFUSAL)
    nested = cross_validate(learned, x, y, MAX_FALSE_REFUSAL, inner=5)  # the shipped rule, judged out of fold
    semantic_at = FEATURES.index("semantic")
    variants = {
        "without the absent signal": np.delete(x, FEATURES.index("absent"), axis=1),
        "without the semantic signal": np.delete(x, semantic_at, axis=1),
    } | {
        f"semantic signal over the first {d} passage{'s' if d > 1 else ''}": np.c_[
            np.delete(x, semantic_at, axis=1), [r[3][d] for r in rows]
        ]
        for d in SEMANTIC_DEPTHS
    }
    ablation = {
        name: cross_validate(learned, v, y, MAX_FALSE_REFUSAL, inner=5, repeats=10) for name, v in variants.items()
    }
    model = fit_logistic(x, y, L2)
    # not the threshold that refuses 3% of dev in-sample: the model is more confident on the
    # questions it was fitted on, and that threshold refused more of unseen answerable questions
    threshold = lr.threshold
    fitted = {
        "features": FEATURES,
        "mean": [round(float(v), 4) for v in model.mean],
        "scale": [round(float(v), 4) for v in model.scale],
        "weights": [round(float(v), 4) for v in model.weights],
        "bias": round(model.bias, 4),
        "threshold": round(threshold, 4),
    }
    survey = survey_candidates(assistant, ROOT / "evals" / "dev.jsonl")
    s_recall, s_precision, _ = survey_cv(survey)
    s_model = fit_logistic(np.array([r[3] for r in survey]), np.array([r[2] for r in survey]), 1.0)
    s_threshold = f2_threshold(s_model, survey)
    survey_fit = {
        "features": SURVEY_FEATURES,
        "mean": [round(float(v), 4) for v in s_model.mean],
        "scale": [round(float(v), 4) for v in s_model.scale],
        "weights": [round(float(v), 4) for v in s_model.weights],
        "bias": round(s_model.bias, 4),
        "threshold": round(s_threshold, 4),
    }
    questions = sorted({r[0] for r in survey})
    top = {
        n: np.mean(
            [
                sum(r[2] for r in [c for c in survey if c[0] == q][:n]) / next(c[1] for c in survey if c[0] == q)
                for q in questions
            ]
        )
        for n in (5, 8, 10, 20)
    }
    stamp = commit()
    lines = [
        "# Refusal gate calibration",
        "",
        f"Made by `bench/calibrate.py` at commit {stamp} from `evals/dev.jsonl` ({len(rows)} questions the "
        f"gate decides: {int(y.sum())} answerable, {int((1 - y).sum())} unanswerable), embedder "
        f"`{assistant.settings.embedder}` (vectors `{assistant.embedder.name}`). The test split is not read.",
        "",
        "Out of fold (5 folds, 20 repeats; each fold's threshold chosen on its training part to refuse at most "
        f"{MAX_FALSE_REFUSAL:.0%} of answerable questions):",
        "",
        "| gate | false refusals | refusal of unanswerable |",
        "|---|---|---|",
        f"| cut-offs (best similarity or coverage, grid-fitted per fold) | {cut.false_refusal:.3f} | "
        f"{cut.refusal:.3f} |",
        f"| learned (logistic over {', '.join(FEATURES)}; L2 {L2}) | {lr.false_refusal:.3f} | {lr.refusal:.3f} |",
        f"| learned, each fold's threshold chosen out of fold inside its training part (the shipped rule; nested) | "
        f"{nested.false_refusal:.3f} | {nested.refusal:.3f} |",
        "",
        "What the absent and semantic signals add (the learned gate, nested as above, 10 repeats; "
        f"the shipped gate reads the first {assistant.settings.answer.gate.semantic_passages}):",
        "",
        "| learned gate | false refusals | refusal of unanswerable |",
        "|---|---|---|",
        *[f"| {name} | {o.false_refusal:.3f} | {o.refusal:.3f} |" for name, o in ablation.items()],
        "",
        "Fit on all of dev (what `settings.answer.gate` takes when it is shipped: rag/settings.py says which fit is); "
        "its threshold is the one that refuses at most "
        f"{MAX_FALSE_REFUSAL:.0%} of answerable questions scored out of fold (median over the repeats), not in-sample:",
        "",
        "```json",
        json.dumps(fitted, indent=1),
        "```",
        "",
        "## Survey chooser",
        "",
        f"{len(questions)} dev survey questions, their top {assistant.settings.answer.summary_papers} candidates each "
        f"({len(survey)} candidates, {sum(r[2] for r in survey)} expected). Out of fold (whole questions held out, "
        f"5 folds, 20 repeats; each fold's threshold maximises F2 on its training part; at most {MAX_SURVEY} cited):",
        "",
        f"- learned chooser: citation recall {s_recall:.3f}, precision {s_precision:.3f}",
        "- retrieval's top n, for reference: "
        + ", ".join(f"top {n} recall {v:.3f}" for n, v in top.items())
        + " (top 20 is retrieval's Recall@20)",
        "",
        "Fit on all dev surveys (what `settings.answer.survey` takes when it is shipped: "
        "rag/settings.py says which fit is):",
        "",
        "```json",
        json.dumps(survey_fit, indent=1),
        "```",
        "",
        "## Dev questions, out-of-fold probability (first repeat)",
        "",
        "| question | answerable | " + " | ".join(FEATURES) + " | probability |",
        "|---|---|" + "---|" * (len(FEATURES) + 1),
    ]
    for (qid, label, vec, _), p in sorted(zip(rows, lr.scores), key=lambda r: r[1]):
        lines.append(f"| {qid} | {'yes' if label else 'no'} | " + " | ".join(f"{v:.3f}" for v in vec) + f" | {p:.3f} |")
    out.write_text("\n".join(lines) + "\n")
    print("\n".join(lines[:16]))
    print(json.dumps(fitted))
    print(f"survey: recall {s_recall:.3f} precision {s_precision:.3f}", json.dumps(survey_fit))


if __name__ == "__main__":
    main()
