"""Real text for the PDF and Word tests: the opening of seed 004, as its cleaned paragraphs."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from assistant.ingest.cleaning import Block, clean_text

SEED = Path(__file__).resolve().parents[2] / "corpus" / "004_25881b3614b89cab.txt"


@pytest.fixture(scope="session")
def seed_blocks() -> list[Block]:
    """Title, headings (一、 （一） 1.) and body paragraphs of the first ~3000 characters of seed 004."""
    blocks = clean_text(SEED.read_text(encoding="utf-8")[:3000]).blocks
    return blocks[:-1]  # the last paragraph is cut off mid-sentence


def _write_catalog(corpus: Path, files: list[str]) -> None:
    entries = [
        f'[[documents]]\nid = "d{i}"\nfile = "{name}"\ntitle = "文档{i}"\nshort_name = "文档{i}"\n'
        for i, name in enumerate(files)
    ]
    (corpus / "catalog.toml").write_text("\n".join(entries), encoding="utf-8")


@pytest.fixture
def write_catalog() -> Callable[[Path, list[str]], None]:
    """Writes a catalog.toml listing the given files as documents d0, d1, ..."""
    return _write_catalog
