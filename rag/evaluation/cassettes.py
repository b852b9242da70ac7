"""Recorded replies of a real LLM ("cassettes"), so every test run meets real model behaviour.

A cassette is a JSON-lines file: one `Recording` per distinct request the pipeline made, keyed
by a hash of what decides the reply (model, messages, temperature, token limit, response
format), holding the reply as the server streamed it (its text deltas, in order) or returned
it whole. `RecordingProxy` sits between the pipeline and a real OpenAI-compatible server and
writes what passes through; tests replay a cassette through their scripted server
(tests/openai_server.py), and a request with no recording there is a prompt that changed since
the recording was made. Record anew with `bash scripts/local-llm.sh record`.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from pydantic import BaseModel, Field

_DECIDING = ("model", "messages", "temperature", "max_tokens", "response_format", "top_p", "seed", "stop")


def prompt_key(body: dict) -> str:
    """What identifies a request's reply: the fields that decide it, hashed (the `stream` flag
    and transport details do not)."""
    deciding = {k: body.get(k) for k in _DECIDING if body.get(k) is not None}
    return hashlib.sha256(json.dumps(deciding, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:20]


class Recording(BaseModel):
    """One request and the reply the real model gave."""

    key: str
    model: str
    settings: dict = Field(default_factory=dict)  # temperature, max_tokens, response_format ...
    messages: list[dict] = Field(default_factory=list)
    chunks: list[str] = Field(default_factory=list)  # text deltas as streamed (one chunk when not streamed)
    status: int = 200  # the server's refusal (4xx/5xx) is recorded too, with its body in `error`
    error: str | None = None
    finish_reason: str | None = "stop"
    first_token_s: float | None = None  # seconds to the first delta, as recorded
    total_s: float | None = None

    @property
    def text(self) -> str:
        return "".join(self.chunks)


def load(path: Path) -> dict[str, Recording]:
    """A cassette's recordings by key (empty when the file does not exist)."""
    if not path.exists():
        return {}
    text = gzip.decompress(path.read_bytes()).decode("utf-8") if path.suffix == ".gz" else path.read_text("utf-8")
    rows = (Recording.model_validate_json(line) for line in text.splitlines() if line)
    return {r.key: r for r in rows}


def save(path: Path, recordings: Iterable[Recording]) -> None:
    """Write recordings sorted by key (a stable file: re-recording changes only what changed)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    rows = sorted(recordings, key=lambda r: r.key)
    tmp = path.with_suffix(".tmp")
    data = "".join(r.model_dump_json() + "\n" for r in rows).encode("utf-8")
    # a ".gz" cassette is compressed (the recorded answers outgrow what a repository should hold as
    # text); mtime 0 keeps the bytes the same when the recordings are
    tmp.write_bytes(gzip.compress(data, mtime=0) if path.suffix == ".gz" else data)
    tmp.replace(path)


class _QuietServer(ThreadingHTTPServer):
    """A client that closes its kept-alive connection (the OpenAI client does, once a stream
    ends) is no error: a recorded reply was recorded whole before it was replayed."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class RecordingProxy:
    """An OpenAI-compatible endpoint on 127.0.0.1 that forwards chat completions to `upstream`
    and records each reply. `with RecordingProxy(upstream) as proxy:` then point the client at
    `proxy.url`; `proxy.recordings` holds the replies of this run's requests (by key). A request
    already in `reuse` (an earlier cassette) is answered from it, not asked again."""

    def __init__(self, upstream: str, reuse: dict[str, Recording] | None = None) -> None:
        self.upstream = upstream.rstrip("/")
        self.recordings: dict[str, Recording] = {}
        self.reuse = dict(reuse or {})
        self.replayed = 0  # requests answered from `reuse` without asking the model
        self._lock = threading.Lock()
        self.httpd = _QuietServer(("127.0.0.1", 0), self._handler())
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> RecordingProxy:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def _handler(self):
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                body = json.loads(raw or b"{}")
                key = prompt_key(body)
                with proxy._lock:
                    known = proxy.recordings.get(key) or proxy.reuse.get(key)
                    if known is not None and key not in proxy.recordings:
                        proxy.replayed += 1
                        proxy.recordings[key] = known
                if known is None:
                    try:
                        known = proxy._ask(body, raw, key)
                    except urllib.error.HTTPError as exc:  # the server's refusal is part of its behaviour
                        known = Recording(
                            key=key,
                            model=body.get("model", ""),
                            messages=body.get("messages", []),
                            status=exc.code,
                            error=exc.read().decode("utf-8", "replace"),
                            finish_reason=None,
                        )
                    with proxy._lock:
                        proxy.recordings[key] = known
                replay(self, body, known)

        return Handler

    def _ask(self, body: dict, raw: bytes, key: str) -> Recording:
        """Send the request upstream (streamed when the client streams) and record the reply."""
        request = urllib.request.Request(
            f"{self.upstream}/chat/completions", data=raw, headers={"Content-Type": "application/json"}, method="POST"
        )
        started, first, chunks, finish = time.monotonic(), None, [], None
        with urllib.request.urlopen(request, timeout=900) as response:
            if body.get("stream"):
                for line in response:
                    line = line.strip()
                    if not line.startswith(b"data:") or line == b"data: [DONE]":
                        continue
                    event = json.loads(line[5:])
                    for choice in event.get("choices") or []:
                        delta = (choice.get("delta") or {}).get("content")
                        if delta:
                            first = first if first is not None else time.monotonic() - started
                            chunks.append(delta)
                        finish = choice.get("finish_reason") or finish
            else:
                reply = json.loads(response.read())
                choice = reply["choices"][0]
                chunks = [choice["message"].get("content") or ""]
                finish = choice.get("finish_reason")
                first = time.monotonic() - started
        settings = {k: body[k] for k in _DECIDING if k not in ("model", "messages") and body.get(k) is not None}
        return Recording(
            key=key,
            model=body.get("model", ""),
            settings=settings,
            messages=body.get("messages", []),
            chunks=chunks,
            finish_reason=finish,
            first_token_s=first,
            total_s=time.monotonic() - started,
        )


