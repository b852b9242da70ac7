"""Answers: a question in, a short answer out whose every claim cites a retrieved paper.

`answer_stream` yields `Delta` text as it is produced, `Reset` when what was shown must be
discarded (an LLM retry, or a fallback), and one `Final` with the verified `Answer`.

1. Metadata questions (venue, year, author, oral/spotlight) are answered from the records.
2. Otherwise retrieve; if no passage is similar enough to the question, refuse and list the
   nearest papers, labelled as not answering it.
3. LLM mode: sources packed to a token budget, the reply streamed, then verified (cite.py).
   Any failure, a copied-back reply, or nothing supported left: extractive, with a notice.
4. Extractive mode (no LLM configured): extractive.compose.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rag import extractive, metadata, prompting
from rag.answer_models import Answer, Citation
from rag.cite import copied_sources, verify
from rag.corpus.models import Paper
from rag.embed import Embedder
from rag.llm import ChatLLM, LLMError
from rag.search import Filters, Hit, clean_query
from rag.sentences import split_sentences
from rag.settings import AnswerSettings

log = logging.getLogger(__name__)
NOT_COVERED = "NOT COVERED"


@dataclass(frozen=True)
class Delta:
    text: str


@dataclass(frozen=True)
class Reset:
    reason: str


@dataclass(frozen=True)
class Final:
    answer: Answer


Event = Delta | Reset | Final
Searcher = Callable[..., list[Hit]]  # (query, k, filters=...) -> hits
Coverage = Callable[[str, str], float]  # (question, text) -> idf-weighted share of its words in text


def document_text(hit: Hit) -> str:
    return hit.passage if hit.paper.kind == "lecture" else f"{hit.paper.title}. {hit.paper.abstract}"


@dataclass(frozen=True)
class Evidence:
    """How strongly one hit bears on the question: dense similarity and lexical coverage."""

    hit: Hit
    similarity: float
    coverage: float


def assess(question: str, hits: list[Hit], coverage: Coverage) -> list[Evidence]:
    return [Evidence(h, h.similarity or 0.0, coverage(question, document_text(h))) for h in hits]


def covered(evidence: list[Evidence], cfg: AnswerSettings) -> bool:
    """The refusal gate: some passage is similar enough, or holds the question's rare words."""
    return any(e.similarity >= cfg.min_similarity or e.coverage >= cfg.min_coverage for e in evidence)


def relevant(evidence: list[Evidence], cfg: AnswerSettings) -> list[Hit]:
    """Hits close enough to the best one to be worth citing, in retrieval order."""
    best = max((e.similarity for e in evidence), default=0.0)
    floor = max(cfg.min_similarity, best - cfg.margin)
    return [e.hit for e in evidence if e.similarity >= floor or e.coverage >= cfg.min_coverage][: cfg.max_sources]


def refusal(question: str, hits: list[Hit], mode: str, model: str | None, notice: str | None = None) -> Answer:
    nearest = [Citation(n=i + 1, paper=h.paper, passage=h.passage, section=h.section) for i, h in enumerate(hits[:3])]
    text = "The corpus does not cover this question: no indexed paper is close enough to it to answer from."
    if nearest:
        text += " The nearest papers are listed below, but they do not answer it."
    return Answer(question=question, text=text, mode=mode, model=model, refused=True, nearest=nearest, notice=notice)


def _words(text: str) -> Iterator[Delta]:
    for i in range(0, len(text), 24):
        yield Delta(text[i:i + 24])


def extractive_stream(question: str, evidence: list[Evidence], cfg: AnswerSettings, coverage: Coverage,
                      notice: str | None = None) -> Iterator[Event]:
    hits = [e.hit for e in evidence]
    chosen = relevant(evidence, cfg)
    text, citations = extractive.compose(question, chosen, coverage)
    if not citations:
        yield Final(refusal(question, hits, "extractive", None, notice))
        return
    yield from _words(text)
    yield Final(Answer(question=question, text=text, citations=citations, mode="extractive", notice=notice))


