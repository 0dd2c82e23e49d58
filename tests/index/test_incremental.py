"""Growing the corpus: ``assistant add``/``remove`` embed only what is new, and old answers stay the same."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant import Assistant
from assistant.embeddings.model import resolve_dtype
from assistant.evaluation.dataset import load_dataset
from assistant.index.manifest import Manifest
from assistant.index.store import current_build, load_passages, load_vectors, open_collection

pytestmark = pytest.mark.slow
ROOT = Path(__file__).resolve().parents[2]
EVAL_SUBSET = 30
NEW_DOC = """# 临江市智慧农业发展三年行动方案（2024—2026年）

## 一、总体目标

到2026年，全市建成智慧农场36个，农业物联网覆盖率达到百分之六十五，培育农业科技企业48家。

## 二、重点任务

（一）推广无人机植保。每个乡镇配备植保无人机不少于12架，年作业面积达到80万亩。

（二）建设农产品溯源平台。全市主要农产品实现一品一码，溯源覆盖率达到百分之九十。

（三）完善冷链物流体系。建成区域冷链中心3个，冷库总容量达到15万吨。

## 三、保障措施

设立智慧农业专项资金，每年安排不少于2亿元，支持农业数字化改造。
"""


def cli(settings, *args: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "ASSISTANT_PATHS__INDEX_DIR": str(settings.index_dir),
        "ASSISTANT_PATHS__CORPUS_DIR": str(settings.corpus_dir),
        "ASSISTANT_PATHS__MODEL_CACHE_DIR": str(settings.model_cache_dir),
    }
    return subprocess.run(
        [sys.executable, "-m", "assistant.cli", *args],
        capture_output=True,
        text=True,
        env=env,
        cwd=settings.home,
        timeout=600,
    )


def answers(qa: Assistant, questions: list[str]) -> list[tuple]:
    """What a user sees: the text, and which characters of which document each citation points at."""
    out = []
    for question in questions:
        a = qa.ask(question)
        out.append((a.text, a.found, [(c.doc_id, c.start, c.end) for c in a.citations]))
    return out


def saved_vectors(build: Path) -> dict[str, np.ndarray]:
    return dict(zip((n.node_id for n in load_passages(build)), load_vectors(build), strict=True))


def chroma_vectors(build: Path, manifest: Manifest, ids: list[str]) -> dict[str, np.ndarray]:
    from assistant.settings import StoreSettings

    collection = open_collection(StoreSettings(), build, manifest.store["collection"])
    got = collection.get(ids=ids, include=["embeddings"])
    return dict(zip(got["ids"], np.asarray(got["embeddings"]), strict=True))


def test_add_embeds_only_the_new_document_and_old_answers_stay(
    settings, built, embed_model, index_copy, tmp_path: Path
) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(settings.corpus_dir, corpus)
    grown = index_copy(settings, tmp_path / "index", corpus_dir=corpus)
    items = load_dataset(ROOT / "eval/dataset.jsonl")
    questions = [i.question for i in items[:: max(1, len(items) // EVAL_SUBSET)]][:EVAL_SUBSET]
    before = answers(Assistant.load(grown, embed_model=embed_model), questions)
    old_build = current_build(grown.index_dir)

    source = tmp_path / "linjiang-smart-farming.md"
    source.write_text(NEW_DOC, encoding="utf-8")
    out = cli(grown, "add", str(source))
    assert out.returncode == 0, out.stderr
    assert "已添加：linjiang-smart-farming  《临江市智慧农业发展三年行动方案（2024—2026年）》" in out.stdout
    assert "复用 5 个未变文档" in out.stderr and "0 次嵌入" in out.stderr
    assert "嵌入 1 个新增或改动的文档" in out.stderr

    new_build = current_build(grown.index_dir)
    manifest = Manifest.load(new_build)
    new_doc = next(d for d in manifest.documents if d.doc_id == "linjiang-smart-farming")
    assert manifest.embedded_passages == new_doc.chunks > 0
    assert manifest.embedding_dtype == resolve_dtype(grown.embedding.dtype)
    assert manifest.chunk_count == built.manifest.chunk_count + new_doc.chunks
    old, new = saved_vectors(old_build), saved_vectors(new_build)
    assert all(np.array_equal(old[i], new[i]) for i in old), "reused vectors are the embedded ones, exactly"
    in_chroma = chroma_vectors(new_build, manifest, list(old))
    assert all(np.allclose(old[i], in_chroma[i], rtol=0, atol=1e-6) for i in old)

    qa = Assistant.load(grown, embed_model=embed_model)
    assert answers(qa, questions) == before
    farm = qa.ask("临江市计划建成多少个智慧农场？")
    assert farm.found and "36个" in farm.text
    assert farm.citations[0].doc_id == "linjiang-smart-farming"

    out = cli(grown, "remove", "linjiang-smart-farming")
    assert out.returncode == 0, out.stderr
    assert "已删除：linjiang-smart-farming" in out.stdout
    assert "移除 1 个文档：linjiang-smart-farming" in out.stderr and "无需嵌入新段落" in out.stderr
    assert not (corpus / "linjiang-smart-farming.md").exists()
    manifest = Manifest.load(current_build(grown.index_dir))
    assert manifest.embedded_passages == 0 and len(manifest.documents) == 5
    assert answers(Assistant.load(grown, embed_model=embed_model), questions) == before


def farm_settings(settings, tmp_path: Path):
    """Settings for a corpus of NEW_DOC alone, indexed under ``tmp_path``."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "farm.md").write_text(NEW_DOC, encoding="utf-8")
    (corpus / "catalog.toml").write_text('[[documents]]\nid = "farm"\nfile = "farm.md"\ntitle = "方案"\n')
    paths = settings.paths.model_copy(update={"index_dir": tmp_path / "i", "corpus_dir": corpus})
    return settings.model_copy(update={"paths": paths})


def test_rebuild_flag_re_embeds_everything(settings, embed_model, tmp_path: Path) -> None:
    from assistant.index.builder import build_index

    small = farm_settings(settings, tmp_path)
    first = build_index(small, embed_model=embed_model)
    plans = []
    again = build_index(small, embed_model=embed_model, on_plan=plans.append)
    forced = build_index(small, embed_model=embed_model, reuse=False)
    assert plans == [again.plan] and again.plan.reused_documents == ["farm"]
    assert first.manifest.embedded_passages == forced.manifest.embedded_passages == first.manifest.chunk_count
    assert again.manifest.embedded_passages == 0 and forced.plan.reused_passages == 0


def test_an_older_index_format_is_rebuilt_with_its_vectors_reused(
    settings, embed_model, tmp_path: Path
) -> None:
    import json

    from assistant.cli import ensure_index
    from assistant.index.builder import build_index
    from assistant.index.manifest import INDEX_FORMAT, MANIFEST_NAME

    small = farm_settings(settings, tmp_path)
    first = build_index(small, embed_model=embed_model)
    manifest_file = current_build(small.index_dir) / MANIFEST_NAME
    old = json.loads(manifest_file.read_text(encoding="utf-8"))
    manifest_file.write_text(json.dumps({**old, "format": INDEX_FORMAT - 1}), encoding="utf-8")
    with pytest.raises(Exception, match="索引格式版本"):
        Assistant.load(small, embed_model=embed_model)
    assert ensure_index(small, show_progress=False)
    rebuilt = Manifest.load(current_build(small.index_dir))
    assert rebuilt.format == INDEX_FORMAT and rebuilt.embedded_passages == 0
    assert rebuilt.chunk_count == first.manifest.chunk_count
