"""Answers the paper records give, not the abstracts: papers listed by venue, year, author or
session; who wrote a paper; the records of the papers a question names. Each reads the plan and
the catalogue; none quotes an abstract beyond a paper's first sentence. The collection's size and
the lecture's outline are in `rag.answering.collection`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence

from rag.answering.evidence import (
    Coverage,
    Lexical,
    Semantic,
    answers,
    assess,
    gate_score,
    gate_signals,
    relevant,
    stands_for,
)
from rag.answering.extractive import third_person
from rag.answering.models import Answer, Citation
from rag.corpus.models import Paper
from rag.index.catalogue import Card, Catalogue
from rag.questions import record_patterns as R
from rag.questions.models import QueryPlan
from rag.retrieval.types import Filters, Hit
from rag.settings import AnswerSettings
from rag.text.folding import name_key, names_match
from rag.text.sentences import split_sentences

RECORDS_LEAD = "\n\nFrom the paper records:\n\n"  # after an answer's text: the cited papers' records, not the model's
Searcher = Callable[..., list[Hit]]  # (query, k, filters=..., hints=..., topic=...) -> hits


def any_of(names: Sequence[str]) -> str:
    """ "A", "A or B", "A, B or C": names of which none is found."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} or {names[-1]}"


def refusal(
    plan: QueryPlan,
    hits: list[Hit],
    mode: str,
    model: str | None,
    text: str | None = None,
    unseen: tuple[str, ...] = (),
) -> Answer:
    """The corpus does not cover the question: say so, naming what it asks about that no indexed
    paper mentions (`unseen`: "SMOTE"), and list the nearest papers as not answering it."""
    nearest = [Citation(n=i + 1, paper=h.paper, passage=h.passage, section=h.section) for i, h in enumerate(hits[:3])]
    if text is None:
        text = "The corpus does not cover this question: no indexed paper is close enough to it to answer from."
        if unseen:
            text = text[:-1] + f", and none mentions {any_of(unseen)}."
        if nearest:
            text += " The nearest papers are listed below, but they do not answer it."
    return Answer(
        question=plan.question,
        text=text,
        mode=mode,
        model=model,
        refused=True,
        nearest=nearest,
        retrieved_ids=[h.paper.id for h in hits],
    )


def describe(filters: Filters, topic: str | None) -> str:
    """ "NeurIPS 2019 spotlights by Florian Tramer on robustness", for a listing's first line."""
    kind = {"oral": "orals", "spotlight": "spotlights", "poster": "posters"}.get(
        (filters.presentation or "").lower(), "papers"
    )
    venue = " or ".join(filters.venues) or None
    text = " ".join(x for x in [venue, str(filters.year) if filters.year else None, kind] if x)
    if filters.author:
        text += f" by {filters.author}"
    if topic:
        text += f" on {topic}"
    return text


