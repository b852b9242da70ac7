"""How questions are read: the query plan, pinned by a table of questions written for it.

tests/data/plan_questions.jsonl holds 140 questions written by someone who never ran the
system (a helper session given only the corpus and a description of the plan's fields), each
with the plan a careful reader would make: intent, hard filters, soft hints, comparison subjects
and the metadata the corpus lacks. The table is the rules' development set: they were fitted on it.
tests/data/plan_heldout.jsonl, written the same way afterwards and never used to change a rule,
measures how the rules do on questions they were not fitted on.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from rag.index.catalogue import Card
from rag.questions.names import Names, mentions, normalise
from rag.questions.plan import INTENTS, plan
from rag.questions.words import focus, names_in, topic
from rag.retrieval.types import Filters, QueryError

TABLE = [json.loads(line) for line in (ROOT / "tests" / "data" / "plan_questions.jsonl").read_text().splitlines()]
HELDOUT_PATH = ROOT / "tests" / "data" / "plan_heldout.jsonl"
HELDOUT = [json.loads(line) for line in HELDOUT_PATH.read_text().splitlines()] if HELDOUT_PATH.exists() else []


@pytest.fixture(scope="module")
def names(seed_papers):
    """The seed corpus's metadata, as the planner sees it (no index needed)."""
    return Names.of(Card.of(p) for p in seed_papers)


def _read(row: dict, names: Names) -> dict:
    p = plan(row["question"], names=names, history=row.get("history", []))
    return {"intent": p.intent, "filters": p.filters.model_dump(exclude_none=True) if p.filters else {},
            "hints": p.hints.model_dump(exclude_none=True), "absent": sorted(a.lower() for a in p.absent),
            "subjects": [s.text for s in p.subjects], "follow_up": p.follow_up}


def _agrees(row: dict, got: dict) -> list[str]:
    """What in the plan differs from the table's reading of the question."""
    wrong = [k for k in ("intent", "filters", "hints") if row[k] != got[k]]
    if sorted(a.lower() for a in row["absent"]) != got["absent"]:
        wrong.append("absent")
    want = [s.lower() for s in row["subjects"]]
    have = [s.lower() for s in got["subjects"]]
    if len(want) != len(have) or any(w not in h and h not in w for w, h in zip(want, have)):
        wrong.append("subjects")
    return wrong


@pytest.mark.parametrize("row", TABLE, ids=[r["id"] for r in TABLE])
def test_the_plan_reads_each_question_of_the_table(row, names):
    got = _read(row, names)
    assert not _agrees(row, got), (row["question"], got, row.get("notes"))


def test_the_table_covers_every_intent_and_the_cases_the_issue_names():
    intents = {r["intent"] for r in TABLE}
    assert intents == set(INTENTS)
    assert sum(1 for r in TABLE if r["intent"] in ("lookup", "detail") and r["hints"]) >= 12  # metadata as context
    assert sum(1 for r in TABLE if r["intent"] == "compare" and len(r["subjects"]) == 2) >= 10
    assert sum(1 for r in TABLE if r["history"]) >= 6
    assert sum(1 for r in TABLE if r["absent"]) >= 5


@pytest.mark.skipif(not HELDOUT, reason="no held-out plan questions")
def test_held_out_questions_are_read_as_well_as_the_table(names):
    """Questions the rules were never fitted on: at least 85% read exactly like the table's
    author read them, and 90% get the right intent (the figures are in bench/RESULTS.md)."""
    results = [(row, _read(row, names)) for row in HELDOUT]
    exact = sum(not _agrees(row, got) for row, got in results) / len(results)
    intent = sum(row["intent"] == got["intent"] for row, got in results) / len(results)
    assert exact >= 0.85 and intent >= 0.90, [(r["id"], r["question"], _agrees(r, g)) for r, g in results
                                              if _agrees(r, g)]


def test_metadata_as_context_is_a_hint_never_a_filter(names):
    lookup = plan("Which 2019 paper jams Alexa's wake-word detector with background music?", names=names)
    assert lookup.intent == "lookup" and lookup.filters is None and lookup.hints.year == 2019
    context = plan("how many of the defenses published at ICLR 2018 relied on obfuscated gradients?", names=names)
    assert context.intent == "detail" and context.filters is None
    assert (context.hints.venue, context.hints.year) == ("ICLR", 2018)
    listing = plan("Which ICLR 2018 papers are in the corpus?", names=names)
    assert listing.intent == "listing" and listing.filters == Filters(venue="ICLR", year=2018)


def test_a_listing_asking_for_more_than_the_list_has_no_topic(names):
    read = plan("Give me all NeurIPS 2019 papers and the session each was in (oral or spotlight).", names=names)
    assert read.intent == "listing" and read.filters == Filters(venue="NeurIPS", year=2019)
    assert read.topic == "" and read.search_text == ""
    narrowed = plan("ICML 2018 papers on fairness", names=names)
    assert narrowed.topic == "fairness" and narrowed.filters == Filters(venue="ICML", year=2018)


