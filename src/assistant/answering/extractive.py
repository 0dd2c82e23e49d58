"""Answers without an LLM: pick the sentences of the top passages that answer the question.

Every word of the answer is a quote from the cleaned documents, so nothing can be invented; the
work is in choosing sentences (question-term coverage, asked-for kind of fact, passage rank,
covering what earlier sentences left out) and in refusing when the evidence does not hold what
was asked.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from assistant.answering.citations import REFUSAL_REASONS, compose, refusal_text
from assistant.answering.outline import HeadingLine, Outline
from assistant.evidence import sentence_score
from assistant.ingest.cleaning import SECTION_SEPARATOR
from assistant.ingest.sentences import Span, split_sentences
from assistant.question import (
    ASKS_DAY,
    ASKS_DOCUMENT_NUMBER,
    DATE,
    DAY,
    DOCUMENT_NUMBER,
    RANK,
    YEAR,
    Question,
    analyze,
    asking_clauses,
    asking_parts,
    has_quantity,
    states_figure,
)
from assistant.retrieval.count_cue import COUNT, asked_counts
from assistant.retrieval.definition_cue import QUOTED, asked_terms, defines
from assistant.retrieval.named_documents import DOCUMENT_KIND, DocumentNames
from assistant.retrieval.section_cue import heading_cues
from assistant.retrieval.series import answers, asked_years, find_series, whole_series
from assistant.retrieval.tokenize import (
    cities,
    compared_places,
    coverage,
    districts,
    head_noun,
    key_terms,
    mentions,
    person_names,
    place_names,
)
from assistant.settings import AnswerSettings
from assistant.types import Answer, Citation, Passage


@dataclass
class _Candidate:
    passage_index: int
    start: int  # offsets in the cleaned document
    end: int
    text: str
    terms: frozenset[str]
    score: float
    flat: str = ""
    header: str = ""
    lead: str = ""  # the start of its paragraph, where plans put the year and place (see _lead)
    year: str = ""  # the year it takes from its paragraph when it names none (see _inherited_year)

    @property
    def context(self) -> str:
        """The sentence read with its title and section path and its paragraph's start."""
        return self.header + self.lead + self.flat


_UNNAMED_FACTOR = 0.8
_ASKS_SUPERLATIVE = re.compile(r"最(?:大|多|高|早|快|强|长|小|少|低|先)的?(?:是|为|有)?(?:哪|什么)")
_SUPERLATIVE = re.compile(r"最|第一|首位|首个|居首|之首|榜首")
"""Which one is the largest (10个产业园里面积最大的是哪个) is answered by a quote that says which is,
not by the list of them."""
_ASKS_WHICH_EXACTLY = re.compile(r"具体[^，。？?]{0,4}哪[几些]|分别叫什么|叫什么名字|名称(?:是什么|分别是)")
_ENUMERATES = re.compile(r"、.*、|、[^，。；]*[和及与]|[：:]|一是|[和及与].{1,12}[和及与]")
"""Which ones exactly (第一批试点具体是哪几个城市, 分别叫什么名字) is answered by a quote listing them
(A、B、C or A、B和C), not by one that sums them up (以珠三角地区主要城市为第一批试点) or counts them
(建成4个国家级检验检测平台). Any list in the quotes passes, so a count
beside a list of other things (9.4公里道路, next to 东风日产技术中心、采埃孚…) is still answered."""
_RANKED_COVERAGE = 0.3
"""A rank question (研发经费投入强度在各区里排第几) is answered by a sentence ranking what it asks
about; 研发机构总量居全市第二 ranks another measure and shares one word of nine with it."""

_MONEY = re.compile(r"投资|资金|补贴|补助|奖补|奖励|经费|扶持|资助|拨款|预算")
"""What a how-much question about money asks for (投资, 扶持资金, 补贴): a sum of another kind
(销售收入2500万元以上) in a sentence that names none of them is a near miss."""

_OUTPUT = re.compile(r"产值|营业收入|营收|收入|增加值|销售额|交易额|成交额|税收")
_OUTPUT_KIND = {"营业收入": "营收", "收入": "营收"}


def _measures(text: str) -> set[str]:
    """What a how-much question in yuan, or in no unit, measures besides money given (一年产值多少亿元,
    一年营收有多少): a sum of another measure (5000万元专项资金, 4.4亿元绿色贷款) does not answer it."""
    return {_OUTPUT_KIND.get(m, m) for m in _OUTPUT.findall(text)}


_ASKS_FIRM = re.compile(
    r"哪[几一]?[家个些][\u4e00-\u9fff]{0,4}?(?:企业|公司)|(?:企业|公司)(?:名单)?(?:有|是)哪[几些]"
)
_NAMES_FIRM = re.compile(
    r"有限公司|股份|集团|[A-Z]{3,}(?!\s*(?:系统|软件|平台|技术))|[\u4e00-\u9fff]{2,}公司"
    r"|[、和][^，。；、]{1,12}等[^，。；、]{0,4}(?:企业|公司)"  # GAMECO、新科宇航等龙头企业
    r"|(?:推进|引进|依托|支持)[\u4e00-\u9fffA-Za-z]{3,8}等[^，。；、]{0,10}(?:企业|公司)"  # 航天云网等…企业
    r"|企业[（(][^（）()，。；]{2,12}[)）]"  # 本区重点企业（联友科技）
    r"|支持(?![^，。；]{0,6}?(?:企业|园区|行业|单位|机构|地区|城市|高校|部门|社会|各区|各地|有条件))"
    r"[\u4e00-\u9fff]{4,6}?(?:打造|建设|建立|开展)"  # 支持联友出行打造…平台
)
"""A question asking which firm (哪几家公司, 依托哪些龙头企业) is answered by a quote naming one; a
sentence about 链主企业 or "1家企业获奖" that names none is a near miss. Plans also name a firm
without its suffix, in brackets after 企业 or as whom a measure supports (支持联友出行打造…), where
支持龙头企业打造 names none."""

_ASKS_PERSON = re.compile(r"是谁|谁来?(?:担任|兼任|出任)")
_ASKS_ONE_PERSON = re.compile(r"哪一?位")
_ASKS_UNIT_WHO = re.compile(r"牵头|负责|配合|统筹|推进|部门|单位")
"""Who holds a post (主任是谁, 由哪位市领导担任) is answered by a person's name; who leads a task
(由谁牵头, 谁来统筹推进) by a department, which the units cells answer, and who builds or runs
something (由谁来建) by a body. 哪位 counts people only, so it asks for a person whatever else the
question says (负责…工作的分管市领导是哪一位)."""
_ASKS_ORG = re.compile(r"哪家(?=[？?，,。]|$)|哪家(?:机构|单位|研究机构|研究院|高校)|哪个机构")
_ORG = re.compile(
    r"(?:有限公司|公司|集团|大学|学院|研究院|研究所|协会|学会|商会|联盟|实验室|银行|医院|委员会|信通院)"
    r"|[市省区县][\u4e00-\u9fff]{1,10}?(?:局|委|厅|办)"
    r"|[一二三四五六七八九十]{1,2}所(?![学高医大中小幼院])"  # 电子五所; not 三所高校
)
"""Which body (理事长单位是哪家, 由哪家机构提供) is answered by a quote naming one the question does not:
a sentence about 科研机构和标准研究机构 in general is a near miss. Research institutes go by their
number (电子五所)."""
_ASKS_OUTCOME = re.compile(r"实际|做到了|最后|目前|已经")
_ASKS_TARGET = re.compile(r"目标|计划|原本|当初|规划")
_ASKS_ONLY_TARGET = re.compile(r"目标|原计划|原本|当初")
"""Narrower than ``_ASKS_TARGET``: 规划 and 计划 name a plan as often as they ask for its target."""
_TARGET = re.compile(r"到\s*20\d\d\s*年|目标|力争|预期")
_SETS_TARGET = re.compile(r"到\s*20\d\d\s*年|目标(?:值|为|是|[：:])|力争|预期|计划")
"""A sentence setting a target; "实现…的目标" in a report of results only names one."""
_OUTCOME = re.compile(r"完成|实际|实现了|达到了|已")
_ACHIEVED = re.compile(r"成效|成就|取得|" + _OUTCOME.pattern)
"""An outcome, or a section or paragraph reporting results (取得成效)."""

