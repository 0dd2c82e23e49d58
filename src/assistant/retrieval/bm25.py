"""BM25 over jieba tokens, as a llama-index retriever.

llama-index's ``BM25Retriever`` tokenizes with an English stemmer and splits on whitespace, so a
Chinese sentence becomes one token; this one tokenizes with jieba and persists next to the index.
"""

from __future__ import annotations

import copy
import json
import logging
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import MetadataMode, NodeWithScore, QueryBundle, TextNode

from assistant.retrieval.tokenize import query_tokens, tokenize

_IDS_FILE = "node_ids.json"
logging.getLogger("bm25s").setLevel(logging.WARNING)  # it logs every index build at DEBUG to stderr


class JiebaBM25Retriever(BaseRetriever):
    def __init__(
        self,
        model: bm25s.BM25,
        nodes: Sequence[TextNode],
        top_k: int = 50,
        documents: Sequence[str] | None = None,
    ) -> None:
        super().__init__()
        self._model = model
        self._nodes = list(nodes)
        self._vocab: dict[str, int] = model.vocab_dict
        self._doc_ids = np.array([n.metadata["doc_id"] for n in self._nodes])
        self.top_k = top_k
        self.documents = list(documents) if documents is not None else None

    @property
    def nodes(self) -> list[TextNode]:
        """Every indexed passage, in index order."""
        return self._nodes

    def configured(self, top_k: int, documents: Sequence[str] | None = None) -> JiebaBM25Retriever:
        """A retriever over the same index with another depth or document filter.

        A shallow copy: the model, node list and doc-id array are shared, not rebuilt per query.
        """
        other = copy.copy(self)
        other.top_k = top_k
        other.documents = list(documents) if documents is not None else None
        return other

    @classmethod
    def from_nodes(cls, nodes: Sequence[TextNode], top_k: int = 50) -> JiebaBM25Retriever:
        model = bm25s.BM25(k1=0.9, b=0.5)  # tuned on the eval sets (eval/README.md, experiments 5 and 99)
        corpus = [tokenize(n.get_content(MetadataMode.EMBED)) or ["∅"] for n in nodes]
        model.index(corpus, show_progress=False)
        return cls(model, nodes, top_k)

    def save(self, directory: Path) -> None:
        self._model.save(str(directory), show_progress=False)
        (directory / _IDS_FILE).write_text(json.dumps([n.node_id for n in self._nodes]), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, nodes_by_id: dict[str, TextNode], top_k: int = 50) -> JiebaBM25Retriever:
        model = bm25s.BM25.load(str(directory), show_progress=False)
        ids = json.loads((directory / _IDS_FILE).read_text(encoding="utf-8"))
        return cls(model, [nodes_by_id[i] for i in ids], top_k)

    def document_share(self, word: str) -> float | None:
        """Share of passages containing ``word`` as a token; None when no passage does."""
        token = self._vocab.get(word.lower())
        if token is None:
            return None
        indptr = self._model.scores["indptr"]
        return float(indptr[token + 1] - indptr[token]) / max(1, len(self._nodes))

    def scores(self, query: str) -> np.ndarray:
        """BM25 score of every passage for ``query`` (zeros when no query token is in the vocabulary)."""
        ids = [self._vocab[t] for t in query_tokens(query) if t in self._vocab]
        if not ids:
            return np.zeros(len(self._nodes), dtype=np.float32)
        return self._model.get_scores(ids)

    def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
        scores = self.scores(query_bundle.query_str)
        if self.documents is not None:
            scores = np.where(np.isin(self._doc_ids, self.documents), scores, 0.0)
        k = min(self.top_k, len(scores))
        top = np.argsort(-scores, kind="stable")[:k]
        return [NodeWithScore(node=self._nodes[i], score=float(scores[i])) for i in top if scores[i] > 0]
