from __future__ import annotations

from assistant.answering.candidates import Candidate, sentence_candidates
from assistant.answering.extractive import ExtractiveAnswerer, _from_another_plan, _list_of_asked_count
from assistant.answering.outline import Outline
from assistant.question import analyze
from assistant.retrieval.named_documents import DocumentNames
from assistant.settings import AnswerSettings
from assistant.types import Passage

DOC = (
    "“十三五”期间，整体经济水平稳步上升。2016 年至2019 年期间全区 GDP 年均增长 6.9%，"
    "2020 年全区实现地区生产总值 1682.15 亿元，比上年增长 3.5%；2020 年一般公共预算收入 84.92 亿元。"
)
OTHER = "到2025年，数字经济产业规模超过1000亿元，培育龙头企业10家。"


def passages() -> list[Passage]:
    return [
        Passage(DOC, "hd", "花都区数字经济规划", "一、发展基础", 0.9, 100, 100 + len(DOC)),
        Passage(OTHER, "hd", "花都区数字经济规划", "三、发展目标", 0.5, 900, 900 + len(OTHER)),
    ]


def test_answers_with_the_sentence_holding_the_figure_and_exact_offsets() -> None:
    answer = ExtractiveAnswerer(AnswerSettings()).answer("花都区2020年地区生产总值是多少？", passages())
    assert answer.found
    assert "1682.15" in answer.text
    first = answer.citations[0]
    assert first.n == 1 and "[1]" in answer.text
    assert DOC[first.start - 100 : first.end - 100] == first.quote
    assert first.section == "一、发展基础"


def test_refuses_a_year_the_passages_do_not_hold() -> None:
    answer = ExtractiveAnswerer(AnswerSettings()).answer("花都区2035年地区生产总值目标是多少？", passages())
    assert not answer.found
    assert answer.text.startswith("在现有文件中未找到")
    assert answer.citations == [] and answer.passages


def test_refuses_another_district() -> None:
    answer = ExtractiveAnswerer(AnswerSettings()).answer("番禺区2020年地区生产总值是多少？", passages())
    assert not answer.found


def test_refuses_when_terms_are_not_covered() -> None:
    answer = ExtractiveAnswerer(AnswerSettings()).answer("量子通信卫星发射计划", passages())
    assert not answer.found


def test_prefers_a_figure_sentence_for_how_much_questions() -> None:
    answer = ExtractiveAnswerer(AnswerSettings()).answer("到2025年数字经济产业规模目标多少", passages())
    assert answer.found and "1000" in answer.citations[0].quote


def test_refuses_when_the_asked_unit_is_not_quoted() -> None:
    ps = [
        Passage(
            "花都将加快建设绿色数据中心，优先支持能源利用效率小于 1.3 的数据中心。",
            "hd",
            "花都规划",
            "五、主要任务",
            0.9,
            0,
            40,
        )
    ]
    answer = ExtractiveAnswerer(AnswerSettings()).answer("花都数据中心标准机架要建多少个？", ps)
    assert not answer.found


def test_comparison_questions_quote_both_documents() -> None:
    a = "2020年全区规模以上工业总产值2668.21亿元，占广州市的比重为13.36%。"
    b = "2020 年，花都区规模以上工业总产值 2715 亿元，年均增长 5.73%。"
    ps = [
        Passage(a, "mf", "花都先进制造业规划", "一、发展基础", 0.9, 0, len(a)),
        Passage(b, "de", "花都数字经济规划", "一、发展基础", 0.8, 0, len(b)),
    ]
    answer = ExtractiveAnswerer(AnswerSettings()).answer(
        "花都2020年规上工业总产值是多少？两份规划说法一样吗？", ps
    )
    assert answer.found and "2668.21" in answer.text and "2715" in answer.text
    assert {c.doc_id for c in answer.citations} == {"mf", "de"}


def _one(
    text: str, section: str = "一、发展基础", doc_id: str = "hd", title: str = "花都区数字经济规划"
) -> list[Passage]:
    """One passage holding all of ``text``, at the top of the ranking."""
    return [Passage(text, doc_id, title, section, 0.9, 0, len(text))]


def test_a_year_stated_at_the_paragraph_start_anchors_later_sentences() -> None:
    text = "2019 年，花都全年专利申请量 12170 件，下降 8.4%；其中发明专利申请量 1502 件，下降 27.5%。"
    answer = ExtractiveAnswerer(AnswerSettings()).answer("花都2019年发明专利申请有多少件？", _one(text))
    assert answer.found and "1502" in answer.text


def test_a_sentence_naming_another_year_does_not_inherit_the_paragraph_year() -> None:
    text = "2022 年，全市高校科技创新成效显著。2021 年华南理工大学共认定登记技术合同 1678 项。"
    question = "华南理工大学2022年认定登记了多少项技术合同？"
    answer = ExtractiveAnswerer(AnswerSettings()).answer(question, _one(text))
    assert not answer.found


def test_the_paragraph_year_counts_for_a_sentence_compared_with_another_year() -> None:
    lead = "花都区工业经济总量稳步提升，2020年全区规模以上工业总产值2668.21亿元，较2015年增加2.91个百分点；"
    figure = "规模以上先进制造业增加值483.24亿元，较2015年增加90.03亿元，占规模以上工业增加值比重为79.50%。"
    rival = "先进装备制造业规模不断扩大，2020年规模以上装备制造业增加值468.04亿元，占比76.99%。"
    ps = [
        Passage(rival, "hd", "花都先进制造业规划", "一、发展基础", 0.9, 0, len(rival)),
        Passage(
            lead + figure, "hd", "花都先进制造业规划", "一、发展基础", 0.8, 500, 500 + len(lead + figure)
        ),
    ]
    answer = ExtractiveAnswerer(AnswerSettings()).answer("花都区2020年规模以上先进制造业增加值是多少？", ps)
    assert answer.found and "483.24" in answer.text


def test_a_cited_plan_period_does_not_date_the_next_sentence() -> None:
    text = (
        "出台了《花都区加快推进数字新基建发展三年行动计划》(2020—2022年)，力争全区建成数字新基建格局。"
        "积极推动智慧灯杆建设工作，142根智慧灯杆已全部点亮。"
    )
    answer = ExtractiveAnswerer(AnswerSettings()).answer(
        "按数字新基建三年行动计划，到2022年要建成多少根智慧灯杆？", _one(text)
    )
    assert not answer.found


def test_a_which_day_question_needs_a_day_and_a_document_number_question_a_number() -> None:
    answerer = ExtractiveAnswerer(AnswerSettings())
    issued = "2020年4月，广州市发布《广州市加快打造数字经济创新引领型城市的若干措施》，加快数字经济创新发展。"
    day = answerer.answer("《广州市加快打造数字经济创新引领型城市的若干措施》是4月几号发布的？", _one(issued))
    assert not day.found and "哪一天" in day.text
    dated = "2021年12月12日，国务院印发《“十四五”数字经济发展规划》，明确了发展目标。"
    assert answerer.answer("国务院的《“十四五”数字经济发展规划》具体是哪天印发的？", _one(dated)).found
    number = answerer.answer("《广州市加快打造数字经济创新引领型城市的若干措施》的文号是什么？", _one(issued))
    assert not number.found and "文号" in number.text
    numbered = "《广州市加快打造数字经济创新引领型城市的若干措施》（穗府办函〔2020〕29号）"
    assert answerer.answer(
        "《广州市加快打造数字经济创新引领型城市的若干措施》的文号是什么？", _one(issued + numbered)
    ).found


def test_a_how_much_question_needs_a_figure_not_a_blank() -> None:
    text = "2020全区规上工业企业缴纳税收*亿元，税收贡献并没有明显提升。"
    answer = ExtractiveAnswerer(AnswerSettings()).answer("花都2020年规上工业企业缴纳了多少税收？", _one(text))
    assert not answer.found


def test_each_part_of_a_two_part_question_gets_its_sentence() -> None:
    text = (
        "2020 年，花都工业企业“上云上平台”服务商 20 家。"
        "全区获省工信厅“上云上平台”奖补资金 1800 万元，排名全市第一。"
        "花都区还推动 5G 基站建设，累计建成 2986 座。"
    )
    answer = ExtractiveAnswerer(AnswerSettings()).answer(
        "花都“上云上平台”有多少服务商？拿到了多少奖补，在全市排第几？", _one(text)
    )
    assert answer.found and "20 家" in answer.text and "1800" in answer.text


def test_a_clause_runs_on_to_its_full_stop() -> None:
    text = "对认定的重点企业落户花都的给予一次性落户补贴；给予办公用房补贴，并在培育扶持上给予倾斜。下一段。"
    question = "重点企业落户花都能拿到哪些补贴？"
    answer = ExtractiveAnswerer(AnswerSettings()).answer(question, _one(text, "五、保障措施"))
    assert answer.found and "办公用房补贴" in answer.text
    assert answer.citations[0].quote == text[answer.citations[0].start : answer.citations[0].end]


def test_a_sentence_that_spells_out_the_quoted_one_joins_the_quote() -> None:
    text = (
        "立足现有产业基础，形成“东、西、南”三大先进制造业产业带。"
        "即东部临空型制造产业带、西部智能制造产业带和南部智能电子产业带。下一段。"
    )
    answer = ExtractiveAnswerer(AnswerSettings()).answer("花都先进制造业划成了哪三条产业带？", _one(text))
    assert answer.found and "西部智能制造产业带" in answer.text and "下一段" not in answer.text


def test_a_breakdown_joins_only_when_the_question_asks_for_items() -> None:
    text = "花都新型显示项目建设进展顺利，已有三个项目投产。其中，超视界、维信诺落户。下一段。"
    listed = _ask("花都新型显示项目有哪些投产了？", text)
    assert listed.found and "维信诺" in listed.text
    progress = _ask("花都新型显示项目建设进展怎么样？", text)
    assert progress.found and "维信诺" not in progress.text


