"""Answer "哪几条原则 / 哪些主要问题 / 哪几个发展定位" from a document's headings.

Plans state such lists as the numbered sub-headings of one section (``（三）基本原则`` →
``1.政府引导、市场运作`` …), often spread over several passages, and the prose under each
heading rarely repeats the heading's words. Sentence picking then quotes one or two bodies and
misses the list itself, so a list question whose words name a section of a retrieved passage is
answered with that section's sub-headings, each quoted and cited where it stands.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from assistant.ingest.cleaning import SECTION_SEPARATOR
from assistant.ingest.headings import numeral_value
from assistant.question import Question
from assistant.retrieval.tokenize import key_terms, with_aliases
from assistant.types import Passage

_NUMBERING = re.compile(
    r"^(?:第[一二三四五六七八九十百\d]+[篇章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、])\s*"
)
_PART = re.compile(
    r"(专栏|附件|附录)\s*([一二三四五六七八九十\d]{1,3})|第\s*([一二三四五六七八九十百\d]{1,4})\s*([篇章节条]|部分)"
)
"""A numbered part of a plan: 专栏 5, 附件二, 第七篇, 第十二条, 第五部分."""
_TOP_PART = re.compile(r"([一二三四五六七八九十]{1,3})、")
"""A plan's top-level heading (一、发展基础): what "第N部分" of a plan numbered so names."""
_MIN_MATCHED_CHARS = 4
_MAX_CHILDREN = 12
_LED_BY = re.compile(
    r"(?:由|归)?([市区省][\u4e00-\u9fff]{1,12}?(?:局|委|厅|办公室|办|政府))来?牵头的?(?:是|有|包括)?(?:哪|几)"
)
"""由市工业和信息化局牵头的是哪几项: the tasks a body leads, asked from the body's side."""
_LEAD_UNITS = re.compile(r"牵头单位[：:]\s*([^，,；;）)]+)")
_QUOTED = re.compile(r"“([^”]{3,12})”")
_ASKED_NOUN = re.compile(r"哪(?:些|几)\s*[个项条类种大点块方]?([^\s，,。？?；;、：:和及与]{0,8})")
_ANY_LIST = frozenset(
    {"任务", "内容", "措施", "举措", "工作", "部分", "事项", "环节", "板块", "行动", "方向"}
)
"""Nouns any section's sub-headings answer (哪几项任务); others must be the sections' own word."""


@dataclass(frozen=True)
class HeadingLine:
    """A heading as it stands in the cleaned document: ``document[start:end]`` is its title."""

    path: tuple[str, ...]
    start: int
    end: int
    passage: Passage  # an indexed passage holding the heading line, for the citation


