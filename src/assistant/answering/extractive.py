"""Answers without an LLM: pick the sentences of the top passages that answer the question.

Every word of the answer is a quote from the cleaned documents, so nothing can be invented; the
work is in choosing sentences (question-term coverage, asked-for kind of fact, passage rank) and in
refusing when the evidence does not cover what was asked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.answering.citations import compose, refusal_text
from assistant.ingest.sentences import split_sentences
from assistant.retrieval.tokenize import key_terms, place_names
from assistant.settings import AnswerSettings
from assistant.types import Answer, Citation, Passage

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_ASKS_NUMBER = re.compile(
    r"多少|几|多大|多高|比例|比重|占比|增速|增长|规模|目标|数量|金额|面积|产值|增加值|总额|人数"
)
_ASKS_LIST = re.compile(r"哪些|哪几|包括|包含|有什么|列举|分别")
_ASKS_DEFINITION = re.compile(r"什么是|是什么|指什么|含义|定义|概念|内涵")
_ASKS_PLACE = re.compile(r"哪里|哪儿|在哪|位于|布局|格局|分布|片区|选址|空间")


@dataclass
class _Candidate:
    passage_index: int
    start: int
    end: int
    text: str
    score: float


class ExtractiveAnswerer:
    def __init__(self, settings: AnswerSettings) -> None:
        self.settings = settings

    def answer(self, question: str, passages: list[Passage]) -> Answer:
        considered = passages[: self.settings.passages_considered]
        terms = key_terms(question)
        if not considered or not self._supported(question, terms, considered):
            return Answer(text=refusal_text(question), found=False, passages=passages, question=question)
        chosen = self._select(question, terms, considered)
        if not chosen:
            return Answer(text=refusal_text(question), found=False, passages=passages, question=question)
        citations = [
            Citation(
                n=i + 1,
                doc_id=considered[c.passage_index].doc_id,
                title=considered[c.passage_index].title,
                section=considered[c.passage_index].section,
                quote=c.text,
                start=c.start,
                end=c.end,
                short_name=considered[c.passage_index].short_name,
                passage_index=c.passage_index,
            )
            for i, c in enumerate(chosen)
        ]
        return Answer(
            text=compose(citations), found=True, citations=citations, passages=passages, question=question
        )

    def _supported(self, question: str, terms: list[str], passages: list[Passage]) -> bool:
        """Refuse when the evidence misses the question's anchors (years, places) or most of its terms."""
        context = "".join(f"{p.title}{p.section}{p.text}" for p in passages).replace(" ", "")
        anchors = _YEAR.findall(question) + place_names(question)
        if any(a not in context for a in anchors):
            return False
        if not terms:
            return False
        best = max(_coverage(terms, f"{p.title}{p.section}{p.text}".replace(" ", "")) for p in passages[:3])
        return best >= self.settings.min_coverage

    def _select(self, question: str, terms: list[str], passages: list[Passage]) -> list[_Candidate]:
        candidates: list[_Candidate] = []
        wants_number = bool(_ASKS_NUMBER.search(question))
        wants_list = bool(_ASKS_LIST.search(question))
        wants_definition = bool(_ASKS_DEFINITION.search(question))
        wants_place = bool(_ASKS_PLACE.search(question))
        numbers = set(_NUMBER.findall(question))
        for index, passage in enumerate(passages):
            header = f"{passage.title}{passage.section}".replace(" ", "")
            for span in split_sentences(passage.text):
                text = passage.text[span.start : span.end]
                if len(text) < 6:
                    continue
                flat = text.replace(" ", "")
                score = _coverage(terms, flat) + 0.3 * _coverage(terms, header)
                found_numbers = _NUMBER.findall(flat)
                if numbers:
                    score += 0.5 * len(numbers & set(found_numbers)) / len(numbers)
                if wants_number and found_numbers:
                    score += 0.3
                if wants_list and (flat.count("、") >= 2 or "：" in flat):
                    score += 0.3
                if wants_definition and ("是指" in flat or "即" in flat or "指" in flat):
                    score += 0.2
                if wants_place and any(s in flat for s in "区市县镇园城"):
                    score += 0.2
                score += 0.25 / (1 + index)
                candidates.append(
                    _Candidate(index, passage.start + span.start, passage.start + span.end, text, score)
                )
        if not candidates:
            return []
        candidates.sort(key=lambda c: c.score, reverse=True)
        best = candidates[0]
        chosen = [best]
        for c in candidates[1:]:
            if len(chosen) >= self.settings.max_sentences or c.score < 0.75 * best.score:
                break
            if all(abs(c.start - o.start) > 0 for o in chosen):
                chosen.append(c)
        chosen.sort(key=lambda c: (c.passage_index, c.start))
        return chosen


def _coverage(terms: list[str], text: str) -> float:
    """Length-weighted share of the question's key terms present in ``text``."""
    total = sum(len(t) for t in terms)
    return sum(len(t) for t in terms if t in text) / total if total else 0.0
