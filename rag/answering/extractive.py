"""Extractive answers: the sentences of the retrieved abstracts most relevant to the question,
grouped by paper, each cited. Runs offline with no model beyond retrieval.

Sentences are scored by the words of the question's focus they contain (weighted by how rare
each word is in the corpus: the BM25 index's idf; the plan has left out the words that only
frame the question, "what has been proposed against"), with a bonus for sentences in the passage retrieval
matched and for statements of contribution ("we propose", "we show"). First-person prose is
put in the third person ("we propose" -> "the authors propose") so the answer reads as an
answer. Does not paraphrase further or invent connecting claims. After the best source, one
that holds none of the question's words (a slide of links, close only in the embedding) is
not quoted.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.answering.evidence import states_figure
from rag.answering.models import Citation, slide_label
from rag.questions.patterns import GENERIC_MEASURES
from rag.retrieval.types import Hit
from rag.settings import ExtractiveSettings
from rag.text.naming import coined_name, name_spots
from rag.text.sentences import is_instruction, split_sentences

Coverage = Callable[[str, str], float]  # (question, text) -> idf-weighted share of the question's words in text

_CONTRIBUTION = re.compile(
    r"\b(we|this paper|this work|our)\b.{0,40}\b(propos|introduc|present|show|find|demonstrat|"
    r"develop|identif|prove|establish|discover)",
    re.IGNORECASE,
)
_THIRD_PERSON = [
    (re.compile(r"^(In this (?:paper|work|study|article)|Here|In this talk),? we\b", re.IGNORECASE), "The authors"),
    (re.compile(r"^We\b"), "The authors"),
    (re.compile(r"\bwe\b"), "they"),
    (re.compile(r"^Our\b"), "Their"),
    (re.compile(r"\bour\b"), "their"),
    (re.compile(r"\bOur\b"), "Their"),
    (re.compile(r"\bourselves\b"), "themselves"),
    (re.compile(r"\bus\b"), "them"),
]


def third_person(sentence: str) -> str:
    for pattern, replacement in _THIRD_PERSON:
        sentence = pattern.sub(replacement, sentence)
    return sentence


def best_sentences(
    focus: str,
    hit: Hit,
    coverage: Coverage,
    limit: int,
    cfg: ExtractiveSettings | None = None,
    *,
    contribution: float | None = None,
    figures: tuple[tuple[str, ...], ...] = (),
    asked: str = "",
) -> list[str]:
    """Up to `limit` sentences of the hit's document (its abstract, or the matching slide), most
    relevant to `focus` (a question's words without its framing) first, in document order; the
    best one always, the others only if they hold some of the focus's words, each chosen for the
    focus's words it adds to the title and those chosen before it counted twice. `contribution` is
    the bonus for a statement of what the paper does ("we propose ..."); default from `cfg`. A
    sentence stating a figure on one of `figures` (the plan's asked figures: "how many datasets ...,
    and how big were the gains?") gains `figure_bonus`: the figures are what is asked. `asked`: the
    words of the part that asks, when the question describes its paper before it (the plan's
    `asked_focus`), whose share a sentence holds weighs `asked_weight` more."""
    cfg = cfg or ExtractiveSettings()
    bonus = cfg.contribution_bonus if contribution is None else contribution
    # a score asked with no word of its own ("what accuracy ...?") is stated by any figure in digits: no sign
    figures = tuple(m for m in figures if m[-1].lower() not in GENERIC_MEASURES)
    sentences = [s for s in split_sentences(hit.body) if not is_instruction(s)]
    scored = []
    for i, sentence in enumerate(sentences):
        words = coverage(focus, sentence)
        score = cfg.word_weight * words
        if asked:
            score += cfg.asked_weight * coverage(asked, sentence)
        if sentence in hit.passage:
            score += cfg.passage_bonus
        if _CONTRIBUTION.search(sentence):
            score += bonus
        if figures and states_figure(figures, sentence):
            score += cfg.figure_bonus
        if len(sentence) < cfg.min_chars or len(sentence) > cfg.max_chars:
            score -= cfg.length_penalty
        scored.append((score, -i, i, sentence, words))
    ranked = sorted(scored, reverse=True)
    top = ranked[:1]
    rest = [row for row in ranked[1:] if row[4] > 0]  # a further sentence must share a word
    while rest and len(top) < limit:
        # each next one also for what it adds: the focus's words the title and the chosen ones lack
        # count twice ("by how much does LOKT win, and what is its GAN called?" quotes both answers)
        said = " ".join([hit.paper.title] + [row[3] for row in top])  # the answer shows the title too
        before = coverage(focus, said)
        gains = [row[0] + cfg.word_weight * (coverage(focus, f"{said} {row[3]}") - before) for row in rest]
        best = rest[max(range(len(rest)), key=lambda i: (gains[i], rest[i][1]))]
        top.append(best)
        rest.remove(best)
    return [row[3] for row in sorted(top, key=lambda row: row[2])]


def compose(
    focus: str,
    hits: list[Hit],
    coverage: Coverage,
    *,
    per_paper: int = 2,
    cfg: ExtractiveSettings | None = None,
    contribution: bool = False,
    first: int = 1,
    with_lead: bool = True,
    each: bool = False,
    figures: tuple[tuple[str, ...], ...] = (),
    asked: str = "",
) -> tuple[str, list[Citation]]:
    """An answer text with [n] citations over `hits` (already chosen as relevant), and its
    references. `coverage(focus, sentence)` scores how much of the question a sentence holds.
    With `contribution` (a question asking which paper, or comparing two), each paper's
    statement of what it does ("we propose X") is quoted too, so the answer names the method.
    Citations are numbered from `first`; without `with_lead`, the text is the list alone. With
    `each` (the papers a comparison names), every hit is quoted, one holding none of the question's
    words too: the question set it beside the other by name. `figures`: the figures the question
    asks for, `asked` the words of the part that asks (`best_sentences`; a lecture's slides are chosen
    without them)."""
    cfg = cfg or ExtractiveSettings()
    paragraphs: list[str] = []
    citations: list[Citation] = []
    for hit in hits:
        if citations and not each and coverage(focus, hit.body) == 0:
            continue  # after the best paper, one holding none of the question's words has nothing to quote
        n = len(citations) + first
        limit = 1 if len(citations) >= cfg.full_papers else per_paper
        chosen = (
            best_sentences(focus, hit, coverage, limit, cfg, figures=figures, asked=asked)
            if not hit.more
            else _slides(focus, hit, coverage, limit, cfg)
        )
        if not chosen:
            continue
        if contribution:
            chosen = _with_contribution(hit, chosen)
        body = " ".join(third_person(s) for s in chosen)
        body = body[0].upper() + body[1:]
        slides = _quoted_slides(hit, chosen)
        where = f", {slide_label(slides)}" if slides else ""
        paragraphs.append(f"- **{hit.paper.title}**{where}: {_cite_last(body, n)}")
        citations.append(
            Citation(
                n=n,
                paper=hit.paper,
                passage=" ".join(chosen),
                section=slides[0] if slides else hit.section,
                more_sections=slides[1:],
            )
        )
    if not paragraphs:
        return "", []
    if not with_lead:
        return "\n".join(paragraphs), citations
    return _lead([c.paper.kind for c in citations]) + "\n\n" + "\n".join(paragraphs), citations


def _lead(kinds: list[str]) -> str:
    """The line before the quoted sources, naming them as what they are: a lecture's slides are
    not a paper ("From the lecture's slides:"; "3 sources in the corpus ..." when both are quoted)."""
    if len(kinds) == 1:
        return "From the lecture's slides:" if kinds[0] == "lecture" else "From the most relevant paper:"
    noun = "papers" if all(k != "lecture" for k in kinds) else "sources"
    return f"{len(kinds)} {noun} in the corpus bear on this, most relevant first:"


def _slides(focus: str, hit: Hit, coverage: Coverage, limit: int, cfg: ExtractiveSettings) -> list[str]:
    """A lecture hit's sentences over its slides: up to `limit` of the matching slide, and the
    best one of each other slide that holds some of the focus's words (in its title or text)."""
    chosen = best_sentences(focus, hit.model_copy(update={"more": ()}), coverage, limit, cfg)
    for passage in hit.more:
        if coverage(focus, f"{passage.section or ''}. {passage.text}") > 0:  # a slide's title is part of it
            slide = hit.model_copy(update={"passage": passage.text, "section": passage.section, "more": ()})
            chosen += [s for s in best_sentences(focus, slide, coverage, 1, cfg) if s not in chosen]
    return chosen


def _quoted_slides(hit: Hit, chosen: list[str]) -> list[str]:
    """The titles of the slides the `chosen` sentences come from (the matching slide's first)."""
    if not hit.more:
        return [hit.section] if hit.section else []
    titles = [t for t, text in hit.slides if t and any(s in text for s in chosen)]
    return list(dict.fromkeys(titles)) or ([hit.section] if hit.section else [])


def _with_contribution(hit: Hit, chosen: list[str]) -> list[str]:
    """`chosen` with what the paper calls its own work and says it does, in document order: the
    sentence introducing the name the paper gives its method ("we propose the SSO algorithm", "we
    term the defense ZO-AE-DS"), when neither its title nor a chosen sentence says that name, and
    its first statement of contribution when no chosen sentence is one. Who asks which paper did
    something, or how two differ, is told what each is called. A lecture's slides name others' work."""
    sentences = list(dict.fromkeys(s for s in split_sentences(hit.body) if not is_instruction(s)))
    added = set()
    naming = next(((n, s) for s in sentences if (n := coined_name(s))), None) if hit.paper.kind != "lecture" else None
    if naming and not _in_title(naming[0], hit.paper.title) and not name_spots(naming[0], " ".join(chosen)):
        added.add(naming[1])
    if not any(_CONTRIBUTION.search(s) for s in [*chosen, *added]):
        stated = next((s for s in sentences if _CONTRIBUTION.search(s) and s not in chosen), None)
        added |= {stated} if stated else set()
    return [s for s in sentences if s in chosen or s in added]


def _in_title(name: str, title: str) -> bool:
    """The title says the name, or spells out the acronym as a whole or before its colon: "GN" for
    "Group Normalization", "SGA" for "Set-level Guidance Attack: Boosting ..." (the initials of its
    capitalised words; "SSO" is no acronym of "Target-based Surrogates for Stochastic Optimization")."""
    if name_spots(name, title):
        return True
    if not name.replace("-", "").isupper():
        return False  # "TempNet" is no acronym of "Temperature Network"
    spelled = {
        "".join(w[0] for w in re.findall(r"[A-Za-z]+", part) if w[0].isupper()) for part in (title, title.split(":")[0])
    }
    return re.sub(r"[^A-Z]", "", name) in spelled


def _cite_last(body: str, n: int) -> str:
    match = re.search(r"([.!?]+)$", body)
    if match:
        return body[: match.start()] + f" [{n}]" + match.group(1)
    return body + f" [{n}]"
