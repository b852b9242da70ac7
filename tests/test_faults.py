"""Faults, injected for real: a process killed with SIGKILL mid-ingest, a file-size limit that
makes writes fail, a RAG_HOME the ingesting user may not write, two ingests at once, an ingest
while answers are being given, a Chroma server that dies. For each: a clear one-line error
where there is one, nothing corrupted, and the next run completes with the doc store, the
vectors and BM25 in agreement."""

from __future__ import annotations

import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT
from fakes import HashEmbedder

from rag import Assistant, Settings
from rag.errors import IndexBusyError, StoreError
from rag.index.ingest import disagreements
from rag.index.lock import being_written, writing

WORKER = ROOT / "tests" / "ingest_worker.py"
TOPICS = "graph vision audio language tabular robotics medical federated".split()


def corpus(path: Path, n: int, start: int = 0) -> Path:
    path.write_text(
        "".join(
            json.dumps(
                {
                    "title": f"Robust {TOPICS[i % len(TOPICS)]} learning study {i}",
                    "abstract": f"We study robust {TOPICS[i % len(TOPICS)]} learning under attack, case {i}. "
                    f"Our method improves certified accuracy by {i % 17} points.",
                }
            )
            + "\n"
            for i in range(start, start + n)
        )
    )
    return path


def assistant(home: Path, files: list[Path]) -> Assistant:
    return Assistant(Settings(home=home, corpus=files), embedder=HashEmbedder())


def worker(home: Path, corpus_file: Path, delay: float, **kwargs) -> subprocess.Popen:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, str(WORKER), str(home), str(corpus_file), str(delay)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        **kwargs,
    )


@pytest.mark.long(15)
def test_kill_9_at_random_points_then_the_next_ingest_completes_and_the_stores_agree(tmp_path):
    rng = random.Random(7)
    for trial in range(5):
        home, data = tmp_path / f"home{trial}", corpus(tmp_path / f"c{trial}.jsonl", 1500)
        proc = worker(home, data, delay=0.15)
        time.sleep(rng.uniform(0.8, 3.0))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        again = assistant(home, [data])
        again.ingest(progress=False)
        assert again.docs.count() == 1500, trial
        assert disagreements(again.docs, again.vectors, home / "bm25") == [], trial


def test_a_failing_write_is_a_clear_error_and_nothing_is_corrupted(tmp_path):
    """RLIMIT_FSIZE stands for a full disk here (mounting a small tmpfs needs privileges a test
    should not assume): writes past 2 MB fail with EFBIG, as they would with ENOSPC."""
    home, data = tmp_path / "home", corpus(tmp_path / "c.jsonl", 3000)

    def limited() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failing write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (2_000_000, 2_000_000))

    proc = worker(home, data, delay=0.0, preexec_fn=limited)
    _, err = proc.communicate(timeout=300)
    assert proc.returncode == 2, err
    assert "cannot write the index under" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    again = assistant(home, [data])
    again.ingest(progress=False)
    assert again.docs.count() == 3000
    assert disagreements(again.docs, again.vectors, home / "bm25") == []


SETPRIV = shutil.which("setpriv")


