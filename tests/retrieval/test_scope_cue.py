from __future__ import annotations

import pytest
from llama_index.core.schema import NodeWithScore, TextNode

from assistant.retrieval.scope_cue import ScopePenalty, asked_scope


def _node(text: str, title: str, score: float) -> NodeWithScore:
    return NodeWithScore(node=TextNode(text=text, metadata={"title": title}), score=score)


CITY = _node("全市5G基站建设按照中心城区先行的次序推进。", "广州市人工智能产业链三年行动计划", 1.0)
PROVINCE = _node("按照广深双核-珠三角-粤东西北城区的次序推进5G网络建设。", "广东省数字经济发展指引 1.0", 0.9)
DISTRICT = _node("全区共 4 家人工智能企业，有 3 家入库广州。", "花都区人工智能与数字经济规划", 1.0)
CITY_COUNT = _node("目前已有人工智能入库企业567家。", "广州市人工智能产业链三年行动计划", 0.85)


@pytest.mark.parametrize(
    ("question", "scope"),
    [
        ("全省5G建设按什么顺序？", "province"),
        ("广东给广州定了什么位置？", "city"),
        ("广州全市有多少家AI企业？", "city"),
        ("全市有多少家AI企业？", "city"),
        ("深圳有多少家AI企业？", "city"),
        ("花都有多少家AI企业？", None),
        ("广州花都区有多少家AI企业？", None),
        ("有多少家AI企业？", None),
    ],
)
def test_the_asked_scope_is_the_widest_place_named_without_a_narrower_one(question: str, scope: str) -> None:
    assert asked_scope(question) == scope


def test_a_question_on_the_province_ranks_the_provincial_document_first() -> None:
    ranked = ScopePenalty().postprocess_nodes([CITY, PROVINCE], query_str="全省5G建设按什么顺序？")
    assert ranked[0].node is PROVINCE.node


def test_a_question_on_a_city_ranks_the_city_plan_above_a_district_plan() -> None:
    ranked = ScopePenalty().postprocess_nodes([DISTRICT, CITY_COUNT], query_str="广州全市有多少家入库？")
    assert ranked[0].node is CITY_COUNT.node


def test_a_question_naming_the_district_keeps_the_fused_order() -> None:
    ranked = ScopePenalty().postprocess_nodes([DISTRICT, CITY_COUNT], query_str="花都有多少家入库？")
    assert ranked[0] is DISTRICT
    ranked = ScopePenalty().postprocess_nodes([CITY, PROVINCE], query_str="广州5G建设按什么顺序？")
    assert ranked[0].node is CITY.node
