from __future__ import annotations

from llama_index.core.schema import NodeWithScore, TextNode

from assistant.retrieval.quantity import AskedQuantityBoost

STEPS = NodeWithScore(
    node=TextNode(text="1.摸查调研阶段\n摸查筛选相关重点领域典型企业，组织专家实地调研。"), score=1.0
)
DEADLINE = NodeWithScore(
    node=TextNode(text="三、时间节点\n到 2022年 12月底，对本地区试点情况进行总结。"), score=0.9
)
COUNT = NodeWithScore(node=TextNode(text="平台已完成 179家规上企业能源数据上云。"), score=0.8)


def test_a_when_question_lifts_the_passage_stating_a_date() -> None:
    ranked = AskedQuantityBoost().postprocess_nodes([STEPS, DEADLINE], query_str="试点计划什么时候做总结？")
    assert ranked[0].node is DEADLINE.node


def test_a_how_many_question_lifts_the_passage_stating_the_unit() -> None:
    ranked = AskedQuantityBoost().postprocess_nodes([STEPS, COUNT], query_str="有多少家规上企业完成了上云？")
    assert ranked[0].node is COUNT.node
    kept = AskedQuantityBoost().postprocess_nodes([STEPS, COUNT], query_str="试点怎么做的？")
    assert kept[0] is STEPS


def test_a_question_for_a_document_number_lifts_the_passage_stating_one() -> None:
    about = NodeWithScore(node=TextNode(text="数据要素市场化配置改革行动方案提出培育数据经纪人。"), score=1.0)
    listed = NodeWithScore(
        node=TextNode(text="《广东省数据要素市场化配置改革行动方案》粤府函〔2021〕151号"), score=0.9
    )
    ranked = AskedQuantityBoost().postprocess_nodes([about, listed], query_str="行动方案的文号是多少？")
    assert ranked[0].node is listed.node


def test_a_which_cities_question_lifts_the_passage_naming_several() -> None:
    park = NodeWithScore(node=TextNode(text="结合广州创建国家级元器件集聚区。"), score=1.0)
    listed = NodeWithScore(
        node=TextNode(text="依托广州、深圳、珠海、东莞等市建设新型电子元器件产业集聚区。"), score=0.9
    )
    ranked = AskedQuantityBoost().postprocess_nodes([park, listed], query_str="集聚区放在哪几个城市建？")
    assert ranked[0].node is listed.node
