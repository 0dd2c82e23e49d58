"""Answers without an LLM: pick the sentences of the top passages that answer the question.

Every word of the answer is a quote from the cleaned documents, so nothing can be invented; the
work is in choosing sentences (question-term coverage, asked-for kind of fact, passage rank,
covering what earlier sentences left out: this module), in refusing when the evidence does not
hold what was asked (``refusal.py``) and in growing the chosen sentences into quotes that hold the
whole answer (``quotes.py``). Each sentence is read as ``candidates.py`` scores it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace

from assistant.answering.candidates import Candidate, fact_years, sentence_candidates
from assistant.answering.citations import REFUSAL_REASONS, compose, refusal_text
from assistant.answering.outline import HeadingLine, Outline
from assistant.answering.quotes import (
    ASKS_WHO_LEADS,
    citation_of,
    complete_quotes,
    heading_answer,
    heading_citations,
)
from assistant.answering.refusal import RefusalCheck, lacks_document_number
from assistant.evidence import sentence_score
from assistant.ingest.cleaning import SECTION_SEPARATOR
from assistant.ingest.headings import numeral_value
from assistant.question import (
    DATE,
    DOCUMENT_NUMBER,
    YEAR,
    Question,
    analyze,
    asking_parts,
    has_quantity,
    states_figure,
)
from assistant.retrieval.definition_cue import QUOTED, asked_terms, defines
from assistant.retrieval.named_documents import DocumentNames
from assistant.settings import AnswerSettings
from assistant.types import Answer, Passage


class ExtractiveAnswerer:
    def __init__(
        self,
        settings: AnswerSettings,
        document_share: Callable[[str], float | None] | None = None,
        outline: Outline | None = None,
        names: DocumentNames | None = None,
    ) -> None:
        """``document_share(word)``: share of passages holding a word, None if the corpus never uses it.
        ``outline``: the documents' headings, for list questions a section's sub-headings answer.
        ``names``: the documents' names, so a question that names a plan is answered from it."""
        self.settings = settings
        self.outline = outline
        self.names = names
        self.refusal = RefusalCheck(settings, document_share or (lambda _word: 0.0), names)

    def answer(self, question: str, passages: list[Passage]) -> Answer:
        considered = passages[: self.settings.passages_considered]
        q = analyze(question)
        named = self.names.named(question) if self.names else frozenset()
        if self.outline is not None and self.outline.missing_part(question, named):
            return Answer(
                text=refusal_text(question, REFUSAL_REASONS["section"]),
                found=False,
                passages=passages,
                question=question,
            )
        listed = self._outline_list(q, considered, named)
        if listed is not None:
            return heading_answer(question, listed, passages)
        candidates = sentence_candidates(q, considered, named, self.settings.max_quote_chars)
        checked, quoted = self._select(q, candidates, considered, named) if candidates else ([], [])
        refused = (
            self.refusal.reason(q, checked, considered, self._named_throughout(q, named)) if checked else ""
        )
        if refused is not None:
            return Answer(
                text=refusal_text(question, REFUSAL_REASONS.get(refused, "")),
                found=False,
                passages=passages,
                question=question,
            )
        pool = list(passages)
        chosen = complete_quotes(q, quoted, pool, self.settings.max_quote_chars, self.outline)
        citations = [
            citation_of(i + 1, pool[c.passage_index], c.passage_index, c.start, c.end)
            for i, c in enumerate(chosen)
        ]
        listed = self._listed_part(q, considered)
        if listed:
            citations += heading_citations(listed, pool, len(citations) + 1)
        return Answer(
            text=compose(citations), found=True, citations=citations, passages=pool, question=question
        )

    def _listed_part(self, q: Question, passages: list[Passage]) -> list[HeadingLine]:
        """The sub-headings answering one sub-question of several (“数字经济核心产业”是怎么定义的？
        重点介绍了哪几个核心产业？): the sentences answer the rest, the section the question names
        lists the items."""
        if self.outline is None or not any(analyze(part).wants_list for part in asking_parts(q)):
            return []
        return self.outline.answer_list(q, passages) or []

    def _outline_list(
        self, q: Question, passages: list[Passage], named: frozenset[str]
    ) -> list[HeadingLine] | None:
        """Headings when the list is the whole answer: the numbered parts a how-many question counts
        (分成了几个阶段), the tasks a body leads (由市工信局牵头的是哪几项),
        or a section's sub-headings when the question asks only for them, or also who leads each
        item (包括哪两项任务？分别由哪个部门牵头？), which the task's （牵头单位：…） clause, cited
        beside its heading, answers."""
        if self.outline is None:
            return None
        counted = self.outline.counted_parts(q, passages)
        if counted is not None:
            return counted
        if not q.wants_list:
            return None
        led = self.outline.led_by(q, named)
        if led is not None:
            return led
        if not q.parts:
            return self.outline.answer_list(q, passages)
        asking = asking_parts(q)
        leads = [part for part in asking if ASKS_WHO_LEADS.search(part)]
        lists = [part for part in asking if part not in leads and analyze(part).wants_list]
        if not leads or len(lists) != 1 or len(leads) + len(lists) != len(asking):
            return None
        listed = self.outline.answer_list(analyze(lists[0]), passages)
        return self.outline.with_lead_units(listed) if listed else None

    def _named_throughout(self, q: Question, named: frozenset[str]) -> frozenset[str]:
        """The documents that confine the refusal checks: none when a sub-question names no
        document, since a plan named in one part (这个“零跑动”按省指引的解释是什么) does not say
        where another part's figure (花都“零跑动”率做到多少) must come from; a plan named in a
        clause that asks nothing (花都那份规划拿荔湾区做过对比，…) still sets the source of all."""
        if not named or not self.names or not q.parts:
            return named
        asking = asking_parts(q)
        context = [part for part in q.parts if part not in asking]
        if any(self.names.named(part) for part in context):
            return named
        return frozenset() if any(not self.names.named(part) for part in asking) else named

    def _select(
        self,
        q: Question,
        candidates: list[Candidate],
        passages: list[Passage],
        named: frozenset[str],
    ) -> tuple[list[Candidate], list[Candidate]]:
        """The sentences the refusal checks read, and the (wider) ones an accepted answer quotes: the
        best sentence, then sentences that add question terms the chosen ones lack.

        For comparison questions the second sentence is taken from another document when one
        scores close enough, since two plans often give different figures for the same thing; so is
        a how-much question's when another plan states the same kind of figure
        (``_same_kind_of_figure``). A term the question quotes brings its gloss (``_defining``),
        and each document the question names gets its best sentence, or its best two
        when it names two or more (两份规划分别…: a plan's part often takes two sentences).
        The quotes go on where the checked choice stops: a weaker sentence that adds a missing term
        (径向市工业和信息化局反映) is still taken when a stronger one adding nothing (the plan's title
        line) would end the search; the checks read the narrower choice, since a stray term picked
        up this way would lift a near miss's coverage.
        """
        ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
        best = ranked[0]
        chosen = [best]
        limit = self.settings.max_sentences + (2 if q.wants_list else 0)
        listing = _list_of_asked_count(q, ranked, best)
        if listing is not None and listing not in chosen:
            chosen.append(listing)
            limit += 1
        if q.compares:
            other = _from_another_plan(best, ranked, passages)
            if other is not None:
                chosen.append(other)
        elif q.asks_how_much and not named:
            other = _from_another_plan(best, ranked, passages, lambda c: _same_kind_of_figure(q, best, c))
            if other is not None:
                chosen.append(other)
                limit += 1
        if q.asks_date and not any(DATE.search(c.text) for c in chosen):
            dated = _date_after(best, ranked)
            if dated is not None:
                chosen.append(dated)
        if lacks_document_number(q, chosen):
            numbered = _numbered_document(q, ranked)
            if numbered is not None:
                chosen.append(numbered)
                limit += 1
        defining = _defining(q, ranked)
        if defining is not None and defining not in chosen:
            chosen.append(defining)
        per_plan = 2 if len(named) >= 2 else 1
        for doc_id in sorted(named):
            own = [c for c in ranked if passages[c.passage_index].doc_id == doc_id]
            for i, c in enumerate(own[:per_plan]):
                if sum(passages[o.passage_index].doc_id == doc_id for o in chosen) >= per_plan:
                    break
                if c not in chosen and (i == 0 or c.score >= _SECOND_OWN_SHARE * best.score):
                    chosen.append(c)
                    if per_plan > 1:
                        limit += 1
        if q.asks_how_much and not YEAR.search(q.text):
            for c in list(chosen):
                horizon = _another_horizon(q, c, ranked, passages)
                if horizon is not None and horizon not in chosen:
                    chosen.append(horizon)
                    limit += 1
        for part in q.parts:
            part_q = analyze(part)
            if len(part_q.terms) < 2:
                continue
            part_scores = {
                id(c): sentence_score(part_q, c.flat, c.header, c.passage_index, c.year) for c in ranked
            }
            top = max(ranked, key=lambda c: part_scores[id(c)])
            if top not in chosen and part_scores[id(top)] > max(part_scores[id(c)] for c in chosen):
                chosen.append(top)
                limit += 1
        covered = set().union(*(c.terms for c in chosen))
        weight = {t: len(t) for t in q.terms}
        total = sum(weight.values()) or 1
        checked: list[Candidate] | None = None
        while len(chosen) < limit:
            pool = [c for c in ranked if c not in chosen and c.score >= 0.6 * best.score]
            if not pool:
                break
            gain = {id(c): sum(weight[t] for t in c.terms - covered) / total for c in pool}
            nxt = max(pool, key=lambda c: c.score + gain[id(c)])
            if gain[id(nxt)] == 0 and nxt.score < 0.85 * best.score:
                checked = list(chosen) if checked is None else checked
                gaining = [c for c in pool if gain[id(c)] > 0]
                if not gaining:
                    break
                nxt = max(gaining, key=lambda c: c.score + gain[id(c)])
            chosen.append(nxt)
            covered |= nxt.terms

        def ordered(quotes: list[Candidate]) -> list[Candidate]:
            quotes = sorted(quotes, key=lambda c: (c.passage_index, c.start))
            if defining is not None and q.wants_definition:  # the definition first, then the context
                quotes.sort(key=lambda c: c is not defining)
            return quotes

        return ordered(chosen if checked is None else checked), ordered(chosen)


