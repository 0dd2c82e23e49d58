"""Scale benchmark: the five seed plans replicated x1, x10, x50, in embedded and server mode.

    python -m assistant.scale_bench --sizes 1,10,50 --modes embedded,server --vectors copy

Replica ``r`` of each plan has its own id (``<id>-r07``), a title marked （副本7）, and every digit
shifted by ``r`` (figures differ, lengths and hence passages do not). Per size and mode it reports
the index build time, the index size on disk, hybrid ``retrieve`` p50/p95 over eval questions and
the peak memory of the building and of the answering process (each a fresh process).

``--vectors copy`` gives each replica passage the vector of the seed passage it was made from
(retrieval cost depends on how many vectors there are, not on which) and embeds only what has no
seed twin; ``--vectors embed`` embeds everything. Embedding throughput is measured on the x1 build,
which always embeds, so the full-embedding time at any size can be projected from it.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from assistant.settings import Settings

REPLICA_MARK = re.compile(r"（副本\d+）")
_DIGIT = re.compile(r"\d")


def perturb(text: str, replica: int) -> str:
    """Every digit shifted by ``replica`` (mod 10): new figures, same length."""
    return _DIGIT.sub(lambda m: str((int(m.group()) + replica) % 10), text)


def twin_key(text: str) -> str:
    """The same key for a seed passage and all its replicas."""
    return _DIGIT.sub("#", REPLICA_MARK.sub("", text))


def write_corpus(seed_dir: Path, target: Path, copies: int) -> int:
    """The seed corpus replicated ``copies`` times into ``target``; returns the document count."""
    from assistant.ingest.catalog import append_entry, load_catalog

    target.mkdir(parents=True)
    (target / "catalog.toml").write_text("", encoding="utf-8")
    entries = load_catalog(seed_dir)
    for replica in range(copies):
        for entry in entries:
            name = entry.file if replica == 0 else f"r{replica:02d}_{entry.file}"
            text = (seed_dir / entry.file).read_text(encoding="utf-8")
            (target / name).write_text(perturb(text, replica) if replica else text, encoding="utf-8")
            if replica:
                entry = type(entry)(
                    id=f"{entry.id}-r{replica:02d}",
                    file=name,
                    title=f"{entry.title}（副本{replica}）",
                    short_name=f"{entry.short_name}（副本{replica}）",
                )
            append_entry(target, entry)
    return copies * len(entries)


def bench_embedding(real, twins: dict[str, list[float]]):
    """The real model for queries and for passages without a seed twin; twins' vectors otherwise."""
    from llama_index.core.embeddings import BaseEmbedding
    from pydantic import PrivateAttr

    class TwinVectors(BaseEmbedding):
        _real: Any = PrivateAttr()
        _twins: dict = PrivateAttr()
        _queries: dict = PrivateAttr(default_factory=dict)
        embedded: int = 0
        embed_seconds: float = 0.0

        def _get_query_embedding(self, query: str) -> list[float]:
            if query not in self._queries:
                self._queries[query] = self._real.get_query_embedding(query)
            return self._queries[query]

        async def _aget_query_embedding(self, query: str) -> list[float]:
            return self._get_query_embedding(query)

        def _get_text_embedding(self, text: str) -> list[float]:
            return self._get_text_embeddings([text])[0]

        def _get_text_embeddings(self, texts: list[str]) -> list[list[float]]:
            keys = [twin_key(t) for t in texts]
            missing = [t for t, k in zip(texts, keys, strict=True) if k not in self._twins]
            started = time.perf_counter()
            fresh = iter(self._real.get_text_embedding_batch(missing) if missing else [])
            self.embed_seconds += time.perf_counter() - started
            self.embedded += len(missing)
            return [self._twins[k] if k in self._twins else next(fresh) for k in keys]

    model = TwinVectors(model_name="twin-vectors", embed_batch_size=2048)
    model._real, model._twins = real, twins
    return model


def load_twins(seed_build: Path) -> dict[str, list[float]]:
    from llama_index.core.schema import MetadataMode

    from assistant.index.store import load_passages, load_vectors

    nodes, vectors = load_passages(seed_build), load_vectors(seed_build)
    return {
        twin_key(n.get_content(MetadataMode.EMBED)): v.tolist() for n, v in zip(nodes, vectors, strict=True)
    }


