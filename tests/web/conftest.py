"""A real chat page on a free local port, over the session's real index and Assistant."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from ports import free_port


@dataclass
class WebServer:
    url: str
    feedback_dir: Path


@pytest.fixture(scope="session")
def web_server(qa, settings, tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebServer]:
    from assistant_web.app import create_app, launch

    feedback_dir = tmp_path_factory.mktemp("feedback")
    page_settings = settings.model_copy(
        update={"paths": settings.paths.model_copy(update={"feedback_dir": feedback_dir})}
    )
    demo = create_app(qa, page_settings)
    port = free_port()
    launch(demo, prevent_thread_lock=True, server_name="127.0.0.1", server_port=port, quiet=True)
    try:
        yield WebServer(f"http://127.0.0.1:{port}/", feedback_dir)
    finally:
        demo.close()
