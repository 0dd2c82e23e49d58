"""The scale benchmark's replicas: distinct ids and figures, the same passages, a shared twin key."""

from __future__ import annotations

from pathlib import Path

from llama_index.core.schema import MetadataMode

from assistant.ingest.catalog import load_catalog
from assistant.ingest.chunking import ChineseSectionSplitter
from assistant.ingest.reading import read_corpus
from assistant.scale_bench import perturb, twin_key, write_corpus

SEEDS = Path(__file__).resolve().parents[1] / "corpus"


def test_perturb_changes_every_figure_but_no_length() -> None:
    text = "2020年全区实现地区生产总值1682.15亿元，比上年增长3.5%。"
    changed = perturb(text, 3)
    assert changed == "5353年全区实现地区生产总值4915.48亿元，比上年增长6.8%。"
    assert twin_key(changed) == twin_key(text) and perturb(text, 10) == text


def test_replicas_have_unique_ids_and_chunk_exactly_like_their_seeds(tmp_path: Path) -> None:
    assert write_corpus(SEEDS, tmp_path / "c", 3) == 15
    entries = load_catalog(tmp_path / "c")
    assert len({e.id for e in entries}) == 15 and entries[5].id == "hd-digital-economy-r01"
    assert entries[5].title.endswith("（副本1）")
    nodes = ChineseSectionSplitter().get_nodes_from_documents(read_corpus(tmp_path / "c").documents)
    by_doc: dict[str, list[str]] = {}
    for node in nodes:
        by_doc.setdefault(node.metadata["doc_id"], []).append(twin_key(node.get_content(MetadataMode.EMBED)))
    for entry in entries[5:]:
        seed = entry.id.rsplit("-r", 1)[0]
        assert by_doc[entry.id] == by_doc[seed], f"{entry.id} must split like {seed}"
