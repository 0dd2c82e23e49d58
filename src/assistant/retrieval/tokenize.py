"""Chinese word tokens for BM25 and for measuring how much of a question a passage covers."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import jieba
import jieba.posseg

jieba.setLogLevel(logging.WARNING)

DOMAIN_WORDS = (
    "数字经济",
    "数字产业化",
    "产业数字化",
    "工业互联网",
    "智能网联",
    "先进制造业",
    "战略性新兴产业",
    "高新技术企业",
    "新型基础设施",
    "数字政府",
    "数据要素",
    # technologies the Guangdong guide's glossary defines, which jieba cuts apart or glues to the
    # word before (对云 / 计算, 对物 / 联网, 对类 / 脑)
    "云计算",
    "区块链",
    "物联网",
    "云制造",
    "边缘计算",
    "类脑计算",
    "量子计算",
    "数字孪生",
    "众包众创",
    "射频识别",
    "柔性制造",
    "协同制造",
    "协同设计",
    "千兆光网",
)
"""Compounds the plans are written in that jieba's general dictionary splits (数字 / 经济): as one
word each, a question about 数字经济增加值 is not matched by a sentence about 工业增加值 and 经济."""
for _word in DOMAIN_WORDS:
    jieba.add_word(_word)

_DISTRICTS = {
    "广州": "越秀区 海珠区 荔湾区 天河区 白云区 黄埔区 番禺区 花都区 南沙区 从化区 增城区".split(),
    "深圳": "福田区 罗湖区 南山区 盐田区 宝安区 龙岗区 龙华区 坪山区 光明区".split(),
}
_CITIES = (
    *"广州市 深圳市 珠海市 汕头市 佛山市 韶关市 河源市 梅州市 惠州市 汕尾市 东莞市".split(),
    *"中山市 江门市 阳江市 湛江市 茂名市 肇庆市 清远市 潮州市 揭阳市 云浮市".split(),
)
PLACES = (*(d for districts in _DISTRICTS.values() for d in districts), *_CITIES)
"""Guangzhou's and Shenzhen's districts and Guangdong's cities, tagged as places: jieba's dictionary
cuts some of them (增 / 城区, 从 / 化区), and a district it does not tag is no anchor, so a question
about 增城区 was answered from another district's passage."""
for _place in PLACES:
    jieba.add_word(_place, tag="ns")

_WORD = re.compile(r"[\w\u4e00-\u9fff]")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]{2,}")
STOPWORDS = frozenset(
    "的 了 和 与 及 或 等 是 在 为 对 有 中 上 下 以 于 将 把 被 从 到 由 其 这 那 "
    "这些 那些 什么 哪些 哪个 哪里 "
    "多少 几 吗 呢 吧 啊 呀 么 怎么 怎样 如何 是否 一下 一些 请问 请 我 我们 你 你们 他们 它 "
    "想 了解 知道 告诉 问 关于 方面 情况 具体 主要 相关 哪 个 要 会 能 可以 还 也 都 就 而 并 "
    "之 所 着 过 给 让 说 又 该 啥 多 大 提出 提到 文件 规定 里 里面 一个".split()
)


@lru_cache(maxsize=4096)
def _cut(text: str) -> tuple[str, ...]:
    return tuple(jieba.lcut_for_search(text))


def tokenize(text: str) -> list[str]:
    """Search-mode jieba words plus CJK character bigrams, lower-cased, without stopwords.

    Words give precise matches; bigrams catch paraphrases jieba segments differently (规上/规模以上,
    智能网联/网联汽车). On the eval set the union beat either alone, for BM25 and after fusion.
    """
    words = [tok.strip().lower() for tok in _cut(text)]
    return [t for t in words if t and _WORD.search(t) and t not in STOPWORDS] + cjk_bigrams(text)


