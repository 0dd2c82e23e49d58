"""Read the yearly data series of charts that the PDF flattened into one run of text.

The manufacturing plan's appendix charts come out as ``规上先进制造业增加值（亿元）2015年 2016年 …
2020年 394.12 399.2 … 483.24``: a label with its unit in brackets, the years, then the values in
the same order, with no sentence break and no unit beside any value. The prose never gives most of
these yearly figures (2018年 appears only to compare with it), so a question about one year's
figure is answered by the series alone, which word matching ranks low: the label's words appear
once among nine labels, and the chart sits under the last heading before the annex.
``SeriesBoost`` lifts a passage holding a series that measures what a how-much question asks for,
for every year it names; the answerer quotes that series alone (``find_series``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from llama_index.core.schema import NodeWithScore

from assistant.question import YEAR, Question, analyze
from assistant.retrieval.head_boost import HeadBoost
from assistant.retrieval.tokenize import key_terms, mentions, with_aliases

_SERIES = re.compile(
    r"(?P<label>[^\d\s。；！？][^\d。；！？\n]{1,40}?)\s*"
    r"(?P<years>(?:(?:19|20)\d{2}年\s*){3,})"
    r"(?P<values>\d[\d.]*(?:\s+\d[\d.]*){2,})"
)
_YEAR_RUN = re.compile(r"(?:(?:19|20)\d{2}年\s*){3}")
"""What every series holds; the answerer looks for series in every candidate sentence, and almost
none has three years in a row, so this cheap search settles most of them."""
_UNIT = re.compile(r"[（(]([^（）()]{1,6})[)）]\s*$")
_COUNTED = {"数量"}
"""The word a count's label adds (高新技术企业数量（家）), which a question asking 多少家 leaves out."""


@dataclass(frozen=True)
class Series:
    label: str  # 规上先进制造业增加值（亿元）
    years: tuple[str, ...]  # 2015, 2016, …
    values: tuple[str, ...]  # in the years' order; fewer when a passage break cuts the series
    start: int  # offsets in the text searched
    end: int

    @property
    def unit(self) -> str:
        found = _UNIT.search(self.label)
        return found[1] if found else ""

    @property
    def measure(self) -> str:
        """The label without its unit: what the series measures."""
        return _UNIT.sub("", self.label).strip()

    def value(self, year: str) -> str | None:
        if year not in self.years:
            return None
        index = self.years.index(year)
        return self.values[index] if index < len(self.values) else None


def find_series(text: str) -> list[Series]:
    if not _YEAR_RUN.search(text):
        return []
    return [
        Series(
            label=m["label"].strip(),
            years=tuple(YEAR.findall(m["years"])),
            values=tuple(m["values"].split()),
            start=m.start("label") + len(m["label"]) - len(m["label"].lstrip()),
            end=m.end("values"),
        )
        for m in _SERIES.finditer(text)
    ]


def whole_series(text: str) -> Series | None:
    """The series ``text`` is, when it is exactly one (a quote of one chart's data)."""
    found = find_series(text)
    if len(found) == 1 and found[0].start == 0 and found[0].end == len(text.rstrip()):
        return found[0]
    return None


def answers(series: Series, question: str, years: list[str]) -> bool:
    """Whether ``series`` gives the figure ``question`` asks for in each of ``years``: it has a value
    for every one, and every word of its label is the question's (规上先进制造业增加值 for
    规模以上先进制造业增加值是多少; 规模以上工业总产值 does not answer a question on 工业增加值)."""
    words = [w for w in key_terms(series.measure) if w not in _COUNTED and not w.isascii()]
    question = with_aliases(question)  # 规上 asks about 规模以上工业总产值
    return (
        bool(years)
        and bool(words)
        and all(series.value(y) is not None for y in years)
        and all(mentions(question, w) or _spread(w, question) for w in words)
    )


def _spread(word: str, question: str, gap: int = 4) -> bool:
    """Whether the question holds a two-character word's characters in order with a few between:
    jieba cuts 占市 out of a label (占市规模以上工业总产值比重) that a question writes 占广州全市…比重."""
    if len(word) != 2:
        return False
    return re.search(re.escape(word[0]) + f".{{0,{gap}}}" + re.escape(word[1]), question) is not None


def asked_years(q: Question) -> list[str]:
    """The years the question names (its year anchors), and every year of a range it names
    (2015到2020年这几年…哪一年最高): a range asks about each year in it, which only a chart gives."""
    years = [a for a in q.anchors if YEAR.fullmatch(a)]
    for first, last in _YEAR_RANGE.findall(q.text):
        years += [str(y) for y in range(int(first) + 1, int(last)) if str(y) not in years]
    return years


_YEAR_RANGE = re.compile(r"((?:19|20)\d{2})年?\s*(?:到|至|—|－|-|~|～)\s*((?:19|20)\d{2})")


class SeriesBoost(HeadBoost):
    """Lifts a passage holding a series that ``answers`` a how-much question, when one of the asked
    years lies inside the series: the prose states the latest year the charts report (2020年规模以上
    工业总产值2668.21亿元) and is the evidence for it, so only the years before it need the chart. A
    series that stops a year short of the others beside it (专利技术合同成交额 to 2019, 高新技术企业
    数量 to 2020) has no such prose for its last year, so that year needs the chart too."""

    @classmethod
    def class_name(cls) -> str:
        return "SeriesBoost"

    def cue(self, question: str) -> tuple[str, list[str]] | None:
        q = analyze(question)
        years = asked_years(q) if q.asks_how_much else []
        return (question, years) if years else None

    def rescore(self, node: NodeWithScore, score: float, cue: tuple[str, list[str]]) -> float:
        question, years = cue
        series = find_series(node.node.get_content())
        latest = max((s.years[-1] for s in series), default="")
        found = any(
            answers(s, question, years)
            and any(y in s.years[1:-1] or (y == s.years[-1] and y < latest) for y in years)
            for s in series
        )
        return score + (self.bonus if found else 0.0)
