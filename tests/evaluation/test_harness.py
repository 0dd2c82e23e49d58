"""The harness on the real index: the default configuration must meet eval/thresholds.toml."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.evaluation.dataset import load_dataset
from assistant.evaluation.harness import check_thresholds, run_eval, write_reports

ROOT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.slow


def test_default_configuration_meets_thresholds(qa, tmp_path) -> None:
    dataset = ROOT / "eval/dataset.jsonl"
    report = run_eval(qa, load_dataset(dataset), ["hybrid"], k=10, progress=False)
    paths = write_reports(report, tmp_path, dataset, "pytest")
    assert paths["chart"].stat().st_size > 1000
    assert "| hybrid |" in paths["markdown"].read_text(encoding="utf-8")
    summary = report.summary("hybrid")
    assert check_thresholds(summary, ROOT / "eval/thresholds.toml") == [], summary


@pytest.mark.parametrize("name", ["holdout", *(f"holdout{n}" for n in range(2, 21))])
def test_default_configuration_meets_the_held_out_floors(qa, name: str) -> None:
    report = run_eval(qa, load_dataset(ROOT / f"eval/{name}.jsonl"), ["hybrid"], k=10, progress=False)
    summary = report.summary("hybrid")
    assert check_thresholds(summary, ROOT / f"eval/{name}-thresholds.toml") == [], summary
