"""The errors a front end catches and shows as one line: each says what went wrong and what to
do next. Anything else is a bug, logged in full and shown as a sentence without its text."""

from __future__ import annotations


class RagError(Exception):
    """An error the user can act on; its message says how."""


class CorpusError(RagError):
    """A corpus file cannot be read at all (missing, unreadable, unknown format)."""


class StoreError(RagError):
    """The index cannot be read or written: a Chroma server that does not answer, a full disk,
    a RAG_HOME that is not writable, another model's vectors."""


class IndexBusyError(StoreError):
    """Another ingest is writing to the same RAG_HOME."""


class NotIndexedError(RagError):
    """Search was asked of an empty index."""


class QueryError(RagError, ValueError):
    """The query cannot be searched (empty, or nothing but punctuation)."""


class QuestionSetError(RagError, ValueError):
    """The question file is unreadable, or names papers the corpus does not have."""
