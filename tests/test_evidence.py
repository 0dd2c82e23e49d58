"""Sentence scores the extractive answerer picks its quotes by."""

from __future__ import annotations

from assistant.evidence import sentence_score
from assistant.question import analyze


def test_a_role_question_prefers_the_sentence_stating_the_role() -> None:
    q = analyze("它把中央工厂定位成什么？")
    named = "打造“亮眼”的中央工厂，并且通过了实际接单生产盈利的市场验证。"
    role = "产业联合体将中央工厂作为“合作社”，先富带动后富。"
    assert sentence_score(q, role) > sentence_score(q, named)
    plain = analyze("中央工厂是怎么建起来的？")
    assert sentence_score(plain, role) - sentence_score(plain, named) < 0.2
