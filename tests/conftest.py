"""Shared fixtures. The slow ones build a real index of the real corpus with the real model, once."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory):
    from assistant.settings import Settings

    index_dir = tmp_path_factory.mktemp("index")
    return Settings(home=ROOT, paths={"index_dir": index_dir, "model_cache_dir": ROOT / ".cache/models"})


@pytest.fixture(scope="session")
def embed_model(settings):
    from assistant.embeddings.model import load_embedding

    return load_embedding(settings)


@pytest.fixture(scope="session")
def built(settings, embed_model):
    from assistant.index.builder import build_index

    return build_index(settings, embed_model=embed_model)


@pytest.fixture(scope="session")
def qa(settings, built, embed_model):
    from assistant import Assistant

    return Assistant.load(settings, embed_model=embed_model)


def _llm_problem(path: Path) -> str:
    try:
        import llama_cpp  # noqa: F401
    except ImportError:
        return "llama-cpp-python is not installed"
    return "" if path.is_file() else f"no model at {path}"


@pytest.fixture(scope="session")
def gguf_model() -> Path:
    """The 0.5B GGUF that `scripts/install.sh --with-llm` puts in the model cache.

    Missing model or llama-cpp-python fails the llm tests (CI installs both); a developer without
    them opts out explicitly with ASSISTANT_TEST_LLM=0.
    """
    import os

    from assistant.answering.gguf import resolve_model

    path = resolve_model("qwen2.5-coder-0.5b", ROOT / ".cache/models")
    problem = _llm_problem(path)
    if problem:
        if os.environ.get("ASSISTANT_TEST_LLM") == "0":
            pytest.skip(f"{problem} (ASSISTANT_TEST_LLM=0)")
        pytest.fail(f"{problem}: run `bash scripts/install.sh --with-llm`, or ASSISTANT_TEST_LLM=0 to skip")
    return path


@pytest.fixture(scope="session")
def llm_qa(qa, gguf_model):
    """The session's assistant answering with the local model in-process (loaded once)."""
    from assistant.evaluation.harness import with_backend

    return with_backend(qa, "llama_cpp", model_path=str(gguf_model))


class _EchoingFailure(BaseHTTPRequestHandler):
    """Answers every request with HTTP 500, echoing the request headers (the key) as some proxies do."""

    def do_POST(self) -> None:  # noqa: N802
        body = json.dumps({"error": {"message": f"upstream failed; headers: {dict(self.headers)}"}}).encode()
        self.send_response(500)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def echoing_endpoint() -> Iterator[str]:
    """Base URL of a real local HTTP endpoint that fails every call and echoes the request headers."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _EchoingFailure)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/v1"
    finally:
        server.shutdown()
        server.server_close()
