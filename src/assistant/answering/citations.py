"""How answers and their citations are written out for people (Chinese text, ``[n]`` markers)."""

from __future__ import annotations

from assistant.types import Answer, Citation, Passage

NOT_FOUND = "在现有文件中未找到与该问题直接相关的内容。"


def compose(citations: list[Citation]) -> str:
    """The answer text: each quoted sentence followed by its marker."""
    return "\n".join(f"{c.quote}[{c.n}]" for c in citations)


def refusal_text(question: str) -> str:
    return f"{NOT_FOUND}下面列出的段落可能相关，请核对原文。" if question else NOT_FOUND


def format_citation(c: Citation) -> str:
    section = f" › {c.section}" if c.section else ""
    return f"[{c.n}] 《{c.title}》{section}\n    “{c.quote}”"


def format_passage(i: int, p: Passage) -> str:
    section = f" › {p.section}" if p.section else ""
    text = p.text if len(p.text) <= 160 else p.text[:160] + "…"
    return f"({i}) 《{p.title}》{section}\n    {text}"


def format_answer(answer: Answer) -> str:
    """Plain-text rendering shared by the CLI and logs."""
    lines = [answer.text]
    if answer.notice:
        lines.insert(0, f"提示：{answer.notice}")
    if answer.found:
        lines += ["", "引用："] + [format_citation(c) for c in answer.citations]
    elif answer.passages:
        lines += ["", "可能相关："] + [format_passage(i + 1, p) for i, p in enumerate(answer.passages[:3])]
    return "\n".join(lines)
