"""Extractive answers and summaries end to end on the real seed index."""

from __future__ import annotations

import re

import pytest

from rag.answering import pipeline
from rag.answering.events import Final, Reset
from rag.retrieval.types import QueryError
from rag.text.sentences import split_sentences

ROBUST_OVERFITTING = {  # written by hand from the corpus: abstracts that discuss robust overfitting
    "Theoretical Analysis of Robust Overfitting for Wide DNNs: An NTK Approach",
    "Robust Weight Perturbation for Adversarial Training",
    "Annealing Self-Distillation Rectification Improves Adversarial Training",
    "Adversarial Training Should Be Cast as a Non-Zero-Sum Game",
    "The Effectiveness of Random Forgetting for Robust Generalization",
    "Certified Robust Neural Networks: Generalization and Corruption Resistance",
    "Adversarial Vertex Mixup: Toward Better Adversarially Robust Generalization",  # "adversarial feature overfitting"
    "Robustness and Accuracy Could Be Reconcilable by (Proper) Definition",  # "overfitting ... on robust models"
}
ALSO_ON_TOPIC = {  # mention it in passing, or study the robust generalization gap without the word
    "Advanced Topics in Computer Vision: Trustworthy Computer Vision",
    "Adversarial Weight Perturbation Helps Robust Generalization",
}


@pytest.mark.parametrize(
    ("question", "title"),
    [
        ("How does group normalization avoid depending on the batch size?", "Group Normalization"),
        (
            "Why can defenses that look secure against iterative attacks still be circumvented?",
            "Obfuscated Gradients Give a False Sense of Security",
        ),
        (
            "Can a student network be distilled without any of the teacher's training data?",
            "Zero-shot Knowledge Transfer via Adversarial Belief Matching",
        ),
        ("what does the lecture say about FGSM?", "Advanced Topics in Computer Vision: Trustworthy Computer Vision"),
    ],
)
def test_known_question_cites_the_right_paper_first(seed_assistant, question, title):
    answer = seed_assistant.ask(question)
    assert not answer.refused and answer.mode == "extractive"
    assert answer.citations[0].paper.title == title
    assert "[1]" in answer.text
    retrieved = {h.paper.id for h in seed_assistant.search(question, seed_assistant.settings.answer.retrieve)}
    for citation in answer.citations:  # every number maps to a retrieved document and its own words
        assert citation.paper.id in retrieved
        assert f"[{citation.n}]" in answer.text
        document = citation.paper.abstract + " ".join(s.text for s in citation.paper.sections)
        assert citation.passage.split(". ")[0] in document


def test_lecture_answer_names_the_slide(seed_assistant):
    answer = seed_assistant.ask("what does the lecture say about FGSM?")
    assert answer.citations[0].section == "The Fast Gradient Sign Method (FGSM)"
    if len(answer.citations) == 1:  # slides quoted alone are introduced as slides, not as a paper
        assert answer.text.startswith("From the lecture's slides:"), answer.text[:80]
    else:
        assert answer.text.startswith(f"{len(answer.citations)} sources in the corpus bear on this")


def test_the_lead_names_what_is_quoted():
    from rag.answering.extractive import _lead

    assert _lead(["paper"]) == "From the most relevant paper:"
    assert _lead(["lecture"]) == "From the lecture's slides:"
    assert _lead(["paper", "paper"]).startswith("2 papers in the corpus")
    assert _lead(["lecture", "paper", "paper"]).startswith("3 sources in the corpus")


def test_a_detail_answer_quotes_enough_of_the_paper_for_both_facts_asked(seed_assistant):
    """Two facts asked of one paper sit in two sentences past its statement of contribution: with
    two sentences quoted one was missed (dev nx-detail-11); `detail_sentences` quotes three."""
    answer = seed_assistant.ask(
        "EnsLoss combines calibrated losses within a single training run; which regularization technique "
        "inspired that, and how many tabular datasets were used in the experiments?"
    )
    assert "Dropout" in answer.text and "14 OpenML tabular datasets" in answer.text, answer.text


def test_a_lecture_answer_quotes_the_slide_that_holds_the_fact(seed_assistant):
    """The slide retrieval matches names EnlightenGAN's unpaired training; the numbers of
    images are on a later slide ("Key Components that make it work"), which the answer quoted
    only when it could take more than one slide of the lecture (dev question na-lecture-03).
    The answer names both slides."""
    answer = seed_assistant.ask(
        "In the trustworthy CV lecture, how many low-light and normal-light images went into EnlightenGAN's "
        "unpaired training set?"
    )
    lecture = next(c for c in answer.citations if c.paper.kind == "lecture")
    assert "914" in lecture.passage and "1016" in lecture.passage, lecture.passage
    assert "Key Components that make it work" in lecture.sections, lecture.sections
    assert 'slides "' in answer.text and "Key Components that make it work" in answer.text


def test_with_slides_adds_the_lectures_next_best_slides_only():
    from rag.answering.evidence import with_slides
    from rag.corpus.models import Paper
    from rag.retrieval.types import Hit, Passage
    from rag.settings import AnswerSettings

    cfg = AnswerSettings(lecture_slides=3, lecture_slide_ratio=0.5)
    lecture = Paper(id="l", title="A lecture", abstract="", kind="lecture")
    hit = Hit(paper=lecture, rank=1, score=1.0, passage="Slide one text.", chunk_id="c1", section="One")
    ranked = [
        (Passage(text="Slide one text.", section="One"), 10.0),  # the matching slide: not added twice
        (Passage(text="Slide two text.", section="Two"), 8.0),
        (Passage(text="Slide three text.", section="Three"), 6.0),
        (Passage(text="Slide four text.", section="Four"), 5.5),  # a third one more: past lecture_slides
        (Passage(text="Slide five text.", section="Five"), 4.0),  # under half the best
    ]
    grown = with_slides(hit, ranked, cfg)
    assert [p.section for p in grown.more] == ["Two", "Three"]
    assert grown.sections == ["One", "Two", "Three"]
    assert grown.body == "Slide one text.\n\nSlide two text.\n\nSlide three text."
    assert with_slides(hit, ranked[:1] + ranked[4:], cfg).more == ()  # nothing close enough
    led = with_slides(hit, ranked[1:], cfg)  # the matched slide is not among the close ones: the best leads
    assert led.sections == ["Two", "Three", "Four"] and led.passage == "Slide two text."
    twin = [(Passage(text="Slide two text.", section="Two again"), 8.0)]  # the same text under another title
    assert with_slides(hit, ranked[:2] + twin, cfg).sections == ["One", "Two"]
    paper = Paper(id="p", title="A paper", abstract="An abstract.")
    plain = Hit(paper=paper, rank=1, score=1.0, passage="An abstract.", chunk_id="c")
    assert with_slides(plain, ranked, cfg) is plain  # only a lecture's hit grows


def test_sentences_end_at_blank_lines_and_not_after_abbreviations():
    assert split_sentences("Heading without a stop\n\nNext slide starts here") == [
        "Heading without a stop",
        "Next slide starts here",
    ]
    assert split_sentences("Dr. DPO is robust. E.g. ImageNet-C shows it. See Fig. 2 here.") == [
        "Dr. DPO is robust.",
        "E.g. ImageNet-C shows it.",
        "See Fig. 2 here.",
    ]
    # "et al." ends a sentence before a capitalised word, not before a year; "No." is a sentence
    assert split_sentences("As Zhang et al. We show more. Zhang et al. (2019) did. No. It fails.") == [
        "As Zhang et al.",
        "We show more.",
        "Zhang et al. (2019) did.",
        "No.",
        "It fails.",
    ]


def test_the_gate_decides_and_the_chooser_never_refuses_what_it_let_through():
    """relevant() applied the old cut-offs after the learned gate: a question the gate answered
    (AdvUnlearn, gate 0.60) was refused because no passage reached cosine 0.455."""
    from rag.answering.evidence import Evidence, relevant
    from rag.corpus.models import Paper
    from rag.retrieval.types import Hit
    from rag.settings import AnswerSettings

    cfg = AnswerSettings()

    def hit(i: int) -> Hit:
        return Hit(paper=Paper(id=f"p{i}", title=f"P{i}", abstract="a"), rank=i, score=1.0, passage="a", chunk_id="c")

    weak = [Evidence(hit(1), 0.42, 0.53), Evidence(hit(2), 0.35, 0.17), Evidence(hit(3), 0.20, 0.05)]
    assert [h.paper.id for h in relevant(weak, cfg)] == ["p1"]  # the first: none reaches the cut-offs
    strong = [Evidence(hit(1), 0.62, 0.5), Evidence(hit(2), 0.55, 0.2), Evidence(hit(3), 0.30, 0.75)]
    assert [h.paper.id for h in relevant(strong, cfg)] == ["p1", "p2", "p3"]  # within the margin, or covering
    assert relevant([], cfg) == []


def _word_share(query: str, text: str) -> float:
    """A coverage for quoting tests: the share of the query's words the text holds."""
    wanted = set(query.lower().split())
    return len(wanted & set(text.lower().replace(".", " ").split())) / len(wanted)


def _abstract_hit(title: str, abstract: str):
    from rag.corpus.models import Paper
    from rag.retrieval.types import Hit

    return Hit(paper=Paper(id="p", title=title, abstract=abstract), rank=1, score=1.0, passage="", chunk_id="c")


