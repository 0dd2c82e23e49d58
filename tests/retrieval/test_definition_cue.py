from __future__ import annotations

from llama_index.core.schema import NodeWithScore, TextNode

from assistant.retrieval.definition_cue import DefinitionBoost, asked_terms, defines


def test_the_asked_term_is_what_stands_before_or_after_the_question_word() -> None:
    assert asked_terms("指引里人工智能是怎么定义的？") == ["人工智能"]
    assert asked_terms("什么是云制造") == ["云制造"]
    assert asked_terms("广东省数字经济发展指引对云计算的解释是什么？") == ["云计算"]
    assert asked_terms("省里这份指引是怎么给“数字经济”下定义的？") == ["数字经济"]
    assert asked_terms("广东发展集成电路给自己定的总目标是什么？") == ["总目标"]
    assert asked_terms("花都区2025年数字经济核心产业增加值目标是多少？") == []
    assert asked_terms("省数字经济指引里“数据资产”怎么界定？") == ["数据资产"]


def test_a_gloss_opens_a_line_with_the_term_and_a_colon_or_says_what_it_means() -> None:
    assert defines("附录 2 名词解释\n1.人工智能：是研究、开发用于模拟", ["人工智能"])
    assert defines("2.5G：第五代移动通信技术", ["5g"])
    assert defines("10.窄带物联网（NB-IoT）：是基于蜂窝的窄带物联网", ["窄带物联网"])
    assert defines("核心基础数字产品是指为数字经济提供基础支撑的核心单元", ["核心基础数字产品"])
    assert defines("11.工业 APP：基于工业互联网，承载工业知识", ["工业APP"])
    assert defines("《二十国集团数字经济发展与合作倡议》数字经济是指以使用数字化的知识", ["数字经济"])
    assert not defines("加快人工智能产业布局，形成深圳湾科技生态园", ["人工智能"])


def test_a_gloss_of_a_qualified_name_glosses_its_shortened_name() -> None:
    gloss = "4.标识解析二级节点：指一个行业或者区域内部的标识解析公共服务节点"
    assert defines(gloss, ["二级节点"]) and defines(gloss, ["标识解析二级节点"])
    assert not defines(gloss, ["节点"])


def _node(text: str, doc_id: str, node_id: str) -> TextNode:
    return TextNode(text=text, id_=node_id, metadata={"doc_id": doc_id})


def test_the_gloss_is_fetched_from_the_index_when_fusion_missed_it() -> None:
    gloss = _node(
        "第二篇 数字产业化\n1.人工智能：是研究、开发用于模拟、延伸和扩展人的智能的理论。", "gd", "g"
    )
    other_doc = _node("1.人工智能：另一份文件的解释。", "hd", "h")
    uses = [_node(f"加快人工智能产业发展，第{i}项举措。", "gd", f"u{i}") for i in range(8)]
    fused = [NodeWithScore(node=n, score=1.0 - 0.05 * i) for i, n in enumerate(uses)]
    boost = DefinitionBoost(nodes=[*uses, gloss, other_doc])
    ranked = boost.postprocess_nodes(fused, query_str="什么是人工智能？")
    top = [n.node.node_id for n in ranked[:5]]
    assert "g" in top
    assert "h" not in [n.node.node_id for n in ranked]  # only from documents among the candidates
    unchanged = boost.postprocess_nodes(fused, query_str="人工智能产业有哪些举措？")
    assert [n.node.node_id for n in unchanged] == [n.node.node_id for n in fused]
