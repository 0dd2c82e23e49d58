from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow


def run_cli(settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "ASSISTANT_PATHS__INDEX_DIR": str(settings.index_dir),
        "ASSISTANT_PATHS__MODEL_CACHE_DIR": str(settings.model_cache_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.home,
        timeout=300,
    )


def test_ask_json_and_info(settings, built) -> None:
    out = run_cli(settings, "ask", "花都区2020年地区生产总值是多少？", "--json")
    assert out.returncode == 0, out.stderr
    answer = json.loads(out.stdout)
    assert answer["found"] and "1682.15" in answer["text"]
    assert answer["citations"][0]["title"]
    info = run_cli(settings, "info")
    assert info.returncode == 0 and "5 篇" in info.stdout


def test_index_is_up_to_date_and_errors_are_chinese(settings, built, tmp_path) -> None:
    out = run_cli(settings, "index")
    assert out.returncode == 0 and "无需重建" in out.stdout
    env_missing = run_cli(
        settings.model_copy(
            update={"paths": settings.paths.model_copy(update={"index_dir": tmp_path}), "home": settings.home}
        ),
        "ask",
        "数字经济",
    )
    assert env_missing.returncode == 2 and "assistant index" in env_missing.stderr
