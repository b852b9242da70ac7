"""Answers: a query plan in, a short answer out whose every claim cites a retrieved paper.

`answer_stream(plan, tools)` yields `Delta` text as it is produced, `Reset` when what was shown
must be discarded (an LLM retry, or a fallback), and one `Final` with the verified `Answer`.
The route is the plan's intent:

1. listing, authorship, lecture outline, corpus size: answered from the paper records
   (rag.answering.records); so is a question asking for record fields that the abstracts do not
   answer, from the records its titles, people or metadata name, or, asking them of the
   collection's papers, from the records holding them (`plan.record`); a content answer to a
   question that also asks about records shows the records of the papers it cites and names;
2. compare: the two subjects the plan resolved, each cited; when it resolved none, as a lookup;
3. survey: every retrieved paper on the plan's topic (up to `max_survey_sources`); asked which papers
   report results on a name ("... experiments on CIFAR-100?"), every one found writing it;
4. lookup and detail: the retrieved papers close to the best one.

Retrieval goes first for 2-4; if no passage is close enough to the question (the refusal gate)
the answer says the corpus does not cover it and lists the nearest papers as not answering it.
The answer is then written by rag.answering.streams: quoted from the abstracts, or in LLM mode
drafted by the model and verified sentence by sentence as it streams, with the extractive answer
filling in or taking over where the model fails. Either way, a name the question asks about that
no cited source mentions is said so in a notice. Does not read the question: only the plan.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator

from rag.answering import collection, records
from rag.answering.events import Chooser, Delta, Event, Final, Reset, Tools
from rag.answering.evidence import (
    Evidence,
    Signals,
    about,
    answers,
    assess,
    complementary,
    gate_score,
    gate_signals,
    names_kind,
    on_topic,
    one_paper,
    relevant,
    stands_for,
    states_figure,
    unmentioned,
    values_written,
    with_slides,
)
from rag.answering.models import Answer, Citation
from rag.answering.streams import extractive_stream, llm_stream, words
from rag.answering.support.figures import numbers
from rag.answering.support.names import written
from rag.questions.models import QueryPlan
from rag.retrieval.types import Hit
from rag.text.folding import fold
from rag.text.naming import MODIFIED_NAME, name_spots

log = logging.getLogger(__name__)
SLIDE_CANDIDATES = 2  # a lecture's slides ranked per slide an answer may quote: enough to find those close to the best


def answer_stream(plan: QueryPlan, tools: Tools) -> Iterator[Event]:
    """The whole answer pipeline for one plan, as events."""
    answer = _from_records(plan, tools)
    if answer is not None:
        searched_within = plan.intent == "authorship" and plan.filters is not None and bool(plan.search_text)
        if (answer.refused and not searched_within) or (plan.intent == "authorship" and _names_authors(plan)):
            # the records of the people it names answer better than a search for its other words
            # ("did Kolter and Tramer ever write a paper together?")
            answer = _named_records(plan, tools) or answer
        _finish(answer, plan, [], tools)
        yield from words(answer.text)
        yield Final(answer)
        return
    hits = retrieve(plan, tools)
    for event in _answer_hits(plan, hits, tools, cites_every_paper(plan)):
        if isinstance(event, Final):
            answer = event.answer
            named = _named_records(plan, tools) if answer.refused else None
            if named is not None:
                # the abstracts do not answer it, the records of the papers it names may ("is there
                # a paper Hsieh and Wang both worked on?"): what was shown gives way to them
                yield Reset("answered from the paper records")
                yield from words(named.text)
                event = Final(answer := named)
            elif not answer.refused and (plan.record.fields or plan.record.checked):
                # the question asks about records beside the content: the records of the papers cited,
                # and of those it names, follow ("did Kolter and Tramer ever write a paper together?")
                named_hits, _ = records.named_hits(
                    plan, tools.catalogue, tools.search, tools.coverage, tools.cfg, answered=True
                )
                if plan.single:  # "which NeurIPS 2019 spotlight shows X?": the metadata picked the one cited;
                    # the people it names are still asked about ("Sidford: is his name on X?")
                    people = [f for f in plan.record.alternatives if f.author]
                    named_hits = [
                        h
                        for h in named_hits
                        if h.paper.id in plan.record.papers
                        or any(f.allows(card) for f in people if (card := tools.catalogue.cards.get(h.paper.id)))
                    ]
                if extra := records.cited_records(answer, named_hits):
                    answer.text += extra
                    yield Delta(extra)
            _finish(answer, plan, hits, tools)
        yield event


def _named_records(plan: QueryPlan, tools: Tools) -> Answer | None:
    return records.named_records(plan, tools.catalogue, tools.search, tools.coverage, tools.cfg)


def _names_authors(plan: QueryPlan) -> bool:
    """The question names two or more authors of the corpus, asks about them alone (no paper by
    its title, no words to search for, no other papers sharing a record): "did Kolter and
    Tramer ever write a paper together?" """
    people = {f.author for f in plan.record.alternatives if f.author}
    return len(people) >= 2 and not plan.record.papers and not plan.same_as


