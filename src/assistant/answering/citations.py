"""How answers and their citations are written out for people (Chinese text, ``[n]`` markers)."""

from __future__ import annotations

from assistant.types import Answer, Citation, Passage

NOT_FOUND = "在现有文件中未找到与该问题直接相关的内容。"


def compose(citations: list[Citation]) -> str:
    """The answer text: each quoted sentence followed by its marker."""
    return "\n".join(f"{c.quote}[{c.n}]" for c in citations)


REFUSAL_REASONS = {
    "anchor": "文件没有给出所问年份、地区或批次的这项内容。",
    "figure": "文件没有给出所问的数字。",
    "date": "文件没有写明具体日期。",
    "day": "文件没有写明具体是哪一天。",
    "document_number": "文件没有给出所问文件的文号。",
    "year": "文件没有写明是哪一年。",
    "rank": "文件没有给出排名。",
    "comparison": "文件没有对所问的两方作比较，也没有分别给出可比较的数字。",
    "money": "文件没有写明这笔资金的具体金额。",
    "counted": "文件没有给出所问对象的数量。",
    "firm": "文件没有点名具体企业。",
    "district": "文件没有写明具体在哪个区。",
    "city": "文件没有写明具体在哪个城市。",
    "person": "文件没有写明具体人选。",
    "body": "文件没有写明是哪家单位或机构。",
    "road": "文件没有写明是哪几条道路。",
    "award": "文件没有提到所问的奖项或称号。",
    "part": "文件只给出了总数，没有按所问的部分细分。",
    "list": "文件没有逐一列出所问的对象。",
    "per_item": "文件只给出了总额或总数，没有写明每一个（每家、每项）的数额。",
    "unstated_share": "文件只说按“一定比例”，没有给出具体比例。",
    "site": "文件给出的数字不是所问园区、项目或基地本身的。",
    "target": "文件只给出了目标值，没有写实际完成情况。",
    "outcome": "文件只写了实际取得的成效，没有写当初定的目标。",
    "approximate": "文件只给出了约数（如“几百家”），没有具体数字。",
    "blank": "文件中这项指标的数值是空缺的（原文印作“*”）。",
    "frequency": "文件没有写明所问事项多久进行一次（频次）。",
    "duration": "文件没有写明所问事项的期限或时长。",
    "criteria": "文件没有写明所问的条件或标准。",
    "choice": "文件没有说明属于所问的哪一种情形（问题给出的几种说法文件都没有提到）。",
    "section": "文件中没有所问编号的这一部分（专栏、附件、部分或篇、章、条）。",
}
"""Why a near miss is refused, said to the user after the refusal: the passages listed below it
share the question's words, so the user should know what they lack."""


def refusal_text(question: str, reason: str = "") -> str:
    return f"{NOT_FOUND}{reason}下面列出的段落可能相关，请核对原文。" if question else NOT_FOUND


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
