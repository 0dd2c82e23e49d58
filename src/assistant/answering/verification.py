"""Check a generated answer against the passages it was given, sentence by sentence.

A model can cite a passage and still misquote its figure, or cite a passage number that does not
exist. The checks here are mechanical so they hold for any model: markers must point to a given
passage, and every figure (number, percentage, year) in a sentence must appear in a passage that
sentence cites. Sentences that pass are ``verified``; the rest are flagged or removed by the caller.

Small local models often copy a passage's sentence and forget its marker. Such a sentence can be
credited to the passage it copies (``attribute_min_overlap``): only when that passage holds every
figure of the sentence and nearly all its character pairs, so the check is no weaker than a marker.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field

from assistant.ingest.sentences import split_sentences
from assistant.question import LIST_NUMBER
from assistant.types import Citation, Passage, SentenceCheck

UNVERIFIED_MARK = "⚠未核实"
_BRACKETS = str.maketrans({"［": "[", "］": "]", "【": "[", "】": "]"})
_MARKER = re.compile(r"\[\s*(\d{1,3})\s*\]")
_MARKER_RUN = re.compile(r"(?:\s*\[\s*\d{1,3}\s*\])+")
_END = re.compile(r"[。！？!?；;\n]+")
_FIGURE = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_DIGIT_COMMA = re.compile(r"(?<=\d),(?=\d{3})")
_NOT_TEXT = re.compile(r"[\s\W_]+")
_REFUSAL = re.compile(
    r"未找到|没有找到|未能找到|未提及|没有提及|未涉及|没有涉及|无法回答|没有相关|未提供|没有提供"
)


@dataclass
class Verification:
    sentences: list[SentenceCheck] = field(default_factory=list)
    refused: bool = False

    @property
    def verified(self) -> list[SentenceCheck]:
        return [s for s in self.sentences if s.verified]

    def with_figures(self) -> list[SentenceCheck]:
        return [s for s in self.sentences if s.figures]


def normalise(text: str) -> str:
    """Full-width digits and signs as ASCII, thousands separators gone: the form figures compare in."""
    return _DIGIT_COMMA.sub("", unicodedata.normalize("NFKC", text))


def figures_in(text: str) -> list[str]:
    """Figures in ``text`` (markers and list numbering excluded), in order, without repeats."""
    plain = LIST_NUMBER.sub("", _MARKER.sub("", text.translate(_BRACKETS)))
    return list(dict.fromkeys(_FIGURE.findall(normalise(plain).replace(",", ""))))


def holds_figure(passage_text: str, figure: str) -> bool:
    """``figure`` appears in the passage as a whole number (68 is not found inside 1682)."""
    pattern = rf"(?<![\d.]){re.escape(figure)}(?!\d|\.\d)"
    return re.search(pattern, normalise(passage_text)) is not None


def split_generated(text: str) -> list[str]:
    """Sentences of a model's answer, each keeping the markers written just after its full stop."""
    text = text.translate(_BRACKETS)
    out: list[str] = []
    pos = 0
    for match in _END.finditer(text):
        end = match.end()
        run = _MARKER_RUN.match(text, end)
        if run:
            end = run.end()
        out.append(text[pos:end])
        pos = end
    out.append(text[pos:])
    return [s.strip() for s in out if _MARKER.sub("", s).strip(" \n。！？!?；;，,")]


