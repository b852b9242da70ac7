"""`rag mcp`: the assistant as a Model Context Protocol server over stdio (the official `mcp` SDK),
so an MCP client (a desktop assistant, an IDE) can search the corpus and get answers whose
citations were verified here. Four tools, each returning structured results: `search`, `ask`,
`summarise` and `papers`. A thin front end over `Assistant`, like the CLI and the UI; an error a
user can act on comes back as the tool's error message, anything else as a sentence.
"""

from __future__ import annotations

import logging
import sys
from functools import lru_cache

from pydantic import BaseModel, Field

from rag.answering.models import Citation
from rag.assistant import Assistant
from rag.errors import RagError
from rag.retrieval.types import Filters

log = logging.getLogger("rag.mcp")


class PaperRef(BaseModel):
    id: str
    title: str
    authors: list[str] = Field(default_factory=list)
    venue: str | None = None
    year: int | None = None


class CitedPassage(PaperRef):
    n: int = Field(description="The number the answer text cites it by, [n].")
    passage: str = Field(description="The passage of the paper that supports the claims citing it.")
    section: str | None = Field(None, description="The slide's title, when the document is a lecture.")
    sections: list[str] = Field(
        default_factory=list, description="Every slide the passage quotes, when it quotes several of a lecture."
    )


class AskResult(BaseModel):
    answer: str = Field(description="The answer, each claim followed by [n] citations.")
    refused: bool = Field(description="True when the corpus does not cover the question.")
    mode: str = Field(description="extractive (quoted) or llm (written by a model, citations verified).")
    notice: str | None = None
    citations: list[CitedPassage] = Field(default_factory=list)
    nearest: list[PaperRef] = Field(
        default_factory=list, description="When refused: the closest papers, which do not answer the question."
    )
    reading: str = Field("", description="How the question was read (intent, filters, hints).")


class SearchHit(PaperRef):
    rank: int
    passage: str


class SearchResult(BaseModel):
    hits: list[SearchHit]


class SummaryResult(BaseModel):
    topic: str
    overview: str
    refused: bool
    papers: list[CitedPassage] = Field(default_factory=list)


class PapersResult(BaseModel):
    count: int
    papers: list[PaperRef]


def _ref(paper) -> dict:
    """The paper's record, as far as a PaperRef holds it."""
    record = paper.record()
    return {k: record[k] for k in PaperRef.model_fields if k in record}


def _cited(c: Citation) -> CitedPassage:
    return CitedPassage(n=c.n, passage=c.passage, section=c.section, sections=c.sections, **_ref(c.paper))


def _filters(year: int | None, venue: str | None, author: str | None) -> Filters | None:
    found = Filters(year=year, venue=venue, author=author)
    return found if found.active else None


def _guard(call):
    """Run a tool: an error the user can act on keeps its message; anything else is logged and
    reported as a sentence, never as a traceback or the exception's text."""
    from mcp.server.mcpserver.exceptions import ToolError

    try:
        return call()
    except RagError as exc:
        raise ToolError(str(exc)) from None
    except Exception:
        log.exception("tool failed")
        raise ToolError("the assistant failed on this request; its log (stderr) has the details") from None


def build(assistant: Assistant | None = None):
    """The MCP server with its four tools over `assistant` (default: one built from the
    environment on the first call)."""
    from mcp.server.mcpserver import MCPServer

    @lru_cache(maxsize=1)
    def _assistant() -> Assistant:
        return assistant if assistant is not None else Assistant()

    server = MCPServer(
        "rag-assistant",
        instructions="Search a corpus of machine-learning paper abstracts and get answers in which every claim "
        "cites a retrieved paper (citations verified). The corpus may not cover a question: then `ask` says so.",
    )

    @server.tool(description="Papers for a query, best first, each with the passage that matched.")
    def search(
        query: str, k: int = 10, year: int | None = None, venue: str | None = None, author: str | None = None
    ) -> SearchResult:
        def run() -> SearchResult:
            hits = _assistant().search(query, max(1, min(k, 50)), filters=_filters(year, venue, author))
            return SearchResult(hits=[SearchHit(rank=h.rank, passage=h.passage, **_ref(h.paper)) for h in hits])

        return _guard(run)

    @server.tool(
        description="A short answer whose every claim cites a retrieved paper, or a refusal when the "
        "corpus does not cover the question."
    )
    def ask(question: str, year: int | None = None, venue: str | None = None, author: str | None = None) -> AskResult:
        def run() -> AskResult:
            answer = _assistant().ask(question, filters=_filters(year, venue, author))
            return AskResult(
                answer=answer.text,
                refused=answer.refused,
                mode=answer.mode,
                notice=answer.notice,
                citations=[_cited(c) for c in answer.citations],
                nearest=[PaperRef(**_ref(c.paper)) for c in answer.nearest],
                reading=answer.plan.describe() if answer.plan else "",
            )

        return _guard(run)

    @server.tool(description="Every paper of the corpus on a topic, with an overview and one takeaway each, cited.")
    def summarise(topic: str) -> SummaryResult:
        def run() -> SummaryResult:
            summary = _assistant().summarise(topic)
            return SummaryResult(
                topic=summary.topic,
                overview=summary.overview,
                refused=summary.refused,
                papers=[_cited(c) for c in summary.citations],
            )

        return _guard(run)

    @server.tool(description="The indexed documents, optionally only those of a year, venue or author.")
    def papers(
        year: int | None = None, venue: str | None = None, author: str | None = None, limit: int = 200
    ) -> PapersResult:
        def run() -> PapersResult:
            found = _assistant().papers(_filters(year, venue, author))
            return PapersResult(count=len(found), papers=[PaperRef(**_ref(p)) for p in found[: max(1, limit)]])

        return _guard(run)

    return server


def serve(assistant: Assistant | None = None) -> int:
    """Serve over stdio until the client closes it. Logs go to stderr: stdout is the protocol."""
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s")
    build(assistant).run("stdio")
    return 0