_PER_ITEM = re.compile(r"每(?:个|家|项|户|人|名|台|座|所|条)|单(?:个|家|项|户|台)")
_PER_ITEM_STATED = re.compile(r"每|单个|单家|单项|单户|最高|不超过|上限|人均|户均|按[^，。；]{1,12}给予")
"""A how-much question per item (对每个示范项目补助多少钱, 每家能拿多少) is answered by a figure per
item or a cap (每家最高500万元), not by a programme's total (35个项目累计投入12.31亿元)."""

_AWARDED = re.compile(r"(?:获评|被评为|评为|入选|认定为|获得)([^，。？?；]{2,16})")
"""A title or award the question names (多少家企业获评国家级绿色工厂): its head noun (工厂) must be
quoted; a count of firms winning another award, next to the plan's 绿色金融 and 绿色制造, is a near
miss."""

_ASKS_PLACE_NAME = re.compile(r"哪[个座些](区|县|镇|城市|市)")
"""A question asking which district or city (建在哪个区) is answered by a quote naming one it does not
name itself; a sentence about the thing that names no place is a near miss."""


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
        self.document_share = document_share or (lambda _word: 0.0)
        self.outline = outline
        self.names = names

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
        if q.wants_list and not q.parts and self.outline is not None:  # the list is the whole answer
            listed = self.outline.answer_list(q, considered)
            if listed is not None:
                return _heading_answer(question, listed, passages)
        candidates = self._candidates(q, considered, named)
        checked, quoted = self._select(q, candidates, considered, named) if candidates else ([], [])
        refused = self._refusal(q, checked, considered, self._named_throughout(q, named)) if checked else ""
        if refused is not None:
            return Answer(
                text=refusal_text(question, REFUSAL_REASONS.get(refused, "")),
                found=False,
                passages=passages,
                question=question,
            )
        pool = list(passages)
        after = self.outline.after if self.outline is not None else None
        chosen = _complete(
            quoted,
            pool,
            self.settings.max_quote_chars,
            _explication(q),
            heading_cues(question),
            announced=q.wants_list or q.wants_definition or bool(asked_counts(question)),
            after=after,
        )
        if _ASKS_WHO_LEADS.search(question):
            chosen = _with_units_cells(chosen, pool, after)
        if q.wants_list and not q.parts:
            chosen = _with_run_in_items(chosen, pool, self.outline)
        asked_kind = _ASKS_WHICH_AREA.search(question)
        if asked_kind:
            chosen = _with_paragraph_subject(chosen, pool, asked_kind[1])
        citations = [
            _citation(i + 1, pool[c.passage_index], c.passage_index, c.start, c.end)
            for i, c in enumerate(chosen)
        ]
        return Answer(
            text=compose(citations), found=True, citations=citations, passages=pool, question=question
        )

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

    def _candidates(self, q: Question, passages: list[Passage], named: frozenset[str]) -> list[_Candidate]:
        """Every sentence of the passages, scored; sentences from documents other than the ones the
        question names count less (a second document may still answer another part)."""
        out: list[_Candidate] = []
        seen: set[str] = set()
        for index, passage in enumerate(passages):
            for span in _series_apart(passage.text, split_sentences(passage.text)):
                start = passage.start + span.start
                header = f"{passage.title}{passage.section_at(start)}".replace(" ", "")
                text = passage.text[span.start : span.end]
                if _is_label(passage.text, span.start, text):
                    text = _labelled_paragraph(passage.text, span.start, 2 * self.settings.max_quote_chars)
                flat = text.replace(" ", "")
                if len(flat) < 6 or flat in seen:  # overlapping passages and annexes repeat sentences
                    continue
                seen.add(flat)
                lead = _lead(passage, start, flat)
                year = _inherited_year(lead)
                present = frozenset(
                    t for t in q.terms if mentions(flat, t) or mentions(header, t) or t == year
                )
                score = sentence_score(q, flat, header, index, year)
                if _reads_year_series(q, text):
                    score *= _SERIES_FACTOR
                if named and passage.doc_id not in named:
                    score *= _UNNAMED_FACTOR
                out.append(
                    _Candidate(
                        index, start, start + len(text), text, present, score, flat, header, lead, year
                    )
                )
        return out

    def _select(
        self,
        q: Question,
        candidates: list[_Candidate],
        passages: list[Passage],
        named: frozenset[str],
    ) -> tuple[list[_Candidate], list[_Candidate]]:
        """The sentences the refusal checks read, and the (wider) ones an accepted answer quotes: the
        best sentence, then sentences that add question terms the chosen ones lack.

        For comparison questions the second sentence is taken from another document when one
        scores close enough, since two plans often give different figures for the same thing; so is
        a how-much question's when another plan states the same kind of figure
        (``_same_kind_of_figure``). A term the question quotes brings its gloss (``_defining``),
        and each document the question names gets its best sentence (两份规划分别…).
        The quotes go on where the checked choice stops: a weaker sentence that adds a missing term
        (径向市工业和信息化局反映) is still taken when a stronger one adding nothing (the plan's title
        line) would end the search; the checks read the narrower choice, since a stray term picked
        up this way would lift a near miss's coverage.
        """
        ranked = sorted(candidates, key=lambda c: c.score, reverse=True)
        best = ranked[0]
        chosen = [best]
        limit = self.settings.max_sentences + (2 if q.wants_list else 0)
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
        if _lacks_document_number(q, chosen):
            numbered = _numbered_document(q, ranked)
            if numbered is not None:
                chosen.append(numbered)
                limit += 1
        defining = _defining(q, ranked)
        if defining is not None and defining not in chosen:
            chosen.append(defining)
        for doc_id in sorted(named - {passages[c.passage_index].doc_id for c in chosen}):
            own = next((c for c in ranked if passages[c.passage_index].doc_id == doc_id), None)
            if own is not None:
                chosen.append(own)
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
        checked: list[_Candidate] | None = None
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

        def ordered(quotes: list[_Candidate]) -> list[_Candidate]:
            quotes = sorted(quotes, key=lambda c: (c.passage_index, c.start))
            if defining is not None and q.wants_definition:  # the definition first, then the context
                quotes.sort(key=lambda c: c is not defining)
            return quotes

        return ordered(chosen if checked is None else checked), ordered(chosen)

    def _refusal(
        self, q: Question, chosen: list[_Candidate], passages: list[Passage], named: frozenset[str]
    ) -> str | None:
        """None when the quotes answer the question, else why not (a key of ``REFUSAL_REASONS``, or ""
        when no more specific reason applies).

        Refuse unless one quoted sentence, read with its document title and section path, holds
        every year and place the question names and a fair share of its terms (a 2020 figure
        next to a 2025 one in another sentence does not answer a 2025 question); also refuse
        when a how-many question gets no figure in the asked unit (from the document it names,
        if any) or only figures from another city's plan, nor a quote naming what it counts
        (多少家药店), a when-question no date, a rank question (排第几) no place in a ranking, a
        which-firm question no firm's name, a which-day question (几号) no day and a 文号 question
        no document number (when that is all they ask), when no quote comes from a document the
        question names, or when the quotes cover too little. A how-much question about money
        (扶持资金, 投资) needs its sum in a sentence, read with its section and paragraph start, that
        speaks of money given or spent; a which-firm (place, person, body) question a name of
        that kind (``_unnamed``); a question on a part of a total the part beside a figure
        (``_part_stated``); an outcome question more than targets (``_only_targets``), a target
        question more than results (``_only_outcomes``); a how-much question a figure the plan
        did not blank out (``_blanked``), an exact count more than a rough one
        (``_only_approximate``), an output question in yuan (产值, 营收) a sum of that measure (for
        the year it names, if any: a 2021 增加值 beside a sentence on 2022's programme does not
        answer for 2022), a question per item (每个项目补助多少) a figure per item or a cap; which ones
        exactly (具体是哪几个) a quote listing some; a which-year question a year, beside its subject
        when that is all it asks (``_year_of_subject``); a share more than 一定比例
        (``_share_unstated``); which of two places has more a comparison or a figure for each
        (``_comparison_unstated``); an area of a zone a quote naming it (``_area_unstated``); and
        a city the question names must be in the quoted passages when the quotes name another
        (``_city_swapped``)."""
        if not q.terms:
            return ""
        from_named = [c for c in chosen if not named or passages[c.passage_index].doc_id in named]
        if not from_named:
            return ""
        if q.anchors and not any(
            all(any(self._anchored(a, c, passages[c.passage_index], named) for c in chosen) for a in asked)
            for asked in _anchor_readings(q)
        ):
            return "anchor"
        if q.unit and not has_quantity(_without(q.text, "".join(c.text for c in from_named)), q.unit):
            return "figure"
        if q.asks_date and not any(DATE.search(c.text) for c in from_named):
            return "date"
        asks_one_thing = len(asking_parts(q)) <= 1  # else the rest of the question may be answered
        if ASKS_DAY.search(q.text) and asks_one_thing and not any(DAY.search(c.text) for c in chosen):
            return "day"
        if _lacks_document_number(q, chosen) and asks_one_thing:
            return "document_number"
        if _city_swapped(q, from_named, passages) or _area_unstated(q, from_named):
            return "anchor"
        if q.asks_year and not any(YEAR.search(c.lead + c.flat) for c in from_named):
            return "year"
        if q.asks_year and asks_one_thing and not self._year_of_subject(q, from_named, named):
            return "year"
        if _ASKS_SUPERLATIVE.search(q.text) and not any(_SUPERLATIVE.search(c.flat) for c in from_named):
            return "rank"
        if _comparison_unstated(q, from_named):
            return "comparison"
        if _ASKS_WHICH_EXACTLY.search(q.text) and not any(_ENUMERATES.search(c.flat) for c in from_named):
            return "list"
        if q.asks_rank and not any(
            RANK.search(c.flat) and coverage(q.terms, c.flat) >= _RANKED_COVERAGE for c in from_named
        ):
            return "rank"
        if q.asks_how_much:
            figures = [c for c in from_named if states_figure(c.flat)]
            in_unit = [c for c in figures if not q.unit or has_quantity(c.flat, q.unit)]
            if q.unit in ("元", "金额") and _MONEY.search(q.text):
                in_unit = [c for c in in_unit if _MONEY.search(c.context)]
                if not in_unit:
                    return "money"
            measures = _measures(q.text)
            if q.unit in ("元", "金额", "") and measures and in_unit:
                in_unit = [c for c in in_unit if measures & _measures(c.context)]
                if not in_unit:
                    return "figure"
                years = set(YEAR.findall(q.text))
                if years and not any(years & set(_fact_years(c.lead + c.flat)) for c in in_unit):
                    return "anchor"
            if not figures or (
                in_unit
                and all(
                    _another_city(q, c, passages[c.passage_index])
                    or _another_district(q, c, passages[c.passage_index])
                    for c in in_unit
                )
            ):
                return "figure"
            per_item = _PER_ITEM.search(asking_clauses(q.text))
            if per_item and not any(_PER_ITEM_STATED.search(c.flat) for c in figures):
                return "per_item"
            if q.unit == "%" and _share_unstated(q, from_named, in_unit):
                return "unstated_share"
        quoted = "".join(c.header + c.flat for c in from_named)
        if not all(mentions(quoted, noun[-2:]) for noun in q.counted):  # 龙头企业 in 龙头骨干企业
            return "counted"
        unnamed = _unnamed(q, chosen, quoted)
        if unnamed:
            return unnamed
        if q.asks_amount and not _part_stated(q, from_named):
            return "part"
        if q.asks_how_much and _only_targets(q, from_named):
            return "target"
        if q.asks_how_much and _only_outcomes(q, from_named):
            return "outcome"
        if q.asks_how_much and _only_approximate(q, from_named):
            return "approximate"
        if q.asks_how_much and _blanked(q, from_named):
            return "blank"
        headers = "".join(c.header for c in chosen)
        evidence = "".join(c.text for c in chosen).replace(" ", "")
        score = 0.8 * coverage(q.terms, evidence) + 0.2 * coverage(q.terms, headers + evidence)
        return None if score >= self.settings.min_coverage else ""

    def _year_of_subject(self, q: Question, quotes: list[_Candidate], named: frozenset[str]) -> bool:
        """Whether a quote giving a year names what the question dates: its rarest word the corpus
        uses (数据海关 in 第一个“数据海关”试点是哪一年启动的), since another sentence's year (粤读通's
        2021-2022年) does not date it. Words jieba glued to a particle (期是, 办卡要) are no such word,
        nor a word of the title of a plan the question names (导则), which is how it names the plan."""
        part = next((p for p in asking_parts(q) if analyze(p).asks_year), q.text)
        title_pairs = set().union(*(self.names.pairs.get(d, set()) for d in named)) if self.names else set()
        shares = {
            t: self.document_share(t)
            for t in analyze(part).terms
            if len(t) >= 2
            and not t.isdigit()
            and "哪" not in t
            and t not in _ASKING_NOUNS
            and t[-1] not in _PARTICLES
            and not {t[i : i + 2] for i in range(len(t) - 1)} <= title_pairs
        }
        known = [t for t, share in shares.items() if share is not None]
        if not known:
            return True
        rarest = min(known, key=lambda t: (shares[t], -len(t)))
        return any(
            YEAR.search(c.lead + c.flat) and mentions(c.header + c.lead + c.flat, rarest) for c in quotes
        )

    def _anchored(self, q: Question, c: _Candidate, passage: Passage, named: frozenset[str]) -> bool:
        """The sentence, read with its title, section and the start of its paragraph (where plans
        put the year and place), holds the anchors, the question's focus word (its longest word
        the corpus uses, the rarer of equals; a word the corpus never uses is the asker's
        paraphrase, not a sign of a near miss; found outside the title, which names the whole
        plan's topic: 数字经济 in the title does not make 工业增加值 a 数字经济增加值; nor a word of
        the title of a plan the question names, which is how it names the plan: "广东省数字经济发展
        指引对云计算的解释"), and enough of its terms; for a how-many question
        the sentence itself states a figure in the asked unit (a 2022 ranking next to a 2021
        count does not answer "2022年多少项"). The years in a title (``三年行动计划（2021—2023年）``) are
        the plan's period, not a fact's date, unless the question names that plan. A sentence whose
        first named district or city is one the question does not name is about that place (天河区
        for a question on 广州全市), unless it goes on to name the question's district (a list of
        districts, 天河区…从化区; a city is too often part of a name, 入库广州市人工智能企业). A
        how-much sentence stating a sibling measure's figure (申请量1502件) without the asked one
        (授权量) answers another question."""
        lead = YEAR.sub("", c.lead) + c.year  # only the paragraph's nearest year dates the sentence
        own = c.text.replace(" ", "")
        title = passage.title if passage.doc_id in named else YEAR.sub("", passage.title)
        local = f"{passage.section_at(c.start)}{lead}{own}".replace(" ", "")
        context = title.replace(" ", "") + local
        dated = _BOOK_TITLE.sub(lambda m: m[0] if _names(q.text, m[0]) else "", context)
        if not _COMPARED_YEAR.search(q.text):
            dated = _COMPARED_YEAR.sub("", dated)
        for place in (a for a in q.anchors if not YEAR.fullmatch(a)):
            compared = re.compile(_COMPARED_WITH + re.escape(place))
            if not compared.search(q.text):
                dated = compared.sub("", dated)
        shares = {
            t: self.document_share(t)
            for t in q.terms
            if t not in q.anchors
            and not t.isdigit()
            and t not in _ASKING_NOUNS
            and not DOCUMENT_KIND.fullmatch(t)
            and not (passage.doc_id in named and t in passage.title.replace(" ", ""))
        }
        known = [t for t, share in shares.items() if share is not None]
        focus = max(known, key=lambda t: (len(t), -shares[t]), default="")
        named_places = [p for p in place_names(_COMPARED_PLACE.sub("", own)) if p[-1] in "区县市"]
        return (
            not _another_city(q, c, passage)
            and (
                not named_places
                or named_places[0][:2] in q.text
                or any(p[-1] in "区县" and p[:2] in q.text for p in named_places)
            )
            and all(_mentions(dated, a) for a in q.anchors)
            and (mentions(local, focus) or _abbreviated(focus, local))
            and coverage(q.terms, context) >= self.settings.min_coverage
            and (not q.asks_amount or states_figure(own))
            and (not q.unit or has_quantity(own, q.unit))
            and not (q.asks_how_much and _another_measure(q, [own]))
            and not _another_series(q, c.text)
        )


