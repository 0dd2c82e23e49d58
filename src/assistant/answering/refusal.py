"""Whether the quoted sentences answer the question, and if not, why not.

The answerer always finds sentences that look relevant; near misses share almost every word with
a passage that does not hold the asked fact (a 2020 figure for a 2025 question, another district's
figure, a target for an outcome, a sum of another measure). Each check here names what a question
of one kind needs from its quotes, and its reason becomes the refusal's explanation
(``citations.REFUSAL_REASONS``).
"""

from __future__ import annotations

import re
from collections.abc import Callable

import jieba.posseg

from assistant.answering.candidates import BOOK_TITLE, COMPARED_WITH, COMPARED_YEAR, Candidate, fact_years
from assistant.ingest.headings import numeral_value
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
    measured_subject,
    states_figure,
    tech_names,
)
from assistant.retrieval.named_documents import DOCUMENT_KIND, DocumentNames
from assistant.retrieval.series import answers, asked_years, whole_series
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
from assistant.types import Passage


class RefusalCheck:
    """The checks an extractive answer passes before it is given; ``reason`` says which failed."""

    def __init__(
        self,
        settings: AnswerSettings,
        document_share: Callable[[str], float | None],
        names: DocumentNames | None = None,
    ) -> None:
        """``document_share(word)``: share of passages holding a word, None if the corpus never uses it.
        ``names``: the documents' names, so a plan the question names is read as where to look."""
        self.settings = settings
        self.document_share = document_share
        self.names = names

    def reason(
        self, q: Question, chosen: list[Candidate], passages: list[Passage], named: frozenset[str]
    ) -> str | None:
        """None when the quotes answer the question, else why not (a key of ``REFUSAL_REASONS``, or ""
        when no more specific reason applies).

        Refuse unless one quoted sentence, read with its document title and section path, holds
        every year and place the question names and a fair share of its terms (a 2020 figure
        next to a 2025 one in another sentence does not answer a 2025 question); also refuse
        when a how-many question gets no figure in the asked unit (from the document it names,
        if any) or only figures from another city's plan or for another technology than the one a
        single question asks about (4K电视用户 for 8K), nor a quote naming what it counts
        (多少家药店), a when-question no date, a rank question (排第几) no place in a ranking, a
        which-firm question no firm's name, a which-day question (几号) no day, a 文号 question
        no document number after the title it names, a how-often question (多久公布一次) no
        period, a how-long one (贷款期限是几年) no span and a what-it-takes one (选拔标准是什么) no
        condition or threshold (when that is all they ask), an either-or question no quote naming
        an option, when no quote comes from a document the question names, or when the quotes
        cover too little.
        A how-much question about money
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
        if lacks_document_number(q, chosen) and asks_one_thing:
            return "document_number"
        asks_frequency = _ASKS_FREQUENCY.search(q.text) is not None
        if asks_frequency and asks_one_thing and not any(_FREQUENCY.search(c.flat) for c in chosen):
            return "frequency"
        asks_duration = _ASKS_DURATION.search(q.text) is not None
        if asks_duration and asks_one_thing and not any(_DURATION.search(c.flat) for c in chosen):
            return "duration"
        asks_criteria = _ASKS_CRITERIA.search(q.text) is not None
        if asks_criteria and asks_one_thing and not any(_CRITERIA.search(c.flat) for c in chosen):
            return "criteria"
        if _no_option_named(q, chosen):
            return "choice"
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
        if _too_few_listed(q, from_named, passages):
            return "list"
        if _others_unlisted(q, from_named):
            return "list"
        if q.asks_rank and not any(
            RANK.search(c.flat) and coverage(q.terms, c.flat) >= _RANKED_COVERAGE for c in from_named
        ):
            return "rank"
        if q.asks_how_much:
            figures = [c for c in from_named if states_figure(c.flat)]
            in_unit = _in_unit(q, figures)
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
                if years and not any(years & set(fact_years(c.lead + c.flat)) for c in in_unit):
                    return "anchor"
            asked_techs = tech_names(asking_clauses(q.text)) if asks_one_thing else set()
            if asked_techs and in_unit and not any(asked_techs <= tech_names(c.context) for c in in_unit):
                return "figure"
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
            if in_unit and _site_unstated(q, in_unit):
                return "site"
        quoted = "".join(c.header + c.flat for c in from_named)
        counting = _in_unit(q, from_named)
        counting = counting if asks_one_thing and counting else from_named
        counted_in = "".join(c.header + c.flat for c in counting)
        if not all(mentions(counted_in, noun[-2:]) for noun in q.counted):  # 龙头企业 in 龙头骨干企业
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
        if q.unit == "%" and _share_of_another(q, from_named):
            return "figure"
        if q.asks_how_much and _district_figure_for_city(q, from_named, passages):
            return "anchor"
        if q.asks_how_much and asks_one_thing and self._subject_unstated(q, from_named):
            return "figure"
        headers = "".join(c.header for c in chosen)
        evidence = "".join(c.text for c in chosen).replace(" ", "")
        score = 0.8 * coverage(q.terms, evidence) + 0.2 * coverage(q.terms, headers + evidence)
        return None if score >= self.settings.min_coverage else ""

    def _year_of_subject(self, q: Question, quotes: list[Candidate], named: frozenset[str]) -> bool:
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

    def _subject_unstated(self, q: Question, quotes: list[Candidate]) -> bool:
        """No sentence stating a figure in the asked unit names what the question measures: the
        nouns before its 多少 (实用新型专利申请有多少件, 旧厂房用地有多少), the most specific of them
        (longest, then rarest), read with the sentence's section and paragraph start, in any form
        or at least with all its characters (降本 in 降低成本). A total (51.72平方公里的“三旧”用地)
        does not give one of its parts, nor 几百家零部件企业 the 规模以上 ones. Generic measures
        (总数, 规模, 差距), scopes (全市) and places, which the anchor checks read, are not what is
        measured."""
        subject = measured_subject(q.text)
        nouns = {w for w, f in jieba.posseg.lcut(subject) if (f.startswith("n") and f != "ns") or f == "x"}
        terms = [
            t
            for t in key_terms(subject)
            if t in nouns
            and t not in _NOT_MEASURED
            and t not in _ASKING_NOUNS
            and t not in q.anchors
            and self.document_share(t) is not None
        ]
        if not terms:
            return False
        focus = max(terms, key=lambda t: (len(t), -(self.document_share(t) or 0.0)))
        contexts = [c.context for c in _in_unit(q, quotes) if states_figure(c.flat)]
        return not any(mentions(text, focus) or set(focus) <= set(text) for text in contexts)

    def _anchored(self, q: Question, c: Candidate, passage: Passage, named: frozenset[str]) -> bool:
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
        dated = BOOK_TITLE.sub(lambda m: m[0] if _names(q.text, m[0]) else "", context)
        if not COMPARED_YEAR.search(q.text):
            dated = COMPARED_YEAR.sub("", dated)
        for place in (a for a in q.anchors if not YEAR.fullmatch(a)):
            compared = re.compile(COMPARED_WITH + re.escape(place))
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
    r"有限公司|股份|集团|(?<![\dA-Za-z])[A-Z]{3,}(?!\s*(?:系统|软件|平台|技术))|[\u4e00-\u9fff]{2,}公司"
    r"|[、和][^，。；、]{1,12}等(?:具有[^，。；、]{1,12}的)?[^，。；、]{0,4}(?:企业|公司)"  # A、B等龙头企业
    r"|(?:推进|引进|依托|支持)[\u4e00-\u9fffA-Za-z]{3,8}等[^，。；、]{0,10}(?:企业|公司)"  # 航天云网等…企业
    r"|企业[（(][^（）()，。；]{2,12}[)）]"  # 本区重点企业（联友科技）
    r"|支持(?![^，。；]{0,6}?(?:企业|园区|行业|单位|机构|地区|城市|高校|部门|社会|各区|各地|有条件))"
    r"[\u4e00-\u9fff]{4,6}?(?:打造|建设|建立|开展)"  # 支持联友出行打造…平台
)
"""A question asking which firm (哪几家公司, 依托哪些龙头企业) is answered by a quote naming one; a
sentence about 链主企业 or "1家企业获奖" that names none is a near miss. Plans also name a firm
without its suffix, in brackets after 企业 or as whom a measure supports (支持联友出行打造…), where
支持龙头企业打造 names none, and list them before what they have in common (东风日产、中国电科、国光等
具有产业链带动能力的骨干企业)."""


_ASKS_PERSON = re.compile(r"是谁|谁来?(?:担任|兼任|出任)")


_ASKS_ONE_PERSON = re.compile(r"哪一?位")


_ASKS_UNIT_WHO = re.compile(r"牵头|负责|配合|统筹|推进|部门|单位")
"""Who holds a post (主任是谁, 由哪位市领导担任) is answered by a person's name; who leads a task
(由谁牵头, 谁来统筹推进) by a department, which the units cells answer, and who builds or runs
something (由谁来建) by a body. 哪位 counts people only, so it asks for a person whatever else the
question says (负责…工作的分管市领导是哪一位)."""


_ASKS_ORG = re.compile(r"哪一?家(?=[？?，,。]|$)|哪家(?:机构|单位|研究机构|研究院|高校)|哪个机构")


_ORG = re.compile(
    r"(?:有限公司|公司|集团|大学|学院|研究院|研究所|协会|学会|商会|联盟|实验室|银行|医院|委员会|信通院)"
    r"|[市省区县][\u4e00-\u9fff]{1,10}?(?:(?<![布格结开])局|委|厅|办)"  # not 布局, 格局
    r"|[一二三四五六七八九十]{1,2}所(?![学高医大中小幼院])"  # 电子五所; not 三所高校
)
"""Which body (理事长单位是哪家, 由哪家机构提供) is answered by a quote naming one the question does not:
a sentence about 科研机构和标准研究机构 in general is a near miss. Research institutes go by their
number (电子五所)."""


_ASKS_OUTCOME = re.compile(r"实际|做到了|最后|目前|已经|现在|现有")


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


_ASKS_PLACE_NAME = re.compile(r"哪[几一]?[个座些]地?(区|县|镇|城市|市)")
"""A question asking which district or city (建在哪个区) is answered by a quote naming one it does not
name itself; a sentence about the thing that names no place is a near miss."""


def _abbreviated(word: str, text: str) -> bool:
    """Whether ``text`` writes ``word`` out in full: askers shorten a name by keeping some of its
    characters in order (医共体 for 医疗共同体), so a three- or four-character word whose characters
    appear in order within twice its length is there. Two-character short forms (规上) match too
    much this way; the standard ones are aliases (``tokenize._ALIAS_GROUPS``)."""
    if not 3 <= len(word) <= 4:
        return False
    pattern = "".join(rf"{re.escape(ch)}[^，。；、\s]{{0,2}}" for ch in word[:-1]) + re.escape(word[-1])
    return any(len(m[0]) <= 2 * len(word) for m in re.finditer(pattern, text))


def lacks_document_number(q: Question, quotes: list[Candidate]) -> bool:
    """A question asking for a document's number (文号) that no quote gives (粤府函〔2021〕151号), or
    none just after the title it names, when a quote holds that title: an annex lists its sources
    as title, then number, and a title with none is followed by the next row's
    (《数字乡村发展战略纲要》2 《…行动计划》粤农农〔2020〕157号)."""
    if ASKS_DOCUMENT_NUMBER.search(q.text) is None:
        return False
    titles = re.findall(r"《([^》]{2,80})》", re.sub(r"\s", "", q.text))
    holding = [(c.flat, c.flat.find(t) + len(t)) for c in quotes for t in titles if t in c.flat]
    if not holding:
        return not any(DOCUMENT_NUMBER.search(c.text) for c in quotes)
    for text, end in holding:
        number = DOCUMENT_NUMBER.search(text, end)
        if number and number.start() - end <= _NUMBER_REACH and "《" not in text[end : number.start()]:
            return False
    return True


_NUMBER_REACH = 12
"""Characters between a title and its number: the issuer's prefix (粤工信信软) and a bracket."""


