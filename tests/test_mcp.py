"""`rag mcp` end to end: the official SDK's own client starts it over stdio, lists its tools and
calls each, on the real seed index; results are structured (answer text, citations with title,
authors, venue, year and passage)."""

from __future__ import annotations

import asyncio
import os
import sys

from conftest import ROOT


def _session(seed_home, calls):
    from mcp import ClientSession, StdioServerParameters
    from mcp.client.stdio import stdio_client

    env = dict(os.environ, RAG_HOME=str(seed_home), HF_HUB_OFFLINE="1")
    params = StdioServerParameters(command=sys.executable, args=["-m", "rag.cli", "mcp"], env=env, cwd=str(ROOT))

    async def run():
        async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
            await session.initialize()
            return await calls(session)

    return asyncio.run(run())


def test_an_mcp_client_searches_asks_summarises_and_lists(seed_assistant, seed_home):
    async def calls(session):
        tools = {t.name for t in (await session.list_tools()).tools}
        found = await session.call_tool(
            "search", {"query": "adversarially trained smoothed classifiers provably robust", "k": 3}
        )
        asked = await session.call_tool(
            "ask", {"question": "How does group normalization avoid depending on the batch size?"}
        )
        refused = await session.call_tool("ask", {"question": "How do I bake sourdough bread at home?"})
        summary = await session.call_tool("summarise", {"topic": "robust overfitting"})
        listed = await session.call_tool("papers", {"venue": "NeurIPS", "year": 2019})
        empty = await session.call_tool("ask", {"question": "   "})
        return tools, found, asked, refused, summary, listed, empty

    tools, found, asked, refused, summary, listed, empty = _session(seed_home, calls)
    assert tools == {"search", "ask", "summarise", "papers"}
    hits = found.structured_content["hits"]
    assert hits[0]["title"] == "Provably Robust Deep Learning via Adversarially Trained Smoothed Classifiers"
    assert hits[0]["authors"][0] == "Hadi Salman" and hits[0]["venue"] == "NeurIPS" and hits[0]["passage"]
    answer = asked.structured_content
    assert (
        not answer["refused"] and "[1]" in answer["answer"] and answer["citations"][0]["title"] == "Group Normalization"
    )
    assert (
        answer["citations"][0]["passage"] in answer["answer"]
        or answer["citations"][0]["passage"][:40] in answer["answer"]
    )
    assert answer["reading"].startswith("detail")
    assert refused.structured_content["refused"] and refused.structured_content["nearest"]
    assert not summary.structured_content["refused"] and len(summary.structured_content["papers"]) >= 5
    assert listed.structured_content["count"] == 6
    assert empty.is_error and "the query is empty" in empty.content[0].text and "Traceback" not in empty.content[0].text
