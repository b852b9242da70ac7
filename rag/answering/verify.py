"""Verifying a drafted answer's citations against the sources it was given.

For every sentence of the draft: citation numbers that are not a source given for this
question are removed (reported as "not a retrieved source"); each remaining citation must be
supported by its source (weighted term overlap, and embedding similarity when an embedder is
given), else it is removed ("not supported by the cited source"). A sentence left with no
citation is dropped and reported, unless it is a short list lead-in ending in ":", or it never
had a citation and a source supports it, in which case it gets that source's number. Numbers are then renumbered 1..m in
order of first use. Does not judge style or completeness.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np

from rag.answering import support
from rag.answering.models import Dropped
from rag.embedding.base import Embedder
from rag.settings import SupportSettings
from rag.text.sentences import content_terms, split_sentences
from rag.text.stemming import stem_words

_MARKER = re.compile(r"\[(\d+(?:\s*(?:,|-|–)\s*\d+)*)\]")


@dataclass
class Verified:
    text: str
    used: list[int]  # source numbers cited, in their new order: used[i] is shown as [i + 1]
    dropped: list[Dropped] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)
    reasons: dict[str, str] = field(default_factory=dict)  # unsupported sentence -> why, when not its citations
    kept_sentences: int = 0


def markers(sentence: str) -> list[int]:
    """Citation numbers in a sentence: [1], [1, 3], [2-4], [1][2]."""
    found: list[int] = []
    for group in _MARKER.findall(sentence):
        for part in re.split(r"\s*,\s*", group):
            bounds = re.split(r"\s*[-–]\s*", part)
            if (
                len(bounds) == 2
                and bounds[0].isdigit()
                and bounds[1].isdigit()
                and int(bounds[1]) - int(bounds[0]) < 20
            ):
                found.extend(range(int(bounds[0]), int(bounds[1]) + 1))
            elif part.strip().isdigit():
                found.append(int(part))
    return list(dict.fromkeys(found))


def strip_markers(sentence: str) -> str:
    return re.sub(r"\s+([.,;:!?])", r"\1", _MARKER.sub("", sentence)).strip()


class SupportScorer:
    """How well a source supports a claim: term overlap weighted by rarity among the sources,
    plus cosine similarity when an embedder is given. The similarity is read only for a claim
    whose overlap alone does not settle it (`supported`), so a claim and a source are embedded
    only when one is needed (each once)."""

    def __init__(
        self, sources: dict[int, str], embedder: Embedder | None = None, cfg: SupportSettings | None = None
    ) -> None:
        self.cfg = cfg or SupportSettings()
        self.sources = sources
        self.terms = {n: set(content_terms(text)) for n, text in sources.items()}
        df: dict[str, int] = {}
        for terms in self.terms.values():
            for t in terms:
                df[t] = df.get(t, 0) + 1
        total = max(len(sources), 1)
        self.idf = {t: math.log(1 + total / d) for t, d in df.items()}
        self.unseen_idf = math.log(1 + total)
        self.embedder = embedder
        self._vectors: dict[str, np.ndarray] = {}  # claims' and sources' texts embedded so far

    def overlap(self, claim: str, n: int) -> float:
        terms = set(content_terms(claim))
        if not terms:
            return 1.0
        weights = {t: self.idf.get(t, self.unseen_idf) for t in terms}
        found = sum(w for t, w in weights.items() if t in self.terms.get(n, ()))
        return found / sum(weights.values())

    def similarity(self, claim: str, n: int) -> float | None:
        """Cosine of the claim to source n (None without an embedder, or for a number not a source)."""
        if self.embedder is None or n not in self.sources:
            return None
        texts = [claim, self.sources[n]]
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self.embedder.embed(missing)))
        return float(np.dot(self._vectors[claim], self._vectors[self.sources[n]]))

    def refutes(self, claim: str, n: int, cited: int) -> str | None:
        """Why source n does not support the claim despite shared words (rag.answering.support),
        or None."""
        source, cfg = self.sources[n], self.cfg
        return (
            (
                cfg.check_numbers
                and (
                    support.unstated_numbers(claim, source, cited)
                    or support.misplaced_numbers(claim, source, cited)
                    or support.unpaired_numbers(claim, source, cited)
                    or support.swapped_figures(claim, source)
                    or support.swapped_by(claim, source)
                    or support.swapped_shares(claim, source)
                    or support.unstated_bounds(claim, source)
                    or support.unstated_norms(claim, source)
                )
            )
            or (cfg.check_names and support.unknown_names(claim, source))
            or (cfg.check_polarity and support.reversed_polarity(claim, source))
            or None
        )

    def supported(self, claim: str, n: int) -> bool:
        """Source n supports the claim: overlap enough on its own, or a lower overlap with the
        similarity (read only then)."""
        cfg, overlap = self.cfg, self.overlap(claim, n)
        if overlap >= cfg.overlap:
            return True
        if overlap < cfg.overlap_with_similarity:
            return False
        similarity = self.similarity(claim, n)
        return similarity is not None and similarity >= cfg.similarity


def units(draft: str) -> list[tuple[str, str]]:
    """(prefix, sentence) pairs: a line's list marker or blank line kept as the prefix."""
    units: list[tuple[str, str]] = []
    for line in draft.splitlines():
        bullet = re.match(r"^(\s*(?:[-*•]|\d+\.)\s+)", line)
        prefix = bullet.group(1) if bullet else ""
        body = line[len(prefix) :]
        if not body.strip():
            units.append(("\n", ""))
            continue
        for i, sentence in enumerate(split_sentences(body)):
            units.append(((("\n" + prefix) if units and i == 0 else prefix if i == 0 else " "), sentence))
    return units


