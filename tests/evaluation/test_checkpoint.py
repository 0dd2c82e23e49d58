from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

from assistant.evaluation import harness
from assistant.evaluation.checkpoint import Checkpoint, fingerprint
from assistant.evaluation.dataset import load_dataset
from assistant.evaluation.metrics import ItemResult
from assistant.settings import Settings

DATASET = Path(__file__).resolve().parents[2] / "eval" / "dataset.jsonl"


def _result(item_id: str, config: str = "llm") -> ItemResult:
    result = ItemResult(item_id, config, "number", "easy", ["000.txt"], "问题？")
    result.answer, result.found, result.fact_ok = "答案。[1]", True, True
    return result


def test_the_fingerprint_changes_with_the_settings_and_the_build(tmp_path: Path) -> None:
    base = fingerprint(Settings(), DATASET, tmp_path / "build-a")
    assert base == fingerprint(Settings(), DATASET, tmp_path / "build-a")
    other = Settings(llm={"model_path": "qwen2.5-coder-1.5b"})
    assert fingerprint(other, DATASET, tmp_path / "build-a") != base
    assert fingerprint(Settings(), DATASET, tmp_path / "build-b") != base


def test_resume_reuses_only_results_of_the_same_fingerprint(tmp_path: Path) -> None:
    path = tmp_path / "checkpoint.jsonl"
    first = Checkpoint(path, "aaa", resume=False)
    first.save(_result("hd-1"))
    first.save(_result("hd-2"))
    resumed = Checkpoint(path, "aaa", resume=True)
    assert resumed.get("llm", "hd-1") == _result("hd-1") and resumed.get("hybrid", "hd-1") is None
    changed = Checkpoint(path, "bbb", resume=True)
    assert changed.done == {} and changed.stale == 2
    assert Checkpoint(path, "aaa", resume=True).done == {}  # the stale lines were dropped


def test_run_eval_skips_checkpointed_items_and_saves_new_ones(tmp_path: Path, monkeypatch) -> None:
    items = load_dataset(DATASET)[:3]
    ran: list[str] = []

    def run_item(item, config, retrieve, ask, k):
        ran.append(item.id)
        return _result(item.id, config)

    monkeypatch.setattr(harness, "_run_item", run_item)
    qa = SimpleNamespace(settings=SimpleNamespace(answer=SimpleNamespace(backend="extractive")))
    checkpoint = Checkpoint(tmp_path / "checkpoint.jsonl", "aaa", resume=False)
    checkpoint.save(_result(items[0].id, "hybrid"))
    report = harness.run_eval(qa, items, ["hybrid"], progress=False, checkpoint=checkpoint)
    assert ran == [items[1].id, items[2].id]
    assert [r.id for r in report.results["hybrid"]] == [i.id for i in items]
    assert len(Checkpoint(tmp_path / "checkpoint.jsonl", "aaa", resume=True).done) == 3
