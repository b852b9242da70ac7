"""Fit the learned survey reading (rag.questions.learned) on dev, judge it out of fold, and write
rag/questions/survey_intent.json and evals/intent.md.

Each dev question whose expected reading is a survey, a lookup or a detail is a row: the eval set's
questions (evals/dev.jsonl, by their kind) and the dev plan tables' (tests/data/plan_questions.jsonl,
plan_heldout.jsonl, by their intent; follow-ups left out). A row is positive when it is a survey.
Its features are what the rules said (read with the learned reading off) and the words and word
pairs it holds among those in at least `MIN_QUESTIONS` training questions. Repeated 5-fold
cross-validation (vocabulary and fit on each fold's training part only) picks the L2 penalty and
compares the decision with the rules'. The model fitted on all of dev is shipped. The test split is
not read unless `--report-test` asks for it, after the fit, to report the decision's agreement there
(its questions that also stand in dev left out).

Usage: RAG_HOME=.rag .venv/bin/python bench/fit_intent.py [--report-test]   (after `rag ingest`)
"""

from __future__ import annotations

import argparse
import collections
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import commit  # noqa: E402
from rag import Assistant  # noqa: E402
from rag.evaluation.fitting import fit_logistic  # noqa: E402
from rag.questions.learned import MODEL_FILE, SINGLE, SurveyReading, features, tokens  # noqa: E402
from rag.retrieval.types import clean_query  # noqa: E402
from rag.settings import Settings  # noqa: E402

MIN_QUESTIONS = 3
PENALTIES = (1.0, 3.0, 10.0, 30.0, 100.0)
THRESHOLD = Settings().answer.survey_intent or 0.5  # the shipped setting: where the decision is judged
FOLDS, REPEATS = 5, 10
KINDS = ("survey", *SINGLE)


