#!/usr/bin/env bash
# Regenerate requirements.lock: the exact versions installed in .venv (what the audit checks).
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
{
  echo "# Exact versions of a working install (bash scripts/install.sh); regenerate: bash scripts/lock.sh"
  # Packages installed from a local file or URL have no PyPI release to audit: kept as comments.
  "$VENV/bin/pip" freeze --exclude-editable --all | grep -vE '^(pip|setuptools|wheel)==' \
    | sed -E 's/^([^ ]+) @ .*/# \1 (not from PyPI)/' | LC_ALL=C sort -f
} > requirements.lock
echo "已写入 requirements.lock（$(grep -vc '^#' requirements.lock) 个包）"