def _peak_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 0)


def child_build(settings: Settings, twins_from: str) -> dict[str, Any]:
    from assistant.embeddings.model import load_embedding
    from assistant.index.builder import build_index

    real = load_embedding(settings)
    model = bench_embedding(real, load_twins(Path(twins_from)) if twins_from else {})
    started = time.perf_counter()
    result = build_index(settings, embed_model=model)
    return {
        "build_s": round(time.perf_counter() - started, 1),
        "passages": result.manifest.chunk_count,
        "documents": len(result.manifest.documents),
        "embedded": model.embedded,
        "embed_s": round(model.embed_seconds, 1),
        "build": str(result.path),
        "build_rss_mb": _peak_mb(),
    }


def child_query(settings: Settings, questions: list[str]) -> dict[str, Any]:
    from assistant.assistant import Assistant
    from assistant.embeddings.model import load_embedding

    started = time.perf_counter()
    qa = Assistant.load(settings, embed_model=bench_embedding(load_embedding(settings), {}))
    load_s = time.perf_counter() - started
    qa.retrieve("数字经济")
    timings: dict[str, list[float]] = {"cold": [], "cached": []}
    for run in timings:  # the second pass finds each question's vector cached: search cost only
        for question in questions:
            t0 = time.perf_counter()
            qa.retrieve(question, top_k=5)
            timings[run].append(time.perf_counter() - t0)
    out = {"load_s": round(load_s, 1), "query_rss_mb": _peak_mb()}
    for run, values in timings.items():
        out[f"{run}_p50_ms"] = round(float(np.percentile(values, 50)) * 1000, 1)
        out[f"{run}_p95_ms"] = round(float(np.percentile(values, 95)) * 1000, 1)
    return out


