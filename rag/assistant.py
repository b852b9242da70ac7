"""The one entry point the CLI, the UI and Python callers share: `Assistant`.

It wires the stages together from one `Settings`: the doc store, the vector store (embedded
or server), the embedder and BM25, and keeps an in-memory catalogue of the papers that is
reloaded when the doc store's version changes (chunk texts stay on disk: a hit reads its
own). Collaborators can be injected (a fake embedder in unit tests); by default they are built
from settings on first use. A question is read by rag.questions into a plan, which answering reads.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from rag import offline
from rag.answering.events import Event, Final, Tools
from rag.answering.models import Answer
from rag.answering.pipeline import answer_stream
from rag.answering.semantic import SemanticCoverage
from rag.answering.summarise import Summary, summarise
from rag.corpus.models import Paper
from rag.embedding.base import Embedder
from rag.embedding.cache import EmbeddingCache
from rag.embedding.factory import make_embedder
from rag.embedding.remembered import RememberedVectors
from rag.errors import NotIndexedError
from rag.index.bm25 import LexicalIndex
from rag.index.catalogue import Card, Catalogue
from rag.index.docstore import DocStore
from rag.index.ingest import IngestReport, chunk_hash, ingest, refresh_bm25
from rag.index.lock import being_written, write_error, writing
from rag.index.vectors import VectorStore, connect
from rag.llm.client import ChatLLM
from rag.questions import topic_terms
from rag.questions.models import QueryPlan
from rag.questions.names import names_of
from rag.questions.plan import plan as plan_question
from rag.retrieval.retrievers import DenseRetriever, LexicalRetriever
from rag.retrieval.search import search
from rag.retrieval.types import Filters, Hints, Hit, Passage, clean_query
from rag.settings import RetrievalMode, Settings

log = logging.getLogger(__name__)

# The settings that choose the index an assistant answers from, or size what a variant (`Assistant.variant`)
# shares with it (the embedder, the vector store, the remembered vectors): a variant keeps them.
_SHARED_SETTINGS = (
    "home",
    "corpus",
    "chroma_url",
    "collection",
    "embedder",
    "model_path",
    "model_cache",
    "embed_workers",
    "embed_threads",
    "search.ef_search",
    "answer.remembered_vectors",
)


def _merged(old: dict, changes: dict) -> dict:
    """`old` with `changes`: a dict given for a dict changes it key by key, at any depth."""
    out = dict(old)
    for key, value in changes.items():
        nested = isinstance(value, dict) and isinstance(old.get(key), dict)
        out[key] = _merged(old[key], value) if nested else value
    return out


def _flat(values: dict, prefix: str = "") -> dict[str, Any]:
    """{"search.ef_search": 64, ...}: every setting by its dotted name."""
    out: dict[str, Any] = {}
    for key, value in values.items():
        name = f"{prefix}{key}"
        out.update(_flat(value, f"{name}.") if isinstance(value, dict) else {name: value})
    return out


@dataclass
class _Loaded:
    """What an assistant loads from its index and keeps in memory (its variants share it)."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    catalogue: Catalogue | None = None
    lexical: LexicalIndex | None = None
    semantic_for: LexicalIndex | None = None  # the index the semantic coverage takes its idf from
    semantic: SemanticCoverage | None = None


