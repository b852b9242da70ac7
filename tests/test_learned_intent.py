"""The learned survey reading (rag.questions.learned): what it reads of a question, the shipped
model, and how the plan uses it."""

from __future__ import annotations

import json

import numpy as np
import pytest

from rag.evaluation.fitting import Logistic
from rag.questions.learned import MODEL_FILE, SurveyReading, shipped, tokens
from rag.questions.names import Names
from rag.questions.plan import plan


def test_a_question_is_read_by_its_form_words_not_its_topic():
    one = tokens("Which papers here study label noise?")
    other = tokens("Which papers here study diffusion sampling?")
    assert one == other  # the topic words are "<w>" whatever they are
    assert {"which_papers", "papers_here", "^which_papers"} <= one
    assert not any("label" in t or "noise" in t for t in one)
    assert "<n>" in tokens("what does it reach on CIFAR-10?")


def test_the_shipped_model_holds_one_weight_per_feature_and_rejects_a_broken_file():
    model = shipped()
    assert len(model.model.weights) == 2 + len(model.vocabulary) > 100
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    data["weights"] = data["weights"][:-1]
    with pytest.raises(ValueError, match="one mean, scale and weight per feature"):
        SurveyReading.from_json(data)


def test_the_probability_follows_the_weights():
    vocabulary = {"papers": 0}
    model = SurveyReading(vocabulary, Logistic(np.zeros(3), np.ones(3), np.array([0.0, 0.0, 2.0]), -1.0))
    assert model.probability("which papers?", "lookup") == pytest.approx(1 / (1 + np.exp(-1.0)))
    assert model.probability("which one?", "lookup") == pytest.approx(1 / (1 + np.exp(1.0)))


@pytest.mark.parametrize(
    "question",
    [  # dev questions (batches U and H) that the rules read as one paper or fact (the rules now read U's
        # "... Which papers here explain it or propose fixes?" as a survey themselves: works asked for by what
        # they do, c3f5756)
        "what has the collection got on white-box (mathematically interpretable) transformers like CRATE?",
        "anything on neural models that work in the Fourier or frequency domain, e.g. FFT-based layers or "
        "spectrogram processing?",
    ],
)
def test_the_learned_reading_overrules_rules_that_miss_a_request_for_the_work_on_a_topic(question):
    names = Names.of([])
    rules = plan(question, names=names)
    learned = plan(question, names=names, survey_threshold=0.5)
    assert rules.intent in ("lookup", "detail")
    assert learned.intent == "survey"
    assert any("the learned reading" in r for r in learned.reasons)


def test_the_learned_reading_leaves_a_question_for_one_paper_alone():
    names = Names.of([])
    question = "Which paper introduced group normalization?"
    assert plan(question, names=names, survey_threshold=0.5).intent == "lookup"
    # nor does it read what the rules read as something else (a comparison)
    assert plan("How does SABR differ from IBP?", names=names, survey_threshold=0.5).intent == "compare"


def test_families_set_side_by_side_by_vs_in_a_request_for_papers_are_a_survey():
    names = Names.of([])
    question = (  # dev nx-survey-05
        "deep metric learning / embedding losses - pair-based (triplet-style, circle) vs softmax & margin based "
        "ones for face recog, plus image retreival. what's in the corpus?"
    )
    assert plan(question, names=names).intent == "compare"  # the rules read "vs" as a comparison
    learned = plan(question, names=names, survey_threshold=0.5)
    assert learned.intent == "survey"
    assert any("hears a request for the papers" in r for r in learned.reasons)
    # a comparison asked in other words than "vs" stays one, and so does "vs" with no request for papers
    for compare in (
        "EQ-Net vs NUPES: how do their quantization approaches differ, and is either aimed at LLMs?",
        "AWP vs FOMO for robust overfitting - one adversarially perturbs the weights, the other forgets",
    ):
        assert plan(compare, names=names, survey_threshold=0.5).intent == "compare"


def test_the_assistant_reads_with_the_learned_reading_unless_the_setting_turns_it_off(seed_assistant):
    question = "what has the collection got on white-box (mathematically interpretable) transformers like CRATE?"
    assert seed_assistant.plan(question).intent == "survey"
    shipped_threshold = seed_assistant.settings.answer.survey_intent
    seed_assistant.settings.answer.survey_intent = None
    try:
        assert seed_assistant.plan(question).intent == "lookup"
    finally:
        seed_assistant.settings.answer.survey_intent = shipped_threshold
