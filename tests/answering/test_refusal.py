from __future__ import annotations

import inspect
import re

from assistant.answering import refusal
from assistant.answering.candidates import sentence_candidates
from assistant.answering.citations import REFUSAL_REASONS
from assistant.answering.refusal import (
    RefusalCheck,
    _abbreviated,
    _area_unstated,
    _blanked,
    _named_areas,
    _named_sites,
    _only_approximate,
    _share_of_another,
    _too_few_listed,
)
from assistant.question import analyze
from assistant.settings import AnswerSettings
from assistant.types import Passage

SETTINGS = AnswerSettings()


def _one(text: str, section: str, doc_id: str = "hm", title: str = "花都先进制造业规划") -> list[Passage]:
    return [Passage(text, doc_id, title, section, 0.9, 0, len(text))]


def _reason(question: str, passages: list[Passage]) -> str | None:
    q = analyze(question)
    quotes = sentence_candidates(q, passages, frozenset(), SETTINGS.max_quote_chars)
    return RefusalCheck(SETTINGS, lambda _word: 0.0).reason(q, quotes, passages, frozenset())


def test_a_quote_holding_the_asked_year_and_figure_answers() -> None:
    ps = _one("2020年，花都区规模以上工业总产值2668.21亿元。", "1.综合实力不断壮大")
    assert _reason("花都2020年规模以上工业总产值是多少？", ps) is None


def test_the_reason_names_what_the_quotes_lack() -> None:
    ps = _one("2020年，花都区规模以上工业总产值2668.21亿元。", "1.综合实力不断壮大")
    assert _reason("花都2018年规模以上工业总产值是多少？", ps) == "anchor"
    assert _reason("花都规模以上工业总产值是哪一天公布的？", ps) == "date"


def test_a_figure_the_plan_blanked_out_is_not_stated() -> None:
    text = (
        "到2025年，制造业数字化研发设计工具普及率超过*%，重点行业关键工序数控化率达到*%，"
        "引进和培育两化融合贯标企业 30 家。"
    )
    ps = _one(text, "（三）发展目标")
    blanked = analyze("到2025年，花都重点行业关键工序数控化率目标是多少？")
    stated = analyze("到2025年，两化融合贯标企业要培育多少家？")
    assert _blanked(blanked, sentence_candidates(blanked, ps, frozenset(), SETTINGS.max_quote_chars))
    assert not _blanked(stated, sentence_candidates(stated, ps, frozenset(), SETTINGS.max_quote_chars))


def test_a_rough_count_of_the_asked_thing_is_only_approximate() -> None:
    q = analyze("花都汽车产业基地具体集聚了多少家汽车零部件企业？")
    for count, approximate in (("几百", True), ("326", False)):
        text = f"花都汽车产业基地拥有东风日产乘用车总部，产值达1857.50亿元，集聚了{count}家零部件企业。"
        quotes = sentence_candidates(q, _one(text, "3.重点产业发展势头强劲"), frozenset(), 400)
        assert _only_approximate(q, quotes) is approximate


def test_a_zones_target_does_not_answer_for_one_of_its_areas() -> None:
    q = analyze("试验区2025年技术合同成交额1700亿元的目标里，琶洲核心片区要贡献多少？")
    for text, unstated in (
        ("——到 2025 年，高新技术企业新增 2400 家、技术合同成交额 1700 亿元。", True),
        ("——到 2025 年，琶洲核心片区技术合同成交额 900 亿元。", False),
    ):
        ps = _one(text, "第四条", "gz", "广州试验区产业导则")
        assert _area_unstated(q, sentence_candidates(q, ps, frozenset(), 400)) is unstated


def test_a_rules_source_before_pian_qu_is_no_area() -> None:
    assert _named_areas("我们是试验区里一个片区的主管部门，按导则片区自己要做哪些事？") == []
    assert _named_areas("试验区的南沙片区有什么定位？") == ["南沙"]


def test_a_shortened_name_is_its_characters_in_order() -> None:
    assert _abbreviated("医共体", "医疗共同体") and _abbreviated("规上", "规模以上") is False
    assert not _abbreviated("医共体", "医疗卫生服务共享的载体")


def test_a_sites_figure_must_come_from_a_sentence_naming_the_site() -> None:
    text = (
        "加快花都数字文化创意园建设，引导云游戏、电竞产业发展。\n"
        "广州试验区构建“一江两岸三片区”的空间格局，总面积约81平方公里。"
    )
    ps = _one(text, "（三）数字创意", "hd", "花都区数字经济规划")
    assert _reason("花都数字文化创意园规划面积多大？", ps) == "site"
    assert _reason("广州试验区总面积多大？", ps) is None
    named = "花都数字文化创意园规划面积约 0.5 平方公里。"
    assert _reason("花都数字文化创意园规划面积多大？", _one(named, "（三）数字创意", "hd")) is None


