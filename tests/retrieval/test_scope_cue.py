from __future__ import annotations

from llama_index.core.schema import NodeWithScore, TextNode

from assistant.retrieval.scope_cue import ProvinceScopePenalty


def _node(text: str, title: str, score: float) -> NodeWithScore:
    return NodeWithScore(node=TextNode(text=text, metadata={"title": title}), score=score)


CITY = _node("全市5G基站建设按照中心城区先行的次序推进。", "广州市人工智能产业链三年行动计划", 1.0)
PROVINCE = _node("按照广深双核-珠三角-粤东西北城区的次序推进5G网络建设。", "广东省数字经济发展指引 1.0", 0.9)


def test_a_question_on_the_province_ranks_the_provincial_document_first() -> None:
    ranked = ProvinceScopePenalty().postprocess_nodes([CITY, PROVINCE], query_str="全省5G建设按什么顺序？")
    assert ranked[0].node is PROVINCE.node


def test_a_question_naming_a_city_keeps_the_fused_order() -> None:
    ranked = ProvinceScopePenalty().postprocess_nodes([CITY, PROVINCE], query_str="广州5G建设按什么顺序？")
    assert ranked[0] is CITY