def test_a_second_sentence_is_quoted_for_what_it_adds_to_the_first():
    """A question asking two things ("by how much does it win, and what is its GAN called?"): the
    second sentence quoted is the one holding the words the first lacks, not a second one on the
    first part; with nothing left to add, the next most relevant."""
    from rag.answering.extractive import best_sentences

    abstract = (
        "LOKT beats the previous label-only attack by more than 15 percent on every benchmark. "
        "The gain over the previous label-only attack is largest on the face benchmark. "
        "LOKT transfers knowledge with a new GAN called T-ACGAN."
    )
    hit = _abstract_hit("LOKT", abstract)
    focus = "much LOKT beats previous label-only attack GAN called"
    chosen = best_sentences(focus, hit, _word_share, 2)
    assert chosen[0].startswith("LOKT beats") and chosen[1].startswith("LOKT transfers"), chosen
    same = best_sentences("previous label-only attack", hit, _word_share, 2)
    assert len(same) == 2 and not any("T-ACGAN" in s for s in same)


def test_a_detail_question_quotes_the_sentence_answering_what_it_asks_not_its_description():
    """ "BO-REP (bilevel optimization when the upper level is unbounded smooth): on which experimental
    tasks did they show it works?": the sentence holding the asking part's words is quoted, not the
    ones restating the description of the paper."""
    from rag.answering.extractive import best_sentences

    abstract = (
        "Bilevel optimization algorithms assume the upper level function is smooth. "
        "We design BO-REP, a bilevel optimization algorithm for an unbounded smooth upper level. "
        "Experiments on hyper-representation tasks show its effectiveness."
    )
    hit = _abstract_hit("Bilevel", abstract)
    focus = "BO-REP bilevel optimization upper level unbounded smooth experiments tasks"
    assert best_sentences(focus, hit, _word_share, 1) == [
        "We design BO-REP, a bilevel optimization algorithm for an unbounded smooth upper level."
    ]
    chosen = best_sentences(focus, hit, _word_share, 1, asked="experiments tasks")
    assert chosen == ["Experiments on hyper-representation tasks show its effectiveness."]


def test_a_lookup_answer_says_the_name_the_paper_gives_its_method():
    """Asked which paper builds an upper-bounding model in the space of its outputs, the answer
    quoted the two sentences describing it and never said "SSO", the name the paper gives its
    algorithm: a lookup or comparison quotes the sentence naming the paper's own method when
    neither its title nor a quoted sentence says it; not when one already does."""
    from rag.answering.extractive import compose

    abstract = (
        "Their framework uses the expensive gradient to build surrogate functions in a target space. "
        "In the full-batch setting the surrogate is a global upper bound on the loss. "
        "Next, we instantiate the framework in the stochastic setting and propose the SSO algorithm. "
        "Experiments on imitation learning show the benefits."
    )
    hit = _abstract_hit("Target-based Surrogates for Stochastic Optimization", abstract)
    focus = "upper bounding surrogate target space gradient"
    text, _ = compose(focus, [hit], _word_share, contribution=True)
    assert "SSO" in text and "surrogate functions" in text, text
    plain, _ = compose(focus, [hit], _word_share, contribution=False)
    assert "SSO" not in plain, plain  # a survey or detail is not padded with it
    titled = _abstract_hit("SSO: Target-based Surrogates", abstract)
    text, _ = compose(focus, [titled], _word_share, contribution=True)
    assert "SSO algorithm" not in text, text  # the title says the name already
    spelled = _abstract_hit("Stochastic Surrogate Optimization", abstract)
    text, _ = compose(focus, [spelled], _word_share, contribution=True)
    assert "SSO algorithm" not in text, text  # the title spells the acronym out
    initials = _abstract_hit("Target-based Surrogates for Stochastic Optimization", abstract)
    text, _ = compose(focus, [initials], _word_share, contribution=True)
    assert "SSO algorithm" in text, text  # the initials of only part of a title are not its acronym


def test_a_citation_names_every_slide_it_quotes():
    from rag.answering.models import Citation, slide_label
    from rag.corpus.models import Paper
    from rag.ui import render

    assert slide_label([]) == "" and slide_label(["A"]) == 'slide "A"'
    assert slide_label(["A", "B"]) == 'slides "A", "B"'
    lecture = Paper(id="l", title="A lecture", abstract="", kind="lecture")
    cited = Citation(n=1, paper=lecture, passage="x", section="One <b>", more_sections=["Two"])
    assert cited.sections == ["One <b>", "Two"] and cited.reference()["sections"] == ["One <b>", "Two"]
    card = render.source_card(cited, 0)
    assert "slides “One &lt;b&gt;”, “Two”" in card


@pytest.mark.parametrize(
    "question",
    [
        "How do I bake sourdough bread at home?",
        "Which protein folding methods beat AlphaFold on CASP14?",
        "How do I configure Kubernetes autoscaling for GPU jobs?",
    ],
)
def test_unanswerable_question_is_refused_with_nearest_papers_labelled(seed_assistant, question):
    answer = seed_assistant.ask(question)
    assert answer.refused and answer.citations == []
    assert "does not cover" in answer.text
    assert answer.nearest and "do not answer" in answer.to_markdown()


def test_a_refusal_names_what_the_question_asks_about_that_no_paper_mentions(seed_assistant):
    """The gate refuses; the reply says which of the question's names the corpus never mentions,
    and none it does mention ("minority-class" is not a name, "SMOTE" is, and no paper holds it)."""
    answer = seed_assistant.ask("How does SMOTE create synthetic minority-class samples for ResNet-50 training?")
    assert answer.refused and answer.citations == []
    assert "does not cover" in answer.text and "none mentions SMOTE." in answer.text, answer.text
    plain = seed_assistant.ask("How do I bake sourdough bread at home?")
    assert plain.refused and "none mentions" not in plain.text  # no name asked: nothing to name


def test_a_question_the_gate_lets_through_is_never_shown_as_an_answer_about_what_it_names(seed_assistant):
    """BERT and GLUE share the corpus's vocabulary (fine-tuning, learning rates); the learned gate
    answers this one (it was refused only because the chooser applied the old cut-offs after the
    gate, a second refusal the gate's calibration never saw). The nearest passages must then say
    that none of them mentions BERT or GLUE."""
    answer = seed_assistant.ask("What is the best learning rate for fine-tuning BERT on GLUE?")
    assert answer.refused or (answer.notice and "no cited source mentions BERT or GLUE" in answer.notice), answer.notice


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("which NeurIPS 2019 orals are in the corpus?", ["Variance Reduction for Matrix Games"]),
        ("what has Florian Tramer published here?", ["Adversarial Training and Robustness for Multiple Perturbations"]),
        ("ICLR 2018 papers on vision", ["Spherical CNNs"]),
    ],
)
def test_metadata_questions_use_the_records(seed_assistant, question, expected):
    answer = seed_assistant.ask(question)
    assert [c.paper.title for c in answer.citations] == expected


def test_a_listing_of_two_venues_lists_both(seed_assistant):
    """Either venue; where the papers appeared is no topic to narrow them by."""
    answer = seed_assistant.ask("Which ECCV or ICLR 2018 papers does the collection include?")
    assert answer.text.startswith("The corpus has 3 ECCV or ICLR 2018 papers")
    assert sorted(c.paper.title for c in answer.citations) == [
        "Acquisition of Localization Confidence for Accurate Object Detection",
        "Group Normalization",
        "Spherical CNNs",
    ]


def test_a_listing_claims_its_topic_only_of_papers_on_it(seed_assistant):
    """No 2018 paper is on protein folding: the 2018 papers are listed under a first line saying
    so, not as "3 2018 papers on protein folding"; with few papers matching, all are listed with
    those on the topic first."""
    folding = seed_assistant.ask("which venue published the protein folding papers from 2018?")
    assert folding.text.startswith("The corpus has 7 2018 papers; none of them is close to \u201cprotein folding\u201d")
    assert "papers on protein folding" not in folding.text and len(folding.citations) == 7
    fairness = seed_assistant.ask("fairness papers from ICML 2018?")
    assert fairness.text.startswith("The corpus has 4 ICML 2018 papers, 2 of them on fairness (listed first):")
    assert {c.paper.title for c in fairness.citations[:2]} == {
        "Delayed Impact of Fair Machine Learning",
        "Fairness Without Demographics in Repeated Loss Minimization",
    }
    vision = seed_assistant.ask("ICLR 2018 papers on vision")  # the one matching paper is on the topic
    assert vision.text.startswith("The corpus has 1 ICLR 2018 paper on vision:") and len(vision.citations) == 1


def test_a_year_no_paper_has_is_left_out_with_a_notice(seed_assistant):
    question = "papers from 2023 about diffusion models"
    answer = seed_assistant.ask(question)
    assert not answer.refused and answer.question == question
    assert "no paper in the corpus is recorded as from 2023" in answer.notice and "no year on record" in answer.notice
    assert any("Diffusion" in c.paper.title for c in answer.citations)
    assert answer.plan.absent == ("2023",) and "2023" not in answer.plan.search_text
    listed = seed_assistant.ask("which NeurIPS 2023 papers are in the corpus?")  # a known venue, an absent year
    assert listed.text.startswith("The corpus has 6 NeurIPS papers") and "from 2023" in listed.notice


def test_a_listing_heading_counts_its_papers_by_session_type(seed_assistant):
    answer = seed_assistant.ask(
        "How many NeurIPS 2019 papers are in the collection, and how many of those were spotlights vs orals?"
    )
    assert answer.text.startswith("The corpus has 6 NeurIPS 2019 papers (5 Spotlight, 1 Oral):")
    assert len(answer.citations) == 6
    # one session type only: nothing to split
    assert seed_assistant.ask("Which NeurIPS 2019 spotlights are in the collection?").text.startswith(
        "The corpus has 5 NeurIPS 2019 spotlights:"
    )


def test_where_and_when_a_paper_appeared_is_read_from_its_record(seed_assistant):
    answer = seed_assistant.ask("when and where was the Frequent Directions matrix sketching paper published?")
    assert answer.plan.intent == "authorship" and not answer.refused
    assert answer.citations[0].paper.title.startswith("Near Optimal Frequent Directions")
    assert "(ICML 2018)" in answer.text, answer.text


