"""Answers: a question in, a short answer out whose every claim cites a retrieved paper.

`answer_stream` yields `Delta` text as it is produced, `Reset` when what was shown must be
discarded (an LLM retry, or a fallback), and one `Final` with the verified `Answer`.

1. Metadata questions (venue, year, author, oral/spotlight) are answered from the records, and
   so is who wrote the papers on a topic ("who wrote the paper on group normalization?"). A
   year no paper is recorded in is left out of the question, with a notice saying so; "how many
   papers are in the corpus?" is counted from the records, and "summarise the lecture" lists
   its slides.
2. Otherwise retrieve; if no passage is similar enough to the question, refuse and list the
   nearest papers, labelled as not answering it; unless it compares two things each named by
   one of two passages ("how does Lion differ from AdamW?"), which are then the ones cited.
3. LLM mode: sources packed to a token budget, the reply streamed, then verified (cite.py).
   Any failure, a copied-back reply, or nothing supported left: extractive, with a notice.
4. Extractive mode (no LLM configured): extractive.compose.
5. Either way, a name the question asks about ("ResNet-50 on ImageNet-C") that no cited source
   mentions is said so in a notice: the quotes are the nearest passages, not an answer about it.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from rag.answering import prompting
from rag.answering import extractive
from rag.questions import metadata
from rag.answering.models import Answer, Citation
from rag.index.catalogue import Catalogue
from rag.answering.verify import copied_sources, verify
from rag.embedding.base import Embedder
from rag.llm.client import ChatLLM, LLMError
from rag.retrieval.types import Filters, Hit, clean_query
from rag.answering.evidence import Coverage, Evidence, Span, assess, complementary, covered, on_topic, relevant, unmentioned
from rag.text.sentences import COMPARISON_WORDS, names_in, split_sentences, topic_of
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
Chooser = Callable[[list[Evidence]], list[Hit]]  # which of the evidence the answer cites


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
                      notice: str | None = None, choose: Chooser | None = None) -> Iterator[Event]:
    hits = [e.hit for e in evidence]
    chosen = (choose or (lambda ev: relevant(ev, cfg)))(evidence)
    text, citations = extractive.compose(question, chosen, coverage, per_paper=1 if len(chosen) > 5 else 2)
    if not citations:
        yield Final(refusal(question, hits, "extractive", None, notice))
        return
    yield from _words(text)
    yield Final(Answer(question=question, text=text, citations=citations, mode="extractive", notice=notice))


def metadata_answer(question: str, query: metadata.MetaQuery, catalogue: Catalogue, search: Searcher,
                    cfg: AnswerSettings) -> Answer:
    """Papers matching the question's venue/year/author/session filters, listed with citations."""
    matching = [c.id for c in catalogue.cards.values() if query.filters.allows(c)]
    if query.topic and matching:
        hits = search(query.topic, len(matching), filters=query.filters)
        if len(matching) > 5:
            hits = [h for h in hits if (h.similarity or 0) >= cfg.min_similarity * 0.75] or hits[:3]
        ordered = [h.paper.id for h in hits]
        passages = {h.paper.id: h.passage for h in hits}
    else:
        ordered, passages = matching, {}
    if not ordered:
        return Answer(question=question, refused=True, mode="extractive",
                      text=f"The corpus has no {query.description}.")
    lines, citations = [], []
    listed = [p for p in map(catalogue.paper, ordered[:25]) if p is not None]
    for n, paper in enumerate(listed, start=1):
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


def authorship_answer(question: str, topic: str, search: Searcher, coverage: Coverage, cfg: AnswerSettings) -> Answer:
    """Who wrote the papers retrieval finds for `topic`, from their records (at most three: the
    ones close to the best), or a refusal when no paper is close enough to the topic."""
    hits = search(topic, cfg.retrieve)
    evidence = assess(topic, hits, coverage)
    if not covered(evidence, cfg):
        return refusal(question, hits, "extractive", None)
    lines, citations = [], []
    # "the paper on X": its best match only
    one = re.search(r"\bthe\s+(paper|article|work|study)\b", question, re.IGNORECASE)
    for n, hit in enumerate(relevant(evidence, cfg)[:1 if one else 3], start=1):
        paper = hit.paper
        where = ", ".join(x for x in [paper.venue, str(paper.year) if paper.year else None] if x)
        title = f"**{paper.title}**" + (f" ({where})" if where else "")
        who = (f"is by {_names(paper.authors)}" if paper.authors else
               "is in the corpus without its authors")
        lines.append(f"- {title} {who} [{n}].")
        citations.append(Citation(n=n, paper=paper, passage=hit.passage, section=hit.section))
    head = "From the paper records:" if len(lines) == 1 else "From the records of the closest papers:"
    return Answer(question=question, text=head + "\n\n" + "\n".join(lines), citations=citations,
                  mode="extractive", retrieved_ids=[h.paper.id for h in hits])


