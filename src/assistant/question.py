"""What a question asks for: its key terms, anchors (years, places) and the kind of fact wanted.

Shared by retrieval (boosting passages that state the asked-for quantity) and by the extractive
answerer (choosing sentences, and refusing when the evidence lacks an anchor or the quantity).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from assistant.retrieval.tokenize import head_noun, key_terms, phrases, place_names

_NUMBER = re.compile(r"\d+(?:\.\d+)?")
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_ASKS_NUMBER = re.compile(
    r"多少|几|多大|多高|多长|比例|比重|占比|增速|增长|规模|目标|数量|金额|面积|产值|增加值|总额|人数"
)
_NOT_WHICH = r"(?<![哪第])"
"""Before 几 or 多少: 哪几 asks which ones and 第几 for an ordinal (第几次会议), not for an amount."""
_HOW_MUCH = r"多少|多大|多高|多长|百分之几"
"""How a question asks for an amount, whose answer states a figure."""
_ASKS_HOW_MUCH = re.compile(_HOW_MUCH)
_KEYWORDS = re.compile(r"\s*[^\s，,。？?]+(?:\s+[^\s，,。？?]+)+\s*")
_MEASURE_LAST = re.compile(
    r"(?:增加值|产值|营收|收入|投资|投资额|金额|税收|面积|数量|人数|占比|比重|增速)\s*$"
)
"""A keyword query ending on a measure (花都 2019年 规上装备制造业增加值, …项目 总投资) asks for its
figure as "是多少" would; one ending on anything else (…项目, …目标) asks for the passage."""
_ASKS_AMOUNT = re.compile(_HOW_MUCH + rf"|{_NOT_WHICH}几(?!个方面)")
"""An amount or a count: "几大/几方" count in Chinese numerals (八大集群, 三方合作)."""
_ASKS_IDENTIFIER = re.compile(r"(?:文号|编号|号码|电话|代码|邮编|账号)[是为又都]{0,3}(?:多少|几)")
"""文号是多少 asks for a document's number (国发〔2017〕35号), an identifier rather than an amount."""
_FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(?!\s)(.?)")
_UNIT_CHARS = "万亿千百个家项座所条台件次处人户元倍辆吨艘架根张套栋颗枚公平%％场"
_ASKING_PHRASE = re.compile(
    r"哪几[个项条家种类]?|多少倍|多长时间|多少|多大|多高|多长|多久|几[个家项年次座所条台件处人户倍辆种类]"
    r"|有没有|是不是|能不能|各自|分别|到底|大概|大约|一共|总共"
)
"""How a question asks ("建多大规模", "有几家", and the asker's 各自, 到底, 大概), cut out before taking
its terms: jieba glues it to the next word ("建多" + "大规模"), a term no evidence can hold only
lowers coverage, and a rare one (各自) would become the focus word no sentence holds."""
ASKS_DATE = re.compile(r"什么时候|何时|日期|哪一天|哪天|几月|几号")
ASKS_DAY = re.compile(r"几号|几日|哪一?天")
DAY = re.compile(r"\d{1,2}\s*[日号]")
"""A day of the month (4月几号, 哪一天印发): "2020年4月" gives the month, not the day asked."""
DATE = re.compile(r"\d{4}\s*年\s*(?:\d{1,2}\s*月|底|初|末|上半年|下半年)|\d{1,2}\s*月\s*\d{1,2}\s*日")
"""A date, not only a year: "到2023年" is a plan's horizon and does not say when something happens."""
ASKS_YEAR = re.compile(r"哪[一几]?年|哪个年份|什么年份|何年")
"""A year (哪一年签约, 目标年份是哪几年): the quotes must name one."""
ASKS_DOCUMENT_NUMBER = re.compile(r"文号|发文字号")
DOCUMENT_NUMBER = re.compile(r"〔\s*\d{4}\s*〕\s*\d+\s*号")
"""A document's number (粤府函〔2021〕151号), what "文号是多少" asks for."""
_ASKS_RANK = re.compile(r"第几|排名(?:如何|怎么样|怎样|多少)|名次|位次")
RANK = re.compile(
    r"第\s*[一二三四五六七八九十\d]{1,3}\s*(?:名|位)?|首位|榜首|居首|前\s*[一二三四五六七八九十\d]{1,3}\s*[名位强]"
)
"""A place in a ranking (全市第二, 居全省首位, 全国前10强): what "排第几" asks for. 第N届/批 editions
count too, but a rank question about an edition is rare."""
_ASKS_LIST = re.compile(r"哪些|哪几|包括|包含|有什么|列举|分别|都有|都是")
_ASKS_DEFINITION = re.compile(r"什么是|是什么|是个什么|什么意思|指什么|是啥|含义|定义|界定|概念|内涵")
_ASKS_PLACE = re.compile(r"哪里|哪儿|在哪|位于|布局|格局|分布|片区|选址|空间")
_COMPARES = re.compile(r"分别|各自|两份|两个文件|对比|比较|一样吗|一致吗|不同|区别|相比|说法")
_ASKS_ROLE = re.compile(r"(?:定位|当作|当成|作为|视为)(?:成|为|是)?(?:什么|啥|哪)")
_ASKED_UNIT = re.compile(
    rf"{_NOT_WHICH}(?:多少|几)\s*[万亿千百]?\s*(平方公里|公里|亿元|万元|元|万亿元|兆瓦|千瓦|[个项座所条台件次处家人户倍辆吨钱艘架根张套栋颗枚瓦折册笔篇场])|百分之(?:几|多少)"
    r"|(?:多少|多大|多高|什么)的?(比例|比重|占比|份额|权重)|(比例|比重|占比|份额|权重)[^，。？?]{0,4}?(?:是|为|有|达到)?(?:多少|多大|多高)"
)
_OWN_CLASSIFIERS = "座台件次条处所场"
"""Classifiers that name their kind of thing (多少台 asks for machines, 几座 for buildings or stations):
the figure must be in the same one, as for 艘 or 架. 个 and 项 count anything in the group below."""
_UNIT_GROUPS = ("个项座所条台件次处", "家", "人", "户", "元", "倍", "辆", "吨", "公里", "瓦")


