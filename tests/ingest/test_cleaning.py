"""Cleaning, checked on real excerpts copied byte for byte from the five seed files."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.ingest.cleaning import clean_text

CORPUS = Path(__file__).resolve().parents[2] / "corpus"

# 000: a PDF dump, one visual line per paragraph line, blank lines between, footnotes at the page foot.
EXCERPT_000 = """2019 年期间全区 GDP 年均增长 6.9%，2020 年全区实现地

区生产总值 1682.15 亿元，比上年增长 3.5%

1

；2020 年一

般公共预算收入 84.92 亿元，年均增长 4.41%。三次产业

通信和其他电子设备制造业产值 96.38 亿元，下降 9.5%；电

气机械和器材制造业产值 67.93 亿元，增长 14.0%；化学原

1

数据来源：《2020 年广州市花都区国民经济和社会发展统计公报》

2

数据来源：《在区委十四届十一次全会上的报告》



 料和化学制品制造业产值 67.78 亿元，增长 7.4%。

1.信息基础设施建设稳步推进

花都区积极推进信息基础设施建设，支撑数字经济发展

的网络环境和用户基础得到明显改善。
"""

# 001: a Word export with [bookmark] markers and a figure caption dropped mid-sentence.
EXCERPT_001 = """[bookmark: _Toc76826078]一、发展基础
[bookmark: _Toc76826079]（一）“十三五”取得的成就
[bookmark: _Toc76826080]1.综合实力不断壮大
花都区工业经济总量稳步提升，2020年全区规模以上工业总产值2668.21亿元。
[bookmark: _Toc76826083]4.产业创新持续推进
“十三五”期
图1-3 2015-2019年花都R&D经费投入和专利技术成交额情况
间，全区高新技术企业从117家增至767家，年均增长45.4% 。
"""

# 003: markdown with emphasis and an article-numbered body.
EXCERPT_003 = """## 广州人工智能与数字经济试验区产业导则

### 第一章 总则

第一条为引导推动广州人工智能与数字经济试验区（以下简称广州试验区）“一江两岸三片区”各展其能。

——**珠江南岸人工智能与数字经济产业创新集聚区**，即琶洲核心片区（含广州大学城）。
"""

# 004: a title spread over short lines, then body text.
EXCERPT_004 = """ 广州市人工智能产业链高质量发展
三年行动计划

（2021—2023年）
（征求意见稿）

为加快推进广州市人工智能产业高质量发展，提升产业基础

高级化、产业链现代化水平，制定本行动计划。

一、发展基础

广州市高度重视人工智能产业发展。
"""

# 002: a case study whose title is an unnumbered line above its numbered parts.
EXCERPT_002 = """ 第二篇 数字产业化

二、发展路径

的企业或项目加大扶持力度。

 河源市：打造智能终端产业基地

一、背景介绍

