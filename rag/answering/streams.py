"""The two ways an answer is written from the chosen evidence.

- extractive_stream: quoted from the abstracts, each paper's best sentences cited.
- llm_stream: drafted by the LLM from the packed sources and verified sentence by sentence as
  it streams (rag.answering.verify). Only verified text is ever shown, so nothing shown is taken
  back in the normal course. Shown text is held back until the draft is long enough to tell a
  reply that copies its sources back, and, for a question asking which paper, until it names one.
  Afterwards:
  - NOT COVERED, although retrieval judged the question covered: the extractive answer, with a
    notice (the gate, fitted on labelled questions, outranks a small model's refusal);
  - a copied-back reply, nothing supported, or no paper named where one was asked for: the
    extractive answer, with a notice;
  - otherwise the verified sentences, and for each chosen paper the model failed on (cited
    nowhere in what survived), its sentences quoted from the abstract, so that a partly good
    reply is kept and the answer cites no fewer papers than the extractive one would.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator

from rag.answering import extractive, prompting, records
from rag.answering.events import Chooser, Delta, Event, Final, Reset, Tools
from rag.answering.evidence import Evidence, relevant
from rag.answering.models import Answer, Citation
from rag.answering.verify import Verifier, copied_sources, units
from rag.corpus.models import Paper
from rag.llm.client import LLMError
from rag.questions.models import QueryPlan
from rag.retrieval.types import Hit
from rag.text.folding import fold

log = logging.getLogger(__name__)
NOT_COVERED = "NOT COVERED"
FILL_IN_LEAD = "\n\nFrom the abstracts of the other papers found:\n\n"  # what follows is quoted, not the model's


def words(text: str) -> Iterator[Delta]:
    for i in range(0, len(text), 24):
        yield Delta(text[i : i + 24])


def extractive_stream(
    plan: QueryPlan, evidence: list[Evidence], tools: Tools, notice: str | None = None, choose: Chooser | None = None
) -> Iterator[Event]:
    cfg = tools.cfg
    hits = [e.hit for e in evidence]
    chosen = (choose or (lambda ev: relevant(ev, cfg)))(evidence)
    text, citations = _quoted(plan, chosen, tools)
    if not citations:
        yield Final(records.refusal(plan, hits, "extractive", None))
        return
    yield from words(text)
    yield Final(
        Answer(
            question=plan.question,
            text=text,
            citations=citations,
            mode="extractive",
            notice=notice,
            retrieved_ids=[h.paper.id for h in chosen],
        )
    )


def _quoted(plan: QueryPlan, chosen: list[Hit], tools: Tools) -> tuple[str, list[Citation]]:
    """The extractive answer's text and citations over the chosen papers (none when no sentence
    of theirs bears on the question)."""
    cfg = tools.cfg
    # a fact asked, or slides (terse bullets: "Classification: ...", "Regression: ..."), quote more sentences
    lecture = bool(chosen) and all(h.paper.kind == "lecture" for h in chosen)
    per_paper = cfg.detail_sentences if plan.intent in ("detail", "compare") or lecture else 2
    return extractive.compose(
        plan.focus,
        chosen,
        tools.coverage,
        per_paper=1 if len(chosen) > cfg.two_sentence_papers else per_paper,
        cfg=cfg.extractive,
        contribution=plan.intent in ("lookup", "compare"),
        each=plan.intent == "compare" and _subjects_only(plan, chosen),
        figures=plan.asked_figures,
        asked=plan.asked_focus,
    )


def _subjects_only(plan: QueryPlan, chosen: list[Hit]) -> bool:
    """Whether the chosen papers are two or more of those the plan's comparison names by title or
    name ("How does AdaFace differ from Partial FC?"), not papers retrieval chose for its words (a
    description is resolved by retrieval too)."""
    named = {s.paper_id for s in plan.subjects if s.paper_id and s.how != "description"}
    return len(chosen) >= 2 and all(h.paper.id in named for h in chosen)


def _phrase(text: str) -> str:
    return " ".join(re.findall(r"\w+", fold(text).lower()))


def names_a_paper(text: str, papers: list[Paper], words: int) -> bool:
    """Whether `text` names one of `papers`: by its title, the title's first `words` words, or
    its short name (the part of the title before a colon, as in "SSD: Single Shot ..."). A
    description of what the paper does is not its name."""
    said = f" {_phrase(text)} "
    for paper in papers:
        title = _phrase(paper.title).split()
        head, colon, _ = paper.title.partition(":")
        names = [" ".join(title[:words])]
        if colon and len(head.split()) <= 4:
            names.append(_phrase(head))
        if any(name and f" {name} " in said for name in names):
            return True
    return False


def llm_stream(
    plan: QueryPlan, evidence: list[Evidence], tools: Tools, choose: Chooser | None = None
) -> Iterator[Event]:
    cfg, llm, llm_cfg = tools.cfg, tools.llm, tools.llm_cfg
    assert llm is not None
    started = time.perf_counter()
    chosen = (choose or (lambda ev: relevant(ev, cfg)))(evidence)
    if not _quoted(plan, chosen, tools)[1]:
        # no chosen paper, or none with a sentence on the question: the extractive answer refuses,
        # and the model is not asked (it would answer what the quoted answer cannot stand behind)
        yield from extractive_stream(plan, evidence, tools, None, choose)
        return
    packed = prompting.pack_sources(chosen, llm_cfg)
    messages = prompting.answer_messages(plan.question, packed, plan.intent, llm_cfg.prompts)
    sources = {n: prompting.verification_text(hit.paper.title, body, hit.paper.year) for n, hit, body in packed}
    by_number = {n: (hit, body) for n, hit, body in packed}
    wants_paper = plan.intent == "lookup"

    def new_verifier() -> Verifier:
        return Verifier(sources, tools.embedder, cfg.support, question=plan.question)

    def cited_papers(verifier: Verifier) -> list[Paper]:
        return [by_number[n][0].paper for n in verifier.result.used]

    def held(draft: str, verifier: Verifier, finished: bool) -> str | None:
        """Why the verified text may not be shown yet, or None."""
        if wants_paper and not names_a_paper(verifier.text, cited_papers(verifier), llm_cfg.named_title_words):
            return "no paper named"
        if finished:
            return None
        if len(draft.split()) < llm_cfg.release_words:
            return "too short"
        return "copied" if copied_sources(draft, sources, cfg.support.copied_share) else None

    def fall_back(shown: str, reason: str, notice: str) -> Iterator[Event]:
        if shown:
            yield Reset(reason)
        yield from extractive_stream(plan, evidence, tools, notice, choose)

    verifier, draft, done, shown, resets = new_verifier(), "", 0, "", list[str]()
    judged, why = 0, None  # how much verified text was last judged for release, and why it was held
    first_shown: float | None = None
    try:
        for delta in llm.stream(messages, on_retry=resets.append):
            if resets:
                reason = resets.pop()
                if shown:
                    yield Reset(f"retrying after {reason}")
                verifier, draft, done, shown, judged, why = new_verifier(), "", 0, "", 0, None
            draft += delta
            pending = units(draft)
            for prefix, sentence in pending[done : len(pending) - 1]:  # the last may be incomplete
                verifier.add(prefix, sentence)
            done = max(done, len(pending) - 1)
            # judged again when a sentence was newly verified, or at each delta while the draft is too short; held
            # for naming no paper, only a new sentence can change that; held as copied, the share is read again at
            # the next verified sentence (or the reply's end), not at every delta (it reads the whole draft)
            if len(verifier.text) > len(shown):
                if len(verifier.text) > judged or why == "too short":
                    judged, why = len(verifier.text), held(draft, verifier, finished=False)
                if why is None:
                    new, shown = verifier.text[len(shown) :], verifier.text
                    first_shown = first_shown or time.perf_counter()
                    yield Delta(new)
    except LLMError as exc:
        yield from fall_back(shown, str(exc.kind), f"the LLM failed ({exc.kind}); this is the extractive answer")
        return
    for prefix, sentence in units(draft)[done:]:
        if re.search(r"[.!?:;\])\"”']\s*$", sentence):  # an unfinished last sentence (a reply cut off) is dropped
            verifier.add(prefix, sentence)
    checked = verifier.finish()
    if draft.strip().rstrip(".").upper() == NOT_COVERED:
        yield from fall_back(
            shown,
            "not covered",
            "the LLM replied that its sources do not cover the question, but retrieval found passages "
            "that do; this is the extractive answer",
        )
        return
    if copied_sources(draft, sources, cfg.support.copied_share):
        yield from fall_back(
            shown,
            "copied sources",
            "the LLM copied its sources back instead of answering; this is the extractive answer",
        )
        return
    if checked.kept_sentences == 0 or not checked.used:
        yield from fall_back(
            shown,
            "nothing supported",
            "no claim in the LLM's answer was supported by its sources; this is the extractive answer",
        )
        return
    if held(draft, verifier, finished=True):  # a question asking which paper, answered without naming one
        yield from fall_back(shown, "no paper named", "the LLM's answer named no paper; this is the extractive answer")
        return
    if not checked.text.startswith(shown):  # cannot happen: shown text is a prefix of the kept text
        log.error("verified stream diverged from the final text")
        yield Reset("verified")
        shown = ""
    citations = [
        Citation(
            n=i + 1,
            paper=by_number[n][0].paper,
            passage=by_number[n][1],
            section=by_number[n][0].section,
            more_sections=prompting.shown_slides(by_number[n][0], by_number[n][1]),
        )
        for i, n in enumerate(checked.used)
    ]
    text, filled, notices = checked.text, 0, []
    if checked.dropped or checked.unsupported:
        notices.append(
            f"verification removed {len(checked.dropped)} citation(s) and {len(checked.unsupported)} "
            "unsupported sentence(s)"
        )
    cited_ids = {c.paper.id for c in citations}
    missed = [hit for _, hit, _ in packed if hit.paper.id not in cited_ids]
    if missed and llm_cfg.fill_in:
        body, more = extractive.compose(
            plan.focus,
            missed,
            tools.coverage,
            per_paper=1,
            cfg=cfg.extractive,
            contribution=plan.intent in ("lookup", "compare"),
            first=len(citations) + 1,
            with_lead=False,
            figures=plan.asked_figures,
            asked=plan.asked_focus,
        )
        if more:
            text += FILL_IN_LEAD + body
            citations += more
            filled = len(more)
            notices.append(f"{filled} paper(s) the LLM's answer did not cover are quoted from their abstracts")
    if len(text) > len(shown):
        first_shown = first_shown or time.perf_counter()
        yield Delta(text[len(shown) :])
    yield Final(
        Answer(
            question=plan.question,
            text=text,
            citations=citations,
            mode="llm",
            model=llm.model,
            dropped_citations=checked.dropped,
            unsupported=checked.unsupported,
            notice="; ".join(notices) or None,
            retrieved_ids=[h.paper.id for h in chosen],
            filled_in=filled,
            first_text_seconds=(first_shown - started) if first_shown else None,
        )
    )