def cites_every_paper(plan: QueryPlan) -> bool:
    """Whether the answer cites every paper on a topic (the survey chooser), not the closest few."""
    return plan.intent == "survey" or (plan.intent == "listing" and plan.filters is None)


def retrieve(plan: QueryPlan, tools: Tools) -> list[Hit]:
    """The hits a question about content is answered from: as many as the survey chooser weighs
    for a survey, else `retrieve`; the plan's filters, hints and topic applied, the papers it sets
    aside left out."""
    cfg = tools.cfg
    k = cfg.summary_papers if cites_every_paper(plan) else cfg.retrieve
    hits = tools.search(
        plan.search_text or plan.question,
        k + len(plan.set_aside),
        filters=plan.filters,
        hints=plan.hints,
        topic=plan.topic,
    )
    if plan.evaluated_on:
        # "which papers report experiments on CIFAR-100?": the papers searched for by the name itself too,
        # after those found for the question (the question's other words may rank some of them low)
        hits = hits[: k + len(plan.set_aside)]
        found = {h.paper.id for h in hits}
        named = tools.search(plan.evaluated_on, cfg.named_results_papers, filters=plan.filters, hints=plan.hints)
        hits = hits + [h for h in named if h.paper.id not in found and _writes(plan.evaluated_on, h.text)]
        k = len(hits)
    # what the question sets aside ("Other than the DeepFool paper, ...") is not what it asks about
    return [h for h in hits if h.paper.id not in plan.set_aside][:k]


def weighed(plan: QueryPlan, hits: list[Hit], tools: Tools) -> list[Evidence]:
    """The evidence the refusal gate and the choosers weigh for `hits`: when the question asks
    what the lecture says, its hits grow with the lecture's other slides on the question first
    (the gate judges its slides on the question, not only the one the hybrid ranking matched:
    the cosine's best slide can be another topic's formula)."""
    if plan.filters is not None and plan.filters.kind == "lecture":
        hits = _grown(hits, plan, tools)
    return assess(plan.focus, hits, tools.coverage)