def listing(plan: QueryPlan, catalogue: Catalogue, search: Searcher, coverage: Coverage, cfg: AnswerSettings) -> Answer:
    """The papers matching the plan's filters, narrowed by its topic when it has one, each with
    its authors, venue, year and session and its first sentence, cited. A paper is on the topic
    when its passage is close to it (`listing_topic_similarity` of `min_similarity`) or holds its
    rare words (`min_coverage`). The first line claims the topic only of papers on it: with few
    matching papers all are shown, those on the topic first; when none is on it, all are shown
    under a first line saying so ("ICML 2018 papers on protein folding" lists no ICML 2018 paper
    as being on protein folding)."""
    filters = plan.filters or Filters()
    matching = [c.id for c in catalogue.cards.values() if filters.allows(c)]
    topic = plan.topic or None
    passages: dict[str, str] = {}
    ordered, description = matching, describe(filters, topic)
    if topic and matching:
        hits = search(topic, len(matching), filters=filters, topic=topic)
        close = _close_to(topic, hits, coverage, cfg)
        passages = {h.paper.id: h.passage for h in hits}
        near = {h.paper.id for h in close}
        if close and (len(matching) > cfg.listing_topic_min_papers or len(near) == len(matching)):
            ordered = [h.paper.id for h in close]
        else:
            ranked = [h.paper.id for h in close] + [h.paper.id for h in hits if h.paper.id not in near]
            seen = set(ranked)
            ordered = ranked + [pid for pid in matching if pid not in seen]
            description = describe(filters, None)
            if close:
                description += f", {len(close)} of them on {topic} (listed first)"
            else:
                none = "it is not" if len(ordered) == 1 else "none of them is"
                description += f"; {none} close to \u201c{topic}\u201d"
    if not ordered:
        return Answer(question=plan.question, refused=True, mode="extractive", text=f"The corpus has no {description}.")
    lines, citations = [], []
    shown = cfg.listing_max_papers
    for n, paper in enumerate((p for p in map(catalogue.paper, ordered[:shown]) if p is not None), start=1):
        first = split_sentences(paper.abstract)[:1]
        gist = third_person(first[0]) if first else ""
        # every author when the question asks about them ("... who are the other authors on it?")
        who = (
            ", ".join(paper.authors) if "authors" in plan.record.fields else _short_names(paper.authors, filters.author)
        )
        facts = ", ".join(
            x
            for x in [
                who,
                paper.venue,
                str(paper.year) if paper.year else None,
                paper.meta.get("presentation"),
                _slot(paper),
            ]
            if x
        )
        lines.append(f"- **{paper.title}** ({facts}) [{n}]")
        citations.append(Citation(n=n, paper=paper, passage=passages.get(paper.id, gist)))
    count = len(ordered)
    if count == 1:
        for plural, single in (
            ("papers", "paper"),
            ("orals", "oral"),
            ("spotlights", "spotlight"),
            ("posters", "poster"),
        ):
            description = description.replace(plural, single, 1)
    head = f"The corpus has {count} {description}{_sessions(ordered, catalogue)}" + (
        ":" if count <= shown else f"; the first {shown}:"
    )
    return listed(plan, head, lines, citations)


def _sessions(ordered: list[str], catalogue: Catalogue) -> str:
    """How the listed papers split by session type, when they carry more than one ("(5 Spotlight,
    1 Oral)"): "how many of those were spotlights vs orals?" is answered in the heading."""
    kinds = Counter(c.presentation for pid in ordered if (c := catalogue.cards.get(pid)) and c.presentation)
    if len(kinds) < 2:
        return ""
    return " (" + ", ".join(f"{n} {kind}" for kind, n in kinds.most_common()) + ")"


def listed(plan: QueryPlan, head: str, lines: list[str], citations: list[Citation]) -> Answer:
    """An extractive answer that is a heading over one cited line per document."""
    return Answer(
        question=plan.question,
        text=head + "\n\n" + "\n".join(lines),
        citations=citations,
        mode="extractive",
        retrieved_ids=[c.paper.id for c in citations],
    )


