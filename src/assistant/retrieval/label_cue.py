"""Prefer passages whose run-in label names what the question asks about.

Plans list their targets and measures under run-in labels that open a paragraph and act as
sub-headings the heading detector does not see ("——创新能力显著增强。到2025年，全区R&D经费…"):
"在创新能力方面给2025年定了哪些量化目标" shares its other words with every paragraph of the
targets section, and only the label tells which paragraph is about 创新能力. A question word of four
or more characters in a passage's label lifts it; shorter words (产业, 发展) are in too many labels.
A node postprocessor, like ``SectionCueBoost``; it only reorders the top ``depth``.
"""

from __future__ import annotations

import re

from llama_index.core.schema import NodeWithScore

from assistant.question import analyze
from assistant.retrieval.head_boost import HeadBoost

_RUN_IN_LABEL = re.compile(r"(?:^|\n)\s*——([^。，；\n]{2,14})[。：]")
MIN_CHARS = 4


def asked_words(question: str) -> list[str]:
    return [t for t in analyze(question).terms if len(t) >= MIN_CHARS and not t.isdigit()]


class RunInLabelBoost(HeadBoost):
    @classmethod
    def class_name(cls) -> str:
        return "RunInLabelBoost"

    def cue(self, question: str) -> list[str]:
        return asked_words(question)

    def rescore(self, node: NodeWithScore, score: float, cue: list[str]) -> float:
        labels = _RUN_IN_LABEL.findall(node.node.get_content())
        return score + (self.bonus if any(w in label for label in labels for w in cue) else 0.0)
