"""Ingest is incremental, idempotent and survives being killed; chunks fit the model window."""

from __future__ import annotations

import json

import pytest
from fakes import HashEmbedder

from rag.index.chunking import chunk, pack


def _corpus(folder, n, *, tweak: int | None = None):
    folder.mkdir(exist_ok=True)
    rows = []
    for i in range(n):
        abstract = f"Paper number {i} studies topic{i} with method{i % 7}. It reports result{i} on data{i % 3}."
        if i == tweak:
            abstract += " A new sentence was added."
        rows.append(json.dumps({"title": f"Study of Topic {i}", "abstract": abstract, "year": 2000 + i % 20}))
    (folder / "c.jsonl").write_text("\n".join(rows) + "\n")
    return folder


def test_second_ingest_embeds_nothing_and_adds_nothing(fake_assistant, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 40)
    embedder = HashEmbedder()
    assistant = fake_assistant(embedder)
    first = assistant.ingest([corpus], progress=False)
    assert (first.added, first.embedded) == (40, 40)
    chunks_after_first = assistant.vectors.count()
    second = assistant.ingest([corpus], progress=False)
    assert (second.added, second.updated, second.unchanged, second.embedded) == (0, 0, 40, 0)
    assert assistant.vectors.count() == chunks_after_first
    assert assistant.docs.count() == 40
    assert list(assistant.docs.iter_papers(batch=7)) == assistant.docs.papers()


def test_changed_abstract_is_reembedded_alone(fake_assistant, tmp_path):
    embedder = HashEmbedder()
    assistant = fake_assistant(embedder)
    assistant.ingest([_corpus(tmp_path / "corpus", 30)], progress=False)
    embedder.texts.clear()
    report = assistant.ingest([_corpus(tmp_path / "corpus", 30, tweak=7)], progress=False)
    assert (report.updated, report.embedded) == (1, 1)
    assert "A new sentence was added." in embedder.texts[0]
    [hit] = assistant.search("new sentence was added", 1, mode="bm25")
    assert hit.paper.title == "Study of Topic 7"


def test_prune_drops_documents_of_removed_files(fake_assistant, tmp_path):
    assistant = fake_assistant()
    a = _corpus(tmp_path / "a", 5)
    b = tmp_path / "b"
    b.mkdir()
    (b / "extra.jsonl").write_text(
        json.dumps({"title": "Extra Paper", "abstract": "Only in folder b, about zebras."}) + "\n"
    )
    assistant.ingest([a, b], progress=False)
    assert assistant.docs.count() == 6
    kept = assistant.ingest([a], progress=False)  # without --prune nothing is dropped
    assert kept.removed == 0 and assistant.docs.count() == 6
    pruned = assistant.ingest([a], prune=True, progress=False)
    assert pruned.removed == 1 and assistant.docs.count() == 5
    assert assistant.vectors.count() == 5
    assert all(h.paper.title != "Extra Paper" for h in assistant.search("zebras", 5))


def test_ingest_killed_half_way_keeps_batches_and_next_run_completes(fake_assistant, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 400)  # > one batch of 128 chunks
    dying = fake_assistant(HashEmbedder(fail_after=2))
    with pytest.raises(KeyboardInterrupt):
        dying.ingest([corpus], progress=False)
    committed = dying.docs.count()
    assert 0 < committed < 400
    survivor_embedder = HashEmbedder()
    survivor = fake_assistant(survivor_embedder)
    report = survivor.ingest([corpus], progress=False)
    assert report.added == 400 - committed and report.embedded == 400 - committed
    assert survivor.docs.count() == 400 and survivor.vectors.count() == 400
    assert len(survivor.search("topic399 method0", 3, mode="bm25")) > 0


def test_malformed_lines_reported_rest_ingested(fake_assistant, tmp_path):
    path = tmp_path / "user.jsonl"
    path.write_text('{"title": "Fine", "abstract": "A fine abstract about graphs."}\n{broken\n')
    report = fake_assistant().ingest([path], progress=False)
    assert report.added == 1
    assert [(p.file, p.line) for p in report.problems] == [("user.jsonl", 2)]


def test_chunks_fit_the_embedding_window(seed_papers, real_embedder):
    for paper in seed_papers:
        pieces = chunk(paper, real_embedder)
        if paper.kind == "lecture":
            assert len(pieces) == len(paper.sections)
            continue
        for piece in pieces:
            assert real_embedder.count_tokens(piece.embedding_text()) + 2 <= real_embedder.max_tokens, paper.title
        joined = " ".join(p.text for p in pieces)
        for sentence in paper.abstract.split(". "):  # nothing of the abstract is lost between chunks
            assert sentence.strip() in joined