class Assistant:
    """Ingest a corpus, search it, list its papers (answers and summaries build on these)."""

    def __init__(self, settings: Settings | None = None, *, embedder: Embedder | None = None) -> None:
        offline.configure()
        self.settings = settings or Settings()
        self.embedder: Embedder = embedder or make_embedder(
            self.settings.embedder,
            self.settings.model_path,
            self.settings.model_cache,
            self.settings.embed_workers,
            self.settings.embed_threads,
        )
        self._loaded = _Loaded()

    def variant(self, **changes: Any) -> Assistant:
        """This assistant with some settings changed (an LLM to answer with: `openai_base_url=...,
        llm={"model": ...}`; answer settings), answering from the same index and sharing what this one
        holds in memory: the catalogue and BM25 index it loaded, the vector store, the embedder and
        the vectors of the queries and sources it embedded, the refusal gate's token vectors. A nested
        setting changes field by field, at any depth. The settings that choose the index or size what
        is shared cannot change (ValueError): that is another assistant."""
        settings = Settings(**_merged(self.settings.model_dump(), changes))
        before, after = _flat(self.settings.model_dump()), _flat(settings.model_dump())
        moved = [name for name in _SHARED_SETTINGS if after[name] != before[name]]
        if moved:
            raise ValueError(f"a variant shares this assistant's index and memory: {', '.join(moved)} cannot change")
        other = Assistant(settings, embedder=self.embedder)
        other._loaded = self._loaded
        for name in ("docs", "embedding_cache", "vectors", "_remembered"):
            other.__dict__[name] = getattr(self, name)
        return other

    @property
    def home(self) -> Path:
        return self.settings.home

    @property
    def uploads(self) -> Path:
        """Where files uploaded in the web UI are kept; `ingest` with no paths reads them too."""
        return self.home / "uploads"

    @cached_property
    def docs(self) -> DocStore:
        return DocStore(self.home / "papers.sqlite")

    @cached_property
    def _remembered(self) -> RememberedVectors:
        """The embedder as answering uses it: the vectors of queries, sources and claims kept in memory."""
        return RememberedVectors(self.embedder, self.settings.answer.remembered_vectors)

    @cached_property
    def embedding_cache(self) -> EmbeddingCache:
        return EmbeddingCache(self.home / "embeddings.sqlite")

    @cached_property
    def vectors(self) -> VectorStore:
        client = connect(self.home, self.settings.chroma_url)
        return VectorStore(
            client,
            self.settings.collection,
            self.embedder.name,
            self.embedder.dim,
            ef_search=self.settings.search.ef_search,
            url=self.settings.chroma_url,
        )

    @property
    def backend(self) -> str:
        """Where the vectors live, for status lines."""
        return (
            f"Chroma server {self.settings.chroma_url}"
            if self.settings.chroma_url
            else f"embedded Chroma ({self.home / 'chroma'})"
        )

    def ingest(
        self,
        paths: Iterable[Path | str] | None = None,
        *,
        prune: bool = False,
        progress: bool | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> IngestReport:
        """Index the corpus at `paths` (default: settings.corpus, i.e. seeds/). `on_progress(done,
        total)` is called as papers are committed (the UI shows it)."""
        if not paths:  # the configured corpus, and the files uploaded in the UI
            paths = [*self.settings.corpus, *([self.uploads] if self.uploads.is_dir() else [])]
        paths = list(paths)
        try:
            with writing(self.home):
                try:
                    report = ingest(
                        paths,
                        docs=self.docs,
                        vectors=self.vectors,
                        embedder=self.embedder,
                        bm25_dir=self.home / "bm25",
                        cache=self.embedding_cache,
                        prune=prune,
                        progress=progress,
                        on_progress=on_progress,
                    )
                finally:
                    close = getattr(self.embedder, "close", None)
                    if close:  # embedding worker processes are not needed to answer questions
                        close()
        except Exception as exc:  # the disk's failures, also as Chroma and SQLite wrap them
            found = write_error(exc, self.home)
            if found is None:
                raise
            raise found from None
        with self._loaded.lock:
            self._loaded.catalogue = None
            self._loaded.lexical = None
        return report

    def is_indexed(self) -> bool:
        return self.docs.count() > 0

    def papers(self, filters: Filters | None = None) -> list[Paper]:
        """Every indexed record, or those `filters` allow, read from the doc store (a listing,
        not the search path)."""
        found = self.docs.papers()
        if filters is None or not filters.active:
            return found
        return [p for p in found if filters.allows(Card.of(p))]

    def cards(self) -> list[Card]:
        """What filters see of every paper (rag.index.catalogue), from memory."""
        return list(self._current().cards.values())

    @property
    def cards_version(self) -> int:
        """The doc-store version `cards()` answers from: while an ingest is writing, the version
        before it (a front end that caches the cards refreshes when this changes)."""
        return self._current().version

    def paper(self, paper_id: str) -> Paper | None:
        return self._current().paper(paper_id)

    def search(
        self,
        query: str,
        k: int | None = None,
        *,
        mode: RetrievalMode | None = None,
        filters: Filters | None = None,
        hints: Hints | None = None,
        topic: str | None = None,
        **filter_fields,
    ) -> list[Hit]:
        """Papers for `query`, best first. Filters as a `Filters` or keywords (year=2018, venue="ICML");
        `hints` raise matching papers without excluding any; `topic` (default: the query's topic
        words) is what phrase proximity looks for."""
        if filters is None and filter_fields:
            filters = Filters(**filter_fields)
        catalogue = self._indexed()
        cfg = self.settings.search
        dense = DenseRetriever(self.vectors, self._remembered, self._cached_vectors)
        return search(
            query,
            k or cfg.k,
            mode=mode or cfg.mode,
            dense=dense,
            lexical=LexicalRetriever(self._lexical_index()),
            catalogue=catalogue,
            chunk=self.docs.chunk,
            filters=filters,
            hints=hints,
            topic=topic_terms(query) if topic is None else topic,
            cfg=cfg,
        )

    def as_retriever(self, k: int = 10, filters: Filters | None = None):
        """The hybrid search as a llama-index `BaseRetriever` (rag.integrations.llama_index)."""
        from rag.integrations.llama_index import AssistantRetriever

        return AssistantRetriever(self, k, filters)

    def _cached_vectors(self, chunk_ids: list[str]) -> dict[str, np.ndarray]:
        """Stored vectors of `chunk_ids` from the embedding cache, by the hash of each chunk's text
        as the doc store holds it (the hash ingest stored the vector under); absent when this
        machine never embedded the chunk (a Chroma server another machine filled)."""
        chunks = [c for c in map(self.docs.chunk, chunk_ids) if c is not None]
        hashes = {chunk_hash(c, self.embedder): c.id for c in chunks}
        return {hashes[h]: v for h, v in self.embedding_cache.get_many(list(hashes)).items()}

    @cached_property
    def llm(self) -> ChatLLM | None:
        """The configured LLM, or None: then answers are extractive."""
        return ChatLLM(self.settings) if self.settings.llm_configured else None

    def plan(self, question: str, *, history: list[str] | None = None, filters: Filters | None = None) -> QueryPlan:
        """How `question` is read (rag.questions): intent, filters, hints, comparison subjects;
        by the rules, or also by the LLM when `llm.plan` is set and an LLM is configured."""
        names = names_of(self._indexed())
        max_chars = self.settings.answer.max_question_chars

        def resolve(text: str) -> list[Hit]:
            return self.search(text, self.settings.answer.subject_candidates)

        if self.settings.llm.plan and self.llm is not None:
            from rag.questions.llm_plan import plan_with_llm

            return plan_with_llm(
                question,
                names=names,
                llm=self.llm,
                history=history or (),
                filters=filters,
                resolve=resolve,
                max_chars=max_chars,
            )
        return plan_question(
            question,
            names=names,
            history=history or (),
            filters=filters,
            resolve=resolve,
            max_chars=max_chars,
            survey_threshold=self.settings.answer.survey_intent,
        )

    def stream(
        self, question: str, *, history: list[str] | None = None, filters: Filters | None = None, **filter_fields
    ) -> Iterator[Event]:
        """Answer events: `Delta` text as it comes, `Reset` to discard it, one `Final(answer)`.
        `history` is the conversation's earlier questions, for follow-ups ("and its results?")."""
        if filters is None and filter_fields:
            filters = Filters(**filter_fields)
        read = self.plan(question, history=history, filters=filters)
        return answer_stream(read, self.tools())

    def tools(self) -> Tools:
        """What the answer pipeline works with for this index (rag.answering.events.Tools): for
        `answer_stream`, and for benches that weigh the pipeline's stages on their own."""
        lexical = self._lexical_index()
        return Tools(
            search=self.search,
            coverage=lexical.coverage,
            lexical=lexical.ranking,
            span=lexical.span,
            catalogue=self._indexed(),
            embedder=self._remembered,
            cfg=self.settings.answer,
            llm=self.llm,
            llm_cfg=self.settings.llm,
            passages=self.passages,
            semantic=self._semantic(lexical),
        )

    def _semantic(self, lexical: LexicalIndex) -> SemanticCoverage | None:
        """The gate's semantic coverage over this lexical index's idf (None for an embedder that
        gives no token vectors: the lexical coverage stands in)."""
        token_vectors = getattr(self.embedder, "token_vectors", None)
        if token_vectors is None:
            return None
        loaded = self._loaded
        with loaded.lock:
            if loaded.semantic_for is not lexical:
                loaded.semantic = SemanticCoverage(token_vectors, lexical.tokens, lexical.idf)
                loaded.semantic_for = lexical
            return loaded.semantic

    def passages(self, query: str, paper_id: str, n: int) -> list[tuple[Passage, float]]:
        """Up to `n` passages of one document ranked for `query` by BM25 (a lecture's slides),
        best first, with their scores."""
        found = []
        for chunk_id, _, score in self._lexical_index().search(query, n, {paper_id}):
            chunk = self.docs.chunk(chunk_id)
            if chunk is not None:
                found.append((Passage(text=chunk.text, section=chunk.section), score))
        return found

    def ask(
        self, question: str, *, history: list[str] | None = None, filters: Filters | None = None, **filter_fields
    ) -> Answer:
        """A short answer whose every claim cites a retrieved paper, or a refusal."""
        final = None
        for event in self.stream(question, history=history, filters=filters, **filter_fields):
            if isinstance(event, Final):
                final = event.answer
        assert final is not None, "the answer stream always ends with Final"
        return final

    def summarise(self, topic: str) -> Summary:
        """Every paper on `topic` in the corpus: overview, themes, one-line takeaways, all cited."""
        self._indexed()
        lexical = self._lexical_index()
        return summarise(
            clean_query(topic),
            search=self.search,
            coverage=lexical.coverage,
            span=lexical.span,
            cfg=self.settings.answer,
            embedder=self._remembered,
            llm=self.llm,
            lexical=lexical.ranking,
            semantic=self._semantic(lexical),
        )

    summarize = summarise

    def _indexed(self) -> Catalogue:
        """The catalogue, or NotIndexedError when it is empty."""
        catalogue = self._current()
        if not len(catalogue):
            raise NotIndexedError(f"no documents indexed under {self.home}: run `rag ingest` first")
        return catalogue

    def _current(self) -> Catalogue:
        """The catalogue of the doc store's current version; while an ingest is writing, the one
        loaded before it (answers keep coming, and see the new papers once the ingest is done)."""
        version, loaded = self.docs.version, self._loaded
        with loaded.lock:
            stale = loaded.catalogue is None or loaded.catalogue.version != version
            if stale and (loaded.catalogue is None or not being_written(self.home)):
                loaded.catalogue = Catalogue(self.docs)
            assert loaded.catalogue is not None
            return loaded.catalogue

    def _lexical_index(self) -> LexicalIndex:
        """BM25 at the doc store's version (rebuilt when stale); while an ingest is writing, the
        one loaded before it."""
        loaded = self._loaded
        with loaded.lock:
            stale = loaded.lexical is None or loaded.lexical.version != self.docs.version
            if stale and (loaded.lexical is None or not being_written(self.home)):
                loaded.lexical = refresh_bm25(self.docs, self.home / "bm25")
            assert loaded.lexical is not None
            return loaded.lexical
