"""Feedback records: whole JSON lines, appended atomically and synced, never holding secrets."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from assistant.feedback import FEEDBACK_FILE, read_feedback, record_feedback
from assistant.types import Citation

QUOTE = "全区实现地区生产总值1682.15亿元"
CITATION = Citation(1, "hd-digital-economy", "花都规划", "一、发展基础", QUOTE, 10, 30)


def test_a_record_holds_question_answer_citations_and_time(tmp_path: Path) -> None:
    record_feedback(
        tmp_path / "fb",
        question="那2025年的目标呢？",
        standalone_question="花都区2025年地区生产总值的目标是多少？",
        answer="……[1]",
        rating="down",
        comment="  引用的是2020年的数字 ",
        citations=[CITATION],
        found=True,
        extra={"documents": ["hd-digital-economy"], "api_key": "sk-123", "password": "x", "Auth-Token": "t"},
    )
    (row,) = read_feedback(tmp_path / "fb")
    assert row["rating"] == "down" and row["comment"] == "引用的是2020年的数字"
    assert row["question"] == "那2025年的目标呢？" and row["standalone_question"].startswith("花都区2025年")
    assert row["citations"][0]["quote"] == CITATION.quote and row["citations"][0]["start"] == 10
    assert row["time"][:2] == "20" and row["documents"] == ["hd-digital-economy"]
    text = (tmp_path / "fb" / FEEDBACK_FILE).read_text(encoding="utf-8")
    assert "sk-123" not in text and "password" not in text and "Auth-Token" not in text


def test_writes_are_single_synced_appends(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[tuple[str, object]] = []
    real_open, real_write, real_fsync = os.open, os.write, os.fsync
    monkeypatch.setattr(os, "open", lambda p, fl, *a: calls.append(("open", fl)) or real_open(p, fl, *a))
    monkeypatch.setattr(os, "write", lambda fd, data: calls.append(("write", data)) or real_write(fd, data))
    monkeypatch.setattr(os, "fsync", lambda fd: calls.append(("fsync", fd)) or real_fsync(fd))
    record_feedback(tmp_path, question="问", answer="答", rating="up")
    opened = [flags for kind, flags in calls if kind == "open"]
    assert opened[0] & os.O_APPEND
    writes = [data for kind, data in calls if kind == "write"]
    assert len(writes) == 1 and writes[0].endswith(b"\n") and writes[0].count(b"\n") == 1
    assert [kind for kind, _ in calls].index("fsync") > [kind for kind, _ in calls].index("write")


def test_concurrent_writes_from_threads_give_whole_lines(tmp_path: Path) -> None:
    threads, per_thread = 8, 25
    big = "数字经济" * 5000  # ~60 KB lines: far beyond any pipe/stdio buffer

    def worker(t: int) -> None:
        for i in range(per_thread):
            record_feedback(tmp_path, question=f"{t}-{i}", answer=big, rating="up" if i % 2 else "down")

    pool = [threading.Thread(target=worker, args=(t,)) for t in range(threads)]
    for th in pool:
        th.start()
    for th in pool:
        th.join()
    lines = (tmp_path / FEEDBACK_FILE).read_text(encoding="utf-8").split("\n")
    assert lines[-1] == ""
    rows = [json.loads(line) for line in lines[:-1]]  # every line is one whole record
    assert len(rows) == threads * per_thread
    assert {r["question"] for r in rows} == {f"{t}-{i}" for t in range(threads) for i in range(per_thread)}
    assert all(r["answer"] == big for r in rows)


def test_bad_rating_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        record_feedback(tmp_path, question="问", answer="答", rating="meh")
    assert read_feedback(tmp_path) == []
