"""Dates in running text, resolved against the publication date."""

import pytest

from tahqiq.extract.when import find_dates

PUB = "2017-09-07"  # a Thursday


@pytest.mark.parametrize("text,published,surface,iso", [
    ("كما فر منتصف الشهر الماضي، قياديين", PUB, "منتصف الشهر الماضي", "2017-08"),
    ("كما فر منتصف الشهر الماضي، قياديين", None, "منتصف الشهر الماضي", None),
    ("سافر عام 2014 من باريس إلى إسطنبول", None, "عام 2014", "2014"),
    ("وصل أمس الأربعاء إلى تركيا", PUB, "أمس الأربعاء", "2017-09-06"),
    ("وصل أمس إلى تركيا", PUB, "أمس", "2017-09-06"),
    ("اعتقل في 15 حزيران 2017 في إسطنبول", None, "15 حزيران 2017", "2017-06-15"),
    ("انشق في آذار 2012 عن الجيش", None, "آذار 2012", "2012-03"),
    ("فر الأسبوع الماضي", PUB, "الأسبوع الماضي", "2017-08"),
    ("وصلوا قبل ثلاثة أيام", PUB, "قبل ثلاثة أيام", "2017-09-04"),
    ("قتل يوم الاثنين في غارة", PUB, "يوم الاثنين", "2017-09-04"),
    ("وصل العام الماضي", PUB, "العام الماضي", "2016"),
])
def test_dates(text, published, surface, iso):
    found = find_dates(text, published)
    assert [(w.surface, w.iso) for w in found] == [(surface, iso)]
    assert text[found[0].start:found[0].end] == surface


def test_no_dates():
    assert find_dates("فر القيادي إلى مدينة أعزاز بريف حلب الشمالي", PUB) == []