def test_who_leads_a_measure_is_the_attribution_closing_it() -> None:
    text = "加快推动人工智能公共算力中心建设，夯实算力基础。（牵头单位：市发展改革委，配合单位：市科技局）"
    led = _ask("人工智能公共算力中心由哪个部门牵头？", text)
    assert led.found and "市发展改革委" in led.text
    what = _ask("人工智能公共算力中心要夯实什么基础？", text)
    assert what.found and "市发展改革委" not in what.text


def test_who_leads_a_task_is_the_units_cell_after_it_in_a_task_table() -> None:
    text = (
        "智能海关。利用白云机场的区位优势，打造一批具有特色的领先全国的智能海关示范项目。\n"
        "花都海关牵头，市公安局花都分局配合\n智能教育。利用人工智能技术加快推动教学方法改革。"
    )
    led = _ask("任务分解表里智能海关这项工作由谁牵头？", text)
    assert led.found and "花都海关牵头" in led.text and "智能教育" not in led.text
    what = _ask("智能海关要打造什么样的示范项目？", text)
    assert what.found and "花都海关" not in what.text


def test_the_years_of_a_plan_title_do_not_date_its_facts() -> None:
    text = "累计获批了6家广东省新一代人工智能开放创新平台。"
    title = "广州市人工智能产业链高质量发展三年行动计划（2021—2023年）"
    ps = [Passage(text, "ai", title, "一、发展基础", 0.9, 0, len(text), short_name="广州AI产业链行动计划")]
    names = DocumentNames({"ai": [title, "广州AI产业链行动计划"]})
    answerer = ExtractiveAnswerer(AnswerSettings(), names=names)
    assert not answerer.answer("到2023年广州获批几家人工智能开放创新平台？", ps).found
    assert answerer.answer("广州人工智能产业链三年行动计划里，2023年获批几家人工智能开放创新平台？", ps).found


def test_the_kind_of_document_asked_about_is_not_the_focus_word() -> None:
    text = "推动广州、深圳加快建设国家人工智能创新应用先导区。"
    ps = _one(text, "人工智能产业", "gd", "广东省数字经济发展指引")
    answer = ExtractiveAnswerer(
        AnswerSettings(), document_share=lambda w: 0.01 if w == "行动计划" else 0.3
    ).answer("国家人工智能创新应用先导区，广州的行动计划和广东省的指引里分别是怎么说的？", ps)
    assert answer.found


def test_a_list_of_run_in_labels_is_quoted_label_by_label_across_passages() -> None:
    first = (
        "1.培育智慧认养农业新业态\n由消费者预付生产费用，建立风险共担的合作模式。\n"
        "田园种植认养：消费者通过网络平台进行土地租用，种植由农场实施。\n"
        "畜禽养殖认养：通过网络平台在线选定所需畜禽，养殖由农场实施。\n"
    )
    second = "果树种植认养：根据提供的水果种类认养相应果树，托管种植。\n2.发展数字农业新业态\n鱼类：不算。"
    section = "（四）培育数字乡村新业态 › 1.培育智慧认养农业新业态"
    ps = [
        Passage(first, "gd", "广东省数字经济发展指引", section, 0.9, 0, len(first), node_id="a"),
        Passage(
            second,
            "gd",
            "广东省数字经济发展指引",
            section,
            0.5,
            len(first),
            len(first) + len(second),
            node_id="b",
        ),
    ]
    answerer = ExtractiveAnswerer(AnswerSettings(), outline=Outline.from_passages(ps))
    answer = answerer.answer("智慧认养农业新业态有哪几种认养形式？", ps[:1])
    assert answer.found
    quotes = [c.quote for c in answer.citations]
    assert (
        "田园种植认养：消费者通过网络平台进行土地租用" in quotes
        and "果树种植认养：根据提供的水果种类认养相应果树" in quotes
    )
    assert not any("鱼类" in q for q in quotes)
    assert answer.passages[answer.citations[-1].passage_index].node_id == "b"


def test_a_list_of_dash_labels_is_followed_over_several_passages() -> None:
    texts = [
        "（二）发展原则\n——坚持创新发展。把创新摆在先进制造业发展全局的核心位置。\n——坚持融合发展。推动两化融合。\n",
        "提高制造业融合发展水平和质量，探索数字经济发展的新路径。\n",
        "——坚持绿色发展。推进实施绿色制造工程。\n——坚持开放发展。扩大对外合作。\n（三）发展目标\n——产业规模扩大。",
    ]
    section = "三、总体要求 › （二）发展原则"
    ps, start = [], 0
    for n, text in enumerate(texts):
        end = start + len(text)
        ps.append(Passage(text, "mf", "花都制造业规划", section, 0.9 - n / 10, start, end, node_id=str(n)))
        start = end
    answerer = ExtractiveAnswerer(AnswerSettings(), outline=Outline.from_passages(ps))
    answer = answerer.answer("花都先进制造业规划定了哪几条发展原则？", ps[:1])
    quotes = " ".join(c.quote for c in answer.citations)
    assert answer.found
    assert all(f"坚持{w}发展" in quotes for w in ("创新", "融合", "绿色", "开放")), quotes
    assert "产业规模扩大" not in quotes


def test_a_prose_sentence_beats_a_flattened_table_stating_the_same_figure() -> None:
    table = (
        "类别指标单位2020年十四五规划目标属性2025年年均增长（%）规模效益规上工业总产值亿元2668.2834055.0"
        "预期性规上工业增加值亿元607.91.0预期性工业投资5年累计亿元80.34400预期性园区单位土地面积税收产出"
    )
    prose = "到2025年，全区规上工业总产值实现3405亿元，年均增长5.0%。"
    ps = [
        Passage(table, "mf", "花都先进制造业规划", "三、发展目标", 0.9, 0, len(table)),
        Passage(prose, "mf", "花都先进制造业规划", "三、发展目标", 0.8, 500, 500 + len(prose)),
    ]
    answer = ExtractiveAnswerer(AnswerSettings()).answer("花都2025年规上工业总产值目标是多少亿元？", ps)
    assert answer.found and answer.citations[0].quote == prose


def _with_shares(rare: dict[str, float]) -> ExtractiveAnswerer:
    """An answerer whose corpus holds the ``rare`` words in those shares of passages, others in 30%."""
    return ExtractiveAnswerer(AnswerSettings(), document_share=lambda w: rare.get(w, 0.3))


def _ask(question: str, text: str):
    return ExtractiveAnswerer(AnswerSettings()).answer(question, _one(text))


def test_the_year_in_a_cited_document_name_does_not_date_the_fact() -> None:
    text = "《国民经济和社会发展第十四个五年规划和 2035年远景目标纲要》提出要促进数字技术与实体经济深度融合。"
    answer = _ask("花都数字经济规划对2035年提出了什么远景目标？", text)
    assert not answer.found


def test_a_question_about_the_cited_document_itself_keeps_its_year() -> None:
    text = (
        "2020 年 3 月，市工业和信息化局印发了"
        "《广州市关于推进新一代人工智能产业发展的行动计划（2020-2022 年）》。"
    )
    question = "《广州市关于推进新一代人工智能产业发展的行动计划（2020—2022年）》是哪个部门印发的？"
    answer = _ask(question, text)
    assert answer.found and "工业和信息化局" in answer.text


def test_the_dated_sentence_must_itself_state_the_asked_unit() -> None:
    text = (
        "2022 年，华南理工大学在全国科技创新高校 30 强位居第 11 位。"
        "2021 年华南理工大学共认定登记技术合同 1678 项。"
    )
    answer = _ask("华南理工大学2022年认定登记了多少项技术合同？", text)
    assert not answer.found


def test_how_much_money_needs_an_amount_in_yuan() -> None:
    text = "扩大全区人工智能与数字经济专项资金规模，每年安排专项资金支持数字经济建设。"
    answer = _ask("花都区每年安排多少钱的人工智能专项资金？", text)
    assert not answer.found
    text += "2021 年安排专项资金 5000 万元。"
    answer = _ask("花都区2021年安排多少钱的专项资金？", text)
    assert answer.found and "5000 万元" in answer.text


def test_a_citation_names_the_heading_its_sentence_sits_under() -> None:
    text = (
        "河源市：打造智能终端产业基地\n河源电子信息产业规模较大。\n"
        "深圳市：人工智能产业集聚\n深圳聚集 1318家人工智能企业。"
    )
    second = text.index("深圳市")
    passage = Passage(
        text,
        "gd",
        "广东数字经济指引",
        "第二篇 › 河源市：打造智能终端产业基地",
        0.9,
        50,
        50 + len(text),
        sections=((50 + second, "第二篇 › 深圳市：人工智能产业集聚"),),
    )
    answer = ExtractiveAnswerer(AnswerSettings()).answer("深圳聚集了多少家人工智能企业？", [passage])
    assert answer.found and answer.citations[0].section == "第二篇 › 深圳市：人工智能产业集聚"
    assert passage.section_at(50) == "第二篇 › 河源市：打造智能终端产业基地"


def test_a_question_naming_a_plan_is_not_answered_from_another() -> None:
    names = DocumentNames({"de": ["花都数字经济规划"], "mf": ["花都先进制造业规划"]})
    ps = [
        Passage("加快建设一批数据中心标准机架。", "de", "花都数字经济规划", "四、重点任务", 0.9, 0, 15),
        Passage("全市数据中心可使用折合标准机架数约20万个。", "mf", "花都先进制造业规划", "目标", 0.8, 0, 22),
    ]
    answerer = ExtractiveAnswerer(AnswerSettings(), names=names)
    assert not answerer.answer("花都数字经济规划要求建设的数据中心标准机架是多少个？", ps).found
    assert answerer.answer("花都先进制造业规划要求建设的数据中心标准机架是多少个？", ps).found
    assert ExtractiveAnswerer(AnswerSettings()).answer("数据中心标准机架是多少个？", ps).found


