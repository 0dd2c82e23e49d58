"""HTML and chat-markdown for answers, citations and documents.

Document text, questions and quotes come from files and users and may contain markup
(``<script>``, ``**``, ``[x](y)``): everything is escaped first and only then wrapped in our own
tags (``<mark>`` for highlights), so what staff read is always the text itself.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from typing import Any

from assistant.answering.verification import UNVERIFIED_MARK
from assistant.errors import AssistantError

# Markdown/LaTeX characters the chat renderer would act on, escaped with a backslash.
_MD_SPECIAL = re.compile(r"([\\`*_\[\]#|~$])")
_MD_LINE_START = re.compile(r"(?m)^(\s*\d*)([-+=.)])")
_STOPS = ("。", "；", "\n")
_UNVERIFIED_NOTE = "*⚠ 未核实：该句的数字或引用与原文不符，请核对原文*"
_ESCAPED_MARKER = re.compile(r"\\\[(\d+)\\\]")

EMPTY_CITATIONS = '<div class="panel-empty">提问后，这里列出回答引用的原文段落；点击段落可查看原文。</div>'
EMPTY_DOCUMENT = '<div class="panel-empty">点击左侧的引用或段落，在此查看该文件的原文，并高亮所引内容。</div>'


def escape(text: object) -> str:
    """Text as inert HTML (quotes too, so it is safe inside attributes)."""
    return html.escape(str(text), quote=True)


def chat_text(text: str) -> str:
    """Text for the chat bubble (rendered as Markdown): HTML-escaped, Markdown marks neutralised."""
    out = _MD_SPECIAL.sub(r"\\\1", html.escape(text, quote=False))
    return _MD_LINE_START.sub(r"\1\\\2", out)


def highlight(text: str, start: int, end: int, css_class: str = "") -> str:
    """``text`` escaped, with ``text[start:end]`` wrapped in ``<mark>``."""
    start, end = _clamp(start, end, len(text))
    attrs = f' class="{escape(css_class)}"' if css_class else ""
    return f"{escape(text[:start])}<mark{attrs}>{escape(text[start:end])}</mark>{escape(text[end:])}"


def answer_markdown(
    text: str,
    *,
    found: bool = True,
    question: str = "",
    standalone: str = "",
    notice: str = "",
    done: bool = True,
    generated: bool = False,
) -> str:
    """The assistant's chat bubble: rewritten question, notice, then the answer with bold ``[n]``.

    ``text`` may be the part streamed so far. Each answer line is one sentence with its markers; a
    generated sentence that failed the check ends in ``⚠未核实``, shown emphasised. ``generated``
    adds a line saying the model wrote the answer and how it was checked.
    """
    parts: list[str] = []
    if standalone and standalone.strip() != question.strip():
        parts.append(f"🔎 结合上文，按此问题检索：**{chat_text(standalone)}**")
    if notice:
        parts.append(f"⚠️ {chat_text(notice)}")
    if not found:
        parts.append(f"❔ **未找到答案。** {chat_text(text)}")
        if done:
            parts.append("（右侧列出了可能相关的段落，可点击查看原文。）")
        return "\n\n".join(parts)
    lines = []
    for line in text.split("\n"):
        if line.strip():
            marked = _ESCAPED_MARKER.sub(r" **\\[\1\\]**", chat_text(line))
            lines.append(marked.replace(UNVERIFIED_MARK, _UNVERIFIED_NOTE))
    parts.append("\n".join(lines) if lines else "…")
    if generated and done:
        parts.append("*（由大模型依据下列段落生成，已逐句核对引用与数字。）*")
    return "\n\n".join(parts)


def error_markdown(exc: Exception) -> str:
    """An API error in the chat: its Chinese message and hint; other errors get a generic note."""
    if isinstance(exc, AssistantError):
        hint = f"\n\n{chat_text(exc.hint)}" if exc.hint else ""
        return f"⛔ **{chat_text(exc.message)}**{hint}"
    return "⛔ **系统内部错误，未能回答该问题。** 请稍后重试；如果问题持续出现，请联系管理员查看服务日志。"


def citations_html(answer: Mapping[str, Any]) -> str:
    """The panel under the answer: every cited passage (quote highlighted), or, when nothing was
    found, the closest passages marked as only possibly related. Each card opens the document."""
    passages = list(answer.get("passages") or [])
    if answer.get("found"):
        cards = []
        for c in answer.get("citations") or []:
            index = int(c.get("passage_index", 0))
            p = passages[index] if 0 <= index < len(passages) else None
            if (
                p is not None
                and p["doc_id"] == c["doc_id"]
                and p["start"] <= c["start"] <= c["end"] <= p["end"]
            ):
                body = _excerpt(p["text"], c["start"] - p["start"], c["end"] - p["start"])
                span = (p["start"], p["end"])
            else:  # no passage to show around the quote: show the quote alone
                body = highlight(c["quote"], 0, len(c["quote"]))
                span = (c["start"], c["end"])
            cards.append(
                _card(f"[{c['n']}]", c, body, span, (c["start"], c["end"]), "cite", "查看原文并定位引文")
            )
        head = f"引用（{len(cards)}）"
        return f'<div class="panel"><div class="panel-head">{head}</div>{"".join(cards)}</div>'
    if not passages:
        return '<div class="panel refusal"><div class="panel-head">未找到相关段落</div></div>'
    cards = [
        _card(f"({i})", p, escape(_shorten(p["text"])), (p["start"], p["end"]), None, "maybe", "查看原文")
        for i, p in enumerate(passages[:3], start=1)
    ]
    head = "可能相关（未能据此作答，请核对原文）"
    return f'<div class="panel refusal"><div class="panel-head">{head}</div>{"".join(cards)}</div>'


def _card(
    label: str,
    source: Mapping[str, Any],
    body: str,
    span: tuple[int, int],
    quote: tuple[int, int] | None,
    kind: str,
    action: str,
) -> str:
    name = source.get("short_name") or source.get("title") or source.get("doc_id")
    section = source.get("section") or ""
    section_html = f'<span class="sec">{escape(section)}</span>' if section else ""
    qstart, qend = quote if quote else (-1, -1)
    return (
        f'<div class="card {kind}" role="button" tabindex="0" data-doc="{escape(source["doc_id"])}" '
        f'data-start="{span[0]}" data-end="{span[1]}" data-qstart="{qstart}" data-qend="{qend}" '
        f'title="{escape(source.get("title") or "")}">'
        f'<div class="meta"><span class="n">{escape(label)}</span>'
        f'<span class="doc">{escape(name)}</span>{section_html}</div>'
        f'<div class="text">{body}</div><div class="open">{action} ›</div></div>'
    )


def document_html(
    title: str, short_name: str, text: str, start: int, end: int, quote: tuple[int, int] | None = None
) -> str:
    """A document's cleaned text with the passage ``[start:end]`` shaded and the quote marked."""
    start, end = _clamp(start, end, len(text))
    if quote and 0 <= quote[0] < quote[1]:
        qs, qe = _clamp(quote[0], quote[1], len(text))
        qs, qe = max(qs, start), min(qe, end)
        passage = (
            highlight(text[start:end], qs - start, qe - start, "hl") if qs < qe else escape(text[start:end])
        )
    else:
        passage = escape(text[start:end])
    body = f'{escape(text[:start])}<span class="psg">{passage}</span>{escape(text[end:])}'
    name = f"（{escape(short_name)}）" if short_name else ""
    return (
        f'<div class="doc-view"><div class="doc-title">《{escape(title)}》{name}</div>'
        f'<div class="doc-body">{body}</div></div>'
    )


