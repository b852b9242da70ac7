"""An LLM's reading of a question, checked against the catalogue (opt-in: `RAG_LLM__PLAN=true`).

One structured-output call whose JSON schema is the plan's decisions (intent, filters, hints,
comparison subjects, topic). Every venue, year, author or session the model names must be one
the catalogue holds; one that is not is left out with a notice. Any failure (the LLM is down,
its reply is not the schema, it names an intent the question cannot have) falls back to the
rules' plan, with the reason on the plan. The rules still derive everything else (what to
search, the focus, follow-ups, metadata the question names that the corpus lacks).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from rag.llm.client import ChatLLM, LLMError, Message
from rag.llm.prompts import neutralise, read_prompt
from rag.questions.models import INTENTS, Proposal, QueryPlan, Resolver
from rag.questions.names import Names, mentions, normalise
from rag.questions.plan import plan
from rag.retrieval.types import Filters, Hints

log = logging.getLogger(__name__)
_NULLABLE_TEXT = {"type": ["string", "null"]}
_META = {
    "venue": _NULLABLE_TEXT,
    "year": {"type": ["integer", "null"]},
    "author": _NULLABLE_TEXT,
    "presentation": _NULLABLE_TEXT,
}
SCHEMA = {
    "type": "object",
    "properties": {
        "intent": {"type": "string", "enum": list(INTENTS)},
        "filters": {"type": "object", "properties": _META},
        "hints": {
            "type": "object",
            "properties": {**_META, "kind": {"type": ["string", "null"], "enum": ["lecture", None]}},
        },
        "subjects": {"type": "array", "items": {"type": "string"}, "maxItems": 2},
        "topic": {"type": "string"},
    },
    "required": ["intent", "filters", "hints", "subjects", "topic"],
}
_AUTHORS_LISTED = 60  # a corpus with more authors than this is described by their number


def messages(question: str, names: Names, history: Sequence[str] = ()) -> list[Message]:
    """The planning prompt: the question, the conversation's last question, the corpus's metadata."""
    authors = sorted({full for entries in names.authors.values() for _, full in entries})
    author_text = (
        f"authors {', '.join(authors)}" if len(authors) <= _AUTHORS_LISTED else f"{len(authors)} named authors"
    )
    earlier = f"Previous question: {neutralise(history[-1])}\n" if history else ""
    user = (
        read_prompt("plan_user")
        .replace("{venues}", ", ".join(sorted(names.venues)) or "none")
        .replace("{years}", ", ".join(map(str, sorted(names.years))) or "none")
        .replace("{presentations}", ", ".join(sorted(names.presentations)) or "none")
        .replace("{authors}", author_text)
        .replace("{lecture}", "the corpus holds a lecture" if names.has_lecture else "no lecture")
        .replace("{history}", earlier + ("\n" if earlier else ""))
        .replace("{question}", neutralise(question))
    )
    return [Message("system", read_prompt("plan_system")), Message("user", user)]


def plan_with_llm(
    question: str,
    *,
    names: Names,
    llm: ChatLLM,
    history: Sequence[str] = (),
    filters: Filters | None = None,
    resolve: Resolver | None = None,
    max_chars: int = 4000,
) -> QueryPlan:
    """The plan with the LLM's decisions where they pass the catalogue's checks, else the rules'."""
    rules = plan(question, names=names, history=history, filters=filters, resolve=resolve, max_chars=max_chars)
    try:
        reply = llm.structured(messages(rules.question, names, history), SCHEMA, "query_plan")
        proposal, dropped = check(reply, names, rules)
    except (LLMError, ValueError, TypeError, KeyError) as exc:
        kind = getattr(exc, "kind", type(exc).__name__)
        log.warning("the LLM's plan failed (%s); the rules read the question", kind)
        return rules.model_copy(
            update={"reasons": (*rules.reasons, f"the LLM's plan failed ({kind}): read by the rules")}
        )
    read = plan(
        question, names=names, history=history, filters=filters, resolve=resolve, max_chars=max_chars, proposal=proposal
    )
    notices = tuple(f"the planner named {what}, which no paper of the corpus has; it was left out" for what in dropped)
    return read.model_copy(update={"planner": "llm", "notices": (*read.notices, *notices)})


def check(reply: dict, names: Names, rules: QueryPlan) -> tuple[Proposal, list[str]]:
    """The reply as a `Proposal`, each metadata value checked against the catalogue (what does
    not check out is dropped and named); a ValueError when the reply cannot be a plan."""
    intent = reply.get("intent")
    if intent not in INTENTS:
        raise ValueError(f"intent {intent!r} is not one of the plan's")
    dropped: list[str] = []
    found_filters = _checked(reply.get("filters") or {}, names, dropped, ("venue", "year", "author", "presentation"))
    found_hints = _checked(
        reply.get("hints") or {}, names, dropped, ("venue", "year", "author", "presentation", "kind")
    )
    if intent != "listing":  # filters restrict only listings: elsewhere the metadata is context
        found_hints = {**found_filters, **found_hints}
        found_filters = {}
    if intent == "listing" and not found_filters and not rules.absent:
        raise ValueError("a listing with nothing to select by")
    subjects = tuple(str(s).strip() for s in reply.get("subjects") or [] if str(s).strip())[:2]
    return Proposal(
        intent=intent,
        filters=Filters(**found_filters) if found_filters else None,
        hints=Hints(**found_hints),
        subjects=subjects if intent == "compare" else (),
        topic=str(reply.get("topic") or "").strip(),
        reason=f"intent {intent}: as the LLM read it",
    ), dropped


def _checked(values: dict, names: Names, dropped: list[str], keys: tuple[str, ...]) -> dict:
    out: dict[str, object] = {}
    for key in keys:
        value = values.get(key)
        if value in (None, "", [], {}):
            continue
        known = _known(key, value, names)
        if known is None:
            dropped.append(f"{key} {value}")
        else:
            out[key] = known
    return out


def _known(key: str, value: object, names: Names) -> object | None:
    """`value` as the catalogue spells it, or None when no paper has it."""
    text = str(value).strip()
    if key == "year":
        try:
            year = int(text)
        except ValueError:
            return None
        return year if year in names.years else None
    if key == "kind":
        return "lecture" if text.lower() == "lecture" and names.has_lecture else None
    pool = {"venue": names.venues, "presentation": names.presentations}.get(key)
    if pool is not None:
        found = [m for m in mentions(normalise(text), names) if m.kind == key and m.value is not None]
        return found[0].value if found else next((v for v in pool if v.lower() == text.lower()), None)
    found = [m for m in mentions(normalise(f"papers by {text}"), names) if m.kind == "author" and m.value is not None]
    return found[0].value if found else None
