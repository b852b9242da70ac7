"""The same code against a real `chroma run` server on loopback (RAG_CHROMA_URL)."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SEEDS

from rag import Assistant, Settings
from rag.index.vectors import StoreError


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_chroma(data: Path, port: int | None = None) -> tuple[subprocess.Popen, str]:
    """A `chroma run` server on loopback storing under `data`, up and answering; (process, URL)."""
    exe = Path(sys.executable).with_name("chroma")
    if not exe.exists():
        exe = Path(shutil.which("chroma") or "chroma")
    port = port or _free_port()
    data.mkdir(parents=True, exist_ok=True)
    log = open(data / "server.log", "a")
    proc = subprocess.Popen(
        [str(exe), "run", "--path", str(data / "db"), "--host", "127.0.0.1", "--port", str(port)],
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    deadline = time.time() + 60
    while time.time() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return proc, f"http://127.0.0.1:{port}"
        except OSError:
            if proc.poll() is not None:
                raise RuntimeError((data / "server.log").read_text()) from None
            time.sleep(0.3)
    proc.terminate()
    raise RuntimeError("chroma run did not start in 60 s")


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory):
    proc, url = start_chroma(tmp_path_factory.mktemp("chroma-server"))
    yield url
    proc.terminate()
    proc.wait(timeout=20)


def test_ingest_and_search_against_chroma_server(chroma_server, real_embedder, tmp_path):
    corpus = [SEEDS / "000_bfc7c36303f18d37.txt", SEEDS / "001_53e1ef2ffa7a93ef.txt"]
    assistant = Assistant(Settings(home=tmp_path / "home", chroma_url=chroma_server), embedder=real_embedder)
    first = assistant.ingest(corpus, progress=False)
    assert first.added == 13 and first.embedded >= 13
    assert assistant.vectors.count() == first.embedded
    assert "Chroma server" in assistant.backend
    again = assistant.ingest(corpus, progress=False)
    assert again.embedded == 0 and again.unchanged == 13
    top = assistant.search("normalizing features within channel subsets instead of over the batch", 3, mode="dense")
    assert top[0].paper.title == "Group Normalization"
    hybrid = assistant.search("randomized smoothing certified l2 robustness", 3)
    assert hybrid[0].paper.title == "Provably Robust Deep Learning via Adversarially Trained Smoothed Classifiers"
    assert assistant.vectors.ef_search == 500  # the search breadth is set on the server's collection too
    narrow = Assistant(
        Settings(home=tmp_path / "home", chroma_url=chroma_server, search={"ef_search": 50}), embedder=real_embedder
    )
    assert narrow.vectors.ef_search == 50  # and changed on an existing collection


def test_unreachable_server_is_a_clear_error(tmp_path, real_embedder):
    port = _free_port()
    assistant = Assistant(Settings(home=tmp_path / "h", chroma_url=f"http://127.0.0.1:{port}"), embedder=real_embedder)
    with pytest.raises(StoreError, match="cannot reach the Chroma server"):
        _ = assistant.vectors
    with pytest.raises(StoreError, match="not a URL"):
        _ = Assistant(Settings(home=tmp_path / "h2", chroma_url="localhost:8000"), embedder=real_embedder).vectors
