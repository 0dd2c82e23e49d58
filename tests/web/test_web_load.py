"""The load test's own logic, and a small run of it against the live page (0 errors)."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from assistant_web import loadtest

ROOT = Path(__file__).resolve().parents[2]


def test_percentiles_and_report() -> None:
    run = loadtest.Run(users=2, questions=5, seconds=2.0, latencies=[0.1, 0.2, 0.3, 0.4], errors=["x"])
    s = run.summary()
    assert (s["p50_s"], s["p95_s"], s["errors"], s["answered"]) == (0.3, 0.4, 1, 4)
    assert s["throughput_qps"] == 2.0
    context = {"command": "c", "when": "w", "cpus": 2, "loadavg": "1.0", "server": "s"}
    report = loadtest.markdown(run, (run, [(0, 100.0), (500, 101.0)]), context)
    assert "| 2 × 2 | 4 | 1 |" in report and "| 500 | 101 MB |" in report and "- `x`" in report


def test_refuses_a_target_that_is_not_loopback(capsys) -> None:
    with pytest.raises(SystemExit):
        loadtest.main(["--url", "http://example.com:7860/", "--users", "1", "--questions", "1"])
    assert "只允许对本机" in capsys.readouterr().err


def test_rss_of_this_process() -> None:
    assert 10 < loadtest.rss_mb(os.getpid()) < 100_000


@pytest.mark.slow
def test_five_users_two_questions_each_get_answers_without_errors(web_server) -> None:
    questions = loadtest.load_questions(ROOT / "eval/dataset.jsonl")
    assert len(questions) > 200
    deadline = time.monotonic() + 600
    run = loadtest.run_users(web_server.url, questions, users=5, per_user=2, deadline=deadline)
    assert run.errors == [] and len(run.latencies) == 10
    assert all(0 < t < 300 for t in run.latencies)


def test_cpu_seconds_of_this_process_match_os_times() -> None:
    own = loadtest.own_cpu_seconds()
    assert abs(loadtest.cpu_seconds(os.getpid()) - own) < 0.5


@pytest.mark.slow
def test_a_page_session_keeps_its_conversation_on_the_server(web_server) -> None:
    config = loadtest.page_config(web_server.url)
    docs = loadtest.document_ids(config)
    session = loadtest.PageSession(web_server.url, config)
    try:
        first = session.ask("花都区2020年地区生产总值是多少？", docs)[0]
        second = session.ask("那2019年呢？", docs)[0]
    finally:
        session.close()
    assert "1682.15" in loadtest.answer_text(first)
    assert len(second) == len(first) + 2
    other = loadtest.PageSession(web_server.url, config)
    try:
        assert len(other.ask("花都区2020年地区生产总值是多少？", docs)[0]) == len(first)
    finally:
        other.close()
