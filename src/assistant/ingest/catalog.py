"""The corpus catalog (``corpus/catalog.toml``): which files are documents, and what they are called."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

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
