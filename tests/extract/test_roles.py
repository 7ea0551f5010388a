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


@pytest.mark.parametrize("text,roles", [
    # unlabelled news and the dev split: a definite noun joined by و is one more part of the portfolio
    ("وقال وزير الثقافة والإعلام الدكتور عادل الطريفي", ["وزير الثقافة والإعلام"]),
    ("وأوضح وزير الشؤون البلدية والقروية المهندس", ["وزير الشؤون البلدية والقروية"]),
    ("وقال وزير البيئة والحياة البرية الزيمبابوي إن", ["وزير البيئة والحياة البرية الزيمبابوي"]),
    # a title without the article after a finished post opens a second post of the same person
    ("وأكد وزير المياه والكهرباء رئيس مجلس إدارة المؤسسة العامة لتحلية المياه",
     ["وزير المياه والكهرباء", "رئيس مجلس إدارة المؤسسة العامة لتحلية المياه"]),
    ("وقال محافظ الأنبار رئيس اللجنة الأمنية في المحافظة", ["محافظ الأنبار", "رئيس اللجنة الأمنية في المحافظة"]),
    # but a construct chain of titles is one post
    ("وقال نائب رئيس الوزراء التركي إن", ["نائب رئيس الوزراء التركي"]),
])
def test_coordinated_and_stacked_posts(text, roles):
    assert [r[2] for r in find_roles(text)] == roles


def test_a_man_is_no_title_without_business():
    assert [r[2] for r in find_roles("وقال رجل الأعمال إن")] == ["رجل الأعمال"]
    assert find_roles("وهو رجل شهير بين المقاتلين العرب والأجانب") == []


@pytest.mark.parametrize("text", [
    "فر عدد من القياديين إلى مدينة أعزاز",
    "وقال أحد الناشطين إن الوضع صعب",  # "أحد" + a noun that is no member noun
])
def test_no_role(text):
    assert find_roles(text) == []
