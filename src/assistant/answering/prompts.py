"""Prompts live in ``prompts/<name>.v<N>.txt`` so wording changes are reviewed and versioned like code.

A file holds a ``[system]`` section and a ``[user]`` section; ``{field}`` placeholders in them are
filled by name (plain replacement, so other braces in Chinese text need no escaping). A name without
a version (``answer``) means the newest version on disk; ``answer.v1`` pins one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from llama_index.core.llms import ChatMessage, MessageRole

from assistant.errors import AssistantError

_FILE = re.compile(r"^(?P<name>.+)\.v(?P<version>\d+)\.txt$")
_SECTION = re.compile(r"^\[(system|user)\]\s*$", re.MULTILINE)
_FIELD = re.compile(r"\{(\w+)\}")
# The repository's prompts/, for installs run from another working directory.
_BUNDLED = Path(__file__).resolve().parents[3] / "prompts"


@dataclass(frozen=True)
class Prompt:
    name: str
    version: int
    system: str
    user: str

    @property
    def id(self) -> str:
        return f"{self.name}.v{self.version}"

    def fields(self) -> set[str]:
        return set(_FIELD.findall(self.system)) | set(_FIELD.findall(self.user))

    def messages(self, **values: str) -> list[ChatMessage]:
        """Chat messages with every ``{field}`` filled; a missing value is a programming error."""
        missing = self.fields() - values.keys()
        if missing:
            raise KeyError(f"prompt {self.id} needs {sorted(missing)}")

        def fill(text: str) -> str:
            return _FIELD.sub(lambda m: str(values.get(m.group(1), m.group(0))), text)

        out = [ChatMessage(role=MessageRole.SYSTEM, content=fill(self.system))] if self.system else []
        return out + [ChatMessage(role=MessageRole.USER, content=fill(self.user))]


def load_prompt(name: str, directory: Path) -> Prompt:
    """``name`` (``answer`` or ``answer.v1``) from ``directory``, else from the repository's prompts/."""
    base, _, pinned = name.partition(".v")
    for folder in (directory, _BUNDLED):
        versions = _versions(folder, base)
        if pinned:
            versions = {v: p for v, p in versions.items() if str(v) == pinned}
        if versions:
            version = max(versions)
            return parse_prompt(base, version, versions[version].read_text(encoding="utf-8"))
    raise AssistantError(
        f"找不到提示词文件：{name}（在 {directory} 中）。",
        "请确认 prompts/ 目录存在，或用 paths.prompts_dir 指定其位置。",
    )


def parse_prompt(name: str, version: int, text: str) -> Prompt:
    parts = _SECTION.split(text)
    sections = {parts[i]: parts[i + 1].strip() for i in range(1, len(parts) - 1, 2)}
    if "user" not in sections:
        raise AssistantError(f"提示词文件 {name}.v{version} 缺少 [user] 部分。", "请检查 prompts/ 中的文件。")
    return Prompt(name, version, sections.get("system", ""), sections["user"])


def _versions(folder: Path, base: str) -> dict[int, Path]:
    if not folder.is_dir():
        return {}
    out = {}
    for path in folder.glob(f"{base}.v*.txt"):
        match = _FILE.match(path.name)
        if match and match.group("name") == base:
            out[int(match.group("version"))] = path
    return out
