"""Evaluation: hand-written questions with expected papers, run through search and ask.

`run(assistant, questions, modes)` returns a `Report` with per-question, per-kind, per-mode and
overall metrics: paper-level retrieval (Recall@5/10/20, MRR, nDCG@10) for every retrieval mode
side by side, answer citations (recall, precision, validity), must-mention coverage, refusal
and false-refusal rates, and latency per stage. Expected titles are matched to documents by
normalised title; one that matches nothing is an error in the question set, not a miss.
"""

from __future__ import annotations

import json
import math
import re
import statistics
import time
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from rag.corpus.models import normalise_title
from rag.errors import QuestionSetError
from rag.settings import RetrievalMode

Kind = Literal["lookup", "survey", "detail", "lecture", "compare", "metadata", "unanswerable"]
ALL_MODES: tuple[RetrievalMode, ...] = ("hybrid", "rrf", "dense", "bm25")
CUTOFFS = (5, 10, 20)


class Question(BaseModel):
    id: str
    question: str
    kind: Kind
    expected_titles: list[str] = Field(default_factory=list)
    must_mention: list[str] = Field(default_factory=list)
    notes: str = ""


class QuestionResult(BaseModel):
    id: str
    kind: Kind
    question: str
    expected: list[str]  # expected paper ids
    retrieval: dict[str, dict[str, float]]  # mode -> metric -> value
    ranked: dict[str, list[str]]  # mode -> top paper ids
    answer: str
    notice: str | None = None  # what the answer said about itself (a fallback, a name no source mentions)
    cited: list[str]  # paper ids cited, in citation order
    refused: bool
    answer_mode: str
    gate: float | None = None  # the refusal gate's probability (questions answered from the abstracts)
    metrics: dict[str, float]  # citation_recall, citation_precision, citation_validity, must_mention
    latency_ms: dict[str, float]  # stage -> milliseconds
    failures: list[str]


class Report(BaseModel):
    questions_file: str
    modes: list[str]
    overall: dict[str, float]
    by_kind: dict[str, dict[str, float]]
    by_mode: dict[str, dict[str, float]]
    latency: dict[str, dict[str, float]]  # stage -> {p50, p95}
    questions: list[QuestionResult]


