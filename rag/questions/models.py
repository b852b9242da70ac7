"""What reading a question produces: the `QueryPlan` (and its comparison `Subject`s), and the
`Proposal` another reader (an LLM) may make for it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from rag.retrieval.types import Filters, Hints, Hit

Intent = Literal["lookup", "detail", "survey", "compare", "listing", "authorship", "lecture_outline", "corpus_size"]
INTENTS: tuple[Intent, ...] = (
    "lookup",
    "detail",
    "survey",
    "compare",
    "listing",
    "authorship",
    "lecture_outline",
    "corpus_size",
)
Resolver = Callable[[str], list[Hit]]  # a subject's words -> papers, best first (retrieval)


class Subject(BaseModel):
    """A paper the question names: one side of a comparison, or one of the papers a record question
    lists; the words naming it, and the paper they were resolved to."""

    model_config = ConfigDict(frozen=True)

    text: str  # as the question names it ("Lion", "the paper that runs Adam in Shampoo's eigenbasis")
    paper_id: str | None = None
    title: str | None = None
    how: Literal["title", "name", "description", "earlier turn"] | None = None
    # unresolved, the names its words mark ("ArcFace" of "ArcFace's additive angular margin"), which
    # no paper found is about
    names: tuple[str, ...] = ()


RecordField = Literal["authors", "venue", "year", "presentation"]


class RecordAsk(BaseModel):
    """What a question asks of the paper records, read beside its intent: the fields it asks about
    ("whose name comes last?", "which is older?") or checks ("that's a CVPR paper, isn't it?"),
    the records its names select (each of
    `alternatives` is one set of filters; a record matching any is named: "ICLR 2018 and ICML
    2018", "anything by Wang?"), and the papers whose titles it writes out. A content answer
    shows the records of the papers it cites when fields are asked or checked; a question the
    abstracts cannot answer that asks for fields is answered from the records these select (a
    name alone asks nothing of a record: "what do Tramer's papers say about X?")."""

    model_config = ConfigDict(frozen=True)

    fields: tuple[RecordField, ...] = ()  # asked by the words that name them ("who wrote", "which year")
    checked: tuple[RecordField, ...] = ()  # named by a value the question gives ("X is an ICML paper, right?")
    alternatives: tuple[Filters, ...] = ()
    papers: tuple[str, ...] = ()  # ids of the papers whose titles the question writes out
    # asks the fields of the collection's papers, none named ("every paper whose conference is
    # known", "how many different conferences do the papers come from?")
    collection: bool = False
    topic: str = ""  # what it is about besides the records ("" when nothing is): narrows the records it names
    # collection: the topic's words in a topic's place only ("the papers on X", "the X papers");
    # the records narrow to these when no paper is on `topic` ("how many of the papers actually
    # have a venue attached?": "attached" is how it speaks of the records, and no paper is on it)
    placed_topic: str = ""


class Proposal(BaseModel):
    """How another reader (an LLM, rag.questions.llm_plan) proposes to read a question, already
    checked against the catalogue: the plan takes these decisions from it and derives the rest."""

    model_config = ConfigDict(frozen=True)

    intent: Intent
    filters: Filters | None = None
    hints: Hints = Field(default_factory=Hints)
    subjects: tuple[str, ...] = ()
    topic: str = ""
    reason: str = ""


class QueryPlan(BaseModel):
    """How a question was read. Immutable; `reasons` say why each part is what it is."""

    model_config = ConfigDict(frozen=True)

    question: str  # as asked, white space folded
    intent: Intent
    search_text: str  # what retrieval searches ("" when nothing needs searching)
    topic: str = ""  # the topic words (phrase proximity, summaries, listings narrowed by topic)
    focus: str = ""  # the question without its framing: what coverage and quoting weigh
    filters: Filters | None = None  # hard: only these papers may be used
    hints: Hints = Field(default_factory=Hints)  # soft: these rank higher
    subjects: tuple[Subject, ...] = ()  # compare: the two things set side by side; authorship: the papers listed
    # authorship: also the other papers whose record shares these fields with the one asked about
    # ("which conference is X from, and what else is from that conference?": venue and year)
    same_as: tuple[Literal["venue", "year", "presentation", "session"], ...] = ()
    names: tuple[str, ...] = ()  # names asked about ("ImageNet-C"): flagged if no cited source has them
    # detail: the name whose own workings it asks about ("how does the ViSQOL metric ...?"): answered
    # only from a source about it, not one naming it in passing
    asked_name: str = ""
    # survey: the named benchmark or model it asks which papers report results on ("which papers report
    # experiments on CIFAR-100?"): every paper found that writes the name is cited, the gate aside
    evaluated_on: str = ""
    # no `asked_name`: a name set as the head of a question on the papers' content, before what it asks
    # ("DP-SGD: how do clipping and noise combine ...?"); declined when no source found so much as mentions
    # it (a head may be the setting as well: "CIFAR-10: how does label smoothing affect calibration?")
    head_name: str = ""
    # detail, no `asked_name`: the capitalised words that may name what it asks the workings of
    # ("How does Adafactor factor ...?": "Adafactor factor", "Adafactor"), longest first; the answer
    # takes the longest a source writes, and answers only from a source about it
    asked_terms: tuple[str, ...] = ()
    # what a question asks the robustness of, when it names it as a plural noun phrase ("how robust are
    # spiking neural networks to ...?", "are deepfake detectors robust to ...?"): a word of it that no
    # source found writes says the corpus has nothing on it, however close the rest of the question comes
    robust_subject: str = ""
    # detail: the focus of the part that asks, when the question sets the paper out before it ("BO-REP (bilevel
    # optimization ...): on which experimental tasks did they show it works?": "experimental tasks they it"):
    # the sentence quoted is the one answering it, not the one restating the description
    asked_focus: str = ""
    # detail or compare: the measures it asks a figure of ("what dropout rate ...?": ("dropout", "rate")),
    # the measured thing last: answered only from a source stating a figure on one of them
    asked_figures: tuple[tuple[str, ...], ...] = ()
    # with `asked_figures`: the names the question puts the figure on ("Point2RBox - what mAP on
    # FAIR1M?": Point2RBox, FAIR1M), not the measure's own words ("mAP") nor the names in what the user
    # says of themselves ("I train on V100 GPUs: ..."): the figure must come from a source writing them
    figure_names: tuple[str, ...] = ()
    # with `asked_figures`: the values in digits it sets the figure under ("CutLER on COCO with 10% labels -
    # box AP gain?": 10%), not inside a name ("CIFAR-10") nor a year: the figure must come from a source writing them
    figure_values: tuple[str, ...] = ()
    # detail or compare: the kinds of named things it asks which of ("which four benchmark datasets was
    # AdvMoE evaluated on?": datasets): refused when the nearest source only counts them ("over 4 benchmark
    # datasets") and none names them (rag.answering.pipeline._kinds_unnamed)
    asked_kinds: tuple[str, ...] = ()
    # the papers the question sets aside up front ("Other than the DeepFool paper, which ...?"): never cited
    set_aside: tuple[str, ...] = ()
    single: bool = False  # asks for one paper ("the paper on ...", "which paper ...")
    follow_up: bool = False  # leans on the conversation's previous question
    absent: tuple[str, ...] = ()  # metadata the corpus does not hold, left out
    record: RecordAsk = Field(default_factory=RecordAsk)  # what it asks of the paper records, whatever its intent
    notices: tuple[str, ...] = ()  # what the answer must say about how the question was taken
    reasons: tuple[str, ...] = ()
    planner: Literal["rules", "llm"] = "rules"

    def describe(self) -> str:
        """One line: how the question was read (the UI's "how the question was read")."""
        parts = [self.intent.replace("_", " ")]
        if self.topic:
            parts.append(f'topic "{self.topic}"')
        if self.filters is not None and self.filters.active:
            parts.append("only " + ", ".join(f"{k} {v}" for k, v in self.filters.model_dump().items() if v is not None))
        if self.hints.active:
            parts.append(
                "preferring " + ", ".join(f"{k} {v}" for k, v in self.hints.model_dump().items() if v is not None)
            )
        if self.subjects:
            named = [
                f'"{s.text}"' + (f" ({s.title})" if s.title and s.title.lower() != s.text.lower() else "")
                for s in self.subjects
            ]
            parts.append(
                "comparing " + " with ".join(named) if self.intent == "compare" else "about " + "; ".join(named)
            )
        if self.asked_figures:
            parts.append("asks a figure: " + " or ".join(" ".join(m) for m in self.asked_figures))
        if self.follow_up:
            parts.append("read with the previous question")
        if self.absent:
            parts.append("not in the corpus: " + ", ".join(self.absent))
        return " · ".join(parts)

    def to_json(self) -> dict:
        return self.model_dump(mode="json")
