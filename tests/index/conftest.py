"""A real ``chroma run`` server as a subprocess, and index copies pointed at a server or a corpus copy."""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from ports import free_port

READY_SECONDS = 60


def chroma_executable() -> str:
    """The ``chroma`` console script installed with chromadb next to this Python."""
    local = Path(sys.executable).parent / "chroma"
    found = str(local) if local.is_file() else shutil.which("chroma")
    if not found:
        pytest.fail("chromadb's `chroma` command is not installed next to the test interpreter")
    return found


class ChromaServer:
    """``chroma run --path <dir> --host 127.0.0.1 --port <port>``; stop and start keep path and port."""

    def __init__(self, path: Path, port: int) -> None:
        self.path, self.port = path, port
        self.host = "127.0.0.1"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = path.parent / f"chroma-{port}.log"

    def start(self) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaSettings

        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    chroma_executable(),
                    "run",
                    "--path",
                    str(self.path),
                    "--host",
                    self.host,
                    "--port",
                    str(self.port),
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + READY_SECONDS
        while True:
            if self.proc.poll() is not None:
                pytest.fail(f"chroma run exited with {self.proc.returncode}: {self.log.read_text()[-2000:]}")
            try:
                client = chromadb.HttpClient(
                    host=self.host, port=self.port, settings=ChromaSettings(anonymized_telemetry=False)
                )
                client.heartbeat()
                return
            except Exception:
                if time.monotonic() > deadline:
                    self.stop()
                    pytest.fail(
                        f"chroma run not ready after {READY_SECONDS} s: {self.log.read_text()[-2000:]}"
                    )
                time.sleep(0.2)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(timeout=30)
        self.proc = None


@pytest.fixture(scope="module")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[ChromaServer]:
    server = ChromaServer(tmp_path_factory.mktemp("chroma") / "data", free_port())
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="session")
def index_copy():
    """Makes ``settings`` over a copy of its built index (without the lock file), with other paths too."""

    def copy(settings, target: Path, **paths):
        shutil.copytree(settings.index_dir, target, ignore=shutil.ignore_patterns(".lock"))
        return settings.model_copy(
            update={"paths": settings.paths.model_copy(update={"index_dir": target, **paths})}
        )

    return copy
