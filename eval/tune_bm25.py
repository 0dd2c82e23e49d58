"""Sweep BM25's k1 and b with every boost and the answerer in place: one retrieval pass per setting.

Usage: python eval/tune_bm25.py 0.9,0.5 1.2,0.5 [--dataset eval/holdout.jsonl ...]
For each ``k1,b`` the BM25 model is rebuilt in memory from the current index's passages (the index on
disk is not touched), then every item of each set runs through hybrid retrieval, the boosts and the
extractive answerer. Prints hit@1 / MRR@10 / fact accuracy / refusal recall per set. Session 14's
sweep (experiment 99) chose k1 0.9, b 0.5.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import bm25s
from llama_index.core.schema import QueryBundle
from replay import score_fused

from assistant import Assistant
from assistant.evaluation.dataset import load_dataset
from assistant.evaluation.metrics import summarise
from assistant.retrieval.bm25 import JiebaBM25Retriever
from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
READ_SETS = ("dataset", "holdout", "holdout2", "holdout3", "holdout5")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("settings", nargs="+", help="k1,b pairs such as 0.9,0.5")
    parser.add_argument("--dataset", action="append", help="a set to score (default: the read sets)")
    args = parser.parse_args()
    paths = args.dataset or [str(ROOT / f"eval/{name}.jsonl") for name in READ_SETS]
    sets = {Path(p).stem: load_dataset(Path(p)) for p in paths}
    settings = Settings()
    qa = Assistant.load(settings)
    nodes = list(qa.search.bm25.nodes)
    build = bm25s.BM25.__init__
    for pair in args.settings:
        k1, b = (float(x) for x in pair.split(","))

        def init(self, *a, _k1: float = k1, _b: float = b, **kw) -> None:
            kw.update(k1=_k1, b=_b)
            build(self, *a, **kw)

        bm25s.BM25.__init__ = init
        rebuilt = JiebaBM25Retriever.from_nodes(nodes, top_k=qa.search.bm25.top_k)
        qa.search.bm25 = rebuilt.configured(rebuilt.top_k, rebuilt.documents)
        row = []
        for name, items in sets.items():
            results = [
                score_fused(
                    qa,
                    item,
                    qa.search.retriever(30, None, "hybrid").retrieve(QueryBundle(item.question)),
                    settings.retrieval.top_k,
                )
                for item in items
            ]
            s = summarise(results, 10)
            keys = ("hit@1", "mrr@10", "fact_accuracy", "refusal_recall")
            row.append(f"{name} " + "/".join(f"{s[k]:.3f}" for k in keys))
        print(pair, " | ".join(row), flush=True)
    bm25s.BM25.__init__ = build


if __name__ == "__main__":
    main()