河源电子信息产业稳步发展，已成为领先主导产业。
"""


def blocks_of(raw: str):
    doc = clean_text(raw)
    for b in doc.blocks:
        assert doc.text[b.start : b.end] == b.text
    return doc, doc.blocks


def test_rejoins_pdf_lines_and_drops_footnote_reference_numbers() -> None:
    doc, _ = blocks_of(EXCERPT_000)
    assert "2020 年全区实现地区生产总值 1682.15 亿元，比上年增长 3.5%；2020 年一般公共预算收入" in doc.text
    assert "\n1\n" not in doc.text


def test_footnote_text_becomes_a_note_at_the_end_of_the_section_it_interrupted() -> None:
    doc, blocks = blocks_of(EXCERPT_000)
    assert "化学原料和化学制品制造业产值 67.78 亿元" in doc.text
    notes = [b for b in blocks if b.kind == "note"]
    assert [n.text for n in notes] == [
        "数据来源：《2020 年广州市花都区国民经济和社会发展统计公报》",
        "数据来源：《在区委十四届十一次全会上的报告》",
    ]
    para = next(b for b in blocks if "化学原料" in b.text)
    assert blocks.index(notes[0]) == blocks.index(para) + 1


def test_footnotes_wait_for_the_section_end_so_its_paragraphs_stay_together() -> None:
    raw = (
        "一、发展基础\n花都区工业稳步提升，规上工业\n1\n数据来源：区统计局\n 总产值 2715 亿元。\n"
        "5G 基站累建 2986 座。\n二、总体要求\n加快发展。"
    )
    doc = clean_text(raw)
    assert "2715 亿元。\n5G 基站累建 2986 座。\n数据来源：区统计局\n" in doc.text
    assert next(b for b in doc.blocks if b.kind == "note").section == ("一、发展基础",)


def test_heading_is_not_glued_to_the_paragraph() -> None:
    _, blocks = blocks_of(EXCERPT_000)
    heading = next(b for b in blocks if b.kind == "heading")
    assert heading.text == "1.信息基础设施建设稳步推进"
    body = blocks[blocks.index(heading) + 1]
    assert body.text == "花都区积极推进信息基础设施建设，支撑数字经济发展的网络环境和用户基础得到明显改善。"
    assert body.section == ("1.信息基础设施建设稳步推进",)


def test_bookmarks_removed_and_section_path_nested() -> None:
    doc, blocks = blocks_of(EXCERPT_001)
    assert "bookmark" not in doc.text
    body = next(b for b in blocks if "2668.21" in b.text)
    assert body.section_label == "一、发展基础 › （一）“十三五”取得的成就 › 1.综合实力不断壮大"


def test_caption_inside_a_sentence_does_not_split_it() -> None:
    doc, blocks = blocks_of(EXCERPT_001)
    assert "“十三五”期间，全区高新技术企业从117家增至767家" in doc.text
    para = next(b for b in blocks if "767家" in b.text)
    assert para.section[-1] == "4.产业创新持续推进"


def test_markdown_marks_removed_and_articles_are_sections() -> None:
    doc, blocks = blocks_of(EXCERPT_003)
    assert "**" not in doc.text and "#" not in doc.text
    assert "——珠江南岸人工智能与数字经济产业创新集聚区，即琶洲核心片区" in doc.text
    article = next(b for b in blocks if b.text.startswith("第一条"))
    assert article.section == ("第一章 总则", "第一条")


def test_title_lines_join_into_one_title_outside_section_paths() -> None:
    doc, blocks = blocks_of(EXCERPT_004)
    assert blocks[0].kind == "heading"
    assert blocks[0].text == "广州市人工智能产业链高质量发展三年行动计划（2021—2023年）（征求意见稿）"
    intro = blocks[1]
    assert intro.text.startswith("为加快推进") and intro.section == ()
    assert next(b for b in blocks if b.text.startswith("广州市高度重视")).section == ("一、发展基础",)


def test_unnumbered_case_title_enters_the_section_path() -> None:
    _, blocks = blocks_of(EXCERPT_002)
    body = next(b for b in blocks if b.text.startswith("河源电子信息"))
    assert body.section_label == "第二篇 数字产业化 › 河源市：打造智能终端产业基地 › 一、背景介绍"


def test_a_case_title_in_two_clauses_is_a_heading_too() -> None:
    raw = (
        "第二篇 数字产业化\n\n借助平台机会向上下游借力发展。\n\n"
        "汕头高新区：打造融通发展生态，助力国家级试点创新型产业集群建设\n\n一、背景介绍\n\n"
        "汕头高新区根据创新型产业集群试点要求开展试点工作。\n"
    )
    _, blocks = blocks_of(raw)
    body = next(b for b in blocks if b.text.startswith("汕头高新区根据"))
    assert body.section == (
        "第二篇 数字产业化",
        "汕头高新区：打造融通发展生态，助力国家级试点创新型产业集群建设",
        "一、背景介绍",
    )
    sentence = next(b for b in blocks if b.text.startswith("借助平台"))
    assert sentence.section == ("第二篇 数字产业化",)


def test_a_glossary_entry_is_one_paragraph_under_its_term_inside_its_appendix() -> None:
    raw = (
        "第二篇 数字产业化\n\n正文。\n\n附录 2 名词解释\n\n第二篇 数字产业化\n\n"
        "1.人工智能：是研究、开发用于模拟、延伸和扩展人的\n\n智能的理论、方法、技术及应用系统的一门新的技术科学。\n\n"
        "2.云计算：通过互联网，“按使用量付费”的方式提供\n\n随需应变的计算资源。\n"
    )
    _, blocks = blocks_of(raw)
    entry = next(b for b in blocks if b.text.startswith("1.人工智能"))
    assert entry.text.endswith("一门新的技术科学。")
    assert entry.section == ("附录 2 名词解释", "第二篇 数字产业化", "1.人工智能")
    assert next(b for b in blocks if b.text == "正文。").section == ("第二篇 数字产业化",)
    numbered = clean_text("一、发展基础\n\n1.综合实力不断壮大\n\n花都区工业经济总量稳步提升。").blocks
    assert numbered[-1].section == ("一、发展基础", "1.综合实力不断壮大")


# 002: the page before a case study ends mid-sentence, so its last line runs straight into the case title.
EXCERPT_002_CUT = """第六篇 核心基础数字产品