def test_a_question_about_what_the_lecture_says_is_answered_from_its_slide_on_it(seed_assistant):
    """Filtered to the lecture, the hybrid ranking's passage was the cosine's best slide (another
    attack's formula, holding none of the question's words), so the gate refused; the lecture
    answers from its slide titled "Poisoning Attack", found by BM25 within it."""
    answer = seed_assistant.ask("what does the lecture say about poisoning attacks?")
    assert not answer.refused and [c.paper.kind for c in answer.citations] == ["lecture"]
    assert "Poisoning Attack" in answer.citations[0].sections, answer.citations[0].sections
    sourdough = seed_assistant.ask("what does the lecture say about baking sourdough bread?")
    assert sourdough.refused


def test_how_many_papers_the_corpus_holds_is_counted_from_the_records(seed_assistant):
    answer = seed_assistant.ask("How many papers are in the corpus?")
    cards = seed_assistant.cards()
    assert not answer.refused and answer.citations == []
    assert answer.text.startswith(f"The corpus has {len(cards)} documents (260 papers, 1 lecture) from 5 source files")
    assert seed_assistant.plan("how many papers are there on diffusion models?").intent == "survey"  # a topic


def test_how_many_papers_on_a_topic_lists_them(seed_assistant):
    answer = seed_assistant.ask("how many papers study noisy labels?")
    assert answer.text.startswith(f"{len(answer.citations)} papers in the corpus bear on this")
    assert len(answer.citations) >= 5  # a survey of the topic, not the closest two


def test_summarise_the_lecture_lists_its_slides_in_order(seed_assistant):
    answer = seed_assistant.ask("summarize the lecture")
    assert not answer.refused and len(answer.citations) == 1
    lecture = answer.citations[0].paper
    assert lecture.kind == "lecture" and f"{len(lecture.sections)} slides" in answer.text
    first, later = "Failure Mode I: Data Violate Assumptions", "Image Super-Resolution"
    assert answer.text.count(first) == 1 and answer.text.index(first) < answer.text.index(later)
    assert seed_assistant.plan("what topics does the lecture cover?").intent == "lecture_outline"
    assert seed_assistant.plan("what does the lecture say about FGSM?").intent == "detail"  # a topic in the lecture


def test_who_wrote_a_paper_is_answered_from_its_record(seed_assistant):
    answer = seed_assistant.ask("Who wrote the paper on adversarial training against multiple perturbation types?")
    assert not answer.refused and len(answer.citations) == 1
    paper = answer.citations[0].paper
    assert paper.title == "Adversarial Training and Robustness for Multiple Perturbations"
    assert "is by Florian Tramer and Dan Boneh, presented in Track 2 Session 5" in answer.text
    assert paper.id in answer.retrieved_ids
    several = seed_assistant.ask("which authors wrote on adversarial training against multiple perturbation types?")
    assert several.citations[0].paper.id == paper.id and 1 <= len(several.citations) <= 3


def test_who_wrote_a_paper_whose_record_has_no_authors_says_so(seed_assistant):
    answer = seed_assistant.ask("who wrote the paper on group normalization?")
    assert not answer.refused and answer.citations[0].paper.title == "Group Normalization"
    assert answer.citations[0].paper.authors == [] and "without its authors [1]" in answer.text


def test_a_record_question_about_a_paper_with_nothing_on_record_is_not_answered(seed_assistant):
    """DeepFool is in the corpus, but its record has no authors, venue, year or session: the
    answer names the paper it looked at and says the corpus cannot answer, as a refusal."""
    answer = seed_assistant.ask("Who are the authors of DeepFool?")
    assert answer.refused and answer.citations == []
    assert "DeepFool" in answer.text and "record has no authors, venue, year or session" in answer.text
    assert answer.nearest[0].paper.title.startswith("DeepFool")


def test_two_session_types_asked_of_a_described_paper_select_no_other_paper(seed_assistant):
    """ "Was the logit clipping paper an oral or a spotlight?" asks the session of the paper it
    describes: "oral or spotlight" neither selects the orals nor ranks them first, so the answer is
    about the clipping paper (whose record holds no session), not a NeurIPS oral on another topic."""
    answer = seed_assistant.ask(
        "Was the logit clipping paper for noisy labels an oral or spotlight, and who are the authors?"
    )
    assert answer.refused and answer.citations == []
    assert "Clipping the Model Prediction" in answer.text
    assert answer.nearest[0].paper.title.startswith("Mitigating Memorization of Noisy Labels")


def test_who_wrote_about_an_absent_topic_is_refused(seed_assistant):
    answer = seed_assistant.ask("who wrote about sourdough bread fermentation?")
    assert answer.refused and answer.citations == []


def test_two_papers_set_side_by_side_on_their_records_get_both_records(seed_assistant):
    # described, with the second after "the same meeting as": both records, not the abstracts of one
    answer = seed_assistant.ask(
        "Was the attack paper that circumvented 6 of the ICLR'18 defenses presented at the same meeting as "
        "the work on representation disparity growing under repeated ERM (speech recognizers, non-native speakers)? "
        "name the venue and year"
    )
    assert answer.text.startswith("From the paper records:"), answer.text
    assert [c.paper.title for c in answer.citations] == [
        "Obfuscated Gradients Give a False Sense of Security",
        "Fairness Without Demographics in Repeated Loss Minimization",
    ]
    assert answer.text.count("(ICML 2018)") == 2
    # joined by "and" in the sentence before the field asked; "et al." is the record's authors, not words to find
    pair = seed_assistant.ask(
        "the streaming covariance-error sketch (near-optimal FD) and Carmon et al.'s variance-reduced method for "
        "matrix games. Same conference and year, or different?"
    )
    titles = [c.paper.title for c in pair.citations]
    assert titles[:2] == [
        "Near Optimal Frequent Directions for Sketching Dense and Sparse Matrices",
        "Variance Reduction for Matrix Games",
    ], pair.text
    assert "(ICML 2018)" in pair.text and "(NeurIPS 2019, Oral)" in pair.text
    # asking for the other papers of that conference is not a pair
    assert seed_assistant.plan("IoU-Net: which conference, and what else is from that same conference?").subjects == ()


def test_a_record_question_listing_papers_answers_for_each(seed_assistant):
    answer = seed_assistant.ask(
        "Where and when were Group Normalization, Spherical CNNs and the adversarial music paper against "
        "Alexa's wake-word detection published?"
    )
    assert [c.paper.title.split(":")[0] for c in answer.citations] == [
        "Group Normalization",
        "Spherical CNNs",
        "Adversarial Music",
    ]
    assert "(ECCV 2018)" in answer.text and "(ICLR 2018)" in answer.text and "(NeurIPS 2019, Spotlight)" in answer.text
    assert answer.text.startswith("From the paper records:")
    # a talk's record gives its session and slot (three blind questions asked the Oral's "time slot")
    oral = seed_assistant.ask("In the NeurIPS 2019 Track 2 Session 5 listing, which paper got the oral slot, and when?")
    assert "Variance Reduction for Matrix Games" in oral.text
    assert "presented in Track 2 Session 5, Thu 12 Dec. 10:05 - 10:20 PST [1]" in oral.text
    # one title holding "and" is one paper, not two
    one = seed_assistant.ask("who wrote Adversarial Training and Robustness for Multiple Perturbations?")
    assert [c.paper.title for c in one.citations] == ["Adversarial Training and Robustness for Multiple Perturbations"]
    # a part of the list that describes no paper in the corpus is not pinned on the nearest one
    odd = seed_assistant.ask("Who wrote Group Normalization and the paper on quantum tunnelling in bananas?")
    assert odd.refused or [c.paper.title for c in odd.citations] == ["Group Normalization"], odd.text
    # not lists of papers: a follow-on word, one described paper whose words hold "and", a pronoun
    for question in (
        "Who wrote Spherical CNNs and when?",
        "who wrote the paper on adversarial training and robustness?",
        "who wrote it and the Lion paper?",
    ):
        assert seed_assistant.plan(question).subjects == (), question
    assert [c.paper.title for c in seed_assistant.ask("Who wrote Spherical CNNs and when?").citations] == [
        "Spherical CNNs"
    ]
    # the user's filters hold for listed papers too
    kept = seed_assistant.ask("who wrote Group Normalization and Spherical CNNs?", venue="ICLR")
    assert "Group Normalization" not in [c.paper.title for c in kept.citations]


def test_a_record_question_can_ask_for_the_papers_sharing_the_record(seed_assistant):
    """Two steps: the paper's venue from its record, then the other papers of that venue."""
    answer = seed_assistant.ask(
        "IoU-Net: which conference is it from, and does the collection have anything else from that same conference?"
    )
    titles = [c.paper.title for c in answer.citations]
    assert titles == ["Acquisition of Localization Confidence for Accurate Object Detection", "Group Normalization"]
    assert "(ECCV 2018)" in answer.text and "Also among the ECCV 2018 papers in the corpus:" in answer.text
    assert {c.paper.id for c in answer.citations} <= set(answer.retrieved_ids)  # every citation was retrieved
    # a session is the talk's own on record (the session page's Track 2 Session 5, an Oral and five
    # Spotlights); a session type, or a kind of slot, is its presentation
    session = seed_assistant.ask(
        "when was the paper on adversarial music published, and which papers were in the same session?"
    )
    neurips = {c.id for c in seed_assistant.cards() if c.venue == "NeurIPS" and c.presentation}
    assert session.citations[0].paper.title.startswith("Adversarial Music")
    assert {c.paper.id for c in session.citations} == neurips and "in Track 2 Session 5" in session.text
    same_type = seed_assistant.ask(
        "What session type was the paper on adversarial music given at NeurIPS 2019, and which other papers had the "
        "same?"
    )
    spotlights = {c.id for c in seed_assistant.cards() if c.venue == "NeurIPS" and c.presentation == "Spotlight"}
    assert same_type.citations[0].paper.title.startswith("Adversarial Music")
    assert {c.paper.id for c in same_type.citations} == spotlights  # the paper asked about, then the others
    # asked as a detail of one paper's record, the same holds
    detail = seed_assistant.ask(
        "The Tramer & Boneh paper - which NeurIPS 2019 session was it in, and what other papers were in that same "
        "session?"
    )
    assert {c.paper.id for c in detail.citations} == neurips
    assert seed_assistant.plan("when was Group Normalization published?").same_as == ()
    assert seed_assistant.plan("Which papers use the same loss as SSD?").same_as == ()


