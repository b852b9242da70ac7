"""How well questions are read: the rules' plan and the LLM planner's, on the plan tables.

The development tables (tests/data/plan_questions.jsonl, plan_heldout.jsonl: the rules were fitted
on them) and the frozen test table (plan_test.jsonl: never used to change a rule; its questions that
also stand in the dev tables are left out) are read by the
rules and, from the recorded replies of the local 1.5B model (tests/cassettes/*-plans.jsonl.gz,
`bash scripts/local-llm.sh record`), by the LLM planner. A plan agrees with the table when its
intent, filters, hints, absent metadata and comparison subjects are the table's.

Usage: .venv/bin/python bench/bench_plan.py [--model qwen2.5-coder-1.5b]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from bench.results import commit, machine, write_section  # noqa: E402
from rag import offline  # noqa: E402
from rag.corpus.loaders import load  # noqa: E402
from rag.evaluation import cassettes  # noqa: E402
from rag.evaluation.record import cassette_path  # noqa: E402
from rag.index.catalogue import Card  # noqa: E402
from rag.llm.client import ChatLLM  # noqa: E402
from rag.questions.llm_plan import plan_with_llm  # noqa: E402
from rag.questions.names import Names  # noqa: E402
from rag.questions.plan import plan  # noqa: E402
from rag.settings import Settings  # noqa: E402

DATA = ROOT / "tests" / "data"
SPLITS = {"dev": ["plan_questions.jsonl", "plan_heldout.jsonl"], "test": ["plan_test.jsonl"]}


def agrees(row: dict, read) -> dict[str, bool]:
    """Which parts of a plan agree with the table's reading."""
    filters = read.filters.model_dump(exclude_none=True) if read.filters else {}
    want = [s.lower() for s in row["subjects"]]
    have = [s.text.lower() for s in read.subjects]
    subjects = len(want) == len(have) and all(w in h or h in w for w, h in zip(want, have))
    parts = {
        "intent": row["intent"] == read.intent,
        "filters": row["filters"] == filters,
        "hints": row["hints"] == read.hints.model_dump(exclude_none=True),
        "absent": sorted(a.lower() for a in row["absent"]) == sorted(a.lower() for a in read.absent),
        "subjects": subjects,
    }
    parts["exact"] = all(parts.values())
    return parts


def main() -> None:
    offline.configure()
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    args = parser.parse_args()
    names = Names.of(Card.of(p) for p in load([ROOT / "seeds"]))
    threshold = Settings().answer.survey_intent  # the shipped reading: the rules and the learned survey reading
    recordings = cassettes.load(cassette_path(args.model, "plans"))
    rows_out, fallbacks = [], {}
    with cassettes.ReplayServer(recordings) as server:
        llm = ChatLLM(Settings(openai_base_url=server.url, llm={"model": args.model, "max_retries": 0}))
        seen: set[str] = set()  # questions of the dev tables: two also stand in the test table, left out there
        for split, files in SPLITS.items():
            table = [json.loads(line) for f in files for line in (DATA / f).read_text().splitlines() if line.strip()]
            table = [row for row in table if split == "dev" or row["question"] not in seen]
            seen |= {row["question"] for row in table}
            scores: dict[str, list] = {"rules": [], "rules + learned": [], "llm": []}
            fell_back = 0
            for row in table:
                history = row.get("history") or ()
                scores["rules"].append(agrees(row, plan(row["question"], names=names, history=history)))
                learned = plan(row["question"], names=names, history=history, survey_threshold=threshold)
                scores["rules + learned"].append(agrees(row, learned))
                read = plan_with_llm(row["question"], names=names, llm=llm, history=history)
                fell_back += read.planner != "llm"
                scores["llm"].append(agrees(row, read))
            fallbacks[split] = (fell_back, len(table))
            for who, parts in scores.items():
                mean = {k: sum(p[k] for p in parts) / len(parts) for k in parts[0]}
                rows_out.append((split, len(table), who, mean))
    stamp = commit()
    lines = [
        f"Commit {stamp}, {machine()}. `.venv/bin/python bench/bench_plan.py`: each plan table read by the "
        "rules (alone, and with the learned survey reading that ships on: rag.questions.learned, fitted on the dev "
        "questions of both the eval set and these tables) and by the LLM planner (`RAG_LLM__PLAN=true`) replaying "
        f"the recorded replies of {args.model} "
        f"({len(recordings)} recorded requests, {server.misses} missing). A part agrees when it is the table's; "
        "exact = every part agrees. dev: the rules were fitted on it; test: frozen, never used to change a rule.",
        "",
        "| split | questions | planner | exact | intent | filters | hints | absent | subjects |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for split, n, who, m in rows_out:
        lines.append(
            f"| {split} | {n} | {who} | {m['exact']:.3f} | {m['intent']:.3f} | {m['filters']:.3f} | "
            f"{m['hints']:.3f} | {m['absent']:.3f} | {m['subjects']:.3f} |"
        )
    lines += [
        "",
        "LLM plans that failed a check and fell back to the rules: "
        + ", ".join(f"{split} {n} of {total}" for split, (n, total) in fallbacks.items())
        + ".",
    ]
    test = {who: m for split, _, who, m in rows_out if split == "test"}
    better = test["llm"]["exact"] > test["rules"]["exact"] and test["llm"]["intent"] >= test["rules"]["intent"]
    lines.append(
        ""
        if not test
        else (
            "On the frozen test table the LLM planner reads more questions right than the rules: "
            "worth turning on (`RAG_LLM__PLAN=true`)."
            if better
            else "On the frozen test table the rules read more questions right than the LLM planner, so "
            "`llm.plan` stays off by default; the planner remains for stronger models, and its checks make a "
            "failed plan fall back to the rules."
        )
    )
    body = "\n".join(lines)
    print(body)
    write_section("Reading questions: rules and the LLM planner", body)


if __name__ == "__main__":
    main()
