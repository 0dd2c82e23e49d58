"""List questions answered by a section's sub-headings, found from the passages' section paths."""

from __future__ import annotations

from assistant.answering.extractive import ExtractiveAnswerer
from assistant.answering.outline import Outline
from assistant.question import analyze
from assistant.settings import AnswerSettings
from assistant.types import Passage

TITLE = "花都区人工智能与数字经济发展规划"
ROOT = "三、总体要求 › （三）基本原则"
DOC = (
    "（三）基本原则\n"
    "1.政府引导、市场运作\n加强政府顶层设计，做好统筹协调。\n"
    "2.需求引领、创新发展\n把满足需求作为建设的着力点。\n"
    "3.适度超前、均衡布局\n超前规划布局新一代基础设施。\n"
)


def _passages() -> list[Passage]:
    """The section split over two passages, as the chunker leaves it (offsets in DOC + 1000)."""
    cut = DOC.index("3.适度超前")
    first, second = DOC[:cut], DOC[cut:]
    sections = tuple(
        (1000 + DOC.index(h), f"{ROOT} › {h}") for h in ("1.政府引导、市场运作", "2.需求引领、创新发展")
    )
    return [
        Passage(first, "hd", TITLE, ROOT, 0.9, 1000, 1000 + cut, sections=sections),
        Passage(second, "hd", TITLE, f"{ROOT} › 3.适度超前、均衡布局", 0.5, 1000 + cut, 1000 + len(DOC)),
    ]


def test_outline_recovers_each_heading_and_its_place() -> None:
    outline = Outline.from_passages(_passages())
    children = outline.children("hd", tuple(ROOT.split(" › ")))
    assert [c.path[-1] for c in children] == [
        "1.政府引导、市场运作",
        "2.需求引领、创新发展",
        "3.适度超前、均衡布局",
    ]
    assert all(DOC[c.start - 1000 : c.end - 1000] == c.path[-1] for c in children)


def test_a_list_question_naming_the_section_gets_every_sub_heading_cited_where_it_stands() -> None:
    passages = _passages()
    answerer = ExtractiveAnswerer(AnswerSettings(), outline=Outline.from_passages(passages))
    answer = answerer.answer("花都发展数字经济坚持哪几条基本原则？", passages[:1])
    assert answer.found
    assert [c.quote for c in answer.citations] == [
        "1.政府引导、市场运作",
        "2.需求引领、创新发展",
        "3.适度超前、均衡布局",
    ]
    third = answer.citations[2]
    assert (
        answer.passages[third.passage_index]
        .text[third.start - answer.passages[third.passage_index].start :]
        .startswith("3.适度")
    )
    assert third.section.endswith("3.适度超前、均衡布局")


def test_questions_that_do_not_name_the_section_are_answered_from_sentences() -> None:
    outline = Outline.from_passages(_passages())
    assert outline.answer_list(analyze("花都有哪些基础设施要超前布局？"), _passages()) is None
    assert (
        outline.answer_list(analyze("花都2019年坚持哪几条基本原则？"), _passages()) is None
    )  # a year it lacks
    assert outline.answer_list(analyze("原则上花都基本发展哪几类产业？"), _passages()) is None  # out of order
    answerer = ExtractiveAnswerer(AnswerSettings(), outline=outline)
    two_parts = answerer.answer("花都坚持哪几条基本原则？政府要做好什么？", _passages())
    assert "统筹协调" in two_parts.text


def test_a_list_asked_beside_another_question_is_added_to_the_sentences() -> None:
    """The sentences answer 政府要做好什么; the section the question names lists the principles."""
    passages = _passages()
    answerer = ExtractiveAnswerer(AnswerSettings(), outline=Outline.from_passages(passages))
    answer = answerer.answer("花都坚持哪几条基本原则？政府要做好什么？", passages)
    quotes = [c.quote for c in answer.citations]
    assert any("统筹协调" in q for q in quotes)
    assert quotes[-3:] == ["1.政府引导、市场运作", "2.需求引领、创新发展", "3.适度超前、均衡布局"]
    assert [c.n for c in answer.citations] == list(range(1, len(quotes) + 1))


def test_a_question_naming_one_sub_section_is_not_answered_with_its_siblings() -> None:
    passages = _passages()
    outline = Outline.from_passages(passages)
    assert outline.answer_list(analyze("花都基本原则有哪几条？"), passages) is not None
    assert outline.answer_list(analyze("基本原则里的需求引领 创新发展 包括哪些内容？"), passages) is None


