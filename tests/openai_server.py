"""A real HTTP server on 127.0.0.1 speaking the OpenAI chat-completions protocol (JSON and SSE
streaming), scripted per request to answer well or to misbehave. Records every request."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from rag.evaluation.cassettes import Recording, dialect_refusal, prompt_key, replay


@dataclass
class Step:
    """What the server does for one request. `reply` may be a function of the request body."""

    reply: str | Callable[[dict], str] = ""
    status: int = 200
    delay: float = 0.0  # seconds before anything is sent
    malformed: bool = False  # 200 with a body that is not the protocol
    break_after: int | None = None  # streaming: send this many pieces, then cut the connection
    no_finish: bool = False  # streaming: end cleanly but without a finish_reason
    echo_auth: bool = False  # an error whose message leaks the request's Authorization header


@dataclass
class FakeOpenAI:
    script: list[Step] = field(default_factory=list)
    requests: list[dict] = field(default_factory=list)
    headers: list[dict] = field(default_factory=list)
    default: Step = field(default_factory=lambda: Step(reply="No script left."))
    cassette: dict[str, Recording] | None = None  # replay a real model's recorded replies instead of a script
    misses: list[dict] = field(default_factory=list)  # requests the cassette had no recording for
    whole_replies: bool = False  # a recorded reply streamed as one delta, not as recorded
    in_flight: int = 0  # requests being answered now
    most_in_flight: int = 0  # the most answered at once

    def next_step(self) -> Step:
        return self.script.pop(0) if self.script else self.default


def _pieces(text: str, size: int = 12) -> list[str]:
    return [text[i : i + size] for i in range(0, len(text), size)] or [""]


def _handler(state: FakeOpenAI):
    lock = threading.Lock()

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):  # keep test output clean
            pass

        def handle(self):
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):  # the client hung up: expected in timeout tests
                pass

        def do_POST(self):  # noqa: N802
            with lock:
                state.in_flight += 1
                state.most_in_flight = max(state.most_in_flight, state.in_flight)
            try:
                return self._answer()
            finally:
                with lock:
                    state.in_flight -= 1

        def _answer(self):
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            state.requests.append(body)
            state.headers.append(dict(self.headers))
            if state.cassette is not None:
                recording = state.cassette.get(prompt_key(body)) or dialect_refusal(state.cassette, body)
                if recording is None:  # a prompt that changed since the recording: the test says so
                    state.misses.append(body)
                    return self._json(404, {"error": {"message": "no recording for this prompt", "type": "missing"}})
                try:
                    return replay(self, body, recording, whole=state.whole_replies)
                except (BrokenPipeError, ConnectionResetError):
                    self.close_connection = True
                    return None
            step = state.next_step()
            if step.delay:
                time.sleep(step.delay)
            if step.status != 200:
                leak = f" (auth was {self.headers.get('Authorization')})" if step.echo_auth else ""
                return self._json(
                    step.status, {"error": {"message": f"scripted {step.status}{leak}", "type": "server_error"}}
                )
            if step.malformed and not body.get("stream"):
                return self._raw(200, b"<html>this is not JSON</html>", "application/json")
            text = step.reply(body) if callable(step.reply) else step.reply
            if body.get("stream"):
                try:
                    return self._stream(body, text, step)
                except (BrokenPipeError, ConnectionResetError):  # the client gave up (timeout)
                    self.close_connection = True
                    return None
            return self._json(
                200,
                {
                    "id": "cmpl-1",
                    "object": "chat.completion",
                    "created": 0,
                    "model": body.get("model"),
                    "choices": [
                        {"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": "stop"}
                    ],
                    "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
                },
            )

        def _json(self, status: int, payload: dict):
            self._raw(status, json.dumps(payload).encode(), "application/json")

        def _raw(self, status: int, data: bytes, ctype: str):
            self.send_response(status)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def _chunk(self, data: bytes):
            self.wfile.write(f"{len(data):x}\r\n".encode() + data + b"\r\n")
            self.wfile.flush()

        def _stream(self, body: dict, text: str, step: Step):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()

            def event(delta: dict, finish=None) -> bytes:
                chunk = {
                    "id": "cmpl-1",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": body.get("model"),
                    "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
                }
                return f"data: {json.dumps(chunk)}\n\n".encode()

            self._chunk(event({"role": "assistant", "content": ""}))
            if step.malformed:
                self._chunk(b"data: <html>not a chunk</html>\n\n")
            for i, piece in enumerate(_pieces(text)):
                if step.break_after is not None and i >= step.break_after:
                    self.wfile.write(b'40\r\ndata: {"id": "cmpl-1", "choi')  # half a chunk, then gone
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                    return
                self._chunk(event({"content": piece}))
            if not step.no_finish:
                self._chunk(event({}, finish="stop"))
            self._chunk(b"data: [DONE]\n\n")
            self.wfile.write(b"0\r\n\r\n")
            self.wfile.flush()

    return Handler


class ServerThread:
    """Start with `with ServerThread() as server:`; `server.url` is the base URL (…/v1)."""

    def __init__(self, cassette: dict[str, Recording] | None = None, whole_replies: bool = False) -> None:
        self.state = FakeOpenAI(cassette=cassette, whole_replies=whole_replies)
        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self.state))
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/v1"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> ServerThread:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
