"""The metadata a question names: venues, years, authors, sessions and the lecture, matched
against what the corpus's records actually hold (`Names`, gathered once per catalogue), so an
ordinary word is not taken for a name. Names the corpus does not hold (a venue, a year, a
person) are found too, so that the answer can say they were left out.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from rag.index.catalogue import Card, Catalogue
from rag.questions import patterns as P
from rag.questions import record_patterns as R
from rag.text.folding import ascii_name

MentionKind = Literal["venue", "year", "author", "presentation", "kind", "term"]
_WORDS = re.compile(r"\w+")

_TYPO_KIND = 7  # letters of a kind word read when mistyped ("lectrue"); shorter ones are too near other words


@dataclass(frozen=True)
class Names:
    """The venues, years and author names of a corpus, indexed by first word so that a question
    is compared with the few names that could occur in it, not every author of 100k papers."""

    venues: frozenset[str]
    years: frozenset[int]
    authors: dict[str, list[tuple[int, str]]]  # a name's first word, lower-cased -> (corpus order, name folded)
    surnames: dict[str, list[tuple[str, str]]]  # surname (4+ letters), lower-cased -> (surname, full name) folded
    first_names: dict[str, list[tuple[str, str]]]  # first name (4+ letters), lower-cased -> (first name, full name)
    presentations: frozenset[str]
    lecture_titles: tuple[str, ...]  # titles of the lectures: in a question they name the lecture, not a topic
    has_lecture: bool
    total: int = 0  # documents
    undated: int = 0  # documents with no year on record
    unplaced: int = 0  # papers with no venue on record

    @classmethod
    def of(cls, cards: Iterable[Card]) -> Names:
        venues, years, presentations, lectures = set(), set(), set(), []
        total = undated = unplaced = 0
        authors: dict[str, list[tuple[int, str]]] = {}
        surnames: dict[str, list[tuple[str, str]]] = {}
        first_names: dict[str, list[tuple[str, str]]] = {}
        seen: set[str] = set()
        for card in cards:
            total += 1
            undated += card.year is None
            unplaced += card.venue is None
            if card.venue and card.kind == "paper":
                venues.add(card.venue)
            if card.year:
                years.add(card.year)
            if card.presentation:
                presentations.add(card.presentation)
            if card.kind == "lecture":
                lectures.append(card.title)
            for name in card.authors:
                plain = ascii_name(" ".join(name.split()))
                if plain in seen:
                    continue
                seen.add(plain)
                for variant in _variants(plain):
                    if first := _WORDS.findall(variant.lower())[:1]:
                        authors.setdefault(first[0], []).append((len(seen), plain))
                parts = plain.split()
                if len(parts) > 1 and len(parts[-1]) >= 4:
                    surnames.setdefault(parts[-1].lower(), []).append((parts[-1], plain))
                if len(parts) > 1 and len(parts[0]) >= 4 and parts[0].isalpha():
                    first_names.setdefault(parts[0].lower(), []).append((parts[0], plain))
        return cls(
            frozenset(venues),
            frozenset(years),
            authors,
            surnames,
            first_names,
            frozenset(presentations),
            tuple(lectures),
            bool(lectures),
            total,
            undated,
            unplaced,
        )


def _variants(name: str) -> list[str]:
    """A name as a question may write it: in full, and without its initials ("J. Zico Kolter" ->
    "Zico Kolter")."""
    parts = name.split()
    plain = [p for p in parts if not re.fullmatch(r"[A-Z]\.?", p)]
    return [name] + ([" ".join(plain)] if len(plain) >= 2 and len(plain) < len(parts) else [])


_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_NAMES_LOCK = threading.Lock()


def names_of(catalogue: Catalogue) -> Names:
    """`Names.of` the catalogue's cards, made once per catalogue (one doc-store version)."""
    with _NAMES_LOCK:
        found = _NAMES.get(catalogue)
        if found is None:
            found = _NAMES[catalogue] = Names.of(catalogue.cards.values())
        return found


@dataclass(frozen=True)
class Mention:
    """A piece of metadata the question names, where (character span in the normalised question),
    and the value as the records hold it (None: the corpus has no such venue/year/author)."""

    kind: MentionKind
    text: str  # as written in the question
    value: str | int | None
    start: int
    end: int


