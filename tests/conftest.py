from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
sys.path.insert(0, str(Path(__file__).parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from fakes import HashEmbedder  # noqa: E402

from rag import Assistant, Settings  # noqa: E402
from rag.corpus.loaders import load  # noqa: E402
from rag.corpus.problems import LoadReport  # noqa: E402


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
    return make_embedder(settings.embedder, settings.model_path, settings.model_cache)


@pytest.fixture(scope="session")
def seed_home(tmp_path_factory):
    return tmp_path_factory.mktemp("seed-index")


@pytest.fixture(scope="session")
def seed_assistant(seed_home, real_embedder):
    """The real pipeline over the real seed corpus: MiniLM, Chroma on disk, BM25."""
    assistant = Assistant(Settings(home=seed_home, corpus=[SEEDS]), embedder=real_embedder)
    assistant.ingest(progress=False)
    return assistant


@pytest.fixture(scope="session")
def eval_reports(seed_assistant):
    """Every dev and test question run once through the eval (each retrieval mode, then answered
    extractively): the thresholds are held on it (test_eval_suite), and LLM mode on the recorded
    replies is compared with its answers (test_recorded_model)."""
    from rag.evaluation import evaluate

    return evaluate.run_splits(seed_assistant, {name: ROOT / "evals" / f"{name}.jsonl" for name in evaluate.SPLITS})


@pytest.fixture
def fake_assistant(tmp_path):
    def make(embedder=None, **settings):
        return Assistant(Settings(home=tmp_path / "home", **settings), embedder=embedder or HashEmbedder())

    return make
