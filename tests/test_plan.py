"""How questions are read: the query plan, pinned by tables of questions written for it.

Each table was written by someone who never ran the system (a helper session given only the
corpus and a description of the plan's fields), each question with the plan a careful reader
would make: intent, hard filters, soft hints, comparison subjects, the metadata the corpus lacks.

- tests/data/plan_questions.jsonl (145) and tests/data/plan_heldout.jsonl (60) are the rules'
  development set: the rules were fitted on them. plan_heldout was first a held-out check
  (intent right on 70% of it at 8ac9641); its failures then shaped the rules, so it is dev now.
- tests/data/plan_test.jsonl (80), written last, is the frozen test split: run to report,
  never used to change a rule. Its figures are in bench/RESULTS.md; CI holds a floor under them.
"""

from __future__ import annotations

import json

import pytest
from conftest import ROOT

from rag.answering.pipeline import retrieve
from rag.index.catalogue import Card
from rag.questions.asked import asked_figures, robust_subject
from rag.questions.clauses import asked_part, split_comparison
from rag.questions.intent import _one_work
from rag.questions.models import INTENTS, RecordAsk
from rag.questions.names import Names, mentions, normalise
from rag.questions.plan import plan
from rag.questions.words import focus, topic
from rag.retrieval.types import Filters, QueryError
from rag.text.folding import names_match
from rag.text.naming import names_in

DATA = ROOT / "tests" / "data"


def _table(name: str) -> list[dict]:
    return [json.loads(line) for line in (DATA / name).read_text().splitlines() if line.strip()]


TABLE = _table("plan_questions.jsonl") + _table("plan_heldout.jsonl")  # dev: the rules were fitted on these
TEST = _table("plan_test.jsonl")  # frozen: never used to change a rule
DEV_MISSES = {  # dev questions the rules still read otherwise than the table, and why
    "held-004": "a bare keyword query ('logit clipping noisy labels') that names one method: read as a topic",
    "held-060": "'trustworthy CV slides': the abbreviation CV of the lecture's title is left as a topic",
}


@pytest.fixture(scope="module")
def names(seed_papers):
    """The seed corpus's metadata, as the planner sees it (no index needed)."""
    return Names.of(Card.of(p) for p in seed_papers)


def _read(row: dict, names: Names) -> dict:
    p = plan(row["question"], names=names, history=row.get("history", []))
    return {
        "intent": p.intent,
        "filters": p.filters.model_dump(exclude_none=True) if p.filters else {},
        "hints": p.hints.model_dump(exclude_none=True),
        "absent": sorted(a.lower() for a in p.absent),
        "subjects": [s.text for s in p.subjects],
        "follow_up": p.follow_up,
    }


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
    if row["id"] in DEV_MISSES:
        pytest.xfail(DEV_MISSES[row["id"]])
    got = _read(row, names)
    assert not _agrees(row, got), (row["question"], got, row.get("notes"))


def test_the_table_covers_every_intent_and_the_cases_the_issue_names():
    intents = {r["intent"] for r in TABLE}
    assert intents == set(INTENTS)
    assert sum(1 for r in TABLE if r["intent"] in ("lookup", "detail") and r["hints"]) >= 12  # metadata as context
    assert sum(1 for r in TABLE if r["intent"] == "compare" and len(r["subjects"]) == 2) >= 10
    assert sum(1 for r in TABLE if r["history"]) >= 6
    assert sum(1 for r in TABLE if r["absent"]) >= 5


def test_the_frozen_test_questions_are_read_no_worse_than_reported(names):
    """The frozen test split, which no rule was fitted on: bench/RESULTS.md reports 63 of 80
    read exactly as the table's author read them and the intent right on 67; this floor fails
    a change that reads markedly fewer of them right."""
    results = [(row, _read(row, names)) for row in TEST]
    exact = sum(not _agrees(row, got) for row, got in results) / len(results)
    intent = sum(row["intent"] == got["intent"] for row, got in results) / len(results)
    assert exact >= 0.75 and intent >= 0.80, (exact, intent)


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
    read = plan(
        "what error reduction does it report at batch size 2?",
        names=names,
        history=["Which paper proposes Group Normalization?"],
    )
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

    names = Names.of(
        [
            card(1, "Ana Lopez", "Jean-Luc Picard"),
            card(2, "Wei Wang", "Florian Tramèr"),
            card(3, "Li Wei Wang", "Bo Li"),
            card(4, "J. Zico Kolter"),
        ]
    )

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
    assert authors("anything by Wang?") == ["Wang"]  # a surname two authors share names both
    assert authors("kolter papers in here") == ["J. Zico Kolter"]  # lower case, marked as a person's by what follows
    assert authors("a co-author called Florian") == ["Florian Tramer"]  # a first name where a name is expected
    assert authors("papers on Florian geometry") == []  # ... not a first name anywhere else
    # initials before a surname are part of the name, and choose among those sharing it
    assert authors("anything by W. Wang?") == ["Wei Wang"]
    assert authors("anything by L. W. Wang?") == ["Li Wei Wang"]
    assert authors("papers by J. Z. Kolter") == authors("papers by JZ Kolter") == ["J. Zico Kolter"]
    assert authors("anything by X. Wang?") == ["Wang"]  # initials of no one: the surname as before
    assert authors("A Wang paper on robustness?") == ["Wang"]  # a bare letter without its dot is no initial
    named = [m.text for m in mentions(normalise("what did F. Tramer write"), names) if m.kind == "author"]
    assert named == ["F. Tramer"]  # the initial leaves the topic


def test_initials_do_not_end_the_question():
    """A question naming "H. Zhang" is one sentence, its subject the person."""
    assert asked_part("what did H. Zhang write about certified robustness?") == (
        "what did H. Zhang write about certified robustness?"
    )
    assert asked_part("I read the GAN paper. What did it propose?") == "What did it propose?"


def test_initials_and_lists_do_not_hide_what_is_asked():
    assert asked_part("I like plan B. What does it do?") == "What does it do?"  # a question follows the letter
    assert asked_part("I work on language models. Compare BERT, GPT-2 and T5?") == "Compare BERT, GPT-2 and T5?"
    assert asked_part("I'm new. Any papers on GANs, VAEs etc.?") == "Any papers on GANs, VAEs etc.?"
    # guesses set in brackets belong to the sentence around them
    question = "RobustTSF: which benchmarks (ETTh1? Weather?) do they use?"
    assert asked_part(question) == "which benchmarks (ETTh1? Weather?) do they use?"


def test_a_part_describing_what_the_question_points_at_is_not_what_is_asked():
    """ "How do the two papers differ - the one that ..., and the one that ...?": the descriptions say
    which two; the question before them asks."""
    question = "How do the two pruning papers differ - the one that prunes at init, and the one that prunes late?"
    assert asked_part(question) == "How do the two pruning papers differ"
    assert plan(question, names=Names.of([])).intent == "compare"
    # a part that asks on its own is still what is asked
    assert asked_part("Pruning papers - which one prunes at init?") == "which one prunes at init?"


def test_a_comparison_pointing_back_at_nothing_is_read_without_subjects():
    names = Names.of([])
    for question in (
        "I read LoRA and ... How do these two differ?",
        "Papers I like: LoRA and ! Which of the two is older?",
    ):
        assert plan(question, names=names).subjects == ()


def test_a_list_of_examples_after_a_dash_is_not_what_is_asked():
    question = "papers on privacy attacks on trained models - model inversion, membership inference etc.?"
    assert asked_part(question) == question
    assert asked_part("Robust overfitting - what causes it?") == "what causes it?"
    # one short guess at the answer after a dash is not the question either
    guessed = "FooNet: how is the image split into sub-images - even/odd pixel interleaving?"
    assert asked_part(guessed) == "how is the image split into sub-images"
    assert asked_part("Robust overfitting - any fixes?") == "any fixes?"  # a request of its own
    assert asked_part("Tell me about SSD - mAP on VOC2007?") == "mAP on VOC2007?"  # after a request, it asks
    # examples offered by their marker, however long ("say to search quantization configurations ..."),
    # ask nothing of their own; a question after the marker does
    offered = (
        "Is there work that uses genetic algorithms inside an ML pipeline - say to search quantization "
        "configurations or architectures, to craft adversarial inputs, or to speed up AutoML?"
    )
    assert asked_part(offered) == "Is there work that uses genetic algorithms inside an ML pipeline"
    assert plan(offered, names=Names.of([])).intent == "survey"
    assert asked_part("Robust overfitting - e.g., what causes it?") == "e.g., what causes it?"
    whether = "Is there anything on sparse autoencoders - like whether the features they learn are universal?"
    assert asked_part(whether) == "like whether the features they learn are universal?"


def test_a_request_for_papers_before_a_dash_is_what_is_asked_however_long_its_examples():
    # batch BD: the long examples after the dash were read as the question, and it as a lookup
    question = (
        "Which papers in the corpus deal with data whose distribution changes over time - drift during online "
        "training, feedback loops where the model's decisions reshape the population, or testing on a later time "
        "period than training?"
    )
    assert asked_part(question) == "Which papers in the corpus deal with data whose distribution changes over time"
    assert plan(question, names=Names.of([])).intent == "survey"
    # a choice before the dash still leaves its alternatives as what is asked
    assert asked_part("Which is better - the first or the second?") == "the first or the second?"


def test_a_span_of_time_asks_no_year_of_a_record():
    # batch BD: "retrained every year" made a survey a question about the records' years
    for spoken in (
        "My model is retrained every year. Which papers deal with data whose distribution changes over time?",
        "Which defences were retested each year against new attacks?",
        "what has been proposed against label noise in recent years?",
    ):
        assert "year" not in plan(spoken, names=Names.of([])).record.fields, spoken
    for asked in (
        "which year was group normalization published?",
        "How many years separate SSD and FROD?",
        "Which papers from the past two years study test-time adaptation?",
        "Were SSD and FROD published a year apart?",
    ):
        assert "year" in plan(asked, names=Names.of([])).record.fields, asked


def test_which_datasets_of_a_named_work_is_a_detail_and_which_benchmarks_a_survey():
    names = Names.of([])
    for question in (
        "Which datasets does RobustTSF report MSE on?",
        "RobustTSF: which forecasting benchmarks do they report MSE on?",
        "For RobustTSF, which benchmarks did they use?",
    ):
        read = plan(question, names=names)
        assert read.intent == "detail" and read.asked_kinds, question
    for question in (
        "which benchmarks measure robustness to common corruptions?",
        "I train ResNet-50 models. Which benchmarks measure robustness to common corruptions?",
    ):
        assert plan(question, names=names).intent == "survey", question


def test_a_what_question_after_a_name_and_a_colon_asks_its_noun():
    read = plan(
        "DRS (dual randomized smoothing): what certified accuracy do they report on ImageNet?", names=Names.of([])
    )
    assert read.intent == "detail" and read.asked_figures == (("certified", "accuracy"),)


def test_names_match_spellings():
    assert names_match("Strauss", "Johannes Strauß") and names_match("Lukasz Kaiser", "Łukasz Kaiser")
    assert names_match("Łukasz", "Lukasz Kaiser") and names_match("Odegaard", "Martin Ødegaard")
    assert names_match("tramer", "Florian Tramèr") and not names_match("Li", "Lin Xu")


