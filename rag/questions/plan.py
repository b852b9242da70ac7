"""A question read once into a `QueryPlan`: what it asks (intent), which metadata restricts the
answer (hard filters) and which is only context (soft hints), what two things a comparison is
about (subjects), what to search for, and a short reason for each decision.

`plan(question, names=..., history=..., filters=..., resolve=...)` is the only reader of
questions; everything downstream reads the plan. The rules read the question's form, not its
topic: which noun it asks for (one paper, papers, a number), whether metadata attaches to the
papers asked for or to something else, what a comparison sets side by side. Their words live in
`rag.questions.patterns` and `rag.questions.record_patterns`. Does not use a model;
`rag.questions.llm_plan` may propose a plan with one, which is checked against the same catalogue.

The reading is split by what it decides: `rag.questions.intent` (what the question asks for),
`rag.questions.subjects` (what a record or comparison question is about), both on
`rag.questions.question` (the question's text as read), and `rag.questions.asked` (what a detail
question asks the workings of); this module assembles the plan, with its filters, hints and search text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.questions import patterns as P
from rag.questions import record_patterns as R
from rag.questions import words as W
from rag.questions.asked import (
    asked_figures,
    asked_kinds,
    asked_name,
    asked_terms,
    bare_figure,
    headed_name,
    robust_subject,
)
from rag.questions.clauses import without_aside, without_left_out
from rag.questions.intent import IntentRules
from rag.questions.learned import SINGLE, shipped
from rag.questions.models import Intent, Proposal, QueryPlan, RecordAsk, Resolver, Subject
from rag.questions.names import Mention, Names
from rag.questions.record_ask import named_sessions, record_ask
from rag.questions.subjects import SubjectRules
from rag.retrieval.types import Filters, Hints, clean_query
from rag.text.naming import NAMED_NUMBER, is_year, names_in


def plan(
    question: str,
    *,
    names: Names,
    history: Sequence[str] = (),
    filters: Filters | None = None,
    resolve: Resolver | None = None,
    max_chars: int = 4000,
    proposal: Proposal | None = None,
    survey_threshold: float | None = None,
) -> QueryPlan:
    """Read `question` (with the conversation's earlier questions and any filters the user set).
    A `proposal` (an LLM's reading) decides the intent, filters, hints, subjects and topic. With a
    `survey_threshold`, the learned reading (rag.questions.learned) has the last word on whether a
    question the rules read as a survey, a lookup or a detail asks for the body of work on a topic,
    and on a comparison that rests on "vs" alone."""
    notices: list[str] = []
    if len(question) > max_chars:
        notices.append(f"the question was cut to its first {max_chars} characters")
        question = question[:max_chars]
    question = clean_query(question)
    previous = _previous(question, history, names, survey_threshold)
    return _Reading(question, names, previous, survey_threshold).plan(filters, resolve, notices, proposal)


def _previous(question: str, history: Sequence[str], names: Names, survey_threshold: float | None) -> QueryPlan | None:
    """The plan of the question before this one, when this one leans on it ("and its results?"), read
    as it was when it was asked."""
    earlier = [h for h in history if h and h.strip()]
    if not earlier:
        return None
    if not (P.LEANING.search(question) or P.CONTINUATION.match(question) or W.content_count(question) <= 1):
        return None
    try:
        return plan(earlier[-1], names=names, history=earlier[:-1], survey_threshold=survey_threshold)
    except ValueError:
        return None


class _Reading(IntentRules, SubjectRules):
    """One question being read: its normalised text, the metadata it names, and the decisions."""

    def __init__(
        self, question: str, names: Names, previous: QueryPlan | None, survey_threshold: float | None = None
    ) -> None:
        super().__init__(question, names, previous)
        self.survey_threshold = survey_threshold

    # --- the plan ---------------------------------------------------------------------------------
    def _figure_asked(self, intent: Intent) -> Intent:
        """A lookup or survey that asks a figure of one work is a detail question: a measure named on
        something with no question word ("H2RBox mAP on DOTA-v1.0?"), or a quantity or kind asked past
        what describes the work ("For VAT, how many forward passes ...?"). Read after the learned
        reading, which was fitted on the rules' intents before these two."""
        if intent in ("lookup", "survey") and bare_figure(self.text):
            self.reasons.append("intent detail: names a measure on something, with no question word")
            return "detail"
        if intent == "lookup" and self.asks_quantity():
            self.reasons.append("intent detail: asks a quantity or a kind past what describes the work")
            return "detail"
        return intent

    def plan(
        self,
        user_filters: Filters | None,
        resolve: Resolver | None,
        notices: list[str],
        proposal: Proposal | None = None,
    ) -> QueryPlan:
        if proposal is not None:
            intent = proposal.intent
            self.reasons.append(proposal.reason or f"intent {intent}: as the LLM read it")
        else:
            intent = self._figure_asked(self._learned(self._intent()))
        subjects: tuple[Subject, ...] = ()
        # two papers compared on their records ("Was A at the same conference as B?"): their records, whatever
        # else the words suggest (a venue inside a description, "ICLR'18 defenses", selects no papers)
        paired = self._record_pair(resolve) if proposal is None else ()
        if paired:
            intent, subjects = "authorship", paired
        elif intent == "compare":
            pair = tuple(proposal.subjects) if proposal is not None and len(proposal.subjects) == 2 else None
            subjects = self._subjects(resolve, pair)
            if (
                not subjects
                and proposal is None
                and (
                    not P.ASKS_TO_COMPARE.search(self.asked)
                    or (self._asks_fact() and not P.ASKS_TO_COMPARE.search(P.VERSUS.sub(" ", self.text)))
                )
            ):
                # a comparison word with no two things to set side by side ("noisy measurements of
                # their pairwise differences"), and no request to compare ("compare the two ..."), or
                # only a "vs" in a question asking a fact ("how big was the training set (how many
                # low-light vs normal-light images)?"): read by what it asks about
                self.reasons.append("so it is read by what it asks about")
                intent = self._content_intent()
        elif intent == "authorship" and self._single(intent):
            subjects = self._record_subjects(resolve)
        present = [m for m in self.mentions if m.value is not None]
        absent = [m for m in self.mentions if m.value is None and self._about_papers(m, intent)]
        if proposal is not None:
            filters, hints = proposal.filters, proposal.hints
        else:
            filters, hints = self._metadata(intent, present) if not paired else (None, Hints())
        if user_filters is not None and user_filters.active:
            filters = (
                user_filters
                if filters is None
                else Filters(**{**filters.model_dump(exclude_none=True), **user_filters.model_dump(exclude_none=True)})
            )
            self.reasons.append("filters set by the user apply as they are")
        record = record_ask(self.text, self.mentions, lambda: self._titles_named(resolve))
        if record.papers:
            # a venue, year or session beside a title the question writes out is what it checks of that
            # paper ("I had Group Normalization down as a CVPR paper: is that right?"), whether or not
            # any paper has it; it selects no papers, so the corpus lacking it is no reason to answer
            # less; one beside papers in the plural still selects them ("any ICML 2023 papers on it?")
            absent = [m for m in absent if m.kind == "author" or self._beside_papers(m)]
        for m in absent:
            notices.append(self._absent_notice(m))
        without = self._without(self.mentions, self.text)
        if intent == "survey":  # a request's words are not its topic's ("I'd like the work on X", "how do people")
            stripped = " ".join(P.REQUEST_WORDS.sub(" ", without).split())
            without = stripped if W.topic(stripped, self._not_topic(intent)) else without
        # what the question sets aside ("besides MNIST and SVHN, what is the largest setting?", "apart from
        # image classification"), or a request for papers leaves out ("any domain, not the common-corruption
        # sets"), is what it does not ask about: no words of its topic or focus
        kept = " ".join(without_aside(without).split())
        kept = without_left_out(kept) if intent == "survey" else kept
        without = kept if W.topic(kept, self._not_topic(intent)) else without
        topic = (proposal.topic if proposal is not None and proposal.topic else "") or W.topic(
            without, self._not_topic(intent)
        )
        focus = W.focus(without, self._not_topic(intent) - P.FUNCTION_WORDS)
        search_text = self._search_text(intent, topic, without)
        if paired and not search_text:
            # the two papers as described: searched for when either description is not close enough to its paper
            search_text = clean_query(" ".join(s.text for s in paired))
        names = names_in(without)
        # "which session was X in, and what else was in that same session?": whatever the intent, a record asked
        others = R.ASKS_OTHERS.search(self.text) is not None
        same_as = self._same_as() if not paired and (intent == "authorship" or (record.fields and others)) else ()
        return QueryPlan(
            question=self.question,
            intent=intent,
            search_text=search_text,
            topic=topic,
            focus=focus or topic or self.question,
            filters=filters,
            hints=hints,
            subjects=subjects,
            same_as=same_as,
            names=tuple(names),
            asked_name=(asked_name := self._asked_name(intent, names)),
            head_name=self._head_name(intent, names) if not asked_name else "",
            evaluated_on=self._evaluated_on(intent, names),
            asked_terms=asked_terms(self.asked) if intent == "detail" and not asked_name else (),
            asked_focus=self._asked_focus(intent, focus),
            robust_subject=robust_subject(self.asked) if intent != "metadata" else "",
            # a figure asked of the abstracts; the records' figures ("how many items carry a venue?") are not
            asked_figures=(figures := self._figures(intent, record)),
            figure_names=self._figure_names(figures, names),
            figure_values=self._figure_values(figures),
            asked_kinds=self._kinds(intent, record),
            # "..., and which papers had the same?": the record part asks about one paper
            set_aside=self._set_aside_papers(resolve) if intent in ("lookup", "detail", "survey", "compare") else (),
            single=not paired and (self._single(intent) or bool(same_as)),
            follow_up=self.previous is not None,
            absent=tuple(m.text for m in absent),
            record=record,
            notices=tuple(notices),
            reasons=tuple(self.reasons),
        )

    # --- filters and hints ------------------------------------------------------------------------
    def _lecture_beside_papers(self, m: Mention) -> bool:
        """ "which papers (or slides) ...", "the lecture or any paper": the kind word is an alternative to
        the papers, not a restriction to the lecture."""
        return bool(P.KIND_AFTER_PAPERS.search(self.text[: m.start]) or P.KIND_BEFORE_PAPERS.match(self.text[m.end :]))

    def _metadata(self, intent: Intent, present: list[Mention]) -> tuple[Filters | None, Hints]:
        fields: dict[str, object] = {}
        for m in present:
            fields.setdefault(m.kind, m.value)
        kinds = [m for m in present if m.kind == "kind"]
        if fields.get("kind") == "lecture" and kinds and all(self._lecture_beside_papers(m) for m in kinds):
            # not when another lecture word restricts ("papers and slides of lecture 3", "restricted to the lecture")
            del fields["kind"]
            self.reasons.append("no lecture filter: the lecture is named beside the papers, both are asked")
        if "presentation" in fields:
            # the session type named and not set aside ("the orals, not the spotlights"), if one is
            sessions = named_sessions(self.text, present)
            if len(sessions) == 1:
                fields["presentation"] = sessions[0]
            elif not sessions:
                del fields["presentation"]
        if (
            intent == "authorship"
            and (not self._authorship_subject() or self._metadata_selects_papers())
            and any(m.kind in ("venue", "year", "author", "presentation") for m in present)
        ):
            # "who are the authors of the NeurIPS 2019 oral?": the metadata is all that says which paper
            chosen = {k: v for k, v in fields.items() if k in ("venue", "year", "author", "presentation")}
            if self._sessions_asked():
                chosen.pop("presentation", None)  # "was it an oral or a spotlight?": asked, not selected
            self.reasons.append(
                "filters " + ", ".join(f"{k} {v}" for k, v in chosen.items()) + ": they alone say which paper is meant"
            )
            return Filters(**chosen), Hints()
        if intent == "listing":
            chosen = {
                k: v
                for k, v in fields.items()
                if k in ("venue", "year", "author", "presentation") and any(m.kind == k for m in self.selecting)
            }
            if self._sessions_asked():
                chosen.pop("presentation", None)
            venues = [m for m in self.selecting if m.kind == "venue" and m.value]
            joined = [venues[0]] if venues else []
            # "ECCV or ICLR 2018", "ICML, ICLR and ECCV", "ICLR 2018 and from ICML 2018": either; "ICLR, not ECCV": no
            for m in venues[1:]:
                between = re.sub(r"\b(?:19|20)\d\d\b", " ", self.asked[joined[-1].end : m.start])
                if not re.fullmatch(r"\s*(?:,|/|or|and|,\s*(?:or|and))(?:\s+(?:from|at|in))?\s*", between, re.I):
                    break
                joined.append(m)
            names = list(dict.fromkeys(str(m.value) for m in joined))
            if len(names) > 1:
                chosen["venue"] = " | ".join(names)
            if self.previous is not None and self.previous.intent == "listing" and self.previous.filters is not None:
                chosen = {**self.previous.filters.model_dump(exclude_none=True), **chosen}
            if chosen:
                self.reasons.append(
                    "filters " + ", ".join(f"{k} {v}" for k, v in chosen.items()) + ": they select the papers listed"
                )
            else:
                self.reasons.append("no filter: the metadata named is not in the corpus")
            return (Filters(**chosen) if chosen else None), Hints()
        hints = {k: v for k, v in fields.items() if k in Hints.model_fields}
        if self._sessions_asked():
            hints.pop("presentation", None)  # "was X an oral or a spotlight?": asked of X, no paper preferred
        if intent == "corpus_size":
            hints = {}
        if intent == "lecture_outline":
            hints["kind"] = "lecture"
        elif intent in ("lookup", "detail", "survey") and hints.get("kind") == "lecture":
            # "what does the lecture say about X", "according to the slides": the question asks what the
            # lecture holds, so papers on X do not answer it (every such dev question expects the lecture)
            del hints["kind"]
            self.reasons.append("filter kind lecture: the question asks what the lecture says")
            if hints:
                self.reasons.append(
                    "hints " + ", ".join(f"{k} {v}" for k, v in hints.items()) + ": context that ranks matching "
                    "papers higher, never a restriction"
                )
            return Filters(kind="lecture"), Hints(**hints)
        if hints:
            self.reasons.append(
                "hints "
                + ", ".join(f"{k} {v}" for k, v in hints.items())
                + ": context that ranks matching papers higher, never a restriction"
            )
        return None, Hints(**hints)

    def _asked_focus(self, intent: Intent, focus: str) -> str:
        """A detail question's focus of the part that asks, when it is narrower than the whole focus."""
        if intent != "detail":
            return ""
        asked = W.focus(self.asked, self._not_topic(intent) - P.FUNCTION_WORDS)
        return asked if asked and len(asked.split()) < len(focus.split()) else ""

    def _asked_name(self, intent: Intent, names: list[str]) -> str:
        """A detail question's name of the thing it asks the workings of (rag.questions.asked)."""
        if intent != "detail":
            return ""
        asked = self.asked
        if W.content_count(asked) == 0:
            # a bare request after the question ("... how does AdamW's weight decay fix it? What do the
            # papers say?"): the name is asked in the question before it
            before = [s for s in re.split(r"(?<=\?)\s+", self.text) if "?" in s and s.strip() != asked.strip()]
            asked = before[-1] if before else asked
        name = asked_name(asked, names)
        if name:
            self.reasons.append(f"asks about {name} itself: answered only from a source about it")
        return name

    def _evaluated_on(self, intent: Intent, names: list[str]) -> str:
        """The one name a survey asks which papers report results on ("which papers report experiments
        on CIFAR-100?", "SVHN results anywhere?"), with a capitalised word written before it ("Tiny
        ImageNet"; a short prefix in capitals is left to the match: "MS COCO" is COCO); none when it asks
        of two ("on CIFAR-10 and SVHN"), or says more of the papers: a topic before them ("which papers on
        label noise ...", "which robustness papers ...") or a restriction ("... but not on ImageNet")."""
        if intent != "survey" or P.EVALUATED_ON_EXCEPT.search(self.text):
            return ""
        asked = set()
        for name in names:
            if not any(c.isupper() or c.isdigit() for c in name):
                continue
            for pattern in (P.EVALUATED_ON_BEFORE, P.EVALUATED_ON_AFTER):
                for m in re.finditer(pattern.format(name=re.escape(name)), self.text, re.I):
                    before = (
                        re.findall(r"[a-z]+", self.text[: m.start("asked")].lower())
                        if "asked" in m.re.groupindex
                        else []
                    )
                    if before and before[-1] not in P.EVALUATED_ON_ASKING:
                        continue  # "which robustness papers ...", "papers on label noise ..."
                    said = m.group("name")
                    prefix, _, rest = said.partition(" ")
                    if said.lower() == name.lower() or (rest and prefix.isupper() and len(prefix) <= 3):
                        said = name  # as the question writes it where it names it ("svhn results ... on SVHN")
                    asked.add(said)
        if len({a.lower() for a in asked}) != 1:
            return ""
        name = asked.pop()
        self.reasons.append(f"asks which papers report results on {name}: every paper found writing it is cited")
        return name

    def _head_name(self, intent: Intent, names: list[str]) -> str:
        """The name a question about the papers' content sets as its head before what it asks ("DP-SGD:
        how do ...?")."""
        if intent not in ("lookup", "detail", "compare", "survey"):
            return ""
        name = headed_name(self.text, self.asked, names)
        if name:
            self.reasons.append(f"heads the question with {name}: declined if no source found mentions it")
        return name

    @staticmethod
    def _of_abstracts(intent: Intent, record: RecordAsk) -> bool:
        """Whether a detail or comparison asks its figures and named things of the abstracts; a
        record's ("how many items carry a venue?") are not."""
        return intent in ("detail", "compare") and not record.fields and not record.collection

    def _figures(self, intent: Intent, record: RecordAsk) -> tuple[tuple[str, ...], ...]:
        """The figures asked of the abstracts."""
        return asked_figures(self.asked, self.text) if self._of_abstracts(intent, record) else ()

    def _kinds(self, intent: Intent, record: RecordAsk) -> tuple[str, ...]:
        """The kinds of named things asked of the abstracts ("which datasets ...?")."""
        return asked_kinds(self.asked) if self._of_abstracts(intent, record) else ()

    def _figure_names(self, figures: tuple[tuple[str, ...], ...], names: list[str]) -> tuple[str, ...]:
        """The names the figures are put on: the question's ("DAFA (...): what accuracy on
        CIFAR-10?": DAFA and CIFAR-10), less the measures' own words ("top-1", "BLEU"), the
        names in what the user says of themselves ("I train on 8 V100 GPUs: ..."), those it asks
        which of ("on what GPU?"), those only in a bracketed aside before it asks, and an
        abbreviation standing for no one thing ("gain over SOTA": abstracts write "the state of
        the art")."""
        if not figures:
            return ()
        measured = {w.lower() for measure in figures for w in measure}
        own = {
            n
            for clause in re.split(r"[,:;?!()]|\s[-–—]\s", self.text)
            if P.FIRST_PERSON.search(clause)
            for n in names_in(clause)
        }
        # a name the question asks which of ("how fast does it run (on what GPU)?") is not given
        asked = {
            n
            for n in names
            if re.search(
                rf"(?i)\b(?:what|which)\s+(?:(?!{_PREPOSITION}\b|{_VERB}\b)[\w-]+\s+)?{re.escape(n)}"
                r"(?=\s*[?),;]|\s+(?:do|does|did|is|are|was|were)\b)",
                self.text,
            )
        }
        # a name only in a bracketed aside of what describes the paper, before the question asks anything
        # ("pruning ... (self-distillation + HSIC bottleneck): against how many attacks ...?"), which its abstract
        # may spell out ("Hilbert-Schmidt Information Bottleneck"): the figure is not put on it; one bracketed
        # in what is asked ("which face datasets (CelebA? FaceScrub?)") is
        asking = re.search(r"(?i)\b(?:what|which|how|who|where|when|why)\b", self.text)
        head = self.text[: asking.start()] if asking else ""
        # (a bracket of a few words describes; one name in one, "(DAFA)", "(ImageNet)", is the paper's or the setting's)
        unbracketed = re.sub(r"\((?=(?:[^()\s]+\s+){2,})[^()]*\)", " ", head) + self.text[len(head) :]
        aside = {n for n in names if not re.search(rf"(?<![\w-]){re.escape(n)}(?![\w-])", unbracketed)}
        return tuple(
            n
            for n in names
            if n.lower() not in measured
            and n not in own
            and n not in asked
            and n not in aside
            and n.lower() not in P.NAMELESS_BASELINES
        )

    def _figure_values(self, figures: tuple[tuple[str, ...], ...]) -> tuple[str, ...]:
        """The values in digits the question sets its figures under ("with 10% labels", "at 300x300"):
        not the numbers inside names ("CIFAR-10", "Recall@10", "1e-4"), years, nor those in what the
        user says of themselves ("I have 8 GPUs: ...")."""
        if not figures:
            return ()
        values = []
        # the sentences that ask, not a premise before them ("FixMatch got 94.93% with 250 labels; what
        # accuracy with 40?"); a clause of the user's own that asks nothing is context
        asking = [s for s in re.split(r"(?<=[.;!?])\s+", self.text) if "?" in s] or [self.text]
        for clause in re.split(r"[:;?!()]|,(?!\d)|\s[-–—]\s", " ".join(asking)):
            if P.FIRST_PERSON.search(clause) and not re.search(r"(?i)\b(?:what|which|how)\b", clause):
                continue
            bare = NAMED_NUMBER.sub(" ", clause)
            values += [v for v in _VALUE.findall(bare) if not is_year(v)]
        return tuple(dict.fromkeys(values))

    def _learned(self, intent: Intent) -> Intent:
        """The rules' intent, or the learned reading's when it speaks against them on whether the
        question asks for the body of work on a topic (not on a follow-up, read with the question
        before it). A comparison is heard only when "vs" alone made it one, read as the rules'
        "not a survey" (the model was fitted on surveys against lookups and details)."""
        if self.survey_threshold is None or self.previous is not None:
            return intent
        reading = shipped()
        if intent == "compare" and self._juxtaposes_only():
            # "pair-based losses vs softmax ones for face recognition - what's in the corpus?": two
            # families set side by side by "vs" alone, in a request for the papers on them
            probability = reading.probability(self.question, "lookup")
            if probability < self.survey_threshold:
                return intent
            heard = f"the learned reading ({probability:.2f}) hears a request for the papers"
            self.reasons.append(f"intent survey: {heard}")
            return "survey"
        if intent not in ("survey", *SINGLE):
            return intent
        survey = reading.asks_survey(self.question, intent, self.survey_threshold)
        if survey == (intent == "survey"):
            return intent
        probability = reading.probability(self.question, intent)
        said: Intent = "survey" if survey else "detail" if self._asks_fact() else "lookup"
        self.reasons.append(f"intent {said}: the learned reading ({probability:.2f}) overrules the rules' {intent}")
        return said

    def _metadata_selects_papers(self) -> bool:
        """Metadata set on the papers the question asks about, its first paper noun and a plural one:
        right before it ("the ICML 2018 papers on X", "the NeurIPS 2019 spotlight papers") or after
        it by "from/at/in" ("papers on X at ICML 2018"). Not metadata on another noun ("the paper on
        X that builds on ICML 2018 papers": the one paper asked about is not selected by it)."""
        nouns = "|".join(sorted(P.PAPER_NOUNS_SINGULAR | P.PAPER_NOUNS_PLURAL))
        noun = re.search(rf"(?i)\b(?:{nouns})\b", self.asked)
        if noun is None or noun.group(0).lower() not in P.PAPER_NOUNS_PLURAL:
            return False
        for m in self.selecting:
            if m.kind not in ("venue", "year", "presentation"):
                continue
            if m.end <= noun.start() and re.fullmatch(r"(?:\s+[\w-]+){0,2}\s+", self.asked[m.end : noun.start()]):
                return True
            between = self.asked[noun.end() : m.start]
            if (
                m.start >= noun.end()
                and re.search(r"\s(?:from|at|in)\s+(?:the\s+)?$", between)
                and not re.search(r"[.;?!]", between)
            ):
                return True
        return False

    def _sessions_asked(self) -> bool:
        """Two session types named ("oral or spotlight"): which one each paper was is asked, none selects."""
        return len(named_sessions(self.text, self.mentions)) > 1

    def _about_papers(self, m: Mention, intent: Intent) -> bool:
        """Whether metadata the corpus lacks was asked of the papers (and must be said to be
        absent), not of something else ("did the 2012 ImageNet result ..." names no paper's year)."""
        if m.kind == "kind":
            return False
        if intent in ("listing", "authorship") or m.kind == "author":
            return True
        near = self.lower[max(0, m.start - 30) : m.end + 30]
        return bool(
            re.search(
                r"\b(?:papers?|works?|articles?|spotlights?|orals?|published|accepted|appeared|"
                r"presented|lecture|talk)\b",
                near,
            )
        )

    def _beside_papers(self, m: Mention) -> bool:
        """A plural paper noun near the mention ("are there any ICML 2023 papers that build on it?")."""
        near = self.lower[max(0, m.start - 30) : m.end + 30]
        return bool(set(re.findall(r"[a-z]+", near)) & P.PAPER_NOUNS_PLURAL)

    def _absent_notice(self, m: Mention) -> str:
        names = self.names
        undated = f" ({names.undated} of its {names.total} papers have no year on record)" if names.undated else ""
        unplaced = f" ({names.unplaced} of its {names.total} papers have no venue on record)" if names.unplaced else ""
        what = {
            "year": f"no paper in the corpus is recorded as from {m.text}{undated}",
            "venue": f"no paper in the corpus is recorded at {m.text}{unplaced}",
            "author": f"no author in the corpus is named {m.text}",
            "presentation": f"no paper in the corpus is recorded as a {m.text}",
        }[m.kind]
        self.reasons.append(f"{m.kind} {m.text} left out: the corpus has none")
        return what + ", so it was left out of this answer"

    # --- words ----------------------------------------------------------------------------------------
    def _not_topic(self, intent: Intent) -> frozenset[str]:
        extra = set(P.FILLER_WORDS)
        if intent in ("listing", "authorship", "corpus_size"):
            extra |= (
                P.RECORD_FIELDS | P.PAPER_NOUNS_SINGULAR | P.PAPER_NOUNS_PLURAL | P.LISTING_WORDS | P.COLLECTION_WORDS
            )
        if intent == "lecture_outline":
            extra |= P.OVERVIEW_WORDS | P.LECTURE_WORDS | self.lecture_words
        if self.previous is not None:
            extra |= {"one", "else"}
        return frozenset(extra)

    def _search_text(self, intent: Intent, topic: str, without: str) -> str:
        if intent in ("listing", "corpus_size", "lecture_outline"):
            return topic
        if intent == "authorship":
            rest = self._authorship_subject()
            if not rest and self.previous is not None:
                return self.previous.search_text
            return rest
        text = self.text
        for m in sorted((m for m in self.mentions if m.value is None), key=lambda m: -m.start):
            text = text[: m.start] + " " + text[m.end :]
        text = " ".join(text.split())
        if intent == "survey":  # what a request for papers leaves out is not searched for ("..., not the X")
            text = without_left_out(text)
        if self.previous is not None:
            picked = P.THE_ONE.search(self.question)
            base = self.previous.search_text or self.previous.topic
            if picked:  # "the sketching one": that word picks the paper out of the previous answer
                return f"{picked.group('what')} {W.focus(text)}"
            return f"{base} {text}".strip()
        return text

    def _single(self, intent: Intent) -> bool:
        if intent not in ("lookup", "authorship", "detail"):
            return False
        return not re.search(r"\b(?:papers|works|studies|articles)\b", self.asked_lower)


# a value written in digits ("10%", "300x300", "8/255", "4,000"), whole ("1e-4" and "Recall@10" are none)
_VALUE = re.compile(r"(?<![\w.@-])\d[\d.,/x×]*%?(?![\w@-])")


# a preposition between "what" and a name puts the name in the question's setting ("what mAP on FAIR1M?")
_PREPOSITION = r"(?:on|in|of|for|at|with|to|by|from|under|over|across)"
# a verb after "what" asks of the name, not which one ("what is DRS, and what accuracy does it get?")
_VERB = r"(?:is|are|was|were|does|do|did|has|have)"
