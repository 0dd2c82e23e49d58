from __future__ import annotations

from llama_index.core.schema import NodeWithScore, TextNode

from assistant.retrieval.tables import TablePenalty, table_like, table_share

TABLE = (
    "类别指标单位2020年十四五规划目标属性2025年年均增长（%）规模效益规上工业总产值亿元2668.2834055.0预期性"
)
PROSE = "到2025年，全区规上工业总产值实现3405亿元，年均增长5.0%。"


def test_a_flattened_table_run_is_told_from_prose() -> None:
    assert table_like(TABLE)
    assert not table_like(PROSE)
    assert not table_like("2020年 1952.46")  # too short to tell


def test_table_share_counts_the_table_lines_only() -> None:
    assert table_share(TABLE) == 1.0
    assert table_share(PROSE) == 0.0
    assert 0.3 < table_share(f"{PROSE}\n{TABLE}") < 1.0


def test_prose_stating_the_same_figure_overtakes_a_table_ranked_just_above_it() -> None:
    nodes = [
        NodeWithScore(node=TextNode(text=TABLE), score=1.0),
        NodeWithScore(node=TextNode(text=PROSE), score=0.9),
    ]
    ranked = TablePenalty(factor=0.8).postprocess_nodes(nodes, query_str="2025年规上工业总产值目标？")
    assert ranked[0].node.get_content() == PROSE
    kept = TablePenalty(factor=1.0).postprocess_nodes(nodes, query_str="2025年规上工业总产值目标？")
    assert kept[0].node.get_content() == TABLE


def test_a_question_setting_a_target_against_its_outcome_keeps_the_indicator_table() -> None:
    nodes = [
        NodeWithScore(node=TextNode(text=TABLE), score=1.0),
        NodeWithScore(node=TextNode(text=PROSE), score=0.9),
    ]
    question = "十三五规划当初给工业总产值定的目标是多少？最后实际完成了多少？"
    assert TablePenalty(factor=0.8).postprocess_nodes(nodes, query_str=question) == nodes
