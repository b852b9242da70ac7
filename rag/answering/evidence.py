"""Which retrieved papers an answer may use: the evidence each hit offers (dense similarity,
lexical coverage of the question's focus), the refusal gate over it, and the choice of papers
to cite, either the few closest to a question or every paper on a topic."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass

from rag.answering.support.figures import numbers
from rag.questions.models import Subject
from rag.questions.patterns import GENERIC_MEASURES, SCORE_MEASURES
from rag.retrieval.types import Hit, Passage
from rag.settings import AnswerSettings
from rag.text.naming import NAMED_NUMBER, is_year, marked_as_name, name_spots, naming_weight
from rag.text.proximity import TIGHT, closeness
from rag.text.sentences import split_sentences
from rag.text.stemming import stem_words

Coverage = Callable[[str, str], float]  # (focus, text) -> idf-weighted share of the focus's words in text
Span = Callable[[str, str], "int | None"]  # (phrase, text) -> fewest tokens holding the phrase's words
# (focus, n) -> BM25's top n papers, its relative top score, the focus's names no indexed passage holds
Lexical = Callable[[str, int], "tuple[list[str], float, list[str]]"]
Semantic = Callable[[str, list[str]], float]  # (focus, passages) -> the best passage's semantic coverage of the focus
AGREEMENT_DEPTH = 5  # the top papers of each retriever compared for `agreement`


@dataclass(frozen=True)
class Evidence:
    """How strongly one hit bears on the question: dense similarity and lexical coverage."""

    hit: Hit
    similarity: float
    coverage: float


def assess(focus: str, hits: list[Hit], coverage: Coverage) -> list[Evidence]:
    """Each hit's evidence for a question whose focus (its words without the framing) is `focus`."""
    return [Evidence(h, h.similarity or 0.0, coverage(focus, h.text)) for h in hits]


@dataclass(frozen=True)
class Signals:
    """What retrieval says about whether it found an answer at all (the gate's inputs)."""

    similarity: float  # the best passage's cosine to the question
    coverage: float  # the most of the focus's words (idf-weighted) one passage holds
    bm25: float  # BM25's best chunk score over the most the focus's tokens could score
    margin: float  # best cosine minus the runner-up's: one paper standing out
    agreement: float  # share of the top papers the dense and the BM25 rankings both have
    semantic: float  # the most of the focus's words (idf-weighted) one of the first passages expresses in any words
    unseen: tuple[str, ...] = ()  # the names the focus spells ("SMOTE", "node2vec") that no passage of the corpus holds

    @property
    def absent(self) -> float:
        """1 when the focus names something the corpus never mentions, else 0 (a signal the gate may read)."""
        return float(bool(self.unseen))

    def vector(self, names: list[str]) -> list[float]:
        return [float(getattr(self, n)) for n in names]


def signals(
    focus: str,
    evidence: list[Evidence],
    lexical: Lexical | None = None,
    semantic: Semantic | None = None,
    depth: int = 1,
) -> Signals:
    """The gate's signals for a question whose focus is `focus`, from its evidence (and BM25's
    own ranking of the focus and the names it finds in no passage, when `lexical` is given; the
    semantic coverage of its first `depth` passages when `semantic` is, else their lexical
    coverage stands in)."""
    sims = sorted((e.similarity for e in evidence), reverse=True) or [0.0]
    by_cosine = [e.hit.paper.id for e in sorted(evidence, key=lambda e: -e.similarity)][:AGREEMENT_DEPTH]
    bm25_top, bm25, unseen = lexical(focus, AGREEMENT_DEPTH) if lexical is not None else ([], 0.0, [])
    return Signals(
        similarity=sims[0],
        coverage=max((e.coverage for e in evidence), default=0.0),
        bm25=bm25,
        margin=sims[0] - (sims[1] if len(sims) > 1 else 0.0),
        agreement=len(set(by_cosine) & set(bm25_top)) / AGREEMENT_DEPTH,
        semantic=(
            semantic(focus, [e.hit.text for e in evidence[:depth]])
            if semantic is not None
            else max((e.coverage for e in evidence[:depth]), default=0.0)
        ),
        unseen=tuple(unseen),
    )


