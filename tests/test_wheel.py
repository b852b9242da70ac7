"""The package as a user installs it: a wheel built from the repository, installed into a fresh
environment, run from another directory. It must carry prompts/ and the seed corpus, so that
`rag ingest` with no paths indexes the seeds and LLM mode finds its prompts."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT
from openai_server import ServerThread, Step

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(out), str(ROOT)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    (found,) = out.glob("rag_assistant-*.whl")
    return found


@pytest.fixture(scope="module")
def installed(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment holding the wheel. Its dependencies are this environment's
    (a .pth file puts our site-packages after its own), so nothing is downloaded; the
    repository itself is not on its path: `rag` comes from the wheel."""
    env = tmp_path_factory.mktemp("venv") / "env"
    subprocess.run([sys.executable, "-m", "venv", str(env)], check=True, timeout=300)
    python = env / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    (Path(site) / "deps-from-test-env.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    done = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    return env


def test_the_wheel_carries_the_prompts_and_the_seeds(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    assert "rag/_data/prompts/answer_system.md" in names and "rag/_data/seeds/manifest.json" in names
    assert sum(n.startswith("rag/_data/seeds/") and n.endswith(".txt") for n in names) == 5


@pytest.mark.long(30)
def test_installed_rag_ingests_the_seeds_and_answers_in_llm_mode_from_another_directory(installed, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "RAG_CORPUS")}
    env.update(RAG_HOME=str(tmp_path / "home"), HF_HUB_OFFLINE="1")
    rag = str(installed / "bin" / "rag")
    where = subprocess.run(
        [str(installed / "bin" / "python"), "-c", "import rag; print(rag.__file__)"],
        capture_output=True,
        text=True,
        cwd=elsewhere,
        env=env,
    )
    assert str(installed) in where.stdout, where.stdout  # the wheel's copy, not the repository's

    ingest = subprocess.run(
        [rag, "ingest", "--json"], capture_output=True, text=True, cwd=elsewhere, env=env, timeout=600
    )
    assert ingest.returncode == 0, ingest.stderr
    assert json.loads(ingest.stdout)["documents"] == 261

    with ServerThread() as server:
        server.state.default = Step(reply="Group normalization divides the channels into groups [1].")
        env.update(OPENAI_BASE_URL=server.url, RAG_LLM__MODEL="scripted", RAG_LLM__TIMEOUT="5")
        asked = subprocess.run(
            [rag, "ask", "How does group normalization avoid depending on the batch size?", "--json"],
            capture_output=True,
            text=True,
            cwd=elsewhere,
            env=env,
            timeout=300,
        )
        assert asked.returncode == 0, asked.stderr
        answer = json.loads(asked.stdout)
        assert answer["mode"] == "llm" and answer["citations"][0]["title"] == "Group Normalization", answer
        prompt = server.state.requests[-1]["messages"]
        assert prompt[0]["content"].startswith("You answer questions about machine-learning research")
