"""Prompt files (the shipped prompts/ folder) and the one rule for putting text into a prompt:
text from a document, a question or a conversation is data, so anything in it that looks like
a tag is neutralised and cannot close the tag it sits in and speak as someone else."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from rag.resources import prompts_dir


@lru_cache(maxsize=16)
def read_prompt(name: str, folder: Path | None = None) -> str:
    """The prompt file `name`.md from `folder` (default: the shipped prompts/)."""
    path = (folder or prompts_dir()) / f"{name}.md"
    if not path.exists():
        raise FileNotFoundError(f"prompt {path} is missing: the prompts/ folder ships with the project")
    return path.read_text(encoding="utf-8").strip()


def neutralise(text: str) -> str:
    """`text` with its angle brackets made look-alikes: it cannot open or close a tag."""
    return text.replace("<", "‹").replace(">", "›")
