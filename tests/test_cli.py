"""The `rag` command as a user runs it: JSON on stdout, clear errors, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT


def rag(*args: str, home, check: bool = True) -> subprocess.CompletedProcess:
    env = dict(os.environ, RAG_HOME=str(home), HF_HUB_OFFLINE="1")
    done = subprocess.run(
        [sys.executable, "-m", "rag.cli", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300
    )
    if check:
        assert done.returncode == 0, done.stderr
    return done


def test_papers_json_lists_every_document(seed_assistant, seed_home):
    listing = json.loads(rag("papers", "--json", home=seed_home).stdout)
    assert listing["count"] == 261
    lecture = next(p for p in listing["papers"] if p["kind"] == "lecture")
    assert set(lecture) == {"id", "title", "authors", "venue", "year", "sources", "kind"}
    shared = [p for p in listing["papers"] if len(p["sources"]) == 2]
    assert len(shared) == 2
    chosen = json.loads(rag("papers", "--venue", "NeurIPS", "--year", "2019", "--json", home=seed_home).stdout)
    assert chosen["count"] == 6 and {(p["venue"], p["year"]) for p in chosen["papers"]} == {("NeurIPS", 2019)}


def test_search_json_and_reingest_is_a_no_op(seed_assistant, seed_home):
    found = json.loads(
        rag("search", "gradient masking false sense of security", "-k", "2", "--json", home=seed_home).stdout
    )
    assert found["hits"][0]["title"] == "Obfuscated Gradients Give a False Sense of Security"
    assert found["hits"][0]["sources"] == ["000_bfc7c36303f18d37.txt:6"]
    again = json.loads(rag("ingest", "--json", home=seed_home).stdout)
    assert (again["added"], again["updated"], again["embedded"], again["documents"]) == (0, 0, 0, 261)


def test_errors_are_one_line_not_tracebacks(tmp_path):
    empty = rag("search", "anything", home=tmp_path / "nothing", check=False)
    assert empty.returncode == 2 and "run `rag ingest` first" in empty.stderr and "Traceback" not in empty.stderr
    missing = rag("ingest", str(tmp_path / "nope.jsonl"), home=tmp_path / "h", check=False)
    assert missing.returncode == 2 and "no such file" in missing.stderr and "Traceback" not in missing.stderr


def test_malformed_line_reported_with_file_and_line(tmp_path):
    corpus = tmp_path / "mine.jsonl"
    corpus.write_text(
        '{"title": "A Paper on Graph Robustness", "abstract": "We study robustness of graph models."}\n'
        '{"title": "broken"\n'
    )
    done = rag("ingest", str(corpus), "--json", home=tmp_path / "h")
    report = json.loads(done.stdout)
    assert report["added"] == 1
    assert report["problems"] == [{"file": "mine.jsonl", "line": 2, "message": report["problems"][0]["message"]}]
    assert "mine.jsonl:2" in done.stderr
