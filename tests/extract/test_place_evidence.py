"""Place evidence (extract/places.py): golden must-find / must-not-find cases.

Every sentence is quoted from the dev split's articles (eval/news/dev) or the
unlabelled SaudiNewsNet news; none comes from the test split.
"""

from __future__ import annotations

import pytest

from tahqiq.extract.mentions import find_mentions


def _places(text: str) -> set[str]:
    return {m.text for m in find_mentions("d", text) if m.type == "LOC"}


@pytest.mark.parametrize("text,word", [
    # everyday words that GeoNames also lists as towns
    ("فهو لن يسمح بسحب البساط من تحت أقدام «قاعدته» على يد «داعش»", "أقدام"),  # Aghdam, Azerbaijan
    ("أن الشرطة التركية تعرفت على هوية مشتبه به مرتبط بالهجوم الانتحاري", "هوية"),  # Huế, Vietnam
    ("وتلقيه مبلغ مالي من أحد الأشخاص للقيام بالخروج", "مالي"),  # the country Mali
    ("بحسب وكالة الأنباء الكويتية \"كونا\" أنها لن تألو جهدا", "كونا"),
    ("إلى الاحتشاد غدا الثلاثاء في الشوارع والميادين بالتزامن مع عودة العمال", "الميادين"),
    # people's names
    ("كما أدان الأمين العام للأمم المتحدة بان كي مون الحادث", "مون"),
    ("بريجيت باردو تطالب بعقوبة رادعة للأميركي قاتل الأسد", "باردو"),
    ("ومعاناة المدافع الاسباني تشيكو فلوريس من قطع في الرباط الداخلي للركبة", "تشيكو"),
])
def test_must_not_find(text, word):
    assert word not in _places(text) and word.lstrip("و") not in _places(text)


@pytest.mark.parametrize("text,words", [
    ("ضبط ستة من أعضاء تلك اللجان بمحافظات (المنوفية ، كفرالشيخ ، دمياط ، البحيرة).", {"كفرالشيخ", "دمياط"}),
    ("وأوضح مدير المرصد رامي عبد الرحمن ومقره لندن أن هؤلاء جزء من مجموعة", {"لندن"}),
    ("إن زيارة وفد كبير من هذه اللجنة إلى قضاء الكرمة خير دليل", {"الكرمة"}),
    ("وقال في مؤتمر صحافي في شانلي اورفة \"تم تحديد هوية مشتبه به", {"شانلي اورفة"}),
    ("أطلقت قوات المعارضة مجموعة من العمليات في وقت متزامن في درعا وإدلب وحلب وريف حمص",
     {"درعا", "إدلب", "حلب"}),
    ("لعملياتها العسكرية خصوصاً في مدن البوكمال والميادين والعشارة، حيث تستهدف", {"البوكمال", "الميادين"}),
    ("الذي شغل منصب أمير الزكاة بمدينة #الميادين والذي فر أيضاً", {"الميادين"}),
    ("ربما يعتقد بأن العراق وسوريا وحتى مالي معرضة لضربات التحالف", {"العراق", "مالي"}),
    ("وتزامن وصول دي ميستورا إلى دمشق، لبحث التعديلات على إعلان جنيف", {"دمشق"}),
])
def test_must_find(text, words):
    assert words <= _places(text)


def test_a_known_place_in_context_supports_its_bare_mentions():
    text = "وصل المقاتلون إلى الميادين. وتشهد الميادين اشتباكات"
    found = [m.text for m in find_mentions("d", text) if m.type == "LOC"]
    assert found.count("الميادين") == 2


def test_two_bare_towns_side_by_side_are_a_name_not_places():
    # a constructed case for the rule (no dev or news article has one): "حماة حمص" without a
    # conjunction or comma reads as a person's name, not a list of towns
    assert not {"حماة", "حمص"} & _places("التقى الوفد بالسيد حماة حمص في سوريا أمس")
