"""Record a real model's replies into cassettes (rag.evaluation.cassettes).

    python -m rag.evaluation.record answers --upstream URL --model NAME [--questions F ...]
    python -m rag.evaluation.record plans --upstream URL --model NAME [--tables F ...]

`answers` asks every eval question in LLM mode (with --summaries, also summarises every survey topic)
through a recording proxy in front of `upstream`; `plans` reads every question of the plan
tables with the LLM planner. Replies already in the cassette for the same request are reused;
recordings no request asked for any more are dropped, so the file holds exactly what the current
prompts need. With --keep nothing is dropped: for a run over some of the questions, or one under a
setting not yet shipped (its prompts recorded ahead, beside the shipped setting's, in runs that can
span more than one sitting). `bash scripts/local-llm.sh record` serves the local model and runs both.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
import time
from pathlib import Path

from rag import offline
from rag.evaluation import cassettes
from rag.evaluation.evaluate import load_questions
from rag.settings import Settings

log = logging.getLogger("rag.record")
ROOT = Path(__file__).resolve().parents[2]
CASSETTES = ROOT / "tests" / "cassettes"


def cassette_path(model: str, kind: str) -> Path:
    return CASSETTES / f"{model}-{kind}.jsonl.gz"


def _assistant(proxy_url: str, model: str, plan: bool = False):
    from rag import Assistant

    settings = Settings(
        openai_base_url=proxy_url,
        llm={"model": model, "timeout": 900, "deadline": 1800, "max_retries": 0, "plan": plan},
    )
    return Assistant(settings)


def record_answers(
    upstream: str, model: str, questions: list[Path], summaries: bool = False, keep: bool = False
) -> Path:
    path = cassette_path(model, "answers")
    known = cassettes.load(path)
    with cassettes.RecordingProxy(upstream, reuse=known) as proxy:
        assistant = _assistant(proxy.url, model)
        for file in questions:
            for q in load_questions(file):
                started = time.monotonic()
                answer = assistant.ask(q.question)
                log.warning("%s %s: %s (%.0f s)", file.name, q.id, answer.mode, time.monotonic() - started)
                if summaries and q.kind == "survey":
                    assistant.summarise(q.question)
                # Saved after every question, keeping what earlier runs recorded, so an interrupted
                # run loses at most one question; the final save keeps only this run's requests
                # (with --keep, every recording).
                cassettes.save(path, {**known, **proxy.recordings}.values())
        cassettes.save(path, ({**known, **proxy.recordings} if keep else proxy.recordings).values())
    return path


def record_plans(upstream: str, model: str, tables: list[Path], keep: bool = False) -> Path:
    path = cassette_path(model, "plans")
    known = cassettes.load(path)
    with cassettes.RecordingProxy(upstream, reuse=known) as proxy:
        assistant = _assistant(proxy.url, model, plan=True)
        for file in tables:
            for line in file.read_text().splitlines():
                row = json.loads(line)
                started = time.monotonic()
                read = assistant.plan(row["question"], history=row.get("history") or None)
                log.warning(
                    "%s %s: %s by %s (%.0f s)",
                    file.name,
                    row["id"],
                    read.intent,
                    read.planner,
                    time.monotonic() - started,
                )
        cassettes.save(path, ({**known, **proxy.recordings} if keep else proxy.recordings).values())
    return path


def main(argv: list[str] | None = None) -> int:
    offline.configure()
    parser = argparse.ArgumentParser(prog="python -m rag.evaluation.record", description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=["answers", "plans"])
    parser.add_argument("--upstream", required=True, help="the real server's base URL, e.g. http://127.0.0.1:8080/v1")
    parser.add_argument("--model", required=True, help="the model name the server answers to")
    parser.add_argument(
        "--questions", nargs="*", type=Path, default=[ROOT / "evals" / "dev.jsonl", ROOT / "evals" / "test.jsonl"]
    )
    parser.add_argument(
        "--summaries", action="store_true", help="also summarise each survey question's topic (about 30 min more)"
    )
    parser.add_argument(
        "--tables", nargs="*", type=Path, default=sorted((ROOT / "tests" / "data").glob("plan_*.jsonl"))
    )
    parser.add_argument(
        "--keep",
        action="store_true",
        help="keep the recordings this run did not ask for (a run over some questions, or a setting not yet shipped)",
    )
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.WARNING, format="%(message)s", stream=sys.stderr)
    if args.what == "answers":
        path = record_answers(args.upstream, args.model, args.questions, args.summaries, args.keep)
    else:
        path = record_plans(args.upstream, args.model, args.tables, args.keep)
    print(f"recorded {len(cassettes.load(path))} replies in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
