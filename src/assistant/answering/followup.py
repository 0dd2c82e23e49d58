"""Turn a follow-up question ("那2025年的目标呢？") into a standalone one, using the conversation.

Retrieval and the extractive answerer only see one question: a follow-up that leans on the previous
turn ("白云区呢？", "它的重点产业有哪些？") has too few terms to retrieve anything and no years or
places for the refusal check. Rules with jieba are enough here because follow-ups in this domain
change one slot of the previous question (a year, a place, the measure asked about) and keep the
rest; they are predictable, fast and need no model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import jieba.posseg

from assistant.question import YEAR
from assistant.retrieval.tokenize import key_terms, place_names

# Openers that mark a follow-up; the pronoun ones stand for the previous question's subject.
_LEAD = re.compile(r"^(?:那么|那|还有|另外|此外|以及)[，,、\s]*")
_PRONOUN = re.compile(r"^(?:它们的|它的|它们|它|其中|其)")
_TAIL = re.compile(r"[\s？?。！!，,]+$")
_FOLLOW_TAIL = re.compile(r"呢$")
_YEAR_WORD = re.compile(r"(?<!\d)(?:19|20)\d{2}\s*年?(?!\d)")
# The asking part at the end of a question, reused when a follow-up ends in 呢 instead.
_PREDICATE = re.compile(
    r"(?:是多少|有多少|为多少|达到多少|是什么|是哪些|有哪些|包括哪些|包含哪些|有什么|是怎样的|怎么样|如何|"
    r"多少|几|什么|哪些|多大|多高)[个家项座所条台件次处人户倍辆吨万亿千百元平方公里]*$"
)
# Words that only say which figure of the previous topic is meant (its target, its growth, ...):
# a follow-up holding only these keeps the previous question's topic.
_ASPECTS = frozenset(
    "目标 目标值 预期 预计 增速 增长 增长率 年均增长 增幅 比重 占比 规模 总量 数值 数据 情况".split()
)
_NOT_TOPIC = frozenset("那么 还有 另外 此外 以及 其中 它们 为什么 怎么 怎么样 如何 是否 多大 多高".split())


def rewrite_followup(question: str, history: Sequence[tuple[str, str]]) -> str:
    """The standalone form of ``question`` given earlier ``(question, answer)`` turns, oldest first.

    Earlier questions are made standalone in order, so a chain of follow-ups keeps its subject
    ("花都区2020年地区生产总值是多少？" → "那2025年的目标呢？" → "白云区呢？"). A question that names
    its own topic and does not read as a follow-up is returned unchanged, as is any question
    when there is no history. Only the questions are used: answers are quotes, not context.
    """
    context = ""
    for previous, _answer in history:
        context = _rewrite(str(previous or ""), context)
    return _rewrite(question, context)


def _rewrite(question: str, previous: str) -> str:
    """One step: ``question`` made standalone against the (already standalone) ``previous``."""
    text = _TAIL.sub("", question.strip())
    prev = _TAIL.sub("", previous.strip())
    if not text or not prev:
        return question
    lead = bool(_LEAD.match(text))
    core = _LEAD.sub("", text)
    pronoun = bool(_PRONOUN.match(core))
    core = _PRONOUN.sub("", core)
    asks_with_ne = bool(_FOLLOW_TAIL.search(core))
    core = _FOLLOW_TAIL.sub("", core).strip()
    marked = lead or pronoun or asks_with_ne

    years, places = YEAR.findall(core), _places(core)
    topic = [
        t
        for t in key_terms(core)
        if len(t) >= 2
        and not t.isdigit()
        and t not in places
        and t not in _ASPECTS
        and t not in _NOT_TOPIC
        and not YEAR.fullmatch(t)
    ]
    elliptical = not places and not topic  # only years and aspect words: "2025年的目标是多少？"
    if not (marked or elliptical) or (places and topic and not pronoun):
        return question

    prev_stem, prev_predicate = _split_predicate(prev)
    stem, predicate = _split_predicate(core)
    if not topic:  # same topic, other year/place/aspect: edit the previous question
        base = _substitute(prev_stem, years, places)
        residue = _strip_anchors(stem, years, places).strip("，,、 ")
        if residue.lstrip("的") and residue.lstrip("的") in base:
            residue = ""
        return f"{base}{residue}{predicate or prev_predicate}？"
    subject = _substitute(_subject(prev_stem), years, places)
    used_years = [y for y in years if y in subject]
    used_places = [p for p in places if p in subject]
    rest = _strip_anchors(stem, used_years, used_places).strip("，,、 ")
    if subject.endswith("的") and rest.startswith("的"):
        rest = rest[1:]
    return f"{subject}{rest}{predicate or prev_predicate or '是什么'}？"


def _split_predicate(text: str) -> tuple[str, str]:
    match = _PREDICATE.search(text)
    return (text[: match.start()], match.group()) if match else (text, "")


def _subject(stem: str) -> str:
    """What the previous question was about, without its topic: its leading years and district
    names ("花都区2020年"), else everything before its first 的 ("广州试验区的"), else its leading
    city names ("深圳")."""
    ends = [m.end() for m in _YEAR_WORD.finditer(stem)]
    ends += [stem.find(p) + len(p) for p in place_names(stem) if p in stem]
    if not ends and "的" in stem:
        return stem[: stem.index("的") + 1]
    ends = ends or [stem.find(p) + len(p) for p in _places(stem) if p in stem]
    return stem[: max(ends)] if ends else stem


def _substitute(text: str, years: list[str], places: list[str]) -> str:
    """``text`` with its first year and first place replaced by the given ones (added if absent)."""
    own_places = [p for p in _places(text) if p in text]
    if places:
        if own_places:
            text = text.replace(own_places[0], places[0], 1)
        else:
            text = places[0] + text
    if years:
        match = YEAR.search(text)
        if match:
            text = text[: match.start()] + years[0] + text[match.end() :]
        else:
            place = places[0] if places else (own_places[0] if own_places else "")
            at = text.find(place) + len(place) if place and place in text else 0
            text = f"{text[:at]}{years[0]}年{text[at:]}"
    return text


def _places(text: str) -> list[str]:
    """``place_names`` plus bare city and district names (广州, 花都): a follow-up "广州呢？" swaps
    places too, while the refusal check keeps to the stricter ``place_names``."""
    found = place_names(text) + [
        w.word for w in jieba.posseg.lcut(text) if w.flag == "ns" and len(w.word) >= 2
    ]
    return list(dict.fromkeys(found))


def _strip_anchors(text: str, years: list[str], places: list[str]) -> str:
    for year in years:
        text = re.sub(rf"(?<!\d){year}\s*年?", "", text, count=1)
    for place in places:
        text = text.replace(place, "", 1)
    return text
