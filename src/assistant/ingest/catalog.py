"""The corpus catalog (``corpus/catalog.toml``): which files are documents, and what they are called."""

from __future__ import annotations

import os
import tempfile
import tomllib
from dataclasses import asdict, dataclass
from pathlib import Path

import tomlkit

from assistant.errors import CorpusError

CATALOG_NAME = "catalog.toml"
SUPPORTED_SUFFIXES = (".txt", ".md", ".pdf", ".docx")


@dataclass(frozen=True)
class CatalogEntry:
    id: str
    file: str
    title: str
    short_name: str
    issuer: str = ""
    date: str = ""
    kind: str = ""


def load_catalog(corpus_dir: Path) -> list[CatalogEntry]:
    path = corpus_dir / CATALOG_NAME
    if not path.is_file():
        raise CorpusError(
            f"找不到文档目录文件 {path}。",
            "请在 corpus/ 下创建 catalog.toml，为每个文件登记 id、file、title。",
        )
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CorpusError(
            f"文档目录文件 {path} 格式有误：{exc}", "请修正 catalog.toml 的 TOML 语法。"
        ) from exc
    entries: list[CatalogEntry] = []
    seen: set[str] = set()
    for raw in data.get("documents", []):
        missing = [k for k in ("id", "file", "title") if not raw.get(k)]
        if missing:
            raise CorpusError(
                f"catalog.toml 中有条目缺少字段：{', '.join(missing)}（{raw}）", "请补全后重试。"
            )
        if raw["id"] in seen:
            raise CorpusError(f"catalog.toml 中文档 id 重复：{raw['id']}", "每个文档的 id 必须唯一。")
        seen.add(raw["id"])
        fields = {k: str(raw.get(k, "")) for k in CatalogEntry.__dataclass_fields__}
        fields["short_name"] = fields["short_name"] or fields["title"]
        entries.append(CatalogEntry(**fields))
    return entries


def append_entry(corpus_dir: Path, entry: CatalogEntry) -> None:
    """Add ``entry`` as a new ``[[documents]]`` table at the end, leaving the rest of the file as written."""
    path = corpus_dir / CATALOG_NAME
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    table = tomlkit.dumps({"documents": [{k: v for k, v in asdict(entry).items() if v or k == "id"}]})
    write_atomic(path, (text.rstrip("\n") + "\n\n" if text.strip() else "") + table.rstrip("\n") + "\n")


def remove_entry(corpus_dir: Path, doc_id: str) -> CatalogEntry:
    """Delete the entry for ``doc_id`` (comments and other entries keep their formatting); returns it."""
    entry = next((e for e in load_catalog(corpus_dir) if e.id == doc_id), None)
    if entry is None:
        known = "、".join(e.id for e in load_catalog(corpus_dir))
        raise CorpusError(f"catalog.toml 中没有文档编号 {doc_id}。", f"现有的文档编号：{known}。")
    path = corpus_dir / CATALOG_NAME
    doc = tomlkit.parse(path.read_text(encoding="utf-8"))
    tables = doc["documents"]
    del tables[next(i for i, t in enumerate(tables) if t["id"] == doc_id)]
    write_atomic(path, tomlkit.dumps(doc))
    return entry


def write_atomic(path: Path, text: str) -> None:
    """Write beside ``path`` and rename over it, so a crash never leaves a half-written catalog."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