def test_focus_and_topic_drop_the_framing():
    assert focus("what has been proposed against robust overfitting?") == "robust overfitting"
    assert focus("can a student be distilled without the training data?") == "student distilled without training data"
    assert topic("what has been proposed against robust overfitting?") == "robust overfitting"
    # a survey's request is not its topic, and the topic between the request's words stays
    for question, expected in [
        (
            "How do people deal with label noise? I'd like the work on loss correction.",
            "deal label noise loss correction",
        ),
        ("give me some diffusion model papers", "diffusion model"),
        ("What approaches to continual learning exist?", "continual learning"),
        ("what defenses against backdoor attacks have been proposed?", "defenses backdoor attacks"),
        ("I\u2019d like the work on label noise.", "label noise"),
    ]:
        asked = plan(question, names=Names.of([]))
        assert (asked.intent, asked.topic) == ("survey", expected), question


@pytest.mark.parametrize(
    "question",
    [
        "certified robustness: adversarial training, randomized smoothing, "
        + "interval-bound-propagation-based-certification-" * 3
        + "; mostly ImageNet-scale",
        "semi-supervised learning with few labels ("
        + ", ".join(f"Method{i}" for i in range(40))
        + ", and the many other consistency-regularisation-based methods)",
        "x (" + ", ".join(f"Item{i}" for i in range(40)),
    ],
    ids=["a long last word", "many bracketed items", "an unclosed bracket"],
)
def test_the_list_patterns_fail_fast_on_long_inputs(question, names):
    """A hang guard, not a speed target: a list or bracket pattern that fails must not try every
    split of a long word or every comma (with backtracking quantifiers these took from seconds to
    over a minute; now a few milliseconds, so the bound is far from any machine's noise)."""
    import time

    start = time.perf_counter()
    plan(question, names=names)
    assert time.perf_counter() - start < 5.0


def test_names_are_words_marked_by_a_digit_or_an_inner_capital():
    assert names_in("what is the accuracy of a ResNet-50 on ImageNet-C?") == ["ResNet-50", "ImageNet-C"]
    assert names_in("How do H2RBox and Point2RBox differ? What is FGSM?") == ["H2RBox", "Point2RBox", "FGSM"]
    assert names_in("Which NeurIPS 2019 papers study robustness in 2019?") == ["NeurIPS"]  # years are not names
    assert names_in("robust accuracy against l_1 and l2 attacks, F1 score") == []  # notation, written many ways
    # BT: "TRADES-style training" asks for what is like TRADES, not for a source that writes the name
    assert names_in("TRADES-style adversarial training with BERT-like or IRM-type models on DOTA") == ["DOTA"]
    assert names_in("What has been proposed against robust overfitting?") == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "row", [r for r in TABLE if r["intent"] == "compare" and any(r["subject_titles"])], ids=lambda r: r["id"]
)
def test_comparison_subjects_resolve_to_the_papers_they_name(row, seed_assistant):
    known_misses = {"plan-062", "plan-135"}  # "the paper that introduced Adam" (absent), "the original IBP paper"
    if row["id"] in known_misses:
        pytest.xfail("a description retrieval cannot pin down; bench/RESULTS.md counts it")
    read = seed_assistant.plan(row["question"], history=row["history"])
    assert [s.title for s in read.subjects] == row["subject_titles"], read.reasons


@pytest.mark.parametrize(
    "question, intent",
    [
        ("compressing or pruning networks without losing adversarial robustness", "survey"),
        ("learning invariant representations for domain generalization / unseen environments", "survey"),
        ("normalization that does not depend on the batch size, e.g. group-wise statistics", "survey"),
        ("Pruning OR compressing networks for robustness", "survey"),
        # "or" later in a description, or counting: still one paper's description
        ("bounding the logit norm to stop memorising corrupted or noisy labels", "lookup"),
        ("data augmentation that mixes two or more training images and their labels", "lookup"),
        ("group normalization as an alternative to batch norm that works with one or two images per GPU", "lookup"),
        ("How can robustness be added to an existing pre-trained model cheaply?", "survey"),
        ("how can the trade-off between accuracy and adversarial robustness be reduced?", "survey"),
        # pointing at one paper, a clause in the gap, or an adjective in place of a participle
        ("How can I find the paper that showed adversarial examples can be transferred?", "lookup"),
        ("How could the certified radius be computed in the randomized smoothing paper?", "lookup"),
        ("How can one be confident the defense is not gradient masking?", "lookup"),
        # a topic followed by a list of examples; a list that describes one paper's parts is not one
        ("choosing points to label under a budget: active learning, subset selection, adaptive sampling", "survey"),
        ("which paper has three parts: a global discriminator, a local discriminator and a feature loss?", "lookup"),
        # "the survey of X" names one paper; asking for a survey asks for the work
        ("how many loss functions does the survey of regression losses for forecasting cover?", "detail"),
        ("give me a survey of certified defenses", "survey"),
        # a list of sub-topics whatever their length, or examples in brackets or named in words
        (
            "image segmentation: weakly supervised masks from image-level tags, interactive annotation tools, "
            "and label-efficient training for medical scans",
            "survey",
        ),
        ("sharpness and generalization of deep nets (SAM, flatness measures)", "survey"),
        ("learned priors for inverse problems such as deblurring or tomography", "survey"),
        ("I'm looking for work that removes unwanted concepts such as nudity from image generators", "lookup"),
        # what a community does, whatever the verb; a request for several works after another question
        ("How do people evaluate the calibration of deep networks?", "survey"),
        ("How do researchers in the obfuscated gradients paper break defenses?", "detail"),
        ("Why are models brittle under distribution shift? Looking for explanations, not fixes.", "survey"),
        ("Is certified robustness at odds with accuracy? I'd like the work on where the gap comes from.", "survey"),
        ("give me a reading list on test-time adaptation", "survey"),
        ("label smoothing: why does it help calibration, and what alternatives exist?", "survey"),
        ("What datasets are there in the DeepFool paper?", "detail"),
        ("In the DeepFool paper, what datasets are there?", "detail"),
        ("According to the Mixup paper, what variants have been proposed?", "detail"),
        ("What venues are there in the corpus?", "detail"),
        ("I want the original work on generative adversarial networks.", "lookup"),
        ("How did researchers at DeepMind train AlphaFold?", "detail"),
        # a citation or surnames in brackets are no examples; an article starts one thing described
        ("robust optimization view of adversarial training (Madry et al., 2018)", "lookup"),
        ("explaining and harnessing adversarial examples (Goodfellow, Shlens, Szegedy)", "lookup"),
        ("a normalisation layer replacing batch norm in small-batch settings such as detection", "lookup"),
        ("curriculum ordering of training data for faster convergence such as self-paced schedules", "survey"),
    ],
)
def test_alternatives_and_how_can_questions_ask_for_a_body_of_work(question, intent, names):
    """A bare query offering alternatives in its head, a slash or examples, and "how can X be
    <done>?", ask for the kinds of work on a topic; the look-alikes that describe one paper do not."""
    assert plan(question, names=names).intent == intent


@pytest.mark.parametrize(
    "question, intent",
    [
        # a comparison word with no two things set side by side: read by what the question asks
        ("a method that recovers unknown phases from noisy measurements of their pairwise differences", "lookup"),
        ("which paper transfers robustness by adding the weight difference between two models?", "lookup"),
        ("how many loss functions was the LDR loss compared against?", "detail"),
        # two subjects, or a request to compare: a comparison
        ("How does TRADES differ from MART?", "compare"),
        ("compare the two papers on adversarial training", "compare"),
        ("what is the difference between mixup and cutmix?", "compare"),
    ],
)
def test_a_comparison_needs_two_subjects(question, intent, names):
    assert plan(question, names=names).intent == intent


@pytest.mark.parametrize(
    "question, record",
    [
        ("when and where was the Frequent Directions matrix sketching paper published?", True),
        ("which conference is IoU-Net from?", True),
        ("when did the lion optimizer paper appear?", True),
        ("What session type was the wake-word jamming paper given at NeurIPS 2019, and which others had it?", True),
        ("Which session type was the adversarial music paper presented in, and which others had the same?", True),
        # the verb must end the question or its clause (or name where): these ask about content
        ("When was the model presented in the paper trained?", False),
        ("When did adversarial examples first appear in the literature?", False),
        ("When is a classifier given noisy labels robust?", False),
        ("Which workshop topics are about safety?", False),
        ("What year does the survey of loss functions cover?", False),
    ],
)
def test_where_and_when_a_paper_appeared_is_read_from_its_record(question, record, names):
    assert (plan(question, names=names).intent == "authorship") == record


def test_what_the_lecture_says_is_filtered_to_it_but_a_comparison_with_a_paper_is_not(names):
    read = plan("what does the lecture say about poisoning attacks?", names=names)
    assert read.filters == Filters(kind="lecture") and read.hints.kind is None
    compared = plan("How does the lecture's account of FGSM compare with the PGD paper?", names=names)
    assert compared.filters is None or compared.filters.kind is None


def test_the_lecture_named_beside_the_papers_is_no_filter(names):
    # "papers (or slides)": both kinds are asked for; "according to the slides" still asks the lecture
    for question in (
        "which papers (or slides) report results on ImageNet-C?",
        "does the lecture or any paper discuss certified robustness?",
        "papers/slides on distribution shift?",
    ):
        read = plan(question, names=names)
        assert read.filters is None or read.filters.kind is None, question
    assert plan("according to the slides, which papers study robust overfitting?", names=names).filters == Filters(
        kind="lecture"
    )
    # another lecture word that restricts keeps the filter, and "works" may be a verb (a helper's review)
    for question in (
        "Which works or slides are about data poisoning, restricted to the lecture?",
        "Summarize how PGD works and the lecture's take on it.",
    ):
        assert plan(question, names=names).filters == Filters(kind="lecture"), question


def test_a_family_of_a_name_heads_no_question(names):
    # BT's nbt-survey-02 was refused: no source writes "TRADES-style"
    read = plan(
        "TRADES-style adversarial training: which papers derive an upper bound on the robust risk and turn it "
        "into a regularized training objective?",
        names=names,
    )
    assert read.intent == "survey" and read.head_name == "" and "TRADES-style" not in read.names


@pytest.mark.parametrize(
    "question",
    [
        "does the corpus have anything on label smoothing (e.g. Muller et al. 2019)?",
        "anything on certified defenses (like Cohen et al., 2019)?",
        "anything on randomized smoothing (such as Cohen and Kolter 2019)?",
        # the forms two helpers' reviews found: several in one bracket, "e.g.,", a year in brackets, "for
        # example", lists joined by "and", three authors, "from"
        "Anything on certified defenses (e.g. Cohen et al., 2019; Wong and Kolter, 2018)?",
        "anything on certified defenses (e.g., Cohen et al. 2019)?",
        "anything on certified defenses, like Cohen et al. (2019)?",
        "anything on certified defenses, for example Cohen et al. 2019?",
        "Which papers improve on randomized smoothing (e.g. Cohen et al. 2019 and Wong and Kolter 2018)?",
        "anything on smoothing (e.g. Cohen, Rosenfeld and Kolter 2019)?",
        "anything on smoothing (e.g. from Madry et al. 2018)?",
    ],
)
def test_a_paper_cited_as_an_example_selects_nothing(question, names):
    # "(e.g. Muller et al. 2019)" points at an example: its year and authors are no filter, the question a survey
    read = plan(question, names=names)
    assert read.intent == "survey" and read.filters is None
    assert read.hints.year is None and read.hints.author is None


