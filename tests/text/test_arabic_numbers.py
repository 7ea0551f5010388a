"""Arabic counts agree with their number (text/arabic_numbers.py), the one table the web app and the
printable case file both count with."""

from __future__ import annotations

import pytest

from tahqiq.text.arabic_numbers import NOUNS, category, count, disagreements, genitive


def test_categories_follow_the_last_two_digits():
    assert [category(n) for n in (0, 1, 2, 3, 10, 11, 99, 100, 101, 102, 103, 111, 1000, 2003)] == \
        ["zero", "one", "two", "few", "few", "many", "many", "other", "other", "other", "few", "many", "other",
         "few"]


def test_count_takes_the_form_its_number_needs():
    assert count(0, "source") == "لا مصادر مستقلة"
    assert count(1, "source") == "مصدر مستقل واحد"
    assert count(2, "source") == "مصدران مستقلان"
    assert count(3, "source") == "3 مصادر مستقلة"
    assert count(11, "source") == "11 مصدرًا مستقلًا"
    assert count(100, "source") == "100 مصدر مستقل"
    assert count(6, "mention") == "6 مرات ذكر" and count(3, "document") == "3 وثائق"
    assert count(1, "byte") == "بايت واحد" and count(2, "byte") == "بايتان"
    assert count(1234, "byte") == "1,234 بايتًا" and count(1200, "byte") == "1,200 بايت"
    assert count(1000, "claim") == "1,000 ادعاء"  # the tanwin of «ادعاءً» dropped in the genitive
    assert genitive("مصدرًا مستقلًا") == "مصدر مستقل"


@pytest.mark.parametrize("noun", sorted(NOUNS))
def test_every_noun_counted_from_0_to_1200_reads_as_agreeing(noun):
    text = "، ".join(count(n, noun) for n in range(1201))
    assert disagreements(text) == []


def test_disagreements_finds_the_old_case_file_forms():
    assert sorted(disagreements("<p>2 مصدر مستقل — 6 ذكر في 3 وثيقة</p>")) == ["2 مصدر مستقل", "3 وثيقة", "6 ذكر"]
    assert disagreements("<p>11 وثائق و3 كيانات و100 كيانًا</p>") == ["11 وثائق", "100 كيانًا"]
    assert disagreements("<p>3 وثائق، 11 كيانًا، 100 كيان، 1,203 ادعاءات، (512 بايت)</p>") == ["512 بايت"]


def test_the_web_app_counts_with_the_same_table():
    from tahqiq.serve import arabic

    assert arabic.count is count and arabic.NOUNS is NOUNS and arabic.category is category