def _finish(answer: Answer, plan: QueryPlan, hits: list[Hit], tools: Tools) -> None:
    """What every answer carries: the question as asked, its plan, the plan's notices, the
    papers retrieved for it, and a notice for a name no cited source mentions."""
    answer.question, answer.plan = plan.question, plan
    answer.notice = "; ".join([*plan.notices, *([answer.notice] if answer.notice else [])]) or None
    known = set(answer.retrieved_ids)
    answer.retrieved_ids += [h.paper.id for h in hits if h.paper.id not in known]
    if answer.refused or not answer.citations:
        return
    cited = {c.paper.id for c in answer.citations}
    quoted = [_as_hit(c) for c in answer.citations]
    # a lecture's citation may quote slides beyond the one retrieval matched
    missing = unmentioned(list(plan.names), [h for h in hits if h.paper.id in cited] + quoted, tools.span)
    if missing:
        answer.notice = _with_notice(
            answer.notice,
            # a name in the question's context ("tested with LSTMs") is often all that is missing from
            # a right answer (on dev 551, 28 of the 29 answers with this notice were to answerable questions):
            # the notice says what was checked, not that the answer is wrong
            f"no cited source mentions {' or '.join(missing)}: the passages quoted are the nearest "
            "the corpus has and may not be about it",
        )


def _as_hit(citation: Citation) -> Hit:
    return Hit(
        paper=citation.paper,
        rank=citation.n,
        score=0.0,
        passage=citation.passage,
        chunk_id="",
        section="; ".join(citation.sections) or None,  # every quoted slide's title: a name may be only in one
    )


def _from_records(plan: QueryPlan, tools: Tools) -> Answer | None:
    """An answer the paper records give, or None for a question about content."""
    if plan.intent == "listing":
        if plan.filters is None and plan.absent:
            if plan.topic:
                return None  # "CVPR 2022 papers on robustness": the topic, with a notice that CVPR 2022 is absent
            return Answer(
                question=plan.question,
                refused=True,
                mode="extractive",
                text=f"The corpus has no papers matching {', '.join(plan.absent)}.",
            )
        return records.listing(plan, tools.catalogue, tools.search, tools.coverage, tools.cfg)
    if plan.intent == "lecture_outline":
        return collection.lecture_outline(plan, tools.catalogue, tools.cfg.outline_slides)
    if plan.intent == "corpus_size":
        return collection.corpus_size(plan, tools.catalogue.cards.values())
    if plan.intent == "authorship" and (plan.search_text or plan.filters is not None or plan.subjects):
        return records.authorship(
            plan, tools.search, tools.coverage, tools.lexical, tools.catalogue, tools.cfg, tools.semantic
        )
    return None


