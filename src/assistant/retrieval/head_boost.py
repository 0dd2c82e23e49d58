"""The shape every ranking tweak after fusion shares: re-score the head, keep the tail.

Fusion leaves scores on different scales per query, so each tweak first makes the top ``depth``
candidates' scores relative to the best (1.0), then adds its bonus (or applies its factor) and
re-sorts them; candidates below ``depth`` keep their order, and a tweak that changes no score
leaves the list as it is (re-sorting would undo the order an earlier one chose, such as each named
plan's lead). Subclasses say what the question asks for (``cue``) and how a candidate's score
changes (``rescore``), and may reorder the sorted head (``reorder``); llama-index runs them as node
postprocessors.
"""

from __future__ import annotations

from typing import Any

from llama_index.core.postprocessor.types import BaseNodePostprocessor
from llama_index.core.schema import NodeWithScore, QueryBundle
from pydantic import Field


class HeadBoost(BaseNodePostprocessor):
    bonus: float = Field(default=0.2, description="added to the candidate's score relative to the best")
    depth: int = 10

    def cue(self, question: str) -> Any:
        """What the question asks for that this boost looks for; falsy when it does not apply."""
        raise NotImplementedError

    def rescore(self, node: NodeWithScore, score: float, cue: Any) -> float:
        """The candidate's new score from its score relative to the best."""
        raise NotImplementedError

    def reorder(self, head: list[NodeWithScore], cue: Any) -> list[NodeWithScore]:
        """The re-scored head after sorting; unchanged unless a boost needs more than scores."""
        return head

    def _postprocess_nodes(
        self, nodes: list[NodeWithScore], query_bundle: QueryBundle | None = None
    ) -> list[NodeWithScore]:
        cue = self.cue(query_bundle.query_str) if query_bundle else None
        if not cue or not nodes:
            return nodes
        top = max(n.score or 0.0 for n in nodes) or 1.0
        head = nodes[: self.depth]
        relative = [(n.score or 0.0) / top for n in head]
        rescored = [self.rescore(n, r, cue) for n, r in zip(head, relative, strict=True)]
        if rescored == relative:  # nothing matched: keep the order earlier boosts chose
            return nodes
        head = [NodeWithScore(node=n.node, score=s) for n, s in zip(head, rescored, strict=True)]
        head.sort(key=lambda n: n.score or 0.0, reverse=True)
        return self.reorder(head, cue) + nodes[self.depth :]
