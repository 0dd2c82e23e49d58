"""The --auth-file format: salted scrypt hashes, checked lines, no plain passwords."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from assistant_web import auth


def test_hash_round_trip_with_random_salt() -> None:
    first, second = auth.hash_password("口令 secret"), auth.hash_password("口令 secret")
    assert first != second and first.startswith("scrypt$16384$8$1$")
    assert auth.verify_password(first, "口令 secret") and auth.verify_password(second, "口令 secret")
    assert not auth.verify_password(first, "口令 Secret") and not auth.verify_password(first, "")
    assert not auth.verify_password("not-a-hash", "口令 secret")


def test_auth_lines_are_parsed_and_checked() -> None:
    line = auth.make_line("alice", "pw-1")
    users = auth.parse_auth_lines(["# staff", "", line, auth.make_line("bob", "pw-2")])
    assert set(users) == {"alice", "bob"} and "pw-1" not in line
    check = auth.authenticator(users)
    assert check("alice", "pw-1") and check("bob", "pw-2")
    assert not check("alice", "pw-2") and not check("carol", "pw-1") and not check("", "")


def test_bad_lines_are_reported_by_number_without_their_content() -> None:
    with pytest.raises(auth.AuthFileError) as bad:
        auth.parse_auth_lines([auth.make_line("alice", "x"), "bob:plain-password"])
    assert "第 2 行" in bad.value.message and "plain-password" not in str(bad.value)
    assert "python -m assistant_web.auth" in bad.value.hint
    with pytest.raises(auth.AuthFileError, match="重复"):
        auth.parse_auth_lines([auth.make_line("alice", "x"), auth.make_line("alice", "y")])
    with pytest.raises(auth.AuthFileError):  # a cost that would stall every login is refused
        auth.parse_auth_lines(["eve:" + auth.hash_password("x", n=2**14).replace("$16384$", "$1048576000$")])


def test_auth_file_loading(tmp_path: Path) -> None:
    path = tmp_path / "users.txt"
    path.write_text(auth.make_line("alice", "pw") + "\n", encoding="utf-8")
    assert list(auth.load_auth_file(path)) == ["alice"]
    path.write_text("# nobody yet\n", encoding="utf-8")
    with pytest.raises(auth.AuthFileError, match="没有任何用户"):
        auth.load_auth_file(path)
    with pytest.raises(auth.AuthFileError, match="无法读取"):
        auth.load_auth_file(tmp_path / "missing.txt")


def test_command_prints_a_line_for_the_user(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("s3cret\n"))
    assert auth.main(["alice", "--stdin"]) == 0
    line = capsys.readouterr().out.strip()
    assert line.startswith("alice:scrypt$") and "s3cret" not in line
    assert auth.authenticator(auth.parse_auth_lines([line]))("alice", "s3cret")
    assert auth.main(["bad:name", "--stdin"]) == 2