def test_a_verbs_object_is_no_site() -> None:
    assert _named_sites("试验区各片区需要多长时间向市里报送一次项目情况？") == []
    assert _named_sites("花都湖数字经济集聚区规划面积多大？") == [("花都湖数字经济", "湖数字经济")]
    assert _named_sites("花都的京东亚洲一号项目总投资多少？") == [("京东亚洲一号",)]


def test_which_n_exactly_needs_a_paragraph_listing_that_many() -> None:
    counted = (
        "推动 10 家龙头骨干企业完成工业互联网内网改造，"
        "鼓励汽车、智能装备、音响制造、化妆品等行业企业对接合作。"
    )
    ps = _one(counted, "（二）工业互联网", "hd", "花都区数字经济规划")
    assert _reason("推动内网改造的10家龙头骨干企业，具体是哪10家？", ps) == "list"
    listed = "培育三大产业集群。\n汽车产业集群；\n智能电子产业集群；\n空港产业集群。"
    ps = _one(listed, "（一）产业集群", "hd", "花都区数字经济规划")
    assert _reason("花都要培育的三大产业集群具体是哪三个？", ps) is None


def test_how_many_there_are_now_is_not_answered_by_a_target() -> None:
    text = "——到 2025 年，引进一批人工智能与数字经济骨干企业，骨干企业超过 200 家。"
    ps = _one(text, "第四条", "gz", "广州试验区产业导则")
    assert _reason("试验区里的人工智能与数字经济骨干企业现在有多少家？", ps) == "target"
    assert _reason("试验区到2025年人工智能与数字经济骨干企业要超过多少家？", ps) is None


def test_which_roads_needs_a_quote_naming_a_road() -> None:
    question = "花都那9.4公里开放测试道路都在哪几条路上？"
    unnamed = "花都区9.4公里道路获批广州市首批智能网联汽车开放测试道路，推进车路协同建设。"
    named = "花都区9.4公里道路获批广州市首批智能网联汽车开放测试道路，包括迎宾大道、凤凰北路。"
    assert _reason(question, _one(unnamed, "专栏 7：智慧道路建设工程")) == "road"
    assert _reason(question, _one(named, "专栏 7：智慧道路建设工程")) is None
    belt = _one("西部智能制造产业带集聚智能装备产业集群。", "（一）空间布局")
    assert _reason("智能装备产业集群落在哪条产业带上？", belt) != "road"
    highway = _one(
        "首批建设智慧高速公路试点，鼓励新建高速公路开展BIM等智慧化技术应用。", "3.建设智慧交通基础设施"
    )
    assert _reason("省里建设智慧高速公路，首批试点的是哪几条高速路段？", highway) == "road"  # its own road


def test_two_years_may_be_answered_by_one_quote_each() -> None:
    text = (
        "——到2022年，试验区产业规模初步形成。高新技术企业新增2100家、技术合同成交额1500亿元。"
        "——到2025年，优势产业集聚发展水平显著提升。高新技术企业新增2400家、技术合同成交额1700亿元。"
    )
    ps = _one(text, "第四条", doc_id="gz", title="试验区产业导则")
    question = "试验区高新技术企业新增数从2022年目标到2025年目标提高了多少？"
    assert _reason(question, ps) is None
    assert _reason(question.replace("2022", "2023"), ps) == "anchor"


def test_firms_listed_before_what_they_have_in_common_are_named() -> None:
    question = "花都鼓励哪些骨干企业搭建网络化协同平台？"
    named = "鼓励和支持东风日产、中国电科、国光等具有产业链带动能力的骨干企业建设搭建网络化协同平台。"
    unnamed = "鼓励和支持具有产业链带动能力的骨干企业建设搭建网络化协同平台。"
    assert _reason(question, _one(named, "4.推动工业互联网建设")) is None
    assert _reason(question, _one(unnamed, "4.推动工业互联网建设")) == "firm"


def test_asking_for_the_names_of_n_things_needs_n_listed() -> None:
    ps = _one("花都已有如汽车产业基地、新华工业园、华侨工业园等相对成型的17个产业园区。", "1.产业基础")
    assert _reason("花都这17个产业园区分别叫什么？", ps) == "list"
    assert _reason("花都17个产业园区的完整名单是哪十七个？", ps) == "list"
    parks = _one("“三园”即智能网联汽车产业园、智能电子绿色价值创新园和临空数智云港。", "（二）三大产业园区")
    assert _reason("花都规划的三个产业园区分别叫什么？", parks) is None


