from __future__ import annotations

from assistant.question import analyze


def test_how_a_question_asks_is_not_one_of_its_terms() -> None:
    q = analyze("花都对数据中心的能耗有什么门槛？主要建多大规模的数据中心？")
    assert "建多" not in q.terms and "大规模" not in q.terms
    assert "规模" in q.terms and "数据中心" in q.terms
    assert q.asks_amount


def test_the_asked_unit_and_anchors_survive() -> None:
    q = analyze("2020年花都有几家企业进了广州市人工智能企业库？")
    assert q.unit == "家" and "2020" in q.anchors
    assert not {"几家", "哪几个"} & set(q.terms)