_ASKS_DURATION = re.compile(
    r"(?:期限|年限|周期|有效期|时限|工期)(?:是|为|有)?(?:几年|多少年|多长|多久|几个月)|(?:几|多少)年期"
)
_DURATION = re.compile(
    r"(?<![\d.])(?:\d{1,2}|[两一二三四五六七八九十]{1,3})\s*(?:年|个月|周|天|个工作日|日)(?![度底末初内])"
    r"|年期|年限为|期限为"
)
"""How long (贷款期限是几年) is answered by a span (3年, 6个月, 30个工作日), not by the loan's sum or a
calendar year."""
_ASKS_CRITERIA = re.compile(
    r"(?:标准|条件|门槛|资格)(?:是什么|有哪些|是啥|有什么|是多少)"
    r"|(?:什么|哪些)(?:样的)?(?:申报|申请|入选|认定|选拔|准入)?(?:条件|标准|门槛|资格)"
)
_CRITERIA = re.compile(
    r"标准|条件|门槛|资格|低于|少于|超过|高于|小于|大于|至少|以内|[\d万亿]+[^，。；]{0,8}以[上下]"
    r"|达到|须|应当|具备|符合|满足"
)
"""What it takes (选拔标准是什么, 需要满足什么申报条件) is answered by a quote stating a condition or
a threshold, not by one that only says the selection will be made (选拔“领头羊”)."""
_ASKS_FREQUENCY = re.compile(
    r"(?:多久|多长时间)[^，。？?]{0,8}一次|每隔多久|(?:频率|频次)(?:是|为)?(?:多少|多高|怎样|如何)"
)
_FREQUENCY = re.compile(
    r"每(?:年|季度?|月|周|日|天|半年|[两一二三四五六七八九十\d]+(?:年|个月|月|周|天|日))|年度|季度|月度|定期|每隔|按[年季月周]"
)
"""How often (多久公布一次) is answered by a period (每年, 每季度, 定期), not by the thing done
(依法向社会公布)."""


