from __future__ import annotations

from assistant.answering.candidates import fact_years, paragraph_lead, sentence_candidates
from assistant.question import analyze
from assistant.types import Passage


def _passage(text: str, doc_id: str = "hm") -> Passage:
    return Passage(text, doc_id, "花都先进制造业规划", "1.综合实力不断壮大", 0.9, 100, 100 + len(text))


def test_a_sentence_naming_no_year_takes_its_paragraphs() -> None:
    text = "2020年，花都区经济运行平稳。规模以上先进制造业增加值483.24亿元。\n全区新增高新技术企业100家。"
    q = analyze("花都2020年规模以上先进制造业增加值是多少？")
    by_text = {c.text: c for c in sentence_candidates(q, [_passage(text)], frozenset(), 400)}
    assert by_text["规模以上先进制造业增加值483.24亿元。"].year == "2020"
    assert "2020" in by_text["规模以上先进制造业增加值483.24亿元。"].terms
    assert by_text["全区新增高新技术企业100家。"].year == ""  # a new paragraph


def test_a_compared_year_or_a_cited_plans_period_dates_nothing() -> None:
    assert fact_years("较2015年增加10.8亿元") == []
    assert fact_years("《广州市行动计划》(2020—2022年)提出，2021年建成10个") == ["2021"]
    passage = _passage("2019年，花都全年专利申请量12170件；其中发明专利申请量1502件。")
    assert paragraph_lead(passage, 100 + passage.text.index("其中"), "其中发明专利申请量1502件。") == (
        "2019年，花都全年专利申请量12170件；"
    )


def test_a_run_in_label_is_read_with_its_paragraph() -> None:
    text = "产业园区\n赤坭中小企业园。重点发展装备制造。打造产业集聚区。"
    q = analyze("赤坭中小企业园重点发展什么？")
    texts = [c.text for c in sentence_candidates(q, [_passage(text)], frozenset(), 400)]
    assert "赤坭中小企业园。重点发展装备制造。打造产业集聚区。" in texts


def test_a_label_after_a_box_heading_brings_its_paragraph() -> None:
    text = (
        "专栏 12：智慧物流建设工程\n物流机器人。全区打造10 个以上物流机器人应用示范成果。"
        "支持广州津东信息科技有限公司对于现代物流机器人的研发生产。\n"
        "智慧仓储。推动仓储设施智能化改造。"
    )
    ps = [Passage(text, "hd", "花都数字经济规划", "专栏 12：智慧物流建设工程", 0.9, 0, len(text))]
    question = analyze("花都智慧物流工程里，物流机器人要做出多少个应用示范？支持的是哪家企业？")
    scored = sentence_candidates(question, ps, frozenset(), 400)
    labelled = [c.text for c in scored if "物流机器人。全区打造" in c.text]
    assert labelled and "津东" in labelled[0] and "智慧仓储" not in labelled[0]


def test_a_plan_the_question_does_not_name_counts_less() -> None:
    text = "2020年，花都区规模以上工业总产值2668.21亿元。"
    q = analyze("花都2020年规模以上工业总产值是多少？")
    own, other = _passage(text, "hm"), _passage(text, "hd")
    scores = [c.score for c in sentence_candidates(q, [own], frozenset({"hm"}), 400)]
    other_scores = [c.score for c in sentence_candidates(q, [other], frozenset({"hm"}), 400)]
    assert other_scores[0] < scores[0]
