"""Make a synthetic corpus of N distinct abstracts for benchmarks, reproducibly (fixed seed).

Each abstract recombines 5-9 sentences drawn from different seed abstracts; each title joins
the first half of one seed title to the second half of another, numbered when needed to stay
distinct; years 2012-2024; authors drawn from the seed authors. Written as JSONL in the
project's schema (title, abstract, authors, year, venue), streamed, so N can be large.

Usage: .venv/bin/python bench/make_corpus.py 10000 bench/out/synthetic-10k.jsonl [--format arxiv]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from rag.corpus.loaders import load  # noqa: E402
from rag.text.sentences import split_sentences  # noqa: E402


def generate(n: int, out: Path, fmt: str = "jsonl", seed: int = 7) -> Path:
    rng = random.Random(seed)
    papers = [p for p in load([ROOT / "seeds"]) if p.kind == "paper"]
    sentences = [s for p in papers for s in split_sentences(p.abstract) if 40 <= len(s) <= 400]
    halves = [
        (p.title.split()[: len(p.title.split()) // 2], p.title.split()[len(p.title.split()) // 2 :])
        for p in papers
        if len(p.title.split()) >= 4
    ]
    authors = sorted({a for p in papers for a in p.authors}) or ["A. Author"]
    seen: set[str] = set()
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w") as f:
        for i in range(n):
            head, tail = rng.choice(halves)[0], rng.choice(halves)[1]
            title = " ".join(head + tail)
            if title.lower() in seen:
                title = f"{title} ({i})"
            seen.add(title.lower())
            abstract = " ".join(rng.sample(sentences, rng.randint(5, 9)))
            year = rng.randint(2012, 2024)
            names = rng.sample(authors, min(len(authors), rng.randint(1, 5)))
            if fmt == "arxiv":
                record = {
                    "id": f"9999.{i:05d}",
                    "title": title,
                    "abstract": abstract,
                    "authors": ", ".join(names),
                    "categories": "cs.LG",
                    "update_date": f"{year}-01-01",
                }
            else:
                record = {"title": title, "abstract": abstract, "authors": names, "year": year, "venue": "Synthetic"}
            f.write(json.dumps(record) + "\n")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--format", choices=["jsonl", "arxiv"], default="jsonl")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(generate(args.n, args.out, args.format, args.seed))


if __name__ == "__main__":
    main()