def test_a_plan_named_in_one_sub_question_does_not_confine_the_other() -> None:
    names = DocumentNames({"gd": ["广东省数字经济发展指引"], "de": ["花都数字经济规划"]})
    defined = "“零跑动”：企业和群众无需跑腿即可办理业务。"
    stated = "在依申请办理的事项中，“零跑动”率 97.16%。"
    ps = _one(defined, "附录", "gd", "广东省数字经济发展指引")
    ps += _one(stated, "一、发展基础", "de", "花都数字经济规划")
    answerer = ExtractiveAnswerer(AnswerSettings(), names=names)
    both = "花都依申请办理事项的“零跑动”率做到多少了？“零跑动”按省数字经济发展指引的解释是什么意思？"
    answer = answerer.answer(both, ps)
    assert answer.found and "97.16%" in answer.text
    assert not answerer.answer("省数字经济发展指引里，“零跑动”率做到多少了？", ps).found


def test_a_strong_sentence_adding_nothing_does_not_stop_one_adding_a_term() -> None:
    text = (
        "各区人民政府，市政府各部门，各有关单位：经市人民政府同意，现将《广州人工智能与数字经济试验区产业导则》"
        "印发给你们，请遵照执行。执行中遇到问题，请径向市工业和信息化局反映。\n\n广州人工智能与数字经济试验区产业导则"
    )
    ps = _one(text, "", "gz", "广州人工智能与数字经济试验区产业导则")
    answer = ExtractiveAnswerer(AnswerSettings()).answer(
        "广州试验区的产业导则执行当中碰到问题，该找哪个部门反映？", ps
    )
    assert answer.found and "市工业和信息化局" in answer.text


def test_which_area_brings_the_paragraph_sentence_naming_the_area() -> None:
    text = (
        "各片区引入一批总部企业。\n广州国际金融城片区积极打造金融科技先行示范区。重点发展数字金融，"
        "引进知名金融机构。积极发展数字服务贸易，集聚一批数字服务贸易品牌和龙头企业。"
    )
    ps = _one(text, "第五条", "gz", "广州人工智能与数字经济试验区产业导则")
    answer = ExtractiveAnswerer(AnswerSettings()).answer("试验区哪个片区要把数字服务贸易做起来？", ps)
    assert answer.found and "金融城片区" in answer.text


def test_a_when_question_needs_a_date_not_a_plan_horizon() -> None:
    horizon = "重点打造1项具有国际影响力的人工智能创新大赛，到2023年，全市人工智能综合实力位居全国前列。"
    assert not _ask("那个人工智能创新大赛什么时候举办？", horizon).found
    dated = "人工智能创新大赛于2022年12月底在广州举办，全市人工智能综合实力位居全国前列。"
    assert _ask("那个人工智能创新大赛什么时候举办？", dated).found


