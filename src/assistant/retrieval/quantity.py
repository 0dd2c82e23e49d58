"""Prefer passages that state the quantity a how-many question asks for, or a date for a when-question.

A case study in the Guangdong guide spreads over several passages that share its title (背景,
做法, 成效); "有多少户" should rank the part that says "300 万户" first. A node postprocessor, so it
composes with llama-index retrievers; it only reorders the top ``depth`` fused candidates.
"""

from __future__ import annotations

from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import NodeWithScore, QueryBundle
from pydantic import Field

from assistant.question import ASKS_DATE, DATE, asked_unit, has_quantity


class AskedQuantityBoost(BaseNodePostprocessor):
    bonus: float = Field(default=0.3, description="added to the candidate's score relative to the best")
    depth: int = 10

    @classmethod
    def class_name(cls) -> str:
        return "AskedQuantityBoost"

    def _postprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        question = query_bundle.query_str if query_bundle else ""
        unit = asked_unit(question)
        wants_date = ASKS_DATE.search(question) is not None
        if not (unit or wants_date) or not nodes:
            return nodes

        def states(text: str) -> bool:
            return has_quantity(text, unit) if unit else DATE.search(text) is not None

        top = max(n.score or 0.0 for n in nodes) or 1.0
        head = [
            NodeWithScore(
                node=n.node,
                score=(n.score or 0.0) / top
                + (self.bonus if states(n.node.get_content().replace(" ", "")) else 0),
            )
            for n in nodes[: self.depth]
        ]
        head.sort(key=lambda n: n.score or 0.0, reverse=True)
        return head + nodes[self.depth :]