def test_a_quoted_term_names_the_section_it_stands_in() -> None:
    head = "（四）开展稳链行动，积极构建产业发展创新生态"
    text = f"{head}\n1.推动企业发展。支持企业。\n2.建设人才体系。培养人才。\n"
    sections = tuple((text.index(h), f"{head} › {h}") for h in ("1.推动企业发展", "2.建设人才体系"))
    passage = Passage(
        text, "gz", "广州市人工智能产业链三年行动计划", head, 0.9, 0, len(text), sections=sections
    )
    passages = [passage]
    outline = Outline.from_passages(passages)
    listed = outline.answer_list(analyze("行动计划里的“稳链行动”具体包括哪几项任务？"), passages)
    assert listed is not None and [h.path[-1] for h in listed] == ["1.推动企业发展", "2.建设人才体系"]
    assert outline.answer_list(analyze("稳链行动具体包括哪几项任务？"), passages) is None


def test_sub_headings_that_are_not_the_things_asked_for_do_not_answer() -> None:
    """基本原则's sub-headings are no 产业; 原则, 内容 or a bare 哪几条 they do answer."""
    passages = _passages()
    outline = Outline.from_passages(passages)
    assert outline.answer_list(analyze("花都坚持基本原则，依托哪些重点产业？"), passages) is None
    assert outline.answer_list(analyze("花都的基本原则包括哪些内容？"), passages) is not None


def _numbered() -> list[Passage]:
    box = "专栏 2：数据中心建设工程\n合理布局建设各类数据中心。"
    part = "第十一篇 服务支撑体系\n完善数字经济服务支撑。"
    article = "第五条根据广州试验区的空间格局统筹各片区差异化布局。"
    aims = "二、指导思想和工作目标\n到2023年，全市人工智能综合实力位居全国前列。"
    return [
        Passage(aims, "gz-ai", "广州市人工智能产业链行动计划", "二、指导思想和工作目标", 0.6, 0, len(aims)),
        Passage(box, "hd", TITLE, "四、主要任务 › 专栏 2：数据中心建设工程", 0.9, 0, len(box)),
        Passage(part, "gd", "广东省数字经济发展指引", "第十一篇 服务支撑体系", 0.8, 0, len(part)),
        Passage(article, "gz", "广州试验区产业导则", "第三章 产业布局 › 第五条", 0.7, 0, len(article)),
    ]


def test_a_numbered_part_no_document_has_is_found_missing() -> None:
    outline = Outline.from_passages(_numbered())
    assert outline.missing_part("规划里的专栏18讲的是哪项工程？") == "专栏18"
    assert outline.missing_part("指引第十二篇讲的是什么？") == "第十二篇"
    assert outline.missing_part("专栏 2 讲的是什么？") is None
    assert outline.missing_part("指引第十一篇讲了什么？") is None
    assert outline.missing_part("导则第五条怎么说？") is None
    # a kind of part the documents do not number by is a loose word for a section
    assert outline.missing_part("花都规划第三章讲了什么？", ["hd"]) is None
    # a part of another document does not count for the one named
    assert outline.missing_part("花都规划的第五条怎么说？", ["hd", "gd"]) is None
    assert outline.missing_part("指引的专栏 2 讲什么？", ["gd"]) is None
    # a plan whose top-level headings are numbered 一、二、 has as many parts
    assert outline.missing_part("行动计划第五部分讲了什么？", ["gz-ai"]) == "第五部分"
    assert outline.missing_part("行动计划第二部分讲了什么？", ["gz-ai"]) is None


def test_a_question_on_a_part_the_plans_do_not_have_is_refused_with_why() -> None:
    passages = _numbered()
    answerer = ExtractiveAnswerer(AnswerSettings(), outline=Outline.from_passages(passages))
    answer = answerer.answer("花都规划里的专栏18讲的是哪项工程？", passages)
    assert not answer.found and "没有所问编号的这一部分" in answer.text
    assert answerer.answer("专栏 2 讲的是哪项工程？", passages).found


