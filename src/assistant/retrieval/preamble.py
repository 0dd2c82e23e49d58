"""Rank a document's preamble lower unless the question is about the document itself.

The text before a plan's first heading (the notice issuing it, 各区人民政府…现将《…》印发给你们;
a cover line; an untitled foreword) repeats the plan's full title and topic words, so it ranks
high for any question that names the plan, yet it holds none of the plan's targets or measures:
"试验区产业导则和三年行动计划对试验区的范围和地位描述一致吗" ranked the issuing notice above
第一章. Questions about the document itself (印发, 文号, 依据, 制定) keep it, and so does a
document with no headings at all (a plain note a user added), where every passage is "before the
first heading". A node postprocessor, like ``ScopePenalty``, run before ``NamedDocumentBoost`` so a
named plan's lead is a real passage.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from llama_index.core.schema import BaseNode, NodeWithScore
from pydantic import Field

from assistant.retrieval.head_boost import HeadBoost

_ABOUT_THE_DOCUMENT = re.compile(r"印发|发文|文号|发布|出台|哪天|日期|什么时候|依据|制定|解释|目的")


class PreamblePenalty(HeadBoost):
    bonus: float = Field(default=-0.2, description="added to a preamble passage's relative score (a penalty)")
    headed: frozenset[str] = Field(default=frozenset(), description="ids of documents that have headings")

    @classmethod
    def from_nodes(cls, nodes: Iterable[BaseNode], bonus: float) -> PreamblePenalty:
        headed = {str(n.metadata.get("doc_id", "")) for n in nodes if _section(n)}
        return cls(bonus=bonus, headed=frozenset(headed))

    @classmethod
    def class_name(cls) -> str:
        return "PreamblePenalty"

    def cue(self, question: str) -> bool:
        return not _ABOUT_THE_DOCUMENT.search(question)

    def rescore(self, node: NodeWithScore, score: float, cue: bool) -> float:
        preamble = not _section(node.node) and node.node.metadata.get("doc_id") in self.headed
        return score + (self.bonus if preamble else 0.0)


def _section(node: BaseNode) -> str:
    return str(node.metadata.get("section", "")).strip()
