"""Prefer passages that state the quantity a how-many question asks for, a date for a when-question,
a document number (粤府函〔2021〕151号) for a question asking for one (文号), or several cities for
a question asking which cities (哪几个城市).

A case study in the Guangdong guide spreads over several passages that share its title (背景,
做法, 成效); "有多少户" should rank the part that says "300 万户" first. A node postprocessor, so it
composes with llama-index retrievers; it only reorders the top ``depth`` fused candidates.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from llama_index.core.schema import NodeWithScore
from pydantic import Field

from assistant.question import (
    ASKS_DATE,
    ASKS_DOCUMENT_NUMBER,
    DATE,
    DOCUMENT_NUMBER,
    asked_unit,
    has_quantity,
)
from assistant.retrieval.head_boost import HeadBoost
from assistant.retrieval.tokenize import cities

_ASKS_CITIES = re.compile(r"哪[几一些]?[个座]?(?:城市|地市)")
_STATES: dict[str, Callable[[str], bool]] = {
    "date": lambda text: DATE.search(text) is not None,
    "文号": lambda text: DOCUMENT_NUMBER.search(text) is not None,
    "城市": lambda text: len(cities(text)) >= 2,
}


class AskedQuantityBoost(HeadBoost):
    bonus: float = Field(default=0.3, description="added to the candidate's score relative to the best")

    @classmethod
    def class_name(cls) -> str:
        return "AskedQuantityBoost"

    def cue(self, question: str) -> str:
        """The asked unit, "date" for a when-question, "文号" for a document number, "城市" for cities."""
        if ASKS_DOCUMENT_NUMBER.search(question):
            return "文号"
        if _ASKS_CITIES.search(question):
            return "城市"
        return asked_unit(question) or ("date" if ASKS_DATE.search(question) else "")

    def rescore(self, node: NodeWithScore, score: float, cue: str) -> float:
        text = node.node.get_content().replace(" ", "")
        states = _STATES[cue](text) if cue in _STATES else has_quantity(text, cue)
        return score + (self.bonus if states else 0.0)
