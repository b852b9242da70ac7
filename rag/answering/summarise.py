"""Topic summaries: every paper in the corpus on a topic, grouped into themes, each with a
one-line takeaway, under a short overview. All text is cited.

Finding *all* the papers, not the top five: candidates come from hybrid search; a candidate is
on the topic when the topic's words stand close together in it (a phrase, give or take a few
words), or loosely together and it is semantically close to the best match. Topics that never
occur as a phrase fall back to semantic closeness. Themes are by kind of contribution (methods,
analysis, evaluation, ...), read off each takeaway's wording. With an LLM configured, the LLM
writes the overview from the takeaways and its citations are verified; otherwise, and on any
failure, the overview is composed from the takeaways.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable

from pydantic import BaseModel, Field

from rag.answering.evidence import Coverage, Lexical, Semantic, Span, answers, assess, gate_signals, on_topic
from rag.answering.extractive import best_sentences, third_person
from rag.answering.models import Citation, Mode
from rag.answering.verify import verify
from rag.corpus.models import Paper
from rag.embedding.base import Embedder
from rag.llm.client import ChatLLM, LLMError, Message
from rag.llm.prompts import neutralise, read_prompt
from rag.retrieval.types import Hit
from rag.settings import AnswerSettings

log = logging.getLogger(__name__)

_THEMES = [  # (theme title, cue pattern on the takeaway), first match wins
    (
        "Analyses and explanations",
        re.compile(
            r"\b(theor|analy[sz]|explain|explanation|prove|proof|understand|"
            r"characteri[sz]|evidence|identif)\w*",
            re.I,
        ),
    ),
    ("Methods proposed", re.compile(r"\b(propos|introduc|present|develop|design|devis|strateg|algorithm)\w*", re.I)),
    ("Evaluations and benchmarks", re.compile(r"\b(benchmark|evaluat|empirical|experiment|dataset|measur)\w*", re.I)),
]


class Takeaway(BaseModel):
    n: int  # citation number
    paper: Paper
    takeaway: str


class Theme(BaseModel):
    title: str
    text: str  # a few sentences with [n] citations
    papers: list[int]  # citation numbers


class Summary(BaseModel):
    topic: str
    overview: str
    themes: list[Theme] = Field(default_factory=list)
    papers: list[Takeaway] = Field(default_factory=list)
    citations: list[Citation] = Field(default_factory=list)
    mode: Mode = "extractive"
    model: str | None = None
    refused: bool = False
    notice: str | None = None

    def to_json(self) -> dict:
        return {
            "topic": self.topic,
            "overview": self.overview,
            "refused": self.refused,
            "mode": self.mode,
            "model": self.model,
            "notice": self.notice,
            "themes": [t.model_dump() for t in self.themes],
            "papers": [
                {"n": t.n, "id": t.paper.id, "title": t.paper.title, "takeaway": t.takeaway} for t in self.papers
            ],
            "citations": [c.reference() for c in self.citations],
        }

    def to_markdown(self) -> str:
        lines = [f"# {self.topic}", "", self.overview, ""]
        for theme in self.themes:
            lines += [f"## {theme.title}", "", theme.text, ""]
        if self.papers:
            lines += ["## Papers", ""]
            for t in self.papers:
                p = t.paper
                where = ", ".join(str(x) for x in (p.venue, p.year) if x)
                lines.append(f"[{t.n}] **{p.title}**" + (f" ({where})" if where else "") + f": {t.takeaway}")
            lines.append("")
        mode = f"LLM ({self.model}) overview, verified" if self.mode == "llm" else "extractive (no LLM used)"
        lines.append(f"Mode: {mode}." + (f" Notice: {self.notice}" if self.notice else ""))
        return "\n".join(lines)


def theme_of(takeaway: str, paper: Paper) -> str:
    if paper.kind == "lecture":
        return "Teaching material"
    return next((title for title, cue in _THEMES if cue.search(takeaway)), "Other findings")


def summarise(
    topic: str,
    *,
    search: Callable[..., list[Hit]],
    coverage: Coverage,
    span: Span,
    cfg: AnswerSettings,
    embedder: Embedder,
    llm: ChatLLM | None = None,
    lexical: Lexical | None = None,
    semantic: Semantic | None = None,
) -> Summary:
    """A structured, cited summary of what the corpus holds on `topic`; refused, like a question,
    when the refusal gate finds no passage answering it."""
    topic = " ".join(topic.split())
    hits = search(topic, cfg.summary_papers, topic=topic)
    evidence = assess(topic, hits, coverage)
    covered = bool(evidence) and answers(gate_signals(topic, evidence, cfg, lexical, semantic), cfg)
    chosen = on_topic(topic, evidence, span, cfg, semantic) if covered else []
    if not chosen:
        return Summary(topic=topic, refused=True, overview=f"The corpus has no papers on {topic}.")
    takeaways, citations = [], []
    context: dict[int, str] = {}  # citation number -> the sentence that ties the paper to the topic
    for n, hit in enumerate(chosen, start=1):
        what = best_sentences(
            topic, hit, coverage, 1, cfg.extractive, contribution=cfg.extractive.summary_contribution_bonus
        ) or [hit.passage[:300]]
        why = best_sentences(topic, hit, coverage, 1, cfg.extractive) or what
        takeaways.append(Takeaway(n=n, paper=hit.paper, takeaway=third_person(what[0])))
        context[n] = third_person(why[0]) if why[0] != what[0] else ""
        passage = " ".join(dict.fromkeys([why[0], what[0]]))
        citations.append(Citation(n=n, paper=hit.paper, passage=passage, section=hit.section))
    themes = _themes(takeaways, context)
    overview = _overview(topic, takeaways, themes)
    summary = Summary(topic=topic, overview=overview, themes=themes, papers=takeaways, citations=citations)
    if llm is not None:
        _llm_overview(summary, llm, embedder, cfg)
    return summary


def _themes(takeaways: list[Takeaway], context: dict[int, str]) -> list[Theme]:
    groups: dict[str, list[Takeaway]] = {}
    for t in takeaways:
        groups.setdefault(theme_of(t.takeaway, t.paper), []).append(t)
    order = [title for title, _ in _THEMES] + ["Other findings", "Teaching material"]
    themes = []
    for title in order:
        members = groups.get(title, [])
        if not members:
            continue
        text = " ".join(_cite(" ".join(x for x in (context.get(t.n), t.takeaway) if x), t.n) for t in members)
        themes.append(Theme(title=title, text=text, papers=[t.n for t in members]))
    return themes


def _overview(topic: str, takeaways: list[Takeaway], themes: list[Theme]) -> str:
    count = len([t for t in takeaways if t.paper.kind == "paper"])
    parts = [f"{theme.title.lower()} ({len(theme.papers)})" for theme in themes]
    lead = f"The corpus has {count} paper{'s' if count != 1 else ''} on {topic}"
    if any(t.paper.kind == "lecture" for t in takeaways):
        lead += " and a lecture that covers it"
    first = takeaways[0]
    return f"{lead}, grouped below as {', '.join(parts)}. The closest match is {first.paper.title} [{first.n}]."


def _cite(sentence: str, n: int) -> str:
    match = re.search(r"([.!?]+)$", sentence)
    return (sentence[: match.start()] + f" [{n}]" + match.group(1)) if match else f"{sentence} [{n}]"


def _llm_overview(summary: Summary, llm: ChatLLM, embedder: Embedder, cfg: AnswerSettings) -> None:
    """Replace the composed overview with a verified LLM one; keep it on any failure."""
    sources = {t.n: f"{t.paper.title}: {t.takeaway}" for t in summary.papers}
    body = "\n\n".join(f'<source n="{n}">\n{neutralise(text)}\n</source>' for n, text in sources.items())
    user = read_prompt("summary_user").replace("{topic}", neutralise(summary.topic)).replace("{sources}", body)
    try:
        draft = "".join(llm.stream([Message("system", read_prompt("summary_system")), Message("user", user)]))
    except LLMError as exc:
        summary.notice = f"the LLM failed ({exc.kind}); the overview is composed from the takeaways"
        return
    checked = verify(draft, sources, embedder, cfg.support)
    if checked.kept_sentences == 0 or not checked.used:
        summary.notice = "no sentence of the LLM's overview was supported; the overview is composed from the takeaways"
        return
    # verify() renumbers citations 1..m in order of use; map them back to the summary's numbers
    text = re.sub(r"\[(\d+)\]", lambda m: f"[{checked.used[int(m.group(1)) - 1]}]", checked.text)
    summary.overview, summary.mode, summary.model = text, "llm", llm.model
    if checked.dropped or checked.unsupported:
        summary.notice = (
            f"verification removed {len(checked.dropped)} citation(s) and "
            f"{len(checked.unsupported)} unsupported sentence(s) from the overview"
        )
