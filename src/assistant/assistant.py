"""The public entry point: ``Assistant.load()``, then ``retrieve`` and ``ask``."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from llama_index.core import VectorStoreIndex
from llama_index.core.schema import NodeWithScore

from assistant.answering.extractive import ExtractiveAnswerer
from assistant.answering.followup import rewrite_followup
from assistant.answering.generative import GenerativeAnswerer
from assistant.answering.outline import Outline
from assistant.errors import IndexMissingError, InvalidQuestionError
from assistant.index.manifest import REBUILD_HINT, Manifest
from assistant.index.store import (
    BM25_DIR,
    current_build,
    load_document_text,
    load_passages,
    open_vector_store,
    store_errors,
)
from assistant.retrieval.bm25 import JiebaBM25Retriever
from assistant.retrieval.hybrid import HybridSearch
from assistant.settings import Settings
from assistant.types import Answer, Passage

log = logging.getLogger(__name__)
# C0/C1 controls, zero-width and bidi-override marks: invisible, and they can disguise text on the page.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]")
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")


class Assistant:
    """One loaded index and model; thread-safe for concurrent ``retrieve``/``ask`` calls."""

    def __init__(self, settings: Settings, manifest: Manifest, search: HybridSearch) -> None:
        self.settings = settings
        self.manifest = manifest
        self.search = search
        outline = Outline.from_passages(
            _to_passage(NodeWithScore(node=n, score=0.0)) for n in search.bm25.nodes
        )
        self.answerer = ExtractiveAnswerer(settings.answer, search.bm25.document_share, outline, search.names)
        self.generator = (
            GenerativeAnswerer(settings, self.answerer) if settings.answer.backend != "extractive" else None
        )
        self.documents = {d.doc_id: d for d in manifest.documents}

    @classmethod
    def load(cls, settings: Settings | None = None, embed_model=None) -> Assistant:
        """Open the current index; raises ``IndexMissingError`` with the command to run if unusable,
        ``StoreUnavailableError`` when the index lives on a Chroma server that cannot be reached."""
        settings = settings or Settings()
        build = current_build(settings.index_dir)
        manifest = Manifest.load(build)
        problems = manifest.problems(settings)
        if problems:
            raise IndexMissingError("现有索引与当前设置不符：" + "".join(problems), REBUILD_HINT)
        nodes = load_passages(build)
        try:
            bm25 = JiebaBM25Retriever.load(build / BM25_DIR, {n.node_id: n for n in nodes})
        except (OSError, ValueError, KeyError) as exc:
            raise IndexMissingError(f"BM25 索引损坏：{exc}", REBUILD_HINT) from exc
        if embed_model is None:
            from assistant.embeddings.model import load_embedding

            embed_model = load_embedding(settings)
        store = open_vector_store(
            settings.store, build, manifest.store["collection"], mode=manifest.store.get("mode")
        )
        index = VectorStoreIndex.from_vector_store(store, embed_model=embed_model)
        return cls(settings, manifest, HybridSearch(index, bm25, settings.retrieval))

    @property
    def index_path(self) -> Path:
        return current_build(self.settings.index_dir)

    def document_text(self, doc_id: str) -> str:
        """The cleaned text every ``start``/``end`` offset of this document refers to."""
        self._check_documents([doc_id])
        return load_document_text(self.index_path, doc_id)

    def retrieve(
        self, question: str, top_k: int = 5, documents: Sequence[str] | None = None, mode: str | None = None
    ) -> list[Passage]:
        """Passages for ``question``, best first; ``documents`` limits the search to those doc ids."""
        question, _ = self._check_question(question)
        top_k = max(1, min(int(top_k), self.settings.retrieval.max_top_k))
        documents = self._check_documents(documents)
        with store_errors(self.settings.store):
            results = self.search.retrieve(question, top_k, documents, mode)
        return [_to_passage(r) for r in results[:top_k]]

    def ask(
        self,
        question: str,
        history: Sequence[tuple[str, str]] | None = None,
        documents: Sequence[str] | None = None,
        mode: str | None = None,
    ) -> Answer:
        """A cited Chinese answer, or ``found=False`` with the closest passages.

        With ``history`` (earlier ``(question, answer)`` turns, oldest first) a follow-up such as
        "那2025年的目标呢？" is first rewritten into a standalone question; ``Answer.question`` is
        the question actually searched. ``mode`` overrides ``retrieval.mode`` for this call.
        """
        passages, question, notice = self._prepare(question, history, documents, mode)
        if self.generator is None:
            answer = self.answerer.answer(question, passages)
        else:
            answer = self.generator.answer(question, passages)
        return _add_notice(answer, notice)

    def stream(
        self,
        question: str,
        history: Sequence[tuple[str, str]] | None = None,
        documents: Sequence[str] | None = None,
        mode: str | None = None,
    ) -> Iterator[str | Answer]:
        """Yield the answer text piece by piece, then the final, checked ``Answer``.

        A generative backend streams the model's raw text as it is written (markers included);
        the final ``Answer`` is what passed the check, which may differ (flagged sentences, or the
        extractive fallback with a notice). The extractive answer streams one cited sentence at a time.
        """
        passages, question, notice = self._prepare(question, history, documents, mode)
        if self.generator is not None:
            for piece in self.generator.stream(question, passages):
                yield _add_notice(piece, notice) if isinstance(piece, Answer) else piece
            return
        answer = _add_notice(self.answerer.answer(question, passages), notice)
        pieces = answer.text.split("\n") if answer.found else [answer.text]
        for i, piece in enumerate(pieces):
            yield piece + ("\n" if i < len(pieces) - 1 else "")
        yield answer

    def _prepare(
        self,
        question: str,
        history: Sequence[tuple[str, str]] | None,
        documents: Sequence[str] | None,
        mode: str | None,
    ) -> tuple[list[Passage], str, str]:
        """Checked, standalone question and its passages, plus any notice about the question."""
        question, notice = self._check_question(question)
        if history:
            rewritten = None
            if self.generator is not None and self.settings.llm.rewrite_followups:
                rewritten = self.generator.rewrite(question, history)
            question, _ = self._check_question(rewritten or rewrite_followup(question, history))
        passages = self.retrieve(
            question, top_k=self.settings.retrieval.top_k, documents=documents, mode=mode
        )
        return passages, question, notice

    def _check_question(self, question: str) -> tuple[str, str]:
        """The question as searched, and a notice for the user; refuses what cannot be searched.

        Control characters become spaces; an over-long question is cut (before any other work, so
        time and memory stay bounded) with a notice; a question with no letters, digits or CJK
        characters (only emoji or punctuation) is refused; one without Chinese gets a notice,
        since every document is Chinese and such a question rarely matches them.
        """
        limit = self.settings.answer.max_question_chars
        question = question or ""
        cut = len(question.strip()) > limit
        cleaned = _CONTROL.sub(" ", question.strip()[: limit + 1]).strip()
        if not cleaned:
            raise InvalidQuestionError(
                "问题不能为空。", "请输入要查询的问题，例如：花都区2020年地区生产总值是多少？"
            )
        if not any(ch.isalnum() for ch in cleaned):
            raise InvalidQuestionError(
                "问题中没有可检索的文字（只有表情符号或标点）。",
                "请用文字写出要查询的内容，例如：花都区2020年地区生产总值是多少？",
            )
        notices = []
        if cut:
            cleaned = cleaned[:limit]
            notices.append(f"问题过长，已只取前 {limit} 个字进行检索。")
        if not _CJK.search(cleaned):
            notices.append("文件均为中文，非中文提问往往找不到答案，建议改用中文提问。")
        return cleaned, "".join(notices)

    def _check_documents(self, documents: Sequence[str] | None) -> list[str] | None:
        if documents is None:
            return None
        unknown = [d for d in documents if d not in self.documents]
        if unknown:
            known = "、".join(self.documents)
            raise InvalidQuestionError(
                f"未知的文档编号：{'、'.join(unknown)}。", f"可选的文档编号：{known}。"
            )
        return list(documents)


def _add_notice(answer: Answer, notice: str) -> Answer:
    if notice:
        answer.notice = f"{notice} {answer.notice}".strip()
    return answer


def _to_passage(result: NodeWithScore) -> Passage:
    meta = result.node.metadata
    return Passage(
        text=result.node.get_content(),
        doc_id=meta["doc_id"],
        title=meta["title"],
        section=meta["section"],
        score=float(result.score or 0.0),
        start=int(meta["start"]),
        end=int(meta["end"]),
        short_name=meta.get("short_name", ""),
        node_id=result.node.node_id,
        sections=_sections(meta),
    )


def _sections(meta: dict) -> tuple[tuple[int, str], ...]:
    """Section changes inside the passage, in document offsets (indexes built before they were
    recorded have none, and every sentence takes the passage's section)."""
    raw = meta.get("sections") or "[]"
    start = int(meta["start"])
    return tuple((start + int(offset), str(name)) for offset, name in json.loads(raw))