class Outline:
    """Every heading of every indexed document, recovered from the passages' section paths, and
    the passages in document order."""

    def __init__(self, headings: Iterable[HeadingLine], passages: Iterable[Passage] = ()) -> None:
        self._passages: dict[str, list[Passage]] = {}
        for p in sorted(passages, key=lambda p: p.start):
            self._passages.setdefault(p.doc_id, []).append(p)
        self._by_path: dict[tuple[str, tuple[str, ...]], HeadingLine] = {}
        for h in sorted(headings, key=lambda h: h.start):
            self._by_path.setdefault((h.passage.doc_id, h.path), h)
        self._children: dict[tuple[str, tuple[str, ...]], list[HeadingLine]] = {}
        self._parts: dict[str, set[tuple[str, int]]] = {}
        for (doc_id, path), h in self._by_path.items():
            self._children.setdefault((doc_id, path[:-1]), []).append(h)
            self._parts.setdefault(doc_id, set()).update(_parts(path[-1][:12]))
            top = _TOP_PART.match(path[0]) if len(path) == 1 else None
            if top:
                self._parts[doc_id].add(("部分", numeral_value(top[1])))

    @classmethod
    def from_passages(cls, passages: Iterable[Passage]) -> Outline:
        """Where a passage starts a section (its first line, or a recorded change inside it) and
        that line begins with the section's title, the line is the heading."""
        passages = list(passages)
        found: list[HeadingLine] = []
        for p in passages:
            for start, section in ((p.start, p.section), *p.sections):
                if not section:
                    continue
                path = tuple(section.split(SECTION_SEPARATOR))
                title = path[-1].rstrip("…")
                at = start - p.start
                if p.text.startswith(title, at):
                    found.append(HeadingLine(path, start, start + len(title), p))
        return cls(found, passages)

    def after(self, passage: Passage) -> Passage | None:
        """The indexed passage that continues ``passage`` in its document."""
        return next((p for p in self._passages.get(passage.doc_id, []) if p.start > passage.start), None)

    def missing_part(self, question: str, doc_ids: Iterable[str] = ()) -> str | None:
        """A numbered part the question names (专栏18, 第十二篇) that the documents (those given, else
        all) number their parts by but do not have, as the question writes it; None when every one
        exists. A kind of part no document uses (第三章 of a plan numbered 一、二、三、) is the
        asker's loose word for a section, not a near miss."""
        asked = list(_PART.finditer(question))
        if not asked:
            return None
        wanted = set(doc_ids)
        have = set().union(*(p for doc_id, p in self._parts.items() if not wanted or doc_id in wanted))
        kinds = {kind for kind, _ in have}
        for match in asked:
            kind, number = _part(match)
            if number and kind in kinds and (kind, number) not in have:
                return match[0]
        return None

    def children(self, doc_id: str, path: tuple[str, ...]) -> list[HeadingLine]:
        return self._children.get((doc_id, path), [])

    def led_by(self, q: Question, doc_ids: Iterable[str] = ()) -> list[HeadingLine] | None:
        """The headings of the tasks whose ``（牵头单位：…）`` names the body the question asks
        about (由市工信局牵头的是哪几项), in the documents given, else all; None when the question
        asks no such thing or no task names the body.

        Plans state the lead body at the end of each task, so the sentences never say "市工信局
        leads A, B and C", and passage retrieval finds one or two of the tasks at best."""
        asked = _LED_BY.search(q.text.replace(" ", ""))
        if not asked:
            return None
        body = re.sub(r"^[市区省]", "", asked[1])
        wanted = set(doc_ids)
        found: list[HeadingLine] = []
        for doc_id, passages in self._passages.items():
            if wanted and doc_id not in wanted:
                continue
            for p in passages:
                for lead in _LEAD_UNITS.finditer(p.text):
                    if body not in with_aliases(lead[1]):
                        continue
                    section = p.section_at(p.start + lead.start())
                    heading = self._by_path.get((doc_id, tuple(section.split(SECTION_SEPARATOR))))
                    if heading is not None and heading not in found:
                        found.append(heading)
        return found or None

    def with_lead_units(self, headings: list[HeadingLine]) -> list[HeadingLine]:
        """Each heading followed by its task's ``（牵头单位：…）`` clause, where it has one, for a
        question that also asks who leads each (包括哪两项任务？分别由哪个部门牵头？). The clause
        is kept as a span of the same shape, to be cited where it stands."""
        out: list[HeadingLine] = []
        for h in headings:
            out.append(h)
            doc_id = h.passage.doc_id
            until = min(
                (o.start for (d, _), o in self._by_path.items() if d == doc_id and o.start > h.start),
                default=None,
            )
            for p in self._passages.get(doc_id, []):
                if p.end <= h.end:
                    continue
                if until is not None and p.start >= until:
                    break
                lead = _LEAD_UNITS.search(p.text, max(h.end, p.start) - p.start)
                if lead and (until is None or p.start + lead.start() < until):
                    out.append(HeadingLine(h.path, p.start + lead.start(), p.start + lead.end(), p))
                    break
        return out

    def counted_parts(self, q: Question, passages: list[Passage]) -> list[HeadingLine] | None:
        """The numbered headings a how-many question counts (分成了几个阶段 → 1.摸查调研阶段 …
        4.成果发布阶段): the first retrieved passage holding a heading that names the counted noun
        gives its siblings, when each of them names it too. Plans number such parts rather than
        count them, so no sentence states the figure; None when no heading names the noun."""
        if not q.asks_amount or not q.counted:
            return None
        for p in passages:
            for section in (p.section, *(name for _, name in p.sections)):
                path = tuple(section.split(SECTION_SEPARATOR)) if section else ()
                for depth in range(len(path), 1, -1):
                    leaf, parent = path[depth - 1], path[: depth - 1]
                    noun = next((n for n in q.counted if leaf.endswith(n)), None)
                    if noun is None or not _NUMBERING.match(leaf):
                        continue
                    siblings = self.children(p.doc_id, parent)
                    context = p.title + "".join(parent)
                    if (
                        len(siblings) >= 2
                        and all(h.path[-1].endswith(noun) for h in siblings)
                        and all(a in context for a in q.anchors)
                    ):
                        return siblings
        return None

    def answer_list(self, q: Question, passages: list[Passage]) -> list[HeadingLine] | None:
        """The sub-headings of the section of a retrieved passage whose title the question names
        (None when none does).

        Every content word of the title must be in the question (``存在哪些主要问题`` names
        ``（二）存在主要问题``); the most specific title wins, then the better-ranked passage. A
        section one of whose sub-headings the question names is not the list asked for: the
        question is about that sub-section.
        Questions naming a year or place the title path does not hold are left to the sentences.
        """
        best: tuple[int, int, list[HeadingLine]] | None = None
        question = q.text.replace(" ", "")
        for rank, p in enumerate(passages):
            for section in (p.section, *(name for _, name in p.sections)):
                path = tuple(section.split(SECTION_SEPARATOR)) if section else ()
                for depth in range(len(path), 0, -1):
                    parent = path[:depth]
                    matched = _named_chars(parent[-1], question)
                    if matched < _MIN_MATCHED_CHARS:
                        continue
                    children = self.children(p.doc_id, parent)
                    if (p.doc_id, parent) not in self._by_path or not 2 <= len(children) <= _MAX_CHILDREN:
                        continue
                    if any(_named_chars(c.path[-1], question) >= _MIN_MATCHED_CHARS for c in children):
                        continue  # the question is about one of them (基础电子元器件 重点发展 哪几类)
                    if not _lists_asked_noun(question, [parent[-1], *(c.path[-1] for c in children)]):
                        continue
                    context = p.title + "".join(parent)
                    if not all(a in context for a in q.anchors):
                        continue
                    key = (matched, -rank)
                    if best is None or key > best[:2]:
                        best = (matched, -rank, children)
        return best[2] if best else None


