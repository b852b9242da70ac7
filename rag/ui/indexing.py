"""Indexing from the web UI: the corpus on first start, and files a user uploads, each in the
background with its progress for the status line. An uploaded file is kept under RAG_HOME
(uploads/), so a later `rag ingest` keeps it; its name is reduced to a safe base name, so it can
never be written outside that folder."""

from __future__ import annotations

import hashlib
import logging
import re
import shutil
import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from rag.assistant import Assistant
from rag.errors import RagError
from rag.index.ingest import IngestReport

log = logging.getLogger("rag.ui")
UPLOAD_SUFFIXES = (".bib", ".json", ".jsonl", ".csv")


@dataclass(frozen=True)
class Outcome:
    """How one ingest ended: its report, or the error that stopped it."""

    report: IngestReport | None = None
    error: str | None = None


class Indexer:
    """Runs one ingest at a time in the background and keeps its progress and outcome. Each ingest
    an upload starts has a ticket (`add` hands it out), and its outcome is kept by ticket, so a
    session is told the outcome of its own upload, whatever other sessions started since."""

    KEPT_OUTCOMES = 64  # the outcomes of the last uploads kept for their sessions to be told

    def __init__(self, assistant: Assistant) -> None:
        self.assistant = assistant
        self.done, self.total = 0, 0
        self.error: str | None = None  # the last ingest's, for the status line
        self.uploading = False
        self.running = not assistant.is_indexed()
        self._tickets = 0
        self._outcomes: OrderedDict[int, Outcome] = OrderedDict()
        self._lock = threading.Lock()  # held while add() copies the files
        self._outcomes_lock = threading.Lock()  # every session's tick reads outcomes: never held long

    def start(self) -> None:
        """Index the corpus in the background if it is not indexed yet (the app's first start)."""
        if self.running:
            threading.Thread(target=self._run, args=(None,), daemon=True).start()

    def add(self, files: list[Path]) -> tuple[int | None, str]:
        """Keep `files` under RAG_HOME/uploads and ingest them in the background: the ingest's
        ticket (None when none was started), and what was kept, or why not, as a sentence."""
        with self._lock:
            if self.running:
                return None, "Another ingest is running (see the status line); add the files when it is done."
            kept, refused = [], []
            for file in files:
                try:
                    kept.append(keep_upload(file, self.assistant.uploads))
                except ValueError as exc:
                    refused.append(str(exc))
            if not kept:
                return None, "Nothing added: " + "; ".join(refused or ["no file"])
            self.running, self.uploading, self.error = True, True, None
            with self._outcomes_lock:
                self._tickets += 1
                ticket = self._tickets
        threading.Thread(target=self._run, args=(ticket,), daemon=True).start()
        said = f"Adding {', '.join(p.name for p in kept)}: progress in the status line."
        return ticket, said + (" Not added: " + "; ".join(refused) if refused else "")

    def outcome(self, ticket: int) -> Outcome | None:
        """How the ingest with this ticket ended; None while it runs. One that ended so long ago
        that its outcome is no longer kept has an empty outcome (nothing left to tell)."""
        with self._outcomes_lock:
            if ticket in self._outcomes:
                return self._outcomes[ticket]
            if ticket >= self._tickets:  # only the latest can be running: add() refuses while an ingest runs
                return None
            return Outcome()

    def _run(self, ticket: int | None) -> None:
        report, error = None, None
        try:
            report = self.assistant.ingest(progress=False, on_progress=self._progress)
        except RagError as exc:  # our own message: it says what to do
            log.warning("indexing failed: %s", exc)
            error = str(exc)
        except Exception:  # shown without its text (the log has it); the app keeps running
            log.exception("indexing failed")
            error = "an unexpected error; the server's log has the details"
        with self._lock, self._outcomes_lock:
            if ticket is not None:
                self._outcomes[ticket] = Outcome(report, error)
                while len(self._outcomes) > self.KEPT_OUTCOMES:
                    self._outcomes.popitem(last=False)
            self.error, self.running = error, False

    def _progress(self, done: int, total: int) -> None:
        self.done, self.total = done, total


def safe_name(name: str) -> str:
    """A file name reduced to a base name of letters, digits, '.', '_' and '-' ("../../x.bib" ->
    "x.bib"); a ValueError when nothing usable is left or the type is not one the corpus reads."""
    base = re.split(r"[\\/]", name)[-1]
    base = re.sub(r"[^A-Za-z0-9._-]+", "_", base).lstrip("._-")
    if not base or Path(base).suffix.lower() not in UPLOAD_SUFFIXES:
        raise ValueError(f"{name!r} is not a .bib, .json, .jsonl or .csv file")
    return base[:120]


def keep_upload(source: Path, uploads: Path, name: str | None = None) -> Path:
    """Copy an uploaded file into `uploads` under a safe name (another file already there under
    that name keeps it: the upload gets a suffix); the same content uploaded again is one file."""
    base = safe_name(name or source.name)
    uploads.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha1(source.read_bytes()).hexdigest()[:8]
    target = uploads / base
    if target.exists() and hashlib.sha1(target.read_bytes()).hexdigest()[:8] != digest:
        target = uploads / f"{Path(base).stem}-{digest}{Path(base).suffix}"
    resolved = target.resolve()
    if resolved.parent != uploads.resolve():  # cannot happen with a safe name; checked all the same
        raise ValueError(f"{name!r} would be written outside {uploads}")
    shutil.copyfile(source, resolved)
    return resolved


def report_text(report: IngestReport) -> str:
    """An ingest's outcome for the upload panel: counts, and every skipped entry with file:line."""
    lines = [
        f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged; "
        f"{len(report.problems)} entr{'y' if len(report.problems) == 1 else 'ies'} skipped."
    ]
    lines += [str(p) for p in report.problems[:200]]
    if len(report.problems) > 200:
        lines.append(f"... and {len(report.problems) - 200} more")
    return "\n".join(lines)