def test_who_wrote_each_paper_the_filters_select_lists_them_all(seed_assistant):
    spotlights = [c for c in seed_assistant.cards() if c.venue == "NeurIPS" and c.presentation == "Spotlight"]
    answer = seed_assistant.ask("Who is the first author of each NeurIPS 2019 spotlight in the corpus?")
    assert answer.plan.intent == "authorship" and len(spotlights) > 3  # more than a topic's search would give
    assert sorted(c.paper.id for c in answer.citations) == sorted(c.id for c in spotlights)


def test_who_wrote_the_papers_a_venue_and_year_select_on_a_topic(seed_assistant):
    # the metadata set on "papers" selects them, the topic narrows them: not a hint that a broad
    # topic's many other papers outrank
    answer = seed_assistant.ask("Who wrote the ICML 2018 papers on adversarial examples?")
    assert [c.paper.title for c in answer.citations] == ["Obfuscated Gradients Give a False Sense of Security"]
    assert seed_assistant.plan("Who wrote the papers from NeurIPS 2019 on adversarial training?").filters.year == 2019
    # the venue after the topic, by "at"
    assert seed_assistant.plan("Who wrote papers on adversarial examples at ICML 2018?").filters.venue == "ICML"
    # the metadata on another noun than the paper asked about
    assert (
        seed_assistant.plan("Who wrote the paper on adversarial examples that builds on ICML 2018 papers?").filters
        is None
    )
    # none of them on the topic: refused, not all of them listed
    assert seed_assistant.ask("Who wrote the ICML 2018 papers on protein folding?").refused
    # one paper described, with its venue: the metadata stays context
    single = seed_assistant.plan("Who wrote the ICML 2018 paper on obfuscated gradients?")
    assert single.filters is None and single.hints.venue == "ICML"


def test_authorship_reads_what_the_paper_is_about(seed_assistant):
    assert seed_assistant.plan("who wrote the paper on group normalization?").search_text == "group normalization"
    assert seed_assistant.plan("Who are the authors of Obfuscated Gradients?").search_text == "Obfuscated Gradients"
    assert seed_assistant.plan("what does group normalization do?").intent != "authorship"
    follow_up = seed_assistant.plan("who wrote it?", history=["what is group normalization?"])
    assert follow_up.intent == "authorship" and "group normalization" in follow_up.search_text


def test_metadata_question_with_many_matches(seed_assistant):
    answer = seed_assistant.ask("Which ICML 2018 papers are in the corpus?")
    assert {c.paper.title for c in answer.citations} == {
        "Obfuscated Gradients Give a False Sense of Security",
        "Delayed Impact of Fair Machine Learning",
        "Near Optimal Frequent Directions for Sketching Dense and Sparse Matrices",
        "Fairness Without Demographics in Repeated Loss Minimization",
    }
    assert answer.text.startswith("The corpus has 4 ICML 2018 papers")


def test_stream_yields_text_then_one_final(seed_assistant):
    events = list(seed_assistant.stream("How does group normalization work?"))
    assert isinstance(events[-1], Final)
    streamed = "".join(e.text for e in events[:-1] if not isinstance(e, Reset))
    assert streamed == events[-1].answer.text


def test_empty_and_huge_questions(seed_assistant):
    with pytest.raises(QueryError):
        seed_assistant.ask("   ")
    huge = "How does group normalization compare with batch normalization? " * 400  # ~25,000 characters
    answer = seed_assistant.ask(huge)
    assert answer.notice and "cut" in answer.notice
    assert answer.citations[0].paper.title == "Group Normalization"


def test_quoted_sentences_are_about_the_topic_not_the_questions_framing(seed_assistant):
    # "what has been proposed against ..." once quoted "robustness against two common types of
    # corruption" for a paper whose abstract names robust overfitting a sentence earlier
    answer = seed_assistant.ask("what has been proposed against robust overfitting?")
    naming = [
        c
        for c in answer.citations
        if "overfitting" in (c.paper.abstract if c.paper.kind != "lecture" else c.passage).lower()
    ]
    assert len(naming) >= 5  # the check below is about these papers, not vacuous
    for citation in naming:
        assert "overfitting" in citation.passage.lower(), (citation.paper.title, citation.passage)


def test_every_quoted_sentence_bears_on_the_question(seed_assistant):
    # a paper quoted with two sentences once padded the one about FGSM with one about the k-secretary problem
    answer = seed_assistant.ask("what is FGSM?")
    assert answer.citations
    for citation in answer.citations:
        for sentence in split_sentences(citation.passage):
            assert "fgsm" in sentence.lower(), (citation.paper.title, sentence)


def test_a_lookup_quotes_the_sentence_that_names_what_the_paper_discovered(seed_assistant):
    # "Our method discovers ... Lion" lost to a sentence about "it": "discovers" was not read as
    # a statement of contribution, so the answer never named the optimizer asked about
    from rag.answering.extractive import _CONTRIBUTION

    assert _CONTRIBUTION.search("Our method discovers a simple and effective optimization algorithm")
    answer = seed_assistant.ask("an optimizer found by program search that only tracks the sign of momentum")
    assert answer.citations[0].paper.title == "Symbolic Discovery of Optimization Algorithms"
    assert "Lion" in answer.citations[0].passage, answer.citations[0].passage


def test_a_name_no_cited_source_mentions_is_flagged(seed_assistant):
    """ResNet-50 and ImageNet-O each occur in the seeds, never in one abstract: the nearest
    passages were presented as an answer about ResNet-50's accuracy on ImageNet-O. Asked for the
    figure itself, it is refused: no source states one on both."""
    assert seed_assistant.ask("what is the accuracy of a ResNet-50 on ImageNet-O?").refused
    answer = seed_assistant.ask("how well does a ResNet-50 do on ImageNet-O?")
    assert not answer.refused and answer.citations
    assert answer.notice and "ImageNet-O" in answer.notice and "ResNet-50" not in answer.notice, answer.notice
    assert all("imagenet-o" not in (c.passage + c.paper.title).lower() for c in answer.citations)


def test_a_question_headed_with_a_name_no_source_mentions_is_declined(seed_assistant):
    """ "DP-SGD: how do ...?" had been answered from a paper on halfspaces: nothing in the corpus names
    DP-SGD. A head the sources do name is only the question's setting, and it is answered."""
    declined = seed_assistant.ask("DP-SGD: how do per-example clipping and Gaussian noise give a privacy guarantee?")
    assert declined.refused and "DP-SGD" in declined.text, declined.text
    answered = seed_assistant.ask("CIFAR-10: how does adversarial training affect robustness?")
    assert not answered.refused and answered.citations


def test_a_name_on_a_quoted_slide_is_not_flagged(seed_assistant):
    """The notice is checked against what is quoted, a lecture's further slides included: asked
    about ImageNet-C, the answer quotes the lecture's slide "Accuracy drops with increasing shift
    on Imagenet-C", so saying no cited source mentions ImageNet-C would be false."""
    answer = seed_assistant.ask("what happens to a ResNet-50's accuracy on ImageNet-C?")
    quoted = " ".join(c.passage for c in answer.citations).lower()
    assert "imagenet-c" in quoted, quoted
    assert not answer.notice or "ImageNet-C" not in answer.notice, answer.notice


@pytest.mark.parametrize(
    "question",
    [
        "What accuracy does a DenseNet-121 reach on ImageNet-A?",
        "How do H2RBox and Point2RBox differ in the supervision they need?",
        "What is FGSM?",
    ],
)
def test_names_the_cited_sources_mention_raise_no_notice(seed_assistant, question):
    answer = seed_assistant.ask(question)
    assert answer.citations and answer.notice is None, answer.notice


@pytest.mark.parametrize(
    ("question", "titles"),
    [
        ("How do H2RBox and Point2RBox differ in the supervision they need?", ("H2RBox", "Point2RBox")),
        ("How is MixedNUTS different from DAFA?", ("MixedNUTS", "DAFA")),
        # the two named in the sentence before the one asking ("How do these two differ?")
        ("I've read about H2RBox and also the Point2RBox paper. How do these two differ?", ("H2RBox", "Point2RBox")),
        # two quoted in the sentence before, pointed back at by "their" and "each"
        (
            "I keep mixing up the 'regularized robust MDPs / risk-sensitive MDPs' paper and the 'refined regret for "
            "adversarial MDPs' paper. How do their settings differ, and what algorithm does each one propose?",
            ("Regularized Robust MDPs", "Refined Regret for Adversarial MDPs"),
        ),
        # a side running on to its predicate is the name it opens with (it stood as a description of AVmixup's
        # paper, too far from its abstract to be cited)
        (
            "Both ADR and AVmixup replace hard one-hot labels with soft labels in adversarial training. How does "
            "each one produce its soft labels?",
            ("Annealing Self-Distillation", "Adversarial Vertex Mixup"),
        ),
        # a quoted title's "?" and a short topic before the comparison
        (
            "IR robustness: how do 'Are Neural Ranking Models Robust?' and the R^2anker robust ranker paper differ "
            "- what does each mean by robustness, and does each propose a model or a benchmark?",
            ("Are Neural Ranking Models Robust?", "Towards Robust Ranker"),
        ),
    ],
)
def test_a_comparison_of_two_papers_cites_both(seed_assistant, question, titles):
    """Each abstract names one of the two, so neither holds enough of the question alone and
    these were refused; together they hold its rare words, and a comparison asks for both."""
    answer = seed_assistant.ask(question)
    assert not answer.refused
    cited = [c.paper.title for c in answer.citations]
    assert len(cited) == 2 and all(any(t.startswith(name) for t in cited) for name in titles), cited


