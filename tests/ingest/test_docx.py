"""Word files, written here with python-docx from seed 004's real text."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from assistant.errors import CorpusError
from assistant.ingest.cleaning import Block, clean_text
from assistant.ingest.docx import docx_to_text
from assistant.ingest.reading import detect_title, read_corpus

TITLE = "广州市人工智能产业链高质量发展三年行动计划"
TABLE = [["指标", "数量"], ["国家重点实验室", "21 家"], ["人工智能入库企业", "567家"]]


def paragraphs(blocks: list[Block], section: str) -> list[str]:
    """The seed's body paragraphs under one of its headings."""
    return [b.text for b in blocks if b.kind == "text" and b.section and b.section[0] == section]


def write_plan(path: Path, blocks: list[Block]) -> None:
    """The seed as an author would write it in Word: styled headings, some numbered, some not."""
    document = docx.Document()
    toc = document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph(TITLE, style="Title")
    document.add_paragraph("（2021—2023年）（征求意见稿）", style="Subtitle")
    document.add_paragraph("发展基础\t2", style=toc)  # a table of contents entry: not content
    document.add_paragraph(blocks[1].text)
    document.add_heading("发展基础", 1)  # the seed's 一、发展基础, numbering left to the style
    for text in paragraphs(blocks, "一、发展基础"):
        document.add_paragraph(text)
    document.add_heading("指导思想和工作目标", 1)
    guidance, goals = paragraphs(blocks, "二、指导思想和工作目标")
    document.add_heading("指导思想", 2)
    document.add_paragraph(guidance)
    document.add_heading("工作目标", 2)
    document.add_paragraph(goals)
    document.add_paragraph("广州市人工智能产业基础主要指标")  # no full stop: must not swallow the table
    table = document.add_table(rows=len(TABLE), cols=2)
    for row, cells in zip(table.rows, TABLE, strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_paragraph("以上数据截至2021年。")
    document.add_heading("三、主要任务", 1)
    document.add_heading("（一）开展固链行动，筑牢产业发展基础", 2)
    tasks = paragraphs(blocks, "三、主要任务")
    document.add_paragraph(tasks[0])  # 1.布局前沿基础理论研究。… numbered in the text, Normal style
    document.add_heading("重点项目", 2)
    document.add_paragraph(tasks[1])
    document.save(str(path))


@pytest.fixture
def plan(tmp_path: Path, seed_blocks: list[Block]) -> Path:
    path = tmp_path / "plan.docx"
    write_plan(path, seed_blocks)
    return path


def test_docx_becomes_markdown_like_text_in_document_order(plan: Path, seed_blocks: list[Block]) -> None:
    lines = docx_to_text(plan).splitlines()
    assert lines[:4] == [
        "# " + TITLE,
        "# （2021—2023年）（征求意见稿）",
        seed_blocks[1].text,
        "#### 发展基础",
    ]
    assert "发展基础\t2" not in lines
    # Heading 1 "三、主要任务" ranks 4 by its numbering, so the unnumbered Heading 1s rank 4 too (####),
    # and Heading 2s rank 5 like its Heading 2 "（一）…".
    assert lines.index("##### 指导思想") == lines.index("#### 指导思想和工作目标") + 1
    table = lines.index("| 指标 | 数量 |")
    assert lines[table - 1 : table + 4] == [
        "广州市人工智能产业基础主要指标",
        "| 指标 | 数量 |",
        "| 国家重点实验室 | 21 家 |",
        "| 人工智能入库企业 | 567家 |",
        "以上数据截至2021年。",
    ]
    assert "##### 重点项目" in lines


def test_docx_through_read_corpus_has_the_text_and_section_paths(
    plan: Path, seed_blocks: list[Block], write_catalog: Callable[[Path, list[str]], None]
) -> None:
    corpus = plan.parent
    (corpus / "broken.docx").write_bytes(b"PK\x03\x04 not really a Word file")
    write_catalog(corpus, ["plan.docx", "broken.docx"])
    report = read_corpus(corpus)
    assert [d.metadata["file"] for d in report.documents] == ["plan.docx"]
    assert report.skipped == [
        "broken.docx：无法打开 Word 文件（文件已损坏、设有密码，或并非 .docx 格式），已跳过；"
        "请用 Word 打开并另存为不设密码的 .docx 后重试。"
    ]
    doc = report.documents[0]
    blocks = {doc.text[start:end]: (kind, label) for kind, start, end, label in doc.metadata["blocks"]}
    assert len(blocks) == len(doc.metadata["blocks"])
    assert blocks[TITLE] == ("heading", "")
    assert blocks[seed_blocks[1].text] == ("text", "")
    for text in paragraphs(seed_blocks, "一、发展基础"):
        assert blocks[text] == ("text", "发展基础")
    guidance, goals = paragraphs(seed_blocks, "二、指导思想和工作目标")
    assert blocks[guidance] == ("text", "指导思想和工作目标 › 指导思想")
    assert blocks[goals] == ("text", "指导思想和工作目标 › 工作目标")
    assert blocks["广州市人工智能产业基础主要指标"] == ("text", "指导思想和工作目标 › 工作目标")
    assert blocks["国家重点实验室 | 21 家"] == ("text", "指导思想和工作目标 › 工作目标")
    tasks = paragraphs(seed_blocks, "三、主要任务")
    assert blocks[tasks[0]] == (
        "text",
        "三、主要任务 › （一）开展固链行动，筑牢产业发展基础 › 1.布局前沿基础理论研究",
    )
    assert blocks[tasks[1]] == ("text", "三、主要任务 › 重点项目 › 2.加强重大科技基础设施建设")


def test_chinese_style_names_and_heading_one_as_title(tmp_path: Path, seed_blocks: list[Block]) -> None:
    document = docx.Document()
    chinese = {n: document.styles.add_style(f"标题 {n}", WD_STYLE_TYPE.PARAGRAPH) for n in (1, 2)}
    document.add_paragraph(TITLE, style=chinese[1])  # the title styled as a heading, as WPS users do
    document.add_paragraph("一、发展基础", style=chinese[1])
    document.add_paragraph("产业基础", style=chinese[2])
    body = paragraphs(seed_blocks, "一、发展基础")[0]
    document.add_paragraph(body)
    path = tmp_path / "wps.docx"
    document.save(str(path))
    assert detect_title(path) == TITLE
    doc = clean_text(docx_to_text(path))
    section = next(b.section for b in doc.blocks if b.text == body)
    assert section == ("一、发展基础", "产业基础")  # the title heads no section path


def test_unnumbered_heading_one_sections_are_not_a_title(tmp_path: Path, seed_blocks: list[Block]) -> None:
    document = docx.Document()
    guidance, goals = paragraphs(seed_blocks, "二、指导思想和工作目标")
    for heading, text in (("指导思想", guidance), ("工作目标", goals)):
        document.add_heading(heading, 1)
        document.add_paragraph(text)
    path = tmp_path / "sections.docx"
    document.save(str(path))
    assert detect_title(path) is None
    doc = clean_text(docx_to_text(path))
    assert [b.section for b in doc.blocks if b.kind == "text"] == [("指导思想",), ("工作目标",)]


def test_title_of_a_docx_without_styles_and_of_text_files(tmp_path: Path, seed_blocks: list[Block]) -> None:
    document = docx.Document()
    for line in ("广州市人工智能产业链高质量发展", "三年行动计划", seed_blocks[1].text):
        document.add_paragraph(line)
    path = tmp_path / "plain.docx"
    document.save(str(path))
    assert detect_title(path) == TITLE
    seed = tmp_path / "seed.txt"
    seed.write_text(
        Path(__file__).resolve().parents[2].joinpath("corpus/004_25881b3614b89cab.txt").read_text()
    )
    assert detect_title(seed) == "广州市人工智能产业链高质量发展三年行动计划（2021—2023年）（征求意见稿）"
    markdown = tmp_path / "guide.md"
    markdown.write_text("## 广州人工智能与数字经济试验区产业导则\n\n### 第一章 总则\n\n第一条 为引导。\n")
    assert detect_title(markdown) == "广州人工智能与数字经济试验区产业导则"
    numbered = tmp_path / "numbered.txt"
    numbered.write_text("一、总体要求\n到2025年，数字经济核心产业增加值占地区生产总值比重达到10%。\n")
    assert detect_title(numbered) is None


def test_merged_cells_appear_once_per_row(tmp_path: Path) -> None:
    document = docx.Document()
    table = document.add_table(rows=2, cols=3)
    table.cell(0, 0).merge(table.cell(0, 1)).text = "产业链环节"
    table.cell(0, 2).text = "目标"
    for cell, text in zip(table.rows[1].cells, ["芯片", "算法", "突破"], strict=True):
        cell.text = text
    path = tmp_path / "table.docx"
    document.save(str(path))
    assert docx_to_text(path).splitlines() == ["| 产业链环节 | 目标 |", "| 芯片 | 算法 | 突破 |"]


def test_damaged_docx_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "old.docx"
    path.write_bytes(b"\xd0\xcf\x11\xe0 an old binary .doc renamed")
    with pytest.raises(CorpusError, match=r"old\.docx：无法打开 Word 文件"):
        docx_to_text(path)