_EITHER_OR = re.compile(
    r"(?:是|按)?([^，。？?、是]{2,12}?)还是(?:按)?([^，。？?、]{2,12}?)(?:算|计算|呢)?[？?]"
)
_OPTION_FILLER = re.compile(r"^(?:按照?|是|在|由|以)|(?:算|计算|的|来定|为准)$")


def _no_option_named(q: Question, quotes: list[Candidate]) -> bool:
    """An either-or question (按上一年度算还是按近三年平均算) whose options are phrases of their own
    (four characters or more, not 高还是低 or 牵头还是配合, which a comparison or a role answers) and no
    quote names either: the plan states the rule without the detail asked."""
    text = q.text.replace(" ", "")
    m = _EITHER_OR.search(text)
    if not m:
        return False
    options = [_OPTION_FILLER.sub("", o) for o in m.groups()]
    if min(len(o) for o in options) < 4:
        return False
    rest = text.replace(m[0], "")
    words = [w for o in options for w in key_terms(o) if len(w) >= 2 and w not in rest]
    quoted = "".join(c.flat for c in quotes)
    return bool(words) and not any(mentions(quoted, w) for w in words)


def _another_city(q: Question, c: Candidate, passage: Passage) -> bool:
    """The sentence comes from the plan of a city the question does not name (深圳 asked, a 广州
    plan's 全市 figure quoted), or from a case study headed by one (广州 asked, a figure under
    "深圳市：构建创新体系…"), and its section, paragraph start and words name none of the asked
    cities. The Guangdong guide names no city in its title; its case studies name theirs in their
    headings, and its other sections are about the province, never "another city"."""
    return _about_unasked_place(cities, q, c, passage, lambda city: city)


