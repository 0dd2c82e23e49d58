"""Experiment 163: would weights learned from the read held-out sets rerank better than the
hand-set boosts? Rejected; kept so its figures can be rerun.

Usage: python eval/try_learned_rerank.py [--features lcs,g4,...] [--l2 0.01]
For every answerable item of every eval set, takes ``eval/replay.py``'s cached candidates, the
boosted order the product uses (its score relative to the best is the feature ``final``) and
features the boosts do not read: dense and BM25 scores min-max scaled over their own top 30, the
share of the question's key terms in the passage (``cov``), in its best sentence (``best_sent``), in
its section path (``title``), the share of sub-questions half covered (``parts``), of the
question's character pairs (``bigram``) and four-character runs (``g4``), and the longest run of
question characters the passage holds (``lcs``). A linear score ``w · x`` over the top ten is fit
with a softmax loss that puts the evidence passages first, on the twelve read held-out sets, then
scored on the development set and the unread sets (never fit on), and leave-one-set-out on the
read sets. Prints hit@1 (and MRR@10) of the product's order against the learned one. About a
minute on 2 CPUs once the candidates are cached.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import numpy as np
from llama_index.core.schema import NodeWithScore, QueryBundle

sys.path.insert(0, str(Path(__file__).resolve().parent))
from replay import ROOT, candidates  # noqa: E402

from assistant import Assistant  # noqa: E402
from assistant.assistant import _to_passage  # noqa: E402
from assistant.evaluation.dataset import load_dataset  # noqa: E402
from assistant.evaluation.metrics import first_hit  # noqa: E402
from assistant.question import split_parts  # noqa: E402
from assistant.retrieval.tokenize import cjk_bigrams, coverage, key_terms  # noqa: E402
from assistant.settings import Settings  # noqa: E402

READ = (
    "holdout",
    "holdout2",
    "holdout3",
    "holdout5",
    "holdout7",
    "holdout8",
    "holdout9",
    "holdout10",
    "holdout12",
    "holdout14",
    "holdout15",
    "holdout16",
)
UNREAD = ("holdout4", "holdout6", "holdout11", "holdout13", "holdout17")
DEFAULT = "dense,bm25,cov,best_sent,parts,bigram,title,lcs,g4"
_SENTENCE_END = re.compile(r"(?<=[。；！？\n])")
_PUNCT = re.compile(r"[\s，。？！、；：“”（）《》?!,.]")
TOP = 10


def _scaled(nodes: list[NodeWithScore]) -> dict[str, float]:
    scores = {n.node.node_id: float(n.score or 0.0) for n in nodes}
    lo, hi = min(scores.values(), default=0.0), max(scores.values(), default=0.0)
    return {k: (v - lo) / (hi - lo) if hi > lo else 1.0 for k, v in scores.items()}


def _longest_run(parts: list[str], text: str) -> int:
    best = 0
    for part in parts:
        for i in range(len(part)):
            j = i + best + 1
            while j <= len(part) and part[i:j] in text:
                best, j = j - i, j + 1
    return best


def features(question: str, text: str, section: str, dense: float, bm25: float) -> dict[str, float]:
    flat = text.replace(" ", "")
    terms = key_terms(question)
    parts = [key_terms(p) for p in (split_parts(question) or (question,))]
    pairs = set(cjk_bigrams(question))
    runs = [s for s in _PUNCT.split(question) if s]
    joined, bare = "".join(runs), _PUNCT.sub("", flat)
    grams = {joined[i : i + 4] for i in range(len(joined) - 3)}
    sentences = [s for s in _SENTENCE_END.split(flat) if s.strip()] or [flat]
    return {
        "dense": dense,
        "bm25": bm25,
        "cov": coverage(terms, flat, by_pairs=True),
        "best_sent": max(coverage(terms, s, by_pairs=True) for s in sentences),
        "parts": sum(coverage(t, flat) >= 0.5 for t in parts) / len(parts),
        "bigram": len(pairs & set(cjk_bigrams(flat))) / max(1, len(pairs)),
        "title": coverage(terms, section),
        "lcs": min(_longest_run(runs, bare), 12) / 12,
        "g4": sum(g in bare for g in grams) / max(1, len(grams)),
    }


def collect(settings: Settings) -> dict[str, list[tuple[np.ndarray, np.ndarray, list[str]]]]:
    """Per set, per answerable item: the top ten of the product's order as (features, is-hit)."""
    live = Assistant.load(settings)
    data = {}
    for name in ("dataset", *READ, *UNREAD):
        items = load_dataset(ROOT / f"eval/{name}.jsonl")
        qa, runs = candidates(settings, items)
        by_id = {n.node_id: n for n in qa.search.bm25.nodes}
        rows = []
        for item, run in zip(items, runs, strict=True):
            if not item.answerable:
                continue
            bundle = QueryBundle(item.question)
            dense = _scaled(live.search.retriever(30, None, "dense").retrieve(bundle))
            bm25 = _scaled(live.search.retriever(30, None, "bm25").retrieve(bundle))
            nodes = [NodeWithScore(node=by_id[i], score=s) for i, s in run]
            for boost in qa.search.boosts:
                nodes = boost.postprocess_nodes(nodes, query_str=item.question)
            best = nodes[0].score or 1.0
            names, x, y = [], [], []
            for n in nodes[:TOP]:
                p = _to_passage(n)
                i = n.node.node_id
                f = features(item.question, p.text, p.section or "", dense.get(i, 0.0), bm25.get(i, 0.0))
                f["final"] = (n.score or 0.0) / best
                names = list(f)
                x.append([f[k] for k in names])
                y.append(first_hit(item, [p]) == 1)
            rows.append((np.array(x), np.array(y), names))
        data[name] = rows
    return data


