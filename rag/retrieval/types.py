"""The types retrieval hands to everything after it: `Hit` (a paper found for a query, at its
best passage), `Filters` (hard restrictions on which papers may be returned), `Ranked` (one
retriever's view of a paper) and `QueryError`. Answer code imports these, not the search."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict, Field, field_validator

from rag.corpus.models import Kind, Paper
from rag.errors import QueryError
from rag.index.catalogue import Card
from rag.text.folding import names_match

MAX_QUERY_CHARS = 4000  # longer queries are cut: the embedder reads ~1000 characters anyway


class Filters(BaseModel):
    """Restrictions on which documents may be returned. All given ones must hold."""

    year: int | None = Field(None, description="Exactly this year.")
    year_from: int | None = Field(None, description="This year or later.")
    year_to: int | None = Field(None, description="This year or earlier.")
    venue: str | None = Field(
        None,
        description="Venue, case-insensitive (ICML, NeurIPS, ECCV, Lecture, ...); several separated by | match any.",
    )
    source: str | None = Field(None, description="Source file name, or its start (e.g. 002).")
    kind: Kind | None = Field(None, description="paper or lecture.")
    author: str | None = Field(None, description="An author's name or whole words of it, case and accents aside.")
    presentation: str | None = Field(None, description="Oral, Spotlight, ... (conference session pages).")
    paper: str | None = Field(None, description="Only this document id (ask about one paper).")

    @field_validator("venue", "source", "author", "presentation", "paper", mode="before")
    @classmethod
    def _blank_is_none(cls, value: object) -> object:
        """A blank text filter ("author": "" from a form or an MCP client) restricts nothing."""
        return None if isinstance(value, str) and not value.strip() else value

    @property
    def active(self) -> bool:
        return any(v is not None for v in self.model_dump().values())

    @property
    def venues(self) -> list[str]:
        """The venues allowed: several are separated by "|" ("ECCV | ICLR"), which no venue
        holds (commas it may: "Proceedings of ..., ICML 2019")."""
        return [v.strip() for v in (self.venue or "").split("|") if v.strip()]

    def allows(self, card: Card) -> bool:
        if self.paper is not None and card.id != self.paper:
            return False
        if self.year is not None and card.year != self.year:
            return False
        if self.year_from is not None and (card.year is None or card.year < self.year_from):
            return False
        if self.year_to is not None and (card.year is None or card.year > self.year_to):
            return False
        if self.venue is not None and (card.venue or "").strip().lower() not in {v.lower() for v in self.venues}:
            return False
        if self.source is not None and not any(f == self.source or f.startswith(self.source) for f in card.files):
            return False
        if self.kind is not None and card.kind != self.kind:
            return False
        if self.author is not None and not any(names_match(self.author, a) for a in card.authors):
            return False
        if self.presentation is not None and (card.presentation or "").lower() != self.presentation.lower():
            return False
        return True


class Hints(BaseModel):
    """Metadata a question mentions only as context ("which 2019 paper ...", "the NeurIPS paper
    on ..."): a paper that matches ranks higher; nothing is ever excluded for not matching. (A
    question about what the lecture says is not context: the plan filters it to the lecture.)"""

    model_config = ConfigDict(frozen=True)

    year: int | None = Field(None, description="A year the question mentions.")
    venue: str | None = Field(None, description="A venue the question mentions.")
    author: str | None = Field(None, description="An author the question mentions.")
    presentation: str | None = Field(None, description="A session type (Oral, Spotlight) the question mentions.")
    kind: Kind | None = Field(None, description="The kind of document the question mentions (the lecture).")

    @property
    def active(self) -> bool:
        return any(v is not None for v in self.model_dump().values())

    def match(self, card: Card) -> float:
        """Share of the given hints `card` matches (0 when none is given)."""
        given = {k: v for k, v in self.model_dump().items() if v is not None}
        if not given:
            return 0.0
        checks = {
            "year": lambda v: card.year == v,
            "venue": lambda v: (card.venue or "").lower() == v.lower(),
            "author": lambda v: any(names_match(v, a) for a in card.authors),
            "presentation": lambda v: (card.presentation or "").lower() == v.lower(),
            "kind": lambda v: card.kind == v,
        }
        return sum(checks[k](v) for k, v in given.items()) / len(given)


class Passage(BaseModel):
    """One more passage of a long document that bears on the query (another slide of a lecture)."""

    model_config = ConfigDict(frozen=True)

    text: str
    section: str | None = None


class Hit(BaseModel):
    """One paper found for a query, at its best-matching passage."""

    paper: Paper
    rank: int  # 1-based
    score: float  # the mode's own score: RRF for hybrid, cosine for dense, BM25 for bm25
    passage: str
    chunk_id: str
    section: str | None = None  # the slide's title when the document is a lecture
    # the query's cosine to the paper's closest chunk (to its passage, for a paper only BM25 found)
    similarity: float | None = None
    more: tuple[Passage, ...] = ()  # a lecture's other slides on the question, when the answer quotes them

    @property
    def text(self) -> str:
        """What the hit offers as evidence: the paper's title and abstract, or for a lecture the
        matching slide with its title (a 94-slide lecture's whole text is about everything), and
        the slides the answer stage added."""
        if self.paper.kind != "lecture":
            return f"{self.paper.title}. {self.paper.abstract}"
        return "\n\n".join(f"{title}. {text}" if title else text for title, text in self.slides)

    @property
    def body(self) -> str:
        """The text quoted from: the abstract, or for a lecture the matching slide (and the
        other slides on the question, when the answer stage added them)."""
        if self.paper.kind != "lecture":
            return self.paper.abstract
        return "\n\n".join(text for _, text in self.slides)

    @property
    def slides(self) -> list[tuple[str | None, str]]:
        """(title, text) of the matching passage and of each one the answer stage added."""
        return [(self.section, self.passage), *((p.section, p.text) for p in self.more)]

    @property
    def sections(self) -> list[str]:
        """The titles of the slides `body` holds, in its order."""
        return list(dict.fromkeys(t for t, _ in self.slides if t))


@dataclass(frozen=True)
class Ranked:
    """A retriever's view of one paper: its best chunk and that chunk's score."""

    paper_id: str
    chunk_id: str
    score: float


def clean_query(query: str) -> str:
    text = " ".join((query or "").split())[:MAX_QUERY_CHARS]
    if not any(ch.isalnum() for ch in text):
        raise QueryError("the query is empty: type a question or a few keywords")
    return text
