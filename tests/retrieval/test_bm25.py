from __future__ import annotations

from llama_index.core.schema import QueryBundle

from assistant.ingest.chunking import passage_node
from assistant.retrieval.bm25 import JiebaBM25Retriever
from assistant.retrieval.tokenize import key_terms, place_names, tokenize


def node(i: int, doc: str, section: str, text: str):
    meta = {
        "doc_id": doc,
        "title": f"{doc}规划",
        "short_name": doc,
        "section": section,
        "start": 0,
        "end": len(text),
        "order": i,
    }
    return passage_node(f"{doc}:{i}", text, meta)


NODES = [
    node(0, "a", "一、发展基础", "2020年全区实现地区生产总值1682.15亿元，比上年增长3.5%。"),
    node(1, "a", "二、发展目标", "到2025年，数字经济产业规模超过1000亿元。"),
    node(2, "b", "第三章 产业布局", "构建“一江两岸三片区”的空间格局，总面积约81平方公里。"),
]


def test_tokenize_drops_stopwords_and_punctuation() -> None:
    tokens = tokenize("花都区的地区生产总值是多少？")
    assert "花都" in tokens and "生产总值" in tokens
    assert "的" not in tokens and "多少" not in tokens and "？" not in tokens


def test_key_terms_and_place_names() -> None:
    assert "空间格局" in key_terms("试验区的空间格局是什么") or "格局" in key_terms("试验区的空间格局是什么")
    assert place_names("花都区2020年地区生产总值是多少？") == ["花都区"]
    assert place_names("广州试验区的空间格局是什么？") == []


def test_the_technologies_the_glossary_defines_stay_whole() -> None:
    assert "云计算" in key_terms("广东省数字经济发展指引对云计算的解释是什么？")
    assert {"物联网", "类脑计算"} <= set(key_terms("对物联网和对类脑计算的解释"))


def test_ranks_chinese_passages_by_jieba_tokens() -> None:
    retriever = JiebaBM25Retriever.from_nodes(NODES, top_k=3)
    top = retriever.retrieve(QueryBundle("地区生产总值"))
    assert top[0].node.node_id == "a:0"
    assert retriever.retrieve(QueryBundle("空间格局 面积"))[0].node.node_id == "b:2"


def test_section_path_is_searchable() -> None:
    retriever = JiebaBM25Retriever.from_nodes(NODES, top_k=3)
    assert retriever.retrieve(QueryBundle("产业布局"))[0].node.node_id == "b:2"


def test_document_filter_and_unknown_words() -> None:
    retriever = JiebaBM25Retriever.from_nodes(NODES, top_k=3)
    only_b = retriever.configured(3, ["b"]).retrieve(QueryBundle("地区生产总值 空间格局"))
    assert [r.node.metadata["doc_id"] for r in only_b] == ["b"]
    assert retriever.retrieve(QueryBundle("完全无关的词汇量子纠缠")) == []


def test_save_and_load_round_trip(tmp_path) -> None:
    retriever = JiebaBM25Retriever.from_nodes(NODES)
    retriever.save(tmp_path)
    loaded = JiebaBM25Retriever.load(tmp_path, {n.node_id: n for n in NODES})
    assert list(loaded.scores("数字经济产业规模")) == list(retriever.scores("数字经济产业规模"))


def test_the_askers_count_is_not_a_word_to_match() -> None:
    nodes = [
        node(0, "a", "四、产业布局", "建设三大产业园区：汽车产业园、数智云港和创新园。"),
        node(1, "a", "五、主要任务", "花都规划提出三个一批、三个转变、三个平台。"),
        node(2, "b", "第一章", "数字经济发展的总体思路。"),
    ]
    retriever = JiebaBM25Retriever.from_nodes(nodes, top_k=3)
    assert retriever.retrieve(QueryBundle("花都规划的三个产业园区是哪三个？"))[0].node.node_id == "a:0"
