"""Rank a city's or district's plans lower for a question about the whole province.

"全省5G网络建设按什么先后顺序推进" shares its words with a Guangzhou plan's account of the city's
5G build-out as much as with the Guangdong guide's provincial sequence; a question that names the
province (全省, 广东, 省里) and no city asks about the province, and only the guide speaks for it.
A node postprocessor, like ``TablePenalty``; it only reorders the top ``depth``.
"""

from __future__ import annotations

import re

from llama_index.core.schema import NodeWithScore
from pydantic import Field

from assistant.retrieval.head_boost import HeadBoost
from assistant.retrieval.tokenize import cities

_PROVINCE = re.compile(r"全省|广东|省里|省级")


class ProvinceScopePenalty(HeadBoost):
    bonus: float = Field(default=-0.2, description="added to a city plan's relative score (a penalty)")

    @classmethod
    def class_name(cls) -> str:
        return "ProvinceScopePenalty"

    def cue(self, question: str) -> bool:
        """The question names the province and no city or district."""
        return bool(_PROVINCE.search(question)) and not cities(question)

    def rescore(self, node: NodeWithScore, score: float, cue: bool) -> float:
        city_plan = bool(cities(str(node.node.metadata.get("title", ""))))
        return score + (self.bonus if city_plan else 0.0)
