"""Adding documents to and removing them from ``corpus/``: the file and its catalog entry together.

Indexing is left to the caller (``assistant add`` re-indexes at once, reusing unchanged vectors).
"""

from __future__ import annotations

import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import CorpusError
from assistant.ingest.catalog import (
    SUPPORTED_SUFFIXES,
    CatalogEntry,
    append_entry,
    load_catalog,
    remove_entry,
)
from assistant.ingest.cleaning import clean_text
from assistant.ingest.reading import detect_title, file_sha256, read_text

_SLUG_DROP = re.compile(r"[^a-z0-9]+")
_BRACKETED = re.compile(r"（[^）]*）|\([^)]*\)|《|》|“|”")
SHORT_NAME_CHARS = 16


@dataclass(frozen=True)
class Added:
    entry: CatalogEntry
    title_detected: bool


def doc_id_for(path: Path, sha256: str, taken: set[str]) -> str:
    """An ASCII slug of the file name, or ``doc-<hash>`` when the name has no ASCII letters; unique."""
    slug = _SLUG_DROP.sub("-", path.stem.lower()).strip("-")[:40].strip("-")
    base = slug if re.search(r"[a-z]", slug) else f"doc-{sha256[:10]}"
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def short_name_for(title: str) -> str:
    """The title without bracketed notes and quotes, cut to a length that fits a citation chip."""
    short = _BRACKETED.sub("", title).strip() or title
    return short if len(short) <= SHORT_NAME_CHARS else short[:SHORT_NAME_CHARS] + "…"


def add_file(
    corpus_dir: Path, source: Path, title: str | None = None, short_name: str | None = None
) -> Added:
    """Copy ``source`` into the corpus and catalogue it; refuses unreadable, empty or duplicate files."""
    if not source.is_file():
        raise CorpusError(f"找不到文件 {source}。", "请检查文件路径。")
    if source.suffix.lower() not in SUPPORTED_SUFFIXES:
        raise CorpusError(
            f"{source.name}：暂不支持该文件格式。", f"支持的格式：{'、'.join(SUPPORTED_SUFFIXES)}。"
        )
    entries = load_catalog(corpus_dir)
    sha256 = file_sha256(source)
    for entry in entries:
        existing = corpus_dir / entry.file
        if existing.is_file() and file_sha256(existing) == sha256:
            raise CorpusError(
                f"{source.name} 与已收录的文档《{entry.title}》（{entry.id}）内容完全相同，未重复添加。",
                "如需替换该文档，请先运行 `assistant remove` 删除旧文档。",
            )
    if not clean_text(read_text(source)).text.strip():
        raise CorpusError(
            f"{source.name}：文件中没有可用文字（扫描版 PDF 需先做文字识别）。", "未添加该文件。"
        )
    detected = None if title else detect_title(source)
    final_title = title or detected or source.stem
    doc_id = doc_id_for(source, sha256, {e.id for e in entries})
    target = corpus_dir / source.name
    if target.exists() or source.name in {e.file for e in entries}:
        target = corpus_dir / f"{doc_id}{source.suffix.lower()}"
    if target.exists():
        raise CorpusError(f"corpus/ 中已有同名文件 {target.name}。", "请重命名后再添加。")
    entry = CatalogEntry(
        id=doc_id,
        file=target.name,
        title=final_title,
        short_name=short_name or short_name_for(final_title),
    )
    shutil.copyfile(source, target)
    try:
        append_entry(corpus_dir, entry)
    except BaseException:
        target.unlink(missing_ok=True)
        raise
    return Added(entry, title_detected=detected is not None)


def remove_document(corpus_dir: Path, doc_id: str) -> CatalogEntry:
    """Drop the catalog entry first (so a crash never leaves an entry without its file), then the file."""
    entry = remove_entry(corpus_dir, doc_id)
    (corpus_dir / entry.file).unlink(missing_ok=True)
    return entry
