"""HTML rendering of answers, citations and documents: text is always escaped, never markup."""

from __future__ import annotations

from types import SimpleNamespace

from assistant.errors import InvalidQuestionError
from assistant_web import render

EVIL = '<script>alert("x")</script> **粗体** [链接](http://x) ${value} {{value}}'


def _passage(text: str, start: int = 100) -> dict:
    return {
        "text": text,
        "doc_id": "hd-digital-economy",
        "title": "花都区<b>规划</b>",
        "short_name": "花都数字经济规划",
        "section": "一、发展基础 › <i>x</i>",
        "start": start,
        "end": start + len(text),
        "score": 1.0,
        "node_id": "n1",
    }


def test_a_passage_with_script_is_escaped_and_the_quote_marked() -> None:
    quote = "全区实现地区生产总值1682.15亿元。"
    text = f"{EVIL}{quote}其余。"
    start = 100 + text.index(quote)
    answer = {
        "found": True,
        "passages": [_passage(text)],
        "citations": [
            {
                "n": 1,
                "doc_id": "hd-digital-economy",
                "title": "花都区<b>规划</b>",
                "short_name": "花都数字经济规划",
                "section": "一、发展基础",
                "quote": quote,
                "start": start,
                "end": start + len(quote),
                "passage_index": 0,
            }
        ],
    }
    out = render.citations_html(answer)
    assert "<script" not in out and "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in out
    assert f"<mark>{quote}</mark>" in out
    assert "<b>" not in out and "<i>" not in out
    assert 'data-doc="hd-digital-economy"' in out and f'data-qstart="{start}"' in out
    assert "[1]" in out and "花都数字经济规划" in out


def test_refusal_lists_possible_passages_without_marks() -> None:
    out = render.citations_html({"found": False, "citations": [], "passages": [_passage(EVIL)]})
    assert "可能相关" in out and "refusal" in out
    assert "<script" not in out and "<mark" not in out and 'data-qstart="-1"' in out


def test_document_view_escapes_and_highlights_passage_and_quote() -> None:
    text = "前文<script>bad()</script>。段落开头，引文在此。段落结尾。后文。"
    p_start = text.index("段落开头")
    p_end = text.index("后文")
    q_start = text.index("引文在此")
    out = render.document_html("标题<b>", "简称", text, p_start, p_end, (q_start, q_start + 5))
    assert "<script" not in out and "&lt;script&gt;" in out and "标题&lt;b&gt;" in out
    assert '<span class="psg">段落开头，<mark class="hl">引文在此。</mark>段落结尾。</span>' in out


def test_chat_text_neutralises_html_and_markdown() -> None:
    out = render.chat_text(EVIL)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert "\\*\\*粗体\\*\\*" in out and "\\[链接\\]" in out and "\\$" in out


def test_answer_markdown_marks_citations_and_shows_the_rewritten_question() -> None:
    text = "2020 年全区实现地区生产总值 1682.15 亿元；[1]\n<b>到2025年</b>目标。[2]"
    standalone = "花都区2025年地区生产总值的目标是多少？"
    md = render.answer_markdown(text, question="那2025年的目标呢？", standalone=standalone)
    assert "**\\[1\\]**" in md and "**\\[2\\]**" in md
    assert "结合上文" in md and "花都区2025年地区生产总值的目标是多少？" in md
    assert "<b>" not in md and "&lt;b&gt;" in md
    same = render.answer_markdown(text, question="问题", standalone="问题")
    assert "结合上文" not in same
    refused = render.answer_markdown("在现有文件中未找到……", found=False, question="问")
    assert "未找到答案" in refused and "可能相关" in refused


def test_errors_show_message_and_hint_but_no_details() -> None:
    md = render.error_markdown(InvalidQuestionError("问题不能为空。", "请输入要查询的问题。"))
    assert "问题不能为空" in md and "请输入要查询的问题" in md
    generic = render.error_markdown(RuntimeError("/secret/path Traceback"))
    assert "secret" not in generic and "Traceback" not in generic and "系统内部错误" in generic


def test_index_info_lists_documents_chunks_model_and_time() -> None:
    docs = [SimpleNamespace(doc_id="a", title="标题<甲>", short_name="甲", chunks=12)]
    out = render.index_info_html(docs, "builtin:multilingual-e5-small", "2026-11-22T05:57:31", 124.3)
    assert "标题&lt;甲&gt;" in out and ">12<" in out and "multilingual-e5-small" in out
    assert "2026-11-22 05:57:31" in out and "124 秒" in out


def test_generated_answer_marks_every_citation_and_flags_unverified_sentences() -> None:
    text = "地区生产总值为1682.15亿元。[1][2]\n比上年增长4.5%。[1] ⚠未核实"
    md = render.answer_markdown(text, question="问", generated=True)
    assert md.count("**\\[1\\]**") == 2 and "**\\[2\\]**" in md
    assert "⚠ 未核实" in md and "⚠未核实" not in md
    assert "由大模型" in md
    assert "由大模型" not in render.answer_markdown(text, question="问", generated=True, done=False)