def run_child(kind: str, env: dict[str, str], payload: dict[str, Any]) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, "-m", "assistant.scale_bench", "--child", kind, json.dumps(payload)],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise RuntimeError(f"{kind} child failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def disk_mb(*paths: Path) -> float:
    total = sum(f.stat().st_size for p in paths if p.exists() for f in p.rglob("*") if f.is_file())
    return round(total / 1e6, 1)


def start_server(path: Path, port: int) -> subprocess.Popen[bytes]:
    import chromadb

    chroma = Path(sys.executable).parent / "chroma"
    proc = subprocess.Popen(
        [
            str(chroma) if chroma.is_file() else "chroma",
            "run",
            "--path",
            str(path),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            chromadb.HttpClient(host="127.0.0.1", port=port).heartbeat()
            return proc
        except Exception:
            if time.monotonic() > deadline or proc.poll() is not None:
                proc.kill()
                raise RuntimeError("chroma run did not start") from None
            time.sleep(0.2)


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m assistant.scale_bench")
    parser.add_argument("--sizes", default="1,10,50")
    parser.add_argument("--modes", default="embedded,server")
    parser.add_argument("--vectors", choices=["copy", "embed"], default="copy")
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--dataset", default="eval/dataset.jsonl")
    parser.add_argument("--out", default="eval/reports/scale.md")
    parser.add_argument("--child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, payload = args.child[0], json.loads(args.child[1])
        settings = Settings()
        if kind == "build":
            result = child_build(settings, payload["twins_from"])
        else:
            result = child_query(settings, payload["questions"])
        print(json.dumps(result))
        return 0

    from assistant.evaluation.dataset import load_dataset

    settings = Settings()
    sizes = [int(s) for s in args.sizes.split(",")]
    modes = args.modes.split(",")
    questions = [i.question for i in load_dataset(Path(args.dataset))][: args.questions]
    rows: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="scale-") as tmp_name:
        tmp = Path(tmp_name)
        base_env = {"ASSISTANT_PATHS__MODEL_CACHE_DIR": str(settings.model_cache_dir)}
        write_corpus(settings.corpus_dir, tmp / "seed-corpus", 1)
        seed_env = {
            **base_env,
            "ASSISTANT_PATHS__CORPUS_DIR": str(tmp / "seed-corpus"),
            "ASSISTANT_PATHS__INDEX_DIR": str(tmp / "seed-index"),
        }
        seed = run_child("build", seed_env, {"twins_from": ""})
        throughput = seed["embedded"] / seed["embed_s"]
        print(f"x1 full embedding: {seed}", file=sys.stderr, flush=True)
        for size in sizes:
            corpus = tmp / f"corpus-x{size}"
            write_corpus(settings.corpus_dir, corpus, size)
            for mode in modes:
                index_dir = tmp / f"index-x{size}-{mode}"
                env = {
                    **base_env,
                    "ASSISTANT_PATHS__CORPUS_DIR": str(corpus),
                    "ASSISTANT_PATHS__INDEX_DIR": str(index_dir),
                    "ASSISTANT_STORE__MODE": mode,
                }
                server, data = None, tmp / f"chroma-x{size}"
                if mode == "server":
                    port = free_port()
                    server = start_server(data, port)
                    env["ASSISTANT_STORE__PORT"] = str(port)
                try:
                    twins = seed["build"] if args.vectors == "copy" else ""
                    built = run_child("build", env, {"twins_from": twins})
                    queried = run_child("query", env, {"questions": questions})
                finally:
                    if server:
                        server.kill()
                        server.wait()
                row = {"size": size, "mode": mode, **built, **queried}
                row["disk_mb"] = disk_mb(index_dir, data)
                rows.append(row)
                print(json.dumps(row), file=sys.stderr, flush=True)
                shutil.rmtree(index_dir, ignore_errors=True)
                shutil.rmtree(data, ignore_errors=True)
            shutil.rmtree(corpus, ignore_errors=True)
    report = markdown(rows, seed, throughput, args, len(questions))
    print(report)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    return 0


def markdown(rows, seed, throughput: float, args, n_questions: int) -> str:
    load = os.getloadavg()
    command = (
        f"python -m assistant.scale_bench --sizes {args.sizes} --modes {args.modes} "
        f"--vectors {args.vectors} --questions {args.questions}"
    )
    lines = [
        f"Command: `{command}`  ",
        f"Machine: {platform.machine()}, {len(os.sched_getaffinity(0))} CPUs, Python "
        f"{platform.python_version()}; load average at the end {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f}",
        "",
        f"Embedding throughput (x1, all {seed['embedded']} passages embedded): {throughput:.1f} passages/s "
        f"({seed['embed_s']} s of a {seed['build_s']} s build).",
        f"Vectors: `{args.vectors}`"
        + (
            " — replica passages reuse their seed passage's vector; `embedded` counts the passages that"
            " had no seed twin and were embedded for real."
            if args.vectors == "copy"
            else "."
        ),
        f"Retrieve: hybrid `Assistant.retrieve(top_k=5)` over {n_questions} eval questions, fresh process;"
        " first with the question embedded (the real cost), then again with the question's vector cached"
        " (search only: Chroma + BM25 + fusion, the part that grows with the corpus).",
        "",
        "| size | mode | documents | passages | embedded | build s | projected full-embed build s "
        "| index on disk MB | retrieve p50 / p95 ms | search p50 / p95 ms | p95 vs x1 (retrieve, search) "
        "| build peak RSS MB | answering RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    x1 = {r["mode"]: r for r in rows if r["size"] == 1}
    for r in rows:
        projected = r["build_s"] - r["embed_s"] + (r["passages"] / throughput)
        base = x1.get(r["mode"])
        ratio = "—"
        if base:
            cold, cached = r["cold_p95_ms"] / base["cold_p95_ms"], r["cached_p95_ms"] / base["cached_p95_ms"]
            ratio = f"{cold:.2f}x, {cached:.2f}x"
        lines.append(
            f"| x{r['size']} | {r['mode']} | {r['documents']} | {r['passages']} | {r['embedded']} "
            f"| {r['build_s']} | {projected:.0f} | {r['disk_mb']} | {r['cold_p50_ms']} / {r['cold_p95_ms']} "
            f"| {r['cached_p50_ms']} / {r['cached_p95_ms']} | {ratio} "
            f"| {r['build_rss_mb']:.0f} | {r['query_rss_mb']:.0f} |"
        )
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
