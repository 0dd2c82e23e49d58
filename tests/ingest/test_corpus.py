"""Adding and removing documents: the file, its catalog entry, and a catalog that keeps its comments."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import docx
import pytest
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen import canvas

from assistant.errors import CorpusError
from assistant.ingest.catalog import CATALOG_NAME, load_catalog
from assistant.ingest.corpus import add_file, doc_id_for, remove_document, short_name_for

SEEDS = Path(__file__).resolve().parents[2] / "corpus"
PLAN = "# 某市智慧农业发展三年行动方案\n\n## 一、总体目标\n\n到2026年，全市建成智慧农场30个。\n"


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


def test_added_markdown_is_copied_and_catalogued_with_its_own_title(corpus: Path, tmp_path: Path) -> None:
    source = tmp_path / "Smart Farming 2024.md"
    source.write_text(PLAN, encoding="utf-8")
    before = (corpus / CATALOG_NAME).read_text(encoding="utf-8")
    added = add_file(corpus, source)
    assert added.title_detected
    assert added.entry.id == "smart-farming-2024"
    assert added.entry.title == "某市智慧农业发展三年行动方案"
    assert (corpus / added.entry.file).read_text(encoding="utf-8") == PLAN
    after = (corpus / CATALOG_NAME).read_text(encoding="utf-8")
    assert after.startswith(before.rstrip("\n")), "existing entries and comments must stay as written"
    entries = load_catalog(corpus)
    assert [e.id for e in entries][-1] == "smart-farming-2024" and len(entries) == 6


def test_title_option_wins_and_chinese_file_names_get_a_hash_id(corpus: Path, tmp_path: Path) -> None:
    source = tmp_path / "农业方案.md"
    source.write_text(PLAN, encoding="utf-8")
    added = add_file(corpus, source, title="智慧农业方案（2024—2026年）")
    assert not added.title_detected and added.entry.title == "智慧农业方案（2024—2026年）"
    assert added.entry.short_name == "智慧农业方案"
    assert added.entry.id.startswith("doc-") and added.entry.id.isascii()
    assert (corpus / "农业方案.md").is_file()


def test_ids_stay_unique_and_short_names_short() -> None:
    assert doc_id_for(Path("plan.txt"), "ab" * 32, {"plan", "plan-2"}) == "plan-3"
    assert doc_id_for(Path("规划.txt"), "0123456789abcdef" * 4, set()) == "doc-0123456789"
    assert short_name_for("广州市人工智能产业链高质量发展三年行动计划（2021—2023年）").endswith("…")
    assert len(short_name_for("广州市人工智能产业链高质量发展三年行动计划")) == 17


def test_same_content_twice_is_refused(corpus: Path, tmp_path: Path) -> None:
    copy = tmp_path / "again.txt"
    shutil.copyfile(SEEDS / "003_7d0173c97d686c37.txt", copy)
    with pytest.raises(CorpusError, match="gz-pilot-zone") as caught:
        add_file(corpus, copy)
    assert "assistant remove" in caught.value.hint
    assert len(load_catalog(corpus)) == 5 and not (corpus / "again.txt").exists()


def test_scanned_pdf_and_unsupported_files_are_refused(corpus: Path, tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    pdf = canvas.Canvas(str(scan), pagesize=A4)
    pdf.rect(50, 50, 400, 600, fill=1)
    pdf.showPage()
    pdf.save()
    with pytest.raises(CorpusError, match="没有文字层"):
        add_file(corpus, scan)
    sheet = tmp_path / "data.xlsx"
    sheet.write_bytes(b"PK")
    with pytest.raises(CorpusError, match="暂不支持"):
        add_file(corpus, sheet)
    assert len(load_catalog(corpus)) == 5 and not (corpus / "scan.pdf").exists()


def test_docx_title_comes_from_its_title_style(corpus: Path, tmp_path: Path) -> None:
    path = tmp_path / "farm.docx"
    document = docx.Document()
    document.add_paragraph("智慧农业发展行动方案", style="Title")
    document.add_heading("一、总体目标", 1)
    document.add_paragraph("到2026年，全市建成智慧农场30个。")
    document.save(str(path))
    added = add_file(corpus, path)
    assert added.entry.title == "智慧农业发展行动方案" and added.entry.file == "farm.docx"


def test_remove_deletes_file_and_entry_and_keeps_the_rest(corpus: Path) -> None:
    header = (corpus / CATALOG_NAME).read_text(encoding="utf-8").split("[[documents]]")[0]
    entry = remove_document(corpus, "gd-digital-guide")
    assert entry.file == "002_263be5645aad12fb.txt" and not (corpus / entry.file).exists()
    text = (corpus / CATALOG_NAME).read_text(encoding="utf-8")
    assert text.startswith(header) and "gd-digital-guide" not in text
    assert [e.id for e in load_catalog(corpus)] == [
        "hd-digital-economy",
        "hd-manufacturing",
        "gz-pilot-zone",
        "gz-ai-chain",
    ]
    with pytest.raises(CorpusError, match="没有文档编号 gd-digital-guide") as caught:
        remove_document(corpus, "gd-digital-guide")
    assert "gz-ai-chain" in caught.value.hint


def test_a_failed_catalog_write_leaves_the_old_catalog(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = (corpus / CATALOG_NAME).read_text(encoding="utf-8")
    source = tmp_path / "plan.md"
    source.write_text(PLAN, encoding="utf-8")

    def crash(*_: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        add_file(corpus, source)
    assert (corpus / CATALOG_NAME).read_text(encoding="utf-8") == before
    assert sorted(p.name for p in corpus.iterdir()) == sorted(p.name for p in SEEDS.iterdir())
