"""How well one sentence answers a question: the extractive answerer chooses its quotes by it."""

from __future__ import annotations

import re

from assistant.question import RANK, Question, has_quantity, numbers_in
from assistant.retrieval.tables import table_like
from assistant.retrieval.tokenize import coverage

_PLACE_CHARS = "区市县镇园城"
_TABLE_FACTOR = 0.7
"""A flattened table sentence yields to a prose sentence stating the same figure (``retrieval/tables.py``);
still chosen when nothing else states it."""
_STATES_ROLE = re.compile(r"作为“|定位为|定位是|视为|当作")
"""``Question.asks_role`` (定位成什么) asks for the role a plan gives a thing (将中央工厂作为
“合作社”), which a sentence that only names the thing (打造“亮眼”的中央工厂) does not state."""
_PHRASE = 0.15
"""Weight of the question's word pairs found as written (``Question.phrases``): "招商方式" in one
place beats 招商引资 and 方式 apart."""


def sentence_score(q: Question, flat: str, header: str = "", rank: int = 0, year: str = "") -> float:
    """How well one sentence (spaces removed) answers ``q``: term coverage (a long term partly, by
    its character pairs: the asker's 管理体制 is the plan's 管理新体制), with its passage's title and
    section, its passage's rank, and the kind of fact asked for. ``year``: the year the sentence's
    paragraph gives it ("2020年，全区…；规模以上先进制造业增加值483.24亿元" is a 2020 figure)."""
    if year and year not in flat:
        flat += year
    score = coverage(q.terms, flat, by_pairs=True) + 0.3 * coverage(q.terms, header) + 0.25 / (1 + rank)
    if q.phrases:
        score += _PHRASE * coverage(list(q.phrases), flat)
    found_numbers = numbers_in(flat)
    if q.numbers:
        score += 0.5 * len(q.numbers & found_numbers) / len(q.numbers)
    if q.wants_number and found_numbers - q.numbers:
        score += 0.3
    if q.unit and has_quantity(flat, q.unit):
        score += 0.3
    if q.asks_rank and RANK.search(flat):
        score += 0.3
    if q.wants_list and (flat.count("、") >= 2 or flat.endswith(("：", ":"))):
        score += 0.2
    if q.wants_definition and ("是指" in flat or "即" in flat or "是" in flat):
        score += 0.2
    if q.wants_place and any(c in flat for c in _PLACE_CHARS):
        score += 0.2
    if q.asks_role and _STATES_ROLE.search(flat):
        score += 0.2
    return score * (_TABLE_FACTOR if table_like(flat, min_chars=80) else 1.0)
