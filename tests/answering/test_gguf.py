"""Assembling parted models, on small part wheels made here laid out like the PyPI ones."""

from __future__ import annotations

import hashlib
import struct
import zipfile
from pathlib import Path

import pytest

from assistant.answering import gguf
from assistant.answering.gguf import PartedModel, check_gguf, fetch_model, resolve_model
from assistant.errors import ModelError


def make_parts(folder: Path, blob: bytes, parts: int) -> PartedModel:
    """``blob`` cut into ``parts`` wheels (more than 9, so part10 must follow part9, not part1)."""
    size = -(-len(blob) // parts)
    for i in range(1, parts + 1):
        with zipfile.ZipFile(folder / f"tiny_model_part{i}-1.0-py3-none-any.whl", "w") as z:
            z.writestr(f"tiny_model_part{i}/__init__.py", "")
            z.writestr(f"tiny_model_part{i}/data/part{i:02d}.bin", blob[(i - 1) * size : i * size])
    digest = hashlib.sha256(blob).hexdigest()
    return PartedModel("tiny", "tiny-model-part{i}", "1.0", parts, len(blob), digest)


def gguf_blob(n: int = 5000) -> bytes:
    return b"GGUF" + struct.pack("<I", 3) + bytes(i % 251 for i in range(n))


@pytest.fixture
def tiny(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    blob = gguf_blob()
    model = make_parts(wheels, blob, 12)
    monkeypatch.setitem(gguf.MODELS, "tiny", model)
    return wheels, blob, model


def test_parts_join_in_numeric_order_into_the_cache(tiny, tmp_path: Path) -> None:
    wheels, blob, model = tiny
    said: list[str] = []
    path = fetch_model("tiny", tmp_path / "models", wheels, say=said.append)
    assert path == tmp_path / "models" / model.filename and path.read_bytes() == blob
    assert check_gguf(path) == 3 and str(path) in said[-1]
    assert [p.name for p in (tmp_path / "models").iterdir()] == [model.filename]  # no temp file left
    assert resolve_model("tiny", tmp_path / "models") == path
    assert fetch_model("tiny", tmp_path / "models", wheels, say=said.append) == path
    assert said[-1].startswith("模型已存在")


def test_a_part_that_does_not_match_the_checksum_is_refused(tiny, tmp_path: Path) -> None:
    wheels, blob, model = tiny
    make_parts(wheels, blob[:-1] + b"x", model.parts)
    with pytest.raises(ModelError, match="校验失败"):
        fetch_model("tiny", tmp_path / "models", wheels, say=lambda _m: None)
    assert not any((tmp_path / "models").iterdir())


def test_header_check(tmp_path: Path) -> None:
    bad = tmp_path / "bad.gguf"
    bad.write_bytes(b"PK\x03\x04" + bytes(20))
    with pytest.raises(ModelError, match="不是 GGUF"):
        check_gguf(bad)
    old = tmp_path / "old.gguf"
    old.write_bytes(b"GGUF" + struct.pack("<I", 99))
    with pytest.raises(ModelError, match="版本"):
        check_gguf(old)
    with pytest.raises(ModelError):
        check_gguf(tmp_path / "missing.gguf")


def test_unknown_name_and_plain_paths(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="未知"):
        fetch_model("gpt-9", tmp_path)
    assert resolve_model("/data/x.gguf", tmp_path) == Path("/data/x.gguf")
    assert resolve_model("qwen2.5-coder-0.5b", tmp_path).name.endswith(".gguf")