def _another_district(q: Question, c: Candidate, passage: Passage) -> bool:
    """The sentence comes from a district's plan (花都区…规划) the question does not name, and its
    section, paragraph start and words name none of the asked districts: a figure in 花都's plan
    (占地2300亩的封闭测试场) does not measure 从化明珠智慧产业园."""
    return _about_unasked_place(districts, q, c, passage, lambda district: district[:-1])


def _about_unasked_place(
    places: Callable[[str], frozenset[str]],
    q: Question,
    c: Candidate,
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


_NOT_AN_AREA_NAME = re.compile(
    r"[哪各个几这那些每两三四五六]|^[按对给为由从向据照依]|(?:导则|规划|计划|指引|方案|文件)$"
)
"""Words before 片区 that count or point (各片区) or are the clause's preposition and document
(按导则片区自己要做哪些事) rather than an area's name."""


def _named_areas(question: str) -> list[str]:
    """The areas a question names (琶洲核心片区 → 琶洲, 试验区的南沙片区 → 南沙), not the ones it
    counts or asks for (各片区, 两个片区, 哪个片区) nor a rule's source (按导则片区)."""
    tails = [re.split(r"[的里在是和与及、]", m[1])[-1] for m in _AREA.finditer(question)]
    return [t for t in tails if len(t) >= 2 and not _NOT_AN_AREA_NAME.search(t)]


def _area_unstated(q: Question, quotes: list[Candidate]) -> bool:
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


def _another_series(q: Question, text: str) -> bool:
    """A quote that is one chart series (规上先进制造业增加值（亿元）2015年…) answers only for what its
    label measures: every word of the label must be asked (a question on 规模以上工业增加值 is not
    answered by the 先进制造业 series, though the series holds its year, unit and most words)."""
    series = whole_series(text)
    if series is None:
        return False
    return not answers(series, q.text, asked_years(q) or list(series.years[:1]))


def _city_swapped(q: Question, quotes: list[Candidate], passages: list[Passage]) -> bool:
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


def _district_figure_for_city(q: Question, quotes: list[Candidate], passages: list[Passage]) -> bool:
    """Whether a how-much question about the whole city (广州全市一共开放了多少公里) is answered only
    by a district plan's figures in sentences that do not say 全市: 9.4公里道路获批广州市首批…测试
    道路 in the Huadu plan is Huadu's, though it names the city's programme."""
    if "全市" not in q.text or districts(q.text):  # 花都…占广州全市的比重 asks about the district
        return False
    figures = [c for c in _in_unit(q, quotes) if states_figure(c.flat)]
    return bool(figures) and all(
        _DISTRICT_PLAN.search(passages[c.passage_index].title) and "全市" not in c.lead + c.flat
        for c in figures
    )


_DISTRICT_PLAN = re.compile(r"[\u4e00-\u9fff]{2}区")


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


_QUESTION_END = re.compile(r"[？?；;]+")


def _anchor_readings(q: Question) -> list[list[Question]]:
    """The ways the anchor check may be passed: by the whole question, or by each sub-question that
    names a year or place, read on its own ("…体制怎么改？到2025年…要达到什么程度？": the 2025
    sentence answers the second part, and the first part's words need not be in it), or, when it
    names several years, by each year read on its own: plans state a 2022 target and a 2025 target
    in sentences of their own, so "从2022年目标到2025年目标提高了多少" needs one quote per year."""
    questions = [p for p in _QUESTION_END.split(q.text) if len(p.strip()) >= 2]
    parts = [p for p in map(analyze, questions) if p.anchors] if len(questions) > 1 else []
    covers = parts and {a for p in parts for a in p.anchors} >= set(q.anchors)
    readings = [[q], parts] if covers else [[q]]
    years = list(dict.fromkeys(a for a in q.anchors if YEAR.fullmatch(a)))
    if len(years) > 1:
        readings.append([analyze(_without_years(q.text, [y for y in years if y != year])) for year in years])
    return readings


def _without_years(text: str, years: list[str]) -> str:
    return re.sub("|".join(rf"{y}年?" for y in years), "", text)


_COMPARED_PLACE = re.compile(COMPARED_WITH + r"[\u4e00-\u9fff]{1,6}?[区县市]")
"""A year or place a figure is compared with ("较2015年增加10.8亿元", "仅次于黄埔区"): it is the base,
not what the fact is about, unless the question itself asks for the comparison ("跟2015年比")."""


def _names(question: str, title: str, min_chars: int = 8) -> bool:
    """Whether the question names ``title`` (shares a run of ``min_chars`` characters with it)."""
    flat = question.replace(" ", "")
    return any(title[i : i + min_chars] in flat for i in range(1, max(2, len(title) - min_chars)))


_NOT_MEASURED = frozenset(
    "总数 数量 规模 强度 实际 比重 比例 水平 总量 金额 效果 幅度 速度 数目 差距 变化".split()
    + "全省 全市 全区 全国 全县 省内".split()
    + "计划 专门".split()
)
"""Words that say how a thing is measured (入库总数, 研发投入强度), over what scope (全市) or with
what intent (计划建成), not which thing; and 专门, an adverb jieba tags as a noun."""
_ASKING_NOUNS = frozenset("位置 程度 门槛 情况 方面 内容 要求 措施 作用 意义 安排 做法 举措 特点".split())
"""Nouns that name the kind of answer wanted ("定了个什么位置"), not the topic; never the focus word,
nor is a document's kind ("行动计划里怎么说"), which names where to look."""


def _in_unit(q: Question, quotes: list[Candidate]) -> list[Candidate]:
    """The quotes stating a quantity in the asked unit (all of them when the question names none)."""
    return [c for c in quotes if not q.unit or has_quantity(c.flat, q.unit)]


def _mentions(context: str, anchor: str) -> bool:
    """Plans write the province as 省 or 全省 once the document is about Guangdong, and the first
    batch as 首批 or 第一批."""
    return (
        anchor in context
        or (anchor.endswith("省") and "省" in context)
        or (anchor.startswith("首") and f"第一{anchor[1:]}" in context)
    )


_UNSTATED_SHARE = re.compile(r"一定(?:的)?比例")


_ASKS_WHICH_MORE = re.compile(r"(?:哪|谁)[^，。？?]{0,10}更(?:多|少|高|低|大|小|强|弱|快|好|领先|靠前)")


_COMPARATIVE = re.compile(r"高于|低于|超过|多于|少于|领先于|落后于|比[^，。；]{1,12}(?:多|少|高|低)")


_PARTICLES = "是要的了有在和与及"


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


def _part_stated(q: Question, quotes: list[Candidate]) -> bool:
    """For a question that gives a total and asks for a part of it ("567家入库企业里，做智能网联汽车的
    有多少家", "近1800万的奖补，这笔钱里汽车企业分到了多少"), whether a quote names the part (its
    longest word) beside a figure, in the asked unit, other than the total: plans give the total
    and rarely break it down, so the sentence restating the total (or a breakdown by another part)
    is a near miss. The part's sentence must also be about the total: hold its figure, or its
    longest word with the sentence's heading and paragraph start (规模以上工业企业761家 is no part of
    狮岭's 8800家皮具箱包企业), and about the district the question names (花都739家高新技术企业里
    属于数字经济的: the pilot zone's 新增人工智能与数字经济类型企业超过500家 is not 花都's)."""
    text = q.text.replace(" ", "")
    m = _TOTAL_THEN_PART.search(text)
    part = [t for t in key_terms(m.group(1)) if len(t) >= 2] if m else []
    if not m or not part:
        return True
    *before, total = re.split(r"[，,？?。]", text[: m.start(1)])
    total = total or (before[-1] if before else "")  # the total's clause may end in the comma
    figure = _NUMBER_AT.match(text, m.start())
    whole = [t for t in key_terms(total) if len(t) >= 2 and t not in part and not t[0].isdigit()]
    places = {d[:2] for d in districts(q.text)}
    return any(
        mentions(c.flat, part[0])
        and all(p in (c.header + c.lead + c.flat) for p in places)
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


def _own_brackets(text: str, question: str) -> str:
    """``text`` without the places in brackets inside the names of things the question does not ask
    about: 华为(南沙)人工智能创新中心 does not say where 鹏城国家实验室广州基地 is, while 广州（花都）临空
    数智云港 says where 临空数智云港 is."""

    def keep(m: re.Match[str]) -> str:
        return m[0] if text[m.end() : m.end() + 4] in question else m[0][0] + m[0][-1]

    return _BRACKETED_PLACE.sub(keep, text)


_BRACKETED_PLACE = re.compile(r"[（(][\u4e00-\u9fff]{2,4}[)）]")


def _names_org(text: str, question: str) -> bool:
    """Whether ``text`` names a body the question does not (its kind with the two characters before
    it: 东省实验室 is the question's own 广东省实验室)."""
    for m in _ORG.finditer(text):
        tail = text[max(0, m.start() - 2) : m.end()]
        if tail not in question and not tail.startswith(("等", "和", "、")):
            return True
    return False


def _only_targets(q: Question, quotes: list[Candidate]) -> bool:
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


def _stating(q: Question, quotes: list[Candidate]) -> list[Candidate]:
    """The quotes stating a figure in the asked unit other than the figures the question states."""
    rests = [(c, _without(q.text, c.flat)) for c in quotes]
    return [c for c, rest in rests if states_figure(rest) and (not q.unit or has_quantity(rest, q.unit))]


def _only_outcomes(q: Question, quotes: list[Candidate]) -> bool:
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


def _only_approximate(q: Question, quotes: list[Candidate]) -> bool:
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


def _share_unstated(q: Question, quotes: list[Candidate], in_unit: list[Candidate]) -> bool:
    """A question on a share (返还平台使用费的比例是多少) whose closest quote gives it as 一定比例, the
    plans' way of leaving it open: a percentage in another sentence (协同效率提升40%) is not it."""
    vague = [c for c in quotes if _UNSTATED_SHARE.search(c.flat)]
    if not vague:
        return False
    best_vague = max(coverage(q.terms, c.context) for c in vague)
    return all(coverage(q.terms, c.context) <= best_vague for c in in_unit if c not in vague)


def _comparison_unstated(q: Question, quotes: list[Candidate]) -> bool:
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


def _share_of_another(q: Question, quotes: list[Candidate]) -> bool:
    """Whether a question asking what share X takes of something (工业增加值占全区GDP的比重) is
    answered only by shares other things take of it: no quote states a figure with X's measure
    (增加值) before 占 (R&D经费占GDP比重达到2.34% is another measure's share of GDP)."""
    asked = _SHARE_OF.search(q.text.replace(" ", ""))
    if not asked:
        return False
    words = [w for w in key_terms(asked[1]) if len(w) >= 2 and not YEAR.search(w)]
    if not words:
        return False
    whose = re.compile(re.escape(words[0]) + r"[^。；;]{0,20}?占[^。；;]{0,30}?\d")
    return not any(whose.search(c.flat) for c in quotes)


def _others_unlisted(q: Question, quotes: list[Candidate]) -> bool:
    """Whether a question asking for the rest of a list (除了市场监管、税务、公安，另外3个是哪些) gets
    only the sentence listing what it already names and then 等 (打通市场监管、税务、公安等6部门):
    the plan does not name the others."""
    asked = _EXCEPT.search(q.text)
    if not asked:
        return False
    named = [i for i in re.split(r"[、，,和及与]", asked[1]) if len(i) >= 2]
    holding = [c.flat for c in quotes if named and all(i in c.flat for i in named)]
    return bool(holding) and all(
        text[max(text.find(i) + len(i) for i in named) :].startswith("等") for text in holding
    )


_EXCEPT = re.compile(
    r"除(?:了|去)?([^，,。？?]{2,40}?)(?:以外|之外|外)?[，,][^。？?]*(?:另外|其他|其余|剩下)"
)


_SHARE_OF = re.compile(
    r"([\u4e00-\u9fffA-Za-z&]{2,10}?)占[^，。？?]{1,12}?(?:的)?(?:比重|比例|份额|百分之几|百分之多少|百分比)"
)


def _blanked(q: Question, quotes: list[Candidate]) -> bool:
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


_ASKS_ROAD = re.compile(
    r"哪(?:几|些|一)?条(?:高速)?(?:道路|路段|路|街道|街|公路)|哪些(?:高速)?(?:道路|路段|街道)|什么路段"
)
_ROAD_NAME = re.compile(
    r"[\u4e00-\u9fff]{2,8}?(?:大道|大街|公路|(?<![道思出线网门套活进之一])路|街)(?![网线径由口灯侧况面演费段协程上])"
)
"""Which roads (9.4公里测试道路具体是哪几条路, 智慧灯杆装在哪几条道路, 哪几条高速路段): a quote naming
one (迎宾大道, 凤凰北路), not a length of road or a road-side programme (10公里智能路侧改造, 车路协同),
nor a road the question already names (建设智慧高速公路)."""


def _unnamed(q: Question, chosen: list[Candidate], quoted: str) -> str:
    """What a question asking which firm, district or city, person or body lacks when no quote names
    one (not one the question itself names), or an award it names that no quote does; "" if none."""
    if _ASKS_FIRM.search(q.text) and not any(_NAMES_FIRM.search(c.flat) for c in chosen):
        return "firm"
    asked_place = _ASKS_PLACE_NAME.search(q.text)
    if asked_place and not any(
        p[:2] not in q.text for c in chosen for p in _places(_own_brackets(c.flat, q.text), asked_place[1])
    ):
        return "district" if asked_place[1] in "区县镇" else "city"
    if _ASKS_ONE_PERSON.search(q.text) or (_ASKS_PERSON.search(q.text) and not _ASKS_UNIT_WHO.search(q.text)):
        asker = set(person_names(q.text))
        if not any(set(person_names(c.flat)) - asker for c in chosen):
            return "person"
    if _ASKS_ORG.search(q.text) and not any(
        _names_org(c.flat, q.text) or _NAMES_FIRM.search(c.flat) for c in chosen
    ):
        return "body"
    if _ASKS_ROAD.search(q.text) and not any(
        m[0][-4:] not in q.text for c in chosen for m in _ROAD_NAME.finditer(c.flat)
    ):
        return "road"
    awarded = [head_noun(title) for title in _AWARDED.findall(q.text)]
    return "award" if any(head and not mentions(quoted, head) for head in awarded) else ""


_SITE = re.compile(r"([\u4e00-\u9fffA-Za-z0-9+\-]{2,16}?)(?:产业园|园区|(?<!入)园|项目|基地|集聚区)")
_NOT_A_SITE_NAME = re.compile(
    r"^(?:重点|示范|这个|那个|该|各|本|产业|建设|新建|在建|签约|招商)$|[几多少哪]|(?:示范|试点|标杆|重点|龙头)$"
)
"""A kind of site, not a named one (5G应用示范园区, 5G示范项目: a question counting or summing them)."""
_COUNTING = re.compile(r"(?:多少|几)[个家项座]$")
_SITE_PLACE = re.compile(r"^(?:广东省?|广州市?|花都区?|[\u4e00-\u9fff]{2}[市区县])")


def _named_sites(question: str) -> list[tuple[str, ...]]:
    """The parks, projects and bases a question names (花都数字文化创意园 → 花都数字文化创意 or
    数字文化创意, 京东亚洲一号项目 → 京东亚洲一号), each as the ways a plan may write its name (with or
    without the place opening it; 花都湖 is a name), not ones it counts (多少个5G应用示范园区) or a kind
    of site (5G示范项目), nor a verb's object (报送一次项目情况)."""
    names = []
    for m in _SITE.finditer(question.replace(" ", "")):
        name = re.split(r"[的里在是和与及、，,“”那这个]", m[1])[-1]
        bare = _SITE_PLACE.sub("", name)
        words = jieba.posseg.lcut(name)
        counted = _COUNTING.search(m[1][: len(m[1]) - len(name)]) is not None
        if len(name) >= 2 and not _NOT_A_SITE_NAME.search(name) and words[0].flag != "v" and not counted:
            names.append(tuple(dict.fromkeys((name, bare))) if len(bare) >= 2 else (name,))
    return names


def _site_unstated(q: Question, in_unit: list[Candidate]) -> bool:
    """A how-much question on a park, project or base it names (花都数字文化创意园规划占地多大, 京东亚洲一号
    项目总投资多少) whose figures come only from sentences not naming it: the plans list such sites by
    name and give the figures of others (试验区总面积约81平方公里, 5G基站总投资超过300亿元)."""
    sites = _named_sites(q.text)
    return bool(sites) and not any(mentions(c.context, n) for c in in_unit for s in sites for n in s)


_N = r"(\d{1,2}|[一两二三四五六七八九十]{1,3})[个家项条类种样块大]"
_ASKS_WHICH_N = re.compile(
    rf"具体[^，。？?]{{0,4}}哪{_N}|名单是?哪{_N}|{_N}[^，。？?]{{0,12}}?(?:分别叫什么|名称|名单)"
)
"""Which N exactly, or N things by name (这17个园区分别叫什么, 完整名单是哪十个, 4个…名称); not 分哪三个
层级 or 三个创建分别是什么, whose items the plans often give one per sentence or in the next passage."""


def _too_few_listed(q: Question, quotes: list[Candidate], passages: list[Passage]) -> bool:
    """Which N exactly (那10家龙头骨干企业具体是哪10家, 具体是哪十一个) where no quote's paragraph lists
    that many (in one sentence, split by 、 or ；, or one per line): the plan counts them and names a
    few other things beside the count (汽车、智能装备、音响制造、化妆品等行业). The quote and the
    sentence after it are read, and the short lines after it, since a count often closes the
    sentence before its items; a later sentence of the paragraph lists other things."""
    m = _ASKS_WHICH_N.search(q.text.replace(" ", ""))
    if not m:
        return False
    n = numeral_value(next(g for g in m.groups() if g))
    if n < 3:
        return False
    most = 0
    for c in quotes:
        passage = passages[c.passage_index]
        lines = passage.text[c.start - passage.start :].split("\n")[: n + 1]
        after = re.split(r"[。！？\n]", passage.text[c.end - passage.start :].lstrip("。！？ \n"))[0]
        items = max(_items(s) for s in [*re.split(r"[。！？\n]", c.text), after])
        most = max(most, items, _short_lines(lines[1:]))
    return most < n


def _short_lines(lines: list[str], longest: int = 40) -> int:
    """How many list items stand one per line: the short lines up to the first long one (a
    paragraph), so a heading or two before a case's next paragraph (二、主要做法) lists nothing."""
    count = 0
    for line in (line.strip() for line in lines):
        if len(line) > longest:
            break
        count += bool(line)
    return count


def _items(sentence: str) -> int:
    """How many items a sentence lists: A、B、C, A；B, and a last one joined by 和 (A、B和C)."""
    parts = re.split(r"[、；;]", sentence)
    return len(parts) + (len(parts) > 1 and re.search(r"[和及与]", parts[-1]) is not None)
