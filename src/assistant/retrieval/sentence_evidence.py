"""Reorder the head by each passage's best sentence for the question.

Fusion scores a passage by all its words at once, so a passage that mentions every question word
in different places can outrank the one with a sentence that answers it. Scoring each passage's
sentences as the answerer does (``evidence.sentence_score``) and adding the best one lets the
answering passage lead. A node postprocessor, like ``CountCueBoost``, on the top ``depth``; it runs
first after the table penalty, so the named-document and quantity boosts still have the last word.
"""

from __future__ import annotations

from llama_index.core.schema import NodeWithScore

from assistant.evidence import sentence_score
from assistant.ingest.sentences import split_sentences
from assistant.question import Question, analyze
from assistant.retrieval.head_boost import HeadBoost


class SentenceEvidenceBoost(HeadBoost):
    @classmethod
    def class_name(cls) -> str:
        return "SentenceEvidenceBoost"

    def cue(self, question: str) -> Question:
        return analyze(question)

    def rescore(self, node: NodeWithScore, score: float, cue: Question) -> float:
        text = node.node.get_content()
        flats = (text[s.start : s.end].replace(" ", "") for s in split_sentences(text))
        best = max((sentence_score(cue, flat) for flat in flats if len(flat) >= 6), default=0.0)
        return score + self.bonus * best
