"""Both generative backends on a real model: the 0.5B Qwen GGUF in-process (llama_cpp), and the same
model behind llama-cpp-python's own OpenAI-compatible server on 127.0.0.1 (openai), including the
server going away mid-session and coming back."""

from __future__ import annotations

import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

from assistant import Assistant
from assistant.answering.generative import NOTICE_UNAVAILABLE
from assistant.evaluation.harness import with_backend
from assistant.types import Answer

pytestmark = [pytest.mark.slow, pytest.mark.llm]

GDP = "花都区2020年地区生产总值是多少？"


class LlamaServer:
    """``python -m llama_cpp.server`` on a fixed local port, started and killed by the test."""

    def __init__(self, model: Path) -> None:
        self.model = model
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.process: subprocess.Popen | None = None
        self.log = tempfile.TemporaryFile(mode="w+")

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/v1"

    def start(self, timeout: float = 180) -> None:
        cmd = [sys.executable, "-m", "llama_cpp.server", "--model", str(self.model), "--host", "127.0.0.1"]
        cmd += ["--port", str(self.port), "--n_ctx", "4096", "--n_threads", "2", "--model_alias", "qwen"]
        # A file, not a pipe: the server logs the whole model header to stderr, and a pipe nobody
        # reads fills up and blocks it before it listens.
        self.process = subprocess.Popen(cmd, stdout=self.log, stderr=subprocess.STDOUT, text=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"llama_cpp.server exited: {self.tail()}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/models", timeout=2) as r:
                    if r.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise RuntimeError(f"llama_cpp.server did not start in time: {self.tail()}")

    def tail(self) -> str:
        self.log.flush()
        self.log.seek(0)
        return self.log.read()[-2000:]

    def kill(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def server(gguf_model: Path):
    srv = LlamaServer(gguf_model)
    srv.start()
    yield srv
    srv.kill()


def assert_generated(answer: Answer, backend: str) -> None:
    """A model answer that passed the check: not the fallback, figure copied, citation exact."""
    assert answer.backend == backend and answer.notice == "", answer
    assert answer.found and "1682.15" in answer.text
    assert any(s.verified and "1682.15" in s.figures for s in answer.sentences)
    cited = [c for c in answer.citations if "1682.15" in c.quote]
    assert cited and f"[{cited[0].n}]" in answer.text
    assert answer.passages[cited[0].passage_index].doc_id == cited[0].doc_id


def test_llama_cpp_in_process(llm_qa: Assistant) -> None:
    assert_generated(llm_qa.ask(GDP), "llama_cpp")


def test_llama_cpp_streams_pieces_then_the_checked_answer(llm_qa: Assistant) -> None:
    pieces = list(llm_qa.stream(GDP))
    text = [p for p in pieces if isinstance(p, str)]
    assert len(text) > 3 and isinstance(pieces[-1], Answer)
    assert "1682.15" in "".join(text)
    assert_generated(pieces[-1], "llama_cpp")


def test_openai_backend_against_a_real_server(qa: Assistant, server: LlamaServer) -> None:
    remote = with_backend(qa, "openai", base_url=server.base_url, model="qwen", timeout=300)
    assert_generated(remote.ask(GDP), "openai")
    pieces = list(remote.stream(GDP))
    assert len([p for p in pieces if isinstance(p, str)]) > 3
    assert_generated(pieces[-1], "openai")


def test_endpoint_going_away_degrades_then_recovers(qa: Assistant, server: LlamaServer) -> None:
    remote = with_backend(qa, "openai", base_url=server.base_url, model="qwen", timeout=300)
    assert_generated(remote.ask(GDP), "openai")
    server.kill()
    down = remote.ask(GDP)
    assert down.notice == NOTICE_UNAVAILABLE and down.backend == "extractive"
    assert down.found and "1682.15" in down.text  # the extractive answer, still cited
    streamed = list(remote.stream(GDP))
    assert streamed[-1].notice == NOTICE_UNAVAILABLE
    server.start()  # same port, same Assistant object
    assert_generated(remote.ask(GDP), "openai")
