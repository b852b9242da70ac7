"""A separate process that ingests with a slow fake embedder, so the fault tests can kill it,
limit it or run it beside another ingest: `python tests/ingest_worker.py HOME CORPUS [DELAY]`.
Exits 2 with one line on stderr for an error a user can act on, like `rag`."""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from fakes import HashEmbedder  # noqa: E402

from rag import Assistant, Settings  # noqa: E402
from rag.errors import RagError  # noqa: E402


class SlowHashEmbedder(HashEmbedder):
    def __init__(self, delay: float) -> None:
        super().__init__()
        self.delay = delay

    def embed(self, texts):
        time.sleep(self.delay)
        return super().embed(texts)


def main() -> int:
    home, corpus = Path(sys.argv[1]), Path(sys.argv[2])
    delay = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    try:
        assistant = Assistant(Settings(home=home, corpus=[corpus]), embedder=SlowHashEmbedder(delay))
        report = assistant.ingest(progress=False)
    except RagError as exc:
        print(f"rag: {exc}", file=sys.stderr)
        return 2
    print(f"indexed {report.added + report.updated + report.unchanged}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
