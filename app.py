"""Start the assistant. Until the web UI lands, an interactive search prompt on the terminal."""

from __future__ import annotations

import sys

from rag import Assistant
from rag.search import QueryError


def main() -> int:
    assistant = Assistant()
    if not sys.stdin.isatty():
        print(f"{assistant.docs.count()} documents indexed; run interactively to search.", file=sys.stderr)
        return 0
    print(f"{assistant.docs.count()} documents indexed ({assistant.backend}). Empty line to quit.")
    while True:
        try:
            query = input("search> ").strip()
        except EOFError:
            return 0
        if not query:
            return 0
        try:
            for hit in assistant.search(query, 5):
                print(f"{hit.rank}. {hit.paper.title} [{hit.paper.id}]\n   {hit.passage[:200]}")
        except QueryError as exc:
            print(exc)


if __name__ == "__main__":
    sys.exit(main())
