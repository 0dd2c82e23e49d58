"""Turn raw extracted text (PDF dumps, Word exports, markdown) into clean paragraphs with section paths.

The stored text is never NFKC-normalised: quotes shown to users must be exact substrings of
``CleanDocument.text``, full-width punctuation included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Literal

from assistant.ingest.headings import CAPTION_RANK, TITLE_RANK, TOP_RANK, Heading, classify_heading

BlockKind = Literal["heading", "text", "note", "caption"]

_BOOKMARK = re.compile(r"\[(?:bookmark|image):[^\]]*\]")
_EMPHASIS = re.compile(r"\*\*|__")
_MD_HEADING = re.compile(r"^(#{1,9})\s+")  # 7-9 only from docx_to_text: Word has nine heading levels
_MD_TABLE_ROW = re.compile(r"^\|(.*)\|$")
_MD_TABLE_RULE = re.compile(r"^\|?(\s*:?-{3,}:?\s*\|)*\s*:?-{3,}:?\s*\|?$")
_TABLE_ROW = -1  # pseudo markdown level of a table row: a paragraph of its own, never joined
_TABLE_CELL = -2  # a tab-indented line: one cell of a PDF table, joined like text, never a page number
_NUMBER_ONLY = re.compile(r"^\d{1,3}$")
_NOTE_START = re.compile(r"^(数据来源|资料来源|来源|注)\s*[：:]")
# A task table's "responsible units" cell ends a row (``花都海关牵头，市公安局花都分局配合``) when
# the next row's number follows (``24``, ``7 区块链产业培育。``, ``五 构建新型创新发展体系``). The
# cell is a narrow column, so its lines are short; a full-width line ending in 牵头 before a page
# number is a sentence broken by the page foot.
_CELL_LINE_MAX = 12
# The second line of an annex title (``附件一：《…发展规划》`` / ``任务分解表``): without it no
# passage of the table but the first says what table it is in.
_TABLE_TITLE = re.compile(r"[^，。；：,;:\s]{1,12}(?:表|清单|名单|目录)")
_UNITS_CELL_END = re.compile(r"(?:牵头|配合)[，。；,]?$")
_ROW_START = re.compile(r"^(?:\d{1,3}|[一二三四五六七八九十]{1,3})(?:\s|$)")
# The next row's task name (``智能医疗。``) on a line of its own: its text follows.
_ROW_TASK = re.compile(r"[^，、：；。,:;]{2,20}。")
_CLOSERS = "”’）》」』\"')"
_SENTENCE_END = "。！？；!?;"
_TITLE_LINE_MAX = 20
_UNNUMBERED_HEADING_MAX = 40
_CASE_TITLE = re.compile(r"^[^，。；、（）()“”\s]{2,12}[：:][^。；：:（）()]+$")
"""A case study's title: a place or body, a colon, and what it did, often in two clauses
(``汕头高新区：打造融通发展生态，助力国家级试点创新型产业集群建设``)."""
SECTION_SEPARATOR = " › "
_APPENDIX = re.compile(r"附\s*[件录]")


@dataclass(frozen=True)
class Block:
    """One paragraph of the cleaned document; ``start``/``end`` index ``CleanDocument.text``."""

    kind: BlockKind
    text: str
    start: int
    end: int
    section: tuple[str, ...]

    @property
    def section_label(self) -> str:
        return SECTION_SEPARATOR.join(self.section)


@dataclass
class CleanDocument:
    text: str
    blocks: list[Block] = field(default_factory=list)


@dataclass
class _Para:
    kind: BlockKind
    lines: list[str]
    heading: Heading | None = None

    @property
    def text(self) -> str:
        return _join_lines(self.lines)


def clean_text(raw: str) -> CleanDocument:
    """Clean one document: rejoin broken lines, drop page/footnote numbers, find headings."""
    paras = _paragraphs(_normalise(raw))
    return _assemble(paras)


def _normalise(raw: str) -> list[tuple[str, int]]:
    """Lines without markup, each with its markdown heading level (0 for none); blank lines dropped.

    Markdown table rows (``| a | b |``, as ``docx_to_text`` writes Word tables) lose their outer bars
    and get level ``_TABLE_ROW``; their ``|---|`` rules are dropped. Tab-indented lines are the
    cells of a PDF table (level ``_TABLE_CELL``): "400" alone on such a line is a target, not a
    page number.
    """
    text = raw.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    text = _BOOKMARK.sub("", text)
    out: list[tuple[str, int]] = []
    indented: list[bool] = []
    for raw_line in text.split("\n"):
        line = _EMPHASIS.sub("", raw_line).replace("\t", " ").replace("\u3000", " ").strip()
        level = _TABLE_CELL if raw_line.startswith("\t") else 0
        match = _MD_HEADING.match(line)
        row = _MD_TABLE_ROW.match(line)
        if match:
            level = len(match.group(1))
            line = line[match.end() :].strip()
        elif _MD_TABLE_RULE.match(line):
            continue
        elif row:
            level = _TABLE_ROW
            line = row.group(1).strip()
        if line:
            out.append((line, level))
            indented.append(raw_line.startswith(" ") and not raw_line.startswith("  "))
    return _cells_after_their_row(out, indented)


def _cells_after_their_row(lines: list[tuple[str, int]], indented: list[bool]) -> list[tuple[str, int]]:
    """Put a task table's units cell back after the row text the PDF extractor printed it inside.

    The extractor sometimes emits the narrow units column (``区科技工业商`` / ``务信息化局牵`` / ``头，…
    配合``) in the middle of the task text, whose rest follows on a line indented by one space
    (`` 中心网络保障，…``). Left so, the task's sentence is cut in two and its second half reads as
    the next row's. The rest of the text, up to the next row or heading, is moved before the cell.
    """
    out = list(lines)
    k = 1
    while k < len(out):
        j = k
        while indented[k] and j > 1 and out[j - 1][1] == 0 and len(out[j - 1][0]) <= _CELL_LINE_MAX:
            j -= 1  # back over the short lines of a cell printed before this indented rest of its row
        cell = "".join(line for line, _ in out[j:k])
        if j < k and "牵头" in cell and _UNITS_CELL_END.search(cell) and not _ends_sentence(out[j - 1][0]):
            end = k + 1
            while (
                end < len(out)
                and out[end][1] == 0
                and not _ROW_START.match(out[end][0])
                and classify_heading(out[end][0]) is None
            ):
                end += 1
            out[j:end] = out[k:end] + out[j:k]
            k = end
        k += 1
    return out


def _paragraphs(lines: list[tuple[str, int]]) -> list[_Para]:
    """Group lines into paragraphs.

    A PDF line that does not end a sentence continues on the next line, even across a page foot.
    Footnote texts (数据来源：…) are held back to the end of their section: emitted where the page
    foot fell, they split a section's passages and lend them words the section does not say; a
    caption dropped mid-sentence is emitted after its paragraph.
    """
    paras: list[_Para] = []
    current: _Para | None = None
    notes: list[_Para] = []
    new_row = row_task = False  # a task table's row just closed / its task name opens `current`

    def close(section_ends: bool = False) -> None:
        nonlocal current
        if current is not None:
            paras.append(current)
            current = None
        held = not section_ends
        paras.extend(n for n in notes if not (held and n.kind == "note"))
        notes[:] = [n for n in notes if held and n.kind == "note"]

    i = 0
    while (
        i < len(lines)
        and lines[i][1] in (0, 1, 2)  # a deeper markdown heading or a table row ends the title
        and _is_title_line(lines[i][0])
        and not classify_heading(lines[i][0])
    ):
        i += 1
    if i:
        title = "".join(line for line, _ in lines[:i])
        paras.append(_Para("heading", [title], Heading(TITLE_RANK, title, has_body=False)))
    while i < len(lines):
        line, md_level = lines[i]
        cell = md_level == _TABLE_CELL
        if cell:
            md_level = 0
        nxt = lines[i + 1][0] if i + 1 < len(lines) else ""
        if (
            current is not None
            and len(current.lines[-1]) <= _CELL_LINE_MAX
            and _UNITS_CELL_END.search("".join(current.lines[-2:]))
            and _ROW_START.match(line)
        ):
            close()  # the next row must not run on from the units that close this one
            new_row = True
        if md_level == _TABLE_ROW:
            close()
            paras.append(_Para("text", [line]))
            i += 1
            continue
        if _NUMBER_ONLY.match(line) and not cell:
            if _NOTE_START.match(nxt):
                notes.append(_Para("note", [nxt]))
                i += 2
            else:
                i += 1  # page number or footnote reference
            continue
        if _NOTE_START.match(line) and line.startswith(("数据来源", "资料来源")):
            notes.append(_Para("note", [line]))
            i += 1
            continue
        heading = classify_heading(line, md_level)
        unfinished = current is not None and not _ends_sentence(current.lines[-1])
        if heading is not None and heading.rank == CAPTION_RANK:
            # Captions label a figure or a flattened table; they are kept as text, not as sections,
            # and one dropped mid-sentence by the extractor waits until the sentence ends.
            if unfinished:
                notes.append(_Para("caption", [line]))
            else:
                close()
                paras.append(_Para("caption", [line]))
        elif heading is not None:
            close(section_ends=True)
            if not heading.has_body and _TABLE_TITLE.fullmatch(nxt) and classify_heading(nxt) is None:
                heading = replace(heading, title=heading.title + nxt)
                i += 1
            paras.append(_Para("heading", [heading.title], heading))
            if heading.has_body:
                current = _Para("text", [line])
        elif current is not None and (unfinished or row_task) and not _titles_next_heading(line, nxt):
            current.lines.append(line)
            row_task = False
        else:
            close()
            current = _Para("text", [line])
            row_task = new_row and bool(_ROW_TASK.fullmatch(line))
            new_row = False
        i += 1
    close(section_ends=True)
    return _promote_unnumbered_headings(paras)


def _promote_unnumbered_headings(paras: list[_Para]) -> list[_Para]:
    """A short unpunctuated line right before a numbered heading is itself a heading.

    Case studies in the Guangdong guide are titled ``河源市：打造智能终端产业基地`` and then numbered
    ``一、背景介绍``; without this the case's name would be missing from every section path.
    """
    for i, (para, nxt) in enumerate(zip(paras, paras[1:], strict=False)):
        if (
            para.kind == "text"
            and len(para.lines) == 1
            and len(para.lines[0]) <= _UNNUMBERED_HEADING_MAX
            and not _ends_sentence(para.lines[0])
            and ("，" not in para.lines[0] or _CASE_TITLE.match(para.lines[0]))
            and nxt.heading is not None
            and TITLE_RANK < nxt.heading.rank < CAPTION_RANK
        ):
            title = para.lines[0]
            paras[i] = _Para("heading", [title], Heading(nxt.heading.rank - 0.5, title, has_body=False))
    return paras


def _titles_next_heading(line: str, nxt: str) -> bool:
    """A case title (``广州市黄埔区：优质项目牵引…``) right before a numbered heading titles what
    follows, even when the paragraph above broke off unfinished (the PDF extractor cut the last
    sentence of the page before it), so it must not be glued onto that paragraph. Only the
    ``place：title`` shape: other short lines there are the tails of broken sentences."""
    if len(line) > _UNNUMBERED_HEADING_MAX or not _CASE_TITLE.match(line):
        return False
    heading = classify_heading(nxt)
    return heading is not None and TITLE_RANK < heading.rank < CAPTION_RANK


def _is_title_line(line: str) -> bool:
    """Leading short lines without punctuation form the document's title (e.g. file 004)."""
    return len(line) <= _TITLE_LINE_MAX and not any(c in line for c in "，。；：,;")


