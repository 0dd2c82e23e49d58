from __future__ import annotations

from llama_index.core.schema import NodeWithScore, TextNode

from assistant.retrieval.count_cue import CountCueBoost
from assistant.retrieval.named_documents import DocumentNames, NamedDocumentBoost

NAMES = DocumentNames({"gz-zone": ["广州试验区产业导则"], "gz-ai": ["广州AI产业链行动计划"]})


def _node(doc_id: str, text: str, score: float) -> NodeWithScore:
    return NodeWithScore(node=TextNode(text=text, metadata={"doc_id": doc_id}), score=score)


def test_a_boost_matching_no_candidate_keeps_the_order_earlier_boosts_chose() -> None:
    """Re-sorting by score would undo the named plans' leads (one from each plan on top)."""
    nodes = [
        _node("gz-ai", "培育超 1000家企业。", 1.0),
        _node("gz-ai", "九个一", 0.95),
        _node("gz-zone", "新增500家", 0.5),
    ]
    question = "试验区导则和AI行动计划的三个企业目标分别是多少？"
    led = NamedDocumentBoost(names=NAMES).postprocess_nodes(nodes, query_str=question)
    assert [n.node.metadata["doc_id"] for n in led[:2]] == ["gz-ai", "gz-zone"]
    after = CountCueBoost().postprocess_nodes(led, query_str=question)
    assert after == led
