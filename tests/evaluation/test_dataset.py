from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from assistant.evaluation.dataset import load_dataset, validate

ROOT = Path(__file__).resolve().parents[2]


def test_dataset_is_valid_against_the_corpus() -> None:
    items = load_dataset(ROOT / "eval/dataset.jsonl")
    assert validate(items, ROOT / "corpus") == []


HELD_OUT = ["holdout.jsonl", *(f"holdout{n}.jsonl" for n in range(2, 22))]


@pytest.mark.parametrize("name", HELD_OUT)
def test_held_out_sets_are_valid_and_ask_new_questions(name: str) -> None:
    holdout = load_dataset(ROOT / "eval" / name)
    assert validate(holdout, ROOT / "corpus") == []
    others = [i for f in ("dataset.jsonl", *HELD_OUT) if f != name for i in load_dataset(ROOT / "eval" / f)]
    assert not {i.id for i in holdout} & {i.id for i in others}
    assert not {i.question for i in holdout} & {i.question for i in others}


def test_dataset_coverage() -> None:
    items = load_dataset(ROOT / "eval/dataset.jsonl")
    assert len(items) >= 150
    types = Counter(i.type for i in items)
    assert types["cross_doc"] >= 15 and types["unanswerable"] >= 20
    assert sum(i.difficulty == "hard" for i in items) >= len(items) / 2
    per_doc = Counter(s for i in items for s in i.source)
    assert all(per_doc[f.name] >= 10 for f in (ROOT / "corpus").glob("*.txt"))


def test_validation_catches_bad_items(tmp_path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(
        '{"id": "x", "question": "问", "answer": "答", "must_contain": ["不存在的字符串"], '
        '"source": ["000_d6def26aa7267af1.txt"], "evidence": ["这是一句语料里绝对没有的引用文字内容"], '
        '"type": "number", "difficulty": "easy"}\n',
        encoding="utf-8",
    )
    problems = validate(load_dataset(bad), ROOT / "corpus")
    assert any("evidence not in its source" in p for p in problems)
    assert any("must_contain not inside" in p for p in problems)
