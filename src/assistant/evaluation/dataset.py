"""The hand-written eval set (``eval/dataset.jsonl``): loading and validation against the corpus."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from assistant.ingest.reading import read_text

TYPES = ("number", "list", "definition", "where", "policy", "cross_doc", "unanswerable")
DIFFICULTIES = ("easy", "hard")
_SPACE = re.compile(r"\s+")


def squash(text: str) -> str:
    """Whitespace removed: PDF extraction scatters spaces and line breaks through Chinese text."""
    return _SPACE.sub("", text)


@dataclass(frozen=True)
class EvalItem:
    id: str
    question: str
    answer: str
    must_contain: list[str] = field(default_factory=list)
    source: list[str] = field(default_factory=list)
    evidence: list[str] = field(default_factory=list)
    type: str = "number"
    difficulty: str = "hard"

    @property
    def answerable(self) -> bool:
        return self.type != "unanswerable"


def load_dataset(path: Path) -> list[EvalItem]:
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            items.append(EvalItem(**json.loads(line)))
        except (ValueError, TypeError) as exc:
            raise ValueError(f"{path}:{number}: {exc}") from exc
    return items


def validate(items: list[EvalItem], corpus_dir: Path) -> list[str]:
    """Problems with the set: schema, duplicate ids, quotes or required strings not in their sources."""
    names = {s for item in items for s in item.source}
    texts = {n: squash(read_text(corpus_dir / n)) for n in names if (corpus_dir / n).is_file()}
    problems: list[str] = []
    seen: set[str] = set()
    for item in items:
        where = f"{item.id}:"
        if item.id in seen:
            problems.append(f"{where} duplicate id")
        seen.add(item.id)
        if item.type not in TYPES or item.difficulty not in DIFFICULTIES:
            problems.append(f"{where} bad type/difficulty {item.type}/{item.difficulty}")
        if not item.question.strip() or not item.answer.strip():
            problems.append(f"{where} empty question or answer")
        if not item.answerable:
            if item.evidence or item.must_contain or item.source:
                problems.append(f"{where} unanswerable items carry no source, evidence or must_contain")
            continue
        if not item.source or any(s not in texts for s in item.source):
            problems.append(f"{where} unknown source {item.source}")
            continue
        if not 1 <= len(item.must_contain) <= 4 or not item.evidence:
            problems.append(f"{where} needs 1-4 must_contain strings and some evidence")
        for quote in item.evidence:
            if not 15 <= len(squash(quote)) <= 80:
                problems.append(f"{where} evidence length {len(squash(quote))}: {quote}")
            if not any(squash(quote) in texts[s] for s in item.source):
                problems.append(f"{where} evidence not in its source: {quote}")
        for needed in item.must_contain:
            if not any(squash(needed) in squash(q) for q in item.evidence):
                problems.append(f"{where} must_contain not inside an evidence quote: {needed}")
        if item.type == "cross_doc" and len(item.source) >= 2:
            for s in item.source:
                if not any(squash(q) in texts[s] for q in item.evidence):
                    problems.append(f"{where} cross_doc item has no evidence from {s}")
    return problems