def test_the_tasks_a_body_leads_are_the_headings_whose_lead_unit_names_it() -> None:
    head = "（三）开展补链行动"
    tasks = (
        "1.发展核心器件产业。布局智能芯片。（牵头单位：市工业和信息化局，配合单位：市科技局）",
        "2.加快场景应用示范。建设示范场景。（牵头单位：市科技局，配合单位：各区政府）",
        "3.推动智能产品发展。支持智能安防。（牵头单位：市工业和信息化局，配合单位：各区政府）",
    )
    text = f"{head}\n" + "\n".join(tasks) + "\n"
    sections = tuple((text.index(t), f"{head} › {t.split('。')[0]}") for t in tasks)
    title = "广州市人工智能产业链三年行动计划"
    passage = Passage(text, "gz", title, head, 0.9, 0, len(text), sections=sections)
    outline = Outline.from_passages([passage])
    led = outline.led_by(analyze("行动计划的任务里，由市工信局牵头的是哪几项？"))
    assert led is not None and [h.path[-1] for h in led] == ["1.发展核心器件产业", "3.推动智能产品发展"]
    assert outline.led_by(analyze("发展核心器件产业由哪个部门牵头？")) is None
    answer = ExtractiveAnswerer(AnswerSettings(), outline=outline).answer(
        "行动计划的任务里，由市工业和信息化局牵头的是哪几项？", [passage]
    )
    assert [c.quote for c in answer.citations] == ["1.发展核心器件产业", "3.推动智能产品发展"]


def test_a_list_asked_with_who_leads_each_cites_every_heading_and_its_lead_unit() -> None:
    head = "（一）开展固链行动，筑牢产业发展基础"
    tasks = (
        "1.布局前沿基础理论研究。推进深度学习理论研究。（牵头单位：市科技局，配合单位：省实验室）",
        "2.加强重大科技基础设施建设。加快开展预先研究。（牵头单位：市发展改革委，配合单位：市科技局）",
    )
    text = f"{head}\n" + "\n".join(tasks) + "\n"
    sections = tuple((text.index(t), f"{head} › {t.split('。')[0]}") for t in tasks)
    passage = Passage(
        text, "gz", "广州市人工智能产业链三年行动计划", head, 0.9, 0, len(text), sections=sections
    )
    answerer = ExtractiveAnswerer(AnswerSettings(), outline=Outline.from_passages([passage]))
    answer = answerer.answer("“固链行动”包括哪两项任务？分别由哪个部门牵头？", [passage])
    assert [c.quote for c in answer.citations] == [
        "1.布局前沿基础理论研究",
        "牵头单位：市科技局",
        "2.加强重大科技基础设施建设",
        "牵头单位：市发展改革委",
    ]
    asked_otherwise = answerer.answer("“固链行动”包括哪两项任务？各由哪个部门负责？", [passage])
    assert [c.quote for c in asked_otherwise.citations] == [c.quote for c in answer.citations]
    other = answerer.answer("“固链行动”包括哪两项任务？各投入多少资金？", [passage])
    assert "牵头单位" not in other.text


STAGES_ROOT = "第八篇 数据资源开发利用保护 › 广州市海珠区：数据经纪人试点工作方案 › 二、主要做法"
STAGES = (
    "二、主要做法\n"
    "1.摸查调研阶段\n摸查筛选相关重点领域典型企业，确定初步意向企业名单。\n"
    "2.试点推进阶段\n制定内部数据经纪人选取标准，确定首批试点企业名单。\n"
    "3.总结提炼阶段\n总结提炼试点经验，形成可复制可推广的制度性成果。\n"
)


def _stage_passage() -> Passage:
    sections = tuple(
        (STAGES.index(h), f"{STAGES_ROOT} › {h}")
        for h in ("1.摸查调研阶段", "2.试点推进阶段", "3.总结提炼阶段")
    )
    return Passage(
        STAGES, "gd", "广东省数字经济发展指引1.0", STAGES_ROOT, 0.9, 0, len(STAGES), sections=sections
    )


def test_how_many_parts_is_answered_by_the_numbered_headings_naming_them() -> None:
    """No sentence counts the stages; the headings list them, so the question is not refused."""
    passages = [_stage_passage()]
    answerer = ExtractiveAnswerer(AnswerSettings(), outline=Outline.from_passages(passages))
    answer = answerer.answer("海珠区的数据经纪人试点工作方案分成了几个阶段？各阶段叫什么？", passages)
    assert answer.found
    assert [c.quote for c in answer.citations] == ["1.摸查调研阶段", "2.试点推进阶段", "3.总结提炼阶段"]


def test_counted_parts_need_every_sibling_heading_to_name_the_noun() -> None:
    outline = Outline.from_passages([_stage_passage()])
    assert outline.counted_parts(analyze("试点工作方案分成了几个阶段？"), [_stage_passage()]) is not None
    assert outline.counted_parts(analyze("试点工作方案有几个步骤？"), [_stage_passage()]) is None
    assert outline.counted_parts(analyze("试点推进阶段要做什么？"), [_stage_passage()]) is None