def authorship(
    plan: QueryPlan,
    search: Searcher,
    coverage: Coverage,
    lexical: Lexical | None,
    catalogue: Catalogue,
    cfg: AnswerSettings,
    semantic: Semantic | None = None,
) -> Answer:
    """Who wrote the papers retrieval finds for the plan's subject, from their records: the best
    match when one paper is asked for, else up to `authorship_papers` close to the best; a
    refusal when no paper is close enough. With no subject but filters ("who wrote the NeurIPS
    2019 oral?"), the papers the filters select; for a question listing papers ("where were A, B
    and C published?"), each paper the plan resolved, a described one only if close enough to
    its description."""
    listed = _listed_papers(plan, catalogue, coverage, cfg)
    if listed:
        hits = chosen = listed
    elif not plan.search_text and plan.filters is not None:
        # the filters say exactly which papers: all of them, as a listing would ("who wrote each
        # NeurIPS 2019 spotlight?"), not the few closest a topic's search gives
        chosen = _records_as_hits(plan.filters, catalogue)[: cfg.listing_max_papers]
        hits = chosen
        if not chosen:
            return Answer(
                question=plan.question,
                refused=True,
                mode="extractive",
                text=f"The corpus has no {describe(plan.filters, None)}.",
            )
    else:
        hits = search(plan.search_text, cfg.retrieve, filters=plan.filters, hints=plan.hints, topic=plan.topic)
        evidence = assess(plan.search_text, hits, coverage)
        found = gate_signals(plan.search_text, evidence, cfg, lexical, semantic)
        if not answers(found, cfg):
            refused = refusal(plan, hits, "extractive", None, unseen=found.unseen)
            refused.gate = gate_score(found, cfg)
            return refused
        chosen = relevant(evidence, cfg)[: 1 if plan.single else cfg.authorship_papers]
    if chosen and not plan.same_as and not any(_on_record(h.paper) for h in chosen):
        return _nothing_on_record(plan, chosen, hits)
    lines, citations = [], []
    for n, hit in enumerate(chosen, start=1):
        lines.append(record_line(hit.paper, n))
        citations.append(Citation(n=n, paper=hit.paper, passage=hit.passage, section=hit.section))
    searched = not listed and bool(plan.search_text)  # else the question or its filters named the papers
    head = "From the paper records:" if not searched or len(lines) == 1 else "From the records of the closest papers:"
    text = head + "\n\n" + "\n".join(lines)
    retrieved = [h.paper.id for h in hits]
    if plan.same_as and chosen:
        more, others = _sharing(
            chosen[0].paper,
            plan.same_as,
            catalogue,
            len(citations) + 1,
            cfg.listing_max_papers,
            {h.paper.id for h in chosen},  # the papers the question names are listed already
        )
        text += "\n\n" + more
        citations += others
        retrieved += [c.paper.id for c in others if c.paper.id not in retrieved]  # found in the records, as a listing's
    return Answer(
        question=plan.question,
        text=text,
        citations=citations,
        mode="extractive",
        retrieved_ids=retrieved,
    )


def record_line(paper: Paper, n: int) -> str:
    """ "- **Title** (NeurIPS 2019, Spotlight) is by A and B, presented in Track 2 Session 5, Thu 12
    Dec. 10:20 - 10:25 PST [n].": a paper's record, cited, with its talk's session and slot when the
    record holds them."""
    venue = " ".join(x for x in [paper.venue, str(paper.year) if paper.year else None] if x)
    where = ", ".join(x for x in [venue, paper.meta.get("presentation")] if x)
    title = f"**{paper.title}**" + (f" ({where})" if where else "")
    who = f"is by {_names(paper.authors)}" if paper.authors else "is in the corpus without its authors"
    slot = _slot(paper)
    return f"- {title} {who}" + (f", presented in {slot}" if slot else "") + f" [{n}]."


def _slot(paper: Paper) -> str:
    """A talk's session and time as its record gives them ("Track 2 Session 5, Thu 12 Dec. 10:05 -
    10:20 PST"), or ""."""
    return ", ".join(x for x in [paper.meta.get("session"), paper.meta.get("time")] if x)


def named_records(
    plan: QueryPlan, catalogue: Catalogue, search: Searcher, coverage: Coverage, cfg: AnswerSettings
) -> Answer | None:
    """The records of the papers a question names (`plan.record`: titles written out, and the
    authors, venues, years, sessions or lecture it names), for a question the abstracts do not
    answer ("Cho-Jui Hsieh and Liwei Wang: is there a paper they both worked on?", "which is
    older, Group Normalization or Tramer & Boneh's paper?"), or for a question asking the fields of
    the collection's papers ("every paper whose conference is known", "how many different
    conferences do the papers come from?": those holding the fields, on its topic if it has one,
    with a tally by venue); None when it names none or asks nothing of a record."""
    hits, tally = named_hits(plan, catalogue, search, coverage, cfg)
    if not hits:
        return None
    if not any(_on_record(h.paper) for h in hits):
        return _nothing_on_record(plan, hits, hits)
    lines = [record_line(h.paper, n) for n, h in enumerate(hits, start=1)]
    citations = [Citation(n=n, paper=h.paper, passage=h.passage) for n, h in enumerate(hits, start=1)]
    text = "From the paper records:\n\n" + "\n".join(lines) + tally
    if plan.same_as and len(hits) == 1:  # "... and what else was in that same session?"
        more, others = _sharing(
            hits[0].paper, plan.same_as, catalogue, len(citations) + 1, cfg.listing_max_papers, {hits[0].paper.id}
        )
        text += "\n\n" + more
        citations += others
    return Answer(
        question=plan.question,
        text=text,
        citations=citations,
        mode="extractive",
        retrieved_ids=[c.paper.id for c in citations],
    )