def test_pack_overlaps_short_sentences_and_keeps_long_ones_whole():
    words = lambda s: len(s.split())  # noqa: E731
    assert pack(["a b c", "d e", "f g", "h"], 5, words) == ["a b c d e", "d e f g h"]
    assert pack(["a b c d e f g", "h i"], 5, words) == ["a b c d e f g", "h i"]


def test_rebuilt_vector_store_is_refilled_from_the_cache_without_embedding(fake_assistant, tmp_path):
    corpus = _corpus(tmp_path / "corpus", 30)
    embedder = HashEmbedder()
    first = fake_assistant(embedder)
    first.ingest([corpus], progress=False)
    assert len(first.embedding_cache) == 30
    rebuilt_embedder = HashEmbedder()  # same records and cache, an empty vector store (as after a move)
    rebuilt = fake_assistant(rebuilt_embedder, collection="rebuilt")
    report = rebuilt.ingest([corpus], progress=False)
    assert (report.embedded, report.cached, report.unchanged) == (0, 30, 30)
    assert rebuilt.vectors.count() == 30 and rebuilt_embedder.calls == 0
    [hit] = rebuilt.search("topic12 method5", 1, mode="dense")
    assert hit.paper.title == "Study of Topic 12"


def test_an_index_refuses_another_models_vectors_and_says_what_to_do(fake_assistant, tmp_path):
    from rag.index.vectors import StoreError

    corpus = _corpus(tmp_path / "corpus", 5)
    fake_assistant(HashEmbedder()).ingest([corpus], progress=False)

    class Retrained(HashEmbedder):
        name = "student-0123456789"

    with pytest.raises(StoreError, match="holds fake-hash-256 vectors, not student-0123456789.*rag distil.*RAG_HOME"):
        fake_assistant(Retrained()).ingest([corpus], progress=False)
    assert fake_assistant(HashEmbedder()).docs.count() == 5


def test_a_file_uploaded_in_the_ui_is_kept_by_a_later_ingest(fake_assistant, tmp_path):
    """The UI keeps uploads under RAG_HOME/uploads; `rag ingest` with no paths reads them along
    with the configured corpus, so even --prune keeps them."""
    from rag.ui.indexing import keep_upload

    corpus = _corpus(tmp_path / "corpus", 5)
    assistant = fake_assistant(corpus=[corpus])
    upload = tmp_path / "mine.jsonl"
    upload.write_text(json.dumps({"title": "My Own Paper", "abstract": "Uploaded in the browser, about okapis."}))
    keep_upload(upload, assistant.uploads)
    assert assistant.ingest(progress=False).added == 6
    again = assistant.ingest(prune=True, progress=False)
    assert (again.removed, again.unchanged) == (0, 6)
    assert assistant.search("okapis", 1)[0].paper.title == "My Own Paper"


def test_each_upload_is_told_its_own_ingest_outcome_whatever_came_after(fake_assistant, tmp_path):
    """Two sessions upload one after the other: each upload's ticket gives that ingest's outcome (the
    first's is not replaced by the second's), and an upload refused while an ingest runs gets none."""
    import time

    from rag.ui.indexing import Indexer

    assistant = fake_assistant(corpus=[_corpus(tmp_path / "corpus", 3)])
    assistant.ingest(progress=False)
    indexer = Indexer(assistant)

    def ended(ticket):
        deadline = time.time() + 60
        while (outcome := indexer.outcome(ticket)) is None and time.time() < deadline:
            time.sleep(0.05)
        return outcome

    good, bad = tmp_path / "good.jsonl", tmp_path / "bad.jsonl"
    good.write_text(json.dumps({"title": "An Upload About Okapis", "abstract": "Okapis live in forests."}) + "\n")
    bad.write_text("{not json\n" + json.dumps({"title": "Zebras Too", "abstract": "Zebras have stripes."}) + "\n")
    first, said = indexer.add([good])
    assert first is not None and "good.jsonl" in said
    assert ended(first).report.added == 1
    second, _ = indexer.add([bad])
    assert second is not None and second != first
    assert [p.line for p in ended(second).report.problems] == [1]
    assert ended(first).report.problems == [] and ended(first).report.added == 1  # still the first one's
    indexer.KEPT_OUTCOMES = 1  # the next ingest's outcome pushes the first's out: nothing left to tell of it
    third, _ = indexer.add([good])
    assert ended(third).report is not None
    assert ended(first).report is None and ended(first).error is None and ended(second).report is None
    indexer.running = True  # as while another session's ingest runs
    assert indexer.add([good])[0] is None
