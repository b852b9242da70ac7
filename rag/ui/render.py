"""Answers, summaries and search results as HTML for the web UI: pure functions, no Gradio.

Everything that comes from a document, a model or the user (titles, authors, abstracts,
quoted sentences, an LLM's reply, notices, the question) is text: it is escaped, and the
characters Markdown would act on are written as entities, so it shows exactly as typed and can
never become markup, a link or a script. The only HTML is what these functions write: the
answer's list, a bold title where the answer names a cited paper, citation links, the source
cards and the "how the question was read" line.
"""

from __future__ import annotations

import re

from rag.answering.models import Answer, Citation
from rag.answering.summarise import Summary
from rag.questions.models import QueryPlan
from rag.text.invisible import visible

# The characters Markdown turns into links, images, emphasis, code, headings and tables. The HTML
# written here is one block (no blank line), which Markdown passes through untouched; writing these
# as entities too keeps text inert wherever it lands. Math ($\ell_\infty$) is typeset from the
# page's text after rendering, where entities are plain characters again.
_MARKDOWN = str.maketrans(
    {
        "[": "&#91;",
        "]": "&#93;",
        "*": "&#42;",
        "_": "&#95;",
        "`": "&#96;",
        "#": "&#35;",
        "|": "&#124;",
        "~": "&#126;",
        "!": "&#33;",
        "(": "&#40;",
        ")": "&#41;",
        "\n": " ",
        "\r": " ",
        # HTML's own, in the same single pass (escaping first would turn the '#' of "&#x27;" into
        # an entity too, and an apostrophe would show as "&#x27;")
        "&": "&amp;",
        "<": "&lt;",
        ">": "&gt;",
        '"': "&quot;",
        "'": "&#39;",
    }
)


def text(value: object) -> str:
    """`value` as text that renders as typed: HTML-escaped, Markdown's characters as entities,
    control and bidi-override characters dropped. Use for everything not written here."""
    return visible(str(value)).translate(_MARKDOWN)


def _highlight(document: str, passage: str) -> str:
    """The document text, rendered as text, with the supporting passage marked where it occurs."""
    shown = text(document)
    for piece in sorted(
        {p.strip() for p in re.split(r"(?<=[.!?])\s+", passage) if len(p.strip()) > 20}, key=len, reverse=True
    ):
        shown = shown.replace(text(piece), f"<mark>{text(piece)}</mark>")
    return shown


def source_card(c: Citation, turn: int, label: str | None = None) -> str:
    p = c.paper
    facts = ", ".join(
        x
        for x in [
            ", ".join(p.authors[:4]) + (" et al." if len(p.authors) > 4 else ""),
            p.venue,
            str(p.year) if p.year else None,
        ]
        if x
    )
    meta = [text(facts)] if facts else []
    if c.sections:
        meta.append(("slide " if len(c.sections) == 1 else "slides ") + ", ".join(f"“{text(t)}”" for t in c.sections))
    meta.append(text("; ".join(str(s) for s in p.sources)))
    full = c.passage if p.kind == "lecture" else p.abstract
    tag = text(label) if label else f"[{c.n}]"
    return (
        f'<details class="card" id="src-{turn}-{c.n}"><summary><b>{tag}</b> '
        f'{text(p.title)}<br><span class="meta">{" · ".join(meta)}</span>'
        f'<br><span class="passage">“{text(c.passage[:400])}{"…" if len(c.passage) > 400 else ""}”</span>'
        f"</summary><p>{_highlight(full, c.passage)}</p></details>"
    )


def answer_body(body: str, citations: list[Citation], turn: int) -> str:
    """An answer's text as HTML: escaped, its "- " lines a list, each cited paper's title bold
    where the answer names it as "**title**", and its [n] linked to source card n."""
    numbers = {c.n for c in citations}
    titles = {text(f"**{c.paper.title}**"): f"<b>{text(c.paper.title)}</b>" for c in citations}
    lines: list[str] = []
    items: list[str] = []

    def flush() -> None:
        if items:
            lines.append("<ul>" + "".join(f"<li>{i}</li>" for i in items) + "</ul>")
            items.clear()

    for line in body.splitlines():
        shown = text(line.strip())
        for marked, bold in titles.items():
            shown = shown.replace(marked, bold)
        shown = re.sub(r"&#91;(\d+)&#93;", lambda m: _cite(m, numbers, turn), shown)
        if line.lstrip().startswith("- "):
            items.append(shown[2:])
        else:
            flush()
            if shown:
                lines.append(f"<p>{shown}</p>")
    flush()
    return "".join(lines)


