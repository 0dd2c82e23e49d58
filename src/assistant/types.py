"""Public result types. Other tools depend on these names; keep them stable."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass
class Passage:
    """A retrieved passage; ``text`` is ``document[start:end]`` of the cleaned document."""

    text: str
    doc_id: str
    title: str
    section: str
    score: float
    start: int
    end: int
    short_name: str = ""
    node_id: str = ""


@dataclass
class Citation:
    """Numbered source of an answer sentence; ``quote`` is ``document[start:end]`` exactly."""

    n: int
    doc_id: str
    title: str
    section: str
    quote: str
    start: int
    end: int
    short_name: str = ""
    passage_index: int = 0


@dataclass
class Answer:
    text: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    question: str = ""
    notice: str = ""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
