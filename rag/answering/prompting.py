"""Prompts: read from files in prompts/, filled with sources packed to a token budget.

Sources are numbered in retrieval order and wrapped in <source> tags; anything in a source that
looks like a tag is neutralised, so a document cannot close its own tag and speak as the user.
Tokens are counted with tiktoken (its encodings come from llama-index's bundled cache offline).
"""

from __future__ import annotations

import logging
from functools import lru_cache
from pathlib import Path

from rag.llm.client import Message
from rag.llm.prompts import neutralise, read_prompt
from rag.retrieval.types import Hit
from rag.settings import LLMSettings
from rag.text.sentences import is_instruction, split_sentences

log = logging.getLogger(__name__)


@lru_cache(maxsize=1)
def _encoding():
    import tiktoken

    from rag import offline

    offline.configure()
    try:
        return tiktoken.get_encoding("o200k_base")
    except Exception:  # an older cache without o200k: cl100k counts within a few percent
        return tiktoken.get_encoding("cl100k_base")


def count_tokens(text: str) -> int:
    return len(_encoding().encode(text, disallowed_special=()))


def _truncate(text: str, tokens: int) -> str:
    enc = _encoding()
    ids = enc.encode(text, disallowed_special=())
    return text if len(ids) <= tokens else enc.decode(ids[:tokens]).rsplit(" ", 1)[0] + " ..."


def sanitise(text: str) -> tuple[str, int]:
    """The text without sentences that address the model with instructions (prompt injection),
    and how many were removed. Documents are data: nothing in them may steer the answer."""
    kept, removed = [], 0
    for sentence in split_sentences(text):
        if is_instruction(sentence):
            removed += 1
        else:
            kept.append(sentence)
    return " ".join(kept), removed


def format_source(n: int, hit: Hit, body: str) -> str:
    p = hit.paper
    head = f'<source n="{n}" title="{neutralise(p.title)}"'
    if p.year:
        head += f' year="{p.year}"'
    if hit.sections:
        head += f' slide="{neutralise("; ".join(hit.sections))}"'
    return f"{head}>\n{neutralise(body)}\n</source>"


def shown_slides(hit: Hit, shown: str) -> list[str]:
    """The titles of a lecture hit's added slides whose text the model was shown (none when only
    the matching slide fitted)."""
    text = " ".join(shown.split())
    titles = [p.section for p in hit.more if p.section and p.text and " ".join(p.text.split())[:80] in text]
    return [t for t in dict.fromkeys(titles) if t != hit.section]


def pack_sources(hits: list[Hit], cfg: LLMSettings) -> list[tuple[int, Hit, str]]:
    """(number, hit, text shown) for as many hits as fit in `cfg.context_tokens`: the whole
    abstract when it fits, else the matching passage, cut to what is left. Lectures show the
    matching slide, and the slides the answer stage added on the question."""
    budget, overhead = cfg.context_tokens, cfg.source_overhead_tokens
    packed: list[tuple[int, Hit, str]] = []
    left = budget
    for hit in hits:
        full, removed = sanitise(hit.body)
        passage, removed_too = sanitise(hit.passage)
        if removed or removed_too:
            log.warning(
                "left out %d instruction-like sentence(s) of %s from the prompt", removed + removed_too, hit.paper.id
            )
        if not full.strip():
            continue
        for body in (full, passage or full):
            cost = count_tokens(body) + overhead
            if cost <= left:
                break
        else:
            if left < cfg.min_source_tokens:
                break
            body = _truncate(passage or full, left - overhead)
            cost = left
        packed.append((len(packed) + 1, hit, body))
        left -= cost
    return packed


def verification_text(title: str, body: str, year: int | None = None) -> str:
    """What a source's claims are checked against: the text the model was shown for it, its
    title and year included (the model sees both in the source's tag and is asked to name
    papers by title)."""
    return f"{title}{f' ({year})' if year else ''}. {body}"


# What the answer should look like, by what the question asks (the plan's intent): the form the
# user prompt's {form} asks for.
FORMS = {
    "lookup": "Start with the title of the paper that answers the question, then say in one sentence what it does.",
    "detail": "Start with the fact asked for (the number, dataset or method), as the source states it.",
    "survey": "Give one sentence for each paper that bears on the question: its title and what it proposes or finds.",
    "compare": "Give one sentence on each of the two, then one on how they differ.",
}


def answer_messages(
    question: str, packed: list[tuple[int, Hit, str]], intent: str = "", folder: Path | None = None
) -> list[Message]:
    """The answer prompt: the system rules, and the sources, the question and the form the
    answer should take (FORMS, by the plan's intent). `folder` holds prompt files that replace
    the shipped ones (settings.llm.prompts)."""
    sources = "\n\n".join(format_source(n, hit, body) for n, hit, body in packed)
    user = (
        read_prompt("answer_user", folder)
        .replace("{sources}", sources)
        .replace("{question}", neutralise(question))
        .replace("{form}", FORMS.get(intent, ""))
    )
    return [Message("system", read_prompt("answer_system", folder)), Message("user", user)]
