"""Run the eval set through the public API for one or more configurations and write the reports."""

from __future__ import annotations

import json
import time
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import datetime
from pathlib import Path

from tqdm import tqdm

from assistant.assistant import Assistant
from assistant.errors import AssistantError
from assistant.evaluation.checkpoint import Checkpoint
from assistant.evaluation.dataset import EvalItem
from assistant.evaluation.metrics import ItemResult, first_hit, score_answer, summarise
from assistant.types import Passage

CONFIGS = ("hybrid", "bm25", "dense", "llamaindex", "llm")
HEADLINE = (
    "hit@1",
    "hit@5",
    "mrr@10",
    "fact_accuracy",
    "citation_accuracy",
    "refusal_recall",
    "unsupported_figure_rate",
)


@dataclass
class EvalReport:
    k: int
    results: dict[str, list[ItemResult]] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)

    def summary(self, config: str, keep: Callable[[ItemResult], bool] = lambda r: True) -> dict:
        return summarise([r for r in self.results[config] if keep(r)], self.k)


def run_eval(
    qa: Assistant,
    items: list[EvalItem],
    configs: list[str],
    k: int = 10,
    progress: bool = True,
    checkpoint: Checkpoint | None = None,
) -> EvalReport:
    """Every item through ``qa.retrieve`` (top ``k``) and ``qa.ask``, per configuration.

    ``llm`` answers with the generative backend of ``answer.backend`` over hybrid retrieval; the
    retrieval configurations always answer extractively, so both can be compared in one run.
    Items already in ``checkpoint`` are reused; each new result is added to it as it finishes.
    """
    report = EvalReport(k=k)
    extractive = with_backend(qa, "extractive")
    for config in configs:
        started = time.perf_counter()
        if config == "llm":
            if qa.settings.answer.backend == "extractive":
                raise AssistantError(
                    "评测配置 llm 需要大模型回答方式。",
                    "请设置 answer.backend（例如 ASSISTANT_ANSWER__BACKEND=llama_cpp）后重试。",
                )
            generative = with_backend(qa, qa.settings.answer.backend)

            def retrieve(q: str, top_k: int, gen: Assistant = generative) -> list[Passage]:
                return gen.retrieve(q, top_k=top_k)

            def ask(q: str, gen: Assistant = generative):
                return gen.ask(q)

        elif config == "llamaindex":
            from assistant.evaluation.baseline import OutOfTheBoxRetriever

            baseline = OutOfTheBoxRetriever(qa.settings, qa.search.index._embed_model)
            retrieve = baseline.retrieve
            ask = None
        else:

            def retrieve(q: str, top_k: int, mode: str = config) -> list[Passage]:
                return extractive.retrieve(q, top_k=top_k, mode=mode)

            def ask(q: str, mode: str = config):
                return extractive.ask(q, mode=mode)

        results = []
        for item in tqdm(items, desc=f"eval {config}", disable=not progress, unit="题"):
            result = checkpoint.get(config, item.id) if checkpoint else None
            if result is None:
                result = _run_item(item, config, retrieve, ask, k)
                if checkpoint:
                    checkpoint.save(result)
            results.append(result)
        report.results[config] = results
        report.seconds[config] = round(time.perf_counter() - started, 1)
    return report


def with_backend(qa: Assistant, backend: str, **llm: object) -> Assistant:
    """``qa`` answering with ``backend`` (and ``llm`` settings changed), sharing its index and search."""
    if qa.settings.answer.backend == backend and not llm:
        return qa
    settings = qa.settings.model_copy(
        update={
            "answer": qa.settings.answer.model_copy(update={"backend": backend}),
            "llm": qa.settings.llm.model_copy(update=llm),
        }
    )
    return Assistant(settings, qa.manifest, qa.search)


def _run_item(item: EvalItem, config: str, retrieve, ask, k: int) -> ItemResult:
    result = ItemResult(item.id, config, item.type, item.difficulty, item.source, item.question)
    t0 = time.perf_counter()
    passages = retrieve(item.question, k)
    result.retrieve_ms = (time.perf_counter() - t0) * 1000
    result.retrieved = [
        {"doc_id": p.doc_id, "section": p.section, "start": p.start, "text": p.text[:120]} for p in passages
    ]
    result.passage_chars = sum(len(p.text) for p in passages) / max(1, len(passages))
    if item.answerable:
        result.hit_rank = first_hit(item, passages)
    if ask is not None:
        t0 = time.perf_counter()
        answer = ask(item.question)
        result.ask_ms = (time.perf_counter() - t0) * 1000
        score_answer(item, answer, result)
    return result