def normalise(question: str) -> str:
    """The question with accents folded and metadata written one way: "N.I.P.S." -> "NIPS",
    "NeurIPS2019" -> "NeurIPS 2019", "neurips'19" -> "neurips 2019"; a question mark inside
    parentheses read as a comma. Same length or longer;
    spans refer to this text."""
    text = ascii_name(question)
    text = R.DOTTED_ACRONYM.sub(lambda m: m.group(0).replace(".", "") + " ", text)
    text = R.JOINED_YEAR.sub(lambda m: f"{m.group(1)} {m.group(2)}", text)
    text = R.SHORT_YEAR.sub(lambda m: f" 20{m.group(1)}", text)
    # a question mark inside an aside ends no question: "Which benchmarks (DexYCB? HO3D?) did it use,
    # and what MPJPE did it get?" asks both parts
    text = re.sub(r"\([^()]*\)", lambda m: m.group(0).replace("?", ","), text)
    # a paper cited as an example, "(e.g. Muller et al. 2019)": its author and year select nothing
    for cited in R.CITED_EXAMPLES:
        text = cited.sub(lambda m: m.group(0) if _not_a_person(m.group("name")) else " ", text)
    return " ".join(text.split())


def _not_a_person(word: str) -> bool:
    """A venue, month or season before a year ("e.g. NeurIPS 2019", "like June 2019") is no citation."""
    return word.lower() in R.KNOWN_VENUES or word.lower() in R.MONTHS or word.lower() in R.SEASONS


def mentions(text: str, names: Names) -> list[Mention]:
    """Every venue, year, author, session type and lecture reference in `text` (normalised),
    in order; those the corpus lacks carry value None."""
    found: list[Mention] = []
    lower = text.lower()
    taken: list[tuple[int, int]] = []

    def add(kind: MentionKind, start: int, end: int, value) -> None:
        if any(s < end and start < e for s, e in taken):
            return
        taken.append((start, end))
        found.append(Mention(kind, text[start:end], value, start, end))

    for start, end, value in _authors(text, names):
        add("author", start, end, value)
    for venue in sorted(names.venues, key=len, reverse=True):
        for m in re.finditer(rf"\b{re.escape(venue.lower())}\b", lower):
            add("venue", m.start(), m.end(), venue)
    for alias, venue in R.VENUE_ALIASES.items():
        for m in re.finditer(rf"\b{alias}\b", lower):
            add("venue", m.start(), m.end(), venue if venue in names.venues else None)
    held = {v.lower() for v in names.venues}
    for m in re.finditer(r"\b[a-z]{3,10}\b", lower):
        if m.group(0) in R.KNOWN_VENUES and m.group(0) not in held and m.group(0) not in R.VENUE_ALIASES:
            add("venue", m.start(), m.end(), None)
    for m in R.TERM.finditer(text):  # "Spring 2021": the season is part of the date
        add("term", m.start(), m.end(), m.group(0))
    for m in R.YEAR.finditer(text):
        add("year", m.start(), m.end(), int(m.group(0)) if int(m.group(0)) in names.years else None)
    for m in re.finditer(r"\b(" + "|".join(R.PRESENTATIONS) + r")\b", lower):
        value = R.PRESENTATIONS[m.group(1)]
        add("presentation", m.start(), m.end(), value if value in names.presentations else None)
    for m in re.finditer(r"\b[a-z]{5,9}\b|\bslide deck\b", lower):
        # a mistyped kind word only of the longer ones: a letter off "slides" is as often another word
        # ("sides", "slices")
        kind = P.KIND_WORDS.get(m.group(0)) or next(
            (k for w, k in P.KIND_WORDS.items() if len(w) >= _TYPO_KIND and typo_of(m.group(0), w)), None
        )
        if kind:
            add("kind", m.start(), m.end(), kind if names.has_lecture else None)
    for pattern in R.UNKNOWN_AUTHOR:
        for m in pattern.finditer(text):
            name = m.group("name")
            start = m.start("name")
            if (
                not _is_known_person(name, names)
                and not any(s <= start < e for s, e in taken)
                and not _looks_like_topic(name)
            ):
                add("author", start, start + len(name), None)
    return sorted(found, key=lambda m: m.start)


def _looks_like_topic(name: str) -> bool:
    """ "papers by Transformers" or "work from ImageNet" name no person: one capitalised technical
    word, or anything with a digit; a person is two or more capitalised words ("Yann LeCun")."""
    words = name.split()
    if any(c.isdigit() for c in name):
        return True
    if len(words) >= 2:
        return not all(w[0].isupper() for w in words) and not name.islower()
    return any(c.isupper() for c in words[0][1:]) or words[0].isupper()


