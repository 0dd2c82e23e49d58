"""Build the index: read and clean the corpus, chunk, embed into Chroma, and write BM25 beside it."""

from __future__ import annotations

import fcntl
import logging
import shutil
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from importlib.metadata import version
from pathlib import Path

from llama_index.core.schema import MetadataMode, TextNode

from assistant.embeddings.model import resolve_dtype
from assistant.errors import AssistantError, CorpusError, IndexBusyError, IndexMissingError
from assistant.index.manifest import INDEX_FORMAT, DocumentRecord, Manifest
from assistant.index.store import (
    BM25_DIR,
    add_nodes,
    builds_dir,
    collection_name,
    current_build,
    drop_server_collections,
    load_passages,
    load_vectors,
    open_collection,
    open_vector_store,
    publish,
    save_document_texts,
    save_passages,
    save_vectors,
    store_errors,
)
from assistant.ingest.chunking import ChineseSectionSplitter
from assistant.ingest.reading import CorpusReport, file_sha256, read_corpus
from assistant.retrieval.bm25 import JiebaBM25Retriever
from assistant.settings import Settings

log = logging.getLogger(__name__)
_FETCH_BATCH = 1000


@dataclass
class BuildPlan:
    """Which documents keep their vectors from the previous build and which are embedded now."""

    reused_documents: list[str] = field(default_factory=list)
    embedded_documents: list[str] = field(default_factory=list)
    removed_documents: list[str] = field(default_factory=list)
    reused_passages: int = 0
    embedded_passages: int = 0

    def summary(self) -> str:
        """One Chinese line: what was reused, embedded and dropped."""
        parts = [f"复用 {len(self.reused_documents)} 个未变文档（{self.reused_passages} 个段落，0 次嵌入）"]
        if self.embedded_documents:
            parts.append(
                f"嵌入 {len(self.embedded_documents)} 个新增或改动的文档（{self.embedded_passages} 个段落）："
                + "、".join(self.embedded_documents)
            )
        else:
            parts.append("无需嵌入新段落")
        if self.removed_documents:
            parts.append(f"移除 {len(self.removed_documents)} 个文档：" + "、".join(self.removed_documents))
        return "，".join(parts) + "。"


@dataclass
class BuildResult:
    manifest: Manifest
    path: Path
    skipped: list[str] = field(default_factory=list)
    plan: BuildPlan = field(default_factory=BuildPlan)


def corpus_hashes(settings: Settings) -> dict[str, str]:
    """sha256 of every catalogued file present, keyed by file name (what the manifest compares)."""
    from assistant.ingest.catalog import load_catalog

    corpus = settings.corpus_dir
    return {e.file: file_sha256(corpus / e.file) for e in load_catalog(corpus) if (corpus / e.file).is_file()}


def build_index(
    settings: Settings,
    show_progress: bool = False,
    embed_model=None,
    reuse: bool = True,
    on_plan: Callable[[BuildPlan], None] | None = None,
) -> BuildResult:
    """Build a complete new index beside the current one and switch to it only when it is whole.

    With ``reuse`` a passage whose embedded text (title, section, passage) is unchanged takes its
    vector from the current build instead of being embedded again, so adding one document costs one
    document's embedding. ``on_plan`` hears what will be reused before embedding starts.
    One build at a time per index directory: a second process gets an ``IndexBusyError``.
    """
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    with build_lock(settings.index_dir):
        return _build(settings, show_progress, embed_model, reuse, on_plan)


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