def cited_parts(sentence: str) -> dict[int, str]:
    """For each number a sentence cites, the part of it that the number cites: the text since
    the previous citation mark ("A does X [1], while B does Y [2]."); marks side by side share
    it, and words after the last mark belong to the last. Without marks: {}."""
    parts: dict[int, list[str]] = {}
    start, current, last = 0, "", list[int]()
    for match in _MARKER.finditer(sentence):
        text = sentence[start : match.start()]
        if re.search(r"\w", text):
            current = text
        last = markers(match.group(0))
        for n in last:
            parts.setdefault(n, []).append(current)
        start = match.end()
    tail = sentence[start:]
    if re.search(r"\w", tail):
        for n in last:
            parts[n].append(tail)
    return {n: strip_markers(" ".join(dict.fromkeys(texts))).lstrip(",;: ") for n, texts in parts.items()}


_META = frozenset(
    stem_words(
        "paper papers work works study studies author authors propose proposes proposed "
        "method approach present presents introduce introduces show shows one".split()
    )
)


def restates(claim: str, question: str) -> bool:
    """The claim adds no content word to the question's own (its framing words aside): the
    question given back as its answer."""
    said = set(content_terms(claim)) - _META
    return bool(said) and not (said - set(content_terms(question)))


def degenerate(claim: str, cfg: SupportSettings, question: str | None) -> str | None:
    """Why a sentence is no claim at all, or None: no words beyond its citation marks and
    numbers ("1 [1]"), or the question restated."""
    words = [t for t in content_terms(claim) if not re.fullmatch(r"[\d.%]+", t)]
    if len(words) < cfg.min_claim_terms:
        return "no content beyond its citations"
    if question and restates(claim, question):
        return "restates the question"
    return None


