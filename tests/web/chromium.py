"""Debian's chromium as the browser tests drive it (Playwright never downloads its own here)."""

from __future__ import annotations

from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
needs_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs Debian's chromium at /usr/bin/chromium (apt-get install chromium; CI installs it)",
)


def ask(page, question: str) -> None:
    """Type a question into the page and send it."""
    page.fill("#question textarea", question)
    page.click("#send")
