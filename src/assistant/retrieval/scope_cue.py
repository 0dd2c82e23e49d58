"""Rank narrower plans lower for a question about a wider place: the province or a whole city.

"全省5G网络建设按什么先后顺序推进" shares its words with a Guangzhou plan's account of the city's
5G build-out as much as with the Guangdong guide's provincial sequence; a question that names the
province (全省, 广东, 省里) and no city asks about the province, and only the guide speaks for it.
Likewise "广州全市进了人工智能企业库的有多少家" matched a Huadu plan's "有 3 家入库广州…" better than
the city plan's 567 家: a question naming a city (or 全市) and no district asks about the city, so
district plans' passages rank lower. A node postprocessor, like ``TablePenalty``; it only reorders
the top ``depth``, and runs before ``NamedDocumentBoost`` so the named plans' leads stay first.
"""

from __future__ import annotations

import re
from typing import Literal

from llama_index.core.schema import NodeWithScore
from pydantic import Field

from assistant.retrieval.head_boost import HeadBoost
from assistant.retrieval.tokenize import cities, districts

_PROVINCE = re.compile(r"全省|广东|省里|省级")
_WHOLE_CITY = "全市"

Scope = Literal["province", "city"]


def asked_scope(question: str) -> Scope | None:
    """The widest place the question is about when it names nothing narrower under it."""
    if _PROVINCE.search(question) and not cities(question):
        return "province"
    if (cities(question) or _WHOLE_CITY in question) and not districts(question):
        return "city"
    return None


class ScopePenalty(HeadBoost):
    bonus: float = Field(default=-0.3, description="added to a narrower plan's relative score (a penalty)")

    @classmethod
    def class_name(cls) -> str:
        return "ScopePenalty"

    def cue(self, question: str) -> Scope | None:
        return asked_scope(question)

    def rescore(self, node: NodeWithScore, score: float, cue: Scope) -> float:
        title = str(node.node.metadata.get("title", ""))
        narrower = bool(cities(title)) if cue == "province" else bool(districts(title))
        return score + (self.bonus if narrower else 0.0)
