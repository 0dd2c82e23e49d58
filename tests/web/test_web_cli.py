"""``assistant serve`` wiring: index first, one Assistant, local by default, warning when exposed."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant import cli
from assistant_web import auth


@pytest.fixture
def fake_server(monkeypatch: pytest.MonkeyPatch) -> dict:
    seen: dict = {"ensure_index": 0}
    monkeypatch.setattr(cli, "ensure_index", lambda settings: seen.__setitem__("ensure_index", 1))
    monkeypatch.setattr("assistant.assistant.Assistant.load", classmethod(lambda cls, settings: "QA"))
    monkeypatch.setattr("assistant_web.app.create_app", lambda qa, settings: ("APP", qa))
    monkeypatch.setattr("assistant_web.app.launch", lambda demo, **options: seen.update(demo=demo, **options))
    return seen


def test_serve_binds_locally_by_default(fake_server: dict, capsys) -> None:
    assert cli.main(["serve"]) == 0
    assert fake_server["ensure_index"] == 1 and fake_server["demo"] == ("APP", "QA")
    assert fake_server["server_name"] == "127.0.0.1" and fake_server["server_port"] == 7860
    assert fake_server["auth"] is None
    captured = capsys.readouterr()
    assert "警告" not in captured.err and "http://127.0.0.1:7860/" in captured.out


def test_serve_elsewhere_without_login_warns(fake_server: dict, capsys) -> None:
    assert cli.main(["serve", "--host", "0.0.0.0", "--port", "8080"]) == 0
    assert fake_server["server_name"] == "0.0.0.0" and fake_server["server_port"] == 8080
    assert "警告" in capsys.readouterr().err


def test_serve_with_auth_file(fake_server: dict, tmp_path: Path, capsys) -> None:
    users = tmp_path / "users.txt"
    users.write_text(auth.make_line("alice", "pw") + "\n", encoding="utf-8")
    assert cli.main(["serve", "--host", "0.0.0.0", "--auth-file", str(users)]) == 0
    assert fake_server["auth"]("alice", "pw") and not fake_server["auth"]("alice", "nope")
    assert "警告" not in capsys.readouterr().err
    users.write_text("alice:plain\n", encoding="utf-8")
    assert cli.main(["serve", "--auth-file", str(users)]) == 2
    assert "第 1 行" in capsys.readouterr().err


def test_serve_bounds_the_conversations_kept_in_memory(
    fake_server: dict, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli.main(["serve"]) == 0
    assert fake_server["state_session_capacity"] == 500
    monkeypatch.setenv("ASSISTANT_PAGE__SESSION_CAPACITY", "50")
    assert cli.main(["serve"]) == 0
    assert fake_server["state_session_capacity"] == 50
