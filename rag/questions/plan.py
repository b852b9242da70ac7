"""A question read once into a `QueryPlan`: what it asks (intent), which metadata restricts the
answer (hard filters) and which is only context (soft hints), what two things a comparison is
about (subjects), what to search for, and a short reason for each decision.

`plan(question, names=..., history=..., filters=..., resolve=...)` is the only reader of
questions; everything downstream reads the plan. The rules read the question's form, not its
topic: which noun it asks for (one paper, papers, a number), whether metadata attaches to the
papers asked for or to something else, what a comparison sets side by side. Their words live in
`rag.questions.patterns`. Does not use a model; `rag.questions.llm_plan` may propose a plan
with one, which is checked against the same catalogue.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from rag.corpus.models import normalise_title
from rag.questions import patterns as P
from rag.questions import words as W
from rag.questions.clauses import asked_part, counts_collection, first_clause, share, split_comparison
from rag.questions.models import Intent, Proposal, QueryPlan, Resolver, Subject
from rag.questions.names import Mention, Names, mentions, normalise
from rag.questions.record_ask import record_ask
from rag.retrieval.types import Filters, Hints, Hit, clean_query


def plan(
    question: str,
    *,
    names: Names,
    history: Sequence[str] = (),
    filters: Filters | None = None,
    resolve: Resolver | None = None,
    max_chars: int = 4000,
    proposal: Proposal | None = None,
) -> QueryPlan:
    """Read `question` (with the conversation's earlier questions and any filters the user set).
    A `proposal` (an LLM's reading) decides the intent, filters, hints, subjects and topic."""
    notices: list[str] = []
    if len(question) > max_chars:
        notices.append(f"the question was cut to its first {max_chars} characters")
        question = question[:max_chars]
    question = clean_query(question)
    previous = _previous(question, history, names)
    reading = _Reading(question, names, previous)
    return reading.plan(filters, resolve, notices, proposal)


def _previous(question: str, history: Sequence[str], names: Names) -> QueryPlan | None:
    """The plan of the question before this one, when this one leans on it ("and its results?")."""
    earlier = [h for h in history if h and h.strip()]
    if not earlier:
        return None
    if not (P.LEANING.search(question) or P.CONTINUATION.match(question) or W.content_count(question) <= 1):
        return None
    try:
        return plan(earlier[-1], names=names, history=earlier[:-1])
    except ValueError:
        return None


class _Reading:
    """One question being read: its normalised text, the metadata it names, and the decisions."""

    def __init__(self, question: str, names: Names, previous: QueryPlan | None) -> None:
        self.question = question
        self.names = names
        self.previous = previous
        self.text = normalise(question)
        self.lower = self.text.lower()
        self.request = asked_part(self.text, keep_request=True)  # the sentence that asks, as written
        self.asked = asked_part(self.text)  # ... without its request ("tell me ...") and the asker's asides
        self.asked_lower = self.asked.lower()
        self.clauses = [c for c in re.split(r"\s[-–]\s|[:;?]\s*|\.\s+", self.asked) if c.strip()]
        self.mentions = mentions(self.text, names)
        self.asked_mentions = mentions(self.asked, names) if self.asked != self.text else self.mentions
        self.reasons: list[str] = []
        first = first_clause(self.asked)
        self.selecting = [m for m in self.asked_mentions if m.start < len(first)]  # metadata of the first clause
        self.lecture_words = frozenset(w.lower() for t in names.lecture_titles for w in re.findall(r"\w+", t))

    # --- the plan ---------------------------------------------------------------------------------
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
            intent = self._intent()
        subjects: tuple[Subject, ...] = ()
        if intent == "compare":
            pair = tuple(proposal.subjects) if proposal is not None and len(proposal.subjects) == 2 else None
            subjects = self._subjects(resolve, pair)
            if not subjects and proposal is None and not P.ASKS_TO_COMPARE.search(self.asked):
                # a comparison word with no two things to set side by side ("noisy measurements of
                # their pairwise differences"), and no request to compare ("compare the two ..."):
                # read by what it asks about
                self.reasons.append("so it is read by what it asks about")
                intent = self._content_intent()
        elif intent == "authorship" and self._single(intent):
            subjects = self._record_subjects(resolve)
        present = [m for m in self.mentions if m.value is not None]
        absent = [m for m in self.mentions if m.value is None and self._about_papers(m, intent)]
        if proposal is not None:
            filters, hints = proposal.filters, proposal.hints
        else:
            filters, hints = self._metadata(intent, present)
        if user_filters is not None and user_filters.active:
            filters = (
                user_filters
                if filters is None
                else Filters(**{**filters.model_dump(exclude_none=True), **user_filters.model_dump(exclude_none=True)})
            )
            self.reasons.append("filters set by the user apply as they are")
        for m in absent:
            notices.append(self._absent_notice(m))
        without = self._without(self.mentions, self.text)
        topic = (proposal.topic if proposal is not None and proposal.topic else "") or W.topic(
            without, self._not_topic(intent)
        )
        focus = W.focus(without, self._not_topic(intent) - P.FUNCTION_WORDS)
        search_text = self._search_text(intent, topic, without)
        same_as = self._same_as() if intent == "authorship" else ()
        record = record_ask(self.text, self.mentions, lambda: self._titles_named(resolve))
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
            names=tuple(W.names_in(without)),
            # "..., and which papers had the same?": the record part asks about one paper
            single=self._single(intent) or bool(same_as),
            follow_up=self.previous is not None,
            absent=tuple(m.text for m in absent),
            record=record,
            notices=tuple(notices),
            reasons=tuple(self.reasons),
        )

    # --- intent ---------------------------------------------------------------------------------
    def _intent(self) -> Intent:
        lower = self.asked_lower
        if self._asks_size():
            self.reasons.append("intent corpus_size: asks how many documents the collection holds, no topic")
            return "corpus_size"
        if P.AUTHORSHIP.match(self.asked):
            self.reasons.append("intent authorship: asks who wrote it, or where and when it appeared (the record)")
            return "authorship"
        if self._asks_outline():
            self.reasons.append("intent lecture_outline: asks what the lecture covers as a whole")
            return "lecture_outline"
        fact = self._asks_fact()
        # a fact asked "compared with" something is still one fact; an explicit comparison is not
        split = split_comparison(self.asked) or split_comparison(self.text)
        if (
            (self._compares() and not fact)
            or self._compares(explicit=True)
            or (self._compares(self.text, explicit=True) and split is not None)
        ):
            self.reasons.append("intent compare: sets two things side by side")
            return "compare"
        if not fact and self._lists():
            return "listing"
        if self.previous is not None and self.previous.intent == "lecture_outline" and not W.topic(lower):
            self.reasons.append("intent lecture_outline: continues the previous question about the lecture")
            return "lecture_outline"
        if P.FIELD_REQUEST.search(self.asked) or P.SESSION_QUESTION.match(self.asked):
            self.reasons.append("intent authorship: asks for a paper's authors, venue, year or session (the record)")
            return "authorship"
        return self._content_intent()

    def _asks_size(self) -> bool:
        """ "how many papers are in the corpus?", "how big is this collection?": a count of what the
        collection holds (not "how many corruptions ..."), with no topic ("... on diffusion")."""
        if not P.SIZE_QUESTION.search(self.asked):
            return False
        if any(m.kind in ("venue", "year", "author", "presentation") for m in self.asked_mentions):
            return False  # "how many NeurIPS 2019 papers": a listing
        counted = re.search(r"\bhow\s+many\s+([a-z]+)", self.asked_lower)
        if counted and not counts_collection(counted.group(1)):
            return False
        if not counted and not any(
            counts_collection(w) or w in P.COLLECTION_NOUNS for w in re.findall(r"[a-z]+", self.asked_lower)
        ):
            return False
        clause = next((c for c in self.clauses if P.SIZE_QUESTION.search(c)), self.asked)
        left = [w for w in W.topic(clause).lower().split() if w not in P.COLLECTION_WORDS and not counts_collection(w)]
        return not left  # "how many papers study noisy labels?": a topic, not the collection

    def _asks_outline(self) -> bool:
        """The lecture as a whole: it is named (or was the previous question's subject) with an
        overview word, and the sentence naming it leaves no narrower topic."""
        lecture = (
            any(m.kind == "kind" for m in self.asked_mentions)
            or self._names_lecture_title()
            or (
                self.previous is not None
                and "lecture" in (self.previous.hints.kind, self.previous.filters and self.previous.filters.kind)
                and bool(P.LEANING.search(self.asked))
            )
        )
        if not lecture:
            return False
        if not set(re.findall(r"[a-z]+", self.request.lower())) & P.OVERVIEW_WORDS:
            return False
        left = W.topic(
            self._without(self.asked_mentions, self.asked),
            P.OVERVIEW_WORDS
            | P.LECTURE_WORDS
            | self.lecture_words
            | P.COLLECTION_WORDS
            | frozenset({"else", "go", "goes", "through", "order", "section", "walk"}),
        )
        return not left

    def _names_lecture_title(self, text: str | None = None) -> bool:
        lower = normalise_title(text or self.asked)
        return any(
            normalise_title(t) in lower or share(normalise_title(t), lower) >= 3 for t in self.names.lecture_titles
        )

    def _compares(self, text: str | None = None, explicit: bool = False) -> bool:
        """A comparison's words ("vs", "differ", "compare"); `explicit` leaves out "compared
        with", which a fact question uses too ("by how much ... compared with AdamW?")."""
        text = text or self.asked
        words = set(re.findall(r"[a-z]+", text.lower()))
        if explicit and "compared" in words and not re.match(r"(?i)^\s*[\w\-. ]+?\s+compared\s+(?:with|to)\b", text):
            words.discard("compared")
        if words & P.COMPARISON_WORDS or re.search(r"\bdifferent\s+(?:from|than|to)\b", text, re.I):
            return True
        if P.COMPARE_FORMS[-1].match(text.strip()):  # "X and Y both ...; how does each ...?"
            return True
        return bool(P.COMPARE_FORMS[5].match(text) or P.WHICH_OF_TWO.match(text.strip()))  # "is X better than Y"

    def _lists(self) -> bool:
        """A listing selects papers by metadata named in its first clause and asks for several
        (or for one by its session alone: "what was the oral at NeurIPS 2019?"). Metadata
        attached to something else, or a single paper described by its content, is context."""
        previous = self.previous
        if (
            previous is not None
            and previous.intent == "listing"
            and re.search(r"\b(?:which|any|how\s+many|all)\s+of\s+(?:them|these|those)\b", self.asked_lower)
        ):
            self.reasons.append("intent listing: narrows the list the previous question asked for")
            return True
        selecting = [m for m in self.selecting if m.kind in ("venue", "year", "author", "presentation")]
        if not selecting:
            return False
        first = first_clause(self.asked).lower()
        plural = bool(set(re.findall(r"[a-z]+", first)) & P.PAPER_NOUNS_PLURAL) or bool(
            re.search(r"\b(?:orals|spotlights)\b", first)
        )
        singular = re.search(r"\b(?:paper|article|publication|study|work|spotlight|oral|talk)\b", first)
        listing_verb = P.LISTING_VERBS.search(first)
        by_author = any(
            m.kind == "author"
            and (
                P.AUTHOR_CONTEXT.search(self.asked[: m.start])
                or re.search(
                    r"\b(?:published|written|authored|co-?authored|wrote|"
                    r"write|publish|got|(?:co-?)?authors?)\b",
                    first,
                )
            )
            for m in selecting
        )
        described = self._describes_one(first)
        if (plural or listing_verb or by_author) and not (singular and described and not plural):
            self.reasons.append("intent listing: asks for the papers of a venue, year, author or session")
            return True
        if singular and not described:
            self.reasons.append("intent listing: asks for the paper of a session, with nothing else to go on")
            return True
        if not plural and not singular and W.content_count(self._without(self.asked_mentions, first)) == 0:
            self.reasons.append("intent listing: names only metadata")
            return True
        return False

    def _describes_one(self, clause: str) -> bool:
        """Whether `clause` describes one paper by its content ("that proposes ...", "on X")."""
        rest = self._without(self.asked_mentions, clause)
        left = W.topic(rest, P.RECORD_FIELDS | P.PAPER_NOUNS_SINGULAR | P.PAPER_NOUNS_PLURAL | P.LISTING_WORDS)
        return (
            len(left.split()) >= 2 or bool(re.search(r"\b(?:that|which|who|whose)\s+\w+", clause, re.I)) and bool(left)
        )

    def _content_intent(self) -> Intent:
        text, lower = self.asked, self.asked_lower
        if P.SURVEY_START.search(text) or P.SURVEY_ANYWHERE.search(text):
            self.reasons.append("intent survey: asks for the body of work on a topic")
            return "survey"
        if self._asks_fact() or self._names_metric():
            self.reasons.append("intent detail: asks for a fact (a number, how something works, what a paper reports)")
            return "detail"
        if re.search(
            r"\bwhat(?:'s|\s+is|\s+was)\s+(?:it|that|this|the\s+paper|the\s+name)\s*(?:called|named|of)?\b", lower
        ) and re.search(r"\b(?:called|named|name)\b", lower):
            self.reasons.append("intent lookup: asks what a paper is called")
            return "lookup"
        wanted = self._wh_noun()
        if wanted is not None:
            head = next(
                (
                    w
                    for w in wanted.split()
                    if w in P.PAPER_NOUNS_SINGULAR | P.PAPER_NOUNS_PLURAL | P.SURVEY_NOUNS | P.MASS_WORK_NOUNS | {"one"}
                ),
                None,
            )
            if head in P.PAPER_NOUNS_SINGULAR or head == "one":
                self.reasons.append("intent lookup: asks which paper")
                return "lookup"
            if head is not None and not self._names_one_paper():
                self.reasons.append(f"intent survey: asks for {head}")
                return "survey"
            if wanted:
                self.reasons.append(f"intent detail: asks for {wanted} of a given paper or method")
                return "detail"
        head = self._asked_for()
        if head in P.PAPER_NOUNS_PLURAL or head in P.SURVEY_NOUNS or head in P.MASS_WORK_NOUNS:
            self.reasons.append(f"intent survey: asks for {head}")
            return "survey"
        if (
            P.ONE_PAPER.search(text)
            or self.previous is not None
            or re.search(r"\b(?:paper|article|preprint|publication)\b", lower)
        ):
            self.reasons.append("intent lookup: asks for one paper")
            return "lookup"
        if re.match(r"^\s*(?:what|which|who|when|where|why|how|is|are|does|do|did|can|could|should|would)\b", lower):
            self.reasons.append("intent lookup: a question about one finding")
            return "lookup"
        if self._bare_topic():
            self.reasons.append("intent survey: a bare topic or alternatives, not one paper's description")
            return "survey"
        self.reasons.append("intent lookup: describes one paper's contribution")
        return "lookup"

    def _wh_noun(self) -> str | None:
        """The noun phrase a what/which question asks for, up to its verb or preposition: "What
        real-world task did ..." -> "real-world task", "what is SAM?" -> "sam", "which papers
        study X" -> "papers study x"; None when the question does not start with what/which."""
        m = re.match(r"^\s*(?:(?:and|so|ok)\s+)?(?:what|which)(?:'s|\s+(?:is|are|was|were))?\s+(.*)$", self.asked_lower)
        if m is None:
            return None
        words = []
        for word in re.findall(r"[a-z0-9][\w\-]*", m.group(1)):
            if word in _STOPS:
                break
            if word not in ("the", "a", "an"):
                words.append(word)
        return " ".join(words)

    def _names_one_paper(self) -> bool:
        """Whether the question points at one paper ("in the common-corruptions paper", "the NeurIPS
        spotlight on ..."): then the papers' nouns it asks for are that paper's (its datasets)."""
        return bool(
            re.search(
                r"\b(?:the|this|that|their|its)\s+(?:[\w\-]+\s+){0,4}?(?:paper|article|study|spotlight|oral|"
                r"lecture|method|approach|benchmark)\b|\b(?:it|its)\b",
                self.asked_lower,
            )
        )

    def _asks_fact(self) -> bool:
        """A question (or a clause of one: "the sketching one - what running time does it
        achieve?") that asks for a fact: a number, how something works, what a paper reports."""
        return any(
            (P.DETAIL_START.match(c) and not P.COUNTS_PAPERS.match(c)) or P.MECHANISM.match(c) for c in self.clauses
        )

    def _names_metric(self) -> bool:
        """A bare query naming a metric and a number or a name ("SSD mAP VOC2007 300x300")."""
        if re.match(r"^\s*(?:what|which|who|when|where|why|how|is|are|does|do|did|can)\b", self.asked_lower):
            return False
        words = set(re.findall(r"[a-z0-9\-]+", self.asked_lower))
        return bool(words & P.METRIC_NOUNS) and bool(re.search(r"\d", self.asked))

    def _asked_for(self) -> str | None:
        """The noun a question asks for: "which papers study X" -> "papers", "methods for X" -> "methods"."""
        m = re.match(r"^\s*(?:(?:and|so|ok)\s+)?(?:what|which)\s+(?:(?:\w+\s+){0,2}?)(\w+)\s+", self.asked_lower)
        if m:
            return m.group(1)
        words = re.findall(r"[a-z][a-z\-]*", self.asked_lower)
        for w in words[:6]:  # a bare query's head noun: the first plural of the survey list
            if w in P.SURVEY_NOUNS or w in P.PAPER_NOUNS_PLURAL:
                return w
            if w in ("on", "for", "about", "to", "that", "which"):
                break
        return None

    def _bare_topic(self) -> bool:
        """A keyword query that names a topic ("black-box adversarial attacks", "sharpness and
        generalization") rather than describing one paper's contribution (a purpose, a mechanism:
        "bounding the logit norm to stop memorising corrupted labels"); one that offers
        alternatives ("pruning or compressing networks without losing robustness") is a topic
        at any length."""
        if self._offers_alternatives():
            return True
        words = [w for w in W.topic(self.asked).split() if w.lower() not in ("e.g", "i.e", "etc", "eg", "ie")]
        if P.PURPOSE.search(self.asked):
            return False
        if re.match(r"^\s*(?:a|an|the|one)\s+", self.asked_lower):
            return False
        return len(words) <= 6

    def _offers_alternatives(self) -> bool:
        """Alternatives in the query's head, a spaced slash or examples (patterns.ALTERNATIVES_*)."""
        if P.ALTERNATIVES_ANYWHERE.search(self.asked) or P.ALTERNATIVES_LIST.search(self.asked):
            return True
        words = re.findall(r"[\w\-]+", self.asked_lower)[: P.ALTERNATIVES_HEAD_WORDS + 2]
        return "or" in words[1 : P.ALTERNATIVES_HEAD_WORDS] and not P.NOT_ALTERNATIVES.search(" ".join(words))

    # --- filters and hints ------------------------------------------------------------------------
    def _metadata(self, intent: Intent, present: list[Mention]) -> tuple[Filters | None, Hints]:
        fields: dict[str, object] = {}
        for m in present:
            key = m.kind if m.kind != "kind" else "kind"
            fields.setdefault(key, m.value)
        if (
            intent == "authorship"
            and not self._authorship_subject()
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

    def _sessions_asked(self) -> bool:
        """Two session types named ("oral or spotlight"): which one each paper was is asked, none selects."""
        return len({m.value for m in self.mentions if m.kind == "presentation" and m.value}) > 1

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

    def _without(self, found: list[Mention], text: str) -> str:
        """`text` with the metadata mentions inside it blanked out ("ICLR 2018 papers on vision" ->
        "papers on vision")."""
        out = text
        for m in sorted(found, key=lambda m: -m.start):
            if m.end <= len(out) and out[m.start : m.end].lower() == m.text.lower():
                out = out[: m.start] + " " + out[m.end :]
        out = re.sub(r"'s\b", "", out)
        return " ".join(out.split())

    def _authorship_subject(self) -> str:
        """What an authorship question asks about, without its metadata and framing ("" for "who
        wrote the NeurIPS 2019 oral?"). When the question is set after its subject ("IoU-Net: which
        conference is it from?"), the subject is what comes before it."""
        unwanted = (
            {"one", "it", "them", "this", "that", "these", "those"}
            | P.RECORD_FIELDS
            | P.PAPER_NOUNS_SINGULAR
            | P.PAPER_NOUNS_PLURAL
        )

        def kept(text: str) -> str:
            return " ".join(w for w in W.focus(text).split() if w.lower() not in unwanted | P.COLLECTION_WORDS)

        def subject(text: str) -> str:
            return kept(self._record_clause(text))

        if self.asked != self.text and self.text.endswith(self.asked):
            # the question is set after other words: the asked part names the paper ("I'm writing a
            # survey. Who wrote Group Normalization?"), else, when it only points ("who are its
            # authors?"), the words before it do ("I remember a paper proving X. Who are its authors?")
            found = subject(self.asked)
            if found and not re.search(r"\b(?:it|its|they|their|them|this|that|these|those)\b", self.asked, re.I):
                return found
            before = self.text[: -len(self.asked)].strip(" :-–")
            found = kept(self._without(self.mentions, before)) if before else ""
            if found and len(before.split()) <= 12:
                return found  # "IoU-Net: which conference is it from?"
            return subject(self.text) or found
        return subject(self.text)

    def _record_clause(self, text: str) -> str:
        """What a record question's clause asks about, as written, metadata left out; "" if none.
        A question that opens with its request: after the request's framing ("where were"), before
        its verb ("published", "from, and ..."). A request elsewhere ("the full author list for X",
        "X - was that ICLR or NeurIPS?", "was X a spotlight?"): the words around it, without the
        clause asking for the other papers that share the record."""
        asks = P.AUTHORSHIP.match(self._without(self.mentions, text))
        if asks:
            return P.RECORD_VERB_TAIL.sub("", asks.group("rest")).strip(" ?.!")
        session = P.SESSION_QUESTION.match(text)
        if session:
            rest = session.group("subject")
        elif P.FIELD_REQUEST.search(text):
            if P.SAME_RECORD.search(text) or P.SAME_BARE.search(text):
                text = P.OTHERS_CLAUSE.sub("", text)
            rest = P.FIELD_REQUEST.sub(" ", text)
        else:
            return ""
        for m in self.mentions:  # the request may hold metadata ("a spotlight at NeurIPS?"): out too
            rest = re.sub(rf"(?i)(?<!\w){re.escape(m.text)}(?!\w)", " ", rest)
        return P.RECORD_VERB_TAIL.sub("", rest).strip(" ?.!,;:-")

    def _same_as(self) -> tuple[str, ...]:
        """The record fields a question also wants shared ("... and what else is from that same
        conference?": venue and year): the one named with "same", else the one it asks about."""
        named, bare = P.SAME_RECORD.search(self.text), P.SAME_BARE.search(self.text)
        if named is not None:
            field = named.group("field")
        elif bare is not None:  # "which session type was X, and which others had the same?"
            field = next((m.group("field") for m in P.RECORD_FIELD_ASKED.finditer(self.text[: bare.start()])), None)
        else:
            return ()
        if field is None:
            return ()
        fields = P.SAME_FIELDS[field.split()[0].lower()]
        self.reasons.append(f"also the other papers with the same {' and '.join(fields)} on record")
        return fields

    def _record_subjects(self, resolve: Resolver | None) -> tuple[Subject, ...]:
        """The papers a record question lists ("where and when were Group Normalization, Spherical
        CNNs and the adversarial music paper published?", "who wrote A and B?"), each resolved to
        its own paper; none when it names one paper (a title may hold "and" itself) or when some
        part of the list names no paper."""
        rest = self._record_clause(self.text)
        if not rest or resolve is None:
            return ()
        parts = [p for p in P.LIST_SEPARATOR.split(rest) if p.strip()]
        if len(parts) < 2 or P.ONE_DESCRIBED.match(rest) or any(P.QUESTION_PART.match(p) for p in parts[1:]):
            return ()
        key = f" {normalise_title(rest)} "
        if any(key in f" {normalise_title(h.paper.title)} " for h in resolve(rest)):
            return ()  # one title ("who wrote Adversarial Training and Robustness for Multiple Perturbations?")
        before = len(self.reasons)
        subjects: list[Subject] = []
        for part in parts:
            subject = self._resolve(part, resolve, {s.paper_id for s in subjects if s.paper_id})
            # a part must name a paper: its title, a marked name ("SSD", "Spherical CNNs") or a
            # description; not a bare word ("... and when?", "it") matched to some title holding it
            if subject.paper_id is None or (subject.how == "name" and not W.names_in(part)):
                del self.reasons[before:]
                return ()
            subjects.append(subject)
        del self.reasons[before:]
        self.reasons.append(
            f"a record question about {len(subjects)} papers: "
            + "; ".join(f'"{s.text}" is {s.title}' for s in subjects)
        )
        return tuple(subjects)

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

    # --- comparisons ------------------------------------------------------------------------------------
    def _subjects(self, resolve: Resolver | None, given: tuple[str, ...] | None = None) -> tuple[Subject, ...]:
        pair = given or split_comparison(self.asked) or split_comparison(self.text)
        if pair is None:
            named = self._titles_named(resolve)
            if len(named) >= 2:  # "Two papers here both go by 'rDPO': <title>, and <title>. How ...?"
                self.reasons.append("comparing the two papers whose titles the question names")
                return tuple(Subject(text=t, paper_id=pid, title=t, how="title") for pid, t in named[:2])
            self.reasons.append("no two subjects found in the comparison: answered from retrieval")
            return ()
        subjects: list[Subject] = []
        for text in pair:
            taken = {s.paper_id for s in subjects if s.paper_id}
            if self.previous is not None and text.lower() in ("it", "this", "that", "this one", "that one", "they"):
                earlier = self.previous.topic or self.previous.search_text
                subjects.append(self._resolve(earlier, resolve, taken, how="earlier turn", shown=text))
            else:
                subjects.append(self._resolve(text, resolve, taken))
        return tuple(subjects)

    def _titles_named(self, resolve: Resolver | None) -> list[tuple[str, str]]:
        """(paper id, title) of the papers whose titles the question writes out (most of a title's
        words, in order), among those retrieval finds for the question, in the question's order."""
        if resolve is None:
            return []
        question = f" {normalise_title(self.text)} "
        found = []
        for hit in resolve(self.text):
            words = normalise_title(hit.paper.title).split()
            head = " ".join(words[: max(3, len(words) * 3 // 5)])  # most of a title's first words
            short = (
                normalise_title(hit.paper.title.split(":")[0]) if ":" in hit.paper.title else ""
            )  # "Provably Robust DPO"
            places = [question.find(f" {w} ") for w in (head, short) if len(w.split()) >= 2 and f" {w} " in question]
            if places:
                found.append((min(places), hit.paper.id, hit.paper.title))
        return [(pid, title) for _, pid, title in sorted(found)]

    def _resolve(
        self, text: str, resolve: Resolver | None, taken: set[str], how: str | None = None, shown: str | None = None
    ) -> Subject:
        """The paper `text` names, other than those in `taken` (a comparison's other side): by its
        title when the text holds the title or the title holds the text, else by retrieval (a
        name must be in the paper's title or abstract; a description takes the best match)."""
        shown = shown or text
        if resolve is None:
            return Subject(text=shown)
        hits = [h for h in resolve(text) if h.paper.id not in taken]
        key = normalise_title(text)
        for hit in hits:
            title = normalise_title(hit.paper.title)
            if len(title) > 8 and key and (title in key or (f" {key} " in f" {title} " and len(key.split()) >= 3)):
                self.reasons.append(f'"{shown}" is the title of {hit.paper.title}')
                return Subject(text=shown, paper_id=hit.paper.id, title=hit.paper.title, how="title")
        named = W.names_in(text)
        described = re.search(r"(?i)^(?:the|a|an)\b|\b(?:that|which|who|whose|where)\b", text) is not None
        if (named or not described) and len(text.split()) <= 4:
            # a name ("Lion", "Dr. DPO", "triplet loss"): the paper whose title has it, else one whose
            # abstract introduces it ("our first benchmark, ImageNet-C") or names it twice or more: a
            # paper about it, not one mentioning it in passing
            def count(hit: Hit, field: str, wanted: list[str]) -> int:
                where = hit.paper.title if field == "title" else hit.paper.abstract
                found = []
                for n in wanted:
                    spots = list(re.finditer(rf"(?<![\w-]){re.escape(n)}(?![\w-])", where, re.I))
                    own = any(_INTRODUCES.search(where[max(0, m.start() - 60) : m.start()]) for m in spots)
                    found.append(2 if own and field == "abstract" else len(spots))
                return min(found)

            ordered = sorted(hits[:5], key=lambda h: h.paper.kind != "paper")
            # the name as written ("Dr. DPO") before its marked words alone ("DPO"); titles first
            tries = [
                (f, w, least) for w in ([text.strip()], named) if w for f, least in (("title", 1), ("abstract", 2))
            ]
            found = next((h for f, w, least in tries for h in ordered if count(h, f, w) >= least), None)
            if found is not None:
                self.reasons.append(f'"{shown}" is named in {found.paper.title}')
                return Subject(text=shown, paper_id=found.paper.id, title=found.paper.title, how=how or "name")
            self.reasons.append(f'no paper is about "{shown}"')
            return Subject(text=shown)
        if hits:
            self.reasons.append(f'"{shown}" resolved by retrieval to {hits[0].paper.title}')
            return Subject(text=shown, paper_id=hits[0].paper.id, title=hits[0].paper.title, how=how or "description")
        return Subject(text=shown)


_INTRODUCES = re.compile(
    r"\b(?:our|we\s+(?:propose|introduce|present|call|name|dub|term|develop|design)\w*|called|named|"
    r"dubbed|termed|coined)\b[^.]*$",
    re.I,
)
_STOPS = frozenset(
    "does do did is are was were has have had can could would will should of in on for between from "
    "with by at to about that which who whose when where if than versus vs".split()
)
