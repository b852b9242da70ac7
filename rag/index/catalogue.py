"""The catalogue search and metadata questions read: a small card per paper in memory, the full
records on disk.

Filters (year, venue, author, source, session) and metadata questions ("ICLR 2018 papers by
...") look at every paper, so those fields stay in memory as a `Card`. A hit needs the whole
`Paper` (abstract, sources, slides) for only the few papers it shows, so those are read from
the doc store by id and the most recent few thousand kept. At 100k papers the cards take
~90 MB where full records took ~500 MB; loading them takes as long (~2.5 s: every record's
JSON is still read).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

from rag.corpus.models import Kind, Paper, chunk_id
from rag.index.docstore import DocStore
from rag.index.vectors import Scope

_KEPT = 4096  # full records kept after reading them


@dataclass(frozen=True, slots=True)
class Card:
    """What is known of every paper without reading its record."""

    id: str
    title: str
    authors: tuple[str, ...]
    venue: str | None
    year: int | None
    kind: Kind
    files: tuple[str, ...]  # source file names
    presentation: str | None  # Oral, Spotlight, ... (conference session pages)
    chunks: int = 0  # how many chunks it is indexed as (ids "<id>#0" ...), 0 when unknown

    @classmethod
    def of(cls, paper: Paper) -> Card:
        return cls(
            paper.id,
            paper.title,
            tuple(paper.authors),
            paper.venue,
            paper.year,
            paper.kind,
            tuple(paper.source_files()),
            paper.meta.get("presentation"),
        )


class Catalogue:
    """Cards of every paper at one doc-store version, and full records on demand."""

    def __init__(self, docs: DocStore) -> None:
        self.version = docs.version
        self.cards: dict[str, Card] = {row[0]: Card(*row) for row in docs.card_rows()}
        self.chunk_count = sum(card.chunks for card in self.cards.values())
        self._docs = docs
        self._kept: OrderedDict[str, Paper] = OrderedDict()
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self.cards)

    def scope(self, allowed: set[str]) -> Scope:
        """The chunks of the `allowed` papers, for a filtered search."""
        size = sum(self.cards[pid].chunks for pid in allowed)
        return Scope(
            allowed,
            size,
            size / max(self.chunk_count, 1),
            lambda: [chunk_id(pid, i) for pid in allowed for i in range(self.cards[pid].chunks)],
        )

    def paper(self, paper_id: str) -> Paper | None:
        """The full record, or None if there is no such paper (or it was removed since)."""
        if paper_id not in self.cards:
            return None
        with self._lock:
            found = self._kept.get(paper_id)
            if found is not None:
                self._kept.move_to_end(paper_id)
                return found
        found = self._docs.paper(paper_id)
        if found is not None:
            with self._lock:
                self._kept[paper_id] = found
                if len(self._kept) > _KEPT:
                    self._kept.popitem(last=False)
        return found
