"""What a question asks of the paper records, whatever else it asks (`RecordAsk`): the fields
named by their words, those the metadata it names checks ("that's a CVPR paper, isn't it?"
checks the venue), the records selected by the known names it holds (authors, venues, years,
sessions, the lecture), and the papers whose titles it writes out. Read once, with the plan."""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.questions import patterns as P
from rag.questions import record_patterns as R
from rag.questions import words as W
from rag.questions.models import RecordAsk, RecordField
from rag.questions.names import Mention
from rag.retrieval.types import Filters
from rag.text.sentences import content_terms

# nouns whose modifiers are a topic's place ("the robustness papers", "the knitting stuff")
_MODIFIED_NOUNS = P.PAPER_NOUNS_PLURAL | P.PAPER_NOUNS_SINGULAR | P.MASS_WORK_NOUNS | R.ITEM_NOUNS | R.TOPIC_NOUNS
# words that end a paper noun's modifiers: record talk, field names, the collection's words, fillers,
# function words and counts ("appear on two papers", "several papers")
_NOT_MODIFIERS = R.RECORD_TALK | P.RECORD_FIELDS | P.COLLECTION_WORDS | P.FILLER_WORDS | W.NOT_TOPIC | R.COUNT_WORDS
# a word after "that/which/who" or a paper noun that opens no topic: a record's verb, record talk,
# the collection's words, a filler or a function word ("papers that have a venue", "papers here")
_NOT_TOPIC_VERBS = (
    R.RECORD_VERBS | R.RECORD_TALK | P.RECORD_FIELDS | P.COLLECTION_WORDS | P.FILLER_WORDS | P.FUNCTION_WORDS
)
_EVERY = re.compile(r"\b(?:every|each|any|all)\s+(?:\w+\s+)?(?:paper|document|item|entry|work|record)\b", re.I)
# a value set aside just before it is named ("the Oral (not a spotlight)", "rather than a poster")
_SET_ASIDE = re.compile(r"\b(?:not|rather\s+than|instead\s+of)\s+(?:an?\s+|the\s+)?$", re.I)
_FIELDS: tuple[RecordField, ...] = ("authors", "venue", "year", "presentation")
_FIELD_OF: dict[str, RecordField] = {"venue": "venue", "year": "year", "presentation": "presentation"}


def record_ask(text: str, found: list[Mention], titled: Callable[[], list[tuple[str, str]]]) -> RecordAsk:
    """`text` (the normalised question, all of it: a record question often asks in a second
    sentence, or names its person before a colon), the metadata `found` in it, and `titled`,
    which gives the (paper id, title) of the papers whose titles it writes out (a search: called
    only when the question asks for a field by its words, the only case that reads them)."""
    fields: list[RecordField] = [f for f in _FIELDS if R.FIELD_WORDS[f].search(text)]
    if R.BIB_REQUEST.search(text):
        fields = ["authors", "venue", "year", "presentation"]
    checked = list(dict.fromkeys(_FIELD_OF[m.kind] for m in found if m.kind in _FIELD_OF))
    known = [m for m in found if m.value is not None]
    if not fields and not checked and not known:
        return RecordAsk()
    papers = tuple(pid for pid, _ in titled()) if fields else ()  # read only when a field is asked
    alternatives = _alternatives(text, known)
    collection = bool(fields) and not papers and not found and _speaks_of_collection(text)
    return RecordAsk(
        fields=tuple(fields),
        checked=tuple(f for f in checked if f not in fields),
        alternatives=alternatives,
        papers=papers,
        collection=collection,
        topic=_record_topic(text) if fields else "",
        placed_topic=_placed_topic(text) if collection else "",
    )


def _speaks_of_collection(text: str) -> bool:
    """The question speaks of the collection's papers: a plural paper noun ("the papers", "items"),
    the collection itself, every paper ("every paper whose venue is known") or a count across them
    ("an author on more than one paper"), not one paper."""
    words = set(re.findall(r"[a-z]+", text.lower()))
    if words & (P.PAPER_NOUNS_PLURAL | P.COLLECTION_NOUNS) - {"paper", "document", "doc"}:
        return True
    return bool(_EVERY.search(text) or R.MANY_PAPERS.search(text))  # "any author on more than one paper?"


