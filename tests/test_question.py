from __future__ import annotations

from assistant.question import (
    RANK,
    analyze,
    asked_unit,
    counted_nouns,
    has_quantity,
    measured_subject,
    states_figure,
)


def test_how_a_question_asks_is_not_one_of_its_terms() -> None:
    q = analyze("花都对数据中心的能耗有什么门槛？主要建多大规模的数据中心？")
    assert "建多" not in q.terms and "大规模" not in q.terms
    assert "规模" in q.terms and "数据中心" in q.terms
    assert q.asks_amount


def test_the_asked_unit_and_anchors_survive() -> None:
    q = analyze("2020年花都有几家企业进了广州市人工智能企业库？")
    assert q.unit == "家" and "2020" in q.anchors
    assert not {"几家", "哪几个"} & set(q.terms)


def test_asking_for_a_share_asks_for_a_percentage() -> None:
    assert analyze("郁南县多少比例的患者能在基层看病？").unit == "%"
    assert analyze("花都规上工业总产值在广州市能占多大份额？").unit == "%"
    assert analyze("花都有多少家高新技术企业？").unit == "家"


def test_a_machine_count_is_not_answered_by_a_count_of_other_things() -> None:
    """多少台 asks for machines: 4.87万个数据类 is a count, but not of them; 多少个 takes any count."""
    unit = asked_unit("“粤智助”政府服务自助机目前全省一共铺了多少台？")
    assert not has_quantity("累计对外共享 4.87 万个数据类", unit)
    assert has_quantity("部署自助机 1.2 万台", unit)
    assert has_quantity("建成5G基站 2986 座", asked_unit("有多少个5G基站？"))
    meetings = asked_unit("“粤视会”累计开了多少场视频会议？")
    assert meetings == "场" and not has_quantity("累计开通用户 230 万", meetings)
    assert has_quantity("累计召开视频会议 3.2 万场", meetings)


def test_policy_compounds_are_one_term_and_short_forms_match_long_ones() -> None:
    from assistant.retrieval.tokenize import coverage, mentions, with_aliases

    q = analyze("花都区2020年数字经济增加值是多少？")
    assert "数字经济" in q.terms
    assert mentions("2020年，全区完成工业技改投资28.62亿元", "技术改造")
    assert mentions("AI企业", "ai") and coverage(["ai", "企业"], "AI企业") == 1.0
    assert "规模以上" in with_aliases("规上工业总产值") and with_aliases("花都") == "花都"


def test_figures_in_chinese_numerals_count_but_plan_names_and_units_do_not() -> None:
    from assistant.question import numbers_in, states_figure

    assert numbers_in("辐射花都区八万余中小微工业企业，千余家规上工业企业") == {"八万余", "千余"}
    assert numbers_in("打造一批“十四五”重点项目，三大产业") == set()
    assert not states_figure("缴纳税收*亿元，从*万元/人增加")


def test_colloquial_definition_questions_ask_for_a_definition() -> None:
    assert analyze("工业互联网标识解析体系是个什么东西？").wants_definition
    assert analyze("柔性电子是什么意思？").wants_definition
    assert analyze("指引里数据资产怎么界定？").wants_definition
    assert not analyze("花都有多少家高新技术企业？").wants_definition


def test_percent_spelled_out_asks_for_a_percentage_and_editions_anchor() -> None:
    assert analyze("试验区到2022年产业数字化渗透率要达到百分之多少？").unit == "%"
    assert "第132届" in analyze("第132届广交会线上参展的企业有多少家？").anchors


def test_a_kind_of_zone_is_not_a_place_and_word_pairs_keep_their_order() -> None:
    from assistant.retrieval.tokenize import phrases, place_names

    assert place_names("肇庆高新区的园区智慧能源平台") == []
    assert "花都区" in place_names("花都区2020年工业增加值")
    assert "招商方式" in phrases("试验区招商引资提倡哪几种招商方式")


def test_a_long_term_partly_present_counts_by_its_character_pairs() -> None:
    from assistant.retrieval.tokenize import coverage

    assert coverage(["管理体制"], "构建建设管理新体制") == 0.0
    assert abs(coverage(["管理体制"], "构建建设管理新体制", by_pairs=True) - 2 / 3) < 1e-9
    assert coverage(["管理体制", "改"], "管理体制", by_pairs=True) == coverage(["管理体制", "改"], "管理体制")