def test_a_question_about_a_name_no_source_is_about_is_refused(seed_assistant):
    # one audio paper lists ViSQOL among its measures; nothing in the corpus says how it works
    answer = seed_assistant.ask("How does the ViSQOL metric estimate perceived audio quality from spectrograms?")
    assert answer.refused and not answer.citations
    assert answer.text.startswith("The corpus has no paper about ViSQOL: the papers below only mention it")
    assert [c.paper.title for c in answer.nearest][:1] == ["AERO: Audio Super Resolution in the Spectral Domain"]
    # a part of the named thing asked about ("the captions in ImageNet-Captions"): one paper lists it among
    # its datasets; the workings of a method's part another paper writes ("the loss in RIQL") are answered
    captions = seed_assistant.ask("how were the captions in ImageNet-Captions collected?")
    assert captions.plan.asked_name == "ImageNet-Captions"
    assert captions.refused and captions.text.startswith("The corpus has no paper about ImageNet-Captions")
    riql = seed_assistant.ask("How do the quantile estimators in RIQL balance penalization and stability?")
    assert riql.plan.asked_name == "RIQL" and not riql.refused
    # a name its abstract writes once, defined as an acronym, is what that abstract is about
    rfzi = seed_assistant.ask(
        "In RFZI, the robust fitted-Z iteration, what kind of regularization term does it target?"
    )
    assert rfzi.plan.asked_name == "RFZI" and not rfzi.refused
    assert rfzi.citations[0].paper.title.startswith("Regularized Robust MDPs and Risk-Sensitive MDPs")
    # a name its spelling does not mark, which one abstract writes once while about another attack
    distillation = seed_assistant.ask("How does Adversarial Distillation learn ordered top-K targeted attacks?")
    assert distillation.refused and not distillation.citations
    assert distillation.text.startswith(
        "The corpus has no paper about Adversarial Distillation: the papers below only mention it"
    )
    # such words no source found writes at all: the thing asked about is not in the corpus (a bandit
    # paper on other algorithms was quoted for Thompson sampling)
    absent = seed_assistant.ask("How does Thompson sampling pick an arm in linear contextual bandits?")
    assert absent.refused and not absent.citations
    assert absent.text.startswith("None of the papers found mentions Thompson, which the question asks about.")


def test_robustness_asked_of_things_no_source_names_is_refused(seed_assistant):
    # dev nd-unanswerable-04: robustness papers on other models were quoted for deepfake detectors
    absent = seed_assistant.ask("How robust are deepfake video detectors to compression and to adversarial fakes?")
    assert absent.plan.robust_subject == "deepfake video detectors"
    assert absent.refused and not absent.citations
    assert absent.text.startswith('None of the papers found mentions "deepfake"')
    # things the corpus does name are left to the gate, and so is a head named in other words than the
    # sources' ("nets", "agents"): only the words saying which things are meant are looked for
    for question, subject in (
        ("How robust are object detectors to adversarial attacks?", "object detectors"),
        ("How robust are neural nets to common corruptions and perturbations?", "neural nets"),
        # robustness in other words than "robust" ("noisy", "stability"): a helper's review
        ("How robust are score-based generative models to noisy training data?", "score-based generative models"),
        ("how robust are object detectors to feature dropout?", "object detectors"),
    ):
        named = seed_assistant.ask(question)
        assert named.plan.robust_subject == subject
        assert not named.refused, question
    # named, and robustness named, but never by one source (dev nbf-unanswerable-07: a graph paper on node
    # feature attacks was quoted for graph attention networks)
    apart = seed_assistant.ask(
        "are graph attention networks (GAT) inherently more robust to perturbed node features than GCNs?"
    )
    assert apart.refused and apart.text.startswith(
        "None of the papers found speaks of the robustness of graph attention networks."
    )


def test_a_comparison_of_a_name_no_source_writes_is_refused(seed_assistant):
    # neither margin loss is in the corpus; a face-recognition paper on another margin was quoted
    answer = seed_assistant.ask("How does SphereFace's angular margin differ from CosFace's cosine margin?")
    assert answer.refused and not answer.citations
    assert answer.text.startswith(
        "The corpus has no paper about SphereFace or CosFace, and none of the papers found mentions them."
    )
    assert any("AdaFace" in c.paper.title for c in answer.nearest)
    # one side in the corpus does not make the comparison answerable: the missing one is named
    half = seed_assistant.ask("Compare AdaFace with SphereFace: how do their losses differ?")
    assert half.refused
    assert half.text.startswith(
        "The corpus has no paper about SphereFace, and none of the papers found mentions it, so there is nothing "
        "to compare with AdaFace: Quality Adaptive Margin for Face Recognition."
    )
    # sides the plan does not tell apart: the names it asks about are the sides (blind batch BL)
    unsplit = seed_assistant.ask(
        "For multi-hop logical queries over knowledge graphs, how do BetaE and Query2Box embed queries (Beta "
        "distributions vs boxes) and handle negation?"
    )
    assert unsplit.plan.intent == "compare" and not unsplit.plan.subjects
    assert unsplit.refused and unsplit.text.startswith("The corpus has no paper about BetaE or Query2Box")
    # a name in passing is no side ("In PyTorch, ...": a helper's review)
    passing = seed_assistant.ask("In PyTorch, how do Group Normalization and Batch Normalization compare?")
    assert not passing.text.startswith("The corpus has no paper about PyTorch")
    # a name written otherwise in the corpus ("AutoLoRa", "Group Normalization") is not missing
    for question in (
        "How does AutoLORA differ from vanilla robust fine-tuning?",
        "GroupNorm vs BatchNorm: how do they differ at small batch sizes?",
    ):
        assert not seed_assistant.ask(question).refused, question
    # both sides named in the corpus: both quoted, though one abstract holds no word of the question
    both = seed_assistant.ask("How does AdaFace differ from Partial FC?")
    assert not both.refused and len(both.citations) == 2


def test_a_figure_is_stated_by_a_sentence_holding_a_number_and_the_measured_thing():
    from rag.answering.evidence import states_figure

    assert states_figure((("dropout", "rate"),), "We train with a dropout rate of 0.1. It works.")
    assert not states_figure((("dropout", "rate"),), "We use dropout. It reaches 28.4 BLEU.")
    assert not states_figure((("dropout", "rate"),), "The learning rate is tuned. We train for 90 epochs.")
    assert states_figure((("loss", "terms"),), "Sy-CON consists of two losses.")  # a word of it beside the number
    # "of" and articles are not counted between ("two pairs of forward- and back-propagations"), other words are
    passes = ("forward", "backward", "passes")
    assert states_figure((passes,), "It takes no more than two pairs of forward- and back-propagations.")
    assert not states_figure((passes,), "It takes two costly extra steps before forward propagation.")
    # a number inside a name is none; the measure's other words count only beside a number; words match whole
    assert not states_figure((("dropout", "rate"),), "We evaluate dropout on CIFAR-10 and ResNet-50.")
    assert not states_figure((("learning", "rate"),), "A deep learning method that reaches 91.2% accuracy.")
    assert not states_figure((("loss", "terms"),), "The loss is lossless in 3 cases.")
    assert states_figure((("GPUs",),), "We use 8 V100 GPU nodes.")
    assert states_figure((("batch", "size"),), "A batch size of 2048 is used.")  # no year
    # a number counting another thing is no figure on the measure, unless a word of it stands beside
    assert not states_figure((("noise", "ratios"),), "Experiments on three datasets with varying noise ratios.")
    assert not states_figure((("noise", "ratios"),), "We vary noise ratios in experiments on three datasets.")
    # a count of one in words ("numbers" leaves "one" out), and the nouns of sorts standing for each other
    assert states_figure((("passes",),), "The algorithm can only make one pass over the input.")
    assert states_figure((("passes",),), "It needs a single forward pass.")
    assert not states_figure((("passes",),), "One of the passes is slow.")
    assert not states_figure((("layers",),), "Someone added layer norm.")
    # not a count of one: denied or contrasted, in a compound, beside "multi-", or of no plural count asked
    assert not states_figure((("models",),), "There is no single model of choice.")
    assert not states_figure((("models",),), "Instead of a single model, we train an ensemble.")
    assert not states_figure((("layers",),), "More than one layer is used.")
    assert not states_figure((("cells",),), "We model single-cell RNA-seq data.")
    assert not states_figure((("steps",),), "Attacks range from single step to multi-step.")
    assert not states_figure((("learning", "rate"),), "It requires tuning a single learning rate.")
    assert states_figure((("layers",),), "The network consists of a single layer.")  # "of" alone contrasts nothing
    assert states_figure((("distinct", "kinds"),), "For each of the three types of obfuscated gradients we find.")
    assert not states_figure((("kinds",),), "We evaluate on three datasets.")
    assert not states_figure((("kinds",),), "The encoder forms 3 clusters.")  # another sort's noun counts sorts "of"
    assert states_figure((("noise", "ratios"),), "Noise ratios of 20% and 40% on three datasets.")
    assert states_figure((("batch", "size"),), "We train with a batch size of 256 samples.")
    assert states_figure((("layers",),), "The encoder has 12 layers.")
    assert states_figure((("beta",),), "A trade-off β = 6 works best.")
    # a measure named with a digit is itself written out, beside the figures it names
    assert states_figure((("best", "F1"),), "It reaches up to 0.943 and 0.697 F1 scores respectively.")
    # a rate in big-O notation is a figure
    assert states_figure((("excess", "risk", "rate"),), "It achieves an excess risk of mathcal{O}(1/m + 1/n).")
    # and so is a cost written as a sum of terms in the problem's sizes, without big-O (batch BJ)
    assert states_figure((("running", "time"),), "It solves the game in time nnz(A) + sqrt{nnz(A) n} / epsilon.")
    # a formula elsewhere states no figure ("y = f(x) + epsilon" is a model, not a score)
    assert not states_figure((("error",),), "We observe y = f(x) + epsilon and bound the estimation error.")
    assert not states_figure((("loss",),), "We train with the loss L(theta) + lambda R(theta).")
    # a resource in its units, beside the number
    assert states_figure((("compute",),), "The attacks are practical and require less than seven GPU hours.")
    assert not states_figure((("compute",),), "It uses a GPU-friendly kernel. Accuracy rises in 3 settings.")
    # a count of input features is the data's dimension (BT's nbt-detail-02)
    dims = "It was tested on datasets with varying dimensionality between 50 and 20,000."
    assert states_figure((("input", "features"),), dims)
    assert not states_figure((("input", "features"),), "It was tested on 12 datasets of tabular records.")
    # not a plot's or an embedding's dimensions (a helper's review)
    assert not states_figure((("input", "features"),), "We visualize the embeddings in 2 dimensions.")
    assert not states_figure((("dimensions",),), "We extract features from 5 layers of the network.")
    assert not states_figure((("beta",),), "The beta term was introduced in 2019.")  # a year is no figure
    # an accuracy is often stated under another name ("41.05% on DOTA"): any figure will do
    assert states_figure((("accuracy",),), "It reaches 41.05% on DOTA.")
    assert not states_figure((("accuracy",),), "It reaches competitive performance.")
    # but a score is written in digits: a count in words states none (FROD's "two lightweight
    # components" was taken for its box AP on MS-COCO); a comparative's figure may be a word
    assert not states_figure((("box", "AP"),), "We introduce two lightweight components. It was proposed in 2021.")
    assert states_figure((("box", "AP"),), "It reaches 41.0 box AP, two points above the baseline.")
    assert states_figure((("faster",),), "It trains twice as fast, with two GPUs.")
    # "CIFAR-10/100" writes two names, no figure of 100 (LiResNet's abstract was taken to state its accuracy)
    assert not states_figure(
        (("certified", "robust", "accuracy"),), "It yields state-of-the-art robust accuracy on CIFAR-10/100."
    )
    assert states_figure((("accuracy",),), "It reaches 71.2% robust accuracy on CIFAR-10/100.")
    assert states_figure((("accuracy",),), "Accuracy on CIFAR-10/95.1% and CIFAR-100/78.2%.")  # a figure after a slash
    # a number over a variable is a rate in a formula, no score (DRS's "a rate of 1/d" stood for its
    # ImageNet certified accuracy), though it is a rate asked for
    assert not states_figure((("certified", "accuracy"),), "The certified radius decreases at a rate of 1/d.")
    assert states_figure((("decay", "rate"),), "The certified radius decays at a rate of 1/sqrt m.")


