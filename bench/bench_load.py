"""Load on the web UI's API, and memory over many questions.

1. Extractive: `python app.py` on loopback over the seed index; 20 sessions (threads, each its
   own gradio_client) ask 20 questions each (the dev questions in turn); every answer is checked
   to be an answer, and per-question latency p50/p95 and the wall time are reported.
2. LLM mode: the same app pointed at a scripted OpenAI server that takes 3 s to reply; 8
   sessions ask at once, the UI answering up to settings.ui_concurrency (default 4) at a time.
3. Memory: one process, one Assistant, 1,000 questions (dev questions in turn); resident memory
   after each hundred.

Usage: .venv/bin/python bench/bench_load.py   (after `rag ingest` of the seeds into RAG_HOME, default .rag)
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from openai_server import ServerThread, Step  # noqa: E402

from bench.results import commit, machine, write_section  # noqa: E402

QUESTIONS = [json.loads(line)["question"] for line in (ROOT / "evals" / "dev.jsonl").read_text().splitlines()]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_app(env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    full = dict(os.environ, RAG_UI_PORT=str(port), HF_HUB_OFFLINE="1", GRADIO_ANALYTICS_ENABLED="False", **env)
    proc = subprocess.Popen(
        [sys.executable, "app.py"], cwd=ROOT, env=full, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}/"
    for _ in range(240):
        try:
            urllib.request.urlopen(url, timeout=2)
            return proc, url
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("the app did not start")


def sessions(url: str, count: int, per_session: int) -> tuple[list[float], int, float]:
    """(latencies in seconds, answers that were not answers, wall seconds)."""
    from gradio_client import Client

    latencies: list[float] = []
    bad = [0]
    lock = threading.Lock()

    def session(n: int) -> None:
        client = Client(url, verbose=False)
        for i in range(per_session):
            question = QUESTIONS[(n * per_session + i) % len(QUESTIONS)]
            started = time.perf_counter()
            chat, _ = client.predict(question, [], api_name="/ask")
            took = time.perf_counter() - started
            text = chat[-1]["content"][0]["text"] if chat and chat[-1]["content"] else ""
            with lock:
                latencies.append(took)
                bad[0] += 'class="badge"' not in text  # every answer, refusals too, ends with its mode badge

    started = time.perf_counter()
    threads = [threading.Thread(target=session, args=(n,)) for n in range(count)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, bad[0], time.perf_counter() - started


def app_sessions(label: str, env: dict, count: int, per_session: int) -> tuple[list[float], int, float]:
    """`sessions` against an app started with `env`, stopped afterwards; the figures printed."""
    proc, url = start_app(env)
    try:
        latencies, bad, wall = sessions(url, count, per_session)
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    print(
        f"{label}: {len(latencies)} answers, {bad} not answers, p50 {pct(latencies, 0.5):.2f} s, "
        f"p95 {pct(latencies, 0.95):.2f} s, wall {wall:.0f} s"
    )
    return latencies, bad, wall


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def memory(questions: int = 1000) -> list[tuple[int, float]]:
    """(questions asked, resident MiB) after each hundred, in this process."""
    from rag import Assistant

    assistant = Assistant()
    rows = []
    for i in range(1, questions + 1):
        assistant.ask(QUESTIONS[i % len(QUESTIONS)])
        if i % 100 == 0:
            rss = int(Path("/proc/self/status").read_text().split("VmRSS:")[1].split()[0]) / 1024
            rows.append((i, rss))
            print(f"memory: {i} questions, {rss:.0f} MiB", flush=True)
    return rows


def main() -> None:
    from rag.settings import Settings

    home = str(Settings().home)
    latencies, bad, wall = app_sessions("extractive", {"RAG_HOME": home}, 20, 20)
    with ServerThread() as server:
        server.state.default = Step(reply="Group normalization divides the channels into groups [1].", delay=3.0)
        env = {
            "RAG_HOME": home,
            "OPENAI_BASE_URL": server.url,
            "RAG_LLM__MODEL": "scripted",
            "RAG_LLM__TIMEOUT": "30",
            "RAG_LLM__DEADLINE": "60",
        }
        llm_latencies, llm_bad, llm_wall = app_sessions("llm", env, 8, 1)
    rows = memory()
    stamp = commit()
    body = "\n".join(
        [
            f"Commit {stamp}, {machine()}. `.venv/bin/python bench/bench_load.py` over the seed index; "
            "the app "
            f"(`python app.py`) on loopback, answering up to {Settings().ui_concurrency} requests at once "
            "(RAG_UI_CONCURRENCY); sessions are threads with their own gradio_client.",
            "",
            "| load | answers | not answers | p50 | p95 | wall |",
            "|---|---|---|---|---|---|",
            f"| extractive, 20 sessions x 20 questions | {len(latencies)} | {bad} | {pct(latencies, 0.5):.2f} s | "
            f"{pct(latencies, 0.95):.2f} s | {wall:.0f} s |",
            f"| LLM mode, 8 sessions at once, the model taking 3 s | {len(llm_latencies)} | {llm_bad} | "
            f"{pct(llm_latencies, 0.5):.2f} s | {pct(llm_latencies, 0.95):.2f} s | {llm_wall:.0f} s |",
            "",
            "Memory of one process over 1,000 questions (the dev questions in turn), resident MiB after each hundred: "
            + ", ".join(f"{n}: {rss:.0f}" for n, rss in rows)
            + f". Growth from the 100th to the 1,000th question: {rows[-1][1] - rows[0][1]:+.0f} MiB.",
        ]
    )
    write_section("Load: the UI's API and memory", body)


if __name__ == "__main__":
    main()
