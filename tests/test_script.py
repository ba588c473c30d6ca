"""Spaceless scripts: boundaries of numbers and names, and word counts, in CJK text."""

from __future__ import annotations

import re

from locqa.script import WORD, has_spaceless, word_count


def test_a_han_or_kana_character_is_no_word_character_of_a_spaced_script() -> None:
    number = re.compile(rf"(?<!{WORD})\d+(?:\.\d+)*(?!{WORD})")
    assert number.findall("Adobe Commerce 2.3.1のPage Builder") == ["2.3.1"]
    assert number.findall("合计75美元") == ["75"]
    assert number.findall("version2") == []  # a Latin letter still joins


def test_words_are_counted_as_translation_tools_count_them() -> None:
    assert word_count("Open the cart now.") == 4
    assert word_count("カートを開きます。") == 8  # each character, not the full stop
    assert word_count("打开 API 设置：") == 5
    assert has_spaceless("打开") and not has_spaceless("Öffnen")
