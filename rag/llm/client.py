"""Chat completions over the OpenAI protocol: OpenAI itself or any compatible server.

llama-index's `OpenAILike` drives an `openai.OpenAI` client built here with retries switched
off, because retrying is done here, within one deadline, for every way a server fails:
timeouts, 429, 5xx, connection errors, malformed or empty replies, a stream that breaks.
What escapes is an `LLMError` with a short reason that never contains the API key.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from rag.settings import Settings

log = logging.getLogger(__name__)


class LLMError(Exception):
    """The LLM gave no usable reply within the deadline. `kind` names the last failure."""

    def __init__(self, kind: str, detail: str) -> None:
        super().__init__(f"{kind}: {detail}")
        self.kind = kind


@dataclass(frozen=True)
class Message:
    role: str  # system, user or assistant
    content: str


class ChatLLM:
    """Streams one chat completion, retrying failures with exponential backoff until the deadline."""

    def __init__(self, settings: Settings, *, sleep: Callable[[float], None] = time.sleep) -> None:
        if not settings.llm_configured:
            raise LLMError("not configured", "set RAG_LLM__MODEL and OPENAI_API_KEY or OPENAI_BASE_URL")
        self.model = settings.llm.model or ""
        self.cfg = settings.llm
        self._secret = settings.openai_api_key.get_secret_value() if settings.openai_api_key else ""
        self._base_url = settings.openai_base_url
        self._sleep = sleep
        self._llm = None
        self._openai: Any = None  # the openai.OpenAI client under llama-index's wrapper
        self._format = 0  # which structured-output form the server took: 0 json_schema (OpenAI), 1 json_object

    def _client(self):
        if self._llm is None:
            try:
                import openai
                from llama_index.llms.openai_like import OpenAILike
            except ImportError as exc:  # a broken install is not a server failure: no retries
                raise LLMError(
                    "not installed", f"{exc.name} is missing: pip install llama-index-llms-openai-like openai"
                ) from None

            client = self._openai = openai.OpenAI(
                api_key=self._secret or "unused", base_url=self._base_url, timeout=self.cfg.timeout, max_retries=0
            )
            self._llm = OpenAILike(
                model=self.model,
                api_key=self._secret or "unused",
                api_base=self._base_url,
                openai_client=client,
                is_chat_model=True,
                context_window=32768,
                max_retries=0,
                timeout=self.cfg.timeout,
                temperature=self.cfg.temperature,
                max_tokens=self.cfg.max_answer_tokens,
            )
        return self._llm

    def stream(self, messages: list[Message], on_retry: Callable[[str], None] | None = None) -> Iterator[str]:
        """Text deltas of the reply. If an attempt fails after some deltas were yielded,
        `on_retry` is called (the caller discards what it showed) and the reply starts again."""
        from llama_index.core.llms import ChatMessage

        chat = [ChatMessage(role=m.role, content=m.content) for m in messages]
        client = self._client()  # raises LLMError("not installed") once, outside the retry loop
        deadline = time.monotonic() + self.cfg.deadline
        attempt = 0
        while True:
            attempt += 1
            yielded = False
            try:
                text, finished = "", False
                for part in client.stream_chat(chat):
                    finished = finished or _finish_reason(part.raw) is not None
                    delta = part.delta or ""
                    if delta:
                        text += delta
                        yielded = True
                        yield delta
                if not text.strip():
                    raise LLMError("empty reply", "the model returned no text")
                if not finished:
                    raise LLMError("broken stream", "the stream ended without a finish reason")
                return
            except Exception as exc:  # every failure of the server or the protocol ends here
                error = exc if isinstance(exc, LLMError) else LLMError(*self._classify(exc, yielded))
                wait = min(0.5 * 2 ** (attempt - 1), 8.0)
                if attempt > self.cfg.max_retries or time.monotonic() + wait >= deadline:
                    log.warning("LLM gave up after %d attempt(s): %s", attempt, error)
                    raise error from None
                log.warning("LLM attempt %d failed (%s); retrying in %.1f s", attempt, error.kind, wait)
                if yielded and on_retry is not None:
                    on_retry(error.kind)
                self._sleep(wait)

    def structured(self, messages: list[Message], schema: dict, name: str, max_tokens: int = 400) -> dict:
        """One reply constrained to JSON matching `schema`, parsed. OpenAI takes the schema as
        `json_schema`; llama.cpp's server as `json_object` with a `schema`: the first is tried,
        and the second when the server turns the first down. Retried like `stream`; an
        LLMError when no attempt gives a JSON object."""
        self._client()
        client = self._openai
        assert client is not None
        forms = [
            {"type": "json_schema", "json_schema": {"name": name, "schema": schema}},
            {"type": "json_object", "schema": schema},
        ]
        chat = [{"role": m.role, "content": m.content} for m in messages]
        deadline = time.monotonic() + self.cfg.deadline
        attempt = 0
        while True:
            attempt += 1
            try:
                reply = client.chat.completions.create(
                    model=self.model,
                    messages=chat,
                    temperature=self.cfg.temperature,
                    max_tokens=max_tokens,
                    response_format=forms[self._format],
                )
                text = (reply.choices[0].message.content or "").strip()
                value = json.loads(text)
                if not isinstance(value, dict):
                    raise LLMError("malformed reply", "the reply is JSON but not an object")
                return value
            except Exception as exc:
                if "response_format" in str(exc) and self._format == 0:
                    self._format = 1  # the server speaks the other dialect: no wait, no attempt used
                    attempt -= 1
                    continue
                if isinstance(exc, json.JSONDecodeError):
                    error = LLMError("malformed reply", f"not JSON: {exc.msg}")
                else:
                    error = exc if isinstance(exc, LLMError) else LLMError(*self._classify(exc, False))
                wait = min(0.5 * 2 ** (attempt - 1), 8.0)
                if attempt > self.cfg.max_retries or time.monotonic() + wait >= deadline:
                    raise error from None
                self._sleep(wait)

    def _classify(self, exc: Exception, yielded: bool) -> tuple[str, str]:
        import openai

        if isinstance(exc, openai.APITimeoutError):
            kind = "timeout"
        elif isinstance(exc, openai.RateLimitError):
            kind = "rate limited (429)"
        elif isinstance(exc, openai.APIStatusError):
            kind = f"server error ({exc.status_code})"
        elif isinstance(exc, openai.APIConnectionError):
            kind = "broken stream" if yielded else "connection failed"
        else:
            kind = "broken stream" if yielded else "malformed reply"
        return kind, self._redact(str(exc))[:200]

    def _redact(self, text: str) -> str:
        return text.replace(self._secret, "***") if self._secret else text


def _finish_reason(raw) -> str | None:
    """The finish reason of a streamed chunk (object or dict), if it carries one."""
    choices = getattr(raw, "choices", None) or (raw.get("choices") if isinstance(raw, dict) else None) or []
    if not choices:
        return None
    first = choices[0]
    return getattr(first, "finish_reason", None) or (first.get("finish_reason") if isinstance(first, dict) else None)