@dataclass(frozen=True)
class Question:
    text: str
    terms: list[str]
    numbers: frozenset[str]
    anchors: list[str]  # years and named places the evidence must mention
    unit: str  # the unit group a how-many question asks for ("多少家" → "家"), or ""
    wants_number: bool
    asks_amount: bool  # 多少 / 几 / 多大: the answer must state a figure
    asks_how_much: bool  # 多少 / 多大, not 几: the answer states a figure in digits
    asks_date: bool  # 什么时候 / 日期: the answer must state a date, not only a year
    asks_year: bool  # 哪一年: the answer must name a year
    asks_rank: bool  # 排第几 / 名次: the answer must state a place in a ranking
    wants_list: bool
    wants_definition: bool
    wants_place: bool
    compares: bool
    asks_role: bool  # 定位成什么 / 当作什么: the role a plan gives a thing
    parts: tuple[str, ...] = ()  # the sub-questions of a question that asks several things
    counted: tuple[str, ...] = ()  # what a how-many question counts ("多少家药店" → 药店)
    phrases: tuple[str, ...] = ()  # adjacent content words as written (招商方式)


@lru_cache(maxsize=1024)
def analyze(text: str) -> Question:
    """Cached: retrieval's boosts and the answerer each read the same question (treat it as frozen)."""
    asked = _ASKING_PHRASE.sub("，", text)
    amounts = _ASKS_IDENTIFIER.sub("", text)
    return Question(
        text=text,
        terms=key_terms(asked),
        numbers=frozenset(_NUMBER.findall(text)),
        anchors=YEAR.findall(text) + ordinals(text) + place_names(text),
        unit=asked_unit(text),
        wants_number=bool(_ASKS_NUMBER.search(amounts)),
        asks_amount=bool(_ASKS_AMOUNT.search(amounts)),
        asks_how_much=bool(_ASKS_HOW_MUCH.search(amounts)) or asks_measure(text),
        asks_date=bool(ASKS_DATE.search(text)),
        asks_year=bool(ASKS_YEAR.search(text)),
        asks_rank=bool(_ASKS_RANK.search(text)),
        wants_list=bool(_ASKS_LIST.search(text)),
        wants_definition=bool(_ASKS_DEFINITION.search(text)),
        wants_place=bool(_ASKS_PLACE.search(text)),
        compares=bool(_COMPARES.search(text)),
        asks_role=bool(_ASKS_ROLE.search(text)),
        parts=split_parts(text),
        phrases=tuple(phrases(asked)),
        counted=counted_nouns(text),
    )


