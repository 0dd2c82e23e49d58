"""Logins for the chat page from a file of ``user:hash`` lines, so no password is ever stored.

Format, one user per line (blank lines and lines starting with ``#`` are ignored)::

    user:scrypt$16384$8$1$<salt, base64>$<key, base64>

The hash is ``hashlib.scrypt`` (n, r, p as written, 32-byte key) over the UTF-8 password with a
random 16-byte salt. Make a line with ``python -m assistant_web.auth USER`` (asks for the password
twice, or reads one line from stdin with ``--stdin``) and append it to the file.
"""

from __future__ import annotations

import argparse
import base64
import binascii
import getpass
import hashlib
import hmac
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from assistant.errors import AssistantError

SCHEME = "scrypt"
N, R, P, KEY_BYTES, SALT_BYTES = 2**14, 8, 1, 32, 16
_MAX_N = 2**20  # refuse lines whose cost would tie up the server for seconds per login


class AuthFileError(AssistantError):
    """The auth file is missing or has a line that is not ``user:scrypt$...``."""


def hash_password(password: str, *, salt: bytes | None = None, n: int = N, r: int = R, p: int = P) -> str:
    """``scrypt$n$r$p$salt$key`` for ``password`` with a fresh random salt."""
    if not password:
        raise ValueError("password must not be empty")
    salt = salt if salt is not None else os.urandom(SALT_BYTES)
    key = _scrypt(password, salt, n, r, p)
    return f"{SCHEME}${n}${r}${p}${_b64(salt)}${_b64(key)}"


def verify_password(stored: str, password: str) -> bool:
    """Whether ``password`` matches the ``scrypt$...`` hash (constant-time comparison)."""
    try:
        n, r, p, salt, key = _parse_hash(stored)
    except ValueError:
        return False
    return hmac.compare_digest(_scrypt(password, salt, n, r, p, dklen=len(key)), key)


def make_line(user: str, password: str) -> str:
    """One auth-file line for ``user``."""
    _check_user(user)
    return f"{user}:{hash_password(password)}"


def parse_auth_lines(lines: Sequence[str], source: str = "认证文件") -> dict[str, str]:
    """``{user: hash}`` from auth-file lines; raises ``AuthFileError`` naming the bad line.

    Errors name the line number only: a mistaken line might hold a plain password.
    """
    users: dict[str, str] = {}
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        user, sep, stored = line.partition(":")
        try:
            if not sep:
                raise ValueError
            _check_user(user)
            _parse_hash(stored)
        except ValueError:
            raise AuthFileError(
                f"{source} 第 {number} 行格式不对，应为“用户名:scrypt$...”。",
                "请用 `python -m assistant_web.auth 用户名` 生成该行。",
            ) from None
        if user in users:
            raise AuthFileError(f"{source} 第 {number} 行：用户 {user} 重复出现。", "每个用户只保留一行。")
        users[user] = stored
    return users


def load_auth_file(path: Path) -> dict[str, str]:
    """Read and check an auth file; an empty file is an error (it would lock everyone out)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AuthFileError(
            f"无法读取认证文件 {path}：{exc.strerror or exc}", "请检查 --auth-file 的路径。"
        ) from exc
    users = parse_auth_lines(text.splitlines(), source=str(path))
    if not users:
        raise AuthFileError(
            f"认证文件 {path} 中没有任何用户。",
            "请用 `python -m assistant_web.auth 用户名` 生成一行写入该文件。",
        )
    return users


def authenticator(users: dict[str, str]) -> Callable[[str, str], bool]:
    """A ``launch(auth=...)`` callable checking a login against ``users``.

    Unknown users are checked against a dummy hash so a wrong name takes as long as a wrong password.
    """
    dummy = hash_password(os.urandom(8).hex())

    def check(user: str, password: str) -> bool:
        stored = users.get(user)
        ok = verify_password(stored or dummy, password or "")
        return ok and stored is not None

    return check


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m assistant_web.auth", description="为 --auth-file 生成一行“用户名:口令哈希”"
    )
    parser.add_argument("user", help="用户名（不能包含冒号或空白）")
    parser.add_argument("--stdin", action="store_true", help="从标准输入读取口令（一行），不交互提问")
    args = parser.parse_args(argv)
    try:
        _check_user(args.user)
    except ValueError:
        print("错误：用户名不能为空，也不能包含冒号或空白。", file=sys.stderr)
        return 2
    if args.stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = getpass.getpass("口令：")
        if getpass.getpass("再次输入口令：") != password:
            print("错误：两次输入的口令不一致。", file=sys.stderr)
            return 2
    if not password:
        print("错误：口令不能为空。", file=sys.stderr)
        return 2
    print(make_line(args.user, password))
    return 0


def _check_user(user: str) -> None:
    if not user or ":" in user or any(c.isspace() for c in user):
        raise ValueError("bad user name")


def _parse_hash(stored: str) -> tuple[int, int, int, bytes, bytes]:
    parts = stored.strip().split("$")
    if len(parts) != 6 or parts[0] != SCHEME:
        raise ValueError("not an scrypt hash")
    try:
        n, r, p = (int(x) for x in parts[1:4])
        salt = base64.b64decode(parts[4], validate=True)
        key = base64.b64decode(parts[5], validate=True)
    except (ValueError, binascii.Error) as exc:
        raise ValueError("bad scrypt fields") from exc
    if (
        not (1 < n <= _MAX_N and n & (n - 1) == 0 and 0 < r <= 64 and 0 < p <= 16)
        or len(salt) < 8
        or not 16 <= len(key) <= 64
    ):
        raise ValueError("bad scrypt parameters")
    return n, r, p, salt, key


def _scrypt(password: str, salt: bytes, n: int, r: int, p: int, dklen: int = KEY_BYTES) -> bytes:
    return hashlib.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=dklen, maxmem=256 * 1024 * 1024
    )


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


if __name__ == "__main__":
    raise SystemExit(main())
