"""The Chroma store: more passages than Chroma takes in one add call still all land."""

from __future__ import annotations

from pathlib import Path

import numpy as np
from llama_index.core.schema import TextNode

from assistant.index.store import add_nodes, open_collection, open_vector_store
from assistant.settings import StoreSettings


def test_more_passages_than_one_chroma_batch_are_added_in_batches(tmp_path: Path) -> None:
    store = StoreSettings()
    client_max = open_collection(store, tmp_path, "probe", create=True)._client.get_max_batch_size()
    count = client_max + 300
    vectors = np.random.default_rng(0).normal(size=(count, 8)).astype(np.float32)
    nodes = [TextNode(id_=f"n{i}", text=f"第{i}段", embedding=v.tolist()) for i, v in enumerate(vectors)]
    add_nodes(open_vector_store(store, tmp_path, "passages", create=True), nodes, store.add_batch)
    assert open_collection(store, tmp_path, "passages").count() == count