def test_headings_and_a_later_paragraphs_list_do_not_name_the_counted_things() -> None:
    """The quote is the count's sentence; what follows it in the passage is read for the items."""
    text = (
        "深圳初步构建4个鲲鹏产业集聚区，全力打造全国鲲鹏产业示范区。\n二、主要做法\n1.建立政策措施体系\n"
        "搭建“1+1+N”的政策体系，第三个“N”包括推广清单、产品目录、应用场景、专项资金等一系列配套措施和扶持政策。"
    )
    areas = "深圳构建4个鲲鹏产业集聚区。\n南山集聚区\n福田集聚区\n龙华集聚区\n龙岗集聚区"
    q = analyze("深圳 鲲鹏产业集聚区 4个 名称")
    for passage, listed in ((text, False), (areas, True)):
        ps = _one(passage, "深圳市：鲲鹏产业", "gd", "广东省数字经济发展指引")
        count = sentence_candidates(q, ps, frozenset(), SETTINGS.max_quote_chars)[:1]
        assert _too_few_listed(q, count, ps) is not listed


def test_a_district_in_brackets_locates_only_the_thing_it_names() -> None:
    platforms = "依托鹏城国家实验室广州基地、华为(南沙)人工智能创新中心等基础研究平台，建造公共服务平台。"
    ps = _one(platforms, "（一）强化创新平台", "ai", "广州市人工智能产业链三年行动计划")
    assert _reason("鹏城国家实验室广州基地建在广州哪个区？", ps) == "district"
    park = _one("广州（花都）临空数智云港重点发展数字贸易、跨境电商。", "三大产业园区", "hd", "花都规划")
    assert _reason("临空数智云港建在广州哪个区？", park) is None


def test_a_share_question_needs_the_share_of_what_it_asks_about() -> None:
    question = "到2025年花都工业增加值占全区GDP的比重目标是多少？"
    other = _one("到2025年，工业增加值增长到639亿元。全区R&D经费占GDP比重达到2.34%。", "（三）发展目标")
    own = _one("——产业规模稳步提升。到2025年，全区工业增加值占GDP比重达到30%。", "（三）发展目标")
    assert _reason(question, other) == "figure"
    assert _reason(question, own) is None
    percent = analyze("到2025年花都工业增加值要占全区GDP的百分之几？")  # asked as 百分之几, not 比重
    assert _share_of_another(percent, sentence_candidates(percent, other, frozenset(), 400))
    assert not _share_of_another(percent, sentence_candidates(percent, own, frozenset(), 400))


def test_a_ratio_question_needs_a_ratio() -> None:
    question = "5G专网的应用效益，运营商和企业之间按什么比例分成？"
    mode = _one("以5G专网承接，通过应用效益分成模式，加速5G专网设施建设。", "一、背景介绍", "gd")
    ratio = _one("以5G专网承接，应用效益由运营商和企业按3:7比例分成。", "一、背景介绍", "gd")
    assert _reason(question, mode) == "figure"
    assert _reason(question, ratio) is None


def test_a_district_plans_figure_does_not_answer_for_the_whole_city() -> None:
    question = "广州全市现在一共开放了多少公里的智能网联汽车测试道路？"
    roads = "9.4公里道路获批广州市首批智能网联汽车开放测试道路。"
    city = "截至2020年底，全市已开放智能网联汽车测试道路200公里。"
    assert _reason(question, _one(roads, "1.产业基础", "hd", "花都区人工智能与数字经济发展规划")) == "anchor"
    assert _reason(question, _one(city, "1.产业基础", "hd", "花都区人工智能与数字经济发展规划")) is None


def test_a_part_of_a_districts_total_is_not_answered_from_another_places_plan() -> None:
    question = "花都739家高新技术企业里，属于数字经济领域的有多少家？"
    firms = "花都区高新技术企业总量739家，规模以上工业企业建立研发机构761家。"
    total = _one(firms, "（一）主要成就", "hd", "花都区规划")
    zone = "到2022年，新增人工智能与数字经济类型企业超过500家，高新技术企业新增2100家。"
    elsewhere = total + _one(zone, "第四条", "gz", "广州人工智能与数字经济试验区产业导则")
    assert _reason(question, elsewhere) == "part"
    own = "花都区高新技术企业总量739家，其中数字经济领域高新技术企业120家。"
    assert _reason(question, _one(own, "（一）主要成就", "hd", "花都区规划")) is None