@pytest.mark.skipif(SETPRIV is None, reason="needs util-linux's setpriv to drop root's right to write anywhere")
def test_a_read_only_rag_home_is_a_clear_error(tmp_path):
    """Tests run as root here, who may write anywhere: the ingest runs without that capability
    (setpriv drops CAP_DAC_OVERRIDE), so a folder's read-only mode applies to it."""
    home = tmp_path / "shared-index"
    home.mkdir()
    data = corpus(tmp_path / "c.jsonl", 20)
    home.chmod(0o555)
    try:
        env = dict(os.environ, PYTHONPATH=str(ROOT))
        done = subprocess.run(
            [
                SETPRIV,
                "--bounding-set=-dac_override,-dac_read_search,-fowner",
                sys.executable,
                str(WORKER),
                str(home),
                str(data),
            ],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
    finally:
        home.chmod(0o755)
    assert done.returncode == 2, done.stderr
    assert "cannot write the index under" in done.stderr and "permission denied" in done.stderr
    assert "Traceback" not in done.stderr


def test_two_ingests_at_once_the_second_stops_with_a_clear_message(tmp_path):
    home, data = tmp_path / "home", corpus(tmp_path / "c.jsonl", 800)
    first = worker(home, data, delay=0.4)
    deadline = time.time() + 30
    while not (home / "ingest.lock").exists() and time.time() < deadline:
        time.sleep(0.05)
    time.sleep(0.5)
    second = worker(home, data, delay=0.0)
    _, err = second.communicate(timeout=60)
    assert second.returncode == 2 and "another ingest (process " in err and "is writing to" in err, err
    assert first.wait(timeout=120) == 0
    with writing(home):  # in one process too: the lock is per open file, not per process
        with pytest.raises(IndexBusyError):
            assistant(home, [data]).ingest(progress=False)
    done = assistant(home, [data])
    assert disagreements(done.docs, done.vectors, home / "bm25") == []


def test_answers_keep_coming_during_an_ingest_and_then_see_the_new_papers(tmp_path):
    home = tmp_path / "home"
    first = corpus(tmp_path / "a.jsonl", 50)
    live = assistant(home, [first])
    live.ingest(progress=False)
    more = tmp_path / "b.jsonl"
    more.write_text(
        json.dumps(
            {
                "title": "Quokka Detection In Drone Footage",
                "abstract": "We detect quokkas in drone footage with a robust detector.",
            }
        )
        + "\n"
        + corpus(tmp_path / "tmp.jsonl", 1200, start=50).read_text()
    )
    answered, errors, stop = [], [], threading.Event()

    def answering() -> None:
        while not stop.is_set():
            try:
                answered.append(live.ask("robust graph learning under attack"))
            except Exception as exc:  # noqa: BLE001 - the test reports any failure
                errors.append(exc)

    thread = threading.Thread(target=answering)
    proc = worker(home, more, delay=0.2)  # another process writes, as `rag ingest` beside the UI would
    thread.start()
    assert proc.wait(timeout=180) == 0, proc.stderr.read() if proc.stderr else ""
    during = len(answered)
    stop.set()
    thread.join(timeout=60)
    assert not errors and during >= 3
    found = live.ask("quokka detection in drone footage")
    assert found.citations and found.citations[0].paper.title == "Quokka Detection In Drone Footage"


def test_answers_keep_coming_while_the_same_assistant_ingests(tmp_path):
    """The UI's own ingest (first start, an upload) runs in the answering process: a question
    asked meanwhile is answered from the index as it was, not held until the ingest ends."""
    from ingest_worker import SlowHashEmbedder

    home = tmp_path / "home"
    first = corpus(tmp_path / "a.jsonl", 50)
    live = Assistant(Settings(home=home, corpus=[first]), embedder=SlowHashEmbedder(0.05))
    live.ingest(progress=False)
    more = corpus(tmp_path / "b.jsonl", 1500, start=50)
    ingesting = threading.Thread(target=live.ingest, args=([first, more],), kwargs={"progress": False})
    before = live.cards_version
    ingesting.start()
    time.sleep(0.3)
    during, moved = 0, []
    while ingesting.is_alive():
        assert live.ask("robust graph learning under attack").citations
        during += 1 if ingesting.is_alive() else 0
        seen, cards, stored = live.cards_version, len(live.cards()), live.docs.version
        if being_written(home):  # still, so it was while those were read
            moved.append(stored != before)
            # what the UI keys its cached filter choices on: the cards answered from, not the store
            assert seen == before and cards == 50
    ingesting.join()
    # answered while the ingest ran (how many depends on the machine's load: at least one), and the
    # store was written to while the cards held still
    assert during >= 1 and any(moved)
    assert live.cards_version == live.docs.version != before and len(live.cards()) == 1550
    assert live.docs.count() == 1550
    assert disagreements(live.docs, live.vectors, home / "bm25") == []


def test_a_chroma_server_that_dies_is_a_clear_error_and_ingest_resumes_when_it_is_back(tmp_path):
    from test_chroma_server import start_chroma

    data = corpus(tmp_path / "c.jsonl", 300)
    store = tmp_path / "chroma-data"
    server, url = start_chroma(store)
    home = tmp_path / "home"
    try:
        remote = Assistant(Settings(home=home, corpus=[data], chroma_url=url), embedder=HashEmbedder())
        remote.ingest(progress=False)
        assert remote.search("robust graph learning", 3)
    finally:
        server.terminate()
        server.wait(timeout=30)
    with pytest.raises(StoreError, match="stopped answering"):
        remote.search("robust graph learning", 3)
    extra = corpus(tmp_path / "d.jsonl", 40, start=300)
    with pytest.raises(StoreError, match="stopped answering"):
        remote.ingest([data, extra], progress=False)
    assert not (home / "chroma").exists()  # no silent switch to the embedded store
    server, url2 = start_chroma(store, port=int(url.rsplit(":", 1)[1]))
    try:
        back = Assistant(Settings(home=home, corpus=[data, extra], chroma_url=url2), embedder=HashEmbedder())
        back.ingest(progress=False)
        assert back.docs.count() == 340
        assert disagreements(back.docs, back.vectors, home / "bm25") == []
    finally:
        server.terminate()
        server.wait(timeout=30)