def _assemble(paras: list[_Para]) -> CleanDocument:
    ranks = [p.heading.rank for p in paras if p.heading and p.heading.rank > TITLE_RANK]
    top_rank = min((r for r in ranks if float(r).is_integer()), default=1)
    doc = CleanDocument(text="")
    stack: list[tuple[float, str]] = []
    parts: list[str] = []
    offset = 0
    appendix = False  # inside 附录/附件, whose own chapters (附录 2 › 第二篇 …) nest under it
    for para in paras:
        if para.heading is not None and TITLE_RANK < para.heading.rank < top_rank:
            para = _Para("text", para.lines)  # an unnumbered line above the outermost level: body text
        if para.heading is not None:
            rank = para.heading.rank
            if rank == TOP_RANK:
                rank, appendix = top_rank, bool(_APPENDIX.match(para.heading.title))
            elif appendix and TITLE_RANK < rank <= top_rank:
                rank = top_rank + 0.5
            if rank > TITLE_RANK:
                while stack and stack[-1][0] >= rank:
                    stack.pop()
                stack.append((rank, para.heading.title))
            if para.heading.has_body:
                continue  # the same line follows as a text paragraph
        text = para.text
        section = tuple(title for _, title in stack)
        doc.blocks.append(Block(para.kind, text, offset, offset + len(text), section))
        parts.append(text)
        offset += len(text) + 1
    doc.text = "\n".join(parts)
    return doc


def _join_lines(lines: list[str]) -> str:
    """Lines joined into one paragraph. A figure alone on its line is a PDF table cell: it keeps a
    space from its neighbours, or a row's cells ``2850``, ``5.5``, ``2668.21`` would read as one
    number ``28505.52668.21``."""
    out = lines[0]
    for before, line in zip(lines, lines[1:], strict=False):
        if out[-1:].isascii() and out[-1:].isalnum() and line[:1].isascii() and line[:1].isalpha():
            out += " "
        elif (_FIGURE_CELL.fullmatch(line) and _FIGURE_END.search(out)) or _FIGURE_CELL.fullmatch(before):
            out += " "
        out += line
    return out


_FIGURE_CELL = re.compile(r"[-+]?\d[\d.,]*%?|-{2,}")
_FIGURE_END = re.compile(r"(?:\d|%|-)$")


def _ends_sentence(line: str) -> bool:
    return line.rstrip(_CLOSERS)[-1:] in _SENTENCE_END or line[-1:] in "。！？"