def _answer_hits(plan: QueryPlan, hits: list[Hit], tools: Tools, survey: bool) -> Iterator[Event]:
    cfg = tools.cfg
    evidence = weighed(plan, hits, tools)
    scoped = plan.filters is not None and plan.filters.paper is not None
    chooser: Chooser | None = None
    found: Signals | None = None  # the gate's signals, once measured
    cut = ""  # what the answer says of papers left out
    if survey:
        # the gate, not the chooser, decides whether to answer: retrieval's first when none is on topic
        chooser = (
            lambda ev: (  # noqa: E731
                on_topic(plan.topic or plan.focus, ev, tools.span, cfg, tools.semantic) or [e.hit for e in ev[:1]]
            )
        )
    if scoped:  # the user chose the document: answer from it, whatever retrieval would have judged
        chooser = lambda ev: [e.hit for e in ev[:1]]  # noqa: E731
    elif survey and plan.evaluated_on and (writers := _writing(plan.evaluated_on, evidence)):
        # "which papers report experiments on CIFAR-100?": the papers found that write the name answer it, most
        # relevant first, whatever the gate (the name written is the evidence; none written, the gate decides);
        # more than a survey weighs are cut, and the answer says so
        if len(writers) > cfg.summary_papers:
            most = cfg.summary_papers
            cut = f"{len(writers)} papers found write {plan.evaluated_on}; the {most} most relevant are cited"
        chooser = lambda ev: writers[: cfg.summary_papers]  # noqa: E731
    elif plan.intent == "compare" and (unwritten := _unwritten_subjects(plan, evidence, tools)):
        # "how does ArcFace's margin differ from CosFace's?": no paper found, for the question or for the
        # name itself, writes a name the comparison sets side by side, so the corpus cannot compare it
        # (a face-recognition paper on another margin would be quoted)
        yield _declined(plan, hits, tools, None, _unwritten_said(plan, unwritten))
        return
    elif (
        plan.intent == "compare"
        and (pair := _subject_hits(plan, hits, tools))
        and (
            len(pair) >= min(2, len(plan.subjects))
            or answers(found := gate_signals(plan.focus, evidence, cfg, tools.lexical, tools.semantic), cfg)
        )
    ):
        # two sides found (or the one a plan of one subject names) stand for the papers they were resolved to:
        # answered from them, whatever the gate; one paper alone for two sides ("bag-of-words classifiers vs
        # transformers", the first found nowhere; or both resolved to one paper) must pass the gate too, and is
        # then answered from that paper (a question misread as a comparison, "Atlas Wang's slides: what are the
        # three ways ..., and which give lower vs upper bounds?", quotes its one source in full)
        chooser = lambda ev: pair  # noqa: E731
        evidence = assess(plan.focus, pair, tools.coverage) + [
            e for e in evidence if e.hit.paper.id not in {h.paper.id for h in pair}
        ]
    elif not answers(  # measured once: a comparison with one side found may have measured it already
        found := found or gate_signals(plan.focus, evidence, cfg, tools.lexical, tools.semantic), cfg
    ):
        pair_evidence = (
            complementary(plan.focus, evidence[: cfg.retrieve], tools.coverage, cfg) if plan.intent == "compare" else []
        )
        if not pair_evidence:
            mode, model = tools.mode
            refused = records.refusal(plan, hits, mode, model, unseen=found.unseen)
            refused.gate = gate_score(found, cfg)
            yield Final(refused)
            return
        chooser = lambda ev: [e.hit for e in pair_evidence]  # noqa: E731
    asked = plan.asked_name or _asked_term(plan.asked_terms, evidence)
    if plan.asked_terms and not asked and not scoped:
        # "What regret does Thompson sampling achieve ...?": no source found writes the words that name what
        # it asks about, so none is about it (a paper on other bandit algorithms would be quoted)
        said = f"None of the papers found mentions {plan.asked_terms[-1]}, which the question asks about."
        yield _declined(plan, hits, tools, found, f"{said} {_NEAREST}")
        return
    if plan.robust_subject and not scoped and (unseen := _unwritten_word(plan.robust_subject, evidence, tools)):
        # "are spiking neural networks more robust ...?", answered from robustness papers on other networks: no
        # source found writes a word naming what the robustness is asked of, so none is about it
        said = f'None of the papers found mentions "{unseen}", and the question asks about {plan.robust_subject}.'
        yield _declined(plan, hits, tools, found, f"{said} {_NEAREST}")
        return
    if (
        plan.robust_subject
        and not scoped
        and not _robustness_written(plan.robust_subject, evidence[: cfg.retrieve], tools)
    ):
        # "are graph attention networks more robust to perturbed features than GCNs?", answered from a graph paper
        # on another topic: the things are named, and robustness is, but never by one source
        said = f"None of the papers found speaks of the robustness of {plan.robust_subject}."
        yield _declined(plan, hits, tools, found, f"{said} {_NEAREST}")
        return
    if plan.head_name and not scoped and not any(name_spots(plan.head_name, e.hit.text) for e in evidence):
        # "DP-SGD: how do clipping and noise combine ...?", answered from a paper on halfspaces: no source
        # found names what the question is headed with
        said = f"The corpus has no paper about {plan.head_name}, and none that mentions it. {_NEAREST}"
        yield _declined(plan, hits, tools, found, said)
        return
    if asked and not scoped and not any(about(asked, e.hit, cfg) for e in evidence[: cfg.asked_name_sources]):
        # "how does the ViSQOL metric work?", answered from an audio paper that lists it among its
        # measures: the corpus names the thing, no source in it says how it works
        named = [e.hit for e in evidence if name_spots(asked, e.hit.text)]
        said = (
            f"The corpus has no paper about {asked}: the papers below only mention it, and do not answer the question."
            if named
            else f"The corpus has no paper about {asked}, and none that mentions it. {_NEAREST}"
        )
        yield _declined(plan, named or hits, tools, found, said)
        return
    lecture_asked = "lecture" in (plan.hints.kind, plan.filters.kind if plan.filters is not None else None)
    if chooser is None and plan.single and plan.intent == "lookup":
        chooser = lambda ev: one_paper(ev, cfg)  # noqa: E731
    picks: Chooser = chooser or (lambda ev: relevant(ev, cfg))
    choose = _quoting_slides(picks, plan, tools)
    # the sources the answer may quote, read by the figure and kind checks (computed once: a survey's chooser
    # weighs each paper's coverage)
    quoted = _quoted(evidence, picks, cfg.figure_sources) if plan.asked_figures or plan.asked_kinds else []
    if plan.asked_figures and not scoped and not _figure_found(plan, quoted, lecture_asked):
        # "what dropout rate did the original Transformer use?", answered from a paper on transformers
        # that states no rate: the nearest sources do not hold the figure asked for (`_figure_found`)
        measures = " or ".join(f'"{" ".join(m)}"' for m in plan.asked_figures)
        said = f"None of the papers found states a figure for what the question asks ({measures}). {_NEAREST}"
        yield _declined(plan, hits, tools, found, said)
        return
    unnamed = _kinds_unnamed(plan, quoted) if not scoped else ()
    if unnamed:
        # "which four benchmark datasets was AdvMoE evaluated on?", answered from an abstract saying
        # "over 4 benchmark datasets": the source that answers counts them, and none the answer would
        # quote names them (another paper's datasets do not answer it)
        kinds = " and ".join(unnamed)
        said = (
            f"The nearest paper names none of the {kinds} the question asks for (at most it mentions or counts them)."
        )
        yield _declined(plan, hits, tools, found, f"{said} {_NEAREST}")
        return
    if found is None and evidence:
        found = gate_signals(plan.focus, evidence, cfg, tools.lexical, tools.semantic)
    score = gate_score(found, cfg) if evidence and found is not None else None
    stream = (
        extractive_stream(plan, evidence, tools, None, choose)
        if tools.llm is None
        else llm_stream(plan, evidence, tools, choose)
    )
    for event in stream:
        if isinstance(event, Final):
            event.answer.gate = score
            if cut:
                event.answer.notice = "; ".join(n for n in (event.answer.notice, cut) if n)
        yield event


