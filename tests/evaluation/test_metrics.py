from __future__ import annotations

from assistant.evaluation.dataset import EvalItem
from assistant.evaluation.metrics import ItemResult, first_hit, holds, score_answer, summarise
from assistant.types import Answer, Citation, Passage

ITEM = EvalItem(
    id="t1",
    question="花都区2020年地区生产总值是多少？",
    answer="1682.15亿元",
    must_contain=["1682.15"],
    source=["000_d6def26aa7267af1.txt"],
    evidence=["2020年全区实现地区生产总值1682.15亿元"],
    type="number",
)


def passage(text: str) -> Passage:
    return Passage(text, "hd", "规划", "一、发展基础", 1.0, 0, len(text))


def test_holds_ignores_whitespace_and_a_dropped_footnote_number() -> None:
    assert holds("2020 年全区实现地\n区生产总值 1682.15 亿元", ITEM.evidence[0])
    assert holds("2020年全区实现地区生产总值1682.15亿元", "2020年全区实现地区生产总值1682.15亿元1")
    assert not holds("2020年全区实现工业增加值673亿元", ITEM.evidence[0])


def test_holds_tolerates_a_number_dropped_inside_the_quote_but_not_a_changed_one() -> None:
    cleaned = "21 智度集团有限公司项目 智能制造北京科技大学广州新材料产业园项目新材料"
    assert holds(cleaned, "21智度集团有限公司项目智能制造22北京科技大学广州新材料产业园项目新材料")
    target = "到2025年，新增人工智能与数字经济类型企业超过800家"
    assert not holds(target, "到2022年，新增人工智能与数字经济类型企业超过500家")


def test_first_hit_rank() -> None:
    ps = [passage("无关内容"), passage("2020 年全区实现地区生产总值 1682.15 亿元，比上年增长 3.5%")]
    assert first_hit(ITEM, ps) == 2
    assert first_hit(ITEM, ps[:1]) is None


def test_score_answer_fact_and_citation() -> None:
    p = passage("2020 年全区实现地区生产总值 1682.15 亿元，比上年增长 3.5%")
    quote = "2020 年全区实现地区生产总值 1682.15 亿元，比上年增长 3.5%"
    c = Citation(1, "hd", "规划", "一、发展基础", quote, 0, len(quote))
    result = ItemResult("t1", "hybrid", "number", "easy", ITEM.source, ITEM.question)
    score_answer(ITEM, Answer(quote + "[1]", True, [c], [p]), result)
    assert result.fact_ok and result.citation_ok and result.why == "ok"
    wrong = ItemResult("t1", "hybrid", "number", "easy", ITEM.source, ITEM.question)
    score_answer(ITEM, Answer("未找到", False, [], [p]), wrong)
    assert wrong.fact_ok is False and "refused" in wrong.why


def test_summary_rates() -> None:
    rs = [
        ItemResult(
            "a",
            "h",
            "number",
            "easy",
            [],
            "q",
            hit_rank=1,
            found=True,
            fact_ok=True,
            citation_ok=True,
            ask_ms=1,
        ),
        ItemResult(
            "b",
            "h",
            "number",
            "hard",
            [],
            "q",
            hit_rank=3,
            found=False,
            fact_ok=False,
            citation_ok=False,
            ask_ms=2,
        ),
        ItemResult("c", "h", "unanswerable", "hard", [], "q", found=False, ask_ms=3),
    ]
    s = summarise(rs, 10)
    assert s["hit@1"] == 0.5 and s["hit@3"] == 1.0 and s["mrr@10"] == round((1 + 1 / 3) / 2, 3)
    assert s["fact_accuracy"] == 0.5 and s["refusal_recall"] == 1.0
    assert s["refusal_precision"] == 0.5 and s["wrong_refusal_rate"] == 0.5