def _abbreviated(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` out in full: askers shorten a name by keeping some of its
    characters in order (医共体 for 医疗共同体), so a three- or four-character word whose characters
    appear in order within twice its length is there. Two-character short forms (规上) match too
    much this way; the standard ones are aliases (``tokenize._ALIAS_GROUPS``)."""
    if not 3 <= len(word) <= 4:
        return False
    pattern = "".join(rf"{re.escape(ch)}[^，。；、\s]{{0,2}}" for ch in word[:-1]) + re.escape(word[-1])
    return any(len(m[0]) <= 2 * len(word) for m in re.finditer(pattern, text))


def _from_another_plan(
    best: _Candidate,
    ranked: list[_Candidate],
    passages: list[Passage],
    fits: Callable[[_Candidate], bool] = lambda _c: True,
) -> _Candidate | None:
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


def _lacks_document_number(q: Question, quotes: list[_Candidate]) -> bool:
    """A question asking for a document's number (文号) that no quote gives (粤府函〔2021〕151号)."""
    return ASKS_DOCUMENT_NUMBER.search(q.text) is not None and not any(
        DOCUMENT_NUMBER.search(c.text) for c in quotes
    )


def _is_heading(c: _Candidate, passage: Passage) -> bool:
    """A sentence that is only a section's title (2.智能装备和机器人): it names the other plan's topic
    and states nothing about it."""
    titles = (passage.section, *(name for _, name in passage.sections))
    return any(t and t.split(SECTION_SEPARATOR)[-1].replace(" ", "") == c.flat for t in titles)


def _another_horizon(
    q: Question, best: _Candidate, ranked: list[_Candidate], passages: list[Passage]
) -> _Candidate | None:
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


def _numbered_document(q: Question, ranked: list[_Candidate]) -> _Candidate | None:
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


def _date_after(best: _Candidate, ranked: list[_Candidate]) -> _Candidate | None:
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


def _another_city(q: Question, c: _Candidate, passage: Passage) -> bool:
    """The sentence comes from the plan of a city the question does not name (深圳 asked, a 广州
    plan's 全市 figure quoted), or from a case study headed by one (广州 asked, a figure under
    "深圳市：构建创新体系…"), and its section, paragraph start and words name none of the asked
    cities. The Guangdong guide names no city in its title; its case studies name theirs in their
    headings, and its other sections are about the province, never "another city"."""
    return _about_unasked_place(cities, q, c, passage, lambda city: city)


def _another_district(q: Question, c: _Candidate, passage: Passage) -> bool:
    """The sentence comes from a district's plan (花都区…规划) the question does not name, and its
    section, paragraph start and words name none of the asked districts: a figure in 花都's plan
    (占地2300亩的封闭测试场) does not measure 从化明珠智慧产业园."""
    return _about_unasked_place(districts, q, c, passage, lambda district: district[:-1])


def _about_unasked_place(
    places: Callable[[str], frozenset[str]],
    q: Question,
    c: _Candidate,
    passage: Passage,
    bare: Callable[[str], str],
) -> bool:
    """The plan (by its title, else the section) is about places the question does not ask about,
    and the sentence with its section and paragraph start names none of the asked ones (by their
    ``bare`` name)."""
    section = passage.section_at(c.start)
    own, asked = places(passage.title) or places(section), places(q.text)
    local = f"{section}{c.lead}{c.flat}".replace(" ", "")
    return bool(own and asked) and not own & asked and not any(bare(p) in local for p in asked)


_AREA = re.compile(r"([\u4e00-\u9fff]{2,4}?)(?:核心)?片区")
_NOT_AN_AREA_NAME = re.compile(r"[哪各个几这那些每两三四五六]")


def _named_areas(question: str) -> list[str]:
    """The areas a question names (琶洲核心片区 → 琶洲, 试验区的南沙片区 → 南沙), not the ones it
    counts or asks for (各片区, 两个片区, 哪个片区)."""
    tails = [re.split(r"[的里在是和与及、]", m[1])[-1] for m in _AREA.finditer(question)]
    return [t for t in tails if len(t) >= 2 and not _NOT_AN_AREA_NAME.search(t)]


def _area_unstated(q: Question, quotes: list[_Candidate]) -> bool:
    """An area of a zone no quote, paragraph start or section names (天河智慧城片区 of a zone whose
    areas are 琶洲, 金融城, 鱼珠…): the plans do not have it. For a how-much question (琶洲核心片区要
    贡献多少) the figures' own sentences must name it: the zone's targets are set for the whole
    zone, and plans seldom split them by area."""
    areas = _named_areas(q.text)
    if not areas:
        return False
    if not q.asks_how_much:
        return not any(a in c.context for c in quotes for a in areas)
    stated = [c for c in quotes if states_figure(_without(q.text, c.flat))]
    return bool(stated) and not any(a in c.context for c in stated for a in areas)


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


def _another_series(q: Question, text: str) -> bool:
    """A quote that is one chart series (规上先进制造业增加值（亿元）2015年…) answers only for what its
    label measures: every word of the label must be asked (a question on 规模以上工业增加值 is not
    answered by the 先进制造业 series, though the series holds its year, unit and most words)."""
    series = whole_series(text)
    if series is None:
        return False
    return not answers(series, q.text, asked_years(q) or list(series.years[:1]))


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


def _city_swapped(q: Question, quotes: list[_Candidate], passages: list[Passage]) -> bool:
    """A city the question names (把肇庆纳入…经济圈) that no quoted passage mentions anywhere, title and
    sections included, while the quotes name another city (将清远纳入…): the plan says it of that
    city. So too when the missing city is the one asked about and the quotes name only the city
    the question states a fact of (广州有21家国家重点实验室，深圳有多少家). A bare city name is too
    common to be an anchor for every sentence (the guide's case studies name their city only in a
    heading), but a passage never naming it cannot be about it."""
    asked = {city for city in cities(q.text) if city in q.text}  # named, not through a district
    if not asked:
        return False
    read = ""
    for p in (passages[i] for i in {c.passage_index for c in quotes}):
        read += p.title + p.section + "".join(name for _, name in p.sections) + p.text
    read = read.replace(" ", "")
    missing = [city for city in asked if city not in read]
    if not missing:
        return False
    quoted = cities("".join(c.flat for c in quotes).replace(" ", ""))
    asking = asking_clauses(q.text)
    return bool(quoted - asked) or bool(quoted & asked and any(city in asking for city in missing))


def _year_of(c: _Candidate) -> str:
    """The year a sentence states a fact for: its own (not one it compares with), else its paragraph's."""
    own = _fact_years(c.flat)
    return own[0] if own else c.year


def _defining(q: Question, ranked: list[_Candidate]) -> _Candidate | None:
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


def _another_measure(q: Question, quotes: list[str]) -> bool:
    """The question asks for one measure (授权量) and the quotes state the figure of its sibling
    (申请量) but never name the asked one: "发明专利申请量1502件" does not answer "授权量是多少"."""
    for term in q.terms:
        if len(term) < 3 or term[-1] not in _MEASURE_ENDS or any(term in t for t in quotes):
            continue
        sibling = re.compile(rf"[\u4e00-\u9fff]{{{len(term) - 1}}}{term[-1]}(?=[为达是约超近共了]*\d)")
        if any(m[0] not in q.text for t in quotes for m in sibling.finditer(t)):
            return True
    return False


_MEASURE_ENDS = "量额率数"


def _same_kind_of_figure(q: Question, best: _Candidate, c: _Candidate) -> bool:
    """For a how-much question that does not ask to compare: ``c`` holds every question term
    ``best`` holds and states a figure, in the asked unit if any."""
    return c.terms >= best.terms and states_figure(c.flat) and (not q.unit or has_quantity(c.flat, q.unit))


_SECOND_PLAN_SHARE = 0.6
"""For comparisons since experiment 11; for how-much questions replayed at 0.5, 0.6 and 0.7 with
the same outcomes (eval/README experiment 58)."""


def _lead(passage: Passage, start: int, own: str) -> str:
    """The start of the sentence's paragraph up to the sentence, where plans put the year and place
    ("2020年，花都区…；规模以上先进制造业增加值483.24亿元"), spaces removed; empty when the sentence
    dates itself (a year it is compared with, 较2015年, does not date it)."""
    if YEAR.search(_COMPARED_YEAR.sub("", own)):
        return ""
    offset = start - passage.start
    paragraph = passage.text.rfind("\n", 0, offset) + 1
    return passage.text[paragraph:offset].replace(" ", "")


def _inherited_year(lead: str) -> str:
    """The year a sentence that names none takes from its paragraph: the last one before it that
    dates a fact, not a year a figure is compared with (较2015年) nor a cited plan's (《…》(2020—2022年))."""
    years = _fact_years(lead)
    return years[-1] if years else ""


def _fact_years(text: str) -> list[str]:
    """The years ``text`` dates facts with: not a year a figure is compared with (较2015年) nor a
    cited plan's (《…》(2020—2022年))."""
    return YEAR.findall(_COMPARED_YEAR.sub("", _BOOK_TITLE.sub("", text)))


_QUESTION_END = re.compile(r"[？?；;]+")


def _anchor_readings(q: Question) -> list[list[Question]]:
    """The ways the anchor check may be passed: by the whole question, or by each sub-question that
    names a year or place, read on its own ("…体制怎么改？到2025年…要达到什么程度？": the 2025
    sentence answers the second part, and the first part's words need not be in it)."""
    questions = [p for p in _QUESTION_END.split(q.text) if len(p.strip()) >= 2]
    parts = [p for p in map(analyze, questions) if p.anchors] if len(questions) > 1 else []
    covers = parts and {a for p in parts for a in p.anchors} >= set(q.anchors)
    return [[q], parts] if covers else [[q]]


_COMPARED_WITH = r"(?:较|比|跟|与|仅次于|次于|高于|低于|超过|落后于)"
_COMPARED_YEAR = re.compile(_COMPARED_WITH + r"(?:19|20)\d{2}年?|是(?:19|20)\d{2}年的")
_COMPARED_PLACE = re.compile(_COMPARED_WITH + r"[\u4e00-\u9fff]{1,6}?[区县市]")
"""A year or place a figure is compared with ("较2015年增加10.8亿元", "仅次于黄埔区"): it is the base,
not what the fact is about, unless the question itself asks for the comparison ("跟2015年比")."""

_BOOK_TITLE = re.compile(r"《[^》]{0,80}》(?:\s*[（(][^（()）]{0,16}[)）])?")
"""A cited document's name, with the period after it (《…2035年远景目标纲要》, 《…行动计划》(2020—2022年)):
its year dates that document, not the fact, unless the question asks about that document."""


def _names(question: str, title: str, min_chars: int = 8) -> bool:
    """Whether the question names ``title`` (shares a run of ``min_chars`` characters with it)."""
    flat = question.replace(" ", "")
    return any(title[i : i + min_chars] in flat for i in range(1, max(2, len(title) - min_chars)))


_ASKING_NOUNS = frozenset("位置 程度 门槛 情况 方面 内容 要求 措施 作用 意义 安排 做法 举措 特点".split())
"""Nouns that name the kind of answer wanted ("定了个什么位置"), not the topic; never the focus word,
nor is a document's kind ("行动计划里怎么说"), which names where to look."""


def _mentions(context: str, anchor: str) -> bool:
    """Plans write the province as 省 or 全省 once the document is about Guangdong."""
    return anchor in context or (anchor.endswith("省") and "省" in context)


def _citation(n: int, passage: Passage, index: int, start: int, end: int) -> Citation:
    """Citation ``n`` of ``document[start:end]``, which lies inside ``passage`` (answer passage ``index``)."""
    return Citation(
        n=n,
        doc_id=passage.doc_id,
        title=passage.title,
        section=passage.section_at(start),
        quote=passage.text[start - passage.start : end - passage.start],
        start=start,
        end=end,
        short_name=passage.short_name,
        passage_index=index,
    )


def _heading_answer(question: str, headings: list[HeadingLine], passages: list[Passage]) -> Answer:
    """The sub-headings as the answer, each cited in a passage that holds it (the retrieved one
    when there is one, else the indexed passage it was found in, added to the answer's passages)."""
    passages = list(passages)
    citations = []
    for n, h in enumerate(headings, start=1):
        index = next(
            (
                i
                for i, p in enumerate(passages)
                if p.doc_id == h.passage.doc_id and p.start <= h.start and h.end <= p.end
            ),
            None,
        )
        if index is None:
            passages.append(h.passage)
            index = len(passages) - 1
        citations.append(_citation(n, passages[index], index, h.start, h.end))
    return Answer(
        text=compose(citations), found=True, citations=citations, passages=passages, question=question
    )


_ANNOUNCING_TAIL = 8
_UNSTATED_SHARE = re.compile(r"一定(?:的)?比例")
_ASKS_WHICH_MORE = re.compile(r"(?:哪|谁)[^，。？?]{0,10}更(?:多|少|高|低|大|小|强|弱|快|好|领先|靠前)")
_COMPARATIVE = re.compile(r"高于|低于|超过|多于|少于|领先于|落后于|比[^，。；]{1,12}(?:多|少|高|低)")
_PARTICLES = "是要的了有在和与及"
_NUMERAL_VALUE = {"两": 2, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9, "十": 10}
_OPEN_END = ("；", ";", "：", ":", "，", ",")
_CLOSED_END = ("。", "！", "？", "!", "?")


_RUN_IN = re.compile(r"([^\s，。；：:、（）()“”]{2,14})[：:]")
_NUMBERED = re.compile(
    r"[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d{1,2}[.．、]|第.{1,3}[篇章节条]"
)
_DASH_ITEM = re.compile(r"——([^，。；：:\n]{2,20})[。：:]")
"""A dash label opening a line (——坚持融合发展。): an item of a list of principles or goals."""
_MAX_ITEMS = 12
_MAX_FOLLOWING = 3
"""How many passages after the best quote's a run-in list may run on into."""


def _with_run_in_items(
    chosen: list[_Candidate], pool: list[Passage], outline: Outline | None
) -> list[_Candidate]:
    """A list stated as run-in labels under a quote (``田园种植认养：…``, ``——坚持融合发展。``): each
    label (a colon label with the rest of its first clause) is added as its own quote.

    Plans write such lists as paragraphs that open with a short label, not as numbered headings,
    so the outline cannot see them and the sentence that introduces the list rarely names its
    items. Two or more labels sharing their last character, after the quote and before the next
    numbered heading, count as the list. The quotes are tried from the best down, since the best
    may be an introduction elsewhere; the list may run on into the next ``_MAX_FOLLOWING``
    passages, which are then added to ``pool`` (the answer's passages)."""
    if not chosen:
        return chosen
    for lead in sorted(chosen, key=lambda c: c.score, reverse=True):
        passage = pool[lead.passage_index]
        lines, ended = _run_in_lines(passage, lead.end)
        items = [(lead.passage_index, line) for line in lines]
        following, last = [], passage
        while outline is not None and lines and not ended and len(following) < _MAX_FOLLOWING:
            nxt = outline.after(last)
            if nxt is None:
                break
            more, ended = _run_in_lines(nxt, last.end)
            items += [(len(pool) + len(following), line) for line in more]
            following.append(nxt)
            last = nxt
        items = items[:_MAX_ITEMS]
        if len(items) >= 2 and len({label[-1] for _, (_, _, label) in items}) == 1:
            break
    else:
        return chosen
    pool.extend(following[: max(0, max(at for at, _ in items) - len(pool) + 1)])
    added = [
        _Candidate(
            at, start, end, pool[at].text[start - pool[at].start : end - pool[at].start], lead.terms, 0.0
        )
        for at, (start, end, _) in items
        if not any(c.start <= start < c.end for c in chosen if pool[c.passage_index].doc_id == passage.doc_id)
    ]
    return sorted([*chosen, *added], key=lambda c: (c.passage_index, c.start))


def _run_in_lines(passage: Passage, after: int) -> tuple[list[tuple[int, int, str]], bool]:
    """The run-in labelled lines of ``passage`` that start at or after document offset ``after``, as
    (start, end of the label's first clause, label), and whether a numbered heading ended them."""
    out = []
    start = 0
    for line in passage.text.split("\n"):
        at, start = passage.start + start, start + len(line) + 1
        if at < after:
            continue
        if _NUMBERED.match(line):
            return out, True
        label = _RUN_IN.match(line)
        if label:
            clause = re.search(r"[，。；]", line[label.end() :])
            end = label.end() + (clause.start() if clause else len(line) - label.end())
            out.append((at, at + end, label[1]))
        elif dashed := _DASH_ITEM.match(line):
            out.append((at, at + dashed.end(), dashed[1]))
    return out, False


def _paragraph_end(
    c: _Candidate, passage: Passage, end: int, cues: Sequence[re.Pattern[str]], limit: int
) -> int:
    """Where a quote under the heading the question asks for (三、取得成效 for "取得了什么成效")
    ends: its paragraph's end, since a case's results or measures are one paragraph of short
    sentences and the first rarely holds them all; ``end`` elsewhere or past ``limit``."""
    leaf = passage.section_at(c.start).split(SECTION_SEPARATOR)[-1]
    if not any(cue.search(leaf) for cue in cues):
        return end
    stop = passage.text.find("\n", end - passage.start)
    stop = passage.start + (len(passage.text) if stop < 0 else stop)
    return stop if end < stop and stop - c.start <= limit else end


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


def _explication(q: Question) -> re.Pattern[str]:
    """Openings of a sentence that spells out the one before it. "即…" always does (``形成三大产业带。
    即东部…、西部…和南部…``); "其中…" breaks a total into its items, which list, definition and
    how-many questions ask for; action plans close each measure with ``（牵头单位：…）`` and task
    tables each task with its units cell, which answer who leads it."""
    openings = ["即", "也就是"]
    if q.wants_list or q.wants_definition or q.wants_number:
        openings += ["其中", "具体包括", "分别是", "分别为"]
    if _ASKS_WHO_LEADS.search(q.text):
        openings += [r"[（(]?(?:牵头|责任)单位", _UNITS_CELL.pattern]
    return re.compile("|".join(openings))


_UNITS_CELL = re.compile(r"[^。！？；\n]{2,80}(?:牵头|配合)$|[（(]\s*牵头单位[：:][^（()）]{2,160}[）)]")
"""A task's units after its text: a task table's cell (``花都海关牵头，市公安局花都分局配合``) or a
plan's closing bracket (``（牵头单位：市科技局，配合单位：…）``); it ends the task."""
_ASKS_WHICH_AREA = re.compile(r"哪(?:个|些|一个|几个)?(片区|园区|基地|板块|产业带|集聚区)")


def _with_paragraph_subject(chosen: list[_Candidate], passages: list[Passage], kind: str) -> list[_Candidate]:
    """For "which area" questions (哪个片区), the first sentence of a quote's paragraph when it names
    an area of the asked kind and no quote does: plans name the area once ("广州国际金融城片区积极
    打造…。") and list what it does in the sentences after, which are the ones that match."""
    named = re.compile(rf"[\u4e00-\u9fff]{{2}}(?<![各每该本此其一二三四五六七八九十几]){kind}")
    if any(named.search(c.text) for c in chosen):  # 各片区, 三片区 name none
        return chosen
    out = list(chosen)
    for c in chosen:
        passage = passages[c.passage_index]
        offset = c.start - passage.start
        paragraph = passage.text.rfind("\n", 0, offset) + 1
        first = passage.text.find("。", paragraph, offset)
        if first < 0 or not named.search(passage.text[paragraph:first]):
            continue
        start, end = passage.start + paragraph, passage.start + first + 1
        subject = passage.text[paragraph : first + 1]
        out.append(_Candidate(c.passage_index, start, end, subject, c.terms, c.score))
        break
    return sorted(out, key=lambda c: (c.passage_index, c.start))


_ASKS_WHO_LEADS = re.compile(r"牵头|负责|哪个部门|哪些部门|哪个单位|责任单位|配合")
_RESTATES = re.compile("即|也就是")


def _complete(
    chosen: list[_Candidate],
    passages: list[Passage],
    max_chars: int,
    explication: re.Pattern[str] = _RESTATES,
    cues: Sequence[re.Pattern[str]] = (),
    announced: bool = False,
    after: Callable[[Passage], Passage | None] | None = None,
) -> list[_Candidate]:
    """Extend each chosen clause to the end of its sentence, over a next sentence that spells it
    out (``explication``) or, when ``announced`` (the question asks for items), names the items
    the sentence only counts (``_counts_unnamed``), and under a heading the question asks for
    (``cues``) to the end of its paragraph (bounded by twice ``max_chars``).

    Plans pack parallel measures into one sentence of ``；``-clauses and introduce lists with
    ``：``, a heading line or a sentence of their own; the clause that matched the question is
    often not the one that holds the asked item, so the quote runs on (bounded by ``max_chars``).
    A quote still open where its passage ends moves to the indexed passage that continues it
    (``after``; appended to ``passages``) when that one holds the quote's start, since passages
    are cut by length, not by sentence. Overlapping quotes merge.
    """
    out: list[_Candidate] = []
    for c in chosen:
        passage = passages[c.passage_index]
        end, still_open = _run_on(c, passage, c.end, max_chars, explication, announced)
        following = after(passage) if still_open and after is not None else None
        if following is not None and _continued(passage, following, c.start, end):
            passages.append(following)
            c = replace(c, passage_index=len(passages) - 1)
            passage = following
            end, _ = _run_on(c, passage, end, max_chars, explication, announced)
        text = passage.text
        if cues:
            end = _paragraph_end(c, passage, end, cues, 2 * max_chars)
        start = c.start
        for o in out:
            if passages[o.passage_index].doc_id == passage.doc_id and o.start <= start < o.end:
                start = o.end  # quoted already, from the passage before this one
        if start >= end:
            continue
        if out and out[-1].passage_index == c.passage_index and start <= out[-1].end:
            last = out[-1]
            end = max(end, last.end)
            merged = text[last.start - passage.start : end - passage.start]
            out[-1] = _Candidate(c.passage_index, last.start, end, merged, last.terms | c.terms, last.score)
            continue
        quote = text[start - passage.start : end - passage.start]
        out.append(_Candidate(c.passage_index, start, end, quote, c.terms, c.score))
    return out


def _run_on(
    c: _Candidate,
    passage: Passage,
    end: int,
    max_chars: int,
    explication: re.Pattern[str],
    announced: bool,
) -> tuple[int, bool]:
    """Where the quote ``c`` (ending at ``end`` so far) stops inside ``passage``, and whether it
    was still open when the passage ended."""
    text = passage.text
    quoted = text[c.start - passage.start : end - passage.start]
    if whole_series(quoted):  # one chart's data ends where its values do
        return end, False
    pending = _items_announced(quoted) if announced else 0
    bound = 2 * max_chars if pending else max_chars
    open_end = _open_ended(quoted) or (announced and _counts_unnamed(quoted))
    for span in split_sentences(text, end - passage.start):
        sentence = text[span.start : span.end]
        if not (open_end or pending) and not explication.match(sentence.lstrip()):
            return end, False
        if passage.start + span.end - c.start > bound:
            return end, False
        end = passage.start + span.end
        pending = max(pending - 1, 0)
        open_end = _open_ended(sentence) or (announced and _counts_unnamed(sentence))
    return end, open_end or pending > 0


def _with_units_cells(
    chosen: list[_Candidate],
    passages: list[Passage],
    after: Callable[[Passage], Passage | None] | None = None,
) -> list[_Candidate]:
    """Each quoted task with the units cell that closes its row: in a task table the row's text
    runs over several sentences, and who leads it is said only at the end (``…在区内落地。`` /
    ``区卫生健康局牵头，…配合``), sometimes in the passage that continues this one: a retrieved
    one, else the indexed passage that follows (``after``; appended to ``passages``)."""
    out = list(chosen)
    for c in chosen:
        if _UNITS_CELL.fullmatch(c.text.strip()):
            continue
        cell = _closing_cell(c.passage_index, c.end, passages, after) or _table_copy_cell(c, passages)
        if cell is not None and not any(
            o.passage_index == cell.passage_index and o.start <= cell.start < o.end for o in out
        ):
            out.append(replace(cell, terms=c.terms))
    return sorted(out, key=lambda c: (c.passage_index, c.start))


def _table_copy_cell(c: _Candidate, passages: list[Passage]) -> _Candidate | None:
    """The units cell closing another passage's copy of the quote's last sentence: a plan's task
    table repeats its body's text row by row, and the body copy (which ranks first and is the one
    quoted, the table's being a duplicate) says nothing of who leads."""
    doc_id = passages[c.passage_index].doc_id
    tail = split_sentences(c.text)[-1]
    last = c.text[tail.start : tail.end].strip()
    if len(last) < 10:
        return None
    for index, passage in enumerate(passages):
        at = passage.text.find(last)
        if index != c.passage_index and passage.doc_id == doc_id and at >= 0:
            cell = _closing_cell(index, passage.start + at + len(last), passages)
            if cell is not None:
                return cell
    return None


def _closing_cell(
    index: int,
    offset: int,
    passages: list[Passage],
    after: Callable[[Passage], Passage | None] | None = None,
) -> _Candidate | None:
    """The first units cell after ``offset`` in passage ``index`` or, when that passage ends first,
    in the passage of the same document that continues it: a given one, else ``after``'s (once)."""
    passage = passages[index]
    for span in split_sentences(passage.text, offset - passage.start):
        sentence = passage.text[span.start : span.end]
        if _UNITS_CELL.fullmatch(sentence.strip()):
            start = passage.start + span.start
            return _Candidate(index, start, passage.start + span.end, sentence, frozenset(), 0.0)
    following = next(
        (
            i
            for i, p in enumerate(passages)
            if p.doc_id == passage.doc_id and p.start <= passage.end < p.end and i != index
        ),
        None,
    )
    if following is not None:
        return _closing_cell(following, passage.end, passages)
    indexed = after(passage) if after is not None else None
    if indexed is None or not indexed.start <= passage.end < indexed.end:
        return None
    passages.append(indexed)
    cell = _closing_cell(len(passages) - 1, passage.end, passages)
    if cell is None:
        passages.pop()
    return cell


def _continued(passage: Passage, following: Passage, start: int, end: int) -> bool:
    """Whether ``following`` holds the quote ``start``–``end`` that ``passage`` cut: the quote's
    start, and the rest of its line or of its clause (a caption line ending the passage is whole)."""
    if not following.start <= start < following.end or end < passage.end:
        return False
    rest = following.text[end - following.start :]
    quoted = passage.text[start - passage.start : end - passage.start].rstrip()
    return bool(rest) and (not rest[0].isspace() or quoted.endswith(_OPEN_END))


def _counts_unnamed(sentence: str) -> bool:
    """Whether a sentence counts items it does not name (``工业互联网标识应用目前围绕三个层级发展，
    解决工业企业的痛点。``): plans name them in the next sentence, which shares no word with the
    question, so a question asking for the items would otherwise get only the count."""
    return bool(asked_counts(sentence)) and "、" not in sentence


def _items_announced(sentence: str) -> int:
    """How many items a sentence announces by a count that closes it (实施数字农业“三个创建”。):
    plans often give each item its own sentence after it, so a quote of the count runs on over
    that many. A count inside the sentence (以“四个出新出彩”引领…) is not such an announcement."""
    flat = sentence.strip()
    if not _counts_unnamed(flat):
        return 0
    closing = [m for m in COUNT.finditer(flat) if len(flat) - m.start() <= _ANNOUNCING_TAIL]
    return _NUMERAL_VALUE[closing[-1][1]] if closing else 0


def _open_ended(text: str) -> bool:
    """Whether a quote ending here leaves its sentence unfinished: a clause (``，``) or no closing
    mark, unless it is a task table's units cell, which closes its row without one."""
    flat = text.strip()
    if _UNITS_CELL.fullmatch(flat):
        return False
    return flat.endswith(_OPEN_END) or not flat.endswith(_CLOSED_END)


_STATED_FIGURE = r"(?<![\d.]){}(?![\d.A-Za-z])"
"""A figure standing as a quantity, not part of a name (the 5 of 5G, the 3 of 3D)."""


def _without(question: str, text: str) -> str:
    """``text`` without the figures the question itself states: asked "那35个项目里示范类有几个",
    a quote stating 35个 gives the total the question starts from, not the part it asks for."""
    figures = re.findall(_STATED_FIGURE.format(r"(\d+(?:\.\d+)?)"), question.replace(" ", ""))
    flat = text.replace(" ", "")
    for figure in sorted(set(figures), key=len, reverse=True):
        if not YEAR.fullmatch(figure):
            flat = re.sub(_STATED_FIGURE.format(re.escape(figure)), "", flat)
    return flat


_NUMBER_AT = re.compile(r"\d+(?:\.\d+)?")
_TOTAL_THEN_PART = re.compile(
    r"(?<![\d.])\d+(?:\.\d+)?\s*多?\s*(?:[万亿]元?|[个项家座件条元人户%％])"
    r"(?:[^，。？?]{0,16}?(?:里|中|当中|之中)|[^，。？?]{0,16}?[，,](?:其中|这里面?|这[笔些][^，。？?]{0,4}?(?:里|中)))[，,]?"
    r"(.+?)(?:多少|几)"
)


def _part_stated(q: Question, quotes: list[_Candidate]) -> bool:
    """For a question that gives a total and asks for a part of it ("567家入库企业里，做智能网联汽车的
    有多少家", "近1800万的奖补，这笔钱里汽车企业分到了多少"), whether a quote names the part (its
    longest word) beside a figure, in the asked unit, other than the total: plans give the total
    and rarely break it down, so the sentence restating the total (or a breakdown by another part)
    is a near miss. The part's sentence must also be about the total: hold its figure, or its
    longest word with the sentence's heading and paragraph start (规模以上工业企业761家 is no part of
    狮岭's 8800家皮具箱包企业)."""
    text = q.text.replace(" ", "")
    m = _TOTAL_THEN_PART.search(text)
    part = [t for t in key_terms(m.group(1)) if len(t) >= 2] if m else []
    if not m or not part:
        return True
    *before, total = re.split(r"[，,？?。]", text[: m.start(1)])
    total = total or (before[-1] if before else "")  # the total's clause may end in the comma
    figure = _NUMBER_AT.match(text, m.start())
    whole = [t for t in key_terms(total) if len(t) >= 2 and t not in part and not t[0].isdigit()]
    return any(
        mentions(c.flat, part[0])
        and (
            (figure is not None and figure[0] in (c.lead + c.flat))
            or not whole
            or mentions(c.header + c.lead + c.flat, whole[0])
        )
        for c in _stating(q, quotes)
    )


def _places(text: str, kind: str) -> list[str]:
    """The districts (区, 县, 镇) or the cities (市, 城市) ``text`` names, by full or bare name."""
    named = place_names(text)
    if kind in "区县镇":
        return [*districts(text), *(p for p in named if p[-1] in "区县镇")]
    return [*cities(text), *(p for p in named if p[-1] == "市")]


def _names_org(text: str, question: str) -> bool:
    """Whether ``text`` names a body the question does not (its kind with the two characters before
    it: 东省实验室 is the question's own 广东省实验室)."""
    for m in _ORG.finditer(text):
        tail = text[max(0, m.start() - 2) : m.end()]
        if tail not in question and not tail.startswith(("等", "和", "、")):
            return True
    return False


def _only_targets(q: Question, quotes: list[_Candidate]) -> bool:
    """A question on an outcome (实际营收做到了多少) answered only by targets (到2022年…超600亿元): plans
    state what they aim for, rarely what was reached. A question setting the two against each other
    (原计划…实际) is answered by an indicator table's 目标 and 完成 columns; a target the question
    only states (新增800家的目标，目前实际已经新增了多少) does not set them against each other. A
    figure under a goals heading (（三）发展目标) is a target though its sentence names no year."""
    if not _ASKS_OUTCOME.search(q.text) or _ASKS_TARGET.search(asking_clauses(q.text)):
        return False
    stated = _stating(q, quotes)
    return bool(stated) and all(
        (_TARGET.search(c.lead + c.flat) or "目标" in c.header) and not _OUTCOME.search(c.flat)
        for c in stated
    )


def _stating(q: Question, quotes: list[_Candidate]) -> list[_Candidate]:
    """The quotes stating a figure in the asked unit other than the figures the question states."""
    rests = [(c, _without(q.text, c.flat)) for c in quotes]
    return [c for c, rest in rests if states_figure(rest) and (not q.unit or has_quantity(rest, q.unit))]


def _only_outcomes(q: Question, quotes: list[_Candidate]) -> bool:
    """The reverse of ``_only_targets``: a question on a target (当初定的就诊率目标是多少) answered only
    by what was achieved (使65%以上的患者在基层就诊, under 取得成效): a case study reports results,
    not the goal it set."""
    if not _ASKS_ONLY_TARGET.search(q.text) or _ASKS_OUTCOME.search(q.text):
        return False
    stated = _stating(q, quotes)
    return bool(stated) and all(
        _ACHIEVED.search(c.context) and not _SETS_TARGET.search(c.lead + c.flat) and "目标" not in c.header
        for c in stated
    )


_ASKS_EXACT = re.compile(r"具体|确切|准确|精确")
_APPROXIMATE = re.compile(r"(?:几|数|上|成)[十百千万]+(?:余)?\s*[个项家座件条人户亿万]")


def _only_approximate(q: Question, quotes: list[_Candidate]) -> bool:
    """A question asking the exact count (具体集聚了多少家汽车零部件企业) where a quote counts a thing
    the question names only roughly (集聚了几百家零部件企业): the plan gives no exact figure to quote.
    The thing counted is read as the three characters after the rough count, found in the question
    (jieba's head noun of 汽车零部件企业 is 汽车)."""
    if not _ASKS_EXACT.search(q.text):
        return False
    asked = q.text.replace(" ", "")
    for c in quotes:
        for m in _APPROXIMATE.finditer(c.flat):
            counted = c.flat[m.end() : m.end() + 3]
            if len(counted) == 3 and counted in asked:
                return True
    return False


def _share_unstated(q: Question, quotes: list[_Candidate], in_unit: list[_Candidate]) -> bool:
    """A question on a share (返还平台使用费的比例是多少) whose closest quote gives it as 一定比例, the
    plans' way of leaving it open: a percentage in another sentence (协同效率提升40%) is not it."""
    vague = [c for c in quotes if _UNSTATED_SHARE.search(c.flat)]
    if not vague:
        return False
    best_vague = max(coverage(q.terms, c.context) for c in vague)
    return all(coverage(q.terms, c.context) <= best_vague for c in in_unit if c not in vague)


def _comparison_unstated(q: Question, quotes: list[_Candidate]) -> bool:
    """Which of two places has more (广州和深圳哪个城市建成的5G基站更多) is answered by a quote
    comparing them, or by a figure for each in a sentence (or section) naming it; a sentence naming
    both with no figure (加快广州南沙、深圳前海…5G网络建设) or another city's count after it does not
    say which."""
    if not _ASKS_WHICH_MORE.search(q.text):
        return False
    places = list(dict.fromkeys(compared_places(q.text)))
    if len(places) < 2:
        return False
    if any(all(p in c.flat for p in places) and _COMPARATIVE.search(c.flat) for c in quotes):
        return False
    return not all(any(p in c.header + c.flat and states_figure(c.flat) for c in quotes) for p in places)


def _blanked(q: Question, quotes: list[_Candidate]) -> bool:
    """Whether the quotes give the asked measure (a phrase of the question, or a word of three or more
    characters) only with its figure blanked out (数控化率达到*%: the published plan prints ***% where
    the target was left unset) and nowhere with a figure: the documents do not state it."""
    text = "".join(c.flat for c in quotes)
    for word in (*q.phrases, *(t for t in q.terms if len(t) >= 3 and not t.isdigit())):
        blank = re.search(re.escape(word) + r"[^，。；\d*]{0,10}\*", text)
        real = re.search(re.escape(word) + r"[^，。；*]{0,10}\d", text)
        if blank and not real:
            return True
    return False


def _unnamed(q: Question, chosen: list[_Candidate], quoted: str) -> str:
    """What a question asking which firm, district or city, person or body lacks when no quote names
    one (not one the question itself names), or an award it names that no quote does; "" if none."""
    if _ASKS_FIRM.search(q.text) and not any(_NAMES_FIRM.search(c.flat) for c in chosen):
        return "firm"
    asked_place = _ASKS_PLACE_NAME.search(q.text)
    if asked_place and not any(p[:2] not in q.text for c in chosen for p in _places(c.flat, asked_place[1])):
        return "district" if asked_place[1] in "区县镇" else "city"
    if _ASKS_ONE_PERSON.search(q.text) or (_ASKS_PERSON.search(q.text) and not _ASKS_UNIT_WHO.search(q.text)):
        asker = set(person_names(q.text))
        if not any(set(person_names(c.flat)) - asker for c in chosen):
            return "person"
    if _ASKS_ORG.search(q.text) and not any(
        _names_org(c.flat, q.text) or _NAMES_FIRM.search(c.flat) for c in chosen
    ):
        return "body"
    awarded = [head_noun(title) for title in _AWARDED.findall(q.text)]
    return "award" if any(head and not mentions(quoted, head) for head in awarded) else ""
