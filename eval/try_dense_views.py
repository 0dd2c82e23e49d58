"""Experiment 201: would a second embedding of each passage, blended into the dense score, rank
better? Rejected; kept so its figures can be rerun.

Usage: python eval/try_dense_views.py VIEW [--sets dataset,holdout3] [--weights 0,0.2,0.35,0.5]
The stored vectors embed ``title › section`` then the passage. VIEW is the second one: ``plain``
(the passage alone) or ``leaf`` (the last heading of its section, then the passage). The dense
score becomes ``(1 - w) · cos(q, stored) + w · cos(q, second)`` over every passage, fused with BM25
and boosted as the product does, and the answerer runs on the result; ``w = 0`` reproduces
``eval/replay.py``. Prints, per set and weight, the passages at rank 1 and hit@1 / MRR@10 / fact
accuracy. Both views are embedded once (about a minute on 2 CPUs) and cached under ``.cache/``.
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

import numpy as np
from llama_index.core.base.base_retriever import BaseRetriever
from llama_index.core.schema import MetadataMode, NodeWithScore, QueryBundle

sys.path.insert(0, str(Path(__file__).resolve().parent))
from replay import DEPTH, ROOT, score_fused  # noqa: E402

from assistant import Assistant  # noqa: E402
from assistant.evaluation.dataset import load_dataset  # noqa: E402
from assistant.evaluation.metrics import summarise  # noqa: E402
from assistant.ingest.cleaning import SECTION_SEPARATOR  # noqa: E402
from assistant.settings import Settings  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("view", choices=["plain", "leaf"])
    parser.add_argument("--sets", default="dataset")
    parser.add_argument("--weights", default="0,0.2,0.35,0.5")
    args = parser.parse_args()
    settings = Settings()
    qa = Assistant.load(settings)
    model = qa.search.index._embed_model
    nodes = list(qa.search.bm25.nodes)
    cache = ROOT / f".cache/dense-views-{args.view}.pkl"
    if cache.exists():
        stored, second = pickle.loads(cache.read_bytes())
    else:
        texts = [n.get_content(MetadataMode.NONE) for n in nodes]
        if args.view == "leaf":
            texts = [
                f"{n.metadata['section'].split(SECTION_SEPARATOR)[-1]}\n{t}"
                for n, t in zip(nodes, texts, strict=True)
            ]
        stored = np.array(model.get_text_embedding_batch([n.get_content(MetadataMode.EMBED) for n in nodes]))
        second = np.array(model.get_text_embedding_batch(texts))
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_bytes(pickle.dumps((stored, second)))
    stored = stored / np.linalg.norm(stored, axis=1, keepdims=True)
    second = second / np.linalg.norm(second, axis=1, keepdims=True)
    weight = {"w": 0.0}

    class BlendedDense(BaseRetriever):
        def __init__(self, top_k: int) -> None:
            super().__init__(callback_manager=qa.search.callbacks)
            self.top_k = top_k

        def _retrieve(self, query_bundle: QueryBundle) -> list[NodeWithScore]:
            q = np.array(model.get_query_embedding(query_bundle.query_str))
            q /= np.linalg.norm(q)
            scores = (1 - weight["w"]) * (stored @ q) + weight["w"] * (second @ q)
            return [
                NodeWithScore(node=nodes[i], score=float(scores[i]))
                for i in np.argsort(-scores)[: self.top_k]
            ]

    qa.search.index.as_retriever = lambda similarity_top_k, filters=None: BlendedDense(similarity_top_k)
    for name in args.sets.split(","):
        items = load_dataset(ROOT / "eval" / f"{name}.jsonl")
        row = []
        for w in (float(x) for x in args.weights.split(",")):
            weight["w"] = w
            results = []
            for item in items:
                with qa.search.callbacks.as_trace("dense-views"):
                    fused = qa.search.retriever(DEPTH, None, "hybrid").retrieve(QueryBundle(item.question))
                results.append(score_fused(qa, item, fused, settings.retrieval.top_k))
            s = summarise(results, 10)
            first = sum(r.hit_rank == 1 for r in results)
            row.append(f"w={w}: {first} at rank 1, {s['hit@1']} / {s['mrr@10']} / {s['fact_accuracy']}")
        print(name, " | ".join(row), flush=True)


if __name__ == "__main__":
    main()