_ASKING = r"多少|几|哪|什么|怎么|谁|是否|有没有"
"""The words a clause asks with: a comma before a clause holding one starts a sub-question."""
_PART_END = re.compile(rf"[？?；;]+|[，,](?=[^，,？?]*(?:{_ASKING}))")
_CLAUSE_END = re.compile(r"[，,；;？?。]")
_ASKING_CLAUSE = re.compile(_ASKING)


_ORDINAL = re.compile(r"第\s*(\d+|[二三四五六七八九十]{1,3})\s*([届批次期])")


def ordinals(text: str) -> list[str]:
    """Which edition or batch the question means (第132届, 第3批, 第二期): a sentence about 第131届
    or 首期 does not answer it, as a 2021 figure does not answer a 2022 question. 第一批 is read
    as 首批, since plans write it either way. A project's phase without 第 (鹏城云脑三期) counts
    too: a sentence about 二期 does not answer it; 十三五期间 is no phase."""
    firsts = [f"首{kind}" for kind in _FIRST.findall(text)]
    return [f"第{n}{kind}" for n, kind in _ORDINAL.findall(text)] + firsts + _PHASE.findall(text)


_FIRST = re.compile(r"(?:首|第\s*一)\s*([届批期])")
"""The first batch or edition (首批, 第一批), written either way, is an anchor as 第3批 is: a
sentence on the pilots in general (以藏书院村、瑞岭村为试点) does not say which came first."""


_PHASE = re.compile(r"(?<![第\d一二三四五六七八九十])[二三四五六七八九]期")


def asking_clauses(text: str) -> str:
    """The clauses of a question that ask (深圳有多少家), without those stating what the asker
    knows (广州有21家国家重点实验室, 到2025年新增800家的目标)."""
    return "".join(p for p in _CLAUSE_END.split(text) if _ASKING_CLAUSE.search(p))


def measured_subject(text: str) -> str:
    """What a how-much question measures: the words before 多少 in the one clause asking it
    (其中实用新型专利申请有多少件 → 其中实用新型专利申请有); "" when no clause, or more than one,
    asks how much."""
    asking = [m for m in map(_ASKS_HOW_MUCH.search, _CLAUSE_END.split(text)) if m]
    return asking[0].string[: asking[0].start()] if len(asking) == 1 else ""


def asking_parts(q: Question) -> list[str]:
    """The sub-questions that ask (…是多少, 谁牵头), without the clauses that only say what the
    asker knows (花都那份规划拿荔湾区做过对比，…)."""
    return [part for part in q.parts if asking_clauses(part)]


def split_parts(text: str) -> tuple[str, ...]:
    """The sub-questions of "…是多少？排第几？" or "…由谁牵头，谁配合？"; empty for a single question."""
    parts = tuple(p.strip() for p in _PART_END.split(text) if len(p.strip()) >= 2)
    return parts if len(parts) > 1 else ()


_CN_FIGURE = re.compile(
    r"(?:[一二三四五六七八九两][十百千万亿]|[十百千])[一二三四五六七八九十百千万亿]*"
    r"(?:[余多]|(?=[家个项座所条台件次处人户倍辆吨]))"
)
"""A figure written in Chinese numerals ("八万余", "千余家"); "一批", "三大", "十四五" are not."""