def test_the_values_a_setting_is_given_are_written_in_digits_outside_names_and_formulas():
    from rag.answering.evidence import values_written

    assert values_written("Trained with 10% labels, it gains 2.1 AP at 300x300.") >= {10.0, 2.1, 300.0}
    assert 10.0 not in values_written("Results on CIFAR-10 with ResNet-50.")  # "with 10% labels" is not written
    assert 1.0 not in values_written("The radius shrinks at a rate of 1/d, and as 1/sqrt m with l_2 noise.")
    assert values_written("We use 4,000 labels and a radius of 0.5.") >= {4000.0, 0.5}


def test_the_sentences_stating_the_figures_asked_are_quoted(seed_assistant):
    """Asked how many datasets and how big the gains were, the answer quoted the method's sentences
    and one gain, not "Experiments on 32 real-world outlier detection datasets": the sentences
    stating an asked figure are preferred. The "vs" inside the aside is no comparison of two works
    (it was read as one, with a question's halves for subjects)."""
    question = (
        "APRE + mean-shift scoring for autoencoder outlier detection: how many datasets did they evaluate on, "
        "and how big were the reported improvements (combined methods vs best baseline, and MSS on its own)?"
    )
    answer = seed_assistant.ask(question)
    assert answer.plan is not None and answer.plan.intent == "detail", answer.plan
    assert "32 real-world outlier detection datasets" in answer.text, answer.text


def test_a_figure_put_on_a_name_is_put_on_it_written_with_its_size():
    from rag.answering.pipeline import _named

    assert _named("WideResNet", "We train ResNet18 and WideResNet34-10 models.")
    assert _named("ResNet", "a ResNet50 backbone") and _named("wideresnet", "WideResNet34-10")
    assert not _named("ResNet", "a WideResNet34-10 backbone")  # another name ending in it
    assert not _named("CIFAR-10", "results on CIFAR-100")  # a name with its own digits is whole


def test_a_figure_no_source_states_is_refused_not_answered_with_a_paper_near_the_topic(seed_assistant):
    """ "What dropout rate ...?" was answered by quoting a paper on transformers that gives no rate:
    a question asking for a figure is answered only from a source stating one on what it measures."""
    answer = seed_assistant.ask("What dropout rate did the original Transformer paper use for machine translation?")
    assert answer.refused and not answer.citations
    assert answer.text.startswith(
        'None of the papers found states a figure for what the question asks ("dropout rate").'
    )
    assert answer.nearest  # the nearest papers are still listed
    # a figure the abstract states under the asked measure, or under another name, is answered
    mnist = seed_assistant.ask("How many corruptions does MNIST-C apply to the MNIST test set?")
    assert not mnist.refused and mnist.citations[0].paper.title.startswith("MNIST-C")
    dota = seed_assistant.ask("what accuracy does Point2RBox get on DOTA when trained with only single-point labels?")
    assert not dota.refused and "41.05%" in dota.text
    # a figure put on a name no source writes is not stated by a figure on something else: the abstract
    # gives DOTA, DIOR and HRSC, not FAIR1M
    fair = seed_assistant.ask("Point2RBox (point-supervised oriented object detection) - what mAP on FAIR1M?")
    assert fair.refused and not fair.citations
    hrsc = seed_assistant.ask("what mAP does Point2RBox get on HRSC2016?")  # "mAP" is what is asked, not where
    assert not hrsc.refused and "80.01%" in hrsc.text


def test_a_figure_set_under_a_value_the_source_does_not_write_is_not_found(seed_assistant):
    """CutLER's abstract gives its gain over MoCo-v2 "when training with 5% labels": it does not answer
    the gain with 10% labels, and it does answer the gain with 5%."""
    asked = seed_assistant.ask("CutLER finetuned on COCO with 10% labels - box AP gain over MoCo-v2?")
    assert asked.refused and asked.text.startswith("None of the papers found states a figure")
    stated = seed_assistant.ask("CutLER finetuned on COCO with 5% labels - box AP gain over MoCo-v2?")
    assert not stated.refused and any("Cut and Learn" in c.paper.title for c in stated.citations)


def test_a_figure_only_a_paper_the_answer_would_not_quote_states_is_not_found(seed_assistant):
    """ "What clean and AutoAttack accuracy does adaptive smoothing reach on CIFAR-10?" was answered
    by quoting the adaptive smoothing paper, which states its CIFAR-100 figures only, because two
    other papers found state CIFAR-10 accuracies: the figure must come from a paper the answer quotes."""
    answer = seed_assistant.ask("What clean and AutoAttack accuracy does adaptive smoothing reach on CIFAR-10?")
    assert answer.refused and answer.text.startswith("None of the papers found states a figure")
    # stated by the paper quoted, the figure is found
    stated = seed_assistant.ask("What clean and AutoAttack accuracy does adaptive smoothing reach on CIFAR-100?")
    assert not stated.refused
    assert any("Adaptive Smoothing" in c.paper.title for c in stated.citations)


def test_a_kind_of_named_thing_is_named_by_a_source_only_with_a_name_beside_it():
    from rag.answering.evidence import names_kind

    assert names_kind("datasets", "Gains on four datasets (IJB-B, IJB-C and TinyFace).")
    assert names_kind("datasets", "We report results on the CIFAR-10 and ImageNet datasets.")
    assert names_kind("data sets", "Experiments on two real data sets -- Medical costs and Adult.")
    assert names_kind("datasets", "We test on the Adult, German credit and compas datasets.")
    assert names_kind("datasets", "On image datasets, including the widely used CIFAR-10 and ImageNet.")
    assert names_kind("benchmarks", "the GSM8K benchmark is much harder than the MMLU benchmark")
    # the kinds a paper names under one another's words: benchmarks as datasets, backbones as models
    assert names_kind("benchmarks", "We evaluate on the ImageNet-C and ImageNet-R datasets.")
    assert names_kind("backbones", "It works on models including Gemma2 and Llama3.2.")
    # counted or described, not named; the question's own names (in a plural too) name nothing; counts,
    # acronyms the abstract defines and a capital after a colon are no names
    counted = "With 5 model architectures and 4 data sets, we show that BiP beats pruning (IMP) and CNNs."
    assert names_kind("datasets", counted, ("BiP", "CNN")) is False
    assert names_kind("architectures", counted, ("BiP", "CNN")) is False
    assert names_kind("datasets", "It is better on corrupted datasets in image and audio domains.") is False
    assert names_kind("datasets", "We ask: How good are the datasets?") is False
    # named elsewhere, away from the word: the benefit of the doubt
    assert names_kind("datasets", "We evaluate on four datasets. Results on MNIST and CIFAR-10 show gains.") is None
    # a verb is no mention; a source not saying the kind may name them without it, and names none if it
    # names nothing at all (its own name, the question's, is none)
    assert names_kind("benchmarks", "We benchmark the models under shifts on ImageNet.") is None
    assert names_kind("datasets", "It needs six times less training time for PASCAL-VOC and ADE20k.") is None
    assert names_kind("benchmarks", "We benchmark the models under shifts.") is False
    unnamed = "We define three types of anomalies. RobustTSF is highly robust and beats all existing approaches."
    assert names_kind("benchmarks", unnamed, ("RobustTSF",)) is False
    assert names_kind("datasets", "Experiments on Cora, Citeseer and Pubmed show gains.") is None
    # a measure's name is none: spelled out before its acronym, or a ranking measure ("Recall@10")
    measured = "Gains on real-world networks: 26.9% in Mean Reciprocal Rank (MRR) and 11.8% in Recall@10."
    assert names_kind("datasets", measured) is False
    assert names_kind("datasets", "Gains in Mean Reciprocal Rank (MRR) on Reddit.") is None
    assert names_kind("datasets", "Experiments on Street View House Numbers (SVHN) show that it transfers.") is None
    # a title's capitals would read as names: the answer stage passes the abstract without its title (the
    # RobustTSF refusal in test_facts_an_abstract_leaves_out_are_not_answered_from_its_formulas_or_its_silence)


