"""Refusal calibration: sweep answer.min_coverage over the eval set with retrieval done once.

Usage: python eval/tune_refusal.py   (uses the current index and settings)
Prints, per threshold, refusal recall on unanswerable items, the rate of answerable items wrongly
refused, and fact accuracy, so the threshold is chosen on figures rather than by guess.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant import Assistant
from assistant.answering.extractive import ExtractiveAnswerer
from assistant.evaluation.dataset import load_dataset
from assistant.evaluation.metrics import ItemResult, score_answer

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    qa = Assistant.load()
    items = load_dataset(ROOT / "eval/dataset.jsonl")
    retrieved = [qa.retrieve(i.question, top_k=qa.settings.retrieval.top_k) for i in items]
    for threshold in (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7):
        settings = qa.settings.answer.model_copy(update={"min_coverage": threshold})
        answerer = ExtractiveAnswerer(settings, qa.search.bm25.document_share)
        results = []
        for item, passages in zip(items, retrieved, strict=True):
            r = ItemResult(item.id, "hybrid", item.type, item.difficulty, item.source, item.question)
            score_answer(item, answerer.answer(item.question, passages), r)
            results.append(r)
        un = [r for r in results if r.type == "unanswerable"]
        ans = [r for r in results if r.type != "unanswerable"]
        print(
            f"min_coverage {threshold:.2f}: refusal recall {np.mean([not r.found for r in un]):.3f}  "
            f"wrongly refused {np.mean([not r.found for r in ans]):.3f}  "
            f"fact accuracy {np.mean([bool(r.fact_ok) for r in ans]):.3f}"
        )


if __name__ == "__main__":
    main()
