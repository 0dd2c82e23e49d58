"""A free loopback port for the real servers the tests start (page, Chroma, LLM endpoints)."""

from __future__ import annotations

import socket


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
