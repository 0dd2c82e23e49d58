"""store.mode = server against a real ``chroma run``: build, answer, share, survive the server going away."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import chromadb
import pytest

from assistant import Assistant, StoreUnavailableError
from assistant.index.builder import build_index
from assistant.index.store import CHROMA_DIR, current_build

pytestmark = pytest.mark.slow
QUESTION = "花都区2020年地区生产总值是多少？"


@pytest.fixture(scope="module")
def server_settings(settings, built, chroma_server, index_copy, tmp_path_factory):
    """The session's embedded index copied, then switched to the server (its vectors are carried over)."""
    local = index_copy(settings, tmp_path_factory.mktemp("server") / "index")
    store = local.store.model_copy(update={"mode": "server", "port": chroma_server.port})
    return local.model_copy(update={"store": store})


@pytest.fixture(scope="module")
def server_build(server_settings, built, embed_model):
    return build_index(server_settings, embed_model=embed_model)


def server_collections(server_settings) -> dict[str, int]:
    client = chromadb.HttpClient(host=server_settings.store.host, port=server_settings.store.port)
    return {c.name: c.count() for c in client.list_collections()}


def test_switching_to_server_carries_vectors_over_without_embedding(server_settings, server_build, built):
    assert server_build.plan.embedded_passages == 0
    assert server_build.plan.reused_passages == built.manifest.chunk_count
    assert server_build.manifest.store["mode"] == "server"
    name = server_build.manifest.store["collection"]
    assert server_collections(server_settings)[name] == built.manifest.chunk_count
    assert not (current_build(server_settings.index_dir) / CHROMA_DIR).exists(), "no local vectors"


def test_answers_through_the_server_and_a_second_process_sees_the_same_index(
    server_settings, server_build, embed_model
):
    qa = Assistant.load(server_settings, embed_model=embed_model)
    answer = qa.ask(QUESTION)
    assert answer.found and "1682.15" in answer.text
    assert qa.retrieve(QUESTION, mode="dense")[0].doc_id == "hd-digital-economy"
    env = {
        **os.environ,
        "ASSISTANT_PATHS__INDEX_DIR": str(server_settings.index_dir),
        "ASSISTANT_PATHS__MODEL_CACHE_DIR": str(server_settings.model_cache_dir),
        "ASSISTANT_STORE__MODE": "server",
        "ASSISTANT_STORE__PORT": str(server_settings.store.port),
    }
    out = subprocess.run(
        [sys.executable, "-m", "assistant.cli", "ask", QUESTION, "--json"],
        capture_output=True,
        text=True,
        env=env,
        cwd=server_settings.home,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    assert json.loads(out.stdout)["text"] == answer.text


def test_rebuilds_swap_collections_and_keep_one_previous(server_settings, server_build, embed_model):
    first = server_build.manifest.store["collection"]
    second = build_index(server_settings, embed_model=embed_model)
    third = build_index(server_settings, embed_model=embed_model)
    assert second.plan.embedded_passages == third.plan.embedded_passages == 0
    names = set(server_collections(server_settings))
    prefix = server_settings.store.collection_prefix
    assert {n for n in names if n.startswith(prefix)} == {
        second.manifest.store["collection"],
        third.manifest.store["collection"],
    }
    assert first not in names
    assert Assistant.load(server_settings, embed_model=embed_model).ask(QUESTION).found


def test_server_going_away_is_a_clear_error_and_the_same_assistant_recovers(
    server_settings, server_build, embed_model, chroma_server
):
    qa = Assistant.load(server_settings, embed_model=embed_model)
    assert qa.ask(QUESTION).found
    chroma_server.stop()
    try:
        with pytest.raises(StoreUnavailableError, match="无法连接向量库服务器") as caught:
            qa.ask(QUESTION)
        assert "chroma run" in caught.value.hint and "无需重启" in caught.value.hint
        assert qa.ask(QUESTION, mode="bm25").found, "BM25 alone needs no server"
        with pytest.raises(StoreUnavailableError):
            Assistant.load(server_settings, embed_model=embed_model)
    finally:
        chroma_server.start()
    answer = qa.ask(QUESTION)
    assert answer.found and "1682.15" in answer.text
