#!/usr/bin/env bash
# Set up, index the seed corpus if it is not indexed yet, and start the assistant.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
export HF_HUB_OFFLINE=1 GRADIO_ANALYTICS_ENABLED=False
.venv/bin/rag ingest
exec .venv/bin/python app.py "$@"
