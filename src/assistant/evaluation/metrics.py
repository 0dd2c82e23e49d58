"""Scoring one eval item, and summarising many: retrieval hits, facts, citations, refusals, latency."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from statistics import mean

import numpy as np

from assistant.answering.verification import verify
from assistant.evaluation.dataset import EvalItem, squash
from assistant.types import Answer, Passage

MATCH_RATIO = 0.9  # share of an evidence quote that must appear verbatim: tolerates a dropped footnote number


_DIGITS = re.compile(r"(\d+)")


def holds(passage_text: str, quote: str) -> bool:
    """Whether a passage holds an evidence quote, ignoring whitespace and small cleaning differences:
    a number cleaning dropped as a page or footnote number (a table's row number 22 standing on a
    line of its own), wherever it stood in the quote, or a tenth of the quote at its ends."""
    p, q = squash(passage_text), squash(quote)
    if q in p:
        return True
    match = SequenceMatcher(None, p, q, autojunk=False).find_longest_match(0, len(p), 0, len(q))
    if match.size >= MATCH_RATIO * len(q):
        return True
    pieces = _DIGITS.split(q)
    if len(pieces) == 1:
        return False
    pattern = "".join(f"(?:{piece})?" if i % 2 else re.escape(piece) for i, piece in enumerate(pieces))
    return re.search(pattern, p) is not None


def first_hit(item: EvalItem, passages: list[Passage]) -> int | None:
    """1-based rank of the first passage holding any evidence quote."""
    for rank, passage in enumerate(passages, 1):
        if any(holds(passage.text, q) for q in item.evidence):
            return rank
    return None


@dataclass
class ItemResult:
    id: str
    config: str
    type: str
    difficulty: str
    source: list[str]
    question: str
    retrieved: list[dict] = field(default_factory=list)
    hit_rank: int | None = None
    passage_chars: float = 0.0
    retrieve_ms: float = 0.0
    answer: str | None = None
    found: bool | None = None
    fact_ok: bool | None = None
    citation_ok: bool | None = None
    ask_ms: float | None = None
    backend: str = ""
    figure_sentences: int = 0
    unsupported_figure_sentences: int = 0
    why: str = ""


def figure_support(answer: Answer) -> tuple[int, int]:
    """(sentences stating a figure, of which no cited passage holds every figure).

    For a generated answer these are the model's own sentences as checked (before any were removed
    or replaced by the fallback); an extractive answer's sentences are checked against their quotes.
    """
    checks = answer.sentences
    if not checks and answer.found:
        quotes = {c.n: c.quote for c in answer.citations}
        pseudo = [
            Passage(quotes.get(n, ""), "", "", "", 0.0, 0, 0) for n in range(1, max(quotes, default=0) + 1)
        ]
        checks = verify(answer.text, pseudo).sentences
    with_figures = [c for c in checks if c.figures]
    return len(with_figures), sum(1 for c in with_figures if c.missing or not c.cited)


def score_answer(item: EvalItem, answer: Answer, result: ItemResult) -> None:
    result.answer = answer.text
    result.found = answer.found
    result.backend = answer.backend
    result.figure_sentences, result.unsupported_figure_sentences = figure_support(answer)
    if not item.answerable:
        result.why = "correctly refused" if not answer.found else "answered an unanswerable question"
        return
    if not answer.found:
        result.fact_ok = result.citation_ok = False
        result.why = "refused an answerable question"
        return
    text = squash(answer.text)
    missing = [m for m in item.must_contain if squash(m) not in text]
    result.fact_ok = not missing
    cited = [
        c
        for c in answer.citations
        if any(squash(m) in squash(c.quote) for m in item.must_contain)
        and any(holds(answer.passages[c.passage_index].text, q) for q in item.evidence)
    ]
    result.citation_ok = bool(cited)
    reasons = []
    if missing:
        reasons.append("missing " + ", ".join(missing))
    if not cited:
        reasons.append("no citation of a passage holding the evidence next to the fact")
    result.why = "; ".join(reasons) or "ok"


def _rate(values: list[bool]) -> float | None:
    return round(sum(values) / len(values), 3) if values else None


def _percentile(values: list[float], q: float) -> float | None:
    return round(float(np.percentile(values, q)), 1) if values else None


def summarise(results: list[ItemResult], k: int) -> dict[str, float | int | None]:
    answerable = [r for r in results if r.type != "unanswerable"]
    ranks = [r.hit_rank for r in answerable]
    summary: dict[str, float | int | None] = {"items": len(results)}
    for at in (1, 3, 5, 10):
        if at <= k:
            summary[f"hit@{at}"] = _rate([r is not None and r <= at for r in ranks])
    summary["mrr@10"] = round(mean(1 / r if r and r <= 10 else 0.0 for r in ranks), 3) if ranks else None
    summary["passage_chars"] = round(mean(r.passage_chars for r in results), 1) if results else None
    asked = [r for r in results if r.found is not None]
    if asked:
        unanswerable = [r for r in asked if r.type == "unanswerable"]
        answered = [r for r in asked if r.type != "unanswerable"]
        refused = [r for r in asked if not r.found]
        summary["fact_accuracy"] = _rate([bool(r.fact_ok) for r in answered])
        summary["citation_accuracy"] = _rate([bool(r.citation_ok) for r in answered if r.found])
        summary["refusal_precision"] = _rate([r.type == "unanswerable" for r in refused])
        summary["refusal_recall"] = _rate([not r.found for r in unanswerable])
        summary["wrong_refusal_rate"] = _rate([not r.found for r in answered])
        figures = sum(r.figure_sentences for r in asked)
        unsupported = sum(r.unsupported_figure_sentences for r in asked)
        summary["unsupported_figure_rate"] = round(unsupported / figures, 3) if figures else None
        summary["extractive_share"] = _rate([r.backend == "extractive" for r in asked])
        summary["ask_p50_ms"] = _percentile([r.ask_ms for r in asked if r.ask_ms is not None], 50)
        summary["ask_p95_ms"] = _percentile([r.ask_ms for r in asked if r.ask_ms is not None], 95)
    summary["retrieve_p50_ms"] = _percentile([r.retrieve_ms for r in results], 50)
    summary["retrieve_p95_ms"] = _percentile([r.retrieve_ms for r in results], 95)
    return summary