def test_a_cited_year_beside_a_verb_or_a_date_still_counts(names):
    # the verbs "like" and "see" cite nothing; a season or a month before the year is a date
    assert plan("I would like Cohen et al. 2019's certified radius: what is it?", names=names).hints.year == 2019
    assert plan("I'd like Cohen et al. 2019's certified accuracy.", names=names).hints.year == 2019
    assert plan("Can I see Wong and Kolter 2018's certified accuracy?", names=names).hints.year == 2018
    assert plan("Which papers, e.g. Sept 2019 ones, discuss PGD?", names=names).filters.year == 2019
    assert plan("Which papers appeared in a term like Spring 2019?", names=names).filters.year == 2019
    # a venue or a month before the year is no citation: it still selects
    dated = plan("papers on robustness (e.g. NeurIPS 2019)?", names=names)
    assert dated.filters is not None and dated.filters.year == 2019
    assert plan("which papers from 2019 study label smoothing?", names=names).filters.year == 2019


def test_a_follow_up_if_so_leans_on_the_question_before_it(names):
    read = plan("Is Sebastien Bubeck an author on any paper here? If so which one, and at what venue?", names=names)
    assert read.intent == "listing" and read.filters is not None and read.filters.author == "Sebastien Bubeck"
    # "if not ..." asks something new: it stays what is asked
    assert "closest" in plan("Is there a paper on sourdough? If not, which is closest?", names=names).focus


def test_both_x_and_y_with_what_each_does_asked_is_a_comparison(names):
    read = plan(
        "Both the diffusion-model pseudo-Huber paper and the robust offline RL paper borrow Huber-style losses "
        "against corrupted data. What does each use it for and what else do they add?",
        names=names,
    )
    assert read.intent == "compare" and read.subjects[0].text == "the diffusion-model pseudo-Huber paper"
    # "both" with nothing asked of each is no comparison
    assert plan("Both the Lion paper and the SOAP paper are on optimizers?", names=names).intent != "compare"


def test_two_works_a_sentence_takes_as_its_subject_then_each_asked_is_a_comparison(names):
    # batch BF: two works joined as a sentence's subject, then what each claims; "sides" is no typo of "slides"
    read = plan(
        "is the robustness-vs-nominal-performance trade-off real? The Lipschitz feedback-policy paper (learning "
        "controllers from demos) and SCORE (the self-consistent robust error for adversarial training) seem to "
        "land on opposite sides. What does each claim and what is the reasoning?",
        names=names,
    )
    assert read.intent == "compare" and read.filters is None
    assert [s.text for s in read.subjects] == [
        "The Lipschitz feedback-policy paper (learning controllers from demos)",
        "SCORE",
    ]
    # with nothing asked of each, no comparison
    single = "The Lipschitz feedback-policy paper and SCORE seem to disagree. Is the trade-off real?"
    assert plan(single, names=names).intent != "compare"
    # a mistyped kind word is read only for the longer ones
    assert plan("what does the lectrue say about calibration?", names=names).filters.kind == "lecture"


def test_record_values_set_side_by_side_ask_the_records_not_a_comparison(names):
    read = plan(
        "How many NeurIPS 2019 papers are in the collection, and how many of those were spotlights vs orals?",
        names=names,
    )
    assert read.intent == "listing" and read.filters is not None and read.filters.venue == "NeurIPS"
    # two works set side by side still are a comparison, metadata or not
    assert plan("How does SABR differ from IBP at NeurIPS 2019?", names=names).intent == "compare"


def test_the_two_papers_a_record_comparison_sets_side_by_side():
    from rag.questions.subjects import record_pair

    assert record_pair("Was A-Net presented at the same conference as the paper on B-loss?") == (
        "A-Net",
        "the paper on B-loss",
    )
    assert record_pair("Timeline check: the DRO paper on minority users, and the spherical CNN paper - same year?") == (
        "the DRO paper on minority users",
        "the spherical CNN paper",
    )
    # the sentence before holds them when the field's own holds nothing more; "et al." ends no sentence
    assert record_pair("The FD sketch and Carmon et al.'s matrix-games method. Same venue and year, or different?") == (
        "The FD sketch",
        "Carmon et al.'s matrix-games method",
    )
    # a bracket listing them stands for the phrase around it
    assert record_pair(
        "Were the two fairness papers (delayed impact, and fairness without demographics) at the same conference?"
    ) == ("delayed impact", "fairness without demographics")
    assert record_pair("Group Normalization and Spherical CNNs: same venue?") == (
        "Group Normalization",
        "Spherical CNNs",
    )
    assert record_pair("GN vs Spherical CNNs: same venue? what year?") == ("GN", "Spherical CNNs")
    # more asked than the two records, a side listing several or no one paper: no pair (read as before)
    for question in (
        "What does Group Normalization propose, and was it at the same venue as Spherical CNNs?",
        "Was Group Normalization at the same conference as the Spherical CNNs paper, and how many layers did it use?",
        "Group Normalization and IoU-Net - same year? Which one reports higher AP on COCO?",
        "Tell me about GN and Spherical CNNs. Same venue?",
        "Were Group Normalization, Spherical CNNs and IoU-Net at the same conference?",
        "Were GN and IoU-Net in the same year as Spherical CNNs?",
        "Was GN at the same conference as the adversarial training papers?",
    ):
        assert record_pair(question) is None, question
    # other papers asked for, the same thing that is not a record, or no two things: no pair
    assert record_pair("Which other papers here were published at the same conference as Group Normalization?") is None
    assert record_pair("Were SSD and YOLO evaluated on the same dataset?") is None
    assert record_pair("Are all the NeurIPS papers in here from the same year?") is None


def test_a_question_mark_inside_an_aside_ends_no_question(names):
    question = "Which hand-pose benchmarks (DexYCB? HO3D?) did Deformer evaluate on, and what MPJPE did it get?"
    assert normalise(question).count("?") == 1 and len(normalise(question)) == len(question)
    read = plan(question, names=names, survey_threshold=0.5)
    assert read.intent == "detail" and read.asked_figures == (("MPJPE",),)


def test_a_surveys_request_framing_is_not_its_focus_and_a_hyphenated_word_stays_whole(names):
    read = plan(
        "I'm writing a related-work section on robust overfitting in adversarial training -- the drop in robust "
        "test accuracy late in training. Which papers here explain it or propose fixes?",
        names=names,
        survey_threshold=0.5,
    )
    assert read.intent == "survey"
    assert read.focus.startswith("robust overfitting adversarial training")
    assert not {"writing", "section", "related-"} & set(read.focus.split())
    # the corpus named as where to look is framing too ("here", "in the collection"); "data collection" is not
    here = plan("Anything here on speech or voice, in the collection?", names=names, survey_threshold=0.5)
    assert here.intent == "survey" and here.focus == "speech or voice"
    for asked in (
        "which papers study adaptive data collection?",
        "Which papers study bias in the collection of feedback?",
    ):
        assert "collection" in plan(asked, names=names, survey_threshold=0.5).focus.split(), asked
    # "is there anything on X?", "anything here that does X?" ask what the corpus holds on X
    # ... and so does "does the corpus have anything that ...?", in any clause, whatever examples a
    # bracket gives ("for judging a model" points at no one paper; BR's nbr-survey-02 read as a detail)
    for asked in (
        "Is there anything on mechanistic interpretability?",
        "Anything here that does mechanistic interpretability?",
        "Does the corpus have anything that uses dropout as a tool?",
        "dropout beyond regularization: does the collection have anything that uses it as a tool (for judging a "
        "model, as inspiration for a new method)?",
    ):
        assert plan(asked, names=names, survey_threshold=0.5).intent == "survey", asked
    # "does the paper report ...?", "does the corpus say how ...?" still ask a fact, and a bracket naming the
    # paper points at it (a helper's review)
    for asked in (
        "Does the paper report accuracy on CIFAR-10?",
        "Does the corpus say how DeepFool computes the minimal perturbation?",
        "Does the collection mention which optimizer BERT was trained with?",
    ):
        assert plan(asked, names=names, survey_threshold=0.5).intent == "detail", asked
    assert (
        plan("Is there anything on its runtime (the SSD paper)?", names=names, survey_threshold=0.5).intent != "survey"
    )
    # not when it points at one paper or asks a fact (a helper's review)
    for asked in ("Anything on the SAM paper's results?", "Is there anything that says what dataset AlexNet used?"):
        assert plan(asked, names=names, survey_threshold=0.5).intent != "survey", asked
    # "work" is a request word only on its own: not inside "work-around" or "related-work"
    kept = plan("Which papers propose a work-around for label noise?", names=names, survey_threshold=0.5)
    assert "work-around" in kept.focus.split()


@pytest.mark.parametrize(
    "question, name",
    [
        ("need CIFAR-100 baselines: which papers in the collection report experiments on CIFAR-100?", "CIFAR-100"),
        ("svhn results anywhere? list every paper here that evaluates on SVHN", "SVHN"),
        ("which papers report results on a ResNet-50 (any task)?", "ResNet-50"),
        ("MNIST results: list the papers that run experiments on MNIST", "MNIST"),
        # not a topic's benchmarks, a result reported on a method, nor results on two names
        ("Looking for neural architecture search papers: weight-sharing NAS, NAS benchmarks. Which ones?", ""),
        ("I think someone detected duplicate candidates, reporting big speedups on NAS. title?", ""),
        ("which papers report experiments on CIFAR-10 and SVHN?", ""),
        ("which papers study label noise on CIFAR-100?", ""),
        # a capitalised word before the name is part of it, a short prefix in capitals is not (a helper's review)
        ("which papers report results on Tiny ImageNet?", "Tiny ImageNet"),
        ("which papers report experiments on MS COCO?", "COCO"),
        # papers narrowed by a topic or a restriction are not every paper writing the name (a helper's review)
        ("which papers on label noise report results on CIFAR-100?", ""),
        ("which robustness papers report experiments on Tiny-ImageNet?", ""),
        ("which papers report results on CIFAR-10 but not on ImageNet?", ""),
        ("which papers report results on standard CIFAR-100?", ""),  # a lower-case word is not part of a name
    ],
)
def test_a_survey_of_the_papers_reporting_results_on_a_name(question, name, names):
    """ "Which papers report experiments on CIFAR-100?": every paper found writing the name is cited."""
    assert plan(question, names=names, survey_threshold=0.5).evaluated_on == name


@pytest.mark.parametrize(
    "question, venue",
    [
        ("Which ECCV or ICLR 2018 papers does the collection include?", "ECCV | ICLR"),
        ("ICML, ICLR and ECCV papers", "ICML | ICLR | ECCV"),
        ("List ICLR 2018 papers, not ECCV ones", "ICLR"),  # the second venue is excluded, not added
        ("Which ICLR papers beat ECCV results?", "ICLR"),
    ],
)
def test_a_listing_selects_the_venues_it_joins(question, venue, names):
    read = plan(question, names=names)
    assert read.intent == "listing" and read.filters is not None and read.filters.venue == venue


