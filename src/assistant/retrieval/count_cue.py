"""Prefer passages that announce as many items as the question counts.

"三个产业园区是哪三个", "聚焦哪五大职能": plans introduce such lists with the same count
("着力建设三大产业园区", "五大职能"), often in a heading whose body is the list, while the
passage that merely mentions the items ranks first on every other word. A count in a passage's
last sentence does not count: the list it introduces is in the next passage, which opens with the
same sentence (passages overlap by one) and holds the items. A node postprocessor, like
``SectionCueBoost``; it only reorders the top ``depth``.
"""

from __future__ import annotations

import re

from llama_index.core.schema import NodeWithScore
from pydantic import Field

from assistant.retrieval.head_boost import HeadBoost

_PLAN_PERIODS = re.compile(r"十[一二三四五]五")
COUNT = re.compile(r"(?<![第\d一二三四五六七八九十百])([二三四五六七八九十两])(?:个|大|项|种|类|条|方面)")
"""A count of items (三个, 五大), its numeral the group."""


_LAST_SENTENCE = re.compile(r"(?<=[。；：:\n])[^。；：:\n]+[。；：:]?\s*$")


def asked_counts(question: str) -> set[str]:
    """The numerals the question counts items with (三个, 五大), not a plan period (十四五) or an
    ordinal (第十三条)."""
    return {m[1] for m in COUNT.finditer(_PLAN_PERIODS.sub("", question))}


class CountCueBoost(HeadBoost):
    bonus: float = Field(default=0.2, description="added to the candidate's score relative to the best")

    @classmethod
    def class_name(cls) -> str:
        return "CountCueBoost"

    def cue(self, question: str) -> set[str]:
        return asked_counts(question)

    def rescore(self, node: NodeWithScore, score: float, cue: set[str]) -> float:
        announced = asked_counts(_LAST_SENTENCE.sub("", node.node.get_content()))
        return score + (self.bonus if cue & announced else 0.0)