def breakdowns(report: EvalReport, config: str) -> dict[str, dict[str, dict]]:
    """The same metrics by document (first source file), type and difficulty."""
    results = report.results[config]
    groups: dict[str, dict[str, dict]] = {"document": {}, "type": {}, "difficulty": {}}
    for doc in sorted({r.source[0] if r.source else "(none)" for r in results}):
        groups["document"][doc] = report.summary(
            config, lambda r, d=doc: (r.source[0] if r.source else "(none)") == d
        )
    for kind in sorted({r.type for r in results}):
        groups["type"][kind] = report.summary(config, lambda r, t=kind: r.type == t)
    for level in sorted({r.difficulty for r in results}):
        groups["difficulty"][level] = report.summary(config, lambda r, lv=level: r.difficulty == lv)
    return groups


def _fmt(key: str, value) -> str:
    if value is None:
        return "—"
    if isinstance(value, float) and not key.endswith(("_ms", "_chars", "seconds")):
        return f"{value:.3f}"
    return str(value)


def _table(rows: dict[str, dict], first: str) -> list[str]:
    keys = list(dict.fromkeys(k for row in rows.values() for k in row))
    lines = [f"| {first} | " + " | ".join(keys) + " |", "|---" * (len(keys) + 1) + "|"]
    for name, row in rows.items():
        lines.append(f"| {name} | " + " | ".join(_fmt(k, row.get(k)) for k in keys) + " |")
    return lines


def markdown(report: EvalReport, dataset: Path, command: str) -> str:
    configs = list(report.results)
    lines = [
        f"# Eval report — {datetime.now().isoformat(timespec='seconds')}",
        "",
        f"Command: `{command}`  ",
        f"Dataset: `{dataset}` ({len(report.results[configs[0]])} items), k = {report.k}",
        "",
        "## Configurations",
        "",
        *_table({c: {**report.summary(c), "seconds": report.seconds[c]} for c in configs}, "config"),
    ]
    main = configs[0]
    for group, rows in breakdowns(report, main).items():
        lines += ["", f"## `{main}` by {group}", "", *_table(rows, group)]
    failures = [r for r in report.results[main] if r.why not in ("ok", "correctly refused", "")]
    misses = [r for r in report.results[main] if r.type != "unanswerable" and r.hit_rank != 1]
    lines += ["", f"## `{main}`: items not ranked first ({len(misses)})", ""]
    lines += [f"- {r.id} (rank {r.hit_rank or '>k'}): {r.question}" for r in misses]
    lines += ["", f"## `{main}`: answer failures ({len(failures)})", ""]
    lines += [f"- {r.id}: {r.why} — {r.question}" for r in failures]
    return "\n".join(lines) + "\n"


def write_reports(report: EvalReport, out_dir: Path, dataset: Path, command: str) -> dict[str, Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    paths = {
        "markdown": out_dir / "latest.md",
        "json": out_dir / "latest.json",
        "chart": out_dir / "latest.png",
    }
    paths["markdown"].write_text(markdown(report, dataset, command), encoding="utf-8")
    data = {
        "k": report.k,
        "summary": {c: report.summary(c) for c in report.results},
        "items": {c: [asdict(r) for r in rs] for c, rs in report.results.items()},
    }
    paths["json"].write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    _chart(report, paths["chart"])
    return paths


def _chart(report: EvalReport, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    configs = list(report.results)
    fig, ax = plt.subplots(figsize=(10, 4.5))
    width = 0.8 / len(configs)
    for i, config in enumerate(configs):
        summary = report.summary(config)
        values = [summary.get(m) or 0.0 for m in HEADLINE]
        ax.bar([x + i * width for x in range(len(HEADLINE))], values, width, label=config)
    ax.set_xticks([x + width * (len(configs) - 1) / 2 for x in range(len(HEADLINE))], HEADLINE)
    ax.set_ylim(0, 1.05)
    ax.set_title("Eval: retrieval and answer metrics per configuration")
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def check_thresholds(summary: dict, thresholds_file: Path) -> list[str]:
    """Metrics that fall below (or, for rates to keep low, rise above) ``eval/thresholds.toml``."""
    limits = tomllib.loads(thresholds_file.read_text(encoding="utf-8"))
    failures = []
    for metric, limit in limits.get("min", {}).items():
        if summary.get(metric) is None or summary[metric] < limit:
            failures.append(f"{metric} = {summary.get(metric)} < {limit}")
    for metric, limit in limits.get("max", {}).items():
        if summary.get(metric) is None or summary[metric] > limit:
            failures.append(f"{metric} = {summary.get(metric)} > {limit}")
    return failures
