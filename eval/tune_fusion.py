"""Fusion tuning: how the first-hit rank moves with the fusion rule and candidate depth.

Usage: python eval/tune_fusion.py [--depth 50]
Retrieves BM25 and dense candidates once per eval item from the current index, then replays
reciprocal-rank fusion (several k and BM25 weights) and llama-index's relative-score fusion.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

from assistant import Assistant
from assistant.evaluation.dataset import load_dataset
from assistant.evaluation.metrics import holds

ROOT = Path(__file__).resolve().parents[1]


def rrf(lists, k, weights):
    scores = {}
    for results, w in zip(lists, weights, strict=True):
        for rank, (node_id, _) in enumerate(results):
            scores[node_id] = scores.get(node_id, 0.0) + w / (k + rank + 1)
    return sorted(scores, key=scores.get, reverse=True)


def relative(lists, weights):
    scores = {}
    for results, w in zip(lists, weights, strict=True):
        if not results:
            continue
        values = np.array([s for _, s in results])
        lo, hi = values.min(), values.max()
        for node_id, s in results:
            scores[node_id] = scores.get(node_id, 0.0) + w * ((s - lo) / (hi - lo) if hi > lo else 1.0)
    return sorted(scores, key=scores.get, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--depth", type=int, default=50)
    args = parser.parse_args()
    qa = Assistant.load()
    items = [i for i in load_dataset(ROOT / "eval/dataset.jsonl") if i.answerable]
    texts = {n.node_id: n.get_content() for n in qa.search.bm25._nodes}
    runs = []
    for item in items:
        lists = []
        for mode in ("bm25", "dense"):
            found = qa.search.retrieve(item.question, args.depth, None, mode)
            lists.append([(r.node.node_id, float(r.score or 0.0)) for r in found])
        good = {nid for lst in lists for nid, _ in lst if any(holds(texts[nid], q) for q in item.evidence)}
        runs.append((lists, good))

    def report(name, rank_fn):
        ranks = []
        for lists, good in runs:
            order = rank_fn(lists)
            ranks.append(next((i + 1 for i, nid in enumerate(order[:10]) if nid in good), None))
        h1 = np.mean([r == 1 for r in ranks])
        h5 = np.mean([r is not None and r <= 5 for r in ranks])
        mrr = np.mean([1 / r if r else 0 for r in ranks])
        print(f"{name:<28} hit@1 {h1:.3f}  hit@5 {h5:.3f}  mrr@10 {mrr:.3f}")

    report("bm25 only", lambda lists: [n for n, _ in lists[0]])
    report("dense only", lambda lists: [n for n, _ in lists[1]])
    for k in (5, 20, 60):
        for w in (1.0, 1.5, 2.0):
            report(f"rrf k={k} w_bm25={w}", lambda lists, k=k, w=w: rrf(lists, k, (w, 1.0)))
    for w in (0.5, 1.0, 1.5, 2.0):
        report(f"relative w_bm25={w}", lambda lists, w=w: relative(lists, (w, 1.0)))


if __name__ == "__main__":
    main()
