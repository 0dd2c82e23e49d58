"""The running page driven through its API with gradio_client: answers, citations, refusals."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

ALL = ["hd-digital-economy", "hd-manufacturing", "gd-digital-guide", "gz-pilot-zone", "gz-ai-chain"]


def _text(message: dict) -> str:
    content = message["content"]
    if isinstance(content, str):
        return content
    return "".join(part.get("text", "") for part in content if isinstance(part, dict))


def _client(web_server):
    from gradio_client import Client

    return Client(web_server.url, verbose=False)


def test_ask_streams_a_cited_answer_then_follow_up(web_server) -> None:
    client = _client(web_server)
    chat, panel, box = client.predict("花都区2020年地区生产总值是多少？", ALL, api_name="/ask")
    assert box == "" and [m["role"] for m in chat] == ["user", "assistant"]
    answer = _text(chat[-1]).replace("\\", "")
    assert "1682.15" in answer and "[1]" in answer
    assert "引用（" in panel and 'data-doc="hd-digital-economy"' in panel
    assert "<mark>" in panel and "1682.15" in panel.split("<mark>", 1)[1].split("</mark>", 1)[0]

    chat, panel, _ = client.predict("那2025年的目标呢？", ALL, api_name="/ask")
    assert len(chat) == 4
    follow = _text(chat[-1])
    assert "结合上文" in follow and "花都区2025年地区生产总值的目标是多少？" in follow

    client.predict(api_name="/clear")
    chat, _, _ = client.predict("那2025年的目标呢？", ALL, api_name="/ask")
    assert len(chat) == 2 and "结合上文" not in _text(chat[-1])  # cleared: no longer a follow-up


def test_unanswerable_question_is_refused_with_possible_passages(web_server) -> None:
    question = "花都区2035年数字经济增加值目标是多少？"
    chat, panel, _ = _client(web_server).predict(question, ALL, api_name="/ask")
    answer = _text(chat[-1])
    assert "未找到答案" in answer and "[1]" not in answer.replace("\\", "")
    assert 'class="panel refusal"' in panel and "可能相关" in panel and "<mark" not in panel


def test_document_filter_and_errors(web_server) -> None:
    client = _client(web_server)
    _, panel, _ = client.predict("广州试验区的空间格局是什么？", ["gz-pilot-zone"], api_name="/ask")
    docs = {part.split('"', 1)[0] for part in panel.split('data-doc="')[1:]}
    assert docs == {"gz-pilot-zone"}
    chat, _, _ = client.predict("广州试验区的空间格局是什么？", [], api_name="/ask")
    assert "请至少勾选一份文件" in _text(chat[-1])
    chat, _, _ = client.predict("   ", ALL, api_name="/ask")
    error = _text(chat[-1])
    assert "问题不能为空" in error and "请输入要查询的问题" in error and "Traceback" not in error


def test_example_questions_are_answered_from_all_documents(qa) -> None:
    from assistant_web.app import EXAMPLES

    assert 6 <= len(EXAMPLES) <= 8
    *answerable, refused = EXAMPLES
    cited: set[str] = set()
    for question in answerable:
        answer = qa.ask(question)
        assert answer.found, question
        cited.add(answer.citations[0].doc_id)
    assert cited == set(ALL)
    assert not qa.ask(refused).found