def _is_known_person(name: str, names: Names) -> bool:
    folded = name.lower()
    return any(
        folded in full.lower() or full.lower().endswith(folded)
        for entries in names.authors.values()
        for _, full in entries
    )


def _authors(text: str, names: Names) -> list[tuple[int, int, str]]:
    """(start, end, name as the records spell it) for each author of the corpus named in `text`:
    a full name (or one without its initials) in any case; a surname with initials before it
    that agree with one author's given names ("H. Zhang", "JZ Kolter"); a surname alone when capitalised,
    or in lower case where a name is expected ("papers by storkey", "kolter's paper", "sidford
    papers"); a first name alone where a name is expected ("a co-author called Jerry")."""
    lower = text.lower()
    out: list[tuple[int, int, str]] = []
    words = {w.lower() for w in _WORDS.findall(text)}
    for _, full in sorted(entry for w in words for entry in names.authors.get(w, ())):
        for variant in _variants(full):
            for m in re.finditer(rf"\b{re.escape(variant.lower())}\b", lower):
                out.append((m.start(), m.end(), full))
    for w in words:
        # a surname several authors share names them all: the filter is the surname ("anything by Wang?")
        sharing = names.surnames.get(w, ())
        for surname, full in sharing:
            for m in re.finditer(rf"\b{re.escape(surname.lower())}\b", lower):
                written = text[m.start() : m.end()]
                initials = _INITIALS.search(text[: m.start()])
                if initials and (chosen := _by_initials(initials.group(0), [f for _, f in sharing])):
                    # "H. Zhang" is Huan Zhang, not every Zhang: the initials are part of the name
                    out.append((initials.start(), m.end(), chosen))
                    continue
                marked = R.AUTHOR_CONTEXT.search(text[: m.start()]) or R.AUTHOR_AFTER.match(text[m.end() :])
                if written[0].isupper() or marked:
                    out.append((m.start(), m.end(), full if len(sharing) == 1 else surname))
        # a first name alone, where a name is announced ("an author called Jerry", "first name Florian")
        sharing = names.first_names.get(w, ())
        for first, full in sharing:
            for m in re.finditer(rf"\b{re.escape(first)}\b", text):
                if R.FIRST_NAME_CONTEXT.search(text[: m.start()]):
                    out.append((m.start(), m.end(), full if len(sharing) == 1 else first))
    out.sort(key=lambda t: (t[0], -(t[1] - t[0])))
    kept: list[tuple[int, int, str]] = []
    for start, end, full in out:
        if not any(s <= start < e for s, e, _ in kept):
            kept.append((start, end, full))
    return kept


# initials written before a surname: "F. Tramer", "J. Z. Kolter", "JZ Kolter", "H.Zhang"
_INITIALS = re.compile(r"\b(?:(?:[A-Z]\.[ -]?){1,3}|[A-Z]{2} )$")  # a bare letter needs its dot: "A Zhang paper"


def _by_initials(written: str, sharing: list[str]) -> str | None:
    """The one author of those sharing a surname whose given names the initials `written`
    before it stand for: all of them in order ("J. Z." for "J. Zico Kolter") before some of them
    ("Z." for the same, "W." for "Li Wei Wang" when no Wang's first name starts with W); None
    when no one's, or several's, do."""
    asked = re.sub(r"[^A-Z]", "", written)

    def given(full: str) -> str:
        return "".join(part[0].upper() for part in full.split()[:-1])

    def some(letters: str) -> bool:
        rest = iter(letters)
        return all(c in rest for c in asked)  # a subsequence: each initial found after the last

    for agrees in (
        lambda full: given(full) == asked,
        lambda full: given(full).startswith(asked),
        lambda full: some(given(full)),
    ):
        found = sorted({full for full in sharing if agrees(full)})
        if found:
            return found[0] if len(found) == 1 else None
    return None


def typo_of(word: str, known: str) -> bool:
    """`word` is `known` mistyped: two letters swapped, or one letter added, dropped or changed
    (words of five letters or more: shorter ones are too often other words; `mentions` reads a kind word
    mistyped only from `_TYPO_KIND` letters, since a letter off "slides" is as often another word)."""
    if word == known or len(known) < 5 or abs(len(word) - len(known)) > 1:
        return False
    if len(word) == len(known):
        diffs = [i for i, (x, y) in enumerate(zip(word, known)) if x != y]
        return len(diffs) == 1 or (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and word[diffs[0]] == known[diffs[1]]
            and word[diffs[1]] == known[diffs[0]]
        )
    short, long_ = (word, known) if len(word) < len(known) else (known, word)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))