def lecture_overview(question: str, catalogue: Catalogue, limit: int = 30) -> Answer:
    """Each lecture of the corpus with its slide titles in order (repeats folded), cited."""
    lines, citations = [], []
    for card in [c for c in catalogue.cards.values() if c.kind == "lecture"]:
        lecture = catalogue.paper(card.id)
        if lecture is None:
            continue
        titles = list(dict.fromkeys(s.title for s in lecture.sections[1:] if s.title))  # slide 1: the cover
        n = len(citations) + 1
        facts = ", ".join(x for x in [", ".join(lecture.authors), str(lecture.year) if lecture.year else None] if x)
        shown = "; ".join(titles[:limit]) + (f"; and {len(titles) - limit} more" if len(titles) > limit else "")
        lines.append(f"- **{lecture.title}**" + (f" ({facts})" if facts else "") +
                     f", {len(lecture.sections)} slides, in this order: {shown} [{n}].")
        first = next((s for s in lecture.sections[1:] if s.text), None)
        citations.append(Citation(n=n, paper=lecture, passage=first.text if first else lecture.abstract[:400],
                                  section=first.title if first else None))
    if not citations:
        return Answer(question=question, refused=True, mode="extractive", text="The corpus has no lecture.")
    head = "The corpus has one lecture:" if len(citations) == 1 else f"The corpus has {len(citations)} lectures:"
    return Answer(question=question, text=head + "\n\n" + "\n".join(lines), citations=citations, mode="extractive",
                  retrieved_ids=[c.paper.id for c in citations])


def _names(authors: list[str]) -> str:
    return authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1]


def llm_stream(question: str, evidence: list[Evidence], cfg: AnswerSettings, coverage: Coverage, llm: ChatLLM,
               embedder: Embedder, context_tokens: int, choose: Chooser | None = None) -> Iterator[Event]:
    hits = [e.hit for e in evidence]
    chosen = (choose or (lambda ev: relevant(ev, cfg)))(evidence) or hits[:1]
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
        yield from extractive_stream(question, evidence, cfg, coverage,
                                     f"the LLM failed ({exc.kind}); this is the extractive answer", choose)
        return
    if draft.strip().rstrip(".").upper() == NOT_COVERED:
        yield Final(refusal(question, hits, "llm", llm.model))
        return
    if copied_sources(draft, sources):
        yield Reset("copied sources")
        yield from extractive_stream(question, evidence, cfg, coverage,
                                     "the LLM copied its sources back instead of answering; this is the extractive answer", choose)
        return
    checked = verify(draft, sources, embedder)
    if checked.kept_sentences == 0 or not checked.used:
        yield Reset("nothing supported")
        yield from extractive_stream(question, evidence, cfg, coverage,
                                     "no claim in the LLM's answer was supported by its sources; this is the extractive answer", choose)
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


def answer_stream(question: str, *, search: Searcher, coverage: Coverage, span: Span, catalogue: Catalogue,
                  cfg: AnswerSettings,
                  embedder: Embedder, llm: ChatLLM | None = None, context_tokens: int = 3000,
                  filters: Filters | None = None) -> Iterator[Event]:
    """The whole answer pipeline as events. `search(query, k, filters=...)` retrieves."""
    notice = None
    if len(question) > cfg.max_question_chars:
        notice = f"the question was cut to its first {cfg.max_question_chars} characters"
        question = question[: cfg.max_question_chars]
    question = asked = clean_query(question)
    if filters is None:
        question, notice = _without_absent_year(question, catalogue, notice)
        answer = _from_records(question, catalogue, search, coverage, cfg)
        if answer is not None:
            answer.question, answer.notice = asked, notice
            yield from _words(answer.text)
            yield Final(answer)
            return
    survey = is_survey(question)
    hits = search(question, cfg.summary_papers if survey else cfg.retrieve, filters=filters)
    ids = [h.paper.id for h in hits]
    chooser = (lambda ev: on_topic(topic_of(question), ev, span, cfg)[: cfg.max_survey_sources]) if survey else None
    scoped = filters is not None and filters.paper is not None
    for event in _answer_hits(question, hits, coverage, cfg, embedder, llm, context_tokens, notice, chooser, scoped):
        if isinstance(event, Final):
            event.answer.retrieved_ids = ids
            event.answer.question = asked
            _flag_unmentioned(event.answer, question, hits, span)
        yield event