def load_questions(path: Path) -> list[Question]:
    questions: list[Question] = []
    problems: list[str] = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise QuestionSetError(f"{path}: cannot be read ({exc.strerror})") from None
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            questions.append(Question.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            problems.append(f"{path.name}:{number}: {str(exc).splitlines()[0]}")
    if problems:
        raise QuestionSetError("malformed questions:\n" + "\n".join(problems))
    return questions


def resolve(questions: list[Question], titles: dict[str, str]) -> dict[str, list[str]]:
    """question id -> expected paper ids; `titles` maps normalised title -> paper id."""
    expected, missing = {}, []
    for q in questions:
        ids = []
        for title in q.expected_titles:
            pid = titles.get(normalise_title(title))
            if pid is None:
                missing.append(f"{q.id}: no document titled {title!r}")
            else:
                ids.append(pid)
        expected[q.id] = ids
    if missing:
        raise QuestionSetError("the question set names documents the corpus does not have:\n" + "\n".join(missing))
    return expected


def retrieval_metrics(ranked: list[str], relevant: list[str]) -> dict[str, float]:
    if not relevant:
        return {}
    wanted = set(relevant)
    out = {f"recall@{k}": len(wanted & set(ranked[:k])) / len(wanted) for k in CUTOFFS}
    first = next((i for i, pid in enumerate(ranked, start=1) if pid in wanted), None)
    out["mrr"] = 1.0 / first if first else 0.0
    dcg = sum(1 / math.log2(i + 1) for i, pid in enumerate(ranked[:10], start=1) if pid in wanted)
    ideal = sum(1 / math.log2(i + 1) for i in range(1, min(len(wanted), 10) + 1))
    out["ndcg@10"] = dcg / ideal
    return out


def mentions(answer: str, facts: list[str]) -> float:
    """Share of `facts` found in the answer, ignoring case, spacing inside numbers, thousands commas
    and inline LaTeX as abstracts write numbers ("$50\\%$" is 50%)."""
    if not facts:
        return 1.0

    def norm(text: str) -> str:
        text = text.lower().replace("\u2009", " ").replace("\\%", "%").replace("$", "")
        text = re.sub(r"(\d)[\s,](?=\d{3}\b)", r"\1", text)
        return re.sub(r"(\d)\s+%", r"\1%", re.sub(r"\s+", " ", text))

    body = norm(answer)
    return sum(norm(f) in body for f in facts) / len(facts)


def _pct(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(
    assistant, questions: list[Question], modes: tuple[str, ...] = ALL_MODES, *, questions_file: str = ""
) -> Report:
    """Every question through search (each mode) and ask; metrics per question, kind, mode."""
    titles = {normalise_title(p.title): p.id for p in assistant.papers()}
    expected = resolve(questions, titles)
    return summarise([run_question(assistant, q, expected[q.id], modes) for q in questions], modes, questions_file)


def summarise(results: list[QuestionResult], modes: tuple[str, ...] | list[str], questions_file: str = "") -> Report:
    """The report over these questions' results: metrics overall, per kind and per mode (a part of
    a report is summarised again from its results, without answering anything twice)."""
    modes = tuple(modes)
    return Report(
        questions_file=questions_file,
        modes=list(modes),
        overall=_aggregate(results, modes),
        by_kind={
            k: _aggregate([r for r in results if r.kind == k], modes) for k in dict.fromkeys(r.kind for r in results)
        },
        by_mode={m: _mode_summary(results, m) for m in modes},
        latency={stage: {"p50": _pct(v, 0.5), "p95": _pct(v, 0.95)} for stage, v in _latencies(results).items()},
        questions=results,
    )


def run_question(assistant, q: Question, relevant: list[str], modes: tuple[str, ...] = ALL_MODES) -> QuestionResult:
    """One question through search (each mode) and ask; `relevant` is its expected papers' ids (`resolve`)."""
    retrieval, ranked, latency = {}, {}, {}
    for mode in modes:
        start = time.perf_counter()
        hits = assistant.search(q.question, max(CUTOFFS), mode=mode)
        latency[f"search_{mode}"] = (time.perf_counter() - start) * 1000
        ranked[mode] = [h.paper.id for h in hits]
        # metadata questions are answered from the paper records, not by ranking: no retrieval metrics
        retrieval[mode] = retrieval_metrics(ranked[mode], relevant) if q.kind != "metadata" else {}
    start = time.perf_counter()
    answer = assistant.ask(q.question)
    latency["ask"] = (time.perf_counter() - start) * 1000
    cited = list(dict.fromkeys(c.paper.id for c in answer.citations))
    metrics: dict[str, float] = {}
    failures: list[str] = []
    if cited:
        metrics["citation_validity"] = sum(pid in answer.retrieved_ids for pid in cited) / len(cited)
    if q.kind == "unanswerable":
        metrics["refused"] = float(answer.refused)
        if not answer.refused:
            failures.append("answered a question the corpus does not cover")
    else:
        metrics["false_refusal"] = float(answer.refused)
        metrics["citation_recall"] = len(set(cited) & set(relevant)) / len(relevant) if relevant else 1.0
        metrics["citation_precision"] = len(set(cited) & set(relevant)) / len(cited) if cited else 0.0
        metrics["must_mention"] = mentions(
            answer.text + " " + " ".join(c.passage for c in answer.citations), q.must_mention
        )
        if answer.refused:
            failures.append("refused an answerable question")
        if metrics["citation_recall"] < 1.0:
            failures.append(f"cited {len(set(cited) & set(relevant))} of {len(relevant)} expected papers")
        if metrics["must_mention"] < 1.0:
            failures.append("missing key facts")
        if retrieval.get("hybrid", {}).get("recall@10", 1.0) < 1.0:
            failures.append("an expected paper is not in the hybrid top 10")
    if metrics.get("citation_validity", 1.0) < 1.0:
        failures.append("cited a document that was not retrieved")
    return QuestionResult(
        id=q.id,
        kind=q.kind,
        question=q.question,
        expected=relevant,
        retrieval=retrieval,
        ranked={m: r[:10] for m, r in ranked.items()},
        answer=answer.text,
        notice=answer.notice,
        cited=cited,
        refused=answer.refused,
        answer_mode=answer.mode,
        gate=answer.gate,
        metrics=metrics,
        latency_ms=latency,
        failures=failures,
    )


def _mean(values: list[float]) -> float:
    return round(statistics.fmean(values), 4) if values else float("nan")


def _aggregate(results: list[QuestionResult], modes: tuple[str, ...]) -> dict[str, float]:
    out: dict[str, float] = {"questions": len(results)}
    for mode in modes:
        rows = [r.retrieval[mode] for r in results if r.retrieval.get(mode)]
        for metric in ("recall@5", "recall@10", "recall@20", "mrr", "ndcg@10"):
            if rows:
                out[f"{mode}.{metric}"] = _mean([row[metric] for row in rows])
    for metric in (
        "citation_recall",
        "citation_precision",
        "citation_validity",
        "must_mention",
        "refused",
        "false_refusal",
    ):
        values = [r.metrics[metric] for r in results if metric in r.metrics]
        if values:
            out[{"refused": "refusal_rate", "false_refusal": "false_refusal_rate"}.get(metric, metric)] = _mean(values)
    return out


def _mode_summary(results: list[QuestionResult], mode: str) -> dict[str, float]:
    rows = [r.retrieval[mode] for r in results if r.retrieval.get(mode)]
    summary = {m: _mean([row[m] for row in rows]) for m in ("recall@5", "recall@10", "recall@20", "mrr", "ndcg@10")}
    summary["latency_p50_ms"] = round(_pct([r.latency_ms[f"search_{mode}"] for r in results], 0.5), 2)
    return summary


def _latencies(results: list[QuestionResult]) -> dict[str, list[float]]:
    stages: dict[str, list[float]] = {}
    for r in results:
        for stage, ms in r.latency_ms.items():
            stages.setdefault(stage, []).append(ms)
    return stages


SPLITS = ("dev", "test")


def run_splits(assistant, files: dict[str, Path], modes: tuple[str, ...] = ALL_MODES) -> dict[str, Report]:
    """`run` on each named question file: {"dev": Report, "test": Report} for the two splits."""
    return {name: run(assistant, load_questions(path), modes, questions_file=str(path)) for name, path in files.items()}


def check_splits(reports: dict[str, Report], thresholds: dict[str, float]) -> list[str]:
    """`check` per split: keys are "<split>.<scope>.<metric>" ("test.survey.citation_recall");
    a split that was not run is not checked."""
    failures = []
    for name, report in reports.items():
        mine = {k.split(".", 1)[1]: v for k, v in thresholds.items() if k.split(".", 1)[0] == name}
        failures += [f"{name}: {line}" for line in check(report, mine)]
    return failures


def check(report: Report, thresholds: dict[str, float]) -> list[str]:
    """Metrics below their threshold, as readable lines. Keys: "overall.<metric>" or "<kind>.<metric>"."""
    failures = []
    for key, floor in thresholds.items():
        scope, metric = key.split(".", 1)
        table = report.overall if scope == "overall" else report.by_kind.get(scope, {})
        value = table.get(metric)
        if value is None or (isinstance(value, float) and math.isnan(value)):
            failures.append(f"{key}: not measured")
        elif metric == "false_refusal_rate" and value > floor:
            failures.append(f"{key} = {value:.3f}, above the ceiling {floor}")
        elif metric != "false_refusal_rate" and value < floor:
            failures.append(f"{key} = {value:.3f}, below the threshold {floor}")
    return failures
