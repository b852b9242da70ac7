"""LLM mode on a real model's output: the recorded replies of the local 1.5B model
(tests/cassettes/, `bash scripts/local-llm.sh record`) replayed by the scripted OpenAI server to
every eval question, as streamed when recorded. A prompt that changed since its recording fails
here: the replies must be recorded again for it.

What must hold on real output (issue: LLM mode proven on a real model):
- every cited paper was retrieved for the question, and no degenerate sentence is shown;
- LLM mode is never below extractive mode in citation recall, nor above it in false refusals,
  on the same questions of each split.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT
from openai_server import ServerThread

from rag import Assistant, Settings
from rag.corpus.models import normalise_title
from rag.evaluation import cassettes
from rag.evaluation.evaluate import load_questions, resolve
from rag.evaluation.llm_mode import degenerate_sentences, outcome
from rag.evaluation.record import cassette_path

MODEL = "qwen2.5-coder-1.5b"
RERECORD = "record them again with `bash scripts/local-llm.sh record` (about an hour on two cores)"


def _recordings(kind: str) -> dict:
    path = cassette_path(MODEL, kind)
    assert path.exists(), f"{path} is missing: {RERECORD}"
    return cassettes.load(path)


def _replaying(server: ServerThread, home, embedder, **llm) -> Assistant:
    """An assistant in LLM mode over the seed index, its model the replay server."""
    return Assistant(
        Settings(
            home=home,
            openai_base_url=server.url,
            openai_api_key="none",
            llm={"model": MODEL, "max_retries": 0, **llm},
        ),
        embedder=embedder,
    )


@pytest.fixture(scope="module")
def answers(eval_reports, seed_assistant, seed_home, real_embedder):
    """Each eval question's extractive answer (as the eval suite ran it: its citations and whether it
    refused) and its answer in LLM mode from the recordings."""
    with ServerThread(cassette=_recordings("answers")) as server:
        llm = _replaying(server, seed_home, real_embedder)
        titles = {normalise_title(p.title): p.id for p in seed_assistant.papers()}
        out = {}
        for split in ("dev", "test"):
            questions = load_questions(ROOT / "evals" / f"{split}.jsonl")
            expected = resolve(questions, titles)
            extractive = {r.id: r for r in eval_reports[split].questions}
            assert set(extractive) == {q.id for q in questions}
            out[split] = [(q, expected[q.id], extractive[q.id], llm.ask(q.question)) for q in questions]
        missed = [m["messages"][-1]["content"].rsplit("Question:", 1)[-1].strip()[:80] for m in server.state.misses]
    assert not missed, f"{len(missed)} prompts have no recording (e.g. {missed[:3]}): {RERECORD}"
    return out


def _recall(cited: set[str], relevant: list[str]) -> float:
    return len(cited & set(relevant)) / len(relevant) if relevant else 1.0


def _cited(answer) -> set[str]:
    return {c.paper.id for c in answer.citations}


@pytest.mark.parametrize("split", ["dev", "test"])
def test_llm_mode_on_real_output_is_never_worse_than_extractive(answers, split):
    rows = [(q, rel, ex, llm) for q, rel, ex, llm in answers[split] if q.kind != "unanswerable"]
    ex_recall = sum(_recall(set(ex.cited), rel) for _, rel, ex, _ in rows) / len(rows)
    llm_recall = sum(_recall(_cited(llm), rel) for _, rel, _, llm in rows) / len(rows)
    ex_refused = sum(ex.refused for _, _, ex, _ in rows)
    llm_refused = sum(llm.refused for _, _, _, llm in rows)
    assert llm_recall >= ex_recall - 1e-9, f"{split}: LLM citation recall {llm_recall:.3f} < extractive {ex_recall:.3f}"
    assert llm_refused <= ex_refused, (
        f"{split}: LLM mode refused {llm_refused} answerable questions, extractive {ex_refused}"
    )
    carried = [outcome(llm) for _, _, _, llm in rows]
    assert any(o.startswith("model") for o in carried)  # the model's own text does reach users


@pytest.mark.parametrize("split", ["dev", "test"])
def test_no_degenerate_answer_and_every_citation_retrieved(answers, split, seed_assistant):
    for q, _, _, llm in answers[split]:
        assert not degenerate_sentences(llm, q.question, seed_assistant.settings), (q.id, llm.text)
        cited = {c.paper.id for c in llm.citations}
        assert cited <= set(llm.retrieved_ids), (q.id, cited - set(llm.retrieved_ids))
        assert llm.refused or llm.text.strip()


def test_the_llm_planner_replays_its_recorded_reading_of_the_plan_tables(seed_assistant, seed_home, real_embedder):
    """The recorded plan replies still match the planner's prompts; most readings pass the
    planner's checks (the rest fall back to the rules)."""
    tables = sorted((ROOT / "tests" / "data").glob("plan_*.jsonl"))
    rows = [json.loads(line) for f in tables for line in f.read_text().splitlines() if line.strip()]
    with ServerThread(cassette=_recordings("plans")) as server:
        planner = _replaying(server, seed_home, real_embedder, plan=True)
        read = [planner.plan(row["question"], history=row.get("history") or None).planner for row in rows]
        missed = len(server.state.misses)
    assert missed == 0, f"{missed} plan prompts have no recording: {RERECORD}"
    assert read.count("llm") >= 0.9 * len(read)
