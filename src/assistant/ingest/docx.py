"""Word (.docx) files as markdown-like text, so ``clean_text`` cleans them like every other file.

Word heading styles become ``#`` headings and tables become ``| a | b |`` rows; everything else is
left to ``clean_text``, which is what keeps block offsets exact substrings of the stored text.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import docx
from docx.document import Document as WordDocument
from docx.table import Table, _Row
from docx.text.paragraph import Paragraph

from assistant.errors import CorpusError
from assistant.ingest.headings import CAPTION_RANK, TITLE_RANK, classify_heading

_TITLE_STYLES = {"title", "subtitle", "标题", "副标题"}
_HEADING_PREFIXES = ("heading ", "heading", "标题 ", "标题")
_TOC_PREFIXES = ("toc", "目录")
_MAX_MARKDOWN_LEVEL = 9  # the deepest heading clean_text reads, as Word has nine heading levels
_TITLE = 0  # heading level of Title/Subtitle paragraphs


def docx_to_text(path: Path) -> str:
    """The document's paragraphs and tables in order, headings marked from their Word styles."""
    paragraphs = _blocks(_open(path))
    title = _title_heading(paragraphs)
    levels = [(item, _heading_level(item)) for item in paragraphs if isinstance(item, Paragraph)]
    outline = _Outline([(level, _paragraph_text(p)) for p, level in levels if level and p is not title])
    lines: list[str] = []
    for item in paragraphs:
        if isinstance(item, Table):
            lines.extend(_table_rows(item))
            continue
        text, level = _paragraph_text(item), _heading_level(item)
        if not text:
            continue
        if level is None:
            lines.append(text)
        elif level == _TITLE or item is title:
            lines.append("# " + text)
        else:
            lines.append("#" * outline.markdown_level(level, text) + " " + text)
    return "\n".join(lines) + "\n"


def docx_title(path: Path) -> str | None:
    """The Title-styled paragraph(s), else a lone unnumbered Heading 1 opening the document."""
    paragraphs = [p for p in _blocks(_open(path)) if isinstance(p, Paragraph)]
    titles = [_paragraph_text(p) for p in paragraphs if _style_name(p) in ("title", "标题")]
    if any(titles):
        return "".join(t for t in titles if t)
    heading = _title_heading(paragraphs)
    return _paragraph_text(heading) if heading is not None else None


def _open(path: Path) -> WordDocument:
    try:
        return docx.Document(str(path))
    except Exception as exc:  # python-docx raises zip, XML and key errors alike on a damaged file
        raise CorpusError(
            f"{path.name}：无法打开 Word 文件（文件已损坏、设有密码，或并非 .docx 格式）。",
            "请用 Word 打开并另存为不设密码的 .docx 后重试。",
        ) from exc


def _blocks(document: WordDocument) -> list[Paragraph | Table]:
    """Body paragraphs and tables in document order, without table-of-contents entries."""
    return [
        item
        for item in document.iter_inner_content()
        if isinstance(item, Table) or not _style_name(item).startswith(_TOC_PREFIXES)
    ]


def _title_heading(blocks: list[Paragraph | Table]) -> Paragraph | None:
    """A Heading 1 that opens the document and has no unnumbered Heading 1 sibling is its title.

    Many Word files style the document title as Heading 1; left as a heading it would head every
    section path. Unnumbered Heading 1 siblings mean Heading 1 is used for sections instead.
    """
    paragraphs = [p for p in blocks if isinstance(p, Paragraph) and _paragraph_text(p)]
    level_one = [p for p in paragraphs if _heading_level(p) == 1]
    if not paragraphs or not level_one or paragraphs[0] is not level_one[0]:
        return None
    unnumbered = [p for p in level_one if classify_heading(_paragraph_text(p)) is None]
    return level_one[0] if unnumbered == [level_one[0]] else None