def test_user_filters_are_hard_whatever_the_question(names):
    read = plan("what does it say about robustness?", names=names, filters=Filters(paper="some-paper-id"))
    assert read.filters == Filters(paper="some-paper-id")


def test_a_year_the_corpus_lacks_is_left_out_with_a_notice(names):
    read = plan("papers from 2023 about diffusion models", names=names)
    assert read.absent == ("2023",) and "no paper in the corpus is recorded as from 2023" in read.notices[0]
    assert "2023" not in read.search_text and read.topic == "diffusion models"
    context = plan("did the 2012 ImageNet result change vision?", names=names)
    assert context.absent == () and not context.notices  # the year is the result's, not a paper's


def test_a_follow_up_is_searched_with_the_question_it_leans_on(names):
    read = plan("what error reduction does it report at batch size 2?", names=names,
                history=["Which paper proposes Group Normalization?"])
    assert read.follow_up and read.search_text.startswith("Which paper proposes Group Normalization?")
    alone = plan("list the ECCV 2018 papers", names=names, history=["Which papers study learning with noisy labels?"])
    assert not alone.follow_up and alone.filters == Filters(venue="ECCV", year=2018)


def test_every_decision_has_a_reason_and_the_plan_is_one_line(names):
    read = plan("Compare Lion with the paper that runs Adam in Shampoo's eigenbasis", names=names)
    assert read.intent == "compare" and any(r.startswith("intent compare") for r in read.reasons)
    assert read.describe().startswith("compare · ")
    assert json.loads(json.dumps(read.to_json()))["intent"] == "compare"


def test_a_long_question_is_cut_with_a_notice_and_an_empty_one_is_an_error(names):
    read = plan("robust overfitting " * 500, names=names, max_chars=4000)
    assert len(read.question) <= 4000 and "cut to its first 4000 characters" in read.notices[0]
    with pytest.raises(QueryError):
        plan("  ?! ", names=names)


def test_author_names_are_matched_as_the_records_spell_them():
    def card(i, *authors):
        return Card(f"p{i}", f"T{i}", authors, "ICML", 2020, "paper", ("f.txt",), None)

    names = Names.of([card(1, "Ana Lopez", "Jean-Luc Picard"), card(2, "Wei Wang", "Florian Tramèr"),
                      card(3, "Li Wei Wang", "Bo Li"), card(4, "J. Zico Kolter")])

    def authors(text):
        return [m.value for m in mentions(normalise(text), names) if m.kind == "author"]

    assert authors("papers by wei wang") == ["Wei Wang"]
    assert authors("papers by li wei wang") == ["Li Wei Wang"]  # the whole name as written
    assert authors("what did Florian Tramer write") == ["Florian Tramer"]  # accents folded
    assert authors("anything by Picard or Lopez?") == ["Jean-Luc Picard", "Ana Lopez"]
    assert authors("work by jean-luc picard") == ["Jean-Luc Picard"]
    assert authors("papers by Zico Kolter") == ["J. Zico Kolter"]  # without the initial
    assert authors("kolter's paper on audio attacks") == ["J. Zico Kolter"]  # a surname where a name is expected
    assert authors("papers on lopez-style models") == []  # a lower-case surname elsewhere is a word
    assert authors("papers on robust overfitting") == []
    unknown = [m for m in mentions(normalise("papers by Yann LeCun"), names) if m.kind == "author"]
    assert [(m.text, m.value) for m in unknown] == [("Yann LeCun", None)]


def test_focus_and_topic_drop_the_framing():
    assert focus("what has been proposed against robust overfitting?") == "robust overfitting"
    assert focus("can a student be distilled without the training data?") == "student distilled without training data"
    assert topic("what has been proposed against robust overfitting?") == "robust overfitting"


def test_names_are_words_marked_by_a_digit_or_an_inner_capital():
    assert names_in("what is the accuracy of a ResNet-50 on ImageNet-C?") == ["ResNet-50", "ImageNet-C"]
    assert names_in("How do H2RBox and Point2RBox differ? What is FGSM?") == ["H2RBox", "Point2RBox", "FGSM"]
    assert names_in("Which NeurIPS 2019 papers study robustness in 2019?") == ["NeurIPS"]  # years are not names
    assert names_in("robust accuracy against l_1 and l2 attacks, F1 score") == []  # notation, written many ways
    assert names_in("What has been proposed against robust overfitting?") == []


@pytest.mark.slow
@pytest.mark.parametrize("row", [r for r in TABLE if r["intent"] == "compare" and any(r["subject_titles"])],
                         ids=lambda r: r["id"])
def test_comparison_subjects_resolve_to_the_papers_they_name(row, seed_assistant):
    known_misses = {"plan-062", "plan-135"}  # "the paper that introduced Adam" (absent), "the original IBP paper"
    if row["id"] in known_misses:
        pytest.xfail("a description retrieval cannot pin down; bench/RESULTS.md counts it")
    read = seed_assistant.plan(row["question"], history=row["history"])
    assert [s.title for s in read.subjects] == row["subject_titles"], read.reasons