_NEAREST = "The nearest papers are listed below, but they do not answer the question."


def _writes(name: str, text: str) -> bool:
    """Whether `text` writes `name` as a name of its own however it is spelt: hyphens or spaces
    optional ("CIFAR100", "Tiny ImageNet"), after a short capitalised prefix ("MS-COCO"), with a
    year's edition ("VOC2007"), or sharing its stem with a number before it ("CIFAR-10/100"); not
    inside another name ("CIFAR-10", "ImageNet-C", "Tiny-ImageNet" for ImageNet, "Fashion-MNIST")."""
    body = r"[-\s]?".join(re.escape(p) for p in re.split(r"[-\s]+", name))
    flags = 0 if name.isupper() and " " not in name else re.I  # "TRADES" is not "trades"; "IMAGENET" is ImageNet
    # the prefix in capitals whatever the name's case ("Tiny-ImageNet" is no ImageNet)
    if re.search(rf"(?<![\w-])(?-i:[A-Z]{{1,6}}-)?{body}s?(?:\s?(?:19|20)\d\d)?(?![\w-])", text, flags):
        return True
    numbered = re.fullmatch(r"(.*?[A-Za-z])-?(\d+)", name)
    return numbered is not None and bool(
        re.search(
            rf"(?<![\w-]){re.escape(numbered.group(1))}-?\d+(?:\s*/\s*\d+)*\s*/\s*{numbered.group(2)}(?!\d)",
            text,
            flags,
        )
    )


