"""The assistant's search inside a llama-index query engine, against the scripted OpenAI server:
the engine retrieves through `Assistant.as_retriever`, the model sees the passages, and the
response's source nodes carry each paper's metadata."""

from __future__ import annotations

from openai_server import ServerThread, Step


def test_a_llama_index_query_engine_retrieves_through_the_assistant(seed_assistant):
    from llama_index.core.query_engine import RetrieverQueryEngine
    from llama_index.core.retrievers import BaseRetriever
    from llama_index.llms.openai_like import OpenAILike

    retriever = seed_assistant.as_retriever(k=3)
    assert isinstance(retriever, BaseRetriever)
    with ServerThread() as server:
        server.state.default = Step(reply="Group normalization normalizes within groups of channels.")
        llm = OpenAILike(
            model="scripted",
            api_base=server.url,
            api_key="unused",
            is_chat_model=True,
            context_window=8000,
            max_retries=0,
        )
        engine = RetrieverQueryEngine.from_args(retriever, llm=llm)
        response = engine.query("How does group normalization avoid depending on the batch size?")
        prompt = str(server.state.requests[-1]["messages"])
    assert str(response) == "Group normalization normalizes within groups of channels."
    first = response.source_nodes[0]
    assert first.node.metadata["title"] == "Group Normalization"
    assert first.node.metadata["venue"] == "ECCV" and first.node.metadata["year"] == 2018
    assert {"paper_id", "authors"} <= set(first.node.metadata) and first.score > 0
    assert first.node.get_content() in seed_assistant.paper(first.node.metadata["paper_id"]).abstract
    assert "GN divides the channels into groups" in prompt  # the passage reached the model
