"""The public API end to end: real corpus, real model, real Chroma."""

from __future__ import annotations

import pytest

from assistant import Assistant, IndexMissingError, InvalidQuestionError, Settings

pytestmark = pytest.mark.slow


def test_index_holds_all_five_documents(built) -> None:
    m = built.manifest
    assert len(m.documents) == 5 and all(d.chunks > 5 for d in m.documents)
    assert built.skipped == []


def test_sample_question_gets_a_correct_cited_answer(qa: Assistant) -> None:
    answer = qa.ask("花都区2020年地区生产总值是多少？")
    assert answer.found
    assert "1682.15" in answer.text
    cited = [c for c in answer.citations if "1682.15" in c.quote]
    assert cited and f"[{cited[0].n}]" in answer.text
    c = cited[0]
    assert c.doc_id == "hd-digital-economy" and c.section.startswith("一、发展基础")
    assert qa.document_text(c.doc_id)[c.start : c.end] == c.quote


def test_retrieve_returns_exact_passages_and_respects_filter(qa: Assistant) -> None:
    passages = qa.retrieve("广州试验区的空间格局是什么？", top_k=5)
    assert len(passages) == 5
    assert any("一江两岸三片区" in p.text for p in passages[:3])
    for p in passages:
        assert qa.document_text(p.doc_id)[p.start : p.end] == p.text
    only = qa.retrieve("空间格局", top_k=3, documents=["gz-ai-chain"])
    assert {p.doc_id for p in only} == {"gz-ai-chain"}


def test_unanswerable_question_is_refused_with_possible_passages(qa: Assistant) -> None:
    answer = qa.ask("花都区2035年数字经济增加值目标是多少？")
    assert not answer.found
    assert answer.text.startswith("在现有文件中未找到") and answer.passages


def test_bad_input_gets_chinese_errors(qa: Assistant) -> None:
    with pytest.raises(InvalidQuestionError, match="问题不能为空"):
        qa.ask("  \x00 ")
    with pytest.raises(InvalidQuestionError, match="未知的文档编号"):
        qa.retrieve("数字经济", documents=["no-such-doc"])
    long = qa.ask("花都区数字经济" * 1000)
    assert "问题过长" in long.notice
    assert len(qa.retrieve("数字经济", top_k=10_000)) == qa.settings.retrieval.max_top_k
    assert len(qa.retrieve("数字经济", top_k=-3)) == 1


def test_missing_and_mismatched_index_are_reported(settings, built, tmp_path) -> None:
    with pytest.raises(IndexMissingError, match="尚未建立索引") as missing:
        Assistant.load(Settings(home=settings.home, paths={"index_dir": tmp_path}))
    assert "assistant index" in missing.value.hint
    other = settings.model_copy(update={"chunking": settings.chunking.model_copy(update={"max_chars": 123})})
    with pytest.raises(IndexMissingError, match="分块参数已改变"):
        Assistant.load(other)


def test_stream_yields_text_then_the_answer(qa: Assistant) -> None:
    parts = list(qa.stream("花都区2020年地区生产总值是多少？"))
    *texts, final = parts
    assert texts and all(isinstance(t, str) for t in texts)
    assert "".join(texts) == final.text and final.found
