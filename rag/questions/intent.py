"""The intent rules of the plan's reading: what a question asks for (one paper, papers, a fact,
a comparison, a paper's record, the lecture as a whole, the collection's size), read from its form,
not its topic. A base of the reading in rag.questions.plan, which calls `_intent` and, when a
comparison has no two subjects, `_content_intent`; the filters, hints and subjects are decided
elsewhere."""

from __future__ import annotations

import re

from rag.corpus.models import normalise_title
from rag.questions import patterns as P
from rag.questions import record_patterns as R
from rag.questions import words as W
from rag.questions.clauses import (
    announced_pair,
    counts_collection,
    first_clause,
    paired_subject,
    share,
    split_comparison,
    trade_offs_joined,
)
from rag.questions.models import Intent
from rag.questions.names import mentions
from rag.questions.question import QuestionText
from rag.text.naming import marked_as_name, names_in

# an aside in brackets that names no paper ("for judging a model, as inspiration for a new method"): examples,
# not what is asked for ("(the SSD paper)" is)
_BRACKETED = re.compile(
    r"\((?![^()]*\b(?:" + "|".join(sorted(P.PAPER_NOUNS_SINGULAR | {"work"})) + r")s?\b)[^()]*\)", re.I
)
_VS = re.compile(r"(?i)\b(?:vs\.?|versus)(?=\s)")  # "X vs Y": the juxtaposition alone


