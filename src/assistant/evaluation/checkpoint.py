"""Per-item results kept as an eval runs, so a long run (a local LLM: hours on 2 CPUs) can resume.

Each finished item is appended to ``checkpoint.jsonl`` in the output folder with a fingerprint of
everything that decides its result: the package's code, the prompts, the dataset, the settings, the
index build and the model file. ``--resume`` reuses only items with the current fingerprint, so a
resumed report is the same as one uninterrupted run; anything else starts over.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from pathlib import Path

from assistant.evaluation.metrics import ItemResult
from assistant.settings import Settings

PACKAGE = Path(__file__).resolve().parents[1]
CHECKPOINT_NAME = "checkpoint.jsonl"


def fingerprint(settings: Settings, dataset: Path, build: Path) -> str:
    """A hash of the code, prompts, dataset, settings, index build and model file behind a result."""
    digest = hashlib.sha256()
    for path in sorted(PACKAGE.rglob("*.py")):
        digest.update(path.relative_to(PACKAGE).as_posix().encode() + path.read_bytes())
    prompts = settings.prompts_dir
    for path in sorted(prompts.glob("*")) if prompts.is_dir() else []:
        digest.update(path.name.encode() + path.read_bytes())
    digest.update(dataset.read_bytes())
    digest.update(settings.model_dump_json().encode())
    digest.update(build.name.encode())
    model = Path(settings.llm.model_path)
    if model.is_file():
        digest.update(f"{model.name}:{model.stat().st_size}".encode())
    return digest.hexdigest()[:16]


class Checkpoint:
    def __init__(self, path: Path, fingerprint: str, resume: bool) -> None:
        """Opens ``path``; without ``resume`` (or when it was written by other code or settings) the
        old results are dropped."""
        self.path = path
        self.fingerprint = fingerprint
        self.done: dict[tuple[str, str], ItemResult] = {}
        self.stale = 0
        if resume and path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                if record.get("fingerprint") == fingerprint:
                    result = ItemResult(**record["result"])
                    self.done[(result.config, result.id)] = result
                else:
                    self.stale += 1
        path.parent.mkdir(parents=True, exist_ok=True)
        kept = [self._line(r) for r in self.done.values()]
        path.write_text("".join(kept), encoding="utf-8")

    def get(self, config: str, item_id: str) -> ItemResult | None:
        return self.done.get((config, item_id))

    def save(self, result: ItemResult) -> None:
        self.done[(result.config, result.id)] = result
        with self.path.open("a", encoding="utf-8") as f:
            f.write(self._line(result))

    def _line(self, result: ItemResult) -> str:
        record = {"fingerprint": self.fingerprint, "result": asdict(result)}
        return json.dumps(record, ensure_ascii=False) + "\n"