def named_hits(
    plan: QueryPlan,
    catalogue: Catalogue,
    search: Searcher,
    coverage: Coverage,
    cfg: AnswerSettings,
    answered: bool = False,
) -> tuple[list[Hit], str]:
    """The papers whose records a question asking for record fields names (see `named_records`),
    oldest first when it asks about years, at most `listing_max_papers`, and a tally by venue for
    the collection's; none when it asks no field by its words or names metadata the corpus does not
    hold. With a title named, metadata beside it is what the question checks of that paper ("X is
    an ICML paper, right?"), not more papers to list; authors it names still are. Beside a content
    answer (`answered`), papers selected by a venue, year or session (not by title or person) must
    be on the question's topic ("I'm writing for a 2018 workshop: how do mixup and label smoothing
    differ?" adds no 2018 paper), and the collection's records are not added."""
    ask = plan.record
    if not ask.fields or plan.absent:
        return [], ""  # "what does the lecture say about sourdough?" names the lecture, asks nothing of its record
    cards = catalogue.cards
    alternatives = ask.alternatives if not ask.papers else tuple(f for f in ask.alternatives if f.author)
    ids = [pid for pid in ask.papers if pid in cards]
    for person in (f for f in alternatives if f.author):
        found = [c.id for c in cards.values() if person.allows(c)]
        if not found:
            # "Razenshteyn - which paper has him as an author, and was it presented as an oral?": the
            # session is asked of his paper, not a choice among his papers; his record answers it
            asked: dict[str, None] = {f: None for f in ask.fields if f in ("venue", "year", "presentation")}
            found = [c.id for c in cards.values() if person.model_copy(update=asked).allows(c)] if asked else []
        ids += found
    by_metadata = [c.id for f in alternatives if not f.author for c in cards.values() if f.allows(c)]
    ids += _on_topic(by_metadata, ask.topic, search, coverage, cfg) if answered else by_metadata
    ids = list(dict.fromkeys(ids))
    tally = ""
    if not ids and not answered and ask.collection:
        # "every paper whose conference is known", "how many different conferences do the papers
        # come from?": the records holding the fields asked, those on the question's topic if it has one
        holding = [c.id for c in cards.values() if _holds(c, ask.fields)]
        placed = on_topic = _topic_ids(ask.topic, search, coverage, cfg)  # each topic searched once
        ids = [i for i in holding if on_topic is None or i in on_topic]
        if not ids and ask.placed_topic != ask.topic:  # no paper is on its other words: they spoke of the records
            placed = _topic_ids(ask.placed_topic, search, coverage, cfg)
            ids = [i for i in holding if placed is None or i in placed]
        if not ids and placed:  # papers on its topic, none holding the fields: shown without them
            ids = [i for i in cards if i in placed]
        tally = _tally([cards[i] for i in ids]) if "venue" in ask.fields and len(ids) > 1 else ""
        if "authors" in ask.fields and len(ids) > 1:  # "does any author show up on more than one paper?"
            tally += _authors_tally([cards[i] for i in ids], bool(R.MANY_PAPERS.search(plan.question)))
    if "year" in ask.fields:  # "which is older ...?", "the newest ...": oldest first
        ids.sort(key=lambda i: cards[i].year or 9999)
    # only the records shown are read from the store, after the catalogue's cards chose them
    shown = ids[: cfg.listing_max_papers]
    return [h for n, pid in enumerate(shown, start=1) if (h := _record_hit(catalogue, pid, n)) is not None], tally


def _close_to(topic: str, hits: list[Hit], coverage: Coverage, cfg: AnswerSettings) -> list[Hit]:
    """The hits on `topic`: their passage close to it (`listing_topic_similarity` of
    `min_similarity`) or holding its rare words (`min_coverage`). How a listing and the records a
    question names are narrowed by a topic."""
    floor = cfg.min_similarity * cfg.listing_topic_similarity
    return [h for h in hits if (h.similarity or 0) >= floor or coverage(topic, h.text) >= cfg.min_coverage]