def test_words_for_where_papers_appeared_are_not_a_listing_topic(names):
    read = plan("list the papers in the corpus that come from 2018 conferences, with their venue", names=names)
    assert read.intent == "listing" and read.filters is not None and read.filters.year == 2018
    assert not read.topic, read.topic


@pytest.mark.parametrize(
    "question, subject",
    [
        ("Could you give me the full author list for 'Spherical CNNs'?", "Spherical CNNs"),
        ("last author on the group normalization paper?", "group normalization"),
        ("Could you tell me who the authors of the paper on spherical CNNs are?", "spherical CNNs"),
        ("spherical cnns - was that iclr or neurips, and which year?", "spherical cnns"),
        ("The group normalization paper: which year?", "group normalization"),
        ("Spherical CNNs. Do you have it, and from which year?", "Spherical CNNs"),
        ("In what year, and at which conference, was Group Normalization published?", "Group Normalization"),
        ("Please tell me the conference, year and presentation type for the work on spherical CNNs.", "spherical CNNs"),
        ("Was the matrix games variance reduction paper a spotlight at NeurIPS?", "matrix games variance reduction"),
        (
            "There's a paper that normalises features within groups of channels. Where and when did it appear?",
            "normalises features within groups channels",
        ),
    ],
)
def test_a_request_for_a_papers_record_is_read_wherever_it_stands(question, subject, names):
    """The record asked for anywhere in the question, in any of its forms (authors, venue, year,
    session), is an authorship question about what the rest of the question names: its metadata
    is part of the request, not a filter ("a spotlight at NeurIPS?" asks; it does not select)."""
    read = plan(question, names=names)
    assert read.intent == "authorship", read.reasons
    assert set(subject.lower().split()) <= set(read.search_text.lower().split()), read.search_text
    assert read.filters is None


def test_a_record_question_asking_a_second_question_lists_one_paper(names):
    read = plan("who are the authors of the group normalization paper, and where was it published?", names=names)
    assert read.intent == "authorship" and read.subjects == ()
    content = plan("What do the authors of Group Normalization propose instead of batch normalization?", names=names)
    assert content.intent != "authorship"


def test_a_record_question_set_after_the_sentence_naming_its_paper(names):
    """ "X co-authored one of these. Was it an oral or a spotlight, and which other papers
    had the same?": the author says which paper (a filter), both session types are asked, neither
    selects, and the part asking for the others names no paper."""
    read = plan(
        "Dan Boneh co-authored one of these papers. Was it an oral or a spotlight, and which other papers "
        "from that conference got the same kind of slot?",
        names=names,
    )
    assert read.intent == "authorship" and read.search_text == ""
    assert read.filters == Filters(author="Dan Boneh") and read.same_as


def test_session_types_asked_select_no_paper_and_one_set_aside_is_not_named(names):
    asked = plan("Was the logit clipping paper for noisy labels an oral or spotlight?", names=names)
    assert asked.hints.presentation is None and not any(f.presentation for f in asked.record.alternatives)
    chosen = plan("In the NeurIPS 2019 listing, which talk was not a spotlight but an Oral? Who wrote it?", names=names)
    assert [f.presentation for f in chosen.record.alternatives] == ["Oral"]
    assert chosen.hints.presentation in (None, "Oral")
    listed = plan("List the NeurIPS 2019 papers that were not spotlights but orals.", names=names)
    assert listed.filters is not None and listed.filters.presentation == "Oral"


@pytest.mark.parametrize(
    "question",
    [
        "In which year did adversarial training become popular?",
        # a "which year?" closing a sentence that asks its own question asks that question's year
        "Whom does Group Normalization credit with first proposing batch normalization, and in which year?",
        "What did spherical CNNs improve on, and in what year?",
        "Which workshop is about safety?",
        "How does the lead author of Group Normalization motivate it?",
        "What did the first author propose in the follow-up work?",
        "What is the probability that the model outputs a poster?",
        "What do the authors of Group Normalization propose?",
        "Which conference papers study robustness?",
    ],
)
def test_a_question_about_content_that_names_record_words_is_not_a_record_request(question, names):
    assert plan(question, names=names).intent != "authorship"


def test_the_asked_part_names_the_paper_before_the_context_around_it(names):
    read = plan(
        "I'm writing a survey on adversarial robustness for my thesis. Who wrote Group Normalization?", names=names
    )
    assert read.intent == "authorship" and read.search_text == "Group Normalization"


def test_what_a_question_asks_of_the_records_is_read_whatever_its_intent():
    """Fields asked by their words, or checked by a value the question gives; the records its
    names select; nothing for a question that names a person and asks only about content."""
    names = Names.of(
        [
            Card("a", "A", (), "ICML", 2018, "paper", ("f.txt",), None),
            Card("b", "B", (), "ICLR", 2018, "paper", ("f.txt",), None),
            Card("c", "C", ("Dan Boneh",), "NeurIPS", 2019, "paper", ("f.txt",), "Spotlight"),
        ]
    )

    def ask(question):
        return plan(question, names=names).record

    older = ask("Which is older, the first paper or the second?")
    assert older.fields == ("year",) and not older.alternatives and not older.papers
    for question in ("Is the newer one from NeurIPS?", "Did it come out earlier than the GAN paper?"):
        assert "year" in ask(question).fields, question
    # before a noun other than a paper's, "earlier" and "older" name prior work: no year is asked
    for question in (
        "Which papers give a bound that beats earlier ones?",
        "How does it differ from the earlier approaches?",
        "Is it better than the older baselines?",
    ):
        assert ask(question).fields == (), question
    both = ask("Please list everything from ICLR 2018 and from ICML 2018 together.")
    assert both.fields == () and both.checked == ("venue", "year")
    assert [f.venues for f in both.alternatives] == [["ICLR", "ICML"]] and both.alternatives[0].year == 2018
    assert [f.year for f in ask("Everything dated 2018 or 2019, with the venue of each.").alternatives] == [2018, 2019]
    checked = ask("That's an ICML paper, isn't it?")
    assert checked.fields == () and checked.checked == ("venue",)
    bib = ask("For the bib entry I need everything on record.")
    assert set(bib.fields) == {"authors", "venue", "year", "presentation"}
    person = ask("What do Boneh's papers say about sourdough?")
    assert person.fields == () and [f.author for f in person.alternatives] == ["Dan Boneh"]
    assert ask("what has been proposed against robust overfitting?") == RecordAsk()
    every = ask("Give me every paper whose conference is known, grouped by venue.")
    assert every.collection and every.topic == "" and every.fields == ("venue",)
    on = ask("Of the papers with a recorded venue, which ones study audio attacks?")
    assert on.collection and on.topic == "audio attacks"
    assert not ask("Where was the SupCon paper published?").collection  # one paper, not the collection
    # the words in a topic's place, apart: "attached" is how a question speaks of records, "GANs" a topic
    placed = {
        "how many of the papers actually have a venue attached?": "",
        "Which conference is best represented among the papers that actually have a venue recorded?": "",
        "Who wrote the papers on baking sourdough bread?": "baking sourdough bread",
        "Who wrote the papers mentioning sourdough?": "sourdough",
        "sourdough: who wrote the papers?": "sourdough",
        "Which venues are the papers dealing with GANs from?": "GANs",
        "Who wrote the diffusion papers?": "diffusion",
        "Who wrote papers that study diffusion models?": "diffusion models",
        "Which papers discuss sourdough, and where were they published?": "sourdough",
        "Who wrote the papers, which study sourdough?": "sourdough",
        "Who wrote the papers that have used sourdough?": "sourdough",
        "Who wrote the papers in the field of sourdough?": "sourdough",
        "Who wrote the papers with sourdough in the title?": "sourdough",
        'Who wrote the "sourdough" papers?': "sourdough",
        "Of the papers with a venue, which one deals with sourdough?": "sourdough",
        "For knitting, who wrote the papers?": "knitting",
        "Who wrote the papers - sourdough": "sourdough",
        "Who wrote the papers (sourdough)?": "sourdough",
        "Who wrote papers where knitting is discussed?": "knitting",
        "Who wrote the papers that are sourdough-related?": "sourdough-related",
        "Which papers lack a venue?": "",
        "Which papers have a venue attached during review?": "",
        "Which papers discussing robustness have a venue attached?": "robustness",
        "Which papers have a venue listed and discuss diffusion models?": "diffusion models",
    }
    for question, words in placed.items():  # the topic's words among those placed (a verb may join them)
        found = ask(question)
        assert found.collection and bool(found.placed_topic) == bool(words), question
        assert set(words.split()) <= set(found.placed_topic.split()), question
    assert ask("how many of the papers actually have a venue attached?").topic == "attached"
    # a field's word goes with what is hyphenated to it: "first-author" leaves no "first-" in the topic
    assert ask("Which papers on noisy labels have a first-author listed?").topic == "noisy labels"
    for question in ("Who is listed second on the first paper?", "Boneh: is his name on the first paper?"):
        assert ask(question).fields == ("authors",), question


@pytest.mark.parametrize(
    "question",
    [
        "Which is older, Group Normalization or Spherical CNNs?",
        "Which came out first: the sketching paper or the distillation one? Give the years.",
        "Which one is more robust - TRADES or MART?",
    ],
)
def test_which_of_two_is_a_comparison(question):
    assert plan(question, names=Names.of([])).intent == "compare"


@pytest.mark.parametrize(
    ("question", "subjects"),
    [
        (
            "Which of Group Normalization or Spherical CNNs works with small batches?",
            ["Group Normalization", "Spherical CNNs"],
        ),
        ("Which of IoU-Net and Group Normalization came out first?", ["IoU-Net", "Group Normalization"]),
        # three listed: each its own subject, not the first two run together
        (
            "Which one is older: Group Normalization, Spherical CNNs or IoU-Net?",
            ["Group Normalization", "Spherical CNNs", "IoU-Net"],
        ),
        (
            "Which of Group Normalization, Obfuscated Gradients and Spherical CNNs was published first?",
            ["Group Normalization", "Obfuscated Gradients", "Spherical CNNs"],
        ),
        # a side whose comma sets off a description is one subject, and so is a comma in brackets
        ("Compare GN, which normalises groups of channels, with BN", ["GN, which normalises groups of channels", "BN"]),
        (
            "Which is older: Group Normalization (Wu, He), Spherical CNNs or IoU-Net?",
            ["Group Normalization (Wu, He)", "Spherical CNNs", "IoU-Net"],
        ),
        # the list ends where the lower-case rest begins, whatever its verb
        ("Which of GN, BN and LN generalizes better?", ["GN", "BN", "LN"]),
        # a request to compare that opens the question names its subjects, not a comparison among
        # the aspects after its colon
        (
            "Compare group normalization with batch norm: how does each scale (small vs large batches)?",
            ["group normalization", "batch norm"],
        ),
        ("Contrast GN and BN; which is cheaper, GPU vs CPU?", ["GN", "BN"]),
        # "relate to" between two works (a paper, a method, a name) sets them side by side
        (
            "How does the paper that normalises groups of channels relate to the BN method?",
            ["the paper that normalises groups of channels", "the BN method"],
        ),
    ],
)
def test_which_of_a_list_compares_each_named(question, subjects):
    read = plan(question, names=Names.of([]))
    assert read.intent == "compare" and [s.text for s in read.subjects] == subjects


