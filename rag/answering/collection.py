"""Answers about the collection as a whole, from its catalogue rather than any paper's record or
abstract: how many documents it holds, and what its lectures cover, slide by slide."""

from __future__ import annotations

from collections.abc import Iterable

from rag.answering.models import Answer, Citation
from rag.answering.records import listed
from rag.index.catalogue import Card, Catalogue
from rag.questions.models import QueryPlan


def lecture_outline(plan: QueryPlan, catalogue: Catalogue, limit: int = 30) -> Answer:
    """Each lecture of the corpus with its slide titles in order (repeats folded), cited."""
    lines: list[str] = []
    citations: list[Citation] = []
    for card in [c for c in catalogue.cards.values() if c.kind == "lecture"]:
        lecture = catalogue.paper(card.id)
        if lecture is None:
            continue
        titles = list(dict.fromkeys(s.title for s in lecture.sections[1:] if s.title))  # slide 1: the cover
        n = len(citations) + 1
        facts = ", ".join(x for x in [", ".join(lecture.authors), str(lecture.year) if lecture.year else None] if x)
        shown = "; ".join(titles[:limit]) + (f"; and {len(titles) - limit} more" if len(titles) > limit else "")
        lines.append(
            f"- **{lecture.title}**"
            + (f" ({facts})" if facts else "")
            + f", {len(lecture.sections)} slides, in this order: {shown} [{n}]."
        )
        first = next((s for s in lecture.sections[1:] if s.text), None)
        citations.append(
            Citation(
                n=n,
                paper=lecture,
                passage=first.text if first else lecture.abstract[:400],
                section=first.title if first else None,
            )
        )
    if not citations:
        return Answer(question=plan.question, refused=True, mode="extractive", text="The corpus has no lecture.")
    head = "The corpus has one lecture:" if len(citations) == 1 else f"The corpus has {len(citations)} lectures:"
    return listed(plan, head, lines, citations)


def corpus_size(plan: QueryPlan, cards: Iterable[Card]) -> Answer:
    """What the corpus holds, counted from the cards: documents by kind, source files, years on
    record. Nothing to cite: no document says it."""
    cards = list(cards)
    kinds: dict[str, int] = {}
    for card in cards:
        kinds[card.kind] = kinds.get(card.kind, 0) + 1
    parts = [f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1])]
    files = len({f for card in cards for f in card.files})
    years = sorted({card.year for card in cards if card.year})
    dated = sum(1 for card in cards if card.year)
    text = (
        f"The corpus has {len(cards)} document{'s' if len(cards) != 1 else ''} "
        f"({', '.join(parts) or 'none'}) from {files} source file{'s' if files != 1 else ''}."
    )
    if years:
        span = f"{years[0]}" if len(years) == 1 else f"{years[0]} to {years[-1]}"
        text += f" {dated} have a year on record, from {span}."
    return Answer(question=plan.question, text=text, mode="extractive")
