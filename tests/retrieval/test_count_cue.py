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
