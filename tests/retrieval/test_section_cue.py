from __future__ import annotations

import json

from llama_index.core.schema import NodeWithScore, TextNode

from assistant.retrieval.section_cue import SectionCueBoost, heading_cues


def _node(text: str, section: str, score: float, inside: list[list[object]] | None = None) -> NodeWithScore:
    """``inside``: the section changes within the passage, as the chunker records them."""
    metadata = {"section": section, "sections": json.dumps(inside or [], ensure_ascii=False)}
    return NodeWithScore(node=TextNode(text=text, metadata=metadata), score=score)


CASE = "工业数字化 › 广州市花都区：狮岭镇箱包产业链协同制造平台"
BACKGROUND = _node(
    "广州市花都区：狮岭镇箱包产业链协同制造平台\n一、背景介绍\n狮岭皮具箱包产业有 40多年历史。",
    CASE,
    1.0,
    inside=[[22, f"{CASE} › 一、背景介绍"]],
)
RESULTS = _node("三、取得成效\n平台为企业节省成本超过 3.5亿元。", f"{CASE} › 三、取得成效", 0.9)


def test_a_results_question_ranks_the_results_part_first() -> None:
    question = "狮岭箱包平台取得了什么成效？"
    ranked = SectionCueBoost().postprocess_nodes([BACKGROUND, RESULTS], query_str=question)
    assert ranked[0].node.get_content().startswith("三、取得成效")


def test_questions_without_a_cue_keep_the_fused_order() -> None:
    assert heading_cues("狮岭箱包平台在哪个镇？") == []
    ranked = SectionCueBoost().postprocess_nodes([BACKGROUND, RESULTS], query_str="狮岭箱包平台在哪个镇？")
    assert ranked[0] is BACKGROUND


def test_a_question_on_what_was_achieved_points_to_the_results() -> None:
    question = "狮岭箱包平台最后帮企业节省了多少成本？"
    ranked = SectionCueBoost().postprocess_nodes([BACKGROUND, RESULTS], query_str=question)
    assert ranked[0].node.get_content().startswith("三、取得成效")


def test_a_case_opening_under_another_part_loses_what_the_cued_part_gains() -> None:
    """The opening passage holds the case title's words too, so it leads by more than the bonus."""
    results = _node("三、取得成效\n平台为企业节省成本超过 3.5亿元。", f"{CASE} › 三、取得成效", 0.7)
    other = _node("狮岭镇箱包产业集聚发展。", "工业数字化 › 二、发展重点", 0.85)
    ranked = SectionCueBoost().postprocess_nodes(
        [BACKGROUND, other, results], query_str="狮岭箱包平台取得了什么成效？"
    )
    assert [n.node.get_content()[:6] for n in ranked] == ["三、取得成效", "狮岭镇箱包产", "广州市花都区"]


def test_a_question_on_the_task_table_ranks_its_row_above_the_body_copy() -> None:
    """A table row keeps the table's heading anywhere in its path, not as its last heading."""
    body = _node("推动金融服务数字化。构建多元投融资体制。", "五、保障措施 › （2）营商环境建设", 1.0)
    row = _node(
        "推动金融服务数字化。构建多元投融资体制。区金融局牵头",
        "附件一 › 序号 事项 责任部门 › 五 构建新型创新发展体系",
        0.9,
    )
    ranked = SectionCueBoost().postprocess_nodes(
        [body, row], query_str="金融服务数字化在任务表里归哪个部门牵头？"
    )
    assert ranked[0].node is row.node
    ranked = SectionCueBoost().postprocess_nodes([body, row], query_str="金融服务数字化要做什么？")
    assert ranked[0].node is body.node


def test_a_question_naming_the_project_table_ranks_its_rows_first() -> None:
    body = _node(
        "依托智能网联汽车产业园，加快东风日产技术中心落地。", "四、产业布局 › （二）三大产业园区", 1.0
    )
    row = _node("采埃孚研发中心项目 智能网联汽车", "附件二：花都区人工智能与数字经济重点项目表", 0.7)
    question = "花都重点项目表里，智能网联汽车类有哪些项目？"
    assert SectionCueBoost().postprocess_nodes([body, row], query_str=question)[0].node is row.node
    elsewhere = "智能网联汽车产业园要加快落地哪些项目？"
    assert SectionCueBoost().postprocess_nodes([body, row], query_str=elsewhere)[0].node is body.node


def test_a_table_row_is_no_other_part_of_a_cases_skeleton() -> None:
    row = _node("智能医疗。推进智能医疗服务。区卫生健康局牵头", "附件一：任务分解表", 0.9)
    other = _node("智能医疗服务加快推进。", "四、重点任务 › （三）智能社会", 1.0)
    ranked = SectionCueBoost().postprocess_nodes([other, row], query_str="智能医疗服务取得了什么成效？")
    assert [n.score for n in ranked] == [1.0, 0.9]
