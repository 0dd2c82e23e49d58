"""Where built indexes live on disk, and how one is opened.

``index/builds/<name>/`` holds complete builds (Chroma data, BM25 arrays, passages, manifest);
``index/CURRENT`` names the one in use. A build is written beside the current one and becomes
current by an atomic rename of ``CURRENT``, so a crash mid-build leaves the old index answering.

With ``store.mode = "server"`` the vectors live in a Chroma server instead, one collection per
build (``<prefix>-<build name>``); everything else stays in the build directory, so the swap is
still the rename of ``CURRENT`` and every process sharing the index directory sees the same index.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import chromadb
import httpx
import numpy as np
from chromadb.api.models.Collection import Collection
from chromadb.config import Settings as ChromaSettings
from llama_index.core.schema import TextNode
from llama_index.vector_stores.chroma import ChromaVectorStore

from assistant.errors import IndexMissingError, StoreUnavailableError
from assistant.index.manifest import MANIFEST_NAME, REBUILD_HINT
from assistant.settings import StoreSettings

log = logging.getLogger(__name__)

COLLECTION = "passages"
POINTER = "CURRENT"
PASSAGES_FILE = "passages.jsonl"
BM25_DIR = "bm25"
CHROMA_DIR = "chroma"
TEXTS_DIR = "documents"
VECTORS_FILE = "vectors.npy"


def builds_dir(index_dir: Path) -> Path:
    return index_dir / "builds"


def current_build(index_dir: Path) -> Path:
    """The build in use; raises ``IndexMissingError`` (with the command to run) if there is none."""
    pointer = index_dir / POINTER
    if not pointer.is_file():
        raise IndexMissingError(f"尚未建立索引（{index_dir} 中没有可用的索引）。", REBUILD_HINT)
    build = builds_dir(index_dir) / pointer.read_text(encoding="utf-8").strip()
    if not (build / MANIFEST_NAME).is_file():
        raise IndexMissingError(f"索引 {build.name} 不完整或已被删除。", REBUILD_HINT)
    return build


def publish(index_dir: Path, build: Path) -> None:
    """Make ``build`` current atomically, then remove builds older than the previous one.

    The previous build is kept because a running server may still be reading it; unfinished
    builds left by a killed process are removed too.
    """
    pointer = index_dir / POINTER
    previous = pointer.read_text(encoding="utf-8").strip() if pointer.is_file() else ""
    tmp = index_dir / f".{POINTER}.tmp"
    tmp.write_text(build.name, encoding="utf-8")
    os.replace(tmp, pointer)
    for other in builds_dir(index_dir).iterdir():
        if other.name not in (build.name, previous):
            shutil.rmtree(other, ignore_errors=True)


@contextmanager
def store_errors(store: StoreSettings) -> Iterator[None]:
    """Turn a Chroma server that cannot be reached into a ``StoreUnavailableError``.

    ``HttpClient`` raises ``ValueError`` when it cannot connect at creation, and httpx transport
    errors on later requests; the client reconnects by itself once the server is back.
    """
    try:
        yield
    except httpx.TransportError as exc:
        raise _unavailable(store, exc) from exc
    except ValueError as exc:
        if "Could not connect" not in str(exc):
            raise
        raise _unavailable(store, exc) from exc


def _unavailable(store: StoreSettings, exc: Exception) -> StoreUnavailableError:
    scheme = "https" if store.ssl else "http"
    return StoreUnavailableError(
        f"无法连接向量库服务器 {scheme}://{store.host}:{store.port}（{type(exc).__name__}）。",
        "请确认 Chroma 服务器（chroma run）正在运行、地址与端口设置正确；"
        "服务器恢复后直接重试即可，无需重启本程序。",
    )


def collection_name(store: StoreSettings, build: Path) -> str:
    """The collection holding ``build``'s vectors: fixed inside a build's own files, per build on a server."""
    return f"{store.collection_prefix}-{build.name}" if store.mode == "server" else COLLECTION


def chroma_client(store: StoreSettings, build: Path, mode: str | None = None) -> chromadb.ClientAPI:
    """The client for ``build``'s vectors; ``mode`` (from an older build's manifest) overrides the setting."""
    telemetry = ChromaSettings(anonymized_telemetry=False)
    if (mode or store.mode) == "server":
        with store_errors(store):
            return chromadb.HttpClient(
                host=store.host, port=store.port, ssl=store.ssl, headers=store.headers, settings=telemetry
            )
    return chromadb.PersistentClient(path=str(build / CHROMA_DIR), settings=telemetry)


def open_collection(
    store: StoreSettings, build: Path, name: str, mode: str | None = None, create: bool = False
) -> Collection:
    client = chroma_client(store, build, mode)
    try:
        with store_errors(store):
            if create:
                return client.get_or_create_collection(name, metadata={"hnsw:space": "cosine"})
            return client.get_collection(name)
    except StoreUnavailableError:
        raise
    except Exception as exc:  # chromadb raises several types for a missing or damaged collection
        raise IndexMissingError(f"向量库损坏或缺失：{exc}", REBUILD_HINT) from exc


def open_vector_store(
    store: StoreSettings, build: Path, name: str, mode: str | None = None, create: bool = False
) -> ChromaVectorStore:
    return ChromaVectorStore(chroma_collection=open_collection(store, build, name, mode, create))


def add_nodes(vector_store: ChromaVectorStore, nodes: list[TextNode], batch: int) -> None:
    """Add embedded ``nodes`` in batches: Chroma refuses one add larger than its max batch size
    (5,461 here), which a corpus of a few dozen plans exceeds."""
    for i in range(0, len(nodes), batch):
        vector_store.add(nodes[i : i + batch])


def drop_server_collections(store: StoreSettings, index_dir: Path) -> list[str]:
    """Delete this deployment's server collections whose build directory is gone (after a swap or a
    failed build); returns their names. Collections of other prefixes are left alone."""
    if store.mode != "server":
        return []
    kept = {collection_name(store, b) for b in builds_dir(index_dir).iterdir()}
    client = chroma_client(store, index_dir)
    dropped = []
    with store_errors(store):
        for collection in client.list_collections():
            name = collection.name
            if name.startswith(f"{store.collection_prefix}-") and name not in kept:
                client.delete_collection(name)
                dropped.append(name)
    return dropped


def save_passages(build: Path, nodes: list[TextNode]) -> None:
    with (build / PASSAGES_FILE).open("w", encoding="utf-8") as f:
        for node in nodes:
            f.write(
                json.dumps(
                    {"id": node.node_id, "text": node.text, "metadata": node.metadata}, ensure_ascii=False
                )
            )
            f.write("\n")


def load_passages(build: Path) -> list[TextNode]:
    from assistant.ingest.chunking import passage_node

    path = build / PASSAGES_FILE
    try:
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        return [passage_node(r["id"], r["text"], r["metadata"]) for r in rows]
    except (OSError, ValueError, KeyError) as exc:
        raise IndexMissingError(f"索引中的段落文件损坏：{exc}", REBUILD_HINT) from exc


def save_document_texts(build: Path, texts: dict[str, str]) -> None:
    """The cleaned text of every document: citations index into it, the page shows it."""
    (build / TEXTS_DIR).mkdir()
    for doc_id, text in texts.items():
        (build / TEXTS_DIR / f"{doc_id}.txt").write_text(text, encoding="utf-8")


def load_document_text(build: Path, doc_id: str) -> str:
    return (build / TEXTS_DIR / f"{doc_id}.txt").read_text(encoding="utf-8")


def save_vectors(build: Path, nodes: list[TextNode]) -> None:
    """Every passage's vector as embedded, in ``passages.jsonl`` order: the next build reuses them.

    Kept beside Chroma because a cosine collection hands back vectors re-scaled from their unit
    form (1 ulp off), so copying through it would drift a little with every build.
    """
    np.save(build / VECTORS_FILE, np.asarray([n.embedding for n in nodes], dtype=np.float32))


def load_vectors(build: Path) -> np.ndarray | None:
    """The matrix written by ``save_vectors``, or None for a build made before it existed."""
    path = build / VECTORS_FILE
    return np.load(path) if path.is_file() else None
