from __future__ import annotations

from llama_index.core.schema import NodeWithScore, TextNode

from assistant.retrieval.sentence_evidence import SentenceEvidenceBoost


def test_the_passage_with_an_answering_sentence_moves_up() -> None:
    scattered = NodeWithScore(
        node=TextNode(text="花都区工业基础雄厚。汽车、电子等产业加快集聚。全年产值稳步提升。"),
        score=1.0,
    )
    answering = NodeWithScore(
        node=TextNode(text="专栏5：重点产业。2020年汽车产业产值达1857.50亿元，年均增长6.0%。"), score=0.8
    )
    question = "花都汽车产业产值有多少？"
    ranked = SentenceEvidenceBoost(bonus=0.5).postprocess_nodes([scattered, answering], query_str=question)
    assert ranked[0].node is answering.node
    kept = SentenceEvidenceBoost(bonus=0.05).postprocess_nodes([scattered, answering], query_str=question)
    assert kept[0].node is scattered.node
