"""The anchor users would build themselves: LlamaIndex out of the box on the raw files.

``SimpleDirectoryReader`` → default ``SentenceSplitter`` → in-memory ``VectorStoreIndex`` with the
same embedding model; no cleaning, no section paths, no BM25. Retrieval only (it has no answerer).
"""

from __future__ import annotations

from llama_index.core import SimpleDirectoryReader, VectorStoreIndex
from llama_index.core.node_parser import SentenceSplitter

from assistant.ingest.catalog import load_catalog
from assistant.settings import Settings
from assistant.types import Passage


class OutOfTheBoxRetriever:
    def __init__(self, settings: Settings, embed_model) -> None:
        entries = load_catalog(settings.corpus_dir)
        self._by_file = {e.file: e for e in entries}
        reader = SimpleDirectoryReader(input_files=[settings.corpus_dir / e.file for e in entries])
        self._index = VectorStoreIndex.from_documents(
            reader.load_data(), embed_model=embed_model, transformations=[SentenceSplitter()]
        )

    def retrieve(self, question: str, top_k: int) -> list[Passage]:
        results = self._index.as_retriever(similarity_top_k=top_k).retrieve(question)
        passages = []
        for r in results:
            entry = self._by_file.get(r.node.metadata.get("file_name", ""))
            passages.append(
                Passage(
                    text=r.node.get_content(),
                    doc_id=entry.id if entry else "",
                    title=entry.title if entry else "",
                    section="",
                    score=float(r.score or 0.0),
                    start=r.node.start_char_idx or 0,
                    end=r.node.end_char_idx or 0,
                )
            )
        return passages
