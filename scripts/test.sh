#!/usr/bin/env bash
# The test command: lint, then every test (the slow ones build a real index with the real model).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/ruff check src tests
.venv/bin/python -m pytest -q "$@"
