from __future__ import annotations

from assistant.ingest.headings import numeral_value


def test_numerals_are_read_in_digits_or_chinese_up_to_ninety_nine() -> None:
    assert numeral_value("12") == 12 and numeral_value("四") == 4 and numeral_value("两") == 2
    assert numeral_value("十") == 10 and numeral_value("十一") == 11 and numeral_value("二十") == 20
    assert numeral_value("三十五") == 35 and numeral_value("一百") == 0