def metadata_answer(question: str, query: metadata.MetaQuery, papers: list[Paper], search: Searcher,
                    cfg: AnswerSettings) -> Answer:
    """Papers matching the question's venue/year/author/session filters, listed with citations."""
    matching = [p for p in papers if query.filters.allows(p)]
    if query.topic and matching:
        hits = search(query.topic, len(matching), filters=query.filters)
        if len(matching) > 5:
            hits = [h for h in hits if (h.similarity or 0) >= cfg.min_similarity * 0.75] or hits[:3]
        ordered = [h.paper for h in hits]
        passages = {h.paper.id: h.passage for h in hits}
    else:
        ordered, passages = matching, {}
    if not ordered:
        return Answer(question=question, refused=True, mode="extractive",
                      text=f"The corpus has no {query.description}.")
    lines, citations = [], []
    for n, paper in enumerate(ordered[:25], start=1):
        first = split_sentences(paper.abstract)[:1]
        gist = extractive.third_person(first[0]) if first else ""
        who = ", ".join(paper.authors[:3]) + (" et al." if len(paper.authors) > 3 else "")
        facts = ", ".join(x for x in [who, paper.venue, str(paper.year) if paper.year else None,
                                      paper.meta.get("presentation")] if x)
        lines.append(f"- **{paper.title}** ({facts}) [{n}]")
        citations.append(Citation(n=n, paper=paper, passage=passages.get(paper.id, gist)))
    count = len(ordered)
    description = query.description
    if count == 1:
        for plural, single in (("papers", "paper"), ("orals", "oral"), ("spotlights", "spotlight")):
            description = description.replace(plural, single, 1)
    head = f"The corpus has {count} {description}" + (":" if count <= 25 else "; the first 25:")
    return Answer(question=question, text=head + "\n\n" + "\n".join(lines), citations=citations, mode="extractive")


def llm_stream(question: str, evidence: list[Evidence], cfg: AnswerSettings, coverage: Coverage, llm: ChatLLM,
               embedder: Embedder, context_tokens: int) -> Iterator[Event]:
    hits = [e.hit for e in evidence]
    chosen = relevant(evidence, cfg) or hits[:1]
    packed = prompting.pack_sources(chosen, context_tokens)
    messages = prompting.answer_messages(question, packed)
    sources = {n: body for n, _, body in packed}
    draft, resets = "", []
    try:
        for delta in llm.stream(messages, on_retry=resets.append):
            if resets:
                yield Reset(f"retrying after {resets.pop()}")
                draft = ""
            draft += delta
            yield Delta(delta)
    except LLMError as exc:
        yield Reset(str(exc.kind))
        yield from extractive_stream(question, evidence, cfg, coverage, f"the LLM failed ({exc.kind}); this is the extractive answer")
        return
    if draft.strip().rstrip(".").upper() == NOT_COVERED:
        yield Final(refusal(question, hits, "llm", llm.model))
        return
    if copied_sources(draft, sources):
        yield Reset("copied sources")
        yield from extractive_stream(question, evidence, cfg, coverage,
                                     "the LLM copied its sources back instead of answering; this is the extractive answer")
        return
    checked = verify(draft, sources, embedder)
    if checked.kept_sentences == 0 or not checked.used:
        yield Reset("nothing supported")
        yield from extractive_stream(question, evidence, cfg, coverage,
                                     "no claim in the LLM's answer was supported by its sources; this is the extractive answer")
        return
    by_number = {n: (hit, body) for n, hit, body in packed}
    citations = [Citation(n=i + 1, paper=by_number[n][0].paper, passage=by_number[n][1], section=by_number[n][0].section)
                 for i, n in enumerate(checked.used)]
    notice = None
    if checked.dropped or checked.unsupported:
        notice = (f"verification removed {len(checked.dropped)} citation(s) and {len(checked.unsupported)} "
                  "unsupported sentence(s)")
    yield Reset("verified")
    yield from _words(checked.text)
    yield Final(Answer(question=question, text=checked.text, citations=citations, mode="llm", model=llm.model,
                       dropped_citations=checked.dropped, unsupported=checked.unsupported, notice=notice))


def answer_stream(question: str, *, search: Searcher, coverage: Coverage, papers: list[Paper],
                  cfg: AnswerSettings,
                  embedder: Embedder, llm: ChatLLM | None = None, context_tokens: int = 3000,
                  filters: Filters | None = None) -> Iterator[Event]:
    """The whole answer pipeline as events. `search(query, k, filters=...)` retrieves."""
    notice = None
    if len(question) > cfg.max_question_chars:
        notice = f"the question was cut to its first {cfg.max_question_chars} characters"
        question = question[: cfg.max_question_chars]
    question = clean_query(question)
    query = metadata.parse(question, papers) if filters is None else None
    if query is not None:
        answer = metadata_answer(question, query, papers, search, cfg)
        answer.notice = notice
        yield from _words(answer.text)
        yield Final(answer)
        return
    hits = search(question, cfg.retrieve, filters=filters)
    evidence = assess(question, hits, coverage)
    mode, model = ("llm", llm.model) if llm is not None else ("extractive", None)
    if not covered(evidence, cfg):
        yield Final(refusal(question, hits, mode, model, notice))
        return
    if llm is None:
        yield from extractive_stream(question, evidence, cfg, coverage, notice)
    else:
        yield from llm_stream(question, evidence, cfg, coverage, llm, embedder, context_tokens)
