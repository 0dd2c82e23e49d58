"""Generated answers: numbered passages → prompt → model (streamed) → check → answer or fallback.

The extractive answer is computed first for every question: it is the fallback whenever the model
is unavailable (unreachable, erroring, too slow, missing file) or says nothing that passes the
check after generation, so a question always gets a cited answer and a failing model never
breaks a session. A later call tries the model again, so service resumes when it comes back.

A model's "the passages do not say" is checked the same way: the small local models say it for a
third of the answerable questions (eval/README.md, "Generated answers"), while the extractive
answerer refuses only when its quotes lack the question's years, places, focus word or asked
figure. So when the extractive answer is supported it is shown, with a notice, instead of the
model's refusal (``llm.model_refusal = "trusted"`` keeps the model's word).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace

from llama_index.core.llms import LLM

from assistant.answering.citations import refusal_text
from assistant.answering.extractive import ExtractiveAnswerer
from assistant.answering.llm import create_llm, redact
from assistant.answering.prompts import load_prompt
from assistant.answering.verification import citations_for, render, verify
from assistant.errors import LLMUnavailableError
from assistant.settings import Settings
from assistant.types import Answer, Passage

log = logging.getLogger(__name__)

NOTICE_UNAVAILABLE = "大模型暂时不可用，以下为原文摘录式回答。"
NOTICE_UNVERIFIED = "大模型的回答未能通过核对（引用或数字与原文不符），以下为原文摘录式回答。"
NOTICE_MODEL_REFUSED = "大模型认为段落中没有答案，但原文摘录找到了以下相关内容，请核对。"
_MAX_REWRITE_CHARS = 200


class GenerativeAnswerer:
    def __init__(self, settings: Settings, fallback: ExtractiveAnswerer, llm: LLM | None = None) -> None:
        self.settings = settings
        self.fallback = fallback
        self.backend = settings.answer.backend
        self.prompt = load_prompt(settings.llm.answer_prompt, settings.prompts_dir)
        self.rewrite_prompt = load_prompt(settings.llm.rewrite_prompt, settings.prompts_dir)
        self._llm = llm

    @property
    def llm(self) -> LLM:
        """Made on first use, so a missing model or package shows up as a fallback, not a crash."""
        if self._llm is None:
            self._llm = create_llm(self.settings)
        return self._llm

    def answer(self, question: str, passages: list[Passage]) -> Answer:
        result = None
        for piece in self.stream(question, passages):
            if isinstance(piece, Answer):
                result = piece
        assert result is not None
        return result

    def stream(self, question: str, passages: list[Passage]) -> Iterator[str | Answer]:
        """Text pieces as the model writes them, then the checked ``Answer`` (or the fallback)."""
        extractive = self.fallback.answer(question, passages)
        given = passages[: self.settings.llm.passages]
        if not given:
            yield extractive
            return
        messages = self.prompt.messages(passages=self.format_passages(given), question=question)
        pieces: list[str] = []
        try:
            for delta in self._generate(messages):
                pieces.append(delta)
                yield delta
        except Exception as exc:  # any backend failure degrades to the extractive answer
            self._log_failure(exc)
            yield _with_notice(extractive, NOTICE_UNAVAILABLE)
            return
        yield self.finish(question, "".join(pieces), passages, extractive)

    def finish(self, question: str, text: str, passages: list[Passage], extractive: Answer) -> Answer:
        """The checked answer for the model's ``text``, or the extractive one when nothing holds up."""
        given = passages[: self.settings.llm.passages]
        if not text.strip():
            log.warning("%s backend returned an empty completion", self.backend)
            return _with_notice(extractive, NOTICE_UNAVAILABLE)
        checked = verify(text, given, self.settings.llm.attribute_unmarked)
        if checked.refused and extractive.found and self.settings.llm.model_refusal == "checked":
            return replace(_with_notice(extractive, NOTICE_MODEL_REFUSED), sentences=checked.sentences)
        if checked.refused:
            return Answer(
                text=refusal_text(question),
                found=False,
                passages=passages,
                question=question,
                backend=self.backend,
                sentences=checked.sentences,
            )
        if not checked.verified:
            log.info("no verified sentence in the %s answer; using the extractive one", self.backend)
            return replace(_with_notice(extractive, NOTICE_UNVERIFIED), sentences=checked.sentences)
        remove = self.settings.llm.unsupported == "remove"
        kept = checked.verified if remove else checked.sentences
        return Answer(
            text=render(kept, remove_unverified=remove),
            found=True,
            citations=citations_for(kept, given),
            passages=passages,
            question=question,
            backend=self.backend,
            sentences=checked.sentences,
        )

    def rewrite(self, question: str, history: Sequence[tuple[str, str]]) -> str | None:
        """The model's standalone form of a follow-up, or None (caller uses the rules) on any failure."""
        turns = "\n".join(f"- {q}" for q, _ in list(history)[-3:])
        try:
            text = "".join(self._generate(self.rewrite_prompt.messages(history=turns, question=question)))
        except Exception as exc:
            self._log_failure(exc)
            return None
        line = text.strip().splitlines()[0].strip(' "“”') if text.strip() else ""
        if not line or len(line) > _MAX_REWRITE_CHARS or "[" in line:
            return None
        return line

    def format_passages(self, passages: Sequence[Passage]) -> str:
        limit = self.settings.llm.passage_chars
        blocks = []
        for i, p in enumerate(passages, 1):
            name = p.short_name or p.title
            section = f" › {p.section}" if p.section else ""
            text = p.text if len(p.text) <= limit else p.text[:limit] + "…"
            blocks.append(f"[{i}]《{name}》{section}\n{text}")
        return "\n\n".join(blocks)

    def _generate(self, messages) -> Iterator[str]:
        """Deltas of one streamed reply; raises ``LLMUnavailableError`` past ``llm.timeout`` seconds."""
        limit = self.settings.llm.timeout
        started = time.monotonic()
        stream = self.llm.stream_chat(messages)
        try:
            for chunk in stream:
                if chunk.delta:
                    yield chunk.delta
                if time.monotonic() - started > limit:
                    raise LLMUnavailableError(f"大模型在 {limit:.0f} 秒内未完成回答。", "")
        finally:
            close = getattr(stream, "close", None)
            if close:
                close()

    def _log_failure(self, exc: Exception) -> None:
        message = redact(f"{type(exc).__name__}: {exc}", self.settings)
        log.warning("%s backend unavailable, answering extractively: %s", self.backend, message)


def _with_notice(answer: Answer, notice: str) -> Answer:
    return replace(answer, notice=notice, backend="extractive")
