from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from filelock import FileLock
from pydantic import BaseModel

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
if os.environ.get("PYTEST_XDIST_WORKER"):
    # One worker per core, so one thread each (the tests' subprocesses inherit it). ONNX Runtime's, OpenBLAS's
    # and torch's threads wait for work actively: 400 questions and 60 abstracts embedded in 3.0 s alone, 9 s
    # in each of two processes at once, 4 s with one thread each; with OpenBLAS on one thread an answer
    # takes as long and half the CPU (measured on this machine's two cores).
    os.environ.setdefault("RAG_EMBED_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    os.environ.setdefault("OMP_NUM_THREADS", "1")

from fakes import HashEmbedder  # noqa: E402

from rag import Assistant, Settings  # noqa: E402
from rag.corpus.loaders import load  # noqa: E402
from rag.corpus.models import normalise_title  # noqa: E402
from rag.corpus.problems import LoadReport  # noqa: E402
from rag.evaluation.evaluate import QuestionResult  # noqa: E402
from rag.evaluation.llm_mode import Judged  # noqa: E402


@pytest.fixture(scope="session")
def seed_load():
    report = LoadReport()
    papers = load([SEEDS], report)
    return papers, report


@pytest.fixture(scope="session")
def seed_papers(seed_load):
    return seed_load[0]


@pytest.fixture(scope="session")
def by_title(seed_papers):
    return {p.title: p for p in seed_papers}


@pytest.fixture(scope="session")
def real_embedder():
    """The default embedder (settings.embedder), as `rag` on the command line uses it."""
    from rag.embedding.factory import make_embedder

    settings = Settings()
    return make_embedder(settings.embedder, settings.model_path, settings.model_cache, threads=settings.embed_threads)


@pytest.fixture(scope="session")
def seed_home(tmp_path_factory):
    return tmp_path_factory.mktemp("seed-index")


@pytest.fixture(scope="session")
def seed_assistant(seed_home, real_embedder):
    """The real pipeline over the real seed corpus: MiniLM, Chroma on disk, BM25."""
    assistant = Assistant(Settings(home=seed_home, corpus=[SEEDS]), embedder=real_embedder)
    assistant.ingest(progress=False)
    return assistant


# The eval questions are run in parts, so that the test workers (`-n`) share them out: each split's every
# n-th question from the i-th on. A part runs once per test session, on whichever worker asks for it first
# (the others wait for it, then read it): the eval (each retrieval mode, then the extractive answer) and
# the answer in LLM mode from the real model's recorded replies (tests/cassettes/), judged. Dev's replies come
# in one delta each, test's as the model streamed them.
EVAL_PARTS = {"dev": 6, "test": 2}
PARTS = [f"{split}-{i}" for split, n in EVAL_PARTS.items() for i in range(n)]
REPLAYED_MODEL = "qwen2.5-coder-1.5b"
RERECORD = "record them again with `bash scripts/local-llm.sh record` (about an hour on two cores)"


class Part(BaseModel):
    extractive: list[QuestionResult]  # as `rag eval` reports them
    llm: dict[str, Judged]  # question id -> its LLM-mode answer judged
    unrecorded: list[str]  # the start of each prompt the recordings have no reply to


def recordings(kind: str) -> dict:
    from rag.evaluation import cassettes
    from rag.evaluation.record import cassette_path

    path = cassette_path(REPLAYED_MODEL, kind)
    assert path.exists(), f"{path} is missing: {RERECORD}"
    return cassettes.load(path)


def replaying(assistant: Assistant, server, **llm) -> Assistant:
    """`assistant` in LLM mode, its model the replay `server`."""
    return assistant.variant(
        openai_base_url=server.url, openai_api_key="none", llm={"model": REPLAYED_MODEL, "max_retries": 0, **llm}
    )


@pytest.fixture(scope="session")
def shared_dir(tmp_path_factory) -> Path:
    """A folder every worker of this test session sees (the session's own with no workers)."""
    base = tmp_path_factory.getbasetemp()
    return base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base


@pytest.fixture(scope="session")
def eval_part(seed_assistant, shared_dir):
    """`eval_part("dev-2")`: that part of the eval questions, run (or read, when a worker ran it)."""
    from openai_server import ServerThread

    from rag.evaluation import evaluate
    from rag.evaluation.llm_mode import judge

    server: ServerThread | None = None
    llm: Assistant | None = None
    titles = {normalise_title(p.title): p.id for p in seed_assistant.papers()}

    def run(name: str) -> Part:
        nonlocal server, llm
        split, i = name.rsplit("-", 1)
        questions = evaluate.load_questions(ROOT / "evals" / f"{split}.jsonl")[int(i) :: EVAL_PARTS[split]]
        if server is None or llm is None:
            server = ServerThread(cassette=recordings("answers")).__enter__()
            llm = replaying(seed_assistant, server)
        expected = evaluate.resolve(questions, titles)
        # test replays each reply as the model streamed it; dev in one delta, which gives the same answers
        # (test_recorded_model holds that on a sample) at about half the cost
        server.state.whole_replies = split == "dev"
        misses = len(server.state.misses)
        extractive, judged = [], {}
        for q in questions:  # each question in both modes in turn: the LLM-mode variant reuses what was just loaded
            extractive.append(evaluate.run_question(seed_assistant, q, expected[q.id]))
            relevant = None if q.kind == "unanswerable" else expected[q.id]
            judged[q.id] = judge(llm.ask(q.question), q.question, relevant, llm.settings)
        unrecorded = [
            m["messages"][-1]["content"].rsplit("Question:", 1)[-1].strip()[:80] for m in server.state.misses[misses:]
        ]
        return Part(extractive=extractive, llm=judged, unrecorded=unrecorded)

    def part(name: str) -> Part:
        path = shared_dir / f"eval-part-{name}.json"
        with FileLock(f"{path}.lock"):
            if not path.exists():  # written whole or not at all: a worker that dies leaves no part behind
                path.with_suffix(".tmp").write_text(run(name).model_dump_json())
                path.with_suffix(".tmp").replace(path)
        return Part.model_validate_json(path.read_text())

    yield part
    if server is not None:
        server.__exit__(None, None, None)


@pytest.fixture(scope="session")
def eval_reports(eval_part):
    """Every dev and test question's eval, from the parts, as `rag eval` reports the two splits:
    the thresholds are held on it (test_eval_suite)."""
    from rag.evaluation import evaluate

    reports = {}
    for split, n in EVAL_PARTS.items():
        path = ROOT / "evals" / f"{split}.jsonl"
        order = [q.id for q in evaluate.load_questions(path)]
        results = {r.id: r for i in range(n) for r in eval_part(f"{split}-{i}").extractive}
        assert sorted(results) == sorted(order)
        reports[split] = evaluate.summarise([results[q] for q in order], evaluate.ALL_MODES, str(path))
    return reports


def pytest_collection_modifyitems(config, items):
    """The longest tests first (marked `long`, with about how many seconds each takes alone), so that
    the workers start on them and finish about together; the tests summarising the eval's parts last
    (by then every part has run)."""

    def order(item) -> tuple[bool, float]:
        mark = item.get_closest_marker("long")
        seconds = mark.kwargs.get("seconds", mark.args[0] if mark.args else 60) if mark else 0
        return ("eval_reports" in item.fixturenames, -seconds)

    items.sort(key=order)


@pytest.fixture
def fake_assistant(tmp_path):
    def make(embedder=None, **settings):
        return Assistant(Settings(home=tmp_path / "home", **settings), embedder=embedder or HashEmbedder())

    return make
