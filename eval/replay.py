"""Replay the post-fusion steps over cached candidates: seconds per run instead of minutes.

Usage: python eval/replay.py [--dataset PATH] [--save NAME] [--diff NAME]
The first run retrieves each eval item's fused candidates (depth 30, before the boosts) from the
current index and caches them under ``.cache/replay/`` (per build and dataset); later runs load the
index without the embedding model and replay the boosts (``retrieval.*``) and the extractive
answerer with the current code and settings. Prints the main metrics; ``--save`` keeps the per-item
outcome under ``.cache/replay/NAME.json`` and ``--diff`` lists the items whose outcome changed
against a saved one. The figures match ``assistant eval --config hybrid`` for the same code; the
full harness stays the reference.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
from pathlib import Path

from llama_index.core.embeddings import MockEmbedding
from llama_index.core.schema import NodeWithScore, QueryBundle

from assistant import Assistant
from assistant.assistant import _to_passage
from assistant.evaluation.dataset import load_dataset
from assistant.evaluation.metrics import ItemResult, first_hit, score_answer, summarise
from assistant.index.store import current_build
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
SAVED = ROOT / ".cache/replay"
DEPTH = 30


def candidates(settings: Settings, items) -> tuple[Assistant, list[list[tuple[str, float]]]]:
    dataset = hashlib.sha256("".join(i.question for i in items).encode()).hexdigest()[:12]
    cache = SAVED / f"candidates-{current_build(settings.index_dir).name}-{dataset}.pkl"
    if cache.exists():
        runs = pickle.loads(cache.read_bytes())
        return Assistant.load(settings, embed_model=MockEmbedding(embed_dim=8)), runs
    qa = Assistant.load(settings)
    runs = []
    for item in items:
        with qa.search.callbacks.as_trace("replay"):
            nodes = qa.search.retriever(DEPTH, None, "hybrid").retrieve(QueryBundle(item.question))
        runs.append([(n.node.node_id, float(n.score or 0.0)) for n in nodes])
    cache.parent.mkdir(parents=True, exist_ok=True)
    cache.write_bytes(pickle.dumps(runs))
    return qa, runs


def score_fused(qa: Assistant, item, nodes: list[NodeWithScore], top_k: int) -> ItemResult:
    """One item's outcome from its fused candidates: the boosts, the first hit in the top ten, and
    the extractive answer from the top ``top_k``."""
    for boost in qa.search.boosts:
        nodes = boost.postprocess_nodes(nodes, query_str=item.question)
    top = [_to_passage(n) for n in nodes[:10]]
    result = ItemResult(item.id, "hybrid", item.type, item.difficulty, item.source, item.question)
    if item.answerable:
        result.hit_rank = first_hit(item, top)
    score_answer(item, qa.answerer.answer(item.question, top[:top_k]), result)
    return result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--save", help="keep per-item outcomes under this name")
    parser.add_argument("--diff", help="list items whose outcome differs from this saved run")
    parser.add_argument("--dataset", default=str(ROOT / "eval/dataset.jsonl"))
    args = parser.parse_args()
    settings = Settings()
    items = load_dataset(Path(args.dataset))
    qa, runs = candidates(settings, items)
    nodes_by_id = {n.node_id: n for n in qa.search.bm25.nodes}
    results = []
    for item, run in zip(items, runs, strict=True):
        nodes = [NodeWithScore(node=nodes_by_id[node_id], score=score) for node_id, score in run]
        results.append(score_fused(qa, item, nodes, settings.retrieval.top_k))
    summary = summarise(results, 10)
    keys = ("hit@1", "hit@3", "hit@5", "mrr@10", "fact_accuracy", "citation_accuracy")
    keys += ("refusal_precision", "refusal_recall", "wrong_refusal_rate")
    print("  ".join(f"{k} {summary[k]:.3f}" for k in keys if summary.get(k) is not None))
    outcome = {r.id: [r.found, r.fact_ok, r.citation_ok, r.hit_rank] for r in results}
    if args.diff:
        before = json.loads((SAVED / f"{args.diff}.json").read_text())
        for r in results:
            if before.get(r.id) != outcome[r.id]:
                print(f"{r.id}: {before.get(r.id)} -> {outcome[r.id]}  {r.question[:40]}")
    if args.save:
        SAVED.mkdir(parents=True, exist_ok=True)
        (SAVED / f"{args.save}.json").write_text(json.dumps(outcome, ensure_ascii=False))


if __name__ == "__main__":
    main()
