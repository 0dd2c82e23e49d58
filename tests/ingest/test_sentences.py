from __future__ import annotations

from assistant.ingest.sentences import Span, split_long, split_sentences


def test_splits_on_chinese_sentence_ends_and_keeps_closing_quotes() -> None:
    text = "他说：“要发展数字经济。”随后，开会；结束！好吗？\n新段落"
    parts = [text[s.start : s.end] for s in split_sentences(text)]
    assert parts == ["他说：“要发展数字经济。”", "随后，开会；", "结束！", "好吗？", "新段落"]


def test_offsets_are_relative_to_the_whole_text() -> None:
    text = "前文。目标一。目标二。"
    spans = split_sentences(text, 3)
    assert [text[s.start : s.end] for s in spans] == ["目标一。", "目标二。"]


def test_long_run_on_sentence_splits_at_commas() -> None:
    text = "，".join(["甲乙丙丁戊己庚辛"] * 20) + "。"
    pieces = split_long(text, Span(0, len(text)), 50)
    assert all(p.end - p.start <= 50 for p in pieces)
    assert "".join(text[p.start : p.end] for p in pieces) == text
    assert all(text[p.end - 1] == "，" for p in pieces[:-1])
