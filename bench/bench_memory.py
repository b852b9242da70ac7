"""Memory and filtered search on an index a scale run left (bench_scale.py): the BM25 build's
peak RSS, what the search process holds after loading the catalogue and after its first query,
and the latency of filtered hybrid searches (narrow to wide filters). Each measurement runs in a
fresh process so its peak RSS is its own. Prints the figures and rewrites its section of
bench/RESULTS.md.

Usage: .venv/bin/python bench/bench_memory.py [--home bench/out/home-onnx-100000] [--embedder onnx]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import machine, write_section  # noqa: E402

FILTERS = [
    ("author", {"author": "Tramer"}),
    ("one year", {"year": 2018}),
    ("venue", {"venue": "Synthetic"}),
    ("year and later", {"year_from": 2015}),
    ("year and author", {"year": 2018, "author": "Tramer"}),
]

_RSS = """
def rss():
    return int(open('/proc/self/status').read().split('VmRSS:')[1].split()[0]) / 1024
def peak():
    return int(open('/proc/self/status').read().split('VmHWM:')[1].split()[0]) / 1024
"""

BM25 = (
    _RSS
    + """
import json, time
from pathlib import Path
from rag.index.docstore import DocStore
from rag.index.bm25 import LexicalIndex
docs = DocStore(Path({home!r}) / "papers.sqlite")
start, before = time.perf_counter(), rss()
built = LexicalIndex.build(docs.chunk_texts(), docs.version)
print(json.dumps({{"chunks": len(built.chunk_ids), "seconds": time.perf_counter() - start, "before": before,
                  "peak": peak()}}))
"""
)

SEARCH = (
    _RSS
    + """
import json, time, statistics
from rag import Assistant
a = Assistant()
start = time.perf_counter(); a._current(); catalogue_s = time.perf_counter() - start; catalogue_rss = rss()
start = time.perf_counter(); a.search("robust overfitting", 10); first_s = time.perf_counter() - start
after_first = rss()
filtered = {{}}
for name, given in {filters!r}:
    times = []
    for query in ("bilevel optimization", "certified robustness", "noisy labels"):
        for _ in range(2):
            start = time.perf_counter(); a.search(query, 10, **given); times.append(time.perf_counter() - start)
    filtered[name] = (statistics.median(times) * 1000, max(times) * 1000)
print(json.dumps({{"papers": len(a._current()), "catalogue_s": catalogue_s, "catalogue_rss": catalogue_rss,
                  "first_s": first_s, "after_first": after_first, "filtered": filtered}}))
"""
)


def run(code: str, home: Path, embedder: str) -> dict:
    env = dict(os.environ, RAG_HOME=str(home), RAG_EMBEDDER=embedder, HF_HUB_OFFLINE="1")
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--home", type=Path, default=ROOT / "bench" / "out" / "home-onnx-100000")
    parser.add_argument("--embedder", default="onnx")
    args = parser.parse_args()
    if not (args.home / "papers.sqlite").exists():
        raise SystemExit(f"no index at {args.home}: run bench/bench_scale.py --sizes 100000 first")
    bm25 = run(BM25.format(home=str(args.home)), args.home, args.embedder)
    search = run(SEARCH.format(filters=FILTERS), args.home, args.embedder)
    print(json.dumps({"bm25": bm25, "search": search}))
    rows = [
        f"| BM25 build over {bm25['chunks']:,} chunks (streamed from the doc store) | "
        f"{bm25['seconds']:.0f} s, peak RSS {bm25['peak']:.0f} MiB (process at start {bm25['before']:.0f} MiB) |",
        f"| catalogue of {search['papers']:,} papers (cards) | {search['catalogue_s']:.1f} s, "
        f"process RSS {search['catalogue_rss']:.0f} MiB |",
        f"| first hybrid search (loads Chroma's index, BM25, the model) | {search['first_s']:.1f} s, "
        f"process RSS after it {search['after_first']:.0f} MiB |",
    ]
    rows += [
        f"| filtered hybrid search, {name} (`{json.dumps(given)}`) | median {search['filtered'][name][0]:.0f} ms, "
        f"max {search['filtered'][name][1]:.0f} ms |"
        for name, given in FILTERS
    ]
    shown_home = args.home.relative_to(ROOT) if args.home.is_relative_to(ROOT) else args.home
    body = "\n".join(
        [
            f"Machine: {machine()}. Index: `{shown_home}` "
            f"(left by bench_scale.py), embedder `{args.embedder}`; each part in a fresh process.",
            "",
            "| what | measured |",
            "|---|---|",
            *rows,
            "",
            "Reproduce: `.venv/bin/python bench/bench_memory.py --home bench/out/home-onnx-100000`",
        ]
    )
    write_section(f"Memory and filtered search at {search['papers']:,} papers", body)


if __name__ == "__main__":
    main()