def numbers_in(text: str) -> set[str]:
    """The figures of ``text``, in digits or in Chinese numerals."""
    return set(_NUMBER.findall(text)) | set(_CN_FIGURE.findall(text))


LIST_NUMBER = re.compile(r"^\s*(?:\d{1,2}\s*[.、．)）]|[（(]\s*\d{1,2}\s*[)）])(?!\d)\s*")
"""A list item's number (2.建设…, （3）…, 1）…), not a figure; never the start of a decimal (1.5亿元)."""


_TECH_NAME = re.compile(r"(?<![\d.])\d{1,2}(?:\.\d)?\s*[GKD](?![A-Za-z])")
"""A technology named by a number and a letter (5G, 4K, 3D, 2.5G): no figure, though 5G基站4000座 has one."""


def tech_names(text: str) -> set[str]:
    """The technologies a text names by a number and a letter (5G, 4K, 8K), spaces dropped."""
    return {m.replace(" ", "").upper() for m in _TECH_NAME.findall(text)}


def states_figure(text: str) -> bool:
    """Whether ``text`` gives a figure other than a year (``缴纳税收*亿元`` with its figure blanked
    out in the source gives none), nor a list number ("2.建设绿色数据中心") or a technology's name
    (5G)."""
    for match in _FIGURE.finditer(_TECH_NAME.sub("", LIST_NUMBER.sub("", text))):
        number, after = match.groups()
        if YEAR.fullmatch(number) is None or after in _UNIT_CHARS and after:
            return True
    return _CN_FIGURE.search(text) is not None


_MEASURE_UNIT = (  # (what a how-much question measures, the unit its answer must state)
    (re.compile(r"(?:投资|资金|补贴|补助|奖补|奖励|经费|多少钱)"), "金额"),
    (re.compile(r"(?:面积|占地(?!区))"), "面积"),
    (re.compile(r"[\u4e00-\u9fff](?<![效功频概汇速])率(?![先领])"), "%"),  # 覆盖率, 准确率, 税率; not 效率
)


_ASKS_CHANGE = re.compile(r"增长|增速|增幅|提高|提升|下降|减少|占(?!地(?!区))|比重|比例")


def asks_measure(question: str) -> bool:
    """A keyword query (words split by spaces, no asking word) whose last word is a measure."""
    return (
        _KEYWORDS.fullmatch(question) is not None
        and _ASKING_CLAUSE.search(question) is None
        and _MEASURE_LAST.search(question) is not None
    )


_ASKS_QUANTIFIED = re.compile(r"量化|定量|具体数值")


def _measure_unit(question: str) -> str:
    """The unit a how-much (sub-)question implies by what it measures when it names none: a sum
    for 投资/补助资金 (``金额``: yuan, or a share of a sum), an area for 面积, a percentage for a rate
    (覆盖率, 准确率, 税率; not 效率 or 功率); "" for a change or a share (投资增长多少), which is a
    rate whatever it measures. A quantified requirement on a measure (覆盖率有什么量化要求) asks
    for its figure as much as 多少 does."""
    for part in split_parts(question) or (question,):
        asks = _ASKS_HOW_MUCH.search(part) or _ASKS_QUANTIFIED.search(part) or asks_measure(part)
        if not asks or _ASKS_CHANGE.search(part):
            continue
        for nouns, unit in _MEASURE_UNIT:
            if nouns.search(part):
                return unit
    return ""


def asked_unit(question: str) -> str:
    """The unit group the question's figure must be in. A count the question itself gives before
    asking ("5G的几个关键性能指标：…分别是多少") names what it lists, not what it asks."""
    match = next((m for m in _ASKED_UNIT.finditer(question) if not _introduces_a_list(question, m)), None)
    if not match:
        return _measure_unit(question)
    if match.group(0).startswith("百分之") or match.group(2) or match.group(3):
        return "%"
    unit = "元" if match.group(1) == "钱" else match.group(1)
    if unit in _OWN_CLASSIFIERS:
        return unit
    return next((g for g in _UNIT_GROUPS if unit[-1] in g or unit in g), unit)