def _from_another_plan(
    best: Candidate,
    ranked: list[Candidate],
    passages: list[Passage],
    fits: Callable[[Candidate], bool] = lambda _c: True,
) -> Candidate | None:
    """The best sentence from a document other than ``best``'s that scores at least
    ``_SECOND_PLAN_SHARE`` of it and ``fits``: two plans often give different figures for the
    same thing (高新技术企业 767 and 739 家), and the reader must see both."""
    best_doc = passages[best.passage_index].doc_id
    return next(
        (
            c
            for c in ranked[1:]
            if passages[c.passage_index].doc_id != best_doc
            and c.score >= _SECOND_PLAN_SHARE * best.score
            and fits(c)
            and not _is_heading(c, passages[c.passage_index])
        ),
        None,
    )


def _is_heading(c: Candidate, passage: Passage) -> bool:
    """A sentence that is only a section's title (2.智能装备和机器人): it names the other plan's topic
    and states nothing about it."""
    titles = (passage.section, *(name for _, name in passage.sections))
    return any(t and t.split(SECTION_SEPARATOR)[-1].replace(" ", "") == c.flat for t in titles)


def _another_horizon(
    q: Question, best: Candidate, ranked: list[Candidate], passages: list[Passage]
) -> Candidate | None:
    """For a how-much question naming no year, the best sentence of ``best``'s plan stating the same
    kind of figure for another year: plans set targets for two horizons (——到 2022 年，…超过500家 /
    ——到 2025 年，…超过800家), and asked "目标是多少" the reader must see both."""
    year = _year_of(best)
    if not year:
        return None
    doc = passages[best.passage_index].doc_id
    return next(
        (
            c
            for c in ranked[1:]
            if passages[c.passage_index].doc_id == doc
            and c.score >= _SECOND_PLAN_SHARE * best.score
            and _year_of(c) not in ("", year)
            and _same_kind_of_figure(q, best, c)
        ),
        None,
    )


