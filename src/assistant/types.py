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
    sections: tuple[tuple[int, str], ...] = ()  # (document offset, section) where it changes inside

    def section_at(self, offset: int) -> str:
        """The section a document offset inside this passage sits under."""
        section = self.section
        for start, name in self.sections:
            if start > offset:
                break
            section = name
        return section


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
class SentenceCheck:
    """One sentence of a generated answer and what the check after generation found.

    ``verified``: it cites at least one passage and every figure in it (number, percentage, year)
    appears in a passage it cites. ``missing`` lists the figures no cited passage holds.
    ``attributed``: the model wrote no marker and the check credited the passage the sentence copies.
    """

    text: str
    cited: list[int] = field(default_factory=list)
    figures: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    dropped_markers: list[int] = field(default_factory=list)
    verified: bool = False
    attributed: bool = False


@dataclass
class Answer:
    text: str
    found: bool
    citations: list[Citation] = field(default_factory=list)
    passages: list[Passage] = field(default_factory=list)
    question: str = ""
    notice: str = ""
    backend: str = "extractive"
    sentences: list[SentenceCheck] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
