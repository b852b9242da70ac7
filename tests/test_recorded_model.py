"""LLM mode on a real model's output: the recorded replies of the local 1.5B model
(tests/cassettes/, `bash scripts/local-llm.sh record`) replayed by the scripted OpenAI server to
every eval question, as streamed when recorded (dev's in one delta each: conftest.eval_part). A
prompt that changed since its recording fails here: the replies must be recorded again for it.

What must hold on real output (issue: LLM mode proven on a real model):
- every cited paper was retrieved for the question, and no degenerate sentence is shown;
- LLM mode is never below extractive mode in citation recall, nor above it in false refusals,
  on the same questions: on each part of each split (conftest.eval_part), so on each split too.
"""

from __future__ import annotations

import json

import pytest
from conftest import PARTS, RERECORD, ROOT, recordings, replaying
from openai_server import ServerThread


@pytest.mark.long(200)
@pytest.mark.parametrize("part", PARTS)
def test_llm_mode_on_real_output_is_never_worse_than_extractive_and_shows_nothing_degenerate(eval_part, part):
    """On each part of each split's questions (conftest.eval_part)."""
    run = eval_part(part)
    missed = run.unrecorded
    assert not missed, f"{len(missed)} prompts have no recording (e.g. {missed[:3]}): {RERECORD}"
    for qid, llm in run.llm.items():
        assert not llm.degenerate, (qid, llm.degenerate)
        assert not llm.unretrieved, (qid, llm.unretrieved)
        assert llm.shown, qid
    rows = [(ex, run.llm[ex.id]) for ex in run.extractive if ex.kind != "unanswerable"]
    ex_recall = sum(ex.metrics["citation_recall"] for ex, _ in rows) / len(rows)
    llm_recall = sum(llm.recall or 0.0 for _, llm in rows) / len(rows)
    ex_refused = sum(ex.refused for ex, _ in rows)
    llm_refused = sum(llm.refused for _, llm in rows)
    assert llm_recall >= ex_recall - 1e-9, f"{part}: LLM citation recall {llm_recall:.3f} < extractive {ex_recall:.3f}"
    assert llm_refused <= ex_refused, f"{part}: LLM mode refused {llm_refused} answerable, extractive {ex_refused}"
    assert any(llm.outcome.startswith("model") for _, llm in rows)  # the model's own text does reach users


@pytest.mark.long(17)
def test_the_llm_planner_replays_its_recorded_reading_of_the_plan_tables(seed_assistant):
    """The recorded plan replies still match the planner's prompts; most readings pass the
    planner's checks (the rest fall back to the rules)."""
    tables = sorted((ROOT / "tests" / "data").glob("plan_*.jsonl"))
    rows = [json.loads(line) for f in tables for line in f.read_text().splitlines() if line.strip()]
    with ServerThread(cassette=recordings("plans")) as server:
        planner = replaying(seed_assistant, server, plan=True)
        read = [planner.plan(row["question"], history=row.get("history") or None).planner for row in rows]
        missed = len(server.state.misses)
    assert missed == 0, f"{missed} plan prompts have no recording: {RERECORD}"
    assert read.count("llm") >= 0.9 * len(read)


@pytest.mark.long(40)
def test_a_recorded_reply_in_one_delta_gives_the_answer_it_gives_as_streamed(seed_assistant):
    """Dev's parts replay each reply in one delta (conftest.eval_part): on a sample of dev questions the
    model answers, the answer is the same as from the reply streamed as recorded."""
    from rag.evaluation import evaluate

    questions = evaluate.load_questions(ROOT / "evals" / "dev.jsonl")[::50]
    answers = {}
    for whole in (False, True):
        with ServerThread(cassette=recordings("answers"), whole_replies=whole) as server:
            llm = replaying(seed_assistant, server)
            answers[whole] = [llm.ask(q.question) for q in questions]
            assert not server.state.misses, RERECORD

    def seen(answer):
        cited = [c.paper.id for c in answer.citations]
        return (
            answer.text,
            cited,
            answer.mode,
            answer.notice,
            answer.unsupported,
            answer.dropped_citations,
            answer.filled_in,
        )

    assert sum(a.mode == "llm" for a in answers[False]) >= 10  # the model's own text, not only fallbacks
    assert [seen(a) for a in answers[False]] == [seen(a) for a in answers[True]]
