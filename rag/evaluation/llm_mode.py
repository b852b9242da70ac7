"""Judging LLM-mode answers after the fact, for the benchmarks and the replay tests: what
carried an answer (the model's text, the abstracts, a fallback and why), and whether any shown
sentence is degenerate, checked again here apart from the pipeline's own checks."""

from __future__ import annotations

from pydantic import BaseModel

from rag.answering.models import Answer
from rag.answering.records import RECORDS_LEAD
from rag.answering.streams import FILL_IN_LEAD, names_a_paper
from rag.answering.verify import degenerate, strip_markers, units
from rag.settings import Settings

FALLBACKS = {
    "the LLM failed": "LLM failed",
    "do not cover the question": "NOT COVERED, gate said covered",
    "copied its sources": "copied its sources",
    "no claim in the LLM's answer": "nothing supported",
    "named no paper": "named no paper",
}


def outcome(answer: Answer) -> str:
    if answer.refused:
        return "refused"
    if answer.mode == "llm":
        return "model + abstracts" if answer.filled_in else "model alone"
    for said, name in FALLBACKS.items():
        if answer.notice and said in answer.notice:
            return f"fallback: {name}"
    return "extractive"


def degenerate_sentences(answer: Answer, question: str, settings: Settings) -> list[str]:
    """The shown sentences of an LLM answer that are no claim (bare citations, the question given
    back), and for a which-paper question, the whole text when it names no cited paper."""
    if answer.mode != "llm" or answer.refused:
        return []  # extractive text, or the app's own refusal: no model text is shown
    model_text = answer.text.split(FILL_IN_LEAD)[0].split(RECORDS_LEAD)[0]  # what follows either is the app's
    bad = [
        s
        for _, s in units(model_text)  # sentences, a list item's "1." or "-" set apart
        if strip_markers(s) and degenerate(strip_markers(s), settings.answer.support, question)
    ]
    if answer.plan is not None and answer.plan.intent == "lookup":
        cited = [c.paper for c in answer.citations]
        if not names_a_paper(model_text, cited, settings.llm.named_title_words):
            bad.append(model_text)
    return bad


class Judged(BaseModel):
    """One LLM-mode answer judged against its question's expected papers (JSON-ready, so a judged
    answer can be kept and compared later, as the test workers share them)."""

    outcome: str  # what carried it (`outcome`)
    cited: list[str]  # paper ids, in citation order
    refused: bool
    shown: bool  # it is a refusal or has text: nothing empty is shown as an answer
    recall: float | None  # share of the expected papers cited (None for an unanswerable question)
    validity: float | None  # share of the cited papers that were retrieved (None when none is cited)
    unretrieved: list[str]  # cited papers that were not retrieved for the question
    degenerate: list[str]  # `degenerate_sentences`


def judge(answer: Answer, question: str, relevant: list[str] | None, settings: Settings) -> Judged:
    """`answer` to `question` judged; `relevant` is None when the question is unanswerable."""
    cited = list(dict.fromkeys(c.paper.id for c in answer.citations))
    retrieved = set(answer.retrieved_ids)
    return Judged(
        outcome=outcome(answer),
        cited=cited,
        refused=answer.refused,
        shown=answer.refused or bool(answer.text.strip()),
        recall=None if relevant is None else (len(set(cited) & set(relevant)) / len(relevant) if relevant else 1.0),
        validity=sum(p in retrieved for p in cited) / len(cited) if cited else None,
        unretrieved=[p for p in cited if p not in retrieved],
        degenerate=degenerate_sentences(answer, question, settings),
    )
