"""Questions about the corpus's metadata ("which NeurIPS 2019 orals are in the corpus?", "what
has Florian Tramer published here?", "ICLR 2018 papers on vision") turned into filters over the
paper records, plus whatever topic words remain. Venues, years and author names are matched
against what the catalogue actually holds, so an ordinary question is not mistaken for one.
"""

from __future__ import annotations

import re
import threading
import weakref
from collections.abc import Iterable
from dataclasses import dataclass

from rag.index.catalogue import Card, Catalogue
from rag.retrieval.types import Filters
from rag.text.folding import strip_accents
from rag.text.sentences import content_terms

_VENUE_ALIASES = {"nips": "NeurIPS", "neurips": "NeurIPS"}
_PRESENTATIONS = {"oral": "Oral", "orals": "Oral", "spotlight": "Spotlight", "spotlights": "Spotlight"}
_FRAME_WORDS = set("""which what who whose list show me all any are is there here in the corpus published publish
written wrote authored paper papers work works talk talks presented session sessions from at on about by of do does
did have has how many number count kind kinds were was accepted appear appears appeared index indexed collection
""".split())


_LIST_INTENT = re.compile(r"\b(papers?|orals?|spotlights?|publish(ed)?|authored|co-?authors?|co-?authored|wrote|"
                          r"written|talks?|works? by|in the corpus|are there)\b", re.IGNORECASE)


def _topic_left(text: str, ignored: frozenset[str] | set[str] = frozenset()) -> str | None:
    """The words of `text` that are not framing (or `ignored`), when any carries meaning."""
    words = [w for w in re.findall(r"[A-Za-z][A-Za-z0-9\-]*", text) if w.lower() not in _FRAME_WORDS | ignored]
    return " ".join(words) if content_terms(" ".join(words)) else None


@dataclass(frozen=True)
class MetaQuery:
    filters: Filters
    topic: str | None  # what is left of the question once the metadata is taken out
    description: str  # e.g. "NeurIPS 2019 orals", for the answer's first line


@dataclass(frozen=True)
class Names:
    """The venues, years and author names of a corpus, gathered once (`of`), indexed by their
    first word so that a question is compared with the few names that could occur in it, not
    with every author of a 100k-paper corpus."""

    venues: frozenset[str]
    years: frozenset[int]
    authors: dict[str, list[tuple[int, str]]]  # first word, lower-cased -> (corpus order, full name folded)
    surnames: dict[str, list[str]]  # first word, as written -> surnames of 4+ letters (folded)

    @classmethod
    def of(cls, cards: Iterable[Card]) -> Names:
        venues, years = set(), set()
        authors: dict[str, list[tuple[int, str]]] = {}
        surnames: dict[str, list[str]] = {}
        seen: set[str] = set()
        for card in cards:
            if card.venue and card.kind == "paper":
                venues.add(card.venue)
            if card.year:
                years.add(card.year)
            for name in card.authors:
                plain = strip_accents(name)
                if plain in seen:
                    continue
                seen.add(plain)
                if first := _WORDS.findall(plain.lower())[:1]:
                    authors.setdefault(first[0], []).append((len(seen), plain))
                parts = plain.split()
                if len(parts) > 1 and len(parts[-1]) >= 4 and (head := _WORDS.findall(parts[-1])[:1]):
                    surnames.setdefault(head[0], []).append(parts[-1])
        return cls(frozenset(venues), frozenset(years), authors, surnames)


_WORDS = re.compile(r"\w+")
_NAMES: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_NAMES_LOCK = threading.Lock()


def names_of(catalogue: Catalogue) -> Names:
    """`Names.of` the catalogue's cards, made once per catalogue (a catalogue is one doc-store version)."""
    with _NAMES_LOCK:
        found = _NAMES.get(catalogue)
        if found is None:
            found = _NAMES[catalogue] = Names.of(catalogue.cards.values())
        return found


def parse(question: str, names: Names) -> MetaQuery | None:
    """Filters named by the question, or None when it does not ask for a list of papers, or names no
    venue, year, author or session type the corpus has."""
    if not _LIST_INTENT.search(question):  # "how many of the ICLR 2018 defenses ..." is about content
        return None
    folded = strip_accents(question)
    lower = folded.lower()
    used: list[str] = []  # words of the question that were metadata
    venues = names.venues
    venue = None
    for name in sorted(venues, key=len, reverse=True):
        if re.search(rf"\b{re.escape(name.lower())}\b", lower):
            venue, used = name, used + [name]
            break
    if venue is None:
        for alias, name in _VENUE_ALIASES.items():
            if name in venues and re.search(rf"\b{alias}\b", lower):
                venue, used = name, used + [alias]
                break
    year = next((int(y) for y in re.findall(r"\b(?:19|20)\d{2}\b", folded) if int(y) in names.years), None)
    if year:
        used.append(str(year))
    author = _author(folded, names)
    if author:
        used += author.split()
    presentation = next((v for k, v in _PRESENTATIONS.items() if re.search(rf"\b{k}\b", lower)), None)
    if presentation:
        used += [k for k in _PRESENTATIONS if re.search(rf"\b{k}\b", lower)]
    if not any([venue, year, author, presentation]):
        return None
    rest = folded
    for word in used:
        rest = re.sub(rf"\b{re.escape(word)}\b", " ", rest, flags=re.IGNORECASE)
    topic = _topic_left(rest)
    kind = {"Oral": "orals", "Spotlight": "spotlights"}.get(presentation or "", "papers")
    description = " ".join(x for x in [venue, str(year) if year else None, kind] if x)
    if author:
        description += f" by {author}"
    if topic:
        description += f" on {topic}"
    filters = Filters(venue=venue, year=year, author=author, presentation=presentation, kind="paper")
    return MetaQuery(filters=filters, topic=topic, description=description)


