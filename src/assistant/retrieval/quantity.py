"""Prefer passages that state the quantity a how-many question asks for.

A case study in the Guangdong guide spreads over several passages that share its title (背景,
做法, 成效); "有多少户" should rank the part that says "300 万户" first. A node postprocessor, so it
composes with llama-index retrievers; it only reorders the top ``depth`` fused candidates.
"""

from __future__ import annotations

from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import NodeWithScore, QueryBundle
from pydantic import Field

from assistant.question import asked_unit, has_quantity


class AskedQuantityBoost(BaseNodePostprocessor):
    bonus: float = Field(default=0.3, description="added to the candidate's score relative to the best")
    depth: int = 10

    @classmethod
    def class_name(cls) -> str:
        return "AskedQuantityBoost"

    def _postprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        unit = asked_unit(query_bundle.query_str) if query_bundle else ""
        if not unit or not nodes:
            return nodes
        top = max(n.score or 0.0 for n in nodes) or 1.0
        head = [
            NodeWithScore(
                node=n.node,
                score=(n.score or 0.0) / top
                + (self.bonus if has_quantity(n.node.get_content().replace(" ", ""), unit) else 0),
            )
            for n in nodes[: self.depth]
        ]
        head.sort(key=lambda n: n.score or 0.0, reverse=True)
        return head + nodes[self.depth :]