def index_info_html(
    documents: Sequence[Any], embedding_model: str, built_at: str, build_seconds: float
) -> str:
    """The "关于索引" panel: documents, passage counts, model and build time."""
    rows = "".join(
        f"<tr><td>{escape(d.short_name)}</td><td>{escape(d.title)}</td><td>{escape(d.doc_id)}</td>"
        f'<td class="num">{int(d.chunks)}</td></tr>'
        for d in documents
    )
    total = sum(int(d.chunks) for d in documents)
    when = escape(str(built_at).replace("T", " "))
    return (
        f'<div class="index-info"><p>共 {len(documents)} 份文件、{total} 个段落。'
        f"向量模型：<code>{escape(embedding_model)}</code>；"
        f"索引建立于 {when}（用时 {float(build_seconds):.0f} 秒）。</p>"
        f"<table><thead><tr><th>简称</th><th>文件标题</th><th>编号</th><th>段落数</th></tr></thead>"
        f"<tbody>{rows}</tbody></table></div>"
    )


def _excerpt(text: str, start: int, end: int, context: int = 120) -> str:
    """The quote marked inside about ``context`` characters of its passage on each side, cut at
    sentence ends, so the panel stays short; the document view shows the whole passage."""
    start, end = _clamp(start, end, len(text))
    left, right = max(0, start - context), min(len(text), end + context)
    if left > 0:  # start at the first sentence beginning inside the window
        cuts = [i for i in (text.find(stop, left, start) for stop in _STOPS) if i >= 0]
        left = min(cuts) + 1 if cuts else left
    if right < len(text):  # end at the last sentence end inside the window
        right = max(text.rfind(stop, end, right) for stop in _STOPS) + 1 or right
    before = "…" + escape(text[left:start].lstrip()) if left > 0 else escape(text[:start])
    after = escape(text[end:right].rstrip()) + "…" if right < len(text) else escape(text[end:])
    return f"{before}<mark>{escape(text[start:end])}</mark>{after}"


def _shorten(text: str, limit: int = 220) -> str:
    return text if len(text) <= limit else text[:limit] + "…"


def _clamp(start: int, end: int, length: int) -> tuple[int, int]:
    start = min(max(int(start), 0), length)
    return start, min(max(int(end), start), length)
