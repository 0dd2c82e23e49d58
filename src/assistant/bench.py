"""Benchmark: index build time, retrieve/ask latency and peak memory.

    python -m assistant.bench [--questions N] [--skip-build] [--out eval/reports/bench.md]

The build goes into a temporary directory (the model must already be cached: the first run of
``assistant index`` converts it), so the real index is untouched. Questions come from the eval set.
"""

from __future__ import annotations

import argparse
import platform
import resource
import tempfile
import time
from pathlib import Path

import numpy as np

from assistant.assistant import Assistant
from assistant.embeddings.model import load_embedding, resolve_dtype
from assistant.evaluation.dataset import load_dataset
from assistant.index.builder import build_index
from assistant.settings import Settings


def _ms(values: list[float], q: float) -> float:
    return round(float(np.percentile(values, q)) * 1000, 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.bench")
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--dataset", default="eval/dataset.jsonl")
    parser.add_argument("--skip-build", action="store_true", help="use the existing index")
    parser.add_argument("--out", default="eval/reports/bench.md")
    args = parser.parse_args(argv)

    settings = Settings()
    embed_model = load_embedding(settings)
    rows: list[tuple[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        if not args.skip_build:
            settings = settings.model_copy(
                update={"paths": settings.paths.model_copy(update={"index_dir": Path(tmp)})}
            )
            started = time.perf_counter()
            result = build_index(settings, embed_model=embed_model)
            build = time.perf_counter() - started
            rows.append(
                (
                    "index build (5 documents, model cached)",
                    f"{build:.1f} s, {result.manifest.chunk_count} passages",
                )
            )
        qa = Assistant.load(settings, embed_model=embed_model)
        questions = [i.question for i in load_dataset(Path(args.dataset))][: args.questions]
        qa.ask(questions[0])  # warm-up: jieba dictionary, first torch call
        retrieve_t, ask_t = [], []
        for q in questions:
            t0 = time.perf_counter()
            qa.retrieve(q, top_k=5)
            retrieve_t.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            qa.ask(q)
            ask_t.append(time.perf_counter() - t0)
    rows += [
        (
            f"retrieve p50 / p95 ({len(questions)} questions)",
            f"{_ms(retrieve_t, 50)} / {_ms(retrieve_t, 95)} ms",
        ),
        (f"ask p50 / p95 ({len(questions)} questions)", f"{_ms(ask_t, 50)} / {_ms(ask_t, 95)} ms"),
        ("peak memory (max RSS)", f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB"),
    ]
    machine = (
        f"{platform.processor() or platform.machine()}, {_cpus()} CPUs, Python {platform.python_version()}, "
        f"embeddings in {resolve_dtype(settings.embedding.dtype)} (setting: {settings.embedding.dtype})"
    )
    lines = ["| measure | value |", "|---|---|", *(f"| {k} | {v} |" for k, v in rows)]
    report = "\n".join(["Command: `python -m assistant.bench`  ", f"Machine: {machine}", "", *lines]) + "\n"
    print(report)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    return 0


def _cpus() -> int:
    import os

    return len(os.sched_getaffinity(0))


if __name__ == "__main__":
    raise SystemExit(main())
