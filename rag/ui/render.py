"""Answers, summaries and search results as HTML for the web UI: pure functions, no Gradio."""

from __future__ import annotations

import html
import re

from rag.answering.models import Answer, Citation


def _highlight(text: str, passage: str) -> str:
    """The document text, escaped, with the supporting passage marked where it occurs."""
    escaped = html.escape(text)
    for piece in sorted({p.strip() for p in re.split(r"(?<=[.!?])\s+", passage) if len(p.strip()) > 20}, key=len,
                        reverse=True):
        escaped = escaped.replace(html.escape(piece), f"<mark>{html.escape(piece)}</mark>")
    return escaped


def source_card(c: Citation, turn: int, label: str | None = None) -> str:
    p = c.paper
    facts = ", ".join(x for x in [", ".join(p.authors[:4]) + (" et al." if len(p.authors) > 4 else ""),
                                  p.venue, str(p.year) if p.year else None] if x)
    meta = [html.escape(facts)] if facts else []
    if c.section:
        meta.append(f"slide “{html.escape(c.section)}”")
    meta.append(html.escape("; ".join(str(s) for s in p.sources)))
    full = c.passage if p.kind == "lecture" else p.abstract
    return (f'<details class="card" id="src-{turn}-{c.n}"><summary><b>{label or f"[{c.n}]"}</b> '
            f'{html.escape(p.title)}<br><span class="meta">{" · ".join(meta)}</span>'
            f'<br><span class="passage">“{html.escape(c.passage[:400])}{"…" if len(c.passage) > 400 else ""}”</span>'
            f'</summary><p>{_highlight(full, c.passage)}</p></details>')


def _linked(text: str, turn: int) -> str:
    return re.sub(r"\[(\d+)\]", lambda m: f'<a class="cite" href="#src-{turn}-{m.group(1)}">[{m.group(1)}]</a>', text)


def render_answer(answer: Answer, turn: int) -> str:
    mode = (f"LLM · {answer.model} · citations verified" if answer.mode == "llm"
            else "extractive · quoted from the abstracts or read from the records, no LLM")
    parts = [_linked(answer.text, turn), "", f'<span class="badge">{html.escape(mode)}</span>']
    if answer.notice:
        parts.append(f"\n> Notice: {answer.notice}")
    if answer.citations:
        parts.append("\n**Sources**\n\n" + "".join(source_card(c, turn) for c in answer.citations))
    if answer.nearest:
        cards = "".join(source_card(c, turn, "nearest") for c in answer.nearest)
        parts.append(f'\n**Nearest papers (they do not answer the question)**\n\n<div class="nearest">{cards}</div>')
    if answer.dropped_citations or answer.unsupported:
        items = [f"<li>[{d.n}] {html.escape(d.reason)}: “{html.escape(d.sentence)}”</li>" for d in answer.dropped_citations]
        items += [f"<li>unsupported, removed: “{html.escape(s)}”</li>" for s in answer.unsupported]
        parts.append(f"\n<details><summary>Removed by verification ({len(items)})</summary><ul>{''.join(items)}</ul>"
                     "</details>")
    return "\n".join(parts)