def test_a_figure_from_another_districts_plan_does_not_measure_the_asked_district() -> None:
    text = "完善智能网联汽车基础设施体系，建设占地 2300 亩的智能网联封闭测试场。"
    ps = _one(text, "3.智能网联汽车", "hd", "花都区人工智能与数字经济“十四五”发展规划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("从化那个智能网联封闭测试场占地面积多大？", ps).found
    assert answerer.answer("花都那个智能网联封闭测试场占地面积多大？", ps).found


def test_a_dated_figure_about_another_district_does_not_answer_for_the_city() -> None:
    text = "相较而言，天河区拥有规模以上人工智能企业 16 家，2020 年营收达 121 亿元。"
    assert not _ask("2020年广州全市人工智能产业的营收规模有多大？", text).found
    assert _ask("2020年天河区人工智能企业营收规模有多大？", text).found


def test_the_focus_word_must_be_near_the_sentence_not_only_in_the_plan_title() -> None:
    text = "2020 年，全区预计实现工业增加值 673 亿元，年均增长2.17%。"
    ps = _one(text, "一、发展基础", "hd", "花都区人工智能与数字经济发展规划")
    answerer = _with_shares({"数字经济": 0.2, "增加值": 0.05})
    assert not answerer.answer("花都区2020年数字经济增加值是多少？", ps).found
    assert answerer.answer("花都区2020年工业增加值是多少？", ps).found


def test_a_results_question_quotes_the_whole_results_paragraph() -> None:
    text = (
        "三、取得成效\n狮岭镇箱包产业链协同制造平台自试运行以来，为企业节省成本超过 3.5亿元。"
        "首批推动 200多家企业“上云上平台”，协同效率提升 40%、成本降低 10%。\n下一段。"
    )
    ps = _one(text, "狮岭镇箱包产业链协同制造平台 › 三、取得成效")
    answer = ExtractiveAnswerer(AnswerSettings()).answer("狮岭箱包产业链协同制造平台取得了什么成效？", ps)
    assert answer.found and "3.5亿元" in answer.text and "40%" in answer.text and "下一段" not in answer.text
    assert answer.text.count("3.5亿元") == 1


def test_a_year_a_figure_is_compared_with_does_not_date_it() -> None:
    text = "2019年全区实现高新技术产品产值1485.96亿元，占工业总产值比重达到56.59%，较2015年增加5.7个百分点。"
    assert not _ask("花都2015年的高新技术产品产值是多少亿元？", text).found
    assert _ask("花都2019年高新技术产品产值跟2015年比提高了多少？", text).found


def test_another_edition_does_not_answer_for_the_asked_one() -> None:
    text = "2022年4月，第131届广交会在线上举办，吸引了2.55万家中外企业参展。"
    assert not _ask("第132届广交会线上参展的企业有多少家？", text).found
    assert _ask("第131届广交会线上参展的企业有多少家？", text).found


def test_a_dated_sub_question_is_anchored_on_its_own_words() -> None:
    text = (
        "推进政务信息化建设体制改革，构建“管运分离”的建设管理新体制。到2025年，政务服务事项完全实现网上办理。"
    )
    ps = _one(text, "（四）政务服务", "hd", "花都区数字经济规划")
    answerer = _with_shares({"数字政府": 0.01, "管理体制": 0.02})
    question = "花都数字政府的建设管理体制准备怎么改？到2025年政务服务网上办理要达到什么程度？"
    answer = answerer.answer(question, ps)
    assert answer.found and "完全实现网上办理" in answer.text
    assert not answerer.answer("花都数字政府到2025年要达到什么程度？", ps).found


def test_a_question_pair_as_written_picks_its_sentence() -> None:
    apart, together = "招商工作要转变方式，做好服务。", "创新招商方式，开展供应链招商、资本招商。"
    ps = [
        Passage(apart, "hd", "花都区数字经济规划", "一、发展基础", 0.9, 0, len(apart)),
        Passage(together, "hd", "花都区数字经济规划", "二、主要任务", 0.8, 500, 500 + len(together)),
    ]
    answer = ExtractiveAnswerer(AnswerSettings(max_sentences=1)).answer("招商方式该如何把握？", ps)
    assert [c.quote for c in answer.citations] == [together]


def test_a_run_in_label_is_quoted_with_its_paragraph() -> None:
    text = (
        "第十一条建设一批创新服务平台和生活配套服务平台，建立明确的公共服务平台认证标准。\n"
        "——创新服务平台。建设人工智能算法平台，提供底层平台服务。建设检验检测平台，提供开放实验室。\n"
        "——生活配套服务平台。建设虚拟大学，打造互联网教育服务平台。"
    )
    answer = _ask("试验区准备建设哪些创新服务平台？", text)
    assert answer.found and "人工智能算法平台" in answer.text and "检验检测平台" in answer.text


def test_a_how_much_question_without_a_unit_still_needs_a_figure() -> None:
    question = "小微企业想纳入广州试验区，年营收要达到多少才符合条件？"
    assert not _ask(question, "将符合条件的小微企业纳入广州试验区，提升小微企业生产经营水平。").found
    assert _ask(question, "年营收达到500万元以上的小微企业，符合条件的纳入广州试验区。").found


def test_a_place_a_figure_is_compared_with_does_not_anchor_it() -> None:
    text = "2020年全区完成企业上云136家，较2018年增长277.78%，仅次于黄埔区，排名全市第二。"
    answerer = _with_shares({"上云": 0.01})
    assert not answerer.answer("2020年黄埔区完成了多少家企业上云？", _one(text)).found
    assert answerer.answer("2020年花都完成了多少家企业上云？", _one(text)).found


def test_an_area_question_is_not_answered_with_another_figure() -> None:
    text = "花都国际先进制造产业园重点发展智能装备，2020年实现产值120亿元，集聚企业300家。"
    assert not _ask("花都国际先进制造产业园的规划面积有多大？", text).found
    assert _ask("花都国际先进制造产业园2020年产值有多少？", text).found


def test_the_total_a_question_starts_from_does_not_answer_its_part() -> None:
    text = "省重大专项自2018年起连续三年部署5G关键技术攻关和垂直应用示范等共 35个项目，累计投入 12.31亿元。"
    assert not _ask("那35个5G项目里，垂直应用示范类的有几个？", text).found
    assert _ask("省重大专项一共部署了几个5G项目？", text).found


def test_another_edition_does_not_answer() -> None:
    text = "松山湖设立首期 5000万元专项资金扶持软件产业发展。"
    assert not _ask("松山湖扶持软件产业的专项资金，第二期是多少钱？", text).found
    assert _ask("松山湖扶持软件产业的首期专项资金是多少钱？", text).found


def test_the_5_of_5g_is_a_name_not_a_figure_the_question_states() -> None:
    text = "到2025年，花都建成5个5G应用示范园区，带动一批企业上云。"
    answer = ExtractiveAnswerer(AnswerSettings()).answer("花都要建成多少个5G应用示范园区？", _one(text))
    assert answer.found and "5个5G应用示范园区" in answer.text


def test_a_rank_question_is_answered_with_the_ranking_sentence() -> None:
    text = (
        "2020年，服务花都工业企业“上云上平台”服务商20家，其中区内服务商有广州盖特软件有限公司。"
        "获得“上云上平台”奖补资金近1800万，用户数居广州全市第一。"
    )
    answer = ExtractiveAnswerer(AnswerSettings()).answer(
        "花都企业“上云上平台”在广州各区里排第几？", _one(text)
    )
    assert answer.found and "全市第一" in answer.text


def test_a_rank_question_without_a_ranking_is_refused() -> None:
    text = "2020年，服务花都工业企业“上云上平台”服务商20家，其中区内服务商有广州盖特软件有限公司。"
    answer = ExtractiveAnswerer(AnswerSettings()).answer(
        "花都企业“上云上平台”在广州各区里排第几？", _one(text)
    )
    assert not answer.found


def test_which_is_the_largest_needs_a_quote_saying_which() -> None:
    listed = "以龙头企业为牵引，重点建设10个人工智能产业园，以南沙国际人工智能价值创新园为主要载体。"
    answerer = ExtractiveAnswerer(AnswerSettings())
    refused = answerer.answer("广州要重点建的10个人工智能产业园里，面积最大的是哪个？", _one(listed))
    assert not refused.found and "没有给出排名" in refused.text
    ranked = "重点建设10个人工智能产业园，其中南沙国际人工智能价值创新园面积最大。"
    assert answerer.answer("广州要重点建的10个人工智能产业园里，面积最大的是哪个？", _one(ranked)).found


def test_which_ones_exactly_needs_a_quote_listing_them() -> None:
    text = "成立广东省公共图书馆联盟，拟以珠三角地区主要城市为第一批试点于 2021-2022年先行实施。"
    answerer = ExtractiveAnswerer(AnswerSettings())
    refused = answerer.answer("“粤读通”第一批试点具体是哪几个城市？", _one(text))
    assert not refused.found and "没有逐一列出" in refused.text
    listed = "拟以广州、深圳、珠海等珠三角地区主要城市为第一批试点于 2021-2022年先行实施。"
    assert answerer.answer("“粤读通”第一批试点具体是哪几个城市？", _one(listed)).found
    counted = "引进国际权威检验检测认证机构，建成 4个国家级检验检测平台。"
    assert not answerer.answer("中山那4个国家级检验检测平台分别叫什么名字？", _one(counted)).found
    three = "持续实施科技创新企业做优做强做大行动、高新技术企业树标提质行动和“鲲鹏计划”。"
    assert answerer.answer("培育龙头科技企业具体持续实施哪几项行动？", _one(three)).found


def test_a_rank_question_is_not_answered_by_a_ranking_of_another_measure() -> None:
    text = (
        "2019年全区R&D经费投入36.58亿元，R&D经费投入占GDP比重为2.34%。"
        "560家规上工业企业建立研发机构，总量居全市第二。"
    )
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("花都的研发经费投入强度在广州各区里排第几？", _one(text)).found
    assert answerer.answer("花都建立研发机构的规上工业企业总量在全市排第几？", _one(text)).found


def test_a_how_much_question_quotes_the_other_plans_figure_too() -> None:
    a = "“十三五”期间，花都全区高新技术企业从117家增至767家，年均增长45.4%。"
    b = "高新技术企业总量739家，规模以上工业企业建立研发机构761家，分别同比增长12.7%、35.78%。"
    ps = [
        Passage(a, "mf", "花都先进制造业规划", "一、发展基础", 0.9, 0, len(a)),
        Passage(b, "de", "花都数字经济规划", "一、发展基础", 0.8, 0, len(b)),
    ]
    answer = ExtractiveAnswerer(AnswerSettings()).answer("花都现在有多少家高新技术企业？", ps)
    assert answer.found and "767" in answer.text and "739" in answer.text
    assert {c.doc_id for c in answer.citations} == {"mf", "de"}


def test_a_list_of_districts_answers_for_each_district_it_names() -> None:
    text = "5G基站建设方面，2020年天河区5G基站新建3192座、累建6169座，从化区5G基站新建1328座、累建2157座。"
    answer = ExtractiveAnswerer(AnswerSettings()).answer("从化 5G基站 2020年 新建 累建 多少", _one(text))
    assert answer.found and "1328" in answer.text


def test_a_who_leads_question_quotes_the_units_cell_closing_the_tasks_row() -> None:
    row = (
        "智能医疗。推进智能医疗服务，至 2025 年，完成区内所有公立医院电子票据系统建设。"
        "推动“智能医疗”信息化系统在区内落地。\n"
    )
    cell = "区卫生健康局牵头，区科技工业商务信息化局配合\n"
    table = "附件一：任务分解表"
    one = _one(row + cell + "智能教育。利用人工智能技术推进教育改革。\n", section=table)
    answer = ExtractiveAnswerer(AnswerSettings()).answer("智能医疗服务由哪个部门牵头？", one)
    assert answer.found and "区卫生健康局牵头" in answer.text
    first, second = row[: row.index("推动")], row[row.index("推动") :] + cell
    split = [
        Passage(first, "hd", "花都区数字经济规划", table, 0.9, 0, len(first)),
        Passage(second, "hd", "花都区数字经济规划", table, 0.8, len(first), len(first) + len(second)),
    ]
    answer = ExtractiveAnswerer(AnswerSettings()).answer("智能医疗服务由哪个部门牵头？", split)
    assert answer.found and "区卫生健康局牵头" in answer.text
    body = "（三）智能社会\n智能医疗。推进智能医疗服务，完成区内所有公立医院电子票据系统建设。\n"
    copy = "附件一 26\n智能医疗。\n推进智能医疗服务，完成区内所有公立医院电子票据系统建设。\n" + cell
    both = _one(body, "（三）智能社会") + [
        Passage(copy, "hd", "花都区数字经济规划", table, 0.5, 9000, 9000 + len(copy))
    ]
    answer = ExtractiveAnswerer(AnswerSettings()).answer("智能医疗服务由哪个部门牵头？", both)
    assert answer.found and "区卫生健康局牵头" in answer.text


def test_a_question_naming_two_plans_quotes_each_of_them() -> None:
    names = DocumentNames({"gd": ["广东省数字经济发展指引"], "gz": ["广州试验区产业导则"]})
    ps = [
        Passage("推动技术转移经理人认证服务平台建设。", "gz", "广州试验区产业导则", "第七条", 0.9, 0, 18),
        Passage("培育技术转移机构，推动服务平台建设。", "gz", "广州试验区产业导则", "第八条", 0.8, 30, 48),
        Passage("制定技术经纪人（经理人）标准。", "gd", "广东省数字经济发展指引", "三、措施", 0.7, 0, 16),
    ]
    answer = ExtractiveAnswerer(AnswerSettings(), names=names).answer(
        "技术转移经理人这块，省数字经济指引和试验区导则分别是怎么推动的？", ps
    )
    assert answer.found
    assert {c.doc_id for c in answer.citations} == {"gd", "gz"}


def test_a_quoted_term_is_answered_with_the_sentence_spelling_it_out() -> None:
    text = (
        "广东以“1+2+3+X”为总体思路，推进数据要素市场化配置改革。其中，“1”是坚持全省一盘棋，统筹推进改革。"
        "“2”是构建两级数据要素市场结构。“3”是推动数据新型基础设施、数据运营机构、数据交易场所三大枢纽建设。"
    )
    answer = _one(text, "数据要素")
    result = ExtractiveAnswerer(AnswerSettings()).answer(
        "数据要素市场化配置改革“1+2+3+X”里的“3”指什么？", answer
    )
    assert result.found
    assert any("数据交易场所" in c.quote for c in result.citations)


def test_a_sibling_measure_does_not_answer_the_asked_one() -> None:
    text = "2019年，花都全年专利申请量12170件，下降8.4%；其中发明专利申请量1502件，下降27.5%。"
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("花都2019年发明专利授权量是多少件？", _one(text)).found
    assert answerer.answer("花都2019年发明专利申请量是多少件？", _one(text)).found


def _cut(text: str, at: int, overlap: int) -> list[Passage]:
    """Two indexed passages of one document cut at ``at``, the second repeating the ``overlap``
    characters before it, as the chunker repeats a passage's last sentence in the next."""
    section = "五、推动人工智能和数字经济高质量发展"
    first, second = text[:at], text[at - overlap :]
    return [
        Passage(first, "mf", "花都先进制造业规划", section, 0.9, 0, at, node_id="a"),
        Passage(second, "mf", "花都先进制造业规划", section, 0.5, at - overlap, len(text), node_id="b"),
    ]


def test_a_sentence_counting_items_runs_on_into_the_next_passage_naming_them() -> None:
    text = (
        "工业互联网标识解析体系类似互联网领域的域名解析系统。工业互联网标识应用目前围绕三个层级发展，解决工业企业的痛点。"
        "在产品设备层面，主要解决产品溯源难的问题；在过程流程层面，主要解决系统间互通性差的问题；"
        "在产业资源层面，主要解决资源协同配置能力不足的问题。\n3.加快人工智能与制造业融合发展\n依托龙头企业。"
    )
    counting = "工业互联网标识应用目前围绕三个层级发展，解决工业企业的痛点。"
    ps = _cut(text, text.index("在产品设备层面"), len(counting))
    answerer = ExtractiveAnswerer(AnswerSettings(), outline=Outline.from_passages(ps))
    answer = answerer.answer("工业互联网标识应用分哪三个层级？每个层级主要解决什么痛点？", ps[:1])
    assert answer.found
    assert "产品设备层面" in answer.text and "产业资源层面" in answer.text
    assert "加快人工智能" not in answer.text
    quoted = next(c for c in answer.citations if "三个层级" in c.quote)
    assert answer.passages[quoted.passage_index].node_id == "b"
    assert text[quoted.start : quoted.end] == quoted.quote


def test_a_count_closing_its_sentence_runs_on_over_that_many_item_sentences() -> None:
    text = (
        "实施数字农业“三个创建”。组建广东数字农业发展联盟，创建五级的数字农业社会组织模式。\n"
        "创建广东数字农业试验区，打造覆盖农业全产业链条的数字农业硅谷。"
        "举办世界数字农业大会，建设数字农业交流合作发布峰会平台。推动数字农业“八个培育”。"
        "建设一批数字农业产业园区。"
    )
    ps = [Passage(text, "gd", "广东省数字经济发展指引", "第四篇 农业数字化", 0.9, 0, len(text))]
    answer = ExtractiveAnswerer(AnswerSettings()).answer("数字农业“三个创建”具体是哪三件事？", ps)
    assert answer.found
    assert "数字农业试验区" in answer.text and "世界数字农业大会" in answer.text
    assert "数字农业产业园区" not in answer.text


def test_a_count_inside_a_sentence_does_not_announce_the_sentences_after_it() -> None:
    text = (
        "以“四个出新出彩”引领广州各项工作全面出新出彩，构建人工智能发展格局。"
        "建立完善工作体系。形成一份产业链图谱。推动人工智能产业高质量发展。"
    )
    ps = [Passage(text, "gz", "广州市人工智能产业链三年行动计划", "二、工作目标", 0.9, 0, len(text))]
    answer = ExtractiveAnswerer(AnswerSettings()).answer("“四个出新出彩”是哪四个？", ps)
    assert "产业链图谱" not in answer.text


def test_a_caption_ending_its_passage_does_not_run_on_into_the_next() -> None:
    text = (
        "花都区 5G 基站新建近 600座、累建 2986 座，相较于先进地区建设进程有待提高。\n"
        "图 2 广州市部分区域 5G 基站建设情况\n软件信息服务方面，天河区软件业企业数达 1035 家。"
    )
    ps = _cut(text, text.index("\n软件"), 30)
    answerer = ExtractiveAnswerer(AnswerSettings(), outline=Outline.from_passages(ps))
    answer = answerer.answer("广州市部分区域的5G基站建设情况如何？", ps[:1])
    assert answer.found and "图 2" in answer.text
    assert "1035" not in answer.text


def test_an_ordinal_article_is_not_a_count_of_items() -> None:
    from assistant.retrieval.count_cue import asked_counts

    assert asked_counts("第十三条广州试验区各片区按照产业导则指引") == set()
    assert asked_counts("聚焦哪五大职能？三个产业园区是哪三个？") == {"五", "三"}


def test_a_target_asked_without_a_year_is_quoted_for_each_horizon_the_plan_sets() -> None:
    text = (
        "第四条发展目标。\n"
        "——到 2022 年，广州试验区内软件和信息技术服务业营业收入规模超 600 亿元，产业数字化渗透率不断提升。\n"
        "——到 2025 年，优势产业集聚发展水平显著提升，软件和信息技术服务业营业收入规模超 900 亿元。"
    )
    ps = _one(text, "第二章 发展目标", "gz", "广州人工智能与数字经济试验区产业导则")
    answerer = ExtractiveAnswerer(AnswerSettings())
    both = answerer.answer("广州试验区软件和信息技术服务业营业收入的目标是多少？", ps)
    assert both.found and "600" in both.text and "900" in both.text


def test_a_definition_question_is_answered_with_the_terms_gloss() -> None:
    uses = "指引提出加快人工智能产业发展，明确人工智能产业的定义范围和统计口径。"
    glossary = (
        "附录 2 名词解释\n1.人工智能：是研究、开发用于模拟、延伸和扩展人的智能的理论、方法、"
        "技术及应用系统的一门新的技术科学。"
    )
    ps = [
        Passage(uses, "gd", "广东省数字经济发展指引", "第一篇", 0.9, 0, len(uses)),
        Passage(glossary, "gd", "广东省数字经济发展指引", "附录 2 名词解释", 0.5, 900, 900 + len(glossary)),
    ]
    answer = ExtractiveAnswerer(AnswerSettings()).answer("指引里人工智能是怎么定义的？", ps)
    assert answer.found
    assert answer.citations[0].quote.startswith("1.人工智能：是研究")  # the definition comes first


def test_the_words_naming_the_asked_plan_are_not_its_topic() -> None:
    title = "广东省数字经济发展指引 1.0"
    text = "附录 2 名词解释\n2.云计算：通过互联网，“按使用量付费”的方式提供随需应变的计算资源。"
    ps = [Passage(text, "gd", title, "附录 2 名词解释", 0.9, 0, len(text))]
    answerer = ExtractiveAnswerer(
        AnswerSettings(),
        names=DocumentNames({"gd": [title, "广东数字经济指引"]}),
        document_share=lambda w: {"数字经济": 0.8, "广东省": 0.5, "云计算": 0.05}.get(w, 0.3),
    )
    answer = answerer.answer("广东省数字经济发展指引对云计算的解释是什么？", ps)
    assert answer.found and "按使用量付费" in answer.text


def test_a_when_question_gets_the_date_that_signs_the_notice() -> None:
    text = (
        "各区人民政府，市政府各部门，各有关单位：\n经市人民政府同意，现将《广州人工智能与数字经济试验区产业导则》"
        "印发给你们，请遵照执行。\n广州市工业和信息化局\n2021年5月29日\n第一条为引导推动广州试验区发展，特制定本导则。"
    )
    ps = _one(text, "", "gz", "广州人工智能与数字经济试验区产业导则")
    answerer = ExtractiveAnswerer(AnswerSettings())
    answer = answerer.answer("广州人工智能与数字经济试验区产业导则是哪天印发的？", ps)
    assert answer.found and "2021年5月29日" in answer.text


def test_refuses_a_count_of_something_the_quotes_do_not_count() -> None:
    text = "平台共计接入全市 1344间学校、650 个学校食堂、70 家大型餐饮后厨，实现全程可追溯。"
    ps = _one(text, "云浮市：明厨亮灶", "gd", "广东省数字经济发展指引")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("云浮明厨亮灶平台接入了多少家药店？", ps).found
    assert answerer.answer("云浮明厨亮灶平台接入了多少家大型餐饮后厨？", ps).found


def test_another_citys_plan_does_not_answer_for_the_asked_city() -> None:
    gz = "到2022年，全市累计建成5G基站8万座，培育200家5G应用领域创新型企业。"
    ps = _one(gz, "五、新基建", "hd", "花都区数字经济发展规划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("到2022年，深圳培育多少家5G应用领域创新型企业？", ps).found
    assert answerer.answer("到2022年，广州培育多少家5G应用领域创新型企业？", ps).found


def test_a_which_firm_question_needs_a_quote_naming_a_firm() -> None:
    text = (
        "全力扶持人工智能链主企业建设数字化业务支撑平台，引领我市人工智能产业发展。"
        "依托GAMECO、新科宇航等龙头企业，提高飞机维修能力。"
    )
    ps = _one(text, "三、主要任务", "gz", "广州市人工智能产业链行动计划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("人工智能产业链的链主企业具体是哪几家公司？", ps).found
    assert answerer.answer("飞机维修依托哪些龙头企业？", ps).found


def test_a_case_study_of_another_city_does_not_answer_for_the_asked_city() -> None:
    text = "截至2021年12月，已发展鲲鹏生态伙伴431家，形成鲲鹏解决方案692个。"
    section = "第九篇 数字技术创新 › 深圳市：推动鲲鹏产业发展"
    ps = [Passage(text, "gd", "广东省数字经济发展指引", section, 0.9, 0, len(text))]
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("广州的鲲鹏生态伙伴发展到多少家了？", ps).found
    assert answerer.answer("深圳的鲲鹏生态伙伴发展到多少家了？", ps).found


def test_a_money_question_needs_its_sum_in_a_sentence_about_money() -> None:
    text = (
        "引进一批人工智能与数字经济骨干企业（产品年销售收入 2500 万元以上）。"
        "研究制定扶持人工智能发展的政策措施，对新引进项目给予扶持。"
    )
    ps = _one(text, "第八条", "gz", "广州试验区产业导则")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("试验区新引进项目能拿到多少万元的扶持资金？", ps).found
    assert answerer.answer("试验区骨干企业的产品年销售收入要多少万元以上？", ps).found
    funded = "对新引进项目给予最高 500 万元扶持资金。"
    ps = _one(funded, "第八条", "gz", "广州试验区产业导则")
    assert answerer.answer("试验区新引进项目能拿到多少万元的扶持资金？", ps).found


def test_a_park_named_at_its_paragraphs_start_is_quoted_with_its_paragraph() -> None:
    text = (
        "大涡先进制造产业园。重点发展特种车制造、汽车零部件制造。\n"
        "赤坭中小企业园。重点发展汽车制造、先进装备制造、循环经济产业，重点打造汽车产业集群。\n"
        "西部智能制造产业带上主要有大涡先进制造产业园、赤坭中小企业园和皮革皮具产业创新园。"
    )
    ps = _one(text, "（三）重点园区发展方向", "hm", "花都先进制造业规划")
    answer = ExtractiveAnswerer(AnswerSettings()).answer("赤坭中小企业园主要发展哪些产业？", ps)
    assert answer.found and "循环经济产业" in answer.text
    assert answer.citations[0].quote.startswith("赤坭中小企业园。重点发展")


def test_a_list_of_firms_needs_a_quote_naming_one() -> None:
    text = "制定内部数据经纪人选取标准，确定首批试点企业名单，指导试点单位编写具体实施方案。"
    ps = _one(text, "海珠区：数据经纪人试点", "gd", "广东省数字经济发展指引")
    answer = ExtractiveAnswerer(AnswerSettings()).answer("海珠区数据经纪人试点的首批试点企业有哪些？", ps)
    assert not answer.found


def test_a_project_phase_the_quotes_do_not_name_is_refused() -> None:
    text = "支持鹏城云脑二期等项目采用“鲲鹏+昇腾”技术路线。"
    ps = _one(text, "（二）数据与算力设施", "gd", "广东省数字经济发展指引")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("鹏城云脑三期采用的是什么技术路线？", ps).found
    assert answerer.answer("鹏城云脑二期采用的是什么技术路线？", ps).found


def test_a_which_district_question_needs_a_quote_naming_a_district() -> None:
    text = "充分利用广州超算中心现有资源，加快推动广州市人工智能公共算力中心建设。"
    ps = _one(text, "（一）夯实基础", "ai", "广州市人工智能产业链行动计划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    refused = answerer.answer("人工智能公共算力中心建在哪个区？", ps)
    assert not refused.found and "没有写明具体在哪个区" in refused.text
    placed = "在天河区加快推动人工智能公共算力中心建设。"
    ps = _one(placed, "（一）夯实基础", "ai", "广州市人工智能产业链行动计划")
    assert answerer.answer("人工智能公共算力中心建在哪个区？", ps).found


def test_a_part_of_a_total_needs_the_part_beside_a_figure() -> None:
    text = (
        "目前已有人工智能入库企业 567家，其中 13家企业被评为广东省人工智能骨干企业，"
        "在工业机器人、无人机等领域产业技术水平国内领先。智能网联汽车产业加快发展。"
    )
    ps = _one(text, "一、发展基础", "ai", "广州市人工智能产业链行动计划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    refused = answerer.answer("广州567家人工智能入库企业里，做智能网联汽车的有多少家？", ps)
    assert not refused.found and "没有按所问的部分细分" in refused.text
    assert answerer.answer("广州567家人工智能入库企业里，骨干企业有多少家？", ps).found
    elsewhere = "狮岭拥有皮具箱包生产制造企业 8800家。\n全区规模以上工业企业建立研发机构 761 家。"
    ps = _one(elsewhere, "一、发展基础", "hd", "花都区数字经济规划")
    assert not answerer.answer("狮岭那8800家皮具箱包生产企业里，规模以上的有多少家？", ps).found


def test_who_holds_a_post_needs_a_persons_name() -> None:
    text = "依托人工智能与数字经济广东省实验室（广州）及其他重点实验室，加快实现一批关键核心技术突破。"
    ps = _one(text, "（二）创新", "ai", "广州市人工智能产业链行动计划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("人工智能与数字经济广东省实验室（广州）的主任是谁？", ps).found
    named = "加拿大学者唐·塔普斯科特在1995年出版的《数字经济》一书中首次提出数字经济的说法。"
    ps = _one(named, "一、概念内涵", "gd", "广东省数字经济发展指引")
    assert answerer.answer("最早提出数字经济这个说法的是谁？", ps).found


def test_who_builds_something_asks_for_a_body_not_a_person() -> None:
    text = "聚焦电子信息、石油化工、船舶等重点行业，鼓励龙头企业或行业协会等建设工业互联网标识解析二级节点。"
    ps = _one(text, "4.完善工业互联网标识解析体系", "gd", "广东省数字经济发展指引")
    answer = ExtractiveAnswerer(AnswerSettings()).answer("标识解析二级节点由谁来建？", ps)
    assert answer.found and "龙头企业或行业协会" in answer.text


def test_which_body_needs_a_quote_naming_one() -> None:
    text = "推动成立广东省5G行业应用产业技术创新联盟，整合运营商、设备商、科研机构和标准研究机构等多方力量。"
    ps = _one(text, "省科技厅：5G行业应用", "gd", "广东省数字经济发展指引")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("广东省5G行业应用产业技术创新联盟的理事长单位是哪家？", ps).found
    led = "省工业和信息化厅牵头组织中国信息通信研究院等单位编写了本指引。"
    ps = _one(led, "前言", "gd", "广东省数字经济发展指引")
    assert answerer.answer("这份指引还请了哪家研究机构一起编？", ps).found
    numbered = "着力建设电子五所车联网综合测试验证公共服务平台等人工智能开放创新平台。"
    ps = _one(numbered, "2.构建开放协同创新平台体系", "ai", "广州市人工智能产业链行动计划")
    assert answerer.answer("车联网综合测试验证平台是哪家单位的？", ps).found
    schools = "新建三所高校车联网综合测试验证公共服务平台。"
    ps = _one(schools, "2.构建开放协同创新平台体系", "ai", "广州市人工智能产业链行动计划")
    assert not answerer.answer("车联网综合测试验证平台是哪家单位的？", ps).found


def test_an_outcome_question_is_not_answered_by_a_target() -> None:
    text = "——到 2022 年，广州试验区内软件和信息技术服务业营业收入规模超 600 亿元。"
    ps = _one(text, "第四条", "gz", "广州试验区产业导则")
    answerer = ExtractiveAnswerer(AnswerSettings())
    refused = answerer.answer("试验区2022年软件和信息技术服务业实际营收做到了多少？", ps)
    assert not refused.found
    assert refused.text.startswith("在现有文件中未找到") and "只给出了目标值" in refused.text
    assert answerer.answer("试验区2022年软件和信息技术服务业营收目标是多少？", ps).found


def test_a_figure_under_a_goals_heading_is_a_target() -> None:
    text = "数字经济产业体系初步形成，数字经济重点企业数量超过 30 家，形成一批细分领域领军企业。"
    ps = _one(text, "二、总体要求 › （三）发展目标", "hd", "花都数字经济规划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    refused = answerer.answer("花都现在已经有多少家数字经济重点企业了？", ps)
    assert not refused.found and "只给出了目标值" in refused.text
    assert answerer.answer("花都数字经济重点企业要发展到多少家？", ps).found


def test_a_target_the_question_states_does_not_make_it_a_target_question() -> None:
    text = (
        "实施“一十百千”发展计划，建设 10个人工智能产业园，打造 100个人工智能典型应用场景，"
        "到 2023年，全市人工智能综合实力位居全国前列。"
    )
    ps = _one(text, "二、工作目标", "ai", "广州市人工智能产业链行动计划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    stated = "广州计划打造的100个人工智能典型应用场景，到2023年底实际建成了多少个？"
    assert not answerer.answer(stated, ps).found
    assert answerer.answer("广州原计划建多少个人工智能产业园，实际建成了多少个？", ps).found


def test_a_figure_the_plan_blanked_out_is_not_an_answer() -> None:
    text = (
        "到2025年，制造业数字化研发设计工具普及率超过*%，重点行业关键工序数控化率达到*%，"
        "引进和培育两化融合贯标企业 30 家。"
    )
    ps = _one(text, "（三）发展目标", "hm", "花都先进制造业规划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    blanked = "到2025年，花都重点行业关键工序数控化率目标是多少？"
    stated = "到2025年，两化融合贯标企业要培育多少家？"
    assert not answerer.answer(blanked, ps).found
    assert answerer.answer(stated, ps).found


def test_an_award_the_question_names_must_be_quoted() -> None:
    text = "“十三五”期间，1家企业获国家科技进步奖，2家企业获省科技进步奖，全区绿色制造加快发展。"
    ps = _one(text, "（一）“十三五”取得的成就", "hm", "花都先进制造业规划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("花都有多少家企业获评国家级绿色工厂？", ps).found
    assert answerer.answer("花都有多少家企业获得国家科技进步奖？", ps).found


def test_a_refusal_without_a_specific_reason_says_only_that_nothing_was_found() -> None:
    answer = ExtractiveAnswerer(AnswerSettings()).answer("量子通信卫星发射计划", passages())
    assert not answer.found
    assert answer.text == "在现有文件中未找到与该问题直接相关的内容。下面列出的段落可能相关，请核对原文。"


def test_a_which_year_question_needs_a_year() -> None:
    text = "签约落户东风日产技术中心、采埃孚华南研发中心，与东风日产共同推进智能网联示范区建设。"
    ps = _one(text, "（一）“十三五”主要成就", "hd", "花都数字经济规划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    refused = answerer.answer("东风日产技术中心是哪一年签约落户花都的？", ps)
    assert not refused.found and "没有写明是哪一年" in refused.text
    dated = "2019年，签约落户东风日产技术中心，共同推进智能网联示范区建设。"
    ps = _one(dated, "（一）“十三五”主要成就", "hd", "花都数字经济规划")
    assert answerer.answer("东风日产技术中心是哪一年签约落户花都的？", ps).found


def test_which_one_person_asks_for_a_name_even_beside_duty_words() -> None:
    text = "建立由分管市领导负责，市工业和信息化局牵头、相关部门配合的工作机制，主抓试验区产业发展工作。"
    ps = _one(text, "第十二条", "gz", "广州试验区产业导则")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("负责试验区产业发展工作的分管市领导是哪一位？", ps).found
    assert answerer.answer("试验区产业发展工作由哪个部门牵头？", ps).found


def test_a_firm_asked_with_its_trade_needs_a_firms_name_not_a_system() -> None:
    text = "引进专业箱包皮具行业 ERP系统软件开发企业，共同开发箱包产业链协同制造平台。"
    ps = _one(text, "广州市花都区：狮岭镇箱包平台", "gd", "广东省数字经济发展指引")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("狮岭箱包产业链协同制造平台是哪家软件公司开发的？", ps).found
    named = "由广州盛原成科技有限公司开发箱包产业链协同制造平台。"
    ps = _one(named, "广州市花都区：狮岭镇箱包平台", "gd", "广东省数字经济发展指引")
    assert answerer.answer("狮岭箱包产业链协同制造平台是哪家软件公司开发的？", ps).found


def test_a_firm_named_without_a_company_suffix_answers_a_which_firm_question() -> None:
    answerer = ExtractiveAnswerer(AnswerSettings())
    for text in (
        "支持联友出行打造一站式服务平台，加强与中国汽车工程学会的合作，培育汽车智能共享出行产业。",
        "重点推动测试场建设项目，联合本区重点企业（联友科技）参与网联示范区项目，培育汽车智能共享出行产业。",
    ):
        ps = _one(text, "1.汽车制造", "hm", "花都先进制造业规划")
        assert answerer.answer("花都发展汽车智能共享出行，规划支持哪家企业？", ps).found
    unnamed = "支持龙头企业打造一站式服务平台，培育汽车智能共享出行产业。"
    ps = _one(unnamed, "1.汽车制造", "hm", "花都先进制造业规划")
    assert not answerer.answer("花都发展汽车智能共享出行，规划支持哪家企业？", ps).found


def test_the_target_a_question_states_does_not_answer_how_far_it_got() -> None:
    text = (
        "加速 5G 技术在重点商圈的应用场景布局，培育 100 家 5G 应用领域创新型企业。"
        "到2022年，全市培育200家5G应用领域创新型企业。"
    )
    ps = _one(text, "专栏 1：5G网络建设工程", "hd", "花都数字经济规划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    refused = answerer.answer("花都要培育100家5G应用领域创新型企业，目前已经培育出多少家了？", ps)
    assert not refused.found and "只给出了目标值" in refused.text
    assert answerer.answer("花都要培育多少家5G应用领域创新型企业？", ps).found


def test_a_part_of_a_stated_rate_needs_the_part() -> None:
    text = "2020 年，花都区规模以上工业总产值 2715 亿元；其中，工业技术改造投资增长 74.0%。"
    ps = _one(text, "（一）“十三五”主要成就", "hd", "花都数字经济规划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    refused = answerer.answer("2020年花都工业技术改造投资增长了74.0%，其中汽车行业的技改投资增长了多少", ps)
    assert not refused.found and "没有按所问的部分细分" in refused.text
    assert answerer.answer("2020年花都工业技术改造投资增长了多少？", ps).found


def test_a_part_of_a_sum_the_question_points_back_to_needs_the_part() -> None:
    text = "2020年，花都获得省工信厅“上云上平台”奖补资金近 1800万元，用户数居全市第一。"
    ps = _one(text, "（一）“十三五”主要成就", "hd", "花都数字经济规划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    question = "花都2020年拿到省工信厅近1800万的“上云上平台”奖补，这笔钱里汽车企业分到了多少？"
    refused = answerer.answer(question, ps)
    assert not refused.found and "没有按所问的部分细分" in refused.text
    assert answerer.answer("花都2020年拿到省工信厅多少“上云上平台”奖补？", ps).found
    text = "充分利用中央、省、市各级财政资金，累计安排超过 5000万元财政资金，支持一批超高清视频企业发展。"
    ps = _one(text, "中山市：超高清视频", "gd", "广东省数字经济发展指引")
    assert not answerer.answer("中山那5000多万元财政资金里，省级财政出了多少？", ps).found
    assert not answerer.answer("中山累计安排超过5000万元财政资金，这里面省级财政出了多少？", ps).found


def test_a_city_no_quoted_passage_mentions_is_not_answered_by_another_citys_sentence() -> None:
    text = "发挥花都与清远地缘相近的优势，通过广清城际南延线的建设，将清远纳入广州 30 分钟经济圈。"
    ps = _one(text, "4.加快区域协同创新发展", "hd", "花都数字经济规划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("花都规划打算通过交通建设把肇庆纳入广州多少分钟的经济圈？", ps).found
    assert answerer.answer("花都规划打算通过交通建设把清远纳入广州多少分钟的经济圈？", ps).found


def test_the_city_asked_about_is_not_answered_by_the_city_the_question_states_a_fact_of() -> None:
    text = "广州市拥有一大批国家重点高校和科研院所，现有 21 家国家重点实验室、256家省重点实验室。"
    ps = _one(text, "一、发展基础", "ai", "广州市人工智能产业链行动计划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("广州有21家国家重点实验室，深圳有多少家？", ps).found
    assert answerer.answer("深圳的不算，广州有多少家国家重点实验室？", ps).found


def test_a_target_question_is_not_answered_by_results_alone() -> None:
    text = (
        "智慧医共体平台覆盖全县 53万人，使 65%以上的患者在基层医疗卫生机构就诊，更有利实现百姓得实惠的目标。"
    )
    ps = [
        Passage(text, "gd", "广东省数字经济发展指引", "郁南县：智慧医共体 › 三、取得成效", 0.9, 0, len(text))
    ]
    answerer = ExtractiveAnswerer(AnswerSettings())
    refused = answerer.answer("郁南县搞县域医共体的时候，当初定的基层就诊率目标是多少？", ps)
    assert not refused.found and "没有写当初定的目标" in refused.text
    assert answerer.answer("郁南县医共体平台让多少比例的患者在基层就诊？", ps).found


def test_a_sum_of_another_measure_does_not_answer_an_output_question() -> None:
    text = "设立首期 5000万元专项资金扶持松山湖软件产业发展，新一代信息技术产业年产值 1200 亿元。"
    ps = _one(text, "东莞市：松山湖", "gd", "广东省数字经济发展指引")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert answerer.answer("松山湖新一代信息技术产业一年产值有多少亿元？", ps).found
    funded = "设立首期 5000万元专项资金扶持松山湖新一代信息技术产业发展，每年评审一次。"
    ps = _one(funded, "东莞市：松山湖", "gd", "广东省数字经济发展指引")
    assert not answerer.answer("松山湖新一代信息技术产业一年产值有多少亿元？", ps).found
    assert not answerer.answer("松山湖新一代信息技术产业一年产值有多少？", ps).found


def test_an_output_figure_of_another_year_does_not_answer_for_the_asked_year() -> None:
    text = (
        "2021 年深圳市信息传输、软件和信息技术服务业增加值 3511.6亿元，同比增长 10.7%。"
        "组织实施 2022 年数字经济产业扶持计划，重点支持高端软件、信息技术应用创新等7大领域。"
    )
    ps = _one(text, "深圳市：软件产业", "gd", "广东省数字经济发展指引")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("深圳2022年信息传输、软件和信息技术服务业增加值是多少？", ps).found
    assert answerer.answer("深圳2021年信息传输、软件和信息技术服务业增加值是多少？", ps).found


def test_an_amount_per_item_is_not_answered_by_a_total() -> None:
    text = "自 2018年起部署垂直应用示范等共 35个项目，累计投入 12.31亿元（其中财政资金投入 4.38亿元）。"
    ps = _one(text, "省科技厅：5G行业应用", "gd", "广东省数字经济发展指引")
    answerer = ExtractiveAnswerer(AnswerSettings())
    refused = answerer.answer("省科技厅对每个5G示范项目补助多少钱？", ps)
    assert not refused.found and "没有写明每一个" in refused.text
    assert answerer.answer("省科技厅的5G示范项目一共投入多少钱？", ps).found
    capped = "对入选项目给予资金支持，每个项目最高补助 500 万元。"
    ps = _one(capped, "省科技厅：5G行业应用", "gd", "广东省数字经济发展指引")
    assert answerer.answer("省科技厅对每个5G示范项目补助多少钱？", ps).found


def test_an_exact_count_is_not_answered_by_a_rough_one() -> None:
    answerer = ExtractiveAnswerer(AnswerSettings())
    question = "花都汽车产业基地具体集聚了多少家汽车零部件企业？"
    for count, found in (("几百", False), ("326", True)):
        text = f"花都汽车产业基地拥有东风日产乘用车总部，产值达1857.50亿元，集聚了{count}家零部件企业。"
        ps = _one(text, "3.重点产业发展势头强劲", "hm", "花都先进制造业规划")
        assert answerer.answer(question, ps).found is found


def test_which_one_is_answered_by_a_firm_named_before_its_kind() -> None:
    text = "继续推进航天云网等工业互联网软件服务企业进驻花都，推进工业互联网与制造业深度融合。"
    ps = _one(text, "2.工业互联网", "hd", "花都数字经济规划")
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert answerer.answer("工业互联网软件服务企业这块，花都还想继续引进哪家？", ps).found
    general = "继续推进工业互联网软件服务企业进驻花都，推进工业互联网与制造业深度融合。"
    ps = _one(general, "2.工业互联网", "hd", "花都数字经济规划")
    assert not answerer.answer("工业互联网软件服务企业这块，花都还想继续引进哪家？", ps).found


def test_an_area_no_quote_names_is_one_the_zone_does_not_have() -> None:
    answerer = ExtractiveAnswerer(AnswerSettings())
    text = "琶洲重点发展移动互联网、云计算与大数据应用、人工智能等产业。鱼珠片区重点发展区块链产业。"
    ps = _one(text, "第五条", "gz", "广州试验区产业导则")
    assert not answerer.answer("试验区里的天河智慧城片区重点发展哪些产业？", ps).found
    assert answerer.answer("试验区里的鱼珠片区重点发展哪些产业？", ps).found
    assert answerer.answer("试验区哪个片区重点发展区块链产业？", ps).found


def test_a_years_value_is_read_from_a_flattened_data_series() -> None:
    prose = "花都区工业经济总量稳步提升，2020年全区规模以上工业总产值2668.21亿元，较2015年增加2.91个百分点。"
    chart = "规模以上工业总产值(亿元）2015年 2016年 2017年 2020年 1952.46 2110.65 2344.85 2668.21"
    ps = _one(prose, "1.综合实力不断壮大", "hm", "花都先进制造业规划")
    ps += [
        Passage(OTHER, "hd", "花都区数字经济规划", "三、发展目标", 0.6, n * 100, n * 100 + len(OTHER))
        for n in (2, 3)
    ]
    ps.append(Passage(chart, "hm", "花都先进制造业规划", "2.加强监督考核", 0.5, 500, 500 + len(chart)))
    answer = ExtractiveAnswerer(AnswerSettings()).answer("花都 规上工业总产值 2015年 是多少", ps)
    assert answer.found and "1952.46" in answer.text


def test_a_shortened_name_is_found_written_out_in_full() -> None:
    text = "实现全县 15个乡镇 169个村居卫生站专线网络全覆盖，用于承载郁南县医疗业务系统。"
    section = "云浮市郁南县：加强县域医疗共同体建设 › 二、主要做法"
    ps = [Passage(text, "gd", "广东省数字经济发展指引", section, 0.9, 0, len(text))]
    answer = ExtractiveAnswerer(AnswerSettings()).answer("郁南县的医共体，卫生专线网络铺到了多少个乡镇？", ps)
    assert answer.found and "15个乡镇" in answer.text


def test_a_units_cell_in_a_passage_not_retrieved_is_read_from_the_index() -> None:
    task = "14 智慧物流建设工程。物流机器人。开展无人机自动物流配送。智能仓库。推行智能仓库改造。"
    units = "区科技工业商务信息化局牵头，区交通运输局、花东镇、花山镇、空港委配合\n15 智能海关。"
    tail = task[task.index("智能仓库") :] + units
    start = len(task) - len(task[task.index("智能仓库") :])
    retrieved = Passage(task, "hd", "花都数字经济规划", "任务分解表", 0.9, 0, len(task))
    following = Passage(tail, "hd", "花都数字经济规划", "任务分解表", 0.0, start, start + len(tail))
    outline = Outline.from_passages([retrieved, following])
    answerer = ExtractiveAnswerer(AnswerSettings(), outline=outline)
    answer = answerer.answer("花都智慧物流建设工程在任务分解表里由哪个部门牵头？哪些单位配合？", [retrieved])
    assert answer.found and "花山镇" in answer.text
    assert ExtractiveAnswerer(AnswerSettings()).answer(answer.question, [retrieved]).text.count("花山镇") == 0


def test_a_document_number_question_quotes_the_annex_row_from_the_named_document_on() -> None:
    body = "在 2017 年国务院印发的《新一代人工智能发展规划》中，我国新一代人工智能发展战略得以明确。"
    annex = (
        "7 《“十四五”数字经济发展规划》 国发〔2021〕29号8 《新一代人工智能发展规划》 国发〔2017〕35号"
        "9 《广东省新一代人工智能发展规划》 粤府〔2018〕64号"
    )
    ps = _one(body, "（二）发展机遇", "hd", "花都区数字经济规划") + _one(
        annex, "附录 1 相关政策文件", "gd", "指引"
    )
    answer = ExtractiveAnswerer(AnswerSettings()).answer("《新一代人工智能发展规划》的文号是多少？", ps)
    assert answer.found and any(
        c.quote.startswith("《新一代人工智能发展规划》 国发〔2017〕35号") for c in answer.citations
    )


def _with_chart(passages: list[Passage], chart: str) -> list[Passage]:
    """``passages`` and, below them, the manufacturing plan's appendix chart run ``chart``."""
    return [
        *passages,
        Passage(chart, "hm", "花都先进制造业规划", "2.加强监督考核", 0.5, 500, 500 + len(chart)),
    ]


def test_one_series_of_a_flattened_chart_is_quoted_on_its_own() -> None:
    prose = "高新技术企业总量 739 家，规模以上工业企业建立研发机构 761 家。"
    chart = (
        "高新技术企业数量（家）2015年 2016年 2017年 2018年 2019年 2020年 117 269 485 656 735 767 "
        "工业企业建立研发机构数量（家）2015年 2016年 2017年 2018年 2019年 2020年 153 209 322 409 531 560"
    )
    ps = _with_chart(_one(prose, "一、发展基础", "hd", "花都区数字经济规划"), chart)
    answer = ExtractiveAnswerer(AnswerSettings()).answer("花都高新技术企业2017年和2018年分别有多少家？", ps)
    assert answer.found
    assert [c.quote for c in answer.citations] == [chart[: chart.index(" 工业企业")]]


def test_a_series_of_another_measure_does_not_answer_a_years_figure() -> None:
    prose = "2020年全区规模以上工业增加值为607.85亿元，较2015年增加20.44亿元。"
    chart = (
        "规模以上工业总产值(亿元）2015年 2016年 2017年 2018年 2019年 2020年 1952.46 2110.65 2344.85 "
        "2546.92 2625.85 2668.21 规上先进制造业增加值（亿元）2015年 2016年 2017年 2018年 2019年 2020年 "
        "394.12 399.2 437.49 507.4 520.91 483.24"
    )
    ps = _with_chart(_one(prose, "1.综合实力不断壮大", "hm", "花都先进制造业规划"), chart)
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert not answerer.answer("2018年花都规模以上工业增加值是多少亿元？", ps).found
    assert "507.4" in answerer.answer("2018年花都规上先进制造业增加值是多少亿元？", ps).text


def test_a_keyword_query_ending_on_a_measure_asks_for_its_figure() -> None:
    prose = "2020年全区规模以上装备制造业增加值468.04亿元，占规模以上工业增加值比重76.99%。"
    chart = (
        "规上装备制造业增加值（亿元）2015年 2016年 2017年 2018年 2019年 2020年 "
        "391.66 401.71 443.04 501.39 514.48 468.04"
    )
    ps = _with_chart(_one(prose, "2.产业结构优化升级", "hm", "花都先进制造业规划"), chart)
    answerer = ExtractiveAnswerer(AnswerSettings())
    assert "514.48" in answerer.answer("花都 2019年 规上装备制造业增加值", ps).text
    table = "13 鸿利光电 LED 新型背光显示项目 新型显示14 海同智能装备项目先进设备制造"
    assert not answerer.answer(
        "花都 重点项目表 鸿利光电背光显示项目 总投资", _one(table, "附件二：重点项目表")
    ).found


def test_the_other_plans_sentence_in_a_comparison_is_not_a_bare_heading() -> None:
    own = "支持申发机电、远能物流、普华灵动机器人等企业提升机器人产品智能化水平。"
    other = "2.智能装备和机器人\n支持远能物流、普华灵动、德恒等智能装备企业做大做强。"
    section = "四、构建先进制造新体系 › （二）做大战略性新兴产业 › 2.智能装备和机器人"
    ps = _one(own, "五、主要任务", "hd", "花都区数字经济规划")
    ps.append(Passage(other, "hm", "花都先进制造业规划", section, 0.8, 500, 500 + len(other)))

    def candidate(n: int, text: str, score: float) -> Candidate:
        start = ps[n].start + ps[n].text.index(text)
        return Candidate(n, start, start + len(text), text, frozenset(), score, flat=text)

    best = candidate(0, own, 0.92)
    heading = candidate(1, "2.智能装备和机器人", 0.87)
    firms = candidate(1, other.split("\n")[1], 0.80)
    assert _from_another_plan(best, [best, heading, firms], ps) is firms


def test_a_share_the_plan_leaves_at_a_certain_proportion_is_refused() -> None:
    case = (
        "属地政府给予企业一定比例的平台使用费用返还优惠，推动企业上云上平台。"
        "属地政府推动企业上平台后，平台企业协同效率提升40%、成本降低10%。"
    )
    stated = "属地政府按平台使用费用的30%给予企业返还优惠，推动企业上云上平台。"
    question = "属地政府给企业返还平台使用费的比例是多少？"
    answerer = ExtractiveAnswerer(AnswerSettings())
    refused = answerer.answer(
        question, [Passage(case, "gd", "广东省数字经济发展指引", "案例", 0.9, 0, len(case))]
    )
    assert not refused.found and "一定比例" in refused.text
    answered = answerer.answer(
        question, [Passage(stated, "gd", "广东省数字经济发展指引", "案例", 0.9, 0, len(stated))]
    )
    assert answered.found and "30%" in answered.text


def test_which_of_two_places_has_more_needs_a_comparison_or_a_figure_for_each() -> None:
    answerer = ExtractiveAnswerer(AnswerSettings())
    question = "广州和深圳建成的5G基站，哪个更多？"
    for text, found in (
        ("加快广州南沙、深圳前海等重点区域5G网络建设。惠州市累计建成5G基站7127座。", False),
        ("广州累计建成5G基站4.8万座，深圳累计建成5G基站5.1万座，加快5G网络建设。", True),
        ("深圳建成的5G基站数量高于广州，加快广州、深圳5G网络建设。", True),
    ):
        ps = _one(text, "一、发展路径", "gd", "广东省数字经济发展指引")
        assert answerer.answer(question, ps).found is found, text


def test_a_year_from_a_sentence_about_something_else_does_not_date_the_asked_thing() -> None:
    shares = {"第一个": 0.02, "广东": 0.3, "数据": 0.4, "海关": 0.002, "试点": 0.05, "启动": 0.03}
    answerer = ExtractiveAnswerer(AnswerSettings(), document_share=shares.get)
    question = "广东第一个“数据海关”试点是哪一年启动的？"
    text = (
        "在广州南沙、深圳前海等有条件地区探索建立“数据海关”，开展跨境数据流通的审查、评估等工作。"
        "拟以珠三角地区主要城市为“粤读通”第一批试点于2021-2022年先行实施，推进数据跨境流通。"
    )
    assert not answerer.answer(question, _one(text, "二、发展路径", "gd", "广东省数字经济发展指引")).found
    dated = "2021年，广东在广州南沙启动首个“数据海关”试点，开展跨境数据流通的审查、评估等工作。"
    assert answerer.answer(question, _one(dated, "二、发展路径", "gd", "广东省数字经济发展指引")).found


def test_which_n_quotes_a_sentence_listing_n_items_of_the_asked_kind() -> None:
    lead = (
        "本着“优势互补、协同服务、积极推进、共创价值”的原则，依托花都区与中国电子商会的战略合作，"
        "围绕电子信息产业的产业定位、行业宣传、招商引资、专业人才培养等方面开展全面合作。"
    )
    parks = "花都区与中国电子商会合作，建设“新一代信息技术科创产业园”和“国家级数字平台经济产业园”。"
    belts = "花都区与中国电子商会合作，形成“东、西”两大产业带，即东部产业带和西部产业带。"
    ps = [
        Passage(lead, "hd", "花都区数字经济规划", "3.电子信息", 0.9, 0, len(lead)),
        Passage(belts + parks, "hd", "花都区数字经济规划", "3.电子信息", 0.5, 900, 900 + len(belts + parks)),
    ]
    q = analyze("花都跟中国电子商会合作，按什么原则？要建哪两个园？")
    ranked = sorted(sentence_candidates(q, ps, frozenset(), 400), key=lambda c: c.score, reverse=True)
    best = next(c for c in ranked if c.text == lead)
    listing = _list_of_asked_count(q, ranked, best)
    assert listing is not None and listing.text == parks  # two parks, not the two belts
    assert _list_of_asked_count(q, ranked, listing) is None  # the best already lists them


def test_a_question_naming_two_plans_quotes_up_to_two_sentences_of_each() -> None:
    """Each plan's part of a comparison often takes two sentences (its 2022 and its 2025 targets)."""
    names = DocumentNames({"gz": ["广州试验区产业导则"], "ai": ["广州人工智能产业链三年行动计划"]})
    ps = _one(
        "到2022年，试验区产业规模初步形成。到2025年，优势产业集聚水平显著提升。",
        "第四条",
        "gz",
        "广州试验区产业导则",
    )
    plan = (
        "到2023年，全市人工智能产业链综合实力位居全国前列。人工智能产业链三年行动计划实施期为2021年至2023年。"
        "提升人工智能产业链发展水平。"
    )
    ps += _one(plan, "二、工作目标", "ai", "广州人工智能产业链三年行动计划")
    answer = ExtractiveAnswerer(AnswerSettings(), names=names).answer(
        "试验区产业导则和人工智能产业链三年行动计划的目标年份分别是哪几年？", ps
    )
    assert answer.found and all(year in answer.text for year in ("2022", "2023", "2025"))