def fit(rows, columns: list[int], l2: float, steps: int = 2000, rate: float = 0.5) -> np.ndarray:
    """Weights maximising the softmax probability of the evidence passages among the top ten."""
    usable = [(x[:, columns], y / y.sum()) for x, y, _ in rows if y.any() and not y.all()]
    w = np.zeros(len(columns))
    w[0] = 5.0
    for _ in range(steps):
        grad = np.zeros_like(w)
        for x, target in usable:
            s = x @ w
            p = np.exp(s - s.max())
            grad += x.T @ (p / p.sum() - target)
        w -= rate * (grad / len(usable) + l2 * w)
    return w


def score(rows, columns: list[int], w: np.ndarray) -> tuple[int, float]:
    ranks = []
    for x, y, _ in rows:
        order = np.argsort(-(x[:, columns] @ w), kind="stable")
        ranks.append(next((k + 1 for k, j in enumerate(order) if y[j]), None))
    return sum(r == 1 for r in ranks), sum(1 / r for r in ranks if r) / max(1, len(ranks))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--features", default=DEFAULT, help="comma-separated, besides the product's score")
    parser.add_argument("--l2", type=float, default=0.01)
    args = parser.parse_args()
    data = collect(Settings())
    names = data["dataset"][0][2]
    columns = [names.index("final")] + [names.index(f) for f in args.features.split(",")]
    product = np.zeros(len(columns))
    product[0] = 1.0
    train = [r for name in READ for r in data[name]]
    w = fit(train, columns, args.l2)
    print("weights:", ", ".join(f"{names[c]}={v:+.2f}" for c, v in zip(columns, w, strict=True)))
    for name in ("dataset", *READ, *UNREAD):
        (h0, m0), (h1, m1) = score(data[name], columns, product), score(data[name], columns, w)
        role = "fit on" if name in READ else ""
        line = f"product {h0:3d} ({m0:.3f})  learned {h1:3d} ({m1:.3f})"
        print(f"{name:10s} {len(data[name]):3d} items  {line} {role}")
    base = learned = 0
    for name in READ:
        w_out = fit([r for other in READ if other != name for r in data[other]], columns, args.l2)
        base += score(data[name], columns, product)[0]
        learned += score(data[name], columns, w_out)[0]
    print(f"leave one read set out: product {base}, learned {learned} evidence passages at rank 1")


if __name__ == "__main__":
    main()