def test_the_rest_of_a_list_needs_a_sentence_naming_more_than_the_question() -> None:
    question = "粤商通打通的那6个部门，除了市场监管、税务、公安，另外3个是哪些部门？"
    for listed, reason in (
        ("打通市场监管、税务、公安等 6部门业务办理系统", "list"),
        ("打通市场监管、税务、公安、人社、公积金、银行 6部门业务办理系统", None),
    ):
        text = f"“粤商通”平台对接“企业开办一网通办”系统，{listed}。"
        assert _reason(question, _one(text, "二、主要做法", "gd", "广东省数字经济发展指引")) == reason


def test_park_names_layouts_and_a_count_name_no_firm_body_or_city() -> None:
    """2025PARK is a park's name, 布局 no bureau; 哪一家 and 哪几个地市 ask for a name."""
    firms = _one("以广州国光智能电子产业园（2025PARK）为主要载体，大力扶持区内重点企业。", "3.智能电子")
    assert _reason("以广州国光智能电子产业园为载体扶持的是哪几家企业？", firms) == "firm"
    body = _one("吸引国内外优势研究力量，积极融入国家、省重大战略布局。", "1.布局前沿基础理论研究")
    assert _reason("融入重大战略布局的研究力量是哪家单位？", body) == "body"
    count = _one("深圳有22家企业入选2019年中国电子信息百强企业，数量位居全国第一。", "一、案例背景")
    assert _reason("深圳入选电子信息百强的企业里排名第一的是哪一家？", count) == "body"
    section = "2.建设智慧能源基础设施"
    cities = _one("地市层面建立可转移负荷有序充电、V2G（车辆到电网）、充放储一体化运营体系。", section)
    assert _reason("V2G运营体系先在哪几个地市试点？", cities) == "city"
    named = _one("在广州、深圳开展V2G（车辆到电网）运营体系试点。", section)
    assert _reason("V2G运营体系先在哪几个地市试点？", named) is None


def test_how_often_needs_a_period() -> None:
    duty = "省统计主管部门建立数字经济统计监测机制，开展统计调查和监测分析，依法向社会公布。"
    assert (
        _reason("省统计部门的数字经济监测结果规定多久向社会公布一次？", _one(duty, "三、职责分工"))
        == "frequency"
    )
    yearly = "省统计主管部门每年开展数字经济统计监测，依法向社会公布。"
    assert (
        _reason("省统计部门的数字经济监测结果规定多久向社会公布一次？", _one(yearly, "三、职责分工")) is None
    )


def test_how_long_needs_a_span_not_the_sum_or_a_year() -> None:
    loan = "建设银行花都分行2020年累计向该项目发放4.4亿元的基准利率绿色贷款，助推绿色产业发展。"
    section = "5.绿色发展取得积极成效"
    assert _reason("建行花都分行发放的那4.4亿元绿色贷款，贷款期限是几年？", _one(loan, section)) == "duration"
    spanned = loan.replace("绿色贷款", "绿色贷款，期限5年")
    assert _reason("建行花都分行发放的那4.4亿元绿色贷款，贷款期限是几年？", _one(spanned, section)) is None


def test_a_figure_for_another_technology_does_not_answer() -> None:
    """4K users do not answer a question on 8K users, though the question names 4K as its context."""
    users = "发展4K电视用户超过300万户，智慧家庭用户超过50万户。"
    ps = _one(users, "4K电视及数字家庭规模应用", doc_id="gd", title="广东省数字经济发展指引")
    assert _reason("广东广电网络搞4K新数字家庭行动，全省8K电视用户发展到多少户了？", ps) == "figure"
    assert _reason("广东广电网络搞4K新数字家庭行动，全省4K电视用户发展到多少户了？", ps) is None


def test_the_first_batch_needs_a_quote_on_the_first_batch_written_either_way() -> None:
    pilots = "花都以藏书院村、瑞岭村为试点，提升村镇移动信号质量，开展乡村4K超高清视频+5G应用示范。"
    ps = _one(pilots, "2.加强乡村治理能力数字化")
    assert _reason("花都开展乡村4K超高清视频+5G应用示范，首批示范是放在哪几个村？", ps) == "anchor"
    first = pilots.replace("花都以藏书院村", "花都第一批以藏书院村")
    ps = _one(first, "2.加强乡村治理能力数字化")
    assert _reason("花都开展乡村4K超高清视频+5G应用示范，首批示范是放在哪几个村？", ps) is None


