"""Scale benchmark: ingest a synthetic corpus of N abstracts (bench/make_corpus.py) with the real
pipeline in a fresh process, then measure hybrid search latency warm, on the embedded store and
against a `chroma run` server on loopback (filled from the embedding cache, so it re-embeds
nothing). Reports docs/s, peak RSS, index size, search p50/p95; appends rows to bench/RESULTS.md
and plots throughput and latency against corpus size.

Usage: .venv/bin/python bench/bench_scale.py --sizes 1000 10000 [--embedder onnx|onnx-int8|torch]
       [--model-path DIR --label NAME]   (another model folder, e.g. a distilled student, shown as NAME)
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.make_corpus import generate  # noqa: E402
from bench.results import RESULTS, machine, write_section  # noqa: E402

OUT = ROOT / "bench" / "out"
QUERIES = ROOT / "evals" / "dev.jsonl"


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def du(path: Path, but: Path | None = None) -> int:
    """Bytes of the files under `path`, leaving out `but` (the input corpus, kept beside the index)."""
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and p != but)


def tree_rss(root: int) -> int:
    """Resident bytes of process `root` and all its descendants (the embedding workers), from /proc."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
                parents[int(entry.name)] = int(stat[stat.rindex(")") + 2 :].split()[1])
            except (OSError, ValueError):
                continue
    tree, grew = {root}, True
    while grew:
        grew = False
        for pid, parent in parents.items():
            if parent in tree and pid not in tree:
                tree.add(pid)
                grew = True
    total = 0
    for pid in tree:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1]) * 1024
        except OSError:
            continue
    return total


def _env(home: Path, embedder: str, model_path: str | None) -> dict[str, str]:
    env = dict(os.environ, RAG_HOME=str(home), RAG_EMBEDDER=embedder, HF_HUB_OFFLINE="1")
    if model_path:
        env["RAG_MODEL_PATH"] = model_path
    return env


def ingest(corpus: Path, home: Path, embedder: str, model_path: str | None = None) -> dict:
    """Run `rag ingest` in a fresh process; peak RSS is the whole process tree's (the ingest
    process plus its embedding workers), sampled every 0.25 s."""
    env = _env(home, embedder, model_path)
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "rag.cli", "ingest", str(corpus), "--json"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    peak = 0
    while proc.poll() is None:
        peak = max(peak, tree_rss(proc.pid))
        time.sleep(0.25)
    seconds = time.perf_counter() - start
    out = proc.stdout.read()
    if proc.returncode:
        raise RuntimeError(f"rag ingest failed ({proc.returncode})")
    report = json.loads(out)
    return {
        "seconds": seconds,
        "docs": report["documents"],
        "chunks": report["embedded"] + report["cached"],
        "peak_rss_mib": peak / 2**20,
        "index_mib": du(home, but=corpus) / 2**20,
    }


def search_latency(
    home: Path, embedder: str, url: str | None = None, model_path: str | None = None
) -> tuple[float, float]:
    env = _env(home, embedder, model_path)
    if url:
        env["RAG_CHROMA_URL"] = url
    code = f"""
import json, time
from rag import Assistant
from rag.evaluation.evaluate import load_questions
from pathlib import Path
a = Assistant()
if a.vectors.count() == 0:
    a.ingest([{str(home / "corpus.jsonl")!r}], progress=False)
qs = [q.question for q in load_questions(Path({str(QUERIES)!r}))]
a.search("warm up", 10); a.search("second warm up", 10)
times = []
for _ in range(2):
    for q in qs:
        s = time.perf_counter(); a.search(q, 10); times.append((time.perf_counter() - s) * 1000)
print(json.dumps(times))
"""
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    times = json.loads(done.stdout.strip().splitlines()[-1])
    return pct(times, 0.5), pct(times, 0.95)


