"""The chat page: a Gradio ``Blocks`` app over one shared, already loaded ``Assistant``.

Everything the page does goes through the public API (``stream``, ``document_text``,
``manifest``) and ``assistant.feedback``, so it adds no retrieval or answering logic of its own.
The page is built by ``create_app(qa, settings)`` so the tests can pass the session-built
Assistant; ``launch`` adds the page CSS and the server options the CLI uses.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from functools import lru_cache
from typing import Any

import gradio as gr

from assistant.assistant import Assistant
from assistant.errors import AssistantError
from assistant.feedback import record_feedback
from assistant.settings import Settings
from assistant.types import Answer
from assistant_web import render

log = logging.getLogger(__name__)

TITLE = "政策文件问答助手"
SUBTITLE = "广州市人工智能与数字经济相关政策文件问答 · 每条回答都注明出处，可点击引用查看原文"
# Questions checked against the real index (tests/web/test_web_server.py): all five documents are
# covered, and the last one shows the refusal (the plans set no 2035 target).
EXAMPLES = [
    "花都区2020年地区生产总值是多少？",
    "广州试验区的空间格局是什么？",
    "截至2020年底花都建成了多少个5G基站？",
    "花都区规上工业总产值2025年目标是多少？",
    "广东省数字经济发展指引的“2221”总体参考框架是什么？",
    "深圳聚集了多少家人工智能相关企业？",
    "广州现有多少家国家重点实验室？",
    "花都区2035年数字经济增加值目标是多少？",
]

Turn = dict[str, Any]

# Scoped to each gr.HTML component (``css_template``), so the page looks right however it is launched.
PANEL_CSS = """
.panel-empty { color: var(--body-text-color-subdued); padding: 12px; font-size: 14px; }
.panel-head { font-weight: 600; margin: 4px 0 8px; }
.refusal .panel-head { color: #b45309; }
.card { border: 1px solid var(--border-color-primary); border-left: 4px solid #2563eb; border-radius: 8px;
        padding: 8px 10px; margin-bottom: 8px; cursor: pointer; background: var(--background-fill-primary); }
.card:hover, .card:focus { border-color: #2563eb; outline: none; box-shadow: 0 0 0 2px rgba(37,99,235,.15); }
.card.active { background: #eff6ff; }
.card.maybe { border-left-color: #d97706; }
.meta { font-size: 13px; margin-bottom: 4px; display: flex; gap: 6px; flex-wrap: wrap;
        align-items: baseline; }
.meta .n { font-weight: 700; color: #1d4ed8; }
.meta .doc { font-weight: 600; }
.meta .sec { color: var(--body-text-color-subdued); }
.meta .sec::before { content: "› "; }
.text { font-size: 14px; line-height: 1.65; white-space: pre-wrap; }
.text mark { background: #fde68a; color: inherit; padding: 0 1px; border-radius: 2px; }
.open { font-size: 12px; color: #2563eb; margin-top: 4px; text-align: right; }
"""
DOCUMENT_CSS = """
.panel-empty { color: var(--body-text-color-subdued); padding: 12px; font-size: 14px; }
.doc-title { font-weight: 600; margin: 4px 0 8px; }
.doc-body {
  position: relative; max-height: calc(100vh - 160px); overflow-y: auto;
  white-space: pre-wrap; font-size: 14px; line-height: 1.7; padding: 10px 12px;
  border: 1px solid var(--border-color-primary); border-radius: 8px;
  background: var(--background-fill-primary);
}
.doc-body .psg { background: #e0f2fe; }
.doc-body mark.hl { background: #fde68a; color: inherit; font-weight: 600; }
"""
INDEX_CSS = """
.index-info { font-size: 14px; }
.index-info table { width: 100%; border-collapse: collapse; margin-top: 6px; }
.index-info th, .index-info td { border-bottom: 1px solid var(--border-color-primary); padding: 4px 6px;
                                 text-align: left; }
.index-info td.num { text-align: right; }
"""
# Page-wide: the document column stays in view while the conversation scrolls.
PAGE_CSS = """
#doc-column { position: sticky; top: 8px; align-self: flex-start; }
"""
# A click on a card asks the server for that document, scrolled to the passage.
CITATION_JS = """
const open = (card) => {
  element.querySelectorAll('.card.active').forEach((c) => c.classList.remove('active'));
  card.classList.add('active');
  const d = card.dataset;
  trigger('click', {doc_id: d.doc, start: Number(d.start), end: Number(d.end),
                    qstart: Number(d.qstart), qend: Number(d.qend)});
};
element.addEventListener('click', (e) => { const c = e.target.closest('.card'); if (c) open(c); });
element.addEventListener('keydown', (e) => {
  const c = e.target.closest('.card');
  if (c && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); open(c); }
});
"""
# Scroll the document box (not the page) so the highlighted passage sits near its top third.
DOCUMENT_JS = """
const reveal = () => {
  const box = element.querySelector('.doc-body');
  const target = element.querySelector('mark.hl') || element.querySelector('.psg');
  if (!box || !target) return;
  box.scrollTop = Math.max(0, target.offsetTop - box.clientHeight / 3);
  (element.querySelector('mark.hl') || element).scrollIntoView({block: 'nearest'});
};
watch('value', () => requestAnimationFrame(reveal));
"""


def document_filter(**options: Any) -> gr.CheckboxGroup:
    """The document checkboxes; an API call naming an id outside the catalog gets a Chinese error
    (Gradio's own check would answer in English).

    The check wraps this one component's ``preprocess`` rather than living in a subclass: Gradio
    writes a ``.pyi`` stub next to the source file of every component subclass when it is imported.
    """
    box = gr.CheckboxGroup(**options)
    gradio_preprocess = box.preprocess

    def preprocess(payload: list[str | int | float]) -> list[str | int | float] | list[int | None]:
        known = [value for _, value in box.choices]
        unknown = [str(value) for value in payload or [] if value not in known]
        if unknown:
            raise gr.Error(
                f"未知的文档编号：{'、'.join(unknown)}。可选的文档编号：{'、'.join(map(str, known))}。",
                title="检索范围有误",
                print_exception=False,
            )
        return gradio_preprocess(payload)

    box.preprocess = preprocess
    return box


def create_app(qa: Assistant, settings: Settings) -> gr.Blocks:
    """The page for one loaded ``qa``; handlers share it (it is thread-safe), nothing is reloaded."""
    documents = qa.manifest.documents
    all_ids = [d.doc_id for d in documents]
    titles = {d.doc_id: (d.title, d.short_name) for d in documents}

    @lru_cache(maxsize=16)
    def document_text(doc_id: str) -> str:
        return qa.document_text(doc_id)

    def respond(
        question: str, selected: list[str] | None, turns: list[Turn] | None
    ) -> Iterator[tuple[Any, ...]]:
        """Stream one answer into the chat, then show its citations (the ``ask`` API endpoint)."""
        turns = list(turns or [])
        # One character over the limit still reaches the API, which cuts it and adds its notice;
        # the page never holds or redraws the rest of a pasted 100,000-character text.
        question = (question or "").strip()[: settings.answer.max_question_chars + 1]
        turn: Turn = {"question": question, "ok": False}
        selected = [d for d in (selected or []) if d in titles]
        if not selected:
            turn["markdown"] = "⛔ **请至少勾选一份文件作为检索范围。**"
            yield _outputs(turns + [turn], render.EMPTY_CITATIONS, question)
            return
        history = [(t["standalone"], t["answer"]) for t in turns if t.get("ok")]
        filter_ids = None if len(selected) == len(all_ids) else selected
        streamed = ""
        live = qa.generator is not None  # an extractive answer is whole at once: no partial redraws
        if live:
            turn["markdown"] = "…"
            yield _outputs(turns + [turn], render.EMPTY_CITATIONS, "")
        try:
            for piece in qa.stream(question, history=history, documents=filter_ids):
                if isinstance(piece, Answer):
                    turn.update(_turn_from_answer(question, piece, selected))
                    break
                if live:
                    streamed += piece
                    turn["markdown"] = render.answer_markdown(streamed, question=question, done=False)
                    yield _outputs(turns + [turn], render.EMPTY_CITATIONS, "")
        except AssistantError as exc:
            turn["markdown"] = render.error_markdown(exc)
        except Exception as exc:  # never a traceback in the page; the log keeps it
            log.exception("answering %r failed", question)
            turn["markdown"] = render.error_markdown(exc)
        panel = render.citations_html(turn) if turn.get("ok") else render.EMPTY_CITATIONS
        yield _outputs(turns + [turn], panel, "")

    def clear() -> tuple[Any, ...]:
        """Forget the conversation, so the next question is not read as a follow-up."""
        return [], render.EMPTY_CITATIONS, render.EMPTY_DOCUMENT, "", "", []

    def open_document(evt: gr.EventData) -> str:
        """The clicked citation's document, scrolled to and highlighting the passage."""
        data = getattr(evt, "_data", None) or {}
        try:
            doc_id = str(data["doc_id"])
            start, end = int(data["start"]), int(data["end"])
            quote = (int(data.get("qstart", -1)), int(data.get("qend", -1)))
            text = document_text(doc_id)
        except AssistantError as exc:
            return f'<div class="panel-empty">{render.escape(exc.message)} {render.escape(exc.hint)}</div>'
        except (KeyError, TypeError, ValueError):
            return render.EMPTY_DOCUMENT
        title, short_name = titles.get(doc_id, (doc_id, ""))
        return render.document_html(title, short_name, text, start, end, quote if quote[0] >= 0 else None)

    def show_turn(turns: list[Turn] | None, evt: gr.SelectData) -> str:
        """Clicking an earlier answer shows that answer's citations again."""
        turn = _turn_at(turns, evt.index)
        return render.citations_html(turn) if turn and turn.get("ok") else gr.skip()

    def feedback(turns: list[Turn] | None, comment: str, evt: gr.LikeData) -> tuple[str, Any]:
        """👍/👎 on an answer, with the comment box's text, appended to the feedback file."""
        turn = _turn_at(turns, evt.index)
        rating = _rating(evt.liked)
        if turn is None or rating is None:
            return "已取消评价。" if turn is not None else "", gr.skip()
        try:
            record_feedback(
                settings.feedback_dir,
                question=turn["question"],
                answer=turn.get("answer", ""),
                rating=rating,
                comment=comment or "",
                citations=turn.get("citations") or [],
                standalone_question=turn.get("standalone", ""),
                found=turn.get("found"),
                extra={"documents": turn.get("documents")},
            )
        except OSError:
            log.exception("writing feedback failed")
            return "⛔ 反馈未能保存，请稍后重试或联系管理员。", gr.skip()
        return ("已记录：👍 有帮助。谢谢！" if rating == "up" else "已记录：👎 没帮助。谢谢指正！"), ""

    with gr.Blocks(title=TITLE, analytics_enabled=False) as demo:
        turns = gr.State([])
        gr.Markdown(f"# {TITLE}\n{SUBTITLE}", elem_id="title")
        with gr.Row(equal_height=False):
            with gr.Column(scale=6, min_width=420):  # the conversation, with the citations under it
                doc_filter = document_filter(
                    choices=[(d.short_name or d.title, d.doc_id) for d in documents],
                    value=all_ids,
                    label="检索范围（取消勾选即不在该文件中查找）",
                    elem_id="doc-filter",
                )
                chatbot = gr.Chatbot(
                    label="对话",
                    height=420,
                    latex_delimiters=[],
                    buttons=["copy"],
                    placeholder="请在下方输入问题，或点击示例问题。可以接着追问，例如“那2025年的目标呢？”",
                    elem_id="chat",
                )
                with gr.Row():
                    question = gr.Textbox(
                        show_label=False,
                        placeholder="输入问题后按回车或点击“发送”",
                        lines=1,
                        max_lines=4,
                        scale=6,
                        elem_id="question",
                    )
                    send = gr.Button("发送", variant="primary", scale=1, min_width=80, elem_id="send")
                    clear_button = gr.Button("清空对话", scale=1, min_width=100, elem_id="clear")
                citations = gr.HTML(
                    render.EMPTY_CITATIONS,
                    label="引用",
                    js_on_load=CITATION_JS,
                    css_template=PANEL_CSS,
                    elem_id="citations",
                )
                with gr.Row():
                    comment = gr.Textbox(
                        label="反馈意见（可选）",
                        placeholder="写下意见后，点击回答下方的 👍 或 👎 一并提交",
                        lines=1,
                        scale=4,
                        elem_id="comment",
                    )
                    feedback_status = gr.Markdown("", elem_id="feedback-status")
                gr.Examples(examples=[[q] for q in EXAMPLES], inputs=[question], label="示例问题")
            with gr.Column(scale=5, min_width=360, elem_id="doc-column"):  # the source, opened at the quote
                document = gr.HTML(
                    render.EMPTY_DOCUMENT,
                    label="原文",
                    js_on_load=DOCUMENT_JS,
                    css_template=DOCUMENT_CSS,
                    elem_id="document",
                )
                with gr.Accordion("关于索引", open=False, elem_id="about-index"):
                    m = qa.manifest
                    gr.HTML(
                        render.index_info_html(m.documents, m.embedding_model, m.built_at, m.build_seconds),
                        js_on_load=None,
                        css_template=INDEX_CSS,
                    )

        ask = {
            "fn": respond,
            "inputs": [question, doc_filter, turns],
            "outputs": [chatbot, citations, question, turns],
        }
        send.click(**ask, api_name="ask", show_progress="minimal")
        question.submit(**ask, api_visibility="private", show_progress="minimal")
        clear_button.click(
            clear,
            outputs=[chatbot, citations, document, question, feedback_status, turns],
            api_name="clear",
        )
        # The chat's own trash button clears the conversation the same way.
        chatbot.clear(
            clear,
            outputs=[chatbot, citations, document, question, feedback_status, turns],
            api_visibility="private",
        )
        citations.click(open_document, outputs=[document], api_visibility="private")
        chatbot.select(show_turn, inputs=[turns], outputs=[citations], api_visibility="private")
        chatbot.like(
            feedback, inputs=[turns, comment], outputs=[feedback_status, comment], api_visibility="private"
        )
    # Queue positions once a second: Gradio's "auto" resends every waiting user's estimate each time
    # any answer starts (load test, 50 users: 9.5 -> 9.8 questions/s, within noise, kept as harmless).
    demo.queue(
        default_concurrency_limit=settings.page.concurrency,
        max_size=settings.page.queue_size,
        status_update_rate=1.0,
    )
    return demo


def launch(demo: gr.Blocks, **options: Any) -> Any:
    """``demo.launch`` with the page's defaults (no Gradio footer, errors kept server-side)."""
    options.setdefault("css", PAGE_CSS)
    options.setdefault("footer_links", [])
    options.setdefault("show_error", False)
    options.setdefault("auth_message", "请使用管理员分配的用户名和口令登录。")
    options.setdefault("theme", gr.themes.Soft())
    return demo.launch(**options)


def _outputs(turns: list[Turn], panel: str, question_box: str) -> tuple[Any, ...]:
    return _messages(turns), panel, question_box, turns


def _messages(turns: Sequence[Turn]) -> list[dict[str, str]]:
    """Chat messages for the turns: two per turn, so message ``i`` belongs to turn ``i // 2``."""
    out: list[dict[str, str]] = []
    for t in turns:
        out.append({"role": "user", "content": render.chat_text(t["question"]) or "（空白问题）"})
        out.append({"role": "assistant", "content": t.get("markdown", "")})
    return out


def _turn_from_answer(question: str, answer: Answer, selected: list[str]) -> Turn:
    data = asdict(answer)
    return {
        "question": question,
        "standalone": answer.question or question,
        "answer": answer.text,
        "found": answer.found,
        "citations": data["citations"],
        "passages": data["passages"],
        "documents": selected,
        "ok": True,
        "markdown": render.answer_markdown(
            answer.text,
            found=answer.found,
            question=question,
            standalone=answer.question,
            notice=answer.notice,
            generated=answer.backend != "extractive",
        ),
    }


def _turn_at(turns: list[Turn] | None, index: Any) -> Turn | None:
    if isinstance(index, (list, tuple)):
        index = index[0]
    try:
        position = int(index) // 2
    except (TypeError, ValueError):
        return None
    turns = turns or []
    return turns[position] if 0 <= position < len(turns) else None


def _rating(liked: Any) -> str | None:
    if liked is True or liked == "Like":
        return "up"
    if liked is False or liked == "Dislike":
        return "down"
    return None
