#!/usr/bin/env bash
# Set up (scripts/bootstrap.sh) and run the whole test suite. Extra arguments go to pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
# The browser tests drive Debian's chromium (Playwright's own browser download fails here).
if ! command -v chromium >/dev/null 2>&1; then
  echo "test: installing Debian's chromium for the browser tests" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >/dev/null 2>&1 \
    || echo "test: could not install chromium; the browser tests will fail" >&2
fi
export HF_HUB_OFFLINE=1 GRADIO_ANALYTICS_ENABLED=False
# Lint, format and types first: cheap, and a failure names the line.
.venv/bin/ruff check rag tests bench app.py
.venv/bin/ruff format --check --quiet rag tests bench app.py
.venv/bin/mypy
# One worker per core (pytest-xdist), each test handed out on its own, longest first (tests/conftest.py).
exec .venv/bin/python -m pytest -q -n auto --dist loadgroup --no-loadscope-reorder "$@"