def test_yes_no_asking_words_are_not_terms() -> None:
    q = analyze("有没有区里拿粤政易来做基层治理的例子？")
    assert "有没有" not in q.terms and "基层" in q.terms


def test_the_regions_districts_are_places_even_where_jieba_cuts_them() -> None:
    assert analyze("增城区的人工智能产业园叫什么？").anchors == ["增城区"]
    assert "从化区" in analyze("从化区和南沙区各有几家？").anchors


def test_the_measured_subject_is_what_stands_before_the_last_how_much() -> None:
    assert (
        measured_subject("专利申请量12170件，那其中实用新型专利申请有多少件？") == "那其中实用新型专利申请有"
    )
    assert measured_subject("花都有几家？跟全市比差距多大？") == "跟全市比差距"
    assert measured_subject("给多少个部门提供过数据服务？调用量有多大？") == ""  # two are asked
    assert measured_subject("试验区的空间格局是什么？") == ""


def test_what_a_how_much_question_measures_implies_its_unit() -> None:
    assert asked_unit("那个重点项目总投资是多少？") == "金额"
    assert asked_unit("通过认证以后能拿到多少补助资金？") == "金额"
    assert asked_unit("产业园的规划面积有多大？") == "面积"
    assert asked_unit("企业所得税能减按多少税率缴纳？") == "%"
    assert asked_unit("识别模型的准确率能达到多少？") == "%"  # any rate is a percentage
    assert asked_unit("城区的NB-IoT覆盖率定了多少的量化目标？") == "%"
    assert asked_unit("对园区的5G网络覆盖率有什么量化要求？") == "%"  # quantified asks a figure too
    assert asked_unit("工业互联网内网改造定了什么量化目标？") == ""  # no measure, no unit
    assert asked_unit("生产效率是多少？") == "" and asked_unit("基站的功率是多少？") == ""
    assert asked_unit("“融合应用”这个维度占多大权重？") == "%"  # a weight is a share
    assert asked_unit("工业投资增长了多少？") == ""  # a change is a rate, whatever it measures
    assert asked_unit("“三旧”用地有多大面积，占存量建设用地多少？") == "面积"
    assert asked_unit("花都数字文化创意园规划占地多大？") == "面积"  # 占地 is land, not a share
    assert asked_unit("数字经济核心产业增加值占地区生产总值多少？") == ""  # 占 地区生产总值 is
    assert has_quantity("项目总投资约50亿元", "金额") and has_quantity("按投资额的30%给予补助", "金额")
    assert has_quantity("工业投资5年累计亿元80.34400", "金额")  # a flattened table row: unit, then figures
    chart = "高新技术企业数量（家）2015年 2016年 2017年 117 269 485"  # a flattened chart: unit in the label
    assert has_quantity(chart, "家") and not has_quantity(chart, "元")
    assert not has_quantity("2020年产值达1857.50亿元，年均增长6.0%，集聚企业300家", "面积")
    assert has_quantity("用地图斑共 51.72km²", "面积") and has_quantity("建设占地 2300 亩的测试场", "面积")


def test_editions_in_chinese_numerals_anchor_but_the_first_does_not() -> None:
    assert analyze("松山湖扶持软件产业的专项资金，第二期是多少钱？").anchors == ["第二期"]
    assert analyze("第一批试点有哪些？").anchors == ["首批"]  # 第一批 is as often written 首批
    assert analyze("首批示范是放在哪几个村？").anchors == ["首批"]


def test_a_rank_question_asks_for_a_place_in_a_ranking() -> None:
    assert analyze("花都在广州各区里排第几？").asks_rank
    assert analyze("花都的排名怎么样？").asks_rank
    assert not analyze("花都有多少家企业上云？").asks_rank
    assert all(RANK.search(t) for t in ("排名全市第二", "居全省首位", "全国前10强", "位居第 3 名"))
    assert not RANK.search("位居全国前列，总量较大")


def test_a_list_number_is_not_a_figure() -> None:
    assert not states_figure("2.建设绿色数据中心")
    assert not states_figure("（3）推动企业上云")
    assert states_figure("1.5倍") and states_figure("2.建成5G基站4000座")