def gate_signals(
    focus: str,
    evidence: list[Evidence],
    cfg: AnswerSettings,
    lexical: Lexical | None = None,
    semantic: Semantic | None = None,
) -> Signals:
    """`signals` as the gate reads them: over the first `retrieve` hits, the semantic signal over
    the first `gate.semantic_passages` passages."""
    return signals(focus, evidence[: cfg.retrieve], lexical, semantic, cfg.gate.semantic_passages)


def gate_score(found: Signals, cfg: AnswerSettings) -> float:
    """The gate's probability that the evidence answers the question (learned mode), or 1/0
    for the cut-offs: a passage similar enough, or holding the question's rare words."""
    gate = cfg.gate
    if gate.mode == "cutoffs":
        return float(found.similarity >= cfg.min_similarity or found.coverage >= cfg.min_coverage)
    z = gate.bias + sum(
        w * (x - m) / (s or 1.0) for w, x, m, s in zip(gate.weights, found.vector(gate.features), gate.mean, gate.scale)
    )
    return 1.0 / (1.0 + math.exp(-z))


def answers(found: Signals, cfg: AnswerSettings) -> bool:
    """The refusal gate: whether to answer from this evidence at all."""
    threshold = cfg.gate.threshold if cfg.gate.mode == "learned" else 0.5
    return gate_score(found, cfg) >= threshold


def close_enough(evidence: list[Evidence], cfg: AnswerSettings) -> bool:
    """Some passage is similar enough to a text, or holds its rare words (the hand-set cut-offs;
    for checking one resolved comparison subject, where the gate's signals say nothing)."""
    return any(e.similarity >= cfg.min_similarity or e.coverage >= cfg.min_coverage for e in evidence)


_ET_AL = re.compile(r"\bet\s+al\b\.?(?:'s)?", re.I)


def stands_for(subject: Subject, hit: Hit, coverage: Coverage, cfg: AnswerSettings) -> bool:
    """Whether `hit` may stand for a subject the plan resolved to its paper: always when it was
    resolved by name or title; when only by a description, the paper must be close enough to
    that description (a hit from the records has no cosine: its title and abstract must then
    hold the description's words). The names of the paper's own authors in the description ("the
    Tramer & Boneh paper on ...") are held by its record, so they are not asked of its text."""
    if subject.how != "description":
        return True
    names = {w.lower() for a in hit.paper.authors for w in re.findall(r"\w+", a) if len(w) > 2}
    text = _ET_AL.sub(" ", subject.text)  # "Carmon et al.'s method": the authors, as the record holds them
    described = " ".join(w for w in re.findall(r"\S+", text) if re.sub(r"\W", "", w).lower() not in names)
    return close_enough(assess(described or subject.text, [hit], coverage), cfg)


def complementary(focus: str, evidence: list[Evidence], coverage: Coverage, cfg: AnswerSettings) -> list[Evidence]:
    """Two passages that together hold the question's rare words when none does alone, as in
    a comparison of two papers ("how does Lion differ from AdamW?": one abstract names Lion,
    the other AdamW): the passage covering most, and the one adding most to it, in retrieval
    order; none if together they stay under `min_coverage` or either adds nothing."""
    if len(evidence) < 2:
        return []
    first = max(evidence, key=lambda e: e.coverage)
    together, second = max(
        ((coverage(focus, f"{first.hit.text} {e.hit.text}"), e) for e in evidence if e is not first),
        key=lambda pair: pair[0],
    )
    if first.coverage <= 0 or together <= first.coverage or together < cfg.min_coverage:
        return []
    return [e for e in evidence if e is first or e is second]


def relevant(evidence: list[Evidence], cfg: AnswerSettings) -> list[Hit]:
    """Hits close enough to the best one to be worth citing, in retrieval order: retrieval's
    first always (the gate has judged the evidence answers the question; the cut-offs below
    would otherwise refuse what it let through), then those within `margin` of the best
    similarity and above `min_similarity`, or holding `min_coverage` of the question's words."""
    if not evidence:
        return []
    best = max(e.similarity for e in evidence)
    floor = max(cfg.min_similarity, best - cfg.margin)
    return [e.hit for i, e in enumerate(evidence) if i == 0 or e.similarity >= floor or e.coverage >= cfg.min_coverage][
        : cfg.max_sources
    ]


def one_paper(evidence: list[Evidence], cfg: AnswerSettings) -> list[Hit]:
    """For a question asking for one paper: the best ranked, and the next ones only while their
    retrieval score is close to the best's (`single_score_ratio`), at most `single_max_sources`."""
    if not evidence:
        return []
    top = evidence[0].hit.score or 1.0
    close = [e.hit for e in evidence if e.hit.score >= cfg.single_score_ratio * top]
    return close[: cfg.single_max_sources]


