"""The sentences an extractive answer may quote, each read the way the plans write facts.

A plan states a year or a place once, at its paragraph's start, and the sentences after it inherit
them; a run-in label (——生活配套服务平台。) heads the paragraph it names; a flattened chart run holds
several data series in one "sentence". So each candidate keeps its paragraph's start and year and
its title and section path beside its own text, and the answerer and the refusal checks read it
with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.evidence import sentence_score
from assistant.ingest.sentences import Span, split_sentences
from assistant.question import YEAR, Question, has_quantity
from assistant.retrieval.series import answers, asked_years, find_series
from assistant.retrieval.tokenize import mentions
from assistant.types import Passage


@dataclass
class Candidate:
    """One sentence of an answer's passages (``passage_index``), scored against the question, with
    the question terms it holds (``terms``)."""

    passage_index: int
    start: int  # offsets in the cleaned document
    end: int
    text: str
    terms: frozenset[str]
    score: float
    flat: str = ""
    header: str = ""
    lead: str = ""  # the start of its paragraph, where plans put the year and place (see paragraph_lead)
    year: str = ""  # the year it takes from its paragraph when it names none (see inherited_year)

    @property
    def context(self) -> str:
        """The sentence read with its title and section path and its paragraph's start."""
        return self.header + self.lead + self.flat


def sentence_candidates(
    q: Question, passages: list[Passage], named: frozenset[str], max_quote_chars: int
) -> list[Candidate]:
    """Every sentence of the passages, scored; sentences from documents other than the ones the
    question names count less (a second document may still answer another part)."""
    out: list[Candidate] = []
    seen: set[str] = set()
    for index, passage in enumerate(passages):
        for span in _series_apart(passage.text, split_sentences(passage.text)):
            start = passage.start + span.start
            header = f"{passage.title}{passage.section_at(start)}".replace(" ", "")
            text = passage.text[span.start : span.end]
            if _is_label(passage.text, span.start, text):
                text = _labelled_paragraph(passage.text, span.start, 2 * max_quote_chars)
            flat = text.replace(" ", "")
            if len(flat) < 6 or flat in seen:  # overlapping passages and annexes repeat sentences
                continue
            seen.add(flat)
            lead = paragraph_lead(passage, start, flat)
            year = inherited_year(lead)
            present = frozenset(t for t in q.terms if mentions(flat, t) or mentions(header, t) or t == year)
            score = sentence_score(q, flat, header, index, year)
            if _reads_year_series(q, text):
                score *= _SERIES_FACTOR
            if named and passage.doc_id not in named:
                score *= _UNNAMED_FACTOR
            out.append(
                Candidate(index, start, start + len(text), text, present, score, flat, header, lead, year)
            )
    return out


_UNNAMED_FACTOR = 0.8
_SERIES_FACTOR = 2.0


def _reads_year_series(q: Question, text: str) -> bool:
    """Whether a how-much question naming a year is answered by a chart's data series the PDF
    flattened (规模以上工业总产值(亿元）2015年2016年…2020年1952.46 2110.65…): the series holds the asked
    year's value, while prose sentences mention that year only to compare with it (较2015年增加). A
    series in another unit (亿元 for 比重有多高) answers another part of the question."""
    return (
        q.asks_how_much
        and (not q.unit or has_quantity(text, q.unit))
        and any(answers(s, q.text, asked_years(q)) for s in find_series(text))
    )


def _series_apart(text: str, sentences: list[Span]) -> list[Span]:
    """The sentences, with each chart series a flattened chart run holds as a sentence of its own:
    the run has no sentence break, and a quote of one series (高新技术企业数量（家）2015年…767) is the
    answer where the whole run is nine charts' worth of numbers."""
    out: list[Span] = []
    for span in sentences:
        found = find_series(text[span.start : span.end])
        if not found:
            out.append(span)
            continue
        if found[0].start > 0:
            out.append(Span(span.start, span.start + found[0].start))
        out.extend(Span(span.start + s.start, span.start + s.end) for s in found)
        if found[-1].end < span.end - span.start:
            out.append(Span(span.start + found[-1].end, span.end))
    return out


def paragraph_lead(passage: Passage, start: int, own: str) -> str:
    """The start of the sentence's paragraph up to the sentence, where plans put the year and place
    ("2020年，花都区…；规模以上先进制造业增加值483.24亿元"), spaces removed; empty when the sentence
    dates itself (a year it is compared with, 较2015年, does not date it)."""
    if YEAR.search(COMPARED_YEAR.sub("", own)):
        return ""
    offset = start - passage.start
    paragraph = passage.text.rfind("\n", 0, offset) + 1
    return passage.text[paragraph:offset].replace(" ", "")


def inherited_year(lead: str) -> str:
    """The year a sentence that names none takes from its paragraph: the last one before it that
    dates a fact, not a year a figure is compared with (较2015年) nor a cited plan's (《…》(2020—2022年))."""
    years = fact_years(lead)
    return years[-1] if years else ""


def fact_years(text: str) -> list[str]:
    """The years ``text`` dates facts with: not a year a figure is compared with (较2015年) nor a
    cited plan's (《…》(2020—2022年))."""
    return YEAR.findall(COMPARED_YEAR.sub("", BOOK_TITLE.sub("", text)))


COMPARED_WITH = r"(?:较|比|跟|与|仅次于|次于|高于|低于|超过|落后于)"


COMPARED_YEAR = re.compile(COMPARED_WITH + r"(?:19|20)\d{2}年?|是(?:19|20)\d{2}年的")


BOOK_TITLE = re.compile(r"《[^》]{0,80}》(?:\s*[（(][^（()）]{0,16}[)）])?")
"""A cited document's name, with the period after it (《…2035年远景目标纲要》, 《…行动计划》(2020—2022年)):
its year dates that document, not the fact, unless the question asks about that document."""


_DASH_LABEL = re.compile(r"——[^，。；\n]{2,20}[。：:]?")
"""A run-in label opening a paragraph ("——生活配套服务平台。建设…。打造…。"): the paragraph after
it is its content, so label and paragraph are scored and quoted as one."""


_NAME_LABEL = re.compile(r"[^\s，。；：:、（）()“”]{2,16}。")
"""A short sentence opening its paragraph ("赤坭中小企业园。重点发展…", "物流机器人。全区打造…。支持…"),
alone on its line's start or after a heading line it runs on from: a run-in label like the dash
one, so the paragraph is scored and quoted with it, or its content is quoted without what it is
about. A passage's first sentence may start mid-paragraph (passages overlap), so it is no label."""


def _is_label(text: str, start: int, sentence: str) -> bool:
    """Whether the sentence at ``start`` of a passage's ``text`` is a run-in label: a dash label, or a
    short sentence opening its line (alone or after a heading line it runs on from)."""
    if _DASH_LABEL.fullmatch(sentence.strip()):
        return True
    opens_line = "\n" in sentence or start > 0 and text[start - 1] == "\n"
    return opens_line and _NAME_LABEL.fullmatch(sentence.rsplit("\n", 1)[-1].strip()) is not None


def _labelled_paragraph(text: str, start: int, limit: int) -> str:
    stop = text.find("\n", start)
    stop = len(text) if stop < 0 else stop
    return text[start : min(stop, start + limit)]
