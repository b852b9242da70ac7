#!/usr/bin/env bash
# Create or reuse .venv with everything the project needs. Safe to run again: it reinstalls
# only when pyproject.toml changed. torch comes first, pinned to the CPU build this machine
# keeps on disk; left to the resolver, pip would fetch a multi-GB CUDA build.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "bootstrap: creating .venv" >&2
  "$PY" -m venv .venv
  .venv/bin/pip install --quiet --upgrade pip
fi
stamp=.venv/.installed-$(sha1sum pyproject.toml | cut -c1-12)
if [ ! -f "$stamp" ]; then
  echo "bootstrap: installing dependencies (a few minutes on a fresh machine)" >&2
  .venv/bin/python -c "import torch" 2>/dev/null || .venv/bin/pip install --quiet --no-compile torch==2.13.0
  .venv/bin/pip install --quiet --no-compile -e ".[test]"
  # Bytecode on every core (pip compiles on one: two of the three minutes of a fresh install). A file
  # that does not compile is skipped, as pip skips it.
  .venv/bin/python -m compileall -q -j 0 .venv/lib/python*/site-packages >/dev/null 2>&1 || true
  rm -f .venv/.installed-*
  touch "$stamp"
fi
# The ONNX model is converted from the packaged one once per machine (cached under ~/.cache).
HF_HUB_OFFLINE=1 .venv/bin/rag prepare >/dev/null