def replay(handler: BaseHTTPRequestHandler, body: dict, recording: Recording, whole: bool = False) -> None:
    """Answer one request from a recording, streamed (SSE) when the request streams: in the
    recorded deltas, or with `whole` in one delta (the same text; a client spends about a
    millisecond on each event, some 40% of LLM mode's time on replayed answers)."""
    model = body.get("model")
    if recording.status != 200:
        data = (recording.error or "{}").encode()
        handler.send_response(recording.status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
        return
    if not body.get("stream"):
        data = json.dumps(
            {
                "id": "rec",
                "object": "chat.completion",
                "created": 0,
                "model": model,
                "choices": [
                    {
                        "index": 0,
                        "finish_reason": recording.finish_reason,
                        "message": {"role": "assistant", "content": recording.text},
                    }
                ],
                "usage": {"prompt_tokens": 0, "completion_tokens": 0, "total_tokens": 0},
            }
        ).encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)
        return
    handler.send_response(200)
    handler.send_header("Content-Type", "text/event-stream")
    handler.send_header("Transfer-Encoding", "chunked")
    handler.end_headers()

    def send(payload: bytes) -> None:
        handler.wfile.write(f"{len(payload):x}\r\n".encode() + payload + b"\r\n")
        handler.wfile.flush()

    def event(delta: dict, finish: str | None = None) -> bytes:
        chunk = {
            "id": "rec",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
        }
        return f"data: {json.dumps(chunk)}\n\n".encode()

    send(event({"role": "assistant", "content": ""}))
    for piece in ["".join(recording.chunks)] if whole and recording.chunks else recording.chunks:
        send(event({"content": piece}))
    send(event({}, finish=recording.finish_reason or "stop"))
    send(b"data: [DONE]\n\n")
    handler.wfile.write(b"0\r\n\r\n")
    handler.wfile.flush()


def dialect_refusal(recordings: dict[str, Recording], body: dict) -> Recording | None:
    """The recorded server's refusal of this request's response_format type, if it refused that
    type once (llama.cpp turns down "json_schema"; the client then speaks "json_object"): a
    server refuses a dialect whatever the prompt, so the refusal stands for every prompt."""
    wanted = (body.get("response_format") or {}).get("type")
    if not wanted:
        return None
    for recording in recordings.values():
        said = recording.error or ""
        if recording.status >= 400 and "response_format" in said and repr(wanted) in said:
            return recording
    return None


class ReplayServer:
    """An OpenAI-compatible endpoint on 127.0.0.1 answering from a cassette (benchmarks replay
    recorded replies with it); `misses` counts requests it had no recording for (answered 404)."""

    def __init__(self, recordings: dict[str, Recording]) -> None:
        self.recordings = recordings
        self.misses = 0
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_POST(self):  # noqa: N802
                body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
                found = server.recordings.get(prompt_key(body)) or dialect_refusal(server.recordings, body)
                if found is None:
                    server.misses += 1
                    found = Recording(
                        key="",
                        model="",
                        status=404,
                        finish_reason=None,
                        error='{"error": {"message": "no recording for this prompt"}}',
                    )
                replay(self, body, found)

        self.httpd = _QuietServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> ReplayServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