def query_tokens(query: str) -> list[str]:
    """BM25 tokens of a question: its words in their other forms too, but not the counts the asker
    writes (三个, 六个): plans announce such lists as 三大 / 三园, so a passage that happens to say
    三个 matched them and outranked the list (the count is ``CountCueBoost``'s cue instead)."""
    return tokenize(with_aliases(_ASKED_COUNT.sub("，", query)))


_ASKED_COUNT = re.compile(r"[一二三四五六七八九十两]+[个项条类种]")


def cjk_bigrams(text: str) -> list[str]:
    out: list[str] = []
    for run in _CJK_RUN.findall(text):
        out.extend(b for b in (run[i : i + 2] for i in range(len(run) - 1)) if b not in STOPWORDS)
    return out


def key_terms(text: str) -> list[str]:
    """Distinct content words of a question, longest first, ties in question order (deterministic:
    the first of them is the question's focus word for the refusal check)."""
    words = list(dict.fromkeys(t for t in _words(text) if _content(t)))
    return sorted(words, key=len, reverse=True)


def phrases(text: str) -> list[str]:
    """Adjacent pairs of content words as the question writes them (招商 + 方式 → 招商方式): a sentence
    holding the pair verbatim says what the question says, one holding the words apart may not."""
    tokens = _words(text)
    pairs = (a + b for a, b in zip(tokens, tokens[1:], strict=False) if _content(a) and _content(b))
    return list(dict.fromkeys(p for p in pairs if len(p) >= 4))


def _words(text: str) -> list[str]:
    return [tok.strip().lower() for tok in jieba.lcut(text)]


def _content(word: str) -> bool:
    return bool(_WORD.search(word)) and word not in STOPWORDS


def person_names(text: str) -> list[str]:
    """People's names jieba tags in ``text`` (塔普斯科特): plans seldom name anyone, so a question
    asking who holds a post is a near miss unless a quote does."""
    return [w.word for w in jieba.posseg.lcut(text) if w.flag.startswith("nr") and len(w.word) >= 2]


def place_names(text: str) -> list[str]:
    """Named districts, cities and provinces in ``text`` (花都区, 深圳市): a question about a place the
    documents never mention must not be answered from another place's figures."""
    return [
        w.word
        for w in jieba.posseg.lcut(text)
        if len(w.word) >= 3
        and w.word[-1] in "区县市省镇"
        and w.flag in ("ns", "nr", "nz", "nt")
        and not w.word.endswith(_ZONE_KINDS)
        and not any(ch in w.word for ch in "园廊")
    ]


def compared_places(text: str) -> list[str]:
    """Places jieba tags in ``text``, short names included (广州, 花都, 番禺), as a question comparing
    two of them names them; generic place words (城市, 全国) are not places."""
    return [
        w.word
        for w in jieba.posseg.lcut(text)
        if w.flag == "ns" and len(w.word) >= 2 and w.word not in _GENERIC_PLACES
    ]


_GENERIC_PLACES = frozenset({"城市", "地区", "区域", "全国", "全省", "全市", "全区", "国家", "国内", "国际"})


def head_noun(phrase: str) -> str:
    """The noun a counted phrase ends on (5G应用领域的创新型企业 → 企业 or 创新型企业, as jieba cuts
    it): read through nouns, modifiers and 的, stop at the first verb or particle, which starts
    what is said of the thing counted (龙头企业完成改造). "" when no noun of two characters leads."""
    head = ""
    for w in jieba.posseg.lcut(phrase):
        if w.flag.startswith("n") or w.flag in ("vn", "eng", "l"):
            head = w.word
        elif w.word != "的" and w.flag not in ("a", "b", "m", "x"):
            break
    return head if len(head) >= 2 else ""


@lru_cache(maxsize=4096)
def districts(text: str) -> frozenset[str]:
    """The districts ``text`` names, by bare name (花都) or in full (花都区)."""
    return frozenset(d for ds in _DISTRICTS.values() for d in ds if d[:-1] in text)