def test_relating_two_ideas_is_no_comparison_of_works():
    """ "How does X relate to Y?" compares two works only when each side describes one."""
    for question in (
        "How does sharpness relate to generalization?",
        "How does the attack success rate relate to model size?",
        "How does this approach relate to prior work?",
    ):
        assert plan(question, names=Names.of([])).intent != "compare", question


def test_compare_and_contrast_names_both_sides():
    read = plan("Compare and contrast LoRA and adapters", names=Names.of([]))
    assert read.intent == "compare" and [s.text for s in read.subjects] == ["LoRA", "adapters"]


def test_two_works_a_leading_context_describes_are_the_sides_not_a_vs_inside_the_aspects():
    read = plan(
        "For the paper on interpretable CV models through adversarial training and the one looking at robustness "
        "through convolutional filters: both compare adversarially trained vs standard models - what does each find?",
        names=Names.of([]),
    )
    assert read.intent == "compare" and [s.text for s in read.subjects] == [
        "the paper on interpretable CV models through adversarial training",
        "the one looking at robustness through convolutional filters",
    ]


@pytest.mark.parametrize(
    ("question", "sides"),
    [
        (
            "Two fixes for label noise: Co-teaching (two peer networks) and the small-loss trick. How does each "
            "pick the samples it trusts?",
            ["Co-teaching (two peer networks)", "the small-loss trick"],
        ),
        # announced after a request to compare, and set off by a dash
        (
            "Compare the two 'law of robustness' papers here - the random features one and the 'beyond "
            "isoperimetry' one. What does each prove?",
            ["the random features one", "the 'beyond isoperimetry' one"],
        ),
    ],
)
def test_two_works_an_opening_announces_and_names_are_compared(question, sides):
    read = plan(question, names=Names.of([]))
    assert read.intent == "compare" and [s.text for s in read.subjects] == sides


def test_two_works_announced_are_not_aspects_nor_questions():
    # after a dash, sides that do not point at works are aspects
    aspects = plan("Compare the two papers on label noise - the noise model and the loss used.", names=Names.of([]))
    assert aspects.subjects == ()
    # nothing asked of the two, or no two works announced, or two questions: no comparison
    for question in (
        "Two papers about noisy labels: Co-teaching and the small-loss trick.",
        "Two datasets: CIFAR-10 and ImageNet. Which defenses report results on each?",
        "Two topics: diffusion unlearning and face recognition. Which papers cover each?",
        "Two questions about papers: what dataset did AdvUnlearn use and how long did their training run?",
    ):
        assert plan(question, names=Names.of([])).intent != "compare", question


def test_a_side_pointing_back_at_its_first_clause_is_what_that_clause_names():
    read = plan(
        "How does MixMatch sharpen its guessed labels with a temperature, and how does it compare with ReMixMatch?",
        names=Names.of([]),
    )
    assert read.intent == "compare" and [s.text for s in read.subjects] == ["MixMatch", "ReMixMatch"]
    # a first clause naming no one thing keeps the side as written
    read = plan(
        "How do semi-supervised methods sharpen guessed labels, and how does it compare with ReMixMatch?",
        names=Names.of([]),
    )
    assert [s.text for s in read.subjects] == [
        "semi-supervised methods sharpen guessed labels, and how does it",
        "ReMixMatch",
    ]


def test_a_name_with_an_aside_is_resolved_by_the_name(seed_assistant):
    read = seed_assistant.plan(
        "Two ways of handling mislabeled data: Adaptive-k (per-batch loss threshold) and Late Stopping. "
        "How do their criteria for dropping examples differ?"
    )
    assert [(s.text, s.how) for s in read.subjects] == [
        ("Adaptive-k (per-batch loss threshold)", "name"),
        ("Late Stopping", "name"),
    ]
    assert read.subjects[0].title is not None and read.subjects[0].title.endswith("Adaptive-k")


def test_comparison_subjects_named_as_people_write_them(seed_assistant):
    # an abbreviation spelled out in brackets is a name, not a description to search by
    vrex = seed_assistant.plan("How does V-REx (variance risk extrapolation) compare with the IRMv1 penalty?")
    assert vrex.intent == "compare" and vrex.subjects[0].paper_id is None
    assert seed_assistant.ask("How does V-REx (variance risk extrapolation) compare with the IRMv1 penalty?").refused
    # one thing by two names, neither of which any paper is about
    flow = seed_assistant.plan("flow matching / rectified flow vs diffusion: how do their training objectives compare?")
    assert flow.subjects[0].paper_id is None and flow.subjects[0].names == ("flow matching", "rectified flow")
    # a title's words called a paper, and two works joined before "relate"
    gap = seed_assistant.plan("Accuracy Disparity paper vs DAFA: what does each blame for the class-wise gap?")
    assert [s.title for s in gap.subjects] == [
        "Understanding the Impact of Adversarial Robustness on Accuracy Disparity",
        "DAFA: Distance-Aware Fair Adversarial Training",
    ]
    related = seed_assistant.plan("How do 'Visualizing the Loss Landscape of Neural Nets' and SAM relate?")
    assert related.intent == "compare" and [s.title for s in related.subjects] == [
        "Visualizing the Loss Landscape of Neural Nets",
        "Sharpness-Aware Minimization for Efficiently Improving Generalization",
    ]
    # described with an article, the words before "paper" are a description, searched as one
    described = seed_assistant.plan(
        "Both the adversarial linear-MDP regret paper and the optimistic OMD paper bound regret: how do they differ?"
    )
    assert all(s.paper_id is not None for s in described.subjects)


def test_relating_two_quantities_or_a_compared_thing_is_no_comparison():
    names = Names.of([])
    assert plan("How do robustness and accuracy relate in these papers?", names=names).intent != "compare"
    asked = plan("Neur2RO - how many variants of the k-adaptability algorithm did they compare against?", names=names)
    assert asked.intent == "detail"
    assert plan("How does TRADES relate to MART?", names=names).intent == "compare"
    # two quantities related, a name among their words, are no two works (the review's)
    for quantities in (
        "How does CIFAR-10 accuracy relate to ImageNet accuracy?",
        "How does the teacher's confidence relate to the student's accuracy?",
        "How do PGD accuracy and AutoAttack accuracy relate?",
    ):
        assert plan(quantities, names=names).intent != "compare", quantities
    # a "vs" inside a question asking a fact, with no two works named, asks the fact
    counted = plan(
        "In the trustworthy CV lecture, how big was the unpaired training set EnlightenGAN assembled (how many "
        "low-light vs normal-light images)?",
        names=names,
    )
    assert counted.intent == "detail"


def test_a_paper_a_question_sets_aside_is_never_cited(seed_assistant):
    deepfool = "DeepFool: a simple and accurate method to fool deep neural networks"
    asked = "which papers propose attacks that find the minimal perturbation to fool a deep network?"
    read = seed_assistant.plan(f"Other than the DeepFool paper, {asked}")
    titles = {c.id: c.title for c in seed_assistant.cards()}
    assert [titles[i] for i in read.set_aside] == [deepfool]
    answer = seed_assistant.ask(f"Other than the DeepFool paper, {asked}")
    assert deepfool not in {c.paper.title for c in answer.citations}
    assert deepfool not in {h.paper.title for h in retrieve(read, seed_assistant.tools())}
    # the paper asked about without the aside is found: the exclusion is the aside's doing
    bare = seed_assistant.plan(asked.capitalize())
    assert bare.set_aside == () and deepfool in {h.paper.title for h in retrieve(bare, seed_assistant.tools())}
    # a name a title only uses (a dataset) sets aside no paper, nor does a description
    for kept in (
        "Besides ImageNet, which datasets did the deterministic certification paper use?",
        "Leaving aside papers about RL itself: which papers use RL to train other systems?",
    ):
        assert seed_assistant.plan(kept).set_aside == ()
    # a paper's own name before its title's colon, and a title written out, are set aside
    mnist_c = seed_assistant.plan("Apart from MNIST-C, what corruption robustness benchmarks are there?").set_aside
    assert [titles[i] for i in mnist_c] == ["MNIST-C: A Robustness Benchmark for Computer Vision"]
    gn = seed_assistant.plan("Besides Group Normalization, which normalization methods are studied here?").set_aside
    assert [titles[i] for i in gn] == ["Group Normalization"]
    # a paper the rest of the question asks about is not set aside
    asked_of = seed_assistant.plan("Other than DeepFool, which attacks does the DeepFool paper compare against?")
    assert asked_of.set_aside == ()


@pytest.mark.parametrize(
    "question",
    [
        "Which of CIFAR-10 and ImageNet does TRADES report results on?",  # the list is asked about
        "Which of Kolter and Madry's papers was published first?",
    ],
)
def test_which_of_a_list_that_is_not_the_subject_is_no_comparison(question):
    assert plan(question, names=Names.of([])).intent != "compare"


def test_which_of_two_venues_is_a_listing_not_a_comparison():
    names = Names.of(
        [
            Card("a", "A", (), "ICML", 2018, "paper", ("f.txt",), None),
            Card("b", "B", (), "NeurIPS", 2019, "paper", ("f.txt",), None),
        ]
    )
    read = plan("Which of ICML and NeurIPS has more papers on robustness?", names=names)
    assert read.intent == "listing" and read.filters.venue == "ICML | NeurIPS"


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("How does the ViSQOL metric estimate perceived audio quality?", "ViSQOL"),
        ("In TRADES, what does the beta hyperparameter trade off?", "TRADES"),
        ("How does QLoRA's 4-bit NormalFloat data type work?", "QLoRA"),
        ("Which attacks make up the AutoAttack ensemble, and what makes it parameter-free?", "AutoAttack"),
        # a name as the setting of a result, not what is asked about
        ("What accuracy does group normalization reach on ImageNet with batch size 2?", ""),
        ("By how much does the supervised contrastive loss beat cross-entropy on CIFAR-10?", ""),
        # not a detail question: a paper is looked for, the name describes it
        ("Which paper bounds how far a GCN's predictions can move under attribute noise?", ""),
        # the first name is asked about; a measure's setting is not
        ("What is the COCO box AP of IoU-Net?", ""),
        ("In MS-COCO experiments, what does IoU-Net improve?", ""),
        ("What robust accuracy does TRADES reach under the PGD attack?", ""),
        ("How does ImageNet accuracy change with the batch size in group normalization?", ""),
    ],
)
def test_the_name_a_detail_question_asks_about(question, name):
    assert plan(question, names=Names.of([])).asked_name == name


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("DP-SGD: how do per-example clipping and Gaussian noise combine into a privacy guarantee?", "DP-SGD"),
        ("RoPE question: how do rotary embeddings encode relative position?", "RoPE"),
        ("TRADES (Zhang et al.) - how does it split the robust error?", "TRADES"),
        ("CIFAR-10: how does label smoothing affect calibration?", "CIFAR-10"),  # declined only if nothing names it
        # not when the head is more than a name, the name is only in its aside, or the asked part names one
        ("Robustness of ViTs under common corruptions on ImageNet: how is it measured?", ""),
        ("Prospect (the DRO algorithm with a spectral risk set): how is it tuned?", ""),
        ("AdaFace: how does ArcFace's margin work?", ""),
    ],
)
def test_the_name_a_detail_question_is_headed_with(question, name):
    read = plan(question, names=Names.of([]))
    assert read.head_name == name and (not name or read.asked_name == "")


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        # no word marked as a name by its spelling: the run after the opening, longest first
        ("How does Adafactor factor the second-moment estimate?", ("Adafactor factor", "Adafactor")),
        (
            "What regret does Thompson sampling achieve for bandits?",
            ("Thompson sampling achieve", "Thompson sampling", "Thompson"),
        ),
        # never shorter than its capitalised words ("Set" would be any "test set"); either apostrophe
        ("how does the Set Transformer's induced set attention block work?", ("Set Transformer",)),
        ("How does the Set Transformer\u2019s induced set attention block work?", ("Set Transformer",)),
        ("Why does Adafactor's update drop momentum?", ("Adafactor",)),
        # a capitalised word outside the subject's place is context
        ("What learning rate does plain momentum use when training the Transformer model?", ()),
        ("How does label noise affect the Bayesian model?", ()),
        ("In Adversarial Distillation, what loss is optimised?", ("Adversarial Distillation",)),
        # a run in lower case describes the thing rather than names it
        ("What optimization problem does kernel mean matching solve?", ()),
        ("what mAP do the robustness interventions for multimodal learning reach on AudioSet 20K?", ()),
        # a measure, nothing named, a possessive that is not the subject, a name marked by its spelling
        ("How does ImageNet accuracy change with the batch size?", ()),
        ("how does the proposed method work?", ()),
        ("In the work that puts a prior on the last layer, which prior gives Student's t processes?", ()),
        ("How does the ViSQOL metric estimate perceived audio quality?", ()),
    ],
)
def test_the_words_a_detail_question_may_name_its_subject_by(question, terms):
    assert plan(question, names=Names.of([])).asked_terms == terms