class _Outline:
    """Markdown levels for Word headings: the one place Word heading levels meet heading ranks.

    In ``classify_heading`` markdown levels 1-2 are document titles and deeper levels rank as
    themselves, but numbered text ranks by its numbering whatever its level (第X章 2, 一、 4,
    （一） 5, 1. 6, （1） 7). So an unnumbered heading takes the rank of the numbered headings that
    share its Word level in this document (a Heading 1 "三、主要任务" makes Heading 1 "发展基础"
    rank 4 too); at a level with no numbered heading, Heading N ranks N + 2 (Heading 1 just above
    一、). Either way a heading ranks below the Word heading it sits under, so it nests inside it.
    """

    def __init__(self, headings: list[tuple[int, str]]) -> None:
        counts: dict[int, Counter[float]] = {}
        for level, text in headings:
            numbered = classify_heading(text)
            if numbered is not None and TITLE_RANK < numbered.rank < CAPTION_RANK:
                counts.setdefault(level, Counter())[numbered.rank] += 1
        self._level_rank = {level: c.most_common(1)[0][0] for level, c in counts.items()}
        self._open: list[tuple[int, float]] = []  # (Word level, rank) of the headings still open

    def markdown_level(self, level: int, text: str) -> int:
        while self._open and self._open[-1][0] >= level:
            self._open.pop()
        parent = max(self._open[-1][1], TITLE_RANK) if self._open else TITLE_RANK
        numbered = classify_heading(text)
        if numbered is not None:
            self._open.append((level, numbered.rank))
            return min(level + 2, _MAX_MARKDOWN_LEVEL)  # a heading, not a title; its numbering ranks it
        rank = min(max(int(self._level_rank.get(level, level + 2)), int(parent) + 1), _MAX_MARKDOWN_LEVEL)
        self._open.append((level, rank))
        return rank


def _heading_level(paragraph: Paragraph) -> int | None:
    """0 for Title/Subtitle, 1-9 for headings, None for body text: from the style or its outline level.

    Styles are matched by name through their base styles (custom styles are usually based on
    "Heading 1"); Chinese Word writes the English built-in names, WPS may write 标题 1.
    """
    style = paragraph.style
    for _ in range(10):  # base styles can form a cycle in a damaged file
        if style is None:
            break
        name = (style.name or "").strip().lower()
        if name in _TITLE_STYLES:
            return _TITLE
        for prefix in _HEADING_PREFIXES:
            digit = name.removeprefix(prefix)
            if digit != name and digit.isdigit() and 1 <= int(digit) <= 9:
                return int(digit)
        style = style.base_style
    return _outline_level(paragraph)


def _outline_level(paragraph: Paragraph) -> int | None:
    """Word's outline level (0-8; 9 is body text), set on the paragraph or on its style chain."""
    elements = [paragraph._p]
    style = paragraph.style
    for _ in range(10):
        if style is None:
            break
        elements.append(style.element)
        style = style.base_style
    for element in elements:
        values = element.xpath("./w:pPr/w:outlineLvl/@w:val")
        if values:
            value = int(values[0]) if str(values[0]).isdigit() else 9
            return value + 1 if value < 9 else None
    return None


def _style_name(paragraph: Paragraph) -> str:
    style = paragraph.style
    return (style.name or "").strip().lower() if style is not None else ""


def _paragraph_text(paragraph: Paragraph) -> str:
    """The paragraph's text; a heading's manual line breaks are joined (CJK titles break anywhere)."""
    text = paragraph.text.strip()
    if _heading_level(paragraph) is not None:
        text = _join(text.split("\n"))
    return text


def _join(parts: list[str]) -> str:
    out = ""
    for part in (p.strip() for p in parts):
        if out and part and out[-1].isascii() and part[0].isascii():
            out += " "
        out += part
    return out


def _table_rows(table: Table) -> list[str]:
    """One ``| a | b |`` line per row; a merged cell's text appears once per row it spans."""
    rows = []
    for row in table.rows:
        cells = _row_cells(row)
        if any(cells):
            rows.append("| " + " | ".join(cells) + " |")
    return rows


def _row_cells(row: _Row) -> list[str]:
    cells: list[str] = []
    previous = None
    for cell in row.cells:
        if cell._tc is previous:  # a horizontally merged cell is returned once per grid column
            continue
        previous = cell._tc
        parts = []
        for item in cell.iter_inner_content():
            if isinstance(item, Table):
                parts.extend(" ".join(_row_cells(r)) for r in item.rows)
            else:
                parts.append(item.text)
        cells.append(" ".join(" ".join(parts).split()))
    return cells
