"""Experiment 52: does a passage's best-matching sentence (e5 vectors per sentence) rank better
than the passage's own vector? Rejected; kept so its figures can be rerun.

Usage: python eval/try_sentence_vectors.py [--headed] [--weights 0,0.1,0.2,0.3,0.5]
Embeds every sentence of every indexed passage (``--headed``: with the passage's title and section
in front, as passages are embedded) and each question of the four eval sets, then adds
``weight × (max cosine over the passage's sentences)``, min-max scaled over the candidates, to the
fused score of ``eval/replay.py``'s cached candidates before the boosts; prints hit@1 / MRR@10 per
set and weight. About 3 minutes on 2 CPUs (the sentence vectors are cached under .cache/replay/).
"""

from __future__ import annotations

import argparse
import pickle
import sys
from pathlib import Path

import numpy as np
from llama_index.core.schema import MetadataMode, NodeWithScore

sys.path.insert(0, str(Path(__file__).resolve().parent))
from replay import ROOT, SAVED, candidates  # noqa: E402

from assistant.assistant import _to_passage  # noqa: E402
from assistant.embeddings.model import load_embedding  # noqa: E402
from assistant.evaluation.dataset import load_dataset  # noqa: E402
from assistant.evaluation.metrics import first_hit  # noqa: E402
from assistant.index.store import current_build  # noqa: E402
from assistant.ingest.sentences import split_sentences  # noqa: E402
from assistant.settings import Settings  # noqa: E402

SETS = ("dataset", "holdout", "holdout2", "holdout3")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--headed", action="store_true")
    parser.add_argument("--weights", default="0,0.1,0.2,0.3,0.5")
    args = parser.parse_args()
    settings = Settings()
    data = {}
    for name in SETS:
        items = load_dataset(ROOT / f"eval/{name}.jsonl")
        qa, runs = candidates(settings, items)
        data[name] = (items, runs)
    nodes = qa.search.bm25.nodes
    by_id = {n.node_id: n for n in nodes}
    tag = f"{current_build(settings.index_dir).name}-{'headed' if args.headed else 'plain'}"
    cache = SAVED / f"sentence-vectors-{tag}.pkl"
    if cache.exists():
        owner, vectors, queries = pickle.loads(cache.read_bytes())
    else:
        embed = load_embedding(settings)
        texts, owner = [], []
        for node in nodes:
            head = node.get_metadata_str(MetadataMode.EMBED)
            for span in split_sentences(node.text):
                sentence = node.text[span.start : span.end]
                if len(sentence) >= 6:
                    texts.append(f"{head}\n{sentence}" if args.headed else sentence)
                    owner.append(node.node_id)
        vectors = np.array(embed.get_text_embedding_batch(texts), dtype=np.float32)
        questions = {i.question for items, _ in data.values() for i in items}
        queries = {q: np.array(embed.get_query_embedding(q), dtype=np.float32) for q in questions}
        cache.write_bytes(pickle.dumps((owner, vectors, queries)))
    vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    rows: dict[str, list[int]] = {}
    for i, node_id in enumerate(owner):
        rows.setdefault(node_id, []).append(i)
    for weight in (float(w) for w in args.weights.split(",")):
        line = []
        for name in SETS:
            items, runs = data[name]
            ranks = []
            for item, run in zip(items, runs, strict=True):
                if not item.answerable:
                    continue
                q = queries[item.question] / np.linalg.norm(queries[item.question])
                best = np.array([float((vectors[rows[n]] @ q).max()) if n in rows else 0.0 for n, _ in run])
                span = best.max() - best.min()
                scaled = (best - best.min()) / span if span else best * 0
                scored = [
                    NodeWithScore(node=by_id[n], score=s + weight * f)
                    for (n, s), f in zip(run, scaled, strict=True)
                ]
                scored.sort(key=lambda n: -(n.score or 0.0))
                for boost in qa.search.boosts:
                    scored = boost.postprocess_nodes(scored, query_str=item.question)
                ranks.append(first_hit(item, [_to_passage(n) for n in scored[:10]]))
            hit1 = np.mean([r == 1 for r in ranks])
            mrr = np.mean([1 / r if r else 0.0 for r in ranks])
            line.append(f"{name} {hit1:.3f}/{mrr:.3f}")
        print(f"weight {weight}: " + "  ".join(line), flush=True)


if __name__ == "__main__":
    main()