def test_which_named_things_no_source_names_is_refused(seed_assistant):
    """ "Which four CNN backbones and which four benchmark datasets was AdvMoE evaluated on?" was
    answered by quoting "across 4 commonly-used CNN model architectures over 4 benchmark datasets":
    the datasets asked are counted there, and the abstract names none anywhere."""
    answer = seed_assistant.ask("AdvMoE: which benchmark datasets and which CNN backbones was it evaluated on?")
    assert answer.refused and not answer.citations
    assert answer.text.startswith("The nearest paper names none of the datasets the question asks for")
    # a source naming them answers
    named = seed_assistant.ask("On which datasets does AdaFace improve face recognition over the state of the art?")
    assert not named.refused and "TinyFace" in named.text


def test_facts_an_abstract_leaves_out_are_not_answered_from_its_formulas_or_its_silence(seed_assistant):
    """DRS's abstract states a rate of 1/d and the datasets, but no certified accuracy; RobustTSF's
    names no dataset or benchmark at all: neither answers what the question asks."""
    drs = seed_assistant.ask(
        "DRS (dual randomized smoothing): what certified accuracy do they report on ImageNet at l2 radius 1.0?"
    )
    assert drs.refused and not drs.citations
    for asked in (
        "Which forecasting benchmarks does RobustTSF report MSE on, ETTh1 or Weather?",
        "RobustTSF: which forecasting benchmarks (ETTh1? Weather?) do they report MSE on?",  # guesses in brackets
    ):
        tsf = seed_assistant.ask(asked)
        assert tsf.refused and not tsf.citations, asked
    # the paper's own account of its method is still answered
    how = seed_assistant.ask("How does Dual Randomized Smoothing get around the curse of dimensionality?")
    assert not how.refused and "Dual Randomized Smoothing" in how.citations[0].paper.title


def test_a_comparison_of_three_papers_cites_each(seed_assistant):
    answer = seed_assistant.ask(
        "Which of Group Normalization, Obfuscated Gradients and Spherical CNNs was published first?"
    )
    cited = [c.paper.title for c in answer.citations]
    assert cited[:3] == [
        "Group Normalization",
        "Obfuscated Gradients Give a False Sense of Security",
        "Spherical CNNs",
    ], cited
    assert "(ICML 2018)" in answer.text  # the years asked, from the records


def test_a_source_holding_none_of_the_questions_words_is_not_quoted_after_the_best(seed_assistant):
    """ "papers on oriented object detection" quoted, third, a lecture slide holding two links
    ("Paper: https://arxiv.org/... Code: https://github.com/..."): close in the embedding, nothing
    to say. After the best source, one sharing no word with the question is left out."""
    answer = seed_assistant.ask("papers on oriented object detection")
    assert [c.n for c in answer.citations] == list(range(1, len(answer.citations) + 1))
    assert len(answer.citations) >= 2
    for citation in answer.citations:
        assert "detect" in f"{citation.paper.title} {citation.passage}".lower(), citation.paper.title  # the stem


def test_the_words_of_a_comparison_are_not_its_topic(seed_assistant):
    """ "FGSM vs PGD" cited a paper whose abstract says "62% ... vs only 36%" and names neither:
    "vs", like "compare" and "differ", frames the question."""
    answer = seed_assistant.ask("FGSM vs PGD")
    assert answer.citations
    for citation in answer.citations:
        text = f"{citation.paper.title} {citation.paper.abstract}"
        assert "FGSM" in text or "PGD" in text, citation.paper.title


@pytest.mark.parametrize(
    "question",
    [
        "How does speculative decoding differ from beam search?",
        "Compare AlphaFold and RoseTTAFold",
        "How do Kubernetes and Slurm differ for GPU jobs?",
        # one side found ("transformers"), the other nowhere: the gate decides, not the one side's paper
        "bag-of-words / tf-idf text classifiers vs transformers: which is more robust to typos and character-level "
        "noise in the input? any comparison here",
    ],
)
def test_a_comparison_of_things_the_corpus_lacks_is_refused(seed_assistant, question):
    assert seed_assistant.ask(question).refused


def test_summary_finds_the_papers_on_robust_overfitting(seed_assistant):
    summary = seed_assistant.summarise("robust overfitting")
    cited = {c.paper.title for c in summary.citations}
    assert len(ROBUST_OVERFITTING & cited) >= 7, ROBUST_OVERFITTING - cited
    # the survey chooser favours recall (F2, bench/calibrate.py): one paper beyond the hand-checked
    # sets is its price here ("adversarial training ... to reduce overfitting", a passing mention)
    assert len(cited - ROBUST_OVERFITTING - ALSO_ON_TOPIC) <= 1, cited - ROBUST_OVERFITTING - ALSO_ON_TOPIC
    assert summary.themes and all(t.papers for t in summary.themes)
    assert {t.n for t in summary.papers} == {c.n for c in summary.citations}
    markdown = summary.to_markdown()
    assert markdown.startswith("# robust overfitting") and "## Papers" in markdown
    for theme in summary.themes:
        for n in theme.papers:
            assert f"[{n}]" in theme.text
    assert [p["title"] for p in summary.to_json()["papers"]] == [t.paper.title for t in summary.papers]


def test_summary_of_absent_topic_is_refused(seed_assistant):
    summary = seed_assistant.summarise("sourdough bread fermentation")
    assert summary.refused and summary.citations == []


def test_a_record_question_the_abstracts_do_not_answer_is_answered_from_the_records_it_names(seed_assistant):
    """No abstract says who worked with whom; the two authors the question names select the record."""
    answer = seed_assistant.ask("Carmon and Sidford: is there a paper here they wrote together, and in which year?")
    assert not answer.refused and [c.paper.title for c in answer.citations] == ["Variance Reduction for Matrix Games"]
    assert "NeurIPS 2019" in answer.text and "Aaron Sidford" in answer.text
    # a person named beside a topic no abstract covers asks nothing of a record: still refused
    assert seed_assistant.ask("What do Tramer's papers say about baking sourdough bread?").refused


def test_a_content_answer_shows_the_records_the_question_asks_or_checks(seed_assistant):
    checked = seed_assistant.ask("Delayed Impact of Fair Machine Learning is a NeurIPS paper, right?")
    assert not checked.refused and "From the paper records:" in checked.text
    assert "(ICML 2018)" in checked.text, checked.text  # the record says otherwise, and shows it
    # a venue no paper has, checked of a paper the question names, still asks that paper's record
    guessed = seed_assistant.ask(
        "I had Group Normalization down as a CVPR 2018 paper in my bib - is that right, or which venue does the "
        "record give?"
    )
    assert not guessed.refused and "(ECCV 2018)" in guessed.text, guessed.text
    assert guessed.plan.absent == () and guessed.notice is None
    # one beside papers in the plural still selects papers, and the corpus has none
    more = seed_assistant.plan(
        "What year was Group Normalization published, and any ICML 2023 papers that build on it?"
    )
    assert "2023" in more.absent, more.absent
    older = seed_assistant.ask(
        "Which is older, Group Normalization or the Tramer & Boneh paper on multiple perturbations?"
    )
    assert older.plan.intent == "compare"
    assert {c.paper.title for c in older.citations} == {
        "Group Normalization",
        "Adversarial Training and Robustness for Multiple Perturbations",
    }  # a description naming its paper's authors stands for the paper
    assert "(ECCV 2018)" in older.text and "(NeurIPS 2019, Spotlight)" in older.text


def test_a_session_asked_of_a_persons_paper_is_read_from_its_record_not_used_to_select_it(seed_assistant):
    """ "was it presented as an oral?" asks the session of his paper (a spotlight): it selected
    nothing, and the question was refused."""
    answer = seed_assistant.ask(
        "ilya razenshteyn - which paper in here has him as an author, and was it presented as an oral?"
    )
    assert not answer.refused
    assert [c.paper.title for c in answer.citations] == [
        "Provably Robust Deep Learning via Adversarially Trained Smoothed Classifiers"
    ]
    assert "Spotlight" in answer.text


def test_a_surname_two_authors_share_lists_both_with_the_one_asked_for_shown(seed_assistant):
    answer = seed_assistant.ask("anything by Wang?")
    assert len(answer.citations) == 2 and "Liwei Wang" in answer.text and "Atlas Wang" in answer.text


