"""Dense + BM25 retrieval fused by llama-index's ``QueryFusionRetriever``, with a document filter.

Relative-score fusion with BM25 weighted 2:1 beat reciprocal-rank fusion on the eval set
(``python eval/tune_fusion.py``; figures in eval/README.md).
"""

from __future__ import annotations

from collections.abc import Sequence

from llama_index.core import VectorStoreIndex
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.callbacks import CallbackManager
from llama_index.core.llms import MockLLM
from llama_index.core.retrievers import QueryFusionRetriever
from llama_index.core.schema import NodeWithScore, QueryBundle
from llama_index.core.vector_stores import FilterOperator, MetadataFilter, MetadataFilters

from assistant.retrieval.bm25 import JiebaBM25Retriever
from assistant.retrieval.count_cue import CountCueBoost
from assistant.retrieval.definition_cue import DefinitionBoost
from assistant.retrieval.head_boost import HeadBoost
from assistant.retrieval.label_cue import RunInLabelBoost
from assistant.retrieval.named_documents import DocumentNames, NamedDocumentBoost
from assistant.retrieval.preamble import PreamblePenalty
from assistant.retrieval.quantity import AskedQuantityBoost
from assistant.retrieval.scope_cue import ScopePenalty
from assistant.retrieval.section_cue import SectionCueBoost
from assistant.retrieval.series import SeriesBoost
from assistant.retrieval.tables import TablePenalty
from assistant.settings import RetrievalSettings


class HybridSearch:
    """Builds the retriever for one query: ``bm25``, ``dense`` or their RRF fusion (``hybrid``)."""

    def __init__(
        self, index: VectorStoreIndex, bm25: JiebaBM25Retriever, settings: RetrievalSettings
    ) -> None:
        self.index = index
        self.settings = settings
        # One callback manager for every retriever, traced per query: outside a trace llama-index
        # appends each event id to a "root" list that is never cleared (~4 ids per question).
        self.callbacks = CallbackManager()
        self.bm25 = bm25.configured(bm25.top_k, bm25.documents)
        self.bm25.callback_manager = self.callbacks
        self.names = DocumentNames.from_nodes(bm25.nodes)
        self.boosts: list[HeadBoost] = [
            b
            for b in (
                ScopePenalty(bonus=-settings.scope_penalty),
                PreamblePenalty.from_nodes(bm25.nodes, bonus=-settings.preamble_penalty),
                NamedDocumentBoost(bonus=settings.named_document_boost, names=self.names),
                RunInLabelBoost(bonus=settings.label_cue_boost),
                AskedQuantityBoost(bonus=settings.quantity_boost),
                SeriesBoost(bonus=settings.series_boost),
                SectionCueBoost(bonus=settings.section_cue_boost, table_bonus=settings.table_cue_boost),
                CountCueBoost(bonus=settings.count_cue_boost),
                DefinitionBoost(bonus=settings.definition_boost, nodes=list(bm25.nodes)),
            )
            if b.bonus
        ]
        if settings.table_factor != 1.0:  # first, so the named documents' leads stay on top
            self.boosts.insert(0, TablePenalty(factor=settings.table_factor))

    def retrieve(
        self, query: str, top_k: int, documents: Sequence[str] | None = None, mode: str | None = None
    ) -> list[NodeWithScore]:
        mode = mode or self.settings.mode
        boosts = self.boosts if mode == "hybrid" else []
        depth = max(top_k, *(b.depth for b in boosts)) if boosts else top_k
        with self.callbacks.as_trace("retrieve"):
            nodes = self.retriever(depth, documents, mode).retrieve(QueryBundle(query))
        for boost in boosts:
            nodes = boost.postprocess_nodes(nodes, query_str=query)
        return nodes[:top_k]

    def retriever(self, top_k: int, documents: Sequence[str] | None, mode: str) -> BaseRetriever:
        depth = max(self.settings.candidates, top_k)
        bm25 = self.bm25.configured(depth if mode == "hybrid" else top_k, documents)
        filters = None
        if documents is not None:
            filters = MetadataFilters(
                filters=[MetadataFilter(key="doc_id", value=list(documents), operator=FilterOperator.IN)]
            )
        dense = self.index.as_retriever(
            similarity_top_k=depth if mode == "hybrid" else top_k, filters=filters
        )
        dense.callback_manager = self.callbacks
        if mode == "bm25":
            return bm25
        if mode == "dense":
            return dense
        return QueryFusionRetriever(
            [dense, bm25],
            llm=MockLLM(),
            mode=self.settings.fusion,
            retriever_weights=[1.0, self.settings.bm25_weight],
            num_queries=1,
            use_async=False,
            similarity_top_k=top_k,
            callback_manager=self.callbacks,
        )