def _build(
    settings: Settings,
    show_progress: bool,
    embed_model,
    reuse: bool,
    on_plan: Callable[[BuildPlan], None] | None,
) -> BuildResult:
    started = time.perf_counter()
    report = read_corpus(settings.corpus_dir)
    if not report.documents:
        raise CorpusError("语料目录中没有可建立索引的文档。", "请检查 corpus/ 与 catalog.toml。")
    build = builds_dir(settings.index_dir) / datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    build.mkdir(parents=True)
    try:
        splitter = ChineseSectionSplitter(**settings.chunking.model_dump())
        nodes: list[TextNode] = splitter.get_nodes_from_documents(report.documents)
        previous = _previous_build(settings) if reuse else None
        vectors = _reusable_vectors(settings, previous, nodes) if previous else {}
        plan = _plan(report, nodes, vectors, previous[1] if previous else None)
        if on_plan:
            on_plan(plan)
        missing = [n for n in nodes if n.node_id not in vectors]
        if missing:
            if embed_model is None:
                from assistant.embeddings.model import load_embedding

                embed_model = load_embedding(settings)
            embed_model(missing, show_progress=show_progress)
        for node in nodes:
            if node.node_id in vectors:
                node.embedding = vectors[node.node_id]
        name = collection_name(settings.store, build)
        with store_errors(settings.store):
            vector_store = open_vector_store(settings.store, build, name, create=True)
            add_nodes(vector_store, nodes, settings.store.add_batch)
        save_vectors(build, nodes)
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
            embedding_dtype=resolve_dtype(settings.embedding.dtype),
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
            store={"mode": settings.store.mode, "collection": name},
            embedded_passages=len(missing),
        )
        manifest.save(build)
    except BaseException:
        shutil.rmtree(build, ignore_errors=True)
        _drop_stale_collections(settings)
        raise
    publish(settings.index_dir, build)
    _drop_stale_collections(settings)
    return BuildResult(manifest, build, report.skipped, plan)


def _previous_build(settings: Settings) -> tuple[Path, Manifest] | None:
    """The current build, if its vectors came from the same embedding model (so they can be reused).

    Its format may be older: a vector depends only on the model and the embedded text, which
    reuse compares passage by passage."""
    try:
        path = current_build(settings.index_dir)
        manifest = Manifest.load(path)
    except IndexMissingError:
        return None
    if manifest.embedding_model != settings.embedding.model:
        return None
    return path, manifest


def _embed_key(node: TextNode) -> str:
    return node.get_content(MetadataMode.EMBED)


def _reusable_vectors(
    settings: Settings, previous: tuple[Path, Manifest], nodes: list[TextNode]
) -> dict[str, list[float]]:
    """Vectors of the previous build for every new passage whose embedded text is identical, by node id.

    Keyed by text rather than by document hash, so an edit late in a long document re-embeds only
    the passages it touched. Read from the build's ``vectors.npy``, or from its Chroma collection for
    builds older than that file; an unreadable previous store only means embedding everything again.
    """
    path, manifest = previous
    try:
        old_nodes = load_passages(path)
        old_ids = {_embed_key(n): n.node_id for n in old_nodes}
        wanted = {n.node_id: old_ids[_embed_key(n)] for n in nodes if _embed_key(n) in old_ids}
        if not wanted:
            return {}
        saved = load_vectors(path)
        if saved is not None and len(saved) == len(old_nodes):
            rows = {n.node_id: row for n, row in zip(old_nodes, saved, strict=True)}
            return {new: rows[old].tolist() for new, old in wanted.items()}
        mode = manifest.store.get("mode", "embedded")
        collection = open_collection(settings.store, path, manifest.store["collection"], mode=mode)
        old_ids_list = sorted(set(wanted.values()))
        found: dict[str, list[float]] = {}
        with store_errors(settings.store):
            for i in range(0, len(old_ids_list), _FETCH_BATCH):
                got = collection.get(ids=old_ids_list[i : i + _FETCH_BATCH], include=["embeddings"])
                found.update(zip(got["ids"], (list(map(float, e)) for e in got["embeddings"]), strict=True))
    except AssistantError as exc:
        log.warning("无法读取上一版索引的向量，将全部重新嵌入：%s", exc.message)
        return {}
    return {new: found[old] for new, old in wanted.items() if old in found}


def _plan(
    report: CorpusReport, nodes: list[TextNode], vectors: dict[str, list[float]], previous: Manifest | None
) -> BuildPlan:
    per_doc: dict[str, list[bool]] = {}
    for node in nodes:
        per_doc.setdefault(node.metadata["doc_id"], []).append(node.node_id in vectors)
    current = {d.metadata["doc_id"] for d in report.documents}
    removed = [d.doc_id for d in previous.documents if d.doc_id not in current] if previous else []
    return BuildPlan(
        reused_documents=[d for d, flags in per_doc.items() if all(flags)],
        embedded_documents=[d for d, flags in per_doc.items() if not all(flags)],
        removed_documents=removed,
        reused_passages=len(vectors),
        embedded_passages=len(nodes) - len(vectors),
    )


def _drop_stale_collections(settings: Settings) -> None:
    try:
        dropped = drop_server_collections(settings.store, settings.index_dir)
    except AssistantError as exc:
        log.warning("未能清理向量库服务器上的旧集合：%s", exc.message)
        return
    if dropped:
        log.info("dropped server collections %s", dropped)