def _numbered_document(q: Question, ranked: list[Candidate]) -> Candidate | None:
    """For 文号是多少, the best sentence giving a document number (国发〔2017〕35号) next to every
    document name the question cites (《新一代人工智能发展规划》), from the first name on: plans list
    their sources with their numbers in an annex, a run of rows the extraction flattened into one
    sentence, while the sentences that match the question's words only mention them."""
    names = re.findall(r"《[^》]{2,80}》", q.text.replace(" ", ""))
    found = next(
        (c for c in ranked if DOCUMENT_NUMBER.search(c.text) and all(n in c.flat for n in names)), None
    )
    if found is None or not names or (at := found.text.find(names[0])) < 0:
        return found
    number = DOCUMENT_NUMBER.search(found.text, at)
    if number is None:
        return found
    return replace(
        found, start=found.start + at, end=found.start + number.end(), text=found.text[at : number.end()]
    )


def _date_after(best: Candidate, ranked: list[Candidate]) -> Candidate | None:
    """For a when-question, a date stated just after the best sentence in its passage: a notice
    says what it issues, then signs and dates it on lines of their own (印发给你们… / 广州市工业和
    信息化局 / 2021年5月29日), and the date line shares no word with the question."""
    return next(
        (
            c
            for c in sorted(ranked, key=lambda c: c.start)
            if c.passage_index == best.passage_index
            and 0 <= c.start - best.end <= _DATE_REACH
            and DATE.search(c.text)
        ),
        None,
    )