def _flag_unmentioned(answer: Answer, question: str, hits: list[Hit], span: Span) -> None:
    """A notice when the question names something ("ResNet-50 on ImageNet-C") that no cited
    source mentions: the quotes are then the nearest the corpus has, not an answer about it."""
    if answer.refused or not answer.citations:
        return
    cited = {c.paper.id for c in answer.citations}
    missing = unmentioned(names_in(question), [h for h in hits if h.paper.id in cited], span)
    if missing:
        said = (f"no cited source mentions {' or '.join(missing)}: these are the nearest passages "
                "the corpus has, not an answer about it")
        answer.notice = _with_notice(answer.notice, said)


def _without_absent_year(question: str, catalogue: Catalogue, notice: str | None) -> tuple[str, str | None]:
    """The question without a year no paper is recorded in ("papers from 2023 about ..."), and a
    notice saying the year was left out; the question as it is when it names no such year."""
    absent = metadata.absent_year(question, metadata.names_of(catalogue))
    if absent is None:
        return question, notice
    year, rest = absent
    cards = catalogue.cards.values()
    undated = sum(1 for c in cards if c.year is None)
    said = (f"no paper in the corpus is recorded as from {year}"
            + (f" ({undated} of its {len(cards)} papers have no year on record)" if undated else "")
            + ", so the year was left out of this answer")
    return rest, _with_notice(notice, said)


def _with_notice(notice: str | None, said: str) -> str:
    """`said` added to what an answer already notices."""
    return f"{notice}; {said}" if notice else said


def _from_records(question: str, catalogue: Catalogue, search: Searcher, coverage: Coverage,
                  cfg: AnswerSettings) -> Answer | None:
    """An answer the paper records give (venue, year or author lists, the lecture's outline, the
    corpus's size, who wrote the papers on a topic), or None for a question about content."""
    query = metadata.parse(question, metadata.names_of(catalogue))
    if query is not None:
        answer = metadata_answer(question, query, catalogue, search, cfg)
        answer.retrieved_ids = [c.paper.id for c in answer.citations]
        return answer
    if metadata.asks_lecture_overview(question):
        return lecture_overview(question, catalogue)
    if metadata.asks_corpus_size(question):  # counted from the cards: nothing to cite
        return Answer(question=question, text=metadata.corpus_size(catalogue.cards.values()), mode="extractive")
    topic = metadata.authorship_topic(question)
    return authorship_answer(question, topic, search, coverage, cfg) if topic is not None else None


def _answer_hits(question: str, hits: list[Hit], coverage: Coverage, cfg: AnswerSettings, embedder: Embedder,
                 llm: ChatLLM | None, context_tokens: int, notice: str | None, chooser: Chooser | None,
                 scoped: bool = False) -> Iterator[Event]:
    evidence = assess(question, hits, coverage)
    mode, model = ("llm", llm.model) if llm is not None else ("extractive", None)
    if scoped:  # the user chose the document: answer from it, whatever retrieval would have judged
        chooser = lambda ev: [e.hit for e in ev[:1]]  # noqa: E731
    elif not covered(evidence[: cfg.retrieve], cfg):
        pair = complementary(question, evidence[: cfg.retrieve], coverage, cfg) if is_comparison(question) else []
        if not pair:
            yield Final(refusal(question, hits, mode, model, notice))
            return
        chooser = lambda ev: [e.hit for e in pair]  # noqa: E731
    choose = chooser or (lambda ev: relevant(ev, cfg))
    if llm is None:
        yield from extractive_stream(question, evidence, cfg, coverage, notice, choose)
    else:
        yield from llm_stream(question, evidence, cfg, coverage, llm, embedder, context_tokens, choose)


_SURVEY = re.compile(
    r"^\s*(what|which)\s+(has|have)\s+been\s+(proposed|done|studied|shown|suggested)"
    r"|^\s*(what|which)\s+(methods|approaches|techniques|papers|works?|solutions|ideas)\b"
    r"|^\s*(methods|approaches|techniques|work|papers)\s+(for|to|on|about)\b"
    r"|^\s*how\s+many\s+(papers|works|articles|studies)\b"
    r"|\b(survey|overview|literature|all (the )?papers)\b"
    r"|^\s*how\s+(can|could)\b.*\bbe\s+(reduced|improved|mitigated|addressed|avoided|prevented)\b",
    re.IGNORECASE)
_DIFFERENT_FROM = re.compile(r"\bdifferent\s+(from|than)\b", re.IGNORECASE)


def is_comparison(question: str) -> bool:
    """A question setting two things side by side ("how does X differ from Y?", "X vs Y")."""
    return bool(COMPARISON_WORDS & set(re.findall(r"[a-z]+", question.lower())) or _DIFFERENT_FROM.search(question))


def is_survey(question: str) -> bool:
    """A question asking for the body of work on a topic rather than one fact."""
    return bool(_SURVEY.search(question))