def _cite(m: re.Match, numbers: set[int], turn: int) -> str:
    n = int(m.group(1))
    return f'<a class="cite" href="#src-{turn}-{n}">[{n}]</a>' if n in numbers else m.group(0)


def draft(body: str) -> str:
    """A streaming draft, not yet verified: plain text, marked as a draft."""
    return f'<p class="draft">{text(body)}</p>'


def plan_line(plan: QueryPlan | None) -> str:
    """The collapsible "how the question was read" line under an answer."""
    if plan is None:
        return ""
    reasons = "".join(f"<li>{text(r)}</li>" for r in plan.reasons)
    return (
        f'<details class="plan"><summary>How the question was read: {text(plan.describe())}</summary>'
        f"<ul>{reasons}</ul></details>"
    )


def bib_link(href: str | None) -> str:
    """The download link for the cited papers as BibTeX (`href` is the app's own file route)."""
    if not href:
        return ""
    return f'<p><a class="bib" download="references.bib" href="{text(href)}">references (.bib)</a></p>'


def render_answer(answer: Answer, turn: int, bib: str | None = None) -> str:
    mode = (
        f"LLM · {answer.model} · citations verified"
        if answer.mode == "llm"
        else "extractive · quoted from the abstracts or read from the records, no LLM"
    )
    parts = [answer_body(answer.text, answer.citations, turn), f'<span class="badge">{text(mode)}</span>']
    if answer.notice:
        parts.append(f'<p class="notice">Notice: {text(answer.notice)}</p>')
    parts.append(plan_line(answer.plan))
    if answer.citations:
        parts.append("<p><b>Sources</b></p>" + "".join(source_card(c, turn) for c in answer.citations))
        parts.append(bib_link(bib))
    if answer.nearest:
        cards = "".join(source_card(c, turn, "nearest") for c in answer.nearest)
        parts.append(
            f'<p><b>Nearest papers (they do not answer the question)</b></p><div class="nearest">{cards}</div>'
        )
    if answer.dropped_citations or answer.unsupported:
        items = [
            f"<li>[{d.n}] {text(d.detail or d.reason)}: “{text(d.sentence)}”</li>" for d in answer.dropped_citations
        ]
        items += [f"<li>unsupported, removed: “{text(s)}”</li>" for s in answer.unsupported]
        parts.append(
            f"<details><summary>Removed by verification ({len(items)})</summary><ul>{''.join(items)}</ul></details>"
        )
    return "".join(parts)


def render_summary(summary: Summary, bib: str | None = None) -> str:
    if summary.refused:
        return f"<p>{text(summary.overview)}</p>"
    body = [f"<h3>{text(summary.topic)}</h3>", answer_body(summary.overview, summary.citations, 0)]
    for theme in summary.themes:
        body += [f"<h4>{text(theme.title)}</h4>", answer_body(theme.text, summary.citations, 0)]
    body.append(
        "<h4>Papers</h4><ul>"
        + "".join(f"<li><b>[{t.n}] {text(t.paper.title)}</b>: {text(t.takeaway)}</li>" for t in summary.papers)
        + "</ul>"
    )
    body.append("".join(source_card(c, 0) for c in summary.citations))
    body.append(bib_link(bib))
    mode = "LLM overview, verified" if summary.mode == "llm" else "extractive"
    body.append(f'<span class="badge">{mode}</span>')
    if summary.notice:
        body.append(f'<p class="notice">Notice: {text(summary.notice)}</p>')
    return "".join(body)


def user_message(message: str) -> str:
    """The user's question as it appears in the chat: text, never markup."""
    return text(message)


__all__ = [
    "answer_body",
    "bib_link",
    "draft",
    "plan_line",
    "render_answer",
    "render_summary",
    "source_card",
    "text",
    "user_message",
]