def _on_topic(ids: list[str], topic: str, search: Searcher, coverage: Coverage, cfg: AnswerSettings) -> list[str]:
    """`ids`, those among the papers on `topic` (`_close_to`) when there is one."""
    if not ids:
        return ids
    close = _topic_ids(topic, search, coverage, cfg)
    return [i for i in ids if close is None or i in close]


def _topic_ids(topic: str, search: Searcher, coverage: Coverage, cfg: AnswerSettings) -> set[str] | None:
    """The ids of the papers on `topic` (`_close_to`); None when there is no topic."""
    if not topic:
        return None
    return {h.paper.id for h in _close_to(topic, search(topic, cfg.summary_papers, topic=topic), coverage, cfg)}


def _holds(card: Card, fields: tuple[str, ...]) -> bool:
    """Whether a paper's record holds any of `fields` (a venue only a paper's: the lecture's is its kind)."""
    held = {
        "authors": bool(card.authors),
        "venue": bool(card.venue) and card.kind == "paper",
        "year": card.year is not None,
        "presentation": bool(card.presentation),
    }
    return any(held.get(f, False) for f in fields)


def _tally(cards: list[Card]) -> str:
    """ "By venue (10 papers): NeurIPS 2019 (6), ICML 2018 (4).": the papers found (all of them, when the list
    shown is cut), most first."""
    counts: dict[str, int] = {}
    for card in cards:
        where = " ".join(x for x in [card.venue, str(card.year) if card.year else None] if x)
        if where:
            counts[where] = counts.get(where, 0) + 1
    ranked = sorted(counts.items(), key=lambda kv: -kv[1])
    total = sum(counts.values())
    return f"\n\nBy venue ({total} papers): " + ", ".join(f"{k} ({n})" for k, n in ranked) + "." if ranked else ""


def _authors_tally(cards: list[Card], asked: bool) -> str:
    """ "Authors on more than one of these papers: A (3), B (2)." (all the papers found, when the
    list shown is cut), most first; or, when the question counts papers (`asked`: "any author on
    more than one paper?"), that no author is on two of them."""
    counts: dict[str, int] = {}
    spelt: dict[str, str] = {}
    for card in cards:
        keys = {name_key(a): a for a in card.authors}
        for key, written in keys.items():
            counts[key] = counts.get(key, 0) + 1
            spelt.setdefault(key, written)
    ranked = sorted(((spelt[k], n) for k, n in counts.items() if n > 1), key=lambda kv: (-kv[1], kv[0]))
    if not counts or (not ranked and not asked):
        return ""
    if not ranked:
        return f"\n\nNo author is on more than one of these {len(cards)} papers."
    return "\n\nAuthors on more than one of these papers: " + ", ".join(f"{k} ({n})" for k, n in ranked) + "."


def cited_records(answer: Answer, named: list[Hit] | None = None) -> str:
    """The records of the papers an answer cites, under its citation numbers, for a question that
    asks about records beside its content ("how far apart in time were X and Y published, and
    where?"), and of the `named` papers the question asks them for that the answer did not cite,
    added to its citations ("did Kolter and Tramer ever write a paper together?"); under
    `RECORDS_LEAD`, "" when none has a record."""
    cited = {c.paper.id for c in answer.citations}
    for hit in named or []:
        if hit.paper.id not in cited and _on_record(hit.paper):
            answer.citations.append(Citation(n=len(answer.citations) + 1, paper=hit.paper, passage=hit.passage))
            cited.add(hit.paper.id)
            if hit.paper.id not in answer.retrieved_ids:  # found in the records, as a listing's are
                answer.retrieved_ids.append(hit.paper.id)
    lines = [record_line(c.paper, c.n) for c in answer.citations if _on_record(c.paper)]
    return RECORDS_LEAD + "\n".join(lines) if lines else ""


def _nothing_on_record(plan: QueryPlan, chosen: list[Hit], hits: list[Hit]) -> Answer:
    """Nothing the question can ask of a record is there: the papers are named, the question not answered."""
    named = "; ".join(f"**{h.paper.title}**" for h in chosen)
    whose = "its record has" if len(chosen) == 1 else "their records have"
    return refusal(
        plan,
        chosen + [h for h in hits if h not in chosen],
        "extractive",
        None,
        text=f"The corpus holds {named}, but {whose} no authors, venue, year or session, "
        "so the corpus cannot answer this.",
    )


