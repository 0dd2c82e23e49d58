from __future__ import annotations

from llama_index.core.schema import NodeWithScore, TextNode

from assistant.retrieval.count_cue import CountCueBoost, asked_counts


def test_counts_are_numerals_that_count_items_not_plan_periods() -> None:
    assert asked_counts("花都数字经济空间格局里规划的三个产业园区是哪三个？") == {"三"}
    assert asked_counts("省级应用建设聚焦哪五大职能？") == {"五"}
    assert asked_counts("花都“十四五”期间要建多少5G基站？") == set()


def test_the_passage_announcing_the_counted_list_moves_up() -> None:
    mention = NodeWithScore(node=TextNode(text="着力建设智能网联汽车产业园和临空数智云港。"), score=1.0)
    announcing = NodeWithScore(node=TextNode(text="（二）着力建设三大产业园区\n“三园”即……"), score=0.9)
    ranked = CountCueBoost().postprocess_nodes(
        [mention, announcing], query_str="规划的三个产业园区是哪三个？"
    )
    assert ranked[0].node is announcing.node
    kept = CountCueBoost().postprocess_nodes([mention, announcing], query_str="规划的产业园区有哪些？")
    assert kept[0] is mention


def test_a_count_closing_a_passage_lifts_the_next_passage_holding_the_list() -> None:
    closing = NodeWithScore(node=TextNode(text="标识解析体系已上线。标识应用围绕三个层级发展。"), score=1.0)
    listing = NodeWithScore(
        node=TextNode(text="标识应用围绕三个层级发展。在产品设备层面，主要解决溯源难的问题。"),
        score=0.85,
    )
    ranked = CountCueBoost().postprocess_nodes([closing, listing], query_str="标识应用分哪三个层级？")
    assert ranked[0].node is listing.node
