"""Retrieval and answer quality of each embedding path on the eval questions: the seeds are
ingested into a fresh index per embedder (torch is the baseline the ONNX paths must match),
then `rag eval` runs every question. Rewrites the "Embedding paths: quality" section of
bench/RESULTS.md.

Usage: .venv/bin/python bench/bench_quality.py [--embedders torch onnx onnx-int8]
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import machine, write_section  # noqa: E402
from rag import Assistant, Settings  # noqa: E402
from rag.evaluate import load_questions, run  # noqa: E402

QUESTIONS = ROOT / "evals" / "questions.jsonl"
LABELS = {"torch": "torch (sentence-transformers), baseline", "onnx": "onnx (fp32, default)",
          "onnx-int8": "onnx-int8 (per channel, one text at a time)"}


def measure(embedder: str) -> dict[str, float]:
    home = Path(tempfile.mkdtemp(prefix=f"rag-quality-{embedder}-"))
    try:
        assistant = Assistant(Settings(home=home, embedder=embedder, corpus=[ROOT / "seeds"]))
        assistant.ingest(progress=False)
        report = run(assistant, load_questions(QUESTIONS), ("hybrid", "rrf", "dense"), questions_file=str(QUESTIONS))
        return {**report.overall, "survey.hybrid.recall@10": report.by_kind["survey"]["hybrid.recall@10"],
                "refusal_rate": report.by_kind["unanswerable"]["refusal_rate"]}
    finally:
        shutil.rmtree(home, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedders", nargs="+", default=["torch", "onnx", "onnx-int8"])
    args = parser.parse_args()
    metrics = [("hybrid.recall@10", "hybrid R@10"), ("hybrid.mrr", "hybrid MRR"),
               ("survey.hybrid.recall@10", "survey hybrid R@10"), ("rrf.recall@10", "rrf R@10"),
               ("rrf.mrr", "rrf MRR"), ("dense.recall@10", "dense R@10"), ("dense.mrr", "dense MRR"),
               ("citation_recall", "citation recall"), ("refusal_rate", "refusal on unanswerable"),
               ("false_refusal_rate", "false refusals")]
    rows = ["| embedder | " + " | ".join(label for _, label in metrics) + " |",
            "|---" * (len(metrics) + 1) + "|"]
    for embedder in args.embedders:
        got = measure(embedder)
        print(embedder, {key: round(got[key], 3) for key, _ in metrics}, flush=True)
        rows.append(f"| {LABELS.get(embedder, embedder)} | " + " | ".join(f"{got[key]:.3f}" for key, _ in metrics) + " |")
    count = len(QUESTIONS.read_text().splitlines())
    body = "\n".join([
        f"Each embedding path on the {count} eval questions (`rag eval`), seed corpus ingested fresh. "
        f"Machine: {machine()}.", "", *rows, "",
        "The refusal gate (settings.answer) is calibrated with fp32 and with int8 vectors "
        "(evals/calibration.md, evals/calibration-int8.md).", "",
        "Reproduce: `.venv/bin/python bench/bench_quality.py`"])
    write_section("Embedding paths: quality", body)


if __name__ == "__main__":
    main()