def _writing(name: str, evidence: list[Evidence]) -> list[Hit]:
    """The hits whose text writes `name` (`_writes`), in evidence order."""
    return [e.hit for e in evidence if _writes(name, e.hit.text)]


def _declined(plan: QueryPlan, hits: list[Hit], tools: Tools, found: Signals | None, said: str) -> Final:
    """A question the gate let through refused after all, saying why (`said`), with `hits` listed as
    the nearest papers and the gate's score kept."""
    mode, model = tools.mode
    refused = records.refusal(plan, hits, mode, model, said)
    refused.gate = gate_score(found, tools.cfg) if found is not None else None
    return Final(refused)


def _figure_found(plan: QueryPlan, evidence: list[Evidence], lecture_asked: bool) -> bool:
    """Whether the first sources state the figure the question asks: one states a figure on the
    measure and writes every name it is put on ("the accuracy on CIFAR-10" is not stated by the
    CIFAR-100 figure, nor by a paper other than the one named); in a comparison each name by some
    source ("what mAP does SSD reach compared with Point2RBox?": each abstract names its own). A
    question put to the lecture is left to it: the slides quoted are only those matched to the
    question, and its figure may sit on the next one ("how many images trained EnlightenGAN, per
    the slides?")."""
    if lecture_asked and any(e.hit.paper.kind == "lecture" for e in evidence):
        return True
    stating = [e.hit.text for e in evidence if states_figure(plan.asked_figures, e.hit.text)]
    if plan.intent == "compare":
        texts = [e.hit.text for e in evidence]
        return bool(stating) and all(any(_named(n, t) for t in texts) for n in plan.figure_names)
    return any(all(_named(n, t) for n in plan.figure_names) and _writes_values(plan, t) for t in stating)


def _writes_values(plan: QueryPlan, text: str) -> bool:
    """Whether `text` writes every value the question sets its figure under ("CutLER on COCO with 10%
    labels": the abstract's gain "when training with 5% labels" is not the one asked)."""
    stated = values_written(text)
    return all(numbers(v) <= stated for v in plan.figure_values)


def _quoted(evidence: list[Evidence], choose: Chooser, first: int) -> list[Evidence]:
    """Those of the `first` of `evidence` the answer may quote (`choose`): a figure another paper states does not
    answer "what accuracy does adaptive smoothing reach on CIFAR-10?" when the answer quotes the
    adaptive smoothing paper, which states its CIFAR-100 figure only."""
    quoted = {h.paper.id for h in choose(evidence)}
    return [e for e in evidence[:first] if e.hit.paper.id in quoted]


def _kinds_unnamed(plan: QueryPlan, evidence: list[Evidence]) -> tuple[str, ...]:
    """The kinds of named things the question asks which of ("which datasets ...?") that the first
    of `evidence` mentions only unnamed ("over 4 benchmark datasets", rag.answering.evidence.
    names_kind) and none of it names. When the question names something, only the sources writing
    the most of its names are read: another paper naming its own datasets does not answer "which
    datasets was AdvMoE evaluated on?". A source that names something elsewhere that may be one of
    them, with the kind's word or without it, is given the benefit of the doubt."""
    if not plan.asked_kinds or not evidence:
        return ()
    known = plan.names
    # the sources on what the question names ("BiP pruning: which four datasets ...?"), those writing the
    # most of its names, when some write any: another paper naming its own datasets does not answer it
    writes = [sum(written(n, e.hit.text) for n in known) for e in evidence]
    on_names = [e for e, n in zip(evidence, writes) if n and n == max(writes)]
    unnamed = []
    for kind in plan.asked_kinds:
        # the abstract without its title: a title's capitals ("Towards Theory and Design of Robust Time
        # Series Forecasting") name nothing
        said = [names_kind(kind, e.hit.body, known) for e in on_names or evidence]
        if said[0] is False and not any(said):
            unnamed.append(kind)
    return tuple(unnamed)


