"""Split cleaned documents into passages that respect sections and Chinese sentences.

A llama-index ``NodeParser`` so it runs inside the ``IngestionPipeline``; its own splitters cut by
tokens and NLTK sentences, cross headings freely and lose the section path, which the eval showed
to be the strongest ranking signal on these plans.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from llama_index.core.node_parser.interface import NodeParser
from llama_index.core.schema import BaseNode, Document, MetadataMode, NodeRelationship, TextNode
from pydantic import Field

from assistant.ingest.cleaning import SECTION_SEPARATOR
from assistant.ingest.sentences import Span, split_long, split_sentences

BLOCKS_KEY = "blocks"
NODE_FIELDS = ("doc_id", "title", "short_name", "section", "start", "end", "order")
EMBED_FIELDS = ("title", "section")


class ChineseSectionSplitter(NodeParser):
    """Pack whole sentences of one section into passages of at most ``max_chars`` characters."""

    max_chars: int = Field(default=500, gt=50)
    overlap_sentences: int = Field(default=1, ge=0)
    include_metadata: bool = False  # the document's block table must not be copied onto nodes

    def _parse_nodes(
        self, nodes: Sequence[BaseNode], show_progress: bool = False, **_: Any
    ) -> list[BaseNode]:
        out: list[BaseNode] = []
        for doc in nodes:
            out.extend(self.split_document(doc))
        return out

    def split_document(self, doc: BaseNode) -> list[TextNode]:
        text = doc.get_content(MetadataMode.NONE)
        meta = doc.metadata
        chunks: list[tuple[Span, str]] = []
        for section, start, end in _section_runs(meta[BLOCKS_KEY]):
            for span in self._pack(text, start, end):
                chunks.append((span, section))
        nodes = []
        for order, (span, section) in enumerate(chunks):
            metadata = {
                "doc_id": meta["doc_id"],
                "title": meta["title"],
                "short_name": meta["short_name"],
                "section": section,
                "start": span.start,
                "end": span.end,
                "order": order,
            }
            node = passage_node(f"{meta['doc_id']}:{order:05d}", text[span.start : span.end], metadata)
            if isinstance(doc, Document):
                node.relationships[NodeRelationship.SOURCE] = doc.as_related_node_info()
            nodes.append(node)
        return nodes

    def _pack(self, text: str, start: int, end: int) -> list[Span]:
        sentences = [
            piece for s in split_sentences(text, start, end) for piece in split_long(text, s, self.max_chars)
        ]
        chunks: list[Span] = []
        i = 0
        while i < len(sentences):
            j = i + 1
            while j < len(sentences) and sentences[j].end - sentences[i].start <= self.max_chars:
                j += 1
            chunks.append(Span(sentences[i].start, sentences[j - 1].end))
            if j >= len(sentences):
                break
            i = max(j - self.overlap_sentences, i + 1)
        return chunks


def _section_runs(blocks: list[list[Any]]) -> list[tuple[str, int, int]]:
    """Maximal runs of consecutive body blocks (text and notes) under the same section path."""
    runs: list[tuple[str, int, int]] = []
    for kind, start, end, section in blocks:
        if kind == "heading":
            runs.append(("", -1, -1))  # a heading always ends the run
            continue
        if runs and runs[-1][0] == section and runs[-1][1] >= 0:
            runs[-1] = (section, runs[-1][1], end)
        else:
            runs.append((section, start, end))
    return [r for r in runs if r[1] >= 0]


def passage_node(node_id: str, text: str, metadata: dict[str, Any]) -> TextNode:
    """A passage node whose embedded/BM25 text is ``title › section`` then the passage itself."""
    excluded = [k for k in NODE_FIELDS if k not in EMBED_FIELDS]
    return TextNode(
        id_=node_id,
        text=text,
        metadata=metadata,
        excluded_embed_metadata_keys=excluded,
        excluded_llm_metadata_keys=excluded,
        metadata_template="{value}",
        metadata_separator=SECTION_SEPARATOR,
        text_template="{metadata_str}\n{content}",
        start_char_idx=metadata["start"],
        end_char_idx=metadata["end"],
    )
