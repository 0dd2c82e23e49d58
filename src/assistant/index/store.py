"""Where built indexes live on disk, and how one is opened.

``index/builds/<name>/`` holds complete builds (Chroma data, BM25 arrays, passages, manifest);
``index/CURRENT`` names the one in use. A build is written beside the current one and becomes
current by an atomic rename of ``CURRENT``, so a crash mid-build leaves the old index answering.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import chromadb
from chromadb.config import Settings as ChromaSettings
from llama_index.core.schema import TextNode
from llama_index.vector_stores.chroma import ChromaVectorStore

from assistant.errors import IndexMissingError
from assistant.index.manifest import MANIFEST_NAME, REBUILD_HINT

COLLECTION = "passages"
POINTER = "CURRENT"
PASSAGES_FILE = "passages.jsonl"
BM25_DIR = "bm25"
CHROMA_DIR = "chroma"
TEXTS_DIR = "documents"


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


def chroma_client(path: Path) -> chromadb.ClientAPI:
    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def open_vector_store(build: Path, create: bool = False) -> ChromaVectorStore:
    client = chroma_client(build / CHROMA_DIR)
    try:
        if create:
            collection = client.get_or_create_collection(COLLECTION, metadata={"hnsw:space": "cosine"})
        else:
            collection = client.get_collection(COLLECTION)
    except Exception as exc:  # chromadb raises several types for a missing or damaged collection
        raise IndexMissingError(f"向量库损坏或缺失：{exc}", REBUILD_HINT) from exc
    return ChromaVectorStore(chroma_collection=collection)


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
