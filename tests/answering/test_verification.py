from __future__ import annotations

from assistant.answering.verification import (
    UNVERIFIED_MARK,
    citations_for,
    figures_in,
    holds_figure,
    render,
    split_generated,
    verify,
)
from assistant.types import Passage

GDP = "“十三五”期间经济稳步上升。2020 年全区实现地区生产总值 1,682.15 亿元，比上年增长 3.5%。"
GOAL = "到2025年，数字经济核心产业增加值占GDP比重达到12%，培育龙头企业10家。"


def passages() -> list[Passage]:
    return [
        Passage(GDP, "hd", "花都区规划", "一、发展基础", 0.9, 100, 100 + len(GDP), "花都"),
        Passage(GOAL, "gz", "广州市规划", "三、发展目标", 0.5, 500, 500 + len(GOAL), "广州"),
    ]


def test_markers_after_the_full_stop_stay_with_their_sentence() -> None:
    text = "地区生产总值为1682.15亿元。[1]比上年增长3.5%[1]。【2】到2025年比重达到12%[2]。"
    assert split_generated(text) == [
        "地区生产总值为1682.15亿元。[1]",
        "比上年增长3.5%[1]。[2]",
        "到2025年比重达到12%[2]。",
    ]


def test_figures_ignore_markers_and_list_numbers_and_normalise_width() -> None:
    assert figures_in("1. ２０２０年增长３．５％[1]，达到1,682.15亿元") == ["2020", "3.5", "1682.15"]
    assert figures_in("（2）新增投资1.5亿元") == ["1.5"]


def test_a_decimal_opening_a_sentence_is_a_figure_not_a_list_number() -> None:
    assert figures_in("1.5亿元用于建设数据中心[1]") == ["1.5"]


def test_a_figure_must_appear_as_a_whole_number() -> None:
    assert holds_figure(GDP, "1682.15") and holds_figure(GDP, "3.5") and holds_figure(GDP, "2020")
    assert not holds_figure(GDP, "682.15") and not holds_figure(GDP, "3") and not holds_figure(GDP, "1682")


def test_supported_sentences_are_verified_and_wrong_figures_flagged() -> None:
    text = "2020年地区生产总值为1682.15亿元[1]。比上年增长4.5%[1]。到2025年比重达到12%[1]。"
    checks = verify(text, passages()).sentences
    assert [c.verified for c in checks] == [True, False, False]
    assert checks[1].missing == ["4.5"]
    assert checks[2].missing == ["2025", "12"]  # the figure is real, but not in the passage it cites


def test_markers_to_no_passage_are_dropped_and_uncited_sentences_not_verified() -> None:
    checks = verify("比重达到12%[2][7]。总体发展良好。", passages()).sentences
    assert checks[0].cited == [2] and checks[0].dropped_markers == [7] and checks[0].verified
    assert "[7]" not in checks[0].text
    assert checks[1].cited == [] and not checks[1].verified


def test_refusal_is_recognised_only_without_citations() -> None:
    assert verify("在现有文件中未找到与该问题直接相关的内容。", passages()).refused
    assert not verify("文件未提及2030年，但2025年比重达到12%[2]。", passages()).refused


def test_render_flags_or_removes_unverified_sentences() -> None:
    checks = verify("增长3.5%[1]。增长4.5%[1]。", passages()).sentences
    assert render(checks, remove_unverified=False) == f"增长3.5%。[1]\n增长4.5%。[1] {UNVERIFIED_MARK}"
    assert render(checks, remove_unverified=True) == "增长3.5%。[1]"


def test_citation_quotes_the_passage_sentence_holding_the_figures_with_exact_offsets() -> None:
    given = passages()
    checks = verify("2020年地区生产总值为1682.15亿元[1]。比重达到12%[2]。", given).sentences
    cites = citations_for(checks, given)
    assert [c.n for c in cites] == [1, 2] and [c.passage_index for c in cites] == [0, 1]
    first = cites[0]
    assert "1,682.15" in first.quote and "十三五" not in first.quote
    assert GDP[first.start - 100 : first.end - 100] == first.quote
    assert cites[1].doc_id == "gz" and cites[1].short_name == "广州"


def test_an_unmarked_sentence_copied_from_a_passage_is_credited_to_it() -> None:
    text = "2020 年全区实现地区生产总值 1682.15 亿元，比上年增长 3.5%。总体发展良好。"
    checks = verify(text, passages(), attribute_min_overlap=0.8).sentences
    assert checks[0].cited == [1] and checks[0].attributed and checks[0].verified
    assert checks[0].text.endswith("[1]")
    assert checks[1].cited == [] and not checks[1].verified  # says nothing a passage says
    assert not verify(text, passages()).sentences[0].cited  # off by default


def test_credit_needs_every_figure_and_nearly_every_word_of_one_passage() -> None:
    wrong_figure = "2020年全区实现地区生产总值1682.16亿元，比上年增长3.5%。"
    paraphrase = "花都区去年经济总量大约是一千六百多亿元，增长较快，总体形势平稳向好。"
    for text in (wrong_figure, paraphrase):
        check = verify(text, passages(), attribute_min_overlap=0.8).sentences[0]
        assert check.cited == [] and not check.attributed and not check.verified


def test_a_refusal_is_never_credited_to_a_passage() -> None:
    result = verify("在现有文件中未找到2020年地区生产总值的内容。", passages(), attribute_min_overlap=0.5)
    assert result.refused and result.sentences[0].cited == []