def test_a_comparison_inside_a_listed_item_is_no_comparison():
    """'flat vs sharp minima' as one of a survey's listed sub-topics is part of the list; a list
    of the things compared ('Which is older: A, B or C?') and a single item after a colon still compare."""
    survey = (
        "Summarise the work on loss-landscape geometry: sharpness, flat vs sharp minima, curvature, and robustness."
    )
    assert plan(survey, names=Names.of([])).intent == "survey"
    assert plan("Compare these two: SAM vs ASAM", names=Names.of([])).intent == "compare"
    assert (
        plan("Which is older: Group Normalization, Spherical CNNs or IoU-Net?", names=Names.of([])).intent == "compare"
    )
    # what follows the list still asks, and a list of comparisons is one
    for question in (
        "Three norms: BatchNorm, LayerNorm, and GroupNorm; contrast them",
        "Re: Adam vs SGD, AdamW vs Adam, and Lion vs AdamW",
    ):
        assert plan(question, names=Names.of([])).intent == "compare", question


@pytest.mark.parametrize(
    ("question", "subjects"),
    [
        (  # where the second side ends is not known from the words: it runs to the mark, resolved by search
            "Both the HR training paper and FROD reuse robust backbones. What differs?",
            ["the HR training paper", "FROD reuse robust backbones"],
        ),
        ("IAT or AVmixup if I want clean accuracy? how do they differ in labels?", ["IAT", "AVmixup"]),
        (
            "lottery tickets: one paper casts pruning as bi-level optimization, another verifies ownership. "
            "how do they differ?",
            ["casts pruning as bi-level optimization", "verifies ownership"],
        ),
    ],
)
def test_two_subjects_set_side_by_side_in_other_forms(question, subjects):
    """'Both A and B ...', 'A or B if ...? how do they differ', 'one paper ..., another ...': the
    two sides are found; 'both mix a standard and a robust classifier' names no two things."""
    from rag.questions.clauses import split_comparison

    assert split_comparison(question) == tuple(subjects)
    assert split_comparison("both mix a standard and a robust classifier, so what differs?") is None


def test_a_question_asking_which_named_things_reads_their_kind():
    from rag.questions.asked import asked_kinds

    assert asked_kinds("Which four CNN backbones and which benchmark datasets was it evaluated on?") == (
        "backbones",
        "datasets",
    )
    assert asked_kinds("on which real data sets was it tested?") == ("data sets",)
    assert asked_kinds("what exact schedule do they use, and which audio dataset?") == ("dataset",)
    # the papers asked for, a kind that modifies another noun, one model or architecture (asked as a
    # description: "a transformer"), "what" in the singular, and names given to choose from: none asked
    assert asked_kinds("which papers use language models for this?") == ()
    assert asked_kinds("which model selection rule do they use?") == ()
    assert asked_kinds("Which model components matter most?") == ()
    assert asked_kinds("which model architecture does it use?") == ()
    assert asked_kinds("What architecture does FooNet use for the encoder?") == ()
    assert asked_kinds("Which benchmark is harder for LLMs, MMLU or GSM8K?") == ()
    assert asked_kinds("Which language modeling benchmarks are used?") == ("benchmarks",)
    read = plan("BiP pruning: which five architectures and which four datasets did they use?", names=Names.of([]))
    assert read.intent == "detail" and read.asked_kinds == ("architectures", "datasets")


def test_a_degree_asked_with_by_how_many_or_after_a_leading_setting_is_a_figure_question():
    names = Names.of([])
    read = plan("By how many points does FooNet beat BarNet on the Baz benchmark?", names=names)
    assert read.intent == "detail" and read.asked_figures == (("points",),)
    read = plan("In the FooNet paper, by how much did pruning cut the latency on phones?", names=names)
    assert read.intent == "detail" and read.asked_figures
    # a "by how" that asks no degree is not one
    assert plan("by how the attack is built, which defences fail?", names=names).intent != "detail"


def test_the_figures_a_question_asks_for_are_read_with_the_measured_thing_last():
    names = Names.of([])
    read = plan("What dropout rate did the original Transformer paper use for machine translation?", names=names)
    assert read.intent == "detail" and read.asked_figures == (("dropout", "rate"),)
    assert plan("What value of beta does TRADES recommend?", names=names).asked_figures == (("beta",),)
    assert asked_figures("how large are the robust accuracy gains of the pruned networks?") == (("robust", "accuracy"),)
    assert asked_figures("How many corruptions does MNIST-C apply?") == (("corruptions",),)
    assert asked_figures("what MRR@10 does it get on MS MARCO?") == (("MRR@10",),)
    # a clause ending on its preposition asks for what was reported on, not for a figure
    assert asked_figures("which datasets does the IBP one report SOTA on?") == ()
    # ... or led by it (BT): the datasets or the loss are what is asked, not a figure
    assert asked_figures("on which datasets did they report new state-of-the-art robust accuracy?") == ()
    assert asked_figures("For which loss does RFRBoost get closed-form solutions?") == ()
    assert asked_figures("what accuracy did they report on CIFAR-10?") == (("accuracy",),)
    # but a quantity led by it is the figure's setting asked for (a helper's review)
    assert asked_figures("Under which perturbation budget did they report 60% robust accuracy?") != ()
    assert asked_figures("At what depth does the network reach its best accuracy?") != ()
    # a factor asked is a multiplier; factors asked are things
    assert asked_figures("which acceleration factor did they test at?") == (("acceleration", "factor"),)
    assert asked_figures("which factors matter most?") == asked_figures("which factor matters most?") == ()
    # a preposition ending a clause further on is no stranded one
    assert asked_figures("what FID does it get on the data they test on?") == (("FID",),)
    assert asked_figures("which benchmarks does it reach SOTA on, and what FID does it get?") == (("FID",),)
    assert asked_figures("lion on diffusion models - how big is the cut in training compute vs adam?") == (
        ("training", "compute"),
    )
    assert asked_figures("how many loss terms make up Sy-CON?") == (("loss", "terms"),)  # the counted noun ends it
    # "what" a verb's subject (BV): the measure is the verb's object, no figure asked of it
    assert asked_figures("what replaces the squared error, and what failure does each fix?") == ()
    assert asked_figures("what happens to the accuracy under attack?") == ()
    # ... but not a change noun or an adverb before the determiner (a helper's review)
    assert asked_figures("what improvement in the accuracy does the method give?") == (("improvement", "accuracy"),)
    assert asked_figures("what is the error rate on ImageNet?") == (("error", "rate"),)
    assert asked_figures("what value of the temperature did they use?") == (("temperature",),)
    # a degree asked of an adjective with no measure names none; nor does a question without a figure
    assert asked_figures("how small must the matrix entries be?") == ()
    # a placeholder takes the word after "of"; another measure keeps its own words
    assert asked_figures("What is the dropout rate of the original Transformer?") == (("dropout", "rate"),)
    assert asked_figures("what's the error rate on CIFAR-10?") == (("error", "rate"),)
    for question in (
        "what value does attention add over convolutions?",
        "how large a role does pretraining play?",
        "What is the margin-based loss they propose?",
        "which value function do they learn?",
    ):
        assert asked_figures(question) == (), question
    # a change verb's object is the measure ("by how much does X reduce Y?"), past asides and an owner;
    # a verb with no object names none
    assert asked_figures("By how much does SOAP reduce iterations compared with AdamW?") == (("iterations",),)
    assert asked_figures("by how much does CPR (stratified rejection) reduce total robust loss on CIFAR-100?") == (
        ("total", "robust", "loss"),
    )
    assert asked_figures("how much did the attack reduce the real Alexa's wake-word F1 score") == (
        ("wake-word", "F1", "score"),
    )
    assert asked_figures("how much does it gain?") == () and asked_figures("How much does pretraining help?") == ()
    # hyperparameters by their own names; a share is a figure on what it is a share of; an owner is not
    # the measure; "how accurate" and "how fast" ask the adjective's measure
    assert asked_figures("what temperature did they use, and what weight decay?") == (
        ("temperature",),
        ("weight", "decay"),
    )
    assert asked_figures("what LoRA rank works best?") == (("LoRA", "rank"),)
    assert asked_figures("what fraction of the weights is reset each phase?") == (("weights",),)
    assert asked_figures("what number of groups G do they use by default?") == (("groups",),)
    assert asked_figures("AdaFace TAR on IJB-C - what number do they report?") == (("number",),)  # any figure
    assert asked_figures("what's SCORE's exact AutoAttack robust accuracy?") == (
        ("exact", "AutoAttack", "robust", "accuracy"),
    )
    assert asked_figures("how accurate is Point2RBox on DOTA?") == (("accuracy",),)
    assert asked_figures("how fast does Lion train compared to AdamW?") == (("faster",),)
    assert asked_figures("What box AP does CutLER get on COCO?") == (("box", "AP"),)
    assert asked_figures("which saliency map does it produce?") == ()  # mAP in its own case only
    # a measure on something, with no question word anywhere, is asked all the same; a request for
    # papers on a measure is not
    read = plan("H2RBox mAP on DOTA-v1.0 - horizontal-box-supervised oriented detection?", names=names)
    assert read.intent == "detail" and read.asked_figures == (("mAP",),) and read.figure_names == ("H2RBox", "DOTA-v1")
    assert plan("Key.Net repeatability score on HPatches?", names=names).intent == "detail"
    for survey in ("papers on robust accuracy on CIFAR-10", "Oriented object detection: mAP on DOTA"):
        assert plan(survey, names=names).intent == "survey", survey  # no thing named before the measure
    # a measure's noun before another noun names a thing, not a figure
    assert asked_figures("What temperature network do they propose?") == ()
    assert asked_figures("What learning rate decay schedule does it recommend?") == ()
    # the figure is put on the question's names, less the measure's own and the user's context
    read = plan("I train on 8 V100 GPUs: what top-1 error does GroupNorm have on ImageNet?", names=names)
    assert read.asked_figures == (("top-1", "error"),) and read.figure_names == ("GroupNorm", "ImageNet")
    assert read.figure_values == ()  # the user's 8 GPUs set no figure
    # a name asked which of is not one the figure is put on
    read = plan("For SSD with 300x300 input, what mAP does it get on VOC2007 and how fast (on what GPU)?", names=names)
    assert "GPU" not in read.figure_names and "SSD" in read.figure_names
    assert plan("Point2RBox - what mAP on FAIR1M?", names=names).figure_names == ("Point2RBox", "FAIR1M")
    # a trade-off's two quantities are no two works; works a trade-off is "of" still are
    assert plan("What are the trade-offs of LoRA vs full fine-tuning?", names=names).intent == "compare"
    assert plan("How does epsilon trade off speed vs accuracy in Sinkhorn?", names=names).intent != "compare"
    # an aside setting two names side by side is compared; a lead describing many works asks a survey
    assert plan("How do the two papers (TRADES vs MART) define robustness?", names=names).intent == "compare"
    many = "For the papers on test-time adaptation: which datasets do they evaluate on?"
    assert plan(many, names=names).intent == "survey"
    one = "For the detector that was trained against attacks on two datasets: which datasets did they test on?"
    assert plan(one, names=names).intent == "detail"  # its head is "detector"; "attacks", "datasets" come later
    # "SOTA" stands for no one thing: abstracts write "over the state of the art"
    read = plan("How much AP50 did Point2RBox gain over SOTA on DOTA?", names=names)
    assert read.figure_names == ("Point2RBox", "DOTA")
    # the values in digits it is set under; not those inside names ("Recall@10", "1e-4") nor a year
    read = plan("CutLER on COCO with 10% labels in 2023 - box AP gain at 300x300 and Recall@10, FAR=1e-4?", names=names)
    assert read.figure_values == ("10%", "300x300")
    # a thousands separator is one value; a premise before the question sets nothing
    assert plan("What accuracy does FixMatch reach with 4,000 labels?", names=names).figure_values == ("4,000",)
    read = plan("FixMatch got 94.93% with 250 labels; what accuracy does it get with 40 labels?", names=names)
    assert read.figure_values == ("40",)
    # the user's own clause that asks still sets the figure
    read = plan("What box AP gain do we get from CutLER on COCO with 10% labels?", names=names)
    assert read.figure_values == ("10%",)
    assert asked_figures("How does Adafactor factor the second-moment estimator?") == ()
    # a survey asks for papers, a record question the records' figures: neither asks the abstracts one
    assert plan("Which papers report the attack success rate of black-box attacks?", names=names).asked_figures == ()
    assert plan("How many papers in the collection have a venue?", names=names).asked_figures == ()


