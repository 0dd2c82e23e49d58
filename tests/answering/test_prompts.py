from __future__ import annotations

from pathlib import Path

import pytest

from assistant.answering.prompts import load_prompt
from assistant.errors import AssistantError

ROOT = Path(__file__).resolve().parents[2]


def test_repository_prompts_load_and_fill() -> None:
    prompt = load_prompt("answer", ROOT / "prompts")
    assert prompt.id == "answer.v1" and prompt.fields() == {"passages", "question"}
    messages = prompt.messages(passages="[1]《花都》\n增长3.5%。", question="增长多少？")
    assert [m.role.value for m in messages] == ["system", "user"]
    assert "[1]" in messages[0].content and "未找到" in messages[0].content
    assert "增长3.5%" in messages[1].content and "{question}" not in messages[1].content
    assert load_prompt("rewrite", ROOT / "prompts").fields() == {"history", "question"}


def test_newest_version_unless_pinned(tmp_path: Path) -> None:
    (tmp_path / "answer.v1.txt").write_text("[user]\n旧：{question}", encoding="utf-8")
    (tmp_path / "answer.v2.txt").write_text("[system]\n新\n[user]\n新：{question}", encoding="utf-8")
    assert load_prompt("answer", tmp_path).version == 2
    old = load_prompt("answer.v1", tmp_path)
    assert old.version == 1 and old.system == ""
    assert old.messages(question="{x}？")[0].content == "旧：{x}？"  # braces in values stay as written


def test_a_missing_field_or_prompt_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(KeyError):
        load_prompt("answer", ROOT / "prompts").messages(question="只有问题")
    with pytest.raises(AssistantError):
        load_prompt("nosuchprompt", tmp_path)


def test_prompt_fits_a_small_context_with_six_passages() -> None:
    """Six passages of the configured length plus the instructions stay well inside 4096 tokens
    (Qwen's tokenizer spends about one token per Chinese character at worst)."""
    from assistant.settings import LLMSettings

    prompt = load_prompt("answer", ROOT / "prompts")
    passages = "\n\n".join(f"[{i}]《花都区数字经济规划》 › 一、发展基础\n" + "字" * 451 for i in range(1, 7))
    text = "".join(m.content for m in prompt.messages(passages=passages, question="问" * 60))
    assert len(text) + LLMSettings().max_tokens < 3600
