"""List questions answered by a section's sub-headings, found from the passages' section paths."""

from __future__ import annotations

from assistant.answering.extractive import ExtractiveAnswerer
from assistant.answering.outline import Outline
from assistant.question import analyze
from assistant.settings import AnswerSettings
from assistant.types import Passage

TITLE = "花都区人工智能与数字经济发展规划"
ROOT = "三、总体要求 › （三）基本原则"
DOC = (
    "（三）基本原则\n"
    "1.政府引导、市场运作\n加强政府顶层设计，做好统筹协调。\n"
    "2.需求引领、创新发展\n把满足需求作为建设的着力点。\n"
    "3.适度超前、均衡布局\n超前规划布局新一代基础设施。\n"
)


def _passages() -> list[Passage]:
    """The section split over two passages, as the chunker leaves it (offsets in DOC + 1000)."""
    cut = DOC.index("3.适度超前")
    first, second = DOC[:cut], DOC[cut:]
    sections = tuple(
        (1000 + DOC.index(h), f"{ROOT} › {h}") for h in ("1.政府引导、市场运作", "2.需求引领、创新发展")
    )
    return [
        Passage(first, "hd", TITLE, ROOT, 0.9, 1000, 1000 + cut, sections=sections),
        Passage(second, "hd", TITLE, f"{ROOT} › 3.适度超前、均衡布局", 0.5, 1000 + cut, 1000 + len(DOC)),
    ]


def test_outline_recovers_each_heading_and_its_place() -> None:
    outline = Outline.from_passages(_passages())
    children = outline.children("hd", tuple(ROOT.split(" › ")))
    assert [c.path[-1] for c in children] == [
        "1.政府引导、市场运作",
        "2.需求引领、创新发展",
        "3.适度超前、均衡布局",
    ]
    assert all(DOC[c.start - 1000 : c.end - 1000] == c.path[-1] for c in children)


def test_a_list_question_naming_the_section_gets_every_sub_heading_cited_where_it_stands() -> None:
    passages = _passages()
    answerer = ExtractiveAnswerer(AnswerSettings(), outline=Outline.from_passages(passages))
    answer = answerer.answer("花都发展数字经济坚持哪几条基本原则？", passages[:1])
    assert answer.found
    assert [c.quote for c in answer.citations] == [
        "1.政府引导、市场运作",
        "2.需求引领、创新发展",
        "3.适度超前、均衡布局",
    ]
    third = answer.citations[2]
    assert (
        answer.passages[third.passage_index]
        .text[third.start - answer.passages[third.passage_index].start :]
        .startswith("3.适度")
    )
    assert third.section.endswith("3.适度超前、均衡布局")


def test_questions_that_do_not_name_the_section_are_answered_from_sentences() -> None:
    outline = Outline.from_passages(_passages())
    assert outline.answer_list(analyze("花都有哪些基础设施要超前布局？"), _passages()) is None
    assert (
        outline.answer_list(analyze("花都2019年坚持哪几条基本原则？"), _passages()) is None
    )  # a year it lacks
    assert outline.answer_list(analyze("原则上花都基本发展哪几类产业？"), _passages()) is None  # out of order
    answerer = ExtractiveAnswerer(AnswerSettings(), outline=outline)
    two_parts = answerer.answer("花都坚持哪几条基本原则？政府要做好什么？", _passages())
    assert "统筹协调" in two_parts.text


def test_a_question_naming_one_sub_section_is_not_answered_with_its_siblings() -> None:
    passages = _passages()
    outline = Outline.from_passages(passages)
    assert outline.answer_list(analyze("花都基本原则有哪几条？"), passages) is not None
    assert outline.answer_list(analyze("基本原则里的需求引领 创新发展 包括哪些内容？"), passages) is None
