"""Reading a corpus with the encodings and mistakes real folders have."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import CorpusError
from assistant.ingest.reading import decode_bytes, read_corpus

TEXT = "一、总体要求\n到2025年，数字经济核心产业增加值占地区生产总值比重达到10%。\n"


def write_catalog(corpus: Path, files: list[str]) -> None:
    entries = [
        f'[[documents]]\nid = "d{i}"\nfile = "{name}"\ntitle = "文档{i}"\nshort_name = "文档{i}"\n'
        for i, name in enumerate(files)
    ]
    (corpus / "catalog.toml").write_text("\n".join(entries), encoding="utf-8")


def test_utf8_bom_and_gb18030_are_decoded() -> None:
    assert decode_bytes(TEXT.encode("utf-8-sig"), "a.txt") == TEXT
    assert decode_bytes(TEXT.encode("gb18030"), "b.txt") == TEXT
    with pytest.raises(CorpusError, match="无法识别文件 c.txt 的编码"):
        decode_bytes(b"\xff\xfe\xfa\x00\xff", "c.txt")


def test_problems_are_reported_by_name_and_the_rest_still_read(tmp_path: Path) -> None:
    (tmp_path / "bom.txt").write_bytes(TEXT.encode("utf-8-sig"))
    (tmp_path / "gbk.md").write_bytes(TEXT.encode("gb18030"))
    (tmp_path / "broken.txt").write_bytes(b"\xff\xfe\xfa\x00\xff")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "stray.txt").write_text(TEXT, encoding="utf-8")
    write_catalog(tmp_path, ["bom.txt", "gbk.md", "broken.txt", "empty.txt", "missing.txt"])
    report = read_corpus(tmp_path)
    assert [d.metadata["file"] for d in report.documents] == ["bom.txt", "gbk.md"]
    assert report.documents[0].text.startswith("一、总体要求")
    skipped = "\n".join(report.skipped)
    for name, reason in [
        ("broken.txt", "无法识别"),
        ("empty.txt", "文件为空"),
        ("missing.txt", "不存在"),
        ("stray.txt", "未在 catalog.toml 中登记"),
    ]:
        assert name in skipped and reason in skipped


def test_bad_catalog_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusError, match="找不到文档目录文件"):
        read_corpus(tmp_path)
    (tmp_path / "catalog.toml").write_text("[[documents]\nid=", encoding="utf-8")
    with pytest.raises(CorpusError, match="格式有误"):
        read_corpus(tmp_path)