class IntentRules(QuestionText):
    """The rules that decide a question's intent; each adds its reason to `reasons`."""

    # --- intent ---------------------------------------------------------------------------------
    def _intent(self) -> Intent:
        lower = self.asked_lower
        if self._asks_size():
            self.reasons.append("intent corpus_size: asks how many documents the collection holds, no topic")
            return "corpus_size"
        if R.AUTHORSHIP.match(self.asked):
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
            or (announced_pair(self.text) is not None and P.POINTS_BACK.search(self.asked) is not None)
            or (paired_subject(self.text) is not None and P.EACH.search(self.asked) is not None)
        ) and not self._record_values_side(split):
            self.reasons.append("intent compare: sets two things side by side")
            return "compare"
        if not fact and self._lists():
            return "listing"
        if self.previous is not None and self.previous.intent == "lecture_outline" and not W.topic(lower):
            self.reasons.append("intent lecture_outline: continues the previous question about the lecture")
            return "lecture_outline"
        if R.field_request(self.asked) or R.SESSION_QUESTION.match(self.asked):
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
        asked = _without_list(text)  # a comparison inside one listed item is not what is asked
        # nor one inside an aside ("how big were the gains (combined vs best baseline)?")
        # ("which is better (A vs B)?" chooses; "which papers show X (A vs B vs C)?" asks for works, the aside
        # says what X covers)
        if re.match(r"(?i)\s*(?:what|how|who|why|when|where)\b", asked) or _WHICH_WORKS.match(asked):
            # (one setting two names side by side stays: "how do the two papers (TRADES vs MART) define it?")
            asked = re.sub(r"\s*\([^()]*\)", lambda m: m.group() if len(names_in(m.group())) >= 2 else "", asked)
        asked = trade_offs_joined(asked)  # "how does epsilon trade off speed vs accuracy?": two quantities
        # a comparison in a clause that says which thing is asked ("the error rate they compare to?", "the
        # baseline it is compared against"): its object is what the clause describes, one thing asked
        asked = P.COMPARED_THING.sub(" ", asked)
        words = set(re.findall(r"[a-z]+", asked.lower()))
        if explicit and "compared" in words and not re.match(r"(?i)^\s*[\w\-. ]+?\s+compared\s+(?:with|to)\b", text):
            words.discard("compared")
        if words & P.COMPARISON_WORDS or re.search(r"\bdifferent\s+(?:from|than|to)\b", asked, re.I):
            return True
        if P.BOTH_TRAILING.match(text.strip()):  # "X and Y both ...; how does each ...?"
            return True
        if P.BOTH_LEADING.match(text.strip()) and P.EACH_ASKED.search(text):  # "Both X and Y ...; what does each ...?"
            return True
        relates = P.RELATES.match(text.strip()) or P.RELATE_BOTH.match(text.strip())
        if relates and split_comparison(relates.group(0)):
            return True  # "how does the paper that ... relate to the X method?": two works
        return bool(
            P.COMPARE_FORMS[5].match(text)
            or P.WHICH_OF_TWO.match(text.strip())
            or self._chooses(text.strip())
            or self._lists_papers(text.strip())
        )  # "is X better than Y", "which of X or Y ...?", "would X or Y be the better pick?"

    def _record_values_side(self, split: tuple[str, str] | None) -> bool:
        """Whether a side the question sets against the other is only a record's values ("...,
        and how many were spotlights vs orals?"): the records are asked, no two works compared."""
        if split is None:
            return False
        return any((found := mentions(side, self.names)) and not W.topic(self._without(found, side)) for side in split)

    def _juxtaposes_only(self) -> bool:
        """Whether the comparison rests on "vs"/"versus" alone: read with them as "and", neither the
        question nor its asked part compares ("X vs Y: how do they differ?" still does)."""
        plain, text = (_VS.sub("and", t) for t in (self.asked, self.text))
        return (plain != self.asked or text != self.text) and not (
            self._compares(plain) or self._compares(text) or P.ASKS_TO_COMPARE.search(text)
        )

    def _chooses(self, text: str) -> bool:
        """ "Would A or B be the better pick?" between two papers or methods, not between venues or
        sessions ("Is ICML or NeurIPS the better venue?" asks about the records)."""
        m = P.CHOICE_OF_TWO.match(text)
        return m is not None and not any(
            mention.kind in ("venue", "year", "author", "presentation") and mention.text in m.group(0)
            for mention in self.mentions
        )

    def _lists_papers(self, text: str) -> bool:
        """ "Which of A, B and C ...?" listing papers or methods, not metadata ("which of ICML and
        NeurIPS has more papers on X?" asks about venues: a listing)."""
        m = P.WHICH_OF_LIST.match(text)
        if m is None:
            return False
        listed = text[m.start("a") : m.end("b")]
        return not any(
            mention.kind in ("venue", "year", "author", "presentation") and mention.text in listed
            for mention in self.mentions
        )

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
                R.AUTHOR_CONTEXT.search(self.asked[: m.start])
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
        requested = (
            P.COMMUNITY_HOW.search(text)
            or P.WORKS_WANTED.search(self.text)
            or any(P.ANYTHING_ON.search(c) for c in self.clauses)  # "<topic>: is there anything on it?"
        ) and not self._points_at_one()
        if P.SURVEY_START.search(text) or P.SURVEY_ANYWHERE.search(text) or requested:
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
            if head is not None and self._kind_of_a_name():
                self.reasons.append(f"intent detail: asks for the {head} a named work uses")
                return "detail"
            if head is not None and (self._works_do() or not self._names_one_paper()):
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
        study X" -> "papers study x", also after a leading name set off by a comma ("For FROD, what
        box AP ...") or a colon ("DRS (...): what certified accuracy ..."); None when the question
        does not start with what/which."""
        asked = self.asked_lower
        # after a leading name set off by a comma ("For FROD, what box AP ...", "In the SSD paper,
        # which ..."); a leading topic ("for robust overfitting, which papers ...") is left as it was
        lead = _LEAD_NAME.match(asked)
        if lead is None:  # a name set off by a colon ("DRS (dual randomized smoothing): what certified accuracy ...?")
            lead = re.match(r"^\s*([^,?;:]{1,80}):\s*(?=what\b|which\b)", asked)
        if lead is not None and (
            # a lead set off before "which papers ..." is what the works are on, whatever it is
            _one_work(self.asked[lead.start(1) : lead.end(1)]) or _WHICH_WORKS.match(asked[lead.end() :])
        ):
            asked = asked[lead.end() :]
        m = re.match(r"^\s*(?:(?:and|so|ok)\s+)?(?:what|which)(?:'s|\s+(?:is|are|was|were))?\s+(.*)$", asked)
        if m is None:
            return None
        words = []
        for word in re.findall(r"[a-z0-9][\w\-]*", m.group(1)):
            if word in _STOPS:
                break
            if word not in ("the", "a", "an"):
                words.append(word)
        return " ".join(words)

    def _kind_of_a_name(self) -> bool:
        """A what/which question asking for the named things of one named work (its datasets,
        benchmarks or models): "which datasets does RobustTSF report MSE on?", "RobustTSF: which
        benchmarks do they use?", "For FROD, which datasets did they pick ...?"; not "which
        benchmarks measure robustness to corruptions?" (the works that are benchmarks)."""
        lead = _LEAD_NAME.match(self.asked_lower)
        asked = self.asked
        if lead is not None and _one_work(self.asked[lead.start(1) : lead.end(1)]):
            named, asked = True, self.asked[lead.end() :]
        else:
            before = self.text[: self.text.rfind(self.asked)] if self.asked in self.text else ""
            # a name before a colon ("RobustTSF: ..."), or one work described ("For the detector that ...: ...")
            described = re.fullmatch(r"(?is)\s*(?:for|in|regarding|about)\s+the\s+([^:?]{3,200}):\s*", before)
            named = bool(re.fullmatch(r"\s*(?:\S+\s+){0,5}\S+\s*:\s*", before) and names_in(before)) or bool(
                # its head among its first words: "For the papers on X:" is many ("the detector trained on
                # two datasets" is one)
                described and not set(re.findall(r"[a-z]+", described.group(1).lower())[:3]) & _GROUPS
            )
        m = _KIND_ASKED.match(asked)
        if m is None:
            return False
        # the work is the subject: named right after the verb ("does RobustTSF report"), or named before
        # and pointed back at ("RobustTSF: which benchmarks do they report ...?"); "which datasets are
        # standard for OOD detection?" and "RLHF: which datasets are commonly used?" ask for works
        # (past guesses in brackets: "which benchmarks (ETTh1? Weather?) do they use?")
        subject = re.match(r"\s*(?:\([^()]*\)\s*)?(?:do|does|did)\s+(?:the\s+)?(\S+)", asked[m.end() :], re.I)
        if subject is None:
            return False
        word = subject.group(1).rstrip(",.?!:;'")
        return bool(names_in(word)) or (named and word.lower() in ("they", "it"))

    def _points_at_one(self) -> bool:
        """Whether anything in the question points at one paper ("which paper ...", "in the DeepFool
        paper", "the original work on GANs"): then a request for works elsewhere in it is that paper's.
        ("it" does not: "label smoothing: why does it help, and what alternatives exist?"), outside the
        examples a bracket gives ("anything that uses dropout as a tool (for judging a model, ...)")."""
        text = _BRACKETED.sub(" ", self.text)
        for m in P.ONE_PAPER.finditer(text):
            said = m.group(0).lower()
            body_of_work = (
                said.endswith("work")
                and re.match(r"\s+(?:on|about|into|regarding)\b", text[m.end() :])
                and not re.search(rf"\b{P.FIRST_ONE_WORDS}\b", said)
            )
            # "work on X" is a body of work; "the original work on X", "the work that shows X" one paper
            if not body_of_work:
                return True
        return bool(re.search(r"\b(?:paper|article|preprint|publication)\b", text, re.I))

    def _works_do(self) -> bool:
        """Whether the question asks which works do something, past any lead ("For the adversarial
        training approach, which papers report certified accuracy?", "For robust overfitting, which
        papers study it?"): the works asked for are many whatever one paper the rest names; not
        "which papers does it cite?" (the one paper's)."""
        lead = _LEAD_NAME.match(self.asked_lower)
        asked = self.asked[lead.end() :] if lead is not None else self.asked
        m = _WHICH_WORKS.match(asked)
        # not "which papers does it cite / are its baselines / has it been compared with?" (the one paper's),
        # nor "which works better?" (a choice)
        return m is not None and re.match(r"\s+(?!(?:" + _AUXILIARIES + r")\b)[a-z]+", asked[m.end() :]) is not None

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

    def asks_quantity(self) -> bool:
        """A clause that asks a quantity or a kind past what describes the work ("For VAT, how many forward
        passes ...", "LOKT: by what margin ...", "apart from image classification, on which kind of task
        ..."), not a count of papers; of a question that points at one work, by a name or in the singular
        ("the autoencoder paper", "its"), not of a topic ("object detectors under attack: how much AP is lost?")."""
        if not any(P.FACT_ASKED.search(c) and not P.COUNTS_PAPERS_ANYWHERE.search(c) for c in self.clauses):
            return False
        measures = P.METRIC_NOUNS | P.SCORE_MEASURES  # "AP", "F1": a measure asked, no name of a work
        named = any(marked_as_name(w) and w.lower() not in measures for w in re.findall(r"[\w-]+", self.text))
        return named or self._points_at_one() or self._names_one_paper()

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
        at any length, and one naming examples ("generative priors for inverse problems such as
        deblurring or tomography") unless it has a purpose or mechanism."""
        if self._offers_alternatives():
            return True
        words = [w for w in W.topic(self.asked).split() if w.lower() not in ("e.g", "i.e", "etc", "eg", "ie")]
        if P.PURPOSE.search(self.asked):
            return False
        if re.match(r"^\s*(?:a|an|the|one)\s+", self.asked_lower):
            return False
        if P.EXAMPLES_NAMED.search(self.asked):
            return True
        return len(words) <= 6

    def _offers_alternatives(self) -> bool:
        """Alternatives in the query's head, a spaced slash or examples, listed or in brackets
        (patterns.ALTERNATIVES_*, EXAMPLES_IN_BRACKETS)."""
        if any(p.search(self.asked) for p in (P.ALTERNATIVES_ANYWHERE, P.ALTERNATIVES_LIST, P.EXAMPLES_IN_BRACKETS)):
            return True
        words = re.findall(r"[\w\-]+", self.asked_lower)[: P.ALTERNATIVES_HEAD_WORDS + 2]
        return "or" in words[1 : P.ALTERNATIVES_HEAD_WORDS] and not P.NOT_ALTERNATIVES.search(" ".join(words))


_STOPS = frozenset(
    "does do did is are was were has have had can could would will should of in on for between from "
    "with by at to about that which who whose when where if than versus vs".split()
)


# a leading name set off by a comma before a what/which question ("For FROD, what box AP ...")
_LEAD_NAME = re.compile(r"^\s*(?:for|in|on|with|regarding|about)\s+([^,?;:]{1,80}),\s*(?=what\b|which\b)")
_WHICH_WORKS = re.compile(r"(?i)\s*which\s+(?:" + "|".join(sorted(P.PAPER_NOUNS_PLURAL)) + r")\b")
_AUXILIARIES = "do|does|did|can|could|would|should|will|might|is|are|was|were|has|have|had|better|best|well|worse"
# words by which a lead describes many works, not one ("For the papers on X:", "In the literature on X:")
_GROUPS = P.PAPER_NOUNS_PLURAL | P.SURVEY_NOUNS | P.MASS_WORK_NOUNS | frozenset({"field", "area", "line"})


def _one_work(lead: str) -> bool:
    """Whether a question's lead before its what/which points at one work: a name ("For FROD, what
    ...") or one work described ("For the t-batching loss paper on dynamic networks, which datasets
    ...", "For the paper on X, ..."), not many ("For the defense methods, which ...") nor a topic
    ("for robust overfitting")."""
    if names_in(lead):
        return True
    described = P.WORK_DESCRIBED.match(lead.strip())
    if described is None:
        return False
    # its noun of works ends the description ("the t-batching loss paper") or follows its article
    # ("the paper on dynamic networks"); a plural ("the defense methods") or a group is many
    words = re.findall(r"[a-z]+", described.group(0).lower())
    return bool(set(words[1:]) & P.WORK_NOUNS) and not set(words[:3]) & _GROUPS


# "which (image) datasets ...": a what/which question asking for a kind of thing a work names
_KIND_ASKED = re.compile(r"^\s*(?:and\s+)?(?:what|which)\s+(?:[\w-]+\s+){0,2}?(?:" + P.NAMED_KINDS + r")\b", re.I)


def _without_list(text: str) -> str:
    """`text` without the items of a list after its colon that compare, when they are a minority
    of three or more ("Summarise the work on loss landscapes: sharpness, flat vs sharp minima,
    curvature, and generalization"): a comparison inside one item is part of what is listed, not
    what the question asks. A list of comparisons ("Re: Adam vs SGD, AdamW vs Adam, and Lion vs
    AdamW"), a single item ("Compare these two: A vs B") and what follows the list ("...; contrast
    them") are kept."""
    head, colon, tail = text.partition(":")
    listed = re.match(r"[^;?]*", tail)
    if not colon or listed is None:
        return text
    items = [item for item in P.LIST_ITEMS.split(listed.group(0).strip()) if item]
    comparing = [item for item in items if set(re.findall(r"[a-z]+", item.lower())) & P.COMPARISON_WORDS]
    if len(items) < 3 or not comparing or 2 * len(comparing) > len(items):
        return text
    kept = ", ".join(item for item in items if item not in comparing)
    return f"{head}: {kept}{tail[listed.end() :]}"