def test_what_it_takes_needs_a_condition_or_a_threshold() -> None:
    text = "积极落实和推动“揭榜挂帅”，在人工智能和数字经济领域选拔“领头羊”，培育“尖刀班”。"
    ps = _one(text, "第八条", doc_id="gz", title="广州人工智能与数字经济试验区产业导则")
    question = "试验区导则说要在人工智能和数字经济领域选拔“领头羊”，选拔标准是什么？"
    assert _reason(question, ps) == "criteria"
    stated = text.replace("选拔“领头羊”", "选拔年营收达到5亿元的“领头羊”")
    assert (
        _reason(question, _one(stated, "第八条", doc_id="gz", title="广州人工智能与数字经济试验区产业导则"))
        is None
    )
    below = _one("优先支持设计能源利用效率小于1.3的数据中心。", "专栏 2：数据中心建设工程")
    assert _reason("花都对数据中心的能耗有什么门槛？", below) is None  # a threshold written 小于


def test_a_figure_must_be_for_what_the_question_measures() -> None:
    """A total, or another part of it, does not give the part asked about."""
    patents = "2019年，花都全年专利申请量12170件，下降8.4%；其中发明专利申请量1502件。"
    ps = _one(patents, "5.创新成果转化率有待提升")
    assert _reason("花都2019年专利申请量12170件，那其中实用新型专利申请有多少件？", ps) == "figure"
    assert _reason("花都2019年专利申请量12170件，那其中发明专利申请有多少件？", ps) is None
    cost = _one("“中央工厂”模式使企业生产成本降低15%，产品合格率提升。", "三、取得成效")
    assert _reason("“中央工厂”降本的效果有多大？", cost) is None  # 降本 in 成本降低, a paraphrase


def test_an_either_or_question_needs_a_quote_naming_an_option() -> None:
    rule = "引进一批骨干企业（人工智能与数字经济产品/服务年销售收入2500万元以上），形成产业体系。"
    question = "导则认定骨干企业的年销售收入2500万元，是按上一年度算还是按近三年平均算？"
    assert _reason(question, _one(rule, "第七条", doc_id="gz", title="试验区产业导则")) == "choice"
    stated = rule.replace("年销售收入", "近三年平均年销售收入")
    assert _reason(question, _one(stated, "第七条", doc_id="gz", title="试验区产业导则")) is None
    assert _reason("骨干企业是牵头还是配合？", _one(rule, "第七条")) != "choice"  # a role, not a phrase


def test_a_document_number_must_follow_the_title_asked_about() -> None:
    annex = "1 《数字乡村发展战略纲要》2 《广东数字农业农村发展行动计划（2020-2025年）》粤农农〔2020〕157号"
    ps = _one(annex, "附录 1 相关政策文件", doc_id="gd", title="广东省数字经济发展指引")
    assert _reason("指引附录里的《数字乡村发展战略纲要》文号是多少？", ps) == "document_number"
    assert _reason("指引附录里的《广东数字农业农村发展行动计划（2020-2025年）》文号是多少？", ps) is None


def test_a_count_needs_its_noun_in_a_sentence_stating_a_figure() -> None:
    """The noun a single how-many question counts must stand by a figure in its unit, not only in a
    sentence naming the policy; a question asking more may have its parts answered apart."""
    text = (
        "中山市构建“平台+数字车间+中央工厂+示范园区+产业集群”的数字化转型推进政策体系。"
        "引进培育23个工业和工业互联网类服务平台。"
    )
    ps = _one(text, "中山市：加快平台体系建设", doc_id="gd", title="广东省数字经济发展指引")
    question = "中山“平台+数字车间+中央工厂”体系下，已经建成了多少个数字车间？"
    assert _reason(question, ps) == "counted"
    counted = text.replace("服务平台。", "服务平台，认定数字车间12个。")
    assert _reason(question, _one(counted, "x")) is None


def test_every_refusal_reason_has_a_chinese_explanation() -> None:
    """A reason without an entry would reach the user as a bare refusal, with no word of what is missing."""
    source = inspect.getsource(refusal)
    reasons = set(re.findall(r'return "([a-z_]+)"', source)) | set(re.findall(r'else "([a-z_]+)"', source))
    assert {"frequency", "choice", "city"} <= reasons
    assert reasons <= REFUSAL_REASONS.keys()
    assert all(re.search(r"[\u4e00-\u9fff]", REFUSAL_REASONS[r]) for r in reasons)