_HOW_MANY = re.compile(r"^\s*how\s+many\s+(?:papers|documents|abstracts|articles|works|items)\b", re.IGNORECASE)
_SIZE_WORDS = {"documents", "abstracts", "articles", "items", "total", "altogether", "you", "here", "stored", "hold",
               "holds", "contain", "contains", "overall"}


def asks_corpus_size(question: str) -> bool:
    """"how many papers are in the corpus?": a count of everything, with no topic or filter."""
    if not _HOW_MANY.search(question):
        return False
    return _topic_left(question, _SIZE_WORDS) is None


_OVERVIEW = re.compile(r"\b(summari[sz]e|summary|overview|outline|topics?|covers?|covered|contents?|about)\b",
                       re.IGNORECASE)
_LECTURE = re.compile(r"\b(lecture|lectures|slides?|talk)\b", re.IGNORECASE)
_OVERVIEW_WORDS = {"summarize", "summarise", "summary", "overview", "outline", "topic", "topics", "cover", "covers",
                   "covered", "content", "contents", "give", "me", "an", "brief", "short", "please", "main", "lecture",
                   "lectures", "slide", "slides", "talk"}


def asks_lecture_overview(question: str) -> bool:
    """"summarise the lecture", "what topics does the lecture cover?": the lecture as a whole, no topic in it."""
    if not (_LECTURE.search(question) and _OVERVIEW.search(question)):
        return False
    return _topic_left(question, _OVERVIEW_WORDS) is None


def corpus_size(cards: Iterable[Card]) -> str:
    """What the corpus holds, counted from the cards: documents by kind, source files, years on record."""
    cards = list(cards)
    kinds: dict[str, int] = {}
    for card in cards:
        kinds[card.kind] = kinds.get(card.kind, 0) + 1
    parts = [f"{n} {kind}{'s' if n != 1 else ''}" for kind, n in sorted(kinds.items(), key=lambda kv: -kv[1])]
    files = len({f for card in cards for f in card.files})
    years = sorted({card.year for card in cards if card.year})
    dated = sum(1 for card in cards if card.year)
    text = (f"The corpus has {len(cards)} document{'s' if len(cards) != 1 else ''} "
            f"({', '.join(parts) or 'none'}) from {files} source file{'s' if files != 1 else ''}.")
    if years:
        span = f"{years[0]}" if len(years) == 1 else f"{years[0]} to {years[-1]}"
        text += f" {dated} have a year on record, from {span}."
    return text


_YEAR_PHRASE = r"(?:\b(?:published|appeared)\s+)?(?:\b(?:from|in|of|during)\s+)?\b{}\b"


def absent_year(question: str, names: Names) -> tuple[int, str] | None:
    """A year a question asking for papers restricts to that no paper of the corpus is recorded
    in ("papers from 2023 about diffusion models"), and the question without it ("papers about
    diffusion models"); None when every year it names is in the corpus, or it names none."""
    if not _LIST_INTENT.search(question):
        return None
    for found in re.findall(r"\b(?:19[5-9]\d|20\d{2})\b", question):
        if int(found) not in names.years:
            rest = re.sub(_YEAR_PHRASE.format(found), " ", question, count=1, flags=re.IGNORECASE)
            return int(found), " ".join(rest.split())
    return None


_AUTHORSHIP = re.compile(
    r"^\s*(?:who\s+(?:wrote|authored|published|are\s+the\s+authors\s+of|is\s+the\s+author\s+of|is\s+behind)"
    r"|(?:which|what)\s+authors?\s+(?:wrote|of))\b(?P<rest>.*)$", re.IGNORECASE)


def authorship_topic(question: str) -> str | None:
    """What an authorship question is about ("who wrote the paper on group normalization?" ->
    "group normalization"), or None when the question does not ask who wrote something."""
    match = _AUTHORSHIP.match(question)
    if match is None:
        return None
    return _topic_left(match.group("rest"))


def _author(question: str, names: Names) -> str | None:
    """An author of the corpus named in the question: full name (the first in corpus order), or
    else a capitalised surname (the first alphabetically)."""
    lower = question.lower()
    words = set(_WORDS.findall(question))
    lowered = {w.lower() for w in words}
    for _, name in sorted(entry for w in lowered for entry in names.authors.get(w, ())):
        if re.search(rf"\b{re.escape(name.lower())}\b", lower):
            return name
    for surname in sorted({s for w in words for s in names.surnames.get(w, ())}):
        if re.search(rf"\b{re.escape(surname)}\b", question):  # capitalised as a name, not a word
            return surname
    return None
