from __future__ import annotations

from llama_index.core.schema import NodeWithScore, TextNode

from assistant.retrieval.series import SeriesBoost, answers, find_series

CHART = (
    "51.06 专利技术合同成交额（亿元）2015年 2016年 2017年 2018年 2019年 0.5 0.8 1 2.12 53.85"
    "高新技术企业数量（家）2015年 2016年 2017年 2018年 2019年 2020年 117 269 485 656 735 767 "
    "规上先进制造业增加值（亿元）2015年 2016年 2017年 2018年 2019年 2020年 394.12 399.2 437.49"
)


def test_each_series_of_a_flattened_chart_is_read_with_its_label_unit_and_values() -> None:
    patents, firms, added = find_series(CHART)
    assert CHART[firms.start : firms.end] == (
        "高新技术企业数量（家）2015年 2016年 2017年 2018年 2019年 2020年 117 269 485 656 735 767"
    )
    assert (firms.measure, firms.unit) == ("高新技术企业数量", "家")
    assert firms.value("2017") == "485" and patents.value("2019") == "53.85"
    assert patents.label == "专利技术合同成交额（亿元）"  # the cut-off value before it is no label
    assert added.value("2017") == "437.49" and added.value("2019") is None  # cut by a passage break


def test_a_series_answers_only_a_question_naming_every_word_of_its_label() -> None:
    firms, added = find_series(CHART)[1:]
    assert answers(firms, "花都高新技术企业2017年和2018年分别有多少家？", ["2017", "2018"])
    assert answers(added, "2017年花都规上先进制造业增加值是多少亿元？", ["2017"])
    total = find_series("规模以上工业总产值(亿元）2015年 2016年 2017年 1952.46 2110.65 2344.85")[0]
    assert answers(total, "花都 规上工业总产值 2016年 是多少", ["2016"])  # 规上 is 规模以上
    assert not answers(total, "2016年花都规模以上工业增加值是多少亿元？", ["2016"])
    assert not answers(added, "2019年花都规上先进制造业增加值是多少亿元？", ["2019"])


def _first(prose_text: str, question: str) -> str:
    """Which passage the series boost puts first: the prose (scored higher) or the chart."""
    prose = NodeWithScore(node=TextNode(text=prose_text), score=1.0)
    chart = NodeWithScore(node=TextNode(text=CHART), score=0.6)
    first = SeriesBoost(bonus=0.8).postprocess_nodes([prose, chart], query_str=question)[0]
    return "chart" if first.node is chart.node else "prose"


FIRMS_PROSE = "2020年高新技术企业总量739家，较2015年增长12.7%。"


def test_a_how_much_question_on_a_year_inside_a_series_lifts_its_passage() -> None:
    assert _first(FIRMS_PROSE, "2017年花都高新技术企业有多少家？") == "chart"
    # the plans' prose states the last year's figure; the chart alone holds the years before it
    assert _first(FIRMS_PROSE, "2020年花都高新技术企业有多少家？") == "prose"
    assert _first(FIRMS_PROSE, "花都高新技术企业有多少家？") == "prose"


def test_a_series_stopping_short_of_the_charts_latest_year_lifts_for_its_last_year() -> None:
    prose = "2020年全区专利技术合同成交额23.88亿元。"
    assert _first(prose, "2019年花都专利技术合同成交额是多少亿元？") == "chart"


def test_a_label_word_jieba_glues_may_stand_apart_in_the_question() -> None:
    share = find_series("占市规模以上工业总产值比重（%）2015年 2016年 2017年 10.4 10.9 11.4")[0]
    years = ["2015", "2017"]
    assert answers(share, "2015到2017年花都规上工业总产值占广州全市的比重是多少？", years)
    assert not answers(share, "2015到2017年花都规上工业总产值是多少？", years)


def test_a_range_of_years_asks_for_each_year_in_it() -> None:
    question = "2015到2020年这几年，花都高新技术企业数量哪一年增加最多？各有多少家？"
    assert _first(FIRMS_PROSE, question) == "chart"
    assert _first(FIRMS_PROSE, "2015年和2020年花都高新技术企业各有多少家？") == "prose"
