"""Typed results of the answer stage: `Answer` with its `Citation`s, and what verification removed."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from rag.corpus.models import Paper
from rag.questions.models import QueryPlan

Mode = Literal["llm", "extractive"]


class Citation(BaseModel):
    """Reference number `n` in the answer text: the paper and the passage that supports it."""

    n: int
    paper: Paper
    passage: str
    section: str | None = None  # slide title when the document is a lecture
    more_sections: list[str] = Field(default_factory=list)  # the other slides' titles, when it quotes several

    @property
    def sections(self) -> list[str]:
        return [s for s in [self.section, *self.more_sections] if s]

    def reference(self) -> dict:
        return {
            "n": self.n,
            **self.paper.record(),
            "section": self.section,
            "sections": self.sections,
            "passage": self.passage,
        }


def slide_label(titles: list[str]) -> str:
    """How an answer names the slides it quotes: 'slide "A"', or 'slides "A", "B"'."""
    if not titles:
        return ""
    quoted = ", ".join(f'"{t}"' for t in titles)
    return f"slide {quoted}" if len(titles) == 1 else f"slides {quoted}"


class Dropped(BaseModel):
    """A citation verification removed from the answer, and why."""

    n: int  # the number as the model wrote it
    sentence: str
    reason: Literal["not a retrieved source", "not supported by the cited source"]
    detail: str = ""  # what the source lacks: a number, a name, or that it says the opposite


class Answer(BaseModel):
    question: str
    text: str  # numbered citations [1], [2] ... refer to `citations`
    citations: list[Citation] = Field(default_factory=list)
    mode: Mode = "extractive"
    model: str | None = None  # the LLM's name in LLM mode
    refused: bool = False  # the corpus does not cover the question
    notice: str | None = None  # e.g. why an LLM answer fell back to extractive
    dropped_citations: list[Dropped] = Field(default_factory=list)
    unsupported: list[str] = Field(default_factory=list)  # sentences removed: no source supports them
    nearest: list[Citation] = Field(default_factory=list)  # when refused: closest papers, not answers
    retrieved_ids: list[str] = Field(default_factory=list)  # documents retrieved for this question
    plan: QueryPlan | None = None  # how the question was read
    gate: float | None = None  # the refusal gate's probability that the evidence answers it (content answers)
    filled_in: int = 0  # LLM mode: papers quoted from their abstracts because the model's text failed on them
    first_text_seconds: float | None = None  # LLM mode: from the request to the first verified text shown

    def to_json(self) -> dict:
        return {
            "question": self.question,
            "answer": self.text,
            "mode": self.mode,
            "model": self.model,
            "refused": self.refused,
            "notice": self.notice,
            "citations": [c.reference() for c in self.citations],
            "dropped_citations": [d.model_dump() for d in self.dropped_citations],
            "unsupported": self.unsupported,
            "nearest": [c.reference() for c in self.nearest],
            "retrieved_ids": self.retrieved_ids,
            "gate": self.gate,
            "filled_in": self.filled_in,
            "first_text_seconds": self.first_text_seconds,
            "plan": self.plan.to_json() if self.plan is not None else None,
        }

    def to_markdown(self) -> str:
        lines = [self.text, ""]
        if self.citations:
            lines.append("References:")
            lines += [f"[{c.n}] {_cite_line(c)}" for c in self.citations]
        if self.nearest:
            lines.append("Nearest papers in the corpus (they do not answer the question):")
            lines += [f"- {_cite_line(c)}" for c in self.nearest]
        if self.dropped_citations or self.unsupported:
            lines.append(
                f"({len(self.dropped_citations)} citations and {len(self.unsupported)} sentences removed "
                "by verification; --json lists them)"
            )
        lines.append(_mode_line(self))
        return "\n".join(lines)


def _cite_line(c: Citation) -> str:
    p = c.paper
    who = (p.authors[0] + (" et al." if len(p.authors) > 1 else "")) if p.authors else None
    where = ", ".join(str(x) for x in (who, p.venue, p.year) if x)
    slide = f", {slide_label(c.sections)}" if c.sections else ""
    return f"{p.title}" + (f" ({where})" if where else "") + slide + f" [{p.id}]"


def _mode_line(answer: Answer) -> str:
    if answer.mode == "llm":
        line = f"Mode: LLM ({answer.model}), citations verified against the sources."
    else:
        line = "Mode: extractive (quoted from the abstracts, or read from the paper records; no LLM used)."
    return line + (f" Notice: {answer.notice}" if answer.notice else "")