def verify(text: str, passages: Sequence[Passage], attribute_min_overlap: float = 0.0) -> Verification:
    """Each sentence of ``text`` checked against ``passages`` (marker ``[n]`` is ``passages[n-1]``);
    a sentence without a marker is credited to the passage it copies when ``attribute_min_overlap``
    (0 = never) of its character pairs are found there, with every figure."""
    checks = []
    refused = _REFUSAL.search(text) is not None
    for sentence in split_generated(text):
        numbers = [int(n) for n in _MARKER.findall(sentence)]
        cited = list(dict.fromkeys(n for n in numbers if 1 <= n <= len(passages)))
        dropped = list(dict.fromkeys(n for n in numbers if n not in cited))
        clean = _MARKER.sub(lambda m, keep=cited: m.group(0) if int(m.group(1)) in keep else "", sentence)
        figures = figures_in(clean)
        attributed = False
        if not cited and attribute_min_overlap > 0 and not _REFUSAL.search(clean):
            source = copied_from(clean, figures, passages, attribute_min_overlap)
            if source is not None:
                cited, attributed = [source], True
                clean = clean.rstrip() + f"[{source}]"
        missing = [f for f in figures if not any(holds_figure(passages[n - 1].text, f) for n in cited)]
        checks.append(
            SentenceCheck(
                text=clean.strip(),
                cited=cited,
                figures=figures,
                missing=missing,
                dropped_markers=dropped,
                verified=bool(cited) and not missing,
                attributed=attributed,
            )
        )
    refused = refused and not any(c.cited for c in checks)
    return Verification(checks, refused)


def copied_from(
    sentence: str, figures: Sequence[str], passages: Sequence[Passage], min_overlap: float
) -> int | None:
    """The number (1-based) of the passage ``sentence`` copies: all its figures and at least
    ``min_overlap`` of its character pairs (spacing and punctuation ignored), best overlap first."""
    plain = _NOT_TEXT.sub("", normalise(_MARKER.sub("", sentence)))
    pairs = {plain[i : i + 2] for i in range(len(plain) - 1)}
    if len(pairs) < 4:
        return None
    best, best_share = None, min_overlap
    for n, passage in enumerate(passages, 1):
        if not all(holds_figure(passage.text, f) for f in figures):
            continue
        body = _NOT_TEXT.sub("", normalise(passage.text))
        share = sum(1 for pair in pairs if pair in body) / len(pairs)
        if share >= best_share:
            best, best_share = n, share
    return best


def render(checks: Sequence[SentenceCheck], remove_unverified: bool) -> str:
    """The answer shown: one sentence a line, markers at its end, unverified ones marked or left out."""
    lines = []
    for check in checks:
        if check.verified:
            lines.append(_markers_last(check.text))
        elif not remove_unverified:
            lines.append(f"{_markers_last(check.text)} {UNVERIFIED_MARK}")
    return "\n".join(lines)


def citations_for(checks: Sequence[SentenceCheck], passages: Sequence[Passage]) -> list[Citation]:
    """One citation per cited passage, numbered as in the text; its quote is the passage sentence
    that best matches what the answer took from it (its figures first, then shared characters)."""
    used: dict[int, list[SentenceCheck]] = {}
    for check in checks:
        for n in check.cited:
            used.setdefault(n, []).append(check)
    citations = []
    for n in sorted(used):
        passage = passages[n - 1]
        claim = "".join(_MARKER.sub("", c.text) for c in used[n])
        figures = {f for c in used[n] for f in c.figures}
        spans = split_sentences(passage.text) or []
        best = max(
            spans,
            key=lambda s: _match_score(passage.text[s.start : s.end], claim, figures),
            default=None,
        )
        start, end = (best.start, best.end) if best else (0, len(passage.text))
        citations.append(
            Citation(
                n=n,
                doc_id=passage.doc_id,
                title=passage.title,
                section=passage.section_at(passage.start + start),
                quote=passage.text[start:end],
                start=passage.start + start,
                end=passage.start + end,
                short_name=passage.short_name,
                passage_index=n - 1,
            )
        )
    return citations


def _match_score(sentence: str, claim: str, figures: set[str]) -> float:
    held = sum(holds_figure(sentence, f) for f in figures)
    bigrams = {claim[i : i + 2] for i in range(len(claim) - 1)}
    shared = sum(1 for i in range(len(sentence) - 1) if sentence[i : i + 2] in bigrams)
    return held * 100 + shared / max(1, len(bigrams))


def _markers_last(sentence: str) -> str:
    """``……增长3.5%[1]。`` → ``……增长3.5%。[1]``: the page and CLI read a line's markers at its end."""
    markers = "".join(f"[{n}]" for n in dict.fromkeys(_MARKER.findall(sentence)))
    return _MARKER.sub("", sentence).strip() + markers