class Verifier:
    """Verifies a draft sentence by sentence as it arrives (`add`), so verified text can be shown
    while the model is still writing; `text` is what is kept so far. A source is embedded once,
    when a claim first needs its similarity."""

    def __init__(
        self,
        sources: dict[int, str],
        embedder: Embedder | None = None,
        cfg: SupportSettings | None = None,
        question: str | None = None,
    ) -> None:
        self.sources = sources
        self.scorer = SupportScorer(sources, embedder, cfg)
        self.cfg = self.scorer.cfg
        self.question = question
        self.result = Verified(text="", used=[])
        self.pieces: list[str] = []

    @property
    def text(self) -> str:
        """The kept text so far, with white space at its ends held back: what may be shown."""
        return re.sub(r"\n{3,}", "\n\n", "".join(self.pieces)).strip()

    def _lead_in_refuted(self, lead: str, cited: list[int]) -> bool:
        """A synthesis's lead-in states a number or a name none of the sources it cites states, or says
        the opposite of what they say together."""
        together = " ".join(self.sources[n] for n in cited if n in self.sources)
        return bool(
            support.unstated_numbers(lead, together, len(cited))
            or support.unknown_names(lead, together)
            or support.reversed_polarity(lead, together)
        )

    def finish(self) -> Verified:
        self.result.text = self.text
        return self.result

    def add(self, prefix: str, sentence: str) -> None:
        """Judge one unit of the draft (see _units) and keep it, with its supported citations
        renumbered in order of first use, or record why not."""
        cfg, scorer, result = self.cfg, self.scorer, self.result
        claim = strip_markers(sentence)
        if not claim:
            self.pieces.append(prefix if prefix == "\n" else "")
            return
        if why := degenerate(claim, cfg, self.question):
            result.unsupported.append(claim)
            result.reasons[claim] = why
            return
        cited = markers(sentence)
        cut = {
            n: (p if len(content_terms(p)) >= cfg.min_part_terms else claim) for n, p in cited_parts(sentence).items()
        }
        lead, cut = _lead_in(cut, cfg)
        if lead and self._lead_in_refuted(lead, list(cut)):
            result.unsupported.append(claim)
            result.reasons[claim] = "its lead-in states what no cited source does"
            return
        kept: list[int] = []
        for n in cited:
            part = cut.get(n, claim)
            if n not in self.sources:
                result.dropped.append(Dropped(n=n, sentence=claim, reason="not a retrieved source"))
            elif why := scorer.refutes(part, n, len(cited)):
                result.dropped.append(
                    Dropped(n=n, sentence=claim, reason="not supported by the cited source", detail=why)
                )
            elif scorer.supported(part, n):
                kept.append(n)
            else:
                result.dropped.append(Dropped(n=n, sentence=claim, reason="not supported by the cited source"))
        if not kept:
            if not cited and claim.endswith(":") and len(set(content_terms(claim))) <= cfg.connective_terms:
                self.pieces.append(prefix + claim)  # a list's lead-in ("Two lines of work stand out:")
                return
            best = max(self.sources, key=lambda n: scorer.overlap(claim, n), default=None)
            if best is not None and not cited and scorer.supported(claim, best) and not scorer.refutes(claim, best, 1):
                kept = [best]
            else:
                result.unsupported.append(claim)
                return
        for n in kept:
            if n not in result.used:
                result.used.append(n)
        tags = "".join(f"[{result.used.index(n) + 1}]" for n in kept)
        self.pieces.append(prefix + _attach(claim, tags))
        result.kept_sentences += 1


def _lead_in(cut: dict[int, str], cfg: SupportSettings) -> tuple[str, dict[int, str]]:
    """A sentence citing two or more sources may open with a lead-in of the writer's own before a colon
    ("Batch statistics are a recurring weak point: GN was motivated by ... [1], and BYOL ... [2]"): it
    frames what each source says, and no one source says it. The first cited part is judged without
    it; the lead-in is returned apart (it may state no number or name the cited sources do not, nor
    the opposite of what they say)."""
    if len(set(cut.values())) < 2:
        return "", cut
    first = next(iter(cut))
    lead, colon, rest = cut[first].partition(": ")
    if not colon or len(content_terms(rest)) < cfg.min_part_terms or not re.search(r"\w", lead):
        return "", cut
    return lead, {**cut, first: rest}


def verify(
    draft: str,
    sources: dict[int, str],
    embedder: Embedder | None = None,
    cfg: SupportSettings | None = None,
    question: str | None = None,
) -> Verified:
    """Keep what the sources support; `sources` maps the numbers the drafter saw to their texts.
    Each citation is judged on the part of the sentence it cites (cited_parts)."""
    verifier = Verifier(sources, embedder, cfg, question)
    for prefix, sentence in units(draft):
        verifier.add(prefix, sentence)
    return verifier.finish()


def _attach(claim: str, tags: str) -> str:
    """Put citation tags before the sentence's final punctuation."""
    match = re.search(r"([.!?:;]+)$", claim)
    if match:
        return claim[: match.start()].rstrip() + " " + tags + match.group(1)
    return claim + " " + tags


@lru_cache(maxsize=1024)  # a source is read again at each sentence of a draft, and by question after question
def _shingles(text: str) -> frozenset[tuple[str, ...]]:
    """The text's 8-word runs."""
    words = re.findall(r"\w+", text.lower())
    return frozenset(tuple(words[i : i + 8]) for i in range(max(len(words) - 7, 0)))


def copied_sources(draft: str, sources: dict[int, str], threshold: float) -> bool:
    """True when the draft is mostly the sources pasted back (8-word runs found in them)."""
    mine = _shingles(strip_markers(draft))
    if len(mine) < 20:
        return False
    return len(mine & _runs_of(tuple(sources.values()))) / len(mine) >= threshold


@lru_cache(maxsize=64)  # one answer's sources, read at each sentence of its draft
def _runs_of(sources: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
    return frozenset().union(*map(_shingles, sources))
