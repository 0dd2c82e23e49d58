"""The hybrid search keeps no per-query bookkeeping between queries."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("mode", ["hybrid", "bm25", "dense"])
def test_repeated_queries_leave_no_growing_trace(qa, mode: str) -> None:
    search = qa.search
    for _ in range(3):
        search.retrieve("花都区2020年地区生产总值是多少？", 5, None, mode)
    size = sum(len(ids) for ids in search.callbacks.trace_map.values())
    for _ in range(20):
        search.retrieve("花都区2020年地区生产总值是多少？", 5, None, mode)
    assert sum(len(ids) for ids in search.callbacks.trace_map.values()) <= size
    assert search.bm25.callback_manager is search.callbacks
