"""Shared fixtures. The slow ones build a real index of the real corpus with the real model, once."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def settings(tmp_path_factory: pytest.TempPathFactory):
    from assistant.settings import Settings

    index_dir = tmp_path_factory.mktemp("index")
    return Settings(home=ROOT, paths={"index_dir": index_dir, "model_cache_dir": ROOT / ".cache/models"})


@pytest.fixture(scope="session")
def embed_model(settings):
    from assistant.embeddings.model import load_embedding

    return load_embedding(settings)


@pytest.fixture(scope="session")
def built(settings, embed_model):
    from assistant.index.builder import build_index

    return build_index(settings, embed_model=embed_model)


@pytest.fixture(scope="session")
def qa(settings, built, embed_model):
    from assistant import Assistant

    return Assistant.load(settings, embed_model=embed_model)
