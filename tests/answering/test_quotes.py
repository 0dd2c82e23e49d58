from __future__ import annotations

from dataclasses import replace

from assistant.answering.candidates import Candidate, sentence_candidates
from assistant.answering.quotes import _closing_cell, _items_announced, _without_repeats, complete_quotes
from assistant.question import analyze
from assistant.types import Passage


def test_a_plans_bracketed_units_close_its_task() -> None:
    task = (
        "1.强化关键核心技术攻关。组织重大科技专项攻关，重点在专业芯片设计等核心领域取得一批攻关成果。"
        "充分利用制造、交通等领域数据信息，开展数据智能学习技术等攻关。"
    )
    units = "（牵头单位：市科技局，配合单位：市发展改革委、市政务服务数据管理局）\n2.构建开放协同创新平台体系"
    tail = task[task.index("充分利用") :] + units
    ps = [
        Passage(task, "ai", "广州市人工智能产业链行动计划", "（二）强化创新", 0.9, 0, len(task)),
        Passage(
            tail,
            "ai",
            "广州市人工智能产业链行动计划",
            "（二）强化创新",
            0.5,
            len(task) - len(tail) + len(units),
            len(task) + len(units),
        ),
    ]
    cell = _closing_cell(0, len(task), ps)
    assert cell is not None and cell.passage_index == 1 and cell.text.startswith("（牵头单位：市科技局")


def test_a_count_closing_its_sentence_announces_that_many_items() -> None:
    assert _items_announced("实施数字农业“三个创建”。") == 3
    assert _items_announced("以“四个出新出彩”引领各项工作全面出新出彩。") == 0
    assert _items_announced("重点建设琶洲、鱼珠、金融城三个片区。") == 0  # it names them


def test_a_quote_runs_on_to_the_end_of_its_sentence_and_no_further() -> None:
    text = "花都区加快建设智能网联汽车测试场，推动车路协同示范应用；引进自动驾驶企业10家。另起一句无关内容。"
    ps = [Passage(text, "hd", "花都区数字经济规划", "五、主要任务", 0.9, 0, len(text))]
    q = analyze("花都智能网联汽车测试场建设情况如何？")
    first = min(sentence_candidates(q, ps, frozenset(), 400), key=lambda c: c.start)
    comma = text.index("，") + 1
    clause = replace(first, start=0, end=comma, text=text[:comma])
    quotes = complete_quotes(q, [clause], list(ps), 400, None)
    assert [c.text for c in quotes] == [text[: text.index("另起")]]


def test_a_quote_another_quote_holds_whole_is_not_cited_twice() -> None:
    text = "产业数字化融合创新速度有待提高。花都区传统制造企业“触网”率虽然已达到 90%。"
    pool = [Passage(text, "hd", "花都规划", "5.创新成果转化率有待提升", 0.9, 100, 100 + len(text))]
    inner = text.index("花都区")
    whole = Candidate(0, 100, 100 + len(text), text, frozenset(), 1.0)
    part = Candidate(0, 100 + inner, 100 + len(text), text[inner:], frozenset(), 0.9)
    again = Candidate(0, 100, 100 + len(text), text, frozenset(), 0.8)
    assert _without_repeats([part, whole, again], pool) == [whole]
    other = [Passage(text, "gd", "广东指引", "一、概念", 0.5, 100, 100 + len(text))]
    elsewhere = Candidate(1, 100 + inner, 100 + len(text), text[inner:], frozenset(), 0.9)
    assert _without_repeats([whole, elsewhere], pool + other) == [whole, elsewhere]


def test_a_sentence_saying_how_the_last_is_done_runs_on_from_it() -> None:
    """做到… and 从而… have no subject of their own: they finish the sentence before them."""
    text = (
        "推进地下管网、电网等基础设施改造与5G信息网络、传感技术融合建设。"
        "做到同步规划、同步设计、同步推进，构建基础设施管理感知网络系统。另起一句无关内容。"
    )
    ps = [Passage(text, "hd", "花都区数字经济规划", "2.加快城市新型基础设施建设", 0.9, 0, len(text))]
    q = analyze("地下管网、电网改造要怎么和5G、传感技术结合？")
    first = min(sentence_candidates(q, ps, frozenset(), 400), key=lambda c: c.start)
    quotes = complete_quotes(q, [first], list(ps), 400, None)
    assert [c.text for c in quotes] == [text[: text.index("另起")]]
