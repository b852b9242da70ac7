"""Benchmark on the seed corpus: cold `rag ingest` (a fresh process and a fresh index, so imports
and model loading count), then in one warm process the latency of search, ask (extractive) and
summarise over the eval questions. Prints the figures and rewrites its section of bench/RESULTS.md.

Usage: .venv/bin/python bench/bench_seeds.py [--embedder onnx|onnx-int8|torch] [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import machine, write_section  # noqa: E402


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def cold_ingest(home: Path, embedder: str) -> float:
    env = dict(os.environ, RAG_HOME=str(home), RAG_EMBEDDER=embedder, HF_HUB_OFFLINE="1")
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "rag.cli", "ingest", "--json"], cwd=ROOT, env=env, check=True, capture_output=True
    )
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--embedder", default="onnx")
    parser.add_argument("--runs", type=int, default=3, help="cold ingests to time")
    args = parser.parse_args()
    cold = []
    for _ in range(args.runs):
        with tempfile.TemporaryDirectory() as tmp:
            cold.append(cold_ingest(Path(tmp) / "home", args.embedder))
    print(f"cold ingest of seeds/: {', '.join(f'{c:.1f}' for c in cold)} s")
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["RAG_EMBEDDER"] = args.embedder
        from rag import Assistant, Settings
        from rag.evaluation.evaluate import load_questions

        assistant = Assistant(Settings(home=Path(tmp) / "home"))
        assistant.ingest(progress=False)
        questions = [q.question for q in load_questions(ROOT / "evals" / "dev.jsonl")]
        assistant.search("warm-up", 5)
        assistant.ask("warm-up question about robustness")
        timings: dict[str, list[float]] = {"search (hybrid, k=10)": [], "ask (extractive)": []}
        for _ in range(3):
            for q in questions:
                start = time.perf_counter()
                assistant.search(q, 10)
                timings["search (hybrid, k=10)"].append((time.perf_counter() - start) * 1000)
                start = time.perf_counter()
                assistant.ask(q)
                timings["ask (extractive)"].append((time.perf_counter() - start) * 1000)
        topics = [
            "robust overfitting",
            "noisy labels",
            "randomized smoothing",
            "bilevel optimization",
            "distributionally robust optimization",
            "adversarial training",
        ]
        timings["summarise"] = []
        for _ in range(3):
            for topic in topics:
                start = time.perf_counter()
                assistant.summarise(topic)
                timings["summarise"].append((time.perf_counter() - start) * 1000)
    rows = [
        f"| cold `rag ingest` of seeds/ (261 documents, fresh process and index) | "
        f"{statistics.median(cold):.1f} s median of {len(cold)} (min {min(cold):.1f}) | < 30 s |"
    ]
    targets = {"search (hybrid, k=10)": "p50 < 50 ms", "ask (extractive)": "p50 < 300 ms", "summarise": "< 2 s"}
    for name, values in timings.items():
        rows.append(
            f"| {name}, {len(values)} calls, warm | p50 {pct(values, 0.5):.1f} ms, "
            f"p95 {pct(values, 0.95):.1f} ms | {targets[name]} |"
        )
    for row in rows:
        print(row)
    body = "\n".join(
        [
            f"Embedder: `{args.embedder}`. Machine: {machine()}.",
            "",
            "| what | measured | target |",
            "|---|---|---|",
            *rows,
            "",
            f"Reproduce: `.venv/bin/python bench/bench_seeds.py --embedder {args.embedder}`",
        ]
    )
    write_section(f"Seed corpus ({args.embedder})", body)


if __name__ == "__main__":
    main()