def candidate_signals(
    topic: str, evidence: list[Evidence], span: Span, semantic: Semantic | None = None
) -> list[dict[str, float]]:
    """Each survey candidate's signals, in retrieval order: its rank (log), its similarity less
    the best one's, its coverage of the question's focus, how closely it holds the topic's words
    (1 a phrase, 0.5 loosely, 0), its hybrid score over the best, whether it is the lecture, and
    its semantic coverage of the topic less the best candidate's (the lexical coverage's, without one):
    a candidate that expresses the topic in its own words as fully as the best one does is on it,
    one that only shares a word or two of it ("transfer" for "transfer attacks") is not."""
    best = max((e.similarity for e in evidence), default=0.0)
    top = max((e.hit.score for e in evidence), default=0.0) or 1.0
    words = max(len(set(re.findall(r"\w+", topic))), 1)
    if semantic is not None and topic:
        meant = [semantic(topic, [e.hit.text]) for e in evidence]
    else:  # an embedder with no token vectors: the lexical coverage stands in, as for the gate's signal
        meant = [e.coverage for e in evidence]
    most = max(meant, default=0.0)
    return [
        {
            "log_rank": math.log(i + 1),
            "relative_similarity": e.similarity - best,
            "coverage": e.coverage,
            "phrase": closeness(span(topic, e.hit.text), words) if topic else 0.0,
            "relative_score": e.hit.score / top,
            "lecture": float(e.hit.paper.kind == "lecture"),
            "semantic": meant[i] - most,
        }
        for i, e in enumerate(evidence)
    ]


def on_topic(
    topic: str, evidence: list[Evidence], span: Span, cfg: AnswerSettings, semantic: Semantic | None = None
) -> list[Hit]:
    """The candidates that are about `topic` (the survey model's probability at its threshold or
    more), in retrieval order, at most `max_survey_sources`. `semantic` is read only when the model
    weighs the "semantic" signal (one pass of the embedder per candidate)."""
    model = cfg.survey
    chosen = []
    weighed = semantic if "semantic" in model.features else None
    for e, found in zip(evidence, candidate_signals(topic, evidence, span, weighed)):
        z = model.bias + sum(
            w * (found[f] - m) / (s or 1.0)
            for w, f, m, s in zip(model.weights, model.features, model.mean, model.scale)
        )
        if 1.0 / (1.0 + math.exp(-z)) >= model.threshold:
            chosen.append(e.hit)
    return chosen[: cfg.max_survey_sources]


def with_slides(hit: Hit, ranked: list[tuple[Passage, float]], cfg: AnswerSettings) -> Hit:
    """A lecture's hit with its other slides on the question: those of `ranked` (the lecture's
    passages ranked for the question, best first) scoring at least `lecture_slide_ratio` of the
    best, at most `lecture_slides` with the matching one (which gives way to the best of them when
    it is not among them itself). A lecture answers many questions, each
    from a few slides, and the fact asked often sits on the slide after the one naming the topic
    ("how many images trained EnlightenGAN?": the method's slide, then its training-data slide).
    Any other hit is returned as it is."""
    if hit.paper.kind != "lecture" or not ranked:
        return hit
    floor = cfg.lecture_slide_ratio * ranked[0][1]
    close = [p for p, score in ranked if score >= floor and p.text.strip()]
    if close and all(p.text != hit.passage for p in close):
        # the matched slide holds too little of the question's words: the best slide for them leads
        # (`similarity` stays the question's cosine to the lecture's closest slide, as retrieval gave it)
        hit = hit.model_copy(update={"passage": close[0].text, "section": close[0].section})
    more: list[Passage] = []
    for passage in close:
        if len(more) + 1 >= cfg.lecture_slides:
            break
        if passage.text != hit.passage and all(passage.text != p.text for p in more):
            more.append(passage)
    return hit.model_copy(update={"more": tuple(more)}) if more else hit


