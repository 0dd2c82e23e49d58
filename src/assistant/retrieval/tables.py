"""Flattened tables: tell them apart from prose, and rank them below prose that states the same.

PDF extraction turns a plan's indicator tables into runs like ``规上工业总产值亿元2668.2834055.0预期性``:
long, figure-dense, nearly without punctuation. They share every word with the prose that
states the same target ("到2025年，全区规上工业总产值实现3405亿元"), so BM25 often ranks them first,
but a reader cannot tell which figure is which. ``TablePenalty`` scales a passage's score by the
share of its text that is such a run; the extractive answerer scales table sentences the same way.
A question setting a target against its outcome (当初定的目标是多少？最后实际完成了多少) asks for
what only an indicator table states side by side (规划目标 / 完成情况 columns), so it is exempt.
"""

from __future__ import annotations

import re

from llama_index.core.schema import NodeWithScore
from pydantic import Field

from assistant.retrieval.head_boost import HeadBoost

_TARGET_AGAINST_OUTCOME = re.compile(r"(?:目标|计划|原本|当初).*(?:实际|完成)|(?:实际|完成).*(?:目标|计划)")


def table_like(flat: str, min_chars: int = 40) -> bool:
    """A line or sentence (spaces removed) that reads as a flattened table row run."""
    if len(flat) < min_chars:
        return False
    punctuation = sum(flat.count(c) for c in "，。；、：")
    digits = sum(c.isdigit() for c in flat)
    return punctuation < len(flat) / 50 and digits > len(flat) / 8


def table_share(text: str) -> float:
    """Share of the characters of ``text`` that lie in table-like lines."""
    lines = [line.replace(" ", "") for line in text.split("\n")]
    total = sum(len(line) for line in lines) or 1
    return sum(len(line) for line in lines if table_like(line)) / total


class TablePenalty(HeadBoost):
    factor: float = Field(default=0.8, description="score factor for a passage that is all table")
    depth: int = 30

    @classmethod
    def class_name(cls) -> str:
        return "TablePenalty"

    def cue(self, question: str) -> bool:
        return not _TARGET_AGAINST_OUTCOME.search(question)

    def rescore(self, node: NodeWithScore, score: float, cue: bool) -> float:
        return score * (1 - (1 - self.factor) * table_share(node.node.get_content()))