def chroma_server(data: Path) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    exe = Path(sys.executable).with_name("chroma")
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(120):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            time.sleep(0.5)
    proc.terminate()
    raise RuntimeError("chroma run did not start")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000])
    parser.add_argument("--embedder", default="onnx")
    parser.add_argument("--report-only", action="store_true", help="rewrite the section from earlier runs")
    parser.add_argument(
        "--search-only",
        action="store_true",
        help="re-measure search on the index a previous run of this size left, keep its ingest figures",
    )
    parser.add_argument("--model-path", help="model folder instead of the packaged one (e.g. `rag distil`'s student)")
    parser.add_argument("--label", help="the embedder column's name for --model-path rows, e.g. student-int8")
    parser.add_argument(
        "--note",
        default="",
        help="said in the row's note column (e.g. what else ran meanwhile); with "
        "--search-only, how the search differed (replacing what an earlier one said)",
    )
    args = parser.parse_args()
    if args.report_only:
        report(OUT / "scale.jsonl")
        print(f"written to {RESULTS}")
        return
    rows = []
    history = OUT / "scale.jsonl"
    label = args.label or args.embedder
    model = str(Path(args.model_path).resolve()) if args.model_path else None
    for n in args.sizes:
        home = OUT / f"home-{label}-{n}"
        if args.search_only:
            earlier = [
                r for r in map(json.loads, history.read_text().splitlines()) if r["n"] == n and r["embedder"] == label
            ]
            row = dict(earlier[-1])
            if args.note:  # replaces what an earlier --search-only said; the ingest's note stays
                row["search_note"] = args.note
            row["p50"], row["p95"] = search_latency(home, args.embedder, model_path=model)
            server, url = chroma_server(home / "server-db")
            try:
                row["server_p50"], row["server_p95"] = search_latency(home, args.embedder, url, model)
            finally:
                server.terminate()
                server.wait(timeout=30)
            rows.append(row)
            print(json.dumps(row))
            continue
        shutil.rmtree(home, ignore_errors=True)
        home.mkdir(parents=True)
        corpus = generate(n, home / "corpus.jsonl")
        got = ingest(corpus, home, args.embedder, model)
        p50, p95 = search_latency(home, args.embedder, model_path=model)
        server, url = chroma_server(home / "server-db")
        try:
            sp50, sp95 = search_latency(home, args.embedder, url, model)
        finally:
            server.terminate()
            server.wait(timeout=30)
        row = {
            "n": n,
            "embedder": label,
            **got,
            "docs_per_s": got["docs"] / got["seconds"],
            "chunks_per_s": got["chunks"] / got["seconds"],
            "p50": p50,
            "p95": p95,
            "server_p50": sp50,
            "server_p95": sp95,
        }
        if args.note:
            row["note"] = args.note
        rows.append(row)
        print(json.dumps(row))
    with history.open("a") as f:
        for row in rows:
            f.write(json.dumps(row) + "\n")
    report(history)
    print(f"written to {RESULTS}")


def report(history: Path) -> None:
    """Rewrite the Scale section and the plot from every row measured so far (the latest per
    size and embedder). A row's optional "note" says how its run differed, "search_note" how its search was last
    re-measured (--search-only)."""
    all_rows = {(r["n"], r["embedder"]): r for r in map(json.loads, history.read_text().splitlines())}
    _plot(list(all_rows.values()))
    table = [
        "| docs | embedder | ingest docs/s (chunks/s) | peak RSS | index on disk | hybrid search p50 / p95, "
        "embedded | p50 / p95, Chroma server | note |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in sorted(all_rows.values(), key=lambda r: (r["embedder"], r["n"])):
        table.append(
            f"| {r['n']:,} | {r['embedder']} | {r['docs_per_s']:.1f} ({r['chunks_per_s']:.1f}) | "
            f"{r['peak_rss_mib']:.0f} MiB | {r['index_mib']:.0f} MiB | {r['p50']:.1f} / {r['p95']:.1f} ms | "
            f"{r['server_p50']:.1f} / {r['server_p95']:.1f} ms | "
            f"{'; '.join(filter(None, [r.get('note'), r.get('search_note') and 'search ' + r['search_note']]))} |"
        )
    body = "\n".join(
        [
            f"Machine: {machine()}. Synthetic corpora from `bench/make_corpus.py` (seed 7), ingested from a fresh "
            "index in a fresh process (parse, chunk, embed in two worker processes, Chroma, BM25). Peak RSS is the "
            "ingest process and its workers together, sampled every 0.25 s. Index on disk: Chroma, BM25, paper "
            "records and the embedding cache, not the input file. Search: the "
            f"{len(QUERIES.read_text().splitlines())} eval questions, twice, warm (hybrid: BM25 beside the dense "
            "search, relevance feedback, the two scores blended, phrase proximity; passage vectors read from the local "
            "embedding cache); the server is `chroma run` on loopback, filled from the embedding cache.",
            "",
            *table,
            "",
            "![throughput and latency](scale.png)",
            "",
            "Reproduce a row: `.venv/bin/python bench/bench_scale.py --sizes N --embedder E`; student-int8 is the "
            "3-layer student distilled on the seed corpus (`rag distil seeds --out bench/out/student-seeds`, ~30 min) "
            "on the int8 path: `--embedder onnx-int8 --model-path bench/out/student-seeds --label student-int8`; "
            "rewrite this section from bench/out/scale.jsonl: `--report-only`",
        ]
    )
    write_section("Scale", body)


def _plot(rows: list[dict]) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, (left, right) = plt.subplots(1, 2, figsize=(10, 4), dpi=110)
    for embedder in sorted({r["embedder"] for r in rows}):
        mine = sorted((r for r in rows if r["embedder"] == embedder), key=lambda r: r["n"])
        sizes = [r["n"] for r in mine]
        left.plot(sizes, [r["docs_per_s"] for r in mine], marker="o", label=embedder)
        right.plot(sizes, [r["p50"] for r in mine], marker="o", label=f"{embedder} embedded p50")
        right.plot(sizes, [r["server_p50"] for r in mine], marker="s", linestyle="--", label=f"{embedder} server p50")
    for ax, title, unit in ((left, "Ingest throughput", "documents / s"), (right, "Hybrid search latency", "ms")):
        ax.set_xscale("log")
        ax.set_xlabel("documents in the corpus")
        ax.set_ylabel(unit)
        ax.set_title(title)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(ROOT / "bench" / "scale.png")
    plt.close(fig)


if __name__ == "__main__":
    main()
