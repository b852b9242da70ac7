"""LLM mode against extractive mode on the same eval questions, with a real model's replies.

Each question of the chosen split(s) is answered twice over the same index: extractively (no
LLM) and in LLM mode, from a live OpenAI-compatible server (`--upstream`, e.g. the local
llama.cpp server of `bash scripts/local-llm.sh`) or from the recorded replies
(tests/cassettes/<model>-answers.jsonl.gz, the default). Reported per split and mode: citation
recall, false refusals, refusals of unanswerable questions, citation validity; for LLM mode,
what carried each answer (the model's verified text alone, with papers filled in from the
abstracts, or a fallback to extractive, by reason), degenerate sentences shown (checked again
here, independently of the pipeline's own checks), latency and the time to the first verified
text. `--prompts DIR` answers with the prompt files in DIR (prompt work).

    .venv/bin/python bench/bench_llm.py                       # replay the recordings, write RESULTS.md
    .venv/bin/python bench/bench_llm.py --upstream http://127.0.0.1:8090/v1 --sample 40 --no-write
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import commit, machine, write_section  # noqa: E402
from rag import Assistant, Settings, offline  # noqa: E402
from rag.answering.events import Delta, Final  # noqa: E402
from rag.corpus.models import normalise_title  # noqa: E402
from rag.evaluation import cassettes  # noqa: E402
from rag.evaluation.evaluate import load_questions, resolve  # noqa: E402
from rag.evaluation.llm_mode import judge  # noqa: E402
from rag.evaluation.record import cassette_path  # noqa: E402


def run(assistant: Assistant, questions, expected) -> list[dict]:
    rows = []
    for q in questions:
        started, first = time.perf_counter(), None
        answer = None
        for event in assistant.stream(q.question):
            if isinstance(event, Delta) and first is None and event.text.strip():
                first = time.perf_counter() - started
            if isinstance(event, Final):
                answer = event.answer
        assert answer is not None
        seconds = time.perf_counter() - started
        judged = judge(answer, q.question, None if q.kind == "unanswerable" else expected[q.id], assistant.settings)
        row = {
            "id": q.id,
            "kind": q.kind,
            "outcome": judged.outcome,
            "seconds": seconds,
            "first_text": first,
            "validity": judged.validity,
            "degenerate": judged.degenerate,
        }
        if q.kind == "unanswerable":
            row["refused"] = judged.refused
        else:
            row["false_refusal"] = judged.refused
            row["recall"] = judged.recall
        rows.append(row)
        print(f"{q.id:12s} {row['outcome']:32s} {seconds:5.1f} s", flush=True)
    return rows


def _mean(values) -> float:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else float("nan")


def _pct(values, q: float) -> float:
    values = sorted(v for v in values if v is not None)
    return values[min(int(q * len(values)), len(values) - 1)] if values else float("nan")


def summary(rows: list[dict]) -> dict:
    answerable = [r for r in rows if r["kind"] != "unanswerable"]
    return {
        "recall": _mean(r["recall"] for r in answerable),
        "false_refusal": _mean(float(r["false_refusal"]) for r in answerable),
        "refusal": _mean(float(r["refused"]) for r in rows if r["kind"] == "unanswerable"),
        "validity": _mean(r["validity"] for r in rows),
        "degenerate": sum(len(r["degenerate"]) for r in rows),
        "p50": _pct([r["seconds"] for r in rows], 0.5),
        "p95": _pct([r["seconds"] for r in rows], 0.95),
        "first_p50": _pct([r["first_text"] for r in rows], 0.5),
        "first_p95": _pct([r["first_text"] for r in rows], 0.95),
        "outcomes": Counter(r["outcome"] for r in rows),
    }


def main() -> None:
    offline.configure()
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    parser.add_argument("--upstream", help="a live OpenAI-compatible server (default: replay the recordings)")
    parser.add_argument("--splits", nargs="+", default=["dev", "test"])
    parser.add_argument("--sample", type=int, help="only this many answerable-or-not questions per split (seeded)")
    parser.add_argument("--prompts", type=Path, help="a folder of answer prompt files to use instead of prompts/")
    parser.add_argument("--home", type=Path, default=ROOT / ".rag")
    parser.add_argument("--no-write", action="store_true", help="print only; leave bench/RESULTS.md alone")
    parser.add_argument("--dump", type=Path, help="write every question's row as JSON lines here")
    args = parser.parse_args()

    plain = Assistant(Settings(home=args.home))
    if not plain.is_indexed():
        plain.ingest(progress=False)
    titles = {normalise_title(p.title): p.id for p in plain.papers()}
    server = None
    if args.upstream:
        url = args.upstream
    else:
        server = cassettes.ReplayServer(cassettes.load(cassette_path(args.model, "answers")))
        server.__enter__()
        url = server.url
    llm_settings = {"model": args.model, "timeout": 900, "deadline": 1800, "max_retries": 0}
    if args.prompts:
        llm_settings["prompts"] = args.prompts
    llm = Assistant(Settings(home=args.home, openai_base_url=url, llm=llm_settings), embedder=plain.embedder)
    results: dict[str, dict[str, dict]] = {}
    dump = []
    try:
        for split in args.splits:
            questions = load_questions(ROOT / "evals" / f"{split}.jsonl")
            if args.sample:
                questions = random.Random(20261201).sample(questions, min(args.sample, len(questions)))
            expected = resolve(questions, titles)
            results[split] = {}
            for name, assistant in (("extractive", plain), ("llm", llm)):
                rows = run(assistant, questions, expected)
                results[split][name] = summary(rows)
                dump += [dict(r, split=split, mode=name) for r in rows]
    finally:
        if server is not None:
            server.__exit__(None, None, None)
    if args.dump:
        args.dump.write_text("".join(json.dumps(r) + "\n" for r in dump))
    stamp = commit()
    source = (
        f"live from {args.upstream}"
        if args.upstream
        else f"replayed from tests/cassettes/{cassette_path(args.model, 'answers').name}"
    )
    misses = f" ({server.misses} prompts without a recording, answered as a failing server)" if server else ""
    lines = [
        f"Commit {stamp}, {machine()}. `.venv/bin/python bench/bench_llm.py"
        + (f" --upstream {args.upstream}" if args.upstream else "")
        + (f" --sample {args.sample}" if args.sample else "")
        + (f" --prompts {args.prompts}" if args.prompts else "")
        + f"`: the eval questions answered extractively and in LLM mode ({args.model}, replies {source}{misses}). "
        "dev: every threshold and rule was fitted on it; test: frozen, run to report.",
        "",
        "| split | mode | questions | citation recall | false refusals | refusals (unanswerable) | citation validity "
        "| degenerate shown | p50 s | p95 s | first verified text p50 / p95 s |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for split, modes in results.items():
        for name, m in modes.items():
            n = sum(m["outcomes"].values())
            first = f"{m['first_p50']:.1f} / {m['first_p95']:.1f}" if name == "llm" else "-"
            lines.append(
                f"| {split} | {name} | {n} | {m['recall']:.3f} | {m['false_refusal']:.3f} | {m['refusal']:.3f} | "
                f"{m['validity']:.3f} | {m['degenerate']} | {m['p50']:.1f} | {m['p95']:.1f} | {first} |"
            )
    lines += ["", "What carried the LLM-mode answers:", ""]
    names = sorted({o for modes in results.values() for o in modes["llm"]["outcomes"]})
    lines += ["| split | " + " | ".join(names) + " |", "|---" * (len(names) + 1) + "|"]
    for split, modes in results.items():
        counts = modes["llm"]["outcomes"]
        total = sum(counts.values())
        lines.append(f"| {split} | " + " | ".join(f"{counts[o]} ({counts[o] / total:.0%})" for o in names) + " |")
    body = "\n".join(lines)
    print(body)
    if not args.no_write:
        title = "LLM mode live: latency and first verified text" if args.upstream else "LLM mode on recorded replies"
        write_section(title, body)


if __name__ == "__main__":
    main()
