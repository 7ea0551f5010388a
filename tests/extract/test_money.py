"""Money amounts: numbers in digits, Arabic-Indic digits and words, with their currency."""

import pytest

from tahqiq.extract.money import find_money

CASES = [
    ("بعدما دفعوا ثلاثة الاف دولار لكل فرد في العائلة", "ثلاثة الاف دولار", 3000, "USD"),
    ("وصلت تكلفة الواحد منهم 20 ألف دولار “بعد التنسيق", "20 ألف دولار", 20000, "USD"),
    ("حيث فر وبحوزته ما يقارب 300 ألف دولار، وقد وضع", "300 ألف دولار", 300000, "USD"),
    ("دفع ٢٠٠٠ يورو للمهرب", "٢٠٠٠ يورو", 2000, "EUR"),
    ("مبلغ نصف مليون ليرة سورية", "نصف مليون ليرة سورية", 500000, "SYP"),
    ("نحو مليون ونصف دولار", "مليون ونصف دولار", 1500000, "USD"),
    ("دفع ألفي دولار", "ألفي دولار", 2000, "USD"),
    ("بخمسة وعشرين ألف دينار عراقي", "خمسة وعشرين ألف دينار عراقي", 25000, "IQD"),
    ("بمبلغ 1.5 مليون يورو", "1.5 مليون يورو", 1500000, "EUR"),
    ("20,000 دولار أمريكي", "20,000 دولار أمريكي", 20000, "USD"),
]


@pytest.mark.parametrize("text,surface,value,unit", CASES)
def test_amounts(text, surface, value, unit):
    found = find_money(text)
    assert len(found) == 1
    m = found[0]
    assert (m.surface, m.value, m.unit) == (surface, value, unit)
    assert text[m.start:m.end] == m.surface


def test_object_shape():
    m = find_money("دفعوا ثلاثة الاف دولار")[0]
    assert m.as_object() == {"value": 3000, "unit": "USD", "text": "ثلاثة الاف دولار"}


@pytest.mark.parametrize("text", [
    "هروب نحو 30 عنصرا من أفراده",       # a count, not money
    "يحاصر 10 آلاف طفل في الرقة",
    "وبحوزته مبالغ مالية ضخمة",          # money without an amount
    "الدولار الأمريكي ارتفع أمام الليرة",  # currencies without a number
])
def test_no_amount(text):
    assert find_money(text) == []
