"""Typed records of the corpus: what a citable document is, and the pieces it is indexed as.

A `Paper` is one citable document (a paper's abstract, or a whole lecture). A `Chunk` is
the unit that is embedded and searched; a paper has one or more chunks, a lecture one per
slide. Nothing here knows about storage or retrieval.
"""

from __future__ import annotations

import hashlib
import re
from typing import Literal

from pydantic import BaseModel, Field

from rag.text.folding import fold, fold_name

Kind = Literal["paper", "lecture"]


def normalise_title(title: str) -> str:
    """The key two titles are compared by: case, accents, punctuation and spacing ignored, and
    letters spelt in ASCII as a name's are ("Łukasiewicz" is "lukasiewicz", as a question
    normalised by rag.questions.names writes it)."""
    return _key(fold_name(title))


def _key(folded: str) -> str:
    return " ".join(re.sub(r"[^0-9a-z]+", " ", folded).split())


def paper_id(title: str) -> str:
    """A stable id derived from the title (case, accents, punctuation and spacing ignored): a
    readable slug plus a short hash.

    The same title always gives the same id, so citations and eval references survive
    a rebuild of the index; the key is the one ids were first made from (a letter with no
    decomposition, "ł", dropped), so an index built before keeps its ids.
    """
    key = _key(fold(title))
    slug = "-".join(key.split()[:6])[:48].strip("-") or "untitled"
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:8]
    return f"{slug}-{digest}"


class SourceRef(BaseModel):
    """Where a document was read from: a file name and the 1-based line it starts on."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


class Section(BaseModel):
    """A titled part of a longer document, e.g. one slide of a lecture."""

    title: str
    text: str
    line: int  # 1-based line of the section's heading in the source file


class Paper(BaseModel):
    """One citable document. `abstract` is the text that is indexed and quoted."""

    id: str
    title: str
    abstract: str
    authors: list[str] = Field(default_factory=list)
    venue: str | None = None
    year: int | None = None
    url: str | None = None
    kind: Kind = "paper"
    sources: list[SourceRef] = Field(default_factory=list)
    sections: list[Section] = Field(default_factory=list)  # slides of a lecture; empty for papers
    meta: dict[str, str] = Field(default_factory=dict)  # e.g. lecturer, institution, term, presentation

    @property
    def key(self) -> str:
        """The normalised title: two records with the same key are the same document."""
        return normalise_title(self.title)

    def content_hash(self) -> str:
        """Changes whenever anything in the record changes, sources included."""
        payload = self.model_dump_json()
        return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]

    def source_files(self) -> list[str]:
        return [s.file for s in self.sources]

    def record(self) -> dict:
        """The paper's bibliographic record as plain data, for JSON output (CLI, MCP, integrations)."""
        return {
            "id": self.id,
            "title": self.title,
            "authors": self.authors,
            "venue": self.venue,
            "year": self.year,
            "kind": self.kind,
            "sources": [str(s) for s in self.sources],
        }


def chunk_id(paper_id: str, index: int) -> str:
    """A chunk's id: "<paper id>#<index>". Search reads the paper back from it (`paper_of`)."""
    return f"{paper_id}#{index}"


def paper_of(chunk_id_: str) -> str:
    """The paper id inside a chunk id."""
    return chunk_id_.rsplit("#", 1)[0]


class Chunk(BaseModel):
    """A passage of a paper sized to the embedding model's window."""

    id: str  # chunk_id(paper_id, index)
    paper_id: str
    index: int
    text: str  # the passage itself, as quoted to the user
    title: str  # the paper's title, prepended when embedding
    section: str | None = None  # slide title for lectures

    def embedding_text(self) -> str:
        heading = f"{self.title}. {self.section}" if self.section else self.title
        return f"{heading}\n{self.text}"
