"""Recognise the numbering styles Chinese policy documents use for their headings.

Ranks order the styles from outermost to innermost; a document uses a subset of them, so the
section path is built with a stack (a heading closes every open heading of equal or deeper rank).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CN_NUM = "一二三四五六七八九十百零〇两"
_DIGIT_VALUE = {**dict(zip("一二三四五六七八九", range(1, 10), strict=True)), "两": 2}


def numeral_value(text: str) -> int:
    """The number written in digits or in Chinese numerals up to 九十九 (十一 → 11, 两 → 2); 0 when it
    is not read (百 and above). Headings number their parts this way, and plans count items so."""
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _DIGIT_VALUE.get(text, 0)
    tens, _, units = text.partition("十")
    return (_DIGIT_VALUE.get(tens, 1) if tens else 1) * 10 + _DIGIT_VALUE.get(units, 0)


TITLE_RANK = 0
TOP_RANK = -1  # 前言/附件 etc.: placed at the document's own outermost level, resolved per document
CAPTION_RANK = 10

# (rank, pattern); the first group, when present, is the heading's own label.
_PATTERNS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^第[{CN_NUM}\d]+篇")),
    (2, re.compile(rf"^第[{CN_NUM}\d]+章")),
    (3, re.compile(rf"^第[{CN_NUM}\d]+节")),
    (4, re.compile(rf"^[{CN_NUM}]+、")),
    (5, re.compile(rf"^[（(][{CN_NUM}]+[）)]")),
    (6, re.compile(r"^\d{1,2}[.．、](?=\D|\d+[A-Za-z])")),
    (7, re.compile(r"^[（(]\d{1,2}[）)]")),
    (8, re.compile(rf"^第[{CN_NUM}\d]+条")),
    (9, re.compile(r"^专栏\s*\d+")),
    (CAPTION_RANK, re.compile(r"^[图表]\s*\d+(?:[-－.]\d+)?\s*\S")),
]
_TOP_WORDS = re.compile(
    r"^(前\s*言|序\s*言|引\s*言|结\s*语|附\s*[件录][一二三四五六七八九十\d]*)(?:[：:\s]|$)"
)
_SENTENCE_END = "。！？；"
MAX_TITLE_CHARS = 40
_DEFINED_TERM = re.compile(r"[^：:，。；]{1,20}[：:](?=\S.{5,})")
"""A glossary entry's term (``1.人工智能：是研究、开发用于…``): the term is the heading and its
definition, which the PDF wraps onto the next lines, the body; as a title the definition was cut
at the line's end and its rest read as the next paragraph."""


@dataclass(frozen=True)
class Heading:
    rank: float
    title: str
    has_body: bool  # the line goes on past the heading's title into body text


def classify_heading(line: str, markdown_level: int = 0) -> Heading | None:
    """Return the heading a cleaned line starts with, or None for body text.

    Inline headings such as ``（一）加强组织领导。成立……`` keep their first sentence as the title and
    are flagged ``has_body`` so the caller keeps the whole line as a paragraph too.
    """
    text = line.strip()
    if not text:
        return None
    if _TOP_WORDS.match(text) and len(text) <= MAX_TITLE_CHARS and not _ends_sentence(text):
        return Heading(TOP_RANK, text, has_body=False)
    for rank, pattern in _PATTERNS:
        match = pattern.match(text)
        if not match:
            continue
        if rank == CAPTION_RANK:
            if len(text) > MAX_TITLE_CHARS or _ends_sentence(text):
                return None
            return Heading(rank, text, has_body=False)
        if rank == 8:  # 第X条 starts an article: the label is the title, the rest is its text
            return Heading(rank, match.group(0), has_body=len(text) > len(match.group(0)))
        term = _DEFINED_TERM.match(text, match.end()) if rank in (6, 7) else None
        if term:
            return Heading(rank, text[: term.end() - 1], has_body=True)
        return _titled(rank, text)
    if markdown_level:
        return _titled(TITLE_RANK if markdown_level <= 2 else markdown_level, text)
    return None


def _titled(rank: int, text: str) -> Heading | None:
    cut = min((i for i in (text.find(p) for p in _SENTENCE_END) if i >= 0), default=-1)
    if cut == -1:
        if len(text) > MAX_TITLE_CHARS * 2:
            return None  # a long unpunctuated line is a run-on paragraph, not a title
        return Heading(rank, text, has_body=False)
    title = text[:cut]
    if len(title) > MAX_TITLE_CHARS:
        title = title[:MAX_TITLE_CHARS] + "…"
    return Heading(rank, title, has_body=cut + 1 < len(text))


def _ends_sentence(text: str) -> bool:
    return text.rstrip("”’）》」』\"')")[-1:] in _SENTENCE_END