def test_a_technology_named_by_a_number_is_not_a_figure() -> None:
    assert not states_figure("推动源城区以 5G产业城为载体，发展4K/8K超高清视频和3D打印")
    assert states_figure("建成5G基站4000座") and states_figure("时延低于 10ms")


def test_a_count_that_introduces_a_list_is_not_the_asked_unit() -> None:
    assert asked_unit("5G的几个关键性能指标：用户体验速率、时延、连接能力分别是多少？") == ""
    assert asked_unit("那35个项目里，示范类的有几个、投了多少钱") == "个项座所条台件次处"
    # 几个 says "several" when the question goes on to ask about some of them
    assert asked_unit("规划举了几个国家的例子，其中英国和法国分别是怎么做的？") == ""
    assert asked_unit("规划举了几个国家的例子？") == "个项座所条台件次处"


def test_discourse_words_of_asking_are_not_terms() -> None:
    terms = analyze("广州全市和花都区各自的5G基站建设目标到底是多少？").terms
    assert "各自" not in terms and "到底" not in terms and "基站" in terms


def test_a_how_many_question_names_what_it_counts() -> None:
    assert counted_nouns("云浮监管平台接进来多少家药店？") == ("药店",)
    assert counted_nouns("花都要推动多少家龙头企业完成工业互联网内网改造？") == ("龙头企业",)
    assert counted_nouns("现在线上有多少医生出诊、覆盖多少个学科？") == ("学科",)
    assert counted_nouns("5G的几个关键性能指标：用户体验速率、时延分别是多少？") == ()
    assert counted_nouns("哪几个城市建集聚区？") == ()


def test_which_meeting_asks_for_an_ordinal_not_a_count() -> None:
    q = analyze("《广东省数字经济促进条例》是在省人大常委会第几次会议上通过的？")
    assert q.unit == "" and not q.asks_amount and q.asks_rank
    assert analyze("开了几次会议？").unit == "次"


def test_a_document_number_is_an_identifier_not_an_amount() -> None:
    q = analyze("那份规划是哪年印发的？文号又是多少？")
    assert not q.asks_how_much and not q.asks_amount
    assert analyze("文号是多少？补贴又是多少？").asks_how_much


def test_less_common_measure_words_are_asked_units() -> None:
    assert asked_unit("目前已经有多少艘渔船接入了系统？") == "艘"
    assert asked_unit("要建多少根智杆？") == "根"
    assert has_quantity("建设“智杆”3000根", "根") and not has_quantity("推进智杆建设", "根")


def test_a_question_asking_for_power_needs_a_figure_in_watts() -> None:
    assert asked_unit("一共聚合了多少兆瓦的可调负荷？") == "瓦"
    assert asked_unit("充换电服务能力要达到多少万千瓦？") == "瓦"
    assert has_quantity("充换电服务能力达到250万千瓦", "瓦") and has_quantity("装机容量50MW", "瓦")
    assert not has_quantity("共有超过200家规上企业", "瓦")


def test_a_discount_is_asked_in_tenths_and_stated_as_one() -> None:
    assert asked_unit("人才公寓的租金按市场价的几折？") == "折"
    assert has_quantity("租金按市场价的七折收取", "折") and has_quantity("按8折优惠", "折")
    assert not has_quantity("数据中心可使用折合标准机架数约20万架", "折")
    assert not has_quantity("可租住由当地政府提供的人才公寓。", "折")


def test_a_keyword_query_ending_on_a_measure_asks_how_much() -> None:
    assert analyze("花都 2019年 规上装备制造业增加值").asks_how_much
    assert asked_unit("花都 重点项目表 鸿利光电背光显示项目 总投资") == "金额"
    assert not analyze("花都 先进制造业 2025年 规上工业总产值 目标").asks_how_much  # asks for the passage
    assert not analyze("花都 重点项目表 新型显示 项目").asks_how_much


def test_volumes_transactions_and_papers_are_units_of_their_own() -> None:
    unit = asked_unit("读者一共跨馆通借了多少册纸质书？")
    assert unit == "册"
    assert not has_quantity("领取“粤读通”电子证照的读者已超20万人次", unit)
    assert has_quantity("累计通借图书3.2万册", unit)
    assert asked_unit("刷脸支付完成了多少笔交易？") == "笔"
