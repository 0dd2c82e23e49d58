from __future__ import annotations

from pathlib import Path

import pytest
from llama_index.core.schema import MetadataMode

from assistant.ingest.chunking import ChineseSectionSplitter
from assistant.ingest.reading import read_corpus

CORPUS = Path(__file__).resolve().parents[2] / "corpus"


@pytest.fixture(scope="module")
def corpus():
    report = read_corpus(CORPUS)
    assert not report.skipped
    return report.documents


def test_chunks_never_cross_a_top_level_section(corpus) -> None:
    splitter = ChineseSectionSplitter(max_chars=500, boundary="top")
    for doc in corpus:
        nodes = splitter([doc])
        assert nodes
        blocks = doc.metadata["blocks"]
        for node in nodes:
            m = node.metadata
            assert doc.text[m["start"] : m["end"]] == node.text
            assert len(node.text) <= 500
            inside = [b for b in blocks if b[1] < m["end"] and b[2] > m["start"]]
            assert len({b[3].split(" › ")[0] for b in inside}) == 1
            assert m["section"] == inside[0][3]


def test_heading_boundary_never_crosses_any_heading(corpus) -> None:
    splitter = ChineseSectionSplitter(max_chars=500, boundary="heading")
    for doc in corpus:
        blocks = doc.metadata["blocks"]
        for node in splitter([doc]):
            m = node.metadata
            inside = [b for b in blocks if b[1] < m["end"] and b[2] > m["start"]]
            assert {b[3] for b in inside} == {m["section"]}
            assert all(b[0] != "heading" for b in inside[1:])


def test_heading_lines_are_kept_in_passages(corpus) -> None:
    doc = next(d for d in corpus if d.metadata["doc_id"] == "hd-digital-economy")
    nodes = ChineseSectionSplitter()([doc])
    assert any("1.政府引导、市场运作" in n.text for n in nodes)


def test_sentences_are_never_cut_and_one_overlaps(corpus) -> None:
    doc = next(d for d in corpus if d.metadata["doc_id"] == "hd-digital-economy")
    nodes = ChineseSectionSplitter(max_chars=300, overlap_sentences=1)([doc])
    ends = "。！？；”）"
    cut = [n for n in nodes if n.text[-1] not in ends and len(n.text) < 290]
    assert len(cut) / len(nodes) < 0.15  # only headings-less list items and table cells end otherwise
    same_section = [
        (a, b)
        for a, b in zip(nodes, nodes[1:], strict=False)
        if a.metadata["section"] == b.metadata["section"]
    ]
    assert any(b.metadata["start"] < a.metadata["end"] for a, b in same_section)


def test_embedded_text_carries_title_and_section_but_the_quote_does_not(corpus) -> None:
    node = ChineseSectionSplitter()([corpus[0]])[5]
    embedded = node.get_content(MetadataMode.EMBED)
    assert embedded.startswith(corpus[0].metadata["title"] + " › " + node.metadata["section"])
    assert embedded.endswith(node.text)
    assert node.get_content() == node.text


def test_section_changes_inside_a_passage_are_recorded_for_its_sentences(corpus) -> None:
    import json

    splitter = ChineseSectionSplitter(max_chars=500, boundary="top")
    crossing = 0
    for doc in corpus:
        blocks = doc.metadata["blocks"]
        for node in splitter([doc]):
            m = node.metadata
            changes = json.loads(m["sections"] or "[]")
            for offset, section in changes:
                at = m["start"] + offset
                block = next(b for b in blocks if b[1] <= at < b[2] or b[1] == at)
                assert block[3] == section
            crossing += bool(changes)
            assert not changes or m["sections"] not in node.get_content(MetadataMode.EMBED)
    assert crossing > 20
