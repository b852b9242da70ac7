"""bench/RESULTS.md is made of sections, one per benchmark; each script rewrites only its own."""

from __future__ import annotations

import os
import platform
import re
import subprocess
from pathlib import Path

RESULTS = Path(__file__).resolve().parent / "RESULTS.md"
HEADER = "# Benchmark results\n\nWritten by the scripts in bench/; each section says how to reproduce it.\n"


# what the benches themselves write: a change to these alone does not change the figures
REPORTS = re.compile(r"^(?:bench/RESULTS\.md|evals/[^/]+\.md)$")


def commit() -> str:
    """The short hash of the checked-out commit, which figures are stamped with; "+dirty" after it
    when tracked files other than the benches' own reports differ from it (figures from code that
    no commit holds)."""
    root = Path(__file__).resolve().parents[1]
    run = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=root)
    status = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True, cwd=root
    )
    changed = [line[3:].strip() for line in status.stdout.splitlines() if line.strip()]
    dirty = any(not REPORTS.match(path) for path in changed)
    return run.stdout.strip() + ("+dirty" if dirty else "")


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1))
        mem = f", {kib / 1024 / 1024:.0f} GiB RAM"
    except (OSError, AttributeError):
        pass
    return f"{os.cpu_count()} cores ({cpu}){mem}, Python {platform.python_version()}, {platform.system()}"


def write_section(title: str, body: str) -> None:
    text = RESULTS.read_text() if RESULTS.exists() else HEADER
    block = f"## {title}\n\n{body.strip()}\n"
    pattern = re.compile(rf"^## {re.escape(title)}\n.*?(?=^## |\Z)", re.S | re.M)
    text = pattern.sub(block + "\n", text) if pattern.search(text) else text.rstrip() + "\n\n" + block
    RESULTS.write_text(text)
