"""Index builds are atomic, exclusive, and damaged indexes are reported, not used."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from assistant import Assistant, IndexMissingError
from assistant.errors import IndexBusyError
from assistant.index.builder import build_index, build_lock
from assistant.index.store import POINTER, builds_dir, current_build


def test_second_build_is_refused_while_one_runs(tmp_path: Path) -> None:
    from assistant.settings import Settings

    settings = Settings(paths={"index_dir": tmp_path})
    with build_lock(tmp_path):
        with pytest.raises(IndexBusyError, match="另一个进程正在建立索引"):
            build_index(settings)


@pytest.mark.slow
def test_damaged_index_is_detected_at_load(settings, built, embed_model, tmp_path: Path) -> None:
    copy = tmp_path / "index"
    shutil.copytree(settings.index_dir, copy, ignore=shutil.ignore_patterns(".lock"))
    damaged = settings.model_copy(update={"paths": settings.paths.model_copy(update={"index_dir": copy})})
    (current_build(copy) / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IndexMissingError, match="损坏") as exc:
        Assistant.load(damaged, embed_model=embed_model)
    assert "assistant index" in exc.value.hint
    (copy / POINTER).write_text("no-such-build", encoding="utf-8")
    with pytest.raises(IndexMissingError, match="不完整"):
        Assistant.load(damaged, embed_model=embed_model)


@pytest.mark.slow
def test_killed_rebuild_leaves_the_old_index_answering(settings, built, embed_model) -> None:
    before = (settings.index_dir / POINTER).read_text(encoding="utf-8")
    env = {
        **os.environ,
        "ASSISTANT_PATHS__INDEX_DIR": str(settings.index_dir),
        "ASSISTANT_PATHS__MODEL_CACHE_DIR": str(settings.model_cache_dir),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "assistant.cli", "index", "--rebuild"],
        cwd=settings.home,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.time() + 120
    while time.time() < deadline and len(list(builds_dir(settings.index_dir).iterdir())) < 2:
        time.sleep(0.2)
    time.sleep(2)  # let it write part of the new build
    assert proc.poll() is None, "the rebuild finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert (settings.index_dir / POINTER).read_text(encoding="utf-8") == before
    qa = Assistant.load(settings, embed_model=embed_model)
    assert qa.ask("花都区2020年地区生产总值是多少？").found
    build_index(settings, embed_model=embed_model)  # the lock was released; the leftover is cleaned
    assert len(list(builds_dir(settings.index_dir).iterdir())) == 2