def _named(name: str, text: str) -> bool:
    """Whether `text` writes a name a figure is put on, or writes it with its size or version glued
    on ("the WideResNet" of a question is the source's "WideResNet34-10")."""
    if not name or written(name, text):
        return bool(name)
    return not name[-1].isdigit() and re.search(rf"(?<![\w-]){re.escape(name)}-?\d", text, re.I) is not None


def _grown(hits: list[Hit], plan: QueryPlan, tools: Tools) -> list[Hit]:
    """`hits`, each lecture's with its other slides on the question added (rag.answering.evidence.
    with_slides); a hit that has grown already is kept as it is."""
    passages = tools.passages
    if passages is None:
        return hits
    query = plan.focus or plan.search_text or plan.question  # the question's words, not its framing
    n = SLIDE_CANDIDATES * tools.cfg.lecture_slides
    return [
        with_slides(h, passages(query, h.paper.id, n), tools.cfg) if h.paper.kind == "lecture" and not h.more else h
        for h in hits
    ]


def _quoting_slides(choose: Chooser, plan: QueryPlan, tools: Tools) -> Chooser:
    """`choose`, with a chosen lecture's other slides on the question added to its hit."""
    return lambda evidence: _grown(choose(evidence), plan, tools)


def _subject_hits(plan: QueryPlan, hits: list[Hit], tools: Tools) -> list[Hit]:
    """The papers the plan's comparison subjects were resolved to, as hits (from this
    question's retrieval, else from the subject's own), in the plan's order; empty when none
    was resolved. A subject resolved only by a description must pass the refusal gate."""
    found: list[Hit] = []
    for subject in plan.subjects:
        if subject.paper_id is None:
            continue
        hit = next((h for h in hits if h.paper.id == subject.paper_id), None)
        if hit is None:
            hit = next(
                (h for h in tools.search(subject.text, tools.cfg.subject_candidates) if h.paper.id == subject.paper_id),
                None,
            )
        if hit is None:
            continue
        if not stands_for(subject, hit, tools.coverage, tools.cfg):
            continue
        if all(h.paper.id != hit.paper.id for h in found):
            found.append(hit)
    return found


def _unwritten_subjects(plan: QueryPlan, evidence: list[Evidence], tools: Tools) -> list[str]:
    """The names of a comparison's unresolved subjects (`Subject.names`: "ArcFace" of "ArcFace's
    additive angular margin") that no paper found writes: neither those retrieved for the question
    nor those a search for the name itself finds. Matched loosely, in case, hyphens and spaces
    ("AutoLoRA" is written "AutoLoRa", "GroupNorm" "Group Normalization"), so only a name written
    nowhere near is missing. A subject given by a description, with no name marked, is left to the gate."""
    names = list(dict.fromkeys(n for s in plan.subjects if s.paper_id is None for n in s.names))
    if not plan.subjects:  # sides not told apart ("how do BetaE and Query2Box embed queries?"): its paired names
        names = list(dict.fromkeys(MODIFIED_NAME.sub("", n) for n in _paired_names(plan)))
    if not names:
        return []
    texts = [_squashed(f"{e.hit.paper.title} {e.hit.paper.abstract} {e.hit.text}") for e in evidence]
    missing = []
    for name in names:
        key = _squashed(name)
        if any(key in t for t in texts):
            continue
        found = tools.search(name, tools.cfg.subject_candidates)
        if not any(key in _squashed(f"{h.paper.title} {h.paper.abstract} {h.text}") for h in found):
            missing.append(name)
    return missing


