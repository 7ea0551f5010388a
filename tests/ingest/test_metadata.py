"""Title, outlet, byline and date from the head of pasted articles."""

from __future__ import annotations

import pytest

from tahqiq.ingest import document_from_text
from tahqiq.ingest.dates import parse_date

PARA = ("أفادت مصادر محلية أن قوات الأمن اعتقلت عدداً من عناصر التنظيم في ريف المدينة الشرقي، "
        "بعد أيام من فرارهم من مناطق سيطرته.")


@pytest.mark.parametrize("text,want", [
    ("3 يناير 2016", "2016-01-03"),
    ("أضيف في 5 مارس 2018 الساعة 10:12", "2018-03-05"),
    ("١٢ تموز ٢٠١٧", "2017-07-12"),
    ("2 كانون الثاني/يناير 2016", "2016-01-02"),
    ("الأحد 14 أيلول (سبتمبر) 2014", "2014-09-14"),
    ("۲۳ آذار ۲۰۱۹", "2019-03-23"),
    ("نشر بتاريخ 2019-03-02", "2019-03-02"),
    ("تشرين الأول 2015", "2015-10"),
    ("31 فبراير 2016", None),
    ("قتل 20 عنصراً في الهجوم", None),
])
def test_parse_date(text, want):
    assert parse_date(text) == want


def test_title_outlet_line():
    doc = document_from_text(f"قيادات التنظيم تهرب من المدينة\n\nأخبار ليبيا 24\n\n{PARA}", "x.txt")
    assert doc.title == "قيادات التنظيم تهرب من المدينة"
    assert doc.outlet == "أخبار ليبيا 24"
    assert doc.text.startswith("قيادات التنظيم تهرب") and "أخبار ليبيا 24" not in doc.text


def test_outlet_city_and_byline_in_brackets():
    doc = document_from_text(f"أخبار الآن | دبي – الإمارات (بلال الفارس)\n\n{PARA}", "x.txt")
    assert (doc.outlet, doc.byline, doc.title) == ("أخبار الآن", "بلال الفارس", None)


def test_byline_alone_and_date_line():
    doc = document_from_text(f"حمزة فراتي\nأضيف في 5 مارس 2018 الساعة 10:12\n\n{PARA}", "x.txt")
    assert doc.byline == "حمزة فراتي" and doc.published == "2018-03-05"
    assert doc.text == PARA


def test_source_line_at_the_foot():
    doc = document_from_text(f"{PARA}\n\nالمصدر: موقع عنب بلدي", "x.txt")
    assert doc.outlet == "عنب بلدي" and "المصدر" not in doc.text


def test_wire_credit():
    doc = document_from_text(f"بيروت (ا ف ب) - {PARA}", "x.txt")
    assert doc.outlet == "فرانس برس"


def test_written_by_byline():
    doc = document_from_text(f"بقلم: سامر الخطيب\n\n{PARA}", "x.txt")
    assert doc.byline == "سامر الخطيب"


def test_no_metadata_invented():
    doc = document_from_text(PARA, "x.txt")
    assert (doc.title, doc.outlet, doc.byline, doc.published) == (None, None, None, None)