@lru_cache(maxsize=4096)
def cities(text: str) -> frozenset[str]:
    """The cities ``text`` is about, by bare name (深圳, 惠州) or through a district (花都 → 广州).
    Cached: the answerer and two boosts read the same question, titles and sections many times."""
    named = {city[:-1] for city in _CITIES if city[:-1] in text}
    in_text = districts(text)
    named |= {city for city, city_districts in _DISTRICTS.items() if in_text & set(city_districts)}
    return frozenset(named)


_ZONE_KINDS = (
    *("高新区", "开发区", "试验区", "示范区", "先导区"),
    *("集聚区", "合作区", "功能区", "保税区", "片区", "新区"),
)
"""Kinds of zone jieba tags as place names (高新区): every city has one, so a sentence about "园区"
under a heading naming 肇庆高新区 need not repeat the kind to answer for it."""


_ALIAS_GROUPS: tuple[tuple[str, ...], ...] = (
    ("规模以上", "规上"),
    ("技术改造", "技改"),
    ("高新技术企业", "高企"),
    ("研发", "r&d"),
    ("人工智能", "ai"),
    ("地区生产总值", "gdp"),
    ("粤港澳大湾区", "大湾区"),
    ("新型基础设施", "新基建"),
    ("发展改革委", "发改委"),
    ("工业和信息化局", "工信局"),
    ("工业和信息化厅", "工信厅"),
    ("工业和信息化部", "工信部"),
    ("政务服务数据管理局", "政数局"),
    ("知识产权", "知产"),
)
"""Standard short forms of policy Chinese: plans write 规上, 技改, R&D where a reader asks 规模以上,
技术改造, 研发 (and the other way round); jieba's bigrams cannot bridge them."""
_SAME_MEANING: tuple[tuple[str, ...], ...] = (("增长", "增速"), ("获奖", "荣获"))
"""Words one plan writes for another's (年均增长 / 年均增速, 获奖 / 荣获) that the answerer matches as
one; kept out of BM25's query expansion, where only the abbreviations above were measured."""
_ALIASES = {form: group for group in (*_ALIAS_GROUPS, *_SAME_MEANING) for form in group}


def aliases(term: str) -> tuple[str, ...]:
    """The other forms of ``term`` (lower-case), empty when it has none. An industry is named by
    its sector as often (汽车产业 in one plan, the statistics' 汽车制造业 in the other)."""
    low = term.lower()
    industry = _INDUSTRY.fullmatch(low)
    if industry:
        return (industry[1] + ("制造业" if industry[2] == "产业" else "产业"),)
    return tuple(f for f in _ALIASES.get(low, ()) if f != low)


_INDUSTRY = re.compile(r"(.{2,})(产业|制造业)")


def with_aliases(text: str) -> str:
    """``text`` followed by the other forms of the short or long forms it uses, for query expansion."""
    low = text.lower()
    extra = [f for group in _ALIAS_GROUPS if any(g in low for g in group) for f in group if f not in low]
    return f"{text} {' '.join(extra)}" if extra else text


def mentions(text: str, term: str) -> bool:
    """Whether ``text`` holds ``term`` or one of its other forms (case-insensitive)."""
    return _holds(text.lower(), term)


def _holds(low: str, term: str) -> bool:
    return term in low or any(a in low for a in aliases(term))


def coverage(terms: list[str], text: str, by_pairs: bool = False) -> float:
    """Length-weighted share of ``terms`` present in ``text``, in any of their forms (0 when there
    are no terms). ``by_pairs``: a term of three or more characters that ``text`` does not hold
    whole counts for the share of its character pairs it holds (管理体制 in 建设管理新体制: 2 of 3)."""
    total = sum(len(t) for t in terms)
    if not total:
        return 0.0
    low = text.lower()
    got = 0.0
    for t in terms:
        if _holds(low, t):
            got += len(t)
        elif by_pairs and len(t) >= 3:
            pairs = [t[i : i + 2] for i in range(len(t) - 1)]
            got += len(t) * sum(p in low for p in pairs) / len(pairs)
    return got / total
