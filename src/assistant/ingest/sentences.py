"""Chinese sentence splitting with character offsets.

llama-index's ``SentenceSplitter`` finds sentences with NLTK's punkt, which knows nothing of
``。！？；`` and returns no offsets; citations need exact ``start``/``end`` positions in the cleaned
text, so sentences are found here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SENTENCE = re.compile(r"[^。！？；!?;\n]*(?:[。！？；!?;]+[”’」』）)\"']*|\n|$)")
_SOFT_BREAK = re.compile(r"[，、,：:]")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of ``text[start:end]``, trimmed of surrounding whitespace, empty ones dropped."""
    end = len(text) if end is None else end
    spans: list[Span] = []
    for match in _SENTENCE.finditer(text, start, end):
        s, e = match.span()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append(Span(s, e))
    return spans


def split_long(text: str, span: Span, max_chars: int) -> list[Span]:
    """Split a run-on sentence (typically a flattened table) at commas, or hard, to fit ``max_chars``."""
    if span.end - span.start <= max_chars:
        return [span]
    pieces: list[Span] = []
    start = span.start
    while span.end - start > max_chars:
        window = text[start : start + max_chars]
        cuts = [m.end() for m in _SOFT_BREAK.finditer(window)]
        cut = start + (cuts[-1] if cuts and cuts[-1] > max_chars // 3 else max_chars)
        pieces.append(Span(start, cut))
        start = cut
    pieces.append(Span(start, span.end))
    return pieces
