"""Adapters that let other frameworks use the assistant's parts (llama-index's retriever)."""