def test_a_question_asking_the_fields_of_the_collections_papers_lists_the_records_holding_them(seed_assistant):
    """No paper named: the records that hold the field asked, with a tally by venue; narrowed by a
    topic when the question has one, and refused when no record is on it."""
    every = seed_assistant.ask("Which of the papers here have a known conference, and how many per venue?")
    assert not every.refused and len(every.citations) == 13  # the 13 papers with a venue; the lecture has none
    assert "By venue (13 papers): NeurIPS 2019 (6), ICML 2018 (4)" in every.text
    audio = seed_assistant.ask("Among the papers with conference information, which is about audio, and its venue?")
    assert [c.paper.title for c in audio.citations] == [
        "Adversarial Music: Real world Audio Adversary against Wake-word Detection System"
    ]
    assert seed_assistant.ask("Who wrote the papers on baking sourdough bread?").refused
    # words left over that no paper is on, outside a topic's place, spoke of the records: all are counted
    attached = seed_assistant.ask("how many of the papers actually have a venue attached?")
    assert not attached.refused and len(attached.citations) == 13 and "By venue (13 papers)" in attached.text
    absent_topics = (
        "Who wrote the papers mentioning sourdough?",
        "sourdough: who wrote the papers?",
        "Which papers discuss sourdough, and where were they published?",
        "Who wrote the papers that have used sourdough?",
        'Who wrote the "sourdough" papers?',
        "Of the papers with a venue, which one deals with sourdough?",
        "For knitting, who wrote the papers?",
        "Who wrote papers where knitting is discussed?",
    )
    for absent in absent_topics:  # a topic in its place that no paper is on: refused, not every record listed
        assert seed_assistant.plan(absent).record.collection, absent
        assert seed_assistant.ask(absent).refused, absent
    # a topic the papers are on, none of them with the field asked: their records are named as lacking it,
    # not every record with a venue listed
    diffusion = seed_assistant.ask("Which papers have a venue listed and discuss diffusion models?")
    assert "Obfuscated Gradients" not in diffusion.text and "Diffusion" in diffusion.text
    assert "no authors, venue, year or session" in diffusion.text


def test_a_question_counting_papers_per_author_gets_a_tally_by_author(seed_assistant):
    """ "Does any author show up on more than one paper?": the records holding authors, and the
    authors on more than one of them, or that none is; not narrowed by the phrasal verb's "up"."""
    for question in ("Does any author show up on more than one paper?", "who has the most papers here?"):
        answer = seed_assistant.ask(question)
        assert not answer.refused and len(answer.citations) == 7, question  # the 7 records with authors
        assert "No author is on more than one of these 7 papers." in answer.text
    # a question not counting papers gets no such line
    plain = seed_assistant.ask("Which papers in the collection have known authors?")
    assert "more than one of these" not in plain.text


def test_papers_named_by_titles_cut_short_answer_a_record_question(seed_assistant):
    """ "Group Norm" is Group Normalization (a title word cut short), alone or in a list; the papers
    the question names are not listed again among those sharing their venue and year."""
    for question in ("who wrote Group Norm?", "Group Norm and IoU-Net - same conference? what year?"):
        answer = seed_assistant.ask(question)
        assert answer.citations and answer.citations[0].paper.title == "Group Normalization", question
    both = seed_assistant.ask("Group Norm and IoU-Net - same conference? what year?")
    assert len({c.paper.id for c in both.citations}) == len(both.citations) == 2
    assert "(ECCV 2018)" in both.text


def test_a_listing_asked_for_its_authors_shows_all_of_them(seed_assistant):
    answer = seed_assistant.ask("anything co-authored by J. Z. Kolter? who are the other authors on it?")
    assert "Joseph Szurley, J. Zico Kolter, Florian Metze" in answer.text
    assert "et al." in seed_assistant.ask("papers by Kolter").text  # not asked: the first three


def test_the_author_tally_counts_each_person_once_per_paper_however_spelt():
    from rag.answering.records import _authors_tally
    from rag.index.catalogue import Card

    def card(i, *authors):
        return Card(f"p{i}", f"T{i}", authors, "ICML", 2020, "paper", ("f.txt",), None)

    cards = [card(1, "Florian Tramèr", "Dan Boneh"), card(2, "Florian Tramer"), card(3, "Dan  Boneh", "Dan Boneh")]
    assert (
        _authors_tally(cards, asked=False)
        == "\n\nAuthors on more than one of these papers: Dan Boneh (2), Florian Tramèr (2)."
    )
    assert _authors_tally(cards[:2] + [card(4, "Ana Lopez")], asked=False).endswith("Florian Tramèr (2).")
    assert (
        _authors_tally([card(1, "A B"), card(2, "C D")], asked=True)
        == "\n\nNo author is on more than one of these 2 papers."
    )
    assert _authors_tally([card(1, "A B"), card(2, "C D")], asked=False) == ""


def test_the_records_of_the_people_a_record_question_names_answer_it(seed_assistant):
    answer = seed_assistant.ask("Have Kolter and Tramer ever written a paper together, as far as the corpus knows?")
    assert not answer.refused
    assert {c.paper.title for c in answer.citations} == {
        "Adversarial Music: Real world Audio Adversary against Wake-word Detection System",
        "Adversarial Training and Robustness for Multiple Perturbations",
    }  # each one's record, so the reader sees they share none
    # a content answer to a question that also asks for records shows those of the people it names
    sidford = seed_assistant.ask("Aaron Sidford: is his name on the paper about convergence of adversarial training?")
    assert "Variance Reduction for Matrix Games" in {c.paper.title for c in sidford.citations}


def test_a_figure_set_against_a_kind_of_model_is_one_papers_figure(seed_assistant):
    """ "compared with a standard (non-robust) detector" names a baseline, not a second work: the
    question asks FROD's box AP, which its abstract does not state (it was read as comparing FROD
    with the lecture, and answered)."""
    question = (
        "For FROD, what box AP does the modified backbone reach on MS-COCO under attack, compared with a "
        "standard (non-robust) detector?"
    )
    plan = seed_assistant.plan(question)
    assert plan.intent == "detail" and not plan.subjects and plan.asked_figures == (("box", "AP"),)
    answer = seed_assistant.ask(question)
    assert answer.refused and answer.text.startswith("None of the papers found states a figure")
    # a comparison with a described work still has two sides
    both = seed_assistant.plan("How does FROD compare with a paper that predicts the IoU of each detected box?")
    assert both.intent == "compare" and len(both.subjects) == 2


def test_a_name_asked_about_before_a_bare_request_is_one_the_corpus_only_mentions(seed_assistant):
    """Batch BB: "... how does AdamW's decoupled weight decay fix it? What do the papers say?" The
    name is asked in the sentence before the request; the corpus names AdamW only as a baseline."""
    answer = seed_assistant.ask(
        "Why isn't L2 regularization equivalent to weight decay under Adam, and how does AdamW's decoupled "
        "weight decay fix it? What do the papers say?"
    )
    assert answer.refused and "no paper about AdamW" in answer.text


def test_slides_quote_more_of_their_terse_bullets(seed_assistant):
    """Dev nam-lecture-02: the three ways to solve the inner maximization sit on one slide's bullets."""
    answer = seed_assistant.ask(
        "Atlas Wang's slides on adversarial robustness: what are the three ways listed to solve the inner "
        "maximization problem, and which ones give lower vs upper bounds?"
    )
    ways = ("Local search", "Combinatorial optimization", "Convex relaxation")
    assert sum(way.lower() in answer.text.lower() for way in ways) >= 2, answer.text  # one, at two sentences


def test_a_survey_of_the_papers_reporting_results_on_a_name_cites_every_one_writing_it(seed_assistant):
    """Blind batch BR's nbr-survey-04 (cited 6 of 17) and dev's SVHN and MNIST surveys (refused at the
    gate): asked which papers report experiments on CIFAR-100, the answer cites every paper writing it,
    however spelt ("CIFAR100", "CIFAR-10/100"), and none writing only CIFAR-10."""
    answer = seed_assistant.ask("which papers in the collection report experiments on CIFAR-100?")
    assert not answer.refused
    writing = re.compile(r"CIFAR-?100\b|CIFAR-?10\s*/\s*100\b", re.I)
    for c in answer.citations:  # a paper's abstract writes it, or the slide quoted
        assert writing.search(c.passage if c.paper.kind == "lecture" else c.paper.abstract), c.paper.title
    assert len({c.paper.id for c in answer.citations}) >= 15, answer.text  # 17 papers and a slide write it
    refused = seed_assistant.ask("svhn results anywhere? list every paper here that evaluates on SVHN")
    assert not refused.refused and len(refused.citations) >= 4
    # more papers write it than a survey weighs: the most relevant are cited, and the answer says so
    many = seed_assistant.ask("which papers report results on ImageNet?")
    assert len({c.paper.id for c in many.citations}) == 20
    assert many.notice is not None and "most relevant are cited" in many.notice


@pytest.mark.parametrize(
    "name, text, writes",
    [
        ("CIFAR-100", "on CIFAR-10/100 and Tiny-ImageNet", True),
        ("CIFAR-100", "trained on CIFAR100, SVHN", True),
        ("CIFAR-100", "results on CIFAR-10 only", False),
        ("COCO", "on the MS-COCO dataset", True),
        ("COCO", "COCO-Stuff segmentation", False),
        ("ImageNet", "results on IMAGENET", True),
        ("ImageNet", "on Tiny-ImageNet and ImageNet-C", False),
        ("Tiny ImageNet", "TinyImageNet", True),
        ("MNIST", "on Fashion-MNIST", False),
        ("VOC", "the VOC2007 test set", True),
        ("Pascal VOC", "PASCAL-VOC 2012", True),
    ],
)
def test_a_name_a_survey_asks_results_on_is_written_as_a_name_of_its_own(name, text, writes):
    """Which papers write the name asked about (a helper's review: "ImageNet" inside "ImageNet-C" or
    "Tiny-ImageNet", "VOC" for "view of current", were counted)."""
    assert pipeline._writes(name, text) is writes
