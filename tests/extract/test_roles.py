"""Role phrases: title + office + optional place, stopping where the role ends."""

import pytest

from tahqiq.extract.roles import find_roles


@pytest.mark.parametrize("text,role", [
    ("عُرف منهم نائب أمير جهاز الحسبة في مدينة العشارة المدعو “حامد", "نائب أمير جهاز الحسبة في مدينة العشارة"),
    ("والذي شغل منصب أمير الزكاة بمدينة الميادين والذي فر أيضاً", "أمير الزكاة بمدينة الميادين"),
    ("وشغل منصب الأمني العام في دير الزور حيث فر", "الأمني العام في دير الزور"),
    ("مسؤول مكتب الإستتابة في محافظة دير الزور، وصل إلى", "مسؤول مكتب الإستتابة في محافظة دير الزور"),
    ("وعبد الهادي الحلوم أحد افراد الجهاز الأمني بدير الزور” وفق المصدر", "أحد افراد الجهاز الأمني بدير الزور"),
    ("(أبو تمام) أمير عسكري بقطاعات المطار، وعبد الهادي", "أمير عسكري بقطاعات المطار"),
])
def test_role_spans(text, role):
    assert [r[2] for r in find_roles(text)] == [role]


@pytest.mark.parametrize("text", [
    "فر عدد من القياديين إلى مدينة أعزاز",
    "وقال أحد الناشطين إن الوضع صعب",  # "أحد" + a noun that is no member noun
])
def test_no_role(text):
    assert find_roles(text) == []
