"""Build the index: read and clean the corpus, chunk, embed into Chroma, and write BM25 beside it."""

from __future__ import annotations

import fcntl
import logging
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from llama_index.core.ingestion import IngestionPipeline
from llama_index.core.schema import TextNode

from assistant.errors import CorpusError, IndexBusyError
from assistant.index.manifest import INDEX_FORMAT, DocumentRecord, Manifest
from assistant.index.store import (
    BM25_DIR,
    builds_dir,
    open_vector_store,
    publish,
    save_document_texts,
    save_passages,
)
from assistant.ingest.chunking import ChineseSectionSplitter
from assistant.ingest.reading import file_sha256, read_corpus
from assistant.retrieval.bm25 import JiebaBM25Retriever
from assistant.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    manifest: Manifest
    path: Path
    skipped: list[str] = field(default_factory=list)


def corpus_hashes(settings: Settings) -> dict[str, str]:
    """sha256 of every catalogued file present, keyed by file name (what the manifest compares)."""
    from assistant.ingest.catalog import load_catalog

    corpus = settings.corpus_dir
    return {e.file: file_sha256(corpus / e.file) for e in load_catalog(corpus) if (corpus / e.file).is_file()}


def build_index(settings: Settings, show_progress: bool = False, embed_model=None) -> BuildResult:
    """Build a complete new index beside the current one and switch to it only when it is whole.

    One build at a time per index directory: a second process gets an ``IndexBusyError``.
    """
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    with build_lock(settings.index_dir):
        return _build(settings, show_progress, embed_model)


@contextmanager
def build_lock(index_dir: Path) -> Iterator[None]:
    """An exclusive ``flock`` on ``index/.lock``; the kernel drops it if the process dies."""
    with (index_dir / ".lock").open("a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError as exc:
            raise IndexBusyError(
                "另一个进程正在建立索引。", "请等待它完成后再试；现有索引在此期间仍可正常使用。"
            ) from exc
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build(settings: Settings, show_progress: bool, embed_model) -> BuildResult:
    started = time.perf_counter()
    report = read_corpus(settings.corpus_dir)
    if not report.documents:
        raise CorpusError("语料目录中没有可建立索引的文档。", "请检查 corpus/ 与 catalog.toml。")
    if embed_model is None:
        from assistant.embeddings.model import load_embedding

        embed_model = load_embedding(settings)

    build = builds_dir(settings.index_dir) / datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    build.mkdir(parents=True)
    try:
        splitter = ChineseSectionSplitter(**settings.chunking.model_dump())
        pipeline = IngestionPipeline(
            transformations=[splitter, embed_model], vector_store=open_vector_store(build, create=True)
        )
        nodes: list[TextNode] = [
            n for n in pipeline.run(documents=report.documents, show_progress=show_progress)
        ]
        for node in nodes:
            node.embedding = None
        save_passages(build, nodes)
        save_document_texts(build, {d.metadata["doc_id"]: d.text for d in report.documents})
        JiebaBM25Retriever.from_nodes(nodes).save(build / BM25_DIR)
        counts: dict[str, int] = {}
        for node in nodes:
            counts[node.metadata["doc_id"]] = counts.get(node.metadata["doc_id"], 0) + 1
        manifest = Manifest(
            format=INDEX_FORMAT,
            embedding_model=settings.embedding.model,
            chunking=settings.chunking.model_dump(),
            documents=[
                DocumentRecord(
                    doc_id=d.metadata["doc_id"],
                    title=d.metadata["title"],
                    short_name=d.metadata["short_name"],
                    file=d.metadata["file"],
                    sha256=d.metadata["sha256"],
                    chunks=counts.get(d.metadata["doc_id"], 0),
                )
                for d in report.documents
            ],
            built_at=datetime.now().isoformat(timespec="seconds"),
            build_seconds=round(time.perf_counter() - started, 2),
            versions={
                p: version(p) for p in ("llama-index-core", "chromadb", "sentence-transformers", "jieba")
            },
        )
        manifest.save(build)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        raise
    publish(settings.index_dir, build)
    return BuildResult(manifest, build, report.skipped)
