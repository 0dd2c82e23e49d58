"""Staff feedback on answers (👍/👎 and an optional comment), kept as one JSON line per vote.

The file is the record reviewers read to find bad answers, so a write must never be lost or torn:
each record is a single ``write`` of one whole line to a file opened with ``O_APPEND`` (the kernel
appends it in one piece, even from several threads or processes), then flushed to disk with
``fsync`` so a crash right after the click keeps it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import asdict, is_dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from assistant.types import Citation

FEEDBACK_FILE = "feedback.jsonl"
MAX_COMMENT_CHARS = 2000
# Fields that could carry secrets are never written, whatever a caller passes in ``extra``.
_SECRET_KEY = re.compile(r"pass(word)?|secret|token|api[_-]?key|credential|auth", re.IGNORECASE)


def record_feedback(
    feedback_dir: Path,
    *,
    question: str,
    answer: str,
    rating: str,
    comment: str = "",
    citations: Sequence[Citation | Mapping[str, Any]] = (),
    standalone_question: str = "",
    found: bool | None = None,
    extra: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """Append one feedback record to ``feedback_dir/feedback.jsonl`` and return it.

    ``rating`` is ``"up"`` or ``"down"``. ``extra`` holds context such as the document filter;
    keys that look like credentials (password, token, api_key, ...) are dropped.
    """
    if rating not in ("up", "down"):
        raise ValueError(f"rating must be 'up' or 'down', not {rating!r}")
    record: dict[str, Any] = {
        "time": datetime.now(UTC).astimezone().isoformat(timespec="seconds"),
        "rating": rating,
        "comment": (comment or "").strip()[:MAX_COMMENT_CHARS],
        "question": question,
        "standalone_question": standalone_question or question,
        "answer": answer,
        "found": found,
        "citations": [_citation_dict(c) for c in citations],
    }
    for key, value in (extra or {}).items():
        if key not in record and not _SECRET_KEY.search(key):
            record[key] = value
    line = (json.dumps(record, ensure_ascii=False, default=str) + "\n").encode("utf-8")
    feedback_dir.mkdir(parents=True, exist_ok=True)
    path = feedback_dir / FEEDBACK_FILE
    created = not path.exists()
    fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
    try:
        written = os.write(fd, line)  # unbuffered: nothing left to flush before fsync
        if written != len(line):  # regular files do not short-write; fail loudly if one did
            raise OSError(f"feedback line written partially ({written} of {len(line)} bytes)")
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:  # a new file's directory entry must reach the disk too
        _fsync_dir(feedback_dir)
    return record


def _fsync_dir(directory: Path) -> None:
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def read_feedback(feedback_dir: Path) -> list[dict[str, Any]]:
    """All records written so far, oldest first (empty when nothing was recorded)."""
    path = feedback_dir / FEEDBACK_FILE
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _citation_dict(citation: Citation | Mapping[str, Any]) -> dict[str, Any]:
    data = asdict(citation) if is_dataclass(citation) else dict(citation)
    keep = ("n", "doc_id", "title", "short_name", "section", "quote", "start", "end")
    return {k: data[k] for k in keep if k in data}
