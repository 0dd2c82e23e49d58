"""Follow-up questions rewritten into standalone ones (rule-based, jieba)."""

from __future__ import annotations

import pytest

from assistant.answering.followup import rewrite_followup

GDP = "花都区2020年地区生产总值是多少？"
ZONE = "广州试验区的空间格局是什么？"


@pytest.mark.parametrize(
    ("previous", "question", "expected"),
    [
        # another year and an aspect of the same figure
        (GDP, "那2025年的目标呢？", "花都区2025年地区生产总值的目标是多少？"),
        # no opener, but nothing of its own except a year and an aspect
        (GDP, "2025年的目标是多少？", "花都区2025年地区生产总值的目标是多少？"),
        # another place
        (GDP, "白云区呢？", "白云区2020年地区生产总值是多少？"),
        # another figure for the same place and year
        (GDP, "那规上工业总产值呢？", "花都区2020年规上工业总产值是多少？"),
        # a pronoun standing for the previous subject
        (ZONE, "它的重点产业有哪些？", "广州试验区的重点产业有哪些？"),
        (ZONE, "那重点产业呢？", "广州试验区的重点产业是什么？"),
        # a bare city name (not a 区/市 name) is still a place to swap
        ("深圳聚集了多少家人工智能相关企业？", "广州呢？", "广州聚集了多少家人工智能相关企业？"),
        # a year added where the previous question had none
        (
            "花都区数字经济核心产业增加值目标是多少？",
            "2020年呢？",
            "花都区2020年数字经济核心产业增加值目标是多少？",
        ),
    ],
)
def test_follow_ups_become_standalone(previous: str, question: str, expected: str) -> None:
    assert rewrite_followup(question, [(previous, "……[1]")]) == expected


@pytest.mark.parametrize(
    "question",
    [
        "广州试验区的空间格局是什么？",  # its own topic and no follow-up marker
        "花都区2035年数字经济增加值目标是多少？",  # its own place, year and topic
        "那么白云区的5G基站呢？",  # opener, but it names its own place and topic
    ],
)
def test_standalone_questions_stay_unchanged(question: str) -> None:
    assert rewrite_followup(question, [(GDP, "……[1]")]) == question


def test_no_history_means_no_change() -> None:
    assert rewrite_followup("那2025年的目标呢？", []) == "那2025年的目标呢？"


def test_a_chain_of_follow_ups_keeps_its_subject() -> None:
    history = [(GDP, "……[1]"), ("那2025年的目标呢？", "……")]
    assert rewrite_followup("白云区呢？", history) == "白云区2025年地区生产总值的目标是多少？"


@pytest.mark.slow
def test_ask_uses_the_rewritten_question_and_reports_it(qa) -> None:
    first = qa.ask(GDP)
    assert first.question == GDP
    follow = qa.ask("白云区呢？", history=[(GDP, first.text)])
    assert follow.question == "白云区2020年地区生产总值是多少？"
    unchanged = qa.ask(ZONE, history=[(GDP, first.text)])
    assert unchanged.question == ZONE and unchanged.found
    *_, streamed = qa.stream("那2025年的目标呢？", history=[(GDP, first.text)])
    assert streamed.question == "花都区2025年地区生产总值的目标是多少？"
