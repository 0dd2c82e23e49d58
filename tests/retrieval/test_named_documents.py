from __future__ import annotations

import pytest
from llama_index.core.schema import NodeWithScore, TextNode

from assistant.retrieval.named_documents import DocumentNames, NamedDocumentBoost

NAMES = DocumentNames(
    {
        "hd-de": ["花都区人工智能与数字经济“十四五”发展规划", "花都数字经济规划"],
        "hd-mf": ["广州市花都区“十四五”时期先进制造业和传统优势产业发展规划", "花都先进制造业规划"],
        "gd": ["广东省数字经济发展指引 1.0", "广东数字经济指引"],
        "gz-zone": ["广州人工智能与数字经济试验区产业导则", "广州试验区产业导则"],
        "gz-ai": ["广州市人工智能产业链高质量发展三年行动计划（2021—2023年）", "广州AI产业链行动计划"],
    }
)


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("花都数字经济规划里5G基站要建多少座？", {"hd-de"}),
        ("新基建具体指哪些领域？花都制造业规划里是怎么归纳的？", {"hd-mf"}),
        ("试验区导则和AI三年行动计划分别是怎么安排的？", {"gz-zone", "gz-ai"}),
        ("省里这份数字经济指引怎么定义数字经济？", {"gd"}),
        ("市里的行动计划和省里的数字经济指引分别怎么部署？", {"gz-ai", "gd"}),
        ("区块链产业方面，广东省的指引给广州定了个什么位置？", {"gd"}),  # 的 between name and kind
        ("花都那份数字经济规划拿荔湾区做过对比吗？", {"hd-de"}),  # a demonstrative inside the name
    ],
)
def test_loose_names_of_a_plan_name_it(question: str, named: set[str]) -> None:
    assert NAMES.named(question) == named


@pytest.mark.parametrize(
    "question",
    [
        "花都的规划里有哪些园区？",  # two plans fit a bare 规划
        "花都车路协同的“智路”计划建多少公里？",  # 计划 the verb
        "广州市推进新一代人工智能产业发展的行动计划（2020-2022年）里，花都发展什么？",  # a cited plan
        "鱼珠片区规划了什么产业？",
    ],
)
def test_other_mentions_name_no_document(question: str) -> None:
    assert NAMES.named(question) == frozenset()


def _node(doc_id: str, score: float) -> NodeWithScore:
    return NodeWithScore(node=TextNode(text=doc_id, metadata={"doc_id": doc_id}), score=score)


def test_the_named_plan_passages_lead() -> None:
    nodes = [_node("hd-mf", 1.0), _node("hd-mf", 0.9), _node("hd-de", 0.8)]
    ranked = NamedDocumentBoost(names=NAMES).postprocess_nodes(
        nodes, query_str="花都数字经济规划里的数据中心建多少？"
    )
    assert [n.node.metadata["doc_id"] for n in ranked] == ["hd-de", "hd-mf", "hd-mf"]


def test_each_of_two_named_plans_has_a_passage_on_top() -> None:
    nodes = [_node("gz-ai", 1.0), _node("gz-ai", 0.95), _node("gz-ai", 0.9), _node("gz-zone", 0.5)]
    ranked = NamedDocumentBoost(names=NAMES).postprocess_nodes(
        nodes, query_str="试验区导则和AI三年行动计划的目标年份？"
    )
    assert {n.node.metadata["doc_id"] for n in ranked[:2]} == {"gz-ai", "gz-zone"}


def test_an_unnamed_question_keeps_the_fused_order() -> None:
    nodes = [_node("hd-mf", 1.0), _node("hd-de", 0.8)]
    assert NamedDocumentBoost(names=NAMES).postprocess_nodes(nodes, query_str="花都有多少个5G基站？") == nodes