3.推进产业集聚发展

地市层面积极打造一批集成电路、核心软件或基础电子

元器件产业基地和园区，并提供适配验证、体验推广、企业

广州市黄埔区：优质项目牵引打造集成电路产业集聚示范区

一、背景介绍

黄埔区以“补短板、扬长板、抢未来、强生态”的思路为引领，聚焦集成电路设计能力

提升与芯片制造产业链缺失环节。
"""


def test_case_title_after_a_cut_off_sentence_is_still_a_heading() -> None:
    _, blocks = blocks_of(EXCERPT_002_CUT)
    cut = next(b for b in blocks if b.text.startswith("地市层面"))
    assert cut.text.endswith("体验推广、企业")
    body = next(b for b in blocks if b.text.startswith("黄埔区以"))
    assert body.section[-2:] == ("广州市黄埔区：优质项目牵引打造集成电路产业集聚示范区", "一、背景介绍")


def test_a_broken_sentence_tail_before_a_heading_stays_in_its_sentence() -> None:
    text = "1.推动企业发展。加快打造一批领军企业（牵头\n\n单位：市地方金融监管局）\n\n2.建设人才体系。\n"
    _, blocks = blocks_of(text)
    assert any(b.text.endswith("（牵头单位：市地方金融监管局）") for b in blocks)


def test_full_width_punctuation_kept_and_bom_stripped() -> None:
    doc = clean_text("\ufeff一、总则\n数字经济（含“数字产业化”）发展：稳步推进。\n")
    assert doc.text == "一、总则\n数字经济（含“数字产业化”）发展：稳步推进。"


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*.txt")))
def test_every_seed_cleans_with_exact_offsets_and_sections(name: str) -> None:
    doc, blocks = blocks_of((CORPUS / name).read_text(encoding="utf-8"))
    assert "[bookmark" not in doc.text
    body = [b for b in blocks if b.kind == "text"]
    assert len(body) > 20
    assert sum(1 for b in body if b.section) / len(body) > 0.9


def test_markdown_table_rows_stand_alone_and_rules_are_dropped() -> None:
    raw = (
        "一、发展基础\n主要指标如下\n"
        "| 指标 | 数量 |\n| --- | ---: |\n| 国家重点实验室 | 21 家 |\n"
        "以上数据截至2021年。\n"
    )
    _, blocks = blocks_of(raw)
    assert [b.text for b in blocks] == [
        "一、发展基础",
        "主要指标如下",
        "指标 | 数量",
        "国家重点实验室 | 21 家",
        "以上数据截至2021年。",
    ]
    assert all(b.section == ("一、发展基础",) for b in blocks)


def test_a_number_alone_in_a_table_cell_is_data_not_a_page_number() -> None:
    raw = (CORPUS / "001_37ff2d7f82fdeb99.txt").read_text(encoding="utf-8")
    start = raw.index("\t工业投资5年累计")
    excerpt = raw[start : raw.index("预期性", start) + 3]
    assert "\n\t400" in excerpt  # copied byte for byte: the target is a tab-indented cell of its own
    text = clean_text("一、发展目标\n到2025年，工业投资稳步增长。\n" + excerpt).text
    assert "80.34400" in text.replace(" ", "")
    page = clean_text("花都区工业经济总量稳步提升，2020年全区规模以上工业\n\n12\n\n总产值2668.21亿元。").text
    assert "12" not in page and "工业总产值2668.21" in page


def test_the_figures_of_a_table_row_stay_apart() -> None:
    raw = (CORPUS / "001_37ff2d7f82fdeb99.txt").read_text(encoding="utf-8")
    start = raw.index("\t工业总产值（亿元）")
    excerpt = raw[start : raw.index("0.99", start) + 4]
    assert "\t2850\n\t5.5\n\t2668.21\n\t6.5" in excerpt  # byte for byte: one figure per cell
    text = clean_text("表1-1 重点指标完成情况表\n" + excerpt).text
    assert "工业总产值（亿元）2850 5.5 2668.21 6.5" in text
    assert "730 5 607.85 0.99" in text
    prose = clean_text("一、发展基础\n2020年全区规模以上工业总产值\n2668.21亿元，年均增长6.5%。").text
    assert "总产值2668.21亿元" in prose


def test_a_task_tables_units_cell_ends_its_row() -> None:
    raw = (CORPUS / "000_d6def26aa7267af1.txt").read_text(encoding="utf-8")
    start = raw.index("花都海关牵头，")
    excerpt = raw[start : raw.index("智能教育。", start) + 20]
    assert "配合\n\n24\n\n智能教育。\n\n利用" in excerpt  # byte for byte: units, row number, task
    text = clean_text("附件一：任务分解表\n打造一批智能海关示范项目。\n" + excerpt).text
    assert "花都海关牵头，市公安局花都分局配合\n智能教育。利用" in text
    page = clean_text("加强组织机制保障，建立由区主要领导牵头\n\n12\n\n的领导小组，制定专项政策。").text
    assert "牵头的领导小组" in page  # a line ending in 牵头 before a page number alone is no table row


def test_a_units_cell_printed_inside_its_rows_text_is_put_after_it() -> None:
    raw = (CORPUS / "000_d6def26aa7267af1.txt").read_text(encoding="utf-8")
    start = raw.index("3\n\n数据中心建设工程。")
    excerpt = raw[start : raw.index("步形成数据技术竞争新优势。", start) + 13]
    assert "完善数据\n\n区科技工业商" in excerpt and "乡建设局配合\n 中心网络保障" in excerpt  # byte for byte
    text = clean_text("附件一：任务分解表\n" + excerpt).text
    assert "完善数据中心网络保障，持续提升高速带宽网络能力" in text
    cell = "区科技工业商务信息化局牵头，区发展改革局、区住房和城乡建设局配合"
    assert text.rstrip().endswith("新优势。\n" + cell)


def test_an_annex_titles_second_line_names_the_table_for_every_row() -> None:
    raw = (CORPUS / "000_d6def26aa7267af1.txt").read_text(encoding="utf-8")
    start = raw.index("附件一：")
    excerpt = raw[start : raw.index("5G 网络建设工程。", start) + 11]
    assert "》\n\n任务分解表\n\n序号" in excerpt  # byte for byte: the title runs on to a second line
    blocks = clean_text("一、总体要求\n加快发展。\n" + excerpt).blocks
    assert blocks[-1].section == ("附件一：《花都区人工智能与数字经济“十四五”发展规划》任务分解表",)
    assert "任务分解表" not in blocks[-1].text


def test_an_image_marker_is_dropped_and_its_caption_stays_a_caption() -> None:
    raw = (CORPUS / "001_37ff2d7f82fdeb99.txt").read_text(encoding="utf-8")
    line = next(x for x in raw.splitlines() if x.startswith("[image: ]"))
    assert line == "[image: ]图5-1 花都区先进制造业空间布局"  # byte for byte
    blocks = clean_text("（一）空间布局\n遵循全区重点构建产业空间总体格局。\n" + line + "\n").blocks
    assert blocks[-1].kind == "caption" and blocks[-1].text == "图5-1 花都区先进制造业空间布局"
