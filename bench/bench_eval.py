"""The eval suite's headline figures, dev beside the frozen test split, written to
bench/RESULTS.md with the commit that produced them (what `rag eval` prints), and the
generalisation targets checked against the test split.

Usage: .venv/bin/python bench/bench_eval.py   (over the seed index in RAG_HOME, default .rag)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import commit, machine, write_section  # noqa: E402
from rag import Assistant, offline  # noqa: E402
from rag.evaluation import evaluate  # noqa: E402
from rag.evaluation.report import metric, side_by_side  # noqa: E402

# (label, metric key, goal, at least?) : the targets the answers are held to on the frozen test split
TARGETS = [
    ("citation recall", "overall.citation_recall", 0.90, True),
    ("survey citation recall", "survey.citation_recall", 0.85, True),
    ("citation validity", "overall.citation_validity", 1.0, True),
    ("false refusals", "overall.false_refusal_rate", 0.03, False),
    ("refusal on unanswerable", "unanswerable.refusal_rate", 0.96, True),
]


def test_batches(test: evaluate.Report) -> dict[str, evaluate.Report]:
    """The test split's five parts (evals/README.md): the questions of samples A and B, the fresh
    batch of samples E and F (evals/samples.json, split_EF), sample I (split_I), sample M (split_M)
    and sample Q (split_Q), each summarised from the test run's own results."""
    samples = json.loads((ROOT / "evals" / "samples.json").read_text())
    parts = {
        "test E+F": set(samples["split_EF"]["test"]),
        "test I": set(samples["split_I"]["test"]),
        "test M": set(samples["split_M"]["test"]),
        "test Q": set(samples["split_Q"]["test"]),
    }
    later = set().union(*parts.values())
    return {"test A+B": evaluate.summarise([q for q in test.questions if q.id not in later], test.modes)} | {
        name: evaluate.summarise([q for q in test.questions if q.id in ids], test.modes) for name, ids in parts.items()
    }


def main() -> None:
    offline.configure()
    assistant = Assistant()
    if not assistant.is_indexed():
        assistant.ingest(progress=False)
    files = {name: ROOT / "evals" / f"{name}.jsonl" for name in evaluate.SPLITS}
    reports = evaluate.run_splits(assistant, files)
    reports.update(test_batches(reports["test"]))
    # blind batches written but in no split yet (evals/README.md): what the answers do on questions
    # that nothing, not even a first look at their failures, has touched
    for path in sorted((ROOT / "evals").glob("batch_*.jsonl")):
        name = f"blind {path.stem.removeprefix('batch_')}"
        reports[name] = evaluate.run_splits(assistant, {name: path})[name]
    stamp = commit()
    lines = [
        f"Commit {stamp}, {machine()}. `.venv/bin/python bench/bench_eval.py` (the figures `rag eval` "
        "prints), extractive mode. dev: every threshold, rule and learned gate was fitted on it (the gate and the "
        "survey chooser out of fold, evals/calibration.md; the learned survey reading out of fold, "
        "evals/intent.md); test: frozen, run to report. The test split in five "
        "parts: the questions of samples A and B (of which some readings were seen while working on dev, "
        "evals/README.md), the fresh batch of samples E and F, first run at 95bd28d, sample I, first run at "
        "8256e92, sample M, first run at 5a3efda, and sample Q, first run at b6404c3 (evals/samples.json). "
        "A blind batch (evals/batch_*.jsonl) "
        "is in neither split: written blind, "
        "run only to report.",
        "",
        side_by_side(reports),
        "",
        "Targets on the frozen test split (and dev within 0.03 of test):",
        "",
        "| target | goal | test | dev | met |",
        "|---|---|---|---|---|",
    ]
    for label, key, goal, at_least in TARGETS:
        test, dev = metric(reports["test"], key), metric(reports["dev"], key)
        if test is None or dev is None:
            continue
        met = (test >= goal if at_least else test <= goal) and abs(test - dev) <= 0.03
        sign = ">=" if at_least else "<="
        lines.append(f"| {label} | {sign} {goal:g} | {test:.3f} | {dev:.3f} | {'yes' if met else 'no'} |")
    body = "\n".join(lines)
    print(body)
    write_section("Answers on questions nobody tuned them on: dev and frozen test", body)


if __name__ == "__main__":
    main()