def rows(split: str) -> list[tuple[str, bool]]:
    """(question, is a survey) for the split's eval questions and plan-table questions."""
    out = []
    for line in (ROOT / "evals" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines():
        q = json.loads(line)
        if q["kind"] in KINDS:
            out.append((clean_query(q["question"]), q["kind"] == "survey"))
    tables = ["plan_questions.jsonl", "plan_heldout.jsonl"] if split == "dev" else ["plan_test.jsonl"]
    for table in tables:
        for line in (ROOT / "tests" / "data" / table).read_text(encoding="utf-8").splitlines():
            q = json.loads(line)
            if q["intent"] in KINDS and not q.get("history"):
                out.append((clean_query(q["question"]), q["intent"] == "survey"))
    return out


def vocabulary(questions: list[str]) -> dict[str, int]:
    counts = collections.Counter(t for q in questions for t in tokens(q))
    kept = sorted(t for t, n in counts.items() if n >= MIN_QUESTIONS)
    return {t: i for i, t in enumerate(kept)}


def fit(questions: list[str], rules: list[str], y: np.ndarray, l2: float) -> SurveyReading:
    vocab = vocabulary(questions)
    x = np.array([features(q, r, vocab) for q, r in zip(questions, rules)])
    return SurveyReading(vocab, fit_logistic(x, y, l2))


def decide(model: SurveyReading, question: str, rule: str) -> bool:
    """The intent after the learned reading: survey or not (as plan.py decides it)."""
    return model.asks_survey(question, rule, THRESHOLD)


def out_of_fold(questions, rules, y, l2) -> tuple[float, collections.Counter]:
    right, flips = [], collections.Counter()
    for repeat in range(REPEATS):
        order = np.random.default_rng(repeat).permutation(len(y))
        for held in np.array_split(order, FOLDS):
            train = np.setdiff1d(order, held)
            model = fit([questions[i] for i in train], [rules[i] for i in train], y[train], l2)
            for i in held:
                said = decide(model, questions[i], rules[i])
                right.append(said == bool(y[i]))
                if said != (rules[i] == "survey"):
                    flips[("to survey" if said else "to one paper", "right" if said == bool(y[i]) else "wrong")] += 1
    return float(np.mean(right)), flips


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", type=Path, default=ROOT / "evals" / "intent.md")
    parser.add_argument("--report-test", action="store_true", help="also report the frozen test split")
    args = parser.parse_args()
    out = args.out
    settings = Settings()
    settings.answer.survey_intent = None  # the rules alone: what the model is given as a feature
    settings.llm.plan = False
    assistant = Assistant(settings)
    dev = rows("dev")
    questions = [q for q, _ in dev]
    y = np.array([s for _, s in dev], dtype=float)
    rules = [assistant.plan(q).intent for q in questions]
    rules_right = float(np.mean([(r == "survey") == bool(s) for r, s in zip(rules, y)]))
    judged = {l2: out_of_fold(questions, rules, y, l2) for l2 in PENALTIES}
    best = max(PENALTIES, key=lambda l2: judged[l2][0])
    model = fit(questions, rules, y, best)
    MODEL_FILE.write_text(json.dumps(model.to_json(), indent=0) + "\n", encoding="utf-8")
    reported = ""
    if args.report_test:
        seen = set(questions)
        test = [(q, s) for q, s in rows("test") if q not in seen]
        test_rules = [assistant.plan(q).intent for q, _ in test]
        test_y = [s for _, s in test]
        test_rules_right = np.mean([(r == "survey") == s for r, s in zip(test_rules, test_y)])
        test_right = np.mean([decide(model, q, r) == s for (q, s), r in zip(test, test_rules)])
        reported = (
            f"Test (frozen; `--report-test`, read after the fit, to report): {len(test)} questions "
            "(evals/test.jsonl by kind, tests/data/plan_test.jsonl by intent, those also in dev left out): "
            f"the rules alone {test_rules_right:.3f}, rules + learned {test_right:.3f}. The variants compared "
            "when the model was first built (all words or form words only; overruling both ways or only towards "
            "surveys) had their test agreement printed beside dev's (evals/README.md)."
        )
    weights = sorted(zip(model.model.weights[2:], model.vocabulary), reverse=True)
    stamp = commit()
    lines = [
        "# The learned survey reading",
        "",
        f"Made by `bench/fit_intent.py` at commit {stamp}. Dev: {len(dev)} questions whose reading is a "
        f"survey, a lookup or a detail ({int(y.sum())} surveys): evals/dev.jsonl by kind and the dev plan "
        "tables by intent. Whether each asks for the body of work on a topic (a survey), agreement with "
        f"its label, out of fold ({FOLDS} folds, {REPEATS} repeats; the vocabulary and fit on each fold's "
        "training part):",
        "",
        "| reading | dev | flips right / wrong (to survey; to one paper), all repeats |",
        "|---|---|---|",
        f"| the rules alone (fitted on dev: in-sample) | {rules_right:.3f} | |",
        *[
            f"| rules + learned, L2 {l2:g}{' (shipped)' if l2 == best else ''}, out of fold | {acc:.3f} | "
            f"{flips[('to survey', 'right')]} / {flips[('to survey', 'wrong')]}; "
            f"{flips[('to one paper', 'right')]} / {flips[('to one paper', 'wrong')]} |"
            for l2, (acc, flips) in judged.items()
        ],
        "",
        reported,
        "",
        f"The shipped model ({MODEL_FILE.relative_to(ROOT)}): {len(model.vocabulary)} words and word pairs; "
        "threshold 0.5 (`settings.answer.survey_intent`). The words that speak most for and against a survey:",
        "",
        "- for: " + ", ".join(f"`{t}` {w:.2f}" for w, t in weights[:12]),
        "- against: " + ", ".join(f"`{t}` {w:.2f}" for w, t in weights[-12:][::-1]),
        f"- the rules said survey: {model.model.weights[0]:.2f}; the rules said lookup or detail: "
        f"{model.model.weights[1]:.2f}",
        "",
    ]
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
