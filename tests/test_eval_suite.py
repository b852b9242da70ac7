"""The eval suite: metric arithmetic on its own, and the whole question set on the real index
held to evals/thresholds.json (extractive mode, as CI runs it)."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from rag.evaluation import evaluate
from rag.evaluation import report as eval_report
from rag.evaluation.evaluate import Question, QuestionSetError, mentions, resolve, retrieval_metrics
from rag.settings import AnswerSettings


def test_retrieval_metrics_by_hand():
    m = retrieval_metrics(["x", "a", "y", "b"] + ["z"] * 16, ["a", "b", "c"])
    assert m["recall@5"] == pytest.approx(2 / 3) and m["recall@20"] == pytest.approx(2 / 3)
    assert m["mrr"] == pytest.approx(0.5)
    ideal = 1 + 1 / 1.5849625 + 1 / 2
    assert m["ndcg@10"] == pytest.approx((1 / 1.5849625 + 1 / 2.3219281) / ideal, rel=1e-5)
    assert retrieval_metrics(["a"], []) == {}


def test_must_mention_normalises_case_spacing_and_thousands():
    assert mentions("GN has 10.6 % lower error, on 1,000 images", ["10.6%", "1000", "gn"]) == 1.0
    assert mentions("nothing here", ["7", "nine"]) == 0.0
    assert mentions(r"attacks on MNIST achieves merely $50\%$ robust accuracy", ["50%"]) == 1.0
    assert mentions(r"merely $5\%$", ["50%"]) == 0.0


def test_expected_titles_match_by_normalised_title_and_unknown_ones_are_errors():
    titles = {"group normalization": "gn-1"}
    q = Question(id="q", question="?", kind="lookup", expected_titles=["Group  Normalization."])
    assert resolve([q], titles) == {"q": ["gn-1"]}
    bad = Question(id="b", question="?", kind="lookup", expected_titles=["A Paper We Do Not Have"])
    with pytest.raises(QuestionSetError, match="A Paper We Do Not Have"):
        resolve([bad], titles)


def test_malformed_question_file_is_reported_with_line(tmp_path):
    path = tmp_path / "q.jsonl"
    path.write_text('{"id": "a", "question": "x", "kind": "lookup"}\n{"id": "b", "kind": "nonsense"}\n')
    with pytest.raises(QuestionSetError, match="q.jsonl:2"):
        evaluate.load_questions(path)


def test_question_sets_cover_every_kind_and_the_test_split_stands_apart():
    dev = evaluate.load_questions(ROOT / "evals" / "dev.jsonl")
    test = evaluate.load_questions(ROOT / "evals" / "test.jsonl")
    kinds = {"lookup", "survey", "detail", "lecture", "compare", "metadata", "unanswerable"}
    assert {q.kind for q in dev} == kinds and {q.kind for q in test} == kinds
    assert len(dev) + len(test) >= 150 and len(test) >= 60
    assert sum(q.kind == "unanswerable" for q in dev + test) >= 25
    assert not {q.id for q in dev} & {q.id for q in test}
    assert not {q.question for q in dev} & {q.question for q in test}
    # a survey expects several papers, no more than an answer may cite: `max_survey_sources` on a topic, the
    # `summary_papers` a survey weighs when it asks which papers report results on a name (BR's CIFAR-100: 17)
    most = AnswerSettings().summary_papers
    assert all(2 <= len(q.expected_titles) <= most for q in dev + test if q.kind == "survey")
    assert all(not q.expected_titles for q in dev + test if q.kind == "unanswerable")
    samples = json.loads((ROOT / "evals" / "samples.json").read_text())
    # the first split, then the fresh E/F batch's, then sample I's, sample M's and sample Q's
    recorded = [qid for part in ("split", "split_EF", "split_I", "split_M", "split_Q") for qid in samples[part]["test"]]
    assert sorted(recorded) == sorted(q.id for q in test)  # the split recorded is the split used
    assert set(samples["split_EF"]["dev"]) <= {q.id for q in dev}


def test_every_expected_title_names_a_seed_paper(seed_assistant):
    titles = {evaluate.normalise_title(p.title): p.id for p in seed_assistant.papers()}
    for name in ("dev", "test"):
        questions = evaluate.load_questions(ROOT / "evals" / f"{name}.jsonl")
        expected = resolve(questions, titles)  # raises on a title the seeds do not have
        assert all(expected[q.id] for q in questions if q.kind != "unanswerable")


def test_both_splits_meet_their_thresholds_and_the_report_shows_them_side_by_side(
    eval_reports, seed_assistant, tmp_path
):
    reports = eval_reports
    assert set(reports) == set(evaluate.SPLITS)
    thresholds = json.loads((ROOT / "evals" / "thresholds.json").read_text())
    assert {k.split(".")[0] for k in thresholds} == {"dev", "test"}
    assert evaluate.check_splits(reports, thresholds) == []
    assert set(reports["dev"].by_mode) == {"hybrid", "rrf", "dense", "bm25"}
    path = eval_report.write(reports, tmp_path / "report", {p.id: p.title for p in seed_assistant.papers()})
    text = path.read_text()
    assert "| metric | dev | test |" in text and "## dev: " in text and "## test: " in text
    assert (tmp_path / "report" / "refusal.png").stat().st_size > 5000
    assert (tmp_path / "report" / "dev" / "by_kind.png").stat().st_size > 5000


def test_check_reports_drops_and_ceilings():
    report = evaluate.Report(
        questions_file="",
        modes=["hybrid"],
        overall={"citation_validity": 0.9, "false_refusal_rate": 0.1},
        by_kind={},
        by_mode={},
        latency={},
        questions=[],
    )
    assert evaluate.check(
        report, {"overall.citation_validity": 1.0, "overall.false_refusal_rate": 0.05, "survey.citation_recall": 0.5}
    ) == [
        "overall.citation_validity = 0.900, below the threshold 1.0",
        "overall.false_refusal_rate = 0.100, above the ceiling 0.05",
        "survey.citation_recall: not measured",
    ]


def test_report_lists_the_answers_that_carry_a_notice():
    def result(qid: str, notice: str | None) -> evaluate.QuestionResult:
        return evaluate.QuestionResult(
            id=qid,
            kind="detail",
            question="q",
            expected=[],
            retrieval={},
            ranked={},
            answer="a",
            notice=notice,
            cited=[],
            refused=False,
            answer_mode="extractive",
            metrics={},
            latency_ms={},
            failures=[],
        )

    report = evaluate.Report(
        questions_file="",
        modes=["hybrid"],
        overall={"questions": 2},
        by_kind={},
        by_mode={},
        latency={},
        questions=[result("detail-01", None), result("detail-02", "no cited source mentions X")],
    )
    text = eval_report._markdown(report, {})
    assert "## Answers with a notice (1)" in text
    assert "- detail-02 (detail): no cited source mentions X" in text and "detail-01 (detail)" not in text
