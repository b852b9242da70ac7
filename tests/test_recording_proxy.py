"""The recording proxy that makes the real-model cassettes: what a client streams through it is
recorded whole, saved, and answered again from the cassette without asking the model."""

from __future__ import annotations

import openai
import pytest
from openai import OpenAI
from openai_server import ServerThread, Step

from rag.evaluation import cassettes


def _ask(url: str, text: str, stream: bool) -> str:
    client = OpenAI(base_url=url, api_key="none", max_retries=0)
    messages = [{"role": "user", "content": text}]
    if not stream:
        reply = client.chat.completions.create(model="m", messages=messages, temperature=0)
        return reply.choices[0].message.content or ""
    pieces = client.chat.completions.create(model="m", messages=messages, temperature=0, stream=True)
    return "".join(c.choices[0].delta.content or "" for c in pieces if c.choices)


def test_replies_are_recorded_saved_and_replayed_without_the_model(tmp_path):
    path = tmp_path / "m-answers.jsonl"
    with ServerThread() as upstream:
        upstream.state.script = [Step(reply="Streamed reply [1]."), Step(reply="Whole reply [2].")]
        with cassettes.RecordingProxy(upstream.url) as proxy:
            assert _ask(proxy.url, "first question", stream=True) == "Streamed reply [1]."
            assert _ask(proxy.url, "second question", stream=False) == "Whole reply [2]."
            cassettes.save(path, proxy.recordings.values())
        assert len(upstream.state.requests) == 2

    saved = cassettes.load(path)
    assert sorted(r.text for r in saved.values()) == ["Streamed reply [1].", "Whole reply [2]."]
    with ServerThread() as upstream:
        with cassettes.RecordingProxy(upstream.url, reuse=saved) as proxy:
            # the stream flag does not decide the reply: a recording serves either way
            assert _ask(proxy.url, "first question", stream=False) == "Streamed reply [1]."
            assert proxy.replayed == 1
        assert upstream.state.requests == []  # the model was not asked again
    with ServerThread(cassette=saved) as replay:
        assert _ask(replay.url, "second question", stream=True) == "Whole reply [2]."
        with pytest.raises(openai.NotFoundError):  # a prompt changed since its recording is a miss, loudly
            _ask(replay.url, "a question never recorded", stream=False)
        assert len(replay.state.misses) == 1


def test_a_gz_cassette_is_compressed_and_reads_back_the_same(tmp_path):
    rows = [cassettes.Recording(key=f"k{i}", model="m", chunks=[f"reply {i} " * 50]) for i in range(20)]
    plain, packed = tmp_path / "m.jsonl", tmp_path / "m.jsonl.gz"
    cassettes.save(plain, rows)
    cassettes.save(packed, rows)
    assert packed.read_bytes()[:2] == b"\x1f\x8b" and packed.stat().st_size < plain.stat().st_size / 5
    assert cassettes.load(packed) == cassettes.load(plain)
    first = packed.read_bytes()
    cassettes.save(packed, reversed(rows))  # same recordings, same bytes: re-recording changes only what changed
    assert packed.read_bytes() == first