def _on_record(paper: Paper) -> bool:
    """Whether the paper's record holds anything a record question asks: authors, venue, year, session."""
    return bool(paper.authors or paper.venue or paper.year or paper.meta.get("presentation"))


def _sharing(paper: Paper, fields: tuple[str, ...], catalogue: Catalogue, first: int, limit: int, shown: set[str]):
    """The other papers whose records share `fields` (venue, year, presentation, session: the talk's
    own session, or its type where the record names no session) with `paper`: a paragraph listing
    them, cited from number `first` on, and their citations ("what else is from that
    conference?"), those `shown` left out; a sentence saying there are none, or that the paper's
    record lacks a field."""
    values = {
        "venue": paper.venue,
        "year": paper.year,
        "presentation": paper.meta.get("presentation"),
        "session": paper.meta.get("session"),
    }
    if "session" in fields and values["session"] is None and values["presentation"] is not None:
        fields = tuple("presentation" if f == "session" else f for f in fields)  # a session page's type alone
    if any(values[f] is None for f in fields):
        lacking = " and ".join(f for f in fields if values[f] is None)
        return f"Its record has no {lacking}, so no other paper can be matched to it.", []
    filters = Filters(**{f: values[f] for f in fields if f != "session"})
    left_out = shown | {paper.id}
    others = [
        h
        for h in _records_as_hits(filters, catalogue)
        if h.paper.id not in left_out and ("session" not in fields or h.paper.meta.get("session") == values["session"])
    ][:limit]
    what = describe(filters, None) + (f" in {values['session']}" if "session" in fields else "")
    if not others:
        return f"No other paper in the corpus is among the {what}.", []
    lines = [f"Also among the {what} in the corpus:"]
    citations = []
    for n, hit in enumerate(others, start=first):
        lines.append(f"- **{hit.paper.title}** [{n}].")
        citations.append(Citation(n=n, paper=hit.paper, passage=hit.passage, section=hit.section))
    return "\n".join(lines), citations


def _records_as_hits(filters: Filters, catalogue: Catalogue) -> list[Hit]:
    """The papers `filters` select, as hits whose passage is each paper's first sentence."""
    hits: list[Hit] = []
    for card in catalogue.cards.values():
        hit = _record_hit(catalogue, card.id, len(hits) + 1) if filters.allows(card) else None
        if hit is not None:
            hits.append(hit)
    return hits


def _record_hit(catalogue: Catalogue, paper_id: str, rank: int) -> Hit | None:
    """A paper as a hit whose passage is its first sentence (None if the catalogue lacks it)."""
    paper = catalogue.paper(paper_id)
    if paper is None:
        return None
    first = (split_sentences(paper.abstract) or [paper.abstract[:300]])[0]
    return Hit(paper=paper, rank=rank, score=1.0, passage=first, chunk_id=f"{paper.id}#0")


def _listed_papers(plan: QueryPlan, catalogue: Catalogue, coverage: Coverage, cfg: AnswerSettings) -> list[Hit]:
    """The papers a record question lists, as the plan resolved them; none unless every one was
    resolved, is allowed by the plan's filters, and, when resolved only by a description, is close
    enough to it."""
    hits: list[Hit] = []
    for subject in plan.subjects:
        card = catalogue.cards.get(subject.paper_id) if subject.paper_id else None
        allowed = card is not None and (plan.filters is None or plan.filters.allows(card))
        hit = _record_hit(catalogue, card.id, len(hits) + 1) if card is not None and allowed else None
        if hit is None:
            return []
        if not stands_for(subject, hit, coverage, cfg):
            return []
        hits.append(hit)
    return hits


def _short_names(authors: list[str], asked: str | None) -> str:
    """The first three authors, "et al." for the rest, and the one the listing was asked for
    ("anything by Wang?") wherever it stands."""
    shown = authors[:3]
    if asked:
        shown += [a for a in authors[3:] if names_match(asked, a)]
    return ", ".join(shown) + (" et al." if len(authors) > len(shown) else "")


def _names(authors: list[str]) -> str:
    return authors[0] if len(authors) == 1 else ", ".join(authors[:-1]) + " and " + authors[-1]
