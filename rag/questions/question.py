"""The question as the plan's rules read it: its normalised text, the part that asks, its
clauses, the metadata it names, and the reasons given so far for its reading. The base the
intent and subject rules (rag.questions.intent, rag.questions.subjects) share; holds no rule."""

from __future__ import annotations

import re

from rag.questions.clauses import asked_part, first_clause
from rag.questions.models import QueryPlan
from rag.questions.names import Mention, Names, mentions, normalise


class QuestionText:
    """One question's text as read, and `reasons`: why each rule decided as it did, in order."""

    def __init__(self, question: str, names: Names, previous: QueryPlan | None) -> None:
        self.question = question
        self.names = names
        self.previous = previous
        self.text = normalise(question)
        self.lower = self.text.lower()
        self.request = asked_part(self.text, keep_request=True)  # the sentence that asks, as written
        self.asked = asked_part(self.text)  # ... without its request ("tell me ...") and the asker's asides
        self.asked_lower = self.asked.lower()
        self.clauses = [c for c in re.split(r"\s[-–]\s|[:;?]\s*|\.\s+", self.asked) if c.strip()]
        self.mentions = mentions(self.text, names)
        self.asked_mentions = mentions(self.asked, names) if self.asked != self.text else self.mentions
        self.reasons: list[str] = []
        first = first_clause(self.asked)
        self.selecting = [m for m in self.asked_mentions if m.start < len(first)]  # metadata of the first clause
        self.lecture_words = frozenset(w.lower() for t in names.lecture_titles for w in re.findall(r"\w+", t))

    # --- words ----------------------------------------------------------------------------------------
    def _without(self, found: list[Mention], text: str) -> str:
        """`text` with the metadata mentions inside it blanked out ("ICLR 2018 papers on vision" ->
        "papers on vision")."""
        out = text
        for m in sorted(found, key=lambda m: -m.start):
            if m.end <= len(out) and out[m.start : m.end].lower() == m.text.lower():
                out = out[: m.start] + " " + out[m.end :]
        out = re.sub(r"'s\b", "", out)
        return " ".join(out.split())
