"""What went wrong while reading a corpus, kept so the rest can still be ingested."""

from __future__ import annotations

from dataclasses import dataclass, field

from rag.errors import CorpusError  # noqa: F401  (raised by the corpus readers)


@dataclass(frozen=True)
class Problem:
    """One skipped line or row: which file, which 1-based line, and why."""

    file: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.message}"


@dataclass
class LoadReport:
    """Collects problems while loading; the loaders skip the bad record and go on."""

    problems: list[Problem] = field(default_factory=list)
    duplicates: int = 0  # records merged into an earlier record with the same title

    def add(self, file: str, line: int, message: str) -> None:
        self.problems.append(Problem(file, line, message))