def test_a_choice_between_two_things_is_a_comparison_of_them():
    names = Names.of([])
    for question, pair in (
        ("Would CARD or RobustTSF be the better pick, and what does each mean by 'robust'?", ("CARD", "RobustTSF")),
        # the choice before " - ", after context in a sentence of its own, is what the question is on
        (
            "i want to align a small LLM. rDPO (refined DPO w/ synthetic data) or CycleAlign - which fits better?",
            ("rDPO (refined DPO w/ synthetic data)", "CycleAlign"),
        ),
    ):
        read = plan(question, names=names)
        assert read.intent == "compare" and tuple(s.text for s in read.subjects) == pair
    # alternatives inside a request for papers, or that are no names, or venues, are no choice
    for question in (
        "which papers use mixup or cutmix?",
        "I work on vision or speech - which papers should I read?",
        "papers on pruning or quantization - which is most cited?",
        "any paper on GANs or VAEs, which is the best survey?",
        "Is ICML or NeurIPS the better venue for this?",
    ):
        assert plan(question, names=names).intent != "compare", question
    assert asked_part("Pruning papers - which one prunes at init?") == "which one prunes at init?"


def test_quoted_sides_and_kinds_of_things_in_comparisons():
    """Two phrases quoted in a sentence are a comparison's sides only as quotes: a decade or a
    possessive is no quote mark, a mark inside a word belongs to it; a side naming a kind of thing
    ("a standard (non-robust) detector") is no second work, one describing a work or a title is."""
    from rag.questions.clauses import split_comparison
    from rag.questions.subjects import _quoted

    assert _quoted("the 'SAM' paper and the 'ASAM' paper.") == ["SAM", "ASAM"]
    assert _quoted("Back in the '90s, the users' favourite was the 'robust MDP' paper.") == ["robust MDP"]
    assert _quoted("the 'Don't Stop Pretraining' paper and \u201cGroup Normalization\u201d.") == [
        "Don't Stop Pretraining",
        "Group Normalization",
    ]
    assert split_comparison("How does FROD compare with a standard (non-robust) detector?") is None
    assert split_comparison("How does SAM compare with an optimizer that seeks flat minima?") == (
        "SAM",
        "an optimizer that seeks flat minima",
    )
    assert split_comparison("How does TRADES compare with A Closer Look at Memorization in Deep Networks?") == (
        "TRADES",
        "A Closer Look at Memorization in Deep Networks",
    )


def test_a_leading_name_set_off_by_a_comma_is_not_the_question_word(names):
    """ "For FROD, what box AP ...?" asks a figure of FROD (it was read as a lookup, and no figure
    check ran); a leading topic is read as before."""
    figure = plan("For FROD, what box AP does the modified backbone reach on MS-COCO under attack?", names=names)
    assert figure.intent == "detail" and figure.asked_figures == (("box", "AP"),)
    topic = plan("For robust overfitting, which papers study it?", names=names)
    assert topic.intent != "detail"
    # one work described in the lead is pointed at as a name is; many works are not
    described = plan("For the t-batching loss paper on dynamic networks, which datasets did they use?", names=names)
    assert described.intent == "detail" and described.asked_kinds == ("datasets",)
    many = plan("For the defense methods on ImageNet, which papers report certified accuracy?", names=names)
    assert many.intent == "survey"
    # works asked for as the subject of what they do are many, whatever the lead names or describes
    for question in (
        "For the adversarial training approach, which papers report certified accuracy?",
        "For robust overfitting, which papers study it?",
    ):
        assert plan(question, names=names).intent == "survey", question
    # works the one paper does something to, or is something to, are that paper's; "which works better" chooses
    for question in (
        "Which papers does the SSD paper compare against?",
        "Which papers has the SSD paper been compared with?",
        "Which papers are its main baselines?",
        "For the SSD paper, which works better, the 300 or the 512 input?",
    ):
        assert plan(question, names=names).intent != "survey", question


@pytest.mark.parametrize(
    ("lead", "one"),
    [
        ("FROD", True),  # a name
        ("the t-batching loss paper on dynamic networks", True),  # described, its noun last
        ("the paper on dynamic graph embeddings", True),  # described, its noun first
        ("the study that trains a detector on two datasets", True),
        ("the defense methods for image classifiers", False),  # many works
        ("the ResNet work", True),  # a name: one work, though "work" may say many
        ("the papers on robust overfitting", False),
        ("robust overfitting", False),  # a topic
        ("this approach", False),  # pointed at, not described
    ],
)
def test_a_lead_points_at_one_work_when_it_names_or_describes_one(lead, one):
    assert _one_work(lead) is one


@pytest.mark.parametrize(
    ("question", "pair"),
    [
        # the side before "vs" asks how much of a measure: the thing compared is the context before the dash
        (
            "lion optimizer on diffusion models - how big is the cut in training compute vs adam?",
            ("lion optimizer on diffusion models", "adam"),
        ),
        # a side with a subject of its own is left as written (resolved later by its name)
        ("How much faster is SOAP vs AdamW?", ("How much faster is SOAP", "AdamW")),
        ("How well does FixMatch do compared with MixMatch?", ("How well does FixMatch do", "MixMatch")),
        ("z-loss on LM1B: how big is the gain vs softmax?", ("z-loss on LM1B", "softmax")),
        ("how big is the cut in training compute vs adam?", None),  # a measure set against a name compares nothing
    ],
)
def test_a_side_asking_how_much_is_an_aspect_not_a_thing_compared(question, pair):
    from rag.questions.clauses import split_comparison

    assert split_comparison(question) == pair


def test_a_part_in_a_named_thing_asks_about_the_name_but_a_measure_or_setting_of_it_does_not():
    from rag.questions.asked import asked_name

    assert asked_name("how were the captions in ImageNet-Captions collected?", ["ImageNet-Captions"])
    assert asked_name("How do the quantile estimators in RIQL balance them?", ["RIQL"]) == "RIQL"
    # a measure, a setting or a count "of"/"in" a name is no part of it ("The corpus has no paper about
    # CIFAR-10" would refuse a question about FixMatch)
    assert asked_name("How does the number of labels in CIFAR-10 affect FixMatch?", ["CIFAR-10", "FixMatch"]) == ""
    assert asked_name("How does the accuracy of ResNet-50 change under corruptions?", ["ResNet-50"]) == ""
    assert asked_name("How does the choice of optimizer in BERT pretraining matter?", ["BERT"]) == ""
    assert asked_name("Why does the training loss of GPT-2 spike?", ["GPT-2"]) == ""


@pytest.mark.parametrize(
    ("question", "second"),
    [
        (  # a quoted title in brackets after the authors is the side's title, not an aside cut off
            "Madry et al. ('Towards Deep Learning Models Resistant to Adversarial Attacks') vs Gao et al. "
            "('Convergence of Adversarial Training in Overparametrized Neural Networks'): what does each contribute?",
            "Gao et al. ('Convergence of Adversarial Training in Overparametrized Neural Networks')",
        ),
        (  # a citation in brackets says which work an unfamiliar name is
            "ZO-AE-DS vs SmoothAdv (Salman et al., adversarially trained smoothed classifiers): how is each trained?",
            "SmoothAdv (Salman et al., adversarially trained smoothed classifiers)",
        ),
        ("ADR vs AVmixup (on CIFAR-10): which is more robust?", "AVmixup"),  # an aside on the setting is cut
        ("BERT vs GPT-3 (as of 2023): how do they differ?", "GPT-3"),  # a year alone cites nothing
        ("LoRA vs DAPT ('Don't Stop Pretraining'): what differs?", "DAPT ('Don't Stop Pretraining')"),
    ],
)
def test_second_side_keeps_the_bracket_that_identifies_it(question, second):
    from rag.questions.clauses import split_comparison

    assert split_comparison(question)[1] == second