def about(name: str, hit: Hit, cfg: AnswerSettings) -> bool:
    """Whether `hit` is about `name`, not naming it in passing: its title names it, its abstract
    introduces it ("we propose ..., X", "called X", "robust fitted-Z iteration (RFZI)") or names it
    `asked_name_mentions` times (rag.text.naming); a lecture's slides matched to the question, when
    they name it. "AERO outperforms the baselines on LSD, ViSQOL and MUSHRA" names ViSQOL in passing."""
    if hit.paper.kind == "lecture":
        return bool(name_spots(name, hit.text))
    return naming_weight(name, hit.paper.title, hit.paper.abstract or "") >= cfg.asked_name_mentions


_GREEK = {"alpha": "α", "beta": "β", "gamma": "γ", "delta": "δ", "epsilon": "ε", "lambda": "λ", "sigma": "σ"}


_SCRIPT = re.compile(r"[_^]\{?\w+\}?")  # a LaTeX sub- or superscript
# a number over a variable ("a rate of 1/d", "1/sqrt m", "1/T"): a rate in a formula, no score in digits
# and no value a setting is given
_OVER_VARIABLE = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s*/\s*(?:\\?sqrt\s*\{?\s*)?[A-Za-z](?![\w-])")
_NEAR = 2  # words between a figure and a word of its measure other than the measured thing
# a rate or a bound stated in big-O notation ("an excess risk of mathcal{O}(1/m)", "a O(log T) regret")
_BIG_O = re.compile(
    r"(?:mathcal\{[OΘΩ]\}|tilde\s*\{?O\}?|(?<![\w\\])[OΘΩÕ])\s*\((?:[^()]|\([^()]*\))*\)"  # one nesting
)
# a cost written as a formula without big-O right after what it costs ("in time nnz(A) + sqrt{nnz(A) n} /
# epsilon"): a sum of terms, one a function of the problem's sizes, stands as one figure; not any formula ("y =
# f(x) + epsilon", "the loss L(theta) + lambda R(theta)"), which states no figure of a score or a loss
_CALL = r"(?:\\?sqrt\s*\{[^{}]*\}|\b[A-Za-z]\w*\([^()]{1,20}\))"  # sqrt{...} or f(...)
_TERM = rf"(?:{_CALL}|[\w{{}}^]+)"  # or a symbol
_FORMULA = re.compile(
    r"(\b(?:time|complexity|regret|runtime)\s+(?:of\s+)?)"
    + rf"{_CALL}(?:\s*[*/·]\s*{_TERM})*\s*\+\s*{_TERM}(?:\s*[+*/·]\s*{_TERM})*"
)
# a resource is stated in its units ("how much compute?" against "less than seven GPU hours"): a unit
# beside a number states the measure
_TIME_UNITS = ("seconds", "minutes", "hours", "days", "weeks", "ms", "hrs")
_MEASURE_UNITS = {
    "compute": ("GPU", "GPUs", "TPU", "FLOPs", "PF-days", *_TIME_UNITS),
    "cost": ("GPU", "FLOPs", *_TIME_UNITS),
    "time": _TIME_UNITS,
    "memory": ("GB", "MB", "KB", "TB", "bytes"),
    # a count of input features is the data's dimensionality ("varying dimensionality between 50 and 20,000");
    # not "dimensions", which are as often a plot's or an embedding's ("visualized in 2 dimensions")
    "features": ("dimensionality",),
}


def states_figure(measures: tuple[tuple[str, ...], ...], text: str) -> bool:
    """Whether `text` (a source's evidence: title and abstract, a lecture's quoted slides, or one sentence)
    states a figure on one of `measures` (the plan's `asked_figures`): a sentence holding a number
    (not one inside a name, "CIFAR-10", nor a year) or a big-O rate, and the measured thing anywhere
    in it ("dropout rate": a rate; "what value of beta": beta or β; "F1", a name with a digit itself),
    or another of the measure's words, or one of its units, within `_NEAR` words of the number ("how
    many loss terms": "two losses"; "how much compute": "seven GPU hours"). A measure an abstract
    states under other names ("what accuracy ... on DOTA?" against "41.05% on DOTA") takes any figure,
    in digits for a score (accuracy, AP, error: `SCORE_MEASURES`)."""
    stated: list[tuple[str, str]] = []  # (the sentence, without the numbers inside names)
    for sentence in split_sentences(text):
        bare = NAMED_NUMBER.sub(" ", _FORMULA.sub(r"\1 0 ", _BIG_O.sub(" 0 ", sentence)))  # a rate stands as one figure
        if any(not is_year(v) for v in numbers(bare)):
            stated.append((sentence, bare))
    for measure in measures:
        if measure[-1].lower() in GENERIC_MEASURES:
            # a score is written in digits: "two lightweight components" or "the third" states no
            # accuracy or AP (a comparative's figure may be a word: "twice as fast"); a score in
            # words ("accuracy of seventy percent") is missed, which abstracts rarely write
            if any(_in_digits(bare) for _, bare in stated) or (stated and measure[-1].lower() not in SCORE_MEASURES):
                return True
            continue
        near = (*measure[:-1], *_MEASURE_UNITS.get(measure[-1].lower(), ()))
        for sentence, bare in stated:
            if any(_figure_beyond_counts((*measure[:-1], w), bare) for w in _spellings(measure[-1], sentence)):
                return True
            if any(_spelled(word, bare, near=True) for word in near):
                return True
        if measure[-1].lower().endswith("s") and any(
            _counted_one(measure[-1], sentence) for sentence in split_sentences(text)
        ):
            return True  # "how many passes?" against "one pass over the input"
    return False


def _spellings(word: str, sentence: str) -> list[str]:
    """How `sentence` writes the measure `word`: as itself, or for a noun counting sorts, as another such noun
    counting sorts of a thing ("how many kinds?" against "three types of obfuscated gradients")."""
    found = [word] if _spelled(word, sentence) else []
    if word.lower() in _SORTS:
        found += [w for w in _SORTS if w != word.lower() and re.search(rf"\b{w}\s+of\b", sentence, re.I)]
    return found


# the nouns that count the sorts of a thing, each standing for the others when it counts sorts "of" something
_SORTS = ("kinds", "types", "sorts", "varieties")
# a count of one in words, which `numbers` leaves out ("one of", "the one that"): "one pass", "a single forward
# pass"; not after a word that denies or contrasts it ("no single model", "instead of a single model", "more than
# one layer"), nor a compound ("single-cell", "one-class")
_ONE = re.compile(r"\b(?:one|single)\s+([a-z]+)(?:\s+([a-z]+))?", re.I)
_NOT_ONE = re.compile(r"\b(?:no|any|each|than|least|instead\s+of|unlike)\s+(?:a\s+)?$", re.I)
_MULTI = re.compile(r"\bmulti-?[a-z]", re.I)  # "from single-step to multi-step": a range, not a count


def _counted_one(word: str, sentence: str) -> bool:
    """Whether `sentence` counts one of `word` in words, with at most one word between ("one pass over the input",
    "a single forward pass" for "how many passes?")."""
    if _MULTI.search(sentence):
        return False
    key = stem_words([word.lower()])[0]
    return any(
        key in stem_words([w.lower() for w in m.groups() if w]) and not _NOT_ONE.search(sentence[: m.start()])
        for m in _ONE.finditer(sentence)
    )


def _figure_beyond_counts(measure: tuple[str, ...], bare: str) -> bool:
    """Whether a sentence (its numbers inside names out) holds a figure that may be on `measure`:
    not only counts of other things ("three datasets with varying noise ratios" states no noise
    ratio; "three" counts the datasets). A count is a whole number before a plural word, not one
    given as a value ("β = 6 works", "a size of 256 samples"), nor one beside a word of the measure
    within `_NEAR` words."""
    tokens = re.findall(r"[\w.%×-]+|[^\w\s]", bare)
    stems = stem_words([t.lower().rstrip(".-") for t in tokens])
    own = set(stem_words([w.lower() for w in measure])) | {_GREEK[w.lower()] for w in measure if w.lower() in _GREEK}
    for i, token in enumerate(tokens):
        values = [v for v in numbers(token) if not is_year(v)]
        if not values:
            continue
        after = tokens[i + 1].rstrip(".") if i + 1 < len(tokens) else ""  # "three datasets." ends a sentence
        before = tokens[i - 1].lower() if i else ""
        counted = (
            all(float(v).is_integer() for v in values)
            and "%" not in token
            and before not in _VALUE_SIGNS
            and after.isalpha()
            and after.islower()
            and len(after) > 3
            and after.endswith("s")
            and not after.endswith("ss")
        )
        if not counted or stems[i + 1] in own or own & set(stems[max(0, i - _NEAR) : i + _NEAR + 1]):
            return True
    return False


# the words before a number that give it as a value, not as a count of what follows
_VALUE_SIGNS = frozenset("= : ≈ ~ < > ≤ ≥ of is are was were be to at by".split())


def _in_digits(bare: str) -> bool:
    """Whether a sentence (its numbers inside names out) writes a figure in digits, not a year, a
    LaTeX sub- or superscript ("$\\ell_{2}$", "$L^2$") nor a number over a variable ("1/d")."""
    bare = _OVER_VARIABLE.sub(" ", bare)
    return any(not is_year(v) for v in numbers(re.sub(r"[A-Za-z]+", " ", _SCRIPT.sub(" ", bare))))


def values_written(text: str) -> set[float]:
    """The values `text` writes in digits, as a setting would be given ("with 10% labels", "at
    300x300"): not the numbers inside names ("CIFAR-10"), sub- or superscripts ("ell_2") or a
    number over a variable ("a rate of 1/d")."""
    return numbers(_OVER_VARIABLE.sub(" ", _SCRIPT.sub(" ", NAMED_NUMBER.sub(" ", text))))


_SLIGHT = frozenset("of a an the".split())  # words not counted between a figure and its measure


def _spelled(word: str, sentence: str, near: bool = False) -> bool:
    """Whether `sentence` writes `word` whole, by the stem the citation checks share ("losses" for
    "loss", not "lossless"), or its Greek letter; with `near`, within `_NEAR` words of a number."""
    if len(word) > 2 and word.endswith("s") and word[:-1].isupper():
        word = word[:-1]  # "GPUs": an acronym's plural
    # the words between are counted without "of" and articles ("two pairs of forward- and back-propagations")
    tokens = [t for t in re.findall(r"[\w.%×-]+|[^\w\s]", sentence) if t.lower() not in _SLIGHT]
    key = stem_words([word.lower()])[0]
    stems = stem_words([t.lower().rstrip(".-") for t in tokens])
    for i, (token, stem) in enumerate(zip(tokens, stems)):
        if stem != key and _GREEK.get(word.lower()) != token:
            continue
        if not near or numbers(" ".join(tokens[max(0, i - _NEAR) : i + _NEAR + 1])):
            return True
    return False


_KIND_WINDOW = 5  # words either side of a kind's mention in which the things of the kind are named
_VERB_NEXT = frozenset("the a an these those their its our this that".split())
# a defined acronym ("adversarial training (AT)") or a link: no thing of a kind the abstract names elsewhere
_DEFINED = re.compile(r"\(\s*([A-Za-z][\w-]*?)s?\s*\)")


def names_kind(kind: str, text: str, known: tuple[str, ...] = ()) -> bool | None:
    """Whether `text` (an abstract without its title: a title's capitals would read as names) names things of
    `kind` (a noun the question asks which of: "datasets"): True when a mention of the kind has a name within
    `_KIND_WINDOW` words of it in its sentence ("on the CIFAR-10 and ImageNet datasets", "four datasets (IJB-B,
    ...)", "two real data sets -- Medical costs and the Adult ..."); False when it mentions the kind only so,
    counted or described ("with 5 model architectures and 4 data sets, we demonstrate ..."), or not at all, and
    writes no other name that could be one of them (an abstract naming nothing names no datasets); None when it
    names something elsewhere that may be one ("on multiple benchmark datasets. ... results on SVHN and
    CIFAR-10", or no mention of the kind but "on SVHN"): then it may name them without the word next to them,
    and is given the benefit of the doubt.
    A name is a word marked as one by its spelling, or capitalised past its sentence's start (or a colon); not
    one of `known` (the question's own names: "BiP" names no dataset). Elsewhere, a name must be marked by its
    spelling when the text mentions the kind, and may be capitalised only when it does not ("on Cora, Citeseer
    and Pubmed"); an acronym the text defines ("(AT)", "(MoE)"), words built of known or defined names ("MoE-
    CNN") and links are none."""
    one = _singular(kind)
    mention = re.compile(rf"(?<![\w-])(?:{_KIND_FAMILIES.get(one, re.escape(one) + 's?')})(?![\w-])", re.I)
    mentioned = False
    for sentence in split_sentences(text):
        words = [(m.start(), m.group()) for m in re.finditer(r"[\w][\w.+/-]*[\w+]|\w", sentence)]
        for spot in mention.finditer(sentence):
            before = [(at, w) for at, w in words if at < spot.start()]
            after = [(at, w) for at, w in words if at >= spot.end()]
            if after and after[0][1].lower() in _VERB_NEXT:
                continue  # "we benchmark the models": a verb, no mention of the kind
            mentioned = True
            near = before[-_KIND_WINDOW:] + after[:_KIND_WINDOW]
            if any(_a_name(w, at, sentence, known) for at, w in near):
                return True
    defined = {m.group(1) for m in _DEFINED.finditer(text)}
    spelled_out = _spelled_out(text)
    for sentence in split_sentences(text):
        for m in re.finditer(r"[\w][\w.+/-]*[\w+]", sentence):
            w = m.group()
            if "/" in w or w.lower().startswith(("www.", "github")) or w.lower() in spelled_out:
                continue
            if sentence[m.end() : m.end() + 1] == "@":
                continue  # a ranking measure ("Recall@10"), not a thing of a kind
            if not marked_as_name(w):
                # unmentioned, they may be named by capitals alone ("on Cora, Citeseer and Pubmed")
                if not mentioned and _a_name(w, m.start(), sentence, known):
                    return None
                continue
            parts = [p for p in re.split(r"[-.]", w) if p]
            if all(not marked_as_name(p) or _known(p, known) or p.rstrip("s") in defined for p in parts):
                continue
            if _a_name(w, m.start(), sentence, known):
                return None
    # mentioned only counted or described, or not at all, with no name that could be one
    return False


# the last word of a measure's name spelled out ("Mean Reciprocal Rank", "Average Precision")
_MEASURE_WORDS = frozenset(
    "rank precision recall error accuracy score rate ratio distance loss divergence gain".split()
)


def _spelled_out(text: str) -> set[str]:
    """The capitalised words `text` spells a defined measure's acronym out by ("Mean Reciprocal Rank (MRR)":
    "mean", "reciprocal", "rank"): the words before the brackets whose initials are the acronym's capitals,
    the last a measure's word. A dataset spelled out ("Street View House Numbers (SVHN)") stays a name."""
    words: set[str] = set()
    for m in _DEFINED.finditer(text):
        capitals = [c for c in m.group(1) if c.isupper()]
        before = re.findall(r"[\w][\w-]*", text[: m.start()])[-len(capitals) :] if capitals else []
        if len(before) == len(capitals) and [w[0] for w in before] == capitals and before[-1].lower() in _MEASURE_WORDS:
            words |= {w.lower() for w in before}
    return words


def _a_name(word: str, at: int, sentence: str, known: tuple[str, ...]) -> bool:
    """Whether `word` (at `at` in `sentence`) names a thing: marked as a name by its spelling, or
    capitalised past the sentence's start or a colon; not a number nor one of the question's names."""
    if not any(c.isalpha() for c in word) or _known(word, known):
        return False
    if marked_as_name(word):
        return True
    opens = at == 0 or sentence[:at].rstrip().endswith(":")
    return word[:1].isupper() and not opens and word.lower() not in _NOT_NAMES


def _known(word: str, known: tuple[str, ...]) -> bool:
    """`word` is one of the question's names, as written or in a plural ("CNNs" for "CNN")."""
    return any(name_spots(name, word) for name in known)


def _singular(kind: str) -> str:
    """A kind's singular, its words run together ("data sets" -> "dataset")."""
    kind = re.sub(r"\s+", "", kind.lower())
    if kind == "corpora":
        return "corpus"
    return kind[:-1] if kind.endswith("s") and not kind.endswith("ss") else kind


# kinds a paper names under one another's words: the benchmarks asked are its "datasets", the
# backbones its "models" or "architectures"
_DATA = r"data\s*sets?|benchmarks?|corp(?:us|ora)"
_MODELS = r"models?|architectures?|backbones?|networks?|LLMs?"
_KIND_FAMILIES = {k: _DATA for k in ("dataset", "benchmark", "corpus")} | {
    k: _MODELS for k in ("model", "architecture", "backbone", "llm")
}
_NOT_NAMES = frozenset("i we our the a an in on for with and or of to".split())


def unmentioned(names: list[str], hits: list[Hit], span: Span) -> list[str]:
    """The `names` (as the plan found them in a question) that none of `hits` mentions: its
    words together, at most one other word between ("ResNet-50" is not "ResNet ... 50 epochs")."""
    missing = []
    for name in names:
        size = span(name, name)  # how many tokens the name itself is
        if size is None:
            continue
        if not any(closeness(span(name, h.text), size) == TIGHT for h in hits):
            missing.append(name)
    return missing