def _lists_asked_noun(question: str, titles: list[str]) -> bool:
    """Whether headings can be the things asked for: 依托哪些重点产业 is not answered by
    ``一、发展重点 / 二、发展路径`` under a title the question names, since no title says 产业;
    哪几项任务 and a bare 哪些 are answered by any section's sub-headings."""
    asked = _ASKED_NOUN.search(question)
    words = key_terms(asked[1]) if asked else []
    if not words or words[-1] in _ANY_LIST:
        return True
    return any(words[-1] in title for title in titles)


def _named_chars(title: str, question: str) -> int:
    """How much of the title the question names: the whole title verbatim, a term the question
    quotes (“稳链行动” names ``（四）开展稳链行动，积极构建…``), or every content word of it in the
    title's order (0 otherwise): 金融城 … 数字商圈 does not name 数字金融."""
    bare = _NUMBERING.sub("", title)
    if len(bare) >= _MIN_MATCHED_CHARS and bare in question:
        return len(bare)
    quoted = [m[1] for m in _QUOTED.finditer(question) if m[1] in bare]
    if quoted:
        return max(len(term) for term in quoted)
    words = sorted(key_terms(bare), key=bare.find)
    at = 0
    for word in words:
        at = question.find(word, at)
        if at < 0:
            return 0
        at += len(word)
    return sum(len(w) for w in words)


def _parts(title: str) -> set[tuple[str, int]]:
    return {_part(m) for m in _PART.finditer(title)}


def _part(match: re.Match[str]) -> tuple[str, int]:
    """(kind, number) of a numbered part, its number read from digits or Chinese numerals."""
    kind, number = (match[1], match[2]) if match[1] else (match[4], match[3])
    return kind, numeral_value(number)
