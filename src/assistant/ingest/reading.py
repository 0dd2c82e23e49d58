"""Read catalogued corpus files into cleaned llama-index ``Document`` objects."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from pathlib import Path

from llama_index.core.schema import Document

from assistant.errors import CorpusError
from assistant.ingest.catalog import SUPPORTED_SUFFIXES, CatalogEntry, load_catalog
from assistant.ingest.chunking import BLOCKS_KEY
from assistant.ingest.cleaning import CleanDocument, clean_text
from assistant.ingest.docx import docx_title, docx_to_text
from assistant.ingest.pdf import pdf_pages, pdf_title, pdf_to_text

log = logging.getLogger(__name__)
_ENCODINGS = ("utf-8-sig", "gb18030")


@dataclass
class CorpusReport:
    """What was read, and what was skipped with the reason (in Chinese, shown to the user)."""

    documents: list[Document] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode UTF-8 (with or without BOM) or GB18030, the encodings Chinese government files come in."""
    for encoding in _ENCODINGS:
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CorpusError(
        f"无法识别文件 {name} 的编码（已尝试 UTF-8 与 GB18030）。", "请将该文件另存为 UTF-8 后重新建立索引。"
    )


def read_text(path: Path) -> str:
    """The file's raw text for ``clean_text``, by format; ``CorpusError`` (naming the file) if unreadable."""
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        return pdf_to_text(path)
    if suffix == ".docx":
        return docx_to_text(path)
    return decode_bytes(path.read_bytes(), path.name)


def detect_title(path: Path) -> str | None:
    """The document's own title, to suggest when a file is added; None when it shows none.

    Word: the Title style (or a Heading 1 standing as title); PDF: a real metadata title; otherwise
    the short leading line(s) that ``clean_text`` joins into a title heading, read from the whole
    text (the first page only, for a PDF). Raises ``CorpusError`` when the file cannot be read.
    """
    suffix = path.suffix.lower()
    if suffix == ".docx":
        title = docx_title(path)
        text = docx_to_text(path) if title is None else ""
    elif suffix == ".pdf":
        title = pdf_title(path)
        text = pdf_pages(path)[0] if title is None else ""
    else:
        title, text = None, read_text(path)
    return title or leading_title(text)


def leading_title(text: str) -> str | None:
    """The title heading ``clean_text`` finds at the top: the only heading outside every section path."""
    blocks = clean_text(text).blocks
    if blocks and blocks[0].kind == "heading" and not blocks[0].section:
        return blocks[0].text
    return None


def skip_reason(name: str, error: CorpusError) -> str:
    """One line for ``CorpusReport.skipped``: the file, what is wrong, that it was skipped, what to do."""
    reason = error.message.removeprefix(f"{Path(name).name}：").rstrip("。")
    return f"{name}：{reason}，已跳过；{error.hint}" if error.hint else f"{name}：{reason}，已跳过。"


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def to_document(entry: CatalogEntry, clean: CleanDocument, sha256: str) -> Document:
    blocks = [[b.kind, b.start, b.end, b.section_label] for b in clean.blocks]
    return Document(
        id_=entry.id,
        text=clean.text,
        metadata={
            "doc_id": entry.id,
            "title": entry.title,
            "short_name": entry.short_name,
            "file": entry.file,
            "sha256": sha256,
            BLOCKS_KEY: blocks,
        },
        excluded_embed_metadata_keys=["file", "sha256", BLOCKS_KEY],
        excluded_llm_metadata_keys=["file", "sha256", BLOCKS_KEY],
    )


def read_corpus(corpus_dir: Path) -> CorpusReport:
    """Read every catalogued document; report (not raise) per-file problems so the rest still index."""
    report = CorpusReport()
    entries = load_catalog(corpus_dir)
    listed = {e.file for e in entries}
    for path in sorted(corpus_dir.iterdir()):
        if path.suffix.lower() in SUPPORTED_SUFFIXES and path.name not in listed:
            report.skipped.append(f"{path.name}：未在 catalog.toml 中登记，已跳过。")
    for entry in entries:
        path = corpus_dir / entry.file
        if not path.is_file():
            report.skipped.append(f"{entry.file}：catalog.toml 中登记了该文件，但 corpus/ 中不存在。")
            continue
        if path.suffix.lower() not in SUPPORTED_SUFFIXES:
            report.skipped.append(
                f"{entry.file}：暂不支持该文件格式（支持 {'、'.join(SUPPORTED_SUFFIXES)}）。"
            )
            continue
        try:
            raw = read_text(path)
        except CorpusError as exc:
            report.skipped.append(skip_reason(entry.file, exc))
            continue
        clean = clean_text(raw)
        if not clean.text.strip():
            report.skipped.append(f"{entry.file}：文件为空或没有可用文字。")
            continue
        report.documents.append(to_document(entry, clean, file_sha256(path)))
    for message in report.skipped:
        log.warning(message)
    return report
