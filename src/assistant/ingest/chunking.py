"""Split cleaned documents into passages that respect sections and Chinese sentences.

A llama-index ``NodeParser`` so it runs inside the ``IngestionPipeline``; its own splitters cut by
tokens and NLTK sentences, cross headings freely and lose the section path, which the eval showed
to be the strongest ranking signal on these plans.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from llama_index.core.node_parser.interface import NodeParser
from llama_index.core.schema import (
    BaseNode,
    Document,
    MetadataMode,
    NodeRelationship,
    RelatedNodeInfo,
    TextNode,
)
from pydantic import Field

from assistant.ingest.cleaning import SECTION_SEPARATOR
from assistant.ingest.sentences import split_long, split_sentences

BLOCKS_KEY = "blocks"
NODE_FIELDS = ("doc_id", "title", "short_name", "section", "sections", "start", "end", "order")
EMBED_FIELDS = ("title", "section")


class ChineseSectionSplitter(NodeParser):
    """Pack whole sentences (and heading lines) into passages of at most ``max_chars`` characters.

    ``boundary="top"`` lets a passage run on across sub-headings but never across a top-level
    section, and prefers to start a new passage at a heading once it holds ``min_chars``;
    ``boundary="heading"`` never crosses any heading. Heading lines are part of the passage text,
    so lists of headings (原则, 定位, 任务) can be retrieved and quoted.
    """

    max_chars: int = Field(default=500, gt=50)
    min_chars: int = Field(default=200, ge=0)
    overlap_sentences: int = Field(default=1, ge=0)
    boundary: Literal["top", "heading"] = "top"
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
        nodes = []
        for order, chunk in enumerate(self._chunks(text, meta[BLOCKS_KEY])):
            metadata = {
                "doc_id": meta["doc_id"],
                "title": meta["title"],
                "short_name": meta["short_name"],
                "section": chunk[0].section,
                "sections": section_changes(chunk),
                "start": chunk[0].start,
                "end": chunk[-1].end,
                "order": order,
            }
            node = passage_node(
                f"{meta['doc_id']}:{order:05d}", text[chunk[0].start : chunk[-1].end], metadata
            )
            if isinstance(doc, Document):
                # Without the document's metadata: its block table, copied onto every passage, made
                # Chroma's store ~130 KB per passage (250 MB for five documents) and slow to open.
                node.relationships[NodeRelationship.SOURCE] = RelatedNodeInfo(
                    node_id=doc.node_id, node_type=doc.get_type(), hash=doc.hash
                )
            nodes.append(node)
        return nodes

    def _chunks(self, text: str, blocks: list[list[Any]]) -> list[list[_Unit]]:
        chunks: list[list[_Unit]] = []
        for run in self._runs(text, blocks):
            current: list[_Unit] = []
            for unit in run:
                size = unit.end - current[0].start if current else 0
                if current and (size > self.max_chars or (unit.heading and self._filled(current))):
                    chunks.append(current)
                    keep = (
                        []
                        if unit.heading
                        else [u for u in current[-self.overlap_sentences :] if not u.heading]
                    )
                    current = (
                        keep
                        if self.overlap_sentences and keep and unit.end - keep[0].start <= self.max_chars
                        else []
                    )
                current.append(unit)
            if current:
                chunks.append(current)
        return chunks

    def _filled(self, units: list[_Unit]) -> bool:
        return units[-1].end - units[0].start >= self.min_chars and not units[-1].heading

    def _runs(self, text: str, blocks: list[list[Any]]) -> list[list[_Unit]]:
        """Units (sentences, heading lines) grouped by the section a passage may not cross."""
        runs: list[list[_Unit]] = []
        last_key: str | None = None
        for kind, start, end, section in blocks:
            key = section if self.boundary == "heading" else section.split(SECTION_SEPARATOR)[0]
            if key != last_key or not runs or (kind == "heading" and self.boundary == "heading"):
                runs.append([])
                last_key = key
            if kind == "heading":
                runs[-1].append(_Unit(start, end, section, heading=True))
                continue
            for sentence in split_sentences(text, start, end):
                for piece in split_long(text, sentence, self.max_chars):
                    runs[-1].append(_Unit(piece.start, piece.end, section))
        return [r for r in runs if r]


def section_changes(chunk: Sequence[_Unit]) -> str:
    """Where the section changes inside a passage, as JSON ``[[offset, section], ...]`` (offsets
    from the passage start), or "" when it has one section. A passage may run on across
    sub-headings; a sentence's citation must name the heading it sits under, not the passage's first."""
    changes: list[list[Any]] = []
    for unit in chunk[1:]:
        if unit.section != (changes[-1][1] if changes else chunk[0].section):
            changes.append([unit.start - chunk[0].start, unit.section])
    return json.dumps(changes, ensure_ascii=False) if changes else ""


@dataclass(frozen=True)
class _Unit:
    start: int
    end: int
    section: str
    heading: bool = False


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