def _record_topic(text: str) -> str:
    """What the question is about besides the records: its words without the field words, the
    collection's nouns and the words that speak about records."""
    found = W.topic(
        _without_fields(text),
        R.RECORD_TALK
        | P.RECORD_FIELDS
        | P.PAPER_NOUNS_SINGULAR
        | P.PAPER_NOUNS_PLURAL
        | P.COLLECTION_WORDS
        | P.FILLER_WORDS,
    )
    return found if content_terms(found) else ""  # "does any author show up ...": "up" is no topic


def _without_fields(text: str) -> str:
    """`text` without the words that name record fields ("who wrote", "which venue"), with the
    parts hyphenated to them ("first-author" goes whole, not leaving "first-")."""
    for words in R.FIELD_WORDS.values():
        text = re.sub(rf"(?:\w+-)*(?:{words.pattern})(?:-\w+)*", " ", text, flags=words.flags)
    return text


def _placed_topic(text: str) -> str:
    """The topic of a question asking for records across the collection: only words in a topic's
    place (`R.TOPIC_PLACES`, `R.TOPIC_VERB_PLACES`, `R.TOPIC_HEADING`: "the papers on sourdough",
    "papers that study diffusion", "which papers discuss X", "sourdough: who wrote ...?") and the
    words modifying its paper noun ("the robustness papers", 'the "sourdough" papers'). Other words
    left over may be how it speaks of the records ("how many of the papers actually have a venue
    attached?", "which conference is best represented?")."""
    rest = _without_fields(text)
    parts = [m.group("topic") for pattern in R.TOPIC_PLACES for m in pattern.finditer(rest)]
    if heading := R.TOPIC_HEADING.match(rest):
        parts.append(heading.group("topic"))
    for pattern in R.TOPIC_VERB_PLACES:
        for m in pattern.finditer(rest):
            verb, after = m.group("verb"), (m.group("topic") or "").strip()
            if verb.lower() in _NOT_TOPIC_VERBS or verb.isdigit():
                continue
            # what follows the verb ("papers that study X": X); the word itself after a preposition
            # ("papers in X") or alone ("that are X-related")
            parts.append(f"{verb} {after}" if m.groupdict().get("prep") or not after else after)
    tokens = [t for t in re.findall(r"[\w\-']+|[^\w\s]", rest) if t not in R.QUOTES]
    for i, token in enumerate(tokens):
        if token.lower() in _MODIFIED_NOUNS:
            modifiers: list[str] = []
            for before in reversed(tokens[:i]):  # "the adversarial training papers": back to "the"
                if not re.fullmatch(r"[\w\-]+", before) or before.lower() in _NOT_MODIFIERS or before.isdigit():
                    break
                modifiers.insert(0, before)
            parts.append(" ".join(modifiers))
    words = _record_topic(" ".join(parts)).split()
    found = " ".join(dict.fromkeys(w for w in words if w.lower() not in R.RECORD_VERBS))
    return found if content_terms(found) else ""


def named_sessions(text: str, found: list[Mention]) -> list[str]:
    """The session types a question names, less those it sets aside ("which talk was the Oral (not
    a spotlight)?" names the Oral); two or more are asked of a paper ("was it an oral or a
    spotlight?"), and select none."""
    return list(
        dict.fromkeys(
            str(m.value)
            for m in found
            if m.kind == "presentation" and m.value and not _SET_ASIDE.search(text[max(0, m.start - 16) : m.start])
        )
    )


def _alternatives(text: str, known: list[Mention]) -> tuple[Filters, ...]:
    """One set of filters per record the names select: the venues (any of them) and session with
    each year named, or with each author named; the lecture when the question names it."""
    venues = list(dict.fromkeys(str(m.value) for m in known if m.kind == "venue"))
    sessions = named_sessions(text, known)
    session = sessions[0] if len(sessions) == 1 else None  # "an oral or a spotlight?" asks, selects no record
    base = {"venue": " | ".join(venues) if venues else None, "presentation": session}
    years: list[int | None] = list(dict.fromkeys(int(m.value) for m in known if m.kind == "year" and m.value))
    authors = list(dict.fromkeys(str(m.value) for m in known if m.kind == "author"))
    out: list[Filters] = []
    for author in authors:
        for year in years or [None]:
            out.append(Filters(author=author, year=year, **base))
    if not authors:
        for year in years or [None]:
            if year is not None or venues or session:
                out.append(Filters(year=year, **base))
    if any(m.kind == "kind" and m.value == "lecture" for m in known):
        out.append(Filters(kind="lecture"))
    return tuple(out)
