"""Hostile input, faults and script injection, in figures: runs the property-based input tests,
the fault tests and the hostile-UI browser tests, and tabulates what each generated or injected
and its outcome (from Hypothesis's own statistics and pytest's results).

Every row's outcome is an invariant its test asserts on every input or trial: no traceback
reaches the user, every valid record is indexed, every rejected one is reported with file:line,
the doc store, Chroma and BM25 agree, no script runs in the browser. A row reads "held" only when
its test passed.

Usage: .venv/bin/python bench/bench_hostile.py   (a few minutes; the load figures are bench_load.py's)
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import commit, machine, write_section  # noqa: E402

MODULES = ["tests/test_hostile_input.py", "tests/test_faults.py", "tests/test_ui_hostile.py"]


def names_in_words() -> dict[str, str]:
    """test name -> its name in words, for every test function of MODULES."""
    out = {}
    for module in MODULES:
        tree = ast.parse((ROOT / module).read_text())
        for node in tree.body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                out[node.name] = node.name[5:].replace("_", " ")
    return out


def main() -> None:
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            *MODULES,
            "-q",
            "-rA",
            "-p",
            "no:cacheprovider",
            "--hypothesis-show-statistics",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    out = run.stdout
    results = {name: status for status, name in re.findall(r"^(PASSED|FAILED|ERROR|SKIPPED) \S+::(\w+)", out, re.M)}
    examples = {}
    for block in re.split(r"\n(?=\S+::test_)", out):
        head = re.match(r"\S+::(test_\w+)", block)
        # one line per phase (reuse, generate, shrink): "150 passing, 0 failing, and 12 invalid test cases"
        counts = re.findall(r"(\d+) passing, (\d+) failing, and \d+ invalid", block)
        if head and counts:
            examples[head.group(1)] = (sum(int(p) for p, _ in counts), sum(int(f) for _, f in counts))
    said = names_in_words()
    stamp = commit()
    lines = [
        f"Commit {stamp}, {machine()}. `.venv/bin/python bench/bench_hostile.py`: "
        + ", ".join(MODULES)
        + ". Generated inputs are Hypothesis's passing examples; a fault test's trials are in its name. "
        "Held: the test's invariants held on every input (no traceback reaches the user; every valid record "
        "indexed, every rejected one reported with file:line; the three stores agree; no script runs).",
        "",
        "| test | inputs generated | outcome |",
        "|---|---|---|",
    ]
    for name, status in results.items():
        passing, failing = examples.get(name, (None, 0))
        generated = f"{passing + failing}" if passing is not None else "-"
        outcome = {"PASSED": "held", "SKIPPED": "skipped"}.get(status, f"**{status.lower()}**")
        lines.append(f"| {said.get(name, name)} | {generated} | {outcome} |")
    total = sum(p + f for p, f in examples.values())
    held = sum(s == "PASSED" for s in results.values())
    lines += ["", f"{total} generated inputs over {len(examples)} property tests; {held} of {len(results)} tests held."]
    body = "\n".join(lines)
    print(body)
    if run.returncode not in (0, 1):
        print(run.stdout[-3000:], run.stderr[-3000:])
    write_section("Hostile input, faults and script injection", body)


if __name__ == "__main__":
    main()
