"""Does the distilled student only know the papers it was trained on? The student learns from the
corpus's own text, and the eval questions ask about that corpus, so the quality table measures
it on papers it has read (never on the questions). Here a student is distilled on 70% of the
seed papers (split by a hash of the paper id), the whole seed corpus is ingested with it and
with the packaged model (both int8), and retrieval is compared on questions whose expected
papers the student never saw vs questions whose papers it did. Writes the "Distilled student:
papers it never saw" section of bench/RESULTS.md.

Usage: .venv/bin/python bench/bench_distil.py [--student DIR]
       (trains DIR if it is not there or is of an older recipe, ~25 min)
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.results import machine, write_section  # noqa: E402
from rag import Assistant, Settings  # noqa: E402
from rag.corpus.loaders import load  # noqa: E402
from rag.embedding.distil import RECIPE_VERSION, distil, manifest  # noqa: E402
from rag.evaluation.evaluate import load_questions, run  # noqa: E402

QUESTIONS = ROOT / "evals" / "dev.jsonl"
NOTE = (
    "Few questions fall wholly on one side of a split of papers, so these figures are indicative. The dense "
    "columns show the student's own ranking (hybrid adds BM25 and feedback, which hide small differences)."
)


def gap_sentence(packaged: dict[str, dict[str, float]], student: dict[str, dict[str, float]]) -> str:
    """What the dense MRR columns say, from the numbers measured (not written in advance)."""
    gap = {group: student[group]["dense.mrr"] - packaged[group]["dense.mrr"] for group in ("unseen", "seen")}
    return (
        f"Student's dense MRR minus the packaged model's: {gap['unseen']:+.3f} on papers it never saw, "
        f"{gap['seen']:+.3f} on papers it was trained on."
    )


def in_training(paper_id: str) -> bool:
    return int(hashlib.sha1(paper_id.encode()).hexdigest()[:8], 16) % 10 < 7


def evaluate(model_path: str | None) -> dict[str, dict[str, float]]:
    home = Path(tempfile.mkdtemp(prefix="rag-distil-"))
    try:
        assistant = Assistant(Settings(home=home, embedder="onnx-int8", model_path=model_path, corpus=[ROOT / "seeds"]))
        assistant.ingest(progress=False)
        report = run(assistant, load_questions(QUESTIONS), ("hybrid", "dense"), questions_file=str(QUESTIONS))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    groups: dict[str, list] = {"unseen": [], "seen": []}
    for q in report.questions:
        if "recall@10" not in q.retrieval.get("dense", {}):  # metadata questions are not retrieval
            continue
        seen = {in_training(p) for p in q.expected}
        if len(seen) == 1:
            groups["seen" if seen.pop() else "unseen"].append(q)
    return {
        name: {
            "questions": len(qs),
            **{
                f"{mode}.{m}": sum(q.retrieval[mode][m] for q in qs) / len(qs)
                for mode in ("hybrid", "dense")
                for m in ("recall@10", "mrr")
            },
        }
        for name, qs in groups.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--student", type=Path, default=ROOT / "bench" / "out" / "student-70pct")
    args = parser.parse_args()
    papers = load([ROOT / "seeds"])
    train = [p for p in papers if in_training(p.id)]
    stale = (manifest(args.student) or {}).get("recipe_version", RECIPE_VERSION) != RECIPE_VERSION
    if not args.student.exists() or stale:  # a student of an older recipe is made again
        report = distil(train, args.student)
        print(f"distilled on {len(train)} of {len(papers)} papers: {report.steps} steps, {report.seconds:.0f} s")
    packaged, student = evaluate(None), evaluate(str(args.student))
    results = {"packaged MiniLM (6 layers), int8": packaged, "student distilled on 70% of the papers, int8": student}
    recipe = (manifest(args.student) or {}).get("recipe_version", "?")
    rows = [
        "| model | questions on | questions | hybrid R@10 | hybrid MRR | dense R@10 | dense MRR |",
        "|---|---|---|---|---|---|---|",
    ]
    for label, groups in results.items():
        for name, g in groups.items():
            where = "papers the student never saw" if name == "unseen" else "papers it was trained on"
            rows.append(
                f"| {label} | {where} | {g['questions']:.0f} | {g['hybrid.recall@10']:.3f} | "
                f"{g['hybrid.mrr']:.3f} | {g['dense.recall@10']:.3f} | {g['dense.mrr']:.3f} |"
            )
            print(label, name, {k: round(v, 3) for k, v in g.items()})
    body = "\n".join(
        [
            f"Machine: {machine()}. {len(train)} of {len(papers)} seed documents (a hash of the id) are the "
            "student's training text; the whole seed corpus is then ingested and the eval questions are split by "
            "whether all their expected papers were in training or none was (questions mixing both, "
            f"unanswerable and metadata ones are left out). The student is `rag distil`'s recipe {recipe} "
            "(rag/embedding/distil.py). The packaged model on the same questions is the reference.",
            "",
            *rows,
            "",
            f"{NOTE} {gap_sentence(packaged, student)}",
            "",
            "Reproduce: `.venv/bin/python bench/bench_distil.py`",
        ]
    )
    write_section("Distilled student: papers it never saw", body)


if __name__ == "__main__":
    main()
