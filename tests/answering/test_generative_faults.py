"""A failing model never breaks an answer: the extractive one comes back with a Chinese notice.

The endpoints here are real sockets misbehaving the way real ones do (nothing listening, accepting
but never answering, answering HTTP 500); the answerer talks to them through the real OpenAI client.
"""

from __future__ import annotations

import logging
import socket
import time
from pathlib import Path

from ports import free_port

from assistant.answering.extractive import ExtractiveAnswerer
from assistant.answering.generative import (
    NOTICE_MODEL_REFUSED,
    NOTICE_UNAVAILABLE,
    NOTICE_UNVERIFIED,
    GenerativeAnswerer,
)
from assistant.settings import Settings
from assistant.types import Passage

ROOT = Path(__file__).resolve().parents[2]
SECRET = "sk-test-9f8e7d6c5b4a3210"
DOC = "2020 年全区实现地区生产总值 1682.15 亿元，比上年增长 3.5%；一般公共预算收入 84.92 亿元。"
QUESTION = "花都区2020年地区生产总值是多少？"


def passages() -> list[Passage]:
    return [Passage(DOC, "hd", "花都区数字经济规划", "一、发展基础", 0.9, 100, 100 + len(DOC))]


def answerer(base_url: str = "http://127.0.0.1:9/v1", **llm) -> GenerativeAnswerer:
    settings = Settings(
        home=ROOT, answer={"backend": llm.pop("backend", "openai")}, llm={"base_url": base_url, **llm}
    )
    return GenerativeAnswerer(settings, ExtractiveAnswerer(settings.answer))


def assert_fell_back(answer, notice: str = NOTICE_UNAVAILABLE) -> None:
    assert answer.notice == notice and answer.backend == "extractive"
    assert answer.found and "1682.15" in answer.text and answer.citations


def test_unreachable_endpoint() -> None:
    qa = answerer(f"http://127.0.0.1:{free_port()}/v1")
    assert_fell_back(qa.answer(QUESTION, passages()))  # the first call also loads jieba and the client
    started = time.monotonic()
    assert_fell_back(qa.answer(QUESTION, passages()))
    assert time.monotonic() - started < 3  # no retry loop


def test_endpoint_that_never_answers_times_out() -> None:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        started = time.monotonic()
        answer = answerer(f"http://127.0.0.1:{port}/v1", timeout=1.5).answer(QUESTION, passages())
    assert_fell_back(answer)
    assert time.monotonic() - started < 15


def test_erroring_endpoint_is_logged_without_the_api_key(monkeypatch, caplog, echoing_endpoint) -> None:
    monkeypatch.setenv("ASSISTANT_LLM_API_KEY", SECRET)
    with caplog.at_level(logging.WARNING):
        answer = answerer(echoing_endpoint).answer(QUESTION, passages())
    assert_fell_back(answer)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "upstream failed" in logged and "***" in logged  # the error is logged, the key blanked
    assert SECRET not in logged


def test_missing_model_file(tmp_path: Path, caplog) -> None:
    qa = answerer(backend="llama_cpp", model_path=str(tmp_path / "none.gguf"))
    with caplog.at_level(logging.WARNING):
        assert_fell_back(qa.answer(QUESTION, passages()))
    assert "none.gguf" in caplog.text


def test_empty_or_garbage_completion_falls_back() -> None:
    qa = answerer()
    extractive = qa.fallback.answer(QUESTION, passages())
    assert_fell_back(qa.finish(QUESTION, "  \n", passages(), extractive))
    garbage = qa.finish(QUESTION, "<|im_end|>!!!@@@ 1 2 3 3 3", passages(), extractive)
    assert_fell_back(garbage, NOTICE_UNVERIFIED)
    assert garbage.sentences and not any(s.verified for s in garbage.sentences)


def test_checked_answer_and_refusal_from_completion_text() -> None:
    qa = answerer()
    extractive = qa.fallback.answer(QUESTION, passages())
    text = "2020年地区生产总值为1682.15亿元[1]。比上年增长4.5%[1]。"
    answer = qa.finish(QUESTION, text, passages(), extractive)
    assert answer.found and answer.backend == "openai" and answer.notice == ""
    assert answer.text == "2020年地区生产总值为1682.15亿元。[1]\n比上年增长4.5%。[1] ⚠未核实"
    assert answer.sentences[1].missing == ["4.5"] and answer.citations[0].passage_index == 0


REFUSAL = "在现有文件中未找到与该问题直接相关的内容。"


def test_model_refusal_yields_to_a_supported_extractive_answer() -> None:
    qa = answerer()
    extractive = qa.fallback.answer(QUESTION, passages())
    assert_fell_back(qa.finish(QUESTION, REFUSAL, passages(), extractive), NOTICE_MODEL_REFUSED)
    near_miss = "花都区2023年地区生产总值是多少？"  # no passage holds 2023: both refuse
    unsupported = qa.fallback.answer(near_miss, passages())
    refusal = qa.finish(near_miss, REFUSAL, passages(), unsupported)
    assert not unsupported.found and not refusal.found and refusal.backend == "openai" and refusal.passages


def test_trusted_model_refusal_is_kept() -> None:
    qa = answerer(model_refusal="trusted")
    extractive = qa.fallback.answer(QUESTION, passages())
    refusal = qa.finish(QUESTION, REFUSAL, passages(), extractive)
    assert extractive.found and not refusal.found and refusal.backend == "openai" and refusal.notice == ""


def test_unverified_sentences_removed_when_configured() -> None:
    qa = answerer(unsupported="remove")
    extractive = qa.fallback.answer(QUESTION, passages())
    text = "地区生产总值为1682.15亿元[1]。增长4.5%[1]。"
    assert qa.finish(QUESTION, text, passages(), extractive).text == "地区生产总值为1682.15亿元。[1]"
