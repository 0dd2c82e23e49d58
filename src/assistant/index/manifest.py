"""What an index was built from, so a stale or foreign index is detected instead of silently used."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from assistant.errors import IndexMissingError
from assistant.settings import Settings

INDEX_FORMAT = 14
"""2: passages record where their section changes (``sections``), and case titles cut off by a page
break are headings; both change what is cited, so a format-1 index is rebuilt (vectors reused).
3: BM25 tokens include the policy compounds jieba now knows (数字经济, 工业互联网; see
``retrieval/tokenize.py``), and figures alone in a PDF table cell are kept (they were dropped as
page numbers), so passages are rebuilt (vectors reused where a passage is unchanged).
4: BM25 tokens keep the region's district and city names whole (增城区, 从化区; ``PLACES``).
5: a task table's units cell (``…牵头，…配合``) ends its row's paragraph instead of running on into
the next row's task.
6: an annex title's second line (``任务分解表``) is part of the section title of every passage of
the table, not body text of its first passage.
7: a units cell the PDF extractor printed inside its row's text is put back after that text, so the
task's sentence is whole again.
8: footnote texts (数据来源：…) close their section instead of following the paragraph they cut.
9: a Word export's ``[image: ]`` marker is dropped like ``[bookmark: …]``, so the caption after it is one.
10: the figures of a PDF table's cells keep a space between them (``2850 5.5 2668.21``), not glued
into one unreadable number.
11: a case study's title in two clauses (``汕头高新区：打造融通发展生态，助力…``) is a heading, so its
text is no longer filed under the case before it.
12: a glossary entry (``1.人工智能：是研究…``) is one paragraph under its term, not a title cut at the
PDF line's end followed by the rest of its definition; an appendix's own chapters (附录 2 › 第二篇 …)
nest under it instead of closing it.
13: BM25 tokens keep the technologies the glossary defines whole (云计算, 物联网, 边缘计算; see
``DOMAIN_WORDS``).
14: BM25's term saturation k1 is 0.9 instead of 1.2 (a passage repeating a question word gains
less), which changes the saved BM25 scores."""
MANIFEST_NAME = "manifest.json"
REBUILD_HINT = "请运行 `assistant index` 重新建立索引。"


@dataclass
class DocumentRecord:
    doc_id: str
    title: str
    short_name: str
    file: str
    sha256: str
    chunks: int


@dataclass
class Manifest:
    format: int
    embedding_model: str
    chunking: dict
    documents: list[DocumentRecord]
    built_at: str
    build_seconds: float
    versions: dict = field(default_factory=dict)
    store: dict = field(default_factory=lambda: {"mode": "embedded", "collection": "passages"})
    embedded_passages: int = 0
    embedding_dtype: str = ""  # what this build embedded in (``auto`` resolves by CPU)

    @property
    def chunk_count(self) -> int:
        return sum(d.chunks for d in self.documents)

    def save(self, directory: Path) -> None:
        (directory / MANIFEST_NAME).write_text(
            json.dumps(asdict(self), ensure_ascii=False, indent=2), "utf-8"
        )

    @classmethod
    def load(cls, directory: Path) -> Manifest:
        path = directory / MANIFEST_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            data["documents"] = [DocumentRecord(**d) for d in data["documents"]]
            return cls(**data)
        except FileNotFoundError as exc:
            raise IndexMissingError(f"索引不完整：缺少 {path.name}。", REBUILD_HINT) from exc
        except (ValueError, TypeError, KeyError) as exc:
            raise IndexMissingError(f"索引清单 {path} 已损坏：{exc}", REBUILD_HINT) from exc

    def problems(self, settings: Settings, corpus_hashes: dict[str, str] | None = None) -> list[str]:
        """Reasons (in Chinese) this index no longer matches the settings or the corpus; empty if current."""
        out = []
        if self.format != INDEX_FORMAT:
            out.append(f"索引格式版本为 {self.format}，当前程序需要 {INDEX_FORMAT}。")
        if self.embedding_model != settings.embedding.model:
            out.append(f"索引由向量模型 {self.embedding_model} 建立，当前设置为 {settings.embedding.model}。")
        if self.chunking != settings.chunking.model_dump():
            out.append("分块参数已改变。")
        if self.store.get("mode") != settings.store.mode:
            mode = self.store.get("mode")
            out.append(f"索引的向量库为 {mode} 模式，当前设置为 {settings.store.mode} 模式。")
        if corpus_hashes is not None:
            built = {d.file: d.sha256 for d in self.documents}
            if built != corpus_hashes:
                changed = sorted(set(built.items()) ^ set(corpus_hashes.items()))
                out.append(f"语料已变化（{'、'.join(sorted({f for f, _ in changed}))}）。")
        return out