_DATE_REACH = 40


def _year_of(c: Candidate) -> str:
    """The year a sentence states a fact for: its own (not one it compares with), else its paragraph's."""
    own = fact_years(c.flat)
    return own[0] if own else c.year


def _defining(q: Question, ranked: list[Candidate]) -> Candidate | None:
    """The sentence that opens by spelling out a term the question quotes (“3”是…, 2.“四免”：…) or, for
    a definition question, a term it asks about (8.边缘计算：…, see ``retrieval/definition_cue.py``):
    the gloss shares few other words with the question, and sentences that merely use the term
    outscore it."""
    for quoted in QUOTED.findall(q.text):
        opening = re.compile(rf"^(?:\d+[.、．]|[（(]\d+[)）])?“{re.escape(quoted)}”(?:是|：|:|即|指)")
        found = next((c for c in ranked if opening.match(c.flat)), None)
        if found is not None:
            return found
    for term in asked_terms(q.text):
        found = next((c for c in ranked if defines(c.flat, [term])), None)
        if found is not None:
            return found
    return None


def _same_kind_of_figure(q: Question, best: Candidate, c: Candidate) -> bool:
    """For a how-much question that does not ask to compare: ``c`` holds every question term
    ``best`` holds and states a figure, in the asked unit if any."""
    return c.terms >= best.terms and states_figure(c.flat) and (not q.unit or has_quantity(c.flat, q.unit))


_SECOND_PLAN_SHARE = 0.6
"""For comparisons since experiment 11; for how-much questions replayed at 0.5, 0.6 and 0.7 with
the same outcomes (eval/README experiment 58)."""


_SECOND_OWN_SHARE = 0.5
"""A named plan's second sentence, in a question naming two or more, scores at least this share of
the best sentence: lower, it is about something else in that plan (0.4, 0.5 and 0.6 replay the same)."""


_NUMERAL = r"(\d{1,2}|[两二三四五六七八九十]{1,2})"
_ASKS_N = re.compile(rf"哪{_NUMERAL}[个家项条类种样块大所座]([\u4e00-\u9fff]{{0,4}})")
_COUNTED_KIND = re.compile(
    rf"{_NUMERAL}[个家项条类种大所座]([\u4e00-\u9fff]{{1,4}}?)(?:是|有|都|分别|的|[，？?])"
)
_ITEM_SPLIT = re.compile(r"[、；;]|和|及|与")


def _list_of_asked_count(q: Question, ranked: list[Candidate], best: Candidate) -> Candidate | None:
    """Which N (三个产业园区是哪三个, 要建哪两个园): the best sentence listing exactly N items of the
    asked kind (their names end in a character of 园区), when the best sentence lists none. Plans
    name such items in passing with short names (绿色价值创新园) and list them in full once, after
    即 or a colon ("三园"即智能网联汽车产业园、智能电子绿色价值创新园和…), a sentence the question
    shares fewer words with."""
    asked = _ASKS_N.search(q.text)
    if not asked:
        return None
    n = numeral_value(asked[1])
    counted = _COUNTED_KIND.search(q.text)
    kind = (counted[2] if counted else asked[2])[-2:]
    if n < 2 or not kind:
        return None

    def listed(c: Candidate) -> bool:
        body = re.split(r"[：:]|即", c.flat, maxsplit=1)[-1]
        for clause in re.split(r"[。！？，]", body):
            names = [i.strip('“”" ') for i in _ITEM_SPLIT.split(clause)]
            if len(names) == n and sum(bool(i) and i[-1] in kind for i in names) >= n - 1:
                return True
        return False

    if listed(best):
        return None
    return next((c for c in ranked if c.score >= 0.4 * best.score and listed(c)), None)