def _paired_names(plan: QueryPlan) -> list[str]:
    """The names the question sets side by side ("BetaE and Query2Box", "X vs Y", "X compared with Y"), not
    one it names in passing ("In PyTorch, how do checkpointing and offloading compare?")."""
    names = sorted(set(plan.names), key=len, reverse=True)
    if len(names) < 2:
        return []
    either = "|".join(re.escape(n) for n in names)
    joined = re.compile(
        rf"(?<![\w-])({either})(?![\w-])(?:'s)?\s*(?:,|and|or|vs\.?|versus|compared\s+(?:with|to)|against)\s+"
        rf"(?:the\s+|to\s+)?({either})(?![\w-])"
    )
    return list(
        dict.fromkeys(n for m in joined.finditer(plan.question) for n in m.groups() if m.group(1) != m.group(2))
    )


def _squashed(text: str) -> str:
    """`text` folded to lower-case letters and digits alone: names compared whatever their case,
    hyphens and spacing."""
    return re.sub(r"[\W_]+", "", fold(text).lower())


def _unwritten_said(plan: QueryPlan, missing: list[str]) -> str:
    """Why a comparison is declined: the names no paper writes, and the side that is in the corpus."""
    names = records.any_of(missing)
    them = "it" if len(missing) == 1 else "them"
    said = f"The corpus has no paper about {names}, and none of the papers found mentions {them}"
    present = [s.title for s in plan.subjects if s.title]
    if present:
        said += f", so there is nothing to compare with {present[0]}"
    return f"{said}. {_NEAREST}"


def _with_notice(notice: str | None, said: str) -> str:
    """`said` added to what an answer already notices."""
    return f"{notice}; {said}" if notice else said


def _modifiers(phrase: str) -> list[str]:
    """The words saying which of its things `phrase` means: those before its head, of four letters or more,
    each part of a compound ("spiking" of "spiking neural networks")."""
    return [w for w in re.findall(r"[A-Za-z][A-Za-z0-9]*", " ".join(phrase.split()[:-1])) if len(w) >= 4]


def _unwritten_word(phrase: str, evidence: list[Evidence], tools: Tools) -> str:
    """A word that says which of its things `phrase` means (a word before its last, the head: "spiking" of
    "spiking neural networks"; of four letters or more, each part of a compound) that no retrieved source
    writes (`unmentioned`: stop words count as written); "" when each is written somewhere. The head is not
    checked: sources name the things in other words ("nets", "agents", "CNN") as often as not."""
    words = _modifiers(phrase)
    return next(iter(unmentioned(words, [e.hit for e in evidence], tools.span)), "")


# the words by which a source speaks of robustness, adversarial or not: robust(ness), adversarial, attacks,
# perturbations, susceptible, brittle, resilient, invariant, stable, corruptions, noise, shift, spurious, ...
_ROBUSTNESS = re.compile(
    r"\b(?:robust|adversari|attack|perturb|vulnerab|susceptib|brittle|sensitiv|certifi|poison|fool|resilien|"
    r"invarian|stabl|stabil|toleran|corrupt|nois|shift|out-of-distribution|spurious|jailbreak|backdoor)\w*",
    re.I,
)


def _robustness_written(phrase: str, evidence: list[Evidence], tools: Tools) -> bool:
    """Whether one retrieved source writes both the words saying which things `phrase` means (as
    `_unwritten_word` reads them) and robustness ("robust", "adversarial", "attack", "perturbation", ...)."""
    words = _modifiers(phrase)
    return any(
        not unmentioned(words, [e.hit], tools.span) and _ROBUSTNESS.search(f"{e.hit.paper.title} {e.hit.text}")
        for e in evidence
    )


def _asked_term(terms: tuple[str, ...], evidence: list[Evidence]) -> str:
    """Of the words that may name what a detail question asks about (longest first), the first
    that a retrieved source writes: "Adafactor", not "Adafactor factor"; "" when no source writes
    any (then none is about what the question asks, and it is refused)."""
    return next((t for t in terms if any(name_spots(t, e.hit.text) for e in evidence)), "")