def test_what_a_question_sets_aside_is_not_what_it_asks(names):
    asked = plan(
        "The paper showing that plain interval bound propagation is enough to train big verifiably robust nets: "
        "besides MNIST, CIFAR-10 and SVHN, what's the largest setting where they got a model verified?",
        names=names,
    )
    assert asked.intent == "detail" and asked.names == ()
    assert "MNIST" not in asked.focus and "largest setting" in asked.focus
    surveyed = plan(
        "Leaving aside papers about RL itself (MDPs, value functions, offline RL): which papers use "
        "reinforcement learning as a tool to train some other kind of system?",
        names=names,
    )
    assert "MDPs" not in surveyed.focus and "reinforcement learning" in surveyed.topic
    told = plan("Besides the harder test set, it also released an OOD set. What is it called?", names=names)
    assert "OOD" in told.focus and "harder" not in told.focus  # the clause after the comma is kept
    # with no comma or colon to end it, nothing is set aside (the span would run on into the question)
    whole = plan("Besides accuracy what metrics does the DeepFool paper report?", names=names)
    assert "metrics" in whole.focus and "accuracy" in whole.focus
    # "besides" as an adverb, and a set-aside inside a sentence that may run on into what is asked, are kept
    assert "robust" in plan("Besides, which papers study robust overfitting?", names=names).topic
    inside = plan("Which methods other than adversarial training improve robustness to corruptions?", names=names)
    assert "adversarial training" in inside.focus


def test_what_a_request_for_papers_leaves_out_is_neither_its_topic_nor_searched(names):
    benchmarks = plan(
        "Which papers release benchmarks or evaluation datasets for adversarial (worst-case) robustness in any "
        "domain, not the common-corruption / natural-shift test sets like ImageNet-C?",
        names=names,
    )
    assert benchmarks.intent == "survey" and "benchmarks" in benchmarks.topic
    for text in (benchmarks.topic, benchmarks.focus, benchmarks.search_text):
        assert "corruption" not in text and "ImageNet-C" not in text
    rl = plan("Which papers study reinforcement learning (MDPs, offline RL)? leave out the RLHF stuff", names=names)
    assert "RLHF" not in rl.search_text and "RLHF" not in rl.topic and "offline RL" in rl.search_text
    # a "not" that adds ("not only"), or one inside a description of one paper, is kept
    assert "calibration" in plan("papers on robustness, not only to attacks but calibration?", names=names).topic
    probe = plan(
        "a paper arguing that naive Bayes, not logistic regression, is the better linear probe on frozen features",
        names=names,
    )
    assert "logistic regression" in probe.search_text
    # a "not", "except" or "leave out" inside what is asked is kept, and of "not X but Y" only X goes
    kept = {
        "Which papers study what happens when you leave out the normalization layers?": "normalization",
        "Which papers show every layer except the last can be pruned without loss?": "pruned",
        "Which papers analyze the effect of leaving out training points on the learned model?": "training points",
        "Which papers study robustness, not in the adversarial sense but to natural distribution shifts?": "shifts",
    }
    for question, word in kept.items():
        read = plan(question, names=names)
        assert word in read.topic and word in read.search_text, question


def test_a_quoted_title_is_one_side_of_a_comparison_whatever_it_holds(names):
    pair = plan(
        "Two theory papers about pretrained representations: 'Revisiting Discriminative vs. Generative Classifiers' "
        "and 'On the Provable Advantage of Unsupervised Pretraining'. How do their sample-complexity results differ?",
        names=names,
    )
    assert pair.intent == "compare"
    assert [s.text for s in pair.subjects] == [
        "'Revisiting Discriminative vs. Generative Classifiers'",
        "'On the Provable Advantage of Unsupervised Pretraining'",
    ]
    colon = plan(
        "Compare 'Cross-Entropy Loss Functions: Theoretical Analysis and Applications' with LegendreTron - how do "
        "they differ?",
        names=names,
    )
    assert colon.subjects[0].text == "'Cross-Entropy Loss Functions: Theoretical Analysis and Applications'"
    # a quoted phrase inside a described side still points at a work
    related = plan(
        "how does the ADMM approach for training two-layer ReLU nets relate to the 'practical convex formulation' "
        "paper for robust networks?",
        names=names,
    )
    assert related.intent == "compare" and len(related.subjects) == 2
    # a quoted side is trimmed of the aspect after it, as a name is
    assert split_comparison("How does SAM differ from 'ASAM' in terms of scale invariance?") == ("SAM", "'ASAM'")


def test_a_detail_question_keeps_the_words_of_its_asking_part_apart_from_its_description():
    described = (
        "BO-REP (bilevel optimization when the upper-level objective has unbounded smoothness): "
        "on which experimental tasks did they show it works?"
    )
    p = plan(described, names=Names.of([]))
    assert p.intent == "detail" and "experimental tasks" in p.asked_focus and "smoothness" not in p.asked_focus
    assert "smoothness" in p.focus
    # asked in one part, the whole question asks: no narrower part to weigh
    assert plan("What dropout rate did the original Transformer use?", names=Names.of([])).asked_focus == ""
    # not a detail question: nothing to quote for
    assert plan("Which papers study robust overfitting?", names=Names.of([])).asked_focus == ""


def test_a_quantity_or_kind_asked_past_a_description_of_one_work_is_a_detail():
    # batch BB and dev: the asking clause follows what describes the work, set off by a comma or a colon
    for question in (
        "ZO-AE-DS, the defense for models you can only query: apart from image classification, "
        "on which kind of task did they show it works?",
        "For virtual adversarial training (VAT), how many forward and backward passes are needed?",
        "GrowNet: in how many kinds of tasks did it beat the boosting baselines?",
        "LOKT (label-only model inversion via surrogate models): by what margin does it beat the previous attack?",
    ):
        assert plan(question, names=Names.of([])).intent == "detail", question
    # a quantity inside what describes the paper asked for, or asked of a topic, is no detail
    for question in (
        "Which paper derives an upper bound on how much a GCN's predictions can shift when node attributes change?",
        "adversarial training for object detectors, how much clean AP is lost?",
    ):
        assert plan(question, names=Names.of([])).intent != "detail", question


def test_a_measure_asked_as_what_a_change_acts_on_is_no_figure():
    # batch BJ: which measure a method shrinks is asked, not a figure of it
    assert asked_figures("which error does that shrink?") == ()
    assert asked_figures("what loss does the method minimize?") == ()
    # a figure reached, a degree of the change, or a rate the change goes at stay figures
    assert asked_figures("what error does it reach on CIFAR-10?") == (("error",),)
    assert asked_figures("by how much does it reduce the error?") == (("error",),)
    assert asked_figures("at what rate does its upper bound shrink with input dimension?") == (("rate",),)
    # a share or count is a figure whatever verb acts on it; a change's result ("reduce X to") or a later clause's
    # verb leaves the figure asked
    assert asked_figures("what fraction of the FLOPs does the method reduce?") == (("FLOPs",),)
    assert asked_figures("what accuracy does the attack reduce ResNet-50 to?") == (("accuracy",),)
    assert asked_figures("what accuracy does the model retain after we reduce the width?") == (("accuracy",),)
    # "to get at" a notion is a purpose, no figure reached; a measure got at a setting is one
    assert asked_figures("what device does each introduce to get at curvature?") == ()
    assert asked_figures("what FID does it get at 256x256 resolution?") == (("FID",),)


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("are spiking neural networks more robust to adversarial perturbations than ANNs?", "spiking neural networks"),
        ("How robust are deepfake video detectors to compression?", "deepfake video detectors"),
        # the examples after "like" are not what the robustness is asked of; an aside in brackets is skipped
        ("Are 3D point cloud classifiers like PointNet robust to attacks?", "3D point cloud classifiers"),
        ("are graph attention networks (GAT) inherently more robust than GCNs?", "graph attention networks"),
        # a pronoun, or a phrase not ending on a plural noun, names nothing
        ("are they robust to noise?", ""),
        ("Is ViT robust to patches?", ""),
        ("Are there models robust to several perturbation types at once?", ""),
        # what describes the things further is cut off
        ("How robust are networks trained with adversarial examples to unseen attacks?", "networks"),
        ("How vulnerable are classifiers that abstain on uncertain inputs to attacks?", "classifiers"),
    ],
)
def test_what_robustness_is_asked_of(question, subject):
    assert robust_subject(question) == subject


def test_the_measure_a_count_is_asked_of():
    # "kinds of" counts what follows; both sides of "forward and backward passes" are the measure
    assert asked_figures("in how many kinds of tasks did it beat the baselines?") == (("tasks",),)
    assert asked_figures("how many forward and backward passes are needed?") == (("forward", "backward", "passes"),)
    # a margin is a change, whatever figure states it
    assert asked_figures("by what margin does it beat the previous attack?") == ()


def test_a_name_only_in_a_bracketed_description_is_not_what_the_figure_is_on():
    # dev nad-detail-20: the abstract spells HSIC out; the datasets asked on stay
    described = (
        "pruning robust nets without adversarial examples (self-distillation + HSIC bottleneck): against how many "
        "attacks was it evaluated on MNIST, CIFAR-10 and CIFAR-100?"
    )
    assert plan(described, names=Names.of([])).figure_names == ("MNIST", "CIFAR-10", "CIFAR-100")
    # names bracketed in what is asked are asked about (dev naj-unanswerable-10)
    guessed = "In LOKT, which face datasets (CelebA? FaceScrub?) did they attack, and what top-1 accuracy did they see?"
    assert {"CelebA", "FaceScrub"} <= set(plan(guessed, names=Names.of([])).figure_names)


def test_the_review_inputs_of_this_sessions_question_reading():
    # found in review: a count of papers is no detail; a one-name bracket is the paper's or the setting's
    assert plan("In how many papers is CIFAR-10 used as a benchmark?", names=Names.of([])).intent != "detail"
    cutmix = plan("ResNet-50 (ImageNet): what top-1 accuracy does CutMix give?", names=Names.of([]))
    assert "ImageNet" in cutmix.figure_names
    assert asked_figures("how large is the certified margin of the smoothed classifier?") == (("certified", "margin"),)


def test_a_choice_or_a_narrowing_after_a_dash_is_still_what_is_asked():
    # a helper's review: a request for papers before the dash takes in only examples or what spells it out
    for question, asked in (
        ("Which methods are more robust - adversarial training or randomized smoothing?", "adversarial training or"),
        ("Which two papers are closest - the DeepFool one and the C&W one?", "the DeepFool one"),
        ("What papers study distribution shift - any on temporal shift?", "any on temporal shift?"),
    ):
        assert asked_part(question).startswith(asked), question
    spelled = "Which papers engage with the 'law of robustness' - i.e. how many parameters you need to interpolate?"
    assert asked_part(spelled) == "Which papers engage with the 'law of robustness'"


def test_words_of_the_question_form_read_by_what_they_attach_to(names):
    """Found by blind batch BH: a compound's "-written" is no authorship; a "vs" in the brackets of a
    "which papers" question says what the topic covers; a quoted title and a described work with a "+" in it
    are the two works a sentence's subject pairs."""
    synthetic = plan("which papers train a model on LLM-written or hand-written training data?", names=names)
    assert "authors" not in synthetic.record.fields
    assert "authors" in plan("anything co-authored by Zico Kolter in here?", names=names).record.fields
    for asked in ("which papers were co-written by Zico Kolter?", "who is the first-author of the TRADES paper?"):
        assert "authors" in plan(asked, names=names).record.fields, asked
    survey = plan(
        "which papers show that the activation function changes the result (ReLU vs smooth ones)?", names=names
    )
    assert survey.intent == "survey"
    paired = plan(
        "The k-means + sensitivity sampling paper and 'Distribution Density, Tails, and Outliers in Machine "
        "Learning' both single out typical examples. How does each one define typicality?",
        names=names,
    )
    assert paired.intent == "compare"
