"""Text PDFs, made here from seed 004's real text in reportlab's built-in Chinese font.

reportlab's ``STSong-Light`` is one of the standard Adobe CJK fonts: it needs no font file, and
pypdf reads its text back as the same Chinese characters.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4
from reportlab.lib.pdfencrypt import StandardEncryption
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from assistant.errors import CorpusError
from assistant.ingest.cleaning import Block, clean_text
from assistant.ingest.pdf import drop_page_furniture, pdf_to_text
from assistant.ingest.reading import detect_title, read_corpus

FONT = "STSong-Light"
HEADER = "广州市人工智能产业链三年行动计划（征求意见稿）"
TITLE_LINES = ["广州市人工智能产业链高质量发展", "三年行动计划", "（2021—2023年）", "（征求意见稿）"]
TITLE = "".join(TITLE_LINES)
WIDTH = 28  # characters per line: lines break mid-sentence without hyphens, as real PDFs do
LINES_PER_PAGE = 22

pdfmetrics.registerFont(UnicodeCIDFont(FONT))


def wrap(text: str) -> list[str]:
    """Break a paragraph every WIDTH characters, never next to ASCII (a space there would be lost)."""
    lines, start = [], 0
    while start < len(text):
        end = min(start + WIDTH, len(text))
        while end < len(text) and (text[end - 1].isascii() or text[end].isascii()):
            end += 1
        lines.append(text[start:end])
        start = end
    return lines


def write_pdf(
    path: Path,
    lines: list[str],
    *,
    header: str | None = HEADER,
    page_number: str = "- {} -",
    title: str | None = None,
    **options: object,
) -> list[list[str]]:
    """A PDF with a running header, a page number in the foot, and the lines in between; its pages."""
    pages = [lines[i : i + LINES_PER_PAGE] for i in range(0, len(lines), LINES_PER_PAGE)]
    pdf = canvas.Canvas(str(path), pagesize=A4, **options)
    if title is not None:
        pdf.setTitle(title)
    for number, page in enumerate(pages, 1):
        if header:
            pdf.setFont(FONT, 9)
            pdf.drawCentredString(A4[0] / 2, 810, header)
        pdf.setFont(FONT, 14)
        for row, line in enumerate(page):
            pdf.drawString(70, 770 - 30 * row, line)
        pdf.setFont(FONT, 10)
        pdf.drawCentredString(A4[0] / 2, 30, page_number.format(number))
        pdf.showPage()
    pdf.save()
    return pages


def document_lines(blocks: list[Block]) -> list[str]:
    """The seed as a PDF would show it: title lines, then every paragraph wrapped."""
    return TITLE_LINES + [line for block in blocks[1:] for line in wrap(block.text)]


@pytest.fixture
def policy_pdf(tmp_path: Path, seed_blocks: list[Block]) -> tuple[Path, list[list[str]]]:
    path = tmp_path / "plan.pdf"
    return path, write_pdf(path, document_lines(seed_blocks))


def test_pypdf_reads_the_generated_chinese_back(policy_pdf: tuple[Path, list[list[str]]]) -> None:
    path, pages = policy_pdf
    assert len(pages) >= 4
    page = PdfReader(path).pages[1].extract_text()
    assert pages[1][0] in page and HEADER in page and "- 2 -" in page


def test_page_numbers_and_running_header_are_dropped(policy_pdf: tuple[Path, list[list[str]]]) -> None:
    path, pages = policy_pdf
    text = pdf_to_text(path)
    assert HEADER not in text
    assert not any(f"- {n} -" in text for n in range(1, len(pages) + 1))
    assert text.splitlines() == [line for page in pages for line in page]


def test_cleaned_pdf_text_has_whole_sentences_title_and_sections(
    policy_pdf: tuple[Path, list[list[str]]], seed_blocks: list[Block]
) -> None:
    path, pages = policy_pdf
    doc = clean_text(pdf_to_text(path))
    for block in doc.blocks:
        assert doc.text[block.start : block.end] == block.text
    assert doc.blocks[0].kind == "heading" and doc.blocks[0].text == TITLE and doc.blocks[0].section == ()
    # Lines and pages are rejoined without a character lost or added. A line that happens to end
    # with 。 or ； ends a paragraph (clean_text cannot tell it from a paragraph end), so the seed's
    # paragraphs may come back in pieces, each in the seed paragraph's section.
    assert doc.text.replace("\n", "") == "".join(b.text for b in seed_blocks)
    for block in doc.blocks[1:]:
        source = next(b for b in seed_blocks if block.text in b.text)
        assert block.section == source.section
    joins = [a[-1] + b[0] for a, b in zip(pages, pages[1:], strict=False)]
    within = [j for j in joins if any(j in b.text for b in seed_blocks)]
    assert within, "the layout should break some sentence over two pages"
    for joined in within:
        assert joined in doc.text  # the sentence goes on over the page break
    article = next(b for b in doc.blocks if b.text.startswith("1.布局前沿基础理论研究"))
    assert (
        article.section_label
        == "三、主要任务 › （一）开展固链行动，筑牢产业发展基础 › 1.布局前沿基础理论研究"
    )


@pytest.mark.parametrize(
    "foot",
    ["6", "- 6 -", "—6—", "第 6 页", "第6页 共9页", "6 / 9", "Page 6 of 9"],
)
def test_page_number_styles(foot: str) -> None:
    page = ["第一段正文，没有结束", "下一行继续。", foot]
    assert drop_page_furniture([page]) == [page[:2]]


def body(page: int) -> list[str]:
    """Lines of one page; the middle two are the same on every page."""
    return [
        f"本页第{page}段正文，",
        f"第{page}段继续，",
        "一、发展基础",
        "每页都有这一行。",
        f"第{page}段倒数第二行",
        f"第{page}段结束",
    ]


def test_running_header_with_changing_numbers_and_a_footer_are_dropped() -> None:
    pages = [
        [f"广州市人民政府公报 2021年第5期 {n}", *body(n), "广州市人民政府办公厅印发", f"— {n} —"]
        for n in range(1, 5)
    ]
    assert drop_page_furniture(pages) == [body(n) for n in range(1, 5)]


def test_lines_repeated_inside_pages_or_on_few_page_edges_are_kept() -> None:
    pages = [
        ["一、发展基础", *body(1), "1"],
        [*body(2), "2"],
        [*body(3), "3"],
        ["一、发展基础", *body(4), "4"],
    ]
    assert drop_page_furniture(pages) == [
        ["一、发展基础", *body(1)],
        body(2),
        body(3),
        ["一、发展基础", *body(4)],
    ]


def test_pdf_without_text_layer_is_a_clear_error(tmp_path: Path) -> None:
    blank = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(blank), pagesize=A4)
    for number in (1, 2, 3):
        pdf.rect(50, 50, 400, 600, fill=1)  # where a scanned image would be
        pdf.setFont(FONT, 10)
        pdf.drawCentredString(A4[0] / 2, 30, f"- {number} -")  # a page number is all the text there is
        pdf.showPage()
    pdf.save()
    with pytest.raises(CorpusError, match=r"scan\.pdf：PDF 没有文字层（可能是扫描件）") as caught:
        pdf_to_text(blank)
    assert "OCR" in caught.value.hint


def test_encrypted_pdf_is_an_error_but_a_copy_protected_one_is_read(
    tmp_path: Path, policy_pdf: tuple[Path, list[list[str]]]
) -> None:
    locked = tmp_path / "locked.pdf"
    write_pdf(
        locked, TITLE_LINES + ["这是一份设有打开密码的文件。"], encrypt=StandardEncryption("user", "owner")
    )
    with pytest.raises(CorpusError, match=r"locked\.pdf：PDF 已加密"):
        pdf_to_text(locked)
    # An owner password only restricts printing or copying: the text is readable (AES needs pypdf[crypto]).
    protected = tmp_path / "protected.pdf"
    writer = PdfWriter(clone_from=policy_pdf[0])
    writer.encrypt(user_password="", owner_password="owner", permissions_flag=0, algorithm="AES-256")
    writer.write(protected)
    assert pdf_to_text(protected) == pdf_to_text(policy_pdf[0])


@pytest.mark.parametrize("damage", ["not a pdf", "truncated"])
def test_damaged_pdf_is_an_error(
    tmp_path: Path, policy_pdf: tuple[Path, list[list[str]]], damage: str
) -> None:
    broken = tmp_path / "broken.pdf"
    good = policy_pdf[0].read_bytes()
    broken.write_bytes(b"%PDF-1.4\nthis is not a PDF body" if damage == "not a pdf" else good[:200])
    with pytest.raises(CorpusError, match=r"broken\.pdf：无法读取该 PDF"):
        pdf_to_text(broken)


def test_pdfs_through_read_corpus(
    tmp_path: Path, seed_blocks: list[Block], write_catalog: Callable[[Path, list[str]], None]
) -> None:
    write_pdf(tmp_path / "plan.pdf", document_lines(seed_blocks), page_number="{}")
    pdf = canvas.Canvas(str(tmp_path / "blank.pdf"), pagesize=A4)
    pdf.showPage()
    pdf.showPage()
    pdf.save()
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4\n")
    write_catalog(tmp_path, ["plan.pdf", "blank.pdf", "broken.pdf"])
    report = read_corpus(tmp_path)
    assert [d.metadata["file"] for d in report.documents] == ["plan.pdf"]
    doc = report.documents[0]
    assert "2018—2022 年）》《广州市关于推进新一代人工智能产业发展的行动计划" in doc.text
    assert HEADER not in doc.text
    blocks = doc.metadata["blocks"]
    for _, start, end, _ in blocks[1:]:
        assert any(doc.text[start:end] in b.text for b in seed_blocks)
    labels = {doc.text[start:end][:8]: label for _, start, end, label in blocks}
    assert labels["作为华南地区最重"] == "一、发展基础"
    assert (
        labels["2.加强重大科技"]
        == "三、主要任务 › （一）开展固链行动，筑牢产业发展基础 › 2.加强重大科技基础设施建设"
    )
    assert report.skipped == [
        "blank.pdf：PDF 没有文字层（可能是扫描件），已跳过；请先做文字识别（OCR）后再放入语料。",
        "broken.pdf：无法读取该 PDF（文件可能已损坏或不完整），已跳过；请重新导出或下载该 PDF 后重试。",
    ]


def test_pdf_title_from_metadata_or_first_page(tmp_path: Path, seed_blocks: list[Block]) -> None:
    named = tmp_path / "named.pdf"
    write_pdf(named, document_lines(seed_blocks), title="广州市人工智能产业链高质量发展三年行动计划")
    assert detect_title(named) == "广州市人工智能产业链高质量发展三年行动计划"
    for meta in (None, "Microsoft Word - 行动计划定稿.docx", "无标题"):
        plain = tmp_path / "plain.pdf"
        write_pdf(plain, document_lines(seed_blocks), title=meta)
        assert detect_title(plain) == TITLE  # the short first lines; not the running header
    untitled = tmp_path / "untitled.pdf"
    lines = document_lines(seed_blocks)
    write_pdf(untitled, lines[lines.index("一、发展基础") :])
    assert detect_title(untitled) is None
