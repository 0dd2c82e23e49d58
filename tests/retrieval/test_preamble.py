from __future__ import annotations

from llama_index.core.schema import NodeWithScore, TextNode

from assistant.retrieval.preamble import PreamblePenalty


def _node(text: str, doc_id: str, section: str, score: float) -> NodeWithScore:
    metadata = {"doc_id": doc_id, "section": section}
    return NodeWithScore(node=TextNode(text=text, metadata=metadata), score=score)


NOTICE = _node("各区人民政府：现将《广州人工智能与数字经济试验区产业导则》印发给你们。", "zone", "", 1.0)
CHAPTER = _node("构建“一江两岸三片区”的空间格局，总面积约81平方公里。", "zone", "第一章 总则", 0.85)
PLAIN_NOTE = _node("试验区总面积约81平方公里。", "note", "", 1.0)


def _penalty() -> PreamblePenalty:
    return PreamblePenalty.from_nodes([NOTICE.node, CHAPTER.node, PLAIN_NOTE.node], bonus=-0.2)


def test_a_question_on_the_plan_content_ranks_the_issuing_notice_below_the_chapter() -> None:
    ranked = _penalty().postprocess_nodes([NOTICE, CHAPTER], query_str="导则对试验区的范围怎么描述？")
    assert ranked[0].node is CHAPTER.node


def test_a_question_about_the_document_itself_keeps_the_notice() -> None:
    ranked = _penalty().postprocess_nodes([NOTICE, CHAPTER], query_str="试验区产业导则是哪天印发的？")
    assert ranked[0] is NOTICE


def test_a_document_without_headings_is_not_all_preamble() -> None:
    ranked = _penalty().postprocess_nodes([PLAIN_NOTE, CHAPTER], query_str="试验区总面积多大？")
    assert ranked[0].node is PLAIN_NOTE.node
