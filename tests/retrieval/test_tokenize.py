from __future__ import annotations

from assistant.retrieval.tokenize import cities, compared_places, coverage, head_noun, mentions, query_tokens


def test_cities_are_read_from_bare_names_and_districts() -> None:
    assert cities("截至2022年底，深圳人工智能相关企业数量达到多少家？") == {"深圳"}
    assert cities("花都区人工智能与数字经济“十四五”发展规划") == {"广州"}
    assert cities("广东省数字经济发展指引 1.0") == frozenset()


def test_a_counted_phrase_ends_on_its_noun_not_on_what_is_said_of_it() -> None:
    assert head_noun("龙头企业完成工业互联网内网改造") == "龙头企业"
    assert head_noun("5G应用领域的创新型企业") == "企业"
    assert head_noun("了") == ""


def test_an_industry_is_also_named_by_its_sector() -> None:
    assert mentions("规模以上工业产值前六大行业依次为：汽车制造业产值1868.38亿元", "汽车产业")
    assert mentions("汽车产业产值达1857.50亿元", "汽车制造业")
    assert not mentions("汽车零部件企业总部集聚区", "汽车产业")


def test_growth_is_matched_as_a_growth_rate() -> None:
    assert mentions("“十三五”期间年均增速0.99%", "增长")
    assert coverage(["年均", "增长"], "“十三五”期间年均增速0.99%") == 1.0


def test_winning_an_award_is_matched_as_the_plans_write_it() -> None:
    assert mentions("推动打造2个集群标杆，荣获第四届绽放杯全国三等奖", "获奖")


def test_query_tokens_leave_out_the_askers_counts() -> None:
    tokens = query_tokens("花都规划的三个产业园区是哪三个？")
    assert "三个" not in tokens and "产业园" in tokens
    assert "规模" in query_tokens("规上工业总产值")


def test_compared_places_include_short_names_but_not_generic_words() -> None:
    assert compared_places("广州和深圳哪个城市建成的5G基站更多？") == ["广州", "深圳"]
    assert compared_places("花都和番禺比，哪个区的规上工业总产值更高？") == ["花都", "番禺"]