_COUNTED = re.compile(rf"{_NOT_WHICH}(?:多少|几)\s*[家个项件座所名位台条款部类种处户]")
_COUNTED_PHRASE_END = re.compile(r"[？?，,。；;、]|和|及|与|完成|要|是")


def counted_nouns(question: str) -> tuple[str, ...]:
    """The nouns a how-many question counts ("接进来多少家药店" → 药店, "覆盖多少个学科" → 学科): a
    figure of 学校 and 食堂 does not answer a count of 药店. A count the question gives before
    asking (几个关键性能指标：…分别是多少) names what it lists, not what it counts."""
    nouns = []
    for match in _COUNTED.finditer(question):
        if _introduces_a_list(question, match):
            continue
        noun = head_noun(_COUNTED_PHRASE_END.split(question[match.end() :], maxsplit=1)[0])
        if noun:
            nouns.append(noun)
    return tuple(nouns)


def _introduces_a_list(question: str, match: re.Match[str]) -> bool:
    """几 before a noun the question goes on to ask about: 几个关键性能指标：…分别是多少, or
    举了几个国家的例子，其中英国和法国…, where 几个 says "several" and asks no count."""
    rest = re.split(r"[？?]", question[match.end() :], maxsplit=1)[0]
    counts_a_noun = re.match(r"[\u4e00-\u9fff]", rest) is not None  # 几个关键性能指标, not 有几个、
    goes_on = _ASKS_HOW_MUCH.search(rest) is not None or re.search(r"[，,]\s*其中", rest) is not None
    return match.group(0).startswith("几") and counts_a_noun and goes_on


def has_quantity(text: str, unit: str) -> bool:
    """Whether ``text`` states a figure in ``unit`` (2986 座, 300 万户, 3.5%, 20 亿元, 560（预估数）家)."""
    if unit == "金额":  # a sum, or a share of one (按投资额的30%给予补助)
        return has_quantity(text, "元") or has_quantity(text, "%")
    if unit == "面积":
        return (
            re.search(r"\d\s*[万千百]?\s*(?:平方公里|平方千米|平方米|亩|公顷|km²|km2|m²|㎡)", text)
            is not None
        )
    if unit == "公里":
        return re.search(r"\d\s*(?:平方)?公里", text) is not None
    if unit == "折":  # a discount: 按市场价的七折, 8折; not 折合, 折算, 折股
        return re.search(r"[\d一二三四五六七八九]\s*折(?![合算股旧])", text) is not None
    if unit == "瓦":  # power: 250万千瓦, 100兆瓦, 50MW
        return re.search(r"\d\s*(?:[万亿千百兆]*\s*瓦|[kKMG][Ww])", text) is not None
    if unit == "%" and re.search(r"\d\s*[:：∶]\s*\d|[一二三四五六七八九]成(?![本果为员立功熟])", text):
        return True  # a ratio (按1:1比例配套) or tenths (七成) is a share too
    chars = "%％" if unit == "%" else unit
    if unit == "元" and re.search(r"[万亿]元\s*\d", text):  # a flattened table row: 工业投资5年累计亿元80.34
        return True
    series_unit = rf"[（(][^（）()]{{0,4}}[{re.escape(chars)}][)）]\s*(?:(?:19|20)\d{{2}}年\s*){{3,}}\d"
    if re.search(series_unit, text):  # a flattened chart: 高新技术企业数量（家）2015年…2020年 117 269…
        return True
    return (
        re.search(rf"\d[\d.]*\s*(?:（[^）]{{0,6}}）)?\s*[万亿千百余多]*\s*[{re.escape(chars)}]", text)
        is not None
    )
